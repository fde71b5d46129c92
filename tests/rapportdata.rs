//! Issue 14, raw data as an office format: the sheets `Rapportdata` (one row
//! per report read, one column per field of the contract) and `Rapportmål`
//! (one row per goal), and the JSON's `rapportdata` and `rapportmal`.
//! The workbook is read back with calamine, a reader other than our writer,
//! and every cell is compared with what the report reader reads from the
//! report file itself, never with values typed here.

mod common;

#[allow(dead_code)]
#[path = "../examples/samples.rs"]
mod samples;

#[allow(dead_code)]
#[path = "common/tables.rs"]
mod tables;

#[path = "common/edited_samples.rs"]
mod edited_samples;

use calamine::{Data, DataType, Reader};
use common::samples::{inbox_copy, sample_register};
use edited_samples::{inbox_with, source};
use rust_decimal::prelude::ToPrimitive;
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use tables::{Book, Table};
use uppfoljning::aggregate::{Sammanstallning, aggregate};
use uppfoljning::contract::{FIELDS, Field, FieldType};
use uppfoljning::discover::discover;
use uppfoljning::inbox::read_inbox;
use uppfoljning::period::{Kvartal, Period};
use uppfoljning::report::{Value, read_report};
use uppfoljning::template::Answer;

const KNIVSTA_UNGDOM: &str = "2016:61";
const OSTHAMMAR: &str = "2017:58";
const K1_2018: Kvartal = Kvartal { ar: 2018, kvartal: 1 };
const K2_2018: Kvartal = Kvartal { ar: 2018, kvartal: 2 };

/// The leading columns, before the contract's fields.
const LEADING: [&str; 8] =
    ["Fil", "Id", "Kortnamn", "Rapportkvartal", "Räknas", "Status", "Kommentar", "Avvisade fält"];

fn run(inbox: &Path, period: &str) -> Sammanstallning {
    let found = discover(&[inbox.to_path_buf()]).unwrap();
    aggregate(&sample_register(), &[], &read_inbox(&found), Period::parse(period).unwrap(), common::TODAY)
}

/// The workbook of `s`, written and opened as its readers do.
fn workbook(s: &Sammanstallning) -> (tempfile::TempDir, PathBuf, Book) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ut.xlsx");
    let options = uppfoljning::render::xlsx::Options::default();
    std::fs::write(&path, uppfoljning::render::xlsx::workbook(s, None, &options).unwrap()).unwrap();
    let book = Book::open(&path);
    (dir, path, book)
}

fn json(s: &Sammanstallning) -> Json {
    serde_json::from_slice(&uppfoljning::render::json::to_json(s, None).unwrap()).unwrap()
}

/// A field's header on `Rapportdata`: its label, with the half of a pair.
fn header(field: &Field) -> String {
    match field.ty {
        FieldType::GoalBlock => format!("{} (antal)", field.label),
        _ => field.display_label(),
    }
}

/// The row of `file` in a table whose first column is `Fil`.
fn row_of(t: &Table, file: &str) -> usize {
    let col = t.col("Fil");
    let rows: Vec<usize> = (0..t.rows.len()).filter(|r| t.rows[*r][col] == file).collect();
    assert_eq!(
        rows.len(),
        1,
        "{file} once in {:?}",
        t.rows.iter().map(|r| r[col].to_string()).collect::<Vec<_>>()
    );
    rows[0]
}

/// Whether the workbook's cell shows the value the report reader read.
fn cell_shows(cell: &Data, value: Option<&Value>) -> bool {
    let number = |n: f64| cell.as_f64() == Some(n) && !matches!(cell, Data::String(_));
    match value {
        None => matches!(cell, Data::Empty),
        Some(Value::Text(text)) => *cell == Data::String(text.clone()),
        Some(Value::Choice(label)) => *cell == Data::String((*label).to_string()),
        Some(Value::Int(n)) => number(f64::from(*n)),
        Some(Value::Kr(amount)) => number(amount.to_f64().unwrap()),
        Some(Value::Date(date)) => {
            matches!(cell, Data::DateTime(excel) if excel.as_f64() == excel_serial(*date))
        }
        Some(Value::Goals(goals)) => number(goals.len() as f64),
    }
}

