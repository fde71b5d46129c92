//! The changes between the previous run's [`Snapshot`] and the new one:
//! files by name (new, replaced, removed, a status of their own changed),
//! insatser by short name (new, gone, each status column), and findings by
//! identity (fixed, new). A table the previous workbook lacked is not
//! compared, and one change says so.

use super::Andring;
use super::snapshot::{Fil, Fynd, FyndId, HELHET, STATUS_COLUMNS, Snapshot, Statusrad};
use crate::aggregate::KallStatus;
use std::collections::BTreeMap;

/// What a file of `Källor` is: a report, or some other file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Noun {
    Rapport,
    Fil,
}

impl Noun {
    /// Files that were not reports (skipped or unreadable) are "fil".
    fn of(file: &Fil) -> Noun {
        let other = [KallStatus::EjRapport, KallStatus::Olaslig];
        if other.iter().any(|status| file.status == status.label()) { Noun::Fil } else { Noun::Rapport }
    }

    fn word(self) -> &'static str {
        match self {
            Noun::Rapport => "rapport",
            Noun::Fil => "fil",
        }
    }
}

/// The kinds of change, in the order the list shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Slag {
    /// A table of the previous workbook was missing: that part is not compared.
    EjJamfort,
    Ny(Noun),
    Ersatt(Noun),
    Borttagen(Noun),
    /// A file's status in `Källor` changed while its bytes did not.
    Kallstatus,
    NyInsats,
    BorttagenInsats,
    /// A status column of `Översikt`, by its index in [`STATUS_COLUMNS`].
    Status(usize),
    FyndAtgardat,
    NyttFynd,
}

impl Slag {
    /// The column `Vad`.
    pub(super) fn vad(self) -> String {
        match self {
            Slag::EjJamfort => "Ej jämfört".to_string(),
            Slag::Ny(noun) => format!("Ny {}", noun.word()),
            Slag::Ersatt(noun) => format!("Ersatt {}", noun.word()),
            Slag::Borttagen(noun) => format!("Borttagen {}", noun.word()),
            Slag::Kallstatus => "Status ändrad: Källor".to_string(),
            Slag::NyInsats => "Ny insats".to_string(),
            Slag::BorttagenInsats => "Borttagen insats".to_string(),
            Slag::Status(column) => format!("Status ändrad: {}", STATUS_COLUMNS.get(column).unwrap_or(&"")),
            Slag::FyndAtgardat => "Fynd åtgärdat".to_string(),
            Slag::NyttFynd => "Nytt fynd".to_string(),
        }
    }
}

/// Whether `vad` is how one of the kinds reads: a row of a list, not the
/// sentence of an empty one.
pub(super) fn is_kind(vad: &str) -> bool {
    let nouns = [Noun::Rapport, Noun::Fil];
    let fixed = [
        Slag::EjJamfort,
        Slag::Kallstatus,
        Slag::NyInsats,
        Slag::BorttagenInsats,
        Slag::FyndAtgardat,
        Slag::NyttFynd,
    ];
    let by_noun = nouns.into_iter().flat_map(|n| [Slag::Ny(n), Slag::Ersatt(n), Slag::Borttagen(n)]);
    let columns = (0..STATUS_COLUMNS.len()).map(Slag::Status);
    fixed.into_iter().chain(by_noun).chain(columns).any(|slag| slag.vad() == vad)
}

/// One change, before its kind is put in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Change {
    pub slag: Slag,
    pub insats: String,
    pub fore: String,
    pub efter: String,
}

impl Change {
    fn new(slag: Slag, insats: &str, fore: impl Into<String>, efter: impl Into<String>) -> Change {
        Change { slag, insats: insats.to_string(), fore: fore.into(), efter: efter.into() }
    }

    pub(super) fn into_andring(self) -> Andring {
        Andring { vad: self.slag.vad(), insats: self.insats, fore: self.fore, efter: self.efter }
    }
}

