//! `shirube serve`: a preview for providers and reviewers. It runs the same pipeline into a
//! temporary folder, serves it on 127.0.0.1, watches the site folder, rebuilds when a file
//! changes, and makes open pages reload themselves. A build with errors prints them, shows them
//! over the open page (`overlay.rs`) until the file is fixed, and keeps serving the last good
//! site, exactly like `build` keeps the last good `output/`.
//!
//! A local preview serves one person, so it uses the standard library's TCP listener and a
//! thread per connection rather than an HTTP framework.

mod overlay;

use crate::lang::{Lang, Localized, Msg, msg};
use crate::pipeline::{BuildError, BuildOptions, BuildReport};
use overlay::Status;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    Bind { port: u16, error: std::io::Error },
    TempDir(std::io::Error),
}

impl Localized for ServeError {
    fn msg(&self) -> Msg {
        match self {
            ServeError::Bind { port, error } => msg(
                format!(
                    "127.0.0.1:{port} で待ち受けできません（{error}）。--port で別の番号を指定してください"
                ),
                format!("cannot listen on 127.0.0.1:{port} ({error}); choose another with --port"),
            ),
            ServeError::TempDir(error) => msg(
                format!("一時フォルダを作れません（{error}）"),
                format!("cannot make a temporary folder ({error})"),
            ),
        }
    }
}

crate::display_localized!(ServeError);

/// Where the preview is, and what every rebuild reports.
pub trait ServeEvents {
    fn listening(&self, url: &str);
    fn built(&self, result: &Result<BuildReport, BuildError>);
}

/// The number of the current good build, as text (for scripts and tests that need only that).
const VERSION_PATH: &str = "/__shirube/version";

/// The preview's state, shared by the watcher and every connection.
type Shared = Arc<Mutex<Status>>;

fn lock(status: &Shared) -> std::sync::MutexGuard<'_, Status> {
    // A panicking connection thread cannot leave the status half-written: every write is one
    // assignment. So a poisoned lock is still good to read.
    status.lock().unwrap_or_else(PoisonError::into_inner)
}

pub fn serve(
    options: BuildOptions,
    port: u16,
    lang: Lang,
    events: &dyn ServeEvents,
) -> Result<(), ServeError> {
    let temp = tempfile::tempdir().map_err(ServeError::TempDir)?;
    let out = temp.path().join("site");
    let options = BuildOptions {
        out_dir: out.clone(),
        ..options
    };
    let status: Shared = Arc::default();
    let record = |result: &Result<BuildReport, BuildError>| {
        let mut status = lock(&status);
        match result {
            Ok(_) => {
                status.version += 1;
                status.failure = None;
            }
            Err(error) => status.failure = Some(overlay::failure(error, options.strict, lang)),
        }
    };
    let first = crate::pipeline::build(&options);
    record(&first);
    events.built(&first);

    let listener =
        TcpListener::bind(("127.0.0.1", port)).map_err(|error| ServeError::Bind { port, error })?;
    let actual_port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    events.listening(&format!("http://127.0.0.1:{actual_port}/"));
    {
        let status = Arc::clone(&status);
        let out = out.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let status = Arc::clone(&status);
                let out = out.clone();
                std::thread::spawn(move || {
                    // A client that hangs up mid-request is not our problem.
                    let _ = respond(stream, &out, &status, lang);
                });
            }
        });
    }

    let watched = [
        options.site_dir.join("site.yaml"),
        options.site_dir.join("content"),
        options.theme_dir(),
    ];
    let mut last = fingerprint(&watched);
    loop {
        std::thread::sleep(Duration::from_millis(400));
        let now = fingerprint(&watched);
        if now != last {
            last = now;
            let result = crate::pipeline::build(&options);
            record(&result);
            events.built(&result);
        }
    }
}

/// What changes when any watched file is added, removed or saved.
fn fingerprint(paths: &[PathBuf]) -> (usize, Option<SystemTime>, u64) {
    let mut count = 0;
    let mut newest = None;
    let mut bytes = 0;
    for path in paths {
        for entry in walkdir::WalkDir::new(path)
            .into_iter()
            .filter_map(Result::ok)
        {
            if let Ok(meta) = entry.metadata()
                && meta.is_file()
            {
                count += 1;
                bytes += meta.len();
                newest = newest.max(meta.modified().ok());
            }
        }
    }
    (count, newest, bytes)
}

fn respond(stream: TcpStream, root: &Path, status: &Shared, lang: Lang) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read and drop the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return send(&mut stream, 405, "text/plain; charset=utf-8", b"GET only");
    }
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    if path == VERSION_PATH {
        let body = lock(status).version.to_string();
        return send(&mut stream, 200, "text/plain", body.as_bytes());
    }
    if path == overlay::SCRIPT_PATH {
        let kind = "text/javascript; charset=utf-8";
        return send(&mut stream, 200, kind, overlay::SCRIPT.as_bytes());
    }
    if path == overlay::STATUS_PATH {
        let body = lock(status).to_json();
        return send(&mut stream, 200, "application/json", body.as_bytes());
    }
    let html = "text/html; charset=utf-8";
    match file_for(root, &path) {
        Some(file) => {
            let bytes = std::fs::read(&file)?;
            let kind = content_type(&file);
            if kind == html {
                let page = with_script(&String::from_utf8_lossy(&bytes));
                send(&mut stream, 200, kind, page.as_bytes())
            } else {
                send(&mut stream, 200, kind, &bytes)
            }
        }
        // No good build yet: a page for the problems to show on.
        None if !root.join("index.html").is_file() => {
            let page = with_script(&overlay::waiting_page(lang));
            send(&mut stream, 200, html, page.as_bytes())
        }
        None => {
            let page = std::fs::read(root.join("404.html")).unwrap_or_default();
            let page = with_script(&String::from_utf8_lossy(&page));
            send(&mut stream, 404, html, page.as_bytes())
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
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn send(stream: &mut TcpStream, status: u16, kind: &str, body: &[u8]) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
