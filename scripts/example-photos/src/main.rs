//! Renders scenes/*.svg into "phone photos" with EXIF (see Cargo.toml). Deterministic: the same
//! scenes give the same bytes.

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, RgbImage};
use std::path::Path;

/// Where a scene goes, how big, and what the "phone" wrote into it.
struct Shot {
    scene: &'static str,
    out: &'static str,
    /// As the photo is seen (after the EXIF orientation is applied).
    width: u32,
    height: u32,
    /// EXIF orientation: 1 upright, 6 stored on its side (as phones held upright write).
    orientation: u16,
    gps: Option<(f64, f64)>,
    png: bool,
    time: &'static str,
}

const SHOTS: &[Shot] = &[
    Shot {
        scene: "bakery",
        out: "../../content/media/komugi-kneading.jpg",
        width: 4032,
        height: 3024,
        orientation: 1,
        gps: Some((35.412_871, 140.118_334)),
        png: false,
        time: "2026:05:14 10:21:37",
    },
    Shot {
        scene: "shelf",
        out: "../../content/media/komugi-shelf.jpg",
        width: 3024,
        height: 4032,
        orientation: 6,
        gps: Some((35.412_902, 140.118_290)),
        png: false,
        time: "2026:05:14 10:25:02",
    },
    Shot {
        scene: "farm",
        out: "../../content/media/shinonome-field.jpg",
        width: 4032,
        height: 3024,
        orientation: 1,
        gps: Some((35.438_115, 140.164_027)),
        png: false,
        time: "2026:06:02 09:03:55",
    },
    Shot {
        scene: "cafe",
        out: "../../content/media/hamacho-counter.jpg",
        width: 4032,
        height: 3024,
        orientation: 1,
        gps: None,
        png: false,
        time: "2026:04:22 14:40:11",
    },
    Shot {
        scene: "entrance",
        out: "../../content/media/hamacho-entrance.png",
        width: 1024,
        height: 768,
        orientation: 1,
        gps: Some((35.405_660, 140.109_872)),
        png: true,
        time: "2026:04:22 14:52:40",
    },
    Shot {
        scene: "bakery",
        out: "../../tests/fixtures/base/content/media/midori-pan.jpg",
        width: 960,
        height: 720,
        orientation: 1,
        gps: Some((35.681_236, 139.767_125)),
        png: false,
        time: "2026:03:01 11:00:00",
    },
    Shot {
        scene: "farm",
        out: "../../tests/fixtures/base/content/media/sakura-hatake.jpg",
        width: 360,
        height: 480,
        orientation: 6,
        gps: Some((35.681_300, 139.767_000)),
        png: false,
        time: "2026:03:02 15:30:00",
    },
];

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    for shot in SHOTS {
        let svg = std::fs::read_to_string(dir.join("scenes").join(format!("{}.svg", shot.scene)))
            .expect("scene");
        let upright = render(&svg, shot.width, shot.height);
        let grainy = grain(upright, shot.scene.len() as u32 * 7919 + shot.width);
        // Stored as the sensor saw it: on its side when the phone was held upright.
        let stored = match shot.orientation {
            6 => image::imageops::rotate270(&grainy),
            _ => grainy,
        };
        let exif = exif(shot);
        let bytes = if shot.png {
            png_with_exif(&stored, &exif)
        } else {
            jpeg_with_exif(&stored, &exif)
        };
        let out = dir.join(shot.out);
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::write(&out, &bytes).unwrap();
        println!("{} {} bytes", shot.out, bytes.len());
    }
}

fn render(svg: &str, width: u32, height: u32) -> RgbImage {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).expect("svg");
    let size = tree.size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height).unwrap();
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    let transform = resvg::tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    RgbImage::from_fn(width, height, |x, y| {
        let p = pixmap.pixel(x, y).unwrap();
        image::Rgb([p.red(), p.green(), p.blue()])
    })
}

/// A small sensor's noise, so that the file is as heavy as a phone's.
fn grain(mut image: RgbImage, seed: u32) -> RgbImage {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    for p in image.pixels_mut() {
        let luma = (next() % 13) as i16 - 6;
        for c in &mut p.0 {
            let chroma = (next() % 5) as i16 - 2;
            *c = (*c as i16 + luma + chroma).clamp(0, 255) as u8;
        }
    }
    image
}

fn jpeg_with_exif(image: &RgbImage, exif: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 92)
        .encode(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .unwrap();
    // APP1 "Exif\0\0" + TIFF, right after the start-of-image marker, as cameras write it.
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(exif);
    let mut out = plain[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((payload.len() + 2) as u16).to_be_bytes());
    out.extend(payload);
    out.extend(&plain[2..]);
    out
}

