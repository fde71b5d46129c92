//! What changed since an earlier workbook of the same period: the rows of
//! the sheet `Ändringar`, the `andringar` and `jamforelse` of the JSON and
//! the end of the terminal summary.
//!
//! Takes the new [`Sammanstallning`] and the earlier workbook: by default
//! the previous run's, at the path the new one is about to be written to
//! ([`compare_with_previous`]), or one kansliet names with `--jamfor`, such
//! as the version e-mailed to the board ([`compare_with`]). Gives a
//! [`Comparison`]. The earlier workbook is read by its named tables
//! `Kallor`, `Oversikt` and `Kontroll` (`previous`), and also its own list
//! `Andringar` and what that list measured from (two document properties);
//! nothing else is kept between runs, so deleting the workbook loses only
//! this list. Both sides become a `snapshot` of the same shape, and `diff`
//! lists what differs.
//!
//! The rule (kansliet's words in `docs/arbetsboken.md`): with `--jamfor`
//! the list is every change since that workbook. Without it, the list is
//! the changes since the previous run; when there are none, the previous
//! run's list is kept with what it measured from, so an accidental rerun
//! loses nothing and gives the same bytes.
//!
//! Guarantees: reading an earlier workbook never writes anything; by
//! default a file that is not this tool's workbook of the period is not
//! compared (and the comparison says why) and never fails the run, while a
//! `--jamfor` that cannot be compared is a [`JamforError`] before anything
//! is written. The new list is sorted by kind, then insats (register
//! order), then text, so the same two runs always give the same list.

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
/// The line when the previous run gave the same follow-up and had no
/// earlier workbook to name.
pub const NO_CHANGES: &str = "Inga ändringar sedan förra körningen.";

/// One thing that changed since an earlier workbook of the same period: a
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

/// An earlier workbook a list of changes measures from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jamforelse {
    /// Its file name, without the folder: "Uppföljning 2018-H1.xlsx".
    pub fil: String,
    /// When the file was last saved, as its file system says, in local
    /// time: "2026-06-15 14:05"; `None` when the file system does not say.
    /// The workbook itself holds no clock, so this is the nearest to when
    /// it was made (a copy may carry the time it was copied).
    pub sparad: Option<String>,
}

impl Jamforelse {
    /// "Styrelsen juni.xlsx (sparad 2026-06-15 14:05)", or the name alone.
    pub fn beskrivning(&self) -> String {
        match &self.sparad {
            Some(sparad) => format!("{} (sparad {sparad})", self.fil),
            None => self.fil.clone(),
        }
    }
}

/// The list the sheet `Ändringar` shows, and what it measures from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Andringar {
    /// The earlier workbook the list measures from; `None` only for a list
    /// kept from a workbook that did not record it (written before
    /// `--jamfor` existed).
    pub sedan: Option<Jamforelse>,
    /// The previous run's list, kept because nothing changed since that
    /// run. Only a list with rows is said to be kept: an empty one reads the
    /// same either way.
    pub behallen: bool,
    pub rader: Vec<Andring>,
}

/// How the earlier workbook this run read was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hur {
    /// The previous run's, at the path the new workbook replaces.
    ForraKorningen,
    /// Named with `--jamfor`.
    Jamfor,
}

/// What an earlier workbook held, and what changed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Comparison {
    /// Nothing: the period's first run here (or its output was deleted).
    FirstRun,
    /// This tool's workbook of the period was read (`jamfort`, chosen as
    /// `hur` says); `andringar` is the list to show, maybe empty, maybe kept.
    Compared { jamfort: Jamforelse, hur: Hur, andringar: Andringar },
    /// This tool's workbook of another period (its title): not compared.
    OtherPeriod(String),
    /// A file that is not a workbook this tool wrote: not compared.
    Foreign,
    /// A file that could not be read (why, in Swedish): not compared.
    Unreadable(String),
}

impl Comparison {
    /// The list to show, or `None` when there was nothing to compare with.
    pub fn andringar(&self) -> Option<&Andringar> {
        match self {
            Comparison::Compared { andringar, .. } => Some(andringar),
            _ => None,
        }
    }
}

