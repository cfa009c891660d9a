//! Hash maps for the lookups a build makes millions of times (readings by text, ruby of the
//! theme's text, place word lists, staging folders, areas by id): keyed with ahash, which tera
//! already uses for its own maps, instead of std's SipHash (about 1.5% of a national build's
//! CPU). None of these maps is iterated into output, so their order never shows.

pub type FastMap<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
pub type FastSet<T> = std::collections::HashSet<T, ahash::RandomState>;

/// This shirube (for the keys of what a build keeps between builds: the search index's
/// slices, the pages): its version, and its executable's size and modification time, read once a
/// process. A rebuilt shirube (whose analyser may read texts otherwise) has other keys; a
/// process that outlives the replacement of its executable keeps the identity it began with.
pub fn shirube_identity() -> Option<u128> {
    static IDENTITY: std::sync::OnceLock<Option<u128>> = std::sync::OnceLock::new();
    *IDENTITY.get_or_init(|| {
        let meta = std::env::current_exe().and_then(std::fs::metadata).ok()?;
        let time = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let mut hash = xxhash_rust::xxh3::Xxh3::new();
        hash.update(env!("CARGO_PKG_VERSION").as_bytes());
        hash.update(&meta.len().to_le_bytes());
        hash.update(&time.as_nanos().to_le_bytes());
        Some(hash.digest128())
    })
}

/// A writer that hands every byte written to it to a hasher's update: serde writes a value
/// straight into its hash (a national site is tens of MB as JSON), never held whole.
pub struct Feed<F: FnMut(&[u8])>(pub F);

impl<F: FnMut(&[u8])> std::io::Write for Feed<F> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        (self.0)(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Makes every ahash `RandomState` made from now on (ours and tera's: a map for every context and
/// every struct a page shows) take its per-map seed from a counter of its thread, not from
/// ahash's default: one counter for the process, added to atomically by every map of every core
/// (0.8% of a national build's time, most of it the two cores taking the counter's cache line
/// from each other). The process's random keys stay as they are; only the counter moves. Takes
/// effect only when called before any `RandomState` is made (else it changes nothing).
pub fn seed_maps_per_thread() {
    let _ = ahash::random_state::set_random_source(PerThread);
}

struct PerThread;

impl ahash::random_state::RandomSource for PerThread {
    fn gen_hasher_seed(&self) -> usize {
        thread_local! {
            static COUNTER: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
        }
        COUNTER.with(|counter| {
            // As ahash's own source: a counter that advances by an address at every state,
            // here the counter's own, so that threads count from different places.
            let step = counter as *const _ as usize;
            let seed = counter.get().wrapping_add(step);
            counter.set(seed);
            seed
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ahash::random_state::RandomSource;

    /// Each map's seed differs from the last one's on its thread and from another thread's.
    #[test]
    fn seeds_differ_within_and_across_threads() {
        let here: Vec<usize> = (0..3).map(|_| PerThread.gen_hasher_seed()).collect();
        assert!(here[0] != here[1] && here[1] != here[2] && here[0] != here[2]);
        let there = std::thread::spawn(|| PerThread.gen_hasher_seed())
            .join()
            .expect("thread");
        assert!(!here.contains(&there));
    }
}
