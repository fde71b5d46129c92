//! Issue 14, words on the sheets: the styrgrupp's analysis for the board and
//! its comments, from the report that counts, reach the workbook (the
//! column Kommentar of each area's sheet and the table `Kommentarer`) and
//! the JSON. Expected texts come from the samples' source, never typed here.

mod common;

#[allow(dead_code)]
#[path = "../examples/samples.rs"]
mod samples;

#[allow(dead_code)]
#[path = "common/tables.rs"]
mod tables;

#[path = "common/edited_samples.rs"]
mod edited_samples;

use calamine::{Data, Reader};
use common::samples::{inbox_copy, sample_register};
use edited_samples::{inbox_with, source};
use serde_json::Value;
use std::path::PathBuf;
use tables::Book;
use uppfoljning::aggregate::{InsatsResultat, Sammanstallning, aggregate};
use uppfoljning::discover::discover;
use uppfoljning::inbox::read_inbox;
use uppfoljning::period::{Kvartal, Period};
use uppfoljning::template::Answer;

const KNIVSTA_UNGDOM: &str = "2016:61";
const K1_2018: Kvartal = Kvartal { ar: 2018, kvartal: 1 };
const K2_2018: Kvartal = Kvartal { ar: 2018, kvartal: 2 };
const PERIOD: &str = "2018-H1";

/// The comment fields, by defined name, with their column on `Kommentarer`
/// and, for an area, its sheet's table.
const COMMENTS: [(&str, &str, Option<&str>); 5] = [
    ("analys", "Styrgruppens analys för förbundsstyrelsen", None),
    ("mal_kommentar", "Kommentar mål", Some("Mal")),
    ("forutsattningar_kommentar", "Kommentar förutsättningar", Some("Forutsattningar")),
    ("budget_kommentar", "Kommentar budget", Some("Budget")),
    ("kvalitet_kommentar", "Kommentar kvalitet", Some("Kvalitet")),
];

fn run(inbox: PathBuf) -> Sammanstallning {
    let found = discover(&[inbox]).unwrap();
    aggregate(&sample_register(), &[], &read_inbox(&found), Period::parse(PERIOD).unwrap(), common::TODAY)
}

fn samples_run() -> Sammanstallning {
    run(common::samples::samples().join("rapporter"))
}

fn insats<'s>(s: &'s Sammanstallning, id: &str) -> &'s InsatsResultat {
    s.insatser.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("no insats {id}"))
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

fn json(s: &Sammanstallning) -> Value {
    serde_json::from_slice(&uppfoljning::render::json::to_json(s, None).unwrap()).unwrap()
}

fn json_insats<'v>(json: &'v Value, id: &str) -> &'v Value {
    json["insatser"].as_array().unwrap().iter().find(|i| i["id"] == id).unwrap()
}

/// The source report that counts for `id`: the latest of the period's.
fn latest_source(id: &str) -> Option<&'static samples::ReportSource> {
    [K2_2018, K1_2018].into_iter().find_map(|q| source().report(id, q))
}

fn text_answer(report: &samples::ReportSource, field: &str) -> String {
    match report.answers.get(field) {
        Some(Answer::Text(t)) => t.trim().to_string(),
        _ => String::new(),
    }
}

/// "Mål 1: …\nMål 3: …" from the report's goal answers.
fn goal_comments(report: &samples::ReportSource) -> String {
    let Some(Answer::GoalAnswers(goals)) = report.answers.get("mal_lista") else { return String::new() };
    let lines: Vec<String> = goals
        .iter()
        .enumerate()
        .filter(|(_, (_, comment))| !comment.trim().is_empty())
        .map(|(n, (_, comment))| format!("Mål {}: {}", n + 1, comment.trim()))
        .collect();
    lines.join("\n")
}

