//! The status of each area of an insats and of the whole, with kansliet's
//! `Bedömningar` applied: an override replaces an area's colour, keeps its
//! reason, and the whole is the worst of the (overridden) areas unless it
//! is overridden itself. A missing report makes the whole red.

use super::Context;
use super::model::*;
use super::status::{area, worst};
use crate::register::{Insats, Omrade, Status};

#[allow(clippy::too_many_arguments)]
pub fn omraden(
    ctx: &Context,
    insats: &Insats,
    rapport: Rapportlage,
    mal: &MalResultat,
    forutsattningar: &ForutsattningarResultat,
    budget: &BudgetResultat,
    kvalitet: &KvalitetResultat,
    deltagare: &Option<DeltagareResultat>,
) -> Omraden {
    let judge = |omrade: Omrade, computed: Bedomd| override_with(ctx, insats, omrade, computed);
    let mal = judge(Omrade::Mal, worst([&mal.i_fas, &mal.prognos]));
    let forutsattningar = judge(Omrade::Forutsattningar, worst(forutsattningar.parts()));
    let budget = judge(Omrade::Budget, area(budget.prognos.status));
    let kvalitet = judge(Omrade::Kvalitet, worst(kvalitet.parts()));
    let deltagare = deltagare.as_ref().map(|d| judge(Omrade::Deltagare, area(d.takt.status)));
    let mut parts = vec![&mal, &forutsattningar, &budget, &kvalitet];
    parts.extend(deltagare.as_ref());
    let mut helhet = worst(parts);
    if rapport == Rapportlage::Saknas {
        helhet = area(Some(Status::Rod)).with_anmarkning("Rapport saknas för ett kvartal i perioden.");
    }
    if rapport == Rapportlage::ITvivel {
        helhet = area(Some(Status::Rod)).with_anmarkning(
            "Rapporten för ett kvartal i perioden är i tvivel: det finns rapporter, men det är oklart vems de är \
             (se bladen Källor och Kontroll). Ingen används förrän kansliet har tagit bort den som inte gäller.",
        );
    }
    let helhet = judge(Omrade::Helhet, helhet);
    Omraden { mal, forutsattningar, budget, kvalitet, deltagare, helhet }
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
