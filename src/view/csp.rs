//! The Content-Security-Policy every page carries (a `<meta>`, since a static host may not let a
//! council set headers). Provider text is escaped before it reaches a page; the policy is the
//! second wall: should anything slip through, the browser still runs no script and loads
//! nothing that is not the site's own file — no inline script, no `style` attribute, no plugin,
//! no `<base>` that moves links, no connection to another origin.

use sha2::{Digest, Sha256};

/// The policy of the web pages. `data:` images: the browser's own form controls and CSS may use
/// them; they cannot run script.
pub const PAGES: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'self'";

/// The policy of the print document: no script at all, and its one `<style>` element (the page
/// rules, which depend on the paper and the running titles) allowed by its hash.
pub fn print(inline_style: &str) -> String {
    format!(
        "default-src 'self'; script-src 'none'; style-src 'self' 'sha256-{}'; img-src 'self' data:; font-src 'self'; connect-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'",
        base64(&Sha256::digest(inline_style.as_bytes()))
    )
}

/// Standard base64 with padding (RFC 4648), what CSP hashes are written in.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_rfc_4648_says() {
        // RFC 4648, section 10.
        for (text, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(text.as_bytes()), encoded);
        }
    }

    #[test]
    fn pages_allow_no_inline_script_or_style() {
        assert!(!PAGES.contains("unsafe"));
        assert!(PAGES.contains("object-src 'none'") && PAGES.contains("base-uri 'none'"));
        // The hash of an empty style, as browsers compute it.
        assert!(print("").contains("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"));
    }
}
