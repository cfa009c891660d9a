//! `shirube reading`: the reading of a text in hiragana, as the site's reader gives it.

use super::{Env, Outcome, SiteReader};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// よみを知りたい文
    text: String,
    /// サイトのフォルダ（site.yaml のあるところ）
    #[arg(long, default_value = ".")]
    dir: PathBuf,
}

pub fn run(args: Args, env: &Env) -> Outcome {
    let site = SiteReader::open(&args.dir, env.today)?;
    println!("{}", site.reader.reading(&args.text));
    Ok(ExitCode::SUCCESS)
}