/// A day as Excel counts it: days since 1899-12-30 (dates after February 1900).
fn excel_serial(date: chrono::NaiveDate) -> f64 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (date - epoch).num_days() as f64
}

/// Whether the JSON's value is the value the report reader read.
fn json_shows(json: &Json, value: Option<&Value>) -> bool {
    match value {
        None => json.is_null(),
        Some(Value::Text(text)) => json == text.as_str(),
        Some(Value::Choice(label)) => json == *label,
        Some(Value::Int(n)) => json.as_u64() == Some(u64::from(*n)),
        Some(Value::Kr(amount)) => {
            json.as_str().and_then(|s| s.parse::<rust_decimal::Decimal>().ok()) == Some(*amount)
        }
        Some(Value::Date(date)) => json.as_str() == Some(date.format("%Y-%m-%d").to_string().as_str()),
        Some(Value::Goals(goals)) => json.as_u64() == Some(goals.len() as u64),
    }
}

/// The report files of a folder, by name.
fn report_files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect()
}

#[test]
fn rapportdata_holds_every_report_read_with_every_contract_field_as_the_report_reader_reads_it() {
    let inbox = common::samples::samples().join("rapporter");
    let s = run(&inbox, "2018-H1");
    let (_dir, _path, mut book) = workbook(&s);
    let t = book.table("Rapportdata");
    assert_eq!(t.sheet, "Rapportdata");
    let mut headers: Vec<String> = LEADING.map(String::from).to_vec();
    headers.extend(FIELDS.iter().map(header));
    assert_eq!(t.columns, headers, "the leading columns, then every field in the contract's order");
    let files = report_files(&inbox);
    let shown: BTreeSet<String> = t.rows.iter().map(|r| r[t.col("Fil")].to_string()).collect();
    assert_eq!(shown, files, "one row per report file");
    assert_eq!(t.rows.len(), files.len());
    let json = json(&s);
    let json_rows = json["rapportdata"].as_array().unwrap();
    assert_eq!(json_rows.len(), files.len());
    let mut compared = 0;
    for file in &files {
        let read = read_report(&inbox.join(file), file);
        let r = row_of(&t, file);
        let j = json_rows.iter().find(|j| j["fil"] == file.as_str()).unwrap();
        let rejected = t.text(r, "Avvisade fält");
        for field in FIELDS {
            let value = read.values.get(field.name);
            let value = if rejected.split("; ").any(|l| l == field.display_label()) { None } else { value };
            let cell = &t.rows[r][t.col(&header(field))];
            assert!(
                cell_shows(cell, value),
                "{file} {}: {cell:?} in the workbook, {value:?} read",
                field.name
            );
            assert!(
                json_shows(&j["falt"][field.name], value),
                "{file} {}: JSON {}",
                field.name,
                j["falt"][field.name]
            );
            compared += usize::from(value.is_some());
        }
        assert_eq!(j["falt"].as_object().unwrap().len(), FIELDS.len(), "{file}: every field in the JSON");
    }
    assert!(compared > files.len() * 30, "the samples answer most fields: {compared}");
    // Every report of the samples counts for 2018-H1 and none has a value rejected.
    for r in 0..t.rows.len() {
        assert_eq!(t.text(r, "Räknas"), "Ja");
        assert_eq!(t.text(r, "Status"), "Använd");
        assert_eq!(t.text(r, "Avvisade fält"), "");
    }
}

