//! Reads every file the search found: its bytes' SHA-256, its modification
//! time and the report in it. Input files are only ever opened for reading.

use crate::discover::{Found, Source};
use crate::finding::{Code, Finding};
use crate::report::{ReadOutcome, read_report};
use chrono::{DateTime, NaiveDateTime, Utc};
use sha2::{Digest, Sha256};
use std::path::Path;

/// One file of the inbox, read.
#[derive(Debug, Clone)]
pub struct InboxFile {
    pub source: Source,
    /// Hex SHA-256 of the bytes; empty when the file could not be read.
    pub sha256: String,
    /// Last modification (UTC), which breaks ties between two reports of one
    /// insats and quarter with the same `rapportdatum`.
    pub modified: Option<NaiveDateTime>,
    pub outcome: ReadOutcome,
}

/// Every file found, in the search's order (sorted by name).
#[derive(Debug, Clone, Default)]
pub struct Inbox {
    pub files: Vec<InboxFile>,
}

/// Reads every candidate report in `found`; skipped files become files
/// without a report and an `ej-rapport` finding.
pub fn read_inbox(found: &Found) -> Inbox {
    let bar = crate::progress::files_bar(found.reports.len());
    let mut files: Vec<InboxFile> = found
        .reports
        .iter()
        .map(|source| {
            bar.set_message(source.name.clone());
            let file = read_file(source);
            bar.inc(1);
            file
        })
        .collect();
    bar.finish_and_clear();
    files.extend(found.skipped.iter().map(|skipped| {
        let source = skipped.source.clone();
        let mut file = metadata_only(&source);
        file.outcome.findings.push(Finding::new(Code::EjRapport, &source.name, &skipped.reason));
        file
    }));
    files.sort_by(|a, b| a.source.name.cmp(&b.source.name));
    Inbox { files }
}

fn read_file(source: &Source) -> InboxFile {
    let mut file = metadata_only(source);
    file.outcome = read_report(&source.path, &source.name);
    file
}

fn metadata_only(source: &Source) -> InboxFile {
    InboxFile {
        source: source.clone(),
        sha256: sha256_of(&source.path).unwrap_or_default(),
        modified: modified(&source.path),
        outcome: ReadOutcome {
            file: source.name.clone(),
            report: None,
            values: Default::default(),
            findings: Vec::new(),
        },
    }
}

fn sha256_of(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    let digest = Sha256::digest(&bytes);
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}

fn modified(path: &Path) -> Option<NaiveDateTime> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(DateTime::<Utc>::from(time).naive_utc())
}
