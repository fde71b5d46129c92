//! A sheet of the workbook and the Excel tables on it: the title lines, each
//! table with its headers, values, notes and total row, fitted columns and
//! rows, frozen header and print set-up.
//!
//! Takes rows of typed [`Cell`]s; gives a [`Placement`] saying where the
//! table landed (for charts and for what goes beside it). Guarantees: text
//! is always written as text, never as a formula or a link, whatever it
//! starts with; totals are values, so every reader sees the numbers.

use super::styles::{self, Kind};
use crate::aggregate::Bedomd;
use crate::register::Status;
use crate::value::format_kr;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    ColNum, ExcelDateTime, FormatAlign, IgnoreError, Note, RowNum, Table as XlsxTable, TableColumn,
    TableStyle, Worksheet, XlsxError,
};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The start of the title of every sheet for kansliet rather than the board.
pub(super) const KANSLIETS_ARBETSBLAD: &str = "Kansliets arbetsblad";

/// Rows of every sheet: the title, a caption, a blank row, then the table.
pub(super) const TITLE_ROW: RowNum = 0;
pub(super) const CAPTION_ROW: RowNum = 1;
pub(super) const HEADER_ROW: RowNum = 3;

/// Excel refuses strings longer than 32 767 UTF-16 units; a note also
/// needs room for its author. Report text is cut well below both.
const MAX_TEXT: usize = 32_000;
const MAX_NOTE: usize = 30_000;
/// Notes are this wide, in pixels; their height follows the text.
const NOTE_WIDTH: u32 = 320;
const NOTE_CHARS_PER_LINE: usize = 48;

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell<'a> {
    Empty,
    Text(String),
    /// Text that must stay on one line, such as a hash: sized a digit per
    /// character, never wrapped.
    Code(String),
    Count(u32),
    Kr(Decimal),
    /// A fraction, shown as a percentage.
    Andel(Decimal),
    Date(NaiveDate),
    /// A judged value: its text and colour, a note with its reasons.
    Bedomd(&'a Bedomd),
    /// A label with a colour of its own (a report's state, a severity).
    Colored(String, Option<Status>),
    /// A figure that is not known: left empty, with the reason as a note.
    EjKand(String),
}

impl<'a> Cell<'a> {
    pub(super) fn text(text: impl Into<String>) -> Cell<'a> {
        Cell::Text(text.into())
    }

    pub(super) fn opt_text(text: Option<&str>) -> Cell<'a> {
        text.map_or(Cell::Empty, |t| Cell::Text(t.to_string()))
    }

    pub(super) fn count(n: Option<u32>) -> Cell<'a> {
        n.map_or(Cell::Empty, Cell::Count)
    }

    pub(super) fn kr(amount: Option<Decimal>) -> Cell<'a> {
        amount.map_or(Cell::Empty, Cell::Kr)
    }

    pub(super) fn andel(share: Option<Decimal>) -> Cell<'a> {
        share.map_or(Cell::Empty, Cell::Andel)
    }

    fn kind(&self) -> Kind {
        match self {
            Cell::Empty | Cell::Text(_) | Cell::Bedomd(_) | Cell::Colored(..) | Cell::EjKand(_) => Kind::Text,
            Cell::Code(_) => Kind::Code,
            Cell::Count(_) => Kind::Count,
            Cell::Kr(_) => Kind::Kr,
            Cell::Andel(_) => Kind::Andel,
            Cell::Date(_) => Kind::Date,
        }
    }

    /// The text as a reader sees it, for sizing.
    fn shown(&self) -> String {
        match self {
            Cell::Empty | Cell::EjKand(_) => String::new(),
            Cell::Text(text) | Cell::Code(text) | Cell::Colored(text, _) => text.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Kr(amount) => format_kr(amount.round()),
            Cell::Andel(share) => format!("{} %", share.saturating_mul(Decimal::ONE_HUNDRED).round()),
            Cell::Date(_) => crate::xlsx_style::DATE_FORMAT.to_string(),
            Cell::Bedomd(bedomd) => bedomd_text(bedomd),
        }
    }
}

