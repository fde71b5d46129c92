//! One row of a register sheet being read: its cells as typed values, and
//! the findings they raise.
//!
//! Takes a [`Table`] and a row number; gives each column's value through a
//! [`Parse`] function, and a finding for every value that is bad or missing.
//! Guarantees: a finding carries the sheet, the cell (A1), the column and,
//! once read, the row's insats Id; a value that is bad is not also reported
//! as missing.

use super::cells::text;
use super::columns::ID;
use super::table::{Table, sheet_finding};
use crate::finding::{Code, Finding};
use crate::value::CellValue;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

/// A cell parser: `Ok(None)` for blank, `Err` with the Swedish message.
pub(super) type Parse<T> = fn(&CellValue) -> Result<Option<T>, String>;

/// One row being read: its values and the findings they raise.
pub(super) struct Row<'t> {
    table: &'t Table,
    file: &'t str,
    row: u32,
    insats_id: Option<String>,
    findings: Vec<Finding>,
    /// Columns that already have a finding, so a bad value is not also
    /// reported as a missing one.
    failed: BTreeSet<&'static str>,
}

impl<'t> Row<'t> {
    pub(super) fn new(table: &'t Table, file: &'t str, row: u32) -> Row<'t> {
        Row { table, file, row, insats_id: None, findings: Vec::new(), failed: BTreeSet::new() }
    }

    pub(super) fn value(&self, column: &str) -> &'t CellValue {
        self.table.value(column, self.row)
    }

    fn has(&self, column: &str) -> bool {
        self.table.columns.contains_key(column)
    }

    /// The A1 reference of the row's cell in `column`, when the sheet has it.
    pub(super) fn cell(&self, column: &str) -> Option<String> {
        self.table.position(column, self.row).map(|p| p.to_a1())
    }

    /// The sheet's name as the register spells it.
    pub(super) fn sheet(&self) -> &str {
        &self.table.sheet
    }

    /// The register's file name, for findings made later.
    pub(super) fn file(&self) -> &str {
        self.file
    }

    /// The 1-based row number, as Excel shows it.
    pub(super) fn number(&self) -> u32 {
        self.row + 1
    }

    /// A finding at the cell of `at`, about the column `field`.
    fn report_at(&mut self, code: Code, at: &'static str, field: &'static str, message: String) {
        let cell = self.table.position(at, self.row);
        let mut finding = sheet_finding(self.file, code, &self.table.sheet, cell, message).field(field);
        finding.insats_id = self.insats_id.clone();
        self.findings.push(finding);
        self.failed.insert(field);
    }

    pub(super) fn report(&mut self, code: Code, column: &'static str, message: String) {
        self.report_at(code, column, column, message);
    }

    pub(super) fn optional<T>(&mut self, column: &'static str, parse: Parse<T>) -> Option<T> {
        match parse(self.value(column)) {
            Ok(value) => value,
            Err(message) => {
                self.report(Code::RegisterVardeOgiltigt, column, message);
                None
            }
        }
    }

    /// A value the row cannot do without; `hint` says what to write.
    pub(super) fn required<T>(&mut self, column: &'static str, hint: &str, parse: Parse<T>) -> Option<T> {
        let value = self.optional(column, parse);
        if value.is_none() && !self.failed.contains(column) {
            self.report(Code::RegisterVardeSaknas, column, format!("{column} saknas. {hint}"));
        }
        value
    }

    /// A value required because of another (`because`, e.g. `Inriktning`).
    /// When the sheet lacks the column, the finding points at `because`.
    pub(super) fn required_by(
        &mut self,
        column: &'static str,
        because: &'static str,
        present: bool,
        why: &str,
    ) {
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
    /// `2017:48` as 2017 hours and 48 minutes) is reported, not misread; a
    /// time's hours and minutes are named as the Id it most likely was
    /// ([`Row::id_as_typed`]), so the finding names its insats.
    pub(super) fn id(&mut self, hint: &str) -> Option<String> {
        if let CellValue::Time(days) = self.value(ID) {
            let typed = id_from_time(*days);
            let message = match &typed {
                Some(typed) => format!(
                    "Id har blivit en tid i Excel (den visas som {typed}). Formatera kolumnen Id som text och \
                     skriv Id på nytt, t.ex. {typed}."
                ),
                None => "Id har blivit en tid i Excel. Formatera kolumnen Id som text och skriv Id på nytt, t.ex. \
                         2017:48."
                    .to_string(),
            };
            self.insats_id = typed;
            self.report(Code::RegisterVardeOgiltigt, ID, message);
            return None;
        }
        if let CellValue::Number(n) = self.value(ID)
            && n.fract() != 0.0
        {
            // 2017:48 typed as 2017,48 or 2017.48, which Excel keeps as a number.
            let typed = id_from_number(*n);
            let shown = n.to_string().replace('.', ",");
            let example = typed.clone().unwrap_or_else(|| "2017:48".to_string());
            let message = format!(
                "Id har blivit talet {shown} i Excel. Formatera kolumnen Id som text och skriv Id med kolon, \
                 t.ex. {example}."
            );
            self.insats_id = typed;
            self.report(Code::RegisterVardeOgiltigt, ID, message);
            return None;
        }
        if matches!(self.value(ID), CellValue::Date(_)) {
            let message = "Id har blivit ett datum i Excel. Formatera kolumnen Id som text och skriv Id på nytt, t.ex. 2017:48.";
            self.report(Code::RegisterVardeOgiltigt, ID, message.to_string());
            return None;
        }
        let id = self.required(ID, hint, text)?;
        self.insats_id = Some(id.clone());
        Some(id)
    }

    /// The Id the row was typed with when Excel turned it into a time
    /// ([`Row::id`]); `None` for any other row.
    pub(super) fn id_as_typed(&self) -> Option<&str> {
        match self.value(ID) {
            CellValue::Time(_) => self.insats_id.as_deref(),
            CellValue::Number(n) if n.fract() != 0.0 => self.insats_id.as_deref(),
            _ => None,
        }
    }

    /// The Id of a row that refers to an insats; it must be in `Insatser`.
    pub(super) fn known_id(&mut self, ids: &BTreeSet<String>) -> Option<String> {
        let id = self.id("Skriv Id för den insats raden gäller, t.ex. 2017:48.")?;
        if !ids.contains(&id) {
            let message = format!(
                "Id \"{id}\" finns inte i bladet Insatser. Rätta Id, eller lägg till insatsen i bladet Insatser."
            );
            self.report(Code::RegisterOkantId, ID, message);
        }
        Some(id)
    }

    /// The row that already holds `key`, if one does; otherwise this row
    /// becomes the one that holds it.
    pub(super) fn earlier<K: Ord>(&self, first_rows: &mut BTreeMap<K, u32>, key: K) -> Option<u32> {
        match first_rows.entry(key) {
            Entry::Occupied(first) => Some(*first.get()),
            Entry::Vacant(slot) => {
                slot.insert(self.number());
                None
            }
        }
    }

    /// Whether the row has raised no finding so far.
    pub(super) fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// Hands the row's findings over; true when it had none.
    pub(super) fn finish(self, out: &mut Vec<Finding>) -> bool {
        let clean = self.is_clean();
        out.extend(self.findings);
        clean
    }
}

