//! Regenerates the shipped samples from their readable source.
//!
//! `samples/source/register/*.csv` (one `;`-separated file per sheet, with
//! the register's Swedish headers) becomes `samples/register.xlsx` with typed
//! cells; `samples/source/rapporter.toml` (one table per report, keyed by the
//! template contract's defined names) becomes one filled-in template per
//! report in `samples/rapporter/`, written by
//! [`uppfoljning::template::write_report`]; `samples/source/arkiv.toml` (the
//! same format) becomes kansliet's archive of other quarters in
//! `samples/arkiv/`, one sub-folder per quarter (`arkiv/2017-K4/…`). The
//! output is deterministic, so `tests/samples.rs` regenerates into a
//! temporary folder and compares bytes.
//!
//! Run with `cargo run --example samples`. The test includes this file as a
//! module (`#[path]`), so everything it needs is `pub` here.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use uppfoljning::contract::{self, FieldType};
use uppfoljning::period::Kvartal;
use uppfoljning::register::Inriktning;
use uppfoljning::template::{self, Answer, Answers, Prefill};

fn main() -> ExitCode {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    match generate(&samples.join("source"), &samples) {
        Ok(written) => {
            println!(
                "Skrev {}, {} rapporter i {} och {} i {}.",
                REGISTER_FILE,
                written.reports,
                samples.join(REPORTS_DIR).display(),
                written.archive,
                samples.join(ARCHIVE_DIR).display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// The register workbook, relative to the output folder.
pub const REGISTER_FILE: &str = "register.xlsx";
/// The folder of the report workbooks, relative to the output folder.
pub const REPORTS_DIR: &str = "rapporter";
/// The reports' source, relative to the source folder.
pub const REPORTS_SOURCE: &str = "rapporter.toml";
/// The archive of other quarters, relative to the output folder: one
/// sub-folder per quarter, named like `2017-K4`.
pub const ARCHIVE_DIR: &str = "arkiv";
/// The archive's source, relative to the source folder.
pub const ARCHIVE_SOURCE: &str = "arkiv.toml";
/// The register's source folder, relative to the source folder.
pub const REGISTER_SOURCE: &str = "register";

/// The register's sheets, in workbook order, and the file that holds each.
pub const SHEETS: &[(&str, &str)] =
    &[("Insatser", "insatser.csv"), ("Budget", "budget.csv"), ("Beslut", "beslut.csv"), ("Mål", "mal.csv")];

/// The value kind of a register column, which decides its cell type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Kr,
    Date,
}

/// Every column the samples' register uses (`docs/register.md`); a header
/// not listed here is a typo in the source.
const COLUMNS: &[(&str, Kind)] = &[
    ("Id", Kind::Text),
    ("Namn", Kind::Text),
    ("Kortnamn", Kind::Text),
    ("Område", Kind::Text),
    ("Insatsägare", Kind::Text),
    ("Parter", Kind::Text),
    ("Inriktning", Kind::Text),
    ("Karaktär", Kind::Text),
    ("Start", Kind::Date),
    ("Slut", Kind::Date),
    ("Beviljat belopp", Kind::Kr),
    ("Budget per år", Kind::Kr),
    ("Förväntat antal deltagare", Kind::Int),
    ("Målgrupp ålder från", Kind::Int),
    ("Målgrupp ålder till", Kind::Int),
    ("Styrgruppsmöten per år", Kind::Int),
    ("År", Kind::Int),
    ("Kvartal", Kind::Int),
    ("Budget", Kind::Kr),
    ("Datum", Kind::Date),
    ("Typ", Kind::Text),
    ("Belopp", Kind::Kr),
    ("Ny slutdag", Kind::Date),
    ("Kommentar", Kind::Text),
    ("Nr", Kind::Int),
    ("Mål", Kind::Text),
];

/// The keys of a report table that say which report it is; they go into
/// the [`Prefill`] (or name the file), not the answers.
const IDENTITY_KEYS: &[&str] = &["insats_id", "period_ar", "period_kvartal", FILE_KEY];

/// The optional key that names a report's file when the template's name
/// will not do: a second, corrected version of a report in the same folder.
const FILE_KEY: &str = "fil";

/// Why the samples could not be generated: a sentence naming the file and
/// the place in it.
#[derive(Debug)]
pub struct SampleError(String);

impl fmt::Display for SampleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SampleError {}

/// Adds where an error happened to its message.
pub trait Context<T> {
    fn context(self, place: impl FnOnce() -> String) -> Result<T, SampleError>;
}

impl<T, E: fmt::Display> Context<T> for Result<T, E> {
    fn context(self, place: impl FnOnce() -> String) -> Result<T, SampleError> {
        self.map_err(|error| SampleError(format!("{}: {error}", place())))
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, SampleError> {
    Err(SampleError(message.into()))
}

/// How many report workbooks [`generate`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// In `rapporter/`.
    pub reports: usize,
    /// In `arkiv/`, all quarters.
    pub archive: usize,
}

/// Reads `source` and writes the register, every report and the archive
/// into `out`, removing report workbooks that the source no longer gives.
pub fn generate(source: &Path, out: &Path) -> Result<Written, SampleError> {
    let source = Source::read(source)?;
    let register =
        register_workbook(&source.register).context(|| format!("{REGISTER_FILE} kunde inte skapas"))?;
    fs::create_dir_all(out).context(|| out.display().to_string())?;
    write(&out.join(REGISTER_FILE), &register)?;
    let dir = out.join(REPORTS_DIR);
    fs::create_dir_all(&dir).context(|| dir.display().to_string())?;
    let mut written = BTreeSet::new();
    for report in &source.reports {
        let (name, bytes) = source.workbook(report)?;
        if !written.insert(name.clone()) {
            return fail(format!("två rapporter får samma filnamn {name}"));
        }
        write(&dir.join(&name), &bytes)?;
    }
    remove_stale(&dir, &written)?;
    let archive = write_archive(&source, &out.join(ARCHIVE_DIR))?;
    Ok(Written { reports: written.len(), archive })
}

/// Writes the archive's reports into one sub-folder per quarter of `dir`
/// and removes what the source no longer gives: stale workbooks, and
/// quarter folders left empty. Returns the number of reports written.
fn write_archive(source: &Source, dir: &Path) -> Result<usize, SampleError> {
    fs::create_dir_all(dir).context(|| dir.display().to_string())?;
    let mut written: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for report in &source.archive {
        let (name, bytes) = source.workbook(report)?;
        let quarter = report.kvartal.to_string();
        if !written.entry(quarter.clone()).or_default().insert(name.clone()) {
            return fail(format!("två rapporter i {ARCHIVE_DIR}/{quarter} får samma filnamn {name}"));
        }
        let folder = dir.join(&quarter);
        fs::create_dir_all(&folder).context(|| folder.display().to_string())?;
        write(&folder.join(&name), &bytes)?;
    }
    remove_stale(dir, &BTreeSet::new())?;
    let entries = fs::read_dir(dir).context(|| dir.display().to_string())?;
    for entry in entries {
        let path = entry.context(|| dir.display().to_string())?.path();
        let Some(quarter) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else { continue };
        if !path.is_dir() {
            continue;
        }
        match written.get(&quarter) {
            Some(names) => remove_stale(&path, names)?,
            None => {
                remove_stale(&path, &BTreeSet::new())?;
                // Only a folder the generator made and emptied goes; anything else stays.
                if fs::read_dir(&path).context(|| path.display().to_string())?.next().is_none() {
                    fs::remove_dir(&path).context(|| path.display().to_string())?;
                }
            }
        }
    }
    Ok(written.values().map(BTreeSet::len).sum())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), SampleError> {
    fs::write(path, bytes).context(|| path.display().to_string())
}

/// Removes `.xlsx` files in `dir` that were not just written, so a renamed
/// report leaves no stale copy behind.
fn remove_stale(dir: &Path, written: &BTreeSet<String>) -> Result<(), SampleError> {
    for path in xlsx_files(dir)? {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !written.contains(&name) {
            fs::remove_file(&path).context(|| path.display().to_string())?;
        }
    }
    Ok(())
}

/// The `.xlsx` files directly in `dir`, sorted.
pub fn xlsx_files(dir: &Path) -> Result<Vec<PathBuf>, SampleError> {
    let entries = fs::read_dir(dir).context(|| dir.display().to_string())?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.context(|| dir.display().to_string())?.path();
        if path.extension().is_some_and(|e| e == "xlsx") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

// ---------------------------------------------------------------------------
// The source

/// Everything under `samples/source/`.
#[derive(Debug)]
pub struct Source {
    pub register: RegisterSource,
    /// The memo's reports, `rapporter.toml`.
    pub reports: Vec<ReportSource>,
    /// The archive's reports of other quarters, `arkiv.toml`.
    pub archive: Vec<ReportSource>,
}

impl Source {
    pub fn read(dir: &Path) -> Result<Source, SampleError> {
        let register = RegisterSource::read(&dir.join(REGISTER_SOURCE))?;
        let read = |file: &str| -> Result<Vec<ReportSource>, SampleError> {
            let path = dir.join(file);
            let text = fs::read_to_string(&path).context(|| path.display().to_string())?;
            read_reports(&text).context(|| path.display().to_string())
        };
        let source = Source { register, reports: read(REPORTS_SOURCE)?, archive: read(ARCHIVE_SOURCE)? };
        source.check_report_ids().context(|| dir.join(REPORTS_SOURCE).display().to_string())?;
        source.check_archive_ids().context(|| dir.join(ARCHIVE_SOURCE).display().to_string())?;
        Ok(source)
    }

    /// Every report names an insats of the register, once per quarter, in
    /// the template's file name.
    fn check_report_ids(&self) -> Result<(), SampleError> {
        let mut seen = BTreeSet::new();
        for report in &self.reports {
            self.check_insats(report)?;
            if report.fil.is_some() {
                return fail(format!(
                    "{} {}: {FILE_KEY} hör bara hemma i {ARCHIVE_SOURCE}",
                    report.insats_id, report.kvartal
                ));
            }
            if !seen.insert((report.insats_id.clone(), report.kvartal)) {
                return fail(format!("två rapporter för {} {}", report.insats_id, report.kvartal));
            }
        }
        Ok(())
    }

    /// Every archived report names an insats of the register and a quarter
    /// that `rapporter.toml` does not have (the memo's figures stay as they
    /// are); a second version of a quarter names its own file.
    fn check_archive_ids(&self) -> Result<(), SampleError> {
        let mut seen = BTreeSet::new();
        for report in &self.archive {
            self.check_insats(report)?;
            if self.report(&report.insats_id, report.kvartal).is_some() {
                return fail(format!(
                    "{} {} finns redan i {REPORTS_SOURCE}; arkivet har bara andra kvartal",
                    report.insats_id, report.kvartal
                ));
            }
            if !seen.insert((report.insats_id.clone(), report.kvartal, report.fil.clone())) {
                return fail(format!(
                    "två rapporter för {} {}: ge den andra ett eget filnamn med {FILE_KEY}",
                    report.insats_id, report.kvartal
                ));
            }
        }
        Ok(())
    }

    fn check_insats(&self, report: &ReportSource) -> Result<(), SampleError> {
        match self.register.insats(&report.insats_id) {
            Some(_) => Ok(()),
            None => fail(format!("insats_id {} finns inte i registrets Insatser", report.insats_id)),
        }
    }

    /// The file name and bytes of `report`, prefilled from the register.
    pub fn workbook(&self, report: &ReportSource) -> Result<(String, Vec<u8>), SampleError> {
        let prefill = self.prefill(report)?;
        let name = report.fil.clone().unwrap_or_else(|| template::file_name(&prefill));
        let bytes = template::write_report(Some(&prefill), &report.answers)
            .context(|| format!("rapporten {} {} kunde inte skrivas", report.insats_id, report.kvartal))?;
        Ok((name, bytes))
    }

    /// What kansliet prefills for `report`, from the register.
    pub fn prefill(&self, report: &ReportSource) -> Result<Prefill, SampleError> {
        let id = &report.insats_id;
        let file = if self.archive.iter().any(|r| std::ptr::eq(r, report)) {
            ARCHIVE_SOURCE
        } else {
            REPORTS_SOURCE
        };
        let place = || format!("{file}: rapporten {id} {}", report.kvartal);
        let Some(insats) = self.register.insats(id) else {
            return fail(format!("{}: insatsen finns inte i registret", place()));
        };
        let goals = self.register.goals(id)?;
        if let Some(Answer::GoalAnswers(rows)) = report.answers.get("mal_lista")
            && rows.len() != goals.len()
        {
            return fail(format!(
                "{}: mal_lista har {} rader men registret har {} mål",
                place(),
                rows.len(),
                goals.len()
            ));
        }
        Ok(Prefill {
            insats_id: id.clone(),
            insats_namn: insats.text("Namn").to_string(),
            kvartal: report.kvartal,
            budget_kr: self.register.quarter_budget(id, report.kvartal)?,
            goals,
            inriktning: Inriktning::parse(insats.text("Inriktning")).ok_or_else(|| {
                SampleError(format!("{}: inriktningen {:?} är okänd", place(), insats.text("Inriktning")))
            })?,
            forvantat_antal_deltagare: insats.int("Förväntat antal deltagare"),
        })
    }

    /// The report of `id` for `kvartal`, if the source has one.
    pub fn report(&self, id: &str, kvartal: Kvartal) -> Option<&ReportSource> {
        self.reports.iter().find(|r| r.insats_id == id && r.kvartal == kvartal)
    }

    /// The archived versions of the report of `id` for `kvartal`, in the
    /// order of `arkiv.toml`.
    pub fn archived(&self, id: &str, kvartal: Kvartal) -> Vec<&ReportSource> {
        self.archive.iter().filter(|r| r.insats_id == id && r.kvartal == kvartal).collect()
    }
}

// ---------------------------------------------------------------------------
// The register's source: one `;`-separated file per sheet

/// One cell of the register, typed by its column.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(u32),
    Kr(Decimal),
    Date(NaiveDate),
}

static EMPTY: Cell = Cell::Empty;

/// One sheet of the register.
#[derive(Debug)]
pub struct Sheet {
    pub name: &'static str,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// One row of a sheet, with its cells looked up by header.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    sheet: &'a Sheet,
    cells: &'a [Cell],
}

impl<'a> Row<'a> {
    pub fn get(&self, header: &str) -> &'a Cell {
        let index = self.sheet.headers.iter().position(|h| h == header);
        index.and_then(|i| self.cells.get(i)).unwrap_or(&EMPTY)
    }

    /// A text cell's content; "" when empty or not text.
    pub fn text(&self, header: &str) -> &'a str {
        match self.get(header) {
            Cell::Text(text) => text,
            _ => "",
        }
    }

    pub fn int(&self, header: &str) -> Option<u32> {
        match self.get(header) {
            Cell::Int(n) => Some(*n),
            _ => None,
        }
    }

    pub fn kr(&self, header: &str) -> Option<Decimal> {
        match self.get(header) {
            Cell::Kr(amount) => Some(*amount),
            _ => None,
        }
    }

    pub fn date(&self, header: &str) -> Option<NaiveDate> {
        match self.get(header) {
            Cell::Date(date) => Some(*date),
            _ => None,
        }
    }
}

impl Sheet {
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(|cells| Row { sheet: self, cells })
    }

    /// Reads a sheet from `;`-separated text: a header row, then one row
    /// per line. No quoting: a value never holds a `;`.
    pub fn parse(name: &'static str, text: &str) -> Result<Sheet, SampleError> {
        let mut lines = text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty());
        let Some((_, header)) = lines.next() else {
            return fail("filen är tom: första raden ska vara kolumnrubrikerna");
        };
        let headers: Vec<String> = header.split(';').map(|h| h.trim().to_string()).collect();
        let kinds = headers.iter().map(|h| column_kind(h)).collect::<Result<Vec<_>, _>>()?;
        let mut rows = Vec::new();
        for (index, line) in lines {
            let values: Vec<&str> = line.split(';').collect();
            if values.len() != headers.len() {
                return fail(format!(
                    "rad {}: {} värden men {} kolumner",
                    index + 1,
                    values.len(),
                    headers.len()
                ));
            }
            let cells = values.iter().zip(&headers).zip(&kinds).map(|((value, header), kind)| {
                parse_cell(value, *kind).context(|| format!("rad {}, kolumn {header}", index + 1))
            });
            rows.push(cells.collect::<Result<Vec<_>, _>>()?);
        }
        Ok(Sheet { name, headers, rows })
    }
}

