//! HTML to PDF with the system's headless Chromium. Chromium lays out CJK text, `@page` margin
//! boxes and named pages well, embeds the system's fonts (never fetching any), and writes a
//! tagged PDF with the document's `<title>` and `lang`. Each run gets a fresh profile folder, so
//! nothing from another run, or from the user's own browser, leaks in.

use crate::lang::{Localized, Msg, msg};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Names the Debian, Ubuntu and Google packages install Chromium under, in order of preference.
const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome-stable",
    "google-chrome",
];

/// Long enough for a guide of a thousand entries on a slow machine; a hung Chromium must not
/// hang CI forever.
const TIME_LIMIT: Duration = Duration::from_secs(600);

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    ChromiumMissing,
    ChromiumNotAt(PathBuf),
    Launch {
        path: PathBuf,
        error: std::io::Error,
    },
    Failed {
        status: String,
        stderr: String,
    },
    TimedOut,
    NoDocument(PathBuf),
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl Localized for PdfError {
    fn msg(&self) -> Msg {
        const INSTALL: &str = "sudo apt-get install chromium fonts-noto-cjk";
        match self {
            PdfError::ChromiumMissing => msg(
                format!(
                    "PDF を作るための Chromium が見つかりません。\n  入れかた: {INSTALL}\n  別の場所にあるときは --chromium <Chromium の場所> で指定してください"
                ),
                format!(
                    "Chromium, which makes the PDF, was not found.\n  install it: {INSTALL}\n  or give its path with --chromium <path>"
                ),
            ),
            PdfError::ChromiumNotAt(path) => msg(
                format!(
                    "--chromium で指定された {} がありません。\n  入れかた: {INSTALL}",
                    path.display()
                ),
                format!(
                    "{}, given with --chromium, does not exist.\n  install Chromium: {INSTALL}",
                    path.display()
                ),
            ),
            PdfError::Launch { path, error } => msg(
                format!("Chromium（{}）を起動できません: {error}", path.display()),
                format!("cannot start Chromium ({}): {error}", path.display()),
            ),
            PdfError::Failed { status, stderr } => msg(
                format!(
                    "Chromium が PDF を作れませんでした（{status}）。Chromium の出力の最後:\n{stderr}"
                ),
                format!(
                    "Chromium could not make the PDF ({status}). The end of its output:\n{stderr}"
                ),
            ),
            PdfError::TimedOut => msg(
                format!(
                    "Chromium が {} 秒たっても終わらないので止めました",
                    TIME_LIMIT.as_secs()
                ),
                format!(
                    "Chromium was stopped after {} seconds without finishing",
                    TIME_LIMIT.as_secs()
                ),
            ),
            PdfError::NoDocument(path) => msg(
                format!(
                    "印刷版の文書 {} がありません（テーマに print.html がないのかもしれません）",
                    path.display()
                ),
                format!(
                    "the print document {} is missing (the theme may have no print.html)",
                    path.display()
                ),
            ),
            PdfError::Io { path, error } => msg(
                format!("{}: {error}", path.display()),
                format!("{}: {error}", path.display()),
            ),
        }
    }
}

crate::display_localized!(PdfError);

/// The print document is the site's own files, read from disk: nothing it loads should come from
/// the network, whatever a theme tries. No address resolves — bare IP addresses included, which
/// Chromium also passes through its resolver rules (Chromium 156: an `<img>` of
/// `http://127.0.0.1:<port>/` makes a request without this flag and none with it). The print
/// document's Content-Security-Policy is the second wall; `tests/print.rs` runs both against a
/// local server that must see no request.
pub const OFFLINE: [&str; 1] = ["--host-resolver-rules=MAP * ~NOTFOUND"];

/// Chromium's sandbox stays on, except as root, where Chromium refuses to start with it.
fn sandbox_flag() -> Option<&'static str> {
    running_as_root().then_some("--no-sandbox")
}

#[cfg(unix)]
fn running_as_root() -> bool {
    rustix::process::geteuid().is_root()
}

#[cfg(not(unix))]
fn running_as_root() -> bool {
    false
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> PdfError + '_ {
    move |error| PdfError::Io {
        path: path.to_path_buf(),
        error,
    }
}

#[derive(Debug, Clone)]
pub struct Chromium {
    path: PathBuf,
}

impl Chromium {
    /// The Chromium given on the command line, or the first one on `PATH`.
    pub fn find(given: Option<&Path>) -> Result<Chromium, PdfError> {
        if let Some(path) = given {
            return if path.is_file() {
                Ok(Chromium {
                    path: path.to_path_buf(),
                })
            } else {
                match find_on_path(&path.to_string_lossy()) {
                    Some(path) => Ok(Chromium { path }),
                    None => Err(PdfError::ChromiumNotAt(path.to_path_buf())),
                }
            };
        }
        NAMES
            .iter()
            .find_map(|name| find_on_path(name))
            .map(|path| Chromium { path })
            .ok_or(PdfError::ChromiumMissing)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Prints the HTML file `html` to `pdf`. The PDF is written beside its target and renamed
    /// into place, so a failed run leaves no half-written file.
    pub fn print_to_pdf(&self, html: &Path, pdf: &Path) -> Result<(), PdfError> {
        let html = std::path::absolute(html).map_err(io(html))?;
        // Chromium would print its own "file not found" page rather than fail.
        if !html.is_file() {
            return Err(PdfError::NoDocument(html));
        }
        let scratch = tempfile::tempdir().map_err(io(Path::new("(temp)")))?;
        let profile = scratch.path().join("profile");
        let made = scratch.path().join("out.pdf");
        let log_path = scratch.path().join("chromium.log");
        let log = std::fs::File::create(&log_path).map_err(io(&log_path))?;
        let mut child = Command::new(&self.path)
            .args(sandbox_flag())
            .args([
                "--headless",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
                // Bookmarks from the headings: sections, entries, index.
                "--generate-pdf-document-outline",
            ])
            .args(OFFLINE)
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", made.display()))
            .arg(file_url(&html))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            // To a file, not a pipe: Chromium is chatty, and a full pipe would block it.
            .stderr(log)
            .spawn()
            .map_err(|error| PdfError::Launch {
                path: self.path.clone(),
                error,
            })?;
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().map_err(io(&self.path))? {
                break status;
            }
            if started.elapsed() > TIME_LIMIT {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::TimedOut);
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let is_pdf = std::fs::read(&made)
            .map(|b| b.starts_with(b"%PDF"))
            .unwrap_or(false);
        if !status.success() || !is_pdf {
            return Err(PdfError::Failed {
                status: status.to_string(),
                stderr: tail(&std::fs::read_to_string(&log_path).unwrap_or_default(), 15),
            });
        }
        let staging = pdf.with_extension("pdf.tmp");
        if let Some(dir) = pdf.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        // Copy, then rename: the scratch folder may be on another file system.
        std::fs::copy(&made, &staging).map_err(io(&staging))?;
        std::fs::rename(&staging, pdf).map_err(io(pdf))?;
        Ok(())
    }
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// `file://` URL of an absolute path, percent-encoding what a URL cannot hold as is.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in crate::paths::slash(path).bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            other => url.push_str(&format!("%{other:02X}")),
        }
    }
    url
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/ガイド 1/print/index.html")),
            "file:///tmp/%E3%82%AC%E3%82%A4%E3%83%89%201/print/index.html"
        );
    }

    #[test]
    fn missing_chromium_says_how_to_install() {
        let err = Chromium::find(Some(Path::new("/nonexistent/chromium"))).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("sudo apt-get install chromium fonts-noto-cjk"),
            "{message}"
        );
    }
}
