//! The factual sentences under the PM's tables, one function per kind.
//!
//! Each is a pure function of the [`Sammanstallning`] the tables are
//! rendered from, and says only what that data says: which insatser a
//! value holds for is read from the same judged values the table shows,
//! so a sentence cannot disagree with its table. A value the data does
//! not know (a missing report, an answer left empty or rejected) is said
//! to be not known, with its reason; it never counts as "Nej" or 0. What
//! needs kansliet's judgement is not here: the PM marks it as a
//! placeholder (see [`super::PLATSHALLARE`]).

use super::text::{antal, citat, kr, lista, mening, procent, tal};
use crate::aggregate::{Bedomd, InsatsResultat, Sammanstallning, Uppgift, rubrik};
use crate::contract::Svar;
use crate::register::Status;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// A yes/no answer as judged: `Ja`, `Ja*` and `Nej` are answers; anything
/// else (`Framgår ej i kvartalsrapporten`, `Rapport saknas`, `Fel i
/// rapporten`, `I tvivel`) is not known.
fn svar(b: &Bedomd) -> Option<Svar> {
    Svar::parse(b.text.trim_end_matches('*'))
}

/// Why a judged value is not known: its text, and its reason when it has one.
fn okant(i: &InsatsResultat, b: &Bedomd) -> String {
    match &b.anmarkning {
        Some(reason) => format!("{} ({}: {})", i.kortnamn, b.text, reason.trim_end_matches('.')),
        None => format!("{} ({})", i.kortnamn, b.text),
    }
}

fn namn<'s>(insatser: &[&'s InsatsResultat]) -> Vec<&'s str> {
    insatser.iter().map(|i| i.kortnamn.as_str()).collect()
}

/// Under Bakgrund: how many reports the PM rests on, from how many
/// insatser, and which quarters' reports are missing or in doubt.
pub fn underlag(s: &Sammanstallning) -> Vec<String> {
    let used = s.kallor.iter().filter(|k| k.status == crate::aggregate::KallStatus::Anvand).count();
    let mut out = vec![format!(
        "Uppföljningen bygger på {} kvartalsrapporter för {} insatser och på registret.",
        antal(u32::try_from(used).unwrap_or(u32::MAX)),
        antal(u32::try_from(s.insatser.len()).unwrap_or(u32::MAX))
    )];
    let missing = |in_doubt: bool| -> Vec<String> {
        s.insatser
            .iter()
            .filter_map(|i| {
                let quarters: Vec<String> = i
                    .rapporter
                    .iter()
                    .filter(|r| r.fil.is_none() && r.i_tvivel == in_doubt)
                    .map(|r| r.kvartal.to_string())
                    .collect();
                (!quarters.is_empty()).then(|| format!("{} ({})", i.kortnamn, lista(&quarters)))
            })
            .collect()
    };
    let (saknas, tvivel) = (missing(false), missing(true));
    out.push(if saknas.is_empty() {
        "Ingen rapport saknas.".to_string()
    } else {
        format!("Rapport saknas för {}.", lista(&saknas))
    });
    if !tvivel.is_empty() {
        out.push(format!(
            "Det är oklart vilken insats rapporterna gäller, så ingen av dem används, för {}.",
            lista(&tvivel)
        ));
    }
    out
}

