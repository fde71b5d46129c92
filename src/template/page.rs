//! The sheet as a printed form and a protected one: columns, A4 portrait
//! one page wide, page breaks between sections, footer, protection, and the
//! cell the sheet opens at.

use super::layout::{COL_HELP, Layout, Line};
use super::{Prefill, style};
use crate::contract;
use crate::workbook::Position;
use rust_xlsxwriter::{ProtectionOptions, Worksheet, XlsxError};

/// A4 in points, and the margins in inches as Excel takes them.
const PAPER_A4: u8 = 9;
const PAGE_HEIGHT: f64 = 841.9;
const PAGE_WIDTH: f64 = 595.3;
const MARGIN_SIDE: f64 = 0.6;
const MARGIN_TOP_BOTTOM: f64 = 0.7;
const MARGIN_HEADER_FOOTER: f64 = 0.3;

/// Share of a page our breaks fill at most: the page's real capacity
/// depends on the program's fonts, and a break placed after the program's
/// own would leave a nearly empty page.
const PAGE_FILL: f64 = 0.95;

/// A section that does not fit starts a new page when less than this share
/// of the page is left; with more room it is split between its rows.
const SPLIT_ROOM: f64 = 0.3;

/// Sets up printing, protection and selection for a sheet written with
/// row `heights`.
pub fn set_up(
    ws: &mut Worksheet,
    layout: &Layout,
    heights: &[f64],
    prefill: Option<&Prefill>,
) -> Result<(), XlsxError> {
    for (col, width) in (0u16..).zip(style::COLUMN_WIDTHS) {
        ws.set_column_width(col, width)?;
    }
    ws.set_screen_gridlines(false);
    ws.set_paper_size(PAPER_A4);
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(
        MARGIN_SIDE,
        MARGIN_SIDE,
        MARGIN_TOP_BOTTOM,
        MARGIN_TOP_BOTTOM,
        MARGIN_HEADER_FOOTER,
        MARGIN_HEADER_FOOTER,
    );
    ws.set_print_area(0, 0, layout.last_row(), COL_HELP)?;
    ws.set_page_breaks(&page_breaks(&layout.lines, heights, page_capacity()))?;
    ws.set_footer(footer(prefill));
    // Rows and columns may be resized so a long answer can be read; the
    // protection guards against slips, not people, so it has no password.
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::new()
    });
    if let Some(first) = first_input(layout) {
        let col = u16::try_from(first.col).unwrap_or(0);
        ws.set_selection(first.row, col, first.row, col)?;
    }
    Ok(())
}

/// Points of rows one printed page holds once the sheet is scaled to the
/// page's width, as Excel sizes columns (7 pixels a unit plus 5).
fn page_capacity() -> f64 {
    let sheet_width: f64 = style::COLUMN_WIDTHS.iter().map(|w| (w * 7.0 + 5.0) * 0.75).sum();
    let printable_width = PAGE_WIDTH - 2.0 * MARGIN_SIDE * 72.0;
    let printable_height = PAGE_HEIGHT - 2.0 * MARGIN_TOP_BOTTOM * 72.0;
    let scale = (printable_width / sheet_width).min(1.0);
    printable_height / scale * PAGE_FILL
}

/// Rows to start a new page at. A page never starts inside a heading and
/// what it introduces (intro, column headers, first row), and a section
/// that does not fit on the little left of a page moves to the next one.
fn page_breaks(lines: &[Line], heights: &[f64], capacity: f64) -> Vec<u32> {
    let mut breaks = Vec::new();
    let mut used = 0.0;
    for (index, (line, height)) in lines.iter().zip(heights).enumerate() {
        if used > 0.0 && may_start_page(lines, index) {
            let overflows = used + kept_together(lines, heights, index) > capacity;
            let section_moves = matches!(line, Line::Heading(_))
                && used + section_height(lines, heights, index) > capacity
                && capacity - used < capacity * SPLIT_ROOM;
            if overflows || section_moves {
                breaks.push(u32::try_from(index).unwrap_or(u32::MAX));
                used = 0.0;
            }
        }
        used += height;
    }
    breaks
}

/// Whether a printed page may begin with the row at `index`: not with a
/// spacer, not between a heading or column header and what follows it, and
/// not with the last row of a section alone.
fn may_start_page(lines: &[Line], index: usize) -> bool {
    let leads = |line: &Line| {
        matches!(
            line,
            Line::Title
                | Line::Heading(_)
                | Line::Intro(_)
                | Line::GenderHeader
                | Line::GoalLabel(_)
                | Line::GoalHeader
        )
    };
    let previous = index.checked_sub(1).and_then(|i| lines.get(i));
    match lines.get(index) {
        Some(Line::Heading(_)) => true,
        Some(Line::Spacer | Line::Instruction) | None => false,
        Some(_) => !previous.is_some_and(leads) && !ends_section(lines, index),
    }
}

