//! What the preview watches: `site.yaml`, `content/` and the theme, with the system's file
//! events (notify), so a save, a new file, a rename or a deletion rebuilds — and nothing else in
//! the site folder does (the cache `.shirube-cache/` of photos and QR codes, `output/`, `.git/`),
//! which would make every build start the next.

use notify::{Event, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

pub struct SiteWatcher {
    // Kept alive: dropping the watcher stops the events.
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    watched: Vec<PathBuf>,
    /// Absolute, as the events name paths.
    site_dir: PathBuf,
}

/// What [`SiteWatcher::next_change`] saw.
#[derive(Debug)]
pub enum Change {
    /// These paths changed (events of one save or a few close together).
    Paths(Vec<PathBuf>),
    /// Nothing changed for the time given.
    Quiet,
    /// The watcher stopped.
    Stopped,
}

/// How long after a change the build waits for the rest of a save (editors write a file in
/// several steps: a temporary file, a rename, a metadata change).
const SETTLE: Duration = Duration::from_millis(40);

impl SiteWatcher {
    pub fn new(site_dir: &Path, theme_dir: &Path) -> notify::Result<SiteWatcher> {
        // Absolute paths: the system's events name absolute paths, whatever the watch was given
        // (`shirube serve` in the site folder watches `.`, and `./content` never prefixed them).
        let absolute = |p: &Path| {
            p.canonicalize()
                .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
        };
        let site_dir = absolute(site_dir);
        let theme_dir = absolute(theme_dir);
        let (send, events) = channel();
        let mut watcher = notify::recommended_watcher(send)?;
        // The site folder itself only for site.yaml (created, renamed, saved).
        watcher.watch(&site_dir, RecursiveMode::NonRecursive)?;
        let mut watched = vec![site_dir.join("site.yaml")];
        for dir in [site_dir.join("content"), theme_dir] {
            if dir.is_dir() {
                watcher.watch(&dir, RecursiveMode::Recursive)?;
            }
            watched.push(dir);
        }
        Ok(SiteWatcher {
            _watcher: watcher,
            events,
            watched,
            site_dir,
        })
    }

    /// Waits for a change to something the site is made of, then for the save to settle, and
    /// tells which paths changed (relative to the site folder when inside it). With `quiet`,
    /// gives up after that long without one.
    pub fn next_change(&self, quiet: Option<Duration>) -> Change {
        let mut paths = BTreeSet::new();
        loop {
            let event = match quiet {
                Some(quiet) => match self.events.recv_timeout(quiet) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => return Change::Quiet,
                    Err(RecvTimeoutError::Disconnected) => return Change::Stopped,
                },
                None => match self.events.recv() {
                    Ok(event) => event,
                    Err(_) => return Change::Stopped,
                },
            };
            if let Ok(event) = event
                && self.concerns_site(&event)
            {
                self.note(&event, &mut paths);
                break;
            }
        }
        loop {
            match self.events.recv_timeout(SETTLE) {
                Ok(Ok(event)) if self.concerns_site(&event) => self.note(&event, &mut paths),
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => {
                    return Change::Paths(paths.into_iter().collect());
                }
                Err(RecvTimeoutError::Disconnected) => return Change::Stopped,
            }
        }
    }

    fn note(&self, event: &Event, paths: &mut BTreeSet<PathBuf>) {
        for path in &event.paths {
            let inside = path.strip_prefix(&self.site_dir).ok();
            paths.insert(inside.map_or_else(|| path.clone(), Path::to_path_buf));
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
