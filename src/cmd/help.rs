//! The command line's own help in the person's language. The Japanese help is the doc comments
//! on the argument structs (what clap shows by default); the English is this table, keyed by
//! subcommand path and argument id. A test walks the whole command tree, so a new subcommand or
//! argument without its English fails the build's tests.

use clap::{Arg, ArgAction, Command};
use shirube::lang::Lang;

/// `("build", …)` is a subcommand's about text; `("build.strict", …)` an argument's help; `""`
/// is the program itself.
const ENGLISH: &[(&str, &str)] = &[
    (
        "",
        "Makes a region's disability-employment guidebook from YAML and Markdown (a website and a printed edition)",
    ),
    (
        "build",
        "Builds the site into output/ (checks first; with errors nothing is changed)",
    ),
    ("build.dir", "The site's folder (where site.yaml is)"),
    ("build.output", "The output folder"),
    (
        "build.theme",
        "The theme folder (default: <dir>/themes/default)",
    ),
    ("build.strict", "Treat warnings as errors too"),
    (
        "build.pdf",
        "Also make the printed guide as a PDF (output/guidebook.pdf; needs Chromium)",
    ),
    (
        "build.chromium",
        "Where Chromium is, to make PDFs (default: chromium on the PATH)",
    ),
    ("build.timings", "Print how long each stage took"),
    (
        "build.no_furigana",
        "Skip the furigana edition (for measuring only: links to it break)",
    ),
    (
        "print",
        "Makes the printed guide as a PDF (output/guidebook.pdf; also editions for one area or kind)",
    ),
    ("print.dir", "The site's folder (where site.yaml is)"),
    ("print.output", "The output folder"),
    (
        "print.theme",
        "The theme folder (default: <dir>/themes/default)",
    ),
    (
        "print.chromium",
        "Where Chromium is, to make PDFs (default: chromium on the PATH)",
    ),
    (
        "print.paper",
        "Paper size (default: print.paper in site.yaml)",
    ),
    (
        "print.layout",
        "One entry a page (full) or two (compact) (default: print.layout in site.yaml)",
    ),
    (
        "print.large_print",
        "The large-print edition (16 pt body text)",
    ),
    (
        "print.furigana",
        "The furigana edition (ruby over kanji above the school grade in site.yaml)",
    ),
    (
        "print.area",
        "An edition for one area only (an id from site.yaml's areas)",
    ),
    (
        "print.service",
        "An edition for one kind only (a service such as b-type, or centers, workplaces, community)",
    ),
    (
        "serve",
        "Preview: builds the site, shows it at http://127.0.0.1:<port>/ and rebuilds on every save",
    ),
    ("serve.dir", "The site's folder (where site.yaml is)"),
    ("serve.port", "The port to listen on (0 for any free one)"),
    (
        "serve.theme",
        "The theme folder (default: <dir>/themes/default)",
    ),
    (
        "stale",
        "Lists entries not confirmed for a long time, oldest first, with their phone (for the yearly calls)",
    ),
    ("stale.dir", "The site's folder (where site.yaml is)"),
    (
        "stale.months",
        "List entries not confirmed for this many months or more",
    ),
    (
        "check",
        "Checks every file and reports every problem at once",
    ),
    ("check.dir", "The site's folder (where site.yaml is)"),
    ("check.strict", "Treat warnings as errors too"),
    ("check.format", "The report's format"),
    (
        "diff",
        "Shows what changes in the guide between two revisions (git commits), entry by entry and field by field, as Markdown (for a pull-request comment)",
    ),
    (
        "diff.base",
        "The revision to compare from (a commit, branch or tag, e.g. origin/main; default: HEAD)",
    ),
    (
        "diff.head",
        "The revision to compare with (default: the files as they are now, uncommitted changes included)",
    ),
    (
        "diff.dir",
        "The site's folder (where site.yaml is; inside a git repository)",
    ),
    (
        "reading",
        "Prints the reading of a text in hiragana (inside a site, with content/readings.yaml and the entries' kana)",
    ),
    ("reading.text", "The text to read"),
    ("reading.dir", "The site's folder (where site.yaml is)"),
    ("ruby", "Prints a text as HTML with furigana (ruby)"),
    ("ruby.text", "The text to annotate"),
    ("ruby.dir", "The site's folder (where site.yaml is)"),
    (
        "ruby.grade",
        "No furigana over kanji learnt up to this school grade (default: furigana in site.yaml); all for every kanji",
    ),
    (
        "import",
        "Imports entries from other data (for now WAM NET's open data)",
    ),
    (
        "import.wam",
        "Imports offices from WAM NET's CSV files into content/entries/wam-<office number>.md; imported entries follow the data, and what people wrote is never changed",
    ),
    (
        "import.wam.csv",
        "The per-service CSV files (any number: A-type, B-type, transition, retention, consultation … at once)",
    ),
    (
        "import.wam.prefectures",
        "Only offices in this prefecture (e.g. 北海道, 神奈川県; any number)",
    ),
    (
        "import.wam.cities",
        "Only offices in this municipality (e.g. 札幌市, 東京都中野区, 札幌市中央区; any number)",
    ),
    (
        "import.wam.area",
        "Put every entry in this area (default: an area per municipality or ward, added to site.yaml when missing)",
    ),
    (
        "import.wam.as_of",
        "The month the data describes (e.g. 2025-03; default: the 202503 in the files' or folders' names)",
    ),
    ("import.wam.dir", "The site's folder (where site.yaml is)"),
    (
        "new",
        "Makes a template for a new entry (kinds: office, workplace, center, community, page)",
    ),
    (
        "new.kind",
        "The kind (office, workplace, center, community, page)",
    ),
    (
        "new.id",
        "The entry's id (it becomes the file name; lower-case letters, digits, hyphens)",
    ),
    ("new.dir", "The site's folder (where site.yaml is)"),
    (
        "cms",
        "Writes the admin page of a form (Decap CMS) with which providers edit their entry without YAML",
    ),
    ("cms.dir", "The site's folder (where site.yaml is)"),
    (
        "cms.out",
        "The folder for the admin page (config.yml and index.html; output/admin after shirube build)",
    ),
    (
        "cms.repo",
        "The guide's GitHub repository (owner/name): providers' changes become pull requests to it",
    ),
    ("cms.branch", "The branch that receives the pull requests"),
    (
        "cms.auth_url",
        "The OAuth client that signs people in to GitHub (when not Netlify's)",
    ),
    (
        "cms.test_backend",
        "For trying: keep changes in the browser only, saving nothing (to try the form; tests)",
    ),
    (
        "schema",
        "Writes the JSON Schema of entries, events and site.yaml (editors then complete and underline front matter)",
    ),
    (
        "schema.dir",
        "The site's folder (where site.yaml is; its areas become the choices of area)",
    ),
    (
        "schema.out",
        "The folder to write the schemas into (entry.schema.json, event.schema.json, site.schema.json)",
    ),
    (
        "init",
        "Makes the repository of a new region's guide (site.yaml, starter pages, glossary, README, GitHub settings)",
    ),
    (
        "init.dir",
        "The folder for the new guide (empty or not there yet)",
    ),
    (
        "init.region",
        "The region's name (e.g. 札幌市); asked for on a terminal when missing",
    ),
    (
        "init.region_kana",
        "The region's reading in hiragana (default: guessed from the dictionary)",
    ),
    (
        "init.title",
        "The guide's title (default: \"<region> しごと応援ガイド\")",
    ),
    (
        "init.title_kana",
        "The title's reading in hiragana (default: guessed from the dictionary)",
    ),
    (
        "init.base_url",
        "The address the guide will be published at (e.g. https://<account>.github.io/<repository>/; default: a placeholder)",
    ),
    (
        "init.publisher",
        "Who makes the guide (default: \"<region>自立支援協議会 就労部会\")",
    ),
    (
        "init.contact",
        "How to reach the secretariat (e.g. 札幌市役所 障がい福祉課、電話 011-000-0000)",
    ),
    (
        "init.area_id",
        "The region's area id in site.yaml (default: its reading in romaji, e.g. sapporo)",
    ),
    (
        "init.shirube_version",
        "The version of shirube the GitHub workflows install (a tag, branch or commit)",
    ),
    (
        "init.no_input",
        "Ask no questions, even on a terminal (missing values take their defaults)",
    ),
];