fn column_kind(header: &str) -> Result<Kind, SampleError> {
    match COLUMNS.iter().find(|(name, _)| *name == header) {
        Some((_, kind)) => Ok(*kind),
        None => {
            let known: Vec<&str> = COLUMNS.iter().map(|(name, _)| *name).collect();
            fail(format!("okänd kolumn \"{header}\"; kända kolumner: {}", known.join(", ")))
        }
    }
}

/// A value of the source as a typed cell: amounts and whole numbers as plain
/// digits, dates as `ÅÅÅÅ-MM-DD`.
fn parse_cell(value: &str, kind: Kind) -> Result<Cell, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(Cell::Empty);
    }
    match kind {
        Kind::Text => Ok(Cell::Text(value.to_string())),
        Kind::Int => value.parse().map(Cell::Int).map_err(|_| format!("\"{value}\" är inget heltal")),
        Kind::Kr => value
            .parse()
            .map(Cell::Kr)
            .map_err(|_| format!("\"{value}\" är inget belopp (skriv bara siffror)")),
        Kind::Date => NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .map(Cell::Date)
            .map_err(|_| format!("\"{value}\" är inget datum ÅÅÅÅ-MM-DD")),
    }
}

/// The register's sheets, in workbook order.
#[derive(Debug)]
pub struct RegisterSource {
    pub sheets: Vec<Sheet>,
}

