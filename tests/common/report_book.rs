//! Reads a report workbook back the way an outside reader would: calamine
//! opens it, the defined names say where each field is, and cells are looked
//! up there. For checking what the template generator wrote.

use calamine::{Data, Range, Reader, open_workbook_auto};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use uppfoljning::workbook::{Area, Position, parse_reference};

/// A report workbook opened for reading by defined name.
pub struct ReportBook {
    /// Keeps the file of [`ReportBook::from_bytes`] alive while it is read.
    _dir: Option<tempfile::TempDir>,
    pub path: PathBuf,
    /// Every defined name that parses as a reference, as written.
    pub names: BTreeMap<String, Area>,
    sheets: BTreeMap<String, Range<Data>>,
}

impl ReportBook {
    /// Opens workbook bytes (written to a temporary file, as calamine reads files).
    pub fn from_bytes(bytes: &[u8]) -> ReportBook {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("rapport.xlsx");
        std::fs::write(&path, bytes).expect("write workbook");
        let mut book = ReportBook::open(&path);
        book._dir = Some(dir);
        book
    }

    pub fn open(path: &Path) -> ReportBook {
        let mut workbook = open_workbook_auto(path).expect("open workbook");
        let names = workbook
            .defined_names()
            .iter()
            .filter_map(|(name, formula)| Some((name.clone(), parse_reference(formula)?)))
            .collect();
        let sheets = workbook
            .sheet_names()
            .into_iter()
            .map(|name| {
                let range = workbook.worksheet_range(&name).expect("read sheet");
                (name, range)
            })
            .collect();
        ReportBook { _dir: None, path: path.to_path_buf(), names, sheets }
    }

    /// Where the defined name `name` points; panics when it is missing.
    pub fn area(&self, name: &str) -> &Area {
        self.names.get(name).unwrap_or_else(|| panic!("no defined name {name}"))
    }

    /// The value of the cell `name` points at.
    pub fn value(&self, name: &str) -> Data {
        let area = self.area(name);
        self.at(&area.sheet, area.first)
    }

    /// The value at `position` of `sheet`, `Data::Empty` when nothing is there.
    pub fn at(&self, sheet: &str, position: Position) -> Data {
        self.sheets
            .get(sheet)
            .and_then(|range| range.get_value((position.row, position.col)))
            .cloned()
            .unwrap_or(Data::Empty)
    }

    /// The rows of the block `name`, each as its cells left to right.
    pub fn block(&self, name: &str) -> Vec<Vec<Data>> {
        let area = self.area(name);
        (area.first.row..=area.last.row)
            .map(|row| {
                (area.first.col..=area.last.col)
                    .map(|col| self.at(&area.sheet, Position::new(row, col)))
                    .collect()
            })
            .collect()
    }
}