#[test]
fn the_row_above_each_table_names_its_columns_as_the_json_does() {
    let s = run(&common::samples::samples().join("rapporter"), "2018-H1");
    let (_dir, _path, mut book) = workbook(&s);
    let json = json(&s);
    for (table, key) in [("Rapportdata", "rapportdata"), ("Rapportmal", "rapportmal")] {
        let t = book.table(table);
        let range = book.xlsx.worksheet_range(&t.sheet).unwrap();
        // The data start two rows below the names: the header row between.
        let names_row = t.start.0 - 2;
        let names: Vec<String> = (0..t.columns.len())
            .map(|c| range.get_value((names_row, t.start.1 + c as u32)).unwrap().to_string())
            .collect();
        // serde_json's map sorts the keys it reads: the leading names as a set, the fields in order.
        let first = json[key][0].as_object().unwrap();
        let leading: BTreeSet<&str> = first.keys().map(String::as_str).filter(|k| *k != "falt").collect();
        let (shown_leading, shown_fields) = names.split_at(leading.len());
        assert_eq!(shown_leading.iter().map(String::as_str).collect::<BTreeSet<_>>(), leading, "{table}");
        let fields: Vec<&str> =
            if table == "Rapportdata" { FIELDS.iter().map(|f| f.name).collect() } else { vec![] };
        assert_eq!(shown_fields, fields, "{table}");
        if table == "Rapportdata" {
            let in_json: BTreeSet<&str> =
                first["falt"].as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(in_json, fields.iter().copied().collect::<BTreeSet<_>>());
        }
    }
}

#[test]
fn rapportmal_lists_every_goal_of_every_report_as_the_report_reader_reads_it() {
    let inbox = common::samples::samples().join("rapporter");
    let s = run(&inbox, "2018-H1");
    let (_dir, _path, mut book) = workbook(&s);
    let t = book.table("Rapportmal");
    let json = json(&s);
    let json_rows = json["rapportmal"].as_array().unwrap();
    let mut expected_rows = 0;
    for file in report_files(&inbox) {
        let read = read_report(&inbox.join(&file), &file);
        let Some(Value::Goals(goals)) = read.values.get("mal_lista") else { continue };
        let rows: Vec<usize> = (0..t.rows.len()).filter(|r| t.text(*r, "Fil") == file).collect();
        assert_eq!(rows.len(), goals.len(), "{file}");
        for ((nummer, goal), r) in (1..).zip(goals).zip(rows) {
            assert_eq!(t.number(r, "Nr"), f64::from(nummer));
            assert_eq!(t.text(r, "Mål"), goal.text, "{file}");
            let status = goal.status.as_ref().ok().copied().flatten().unwrap_or_default();
            assert_eq!(t.text(r, "Målstatus"), status, "{file}");
            assert_eq!(t.text(r, "Kommentar"), goal.comment.clone().unwrap_or_default(), "{file}");
            let j = json_rows.iter().find(|j| j["fil"] == file.as_str() && j["nummer"] == nummer).unwrap();
            assert_eq!(j["mal"], goal.text.as_str());
        }
        expected_rows += goals.len();
    }
    assert!(expected_rows > 50, "the samples have goals: {expected_rows}");
    assert_eq!(t.rows.len(), expected_rows);
    assert_eq!(json_rows.len(), expected_rows);
}

/// Writes `report` again as `name`, with its report date a day earlier: an
/// older version of the same report from the same sender.
fn write_older_version(dir: &Path, id: &str, kvartal: Kvartal, name: &str) -> String {
    let mut report = source().report(id, kvartal).expect("a sample report").clone();
    let (original, _) = source().workbook(&report).unwrap();
    let Some(Answer::Date(date)) = report.answers.get("rapportdatum").cloned() else {
        panic!("a report date")
    };
    report.answers.insert("rapportdatum", Answer::Date(date.pred_opt().unwrap()));
    let (_, bytes) = source().workbook(&report).unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
    original
}

