//! The reader: readings and furigana for whole texts.
//!
//! Text flows: author ruby is split off and kept; the rest is NFKC-normalised (with a map back
//! to the original), the caller's words are matched first (longest wins), and what lies between
//! them goes through IPADIC with the built-in lexicon, the context rules and the number reader.
//! The result is a list of words with readings; ruby is then placed on the original text.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use lindera_core::dictionary::Dictionary;

use super::analyser::{self, Source, Token};
use super::gloss::{glossed_words, is_reading_of};
use super::kana::{is_ideograph, is_kana, is_kanji_like, to_hiragana};
use super::latin::read_latin;
use super::lexicon::{self, Lexicon};
use super::normalize::{fold_variants, folds, is_normal_char, nfkc, nfkc_mapped};
use super::notation::parse_author_ruby;
use super::numbers::{NumberRuby, NumberWord, is_kanji_numeral, read_kanji_number, read_number};
use super::place_words::PlaceWords;
use super::placement::{Ruby, ruby_pieces, wants_ruby};
use super::postal::Place;
use super::userwords::UserWords;
use super::word_ruby::WordSplits;
use super::{GradeFilter, Segment, TextError, context, facility, segments_to_html};

/// Reads Japanese text: hiragana readings and furigana.
///
/// The analyser's dictionary is loaded once per process, on the first `Reader::new` (about
/// 0.1 s in a release build). After that a reader costs only the indexing of its user
/// words, so making one per site build, with that site's words, is cheap; cloning is cheaper.
#[derive(Clone)]
pub struct Reader {
    user: Arc<UserWords>,
    /// The names of the place the text is about (an entry's prefecture, municipality and
    /// town, see [`Reader::at`]), read as the place is read where the analysis has them as
    /// whole words.
    place: Option<Arc<UserWords>>,
    /// The words of an address that Japan Post names, read as it reads them wherever they
    /// stand (see [`Reader::for_address`]).
    address: Option<Arc<UserWords>>,
    /// Every place's words made so far, shared by this reader and those made from it.
    places: Arc<PlaceWords>,
    /// Every long ruby split into words so far, shared the same way.
    splits: Arc<WordSplits>,
}

impl fmt::Debug for Reader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reader")
            .field("user_words", &!self.user.is_empty())
            .finish()
    }
}

/// A word of analysed text, with where its ruby goes.
struct Word {
    /// Byte span in the normalised text.
    span: Range<usize>,
    /// Hiragana; `None` when nothing could read it (a rare kanji, a symbol).
    reading: Option<String>,
    ruby: Ruby,
}

impl Reader {
    /// A reader that knows the caller's words: `(word, hiragana reading)` pairs such as a
    /// region's readings.yaml and every entry's name with its kana. Where they overlap in a
    /// text, the longest word wins; a later pair overrides an earlier one for the same word.
    pub fn new(user_words: &[(String, String)]) -> Result<Reader, TextError> {
        // The dictionary, the built-in lexicon and the caller's words (ten
        // thousand names in a national guide) are each a fraction of a second: made side by side.
        let (system, user) = rayon::join(
            || {
                let system = analyser::system().map(|_| ());
                lexicon::builtin();
                system
            },
            || UserWords::new(user_words),
        );
        system?;
        Ok(Reader {
            user: Arc::new(user?),
            place: None,
            address: None,
            places: Arc::default(),
            splits: Arc::default(),
        })
    }

    /// A reader that knows none of the caller's words and makes its dictionaries when it first
    /// reads, not now: a build without the furigana edition reads nothing, and made IPADIC's
    /// tables and the built-in lexicon for nothing (0.22 billion instructions at the start,
    /// where the entries are read: 8% of a plain build of 1,000 entries).
    pub fn deferred() -> Result<Reader, TextError> {
        Ok(Reader {
            user: Arc::new(UserWords::new(&[])?),
            place: None,
            address: None,
            places: Arc::default(),
            splits: Arc::default(),
        })
    }

    /// A hash of the words this reader reads as told (the caller's, the place's, the
    /// address's): two readers with the same fingerprint read every text alike.
    pub fn fingerprint(&self) -> u128 {
        let mut hash = xxhash_rust::xxh3::Xxh3::new();
        for words in [Some(&self.user), self.place.as_ref(), self.address.as_ref()] {
            match words {
                Some(words) => hash.update(&words.fingerprint().to_le_bytes()),
                None => hash.update(&[0]),
            }
        }
        hash.digest128()
    }

