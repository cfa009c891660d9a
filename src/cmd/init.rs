//! `shirube init <dir>`: a new guide repository. Values come from the options; on a terminal,
//! the ones not given are asked for, each with its default (Enter keeps it).

use super::{Env, Outcome, say};
use shirube::init::{self, Field, InitError, Settings};
use shirube::lang::{Lang, Msg, msg};
use shirube::paths::slash;
use shirube::text::Reader;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// 新しいガイドを作るフォルダ（空のフォルダか、まだないフォルダ）
    dir: PathBuf,
    /// 地域の名前（例: 札幌市）。端末で使うときは、なければたずねます
    #[arg(long)]
    region: Option<String>,
    /// 地域の名前のよみ（ひらがな。既定: 辞書から推測します）
    #[arg(long)]
    region_kana: Option<String>,
    /// ガイドの題名（既定: 「<地域> しごと応援ガイド」）
    #[arg(long)]
    title: Option<String>,
    /// 題名のよみ（ひらがな。既定: 辞書から推測します）
    #[arg(long)]
    title_kana: Option<String>,
    /// ガイドを公開するアドレス（例: https://<アカウント名>.github.io/<リポジトリ名>/。既定: 仮のアドレス）
    #[arg(long)]
    base_url: Option<String>,
    /// ガイドを作っている団体（既定: 「<地域>自立支援協議会 就労部会」）
    #[arg(long)]
    publisher: Option<String>,
    /// 事務局の連絡先（例: 札幌市役所 障がい福祉課、電話 011-000-0000）
    #[arg(long)]
    contact: Option<String>,
    /// 地域の id（site.yaml の areas。既定: よみのローマ字。例: sapporo）
    #[arg(long)]
    area_id: Option<String>,
    /// GitHub Actions で入れる shirube の版（タグ、ブランチ、コミット）
    #[arg(long, default_value = "main")]
    shirube_version: String,
    /// 端末で使うときも質問しません（ない値は既定のまま）
    #[arg(long)]
    no_input: bool,
}

pub fn run(args: Args, env: &Env) -> Outcome {
    let lang = env.lang;
    // Before any question: a folder that cannot be used is said at once.
    init::ensure_empty(&args.dir)?;
    let ask = Asker {
        lang,
        interactive: !args.no_input && std::io::stdin().is_terminal(),
    };
    if ask.interactive {
        say(
            lang,
            "新しいガイドを作ります。[ ] の中は、何も書かずに Enter を押したときの値です。",
            "Making a new guide. The value in [ ] is what Enter alone gives.",
        );
    }
    let settings = settings(args, &ask, env)?;
    let dir_shown = slash(&settings.dir);
    let written = init::write(&settings.dir, &settings.values)?;
    report(&settings, &written, &dir_shown, lang);
    Ok(ExitCode::SUCCESS)
}

/// The settings and what was left to defaults or guessed, for the closing notes.
struct Chosen {
    dir: PathBuf,
    values: Settings,
    /// Readings taken from the dictionary without anyone confirming them: (what, reading).
    guessed: Vec<(Msg, String)>,
    default_publisher: bool,
}

