//! Every kind of problem `check` reports, and how it is said to a provider — in plain Japanese by
//! default, in English with `SHIRUBE_LANG=en`. Keeping the wording apart from the rules means a
//! council can review every sentence a provider may see in one file.

use serde::Serialize;

/// What a field should have held, for "wrong type" messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expected {
    Text,
    Integer,
    Number,
    Bool,
    List,
    Mapping,
}

impl Expected {
    fn ja(self) -> &'static str {
        match self {
            Expected::Text => "文字",
            Expected::Integer => "整数（例: 20）",
            Expected::Number => "数",
            Expected::Bool => "true（はい）か false（いいえ）",
            Expected::List => "リスト（- ではじまる行）",
            Expected::Mapping => "項目のまとまり（「名前: 値」の行）",
        }
    }
    fn en(self) -> &'static str {
        match self {
            Expected::Text => "text",
            Expected::Integer => "a whole number",
            Expected::Number => "a number",
            Expected::Bool => "true or false",
            Expected::List => "a list (lines starting with -)",
            Expected::Mapping => "a mapping (\"name: value\" lines)",
        }
    }
}

/// Formats a value checked by `formats` (phone, postal code, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Phone,
    PostalCode,
    Url,
    Email,
    Date,
    TimeRange,
    Id,
    OfficeNumber,
    CorporateNumber,
}

