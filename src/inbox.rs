//! Reads every file the search found: its bytes' SHA-256, its modification
//! time and the report in it. Input files are only ever opened for reading.
//!
//! Files are read in parallel on all cores (reading is most of a run), each
//! once: its bytes are read into memory, and the checksum, the guard and
//! calamine all work on them. At most one file per core is in memory at a
//! time; what is kept of each is its typed report, its findings and where
//! each field sits (not the parsed values, which the typed report repeats),
//! so memory grows with the answers of the reports, not with their bytes.
//! The result does not depend on the order the threads finish in.
//!
//! A file that is no report is never held in memory: its checksum is
//! streamed through a fixed buffer, and one over [`MAX_FILE_BYTES`] (or no
//! regular file: a pipe, a device) gets none, with the reason in its
//! finding. So what lies beside the reports can neither fill the memory nor
//! make the run wait.
//!
//! [`cache`] keeps what reading each file gave, for `bevaka`, which reads
//! again only the files whose size or modification time changed.

pub mod cache;

use crate::discover::{Found, Skipped, Source};
use crate::finding::{Code, Finding};
use crate::guard::{MAX_FILE_BYTES, Refusal};
use crate::report::{ReadOutcome, read_report_bytes};
use chrono::{DateTime, NaiveDateTime, Utc};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::io::Read;
use std::time::SystemTime;

/// One file of the inbox, read.
#[derive(Debug, Clone)]
pub struct InboxFile {
    pub source: Source,
    /// Hex SHA-256 of the bytes; empty when the file could not be read.
    pub sha256: String,
    /// Last modification (UTC), which breaks ties between two reports of one
    /// insats and quarter with the same `rapportdatum`.
    pub modified: Option<NaiveDateTime>,
    /// The report as read, its parsed values forgotten
    /// ([`crate::report::Values::forget_values`]).
    pub outcome: ReadOutcome,
}

/// Files read in parallel before what is kept of them is copied together.
const CHUNK: usize = 256;

/// Every file found, in the search's order (sorted by name).
#[derive(Debug, Clone, Default)]
pub struct Inbox {
    pub files: Vec<InboxFile>,
}

/// Reads every candidate report in `found`; skipped files become files
/// without a report and an `ej-rapport` finding.
pub fn read_inbox(found: &Found) -> Inbox {
    let mut files = read_reports(&found.reports);
    files.extend(found.skipped.iter().map(read_skipped));
    files.sort_by(|a, b| a.source.name.cmp(&b.source.name));
    Inbox { files }
}

/// Reads `reports` in parallel, in their order.
fn read_reports(reports: &[Source]) -> Vec<InboxFile> {
    let bar = crate::progress::files_bar(reports.len());
    let mut files: Vec<InboxFile> = Vec::with_capacity(reports.len());
    for chunk in reports.chunks(CHUNK) {
        let read: Vec<InboxFile> = chunk
            .par_iter()
            .map(|source| {
                if !bar.is_hidden() {
                    bar.set_message(source.name.clone());
                }
                let file = read_file(source);
                bar.inc(1);
                file
            })
            .collect();
        // Kept as copies made here: made on a reading thread, each file's few
        // kept bytes lie among calamine's freed buffers and keep their pages
        // resident (docs/performance.md).
        files.extend(read.iter().cloned());
    }
    bar.finish_and_clear();
    files
}

/// A file the search set aside: no report, its checksum streamed, and an
/// `ej-rapport` finding with the search's reason.
fn read_skipped(skipped: &Skipped) -> InboxFile {
    let source = skipped.source.clone();
    let mut file = metadata_only(&source);
    let reason = match streamed_sha256(&source) {
        Ok(sha256) => {
            file.sha256 = sha256;
            skipped.reason.clone()
        }
        Err(Some(why)) => format!("{} {why}", skipped.reason),
        Err(None) => skipped.reason.clone(),
    };
    file.outcome.findings.push(Finding::new(Code::EjRapport, &source.name, reason));
    file
}

fn read_file(source: &Source) -> InboxFile {
    let mut file = InboxFile {
        source: source.clone(),
        sha256: String::new(),
        modified: modified(source.modified),
        outcome: empty_outcome(source),
    };
    match crate::guard::read(&source.path) {
        Ok(bytes) => {
            file.sha256 = sha256_hex(&bytes);
            file.outcome = read_report_bytes(bytes.into(), &source.path, &source.name);
            // Held for every report until the workbook is written; the
            // checks need only where each field is and whether it was answered.
            file.outcome.values.forget_values();
        }
        Err(refusal) => {
            let error = crate::workbook::OpenError::from(refusal);
            file.outcome.findings.push(crate::report::messages::file_unreadable(&error, &source.name));
        }
    }
    file
}

fn metadata_only(source: &Source) -> InboxFile {
    InboxFile {
        source: source.clone(),
        sha256: String::new(),
        modified: modified(source.modified),
        outcome: empty_outcome(source),
    }
}

/// The SHA-256 of a file that is no report, read through a fixed buffer and
/// never past [`MAX_FILE_BYTES`]. `Err` when there is none, with the reason
/// to add to the file's finding; `Err(None)` for an entry that is no
/// regular file, whose finding already says it is not read.
fn streamed_sha256(source: &Source) -> Result<String, Option<String>> {
    let too_large = || {
        Some(format!(
            "Kontrollsumma (SHA-256) räknas inte: filen är över {}.",
            crate::guard::megabytes(MAX_FILE_BYTES)
        ))
    };
    if !source.regular {
        return Err(None);
    }
    if source.size > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let unreadable = |error: &std::io::Error| {
        Some(format!("Kontrollsumma (SHA-256) kunde inte räknas: {}", crate::fsio::read_reason(error)))
    };
    let (file, len) = match crate::guard::open_regular(&source.path) {
        Ok(opened) => opened,
        Err(Refusal::Io(error)) => return Err(unreadable(&error)),
        // Swapped for something else since the search: not read.
        Err(Refusal::Unreadable(_) | Refusal::TooLarge(_)) => return Err(None),
    };
    if len > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mut hasher = Sha256::new();
    // io::copy reads through a fixed buffer; the bound holds if the file grows.
    let read = std::io::copy(&mut file.take(MAX_FILE_BYTES + 1), &mut hasher).map_err(|e| unreadable(&e))?;
    if read > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(hex(&hasher.finalize()))
}

fn empty_outcome(source: &Source) -> ReadOutcome {
    ReadOutcome { file: source.name.clone(), report: None, values: Default::default(), findings: Vec::new() }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    let mut hex = String::with_capacity(digest.len() * 2);
    for byte in digest {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// The modification time the search read, in UTC.
fn modified(time: Option<SystemTime>) -> Option<NaiveDateTime> {
    Some(DateTime::<Utc>::from(time?).naive_utc())
}
