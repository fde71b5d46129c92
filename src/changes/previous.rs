//! Reads an earlier workbook back: its document properties say whether it
//! is this tool's workbook and of which period (the subject and the title
//! the renderer sets) and what its list of changes measured from (two
//! custom properties, absent in workbooks written before they were); the
//! named tables `Kallor`, `Oversikt` and `Kontroll` become a [`Snapshot`],
//! and `Andringar` the list it showed, looked up by table name and column
//! header, never by fixed cells. The file system gives its name and when
//! it was last saved.
//!
//! Bounded, because a person may have edited the file and any file may lie
//! at that path. A file over [`MAX_BYTES`] is not ours. calamine reads a
//! table through its sheet as one dense range, so a sheet whose cells span
//! more than [`MAX_AREA`] cells (one typed far out, at `XFD1048576`, asks
//! for gigabytes: calamine issue #693, as in [`crate::workbook`]) or that
//! holds more than [`MAX_CELLS`] cells is not read: its table is then not
//! compared, like a table or column that is missing. calamine's table
//! reader is only reached for a file whose properties say it is ours.
//! Nothing here fails the run or writes: every outcome is a [`Read`].

use super::snapshot::{Fil, Fynd, FyndId, STATUS_COLUMNS, Snapshot, Statusrad};
use super::{Andring, Jamforelse};
use crate::render::xlsx::{ANDRINGAR_SEDAN, ANDRINGAR_SEDAN_SPARAD, OVERRIDE_MARK, SUBJECT};
use calamine::{Data, Reader, Xlsx};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// Our workbook of a large year is well under a megabyte.
pub(super) const MAX_BYTES: u64 = 32 * 1024 * 1024;
/// Cells a sheet may hold (including formatted empty ones) to be read.
pub(super) const MAX_CELLS: usize = 1_000_000;
/// Cells the rectangle from a sheet's first to its last cell may span.
pub(super) const MAX_AREA: u64 = 4_000_000;

type Book = Xlsx<BufReader<File>>;

/// What was found at the workbook's path.
#[derive(Debug)]
pub(super) enum Read {
    Missing,
    /// Not a workbook this tool wrote (or too large to be one).
    Foreign,
    /// Why it could not be read, in Swedish.
    Unreadable(String),
    /// This tool's workbook with another title: another period.
    OtherPeriod(String),
    /// Boxed: it is much larger than the other outcomes.
    Ours(Box<Previous>),
}

/// This tool's workbook of the period, as far as it could be read.
#[derive(Debug, Clone)]
pub(super) struct Previous {
    pub snapshot: Snapshot,
    /// The file: its name and when it was saved.
    pub fil: Jamforelse,
    /// The rows of its `Andringar` that are changes; `None` when the table
    /// is missing or could not be read.
    pub andringar: Option<Vec<Andring>>,
    /// What that list measured from, as the workbook recorded it.
    pub sedan: Option<Jamforelse>,
}

/// Reads the workbook at `path` as an earlier run of the period `titel`.
pub(super) fn read(path: &Path, titel: &str) -> Read {
    let (mut book, fil) = match open(path) {
        Ok(opened) => opened,
        Err(read) => return read,
    };
    let sedan = match book.workbook_properties() {
        Ok(properties) if properties.subject.as_deref() == Some(SUBJECT) => {
            let own = properties.title.clone().unwrap_or_default();
            if own != titel {
                return Read::OtherPeriod(own);
            }
            recorded(&properties.custom_properties)
        }
        _ => return Read::Foreign,
    };
    if let Err(error) = book.load_tables() {
        return Read::Unreadable(format!("tabellerna: {error}"));
    }
    let snapshot = Snapshot {
        kallor: table(&mut book, "Kallor").and_then(|t| kallor(&t)),
        oversikt: table(&mut book, "Oversikt").and_then(|t| oversikt(&t)),
        kontroll: table(&mut book, "Kontroll").and_then(|t| kontroll(&t)),
    };
    let andringar = table(&mut book, "Andringar").and_then(|t| andringar(&t));
    Read::Ours(Box::new(Previous { snapshot, fil, andringar, sedan }))
}

