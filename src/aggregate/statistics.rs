//! The memo's statistics over all insatser of the period: finished
//! participants by reason and gender with the share to work or studies,
//! and the granted funds per orientation against 60-30-10.

use super::model::{AvslutRad, AvslutStatistik, FordelningRad, InsatsResultat};
use crate::contract::{AVSLUTSANLEDNINGAR, TILL_ARBETE_ELLER_STUDIER};
use crate::register::{Inriktning, Installningar};
use crate::report::Kvartalsrapport;
use rust_decimal::Decimal;

fn row(anledning: &str, kvinnor: u32, man: u32) -> AvslutRad {
    AvslutRad { anledning: anledning.to_string(), kvinnor, man, totalt: kvinnor.saturating_add(man) }
}

fn share(part: u32, whole: u32) -> Option<Decimal> {
    (whole > 0).then(|| Decimal::from(part) / Decimal::from(whole))
}

/// Finished participants by reason over `reports` (the period's chosen reports).
pub fn avslut<'a>(
    reports: impl Iterator<Item = &'a Kvartalsrapport> + Clone,
    settings: &Installningar,
) -> AvslutStatistik {
    let sum = |key: &str| {
        reports.clone().flat_map(|r| r.deltagare.avslut.iter().filter(move |(k, _)| *k == key)).fold(
            (0u32, 0u32),
            |(w, m), (_, kon)| {
                (w.saturating_add(kon.kvinnor.unwrap_or(0)), m.saturating_add(kon.man.unwrap_or(0)))
            },
        )
    };
    let anledningar: Vec<AvslutRad> = AVSLUTSANLEDNINGAR
        .iter()
        .map(|(key, wording)| {
            let (w, m) = sum(key);
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
