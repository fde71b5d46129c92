//! What changed since the previous run of the same period: the rows of the
//! sheet `Ändringar`, the `andringar` of the JSON and the end of the
//! terminal summary.
//!
//! Takes the path the workbook is about to be written to and the new
//! [`Sammanstallning`]; gives a [`Comparison`]. The previous run is read
//! from its own output, by the named tables `Kallor`, `Oversikt` and
//! `Kontroll` (`previous`); nothing else is kept between runs, so deleting
//! the workbook loses only this list. Both sides become a `snapshot` of
//! the same shape, and `diff` lists what differs.
//!
//! Guarantees: reading the previous workbook never fails the run and never
//! writes anything; a file that is not this tool's workbook of the period is
//! not compared (and the comparison says why). The list is sorted by kind,
//! then insats (register order), then text, so the same two runs always
//! give the same list.

mod diff;
mod previous;
mod snapshot;

use crate::aggregate::Sammanstallning;
use diff::Change;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// The sheet's (and the summary's) line when there is nothing to compare with.
pub const FIRST_RUN: &str = "Första körningen för perioden – inget att jämföra med.";
/// The line when the previous run gave the same follow-up.
pub const NO_CHANGES: &str = "Inga ändringar sedan förra körningen.";

/// One thing that changed since the previous run of the same period: a
/// row of the sheet `Ändringar`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Andring {
    /// What changed, e.g. "Ny rapport", "Status ändrad: Budget", "Fynd åtgärdat".
    pub vad: String,
    /// The insats it concerns (its short name), or empty.
    pub insats: String,
    pub fore: String,
    pub efter: String,
}

/// What the workbook's path held before this run, and what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Comparison {
    /// Nothing: the period's first run here (or its output was deleted).
    FirstRun,
    /// This tool's workbook of the period: the changes since, maybe none.
    Compared(Vec<Andring>),
    /// This tool's workbook of another period (its title): not compared.
    OtherPeriod(String),
    /// A file that is not a workbook this tool wrote: not compared.
    Foreign,
    /// A file that could not be read (why, in Swedish): not compared.
    Unreadable(String),
}

impl Comparison {
    /// The changes, or `None` when there was no previous run to compare with.
    pub fn andringar(&self) -> Option<&[Andring]> {
        match self {
            Comparison::Compared(andringar) => Some(andringar),
            _ => None,
        }
    }
}

/// Compares the workbook at `workbook` (the previous run's output, if any)
/// with the new follow-up `s`.
pub fn compare_with_previous(workbook: &Path, s: &Sammanstallning) -> Comparison {
    match previous::read(workbook, &s.titel) {
        previous::Read::Missing => Comparison::FirstRun,
        previous::Read::Foreign => Comparison::Foreign,
        previous::Read::Unreadable(why) => Comparison::Unreadable(why),
        previous::Read::OtherPeriod(titel) => Comparison::OtherPeriod(titel),
        previous::Read::Ours(before) => {
            Comparison::Compared(sorted(s, diff::changes(&before, &snapshot::Snapshot::of(s))))
        }
    }
}

/// The changes in their order: by kind, then insats in the register's
/// order (others after, by name), then text.
fn sorted(s: &Sammanstallning, mut changes: Vec<Change>) -> Vec<Andring> {
    let mut order: HashMap<&str, usize> = HashMap::new();
    for (position, insats) in s.insatser.iter().enumerate() {
        order.entry(insats.kortnamn.as_str()).or_insert(position);
    }
    let rank = |insats: &str| order.get(insats).copied().unwrap_or(usize::MAX);
    changes
        .sort_by_cached_key(|c| (c.slag, rank(&c.insats), c.insats.clone(), c.fore.clone(), c.efter.clone()));
    changes.into_iter().map(Change::into_andring).collect()
}
