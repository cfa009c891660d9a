//! What the preview watches: `site.yaml`, `content/` and the theme, with the system's file
//! events (notify), so a save, a new file, a rename or a deletion rebuilds — and nothing else in
//! the site folder does (the photo cache `.shirube-cache/`, `output/`, `.git/`), which would make
//! every build start the next.

use notify::{Event, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

pub struct SiteWatcher {
    // Kept alive: dropping the watcher stops the events.
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    watched: Vec<PathBuf>,
}

/// How long after a change the build waits for the rest of a save (editors write a file in
/// several steps: a temporary file, a rename, a metadata change).
const SETTLE: Duration = Duration::from_millis(120);

impl SiteWatcher {
    pub fn new(site_dir: &Path, theme_dir: &Path) -> notify::Result<SiteWatcher> {
        let (send, events) = channel();
        let mut watcher = notify::recommended_watcher(send)?;
        // The site folder itself only for site.yaml (created, renamed, saved).
        watcher.watch(site_dir, RecursiveMode::NonRecursive)?;
        let mut watched = vec![site_dir.join("site.yaml")];
        for dir in [site_dir.join("content"), theme_dir.to_path_buf()] {
            if dir.is_dir() {
                watcher.watch(&dir, RecursiveMode::Recursive)?;
            }
            watched.push(dir);
        }
        Ok(SiteWatcher {
            _watcher: watcher,
            events,
            watched,
        })
    }

    /// Waits for a change to something the site is made of, then for the save to settle.
    /// `false` when the watcher stopped.
    pub fn wait_for_change(&self) -> bool {
        loop {
            match self.events.recv() {
                Ok(Ok(event)) if self.concerns_site(&event) => break,
                Ok(_) => continue,
                Err(_) => return false,
            }
        }
        loop {
            match self.events.recv_timeout(SETTLE) {
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => return true,
                Err(RecvTimeoutError::Disconnected) => return false,
            }
        }
    }

    fn concerns_site(&self, event: &Event) -> bool {
        !event.kind.is_access()
            && event
                .paths
                .iter()
                .any(|p| self.watched.iter().any(|w| p.starts_with(w)))
    }
}
