//! Photos as a family's phone and a provider's privacy need them: every published image is free
//! of metadata (the originals carry a phone's EXIF with a GPS position, which proves the point),
//! upright, never enlarged; a second build makes no photo again and writes the same bytes; the
//! cache forgets photos the site stopped using; a file too large is refused before it is read.

mod common;
use common::copy_dir;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shirube(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args(args)
        .env("SHIRUBE_TODAY", "2026-11-01")
        .env_remove("SHIRUBE_LANG")
        .output()
        .expect("run shirube")
}

fn build(site: &Path, out: &Path) -> String {
    let done = shirube(&[Path::new("build"), site, Path::new("-o"), out]);
    let stdout = String::from_utf8_lossy(&done.stdout).into_owned();
    assert!(
        done.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&done.stderr)
    );
    stdout
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    all.sort();
    all
}

fn is_image(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("jpg" | "jpeg" | "png" | "webp" | "gif" | "heic" | "avif" | "tif" | "tiff")
    )
}

/// What the example photos' phone wrote: found in every original, in no output.
const PHONE_TRACES: &[&[u8]] = &[b"Hikari Phone 12", b"HK-2291-0047-5532", b"HikariOS"];

/// The metadata blocks an image file holds, by container: JPEG APPn segments other than JFIF,
/// PNG chunks other than the picture's own, WebP chunks other than the picture's own.
fn metadata_blocks(data: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    match data {
        [0xFF, 0xD8, ..] => {
            let mut i = 2;
            while i + 4 <= data.len() && data[i] == 0xFF {
                let marker = data[i + 1];
                if marker == 0xDA {
                    break;
                }
                let len = usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]]));
                let body = &data[i + 4..(i + 2 + len).min(data.len())];
                let jfif = marker == 0xE0 && body.starts_with(b"JFIF\0");
                if (0xE1..=0xEF).contains(&marker) || marker == 0xFE || (marker == 0xE0 && !jfif) {
                    let head = String::from_utf8_lossy(&body[..body.len().min(8)]).into_owned();
                    found.push(format!("JPEG segment {marker:#04x} {head:?}"));
                }
                i += 2 + len;
            }
        }
        [0x89, b'P', b'N', b'G', ..] => {
            let mut i = 8;
            while i + 8 <= data.len() {
                let len = u32::from_be_bytes(data[i..i + 4].try_into().unwrap()) as usize;
                let kind = String::from_utf8_lossy(&data[i + 4..i + 8]).into_owned();
                if !["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "sRGB", "gAMA"].contains(&&*kind) {
                    found.push(format!("PNG chunk {kind}"));
                }
                i += 12 + len;
            }
        }
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => {
            let mut i = 12;
            while i + 8 <= data.len() {
                let kind = String::from_utf8_lossy(&data[i..i + 4]).into_owned();
                let len = u32::from_le_bytes(data[i + 4..i + 8].try_into().unwrap()) as usize;
                if !["VP8 ", "VP8L", "VP8X", "ALPH"].contains(&&*kind) {
                    found.push(format!("WebP chunk {kind}"));
                }
                i += 8 + len + (len & 1);
            }
        }
        _ => found.push("not a JPEG, PNG or WebP".into()),
    }
    found
}

fn traces(data: &[u8]) -> Vec<String> {
    let mut found = metadata_blocks(data);
    for trace in PHONE_TRACES {
        if data.windows(trace.len()).any(|w| w == *trace) {
            found.push(format!("{:?}", String::from_utf8_lossy(trace)));
        }
    }
    found
}

#[test]
fn no_published_image_carries_exif_or_gps() {
    let sites = [repo(), repo().join("tests/fixtures/base")];
    let mut originals = 0;
    for site in &sites {
        // The originals carry what a phone writes, GPS included: the test proves something.
        for file in files(&site.join("content/media"))
            .iter()
            .filter(|f| is_image(f))
        {
            let data = std::fs::read(file).unwrap();
            let t = traces(&data);
            assert!(
                t.iter().any(|b| b.contains("Exif") || b.contains("eXIf"))
                    && PHONE_TRACES
                        .iter()
                        .all(|p| data.windows(p.len()).any(|w| w == *p)),
                "{} should carry a phone's EXIF: {t:?}",
                file.display()
            );
            // GPSInfo (tag 0x8825) pointer in IFD0, little-endian.
            if data.windows(4).any(|w| w == [0x25, 0x88, 4, 0]) {
                originals += 1;
            }
        }
    }
    assert!(originals >= 4, "only {originals} originals carry GPS");

    for site in &sites {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("output");
        build(site, &target);
        let images: Vec<PathBuf> = files(&target).into_iter().filter(|f| is_image(f)).collect();
        assert!(
            images.len() >= 6,
            "{}: {} images",
            site.display(),
            images.len()
        );
        for image in images {
            let data = std::fs::read(&image).unwrap();
            let t = traces(&data);
            assert!(t.is_empty(), "{} carries {t:?}", image.display());
            let decoded = image::load_from_memory(&data)
                .unwrap_or_else(|e| panic!("{}: {e}", image.display()));
            assert!(decoded.width() <= 1440, "{}", image.display());
        }
    }
}

