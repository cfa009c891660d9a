//! The staging folder: swaps, spares, links and what a rebuild writes.

use super::*;

#[test]
fn replaces_output_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    fs::create_dir_all(out.join("stale")).unwrap();
    fs::write(out.join("stale/old.html"), "old").unwrap();
    let mut files = Files::default();
    files.add("index.html", "new");
    write_atomically(&files, &out).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
    assert!(!out.join("stale").exists());
    let mut beside: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        [".output.files", ".output.spare", "output"],
        "no temporary folders left behind: only the previous output, kept as the spare, and \
         the record of the files written"
    );
}

#[test]
fn carried_files_survive_the_swap() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("guidebook.pdf"), "%PDF old").unwrap();
    let mut files = Files::default();
    files.add("index.html", "new");
    files.carry("guidebook.pdf", out.join("guidebook.pdf"));
    write_atomically(&files, &out).unwrap();
    assert_eq!(
        fs::read_to_string(out.join("guidebook.pdf")).unwrap(),
        "%PDF old"
    );
    assert_eq!(
        files.paths().collect::<Vec<_>>(),
        ["guidebook.pdf", "index.html"]
    );
}

#[test]
fn leftovers_of_killed_builds_are_cleaned_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    // A killed build's staging folder, and an old output moved aside by a two-step swap
    // killed half-way (no `output` at all): pid 0 is never a running build.
    fs::create_dir_all(dir.path().join(".output.tmp-0/x")).unwrap();
    fs::create_dir_all(dir.path().join(".output.old-0")).unwrap();
    fs::write(dir.path().join(".output.old-0/index.html"), "last good").unwrap();
    let spare = dir.path().join(".output.spare");
    recover(dir.path(), "output", &out, &spare);
    assert_eq!(
        fs::read_to_string(out.join("index.html")).unwrap(),
        "last good"
    );
    assert!(!dir.path().join(".output.tmp-0").exists());
    assert!(
        spare.join("x").is_dir(),
        "the killed build's folder is the spare"
    );
}

/// Every file under `dir`, by relative path, with its text.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                crate::paths::slash(rel),
                fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The second build into a folder has no spare: the output is linked in, the files it makes
/// again are left linked, the others are replaced by new files, and the live output never
/// changes until the swap.
#[test]
fn a_build_without_a_spare_links_the_output_in_and_never_writes_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let first = [
        ("same.html", "same"),
        ("changed.html", "old"),
        ("gone/x.html", "gone"),
    ];
    let mut files = Files::staged(&out).unwrap();
    for (path, text) in first {
        files.add(path, text);
    }
    files.commit(&out).unwrap();

    let mut staging = Staging::begin(&out).unwrap();
    // The linking runs beside the build; here it is let finish first, so that what is
    // checked below does not depend on which comes first (either way the result is right).
    let listed = staging.listing.take().map(|l| l.join().unwrap());
    staging.listing = Some(std::thread::spawn(move || listed.unwrap()));
    for (path, text) in [
        ("same.html", "same"),
        ("changed.html", "new"),
        ("new/p.html", "p"),
    ] {
        staging.write(path, text.as_bytes()).unwrap();
    }
    assert_eq!(fs::read_to_string(out.join("changed.html")).unwrap(), "old");
    let keep: BTreeSet<&str> = ["same.html", "changed.html", "new/p.html"].into();
    staging.complete(&BTreeMap::new(), &keep).unwrap();

    let expected = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    };
    assert_eq!(
        tree(&out),
        expected(&[
            ("changed.html", "new"),
            ("new/p.html", "p"),
            ("same.html", "same")
        ])
    );
    // The previous output, now the spare, is exactly as it was.
    let spare = dir.path().join(".output.spare");
    assert_eq!(tree(&spare), expected(&first));
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let inode = |p: &Path| fs::metadata(p).unwrap().ino();
        assert_eq!(
            inode(&out.join("same.html")),
            inode(&spare.join("same.html"))
        );
        assert_ne!(
            inode(&out.join("changed.html")),
            inode(&spare.join("changed.html"))
        );
    }
}

