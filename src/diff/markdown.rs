//! The comparison as Markdown for a pull-request comment, in Japanese: the council's reviewers
//! read it on GitHub. Provider text is escaped, so nothing a file says can become a link, a
//! mention, HTML or a heading of the comment.

use crate::diagnostics::{Diagnostic, Severity};
use crate::diff::compare::{Changed, Changes, PhotoChange, RowChange, Section};
use crate::diff::facts::Item;
use crate::diff::revision::Snapshot;
use crate::lang::Lang;
use crate::paths::slash;
use std::fmt::Write;

/// How many of a revision's problems the comment quotes.
const PROBLEMS_SHOWN: usize = 5;
/// Longer values are cut (a reviewer opens the file for the rest).
const VALUE_CHARS: usize = 200;

/// The whole comment. `changes` is `None` when a revision could not be read at all.
pub fn write(old: &Snapshot, new: &Snapshot, changes: Option<&Changes>) -> String {
    let mut out = String::from("## ガイドの変わるところ\n\n");
    let _ = writeln!(
        out,
        "{} と {} をくらべました。\n",
        revision(old),
        revision(new)
    );
    for snapshot in [old, new] {
        problems(&mut out, snapshot);
    }
    let Some(changes) = changes else {
        out.push_str("サイト全体を読めないため、変更をくらべられません。エラーを直すと、ここに変更が出ます。\n");
        return out;
    };
    if changes.is_empty() {
        out.push_str(
            "読む人に見える変更はありません（書きかたを整えただけの変更は、ここには出ません）。\n",
        );
        return out;
    }
    settings(&mut out, &changes.settings);
    section(
        &mut out,
        "項目（事業所・企業・相談先・集まり）",
        &changes.entries,
    );
    section(&mut out, "催し", &changes.events);
    section(&mut out, "ページ", &changes.pages);
    section(&mut out, "用語集", &changes.glossary);
    out
}

fn revision(s: &Snapshot) -> String {
    match (&s.name, &s.commit) {
        (Some(name), Some(commit)) if name.starts_with(commit.as_str()) => code(name),
        (Some(name), Some(commit)) => format!("{}（{}）", code(name), code(commit)),
        (Some(name), None) => code(name),
        (None, _) => "いまの作業中のファイル".to_string(),
    }
}

fn problems(out: &mut String, s: &Snapshot) {
    let errors: Vec<&Diagnostic> = s
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "⚠️ {} のサイトには、エラーが {}件 あります。エラーのあるファイルは、直すまでくらべられません。\n",
        revision(s),
        errors.len()
    );
    for d in errors.iter().take(PROBLEMS_SHOWN) {
        let field = match d.field.is_empty() {
            true => String::new(),
            false => format!(" {}:", escape(&d.field)),
        };
        let _ = writeln!(
            out,
            "- {} {}行目{field} {}",
            code(&slash(&d.file)),
            d.pos.line,
            escape(d.problem.wording().message.get(Lang::Ja))
        );
    }
    if errors.len() > PROBLEMS_SHOWN {
        let _ = writeln!(out, "- ほかに {}件", errors.len() - PROBLEMS_SHOWN);
    }
    out.push('\n');
}

fn settings(out: &mut String, s: &Section) {
    if s.changed.is_empty() {
        return;
    }
    out.push_str("### サイトの設定（site.yaml）\n\n");
    for c in &s.changed {
        for r in &c.rows {
            let _ = writeln!(out, "- {}", row(r));
        }
    }
    out.push('\n');
}

fn section(out: &mut String, title: &str, s: &Section) {
    if s.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {title}\n");
    if group(out, "追加", s.added.len()) {
        listed(out, &s.added);
    }
    if group(out, "削除", s.removed.len()) {
        listed(out, &s.removed);
    }
    if group(out, "変更", s.changed.len()) {
        for c in &s.changed {
            changed(out, c);
        }
        out.push('\n');
    }
    if group(
        out,
        "エラーのため、くらべられないファイル",
        s.unreadable.len(),
    ) {
        for file in &s.unreadable {
            let _ = writeln!(out, "- {}", code(file));
        }
        out.push('\n');
    }
}

