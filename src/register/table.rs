//! One sheet of the register as a table: found by name, its columns found by
//! header, its rows handed one by one to a reader.
//!
//! Takes the open workbook and a [`SheetSpec`]; gives a [`Table`] and, through
//! [`Ctx`], the findings about the sheet as a whole (unreadable, a required
//! column missing, content beyond the bounds). Guarantees: at most
//! [`ROW_LIMIT`] rows and [`COL_LIMIT`] columns are kept, and content beyond
//! them is one finding; [`Ctx::each_row`] keeps a row's value only when the
//! row raised no finding, and always keeps the findings.

use super::columns::{EXAMPLE_ID, ID, SheetSpec};
use super::read::{COL_LIMIT, ROW_LIMIT};
use super::row::Row;
use super::swedish::fold;
use crate::finding::{Code, Finding};
use crate::value::group_thousands;
use crate::value::{CellValue, parse_text};
use crate::workbook::{Position, ReadError, SparseSheet, Workbook, column_letters};
use std::collections::{BTreeMap, BTreeSet};

/// One sheet's cells, with its columns found by header.
pub(super) struct Table {
    /// The sheet's name as it is in the workbook, for locations.
    pub(super) sheet: String,
    cells: SparseSheet,
    /// Contract column → 0-based column index.
    pub(super) columns: BTreeMap<&'static str, u32>,
    /// The first free cell of row 1: where a missing column's header would go.
    next_header: Position,
    /// The cells where a personal identity number was masked when read.
    masked: Vec<Position>,
}

impl Table {
    pub(super) fn read(book: &mut Workbook, sheet: &str, spec: &SheetSpec) -> Result<Table, ReadError> {
        // One row and one column past the limits are read, only to notice
        // that the sheet goes on beyond them.
        let mut cells = book.read_cells(sheet, ROW_LIMIT, |p| p.col <= COL_LIMIT)?;
        // Nothing read from the register may carry a personal identity
        // number into an output: masked here, at the reading boundary.
        let masked = cells.mask_personal_numbers();
        let headers: Vec<(u32, String)> = cells
            .iter()
            .filter(|(p, _)| p.row == 0 && p.col < COL_LIMIT)
            .filter_map(|(p, v)| parse_text(v).map(|t| (p.col, fold(&t))))
            .collect();
        let columns = spec
            .columns
            .iter()
            .filter_map(|column| {
                let wanted = fold(column.name);
                headers.iter().find(|(_, h)| *h == wanted).map(|(col, _)| (column.name, *col))
            })
            .collect();
        let next_col = headers.iter().map(|(col, _)| col + 1).max().unwrap_or(0);
        Ok(Table {
            sheet: sheet.to_string(),
            cells,
            columns,
            next_header: Position::new(0, next_col),
            masked,
        })
    }

    /// The rows below the header with something in a register column, in
    /// order. Rows with content only in kansliet's own columns have nothing
    /// for the register to lose; the blank register's example rows (Id
    /// [`EXAMPLE_ID`]) are a guide, not data, and are left out without a word.
    pub(super) fn rows(&self) -> BTreeSet<u32> {
        let known: BTreeSet<u32> = self.columns.values().copied().collect();
        self.cells
            .iter()
            .filter(|(p, v)| p.row > 0 && p.row < ROW_LIMIT && known.contains(&p.col) && !v.is_blank())
            .map(|(p, _)| p.row)
            .filter(|row| !self.is_example(*row))
            .collect()
    }

    /// Whether `row` is an example row of the blank register.
    fn is_example(&self, row: u32) -> bool {
        parse_text(self.value(ID, row)).is_some_and(|id| fold(&id) == fold(EXAMPLE_ID))
    }

    pub(super) fn position(&self, column: &str, row: u32) -> Option<Position> {
        self.columns.get(column).map(|col| Position::new(row, *col))
    }

    pub(super) fn value(&self, column: &str, row: u32) -> &CellValue {
        match self.position(column, row) {
            Some(p) => self.cells.get(p),
            None => &CellValue::Empty,
        }
    }

