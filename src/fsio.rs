//! Writing files so that a failed run never leaves a half-written one: the
//! bytes go to a temporary file in the target's folder, are synced, and the
//! file is then renamed into place (atomic on the same volume, on Windows
//! too). [`write_new`] never replaces a file; [`write_replacing`] replaces
//! the previous output, which stays whole until the new one is complete.
//! [`stage`] and [`Staged::commit`] split the two steps, so a command that
//! writes several files can prepare them all before it replaces any.
//! Why a write failed, and why reading an input failed ([`read_reason`]), are
//! said here in Swedish words that tell what to do.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0} finns redan och skrivs inte över. Välj ett annat namn eller flytta den befintliga filen.")]
    Exists(String),
    #[error("{file} kunde inte skrivas{}", reason(file, source))]
    Io { file: String, source: std::io::Error },
    #[error(
        "{0} är en mapp, inte en fil. Välj ett annat filnamn, eller flytta mappen eller byt namn på den."
    )]
    IsAFolder(String),
    #[error("{0} kunde inte skrivas: det saknas rätt att skriva i mappen {1}. Välj en annan mapp.")]
    FolderNotWritable(String, String),
    #[error(
        "{file} kunde inte ersättas: filen är öppen i ett annat program eller skrivskyddad. {}",
        close(file)
    )]
    Locked { file: String },
}

/// What to do about a locked file: Excel, for a workbook; on Windows a
/// workbook open there cannot be replaced.
fn close(file: &str) -> String {
    let name =
        Path::new(file).file_name().map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
    let is_workbook = Path::new(file).extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_workbook {
        format!("Stäng {name} i Excel och kör igen.")
    } else {
        format!("Stäng {name} i programmet där den är öppen och kör igen.")
    }
}

/// Why writing `file` failed (": …" or " (…)."), in words that say what to
/// do. Only PermissionDenied suggests Excel: it is what Windows gives for a
/// file that is open there (and for a folder one may not write to). Other
/// kinds without words of their own show the system's text.
fn reason(file: &str, source: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let folder = match Path::new(file).parent() {
        Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
        _ => ".".to_string(),
    };
    match source.kind() {
        ErrorKind::PermissionDenied => {
            ": åtkomst nekad. Är filen öppen i Excel? Stäng den och kör igen. Annars saknas rätt att \
             skriva i mappen."
                .to_string()
        }
        ErrorKind::NotFound => format!(": mappen {folder} finns inte. Skapa den eller välj en annan sökväg."),
        ErrorKind::NotADirectory => {
            format!(": en del av sökvägen {folder} är en fil, inte en mapp. Välj en annan sökväg.")
        }
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            ": disken är full. Frigör utrymme eller välj en annan disk och kör igen.".to_string()
        }
        ErrorKind::ReadOnlyFilesystem => {
            ": disken är skrivskyddad. Välj en annan mapp och kör igen.".to_string()
        }
        ErrorKind::InvalidFilename => {
            ": namnet går inte att använda som filnamn. Välj ett annat namn.".to_string()
        }
        _ => format!(" ({source})."),
    }
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io { file: path.display().to_string(), source }
}

/// How the name of a file staged beside its target begins.
pub const STAGING_PREFIX: &str = ".uppfoljning-";
/// How many random characters follow [`STAGING_PREFIX`] (tempfile's default).
const STAGING_RANDOM: usize = 6;

