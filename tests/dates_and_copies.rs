//! Issue 12: a report date that would decide wrongly, a quarter that cannot
//! have been reported yet, and the wrong file for a quarter (last quarter's
//! file again, a byte-identical copy, a stale copy). Built from the samples
//! and from reports written in code; "today" is set by each test.

mod common;

use common::minimal_report::{Cell, MinimalReport};
use uppfoljning::finding::{Code, Severity};
use uppfoljning::report::read_report;

const FILE: &str = "2018-K2 Heby.xlsx";

#[test]
fn a_date_cell_holding_a_serial_excel_shows_as_a_day_that_never_was_is_a_fel_at_the_cell() {
    for (serial, shown) in [(0.0, "1900-01-00"), (60.0, "1900-02-29"), (-5.0, "#####")] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        MinimalReport::valid().set("rapportdatum", Cell::DateSerial(serial)).write(&path);
        let outcome = read_report(&path, FILE);
        let report = outcome.report.as_ref().unwrap();
        assert_eq!(report.rapportdatum, None, "{serial}");
        let finding = outcome.findings.iter().find(|f| f.field.as_deref() == Some("rapportdatum")).unwrap();
        assert_eq!(finding.code, Code::VardeOgiltigt);
        assert_eq!(finding.severity, Severity::Fel);
        assert_eq!(finding.cell, Some(MinimalReport::cell_of("rapportdatum")));
        assert!(finding.message.contains("är inget riktigt datum"), "{}", finding.message);
        assert!(finding.message.contains(shown), "{}", finding.message);
    }
}
