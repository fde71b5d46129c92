//! One workbook → a typed [`Kvartalsrapport`] and the findings of reading it.
//!
//! A report is read by the contract's defined names (never by fixed cells),
//! so any layout, any spreadsheet program and any outside system that fills
//! the names works. A workbook with none of the names is looked at once more
//! by the template's labels ([`labels`]): a report pasted into a fresh
//! workbook is read that way, with a Varning saying so. Every field is
//! parsed by its contract type; a value that does not parse is a finding and
//! the field stays `None`, so a report with a Fel in one section still
//! contributes its other sections.
//! Free text leaves here with personal identity numbers masked. Every
//! finding of a report whose `insats_id` could be read carries that id.

mod fields;
pub mod labels;
pub mod messages;
mod names;
mod varde;

pub use fields::{GoalRow, Location, MAX_GOAL_ROWS, Value, Values};
pub use varde::Varde;

use crate::contract::{self, AVSLUTSANLEDNINGAR, Gender, IFas, MalPrognos, Malstatus, Narvaro, Svar, SvarEa};
use crate::finding::Finding;
use crate::period::Kvartal;
use crate::workbook::{OpenError, Workbook};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;

/// A pair of counts, women and men.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Kon<T> {
    pub kvinnor: T,
    pub man: T,
}

impl<T: Copy> Kon<T> {
    pub fn of(&self, gender: Gender) -> T {
        match gender {
            Gender::Kvinnor => self.kvinnor,
            Gender::Man => self.man,
        }
    }
}

/// Identity: which insats and quarter the report is about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Identitet {
    pub mallversion: Option<String>,
    pub insats_id: Option<String>,
    pub insats_namn: Option<String>,
    pub period_ar: Option<u32>,
    pub period_kvartal: Option<u32>,
}

impl Identitet {
    /// The quarter, when year and quarter are both valid.
    pub fn kvartal(&self) -> Option<Kvartal> {
        let ar = i32::try_from(self.period_ar?).ok()?;
        Kvartal::new(ar, u8::try_from(self.period_kvartal?).ok()?)
    }
}

/// One goal of the application and its status this quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Malrad {
    pub mal: String,
    pub status: Option<Malstatus>,
    pub kommentar: Option<String>,
}

/// Memo Tabell 2.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MalSvar {
    pub i_fas: Option<IFas>,
    pub prognos: Option<MalPrognos>,
    pub lista: Vec<Malrad>,
    pub kommentar: Option<String>,
}

/// Memo Tabell 3.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Forutsattningar {
    pub start_i_tid: Option<Svar>,
    pub vakanser_sof: Option<Svar>,
    pub vakanser_egen: Option<Svar>,
    pub avvikelse_budget: Option<Svar>,
    pub kommentar: Option<String>,
}

/// Memo Tabell 4.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Budget {
    pub budget_kr: Option<Decimal>,
    pub utfall_kr: Option<Decimal>,
    pub egenfinansiering_kr: Option<Decimal>,
    pub kommentar: Option<String>,
}

/// The weakest attendance of each partner over the quarter's meetings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Narvaron {
    pub kommun: Option<Narvaro>,
    pub af: Option<Narvaro>,
    pub fk: Option<Narvaro>,
    pub region: Option<Narvaro>,
}

/// Memo Tabell 5.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Kvalitet {
    pub styrgruppsmoten: Option<u32>,
    pub narvaro: Narvaron,
    pub uppfoljning_enligt_avtal: Option<Svar>,
    pub kontroll_malgrupp: Option<SvarEa>,
    pub kontroll_metod: Option<SvarEa>,
    pub jamlikhet: Option<SvarEa>,
    pub jamstalldhet: Option<SvarEa>,
    pub avvikelse_mal_malgrupp: Option<Svar>,
    pub kommentar: Option<String>,
}

/// Memo Tabell 6, 7 and the statistics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Deltagare {
    pub pagaende: Kon<Option<u32>>,
    pub nya: Kon<Option<u32>>,
    pub avslutade: Kon<Option<u32>>,
    pub totalt: Kon<Option<u32>>,
    pub anonyma: Option<u32>,
    pub utanfor_malgrupp: Option<u32>,
    /// Finished by reason, in the order of [`AVSLUTSANLEDNINGAR`].
    pub avslut: Vec<(&'static str, Kon<Option<u32>>)>,
}