    /// The first cell beyond the bounds, if the sheet has one.
    fn overflow(&self) -> Option<Position> {
        self.cells.iter().map(|(p, _)| p).find(|p| p.row >= ROW_LIMIT || p.col >= COL_LIMIT)
    }
}

/// The sheet of `names` that is `wanted`, in any spelling [`fold`] forgives.
pub(super) fn find_sheet(names: &[String], wanted: &str) -> Option<String> {
    let wanted = fold(wanted);
    names.iter().find(|n| fold(n) == wanted).cloned()
}

/// A finding in the register's `file` on `sheet`, at `cell` if known.
pub(super) fn sheet_finding(
    file: &str,
    code: Code,
    sheet: &str,
    cell: Option<Position>,
    message: String,
) -> Finding {
    let finding = Finding::new(code, file, message).on_sheet(sheet);
    match cell {
        Some(cell) => finding.in_cell(cell.to_a1()),
        None => finding,
    }
}

/// The findings of one run over the register.
pub(super) struct Ctx {
    /// The register's file name, as kansliet sees it in the folder.
    pub(super) file: String,
    pub(super) findings: Vec<Finding>,
}

impl Ctx {
    /// An optional sheet, if present and readable; otherwise why not, as findings.
    pub(super) fn optional_table(&mut self, book: &mut Workbook, spec: &SheetSpec) -> Option<Table> {
        let sheet = find_sheet(&book.sheet_names(), spec.name)?;
        let table = match Table::read(book, &sheet, spec) {
            Ok(table) => table,
            Err(e) => {
                let message =
                    format!("Bladet kunde inte läsas ({e}). Spara om registret i Excel och försök igen.");
                self.findings.push(sheet_finding(&self.file, Code::RegisterOlasligt, &sheet, None, message));
                return None;
            }
        };
        self.check_read(&table);
        let missing: Vec<&str> =
            spec.required.iter().copied().filter(|c| !table.columns.contains_key(c)).collect();
        for column in &missing {
            let message = format!(
                "Kolumnen \"{column}\" saknas, så inga rader på bladet kan läsas. Lägg till en kolumn med rubriken {column} i rad 1."
            );
            let at = Some(table.next_header);
            let finding = sheet_finding(&self.file, Code::RegisterKolumnSaknas, &sheet, at, message);
            self.findings.push(finding.field(*column));
        }
        missing.is_empty().then_some(table)
    }

    /// What reading `table` found: content beyond the limits, and personal
    /// identity numbers (masked; kansliet is asked to remove them).
    pub(super) fn check_read(&mut self, table: &Table) {
        self.check_bounds(table);
        for at in &table.masked {
            let message = "Cellen innehöll ett personnummer. Det är borttaget i allt verktyget skriver, men \
                           personuppgifter hör inte hemma i registret: ta bort det."
                .to_string();
            let finding =
                sheet_finding(&self.file, Code::PersonnummerIFritext, &table.sheet, Some(*at), message);
            self.findings.push(finding);
        }
    }

    fn check_bounds(&mut self, table: &Table) {
        let Some(at) = table.overflow() else { return };
        let message = if at.row >= ROW_LIMIT {
            let rows = group_thousands(&ROW_LIMIT.to_string());
            format!(
                "Verktyget läser bara de första {rows} raderna av ett blad, och det här bladet har innehåll längre ner. Ta bort innehållet efter rad {rows}, eller dela upp registret."
            )
        } else {
            let last = column_letters(COL_LIMIT - 1);
            format!(
                "Verktyget läser bara de första {COL_LIMIT} kolumnerna (A–{last}) av ett blad, och det här bladet har innehåll längre till höger. Flytta det till kolumnerna A–{last}."
            )
        };
        let finding = sheet_finding(&self.file, Code::RegisterOlasligt, &table.sheet, Some(at), message);
        self.findings.push(finding);
    }

    /// Runs `read` over every row of `table`; keeps what clean rows give.
    pub(super) fn each_row<T>(
        &mut self,
        table: &Table,
        mut read: impl FnMut(&mut Row<'_>) -> Option<T>,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for row in table.rows() {
            let mut r = Row::new(table, &self.file, row);
            let value = read(&mut r);
            if r.finish(&mut self.findings) {
                out.extend(value);
            }
        }
        out
    }
}
