//! Which report counts for each insats and quarter, and what became of
//! every file of the inbox: the one rule `kontrollera`, `sammanstall`, the
//! feedback, `Källor` and `Ändringar` all follow. A stage between `check`
//! and `aggregate`: it takes the read inbox, the register and a [`Scope`],
//! and gives per file its status, what it was read as and its findings
//! ([`Judged`]), and the chosen report per insats and quarter ([`Chosen`]).
//!
//! Each report is checked against the register with the decisions dated up
//! to the scope's end (its own quarter's end for every quarter). A report
//! whose identity has a Fel (unknown insats, quarter outside the grant, no
//! quarter) is not used. A report is cross-checked against what else says
//! whose it is ([`evidence`]: its file name, its sender): when that points
//! at another insats, or two reports for one insats and quarter come from
//! different senders, none of them is chosen and each gets a Fel naming the
//! others ("I tvivel"); kansliet resolves it by removing the wrong file.
//! Otherwise, of two reports for one insats and quarter the newest counts
//! ([`order_versions`]: no report date decides when one of them cannot be
//! trusted) and the other is listed as replaced: information, not a
//! problem. A file with the same bytes as another is that report, not a
//! newer version: listed as a copy of it. Reports of quarters before a
//! period are kept as history (spend since start); reports after it are
//! not used. The checks that need the whole inbox (copies, a report in
//! another quarter's folder, last quarter's figures again: `check::across`)
//! are made here once, so every command sees them. Every finding about a
//! report carries the report's quarter ([`Finding::kvartal`]), which is
//! what a row of the register's `Kvitteringar` is matched against.

mod evidence;

use crate::check::{across, check_file, check_report, dates};
use crate::finding::{Code, Finding};
use crate::inbox::{Inbox, InboxFile};
use crate::period::{Kvartal, Period};
use crate::register::Register;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// Which quarters a run is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One period: earlier quarters are history, later ones not this run's.
    Period(Period),
    /// Every quarter the inbox holds (`kontrollera` without `--period`),
    /// each judged with the decisions up to its own quarter's end.
    EveryQuarter,
}

impl Scope {
    /// Decisions dated up to this day count; `None`: each report's own quarter's end.
    fn as_of(self) -> Option<NaiveDate> {
        match self {
            Scope::Period(period) => Some(period.last_day()),
            Scope::EveryQuarter => None,
        }
    }

    /// The last quarter read for the scope, if any.
    fn end(self) -> Option<Kvartal> {
        match self {
            Scope::Period(period) => Some(Kvartal::of(period.last_day())),
            Scope::EveryQuarter => None,
        }
    }

    /// Whether `q` is one of the scope's own quarters (not history).
    pub fn contains(self, q: Kvartal) -> bool {
        match self {
            Scope::Period(period) => period.quarters().contains(&q),
            Scope::EveryQuarter => true,
        }
    }
}

/// What became of a file in the inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum KallStatus {
    /// Read and used for the period.
    Anvand,
    /// A newer report for the same insats and quarter, from the same
    /// sender, replaced it.
    Ersatt,
    /// Not used because whose report it is is in doubt: another report for
    /// the same insats and quarter from another sender, or its file name or
    /// sender points at another insats.
    ITvivel,
    /// A report of a quarter outside the period; read for history only.
    AnnanPeriod,
    /// Read, but its identity has a Fel (unknown insats, quarter outside the grant…).
    Fel,
    /// Not a report (no defined names, not a workbook).
    EjRapport,
    /// Could not be opened or read.
    Olaslig,
}

impl KallStatus {
    pub fn label(self) -> &'static str {
        match self {
            KallStatus::Anvand => "Använd",
            KallStatus::Ersatt => "Ersatt",
            KallStatus::ITvivel => "I tvivel",
            KallStatus::AnnanPeriod => "Annan period",
            KallStatus::Fel => "Fel",
            KallStatus::EjRapport => "Ej rapport",
            KallStatus::Olaslig => "Oläslig",
        }
    }
}

