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
    let alt = d.optional_text(&mut f, "alt");
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
