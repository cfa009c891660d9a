//! An entry's `photos`: each file is looked into here — inside the site, a format we read, within
//! the caps, decoding whole (or known to the cache) — so that a bad photo is reported at its line,
//! and `alt` or `decorative: true` is required.

use crate::assets::cache::Cache;
use crate::assets::source::{self, SourceProblem};
use crate::check::fields::{Decoder, Field};
use crate::content::model::Photo;
use crate::diagnostics::Problem;
use std::path::Path;

/// One item of `photos`; `site_dir` is the site folder, which photos may not leave.
pub fn photo(d: &mut Decoder, x: &Field, site_dir: &Path, cache: &Cache) -> Option<Photo> {
    let mut f = d.fields(x.node, &x.path)?;
    let probe = d.required(&mut f, "src", |d, x| {
        let src = d.text(x)?;
        let probe =
            source::resolve(site_dir, &src).and_then(|file| crate::assets::probe(&file, cache));
        match probe {
            Ok(probe) => Some((src, probe)),
            Err(problem) => {
                d.error(x.node.pos, &x.path, photo_problem(src, problem));
                None
            }
        }
    });
    let alt_at = f.get("alt").map(|x| (x.node.pos, x.path.clone()));
    let alt = d.optional_text(&mut f, "alt");
    if let (Some(alt), Some((pos, path))) = (&alt, alt_at)
        && says_nothing(alt)
    {
        d.warning(
            pos,
            &path,
            Problem::PhotoAltSaysNothing {
                alt: alt.trim().to_string(),
            },
        );
    }
    let decorative_pos = f.get("decorative").map(|x| (x.node.pos, x.path.clone()));
    let decorative = d
        .optional(&mut f, "decorative", |d, x| d.boolean(x))
        .unwrap_or(false);
    match (&alt, decorative, decorative_pos) {
        (Some(_), true, Some((pos, path))) => {
            d.error(pos, &path, Problem::PhotoAltAndDecorative);
        }
        (None, false, _) => d.error(f.pos(), &f.child_path("alt"), Problem::PhotoWithoutAlt),
        _ => {}
    }
    d.finish(f, &["src", "alt", "decorative"]);
    let (src, probe) = probe?;
    if alt.is_none() && !decorative {
        return None;
    }
    Some(Photo {
        src,
        alt,
        file: probe.file,
        key: probe.key,
        width: probe.width,
        height: probe.height,
    })
}

/// Words that name any picture: an `alt` of only these (and a number: 写真1) tells a listener
/// nothing of this one.
const PICTURE_WORDS: [&str; 12] = [
    "写真",
    "画像",
    "しゃしん",
    "がぞう",
    "イメージ",
    "フォト",
    "photo",
    "image",
    "picture",
    "img",
    "pic",
    "写真です",
];

/// Whether a photo's `alt` says nothing of the picture: a word for any picture (写真, 画像 1,
/// photo), or a file's name as a camera or a folder gives it (IMG_1234.jpg, DSC0001, pan.jpg).
fn says_nothing(alt: &str) -> bool {
    let alt = crate::text::nfkc(alt.trim()).to_lowercase();
    let bare = alt.trim_end_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || "._-#()".contains(c)
    });
    if PICTURE_WORDS.contains(&bare) {
        return true;
    }
    let is_file_name = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".avif"]
        .iter()
        .any(|ext| alt.ends_with(ext))
        && !alt.contains(char::is_whitespace);
    let camera = ["img", "dsc", "dscn", "dscf", "pxl", "p"]
        .iter()
        .any(|prefix| {
            alt.strip_prefix(prefix).is_some_and(|rest| {
                let rest = rest.trim_start_matches(['_', '-']);
                rest.len() >= 3 && rest.chars().all(|c| c.is_ascii_digit() || c == '_')
            })
        });
    is_file_name || camera
}

/// What check says about a photo file that cannot be published.
fn photo_problem(src: String, problem: SourceProblem) -> Problem {
    match problem {
        SourceProblem::Missing => Problem::PhotoMissing { src },
        SourceProblem::OutsideSite => Problem::PhotoOutsideSite { src },
        SourceProblem::Unsupported { found } => Problem::PhotoUnsupported {
            src,
            found: found.map(str::to_string),
        },
        SourceProblem::TooManyBytes { bytes } => Problem::PhotoTooLarge {
            src,
            megabytes: bytes.div_ceil(1024 * 1024),
            max: source::MAX_BYTES / (1024 * 1024),
        },
        SourceProblem::TooManyPixels { width, height } => Problem::PhotoTooManyPixels {
            src,
            width,
            height,
            max_megapixels: source::MAX_PIXELS / 1_000_000,
        },
        SourceProblem::Corrupt { .. } | SourceProblem::Unreadable { .. } => {
            Problem::PhotoUnreadable { src }
        }
    }
}

#[cfg(test)]
mod alt_tests {
    use super::says_nothing;

    #[test]
    fn alt_texts_that_name_no_picture() {
        for alt in [
            "写真",
            "写真1",
            "画像 2",
            "ＩＭＧ＿１２３４",
            "IMG_1234.JPG",
            "DSC01234",
            "PXL_20250301_0930",
            "pan.jpg",
            "Photo",
            "イメージ",
        ] {
            assert!(says_nothing(alt), "{alt}");
        }
        for alt in [
            "パンを焼いているところ",
            "写真: 作業室のようす",
            "事業所の外観",
            "2階の作業室",
            "P社の工場で働く利用者",
            "imagination",
            "みんなで撮った写真",
        ] {
            assert!(!says_nothing(alt), "{alt}");
        }
    }
}