/// One file seen in the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kalla {
    /// As shown to kansliet: relative to the inbox.
    pub fil: String,
    pub insats_id: Option<String>,
    pub kvartal: Option<Kvartal>,
    pub mallversion: Option<String>,
    /// The file's modification day.
    pub andrad: Option<NaiveDate>,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
    pub status: KallStatus,
    /// Why the status, in Swedish (e.g. "Ersatt av …").
    pub kommentar: Option<String>,
    /// The report's `uppgiftslamnare_epost`, where feedback on it goes.
    pub epost: Option<String>,
}

/// The reports chosen, by insats id and quarter.
pub type Chosen<'a> = BTreeMap<(String, Kvartal), Used<'a>>;

/// The chosen reports of insats `id`, oldest quarter first: a range of the
/// map, so looking up every insats stays linear in the reports.
pub fn of_insats<'c, 'a>(
    chosen: &'c Chosen<'a>,
    id: &str,
) -> impl DoubleEndedIterator<Item = (Kvartal, &'c Used<'a>)> {
    let first = (id.to_string(), Kvartal { ar: i32::MIN, kvartal: 0 });
    let last = (id.to_string(), Kvartal { ar: i32::MAX, kvartal: u8::MAX });
    chosen.range(first..=last).map(|((_, q), used)| (*q, used))
}

/// A report that counts, with the findings of reading and checking it.
#[derive(Debug, Clone)]
pub struct Used<'a> {
    pub file: &'a InboxFile,
    pub findings: Vec<Finding>,
}

/// One file and what became of it: its line in `Källor`, and every finding
/// about it (reading, checking, and the choice: replaced, in doubt).
#[derive(Debug, Clone)]
pub struct Judged<'a> {
    pub file: &'a InboxFile,
    pub kalla: Kalla,
    /// The register's name of the insats the report was read as, if known.
    pub insats_namn: Option<String>,
    pub findings: Vec<Finding>,
}

/// The outcome of choosing.
#[derive(Debug, Clone, Default)]
pub struct Selection<'a> {
    /// Every quarter up to the scope's end that has a usable report.
    pub chosen: Chosen<'a>,
    /// Every file of the inbox, in name order.
    pub files: Vec<Judged<'a>>,
    /// Findings of files that are not used for any insats and quarter of the
    /// scope but belong in `Kontroll` (unreadable files, unknown insatser,
    /// replaced reports, reports in doubt).
    pub other_findings: Vec<Finding>,
    /// The insatser and quarters with reports but none chosen, because whose
    /// they are is in doubt: not missing, and said so in words.
    pub in_doubt: std::collections::BTreeSet<(String, Kvartal)>,
}

impl Selection<'_> {
    /// The sheet `Källor`: every file and what became of it.
    pub fn kallor(&self) -> Vec<Kalla> {
        self.files.iter().map(|j| j.kalla.clone()).collect()
    }
}

/// Identity codes that make a report unusable.
const IDENTITY_FEL: &[Code] = &[
    Code::InsatsOkand,
    Code::InsatsRadMedFel,
    Code::KvartalUtanforInsatstid,
    Code::MallversionOkand,
    Code::KvartalEjSlut,
];

/// The findings of a file set aside (a copy, a replaced version) that
/// Kontroll still lists: that it is a copy, where it lies, and a date that
/// did not decide the order.
pub const SET_ASIDE_CODES: &[Code] =
    &[Code::RapportKopia, Code::KvartalAnnatAnMappen, Code::RapportdatumOrimligt];

/// A report that may count for its insats and quarter.
struct Candidate<'a> {
    used: Used<'a>,
    /// What says the report belongs to another insats, in words.
    contradiction: Option<evidence::Contradiction>,
}

