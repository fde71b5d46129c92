//! Reads `register.xlsx` into a [`Register`] and findings.
//!
//! Takes the path of kansliet's register; gives the typed [`Register`] and
//! every problem found as a [`Finding`] with sheet, cell (A1), column and
//! insats. Guarantees:
//!
//! - sheets are found by name and columns by their header in row 1; case,
//!   white space and `a`/`o` written for `å`/`ä`/`ö` do not matter, nor do
//!   the order of columns or extra columns of kansliet's own;
//! - a row with a problem is left out of the register and always has a
//!   finding; rows with nothing in the register's columns are skipped;
//! - only a register that cannot be used at all (no file, not a workbook,
//!   no sheet `Insatser` or one of its required columns) is a
//!   [`RegisterError`];
//! - memory is bounded: at most [`ROW_LIMIT`] rows and [`COL_LIMIT`]
//!   columns of a sheet are read, and content beyond them is one finding.

use super::settings::{self, Installningar};
use super::{
    Bedomning, Beslut, BeslutTyp, Inriktning, Insats, Karaktar, Mal, MalTyp, Omrade, Part, Register, Status,
};
use crate::finding::{Code, Finding};
use crate::period::{Kvartal, Period};
use crate::value::{CellValue, ValueError, parse_choice, parse_date, parse_int, parse_kr, parse_text};
use crate::workbook::{OpenError, Position, ReadError, SparseSheet, Workbook, column_letters};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Rows read per sheet, the header included. A register holds tens or a few
/// hundred insatser; the bound keeps one stray cell at row 1 048 576 from
/// costing memory or time.
pub const ROW_LIMIT: u32 = 10_000;
/// Columns read per sheet (A–GR): the contract has 16, and kansliet's own
/// columns fit many times over.
pub const COL_LIMIT: u32 = 200;

/// The register could not be used at all: the run cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("Registret {path} finns inte. Kontrollera sökvägen till registret.")]
    Missing { path: String },
    #[error(
        "Registret {path} kunde inte öppnas ({detail}). Stäng filen om den är öppen i ett annat program och försök igen."
    )]
    Unreadable { path: String, detail: String },
    #[error("Registret {path} är lösenordsskyddat. Spara det utan lösenord och försök igen.")]
    Encrypted { path: String },
    #[error(
        "Registret {path} är inte en arbetsbok som går att läsa ({detail}). Spara det som Excel-arbetsbok (.xlsx) och försök igen."
    )]
    NotAWorkbook { path: String, detail: String },
    #[error(
        "Registret {path} har inget blad som heter Insatser (bladen heter {sheets}). Lägg insatserna på ett blad med namnet Insatser."
    )]
    NoInsatser { path: String, sheets: String },
    #[error(
        "Bladet Insatser i registret {path} kunde inte läsas ({detail}). Spara om registret i Excel och försök igen."
    )]
    InsatserUnreadable { path: String, detail: String },
    #[error(
        "Bladet Insatser i registret {path} saknar {}. Skriv rubrikerna i rad 1, en kolumn för varje.",
        columns_phrase(.columns)
    )]
    ColumnsMissing { path: String, columns: Vec<String> },
}

fn columns_phrase(columns: &[String]) -> String {
    let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    match quoted.as_slice() {
        [one] => format!("kolumnen {one}"),
        _ => format!("kolumnerna {}", join_or(&quoted, "och")),
    }
}

/// `10000` as `10 000`, as Swedish text writes numbers.
pub(super) fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// `a, b och c`: a Swedish list.
fn join_or(items: &[String], last_word: &str) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {last_word} {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

// Column headers as the contract spells them (and messages quote them).
const ID: &str = "Id";
const NAMN: &str = "Namn";
const KORTNAMN: &str = "Kortnamn";
const OMRADE: &str = "Område";
const INSATSAGARE: &str = "Insatsägare";
const PARTER: &str = "Parter";
const INRIKTNING: &str = "Inriktning";
const KARAKTAR: &str = "Karaktär";
const START: &str = "Start";
const SLUT: &str = "Slut";
const BEVILJAT_BELOPP: &str = "Beviljat belopp";
const BUDGET_PER_AR: &str = "Budget per år";
const FORVANTAT_ANTAL: &str = "Förväntat antal deltagare";
const ALDER_FRAN: &str = "Målgrupp ålder från";
const ALDER_TILL: &str = "Målgrupp ålder till";
const STYRGRUPPSMOTEN: &str = "Styrgruppsmöten per år";
const AR: &str = "År";
const KVARTAL: &str = "Kvartal";
const BUDGET: &str = "Budget";
const DATUM: &str = "Datum";
const TYP: &str = "Typ";
const BELOPP: &str = "Belopp";
const NY_SLUTDAG: &str = "Ny slutdag";
const KOMMENTAR: &str = "Kommentar";
const NR: &str = "Nr";
const MAL: &str = "Mål";
const PERIOD: &str = "Period";
const STATUS: &str = "Status";
const MOTIVERING: &str = "Motivering";
const INSTALLNING: &str = "Inställning";
const VARDE: &str = "Värde";

/// A sheet of the register: its name and its columns.
struct SheetSpec {
    name: &'static str,
    columns: &'static [&'static str],
    /// Without one of these, no row of the sheet can be read.
    required: &'static [&'static str],
}

