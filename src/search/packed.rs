//! A term's postings while the index is built, packed into bytes: a national corpus has millions
//! of (document, counts) pairs, and as 12-byte pairs they were the largest thing a build held
//! at its peak (32 MB at 10,000 documents). Packed, a pair takes about three bytes.
//!
//! Each posting is the gap to the document before (the first: its number) as a LEB128 varint,
//! a byte whose bits say which fields count the term, and those fields' counts, one byte each.
//! Most terms occur in one field of a document (its text), and the gaps of common terms are
//! small.

use super::fields::{FIELD_COUNT, TermCounts};

// A field's bit in the mask byte.
const _: () = assert!(FIELD_COUNT <= 8);

/// Documents ascending, each with its occurrences per field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PackedPostings {
    bytes: Vec<u8>,
    /// The last document's number (the base of the gap of a list appended after this one).
    last: u32,
}

impl PackedPostings {
    /// Packs `postings`, whose documents must be ascending.
    pub fn new(postings: impl IntoIterator<Item = (u32, TermCounts)>) -> PackedPostings {
        let mut packed = PackedPostings::default();
        let mut previous = None;
        for (doc, counts) in postings {
            debug_assert!(previous.is_none_or(|p| p < doc), "documents ascending");
            push_varint(&mut packed.bytes, doc.wrapping_sub(previous.unwrap_or(0)));
            let mask = counts
                .iter()
                .enumerate()
                .filter(|(_, count)| **count > 0)
                .fold(0u8, |mask, (slot, _)| mask | 1 << slot);
            packed.bytes.push(mask);
            packed
                .bytes
                .extend(counts.iter().filter(|count| **count > 0));
            previous = Some(doc);
            packed.last = doc;
        }
        packed.bytes.shrink_to_fit();
        packed
    }

    /// Appends `after`, whose documents all come after this list's. Its bytes are copied as they
    /// are but for its first gap, which is counted from this list's last document.
    pub fn append(&mut self, after: PackedPostings) {
        if self.bytes.is_empty() {
            *self = after;
            return;
        }
        let Some((first, read)) = read_varint(&after.bytes) else {
            return;
        };
        let rest = &after.bytes[read..];
        // At its final size: these lists are joined two by two up to the whole corpus.
        self.bytes.reserve_exact(5 + rest.len());
        push_varint(&mut self.bytes, first.wrapping_sub(self.last));
        self.bytes.extend_from_slice(rest);
        self.last = after.last;
    }

    /// The list with every document number `by` more: the list of a slice indexed on its own
    /// (its documents from 0), put at its place in the corpus. Only the first gap is a number;
    /// the others are differences and stay.
    pub fn shifted(mut self, by: u32) -> PackedPostings {
        if by == 0 {
            return self;
        }
        let Some((first, read)) = read_varint(&self.bytes) else {
            return self;
        };
        let mut start = Vec::with_capacity(5);
        push_varint(&mut start, first.wrapping_add(by));
        self.bytes.splice(..read, start);
        self.last = self.last.wrapping_add(by);
        self
    }

    /// The packed bytes and the last document's number, for the slice cache (cache.rs).
    pub fn parts(&self) -> (&[u8], u32) {
        (&self.bytes, self.last)
    }

    /// A list from what [`PackedPostings::parts`] gave, if its bytes read as postings whose
    /// documents are ascending, below `docs`, and end at `last`: a cache file is read back
    /// only as a list that could have been packed.
    pub fn from_parts(bytes: Vec<u8>, last: u32, docs: u32) -> Option<PackedPostings> {
        // One pass over the bytes, each posting read whole to the next (a pass to read the
        // documents and one to check the lengths were 1% of a build that reads every slice
        // of a national index back from the cache).
        let mut at = 0;
        let mut doc = 0u32;
        let mut previous: Option<u32> = None;
        while at < bytes.len() {
            let (gap, read) = read_varint(&bytes[at..])?;
            doc = doc.wrapping_add(gap);
            if doc >= docs || previous.is_some_and(|p| p >= doc) {
                return None;
            }
            let mask = *bytes.get(at + read)?;
            if u32::from(mask) >> FIELD_COUNT != 0 {
                return None;
            }
            at += read + 1 + mask.count_ones() as usize;
            previous = Some(doc);
        }
        (at == bytes.len() && previous.unwrap_or(0) == last)
            .then_some(PackedPostings { bytes, last })
    }

