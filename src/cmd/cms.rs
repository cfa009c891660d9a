//! `shirube cms`: the admin page of a form (Decap CMS) for providers who do not write YAML.

use super::{Env, Outcome, say};
use shirube::cms::{Backend, CmsError};
use shirube::paths::slash;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// サイトのフォルダ（site.yaml のあるところ）
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// 編集ページを書くフォルダ（config.yml と index.html。shirube build の後に output/admin へ）
    #[arg(short, long, default_value = "output/admin")]
    out: PathBuf,
    /// ガイドの GitHub リポジトリ（持ち主/名前）。事業所の変更は ここへの pull request になります
    #[arg(long, required_unless_present = "test_backend")]
    repo: Option<String>,
    /// pull request を受けるブランチ
    #[arg(long, default_value = "main")]
    branch: String,
    /// GitHub へのログインを仲立ちする OAuth のアドレス（Netlify を使わないとき）
    #[arg(long)]
    auth_url: Option<String>,
    /// ためし用: 変更をブラウザの中だけに置き、どこにも保存しません（フォームを試すとき、テスト）
    #[arg(long, conflicts_with_all = ["repo", "auth_url"])]
    test_backend: bool,
}

pub fn run(args: Args, env: &Env) -> Outcome {
    let site = shirube::pipeline::site_config(&args.dir).ok_or(CmsError::NoSite)?;
    let backend = match args.repo {
        Some(repo) if !args.test_backend => Backend::GitHub {
            repo,
            branch: args.branch,
            auth_url: args.auth_url,
        },
        _ => Backend::Test,
    };
    let files = shirube::cms::files(&site, &backend)?;
    for path in shirube::schema::write_files(&args.out, &files).map_err(CmsError::from)? {
        let path = slash(&path);
        say(
            env.lang,
            format!("{path} を書きました"),
            format!("wrote {path}"),
        );
    }
    say(
        env.lang,
        "このフォルダに npm の decap-cms の dist/ の中身をコピーすると、編集ページが開けます",
        "copy the contents of the npm package decap-cms's dist/ into this folder to open the page",
    );
    Ok(ExitCode::SUCCESS)
}
