//! Finds the report files among the paths kansliet gives: files as they
//! are, folders searched (sub-folders too) for spreadsheets.
//!
//! Guarantees: the result is sorted, so runs are repeatable; Excel's lock
//! files (`~$…`) are skipped silently; anything else that is not a
//! spreadsheet is listed as skipped with its reason, never dropped unseen;
//! symbolic links to folders are not followed (no loop can form) and the
//! depth is bounded. Nothing is opened here: every entry is judged by its
//! metadata, and only a regular file (or a link to one) can become a report
//! or be read later. A named pipe, a device, a socket or a link to one of
//! them is skipped with its reason, so nothing beside the reports can make a
//! run wait or read without end. Names are shown as Windows shows them
//! (`rapport.xlsx ` is an .xlsx) and in NFC, so a name macOS wrote with
//! decomposed characters reads and sorts as the same name.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How deep into sub-folders the search goes: far more than any inbox
/// (`rapporter/2018/K2/…`), and a bound no folder structure can exceed.
pub const MAX_DEPTH: usize = 16;

/// File name endings calamine can read as a workbook.
pub const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// One candidate report, or one entry seen and skipped.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    pub path: PathBuf,
    /// The name shown to people: relative to the folder given, or the
    /// file's name when a file was given.
    pub name: String,
    /// Whether the entry is a regular file (or a link to one): nothing else
    /// is ever opened.
    pub regular: bool,
    /// The size in bytes as the search saw it; 0 for anything not regular.
    pub size: u64,
    /// The last modification as the search saw it.
    pub modified: Option<SystemTime>,
}

impl Source {
    fn new(path: PathBuf, name: String, meta: Option<&fs::Metadata>) -> Source {
        let regular = meta.is_some_and(fs::Metadata::is_file);
        Source {
            path,
            name,
            regular,
            size: meta.filter(|_| regular).map_or(0, fs::Metadata::len),
            modified: meta.and_then(|m| m.modified().ok()),
        }
    }
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
        let link = fs::symlink_metadata(path).map_err(|_| NotFound(path.display().to_string()))?;
        // A folder given by a link to it is searched: kansliet chose it.
        if fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            walk(path, path, 0, &mut found);
        } else {
            entry(path.clone(), file_name(path), &link, &mut found);
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
        found.skipped.push(Skipped { source: Source::new(dir.to_path_buf(), name, None), reason });
        return;
    };
    for dir_entry in entries.flatten() {
        let path = dir_entry.path();
        // symlink_metadata: a link is judged as a link, never followed blindly.
        let Ok(meta) = fs::symlink_metadata(&path) else { continue };
        let name = relative_name(root, &path);
        if meta.is_dir() {
            if depth + 1 < MAX_DEPTH {
                walk(root, &path, depth + 1, found);
            } else {
                let reason = format!("Mappen ligger djupare än {MAX_DEPTH} nivåer och söks inte igenom.");
                found.skipped.push(Skipped { source: Source::new(path, name, None), reason });
            }
        } else {
            entry(path, name, &meta, found);
        }
    }
}

/// Judges one entry that is not a folder by its own metadata (`link`, not
/// followed): a regular file is classified by its name; a link is followed
/// only to see what it points at, and taken only when that is a regular file.
fn entry(path: PathBuf, name: String, link: &fs::Metadata, found: &mut Found) {
    let kind = link.file_type();
    if kind.is_file() {
        classify(Source::new(path, name, Some(link)), found);
    } else if !kind.is_symlink() {
        let reason = format!("Filen är {}, inte en vanlig fil, och läses inte.", not_regular(link));
        found.skipped.push(Skipped { source: Source::new(path, name, Some(link)), reason });
    } else {
        follow(path, name, found);
    }
}

/// A link: its target's metadata is read (nothing is opened), and only a
/// link to a regular file is classified as a file.
fn follow(path: PathBuf, name: String, found: &mut Found) {
    match fs::metadata(&path) {
        Ok(target) if target.is_file() => classify(Source::new(path, name, Some(&target)), found),
        Ok(target) if target.is_dir() => {
            let reason = "En genväg till en mapp följs inte.".to_string();
            found.skipped.push(Skipped { source: Source::new(path, name, None), reason });
        }
        Ok(target) => {
            let reason = format!(
                "Filen är en genväg till {}, inte till en vanlig fil, och läses inte.",
                not_regular(&target)
            );
            found.skipped.push(Skipped { source: Source::new(path, name, None), reason });
        }
        Err(_) => {
            let reason = "Filen är en genväg som inte leder till någon fil och läses inte.".to_string();
            found.skipped.push(Skipped { source: Source::new(path, name, None), reason });
        }
    }
}

/// What an entry that is neither a regular file, a folder nor a link is,
/// in words: `en namngiven pipe`.
fn not_regular(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "en namngiven pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "en enhet";
        }
        if kind.is_socket() {
            return "en socket";
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    "en specialfil"
}

fn relative_name(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    shown(name)
}

/// A name as shown in every output: in NFC (macOS writes `å` as `a` and a
/// combining ring; Windows and Excel as one character), and with a personal
/// identity number (a styrgrupp naming the file after a participant) masked
/// like one in free text. The path itself is kept, so the file is still read.
fn shown(name: String) -> String {
    crate::pnr::mask(&crate::value::nfc(&name)).0
}