#[test]
fn every_free_text_of_every_report_that_counts_is_in_the_comments_table_and_the_json() {
    let s = samples_run();
    let (_dir, _path, mut book) = workbook(&s);
    let t = book.table("Kommentarer");
    assert_eq!(t.rows.len(), s.insatser.len(), "one row per insats of the period");
    let names: Vec<String> = t.rows.iter().map(|r| r[t.col("Insats")].to_string()).collect();
    let expected: Vec<&str> = s.insatser.iter().map(|i| i.kortnamn.as_str()).collect();
    assert_eq!(names, expected, "register order");
    let json = json(&s);
    let mut texts = 0;
    for i in &s.insatser {
        let r = t.row_of(&i.kortnamn);
        let Some(report) = latest_source(&i.id) else {
            assert_eq!(t.text(r, "Rapport"), "Rapport saknas", "{}", i.kortnamn);
            continue;
        };
        assert_eq!(t.text(r, "Kvartal"), report.kvartal.to_string(), "{}", i.kortnamn);
        let file = i.kommentarer.kalla.as_ref().and_then(|k| k.fil.clone()).expect("the report's file");
        assert_eq!(t.text(r, "Rapport"), file);
        let ji = json_insats(&json, &i.id);
        for (field, column, _) in COMMENTS {
            let expected = text_answer(report, field);
            assert_eq!(t.text(r, column), expected, "{} {field}", i.kortnamn);
            let in_json = match field {
                "analys" => &ji["kommentarer"]["analys"],
                _ => &ji[field.trim_end_matches("_kommentar")]["kommentar"],
            };
            let in_json = in_json.as_str().unwrap_or_default();
            assert_eq!(in_json, expected, "JSON {} {field}", i.kortnamn);
            texts += usize::from(!expected.is_empty());
        }
        let goals = goal_comments(report);
        assert_eq!(t.text(r, "Kommentarer per mål"), goals, "{}", i.kortnamn);
        let json_goals: Vec<String> = ji["kommentarer"]["mal"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| format!("Mål {}: {}", g["nummer"], g["kommentar"].as_str().unwrap()))
            .collect();
        assert_eq!(json_goals.join("\n"), goals, "JSON goals of {}", i.kortnamn);
        texts += usize::from(!goals.is_empty());
    }
    assert!(texts > 10, "the samples have texts to find: {texts}");
}

#[test]
fn each_area_sheet_shows_the_comment_of_the_report_its_answers_come_from() {
    let s = samples_run();
    let (_dir, _path, mut book) = workbook(&s);
    for i in &s.insatser {
        let expected = latest_source(&i.id);
        for (field, _, table) in COMMENTS {
            let Some(table) = table else { continue };
            let t = book.table(table);
            let r = t.row_of(&i.kortnamn);
            let expected = expected.map(|rep| text_answer(rep, field)).unwrap_or_default();
            assert_eq!(t.text(r, "Kommentar"), expected, "{table} {}", i.kortnamn);
        }
    }
}

#[test]
fn knivstas_red_budget_has_the_styrgrupps_explanation_beside_it() {
    let s = samples_run();
    let knivsta = insats(&s, KNIVSTA_UNGDOM);
    let expected = text_answer(latest_source(KNIVSTA_UNGDOM).unwrap(), "budget_kommentar");
    assert!(!expected.is_empty(), "the sample explains its budget");
    assert_eq!(knivsta.budget.kommentar.as_deref(), Some(expected.as_str()));
    let (_dir, _path, mut book) = workbook(&s);
    let t = book.table("Budget");
    let r = t.row_of(&knivsta.kortnamn);
    assert_eq!(t.text(r, "Kommentar"), expected);
    assert_eq!(t.text(r, "Prognos budget"), knivsta.budget.prognos.text);
}

#[test]
fn a_comment_starting_with_an_equals_sign_is_written_as_text_never_a_formula() {
    let formula = "=SUMMA(A1:A2)+HYPERLINK(\"http://example.com\")";
    let dir = inbox_with(KNIVSTA_UNGDOM, K2_2018, "budget_kommentar", Answer::Text(formula.into()));
    let s = run(dir.path().to_path_buf());
    let knivsta = insats(&s, KNIVSTA_UNGDOM);
    assert_eq!(knivsta.budget.kommentar.as_deref(), Some(formula));
    let (_dir, _path, mut book) = workbook(&s);
    for (table, column) in [("Budget", "Kommentar"), ("Kommentarer", "Kommentar budget")] {
        let t = book.table(table);
        let r = t.row_of(&knivsta.kortnamn);
        assert_eq!(t.rows[r][t.col(column)], Data::String(formula.to_string()), "{table}");
        let formulas = book.xlsx.worksheet_formula(&t.sheet).unwrap();
        assert!(formulas.used_cells().all(|(.., f)| f.is_empty()), "no formula on {}", t.sheet);
    }
    let json = json(&s);
    assert_eq!(json_insats(&json, KNIVSTA_UNGDOM)["budget"]["kommentar"], formula);
}

