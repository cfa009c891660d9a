//! `shirube import`: entries bootstrapped from data a region already has.
//!
//! Only the national open data on employment services (WAM NET) for now. An import writes new
//! entry files, brings the fields the data owns up to date in entries it wrote before (while
//! nobody has edited them), and never touches what people wrote.

pub mod phone;
pub mod wam;
mod yaml_out;
