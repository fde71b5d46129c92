//! The consolidated workbook: one colour-coded .xlsx whose sheets are the
//! tables of the board's follow-up memo (`output.md`), rendered from a
//! [`Sammanstallning`] and the list of what changed since the last run.
//!
//! Takes the follow-up and the changes; gives the workbook's bytes.
//! Guarantees: every sheet and named Excel table of the contract with its
//! Swedish headers, rows in register order; statuses as text and as
//! Excel's Good/Neutral/Bad fills, reasons in words (the row's Anmärkning, or a
//! note where the row does not say them), kansliet's overrides
//! marked `†`; totals as values, from the aggregation's [`crate::aggregate::Totaler`],
//! each saying which insatser it is over; native charts over the tables' cells
//! (and, on `Trend`, one per insats asked for in [`Options`]);
//! text from reports written as text, never as a formula or link; the same
//! input gives the same bytes (no clock inside). Saving is the caller's
//! job (to a temporary file renamed into place).

mod budget;
mod chart;
mod deltagare;
mod folja_upp;
mod fordelning;
mod korning;
mod oversikt;
mod rapportdata;
mod styles;
mod tabeller;
mod table;
mod trend;

/// The status fills the PM shades its cells with, the same as the sheets.
pub(crate) use styles::status_colors;

use crate::aggregate::Sammanstallning;
pub use crate::changes::Andring;
use crate::changes::Andringar;
use chrono::Datelike;
pub use korning::{ANDRINGAR_SEDAN, ANDRINGAR_SEDAN_SPARAD};
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;

/// The document's subject: marks a workbook as this tool's, so the next
/// run knows its own output from another file at the same path.
pub const SUBJECT: &str = "Uppföljning av insatser";

/// Marks a status kansliet overrode in `Bedömningar`: "Gul †".
pub const OVERRIDE_MARK: &str = "†";

/// Why the workbook could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// One sheet, named.
    #[error("Bladet \"{blad}\" i arbetsboken kunde inte skrivas: {source}")]
    Blad { blad: &'static str, source: XlsxError },
    /// The workbook as a whole (its properties, or putting it together).
    #[error("Arbetsboken kunde inte skapas: {0}")]
    Arbetsbok(XlsxError),
}

/// The sheets in order: the contract's (`output.md`), with `Nyckeltal` and
/// `Att följa upp` after `Översikt`, `Kommentarer` after `Avslut` and `Trend` after `Fördelning`;
/// last kansliet's working sheets, the raw data `Rapportdata` and `Rapportmål` among them.
pub const SHEETS: [&str; 18] = [
    oversikt::SHEET,
    oversikt::NYCKELTAL,
    folja_upp::SHEET,
    tabeller::INSATSER,
    tabeller::MAL,
    tabeller::FORUTSATTNINGAR,
    budget::SHEET,
    tabeller::KVALITET,
    deltagare::DELTAGARE,
    deltagare::AVSLUT,
    tabeller::KOMMENTARER,
    fordelning::SHEET,
    trend::SHEET,
    korning::KONTROLL,
    korning::KALLOR,
    korning::ANDRINGAR,
    rapportdata::RAPPORTDATA,
    rapportdata::RAPPORTMAL,
];

/// What the workbook holds beyond what every run gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Insatser, by id, that get a chart of spend against budget on
    /// `Trend`, in this order. An id that names no insats of the period is
    /// left out ([`Options::unknown_diagrams`] says which).
    pub diagram: Vec<String>,
}

impl Options {
    /// The ids of [`Options::diagram`] that name no insats of the period,
    /// so get no chart: each once, in the order given.
    pub fn unknown_diagrams(&self, s: &Sammanstallning) -> Vec<&str> {
        let mut unknown: Vec<&str> = Vec::new();
        for id in &self.diagram {
            if trend::insats_of(&s.historik, id).is_none() && !unknown.contains(&id.as_str()) {
                unknown.push(id);
            }
        }
        unknown
    }
}

