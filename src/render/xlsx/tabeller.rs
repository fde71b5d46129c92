//! The memo's plain tables, one row per insats in register order:
//! `Insatser` (Tabell 1), `Mål` (Tabell 2), `Förutsättningar` (Tabell 3)
//! and `Kvalitet` (Tabell 5), and `Kommentarer`, the styrgrupp's own words.
//! Each judged cell carries its colour, and the column `Anmärkning` its
//! reasons (no note repeats them); each area's `Kommentar` is the styrgrupp's
//! comment in the report its answers come from.

use super::table::{Cell, Column, HEADER_ROW, Row, Sheet, Table, anmarkningar};
use crate::aggregate::{InsatsResultat, Sammanstallning};
use rust_xlsxwriter::{Worksheet, XlsxError};

pub(super) const INSATSER: &str = "Insatser";
pub(super) const MAL: &str = "Mål";
pub(super) const FORUTSATTNINGAR: &str = "Förutsättningar";
pub(super) const KVALITET: &str = "Kvalitet";
pub(super) const KOMMENTARER: &str = "Kommentarer";

/// The column of an area's comment, beside its statuses.
const KOMMENTAR: Column = Column::prose("Kommentar");

const NO_INSATSER: &str = "Inga insatser är aktiva under perioden.";

/// Writes a sheet holding one table of one row per insats.
fn per_insats<'a>(
    ws: &mut Worksheet,
    s: &'a Sammanstallning,
    (sheet, table, caption): (&'static str, &'static str, &str),
    columns: &[Column],
    row: impl Fn(&'a InsatsResultat) -> Vec<Cell<'a>>,
) -> Result<(), XlsxError> {
    let mut writer = Sheet::new(ws, sheet, &s.titel, caption)?;
    let table = Table {
        name: table,
        columns: columns.to_vec(),
        rows: s.insatser.iter().map(|i| Row::new(row(i))).collect(),
        total: None,
        when_empty: (0, NO_INSATSER.to_string()),
    };
    writer.table(HEADER_ROW, 0, &table)?;
    writer.finish(&s.titel)
}

pub(super) fn insatser(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let columns = [
        Column::new("Id"),
        Column::new("Insats"),
        Column::new("Område"),
        Column::new("Inriktning"),
        Column::new("Start"),
        Column::new("Slut"),
        Column::new("Insatstid"),
        Column::new("Beviljat belopp"),
        Column::new("Kortnamn"),
        Column::new("Karaktär"),
    ];
    let caption = "Tabell 1. Insatser som varit igång under perioden. Slut och beviljat belopp efter beslut.";
    per_insats(ws, s, (INSATSER, "Insatser", caption), &columns, |i| {
        vec![
            Cell::text(&i.id),
            Cell::text(&i.namn),
            Cell::text(&i.omrade),
            Cell::text(i.inriktning.label()),
            Cell::Date(i.start),
            Cell::Date(i.slut),
            Cell::text(&i.insatstid),
            Cell::Kr(i.budget.beviljat_belopp),
            Cell::text(&i.kortnamn),
            Cell::opt_text(i.karaktar.map(|k| k.label())),
        ]
    })
}

pub(super) fn mal(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    use crate::aggregate::rubrik::{I_FAS, PROGNOS};
    let columns = [
        Column::new("Insats"),
        Column::new(I_FAS),
        Column::new(PROGNOS),
        Column::new("Mål uppfyllda"),
        KOMMENTAR,
        Column::prose("Anmärkning"),
    ];
    let caption = "Tabell 2. Nuläge mål.";
    per_insats(ws, s, (MAL, "Mal", caption), &columns, |i| {
        let m = &i.mal;
        vec![
            Cell::text(&i.kortnamn),
            Cell::Bedomd(&m.i_fas),
            Cell::Bedomd(&m.prognos),
            Cell::opt_text(m.uppfyllda.map(|(met, all)| format!("{met} av {all}")).as_deref()),
            Cell::opt_text(m.kommentar.as_deref()),
            anmarkningar(&[(I_FAS, &m.i_fas), (PROGNOS, &m.prognos)]),
        ]
    })
}

