//! A problem found in a provider's file, with where it is and what it is.

use crate::check::problem::Problem;
use crate::yaml::Pos;
use serde::Serialize;
use std::path::{Path, PathBuf};

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

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
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
}
