//! Reads the contract's fields out of one workbook by their defined names:
//! every field becomes a typed [`Value`] or a finding, with the cell it came
//! from remembered for later messages.

use super::messages;
use crate::contract::{self, ChoiceList, Field, FieldType, GOAL_BLOCK_COLUMNS};
use crate::finding::Finding;
use crate::pnr;
use crate::value::{self, CellValue, ValueError};
use crate::workbook::{Area, Position, ReadError, SparseSheet, Workbook, parse_reference};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// The most goal rows read from `mal_lista`: far above any application's
/// goals, and a bound on a block a hostile name could stretch over a sheet.
pub const MAX_GOAL_ROWS: u32 = 100;

/// One field's value after parsing by its contract type.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(u32),
    Kr(Decimal),
    Date(NaiveDate),
    /// A choice, as the list's canonical spelling.
    Choice(&'static str),
    Goals(Vec<GoalRow>),
}

/// One row of `mal_lista` as read (status still as text, typed later).
#[derive(Debug, Clone, PartialEq)]
pub struct GoalRow {
    pub text: String,
    pub status: Result<Option<&'static str>, ValueError>,
    pub comment: Option<String>,
    /// Where the status cell is, for messages.
    pub status_cell: String,
}

/// Where a field was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub sheet: String,
    pub cell: String,
}

/// The contract's fields of one report, parsed.
#[derive(Debug, Clone, Default)]
pub struct Values {
    values: BTreeMap<&'static str, Value>,
    /// Every field whose defined name (or, in a copy without names, whose
    /// label) was found, blank or not.
    locations: BTreeMap<&'static str, Location>,
    /// Fields whose cell held something that did not parse (a finding says what).
    invalid: BTreeSet<&'static str>,
}

impl Values {
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// Where the field is; `None` when the report lacks its defined name
    /// (or, read by labels, its label).
    pub fn location(&self, name: &str) -> Option<&Location> {
        self.locations.get(name)
    }

    /// Whether the report has the field's defined name at all.
    pub fn has_name(&self, name: &str) -> bool {
        self.locations.contains_key(name)
    }

    /// The field's cell is there and empty: not unparsable, just unanswered.
    pub fn blank(&self, name: &str) -> bool {
        self.has_name(name) && !self.values.contains_key(name) && !self.invalid.contains(name)
    }
}

/// The defined names of a workbook that belong to the contract, with the
/// area each points at. Names are matched case-insensitively, as Excel does.
pub fn contract_names(book: &Workbook) -> BTreeMap<&'static str, Option<Area>> {
    let mut found = BTreeMap::new();
    for (name, target) in book.defined_names() {
        // Sheet-scoped names can come back as `Sheet!name`; the contract's are workbook-scoped.
        let bare = name.rsplit('!').next().unwrap_or(&name).trim();
        if let Some(field) = contract::FIELDS.iter().find(|f| f.name.eq_ignore_ascii_case(bare)) {
            let area = parse_reference(&target);
            let entry = found.entry(field.name).or_insert(None);
            if entry.is_none() {
                *entry = area;
            }
        }
    }
    found
}

/// Reads every contract field through `names`, sheet by sheet, reading only
/// the cells the names point at.
pub fn read_fields(
    book: &mut Workbook,
    names: &BTreeMap<&'static str, Option<Area>>,
    file: &str,
) -> (Values, Vec<Finding>) {
    let mut values = Values::default();
    let mut findings = Vec::new();
    let mut areas: BTreeMap<&'static str, Area> = BTreeMap::new();
    for field in contract::FIELDS {
        match names.get(field.name) {
            Some(Some(area)) if field.ty == FieldType::GoalBlock && block_rows(area) > MAX_GOAL_ROWS => {
                // Such a block is not the template's: reading it would take
                // the sheet's labels and answers for goals.
                findings.push(messages::goal_block_too_tall(field, block_rows(area), file));
            }
            Some(Some(area)) => {
                areas.insert(field.name, bounded(field, area.clone()));
            }
            Some(None) => findings.push(messages::name_points_nowhere(field, file)),
            None => findings.push(messages::name_missing(field, file)),
        }
    }
    for (sheet, sheet_areas) in by_sheet(&areas) {
        let last_row = sheet_areas.iter().map(|a| a.last.row).max().unwrap_or(0);
        let cells = match book.read_cells(&sheet, last_row, |p| sheet_areas.iter().any(|a| a.contains(p))) {
            Ok(cells) => cells,
            Err(ReadError::NoSuchSheet(_)) => {
                let on_sheet = areas.iter().filter(|(_, a)| a.sheet == sheet);
                let fields = on_sheet.filter_map(|(name, _)| contract::field(name));
                findings
                    .extend(fields.map(|field| messages::name_points_to_missing_sheet(field, &sheet, file)));
                continue;
            }
            Err(e) => {
                // The detail alone: the message names the sheet itself.
                let detail = match &e {
                    ReadError::Broken { detail, .. } => detail.clone(),
                    other => other.to_string(),
                };
                findings.push(messages::sheet_unreadable(&sheet, &detail, file));
                continue;
            }
        };
        for (name, area) in areas.iter().filter(|(_, a)| a.sheet == sheet) {
            let Some(field) = contract::field(name) else { continue };
            values.locations.insert(field.name, Location { sheet: sheet.clone(), cell: area.first.to_a1() });
            read_field(field, area, &cells, file, &mut values, &mut findings);
        }
    }
    (values, findings)
}