/// A judged value as shown: a trailing ` †` marks kansliet's override.
pub(super) fn bedomd_text(bedomd: &Bedomd) -> String {
    if bedomd.bedomning.is_some() {
        format!("{} {}", bedomd.text, super::OVERRIDE_MARK)
    } else {
        bedomd.text.clone()
    }
}

/// The reasons behind a judged value, for its note: the memo's remark and
/// kansliet's reason for overriding it, each only when `row` does not
/// already say it in words (its Anmärkning or Kansliets bedömning cell).
/// A note that repeats its row helps no reader, and at thousands of
/// insatser the notes were most of the workbook's memory.
pub(super) fn bedomd_reasons(bedomd: &Bedomd, row: &[Cell]) -> Option<String> {
    let unsaid = |reason: &&String| !row_says(row, reason);
    let mut parts = Vec::new();
    if let Some(anmarkning) = bedomd.anmarkning.as_ref().filter(unsaid) {
        parts.push(anmarkning.clone());
    }
    if let Some(bedomning) = bedomd.bedomning.as_ref().filter(unsaid) {
        parts.push(format!("Kansliets bedömning: {bedomning}"));
    }
    (!parts.is_empty()).then(|| parts.join("\n"))
}

/// Whether a text cell of `row` holds `reason` word for word.
fn row_says(row: &[Cell], reason: &str) -> bool {
    row.iter().any(|cell| matches!(cell, Cell::Text(text) if text.contains(reason)))
}

/// The "Anmärkning" cell of a row: each judged value's reasons in words,
/// after the header of its column, one per line. A reason shared by several
/// columns (a missing report) is written once after all their headers:
/// "Start i tid, Vakanser SOF-medel: Rapport saknas för 2018-K2.".
pub(super) fn anmarkningar<'a>(values: &[(&str, &Bedomd)]) -> Cell<'a> {
    let mut reasons: Vec<(Vec<&str>, &str)> = Vec::new();
    let mut own = Vec::new();
    for (header, bedomd) in values {
        if let Some(reason) = bedomd.anmarkning.as_deref() {
            match reasons.iter_mut().find(|(_, r)| *r == reason) {
                Some((headers, _)) => headers.push(header),
                None => reasons.push((vec![header], reason)),
            }
        }
        if let Some(b) = &bedomd.bedomning {
            own.push(format!("{header}: kansliets bedömning – {b}"));
        }
    }
    let mut lines: Vec<String> =
        reasons.into_iter().map(|(headers, reason)| format!("{}: {reason}", headers.join(", "))).collect();
    lines.extend(own);
    if lines.is_empty() { Cell::Empty } else { Cell::Text(lines.join("\n")) }
}

/// A column of a table: its header and how wide it may grow.
/// The header is fixed text for most tables, made at run time for some
/// (Trend's quarters, "2018-K1").
#[derive(Debug, Clone)]
pub(super) struct Column {
    pub header: Cow<'static, str>,
    pub max_width: f64,
}

impl Column {
    pub(super) const fn new(header: &'static str) -> Column {
        Column { header: Cow::Borrowed(header), max_width: styles::TEXT_MAX_WIDTH }
    }

    /// A column whose header is made at run time.
    pub(super) fn named(header: String) -> Column {
        Column { header: Cow::Owned(header), max_width: styles::TEXT_MAX_WIDTH }
    }

    /// A column whose values must not wrap below `max_width` (a hash).
    pub(super) const fn wide(header: &'static str, max_width: f64) -> Column {
        Column { header: Cow::Borrowed(header), max_width }
    }

    /// A column of sentences: comments, remarks, messages.
    pub(super) const fn prose(header: &'static str) -> Column {
        Column { header: Cow::Borrowed(header), max_width: styles::PROSE_MAX_WIDTH }
    }

