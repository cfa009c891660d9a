//! `shirube schema`: JSON Schema of entries, events and site.yaml, for editors that complete and
//! underline front matter as a provider types.

use super::{Env, Outcome, say};
use shirube::paths::slash;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// サイトのフォルダ（site.yaml のあるところ。その地区を 選べる値にします）
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// スキーマを書くフォルダ（entry.schema.json, event.schema.json, site.schema.json）
    #[arg(short, long, default_value = "schemas")]
    out: PathBuf,
}

pub fn run(args: Args, env: &Env) -> Outcome {
    let config = shirube::pipeline::site_config(&args.dir);
    let areas = config.as_ref().map(|c| c.areas.as_slice());
    let files = shirube::schema::schema_files(areas);
    for path in shirube::schema::write_files(&args.out, &files)? {
        let path = slash(&path);
        say(
            env.lang,
            format!("{path} を書きました"),
            format!("wrote {path}"),
        );
    }
    if config.is_none() {
        say(
            env.lang,
            "site.yaml を読めなかったので、地区（area）は id の形だけを調べます",
            "site.yaml could not be read, so area is checked only as an id",
        );
    }
    Ok(ExitCode::SUCCESS)
}