/// `today` is the day of the run: report dates after it, and quarters not
/// over by it, are findings ([`dates`]).
pub fn select<'a>(inbox: &'a Inbox, register: &Register, scope: Scope, today: NaiveDate) -> Selection<'a> {
    let mut selection = Selection::default();
    let mut candidates: BTreeMap<(String, Kvartal), Vec<Candidate<'a>>> = BTreeMap::new();
    let senders = evidence::Senders::of(inbox, register);
    let end = scope.end();
    // The checks across files, once for the whole inbox, then by file.
    let mut across: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    for finding in across::across_files(inbox) {
        across.entry(finding.file.clone()).or_default().push(finding);
    }
    // A copy is the same report as its original, never a newer version of it.
    let copy_of: BTreeMap<&str, &str> = across::copies(inbox)
        .into_iter()
        .map(|(copy, original)| (copy.source.name.as_str(), original.source.name.as_str()))
        .collect();
    for file in &inbox.files {
        let mut findings = file.outcome.findings.clone();
        findings.extend(check_report(&file.outcome, register, scope.as_of()));
        findings.extend(check_file(&file.outcome, &file.source.path, today));
        findings.extend(across.remove(&file.source.name).unwrap_or_default());
        // Every finding about a report is about its quarter: what `Kvitteringar` matches.
        if let Some(q) = file.outcome.report.as_ref().and_then(|r| r.identitet.kvartal()) {
            for finding in &mut findings {
                finding.kvartal.get_or_insert(q);
            }
        }
        let identity =
            file.outcome.report.as_ref().map(|r| (r.identitet.insats_id.clone(), r.identitet.kvartal()));
        let after_end = |q: &Kvartal| end.is_some_and(|end| *q > end);
        let status = match (&file.outcome.report, &identity) {
            (None, _) if findings.iter().any(|f| matches!(f.code, Code::FilOlaslig | Code::FilForStor)) => {
                KallStatus::Olaslig
            }
            (None, _) => KallStatus::EjRapport,
            // A report of a quarter after the period is none of this run's
            // business, even when the decisions known at the period's end do
            // not yet reach its quarter (a later Förlängning does).
            // A quarter not over (today, or at the report's date) is, though:
            // it is no report of that quarter, most likely a mistyped year
            // (2028 or 2019 for 2018), and the reminder names it.
            (Some(_), Some((Some(id), Some(q))))
                if after_end(q)
                    && register.is_active(id, *q, NaiveDate::MAX)
                    && !findings.iter().any(|f| f.code == Code::KvartalEjSlut) =>
            {
                KallStatus::AnnanPeriod
            }
            (Some(_), Some((Some(id), Some(q))))
                if !findings.iter().any(|f| IDENTITY_FEL.contains(&f.code))
                    && register.insats(id).is_some() =>
            {
                if after_end(q) {
                    KallStatus::AnnanPeriod
                } else if let Some(original) = copy_of.get(file.source.name.as_str()) {
                    // Set aside without a word of its own but what Kontroll lists.
                    let kept: Vec<Finding> =
                        findings.into_iter().filter(|f| SET_ASIDE_CODES.contains(&f.code)).collect();
                    selection.other_findings.extend(kept.iter().cloned());
                    let comment = Some(format!("Kopia av {original}"));
                    selection.files.push(judged(file, KallStatus::Ersatt, comment, kept, register));
                    continue;
                } else {
                    let key = (register.insats(id).map_or(id.clone(), |i| i.id.clone()), *q);
                    let contradiction = evidence::contradiction(file, &key.0, register, &senders);
                    candidates
                        .entry(key)
                        .or_default()
                        .push(Candidate { used: Used { file, findings }, contradiction });
                    continue;
                }
            }
            _ => KallStatus::Fel,
        };
        selection.other_findings.extend(for_kontroll(status, &findings));
        selection.files.push(judged(file, status, None, findings, register));
    }
    for ((id, q), group) in candidates {
        choose(&mut selection, register, scope, (&id, q), group, today);
    }
    selection.files.sort_by(|a, b| a.kalla.fil.cmp(&b.kalla.fil));
    selection
}

