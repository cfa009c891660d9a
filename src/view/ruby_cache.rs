//! The ruby of the theme's own text, read once per edition and reused on every page
//! (`furigana_pass`). The threads that render the pages share one table, and each keeps the
//! texts it met last in front of it: a look-up in the shared table takes its lock, two atomic
//! operations on a line of memory both cores write, for each of the million runs of text with a
//! kanji in a national furigana edition (0.9% of a build's samples went to the lock). The same
//! labels come back page after page (a listing's hundred cards carry the same ones): at
//! N = 10,000, 1,042,191 of 1,125,930 look-ups end in the thread's own slots, 64,717 in the
//! shared table, and 19,022 texts are read.

use super::kept_readings::{KeptReadings, Way};
use crate::hashing::FastMap;
use crate::text::Html;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

/// The theme's text repeats on every page (the menu, the footer, labels): each run is read once
/// per edition and its ruby reused.
#[derive(Debug)]
pub struct RubyCache {
    /// Tells this table's texts in the threads' front slots from another table's.
    id: u64,
    shared: RwLock<FastMap<Arc<str>, Arc<str>>>,
    /// The readings the last build kept in the site's cache, where a text not in the table is
    /// looked up before it is read (`kept_readings.rs`).
    kept: Option<Arc<KeptReadings>>,
}

impl Default for RubyCache {
    fn default() -> Self {
        RubyCache::keeping(None)
    }
}

/// A text a thread looked up last in its slot, with its ruby (shared with the table).
struct Slot {
    cache: u64,
    text: Arc<str>,
    ruby: Arc<str>,
}

/// How many texts each thread keeps in front of the shared table: more than the theme's labels
/// and headings of any one kind of page.
const FRONT_SLOTS: usize = 1024;

thread_local! {
    static FRONT: RefCell<Vec<Option<Slot>>> =
        RefCell::new((0..FRONT_SLOTS).map(|_| None).collect());
}

/// Places a text in the front slots; fixed keys, as the slots only spread texts out.
static SLOT_HASH: ahash::RandomState =
    ahash::RandomState::with_seeds(0x5348, 0x4952, 0x5542, 0x4531);

impl RubyCache {
    /// A table that looks up the texts it has not met in `kept` before reading them.
    pub(crate) fn keeping(kept: Option<Arc<KeptReadings>>) -> RubyCache {
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        RubyCache {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            shared: RwLock::default(),
            kept,
        }
    }

    /// Appends the ruby of `text` to `out`: from this thread's slot for it, from the shared
    /// table, or read now and kept in both.
    pub fn push_ruby(&self, text: &str, out: &mut Vec<u8>, read: impl FnOnce() -> Html) {
        let slot = (SLOT_HASH.hash_one(text) as usize) % FRONT_SLOTS;
        let in_front = FRONT.with_borrow(|front| match &front[slot] {
            Some(kept) if kept.cache == self.id && *kept.text == *text => {
                out.extend_from_slice(kept.ruby.as_bytes());
                true
            }
            _ => false,
        });
        if in_front {
            return;
        }
        let shared = self
            .shared
            .read()
            .ok()
            .and_then(|m| m.get_key_value(text).map(|(t, r)| (t.clone(), r.clone())));
        let (text, ruby) = match shared {
            Some(kept) => kept,
            None => {
                let ruby = match &self.kept {
                    Some(kept) => {
                        kept.get_or_read(KeptReadings::text_key(Way::Theme, "", text), read)
                    }
                    None => read(),
                };
                let kept: (Arc<str>, Arc<str>) = (text.into(), ruby.into_string().into());
                if let Ok(mut m) = self.shared.write() {
                    m.insert(kept.0.clone(), kept.1.clone());
                }
                kept
            }
        };
        out.extend_from_slice(ruby.as_bytes());
        FRONT.with_borrow_mut(|front| {
            front[slot] = Some(Slot {
                cache: self.id,
                text,
                ruby,
            })
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text is read once per table whichever way it is found again (this thread's slot, the
    /// shared table from another thread), and two tables do not give each other's ruby.
    #[test]
    fn each_text_is_read_once_per_table() {
        let reads = std::sync::atomic::AtomicUsize::new(0);
        let read = |ruby: &'static str| {
            reads.fetch_add(1, Ordering::Relaxed);
            Html::markup(ruby)
        };
        let (one, two) = (RubyCache::default(), RubyCache::default());
        let mut out = Vec::new();
        one.push_ruby("定員", &mut out, || read("<ruby>A</ruby>"));
        one.push_ruby("定員", &mut out, || read("never"));
        std::thread::scope(|s| {
            s.spawn(|| {
                let mut there = Vec::new();
                one.push_ruby("定員", &mut there, || read("never"));
                assert_eq!(there, b"<ruby>A</ruby>");
            });
        });
        two.push_ruby("定員", &mut out, || read("<ruby>B</ruby>"));
        one.push_ruby("定員", &mut out, || read("never"));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<ruby>A</ruby><ruby>A</ruby><ruby>B</ruby><ruby>A</ruby>"
        );
        assert_eq!(reads.load(Ordering::Relaxed), 2);
    }

    /// Texts that share a slot push each other out of it and are found in the shared table.
    #[test]
    fn texts_sharing_a_slot_are_still_found() {
        let cache = RubyCache::default();
        let texts: Vec<String> = (0..3 * FRONT_SLOTS).map(|i| format!("第{i}")).collect();
        let mut out = Vec::new();
        for round in 0..2 {
            for text in &texts {
                out.clear();
                cache.push_ruby(text, &mut out, || {
                    assert_eq!(round, 0, "{text} read again");
                    Html::escape(&format!("[{text}]"))
                });
                assert_eq!(out, format!("[{text}]").as_bytes());
            }
        }
    }
}
