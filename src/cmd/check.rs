//! `shirube check`: every problem in the site, in one run.

use super::{Env, Outcome, content_problems};
use shirube::diagnostics::report::{self, ReportFormat};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// サイトのフォルダ（site.yaml のあるところ）
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// 警告もエラーとして扱います
    #[arg(long)]
    strict: bool,
    /// 表示の形式
    #[arg(long, value_enum, default_value = "human")]
    format: ReportFormat,
}

pub fn run(args: Args, env: &Env) -> Outcome {
    let (_, diags) = shirube::check_site_and_kana(&args.dir, env.today);
    if !diags.is_empty() || args.format == ReportFormat::Json {
        print!("{}", report::render(&diags, args.format, env.lang));
    }
    Ok(match diags.fail(args.strict) {
        true => content_problems(),
        false => ExitCode::SUCCESS,
    })
}
