//! Issue 7 in the workbook: `sammanstall` over the samples for 2018-H1
//! writes the sheets `Trend` and `Att följa upp`, read back by table name
//! and held against the JSON's `historik` from the same run; `--diagram`
//! adds a chart per insats asked for and says so when an id names none.

#[allow(dead_code)]
#[path = "common/tables.rs"]
mod tables;

use assert_cmd::Command;
use calamine::Reader;
use rust_decimal::Decimal;
use serde_json::Value;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use tables::Book;
use uppfoljning::aggregate::Regel;

const GREEN: (u8, u8, u8) = (0xC6, 0xEF, 0xCE);
const YELLOW: (u8, u8, u8) = (0xFF, 0xEB, 0x9C);
const RED: (u8, u8, u8) = (0xFF, 0xC7, 0xCE);

const FIGURES: [&str; 7] = [
    "Utfall hittills",
    "Budget hittills",
    "Utfall i procent av budget",
    "Beviljat belopp",
    "Andel av beviljat",
    "Deltagare sedan start",
    "Förväntat hittills",
];

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// One run of `sammanstall` over the samples for 2018-H1 into its own folder.
struct Run {
    _dir: tempfile::TempDir,
    workbook: PathBuf,
    json: Value,
    code: i32,
    stdout: String,
}

fn sammanstall(diagram: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("Uppföljning 2018-H1.xlsx");
    let json = dir.path().join("uppfoljning.json");
    let mut command = Command::cargo_bin("uppfoljning").unwrap();
    command
        .arg("sammanstall")
        .arg("--register")
        .arg(samples().join("register.xlsx"))
        .args(["--period", "2018-H1", "--ut"])
        .arg(&workbook)
        .arg("--json")
        .arg(&json)
        .arg(samples().join("rapporter"));
    for id in diagram {
        command.args(["--diagram", id]);
    }
    let output = command.output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    let json = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    Run { _dir: dir, workbook, json, code: output.status.code().unwrap_or(-1), stdout }
}

/// "2018-K1" for a JSON `Kvartal`.
fn quarter(q: &Value) -> String {
    format!("{}-K{}", q["ar"], q["kvartal"])
}

fn decimal(value: &Value) -> Decimal {
    Decimal::from_str(value.as_str().unwrap_or_else(|| panic!("not a decimal: {value}"))).unwrap()
}

fn status_fill(status: &Value) -> Option<(u8, u8, u8)> {
    match status.as_str() {
        Some("Gron") => Some(GREEN),
        Some("Gul") => Some(YELLOW),
        Some("Rod") => Some(RED),
        _ => None,
    }
}

/// `xl/charts/chartN.xml` parts of the workbook.
fn charts(path: &Path) -> usize {
    let archive = zip::ZipArchive::new(File::open(path).unwrap()).unwrap();
    archive
        .file_names()
        .map(|name| name.unwrap())
        .filter(|name| name.starts_with("xl/charts/chart") && name.ends_with(".xml"))
        .count()
}

#[test]
fn the_new_sheets_stand_after_oversikt_and_after_fordelning() {
    let run = sammanstall(&[]);
    let names = Book::open(&run.workbook).xlsx.sheet_names();
    let at = |name: &str| names.iter().position(|n| n == name).unwrap_or_else(|| panic!("{name}: {names:?}"));
    assert_eq!(at("Nyckeltal"), at("Översikt") + 1);
    assert_eq!(at("Att följa upp"), at("Nyckeltal") + 1);
    assert_eq!(at("Trend"), at("Fördelning") + 1);
    assert_eq!(at("Kontroll"), at("Trend") + 1);
}

#[test]
fn trend_has_a_row_per_insats_and_a_column_per_quarter() {
    let run = sammanstall(&[]);
    let historik = &run.json["historik"];
    let mut book = Book::open(&run.workbook);
    let trend = book.table("Trend");
    assert_eq!(trend.sheet, "Trend");
    let quarters: Vec<String> = historik["kvartal"].as_array().unwrap().iter().map(quarter).collect();
    assert_eq!(quarters, ["2018-K1", "2018-K2"], "the samples' inbox holds 2018-K1 and 2018-K2");
    let mut headers = vec!["Insats".to_string()];
    headers.extend(quarters.iter().cloned());
    headers.extend(FIGURES.map(String::from));
    assert_eq!(trend.columns, headers);
    let insatser = run.json["insatser"].as_array().unwrap();
    assert_eq!(
        trend.rows.len(),
        insatser.len(),
        "one row per insats of the period; the total row is not a data row"
    );
    for (row, insats) in insatser.iter().enumerate() {
        assert_eq!(trend.text(row, "Insats"), insats["kortnamn"].as_str().unwrap());
    }
    let range = book.xlsx.worksheet_range("Trend").unwrap();
    let caption = range.get_value((1, 0)).map(ToString::to_string).unwrap_or_default();
    assert!(caption.contains("räknas från 2018-K1"), "{caption}");
    assert!(caption.contains("kvartal före den första rapporten i inkorgen visas inte"), "{caption}");
}