    /// A column of sentences that wraps at `max_width`, narrower than
    /// [`Column::prose`], for a table of many such columns that must still
    /// print readably one page wide.
    pub(super) const fn prose_within(header: &'static str, max_width: f64) -> Column {
        Column { header: Cow::Borrowed(header), max_width }
    }
}

/// One row of values; `bold` for sum rows inside a table.
#[derive(Debug, Clone)]
pub(super) struct Row<'a> {
    pub cells: Vec<Cell<'a>>,
    pub bold: bool,
}

impl<'a> Row<'a> {
    pub(super) fn new(cells: Vec<Cell<'a>>) -> Row<'a> {
        Row { cells, bold: false }
    }

    pub(super) fn bold(cells: Vec<Cell<'a>>) -> Row<'a> {
        Row { cells, bold: true }
    }
}

/// A named Excel table to write.
#[derive(Debug, Clone)]
pub(super) struct Table<'a> {
    pub name: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Row<'a>>,
    /// The total row's values by column; its first column says "Totalt".
    pub total: Option<Vec<Cell<'a>>>,
    /// What the only row says when there are no rows: (column, sentence).
    pub when_empty: (usize, String),
}

/// Where a table landed. Rows and columns are 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Placement {
    pub header_row: RowNum,
    pub first_col: ColNum,
    pub last_col: ColNum,
    /// The data rows, without header and total row.
    pub first_row: RowNum,
    pub last_row: RowNum,
    /// The first row below the table (and its total row).
    pub next_row: RowNum,
}

/// A worksheet being written: it remembers row heights so that tables side
/// by side each get the room they need.
pub(super) struct Sheet<'w> {
    ws: &'w mut Worksheet,
    heights: BTreeMap<RowNum, f64>,
    /// The width each column was given by the tables on it.
    widths: BTreeMap<ColNum, f64>,
    /// Written by [`Sheet::finish`], wrapped over the main table's width.
    caption: String,
    /// The last column of the sheet's main table, the first one written at
    /// column A: what is printed first and sets the print scale. Anything
    /// to its right (key figures, charts, chart data) prints on the pages
    /// after it.
    main_last_col: Option<ColNum>,
}

