//! Reads the contract's fields out of one workbook by their defined names:
//! every field becomes a typed [`Value`] or a finding, with the cell it came
//! from remembered for later messages.

use super::messages;
use crate::contract::{self, ChoiceList, Field, FieldType, GOAL_BLOCK_COLUMNS};
use crate::finding::Finding;
use crate::pnr;
use crate::value::{self, CellValue, ValueError};
use crate::workbook::{Area, Position, ReadError, SparseSheet, Workbook};
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

/// What a found field's cell held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Blank,
    /// A value that parsed (for the goal block: at least one goal).
    Answered,
    /// Something that did not parse (a finding says what).
    Invalid,
}

/// One field whose defined name (or label) was found. A run keeps this for
/// every field of every report, so it is 16 bytes: the field and the sheet
/// as indexes, the cell as a position (made into `B23` only for a message).
#[derive(Debug, Clone, Copy)]
struct Spot {
    /// Index into [`contract::FIELDS`].
    field: u16,
    /// Index into [`Values::sheets`].
    sheet: u16,
    state: State,
    cell: Position,
}

impl Spot {
    fn name(&self) -> &'static str {
        contract::FIELDS.get(usize::from(self.field)).map_or("", |f| f.name)
    }
}

/// The contract's fields of one report, parsed, and where each was found.
#[derive(Debug, Clone, Default)]
pub struct Values {
    /// The parsed values, until [`Values::forget_values`].
    values: BTreeMap<&'static str, Value>,
    /// Every field whose defined name (or, in a copy without names, whose
    /// label) was found, blank or not; sorted by name.
    spots: Vec<Spot>,
    /// The sheets the spots are on (nearly always one).
    sheets: Vec<String>,
}

impl Values {
    /// The field's parsed value; `None` when it is blank, did not parse, is
    /// missing, or the values were forgotten ([`Values::forget_values`]).
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// Where the field is; `None` when the report lacks its defined name
    /// (or, read by labels, its label).
    pub fn location(&self, name: &str) -> Option<Location> {
        let spot = self.spot(name)?;
        let sheet = self.sheets.get(usize::from(spot.sheet))?;
        Some(Location { sheet: sheet.clone(), cell: spot.cell.to_a1() })
    }

    /// Whether the report has the field's defined name at all.
    pub fn has_name(&self, name: &str) -> bool {
        self.spot(name).is_some()
    }

    /// The field's cell is there and empty: not unparsable, just unanswered.
    pub fn blank(&self, name: &str) -> bool {
        self.spot(name).is_some_and(|s| s.state == State::Blank)
    }

    /// The field's cell held a value that parsed. Still known after
    /// [`Values::forget_values`].
    pub fn answered(&self, name: &str) -> bool {
        self.spot(name).is_some_and(|s| s.state == State::Answered)
    }

    /// Drops the parsed values and keeps where each field is and whether it
    /// was answered, which is all the checks need. The inbox calls this once
    /// the typed report is made: the values repeat its answers, and a run
    /// holds every report until the workbook is written.
    pub fn forget_values(&mut self) {
        self.values = BTreeMap::new();
    }

    fn spot(&self, name: &str) -> Option<&Spot> {
        let at = self.spots.binary_search_by(|s| s.name().cmp(name)).ok()?;
        self.spots.get(at)
    }

    /// Remembers that `field` was found on `sheet` at `cell`.
    fn found(&mut self, field: &Field, sheet: &str, cell: Position, state: State) {
        let sheet = self.sheets.iter().position(|s| s == sheet).unwrap_or_else(|| {
            self.sheets.push(sheet.to_string());
            self.sheets.len() - 1
        });
        let field = contract::FIELDS.iter().position(|f| f.name == field.name);
        // Always both: the contract has some eighty fields, a workbook far
        // fewer sheets than u16 counts.
        if let (Some(field), Ok(sheet)) = (field.and_then(|i| u16::try_from(i).ok()), u16::try_from(sheet)) {
            self.spots.push(Spot { field, sheet, state, cell });
        }
    }

    /// Sorts the spots for lookup and gives back spare room: a run keeps
    /// these for every report.
    fn finish(&mut self) {
        self.spots.sort_by_key(Spot::name);
        self.spots.shrink_to_fit();
        self.sheets.shrink_to_fit();
    }
}

