//! Any folder tree as the inbox: the walk (`discover`) and the reading
//! (`read_inbox`) over files, folders, named pipes, links to an endless
//! device and to siblings, sparse files just over the per-file limit, and
//! names of any bytes (on Unix a name need not be UTF-8).
//!
//! The input is one entry per line: a kind letter and a relative path —
//! `f` a file (a real report's bytes when the name ends in `.xlsx`, else the
//! line's own bytes), `d` a folder, `p` a named pipe, `l` a link to
//! `/dev/zero`, `s` a link to the first entry, `b` a sparse file one byte
//! over the per-file limit. Paths with `..`, a leading `/` or a NUL are left
//! out, as are more than 32 entries.
//!
//! What must hold: the walk and the reading finish (libFuzzer's -timeout
//! catches a hang, -rss_limit_mb memory beyond the reports'); every file,
//! pipe and link created is accounted for, as a report or as skipped (Excel's
//! `~$` lock files aside); nothing but a regular file has a report; no name
//! shown holds a personal identity number; and no file is changed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

const MAX_ENTRIES: usize = 32;
const MAX_DEPTH: usize = 8;

fuzz_target!(|data: &[u8]| {
    let Ok(root) = tempfile::Builder::new().prefix("uppfoljning-inbox").tempdir() else { return };
    let made = build(root.path(), data);
    let before: Vec<_> = made.iter().map(|(p, _)| std::fs::symlink_metadata(p).ok().map(|m| m.len())).collect();
    let Ok(found) = uppfoljning::discover::discover(&[root.path().to_path_buf()]) else {
        panic!("the root folder exists");
    };
    let inbox = uppfoljning::inbox::read_inbox(&found);
    for file in &inbox.files {
        assert!(!uppfoljning::pnr::contains(&file.source.name), "a personal identity number shown: {file:?}");
        if file.outcome.report.is_some() {
            let meta = std::fs::metadata(&file.source.path).expect("a report was read from somewhere");
            assert!(meta.is_file(), "a report from something that is not a regular file: {:?}", file.source);
        }
    }
    for (path, lock_file) in &made {
        let seen = inbox.files.iter().any(|f| f.source.path == *path);
        assert!(seen || *lock_file, "{path:?} was neither read nor listed as skipped");
    }
    let after: Vec<_> = made.iter().map(|(p, _)| std::fs::symlink_metadata(p).ok().map(|m| m.len())).collect();
    assert_eq!(before, after, "a file was changed");
});

/// Makes the entries of `data` under `root`; gives each leaf made (not the
/// folders) and whether it is a lock file the walk skips silently.
fn build(root: &Path, data: &[u8]) -> Vec<(PathBuf, bool)> {
    let mut made: Vec<(PathBuf, bool)> = Vec::new();
    for line in data.split(|b| *b == b'\n').take(MAX_ENTRIES) {
        let Some((&kind, name)) = line.split_first() else { continue };
        let relative = Path::new(std::ffi::OsStr::from_bytes(name));
        let plain = relative.components().all(|c| matches!(c, Component::Normal(_)));
        // Well inside the walk's depth limit, so every entry is reachable.
        if name.is_empty() || name.contains(&0) || !plain || relative.components().count() > MAX_DEPTH {
            continue;
        }
        let path = root.join(relative);
        let Some(parent) = path.parent() else { continue };
        // An entry below a link is not in the tree the walk sees (links to
        // folders are not followed): left out.
        if std::fs::create_dir_all(parent).is_err() || below_a_link(root, parent) {
            continue;
        }
        let ok = match kind {
            b'f' if name.ends_with(b".xlsx") => std::fs::write(&path, report()).is_ok(),
            b'f' => std::fs::write(&path, line).is_ok(),
            b'd' => {
                let _ = std::fs::create_dir_all(&path);
                false
            }
            b'p' => nix_mkfifo(&path),
            b'l' => std::os::unix::fs::symlink("/dev/zero", &path).is_ok(),
            b's' => match made.first() {
                Some((first, _)) => std::os::unix::fs::symlink(first, &path).is_ok(),
                None => false,
            },
            b'b' => std::fs::File::create(&path)
                .and_then(|f| f.set_len(uppfoljning::guard::MAX_FILE_BYTES + 1))
                .is_ok(),
            _ => false,
        };
        if ok && !made.iter().any(|(p, _)| *p == path) {
            let lock_file = name.rsplit(|b| *b == b'/').next().is_some_and(|n| n.starts_with(b"~$"));
            made.push((path, lock_file));
        }
    }
    made
}

/// Whether a folder between `root` and `dir` (inclusive) is a link.
fn below_a_link(root: &Path, dir: &Path) -> bool {
    dir.ancestors()
        .take_while(|a| *a != root)
        .any(|a| std::fs::symlink_metadata(a).is_ok_and(|m| m.file_type().is_symlink()))
}

fn nix_mkfifo(path: &Path) -> bool {
    let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else { return false };
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the node.
    unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) == 0 }
}

/// A real report's bytes (the Heby sample), read once.
fn report() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../samples/rapporter/2018-K2 Heby, Individstöd i samverkan.xlsx");
        std::fs::read(sample).unwrap_or_default()
    })
}