/// "2017:21" from the time Excel made of it (2017 hours and 21 minutes, in
/// days); `None` for a time no Id could have become.
fn id_from_time(days: f64) -> Option<String> {
    let minutes = (days * 1440.0).round();
    if !(0.0..=1_000_000.0).contains(&minutes) {
        return None;
    }
    // In range and whole: the cast is exact.
    let minutes = minutes as u32;
    let (hours, minutes) = (minutes / 60, minutes % 60);
    (1900..=2100).contains(&hours).then(|| format!("{hours}:{minutes:02}"))
}

/// "2017:48" from the number 2017.48 that Excel made of "2017,48"; `None`
/// when the whole part is no year.
fn id_from_number(n: f64) -> Option<String> {
    let text = n.to_string();
    let (year, number) = text.split_once('.')?;
    let year_ok = year.parse::<i32>().is_ok_and(|y| (1900..=2100).contains(&y));
    (year_ok && !number.is_empty()).then(|| format!("{year}:{number}"))
}

#[cfg(test)]
mod id_tests {
    use super::{id_from_number, id_from_time};

    #[test]
    fn an_id_excel_made_a_number_is_read_back_as_typed() {
        assert_eq!(id_from_number(2017.48).as_deref(), Some("2017:48"));
        assert_eq!(id_from_number(2017.5).as_deref(), Some("2017:5"));
        assert_eq!(id_from_number(12.5), None);
    }

    #[test]
    fn an_id_excel_made_a_time_is_read_back_as_typed() {
        // 2017:21 is 2017 h 21 min: 84.0423… days.
        assert_eq!(id_from_time((2017.0 * 60.0 + 21.0) / 1440.0).as_deref(), Some("2017:21"));
        assert_eq!(id_from_time((2018.0 * 60.0 + 5.0) / 1440.0).as_deref(), Some("2018:05"));
        assert_eq!(id_from_time(0.5), None, "12:00 is a time of day, no Id");
        assert_eq!(id_from_time(f64::NAN), None);
        assert_eq!(id_from_time(-3.0), None);
    }
}
