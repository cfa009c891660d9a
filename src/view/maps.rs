//! An entry's address opens the phone's own map app. The page loads no map: nothing leaves the
//! site until the visitor taps the link, and then the map app (not the page) looks the place up.
//!
//! - `href` is a `geo:` URI (RFC 5870), with the query Android's map apps read (`?q=` a position
//!   with the name in parentheses, or the address): Android opens its map app, and so do desktop
//!   systems with a handler for `geo:`.
//! - iOS and macOS have no handler for `geo:` (Safari says the address is invalid); their map
//!   app opens with Apple's `maps:` scheme (`maps:?ll=…&q=…`, Apple's Map Links). The page
//!   carries it in `data-apple-maps`, and `static/js/map-link.js` puts it in the link on Apple's
//!   systems. Without JavaScript an iPhone shows the address as text to copy, as before.
//!
//! Web addresses of a map service (maps.google.com, maps.apple.com) were not chosen: they open a
//! web page, not the app, wherever the app is missing, and send the address to that service.

use crate::content::model::{Address, Geo};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapLink {
    /// `geo:35.1234,136.5678?q=35.1234,136.5678(みどりベーカリー)` (percent-encoded)
    pub href: String,
    /// `maps:?ll=35.1234,136.5678&q=みどりベーカリー` (percent-encoded)
    pub apple: String,
}

/// The link of a place: its position when known (the pin lands where the provider put it), else
/// its address (the map app searches for it). `name` is plain text.
pub fn link(name: &str, address: &Address, geo: Option<Geo>) -> MapLink {
    let address = address.one_line();
    match geo {
        Some(Geo { lat, lon }) => {
            // Spelled once: a float's shortest spelling is most of what a link costs.
            let position = format!("{lat},{lon}");
            MapLink {
                href: format!(
                    "geo:{position}?q={}",
                    encode(&format!("{position}({name})"))
                ),
                apple: format!("maps:?ll={position}&q={}", encode(name)),
            }
        }
        None => MapLink {
            href: format!("geo:0,0?q={}", encode(&address)),
            apple: format!("maps:?q={}", encode(&address)),
        },
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters and `,` (which the
/// coordinates in a query keep as they are).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => {
                out.push(char::from(byte))
            }
            other => {
                // Written digit by digit: an address is mostly multi-byte characters, and a
                // `format!` for each byte was most of the time of every entry page's map link.
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(char::from(HEX[usize::from(other >> 4)]));
                out.push(char::from(HEX[usize::from(other & 0xF)]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address() -> Address {
        Address {
            postal_code: Some("123-4567".into()),
            city: "みどり市".into(),
            street: "北町1-2-3".into(),
            building: None,
        }
    }

    #[test]
    fn a_position_pins_the_place_with_its_name() {
        let geo = Geo {
            lat: 35.1234,
            lon: 136.5678,
        };
        let link = link("パン工房 & カフェ", &address(), Some(geo));
        assert_eq!(
            link.href,
            "geo:35.1234,136.5678?q=35.1234,136.5678%28%E3%83%91%E3%83%B3%E5%B7%A5%E6%88%BF%20%26%20%E3%82%AB%E3%83%95%E3%82%A7%29"
        );
        assert!(
            link.apple
                .starts_with("maps:?ll=35.1234,136.5678&q=%E3%83%91")
        );
    }

    #[test]
    fn an_address_alone_is_searched() {
        let link = link("みどり", &address(), None);
        assert_eq!(
            link.href,
            "geo:0,0?q=%E3%81%BF%E3%81%A9%E3%82%8A%E5%B8%82%E5%8C%97%E7%94%BA1-2-3"
        );
        assert!(link.apple.starts_with("maps:?q=%E3%81%BF"));
    }
}
