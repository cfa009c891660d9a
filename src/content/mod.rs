//! The content model and the load stage.

pub mod date;
pub mod frontmatter;
pub mod load;
pub mod model;
pub mod paths;
