//! The raw data, for kansliet's own filtering and pivots in Excel or Power
//! Query: `Rapportdata` (named table `Rapportdata`: one row per report
//! read, one column per field of the contract) and `Rapportmål` (named
//! table `Rapportmal`: one row per goal of each of those reports), after
//! the board's sheets and the run's.
//!
//! Takes the follow-up's [`Rapportrad`]s; writes the two sheets.
//! Guarantees: the headers are the contract's Swedish labels, unique as an
//! Excel table needs; the row above each table holds every column's name in
//! the JSON (the contract's defined names), since a named table has one
//! header row; typed cells: counts as numbers, amounts as numbers in the kr
//! format, dates as Excel dates, text always as text (never a formula,
//! whatever it starts with); a value left empty or rejected by a Fel is an
//! empty cell, the rejected ones named in `Avvisade fält`. A data sheet:
//! rows one line high (no wrapping, no notes), so ten thousand reports
//! stay a sheet one can scroll and filter.

use super::styles;
use super::table::{HEADER_ROW, fit, streamed_head};
use crate::aggregate::rapportdata::namn;
use crate::aggregate::{Rapportrad, Sammanstallning};
use crate::contract::{FIELDS, Field, FieldType, Svar};
use crate::report::Varde;
use crate::xlsx_style::{DATE_FORMAT, KR_FORMAT};
use chrono::Datelike;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    ColNum, ExcelDateTime, Format, IgnoreError, RowNum, Table, TableColumn, TableStyle, Worksheet, XlsxError,
};
use std::borrow::Cow;

pub(super) const RAPPORTDATA: &str = "Rapportdata";
pub(super) const RAPPORTMAL: &str = "Rapportmål";

/// The leading columns of `Rapportdata`: (header, name in the JSON, width).
const LEDANDE: [(&str, &str, f64); 8] = [
    ("Fil", namn::FIL, 45.0),
    ("Id", namn::ID, 10.0),
    ("Kortnamn", namn::KORTNAMN, 20.0),
    ("Rapportkvartal", namn::KVARTAL, 10.0),
    ("Räknas", namn::RAKNEAS, 9.0),
    ("Status", namn::STATUS, 12.0),
    ("Kommentar", namn::KOMMENTAR, 30.0),
    ("Avvisade fält", namn::AVVISADE, 24.0),
];

/// The columns of `Rapportmål`: (header, name in the JSON, width).
const MALKOLUMNER: [(&str, &str, f64); 9] = [
    ("Fil", namn::FIL, 45.0),
    ("Id", namn::ID, 10.0),
    ("Kortnamn", namn::KORTNAMN, 20.0),
    ("Rapportkvartal", namn::KVARTAL, 10.0),
    ("Räknas", namn::RAKNEAS, 9.0),
    ("Nr", namn::NUMMER, 6.0),
    ("Mål", namn::MAL, 50.0),
    ("Målstatus", namn::MALSTATUS, 16.0),
    ("Kommentar", namn::KOMMENTAR, 50.0),
];

/// The widest a field's column is made for its header: a longer label
/// wraps over more lines of the header row.
const HEADER_MAX_WIDTH: f64 = 22.0;
/// Excel refuses longer strings; report text is cut well below.
const MAX_TEXT: usize = 32_000;
/// The header row of a field grows to at most this many lines.
const MAX_HEADER_LINES: usize = 5;

/// One column of a data table.
struct Kolumn {
    rubrik: Cow<'static, str>,
    namn: &'static str,
    bredd: f64,
}

/// `Rapportdata`'s columns: the leading ones, then every field of the contract in its order.
fn kolumner() -> Vec<Kolumn> {
    let leading = LEDANDE.iter().map(|(rubrik, namn, bredd)| Kolumn {
        rubrik: Cow::Borrowed(*rubrik),
        namn,
        bredd: *bredd,
    });
    leading
        .chain(FIELDS.iter().map(|field| Kolumn {
            rubrik: Cow::Owned(rubrik(field)),
            namn: field.name,
            bredd: bredd(field),
        }))
        .collect()
}

/// A field's header: its Swedish label (with the half of a pair); the
/// goal block's column holds the number of goals, which `Rapportmål` lists.
fn rubrik(field: &Field) -> String {
    match field.ty {
        FieldType::GoalBlock => format!("{} (antal)", field.label),
        _ => field.display_label(),
    }
}

