//! Prefilled templates for a quarter: one per insats active in it, written
//! into a folder that may already hold returned reports.
//!
//! Each file goes through [`fsio::write_new`]: written beside its target,
//! synced, and moved into place only if the name is free, so an existing
//! file is never replaced and no reader ever sees half a file.

use super::file_name::{file_name, file_name_with_id};
use super::{Answers, Prefill, TemplateError, write_report};
use crate::fsio::{self, WriteError};
use crate::period::Kvartal;
use crate::register::Register;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// What [`write_prefilled`] did, file by file, in register order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// New files.
    pub written: Vec<PathBuf>,
    /// Files that already existed and were left untouched.
    pub skipped: Vec<PathBuf>,
}

/// The prefills of the insatser active in `kvartal`, by the decisions known
/// at the quarter's end, in register order.
pub fn prefills(register: &Register, kvartal: Kvartal) -> Vec<Prefill> {
    register
        .active_in(kvartal, kvartal.last_day())
        .into_iter()
        .map(|insats| Prefill {
            insats_id: insats.id.clone(),
            insats_namn: insats.namn.clone(),
            kvartal,
            budget_kr: register.quarter_budget(&insats.id, kvartal),
            goals: register.goals(&insats.id).iter().map(|mal| mal.text.clone()).collect(),
            inriktning: insats.inriktning,
            forvantat_antal_deltagare: insats.forvantat_antal_deltagare,
        })
        .collect()
}

/// Writes the prefilled template of every insats active in `kvartal` into
/// `folder` (created if missing). Existing files are skipped, never replaced.
pub fn write_prefilled(
    register: &Register,
    kvartal: Kvartal,
    folder: &Path,
) -> Result<Written, TemplateError> {
    fs::create_dir_all(folder)
        .map_err(|source| TemplateError::CreateFolder { path: folder.to_path_buf(), source })?;
    let mut done = Written::default();
    let mut names = BTreeSet::new();
    for prefill in prefills(register, kvartal) {
        let path = folder.join(unique_name(&prefill, &mut names));
        let bytes = write_report(Some(&prefill), &Answers::new())?;
        match fsio::write_new(&path, &bytes) {
            Ok(()) => done.written.push(path),
            Err(WriteError::Exists(_)) => done.skipped.push(path),
            Err(error) => return Err(TemplateError::Write(error)),
        }
    }
    Ok(done)
}

/// The file name of `prefill`, with its id added when an earlier insats of
/// this run already took the name (two insatser may share a name). Names
/// are compared case-insensitively, as Windows and macOS do.
fn unique_name(prefill: &Prefill, taken: &mut BTreeSet<String>) -> String {
    let plain = file_name(prefill);
    let name = if taken.contains(&plain.to_lowercase()) { file_name_with_id(prefill) } else { plain };
    taken.insert(name.to_lowercase());
    name
}
