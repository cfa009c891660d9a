//! The morphological analyser: IPADIC through lindera's lattice, plus the module's own lexicon.
//!
//! Only `lindera-core` (the Viterbi lattice) and `lindera-ipadic` (the dictionary) are used,
//! not `lindera-tokenizer`, whose dictionary loader drags in the builders of every other
//! language's dictionary. The tokenising loop below is the few lines it would have given us,
//! with one change that matters: the built-in lexicon takes part in the lattice as lindera's
//! "user dictionary", so a field word competes on cost with IPADIC's words instead of being
//! pasted over them.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use lindera_core::dictionary::Dictionary;
use lindera_core::mode::Mode;
use lindera_core::prefix_dict::PrefixDict;
use lindera_core::viterbi::Lattice;
use std::cell::RefCell;

use super::TextError;
use super::kana::{is_kana, to_hiragana};

/// A token of analysed text. Spans are byte ranges in the text given to [`tokenize`].
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub span: Range<usize>,
    /// Hiragana reading, when the token has one (IPADIC's `reading` field, never its
    /// `pronunciation`: 東京 is とうきょう, not とーきょー).
    pub reading: Option<String>,
    /// IPADIC part of speech: major class and two subclasses (名詞, 固有名詞, 人名).
    pub pos: [&'static str; 3],
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// A word of IPADIC.
    System,
    /// A word of the built-in lexicon; the index of its entry.
    Lexicon(u32),
    /// Not in any dictionary: a run of one character class (digits, Latin, rare kanji).
    Unknown,
}

/// The embedded IPADIC, loaded on first use (its tables are read where they lie in the binary;
/// a tenth of a second in a release build) and shared by every reader for the life of the process.
///
/// Without lindera's word details: a word's part of speech and reading come from
/// [`system_words`](super::system_words), and `word_details` on this dictionary finds nothing.
pub(crate) fn system() -> Result<&'static Dictionary, TextError> {
    static SYSTEM: OnceLock<Result<Dictionary, String>> = OnceLock::new();
    SYSTEM
        .get_or_init(|| {
            let error = |e: lindera_core::error::LinderaError| e.to_string();
            Ok(Dictionary {
                dict: lindera_ipadic::prefix_dict(),
                cost_matrix: lindera_ipadic::connection(),
                char_definitions: lindera_ipadic::char_def().map_err(error)?,
                unknown_dictionary: lindera_ipadic::unknown_dict().map_err(error)?,
                words_idx_data: Cow::Borrowed(&[]),
                words_data: Cow::Borrowed(&[]),
            })
        })
        .as_ref()
        .map_err(|e| TextError::Dictionary(e.clone()))
}

/// Split `text` into tokens with IPADIC and `lexicon`. Sentences are analysed one at a time,
/// as lindera does, which keeps the lattice small.
pub(crate) fn tokenize(dict: &Dictionary, lexicon: Option<&PrefixDict>, text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut offset = 0;
    for sentence in text.split_inclusive(['。', '、', '\n', '\t', '！', '？', '!', '?']) {
        let starts = with_lattice(sentence.len(), |lattice| {
            lattice.set_text(
                &dict.dict,
                &lexicon,
                &dict.char_definitions,
                &dict.unknown_dictionary,
                sentence,
                &Mode::Normal,
            );
            lattice.calculate_path_costs(&dict.cost_matrix, &Mode::Normal);
            lattice.tokens_offset()
        });
        for (i, &(start, word_id)) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(sentence.len(), |next| next.0);
            let Some(surface) = sentence.get(start..end) else {
                continue;
            };
            let span = offset + start..offset + end;
            tokens.push(if word_id.is_unknown() {
                unknown(span)
            } else if !word_id.is_system() {
                Token {
                    span,
                    reading: None,
                    pos: Default::default(),
                    source: Source::Lexicon(word_id.0),
                }
            } else {
                system_token(word_id.0, surface, span)
            });
        }
        offset += sentence.len();
    }
    join_repeat_marks(dict, text, &mut tokens);
    tokens
}

/// Sentences up to this long are analysed in the thread's lattice ([`with_lattice`]).
const KEPT_LATTICE_BYTES: usize = 512;

/// `work` done on an empty lattice made for a sentence of `len` bytes. A short sentence's is
/// the thread's, kept from one sentence to the next: a new lattice grows a list of edges at
/// every byte of its sentence, a million pushes that allocate for a national furigana
/// edition. Clearing a lattice goes over every byte it was ever made for, so a long sentence
/// gets a lattice of its own instead of making every later clearing long.
fn with_lattice<R>(len: usize, work: impl FnOnce(&mut Lattice) -> R) -> R {
    thread_local! {
        static KEPT: RefCell<Lattice> = RefCell::new(Lattice::default());
    }
    match len <= KEPT_LATTICE_BYTES {
        true => KEPT.with_borrow_mut(work),
        false => work(&mut Lattice::default()),
    }
}

