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
    #[error("{file} kunde inte skrivas ({source}). Är filen öppen i Excel? Stäng den och kör igen.")]
    Io { file: String, source: std::io::Error },
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
