//! `shirube diff`: what a change does to the guide, for the people who review it. Two revisions
//! of the site are read out of git (`revision`), each loaded and checked into the typed model,
//! flattened into what a reader sees with the labels of the site's own views (`facts`), compared
//! item by item and field by field (`compare`), and written as Japanese Markdown for a
//! pull-request comment (`markdown`). Comparing the checked model, not the YAML, means a file
//! only reformatted shows no change.

pub mod compare;
pub mod facts;
pub mod markdown;
pub mod revision;

pub use revision::{DiffError, Repository, Snapshot};

use crate::content::date::Date;
use std::path::Path;

/// The comparison of revision `base` with `head` (or, without `head`, with the site as it is on
/// disk), as a pull-request comment in Markdown.
pub fn diff(
    site_dir: &Path,
    base: &str,
    head: Option<&str>,
    today: Date,
) -> Result<String, DiffError> {
    let repo = Repository::find(site_dir)?;
    // Both names first, so that a mistyped head is reported before any checking.
    repo.resolve(base)?;
    if let Some(head) = head {
        repo.resolve(head)?;
    }
    let old = repo.snapshot(base, today)?;
    let new = match head {
        Some(head) => repo.snapshot(head, today)?,
        None => revision::working_tree(site_dir, today),
    };
    Ok(compare_snapshots(&old, &new))
}

/// The Markdown for two snapshots already read.
pub fn compare_snapshots(old: &Snapshot, new: &Snapshot) -> String {
    let changes = match (&old.site, &new.site) {
        (Some(a), Some(b)) => Some(compare::compare(a, &old.diagnostics, b, &new.diagnostics)),
        _ => None,
    };
    markdown::write(old, new, changes.as_ref())
}
