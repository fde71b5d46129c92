//! The history of the period's insatser: each quarter's overall status as a
//! quarterly run would give it, budget and spend cumulated, the checks
//! across every pair of quarters the archive holds, and the rules of
//! `Att följa upp`.
//!
//! Takes the reports chosen for every quarter up to the period's end (the
//! inbox may hold earlier quarters, in sub-folders or not: each report says
//! its own quarter). Gives a [`Historik`] and the findings about quarters
//! before the period. Guarantees: nothing here feeds back into the period's
//! own tables; a quarter before the first one the archive holds a report
//! of is not shown, and one before an insats's own first report is left
//! empty, so a missing archive never reads as missing reports;
//! every rule names the quarters it rests on.

use super::Context;
use super::insats::{self, PARTNERS, Quarters};
use super::model::*;
use super::totals::{Omfattning, Skal, Utanfor, Words, scope_text};
use crate::contract::{MalPrognos, Narvaro};
use crate::finding::Finding;
use crate::period::{Kvartal, Period};
use crate::register::{Insats, Installningar, Status};
use crate::report::Kvartalsrapport;
use crate::select::{Chosen, Used, of_insats};
use crate::value::format_kr;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// The history of `insatser` (the period's, in register order) and the
/// findings of the checks across the quarters before the period.
pub fn historik(ctx: &Context, insatser: &[&Insats], chosen: &Chosen) -> (Historik, Vec<Finding>) {
    let kvartal = shown_quarters(ctx, insatser, chosen);
    let mut findings = Vec::new();
    let mut rader = Vec::new();
    let mut att_folja_upp = Vec::new();
    for insats in insatser {
        let rad = insats_historik(ctx, insats, &kvartal, chosen);
        findings.extend(history_checks(ctx, insats, &rad, chosen));
        att_folja_upp.extend(rules(ctx, insats, &rad, chosen));
        rader.push(rad);
    }
    let totalt = trend_total(&rader);
    let known: Vec<&InsatsHistorik> =
        rader.iter().filter(|r| totalt.omfattning.insatser.contains(&r.id)).collect();
    let forbund = forbund(&kvartal, &known);
    (Historik { kvartal, insatser: rader, forbund, totalt, att_folja_upp }, findings)
}

/// The total row of `Trend` over the insatser whose spend is known for
/// every quarter shown; the rest are named. Budget and spend alike, so the
/// förbund's share of budget spent never counts a missing report as 0 kr.
fn trend_total(rader: &[InsatsHistorik]) -> TrendTotal {
    let (inside, outside): (Vec<&InsatsHistorik>, Vec<&InsatsHistorik>) = rader
        .iter()
        .partition(|r| r.hittills().kant_utfall().is_some() && r.hittills().kant_budget().is_some());
    let utanfor: Vec<Utanfor> = outside
        .iter()
        .map(|r| Utanfor { id: r.id.clone(), kortnamn: r.kortnamn.clone(), skal: Skal::UppgiftOkand })
        .collect();
    let words = Words {
        one: "insats",
        many: "insatser",
        unknown: "vars utfall inte är känt för varje kvartal som visas (rapport saknas eller utfallet saknas)",
    };
    let text = scope_text(&words, rader.len(), inside.len(), &utanfor);
    let sum = |pick: fn(&InsatsHistorik) -> Decimal| {
        inside.iter().map(|r| pick(r)).fold(Decimal::ZERO, Decimal::saturating_add)
    };
    let count = |pick: fn(&InsatsHistorik) -> Option<u32>| {
        inside.iter().filter_map(|r| pick(r)).reduce(u32::saturating_add)
    };
    TrendTotal {
        utfall: sum(|r| r.hittills().utfall),
        budget: sum(|r| r.hittills().budget),
        beviljat_belopp: sum(|r| r.beviljat_belopp),
        deltagare_hittills: count(|r| r.deltagare_hittills),
        forvantat_hittills: count(|r| r.forvantat_hittills),
        omfattning: Omfattning {
            av: rader.len(),
            insatser: inside.iter().map(|r| r.id.clone()).collect(),
            utanfor,
            text,
        },
    }
}

