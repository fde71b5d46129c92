//! `Trend`: every insats of the period quarter by quarter (table `Trend`):
//! each quarter's overall status as text and colour, then spend and budget
//! summed over the quarters shown against the granted amount, and the
//! participants since start against where they should be by now. Beside it
//! the figures the charts draw (table `TrendKvartal`); below it a chart of
//! the whole förbund's spend against budget over time, and one per insats
//! asked for ([`super::Options::diagram`]).
//!
//! Takes the follow-up's [`Historik`]; history only, so nothing here is a
//! figure of the period's own tables. Guarantees: quarters before the first
//! one the inbox holds a report of are not shown, and the caption says so;
//! an id that names no insats of the period gets no chart (the command says
//! so); without quarters to show there is a line saying so, never an empty
//! chart.

use super::chart::{ACTUAL, TARGET};
use super::share;
use super::styles::KR_FORMAT;
use super::table::{Cell, Column, HEADER_ROW, Placement, Row, Sheet, Table};
use crate::aggregate::{Historik, InsatsHistorik, Sammanstallning};
use crate::period::Kvartal;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Chart, ChartFont, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType, ChartMarker,
    ChartMarkerType, ChartSolidFill, ChartType, ColNum, Color, RowNum, Worksheet, XlsxError,
};

pub(super) const SHEET: &str = "Trend";

/// Without quarters there is nothing to draw.
pub(super) const NO_HISTORY: &str =
    "Ingen historik att visa: inga kvartal med rapporter fram till periodens slut, och därför inga diagram.";

/// The columns after the quarters.
const FIGURES: [Column; 7] = [
    Column::new("Utfall hittills"),
    Column::new("Budget hittills"),
    Column::new("Utfall i procent av budget"),
    Column::new("Beviljat belopp"),
    Column::new("Andel av beviljat"),
    Column::new("Deltagare sedan start"),
    Column::new("Förväntat hittills"),
];

/// The figures the charts draw, one row per quarter: first the whole
/// förbund's, then each charted insats's.
const SERIES: [Column; 5] = [
    Column::new("Insats"),
    Column::new("Kvartal"),
    Column::new("Budget hittills"),
    Column::new("Utfall hittills"),
    Column::new("Beviljat belopp"),
];
const KVARTAL_COL: ColNum = 1;
const BUDGET_COL: ColNum = 2;
const UTFALL_COL: ColNum = 3;
const BEVILJAT_COL: ColNum = 4;
const FORBUNDET: &str = "Hela förbundet";

/// The granted amount is a ceiling, drawn dashed in a colour of its own.
const CEILING: u32 = 0xC00000;
/// The charts stand two by two below the table, in pixels.
const CHART_WIDTH: u32 = 480;
const CHART_HEIGHT: u32 = 260;
const CHART_GAP: u32 = 20;
/// Rows a pair of charts takes, with a blank row under it: rows below the
/// table are 20 pixels high (24 beside the rows of `TrendKvartal`, which
/// only spreads the pairs a little).
const PAIR_ROWS: RowNum = CHART_HEIGHT / 20 + 1;
/// Pairs on a printed page: two pairs fit an A4 page in landscape even
/// unscaled, and a page break before every second pair keeps a chart from
/// being cut in two.
const PAIRS_PER_PAGE: RowNum = 2;
/// Excel takes at most 1 023 manual page breaks.
const MAX_PAGE_BREAKS: usize = 1023;

