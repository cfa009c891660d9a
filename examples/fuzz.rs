//! A time-bounded mutation fuzzer for the parsers that read strangers' files, on stable Rust
//! (cargo-fuzz needs a nightly toolchain this project cannot assume).
//!
//! ```sh
//! cargo run --release --example fuzz -- <target> <seconds>    # targets: see TARGETS
//! ```
//!
//! Each target starts from real inputs (the base fixture's entries, the WAM fixture CSVs) and
//! mutates them with the operations that break parsers: inserting the characters YAML, Markdown
//! and the ruby notation care about, deleting, duplicating and splicing ranges, flipping bytes.
//! Every input runs under `catch_unwind`; one that panics is written to
//! `tests/fuzz/<target>/<hash>.txt`, where `tests/fuzz_regressions.rs` runs it on every test run.
//! It prints iterations and panics found. It is not coverage-guided: it finds what random
//! structure-aware mutation finds, which is why it runs for minutes, not seconds.

#[path = "../tests/fuzz_harness/mod.rs"]
mod fuzz_harness;

use fuzz_harness::{Harness, Rng, TARGETS, mutate, repo, seeds};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(target), Some(seconds)) = (args.get(1), args.get(2).and_then(|s| s.parse().ok()))
    else {
        eprintln!("usage: fuzz <{}> <seconds>", TARGETS.join("|"));
        std::process::exit(2);
    };
    if !TARGETS.contains(&target.as_str()) {
        eprintln!("unknown target {target}: {}", TARGETS.join(", "));
        std::process::exit(2);
    }
    let harness = Harness::new();
    let seeds = seeds(target);
    let out = repo().join("tests/fuzz").join(target);
    // Silence the default hook: a panic is reported by saving its input, once.
    std::panic::set_hook(Box::new(|_| {}));
    let start_seed = 0x5eed ^ fnv(target.as_bytes());
    let mut rng = Rng(start_seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut runs, mut panics) = (0u64, 0u64);
    while Instant::now() < deadline {
        let seed = &seeds[rng.below(seeds.len())];
        let other = &seeds[rng.below(seeds.len())];
        let input = mutate(seed, other, &mut rng);
        runs += 1;
        if catch_unwind(AssertUnwindSafe(|| harness.run(target, &input))).is_err() {
            panics += 1;
            std::fs::create_dir_all(&out).unwrap();
            let file = out.join(format!("{:016x}.txt", fnv(&input)));
            std::fs::write(&file, &input).unwrap();
            println!("panic: {}", file.display());
        }
    }
    println!("{target}: {runs} inputs in {seconds} s (seed {start_seed:#x}), {panics} panics");
}