/// The extension of `path`'s file name as Windows sees it, in lower case:
/// Windows drops trailing spaces and dots from a name, so `rapport.xlsx `
/// and `rapport.xlsx.` are .xlsx files there. `None` when the name has no
/// extension (or is only one, as `.xlsx`, a hidden file's name).
pub fn windows_extension(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy();
    let name = name.trim_end_matches([' ', '.']);
    let (stem, extension) = name.rsplit_once('.')?;
    (!stem.is_empty() && !extension.is_empty()).then(|| extension.to_lowercase())
}

/// Whether `name` is Excel's owner file of an open workbook
/// (`~$rapport.xlsx`): not data, not news.
pub fn is_lock_file(name: &str) -> bool {
    name.starts_with("~$")
}

fn classify(source: Source, found: &mut Found) {
    let file = file_name(&source.path);
    if is_lock_file(&file) {
        return;
    }
    if file.starts_with('.') {
        // Hidden files (.DS_Store, a copy program's leftovers) are listed, so
        // a report someone named ".rapport.xlsx" is not lost unseen.
        let reason = "Dold fil (namnet börjar med punkt) hoppas över.".to_string();
        found.skipped.push(Skipped { source, reason });
        return;
    }
    let extension = windows_extension(&source.path).unwrap_or_default();
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

    #[test]
    fn the_extension_is_read_as_windows_reads_it() {
        for (name, extension) in [
            ("rapport.xlsx", Some("xlsx")),
            ("RAPPORT.XLSX", Some("xlsx")),
            ("rapport.xlsx ", Some("xlsx")),
            ("rapport.xlsx.", Some("xlsx")),
            ("rapport.xlsx . ", Some("xlsx")),
            ("rapport.xlsx.pdf", Some("pdf")),
            ("rapport", None),
            ("rapport. ", None),
            (".xlsx", None),
            ("...", None),
        ] {
            assert_eq!(windows_extension(Path::new(name)).as_deref(), extension, "{name:?}");
        }
    }

    #[test]
    fn a_name_with_a_trailing_space_or_dot_is_a_report() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("a.xlsx "));
        touch(&dir.path().join("b.xlsx."));
        let found = discover(&[dir.path().to_path_buf()]).unwrap();
        let names: Vec<_> = found.reports.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["a.xlsx ", "b.xlsx."]);
        assert_eq!(found.skipped, []);
    }

    #[test]
    fn a_decomposed_name_is_shown_composed() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("Ha\u{30a}bo.xlsx"));
        let found = discover(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(found.reports[0].name, "Håbo.xlsx");
        assert!(found.reports[0].path.ends_with("Ha\u{30a}bo.xlsx"), "the file is still read");
    }

    #[test]
    fn the_size_and_time_are_taken_from_the_search() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("r.xlsx"), b"12345").unwrap();
        let found = discover(&[dir.path().to_path_buf()]).unwrap();
        assert!(found.reports[0].regular);
        assert_eq!(found.reports[0].size, 5);
        assert!(found.reports[0].modified.is_some());
    }

    #[cfg(unix)]
    fn mkfifo(path: &Path) {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates an entry.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
    }

    #[cfg(unix)]
    #[test]
    fn pipes_devices_and_links_to_them_are_skipped_by_what_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        mkfifo(&root.join("följebrev.txt"));
        mkfifo(&root.join("rapport.xlsx"));
        std::os::unix::fs::symlink("/dev/zero", root.join("bilaga.pdf")).unwrap();
        std::os::unix::fs::symlink("följebrev.txt", root.join("länk.xlsx")).unwrap();
        std::os::unix::fs::symlink("finns-inte.xlsx", root.join("borta.xlsx")).unwrap();
        touch(&root.join("riktig.xlsx"));
        std::os::unix::fs::symlink("riktig.xlsx", root.join("genväg.xlsx")).unwrap();
        let found = discover(&[root.to_path_buf()]).unwrap();
        let reports: Vec<_> = found.reports.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(reports, ["genväg.xlsx", "riktig.xlsx"]);
        assert!(found.reports.iter().all(|s| s.regular && s.size == 1));
        let skipped: Vec<_> =
            found.skipped.iter().map(|s| (s.source.name.as_str(), s.reason.as_str())).collect();
        assert_eq!(
            skipped,
            [
                ("bilaga.pdf", "Filen är en genväg till en enhet, inte till en vanlig fil, och läses inte."),
                ("borta.xlsx", "Filen är en genväg som inte leder till någon fil och läses inte."),
                ("följebrev.txt", "Filen är en namngiven pipe, inte en vanlig fil, och läses inte."),
                (
                    "länk.xlsx",
                    "Filen är en genväg till en namngiven pipe, inte till en vanlig fil, och läses inte."
                ),
                ("rapport.xlsx", "Filen är en namngiven pipe, inte en vanlig fil, och läses inte."),
            ]
        );
        assert!(found.skipped.iter().all(|s| !s.source.regular));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_given_by_path_is_skipped() {
        let found = discover(&[PathBuf::from("/dev/null")]).unwrap();
        assert_eq!(found.reports, []);
        assert_eq!(found.skipped[0].reason, "Filen är en enhet, inte en vanlig fil, och läses inte.");
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