/// Under Tabell 2: the insatser not on track (or too early to tell), and
/// those whose styrgrupp forecasts the goals will not be met, grouped by
/// the value the table shows.
pub fn mal_lage(s: &Sammanstallning) -> Vec<String> {
    let mut out = Vec::new();
    for (rubrik, pick) in [
        (rubrik::I_FAS, (|i: &InsatsResultat| &i.mal.i_fas) as fn(&InsatsResultat) -> &Bedomd),
        (rubrik::PROGNOS, |i: &InsatsResultat| &i.mal.prognos),
    ] {
        let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
        for i in &s.insatser {
            let b = pick(i);
            if matches!(b.status, Some(Status::Gron) | None) {
                continue;
            }
            match groups.iter_mut().find(|(text, _)| *text == b.text) {
                Some((_, names)) => names.push(&i.kortnamn),
                None => groups.push((&b.text, vec![&i.kortnamn])),
            }
        }
        if groups.is_empty() {
            out.push(format!("{rubrik}: Ja för samtliga insatser där frågan är aktuell."));
        } else {
            let parts: Vec<String> =
                groups.iter().map(|(text, names)| format!("{} för {}", citat(text), lista(names))).collect();
            out.push(format!("{rubrik}: {}.", parts.join("; ")));
        }
    }
    out
}

/// Under Tabell 2: the insatser whose grant ended within the period (so
/// their goals are met or not, no longer forecast), with the end date.
pub fn avslutade_insatser(s: &Sammanstallning) -> Vec<String> {
    let last = s.period.last_day();
    let ended: Vec<String> = s
        .insatser
        .iter()
        .filter(|i| i.slut <= last)
        .map(|i| {
            format!(
                "{} (slutdatum {}, {})",
                i.kortnamn,
                i.slut.format("%Y-%m-%d"),
                crate::period::Kvartal::of(i.slut)
            )
        })
        .collect();
    if ended.is_empty() {
        return Vec::new();
    }
    vec![format!("Avslutade under perioden enligt registret: {}.", lista(&ended))]
}

/// Under Tabell 3: which insatser did not start in time, and whether each
/// of them has filed a deviation report (the column "Inkomna avvikelser
/// gällande budget").
pub fn sen_start(s: &Sammanstallning) -> Vec<String> {
    let late: Vec<&InsatsResultat> =
        s.insatser.iter().filter(|i| svar(&i.forutsattningar.start_i_tid) == Some(Svar::Nej)).collect();
    let unknown: Vec<String> = s
        .insatser
        .iter()
        .filter(|i| svar(&i.forutsattningar.start_i_tid).is_none())
        .map(|i| okant(i, &i.forutsattningar.start_i_tid))
        .collect();
    let mut out = Vec::new();
    if late.is_empty() {
        out.push(if unknown.is_empty() {
            "Samtliga insatser har startat i tid.".to_string()
        } else {
            "Ingen insats har angett att den inte startat i tid.".to_string()
        });
    } else {
        out.push(format!("{} har inte kunnat starta i tid.", lista(&namn(&late))));
        let by = |wanted: Option<Svar>| -> Vec<&InsatsResultat> {
            late.iter().copied().filter(|i| svar(&i.forutsattningar.avvikelse_budget) == wanted).collect()
        };
        let (filed, not_filed) = (by(Some(Svar::Ja)), by(Some(Svar::Nej)));
        let not_known: Vec<String> = late
            .iter()
            .filter(|i| svar(&i.forutsattningar.avvikelse_budget).is_none())
            .map(|i| okant(i, &i.forutsattningar.avvikelse_budget))
            .collect();
        if filed.len() == late.len() {
            out.push(
                "Samtliga insatser som inte kunnat starta i tid har inkommit med avvikelserapporter.".into(),
            );
        } else {
            if !filed.is_empty() {
                out.push(format!("{} har inkommit med avvikelserapport.", lista(&namn(&filed))));
            }
            if !not_filed.is_empty() {
                out.push(format!(
                    "{} har inte inkommit med någon avvikelserapport gällande budget.",
                    lista(&namn(&not_filed))
                ));
            }
            if !not_known.is_empty() {
                out.push(format!("Om avvikelserapport har inkommit är inte känt för {}.", lista(&not_known)));
            }
        }
    }
    if !unknown.is_empty() {
        out.push(format!("Om insatsen startat i tid är inte känt för {}.", lista(&unknown)));
    }
    out
}