impl RegisterSource {
    pub fn read(dir: &Path) -> Result<RegisterSource, SampleError> {
        let mut sheets = Vec::new();
        for (name, file) in SHEETS {
            let path = dir.join(file);
            let text = fs::read_to_string(&path).context(|| path.display().to_string())?;
            sheets.push(Sheet::parse(name, &text).context(|| path.display().to_string())?);
        }
        Ok(RegisterSource { sheets })
    }

    pub fn sheet(&self, name: &str) -> Result<&Sheet, SampleError> {
        match self.sheets.iter().find(|s| s.name == name) {
            Some(sheet) => Ok(sheet),
            None => fail(format!("registret saknar bladet {name}")),
        }
    }

    /// The rows of `sheet` about insats `id`.
    pub fn rows_of(&self, sheet: &str, id: &str) -> Result<Vec<Row<'_>>, SampleError> {
        Ok(self.sheet(sheet)?.rows().filter(|row| row.text("Id") == id).collect())
    }

    /// The row of insats `id` in `Insatser`.
    pub fn insats(&self, id: &str) -> Option<Row<'_>> {
        self.rows_of("Insatser", id).ok()?.into_iter().next()
    }

    /// The quarter's budget from the sheet `Budget`.
    pub fn quarter_budget(&self, id: &str, kvartal: Kvartal) -> Result<Option<Decimal>, SampleError> {
        let in_quarter = |row: &Row| {
            row.int("År") == Some(kvartal.ar as u32) && row.int("Kvartal") == Some(u32::from(kvartal.kvartal))
        };
        Ok(self.rows_of("Budget", id)?.into_iter().find(in_quarter).and_then(|row| row.kr("Budget")))
    }

    /// The texts of the goals of `id`, in the order of `Nr`.
    pub fn goals(&self, id: &str) -> Result<Vec<String>, SampleError> {
        let mut goals: Vec<(Option<u32>, String)> = self
            .rows_of("Mål", id)?
            .into_iter()
            .map(|row| (row.int("Nr"), row.text("Mål").to_string()))
            .collect();
        goals.sort_by_key(|(nr, _)| *nr);
        Ok(goals.into_iter().map(|(_, text)| text).collect())
    }
}

