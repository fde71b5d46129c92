//! The template's look: colours, fonts, number formats, column widths.
//!
//! Yellow with a border means "fill in"; grey means "filled in by kansliet,
//! locked". Everything else is locked too, so under sheet protection only the
//! yellow cells take input.

use crate::contract::FieldType;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// Widths of columns A–D in Excel's unit (the width of a digit). B and C
/// each hold the longest `Målstatus` option; merged, the longest `Närvaro`
/// and `IFas` options.
pub const LABEL_WIDTH: f64 = 40.0;
pub const INPUT_WIDTH: f64 = 16.0;
pub const SECOND_WIDTH: f64 = 16.0;
pub const HELP_WIDTH: f64 = 44.0;
/// The help column loses about two characters to its indent.
pub const HELP_TEXT_WIDTH: f64 = HELP_WIDTH - 2.0;
pub const COLUMN_WIDTHS: [f64; 4] = [LABEL_WIDTH, INPUT_WIDTH, SECOND_WIDTH, HELP_WIDTH];
pub const FULL_WIDTH: f64 = LABEL_WIDTH + INPUT_WIDTH + SECOND_WIDTH + HELP_WIDTH;

/// Font sizes in points: body text and the smaller help text.
pub const BODY_SIZE: f64 = 11.0;
pub const HELP_SIZE: f64 = 9.0;

/// Row heights in points.
pub const DEFAULT_HEIGHT: f64 = 15.0;
pub const HEADING_HEIGHT: f64 = 21.0;
pub const TITLE_HEIGHT: f64 = 27.0;
pub const SPACER_HEIGHT: f64 = 9.0;
/// The least height of a row with an input, so the yellow boxes read as boxes.
pub const FIELD_MIN_HEIGHT: f64 = 18.0;
/// An answer box for a comment, and the larger one for the analysis.
pub const COMMENT_HEIGHT: f64 = 60.0;
pub const ANALYSIS_HEIGHT: f64 = 150.0;
/// Space above and below the text of a row.
const ROW_PADDING: f64 = 4.0;

/// Characters of body text per unit of column width. Proportional text runs
/// about 1.25 characters per digit width; a little less keeps a margin for
/// fonts wider than Calibri (LibreOffice without it uses DejaVu Sans).
const CHARS_PER_WIDTH: f64 = 1.15;

/// Points needed to show `text` word-wrapped in a cell `width` wide at
/// `size` pt. Rows are given heights explicitly because neither Excel (in
/// merged cells) nor LibreOffice (on opening an xlsx) fits them to text.
pub fn text_height(text: &str, width: f64, size: f64) -> f64 {
    if text.is_empty() {
        return 0.0;
    }
    let per_line = (width * CHARS_PER_WIDTH * BODY_SIZE / size).max(1.0) as usize;
    let lines = crate::xlsx_style::text_lines(text, per_line);
    lines as f64 * line_height(size)
}

/// The height of a row holding texts of the given heights side by side.
pub fn row_height(heights: &[f64], least: f64) -> f64 {
    let tallest = heights.iter().copied().fold(0.0, f64::max);
    (tallest + ROW_PADDING).max(least)
}

/// Excel's default: 15 pt rows for 11 pt text.
fn line_height(size: f64) -> f64 {
    size * 15.0 / 11.0
}

const INPUT_FILL: u32 = 0xFFF2CC;
const LOCKED_FILL: u32 = 0xE7E6E6;
const BORDER: u32 = 0x8C8C8C;
const HEADING_FILL: u32 = 0xD9E1F2;
const HEADING_TEXT: u32 = 0x1F3864;
const HELP_TEXT: u32 = 0x595959;
const INSTRUCTION_FILL: u32 = 0xF2F2F2;

pub use crate::xlsx_style::{DATE_FORMAT, KR_FORMAT};

/// How a value cell displays its number, by the field's type.
fn number_format(format: Format, ty: FieldType) -> Format {
    match ty {
        FieldType::Kr => format.set_num_format(KR_FORMAT),
        FieldType::Date => format.set_num_format(DATE_FORMAT),
        _ => format,
    }
}

fn boxed(fill: u32) -> Format {
    Format::new()
        .set_background_color(Color::RGB(fill))
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(BORDER))
        .set_align(FormatAlign::VerticalCenter)
        .set_align(FormatAlign::Left)
        .set_text_wrap()
}

/// A yellow, unlocked cell for an answer of type `ty`.
pub fn input(ty: FieldType) -> Format {
    number_format(boxed(INPUT_FILL).set_unlocked(), ty)
}

/// A yellow answer box for free text: text starts at the top left.
pub fn text_box_input() -> Format {
    boxed(INPUT_FILL).set_unlocked().set_align(FormatAlign::Top).set_align(FormatAlign::Left)
}

/// A grey, locked cell prefilled by kansliet.
pub fn locked(ty: FieldType) -> Format {
    number_format(boxed(LOCKED_FILL).set_locked(), ty)
}

pub fn title() -> Format {
    Format::new().set_bold().set_font_size(16).set_font_color(Color::RGB(HEADING_TEXT))
}

pub fn instruction() -> Format {
    Format::new()
        .set_background_color(Color::RGB(INSTRUCTION_FILL))
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(BORDER))
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

pub fn heading() -> Format {
    Format::new()
        .set_bold()
        .set_font_size(12)
        .set_font_color(Color::RGB(HEADING_TEXT))
        .set_background_color(Color::RGB(HEADING_FILL))
        .set_border_bottom(FormatBorder::Thin)
        .set_border_bottom_color(Color::RGB(HEADING_TEXT))
        .set_align(FormatAlign::VerticalCenter)
}

pub fn intro() -> Format {
    Format::new()
        .set_italic()
        .set_font_color(Color::RGB(HELP_TEXT))
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

/// The label beside an input.
pub fn label() -> Format {
    Format::new().set_text_wrap().set_align(FormatAlign::VerticalCenter)
}

/// The help text beside an input, smaller and grey, kept off the input's border.
pub fn help() -> Format {
    Format::new()
        .set_indent(1)
        .set_font_size(HELP_SIZE)
        .set_font_color(Color::RGB(HELP_TEXT))
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

/// The help part of a label cell that carries both label and help.
pub fn help_run() -> Format {
    Format::new().set_font_size(HELP_SIZE).set_font_color(Color::RGB(HELP_TEXT))
}

/// Column headers such as "Kvinnor | Män" and "Mål | Status | Kommentar".
pub fn column_header() -> Format {
    Format::new()
        .set_bold()
        .set_font_size(10)
        .set_font_color(Color::RGB(HEADING_TEXT))
        .set_border_bottom(FormatBorder::Thin)
        .set_border_bottom_color(Color::RGB(BORDER))
        .set_align(FormatAlign::Center)
}

/// A column header over the label column, aligned with the labels.
pub fn column_header_left() -> Format {
    column_header().set_align(FormatAlign::Left)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taller_rows_for_longer_and_multi_paragraph_text() {
        assert_eq!(text_height("", 40.0, BODY_SIZE), 0.0);
        assert_eq!(text_height("kort", 40.0, BODY_SIZE), 15.0);
        assert_eq!(text_height("kort\nkort", 40.0, BODY_SIZE), 30.0);
        assert!(text_height(&"ord ".repeat(40), 40.0, BODY_SIZE) >= 45.0);
        assert_eq!(row_height(&[15.0, 30.0], 18.0), 34.0);
        assert_eq!(row_height(&[], 18.0), 18.0);
    }
}
