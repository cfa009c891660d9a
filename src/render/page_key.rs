//! A page's key: a hash of everything its bytes are made from, so that a rebuild can leave a
//! page whose key did not change as the staging folder already holds it, without rendering it
//! again (`output::Files::add_made`).
//!
//! A page is made from its context (what the page's own code put in it), its frame (the site
//! context, the menu and the footer of its depth: `frame.rs`), its template, the theme's
//! templates, the edition's text style (the furigana pass reads the theme's text with the
//! site's words) and this shirube itself. All of them go into the key: a page's bytes are a
//! function of them, as rendering reads nothing else (no clock, no file, no state between
//! pages). Any value the key cannot take in whole (a kind of template value it does not know)
//! leaves the page without a key, and it is rendered as always: a page is kept only when its
//! key is certain, never on a guess.

use super::spelling;
use serde::Serialize;
use std::borrow::Cow;
use xxhash_rust::xxh3::{Xxh3, xxh3_128, xxh3_128_with_seed};

/// The kinds of what is hashed, so that values of different kinds never hash alike.
mod tag {
    pub const NONE: u8 = 0;
    pub const UNDEFINED: u8 = 1;
    pub const BOOL: u8 = 2;
    pub const U64: u8 = 3;
    pub const I64: u8 = 4;
    pub const U128: u8 = 5;
    pub const I128: u8 = 6;
    pub const F64: u8 = 7;
    pub const STRING: u8 = 8;
    pub const SAFE_STRING: u8 = 9;
    pub const ARRAY: u8 = 10;
    pub const MAP: u8 = 11;
    pub const BYTES: u8 = 12;
    pub const KEY: u8 = 13;
    pub const ENTRY: u8 = 14;
}

/// A page's template context as it is filled, with everything that went into it spelled out
/// (`spelling.rs`), in the order it went in: the key is one hash of that spelling.
pub(crate) struct PageContext {
    context: tera::Context,
    /// `None` once a value could not be spelled: the page then has no key.
    spelled: Option<Vec<u8>>,
}

impl PageContext {
    /// An empty context whose key begins with `seed` (what the page shares with others:
    /// `PageKey::seed`).
    pub(crate) fn new(seed: u128) -> PageContext {
        // An entry page's spelling is some kilobytes: room for most pages without growing.
        let mut spelled = Vec::with_capacity(16 * 1024);
        spelled.extend_from_slice(&seed.to_le_bytes());
        PageContext {
            context: tera::Context::new(),
            spelled: Some(spelled),
        }
    }

    /// As `tera::Context::insert`.
    pub(crate) fn insert<S, T>(&mut self, key: S, value: &T)
    where
        S: Into<Cow<'static, str>>,
        T: Serialize + ?Sized,
    {
        let key = key.into();
        if let Some(spelled) = &mut self.spelled {
            spelled.push(tag::KEY);
            spelling::spell_str(spelled, &key);
            if spelling::spell(value, spelled).is_err() {
                self.spelled = None;
            }
        }
        self.context
            .insert_value(key, tera::Value::from_serializable(value));
    }

    /// Puts in a value that the page shares with others and whose hash was taken once, for
    /// them all (`fingerprint`): the frame's site context.
    pub(crate) fn insert_hashed<S>(&mut self, key: S, value: tera::Value, fingerprint: u128)
    where
        S: Into<Cow<'static, str>>,
    {
        let key = key.into();
        if let Some(spelled) = &mut self.spelled {
            spelled.push(tag::ENTRY);
            spelling::spell_str(spelled, &key);
            spelled.extend_from_slice(&fingerprint.to_le_bytes());
        }
        self.context.insert_value(key, value);
    }

    /// Adds to the key what the page is made with beside its context (its template's name).
    pub(crate) fn key_in(&mut self, bytes: &[u8]) {
        if let Some(spelled) = &mut self.spelled {
            spelled.push(tag::BYTES);
            spelled.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            spelled.extend_from_slice(bytes);
        }
    }

    /// Puts in a value the key cannot take in: the page has no key.
    pub(crate) fn insert_unkeyed<S: Into<Cow<'static, str>>>(
        &mut self,
        key: S,
        value: tera::Value,
    ) {
        self.spelled = None;
        self.context.insert_value(key, value);
    }

    /// The context, for the template.
    pub(crate) fn context(&self) -> &tera::Context {
        &self.context
    }

    /// The page's key: `None` when something in its context could not be spelled.
    pub(crate) fn key(&self) -> Option<u128> {
        self.spelled.as_deref().map(xxh3_128)
    }
}

/// What every page of an edition's render shares in its key: this shirube, the theme's
/// templates and the edition's text style. `None` when this shirube's executable or the
/// style cannot be known: the pages then have no key.
pub(crate) fn seed(theme: u128, style: Option<u128>) -> Option<u128> {
    let (identity, style) = (crate::hashing::shirube_identity()?, style?);
    let mut hash = Xxh3::new();
    hash.update(b"shirube page 1\n");
    hash.update(&identity.to_le_bytes());
    hash.update(&theme.to_le_bytes());
    hash.update(&style.to_le_bytes());
    Some(hash.digest128())
}

/// The key of a document made from the guide alone (the print document, the open data), with
/// what it shares with the pages of its style (`seed`) and the guide's fingerprint
/// (`Guide::fingerprint`).
pub(crate) fn of_guide(seed: u128, guide: u128) -> u128 {
    let mut hash = Xxh3::new();
    hash.update(b"shirube document 1\n");
    hash.update(&seed.to_le_bytes());
    hash.update(&guide.to_le_bytes());
    hash.digest128()
}

