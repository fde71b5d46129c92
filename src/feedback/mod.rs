//! Feedback to each styrgrupp: one short message in Swedish per report with
//! problems and per missing report, and a receipt per approved report,
//! ready for kansliet to send.
//!
//! Takes an [`Underlag`] per report (built from a [`Sammanstallning`] by
//! [`from_sammanstallning`], or per checked file by [`Underlag::for_file`]),
//! gives one [`Meddelande`] each ([`messages`]; a run's whole
//! correspondence, with sender, due dates, earlier reminders and receipts
//! from the register's `Inställningar`, is [`korrespondens`]), writes them
//! as a `.txt` to paste and an `.eml` draft to open, with one list of
//! addressees ([`write_all`]), and key figures for the workbook
//! ([`summary`]). Where each report stands ([`Lage`]) is [`lagen`].
//!
//! Guarantees: only Fel and Varning are sent (Info is kansliet's business);
//! Fel come before Varningar; every text a message holds is masked for
//! personal identity numbers once more, whatever the findings say; the same
//! input gives the same bytes; nothing is written outside the folder given.
//! Why both forms, and how kansliet uses them: `docs/aterkoppling.md`.

mod eml;
mod korrespondens;
mod paminnelser;
mod text;
mod tilltal;
mod write;

pub use korrespondens::{Frist, KvartalsLage, Lage, frist, in_words, korrespondens, lagen};
pub use paminnelser::{PAMINNELSER, Paminnelse, Paminnelser};
pub use text::{Avsandare, Meddelande, messages, summary};
pub use write::{FeedbackError, LISTA, Skrivet, planned_files, write_all};

use crate::aggregate::{KallStatus, Sammanstallning};
use crate::finding::{Code, Finding, Severity, sort_for_display};
use crate::period::Kvartal;
use crate::register::Register;
use crate::report::Kvartalsrapport;
use crate::select::Judged;
use std::collections::{HashMap, HashSet};

/// What one message is about: a report with problems, or a missing report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Underlag {
    pub insats_id: Option<String>,
    /// The register's name of the insats, or the report's when the id is unknown.
    pub insats_namn: Option<String>,
    pub kvartal: Option<Kvartal>,
    /// The report's file; `None` for a report that is missing.
    pub fil: Option<String>,
    /// Where the message goes: the report's `uppgiftslamnare_epost`, or for a
    /// missing report the insats's latest address.
    pub epost: Option<String>,
    /// The report's Fel and Varningar, Fel first; empty for a missing report.
    pub fynd: Vec<Finding>,
    /// Whose report it is is in doubt ([`KallStatus::ITvivel`]): the message
    /// goes to kansliet, never to a sender that may not be the insats's.
    pub till_kansliet: bool,
    /// For a missing report: the files of the insats that came instead,
    /// with the quarter each gives, `None` where none can be read
    /// ([`arrived_instead`]); empty otherwise.
    pub i_stallet: Vec<(String, Option<Kvartal>)>,
    /// An approved report, to get a receipt ([`korrespondens`]); a report
    /// with something to send gets its problems instead.
    pub kvittens: bool,
}

impl Underlag {
    /// The feedback on one checked file (`kontrollera`): `None` when it has
    /// no Fel or Varning. Insats, quarter and address come from the report
    /// when it could be read, the name from the register when the id is in it.
    pub fn for_file(
        fil: &str,
        fynd: &[Finding],
        rapport: Option<&Kvartalsrapport>,
        register: &Register,
    ) -> Option<Underlag> {
        let fynd = to_send(fynd);
        if fynd.is_empty() {
            return None;
        }
        let identitet = rapport.map(|r| &r.identitet);
        let insats_id = identitet.and_then(|i| i.insats_id.clone());
        let registrerad = insats_id.as_deref().and_then(|id| register.insats(id));
        Some(Underlag {
            insats_namn: registrerad.map(|i| i.namn.clone()).or_else(|| identitet?.insats_namn.clone()),
            insats_id: registrerad.map(|i| i.id.clone()).or(insats_id),
            kvartal: identitet.and_then(|i| i.kvartal()),
            fil: Some(fil.to_string()),
            epost: rapport.and_then(|r| r.uppgiftslamnare_epost.clone()),
            fynd,
            till_kansliet: false,
            i_stallet: Vec::new(),
            kvittens: false,
        })
    }