/// Under Tabell 3: which insatser have vacancies among the staff the
/// förbund pays for, and among their own resources.
pub fn vakanser(s: &Sammanstallning) -> Vec<String> {
    let mut out = Vec::new();
    for (pick, vilka) in [
        (
            (|i: &InsatsResultat| &i.forutsattningar.vakanser_sof) as fn(&InsatsResultat) -> &Bedomd,
            "tjänster som finansieras med förbundets medel (SOF-medel)",
        ),
        (|i: &InsatsResultat| &i.forutsattningar.vakanser_egen, "egenfinansierade resurser"),
    ] {
        let with: Vec<&InsatsResultat> =
            s.insatser.iter().filter(|i| svar(pick(i)) == Some(Svar::Ja)).collect();
        let unknown: Vec<String> =
            s.insatser.iter().filter(|i| svar(pick(i)).is_none()).map(|i| okant(i, pick(i))).collect();
        if with.is_empty() {
            out.push(format!("Ingen insats har angett vakanser bland {vilka}."));
        } else {
            out.push(format!("{} har haft vakanser bland {vilka}.", lista(&namn(&with))));
        }
        if !unknown.is_empty() {
            out.push(format!("Vakanser bland {vilka} är inte kända för {}.", lista(&unknown)));
        }
    }
    out
}

/// Under Tabell 4: which insatser spent more than their budget for the
/// period, and which spent less and are under watch or need action, each
/// with by how much; and whose spend is not known, with why.
pub fn budget(s: &Sammanstallning) -> Vec<String> {
    let mut over = Vec::new();
    let mut under = Vec::new();
    let mut unknown = Vec::new();
    for i in &s.insatser {
        let b = &i.budget;
        let Some(utfall) = b.utfall else {
            let reason = i.ej_kand(Uppgift::Utfall).unwrap_or("ingen rapport anger det");
            unknown.push(format!("{} ({})", i.kortnamn, reason.trim_end_matches('.')));
            continue;
        };
        let Some(budget) = b.budget else {
            let reason = i.ej_kand(Uppgift::Budget).unwrap_or("registrets budget har fel");
            unknown.push(format!("{} ({})", i.kortnamn, reason.trim_end_matches('.')));
            continue;
        };
        let diff = utfall - budget;
        let andel = b.andel.map(|a| format!(", {} av budgeten", procent(a))).unwrap_or_default();
        let figures = format!("utfall {} mot budget {}{andel}", kr(utfall), kr(budget));
        match diff.cmp(&Decimal::ZERO) {
            Ordering::Greater => over.push(format!("{} ({} över budget: {figures})", i.kortnamn, kr(diff))),
            Ordering::Less if !matches!(b.prognos.status, Some(Status::Gron) | None) => under.push(format!(
                "{} ({} under budget: {figures}; prognos {})",
                i.kortnamn,
                kr(-diff),
                b.prognos.text
            )),
            _ => {}
        }
    }
    let mut out = Vec::new();
    out.push(if over.is_empty() {
        "Ingen insats har använt mer än sin budget för perioden.".to_string()
    } else {
        format!("Mer än budgeterat för perioden har använts av {}.", lista(&over))
    });
    if !under.is_empty() {
        out.push(format!(
            "Mindre än budgeterat, med budgetprognos under bevakning eller i behov av åtgärd: {}.",
            lista(&under)
        ));
    }
    if !unknown.is_empty() {
        out.push(format!("Utfallet är inte känt för {}.", lista(&unknown)));
    }
    let t = &s.totaler.budget;
    if let (Some(budget), Some(utfall)) = (t.budget, t.utfall) {
        let andel = t.andel.map(|a| format!(" ({})", procent(a))).unwrap_or_default();
        out.push(format!(
            "Sammanlagt har {} använts av en budget på {} för perioden{andel}. {}",
            kr(utfall),
            kr(budget),
            mening(&t.omfattning.text)
        ));
    }
    out
}