// ---------------------------------------------------------------------------
// The reports' source: `rapporter.toml`

/// One report's identity and answers.
#[derive(Debug, Clone)]
pub struct ReportSource {
    pub insats_id: String,
    pub kvartal: Kvartal,
    /// The file's name when it is not the template's (`fil`).
    pub fil: Option<String>,
    pub answers: Answers,
}

fn read_reports(text: &str) -> Result<Vec<ReportSource>, SampleError> {
    let document: toml::Table = toml::from_str(text).context(|| "ingen giltig TOML".to_string())?;
    let Some(toml::Value::Array(tables)) = document.get("rapport") else {
        return fail("inga [[rapport]]-tabeller");
    };
    let mut reports = Vec::new();
    for (index, table) in tables.iter().enumerate() {
        let place = || format!("[[rapport]] nr {}", index + 1);
        let Some(table) = table.as_table() else {
            return fail(format!("{}: är ingen tabell", place()));
        };
        reports.push(read_report(table).context(place)?);
    }
    Ok(reports)
}

fn read_report(table: &toml::Table) -> Result<ReportSource, SampleError> {
    let insats_id = match table.get("insats_id") {
        Some(toml::Value::String(id)) => id.clone(),
        _ => return fail("insats_id saknas eller är ingen text"),
    };
    let year = table.get("period_ar").and_then(toml::Value::as_integer);
    let quarter = table.get("period_kvartal").and_then(toml::Value::as_integer);
    let kvartal =
        year.zip(quarter).and_then(|(ar, q)| Kvartal::new(i32::try_from(ar).ok()?, u8::try_from(q).ok()?));
    let Some(kvartal) = kvartal else {
        return fail(format!(
            "{insats_id}: period_ar och period_kvartal ska vara ett år och ett kvartal 1–4"
        ));
    };
    let fil = match table.get(FILE_KEY) {
        None => None,
        Some(toml::Value::String(name)) if name.ends_with(".xlsx") && !name.contains(['/', '\\']) => {
            Some(name.clone())
        }
        Some(_) => {
            return fail(format!(
                "{insats_id} {kvartal}: {FILE_KEY} ska vara ett filnamn som slutar på .xlsx"
            ));
        }
    };
    let mut answers = Answers::new();
    for (key, value) in table.iter().filter(|(key, _)| !IDENTITY_KEYS.contains(&key.as_str())) {
        let field = answer_field(key).context(|| format!("{insats_id} {kvartal}"))?;
        let answer = to_answer(field.ty, value).context(|| format!("{insats_id} {kvartal}, {key}"))?;
        answers.insert(field.name, answer);
    }
    Ok(ReportSource { insats_id, kvartal, fil, answers })
}