/// A hash of a template value that does not depend on the order a map holds its entries in
/// (tera's maps are hash maps, seeded anew in every process). `None` for a kind of value it
/// does not know. Each node is hashed in one call over its bytes or its children's hashes.
/// For a value made once and shared by many pages (the frame's site context, `frame.rs`): a
/// page's own values are spelled from what serde tells of them (`PageContext::insert`):
/// hashing every node of them was 4% of a national build's instructions.
pub(crate) fn value_hash(value: &tera::Value) -> Option<u128> {
    use tera::value::ValueKind as Kind;
    let tagged = |tag: u8, bytes: &[u8]| xxh3_128_with_seed(bytes, u64::from(tag));
    Some(match value.kind() {
        Kind::None => tagged(tag::NONE, &[]),
        Kind::Undefined => tagged(tag::UNDEFINED, &[]),
        Kind::Bool => tagged(tag::BOOL, &[u8::from(value.as_bool()?)]),
        Kind::U64 => tagged(tag::U64, &value.as_u64()?.to_le_bytes()),
        Kind::I64 => tagged(tag::I64, &value.as_i64()?.to_le_bytes()),
        Kind::U128 => tagged(tag::U128, &value.as_u128()?.to_le_bytes()),
        Kind::I128 => tagged(tag::I128, &value.as_i128()?.to_le_bytes()),
        Kind::F64 => tagged(tag::F64, &value.as_f64()?.to_bits().to_le_bytes()),
        Kind::String => {
            // Escaped when printed, or printed as it is: the same text makes other bytes.
            let kind = match value.is_safe() {
                true => tag::SAFE_STRING,
                false => tag::STRING,
            };
            tagged(kind, value.as_str()?.as_bytes())
        }
        Kind::Bytes => tagged(tag::BYTES, value.as_bytes()?),
        Kind::Array => {
            let items = value.as_array()?;
            let mut hash = tagged(tag::ARRAY, &(items.len() as u64).to_le_bytes());
            for item in items {
                hash = pair(hash, value_hash(item)?);
            }
            hash
        }
        Kind::Map => {
            // Each entry hashed on its own and the hashes added: the same for any order.
            let map = value.as_map()?;
            let mut sum = tagged(tag::MAP, &(map.len() as u64).to_le_bytes());
            for (key, item) in map {
                let key = match key.as_str() {
                    Some(text) => tagged(tag::KEY, text.as_bytes()),
                    None => value_hash(&key.as_value())?,
                };
                sum = sum.wrapping_add(pair(key, value_hash(item)?));
            }
            sum
        }
        _ => return None,
    })
}

/// One hash of two, in order.
fn pair(first: u128, second: u128) -> u128 {
    let mut bytes = [0u8; 32];
    bytes[..16].copy_from_slice(&first.to_le_bytes());
    bytes[16..].copy_from_slice(&second.to_le_bytes());
    xxh3_128_with_seed(&bytes, u64::from(tag::ENTRY))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Card {
        name: &'static str,
        wage: Option<u32>,
        tags: Vec<&'static str>,
    }

    fn key_of(fill: impl Fn(&mut PageContext)) -> Option<u128> {
        let mut cx = PageContext::new(7);
        fill(&mut cx);
        cx.key()
    }

    /// The same values give the same key in any process (tera's maps iterate in a new order in
    /// each), and any change of a value, a key, the order of a list or the seed gives another.
    #[test]
    fn a_key_changes_with_every_value_and_only_then() {
        let card = |name, wage| Card {
            name,
            wage,
            tags: vec!["送迎あり", "昼食あり"],
        };
        let base = key_of(|cx| cx.insert("entry", &card("ひかり", Some(16500))));
        assert!(base.is_some());
        // Maps made again hold their entries in another order; the key stays.
        for _ in 0..20 {
            assert_eq!(
                base,
                key_of(|cx| cx.insert("entry", &card("ひかり", Some(16500))))
            );
        }
        let others = [
            key_of(|cx| cx.insert("entry", &card("ひかる", Some(16500)))),
            key_of(|cx| cx.insert("entry", &card("ひかり", Some(16501)))),
            key_of(|cx| cx.insert("entry", &card("ひかり", None))),
            key_of(|cx| cx.insert("card", &card("ひかり", Some(16500)))),
            key_of(|cx| {
                cx.insert(
                    "entry",
                    &Card {
                        name: "ひかり",
                        wage: Some(16500),
                        tags: vec!["昼食あり", "送迎あり"],
                    },
                )
            }),
            key_of(|cx| {
                cx.insert("entry", &card("ひかり", Some(16500)));
                cx.insert("page_url", "entries/hikari/");
            }),
        ];
        for other in others {
            assert!(other.is_some());
            assert_ne!(base, other);
        }
        let mut seeded = PageContext::new(8);
        seeded.insert("entry", &card("ひかり", Some(16500)));
        assert_ne!(base, seeded.key());
    }

    /// Text printed as it is (`| safe`) and text escaped are other pages.
    #[test]
    fn safe_and_escaped_text_differ() {
        let plain = tera::Value::from("<b>");
        let safe = tera::Value::from("<b>").mark_safe();
        assert_ne!(value_hash(&plain), value_hash(&safe));
        assert_eq!(value_hash(&plain), value_hash(&tera::Value::from("<b>")));
    }

    /// A value shared by many pages goes in by its hash, taken once; the template sees it.
    #[test]
    fn a_shared_value_is_keyed_by_its_fingerprint() {
        let site = tera::Value::from_serializable(&["ホーム", "さがす"]);
        let fingerprint = value_hash(&site).unwrap();
        let mut cx = PageContext::new(7);
        cx.insert_hashed("site", site.clone(), fingerprint);
        assert!(cx.context().get("site").is_some());
        let mut other = PageContext::new(7);
        other.insert_hashed("site", site, fingerprint.wrapping_add(1));
        assert_ne!(cx.key(), other.key());
    }
}
