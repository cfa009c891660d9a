//! `shirube serve` as a provider uses it: the preview answers on 127.0.0.1, a saved change is
//! rebuilt and shown, and a broken save keeps the last good pages.

mod common;
use common::copy_dir;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills the preview however the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to the preview");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Polls (bounded) until the build number differs from `from`.
fn wait_for_new_build(port: u16, from: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, version) = get(port, "/__shirube/version");
        if version != from {
            return version;
        }
        assert!(Instant::now() < deadline, "no rebuild within 30 s");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Starts the preview of `site` on a free port; kills it when the guard is dropped.
fn start(site: &std::path::Path) -> (Server, u16) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shirube"));
    command.args(["serve", "--port", "0"]).arg(site);
    start_command(command)
}

/// Starts the preview the way README says, in the site's folder (`shirube serve`, no folder
/// named: the site is `.`).
fn start_in(site: &std::path::Path) -> (Server, u16) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shirube"));
    command.args(["serve", "--port", "0"]).current_dir(site);
    start_command(command)
}

fn start_command(mut command: Command) -> (Server, u16) {
    let child = command
        .env("SHIRUBE_TODAY", "2026-11-01")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the preview");
    let mut server = Server(child);
    let mut lines = BufReader::new(server.0.stdout.take().unwrap()).lines();
    let port: u16 = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| {
            l.split("http://127.0.0.1:")
                .nth(1)
                .and_then(|rest| rest.split('/').next())
                .and_then(|p| p.parse().ok())
        })
        .expect("the preview prints its address");
    // Keep reading stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (server, port)
}

#[test]
fn preview_rebuilds_on_save_and_keeps_the_last_good_site() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    copy_dir(&repo.join("tests/fixtures/base"), site.path());
    let (_server, port) = start(site.path());

    let (status, home) = get(port, "/");
    assert_eq!(status, 200);
    assert!(home.contains("<h1>"), "{home}");
    assert!(
        home.contains("<script src=\"/__shirube/preview.js\">"),
        "the preview's script is injected"
    );
    assert_eq!(get(port, "/../../etc/passwd").0, 404);

    let entry = site.path().join("content/entries/midori.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    let (_, first) = get(port, "/__shirube/version");
    std::fs::write(
        &entry,
        text.replacen("summary:", "summary: 新しい説明です。", 1),
    )
    .unwrap();
    let second = wait_for_new_build(port, &first);
    let (_, page) = get(port, "/entries/midori/");
    assert!(
        page.contains("新しい説明です。"),
        "the saved change is shown"
    );

    // A broken save: errors are printed, the last good pages stay.
    std::fs::write(&entry, "---\nname: [\n---\n").unwrap();
    std::thread::sleep(Duration::from_secs(2));
    let (_, version) = get(port, "/__shirube/version");
    assert_eq!(
        version, second,
        "a failed build does not count as a new build"
    );
    let (status, page) = get(port, "/entries/midori/");
    assert_eq!(status, 200);
    assert!(page.contains("新しい説明です。"));

    // The open page learns the problems of the last save, in the provider's words, with where
    // they are (it shows them over itself: tests/browser/preview.test.mjs).
    let broken = text.replacen("kana: ", "kana：", 1);
    std::fs::write(&entry, &broken).unwrap();
    let failure = wait_for_status(port, |s| {
        s["failure"]["problems"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("全角の「：」"))
    });
    assert_eq!(failure["version"].as_u64().unwrap().to_string(), second);
    assert_eq!(
        failure["failure"]["problems"][0]["where"],
        "content/entries/midori.md:4:5"
    );
    let (status, script) = get(port, "/__shirube/preview.js");
    assert_eq!(status, 200);
    assert!(
        script.contains("/__shirube/status"),
        "the script polls the status"
    );

    // Fixed: no failure, a new build.
    std::fs::write(&entry, &text).unwrap();
    let fixed = wait_for_status(port, |s| s["failure"].is_null());
    assert!(fixed["version"].as_u64().unwrap() > second.parse::<u64>().unwrap());

    // A rename alone (same bytes, same times) rebuilds: the page moves with the file.
    let before = fixed["version"].as_u64().unwrap().to_string();
    let entries = site.path().join("content/entries");
    std::fs::rename(entries.join("hoshino.md"), entries.join("hoshino-foods.md")).unwrap();
    wait_for_new_build(port, &before);
    assert_eq!(get(port, "/entries/hoshino-foods/").0, 200);
    assert_eq!(get(port, "/entries/hoshino/").0, 404);
}

/// A request with the given Host and extra header lines; the raw response.
/// A save made the moment the address is printed is rebuilt: the preview watches the site
/// before it prints where it answers (it once watched after, and a save in between was lost).
#[test]
fn a_save_right_after_the_address_is_printed_is_rebuilt() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    copy_dir(&repo.join("tests/fixtures/base"), site.path());
    let entry = site.path().join("content/entries/midori.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    let (_server, port) = start(site.path());
    // No request first: the save follows the printed address at once.
    std::fs::write(
        &entry,
        text.replacen("summary:", "summary: すぐあとの説明です。", 1),
    )
    .unwrap();
    // The first build is version 1; the save's build comes after it.
    wait_for_new_build(port, "1");
    let (_, page) = get(port, "/entries/midori/");
    assert!(page.contains("すぐあとの説明です。"), "the save is shown");
}

