//! Which report counts for each insats and quarter, and what became of
//! every file of the inbox (`Källor`).
//!
//! Each report is checked against the register with the decisions dated up
//! to the period's end. A report whose identity has a Fel (unknown insats,
//! quarter outside the grant, no quarter) is not used. Of two reports for
//! one insats and quarter the newest counts: the later `rapportdatum`, then
//! the later modification time, then the later name ([`order_versions`]:
//! no date decides when one of them cannot be trusted); the other is listed
//! as replaced. A file with the same bytes as another is that report, not a
//! newer version: listed as a copy of it. Reports of quarters before the period are kept as history
//! (spend since start); reports after it are not used.

use super::model::{KallStatus, Kalla};
use crate::check::{across, check_file, check_report, dates};
use crate::finding::{Code, Finding, Severity};
use crate::inbox::{Inbox, InboxFile};
use crate::period::{Kvartal, Period};
use crate::register::Register;
use chrono::NaiveDate;
use std::collections::BTreeMap;

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

/// The outcome of choosing.
#[derive(Debug, Clone, Default)]
pub struct Selection<'a> {
    /// Every quarter up to the period's end that has a usable report.
    pub chosen: Chosen<'a>,
    pub kallor: Vec<Kalla>,
    /// Findings of files that are not used for any insats and quarter of the
    /// period but belong in `Kontroll` (unreadable files, unknown insatser,
    /// replaced reports).
    pub other_findings: Vec<Finding>,
}

/// Identity codes that make a report unusable.
const IDENTITY_FEL: &[Code] =
    &[Code::InsatsOkand, Code::KvartalUtanforInsatstid, Code::MallversionOkand, Code::KvartalEjSlut];

/// `today` is the day of the run: report dates after it, and quarters not
/// over by it, are findings ([`dates`]).
pub fn select<'a>(inbox: &'a Inbox, register: &Register, period: Period, today: NaiveDate) -> Selection<'a> {
    let mut selection = Selection::default();
    let mut candidates: BTreeMap<(String, Kvartal), Vec<Used<'a>>> = BTreeMap::new();
    let period_end = Kvartal::of(period.last_day());
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
        findings.extend(check_report(&file.outcome, register, Some(period.last_day())));
        findings.extend(check_file(&file.outcome, &file.source.path, today));
        findings.extend(across.remove(&file.source.name).unwrap_or_default());
        let identity =
            file.outcome.report.as_ref().map(|r| (r.identitet.insats_id.clone(), r.identitet.kvartal()));
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
                if *q > period_end
                    && register.is_active(id, *q, NaiveDate::MAX)
                    && !findings.iter().any(|f| f.code == Code::KvartalEjSlut) =>
            {
                KallStatus::AnnanPeriod
            }
            (Some(_), Some((Some(id), Some(q))))
                if !findings.iter().any(|f| IDENTITY_FEL.contains(&f.code))
                    && register.insats(id).is_some() =>
            {
                if *q > period_end {
                    KallStatus::AnnanPeriod
                } else if let Some(original) = copy_of.get(file.source.name.as_str()) {
                    let comment = format!("Kopia av {original}");
                    selection
                        .other_findings
                        .extend(findings.into_iter().filter(|f| SET_ASIDE_CODES.contains(&f.code)));
                    selection.kallor.push(kalla(file, KallStatus::Ersatt, Some(comment)));
                    continue;
                } else {
                    let key = (register.insats(id).map_or(id.clone(), |i| i.id.clone()), *q);
                    candidates.entry(key).or_default().push(Used { file, findings });
                    continue;
                }
            }
            _ => KallStatus::Fel,
        };
        if status != KallStatus::AnnanPeriod {
            selection.other_findings.extend(findings);
        }
        selection.kallor.push(kalla(file, status, None));
    }
    for ((id, q), mut reports) in candidates {
        order_versions(&mut reports, today);
        let Some(winner) = reports.pop() else { continue };
        let in_period = period.quarters().contains(&q);
        for replaced in reports {
            let comment = format!("Ersatt av {}", winner.file.source.name);
            selection.kallor.push(kalla(replaced.file, KallStatus::Ersatt, Some(comment)));
            let set_aside = replaced.findings.iter().filter(|f| SET_ASIDE_CODES.contains(&f.code));
            selection.other_findings.extend(set_aside.cloned());
            if in_period {
                selection.other_findings.push(replaced_finding(&replaced, winner.file, &id, q));
            } else {
                selection.other_findings.extend(corrected_spend(&replaced, winner.file, &id, q));
            }
        }
        let status = if in_period { KallStatus::Anvand } else { KallStatus::AnnanPeriod };
        selection.kallor.push(kalla(winner.file, status, None));
        selection.chosen.insert((id, q), winner);
    }
    selection.kallor.sort_by(|a, b| a.fil.cmp(&b.fil));
    selection
}

/// The findings of a file set aside (a copy, a replaced version) that
/// Kontroll still lists: that it is a copy, where it lies, and a date that
/// did not decide the order.
const SET_ASIDE_CODES: &[Code] =
    &[Code::RapportKopia, Code::KvartalAnnatAnMappen, Code::RapportdatumOrimligt];

/// Orders the versions of one insats's report for one quarter, oldest
/// first: by `rapportdatum`, then modification time, then name. When any
/// version's date cannot be trusted (before its quarter, after `today`,
/// or no real date), no date decides: the versions are ordered by
/// modification time, then name, as that version's finding says.
fn order_versions(versions: &mut [Used], today: NaiveDate) {
    let distrusted = versions.iter().any(|used| {
        used.file.outcome.report.as_ref().is_some_and(|r| dates::rapportdatum_distrusted(r, today))
            || used
                .findings
                .iter()
                .any(|f| f.code == Code::VardeOgiltigt && f.field.as_deref() == Some("rapportdatum"))
    });
    versions.sort_by(|a, b| {
        let date = |used: &Used| {
            if distrusted { None } else { used.file.outcome.report.as_ref().and_then(|r| r.rapportdatum) }
        };
        (date(a), a.file.modified, &a.file.source.name).cmp(&(date(b), b.file.modified, &b.file.source.name))
    });
}

fn replaced_finding(replaced: &Used, winner: &InboxFile, id: &str, q: Kvartal) -> Finding {
    let message = format!(
        "Det finns två rapporter för insatsen {id} och {q}. Den nyaste, {}, används; den här räknas inte. \
         Ta bort den gamla filen ur mappen om den inte behövs.",
        winner.source.name
    );
    let mut finding = Finding::new(Code::RapportErsatt, &replaced.file.source.name, message).insats(id);
    finding.severity = Severity::Varning;
    finding
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
    Some(Finding::new(Code::UtfallRattat, &winner.source.name, message).insats(id).field("utfall_kr"))
}

fn kalla(file: &InboxFile, status: KallStatus, kommentar: Option<String>) -> Kalla {
    let report = file.outcome.report.as_ref();
    Kalla {
        fil: file.source.name.clone(),
        insats_id: report.and_then(|r| r.identitet.insats_id.clone()),
        kvartal: report.and_then(|r| r.identitet.kvartal()),
        mallversion: report.and_then(|r| r.identitet.mallversion.clone()),
        andrad: file.modified.map(|m| m.date()),
        sha256: file.sha256.clone(),
        status,
        kommentar,
        epost: report
            .and_then(|r| r.uppgiftslamnare_epost.clone())
            .filter(|e| crate::check::looks_like_email(e)),
    }
}