    /// This reader, for text about a place: an entry's name and text, with the entry's address
    /// as `place`. The place's names (its prefecture, municipality and town, each also without
    /// its 県/市/区/町/村: 千波町 and 千波) are read as Japan Post reads them where the analysis
    /// finds them as whole words (in 世田谷区立 the analysis has 区立, so 世田谷区 is not read
    /// there as the ward). The caller's own words still come first.
    pub fn at(&self, place: Option<&Place>) -> Reader {
        Reader {
            user: Arc::clone(&self.user),
            place: place.and_then(|p| self.places.of(p).names),
            address: None,
            places: Arc::clone(&self.places),
            splits: Arc::clone(&self.splits),
        }
    }

    /// This reader, for the address that `place` was found in ([`locate`](super::locate)):
    /// the words that Japan Post names (the prefecture, the municipality's parts, the town)
    /// are read as it reads them wherever they stand, whatever the analysis would make of the
    /// characters around them (横浜市中区 is not 横浜 + 市中 + 区).
    pub fn for_address(&self, place: Option<&Place>) -> Reader {
        let lists = place.map(|p| self.places.of(p));
        let (names, address) = lists.map_or((None, None), |l| (l.names, l.address));
        Reader {
            user: Arc::clone(&self.user),
            place: names,
            address,
            places: Arc::clone(&self.places),
            splits: Arc::clone(&self.splits),
        }
    }

    /// This reader [`at`](Reader::at) `place` and [`for_address`](Reader::for_address) of it,
    /// the place's word lists looked up once for both.
    pub fn at_and_for_address(&self, place: Option<&Place>) -> (Reader, Reader) {
        let for_address = self.for_address(place);
        let at = Reader {
            address: None,
            ..for_address.clone()
        };
        (at, for_address)
    }

    /// Whether the place this reader was told ([`Reader::at`]) can change how `text` is read:
    /// whether one of the place's names is in it, where the analysis would see it. When not,
    /// the text reads the same at every place, and one reading of it serves them all.
    pub fn place_in(&self, text: &str) -> bool {
        let Some(place) = self.place.as_deref() else {
            return false;
        };
        // A name is looked for only where one of the place's names may start.
        let holds_name = |text: &str| {
            text.char_indices()
                .any(|(i, c)| place.may_start(c) && place.longest_at(&text[i..]).is_some())
        };
        // Asked of every text shown about a place, on every page it is on: a text whose
        // characters are all already normal and fold to no other, without author ruby, is its
        // own normal form, and is looked in as it is (normalised, folded and split into its
        // ruby's parts, such texts were a tenth of a furigana page's text lookups). Both in
        // one pass over the characters (with a pass for each, this function was 2.3% of a
        // national build's instructions).
        let mut names_place = false;
        let mut as_it_is = true;
        for (i, c) in text.char_indices() {
            if !is_normal_char(c) || folds(c) || matches!(c, '{' | '|' | '｜' | '《') {
                as_it_is = false;
                break;
            }
            if !names_place && place.may_start(c) && place.longest_at(&text[i..]).is_some() {
                names_place = true;
            }
        }
        if as_it_is {
            return names_place;
        }
        parse_author_ruby(text).iter().any(|seg| match seg {
            Segment::Plain(plain) => holds_name(&fold_variants(&nfkc_mapped(plain).text)),
            _ => false,
        })
    }

    /// The hiragana reading of a text. Author ruby gives its own reading; numbers are spelled
    /// out (定員20名 → ていいんにじゅうめい); punctuation and spaces are kept; anything that
    /// cannot be read (a rare kanji, an unknown English word) is kept as written.
    pub fn reading(&self, text: &str) -> String {
        let mut out = String::new();
        for seg in parse_author_ruby(text) {
            match seg {
                Segment::Ruby { rt, .. } => out.push_str(&to_hiragana(&rt)),
                Segment::Plain(plain) => {
                    let normal = nfkc(&plain);
                    for word in self.words(&normal) {
                        match word.reading {
                            Some(r) => out.push_str(&r),
                            None => out.push_str(&normal[word.span]),
                        }
                    }
                }
            }
        }
        out
    }

    /// The reading, or `None` if some part of the text could not be read (see [`reading`](Self::reading)).
    pub fn reading_if_complete(&self, text: &str) -> Option<String> {
        let reading = self.reading(text);
        let unread = reading
            .chars()
            .any(|c| is_kanji_like(c) || c.is_ascii_alphabetic());
        (!unread).then_some(reading)
    }

