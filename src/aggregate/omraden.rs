//! The status of each area of an insats and of the whole, with kansliet's
//! `Bedömningar` applied: an override replaces an area's colour, keeps its
//! reason, and the whole is the worst of the (overridden) areas unless it
//! is overridden itself. A missing report makes the whole red; when no
//! quarter of the period has a usable report every area says so
//! ("Rapport saknas", "I tvivel"), in red. Every yellow or red area and
//! whole says why: the parts of its colour, with their own reasons.

use super::Context;
use super::model::rubrik::{FORUTSATTNINGAR, I_FAS, KVALITET, PROGNOS, PROGNOS_BUDGET, TAKT};
use super::model::*;
use super::status::{area, worst};
use super::underlag::Okand;
use crate::register::{Insats, Omrade, Status};

/// The judged parts of each area: each part's column and value.
pub struct Delar<'r> {
    pub mal: &'r MalResultat,
    pub forutsattningar: &'r ForutsattningarResultat,
    pub budget: &'r BudgetResultat,
    pub kvalitet: &'r KvalitetResultat,
    pub deltagare: Option<&'r DeltagareResultat>,
    /// The figures of the Budget and Deltagare tables that are not known.
    pub ej_kanda: &'r [EjKand],
}

/// The statuses of the areas and of the whole. `ingen_rapport`: why no
/// quarter of the period has a usable report, if none has; every area then
/// says so, in red.
pub fn omraden(
    ctx: &Context,
    insats: &Insats,
    rapport: Rapportlage,
    ingen_rapport: Option<&Okand>,
    delar: &Delar,
) -> Omraden {
    let judge = |omrade: Omrade, computed: Bedomd| {
        let computed = match ingen_rapport {
            Some(reason) => reason.bedomd(&computed),
            None => computed,
        };
        override_with(ctx, insats, omrade, computed)
    };
    let m = delar.mal;
    let mal = judge(Omrade::Mal, area_of(&[(I_FAS, &m.i_fas), (PROGNOS, &m.prognos)]));
    let f = delar.forutsattningar.parts();
    let forutsattningar = judge(Omrade::Forutsattningar, area_of(&labelled(&FORUTSATTNINGAR, &f)));
    // A figure of an area's table that is not known keeps the area from
    // green: the table shows an empty cell the board cannot judge.
    let unknown = |uppgifter: &[Uppgift]| -> Vec<(&'static str, Bedomd)> {
        let of_area = delar.ej_kanda.iter().filter(|e| uppgifter.contains(&e.uppgift));
        of_area
            .map(|e| {
                (
                    e.uppgift.label(),
                    Bedomd::new(Status::Rod.label(), Some(Status::Rod)).with_anmarkning(&e.skal),
                )
            })
            .collect()
    };
    let budget_unknown = unknown(&[Uppgift::Utfall, Uppgift::UtfallAndel, Uppgift::UtfallSedanStart]);
    let mut budget_parts = vec![(PROGNOS_BUDGET, &delar.budget.prognos)];
    budget_parts.extend(budget_unknown.iter().map(|(label, b)| (*label, b)));
    let budget = judge(Omrade::Budget, area_of(&budget_parts));
    let k = delar.kvalitet.parts();
    let kvalitet = judge(Omrade::Kvalitet, area_of(&labelled(&KVALITET, &k)));
    let deltagare_unknown = unknown(&[
        Uppgift::Pagaende,
        Uppgift::Avslutade,
        Uppgift::Totalt,
        Uppgift::AndelAvForvantat,
        Uppgift::Anonyma,
    ]);
    let deltagare = delar.deltagare.map(|d| {
        let mut parts = vec![(TAKT, &d.takt)];
        parts.extend(deltagare_unknown.iter().map(|(label, b)| (*label, b)));
        judge(Omrade::Deltagare, area_of(&parts))
    });
    let mut areas = vec![
        ("Mål", &mal),
        ("Förutsättningar", &forutsattningar),
        ("Budget", &budget),
        ("Kvalitet", &kvalitet),
    ];
    areas.extend(deltagare.as_ref().map(|d| ("Deltagare", d)));
    let mut helhet = area_of(&areas);
    if rapport == Rapportlage::Saknas {
        helhet = area(Some(Status::Rod)).with_anmarkning(match ingen_rapport {
            Some(reason) => reason.skal(),
            None => "Rapport saknas för ett kvartal i perioden.".to_string(),
        });
    }
    if rapport == Rapportlage::ITvivel {
        helhet = area(Some(Status::Rod)).with_anmarkning(
            "Rapporten för ett kvartal i perioden är i tvivel: det finns rapporter, men det är oklart vems de är \
             (se bladen Källor och Kontroll). Ingen används förrän kansliet har tagit bort den som inte gäller.",
        );
    }
    let helhet = judge_whole(ctx, insats, helhet);
    Omraden { mal, forutsattningar, budget, kvalitet, deltagare, helhet }
}

fn labelled<'b, const N: usize>(
    labels: &[&'static str; N],
    parts: &[&'b Bedomd; N],
) -> Vec<(&'static str, &'b Bedomd)> {
    labels.iter().copied().zip(parts.iter().copied()).collect()
}

/// The worst colour of `parts`; when yellow or red, the reason names every
/// part of that colour, its value and its own reason:
/// "Deltagartakt: 38 % – 12 av förväntade 40 deltagare …".
pub fn area_of(parts: &[(&str, &Bedomd)]) -> Bedomd {
    let computed = worst(parts.iter().map(|(_, b)| *b));
    if !matches!(computed.status, Some(Status::Gul | Status::Rod)) {
        return computed;
    }
    let reasons: Vec<String> = parts
        .iter()
        .filter(|(_, b)| b.status == computed.status)
        .map(|(label, b)| {
            let own = b
                .bedomning
                .as_ref()
                .map(|m| format!("kansliets bedömning: {m}"))
                .or_else(|| b.anmarkning.clone());
            // An area's own text is its colour, which the whole repeats.
            let text = Some(b.text.as_str()).filter(|t| Some(*t) != b.status.map(Status::label));
            match (text, own) {
                (Some(text), Some(reason)) => format!("{label}: {text} – {reason}"),
                (None, Some(reason)) => format!("{label}: {reason}"),
                (Some(text), None) => format!("{label}: {text}"),
                (None, None) => format!("{label}: {}", b.text),
            }
        })
        .collect();
    computed.with_anmarkning(reasons.join("\n"))
}

/// The whole, or kansliet's judgement of it.
fn judge_whole(ctx: &Context, insats: &Insats, computed: Bedomd) -> Bedomd {
    override_with(ctx, insats, Omrade::Helhet, computed)
}

/// `computed`, or kansliet's judgement of that area for the run's period.
fn override_with(ctx: &Context, insats: &Insats, omrade: Omrade, computed: Bedomd) -> Bedomd {
    let judgement = ctx
        .register
        .bedomningar
        .iter()
        .find(|b| b.id == insats.id && b.period == ctx.period && b.omrade == omrade);
    match judgement {
        Some(b) => Bedomd {
            text: b.status.label().to_string(),
            status: Some(b.status),
            anmarkning: computed.anmarkning,
            bedomning: Some(b.motivering.clone()),
        },
        None => computed,
    }
}
