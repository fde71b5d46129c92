//! Register workbooks built in code: sheets of headers and rows, written
//! with rust_xlsxwriter as Excel would save them (dates as date cells), so
//! each test states the register it reads.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::{Path, PathBuf};

/// One cell to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell (a serial with a date format), as Excel saves a typed date.
    Date(u16, u8, u8),
    /// A duration in days with Excel's `[h]:mm` format, as Excel saves a
    /// typed `2017:48` (2017 hours and 48 minutes).
    Time(f64),
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        if text.is_empty() { Cell::Empty } else { Cell::Text(text.to_string()) }
    }
}

impl From<f64> for Cell {
    fn from(n: f64) -> Cell {
        Cell::Number(n)
    }
}

impl From<i32> for Cell {
    fn from(n: i32) -> Cell {
        Cell::Number(f64::from(n))
    }
}

/// A date cell.
pub fn date(y: u16, m: u8, d: u8) -> Cell {
    Cell::Date(y, m, d)
}

/// A row of cells from values of mixed types: `row!["2017:48", 5_900_000, date(2018, 1, 1)]`.
macro_rules! row {
    ($($cell:expr),* $(,)?) => { vec![$($crate::common::register_book::Cell::from($cell)),*] };
}
// Test crates that include `common` without using the macro must not warn.
#[allow(unused_imports)]
pub(crate) use row;

#[derive(Debug, Clone)]
struct Sheet {
    name: String,
    /// Row 1 first; each row from column A.
    rows: Vec<Vec<Cell>>,
    /// Single cells anywhere, 0-based (row, column).
    extra: Vec<(u32, u16, Cell)>,
}

/// A register workbook under construction.
#[derive(Debug, Clone, Default)]
pub struct RegisterBook {
    sheets: Vec<Sheet>,
}

impl RegisterBook {
    pub fn new() -> RegisterBook {
        RegisterBook::default()
    }

    /// Adds (or replaces) a sheet with a header row and data rows.
    pub fn sheet(mut self, name: &str, headers: &[&str], rows: Vec<Vec<Cell>>) -> RegisterBook {
        let mut all = vec![headers.iter().map(|h| Cell::from(*h)).collect::<Vec<_>>()];
        all.extend(rows);
        self.sheets.retain(|s| s.name != name);
        self.sheets.push(Sheet { name: name.to_string(), rows: all, extra: Vec::new() });
        self
    }

    /// Drops a sheet.
    pub fn without(mut self, name: &str) -> RegisterBook {
        self.sheets.retain(|s| s.name != name);
        self
    }

    /// Appends a data row to a sheet.
    pub fn add_row(mut self, sheet: &str, row: Vec<Cell>) -> RegisterBook {
        self.sheet_mut(sheet).rows.push(row);
        self
    }

    /// Sets the cell of column `header` in Excel row `row` (1-based, row 1
    /// being the headers), growing the sheet as needed.
    pub fn set(mut self, sheet: &str, row: usize, header: &str, cell: impl Into<Cell>) -> RegisterBook {
        let s = self.sheet_mut(sheet);
        let col = s.rows[0]
            .iter()
            .position(|h| *h == Cell::from(header))
            .unwrap_or_else(|| panic!("no column {header} in {sheet}"));
        while s.rows.len() < row {
            s.rows.push(Vec::new());
        }
        let cells = &mut s.rows[row - 1];
        while cells.len() <= col {
            cells.push(Cell::Empty);
        }
        cells[col] = cell.into();
        self
    }

    /// Renames a column header of a sheet.
    pub fn rename_column(mut self, sheet: &str, from: &str, to: &str) -> RegisterBook {
        let s = self.sheet_mut(sheet);
        for h in s.rows[0].iter_mut() {
            if *h == Cell::from(from) {
                *h = Cell::from(to);
            }
        }
        self
    }

    /// Drops a column (header and cells) of a sheet.
    pub fn drop_column(mut self, sheet: &str, header: &str) -> RegisterBook {
        let s = self.sheet_mut(sheet);
        if let Some(col) = s.rows[0].iter().position(|h| *h == Cell::from(header)) {
            for row in s.rows.iter_mut().filter(|r| r.len() > col) {
                row.remove(col);
            }
        }
        self
    }

    /// Puts one cell anywhere, 0-based, e.g. far beyond the rows.
    pub fn cell_at(mut self, sheet: &str, row: u32, col: u16, cell: impl Into<Cell>) -> RegisterBook {
        self.sheet_mut(sheet).extra.push((row, col, cell.into()));
        self
    }

    fn sheet_mut(&mut self, name: &str) -> &mut Sheet {
        self.sheets.iter_mut().find(|s| s.name == name).unwrap_or_else(|| panic!("no sheet {name}"))
    }

    /// Writes the workbook as `dir/register.xlsx` and returns its path.
    pub fn write(&self, dir: &Path) -> PathBuf {
        let path = dir.join("register.xlsx");
        self.write_to(&path);
        path
    }

