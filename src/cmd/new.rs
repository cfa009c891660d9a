//! `shirube new`: a template entry or page for a provider to fill in.

use super::{Env, Outcome, say};
use shirube::paths::slash;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// 種類（office, workplace, center, community, page）
    kind: String,
    /// 項目の id（ファイル名になります。半角の英小文字・数字・ハイフン）
    id: String,
    /// サイトのフォルダ（site.yaml のあるところ）
    #[arg(long, default_value = ".")]
    dir: PathBuf,
}

pub fn run(args: Args, env: &Env) -> Outcome {
    let (site, _) = shirube::check_site(&args.dir, env.today);
    let area = site
        .as_ref()
        .and_then(|s| s.config.areas.first())
        .map(|a| a.id.clone())
        .unwrap_or_else(|| "chuo".into());
    let path = shirube::new::new_file(&args.dir, &args.kind, &args.id, &area, env.today)?;
    let path = slash(&path);
    say(
        env.lang,
        format!("{path} を作りました。中身を書きかえて、shirube check で確かめてください"),
        format!("made {path}: fill it in, then run shirube check"),
    );
    Ok(ExitCode::SUCCESS)
}
