//! Reads `register.xlsx` into a [`Register`] and findings.

use super::Register;
use crate::finding::Finding;
use std::path::Path;

/// The register could not be used at all: the run cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("Registret {file} kunde inte läsas: {reason}")]
    Unreadable { file: String, reason: String },
}

/// Reads the register at `path`.
pub fn read_register(path: &Path) -> Result<(Register, Vec<Finding>), RegisterError> {
    Err(RegisterError::Unreadable { file: path.display().to_string(), reason: "ej klart".into() })
}