pub(super) fn write(ws: &mut Worksheet, s: &Sammanstallning, diagram: &[String]) -> Result<(), XlsxError> {
    let h = &s.historik;
    let mut sheet = Sheet::new(ws, SHEET, &s.titel, &caption(h))?;
    let at = sheet.table(HEADER_ROW, 0, &trend_table(h))?;
    if h.kvartal.is_empty() {
        sheet.line(at.next_row + 1, 0, NO_HISTORY)?;
        return sheet.finish(&s.titel);
    }
    // What the total row and the förbund's chart are over.
    sheet.below(&at, &h.totalt.omfattning.text)?;
    let charted = charted(h, diagram);
    let series_col = at.last_col + 2;
    sheet.line(
        HEADER_ROW - 1,
        series_col,
        "Underlag för diagrammen: budget och utfall hittills per kvartal.",
    )?;
    let series = sheet.table(HEADER_ROW, series_col, &series_table(h, &charted))?;
    let quarters = RowNum::try_from(h.kvartal.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    let forbund = line_chart("Hela förbundet: utfall mot budget hittills", &series, 0, quarters, false);
    let mut charts = vec![forbund];
    for (block, insats) in (1..).zip(&charted) {
        // The title starts with our words, so a short name can never make it a formula.
        let title = format!("Utfall mot budget: {}", insats.kortnamn);
        charts.push(line_chart(&title, &series, block * quarters, quarters, true));
    }
    place_charts(sheet.worksheet(), at.next_row + 2, &charts)?;
    sheet.finish(&s.titel)
}

/// The charts two by two from `row` down, the first pair on a new printed page.
fn place_charts(ws: &mut Worksheet, row: RowNum, charts: &[Chart]) -> Result<(), XlsxError> {
    let mut breaks = Vec::new();
    for (pair, two) in (0..).zip(charts.chunks(2)) {
        let at = row + pair * PAIR_ROWS;
        if pair.is_multiple_of(PAIRS_PER_PAGE) && breaks.len() < MAX_PAGE_BREAKS {
            breaks.push(at);
        }
        for (x, chart) in [0, CHART_WIDTH + CHART_GAP].into_iter().zip(two) {
            // A few pixels down, so no edge of a chart is printed above its page break.
            ws.insert_chart_with_offset(at, 0, chart, x, 6)?;
        }
    }
    ws.set_page_breaks(&breaks)?;
    Ok(())
}

fn caption(h: &Historik) -> String {
    match h.kvartal.first() {
        Some(first) => format!(
            "Helheten kvartal för kvartal som en kvartalskörning skulle bedöma den, och utfall, budget och \
             deltagare hittills. Utfall och budget räknas från {first}: kvartal före den första rapporten i \
             inkorgen visas inte, och en tom ruta före periodens början betyder att arkivet inte har någon \
             tidigare rapport från insatsen. Håll muspekaren över en markerad cell för anmärkningen."
        ),
        None => "Helheten kvartal för kvartal, och utfall, budget och deltagare hittills.".to_string(),
    }
}

/// The insats of the period with `id` (spaces around it ignored).
pub(super) fn insats_of<'h>(h: &'h Historik, id: &str) -> Option<&'h InsatsHistorik> {
    h.insatser.iter().find(|i| i.id == id.trim())
}

/// The insatser asked for by id, in the order asked, each once; an id that
/// names no insats of the period is left out.
fn charted<'h>(h: &'h Historik, diagram: &[String]) -> Vec<&'h InsatsHistorik> {
    let mut charted: Vec<&InsatsHistorik> = Vec::new();
    for insats in diagram.iter().filter_map(|id| insats_of(h, id)) {
        if !charted.iter().any(|c| c.id == insats.id) {
            charted.push(insats);
        }
    }
    charted
}

fn trend_table(h: &Historik) -> Table<'_> {
    let mut columns = vec![Column::new("Insats")];
    columns.extend(h.kvartal.iter().map(|q| Column::named(q.to_string())));
    columns.extend(FIGURES);
    Table {
        name: "Trend",
        columns,
        rows: h.insatser.iter().map(|i| row(&h.kvartal, i)).collect(),
        total: Some(total(h)),
        when_empty: (0, "Inga insatser är aktiva under perioden.".to_string()),
    }
}

fn row<'a>(kvartal: &[Kvartal], i: &'a InsatsHistorik) -> Row<'a> {
    let mut cells = vec![Cell::text(&i.kortnamn)];
    cells.extend(kvartal.iter().map(|q| {
        let lage = i.kvartal.iter().find(|l| l.kvartal == *q);
        lage.and_then(|l| l.status.as_ref()).map_or(Cell::Empty, Cell::Bedomd)
    }));
    let hittills = i.hittills();
    // Spend with a quarter missing is too low to set against the budget:
    // not shown, and the note says why.
    let unknown = || {
        Cell::EjKand(format!(
            "Utfallet är inte känt för {} av kvartalen som visas (rapport saknas, eller utfallet saknas eller \
             underkändes), så summan hittills skulle bli för låg.",
            hittills.utan_utfall
        ))
    };
    let spent = hittills.kant_utfall();
    let budget_unknown = || {
        Cell::EjKand(format!(
            "Budgeten är inte känd för {} av kvartalen som visas: en rad för insatsen på registrets blad Budget \
             har fel.",
            hittills.utan_budget
        ))
    };
    let budget = hittills.kant_budget();
    cells.extend([
        spent.map_or_else(unknown, Cell::Kr),
        budget.map_or_else(budget_unknown, Cell::Kr),
        match (spent, budget) {
            (None, _) => unknown(),
            (Some(_), None) => budget_unknown(),
            (Some(u), Some(b)) => Cell::andel(share(u, b)),
        },
        Cell::Kr(i.beviljat_belopp),
        spent.map_or_else(unknown, |u| Cell::andel(share(u, i.beviljat_belopp))),
        Cell::count(i.deltagare_hittills),
        Cell::count(i.forvantat_hittills),
    ]);
    Row::new(cells)
}

