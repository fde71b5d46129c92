//! `Deltagare` (memo Tabell 6 and 7): the individual insatser's
//! participants against the number expected, with a total row and a
//! chart; and `Avslut`: the finished participants by reason and gender,
//! and the shares that went to work or studies against the goal.

use super::budget::{anmarkning, figure};
use super::chart::{self, Series};
use super::table::{Cell, Column, HEADER_ROW, Row, Sheet, Table};
use crate::aggregate::{AvslutRad, DeltagareResultat, InsatsResultat, Sammanstallning, Uppgift};
use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, Worksheet, XlsxError};

pub(super) const DELTAGARE: &str = "Deltagare";
pub(super) const AVSLUT: &str = "Avslut";

const TAKT: &str = crate::aggregate::rubrik::TAKT;
const COLUMNS: [Column; 11] = [
    Column::new("Insats"),
    Column::new("Karaktär"),
    Column::new("Pågående"),
    Column::new("Avslutade"),
    Column::new("Totalt"),
    Column::new("Förväntat antal"),
    Column::new("Andel av förväntat"),
    Column::new("Budget per år"),
    Column::new(TAKT),
    Column::new("Anonymt registrerade"),
    Column::prose("Anmärkning"),
];
const TOTALT_COL: ColNum = 4;
const FORVANTAT_COL: ColNum = 5;

pub(super) fn deltagare(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let caption = "Tabell 6 och 7. Insatser med individinriktning: deltagare sedan start mot förväntat antal \
                   enligt ansökan för hela insatstiden.";
    let mut sheet = Sheet::new(ws, DELTAGARE, &s.titel, caption)?;
    let individuella: Vec<(&InsatsResultat, &DeltagareResultat)> =
        s.insatser.iter().filter_map(|i| Some((i, i.deltagare.as_ref()?))).collect();
    let table = Table {
        name: "Deltagare",
        columns: COLUMNS.to_vec(),
        rows: individuella.iter().map(|(i, d)| row(i, d)).collect(),
        total: Some(total(s)),
        when_empty: (0, "Inga individinriktade insatser är aktiva under perioden.".to_string()),
    };
    let at = sheet.table(HEADER_ROW, 0, &table)?;
    let anonyma = individuella.iter().filter_map(|(_, d)| d.anonyma).fold(0u32, u32::saturating_add);
    if anonyma > 0 {
        let text = format!(
            "Antalen är individer registrerade med personuppgifter i uppföljningssystemet. Utöver dessa finns \
             {anonyma} individer som registrerats anonymt."
        );
        sheet.line(at.next_row + 1, 0, &text)?;
    }
    let series = [
        Series { col: FORVANTAT_COL, color: chart::TARGET },
        Series { col: TOTALT_COL, color: chart::ACTUAL },
    ];
    let chart = chart::bars(DELTAGARE, &at, "Deltagare mot förväntat antal", &series, "0");
    sheet.worksheet().insert_chart(HEADER_ROW, at.last_col + 2, &chart)?;
    sheet.finish(&s.titel)
}

fn row<'a>(i: &'a InsatsResultat, d: &'a DeltagareResultat) -> Row<'a> {
    let figures =
        [Uppgift::Pagaende, Uppgift::Avslutade, Uppgift::Totalt, Uppgift::AndelAvForvantat, Uppgift::Anonyma];
    Row::new(vec![
        Cell::text(&i.kortnamn),
        Cell::opt_text(i.karaktar.map(|k| k.label())),
        figure(i, Uppgift::Pagaende, Cell::count(d.pagaende)),
        figure(i, Uppgift::Avslutade, Cell::count(d.avslutade)),
        figure(i, Uppgift::Totalt, Cell::count(d.totalt)),
        Cell::count(d.forvantat),
        figure(i, Uppgift::AndelAvForvantat, Cell::andel(d.andel_av_forvantat)),
        Cell::kr(d.budget_per_ar),
        Cell::Bedomd(&d.takt),
        figure(i, Uppgift::Anonyma, Cell::count(d.anonyma)),
        anmarkning(i, &figures, &[(TAKT, &d.takt)]),
    ])
}