    /// Text as segments: the author's ruby kept as written, automatic ruby on the words that
    /// `filter` selects, and plain text (exactly as given) everywhere else.
    pub fn annotate(&self, text: &str, filter: GradeFilter) -> Vec<Segment> {
        let mut out = Vec::new();
        for seg in parse_author_ruby(text) {
            match seg {
                Segment::Plain(plain) => self.auto_ruby(&plain, filter, &mut out),
                ruby => out.push(ruby),
            }
        }
        out
    }

    /// [`annotate`](Self::annotate), as HTML.
    pub fn ruby_html(&self, text: &str, filter: GradeFilter) -> super::Html {
        segments_to_html(&self.annotate(text, filter))
    }

    fn auto_ruby(&self, original: &str, filter: GradeFilter, out: &mut Vec<Segment>) {
        if filter == GradeFilter::None {
            push_plain(out, original);
            return;
        }
        let mapped = nfkc_mapped(original);
        let text = &mapped.text;
        // Ruby goes only on words with a character the filter wants (a kanji above the grade):
        // a text without one is left as it is, unread (most short facts, and kana text).
        if !wants_ruby(text, filter) {
            push_plain(out, original);
            return;
        }
        let dict = analyser::system().ok();
        let mut pieces = Vec::new();
        for word in self.words(text) {
            let surface = &text[word.span.clone()];
            let Some(reading) = word.reading.filter(|_| wants_ruby(surface, filter)) else {
                continue;
            };
            for (range, rt) in ruby_pieces(&word.span, surface, reading, word.ruby) {
                let base = &text[range.clone()];
                let split = dict.and_then(|dict| self.splits.split(dict, base, &rt));
                match split {
                    // Each word of the split is a word for the filter too.
                    Some(split) => pieces.extend(
                        split
                            .into_iter()
                            .map(|(r, rt)| (r.start + range.start..r.end + range.start, rt))
                            .filter(|(r, _)| wants_ruby(&text[r.clone()], filter)),
                    ),
                    None => pieces.push((range, rt)),
                }
            }
        }
        let mut cursor = 0;
        for (range, rt) in pieces {
            let Some(orig) = mapped.original(range) else {
                continue;
            };
            if rt.is_empty() || orig.start < cursor {
                continue;
            }
            push_plain(out, &original[cursor..orig.start]);
            out.push(Segment::Ruby {
                base: original[orig.clone()].to_string(),
                rt,
            });
            cursor = orig.end;
        }
        push_plain(out, &original[cursor..]);
    }

    /// The words of a normalised text.
    fn words(&self, text: &str) -> Vec<Word> {
        let Ok(dict) = analyser::system() else {
            // Unreachable after `Reader::new` succeeded; read nothing rather than panic.
            return vec![Word {
                span: 0..text.len(),
                reading: None,
                ruby: Ruby::Number(NumberRuby::None),
            }];
        };
        let lexicon = lexicon::builtin();
        // The analysis reads variant kanji as their common form; folded once here, not for each
        // stretch between the caller's words (same length, so spans carry over).
        let folded = fold_variants(text);
        // Words with a reading in parentheses after them, then the caller's words: both are
        // facts about this text that the analyser cannot know.
        let glossed = glossed_words(text, &|word, reading| {
            is_reading_of(dict, lexicon, word, reading)
        });
        let mut glossed = glossed.into_iter().peekable();
        let mut words = Vec::new();
        let (mut gap, mut pos) = (0, 0);
        while pos < text.len() {
            while glossed.next_if(|(span, _)| span.start < pos).is_some() {}
            let fixed = match glossed.next_if(|(span, _)| span.start == pos) {
                Some((span, reading)) => Some((span.len(), reading)),
                None => self
                    .user
                    .longest_at(&text[pos..])
                    .or_else(|| self.address.as_ref()?.longest_at(&text[pos..]))
                    .map(|(len, r)| (len, r.to_string())),
            };
            match fixed {
                Some((len, reading)) if len > 0 => {
                    analyse(
                        dict,
                        lexicon,
                        self.place.as_deref(),
                        &folded,
                        gap..pos,
                        &mut words,
                    );
                    words.push(Word {
                        span: pos..pos + len,
                        reading: Some(reading),
                        ruby: Ruby::Align,
                    });
                    pos += len;
                    gap = pos;
                }
                _ => pos += text[pos..].chars().next().map_or(1, char::len_utf8),
            }
        }
        analyse(
            dict,
            lexicon,
            self.place.as_deref(),
            &folded,
            gap..text.len(),
            &mut words,
        );
        words
    }
}

