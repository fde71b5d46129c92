//! The thresholds of `rules.md`, overridable in the register's `Inställningar`.

use serde::Serialize;

/// Every known setting: (name in `Inställningar`, meaning). Filled in by the register reader.
pub const SETTINGS: &[(&str, &str)] = &[];

/// The thresholds in force for a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Installningar {}
