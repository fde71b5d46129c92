//! Reading cells out of any workbook calamine can open (xlsx, xlsm, xlsb,
//! xls, ods), without ever building a dense range of an untrusted sheet.
//!
//! calamine's `worksheet_range` allocates rows × columns of a sheet's
//! bounding box, so one cell at `XFD1048576` in a 2 KB file asks for hundreds
//! of gigabytes and aborts the process (calamine issue #693). For xlsx and
//! xlsb this module streams cells and keeps only those the caller wants;
//! xls and ods are parsed whole by calamine when the file is opened, and
//! their used cells are walked sparsely.
//!
//! Before calamine touches a file, [`crate::guard`] inspects it: a file over
//! one of its limits (size, zip parts, compression, an .xls or .ods sheet
//! whose dense grid would be huge) is [`OpenError::TooLarge`] and never
//! reaches calamine.
//!
//! Out of here come [`CellValue`]s and positions; no other module sees
//! `calamine::Data`.
//!
//! Formulas: the tool does not calculate, so a formula's value is the
//! result the writing program saved with it. Beside the value, a kept cell's
//! formula text is kept too ([`SparseSheet::formula`]), so the reader can
//! say a value came from a formula, and can say so when a formula has no
//! saved result (a script or export that does not calculate writes
//! `<f>` without `<v>`): such a cell has a formula and no value, and is
//! never taken for an empty one. Per format:
//! - xlsx, xlsm: the cell reader gives each cell's value and formula in the
//!   one pass (`next_cell_with_formula`); a cell without a formula costs no
//!   allocation, and a shared formula is expanded for its cell.
//! - xls, ods: calamine parsed the formulas at open; the sheet's formulas
//!   are walked like its values. (An .xls formula record always carries its
//!   result; an .ods cell may have `table:formula` and no value.)
//! - xlsb: formula records always carry their result, which is read as the
//!   value; the formula text is not read (it takes a second pass whose
//!   formula parser fails on formulas it does not know), so no cell of an
//!   .xlsb is reported as a formula.

mod names;

pub use names::{DefinedName, Scope};

use crate::value::CellValue;
use calamine::{Data, DataRef, Reader, SheetVisible, Sheets};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

/// The last row and column Excel has (0-based): `XFD1048576`.
pub const MAX_ROW: u32 = 1_048_575;
pub const MAX_COL: u32 = 16_383;

/// A cell's position, 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub row: u32,
    pub col: u32,
}

impl Position {
    pub fn new(row: u32, col: u32) -> Position {
        Position { row, col }
    }

    /// The A1 reference, e.g. `B23`.
    pub fn to_a1(self) -> String {
        format!("{}{}", column_letters(self.col), self.row + 1)
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Parses `B23` or `$B$23` (no sheet) into a position inside Excel's grid.
pub fn parse_a1(text: &str) -> Option<Position> {
    // `$` may stand before the letters and before the digits; read in place
    // (every defined name of every report comes through here).
    let t = text.trim();
    let t = t.strip_prefix('$').unwrap_or(t);
    let split = t.find(|c: char| !c.is_ascii_alphabetic())?;
    let (letters, rest) = t.split_at(split);
    let digits = rest.strip_prefix('$').unwrap_or(rest);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    if digits.is_empty() || digits.len() > 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let col =
        letters.bytes().fold(0u32, |acc, b| acc * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)) - 1;
    let row = digits.parse::<u32>().ok()?.checked_sub(1)?;
    (row <= MAX_ROW && col <= MAX_COL).then_some(Position { row, col })
}

/// A rectangle of one sheet, as a defined name points at it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Area {
    pub sheet: String,
    pub first: Position,
    pub last: Position,
}

impl Area {
    pub fn contains(&self, p: Position) -> bool {
        (self.first.row..=self.last.row).contains(&p.row) && (self.first.col..=self.last.col).contains(&p.col)
    }

    pub fn is_single_cell(&self) -> bool {
        self.first == self.last
    }
}

