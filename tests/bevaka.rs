//! `uppfoljning bevaka` as kansliet runs it: the binary started in a working
//! folder holding the samples (`register.xlsx`, `rapporter/`), files dropped,
//! replaced and locked while it runs, and Ctrl+C. Every wait is for a line
//! the program prints, with a generous time limit (the machine may be
//! loaded); nothing asserts how fast it was.
//!
//! The path where Excel holds the workbook open cannot be made on Linux (a
//! file open elsewhere can still be replaced here): it is tested with a
//! writer that fails as that write fails, beside the code
//! (`src/commands/bevaka/writing.rs`).

#![cfg(unix)]

mod common;

#[allow(dead_code)]
#[path = "../examples/samples.rs"]
mod samples;

#[allow(dead_code)]
#[path = "common/tables.rs"]
mod tables;

#[allow(dead_code)]
#[path = "common/edited_samples.rs"]
mod edited_samples;

use common::samples::samples as sample_folder;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};
use tables::Book;
use uppfoljning::period::Kvartal;
use uppfoljning::template::Answer;

/// How long any one line may take to come: far more than it needs, so a
/// loaded machine does not fail the test.
const PATIENCE: Duration = Duration::from_secs(240);

const HEBY_K2: &str = "2018-K2 Heby, Individstöd i samverkan.xlsx";
const OSTHAMMAR: &str = "2017:58";
const OSTHAMMAR_K2: &str = "2018-K2 Östhammar, Bryggan.xlsx";
const UPDATED: &str = "Arbetsboken uppdaterad: ";

/// A working folder as kansliet sets it up: the register and the reports,
/// but for the files named in `without`, which are kept aside.
fn working_folder(without: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sample_folder().join("register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    let inbox = dir.path().join("rapporter");
    std::fs::create_dir(&inbox).unwrap();
    for entry in std::fs::read_dir(sample_folder().join("rapporter")).unwrap().flatten() {
        let name = entry.file_name().into_string().unwrap();
        if !without.contains(&name.as_str()) {
            std::fs::copy(entry.path(), inbox.join(&name)).unwrap();
        }
    }
    dir
}

/// The running program, its stdout read line by line.
struct Running {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Running {
    fn start(dir: &Path, args: &[&str]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_uppfoljning"))
            .arg("bevaka")
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (send, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let kept = stderr.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            kept.lock().unwrap().push_str(&text);
        });
        Running { child, lines, seen: Vec::new(), stderr }
    }

    /// The lines printed from now up to and including the first that
    /// `wanted` accepts.
    fn until(&mut self, what: &str, wanted: impl Fn(&str) -> bool) -> Vec<String> {
        let deadline = Instant::now() + PATIENCE;
        let mut lines = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    lines.push(line.clone());
                    if wanted(&line) {
                        return lines;
                    }
                }
                Err(_) => panic!(
                    "no line {what} came; printed: {:#?}\nstderr: {}",
                    self.seen,
                    self.stderr.lock().unwrap()
                ),
            }
        }
    }

    /// Waits for the next "Arbetsboken uppdaterad" line; the lines up to it.
    fn until_updated(&mut self) -> Vec<String> {
        self.until("saying the workbook was updated", |line| line.starts_with(UPDATED))
    }

    /// Ctrl+C: the exit code and the last lines.
    fn interrupt(mut self) -> (Option<i32>, Vec<String>) {
        let pid = i32::try_from(self.child.id()).unwrap();
        // SAFETY: kill(2) with our own child's pid and a signal number.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "bevaka did not stop on Ctrl+C; printed {:#?}", self.seen);
            std::thread::sleep(Duration::from_millis(50));
        };
        let rest: Vec<String> = self.lines.try_iter().collect();
        (status.code(), rest)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // A failed test must not leave the program running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The workbook `bevaka` keeps in the working folder.
fn workbook(dir: &Path) -> PathBuf {
    let mut books: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("Uppföljning "))
        .collect();
    assert_eq!(books.len(), 1, "one workbook: {books:?}");
    books.remove(0)
}

/// The files the workbook's `Källor` lists, with their SHA-256.
fn sources_in(workbook: &Path) -> Vec<(String, String)> {
    let table = Book::open(workbook).table("Kallor");
    (0..table.rows.len()).map(|row| (table.text(row, "Fil"), table.text(row, "SHA-256"))).collect()
}

fn sha256(path: &Path) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap()).iter().map(|b| format!("{b:02x}")).collect()
}

/// "Arbetsboken uppdaterad: 2 fel, …": the count of Fel.
fn fel_in(line: &str) -> usize {
    let rest = line.strip_prefix(UPDATED).unwrap_or_else(|| panic!("not an update line: {line}"));
    rest.split(' ').next().unwrap().parse().unwrap_or_else(|_| panic!("no count in {line}"))
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).unwrap().ino()
}

/// Our own staged files left in `dir` and its sub-folders.
fn staged_files(dir: &Path) -> Vec<PathBuf> {
    let mut left = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            left.extend(staged_files(&path));
        } else if uppfoljning::fsio::is_staging_name(&entry.file_name().to_string_lossy()) {
            left.push(path);
        }
    }
    left
}