#[test]
fn each_quarter_cell_is_the_historys_status_in_text_and_colour() {
    let run = sammanstall(&[]);
    let historik = &run.json["historik"];
    let mut book = Book::open(&run.workbook);
    let trend = book.table("Trend");
    let mut coloured = 0;
    for (row, insats) in historik["insatser"].as_array().unwrap().iter().enumerate() {
        assert_eq!(trend.text(row, "Insats"), insats["kortnamn"].as_str().unwrap());
        for lage in insats["kvartal"].as_array().unwrap() {
            let header = quarter(&lage["kvartal"]);
            let status = &lage["status"];
            if status.is_null() {
                assert_eq!(trend.text(row, &header), "", "not active: an empty cell");
                continue;
            }
            let mut text = status["text"].as_str().unwrap().to_string();
            if !status["bedomning"].is_null() {
                text.push_str(" †");
            }
            assert_eq!(trend.text(row, &header), text, "{header}");
            assert_eq!(book.fill(&trend, row, &header), status_fill(&status["status"]), "{text} in {header}");
            coloured += usize::from(status_fill(&status["status"]).is_some());
        }
    }
    assert!(coloured >= 30, "the samples' 18 insatser are judged in both quarters");
}

#[test]
fn spend_so_far_is_the_sum_of_the_quarters_spend() {
    let run = sammanstall(&[]);
    let mut book = Book::open(&run.workbook);
    let trend = book.table("Trend");
    for (row, insats) in run.json["historik"]["insatser"].as_array().unwrap().iter().enumerate() {
        let quarters = insats["kvartal"].as_array().unwrap();
        let spent: Decimal =
            quarters.iter().filter(|l| !l["utfall"].is_null()).map(|l| decimal(&l["utfall"])).sum();
        let budget: Decimal = quarters.iter().map(|l| decimal(&l["budget"])).sum();
        let name = insats["kortnamn"].as_str().unwrap();
        assert_eq!(Decimal::try_from(trend.number(row, "Utfall hittills")).unwrap(), spent, "{name}");
        assert_eq!(Decimal::try_from(trend.number(row, "Budget hittills")).unwrap(), budget, "{name}");
        assert_eq!(
            Decimal::try_from(trend.number(row, "Beviljat belopp")).unwrap(),
            decimal(&insats["beviljat_belopp"]),
            "{name}"
        );
    }
}

#[test]
fn att_folja_upp_lists_the_historys_lines_with_the_rule_in_red() {
    let run = sammanstall(&[]);
    let lines = run.json["historik"]["att_folja_upp"].as_array().unwrap();
    assert!(!lines.is_empty(), "the samples have something to follow up");
    let mut book = Book::open(&run.workbook);
    let table = book.table("AttFoljaUpp");
    assert_eq!(table.sheet, "Att följa upp");
    assert_eq!(table.columns, ["Insats", "Regel", "Skäl", "Kvartal"]);
    assert_eq!(table.rows.len(), lines.len());
    for (row, line) in lines.iter().enumerate() {
        let regel = Regel::ALL
            .into_iter()
            .find(|r| format!("{r:?}") == line["regel"].as_str().unwrap())
            .unwrap_or_else(|| panic!("unknown rule {}", line["regel"]));
        let quarters: Vec<String> = line["kvartal"].as_array().unwrap().iter().map(quarter).collect();
        assert_eq!(table.text(row, "Insats"), line["kortnamn"].as_str().unwrap());
        assert_eq!(table.text(row, "Regel"), regel.label());
        assert_eq!(table.text(row, "Skäl"), line["skal"].as_str().unwrap());
        assert_eq!(table.text(row, "Kvartal"), quarters.join(", "));
        assert_eq!(book.fill(&table, row, "Regel"), Some(RED));
    }
}

#[test]
fn the_summary_counts_the_insatser_to_follow_up() {
    let run = sammanstall(&[]);
    let lines = run.json["historik"]["att_folja_upp"].as_array().unwrap();
    let ids: std::collections::BTreeSet<&str> =
        lines.iter().map(|l| l["insats_id"].as_str().unwrap()).collect();
    let line = format!("\nAtt följa upp: {} insatser (se bladet Att följa upp).\n", ids.len());
    assert!(run.stdout.contains(&line), "{line} not in\n{}", run.stdout);
}