/// The contract's field for an answer key: a defined name that the
/// styrgrupp fills in (prefilled, locked fields come from the register).
fn answer_field(key: &str) -> Result<&'static contract::Field, SampleError> {
    match contract::field(key) {
        None => fail(format!("\"{key}\" är inget definierat namn i mallkontraktet")),
        Some(field) if field.locked => fail(format!("\"{key}\" fylls i från registret; ta bort den här")),
        Some(field) => Ok(field),
    }
}

fn to_answer(ty: FieldType, value: &toml::Value) -> Result<Answer, String> {
    if ty == FieldType::GoalBlock {
        return goal_answers(value);
    }
    match value {
        toml::Value::String(text) => Ok(Answer::Text(text.clone())),
        toml::Value::Integer(n) => Ok(Answer::Number(*n as f64)),
        toml::Value::Float(x) => Ok(Answer::Number(*x)),
        toml::Value::Datetime(datetime) => toml_date(datetime).map(Answer::Date),
        other => Err(format!("{} kan inte skrivas i en cell", other.type_str())),
    }
}

/// A TOML local date (`2018-04-16`) as a date; a time or offset is refused.
fn toml_date(datetime: &toml::value::Datetime) -> Result<NaiveDate, String> {
    let refused = || format!("{datetime} är inget datum ÅÅÅÅ-MM-DD");
    match (datetime.date, datetime.time, datetime.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .ok_or_else(refused)
        }
        _ => Err(refused()),
    }
}