/// From the first quarter with a report (of any insats; never before the
/// earliest start of the period's insatser, never after the period's first
/// quarter) to the period's last.
fn shown_quarters(ctx: &Context, insatser: &[&Insats], chosen: &Chosen) -> Vec<Kvartal> {
    let period = ctx.period.quarters();
    let (Some(&first_of_period), Some(&last)) = (period.first(), period.last()) else { return Vec::new() };
    let earliest_start = insatser.iter().map(|i| Kvartal::of(i.start)).min().unwrap_or(first_of_period);
    let first_report = chosen.keys().map(|(_, q)| *q).min().unwrap_or(first_of_period);
    let mut q = first_report.max(earliest_start).min(first_of_period);
    let mut quarters = Vec::new();
    while q <= last {
        quarters.push(q);
        q = q.next();
    }
    quarters
}

/// Each quarter judged as its own quarterly run would judge it: the same
/// rules, the decisions dated up to that quarter's end.
fn insats_historik(ctx: &Context, insats: &Insats, kvartal: &[Kvartal], chosen: &Chosen) -> InsatsHistorik {
    let mut hittills = Kumulativt::default();
    let mut lagen = Vec::with_capacity(kvartal.len());
    // Before the insats's own first report in the inbox its history is not
    // known (the archive may not reach back that far for this insats), so
    // those quarters are left empty rather than shown as missing reports.
    // The period's own quarters are always judged.
    let first_of_period = ctx.period.quarters().first().copied().unwrap_or(last_quarter(ctx));
    let known_from =
        of_insats(chosen, &insats.id).next().map_or(first_of_period, |(q, _)| q.min(first_of_period));
    for q in kvartal {
        let qctx = Context {
            register: ctx.register,
            period: Period::Kvartal(*q),
            as_of: q.last_day(),
            in_doubt: ctx.in_doubt,
        };
        let active = *q >= known_from && ctx.register.is_active(&insats.id, *q, q.last_day());
        let used = chosen.get(&(insats.id.clone(), *q));
        let (status, budget, utfall) = if active {
            let (resultat, _) = insats::resultat(&qctx, insats, chosen);
            (Some(quarter_status(&resultat)), resultat.budget.budget, resultat.budget.utfall)
        } else {
            (None, Some(Decimal::ZERO), None)
        };
        hittills = Kumulativt {
            kvartal: Some(*q),
            budget: hittills.budget.saturating_add(budget.unwrap_or_default()),
            utfall: hittills.utfall.saturating_add(utfall.unwrap_or_default()),
            utan_utfall: hittills.utan_utfall.saturating_add(u32::from(active && utfall.is_none())),
            utan_budget: hittills.utan_budget.saturating_add(u32::from(budget.is_none())),
        };
        lagen.push(Kvartalslage {
            kvartal: *q,
            status,
            fil: used.map(|u| u.file.source.name.clone()),
            budget,
            utfall,
            hittills,
        });
    }
    let grant = ctx.register.grant(&insats.id, ctx.as_of);
    let latest = of_insats(chosen, &insats.id)
        .rev()
        .filter(|(q, _)| *q <= last_quarter(ctx))
        .find_map(|(q, used)| super::underlag::Rapport::of(q, used));
    // Known only when both halves were accepted, as on the sheet Deltagare.
    let deltagare_hittills = latest
        .filter(|_| insats.expects_participants())
        .and_then(|r| r.par(insats::TOTALT, r.report.deltagare.totalt).ok());
    let forvantat_hittills = grant.zip(insats.forvantat_antal_deltagare).and_then(|(grant, forvantat)| {
        let whole = super::months::between(grant.start, grant.slut);
        let gone = super::months::between(grant.start, ctx.period.last_day()).min(whole);
        (whole > 0)
            .then(|| u32::try_from(u64::from(forvantat) * u64::from(gone) / u64::from(whole)).unwrap_or(0))
    });
    InsatsHistorik {
        id: insats.id.clone(),
        kortnamn: insats.kortnamn.clone(),
        kvartal: lagen,
        beviljat_belopp: grant.map_or(insats.beviljat_belopp, |g| g.beviljat_belopp),
        deltagare_hittills,
        forvantat_hittills,
    }
}

fn last_quarter(ctx: &Context) -> Kvartal {
    Kvartal::of(ctx.period.last_day())
}

/// `Saknas` (or `I tvivel`) in red for a missing report, else the quarter's `Helhet`.
fn quarter_status(resultat: &InsatsResultat) -> Bedomd {
    match resultat.rapport {
        lage @ (Rapportlage::Saknas | Rapportlage::ITvivel) => {
            let saknas = Bedomd::new(lage.label(), Some(Status::Rod));
            match &resultat.omraden.helhet.anmarkning {
                Some(reason) => saknas.with_anmarkning(reason),
                None => saknas,
            }
        }
        _ => resultat.omraden.helhet.clone(),
    }
}