/// Parses the target of a defined name: `Rapport!$B$2`, `'Min rapport'!$B$2:$D$9`
/// (xlsx, xls) or `$Rapport.$B$2`, `$'Min rapport'.$B$2:.$D$9` (ods), with or
/// without a leading `=`. `None` for anything else (formulas, lists of areas,
/// `#REF!`).
pub fn parse_reference(formula: &str) -> Option<Area> {
    let f = formula.trim().trim_start_matches('=');
    let (sheet, cells) = split_sheet(f)?;
    let (first, last) = match cells.split_once(':') {
        Some((a, b)) => {
            // ods repeats the sheet or writes `.` before the second cell.
            let b = b.rsplit_once('.').map_or(b, |(_, cell)| cell);
            let b = b.rsplit_once('!').map_or(b, |(_, cell)| cell);
            (parse_a1(a)?, parse_a1(b)?)
        }
        None => {
            let p = parse_a1(cells)?;
            (p, p)
        }
    };
    let (first, last) = (
        Position::new(first.row.min(last.row), first.col.min(last.col)),
        Position::new(first.row.max(last.row), first.col.max(last.col)),
    );
    Some(Area { sheet, first, last })
}

/// Splits `Sheet!A1`, `'It''s'!A1`, `$Sheet.A1` or `$'Sheet'.A1` into sheet and cells.
fn split_sheet(f: &str) -> Option<(String, &str)> {
    let f = f.strip_prefix('$').unwrap_or(f);
    if let Some(quoted) = f.strip_prefix('\'') {
        // A quoted name ends at a quote not followed by another quote.
        let mut name = String::new();
        let mut chars = quoted.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if chars.peek().map(|(_, c)| *c) == Some('\'') {
                    name.push('\'');
                    chars.next();
                    continue;
                }
                let rest = quoted.get(i + 1..)?;
                let cells = rest.strip_prefix('!').or_else(|| rest.strip_prefix('.'))?;
                return Some((name, cells));
            }
            name.push(c);
        }
        return None;
    }
    let at = f.find(['!', '.'])?;
    let (sheet, rest) = f.split_at(at);
    if sheet.is_empty() || sheet.contains([',', ';', '(', ' ']) {
        return None;
    }
    Some((sheet.to_string(), rest.get(1..)?))
}

/// Why a file could not be opened as a workbook.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Said in Swedish words ([`crate::fsio::read_reason`]), never the
    /// system's English text unless no words fit.
    #[error("filen kunde inte öppnas: {}", crate::fsio::read_reason(.0))]
    Io(#[from] std::io::Error),
    #[error("filen är lösenordsskyddad")]
    Encrypted,
    #[error("filen är inte en arbetsbok som går att läsa ({0})")]
    NotAWorkbook(String),
    /// Over one of the guard's limits; the reason names what and the limit.
    #[error("filen är över en säkerhetsgräns: {0}")]
    TooLarge(String),
}

impl From<crate::guard::Refusal> for OpenError {
    fn from(refusal: crate::guard::Refusal) -> OpenError {
        match refusal {
            crate::guard::Refusal::TooLarge(reason) => OpenError::TooLarge(reason),
            crate::guard::Refusal::Unreadable(detail) => OpenError::NotAWorkbook(detail),
            crate::guard::Refusal::Io(e) => OpenError::Io(e),
        }
    }
}

/// Why a sheet could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("bladet \"{0}\" finns inte")]
    NoSuchSheet(String),
    #[error("bladet \"{sheet}\" kunde inte läsas ({detail})")]
    Broken { sheet: String, detail: String },
}

/// The non-empty cells of one sheet that the caller asked for, and the
/// formulas of those with one.
#[derive(Debug, Clone, Default)]
pub struct SparseSheet {
    cells: BTreeMap<Position, CellValue>,
    /// The formula of each kept cell that has one, as the file writes it
    /// without the leading `=` (`100000+50000`); a cell here may have no
    /// value in `cells` (no saved result). Empty for most reports.
    formulas: BTreeMap<Position, String>,
}

static EMPTY: CellValue = CellValue::Empty;

impl SparseSheet {
    /// The cell at `p`, or [`CellValue::Empty`].
    pub fn get(&self, p: Position) -> &CellValue {
        self.cells.get(&p).unwrap_or(&EMPTY)
    }

    /// The formula of the cell at `p`, without its leading `=`, when it has
    /// one; `Some("")` for a formula whose text calamine could not make.
    pub fn formula(&self, p: Position) -> Option<&str> {
        self.formulas.get(&p).map(String::as_str)
    }