/// Where the analysis has a place's name as one word or as whole words in a row, the name
/// becomes one word read as the place is read, a place name for the rules that look at the
/// words around it (高松店 てん, as after any place).
fn read_places(text: &str, tokens: &mut Vec<Token>, place: &UserWords) {
    let mut i = 0;
    while i < tokens.len() {
        let start = tokens[i].span.start;
        for (len, reading) in place.all_at(&text[start..]) {
            let end = start + len;
            let Some(j) = (i..tokens.len()).find(|&j| tokens[j].span.end == end) else {
                continue;
            };
            tokens[i] = Token {
                span: start..end,
                reading: Some(reading.to_string()),
                pos: ["名詞", "固有名詞", "地域"],
                source: Source::System,
            };
            tokens.drain(i + 1..=j);
            break;
        }
        i += 1;
    }
}

/// Analyse `text[range]` (no user words in it) and append its words. `text` is the normalised
/// text with its variant kanji folded ([`fold_variants`]).
fn analyse(
    dict: &Dictionary,
    lexicon: &Lexicon,
    place: Option<&UserWords>,
    text: &str,
    range: Range<usize>,
    words: &mut Vec<Word>,
) {
    let Some(piece) = text.get(range.clone()) else {
        return;
    };
    if piece.is_empty() {
        return;
    }
    let mut tokens = analyser::tokenize(dict, lexicon.dict.as_ref(), piece);
    for t in &mut tokens {
        t.span = t.span.start + range.start..t.span.end + range.start;
        if let Source::Lexicon(id) = t.source
            && let Some(entry) = lexicon.entry(id)
        {
            t.pos = *entry.pos;
        }
    }
    if let Some(place) = place {
        read_places(text, &mut tokens, place);
    }
    context::apply(text, &mut tokens);
    facility::read_name_kanji(text, &mut tokens);
    facility::apply(text, &mut tokens);
    facility::read_unknown(text, &mut tokens);
    if let Some(place) = place {
        // Again: the rules above may have changed a place name's reading.
        read_places(text, &mut tokens, place);
    }
    let mut i = 0;
    while i < tokens.len() {
        let start = tokens[i].span.start;
        if let Some(word) = number_word(text, &tokens, i, range.end, words.last()) {
            let end = word.span.end;
            words.push(word);
            while i < tokens.len() && tokens[i].span.start < end {
                i += 1;
            }
            continue;
        }
        let surface = &text[tokens[i].span.clone()];
        let reading = if is_range_mark(surface) {
            range_mark_reading(text, &tokens, i, words)
        } else if is_dash(surface) {
            dash_reading(text, &tokens, i, words)
        } else {
            token_reading(&tokens[i], surface, lexicon)
        };
        words.push(Word {
            span: start..tokens[i].span.end,
            reading,
            ruby: Ruby::Align,
        });
        i += 1;
    }
}

fn token_reading(token: &Token, surface: &str, lexicon: &Lexicon) -> Option<String> {
    if surface.chars().all(|c| c.is_ascii_alphabetic()) {
        return read_latin(surface).or_else(|| token.reading.clone());
    }
    // Kana words joined by ・ (ウィング・ビート) reach here as one unknown token.
    if surface.chars().all(|c| is_kana(c) || c == '・') {
        return Some(to_hiragana(surface));
    }
    match token.source {
        Source::Lexicon(id) => token
            .reading
            .clone()
            .or_else(|| lexicon.entry(id).map(|e| e.reading.to_string())),
        Source::System | Source::Unknown => token.reading.clone(),
    }
}