fn settings(args: Args, ask: &Asker, env: &Env) -> anyhow::Result<Chosen> {
    let mut reader: Option<Reader> = None;
    let mut guessed = Vec::new();
    let region = ask.text(
        args.region,
        msg(
            "地域の名前（例: 札幌市）",
            "The region's name (e.g. 札幌市)",
        ),
        None,
        Field::Region,
    )?;
    let region_kana = match args.region_kana {
        Some(kana) => init::normalize_reading(&kana),
        None => {
            let reader = reader.get_or_insert(Reader::new(&[])?);
            let guess = init::guess_reading(reader, &region);
            let kana = ask.reading(
                msg(
                    format!("「{region}」のよみ（ひらがな）"),
                    format!("The reading of {region} (hiragana)"),
                ),
                guess.clone(),
                Field::RegionKana,
                &region,
            )?;
            if !ask.interactive && guess.as_deref() == Some(kana.as_str()) {
                guessed.push((msg("地域のよみ", "the region's reading"), kana.clone()));
            }
            kana
        }
    };
    let title = ask.text(
        args.title,
        msg("ガイドの題名", "The guide's title"),
        Some(init::default_title(&region)),
        Field::Title,
    )?;
    let title_kana = match args.title_kana {
        Some(kana) => init::normalize_reading(&kana),
        None if title == init::default_title(&region) => init::default_title_kana(&region_kana),
        None => {
            // The region's reading, as given, is part of the title's.
            let reader = Reader::new(&[(region.clone(), region_kana.clone())])?;
            let guess = init::guess_reading(&reader, &title);
            let kana = ask.reading(
                msg(
                    format!("「{title}」のよみ（ひらがな）"),
                    format!("The reading of {title} (hiragana)"),
                ),
                guess.clone(),
                Field::TitleKana,
                &title,
            )?;
            if !ask.interactive && guess.as_deref() == Some(kana.as_str()) {
                guessed.push((msg("題名のよみ", "the title's reading"), kana.clone()));
            }
            kana
        }
    };
    let base_url = ask.optional(
        args.base_url,
        msg(
            "ガイドを公開するアドレス（例: https://<アカウント名>.github.io/<リポジトリ名>/。まだ決まっていなければ Enter）",
            "The address the guide will be published at (e.g. https://<account>.github.io/<repository>/; Enter if not known yet)",
        ),
        Field::BaseUrl,
        shirube::check::formats::is_url,
    )?;
    let default_publisher = init::default_publisher(&region);
    let publisher = ask.text(
        args.publisher,
        msg(
            "ガイドを作っている団体",
            "Who makes the guide (the council's section)",
        ),
        Some(default_publisher.clone()),
        Field::Publisher,
    )?;
    let contact = ask.optional(
        args.contact,
        msg(
            "事務局の連絡先（例: 札幌市役所 障がい福祉課、電話 011-000-0000。あとで書くなら Enter）",
            "How to reach the secretariat (e.g. 札幌市役所 障がい福祉課、電話 011-000-0000; Enter to write it later)",
        ),
        Field::Contact,
        |_| true,
    )?;
    let area_id = args
        .area_id
        .unwrap_or_else(|| init::area_id(&region, &region_kana));
    let values = Settings {
        region,
        region_kana,
        title,
        title_kana,
        base_url,
        publisher: publisher.clone(),
        contact,
        area_id,
        shirube_version: args.shirube_version,
        today: env.today,
    };
    values.validate()?;
    Ok(Chosen {
        dir: args.dir,
        default_publisher: publisher == default_publisher,
        values,
        guessed,
    })
}

/// Asks on a terminal; elsewhere, takes the default or says what is missing.
struct Asker {
    lang: Lang,
    interactive: bool,
}

impl Asker {
    /// One line from the person, or `None` when they pressed Enter alone.
    fn line(&self, question: &Msg, default: Option<&str>) -> anyhow::Result<Option<String>> {
        let mut err = std::io::stderr();
        match default {
            Some(d) if !d.is_empty() => write!(err, "{} [{d}]: ", question.get(self.lang))?,
            _ => write!(err, "{}: ", question.get(self.lang))?,
        }
        err.flush()?;
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line)? == 0 {
            anyhow::bail!(
                "{}",
                msg(
                    "入力が終わったので、やめました（何も書いていません）",
                    "input ended: stopped, nothing was written",
                )
                .get(self.lang)
            );
        }
        let line = line.trim().to_string();
        Ok((!line.is_empty()).then_some(line))
    }

    /// A value that must not be empty: the option, else the answer, else the default.
    fn text(
        &self,
        given: Option<String>,
        question: Msg,
        default: Option<String>,
        field: Field,
    ) -> anyhow::Result<String> {
        if let Some(value) = given {
            return Ok(value.trim().to_string());
        }
        if !self.interactive {
            return default.ok_or_else(|| {
                InitError::Invalid {
                    field,
                    value: String::new(),
                }
                .into()
            });
        }
        loop {
            match (self.line(&question, default.as_deref())?, &default) {
                (Some(answer), _) => return Ok(answer),
                (None, Some(default)) => return Ok(default.clone()),
                (None, None) => {}
            }
        }
    }

    /// A value that may stay unset; on a terminal, asked again until `valid` accepts it.
    fn optional(
        &self,
        given: Option<String>,
        question: Msg,
        field: Field,
        valid: impl Fn(&str) -> bool,
    ) -> anyhow::Result<Option<String>> {
        if given.is_some() || !self.interactive {
            return Ok(given.map(|v| v.trim().to_string()));
        }
        loop {
            match self.line(&question, None)? {
                Some(answer) if !valid(&answer) => {
                    eprintln!(
                        "{}",
                        InitError::Invalid {
                            field,
                            value: answer
                        }
                    );
                }
                answer => return Ok(answer),
            }
        }
    }

    /// A reading: the guess, confirmed or corrected on a terminal; asked again until it is
    /// hiragana.
    fn reading(
        &self,
        question: Msg,
        guess: Option<String>,
        field: Field,
        text: &str,
    ) -> anyhow::Result<String> {
        if !self.interactive {
            return guess.ok_or_else(|| {
                InitError::Unread {
                    field,
                    text: text.to_string(),
                }
                .into()
            });
        }
        loop {
            let answer = self.line(&question, guess.as_deref())?;
            let kana = match (answer, &guess) {
                (Some(answer), _) => init::normalize_reading(&answer),
                (None, Some(guess)) => return Ok(guess.clone()),
                (None, None) => continue,
            };
            if shirube::text::is_reading(&kana) {
                return Ok(kana);
            }
            let error = InitError::Invalid { field, value: kana };
            eprintln!("{error}");
        }
    }
}

