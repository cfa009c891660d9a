//! How every problem is said to a provider, in both languages, with how to fix it.
//!
//! One `match` gives the message and the fix in Japanese and English together, so a problem
//! cannot be added without all four sentences (a missing one does not compile), and a council can
//! review every sentence a provider may see in this one file.
//!
//! Why this file is long: that review is the point of the file, so the sentences stay together
//! (about 450 lines of them); the rest is the test that every kind of problem has all four.

use crate::diagnostics::problem::{Expected, Format, Problem};
use crate::lang::{Msg, msg};

/// What a provider is told: what is wrong, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    pub message: Msg,
    pub fix: Msg,
}

fn said(message: Msg, fix: Msg) -> Wording {
    Wording { message, fix }
}

impl Expected {
    pub fn name(self) -> Msg {
        match self {
            Expected::Text => msg("文字", "text"),
            Expected::Integer => msg("整数（例: 20）", "a whole number (e.g. 20)"),
            Expected::Number => msg("数", "a number"),
            Expected::Bool => msg("あり か なし（true か false）", "true or false"),
            Expected::List => msg("リスト（- ではじまる行）", "a list (lines starting with -)"),
            Expected::Mapping => msg(
                "項目のまとまり（「名前: 値」の行）",
                "a mapping (\"name: value\" lines)",
            ),
        }
    }
}

impl Format {
    pub fn name(self) -> Msg {
        match self {
            Format::Phone => msg("電話番号", "phone number"),
            Format::PostalCode => msg("郵便番号", "postal code"),
            Format::Url => msg("URL", "URL"),
            Format::Email => msg("メールアドレス", "e-mail address"),
            Format::Date => msg("日付", "date"),
            Format::TimeRange => msg("時間", "time range"),
            Format::Id => msg("id", "id"),
            Format::OfficeNumber => msg("事業所番号", "office number"),
            Format::CorporateNumber => msg("法人番号", "corporate number"),
            Format::Time => msg("時刻", "time of day"),
            Format::LgCode => msg("全国地方公共団体コード", "local government code"),
        }
    }

    fn example(self) -> &'static str {
        match self {
            Format::Phone => "0123-45-6789",
            Format::PostalCode => "123-4567",
            Format::Url => "https://example.jp/",
            Format::Email => "info@example.jp",
            Format::Date => "2025-04-01",
            Format::TimeRange => "09:30-15:30",
            Format::Id => "midori-bakery",
            Format::OfficeNumber => "\"2312345678\"",
            Format::CorporateNumber => "\"1234567890123\"",
            Format::Time => "\"13:30\"",
            Format::LgCode => "\"122181\"",
        }
    }

    fn rule(self) -> Msg {
        match self {
            Format::Phone => msg(
                "数字とハイフンで、市外局番から書いてください",
                "write digits and hyphens, area code first",
            ),
            Format::PostalCode => msg(
                "3けた-4けたの数字で書いてください",
                "write 3 digits, a hyphen and 4 digits",
            ),
            Format::Url => msg(
                "http:// か https:// ではじめてください",
                "start with http:// or https://",
            ),
            Format::Email => msg(
                "名前@ドメイン の形で書いてください",
                "write it as name@domain",
            ),
            Format::Date => msg(
                "年-月-日（令和なら 令和7年4月1日）の形で、ある日付を書いてください",
                "write a real date as year-month-day",
            ),
            Format::TimeRange => msg(
                "はじまり-おわり を24時間の 時:分 で書いてください",
                "write start-end as 24-hour hh:mm",
            ),
            Format::Id => msg(
                "半角の英小文字・数字・ハイフン（-）だけで書いてください",
                "use only lower-case ASCII letters, digits and hyphens",
            ),
            Format::OfficeNumber => msg(
                "10けたの数字を引用符（\"）で囲んで書いてください",
                "write the 10 digits in double quotes",
            ),
            Format::CorporateNumber => msg(
                "13けたの数字を引用符（\"）で囲んで書いてください",
                "write the 13 digits in double quotes",
            ),
            Format::Time => msg(
                "24時間の 時:分 を引用符（\"）で囲んで書いてください",
                "write a 24-hour hh:mm in double quotes",
            ),
            Format::LgCode => msg(
                "6けたの数字（検査数字をふくむ）を引用符（\"）で囲んで書いてください",
                "write the 6 digits (check digit included) in double quotes",
            ),
        }
    }
}

