//! Renderings of diagnostics: for a person at a terminal, for GitHub pull-request annotations,
//! and as JSON for other tools.

use crate::check::{Diagnostic, Diagnostics, Severity};
use crate::content::paths::slash;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Human,
    Github,
    Json,
}

/// Message language: Japanese unless `SHIRUBE_LANG` starts with `en`.
pub fn english_from_env() -> bool {
    std::env::var("SHIRUBE_LANG").is_ok_and(|v| v.starts_with("en"))
}

pub fn render(diags: &Diagnostics, format: ReportFormat, english: bool) -> String {
    match format {
        ReportFormat::Human => human(diags, english),
        ReportFormat::Github => github(diags, english),
        ReportFormat::Json => json(diags, english),
    }
}

fn location(d: &Diagnostic) -> String {
    format!("{}:{}:{}", slash(&d.file), d.pos.line, d.pos.column)
}

/// One line per problem, `file:line:column field: message`, then how to fix it, indented.
pub fn human(diags: &Diagnostics, english: bool) -> String {
    let mut out = String::new();
    for d in diags.sorted() {
        let label = match (d.severity, english) {
            (Severity::Error, _) => "",
            (Severity::Warning, false) => "警告 ",
            (Severity::Warning, true) => "warning ",
        };
        let field = if d.field.is_empty() {
            String::new()
        } else {
            format!("{}: ", d.field)
        };
        out.push_str(&format!(
            "{} {label}{field}{}\n",
            location(d),
            d.problem.message(english)
        ));
        if let Some(fix) = d.problem.fix(english) {
            let lead = if english {
                "  fix: "
            } else {
                "  直しかた: "
            };
            out.push_str(&format!("{lead}{fix}\n"));
        }
    }
    out.push_str(&summary(diags, english));
    out
}

pub fn summary(diags: &Diagnostics, english: bool) -> String {
    let errors = diags.count(Severity::Error);
    let warnings = diags.count(Severity::Warning);
    if english {
        format!("{errors} error(s), {warnings} warning(s)\n")
    } else {
        format!("エラー {errors}件、警告 {warnings}件\n")
    }
}

/// GitHub Actions workflow commands: each problem shows up on the line in the pull request.
fn github(diags: &Diagnostics, english: bool) -> String {
    let mut out = String::new();
    for d in diags.sorted() {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.problem.message(english);
        if let Some(fix) = d.problem.fix(english) {
            message.push('\n');
            message.push_str(&fix);
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},title={}::{}\n",
            escape_property(&slash(&d.file)),
            d.pos.line,
            d.pos.column,
            escape_property(&d.field),
            escape_data(&message)
        ));
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn json(diags: &Diagnostics, english: bool) -> String {
    let items: Vec<serde_json::Value> = diags
        .sorted()
        .into_iter()
        .map(|d| {
            serde_json::json!({
                "severity": d.severity,
                "file": slash(&d.file),
                "line": d.pos.line,
                "column": d.pos.column,
                "field": d.field,
                "code": d.problem,
                "message": d.problem.message(english),
                "fix": d.problem.fix(english),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}
