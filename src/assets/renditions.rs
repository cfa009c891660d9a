//! What a published photo becomes: a few widths, each as WebP (what browsers take) and JPEG
//! (for the few that do not), never wider than the original. The plan — names and sizes — is a
//! pure function of the photo's key and size, so the pages (`view/`) and the files (here) agree
//! without passing anything between them.
//!
//! The print edition uses the widest JPEG: 1440 px across the printed photo's 85 mm is 430 dpi,
//! above what a printer needs, and Chromium embeds a JPEG in the PDF as it is, where WebP would
//! be stored again without loss (several times the bytes).

use crate::assets::source::{self, Kind, SourceProblem};
use image::imageops::FilterType;
use image::{ExtendedColorType, RgbImage};

/// Widths published, in pixels: a phone at 1x, 2x and 3x, and a desktop column.
pub const WIDTHS: [u32; 3] = [480, 960, 1440];

/// libwebp's quality scale: 75 is its default and shows no artefacts on photos at these sizes.
pub const WEBP_QUALITY: f32 = 75.0;

/// JPEG for browsers without WebP and for print.
pub const JPEG_QUALITY: u8 = 82;

/// Everything that shapes a rendition. Part of every cache key: change it with any setting,
/// encoder or resampling change, and every photo is made again.
pub const SETTINGS: &str = "shirube photos v1: widths 480 960 1440, lanczos3, white matte, \
                            webp 0.3 q75, jpeg q82";

/// One width of one photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendition {
    pub width: u32,
    pub height: u32,
    /// Output paths relative to the site root (`media/komugi-3f9a2c1b7d-480.webp`).
    pub webp: String,
    pub jpeg: String,
}

/// The renditions of a photo `width` × `height` (as shown) whose original is `src`, narrowest
/// first. A photo narrower than a width is published at its own width, never enlarged.
pub fn plan(src: &str, key: &str, width: u32, height: u32) -> Vec<Rendition> {
    let widest = width.min(WIDTHS[WIDTHS.len() - 1]);
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < widest).collect();
    widths.push(widest);
    let base = format!("media/{}-{}", slug(src), &key[..10.min(key.len())]);
    widths
        .into_iter()
        .map(|w| Rendition {
            width: w,
            height: scaled(height, w, width),
            webp: format!("{base}-{w}.webp"),
            jpeg: format!("{base}-{w}.jpg"),
        })
        .collect()
}

/// Height at width `w` of a photo `width` wide and `height` high, at least one pixel.
fn scaled(height: u32, w: u32, width: u32) -> u32 {
    let h = (u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width.max(1));
    (h as u32).max(1)
}

/// A file name safe in any URL and `srcset` (which splits at spaces): the original's name in
/// lowercase ASCII letters, digits and `-`.
fn slug(src: &str) -> String {
    let name = src.rsplit('/').next().unwrap_or(src);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let mut out = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() {
        "photo".into()
    } else {
        out.chars().take(40).collect()
    }
}

/// The name of a rendition's file inside the cache's bundle: `480.webp`.
pub fn bundle_name(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    // `<slug>-<key>-480.webp` → `480.webp`
    file.rsplit('-').next().unwrap_or(file)
}

/// Decodes the original and encodes every rendition of `plan`: (bundle name, bytes) pairs.
pub fn make(original: &[u8], plan: &[Rendition]) -> Result<Vec<(String, Vec<u8>)>, SourceProblem> {
    let kind: Kind = source::sniff(original)?;
    let image = source::decode(original, kind)?;
    let mut current = flatten(image);
    let mut out = Vec::new();
    // Widest first, each from the one before: sharper and faster than each from the original.
    for r in plan.iter().rev() {
        if (current.width(), current.height()) != (r.width, r.height) {
            // Through `DynamicImage`, whose methods are compiled in the image crate: the generic
            // `imageops::resize` would be compiled in ours, unoptimised in debug builds, where it
            // made the example's five photos take 33 s (every test that builds a fresh copy).
            current = image::DynamicImage::ImageRgb8(current)
                .resize_exact(r.width, r.height, FilterType::Lanczos3)
                .into_rgb8();
        }
        out.push((bundle_name(&r.webp).to_string(), webp(&current)?));
        out.push((bundle_name(&r.jpeg).to_string(), jpeg(&current)?));
    }
    out.sort();
    Ok(out)
}

