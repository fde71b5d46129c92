//! One insats over the period: the chosen reports of its active quarters
//! summed (amounts, meetings, new and finished participants), the latest
//! answers and counts, the weakest attendance, and every judgement.

use super::model::*;
use super::status;
use super::underlag::{Okand, Rapport, Underlag};
use super::{Context, months};
use crate::contract::{Gender, Malstatus, Narvaro, Svar, SvarEa};
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
    let underlag = Underlag::new(&quarters.active, in_doubt);
    let mut ej_kanda = Vec::new();
    let budget = budget(ctx, insats, &grant, &underlag, chosen, &mut ej_kanda);
    if budget.utfall_sedan_start.is_some_and(|u| u > grant.beviljat_belopp) {
        findings.push(over_granted_finding(ctx, insats, &budget));
    }
    // After the figures: an accepted Fel leaves the report's state and
    // counts, never the value it rejected (`crate::answered`).
    crate::answered::accept(&mut findings, ctx.register);
    let mal = mal(&underlag.latest());
    let forutsattningar = forutsattningar(&underlag.latest());
    let kvalitet = kvalitet(insats, &quarters, &underlag);
    let mut deltagare = (insats.inriktning == Inriktning::Individ)
        .then(|| deltagare(ctx, insats, &grant, &underlag, &mut ej_kanda));
    let mut budget = budget;
    // A report whose figures are the quarter before's, to the krona, is most
    // likely that quarter's file sent again: its figures are not shown as
    // fine until the styrgrupp has checked them (or kansliet accepted them).
    let unsettled = |code: Code| findings.iter().find(|f| f.code == code && f.severity != Severity::Info);
    if let Some(copied) = unsettled(Code::SiffrorSammaSomForra) {
        let why = copied_figures_reason(copied);
        not_green(&mut budget.prognos, &why);
        if let Some(d) = deltagare.as_mut() {
            not_green(&mut d.takt, &why);
        }
    }
    // A count that cannot be right is not shown as a fine rate.
    if let (Some(implausible), Some(d)) = (unsettled(Code::DeltagareOrimligt), deltagare.as_mut()) {
        not_green(&mut d.takt, &format!("Antalet deltagare kan inte stämma: {}", implausible.message));
    }
    let rapport = if quarters.missing().any(|q| !in_doubt(&q)) {
        Rapportlage::Saknas
    } else if quarters.missing().next().is_some() {
        Rapportlage::ITvivel
    } else if findings.iter().any(|f| f.severity == Severity::Fel) {
        Rapportlage::Fel
    } else {
        Rapportlage::Inkommen
    };
    let delar = super::omraden::Delar {
        mal: &mal,
        forutsattningar: &forutsattningar,
        budget: &budget,
        kvalitet: &kvalitet,
        deltagare: deltagare.as_ref(),
        ej_kanda: &ej_kanda,
    };
    let omraden = super::omraden::omraden(ctx, insats, rapport, underlag.latest().err().as_ref(), &delar);
    let rapporter: Vec<KvartalsRapportering> = quarters
        .active
        .iter()
        .map(|(q, u)| KvartalsRapportering {
            kvartal: *q,
            fil: u.map(|u| u.file.source.name.clone()),
            i_tvivel: u.is_none() && in_doubt(q),
        })
        .collect();
    let kommentarer = kommentarer(&underlag.latest(), &rapporter);
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
        rapporter,
        rapport,
        mal,
        forutsattningar,
        budget,
        kvalitet,
        deltagare,
        omraden,
        kommentarer,
        ej_kanda,
        antal_fel: findings.iter().filter(|f| f.severity == Severity::Fel).count(),
        antal_varningar: findings.iter().filter(|f| f.severity == Severity::Varning).count(),
        kontakt_epost: kontakt_epost(ctx, insats, chosen),
    };
    (resultat, findings)
}

/// Why figures copied from the quarter before are not judged fine.
fn copied_figures_reason(copied: &Finding) -> String {
    let quarter = copied.kvartal.map(|q| format!(" för {q}")).unwrap_or_default();
    format!(
        "Rapporten{quarter} har samma svar och siffror som rapporten för kvartalet före, troligen förra \
         kvartalets fil skickad igen; siffrorna bedöms inte som i linje förrän styrgruppen har kontrollerat dem."
    )
}