    /// Every kept cell, in row then column order.
    pub fn iter(&self) -> impl Iterator<Item = (Position, &CellValue)> {
        self.cells.iter().map(|(p, v)| (*p, v))
    }

    /// Masks every personal identity number in the kept cells' texts and
    /// formulas ([`crate::pnr::mask`]); the cells where one was, in order.
    pub fn mask_personal_numbers(&mut self) -> Vec<Position> {
        let mut masked = Vec::new();
        for (position, value) in &mut self.cells {
            if let CellValue::Text(text) = value {
                let (clean, found) = crate::pnr::mask(text);
                if found > 0 {
                    *text = clean;
                    masked.push(*position);
                }
            }
        }
        for (position, formula) in &mut self.formulas {
            let (clean, found) = crate::pnr::mask(formula);
            if found > 0 {
                *formula = clean;
                masked.push(*position);
            }
        }
        masked.sort_unstable();
        masked.dedup();
        masked
    }

    /// The highest row with a kept cell.
    pub fn last_row(&self) -> Option<u32> {
        self.cells.keys().map(|p| p.row).max()
    }
}

/// Said when calamine cannot read a file as the workbook its name says.
const NOT_READABLE: &str = "innehållet går inte att läsa som en Excel-arbetsbok; är det en annan sorts fil, \
                            till exempel .csv eller .xls, med namnet ändrat?";

/// Said when calamine panicked on a file: the file is broken in a way its
/// parser did not foresee (seen with corrupt .xls records while fuzzing).
const PANIC_DETAIL: &str = "filens innehåll är trasigt";

thread_local! {
    /// Set while calamine runs inside [`contained`], so its panic is not printed.
    static CONTAINING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs calamine on one untrusted file so that a panic in it becomes `None`
/// (a finding for that file) instead of ending the whole run. The panic
/// hook stays quiet only for panics caught here, on this thread; every
/// other panic is reported as usual.
fn contained<T>(work: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let usual = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CONTAINING.with(std::cell::Cell::get) {
                usual(info);
            }
        }));
    });
    let was = CONTAINING.with(|c| c.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    CONTAINING.with(|c| c.set(was));
    result.ok()
}

/// A workbook's bytes, shared cheaply: calamine clones its reader while it
/// tries formats, and a clone of this is a reference count, not a copy.
type Bytes = Cursor<Arc<[u8]>>;

/// An open workbook of any format, held in memory.
pub struct Workbook {
    sheets: Sheets<Bytes>,
    /// Read once at open: calamine's names with the scope it drops.
    names: Vec<DefinedName>,
}

/// Whether a sheet shows in Excel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Visible,
    /// Hidden; anyone can show it again (right-click a tab → Ta fram).
    Hidden,
    /// Shown again only through VBA: Excel's user interface does not list it.
    VeryHidden,
}

impl Workbook {
    /// Opens a workbook, telling a password-protected file from a broken one
    /// and refusing one over the guard's limits before calamine reads it.
    pub fn open(path: &Path) -> Result<Workbook, OpenError> {
        // The guard reads the file first, so a missing or locked file reads
        // as an I/O problem, not as a format problem.
        let bytes = crate::guard::read(path)?;
        Workbook::from_bytes(bytes.into(), path)
    }

