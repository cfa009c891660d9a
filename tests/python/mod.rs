//! The Python that reads shirube's output with parsers that are not shirube's own (icalendar,
//! jsonschema): `tests/.venv`, which `scripts/test` makes from `tests/opendata/requirements.txt`,
//! or `SHIRUBE_TEST_PYTHON`.

use std::path::PathBuf;

pub fn python() -> PathBuf {
    let path = std::env::var_os("SHIRUBE_TEST_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/.venv/bin/python")
        });
    assert!(
        path.exists(),
        "{} is missing: run scripts/test, or python3 -m venv tests/.venv && \
         tests/.venv/bin/pip install -r tests/opendata/requirements.txt",
        path.display()
    );
    path
}
