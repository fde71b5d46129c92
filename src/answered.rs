//! Findings that have been answered: a warning the styrgrupp explained in
//! the comment its message asks for ([`explain`]), and any finding kansliet
//! accepted with a reason in the register's `Kvitteringar` ([`accept`]).
//!
//! Takes findings and the report (for a comment) or the register (for its
//! acceptances); changes the findings in place. An answered finding stays
//! a finding with its code, file and cell, so `Kontroll`, the JSON and
//! `kontrollera` still show it, but its severity becomes Info, which is
//! what keeps it out of the exit code and the feedback (both act on Fel
//! and Varning only); what it was is kept in [`Finding::forklarad`] or
//! [`Finding::kvitterad`], and its message says so in words.
//!
//! Where in the pipeline (see `docs/architecture.md`): an explanation is a
//! matter of one report, so [`explain`] runs at the end of
//! `check::check_report`, and every command sees the same. An acceptance
//! is a matter of the run: [`accept`] runs where a run's findings are
//! complete (the aggregation per insats and over the period; `kontrollera`
//! over every checked file), after the figures are built, so an accepted
//! Fel never makes the value it rejected count: acceptance changes the
//! exit code, the feedback and how the finding is shown, not the figures.
//! [`unmatched`] names each row of `Kvitteringar` that accepted nothing in
//! the run's quarters, so kansliet sees a typo.
//!
//! Guarantees: the same findings and register give the same result; a
//! finding is answered at most once (an explained warning can still be
//! accepted, keeping its explanation); every text is masked for personal
//! identity numbers once more.

use crate::contract;
use crate::finding::{Code, Finding, Forklarad, Kvitterad, Severity};
use crate::period::Kvartal;
use crate::register::{Kvittering, Register};
use crate::report::Kvartalsrapport;
use std::collections::BTreeSet;

/// Every finding code whose message asks the styrgrupp to explain in a
/// named comment of the report, with that comment's field. Read off the
/// messages of `check/messages.rs` (a test counts the requests there).
pub const EXPLAINED_BY: &[(Code, &str)] = &[
    // "… hör inte till målgruppen i ansökan. Förklara varför i kommentaren om kvaliteten, …"
    (Code::DeltagareUtanforMalgrupp, "kvalitet_kommentar"),
    // "Styrgruppen har haft … möten … Förklara varför i kommentaren om kvaliteten."
    (Code::MotenFarreAnAvtalat, "kvalitet_kommentar"),
];

/// The comment field that answers a finding of `code`, if its message asks
/// for one.
pub fn explained_by(code: Code) -> Option<&'static str> {
    EXPLAINED_BY.iter().find(|(c, _)| *c == code).map(|(_, field)| *field)
}

/// The longest comment quoted in full in a message; a longer one is cut at
/// a word and ends in "…" (the JSON's `forklarad` keeps all of it).
pub const QUOTED_CHARS: usize = 300;

/// The sentence of a message that asks for the explanation: an explained
/// finding's message keeps what was found and drops the request.
const REQUEST: &str = " Förklara varför i kommentaren";

/// Turns each Varning of `findings` whose comment field is filled in
/// `report` into an explained Info quoting the comment.
pub fn explain(findings: &mut [Finding], report: &Kvartalsrapport) {
    for finding in findings.iter_mut().filter(|f| f.severity == Severity::Varning && f.forklarad.is_none()) {
        let Some(field) = explained_by(finding.code) else { continue };
        let Some(comment) = comment(report, field) else { continue };
        let kommentar = masked(&one_line(comment));
        finding.message = masked(&explained_message(&finding.message, field, &kommentar));
        finding.severity = Severity::Info;
        finding.forklarad = Some(Forklarad { falt: field, kommentar });
    }
}