const INSATSER: SheetSpec = SheetSpec {
    name: "Insatser",
    columns: &[
        ID,
        NAMN,
        KORTNAMN,
        OMRADE,
        INSATSAGARE,
        PARTER,
        INRIKTNING,
        KARAKTAR,
        START,
        SLUT,
        BEVILJAT_BELOPP,
        BUDGET_PER_AR,
        FORVANTAT_ANTAL,
        ALDER_FRAN,
        ALDER_TILL,
        STYRGRUPPSMOTEN,
    ],
    required: &[ID, NAMN, OMRADE, INSATSAGARE, PARTER, INRIKTNING, START, SLUT, BEVILJAT_BELOPP],
};
const BUDGET_SHEET: SheetSpec =
    SheetSpec { name: "Budget", columns: &[ID, AR, KVARTAL, BUDGET], required: &[ID, AR, KVARTAL, BUDGET] };
const BESLUT: SheetSpec = SheetSpec {
    name: "Beslut",
    columns: &[ID, DATUM, TYP, BELOPP, NY_SLUTDAG, KOMMENTAR],
    required: &[ID, DATUM, TYP],
};
const MAL_SHEET: SheetSpec =
    SheetSpec { name: "Mål", columns: &[ID, NR, TYP, MAL], required: &[ID, NR, TYP, MAL] };
const BEDOMNINGAR: SheetSpec = SheetSpec {
    name: "Bedömningar",
    columns: &[ID, PERIOD, OMRADE, STATUS, MOTIVERING],
    required: &[ID, PERIOD, OMRADE, STATUS, MOTIVERING],
};
const INSTALLNINGAR: SheetSpec =
    SheetSpec { name: "Inställningar", columns: &[INSTALLNING, VARDE], required: &[INSTALLNING, VARDE] };

/// A name or header for comparison: trimmed, lower case, single spaces, and
/// `å`/`ä`/`ö` as `a`/`o`, so `Mal` finds `Mål`.
pub(super) fn fold(text: &str) -> String {
    crate::contract::choice::normalise(text)
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            other => other,
        })
        .collect()
}

/// Reads the register at `path`: sheet `Inställningar` first (its default
/// number of meetings fills `Insatser`), then `Insatser`, then the sheets
/// that refer to insatser by Id.
pub fn read_register(path: &Path) -> Result<(Register, Vec<Finding>), RegisterError> {
    let shown = path.display().to_string();
    let mut book = Workbook::open(path).map_err(|e| open_error(&shown, e))?;
    let file = path.file_name().map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    let mut ctx = Ctx { file, findings: Vec::new() };

    let mut register = Register::default();
    if let Some(table) = ctx.optional_table(&mut book, &INSTALLNINGAR) {
        register.installningar = ctx.settings(&table);
    }
    let table = ctx.required_table(&mut book, &shown)?;
    let (insatser, ids) = ctx.insatser(&table, register.installningar.styrgruppsmoten_per_ar);
    register.insatser = insatser;
    if let Some(table) = ctx.optional_table(&mut book, &BUDGET_SHEET) {
        register.budgetar = ctx.budgetar(&table, &ids);
    }
    if let Some(table) = ctx.optional_table(&mut book, &BESLUT) {
        register.beslut = ctx.beslut(&table, &ids);
    }
    if let Some(table) = ctx.optional_table(&mut book, &MAL_SHEET) {
        register.mal = ctx.mal(&table, &ids);
    }
    if let Some(table) = ctx.optional_table(&mut book, &BEDOMNINGAR) {
        register.bedomningar = ctx.bedomningar(&table, &ids);
    }
    Ok((register, ctx.findings))
}

fn open_error(path: &str, error: OpenError) -> RegisterError {
    let path = path.to_string();
    match error {
        OpenError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => RegisterError::Missing { path },
        OpenError::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => RegisterError::Unreadable {
            path,
            detail: "filen är låst eller så saknas behörighet att läsa den".into(),
        },
        OpenError::Io(e) => RegisterError::Unreadable { path, detail: e.to_string() },
        OpenError::Encrypted => RegisterError::Encrypted { path },
        OpenError::NotAWorkbook(detail) => RegisterError::NotAWorkbook { path, detail },
    }
}

/// One sheet's cells, with its columns found by header.
struct Table {
    /// The sheet's name as it is in the workbook, for locations.
    sheet: String,
    cells: SparseSheet,
    /// Contract column → 0-based column index.
    columns: BTreeMap<&'static str, u32>,
    /// The first free cell of row 1: where a missing column's header would go.
    next_header: Position,
}

