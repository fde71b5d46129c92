//! What reading each inbox file gave, kept in memory between the refreshes of
//! `bevaka`, so a dropped file costs one file's reading, not the inbox's.
//!
//! Takes the search's result ([`Found`]) and a [`ReadCache`]; gives the same
//! [`Inbox`] [`super::read_inbox`] would give for it, and what changed since
//! the previous call ([`FileChange`]). A file is read again only when its
//! key differs: its path, its size and its modification time as the search
//! saw them (and, for a file the search set aside, the search's reason).
//! Reading is a pure function of a file's bytes, and a rewritten file gets a
//! new modification time, so an unchanged key stands for unchanged bytes.
//! (A file rewritten with the same size within the file system's timestamp
//! granularity would be missed; ext4 and NTFS keep well under a millisecond.)
//!
//! Guarantees: the result equals [`super::read_inbox`]'s for the same
//! `found` (a test compares them); files gone from the search are dropped
//! from the cache, so it never holds more than the inbox; nothing is kept
//! on disk.

use super::{Inbox, InboxFile, read_reports, read_skipped};
use crate::discover::{Found, Source};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::SystemTime;

/// What the search saw of a file: when it differs, the file is read again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    name: String,
    size: u64,
    modified: Option<SystemTime>,
    /// Why the search set it aside, or `None` for a candidate report.
    skipped: Option<String>,
}

impl Key {
    fn of(source: &Source, skipped: Option<&str>) -> Key {
        Key {
            name: source.name.clone(),
            size: source.size,
            modified: source.modified,
            skipped: skipped.map(str::to_string),
        }
    }
}

/// What reading each file of the inbox gave, by path.
#[derive(Debug, Default)]
pub struct ReadCache {
    files: HashMap<PathBuf, (Key, InboxFile)>,
}

impl ReadCache {
    pub fn new() -> ReadCache {
        ReadCache::default()
    }

    /// How many files the cache holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// A file that came, changed or went since the previous refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    /// A file the previous refresh did not have. `report`: the search took
    /// it as a candidate report (not a file set aside).
    Added { name: String, report: bool },
    /// A file whose bytes differ from what the previous refresh read.
    Changed { name: String, report: bool },
    /// A file the previous refresh had and the search no longer finds.
    Removed { name: String },
}

/// The inbox after a refresh, and what changed.
#[derive(Debug, Clone, Default)]
pub struct Refreshed {
    pub inbox: Inbox,
    /// In name order: added and changed files, then removed ones.
    pub changes: Vec<FileChange>,
    /// How many files were read (not taken from the cache).
    pub read: usize,
}

/// Reads the files of `found` whose key is not in `cache` (in parallel, as
/// [`super::read_inbox`] does), takes the others from it, and leaves in
/// `cache` exactly the files of `found`. A file read again with the same
/// bytes (touched, or saved unchanged) is no change.
pub fn read_inbox_cached(found: &Found, cache: &mut ReadCache) -> Refreshed {
    let mut previous = std::mem::take(&mut cache.files);
    let entries = found
        .reports
        .iter()
        .map(|source| (Key::of(source, None), None, source))
        .chain(found.skipped.iter().map(|s| (Key::of(&s.source, Some(&s.reason)), Some(s), &s.source)));
    let mut files: Vec<InboxFile> = Vec::with_capacity(found.reports.len() + found.skipped.len());
    let (mut to_read, mut set_aside) = (Vec::new(), Vec::new());
    for (key, skipped, source) in entries {
        match previous.remove_entry(&source.path) {
            Some((path, (old, file))) if old == key => {
                files.push(file.clone());
                cache.files.insert(path, (old, file));
            }
            // A changed file's previous reading stays in `previous` for the comparison.
            other => {
                if let Some((path, entry)) = other {
                    previous.insert(path, entry);
                }
                match skipped {
                    None => to_read.push((key, source.clone())),
                    Some(skipped) => set_aside.push((key, skipped)),
                }
            }
        }
    }
    let sources: Vec<Source> = to_read.iter().map(|(_, source)| source.clone()).collect();
    let read: Vec<InboxFile> =
        read_reports(&sources).into_iter().chain(set_aside.iter().map(|(_, s)| read_skipped(s))).collect();
    let keys =
        to_read.into_iter().map(|(key, _)| (key, true)).chain(set_aside.into_iter().map(|(k, _)| (k, false)));
    let mut changes = Vec::new();
    for ((key, report), file) in keys.zip(&read) {
        let name = file.source.name.clone();
        match previous.remove(&file.source.path) {
            None => changes.push(FileChange::Added { name, report }),
            Some((_, old)) if old.sha256 != file.sha256 || old.sha256.is_empty() => {
                changes.push(FileChange::Changed { name, report });
            }
            Some(_) => {}
        }
        cache.files.insert(file.source.path.clone(), (key, file.clone()));
    }
    // What is left was not found again.
    let mut removed: Vec<FileChange> =
        previous.into_values().map(|(key, _)| FileChange::Removed { name: key.name }).collect();
    changes.sort_by(|a, b| change_name(a).cmp(change_name(b)));
    removed.sort_by(|a, b| change_name(a).cmp(change_name(b)));
    changes.extend(removed);
    let count = read.len();
    files.extend(read);
    files.sort_by(|a, b| a.source.name.cmp(&b.source.name));
    Refreshed { inbox: Inbox { files }, changes, read: count }
}

