//! `Budget` (memo Tabell 4): budget and spend over the period per insats,
//! the forecast with its colour, the styrgrupp's comment, a total row saying which insatser it is
//! over, and a chart of budget
//! against spend per insats.

use super::chart::{self, Series};
use super::styles::KR_FORMAT;
use super::table::{Cell, Column, HEADER_ROW, Row, Sheet, Table, anmarkningar};
use crate::aggregate::{Bedomd, InsatsResultat, Sammanstallning, Uppgift};
use rust_xlsxwriter::{ColNum, Worksheet, XlsxError};

pub(super) const SHEET: &str = "Budget";

const PROGNOS: &str = crate::aggregate::rubrik::PROGNOS_BUDGET;
const COLUMNS: [Column; 9] = [
    Column::new("Insats"),
    Column::new("Budget"),
    Column::new("Utfall"),
    Column::new("Utfall i procent"),
    Column::new(PROGNOS),
    Column::new("Utfall sedan start"),
    Column::new("Beviljat belopp"),
    Column::prose("Kommentar"),
    Column::prose("Anmärkning"),
];
const BUDGET_COL: ColNum = 1;
const UTFALL_COL: ColNum = 2;

pub(super) fn write(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let caption = "Tabell 4. Utfall och prognos budget: budget och utfall för perioden.";
    let mut sheet = Sheet::new(ws, SHEET, &s.titel, caption)?;
    let table = Table {
        name: "Budget",
        columns: COLUMNS.to_vec(),
        rows: s.insatser.iter().map(row).collect(),
        total: Some(total(s)),
        when_empty: (0, "Inga insatser är aktiva under perioden.".to_string()),
    };
    let at = sheet.table(HEADER_ROW, 0, &table)?;
    let series =
        [Series { col: BUDGET_COL, color: chart::TARGET }, Series { col: UTFALL_COL, color: chart::ACTUAL }];
    let chart = chart::bars(SHEET, &at, "Budget och utfall per insats", &series, KR_FORMAT);
    sheet.worksheet().insert_chart(HEADER_ROW, at.last_col + 2, &chart)?;
    sheet.finish(&s.titel)
}

fn row(i: &InsatsResultat) -> Row<'_> {
    let b = &i.budget;
    let figures = [Uppgift::Budget, Uppgift::Utfall, Uppgift::UtfallAndel, Uppgift::UtfallSedanStart];
    Row::new(vec![
        Cell::text(&i.kortnamn),
        figure(i, Uppgift::Budget, Cell::kr(b.budget)),
        figure(i, Uppgift::Utfall, Cell::kr(b.utfall)),
        figure(i, Uppgift::UtfallAndel, Cell::andel(b.andel)),
        Cell::Bedomd(&b.prognos),
        figure(i, Uppgift::UtfallSedanStart, Cell::kr(b.utfall_sedan_start)),
        Cell::Kr(b.beviljat_belopp),
        Cell::opt_text(b.kommentar.as_deref()),
        anmarkning(i, &figures, &[(PROGNOS, &b.prognos)]),
    ])
}

/// A figure of insats `i`: `known`, or, when the aggregation could not know
/// it, an empty cell with the reason as its note.
pub(super) fn figure<'a>(i: &InsatsResultat, uppgift: Uppgift, known: Cell<'a>) -> Cell<'a> {
    match i.ej_kand(uppgift) {
        Some(reason) => Cell::EjKand(reason.to_string()),
        None => known,
    }
}

/// The Anmärkning of a row: why each figure of `figures` is not known,
/// then each judged value's reasons and kansliet's (see [`anmarkningar`]).
pub(super) fn anmarkning(
    i: &InsatsResultat,
    figures: &[Uppgift],
    judged: &[(&str, &Bedomd)],
) -> Cell<'static> {
    let unknown: Vec<(&str, Bedomd)> = figures
        .iter()
        .filter_map(|u| Some((u.label(), Bedomd::new("", None).with_anmarkning(i.ej_kand(*u)?))))
        .collect();
    let mut values: Vec<(&str, &Bedomd)> = unknown.iter().map(|(label, b)| (*label, b)).collect();
    values.extend(judged.iter().copied());
    anmarkningar(&values)
}

/// The aggregation's total (a share of the sums, not a sum of shares),
/// over the insatser whose spend is known; the Anmärkning cell says which.
fn total(s: &Sammanstallning) -> Vec<Cell<'static>> {
    let t = &s.totaler.budget;
    vec![
        Cell::Empty,
        Cell::kr(t.budget),
        Cell::kr(t.utfall),
        Cell::andel(t.andel),
        Cell::Empty,
        Cell::kr(t.utfall_sedan_start),
        Cell::kr(t.beviljat_belopp),
        Cell::Empty,
        Cell::text(&t.omfattning.text),
    ]
}
