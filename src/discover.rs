//! Finds the report files among the paths kansliet gives: files as they
//! are, folders searched (sub-folders too) for spreadsheets.
//!
//! Guarantees: the result is sorted, so runs are repeatable; Excel's lock
//! files (`~$…`) are skipped silently; anything else that is not a
//! spreadsheet is listed as skipped with its reason, never dropped unseen;
//! symbolic links to folders are not followed (no loop can form) and the
//! depth is bounded. Nothing is opened for writing.

use std::fs;
use std::path::{Path, PathBuf};

/// How deep into sub-folders the search goes: far more than any inbox
/// (`rapporter/2018/K2/…`), and a bound no folder structure can exceed.
pub const MAX_DEPTH: usize = 16;

/// File name endings calamine can read as a workbook.
pub const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// One candidate report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    pub path: PathBuf,
    /// The name shown to people: relative to the folder given, or the
    /// file's name when a file was given.
    pub name: String,
}

/// A file that was seen and not taken as a candidate report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    pub source: Source,
    /// Swedish, for the person reading the summary.
    pub reason: String,
}

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub reports: Vec<Source>,
    pub skipped: Vec<Skipped>,
}

/// A path given on the command line that does not exist.
#[derive(Debug, thiserror::Error)]
#[error("Hittar inte {0}. Kontrollera sökvägen.")]
pub struct NotFound(pub String);

/// Searches `paths` (files or folders) for reports.
pub fn discover(paths: &[PathBuf]) -> Result<Found, NotFound> {
    let mut found = Found::default();
    for path in paths {
        let meta = fs::metadata(path).map_err(|_| NotFound(path.display().to_string()))?;
        if meta.is_dir() {
            walk(path, path, 0, &mut found);
        } else {
            let name = file_name(path);
            classify(Source { path: path.clone(), name }, &mut found);
        }
    }
    found.reports.sort();
    found.reports.dedup();
    found.skipped.sort();
    found.skipped.dedup();
    Ok(found)
}

fn file_name(path: &Path) -> String {
    shown(path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()))
}

fn walk(root: &Path, dir: &Path, depth: usize, found: &mut Found) {
    let Ok(entries) = fs::read_dir(dir) else {
        let name = relative_name(root, dir);
        let reason = "Mappen kunde inte läsas (saknas behörighet?).".to_string();
        found.skipped.push(Skipped { source: Source { path: dir.to_path_buf(), name }, reason });
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // symlink_metadata: a link to a folder is not followed, so no loop.
        let Ok(meta) = fs::symlink_metadata(&path) else { continue };
        let name = relative_name(root, &path);
        if meta.is_dir() {
            if depth + 1 < MAX_DEPTH {
                walk(root, &path, depth + 1, found);
            } else {
                let reason = format!("Mappen ligger djupare än {MAX_DEPTH} nivåer och söks inte igenom.");
                found.skipped.push(Skipped { source: Source { path, name }, reason });
            }
        } else if meta.file_type().is_symlink() && fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            let reason = "En genväg till en mapp följs inte.".to_string();
            found.skipped.push(Skipped { source: Source { path, name }, reason });
        } else {
            classify(Source { path, name }, found);
        }
    }
}

fn relative_name(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    shown(name)
}

/// A name as shown in every output: a personal identity number in a file
/// name (a styrgrupp naming the file after a participant) is masked like
/// one in free text. The path itself is kept, so the file is still read.
fn shown(name: String) -> String {
    crate::pnr::mask(&name).0
}

fn classify(source: Source, found: &mut Found) {
    let file = file_name(&source.path);
    // Excel's owner files while a workbook is open: not data, not news.
    if file.starts_with("~$") {
        return;
    }
    if file.starts_with('.') {
        // Hidden files (.DS_Store, a copy program's leftovers) are listed, so
        // a report someone named ".rapport.xlsx" is not lost unseen.
        let reason = "Dold fil (namnet börjar med punkt) hoppas över.".to_string();
        found.skipped.push(Skipped { source, reason });
        return;
    }
    let extension = source.path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if SPREADSHEET_EXTENSIONS.contains(&extension.as_str()) {
        found.reports.push(source);
    } else {
        let reason = "Filen är ingen Excel-arbetsbok och hoppas över.".to_string();
        found.skipped.push(Skipped { source, reason });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, b"x").unwrap();
    }

    #[test]
    fn folders_are_searched_sorted_and_lock_files_skipped_silently() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("b.xlsx"));
        touch(&root.join("A (2).XLSX"));
        touch(&root.join("2018-K1/Heby å ä ö.ods"));
        touch(&root.join("~$b.xlsx"));
        touch(&root.join("följebrev.docx"));
        let found = discover(&[root.to_path_buf()]).unwrap();
        let names: Vec<_> = found.reports.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["2018-K1/Heby å ä ö.ods", "A (2).XLSX", "b.xlsx"]);
        assert_eq!(found.skipped.len(), 1);
        assert_eq!(found.skipped[0].source.name, "följebrev.docx");
        assert_eq!(found.skipped[0].reason, "Filen är ingen Excel-arbetsbok och hoppas över.");
    }

    #[test]
    fn a_personal_identity_number_in_a_file_name_is_never_shown() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("Rapport 811218-9876.xlsx"));
        let found = discover(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(found.reports[0].name, "Rapport [personnummer borttaget].xlsx");
        assert!(found.reports[0].path.ends_with("Rapport 811218-9876.xlsx"), "the file is still read");
    }

    #[test]
    fn a_missing_path_is_an_error_naming_it() {
        let error = discover(&[PathBuf::from("finns-inte")]).unwrap_err();
        assert_eq!(error.to_string(), "Hittar inte finns-inte. Kontrollera sökvägen.");
    }

    #[test]
    fn the_same_file_given_twice_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.xlsx");
        touch(&file);
        let found = discover(&[file.clone(), file]).unwrap();
        assert_eq!(found.reports.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("sub/r.xlsx"));
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        let found = discover(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(found.reports.len(), 1);
        assert_eq!(found.skipped.len(), 1);
    }
}