/// The förbund's budget and spend, cumulative, per quarter.
fn forbund(kvartal: &[Kvartal], rader: &[&InsatsHistorik]) -> Vec<Kumulativt> {
    kvartal
        .iter()
        .enumerate()
        .map(|(index, q)| {
            let at = rader.iter().filter_map(|r| r.kvartal.get(index)).map(|l| l.hittills);
            at.fold(Kumulativt { kvartal: Some(*q), ..Kumulativt::default() }, |sum, h| Kumulativt {
                kvartal: sum.kvartal,
                budget: sum.budget.saturating_add(h.budget),
                utfall: sum.utfall.saturating_add(h.utfall),
                utan_utfall: sum.utan_utfall.saturating_add(h.utan_utfall),
                utan_budget: sum.utan_budget.saturating_add(h.utan_budget),
            })
        })
        .collect()
}

/// The checks across quarters for the quarters before the period (the
/// period's own are part of its follow-up): ongoing follows from the
/// quarter before, totals since start never decrease.
fn history_checks(ctx: &Context, insats: &Insats, rad: &InsatsHistorik, chosen: &Chosen) -> Vec<Finding> {
    let first_of_period = ctx.period.quarters().first().copied();
    let active = rad
        .kvartal
        .iter()
        .filter(|l| l.status.is_some() && Some(l.kvartal) < first_of_period)
        .map(|l| (l.kvartal, chosen.get(&(insats.id.clone(), l.kvartal))))
        .collect();
    super::crosscheck::across_quarters(insats, &Quarters { active }, chosen)
}

/// The report used for `q`, if any.
fn report<'c>(chosen: &'c Chosen, id: &str, q: Kvartal) -> Option<&'c Kvartalsrapport> {
    chosen.get(&(id.to_string(), q)).and_then(|used: &Used| used.file.outcome.report.as_ref())
}

/// Every rule of `Att följa upp` for one insats.
fn rules(ctx: &Context, insats: &Insats, rad: &InsatsHistorik, chosen: &Chosen) -> Vec<AttFoljaUpp> {
    let settings = &ctx.register.installningar;
    let in_a_row = settings.folj_upp_kvartal_i_rad.max(1) as usize;
    let period = ctx.period.quarters();
    let line = |regel: Regel, skal: String, kvartal: Vec<Kvartal>| AttFoljaUpp {
        insats_id: insats.id.clone(),
        kortnamn: insats.kortnamn.clone(),
        regel,
        skal,
        kvartal,
    };
    let mut lines = Vec::new();
    let red = |l: &Kvartalslage| {
        l.fil.is_some() && l.status.as_ref().is_some_and(|s| s.status == Some(Status::Rod))
    };
    if let Some(run) = latest_run(rad, &period, in_a_row, red) {
        let skal = format!("Helheten är röd {} kvartal i rad: {}.", run.len(), joined(&run));
        lines.push(line(Regel::RodIRad, skal, run));
    }
    let nej = |l: &Kvartalslage| {
        report(chosen, &insats.id, l.kvartal).is_some_and(|r| r.mal.prognos == Some(MalPrognos::Nej))
    };
    // The latest forecast of the period counts: a Nej the styrgrupp has
    // since taken back is not listed.
    let latest_reported = rad.kvartal.iter().rev().find(|l| period.contains(&l.kvartal) && l.fil.is_some());
    if latest_reported.is_some_and(nej)
        && let Some(run) = latest_run(rad, &period, 1, nej)
    {
        let skal = format!(
            "Styrgruppens prognos är att målen inte nås (Nej) i {}. Kansliet bör föra en dialog med styrgruppen \
             om åtgärder eller om insatsen ska avbrytas.",
            joined(&run)
        );
        lines.push(line(Regel::PrognosNej, skal, run));
    }
    let low = |l: &Kvartalslage| {
        l.utfall.zip(l.budget).is_some_and(|(u, b)| !b.is_zero() && u / b < settings.folj_upp_utfall_under)
    };
    if let Some(run) = latest_run(rad, &period, in_a_row, low) {
        let shares: Vec<String> = run.iter().filter_map(|q| spend_share(rad, *q)).collect();
        let skal = format!(
            "Utfallet är under {} av budget {} kvartal i rad ({}).",
            percent(settings.folj_upp_utfall_under),
            run.len(),
            shares.join("; ")
        );
        lines.push(line(Regel::LagtUtfall, skal, run));
    }
    for (partner, pick) in PARTNERS {
        let absent = |l: &Kvartalslage| {
            report(chosen, &insats.id, l.kvartal)
                .is_some_and(|r| pick(&r.kvalitet.narvaro) == Some(Narvaro::IngenNarvarande))
        };
        if let Some(run) = latest_run(rad, &period, in_a_row, absent) {
            let skal = format!(
                "{} var inte närvarande vid styrgruppens möten {} kvartal i rad ({}): rapporterna anger \
                 Ingen närvarande.",
                capitalised(partner),
                run.len(),
                joined(&run)
            );
            lines.push(line(Regel::PartFranvarande, skal, run));
        }
    }
    let missing = |l: &Kvartalslage| l.status.is_some() && l.fil.is_none();
    if let Some(run) = latest_run(rad, &period, in_a_row, missing) {
        let skal = format!("Ingen rapport har kommit in {} kvartal i rad: {}.", run.len(), joined(&run));
        lines.push(line(Regel::RapportSaknas, skal, run));
    }
    lines.extend(
        running_out(ctx, insats, rad, settings).map(|(skal, run)| line(Regel::MedlenTarSlut, skal, run)),
    );
    lines
}

