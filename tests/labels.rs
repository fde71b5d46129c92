//! Reports whose defined names are gone, because their content was pasted
//! into a fresh workbook: read by the template's labels, with one Varning,
//! and exactly as the named original otherwise. Workbooks that only share a
//! few words with the template stay "not a report".
//!
//! The copies are made in code: the values of a sample's `Rapport` sheet,
//! read with calamine, are written with rust_xlsxwriter into a new workbook
//! that has no defined names, as a paste would leave them.

use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};
use uppfoljning::contract::FIELDS;
use uppfoljning::finding::{Code, Finding, Severity};
use uppfoljning::period::Kvartal;
use uppfoljning::report::{ReadOutcome, read_report};
use uppfoljning::template::{Answer, Answers, MIN_GOAL_ROWS, Prefill, write_report};

const SAMPLE: &str = "2018-K2 Heby, Individstöd i samverkan.xlsx";
const COPY: &str = "2018-K2 Heby kopia.xlsx";

const READ_BY_LABELS: &str = "Rapporten saknar mallens namngivna fält, troligen för att innehållet har \
    kopierats in i en ny arbetsbok. Fälten har i stället lästs via sina rubriker i mallens layout. \
    Kontrollera att värdena blev rätt, och be styrgruppen använda mallen från kansliet nästa gång.";

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

fn read_sample(name: &str) -> ReadOutcome {
    read_report(&samples().join("rapporter").join(name), name)
}

/// The non-empty cells of a sample's `Rapport` sheet: (row, column, value).
fn cells_of(name: &str) -> Vec<(u32, u16, Data)> {
    cells_at(&samples().join("rapporter").join(name))
}

fn cells_at(path: &Path) -> Vec<(u32, u16, Data)> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range("Rapport").unwrap();
    let (row0, col0) = range.start().unwrap();
    range
        .used_cells()
        .map(|(r, c, value)| (row0 + r as u32, u16::try_from(col0 as usize + c).unwrap(), value.clone()))
        .collect()
}

/// How the values are pasted into the fresh workbook.
#[derive(Clone)]
struct Paste {
    sheet: &'static str,
    /// Rows inserted above the pasted cells.
    rows_above: u32,
    /// Empty sheets before the one pasted into.
    sheets_before: Vec<&'static str>,
    /// A label (column A text starting with it) left out of the paste.
    without_label: Option<&'static str>,
    /// A cell written at `XFD1048576`.
    far_corner: bool,
}

impl Paste {
    fn new(sheet: &'static str) -> Paste {
        Paste { sheet, rows_above: 0, sheets_before: vec![], without_label: None, far_corner: false }
    }

    fn write(&self, cells: &[(u32, u16, Data)], path: &Path) {
        let mut book = Workbook::new();
        for name in &self.sheets_before {
            book.add_worksheet().set_name(*name).unwrap();
        }
        let sheet = book.add_worksheet();
        sheet.set_name(self.sheet).unwrap();
        if self.rows_above > 0 {
            sheet.write_string(0, 0, "Kopierat ur e-post från styrgruppen").unwrap();
        }
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for (row, col, value) in cells {
            let (row, col) = (row + self.rows_above, *col);
            match value {
                Data::String(text) if col == 0 && self.without_label.is_some_and(|l| text.starts_with(l)) => {
                    continue;
                }
                Data::String(text) => sheet.write_string(row, col, text),
                Data::Float(n) => sheet.write_number(row, col, *n),
                Data::Int(n) => sheet.write_number(row, col, *n as f64),
                Data::Bool(b) => sheet.write_boolean(row, col, *b),
                Data::DateTime(dt) => sheet.write_number_with_format(row, col, dt.as_f64(), &date),
                other => panic!("the samples hold no {other:?}"),
            }
            .unwrap();
        }
        if self.far_corner {
            sheet.write_string(1_048_575, 16_383, "hörnet").unwrap();
        }
        book.save(path).unwrap();
    }

    /// Pastes the sample `name` and reads the copy.
    fn read(&self, name: &str) -> ReadOutcome {
        self.read_cells(&cells_of(name))
    }

    fn read_cells(&self, cells: &[(u32, u16, Data)]) -> ReadOutcome {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(COPY);
        self.write(cells, &path);
        read_report(&path, COPY)
    }
}

