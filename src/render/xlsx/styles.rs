//! The workbook's look: status fills, number formats, fonts, and the
//! estimates that size columns and rows to their text.
//!
//! Column widths and row heights are set explicitly because neither Excel
//! nor LibreOffice fits them when a generated file is opened; the estimates
//! err wide, since a cut figure is worse than a little white space.

use crate::register::Status;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// Amounts as Swedish Excel shows them: `1 051 000 kr` (the comma is the
/// locale's thousands separator, a space in Sweden).
pub(super) use crate::xlsx_style::{DATE_FORMAT, KR_FORMAT};
/// Shares are stored as fractions and shown as `55 %`.
pub(super) const ANDEL_FORMAT: &str = "0 %";

const HEADING_TEXT: u32 = 0x1F3864;
const HEADER_FILL: u32 = 0xD9E1F2;
const SUM_FILL: u32 = 0xF2F2F2;
const HELP_TEXT: u32 = 0x595959;
const GRID: u32 = 0xBFBFBF;

/// Points per line of 11 pt text, and the space added to a wrapped row.
pub(super) const LINE_HEIGHT: f64 = 15.0;
const ROW_PADDING: f64 = 3.0;

/// Characters of proportional text per unit of column width (the width of
/// a digit). Calibri runs about 1.25; less keeps room for wider fonts.
const CHARS_PER_WIDTH: f64 = 1.15;
/// Room for the cell's inner margins.
const CELL_MARGIN: f64 = 1.5;
/// Room for the filter button a table puts in each header cell.
const FILTER_BUTTON: f64 = 2.5;
pub(super) const MIN_WIDTH: f64 = 7.0;
/// The tab colour of kansliet's working sheets: a quiet grey.
pub(super) const KANSLIET_TAB: u32 = 0x808080;
/// The widest a column grows before its text wraps.
pub(super) const TEXT_MAX_WIDTH: f64 = 50.0;
/// Columns of sentences (comments, remarks, messages) may grow wider.
pub(super) const PROSE_MAX_WIDTH: f64 = 64.0;
/// A header wraps over at most this many lines.
const HEADER_LINES: usize = 2;
/// Bold header text runs a little wider than body text.
const HEADER_CHARS_PER_WIDTH: f64 = 1.05;

/// Excel's own Good, Neutral and Bad: (fill, font colour).
pub(crate) fn status_colors(status: Status) -> (u32, u32) {
    match status {
        Status::Gron => (0xC6EFCE, 0x006100),
        Status::Gul => (0xFFEB9C, 0x9C5700),
        Status::Rod => (0xFFC7CE, 0x9C0006),
    }
}

/// What a cell holds, for its number format and alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Text,
    Code,
    Count,
    Kr,
    Andel,
    Date,
}

/// Thin grey lines round every table cell. Excel draws a table's style
/// itself, but LibreOffice and printouts show only what the cells say.
fn gridded() -> Format {
    Format::new().set_border(FormatBorder::Thin).set_border_color(Color::RGB(GRID))
}

/// The format of a table cell: text at the top and wrapped (a code never);
/// numbers right; `bold` for total and sum rows, on a grey ground.
pub(super) fn cell(kind: Kind, status: Option<Status>, bold: bool) -> Format {
    let mut format = gridded().set_align(FormatAlign::Top);
    format = match kind {
        Kind::Text => format.set_text_wrap(),
        Kind::Code | Kind::Count => format,
        Kind::Kr => format.set_num_format(KR_FORMAT),
        Kind::Andel => format.set_num_format(ANDEL_FORMAT),
        Kind::Date => format.set_num_format(DATE_FORMAT).set_align(FormatAlign::Left),
    };
    if let Some(status) = status {
        let (fill, font) = status_colors(status);
        format = format.set_background_color(Color::RGB(fill)).set_font_color(Color::RGB(font));
    } else if bold {
        format = format.set_background_color(Color::RGB(SUM_FILL));
    }
    if bold { format.set_bold() } else { format }
}

/// A table's header cells: bold and wrapped, so long Swedish headers take
/// two or three lines rather than a wide column.
pub(super) fn header() -> Format {
    gridded()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_font_color(Color::RGB(HEADING_TEXT))
        .set_background_color(Color::RGB(HEADER_FILL))
}

pub(super) fn title() -> Format {
    Format::new().set_bold().set_font_size(15).set_font_color(Color::RGB(HEADING_TEXT))
}

pub(super) fn caption() -> Format {
    Format::new().set_italic().set_font_color(Color::RGB(HELP_TEXT))
}

/// A legend cell: a status colour with its meaning written in it.
pub(super) fn legend(status: Option<Status>) -> Format {
    let format = gridded();
    match status {
        Some(status) => {
            let (fill, font) = status_colors(status);
            format.set_background_color(Color::RGB(fill)).set_font_color(Color::RGB(font))
        }
        None => format,
    }
}

/// The width a column needs to show `chars` characters of `kind` unwrapped.
pub(super) fn content_width(kind: Kind, chars: usize) -> f64 {
    let chars = chars as f64;
    match kind {
        // Digits, spaces and "kr" are about one unit each.
        Kind::Code | Kind::Count | Kind::Kr | Kind::Andel | Kind::Date => chars + CELL_MARGIN,
        Kind::Text => chars / CHARS_PER_WIDTH + CELL_MARGIN,
    }
}

/// The width a header needs: its longest word on one line, and at most
/// [`HEADER_LINES`] lines in all.
pub(super) fn header_width(header: &str) -> f64 {
    let longest_word = header.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
    let by_lines = header.chars().count().div_ceil(HEADER_LINES);
    (longest_word.max(by_lines) as f64) / HEADER_CHARS_PER_WIDTH + CELL_MARGIN + FILTER_BUTTON
}

/// Lines `text` takes word-wrapped in a column `width` wide.
pub(super) fn lines(text: &str, width: f64, is_header: bool) -> usize {
    let usable = width - CELL_MARGIN - if is_header { FILTER_BUTTON } else { 0.0 };
    let factor = if is_header { HEADER_CHARS_PER_WIDTH } else { CHARS_PER_WIDTH };
    // The epsilon keeps a text that just fits from counting as two lines.
    let per_line = (usable * factor + 0.01).max(1.0) as usize;
    crate::xlsx_style::text_lines(text, per_line)
}

/// The height of a row whose tallest cell takes `lines` lines.
pub(super) fn row_height(lines: usize) -> f64 {
    lines.max(1) as f64 * LINE_HEIGHT + ROW_PADDING
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_headers_wrap_rather_than_widen() {
        let header = "Insatsen ligger i fas gällande uppsatta mål";
        assert!(header_width(header) < 28.0);
        assert!(lines(header, header_width(header), true) <= HEADER_LINES);
        assert!(header_width("Id") >= 5.0);
    }

    #[test]
    fn amounts_get_a_digit_per_unit_and_text_a_little_less() {
        assert_eq!(content_width(Kind::Kr, 13), 14.5);
        assert!(content_width(Kind::Text, 13) < 14.5);
    }
}