/// The report's comment in `field`, when it holds more than white space.
fn comment<'r>(report: &'r Kvartalsrapport, field: &str) -> Option<&'r str> {
    let text = match field {
        "mal_kommentar" => &report.mal.kommentar,
        "forutsattningar_kommentar" => &report.forutsattningar.kommentar,
        "budget_kommentar" => &report.budget.kommentar,
        "kvalitet_kommentar" => &report.kvalitet.kommentar,
        _ => return None,
    };
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// "2 deltagare hör inte till målgruppen i ansökan. Förklarat av
/// styrgruppen i "Kommentar om kvalitetsarbetet": "…"."
fn explained_message(message: &str, field: &str, kommentar: &str) -> String {
    let found = message.find(REQUEST).map_or(message, |at| &message[..at]);
    let label = contract::field(field).map_or_else(|| field.to_string(), |f| f.display_label());
    format!("{found} Förklarat av styrgruppen i \"{label}\": \"{}\"", shortened(kommentar))
}

/// `text` whole when short, else cut at the last space before
/// [`QUOTED_CHARS`] characters, with "…".
fn shortened(text: &str) -> String {
    if text.chars().count() <= QUOTED_CHARS {
        return text.to_string();
    }
    let head: String = text.chars().take(QUOTED_CHARS).collect();
    let cut = head.rfind(' ').filter(|at| *at > 0).map_or(head.as_str(), |at| &head[..at]);
    format!("{} …", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Marks each finding of `findings` that a row of the register's
/// `Kvitteringar` matches (the finding's insats and code, its quarter
/// within the row's period, its file when the row names one) as accepted:
/// Info, with the reason in its message and [`Finding::kvitterad`].
/// A finding without an insats or quarter (an unreadable file) matches
/// nothing. Running it twice changes nothing more.
pub fn accept(findings: &mut [Finding], register: &Register) {
    if register.kvitteringar.is_empty() {
        return;
    }
    for finding in findings.iter_mut().filter(|f| f.kvitterad.is_none()) {
        let Some(row) = matching(finding, register) else { continue };
        let allvarlighet = finding.severity;
        finding.message = masked(&accepted_message(&row.motivering, allvarlighet, &finding.message));
        finding.severity = Severity::Info;
        finding.kvitterad =
            Some(Kvitterad { motivering: masked(&row.motivering), allvarlighet, rad: row.rad });
    }
}

/// The first row of `Kvitteringar` that accepts `finding`.
fn matching<'r>(finding: &Finding, register: &'r Register) -> Option<&'r Kvittering> {
    let q = finding.kvartal?;
    let written = finding.insats_id.as_deref()?;
    let id = register.insats(written).map_or(written.trim(), |i| i.id.as_str());
    register
        .kvitteringar
        .iter()
        .find(|k| k.kod == finding.code && k.id.trim() == id && k.covers(q) && k.names_file(&finding.file))
}

/// "Kvitterad av kansliet: Beslut om förlängning väntas. Fyndet (Fel): …".
fn accepted_message(motivering: &str, was: Severity, message: &str) -> String {
    let motivering = one_line(motivering);
    let motivering = motivering.trim_end_matches('.');
    format!("Kvitterad av kansliet: {motivering}. Fyndet ({was}): {message}")
}

/// A finding for each row of `Kvitteringar` that accepted none of
/// `findings`, among the rows whose period covers one of `quarters` (the
/// run's): rows for other quarters are not this run's business.
pub fn unmatched<'f>(
    register: &Register,
    findings: impl IntoIterator<Item = &'f Finding>,
    quarters: &[Kvartal],
) -> Vec<Finding> {
    let used: BTreeSet<u32> = findings.into_iter().filter_map(|f| Some(f.kvitterad.as_ref()?.rad)).collect();
    register
        .kvitteringar
        .iter()
        .filter(|k| !used.contains(&k.rad) && quarters.iter().any(|q| k.covers(*q)))
        .map(unmatched_finding)
        .collect()
}

fn unmatched_finding(k: &Kvittering) -> Finding {
    let fil = k.fil.as_deref().map(|f| format!(" i filen {f}")).unwrap_or_default();
    let message = format!(
        "Rad {} kvitterar fyndet {} för {} {}{fil}, men körningen har inget sådant fynd. Kontrollera Id, Period \
         och Kod mot bladet Kontroll; är felet redan rättat kan raden tas bort.",
        k.rad, k.kod, k.id, k.period
    );
    let finding = Finding::new(Code::KvitteringUtanFynd, &k.plats.fil, message)
        .on_sheet(&k.plats.blad)
        .field("Kod")
        .insats(&k.id);
    match &k.plats.cell {
        Some(cell) => finding.in_cell(cell),
        None => finding,
    }
}

