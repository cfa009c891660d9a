//! The assets stage: photos from `content/media/` go to `media/` in the output.
//!
//! JPEG and PNG photos are decoded, scaled down to at most `MAX_SIDE` pixels on the long side and
//! encoded again. Re-encoding drops everything but the pixels, so a phone photo's metadata (GPS
//! position, device, date) never reaches the public site. Other files (SVG pictograms) are copied
//! as they are: an SVG shown with `<img>` cannot run script.

use crate::lang::{Localized, Msg, msg};
use crate::output::Files;
use crate::paths::{files_under, slash};
use image::ImageFormat;
use image::imageops::FilterType;
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// Long side of a published photo: sharp on a 3x phone screen at full width, and above 300 dpi
/// for the print edition's photo width (about 80 mm).
pub const MAX_SIDE: u32 = 1600;

/// JPEG quality: photos of people and workplaces, where 85 shows no artefacts at this size.
const JPEG_QUALITY: u8 = 85;

#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    Decode {
        path: PathBuf,
        error: image::ImageError,
    },
}

impl Localized for AssetError {
    fn msg(&self) -> Msg {
        match self {
            AssetError::Read { path, error } => msg(
                format!("{} を読めません（{error}）", slash(path)),
                format!("cannot read {} ({error})", slash(path)),
            ),
            AssetError::Decode { path, error } => msg(
                format!(
                    "写真 {} を読めません（壊れているか、JPEG・PNG ではありません）: {error}",
                    slash(path)
                ),
                format!(
                    "cannot read the photo {} (broken, or not JPEG/PNG): {error}",
                    slash(path)
                ),
            ),
        }
    }
}

crate::display_localized!(AssetError);

pub fn copy_media(site_dir: &Path, files: &mut Files) -> Result<usize, AssetError> {
    let media = site_dir.join("content").join("media");
    let mut count = 0;
    for (rel, path) in files_under(&media) {
        let bytes = std::fs::read(&path).map_err(|error| AssetError::Read {
            path: path.clone(),
            error,
        })?;
        let published = match photo_format(&path) {
            Some(format) => {
                publish_photo(&bytes, format).map_err(|error| AssetError::Decode { path, error })?
            }
            None => bytes,
        };
        files.add(format!("media/{rel}"), published);
        count += 1;
    }
    Ok(count)
}

/// The photo formats we re-encode, by file name.
pub fn photo_format(path: &Path) -> Option<ImageFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "jpg" | "jpeg" => Some(ImageFormat::Jpeg),
        "png" => Some(ImageFormat::Png),
        _ => None,
    }
}

/// Decodes, scales down and re-encodes one photo in its own format.
pub fn publish_photo(bytes: &[u8], format: ImageFormat) -> Result<Vec<u8>, image::ImageError> {
    let mut img = image::load_from_memory_with_format(bytes, format)?;
    if img.width().max(img.height()) > MAX_SIDE {
        img = img.resize(MAX_SIDE, MAX_SIDE, FilterType::Lanczos3);
    }
    let mut out = Vec::new();
    match format {
        ImageFormat::Jpeg => {
            let encoder =
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            img.to_rgb8().write_with_encoder(encoder)?;
        }
        _ => img.write_to(&mut Cursor::new(&mut out), format)?,
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg)
            .unwrap();
        out
    }

    /// A JPEG with an APP1 Exif segment right after the start-of-image marker, as cameras write.
    fn with_exif(jpeg: &[u8]) -> Vec<u8> {
        let payload = b"Exif\0\0GPS 35.6812N 139.7671E secret-location";
        let len = (payload.len() + 2) as u16;
        let mut out = jpeg[..2].to_vec();
        out.extend([0xFF, 0xE1]);
        out.extend(len.to_be_bytes());
        out.extend(payload);
        out.extend(&jpeg[2..]);
        out
    }

    #[test]
    fn metadata_is_dropped() {
        let input = with_exif(&jpeg(64, 48));
        assert!(input.windows(4).any(|w| w == b"Exif"));
        let output = publish_photo(&input, ImageFormat::Jpeg).unwrap();
        assert!(!output.windows(4).any(|w| w == b"Exif"));
        assert!(!output.windows(6).any(|w| w == b"secret"));
    }

    #[test]
    fn large_photos_are_scaled_down_small_ones_kept() {
        let big = publish_photo(&jpeg(3200, 2000), ImageFormat::Jpeg).unwrap();
        let img = image::load_from_memory(&big).unwrap();
        assert_eq!((img.width(), img.height()), (1600, 1000));
        let small = publish_photo(&jpeg(640, 480), ImageFormat::Jpeg).unwrap();
        let img = image::load_from_memory(&small).unwrap();
        assert_eq!((img.width(), img.height()), (640, 480));
    }

    #[test]
    fn broken_photos_are_errors_not_panics() {
        assert!(publish_photo(b"not a jpeg", ImageFormat::Jpeg).is_err());
        assert!(publish_photo(&jpeg(10, 10)[..40], ImageFormat::Jpeg).is_err());
    }
}
