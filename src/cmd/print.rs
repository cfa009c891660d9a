//! `shirube print`: one PDF edition of the guide (whole, an area, a service; furigana; large print).

use super::{Env, Outcome, SiteArgs, content_problems, say, show};
use shirube::content::model::{Paper, PrintLayout};
use shirube::lang::msg;
use shirube::paths::slash;
use shirube::pipeline::print::{PrintCommandError, PrintJob};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
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

pub fn run(args: Args, env: &Env) -> Outcome {
    let job = PrintJob {
        site_dir: args.site.dir,
        out_dir: args.site.output,
        theme_dir: args.site.theme,
        chromium: args.chromium,
        today: env.today,
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
    match shirube::pipeline::print::run(&job) {
        Ok(made) => {
            show(&made.diagnostics, env.lang);
            let (entries, pages, pdf) = (made.entries, made.pages, slash(&made.pdf));
            let size = shirube::pdfs::size_text(made.bytes);
            say(
                env.lang,
                format!(
                    "{entries} か所をのせた印刷版の PDF（{size}、{pages} ページ）を {pdf} に書きました。次の shirube build で、ホームページと一覧からリンクされます"
                ),
                format!(
                    "wrote the printed guide with {entries} entries ({size}, {pages} pages) to {pdf}; the next shirube build links it from the home page and the listings"
                ),
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(PrintCommandError::Invalid(diags)) => {
            show(&diags, env.lang);
            let note = msg(
                "エラーがあるので PDF は作っていません",
                "no PDF was made, because of the errors",
            );
            eprintln!("{}", note.get(env.lang));
            Ok(content_problems())
        }
        Err(other) => Err(other.into()),
    }
}
