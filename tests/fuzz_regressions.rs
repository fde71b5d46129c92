//! Inputs that crashed the reader, each rebuilt as a minimal file in
//! tests/fuzz_regressions/ (`fuzz/regressions.py` writes them; the README
//! there says what each holds and where calamine panicked). Every one must be
//! read through `read_report` into one finding that names the file, never a
//! panic: the rest of a run then goes on (docs/fuzzing.md).

use std::path::{Path, PathBuf};
use uppfoljning::finding::Code;
use uppfoljning::report::{ReadOutcome, read_report};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions")
}

fn read(file: &str) -> ReadOutcome {
    read_report(&dir().join(file), file)
}

/// A file calamine cannot read: no report, one `fil-olaslig` naming it.
fn assert_unreadable(file: &str) {
    let outcome = read(file);
    assert!(outcome.report.is_none(), "{file}");
    let codes: Vec<Code> = outcome.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::FilOlaslig], "{file}: {:#?}", outcome.findings);
    assert_eq!(outcome.findings[0].file, file);
    assert!(outcome.findings[0].message.contains("Be styrgruppen"), "{}", outcome.findings[0].message);
}

/// Found by the fuzzer (report_bytes, mutating the .xls fixture).
const FOUND_BY_FUZZING: &[&str] = &["xls-lbl-formula-longer-than-record.xls", "xls-sector-beyond-end.xls"];

/// The same defect at the other places calamine 0.38's .xls parser indexes
/// a record without checking its length, found by reading its source while
/// rebuilding the fuzzer's input.
const FOUND_BESIDE_IT: &[&str] = &[
    "xls-bof-empty.xls",
    "xls-boundsheet-beyond-stream.xls",
    "xls-boundsheet-two-bytes.xls",
    "xls-codepage-one-byte.xls",
    "xls-datemode-empty.xls",
    "xls-externsheet-empty.xls",
    "xls-filepass-empty.xls",
    "xls-lbl-two-bytes.xls",
];

#[test]
fn every_input_in_the_folder_has_its_test() {
    let mut found: Vec<String> = std::fs::read_dir(dir())
        .expect("tests/fuzz_regressions")
        .map(|entry| entry.expect("a directory entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != "README.md")
        .collect();
    found.sort();
    let mut listed: Vec<String> =
        FOUND_BY_FUZZING.iter().chain(FOUND_BESIDE_IT).map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed);
}

#[test]
fn an_xls_name_whose_formula_runs_past_its_record_is_an_unreadable_file() {
    assert_unreadable("xls-lbl-formula-longer-than-record.xls");
}

#[test]
fn an_xls_whose_sector_chain_runs_past_the_end_of_the_file_is_an_unreadable_file() {
    assert_unreadable("xls-sector-beyond-end.xls");
}

#[test]
fn xls_records_too_short_for_calamine_are_an_unreadable_file() {
    for file in FOUND_BESIDE_IT {
        assert_unreadable(file);
    }
}

#[test]
fn a_crashing_file_among_reports_leaves_the_others_read() {
    let sample = "2018-K2 Heby, Individstöd i samverkan.xlsx";
    let sample_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/rapporter").join(sample);
    let before = read_report(&sample_path, sample);
    for file in FOUND_BY_FUZZING.iter().chain(FOUND_BESIDE_IT) {
        assert!(read(file).report.is_none());
    }
    let after = read_report(&sample_path, sample);
    assert!(after.report.is_some());
    assert_eq!(after.report, before.report);
    assert_eq!(after.findings, before.findings);
}