    /// Opens a workbook from the bytes of the file at `path` (whose name
    /// says the format), after the guard has inspected them. The bytes are
    /// read once for everything a run does with a file.
    pub fn from_bytes(bytes: Arc<[u8]>, path: &Path) -> Result<Workbook, OpenError> {
        let inspected = crate::guard::inspect_bytes(&bytes)?;
        let file = Arc::clone(&bytes);
        let opened = contained(|| open_by_extension(Cursor::new(bytes), path))
            .ok_or_else(|| OpenError::NotAWorkbook(PANIC_DETAIL.to_string()))?;
        match opened {
            Ok(sheets) => {
                let names = names::with_scopes(&file, inspected.workbook_part.as_deref(), &sheets);
                Ok(Workbook { names, sheets })
            }
            Err(e) if is_password_error(&e) => Err(OpenError::Encrypted),
            Err(calamine::Error::Io(e)) => Err(OpenError::Io(e)),
            // calamine's own words are English and name its internals: the
            // user is told what the file is not, in Swedish.
            Err(_) => Err(OpenError::NotAWorkbook(NOT_READABLE.to_string())),
        }
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    /// The workbook's defined names, what they point at, as written, and
    /// their scope where the format says it (xlsx, xlsm).
    pub fn defined_names(&self) -> &[DefinedName] {
        &self.names
    }

    /// How the sheet `name` shows in Excel; `None` when there is no such sheet.
    pub fn visibility(&self, name: &str) -> Option<Visibility> {
        let sheet = self.sheets.sheets_metadata().iter().find(|s| s.name == name)?;
        Some(match sheet.visible {
            SheetVisible::Visible => Visibility::Visible,
            SheetVisible::Hidden => Visibility::Hidden,
            SheetVisible::VeryHidden => Visibility::VeryHidden,
        })
    }

    /// Reads the cells of `sheet` for which `keep` is true, up to row
    /// `last_row`. Memory grows with the kept cells only. A cell beyond
    /// Excel's last column (`XFE` on) up to `last_row` makes the sheet broken.
    pub fn read_cells(
        &mut self,
        sheet: &str,
        last_row: u32,
        keep: impl Fn(Position) -> bool,
    ) -> Result<SparseSheet, ReadError> {
        if !self.sheets.sheets_metadata().iter().any(|s| s.name == sheet) {
            return Err(ReadError::NoSuchSheet(sheet.to_string()));
        }
        let broken = ReadError::Broken { sheet: sheet.to_string(), detail: PANIC_DETAIL.to_string() };
        contained(|| self.read_cells_unguarded(sheet, last_row, keep)).unwrap_or(Err(broken))
    }

    fn read_cells_unguarded(
        &mut self,
        sheet: &str,
        last_row: u32,
        keep: impl Fn(Position) -> bool,
    ) -> Result<SparseSheet, ReadError> {
        let broken = |detail: String| ReadError::Broken { sheet: sheet.to_string(), detail };
        let mut cells = BTreeMap::new();
        let mut formulas = BTreeMap::new();
        let mut visit = |p: Position, value: CellValue, formula: Option<String>| {
            if p.row > last_row {
                return Ok(());
            }
            // Excel has no such cell and will not open the file; calamine
            // reads it. Nothing in the sheet can be trusted to be where it seems.
            if p.col > MAX_COL {
                return Err(broken(format!(
                    "rad {} har en cell i kolumn {}, bortom Excels sista kolumn XFD",
                    u64::from(p.row) + 1,
                    u64::from(p.col) + 1
                )));
            }
            if keep(p) {
                if value != CellValue::Empty {
                    cells.insert(p, value);
                }
                if let Some(formula) = formula {
                    formulas.insert(p, formula);
                }
            }
            Ok(())
        };
        match &mut self.sheets {
            Sheets::Xlsx(book) => {
                let mut reader = book.worksheet_cells_reader(sheet).map_err(|e| broken(e.to_string()))?;
                // One pass gives value and formula; `formula` is `None`, and
                // nothing is allocated, for a cell without one.
                while let Some(cell) = reader.next_cell_with_formula().map_err(|e| broken(e.to_string()))? {
                    let (row, col) = cell.pos;
                    // Rows are stored in ascending order (ECMA-376 §18.3.1.73).
                    if row > last_row {
                        break;
                    }
                    visit(
                        Position::new(row, col),
                        from_data_ref(&cell.value),
                        cell.formula.map(xlsx_formula),
                    )?;
                }
            }
            Sheets::Xlsb(book) => {
                let mut reader = book.worksheet_cells_reader(sheet).map_err(|e| broken(e.to_string()))?;
                while let Some(cell) = reader.next_cell().map_err(|e| broken(e.to_string()))? {
                    let (row, col) = cell.get_position();
                    if row > last_row {
                        break;
                    }
                    visit(Position::new(row, col), from_data_ref(cell.get_value()), None)?;
                }
            }
            // Parsed whole when opened; walk the used cells only.
            Sheets::Xls(_) | Sheets::Ods(_) => {
                let range = self.sheets.worksheet_range(sheet).map_err(|e| broken(e.to_string()))?;
                let (row0, col0) = range.start().unwrap_or((0, 0));
                for (r, c, value) in range.used_cells() {
                    let p = Position::new(row0 + r as u32, col0 + c as u32);
                    visit(p, from_data(value), None)?;
                }
                // Already in memory: calamine read them with the values. A
                // cell may be here and not above: a formula without a value.
                let range = self.sheets.worksheet_formula(sheet).map_err(|e| broken(e.to_string()))?;
                let (row0, col0) = range.start().unwrap_or((0, 0));
                for (r, c, formula) in range.used_cells() {
                    let p = Position::new(row0 + r as u32, col0 + c as u32);
                    visit(p, CellValue::Empty, Some(other_formula(formula)))?;
                }
            }
        }
        Ok(SparseSheet { cells, formulas })
    }
}

/// calamine's `open_workbook_auto` on bytes: the format the file's name
/// says as Windows sees it (in any case: `RAPPORT.XLSX` too; `rapport.xlsx `
/// with a trailing space as well), else each format in calamine's order.
fn open_by_extension(data: Bytes, path: &Path) -> Result<Sheets<Bytes>, calamine::Error> {
    use calamine::{Ods, Xls, Xlsb, Xlsx, open_workbook_from_rs};
    let extension = crate::discover::windows_extension(path);
    Ok(match extension.as_deref() {
        Some("xls" | "xla") => {
            Sheets::Xls(open_workbook_from_rs::<Xls<_>, _>(data).map_err(calamine::Error::Xls)?)
        }
        Some("xlsx" | "xlsm" | "xlam") => {
            Sheets::Xlsx(open_workbook_from_rs::<Xlsx<_>, _>(data).map_err(calamine::Error::Xlsx)?)
        }
        Some("xlsb") => {
            Sheets::Xlsb(open_workbook_from_rs::<Xlsb<_>, _>(data).map_err(calamine::Error::Xlsb)?)
        }
        Some("ods") => Sheets::Ods(open_workbook_from_rs::<Ods<_>, _>(data).map_err(calamine::Error::Ods)?),
        _ => calamine::open_workbook_auto_from_rs(data)?,
    })
}

/// An xlsx formula as written, without a leading `=` should a writer
/// have put one in `<f>`.
fn xlsx_formula(formula: String) -> String {
    match formula.strip_prefix('=') {
        Some(rest) => rest.to_string(),
        None => formula,
    }
}

/// An .xls or .ods formula without its dialect's prefix: ods writes
/// `of:=100000+50000`, calamine's .xls parser `100000+50000`, or a note
/// beginning "Unrecognised formula" when it cannot read the tokens (then
/// the text is unknown: `""`).
fn other_formula(formula: &str) -> String {
    if formula.starts_with("Unrecognised formula") {
        return String::new();
    }
    let formula = formula.strip_prefix("of:").or_else(|| formula.strip_prefix("msoxl:")).unwrap_or(formula);
    formula.strip_prefix('=').unwrap_or(formula).to_string()
}

fn is_password_error(e: &calamine::Error) -> bool {
    matches!(
        e,
        calamine::Error::Xlsx(calamine::XlsxError::Password)
            | calamine::Error::Xls(calamine::XlsError::Password)
            | calamine::Error::Ods(calamine::OdsError::Password)
    )
}

/// The date of a date cell, or `None` for a serial that is no real day:
/// calamine turns a negative serial into its epoch, 0 into 1899-12-31 and
/// 60 into 1900-02-29, where Excel shows "#####", "1900-01-00" and a
/// 1900-02-29 that never was. Such a cell is read as its number, which
/// [`crate::value::parse_date`] refuses with a message saying why.
fn date_from_parts(excel: &calamine::ExcelDateTime) -> Option<NaiveDate> {
    if excel.as_f64().is_nan() || excel.as_f64() < 0.0 {
        return None;
    }
    let (y, m, d, ..) = excel.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)).filter(|date| date.year() >= 1900)
}