impl Deltagare {
    /// True when any participant count is above zero.
    pub fn any_reported(&self) -> bool {
        let pairs = [self.pagaende, self.nya, self.avslutade, self.totalt];
        let counts = pairs.iter().flat_map(|k| [k.kvinnor, k.man]);
        counts.chain([self.anonyma, self.utanfor_malgrupp]).any(|n| n.unwrap_or(0) > 0)
    }
}

/// One quarterly report as read, every answer typed; `None` where the
/// report left it empty or the value did not parse (a finding says which).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Kvartalsrapport {
    pub identitet: Identitet,
    pub rapportdatum: Option<NaiveDate>,
    pub uppgiftslamnare: Option<String>,
    pub uppgiftslamnare_epost: Option<String>,
    pub mal: MalSvar,
    pub forutsattningar: Forutsattningar,
    pub budget: Budget,
    pub kvalitet: Kvalitet,
    pub deltagare: Deltagare,
    pub analys: Option<String>,
}

/// What reading one file gave.
#[derive(Debug, Clone)]
pub struct ReadOutcome {
    /// The file's name as kansliet sees it.
    pub file: String,
    /// `None` when the file is not a readable report.
    pub report: Option<Kvartalsrapport>,
    /// The parsed fields, with where each was read from, for the checks.
    pub values: Values,
    pub findings: Vec<Finding>,
}

/// Reads one report. Never fails: every problem is a finding.
pub fn read_report(path: &Path, file: &str) -> ReadOutcome {
    read_report_from(Workbook::open(path), file)
}

/// Reads one report from the file's bytes, already read (see
/// [`crate::inbox`]); `path` names the file and says its format.
pub fn read_report_bytes(bytes: Arc<[u8]>, path: &Path, file: &str) -> ReadOutcome {
    read_report_from(Workbook::from_bytes(bytes, path), file)
}

fn read_report_from(opened: Result<Workbook, OpenError>, file: &str) -> ReadOutcome {
    let mut outcome =
        ReadOutcome { file: file.to_string(), report: None, values: Values::default(), findings: Vec::new() };
    let mut book = match opened {
        Ok(book) => book,
        Err(error) => {
            outcome.findings.push(messages::file_unreadable(&error, file));
            return outcome;
        }
    };
    let mut names = names::contract_names(&book, file);
    if names.is_empty() {
        let Some(found) = labels::find_by_labels(&mut book) else {
            outcome.findings.push(messages::not_a_report(file));
            return outcome;
        };
        outcome.findings.push(messages::read_by_labels(&found.sheet, file));
        names.areas = found.names;
    }
    outcome.findings.append(&mut names.findings);
    let (values, findings) = fields::read_fields(&mut book, &names.areas, &names.refused, file);
    outcome.findings.extend(findings);
    let (report, goal_findings) = from_values(&values, file);
    outcome.findings.extend(goal_findings);
    // The one place every finding of reading a report learns its insats,
    // once identity is read: a finding made anywhere above, now or later,
    // carries it to Kontroll, Ändringar and the JSON. The checks of
    // [`crate::check`] do the same for theirs.
    if let Some(id) = &report.identitet.insats_id {
        for finding in outcome.findings.iter_mut().filter(|f| f.insats_id.is_none()) {
            finding.insats_id = Some(id.clone());
        }
    }
    outcome.report = Some(report);
    outcome.values = values;
    outcome
}

fn text(values: &Values, name: &str) -> Option<String> {
    debug_assert!(contract::field(name).is_some(), "{name} is not in the contract");
    match values.get(name) {
        Some(Value::Text(t)) => Some(t.clone()),
        _ => None,
    }
}

fn int(values: &Values, name: &str) -> Option<u32> {
    debug_assert!(contract::field(name).is_some(), "{name} is not in the contract");
    match values.get(name) {
        Some(Value::Int(n)) => Some(*n),
        _ => None,
    }
}

fn kr(values: &Values, name: &str) -> Option<Decimal> {
    debug_assert!(contract::field(name).is_some(), "{name} is not in the contract");
    match values.get(name) {
        Some(Value::Kr(n)) => Some(*n),
        _ => None,
    }
}

fn choice<T>(values: &Values, name: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
    debug_assert!(contract::field(name).is_some(), "{name} is not in the contract");
    match values.get(name) {
        Some(Value::Choice(label)) => parse(label),
        _ => None,
    }
}

fn kon(values: &Values, prefix: &str) -> Kon<Option<u32>> {
    Kon { kvinnor: int(values, &format!("{prefix}_kvinnor")), man: int(values, &format!("{prefix}_man")) }
}

