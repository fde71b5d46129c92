//! No output touches an input: `--ut`, `--json` and `--aterkoppling` at the
//! register, at a report or anywhere inside the report folder are refused
//! (exit 2) before anything is written, whatever lies there; a feedback
//! folder above the report folder is used and every report is still read.
//! Each refused run leaves the working folder byte for byte as it was.

mod common;

use assert_cmd::Command;
use common::files::snapshot;
use common::samples::samples;
use std::path::Path;

const ENCRYPTED: &str = "2018-K2 Heby lösenordsskyddad.xlsx";

/// A working folder as the README describes it: `register.xlsx` and
/// `rapporter/` copied from the samples.
fn working_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(samples().join("register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    let inbox = dir.path().join("rapporter");
    std::fs::create_dir(&inbox).unwrap();
    for entry in std::fs::read_dir(samples().join("rapporter")).unwrap().flatten() {
        std::fs::copy(entry.path(), inbox.join(entry.file_name())).unwrap();
    }
    dir
}

/// `uppfoljning ARGS` in `dir`: (exit code, stdout, stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("uppfoljning").unwrap().args(args).current_dir(dir).output().unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (output.status.code().unwrap_or(-1), text(output.stdout), text(output.stderr))
}

/// Runs `args` in `dir` and checks it is refused with `message` and that
/// nothing in `dir` changed.
fn assert_refused(dir: &Path, args: &[&str], message: &str) {
    let before = snapshot(dir);
    let (code, stdout, stderr) = run_in(dir, args);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert_eq!(stderr, format!("Fel: {message}\n"));
    assert!(snapshot(dir) == before, "a refused run changes nothing: {args:?}");
}

/// The summary's line "N rapporter lästa, …".
fn reports_read(stdout: &str) -> &str {
    stdout.lines().find(|line| line.contains(" rapporter lästa")).unwrap_or_else(|| panic!("{stdout}"))
}

#[test]
fn ut_at_a_report_that_cannot_be_read_is_refused_and_the_report_kept() {
    let dir = working_folder();
    let inbox = dir.path().join("rapporter");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(ENCRYPTED),
        inbox.join(ENCRYPTED),
    )
    .unwrap();
    let gesam = std::fs::read(inbox.join("2018-K2 GESAM.xlsx")).unwrap();
    std::fs::write(inbox.join("2018-K2 GESAM avbruten.xlsx"), &gesam[..gesam.len() / 2]).unwrap();
    for report in [ENCRYPTED, "2018-K2 GESAM avbruten.xlsx"] {
        let ut = format!("rapporter/{report}");
        assert_refused(
            dir.path(),
            &["sammanstall", "--period", "2018-H1", "--ut", &ut],
            &format!(
                "--ut {ut}: filen ligger i rapportmappen rapporter, som verktyget läser. Välj en fil utanför \
                 rapportmappen, t.ex. --ut sammanstallning.xlsx."
            ),
        );
    }
}

#[test]
fn json_at_a_letter_in_the_inbox_is_refused_and_the_letter_kept() {
    let dir = working_folder();
    std::fs::write(dir.path().join("rapporter/följebrev.docx"), "Hej! Här kommer rapporten.").unwrap();
    assert_refused(
        dir.path(),
        &["sammanstall", "--period", "2018-H1", "--json", "rapporter/följebrev.docx"],
        "--json rapporter/följebrev.docx: filen ligger i rapportmappen rapporter, som verktyget läser. Välj en \
         fil utanför rapportmappen, t.ex. --json sammanstallning.json.",
    );
}

#[test]
fn ut_at_the_register_is_refused() {
    let dir = working_folder();
    assert_refused(
        dir.path(),
        &["sammanstall", "--period", "2018-H1", "--ut", "register.xlsx"],
        "--ut register.xlsx: det är registret, som verktyget läser. Välj en annan fil, t.ex. --ut \
         sammanstallning.xlsx.",
    );
}

#[test]
fn ut_in_a_folder_of_the_inbox_not_yet_made_is_refused() {
    let dir = working_folder();
    assert_refused(
        dir.path(),
        &["sammanstall", "--period", "2018-H1", "--ut", "rapporter/2018/../sammanstallning.xlsx"],
        "--ut rapporter/2018/../sammanstallning.xlsx: filen ligger i rapportmappen rapporter, som verktyget \
         läser. Välj en fil utanför rapportmappen, t.ex. --ut sammanstallning.xlsx.",
    );
    assert_refused(
        dir.path(),
        &["sammanstall", "--ut", "rapporter/styrelsen/juni.xlsx"],
        "--ut rapporter/styrelsen/juni.xlsx: filen ligger i rapportmappen rapporter, som verktyget läser. Välj \
         en fil utanför rapportmappen, t.ex. --ut sammanstallning.xlsx.",
    );
}

