//! `shirube diff`: what changes between two git revisions of the site, as Markdown for a
//! pull-request comment.

use super::{Env, Outcome};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// くらべるもとのリビジョン（コミット・ブランチ・タグ。例: origin/main。省略すると HEAD）
    #[arg(default_value = "HEAD")]
    base: String,
    /// くらべる先のリビジョン（省略すると、いまの作業中のファイル）
    head: Option<String>,
    /// サイトのフォルダ（site.yaml のあるところ。git のリポジトリの中）
    #[arg(long, default_value = ".")]
    dir: PathBuf,
}

pub fn run(args: Args, env: &Env) -> Outcome {
    let comment = shirube::diff::diff(&args.dir, &args.base, args.head.as_deref(), env.today)?;
    print!("{comment}");
    Ok(ExitCode::SUCCESS)
}
