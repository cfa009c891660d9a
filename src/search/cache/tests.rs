use super::*;
use crate::search::fields::TermCounts;

fn texts(words: &[&str]) -> Vec<[String; FIELD_COUNT]> {
    words
        .iter()
        .map(|w| {
            let mut texts: [String; FIELD_COUNT] = Default::default();
            texts[0] = (*w).to_owned();
            texts[FIELD_COUNT - 1] = format!("{w} の 本文");
            texts
        })
        .collect()
}

fn table() -> Inverted {
    let counts = |n: u8| -> TermCounts {
        let mut c = [0; FIELD_COUNT];
        c[0] = n;
        c
    };
    Inverted {
        terms: vec![
            (
                "ぱん".into(),
                PackedPostings::new([(0, counts(1)), (2, counts(3))]),
            ),
            ("工房".into(), PackedPostings::new([(1, counts(2))])),
        ],
        lengths: vec![[1; FIELD_COUNT], [2; FIELD_COUNT], [3; FIELD_COUNT]],
    }
}

/// A cache in `site`'s cache folder, as `SliceCache::for_site` makes it, with a fixed identity.
fn cache_in(site: &Path) -> SliceCache {
    SliceCache {
        dir: Some(slices(site)),
        identity: 7,
        ..SliceCache::default()
    }
}

fn slices(site: &Path) -> PathBuf {
    site.join(crate::assets::cache::CACHE_DIR).join("search")
}

fn unpacked(inverted: &Inverted) -> Vec<(String, Vec<(u32, TermCounts)>)> {
    inverted
        .terms
        .iter()
        .map(|(t, p)| (t.clone(), p.iter().collect()))
        .collect()
}

#[test]
fn a_kept_slice_reads_back_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let key = cache.key(&texts(&["ぱん", "工房", "ぱん"])).unwrap();
    assert!(cache.get(key, 3).is_none(), "nothing kept yet");
    cache.put(key, &table());
    let kept = cache.get(key, 3).expect("kept");
    assert_eq!(unpacked(&kept), unpacked(&table()));
    assert_eq!(kept.lengths, table().lengths);
    // For a slice of another size it is no table.
    assert!(cache.get(key, 4).is_none());
}

#[test]
fn the_key_follows_every_text_and_the_shirube() {
    let cache = cache_in(Path::new("/nowhere"));
    let key = |words: &[&str]| cache.key(&texts(words)).unwrap();
    assert_eq!(key(&["ぱん", "工房"]), key(&["ぱん", "工房"]));
    assert_ne!(key(&["ぱん", "工房"]), key(&["ぱん", "工場"]));
    assert_ne!(key(&["ぱん", "工房"]), key(&["工房", "ぱん"]));
    // Texts that only join the same are other texts.
    assert_ne!(key(&["ぱん工", "房"]), key(&["ぱん", "工房"]));
    let other = SliceCache {
        identity: 8,
        ..cache_in(Path::new("/nowhere"))
    };
    assert_ne!(other.key(&texts(&["ぱん"])), cache.key(&texts(&["ぱん"])));
    assert!(SliceCache::none().key(&texts(&["ぱん"])).is_none());
}

/// A file cut short, changed in any byte, or put under another key is no cache.
#[test]
fn a_damaged_or_misplaced_file_is_no_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let key = cache.key(&texts(&["ぱん"])).unwrap();
    let good = encode(key, &table());
    assert!(decode(&good, key, 3).is_some());
    for cut in [0, 1, good.len() / 2, good.len() - 1] {
        assert!(decode(&good[..cut], key, 3).is_none(), "cut at {cut}");
    }
    for at in (0..good.len()).step_by(3) {
        let mut changed = good.clone();
        changed[at] ^= 0x20;
        assert!(decode(&changed, key, 3).is_none(), "changed at {at}");
    }
    let other = cache.key(&texts(&["工房"])).unwrap();
    fs::create_dir_all(slices(dir.path())).unwrap();
    fs::write(slices(dir.path()).join(other.file_name()), &good).unwrap();
    assert!(cache.get(other, 3).is_none());
}

/// Postings that do not read as a slice's (past its documents, not ascending, bytes left over)
/// are refused even when the file's own hash holds: the hash guards against damage, this against
/// a file written by hand.
#[test]
fn postings_outside_the_slice_are_refused() {
    let key = Key(1);
    let mut bad = table();
    bad.terms[0].1 = PackedPostings::new([(0, [1; FIELD_COUNT]), (5, [1; FIELD_COUNT])]);
    assert!(decode(&encode(key, &bad), key, 3).is_none());
    let mut unsorted = table();
    unsorted.terms.swap(0, 1);
    assert!(decode(&encode(key, &unsorted), key, 3).is_none());
    let good = table();
    let (bytes, last) = good.terms[0].1.parts();
    let mut longer = bytes.to_vec();
    longer.push(0);
    assert!(PackedPostings::from_parts(longer, last, 3).is_none());
    assert!(PackedPostings::from_parts(bytes.to_vec(), last + 1, 3).is_none());
    assert!(PackedPostings::from_parts(bytes.to_vec(), last, 3).is_some());
}

#[test]
fn slices_the_build_did_not_use_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let earlier = cache_in(dir.path());
    let (old, kept) = (
        earlier.key(&texts(&["ぱん"])).unwrap(),
        earlier.key(&texts(&["工房"])).unwrap(),
    );
    earlier.put(old, &table());
    earlier.put(kept, &table());
    let folder = slices(dir.path());
    fs::write(folder.join("README"), "not a slice").unwrap();
    let now = cache_in(dir.path());
    assert!(now.get(kept, 3).is_some());
    now.forget_unused();
    assert!(!folder.join(old.file_name()).exists());
    assert!(folder.join(kept.file_name()).exists());
    assert!(folder.join("README").exists(), "only slices are removed");
    // The cache folder keeps itself out of git, as the photos' does.
    assert!(dir.path().join(".shirube-cache/.gitignore").is_file());
}
