//! The `shirube` command: parse arguments and hand each subcommand to its file in `cmd/`. Exit
//! codes: 0 ok, 1 problems in the content, 2 usage or system errors.

mod allocator;
mod cmd;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use cmd::Env;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    // `help` and `version` are shown in the person's language (cmd/help.rs).
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
    Build(cmd::build::Args),
    /// 印刷版の PDF を作ります（output/guidebook.pdf。地域や種類をしぼった版も作れます）
    Print(cmd::print::Args),
    /// プレビュー: サイトを作って http://127.0.0.1:<port>/ で見せ、ファイルを保存するたびに作り直します
    Serve(cmd::serve::Args),
    /// 長いあいだ確かめていない項目を、古い順に電話番号つきで表示します（年に一度の確認の電話に）
    Stale(cmd::stale::Args),
    /// すべてのファイルを調べ、問題を一度にすべて表示します
    Check(cmd::check::Args),
    /// 二つのリビジョン（git のコミット）のあいだで、ガイドの何が変わるかを、項目ごとに Markdown で表示します（プルリクエストのコメントに）
    Diff(cmd::diff::Args),
    /// 文のよみがなを ひらがなで表示します（サイトの中では content/readings.yaml と各項目の kana を使います）
    Reading(cmd::reading::Args),
    /// 文に ふりがな（ruby）をつけた HTML を表示します
    Ruby(cmd::ruby::Args),
    /// ほかのデータから項目を取り込みます（いまは WAM NET のオープンデータ）
    Import(cmd::import::Args),
    /// 新しい項目のひな形を作ります（種類: office, workplace, center, community, page）
    New(cmd::new::Args),
    /// 新しい地域のガイドのリポジトリを作ります（site.yaml、はじめのページ、用語集、README、GitHub の設定）
    Init(cmd::init::Args),
    /// 項目・催し・site.yaml の JSON Schema を書きます（エディタが 入力を補い、まちがいに印をつけます）
    Schema(cmd::schema::Args),
    /// 事業所が YAML を書かずに フォームで項目を直せる編集ページ（Decap CMS）の設定を書きます
    Cms(cmd::cms::Args),
}

fn main() -> ExitCode {
    allocator::tune();
    shirube::hashing::seed_maps_per_thread();
    let env = Env {
        today: shirube::content::date::Date::today(),
        lang: shirube::lang::current(),
    };
    let matches = cmd::help::localize(Cli::command(), env.lang).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    let outcome = match cli.command {
        Command::Build(args) => cmd::build::run(args, &env),
        Command::Print(args) => cmd::print::run(args, &env),
        Command::Serve(args) => cmd::serve::run(args, &env),
        Command::Stale(args) => cmd::stale::run(args, &env),
        Command::Check(args) => cmd::check::run(args, &env),
        Command::Diff(args) => cmd::diff::run(args, &env),
        Command::Reading(args) => cmd::reading::run(args, &env),
        Command::Ruby(args) => cmd::ruby::run(args, &env),
        Command::Import(args) => cmd::import::run(args, &env),
        Command::New(args) => cmd::new::run(args, &env),
        Command::Init(args) => cmd::init::run(args, &env),
        Command::Schema(args) => cmd::schema::run(args, &env),
        Command::Cms(args) => cmd::cms::run(args, &env),
    };
    match outcome {
        Ok(code) => code,
        Err(err) => {
            // Only the outermost message: shirube's errors already say their cause in the
            // person's language, and printing the chain would say it twice.
            eprintln!("shirube: {err}");
            ExitCode::from(2)
        }
    }
}