#[test]
fn a_dropped_report_is_said_in_one_line_and_the_workbook_is_written_again_with_it() {
    let dir = working_folder(&[HEBY_K2]);
    // The system's change notification, as kansliet's own disk gives it.
    let mut running = Running::start(dir.path(), &[]);
    let first = running.until_updated();
    assert!(first[0].starts_with("Bevakar rapporter och register.xlsx."), "{first:?}");
    let book = workbook(dir.path());
    assert!(!sources_in(&book).iter().any(|(file, _)| file == HEBY_K2));

    let dropped = dir.path().join("rapporter").join(HEBY_K2);
    std::fs::copy(sample_folder().join("rapporter").join(HEBY_K2), &dropped).unwrap();
    let lines = running.until_updated();
    let new = format!("Ny rapport: {HEBY_K2} – ");
    assert!(lines.iter().any(|line| line.starts_with(&new)), "{lines:?}");
    assert_eq!(lines.len(), 2, "one line for the file, one for the workbook: {lines:?}");
    assert!(sources_in(&book).contains(&(HEBY_K2.to_string(), sha256(&dropped))), "Källor lists it");

    let (code, rest) = running.interrupt();
    assert_eq!(code, Some(0), "{rest:?}");
    assert_eq!(rest.last().map(String::as_str), Some("Bevakningen avslutad."));
}

#[test]
fn a_report_replaced_by_a_corrected_version_is_said_and_the_workbook_counts_it() {
    // Östhammar's report for 2018-K2 with an amount the reader rejects…
    let inbox = edited_samples::inbox_with(
        OSTHAMMAR,
        Kvartal { ar: 2018, kvartal: 2 },
        "utfall_kr",
        Answer::Text("ungefär 300 000".into()),
    );
    let dir = working_folder(&[]);
    let report = dir.path().join("rapporter").join(OSTHAMMAR_K2);
    std::fs::copy(inbox.path().join(OSTHAMMAR_K2), &report).unwrap();
    let mut running = Running::start(dir.path(), &["--polla", "0,3"]);
    let first = running.until_updated();
    assert!(first[0].contains("med 0,3 sekunders mellanrum"), "{first:?}");

    // …replaced by the corrected one (the sample as sent).
    let corrected = sample_folder().join("rapporter").join(OSTHAMMAR_K2);
    std::fs::copy(&corrected, &report).unwrap();
    let lines = running.until_updated();
    let changed = format!("Ändrad rapport: {OSTHAMMAR_K2} – ");
    assert!(lines.iter().any(|line| line.starts_with(&changed)), "{lines:?}");
    assert!(
        fel_in(lines.last().unwrap()) < fel_in(first.last().unwrap()),
        "the rejected amount's Fel is gone: {first:?} → {lines:?}"
    );
    let book = workbook(dir.path());
    assert!(sources_in(&book).contains(&(OSTHAMMAR_K2.to_string(), sha256(&corrected))));
    let (code, _) = running.interrupt();
    assert_eq!(code, Some(0));
}

#[test]
fn an_excel_lock_file_starts_no_refresh() {
    let dir = working_folder(&[]);
    let mut running = Running::start(dir.path(), &["--polla", "0,3"]);
    running.until_updated();
    let book = workbook(dir.path());
    let written = inode(&book);

    let lock = dir.path().join("rapporter").join("~$2018-K2 GESAM.xlsx");
    std::fs::write(&lock, b"kansliet").unwrap();
    // A later change that does count: the lines up to its update are all
    // that was said since the lock file came.
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(inode(&book), written, "the workbook was not written again for the lock file");
    let removed = "2018-K2 GESAM.xlsx";
    std::fs::remove_file(dir.path().join("rapporter").join(removed)).unwrap();
    let lines = running.until_updated();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0], format!("Borttagen: {removed}."));
    assert!(!sources_in(&book).iter().any(|(file, _)| file.contains("~$")));
    running.interrupt();
}

#[test]
fn ctrl_c_stops_with_exit_0_and_leaves_no_staged_file() {
    let dir = working_folder(&[HEBY_K2]);
    let mut running = Running::start(dir.path(), &["--polla", "0,3", "--aterkoppling", "aterkoppling"]);
    running.until_updated();
    // Interrupted while a dropped file is being taken in.
    std::fs::copy(
        sample_folder().join("rapporter").join(HEBY_K2),
        dir.path().join("rapporter").join(HEBY_K2),
    )
    .unwrap();
    let (code, rest) = running.interrupt();
    assert_eq!(code, Some(0), "{rest:?}");
    assert_eq!(rest.last().map(String::as_str), Some("Bevakningen avslutad."), "{rest:?}");
    assert_eq!(staged_files(dir.path()), Vec::<PathBuf>::new());
    assert!(dir.path().join("aterkoppling").is_dir(), "the feedback was written too");
}

#[test]
fn a_staged_file_a_killed_run_left_is_removed_at_start_and_a_new_one_is_not() {
    let dir = working_folder(&[]);
    let (old, young) = (dir.path().join(".uppfoljning-Ab12Cd"), dir.path().join(".uppfoljning-Xy34Zw"));
    for path in [&old, &young] {
        std::fs::write(path, b"halvskriven").unwrap();
    }
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&old).unwrap().set_modified(hour_ago).unwrap();
    let mut running = Running::start(dir.path(), &["--polla", "1"]);
    let lines = running.until_updated();
    assert!(
        lines.contains(
            &"Tog bort 1 halvskriven fil som en avbruten körning lämnat (namn som börjar med .uppfoljning-)."
                .to_string()
        ),
        "{lines:?}"
    );
    assert!(!old.exists() && young.exists());
    running.interrupt();
}

#[test]
fn a_missing_register_stops_before_watching_with_exit_2() {
    let dir = working_folder(&[]);
    std::fs::remove_file(dir.path().join("register.xlsx")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_uppfoljning"))
        .args(["bevaka", "--polla", "1"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("Fel: Hittar inget register: register.xlsx finns inte i arbetsmappen"),
        "{stderr}"
    );
}