/// Why the workbook named with `--jamfor` cannot be compared with: the
/// run stops (exit 2) before anything is written. Swedish, saying what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JamforError {
    #[error(
        "--jamfor {0}: filen finns inte. Ange arbetsboken du vill jämföra med, t.ex. den som skickades till \
         styrelsen."
    )]
    Saknas(String),
    #[error(
        "--jamfor {0}: filen är inte en arbetsbok från uppfoljning, så den går inte att jämföra med. Ange en \
         arbetsbok som sammanstall har skrivit, t.ex. den som skickades till styrelsen."
    )]
    InteArbetsbok(String),
    #[error(
        "--jamfor {fil}: arbetsboken gäller en annan period ({dess}) än den här körningen ({nu}). Ange \
         arbetsboken för samma period, eller ange perioden med --period."
    )]
    AnnanPeriod { fil: String, dess: String, nu: String },
    #[error(
        "--jamfor {fil}: filen kunde inte läsas ({why}). Stäng den om den är öppen i ett annat program och kör igen."
    )]
    Olaslig { fil: String, why: String },
    #[error(
        "--jamfor {0}: arbetsboken saknar tabellerna Kallor, Oversikt och Kontroll (bladen Källor, Översikt och \
         Kontroll) som jämförelsen bygger på. Ange arbetsboken som sammanstall skrev, utan borttagna blad."
    )]
    UtanTabeller(String),
}

/// Whether `path` can be a workbook to compare with at all, before the
/// inbox is read: it exists and is a file. Whether it is this tool's
/// workbook of the period is known only once the period is ([`compare_with`]).
pub fn check_jamfor(path: &Path) -> Result<(), JamforError> {
    match std::fs::metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Err(JamforError::Saknas(path.display().to_string()))
        }
        Ok(meta) if !meta.is_file() => Err(JamforError::InteArbetsbok(path.display().to_string())),
        _ => Ok(()),
    }
}

/// Compares the workbook at `workbook` (the previous run's output, if any)
/// with the new follow-up `s`. When nothing changed, the previous run's
/// list is kept.
pub fn compare_with_previous(workbook: &Path, s: &Sammanstallning) -> Comparison {
    match previous::read(workbook, &s.titel) {
        previous::Read::Missing => Comparison::FirstRun,
        previous::Read::Foreign => Comparison::Foreign,
        previous::Read::Unreadable(why) => Comparison::Unreadable(why),
        previous::Read::OtherPeriod(titel) => Comparison::OtherPeriod(titel),
        previous::Read::Ours(before) => {
            let rader = sorted(s, diff::changes(&before.snapshot, &snapshot::Snapshot::of(s)));
            let andringar = if rader.is_empty() {
                kept(&before)
            } else {
                Andringar { sedan: Some(before.fil.clone()), behallen: false, rader }
            };
            Comparison::Compared { jamfort: before.fil.clone(), hur: Hur::ForraKorningen, andringar }
        }
    }
}

/// Nothing changed since the previous run: its list stands, with what it
/// measured from. A list without that record (an older workbook) is kept
/// without it; no list (a first run's, or a deleted table) gives an empty
/// one since the previous run.
fn kept(before: &previous::Previous) -> Andringar {
    match (&before.sedan, &before.andringar) {
        (Some(sedan), Some(rader)) => {
            Andringar { sedan: Some(sedan.clone()), behallen: !rader.is_empty(), rader: rader.clone() }
        }
        (None, Some(rader)) if !rader.is_empty() => {
            Andringar { sedan: None, behallen: true, rader: rader.clone() }
        }
        _ => Andringar { sedan: Some(before.fil.clone()), behallen: false, rader: Vec::new() },
    }
}