#[test]
fn a_spare_of_any_shape_gives_exactly_the_new_build() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    // The live output has a PDF; the spare shares it by a hard link (as the last build's
    // carried PDF does), holds a file where a folder is needed, a folder where a file is
    // needed, stale files and an empty folder.
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("guidebook.pdf"), "%PDF live").unwrap();
    let spare = dir.path().join(".output.spare");
    fs::create_dir_all(spare.join("entries/index.html")).unwrap();
    fs::create_dir_all(spare.join("old/empty")).unwrap();
    fs::write(spare.join("old/page.html"), "stale").unwrap();
    fs::write(spare.join("areas"), "a file in the way").unwrap();
    fs::hard_link(out.join("guidebook.pdf"), spare.join("guidebook.pdf")).unwrap();
    let mut files = Files::staged(&out).unwrap();
    files.add("entries/index.html", "entries");
    files.add("areas/kita/index.html", "kita");
    let made = files.add_made(&["%PDF new"], |bytes, _| {
        let page = super::super::Made::Page {
            bytes: bytes.as_bytes().to_vec(),
            key: None,
        };
        Ok::<_, ()>(("guidebook.pdf".to_string(), page))
    });
    assert_eq!(made, Ok(()));
    // Writing the new PDF did not write through the link into the live output.
    assert_eq!(
        fs::read_to_string(out.join("guidebook.pdf")).unwrap(),
        "%PDF live"
    );
    files.commit(&out).unwrap();
    let expected: BTreeMap<String, String> = [
        ("areas/kita/index.html", "kita"),
        ("entries/index.html", "entries"),
        ("guidebook.pdf", "%PDF new"),
    ]
    .into_iter()
    .map(|(p, t)| (p.to_string(), t.to_string()))
    .collect();
    assert_eq!(tree(&out), expected);
    assert!(!out.join("old").exists(), "folders left empty go too");
    // The previous output is the spare now.
    assert_eq!(
        fs::read_to_string(spare.join("guidebook.pdf")).unwrap(),
        "%PDF live"
    );
}

#[test]
fn a_file_of_the_spare_that_already_holds_the_bytes_is_not_written_again() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let spare = dir.path().join(".output.spare");
    fs::create_dir_all(&spare).unwrap();
    let long_ago = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 30);
    for (name, text) in [("same.html", "same"), ("changed.html", "old!")] {
        fs::write(spare.join(name), text).unwrap();
        let file = fs::File::options()
            .write(true)
            .open(spare.join(name))
            .unwrap();
        file.set_modified(long_ago).unwrap();
    }
    let mut files = Files::staged(&out).unwrap();
    files.add("same.html", "same");
    files.add("changed.html", "new!"); // same length, other bytes
    files.commit(&out).unwrap();
    let modified = |name: &str| fs::metadata(out.join(name)).unwrap().modified().unwrap();
    assert_eq!(modified("same.html"), long_ago, "left as it was");
    assert_ne!(modified("changed.html"), long_ago);
    assert_eq!(
        fs::read_to_string(out.join("changed.html")).unwrap(),
        "new!"
    );
}

/// The records of the last builds never pass off a file changed since for the bytes it had:
/// one edited by hand in the spare, to other bytes of the same length, is written again.
#[test]
fn a_file_of_the_spare_changed_since_its_record_is_written_again() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let build = |text: &str| {
        let mut files = Files::staged(&out).unwrap();
        files.add("a.html", text);
        files.add("b.html", "same");
        files.commit(&out).unwrap();
        as_if_the_build_ran_on(dir.path());
    };
    // The second build links the first's files (moving their inodes' change time), the
    // third writes over the first's folder: the spare is then the second's, recorded.
    for text in ["one!", "two!", "two!"] {
        build(text);
    }
    let spare = dir.path().join(".output.spare");
    assert_eq!(fs::read_to_string(spare.join("a.html")).unwrap(), "two!");
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(spare.join("a.html"), "bad!").unwrap();
    build("two!");
    assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "two!");
    assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "same");
}

#[test]
fn a_failed_build_leaves_the_output_and_keeps_its_folder_as_the_spare() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("index.html"), "last good").unwrap();
    let mut files = Files::staged(&out).unwrap();
    files.add("index.html", "half a build");
    drop(files);
    assert_eq!(
        fs::read_to_string(out.join("index.html")).unwrap(),
        "last good"
    );
    let beside = fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(beside, 2, "the output and the spare");
    assert!(dir.path().join(".output.spare/index.html").is_file());
}

/// The first build into a folder writes into an empty one without asking what each path
/// holds: a path written twice (or in pieces over a whole file) still ends with the last
/// bytes, shorter or longer, and folders are made once each.
#[test]
fn the_first_build_into_a_folder_writes_without_looking() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let staging = Staging::begin(&out).unwrap();
    assert!(staging.empty);
    staging
        .write("a/b/page.html", b"a longer first page")
        .unwrap();
    staging.write("a/b/page.html", b"second").unwrap();
    staging.write("a/other.html", b"other").unwrap();
    staging
        .write_with("a/b/page.html", None, |w: &mut (dyn io::Write + Send)| {
            w.write_all(b"third, in pieces")
        })
        .unwrap();
    let keep: BTreeSet<&str> = ["a/b/page.html", "a/other.html"].into();
    staging.complete(&BTreeMap::new(), &keep).unwrap();
    let expected: BTreeMap<String, String> = [
        ("a/b/page.html".to_string(), "third, in pieces".to_string()),
        ("a/other.html".to_string(), "other".to_string()),
    ]
    .into();
    assert_eq!(tree(&out), expected);
    // The second build has the output and no spare: it links, it does not start empty.
    assert!(!Staging::begin(&out).unwrap().empty);
}

