//! A report workbook built in code through the contract's defined names, in
//! a deliberately different layout from our template (sheet "Data", every
//! field in column C on a row of its own, the goal block at the bottom), so
//! tests also prove the reader goes by names and not by cells.

use rust_xlsxwriter::{Format, Workbook};
use std::collections::BTreeMap;
use std::path::Path;
use uppfoljning::contract::{FIELDS, FieldType};

pub const SHEET: &str = "Data";
const COLUMN: u16 = 2; // C

/// One cell's content as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Date(u16, u8, u8),
    /// A formula and the result cached with it.
    Formula(String, String),
    /// A number formatted as a duration (`[h]:mm`), as Excel stores a typed `2017:48`.
    Duration(f64),
    /// A date serial as stored, formatted as a date: 0, 60 or a negative
    /// one is a day Excel shows but that never was.
    DateSerial(f64),
}

pub fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

pub fn num(n: f64) -> Cell {
    Cell::Number(n)
}

/// A report to write: cells by defined name, goal rows, names to leave out.
#[derive(Debug, Clone)]
pub struct MinimalReport {
    pub cells: BTreeMap<&'static str, Cell>,
    pub goals: Vec<[String; 3]>,
    pub without_names: Vec<&'static str>,
    /// Defined names pointing somewhere else than this layout's cell.
    pub retargeted: BTreeMap<&'static str, String>,
}

impl MinimalReport {
    /// A complete, correct report of insats `2018:1` (individual) for 2018-K2.
    pub fn valid() -> MinimalReport {
        let mut cells = BTreeMap::new();
        for (name, cell) in [
            ("mallversion", text("1")),
            ("insats_id", text("2018:1")),
            ("insats_namn", text("Heby, Individstöd i samverkan")),
            ("period_ar", num(2018.0)),
            ("period_kvartal", num(2.0)),
            ("rapportdatum", Cell::Date(2018, 7, 10)),
            ("uppgiftslamnare", text("Insatsansvarig, Heby kommun")),
            ("uppgiftslamnare_epost", text("insatsansvarig@heby.example.se")),
            ("mal_i_fas", text("Ja")),
            ("mal_prognos", text("Ja")),
            ("start_i_tid", text("Ja")),
            ("vakanser_sof", text("Nej")),
            ("vakanser_egen", text("Nej")),
            ("avvikelse_budget", text("Nej")),
            ("budget_kr", num(350000.0)),
            ("utfall_kr", num(341000.0)),
            ("styrgruppsmoten", num(1.0)),
            ("narvaro_kommun", text("Ordinarie närvarande")),
            ("narvaro_af", text("Ordinarie närvarande")),
            ("narvaro_fk", text("Ordinarie närvarande")),
            ("narvaro_region", text("Ej part i styrgruppen")),
            ("uppfoljning_enligt_avtal", text("Ja")),
            ("kontroll_malgrupp", text("Ja")),
            ("kontroll_metod", text("Ja")),
            ("jamlikhet", text("Ja")),
            ("jamstalldhet", text("Ja")),
            ("avvikelse_mal_malgrupp", text("Nej")),
            ("deltagare_pagaende_kvinnor", num(15.0)),
            ("deltagare_pagaende_man", num(13.0)),
            ("deltagare_nya_kvinnor", num(3.0)),
            ("deltagare_nya_man", num(2.0)),
            ("deltagare_avslutade_kvinnor", num(2.0)),
            ("deltagare_avslutade_man", num(1.0)),
            ("deltagare_totalt_kvinnor", num(17.0)),
            ("deltagare_totalt_man", num(14.0)),
            ("deltagare_anonyma", num(0.0)),
            ("deltagare_utanfor_malgrupp", num(0.0)),
            ("avslut_arbete_kvinnor", num(1.0)),
            ("avslut_arbete_man", num(1.0)),
            ("avslut_studier_kvinnor", num(1.0)),
            ("analys", text("Insatsen har kommit igång väl.")),
        ] {
            cells.insert(name, cell);
        }
        for field in FIELDS.iter().filter(|f| f.name.starts_with("avslut_")) {
            cells.entry(field.name).or_insert(num(0.0));
        }
        let goals = vec![
            ["Alla deltagare har en handlingsplan".into(), "Uppfyllt".into(), String::new()],
            ["50 deltagare per år".into(), "Delvis uppfyllt".into(), "Rekrytering pågår".into()],
        ];
        MinimalReport { cells, goals, without_names: Vec::new(), retargeted: BTreeMap::new() }
    }

