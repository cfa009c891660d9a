//! Every kind of problem `check` reports. How each is said to a provider — in plain Japanese by
//! default, in English with `SHIRUBE_LANG=en` — is in `wording.rs`, one place for a council to
//! review every sentence a provider may see.

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
    /// A time of day, `13:30`.
    Time,
    /// 全国地方公共団体コード, six digits.
    LgCode,
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
        /// The Japanese names of `allowed`, when they have them (empty otherwise).
        labels: Vec<String>,
        suggestion: Option<String>,
    },
    BadFormat {
        format: Format,
        value: String,
    },
    UnknownArea {
        value: String,
        allowed: Vec<String>,
        /// The id of the area `value` is the name or reading of (`東部` → `higashi`).
        meant: Option<String>,
    },
    DuplicateId {
        id: String,
        other: String,
    },
    NotHiragana {
        value: String,
    },
    KanaRequired,
    /// The kana of a name leave out some of its words, or have kana no word of it reads
    /// (`text::kana_gaps`): most often a name changed without its kana.
    KanaGap {
        /// The words left out (joined where they stand together: 事業所).
        missing: Vec<String>,
        /// Kana left over at the end.
        left_over: Option<String>,
        /// The kana with the gaps closed by the dictionary's readings.
        suggested: String,
    },
    YearlyFigureWithoutYear {
        figure_ja: String,
        figure_en: String,
    },
    /// A link written with full-width brackets (`［ホームページ］（https://…）`): not a link.
    FullWidthLink {
        written: String,
        fixed: String,
    },
    /// A photo's `alt` that says nothing of the picture: a file's name (IMG_1234.jpg) or a
    /// word for any picture (写真, 画像).
    PhotoAltSaysNothing {
        alt: String,
    },
    /// `lunch: { available: false, cost_yen: 300 }`: a price for a lunch there is not.
    CostWithoutLunch {
        cost: i64,
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
    /// One value written twice in a list of choices (`accepts: [intellectual, intellectual]`).
    ListedTwice {
        /// The value as a family reads it (its label: 知的障害).
        value: String,
        /// The line it is written on first, when not the same line (`[a, b, a]`).
        first_line: Option<u32>,
    },
    /// A phone number with a digit too many or too few for its kind (0299-01-22310).
    PhoneDigits {
        value: String,
        digits: usize,
        expected: usize,
    },
    /// `address.street` begins with `city`, which the page puts before it.
    StreetRepeatsCity {
        city: String,
    },
    /// A field named like the end of a number (`300円`): a comma in a number inside `{ }` was
    /// read as the one between fields.
    NumberCutByComma {
        key: String,
    },
    /// 13 digits that are not a 法人番号: the check digit (the first) does not match.
    CorporateNumberCheck {
        value: String,
    },
    /// Words pasted after an address (https://a.jp/（公式サイト）).
    UrlWithWords {
        value: String,
        url: String,
    },
    /// `hours` with no day in it (only `notes`): every day would show as closed, since a day
    /// left out reads as closed.
    HoursWithoutDays,
    /// `hours` with days but not `weekdays`: 月曜〜金曜 shows as closed.
    WeekdaysLeftOut,
    /// One service twice under an office's `services`: most often a block copied for a second
    /// service whose `type` was left as it was.
    ServiceTwice {
        /// The service's name (就労継続支援B型).
        service: String,
        first_line: u32,
    },
    ContactRequired,
    PhotoWithoutAlt,
    /// `alt` and `decorative: true` together: which one is meant?
    PhotoAltAndDecorative,
    PhotoMissing {
        src: String,
    },
    /// Damaged, cut short, or not the picture it claims to be.
    PhotoUnreadable {
        src: String,
    },
    /// `..`, an absolute path, or a link leading out of the site folder.
    PhotoOutsideSite {
        src: String,
    },
    PhotoUnsupported {
        src: String,
        /// HEIC, GIF, SVG … when the file says what it is.
        found: Option<String>,
    },
    PhotoTooLarge {
        src: String,
        megabytes: u64,
        max: u64,
    },
    PhotoTooManyPixels {
        src: String,
        width: u32,
        height: u32,
        max_megapixels: u64,
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
    /// An imported entry no provider has confirmed yet.
    Unconfirmed {
        as_of: String,
    },
    PlaceholderBaseUrl {
        url: String,
    },
    /// A sample value of `shirube new`'s template, never replaced.
    TemplateValue {
        value: String,
    },
    NoWhereToAskPage,
    NoSupportCenters,
    /// A text that is only an answer (yes, ○, a number without its unit) where a reader is to
    /// be told in words what there is.
    BareAnswer {
        value: String,
        /// Words as the field wants them.
        example: String,
    },
    /// An area of site.yaml that no entry names.
    AreaWithoutEntries {
        id: String,
        name: String,
    },
    /// An entry's area names a place (弘前市) its address (`city`) is not in; `fitting` is an
    /// area (id, name) the address is in.
    AreaNotAtAddress {
        id: String,
        name: String,
        city: String,
        fitting: Option<(String, String)>,
    },
    TooLong {
        length: usize,
        max: usize,
    },
    /// An event's end (date or time) is before its start.
    EndsBeforeStart {
        start: String,
        end: String,
    },
    /// An event names an entry of the guide that does not exist.
    UnknownEntry {
        id: String,
    },
    /// An event's end time without a start time.
    EndWithoutStart,
    /// An event's organiser can be reached neither directly nor through an entry.
    OrganiserContactRequired,
    /// A word that could be more than one value of a closed set (`就労継続`: A型 or B型).
    AmbiguousChoice {
        value: String,
        /// The ids it could be, and their Japanese labels.
        ids: Vec<String>,
        labels: Vec<String>,
    },
    /// The mistakes that stop a YAML file from being read, named as what the person did
    /// (`content::syntax_causes`).
    TabInIndent,
    FullWidthSpaceInIndent,
    FullWidthColon {
        key: String,
    },
    ColonWithoutSpace {
        key: String,
    },
    UnclosedQuote,
    /// A value that begins with author ruby (`summary: {箱折り|はこおり}や…`): YAML reads a
    /// value that begins with `{` as a mapping. `quoted` is the value in double quotes.
    RubyOpensValue {
        key: String,
        quoted: String,
    },
    /// The file is Shift_JIS (Excel's or old Notepad's "ANSI"), not UTF-8.
    ShiftJis,
    /// A body links to a file (`../../media/flyer.html`) rather than a page of the guide.
    LinkToFile {
        target: String,
    },
    /// A text file past `content::load::MAX_TEXT_BYTES`.
    FileTooLarge {
        kilobytes: u64,
        max_kilobytes: u64,
    },
    /// YAML past the parser's limits: too many aliases, too deep, too many nodes.
    YamlTooComplex,
    /// A content folder with more files than `content::load::MAX_FILES_PER_FOLDER`.
    TooManyFiles {
        count: usize,
        max: usize,
    },
    /// An office has no やさしい日本語 (`easy`): a family that reads plain words cannot compare
    /// it fairly with the others.
    NoEasyJapanese,
}