/// A green judgement made yellow for `why`; any other colour kept.
fn not_green(bedomd: &mut Bedomd, why: &str) {
    if bedomd.status == Some(Status::Gron) {
        bedomd.status = Some(Status::Gul);
        bedomd.anmarkning = Some(match bedomd.anmarkning.take() {
            Some(earlier) => format!("{earlier} {why}"),
            None => why.to_string(),
        });
    }
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
    Finding::new(Code::RapportSaknas, "", message).insats(&insats.id).kvartal(q)
}

/// About the spend as of the period's end: its last quarter.
fn over_granted_finding(ctx: &Context, insats: &Insats, budget: &BudgetResultat) -> Finding {
    let message = format!(
        "Utfallet sedan start ({}) är större än det beviljade beloppet ({}). Kontakta styrgruppen om en \
         avvikelserapport.",
        crate::value::format_kr(budget.utfall_sedan_start.unwrap_or_default()),
        crate::value::format_kr(budget.beviljat_belopp)
    );
    Finding::new(Code::UtfallOverBeviljat, "", message).insats(&insats.id).kvartal(Kvartal::of(ctx.as_of))
}

/// A judged answer: the rule's judgement of an accepted value, with the
/// question and the answer as its reason when it is not green; else what
/// the rule gives an unanswered question, in the words of why it is not known.
fn judge<T>(value: Result<T, Okand>, falt: &'static str, rule: impl Fn(Option<T>) -> Bedomd) -> Bedomd {
    match value {
        Ok(value) => with_reason(rule(Some(value)), falt),
        Err(reason) => reason.bedomd(&rule(None)),
    }
}

/// `bedomd` with the question and its answer as the reason, when it is
/// yellow or red and its rule gave none.
fn with_reason(bedomd: Bedomd, falt: &str) -> Bedomd {
    if !matches!(bedomd.status, Some(Status::Gul | Status::Rod)) || bedomd.anmarkning.is_some() {
        return bedomd;
    }
    let question = crate::contract::field(falt).map_or(falt, |f| f.label);
    let reason = format!("{question} Svaret är {}.", bedomd.text);
    bedomd.with_anmarkning(reason)
}

/// The latest report's answer in `falt`, or why it is not known.
fn answer<'c, T>(
    latest: &Result<&Rapport<'c>, Okand>,
    falt: &'static str,
    pick: impl Fn(&'c Kvartalsrapport) -> Option<T>,
) -> Result<T, Okand> {
    match latest {
        Ok(rapport) => rapport.varde(falt, pick(rapport.report)),
        Err(reason) => Err(reason.clone()),
    }
}

/// The latest report's free text in `falt`, if it gave one: a comment
/// comes from the report the answers come from.
fn text<'c>(
    latest: &Result<&Rapport<'c>, Okand>,
    falt: &'static str,
    pick: impl Fn(&'c Kvartalsrapport) -> Option<&'c String>,
) -> Option<String> {
    let text = answer(latest, falt, |r| pick(r).map(|t| t.trim().to_string())).ok()?;
    (!text.is_empty()).then_some(text)
}

/// The analysis for the board and the goals' comments of the report that
/// counts, and which report that is (`rapporter`: the period's quarters).
fn kommentarer(latest: &Result<&Rapport, Okand>, rapporter: &[KvartalsRapportering]) -> Kommentarer {
    let rapport = match latest {
        Ok(rapport) => rapport,
        Err(reason) => {
            let saknas = match reason {
                Okand::ITvivel(_) => super::underlag::I_TVIVEL,
                _ => super::underlag::RAPPORT_SAKNAS,
            };
            return Kommentarer {
                kalla: None,
                analys: None,
                mal: Vec::new(),
                saknas: Some(saknas.to_string()),
            };
        }
    };
    let goals = answer(latest, "mal_lista", |r| Some(r.mal.lista.as_slice())).unwrap_or_default();
    let mal = goals
        .iter()
        .zip(1u32..)
        .filter_map(|(goal, nummer)| {
            let kommentar = goal.kommentar.as_deref().map(str::trim).filter(|k| !k.is_empty())?;
            Some(MalKommentar { nummer, mal: goal.mal.clone(), kommentar: kommentar.to_string() })
        })
        .collect();
    Kommentarer {
        kalla: rapporter.iter().find(|r| r.kvartal == rapport.kvartal).cloned(),
        analys: text(latest, "analys", |r| r.analys.as_ref()),
        mal,
        saknas: None,
    }
}