pub(super) fn forutsattningar(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    const HEADERS: [&str; 4] = crate::aggregate::rubrik::FORUTSATTNINGAR;
    let mut columns = vec![Column::new("Insats")];
    columns.extend(HEADERS.map(Column::new));
    columns.push(KOMMENTAR);
    columns.push(Column::prose("Anmärkning"));
    let caption = "Tabell 3. Förutsättningar för utfall.";
    per_insats(ws, s, (FORUTSATTNINGAR, "Forutsattningar", caption), &columns, |i| {
        let values = i.forutsattningar.parts();
        let mut cells = vec![Cell::text(&i.kortnamn)];
        cells.extend(values.map(Cell::Bedomd));
        cells.push(Cell::opt_text(i.forutsattningar.kommentar.as_deref()));
        cells.push(anmarkningar(&HEADERS.into_iter().zip(values).collect::<Vec<_>>()));
        cells
    })
}

pub(super) fn kvalitet(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    const HEADERS: [&str; 7] = crate::aggregate::rubrik::KVALITET;
    let mut columns = vec![Column::new("Insats")];
    columns.extend(HEADERS.map(Column::new));
    columns.push(KOMMENTAR);
    columns.push(Column::prose("Anmärkning"));
    let caption = "Tabell 5. Kvalitetssäkring. En * betyder en anmärkning: se kolumnen Anmärkning.";
    per_insats(ws, s, (KVALITET, "Kvalitet", caption), &columns, |i| {
        let values = i.kvalitet.parts();
        let mut cells = vec![Cell::text(&i.kortnamn)];
        cells.extend(values.map(Cell::Bedomd));
        cells.push(Cell::opt_text(i.kvalitet.kommentar.as_deref()));
        cells.push(anmarkningar(&HEADERS.into_iter().zip(values).collect::<Vec<_>>()));
        cells
    })
}

/// How wide `Kommentarer`'s columns of text grow before they wrap: nine
/// columns of sentences at [`Column::prose`]'s width would print far too
/// small one page wide.
const KOMMENTAR_WIDTH: f64 = 30.0;
const ANALYS_WIDTH: f64 = 40.0;
const NAMN_WIDTH: f64 = 24.0;

/// The headers of `Kommentarer`, in order.
pub(super) const KOMMENTARER_COLUMNS: [Column; 9] = [
    Column::prose_within("Insats", NAMN_WIDTH),
    Column::new("Kvartal"),
    Column::prose_within("Rapport", NAMN_WIDTH),
    Column::prose_within("Styrgruppens analys för förbundsstyrelsen", ANALYS_WIDTH),
    Column::prose_within("Kommentar mål", KOMMENTAR_WIDTH),
    Column::prose_within("Kommentarer per mål", KOMMENTAR_WIDTH),
    Column::prose_within("Kommentar förutsättningar", KOMMENTAR_WIDTH),
    Column::prose_within("Kommentar budget", KOMMENTAR_WIDTH),
    Column::prose_within("Kommentar kvalitet", KOMMENTAR_WIDTH),
];

/// `Kommentarer`: per insats, the analysis for the board and every comment
/// of the report that counts, and which report that is.
pub(super) fn kommentarer(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let caption = "Styrgruppernas egna ord i den rapport som gäller för perioden: analysen för \
                   förbundsstyrelsen och kommentarerna.";
    per_insats(ws, s, (KOMMENTARER, "Kommentarer", caption), &KOMMENTARER_COLUMNS, |i| {
        let k = &i.kommentarer;
        let (kvartal, rapport) = match (&k.kalla, &k.saknas) {
            (Some(kalla), _) => (Cell::text(kalla.kvartal.to_string()), Cell::opt_text(kalla.fil.as_deref())),
            (None, saknas) => (Cell::Empty, Cell::opt_text(saknas.as_deref())),
        };
        let per_mal: Vec<String> =
            k.mal.iter().map(|m| format!("Mål {}: {}", m.nummer, m.kommentar)).collect();
        vec![
            Cell::text(&i.kortnamn),
            kvartal,
            rapport,
            Cell::opt_text(k.analys.as_deref()),
            Cell::opt_text(i.mal.kommentar.as_deref()),
            if per_mal.is_empty() { Cell::Empty } else { Cell::text(per_mal.join("\n")) },
            Cell::opt_text(i.forutsattningar.kommentar.as_deref()),
            Cell::opt_text(i.budget.kommentar.as_deref()),
            Cell::opt_text(i.kvalitet.kommentar.as_deref()),
        ]
    })
}