#[test]
fn photos_are_upright_never_enlarged_and_described() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&repo().join("tests/fixtures/base"), &site);
    let out = dir.path().join("out");
    build(&site, &out);
    let media: Vec<String> = files(&out.join("media"))
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    // sakura-hatake.jpg is stored 480 × 360 with EXIF orientation 6: it is shown 360 × 480,
    // and 360 px wide is all there is (no 480, 960, 1440).
    let sakura: Vec<&String> = media.iter().filter(|m| m.starts_with("sakura")).collect();
    assert_eq!(sakura.len(), 2, "{media:?}");
    for name in sakura {
        assert!(
            name.ends_with("-360.webp") || name.ends_with("-360.jpg"),
            "{name}"
        );
        let img = image::open(out.join("media").join(name)).unwrap();
        assert_eq!((img.width(), img.height()), (360, 480), "{name}");
    }
    // midori-pan.jpg is 960 wide: 480 and 960, nothing wider.
    let midori: Vec<&String> = media.iter().filter(|m| m.starts_with("midori")).collect();
    assert_eq!(midori.len(), 4, "{media:?}");
    assert!(midori.iter().all(|m| !m.contains("-1440.")));

    let page = std::fs::read_to_string(out.join("entries/sakura/index.html")).unwrap();
    assert!(
        page.contains(r#"width="360" height="480" alt="" loading="lazy""#),
        "{page}"
    );
    let page = std::fs::read_to_string(out.join("entries/midori/index.html")).unwrap();
    assert!(page.contains(r#"<source type="image/webp" srcset="../../media/midori-pan-"#));
    assert!(page.contains(r#"width="960" height="720" alt="エプロンをつけた二人が"#));
}

#[test]
fn a_second_build_makes_no_photo_and_writes_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&repo().join("tests/fixtures/base"), &site);
    // Other tests build base in place; start cold.
    let _ = std::fs::remove_dir_all(site.join(".shirube-cache"));
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    let said = build(&site, &first);
    assert!(said.contains("写真 2 枚（いま作ったもの 2 枚"), "{said}");
    let said = build(&site, &second);
    assert!(said.contains("写真 2 枚（いま作ったもの 0 枚"), "{said}");
    let (a, b) = (files(&first), files(&second));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.strip_prefix(&first), y.strip_prefix(&second));
        assert!(
            std::fs::read(x).unwrap() == std::fs::read(y).unwrap(),
            "{} differs between builds",
            x.display()
        );
    }
    // Without the cache, the same bytes again: the cache changes the time, never the result.
    std::fs::remove_dir_all(site.join(".shirube-cache")).unwrap();
    let third = dir.path().join("third");
    build(&site, &third);
    for (x, z) in a.iter().zip(files(&third)) {
        assert!(std::fs::read(x).unwrap() == std::fs::read(&z).unwrap());
    }

    // The cache ignores itself in git, and forgets a photo the site no longer shows.
    let cache = site.join(".shirube-cache");
    assert_eq!(
        std::fs::read_to_string(cache.join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*")
    );
    let cached = || files(&cache.join("photos")).len();
    assert_eq!(cached(), 4, "a size and a bundle for each photo");
    let sakura = site.join("content/entries/sakura.md");
    let text = std::fs::read_to_string(&sakura).unwrap();
    let without = text.replace(
        "photos:\n  - src: sakura-hatake.jpg\n    decorative: true\n",
        "",
    );
    assert_ne!(text, without);
    std::fs::write(&sakura, without).unwrap();
    let said = build(&site, &dir.path().join("fourth"));
    assert!(said.contains("写真 1 枚（いま作ったもの 0 枚"), "{said}");
    assert_eq!(cached(), 2);
}

#[test]
fn a_file_too_large_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&repo().join("tests/fixtures/base"), &site);
    // 41 MiB of nothing (sparse: no disk is spent), named as a photo.
    let big = std::fs::File::create(site.join("content/media/big.jpg")).unwrap();
    big.set_len(41 * 1024 * 1024).unwrap();
    let midori = site.join("content/entries/midori.md");
    let text = std::fs::read_to_string(&midori).unwrap();
    std::fs::write(&midori, text.replace("src: midori-pan.jpg", "src: big.jpg")).unwrap();
    let checked = shirube(&[Path::new("check"), &site]);
    assert_eq!(checked.status.code(), Some(1));
    let report = String::from_utf8_lossy(&checked.stdout);
    assert!(
        report.contains(
            "photos[0].src: 写真のファイル \"big.jpg\" が大きすぎます（41 MB。40 MB まで）"
        ),
        "{report}"
    );
}
