//! Search index figures at 300 and 10,000 entries (issue #4), from the real WAM open data:
//! index build time, total index size, bytes (gzip) a first query transfers, query time in Node;
//! the first queries again with one filter (the area with most entries), which adds its facet column.
//!
//!     cargo bench --bench search_bench            # needs node, and ../shared/data/wam-202503
//!     cargo bench --bench search_bench -- 52 2000 # other sizes
//!
//! Cargo.toml declares it (it lives beside the other search tests, out of Cargo's automatic
//! discovery): `[[bench]] name = "search_bench"  path = "tests/search/bench.rs"  harness = false`.
//! The first-query figures come from tests/search/bench-query.mjs, which runs the real browser
//! client on the files written here.

mod wam;

use shirube::search::build_index;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const DEFAULT_SIZES: [usize; 2] = [300, 10_000];
const BUILD_RUNS: usize = 3;

fn main() -> Result<(), String> {
    // file!() is relative to the package when built here, absolute when built by path elsewhere
    let file = Path::new(file!());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(file)
        .ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .ok_or("cannot find the repository root")?;
    let offices = wam::load_offices(&wam::data_dir(&root)?)?;
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        DEFAULT_SIZES.to_vec()
    } else {
        sizes
    };

    for size in sizes {
        let docs = wam::docs_for(&offices, size);
        let mut best = Duration::MAX;
        let mut files = Vec::new();
        for _ in 0..BUILD_RUNS {
            let started = Instant::now();
            files = build_index(&docs).map_err(|e| e.to_string())?;
            best = best.min(started.elapsed());
        }
        let total: usize = files.iter().map(|(_, bytes)| bytes.len()).sum();
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("search-bench-{size}"));
        write(&dir, &files)?;

        println!("== {} entries", docs.len());
        println!("build_index: {best:.2?} (best of {BUILD_RUNS})");
        println!(
            "index: {} files, {:.1} kB raw",
            files.len(),
            total as f64 / 1000.0
        );
        let area = commonest_area(&docs);
        for filter in [None, Some(["--area", area.as_str()])] {
            if filter.is_some() {
                println!("with the filter area = {area}:");
            }
            let output = Command::new("node")
                .arg(root.join("tests/search/bench-query.mjs"))
                .arg(&dir)
                .args(filter.iter().flatten())
                .output()
                .map_err(|e| format!("could not run node: {e}"))?;
            if !output.status.success() {
                return Err(String::from_utf8_lossy(&output.stderr).into_owned());
            }
            print_queries(&output.stdout)?;
        }
    }
    Ok(())
}

/// The area most documents are in (the first in order among equals).
fn commonest_area(docs: &[shirube::search::SearchDoc]) -> String {
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for doc in docs {
        *counts.entry(doc.area.as_str()).or_default() += 1;
    }
    let most = counts.values().copied().max().unwrap_or(0);
    counts
        .into_iter()
        .find(|&(_, n)| n == most)
        .map(|(area, _)| area.to_string())
        .unwrap_or_default()
}

fn write(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    for (rel, bytes) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn print_queries(json: &[u8]) -> Result<(), String> {
    let rows: Vec<serde_json::Value> = serde_json::from_slice(json).map_err(|e| e.to_string())?;
    println!(
        "{:<24} {:>7} {:>5} {:>9} {:>9} {:>8} {:>8}",
        "first query", "results", "files", "raw kB", "gzip kB", "cold ms", "warm ms"
    );
    for r in rows {
        println!(
            "{:<24} {:>7} {:>5} {:>9.1} {:>9.1} {:>8.1} {:>8.3}",
            r["query"].as_str().unwrap_or(""),
            r["results"],
            r["files"],
            r["rawBytes"].as_f64().unwrap_or(0.0) / 1000.0,
            r["gzipBytes"].as_f64().unwrap_or(0.0) / 1000.0,
            r["coldMs"].as_f64().unwrap_or(0.0),
            r["warmMs"].as_f64().unwrap_or(0.0),
        );
    }
    Ok(())
}