impl<'w> Sheet<'w> {
    /// Names the sheet and writes its title and caption.
    pub(super) fn new(
        ws: &'w mut Worksheet,
        name: &'static str,
        titel: &str,
        caption: &str,
    ) -> Result<Sheet<'w>, XlsxError> {
        ws.set_name(name)?;
        ws.set_default_note_author("Uppföljning");
        ws.write_string_with_format(TITLE_ROW, 0, fit(titel, MAX_TEXT), &styles::title())?;
        let mut heights = BTreeMap::new();
        heights.insert(TITLE_ROW, 21.0);
        Ok(Sheet { ws, heights, widths: BTreeMap::new(), caption: caption.to_string(), main_last_col: None })
    }

    /// A sheet for kansliet's own work, not for the board: it comes after
    /// the board's sheets, its title says so and its tab is grey, so the
    /// workbook can be sent on with these sheets told apart at a glance.
    pub(super) fn for_kansliet(
        ws: &'w mut Worksheet,
        name: &'static str,
        titel: &str,
        caption: &str,
    ) -> Result<Sheet<'w>, XlsxError> {
        ws.set_tab_color(styles::KANSLIET_TAB);
        Sheet::new(ws, name, &format!("{KANSLIETS_ARBETSBLAD} – {titel}"), caption)
    }

    pub(super) fn worksheet(&mut self) -> &mut Worksheet {
        self.ws
    }

    /// Writes `table` with its header at (`row`, `col`).
    pub(super) fn table(&mut self, row: RowNum, col: ColNum, table: &Table) -> Result<Placement, XlsxError> {
        let rows = shown_rows(table);
        let placement = placement(row, col, table, rows.len())?;
        let mut widths = widths(table, &rows);
        if col == 0 && self.main_last_col.is_none() {
            fit_for_print(&mut widths, table);
            self.main_last_col = Some(placement.last_col);
        }
        // A table below another keeps the columns as the one above sized
        // them; its text wraps instead.
        for (offset, width) in widths.iter_mut().enumerate() {
            if let Some(above) = self.widths.get(&(col + offset as ColNum)) {
                *width = *above;
            }
        }
        let last_row = placement.last_row + RowNum::from(table.total.is_some());
        self.ws.add_table(placement.header_row, col, last_row, placement.last_col, &xlsx_table(table))?;
        self.write_header(&placement, table, &widths)?;
        for (offset, values) in rows.iter().enumerate() {
            let at = placement.first_row + offset as RowNum;
            self.write_row(at, col, &values.cells, values.bold, &widths)?;
        }
        if let Some(total) = &table.total {
            let mut cells = total.clone();
            if let Some(first) = cells.first_mut() {
                *first = Cell::text("Totalt");
            }
            self.write_row(placement.last_row + 1, col, &cells, true, &widths)?;
        }
        for (offset, width) in widths.iter().enumerate() {
            self.ws.set_column_width(col + offset as ColNum, *width)?;
            self.widths.insert(col + offset as ColNum, *width);
        }
        // Ids and template versions such as "1" are text on purpose; Excel
        // would otherwise flag each one with a green corner.
        self.ws.ignore_error_range(
            placement.first_row,
            col,
            placement.last_row,
            placement.last_col,
            IgnoreError::NumberStoredAsText,
        )?;
        Ok(placement)
    }

    /// A line of explanation that may run over the empty cells to its right.
    pub(super) fn line(&mut self, row: RowNum, col: ColNum, text: &str) -> Result<(), XlsxError> {
        self.ws.write_string_with_format(row, col, fit(text, MAX_TEXT), &styles::caption())?;
        Ok(())
    }

    /// A sentence in the row under a table, as wide as the table and
    /// wrapped, so that it is seen and printed with it: what the table's
    /// total row is over.
    pub(super) fn below(&mut self, at: &Placement, text: &str) -> Result<(), XlsxError> {
        self.wrapped(at.next_row, at.first_col, at.last_col, text)
    }

    /// A sentence across the columns `first_col..=last_col` of `row`,
    /// wrapped, with the row as tall as the sentence needs.
    pub(super) fn wrapped(
        &mut self,
        row: RowNum,
        first_col: ColNum,
        last_col: ColNum,
        text: &str,
    ) -> Result<(), XlsxError> {
        let width: f64 =
            (first_col..=last_col).map(|c| self.widths.get(&c).copied().unwrap_or(styles::MIN_WIDTH)).sum();
        let format = styles::caption().set_text_wrap().set_align(FormatAlign::Top);
        let text = fit(text, MAX_TEXT);
        if first_col == last_col {
            self.ws.write_string_with_format(row, first_col, &text, &format)?;
        } else {
            self.ws.merge_range(row, first_col, row, last_col, &text, &format)?;
        }
        self.grow(row, styles::row_height(styles::lines(&text, width, false)));
        Ok(())
    }

    /// Freezes the header, repeats it on every printed page, sets the page
    /// up (A4 landscape, one page wide) and the row heights.
    pub(super) fn finish(mut self, titel: &str) -> Result<(), XlsxError> {
        let caption = std::mem::take(&mut self.caption);
        match self.main_last_col {
            Some(last_col) => self.wrapped(CAPTION_ROW, 0, last_col, &caption)?,
            None => self.line(CAPTION_ROW, 0, &caption)?,
        }
        let ws = self.ws;
        ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
        page_setup(ws, titel)?;
        match self.main_last_col {
            // The main table at a scale that fits its width on the page,
            // never below `MIN_PRINT_SCALE` (its widths were fitted to
            // that); what stands to its right prints on later pages, so a
            // chart beside the table is never shrunk with it.
            Some(last_col) => {
                let px: f64 = (0..=last_col)
                    .map(|c| column_px(self.widths.get(&c).copied().unwrap_or(DEFAULT_WIDTH)))
                    .sum();
                ws.set_print_scale(print_scale(px));
                ws.set_vertical_page_breaks(&[u32::from(last_col) + 1])?;
            }
            None => {
                ws.set_print_fit_to_pages(1, 0);
            }
        }
        for (row, height) in self.heights {
            ws.set_row_height(row, height)?;
        }
        Ok(())
    }

    fn write_header(&mut self, at: &Placement, table: &Table, widths: &[f64]) -> Result<(), XlsxError> {
        let mut most = 1;
        for (offset, (column, width)) in table.columns.iter().zip(widths).enumerate() {
            let col = at.first_col + offset as ColNum;
            self.ws.write_string_with_format(
                at.header_row,
                col,
                column.header.as_ref(),
                &styles::header(),
            )?;
            most = most.max(styles::lines(&column.header, *width, true));
        }
        self.grow(at.header_row, styles::row_height(most));
        Ok(())
    }

    fn write_row(
        &mut self,
        row: RowNum,
        first_col: ColNum,
        cells: &[Cell],
        bold: bool,
        widths: &[f64],
    ) -> Result<(), XlsxError> {
        let mut most = 1;
        for (offset, (cell, width)) in cells.iter().zip(widths).enumerate() {
            let col = first_col + offset as ColNum;
            write_cell(self.ws, row, col, cell, bold, cells)?;
            if cell.kind() == Kind::Text {
                most = most.max(styles::lines(&cell.shown(), *width, false));
            }
        }
        self.grow(row, styles::row_height(most));
        Ok(())
    }

    /// Keeps the tallest height asked for a row.
    fn grow(&mut self, row: RowNum, height: f64) {
        let entry = self.heights.entry(row).or_insert(height);
        *entry = entry.max(height);
    }
}