fn png_with_exif(image: &RgbImage, exif: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    image
        .write_to(
            &mut std::io::Cursor::new(&mut plain),
            image::ImageFormat::Png,
        )
        .unwrap();
    // An eXIf chunk right after IHDR (8-byte signature + 25-byte IHDR chunk).
    let mut chunk = b"eXIf".to_vec();
    chunk.extend(exif);
    let mut out = plain[..33].to_vec();
    out.extend((exif.len() as u32).to_be_bytes());
    out.extend(&chunk);
    out.extend(crc32(&chunk).to_be_bytes());
    out.extend(&plain[33..]);
    out
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

/// One IFD entry: tag, type (1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL) and value bytes.
struct Entry(u16, u16, Vec<u8>);

fn ascii(tag: u16, text: &str) -> Entry {
    let mut v = text.as_bytes().to_vec();
    v.push(0);
    Entry(tag, 2, v)
}

fn rationals(tag: u16, values: &[(u32, u32)]) -> Entry {
    Entry(
        tag,
        5,
        values
            .iter()
            .flat_map(|(n, d)| n.to_le_bytes().into_iter().chain(d.to_le_bytes()))
            .collect(),
    )
}

fn dms(degrees: f64) -> [(u32, u32); 3] {
    let d = degrees.trunc();
    let m = ((degrees - d) * 60.0).trunc();
    let s = ((degrees - d) * 60.0 - m) * 60.0;
    [
        (d as u32, 1),
        (m as u32, 1),
        ((s * 10000.0).round() as u32, 10000),
    ]
}

/// A little-endian TIFF block as a phone writes: IFD0 (device, orientation, time), the Exif IFD
/// (time taken, serial number) and, where the phone knew it, the GPS IFD.
fn exif(shot: &Shot) -> Vec<u8> {
    let exif_ifd = vec![
        ascii(0x9003, shot.time),
        ascii(0x9004, shot.time),
        ascii(0xA431, "HK-2291-0047-5532"),
        ascii(0xA434, "Hikari Phone 12 back camera 4.2mm f/1.8"),
    ];
    let gps_ifd = shot.gps.map(|(lat, lon)| {
        vec![
            Entry(0x0000, 1, vec![2, 3, 0, 0]),
            ascii(0x0001, "N"),
            rationals(0x0002, &dms(lat)),
            ascii(0x0003, "E"),
            rationals(0x0004, &dms(lon)),
            Entry(0x0005, 1, vec![0]),
            rationals(0x0006, &[(2135, 100)]),
        ]
    });
    let mut ifd0 = vec![
        ascii(0x010F, "Hikari Mobile"),
        ascii(0x0110, "Hikari Phone 12"),
        Entry(0x0112, 3, shot.orientation.to_le_bytes().to_vec()),
        ascii(0x0131, "HikariOS 17.2"),
        ascii(0x0132, shot.time),
        Entry(0x8769, 4, vec![0; 4]),
    ];
    if gps_ifd.is_some() {
        ifd0.push(Entry(0x8825, 4, vec![0; 4]));
    }
    let exif_at = 8 + ifd_len(&ifd0);
    let gps_at = exif_at + ifd_len(&exif_ifd);
    for e in &mut ifd0 {
        match e.0 {
            0x8769 => e.2 = (exif_at as u32).to_le_bytes().to_vec(),
            0x8825 => e.2 = (gps_at as u32).to_le_bytes().to_vec(),
            _ => {}
        }
    }
    let mut out = b"II*\0".to_vec();
    out.extend(8u32.to_le_bytes());
    write_ifd(&mut out, &ifd0);
    write_ifd(&mut out, &exif_ifd);
    if let Some(gps) = &gps_ifd {
        write_ifd(&mut out, gps);
    }
    out
}

fn ifd_len(entries: &[Entry]) -> usize {
    2 + 12 * entries.len() + 4 + entries.iter().map(|e| data_len(e)).sum::<usize>()
}

fn data_len(e: &Entry) -> usize {
    if e.2.len() <= 4 {
        0
    } else {
        e.2.len().next_multiple_of(2)
    }
}

/// Writes one IFD at the end of `out` (offsets are from the TIFF header, `out`'s start).
fn write_ifd(out: &mut Vec<u8>, entries: &[Entry]) {
    let start = out.len();
    let mut data_at = start + 2 + 12 * entries.len() + 4;
    let mut data = Vec::new();
    out.extend((entries.len() as u16).to_le_bytes());
    for Entry(tag, kind, value) in entries {
        let unit = match kind {
            3 => 2,
            4 => 4,
            5 => 8,
            _ => 1,
        };
        out.extend(tag.to_le_bytes());
        out.extend(kind.to_le_bytes());
        out.extend(((value.len() / unit) as u32).to_le_bytes());
        if value.len() <= 4 {
            let mut inline = value.clone();
            inline.resize(4, 0);
            out.extend(inline);
        } else {
            out.extend((data_at as u32).to_le_bytes());
            data.extend(value);
            if value.len() % 2 == 1 {
                data.push(0);
            }
            data_at += value.len().next_multiple_of(2);
        }
    }
    out.extend(0u32.to_le_bytes());
    out.extend(data);
}
