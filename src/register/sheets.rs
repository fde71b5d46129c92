//! The optional sheets: `Budget`, `Beslut`, `Mål` and `Bedömningar`, which
//! refer to an insats by Id, and `Inställningar`.
//!
//! Takes a sheet as a [`Table`] and, for the sheets that refer to insatser,
//! every Id of `Insatser`; gives the records of the clean rows. Guarantees:
//! an Id must be one `Insatser` names; a key (an insats's quarter, goal
//! number, period and area, or a setting) appears once, and a repeat is a
//! finding pointing at the first row; a decision has what its type needs.

use super::cells::{choice, date, int, kr, period, text};
use super::columns::*;
use super::row::Row;
use super::settings::{self, Installningar};
use super::table::{Ctx, Table};
use super::{Bedomning, Beslut, BeslutTyp, Mal, MalTyp, Omrade, Status};
use crate::finding::Code;
use crate::period::Kvartal;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// `Budget`: one amount per insats and quarter.
/// The budgets of clean rows, and the Ids of rows with a problem.
pub(super) fn budgetar(
    ctx: &mut Ctx,
    table: &Table,
    ids: &BTreeSet<String>,
) -> (BTreeMap<(String, Kvartal), Decimal>, BTreeSet<String>) {
    let mut first_row: BTreeMap<(String, Kvartal), u32> = BTreeMap::new();
    let mut with_problems = BTreeSet::new();
    let rows = ctx.each_row(table, |r| {
        let id = r.known_id(ids);
        let row = budget_row(r, id.clone(), &mut first_row);
        if row.is_none()
            && let Some(id) = id
        {
            with_problems.insert(id);
        }
        row
    });
    (rows.into_iter().collect(), with_problems)
}

/// One row of `Budget`: its key and amount when the row is clean (a
/// quarter budgeted twice is not).
fn budget_row(
    r: &mut Row<'_>,
    id: Option<String>,
    first_row: &mut BTreeMap<(String, Kvartal), u32>,
) -> Option<((String, Kvartal), Decimal)> {
    let ar = r.required(AR, "Skriv året, t.ex. 2018.", int);
    let kvartal = r.required(KVARTAL, "Skriv kvartalets nummer, 1–4.", int);
    let budget = r.required(BUDGET, "Skriv kvartalets budget i kronor, t.ex. 350 000.", kr);
    let quarter = quarter(r, ar?, kvartal?)?;
    let key = (id?, quarter);
    if let Some(first) = r.earlier(first_row, key.clone()) {
        let message = format!(
            "Budgeten för {} {quarter} finns redan på rad {first}. Ta bort en av raderna, eller lägg ihop beloppen på en rad.",
            key.0
        );
        r.report(Code::RegisterDubblettRad, KVARTAL, message);
    }
    Some((key, budget?)).filter(|_| r.is_clean())
}

/// The quarter of a `Budget` row, or a finding on the cell that is off.
fn quarter(r: &mut Row<'_>, ar: u32, kvartal: u32) -> Option<Kvartal> {
    let Some(kvartal) = u8::try_from(kvartal).ok().filter(|k| (1..=4).contains(k)) else {
        let message = format!("Kvartal {kvartal} finns inte. Skriv kvartalets nummer, 1–4.");
        r.report(Code::RegisterVardeOgiltigt, KVARTAL, message);
        return None;
    };
    let quarter = i32::try_from(ar).ok().and_then(|ar| Kvartal::new(ar, kvartal));
    if quarter.is_none() {
        let message = format!("År {ar} går inte att använda. Skriv året med fyra siffror, t.ex. 2018.");
        r.report(Code::RegisterVardeOgiltigt, AR, message);
    }
    quarter
}

/// `Beslut`, sorted by date (rows of one day keep their order).
pub(super) fn beslut(ctx: &mut Ctx, table: &Table, ids: &BTreeSet<String>) -> Vec<Beslut> {
    let mut beslut = ctx.each_row(table, |r| {
        let id = r.known_id(ids);
        let datum = r.required(DATUM, "Skriv dagen beslutet fattades, t.ex. 2020-06-30.", date);
        let hint = "Skriv Tillägg, Förlängning, Avslut eller Justering.";
        let typ = r.required(TYP, hint, choice::<BeslutTyp>);
        let belopp = r.optional(BELOPP, kr);
        let ny_slutdag = r.optional(NY_SLUTDAG, date);
        let kommentar = r.optional(KOMMENTAR, text);
        let why = match typ {
            Some(BeslutTyp::Tillagg) => {
                let why = "Ett tillägg ska ange beloppet som läggs till, t.ex. 67 500.";
                r.required_by(BELOPP, TYP, belopp.is_some(), why);
                None
            }
            Some(BeslutTyp::Forlangning) => {
                Some("En förlängning ska ange insatsens nya slutdag, t.ex. 2021-12-31.")
            }
            Some(BeslutTyp::Avslut) => {
                Some("Ett avslut ska ange dagen då insatsen slutar, t.ex. 2020-06-30.")
            }
            Some(BeslutTyp::Justering) | None => None,
        };
        if let Some(why) = why {
            r.required_by(NY_SLUTDAG, TYP, ny_slutdag.is_some(), why);
        }
        Some(Beslut { id: id?, datum: datum?, typ: typ?, belopp, ny_slutdag, kommentar })
    });
    beslut.sort_by_key(|b| b.datum);
    beslut
}