/// The longest run of consecutive quarters where `holds`, ending at the
/// latest quarter of the period where it holds, when that run is at least
/// `at_least` long.
fn latest_run(
    rad: &InsatsHistorik,
    period: &[Kvartal],
    at_least: usize,
    holds: impl Fn(&Kvartalslage) -> bool,
) -> Option<Vec<Kvartal>> {
    let end = rad.kvartal.iter().rposition(|l| period.contains(&l.kvartal) && holds(l))?;
    let lagen = rad.kvartal.get(..=end)?;
    let length = lagen.iter().rev().take_while(|l| holds(l)).count();
    let run: Vec<Kvartal> = lagen.iter().skip(lagen.len() - length).map(|l| l.kvartal).collect();
    (run.len() >= at_least).then_some(run)
}

/// "2018-K3: 31 %".
fn spend_share(rad: &InsatsHistorik, q: Kvartal) -> Option<String> {
    let l = rad.kvartal.iter().find(|l| l.kvartal == q)?;
    let (utfall, budget) = (l.utfall?, l.budget?);
    (!budget.is_zero()).then(|| format!("{q}: {}", percent(utfall / budget)))
}

/// When the mean spend of the latest quarters would use up the granted
/// amount before the grant's end: the reason and the quarters of the mean.
fn running_out(
    ctx: &Context,
    insats: &Insats,
    rad: &InsatsHistorik,
    settings: &Installningar,
) -> Option<(String, Vec<Kvartal>)> {
    let grant = ctx.register.grant(&insats.id, ctx.as_of)?;
    let last = last_quarter(ctx);
    let end = Kvartal::of(grant.slut);
    let reported: Vec<(Kvartal, Decimal)> =
        rad.kvartal.iter().filter_map(|l| Some((l.kvartal, l.utfall?))).collect();
    let window = settings.folj_upp_takt_kvartal.max(1) as usize;
    let recent = reported.get(reported.len().saturating_sub(window)..)?;
    if recent.is_empty() {
        return None;
    }
    let rate = recent.iter().map(|(_, u)| *u).fold(Decimal::ZERO, Decimal::saturating_add)
        / Decimal::from(recent.len() as u64);
    let spent = rad.hittills().utfall;
    let left_quarters = quarters_between(last, end);
    let needed = spent.saturating_add(rate.saturating_mul(Decimal::from(left_quarters)));
    if rate <= Decimal::ZERO || needed <= grant.beviljat_belopp {
        return None;
    }
    let remaining = grant.beviljat_belopp - spent;
    let quarters: Vec<Kvartal> = recent.iter().map(|(q, _)| *q).collect();
    let rate_text =
        format!("Med takten {} per kvartal (snittet för {})", format_kr(whole_kr(rate)), joined(&quarters));
    let beviljat = format_kr(grant.beviljat_belopp);
    let skal = if remaining <= Decimal::ZERO {
        format!(
            "Det beviljade beloppet, {beviljat}, är redan förbrukat ({} hittills), men insatsen pågår till {}.",
            format_kr(spent),
            grant.slut
        )
    } else {
        // Bounded: a tiny rate must not make the loop long.
        let left = (remaining / rate).ceil().to_u32().unwrap_or(u32::MAX).min(400);
        let runs_out = (0..left).fold(last, |q, _| q.next());
        format!(
            "{rate_text} tar det beviljade beloppet, {beviljat}, slut under {runs_out}, men insatsen pågår till {}. \
             Vid den takten behövs {} mer.",
            grant.slut,
            format_kr(whole_kr(needed - grant.beviljat_belopp))
        )
    };
    Some((skal, quarters))
}

