//! The .ods check: streams `content.xml` and computes what calamine would
//! hold after parsing it, without holding anything itself.
//!
//! Takes the part's bytes; gives `Ok(())` or a [`Refusal`] when the sheets'
//! cells exceed [`MAX_CELLS`] or their text [`MAX_TEXT_BYTES`], or the part
//! has a DOCTYPE.
//!
//! calamine builds, per sheet, a dense grid from the first to the last row
//! holding a non-empty cell and from column A to the last such column, with
//! `table:number-rows-repeated` and `table:number-columns-repeated` applied,
//! and it copies a repeated cell's text into every copy. LibreOffice writes
//! huge repeats of *empty* rows and cells in every file (the rest of the
//! sheet, to row 1 048 576); those cost nothing and are ignored here exactly
//! as calamine ignores them. A cell counts as non-empty when it has a value
//! type, a value or a formula — a superset of what calamine keeps.
//!
//! The XML reader is configured as calamine configures its own, so both see
//! the same events; memory is one event's buffer, the loop is one step per
//! event of a part whose size is capped by [`super::archive`].

use super::{MAX_CELLS, MAX_TEXT_BYTES, Refusal, too_many_cells, too_much_text};
use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;

/// Attributes that make a cell non-empty to calamine (a value, a value type,
/// a formula).
const VALUE_ATTRIBUTES: [&str; 8] = [
    "office:value",
    "office:string-value",
    "office:date-value",
    "office:time-value",
    "office:boolean-value",
    "office:value-type",
    "calcext:value-type",
    "table:formula",
];

/// Attributes whose text calamine copies into the cell (or its formula).
const TEXT_ATTRIBUTES: [&str; 4] =
    ["office:string-value", "office:date-value", "office:time-value", "table:formula"];

/// Scans `content.xml`; `name` is for the message.
pub(super) fn scan_content(reader: impl BufRead, name: &str) -> Result<(), Refusal> {
    let mut xml = quick_xml::Reader::from_reader(reader);
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut scan = Scan::default();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::DocType(_)) => return Err(super::archive::doctype(name)),
            Ok(Event::Start(e)) => scan.start(&e),
            Ok(Event::End(e)) => scan.end(e.name().as_ref()),
            Ok(Event::Text(t)) => scan.text(t.len()),
            Ok(Event::CData(t)) => scan.text(t.len()),
            Ok(Event::GeneralRef(r)) => scan.text(r.len().saturating_add(2)),
            // calamine stops at the same broken XML; what it could hold
            // until then is what has been counted.
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        scan.check()?;
    }
    scan.end_table();
    scan.check()
}

/// The bounding box of one sheet's non-empty cells: rows `first..=last`,
/// columns `A..=last_col`.
#[derive(Debug, Clone, Copy)]
struct Extent {
    first_row: u64,
    last_row: u64,
    last_col: u64,
}

impl Extent {
    fn cells(self) -> u64 {
        let rows = self.last_row.saturating_sub(self.first_row).saturating_add(1);
        rows.saturating_mul(self.last_col.saturating_add(1))
    }

    fn merge(a: Option<Extent>, b: Extent) -> Extent {
        match a {
            None => b,
            Some(a) => Extent {
                first_row: a.first_row.min(b.first_row),
                last_row: a.last_row.max(b.last_row),
                last_col: a.last_col.max(b.last_col),
            },
        }
    }
}

/// The cell being read.
#[derive(Debug, Default)]
struct Cell {
    /// Elements open inside the cell, the cell's own included.
    depth: u64,
    repeat: u64,
    non_empty: bool,
    /// Text calamine would build for one copy of the cell.
    text: u64,
}

#[derive(Debug, Default)]
struct Scan {
    in_table: bool,
    /// Row index of the next row, repeats applied.
    row: u64,
    row_repeat: u64,
    /// Column index of the next cell, repeats applied.
    col: u64,
    /// The last non-empty column of the row being read.
    row_last_col: Option<u64>,
    table: Option<Extent>,
    cell: Option<Cell>,
    /// Cells of the sheets already read.
    done_cells: u64,
    text: u64,
}

