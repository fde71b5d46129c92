//! What a figure of an insats rests on. The reports used for the period's
//! active quarters are gathered once, each with the fields a Fel rejected
//! ([`Underlag`]); every figure asks it for the values it needs and gets
//! either the accepted value or why it is not known ([`Okand`]): a value a
//! Fel rejected, a value left empty, or a quarter without a usable report.
//!
//! Guarantees: no figure is built from the accepted part of an input that
//! is partly rejected or missing (women without men, one quarter of two),
//! and every figure that is not known, and every judgement resting on one,
//! can say why in words.

use super::model::{Bedomd, EjKand, Uppgift};
use super::status::EJ_ANGIVET;
use crate::finding::{Code, Finding, Severity};
use crate::period::Kvartal;
use crate::register::Status;
use crate::report::{Kon, Kvartalsrapport};
use crate::select::Used;
use std::collections::BTreeMap;

/// The text of a judged value when the insats has no report to judge.
pub const RAPPORT_SAKNAS: &str = "Rapport saknas";
/// The text of a judged value when the insats's reports are in doubt.
pub const I_TVIVEL: &str = "I tvivel";
/// The text of a judged value whose answer a Fel rejected.
pub const FEL_I_RAPPORTEN: &str = "Fel i rapporten";

/// Why a value is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Okand {
    /// A Fel rejected the field's value: the report has an error there.
    Avvisat { kvartal: Kvartal, falt: &'static str, meddelande: String },
    /// The report left the field empty.
    Tomt { kvartal: Kvartal, falt: &'static str },
    /// No report for these quarters.
    RapportSaknas(Vec<Kvartal>),
    /// Reports for these quarters, but whose they are is in doubt: none used.
    ITvivel(Vec<Kvartal>),
}

impl Okand {
    /// The reason in words, for a note and the column Anmärkning.
    pub fn skal(&self) -> String {
        match self {
            Okand::Avvisat { kvartal, falt, meddelande } => {
                let label = label(falt);
                if meddelande.contains(&label) {
                    format!("Fel i rapporten för {kvartal}: {meddelande}")
                } else {
                    format!("Fel i rapporten för {kvartal} i fältet \"{label}\": {meddelande}")
                }
            }
            Okand::Tomt { kvartal, falt } => {
                format!("Fältet \"{}\" är inte ifyllt i rapporten för {kvartal}.", label(falt))
            }
            Okand::RapportSaknas(kvartal) => format!("Rapport saknas för {}.", quarters(kvartal)),
            Okand::ITvivel(kvartal) => format!(
                "Rapporten för {} är i tvivel och används inte: det är oklart vems den är (se bladen Källor och \
                 Kontroll).",
                quarters(kvartal)
            ),
        }
    }

    /// A judged value resting on this: `not_stated` is what the rule gives an
    /// unanswered question; its colour is kept for a rejected or empty
    /// answer (never green), while a missing report is red in every area.
    pub fn bedomd(&self, not_stated: &Bedomd) -> Bedomd {
        let (text, status) = match self {
            Okand::Avvisat { .. } => (FEL_I_RAPPORTEN, not_stated.status),
            Okand::Tomt { .. } => (EJ_ANGIVET, not_stated.status),
            Okand::RapportSaknas(_) => (RAPPORT_SAKNAS, Some(Status::Rod)),
            Okand::ITvivel(_) => (I_TVIVEL, Some(Status::Rod)),
        };
        let status = match status {
            Some(Status::Gron) | None => Some(Status::Gul),
            other => other,
        };
        Bedomd::new(text, status).with_anmarkning(self.skal())
    }

    /// A figure left empty for this reason.
    pub fn ej_kand(&self, uppgift: Uppgift) -> EjKand {
        EjKand { uppgift, skal: self.skal() }
    }
}

/// The field's Swedish label, or its defined name if the contract has none.
fn label(falt: &str) -> String {
    crate::contract::field(falt).map_or_else(|| falt.to_string(), |f| f.display_label())
}

fn quarters(kvartal: &[Kvartal]) -> String {
    let names: Vec<String> = kvartal.iter().map(ToString::to_string).collect();
    crate::value::join_swedish(&names, "och")
}

/// Whether `finding` rejects the value of its field: a Fel on the field.
/// An answer left empty is no value rejected: it reads as empty (`Tomt`).
/// The one rule for every output that shows a report's values.
pub fn rejects(finding: &Finding) -> bool {
    finding.severity == Severity::Fel && finding.code != Code::SvarSaknas && finding.field.is_some()
}

/// One report used, with the fields a Fel rejected in it.
pub struct Rapport<'c> {
    pub kvartal: Kvartal,
    pub report: &'c Kvartalsrapport,
    /// The first Fel on each field, by the field's defined name.
    rejected: BTreeMap<&'c str, &'c Finding>,
}