/// What the workbook's list measured from, when it says.
fn recorded(custom: &std::collections::HashMap<String, String>) -> Option<Jamforelse> {
    let fil = custom.get(ANDRINGAR_SEDAN).filter(|fil| !fil.is_empty())?;
    let sparad = custom.get(ANDRINGAR_SEDAN_SPARAD).filter(|sparad| !sparad.is_empty());
    Some(Jamforelse { fil: fil.clone(), sparad: sparad.cloned() })
}

fn open(path: &Path) -> Result<(Book, Jamforelse), Read> {
    let unreadable = |error: std::io::Error| match error.kind() {
        std::io::ErrorKind::PermissionDenied => Read::Unreadable("åtkomst nekad".to_string()),
        _ => Read::Unreadable(error.to_string()),
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Err(Read::Missing),
        Err(error) => return Err(unreadable(error)),
    };
    if !meta.is_file() || meta.len() > MAX_BYTES {
        return Err(Read::Foreign);
    }
    let file = File::open(path).map_err(unreadable)?;
    let book = Xlsx::new(BufReader::new(file)).map_err(|_| Read::Foreign)?;
    Ok((book, Jamforelse { fil: file_name(path), sparad: meta.modified().ok().map(local_time) }))
}

/// The file's name without its folder, masked like every text from a file.
fn file_name(path: &Path) -> String {
    let name =
        path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    crate::pnr::mask(&name).0
}

/// "2026-06-15 14:05", in the machine's time zone, as kansliet's clock shows it.
fn local_time(time: std::time::SystemTime) -> String {
    chrono::DateTime::<chrono::Local>::from(time).format("%Y-%m-%d %H:%M").to_string()
}

/// A named table as text: its headers and its data rows.
struct Rows {
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Rows {
    fn column(&self, header: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == header)
    }
}

/// The text of `row` in `column`; empty when the column is missing.
fn cell(row: &[String], column: Option<usize>) -> String {
    column.and_then(|c| row.get(c)).cloned().unwrap_or_default()
}

/// The table `name`, or `None` when it is missing, its sheet too large, or unreadable.
fn table(book: &mut Book, name: &str) -> Option<Rows> {
    let sheet = book
        .sheet_names()
        .into_iter()
        .find(|sheet| book.table_names_in_sheet(sheet).iter().any(|table| table.as_str() == name))?;
    if !small_enough(book, &sheet) {
        return None;
    }
    let table = book.table_by_name(name).ok()?;
    let rows = table.data().rows().map(|row| row.iter().map(text).collect()).collect();
    Some(Rows { columns: table.columns().to_vec(), rows })
}

/// Whether calamine may read `sheet` whole: at most [`MAX_CELLS`] cells,
/// spanning at most [`MAX_AREA`]. Streams the cells, keeping only the bounds.
fn small_enough(book: &mut Book, sheet: &str) -> bool {
    let Ok(mut cells) = book.worksheet_cells_reader(sheet) else { return false };
    let mut bounds: Option<((u32, u32), (u32, u32))> = None;
    for _ in 0..=MAX_CELLS {
        match cells.next_cell() {
            Ok(Some(cell)) => {
                let (r, c) = cell.get_position();
                let ((r0, c0), (r1, c1)) = bounds.unwrap_or(((r, c), (r, c)));
                bounds = Some(((r0.min(r), c0.min(c)), (r1.max(r), c1.max(c))));
            }
            Ok(None) => return bounds.is_none_or(|(first, last)| area(first, last) <= MAX_AREA),
            Err(_) => return false,
        }
    }
    false
}

fn area(first: (u32, u32), last: (u32, u32)) -> u64 {
    (u64::from(last.0.saturating_sub(first.0)) + 1) * (u64::from(last.1.saturating_sub(first.1)) + 1)
}

