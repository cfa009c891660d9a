//! `shirube ruby`: a text as HTML with furigana, as the furigana edition shows it.

use super::{Env, Outcome, SiteReader};
use shirube::lang::msg;
use shirube::text::GradeFilter;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// ふりがなをつける文
    text: String,
    /// サイトのフォルダ（site.yaml のあるところ）
    #[arg(long, default_value = ".")]
    dir: PathBuf,
    /// この学年までに習う漢字には ふりがなをつけません（既定: site.yaml の furigana）。all ですべて
    #[arg(long)]
    grade: Option<String>,
}

pub fn run(args: Args, env: &Env) -> Outcome {
    let site = SiteReader::open(&args.dir, env.today)?;
    let filter = match args.grade.as_deref() {
        None => site.furigana,
        Some("all") => GradeFilter::All,
        Some(g) => match g.parse().ok().filter(|g| *g <= 6) {
            Some(grade) => GradeFilter::AboveGrade(grade),
            None => anyhow::bail!(
                "{}",
                msg(
                    "--grade は 0〜6 の数字か all です",
                    "--grade takes a number from 0 to 6, or all"
                )
                .get(env.lang)
            ),
        },
    };
    println!("{}", site.reader.ruby_html(&args.text, filter));
    Ok(ExitCode::SUCCESS)
}