impl Scan {
    fn start(&mut self, e: &BytesStart<'_>) {
        if let Some(cell) = &mut self.cell {
            cell.depth = cell.depth.saturating_add(1);
            cell.text = cell.text.saturating_add(match e.name().as_ref() {
                // calamine pushes `text:c` spaces for one `<text:s>`.
                "text:s" => attribute_number(e, "text:c").unwrap_or(1),
                "text:tab" | "text:line-break" | "text:p" => 1,
                _ => 0,
            });
            return;
        }
        match e.name().as_ref() {
            "table:table" if !self.in_table => {
                self.in_table = true;
                self.row = 0;
                self.table = None;
            }
            "table:table-row" if self.in_table => {
                self.row_repeat = attribute_number(e, "table:number-rows-repeated").unwrap_or(1);
                self.col = 0;
                self.row_last_col = None;
            }
            "table:table-cell" | "table:covered-table-cell" if self.in_table => {
                let mut cell = Cell {
                    depth: 1,
                    repeat: attribute_number(e, "table:number-columns-repeated").unwrap_or(1),
                    ..Cell::default()
                };
                for attribute in e.attributes().with_checks(false).flatten() {
                    let key = attribute.key.as_ref();
                    cell.non_empty |= VALUE_ATTRIBUTES.contains(&key);
                    if TEXT_ATTRIBUTES.contains(&key) {
                        cell.text = cell.text.saturating_add(attribute.value.len() as u64);
                    }
                }
                self.cell = Some(cell);
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if let Some(cell) = &mut self.cell {
            cell.depth = cell.depth.saturating_sub(1);
            if cell.depth == 0 {
                self.end_cell();
            }
            return;
        }
        match name {
            "table:table-row" if self.in_table => self.end_row(),
            "table:table" => self.end_table(),
            _ => {}
        }
    }

    fn text(&mut self, len: usize) {
        if let Some(cell) = &mut self.cell {
            cell.text = cell.text.saturating_add(len as u64);
        }
    }

    fn end_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            let repeat = cell.repeat.max(1);
            if cell.non_empty {
                let last = self.col.saturating_add(repeat - 1);
                self.row_last_col = Some(self.row_last_col.map_or(last, |c| c.max(last)));
                let copies = repeat.saturating_mul(self.row_repeat.max(1));
                self.text = self.text.saturating_add(cell.text.saturating_mul(copies));
            }
            self.col = self.col.saturating_add(repeat);
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        let repeat = self.row_repeat.max(1);
        if let Some(last_col) = self.row_last_col.take() {
            let rows =
                Extent { first_row: self.row, last_row: self.row.saturating_add(repeat - 1), last_col };
            self.table = Some(Extent::merge(self.table, rows));
        }
        self.row = self.row.saturating_add(repeat);
        self.row_repeat = 1;
    }

    fn end_table(&mut self) {
        if !self.in_table {
            return;
        }
        self.end_row();
        if let Some(table) = self.table.take() {
            self.done_cells = self.done_cells.saturating_add(table.cells());
        }
        self.in_table = false;
    }

    /// Everything counted so far, the open sheet, row and cell included.
    fn check(&self) -> Result<(), Refusal> {
        let mut table = self.table;
        let mut pending_text = 0;
        let repeat = self.row_repeat.max(1);
        let mut last_col = self.row_last_col;
        if let Some(cell) = self.cell.as_ref().filter(|c| c.non_empty) {
            let cell_last = self.col.saturating_add(cell.repeat.max(1) - 1);
            last_col = Some(last_col.map_or(cell_last, |c| c.max(cell_last)));
            pending_text = cell.text.saturating_mul(cell.repeat.max(1).saturating_mul(repeat));
        }
        if let Some(last_col) = last_col {
            let rows =
                Extent { first_row: self.row, last_row: self.row.saturating_add(repeat - 1), last_col };
            table = Some(Extent::merge(table, rows));
        }
        let cells = self.done_cells.saturating_add(table.map_or(0, Extent::cells));
        if cells > MAX_CELLS {
            return Err(too_many_cells(cells));
        }
        let text = self.text.saturating_add(pending_text);
        if text > MAX_TEXT_BYTES {
            return Err(too_much_text(text));
        }
        Ok(())
    }
}

/// A whole-number attribute; `None` when absent or not a number (calamine
/// then fails on the file; counting one copy is enough).
fn attribute_number(e: &BytesStart<'_>, key: &str) -> Option<u64> {
    let attribute = e.try_get_attribute(key).ok().flatten()?;
    attribute.value.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(tables: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
        )
    }

