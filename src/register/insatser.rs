//! The sheet `Insatser`: one granted insats per row.
//!
//! Takes the sheet as a [`Table`] and the default number of meetings from
//! `Inställningar`; gives the [`Insats`] of every clean row and every Id the
//! sheet names. Guarantees: an Id appears once (a repeat is a finding); a
//! sheet without insatser (a new register) is one Info finding; an
//! individual insats has a `Karaktär` and an expected number of
//! participants; `Slut` is not before `Start`, nor the upper age below the
//! lower.

use super::cells::{choice, date, int, kr, parter, text};
use super::columns::*;
use super::row::Row;
use super::table::{Ctx, Table, sheet_finding};
use super::{Inriktning, Insats, Karaktar};
use crate::finding::Code;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// The insatser of clean rows, and every Id the sheet names (a row with a
/// problem still names an insats other sheets may refer to).
pub(super) fn insatser(ctx: &mut Ctx, table: &Table, moten_default: u32) -> (Vec<Insats>, BTreeSet<String>) {
    if table.rows().is_empty() {
        // A new register (`mall register`) has only its example row: not a
        // fault, but every later step would have nothing to do.
        let message = "Registret har inga insatser ännu. Skriv in de beviljade insatserna på bladet Insatser, en \
                       rad per insats, och kör igen.";
        let at = table.position(ID, 1);
        let finding = sheet_finding(&ctx.file, Code::RegisterIngaInsatser, &table.sheet, at, message.into());
        ctx.findings.push(finding);
        return (Vec::new(), BTreeSet::new());
    }
    let mut first_row: BTreeMap<String, u32> = BTreeMap::new();
    let mut typed_ids = BTreeSet::new();
    let insatser = ctx.each_row(table, |r| {
        let id = r.id("Varje insats ska ha ett Id, dess diarienummer, t.ex. 2017:48.");
        // An Id Excel made a time still names the row's insats: its reports
        // and other sheets' rows are not "unknown", the row is to be corrected.
        if let Some(typed) = r.id_as_typed() {
            typed_ids.extend(spellings(typed));
        }
        if let Some(id) = &id
            && let Some(first) = r.earlier(&mut first_row, id.clone())
        {
            let message = format!("Id \"{id}\" finns redan på rad {first}. Varje insats ska ha ett eget Id.");
            r.report(Code::RegisterIdDubblett, ID, message);
        }
        insats(r, id, moten_default)
    });
    let mut ids: BTreeSet<String> = first_row.into_keys().collect();
    ids.extend(typed_ids);
    (insatser, ids)
}

/// The ways an Id Excel turned into a time or a number may have been
/// typed: "2017:09" also as "2017:9", "2017:5" (from 2017,50) also as "2017:50".
fn spellings(typed: &str) -> Vec<String> {
    let mut all = vec![typed.to_string()];
    if let Some((year, number)) = typed.split_once(':') {
        if let Some(short) = number.strip_prefix('0') {
            all.push(format!("{year}:{short}"));
        }
        if number.len() == 1 {
            all.push(format!("{year}:{number}0"));
        }
    }
    all
}

/// One row of `Insatser`, when it has everything an insats needs.
fn insats(r: &mut Row<'_>, id: Option<String>, moten_default: u32) -> Option<Insats> {
    let namn = r.required(NAMN, "Skriv insatsens fullständiga namn som i ansökan.", text);
    let kortnamn = r.optional(KORTNAMN, text);
    let omrade = r.required(OMRADE, "Skriv kommunen, eller Länsövergripande.", text);
    let insatsagare = r.required(INSATSAGARE, "Skriv vem som äger insatsen, t.ex. Knivsta kommun.", text);
    let hint = "Skriv parterna med kommatecken emellan, t.ex. Kommun, Arbetsförmedlingen.";
    let parter = r.required(PARTER, hint, parter);
    let inriktning = r.required(INRIKTNING, "Skriv Individ, Struktur eller Kompetens.", choice::<Inriktning>);
    let karaktar = r.optional(KARAKTAR, choice::<Karaktar>);
    let start = r.required(START, "Skriv startdagen enligt beslutet, t.ex. 2018-01-01.", date);
    let slut = r.required(SLUT, "Skriv slutdagen enligt beslutet, t.ex. 2021-12-31.", date);
    let hint = "Skriv det beviljade beloppet i kronor, t.ex. 5 900 000.";
    let beviljat_belopp = r.required(BEVILJAT_BELOPP, hint, kr);
    let budget_per_ar = r.optional(BUDGET_PER_AR, kr);
    let forvantat = r.optional(FORVANTAT_ANTAL, int);
    let alder_fran = r.optional(ALDER_FRAN, int);
    let alder_till = r.optional(ALDER_TILL, int);
    let moten = r.optional(STYRGRUPPSMOTEN, int).unwrap_or(moten_default);
    if inriktning == Some(Inriktning::Individ) {
        let why = "En individinriktad insats ska ha karaktären Förrehabiliterande eller Arbete och studier.";
        r.required_by(KARAKTAR, INRIKTNING, karaktar.is_some(), why);
        let why = "En individinriktad insats ska ange hur många deltagare den väntas ta emot under hela perioden, t.ex. 150.";
        r.required_by(FORVANTAT_ANTAL, INRIKTNING, forvantat.is_some(), why);
    }
    check_order(r, start, slut, alder_fran, alder_till);
    let (true, Some(id), Some(namn), Some(omrade), Some(insatsagare), Some(parter), Some(inriktning)) =
        (r.is_clean(), id, namn, omrade, insatsagare, parter, inriktning)
    else {
        return None;
    };
    let (Some(start), Some(slut), Some(beviljat_belopp)) = (start, slut, beviljat_belopp) else {
        return None;
    };
    Some(Insats {
        id,
        kortnamn: kortnamn.unwrap_or_else(|| namn.clone()),
        namn,
        omrade,
        insatsagare,
        parter,
        inriktning,
        karaktar,
        start,
        slut,
        beviljat_belopp,
        budget_per_ar,
        forvantat_antal_deltagare: forvantat,
        malgrupp_alder_fran: alder_fran,
        malgrupp_alder_till: alder_till,
        styrgruppsmoten_per_ar: moten,
        rad: r.number(),
    })
}

/// Dates and ages of a row of `Insatser` that must come in order.
fn check_order(
    r: &mut Row<'_>,
    start: Option<NaiveDate>,
    slut: Option<NaiveDate>,
    fran: Option<u32>,
    till: Option<u32>,
) {
    if let (Some(start), Some(slut)) = (start, slut)
        && slut < start
    {
        let message = format!(
            "Slut ({slut}) är före Start ({start}). Rätta datumen så att insatsen slutar efter att den börjar."
        );
        r.report(Code::RegisterSlutForeStart, SLUT, message);
    }
    if let (Some(fran), Some(till)) = (fran, till)
        && till < fran
    {
        let message =
            format!("{ALDER_TILL} ({till}) är lägre än {ALDER_FRAN} ({fran}). Rätta åldrarna i målgruppen.");
        r.report(Code::RegisterVardeOgiltigt, ALDER_TILL, message);
    }
}
