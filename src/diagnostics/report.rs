//! Renderings of diagnostics: for a person at a terminal, for GitHub pull-request annotations,
//! and as JSON for other tools.

use crate::diagnostics::{Diagnostics, Severity};
use crate::lang::{Lang, msg};
use crate::paths::slash;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Human,
    Github,
    Json,
}

pub fn render(diags: &Diagnostics, format: ReportFormat, lang: Lang) -> String {
    match format {
        ReportFormat::Human => human(diags, lang),
        ReportFormat::Github => github(diags, lang),
        ReportFormat::Json => json(diags, lang),
    }
}

/// One line per problem, `file:line:column field: message`, then how to fix it, indented.
pub fn human(diags: &Diagnostics, lang: Lang) -> String {
    use std::fmt::Write as _;
    let sorted = diags.sorted();
    // Written in place, in room made once: an import's ten thousand warnings, each formatted
    // apart and copied in as the text grew, were the last hundredth of a national build.
    let mut out = String::with_capacity(sorted.len() * 320 + 64);
    let lead = msg("  直しかた: ", "  fix: ");
    for d in sorted {
        let label = match (d.severity, lang) {
            (Severity::Error, _) => "",
            (Severity::Warning, Lang::Ja) => "警告 ",
            (Severity::Warning, Lang::En) => "warning ",
        };
        let (field, colon) = match d.field.is_empty() {
            true => ("", ""),
            false => (d.field.as_str(), ": "),
        };
        let wording = d.problem.wording();
        // Writing into a String cannot fail.
        let _ = writeln!(
            out,
            "{}:{}:{} {label}{field}{colon}{}\n{}{}",
            slash(&d.file),
            d.pos.line,
            d.pos.column,
            wording.message.get(lang),
            lead.get(lang),
            wording.fix.get(lang)
        );
    }
    out.push_str(&summary(diags, lang));
    out
}

pub fn summary(diags: &Diagnostics, lang: Lang) -> String {
    let errors = diags.count(Severity::Error);
    let warnings = diags.count(Severity::Warning);
    msg(
        format!("エラー {errors}件、警告 {warnings}件\n"),
        format!("{errors} error(s), {warnings} warning(s)\n"),
    )
    .into_lang(lang)
}

/// GitHub Actions workflow commands: each problem shows up on the line in the pull request.
fn github(diags: &Diagnostics, lang: Lang) -> String {
    let mut out = String::new();
    for d in diags.sorted() {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let wording = d.problem.wording();
        let message = format!("{}\n{}", wording.message.get(lang), wording.fix.get(lang));
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

fn json(diags: &Diagnostics, lang: Lang) -> String {
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
                "message": d.problem.wording().message.get(lang),
                "fix": d.problem.wording().fix.get(lang),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}