    /// The feedback on one file as the selection judged it (`kontrollera`):
    /// none for a replaced report or one of another period; a report in
    /// doubt goes to kansliet.
    pub fn for_judged(judged: &Judged, register: &Register) -> Option<Underlag> {
        let kalla = &judged.kalla;
        if !SKICKAS.contains(&kalla.status) && kalla.status != KallStatus::EjRapport {
            return None;
        }
        let u =
            Underlag::for_file(&kalla.fil, &judged.findings, judged.file.outcome.report.as_ref(), register)?;
        Some(in_doubt(u, kalla.status))
    }

    /// True for the reminder about a report that never came.
    pub fn saknas(&self) -> bool {
        self.fil.is_none()
    }
}

/// Sources whose findings go back to the styrgrupp. A replaced report is
/// left out: its sender already sent a newer one, which is what counts.
/// A report in doubt is sent to kansliet ([`Underlag::till_kansliet`]).
const SKICKAS: &[KallStatus] =
    &[KallStatus::Anvand, KallStatus::Fel, KallStatus::Olaslig, KallStatus::ITvivel];

/// `u` addressed to kansliet when its report is in doubt.
fn in_doubt(u: Underlag, status: KallStatus) -> Underlag {
    if status == KallStatus::ITvivel { Underlag { epost: None, till_kansliet: true, ..u } } else { u }
}

/// One [`Underlag`] per file of the period with a Fel or Varning, then one
/// per missing report, addressed to the insats's latest address.
///
/// Findings about the insats as a whole rather than a file (spend above the
/// grant) are kansliet's to raise and are not sent; neither are register
/// findings nor anything about a replaced report.
pub fn from_sammanstallning(s: &Sammanstallning) -> Vec<Underlag> {
    let namn_by_id: HashMap<&str, &str> =
        s.insatser.iter().map(|i| (i.id.as_str(), i.namn.as_str())).collect();
    let namn = |id: &Option<String>| Some(namn_by_id.get(id.as_deref()?)?.to_string());
    // Grouped once: a look through every finding per file would make a
    // large inbox quadratic.
    let mut by_file: HashMap<&str, Vec<Finding>> = HashMap::new();
    for finding in &s.fynd {
        by_file.entry(finding.file.as_str()).or_default().push(finding.clone());
    }
    let mut underlag: Vec<Underlag> = s
        .kallor
        .iter()
        .filter(|k| SKICKAS.contains(&k.status))
        .filter_map(|k| {
            let fynd = to_send(by_file.get(k.fil.as_str()).map_or(&[][..], Vec::as_slice));
            let u = Underlag {
                insats_namn: namn(&k.insats_id),
                insats_id: k.insats_id.clone(),
                kvartal: k.kvartal,
                fil: Some(k.fil.clone()),
                epost: k.epost.clone(),
                fynd,
                till_kansliet: false,
                i_stallet: Vec::new(),
                kvittens: false,
            };
            (!u.fynd.is_empty()).then(|| in_doubt(u, k.status))
        })
        .collect();
    // A quarter whose reports are in doubt (its own, or a file that seems
    // to be this insats's though it names another) is kansliet's to
    // resolve: no reminder goes to an address that may be the wrong
    // styrgrupp's. Nor does one for a missing report kansliet accepted in
    // `Kvitteringar` (`crate::answered`).
    let accepted: std::collections::HashSet<(&str, Kvartal)> = s
        .fynd
        .iter()
        .filter(|f| f.code == Code::RapportSaknas && f.kvitterad.is_some())
        .filter_map(|f| Some((f.insats_id.as_deref()?, f.kvartal?)))
        .collect();
    // A report that came but cannot count yet (a Fel rejects it) is asked
    // to be corrected in its own message: a reminder that the report never
    // came would contradict it, so none goes for that insats and quarter.
    let answered = quarters_asked_to_correct(&underlag);
    for insats in &s.insatser {
        let reminded = |r: &&crate::aggregate::KvartalsRapportering| {
            r.fil.is_none()
                && !r.i_tvivel
                && !accepted.contains(&(insats.id.as_str(), r.kvartal))
                && !answered.contains(&(insats.id.clone(), r.kvartal))
        };
        for saknad in insats.rapporter.iter().filter(reminded) {
            underlag.push(Underlag {
                insats_id: Some(insats.id.clone()),
                insats_namn: Some(insats.namn.clone()),
                kvartal: Some(saknad.kvartal),
                fil: None,
                epost: insats.kontakt_epost.clone(),
                fynd: Vec::new(),
                till_kansliet: false,
                i_stallet: arrived_instead(s, &by_file, &insats.id, saknad.kvartal),
                kvittens: false,
            });
        }
    }
    underlag
}

