//! A photo's original file: where it is (inside the site folder, never outside it, not even
//! through a symbolic link), what it is (JPEG, PNG or WebP, told by its bytes rather than its
//! name), and whether it is safe to decode (caps on bytes and pixels, so that a broken or
//! hostile file — a "decompression bomb" that claims billions of pixels — is refused before any
//! memory is spent on it).

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;
use std::path::{Component, Path, PathBuf};

/// Where providers put photos, relative to the site folder.
pub const MEDIA_DIR: &str = "content/media";

/// Largest original accepted: a 48-megapixel phone photo is 10–25 MB.
pub const MAX_BYTES: u64 = 40 * 1024 * 1024;

/// Most pixels accepted: every phone's ordinary photos (12–50 megapixels) fit.
pub const MAX_PIXELS: u64 = 60_000_000;

/// Longest side accepted, whatever the pixel count (a 60000 × 10 strip is no photo).
pub const MAX_SIDE: u32 = 16_384;

/// What decoders may allocate for one photo: 60 MP at 8 bytes a pixel (16-bit RGBA PNG).
const MAX_ALLOC: u64 = MAX_PIXELS * 8;

/// The formats a photo may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    WebP,
}

impl Kind {
    fn format(self) -> ImageFormat {
        match self {
            Kind::Jpeg => ImageFormat::Jpeg,
            Kind::Png => ImageFormat::Png,
            Kind::WebP => ImageFormat::WebP,
        }
    }
}

/// Why a photo cannot be published. Check turns each into a diagnostic at the photo's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceProblem {
    Missing,
    /// `..`, an absolute path, or a symbolic link whose target is outside the site folder.
    OutsideSite,
    /// Not JPEG, PNG or WebP; `found` names what it is when we can tell (HEIC, GIF, SVG …).
    Unsupported {
        found: Option<&'static str>,
    },
    TooManyBytes {
        bytes: u64,
    },
    TooManyPixels {
        width: u32,
        height: u32,
    },
    /// The header was fine but the picture cannot be decoded (cut short, damaged).
    Corrupt {
        detail: String,
    },
    Unreadable {
        detail: String,
    },
}

/// The file `src` (a path under content/media, as written in an entry) names, if it is a file
/// inside the site folder.
pub fn resolve(site_dir: &Path, src: &str) -> Result<PathBuf, SourceProblem> {
    let relative = Path::new(src);
    if src.is_empty()
        || src.contains('\\')
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(SourceProblem::OutsideSite);
    }
    let path = site_dir.join(MEDIA_DIR).join(relative);
    let root = site_dir
        .canonicalize()
        .map_err(|e| SourceProblem::Unreadable {
            detail: e.to_string(),
        })?;
    match path.canonicalize() {
        Ok(real) if !real.starts_with(&root) => Err(SourceProblem::OutsideSite),
        Ok(real) if real.is_file() => Ok(real),
        Ok(_) => Err(SourceProblem::Missing),
        // A link to nowhere: outside if it points outside, else simply missing.
        Err(_) => match std::fs::read_link(&path) {
            Ok(target) => {
                let target = path.parent().unwrap_or(&path).join(target);
                if normalize(&target).starts_with(normalize(site_dir)) {
                    Err(SourceProblem::Missing)
                } else {
                    Err(SourceProblem::OutsideSite)
                }
            }
            Err(_) => Err(SourceProblem::Missing),
        },
    }
}

/// `a/b/../c` → `a/c`, without asking the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The format, from the file's first bytes.
pub fn sniff(data: &[u8]) -> Result<Kind, SourceProblem> {
    let unsupported = |found| Err(SourceProblem::Unsupported { found });
    match data {
        [0xFF, 0xD8, 0xFF, ..] => Ok(Kind::Jpeg),
        [0x89, b'P', b'N', b'G', ..] => Ok(Kind::Png),
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
        ] => Ok(Kind::WebP),
        [_, _, _, _, b'f', b't', b'y', b'p', brand @ ..] if brand.starts_with(b"avif") => {
            unsupported(Some("AVIF"))
        }
        [_, _, _, _, b'f', b't', b'y', b'p', ..] => unsupported(Some("HEIC")),
        [b'G', b'I', b'F', b'8', ..] => unsupported(Some("GIF")),
        [b'B', b'M', ..] => unsupported(Some("BMP")),
        [b'I', b'I', 42, 0, ..] | [b'M', b'M', 0, 42, ..] => unsupported(Some("TIFF")),
        [b'%', b'P', b'D', b'F', ..] => unsupported(Some("PDF")),
        _ if looks_like_svg(data) => unsupported(Some("SVG")),
        _ => unsupported(None),
    }
}

fn looks_like_svg(data: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&data[..data.len().min(512)]).to_ascii_lowercase();
    head.contains("<svg")
}

/// Decodes a whole photo within the caps and turns it upright (EXIF orientation). Everything
/// but the pixels is left behind here: nothing downstream sees the original's metadata.
pub fn decode(data: &[u8], kind: Kind) -> Result<DynamicImage, SourceProblem> {
    let corrupt = |e: image::ImageError| SourceProblem::Corrupt {
        detail: e.to_string(),
    };
    // zune-jpeg fills a JPEG cut short with grey instead of failing: look for its end first.
    if kind == Kind::Jpeg && !jpeg_is_complete(data) {
        return Err(SourceProblem::Corrupt {
            detail: "JPEG without its end marker (cut short)".into(),
        });
    }
    let mut reader = ImageReader::with_format(Cursor::new(data), kind.format());
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = match reader.into_decoder() {
        Ok(decoder) => decoder,
        Err(image::ImageError::Limits(_)) => return Err(too_big_header(data, kind)),
        Err(e) => return Err(corrupt(e)),
    };
    let (width, height) = decoder.dimensions();
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(SourceProblem::TooManyPixels { width, height });
    }
    // A damaged EXIF block only loses the rotation, never the photo.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => SourceProblem::TooManyPixels { width, height },
        e => corrupt(e),
    })?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// A JPEG has its end-of-image marker after the picture's first scan. The segments before the