/// "kommunen" → "Kommunen", to start a sentence.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Whole kronor, halves away from zero as people round.
fn whole_kr(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
}

/// Quarters after `from` up to and including `to`.
fn quarters_between(from: Kvartal, to: Kvartal) -> u32 {
    let index = |q: Kvartal| i64::from(q.ar) * 4 + i64::from(q.kvartal);
    u32::try_from(index(to) - index(from)).unwrap_or(0)
}

fn joined(quarters: &[Kvartal]) -> String {
    let texts: Vec<String> = quarters.iter().map(ToString::to_string).collect();
    crate::value::join_swedish(&texts, "och")
}

/// `0.316` → `31,6 %`, `0.5` → `50 %`: one decimal, so a share just under
/// a threshold is never shown as the threshold itself.
fn percent(share: Decimal) -> String {
    let tenths =
        (share * Decimal::ONE_HUNDRED).round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    if tenths.fract().is_zero() {
        format!("{} %", tenths.trunc())
    } else {
        format!("{tenths:.1} %").replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(ar: i32, kvartal: u8) -> Kvartal {
        Kvartal { ar, kvartal }
    }

    /// An insats over 2017-K3..2018-K2 whose quarters are red where `red` says.
    fn rad(red: [bool; 4]) -> InsatsHistorik {
        let quarters = [q(2017, 3), q(2017, 4), q(2018, 1), q(2018, 2)];
        let kvartal = quarters
            .iter()
            .zip(red)
            .map(|(kvartal, red)| Kvartalslage {
                kvartal: *kvartal,
                status: Some(Bedomd::new(
                    if red { "Röd" } else { "Grön" },
                    Some(if red { Status::Rod } else { Status::Gron }),
                )),
                fil: Some(format!("{kvartal}.xlsx")),
                budget: Some(Decimal::ZERO),
                utfall: None,
                hittills: Kumulativt::default(),
            })
            .collect();
        InsatsHistorik {
            id: "2017:1".into(),
            kortnamn: "Insatsen".into(),
            kvartal,
            beviljat_belopp: Decimal::ZERO,
            deltagare_hittills: None,
            forvantat_hittills: None,
        }
    }

    fn is_red(l: &Kvartalslage) -> bool {
        l.status.as_ref().is_some_and(|s| s.status == Some(Status::Rod))
    }

    #[test]
    fn a_run_ends_in_the_period_and_reaches_back_before_it() {
        let h1 = [q(2018, 1), q(2018, 2)];
        let run = latest_run(&rad([true, true, true, false]), &h1, 2, is_red);
        assert_eq!(run, Some(vec![q(2017, 3), q(2017, 4), q(2018, 1)]));
    }

    #[test]
    fn a_run_too_short_or_only_before_the_period_does_not_fire() {
        let h1 = [q(2018, 1), q(2018, 2)];
        assert_eq!(latest_run(&rad([false, false, false, true]), &h1, 2, is_red), None);
        assert_eq!(latest_run(&rad([true, true, false, false]), &h1, 2, is_red), None);
        assert_eq!(latest_run(&rad([false, false, false, true]), &h1, 1, is_red), Some(vec![q(2018, 2)]));
        // The latest run in the period counts, not an earlier one.
        assert_eq!(latest_run(&rad([false, true, false, true]), &h1, 1, is_red), Some(vec![q(2018, 2)]));
    }

    #[test]
    fn quarters_are_counted_across_years() {
        assert_eq!(quarters_between(q(2018, 2), q(2018, 2)), 0);
        assert_eq!(quarters_between(q(2018, 2), q(2019, 1)), 3);
        assert_eq!(quarters_between(q(2019, 1), q(2018, 2)), 0);
    }
}
