//! Nothing in the inbox folder may hurt a run or an input (issue 11): a named
//! pipe, a link to an endless device, a video beside the reports, a name with
//! a trailing space, a name spelled with decomposed characters, a file that
//! cannot be read. Each case is built in code; a case that once hung runs on
//! a thread with a time limit, so a regression fails instead of hanging.

mod common;

use common::gallery::write_valid;
use common::minimal_report::{MinimalReport, text};
use common::register_book::RegisterBook;
use common::test_register::register;
use std::sync::mpsc;
use std::time::Duration;
use uppfoljning::aggregate::{KallStatus, aggregate};
use uppfoljning::check::check_report;
use uppfoljning::discover::{Found, discover};
use uppfoljning::finding::Code;
use uppfoljning::inbox::{Inbox, InboxFile, read_inbox};
use uppfoljning::period::Period;
use uppfoljning::register::read_register;
use uppfoljning::report::read_report;
use uppfoljning::workbook::OpenError;

/// The valid report's name, beside whatever the case puts in the folder.
const REPORT: &str = "2018-K2 Heby.xlsx";

/// Far longer than reading a small folder takes, even on a busy machine.
const PATIENCE: Duration = Duration::from_secs(60);

/// Reads the inbox on a thread of its own: a read that blocks (a pipe) fails
/// the test after [`PATIENCE`] instead of hanging the test run.
fn read_in_time(found: Found) -> Inbox {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(read_inbox(&found));
    });
    receive.recv_timeout(PATIENCE).expect("read_inbox must finish, whatever lies in the folder")
}

fn folder_with_report() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_valid(&dir.path().join(REPORT));
    dir
}

fn file<'a>(inbox: &'a Inbox, name: &str) -> &'a InboxFile {
    inbox.files.iter().find(|f| f.source.name == name).unwrap_or_else(|| panic!("{name} in {inbox:#?}"))
}

/// The one finding of a file that is no report, as kansliet reads it.
fn skip_message(file: &InboxFile) -> &str {
    let findings = &file.outcome.findings;
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].code, Code::EjRapport);
    &findings[0].message
}

/// The valid report beside the case is read as ever.
fn assert_report_read(inbox: &Inbox) {
    let report = file(inbox, REPORT);
    assert!(report.outcome.report.is_some(), "{:#?}", report.outcome.findings);
    assert_eq!(report.sha256.len(), 64);
}

#[cfg(unix)]
fn mkfifo(path: &std::path::Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the entry.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_beside_the_reports_is_skipped_and_never_waited_for() {
    let dir = folder_with_report();
    mkfifo(&dir.path().join("följebrev.txt"));
    mkfifo(&dir.path().join("pipe.xlsx"));
    let inbox = read_in_time(discover(&[dir.path().to_path_buf()]).unwrap());
    assert_report_read(&inbox);
    for name in ["följebrev.txt", "pipe.xlsx"] {
        let pipe = file(&inbox, name);
        assert_eq!(skip_message(pipe), "Filen är en namngiven pipe, inte en vanlig fil, och läses inte.");
        assert_eq!(pipe.sha256, "");
    }
}

#[cfg(unix)]
#[test]
fn a_file_swapped_for_a_pipe_after_the_search_is_not_waited_for() {
    let dir = folder_with_report();
    std::fs::write(dir.path().join("följebrev.txt"), "abc").unwrap();
    let found = discover(&[dir.path().to_path_buf()]).unwrap();
    for name in [REPORT, "följebrev.txt"] {
        std::fs::remove_file(dir.path().join(name)).unwrap();
        mkfifo(&dir.path().join(name));
    }
    let inbox = read_in_time(found);
    let report = &file(&inbox, REPORT).outcome.findings;
    assert_eq!(report.len(), 1, "{report:#?}");
    assert_eq!(report[0].code, Code::FilOlaslig);
    let letter = file(&inbox, "följebrev.txt");
    assert_eq!(skip_message(letter), "Filen är ingen Excel-arbetsbok och hoppas över.");
    assert_eq!(letter.sha256, "");
}

#[cfg(unix)]
#[test]
fn a_link_to_an_endless_device_is_skipped_before_anything_reads_it() {
    let dir = folder_with_report();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("bilaga.pdf")).unwrap();
    let found = discover(&[dir.path().to_path_buf()]).unwrap();
    let reason = "Filen är en genväg till en enhet, inte till en vanlig fil, och läses inte.";
    // Asserted before reading: on a regression the read would not end.
    let skipped: Vec<_> = found.skipped.iter().map(|s| (s.source.name.as_str(), s.reason.as_str())).collect();
    assert_eq!(skipped, [("bilaga.pdf", reason)]);
    let inbox = read_in_time(found);
    assert_report_read(&inbox);
    let link = file(&inbox, "bilaga.pdf");
    assert_eq!(skip_message(link), reason);
    assert_eq!(link.sha256, "");
}

