//! The fields a provider writes, described once: names, Japanese labels and hints, whether they
//! are required, their shapes, closed choices and numeric ranges. `shirube schema` (JSON Schema,
//! `src/schema/`) and `shirube cms` (the CMS form, `src/cms/`) are made from this description;
//! check's decoders take their ranges from it; a test in `check/mod.rs` holds the decoders' field
//! lists to it and one below the per-service rules, so that neither the schema nor the form can
//! drift from check.
//!
//! Why this file is long: it is every field of entries, events and site.yaml with its Japanese
//! label, hint and example, in one table.

use crate::content::model::{
    AssessmentStyle, CenterType, CommunityType, DataSource, Disability, EmploymentType, EventType,
    ServiceType,
};
use crate::diagnostics::Format;

/// An inclusive range of whole numbers.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    pub min: i64,
    pub max: i64,
}

pub const CAPACITY: Range = Range { min: 1, max: 1_000 };
pub const MONTHLY_WAGE: Range = Range {
    min: 0,
    max: 1_000_000,
};
pub const PLACEMENTS: Range = Range { min: 0, max: 1_000 };
pub const FISCAL_YEAR: Range = Range {
    min: 2000,
    max: 2100,
};
pub const LUNCH_COST: Range = Range { min: 0, max: 5_000 };
pub const EVENT_CAPACITY: Range = Range {
    min: 1,
    max: 100_000,
};
pub const FEE_YEN: Range = Range {
    min: 0,
    max: 1_000_000,
};
pub const FURIGANA_GRADE: Range = Range { min: 0, max: 6 };
/// Japan lies within these bounds; anything outside is a swapped or mistyped coordinate.
pub const LATITUDE: (f64, f64) = (20.0, 46.0);
pub const LONGITUDE: (f64, f64) = (122.0, 154.0);
/// Longest summary that still fits on one line of a card on a phone (longer is a warning).
pub const SUMMARY_MAX: usize = 80;

/// `(id, Japanese label)` of every value of a closed set.
pub type Choices = fn() -> Vec<(&'static str, &'static str)>;

