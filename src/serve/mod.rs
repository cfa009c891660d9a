//! `shirube serve`: a preview for providers and reviewers. It runs the same pipeline into a
//! temporary folder, serves it on 127.0.0.1, watches the site folder, rebuilds when a file
//! changes, and makes open pages reload themselves. A build with errors prints them, shows them
//! over the open page (`overlay.rs`) until the file is fixed, and keeps serving the last good
//! site, exactly like `build` keeps the last good `output/`.
//!
//! `http.rs` answers requests (loopback hosts only, HEAD and byte ranges), `watch.rs` says when
//! the site changed.

mod http;
mod overlay;
mod watch;

use crate::lang::{Lang, Localized, Msg, msg};
use crate::pipeline::preview::Preview;
use crate::pipeline::{BuildError, BuildOptions, BuildReport};
use overlay::Status;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    Bind {
        port: u16,
        error: Box<dyn std::error::Error + Send + Sync>,
    },
    TempDir(std::io::Error),
    Watch(notify::Error),
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
            ServeError::Watch(error) => msg(
                format!("サイトのフォルダの変更を見はれません（{error}）"),
                format!("cannot watch the site folder for changes ({error})"),
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

/// The preview's state, shared by the watcher and every connection, and the bell that wakes the
/// pages waiting for it to change.
#[derive(Default)]
struct Board {
    status: Mutex<Status>,
    bell: Condvar,
}

type Shared = Arc<Board>;

/// How long a page's request for the status is held when nothing changes (then it asks again).
const LONG_POLL: Duration = Duration::from_secs(25);

/// After edits of entries' facts, how long the preview waits for another save before it makes
/// what shows every entry (`Preview::finish`).
const FINISH_AFTER: Duration = Duration::from_millis(300);

impl Board {
    fn lock(&self) -> std::sync::MutexGuard<'_, Status> {
        // A panicking connection thread cannot leave the status half-written: every write is a
        // method of `Status` that cannot panic half-way. So a poisoned lock is still good to read.
        self.status.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn change(&self, change: impl FnOnce(&mut Status)) {
        change(&mut self.lock());
        self.bell.notify_all();
    }

    /// The status once its serial is not `seen` (at once when it is not), or after
    /// [`LONG_POLL`].
    fn wait_past(&self, seen: Option<u64>) -> std::sync::MutexGuard<'_, Status> {
        let status = self.lock();
        let Some(seen) = seen else { return status };
        self.bell
            .wait_timeout_while(status, LONG_POLL, |s| s.serial == seen)
            .map_or_else(|e| e.into_inner().0, |(status, _)| status)
    }
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
    let board: Shared = Arc::default();
    let strict = options.strict;
    let (site_dir, theme_dir) = (options.site_dir.clone(), options.theme_dir());
    let record = |result: &Result<BuildReport, BuildError>, changed: Option<&[String]>| {
        board.change(|status| match result {
            Ok(_) => status.built(changed),
            Err(error) => status.failed(overlay::failure(error, strict, lang)),
        });
    };
    // Watched before the first build and before the address is printed: a save made while the
    // first build runs, or just after the address shows, is then seen and rebuilt rather than
    // lost (a recursive watch takes a while to set up on a large `content/`).
    let watcher = watch::SiteWatcher::new(&site_dir, &theme_dir).map_err(ServeError::Watch)?;
    let mut preview = Preview::new(options);
    let first = preview.update(&[]).map(|u| u.report);
    record(&first, None);
    events.built(&first);

    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|error| ServeError::Bind { port, error })?;
    let actual_port = server
        .server_addr()
        .to_ip()
        .map_or(port, |address| address.port());
    events.listening(&format!("http://127.0.0.1:{actual_port}/"));
    {
        let board = Arc::clone(&board);
        let out = out.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let board = Arc::clone(&board);
                let out = out.clone();
                std::thread::spawn(move || {
                    let (version, status_json) = {
                        let query = http::StatusQuery::of(request.url());
                        let status = match query.asks_status {
                            true => board.wait_past(query.after),
                            false => board.lock(),
                        };
                        (status.version, status.to_json(query.since))
                    };
                    let site = http::Site {
                        root: &out,
                        version,
                        status_json,
                        lang,
                    };
                    http::respond(request, &site);
                });
            }
        });
    }

    loop {
        let wait = preview.behind().then_some(FINISH_AFTER);
        match watcher.next_change(wait) {
            watch::Change::Stopped => break,
            watch::Change::Paths(paths) => {
                let result = preview.update(&paths);
                let changed = result.as_ref().ok().and_then(|u| u.changed.clone());
                let result = result.map(|u| u.report);
                record(&result, changed.as_deref());
                events.built(&result);
            }
            // Quiet since edits of entries' facts: the pages and data that show every entry.
            watch::Change::Quiet => match preview.finish() {
                Ok(changed) if changed.is_empty() => {}
                Ok(changed) => board.change(|status| status.built(Some(&changed))),
                Err(error) => {
                    let failed = Err(error);
                    record(&failed, None);
                    events.built(&failed);
                }
            },
        }
    }
    Ok(())
}