/// `mal_lista`: one `[Målstatus, kommentar]` per goal.
fn goal_answers(value: &toml::Value) -> Result<Answer, String> {
    let shape = || "mal_lista ska vara en lista av [status, kommentar]".to_string();
    let rows = value.as_array().ok_or_else(shape)?;
    let mut answers = Vec::new();
    for row in rows {
        let texts: Option<Vec<&str>> =
            row.as_array().and_then(|r| r.iter().map(toml::Value::as_str).collect());
        match texts.as_deref() {
            Some([status]) => answers.push((status.to_string(), String::new())),
            Some([status, comment]) => answers.push((status.to_string(), comment.to_string())),
            _ => return Err(shape()),
        }
    }
    Ok(Answer::GoalAnswers(answers))
}

// ---------------------------------------------------------------------------
// The register workbook

/// The register as a workbook: typed cells, bold frozen header, fitted
/// columns, a fixed creation time so the bytes never change.
pub fn register_workbook(register: &RegisterSource) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2018, 8, 1)?;
    let properties = DocProperties::new()
        .set_title("Register över beviljade insatser (exempel)")
        .set_author("Kansliet")
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    for sheet in &register.sheets {
        let worksheet = workbook.add_worksheet();
        write_sheet(worksheet, sheet)?;
    }
    workbook.save_to_buffer()
}