/// Whether `name` is the name of a file this tool stages beside a target
/// ([`stage`], [`write_new`]): one left behind by a process that was killed
/// between staging and renaming can be told from anything else.
pub fn is_staging_name(name: &str) -> bool {
    name.strip_prefix(STAGING_PREFIX)
        .is_some_and(|rest| rest.len() == STAGING_RANDOM && rest.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A temporary file in `dir` that becomes an ordinary file once renamed:
/// readable as any new file is (the umask's bits, not tempfile's private
/// 0600), so a workbook in a shared folder opens for colleagues too.
fn temp_file_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(STAGING_PREFIX).rand_bytes(STAGING_RANDOM);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(dir)
}

/// The folder a file is written in: its parent, or the working folder.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A file written whole and synced to a temporary name beside its target,
/// not yet in place. Dropped without [`Staged::commit`], it is removed and
/// the target is untouched.
#[derive(Debug)]
pub struct Staged {
    temp: tempfile::NamedTempFile,
    path: PathBuf,
}

/// Writes `bytes` to a temporary file in `path`'s folder, ready to replace
/// `path`. Fails, leaving nothing behind, when `path` is a folder or the
/// folder cannot be written.
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, WriteError> {
    if path.is_dir() {
        return Err(WriteError::IsAFolder(path.display().to_string()));
    }
    let dir = folder_of(path);
    let mut temp = temp_file_in(dir).map_err(|source| {
        if source.kind() == std::io::ErrorKind::PermissionDenied {
            WriteError::FolderNotWritable(path.display().to_string(), dir.display().to_string())
        } else {
            io_error(path)(source)
        }
    })?;
    temp.write_all(bytes).map_err(io_error(path))?;
    temp.as_file().sync_all().map_err(io_error(path))?;
    Ok(Staged { temp, path: path.to_path_buf() })
}

impl Staged {
    /// Renames the staged file over its target in one step: the target is
    /// the previous file or the new one, never a mix. On failure the
    /// previous file is untouched and the staged one removed.
    pub fn commit(self) -> Result<(), WriteError> {
        let Staged { temp, path } = self;
        temp.persist(&path).map_err(|e| {
            let file = path.display().to_string();
            if path.is_dir() {
                WriteError::IsAFolder(file)
            } else if is_locked(&e.error) {
                WriteError::Locked { file }
            } else {
                WriteError::Io { file, source: e.error }
            }
        })?;
        Ok(())
    }
}

/// Whether replacing failed because another program holds the file: Windows
/// refuses to replace a workbook open in Excel (access denied, or a
/// sharing or lock violation).
fn is_locked(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::PermissionDenied || is_sharing_violation(error)
}

/// Windows' answer when another program holds a file open without sharing
/// it (Excel holds an open workbook so): a sharing or lock violation.
fn is_sharing_violation(error: &std::io::Error) -> bool {
    const ERROR_SHARING_VIOLATION: i32 = 32;
    const ERROR_LOCK_VIOLATION: i32 = 33;
    cfg!(windows) && matches!(error.raw_os_error(), Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION))
}

/// Why reading an input file failed, in words that say what to do: the
/// phrase after "… kunde inte öppnas: ". The reading side of [`reason`]:
/// kinds a user meets have words of their own; any other kind shows the
/// system's text, as a last resort.
pub fn read_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    if is_sharing_violation(error) {
        return "filen är öppen i ett annat program som låser den. Stäng den och kör igen.".to_string();
    }
    match error.kind() {
        ErrorKind::NotFound => {
            "filen finns inte längre (flyttad eller borttagen under körningen). Kontrollera mappen och kör igen."
                .to_string()
        }
        ErrorKind::PermissionDenied => "åtkomst nekad. Kontrollera att du har rätt att läsa filen, eller spara \
                                        en kopia i mappen och kör igen."
            .to_string(),
        ErrorKind::IsADirectory => "det är en mapp, inte en fil.".to_string(),
        _ => format!("operativsystemet svarade \"{error}\"."),
    }
}

/// Writes `bytes` to `path`, replacing the file there if any: the previous
/// file stays whole until the new one is complete, and stays as it was when
/// writing fails. Never truncates the target in place.
pub fn write_replacing(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    stage(path, bytes)?.commit()
}