/// Splits off the one `falt-via-etiketter` finding, asserting its text.
fn split_labels_finding(outcome: &ReadOutcome, sheet: &str) -> Vec<Finding> {
    let (labels, rest): (Vec<Finding>, Vec<Finding>) =
        outcome.findings.iter().cloned().partition(|f| f.code == Code::FaltViaEtiketter);
    assert_eq!(labels.len(), 1, "{:#?}", outcome.findings);
    let finding = &labels[0];
    assert_eq!((finding.code, finding.severity), (Code::FaltViaEtiketter, Severity::Varning));
    assert_eq!(finding.message, READ_BY_LABELS);
    assert_eq!((finding.file.as_str(), finding.sheet.as_deref()), (COPY, Some(sheet)));
    assert_eq!(finding.field, None);
    rest
}

/// Findings as compared across files: code, field and message.
fn substance(findings: &[Finding]) -> Vec<(Code, Option<String>, String)> {
    findings.iter().map(|f| (f.code, f.field.clone(), f.message.clone())).collect()
}

fn assert_not_a_report(outcome: &ReadOutcome) {
    assert!(outcome.report.is_none());
    let codes: Vec<(Code, Severity)> = outcome.findings.iter().map(|f| (f.code, f.severity)).collect();
    assert_eq!(codes, [(Code::EjRapport, Severity::Info)]);
}

#[test]
fn a_report_pasted_into_a_fresh_workbook_reads_as_the_original_with_one_varning() {
    let original = read_sample(SAMPLE);
    let copy = Paste::new("Rapport").read(SAMPLE);
    assert!(original.report.is_some());
    assert_eq!(copy.report, original.report);
    let rest = split_labels_finding(&copy, "Rapport");
    let strip_file = |fs: Vec<Finding>| -> Vec<Finding> {
        fs.into_iter().map(|f| Finding { file: String::new(), ..f }).collect()
    };
    assert_eq!(strip_file(rest), strip_file(original.findings.clone()));
    for field in FIELDS {
        assert_eq!(copy.values.location(field.name), original.values.location(field.name), "{}", field.name);
    }
}