/// A 々 that the lattice left on its own (カフェ日々木 → 日 / 々 / 木) joins the kanji it
/// repeats: as IPADIC's word for the pair when there is one (日々 ひび), else that kanji's
/// reading twice. Alone it would have no reading, and its ruby would repeat the mark.
fn join_repeat_marks(dict: &Dictionary, text: &str, tokens: &mut Vec<Token>) {
    let mut i = 1;
    while i < tokens.len() {
        let (prev, mark) = (&tokens[i - 1], &tokens[i]);
        let single_kanji = text[prev.span.clone()].chars().count() == 1
            && text[prev.span.clone()]
                .chars()
                .all(super::kana::is_ideograph);
        if &text[mark.span.clone()] != "々" || !single_kanji {
            i += 1;
            continue;
        }
        let span = prev.span.start..mark.span.end;
        let pair = &text[span.clone()];
        let known = dict
            .dict
            .find_surface(pair)
            .into_iter()
            .min_by_key(|w| w.word_cost)
            .map(|w| system_token(w.word_id.0, pair, span.clone()));
        let joined = known.unwrap_or_else(|| Token {
            span,
            reading: prev.reading.as_ref().map(|r| r.repeat(2)),
            pos: prev.pos,
            source: prev.source,
        });
        tokens[i - 1] = joined;
        tokens.remove(i);
    }
}

fn unknown(span: Range<usize>) -> Token {
    // IPADIC's unk.def files unknown words as nouns; say so, for the context rules.
    Token {
        span,
        reading: None,
        pos: ["名詞", "", ""],
        source: Source::Unknown,
    }
}

fn system_token(id: u32, surface: &str, span: Range<usize>) -> Token {
    let word = super::system_words::word(id);
    // Kana read as written: IPADIC's reading of は (particle) is ハ, but some kana entries
    // carry a different spelling in their reading field.
    let reading = if surface.chars().all(is_kana) {
        Some(to_hiragana(surface))
    } else {
        word.map(|w| w.reading)
            .filter(|r| !r.is_empty() && *r != "*")
            .map(to_hiragana)
    };
    Token {
        span,
        reading,
        pos: word.map_or(["", "", ""], |w| *w.pos),
        source: Source::System,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, Option<String>)> {
        let dict = system().expect("dictionary");
        tokenize(dict, None, text)
            .into_iter()
            .map(|t| (text[t.span].to_string(), t.reading))
            .collect()
    }

    #[test]
    fn ipadic_reading_not_pronunciation() {
        let tokens = read("東京で働く");
        assert_eq!(tokens[0], ("東京".into(), Some("とうきょう".into())));
        assert_eq!(tokens.last().map(|t| t.0.as_str()), Some("働く"));
    }

    #[test]
    fn a_lone_repeat_mark_joins_its_kanji() {
        let tokens = read("カフェ日々木");
        assert!(
            tokens.iter().all(|(s, _)| !s.starts_with('々')),
            "{tokens:?}"
        );
        assert!(
            tokens.contains(&("日々".into(), Some("ひび".into()))),
            "{tokens:?}"
        );
    }

    #[test]
    fn spans_cover_the_text() {
        let text = "就労継続支援B型。工賃は、月額1万円です！\n次の行";
        let dict = system().expect("dictionary");
        let tokens = tokenize(dict, None, text);
        let joined: String = tokens.iter().map(|t| &text[t.span.clone()]).collect();
        assert_eq!(joined, text);
    }

    /// The thread's lattice, kept between sentences, reads a sentence as a new lattice does,
    /// after shorter and longer sentences than it and one too long to be kept.
    #[test]
    fn a_kept_lattice_reads_as_a_new_one() {
        let dict = system().expect("dictionary");
        let fresh = |text: &str| {
            let mut lattice = Lattice::default();
            lattice.set_text(
                &dict.dict,
                &None,
                &dict.char_definitions,
                &dict.unknown_dictionary,
                text,
                &Mode::Normal,
            );
            lattice.calculate_path_costs(&dict.cost_matrix, &Mode::Normal);
            lattice.tokens_offset()
        };
        let starts = |text: &str| -> Vec<usize> {
            tokenize(dict, None, text)
                .iter()
                .map(|t| t.span.start)
                .collect()
        };
        let long = "就労移行支援事業所で働く練習をします".repeat(12);
        assert!(long.len() > KEPT_LATTICE_BYTES);
        for text in [
            "東京で働く",
            "就労継続支援B型の工房",
            long.as_str(),
            "東京で働く",
        ] {
            let expected: Vec<usize> = fresh(text).iter().map(|(start, _)| *start).collect();
            assert_eq!(starts(text), expected, "{text}");
        }
    }
}
