//! One insats over the period: the chosen reports of its active quarters
//! summed (amounts, meetings, new and finished participants), the latest
//! answers and counts, the weakest attendance, and every judgement.

use super::model::*;
use super::status::{self, EJ_ANGIVET};
use super::{Context, months};
use crate::contract::{Malstatus, Narvaro};
use crate::finding::{Code, Finding, Severity};
use crate::period::Kvartal;
use crate::register::{Grant, Inriktning, Insats, Status};
use crate::report::{Kon, Kvartalsrapport};
use crate::select::{Chosen, Used, of_insats};
use rust_decimal::Decimal;

/// The quarters of the period the insats is active in, with their reports.
pub struct Quarters<'c, 'a> {
    pub active: Vec<(Kvartal, Option<&'c Used<'a>>)>,
}

impl<'c, 'a> Quarters<'c, 'a> {
    fn reports(&self) -> impl Iterator<Item = &'c Kvartalsrapport> + '_ {
        self.active.iter().filter_map(|(_, used)| used.and_then(|u| u.file.outcome.report.as_ref()))
    }

    fn latest(&self) -> Option<&'c Kvartalsrapport> {
        self.reports().last()
    }

    fn missing(&self) -> impl Iterator<Item = Kvartal> + '_ {
        self.active.iter().filter(|(_, used)| used.is_none()).map(|(q, _)| *q)
    }
}

/// The follow-up of `insats` and the findings that belong to it.
pub fn resultat(ctx: &Context, insats: &Insats, chosen: &Chosen) -> (InsatsResultat, Vec<Finding>) {
    let grant = ctx.register.grant(&insats.id, ctx.as_of).unwrap_or(Grant {
        start: insats.start,
        slut: insats.slut,
        beviljat_belopp: insats.beviljat_belopp,
    });
    let quarters = Quarters {
        active: ctx
            .period
            .quarters()
            .into_iter()
            .filter(|q| q.overlaps(grant.start, grant.slut))
            .map(|q| (q, chosen.get(&(insats.id.clone(), q))))
            .collect(),
    };
    let mut findings: Vec<Finding> =
        quarters.active.iter().filter_map(|(_, u)| *u).flat_map(|u| u.findings.clone()).collect();
    // A quarter whose reports are in doubt has their Fel: it is not missing.
    let in_doubt = |q: &Kvartal| ctx.in_doubt.contains(&(insats.id.clone(), *q));
    findings.extend(quarters.missing().filter(|q| !in_doubt(q)).map(|q| missing_finding(insats, q)));
    findings.extend(super::crosscheck::across_quarters(insats, &quarters, chosen));
    let budget = budget(ctx, insats, &grant, &quarters, chosen);
    if budget.utfall_sedan_start.is_some_and(|u| u > grant.beviljat_belopp) {
        findings.push(over_granted_finding(insats, &budget));
    }
    let latest = quarters.latest();
    let mal = mal(latest);
    let forutsattningar = forutsattningar(latest);
    let kvalitet = kvalitet(insats, &quarters);
    let deltagare =
        (insats.inriktning == Inriktning::Individ).then(|| deltagare(ctx, insats, &grant, &quarters));
    let rapport = if quarters.missing().any(|q| !in_doubt(&q)) {
        Rapportlage::Saknas
    } else if quarters.missing().next().is_some() {
        Rapportlage::ITvivel
    } else if findings.iter().any(|f| f.severity == Severity::Fel) {
        Rapportlage::Fel
    } else {
        Rapportlage::Inkommen
    };
    let omraden =
        super::omraden::omraden(ctx, insats, rapport, &mal, &forutsattningar, &budget, &kvalitet, &deltagare);
    let resultat = InsatsResultat {
        id: insats.id.clone(),
        namn: insats.namn.clone(),
        kortnamn: insats.kortnamn.clone(),
        omrade: insats.omrade.clone(),
        inriktning: insats.inriktning,
        karaktar: insats.karaktar,
        start: grant.start,
        slut: grant.slut,
        insatstid: months::insatstid(grant.start, grant.slut),
        rapporter: quarters
            .active
            .iter()
            .map(|(q, u)| KvartalsRapportering { kvartal: *q, fil: u.map(|u| u.file.source.name.clone()) })
            .collect(),
        rapport,
        mal,
        forutsattningar,
        budget,
        kvalitet,
        deltagare,
        omraden,
        antal_fel: findings.iter().filter(|f| f.severity == Severity::Fel).count(),
        antal_varningar: findings.iter().filter(|f| f.severity == Severity::Varning).count(),
        kontakt_epost: kontakt_epost(ctx, insats, chosen),
    };
    (resultat, findings)
}