fn from_datetime(excel: &calamine::ExcelDateTime) -> CellValue {
    if excel.is_duration() {
        return CellValue::Time(excel.as_f64());
    }
    match excel.is_datetime().then(|| date_from_parts(excel)).flatten() {
        Some(date) => CellValue::Date(date),
        None => CellValue::Number(excel.as_f64()),
    }
}

fn from_iso(text: &str) -> CellValue {
    match crate::value::parse_date(&CellValue::Text(text.to_string())) {
        Ok(Some(date)) => CellValue::Date(date),
        _ => CellValue::Text(text.to_string()),
    }
}

fn from_data_ref(value: &DataRef<'_>) -> CellValue {
    match value {
        DataRef::Int(i) => CellValue::Number(*i as f64),
        DataRef::Float(f) => CellValue::Number(*f),
        DataRef::String(s) => CellValue::Text(s.clone()),
        DataRef::SharedString(s) => CellValue::Text((*s).to_string()),
        DataRef::Bool(b) => CellValue::Bool(*b),
        DataRef::DateTime(dt) => from_datetime(dt),
        DataRef::DateTimeIso(s) => from_iso(s),
        DataRef::DurationIso(s) => CellValue::Text(s.clone()),
        DataRef::Error(e) => CellValue::Error(e.to_string()),
        DataRef::Empty => CellValue::Empty,
    }
}