fn bredd(field: &Field) -> f64 {
    let by_type: f64 = match field.ty {
        FieldType::Text if field.name == "analys" => 50.0,
        FieldType::Text => 30.0,
        FieldType::Kr => 15.0,
        FieldType::Date => 12.0,
        FieldType::Choice(_) => 16.0,
        FieldType::Int | FieldType::GoalBlock => 10.0,
    };
    by_type.max(styles::header_width(&rubrik(field)).min(HEADER_MAX_WIDTH))
}

/// The formats of the typed cells, made once per sheet.
struct Formats {
    kr: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            kr: Format::new().set_num_format(KR_FORMAT),
            date: Format::new().set_num_format(DATE_FORMAT),
        }
    }
}

pub(super) fn rapportdata(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let caption = "Varje rapport som lästes, ett fält per kolumn, och om den räknas för perioden. \
                   Raden ovanför tabellen ger fältens namn i mallkontraktet och i JSON-filen.";
    let columns = kolumner();
    streamed_head(ws, RAPPORTDATA, &s.titel, caption)?;
    let last_row =
        begin(ws, RAPPORTDATA, &columns, s.rapportdata.len(), "Inga rapporter lästes i inkorgen.")?;
    let formats = Formats::new();
    for (row, rad) in (HEADER_ROW + 1..).zip(&s.rapportdata) {
        write_report(ws, row, rad, &formats)?;
    }
    end(ws, &columns, last_row)
}

pub(super) fn rapportmal(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let caption = "Målen i varje rapport som lästes, ett mål per rad. Raden ovanför tabellen ger \
                   kolumnernas namn i JSON-filen.";
    let columns: Vec<Kolumn> = MALKOLUMNER
        .iter()
        .map(|(rubrik, namn, bredd)| Kolumn { rubrik: Cow::Borrowed(*rubrik), namn, bredd: *bredd })
        .collect();
    let goals: Vec<(&Rapportrad, u32, &crate::report::Malrad)> =
        s.rapportdata.iter().flat_map(|r| r.mal().map(move |(nummer, mal)| (r, nummer, mal))).collect();
    streamed_head(ws, RAPPORTMAL, &s.titel, caption)?;
    let last_row = begin(ws, "Rapportmal", &columns, goals.len(), "Ingen rapport som lästes har några mål.")?;
    for (row, (rad, nummer, mal)) in (HEADER_ROW + 1..).zip(goals) {
        leading(ws, row, rad)?;
        ws.write_number(row, 5, f64::from(nummer))?;
        text(ws, row, 6, Some(&mal.mal))?;
        text(ws, row, 7, mal.status.map(|s| s.label()))?;
        text(ws, row, 8, mal.kommentar.as_deref())?;
    }
    end(ws, &columns, last_row)
}

/// The names row, the table and its header; gives the table's last row.
/// An Excel table needs a data row: without rows, one says so.
fn begin(
    ws: &mut Worksheet,
    name: &'static str,
    columns: &[Kolumn],
    rows: usize,
    when_empty: &str,
) -> Result<RowNum, XlsxError> {
    let last_col =
        ColNum::try_from(columns.len().saturating_sub(1)).map_err(|_| XlsxError::RowColumnLimitError)?;
    let shown = RowNum::try_from(rows.max(1)).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_row = HEADER_ROW.checked_add(shown).ok_or(XlsxError::RowColumnLimitError)?;
    let table_columns: Vec<TableColumn> = columns
        .iter()
        .map(|c| TableColumn::new().set_header(c.rubrik.as_ref()).set_header_format(styles::header()))
        .collect();
    let table = Table::new().set_name(name).set_style(TableStyle::Light9).set_columns(&table_columns);
    // Row by row, as the sheet's low-memory mode needs: the names above
    // the table are written before the table's header row.
    for (col, column) in (0..).zip(columns) {
        ws.write_string_with_format(HEADER_ROW - 1, col, column.namn, &styles::caption())?;
    }
    ws.add_table(HEADER_ROW, 0, last_row, last_col, &table)?;
    let mut lines = 1;
    for (col, column) in (0..).zip(columns) {
        ws.write_string_with_format(HEADER_ROW, col, column.rubrik.as_ref(), &styles::header())?;
        // A short header stays on one or two lines however narrow its values.
        let bredd = column.bredd.max(styles::header_width(&column.rubrik).min(HEADER_MAX_WIDTH));
        ws.set_column_width(col, bredd)?;
        lines = lines.max(styles::lines(&column.rubrik, bredd, true));
    }
    ws.set_row_height(HEADER_ROW, styles::row_height(lines.min(MAX_HEADER_LINES)))?;
    if rows == 0 {
        ws.write_string(HEADER_ROW + 1, 0, when_empty)?;
    }
    Ok(last_row)
}