fn placement(row: RowNum, col: ColNum, table: &Table, rows: usize) -> Result<Placement, XlsxError> {
    let columns = ColNum::try_from(table.columns.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    let rows = RowNum::try_from(rows).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_row = row + rows;
    let next_row = last_row + 1 + RowNum::from(table.total.is_some());
    Ok(Placement {
        header_row: row,
        first_col: col,
        last_col: col + columns.saturating_sub(1),
        first_row: row + 1,
        last_row,
        next_row,
    })
}

/// The rows to write: the table's, or one row with its `when_empty`
/// sentence, since an Excel table needs a data row.
fn shown_rows<'t, 'a>(table: &'t Table<'a>) -> Cow<'t, [Row<'a>]> {
    if !table.rows.is_empty() {
        return Cow::Borrowed(&table.rows);
    }
    let (at, sentence) = &table.when_empty;
    let mut cells = vec![Cell::Empty; table.columns.len()];
    if let Some(cell) = cells.get_mut(*at) {
        *cell = Cell::Text(sentence.clone());
    }
    Cow::Owned(vec![Row::new(cells)])
}

/// The table object: headers, style, and a total row whose cells we fill
/// with values ourselves (no SUBTOTAL formulas: other readers see no result).
fn xlsx_table(table: &Table) -> XlsxTable {
    let columns: Vec<TableColumn> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let tc =
                TableColumn::new().set_header(column.header.as_ref()).set_header_format(styles::header());
            if i == 0 && table.total.is_some() { tc.set_total_label("Totalt") } else { tc }
        })
        .collect();
    XlsxTable::new()
        .set_name(table.name)
        .set_style(TableStyle::Light9)
        .set_total_row(table.total.is_some())
        .set_columns(&columns)
}