/// Under Tabell 5: which partners' ordinary members were absent from which
/// steering-group meetings, and which styrgrupper met fewer times than
/// agreed, in the words of the column's remarks.
pub fn franvaro(s: &Sammanstallning) -> Vec<String> {
    let noted: Vec<String> = s
        .insatser
        .iter()
        .filter(|i| !matches!(i.kvalitet.styrgruppsmoten.status, Some(Status::Gron) | None))
        .map(|i| {
            let b = &i.kvalitet.styrgruppsmoten;
            match &b.anmarkning {
                Some(reason) => format!("{} ({}): {}", i.kortnamn, b.text, mening(reason)),
                None => format!("{} ({}).", i.kortnamn, b.text),
            }
        })
        .collect();
    if noted.is_empty() {
        return vec![
            "Samtliga styrgrupper har haft möten enligt avtal, med ordinarie ledamöter från alla parter."
                .into(),
        ];
    }
    let mut out = vec![format!(
        "{} har en anmärkning om styrgruppsmötena: ordinarie ledamöter har saknats, eller mötena har \
         varit färre än avtalat eller inte angetts:",
        match noted.len() {
            1 => "En insats".to_string(),
            n => format!("{} insatser", antal(n as u32)),
        }
    )];
    out.extend(noted);
    out
}

/// Under Tabell 5: every other remark of the table (the stars), by insats
/// and column, and kansliet's own judgements where it overrode a colour.
pub fn stjarnor(s: &Sammanstallning) -> Vec<String> {
    let mut out = Vec::new();
    for i in &s.insatser {
        let parts = i.kvalitet.parts();
        // The meetings' remarks are said by [`franvaro`].
        for (rubrik, b) in rubrik::KVALITET.iter().zip(parts).skip(1) {
            if let Some(reason) = &b.anmarkning {
                out.push(format!(
                    "{}, {} ({}): {}",
                    i.kortnamn,
                    rubrik.to_lowercase(),
                    b.text,
                    mening(reason)
                ));
            }
            if let Some(own) = &b.bedomning {
                out.push(format!(
                    "{}, {}: kansliets bedömning: {}",
                    i.kortnamn,
                    rubrik.to_lowercase(),
                    mening(own)
                ));
            }
        }
    }
    out
}

/// Under Tabell 5 (as the memo says it under "Uppföljning enl. avtal") and
/// Tabell 7: the individual insatser that have not yet registered any
/// participant, and those whose count is not known.
pub fn ej_registrerat(s: &Sammanstallning) -> Vec<String> {
    let individuella: Vec<&InsatsResultat> = s.insatser.iter().filter(|i| i.deltagare.is_some()).collect();
    let none: Vec<&InsatsResultat> = individuella
        .iter()
        .copied()
        .filter(|i| i.deltagare.as_ref().and_then(|d| d.totalt) == Some(0))
        .collect();
    let unknown: Vec<String> = individuella
        .iter()
        .filter(|i| i.deltagare.as_ref().is_some_and(|d| d.totalt.is_none()))
        .map(|i| {
            let reason = i.ej_kand(Uppgift::Totalt).unwrap_or("ingen rapport anger det");
            format!("{} ({})", i.kortnamn, reason.trim_end_matches('.'))
        })
        .collect();
    let mut out = Vec::new();
    if individuella.is_empty() {
        return out;
    }
    out.push(if none.is_empty() {
        "Samtliga individinriktade insatser har registrerat deltagare.".to_string()
    } else {
        format!("{} har ännu inte registrerat några deltagare.", lista(&namn(&none)))
    });
    if !unknown.is_empty() {
        out.push(format!("Antalet registrerade deltagare är inte känt för {}.", lista(&unknown)));
    }
    out
}