/// The address of the latest report of `insats` read up to the period's end.
fn kontakt_epost(ctx: &Context, insats: &Insats, chosen: &Chosen) -> Option<String> {
    let last = ctx.period.last_day();
    of_insats(chosen, &insats.id)
        .filter(|(q, _)| q.last_day() <= last)
        .filter_map(|(_, used)| used.file.outcome.report.as_ref()?.uppgiftslamnare_epost.clone())
        .rfind(|e| crate::check::looks_like_email(e))
}

fn missing_finding(insats: &Insats, q: Kvartal) -> Finding {
    let message = format!(
        "Rapport saknas för {q} från {}. Be styrgruppen skicka kvartalsrapporten till kansliet.",
        insats.kortnamn
    );
    Finding::new(Code::RapportSaknas, "", message).insats(&insats.id)
}

fn over_granted_finding(insats: &Insats, budget: &BudgetResultat) -> Finding {
    let message = format!(
        "Utfallet sedan start ({}) är större än det beviljade beloppet ({}). Kontakta styrgruppen om en \
         avvikelserapport.",
        crate::value::format_kr(budget.utfall_sedan_start.unwrap_or_default()),
        crate::value::format_kr(budget.beviljat_belopp)
    );
    Finding::new(Code::UtfallOverBeviljat, "", message).insats(&insats.id)
}

fn mal(latest: Option<&Kvartalsrapport>) -> MalResultat {
    let goals = latest.map(|r| r.mal.lista.as_slice()).unwrap_or_default();
    let met = goals.iter().filter(|g| g.status == Some(Malstatus::Uppfyllt)).count() as u32;
    MalResultat {
        i_fas: status::i_fas(latest.and_then(|r| r.mal.i_fas)),
        prognos: status::prognos(latest.and_then(|r| r.mal.prognos)),
        uppfyllda: (!goals.is_empty()).then_some((met, goals.len() as u32)),
        kommentar: latest.and_then(|r| r.mal.kommentar.clone()),
    }
}

fn forutsattningar(latest: Option<&Kvartalsrapport>) -> ForutsattningarResultat {
    let f = latest.map(|r| r.forutsattningar.clone()).unwrap_or_default();
    ForutsattningarResultat {
        start_i_tid: status::ja_is_good(f.start_i_tid),
        vakanser_sof: status::ja_needs_watch(f.vakanser_sof),
        vakanser_egen: status::ja_needs_watch(f.vakanser_egen),
        avvikelse_budget: status::ja_needs_watch(f.avvikelse_budget),
    }
}

/// Sums amounts of reports, `None` when none of them gave one.
fn sum_decimal(values: impl Iterator<Item = Option<Decimal>>) -> Option<Decimal> {
    values.flatten().fold(None, |acc, v| Some(acc.unwrap_or_default().saturating_add(v)))
}

fn budget(
    ctx: &Context,
    insats: &Insats,
    grant: &Grant,
    quarters: &Quarters,
    chosen: &Chosen,
) -> BudgetResultat {
    let budget = quarters
        .active
        .iter()
        .filter_map(|(q, _)| ctx.register.quarter_budget(&insats.id, *q))
        .fold(Decimal::ZERO, Decimal::saturating_add);
    let utfall = sum_decimal(quarters.reports().map(|r| r.budget.utfall_kr));
    let last = ctx.period.last_day();
    let since_start = of_insats(chosen, &insats.id)
        .filter(|(q, _)| q.last_day() <= last)
        .filter_map(|(_, used)| used.file.outcome.report.as_ref());
    let utfall_sedan_start = sum_decimal(since_start.map(|r| r.budget.utfall_kr));
    let over_granted = utfall_sedan_start.is_some_and(|u| u > grant.beviljat_belopp);
    let started = quarters.latest().and_then(|r| r.forutsattningar.start_i_tid);
    BudgetResultat {
        budget,
        utfall,
        andel: utfall.filter(|_| !budget.is_zero()).map(|u| u / budget),
        prognos: status::budget_prognos(budget, utfall, started, over_granted, &ctx.register.installningar),
        utfall_sedan_start,
        beviljat_belopp: grant.beviljat_belopp,
    }
}