fn raw(port: u16, request: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to the preview");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

#[test]
fn preview_answers_only_loopback_hosts_and_speaks_http() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    copy_dir(&repo.join("tests/fixtures/base"), site.path());
    let (_server, port) = start(site.path());

    // DNS rebinding: a page of evil.example that resolves to 127.0.0.1 gets nothing.
    let rebound = raw(
        port,
        "GET / HTTP/1.1\r\nHost: evil.example:8000\r\nConnection: close\r\n\r\n",
    );
    assert!(rebound.starts_with("HTTP/1.1 403"), "{rebound}");
    let nameless = raw(port, "GET / HTTP/1.0\r\n\r\n");
    assert!(
        nameless.starts_with("HTTP/1.0 403") || nameless.starts_with("HTTP/1.1 403"),
        "{nameless}"
    );

    // HEAD: the headers of GET, no body.
    let head = raw(
        port,
        "HEAD /static/css/site.css HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    );
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(
        head.to_ascii_lowercase().contains("content-type: text/css"),
        "{head}"
    );
    assert!(
        head.ends_with("\r\n\r\n"),
        "no body after the headers: {head}"
    );

    // A byte range, and one that cannot be satisfied.
    let css = std::fs::read_to_string(repo.join("themes/default/static/css/site.css")).unwrap();
    let part = raw(
        port,
        "GET /static/css/site.css HTTP/1.1\r\nHost: localhost\r\nRange: bytes=0-9\r\nConnection: close\r\n\r\n",
    );
    assert!(part.starts_with("HTTP/1.1 206"), "{part}");
    assert!(
        part.to_ascii_lowercase()
            .contains(&format!("content-range: bytes 0-9/{}", css.len())),
        "{part}"
    );
    assert!(part.ends_with(&css[..10]), "{part}");
    let beyond = raw(
        port,
        &format!(
            "GET /static/css/site.css HTTP/1.1\r\nHost: localhost\r\nRange: bytes={}-\r\nConnection: close\r\n\r\n",
            css.len()
        ),
    );
    assert!(beyond.starts_with("HTTP/1.1 416"), "{beyond}");
}

/// Polls (bounded) the preview's status until `ready` says so.
fn wait_for_status(port: u16, ready: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let status = status(port, "");
        if ready(&status) {
            return status;
        }
        assert!(Instant::now() < deadline, "not within 30 s: {status}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The preview's status as JSON (`Null` when the answer is not JSON), asked with `query`.
fn status(port: u16, query: &str) -> serde_json::Value {
    let (_, body) = get(port, &format!("/__shirube/status{query}"));
    serde_json::from_str(&body).unwrap_or_default()
}

/// The pages a status answer says changed.
fn changed_pages(answer: &serde_json::Value) -> Vec<String> {
    answer["changed"]
        .as_array()
        .unwrap_or_else(|| panic!("only some pages changed: {answer}"))
        .iter()
        .filter_map(|p| p.as_str().map(str::to_string))
        .collect()
}

/// An open page's request for the status is held until something changes, then answered with
/// the pages the build changed: an edit of an entry's facts changes that entry's pages and the
/// listings with its card, not the home page, which therefore does not reload.
#[test]
fn an_open_page_hears_of_a_change_at_once_with_the_pages_it_changed() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    copy_dir(&repo.join("tests/fixtures/base"), site.path());
    // Started in the site's folder: the events name absolute paths, the site is `.` (this
    // preview once never rebuilt when started so).
    let (_server, port) = start_in(site.path());
    let now = status(port, "");
    let (serial, version) = (
        now["serial"].as_u64().unwrap(),
        now["version"].as_u64().unwrap(),
    );

    let held = std::thread::spawn(move || {
        let asked = Instant::now();
        let answer = status(port, &format!("?after={serial}&since={version}"));
        (asked.elapsed(), answer)
    });
    std::thread::sleep(Duration::from_millis(1500));
    assert!(!held.is_finished(), "held while nothing changes");
    // さくら家族会: no event names it (an event shows the address of the entry it names).
    let entry = site.path().join("content/entries/sakura.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(&entry, text.replacen("毎月第2土曜日", "毎月第3土曜日", 1)).unwrap();
    let (waited, answer) = held.join().unwrap();
    assert!(
        waited >= Duration::from_millis(1500),
        "answered only after the save"
    );
    assert_eq!(answer["version"].as_u64(), Some(version + 1), "{answer}");
    let changed = changed_pages(&answer);
    assert!(
        changed.iter().any(|p| p == "/entries/sakura/"),
        "{changed:?}"
    );
    assert!(
        changed.iter().any(|p| p == "/furigana/entries/sakura/"),
        "{changed:?}"
    );
    assert!(
        !changed.iter().any(|p| p == "/"),
        "the home page does not show it: {changed:?}"
    );
    let (_, page) = get(port, "/entries/sakura/");
    assert!(page.contains("毎月第3土曜日"));

    // Then what shows every entry (search, open data) follows, without the entry's page.
    let serial = answer["serial"].as_u64().unwrap();
    let rest = changed_pages(&status(
        port,
        &format!("?after={serial}&since={}", version + 1),
    ));
    assert!(rest.iter().any(|p| p == "/search/"), "{rest:?}");
    assert!(!rest.iter().any(|p| p == "/entries/sakura/"), "{rest:?}");
}