/// Writes `bytes` to a new file at `path`; fails if the file exists, and
/// leaves nothing behind on failure.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    if path.exists() {
        return Err(WriteError::Exists(path.display().to_string()));
    }
    let mut temp = temp_file_in(folder_of(path)).map_err(io_error(path))?;
    temp.write_all(bytes).map_err(io_error(path))?;
    temp.as_file().sync_all().map_err(io_error(path))?;
    temp.persist_noclobber(path).map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => WriteError::Exists(path.display().to_string()),
        _ => WriteError::Io { file: path.display().to_string(), source: e.error },
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error, ErrorKind};

    fn message(kind: ErrorKind) -> String {
        let file = "mallar/kvartalsrapport-v1.xlsx".to_string();
        WriteError::Io { file, source: Error::new(kind, "os-text") }.to_string()
    }

    #[test]
    fn a_failed_read_is_said_in_swedish_words() {
        let reason = |kind: ErrorKind| read_reason(&kind.into());
        assert_eq!(
            reason(ErrorKind::PermissionDenied),
            "åtkomst nekad. Kontrollera att du har rätt att läsa filen, eller spara en kopia i mappen och kör igen."
        );
        assert_eq!(
            reason(ErrorKind::NotFound),
            "filen finns inte längre (flyttad eller borttagen under körningen). Kontrollera mappen och kör igen."
        );
        assert_eq!(reason(ErrorKind::IsADirectory), "det är en mapp, inte en fil.");
        // The system's own text only when no words fit.
        assert_eq!(reason(ErrorKind::TimedOut), "operativsystemet svarade \"timed out\".");
    }

    #[cfg(windows)]
    #[test]
    fn a_file_another_program_locks_asks_to_close_it() {
        for code in [32, 33] {
            assert_eq!(
                read_reason(&std::io::Error::from_raw_os_error(code)),
                "filen är öppen i ett annat program som låser den. Stäng den och kör igen."
            );
        }
    }

    #[test]
    fn only_a_denied_write_asks_about_excel() {
        let f = "mallar/kvartalsrapport-v1.xlsx kunde inte skrivas:";
        let cases = [
            (
                ErrorKind::PermissionDenied,
                format!(
                    "{f} åtkomst nekad. Är filen öppen i Excel? Stäng den och kör igen. Annars saknas rätt att \
                     skriva i mappen."
                ),
            ),
            (
                ErrorKind::NotFound,
                format!("{f} mappen mallar finns inte. Skapa den eller välj en annan sökväg."),
            ),
            (
                ErrorKind::NotADirectory,
                format!("{f} en del av sökvägen mallar är en fil, inte en mapp. Välj en annan sökväg."),
            ),
            (
                ErrorKind::StorageFull,
                format!("{f} disken är full. Frigör utrymme eller välj en annan disk och kör igen."),
            ),
            (
                ErrorKind::QuotaExceeded,
                format!("{f} disken är full. Frigör utrymme eller välj en annan disk och kör igen."),
            ),
            (
                ErrorKind::ReadOnlyFilesystem,
                format!("{f} disken är skrivskyddad. Välj en annan mapp och kör igen."),
            ),
            (
                ErrorKind::InvalidFilename,
                format!("{f} namnet går inte att använda som filnamn. Välj ett annat namn."),
            ),
            (ErrorKind::Other, "mallar/kvartalsrapport-v1.xlsx kunde inte skrivas (os-text).".to_string()),
        ];
        for (kind, expected) in cases {
            assert_eq!(message(kind), expected, "{kind:?}");
        }
        assert_eq!(
            WriteError::Exists("mall.xlsx".into()).to_string(),
            "mall.xlsx finns redan och skrivs inte över. Välj ett annat namn eller flytta den befintliga filen."
        );
    }

    #[test]
    fn a_file_in_a_missing_folder_says_the_folder_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("saknas").join("mall.xlsx");
        let error = write_new(&path, b"x").unwrap_err();
        let folder = dir.path().join("saknas");
        assert_eq!(
            error.to_string(),
            format!(
                "{} kunde inte skrivas: mappen {} finns inte. Skapa den eller välj en annan sökväg.",
                path.display(),
                folder.display()
            )
        );
    }

    #[test]
    fn a_new_file_is_written_whole_and_an_existing_one_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mall å.xlsx");
        write_new(&path, b"first").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        let error = write_new(&path, b"second").unwrap_err();
        assert!(matches!(error, WriteError::Exists(_)));
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file may remain");
    }

    /// The files in `dir` by name, with their bytes (a folder as `None`).
    fn contents(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                let bytes = if path.is_dir() { None } else { Some(std::fs::read(&path).unwrap()) };
                (path.file_name().unwrap().to_string_lossy().into_owned(), bytes)
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn replacing_writes_the_whole_new_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Uppföljning 2018-H1.xlsx");
        write_replacing(&path, b"first, and longer than the second").unwrap();
        write_replacing(&path, b"second").unwrap();
        assert_eq!(
            contents(dir.path()),
            [("Uppföljning 2018-H1.xlsx".to_string(), Some(b"second".to_vec()))]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_written_file_is_readable_by_others_as_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (replaced, new) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
        write_replacing(&replaced, b"x").unwrap();
        write_new(&new, b"x").unwrap();
        let ordinary = dir.path().join("c");
        std::fs::write(&ordinary, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&replaced), mode(&ordinary));
        assert_eq!(mode(&new), mode(&ordinary));
    }

    #[test]
    fn a_target_that_is_a_folder_is_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Uppföljning 2018-H1.xlsx");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("inne.txt"), b"kvar").unwrap();
        let error = write_replacing(&path, b"new").unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "{} är en mapp, inte en fil. Välj ett annat filnamn, eller flytta mappen eller byt namn på den.",
                path.display()
            )
        );
        assert_eq!(contents(dir.path()), [("Uppföljning 2018-H1.xlsx".to_string(), None)]);
        assert_eq!(std::fs::read(path.join("inne.txt")).unwrap(), b"kvar");
    }

    #[test]
    fn a_staged_file_is_known_by_its_name_and_nothing_else_is() {
        let dir = tempfile::tempdir().unwrap();
        let staged = stage(&dir.path().join("ut.xlsx"), b"x").unwrap();
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(matches!(names.as_slice(), [name] if is_staging_name(name)), "{names:?}");
        drop(staged);
        for name in
            [".uppfoljning-", ".uppfoljning-kopia.xlsx", "uppfoljning-Ab12Cd", "Uppföljning 2018-K2.xlsx"]
        {
            assert!(!is_staging_name(name), "{name}");
        }
    }

    #[test]
    fn a_staged_file_that_is_not_committed_leaves_the_old_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ut.json");
        std::fs::write(&path, b"old").unwrap();
        let staged = stage(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"old", "staging must not touch the target");
        drop(staged);
        assert_eq!(contents(dir.path()), [("ut.json".to_string(), Some(b"old".to_vec()))]);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_cannot_be_written_leaves_the_old_bytes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("låst");
        std::fs::create_dir(&folder).unwrap();
        let path = folder.join("Uppföljning 2018-H1.xlsx");
        std::fs::write(&path, b"old").unwrap();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root may write anywhere: then there is no failure to see.
        let writable = std::fs::write(folder.join("prov"), b"").is_ok();
        let result = write_replacing(&path, b"new");
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        if writable {
            return;
        }
        assert_eq!(
            result.unwrap_err().to_string(),
            format!(
                "{} kunde inte skrivas: det saknas rätt att skriva i mappen {}. Välj en annan mapp.",
                path.display(),
                folder.display()
            )
        );
        assert_eq!(contents(&folder), [("Uppföljning 2018-H1.xlsx".to_string(), Some(b"old".to_vec()))]);
    }

    #[test]
    fn a_locked_workbook_asks_to_close_it_in_excel() {
        let locked = |file: &str| WriteError::Locked { file: file.to_string() }.to_string();
        assert_eq!(
            locked("ut/Uppföljning 2018-H1.xlsx"),
            "ut/Uppföljning 2018-H1.xlsx kunde inte ersättas: filen är öppen i ett annat program eller \
             skrivskyddad. Stäng Uppföljning 2018-H1.xlsx i Excel och kör igen."
        );
        assert_eq!(
            locked("ut.json"),
            "ut.json kunde inte ersättas: filen är öppen i ett annat program eller skrivskyddad. Stäng ut.json \
             i programmet där den är öppen och kör igen."
        );
        assert!(is_locked(&std::io::Error::from(std::io::ErrorKind::PermissionDenied)));
        assert!(!is_locked(&std::io::Error::from(std::io::ErrorKind::NotFound)));
    }
}