/// `text` on one line: line breaks and runs of white space become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn masked(text: &str) -> String {
    crate::pnr::mask(text).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::FieldType;

    #[test]
    fn every_message_that_asks_for_an_explanation_has_its_comment_field() {
        // The request is written once per message that makes it.
        let messages = include_str!("check/messages.rs");
        let asked = messages.matches(REQUEST.trim_start()).count();
        assert_eq!(asked, EXPLAINED_BY.len(), "a message asks for an explanation that EXPLAINED_BY lacks");
        let codes: BTreeSet<Code> = EXPLAINED_BY.iter().map(|(c, _)| *c).collect();
        assert_eq!(codes.len(), EXPLAINED_BY.len(), "a code is listed twice");
        for (code, field) in EXPLAINED_BY {
            assert_eq!(code.severity(), Severity::Varning, "{code}");
            let declared =
                contract::field(field).unwrap_or_else(|| panic!("{field} is not a contract field"));
            assert_eq!(declared.ty, FieldType::Text, "{field}");
            let mut report = Kvartalsrapport::default();
            report.mal.kommentar = Some("m".into());
            report.forutsattningar.kommentar = Some("f".into());
            report.budget.kommentar = Some("b".into());
            report.kvalitet.kommentar = Some("k".into());
            assert!(comment(&report, field).is_some(), "{field} is not read by `comment`");
        }
    }

    #[test]
    fn an_explained_message_keeps_what_was_found_and_quotes_the_comment() {
        let message = "2 deltagare hör inte till målgruppen i ansökan. Förklara varför i kommentaren om kvaliteten, \
                       eller skicka en avvikelserapport om målgruppen.";
        assert_eq!(
            explained_message(message, "kvalitet_kommentar", "De är 17 år."),
            "2 deltagare hör inte till målgruppen i ansökan. Förklarat av styrgruppen i \"Kommentar om \
             kvalitetsarbetet\": \"De är 17 år.\""
        );
    }

    #[test]
    fn an_explained_warning_is_info_and_never_carries_a_personal_identity_number() {
        let mut report = Kvartalsrapport::default();
        report.kvalitet.kommentar = Some("Deltagaren 811218-9876\när 17 år.".into());
        let message = "1 deltagare hör inte till målgruppen i ansökan. Förklara varför i kommentaren om kvaliteten, \
                       eller skicka en avvikelserapport om målgruppen.";
        let mut findings = vec![
            Finding::new(Code::DeltagareUtanforMalgrupp, "a.xlsx", message),
            Finding::new(Code::BudgetAvviker, "a.xlsx", "Budgeten skiljer sig."),
        ];
        explain(&mut findings, &report);
        assert_eq!(findings[0].severity, Severity::Info);
        let forklarad = findings[0].forklarad.as_ref().expect("explained");
        assert_eq!(forklarad.falt, "kvalitet_kommentar");
        for text in [&findings[0].message, &forklarad.kommentar] {
            assert!(!text.contains("9876") && text.contains(crate::pnr::MASK), "{text}");
            assert!(!text.contains('\n'), "{text}");
        }
        // A warning no comment is asked for stays as it was.
        assert_eq!((findings[1].severity, &findings[1].forklarad), (Severity::Varning, &None));
    }

    #[test]
    fn a_long_comment_is_cut_at_a_word() {
        let long = "ord ".repeat(200);
        let short = shortened(long.trim());
        assert!(short.ends_with("ord …"), "{short}");
        assert!(short.chars().count() <= QUOTED_CHARS + 2, "{}", short.chars().count());
        assert_eq!(shortened("kort"), "kort");
    }

    #[test]
    fn an_accepted_message_gives_the_reason_and_what_the_finding_was() {
        assert_eq!(
            accepted_message("Beslut om förlängning\nväntas.", Severity::Fel, "Rapport saknas."),
            "Kvitterad av kansliet: Beslut om förlängning väntas. Fyndet (Fel): Rapport saknas."
        );
    }
}