fn text(value: &Data) -> String {
    match value {
        Data::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// `Ändringar`: needs Vad; the row an empty list shows is no change.
fn andringar(t: &Rows) -> Option<Vec<Andring>> {
    let vad = t.column("Vad")?;
    let (insats, fore, efter) = (t.column("Insats"), t.column("Före"), t.column("Efter"));
    let rows = t
        .rows
        .iter()
        .filter(|row| super::diff::is_kind(&cell(row, Some(vad))))
        .map(|row| Andring {
            vad: cell(row, Some(vad)),
            insats: cell(row, insats),
            fore: cell(row, fore),
            efter: cell(row, efter),
        })
        .collect();
    Some(rows)
}

/// `Källor`: needs Fil, SHA-256 and Status; the row saying the inbox was
/// empty has no status and is not a file.
fn kallor(t: &Rows) -> Option<Vec<Fil>> {
    let (fil, sha256, status) = (t.column("Fil")?, t.column("SHA-256")?, t.column("Status")?);
    let (insats, kvartal) = (t.column("Insats"), t.column("Kvartal"));
    let files = t
        .rows
        .iter()
        .filter(|row| !cell(row, Some(status)).is_empty())
        .map(|row| Fil {
            fil: cell(row, Some(fil)),
            insats: cell(row, insats),
            kvartal: cell(row, kvartal),
            sha256: cell(row, Some(sha256)),
            status: cell(row, Some(status)),
        })
        .collect();
    Some(files)
}

/// `Översikt`: needs Insats and at least one status column; a column that
/// is missing is not compared. The row saying no insats was active has no
/// statuses.
fn oversikt(t: &Rows) -> Option<Vec<Statusrad>> {
    let insats = t.column("Insats")?;
    let columns = STATUS_COLUMNS.map(|header| t.column(header));
    if columns.iter().all(Option::is_none) {
        return None;
    }
    let rows = t
        .rows
        .iter()
        .map(|row| Statusrad {
            insats: cell(row, Some(insats)),
            statuses: columns.map(|column| column.map(|c| without_mark(cell(row, Some(c))))),
        })
        .filter(|row| row.statuses.iter().flatten().any(|status| !status.is_empty()))
        .collect();
    Some(rows)
}

/// A status as shown, without kansliet's override mark.
fn without_mark(text: String) -> String {
    match text.strip_suffix(OVERRIDE_MARK) {
        Some(status) => status.trim_end().to_string(),
        None => text,
    }
}

/// `Kontroll`: needs every column of a finding's identity; the row saying
/// there were no findings has no code.
fn kontroll(t: &Rows) -> Option<Vec<Fynd>> {
    let (kod, insats, fil) = (t.column("Kod")?, t.column("Insats")?, t.column("Fil")?);
    let (cell_column, falt) = (t.column("Cell")?, t.column("Fält")?);
    let meddelande = t.column("Meddelande");
    let findings = t
        .rows
        .iter()
        .filter(|row| !cell(row, Some(kod)).is_empty())
        .map(|row| {
            let id = FyndId {
                kod: cell(row, Some(kod)),
                insats: cell(row, Some(insats)),
                fil: cell(row, Some(fil)),
                cell: cell(row, Some(cell_column)),
                falt: cell(row, Some(falt)),
            };
            Fynd::new(id, &cell(row, meddelande))
        })
        .collect();
    Some(findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_path_is_a_first_run_and_other_files_are_foreign() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(read(&dir.path().join("saknas.xlsx"), "Uppföljning 2018"), Read::Missing));
        let text = dir.path().join("text.xlsx");
        std::fs::write(&text, "inte en arbetsbok").unwrap();
        assert!(matches!(read(&text, "Uppföljning 2018"), Read::Foreign));
        assert!(matches!(read(dir.path(), "Uppföljning 2018"), Read::Foreign), "a folder");
    }

    #[test]
    fn an_area_counts_both_ends() {
        assert_eq!(area((3, 0), (3, 0)), 1);
        assert_eq!(area((0, 0), (1_048_575, 16_383)), 1_048_576 * 16_384);
    }

    #[test]
    fn the_override_mark_is_not_part_of_a_status() {
        assert_eq!(without_mark("Gul †".to_string()), "Gul");
        assert_eq!(without_mark("Gul".to_string()), "Gul");
    }
}
