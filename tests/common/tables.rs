//! The consolidated workbook read back the way its readers do: by table
//! name and column header, never by fixed cells, with each cell's fill.

use calamine::{Data, Xlsx, open_workbook};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// A named table of the workbook, read back with its position.
pub struct Table {
    pub sheet: String,
    pub start: (u32, u32),
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Data>>,
}

pub struct Book {
    pub xlsx: Xlsx<BufReader<File>>,
}

impl Book {
    pub fn open(path: &Path) -> Book {
        let mut xlsx: Xlsx<_> = open_workbook(path).unwrap();
        xlsx.load_tables().unwrap();
        Book { xlsx }
    }

    pub fn table(&mut self, name: &str) -> Table {
        let table = self.xlsx.table_by_name(name).unwrap_or_else(|e| panic!("no table {name}: {e}"));
        let data = table.data();
        Table {
            sheet: table.sheet_name().to_string(),
            start: data.start().unwrap_or((0, 0)),
            columns: table.columns().to_vec(),
            rows: data.rows().map(|r| r.to_vec()).collect(),
        }
    }

    /// The fill colour of a data cell of `table`.
    pub fn fill(&mut self, table: &Table, row: usize, header: &str) -> Option<(u8, u8, u8)> {
        let styles = self.xlsx.worksheet_style(&table.sheet).unwrap();
        let pos = (table.start.0 + row as u32, table.start.1 + table.col(header) as u32);
        let color = styles.get(pos)?.fill.as_ref()?.get_color()?;
        Some((color.red, color.green, color.blue))
    }
}

impl Table {
    pub fn col(&self, header: &str) -> usize {
        self.columns
            .iter()
            .position(|c| c == header)
            .unwrap_or_else(|| panic!("no column {header}: {:?}", self.columns))
    }

    pub fn row_of(&self, insats: &str) -> usize {
        let col = self.col("Insats");
        self.rows.iter().position(|r| r[col] == insats).unwrap_or_else(|| {
            panic!(
                "no row for {insats} in {:?}",
                self.rows.iter().map(|r| r[col].to_string()).collect::<Vec<_>>()
            )
        })
    }

    pub fn text(&self, row: usize, header: &str) -> String {
        self.rows[row][self.col(header)].to_string()
    }

    pub fn number(&self, row: usize, header: &str) -> f64 {
        match &self.rows[row][self.col(header)] {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            other => panic!("{header}: not a number: {other:?}"),
        }
    }
}