/// Compares the workbook kansliet named with `--jamfor` with the new
/// follow-up `s`: every change since it. A file that is not this tool's
/// workbook of the period, or holds none of the compared tables, is an error.
pub fn compare_with(jamfor: &Path, s: &Sammanstallning) -> Result<Comparison, JamforError> {
    let shown = || jamfor.display().to_string();
    let before = match previous::read(jamfor, &s.titel) {
        previous::Read::Missing => return Err(JamforError::Saknas(shown())),
        previous::Read::Foreign => return Err(JamforError::InteArbetsbok(shown())),
        previous::Read::Unreadable(why) => return Err(JamforError::Olaslig { fil: shown(), why }),
        previous::Read::OtherPeriod(dess) => {
            return Err(JamforError::AnnanPeriod { fil: shown(), dess, nu: s.titel.clone() });
        }
        previous::Read::Ours(before) => before,
    };
    let snapshot = &before.snapshot;
    if snapshot.kallor.is_none() && snapshot.oversikt.is_none() && snapshot.kontroll.is_none() {
        return Err(JamforError::UtanTabeller(shown()));
    }
    let rader = sorted(s, diff::changes(snapshot, &snapshot::Snapshot::of(s)));
    let andringar = Andringar { sedan: Some(before.fil.clone()), behallen: false, rader };
    Ok(Comparison::Compared { jamfort: before.fil.clone(), hur: Hur::Jamfor, andringar })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_jamfor_message_says_what_to_do() {
        let cases = [
            (
                JamforError::Saknas("Styrelsen.xlsx".into()),
                "--jamfor Styrelsen.xlsx: filen finns inte. Ange arbetsboken du vill jämföra med, t.ex. den som \
                 skickades till styrelsen.",
            ),
            (
                JamforError::InteArbetsbok("brev.docx".into()),
                "--jamfor brev.docx: filen är inte en arbetsbok från uppfoljning, så den går inte att jämföra med. \
                 Ange en arbetsbok som sammanstall har skrivit, t.ex. den som skickades till styrelsen.",
            ),
            (
                JamforError::AnnanPeriod {
                    fil: "K1.xlsx".into(),
                    dess: "Uppföljning kvartal 1 2018".into(),
                    nu: "Uppföljning kvartal 1 och 2 2018".into(),
                },
                "--jamfor K1.xlsx: arbetsboken gäller en annan period (Uppföljning kvartal 1 2018) än den här \
                 körningen (Uppföljning kvartal 1 och 2 2018). Ange arbetsboken för samma period, eller ange \
                 perioden med --period.",
            ),
            (
                JamforError::Olaslig { fil: "S.xlsx".into(), why: "åtkomst nekad".into() },
                "--jamfor S.xlsx: filen kunde inte läsas (åtkomst nekad). Stäng den om den är öppen i ett annat \
                 program och kör igen.",
            ),
            (
                JamforError::UtanTabeller("S.xlsx".into()),
                "--jamfor S.xlsx: arbetsboken saknar tabellerna Kallor, Oversikt och Kontroll (bladen Källor, \
                 Översikt och Kontroll) som jämförelsen bygger på. Ange arbetsboken som sammanstall skrev, utan \
                 borttagna blad.",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), expected);
        }
    }

    #[test]
    fn a_jamfor_that_is_missing_or_a_folder_is_refused_before_anything_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("saknas.xlsx");
        assert_eq!(check_jamfor(&missing), Err(JamforError::Saknas(missing.display().to_string())));
        assert_eq!(
            check_jamfor(dir.path()),
            Err(JamforError::InteArbetsbok(dir.path().display().to_string()))
        );
        let file = dir.path().join("a.xlsx");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(check_jamfor(&file), Ok(()));
    }

    #[test]
    fn the_earlier_workbook_is_described_by_name_and_time_saved() {
        let mut sedan = Jamforelse { fil: "Styrelsen.xlsx".into(), sparad: Some("2026-06-15 14:05".into()) };
        assert_eq!(sedan.beskrivning(), "Styrelsen.xlsx (sparad 2026-06-15 14:05)");
        sedan.sparad = None;
        assert_eq!(sedan.beskrivning(), "Styrelsen.xlsx");
    }

    fn previous(sedan: Option<&str>, andringar: Option<usize>) -> previous::Previous {
        let andring =
            Andring { vad: "Ny rapport".into(), insats: "GESAM".into(), fore: "".into(), efter: "a".into() };
        previous::Previous {
            snapshot: snapshot::Snapshot::default(),
            fil: Jamforelse { fil: "Uppföljning.xlsx".into(), sparad: Some("2026-12-05 18:50".into()) },
            andringar: andringar.map(|n| vec![andring; n]),
            sedan: sedan.map(|fil| Jamforelse { fil: fil.into(), sparad: None }),
        }
    }

    #[test]
    fn nothing_new_keeps_the_previous_list_and_what_it_measured_from() {
        let styrelsen = Some(Jamforelse { fil: "Styrelsen.xlsx".into(), sparad: None });
        let list = kept(&previous(Some("Styrelsen.xlsx"), Some(2)));
        assert_eq!((list.sedan, list.behallen, list.rader.len()), (styrelsen.clone(), true, 2));
        // An empty list since the board's version stays so, and is not said to be kept.
        let empty = kept(&previous(Some("Styrelsen.xlsx"), Some(0)));
        assert_eq!((empty.sedan, empty.behallen, empty.rader.len()), (styrelsen, false, 0));
        // A workbook from before the record: its list, measured from what it does not say.
        let older = kept(&previous(None, Some(1)));
        assert_eq!((older.sedan, older.behallen, older.rader.len()), (None, true, 1));
        // No list to keep (a first run, or a deleted table): none since the previous run.
        for before in [previous(None, Some(0)), previous(Some("Styrelsen.xlsx"), None)] {
            let none = kept(&before);
            assert_eq!((none.sedan, none.behallen, none.rader.len()), (Some(before.fil.clone()), false, 0));
        }
    }
}