    fn scan(tables: &str) -> Result<(), Refusal> {
        scan_content(content(tables).as_bytes(), "content.xml")
    }

    fn cells_of(tables: &str) -> u64 {
        let text = content(tables);
        let mut xml = quick_xml::Reader::from_reader(text.as_bytes());
        xml.config_mut().expand_empty_elements = true;
        let mut scan = Scan::default();
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e)) => scan.start(&e),
                Ok(Event::End(e)) => scan.end(e.name().as_ref()),
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
        scan.end_table();
        scan.done_cells
    }

    const NUMBER: &str = r#"<table:table-cell office:value-type="float" office:value="1"/>"#;

    #[test]
    fn repeats_of_empty_rows_and_cells_cost_nothing() {
        let tables = format!(
            r#"<table:table table:name="A"><table:table-row>{NUMBER}<table:table-cell table:number-columns-repeated="16383"/></table:table-row>
            <table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>"#
        );
        assert_eq!(cells_of(&tables), 1);
        assert!(scan(&tables).is_ok());
    }

    #[test]
    fn the_extent_runs_from_column_a_to_the_last_non_empty_cell_with_repeats() {
        // B2 and, after 3 empty columns, a value repeated over 2 columns: F2:G3.
        let tables = format!(
            r#"<table:table table:name="A"><table:table-row table:number-rows-repeated="1"><table:table-cell/></table:table-row>
            <table:table-row table:number-rows-repeated="2"><table:table-cell/>{NUMBER}<table:table-cell table:number-columns-repeated="3"/>
            <table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#
        );
        // rows 2–3 (2 rows) × columns A–G (7).
        assert_eq!(cells_of(&tables), 14);
    }

    #[test]
    fn sheets_add_up() {
        let one = format!(
            r#"<table:table table:name="A"><table:table-row>{NUMBER}</table:table-row></table:table>"#
        );
        assert_eq!(cells_of(&format!("{one}{one}{one}")), 3);
    }

    #[test]
    fn one_value_repeated_over_ten_thousand_rows_and_columns_is_refused() {
        let tables = r#"<table:table table:name="A"><table:table-row table:number-rows-repeated="10000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="10000"/></table:table-row></table:table>"#;
        let Err(Refusal::TooLarge(reason)) = scan(tables) else { panic!("not refused") };
        assert!(reason.contains("100 000 000 celler"), "{reason}");
    }

    #[test]
    fn a_text_repeated_over_many_cells_is_refused_by_its_copies() {
        let text = "x".repeat(10_000);
        let tables = format!(
            r#"<table:table table:name="A"><table:table-row table:number-rows-repeated="100"><table:table-cell office:value-type="string" table:number-columns-repeated="100"><text:p>{text}</text:p></table:table-cell></table:table-row></table:table>"#
        );
        // 10 000 cells, well under the cell limit; 100 MB of copies.
        let Err(Refusal::TooLarge(reason)) = scan(&tables) else { panic!("not refused") };
        assert!(reason.contains("text"), "{reason}");
    }

    #[test]
    fn a_space_run_of_a_billion_is_refused() {
        let tables = r#"<table:table table:name="A"><table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="1000000000"/></text:p></table:table-cell></table:table-row></table:table>"#;
        assert!(matches!(scan(tables), Err(Refusal::TooLarge(_))));
    }

    #[test]
    fn a_doctype_is_refused() {
        let text = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]><x>&b;</x>"#;
        assert!(matches!(scan_content(text.as_bytes(), "content.xml"), Err(Refusal::TooLarge(_))));
    }

    #[test]
    fn broken_xml_is_left_to_calamine() {
        assert!(scan_content(&b"<a><b></a"[..], "content.xml").is_ok());
        assert!(scan(r#"<table:table><table:table-row>"#).is_ok());
    }
}
