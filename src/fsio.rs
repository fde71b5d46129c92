//! Writing files so that a failed run never leaves a half-written one: the
//! bytes go to a temporary file in the target's folder, are synced, and the
//! file is then renamed into place (atomic on the same volume, on Windows
//! too).

use std::io::Write;
use std::path::Path;

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0} finns redan och skrivs inte över. Välj ett annat namn eller flytta den befintliga filen.")]
    Exists(String),
    #[error("{file} kunde inte skrivas{}", reason(file, source))]
    Io { file: String, source: std::io::Error },
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

/// Writes `bytes` to a new file at `path`; fails if the file exists, and
/// leaves nothing behind on failure.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    if path.exists() {
        return Err(WriteError::Exists(path.display().to_string()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp =
        tempfile::Builder::new().prefix(".uppfoljning-").tempfile_in(dir).map_err(io_error(path))?;
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
}
