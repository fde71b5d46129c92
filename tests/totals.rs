//! Issue 13: totals say what they are over, and a period in which no
//! insats runs is a Fel, never an empty workbook.
//!
//! `sammanstall` runs over the samples with some insatser's reports
//! removed; the workbook is read back by table name and the JSON beside it.
//! Expected sums are made from the workbook's own rows, so the tests hold
//! whatever the samples' figures are.

mod common;
#[allow(dead_code)]
#[path = "common/tables.rs"]
mod tables;

use assert_cmd::Command;
use calamine::{Data, Reader};
use common::files::snapshot;
use common::samples::{inbox_copy, sample_register, samples};
use serde_json::Value;
use std::path::{Path, PathBuf};
use tables::{Book, Table};
use uppfoljning::period::Kvartal;

/// A run over the sample inbox: its outputs, read back.
struct Run {
    _dir: tempfile::TempDir,
    _inbox: tempfile::TempDir,
    code: i32,
    workbook: PathBuf,
    json: Value,
}

/// `sammanstall --period 2018-H1` over the samples without every report of
/// the insatser named (full names, as in the file names).
fn without_reports_of(names: &[&str]) -> Run {
    let files: Vec<String> =
        names.iter().flat_map(|name| ["2018-K1", "2018-K2"].map(|q| format!("{q} {name}.xlsx"))).collect();
    without_files(&files.iter().map(String::as_str).collect::<Vec<_>>())
}