/// What every data table ends with: ids and versions such as "1" are text
/// on purpose; the file name stays in view beside the header; the sheet
/// prints at full size over as many pages as it needs rather than one
/// page wide.
fn end(ws: &mut Worksheet, columns: &[Kolumn], last_row: RowNum) -> Result<(), XlsxError> {
    let last_col =
        ColNum::try_from(columns.len().saturating_sub(1)).map_err(|_| XlsxError::RowColumnLimitError)?;
    ws.ignore_error_range(HEADER_ROW + 1, 0, last_row, last_col, IgnoreError::NumberStoredAsText)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
    ws.set_print_scale(100);
    Ok(())
}

/// The columns every row of both tables starts with.
fn leading(ws: &mut Worksheet, row: RowNum, rad: &Rapportrad) -> Result<(), XlsxError> {
    text(ws, row, 0, Some(&rad.fil))?;
    text(ws, row, 1, rad.insats_id.as_deref())?;
    text(ws, row, 2, rad.kortnamn.as_deref())?;
    text(ws, row, 3, rad.kvartal.map(|q| q.to_string()).as_deref())?;
    text(ws, row, 4, Some(if rad.rakneas() { Svar::Ja.label() } else { Svar::Nej.label() }))
}

fn write_report(
    ws: &mut Worksheet,
    row: RowNum,
    rad: &Rapportrad,
    formats: &Formats,
) -> Result<(), XlsxError> {
    leading(ws, row, rad)?;
    text(ws, row, 5, Some(rad.status.label()))?;
    text(ws, row, 6, rad.kommentar.as_deref())?;
    let avvisade: Vec<String> =
        FIELDS.iter().filter(|f| rad.avvisade.contains(&f.name)).map(|f| f.display_label()).collect();
    text(ws, row, 7, (!avvisade.is_empty()).then(|| avvisade.join("; ")).as_deref())?;
    let first = ColNum::try_from(LEDANDE.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    for (col, field) in (first..).zip(FIELDS) {
        match rad.varde(field) {
            None => {}
            Some(Varde::Text(value) | Varde::Choice(value)) => text(ws, row, col, Some(value))?,
            Some(Varde::Int(n)) => {
                ws.write_number(row, col, f64::from(n))?;
            }
            Some(Varde::Goals(goals)) => {
                ws.write_number(row, col, goals.len() as f64)?;
            }
            Some(Varde::Kr(amount)) => match amount.to_f64() {
                Some(number) => {
                    ws.write_number_with_format(row, col, number, &formats.kr)?;
                }
                None => text(ws, row, col, Some(&amount.to_string()))?,
            },
            Some(Varde::Date(date)) => match excel_date(date) {
                Some(date) => {
                    ws.write_datetime_with_format(row, col, &date, &formats.date)?;
                }
                None => text(ws, row, col, Some(&date.to_string()))?,
            },
        }
    }
    Ok(())
}

/// Text as text, never a formula or a link, whatever it starts with.
fn text(ws: &mut Worksheet, row: RowNum, col: ColNum, value: Option<&str>) -> Result<(), XlsxError> {
    if let Some(value) = value {
        ws.write_string(row, col, fit(value, MAX_TEXT))?;
    }
    Ok(())
}

/// A date Excel can hold (1900–9999), else `None` (written as text).
fn excel_date(date: chrono::NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(date.year()).ok()?;
    ExcelDateTime::from_ymd(year, u8::try_from(date.month()).ok()?, u8::try_from(date.day()).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_header_is_unique_as_an_excel_table_needs() {
        // Excel compares a table's headers without letter case.
        let mut seen = BTreeSet::new();
        for column in kolumner() {
            assert!(seen.insert(column.rubrik.to_lowercase()), "{} twice", column.rubrik);
        }
        let mut names = BTreeSet::new();
        assert!(kolumner().iter().all(|c| names.insert(c.namn)), "a name twice");
        assert_eq!(kolumner().len(), LEDANDE.len() + FIELDS.len());
    }

    #[test]
    fn the_goal_blocks_column_says_it_holds_a_count() {
        let block = crate::contract::field("mal_lista").unwrap();
        assert_eq!(rubrik(block), "Målen i ansökan (antal)");
        let pair = crate::contract::field("deltagare_nya_man").unwrap();
        assert_eq!(rubrik(pair), "Nya deltagare under kvartalet (män)");
    }
}