fn write_sheet(worksheet: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    worksheet.set_name(sheet.name)?;
    let bold = Format::new().set_bold();
    for (col, header) in (0u16..).zip(&sheet.headers) {
        worksheet.write_string_with_format(0, col, header, &bold)?;
    }
    for (row, cells) in (1u32..).zip(&sheet.rows) {
        for (col, cell) in (0u16..).zip(cells) {
            write_cell(worksheet, row, col, cell)?;
        }
    }
    worksheet.set_freeze_panes(1, 0)?;
    worksheet.autofit();
    Ok(())
}

fn write_cell(worksheet: &mut Worksheet, row: u32, col: u16, cell: &Cell) -> Result<(), XlsxError> {
    let kr = Format::new().set_num_format("#,##0 \"kr\"");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    match cell {
        Cell::Empty => {}
        Cell::Text(text) => {
            worksheet.write_string(row, col, text)?;
        }
        Cell::Int(n) => {
            worksheet.write_number(row, col, f64::from(*n))?;
        }
        Cell::Kr(amount) => {
            let Some(value) = amount.to_f64() else {
                return Err(XlsxError::ParameterError(format!("beloppet {amount} går inte att skriva")));
            };
            worksheet.write_number_with_format(row, col, value, &kr)?;
        }
        Cell::Date(day) => {
            let excel = ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)?;
            worksheet.write_datetime_with_format(row, col, &excel, &date)?;
        }
    }
    Ok(())
}