/// The aggregation's total, over the insatser whose spend is known for
/// every quarter shown; the shares are of the sums. The scope is written
/// under the table.
fn total(h: &Historik) -> Vec<Cell<'static>> {
    let t = &h.totalt;
    let mut cells = vec![Cell::Empty; 1 + h.kvartal.len()];
    cells.extend([
        Cell::Kr(t.utfall),
        Cell::Kr(t.budget),
        Cell::andel(share(t.utfall, t.budget)),
        Cell::Kr(t.beviljat_belopp),
        Cell::andel(share(t.utfall, t.beviljat_belopp)),
        Cell::count(t.deltagare_hittills),
        Cell::count(t.forvantat_hittills),
    ]);
    cells
}

/// Table `TrendKvartal`: one block of a row per quarter for the förbund,
/// then one block per charted insats, in the order the charts come.
fn series_table<'a>(h: &'a Historik, charted: &[&'a InsatsHistorik]) -> Table<'a> {
    let beviljat = h.totalt.beviljat_belopp;
    let mut rows: Vec<Row> = h
        .kvartal
        .iter()
        .zip(&h.forbund)
        .map(|(q, k)| series_row(FORBUNDET, *q, k.kant_budget(), k.utfall, beviljat))
        .collect();
    for insats in charted {
        rows.extend(h.kvartal.iter().map(|q| {
            let hittills =
                insats.kvartal.iter().find(|l| l.kvartal == *q).map(|l| l.hittills).unwrap_or_default();
            series_row(&insats.kortnamn, *q, hittills.kant_budget(), hittills.utfall, insats.beviljat_belopp)
        }));
    }
    Table {
        name: "TrendKvartal",
        columns: SERIES.to_vec(),
        rows,
        total: None,
        when_empty: (0, String::new()),
    }
}

fn series_row<'a>(
    insats: &str,
    q: Kvartal,
    budget: Option<Decimal>,
    utfall: Decimal,
    beviljat: Decimal,
) -> Row<'a> {
    Row::new(vec![
        Cell::text(insats),
        Cell::text(q.to_string()),
        Cell::kr(budget),
        Cell::Kr(utfall),
        Cell::Kr(beviljat),
    ])
}

/// Cumulative budget (grey) and spend (blue) over the `rows` quarters of
/// `TrendKvartal` from data row `from`; with `ceiling` the granted amount as
/// a dashed flat line.
fn line_chart(title: &str, at: &Placement, from: RowNum, rows: RowNum, ceiling: bool) -> Chart {
    let first = at.first_row + from;
    let last = first + rows.saturating_sub(1);
    let mut chart = Chart::new(ChartType::Line);
    let mut lines = vec![(BUDGET_COL, TARGET, false), (UTFALL_COL, ACTUAL, false)];
    if ceiling {
        lines.push((BEVILJAT_COL, CEILING, true));
    }
    for (col, color, dashed) in lines {
        let col = at.first_col + col;
        let mut line = ChartLine::new();
        line.set_color(Color::RGB(color)).set_width(2.25);
        let mut marker = ChartMarker::new();
        if dashed {
            line.set_dash_type(ChartLineDashType::Dash);
            marker.set_none();
        } else {
            let fill = ChartSolidFill::new().set_color(Color::RGB(color)).clone();
            marker
                .set_type(ChartMarkerType::Circle)
                .set_size(6)
                .set_format(ChartFormat::new().set_solid_fill(&fill).set_line(&line));
        }
        chart
            .add_series()
            .set_name((SHEET, at.header_row, col))
            .set_categories((SHEET, first, at.first_col + KVARTAL_COL, last, at.first_col + KVARTAL_COL))
            .set_values((SHEET, first, col, last, col))
            .set_format(ChartFormat::new().set_line(&line))
            .set_marker(&marker);
    }
    chart.title().set_name(title).set_font(ChartFont::new().set_size(11).set_bold());
    chart.y_axis().set_num_format(KR_FORMAT).set_min(0);
    chart.legend().set_position(ChartLegendPosition::Top);
    chart.set_width(CHART_WIDTH).set_height(CHART_HEIGHT);
    chart
}
