//! `shirube import wam`: entries for a region's offices from WAM NET's open data. New offices get
//! a file, imported entries follow the data where nobody has edited them, and what people wrote
//! is never overwritten.

use super::{Env, Outcome, say};
use anyhow::bail;
use shirube::content::date::Date;
use shirube::import::wam::{ImportError, Selection, WamImport, import};
use shirube::lang::{Lang, msg};
use shirube::paths::slash;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    source: Source,
}

#[derive(clap::Subcommand)]
enum Source {
    /// WAM NET（障害福祉サービス等情報公表システム）の CSV から、事業所を
    /// content/entries/wam-<事業所番号>.md に取り込みます。取り込んだ項目はデータに合わせて更新し、人が書いたところは書きかえません
    Wam {
        /// サービスごとの CSV（いくつでも。A型・B型・移行・定着・相談支援などを一度に）
        #[arg(required = true)]
        csv: Vec<PathBuf>,
        /// この都道府県の事業所だけ（例: 北海道、神奈川県。いくつでも）
        #[arg(long = "pref")]
        prefectures: Vec<String>,
        /// この市区町村の事業所だけ（例: 札幌市、東京都中野区、札幌市中央区。いくつでも）
        #[arg(long = "city")]
        cities: Vec<String>,
        /// すべてをこの地域に入れます（既定: 事業所のある市区町村ごとの地域。なければ site.yaml に足します）
        #[arg(long)]
        area: Option<String>,
        /// データの時点（例: 2025-03。既定: ファイルやフォルダの名前の 202503 など）
        #[arg(long)]
        as_of: Option<String>,
        /// サイトのフォルダ（site.yaml のあるところ）
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
}

pub fn run(args: Args, env: &Env) -> Outcome {
    let Source::Wam {
        csv,
        prefectures,
        cities,
        area,
        as_of,
        dir,
    } = args.source;
    let lang = env.lang;
    let selection = Selection::new(&prefectures, &cities)
        .map_err(|e| anyhow::anyhow!(ImportError::Region(e)))?;
    let as_of = match as_of.as_deref().map(parse_month).or_else(|| month_in_paths(&csv)) {
        Some(Some(date)) => date,
        _ => bail!(
            "{}",
            msg(
                "データの時点がわかりません。--as-of 2025-03 のように、データが何年何月のものかを書いてください",
                "the data's date is unknown: give the month it describes, e.g. --as-of 2025-03",
            )
            .get(lang)
        ),
    };
    let (site, _) = shirube::check_site(&dir, env.today);
    let areas: Vec<shirube::content::model::Area> = site
        .as_ref()
        .map(|s| s.config.areas.to_vec())
        .unwrap_or_default();
    if let Some(a) = &area
        && !areas.iter().any(|known| known.id == *a)
    {
        let known: Vec<&str> = areas.iter().map(|known| known.id.as_str()).collect();
        let known = known.join(", ");
        bail!(
            "{}",
            msg(
                format!("地域「{a}」は site.yaml の areas にありません（あるもの: {known}）"),
                format!("the area \"{a}\" is not in site.yaml's areas (there are: {known})"),
            )
            .get(lang)
        );
    }
    let report = import(&WamImport {
        files: &csv,
        selection: &selection,
        area: area.as_deref(),
        as_of,
        site_dir: &dir,
        areas: &areas,
    })?;
    print_report(&report, lang);
    area_problems(&dir, env.today, lang);
    Ok(ExitCode::SUCCESS)
}

fn print_report(report: &shirube::import::wam::ImportReport, lang: Lang) {
    let (rows, used, offices, merged) =
        (report.rows, report.rows_used, report.offices, report.merged);
    say(
        lang,
        format!(
            "{rows} 行のうち {used} 行から、事業所 {offices} か所を読みました（多機能型で まとめたもの {merged} か所）。"
        ),
        format!(
            "read {offices} offices from {used} of {rows} rows ({merged} multi-service offices merged)."
        ),
    );
    if report.split > 0 {
        let split = report.split;
        say(
            lang,
            format!(
                "ほかの事業所と同じ事業所番号で、場所のちがう事業所（従たる事業所）が {split} か所ありました。それぞれ べつの事業所として取り込みました（ファイル名は wam-<事業所番号>-2.md など）。"
            ),
            format!(
                "{split} offices share their office number with another site of the same office (従たる事業所): each was imported as an office of its own (files wam-<number>-2.md and on)."
            ),
        );
    }
    let (written, updated, kept, existing) = (
        report.written.len(),
        report.updated.len(),
        report.kept.len(),
        report.existing.len(),
    );
    let unchanged = offices - written - updated - kept - existing;
    say(
        lang,
        format!(
            "新しく {written} か所、データに合わせて更新 {updated} か所、変わらず {unchanged} か所。人が書きかえた項目 {kept} か所と、手で書いた項目 {existing} か所は そのままです。"
        ),
        format!(
            "{written} new, {updated} updated to the data, {unchanged} unchanged; {kept} edited by people and {existing} written by hand were left as they are."
        ),
    );
    for (path, changed) in &report.updated {
        println!("  {}: {}", slash(path), changed.join(", "));
    }
    for (path, differs) in &report.kept {
        say(
            lang,
            format!(
                "  {}: データでは {} が変わりましたが、人が書きかえているので そのままです",
                slash(path),
                differs.join(", ")
            ),
            format!(
                "  {}: the data changed {}, but people edited the file, so it was left as it is",
                slash(path),
                differs.join(", ")
            ),
        );
    }
    if !report.new_areas.is_empty() {
        say(
            lang,
            format!("site.yaml に地域を {} 足しました:", report.new_areas.len()),
            format!("added {} areas to site.yaml:", report.new_areas.len()),
        );
        for a in &report.new_areas {
            println!("  {} {}（{}）", a.id, a.name, a.kana);
        }
    }
    if !report.grouped_areas.is_empty() {
        let ids = report.grouped_areas.join(", ");
        say(
            lang,
            format!(
                "site.yaml のもとからある地域 {} に、都道府県（group）を書きたしました（都道府県ごとに ならべるため）: {ids}",
                report.grouped_areas.len()
            ),
            format!(
                "gave {} of site.yaml's areas their prefecture (group), so that areas are listed by prefecture: {ids}",
                report.grouped_areas.len()
            ),
        );
    }
    if report.repaired_addresses > 0 {
        say(
            lang,
            format!(
                "住所に市区町村が二重に書かれていたもの {} か所を直しました。",
                report.repaired_addresses
            ),
            format!(
                "repaired {} street addresses that repeated the municipality.",
                report.repaired_addresses
            ),
        );
    }
    if !report.notes.is_empty() {
        say(lang, "確かめてほしいこと:", "please check:");
        for note in &report.notes {
            println!("  {}", note.get(lang));
        }
    }
    say(
        lang,
        "取り込んだ項目は「事業所への確認はまだです」と表示されます。事業所に確かめたら verified に日付を書いてください。作業内容・工賃・送迎なども書きたせます。shirube check で確かめられます。",
        "imported entries say they are not yet confirmed with the provider; once confirmed, add the day as verified, with the work, wages, transport and so on. shirube check checks the files.",
    );
}

/// What `check` says of the site's areas after the import, in its words: the areas the site now
/// has no entry in (most often the region's own area `init` wrote, once the import put every
/// office in its town's area), and entries away from their area's town (an entry an older import
/// merged with another site of its number keeps the area it was given: the import brings the
/// address up to date, not the area). `check` warns about them too; said here, the person who
/// just imported learns it where it happened.
fn area_problems(dir: &Path, today: Date, lang: Lang) {
    use shirube::diagnostics::Problem;
    let (_, problems) = shirube::check_site(dir, today);
    for found in problems.iter() {
        if let Problem::AreaWithoutEntries { .. } | Problem::AreaNotAtAddress { .. } = found.problem
        {
            let wording = found.problem.wording();
            println!(
                "{}:{}: {}",
                slash(&found.file),
                found.pos.line,
                wording.message.get(lang)
            );
            println!("  {}", wording.fix.get(lang));
        }
    }
}

/// `2025-03` or `202503`.
fn parse_month(text: &str) -> Option<Date> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 6 {
        return None;
    }
    Date::parse(&format!("{}-{}-01", &digits[..4], &digits[4..]))
}

/// The month in the files' names or folders, as WAM publishes them (`sfkopendata_202503_45`,
/// `wam-202503/`): the six digits of a plausible year and month.
fn month_in_paths(paths: &[PathBuf]) -> Option<Option<Date>> {
    let months: Vec<Date> = paths.iter().filter_map(|p| month_in(p)).collect();
    let first = *months.first()?;
    Some(months.iter().all(|m| *m == first).then_some(first))
}

fn month_in(path: &Path) -> Option<Date> {
    let text = path.to_string_lossy();
    let chars: Vec<char> = text.chars().collect();
    for window in chars.windows(6).rev() {
        if window.iter().all(char::is_ascii_digit) {
            let s: String = window.iter().collect();
            if let Some(date) = parse_month(&s).filter(|d| (2000..2100).contains(&d.year)) {
                return Some(date);
            }
        }
    }
    None
}
