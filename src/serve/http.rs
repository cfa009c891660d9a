//! The preview's answers: files of the last good build (with the preview's script in HTML
//! pages), the status the script polls, byte ranges, HEAD. Only requests addressed to the
//! loopback interface are answered: a web page elsewhere cannot point a DNS name at 127.0.0.1
//! and read the preview through the visitor's browser (DNS rebinding).

use super::overlay;
use crate::lang::Lang;
use std::path::{Component, Path, PathBuf};
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// What a request gets.
pub struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// `Content-Range` of a 206 or 416 answer.
    pub range: Option<String>,
}

impl Answer {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status,
            content_type,
            body: body.into(),
            range: None,
        }
    }
}

const HTML: &str = "text/html; charset=utf-8";

/// The preview's state that answers need.
pub struct Site<'a> {
    pub root: &'a Path,
    pub version: u64,
    pub status_json: String,
    pub lang: Lang,
}

/// What a page asks of the status: `?after=SERIAL` (answer once the status is past it: a long
/// poll) and `&since=VERSION` (the pages changed since the page's version).
#[derive(Debug, Default, PartialEq)]
pub struct StatusQuery {
    pub asks_status: bool,
    pub after: Option<u64>,
    pub since: Option<u64>,
}

impl StatusQuery {
    pub fn of(url: &str) -> StatusQuery {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let number = |key: &str| {
            query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .find(|(k, _)| *k == key)
                .and_then(|(_, v)| v.parse().ok())
        };
        StatusQuery {
            asks_status: path == overlay::STATUS_PATH,
            after: number("after"),
            since: number("since"),
        }
    }
}