/// The workbook for `s`; `changes` fills `Ändringar`: `None` when there
/// was nothing to compare with, else the list and what it measures from.
pub fn workbook(
    s: &Sammanstallning,
    changes: Option<&Andringar>,
    options: &Options,
) -> Result<Vec<u8>, RenderError> {
    let mut book = Workbook::new();
    let properties = properties(s).map_err(RenderError::Arbetsbok)?;
    book.set_properties(&korning::with_andringar_sedan(properties, changes));
    add(&mut book, oversikt::SHEET, |ws| oversikt::write(ws, s))?;
    add(&mut book, oversikt::NYCKELTAL, |ws| oversikt::nyckeltal(ws, s))?;
    add(&mut book, folja_upp::SHEET, |ws| folja_upp::write(ws, s))?;
    add(&mut book, tabeller::INSATSER, |ws| tabeller::insatser(ws, s))?;
    add(&mut book, tabeller::MAL, |ws| tabeller::mal(ws, s))?;
    add(&mut book, tabeller::FORUTSATTNINGAR, |ws| tabeller::forutsattningar(ws, s))?;
    add(&mut book, budget::SHEET, |ws| budget::write(ws, s))?;
    add(&mut book, tabeller::KVALITET, |ws| tabeller::kvalitet(ws, s))?;
    add(&mut book, deltagare::DELTAGARE, |ws| deltagare::deltagare(ws, s))?;
    add(&mut book, deltagare::AVSLUT, |ws| deltagare::avslut(ws, s))?;
    add(&mut book, tabeller::KOMMENTARER, |ws| tabeller::kommentarer(ws, s))?;
    add(&mut book, fordelning::SHEET, |ws| fordelning::write(ws, s))?;
    add(&mut book, trend::SHEET, |ws| trend::write(ws, s, &options.diagram))?;
    add(&mut book, korning::KONTROLL, |ws| korning::kontroll(ws, s))?;
    add(&mut book, korning::KALLOR, |ws| korning::kallor(ws, s))?;
    add(&mut book, korning::ANDRINGAR, |ws| korning::andringar(ws, s, changes))?;
    // One row per report, ~80 cells each: written row by row to a
    // temporary file (rust_xlsxwriter's low-memory mode) rather than held
    // until the save, which at 10 000 reports nearly doubled the run's memory.
    add_streamed(&mut book, rapportdata::RAPPORTDATA, |ws| rapportdata::rapportdata(ws, s))?;
    add_streamed(&mut book, rapportdata::RAPPORTMAL, |ws| rapportdata::rapportmal(ws, s))?;
    book.save_to_buffer().map_err(RenderError::Arbetsbok)
}

/// Adds a sheet written by `write`; a failure names the sheet.
fn add(
    book: &mut Workbook,
    blad: &'static str,
    write: impl FnOnce(&mut Worksheet) -> Result<(), XlsxError>,
) -> Result<(), RenderError> {
    write(book.add_worksheet()).map_err(|source| RenderError::Blad { blad, source })
}

/// Adds a sheet in low-memory mode, written row by row by `write`.
fn add_streamed(
    book: &mut Workbook,
    blad: &'static str,
    write: impl FnOnce(&mut Worksheet) -> Result<(), XlsxError>,
) -> Result<(), RenderError> {
    let sheet =
        book.add_worksheet_with_constant_memory().map_err(|source| RenderError::Blad { blad, source })?;
    write(sheet).map_err(|source| RenderError::Blad { blad, source })
}

/// Fixed properties: created on the period's last day, so the bytes do not
/// depend on when the run happened.
fn properties(s: &Sammanstallning) -> Result<DocProperties, XlsxError> {
    let day = s.period.last_day();
    let year = u16::try_from(day.year()).map_err(|_| XlsxError::DateTimeRangeError(day.to_string()))?;
    // Month and day always fit; the fallback only keeps this free of panics.
    let month = u8::try_from(day.month()).unwrap_or(1);
    let dom = u8::try_from(day.day()).unwrap_or(1);
    let created = ExcelDateTime::from_ymd(year, month, dom)?;
    Ok(DocProperties::new()
        .set_title(&s.titel)
        .set_subject(SUBJECT)
        .set_author("Samordningsförbundet")
        .set_creation_datetime(&created))
}

/// The names tables use for insatser, looked up by id: built once per
/// table, since a table names an insats on every row.
pub struct InsatsNamn<'s>(HashMap<&'s str, &'s str>);

impl<'s> InsatsNamn<'s> {
    pub fn of(s: &'s Sammanstallning) -> InsatsNamn<'s> {
        InsatsNamn(s.insatser.iter().map(|i| (i.id.as_str(), i.kortnamn.as_str())).collect())
    }

    /// The short name of `id` when it is one of the period's insatser, else the id itself.
    pub fn of_id(&self, id: &str) -> String {
        self.0.get(id).copied().unwrap_or(id).to_string()
    }
}

/// `part / whole`, or `None` for a zero whole.
fn share(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() { None } else { part.checked_div(whole) }
}

/// A count for a cell; no real count comes near the limit.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_messages_read_as_swedish_sentences() {
        // The inner text is rust_xlsxwriter's own; ours says where and what.
        let inner = XlsxError::RowColumnLimitError.to_string();
        let blad = RenderError::Blad { blad: "Budget", source: XlsxError::RowColumnLimitError };
        assert_eq!(blad.to_string(), format!("Bladet \"Budget\" i arbetsboken kunde inte skrivas: {inner}"));
        let bok = RenderError::Arbetsbok(XlsxError::RowColumnLimitError);
        assert_eq!(bok.to_string(), format!("Arbetsboken kunde inte skapas: {inner}"));
    }

    #[test]
    fn shares_of_nothing_are_none() {
        assert_eq!(share(Decimal::ONE, Decimal::ZERO), None);
        assert_eq!(share(Decimal::ONE, Decimal::TWO), Some(Decimal::new(5, 1)));
    }
}