/// Reads every contract field through `names`, sheet by sheet, reading only
/// the cells the names point at.
pub fn read_fields(
    book: &mut Workbook,
    names: &BTreeMap<&'static str, Option<Area>>,
    refused: &BTreeSet<&'static str>,
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
            // Its name is there; a finding of contract_names says why it is not read.
            None if refused.contains(field.name) => {}
            None => findings.push(messages::name_missing(field, file)),
        }
    }
    for (sheet, sheet_areas) in by_sheet(&areas) {
        let last_row = sheet_areas.iter().map(|a| a.last.row).max().unwrap_or(0);
        let wanted = Wanted::new(sheet_areas);
        let cells = match book.read_cells(&sheet, last_row, |p| wanted.contains(p)) {
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
            let state = read_field(field, area, &cells, file, &mut values, &mut findings);
            values.found(field, &sheet, area.first, state);
        }
    }
    values.finish();
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

/// The cells a sheet's fields point at, asked of every cell streamed: the
/// single cells sorted for a binary search, the (one) goal block beside.
struct Wanted {
    cells: Vec<Position>,
    blocks: Vec<Area>,
}

impl Wanted {
    fn new(areas: Vec<Area>) -> Wanted {
        let (singles, blocks): (Vec<Area>, Vec<Area>) = areas.into_iter().partition(Area::is_single_cell);
        let mut cells: Vec<Position> = singles.iter().map(|a| a.first).collect();
        cells.sort_unstable();
        Wanted { cells, blocks }
    }

    fn contains(&self, p: Position) -> bool {
        self.cells.binary_search(&p).is_ok() || self.blocks.iter().any(|a| a.contains(p))
    }
}

fn by_sheet(areas: &BTreeMap<&'static str, Area>) -> BTreeMap<String, Vec<Area>> {
    let mut sheets: BTreeMap<String, Vec<Area>> = BTreeMap::new();
    for area in areas.values() {
        sheets.entry(area.sheet.clone()).or_default().push(area.clone());
    }
    sheets
}

/// Reads one field into `values`; says what its cell held.
fn read_field(
    field: &'static Field,
    area: &Area,
    cells: &SparseSheet,
    file: &str,
    values: &mut Values,
    findings: &mut Vec<Finding>,
) -> State {
    if field.ty == FieldType::GoalBlock {
        let rows = read_goals(field, area, cells, file, findings);
        if rows.is_empty() {
            return State::Blank;
        }
        values.values.insert(field.name, Value::Goals(rows));
        return State::Answered;
    }
    let formula = match formula_at(field, cells, &area.sheet, area.first, file) {
        Formula::WithoutResult(fel) => {
            findings.push(fel);
            return State::Invalid;
        }
        Formula::ResultRead(info) => Some(info),
        Formula::Absent => None,
    };
    let cell = cells.get(area.first);
    let parsed = parse(field, cell);
    // A saved result that does not parse is not used: its Fel says why,
    // and that the cell likely holds a broken formula.
    if parsed.is_ok() {
        findings.extend(formula);
    }
    match parsed {
        Ok(Some(Value::Text(text))) => {
            let text = masked(field, text, &area.sheet, area.first, file, findings);
            values.values.insert(field.name, Value::Text(text));
            State::Answered
        }
        Ok(Some(value)) => {
            values.values.insert(field.name, value);
            State::Answered
        }
        Ok(None) => State::Blank,
        Err(error) => {
            findings.push(messages::bad_value(field, &error, &location(&area.sheet, area.first), file));
            State::Invalid
        }
    }
}

/// What a cell's formula means for its answer.
enum Formula {
    /// No formula: the usual case, which costs one map lookup.
    Absent,
    /// A formula without a saved result: a Fel. The cell has no answer, yet
    /// is not blank, so no "missing answer" is said of it as well.
    WithoutResult(Finding),
    /// A formula whose saved result is read as any value: an Info naming
    /// the formula, so kansliet sees the answer was calculated.
    ResultRead(Finding),
}

