//! `shirube import wam`: new entry files for a city's offices from WAM NET's open data; existing
//! files stay as they are.

use super::{Env, Outcome, say};
use shirube::import::wam::{WamImport, import};
use shirube::lang::msg;
use shirube::paths::slash;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    source: Source,
}

#[derive(clap::Subcommand)]
enum Source {
    /// WAM NET（障害福祉サービス等情報公表システム）の CSV から、市区町村の事業所を
    /// content/entries/wam-<事業所番号>.md に取り込みます。すでにあるファイルは書きかえません
    Wam {
        /// サービスごとの CSV（いくつでも。A型・移行・定着などを一度に）
        #[arg(required = true)]
        csv: Vec<PathBuf>,
        /// 事業所住所の市区町村（例: 横浜市、東京都中野区）
        #[arg(long)]
        city: String,
        /// 取り込んだ項目を入れる地域（site.yaml の areas の id。既定: 最初の地域）
        #[arg(long)]
        area: Option<String>,
        /// サイトのフォルダ（site.yaml のあるところ）
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
}

pub fn run(args: Args, env: &Env) -> Outcome {
    let Source::Wam {
        csv,
        city,
        area,
        dir,
    } = args.source;
    let lang = env.lang;
    let (site, _) = shirube::check_site(&dir, env.today);
    let areas: Vec<String> = site
        .as_ref()
        .map(|s| s.config.areas.iter().map(|a| a.id.clone()).collect())
        .unwrap_or_default();
    let area = match area.or_else(|| areas.first().cloned()) {
        Some(a) if areas.is_empty() || areas.contains(&a) => a,
        Some(a) => {
            let known = areas.join(", ");
            anyhow::bail!(
                "{}",
                msg(
                    format!("地域「{a}」は site.yaml の areas にありません（あるもの: {known}）"),
                    format!("the area \"{a}\" is not in site.yaml's areas (there are: {known})"),
                )
                .get(lang)
            )
        }
        None => anyhow::bail!(
            "{}",
            msg(
                "取り込んだ項目を入れる地域がわかりません。--area で site.yaml の areas の id を指定してください",
                "no area to put the entries in: give one of site.yaml's areas with --area",
            )
            .get(lang)
        ),
    };
    let entries_dir = dir.join("content").join("entries");
    let report = import(&WamImport {
        files: &csv,
        city: &city,
        area: &area,
        verified: env.today,
        entries_dir: &entries_dir,
    })?;
    let (offices, written, existing) =
        (report.offices, report.written.len(), report.existing.len());
    say(
        lang,
        format!(
            "「{city}」の事業所 {offices} か所のうち、{written} か所を新しく取り込みました（すでにある {existing} か所はそのままです）。"
        ),
        format!(
            "imported {written} of the {offices} offices of {city} (the {existing} already here were left as they are)."
        ),
    );
    for path in &report.written {
        println!("  {}", slash(path));
    }
    if !report.notes.is_empty() {
        say(lang, "確かめてほしいこと:", "please check:");
        for note in &report.notes {
            println!("  {}", note.get(lang));
        }
    }
    say(
        lang,
        "作業内容・工賃・送迎などは事業所に聞いて書きたしてください。shirube check で確かめられます。",
        "ask the offices for their work, wages, transport and so on, and add them; shirube check checks the files.",
    );
    Ok(ExitCode::SUCCESS)
}
