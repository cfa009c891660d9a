//! Putting a staging folder in place of the output in one step, and cleaning up after builds
//! that were killed before theirs.

use std::fs;
use std::path::{Path, PathBuf};

/// A file system error, with the path it happened at.
pub(super) type WriteError = (PathBuf, std::io::Error);

/// Cleans up after builds that were killed: their staging folders become the spare (or go, when
/// there is one); an old output moved aside by a swap that did not finish (only where there is
/// no atomic exchange) comes back.
pub(super) fn recover(parent: &Path, name: &str, out: &Path, spare: &Path) {
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
        } else if spare.exists() || fs::rename(entry.path(), spare).is_err() {
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

/// Puts `staging` in place of `out`; returns where the previous output now is, if there was one.
#[cfg(target_os = "linux")]
pub(super) fn swap(staging: &Path, out: &Path, old: &Path) -> Result<Option<PathBuf>, WriteError> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    if out.exists() {
        // One system call: `out` is the old build or the new one, never neither.
        match renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE) {
            // `staging` now holds the previous build.
            Ok(()) => return Ok(Some(staging.to_path_buf())),
            // File systems without RENAME_EXCHANGE: the two-step swap below.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err((out.to_path_buf(), e.into())),
        }
    }
    swap_in_two_steps(staging, out, old)
}

#[cfg(not(target_os = "linux"))]
pub(super) fn swap(staging: &Path, out: &Path, old: &Path) -> Result<Option<PathBuf>, WriteError> {
    swap_in_two_steps(staging, out, old)
}

/// Moves the old output aside, then the new one in. Killed between the two, `out` is missing
/// for a moment; the next build's `recover` puts the old one back.
fn swap_in_two_steps(
    staging: &Path,
    out: &Path,
    old: &Path,
) -> Result<Option<PathBuf>, WriteError> {
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
    Ok(had_old.then(|| old.to_path_buf()))
}
