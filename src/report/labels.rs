//! Finds the contract's fields by their Swedish labels, for a report whose
//! defined names are gone (its content pasted into a fresh workbook).
//!
//! Takes an open workbook without any of the contract's names; gives, for
//! the first sheet that looks like the template, the same `name → area` map
//! that `names::contract_names` gives for a named report, so the parsing,
//! checks and masking that follow are exactly those of a named one.
//!
//! The template's layout is what is relied on: every label in column A, on
//! the row of its answer, and the answer in the column the blank template
//! ([`template::field_cells`]) puts it (B, or C for the men of a women/men
//! pair, whose row shares one label); the goal block under its header row
//! `Mål | Status | Kommentar`, down to the next label. Rows may have moved
//! (a row inserted above, more goals than the blank template has); columns
//! may not. Labels match after [`normalise`]: first line only, any case and
//! spacing, without the `*` of a required field.
//!
//! Guarantees: only columns A–D of the first [`SCAN_ROWS`] rows of at most
//! [`MAX_SHEETS`] sheets are read, whatever the sheet's extent; a sheet
//! counts as a report only when at least [`MIN_SHARE_PERCENT`] % of the
//! contract's distinct labels are found on it.

use super::fields::MAX_GOAL_ROWS;
use crate::contract::{self, FIELDS, FieldType};
use crate::template::{self, MIN_GOAL_ROWS, SHEET};
use crate::value::CellValue;
use crate::workbook::{Area, Position, SparseSheet, Workbook};
use std::collections::{BTreeMap, BTreeSet};

/// Rows looked at per sheet: the blank template has under a hundred, and a
/// prefilled one at most [`MAX_GOAL_ROWS`] goals more, with room to spare
/// for rows inserted above.
pub const SCAN_ROWS: u32 = 300;

/// Columns looked at: A–D, the template's whole width.
pub const SCAN_COLUMNS: u32 = 4;

/// Sheets looked at: `Rapport` first, then the others in order.
pub const MAX_SHEETS: usize = 3;

/// The share of the contract's distinct labels a sheet must show to be
/// read as a report: a budget or a register sharing a few words stays
/// "not a report", a copy with a label or two edited away is still read.
pub const MIN_SHARE_PERCENT: usize = 80;

/// The template writes every label in column A (src/template/sheet.rs).
const LABEL_COLUMN: u32 = 0;

/// The goal block's header row, normalised, from column A on.
const GOAL_HEADER: [&str; 3] = ["mål", "status", "kommentar"];

/// The fields found on one sheet by their labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundByLabels {
    pub sheet: String,
    /// As `names::contract_names` gives them; a field whose label was not
    /// found is absent, so it reads as a missing name (`namn-saknas`).
    pub names: BTreeMap<&'static str, Option<Area>>,
}

/// The first sheet on which the template's labels are found, or `None` when
/// no sheet looks like a report.
pub fn find_by_labels(book: &mut Workbook) -> Option<FoundByLabels> {
    sheets_to_try(&book.sheet_names()).into_iter().find_map(|sheet| {
        // A sheet that cannot be read is not the report; reading by name
        // would fail there too.
        let cells = book.read_cells(&sheet, SCAN_ROWS - 1, |p| p.col < SCAN_COLUMNS).ok()?;
        let names = locate(&sheet, &cells);
        enough(&names).then_some(FoundByLabels { sheet, names })
    })
}

fn sheets_to_try(names: &[String]) -> Vec<String> {
    let is_report = |name: &&String| name.eq_ignore_ascii_case(SHEET);
    let first = names.iter().filter(is_report);
    let rest = names.iter().filter(|name| !is_report(name));
    first.chain(rest).take(MAX_SHEETS).cloned().collect()
}

/// A label as compared: its first line, lower case, single spaces, in NFC
/// (a label typed on a Mac may hold `a` and a combining ring for `å`),
/// without the trailing `*` of a required field.
pub fn normalise(text: &str) -> String {
    let first_line = text.lines().next().unwrap_or_default();
    let words: Vec<&str> = first_line.split_whitespace().collect();
    crate::value::nfc(&words.join(" ")).trim_end_matches('*').trim_end().to_lowercase()
}

/// Every field's area on `sheet`, from the rows its labels were found on.
fn locate(sheet: &str, cells: &SparseSheet) -> BTreeMap<&'static str, Option<Area>> {
    let hits = label_rows(cells);
    let header = goal_header_row(cells);
    let mut names = BTreeMap::new();
    for (name, blank) in template::field_cells() {
        let Some(field) = contract::field(name) else { continue };
        let area = if field.ty == FieldType::GoalBlock {
            header.and_then(|row| goal_block(sheet, &blank, row, &hits))
        } else {
            first_row_of(&hits, &normalise(field.label)).map(|row| cell_on_row(sheet, &blank, row))
        };
        if let Some(area) = area {
            names.insert(field.name, Some(area));
        }
    }
    names
}

