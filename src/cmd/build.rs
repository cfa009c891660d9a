//! `shirube build`: the website (and with `--pdf` the printed guide) into the output folder.

use super::{Env, Outcome, SiteArgs, content_problems, say, show};
use shirube::paths::slash;
use shirube::print::pdf::Chromium;
use shirube::{BuildError, BuildOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    site: SiteArgs,
    /// 警告もエラーとして扱います
    #[arg(long)]
    strict: bool,
    /// 印刷版の PDF（output/guidebook.pdf）も作ります（Chromium が必要です）
    #[arg(long)]
    pdf: bool,
    /// PDF を作る Chromium の場所（既定: PATH にある chromium）
    #[arg(long)]
    chromium: Option<PathBuf>,
    /// 段階ごとにかかった時間を表示します
    #[arg(long)]
    timings: bool,
    /// ふりがな版を作りません（時間をはかるためだけのもの。ふりがな版へのリンクは切れます）
    #[arg(long, hide = true)]
    no_furigana: bool,
}

pub fn run(args: Args, env: &Env) -> Outcome {
    let SiteArgs { dir, output, theme } = args.site;
    // Before building: a missing Chromium is reported with how to install it.
    let chromium = match args.pdf {
        true => Some(Chromium::find(args.chromium.as_deref())?),
        false => None,
    };
    let options = BuildOptions {
        site_dir: dir,
        out_dir: output.clone(),
        theme_dir: theme,
        today: env.today,
        strict: args.strict,
        furigana: !args.no_furigana,
        pdf: chromium,
    };
    let out = slash(&output);
    let bar = super::progress::Bar::new(env.lang);
    let result = shirube::build_with_progress(&options, &bar);
    bar.finish();
    match result {
        Ok(built) => {
            show(&built.diagnostics, env.lang);
            say(
                env.lang,
                format!(
                    "{} ページ（{} ファイル）を {out} に書きました",
                    built.pages, built.files
                ),
                format!(
                    "wrote {} pages ({} files) to {out}",
                    built.pages, built.files
                ),
            );
            if args.timings {
                print_timings(&built.timings, built.took, env);
                let s = built.index_slices;
                let slices = [
                    (
                        "検索の索引の区切り",
                        "search index slices",
                        s.slices,
                        s.inverted,
                    ),
                    (
                        "印刷版の事業所の区切り",
                        "print edition entry slices",
                        built.print_parts.slices,
                        built.print_parts.made,
                    ),
                    (
                        "オープンデータの区切り",
                        "open data slices",
                        built.data_slices.slices,
                        built.data_slices.made,
                    ),
                ];
                for (ja, en, count, made) in slices {
                    if count > 0 {
                        say(
                            env.lang,
                            format!(
                                "{ja} {count} つ（いま作ったもの {made} つ、ほかは .shirube-cache から）"
                            ),
                            format!(
                                "{en}: {count} ({made} made now, the others from .shirube-cache)"
                            ),
                        );
                    }
                }
                let r = built.readings;
                if r.texts > 0 {
                    say(
                        env.lang,
                        format!(
                            "ふりがなをつけた文 {}（いま読んだもの {}、ほかは .shirube-cache から）",
                            r.texts,
                            r.texts - r.kept
                        ),
                        format!(
                            "texts given furigana: {} ({} read now, the others from .shirube-cache)",
                            r.texts,
                            r.texts - r.kept
                        ),
                    );
                }
                say(
                    env.lang,
                    format!(
                        "ページ {} のうち、前のビルドのまま残したもの {}（作りなおしたもの {}）",
                        built.pages,
                        built.pages_kept,
                        built.pages - built.pages_kept.min(built.pages)
                    ),
                    format!(
                        "pages: {} ({} left as the last build made them, {} made now)",
                        built.pages,
                        built.pages_kept,
                        built.pages - built.pages_kept.min(built.pages)
                    ),
                );
                say(
                    env.lang,
                    format!(
                        "印刷版とオープンデータのファイルのうち、前のビルドのまま残したもの {}",
                        built.documents_kept
                    ),
                    format!(
                        "print document and open data: {} file(s) left as the last build made them",
                        built.documents_kept
                    ),
                );
            }
            let p = built.photos;
            if p.photos > 0 {
                say(
                    env.lang,
                    format!(
                        "写真 {} 枚（いま作ったもの {} 枚、ほかは .shirube-cache から）",
                        p.photos, p.made
                    ),
                    format!(
                        "{} photos ({} made now, the others from .shirube-cache)",
                        p.photos, p.made
                    ),
                );
            }
            if let Some(pdf) = &built.pdf {
                let (pdf, pages) = (slash(&output.join(&pdf.file)), pdf.pages);
                say(
                    env.lang,
                    format!("印刷版の PDF（{pages} ページ）を {pdf} に書きました"),
                    format!("wrote the printed guide ({pages} pages) to {pdf}"),
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(BuildError::Invalid(diags)) => {
            show(&diags, env.lang);
            let note = shirube::lang::msg(
                format!("エラーがあるので {out} は書きかえていません"),
                format!("{out} was left as it was, because of the errors"),
            );
            eprintln!("{}", note.get(env.lang));
            Ok(content_problems())
        }
        Err(other) => Err(other.into()),
    }
}

/// One line per stage, and the whole: `     12.31 秒  ページ` (times first: Japanese names are
/// wide, so a column after them would not line up).
/// The search index and the open data are made beside the pages: the whole is the time the
/// build took, not the stages' sum.
fn print_timings(
    timings: &[(shirube::Stage, std::time::Duration)],
    took: std::time::Duration,
    env: &Env,
) {
    let total = took.as_secs_f64();
    let unit = shirube::lang::msg("秒", "s");
    for (stage, took) in timings {
        println!(
            "  {:>8.2} {}  {}",
            took.as_secs_f64(),
            unit.get(env.lang),
            stage.msg().get(env.lang)
        );
    }
    println!(
        "  {:>8.2} {}  {}",
        total,
        unit.get(env.lang),
        shirube::lang::msg("ぜんぶ", "total").get(env.lang)
    );
    let note = shirube::lang::msg(
        "（印刷版・検索の索引・オープンデータは、ページと同時に作ります）",
        "(the print edition, the search index and the open data are made while the pages are)",
    );
    println!("  {}", note.get(env.lang));
}
