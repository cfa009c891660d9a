//! Every input the fuzzer (`cargo run --release --example fuzz -- <target> <seconds>`) found to
//! panic is kept under `tests/fuzz/<target>/` and must now run without panicking. The seeds of
//! each target run too, so this test always has something to prove.

mod fuzz_harness;

use fuzz_harness::{Harness, TARGETS, repo, seeds};

#[test]
fn saved_fuzz_inputs_no_longer_panic() {
    let harness = Harness::new();
    let mut ran = 0;
    for target in TARGETS {
        let dir = repo().join("tests/fuzz").join(target);
        let mut inputs: Vec<Vec<u8>> = seeds(target);
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
            files.sort();
            inputs.extend(files.iter().map(|f| std::fs::read(f).unwrap()));
        }
        for input in inputs {
            harness.run(target, &input);
            ran += 1;
        }
    }
    assert!(ran >= TARGETS.len(), "ran {ran} inputs");
}
