//! The binary's allocator: mimalloc 2 (see Cargo.toml), told to give memory back sooner.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::{c_long, c_void};

/// See Cargo.toml: glibc's allocator was a fifth of a national build's CPU time.
#[global_allocator]
static ALLOCATOR: Mimalloc = Mimalloc;

/// mimalloc through its C API. The `mimalloc` crate's allocator asks for every block with
/// `mi_malloc_aligned`, whose checks of the alignment and of the block it finds were 1.7% of a
/// national build's instructions; nearly every block a build makes (strings, lists of pointers)
/// needs no more than a word's alignment, which every mimalloc block has, and is asked of
/// `mi_malloc` itself.
struct Mimalloc;

/// Every block mimalloc hands out is aligned to at least a word (its smallest size class is a
/// word, and every class a multiple of it).
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: each method hands the request to the mimalloc function made for it: `mi_malloc` and
// `mi_zalloc` only where the alignment asked is at most a word (see `WORD`), the aligned
// functions otherwise; `mi_free` frees what either made, and `mi_realloc_aligned` keeps the
// alignment (for a word or less it is `mi_realloc` itself).
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: plain calls into mimalloc; `layout` is valid (power-of-two alignment).
        unsafe {
            match layout.align() <= WORD {
                true => mi::mi_malloc(layout.size()),
                false => mi::mi_malloc_aligned(layout.size(), layout.align()),
            }
            .cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe {
            match layout.align() <= WORD {
                true => mi::mi_zalloc(layout.size()),
                false => mi::mi_zalloc_aligned(layout.size(), layout.align()),
            }
            .cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` was made by this allocator, that is by mimalloc.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` was made by mimalloc with `layout`'s alignment, which the new block keeps.
        unsafe { mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast() }
    }
}

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
/// the build (`MIMALLOC_PURGE_DELAY`) is left as it is, the default's value too: the fortieth
/// session's `MIMALLOC_PURGE_DELAY=10` was told from no setting by its value, and measured 1 ms
/// against 1 ms (BENCHMARKS.md, forty-first session: 10 ms is 20 MB more peak, 1% faster).
pub fn tune() {
    if std::env::var_os(PURGE_DELAY_VARIABLE).is_some() {
        return;
    }
    // SAFETY: plain calls into mimalloc's C API. Its options are not thread safe to set, and
    // this runs first in `main`, before the program starts any thread.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == DEFAULT_PURGE_DELAY {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 1);
        }
    }
}

/// Where mimalloc reads the delay from when the process starts.
const PURGE_DELAY_VARIABLE: &str = "MIMALLOC_PURGE_DELAY";

#[cfg(test)]
mod tests {
    use super::*;

    const CHILD: &str = "SHIRUBE_TEST_ALLOCATOR_CHILD";

    /// Every block is aligned as asked, zeroed when asked, and keeps its bytes and alignment
    /// when it grows or shrinks, for alignments from one byte to a page.
    #[test]
    fn blocks_are_aligned_zeroed_and_kept() {
        for align in (0..13).map(|shift| 1usize << shift) {
            for size in [1, 7, 8, 9, 15, 16, 17, 24, 31, 100, 1000, 5000, 70_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: sizes are non-zero; each block is freed once, with its layout.
                unsafe {
                    let zeroed = ALLOCATOR.alloc_zeroed(layout);
                    assert_eq!(zeroed as usize % align, 0, "zeroed {size} at {align}");
                    assert!((0..size).all(|i| *zeroed.add(i) == 0));
                    ALLOCATOR.dealloc(zeroed, layout);

                    let mut block = ALLOCATOR.alloc(layout);
                    assert_eq!(block as usize % align, 0, "{size} at {align}");
                    for i in 0..size {
                        *block.add(i) = i as u8;
                    }
                    let (mut layout, mut kept) = (layout, size);
                    for new_size in [size * 3, size.div_ceil(2)] {
                        block = ALLOCATOR.realloc(block, layout, new_size);
                        assert_eq!(block as usize % align, 0, "{size} → {new_size} at {align}");
                        kept = kept.min(new_size);
                        assert!((0..kept).all(|i| *block.add(i) == i as u8));
                        layout = Layout::from_size_align(new_size, align).unwrap();
                    }
                    ALLOCATOR.dealloc(block, layout);
                }
            }
        }
    }

    fn purge_delay() -> c_long {
        // SAFETY: reading an option; the only test that sets one runs it in a process of its own.
        unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }
    }

    /// mimalloc reads `MIMALLOC_PURGE_DELAY` when a process starts: a copy of this test started
    /// with it finds the value at the place `PURGE_DELAY` names, and `tune` leaves it (10, the
    /// default's value, too); started without it, the default is there and `tune` sets 1.
    #[test]
    fn the_purge_delay_is_tuned_unless_set_by_the_person() {
        if std::env::var_os(CHILD).is_some() {
            let expected = match std::env::var("MIMALLOC_PURGE_DELAY") {
                Ok(value) => value.parse().unwrap(),
                Err(_) => DEFAULT_PURGE_DELAY,
            };
            assert_eq!(purge_delay(), expected);
            tune();
            let set = std::env::var_os(PURGE_DELAY_VARIABLE).is_some();
            let tuned = if set { expected } else { 1 };
            assert_eq!(purge_delay(), tuned);
            return;
        }
        // The default's own value, set, is kept as any other.
        for delay in [None, Some("23"), Some("10")] {
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