/// Every change from `before` to `now`, unsorted.
pub(super) fn changes(before: &Snapshot, now: &Snapshot) -> Vec<Change> {
    let mut changes = Vec::new();
    changes.extend(part(&before.kallor, &now.kallor, "Kallor", "filerna", files));
    changes.extend(part(&before.oversikt, &now.oversikt, "Oversikt", "statusarna", statuses));
    changes.extend(part(&before.kontroll, &now.kontroll, "Kontroll", "fynden", findings));
    changes
}

/// Compares one table with `compare`, or says that it could not be.
fn part<T>(
    before: &Option<Vec<T>>,
    now: &Option<Vec<T>>,
    table: &str,
    what: &str,
    compare: fn(&[T], &[T]) -> Vec<Change>,
) -> Vec<Change> {
    match (before, now) {
        (Some(before), Some(now)) => compare(before, now),
        (None, _) => vec![Change::new(
            Slag::EjJamfort,
            "",
            format!(
                "Tabellen {table} saknas i förra arbetsboken eller kunde inte läsas; {what} jämfördes inte."
            ),
            "",
        )],
        (Some(_), None) => Vec::new(),
    }
}

/// Files by name: new, removed, replaced by new bytes or by another file,
/// or with another status.
fn files(before: &[Fil], now: &[Fil]) -> Vec<Change> {
    let mut by_name: BTreeMap<&str, (Vec<&Fil>, Vec<&Fil>)> = BTreeMap::new();
    before.iter().for_each(|f| by_name.entry(&f.fil).or_default().0.push(f));
    now.iter().for_each(|f| by_name.entry(&f.fil).or_default().1.push(f));
    let used = Used::of(now);
    let mut changes = Vec::new();
    let mut new_files = Vec::new();
    for (old, new) in by_name.values() {
        changes.extend(old.iter().zip(new).filter_map(|(old, new)| file_change(old, new, &used)));
        for old in old.iter().skip(new.len()) {
            changes.push(Change::new(Slag::Borttagen(Noun::of(old)), &old.insats, shown(old), ""));
        }
        new_files.extend(new.iter().skip(old.len()));
    }
    // A new file that replaced a report is said once, by the replacement.
    let replacing: Vec<String> =
        changes.iter().filter(|c| matches!(c.slag, Slag::Ersatt(_))).map(|c| c.efter.clone()).collect();
    for new in new_files {
        if !replacing.contains(&shown(new)) {
            changes.push(Change::new(Slag::Ny(Noun::of(new)), &new.insats, "", shown(new)));
        }
    }
    changes
}

/// One file in both runs: other bytes, replaced by another file, or another status.
fn file_change(old: &Fil, new: &Fil, used: &Used) -> Option<Change> {
    let insats = if new.insats.is_empty() { &old.insats } else { &new.insats };
    if old.sha256 != new.sha256 {
        return Some(Change::new(Slag::Ersatt(Noun::of(new)), insats, with_hash(old), with_hash(new)));
    }
    if old.status == new.status {
        return None;
    }
    if new.status == KallStatus::Ersatt.label() {
        let efter = used.winner(new).map_or_else(|| shown(new), shown);
        return Some(Change::new(Slag::Ersatt(Noun::of(new)), insats, shown(old), efter));
    }
    Some(Change::new(Slag::Kallstatus, insats, shown(old), shown(new)))
}

/// The files used now, by insats and quarter: what replaced a report.
struct Used<'a>(BTreeMap<(&'a str, &'a str), &'a Fil>);

impl<'a> Used<'a> {
    fn of(now: &'a [Fil]) -> Used<'a> {
        let used = now.iter().filter(|f| f.status == KallStatus::Anvand.label());
        Used(used.map(|f| ((f.insats.as_str(), f.kvartal.as_str()), f)).collect())
    }

    /// The report used now for the insats and quarter of the replaced `file`.
    fn winner(&self, file: &Fil) -> Option<&'a Fil> {
        self.0.get(&(file.insats.as_str(), file.kvartal.as_str())).copied().filter(|f| f.fil != file.fil)
    }
}