impl Format {
    fn ja(self) -> &'static str {
        match self {
            Format::Phone => "電話番号",
            Format::PostalCode => "郵便番号",
            Format::Url => "URL",
            Format::Email => "メールアドレス",
            Format::Date => "日付",
            Format::TimeRange => "時間",
            Format::Id => "id",
            Format::OfficeNumber => "事業所番号",
            Format::CorporateNumber => "法人番号",
        }
    }
    fn en(self) -> &'static str {
        match self {
            Format::Phone => "phone number",
            Format::PostalCode => "postal code",
            Format::Url => "URL",
            Format::Email => "e-mail address",
            Format::Date => "date",
            Format::TimeRange => "time range",
            Format::Id => "id",
            Format::OfficeNumber => "office number",
            Format::CorporateNumber => "corporate number",
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
        }
    }
    fn rule_ja(self) -> &'static str {
        match self {
            Format::Phone => "数字とハイフンで、市外局番から書いてください",
            Format::PostalCode => "3けた-4けたの数字で書いてください",
            Format::Url => "http:// か https:// ではじめてください",
            Format::Email => "名前@ドメイン の形で書いてください",
            Format::Date => "年-月-日 の形で、ある日付を書いてください",
            Format::TimeRange => "はじまり-おわり を24時間の 時:分 で書いてください",
            Format::Id => "半角の英小文字・数字・ハイフン（-）だけで書いてください",
            Format::OfficeNumber => "10けたの数字を引用符（\"）で囲んで書いてください",
            Format::CorporateNumber => "13けたの数字を引用符（\"）で囲んで書いてください",
        }
    }
    fn rule_en(self) -> &'static str {
        match self {
            Format::Phone => "write digits and hyphens, area code first",
            Format::PostalCode => "write 3 digits, a hyphen and 4 digits",
            Format::Url => "start with http:// or https://",
            Format::Email => "write it as name@domain",
            Format::Date => "write a real date as year-month-day",
            Format::TimeRange => "write start-end as 24-hour hh:mm",
            Format::Id => "use only lower-case ASCII letters, digits and hyphens",
            Format::OfficeNumber => "write the 10 digits in double quotes",
            Format::CorporateNumber => "write the 13 digits in double quotes",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum Problem {
    Unreadable {
        detail: String,
    },
    NotUtf8,
    MissingSiteConfig,
    NoFrontMatter,
    UnclosedFrontMatter,
    YamlSyntax {
        detail: String,
    },
    DuplicateKey {
        key: String,
    },
    NotAMapping,
    UnknownField {
        field: String,
        suggestion: Option<String>,
    },
    MissingField {
        field: String,
    },
    Empty,
    WrongType {
        expected: Expected,
        found_ja: String,
        found_en: String,
    },
    NotInList {
        value: String,
        allowed: Vec<String>,
        suggestion: Option<String>,
    },
    BadFormat {
        format: Format,
        value: String,
    },
    UnknownArea {
        value: String,
        allowed: Vec<String>,
    },
    DuplicateId {
        id: String,
        other: String,
    },
    NotHiragana {
        value: String,
    },
    KanaRequired,
    YearlyFigureWithoutYear {
        figure: String,
    },
    NotForService {
        field: String,
        service: String,
    },
    OutOfRange {
        value: String,
        min: i64,
        max: i64,
    },
    EmptyList,
    ContactRequired,
    PhotoWithoutAlt,
    PhotoMissing {
        src: String,
    },
    PhotoUnreadable {
        src: String,
    },
    BrokenLink {
        target: String,
    },
    UnsafeLink {
        target: String,
    },
    UnknownGlossaryRef {
        id: String,
    },
    TimeRangeReversed {
        value: String,
    },
    Stale {
        verified: String,
        months: i64,
    },
    FutureDate {
        value: String,
    },
    TooLong {
        length: usize,
        max: usize,
    },
}

impl Problem {
    pub fn message(&self, english: bool) -> String {
        if english { self.en() } else { self.ja() }
    }

    pub fn fix(&self, english: bool) -> Option<String> {
        if english {
            self.fix_en()
        } else {
            self.fix_ja()
        }
    }

    fn ja(&self) -> String {
        match self {
            Problem::Unreadable { detail } => format!("ファイルを読めません（{detail}）"),
            Problem::NotUtf8 => "文字コードが UTF-8 ではありません".into(),
            Problem::MissingSiteConfig => "site.yaml がありません".into(),
            Problem::NoFrontMatter => {
                "はじめの行が --- ではありません（項目の書き出しがありません）".into()
            }
            Problem::UnclosedFrontMatter => "項目のおわりの --- がありません".into(),
            Problem::YamlSyntax { detail } => {
                format!("書きかたに誤りがあります（{}）", yaml_detail_ja(detail))
            }
            Problem::DuplicateKey { key } => format!("同じ項目「{key}」が2回書かれています"),
            Problem::NotAMapping => "「名前: 値」の形の項目が書かれていません".into(),
            Problem::UnknownField { field, .. } => format!("「{field}」という項目はありません"),
            Problem::MissingField { field } => {
                format!("「{field}」が書かれていません（必ず書く項目です）")
            }
            Problem::Empty => "空になっています".into(),
            Problem::WrongType {
                expected, found_ja, ..
            } => {
                format!(
                    "{}を書くところに{}が書かれています",
                    expected.ja(),
                    found_ja
                )
            }
            Problem::NotInList { value, allowed, .. } => {
                format!(
                    "\"{value}\" は使えません（使えるもの: {}）",
                    allowed.join(", ")
                )
            }
            Problem::BadFormat { format, value } => {
                format!("\"{value}\" は{}として読めません", format.ja())
            }
            Problem::UnknownArea { value, allowed } => format!(
                "\"{value}\" は site.yaml の areas にありません（使えるもの: {}）",
                allowed.join(", ")
            ),
            Problem::DuplicateId { id, other } => {
                format!("id \"{id}\" は {other} でも使われています")
            }
            Problem::NotHiragana { value } => {
                format!("よみがな \"{value}\" にひらがな以外の文字があります")
            }
            Problem::KanaRequired => {
                "名前に漢字かカタカナがあるので、よみがな（kana）が必要です".into()
            }
            Problem::YearlyFigureWithoutYear { figure } => {
                format!("{figure}に何年度の数字かが書かれていません")
            }
            Problem::NotForService { field, service } => {
                format!("「{field}」は {service} のサービスには書けません")
            }
            Problem::OutOfRange { value, min, max } => {
                format!("{value} は範囲外です（{min}〜{max}）")
            }
            Problem::EmptyList => "ひとつも書かれていません".into(),
            Problem::ContactRequired => {
                "連絡先に電話番号（phone）もメールアドレス（email）もありません".into()
            }
            Problem::PhotoWithoutAlt => "写真の説明（alt）がありません".into(),
            Problem::PhotoUnreadable { src } => {
                format!(
                    "写真のファイル \"{src}\" を読めません（壊れているか、JPEG・PNG ではありません）"
                )
            }
            Problem::PhotoMissing { src } => {
                format!("写真のファイル \"{src}\" が content/media にありません")
            }
            Problem::BrokenLink { target } => format!("リンク先 \"{target}\" が見つかりません"),
            Problem::UnsafeLink { target } => format!("リンク \"{target}\" は使えません"),
            Problem::UnknownGlossaryRef { id } => {
                format!("用語 \"{id}\" は glossary.yaml にありません")
            }
            Problem::TimeRangeReversed { value } => {
                format!("\"{value}\" はおわりの時刻がはじまりより前です")
            }
            Problem::Stale { verified, months } => {
                format!("情報の確認日 {verified} から{months}か月たっています")
            }
            Problem::FutureDate { value } => format!("日付 {value} はまだ来ていない日です"),
            Problem::TooLong { length, max } => format!("{length}文字あります（{max}文字まで）"),
        }
    }

    fn fix_ja(&self) -> Option<String> {
        Some(match self {
            Problem::Unreadable { .. } => "ファイルの権限や名前を確かめてください".into(),
            Problem::NotUtf8 => "エディタで文字コードを UTF-8 にして保存し直してください".into(),
            Problem::MissingSiteConfig => {
                "サイトのフォルダで実行しているか確かめてください（shirube init で作れます）".into()
            }
            Problem::NoFrontMatter | Problem::UnclosedFrontMatter => {
                "1行目と項目の最後の行に --- だけの行を書いてください（shirube new でひな形が作れます）".into()
            }
            Problem::YamlSyntax { .. } => "コロン（:）のあとの半角スペース、字下げ（行頭のスペース）のそろい、引用符（\"）の閉じ忘れを確かめてください".into(),
            Problem::DuplicateKey { .. } => "どちらか一方を消してください".into(),
            Problem::NotAMapping => "「name: みどりベーカリー」のように、項目名・コロン・値の順に書いてください".into(),
            Problem::UnknownField { suggestion: Some(s), .. } => format!("「{s}」のまちがいではありませんか"),
            Problem::UnknownField { suggestion: None, .. } => {
                "docs/content-format.md で使える項目を確かめてください".into()
            }
            Problem::MissingField { field } => format!("「{field}: 」の行を書きたしてください"),
            Problem::Empty => "値を書くか、使わないならこの行を消してください".into(),
            Problem::WrongType { expected, .. } => format!("{}を書いてください", expected.ja()),
            Problem::NotInList { suggestion: Some(s), .. } => format!("\"{s}\" のまちがいではありませんか"),
            Problem::NotInList { .. } => "使えるもののどれかを書いてください".into(),
            Problem::BadFormat { format, .. } => {
                format!("{}（例: {}）", format.rule_ja(), format.example())
            }
            Problem::UnknownArea { .. } => "site.yaml の areas にある id を書いてください".into(),
            Problem::DuplicateId { .. } => "どちらかの id（なければファイル名）を変えてください".into(),
            Problem::NotHiragana { .. } => "よみがなは ひらがなで書いてください（カタカナ・漢字・英字は使えません）".into(),
            Problem::KanaRequired => "「kana: 」に名前のよみを ひらがなで書いてください".into(),
            Problem::YearlyFigureWithoutYear { .. } => "「fiscal_year: 2024」のように年度を書きたしてください".into(),
            Problem::NotForService { .. } => "この項目を消すか、正しいサービスの下に移してください".into(),
            Problem::OutOfRange { .. } => "数字を確かめてください".into(),
            Problem::EmptyList => "少なくともひとつ書いてください".into(),
            Problem::ContactRequired => "contact に phone か email を書いてください".into(),
            Problem::PhotoWithoutAlt => "写真に何が写っているかを「alt: 」に書いてください（目の見えない人が読みます）".into(),
            Problem::PhotoMissing { .. } => "写真を content/media に入れるか、ファイル名を確かめてください".into(),
            Problem::PhotoUnreadable { .. } => "カメラやスマートフォンで撮った JPEG か PNG の写真を入れ直してください".into(),
            Problem::BrokenLink { .. } => "@/entries/<ファイル名>.md、@/pages/<ファイル名>.md、@/glossary.md のどれかで、あるファイルを指してください".into(),
            Problem::UnsafeLink { .. } => "https:// ではじまるリンクか、ガイドの中へのリンクにしてください".into(),
            Problem::UnknownGlossaryRef { .. } => "glossary.yaml にある用語の id を書いてください".into(),
            Problem::TimeRangeReversed { .. } => "はじまり-おわり の順に書いてください（例: 09:30-15:30）".into(),
            Problem::Stale { .. } => "内容を確かめて、「verified: 」を確かめた日に直してください".into(),
            Problem::FutureDate { .. } => "確かめた日（今日かそれより前）を書いてください".into(),
            Problem::TooLong { .. } => "短くまとめてください".into(),
        })
    }

    fn en(&self) -> String {
        match self {
            Problem::Unreadable { detail } => format!("cannot read the file ({detail})"),
            Problem::NotUtf8 => "the file is not UTF-8".into(),
            Problem::MissingSiteConfig => "site.yaml is missing".into(),
            Problem::NoFrontMatter => "the first line is not --- (no front matter)".into(),
            Problem::UnclosedFrontMatter => "the closing --- of the front matter is missing".into(),
            Problem::YamlSyntax { detail } => format!("YAML syntax error ({detail})"),
            Problem::DuplicateKey { key } => format!("the field \"{key}\" is written twice"),
            Problem::NotAMapping => "expected \"name: value\" fields".into(),
            Problem::UnknownField { field, .. } => format!("unknown field \"{field}\""),
            Problem::MissingField { field } => format!("the required field \"{field}\" is missing"),
            Problem::Empty => "the value is empty".into(),
            Problem::WrongType {
                expected, found_en, ..
            } => {
                format!("expected {}, found {}", expected.en(), found_en)
            }
            Problem::NotInList { value, allowed, .. } => {
                format!(
                    "\"{value}\" is not allowed (allowed: {})",
                    allowed.join(", ")
                )
            }
            Problem::BadFormat { format, value } => {
                format!("\"{value}\" is not a valid {}", format.en())
            }
            Problem::UnknownArea { value, allowed } => format!(
                "\"{value}\" is not one of site.yaml's areas (allowed: {})",
                allowed.join(", ")
            ),
            Problem::DuplicateId { id, other } => format!("id \"{id}\" is also used by {other}"),
            Problem::NotHiragana { value } => {
                format!("the reading \"{value}\" has characters other than hiragana")
            }
            Problem::KanaRequired => {
                "the name has kanji or katakana, so a reading (kana) is required".into()
            }
            Problem::YearlyFigureWithoutYear { figure } => format!("{figure} has no fiscal year"),
            Problem::NotForService { field, service } => {
                format!("\"{field}\" does not apply to the {service} service")
            }
            Problem::OutOfRange { value, min, max } => {
                format!("{value} is out of range ({min}–{max})")
            }
            Problem::EmptyList => "the list is empty".into(),
            Problem::ContactRequired => "contact has neither phone nor email".into(),
            Problem::PhotoWithoutAlt => "the photo has no alt text".into(),
            Problem::PhotoMissing { src } => {
                format!("the photo file \"{src}\" is not in content/media")
            }
            Problem::PhotoUnreadable { src } => {
                format!("the photo file \"{src}\" cannot be read (broken, or not JPEG/PNG)")
            }
            Problem::BrokenLink { target } => {
                format!("the link target \"{target}\" does not exist")
            }
            Problem::UnsafeLink { target } => format!("the link \"{target}\" is not allowed"),
            Problem::UnknownGlossaryRef { id } => {
                format!("the term \"{id}\" is not in glossary.yaml")
            }
            Problem::TimeRangeReversed { value } => format!("\"{value}\" ends before it starts"),
            Problem::Stale { verified, months } => {
                format!("last verified {verified}, {months} months ago")
            }
            Problem::FutureDate { value } => format!("the date {value} is in the future"),
            Problem::TooLong { length, max } => format!("{length} characters (at most {max})"),
        }
    }

    fn fix_en(&self) -> Option<String> {
        Some(match self {
            Problem::UnknownField {
                suggestion: Some(s),
                ..
            } => format!("did you mean \"{s}\"?"),
            Problem::NotInList {
                suggestion: Some(s),
                ..
            } => format!("did you mean \"{s}\"?"),
            Problem::MissingField { field } => format!("add a line \"{field}: …\""),
            Problem::WrongType { expected, .. } => format!("write {}", expected.en()),
            Problem::BadFormat { format, .. } => {
                format!("{} (e.g. {})", format.rule_en(), format.example())
            }
            Problem::YearlyFigureWithoutYear { .. } => "add e.g. \"fiscal_year: 2024\"".into(),
            Problem::KanaRequired => "add \"kana:\" with the reading in hiragana".into(),
            Problem::NotHiragana { .. } => "write the reading in hiragana".into(),
            Problem::PhotoWithoutAlt => "describe the picture in \"alt:\"".into(),
            Problem::Stale { .. } => "confirm the facts and update \"verified:\"".into(),
            Problem::YamlSyntax { .. } => {
                "check the space after each colon, the indentation and closing quotes".into()
            }
            _ => return None,
        })
    }
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
            "did not find expected ',' or '}'",
            "{ } のかっこが閉じていません",
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