/// clap's own flags, in both languages.
const HELP_FLAG: (&str, &str) = ("ヘルプを表示します", "Print help");
const VERSION_FLAG: (&str, &str) = ("バージョンを表示します", "Print version");

/// The command tree with its help in `lang`.
pub fn localize(command: Command, lang: Lang) -> Command {
    localize_at(command.disable_help_subcommand(true), "", lang)
}

fn localize_at(mut command: Command, path: &str, lang: Lang) -> Command {
    let pick = |(ja, en): (&'static str, &'static str)| match lang {
        Lang::Ja => ja,
        Lang::En => en,
    };
    // clap's own --help and --version, replaced by the same flags with help in `lang`.
    command = command.disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(pick(HELP_FLAG)),
    );
    if path.is_empty() {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(pick(VERSION_FLAG)),
        );
    }
    if lang == Lang::En {
        if let Some(about) = english(path) {
            command = command.about(about).long_about(None);
        }
        let ids: Vec<String> = command
            .get_arguments()
            .map(|a| a.get_id().to_string())
            .collect();
        for id in ids {
            if let Some(help) = english(&join(path, &id)) {
                command = command.mut_arg(&id, |a| a.help(help).long_help(None));
            }
        }
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = join(path, &name);
        command = command.mut_subcommand(&name, |sub| localize_at(sub, &sub_path, lang));
    }
    command
}