#[test]
fn every_sample_report_reads_the_same_by_its_labels() {
    let mut names: Vec<String> = std::fs::read_dir(samples().join("rapporter"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 36);
    for name in &names {
        let original = read_sample(name);
        let copy = Paste::new("Rapport").read(name);
        assert_eq!(copy.report, original.report, "{name}");
        let rest = split_labels_finding(&copy, "Rapport");
        assert_eq!(substance(&rest), substance(&original.findings), "{name}");
    }
}

#[test]
fn a_copy_of_a_report_with_more_goals_than_the_blank_template_reads_every_goal_and_what_follows() {
    let goals = MIN_GOAL_ROWS + 4;
    let prefill = Prefill {
        insats_id: "2017:33".into(),
        insats_namn: "Heby, Individstöd i samverkan".into(),
        kvartal: Kvartal::new(2018, 2).unwrap(),
        budget_kr: None,
        goals: (1..=goals).map(|n| format!("Mål nummer {n}")).collect(),
        inriktning: uppfoljning::register::Inriktning::Individ,
        forvantat_antal_deltagare: Some(120),
    };
    let mut answers = Answers::new();
    let statuses = (1..=goals).map(|n| ("Uppfyllt".to_string(), format!("Kommentar {n}"))).collect();
    answers.insert("mal_lista", Answer::GoalAnswers(statuses));
    answers.insert("egenfinansiering_kr", Answer::Number(120_000.0));
    answers.insert("analys", Answer::Text("Ring 19121212-1212 om något är oklart.".into()));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("original.xlsx");
    std::fs::write(&path, write_report(Some(&prefill), &answers).unwrap()).unwrap();
    let original = read_report(&path, "original.xlsx");
    let copy = Paste::new("Rapport").read_cells(&cells_at(&path));
    let report = copy.report.clone().unwrap();
    assert_eq!(copy.report, original.report);
    assert_eq!(report.mal.lista.len(), goals);
    assert_eq!(report.budget.egenfinansiering_kr, Some(120_000.into()));
    // Free text is masked as in a named report, with the same finding.
    let masked = format!("Ring {} om något är oklart.", uppfoljning::pnr::MASK);
    assert_eq!(report.analys, Some(masked));
    let rest = split_labels_finding(&copy, "Rapport");
    assert!(rest.iter().any(|f| f.code == Code::PersonnummerIFritext), "{rest:#?}");
    assert_eq!(substance(&rest), substance(&original.findings));
}

#[test]
fn a_copy_with_a_row_inserted_above_on_a_sheet_named_blad1_still_reads_by_labels() {
    let original = read_sample(SAMPLE);
    let paste = Paste { rows_above: 3, ..Paste::new("Blad1") };
    let copy = paste.read(SAMPLE);
    assert_eq!(copy.report, original.report);
    let rest = split_labels_finding(&copy, "Blad1");
    assert_eq!(substance(&rest), substance(&original.findings));
    let (Some(was), Some(now)) = (original.values.location("utfall_kr"), copy.values.location("utfall_kr"))
    else {
        panic!("utfall_kr not located");
    };
    let row = |cell: &str| uppfoljning::workbook::parse_a1(cell).unwrap().row;
    assert_eq!((now.sheet.as_str(), row(&now.cell)), ("Blad1", row(&was.cell) + 3));
}

#[test]
fn a_copy_on_the_second_sheet_behind_an_instruction_sheet_is_found() {
    let original = read_sample(SAMPLE);
    let copy = Paste { sheets_before: vec!["Instruktion"], ..Paste::new("Kopia") }.read(SAMPLE);
    assert_eq!(copy.report, original.report);
    split_labels_finding(&copy, "Kopia");
}

#[test]
fn a_field_whose_label_was_lost_is_a_missing_name_and_the_rest_is_read() {
    let original = read_sample(SAMPLE);
    let copy = Paste { without_label: Some("Egenfinansiering"), ..Paste::new("Rapport") }.read(SAMPLE);
    let rest = split_labels_finding(&copy, "Rapport");
    let missing: Vec<_> = rest.iter().map(|f| (f.code, f.field.as_deref())).collect();
    assert_eq!(missing, [(Code::NamnSaknas, Some("egenfinansiering_kr"))]);
    let mut expected = original.report.unwrap();
    assert!(expected.budget.egenfinansiering_kr.is_some());
    expected.budget.egenfinansiering_kr = None;
    assert_eq!(copy.report, Some(expected));
}

#[test]
fn the_register_given_as_a_report_stays_not_a_report() {
    assert_not_a_report(&read_report(&samples().join("register.xlsx"), "register.xlsx"));
}

#[test]
fn a_budget_sheet_sharing_a_few_labels_stays_not_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("budget.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Rapport").unwrap();
    let rows = [
        ["Budget 2018", "", ""],
        ["Budget för kvartalet (kr)", "250000", ""],
        ["Utfall, förbundets medel (kr)", "241000", ""],
        ["Egenfinansiering (kr)", "50000", ""],
        ["Kommentar om budgeten", "Enligt plan", ""],
        ["Mål", "Status", "Kommentar"],
        ["Fler i arbete", "Uppfyllt", ""],
        ["Studier", "12", ""],
        ["Övrigt (avbrutit, flyttat, okänt)", "3", ""],
    ];
    for (row, texts) in (0u32..).zip(rows) {
        for (col, text) in (0u16..).zip(texts) {
            sheet.write_string(row, col, text).unwrap();
        }
    }
    book.save(&path).unwrap();
    assert_not_a_report(&read_report(&path, "budget.xlsx"));
}

#[test]
fn a_copy_with_a_cell_in_the_far_corner_reads_only_the_bounded_area() {
    let original = read_sample(SAMPLE);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(COPY);
    Paste { far_corner: true, ..Paste::new("Rapport") }.write(&cells_of(SAMPLE), &path);
    assert!(std::fs::metadata(&path).unwrap().len() < 30_000);
    let copy = read_report(&path, COPY);
    assert_eq!(copy.report, original.report);
    split_labels_finding(&copy, "Rapport");
}

#[test]
fn a_sheet_with_only_a_far_corner_cell_stays_not_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("horn.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Kvartalsrapport").unwrap();
    sheet.write_string(1_048_575, 16_383, "Mallversion").unwrap();
    book.save(&path).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 10_000);
    assert_not_a_report(&read_report(&path, "horn.xlsx"));
}

#[test]
fn labels_below_the_scanned_rows_are_not_looked_for() {
    let rows_above = uppfoljning::report::labels::SCAN_ROWS;
    let copy = Paste { rows_above, ..Paste::new("Rapport") }.read(SAMPLE);
    assert_not_a_report(&copy);
}