#[test]
fn diagram_adds_a_chart_of_the_insats_on_trend() {
    let without = sammanstall(&[]);
    let first = without.json["historik"]["insatser"][0]["id"].as_str().unwrap().to_string();
    let with = sammanstall(&[&first]);
    assert_eq!(charts(&with.workbook), charts(&without.workbook) + 1);
    let mut book = Book::open(&with.workbook);
    let series = book.table("TrendKvartal");
    assert_eq!(series.sheet, "Trend");
    let kortnamn = without.json["historik"]["insatser"][0]["kortnamn"].as_str().unwrap();
    let rows = (0..series.rows.len()).filter(|r| series.text(*r, "Insats") == kortnamn).count();
    assert_eq!(rows, 2, "one row per quarter for the chart to draw");
    // The same id twice is one chart; the output is the same bytes.
    let twice = sammanstall(&[&first, &first]);
    assert_eq!(std::fs::read(&twice.workbook).unwrap(), std::fs::read(&with.workbook).unwrap());
}

#[test]
fn an_unknown_id_is_said_in_swedish_and_the_run_goes_on() {
    let without = sammanstall(&[]);
    let unknown = sammanstall(&["2099:1"]);
    assert!(
        unknown.stdout.contains("\n--diagram 2099:1: ingen insats med det Id:t i perioden; inget diagram.\n"),
        "{}",
        unknown.stdout
    );
    assert_eq!(unknown.code, without.code);
    assert_eq!(unknown.code, 1, "the samples hold the memo's 2 Fel");
    assert_eq!(charts(&unknown.workbook), charts(&without.workbook));
    assert_eq!(std::fs::read(&unknown.workbook).unwrap(), std::fs::read(&without.workbook).unwrap());
}

/// The samples' follow-up for 2018-H1, from the library.
fn samples_h1() -> uppfoljning::aggregate::Sammanstallning {
    let (register, findings) =
        uppfoljning::register::read_register(&samples().join("register.xlsx")).unwrap();
    let inbox = uppfoljning::inbox::read_inbox(
        &uppfoljning::discover::discover(&[samples().join("rapporter")]).unwrap(),
    );
    let period = uppfoljning::period::Period::parse("2018-H1").unwrap();
    uppfoljning::aggregate::aggregate(
        &register,
        &findings,
        &inbox,
        period,
        chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
    )
}

/// The workbook's bytes in a file, for [`Book::open`] and [`charts`].
fn rendered(s: &uppfoljning::aggregate::Sammanstallning, dir: &tempfile::TempDir) -> PathBuf {
    let options = uppfoljning::render::xlsx::Options::default();
    let path = dir.path().join("bok.xlsx");
    std::fs::write(&path, uppfoljning::render::xlsx::workbook(s, None, &options).unwrap()).unwrap();
    path
}

#[test]
fn nothing_to_follow_up_is_one_line_saying_so() {
    let mut s = samples_h1();
    s.historik.att_folja_upp.clear();
    let dir = tempfile::tempdir().unwrap();
    let table = Book::open(&rendered(&s, &dir)).table("AttFoljaUpp");
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.text(0, "Insats"), "Inget att följa upp för perioden.");
}

#[test]
fn a_status_kansliet_overrode_is_marked_in_trend_too() {
    let mut s = samples_h1();
    let status = s.historik.insatser[0].kvartal[1].status.as_mut().unwrap();
    status.bedomning = Some("Avvikelserapport har kommit in.".into());
    let text = format!("{} †", status.text);
    let dir = tempfile::tempdir().unwrap();
    let trend = Book::open(&rendered(&s, &dir)).table("Trend");
    assert_eq!(trend.text(0, "2018-K2"), text);
}

#[test]
fn without_quarters_trend_says_there_is_no_history_and_draws_nothing() {
    let mut s = samples_h1();
    let dir = tempfile::tempdir().unwrap();
    let with_history = charts(&rendered(&s, &dir));
    s.historik.kvartal.clear();
    s.historik.forbund.clear();
    for insats in &mut s.historik.insatser {
        insats.kvartal.clear();
    }
    let path = rendered(&s, &dir);
    assert_eq!(charts(&path), with_history - 1, "no förbund chart");
    let mut book = Book::open(&path);
    assert_eq!(book.table("Trend").columns[1..], FIGURES);
    let range = book.xlsx.worksheet_range("Trend").unwrap();
    let said = range.cells().any(|(_, _, c)| c.to_string().starts_with("Ingen historik att visa"));
    assert!(said, "a line says there is no history");
}