    pub fn set(mut self, name: &'static str, cell: Cell) -> Self {
        assert!(FIELDS.iter().any(|f| f.name == name), "{name} is not in the contract");
        self.cells.insert(name, cell);
        self
    }

    pub fn clear(mut self, name: &'static str) -> Self {
        self.cells.remove(name);
        self
    }

    /// Points the defined name `name` at `target` (e.g. `=Saknas!$C$5`).
    pub fn retarget(mut self, name: &'static str, target: &str) -> Self {
        self.retargeted.insert(name, target.to_string());
        self
    }

    pub fn without_name(mut self, name: &'static str) -> Self {
        self.without_names.push(name);
        self
    }

    /// The A1 cell a field is written to in this layout.
    pub fn cell_of(name: &str) -> String {
        let row = FIELDS.iter().position(|f| f.name == name).expect("field in contract");
        format!("C{}", row + 1)
    }

    /// The first row of the goal block (0-based).
    fn goal_row() -> u32 {
        FIELDS.len() as u32 + 2
    }

    /// The A1 cell of goal `n`'s status (1-based n).
    pub fn goal_status_cell(n: u32) -> String {
        format!("D{}", Self::goal_row() + n)
    }

    pub fn write(&self, path: &Path) {
        self.write_with(path, None);
    }

    /// Writes the report with one more cell, e.g. at the sheet's far corner.
    pub fn write_with_extra_cell(&self, path: &Path, row: u32, col: u16) {
        self.write_with(path, Some((row, col)));
    }

    fn write_with(&self, path: &Path, extra: Option<(u32, u16)>) {
        let mut book = Workbook::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let sheet = book.add_worksheet();
        sheet.set_name(SHEET).unwrap();
        for (row, field) in FIELDS.iter().enumerate() {
            let row = row as u32;
            sheet.write_string(row, 0, field.label).unwrap();
            if field.ty == FieldType::GoalBlock {
                continue;
            }
            match self.cells.get(field.name) {
                Some(Cell::Text(t)) => sheet.write_string(row, COLUMN, t).map(|_| ()).unwrap(),
                Some(Cell::Number(n)) => sheet.write_number(row, COLUMN, *n).map(|_| ()).unwrap(),
                Some(Cell::Date(y, m, d)) => {
                    let value = rust_xlsxwriter::ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    sheet.write_datetime_with_format(row, COLUMN, &value, &date).map(|_| ()).unwrap()
                }
                Some(Cell::DateSerial(serial)) => {
                    sheet.write_number_with_format(row, COLUMN, *serial, &date).map(|_| ()).unwrap()
                }
                Some(Cell::Duration(days)) => {
                    let format = Format::new().set_num_format("[h]:mm");
                    sheet.write_number_with_format(row, COLUMN, *days, &format).map(|_| ()).unwrap()
                }
                Some(Cell::Formula(f, result)) => {
                    let formula = rust_xlsxwriter::Formula::new(f.as_str()).set_result(result.as_str());
                    sheet.write_formula(row, COLUMN, formula).map(|_| ()).unwrap()
                }
                None => {}
            }
        }
        if let Some((row, col)) = extra {
            sheet.write_string(row, col, "längst bort").unwrap();
        }
        let first = Self::goal_row();
        for (i, goal) in self.goals.iter().enumerate() {
            for (col, value) in goal.iter().enumerate() {
                if !value.is_empty() {
                    sheet.write_string(first + i as u32, 2 + col as u16, value).unwrap();
                }
            }
        }
        for (row, field) in FIELDS.iter().enumerate() {
            if self.without_names.contains(&field.name) {
                continue;
            }
            let target = if let Some(target) = self.retargeted.get(field.name) {
                target.clone()
            } else if field.ty == FieldType::GoalBlock {
                format!("={SHEET}!$C${}:$E${}", first + 1, first + 10)
            } else {
                format!("={SHEET}!$C${}", row + 1)
            };
            book.define_name(field.name, &target).unwrap();
        }
        book.save(path).unwrap();
    }
}
