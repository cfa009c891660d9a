//! A photo as pages show it: the renditions the assets stage makes (`assets::renditions::plan`,
//! the same pure plan, so names and sizes agree) as `<picture>` with `srcset`, `sizes`, `width`
//! and `height`, and the print edition's file.

use crate::assets::renditions::{Rendition, plan};
use crate::content::model::Photo;
use crate::view::style::TextStyle;
use serde::Serialize;

/// A photo as the page shows it: `<picture>` with a WebP `srcset` and a JPEG fallback, its width
/// and height (so that nothing moves when it arrives), and the print edition's file.
#[derive(Debug, Serialize)]
pub struct PhotoView {
    /// Empty for a decorative photo.
    pub alt: String,
    pub decorative: bool,
    /// The fallback `<img src>`: the middle JPEG.
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub webp_srcset: String,
    pub jpeg_srcset: String,
    pub sizes: &'static str,
    /// The widest JPEG, for paper.
    pub print_src: String,
    pub print_width: u32,
    pub print_height: u32,
}

/// How wide a photo is shown, for the browser's choice of file: the whole column on a phone,
/// half of the 60rem page from 40rem on (`.photos` in site.css).
pub const PHOTO_SIZES: &str = "(min-width: 60rem) 29rem, (min-width: 40rem) 48vw, 100vw";

/// The widest JPEG of a photo, from the site root: what paper and other sites (JSON-LD's
/// `image`) take, as every reader of JPEG can show it.
pub fn widest_jpeg(photo: &Photo) -> String {
    let plan = plan(&photo.src, &photo.key, photo.width, photo.height);
    plan.last().map(|r| r.jpeg.clone()).unwrap_or_default()
}

/// `media_root` leads from the page to the site root, where `media/` is (both editions share it).
pub fn view(photo: &Photo, media_root: &str, tx: &dyn TextStyle) -> PhotoView {
    let plan = plan(&photo.src, &photo.key, photo.width, photo.height);
    let srcset = |pick: fn(&Rendition) -> &String| {
        plan.iter()
            .map(|r| format!("{media_root}{} {}w", pick(r), r.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let middle = &plan[plan.len().saturating_sub(1).min(1)];
    let widest = &plan[plan.len() - 1];
    PhotoView {
        alt: photo
            .alt
            .as_deref()
            .map(|a| tx.plain(a))
            .unwrap_or_default(),
        decorative: photo.alt.is_none(),
        src: format!("{media_root}{}", middle.jpeg),
        width: middle.width,
        height: middle.height,
        webp_srcset: srcset(|r| &r.webp),
        jpeg_srcset: srcset(|r| &r.jpeg),
        sizes: PHOTO_SIZES,
        print_src: format!("{media_root}{}", widest.jpeg),
        print_width: widest.width,
        print_height: widest.height,
    }
}