fn block_rows(area: &Area) -> u32 {
    area.last.row - area.first.row + 1
}

/// A single-cell field reads its first cell; the goal block is capped.
fn bounded(field: &Field, mut area: Area) -> Area {
    if field.ty == FieldType::GoalBlock {
        area.last.row = area.last.row.min(area.first.row + MAX_GOAL_ROWS - 1);
        area.last.col = area.first.col + GOAL_BLOCK_COLUMNS - 1;
    } else {
        area.last = area.first;
    }
    area
}

fn by_sheet(areas: &BTreeMap<&'static str, Area>) -> BTreeMap<String, Vec<Area>> {
    let mut sheets: BTreeMap<String, Vec<Area>> = BTreeMap::new();
    for area in areas.values() {
        sheets.entry(area.sheet.clone()).or_default().push(area.clone());
    }
    sheets
}

fn read_field(
    field: &'static Field,
    area: &Area,
    cells: &SparseSheet,
    file: &str,
    values: &mut Values,
    findings: &mut Vec<Finding>,
) {
    let at = Location { sheet: area.sheet.clone(), cell: area.first.to_a1() };
    if field.ty == FieldType::GoalBlock {
        let rows = read_goals(field, area, cells, file, findings);
        if !rows.is_empty() {
            values.values.insert(field.name, Value::Goals(rows));
        }
        return;
    }
    let cell = cells.get(area.first);
    match parse(field, cell) {
        Ok(Some(Value::Text(text))) => {
            let text = masked(field, text, &at, file, findings);
            values.values.insert(field.name, Value::Text(text));
        }
        Ok(Some(value)) => {
            values.values.insert(field.name, value);
        }
        Ok(None) => {}
        Err(error) => {
            values.invalid.insert(field.name);
            findings.push(messages::bad_value(field, &error, &at, file));
        }
    }
}

/// Parses one cell by the field's contract type.
fn parse(field: &Field, cell: &CellValue) -> Result<Option<Value>, ValueError> {
    Ok(match field.ty {
        FieldType::Text => value::parse_text(cell).map(Value::Text),
        FieldType::Int => value::parse_int(cell)?.map(Value::Int),
        FieldType::Kr => value::parse_kr(cell)?.map(Value::Kr),
        FieldType::Date => value::parse_date(cell)?.map(Value::Date),
        FieldType::Choice(list) => value::parse_choice(cell, |t| list.parse(t))?.map(Value::Choice),
        FieldType::GoalBlock => None,
    })
}

fn read_goals(
    field: &'static Field,
    area: &Area,
    cells: &SparseSheet,
    file: &str,
    findings: &mut Vec<Finding>,
) -> Vec<GoalRow> {
    let mut rows = Vec::new();
    for row in area.first.row..=area.last.row {
        let at = |offset: u32| Position::new(row, area.first.col + offset);
        let Some(text) = value::parse_text(cells.get(at(0))) else {
            continue; // Rows with an empty goal are ignored, as the contract says.
        };
        let location = |offset: u32| Location { sheet: area.sheet.clone(), cell: at(offset).to_a1() };
        let text = masked(field, text, &location(0), file, findings);
        let comment =
            value::parse_text(cells.get(at(2))).map(|c| masked(field, c, &location(2), file, findings));
        let status = value::parse_choice(cells.get(at(1)), |t| ChoiceList::Malstatus.parse(t));
        rows.push(GoalRow { text, status, comment, status_cell: at(1).to_a1() });
    }
    rows
}

/// Free text with personal identity numbers masked; one finding per cell
/// that held one. The number itself never reaches the message.
fn masked(field: &Field, text: String, at: &Location, file: &str, findings: &mut Vec<Finding>) -> String {
    let (clean, count) = pnr::mask(&text);
    if count > 0 {
        findings.push(messages::personnummer(field, count, at, file));
    }
    clean
}
