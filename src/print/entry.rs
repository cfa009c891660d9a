//! One entry as printed: the web page's view (`entries::entry_page`, so print and web never
//! disagree on a label or a fiscal year) plus what paper needs — the entry's number, its hours in
//! one line, and a QR code to its web page, where the facts are kept current.

use crate::content::model::{Entry, Hours, SiteConfig};
use crate::print::PrintError;
use crate::print::QrCodes;
use crate::text::Html;
use crate::view::entries::{self, EntryPage};
use crate::view::style::TextStyle;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct PrintEntry {
    pub number: usize,
    pub anchor: String,
    /// For the running header, which is CSS text, not HTML.
    pub name_plain: String,
    pub page: EntryPage,
    /// The week in one line (text), e.g. `月曜〜金曜 9:00〜16:00 ／ 土曜・日曜・祝日 休み`.
    pub hours_line: Option<String>,
    /// The absolute address the QR code encodes, also printed for typing by hand.
    pub web_url: String,
    pub qr_svg: Html,
}

pub fn anchor(id: &str) -> String {
    format!("entry-{id}")
}

/// `body_html` is the entry's description, already adjusted for paper; `asset_root` leads from
/// the print document to the site root, where the photos are (`media/…`).
pub fn view(
    entry: &Entry,
    number: usize,
    config: &SiteConfig,
    asset_root: &str,
    body_html: Html,
    tx: &dyn TextStyle,
    codes: &QrCodes,
) -> Result<PrintEntry, PrintError> {
    let page = entries::entry_page(entry, config, asset_root, body_html, tx);
    let web_url = web_url(entry, config);
    let label = format!("{}のウェブページのQRコード", tx.plain(&entry.name));
    let qr_svg = codes
        .svg(&web_url, &label)
        .map_err(|error| PrintError::Qr {
            url: web_url.clone(),
            error,
        })?;
    Ok(PrintEntry {
        number,
        anchor: anchor(&entry.id),
        name_plain: tx.plain(&entry.name),
        page,
        hours_line: entry.hours.as_ref().map(hours_line),
        web_url,
        qr_svg,
    })
}

/// The address of the entry's web page, which its QR code holds.
pub fn web_url(entry: &Entry, config: &SiteConfig) -> String {
    format!("{}{}", config.base_url, crate::enrich::entry_url(&entry.id))
}

/// Days with the same hours are joined, so a usual week takes one short line instead of a table.
fn hours_line(h: &Hours) -> String {
    let days = [
        ("月曜〜金曜", h.weekdays),
        ("土曜", h.saturday),
        ("日曜", h.sunday),
        ("祝日", h.holidays),
    ];
    let mut groups: Vec<(Vec<&str>, String)> = Vec::new();
    for (label, range) in days {
        let value = range.map_or_else(|| "休み".to_string(), |r| r.to_string());
        match groups.last_mut() {
            Some((labels, last)) if *last == value => labels.push(label),
            _ => groups.push((vec![label], value)),
        }
    }
    groups
        .into_iter()
        .map(|(labels, value)| format!("{} {value}", labels.join("・")))
        .collect::<Vec<_>>()
        .join(" ／ ")
}

#[cfg(test)]
mod tests {
    use super::hours_line;
    use crate::content::model::{Hours, TimeRange};

    #[test]
    fn same_days_are_joined() {
        let nine_to_four = Some(TimeRange {
            open: 9 * 60,
            close: 16 * 60,
        });
        let h = Hours {
            weekdays: nine_to_four,
            saturday: None,
            sunday: None,
            holidays: None,
            notes: None,
        };
        assert_eq!(
            hours_line(&h),
            "月曜〜金曜 9:00〜16:00 ／ 土曜・日曜・祝日 休み"
        );
    }
}
