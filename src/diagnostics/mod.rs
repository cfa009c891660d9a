//! The diagnostics vocabulary, below every stage that finds problems: where a problem is (`Pos`),
//! what it is (`Problem`), how bad (`Severity`), the collection one run fills (`Diagnostics`), how
//! each is worded in both languages, and how a run's problems are reported.
//!
//! Load and check both push into `Diagnostics`; neither depends on the other for it.

mod problem;
pub mod report;
mod wording;

pub use problem::{Expected, Format, Problem};
pub use wording::Wording;

use serde::Serialize;
use std::path::{Path, PathBuf};

/// A line and column in a source file, both 1-based, column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Relative to the site root, with `/` separators, so messages read the same on every machine.
    pub file: PathBuf,
    pub pos: Pos,
    /// The field path, e.g. `services[0].wage.fiscal_year`; empty for whole-file problems.
    pub field: String,
    pub problem: Problem,
}

/// Every problem found in one run. Stages push into it and go on; nothing stops at the first.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn error(&mut self, file: &Path, pos: Pos, field: impl Into<String>, problem: Problem) {
        self.push(Severity::Error, file, pos, field.into(), problem);
    }

    pub fn warning(&mut self, file: &Path, pos: Pos, field: impl Into<String>, problem: Problem) {
        self.push(Severity::Warning, file, pos, field.into(), problem);
    }

    fn push(&mut self, severity: Severity, file: &Path, pos: Pos, field: String, problem: Problem) {
        self.items.push(Diagnostic {
            severity,
            file: file.to_path_buf(),
            pos,
            field,
            problem,
        });
    }

    /// Takes in the problems found by another pass (a file read on another thread), after these.
    pub fn append(&mut self, mut other: Diagnostics) {
        self.items.append(&mut other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether these problems stop a build (or a print, or `check`'s exit code): any error, and
    /// with `strict` any warning too. The one rule for "this site is invalid".
    pub fn fail(&self, strict: bool) -> bool {
        self.has_errors() || (strict && self.count(Severity::Warning) > 0)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// In file order, then line order: the order a provider reads their file in.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| (&a.file, a.pos).cmp(&(&b.file, b.pos)));
        items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// The problems of `files` become those `fresh` finds in them (a preview that checked only
    /// the files that changed); the other files' problems stay as they were.
    pub fn replace_files(
        &mut self,
        files: &std::collections::BTreeSet<PathBuf>,
        fresh: Diagnostics,
    ) {
        self.items.retain(|d| !files.contains(&d.file));
        self.items
            .extend(fresh.items.into_iter().filter(|d| files.contains(&d.file)));
    }
}