impl Table {
    fn read(book: &mut Workbook, sheet: &str, spec: &SheetSpec) -> Result<Table, ReadError> {
        // One row and one column past the limits are read, only to notice
        // that the sheet goes on beyond them.
        let cells = book.read_cells(sheet, ROW_LIMIT, |p| p.col <= COL_LIMIT)?;
        let headers: Vec<(u32, String)> = cells
            .iter()
            .filter(|(p, _)| p.row == 0 && p.col < COL_LIMIT)
            .filter_map(|(p, v)| parse_text(v).map(|t| (p.col, fold(&t))))
            .collect();
        let columns = spec
            .columns
            .iter()
            .filter_map(|name| {
                let wanted = fold(name);
                headers.iter().find(|(_, h)| *h == wanted).map(|(col, _)| (*name, *col))
            })
            .collect();
        let next_col = headers.iter().map(|(col, _)| col + 1).max().unwrap_or(0);
        Ok(Table { sheet: sheet.to_string(), cells, columns, next_header: Position::new(0, next_col) })
    }

    /// The rows below the header with something in a register column, in
    /// order. Rows with content only in kansliet's own columns have nothing
    /// for the register to lose.
    fn rows(&self) -> BTreeSet<u32> {
        let known: BTreeSet<u32> = self.columns.values().copied().collect();
        self.cells
            .iter()
            .filter(|(p, v)| p.row > 0 && p.row < ROW_LIMIT && known.contains(&p.col) && !v.is_blank())
            .map(|(p, _)| p.row)
            .collect()
    }

    fn position(&self, column: &str, row: u32) -> Option<Position> {
        self.columns.get(column).map(|col| Position::new(row, *col))
    }