/// The findings of a file that its status leaves for Kontroll: all of them,
/// but of another period's report only that it lies in the wrong quarter's
/// folder (last quarter's report saved among this quarter's is kansliet's
/// to see; the rest is that quarter's business).
fn for_kontroll(status: KallStatus, findings: &[Finding]) -> impl Iterator<Item = Finding> + '_ {
    let other_period = status == KallStatus::AnnanPeriod;
    findings.iter().filter(move |f| !other_period || f.code == Code::KvartalAnnatAnMappen).cloned()
}

/// Chooses among the reports for one insats and quarter: none when whose
/// they are is in doubt, else the newest.
fn choose<'a>(
    selection: &mut Selection<'a>,
    register: &Register,
    scope: Scope,
    (id, q): (&str, Kvartal),
    group: Vec<Candidate<'a>>,
    today: NaiveDate,
) {
    let in_scope = scope.contains(q);
    let insats = register.insats(id).map_or_else(|| id.to_string(), |i| format!("{} ({id})", i.namn));
    let mut senders: Vec<String> = group.iter().filter_map(|c| evidence::sender(c.used.file)).collect();
    senders.sort();
    senders.dedup();
    let (doubted, clear): (Vec<Candidate>, Vec<Candidate>) =
        group.into_iter().partition(|c| senders.len() > 1 || c.contradiction.is_some());
    if !doubted.is_empty() {
        // Every report of the group is named, chosen or not, so the message
        // tells kansliet all it needs to decide.
        let named: Vec<&InboxFile> = doubted.iter().chain(&clear).map(|c| c.used.file).collect();
        for candidate in doubted {
            let file = candidate.used.file;
            let mut findings = candidate.used.findings;
            let mut doubt = Vec::new();
            if senders.len() > 1 {
                doubt.push(evidence::in_doubt(file, &named, &insats, id, q));
            }
            if let Some(contradiction) = &candidate.contradiction {
                doubt.push(evidence::contradicted(file, &insats, id, &contradiction.why));
                // The insats the file seems to be from may have reported in
                // it: that quarter is in doubt too, never simply missing.
                // (Harmless where that insats has a report of its own.)
                for other in &contradiction.points_at {
                    selection.in_doubt.insert((other.clone(), q));
                }
            }
            let others: Vec<&str> = named
                .iter()
                .filter(|f| f.source.name != file.source.name)
                .map(|f| f.source.name.as_str())
                .collect();
            let why = candidate.contradiction.as_ref().map(|c| c.why.as_str());
            let kommentar = match (why, others.is_empty()) {
                (Some(why), true) => format!("Används inte: {why}."),
                (Some(why), false) => format!("Används inte: {why}; se även {}.", others.join(", ")),
                (None, _) => format!("Används inte: olika avsändare, se även {}.", others.join(", ")),
            };
            for finding in &mut doubt {
                finding.kvartal.get_or_insert(q);
            }
            findings.extend(doubt.iter().cloned());
            selection.other_findings.extend(findings.iter().cloned());
            selection.files.push(judged(file, KallStatus::ITvivel, Some(kommentar), findings, register));
        }
    }
    let mut clear: Vec<Used> = clear.into_iter().map(|c| c.used).collect();
    order_versions(&mut clear, today);
    let Some(winner) = clear.pop() else {
        selection.in_doubt.insert((id.to_string(), q));
        return;
    };
    for replaced in clear {
        let comment = format!("Ersatt av {}", winner.file.source.name);
        let mut findings = replaced.findings.clone();
        let set_aside = replaced.findings.iter().filter(|f| SET_ASIDE_CODES.contains(&f.code));
        selection.other_findings.extend(set_aside.cloned());
        if in_scope {
            let finding = replaced_finding(&replaced, winner.file, id, q);
            selection.other_findings.push(finding.clone());
            findings.push(finding);
        } else {
            selection.other_findings.extend(corrected_spend(&replaced, winner.file, id, q));
        }
        selection.files.push(judged(replaced.file, KallStatus::Ersatt, Some(comment), findings, register));
    }
    let status = if in_scope { KallStatus::Anvand } else { KallStatus::AnnanPeriod };
    if !in_scope {
        selection.other_findings.extend(for_kontroll(status, &winner.findings));
    }
    selection.files.push(judged(winner.file, status, None, winner.findings.clone(), register));
    selection.chosen.insert((id.to_string(), q), winner);
}