/// The shape of a field's value, in its canonical form.
#[derive(Clone, Copy)]
pub enum Ty {
    /// Text, not blank.
    Text,
    /// Longer text (several lines in a form).
    LongText,
    /// A reading in hiragana.
    Reading,
    /// Text in one of check's formats (phone, URL, id …).
    Format(Format),
    Integer(Range),
    Number(f64, f64),
    Bool,
    /// One id of a closed set.
    Choice(Choices),
    /// An id of one of site.yaml's areas.
    Area,
    /// `"09:30-15:30"`, or null for closed.
    TimeRangeOrClosed,
    /// site.yaml's furigana grade: 0–6 or `all`.
    Grade,
    /// A list of values of a shape.
    List(&'static Ty),
    Object(&'static Obj),
    ListOfObjects(&'static Obj),
}

/// When a field must be there.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
}

pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub need: Need,
    pub ty: Ty,
    /// An example value, as it is written in YAML.
    pub example: Option<&'static str>,
    /// Allowed only when the sibling field (the service's `type`) has one of these values.
    pub only_for: Option<(&'static str, &'static [&'static str])>,
    /// Written by a program (the importer), not by a person: the form leaves it out.
    pub machine: bool,
}

/// Rules over several fields of one object.
#[derive(Clone, Copy)]
pub enum Rule {
    /// At least one of these fields.
    AnyOf(&'static [&'static str]),
    /// `field` is required unless `unless` is there.
    RequiredUnless {
        field: &'static str,
        unless: &'static str,
    },
    /// The reading `kana` is required when `name` has kanji or katakana.
    ReadingFor {
        name: &'static str,
        kana: &'static str,
    },
    /// In the child object `object`, at least one of `any_of`, unless `unless` is there.
    ChildAnyOfUnless {
        object: &'static str,
        any_of: &'static [&'static str],
        unless: &'static str,
    },
    /// `field` only together with `needs`.
    Needs {
        field: &'static str,
        needs: &'static str,
    },
    /// `flag: true` and `field` never together; without `flag: true`, `field` is required.
    EitherFlagOr {
        flag: &'static str,
        field: &'static str,
    },
}

pub struct Obj {
    pub fields: &'static [Field],
    pub rules: &'static [Rule],
}

impl Obj {
    pub fn names(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.name).collect()
    }
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

const fn field(
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    need: Need,
    ty: Ty,
    example: Option<&'static str>,
) -> Field {
    Field {
        name,
        label,
        hint,
        need,
        ty,
        example,
        only_for: None,
        machine: false,
    }
}

const fn req(name: &'static str, label: &'static str, hint: &'static str, ty: Ty) -> Field {
    field(name, label, hint, Need::Required, ty, None)
}

const fn opt(name: &'static str, label: &'static str, hint: &'static str, ty: Ty) -> Field {
    field(name, label, hint, Need::Optional, ty, None)
}

impl Field {
    const fn eg(mut self, example: &'static str) -> Field {
        self.example = Some(example);
        self
    }
    const fn only_for(mut self, sibling: &'static str, values: &'static [&'static str]) -> Field {
        self.only_for = Some((sibling, values));
        self
    }
    const fn machine(mut self) -> Field {
        self.machine = true;
        self
    }
}

const TEXT_LIST: Ty = Ty::List(&Ty::Text);

const GEO: Obj = Obj {
    fields: &[
        req(
            "lat",
            "緯度",
            "10進数の度（35.1234 など）。日本の中の値です",
            Ty::Number(LATITUDE.0, LATITUDE.1),
        )
        .eg("35.6581"),
        req(
            "lon",
            "経度",
            "10進数の度（139.7017 など）。日本の中の値です",
            Ty::Number(LONGITUDE.0, LONGITUDE.1),
        )
        .eg("139.7017"),
    ],
    rules: &[],
};

const OPERATOR: Obj = Obj {
    fields: &[
        req("name", "運営法人の名前", "", Ty::Text).eg("社会福祉法人みどり会"),
        opt(
            "kana",
            "運営法人のよみがな",
            "ひらがなで書きます",
            Ty::Reading,
        )
        .eg("しゃかいふくしほうじん みどりかい"),
        opt(
            "corporate_number",
            "法人番号",
            "13けたの数字です",
            Ty::Format(Format::CorporateNumber),
        )
        .eg("1234567890123"),
    ],
    rules: &[],
};

const ADDRESS: Obj = Obj {
    fields: &[
        opt(
            "postal_code",
            "郵便番号",
            "3けた-4けた の半角数字です",
            Ty::Format(Format::PostalCode),
        )
        .eg("299-0101"),
        req(
            "city",
            "市区町村",
            "市区町村の名前です（都道府県から書いてもかまいません）",
            Ty::Text,
        )
        .eg("ひかり市"),
        req("street", "町名・番地", "", Ty::Text).eg("北町1-2-3"),
        opt("building", "建物の名前・階", "", Ty::Text).eg("ひかりビル2階"),
    ],
    rules: &[],
};

const CONTACT: Obj = Obj {
    fields: &[
        opt(
            "phone",
            "電話番号",
            "半角数字をハイフンで区切ります（0123-45-6789）",
            Ty::Format(Format::Phone),
        )
        .eg("0299-01-2345"),
        opt(
            "fax",
            "FAX番号",
            "半角数字をハイフンで区切ります",
            Ty::Format(Format::Phone),
        )
        .eg("0299-01-2346"),
        opt("email", "メールアドレス", "", Ty::Format(Format::Email)).eg("info@example.jp"),
        opt(
            "url",
            "ホームページ",
            "https:// から始まるアドレスです",
            Ty::Format(Format::Url),
        )
        .eg("https://example.jp/"),
    ],
    rules: &[],
};

const HOURS: Obj = Obj {
    fields: &[
        opt(
            "weekdays",
            "平日の時間",
            "\"09:30-15:30\" のように書きます。休みの日は null",
            Ty::TimeRangeOrClosed,
        )
        .eg("09:30-15:30"),
        opt(
            "saturday",
            "土曜日の時間",
            "休みなら null",
            Ty::TimeRangeOrClosed,
        ),
        opt(
            "sunday",
            "日曜日の時間",
            "休みなら null",
            Ty::TimeRangeOrClosed,
        ),
        opt(
            "holidays",
            "祝日の時間",
            "休みなら null",
            Ty::TimeRangeOrClosed,
        ),
        opt("notes", "時間についてのメモ", "", Ty::Text).eg("年末年始は休み"),
    ],
    rules: &[],
};

const PHOTO: Obj = Obj {
    fields: &[
        req(
            "src",
            "写真のファイル",
            "content/media/ の中のファイル（JPEG・PNG・WebP）の名前です",
            Ty::Text,
        )
        .eg("midori/bread.jpg"),
        opt(
            "alt",
            "写真の説明",
            "目の見えない人のために、写真に何が写っているかを書きます",
            Ty::Text,
        )
        .eg("パンを焼く作業のようす"),
        opt(
            "decorative",
            "かざりの写真",
            "読む人に伝えることがない写真は true（このとき説明は書きません）",
            Ty::Bool,
        ),
    ],
    rules: &[Rule::EitherFlagOr {
        flag: "decorative",
        field: "alt",
    }],
};

const IMPORTED: Obj = Obj {
    fields: &[
        req(
            "from",
            "取り込んだデータ",
            "",
            Ty::Choice(DataSource::choices),
        ),
        req(
            "as_of",
            "データの時点",
            "YYYY-MM-DD",
            Ty::Format(Format::Date),
        ),
        opt("digest", "取り込んだ内容のしるし", "", Ty::Text),
    ],
    rules: &[],
};

/// Fields every kind of entry has.
pub const ENTRY_COMMON: Obj = Obj {
    fields: &[
        req(
            "kind",
            "種類",
            "事業所・企業・相談機関・地域の集まり のどれかです",
            Ty::Choice(crate::content::model::EntryKind::choices),
        )
        .eg("office"),
        opt(
            "id",
            "ID",
            "半角の英小文字・数字・ハイフン。書かなければファイル名になります",
            Ty::Format(Format::Id),
        )
        .eg("midori-bakery"),
        req("name", "名前", "", Ty::Text).eg("みどりベーカリー"),
        opt(
            "kana",
            "名前のよみがな",
            "ひらがなで書きます。名前に漢字やカタカナがあれば必要です",
            Ty::Reading,
        )
        .eg("みどりべーかりー"),
        opt(
            "summary",
            "ひとことの紹介",
            "カードに出る1行です（80字まで）",
            Ty::Text,
        )
        .eg("パンと焼き菓子をつくっています"),
        opt("operator", "運営法人", "", Ty::Object(&OPERATOR)),
        opt(
            "office_number",
            "事業所番号",
            "10けたの数字です",
            Ty::Format(Format::OfficeNumber),
        )
        .eg("1212345678"),
        req(
            "area",
            "地区",
            "site.yaml の areas にある id です",
            Ty::Area,
        ),
        req("address", "住所", "", Ty::Object(&ADDRESS)),
        opt("geo", "地図の位置", "", Ty::Object(&GEO)),
        opt("access", "行きかた", "", Ty::Text).eg("ひかり駅から歩いて5分"),
        req(
            "contact",
            "連絡先",
            "電話番号かメールアドレスの どちらかは必要です",
            Ty::Object(&CONTACT),
        ),
        opt("hours", "開いている時間", "", Ty::Object(&HOURS)),
        opt(
            "accepts",
            "対象となる障害",
            "",
            Ty::List(&Ty::Choice(Disability::choices)),
        ),
        opt(
            "accessibility",
            "バリアフリー",
            "",
            Ty::List(&Ty::Choice(crate::content::model::Accessibility::choices)),
        ),
        opt("photos", "写真", "", Ty::ListOfObjects(&PHOTO)),
        opt(
            "easy",
            "やさしい日本語の説明",
            "短い文で、ことばの間にスペースを入れます",
            Ty::LongText,
        )
        .eg("パンを つくる しごとを します。"),
        opt(
            "verified",
            "確かめた日",
            "事業所に内容を確かめた日です（YYYY-MM-DD）",
            Ty::Format(Format::Date),
        )
        .eg("2026-04-01"),
        opt(
            "imported",
            "取り込み元",
            "オープンデータから取り込んだ項目に、取り込みのときに書かれます",
            Ty::Object(&IMPORTED),
        )
        .machine(),
    ],
    rules: &[
        Rule::ReadingFor {
            name: "name",
            kana: "kana",
        },
        Rule::RequiredUnless {
            field: "verified",
            unless: "imported",
        },
        Rule::ChildAnyOfUnless {
            object: "contact",
            any_of: &["phone", "email"],
            unless: "imported",
        },
    ],
};

const WAGE: Obj = Obj {
    fields: &[
        req(
            "monthly_average",
            "月の平均（円）",
            "A型は平均賃金月額、B型は平均工賃月額です",
            Ty::Integer(MONTHLY_WAGE),
        )
        .eg("16500"),
        req(
            "fiscal_year",
            "年度",
            "その金額の年度です（2024 など）",
            Ty::Integer(FISCAL_YEAR),
        )
        .eg("2024"),
    ],
    rules: &[],
};

const PLACEMENT_COUNT: Obj = Obj {
    fields: &[
        req("count", "就職した人の数", "", Ty::Integer(PLACEMENTS)).eg("4"),
        req(
            "fiscal_year",
            "年度",
            "その人数の年度です",
            Ty::Integer(FISCAL_YEAR),
        )
        .eg("2024"),
    ],
    rules: &[],
};

/// The service types that have a wage figure, job placements, a capacity, assessment styles.
const WAGE_SERVICES: &[&str] = &["a-type", "b-type"];
const PLACEMENT_SERVICES: &[&str] = &["transition"];
const CAPACITY_SERVICES: &[&str] = &["transition", "a-type", "b-type", "selection"];
const STYLE_SERVICES: &[&str] = &["selection"];

const SERVICE: Obj = Obj {
    fields: &[
        req(
            "type",
            "サービスの種類",
            "",
            Ty::Choice(ServiceType::choices),
        )
        .eg("b-type"),
        opt("capacity", "定員", "人数です", Ty::Integer(CAPACITY))
            .eg("20")
            .only_for("type", CAPACITY_SERVICES),
        opt("wage", "工賃・賃金", "", Ty::Object(&WAGE)).only_for("type", WAGE_SERVICES),
        opt("placements", "就職者数", "", Ty::Object(&PLACEMENT_COUNT))
            .only_for("type", PLACEMENT_SERVICES),
        opt("work", "作業内容", "", TEXT_LIST).eg("パンづくり"),
        opt("hours_per_day", "1日の時間", "", Ty::Text).eg("1日4時間から"),
        opt(
            "styles",
            "アセスメントの場所",
            "",
            Ty::List(&Ty::Choice(AssessmentStyle::choices)),
        )
        .only_for("type", STYLE_SERVICES),
        opt("notes", "メモ", "", Ty::Text),
    ],
    rules: &[],
};

const TRANSPORT: Obj = Obj {
    fields: &[
        req("available", "送迎がある", "", Ty::Bool).eg("true"),
        opt("notes", "送迎についてのメモ", "", Ty::Text).eg("ひかり駅まで"),
    ],
    rules: &[],
};

const LUNCH: Obj = Obj {
    fields: &[
        req("available", "昼食がある", "", Ty::Bool).eg("true"),
        opt("cost_yen", "昼食の値段（円）", "", Ty::Integer(LUNCH_COST)).eg("300"),
        opt("notes", "昼食についてのメモ", "", Ty::Text),
    ],
    rules: &[],
};

/// `kind: office` (事業所).
pub const OFFICE: Obj = Obj {
    fields: &[
        req(
            "services",
            "サービス",
            "ひとつ以上。多機能型の事業所は いくつも書きます",
            Ty::ListOfObjects(&SERVICE),
        ),
        opt("transport", "送迎", "", Ty::Object(&TRANSPORT)),
        opt("lunch", "昼食", "", Ty::Object(&LUNCH)),
        opt("visits", "見学・体験", "", Ty::Text).eg("見学はいつでもどうぞ"),
        opt("parking", "駐車場", "", Ty::Text).eg("3台（無料）"),
    ],
    rules: &[],
};

const VOICE: Obj = Obj {
    fields: &[
        req("who", "だれの声", "", Ty::Text).eg("入社3年目の社員"),
        req("text", "声", "", Ty::LongText),
    ],
    rules: &[],
};

/// `kind: workplace` (企業).
pub const WORKPLACE: Obj = Obj {
    fields: &[
        opt("industry", "業種", "", Ty::Text).eg("食品製造"),
        opt(
            "employment",
            "雇用のかたち",
            "",
            Ty::Choice(EmploymentType::choices),
        ),
        opt("jobs", "仕事の内容", "", TEXT_LIST),
        opt("accommodations", "配慮していること", "", TEXT_LIST),
        opt("internships", "実習", "", Ty::Text),
        opt("voices", "働いている人の声", "", Ty::ListOfObjects(&VOICE)),
    ],
    rules: &[],
};

/// `kind: center` (相談機関).
pub const CENTER: Obj = Obj {
    fields: &[
        req(
            "center_type",
            "相談機関の種類",
            "",
            Ty::Choice(CenterType::choices),
        ),
        opt("offers", "相談できること", "", TEXT_LIST),
        opt("fee", "費用", "", Ty::Text).eg("無料"),
    ],
    rules: &[],
};

/// `kind: community` (地域の集まり).
pub const COMMUNITY: Obj = Obj {
    fields: &[
        req(
            "community_type",
            "集まりの種類",
            "",
            Ty::Choice(CommunityType::choices),
        ),
        opt("schedule", "開く日", "", Ty::Text).eg("毎月第2土曜日"),
        opt("fee", "費用", "", Ty::Text),
    ],
    rules: &[],
};

/// Each kind of entry with the fields it adds.
pub const ENTRY_KINDS: &[(&str, &Obj)] = &[
    ("office", &OFFICE),
    ("workplace", &WORKPLACE),
    ("center", &CENTER),
    ("community", &COMMUNITY),
];

const EVENT_PLACE: Obj = Obj {
    fields: &[
        req("name", "場所の名前", "", Ty::Text).eg("ひかり駅前広場"),
        opt(
            "address",
            "場所の住所",
            "ガイドの項目が場所なら いりません",
            Ty::Text,
        )
        .eg("ひかり市栄町1-1"),
        opt(
            "entry",
            "場所になる項目",
            "ガイドの項目の id です",
            Ty::Format(Format::Id),
        ),
        opt("geo", "地図の位置", "", Ty::Object(&GEO)),
    ],
    rules: &[Rule::RequiredUnless {
        field: "address",
        unless: "entry",
    }],
};

const ORGANISER: Obj = Obj {
    fields: &[
        req("name", "主催者の名前", "", Ty::Text).eg("ひかり市障害者就労支援センター"),
        opt(
            "entry",
            "主催者の項目",
            "ガイドの項目の id です",
            Ty::Format(Format::Id),
        ),
        opt(
            "phone",
            "電話番号",
            "半角数字をハイフンで区切ります",
            Ty::Format(Format::Phone),
        )
        .eg("0299-01-1250"),
        opt("email", "メールアドレス", "", Ty::Format(Format::Email)),
        opt("url", "ホームページ", "", Ty::Format(Format::Url)),
    ],
    rules: &[Rule::AnyOf(&["phone", "email", "entry"])],
};

const FEE: Obj = Obj {
    fields: &[
        req("yen", "参加費（円）", "無料なら 0", Ty::Integer(FEE_YEN)).eg("0"),
        opt("notes", "費用のメモ", "", Ty::Text).eg("資料代"),
    ],
    rules: &[],
};

/// An event's front matter (content/events/*.md).
pub const EVENT: Obj = Obj {
    fields: &[
        opt(
            "id",
            "ID",
            "書かなければファイル名になります",
            Ty::Format(Format::Id),
        ),
        req("title", "催しの名前", "", Ty::Text).eg("ひかりマルシェ 2026"),
        opt(
            "kana",
            "名前のよみがな",
            "ひらがなで書きます。名前に漢字やカタカナがあれば必要です",
            Ty::Reading,
        )
        .eg("ひかりまるしぇ にせんにじゅうろく"),
        req("type", "催しの種類", "", Ty::Choice(EventType::choices)).eg("market"),
        opt("summary", "ひとことの紹介", "", Ty::Text),
        req(
            "date",
            "日",
            "（はじめの）日です（YYYY-MM-DD）",
            Ty::Format(Format::Date),
        )
        .eg("2026-12-05"),
        opt(
            "end_date",
            "最後の日",
            "何日か続く催しの最後の日です",
            Ty::Format(Format::Date),
        ),
        opt(
            "start",
            "始まる時刻",
            "\"10:00\" のように 24時間で書きます",
            Ty::Format(Format::Time),
        )
        .eg("10:00"),
        opt(
            "end",
            "終わる時刻",
            "始まる時刻より後です",
            Ty::Format(Format::Time),
        )
        .eg("15:00"),
        req("place", "場所", "", Ty::Object(&EVENT_PLACE)),
        req(
            "organiser",
            "主催者",
            "電話番号・メールアドレス・ガイドの項目の どれかは必要です",
            Ty::Object(&ORGANISER),
        ),
        opt(
            "accessibility",
            "バリアフリー",
            "",
            Ty::List(&Ty::Choice(crate::content::model::Accessibility::choices)),
        ),
        opt("accessibility_notes", "バリアフリーのメモ", "", Ty::Text).eg("手話通訳があります。"),
        req(
            "how_to_join",
            "参加のしかた",
            "申し込みがいるか、いつまでに、どうやって",
            Ty::Text,
        )
        .eg("申し込みはいりません。"),
        req("fee", "参加費", "", Ty::Object(&FEE)),
        opt("capacity", "定員", "", Ty::Integer(EVENT_CAPACITY)).eg("120"),
        opt("easy", "やさしい日本語の説明", "", Ty::LongText),
        req(
            "updated",
            "書いた日",
            "この内容を書いた日・確かめた日です（YYYY-MM-DD）",
            Ty::Format(Format::Date),
        )
        .eg("2026-11-10"),
    ],
    rules: &[
        Rule::ReadingFor {
            name: "title",
            kana: "kana",
        },
        Rule::Needs {
            field: "end",
            needs: "start",
        },
    ],
};

const AREA: Obj = Obj {
    fields: &[
        req(
            "id",
            "ID",
            "半角の英小文字・数字・ハイフン",
            Ty::Format(Format::Id),
        )
        .eg("kita"),
        req("name", "地区の名前", "", Ty::Text).eg("北部"),
        req("kana", "地区のよみがな", "", Ty::Reading).eg("ほくぶ"),
        opt(
            "group",
            "地区のまとまり",
            "都道府県など。2つ以上のまとまりがあると、トップページと検索ページで地区をまとまりごとに出します",
            Ty::Text,
        )
        .eg("青森県"),
    ],
    rules: &[],
};

const FURIGANA: Obj = Obj {
    fields: &[req(
        "grade",
        "ふりがなの学年",
        "この学年までに習わない漢字にふりがなをつけます。all ならすべての漢字",
        Ty::Grade,
    )
    .eg("2")],
    rules: &[],
};

fn papers() -> Vec<(&'static str, &'static str)> {
    vec![("A4", "A4"), ("B5", "B5（JIS）")]
}

fn layouts() -> Vec<(&'static str, &'static str)> {
    vec![("full", "1ページに1項目"), ("compact", "1ページに2項目")]
}

const PRINT: Obj = Obj {
    fields: &[
        opt("paper", "紙の大きさ", "", Ty::Choice(papers)).eg("A4"),
        opt("layout", "ならべかた", "", Ty::Choice(layouts)).eg("full"),
    ],
    rules: &[],
};

const LICENSE: Obj = Obj {
    fields: &[
        req("name", "ライセンスの名前", "", Ty::Text).eg("CC BY 4.0"),
        opt("url", "ライセンスのアドレス", "", Ty::Format(Format::Url))
            .eg("https://creativecommons.org/licenses/by/4.0/deed.ja"),
    ],
    rules: &[],
};

/// site.yaml.
pub const SITE: Obj = Obj {
    fields: &[
        req("title", "ガイドの名前", "", Ty::Text).eg("ひかり市 しごと応援ガイド"),
        req("title_kana", "ガイドの名前のよみがな", "", Ty::Reading)
            .eg("ひかりし しごとおうえんがいど"),
        req("region", "地域", "", Ty::Text).eg("ひかり市"),
        req("region_kana", "地域のよみがな", "", Ty::Reading).eg("ひかりし"),
        req(
            "base_url",
            "公開するアドレス",
            "https:// から始まり / で終わります",
            Ty::Format(Format::Url),
        )
        .eg("https://example.org/hikari/"),
        opt("description", "ガイドの説明", "", Ty::Text),
        req("areas", "地区", "ひとつ以上", Ty::ListOfObjects(&AREA)),
        opt("furigana", "ふりがな", "", Ty::Object(&FURIGANA)),
        opt("print", "印刷版", "", Ty::Object(&PRINT)),
        opt(
            "data_date",
            "情報の時点",
            "「この情報は 〇年〇月〇日 時点のものです」の日付です",
            Ty::Format(Format::Date),
        )
        .eg("2026-04-01"),
        opt("license", "ライセンス", "", Ty::Object(&LICENSE)),
        opt(
            "lg_code",
            "全国地方公共団体コード",
            "6けたの数字です",
            Ty::Format(Format::LgCode),
        )
        .eg("122181"),
    ],
    rules: &[],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Which service may carry which figure: the same rule as check's `NotForService`.
    #[test]
    fn per_service_fields_agree_with_the_model() {
        for service in ServiceType::ALL {
            let id = service.id();
            let allowed = |name: &str| {
                SERVICE
                    .field(name)
                    .and_then(|f| f.only_for)
                    .is_none_or(|(_, ids)| ids.contains(&id))
            };
            assert_eq!(allowed("wage"), service.wage_label().is_some(), "{id}");
            assert_eq!(
                allowed("placements"),
                *service == ServiceType::Transition,
                "{id}"
            );
            assert_eq!(
                allowed("capacity"),
                *service != ServiceType::Retention,
                "{id}"
            );
            assert_eq!(
                allowed("styles"),
                *service == ServiceType::Selection,
                "{id}"
            );
        }
    }
}