fn mal(latest: &Result<&Rapport, Okand>) -> MalResultat {
    let goals = answer(latest, "mal_lista", |r| Some(r.mal.lista.as_slice())).unwrap_or_default();
    let met = goals.iter().filter(|g| g.status == Some(Malstatus::Uppfyllt)).count() as u32;
    MalResultat {
        i_fas: judge(answer(latest, "mal_i_fas", |r| r.mal.i_fas), "mal_i_fas", status::i_fas),
        prognos: judge(answer(latest, "mal_prognos", |r| r.mal.prognos), "mal_prognos", status::prognos),
        uppfyllda: (!goals.is_empty()).then_some((met, goals.len() as u32)),
        kommentar: text(latest, "mal_kommentar", |r| r.mal.kommentar.as_ref()),
    }
}

fn forutsattningar(latest: &Result<&Rapport, Okand>) -> ForutsattningarResultat {
    let watch = |falt: &'static str, pick: fn(&Kvartalsrapport) -> Option<Svar>| {
        judge(answer(latest, falt, pick), falt, status::ja_needs_watch)
    };
    ForutsattningarResultat {
        start_i_tid: judge(
            answer(latest, "start_i_tid", |r| r.forutsattningar.start_i_tid),
            "start_i_tid",
            status::ja_is_good,
        ),
        vakanser_sof: watch("vakanser_sof", |r| r.forutsattningar.vakanser_sof),
        vakanser_egen: watch("vakanser_egen", |r| r.forutsattningar.vakanser_egen),
        avvikelse_budget: watch("avvikelse_budget", |r| r.forutsattningar.avvikelse_budget),
        kommentar: text(latest, "forutsattningar_kommentar", |r| r.forutsattningar.kommentar.as_ref()),
    }
}

/// The sum of `values`, saturating.
fn sum_decimal(values: Vec<Decimal>) -> Decimal {
    values.into_iter().fold(Decimal::ZERO, Decimal::saturating_add)
}

fn sum_u32(values: Vec<u32>) -> u32 {
    values.into_iter().fold(0, u32::saturating_add)
}