    pub fn iter(&self) -> impl Iterator<Item = (u32, TermCounts)> + '_ {
        let mut at = 0;
        let mut doc = 0u32;
        std::iter::from_fn(move || {
            let (gap, read) = read_varint(self.bytes.get(at..)?)?;
            at += read;
            doc = doc.wrapping_add(gap);
            let mask = *self.bytes.get(at)?;
            at += 1;
            let mut counts = [0; FIELD_COUNT];
            for (slot, count) in counts.iter_mut().enumerate() {
                if mask & 1 << slot != 0 {
                    *count = *self.bytes.get(at)?;
                    at += 1;
                }
            }
            Some((doc, counts))
        })
    }
}

pub(super) fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The number at the start of `bytes` and how many bytes it took.
pub(super) fn read_varint(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut n = 0u32;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        n |= u32::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((n, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postings(docs: &[u32]) -> Vec<(u32, TermCounts)> {
        docs.iter()
            .map(|&doc| {
                let mut counts = [0; FIELD_COUNT];
                counts[doc as usize % FIELD_COUNT] = (doc % 251) as u8 + 1;
                counts[(doc as usize / 3) % FIELD_COUNT] = u8::MAX;
                (doc, counts)
            })
            .collect()
    }

    #[test]
    fn unpacks_as_packed() {
        let docs: Vec<u32> = [0, 1, 2, 127, 128, 300, 16_383, 16_384, 2_000_000, u32::MAX].into();
        let list = postings(&docs);
        let packed = PackedPostings::new(list.clone());
        assert_eq!(packed.iter().collect::<Vec<_>>(), list);
        // One document in one or two fields: its gap, the mask and the counts, not 12 bytes.
        assert!(
            packed.bytes.len() < list.len() * 9,
            "{}",
            packed.bytes.len()
        );
        assert_eq!(PackedPostings::new([]).iter().count(), 0);
    }

    /// A slice's list put at its place: every document moves, however long the first gap's
    /// varint becomes.
    #[test]
    fn a_shifted_list_moves_every_document() {
        let list = postings(&[0, 3, 200]);
        for by in [0, 1, 127, 250, 100_000] {
            let shifted = PackedPostings::new(list.clone()).shifted(by);
            let moved: Vec<_> = list.iter().map(|&(d, c)| (d + by, c)).collect();
            assert_eq!(shifted, PackedPostings::new(moved), "by {by}");
        }
        assert_eq!(PackedPostings::default().shifted(5).iter().count(), 0);
    }

    #[test]
    fn appended_lists_unpack_as_one() {
        let (left, right) = (postings(&[3, 5, 700]), postings(&[701, 900, 100_000]));
        let mut joined = PackedPostings::new(left.clone());
        joined.append(PackedPostings::new(right.clone()));
        let whole: Vec<_> = left.into_iter().chain(right).collect();
        assert_eq!(joined, PackedPostings::new(whole.clone()));
        assert_eq!(joined.iter().collect::<Vec<_>>(), whole);

        let mut empty = PackedPostings::default();
        empty.append(PackedPostings::new(postings(&[4])));
        assert_eq!(empty.iter().map(|(doc, _)| doc).collect::<Vec<_>>(), [4]);
    }

    /// A cache file's list is taken back only as it was packed: whole, ascending, below the
    /// slice's count of documents, ending at the document it names as its last.
    #[test]
    fn only_a_packed_list_is_taken_back() {
        let packed = PackedPostings::new(postings(&[2, 9, 300]));
        let (bytes, last) = packed.parts();
        let back =
            |bytes: &[u8], last, docs| PackedPostings::from_parts(bytes.to_vec(), last, docs);
        assert_eq!(back(bytes, last, 301), Some(packed.clone()));
        assert_eq!(back(&[], 0, 10), Some(PackedPostings::default()));
        // One document too many for the slice, another last, a byte short or one over.
        assert_eq!(back(bytes, last, 300), None);
        assert_eq!(back(bytes, 9, 301), None);
        assert_eq!(back(&bytes[..bytes.len() - 1], last, 301), None);
        assert_eq!(back(&[bytes, &[0]].concat(), last, 301), None);
        // Documents not ascending: a gap of zero after the first.
        let mut repeated = bytes.to_vec();
        repeated.extend_from_slice(&[0, 0]);
        assert_eq!(back(&repeated, last, 301), None);
        // A mask with a field this index does not have.
        if FIELD_COUNT < 8 {
            assert_eq!(back(&[1, 1 << FIELD_COUNT, 1], 1, 10), None);
        }
    }
}