/// A group's heading, when it has anything.
fn group(out: &mut String, heading: &str, count: usize) -> bool {
    if count > 0 {
        let _ = writeln!(out, "#### {heading}（{count}件）\n");
    }
    count > 0
}

fn listed(out: &mut String, items: &[Item]) {
    for i in items {
        let gist = match i.gist.is_empty() {
            true => String::new(),
            false => format!(": {}", escape(&cut(&i.gist))),
        };
        let _ = writeln!(
            out,
            "- **{}**（{}）{gist}",
            escape(&i.name),
            code(&i.source)
        );
    }
    out.push('\n');
}

fn changed(out: &mut String, c: &Changed) {
    let _ = writeln!(out, "- **{}**（{}）", escape(&c.name), code(&c.source));
    for r in &c.rows {
        let _ = writeln!(out, "  - {}", row(r));
    }
    for (src, change, alt) in &c.photos {
        let what = match change {
            PhotoChange::Added => "写真を追加",
            PhotoChange::Removed => "写真を削除",
            PhotoChange::Replaced => "写真を差しかえ",
        };
        let _ = writeln!(out, "  - {what}: {}（{}）", code(src), escape(&cut(alt)));
    }
}

/// `平均工賃月額: 15,000円 → 16,500円（2024年度）`: the fiscal year both values end with is said
/// once, after the new value (other notes in parentheses are kept on both sides).
fn row(r: &RowChange) -> String {
    let label = escape(&r.label);
    if r.long {
        let what = match (&r.old, &r.new) {
            (None, _) => "書きたしました",
            (_, None) => "消しました",
            _ => "書きかえました",
        };
        return format!("{label}: {what}");
    }
    let (old, new) = match (&r.old, &r.new) {
        (Some(old), Some(new)) => (old.as_str(), new.as_str()),
        (None, Some(new)) => return format!("{label}: （なし） → {}", escape(&cut(new))),
        (Some(old), None) => return format!("{label}: {} → （なし）", escape(&cut(old))),
        (None, None) => return label,
    };
    if let (Some(i), Some(j)) = (old.rfind('（'), new.rfind('（'))
        && i > 0
        && j > 0
        && old.ends_with('）')
        && old[i..].contains("年度")
        && old[i..] == new[j..]
    {
        return format!(
            "{label}: {} → {}{}",
            escape(&cut(&old[..i])),
            escape(&cut(&new[..j])),
            escape(&new[j..])
        );
    }
    format!("{label}: {} → {}", escape(&cut(old)), escape(&cut(new)))
}

fn cut(text: &str) -> String {
    match text.char_indices().nth(VALUE_CHARS) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// Provider text inside a Markdown line: on one line, Markdown's punctuation escaped, and `<`,
/// `>`, `&` as entities, so it is shown as written and can start nothing.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            // Values never start a line, so list and heading markers are safe; these are not.
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' | '@' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A file name or revision as inline code.
fn code(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| match c {
            '`' | '\n' | '\r' => '\'',
            c => c,
        })
        .collect();
    format!("`{clean}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(old: Option<&str>, new: Option<&str>) -> RowChange {
        RowChange {
            label: "平均工賃月額".into(),
            old: old.map(String::from),
            new: new.map(String::from),
            long: false,
        }
    }

    #[test]
    fn a_shared_note_is_said_once() {
        let r = change(Some("15,000円（2024年度）"), Some("16,500円（2024年度）"));
        assert_eq!(row(&r), "平均工賃月額: 15,000円 → 16,500円（2024年度）");
        let r = change(Some("15,000円（2023年度）"), Some("16,500円（2024年度）"));
        assert_eq!(
            row(&r),
            "平均工賃月額: 15,000円（2023年度） → 16,500円（2024年度）"
        );
        let r = change(Some("2台（無料）"), Some("3台（無料）"));
        assert_eq!(row(&r), "平均工賃月額: 2台（無料） → 3台（無料）");
        let r = change(None, Some("16,500円（2024年度）"));
        assert_eq!(row(&r), "平均工賃月額: （なし） → 16,500円（2024年度）");
    }

    #[test]
    fn provider_text_cannot_make_markup() {
        assert_eq!(
            escape("<b>@team [x](y)\n# z"),
            "&lt;b&gt;\\@team \\[x\\](y) \\# z"
        );
    }
}