#[test]
fn a_personal_number_in_the_analysis_stays_masked_on_the_sheet_and_in_the_json() {
    let pnr = "19850612-1238";
    assert!(uppfoljning::pnr::contains(pnr), "a valid personnummer");
    let analys = format!("Deltagaren {pnr} har gått till arbete.");
    let dir = inbox_with(KNIVSTA_UNGDOM, K2_2018, "analys", Answer::Text(analys.clone()));
    let s = run(dir.path().to_path_buf());
    let knivsta = insats(&s, KNIVSTA_UNGDOM);
    let shown = knivsta.kommentarer.analys.clone().expect("the analysis");
    assert_eq!(shown, format!("Deltagaren {} har gått till arbete.", uppfoljning::pnr::MASK));
    let (_dir, _path, mut book) = workbook(&s);
    let t = book.table("Kommentarer");
    assert_eq!(t.text(t.row_of(&knivsta.kortnamn), "Styrgruppens analys för förbundsstyrelsen"), shown);
    let json = String::from_utf8(uppfoljning::render::json::to_json(&s, None).unwrap()).unwrap();
    assert!(!json.contains(pnr));
}

#[test]
fn an_insats_without_a_report_says_rapport_saknas_and_has_no_words() {
    let dir = inbox_copy();
    for q in [K1_2018, K2_2018] {
        let report = source().report(KNIVSTA_UNGDOM, q).expect("a sample report");
        let (name, _) = source().workbook(report).unwrap();
        std::fs::remove_file(dir.path().join(name)).unwrap();
    }
    let s = run(dir.path().to_path_buf());
    let knivsta = insats(&s, KNIVSTA_UNGDOM);
    assert_eq!(knivsta.kommentarer.saknas.as_deref(), Some("Rapport saknas"));
    assert_eq!(knivsta.budget.kommentar, None);
    let (_dir, _path, mut book) = workbook(&s);
    let t = book.table("Kommentarer");
    let r = t.row_of(&knivsta.kortnamn);
    assert_eq!(t.text(r, "Rapport"), "Rapport saknas");
    for (_, column, _) in COMMENTS {
        assert_eq!(t.text(r, column), "", "{column}");
    }
    assert_eq!(t.text(r, "Kvartal"), "");
}

#[test]
fn the_comments_sheet_wraps_its_texts_and_follows_avslut() {
    let s = samples_run();
    let (_dir, path, mut book) = workbook(&s);
    let sheets = book.xlsx.sheet_names();
    let at = sheets.iter().position(|n| n == "Kommentarer").expect("the sheet Kommentarer");
    assert_eq!(sheets.get(at.wrapping_sub(1)).map(String::as_str), Some("Avslut"));
    // The analysis column's cells wrap: read back with umya, a second reader.
    let t = book.table("Kommentarer");
    let col = t.start.1 + u32::try_from(t.col("Styrgruppens analys för förbundsstyrelsen")).unwrap();
    let row = t.start.0;
    let umya = umya_spreadsheet::reader::xlsx::read(&path).unwrap();
    let sheet = umya.sheet_by_name("Kommentarer").unwrap();
    // umya counts from 1, calamine from 0.
    let cell = sheet.cell((col + 1, row + 1)).expect("the first analysis cell");
    assert!(!cell.value().is_empty(), "the first insats has an analysis");
    let wraps = cell.style().alignment().is_some_and(|a| a.wrap_text());
    assert!(wraps, "the analysis wraps");
}