/// The typed report from the parsed fields, plus findings for goal rows
/// whose status is not a `Målstatus`.
fn from_values(v: &Values, file: &str) -> (Kvartalsrapport, Vec<Finding>) {
    let (lista, findings) = goals(v, file);
    let report = Kvartalsrapport {
        identitet: Identitet {
            mallversion: text(v, "mallversion"),
            insats_id: text(v, "insats_id"),
            insats_namn: text(v, "insats_namn"),
            period_ar: int(v, "period_ar"),
            period_kvartal: int(v, "period_kvartal"),
        },
        rapportdatum: match v.get("rapportdatum") {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        },
        uppgiftslamnare: text(v, "uppgiftslamnare"),
        uppgiftslamnare_epost: text(v, "uppgiftslamnare_epost"),
        mal: MalSvar {
            i_fas: choice(v, "mal_i_fas", IFas::parse),
            prognos: choice(v, "mal_prognos", MalPrognos::parse),
            lista,
            kommentar: text(v, "mal_kommentar"),
        },
        forutsattningar: Forutsattningar {
            start_i_tid: choice(v, "start_i_tid", Svar::parse),
            vakanser_sof: choice(v, "vakanser_sof", Svar::parse),
            vakanser_egen: choice(v, "vakanser_egen", Svar::parse),
            avvikelse_budget: choice(v, "avvikelse_budget", Svar::parse),
            kommentar: text(v, "forutsattningar_kommentar"),
        },
        budget: Budget {
            budget_kr: kr(v, "budget_kr"),
            utfall_kr: kr(v, "utfall_kr"),
            egenfinansiering_kr: kr(v, "egenfinansiering_kr"),
            kommentar: text(v, "budget_kommentar"),
        },
        kvalitet: Kvalitet {
            styrgruppsmoten: int(v, "styrgruppsmoten"),
            narvaro: Narvaron {
                kommun: choice(v, "narvaro_kommun", Narvaro::parse),
                af: choice(v, "narvaro_af", Narvaro::parse),
                fk: choice(v, "narvaro_fk", Narvaro::parse),
                region: choice(v, "narvaro_region", Narvaro::parse),
            },
            uppfoljning_enligt_avtal: choice(v, "uppfoljning_enligt_avtal", Svar::parse),
            kontroll_malgrupp: choice(v, "kontroll_malgrupp", SvarEa::parse),
            kontroll_metod: choice(v, "kontroll_metod", SvarEa::parse),
            jamlikhet: choice(v, "jamlikhet", SvarEa::parse),
            jamstalldhet: choice(v, "jamstalldhet", SvarEa::parse),
            avvikelse_mal_malgrupp: choice(v, "avvikelse_mal_malgrupp", Svar::parse),
            kommentar: text(v, "kvalitet_kommentar"),
        },
        deltagare: Deltagare {
            pagaende: kon(v, "deltagare_pagaende"),
            nya: kon(v, "deltagare_nya"),
            avslutade: kon(v, "deltagare_avslutade"),
            totalt: kon(v, "deltagare_totalt"),
            anonyma: int(v, "deltagare_anonyma"),
            utanfor_malgrupp: int(v, "deltagare_utanfor_malgrupp"),
            avslut: AVSLUTSANLEDNINGAR
                .iter()
                .map(|(key, _)| (*key, kon(v, &format!("avslut_{key}"))))
                .collect(),
        },
        analys: text(v, "analys"),
    };
    (report, findings)
}

fn goals(v: &Values, file: &str) -> (Vec<Malrad>, Vec<Finding>) {
    let Some(Value::Goals(rows)) = v.get("mal_lista") else {
        return (Vec::new(), Vec::new());
    };
    let (Some(field), Some(location)) = (contract::field("mal_lista"), v.location("mal_lista")) else {
        return (Vec::new(), Vec::new());
    };
    let mut findings = Vec::new();
    let lista = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let status = match &row.status {
                Ok(label) => label.and_then(Malstatus::parse),
                Err(error) => {
                    findings.push(messages::bad_goal_status(
                        field,
                        i + 1,
                        error,
                        &row.status_cell,
                        &location.sheet,
                        file,
                    ));
                    None
                }
            };
            Malrad { mal: row.text.clone(), status, kommentar: row.comment.clone() }
        })
        .collect();
    (lista, findings)
}