/// RGB on white: transparent parts of a PNG or WebP become white, as on the page and on paper.
fn flatten(image: image::DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([over(r), over(g), over(b)])
    })
}

fn webp(image: &RgbImage) -> Result<Vec<u8>, SourceProblem> {
    webp::Encoder::from_rgb(image.as_raw(), image.width(), image.height())
        .encode_simple(false, WEBP_QUALITY)
        .map(|memory| memory.to_vec())
        .map_err(|e| SourceProblem::Corrupt {
            detail: format!("WebP: {e:?}"),
        })
}

fn jpeg(image: &RgbImage) -> Result<Vec<u8>, SourceProblem> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .map_err(|e| SourceProblem::Corrupt {
            detail: e.to_string(),
        })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_exceed_the_original() {
        let key = "0123456789abcdef";
        let widths = |w, h| {
            plan("a.jpg", key, w, h)
                .iter()
                .map(|r| (r.width, r.height))
                .collect::<Vec<_>>()
        };
        assert_eq!(widths(4032, 3024), [(480, 360), (960, 720), (1440, 1080)]);
        assert_eq!(widths(3024, 4032), [(480, 640), (960, 1280), (1440, 1920)]);
        assert_eq!(widths(1200, 800), [(480, 320), (960, 640), (1200, 800)]);
        assert_eq!(widths(960, 10), [(480, 5), (960, 10)]);
        assert_eq!(widths(300, 200), [(300, 200)]);
        assert_eq!(widths(2000, 1), [(480, 1), (960, 1), (1440, 1)]);
    }

    #[test]
    fn names_are_safe_in_srcset() {
        let r = &plan("作業 場/パン 工房 #1.JPG", "abcdef0123456789", 500, 500)[0];
        assert_eq!(r.webp, "media/1-abcdef0123-480.webp");
        assert_eq!(r.jpeg, "media/1-abcdef0123-480.jpg");
        assert_eq!(slug("パン.jpg"), "photo");
        assert_eq!(slug("Bakery_Work 2.jpeg"), "bakery-work-2");
        assert_eq!(
            bundle_name("media/bakery-work-2-abcdef0123-960.webp"),
            "960.webp"
        );
    }

    /// JPEG, PNG and WebP originals all become the same set of files, upright and the planned size.
    #[test]
    fn every_original_format_is_published() {
        let rgb = RgbImage::from_fn(600, 400, |x, y| {
            image::Rgb([(x % 251) as u8, (y % 241) as u8, 90])
        });
        let webp_original = webp::Encoder::from_rgb(rgb.as_raw(), 600, 400)
            .encode_simple(false, 90.0)
            .unwrap()
            .to_vec();
        let mut png_original = Vec::new();
        image::DynamicImage::ImageRgb8(rgb.clone())
            .write_to(
                &mut std::io::Cursor::new(&mut png_original),
                image::ImageFormat::Png,
            )
            .unwrap();
        let jpeg_original = jpeg(&rgb).unwrap();
        let plan = plan("a.webp", "0123456789abcdef", 600, 400);
        for original in [webp_original, png_original, jpeg_original] {
            let made = make(&original, &plan).unwrap();
            let names: Vec<&str> = made.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, ["480.jpg", "480.webp", "600.jpg", "600.webp"]);
            for (name, bytes) in &made {
                let img = image::load_from_memory(bytes).unwrap();
                let width = if name.starts_with("480") { 480 } else { 600 };
                assert_eq!(
                    (img.width(), img.height()),
                    (width, width * 2 / 3),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn transparency_becomes_white() {
        let mut rgba = image::RgbaImage::new(2, 1);
        rgba.put_pixel(0, 0, image::Rgba([0, 0, 0, 0]));
        rgba.put_pixel(1, 0, image::Rgba([10, 20, 30, 255]));
        let rgb = flatten(image::DynamicImage::ImageRgba8(rgba));
        assert_eq!(rgb.get_pixel(0, 0).0, [255, 255, 255]);
        assert_eq!(rgb.get_pixel(1, 0).0, [10, 20, 30]);
    }
}