/// "2018-K2 GESAM.xlsx (Använd)".
fn shown(file: &Fil) -> String {
    format!("{} ({})", file.fil, file.status)
}

/// "2018-K2 GESAM.xlsx (Använd, SHA-256 29124d26…)": the bytes' fingerprint
/// tells two versions of one file apart.
fn with_hash(file: &Fil) -> String {
    let hash: String = file.sha256.chars().take(8).collect();
    if hash.is_empty() {
        return shown(file);
    }
    format!("{} ({}, SHA-256 {hash}…)", file.fil, file.status)
}

/// Insatser by short name: new, gone, and each status column that changed.
fn statuses(before: &[Statusrad], now: &[Statusrad]) -> Vec<Change> {
    let index = |rows: &[Statusrad]| {
        let mut map: BTreeMap<String, Statusrad> = BTreeMap::new();
        for row in rows.iter().rev() {
            map.insert(row.insats.clone(), row.clone());
        }
        map
    };
    let (old, new) = (index(before), index(now));
    let mut changes = Vec::new();
    for (insats, row) in &new {
        let Some(previous) = old.get(insats) else {
            changes.push(Change::new(Slag::NyInsats, insats, "", helhet(row)));
            continue;
        };
        for (column, (was, is)) in previous.statuses.iter().zip(&row.statuses).enumerate() {
            if let (Some(was), Some(is)) = (was, is)
                && was != is
            {
                changes.push(Change::new(Slag::Status(column), insats, was.as_str(), is.as_str()));
            }
        }
    }
    for (insats, row) in old.iter().filter(|(insats, _)| !new.contains_key(*insats)) {
        changes.push(Change::new(Slag::BorttagenInsats, insats, helhet(row), ""));
    }
    changes
}

/// "Helhet: Gul", or nothing when the column was missing.
fn helhet(row: &Statusrad) -> String {
    row.statuses[HELHET].as_ref().map(|status| format!("Helhet: {status}")).unwrap_or_default()
}

/// Findings by identity. A finding of one identity in both runs is the
/// same finding even when its wording changed; only when one run has more
/// of an identity than the other are the extra ones fixed or new.
fn findings(before: &[Fynd], now: &[Fynd]) -> Vec<Change> {
    let mut by_id: BTreeMap<&FyndId, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    before.iter().for_each(|f| by_id.entry(&f.id).or_default().0.push(&f.text));
    now.iter().for_each(|f| by_id.entry(&f.id).or_default().1.push(&f.text));
    let mut changes = Vec::new();
    for (id, (old, new)) in by_id {
        let (old, new) = without_common(old, new);
        let same = old.len().min(new.len());
        for text in &old[same..] {
            changes.push(Change::new(Slag::FyndAtgardat, &id.insats, *text, ""));
        }
        for text in &new[same..] {
            changes.push(Change::new(Slag::NyttFynd, &id.insats, "", *text));
        }
    }
    changes
}