/// `Mål`, per insats and sorted by `Nr`.
pub(super) fn mal(ctx: &mut Ctx, table: &Table, ids: &BTreeSet<String>) -> BTreeMap<String, Vec<Mal>> {
    let mut first_row: BTreeMap<(String, u32), u32> = BTreeMap::new();
    let rows = ctx.each_row(table, |r| {
        let id = r.known_id(ids);
        let nr = r.required(NR, "Skriv målets nummer i ansökan, t.ex. 1.", int);
        let typ = r.required(TYP, "Skriv Effektmål eller Insatsmål.", choice::<MalTyp>);
        let mal = r.required(MAL, "Skriv målet som det står i ansökan.", text);
        let key = (id?, nr?);
        if let Some(first) = r.earlier(&mut first_row, key.clone()) {
            let message = format!(
                "Mål nr {} för {} finns redan på rad {first}. Ge varje mål för insatsen ett eget nummer.",
                key.1, key.0
            );
            r.report(Code::RegisterDubblettRad, NR, message);
        }
        Some((key.0, Mal { nr: key.1, typ: typ?, text: mal? }))
    });
    let mut mal: BTreeMap<String, Vec<Mal>> = BTreeMap::new();
    for (id, goal) in rows {
        mal.entry(id).or_default().push(goal);
    }
    mal.values_mut().for_each(|goals| goals.sort_by_key(|g| g.nr));
    mal
}

/// `Bedömningar`: at most one per insats, period and area.
pub(super) fn bedomningar(ctx: &mut Ctx, table: &Table, ids: &BTreeSet<String>) -> Vec<Bedomning> {
    let mut first_row: BTreeMap<(String, String, Omrade), u32> = BTreeMap::new();
    ctx.each_row(table, |r| {
        let id = r.known_id(ids);
        let period = r.required(PERIOD, "Skriv perioden bedömningen gäller, t.ex. 2018-K2.", period);
        let hint = "Skriv Mål, Förutsättningar, Budget, Kvalitet, Deltagare eller Helhet.";
        let omrade = r.required(OMRADE, hint, choice::<Omrade>);
        let status = r.required(STATUS, "Skriv Grön, Gul eller Röd.", choice::<Status>);
        let hint = "Skriv varför kansliet bedömer annorlunda än verktyget.";
        let motivering = r.required(MOTIVERING, hint, text);
        let (id, period, omrade) = (id?, period?, omrade?);
        let key = (id.clone(), period.to_string(), omrade);
        if let Some(first) = r.earlier(&mut first_row, key) {
            let message = format!(
                "En bedömning av {omrade} för {id} {period} finns redan på rad {first}. Ta bort en av raderna."
            );
            r.report(Code::RegisterDubblettRad, OMRADE, message);
        }
        Some(Bedomning { id, period, omrade, status: status?, motivering: motivering? })
    })
}

/// `Inställningar`: the defaults with the sheet's overrides applied.
pub(super) fn installningar(ctx: &mut Ctx, table: &Table) -> Installningar {
    let mut installningar = Installningar::default();
    let mut first_row: BTreeMap<&'static str, u32> = BTreeMap::new();
    ctx.each_row(table, |r| {
        let written = r.required(INSTALLNING, "Skriv inställningens namn, t.ex. Budget ok från.", text)?;
        let Some(name) = settings::known_name(&written) else {
            r.report(Code::RegisterOkandInstallning, INSTALLNING, settings::unknown_message(&written));
            return None;
        };
        if let Some(first) = r.earlier(&mut first_row, name) {
            let message =
                format!("Inställningen \"{name}\" finns redan på rad {first}. Ta bort en av raderna.");
            r.report(Code::RegisterDubblettRad, INSTALLNING, message);
            return None;
        }
        let default = settings::default_text(name).unwrap_or_default();
        let hint = if default.is_empty() {
            "Skriv ett värde, eller ta bort raden.".to_string()
        } else {
            format!("Skriv ett värde, eller ta bort raden för att använda standardvärdet {default}.")
        };
        if r.value(VARDE).is_blank() {
            // A setting that is empty unless given (the sender's address, a
            // signature) is simply not given: the blank register lists it so.
            if !default.is_empty() {
                r.report(Code::RegisterVardeSaknas, VARDE, format!("{VARDE} saknas. {hint}"));
            }
        } else if let Err(message) = installningar.set(name, r.value(VARDE)) {
            r.report(Code::RegisterVardeOgiltigt, VARDE, message);
        }
        Some(())
    });
    check_limits(ctx, table, &first_row, &mut installningar);
    installningar
}