/// What every printed page has: A4 landscape, the table's header on each
/// page, the workbook's title and the sheet's page number in the footer.
pub(super) fn page_setup(ws: &mut Worksheet, titel: &str) -> Result<(), XlsxError> {
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_margins(MARGIN_INCHES, MARGIN_INCHES, 0.6, 0.6, 0.3, 0.3);
    // `&` starts a code in a page footer; a long title is left out
    // rather than overrun Excel's limit of 255 characters.
    let footer_titel = if titel.chars().count() <= 120 { titel.replace('&', "&&") } else { String::new() };
    ws.set_footer(format!("&L{footer_titel}&R&A – sida &P av &N"));
    Ok(())
}

/// The top of a sheet for kansliet written row by row, for a worksheet in
/// rust_xlsxwriter's low-memory mode (each row is flushed to a temporary
/// file once the next is started, so nothing may be written above it
/// later): the title and caption rows, the tab and the page set up, as
/// [`Sheet::for_kansliet`] and [`Sheet::finish`] give the other sheets.
pub(super) fn streamed_head(
    ws: &mut Worksheet,
    name: &'static str,
    titel: &str,
    caption: &str,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    ws.set_tab_color(styles::KANSLIET_TAB);
    let titel_text = format!("{KANSLIETS_ARBETSBLAD} – {titel}");
    ws.write_string_with_format(TITLE_ROW, 0, fit(&titel_text, MAX_TEXT), &styles::title())?;
    ws.set_row_height(TITLE_ROW, 21.0)?;
    ws.write_string_with_format(CAPTION_ROW, 0, fit(caption, MAX_TEXT), &styles::caption())?;
    page_setup(ws, titel)
}

/// Left and right page margins, in inches.
const MARGIN_INCHES: f64 = 0.5;
/// The printable width of an A4 page in landscape (11.69 in) inside the
/// margins, in pixels at 96 per inch, less 6 %: LibreOffice lays the same
/// columns out about 5 % wider than Excel, and a printer's own margins
/// may take a little more.
const PRINTABLE_PX: f64 = (11.69 - 2.0 * MARGIN_INCHES) * 96.0 * 0.94;
/// The smallest scale (%) a sheet's main table is printed at: below about
/// 70 % the default 11-point text is too small to read on paper.
const MIN_PRINT_SCALE: f64 = 70.0;
/// A column of text is never made narrower than this to fit the page; its
/// text wraps onto more lines instead.
const PRINT_FLOOR: f64 = 24.0;
/// Excel's width of a column never set.
const DEFAULT_WIDTH: f64 = 8.43;

/// A column's width in pixels, as Excel lays it out for the workbook's
/// 11-point Calibri: 7 pixels a character and 5 of padding.
fn column_px(width: f64) -> f64 {
    (width * 7.0 + 5.0).trunc()
}

/// The print scale (%) at which `px` pixels of columns fill the page's
/// width: 100 when they fit, never below `MIN_PRINT_SCALE`.
fn print_scale(px: f64) -> u16 {
    let scale = if px > 0.0 { (PRINTABLE_PX * 100.0 / px).floor() } else { 100.0 };
    // In 70..=100, so the conversion is exact.
    scale.clamp(MIN_PRINT_SCALE, 100.0) as u16
}

/// Narrows the widest text columns of a sheet's main table, one step at a
/// time and never below `PRINT_FLOOR`, until the table fits the page's
/// width at `MIN_PRINT_SCALE`. Their text wraps onto more lines (the row
/// heights are computed from these widths). Number columns are narrower
/// than the floor and never touched; a table of many columns that still
/// does not fit prints on more than one page across.
fn fit_for_print(widths: &mut [f64], table: &Table) {
    let budget = PRINTABLE_PX * 100.0 / MIN_PRINT_SCALE;
    let shrinkable = |i: usize| table.columns.get(i).is_some_and(|c| c.max_width >= styles::TEXT_MAX_WIDTH);
    while widths.iter().map(|w| column_px(*w)).sum::<f64>() > budget {
        let widest = widths
            .iter_mut()
            .enumerate()
            .filter(|(i, w)| shrinkable(*i) && **w > PRINT_FLOOR)
            .max_by(|(_, a), (_, b)| a.total_cmp(b));
        let Some((_, width)) = widest else { break };
        *width = (*width - 1.0).max(PRINT_FLOOR);
    }
}

