//! The `shirube` command: parse arguments, call the library, print diagnostics, choose the exit
//! code (0 ok, 1 problems in the content, 2 usage or system errors).

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use shirube::check::report::{self, ReportFormat};
use shirube::content::date::Date;
use shirube::{BuildError, BuildOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "shirube",
    version,
    about = "地域の障害者就労ガイドブックを、YAML と Markdown から作ります（Web サイトと印刷版）"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// サイトを output/ に作ります（先にチェックし、エラーがあれば何も書きかえません）
    Build {
        /// サイトのフォルダ（site.yaml のあるところ）
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// 出力先
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// テーマのフォルダ（既定: <dir>/themes/default）
        #[arg(long)]
        theme: Option<PathBuf>,
        /// 警告もエラーとして扱います
        #[arg(long)]
        strict: bool,
    },
    /// すべてのファイルを調べ、問題を一度にすべて表示します
    Check {
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// 警告もエラーとして扱います
        #[arg(long)]
        strict: bool,
        /// 表示の形式
        #[arg(long, value_enum, default_value = "human")]
        format: ReportFormat,
    },
    /// 新しい項目のひな形を作ります（種類: office, workplace, center, community, page）
    New {
        kind: String,
        id: String,
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("shirube: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let english = report::english_from_env();
    let today = Date::today();
    match cli.command {
        Command::Check {
            dir,
            strict,
            format,
        } => {
            let (_, diags) = shirube::check_site(&dir, today);
            let failed = diags.has_errors()
                || (strict && diags.count(shirube::check::Severity::Warning) > 0);
            if !diags.is_empty() || format == ReportFormat::Json {
                print!("{}", report::render(&diags, format, english));
            }
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Build {
            dir,
            output,
            theme,
            strict,
        } => {
            let options = BuildOptions {
                site_dir: dir,
                out_dir: output.clone(),
                theme_dir: theme,
                today,
                strict,
            };
            match shirube::build(&options) {
                Ok(built) => {
                    if !built.diagnostics.is_empty() {
                        eprint!("{}", report::human(&built.diagnostics, english));
                    }
                    println!(
                        "{} ページ（{} ファイル）を {} に書きました",
                        built.pages,
                        built.files,
                        output.display()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(BuildError::Invalid(diags)) => {
                    eprint!("{}", report::human(&diags, english));
                    eprintln!("エラーがあるので {} は書きかえていません", output.display());
                    Ok(ExitCode::from(1))
                }
                Err(other) => Err(other).context("build failed"),
            }
        }
        Command::New { kind, id, dir } => {
            let (site, _) = shirube::check_site(&dir, today);
            let area = site
                .as_ref()
                .and_then(|s| s.config.areas.first())
                .map(|a| a.id.clone())
                .unwrap_or_else(|| "chuo".into());
            let path = shirube::new::new_file(&dir, &kind, &id, &area, today)?;
            println!(
                "{} を作りました。中身を書きかえて、shirube check で確かめてください",
                path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