    fn value(&self, column: &str, row: u32) -> &CellValue {
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

/// The findings of one run over the register.
struct Ctx {
    /// The register's file name, as kansliet sees it in the folder.
    file: String,
    findings: Vec<Finding>,
}

impl Ctx {
    fn sheet_finding(&self, code: Code, sheet: &str, cell: Option<Position>, message: String) -> Finding {
        let mut finding = Finding::new(code, &self.file, message);
        finding.sheet = Some(sheet.to_string());
        finding.cell = cell.map(Position::to_a1);
        finding
    }

    /// `Insatser`, or the error that stops the run.
    fn required_table(&mut self, book: &mut Workbook, path: &str) -> Result<Table, RegisterError> {
        let path = path.to_string();
        let names = book.sheet_names();
        let Some(sheet) = find_sheet(&names, INSATSER.name) else {
            let sheets: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
            return Err(RegisterError::NoInsatser { path, sheets: join_or(&sheets, "och") });
        };
        let table = Table::read(book, &sheet, &INSATSER)
            .map_err(|e| RegisterError::InsatserUnreadable { path: path.clone(), detail: e.to_string() })?;
        let missing: Vec<String> = INSATSER
            .required
            .iter()
            .filter(|c| !table.columns.contains_key(*c))
            .map(|c| c.to_string())
            .collect();
        if !missing.is_empty() {
            return Err(RegisterError::ColumnsMissing { path, columns: missing });
        }
        self.check_bounds(&table);
        Ok(table)
    }

    /// An optional sheet, if present and readable; otherwise why not, as findings.
    fn optional_table(&mut self, book: &mut Workbook, spec: &SheetSpec) -> Option<Table> {
        let sheet = find_sheet(&book.sheet_names(), spec.name)?;
        let table = match Table::read(book, &sheet, spec) {
            Ok(table) => table,
            Err(e) => {
                let message =
                    format!("Bladet kunde inte läsas ({e}). Spara om registret i Excel och försök igen.");
                self.findings.push(self.sheet_finding(Code::RegisterOlasligt, &sheet, None, message));
                return None;
            }
        };
        self.check_bounds(&table);
        let missing: Vec<&str> =
            spec.required.iter().copied().filter(|c| !table.columns.contains_key(c)).collect();
        for column in &missing {
            let message = format!(
                "Kolumnen \"{column}\" saknas, så inga rader på bladet kan läsas. Lägg till en kolumn med rubriken {column} i rad 1."
            );
            let finding =
                self.sheet_finding(Code::RegisterKolumnSaknas, &sheet, Some(table.next_header), message);
            self.findings.push(finding.field(*column));
        }
        missing.is_empty().then_some(table)
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
        self.findings.push(self.sheet_finding(Code::RegisterOlasligt, &table.sheet, Some(at), message));
    }

    /// Runs `read` over every row of `table`; keeps what clean rows give.
    fn each_row<T>(&mut self, table: &Table, mut read: impl FnMut(&mut Row<'_>) -> Option<T>) -> Vec<T> {
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

/// The sheet of `names` that is `wanted`, in any spelling [`fold`] forgives.
fn find_sheet(names: &[String], wanted: &str) -> Option<String> {
    let wanted = fold(wanted);
    names.iter().find(|n| fold(n) == wanted).cloned()
}

/// One row being read: its values and the findings they raise.
struct Row<'t> {
    table: &'t Table,
    file: &'t str,
    row: u32,
    insats_id: Option<String>,
    findings: Vec<Finding>,
    /// Columns that already have a finding, so a bad value is not also
    /// reported as a missing one.
    failed: BTreeSet<&'static str>,
}

/// A cell parser: `Ok(None)` for blank, `Err` with the Swedish message.
type Parse<T> = fn(&CellValue) -> Result<Option<T>, String>;

impl<'t> Row<'t> {
    fn new(table: &'t Table, file: &'t str, row: u32) -> Row<'t> {
        Row { table, file, row, insats_id: None, findings: Vec::new(), failed: BTreeSet::new() }
    }

    fn value(&self, column: &str) -> &'t CellValue {
        self.table.value(column, self.row)
    }

    fn has(&self, column: &str) -> bool {
        self.table.columns.contains_key(column)
    }

    /// The 1-based row number, as Excel shows it.
    fn number(&self) -> u32 {
        self.row + 1
    }

    /// A finding at the cell of `at`, about the column `field`.
    fn report_at(&mut self, code: Code, at: &'static str, field: &'static str, message: String) {
        let mut finding = Finding::new(code, self.file, message).field(field);
        finding.sheet = Some(self.table.sheet.clone());
        finding.cell = self.table.position(at, self.row).map(Position::to_a1);
        finding.insats_id = self.insats_id.clone();
        self.findings.push(finding);
        self.failed.insert(field);
    }

    fn report(&mut self, code: Code, column: &'static str, message: String) {
        self.report_at(code, column, column, message);
    }

    fn optional<T>(&mut self, column: &'static str, parse: Parse<T>) -> Option<T> {
        match parse(self.value(column)) {
            Ok(value) => value,
            Err(message) => {
                self.report(Code::RegisterVardeOgiltigt, column, message);
                None
            }
        }
    }

    /// A value the row cannot do without; `hint` says what to write.
    fn required<T>(&mut self, column: &'static str, hint: &str, parse: Parse<T>) -> Option<T> {
        let value = self.optional(column, parse);
        if value.is_none() && !self.failed.contains(column) {
            self.report(Code::RegisterVardeSaknas, column, format!("{column} saknas. {hint}"));
        }
        value
    }

    /// A value required because of another (`because`, e.g. `Inriktning`).
    /// When the sheet lacks the column, the finding points at `because`.
    fn required_by(&mut self, column: &'static str, because: &'static str, present: bool, why: &str) {
        if present || self.failed.contains(column) {
            return;
        }
        if self.has(column) {
            self.report(Code::RegisterVardeSaknas, column, format!("{column} saknas. {why}"));
        } else {
            let message = format!(
                "{column} saknas: bladet har ingen kolumn {column}. {why} Lägg till kolumnen {column} i rad 1 och fyll i den."
            );
            self.report_at(Code::RegisterVardeSaknas, because, column, message);
        }
    }

    /// The row's Id. An Id that Excel turned into a date or a time (it reads
    /// `2017:48` as 2017 hours and 48 minutes) is reported, not misread.
    fn id(&mut self, hint: &str) -> Option<String> {
        if matches!(self.value(ID), CellValue::Date(_)) {
            let message = "Id har blivit ett datum eller en tid i Excel. Formatera kolumnen Id som text och skriv Id på nytt, t.ex. 2017:48.";
            self.report(Code::RegisterVardeOgiltigt, ID, message.to_string());
            return None;
        }
        let id = self.required(ID, hint, text)?;
        self.insats_id = Some(id.clone());
        Some(id)
    }

    /// The Id of a row that refers to an insats; it must be in `Insatser`.
    fn known_id(&mut self, ids: &BTreeSet<String>) -> Option<String> {
        let id = self.id("Skriv Id för den insats raden gäller, t.ex. 2017:48.")?;
        if !ids.contains(&id) {
            let message = format!(
                "Id \"{id}\" finns inte i bladet Insatser. Rätta Id, eller lägg till insatsen i bladet Insatser."
            );
            self.report(Code::RegisterOkantId, ID, message);
        }
        Some(id)
    }

    /// Hands the row's findings over; true when it had none.
    fn finish(self, out: &mut Vec<Finding>) -> bool {
        let clean = self.findings.is_empty();
        out.extend(self.findings);
        clean
    }
}

/// The message for a value that does not parse; `allowed` lists a choice's values.
pub(super) fn value_message(error: &ValueError, allowed: &str) -> String {
    match error {
        ValueError::NotWhole { found } => {
            format!("\"{found}\" är inte ett heltal. Skriv ett heltal, t.ex. 12.")
        }
        ValueError::NotAmount { found } => {
            format!("\"{found}\" är inte ett belopp. Skriv beloppet i kronor, t.ex. 1 051 000.")
        }
        ValueError::TooManyDecimals { found } => format!(
            "\"{found}\" har fler än två decimaler. Skriv beloppet i kronor med högst två decimaler, t.ex. 1 051 000,50."
        ),
        ValueError::Negative { found } => {
            format!("\"{found}\" är negativt. Skriv ett värde som är noll eller större.")
        }
        ValueError::NotDate { found } => {
            format!("\"{found}\" är inte ett datum. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2018-01-01.")
        }
        ValueError::NotInList { found } => {
            format!("\"{found}\" är inte ett tillåtet värde. Skriv {allowed}.")
        }
        ValueError::ErrorCell { found } => format!(
            "Cellen innehåller felvärdet {found}, ofta från en formel som inte fungerar. Skriv in värdet direkt i cellen."
        ),
    }
}

fn text(cell: &CellValue) -> Result<Option<String>, String> {
    match cell {
        CellValue::Error(found) => Err(value_message(&ValueError::ErrorCell { found: found.clone() }, "")),
        other => Ok(parse_text(other)),
    }
}

fn int(cell: &CellValue) -> Result<Option<u32>, String> {
    parse_int(cell).map_err(|e| value_message(&e, ""))
}

fn kr(cell: &CellValue) -> Result<Option<Decimal>, String> {
    parse_kr(cell).map_err(|e| value_message(&e, ""))
}

fn date(cell: &CellValue) -> Result<Option<NaiveDate>, String> {
    parse_date(cell).map_err(|e| value_message(&e, ""))
}

fn period(cell: &CellValue) -> Result<Option<Period>, String> {
    match text(cell)? {
        None => Ok(None),
        Some(t) => Period::parse(&t).map(Some).map_err(|e| e.to_string()),
    }
}

/// The register's closed lists, for one parser and one message.
trait Choice: Copy + 'static {
    const OPTIONS: &'static [Self];
    fn from_text(text: &str) -> Option<Self>;
    fn text(self) -> &'static str;

    /// `Individ, Struktur eller Kompetens`.
    fn allowed() -> String {
        let labels: Vec<String> = Self::OPTIONS.iter().map(|o| o.text().to_string()).collect();
        join_or(&labels, "eller")
    }
}

macro_rules! choices {
    ($($t:ty),+) => {$(
        impl Choice for $t {
            const OPTIONS: &'static [Self] = <$t>::ALL;
            fn from_text(text: &str) -> Option<Self> { <$t>::parse(text) }
            fn text(self) -> &'static str { self.label() }
        }
    )+};
}
choices!(Part, Inriktning, Karaktar, BeslutTyp, MalTyp, Omrade, Status);

fn choice<T: Choice>(cell: &CellValue) -> Result<Option<T>, String> {
    parse_choice(cell, T::from_text).map_err(|e| value_message(&e, &T::allowed()))
}

/// `Parter`: a comma-separated list, each a [`Part`]; repeats are dropped.
fn parter(cell: &CellValue) -> Result<Option<Vec<Part>>, String> {
    let Some(list) = text(cell)? else { return Ok(None) };
    let mut parter = Vec::new();
    for item in list.split([',', ';']).map(str::trim).filter(|i| !i.is_empty()) {
        let part = Part::parse(item).ok_or_else(|| {
            format!(
                "\"{item}\" är ingen part. Skriv en eller flera av {}, med kommatecken emellan.",
                join_or(&Part::ALL.iter().map(|p| p.label().to_string()).collect::<Vec<_>>(), "och")
            )
        })?;
        if !parter.contains(&part) {
            parter.push(part);
        }
    }
    Ok((!parter.is_empty()).then_some(parter))
}

impl Ctx {
    /// `Insatser`: the insatser of clean rows, and every Id the sheet names
    /// (a row with a problem still names an insats other sheets may refer to).
    fn insatser(&mut self, table: &Table, moten_default: u32) -> (Vec<Insats>, BTreeSet<String>) {
        let mut first_row: BTreeMap<String, u32> = BTreeMap::new();
        let insatser = self.each_row(table, |r| {
            let id = r.id("Varje insats ska ha ett Id, dess diarienummer, t.ex. 2017:48.");
            if let Some(id) = &id {
                match first_row.get(id) {
                    Some(first) => {
                        let message = format!(
                            "Id \"{id}\" finns redan på rad {first}. Varje insats ska ha ett eget Id."
                        );
                        r.report(Code::RegisterIdDubblett, ID, message);
                    }
                    None => {
                        first_row.insert(id.clone(), r.number());
                    }
                }
            }
            insats(r, id, moten_default)
        });
        (insatser, first_row.into_keys().collect())
    }
}

/// One row of `Insatser`, when it has everything an insats needs.
fn insats(r: &mut Row<'_>, id: Option<String>, moten_default: u32) -> Option<Insats> {
    let namn = r.required(NAMN, "Skriv insatsens fullständiga namn som i ansökan.", text);
    let kortnamn = r.optional(KORTNAMN, text);
    let omrade = r.required(OMRADE, "Skriv kommunen, eller Länsövergripande.", text);
    let insatsagare = r.required(INSATSAGARE, "Skriv vem som äger insatsen, t.ex. Knivsta kommun.", text);
    let hint = "Skriv parterna med kommatecken emellan, t.ex. Kommun, Arbetsförmedlingen.";
    let parter = r.required(PARTER, hint, parter);
    let inriktning = r.required(INRIKTNING, "Skriv Individ, Struktur eller Kompetens.", choice::<Inriktning>);
    let karaktar = r.optional(KARAKTAR, choice::<Karaktar>);
    let start = r.required(START, "Skriv startdagen enligt beslutet, t.ex. 2018-01-01.", date);
    let slut = r.required(SLUT, "Skriv slutdagen enligt beslutet, t.ex. 2021-12-31.", date);
    let hint = "Skriv det beviljade beloppet i kronor, t.ex. 5 900 000.";
    let beviljat_belopp = r.required(BEVILJAT_BELOPP, hint, kr);
    let budget_per_ar = r.optional(BUDGET_PER_AR, kr);
    let forvantat = r.optional(FORVANTAT_ANTAL, int);
    let alder_fran = r.optional(ALDER_FRAN, int);
    let alder_till = r.optional(ALDER_TILL, int);
    let moten = r.optional(STYRGRUPPSMOTEN, int).unwrap_or(moten_default);
    if inriktning == Some(Inriktning::Individ) {
        let why = "En individinriktad insats ska ha karaktären Förrehabiliterande eller Arbete och studier.";
        r.required_by(KARAKTAR, INRIKTNING, karaktar.is_some(), why);
        let why = "En individinriktad insats ska ange hur många deltagare den väntas ta emot under hela perioden, t.ex. 150.";
        r.required_by(FORVANTAT_ANTAL, INRIKTNING, forvantat.is_some(), why);
    }
    check_order(r, start, slut, alder_fran, alder_till);
    let (true, Some(id), Some(namn), Some(omrade), Some(insatsagare), Some(parter), Some(inriktning)) =
        (r.findings.is_empty(), id, namn, omrade, insatsagare, parter, inriktning)
    else {
        return None;
    };
    let (Some(start), Some(slut), Some(beviljat_belopp)) = (start, slut, beviljat_belopp) else {
        return None;
    };
    Some(Insats {
        id,
        kortnamn: kortnamn.unwrap_or_else(|| namn.clone()),
        namn,
        omrade,
        insatsagare,
        parter,
        inriktning,
        karaktar,
        start,
        slut,
        beviljat_belopp,
        budget_per_ar,
        forvantat_antal_deltagare: forvantat,
        malgrupp_alder_fran: alder_fran,
        malgrupp_alder_till: alder_till,
        styrgruppsmoten_per_ar: moten,
        rad: r.number(),
    })
}

/// Dates and ages of a row of `Insatser` that must come in order.
fn check_order(
    r: &mut Row<'_>,
    start: Option<NaiveDate>,
    slut: Option<NaiveDate>,
    fran: Option<u32>,
    till: Option<u32>,
) {
    if let (Some(start), Some(slut)) = (start, slut)
        && slut < start
    {
        let message = format!(
            "Slut ({slut}) är före Start ({start}). Rätta datumen så att insatsen slutar efter att den börjar."
        );
        r.report(Code::RegisterSlutForeStart, SLUT, message);
    }
    if let (Some(fran), Some(till)) = (fran, till)
        && till < fran
    {
        let message =
            format!("{ALDER_TILL} ({till}) är lägre än {ALDER_FRAN} ({fran}). Rätta åldrarna i målgruppen.");
        r.report(Code::RegisterVardeOgiltigt, ALDER_TILL, message);
    }
}

impl Ctx {
    /// `Budget`: one amount per insats and quarter.
    fn budgetar(&mut self, table: &Table, ids: &BTreeSet<String>) -> BTreeMap<(String, Kvartal), Decimal> {
        let mut first_row: BTreeMap<(String, Kvartal), u32> = BTreeMap::new();
        let rows = self.each_row(table, |r| {
            let id = r.known_id(ids);
            let ar = r.required(AR, "Skriv året, t.ex. 2018.", int);
            let kvartal = r.required(KVARTAL, "Skriv kvartalets nummer, 1–4.", int);
            let budget = r.required(BUDGET, "Skriv kvartalets budget i kronor, t.ex. 350 000.", kr);
            let quarter = quarter(r, ar?, kvartal?)?;
            let key = (id?, quarter);
            if let Some(first) = first_row.get(&key) {
                let message = format!(
                    "Budgeten för {} {quarter} finns redan på rad {first}. Ta bort en av raderna, eller lägg ihop beloppen på en rad.",
                    key.0
                );
                r.report(Code::RegisterDubblettRad, KVARTAL, message);
            } else {
                first_row.insert(key.clone(), r.number());
            }
            Some((key, budget?))
        });
        rows.into_iter().collect()
    }
}

/// The quarter of a `Budget` row, or a finding on the cell that is off.
fn quarter(r: &mut Row<'_>, ar: u32, kvartal: u32) -> Option<Kvartal> {
    let Some(kvartal) = u8::try_from(kvartal).ok().filter(|k| (1..=4).contains(k)) else {
        let message = format!("Kvartal {kvartal} finns inte. Skriv kvartalets nummer, 1–4.");
        r.report(Code::RegisterVardeOgiltigt, KVARTAL, message);
        return None;
    };
    let quarter = i32::try_from(ar).ok().and_then(|ar| Kvartal::new(ar, kvartal));
    if quarter.is_none() {
        let message = format!("År {ar} går inte att använda. Skriv året med fyra siffror, t.ex. 2018.");
        r.report(Code::RegisterVardeOgiltigt, AR, message);
    }
    quarter
}

impl Ctx {
    /// `Beslut`, sorted by date (rows of one day keep their order).
    fn beslut(&mut self, table: &Table, ids: &BTreeSet<String>) -> Vec<Beslut> {
        let mut beslut = self.each_row(table, |r| {
            let id = r.known_id(ids);
            let datum = r.required(DATUM, "Skriv dagen beslutet fattades, t.ex. 2020-06-30.", date);
            let hint = "Skriv Tillägg, Förlängning, Avslut eller Justering.";
            let typ = r.required(TYP, hint, choice::<BeslutTyp>);
            let belopp = r.optional(BELOPP, kr);
            let ny_slutdag = r.optional(NY_SLUTDAG, date);
            let kommentar = r.optional(KOMMENTAR, text);
            let why = match typ {
                Some(BeslutTyp::Tillagg) => {
                    let why = "Ett tillägg ska ange beloppet som läggs till, t.ex. 67 500.";
                    r.required_by(BELOPP, TYP, belopp.is_some(), why);
                    None
                }
                Some(BeslutTyp::Forlangning) => {
                    Some("En förlängning ska ange insatsens nya slutdag, t.ex. 2021-12-31.")
                }
                Some(BeslutTyp::Avslut) => {
                    Some("Ett avslut ska ange dagen då insatsen slutar, t.ex. 2020-06-30.")
                }
                Some(BeslutTyp::Justering) | None => None,
            };
            if let Some(why) = why {
                r.required_by(NY_SLUTDAG, TYP, ny_slutdag.is_some(), why);
            }
            Some(Beslut { id: id?, datum: datum?, typ: typ?, belopp, ny_slutdag, kommentar })
        });
        beslut.sort_by_key(|b| b.datum);
        beslut
    }

