//! `shirube import`: entries bootstrapped from data a region already has.
//!
//! Only the national open data on employment services (WAM NET) for now. An import writes new
//! entry files and never touches existing ones: once a provider has edited their entry, it is
//! theirs.

pub mod phone;
pub mod wam;
mod yaml_out;