/// The files of insats `id` that came for quarter `q` but give another
/// quarter: a report in the folder named for `q` (last quarter's file sent
/// again), or one whose quarter cannot be right (not over, or outside the
/// grant: a mistyped year or quarter). By name.
/// The insatser and quarters (id trimmed) whose report came and is asked
/// to be corrected by one of `underlag`'s messages.
pub(crate) fn quarters_asked_to_correct(underlag: &[Underlag]) -> HashSet<(String, Kvartal)> {
    underlag
        .iter()
        .filter(|u| u.fil.is_some())
        .filter_map(|u| Some((u.insats_id.as_deref()?.trim().to_string(), u.kvartal?)))
        .collect()
}

fn arrived_instead(
    s: &Sammanstallning,
    by_file: &HashMap<&str, Vec<Finding>>,
    id: &str,
    q: Kvartal,
) -> Vec<(String, Option<Kvartal>)> {
    const QUARTER_WRONG: &[Code] = &[Code::KvartalEjSlut, Code::KvartalUtanforInsatstid];
    s.kallor
        .iter()
        .filter(|k| k.insats_id.as_deref().is_some_and(|i| i.trim() == id))
        .filter_map(|k| {
            let folder = crate::check::folder::quarter_of_shown_name(&k.fil);
            let Some(given) = k.kvartal else {
                // No quarter can be read from it: it may be this one's
                // report, unless its folder says it is another's.
                return folder.is_none_or(|f| f == q).then(|| (k.fil.clone(), None));
            };
            let quarter_wrong = by_file
                .get(k.fil.as_str())
                .is_some_and(|fynd| fynd.iter().any(|f| QUARTER_WRONG.contains(&f.code)));
            (given != q && (folder == Some(q) || quarter_wrong)).then(|| (k.fil.clone(), Some(given)))
        })
        .collect()
}

/// Findings whose fix is kansliet's, never asked of a styrgrupp.
const KANSLIETS: &[Code] = &[Code::InsatsRadMedFel];

/// The Fel and Varningar of `fynd` that the styrgrupp can act on, Fel
/// first, then in sheet and cell order.
fn to_send(fynd: &[Finding]) -> Vec<Finding> {
    let mut sent: Vec<Finding> = fynd
        .iter()
        .filter(|f| f.severity != Severity::Info && !KANSLIETS.contains(&f.code))
        .cloned()
        .collect();
    sort_for_display(&mut sent);
    sent.sort_by_key(|f| f.severity);
    sent
}

/// `text` as one address to put in a header, or `None` when it is not one:
/// besides looking like an address it may hold nothing that would end the
/// header or name a second addressee.
fn adress(text: &str) -> Option<String> {
    let text = text.trim();
    let forbidden = |c: char| c.is_control() || ",;<>\"()[]\\".contains(c);
    (crate::check::looks_like_email(text) && !text.contains(forbidden)).then(|| text.to_string())
}