    /// `Mål`, per insats and sorted by `Nr`.
    fn mal(&mut self, table: &Table, ids: &BTreeSet<String>) -> BTreeMap<String, Vec<Mal>> {
        let mut first_row: BTreeMap<(String, u32), u32> = BTreeMap::new();
        let rows = self.each_row(table, |r| {
            let id = r.known_id(ids);
            let nr = r.required(NR, "Skriv målets nummer i ansökan, t.ex. 1.", int);
            let typ = r.required(TYP, "Skriv Effektmål eller Insatsmål.", choice::<MalTyp>);
            let mal = r.required(MAL, "Skriv målet som det står i ansökan.", text);
            let key = (id?, nr?);
            if let Some(first) = first_row.get(&key) {
                let message = format!(
                    "Mål nr {} för {} finns redan på rad {first}. Ge varje mål för insatsen ett eget nummer.",
                    key.1, key.0
                );
                r.report(Code::RegisterDubblettRad, NR, message);
            } else {
                first_row.insert(key.clone(), r.number());
            }
            Some((key.0, Mal { nr: key.1, typ: typ?, text: mal? }))
        });
        let mut mal: BTreeMap<String, Vec<Mal>> = BTreeMap::new();
        for (id, goal) in rows {
            mal.entry(id).or_default().push(goal);
        }
        mal.values_mut().for_each(|goals| goals.sort_by_key(|g| g.nr));
        mal
    }

