//! bench/profile.awk, which gives each sample of a build's profile to a stage of the pipeline
//! (bench/profile): a small profile of known shape, in the text `perf script -F tid,ip,sym
//! --no-inline` prints (a line for the sample's thread, then its frames, innermost first).

use std::io::Write;
use std::process::{Command, Stdio};

/// Samples, each a list of frames (innermost first) and how many times it is repeated.
const PROFILE: &[(usize, &[&str])] = &[
    // tera rendering a page
    (
        4,
        &[
            "tera::vm::interpreter::VirtualMachine::interpret",
            "shirube::theme::Theme::render",
            "shirube::render::render_jobs::{{closure}}",
            "shirube::pipeline::build::build_keeping",
        ],
    ),
    // tera so deep that perf's copy of the stack lost its outer frames
    (
        2,
        &[
            "tera::value::Value::get_attr",
            "tera::vm::interpreter::VirtualMachine::interpret",
            "[unknown]",
        ],
    ),
    // a page's view, with the furigana style's code inside it
    (
        5,
        &[
            "shirube::view::style::get_or_read",
            "shirube::view::entries::card",
            "shirube::render::render_edition::{{closure}}",
            "shirube::render::render_jobs",
        ],
    ),
    // the search index reading a text with the same furigana style: the search index's
    (
        3,
        &[
            "shirube::view::style::get_or_read",
            "shirube::index::finish::{{closure}}",
            "shirube::index::finish",
            "rayon_core::join::join_context",
        ],
    ),
    // the kernel making a page's folder, for the pages
    (
        4,
        &[
            "ext4_mkdir",
            "vfs_mkdir",
            "__x64_sys_mkdir",
            "do_syscall_64",
            "__mkdir",
            "std::fs::DirBuilder::_create",
            "shirube::output::place::make_folders",
            "shirube::output::staging::Staging::write_hashed",
            "shirube::render::render_jobs",
        ],
    ),
    // and writing a file of the search index
    (
        1,
        &[
            "copy_folio_from_iter_atomic",
            "ksys_write",
            "do_syscall_64",
            "__GI___libc_write",
            "shirube::output::staging::Staging::write_hashed",
            "shirube::index::add",
            "shirube::index::start",
        ],
    ),
    // hashing a file of the search index as the output takes it: the search index's, not the
    // output's
    (
        1,
        &[
            "xxhash_rust::xxh3::xxh3_128",
            "shirube::output::staging::Staging::write_hashed",
            "shirube::output::Files::add",
            "shirube::index::add",
            "shirube::index::start",
        ],
    ),
    // a page's key
    (
        2,
        &[
            "shirube::render::page_key::value_hash",
            "shirube::render::page_key::PageContext::insert_value",
            "shirube::render::render_edition::{{closure}}",
        ],
    ),
    // the furigana pass over a page
    (
        1,
        &[
            "shirube::render::frame::Frame::finish_page",
            "shirube::render::render_jobs::{{closure}}",
        ],
    ),
    // reading an entry's file: a system call that makes no file of the output
    (
        2,
        &[
            "filemap_read",
            "ksys_read",
            "do_syscall_64",
            "shirube::content::load::read_text",
            "shirube::check::check_with",
        ],
    ),
    // a table made on a thread of its own at the start
    (
        1,
        &[
            "shirube::text::postal::locate",
            "std::sync::once::Once::call_once_force::{{closure}}",
            "clone3",
        ],
    ),
];

/// How many samples [`PROFILE`] has.
const TOTAL: usize = {
    let mut total = 0;
    let mut i = 0;
    while i < PROFILE.len() {
        total += PROFILE[i].0;
        i += 1;
    }
    total
};

/// `samples` of the profile's, in percent.
fn percent(samples: usize) -> f64 {
    100.0 * samples as f64 / TOTAL as f64
}

/// The profile as `perf script` prints it.
fn perf_script() -> String {
    let mut text = String::new();
    let mut address = 0x1000_u64;
    for (times, frames) in PROFILE {
        for _ in 0..*times {
            text.push_str("shirube  4242/4243\n");
            for frame in *frames {
                address += 0x10;
                text.push_str(&format!("\t    {address:x} {frame}\n"));
            }
            text.push('\n');
        }
    }
    text
}

/// The shares `bench/profile.awk` prints for `text`, as (label, percent), table by table.
fn shares(text: &str) -> Vec<Vec<(String, f64)>> {
    let mut awk = Command::new("awk")
        .args([
            "-f",
            concat!(env!("CARGO_MANIFEST_DIR"), "/bench/profile.awk"),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("awk runs");
    awk.stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = awk.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let printed = String::from_utf8(output.stdout).unwrap();
    assert!(
        printed.starts_with(&format!("{TOTAL} samples\n")),
        "{printed}"
    );
    let mut tables = Vec::new();
    for block in printed.split("\n\n").skip(1) {
        let rows = block
            .lines()
            .skip(1)
            .map(|line| {
                let (label, share) = line.rsplit_once(' ').unwrap();
                let share: f64 = share.trim_end_matches('%').parse().unwrap();
                (label.trim_end().to_string(), share)
            })
            .collect();
        tables.push(rows);
    }
    tables
}

fn share(table: &[(String, f64)], label: &str) -> f64 {
    table
        .iter()
        .find(|(l, _)| l == label)
        .unwrap_or_else(|| panic!("no row {label:?} in {table:?}"))
        .1
}

#[test]
fn samples_go_to_the_stage_whose_code_is_outermost() {
    let tables = shares(&perf_script());
    assert_eq!(tables.len(), 3, "stages, system calls, functions");
    let stages = &tables[0];
    let expected = [
        ("pages: tera", 6),
        ("pages: views", 5),
        ("files and folders of the output (kernel)", 5),
        ("search index", 4),
        ("pages: page keys", 2),
        ("reading and checking the site", 2),
        ("pages: the frame's splicing and the furigana pass", 1),
        ("other (tables made at the start, threads)", 1),
    ];
    for (label, samples) in expected {
        assert!(
            (share(stages, label) - percent(samples)).abs() < 0.05,
            "{label}: {stages:?}"
        );
    }
    assert_eq!(stages.len(), expected.len(), "{stages:?}");
    // Most first.
    assert!(stages.windows(2).all(|w| w[0].1 >= w[1].1), "{stages:?}");
}

#[test]
fn system_calls_and_innermost_functions_are_counted() {
    let tables = shares(&perf_script());
    let calls = &tables[1];
    for (call, samples) in [("mkdir", 4), ("write", 1), ("read", 2)] {
        assert!(
            (share(calls, call) - percent(samples)).abs() < 0.05,
            "{call}: {calls:?}"
        );
    }
    let none = share(calls, "(none: user space and page faults)");
    assert!((none - percent(TOTAL - 7)).abs() < 0.05, "{calls:?}");
    let functions = &tables[2];
    for (function, samples) in [("shirube::view::style::get_or_read", 8), ("ext4_mkdir", 4)] {
        assert!(
            (share(functions, function) - percent(samples)).abs() < 0.05,
            "{function}: {functions:?}"
        );
    }
}
