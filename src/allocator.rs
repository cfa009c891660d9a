//! The binary's allocator: mimalloc 2 (see Cargo.toml), told to give memory back sooner.

use std::ffi::c_long;

/// See Cargo.toml: glibc's allocator was a fifth of a national build's CPU time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay`: its place in `mi_option_t` of mimalloc 2's header (the bindings
/// leave the experimental options out; the test below checks the place).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
/// mimalloc 2's default for it, in milliseconds.
const DEFAULT_PURGE_DELAY: c_long = 10;

/// Memory a build has freed goes back to the system 1 ms after it is free instead of 10: a
/// national build frees and reuses memory in bursts, and what mimalloc held free for the default
/// 10 ms was 13 MB of its peak (both editions at N = 10,000, four alternating runs: 220–225 MB →
/// 206–211 MB; plain 177–184 → 167–170 MB; the same wall and system time). Purging at once
/// (0 ms) was 4 MB lower still but cost 0.7 s of system time. A delay set by the person who runs
/// the build (`MIMALLOC_PURGE_DELAY`) is left as it is.
pub fn tune() {
    // SAFETY: plain calls into mimalloc's C API. Its options are not thread safe to set, and
    // this runs first in `main`, before the program starts any thread.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == DEFAULT_PURGE_DELAY {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHILD: &str = "SHIRUBE_TEST_ALLOCATOR_CHILD";

    fn purge_delay() -> c_long {
        // SAFETY: reading an option; the only test that sets one runs it in a process of its own.
        unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }
    }

    /// mimalloc reads `MIMALLOC_PURGE_DELAY` when a process starts: a copy of this test started
    /// with it finds the value at the place `PURGE_DELAY` names, and `tune` leaves it; started
    /// without it, the default is there and `tune` sets 1.
    #[test]
    fn the_purge_delay_is_tuned_unless_set_by_the_person() {
        if std::env::var_os(CHILD).is_some() {
            let expected = match std::env::var("MIMALLOC_PURGE_DELAY") {
                Ok(value) => value.parse().unwrap(),
                Err(_) => DEFAULT_PURGE_DELAY,
            };
            assert_eq!(purge_delay(), expected);
            tune();
            let tuned = if expected == DEFAULT_PURGE_DELAY {
                1
            } else {
                expected
            };
            assert_eq!(purge_delay(), tuned);
            return;
        }
        for delay in [None, Some("23")] {
            let mut child = std::process::Command::new(std::env::current_exe().unwrap());
            child
                .args([
                    "allocator::tests::the_purge_delay_is_tuned_unless_set_by_the_person",
                    "--exact",
                    "--test-threads=1",
                ])
                .env(CHILD, "1")
                .env_remove("MIMALLOC_PURGE_DELAY");
            if let Some(delay) = delay {
                child.env("MIMALLOC_PURGE_DELAY", delay);
            }
            let output = child.output().unwrap();
            let printed = String::from_utf8_lossy(&output.stdout);
            assert!(
                output.status.success() && printed.contains("1 passed"),
                "MIMALLOC_PURGE_DELAY={delay:?}: {printed}"
            );
        }
    }
}
