//! The `shirube` command: parse arguments, call the library, print diagnostics, choose the exit
//! code (0 ok, 1 problems in the content, 2 usage or system errors).

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use shirube::check::report::{self, ReportFormat};
use shirube::content::date::Date;
use shirube::content::model::{Paper, PrintLayout};
use shirube::print::command::{PrintCommandError, PrintJob};
use shirube::print::pdf::Chromium;
use shirube::text::{GradeFilter, Reader};
use shirube::{BuildError, BuildOptions};
use std::path::{Path, PathBuf};
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
        #[command(flatten)]
        site: SiteArgs,
        /// 警告もエラーとして扱います
        #[arg(long)]
        strict: bool,
        /// 印刷版の PDF（output/guidebook.pdf）も作ります（Chromium が必要です）
        #[arg(long)]
        pdf: bool,
        /// PDF を作る Chromium の場所（既定: PATH にある chromium）
        #[arg(long)]
        chromium: Option<PathBuf>,
    },
    /// 印刷版の PDF を作ります（output/guidebook.pdf。地域や種類をしぼった版も作れます）
    Print(PrintArgs),
    /// プレビュー: サイトを作って http://127.0.0.1:<port>/ で見せ、ファイルを保存するたびに作り直します
    Serve {
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// 待ち受ける番号（0 ならあいている番号）
        #[arg(short, long, default_value_t = 8000)]
        port: u16,
        /// テーマのフォルダ（既定: <dir>/themes/default）
        #[arg(long)]
        theme: Option<PathBuf>,
    },
    /// 長いあいだ確かめていない項目を、古い順に電話番号つきで表示します（年に一度の確認の電話に）
    Stale {
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// この月数以上 確かめていない項目を出します
        #[arg(long, default_value_t = 12)]
        months: i64,
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
    /// 文のよみがなを ひらがなで表示します（サイトの中では content/readings.yaml と各項目の kana を使います）
    Reading {
        /// よみを知りたい文
        text: String,
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// 文に ふりがな（ruby）をつけた HTML を表示します
    Ruby {
        text: String,
        #[arg(long, default_value = ".")]
        dir: PathBuf,
        /// この学年までに習う漢字には ふりがなをつけません（既定: site.yaml の furigana）。all ですべて
        #[arg(long)]
        grade: Option<String>,
    },
    /// ほかのデータから項目を取り込みます（いまは WAM NET のオープンデータ）
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// 新しい項目のひな形を作ります（種類: office, workplace, center, community, page）
    New {
        kind: String,
        id: String,
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportSource {
    /// WAM NET（障害福祉サービス等情報公表システム）の CSV から、市区町村の事業所を
    /// content/entries/wam-<事業所番号>.md に取り込みます。すでにあるファイルは書きかえません
    Wam {
        /// サービスごとの CSV（いくつでも。A型・移行・定着などを一度に）
        #[arg(required = true)]
        csv: Vec<PathBuf>,
        /// 事業所住所の市区町村（例: 横浜市、東京都中野区）
        #[arg(long)]
        city: String,
        /// 取り込んだ項目を入れる地域（site.yaml の areas の id。既定: 最初の地域）
        #[arg(long)]
        area: Option<String>,
        /// サイトのフォルダ（site.yaml のあるところ）
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
}

/// Where the site is, where its output goes, and which theme: shared by `build` and `print`.
#[derive(clap::Args)]
struct SiteArgs {
    /// サイトのフォルダ（site.yaml のあるところ）
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// 出力先のフォルダ
    #[arg(short, long, default_value = "output")]
    output: PathBuf,
    /// テーマのフォルダ（既定: <dir>/themes/default）
    #[arg(long)]
    theme: Option<PathBuf>,
}

#[derive(clap::Args)]
struct PrintArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// PDF を作る Chromium の場所（既定: PATH にある chromium）
    #[arg(long)]
    chromium: Option<PathBuf>,
    /// 紙の大きさ（既定: site.yaml の print.paper）
    #[arg(long, value_enum)]
    paper: Option<PaperArg>,
    /// 1ページに1か所（full）か2か所（compact）か（既定: site.yaml の print.layout）
    #[arg(long, value_enum)]
    layout: Option<LayoutArg>,
    /// 大きな文字の版（本文 16 ポイント）
    #[arg(long)]
    large_print: bool,
    /// ふりがなつきの版（site.yaml の furigana の学年より上の漢字に、ふりがなをつけます）
    #[arg(long)]
    furigana: bool,
    /// この地域だけの版（site.yaml の areas の id）
    #[arg(long)]
    area: Option<String>,
    /// この種類だけの版（b-type などのサービス、または centers, workplaces, community）
    #[arg(long)]
    service: Option<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum PaperArg {
    #[value(name = "A4", alias = "a4")]
    A4,
    #[value(name = "B5", alias = "b5")]
    B5,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LayoutArg {
    Full,
    Compact,
}

/// The reader a site would use: its readings.yaml and every name it gives a reading for. Outside
/// a site (or in one with errors, so that a provider can still try a name), the analyser with
/// whatever readings could be read.
fn site_reader(dir: &std::path::Path, today: Date) -> anyhow::Result<SiteReader> {
    let (site, _) = shirube::check_site(dir, today);
    match site {
        Some(site) => {
            let guide = shirube::enrich::enrich(site)?;
            Ok(SiteReader {
                reader: guide.reader,
                furigana: guide.furigana,
            })
        }
        None => Ok(SiteReader {
            reader: Reader::new(&[])?,
            furigana: GradeFilter::AboveGrade(2),
        }),
    }
}

/// What `serve` tells the person at the terminal.
struct Preview {
    english: bool,
}

impl shirube::serve::ServeEvents for Preview {
    fn listening(&self, url: &str) {
        println!("プレビュー: {url} （終わるときは Ctrl+C）");
        let _ = std::io::Write::flush(&mut std::io::stdout());
    }
    fn built(&self, result: &Result<shirube::BuildReport, BuildError>) {
        match result {
            Ok(built) => {
                if !built.diagnostics.is_empty() {
                    eprint!("{}", report::human(&built.diagnostics, self.english));
                }
                println!("{} ページを作りました", built.pages);
            }
            Err(BuildError::Invalid(diags)) => {
                eprint!("{}", report::human(diags, self.english));
                eprintln!("エラーがあるので、前に作ったページを見せています");
            }
            Err(other) => eprintln!("shirube: {other}"),
        }
        let _ = std::io::Write::flush(&mut std::io::stdout());
    }
}

struct SiteReader {
    reader: Reader,
    furigana: GradeFilter,
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
            site: SiteArgs { dir, output, theme },
            strict,
            pdf,
            chromium,
        } => {
            // Before building: a missing Chromium is reported with how to install it.
            let chromium = match pdf {
                true => Some(Chromium::find(chromium.as_deref())?),
                false => None,
            };
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
                    if let Some(chromium) = chromium {
                        let pdf = shirube::print::command::pdf_of_build(&output, &chromium)?;
                        println!("印刷版の PDF を {} に書きました", pdf.display());
                    }
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
        Command::Print(args) => print(args, today, english),
        Command::Serve { dir, port, theme } => {
            let options = BuildOptions {
                site_dir: dir,
                out_dir: PathBuf::new(),
                theme_dir: theme,
                today,
                strict: false,
            };
            shirube::serve::serve(options, port, &Preview { english })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stale { dir, months } => {
            let (site, diags) = shirube::check_site(&dir, today);
            let Some(site) = site else {
                eprint!("{}", report::human(&diags, english));
                return Ok(ExitCode::from(1));
            };
            let list = shirube::stale::stale_entries(&site, today, months);
            print!("{}", shirube::stale::report(&list, months));
            Ok(ExitCode::SUCCESS)
        }
        Command::Reading { text, dir } => {
            let reader = site_reader(&dir, today)?;
            println!("{}", reader.reader.reading(&text));
            Ok(ExitCode::SUCCESS)
        }
        Command::Ruby { text, dir, grade } => {
            let reader = site_reader(&dir, today)?;
            let filter = match grade.as_deref() {
                None => reader.furigana,
                Some("all") => GradeFilter::All,
                Some(g) => GradeFilter::AboveGrade(
                    g.parse()
                        .ok()
                        .filter(|g| *g <= 6)
                        .context("--grade は 0〜6 の数字か all です")?,
                ),
            };
            println!("{}", reader.reader.ruby_html(&text, filter));
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            source:
                ImportSource::Wam {
                    csv,
                    city,
                    area,
                    dir,
                },
        } => import_wam(&csv, &city, area, &dir, today),
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

/// `shirube import wam`: new entry files for the city's offices; existing files stay as they are.
fn import_wam(
    csv: &[PathBuf],
    city: &str,
    area: Option<String>,
    dir: &Path,
    today: Date,
) -> anyhow::Result<ExitCode> {
    let (site, _) = shirube::check_site(dir, today);
    let areas: Vec<String> = site
        .as_ref()
        .map(|s| s.config.areas.iter().map(|a| a.id.clone()).collect())
        .unwrap_or_default();
    let area = match area.or_else(|| areas.first().cloned()) {
        Some(a) if areas.is_empty() || areas.contains(&a) => a,
        Some(a) => anyhow::bail!(
            "地域「{a}」は site.yaml の areas にありません（あるもの: {}）",
            areas.join(", ")
        ),
        None => anyhow::bail!(
            "取り込んだ項目を入れる地域がわかりません。--area で site.yaml の areas の id を指定してください"
        ),
    };
    let entries_dir = dir.join("content").join("entries");
    let report = shirube::import::wam::import(&shirube::import::wam::WamImport {
        files: csv,
        city,
        area: &area,
        verified: today,
        entries_dir: &entries_dir,
    })?;
    println!(
        "「{city}」の事業所 {} か所のうち、{} か所を新しく取り込みました（すでにある {} か所はそのままです）。",
        report.offices,
        report.written.len(),
        report.existing.len()
    );
    for path in &report.written {
        println!("  {}", path.display());
    }
    if !report.notes.is_empty() {
        println!("確かめてほしいこと:");
        for note in &report.notes {
            println!("  {note}");
        }
    }
    println!(
        "作業内容・工賃・送迎などは事業所に聞いて書きたしてください。shirube check で確かめられます。"
    );
    Ok(ExitCode::SUCCESS)
}

/// `shirube print`: the plain book, or with `--furigana` the furigana book.
fn print(args: PrintArgs, today: Date, english: bool) -> anyhow::Result<ExitCode> {
    let job = PrintJob {
        site_dir: args.site.dir,
        out_dir: args.site.output.clone(),
        theme_dir: args.site.theme,
        chromium: args.chromium,
        today,
        paper: args.paper.map(|p| match p {
            PaperArg::A4 => Paper::A4,
            PaperArg::B5 => Paper::B5,
        }),
        layout: args.layout.map(|l| match l {
            LayoutArg::Full => PrintLayout::Full,
            LayoutArg::Compact => PrintLayout::Compact,
        }),
        large_print: args.large_print,
        area: args.area,
        service: args.service,
        furigana: args.furigana,
    };
    match shirube::print::command::run(&job) {
        Ok(made) => {
            if !made.diagnostics.is_empty() {
                eprint!("{}", report::human(&made.diagnostics, english));
            }
            println!(
                "{} か所をのせた印刷版の PDF（{} KB）を {} に書きました",
                made.entries,
                made.bytes.div_ceil(1024),
                made.pdf.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(PrintCommandError::Invalid(diags)) => {
            eprint!("{}", report::human(&diags, english));
            eprintln!("エラーがあるので PDF は作っていません");
            Ok(ExitCode::from(1))
        }
        Err(other) => Err(other.into()),
    }
}