fn english(key: &str) -> Option<&'static str> {
    ENGLISH.iter().find(|(k, _)| *k == key).map(|(_, en)| *en)
}

fn join(path: &str, name: &str) -> String {
    match path {
        "" => name.to_string(),
        _ => format!("{path}.{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every subcommand and argument of the command tree, as table keys, with its Japanese help.
    fn keys(command: &Command, path: &str, out: &mut Vec<(String, Option<String>)>) {
        out.push((path.to_string(), command.get_about().map(|a| a.to_string())));
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            out.push((join(path, id), arg.get_help().map(|h| h.to_string())));
        }
        for sub in command.get_subcommands() {
            keys(sub, &join(path, sub.get_name()), out);
        }
    }

    #[test]
    fn every_subcommand_and_argument_has_help_in_both_languages() {
        let command = crate::Cli::command();
        let mut all = Vec::new();
        keys(&command, "", &mut all);
        assert!(all.len() > 40, "the walk found only {} keys", all.len());
        let missing_en: Vec<&str> = all
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| english(k).is_none())
            .collect();
        assert!(missing_en.is_empty(), "no English help for {missing_en:?}");
        let missing_ja: Vec<&str> = all
            .iter()
            .filter(|(_, ja)| ja.as_deref().is_none_or(str::is_empty))
            .map(|(k, _)| k.as_str())
            .collect();
        assert!(missing_ja.is_empty(), "no Japanese help for {missing_ja:?}");
        let unused: Vec<&str> = ENGLISH
            .iter()
            .map(|(k, _)| *k)
            .filter(|k| !all.iter().any(|(key, _)| key == k))
            .collect();
        assert!(unused.is_empty(), "English help for nothing: {unused:?}");
    }

    #[test]
    fn english_help_replaces_the_japanese() {
        let mut command = localize(crate::Cli::command(), Lang::En);
        let help = command.render_help().to_string();
        assert!(help.contains("Builds the site into output/"), "{help}");
        assert!(!help.contains("サイトを output/ に作ります"), "{help}");
        let mut command = localize(crate::Cli::command(), Lang::Ja);
        let help = command.render_help().to_string();
        assert!(help.contains("サイトを output/ に作ります"), "{help}");
        assert!(help.contains("ヘルプを表示します"), "{help}");
    }
}