/// Each column's width: its header on at most three lines, its longest
/// value on one line, within the column's bounds.
fn widths(table: &Table, rows: &[Row]) -> Vec<f64> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let values = rows.iter().map(|r| &r.cells).chain(table.total.iter());
            let content =
                values.filter_map(|cells| cells.get(i)).map(|cell| longest_line(cell)).fold(0.0, f64::max);
            styles::header_width(&column.header).max(content).clamp(styles::MIN_WIDTH, column.max_width)
        })
        .collect()
}

fn longest_line(cell: &Cell) -> f64 {
    let shown = cell.shown();
    let chars = shown.split('\n').map(|l| l.chars().count()).max().unwrap_or(0);
    styles::content_width(cell.kind(), chars)
}

fn write_cell(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    cell: &Cell,
    bold: bool,
    row_cells: &[Cell],
) -> Result<(), XlsxError> {
    let format = |status| styles::cell(cell.kind(), status, bold);
    match cell {
        // A blank with a format keeps the grid and the total row's ground whole.
        Cell::Empty => ws.write_blank(row, col, &format(None)).map(|_| ()),
        Cell::EjKand(reason) => {
            ws.write_blank(row, col, &format(None))?;
            if !row_says(row_cells, reason) {
                ws.insert_note(row, col, &note(reason))?;
            }
            Ok(())
        }
        Cell::Text(text) | Cell::Code(text) => {
            ws.write_string_with_format(row, col, fit(text, MAX_TEXT), &format(None)).map(|_| ())
        }
        Cell::Colored(text, status) => {
            ws.write_string_with_format(row, col, fit(text, MAX_TEXT), &format(*status)).map(|_| ())
        }
        Cell::Count(n) => ws.write_number_with_format(row, col, f64::from(*n), &format(None)).map(|_| ()),
        Cell::Kr(value) | Cell::Andel(value) => match value.to_f64() {
            Some(number) => ws.write_number_with_format(row, col, number, &format(None)).map(|_| ()),
            None => ws.write_string_with_format(row, col, value.to_string(), &format(None)).map(|_| ()),
        },
        Cell::Date(date) => match excel_date(*date) {
            Some(date) => ws.write_datetime_with_format(row, col, &date, &format(None)).map(|_| ()),
            None => ws.write_string_with_format(row, col, date.to_string(), &format(None)).map(|_| ()),
        },
        Cell::Bedomd(bedomd) => {
            ws.write_string_with_format(
                row,
                col,
                fit(&bedomd_text(bedomd), MAX_TEXT),
                &format(bedomd.status),
            )?;
            if let Some(reasons) = bedomd_reasons(bedomd, row_cells) {
                ws.insert_note(row, col, &note(&reasons))?;
            }
            Ok(())
        }
    }
}

/// A note sized to its text, without the author's name in front of it.
fn note(text: &str) -> Note {
    let text = fit(text, MAX_NOTE);
    let lines: usize = text.split('\n').map(|p| p.chars().count().div_ceil(NOTE_CHARS_PER_LINE).max(1)).sum();
    let height = u32::try_from(lines.clamp(2, 40) * 15 + 10).unwrap_or(600);
    Note::new(text).add_author_prefix(false).set_width(NOTE_WIDTH).set_height(height)
}

/// A date Excel can hold (1900–9999), else `None` (written as text).
fn excel_date(date: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(date.year()).ok()?;
    ExcelDateTime::from_ymd(year, u8::try_from(date.month()).ok()?, u8::try_from(date.day()).ok()?).ok()
}