/// Answers one request and sends it; a client that hangs up is not our problem.
pub fn respond(request: Request, site: &Site) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    let range = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Range"))
        .map(|h| h.value.as_str().to_string());
    let answer = match request.method() {
        Method::Get | Method::Head => {
            answer(request.url(), host.as_deref(), range.as_deref(), site)
        }
        _ => Answer::new(405, "text/plain; charset=utf-8", "GET and HEAD only"),
    };
    let mut response = Response::from_data(answer.body)
        .with_status_code(StatusCode(answer.status))
        .with_header(header("Content-Type", answer.content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("Accept-Ranges", "bytes"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    if let Some(range) = answer.range {
        response = response.with_header(header("Content-Range", &range));
    }
    // tiny_http sends the headers of a HEAD answer (Content-Length included) without its body.
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> Header {
    // Both are ASCII written here, never taken from the request.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("an ASCII header")
}

/// The answer to a GET of `url` sent to `host`.
pub fn answer(url: &str, host: Option<&str>, range: Option<&str>, site: &Site) -> Answer {
    if !host.is_some_and(is_loopback_host) {
        return Answer::new(
            403,
            "text/plain; charset=utf-8",
            "the preview answers only requests to 127.0.0.1 or localhost",
        );
    }
    let path = percent_decode(url.split(['?', '#']).next().unwrap_or("/"));
    match path.as_str() {
        super::VERSION_PATH => return Answer::new(200, "text/plain", site.version.to_string()),
        overlay::STATUS_PATH => {
            return Answer::new(200, "application/json", site.status_json.clone());
        }
        overlay::SCRIPT_PATH => {
            return Answer::new(200, "text/javascript; charset=utf-8", overlay::SCRIPT);
        }
        _ => {}
    }
    match file_for(site.root, &path) {
        Some(file) => {
            let Ok(bytes) = std::fs::read(&file) else {
                return Answer::new(404, HTML, Vec::new());
            };
            let kind = content_type(&file);
            if kind == HTML {
                return Answer::new(200, kind, with_script(&String::from_utf8_lossy(&bytes)));
            }
            match range.map(|r| byte_range(r, bytes.len())) {
                Some(Some((start, end))) => Answer {
                    range: Some(format!("bytes {start}-{end}/{}", bytes.len())),
                    ..Answer::new(206, kind, bytes[start..=end].to_vec())
                },
                Some(None) => Answer {
                    range: Some(format!("bytes */{}", bytes.len())),
                    ..Answer::new(416, "text/plain; charset=utf-8", Vec::new())
                },
                None => Answer::new(200, kind, bytes),
            }
        }
        // No good build yet: a page for the problems to show on.
        None if !site.root.join("index.html").is_file() => {
            Answer::new(200, HTML, with_script(&overlay::waiting_page(site.lang)))
        }
        None => {
            let page = std::fs::read(site.root.join("404.html")).unwrap_or_default();
            Answer::new(404, HTML, with_script(&String::from_utf8_lossy(&page)))
        }
    }
}

/// `127.0.0.1:8000`, `localhost:8000`, `[::1]:8000`, without or with the port.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    matches!(
        name.to_ascii_lowercase().as_str(),
        "127.0.0.1" | "localhost" | "::1"
    )
}

/// The first range of a `Range: bytes=…` header as inclusive offsets, `None` when it cannot be
/// satisfied (416). Several ranges get the first one, which RFC 9110 allows.
fn byte_range(header: &str, len: usize) -> Option<(usize, usize)> {
    let spec = header
        .trim()
        .strip_prefix("bytes=")?
        .split(',')
        .next()?
        .trim();
    let (start, end) = spec.split_once('-')?;
    let last = len.checked_sub(1)?;
    match (start.trim(), end.trim()) {
        ("", suffix) => {
            let n: usize = suffix.parse().ok().filter(|n| *n > 0)?;
            Some((len.saturating_sub(n), last))
        }
        (start, "") => {
            let start: usize = start.parse().ok().filter(|s| *s <= last)?;
            Some((start, last))
        }
        (start, end) => {
            let start: usize = start.parse().ok()?;
            let end: usize = end.parse::<usize>().ok()?.min(last);
            (start <= end).then_some((start, end))
        }
    }
}

/// The page with the preview's script before `</body>` (never written to disk).
fn with_script(page: &str) -> String {
    let tag = format!("<script src=\"{}\"></script></body>", overlay::SCRIPT_PATH);
    page.replacen("</body>", &tag, 1)
}

/// The file a URL path names inside the built site; never outside it.
fn file_for(root: &Path, url_path: &str) -> Option<PathBuf> {
    let relative = Path::new(url_path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => HTML,
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_queries() {
        let q = StatusQuery::of("/__shirube/status?after=12&since=4");
        assert_eq!(
            q,
            StatusQuery {
                asks_status: true,
                after: Some(12),
                since: Some(4)
            }
        );
        let q = StatusQuery::of("/__shirube/status?after=&since=");
        assert_eq!((q.asks_status, q.after, q.since), (true, None, None));
        assert!(!StatusQuery::of("/entries/a/?after=1").asks_status);
    }

    #[test]
    fn paths_stay_inside_the_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/index.html"), "x").unwrap();
        assert!(file_for(dir.path(), "/a/").is_some());
        assert!(file_for(dir.path(), "/../etc/passwd").is_none());
        assert!(file_for(dir.path(), "/a/../../x").is_none());
        assert!(file_for(dir.path(), "/nope/").is_none());
    }

    #[test]
    fn decodes_japanese_paths() {
        assert_eq!(percent_decode("/%E3%83%91%E3%83%B3"), "/パン");
        assert_eq!(percent_decode("/a%2"), "/a%2");
    }

    #[test]
    fn only_loopback_hosts() {
        for host in [
            "127.0.0.1:8000",
            "localhost:8000",
            "LOCALHOST",
            "[::1]:8000",
            "127.0.0.1",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8000",
            "127.0.0.1.evil.example",
            "0.0.0.0:8000",
            "",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn byte_ranges() {
        assert_eq!(byte_range("bytes=0-3", 10), Some((0, 3)));
        assert_eq!(byte_range("bytes=5-", 10), Some((5, 9)));
        assert_eq!(byte_range("bytes=-3", 10), Some((7, 9)));
        assert_eq!(byte_range("bytes=8-100", 10), Some((8, 9)));
        assert_eq!(byte_range("bytes=10-", 10), None);
        assert_eq!(byte_range("bytes=5-2", 10), None);
        assert_eq!(byte_range("items=0-3", 10), None);
    }
}