/// A partner's name in a remark, and where its attendance is in a report.
pub(super) type Partner = (&'static str, fn(&crate::report::Narvaron) -> Option<Narvaro>);

pub(super) const PARTNERS: [Partner; 4] = [
    ("kommunen", |n| n.kommun),
    ("Arbetsförmedlingen", |n| n.af),
    ("Försäkringskassan", |n| n.fk),
    ("Regionen", |n| n.region),
];

/// The memo's star on meetings: which partner's ordinary member was missing, when.
fn attendance_star(quarters: &Quarters) -> Option<String> {
    let mut remarks = Vec::new();
    for (name, pick) in PARTNERS {
        let missing: Vec<String> = quarters
            .active
            .iter()
            .filter_map(|(q, used)| {
                let report = used.and_then(|u| u.file.outcome.report.as_ref())?;
                let attendance = pick(&report.kvalitet.narvaro)?;
                attendance
                    .ordinary_member_missing()
                    .then(|| format!("{} {q}", attendance.label().to_lowercase()))
            })
            .collect();
        if !missing.is_empty() {
            remarks.push(format!("{name}: {}", missing.join(", ")));
        }
    }
    (!remarks.is_empty()).then(|| format!("Ordinarie ledamot saknades vid möte. {}.", remarks.join("; ")))
}

fn kvalitet(insats: &Insats, quarters: &Quarters) -> KvalitetResultat {
    let latest = quarters.latest();
    let k = latest.map(|r| r.kvalitet.clone()).unwrap_or_default();
    let held =
        quarters.reports().filter_map(|r| r.kvalitet.styrgruppsmoten).reduce(|a, b| a.saturating_add(b));
    let required = insats.styrgruppsmoten_per_ar.saturating_mul(quarters.active.len() as u32) / 4;
    let anonyma = latest.and_then(|r| r.deltagare.anonyma).filter(|n| *n > 0);
    let anonymous_star = anonyma.map(|n| {
        format!("{n} deltagare är registrerade anonymt i SUS/Uppföljning Finsam och kan inte följas upp.")
    });
    let outside: u32 = quarters.reports().filter_map(|r| r.deltagare.utanfor_malgrupp).sum();
    let outside_star = (outside > 0)
        .then(|| format!("{outside} deltagare utanför målgruppen i ansökan har tagits emot under perioden."));
    KvalitetResultat {
        styrgruppsmoten: status::moten(held, required, attendance_star(quarters)),
        uppfoljning: status::kvalitet(status::svar_as_ea(k.uppfoljning_enligt_avtal), anonymous_star),
        kontroll_malgrupp: status::kvalitet(k.kontroll_malgrupp, outside_star),
        kontroll_metod: status::kvalitet(k.kontroll_metod, None),
        jamlikhet: status::kvalitet(k.jamlikhet, None),
        jamstalldhet: status::kvalitet(k.jamstalldhet, None),
        avvikelse_mal_malgrupp: status::ja_needs_watch(k.avvikelse_mal_malgrupp),
    }
}

/// Women plus men, `None` when neither was given.
pub(super) fn both(k: Kon<Option<u32>>) -> Option<u32> {
    match (k.kvinnor, k.man) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0).saturating_add(b.unwrap_or(0))),
    }
}

fn deltagare(ctx: &Context, insats: &Insats, grant: &Grant, quarters: &Quarters) -> DeltagareResultat {
    let latest = quarters.latest();
    let totalt = latest.and_then(|r| both(r.deltagare.totalt));
    let forvantat = insats.forvantat_antal_deltagare;
    let gone = months::between(grant.start, ctx.period.last_day());
    let whole = months::between(grant.start, grant.slut);
    let (_, takt) = status::deltagartakt(totalt, forvantat, gone, whole, &ctx.register.installningar);
    let takt = if latest.is_none() { bedomd_missing() } else { takt };
    DeltagareResultat {
        pagaende: latest.and_then(|r| both(r.deltagare.pagaende)),
        avslutade: quarters.reports().filter_map(|r| both(r.deltagare.avslutade)).reduce(u32::saturating_add),
        totalt,
        forvantat,
        andel_av_forvantat: match (totalt, forvantat) {
            (Some(t), Some(f)) if f > 0 => Some(Decimal::from(t) / Decimal::from(f)),
            _ => None,
        },
        takt,
        anonyma: latest.and_then(|r| r.deltagare.anonyma),
        budget_per_ar: insats.budget_per_ar,
    }
}

fn bedomd_missing() -> Bedomd {
    Bedomd::new(EJ_ANGIVET, Some(Status::Rod))
}