/// `text` cut to at most `max` UTF-16 units (Excel's measure), on a char
/// boundary, with an ellipsis when cut.
pub(super) fn fit(text: &str, max: usize) -> String {
    if text.encode_utf16().count() <= max {
        return text.to_string();
    }
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        used += c.len_utf16();
        if used > max.saturating_sub(1) {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_within_excels_limit() {
        let long = "å".repeat(40_000);
        let cut = fit(&long, MAX_TEXT);
        assert!(cut.encode_utf16().count() <= MAX_TEXT);
        assert!(cut.ends_with('…'));
        assert_eq!(fit("kort", MAX_TEXT), "kort");
    }

    #[test]
    fn an_override_is_marked_and_its_reason_kept() {
        let mut bedomd = Bedomd::new("Ok", Some(Status::Gron)).with_anmarkning("Sen start förklarar.");
        assert_eq!(bedomd_text(&bedomd), "Ok");
        bedomd.bedomning = Some("Avvikelserapport inkommen.".into());
        assert_eq!(bedomd_text(&bedomd), "Ok †");
        assert_eq!(
            bedomd_reasons(&bedomd, &[]).as_deref(),
            Some("Sen start förklarar.\nKansliets bedömning: Avvikelserapport inkommen.")
        );
        assert_eq!(bedomd_reasons(&Bedomd::new("Ja", None), &[]), None);
    }

    #[test]
    fn a_note_leaves_out_what_its_row_already_says() {
        let mut bedomd = Bedomd::new("Gul", Some(Status::Gul)).with_anmarkning("Sen start.");
        bedomd.bedomning = Some("Avvikelserapport inkommen.".into());
        let said = anmarkningar(&[("Budget", &bedomd)]);
        assert_eq!(bedomd_reasons(&bedomd, &[Cell::Bedomd(&bedomd), said]), None);
        let only_remark = Cell::text("Budget: Sen start.");
        assert_eq!(
            bedomd_reasons(&bedomd, &[only_remark]).as_deref(),
            Some("Kansliets bedömning: Avvikelserapport inkommen.")
        );
    }

    fn table_of(columns: Vec<Column>) -> Table<'static> {
        Table { name: "T", columns, rows: Vec::new(), total: None, when_empty: (0, String::new()) }
    }

    #[test]
    fn a_wide_table_is_narrowed_to_print_at_seventy_percent_and_no_narrower() {
        let columns = vec![
            Column::new("Insats"),
            Column::new("Antal"),
            Column::prose("A"),
            Column::prose("B"),
            Column::prose("C"),
        ];
        let table = table_of(columns);
        let mut widths = vec![40.0, 9.0, 64.0, 64.0, 64.0];
        fit_for_print(&mut widths, &table);
        let px: f64 = widths.iter().map(|w| column_px(*w)).sum();
        assert!(px <= PRINTABLE_PX * 100.0 / MIN_PRINT_SCALE, "{widths:?}");
        assert_eq!(print_scale(px), 70, "{widths:?}");
        assert_eq!(widths[1], 9.0, "a number column is left as it is");
        assert!(widths[2..].iter().all(|w| *w < 64.0), "the widest text columns give way: {widths:?}");

        // Too many columns to fit even at the floor: each text column stops there.
        let table = table_of(vec![Column::prose("A"); 12]);
        let mut widths = vec![64.0; 12];
        fit_for_print(&mut widths, &table);
        assert!(widths.iter().all(|w| *w == PRINT_FLOOR), "{widths:?}");
    }

    #[test]
    fn a_narrow_table_prints_unscaled() {
        assert_eq!(print_scale(column_px(30.0) + column_px(10.0)), 100);
    }

    #[test]
    fn dates_excel_cannot_hold_are_refused() {
        assert!(excel_date(NaiveDate::from_ymd_opt(2018, 6, 30).unwrap()).is_some());
        assert!(excel_date(NaiveDate::from_ymd_opt(1850, 1, 1).unwrap()).is_none());
    }
}