/// `sammanstall --period 2018-H1` over the samples without the files named.
fn without_files(files: &[&str]) -> Run {
    let inbox = inbox_copy();
    for file in files {
        std::fs::remove_file(inbox.path().join(file)).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let (workbook, json) = (dir.path().join("ut.xlsx"), dir.path().join("ut.json"));
    let output = Command::cargo_bin("uppfoljning")
        .unwrap()
        .arg("sammanstall")
        .arg("--register")
        .arg(samples().join("register.xlsx"))
        .args(["--period", "2018-H1", "--ut"])
        .arg(&workbook)
        .arg("--json")
        .arg(&json)
        .arg(inbox.path())
        .output()
        .unwrap();
    let json = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    Run { _dir: dir, _inbox: inbox, code: output.status.code().unwrap_or(-1), workbook, json }
}

/// The short name of the insats whose full name is `namn`, from the JSON.
fn kortnamn(json: &Value, namn: &str) -> String {
    let insats = json["insatser"].as_array().unwrap().iter().find(|i| i["namn"] == namn).unwrap();
    insats["kortnamn"].as_str().unwrap().to_string()
}

/// The cells of a table's total row (the row just below its data), by header.
fn total_row(book: &mut Book, table: &Table) -> Vec<Data> {
    let range = book.xlsx.worksheet_range(&table.sheet).unwrap();
    let row = table.start.0 + table.rows.len() as u32;
    (0..table.columns.len() as u32)
        .map(|c| range.get_value((row, table.start.1 + c)).cloned().unwrap_or(Data::Empty))
        .collect()
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// A decimal of the JSON (a string) as a number.
fn decimal(value: &Value) -> f64 {
    value.as_str().unwrap_or_else(|| panic!("not a decimal: {value}")).parse().unwrap()
}

/// Whether a cell of `sheet` holds exactly `wanted`.
fn sheet_has(book: &mut Book, sheet: &str, wanted: &str) -> bool {
    let range = book.xlsx.worksheet_range(sheet).unwrap();
    range.cells().any(|(_, _, c)| *c == Data::String(wanted.to_string()))
}

/// The value and the scope of a key figure on Nyckeltal.
fn key_figure(book: &mut Book, label: &str) -> (Data, String) {
    let t = book.table("Nyckeltal");
    let r = t.rows.iter().position(|r| r[0] == label).unwrap_or_else(|| panic!("{label}"));
    (t.rows[r][t.col("Värde")].clone(), t.text(r, "Omfattning"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

const UNGDOMSSATSNINGEN: &str = "Knivsta, Ungdomssatsningen";
const HEBY: &str = "Heby, Individstöd i samverkan";

#[test]
fn the_budget_total_is_over_the_insatser_that_reported_and_names_the_one_left_out() {
    let run = without_reports_of(&[UNGDOMSSATSNINGEN]);
    assert_eq!(run.code, 1, "a missing report is a Fel");
    let left_out = kortnamn(&run.json, UNGDOMSSATSNINGEN);
    let mut book = Book::open(&run.workbook);
    let t = book.table("Budget");
    assert_eq!(t.rows[t.row_of(&left_out)][t.col("Utfall")], Data::Empty, "no spend known");
    let reported: Vec<usize> =
        (0..t.rows.len()).filter(|r| t.rows[*r][t.col("Utfall")] != Data::Empty).collect();
    assert_eq!(reported.len(), t.rows.len() - 1);
    let sum = |rows: &[usize], header: &str| rows.iter().map(|r| t.number(*r, header)).sum::<f64>();
    let (budget, utfall) = (sum(&reported, "Budget"), sum(&reported, "Utfall"));
    let all: Vec<usize> = (0..t.rows.len()).collect();
    assert!(sum(&all, "Budget") > budget, "the left-out insats has a budget that must not count");

    let total = total_row(&mut book, &t);
    assert_eq!(total[0], "Totalt");
    assert!(close(number(&total[t.col("Budget")]), budget));
    assert!(close(number(&total[t.col("Utfall")]), utfall));
    assert!(
        close(number(&total[t.col("Utfall i procent")]), utfall / budget),
        "numerator and denominator alike"
    );
    assert!(close(number(&total[t.col("Beviljat belopp")]), sum(&reported, "Beviljat belopp")));
    let scope = format!(
        "Summorna gäller {} av {} insatser. 1 insats utan användbar rapport ingår inte: {left_out}.",
        reported.len(),
        t.rows.len()
    );
    assert_eq!(total[t.col("Anmärkning")], scope.as_str());

    // The key figures are the same total, with the same scope: in
    // short beside them, in full (who and why) under them.
    let short = format!("{} av {} insatser, se nedan", reported.len(), t.rows.len());
    let (value, said) = key_figure(&mut book, "Budget för perioden");
    assert!(close(number(&value), budget));
    assert_eq!(said, short);
    let (value, said) = key_figure(&mut book, "Utfall i procent av budget");
    assert!(close(number(&value), utfall / budget));
    assert_eq!(said, short);
    assert!(sheet_has(&mut book, "Nyckeltal", &format!("Budget och utfall: {scope}")));

    // The JSON carries the same numbers and names the insats with its reason.
    let json = &run.json["totaler"]["budget"];
    assert!(close(decimal(&json["budget"]), budget));
    assert!(close(decimal(&json["utfall"]), utfall));
    assert_eq!(json["omfattning"]["text"], scope.as_str());
    assert_eq!(json["omfattning"]["av"], t.rows.len());
    assert_eq!(json["omfattning"]["insatser"].as_array().unwrap().len(), reported.len());
    let utanfor = json["omfattning"]["utanfor"].as_array().unwrap();
    assert_eq!(utanfor.len(), 1);
    assert_eq!(
        (&utanfor[0]["kortnamn"], &utanfor[0]["skal"]),
        (&Value::from(left_out), &Value::from("UtanRapport"))
    );
}

#[test]
fn an_insats_missing_one_quarters_report_is_left_out_of_the_budget_total_with_that_reason() {
    let run = without_files(&["2018-K2 GESAM.xlsx"]);
    let gesam = kortnamn(&run.json, "GESAM");
    let mut book = Book::open(&run.workbook);
    let t = book.table("Budget");
    let row = t.row_of(&gesam);
    // Spend of one quarter against a half-year's budget is not GESAM's
    // spend for the period: its own row leaves it empty too.
    assert_eq!(t.rows[row][t.col("Utfall")], Data::Empty, "quarter 1's spend alone is not the period's");
    let others: Vec<usize> = (0..t.rows.len()).filter(|r| *r != row).collect();
    let sum = |header: &str| others.iter().map(|r| t.number(*r, header)).sum::<f64>();
    let total = total_row(&mut book, &t);
    assert!(close(number(&total[t.col("Budget")]), sum("Budget")), "GESAM's half-year budget is not in it");
    assert!(close(number(&total[t.col("Utfall")]), sum("Utfall")));
    let scope = format!(
        "Summorna gäller {} av {} insatser. 1 insats där någon av periodens rapporter saknas ingår inte: {gesam}.",
        others.len(),
        t.rows.len()
    );
    assert_eq!(total[t.col("Anmärkning")], scope.as_str());
    assert_eq!(run.json["totaler"]["budget"]["omfattning"]["utanfor"][0]["skal"], "RapportSaknas");
}

#[test]
fn the_participant_total_is_over_the_insatser_whose_counts_are_known() {
    let run = without_reports_of(&[HEBY]);
    let heby = kortnamn(&run.json, HEBY);
    let mut book = Book::open(&run.workbook);
    let t = book.table("Deltagare");
    let known: Vec<usize> =
        (0..t.rows.len()).filter(|r| t.rows[*r][t.col("Totalt")] != Data::Empty).collect();
    assert_eq!(known.len(), t.rows.len() - 1, "only Heby's counts are unknown");
    assert_eq!(t.rows[t.row_of(&heby)][t.col("Pågående")], Data::Empty);
    let sum = |header: &str| known.iter().map(|r| t.number(*r, header)).sum::<f64>();
    let all_expected = (0..t.rows.len()).map(|r| t.number(r, "Förväntat antal")).sum::<f64>();
    assert!(all_expected > sum("Förväntat antal"), "Heby's expected number must not count");

    let total = total_row(&mut book, &t);
    for header in ["Pågående", "Avslutade", "Totalt", "Förväntat antal"] {
        assert!(close(number(&total[t.col(header)]), sum(header)), "{header}");
    }
    let andel = sum("Totalt") / sum("Förväntat antal");
    assert!(close(number(&total[t.col("Andel av förväntat")]), andel), "numerator and denominator alike");
    let scope = format!(
        "Summorna gäller {} av {} individinriktade insatser. 1 insats utan användbar rapport ingår inte: {heby}.",
        known.len(),
        t.rows.len()
    );
    assert_eq!(total[t.col("Anmärkning")], scope.as_str());

    let (value, said) = key_figure(&mut book, "Deltagare totalt");
    assert!(close(number(&value), sum("Totalt")));
    assert_eq!(said, format!("{} av {} individinriktade insatser, se nedan", known.len(), t.rows.len()));
    assert!(sheet_has(&mut book, "Nyckeltal", &format!("Deltagare: {scope}")));

    let json = &run.json["totaler"]["deltagare"];
    assert!(close(json["totalt"].as_f64().unwrap(), sum("Totalt")));
    assert!(close(json["forvantat"].as_f64().unwrap(), sum("Förväntat antal")));
    assert_eq!(json["omfattning"]["text"], scope.as_str());
    assert_eq!(json["omfattning"]["utanfor"][0]["kortnamn"], heby.as_str());
}

#[test]
fn with_every_report_in_each_total_says_it_is_over_all_insatser() {
    let run = without_reports_of(&[]);
    let mut book = Book::open(&run.workbook);
    let n = book.table("Budget").rows.len();
    let individual = book.table("Deltagare").rows.len();
    let budget = book.table("Budget");
    assert_eq!(
        total_row(&mut book, &budget)[budget.col("Anmärkning")],
        format!("Summorna gäller alla {n} insatser i perioden.").as_str()
    );
    let deltagare = book.table("Deltagare");
    assert_eq!(
        total_row(&mut book, &deltagare)[deltagare.col("Anmärkning")],
        format!("Summorna gäller alla {individual} individinriktade insatser i perioden.").as_str()
    );
    assert_eq!(key_figure(&mut book, "Budget för perioden").1, format!("{n} av {n} insatser"));
    assert_eq!(
        key_figure(&mut book, "Deltagare totalt").1,
        format!("{individual} av {individual} individinriktade insatser")
    );
    for total in ["budget", "deltagare", "fordelning"] {
        assert_eq!(run.json["totaler"][total]["omfattning"]["utanfor"], Value::Array(vec![]), "{total}");
    }
}

#[test]
fn the_distribution_total_is_over_every_active_insats_reported_or_not_and_says_so_under_the_table() {
    let run = without_reports_of(&[UNGDOMSSATSNINGEN]);
    let mut book = Book::open(&run.workbook);
    let n = book.table("Budget").rows.len();
    let t = book.table("Fordelning");
    let total = total_row(&mut book, &t);
    let granted = (0..t.rows.len()).map(|r| t.number(r, "Beviljat belopp")).sum::<f64>();
    assert!(close(number(&total[t.col("Beviljat belopp")]), granted));
    let scope = format!(
        "Summorna gäller alla {n} insatser som pågår under perioden enligt registret, med eller utan rapport."
    );
    // The sentence is in the row under the total row, in the table's first column.
    let range = book.xlsx.worksheet_range(&t.sheet).unwrap();
    let under = range.get_value((t.start.0 + t.rows.len() as u32 + 1, t.start.1)).cloned();
    assert_eq!(under, Some(Data::String(scope.clone())));
    assert_eq!(run.json["totaler"]["fordelning"]["omfattning"]["text"], scope.as_str());
    assert_eq!(key_figure(&mut book, "Beviljat belopp").1, format!("{n} av {n} insatser"));
    assert!(close(number(&key_figure(&mut book, "Beviljat belopp").0), granted));
}

// ---------------------------------------------------------------------------
// A period in which no insats runs

/// What the register holds, as the message says it: the first and last
/// quarter any insats runs in, after every decision.
fn register_span() -> (Kvartal, Kvartal) {
    let register = sample_register();
    let grants: Vec<_> =
        register.insatser.iter().map(|i| register.grant(&i.id, chrono::NaiveDate::MAX).unwrap()).collect();
    let first = grants.iter().map(|g| Kvartal::of(g.start)).min().unwrap();
    let last = grants.iter().map(|g| Kvartal::of(g.slut)).max().unwrap();
    (first, last)
}

fn working_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(samples().join("register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    copy_all(&samples().join("rapporter"), &dir.path().join("rapporter")).unwrap();
    dir
}

fn copy_all(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)?.flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name()))?;
    }
    Ok(())
}

#[test]
fn a_period_in_which_no_insats_runs_is_a_fel_and_writes_no_workbook() {
    let dir = working_folder();
    let (first, last) = register_span();
    let output = Command::cargo_bin("uppfoljning")
        .unwrap()
        .args(["sammanstall", "--period", "2081-H1", "--json", "ut.json", "--aterkoppling", "utkast"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout,
        format!(
            "Fel: Ingen insats i registret pågår under perioden 2081-H1 (kvartal 1 och 2 2081), så ingen arbetsbok \
             skrevs. Registrets insatser pågår från {first} till {last}. Kontrollera --period (är året rätt \
             skrivet?) och kör igen.\n"
        )
    );
    for unwritten in ["Uppföljning 2081-H1.xlsx", "ut.json", "utkast"] {
        assert!(!dir.path().join(unwritten).exists(), "{unwritten} must not be written");
    }
}

#[test]
fn a_period_in_which_no_insats_runs_leaves_an_existing_workbook_untouched() {
    let dir = working_folder();
    std::fs::write(dir.path().join("styrelsen.xlsx"), "förra arbetsboken").unwrap();
    let before = snapshot(dir.path());
    let output = Command::cargo_bin("uppfoljning")
        .unwrap()
        .args(["sammanstall", "--period", "2081", "--ut", "styrelsen.xlsx"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.starts_with(
            "Fel: Ingen insats i registret pågår under perioden 2081 (år 2081), så ingen arbetsbok skrevs."
        ),
        "{stdout}"
    );
    assert_eq!(snapshot(dir.path()), before, "every file as it was");
}

#[test]
fn kontrollera_with_a_period_in_which_no_insats_runs_is_a_fel_and_checks_nothing() {
    let dir = working_folder();
    let (first, last) = register_span();
    let output = Command::cargo_bin("uppfoljning")
        .unwrap()
        .args(["kontrollera", "--period", "2081-K3", "--aterkoppling", "utkast"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout,
        format!(
            "Fel: Ingen insats i registret pågår under perioden 2081-K3 (kvartal 3 2081), så inga rapporter \
             kontrollerades. Registrets insatser pågår från {first} till {last}. Kontrollera --period (är året \
             rätt skrivet?) och kör igen.\n"
        )
    );
    assert!(!dir.path().join("utkast").exists(), "no feedback is written");
}

#[test]
fn the_trend_total_and_the_forbunds_line_leave_out_an_insats_whose_spend_so_far_is_not_known() {
    let run = without_files(&["2018-K2 GESAM.xlsx"]);
    let gesam = kortnamn(&run.json, "GESAM");
    let mut book = Book::open(&run.workbook);
    let t = book.table("Trend");
    let row = t.row_of(&gesam);
    // Its spend so far lacks 2018-K2: not set against a budget that has it.
    assert_eq!(t.rows[row][t.col("Utfall hittills")], Data::Empty);
    assert!(t.number(row, "Budget hittills") > 0.0, "the budget so far is known and shown");
    let others: Vec<usize> = (0..t.rows.len()).filter(|r| *r != row).collect();
    let sum = |header: &str| others.iter().map(|r| t.number(*r, header)).sum::<f64>();
    let total = total_row(&mut book, &t);
    for header in ["Utfall hittills", "Budget hittills", "Beviljat belopp"] {
        assert!(close(number(&total[t.col(header)]), sum(header)), "{header}: GESAM's is not in it");
    }
    let scope = run.json["historik"]["totalt"]["omfattning"]["text"].as_str().unwrap().to_string();
    assert!(scope.contains(&gesam), "{scope}");
    assert!(sheet_has(&mut book, &t.sheet, &scope), "the scope is written on the sheet");
    // The förbund's line is over the same insatser as the total row.
    let last = run.json["historik"]["forbund"].as_array().unwrap().last().unwrap().clone();
    assert!(close(decimal(&last["utfall"]), number(&total[t.col("Utfall hittills")])));
    assert!(close(decimal(&last["budget"]), number(&total[t.col("Budget hittills")])));
}