#[test]
fn aterkoppling_at_or_inside_the_inbox_is_refused_and_the_last_workbook_kept() {
    let dir = working_folder();
    let (code, _, stderr) = run_in(dir.path(), &["sammanstall", "--period", "2018-H1"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(dir.path().join("Uppföljning 2018-H1.xlsx").is_file());
    assert_refused(
        dir.path(),
        &["sammanstall", "--period", "2018-H1", "--aterkoppling", "rapporter"],
        "--aterkoppling rapporter: det är rapportmappen rapporter, som verktyget läser. Välj en mapp utanför \
         rapportmappen, t.ex. --aterkoppling aterkoppling.",
    );
    // Without --period too: the flag is refused before the reports are read.
    assert_refused(
        dir.path(),
        &["sammanstall", "--aterkoppling", "rapporter/svar"],
        "--aterkoppling rapporter/svar: mappen ligger i rapportmappen rapporter, som verktyget läser. Välj en \
         mapp utanför rapportmappen, t.ex. --aterkoppling aterkoppling.",
    );
}

#[test]
fn aterkoppling_in_the_working_folder_reads_every_report_and_writes_there() {
    let dir = working_folder();
    let inbox = snapshot(&dir.path().join("rapporter"));
    let (code, without, stderr) = run_in(dir.path(), &["sammanstall", "--period", "2018-H1"]);
    assert_eq!(code, 1, "the samples hold two Fel\n{without}{stderr}");
    let (code, with, stderr) =
        run_in(dir.path(), &["sammanstall", "--period", "2018-H1", "--aterkoppling", "."]);
    assert_eq!(code, 1, "the samples hold two Fel\n{with}{stderr}");
    assert_eq!(reports_read(&with), reports_read(&without));
    assert!(reports_read(&with).starts_with("36 rapporter lästa"), "{with}");
    assert!(with.contains("Återkoppling: "), "{with}");
    assert!(dir.path().join("adressater.csv").is_file());
    let drafts = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .count();
    assert!(drafts > 0, "the drafts are in the working folder");
    assert!(snapshot(&dir.path().join("rapporter")) == inbox, "nothing is written into the inbox");
}

#[test]
fn the_default_workbook_in_an_inbox_given_as_the_working_folder_is_refused() {
    let dir = working_folder();
    let inbox = dir.path().join("rapporter");
    let before = snapshot(dir.path());
    let (code, stdout, stderr) =
        run_in(&inbox, &["sammanstall", "--register", "../register.xlsx", "--period", "2018-H1", "."]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert_eq!(
        stderr,
        "Fel: Utan --ut skrivs arbetsboken i arbetsmappen, men arbetsmappen är rapportmappen ., som verktyget \
         läser. Ange med --ut en fil utanför rapportmappen.\n"
    );
    assert!(snapshot(dir.path()) == before);
}

#[test]
fn a_wrong_flag_is_refused_before_the_register_is_read() {
    let dir = working_folder();
    std::fs::write(dir.path().join("register.xlsx"), b"inget register").unwrap();
    assert_refused(
        dir.path(),
        &["sammanstall", "--json", "register.xlsx"],
        "--json register.xlsx: det är registret, som verktyget läser. Välj en annan fil, t.ex. --json \
         sammanstallning.json.",
    );
}

#[test]
fn kontrollera_with_aterkoppling_inside_the_inbox_is_refused() {
    let dir = working_folder();
    assert_refused(
        dir.path(),
        &["kontrollera", "--register", "register.xlsx", "rapporter", "--aterkoppling", "rapporter/svar"],
        "--aterkoppling rapporter/svar: mappen ligger i rapportmappen rapporter, som verktyget läser. Välj en \
         mapp utanför rapportmappen, t.ex. --aterkoppling aterkoppling.",
    );
}

#[test]
fn mall_ut_at_the_register_is_refused() {
    let dir = working_folder();
    assert_refused(
        dir.path(),
        &["mall", "--register", "register.xlsx", "--period", "2018-K2", "--ut", "register.xlsx"],
        "--ut register.xlsx: det är registret, som verktyget läser. Välj en annan plats, t.ex. --ut mallar.",
    );
}
