//! `shirube stale`: entries not confirmed for a long time, oldest first, with the phone to call.

use super::{Env, Outcome, content_problems, show};
use shirube::content::freshness::STALE_AFTER_MONTHS;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// サイトのフォルダ（site.yaml のあるところ）
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// この月数以上 確かめていない項目を出します
    #[arg(long, default_value_t = STALE_AFTER_MONTHS)]
    months: i64,
}

pub fn run(args: Args, env: &Env) -> Outcome {
    let (site, diags) = shirube::check_site(&args.dir, env.today);
    let Some(site) = site else {
        show(&diags, env.lang);
        return Ok(content_problems());
    };
    let list = shirube::stale::stale_entries(&site, env.today, args.months);
    print!("{}", shirube::stale::report(&list, args.months, env.lang));
    Ok(ExitCode::SUCCESS)
}