/// Under Tabell 6 and 7: those registered anonymously, who are not in the counts.
pub fn anonyma(s: &Sammanstallning) -> Vec<String> {
    let t = &s.totaler.deltagare;
    let mut out = vec![
        "Antalen ovan är individer som registrerats med personuppgifter i uppföljningssystemet.".to_string(),
    ];
    match t.anonyma {
        Some(0) => {}
        Some(n) => out.push(format!("Utöver dessa finns {} individer som registrerats anonymt.", antal(n))),
        None => out.push("Hur många som registrerats anonymt är inte känt för alla insatser.".into()),
    }
    if !t.omfattning.utanfor.is_empty() {
        out.push(mening(&t.omfattning.text));
    }
    out
}

/// The statistics paragraph: how many finished, women and men, how many
/// went to work or studies, and the shares for all, women and men against
/// the förbund's goal.
pub fn andelar(s: &Sammanstallning) -> Vec<String> {
    let a = &s.avslut;
    let (alla, arbete) = (&a.avslutade_totalt, &a.till_arbete_eller_studier);
    let mut out = Vec::new();
    if alla.totalt == 0 {
        out.push(format!("Ingen deltagare har avslutats under {}.", s.period.in_words()));
    } else {
        out.push(format!(
            "I insatserna har {} personer avslutats under {}, varav {} kvinnor och {} män. Av dessa {} har {} gått \
             vidare till arbete, studier eller eget företag.",
            antal(alla.totalt),
            s.period.in_words(),
            antal(alla.kvinnor),
            antal(alla.man),
            antal(alla.totalt),
            antal(arbete.totalt)
        ));
        let share = |andel: Option<Decimal>, vilka: &str| match andel {
            Some(andel) => format!("{} av alla avslutade {vilka}", procent(andel)),
            None => format!("ingen av de avslutade var {vilka}"),
        };
        out.push(format!(
            "Detta innebär att {} har gått till arbete eller studier: {} respektive {}.",
            share(a.andel_totalt, "deltagare"),
            share(a.andel_kvinnor, "kvinnor"),
            share(a.andel_man, "män")
        ));
        if let Some(andel) = a.andel_totalt {
            let jamfort = match andel.cmp(&a.mal) {
                Ordering::Greater => "högre än",
                Ordering::Equal => "lika med",
                Ordering::Less => "lägre än",
            };
            out.push(format!(
                "Andelen är {jamfort} förbundets mål, {}, att andelen som går till arbete eller studier ska \
                 överensstämma med rikssnittet.",
                procent(a.mal)
            ));
        }
    }
    if !a.omfattning.utanfor.is_empty() {
        out.push(mening(&a.omfattning.text));
    }
    out
}

/// Under the 60-30-10 table: each orientation's share of the granted funds
/// against its goal.
pub fn fordelning(s: &Sammanstallning) -> Vec<String> {
    let parts: Vec<String> = s
        .fordelning
        .iter()
        .map(|r| {
            let andel = r.andel.map_or_else(|| "inte känd".to_string(), procent);
            format!("{} {andel} (mål {})", r.inriktning.label().to_lowercase(), procent(r.mal))
        })
        .collect();
    if parts.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "Av de beviljade beloppen, {} i alla, går till insatser med inriktning {}.",
        kr(s.totaler.fordelning.beviljat_belopp),
        lista(&parts)
    )]
}

/// Under a table with figures: each figure that is not known, with its
/// reason (the cell says "Inte känt").
pub fn ej_kanda(s: &Sammanstallning, uppgifter: &[Uppgift], bara_individuella: bool) -> Vec<String> {
    s.insatser
        .iter()
        .filter(|i| !bara_individuella || i.deltagare.is_some())
        .flat_map(|i| {
            uppgifter.iter().filter_map(move |u| {
                let reason = i.ej_kand(*u)?;
                Some(format!("{}, {}: inte känt. {}", i.kortnamn, u.label().to_lowercase(), mening(reason)))
            })
        })
        .collect()
}

/// A whole number of kronor for a table cell, without the unit the header names.
pub fn belopp(value: Decimal) -> String {
    tal(value)
}