/// Limits that only make sense together: the budget's and the
/// participants' must come in order, the distribution's targets make 100 %.
/// A group that does not is one finding, on the first of its rows kansliet
/// wrote, and the group's defaults are used until it is corrected: colours
/// from limits that contradict each other would be wrong for every insats.
fn check_limits(ctx: &mut Ctx, table: &Table, rows: &BTreeMap<&'static str, u32>, s: &mut Installningar) {
    use settings::*;
    let defaults = Installningar::default();
    let percent = |share: Decimal| format!("{} %", (share * Decimal::ONE_HUNDRED).normalize());
    let report = |ctx: &mut Ctx, names: &[&'static str], message: String| {
        let row = names.iter().filter_map(|name| rows.get(name)).min().copied();
        let at = row.and_then(|row| table.position(VARDE, row.saturating_sub(1)));
        let finding =
            super::table::sheet_finding(&ctx.file, Code::RegisterVardeOgiltigt, &table.sheet, at, message);
        ctx.findings.push(finding.field(VARDE));
    };
    let budget = [
        (BUDGET_ATGARD_UNDER, s.budget_atgard_under),
        (BUDGET_OK_FRAN, s.budget_ok_fran),
        (BUDGET_OK_TILL, s.budget_ok_till),
        (BUDGET_ATGARD_OVER, s.budget_atgard_over),
    ];
    if let Some(pair) = budget.windows(2).find(|pair| matches!(pair, [(_, low), (_, high)] if low > high)) {
        let [(low_name, low), (high_name, high)] = pair else { return };
        let names: Vec<&'static str> = budget.iter().map(|(name, _)| *name).collect();
        report(
            ctx,
            &names,
            format!(
                "Budgetgränserna går inte ihop: {low_name} ({}) är högre än {high_name} ({}). De ska vara i \
                 ordningen {}. Standardvärdena ({}) används tills de är rättade.",
                percent(*low),
                percent(*high),
                names.join(" ≤ "),
                [
                    defaults.budget_atgard_under,
                    defaults.budget_ok_fran,
                    defaults.budget_ok_till,
                    defaults.budget_atgard_over
                ]
                .map(percent)
                .join(", ")
            ),
        );
        s.budget_atgard_under = defaults.budget_atgard_under;
        s.budget_ok_fran = defaults.budget_ok_fran;
        s.budget_ok_till = defaults.budget_ok_till;
        s.budget_atgard_over = defaults.budget_atgard_over;
    }
    if s.deltagare_rod_under > s.deltagare_gron_fran {
        report(
            ctx,
            &[DELTAGARE_ROD_UNDER, DELTAGARE_GRON_FRAN],
            format!(
                "{DELTAGARE_ROD_UNDER} ({}) är högre än {DELTAGARE_GRON_FRAN} ({}), så en takt kunde vara både röd \
                 och grön. Standardvärdena ({} och {}) används tills de är rättade.",
                percent(s.deltagare_rod_under),
                percent(s.deltagare_gron_fran),
                percent(defaults.deltagare_rod_under),
                percent(defaults.deltagare_gron_fran)
            ),
        );
        s.deltagare_rod_under = defaults.deltagare_rod_under;
        s.deltagare_gron_fran = defaults.deltagare_gron_fran;
    }
    let fordelning = s.fordelning_individ + s.fordelning_struktur + s.fordelning_kompetens;
    if fordelning != Decimal::ONE {
        report(
            ctx,
            &[FORDELNING_INDIVID, FORDELNING_STRUKTUR, FORDELNING_KOMPETENS],
            format!(
                "Fördelningens mål summerar till {}, inte 100 %. Standardvärdena ({}, {} och {}) används tills de är \
                 rättade.",
                percent(fordelning),
                percent(defaults.fordelning_individ),
                percent(defaults.fordelning_struktur),
                percent(defaults.fordelning_kompetens)
            ),
        );
        s.fordelning_individ = defaults.fordelning_individ;
        s.fordelning_struktur = defaults.fordelning_struktur;
        s.fordelning_kompetens = defaults.fordelning_kompetens;
    }
}