/// A number (with its counter) starting at token `i`: digits, or kanji numerals followed by
/// a counter.
fn number_word(
    text: &str,
    tokens: &[Token],
    i: usize,
    end: usize,
    previous: Option<&Word>,
) -> Option<Word> {
    let start = tokens[i].span.start;
    // 4月1日: a day after a month.
    let date = previous.is_some_and(|w| text[w.span.clone()].ends_with('月'));
    let boundary = |offset: usize| {
        let at = start + offset;
        at == end || tokens.binary_search_by_key(&at, |t| t.span.start).is_ok()
    };
    let number = if text[start..].starts_with(|c: char| c.is_ascii_digit()) {
        let number = read_number(&text[start..end], date, &boundary)?;
        branch_number(text, start, &number, previous).unwrap_or(number)
    } else {
        let numeral_end = tokens[i..]
            .iter()
            .take_while(|t| is_numeral_token(text, t))
            .last()?
            .span
            .end;
        read_kanji_number(&text[start..end], numeral_end - start, date, &boundary)?
    };
    Some(Word {
        span: start..start + number.len,
        reading: Some(number.reading),
        ruby: Ruby::Number(number.ruby),
    })
}

/// A lone digit that ends a name (ウェルメント栗東2, ワークスみらい高知1, ピア2) numbers a
/// branch, and offices read it in English: つー, わん. It follows a word of kana or kanji
/// directly and is followed by nothing, a space or a bracket; after 第, a unit of time (週3)
/// or with a counter it is an ordinary number.
fn branch_number(
    text: &str,
    start: usize,
    number: &NumberWord,
    previous: Option<&Word>,
) -> Option<NumberWord> {
    const ENGLISH: [&str; 9] = [
        "わん",
        "つー",
        "すりー",
        "ふぉー",
        "ふぁいぶ",
        "しっくす",
        "せぶん",
        "えいと",
        "ないん",
    ];
    let digit = text[start..].chars().next()?.to_digit(10)?;
    if number.len != 1 || number.ruby != NumberRuby::None || digit == 0 {
        return None;
    }
    let previous = previous.filter(|w| w.span.end == start)?;
    let last = text[previous.span.clone()].chars().last()?;
    let name_like =
        (is_kana(last) || is_ideograph(last)) && !"第週月年日回時分秒歳才度号".contains(last);
    let after = text[start + 1..].chars().next();
    let ends = after.is_none_or(|c| c.is_whitespace() || "()（）「」『』【】[]".contains(c));
    (name_like && ends).then(|| NumberWord {
        len: 1,
        reading: ENGLISH[digit as usize - 1].to_string(),
        ruby: NumberRuby::None,
    })
}

/// IPADIC tags kanji numerals 名詞,数; words such as 一人 or 十分 are not, and keep their reading.
fn is_numeral_token(text: &str, token: &Token) -> bool {
    token.pos[0] == "名詞"
        && token.pos[1] == "数"
        && text[token.span.clone()].chars().all(is_kanji_numeral)
}

fn is_range_mark(s: &str) -> bool {
    matches!(s, "〜" | "~" | "～")
}

/// 〜 is から between numbers (1〜2人) and a long vowel inside a kana word (ふ〜ど, は〜と).
fn range_mark_reading(text: &str, tokens: &[Token], i: usize, words: &[Word]) -> Option<String> {
    let (before, after) = around(text, tokens, i, words);
    match (before, after) {
        (Some(b), Some(a)) if b.is_ascii_digit() && a.is_ascii_digit() => Some("から".into()),
        (Some(b), Some(a)) if is_kana(b) && is_kana(a) => Some("ー".into()),
        _ => None,
    }
}

/// Dashes that providers type for the long-vowel mark (は−と, エイコ−).
fn is_dash(s: &str) -> bool {
    matches!(s, "−" | "‐" | "‑" | "–" | "—" | "―" | "-")
}

/// A dash right after kana, before kana or at the end of the text, is a long vowel: ー.
fn dash_reading(text: &str, tokens: &[Token], i: usize, words: &[Word]) -> Option<String> {
    let (before, after) = around(text, tokens, i, words);
    let long = |c: char| is_kana(c) && c != 'ー';
    (before.is_some_and(long) && after.is_none_or(long)).then(|| "ー".into())
}

/// The last character of the word before token `i` and the first of the token after it.
fn around(text: &str, tokens: &[Token], i: usize, words: &[Word]) -> (Option<char>, Option<char>) {
    let before = words
        .last()
        .and_then(|w| text[w.span.clone()].chars().last());
    let after = tokens
        .get(i + 1)
        .and_then(|t| text[t.span.clone()].chars().next());
    (before, after)
}

fn push_plain(out: &mut Vec<Segment>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(Segment::Plain(last)) = out.last_mut() {
        last.push_str(s);
    } else {
        out.push(Segment::Plain(s.to_string()));
    }
}
