//! The memo's statistics over all insatser of the period: finished
//! participants by reason and gender with the share to work or studies,
//! and the granted funds per orientation against 60-30-10.

use super::model::{AvslutRad, AvslutStatistik, FordelningRad, InsatsResultat};
use super::totals::{Words, omfattning, split};
use crate::contract::{AVSLUTSANLEDNINGAR, TILL_ARBETE_ELLER_STUDIER};
use crate::register::{Inriktning, Installningar};
use rust_decimal::Decimal;

fn row(anledning: &str, kvinnor: u32, man: u32) -> AvslutRad {
    AvslutRad { anledning: anledning.to_string(), kvinnor, man, totalt: kvinnor.saturating_add(man) }
}

fn share(part: u32, whole: u32) -> Option<Decimal> {
    (whole > 0).then(|| Decimal::from(part) / Decimal::from(whole))
}

/// Finished participants by reason over the period's individual insatser
/// whose counts are all known (every quarter's report in, no count
/// rejected or left empty); the rest are named in the scope, so a Fel in
/// one report never passes for zero finished participants.
pub fn avslut(insatser: &[InsatsResultat], settings: &Installningar) -> AvslutStatistik {
    let candidates: Vec<&InsatsResultat> = insatser.iter().filter(|i| i.deltagare.is_some()).collect();
    let (inside, outside) = split(&candidates, |i| i.deltagare.as_ref()?.avslut.as_ref());
    let sum = |index: usize| {
        inside
            .iter()
            .filter_map(|(_, counts)| counts.get(index))
            .fold((0u32, 0u32), |(w, m), kon| (w.saturating_add(kon.kvinnor), m.saturating_add(kon.man)))
    };
    let words = Words {
        one: "individinriktade insats",
        many: "individinriktade insatser",
        unknown: "där antalet avslutade per anledning inte är känt",
    };
    let omfattning = omfattning(&words, candidates.len(), &inside, outside);
    let anledningar: Vec<AvslutRad> = AVSLUTSANLEDNINGAR
        .iter()
        .enumerate()
        .map(|(index, (_, wording))| {
            let (w, m) = sum(index);
            row(wording, w, m)
        })
        .collect();
    let total = |pick: fn(&AvslutRad) -> u32, keys: Option<&[&str]>| {
        AVSLUTSANLEDNINGAR
            .iter()
            .zip(&anledningar)
            .filter(|((key, _), _)| keys.is_none_or(|k| k.contains(key)))
            .map(|(_, r)| pick(r))
            .fold(0u32, u32::saturating_add)
    };
    let work = row(
        "Till arbete eller studier",
        total(|r| r.kvinnor, Some(TILL_ARBETE_ELLER_STUDIER)),
        total(|r| r.man, Some(TILL_ARBETE_ELLER_STUDIER)),
    );
    let all = row("Avslutade totalt", total(|r| r.kvinnor, None), total(|r| r.man, None));
    AvslutStatistik {
        andel_totalt: share(work.totalt, all.totalt),
        andel_kvinnor: share(work.kvinnor, all.kvinnor),
        andel_man: share(work.man, all.man),
        anledningar,
        till_arbete_eller_studier: work,
        avslutade_totalt: all,
        mal: settings.mal_andel_arbete_studier,
        omfattning,
    }
}

/// The granted amounts of the period's insatser per orientation.
pub fn fordelning(insatser: &[InsatsResultat], settings: &Installningar) -> Vec<FordelningRad> {
    let total =
        insatser.iter().map(|i| i.budget.beviljat_belopp).fold(Decimal::ZERO, Decimal::saturating_add);
    [
        (Inriktning::Individ, settings.fordelning_individ),
        (Inriktning::Struktur, settings.fordelning_struktur),
        (Inriktning::Kompetens, settings.fordelning_kompetens),
    ]
    .into_iter()
    .map(|(inriktning, mal)| {
        let beviljat = insatser
            .iter()
            .filter(|i| i.inriktning == inriktning)
            .map(|i| i.budget.beviljat_belopp)
            .fold(Decimal::ZERO, Decimal::saturating_add);
        FordelningRad {
            inriktning,
            beviljat_belopp: beviljat,
            andel: (!total.is_zero()).then(|| beviljat / total),
            mal,
        }
    })
    .collect()
}
