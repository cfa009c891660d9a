//! The write stage: the built site lives in memory until it is complete, then goes to disk in a
//! temporary folder beside the output and is swapped in. A build that fails or is interrupted
//! leaves the last good output as it was.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Output files by path relative to the output root (`/`-separated).
#[derive(Debug, Default)]
pub struct Files {
    files: BTreeMap<String, Vec<u8>>,
    /// Files carried from disk as they are (the PDFs of an earlier output), not read into memory.
    carried: BTreeMap<String, PathBuf>,
}

impl Files {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let path = path.into();
        self.carried.remove(&path);
        self.files.insert(path, bytes.into());
    }

    /// `path` in the output is the file `from` as it is: hard-linked into the new output (copied
    /// where the file system cannot link). A file added with `add` at the same path wins.
    pub fn carry(&mut self, path: impl Into<String>, from: impl Into<PathBuf>) {
        let path = path.into();
        if !self.files.contains_key(&path) {
            self.carried.insert(path, from.into());
        }
    }

    /// Every file held in memory, with its bytes (carried files are not among them).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.files.len() + self.carried.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every path, in memory or carried, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        let mut paths: Vec<&str> = self
            .files
            .keys()
            .chain(self.carried.keys())
            .map(String::as_str)
            .collect();
        paths.sort_unstable();
        paths.into_iter()
    }
}

/// Writes every file into `.<out>.tmp-<pid>` beside `out`, then puts it in place of `out` in one
/// step. Whatever moment the process is killed at, `out` is the last complete build: before the
/// swap the old one, after it the new one. Leftover folders of killed builds are removed (or, on
/// systems without an atomic exchange, put back) by the next build.
pub fn write_atomically(files: &Files, out: &Path) -> Result<(), (PathBuf, io::Error)> {
    let out = absolute(out);
    let parent = out.parent().unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    fs::create_dir_all(parent).map_err(|e| (parent.to_path_buf(), e))?;
    recover(parent, &name, &out);
    let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let result = write_tree(files, &staging).and_then(|()| swap(&staging, &out, &old));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// Cleans up after builds that were killed: their staging folders go; an old output moved aside
/// by a swap that did not finish (only where there is no atomic exchange) comes back.
fn recover(parent: &Path, name: &str, out: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let (tmp, old) = (format!(".{name}.tmp-"), format!(".{name}.old-"));
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = file
            .strip_prefix(&tmp)
            .or_else(|| file.strip_prefix(&old))
            .and_then(|p| p.parse::<u32>().ok());
        let Some(pid) = pid else { continue };
        if pid != std::process::id() && process_alive(pid) {
            continue; // another build into the same folder, still running
        }
        if file.starts_with(&old) && !out.exists() {
            let _ = fs::rename(entry.path(), out);
        } else {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    // /proc tells on Linux; elsewhere assume alive, so nothing another build uses is removed.
    match Path::new("/proc/self").exists() {
        true => Path::new(&format!("/proc/{pid}")).exists(),
        false => true,
    }
}

fn write_tree(files: &Files, root: &Path) -> Result<(), (PathBuf, io::Error)> {
    for (rel, bytes) in &files.files {
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e))?;
        }
        fs::write(&path, bytes).map_err(|e| (path.clone(), e))?;
    }
    for (rel, from) in &files.carried {
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e))?;
        }
        // A hard link costs nothing and survives the old output's removal after the swap.
        if fs::hard_link(from, &path).is_err() {
            fs::copy(from, &path).map_err(|e| (from.clone(), e))?;
        }
    }
    // An empty site still gets its folder.
    fs::create_dir_all(root).map_err(|e| (root.to_path_buf(), e))
}

#[cfg(target_os = "linux")]
fn swap(staging: &Path, out: &Path, _old: &Path) -> Result<(), (PathBuf, io::Error)> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    if out.exists() {
        // One system call: `out` is the old build or the new one, never neither.
        match renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => {
                // `staging` now holds the previous build.
                let _ = fs::remove_dir_all(staging);
                return Ok(());
            }
            // File systems without RENAME_EXCHANGE: the two-step swap below.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err((out.to_path_buf(), e.into())),
        }
    }
    swap_in_two_steps(staging, out, _old)
}

#[cfg(not(target_os = "linux"))]
fn swap(staging: &Path, out: &Path, old: &Path) -> Result<(), (PathBuf, io::Error)> {
    swap_in_two_steps(staging, out, old)
}

/// Moves the old output aside, then the new one in. Killed between the two, `out` is missing
/// for a moment; the next build's `recover` puts the old one back.
fn swap_in_two_steps(staging: &Path, out: &Path, old: &Path) -> Result<(), (PathBuf, io::Error)> {
    let had_old = out.exists();
    if had_old {
        fs::rename(out, old).map_err(|e| (out.to_path_buf(), e))?;
    }
    if let Err(e) = fs::rename(staging, out) {
        // Put the previous output back so the site never disappears.
        if had_old {
            let _ = fs::rename(old, out);
        }
        return Err((out.to_path_buf(), e));
    }
    if had_old {
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        fs::create_dir_all(out.join("stale")).unwrap();
        fs::write(out.join("stale/old.html"), "old").unwrap();
        let mut files = Files::default();
        files.add("index.html", "new");
        write_atomically(&files, &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert!(!out.join("stale").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folders left behind");
    }

    #[test]
    fn carried_files_survive_the_swap() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("guidebook.pdf"), "%PDF old").unwrap();
        let mut files = Files::default();
        files.add("index.html", "new");
        files.carry("guidebook.pdf", out.join("guidebook.pdf"));
        write_atomically(&files, &out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("guidebook.pdf")).unwrap(),
            "%PDF old"
        );
        assert_eq!(
            files.paths().collect::<Vec<_>>(),
            ["guidebook.pdf", "index.html"]
        );
    }

    #[test]
    fn leftovers_of_killed_builds_are_cleaned_up() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        // A killed build's staging folder, and an old output moved aside by a two-step swap
        // killed half-way (no `output` at all): pid 0 is never a running build.
        fs::create_dir_all(dir.path().join(".output.tmp-0/x")).unwrap();
        fs::create_dir_all(dir.path().join(".output.old-0")).unwrap();
        fs::write(dir.path().join(".output.old-0/index.html"), "last good").unwrap();
        recover(dir.path(), "output", &out);
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "last good"
        );
        assert!(!dir.path().join(".output.tmp-0").exists());
    }
}