    /// `Bedömningar`: at most one per insats, period and area.
    fn bedomningar(&mut self, table: &Table, ids: &BTreeSet<String>) -> Vec<Bedomning> {
        let mut first_row: BTreeMap<(String, String, Omrade), u32> = BTreeMap::new();
        self.each_row(table, |r| {
            let id = r.known_id(ids);
            let period = r.required(PERIOD, "Skriv perioden bedömningen gäller, t.ex. 2018-K2.", period);
            let hint = "Skriv Mål, Förutsättningar, Budget, Kvalitet, Deltagare eller Helhet.";
            let omrade = r.required(OMRADE, hint, choice::<Omrade>);
            let status = r.required(STATUS, "Skriv Grön, Gul eller Röd.", choice::<Status>);
            let hint = "Skriv varför kansliet bedömer annorlunda än verktyget.";
            let motivering = r.required(MOTIVERING, hint, text);
            let (id, period, omrade) = (id?, period?, omrade?);
            let key = (id.clone(), period.to_string(), omrade);
            if let Some(first) = first_row.get(&key) {
                let message = format!(
                    "En bedömning av {omrade} för {id} {period} finns redan på rad {first}. Ta bort en av raderna."
                );
                r.report(Code::RegisterDubblettRad, OMRADE, message);
            } else {
                first_row.insert(key, r.number());
            }
            Some(Bedomning { id, period, omrade, status: status?, motivering: motivering? })
        })
    }