impl<'c> Rapport<'c> {
    pub fn of(kvartal: Kvartal, used: &'c Used) -> Option<Rapport<'c>> {
        let report = used.file.outcome.report.as_ref()?;
        let mut rejected = BTreeMap::new();
        for finding in used.findings.iter().filter(|f| rejects(f)) {
            if let Some(field) = finding.field.as_deref() {
                rejected.entry(field).or_insert(finding);
            }
        }
        Some(Rapport { kvartal, report, rejected })
    }

    /// The value of `falt` if the report gave it and no Fel rejected it.
    pub fn varde<T>(&self, falt: &'static str, value: Option<T>) -> Result<T, Okand> {
        if let Some(finding) = self.rejected.get(falt) {
            return Err(Okand::Avvisat { kvartal: self.kvartal, falt, meddelande: finding.message.clone() });
        }
        value.ok_or(Okand::Tomt { kvartal: self.kvartal, falt })
    }

    /// Women plus men of the pair `<stem>_kvinnor`/`<stem>_man`, known only
    /// when both halves are.
    pub fn par(&self, falt: [&'static str; 2], value: Kon<Option<u32>>) -> Result<u32, Okand> {
        let [kvinnor, man] = falt;
        let women = self.varde(kvinnor, value.kvinnor)?;
        let men = self.varde(man, value.man)?;
        Ok(women.saturating_add(men))
    }
}

/// The reports of an insats's active quarters of the period.
pub struct Underlag<'c> {
    /// Each active quarter, oldest first, with its report or why there is none.
    kvartal: Vec<(Kvartal, Result<Rapport<'c>, Okand>)>,
}

impl<'c> Underlag<'c> {
    /// `active`: the quarters with the report used, if any; `in_doubt`:
    /// whether a quarter without one has reports in doubt.
    pub fn new<'a: 'c>(
        active: &[(Kvartal, Option<&'c Used<'a>>)],
        in_doubt: impl Fn(&Kvartal) -> bool,
    ) -> Underlag<'c> {
        let kvartal = active
            .iter()
            .map(|(q, used)| {
                let rapport = match used.and_then(|u| Rapport::of(*q, u)) {
                    Some(rapport) => Ok(rapport),
                    None if in_doubt(q) => Err(Okand::ITvivel(vec![*q])),
                    None => Err(Okand::RapportSaknas(vec![*q])),
                };
                (*q, rapport)
            })
            .collect();
        Underlag { kvartal }
    }

    /// The active quarters of the period.
    pub fn quarters(&self) -> impl Iterator<Item = Kvartal> + '_ {
        self.kvartal.iter().map(|(q, _)| *q)
    }

    /// The latest quarter's report, or, when no quarter has one, why.
    pub fn latest(&self) -> Result<&Rapport<'c>, Okand> {
        if let Some(rapport) = self.kvartal.iter().rev().find_map(|(_, r)| r.as_ref().ok()) {
            return Ok(rapport);
        }
        let (mut missing, mut doubted) = (Vec::new(), Vec::new());
        for reason in self.kvartal.iter().filter_map(|(_, r)| r.as_ref().err()) {
            match reason {
                Okand::RapportSaknas(q) => missing.extend(q),
                Okand::ITvivel(q) => doubted.extend(q),
                _ => {}
            }
        }
        // A quarter simply missing weighs more than one in doubt.
        Err(if missing.is_empty() { Okand::ITvivel(doubted) } else { Okand::RapportSaknas(missing) })
    }

    /// `value` of every quarter, or the first reason one is not known: a
    /// sum over the period is known only when every quarter's part is.
    pub fn every<T>(&self, value: impl Fn(&Rapport<'c>) -> Result<T, Okand>) -> Result<Vec<T>, Okand> {
        if self.kvartal.iter().all(|(_, r)| r.is_err()) {
            return Err(self.latest().err().unwrap_or(Okand::RapportSaknas(Vec::new())));
        }
        self.kvartal.iter().map(|(_, r)| r.as_ref().map_err(Clone::clone).and_then(&value)).collect()
    }
}