fn from_data(value: &Data) -> CellValue {
    match value {
        Data::Int(i) => CellValue::Number(*i as f64),
        Data::Float(f) => CellValue::Number(*f),
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) => from_datetime(dt),
        Data::DateTimeIso(s) => from_iso(s),
        Data::DurationIso(s) => CellValue::Text(s.clone()),
        Data::Error(e) => CellValue::Error(e.to_string()),
        Data::Empty => CellValue::Empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_contained_work_becomes_none_and_the_run_goes_on() {
        assert_eq!(contained(|| 7), Some(7));
        let caught: Option<()> = contained(|| panic!("calamine gave up"));
        assert_eq!(caught, None);
        assert_eq!(contained(|| "still here"), Some("still here"));
    }

    #[test]
    fn formulas_lose_their_dialects_prefix_and_an_unparsed_one_its_placeholder_text() {
        assert_eq!(other_formula("of:=100000+50000"), "100000+50000");
        assert_eq!(other_formula("of:=[.B2]+1"), "[.B2]+1");
        assert_eq!(other_formula("msoxl:=A1*2"), "A1*2");
        assert_eq!(other_formula("SUM(A1:A3)"), "SUM(A1:A3)");
        assert_eq!(other_formula("Unrecognised formula for cell (3, 2): Len { typ: \"x\" }"), "");
        assert_eq!(xlsx_formula("=1+2".to_string()), "1+2");
        assert_eq!(xlsx_formula("1+2".to_string()), "1+2");
    }

    #[test]
    fn a1_references_round_trip_to_the_edges_of_the_grid() {
        for (text, row, col) in
            [("A1", 0, 0), ("B23", 22, 1), ("$AA$10", 9, 26), ("XFD1048576", MAX_ROW, MAX_COL)]
        {
            let p = parse_a1(text).unwrap();
            assert_eq!((p.row, p.col), (row, col), "{text}");
            assert_eq!(p.to_a1(), text.replace('$', ""));
        }
        for bad in ["XFE1", "A0", "A1048577", "1A", "", "ABCD1", "B2x", "B$$2", "$"] {
            assert_eq!(parse_a1(bad), None, "{bad}");
        }
    }

    #[test]
    fn defined_name_targets_in_xlsx_and_ods_spelling() {
        let b2 = Area { sheet: "Rapport".into(), first: Position::new(1, 1), last: Position::new(1, 1) };
        assert_eq!(parse_reference("Rapport!$B$2"), Some(b2.clone()));
        assert_eq!(parse_reference("=Rapport!$B$2"), Some(b2.clone()));
        assert_eq!(parse_reference("$Rapport.$B$2"), Some(b2));
        let block = parse_reference("'Min rapport'!$A$30:$C$39").unwrap();
        assert_eq!(block.sheet, "Min rapport");
        assert_eq!((block.first, block.last), (Position::new(29, 0), Position::new(38, 2)));
        let ods_block = parse_reference("$'Min rapport'.$A$30:.$C$39").unwrap();
        assert_eq!(ods_block, block);
        assert_eq!(parse_reference("'It''s'!A1").unwrap().sheet, "It's");
        for bad in ["#REF!", "Rapport!#REF!", "SUM(A1:A3)", "Rapport!$B$2,Rapport!$B$3", "", "Rapport!XFE1"] {
            assert_eq!(parse_reference(bad), None, "{bad}");
        }
    }
}