fn change_name(change: &FileChange) -> &str {
    match change {
        FileChange::Added { name, .. } | FileChange::Changed { name, .. } | FileChange::Removed { name } => {
            name
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::discover;
    use std::path::Path;

    fn samples() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/rapporter")
    }

    /// A copy of the samples' inbox, and a file that is no report beside them.
    fn inbox() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(samples()).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
            }
        }
        std::fs::write(dir.path().join("följebrev.txt"), b"Hej!").unwrap();
        dir
    }

    /// The whole inbox as text: the cache must give what reading gives.
    fn as_text(inbox: &Inbox) -> String {
        format!("{:?}", inbox.files)
    }

    fn found(dir: &Path) -> Found {
        discover(&[dir.to_path_buf()]).unwrap()
    }

    #[test]
    fn a_first_refresh_reads_every_file_and_gives_what_read_inbox_gives() {
        let dir = inbox();
        let mut cache = ReadCache::new();
        let refreshed = read_inbox_cached(&found(dir.path()), &mut cache);
        let files = found(dir.path());
        assert_eq!(refreshed.read, files.reports.len() + files.skipped.len());
        assert_eq!(as_text(&refreshed.inbox), as_text(&super::super::read_inbox(&files)));
        assert_eq!(cache.len(), refreshed.read);
        assert!(refreshed.changes.iter().all(|c| matches!(c, FileChange::Added { .. })));
        assert!(
            refreshed.changes.contains(&FileChange::Added { name: "följebrev.txt".into(), report: false })
        );
    }

    #[test]
    fn only_a_changed_file_is_read_again_and_the_inbox_is_as_if_read_whole() {
        let dir = inbox();
        let mut cache = ReadCache::new();
        read_inbox_cached(&found(dir.path()), &mut cache);
        let unchanged = read_inbox_cached(&found(dir.path()), &mut cache);
        assert_eq!((unchanged.read, unchanged.changes.clone()), (0, vec![]));

        // One report replaced by another's bytes, one added, the letter removed.
        let reports = found(dir.path()).reports;
        let (first, second) = (&reports[0], &reports[1]);
        let replaced = std::fs::read(&second.path).unwrap();
        std::fs::write(&first.path, &replaced).unwrap();
        std::fs::write(dir.path().join("ny.xlsx"), &replaced).unwrap();
        std::fs::remove_file(dir.path().join("följebrev.txt")).unwrap();
        let files = found(dir.path());
        let refreshed = read_inbox_cached(&files, &mut cache);
        assert_eq!(refreshed.read, 2);
        assert_eq!(
            refreshed.changes,
            [
                FileChange::Changed { name: first.name.clone(), report: true },
                FileChange::Added { name: "ny.xlsx".into(), report: true },
                FileChange::Removed { name: "följebrev.txt".into() },
            ]
        );
        assert_eq!(as_text(&refreshed.inbox), as_text(&super::super::read_inbox(&files)));
        assert_eq!(cache.len(), files.reports.len() + files.skipped.len());
    }

    #[test]
    fn a_file_saved_again_with_the_same_bytes_is_read_but_no_change() {
        let dir = inbox();
        let mut cache = ReadCache::new();
        read_inbox_cached(&found(dir.path()), &mut cache);
        let report = found(dir.path()).reports[0].clone();
        let bytes = std::fs::read(&report.path).unwrap();
        // A new modification time whatever the clock's granularity.
        std::fs::remove_file(&report.path).unwrap();
        std::fs::write(&report.path, &bytes).unwrap();
        let file = std::fs::File::options().write(true).open(&report.path).unwrap();
        file.set_modified(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(86_400)).unwrap();
        let refreshed = read_inbox_cached(&found(dir.path()), &mut cache);
        assert_eq!((refreshed.read, refreshed.changes), (1, vec![]));
    }
}