    /// `Inställningar`: the defaults with the sheet's overrides applied.
    fn settings(&mut self, table: &Table) -> Installningar {
        let mut installningar = Installningar::default();
        let mut first_row: BTreeMap<&'static str, u32> = BTreeMap::new();
        self.each_row(table, |r| {
            let written =
                r.required(INSTALLNING, "Skriv inställningens namn, t.ex. Budget ok från.", text)?;
            let Some(name) = settings::known_name(&written) else {
                r.report(Code::RegisterOkandInstallning, INSTALLNING, settings::unknown_message(&written));
                return None;
            };
            if let Some(first) = first_row.get(name) {
                let message =
                    format!("Inställningen \"{name}\" finns redan på rad {first}. Ta bort en av raderna.");
                r.report(Code::RegisterDubblettRad, INSTALLNING, message);
                return None;
            }
            first_row.insert(name, r.number());
            let default = settings::default_text(name).unwrap_or_default();
            let hint =
                format!("Skriv ett värde, eller ta bort raden för att använda standardvärdet {default}.");
            if r.value(VARDE).is_blank() {
                r.report(Code::RegisterVardeSaknas, VARDE, format!("{VARDE} saknas. {hint}"));
            } else if let Err(message) = installningar.set(name, r.value(VARDE)) {
                r.report(Code::RegisterVardeOgiltigt, VARDE, message);
            }
            Some(())
        });
        installningar
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_case_space_and_swedish_letters() {
        assert_eq!(fold("  Bedömningar "), "bedomningar");
        assert_eq!(fold("MAL"), fold("Mål"));
        assert_eq!(fold("Beviljat   belopp"), fold("beviljat belopp"));
        assert_ne!(fold("Mål"), fold("Mål 2"));
    }

    #[test]
    fn swedish_lists_and_numbers() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_or(&items(&["a", "b", "c"]), "eller"), "a, b eller c");
        assert_eq!(join_or(&items(&["a"]), "och"), "a");
        assert_eq!(join_or(&[], "och"), "");
        assert_eq!(group_thousands("10000"), "10 000");
        assert_eq!(group_thousands("1051000"), "1 051 000");
        assert_eq!(group_thousands("100"), "100");
    }