#[test]
fn rakneas_says_why_a_superseded_version_a_copy_and_another_quarters_report_do_not_count() {
    let dir = inbox_copy();
    let older = "2018-K2 Östhammar, Bryggan – äldre version.xlsx";
    let newest = write_older_version(dir.path(), OSTHAMMAR, K2_2018, older);
    let knivsta = source().report(KNIVSTA_UNGDOM, K2_2018).unwrap();
    let (knivsta_file, _) = source().workbook(knivsta).unwrap();
    let copy = knivsta_file.replace(".xlsx", " - Kopia.xlsx");
    std::fs::copy(dir.path().join(&knivsta_file), dir.path().join(&copy)).unwrap();
    let s = run(dir.path(), "2018-K2");
    let (_dir, _path, mut book) = workbook(&s);
    let t = book.table("Rapportdata");
    let kallor = book.table("Kallor");
    assert_eq!(t.rows.len(), report_files(dir.path()).len(), "every report read, counting or not");
    let said = |file: &str| {
        let r = row_of(&t, file);
        (t.text(r, "Räknas"), t.text(r, "Status"), t.text(r, "Kommentar"))
    };
    assert_eq!(said(&newest), ("Ja".into(), "Använd".into(), String::new()));
    assert_eq!(said(older), ("Nej".into(), "Ersatt".into(), format!("Ersatt av {newest}")));
    // Of two files with the same bytes, one counts and the other is its copy.
    let (a, b) = (said(&knivsta_file), said(&copy));
    let (counts, copied, original) = if a.0 == "Ja" { (a, b, &knivsta_file) } else { (b, a, &copy) };
    assert_eq!(counts.0, "Ja");
    assert_eq!(copied, ("Nej".into(), "Ersatt".into(), format!("Kopia av {original}")));
    // Last quarter's reports are history for 2018-K2.
    let k1 = source().workbook(source().report(OSTHAMMAR, K1_2018).unwrap()).unwrap().0;
    assert_eq!(said(&k1).0, "Nej");
    assert_eq!(said(&k1).1, "Annan period");
    // The selection's own words: as on Källor, file by file.
    for r in 0..t.rows.len() {
        let file = t.text(r, "Fil");
        let k = row_of(&kallor, &file);
        assert_eq!(t.text(r, "Status"), kallor.text(k, "Status"), "{file}");
        assert_eq!(t.text(r, "Kommentar"), kallor.text(k, "Kommentar"), "{file}");
        assert_eq!(t.text(r, "Räknas") == "Ja", kallor.text(k, "Status") == "Använd", "{file}");
    }
    let json = json(&s);
    let j = |file: &str| {
        json["rapportdata"].as_array().unwrap().iter().find(|j| j["fil"] == file).unwrap().clone()
    };
    assert_eq!(j(older)["rakneas"], false);
    assert_eq!(j(older)["status"], "Ersatt");
    assert_eq!(j(&newest)["rakneas"], true);
    // The older version keeps its own answers: its report date.
    let date = |file: &str| j(file)["falt"]["rapportdatum"].as_str().unwrap().to_string();
    assert!(date(older) < date(&newest));
}

#[test]
fn a_value_a_fel_rejected_is_empty_and_named_in_avvisade_falt() {
    let dir = inbox_with(OSTHAMMAR, K2_2018, "utfall_kr", Answer::Text("ungefär 300 000".into()));
    let s = run(dir.path(), "2018-H1");
    let (_dir, _path, mut book) = workbook(&s);
    let t = book.table("Rapportdata");
    let file = source().workbook(source().report(OSTHAMMAR, K2_2018).unwrap()).unwrap().0;
    let r = row_of(&t, &file);
    let utfall = uppfoljning::contract::field("utfall_kr").unwrap();
    assert_eq!(t.text(r, "Avvisade fält"), utfall.display_label());
    assert_eq!(t.rows[r][t.col(&header(utfall))], Data::Empty);
    assert_eq!(t.text(r, "Räknas"), "Ja", "a report with a Fel in one field still counts");
    let budget = uppfoljning::contract::field("budget_kr").unwrap();
    assert!(t.rows[r][t.col(&header(budget))].as_f64().is_some(), "the other amounts are there");
    let json = json(&s);
    let j = json["rapportdata"].as_array().unwrap().iter().find(|j| j["fil"] == file.as_str()).unwrap();
    assert_eq!(j["avvisade"], serde_json::json!(["utfall_kr"]));
    assert!(j["falt"]["utfall_kr"].is_null());
    let finding = s.fynd.iter().find(|f| f.file == file && f.field.as_deref() == Some("utfall_kr"));
    assert!(finding.is_some_and(|f| f.severity == uppfoljning::finding::Severity::Fel), "Kontroll says why");
}