/// A page made with the key the last build made it with is not made again: over the spare it
/// is the spare's file, and on the second build into a folder (the output linked in beside
/// the build) the live output's file, linked at once. Another key, or no record of the last
/// build's keys, and the page is made.
#[cfg(unix)]
#[test]
fn a_page_made_with_the_last_build_s_key_is_kept_as_it_is() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let page = "entries/hikari/index.html";
    // Builds the page with `key`; whether it was made (not kept).
    let build = |key: u128| {
        let mut files = Files::staged(&out).unwrap();
        let made = std::sync::atomic::AtomicBool::new(false);
        files
            .add_made(&[page], |path, kept| {
                if kept.holds(path, key) {
                    return Ok::<_, ()>((path.to_string(), super::super::Made::Kept));
                }
                made.store(true, std::sync::atomic::Ordering::Relaxed);
                let bytes = b"<p>hikari</p>".to_vec();
                let page = super::super::Made::Page {
                    bytes,
                    key: Some(key),
                };
                Ok((path.to_string(), page))
            })
            .unwrap();
        files.commit(&out).unwrap();
        as_if_the_build_ran_on(dir.path());
        made.into_inner()
    };
    assert!(build(1), "a new folder has nothing to keep");
    let first = fs::metadata(out.join(page)).unwrap().ino();
    // The second build: no spare, the live output's file linked in by the build itself.
    assert!(!build(1));
    assert_eq!(fs::metadata(out.join(page)).unwrap().ino(), first);
    // The third: over the spare, whose file is the same (linked).
    assert!(!build(1));
    assert_eq!(fs::read(out.join(page)).unwrap(), b"<p>hikari</p>");
    // Another key makes the page; so does a build with no record of the keys.
    assert!(build(2));
    assert!(!build(2));
    fs::remove_file(dir.path().join(".output.pages")).unwrap();
    assert!(build(2));
    assert_eq!(fs::read(out.join(page)).unwrap(), b"<p>hikari</p>");
}

/// A document written in pieces with a key (the print document, the open data) is recorded
/// with the hash of what was streamed, and kept by the next builds that ask with the same key
/// (`Files::keep`), over the live output's linked file and over the spare's; another key, or
/// its file changed by hand, and it is written again.
#[cfg(unix)]
#[test]
fn a_document_written_in_pieces_is_kept_with_its_key() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let document = "data/entries.csv";
    let bytes: Vec<u8> = (0..100_000u32).map(|i| b'a' + (i % 26) as u8).collect();
    // Builds the document with `key`; whether it was written (not kept).
    let build = |key: u128| {
        let mut files = Files::staged(&out).unwrap();
        let kept = files.keep(document, key);
        if !kept {
            files.add_written_keyed(document, Some(key), |w| {
                bytes.chunks(4096).try_for_each(|piece| w.write_all(piece))
            });
        }
        assert_eq!(files.kept_documents(), usize::from(kept));
        files.commit(&out).unwrap();
        as_if_the_build_ran_on(dir.path());
        assert_eq!(fs::read(out.join(document)).unwrap(), bytes);
        !kept
    };
    assert!(build(7), "a new folder has nothing to keep");
    let first = fs::metadata(out.join(document)).unwrap().ino();
    assert!(!build(7), "the second build links the live output's file");
    assert_eq!(fs::metadata(out.join(document)).unwrap().ino(), first);
    assert!(!build(7), "the third keeps the spare's");
    assert!(build(8), "another key");
    assert!(!build(8));
    // Changed by hand in the spare, the next build's folder, to bytes of the same length.
    let spare = dir.path().join(".output.spare").join(document);
    let mut changed = fs::read(&spare).unwrap();
    changed[50_000] = b'!';
    fs::write(&spare, changed).unwrap();
    assert!(build(8), "a file that is not the one recorded");
}

/// As if the build that wrote the manifests beside the output in `dir` had run on for a while
/// after its last file: its records are older than their manifest, so they count
/// (`manifest.rs`), however quickly a test builds.
fn as_if_the_build_ran_on(dir: &Path) {
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(1);
    for name in [".output.files", ".output.files.1"] {
        if let Ok(file) = fs::File::options().write(true).open(dir.join(name)) {
            file.set_modified(later).unwrap();
        }
    }
}
