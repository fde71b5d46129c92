//! The sheets about the run itself: `Kontroll` (every finding, Fel
//! first), `Källor` (every file seen in the inbox and what became of it)
//! and `Ändringar` (what changed since the previous run of the period).
//! They are kansliet's working sheets, after the board's
//! ([`Sheet::for_kansliet`]).

use super::Andring;
use super::InsatsNamn;
use super::table::{Cell, Column, HEADER_ROW, Row, Sheet, Table};
use crate::aggregate::{KallStatus, Sammanstallning};
use crate::changes::{FIRST_RUN, NO_CHANGES};
use crate::finding::{Finding, Severity};
use crate::register::Status;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub(super) const KONTROLL: &str = "Kontroll";
pub(super) const KALLOR: &str = "Källor";
pub(super) const ANDRINGAR: &str = "Ändringar";

/// A SHA-256 in hex is 64 characters without a space: its column must
/// hold it on one line.
const HASH_WIDTH: f64 = 70.0;

pub(super) fn kontroll(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let caption = "Allt verktyget hittade i rapporterna och registret, Fel först. \
                   Skicka varje styrgrupp raderna för dess fil.";
    let mut sheet = Sheet::for_kansliet(ws, KONTROLL, &s.titel, caption)?;
    let mut columns =
        ["Allvarlighet", "Kod", "Insats", "Fil", "Blad", "Cell", "Fält"].map(Column::new).to_vec();
    columns.push(Column::prose("Meddelande"));
    let table = Table {
        name: "Kontroll",
        columns,
        rows: {
            let namn = InsatsNamn::of(s);
            s.fynd.iter().map(|f| finding(&namn, f)).collect()
        },
        total: None,
        when_empty: (7, "Inga fynd: rapporterna och registret gick igenom kontrollen.".to_string()),
    };
    sheet.table(HEADER_ROW, 0, &table)?;
    sheet.finish(&s.titel)
}

fn finding<'a>(namn: &InsatsNamn, f: &'a Finding) -> Row<'a> {
    let status = match f.severity {
        Severity::Fel => Some(Status::Rod),
        Severity::Varning => Some(Status::Gul),
        Severity::Info => None,
    };
    Row::new(vec![
        Cell::Colored(f.severity.label().to_string(), status),
        Cell::text(f.code.as_str()),
        Cell::opt_text(f.insats_id.as_deref().map(|id| namn.of_id(id)).as_deref()),
        Cell::text(&f.file),
        Cell::opt_text(f.sheet.as_deref()),
        Cell::opt_text(f.cell.as_deref()),
        Cell::opt_text(f.field.as_deref()),
        Cell::text(&f.message),
    ])
}

pub(super) fn kallor(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let caption = "Varje fil i inkorgen och vad som blev av den. SHA-256 visar exakt vilken version av filen som lästes.";
    let mut sheet = Sheet::for_kansliet(ws, KALLOR, &s.titel, caption)?;
    let columns = vec![
        Column::new("Fil"),
        Column::new("Insats"),
        Column::new("Kvartal"),
        Column::new("Mallversion"),
        Column::new("Ändrad"),
        Column::wide("SHA-256", HASH_WIDTH),
        Column::new("Status"),
        Column::prose("Kommentar"),
    ];
    let namn = InsatsNamn::of(s);
    let rows = s
        .kallor
        .iter()
        .map(|k| {
            // A file that could not be used needs someone to look at it.
            let status = matches!(k.status, KallStatus::Fel | KallStatus::Olaslig | KallStatus::ITvivel)
                .then_some(Status::Rod);
            Row::new(vec![
                Cell::text(&k.fil),
                Cell::opt_text(k.insats_id.as_deref().map(|id| namn.of_id(id)).as_deref()),
                Cell::opt_text(k.kvartal.map(|q| q.to_string()).as_deref()),
                Cell::opt_text(k.mallversion.as_deref()),
                k.andrad.map_or(Cell::Empty, Cell::Date),
                Cell::Code(k.sha256.clone()),
                Cell::Colored(k.status.label().to_string(), status),
                Cell::opt_text(k.kommentar.as_deref()),
            ])
        })
        .collect();
    let table = Table {
        name: "Kallor",
        columns,
        rows,
        total: None,
        when_empty: (0, "Inga filer hittades i inkorgen.".to_string()),
    };
    sheet.table(HEADER_ROW, 0, &table)?;
    sheet.finish(&s.titel)
}

pub(super) fn andringar(
    ws: &mut Worksheet,
    s: &Sammanstallning,
    changes: Option<&[Andring]>,
) -> Result<(), XlsxError> {
    let caption = "Vad som ändrats sedan förra körningen för samma period: rapporter, statusar och fynd.";
    let mut sheet = Sheet::for_kansliet(ws, ANDRINGAR, &s.titel, caption)?;
    let rows = changes
        .unwrap_or_default()
        .iter()
        .map(|c| {
            Row::new(vec![
                Cell::text(&c.vad),
                Cell::text(&c.insats),
                Cell::text(&c.fore),
                Cell::text(&c.efter),
            ])
        })
        .collect();
    let table = Table {
        name: "Andringar",
        columns: ["Vad", "Insats", "Före", "Efter"].map(Column::new).to_vec(),
        rows,
        total: None,
        when_empty: (0, if changes.is_some() { NO_CHANGES } else { FIRST_RUN }.to_string()),
    };
    sheet.table(HEADER_ROW, 0, &table)?;
    sheet.finish(&s.titel)
}
