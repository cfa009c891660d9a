//! Shared by the snapshot tests (`#[macro_use] mod exact_snapshot;`): an insta assertion that pins
//! the exact bytes and reports a difference instead of stopping at it.

/// Compares `$text` with the insta snapshot named `$name`, under the insta settings in force, and
/// returns what is wrong (empty when nothing is), so that a test can compare every page or case and
/// then fail once, naming all of them. For a changed snapshot insta prints the whole diff and, as
/// usual, writes it as `<name>.snap.new` for `cargo insta review`, or over `<name>.snap` with
/// `INSTA_UPDATE=always` (in CI it writes nothing).
///
/// insta compares a snapshot with the whitespace at its end trimmed and CRLF read as LF, so a text
/// that lost its last newline, gained a blank line at the end or a carriage return would still
/// match. The text must therefore also end in exactly one `\n` and have no `\r`: with both, a match
/// means its bytes are the snapshot's body exactly.
///
/// A macro rather than a function so that insta records the calling test file as the snapshot's
/// `source` and, by default, stores the snapshot in the `snapshots/` folder beside it.
macro_rules! snapshot_failures {
    ($name:expr, $text:expr) => {{
        let (name, text): (&str, &str) = ($name, $text);
        let mut failures: Vec<String> = Vec::new();
        if text.contains('\r') {
            failures.push(format!(
                "{name}: has a carriage return, which no snapshot can pin (insta reads CRLF as LF)"
            ));
        }
        if !text.ends_with('\n') || text.trim_end().len() + 1 != text.len() {
            failures.push(format!(
                "{name}: does not end in exactly one newline, which no snapshot can pin (insta ignores whitespace at the end)"
            ));
        }
        // assert_snapshot! panics on a difference, after printing the diff: catch it and go on.
        if std::panic::catch_unwind(|| insta::assert_snapshot!(name, text)).is_err() {
            failures.push(format!("{name}: differs from its snapshot (insta's diff is above)"));
        }
        failures
    }};
}