fn ends_section(lines: &[Line], index: usize) -> bool {
    matches!(lines.get(index + 1), Some(Line::Spacer) | None)
}

/// The height of the row at `index` and of the rows that must stay with it.
fn kept_together(lines: &[Line], heights: &[f64], index: usize) -> f64 {
    let own = heights.get(index).copied().unwrap_or_default();
    let glued: f64 = (index + 1..heights.len())
        .take_while(|i| !may_start_page(lines, *i))
        .filter_map(|i| heights.get(i))
        .sum();
    own + glued
}

/// The height of the section whose heading is at `index`, up to the next heading.
fn section_height(lines: &[Line], heights: &[f64], index: usize) -> f64 {
    let next = (index + 1..lines.len())
        .find(|i| matches!(lines.get(*i), Some(Line::Heading(_))))
        .unwrap_or(lines.len());
    heights.get(index..next).unwrap_or_default().iter().sum()
}

/// "2017:48, 2018-K2" on the left of every printed page, the page number on
/// the right, so loose pages can be told apart.
fn footer(prefill: Option<&Prefill>) -> String {
    let who = prefill.map_or_else(String::new, |p| {
        let id: String = p.insats_id.chars().take(60).collect();
        format!("{id}, {}", p.kvartal).replace('&', "&&")
    });
    format!("&L{who}&RSida &P av &N")
}

/// The first cell the styrgrupp fills in.
fn first_input(layout: &Layout) -> Option<Position> {
    layout
        .cells
        .iter()
        .find(|(name, _)| contract::field(name).is_some_and(|f| !f.locked))
        .map(|(_, area)| area.first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Section;

    fn field() -> &'static crate::contract::Field {
        &crate::contract::FIELDS[5]
    }

    #[test]
    fn a_section_that_does_not_fit_in_little_room_starts_a_new_page() {
        let lines = [
            Line::Heading(Section::Identitet),
            Line::Single(field()),
            Line::Spacer,
            Line::Heading(Section::Rapport),
            Line::Intro(Section::Rapport),
            Line::Single(field()),
            Line::Single(field()),
        ];
        let heights = [10.0, 70.0, 5.0, 10.0, 10.0, 10.0, 10.0];
        assert_eq!(page_breaks(&lines, &heights, 100.0), [3]);
        assert!(page_breaks(&lines, &heights, 1000.0).is_empty());
    }

    #[test]
    fn a_section_is_split_between_rows_when_there_is_room() {
        let lines = [
            Line::Heading(Section::Identitet),
            Line::Single(field()),
            Line::Heading(Section::Rapport),
            Line::Intro(Section::Rapport),
            Line::Single(field()),
            Line::Single(field()),
            Line::Single(field()),
            Line::Single(field()),
        ];
        let heights = [10.0, 20.0, 10.0, 10.0, 20.0, 20.0, 20.0, 20.0];
        // The heading, intro and first row stay together; the next rows move,
        // never the last one alone.
        assert!(!may_start_page(&lines, 7));
        assert_eq!(page_breaks(&lines, &heights, 100.0), [6]);
        assert!(!may_start_page(&lines, 3));
        assert!(!may_start_page(&lines, 4));
        assert_eq!(kept_together(&lines, &heights, 2), 40.0);
        assert_eq!(section_height(&lines, &heights, 2), 100.0);
    }

    #[test]
    fn a_page_holds_more_than_the_paper_because_the_sheet_is_scaled_down() {
        let capacity = page_capacity();
        assert!(capacity > 700.0 && capacity < 1000.0, "{capacity}");
    }

    #[test]
    fn footer_names_the_insats_and_escapes_ampersands() {
        assert_eq!(footer(None), "&L&RSida &P av &N");
        let prefill = Prefill {
            insats_id: "A&B".into(),
            insats_namn: String::new(),
            kvartal: crate::period::Kvartal { ar: 2018, kvartal: 2 },
            budget_kr: None,
            goals: vec![],
            inriktning: crate::register::Inriktning::Individ,
            forvantat_antal_deltagare: None,
        };
        assert_eq!(footer(Some(&prefill)), "&LA&&B, 2018-K2&RSida &P av &N");
    }
}