/// Orders the versions of one insats's report for one quarter, oldest
/// first: by `rapportdatum`, then modification time, then name. When any
/// version's date cannot be trusted (before its quarter, after `today`,
/// or no real date), no date decides: the versions are ordered by
/// modification time, then name, as that version's finding says.
pub fn order_versions(versions: &mut [Used], today: NaiveDate) {
    let distrusted = versions.iter().any(|used| {
        used.file.outcome.report.as_ref().is_some_and(|r| dates::rapportdatum_distrusted(r, today))
            || used
                .findings
                .iter()
                .any(|f| f.code == Code::VardeOgiltigt && f.field.as_deref() == Some("rapportdatum"))
    });
    let date = |used: &Used| {
        if distrusted { None } else { used.file.outcome.report.as_ref().and_then(|r| r.rapportdatum) }
    };
    versions.sort_by(|a, b| {
        (date(a), a.file.modified, &a.file.source.name).cmp(&(date(b), b.file.modified, &b.file.source.name))
    });
}

fn replaced_finding(replaced: &Used, winner: &InboxFile, id: &str, q: Kvartal) -> Finding {
    let message = format!(
        "Det finns två rapporter för insatsen {id} och {q} från samma avsändare. Den nyaste, {}, används; den \
         här räknas inte. Inget behöver göras: filen kan ligga kvar i mappen.",
        winner.source.name
    );
    Finding::new(Code::RapportErsatt, &replaced.file.source.name, message).insats(id).kvartal(q)
}

/// A report of a quarter before the period replaced by a newer one with
/// another spend: a correction of an old quarter, which changes the spend
/// since start. Two versions with the same spend are just a duplicate.
fn corrected_spend(replaced: &Used, winner: &InboxFile, id: &str, q: Kvartal) -> Option<Finding> {
    let spend = |file: &InboxFile| file.outcome.report.as_ref().and_then(|r| r.budget.utfall_kr);
    let (before, after) = (spend(replaced.file), spend(winner));
    if before == after {
        return None;
    }
    let shown =
        |amount: Option<rust_decimal::Decimal>| amount.map_or("inget".to_string(), crate::value::format_kr);
    let message = format!(
        "Utfallet för {q} har rättats från {} till {}: {} ersätter {}. Utfall sedan start räknas med det rättade \
         beloppet. Kontrollera att rättelsen stämmer med ekonomin.",
        shown(before),
        shown(after),
        winner.source.name,
        replaced.file.source.name
    );
    Some(
        Finding::new(Code::UtfallRattat, &winner.source.name, message)
            .insats(id)
            .field("utfall_kr")
            .kvartal(q),
    )
}

fn judged<'a>(
    file: &'a InboxFile,
    status: KallStatus,
    kommentar: Option<String>,
    findings: Vec<Finding>,
    register: &Register,
) -> Judged<'a> {
    let report = file.outcome.report.as_ref();
    let insats_id = report.and_then(|r| r.identitet.insats_id.clone());
    let registered = insats_id.as_deref().and_then(|id| register.insats(id));
    Judged {
        file,
        kalla: Kalla {
            fil: file.source.name.clone(),
            insats_id,
            kvartal: report.and_then(|r| r.identitet.kvartal()),
            mallversion: report.and_then(|r| r.identitet.mallversion.clone()),
            andrad: file.modified.map(|m| m.date()),
            sha256: file.sha256.clone(),
            status,
            kommentar,
            epost: report
                .and_then(|r| r.uppgiftslamnare_epost.clone())
                .filter(|e| crate::check::looks_like_email(e)),
        },
        insats_namn: registered.map(|i| i.namn.clone()),
        findings,
    }
}