/// The aggregation's total, over the individual insatser whose counts are
/// all known; the Anmärkning cell says which.
fn total(s: &Sammanstallning) -> Vec<Cell<'static>> {
    let t = &s.totaler.deltagare;
    vec![
        Cell::Empty,
        Cell::Empty,
        Cell::count(t.pagaende),
        Cell::count(t.avslutade),
        Cell::count(t.totalt),
        Cell::count(t.forvantat),
        Cell::andel(t.andel_av_forvantat),
        Cell::kr(t.budget_per_ar),
        Cell::Empty,
        Cell::count(t.anonyma),
        Cell::text(&t.omfattning.text),
    ]
}

/// The shares table beside `Avslut` starts one empty column to its right.
const SHARES_COL: ColNum = 5;

pub(super) fn avslut(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let caption = "Avslutade deltagare under perioden efter avslutsanledning och kön.";
    let mut sheet = Sheet::new(ws, AVSLUT, &s.titel, caption)?;
    let a = &s.avslut;
    let mut rows: Vec<Row> = a.anledningar.iter().map(|r| Row::new(counts(&r.anledning, r))).collect();
    rows.push(Row::bold(counts("Till arbete eller studier", &a.till_arbete_eller_studier)));
    rows.push(Row::bold(counts("Avslutade totalt", &a.avslutade_totalt)));
    let table = Table {
        name: "Avslut",
        columns: ["Avslutsanledning", "Kvinnor", "Män", "Totalt"].map(Column::new).to_vec(),
        rows,
        total: None,
        when_empty: (0, String::new()),
    };
    let at = sheet.table(HEADER_ROW, 0, &table)?;
    sheet.table(HEADER_ROW, SHARES_COL, &shares(s))?;
    // Which insatser the counts are over, then the memo's sentence.
    sheet.below(&at, &a.omfattning.text)?;
    sheet.line(at.next_row + 2, 0, &summary(s))?;
    sheet.finish(&s.titel)
}

fn counts<'a>(label: &str, r: &AvslutRad) -> Vec<Cell<'a>> {
    vec![Cell::text(label), Cell::Count(r.kvinnor), Cell::Count(r.man), Cell::Count(r.totalt)]
}

/// Table `AvslutAndelar`: the share to work or studies, in total and per
/// gender, against the goal.
fn shares(s: &Sammanstallning) -> Table<'static> {
    let a = &s.avslut;
    let (arbete, alla) = (&a.till_arbete_eller_studier, &a.avslutade_totalt);
    let row = |grupp: &str, till: u32, av: u32, andel: Option<Decimal>| {
        Row::new(vec![
            Cell::text(grupp),
            Cell::Count(till),
            Cell::Count(av),
            Cell::andel(andel),
            Cell::Andel(a.mal),
        ])
    };
    Table {
        name: "AvslutAndelar",
        columns: ["Grupp", "Till arbete eller studier", "Avslutade", "Andel", "Mål"]
            .map(Column::new)
            .to_vec(),
        rows: vec![
            row("Totalt", arbete.totalt, alla.totalt, a.andel_totalt),
            row("Kvinnor", arbete.kvinnor, alla.kvinnor, a.andel_kvinnor),
            row("Män", arbete.man, alla.man, a.andel_man),
        ],
        total: None,
        when_empty: (0, String::new()),
    }
}

/// The memo's sentence: "31 av 56 avslutade (55 %) gick till arbete eller studier".
fn summary(s: &Sammanstallning) -> String {
    let a = &s.avslut;
    let percent = |share: Decimal| share.saturating_mul(Decimal::ONE_HUNDRED).round();
    let goal = format!("Målet är {} %.", percent(a.mal));
    match a.andel_totalt {
        Some(andel) => format!(
            "{} av {} avslutade deltagare ({} %) gick till arbete, studier eller eget företag. {goal}",
            a.till_arbete_eller_studier.totalt,
            a.avslutade_totalt.totalt,
            percent(andel)
        ),
        None => format!("Ingen deltagare avslutades under perioden. {goal}"),
    }
}