fn formula_at(field: &Field, cells: &SparseSheet, sheet: &str, p: Position, file: &str) -> Formula {
    let Some(formula) = cells.formula(p) else {
        return Formula::Absent;
    };
    let value = cells.get(p);
    if *value == CellValue::Empty {
        return Formula::WithoutResult(messages::formula_without_result(
            field,
            formula,
            &location(sheet, p),
            file,
        ));
    }
    Formula::ResultRead(messages::formula_result_used(field, formula, value, &location(sheet, p), file))
}

/// A cell's place for a message; made only when there is one to write.
fn location(sheet: &str, cell: Position) -> Location {
    Location { sheet: sheet.to_string(), cell: cell.to_a1() }
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
        // Before the empty goals are skipped: a goal written as a formula
        // without its result is not an empty row.
        for offset in 0..GOAL_BLOCK_COLUMNS {
            if let Formula::WithoutResult(finding) | Formula::ResultRead(finding) =
                formula_at(field, cells, &area.sheet, at(offset), file)
            {
                findings.push(finding);
            }
        }
        let Some(text) = value::parse_text(cells.get(at(0))) else {
            continue; // Rows with an empty goal are ignored, as the contract says.
        };
        let text = masked(field, text, &area.sheet, at(0), file, findings);
        let comment =
            value::parse_text(cells.get(at(2))).map(|c| masked(field, c, &area.sheet, at(2), file, findings));
        let status = value::parse_choice(cells.get(at(1)), |t| ChoiceList::Malstatus.parse(t));
        rows.push(GoalRow { text, status, comment, status_cell: at(1).to_a1() });
    }
    rows
}

/// Free text with personal identity numbers masked; one finding per cell
/// that held one. The number itself never reaches the message.
fn masked(
    field: &Field,
    text: String,
    sheet: &str,
    cell: Position,
    file: &str,
    findings: &mut Vec<Finding>,
) -> String {
    // A number needs digits; most comments have none and keep their String.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return text;
    }
    let (clean, count) = pnr::mask(&text);
    if count > 0 {
        findings.push(messages::personnummer(field, count, &location(sheet, cell), file));
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str) -> &'static Field {
        contract::field(name).expect("a field of the contract")
    }

    #[test]
    fn forgetting_the_values_keeps_where_each_field_is_and_whether_it_was_answered() {
        let mut values = Values::default();
        values.values.insert("analys", Value::Text("Bra.".into()));
        values.found(field("analys"), "Rapport", Position::new(79, 1), State::Answered);
        values.found(field("budget_kr"), "Rapport", Position::new(40, 1), State::Blank);
        values.found(field("utfall_kr"), "Budget", Position::new(2, 2), State::Invalid);
        values.finish();
        assert_eq!(values.get("analys"), Some(&Value::Text("Bra.".into())));
        values.forget_values();
        assert_eq!(values.get("analys"), None);
        assert!(values.answered("analys") && !values.blank("analys"));
        assert!(values.blank("budget_kr") && !values.answered("budget_kr"));
        assert!(values.has_name("utfall_kr") && !values.blank("utfall_kr") && !values.answered("utfall_kr"));
        assert_eq!(
            values.location("utfall_kr"),
            Some(Location { sheet: "Budget".into(), cell: "C3".into() })
        );
        assert_eq!(values.location("analys"), Some(Location { sheet: "Rapport".into(), cell: "B80".into() }));
        assert!(!values.has_name("mal_kommentar") && !values.blank("mal_kommentar"));
        assert_eq!(values.location("mal_kommentar"), None);
    }

    #[test]
    fn the_wanted_cells_are_the_single_cells_and_the_goal_block() {
        let area = |first: Position, last: Position| Area { sheet: "Rapport".into(), first, last };
        let b2 = Position::new(1, 1);
        let block = area(Position::new(29, 0), Position::new(38, 2));
        let wanted = Wanted::new(vec![area(Position::new(5, 2), Position::new(5, 2)), block, area(b2, b2)]);
        for (p, expected) in [
            (b2, true),
            (Position::new(5, 2), true),
            (Position::new(29, 0), true),
            (Position::new(38, 2), true),
            (Position::new(1, 2), false),
            (Position::new(39, 0), false),
            (Position::new(30, 3), false),
        ] {
            assert_eq!(wanted.contains(p), expected, "{p:?}");
        }
    }
}
