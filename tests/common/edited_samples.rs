//! The samples' inbox with one report written again from the samples'
//! readable source with one answer changed. Included with `#[path]` by the
//! tests that need it, beside `mod samples` (`examples/samples.rs`).

use crate::common::samples::inbox_copy;
use crate::samples::Source;
use std::sync::OnceLock;
use uppfoljning::period::Kvartal;
use uppfoljning::template::Answer;

/// The samples' source, read once per test binary.
pub fn source() -> &'static Source {
    static SOURCE: OnceLock<Source> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let dir = crate::common::samples::samples().join("source");
        Source::read(&dir).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// The samples' inbox with the report of `id` for `kvartal` written again
/// with `field` answered `answer`.
pub fn inbox_with(id: &str, kvartal: Kvartal, field: &'static str, answer: Answer) -> tempfile::TempDir {
    let dir = inbox_copy();
    let mut report = source().report(id, kvartal).expect("a sample report").clone();
    report.answers.insert(field, answer);
    let (name, bytes) = source().workbook(&report).unwrap();
    let path = dir.path().join(name);
    assert!(path.is_file(), "the changed report replaces the sample's");
    std::fs::write(&path, bytes).unwrap();
    dir
}