/// scan are stepped over by their lengths, so an EXIF thumbnail's own end marker does not count.
fn jpeg_is_complete(data: &[u8]) -> bool {
    let mut i = 2;
    while i + 4 <= data.len() {
        if data[i] != 0xFF {
            return false;
        }
        match data[i + 1] {
            // Fill bytes before a marker.
            0xFF => i += 1,
            0xD0..=0xD7 | 0x01 => i += 2,
            0xDA => return data[i..].windows(2).any(|w| w == [0xFF, 0xD9]),
            _ => i += 2 + usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]])),
        }
    }
    false
}

/// The dimensions a header claims when the decoder refused them as over the limits.
fn too_big_header(data: &[u8], kind: Kind) -> SourceProblem {
    let size = ImageReader::with_format(Cursor::new(data), kind.format())
        .into_dimensions()
        .unwrap_or((0, 0));
    SourceProblem::TooManyPixels {
        width: size.0,
        height: size.1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        DynamicImage::new_rgb8(width, height)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    /// A PNG whose header claims `width` × `height` but that holds almost nothing.
    fn png_claiming(width: u32, height: u32) -> Vec<u8> {
        let mut data = png(1, 1);
        // IHDR's width and height are at bytes 16..24; its CRC at 29..33.
        data[16..20].copy_from_slice(&width.to_be_bytes());
        data[20..24].copy_from_slice(&height.to_be_bytes());
        let crc = crc32(&data[12..29]);
        data[29..33].copy_from_slice(&crc.to_be_bytes());
        data
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn formats_are_told_by_their_bytes() {
        assert_eq!(sniff(&png(2, 2)), Ok(Kind::Png));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0rest"), Ok(Kind::Jpeg));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Ok(Kind::WebP));
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0";
        assert_eq!(
            sniff(heic),
            Err(SourceProblem::Unsupported {
                found: Some("HEIC")
            })
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Err(SourceProblem::Unsupported { found: Some("SVG") })
        );
        assert_eq!(
            sniff(b"hello"),
            Err(SourceProblem::Unsupported { found: None })
        );
    }

    #[test]
    fn decompression_bombs_are_refused_before_decoding() {
        let bomb = png_claiming(100_000, 100_000);
        assert!(bomb.len() < 100);
        assert!(matches!(
            decode(&bomb, Kind::Png),
            Err(SourceProblem::TooManyPixels {
                width: 100_000,
                height: 100_000
            })
        ));
        let strip = png_claiming(60_000, 2);
        assert!(matches!(
            decode(&strip, Kind::Png),
            Err(SourceProblem::TooManyPixels { width: 60_000, .. })
        ));
    }

    #[test]
    fn a_jpeg_cut_short_is_corrupt() {
        let mut jpeg = Vec::new();
        DynamicImage::new_rgb8(64, 48)
            .write_to(&mut Cursor::new(&mut jpeg), ImageFormat::Jpeg)
            .unwrap();
        assert!(jpeg_is_complete(&jpeg));
        assert!(decode(&jpeg, Kind::Jpeg).is_ok());
        let cut = &jpeg[..jpeg.len() - 10];
        assert!(!jpeg_is_complete(cut));
        assert!(matches!(
            decode(cut, Kind::Jpeg),
            Err(SourceProblem::Corrupt { .. })
        ));
    }

    #[test]
    fn damaged_photos_are_corrupt_not_panics() {
        let good = png(64, 64);
        let cut = &good[..good.len() - 20];
        assert!(matches!(
            decode(cut, Kind::Png),
            Err(SourceProblem::Corrupt { .. })
        ));
    }

    #[test]
    fn paths_stay_inside_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join(MEDIA_DIR).join("sub")).unwrap();
        std::fs::write(site.join(MEDIA_DIR).join("sub/a.jpg"), b"x").unwrap();
        std::fs::write(dir.path().join("secret.jpg"), b"x").unwrap();
        assert!(resolve(&site, "sub/a.jpg").is_ok());
        assert_eq!(resolve(&site, "b.jpg"), Err(SourceProblem::Missing));
        for bad in [
            "../../secret.jpg",
            "/etc/passwd",
            "sub/../../x.jpg",
            "",
            "a\\b.jpg",
        ] {
            assert_eq!(
                resolve(&site, bad),
                Err(SourceProblem::OutsideSite),
                "{bad}"
            );
        }
        #[cfg(unix)]
        {
            let media = site.join(MEDIA_DIR);
            std::os::unix::fs::symlink(dir.path().join("secret.jpg"), media.join("out.jpg"))
                .unwrap();
            std::os::unix::fs::symlink("/nonexistent/x.jpg", media.join("dangling.jpg")).unwrap();
            std::os::unix::fs::symlink("sub/a.jpg", media.join("in.jpg")).unwrap();
            assert_eq!(resolve(&site, "out.jpg"), Err(SourceProblem::OutsideSite));
            assert_eq!(
                resolve(&site, "dangling.jpg"),
                Err(SourceProblem::OutsideSite)
            );
            assert!(resolve(&site, "in.jpg").is_ok());
        }
    }
}
