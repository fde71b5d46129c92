//! The benchmark's synthetic load must be what it claims: deterministic for
//! a seed, and valid reports that pass the checks like most real ones.

#[allow(dead_code)]
#[path = "../examples/loadgen.rs"]
mod loadgen;

use std::path::Path;
use uppfoljning::check::check_report;
use uppfoljning::finding::Severity;
use uppfoljning::register::read_register;
use uppfoljning::report::read_report;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_answers() {
    let (a, b, c) =
        (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let load = loadgen::generate(10, 7, a.path()).unwrap();
    assert_eq!((load.insatser, load.reports), (3, 10));
    loadgen::generate(10, 7, b.path()).unwrap();
    loadgen::generate(10, 8, c.path()).unwrap();
    assert_eq!(files(&a.path().join("rapporter")), files(&b.path().join("rapporter")));
    assert_eq!(
        std::fs::read(&load.register).unwrap(),
        std::fs::read(b.path().join("register.xlsx")).unwrap()
    );
    assert_ne!(files(&a.path().join("rapporter")), files(&c.path().join("rapporter")));
}

#[test]
fn every_generated_report_reads_and_passes_the_checks() {
    let dir = tempfile::tempdir().unwrap();
    let load = loadgen::generate(24, loadgen::DEFAULT_SEED, dir.path()).unwrap();
    let (register, register_findings) = read_register(&load.register).unwrap();
    assert!(register_findings.is_empty(), "{register_findings:#?}");
    assert_eq!(register.insatser.len(), 6);
    let reports = files(&load.rapporter);
    assert_eq!(reports.len(), 24);
    for (name, _) in reports {
        let outcome = read_report(&load.rapporter.join(&name), &name);
        assert!(outcome.report.is_some(), "{name}");
        let mut findings = outcome.findings.clone();
        findings.extend(check_report(&outcome, &register, None));
        let problems: Vec<_> = findings.iter().filter(|f| f.severity != Severity::Info).collect();
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
}
