//! `Fördelning`: the granted funds of the period's insatser per
//! orientation against the board's 60-30-10, a total row with the
//! insatser it is over said under it, and a chart of share against goal.

use super::chart::{self, Series};
use super::styles::ANDEL_FORMAT;
use super::table::{Cell, Column, HEADER_ROW, Row, Sheet, Table};
use crate::aggregate::Sammanstallning;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, Worksheet, XlsxError};

pub(super) const SHEET: &str = "Fördelning";

const ANDEL_COL: ColNum = 2;
const MAL_COL: ColNum = 3;

pub(super) fn write(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let percent = |share: Decimal| share.saturating_mul(Decimal::ONE_HUNDRED).round().to_string();
    let goals = [
        s.installningar.fordelning_individ,
        s.installningar.fordelning_struktur,
        s.installningar.fordelning_kompetens,
    ];
    let caption = format!(
        "Beviljade medel för insatserna i perioden per inriktning, mot förbundets mål {} (individ, struktur, kompetens).",
        goals.map(percent).join("-")
    );
    let mut sheet = Sheet::new(ws, SHEET, &s.titel, &caption)?;
    let rows = s
        .fordelning
        .iter()
        .map(|r| {
            Row::new(vec![
                Cell::text(r.inriktning.label()),
                Cell::Kr(r.beviljat_belopp),
                Cell::andel(r.andel),
                Cell::Andel(r.mal),
            ])
        })
        .collect();
    let t = &s.totaler.fordelning;
    let total = vec![Cell::Empty, Cell::Kr(t.beviljat_belopp), Cell::andel(t.andel), Cell::Andel(t.mal)];
    let table = Table {
        name: "Fordelning",
        columns: ["Inriktning", "Beviljat belopp", "Andel", "Mål"].map(Column::new).to_vec(),
        rows,
        total: Some(total),
        when_empty: (0, "Inga beviljade medel under perioden.".to_string()),
    };
    let at = sheet.table(HEADER_ROW, 0, &table)?;
    sheet.below(&at, &t.omfattning.text)?;
    let series =
        [Series { col: ANDEL_COL, color: chart::ACTUAL }, Series { col: MAL_COL, color: chart::TARGET }];
    let chart = chart::columns(SHEET, &at, "Fördelning mot målet", &series, ANDEL_FORMAT);
    sheet.worksheet().insert_chart(HEADER_ROW, at.last_col + 2, &chart)?;
    sheet.finish(&s.titel)
}
