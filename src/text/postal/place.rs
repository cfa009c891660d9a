//! A place as Japan Post names it (`locate` finds it in an address), and the names readers
//! read at it.

/// Where an address is, as Japan Post names it: the words of the address that are its
/// prefecture, municipality and town, each with Japan Post's reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// (surface, reading), in the order they come in the address: the prefecture, the
    /// municipality's parts, the town's pieces (two when 大字 stands inside it).
    words: Vec<(String, String)>,
    /// The town as Japan Post writes it, if the street begins with one.
    pub town: Option<(String, String)>,
    /// A hash of `words`, made with them: readers find the place's word lists by it
    /// (`place_words.rs`) on every page, card and row that reads at the place.
    words_key: u128,
}

impl Place {
    /// The place of `words` (as [`Place::words`] gives them) and `town`. Each part goes into
    /// the key with its length, so that no other cut of the same characters has its key.
    pub fn new(words: Vec<(String, String)>, town: Option<(String, String)>) -> Place {
        let mut hash = xxhash_rust::xxh3::Xxh3::new();
        for (surface, reading) in &words {
            for part in [surface, reading] {
                hash.update(&(part.len() as u64).to_le_bytes());
                hash.update(part.as_bytes());
            }
        }
        Place {
            words_key: hash.digest128(),
            words,
            town,
        }
    }

    /// (surface, reading) of the prefecture, the municipality's parts and the town's pieces,
    /// in the order they come in the address.
    pub fn words(&self) -> &[(String, String)] {
        &self.words
    }

    /// The hash of [`Place::words`].
    pub fn words_key(&self) -> u128 {
        self.words_key
    }

    /// The reading of prefecture, municipality and town, for search.
    pub fn reading(&self) -> String {
        self.words.iter().map(|(_, r)| r.as_str()).collect()
    }

    /// The place's names as words that may appear inside other names: every word of the
    /// address, and each without its last 都/府/県/郡/市/区/町/村 (千波町 → 千波 せんば, 水戸市 →
    /// 水戸 みと) when two characters or more are left.
    pub fn name_words(&self) -> Vec<(String, String)> {
        let mut out = self.words.clone();
        for (surface, reading) in &self.words {
            if let Some(stem) = stem(surface, reading) {
                out.push(stem);
            }
        }
        out
    }
}

fn stem(surface: &str, reading: &str) -> Option<(String, String)> {
    let (stem, stem_kana) = super::suffix::without_suffix(surface, reading)?;
    (stem.chars().count() >= 2 && !stem_kana.is_empty())
        .then(|| (stem.to_string(), stem_kana.to_string()))
}