/// The rows of column A that hold one of the contract's labels, in row
/// order, with the label as normalised.
fn label_rows(cells: &SparseSheet) -> Vec<(u32, String)> {
    let labels: BTreeSet<String> = FIELDS.iter().map(|f| normalise(f.label)).collect();
    cells
        .iter()
        .filter(|(p, _)| p.col == LABEL_COLUMN)
        .filter_map(|(p, value)| Some((p.row, normalise(text_of(value)?))))
        .filter(|(_, label)| labels.contains(label))
        .collect()
}

fn text_of(value: &CellValue) -> Option<&str> {
    match value {
        CellValue::Text(text) => Some(text),
        _ => None,
    }
}

fn first_row_of(hits: &[(u32, String)], label: &str) -> Option<u32> {
    hits.iter().find(|(_, found)| found == label).map(|(row, _)| *row)
}

/// The first row reading `Mål | Status | Kommentar` from column A on.
fn goal_header_row(cells: &SparseSheet) -> Option<u32> {
    let says = |row: u32, col: u32, word: &str| {
        text_of(cells.get(Position::new(row, col))).is_some_and(|text| normalise(text) == word)
    };
    let mut rows = cells.iter().filter(|(p, _)| p.col == LABEL_COLUMN).map(|(p, _)| p.row);
    rows.find(|&row| (0..).zip(GOAL_HEADER).all(|(offset, word)| says(row, LABEL_COLUMN + offset, word)))
}

/// The goal block: from the row under its header down to the row above the
/// next label (the template's goal rows when no label follows), at most
/// [`MAX_GOAL_ROWS`] rows, in the blank template's columns.
fn goal_block(sheet: &str, blank: &Area, header: u32, hits: &[(u32, String)]) -> Option<Area> {
    let first = header.checked_add(1)?;
    let template_rows = u32::try_from(MIN_GOAL_ROWS).unwrap_or(MAX_GOAL_ROWS);
    let last = match hits.iter().map(|(row, _)| *row).find(|row| *row > header) {
        Some(next_label) => next_label - 1,
        None => header.saturating_add(template_rows),
    };
    let last = last.min(header.saturating_add(MAX_GOAL_ROWS));
    // A header directly above a label leaves no goal rows to read.
    (last >= first).then(|| Area {
        sheet: sheet.to_string(),
        first: Position::new(first, blank.first.col),
        last: Position::new(last, blank.last.col),
    })
}

/// The field's cell: on the row of its label, in the blank template's column.
fn cell_on_row(sheet: &str, blank: &Area, row: u32) -> Area {
    let at = Position::new(row, blank.first.col);
    Area { sheet: sheet.to_string(), first: at, last: at }
}

/// Whether enough of the contract's distinct labels were found.
fn enough(names: &BTreeMap<&'static str, Option<Area>>) -> bool {
    let all: BTreeSet<String> = FIELDS.iter().map(|f| normalise(f.label)).collect();
    let found = FIELDS.iter().filter(|f| names.contains_key(f.name));
    let found: BTreeSet<String> = found.map(|f| normalise(f.label)).collect();
    found.len() * 100 >= all.len() * MIN_SHARE_PERCENT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_compare_without_case_spacing_star_or_help() {
        for (written, label) in [
            ("Rapportdatum\u{a0}*", "rapportdatum"),
            ("  RAPPORTDATUM *  ", "rapportdatum"),
            ("Uppgiftslämnare\u{a0}*\nNamn på den som skrivit rapporten", "uppgiftslämnare"),
            ("Närvaro:   Kommunen", "närvaro: kommunen"),
            ("Målen i ansökan\r\nEtt mål per rad", "målen i ansökan"),
            ("Uppgiftsla\u{308}mnare *", "uppgiftslämnare"),
            ("", ""),
        ] {
            assert_eq!(normalise(written), label, "{written:?}");
        }
    }

    #[test]
    fn the_report_sheet_is_tried_first_and_only_a_few_sheets() {
        let names: Vec<String> = ["Instruktion", "Blad2", "rapport", "Blad4"].map(String::from).to_vec();
        assert_eq!(sheets_to_try(&names), ["rapport", "Instruktion", "Blad2"]);
    }

    #[test]
    fn no_label_is_empty_or_the_goal_header() {
        let distinct: BTreeSet<String> = FIELDS.iter().map(|f| normalise(f.label)).collect();
        assert!(!distinct.contains(""), "an empty label would match any blank");
        assert!(!distinct.contains(GOAL_HEADER[0]), "a label equal to the goal header");
    }
}