fn report(chosen: &Chosen, written: &[&str], dir: &str, lang: Lang) {
    let s = &chosen.values;
    let region = &s.region;
    say(
        lang,
        format!("{region}のガイドを {dir} に作りました:"),
        format!("made the guide of {region} in {dir}:"),
    );
    for path in written {
        println!("  {path}");
    }
    for (what, reading) in &chosen.guessed {
        let what_ja = &what.ja;
        let what_en = &what.en;
        say(
            lang,
            format!(
                "{what_ja}「{reading}」は辞書からの推測です。ちがうときは site.yaml を直してください。"
            ),
            format!(
                "{what_en}, {reading}, was guessed from the dictionary: correct it in site.yaml if it is wrong."
            ),
        );
    }
    say(lang, "つぎにすること:", "next:");
    let mut steps: Vec<Msg> = Vec::new();
    if s.base_url.is_none() {
        steps.push(msg(
            "site.yaml の base_url を、ガイドを公開するアドレスに書きかえる（いまは仮のアドレスです）",
            "replace base_url in site.yaml with the address the guide is published at (it is a placeholder now)",
        ));
    }
    if s.contact.is_none() {
        steps.push(msg(
            format!(
                "content/pages/about.md と accessibility.md の {} に、事務局の連絡先を書く",
                init::PLACEHOLDER_CONTACT
            ),
            "write the secretariat's contact in content/pages/about.md and accessibility.md, where they say 【…】".to_string(),
        ));
    }
    if chosen.default_publisher {
        steps.push(msg(
            format!(
                "団体の名前「{}」でよいか確かめる（content/pages/about.md、accessibility.md）",
                s.publisher
            ),
            format!(
                "check the organisation's name, {} (content/pages/about.md, accessibility.md)",
                s.publisher
            ),
        ));
    }
    if init::SHIRUBE_REPOSITORY.contains("OWNER") {
        steps.push(msg(
            "GitHub で使う前に、.github/actions/install-shirube/action.yml の repository を shirube のリポジトリの URL にする",
            "before using it on GitHub, set repository in .github/actions/install-shirube/action.yml to shirube's repository URL",
        ));
    }
    steps.push(msg(
        format!(
            "国の公開データ（WAM NET）から事業所を取り込む: cd {dir} && shirube import wam <CSV>... --city {region}"
        ),
        format!(
            "import the offices from the national open data (WAM NET): cd {dir} && shirube import wam <CSV>... --city {region}"
        ),
    ));
    steps.push(msg(
        "shirube check で確かめ、shirube serve で見る",
        "check with shirube check, look with shirube serve",
    ));
    steps.push(msg(
        "GitHub にリポジトリを作って push する（README.md の「はじめにすること」）",
        "make a repository on GitHub and push (README.md, 「はじめにすること」)",
    ));
    for (i, step) in steps.iter().enumerate() {
        println!("  {}. {}", i + 1, step.get(lang));
    }
}
