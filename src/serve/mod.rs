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
use crate::pipeline::{BuildError, BuildOptions, BuildReport};
use overlay::Status;
use std::sync::{Arc, Mutex, PoisonError};

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

    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|error| ServeError::Bind { port, error })?;
    let actual_port = server
        .server_addr()
        .to_ip()
        .map_or(port, |address| address.port());
    events.listening(&format!("http://127.0.0.1:{actual_port}/"));
    {
        let status = Arc::clone(&status);
        let out = out.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let status = Arc::clone(&status);
                let out = out.clone();
                std::thread::spawn(move || {
                    let (version, status_json) = {
                        let status = lock(&status);
                        (status.version, status.to_json())
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

    let watcher = watch::SiteWatcher::new(&options.site_dir, &options.theme_dir())
        .map_err(ServeError::Watch)?;
    while watcher.wait_for_change() {
        let result = crate::pipeline::build(&options);
        record(&result);
        events.built(&result);
    }
    Ok(())
}