fn budget(
    ctx: &Context,
    insats: &Insats,
    grant: &Grant,
    underlag: &Underlag,
    chosen: &Chosen,
    ej_kanda: &mut Vec<EjKand>,
) -> BudgetResultat {
    // The register's budget for the period, or why it is not known.
    let unknown: Vec<String> = underlag
        .quarters()
        .filter(|q| ctx.register.budget_unknown(&insats.id, *q))
        .map(|q| q.to_string())
        .collect();
    let budget: Result<Decimal, String> = if unknown.is_empty() {
        Ok(underlag
            .quarters()
            .filter_map(|q| ctx.register.quarter_budget(&insats.id, q))
            .fold(Decimal::ZERO, Decimal::saturating_add))
    } else {
        Err(format!(
            "Registrets budget för {} är inte känd: en rad för insatsen på bladet Budget har fel. Rätta raden i \
             registret.",
            crate::value::join_swedish(&unknown, "och")
        ))
    };
    if let Err(skal) = &budget {
        for uppgift in [Uppgift::Budget, Uppgift::UtfallAndel] {
            ej_kanda.push(EjKand { uppgift, skal: skal.clone() });
        }
    }
    let utfall = underlag.every(|r| r.varde("utfall_kr", r.report.budget.utfall_kr)).map(sum_decimal);
    // Since start: every report read up to the period's end, and the
    // period's own quarters, each of which must give its spend.
    let last = ctx.period.last_day();
    let earlier = of_insats(chosen, &insats.id)
        .filter(|(q, _)| q.last_day() <= last && !underlag.quarters().any(|p| p == *q))
        .filter_map(|(q, used)| Rapport::of(q, used))
        .map(|r| r.varde("utfall_kr", r.report.budget.utfall_kr))
        .collect::<Result<Vec<Decimal>, Okand>>();
    let utfall_sedan_start = utfall.clone().and_then(|u| Ok(u.saturating_add(sum_decimal(earlier?))));
    let over_granted = utfall_sedan_start
        .as_ref()
        .ok()
        .filter(|u| **u > grant.beviljat_belopp)
        .map(|u| (*u, grant.beviljat_belopp));
    let started = underlag
        .latest()
        .ok()
        .and_then(|r| r.varde("start_i_tid", r.report.forutsattningar.start_i_tid).ok());
    let settings = &ctx.register.installningar;
    let prognos = match (&utfall, &budget) {
        (Ok(u), Ok(budget)) => status::budget_prognos(*budget, Some(*u), started, over_granted, settings),
        (Ok(_), Err(why)) => status::budget_not_known(why),
        (Err(reason), budget) => reason.bedomd(&status::budget_prognos(
            budget.clone().unwrap_or_default(),
            None,
            started,
            None,
            settings,
        )),
    };
    for (uppgift, value) in [(Uppgift::Utfall, &utfall), (Uppgift::UtfallSedanStart, &utfall_sedan_start)] {
        if let Err(reason) = value {
            ej_kanda.push(reason.ej_kand(uppgift));
        }
    }
    if let Err(reason) = &utfall {
        ej_kanda.push(reason.ej_kand(Uppgift::UtfallAndel));
    }
    let (utfall, budget) = (utfall.ok(), budget.ok());
    BudgetResultat {
        budget,
        utfall,
        andel: utfall.zip(budget).filter(|(_, b)| !b.is_zero()).map(|(u, b)| u / b),
        prognos,
        utfall_sedan_start: utfall_sedan_start.ok(),
        beviljat_belopp: grant.beviljat_belopp,
        kommentar: text(&underlag.latest(), "budget_kommentar", |r| r.budget.kommentar.as_ref()),
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

fn kvalitet(insats: &Insats, quarters: &Quarters, underlag: &Underlag) -> KvalitetResultat {
    let latest = underlag.latest();
    let required = insats.styrgruppsmoten_per_ar.saturating_mul(quarters.active.len() as u32) / 4;
    // Meetings as agreed rest on every quarter's count and on every
    // partner's attendance: a rejected attendance could hide a missing member.
    let held = underlag.every(|r| {
        for (falt, (_, pick)) in NARVARO_FALT.into_iter().zip(PARTNERS) {
            r.varde(falt, pick(&r.report.kvalitet.narvaro))?;
        }
        r.varde("styrgruppsmoten", r.report.kvalitet.styrgruppsmoten)
    });
    let held = held.map(sum_u32);
    let anonyma = latest.as_ref().ok().and_then(|r| r.report.deltagare.anonyma).filter(|n| *n > 0);
    let anonymous_star = anonyma.map(|n| {
        format!("{n} deltagare är registrerade anonymt i SUS/Uppföljning Finsam och kan inte följas upp.")
    });
    let outside: u32 = quarters.reports().filter_map(|r| r.deltagare.utanfor_malgrupp).sum();
    let outside_star = (outside > 0)
        .then(|| format!("{outside} deltagare utanför målgruppen i ansökan har tagits emot under perioden."));
    let ea = |falt: &'static str, pick: fn(&Kvartalsrapport) -> Option<SvarEa>| {
        judge(answer(&latest, falt, pick), falt, |a| status::kvalitet(a, None))
    };
    KvalitetResultat {
        styrgruppsmoten: judge(held, "styrgruppsmoten", |h| {
            status::moten(h, required, attendance_star(quarters))
        }),
        uppfoljning: judge(
            answer(&latest, "uppfoljning_enligt_avtal", |r| r.kvalitet.uppfoljning_enligt_avtal),
            "uppfoljning_enligt_avtal",
            |a| status::kvalitet(status::svar_as_ea(a), anonymous_star.clone()),
        ),
        kontroll_malgrupp: judge(
            answer(&latest, "kontroll_malgrupp", |r| r.kvalitet.kontroll_malgrupp),
            "kontroll_malgrupp",
            |a| status::kvalitet(a, outside_star.clone()),
        ),
        kontroll_metod: ea("kontroll_metod", |r| r.kvalitet.kontroll_metod),
        jamlikhet: ea("jamlikhet", |r| r.kvalitet.jamlikhet),
        jamstalldhet: ea("jamstalldhet", |r| r.kvalitet.jamstalldhet),
        avvikelse_mal_malgrupp: judge(
            answer(&latest, "avvikelse_mal_malgrupp", |r| r.kvalitet.avvikelse_mal_malgrupp),
            "avvikelse_mal_malgrupp",
            status::ja_needs_watch,
        ),
        kommentar: text(&latest, "kvalitet_kommentar", |r| r.kvalitet.kommentar.as_ref()),
    }
}

/// The attendance fields, in the order of [`PARTNERS`].
const NARVARO_FALT: [&str; 4] = ["narvaro_kommun", "narvaro_af", "narvaro_fk", "narvaro_region"];

const PAGAENDE: [&str; 2] = ["deltagare_pagaende_kvinnor", "deltagare_pagaende_man"];
const AVSLUTADE: [&str; 2] = ["deltagare_avslutade_kvinnor", "deltagare_avslutade_man"];
pub(super) const TOTALT: [&str; 2] = ["deltagare_totalt_kvinnor", "deltagare_totalt_man"];

fn deltagare(
    ctx: &Context,
    insats: &Insats,
    grant: &Grant,
    underlag: &Underlag,
    ej_kanda: &mut Vec<EjKand>,
) -> DeltagareResultat {
    let latest = underlag.latest();
    let pair = |falt: [&'static str; 2], pick: fn(&Kvartalsrapport) -> Kon<Option<u32>>| match &latest {
        Ok(r) => r.par(falt, pick(r.report)),
        Err(reason) => Err(reason.clone()),
    };
    let pagaende = pair(PAGAENDE, |r| r.deltagare.pagaende);
    let totalt = pair(TOTALT, |r| r.deltagare.totalt);
    let avslutade = underlag.every(|r| r.par(AVSLUTADE, r.report.deltagare.avslutade)).map(sum_u32);
    let avslut = underlag.every(avslut_by_reason).map(|quarters| sum_by_reason(&quarters));
    let anonyma = answer(&latest, "deltagare_anonyma", |r| r.deltagare.anonyma);
    let forvantat = insats.forvantat_antal_deltagare;
    let gone = months::between(grant.start, ctx.period.last_day());
    let whole = months::between(grant.start, grant.slut);
    let settings = &ctx.register.installningar;
    let takt = match &totalt {
        Ok(t) => status::deltagartakt(Some(*t), forvantat, gone, whole, settings).1,
        Err(reason) => reason.bedomd(&status::deltagartakt(None, forvantat, gone, whole, settings).1),
    };
    let andel = match (&totalt, forvantat) {
        (Ok(t), Some(f)) if f > 0 => Ok(Decimal::from(*t) / Decimal::from(f)),
        (Err(reason), _) => Err(reason.skal()),
        (Ok(_), _) => Err(NO_EXPECTED.to_string()),
    };
    for (uppgift, value) in [
        (Uppgift::Pagaende, &pagaende),
        (Uppgift::Avslutade, &avslutade),
        (Uppgift::Totalt, &totalt),
        (Uppgift::Anonyma, &anonyma),
    ] {
        if let Err(reason) = value {
            ej_kanda.push(reason.ej_kand(uppgift));
        }
    }
    if let Err(skal) = &andel {
        ej_kanda.push(EjKand { uppgift: Uppgift::AndelAvForvantat, skal: skal.clone() });
    }
    DeltagareResultat {
        pagaende: pagaende.ok(),
        avslutade: avslutade.ok(),
        totalt: totalt.ok(),
        forvantat,
        andel_av_forvantat: andel.ok(),
        takt,
        anonyma: anonyma.ok(),
        budget_per_ar: insats.budget_per_ar,
        avslut: avslut.ok(),
    }
}

/// The finished participants of one report by reason, known only when
/// every reason's count of women and of men is.
fn avslut_by_reason(r: &Rapport) -> Result<Vec<Kon<u32>>, Okand> {
    r.report
        .deltagare
        .avslut
        .iter()
        .map(|(key, kon)| {
            let [kvinnor, man] =
                [Gender::Kvinnor, Gender::Man].map(|g| crate::contract::avslut_field(key, g));
            Ok(Kon { kvinnor: r.varde(kvinnor, kon.kvinnor)?, man: r.varde(man, kon.man)? })
        })
        .collect()
}

/// The quarters' counts summed reason by reason.
fn sum_by_reason(quarters: &[Vec<Kon<u32>>]) -> Vec<Kon<u32>> {
    let mut sums: Vec<Kon<u32>> = Vec::new();
    for quarter in quarters {
        sums.resize(sums.len().max(quarter.len()), Kon::default());
        for (sum, kon) in sums.iter_mut().zip(quarter) {
            sum.kvinnor = sum.kvinnor.saturating_add(kon.kvinnor);
            sum.man = sum.man.saturating_add(kon.man);
        }
    }
    sums
}

/// Why the share of expected participants is empty when the register has no number.
const NO_EXPECTED: &str = "Registret anger inget förväntat antal deltagare för insatsen.";
