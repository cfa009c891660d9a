//! `shirube serve`: a preview that rebuilds on save and reloads open pages.

use super::{Env, Outcome, show};
use shirube::lang::{Lang, msg};
use shirube::serve::ServeEvents;
use shirube::{BuildError, BuildOptions, BuildReport};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// サイトのフォルダ（site.yaml のあるところ）
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// 待ち受ける番号（0 ならあいている番号）
    #[arg(short, long, default_value_t = 8000)]
    port: u16,
    /// テーマのフォルダ（既定: <dir>/themes/default）
    #[arg(long)]
    theme: Option<PathBuf>,
}

pub fn run(args: Args, env: &Env) -> Outcome {
    let options = BuildOptions {
        site_dir: args.dir,
        out_dir: PathBuf::new(),
        theme_dir: args.theme,
        today: env.today,
        strict: false,
        furigana: true,
        pdf: None,
    };
    shirube::serve::serve(options, args.port, env.lang, &Preview { lang: env.lang })?;
    Ok(ExitCode::SUCCESS)
}

/// What `serve` tells the person at the terminal.
struct Preview {
    lang: Lang,
}

impl ServeEvents for Preview {
    fn listening(&self, url: &str) {
        let line = msg(
            format!("プレビュー: {url} （終わるときは Ctrl+C）"),
            format!("preview: {url} (Ctrl+C to stop)"),
        );
        println!("{}", line.get(self.lang));
        let _ = std::io::stdout().flush();
    }

    fn built(&self, result: &Result<BuildReport, BuildError>) {
        match result {
            Ok(built) => {
                show(&built.diagnostics, self.lang);
                let line = msg(
                    format!("{} ページを作りました", built.pages),
                    format!("built {} pages", built.pages),
                );
                println!("{}", line.get(self.lang));
            }
            Err(BuildError::Invalid(diags)) => {
                show(diags, self.lang);
                let line = msg(
                    "エラーがあるので、前に作ったページを見せています",
                    "showing the pages built before, because of the errors",
                );
                eprintln!("{}", line.get(self.lang));
            }
            Err(other) => eprintln!("shirube: {other}"),
        }
        let _ = std::io::stdout().flush();
    }
}
