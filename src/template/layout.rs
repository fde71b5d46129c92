//! Where everything of the template goes, computed from
//! [`crate::contract::FIELDS`] alone, without touching a workbook.
//!
//! The sheet is one line per row: the title, the instruction, then per section
//! a heading, its intro and its fields in contract order. The writer walks
//! these lines; the defined names and [`super::field_cells`] come from the same
//! walk, so a name can never point elsewhere than where its cell was written.

use crate::contract::{FIELDS, Field, FieldType, Gender, Section};
use crate::workbook::{Area, Position};

/// The sheet that carries the report; part of every defined name's target.
pub const SHEET: &str = "Rapport";

/// Column of labels (and of the goal texts in `mal_lista`).
pub const COL_LABEL: u16 = 0;
/// Column of the input cell, and of women in a women/men pair.
pub const COL_INPUT: u16 = 1;
/// Column of men in a pair, and of the goal comments.
pub const COL_SECOND: u16 = 2;
/// Column of help texts; the last column of the sheet.
pub const COL_HELP: u16 = 3;

/// Goal rows offered even when the register knows fewer goals, so every
/// report has room for the goals of a typical application.
pub const MIN_GOAL_ROWS: usize = 10;

/// What one row of the sheet shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    Title,
    Instruction,
    /// An empty row between blocks.
    Spacer,
    Heading(Section),
    Intro(Section),
    /// The "Kvinnor | Män" header above a section's first pair.
    GenderHeader,
    /// One field on a row of its own.
    Single(&'static Field),
    /// Women and men of one question on one row.
    Pair {
        kvinnor: &'static Field,
        man: &'static Field,
    },
    /// The label and help above the goal block.
    GoalLabel(&'static Field),
    /// The column headers of the goal block.
    GoalHeader,
    /// One row of the goal block; `index` is 0-based.
    GoalRow {
        block: &'static Field,
        index: usize,
    },
}

/// The template's rows and where each defined name points.
#[derive(Debug, Clone)]
pub struct Layout {
    /// One line per row; the index is the 0-based row number.
    pub lines: Vec<Line>,
    /// Every field's defined name and its cell (the block for `mal_lista`).
    pub cells: Vec<(&'static str, Area)>,
}

impl Layout {
    /// Lays the contract out with `goal_rows` rows in the goal block
    /// (at least [`MIN_GOAL_ROWS`]).
    pub fn new(goal_rows: usize) -> Layout {
        let mut builder = Builder { goal_rows: goal_rows.max(MIN_GOAL_ROWS), ..Builder::default() };
        builder.push(Line::Title);
        builder.push(Line::Instruction);
        let mut fields = FIELDS.iter().peekable();
        let mut section = None;
        while let Some(field) = fields.next() {
            if section != Some(field.section) {
                builder.start_section(field.section);
                section = Some(field.section);
            }
            let partner = fields.next_if(|next| is_partner(field, next));
            builder.place(field, partner);
        }
        builder.finish()
    }

    /// The last row in use (0-based), for the print area.
    pub fn last_row(&self) -> u32 {
        row_number(self.lines.len().saturating_sub(1))
    }
}

/// True when `next` is the men's half of the women's field `field`.
fn is_partner(field: &Field, next: &Field) -> bool {
    field.gender == Some(Gender::Kvinnor)
        && next.gender == Some(Gender::Man)
        && next.section == field.section
        && next.label == field.label
}

/// Rows are few (under a hundred plus the goals), far below `u32::MAX`.
fn row_number(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

#[derive(Default)]
struct Builder {
    lines: Vec<Line>,
    cells: Vec<(&'static str, Area)>,
    goal_rows: usize,
    /// Whether the current section has shown its "Kvinnor | Män" header.
    gender_header_done: bool,
}

impl Builder {
    /// Adds a line and returns its row.
    fn push(&mut self, line: Line) -> u32 {
        self.lines.push(line);
        row_number(self.lines.len().saturating_sub(1))
    }

    fn start_section(&mut self, section: Section) {
        self.push(Line::Spacer);
        self.push(Line::Heading(section));
        self.push(Line::Intro(section));
        self.gender_header_done = false;
    }

    fn place(&mut self, field: &'static Field, partner: Option<&'static Field>) {
        if let Some(man) = partner {
            if !self.gender_header_done {
                self.push(Line::GenderHeader);
                self.gender_header_done = true;
            }
            let row = self.push(Line::Pair { kvinnor: field, man });
            self.name(field, cell(row, COL_INPUT), cell(row, COL_INPUT));
            self.name(man, cell(row, COL_SECOND), cell(row, COL_SECOND));
        } else if field.ty == FieldType::GoalBlock {
            self.place_goal_block(field);
        } else {
            let row = self.push(Line::Single(field));
            self.name(field, cell(row, COL_INPUT), cell(row, COL_INPUT));
        }
    }

    fn place_goal_block(&mut self, field: &'static Field) {
        self.push(Line::GoalLabel(field));
        self.push(Line::GoalHeader);
        let first = row_number(self.lines.len());
        for index in 0..self.goal_rows {
            self.push(Line::GoalRow { block: field, index });
        }
        let last = row_number(self.lines.len().saturating_sub(1));
        // The block's columns are the contract's: goal, status, comment.
        let last_col = COL_LABEL + crate::contract::GOAL_BLOCK_COLUMNS as u16 - 1;
        self.name(field, cell(first, COL_LABEL), cell(last, last_col));
    }

    fn name(&mut self, field: &'static Field, first: Position, last: Position) {
        self.cells.push((field.name, Area { sheet: SHEET.to_string(), first, last }));
    }

    fn finish(self) -> Layout {
        Layout { lines: self.lines, cells: self.cells }
    }
}

fn cell(row: u32, col: u16) -> Position {
    Position::new(row, u32::from(col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_gets_exactly_one_cell() {
        let layout = Layout::new(0);
        let names: Vec<&str> = layout.cells.iter().map(|(name, _)| *name).collect();
        let contract: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        assert_eq!(names, contract);
    }

    #[test]
    fn pairs_share_a_row_under_one_gender_header_per_section() {
        let layout = Layout::new(0);
        let headers = layout.lines.iter().filter(|l| **l == Line::GenderHeader).count();
        let sections_with_pairs = Section::ALL
            .iter()
            .filter(|s| FIELDS.iter().any(|f| f.section == **s && f.gender.is_some()))
            .count();
        assert_eq!(headers, sections_with_pairs);
        let area = |name: &str| layout.cells.iter().find(|(n, _)| *n == name).map(|(_, a)| a.clone());
        let (Some(women), Some(men)) = (area("deltagare_nya_kvinnor"), area("deltagare_nya_man")) else {
            panic!("pair missing");
        };
        assert_eq!(women.first.row, men.first.row);
        assert_eq!((women.first.col, men.first.col), (1, 2));
    }

    #[test]
    fn goal_block_grows_with_the_goals_but_never_below_the_minimum() {
        for (asked, rows) in [(0, MIN_GOAL_ROWS), (3, MIN_GOAL_ROWS), (14, 14)] {
            let layout = Layout::new(asked);
            let goal_lines: Vec<u32> = (0u32..)
                .zip(&layout.lines)
                .filter(|(_, line)| matches!(line, Line::GoalRow { .. }))
                .map(|(row, _)| row)
                .collect();
            assert_eq!(goal_lines.len(), rows);
            let area = layout.cells.iter().find(|(n, _)| *n == "mal_lista").map(|(_, a)| a.clone());
            let Some(area) = area else { panic!("mal_lista missing") };
            assert_eq!(
                (Some(&area.first.row), Some(&area.last.row)),
                (goal_lines.first(), goal_lines.last())
            );
            assert_eq!((area.first.col, area.last.col), (0, 2));
        }
    }
}