    #[test]
    fn partners_are_a_list_without_repeats() {
        let cell = CellValue::Text("Kommun, AF ;kommun, , Region".into());
        assert_eq!(parter(&cell), Ok(Some(vec![Part::Kommun, Part::Arbetsformedlingen, Part::Region])));
        assert_eq!(parter(&CellValue::Text(" , ".into())), Ok(None));
    }

    #[test]
    fn every_register_error_says_what_to_do() {
        let path = || "register.xlsx".to_string();
        let cases = [
            (
                RegisterError::Unreadable { path: path(), detail: "låst".into() },
                "Registret register.xlsx kunde inte öppnas (låst). Stäng filen om den är öppen i ett annat program och försök igen.",
            ),
            (
                RegisterError::Encrypted { path: path() },
                "Registret register.xlsx är lösenordsskyddat. Spara det utan lösenord och försök igen.",
            ),
            (
                RegisterError::InsatserUnreadable { path: path(), detail: "trasig".into() },
                "Bladet Insatser i registret register.xlsx kunde inte läsas (trasig). Spara om registret i Excel och försök igen.",
            ),
            (
                RegisterError::ColumnsMissing { path: path(), columns: vec!["Id".into()] },
                "Bladet Insatser i registret register.xlsx saknar kolumnen \"Id\". Skriv rubrikerna i rad 1, en kolumn för varje.",
            ),
        ];
        for (error, message) in cases {
            assert_eq!(error.to_string(), message);
        }
    }
}
