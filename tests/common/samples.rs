//! The shipped samples: their folder, the register read, a copy of the
//! inbox to change.

use std::path::{Path, PathBuf};
use uppfoljning::register::{Register, read_register};

pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

pub fn sample_register() -> Register {
    read_register(&samples().join("register.xlsx")).unwrap().0
}

/// A copy of the sample inbox (the memo's 36 reports) to change.
pub fn inbox_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(samples().join("rapporter")).unwrap().flatten() {
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}