#[test]
fn a_text_beginning_with_an_equals_sign_stays_text_in_rapportdata() {
    let formula = "=SUMMA(A1:A2)+HYPERLINK(\"http://example.com\")";
    let dir = inbox_with(KNIVSTA_UNGDOM, K2_2018, "analys", Answer::Text(formula.into()));
    let s = run(dir.path(), "2018-H1");
    let (_dir, _path, mut book) = workbook(&s);
    let t = book.table("Rapportdata");
    let file = source().workbook(source().report(KNIVSTA_UNGDOM, K2_2018).unwrap()).unwrap().0;
    let analys = uppfoljning::contract::field("analys").unwrap();
    assert_eq!(t.rows[row_of(&t, &file)][t.col(&header(analys))], Data::String(formula.to_string()));
    for sheet in ["Rapportdata", "Rapportmål"] {
        let formulas = book.xlsx.worksheet_formula(sheet).unwrap();
        assert!(formulas.used_cells().all(|(.., f)| f.is_empty()), "no formula on {sheet}");
    }
    let json = json(&s);
    let j = json["rapportdata"].as_array().unwrap().iter().find(|j| j["fil"] == file.as_str()).unwrap();
    assert_eq!(j["falt"]["analys"], formula);
}

#[test]
fn a_personal_identity_number_in_a_free_text_stays_masked_in_rapportdata_and_the_json() {
    let pnr = "19850612-1238";
    assert!(uppfoljning::pnr::contains(pnr), "a valid personnummer");
    let comment = format!("Deltagaren {pnr} avbröt.");
    let dir = inbox_with(KNIVSTA_UNGDOM, K2_2018, "kvalitet_kommentar", Answer::Text(comment));
    let s = run(dir.path(), "2018-H1");
    let (_dir, path, mut book) = workbook(&s);
    let t = book.table("Rapportdata");
    let file = source().workbook(source().report(KNIVSTA_UNGDOM, K2_2018).unwrap()).unwrap().0;
    let field = uppfoljning::contract::field("kvalitet_kommentar").unwrap();
    let shown = t.text(row_of(&t, &file), &header(field));
    assert_eq!(shown, format!("Deltagaren {} avbröt.", uppfoljning::pnr::MASK));
    for sheet in ["Rapportdata", "Rapportmål"] {
        let range = book.xlsx.worksheet_range(sheet).unwrap();
        assert!(range.used_cells().all(|(.., c)| !c.to_string().contains(pnr)), "{sheet}");
    }
    drop(path);
    let json = String::from_utf8(uppfoljning::render::json::to_json(&s, None).unwrap()).unwrap();
    assert!(!json.contains(pnr));
    assert!(
        json.contains(&format!("\"kvalitet_kommentar\": \"Deltagaren {} avbröt.\"", uppfoljning::pnr::MASK))
    );
}

#[test]
fn the_raw_data_come_last_after_the_boards_and_the_runs_sheets() {
    let s = run(&common::samples::samples().join("rapporter"), "2018-H1");
    let (_dir, _path, book) = workbook(&s);
    let sheets = book.xlsx.sheet_names();
    assert_eq!(&sheets[sheets.len() - 3..], ["Ändringar", "Rapportdata", "Rapportmål"]);
}

#[test]
fn an_inbox_without_reports_says_so_in_both_tables() {
    let empty = tempfile::tempdir().unwrap();
    let s = run(empty.path(), "2018-H1");
    assert!(s.rapportdata.is_empty());
    let (_dir, _path, mut book) = workbook(&s);
    let t = book.table("Rapportdata");
    assert_eq!(t.rows.len(), 1, "an Excel table needs a row");
    assert_eq!(t.text(0, "Fil"), "Inga rapporter lästes i inkorgen.");
    let t = book.table("Rapportmal");
    assert_eq!(t.text(0, "Fil"), "Ingen rapport som lästes har några mål.");
    let json = json(&s);
    assert_eq!(json["rapportdata"], serde_json::json!([]));
    assert_eq!(json["rapportmal"], serde_json::json!([]));
}
