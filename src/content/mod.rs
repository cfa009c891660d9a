//! The content model and the load stage.

pub mod comments;
pub mod date;
pub mod freshness;
pub mod frontmatter;
pub mod links;
pub mod load;
pub mod model;
pub mod syntax_causes;