    pub fn write_to(&self, path: &Path) {
        let mut book = Workbook::new();
        let date_format = Format::new().set_num_format("yyyy-mm-dd");
        let time_format = Format::new().set_num_format("[h]:mm");
        for sheet in &self.sheets {
            let ws = book.add_worksheet();
            ws.set_name(&sheet.name).unwrap();
            let rows = sheet.rows.iter().enumerate().flat_map(|(r, cells)| {
                cells.iter().enumerate().map(move |(c, cell)| (r as u32, c as u16, cell))
            });
            let extra = sheet.extra.iter().map(|(r, c, cell)| (*r, *c, cell));
            for (r, c, cell) in rows.chain(extra) {
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        ws.write_string(r, c, t).unwrap();
                    }
                    Cell::Number(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    Cell::Date(y, m, d) => {
                        let day = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        ws.write_datetime_with_format(r, c, &day, &date_format).unwrap();
                    }
                    Cell::Time(days) => {
                        ws.write_number_with_format(r, c, *days, &time_format).unwrap();
                    }
                }
            }
        }
        book.save(path).unwrap();
    }
}

pub const INSATSER: &[&str] = &[
    "Id",
    "Namn",
    "Kortnamn",
    "Område",
    "Insatsägare",
    "Parter",
    "Inriktning",
    "Karaktär",
    "Start",
    "Slut",
    "Beviljat belopp",
    "Budget per år",
    "Förväntat antal deltagare",
    "Målgrupp ålder från",
    "Målgrupp ålder till",
    "Styrgruppsmöten per år",
];
pub const BUDGET: &[&str] = &["Id", "År", "Kvartal", "Budget"];
pub const BESLUT: &[&str] = &["Id", "Datum", "Typ", "Belopp", "Ny slutdag", "Kommentar"];
pub const MAL: &[&str] = &["Id", "Nr", "Typ", "Mål"];
pub const BEDOMNINGAR: &[&str] = &["Id", "Period", "Område", "Status", "Motivering"];
pub const INSTALLNINGAR: &[&str] = &["Inställning", "Värde"];

/// The rows of `Insatser` in [`RegisterBook::good`].
pub fn good_insatser() -> Vec<Vec<Cell>> {
    vec![
        row![
            "2017:48",
            "Knivsta, En väg in – flera vägar ut",
            "Knivsta",
            "Knivsta",
            "Knivsta kommun",
            "Kommun, Arbetsförmedlingen, Försäkringskassan, Region",
            "Individ",
            "Arbete och studier",
            date(2018, 1, 1),
            date(2021, 12, 31),
            5_900_000,
            "1 475 000 kr",
            150,
            18,
            64,
            6,
        ],
        row![
            "2018:12",
            "Länsövergripande kompetenslyft i psykisk hälsa",
            "",
            "Länsövergripande",
            "Region Uppsala",
            "Region, Kommun",
            "Kompetens",
            "",
            date(2018, 7, 1),
            "2019-06-30",
            "400 000",
        ],
        row![
            "2018:20",
            "Samverkan Enköping",
            "Enköping samverkan",
            "Enköping",
            "Enköpings kommun",
            "Kommun; FK",
            "struktur",
            "",
            date(2018, 4, 1),
            date(2020, 3, 31),
            800_000,
            400_000,
        ],
    ]
}

impl RegisterBook {
    /// A register with every sheet, modelled on the source documents: the
    /// Knivsta insats 2017:48 with its 67 500 kr Tillägg of 2020-06-30.
    pub fn good() -> RegisterBook {
        RegisterBook::new()
            .sheet("Insatser", INSATSER, good_insatser())
            .sheet(
                "Budget",
                BUDGET,
                vec![row!["2017:48", 2018, 1, 300_000], row!["2017:48", 2018, 2, "350 000 kr"]],
            )
            .sheet(
                "Beslut",
                BESLUT,
                vec![
                    row![
                        "2017:48",
                        date(2020, 6, 30),
                        "Tillägg",
                        "67 500",
                        "",
                        "Delegationsbeslut: Arbetsförmedlingens medverkan"
                    ],
                    row![
                        "2018:12",
                        date(2019, 5, 15),
                        "Förlängning",
                        "",
                        date(2019, 12, 31),
                        "Avvikelserapport"
                    ],
                    row!["2018:20", date(2019, 1, 10), "Justering", "", "", "Nytt mål för deltagare"],
                ],
            )
            .sheet(
                "Mål",
                MAL,
                vec![
                    row!["2017:48", 2, "Insatsmål", "50 deltagare per år"],
                    row!["2017:48", 1, "Effektmål", "Fler unga i arbete eller studier"],
                    row!["2018:12", 1, "Insatsmål", "200 medarbetare utbildade"],
                ],
            )
            .sheet(
                "Bedömningar",
                BEDOMNINGAR,
                vec![row!["2017:48", "2018-K2", "Budget", "Gul", "Sen start på grund av rekrytering"]],
            )
            .sheet("Inställningar", INSTALLNINGAR, vec![row!["Mål andel till arbete eller studier", "40 %"]])
    }
}