/// `old` and `new` without the texts they share (as multisets), sorted.
fn without_common<'a>(mut old: Vec<&'a str>, mut new: Vec<&'a str>) -> (Vec<&'a str>, Vec<&'a str>) {
    old.sort_unstable();
    new.sort_unstable();
    let (mut only_old, mut only_new) = (Vec::new(), Vec::new());
    let (mut o, mut n) = (old.into_iter().peekable(), new.into_iter().peekable());
    loop {
        match (o.peek(), n.peek()) {
            (Some(a), Some(b)) if a == b => {
                o.next();
                n.next();
            }
            (Some(a), Some(b)) if a < b => only_old.extend(o.next()),
            (Some(_), Some(_)) | (None, Some(_)) => only_new.extend(n.next()),
            (Some(_), None) => only_old.extend(o.next()),
            (None, None) => return (only_old, only_new),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fil(fil: &str, sha: &str, status: KallStatus) -> Fil {
        Fil {
            fil: fil.into(),
            insats: "GESAM".into(),
            kvartal: "2018-K2".into(),
            sha256: sha.into(),
            status: status.label().into(),
        }
    }

    fn rows(changes: Vec<Change>) -> Vec<[String; 4]> {
        let mut rows: Vec<[String; 4]> = changes
            .into_iter()
            .map(Change::into_andring)
            .map(|a| [a.vad, a.insats, a.fore, a.efter])
            .collect();
        rows.sort();
        rows
    }

    fn snapshot(kallor: Vec<Fil>) -> Snapshot {
        Snapshot { kallor: Some(kallor), oversikt: Some(vec![]), kontroll: Some(vec![]) }
    }

    #[test]
    fn every_kind_reads_as_swedish() {
        let cases = [
            (Slag::EjJamfort, "Ej jämfört"),
            (Slag::Ny(Noun::Rapport), "Ny rapport"),
            (Slag::Ny(Noun::Fil), "Ny fil"),
            (Slag::Ersatt(Noun::Rapport), "Ersatt rapport"),
            (Slag::Ersatt(Noun::Fil), "Ersatt fil"),
            (Slag::Borttagen(Noun::Rapport), "Borttagen rapport"),
            (Slag::Borttagen(Noun::Fil), "Borttagen fil"),
            (Slag::Kallstatus, "Status ändrad: Källor"),
            (Slag::NyInsats, "Ny insats"),
            (Slag::BorttagenInsats, "Borttagen insats"),
            (Slag::Status(0), "Status ändrad: Rapport"),
            (Slag::Status(3), "Status ändrad: Budget"),
            (Slag::Status(HELHET), "Status ändrad: Helhet"),
            (Slag::FyndAtgardat, "Fynd åtgärdat"),
            (Slag::NyttFynd, "Nytt fynd"),
        ];
        for (slag, vad) in cases {
            assert_eq!(slag.vad(), vad);
        }
    }

    #[test]
    fn a_kind_is_told_from_the_sentence_of_an_empty_list() {
        for vad in ["Ny rapport", "Borttagen fil", "Status ändrad: Helhet", "Nytt fynd", "Ej jämfört"] {
            assert!(is_kind(vad), "{vad}");
        }
        for text in [
            "Inga ändringar sedan förra körningen.",
            "Första körningen för perioden – inget att jämföra med.",
            "",
        ] {
            assert!(!is_kind(text), "{text}");
        }
    }

    #[test]
    fn files_are_new_replaced_or_removed_by_name() {
        let before = snapshot(vec![
            Fil { kvartal: "2018-K1".into(), ..fil("a.xlsx", "aaaaaaaaaa", KallStatus::Anvand) },
            fil("b.xlsx", "bbbbbbbbbb", KallStatus::Anvand),
            fil("brev.txt", "cccccccccc", KallStatus::EjRapport),
        ]);
        let a_k1 = |sha: &str| Fil { kvartal: "2018-K1".into(), ..fil("a.xlsx", sha, KallStatus::Anvand) };
        let now = snapshot(vec![
            a_k1("dddddddddd"),
            fil("b.xlsx", "bbbbbbbbbb", KallStatus::Ersatt),
            fil("b v2.xlsx", "eeeeeeeeee", KallStatus::Anvand),
        ]);
        assert_eq!(
            rows(changes(&before, &now)),
            [
                ["Borttagen fil", "GESAM", "brev.txt (Ej rapport)", ""],
                [
                    "Ersatt rapport",
                    "GESAM",
                    "a.xlsx (Använd, SHA-256 aaaaaaaa…)",
                    "a.xlsx (Använd, SHA-256 dddddddd…)"
                ],
                // Said once: not also as "Ny rapport".
                ["Ersatt rapport", "GESAM", "b.xlsx (Använd)", "b v2.xlsx (Använd)"],
            ]
            .map(|row| row.map(String::from))
        );
    }

    #[test]
    fn a_file_whose_status_alone_changed_says_so() {
        let before = snapshot(vec![fil("a.xlsx", "aa", KallStatus::Fel)]);
        let now = snapshot(vec![fil("a.xlsx", "aa", KallStatus::Anvand)]);
        assert_eq!(
            rows(changes(&before, &now)),
            [["Status ändrad: Källor", "GESAM", "a.xlsx (Fel)", "a.xlsx (Använd)"].map(String::from)]
        );
        assert!(changes(&now, &now).is_empty());
    }

    fn statusrad(insats: &str, statuses: [Option<&str>; 7]) -> Statusrad {
        Statusrad { insats: insats.into(), statuses: statuses.map(|s| s.map(String::from)) }
    }

    #[test]
    fn statuses_change_per_column_and_missing_columns_are_not_compared() {
        let g = Some("Grön");
        let before = Snapshot {
            oversikt: Some(vec![
                statusrad("Heby", [Some("Inkommen"), g, g, Some("Gul"), g, None, Some("Gul")]),
                statusrad("Borta", [None, None, None, None, None, None, Some("Röd")]),
            ]),
            ..snapshot(vec![])
        };
        let now = Snapshot {
            oversikt: Some(vec![
                statusrad("Heby", [Some("Fel"), g, g, g, g, Some("Ej aktuellt"), g]),
                statusrad("Ny", [Some("Inkommen"), g, g, g, g, g, g]),
            ]),
            ..snapshot(vec![])
        };
        assert_eq!(
            rows(changes(&before, &now)),
            [
                ["Borttagen insats", "Borta", "Helhet: Röd", ""],
                ["Ny insats", "Ny", "", "Helhet: Grön"],
                ["Status ändrad: Budget", "Heby", "Gul", "Grön"],
                ["Status ändrad: Helhet", "Heby", "Gul", "Grön"],
                ["Status ändrad: Rapport", "Heby", "Inkommen", "Fel"],
            ]
            .map(|row| row.map(String::from))
        );
    }

    fn fynd(cell: &str, message: &str) -> Fynd {
        let id = FyndId {
            kod: "svar-saknas".into(),
            insats: "GESAM".into(),
            fil: "a.xlsx".into(),
            cell: cell.into(),
            falt: String::new(),
        };
        Fynd::new(id, message)
    }

    #[test]
    fn findings_are_matched_by_identity_not_by_wording() {
        let before = Snapshot {
            kontroll: Some(vec![
                fynd("B7", "Saknas."),
                fynd("B9", "Budget 100 kr."),
                fynd("C1", "Två."),
                fynd("C1", "Två."),
            ]),
            ..snapshot(vec![])
        };
        let now = Snapshot {
            kontroll: Some(vec![fynd("B9", "Budget 200 kr."), fynd("B8", "Ny."), fynd("C1", "Två.")]),
            ..snapshot(vec![])
        };
        assert_eq!(
            rows(changes(&before, &now)),
            [
                ["Fynd åtgärdat", "GESAM", "a.xlsx, cell B7: Saknas.", ""],
                ["Fynd åtgärdat", "GESAM", "a.xlsx, cell C1: Två.", ""],
                ["Nytt fynd", "GESAM", "", "a.xlsx, cell B8: Ny."],
            ]
            .map(|row| row.map(String::from))
        );
    }

    #[test]
    fn a_missing_table_is_said_and_not_compared() {
        let before = Snapshot { kontroll: None, ..snapshot(vec![]) };
        let now = Snapshot { kontroll: Some(vec![fynd("B7", "Saknas.")]), ..snapshot(vec![]) };
        assert_eq!(
            rows(changes(&before, &now)),
            [[
                "Ej jämfört",
                "",
                "Tabellen Kontroll saknas i förra arbetsboken eller kunde inte läsas; fynden jämfördes inte.",
                ""
            ]
            .map(String::from)]
        );
    }
}