#[test]
fn a_large_file_beside_the_reports_gets_no_checksum_and_kansliet_is_told_why() {
    let dir = folder_with_report();
    // Sparse: 200 MB long, no disk used. Read whole, it would cost 200 MB.
    let film = std::fs::File::create(dir.path().join("film.mp4")).unwrap();
    film.set_len(200 << 20).unwrap();
    std::fs::write(dir.path().join("följebrev.txt"), "abc").unwrap();
    let inbox = read_in_time(discover(&[dir.path().to_path_buf()]).unwrap());
    assert_report_read(&inbox);
    let film = file(&inbox, "film.mp4");
    assert_eq!(
        skip_message(film),
        "Filen är ingen Excel-arbetsbok och hoppas över. Kontrollsumma (SHA-256) räknas inte: filen är över 50 MB."
    );
    assert_eq!(film.sha256, "");
    // A small file beside the reports still has its (streamed) checksum.
    let letter = file(&inbox, "följebrev.txt");
    assert_eq!(skip_message(letter), "Filen är ingen Excel-arbetsbok och hoppas över.");
    assert_eq!(letter.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    // What kansliet sees: Källor without a checksum, the reason in Kontroll.
    let s = aggregate(&register(), &[], &inbox, Period::parse("2018-K2").unwrap(), common::TODAY);
    let kalla = s.kallor.iter().find(|k| k.fil == "film.mp4").unwrap();
    assert_eq!((kalla.status, kalla.sha256.as_str()), (KallStatus::EjRapport, ""));
    assert!(
        s.fynd.iter().any(|f| f.file == "film.mp4" && f.message.contains("räknas inte: filen är över 50 MB")),
        "{:#?}",
        s.fynd
    );
}

#[test]
fn a_name_with_a_trailing_space_or_dot_is_read_as_the_workbook_windows_shows() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["2018-K2 Heby.xlsx ", "2018-K2 Heby (2).xlsx."] {
        write_valid(&dir.path().join(name));
    }
    let found = discover(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(found.skipped, []);
    let inbox = read_in_time(found);
    for name in ["2018-K2 Heby.xlsx ", "2018-K2 Heby (2).xlsx."] {
        let report = file(&inbox, name);
        assert_eq!(report.outcome.findings, [], "{name:?}");
        assert!(report.outcome.report.is_some(), "{name:?}");
    }
}

#[test]
fn an_insats_name_with_decomposed_characters_matches_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(REPORT);
    // "ö" as "o" and a combining diaeresis, as macOS writes it.
    let decomposed = "Heby, Individsto\u{308}d i samverkan";
    MinimalReport::valid().set("insats_namn", text(decomposed)).write(&path);
    let outcome = read_report(&path, REPORT);
    let name = outcome.report.as_ref().and_then(|r| r.identitet.insats_namn.clone());
    assert_eq!(name.as_deref(), Some("Heby, Individstöd i samverkan"));
    let checks = check_report(&outcome, &register(), None);
    assert!(checks.iter().all(|f| f.code != Code::InsatsnamnAvviker), "{checks:#?}");
    assert_eq!(outcome.findings, []);
}

#[test]
fn a_register_name_with_decomposed_characters_matches_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let knivsta = "Knivsta, En väg in – flera vägar ut";
    let decomposed = "Knivsta, En va\u{308}g in – flera va\u{308}gar ut";
    let book = RegisterBook::good().set("Insatser", 2, "Namn", decomposed).set("Insatser", 2, "Kortnamn", "");
    let (register, _) = read_register(&book.write(dir.path())).unwrap();
    assert_eq!(register.insats("2017:48").map(|i| i.namn.as_str()), Some(knivsta));
    let path = dir.path().join(REPORT);
    MinimalReport::valid().set("insats_id", text("2017:48")).set("insats_namn", text(knivsta)).write(&path);
    let checks = check_report(&read_report(&path, REPORT), &register, None);
    assert!(checks.iter().all(|f| f.code != Code::InsatsnamnAvviker), "{checks:#?}");
}

#[test]
fn a_file_name_with_decomposed_characters_is_shown_composed() {
    let dir = tempfile::tempdir().unwrap();
    write_valid(&dir.path().join("2018-K2 Ha\u{30a}bo.xlsx"));
    let inbox = read_in_time(discover(&[dir.path().to_path_buf()]).unwrap());
    assert_eq!(inbox.files[0].source.name, "2018-K2 Håbo.xlsx");
    assert!(inbox.files[0].outcome.report.is_some());
}

#[test]
fn a_report_moved_away_during_the_run_is_said_in_swedish() {
    let dir = folder_with_report();
    let found = discover(&[dir.path().to_path_buf()]).unwrap();
    std::fs::remove_file(dir.path().join(REPORT)).unwrap();
    let inbox = read_in_time(found);
    let findings = &file(&inbox, REPORT).outcome.findings;
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].code, Code::FilOlaslig);
    assert_eq!(
        findings[0].message,
        "Filen kunde inte öppnas: filen finns inte längre (flyttad eller borttagen under körningen). \
         Kontrollera mappen och kör igen."
    );
}

#[test]
fn a_file_that_may_not_be_read_is_said_in_swedish() {
    // As root (CI's containers) chmod 000 denies nothing: the words are
    // tested on the error itself.
    let denied = || OpenError::Io(std::io::ErrorKind::PermissionDenied.into());
    let words = "åtkomst nekad. Kontrollera att du har rätt att läsa filen, eller spara en kopia i mappen och \
                 kör igen.";
    assert_eq!(denied().to_string(), format!("filen kunde inte öppnas: {words}"));
    let finding = uppfoljning::report::messages::file_unreadable(&denied(), REPORT);
    assert_eq!(
        (finding.code, finding.message),
        (Code::FilOlaslig, format!("Filen kunde inte öppnas: {words}"))
    );
}