impl Problem {
    /// The message and the fix, in both languages.
    pub fn wording(&self) -> Wording {
        match self {
            Problem::Unreadable { detail } => said(
                msg(
                    format!("ファイルを読めません（{detail}）"),
                    format!("cannot read the file ({detail})"),
                ),
                msg(
                    "ファイルの権限や名前を確かめてください",
                    "check the file's name and permissions",
                ),
            ),
            Problem::NotUtf8 => said(
                msg("文字コードが UTF-8 ではありません", "the file is not UTF-8"),
                msg(
                    "エディタで文字コードを UTF-8 にして保存し直してください",
                    "save the file again as UTF-8 in your editor",
                ),
            ),
            Problem::MissingSiteConfig => said(
                msg("site.yaml がありません", "site.yaml is missing"),
                msg(
                    "site.yaml のあるサイトのフォルダを指定しているか確かめてください",
                    "check that you gave the site's folder, the one holding site.yaml",
                ),
            ),
            Problem::NoFrontMatter => said(
                msg(
                    "はじめの行が --- ではありません（項目の書き出しがありません）",
                    "the first line is not --- (no front matter)",
                ),
                front_matter_fix(),
            ),
            Problem::UnclosedFrontMatter => said(
                msg(
                    "項目のおわりの --- がありません",
                    "the closing --- of the front matter is missing",
                ),
                front_matter_fix(),
            ),
            Problem::YamlSyntax { detail } => said(
                msg(
                    format!("書きかたに誤りがあります（{}）", yaml_detail_ja(detail)),
                    format!("YAML syntax error ({detail})"),
                ),
                msg(
                    "コロン（:）のあとの半角スペース、字下げ（行頭のスペース）のそろい、引用符（\"）の閉じ忘れを確かめてください",
                    "check the space after each colon, the indentation and closing quotes",
                ),
            ),
            Problem::DuplicateKey { key } => said(
                msg(
                    format!("同じ項目「{key}」が2回書かれています"),
                    format!("the field \"{key}\" is written twice"),
                ),
                msg("どちらか一方を消してください", "delete one of them"),
            ),
            Problem::NotAMapping => said(
                msg(
                    "「名前: 値」の形の項目が書かれていません",
                    "expected \"name: value\" fields",
                ),
                msg(
                    "「name: みどりベーカリー」のように、項目名・コロン・値の順に書いてください",
                    "write a field name, a colon and the value, e.g. \"name: みどりベーカリー\"",
                ),
            ),
            Problem::UnknownField { field, suggestion } => said(
                msg(
                    format!("「{field}」という項目はありません"),
                    format!("unknown field \"{field}\""),
                ),
                match suggestion {
                    Some(s) => msg(
                        format!("「{s}」のまちがいではありませんか"),
                        format!("did you mean \"{s}\"?"),
                    ),
                    None => msg(
                        "項目の名前と字下げを確かめてください（使える項目は「事業所のみなさまへ」と shirube new のひな形にあります）",
                        "check the field's name and indentation (the fields are listed in the providers' guide and in shirube new's template)",
                    ),
                },
            ),
            Problem::MissingField { field } => said(
                msg(
                    format!("「{field}」が書かれていません（必ず書く項目です）"),
                    format!("the required field \"{field}\" is missing"),
                ),
                msg(
                    format!("「{field}: 」の行を書きたしてください"),
                    format!("add a line \"{field}: …\""),
                ),
            ),
            Problem::Empty => said(
                msg("空になっています", "the value is empty"),
                msg(
                    "値を書くか、使わないならこの行を消してください",
                    "write a value, or delete the line if you do not use it",
                ),
            ),
            Problem::WrongType {
                expected,
                found_ja,
                found_en,
            } => {
                let name = expected.name();
                // true/false where words are wanted: a yes or a no, said in words.
                let fix = match (expected, found_en.as_str()) {
                    (Expected::Text, "a boolean") => msg(
                        "ことばで書いてください（あるなら「あり」と、何があるかも。例: あり（2台・無料）。ないなら「なし」）",
                        "say it in words: あり (there is), with what there is, or なし (there is none)",
                    ),
                    _ => msg(
                        format!("{}を書いてください", name.ja),
                        format!("write {}", name.en),
                    ),
                };
                said(
                    msg(
                        format!("{}を書くところに{}が書かれています", name.ja, found_ja),
                        format!("expected {}, found {}", name.en, found_en),
                    ),
                    fix,
                )
            }
            Problem::NotInList {
                value,
                allowed,
                labels,
                suggestion,
            } => said(
                msg(
                    format!(
                        "\"{value}\" は使えません（使えるもの: {}）",
                        match labels.len() == allowed.len() {
                            true => allowed
                                .iter()
                                .zip(labels)
                                .map(|(id, label)| format!("{id}（{label}）"))
                                .collect::<Vec<_>>()
                                .join(", "),
                            false => allowed.join(", "),
                        }
                    ),
                    format!(
                        "\"{value}\" is not allowed (allowed: {})",
                        allowed.join(", ")
                    ),
                ),
                match suggestion {
                    Some(s) => msg(
                        format!("\"{s}\" のまちがいではありませんか"),
                        format!("did you mean \"{s}\"?"),
                    ),
                    None => msg(
                        "使えるもののどれかを書いてください",
                        "write one of the allowed values",
                    ),
                },
            ),
            Problem::BadFormat { format, value } => {
                let (name, rule, example) = (format.name(), format.rule(), format.example());
                said(
                    msg(
                        format!("\"{value}\" は{}として読めません", name.ja),
                        format!("\"{value}\" is not a valid {}", name.en),
                    ),
                    msg(
                        format!("{}（例: {example}）", rule.ja),
                        format!("{} (e.g. {example})", rule.en),
                    ),
                )
            }
            Problem::UnknownArea {
                value,
                meant: Some(id),
                ..
            } => said(
                msg(
                    format!("\"{value}\" は地域の名前です。area には地域の id を書きます"),
                    format!("\"{value}\" is an area's name; area takes the area's id"),
                ),
                msg(
                    format!(
                        "area: {id} と書いてください（地域の名前とよみがなは site.yaml にあります）"
                    ),
                    format!("write area: {id} (site.yaml holds the area's name and reading)"),
                ),
            ),
            Problem::UnknownArea {
                value,
                allowed,
                meant: None,
            } => said(
                msg(
                    format!(
                        "\"{value}\" は site.yaml の areas にありません（使えるもの: {}）",
                        allowed.join(", ")
                    ),
                    format!(
                        "\"{value}\" is not one of site.yaml's areas (allowed: {})",
                        allowed.join(", ")
                    ),
                ),
                msg(
                    "site.yaml の areas にある id を書いてください",
                    "write the id of one of site.yaml's areas",
                ),
            ),
            Problem::DuplicateId { id, other } => said(
                msg(
                    format!("id \"{id}\" は {other} でも使われています"),
                    format!("id \"{id}\" is also used by {other}"),
                ),
                msg(
                    "どちらかの id（なければファイル名）を変えてください",
                    "change one of the ids (or, without one, the file name)",
                ),
            ),
            Problem::NotHiragana { value } => said(
                msg(
                    format!("よみがな \"{value}\" にひらがな以外の文字があります"),
                    format!("the reading \"{value}\" has characters other than hiragana"),
                ),
                msg(
                    "よみがなは ひらがなで書いてください（カタカナ・漢字・英字は使えません）",
                    "write the reading in hiragana (no katakana, kanji or Latin letters)",
                ),
            ),
            Problem::KanaRequired => said(
                msg(
                    "名前に漢字かカタカナがあるので、よみがな（kana）が必要です",
                    "the name has kanji or katakana, so a reading (kana) is required",
                ),
                msg(
                    "「kana: 」に名前のよみを ひらがなで書いてください",
                    "add \"kana:\" with the reading in hiragana",
                ),
            ),
            Problem::KanaGap {
                missing,
                left_over,
                suggested,
            } => {
                let quoted = |words: &[String]| {
                    words
                        .iter()
                        .map(|w| format!("「{w}」"))
                        .collect::<Vec<_>>()
                        .join("")
                };
                let (ja, en) = match (missing.is_empty(), left_over) {
                    (false, Some(extra)) => (
                        format!(
                            "kana に、名前の{}の よみが なく、おわりの「{extra}」に あたることばが 名前に ありません",
                            quoted(missing)
                        ),
                        format!(
                            "the kana leave out {} of the name, and no word of it reads \"{extra}\" at their end",
                            missing.join(", ")
                        ),
                    ),
                    (false, None) => (
                        format!("kana に、名前の{}の よみが ありません", quoted(missing)),
                        format!("the kana leave out {} of the name", missing.join(", ")),
                    ),
                    (true, Some(extra)) => (
                        format!("kana の おわりの「{extra}」に あたることばが 名前に ありません"),
                        format!("no word of the name reads \"{extra}\" at the end of the kana"),
                    ),
                    (true, None) => (
                        "kana が 名前と あっていません".to_string(),
                        "the kana do not match the name".to_string(),
                    ),
                };
                said(
                    msg(
                        format!("{ja}（名前を変えて kana を そのままにしていませんか）"),
                        format!("{en} (was the name changed and its kana left as they were?)"),
                    ),
                    msg(
                        format!(
                            "kana に名前ぜんぶの よみを書いてください（例: {suggested}。辞書の よみなので、ちがうところは直してください）"
                        ),
                        format!(
                            "write the reading of the whole name in kana (e.g. {suggested}, from the dictionary: correct it where the name is read otherwise)"
                        ),
                    ),
                )
            }
            Problem::YearlyFigureWithoutYear {
                figure_ja,
                figure_en,
            } => said(
                msg(
                    format!("{figure_ja}に何年度の数字かが書かれていません"),
                    format!("the {figure_en} has no fiscal year"),
                ),
                msg(
                    "「fiscal_year: 2024」のように年度を書きたしてください",
                    "add the fiscal year, e.g. \"fiscal_year: 2024\"",
                ),
            ),
            Problem::FullWidthLink { written, fixed } => said(
                msg(
                    format!("「{written}」は かっこが全角なので、リンクになりません"),
                    format!("\"{written}\" has full-width brackets, so it is not a link"),
                ),
                msg(
                    format!("半角の [ ] と ( ) で書いてください（{fixed}）"),
                    format!("write it with half-width [ ] and ( ) ({fixed})"),
                ),
            ),
            Problem::PhotoAltSaysNothing { alt } => said(
                msg(
                    format!(
                        "写真の説明（alt）が「{alt}」では、何が写っているか伝わりません（目の見えない人には これが読まれます）"
                    ),
                    format!(
                        "the photo's alt text \"{alt}\" does not say what the picture shows (blind readers hear only this)"
                    ),
                ),
                msg(
                    "写っているものを書いてください（例: alt: パンを焼いているところ）。飾りの写真なら alt の行を消して「decorative: true」と書いてください",
                    "say what the picture shows (e.g. alt: baking bread); for a decorative picture, delete the alt line and write \"decorative: true\"",
                ),
            ),
            Problem::CostWithoutLunch { cost } => said(
                msg(
                    format!(
                        "昼食が「なし」（available: false）なのに、値段（{cost}円）が書いてあります（ページには「なし」とだけ出ます）"
                    ),
                    format!(
                        "lunch is not available (available: false) but has a price ({cost} yen); the page shows only that there is none"
                    ),
                ),
                msg(
                    "昼食があるなら available: true に、ないなら cost_yen の行を消してください",
                    "write available: true if there is lunch, or delete the cost_yen line",
                ),
            ),
            Problem::NotForService { field, service } => said(
                msg(
                    format!("「{field}」は {service} のサービスには書けません"),
                    format!("\"{field}\" does not apply to the {service} service"),
                ),
                msg(
                    "この項目を消すか、正しいサービスの下に移してください",
                    "delete the field or move it under the right service",
                ),
            ),
            Problem::OutOfRange { value, min, max } => said(
                msg(
                    format!("{value} は範囲外です（{min}〜{max}）"),
                    format!("{value} is out of range ({min}–{max})"),
                ),
                msg("数字を確かめてください", "check the number"),
            ),
            Problem::EmptyList => said(
                msg("ひとつも書かれていません", "the list is empty"),
                msg("少なくともひとつ書いてください", "write at least one item"),
            ),
            Problem::ListedTwice { value, first_line } => said(
                match first_line {
                    Some(line) => msg(
                        format!("「{value}」が2回書かれています（{line}行目にもあります）"),
                        format!("\"{value}\" is listed twice (also on line {line})"),
                    ),
                    None => msg(
                        format!("「{value}」が この行に2回書かれています"),
                        format!("\"{value}\" is listed twice on this line"),
                    ),
                },
                msg(
                    "同じものは1回だけ書きます。どちらかを消してください",
                    "delete one of them",
                ),
            ),
            Problem::PhoneDigits {
                value,
                digits,
                expected,
            } => said(
                msg(
                    format!(
                        "電話番号「{value}」は {digits}けたです（この番号は {expected}けたのはずです）"
                    ),
                    format!(
                        "the phone number \"{value}\" has {digits} digits (a number of its kind has {expected})"
                    ),
                ),
                msg(
                    "番号を確かめてください（携帯電話と 050・0800 ではじまる番号は11けた、ほかは10けた）",
                    "check the number (mobile, 050 and 0800 numbers have 11 digits, the others 10)",
                ),
            ),
            Problem::StreetRepeatsCity { city } => said(
                msg(
                    format!(
                        "street が「{city}」ではじまっています（ページには city とあわせて「{city}{city}…」と出ます）"
                    ),
                    format!("street begins with \"{city}\", which the page already puts before it"),
                ),
                msg(
                    format!("street には「{city}」のあとの町名と番地だけを書いてください"),
                    format!(
                        "write only what follows \"{city}\" in street: the town and the number"
                    ),
                ),
            ),
            Problem::NumberCutByComma { key } => said(
                msg(
                    format!(
                        "「{key}」という項目はありません。数字の中の「,」が、項目の区切りと読まれたようです"
                    ),
                    format!(
                        "there is no field \"{key}\": a comma inside a number was read as the one between fields"
                    ),
                ),
                msg(
                    "{ } の中では、数字に「,」を入れずに書いてください（例: monthly_average: 21300）",
                    "inside { }, write numbers without commas (e.g. monthly_average: 21300)",
                ),
            ),
            Problem::CorporateNumberCheck { value } => said(
                msg(
                    format!(
                        "「{value}」は法人番号ではありません（1けた目の検査用の数字が、ほかの12けたと合いません）"
                    ),
                    format!(
                        "\"{value}\" is not a corporate number (its first digit, the check digit, does not match the other twelve)"
                    ),
                ),
                msg(
                    "国税庁の法人番号公表サイトで番号を確かめてください（わからなければ行を消します）",
                    "look the number up on the National Tax Agency's corporate number site (or delete the line)",
                ),
            ),
            Problem::UrlWithWords { value, url } => said(
                msg(
                    format!("URL「{value}」のあとに、ことばがついています"),
                    format!("words follow the address in \"{value}\""),
                ),
                msg(
                    format!("URL だけを書いてください（{url}）"),
                    format!("write the address alone ({url})"),
                ),
            ),
            Problem::HoursWithoutDays => said(
                msg(
                    "hours に曜日の時間がひとつもありません（このままでは、どの曜日も「休み」と出ます）",
                    "hours gives no day's times (every day would show as closed)",
                ),
                msg(
                    "weekdays: \"09:00-16:00\" のように時間を書いてください。決まった時間がなければ hours ごと消して、本文に書きます",
                    "add the times, e.g. weekdays: \"09:00-16:00\"; if there are no set times, delete hours and say so in the text",
                ),
            ),
            Problem::WeekdaysLeftOut => said(
                msg(
                    "hours に weekdays（月曜〜金曜）がないので、月曜〜金曜は「休み」と出ます",
                    "hours has no weekdays, so Monday to Friday shows as closed",
                ),
                msg(
                    "weekdays: \"09:00-16:00\" のように月曜〜金曜の時間を書いてください（休みなら weekdays: null）",
                    "add Monday to Friday's times, e.g. weekdays: \"09:00-16:00\" (weekdays: null if closed)",
                ),
            ),
            Problem::ServiceTwice {
                service,
                first_line,
            } => said(
                msg(
                    format!("「{service}」のサービスが2つあります（{first_line}行目にもあります）"),
                    format!("the {service} service is listed twice (also on line {first_line})"),
                ),
                msg(
                    "ちがうサービスなら type を直し、同じサービスなら1つのまとまりにまとめてください",
                    "if it is another service, correct its type; if it is the same one, bring the two together",
                ),
            ),
            Problem::ContactRequired => said(
                msg(
                    "連絡先に電話番号（phone）もメールアドレス（email）もありません",
                    "contact has neither phone nor email",
                ),
                msg(
                    "contact に phone か email を書いてください",
                    "add a phone or an email under contact",
                ),
            ),
            Problem::PhotoWithoutAlt => said(
                msg("写真の説明（alt）がありません", "the photo has no alt text"),
                msg(
                    "写真に何が写っているかを「alt: 」に書いてください（目の見えない人が読みます）。説明のいらない飾りの写真なら「decorative: true」と書いてください",
                    "describe the picture in \"alt:\" (blind readers hear it); for a purely decorative picture, write \"decorative: true\" instead",
                ),
            ),
            Problem::PhotoAltAndDecorative => said(
                msg(
                    "写真に説明（alt）があるのに「decorative: true」（飾りの写真）とも書かれています",
                    "the photo has alt text but is also marked \"decorative: true\"",
                ),
                msg(
                    "写真が伝えることがあるなら decorative の行を消してください。飾りなら alt の行を消してください",
                    "if the picture tells something, delete the decorative line; if it is decoration, delete the alt line",
                ),
            ),
            Problem::PhotoMissing { src } => said(
                msg(
                    format!("写真のファイル \"{src}\" が content/media にありません"),
                    format!("the photo file \"{src}\" is not in content/media"),
                ),
                msg(
                    "写真を content/media に入れるか、ファイル名を確かめてください",
                    "put the photo in content/media, or check the file name",
                ),
            ),
            Problem::PhotoUnreadable { src } => said(
                msg(
                    format!("写真のファイル \"{src}\" が壊れていて読めません"),
                    format!("the photo file \"{src}\" is damaged and cannot be read"),
                ),
                msg(
                    "カメラやスマートフォンから、写真をもう一度入れ直してください",
                    "put in the photo again, straight from the camera or phone",
                ),
            ),
            Problem::PhotoOutsideSite { src } => said(
                msg(
                    format!("写真 \"{src}\" はサイトのフォルダの外を指しています"),
                    format!("the photo \"{src}\" points outside the site folder"),
                ),
                msg(
                    "写真を content/media に入れて、そこでのファイル名だけを書いてください（「..」や「/」で始まる場所、外へのリンクは使えません）",
                    "put the photo in content/media and write its name there (no \"..\", no path starting with \"/\", no link leading outside)",
                ),
            ),
            Problem::PhotoUnsupported { src, found } => {
                let (ja, en) = match found {
                    Some(kind) => (format!(" {kind} 形式"), kind.to_string()),
                    None => (
                        "写真として読めない形式".to_string(),
                        "not a picture".to_string(),
                    ),
                };
                said(
                    msg(
                        format!(
                            "写真のファイル \"{src}\" は{ja}です。JPEG・PNG・WebP の写真だけが使えます"
                        ),
                        format!(
                            "the photo file \"{src}\" is {en}; only JPEG, PNG and WebP photos can be used"
                        ),
                    ),
                    msg(
                        "JPEG で保存しなおしてください（iPhone の HEIC は、設定 → カメラ → フォーマット →「互換性優先」で JPEG になります）",
                        "save it again as JPEG (an iPhone's HEIC becomes JPEG with Settings → Camera → Formats → Most Compatible)",
                    ),
                )
            }
            Problem::PhotoTooLarge {
                src,
                megabytes,
                max,
            } => said(
                msg(
                    format!(
                        "写真のファイル \"{src}\" が大きすぎます（{megabytes} MB。{max} MB まで）"
                    ),
                    format!(
                        "the photo file \"{src}\" is too large ({megabytes} MB; at most {max} MB)"
                    ),
                ),
                msg(
                    "スマートフォンでふつうに撮った写真を使うか、小さくしてから入れてください",
                    "use a photo as a phone takes it, or make it smaller first",
                ),
            ),
            Problem::PhotoTooManyPixels {
                src,
                width,
                height,
                max_megapixels,
            } => said(
                msg(
                    format!(
                        "写真 \"{src}\" の大きさ {width}×{height} ピクセルは大きすぎます（{max_megapixels}00万画素、一辺 16384 ピクセルまで）"
                    ),
                    format!(
                        "the photo \"{src}\" is {width}×{height} pixels, too many (at most {max_megapixels} megapixels, 16384 on a side)"
                    ),
                ),
                msg(
                    "写真を小さくしてから入れてください（長い辺 4000 ピクセルほどで十分です）",
                    "make the photo smaller first (4000 pixels on the long side is plenty)",
                ),
            ),
            Problem::BrokenLink { target } => said(
                msg(
                    format!("リンク先 \"{target}\" が見つかりません"),
                    format!("the link target \"{target}\" does not exist"),
                ),
                msg(
                    "@/entries/<ファイル名>.md、@/pages/<ファイル名>.md、@/glossary.md のどれかで、あるファイルを指してください",
                    "point at an existing file with @/entries/<file>.md, @/pages/<file>.md or @/glossary.md",
                ),
            ),
            Problem::UnsafeLink { target } => said(
                msg(
                    format!("リンク \"{target}\" は使えません"),
                    format!("the link \"{target}\" is not allowed"),
                ),
                msg(
                    "https:// ではじまるリンクか、ガイドの中へのリンクにしてください",
                    "link to an https:// address or to a page of the guide",
                ),
            ),
            Problem::UnknownGlossaryRef { id } => said(
                msg(
                    format!("用語 \"{id}\" は glossary.yaml にありません"),
                    format!("the term \"{id}\" is not in glossary.yaml"),
                ),
                msg(
                    "glossary.yaml にある用語の id を書いてください",
                    "write the id of a term in glossary.yaml",
                ),
            ),
            Problem::TimeRangeReversed { value } => said(
                msg(
                    format!("\"{value}\" はおわりの時刻がはじまりより前です"),
                    format!("\"{value}\" ends before it starts"),
                ),
                msg(
                    "はじまり-おわり の順に書いてください（例: 09:30-15:30）",
                    "write start-end in that order (e.g. 09:30-15:30)",
                ),
            ),
            Problem::Stale { verified, months } => said(
                msg(
                    format!("情報の確認日 {verified} から{months}か月たっています"),
                    format!("last verified {verified}, {months} months ago"),
                ),
                msg(
                    "内容を確かめて、「verified: 」を確かめた日に直してください",
                    "confirm the facts and update \"verified:\"",
                ),
            ),
            Problem::FutureDate { value } => said(
                msg(
                    format!("日付 {value} はまだ来ていない日です"),
                    format!("the date {value} is in the future"),
                ),
                msg(
                    "確かめた日（今日かそれより前）を書いてください",
                    "write the day you confirmed it (today or earlier)",
                ),
            ),
            Problem::Unconfirmed { as_of } => said(
                msg(
                    format!(
                        "公開データ（{as_of}時点）から取り込んだままで、事業所への確認がまだです"
                    ),
                    format!(
                        "imported from open data (as of {as_of}) and not yet confirmed with the provider"
                    ),
                ),
                msg(
                    "事業所に内容を確かめて、「verified: 」に確かめた日を書いてください",
                    "confirm the facts with the provider and add \"verified:\" with that day",
                ),
            ),
            Problem::PlaceholderBaseUrl { url } => said(
                msg(
                    format!("公開するアドレス（base_url）が仮のまま（{url}）です"),
                    format!("the published address (base_url) is still a placeholder ({url})"),
                ),
                msg(
                    "ガイドを公開する本当のアドレスを書いてください（例: https://<団体名>.github.io/<リポジトリ名>/）",
                    "write the address the guide is published at (e.g. https://<org>.github.io/<repository>/)",
                ),
            ),
            Problem::TemplateValue { value } => said(
                msg(
                    format!("ひな形の例「{value}」のままです"),
                    format!("still the template's sample value \"{value}\""),
                ),
                msg(
                    "ほんとうの内容に書きかえるか、使わないなら行を消してください",
                    "replace it with the real value, or delete the line if it does not apply",
                ),
            ),
            Problem::NoWhereToAskPage => said(
                msg(
                    "「どこに相談すればいい？」のページ（where-to-ask.md）がありません。トップページと印刷版が、まずこのページを案内します",
                    "there is no \"where to ask\" page (where-to-ask.md), which the home page and the printed guide point families to first",
                ),
                msg(
                    "content/pages/where-to-ask.md を作って、相談先の選びかたを書いてください（shirube init のひな形があります）",
                    "write content/pages/where-to-ask.md on how to choose whom to ask (shirube init writes a starter)",
                ),
            ),
            Problem::NoEasyJapanese => said(
                msg(
                    "やさしい日本語の説明（easy）がありません。やさしい日本語で読む人は、この事業所をほかと同じようにくらべられません",
                    "there is no easy-Japanese summary (easy), so people who read easy Japanese cannot compare this office fairly with the others",
                ),
                msg(
                    "「easy: 」に、みじかい文で、ひらがなを多くして、どんなところかを書いてください（例: パンを つくって うる しごとです。）",
                    "add \"easy:\" with what the office is like in short sentences, mostly in hiragana",
                ),
            ),
            Problem::NoSupportCenters => said(
                msg(
                    "相談・支援機関（kind: center）がひとつもありません。家族がまず相談するところです",
                    "there is no support centre (kind: center), where families ask first",
                ),
                msg(
                    "ナカポツ、ハローワーク、就労支援センターなどを shirube new center <id> で足してください",
                    "add the employment and life support centre, the public job centre and other support centres with shirube new center <id>",
                ),
            ),
            Problem::BareAnswer { value, example } => said(
                msg(
                    format!(
                        "「{value}」だけでは、何がどうなのか読む人に伝わりません（ページには「{value}」とだけ出ます）"
                    ),
                    format!(
                        "\"{value}\" alone tells a reader nothing of what there is (the page shows just \"{value}\")"
                    ),
                ),
                msg(
                    format!(
                        "ことばで書いてください（例: {example}）。書くことがなければ、この行を消してください"
                    ),
                    format!(
                        "say it in words (e.g. {example}), or delete the line if there is nothing to say"
                    ),
                ),
            ),
            Problem::AreaWithoutEntries { id, name } => said(
                msg(
                    format!(
                        "地域「{name}」（{id}）には、のっている事業所などがひとつもありません。ホームと地域の一覧に「0件」と出ます"
                    ),
                    format!(
                        "no entry is in the area {name} ({id}): the home page and the list of areas show it with 0 entries"
                    ),
                ),
                msg(
                    format!(
                        "この地域の事業所などがあれば、そのファイルに「area: {id}」と書いてください。使わない地域なら、site.yaml の areas: からこの行を消してください"
                    ),
                    format!(
                        "write \"area: {id}\" in the files of this area's entries, or delete this line from areas: in site.yaml if the guide does not use the area"
                    ),
                ),
            ),
            Problem::AreaNotAtAddress {
                id,
                name,
                city,
                fitting,
            } => said(
                msg(
                    format!(
                        "地域は「{name}」（{id}）ですが、住所の「{city}」は{name}にありません。地域でさがす人には、住所とちがう地域の事業所として出ます"
                    ),
                    format!(
                        "the area is {name} ({id}), but the address's {city} is not in {name}: a reader looking by area finds the entry under another area than its address's"
                    ),
                ),
                match fitting {
                    Some((fit, fit_name)) => msg(
                        format!(
                            "住所が正しければ「area: {fit}」（{fit_name}）に直してください。地域が正しければ、address の city を確かめてください"
                        ),
                        format!(
                            "if the address is right, change it to \"area: {fit}\" ({fit_name}); if the area is right, check address.city"
                        ),
                    ),
                    None => msg(
                        format!(
                            "住所が正しければ、site.yaml の areas: に{city}の地域を足して、area をその id に直してください。地域が正しければ、address の city を確かめてください"
                        ),
                        format!(
                            "if the address is right, add an area for {city} to areas: in site.yaml and give its id as area; if the area is right, check address.city"
                        ),
                    ),
                },
            ),
            Problem::TooLong { length, max } => said(
                msg(
                    format!("{length}文字あります（{max}文字まで）"),
                    format!("{length} characters (at most {max})"),
                ),
                msg("短くまとめてください", "shorten it"),
            ),
            Problem::EndsBeforeStart { start, end } => said(
                msg(
                    format!("おわり（{end}）が はじまり（{start}）より前です"),
                    format!("the end ({end}) is before the start ({start})"),
                ),
                msg(
                    "日付と時刻を確かめて、はじまりより後の おわりを書いてください",
                    "check the dates and times: the end must come after the start",
                ),
            ),
            Problem::UnknownEntry { id } => said(
                msg(
                    format!("\"{id}\" という id の情報（事業所・相談先など）はありません"),
                    format!("no entry has the id \"{id}\""),
                ),
                msg(
                    "content/entries にあるファイルの id（なければファイル名）を書くか、この行を消してください",
                    "write the id (or file name) of a file in content/entries, or delete the line",
                ),
            ),
            Problem::EndWithoutStart => said(
                msg(
                    "おわりの時刻（end）はあるのに、はじまりの時刻（start）がありません",
                    "there is an end time but no start time",
                ),
                msg(
                    "「start: \"13:30\"」のように、はじまりの時刻を書きたしてください",
                    "add the start time, e.g. start: \"13:30\"",
                ),
            ),
            Problem::OrganiserContactRequired => said(
                msg(
                    "主催者（organiser）に 電話番号（phone）も メールアドレス（email）も、ガイドの情報（entry）もありません",
                    "the organiser has no phone, no email and no entry of the guide",
                ),
                msg(
                    "問い合わせ先がわかるように、organiser に phone か email、または entry を書いてください",
                    "add a phone, an email or the id of an entry under organiser, so people can ask",
                ),
            ),
            Problem::AmbiguousChoice { value, ids, labels } => said(
                msg(
                    format!(
                        "「{value}」では、{} のどれのことか分かりません",
                        ids.iter()
                            .zip(labels)
                            .map(|(id, label)| format!("{id}（{label}）"))
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                    format!("\"{value}\" could be any of {}", ids.join(", ")),
                ),
                msg(
                    "どれか一つの名前か id を、そのまま書いてください",
                    "write the name or id of one of them",
                ),
            ),
            Problem::TabInIndent => said(
                msg(
                    "行のはじめの字下げに タブ文字 が使われています",
                    "the indentation at the start of the line uses a tab",
                ),
                msg(
                    "タブを消して、半角スペースで字下げしてください（上の行とそろえます）",
                    "delete the tab and indent with spaces, lined up with the line above",
                ),
            ),
            Problem::FullWidthSpaceInIndent => said(
                msg(
                    "行のはじめの字下げに 全角スペース が使われています",
                    "the indentation at the start of the line uses a full-width space",
                ),
                msg(
                    "全角スペースを消して、半角スペースで字下げしてください（全角1つは半角2つ分です）",
                    "replace the full-width space with ASCII spaces (one full-width space is two)",
                ),
            ),
            Problem::FullWidthColon { key } => said(
                msg(
                    format!("「{key}」のあとのコロンが 全角の「：」です"),
                    format!("the colon after \"{key}\" is a full-width \"：\""),
                ),
                msg(
                    format!("半角の「:」とスペースにしてください（例: {key}: 値）"),
                    format!("use an ASCII colon and a space (e.g. {key}: value)"),
                ),
            ),
            Problem::ColonWithoutSpace { key } => said(
                msg(
                    format!("「{key}:」のあとにスペースがありません"),
                    format!("there is no space after \"{key}:\""),
                ),
                msg(
                    format!("コロンのあとに半角スペースを1つ入れてください（例: {key}: 値）"),
                    format!("put one space after the colon (e.g. {key}: value)"),
                ),
            ),
            Problem::UnclosedQuote => said(
                msg(
                    "引用符（\" か '）で はじまった値が、その行で閉じていません",
                    "a value starts with a quote (\" or ') that is not closed on its line",
                ),
                msg(
                    "値の終わりにも同じ引用符を書いてください（例: phone: \"0123-45-6789\"）",
                    "close it with the same quote at the end of the value (e.g. phone: \"0123-45-6789\")",
                ),
            ),
            Problem::RubyOpensValue { key, quoted } => said(
                msg(
                    "値が {漢字|かんじ} のふりがなで始まっているので、{ } が YAML の書きかたと読まれました",
                    "the value begins with author ruby {base|reading}, so YAML read its { } as a mapping",
                ),
                msg(
                    format!("値の前後を \" でかこんでください（{key}: {quoted}）"),
                    format!("put the value in double quotes ({key}: {quoted})"),
                ),
            ),
            Problem::LinkToFile { target } => said(
                msg(
                    format!(
                        "リンク「{target}」の先は、ガイドのページではなくファイルです（ガイドには載りません）"
                    ),
                    format!(
                        "the link \"{target}\" leads to a file, not a page of the guide (files are not published)"
                    ),
                ),
                msg(
                    "ほかの項目やページへは @/entries/<id>.md の形で、ほかのサイトへは https:// ではじまるアドレスでリンクしてください。写真は photos に書きます",
                    "link entries and pages as @/entries/<id>.md and other sites with https:// addresses; photos go under photos",
                ),
            ),
            Problem::FileTooLarge {
                kilobytes,
                max_kilobytes,
            } => said(
                msg(
                    format!("ファイルが大きすぎます（{kilobytes} KB。{max_kilobytes} KB まで）"),
                    format!(
                        "the file is too large ({kilobytes} KB; the limit is {max_kilobytes} KB)"
                    ),
                ),
                msg(
                    "1つの項目は ふつう数 KB です。まちがって別のファイルの中身を貼りつけていないか確かめてください",
                    "an entry is usually a few KB: check that nothing else was pasted into it",
                ),
            ),
            Problem::YamlTooComplex => said(
                msg(
                    "入れ子が深すぎるか、別名（& と *）が多すぎて、読める大きさをこえています",
                    "the YAML nests too deeply or uses too many aliases (& and *) to be read",
                ),
                msg(
                    "& と * の別名は使わず、項目をそのまま書いてください（ひな形は shirube new で作れます）",
                    "write the fields out without & and * aliases (shirube new makes a template)",
                ),
            ),
            Problem::TooManyFiles { count, max } => said(
                msg(
                    format!("このフォルダのファイルが多すぎます（{count} 個。{max} 個まで）"),
                    format!("this folder has too many files ({count}; the limit is {max})"),
                ),
                msg(
                    "いらないファイルを消すか、地域ごとにガイドを分けてください",
                    "delete the files that do not belong, or split the guide by region",
                ),
            ),
            Problem::ShiftJis => said(
                msg(
                    "文字コードが Shift_JIS です（UTF-8 ではありません）",
                    "the file is Shift_JIS, not UTF-8",
                ),
                msg(
                    "メモ帳なら「名前を付けて保存」で文字コードを「UTF-8」にして保存し直してください。GitHub の画面で直接書くと、いつも UTF-8 になります",
                    "save it again as UTF-8 (in Notepad: Save As, Encoding UTF-8); editing on GitHub's web page always saves UTF-8",
                ),
            ),
        }
    }
}

fn front_matter_fix() -> Msg {
    msg(
        "1行目と項目の最後の行に --- だけの行を書いてください（shirube new でひな形が作れます）",
        "write a line of just --- first and after the last field (shirube new makes a template)",
    )
}

/// The YAML parser's messages, in the words a provider understands. Unknown ones are shown as
/// they are, so nothing is hidden.
fn yaml_detail_ja(detail: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        (
            "did not find expected key",
            "字下げ（行頭のスペース）がそろっていないようです",
        ),
        (
            "illegal placement of ':'",
            "「:」の位置がおかしいようです。前の行の かっこ や 引用符 が閉じているか確かめてください",
        ),
        (
            "mapping values are not allowed",
            "1行に「:」が多すぎます。値に「:」があるときは引用符（\"）で囲んでください",
        ),
        (
            "did not find expected ',' or ']'",
            "[ ] のかっこが閉じていません",
        ),
        (
            // Also what an unclosed `[` gives when a `key: value` line follows it: the parser
            // reads the line as a mapping inside the list and misses its `}`.
            "did not find expected ',' or '}'",
            "{ } か [ ] のかっこが閉じていないようです。前の行の { や [ が閉じているか確かめてください",
        ),
        (
            "while scanning a quoted scalar",
            "引用符（\"）が閉じていません",
        ),
        (
            "found character that cannot start any token",
            "ここでは使えない文字があります（タブ文字や、先頭の @ ` など）",
        ),
        (
            "budget breached",
            "入れ子が深すぎるか、大きすぎるファイルです",
        ),
        (
            "did not find expected <document start>",
            "--- の区切りが多すぎるようです",
        ),
        (
            "found undefined alias",
            "* ではじまる別名に対応する & がありません",
        ),
    ];
    KNOWN
        .iter()
        .find(|(en, _)| detail.contains(en))
        .map(|(_, ja)| ja.to_string())
        .unwrap_or_else(|| detail.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One problem of every kind. `kind_number` has no wildcard arm, so a new kind does not
    /// compile until it is numbered here, and the test below fails until it has a sample.
    fn samples() -> Vec<Problem> {
        let s = |x: &str| x.to_string();
        vec![
            Problem::Unreadable {
                detail: s("denied"),
            },
            Problem::NotUtf8,
            Problem::MissingSiteConfig,
            Problem::NoFrontMatter,
            Problem::UnclosedFrontMatter,
            Problem::YamlSyntax {
                detail: s("did not find expected key"),
            },
            Problem::DuplicateKey { key: s("name") },
            Problem::NotAMapping,
            Problem::UnknownField {
                field: s("nmae"),
                suggestion: Some(s("name")),
            },
            Problem::MissingField { field: s("name") },
            Problem::Empty,
            Problem::WrongType {
                expected: Expected::Integer,
                found_ja: s("文字"),
                found_en: s("text"),
            },
            Problem::NotInList {
                value: s("x"),
                allowed: vec![s("a"), s("b")],
                labels: vec![],
                suggestion: None,
            },
            Problem::BadFormat {
                format: Format::Phone,
                value: s("12"),
            },
            Problem::UnknownArea {
                value: s("x"),
                allowed: vec![s("kita")],
                meant: None,
            },
            Problem::UnknownArea {
                value: s("North"),
                allowed: vec![s("kita")],
                meant: Some(s("kita")),
            },
            Problem::DuplicateId {
                id: s("a"),
                other: s("content/entries/a.md"),
            },
            Problem::NotHiragana { value: s("ABC") },
            Problem::KanaRequired,
            Problem::KanaGap {
                missing: vec![s("Minami")],
                left_over: None,
                suggested: s("asahikoubouminami"),
            },
            Problem::KanaGap {
                missing: vec![],
                left_over: Some(s("minami")),
                suggested: s("asahikoubou"),
            },
            Problem::KanaGap {
                missing: vec![s("Minami")],
                left_over: Some(s("kita")),
                suggested: s("asahikoubouminami"),
            },
            Problem::YearlyFigureWithoutYear {
                figure_ja: s("工賃・賃金"),
                figure_en: s("wage"),
            },
            Problem::CostWithoutLunch { cost: 300 },
            Problem::PhotoAltSaysNothing {
                alt: s("IMG_1234.jpg"),
            },
            Problem::FullWidthLink {
                written: s("[site](https://example.jp/)"),
                fixed: s("[site](https://example.jp/)"),
            },
            Problem::NotForService {
                field: s("wage"),
                service: s("transition"),
            },
            Problem::OutOfRange {
                value: s("0"),
                min: 1,
                max: 9,
            },
            Problem::EmptyList,
            Problem::ListedTwice {
                value: s("intellectual"),
                first_line: Some(12),
            },
            Problem::ListedTwice {
                value: s("intellectual"),
                first_line: None,
            },
            Problem::ServiceTwice {
                service: s("b-type"),
                first_line: 22,
            },
            Problem::HoursWithoutDays,
            Problem::WeekdaysLeftOut,
            Problem::PhoneDigits {
                value: s("0299-01-22310"),
                digits: 11,
                expected: 10,
            },
            Problem::UrlWithWords {
                value: s("https://example.jp/ (top)"),
                url: s("https://example.jp/"),
            },
            Problem::CorporateNumberCheck {
                value: s("8180005008038"),
            },
            Problem::NumberCutByComma { key: s("300") },
            Problem::StreetRepeatsCity { city: s("Hikari") },
            Problem::ContactRequired,
            Problem::PhotoWithoutAlt,
            Problem::PhotoMissing { src: s("a.jpg") },
            Problem::PhotoUnreadable { src: s("a.jpg") },
            Problem::PhotoAltAndDecorative,
            Problem::PhotoOutsideSite { src: s("../a.jpg") },
            Problem::PhotoUnsupported {
                src: s("a.heic"),
                found: Some(s("HEIC")),
            },
            Problem::PhotoTooLarge {
                src: s("a.jpg"),
                megabytes: 50,
                max: 40,
            },
            Problem::PhotoTooManyPixels {
                src: s("a.png"),
                width: 100000,
                height: 100000,
                max_megapixels: 60,
            },
            Problem::BrokenLink {
                target: s("@/x.md"),
            },
            Problem::UnsafeLink {
                target: s("javascript:x"),
            },
            Problem::UnknownGlossaryRef { id: s("x") },
            Problem::TimeRangeReversed {
                value: s("10:00-09:00"),
            },
            Problem::Stale {
                verified: s("2024-01-01"),
                months: 13,
            },
            Problem::FutureDate {
                value: s("2099-01-01"),
            },
            Problem::TooLong {
                length: 300,
                max: 200,
            },
            Problem::Unconfirmed {
                as_of: s("2025-03"),
            },
            Problem::PlaceholderBaseUrl {
                url: s("https://example.org/"),
            },
            Problem::TemplateValue {
                value: s("0123-45-6789"),
            },
            Problem::NoWhereToAskPage,
            Problem::NoSupportCenters,
            Problem::AreaWithoutEntries {
                id: s("zenkoku"),
                name: s("x"),
            },
            Problem::BareAnswer {
                value: s("yes"),
                example: s("x"),
            },
            Problem::AreaNotAtAddress {
                id: s("aomori"),
                name: s("x"),
                city: s("y"),
                fitting: Some((s("hirosaki"), s("y"))),
            },
            Problem::NoEasyJapanese,
            Problem::EndsBeforeStart {
                start: s("13:00"),
                end: s("12:00"),
            },
            Problem::UnknownEntry { id: s("x") },
            Problem::EndWithoutStart,
            Problem::OrganiserContactRequired,
            Problem::AmbiguousChoice {
                value: s("keizoku"),
                ids: vec![s("a-type"), s("b-type")],
                labels: vec![s("就労継続支援A型"), s("就労継続支援B型")],
            },
            Problem::TabInIndent,
            Problem::FullWidthSpaceInIndent,
            Problem::FullWidthColon { key: s("name") },
            Problem::ColonWithoutSpace { key: s("name") },
            Problem::UnclosedQuote,
            Problem::RubyOpensValue {
                key: s("summary"),
                quoted: s("\"{Tokyo|tokyo} office\""),
            },
            Problem::ShiftJis,
            Problem::LinkToFile {
                target: s("../../media/flyer.html"),
            },
            Problem::FileTooLarge {
                kilobytes: 2048,
                max_kilobytes: 1024,
            },
            Problem::TooManyFiles {
                count: 100_001,
                max: 100_000,
            },
            Problem::YamlTooComplex,
        ]
    }

    fn kind_number(p: &Problem) -> usize {
        match p {
            Problem::Unreadable { .. } => 0,
            Problem::NotUtf8 => 1,
            Problem::MissingSiteConfig => 2,
            Problem::NoFrontMatter => 3,
            Problem::UnclosedFrontMatter => 4,
            Problem::YamlSyntax { .. } => 5,
            Problem::DuplicateKey { .. } => 6,
            Problem::NotAMapping => 7,
            Problem::UnknownField { .. } => 8,
            Problem::MissingField { .. } => 9,
            Problem::Empty => 10,
            Problem::WrongType { .. } => 11,
            Problem::NotInList { .. } => 12,
            Problem::BadFormat { .. } => 13,
            Problem::UnknownArea { .. } => 14,
            Problem::DuplicateId { .. } => 15,
            Problem::NotHiragana { .. } => 16,
            Problem::KanaRequired => 17,
            Problem::YearlyFigureWithoutYear { .. } => 18,
            Problem::NotForService { .. } => 19,
            Problem::OutOfRange { .. } => 20,
            Problem::EmptyList => 21,
            Problem::ContactRequired => 22,
            Problem::PhotoWithoutAlt => 23,
            Problem::PhotoMissing { .. } => 24,
            Problem::PhotoUnreadable { .. } => 25,
            Problem::BrokenLink { .. } => 26,
            Problem::UnsafeLink { .. } => 27,
            Problem::UnknownGlossaryRef { .. } => 28,
            Problem::TimeRangeReversed { .. } => 29,
            Problem::Stale { .. } => 30,
            Problem::FutureDate { .. } => 31,
            Problem::TooLong { .. } => 32,
            Problem::Unconfirmed { .. } => 33,
            Problem::PlaceholderBaseUrl { .. } => 34,
            Problem::TemplateValue { .. } => 35,
            Problem::NoWhereToAskPage => 36,
            Problem::NoSupportCenters => 37,
            Problem::EndsBeforeStart { .. } => 38,
            Problem::UnknownEntry { .. } => 39,
            Problem::EndWithoutStart => 40,
            Problem::OrganiserContactRequired => 41,
            Problem::PhotoAltAndDecorative => 42,
            Problem::PhotoOutsideSite { .. } => 43,
            Problem::PhotoUnsupported { .. } => 44,
            Problem::PhotoTooLarge { .. } => 45,
            Problem::PhotoTooManyPixels { .. } => 46,
            Problem::AmbiguousChoice { .. } => 47,
            Problem::TabInIndent => 48,
            Problem::FullWidthSpaceInIndent => 49,
            Problem::FullWidthColon { .. } => 50,
            Problem::ColonWithoutSpace { .. } => 51,
            Problem::UnclosedQuote => 52,
            Problem::ShiftJis => 53,
            Problem::LinkToFile { .. } => 54,
            Problem::FileTooLarge { .. } => 55,
            Problem::TooManyFiles { .. } => 56,
            Problem::YamlTooComplex => 57,
            Problem::NoEasyJapanese => 58,
            Problem::KanaGap { .. } => 59,
            Problem::ListedTwice { .. } => 60,
            Problem::ServiceTwice { .. } => 61,
            Problem::HoursWithoutDays => 62,
            Problem::WeekdaysLeftOut => 63,
            Problem::PhoneDigits { .. } => 64,
            Problem::UrlWithWords { .. } => 65,
            Problem::CorporateNumberCheck { .. } => 66,
            Problem::NumberCutByComma { .. } => 67,
            Problem::StreetRepeatsCity { .. } => 68,
            Problem::RubyOpensValue { .. } => 69,
            Problem::CostWithoutLunch { .. } => 70,
            Problem::FullWidthLink { .. } => 71,
            Problem::PhotoAltSaysNothing { .. } => 72,
            Problem::AreaWithoutEntries { .. } => 73,
            Problem::BareAnswer { .. } => 74,
            Problem::AreaNotAtAddress { .. } => 75,
        }
    }
    const KINDS: usize = 76;

    fn has_japanese(text: &str) -> bool {
        text.chars()
            .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
    }

    /// An unclosed `[` followed by a `key: value` line is reported as a `}` the parser missed:
    /// the words name both brackets, so the provider looks for the `[` they left open.
    #[test]
    fn an_unclosed_list_is_named_as_a_bracket() {
        let detail = yaml_detail_ja("did not find expected ',' or '}' at line 6 column 8");
        assert!(detail.contains("[ ]") && detail.contains("{ }"), "{detail}");
        assert!(yaml_detail_ja("did not find expected ',' or ']'").contains("[ ]"));
    }

    #[test]
    fn every_problem_is_worded_in_both_languages() {
        let samples = samples();
        let covered: std::collections::BTreeSet<usize> = samples.iter().map(kind_number).collect();
        let missing: Vec<usize> = (0..KINDS).filter(|k| !covered.contains(k)).collect();
        assert!(
            missing.is_empty(),
            "no sample for problem kinds {missing:?}"
        );
        for problem in &samples {
            let Wording { message, fix } = problem.wording();
            for text in [&message.ja, &fix.ja] {
                assert!(has_japanese(text), "{problem:?}: not Japanese: {text}");
            }
            // The samples' values are ASCII (but WrongType's, which is the Japanese word for
            // the type in the Japanese sentence only), so any Japanese in English is a leak.
            for text in [&message.en, &fix.en] {
                let leaked = has_japanese(text) && !text.contains("みどりベーカリー");
                assert!(
                    !text.is_empty() && !leaked,
                    "{problem:?}: English missing: {text}"
                );
            }
        }
    }
}
