//! The archive of other quarters (issue 7) on the samples' archive,
//! `samples/arkiv/` (samples/README.md, "The archive"): a run for 2018-H1
//! reads the quarters before it for history only, so its figures stay as
//! they are; each rule of `Att följa upp` fires for the insats the archive
//! was made to show it with; the checks across the quarters before the
//! period; an archive in one folder reads as one in quarter folders; a
//! setting in `Inställningar` moves a rule. Every run goes through the
//! command, as kansliet's do, and is read back from `--json` and from the
//! workbook's tables by name.

#[allow(dead_code)]
#[path = "../examples/samples.rs"]
mod samples;

use assert_cmd::Command;
use calamine::{Data, Xlsx, open_workbook};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use uppfoljning::aggregate::Regel;
use uppfoljning::finding::Code;
use uppfoljning::period::Kvartal;
use uppfoljning::template::{self, Answer};

const HABO: &str = "2017:14";
const HEBY: &str = "2017:33";
const EXTRATJANSTER: &str = "2017:09";
const EN_VAG_IN: &str = "2017:48";
const UNGDOMSSATSNINGEN: &str = "2016:61";
const FORREHABILITERANDE: &str = "2017:57";
const K2_2018: Kvartal = Kvartal { ar: 2018, kvartal: 2 };

/// The workbook's tables that hold the period's own figures (the memo's and
/// the overview): an archive must change none of them but spend since start.
const PERIOD_TABLES: [&str; 10] = [
    "Oversikt",
    "Insatser",
    "Mal",
    "Forutsattningar",
    "Budget",
    "Kvalitet",
    "Deltagare",
    "Avslut",
    "AvslutAndelar",
    "Fordelning",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn samples_dir() -> PathBuf {
    root().join("samples")
}

fn register() -> PathBuf {
    samples_dir().join("register.xlsx")
}

fn rapporter() -> PathBuf {
    samples_dir().join("rapporter")
}

fn arkiv() -> PathBuf {
    samples_dir().join("arkiv")
}

fn source() -> &'static samples::Source {
    static SOURCE: OnceLock<samples::Source> = OnceLock::new();
    SOURCE.get_or_init(|| {
        samples::Source::read(&samples_dir().join("source")).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// A table of the workbook: its column headers and rows.
#[derive(Debug, Clone, PartialEq)]
struct Table {
    columns: Vec<String>,
    rows: Vec<Vec<Data>>,
}

impl Table {
    fn col(&self, header: &str) -> usize {
        self.columns.iter().position(|c| c == header).unwrap_or_else(|| panic!("no column {header}"))
    }
}

/// One run of `sammanstall`, read back: the JSON and every table of the workbook.
struct Run {
    json: Value,
    tables: BTreeMap<String, Table>,
}

fn run(register: &Path, period: &str, inboxes: &[PathBuf]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let (workbook, json) = (dir.path().join("ut.xlsx"), dir.path().join("ut.json"));
    let output = Command::cargo_bin("uppfoljning")
        .unwrap()
        .arg("sammanstall")
        .arg("--register")
        .arg(register)
        .args(["--period", period])
        .arg("--ut")
        .arg(&workbook)
        .arg("--json")
        .arg(&json)
        .args(inboxes)
        .current_dir(dir.path())
        .output()
        .unwrap();
    // 1: the workbook was written and some report is missing or has a Fel.
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let json = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let mut book: Xlsx<_> = open_workbook(&workbook).unwrap();
    book.load_tables().unwrap();
    let names: Vec<String> = book.table_names().into_iter().cloned().collect();
    let tables = names
        .into_iter()
        .map(|name| {
            let table = book.table_by_name(&name).unwrap();
            let rows = table.data().rows().map(<[Data]>::to_vec).collect();
            (name, Table { columns: table.columns().to_vec(), rows })
        })
        .collect();
    Run { json, tables }
}

fn samples_run(period: &str, with_archive: bool) -> Run {
    let mut inboxes = vec![rapporter()];
    inboxes.extend(with_archive.then(arkiv));
    run(&register(), period, &inboxes)
}

fn h1_alone() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| samples_run("2018-H1", false))
}

fn h1_with_archive() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| samples_run("2018-H1", true))
}

fn h2_with_archive() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| samples_run("2018-H2", true))
}

fn k1_2019_with_archive() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| samples_run("2019-K1", true))
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_else(|| panic!("not a text: {value}"))
}

fn decimal(value: &Value) -> Decimal {
    text(value).parse().unwrap_or_else(|e| panic!("{value}: {e}"))
}

/// `{"ar": 2018, "kvartal": 1}` as `2018-K1`.
fn quarter(value: &Value) -> String {
    format!("{}-K{}", value["ar"], value["kvartal"])
}

fn code(finding: &Value) -> Code {
    let name = text(&finding["code"]);
    *Code::ALL.iter().find(|c| c.as_str() == name).unwrap_or_else(|| panic!("no code {name}"))
}

fn findings(run: &Run) -> Vec<Value> {
    run.json["fynd"].as_array().unwrap().clone()
}

/// What `b` has that `a` has not, counting repeats; panics when `a` has
/// something `b` has not.
fn added(a: &[Value], b: &[Value]) -> Vec<Value> {
    let mut rest = b.to_vec();
    for finding in a {
        let index = rest.iter().position(|f| f == finding);
        let index = index.unwrap_or_else(|| panic!("{finding} is gone with the archive"));
        rest.remove(index);
    }
    rest
}

// ---------------------------------------------------------------------------
// 2018-H1 with and without the archive

/// Spend of the archive's quarters up to 2018-K2, by insats: the newest
/// version of each quarter (the later `rapportdatum`) counts.
fn archive_spend_up_to_2018_k2() -> BTreeMap<String, Decimal> {
    let mut newest: BTreeMap<(String, Kvartal), (chrono::NaiveDate, Decimal)> = BTreeMap::new();
    for report in source().archive.iter().filter(|r| r.kvartal <= K2_2018) {
        let (Some(Answer::Date(day)), Some(Answer::Number(utfall))) =
            (report.answers.get("rapportdatum"), report.answers.get("utfall_kr"))
        else {
            panic!("{} {}: rapportdatum and utfall_kr", report.insats_id, report.kvartal)
        };
        let utfall = Decimal::try_from(*utfall).unwrap();
        let key = (report.insats_id.clone(), report.kvartal);
        if newest.get(&key).is_none_or(|(seen, _)| day > seen) {
            newest.insert(key, (*day, utfall));
        }
    }
    let mut spend = BTreeMap::new();
    for ((id, _), (_, utfall)) in newest {
        *spend.entry(id).or_default() += utfall;
    }
    spend
}

#[test]
fn the_archive_changes_no_figure_of_2018_h1_but_spend_since_start() {
    let (alone, with) = (h1_alone(), h1_with_archive());
    let extra = archive_spend_up_to_2018_k2();
    assert_eq!(
        extra.keys().map(String::as_str).collect::<Vec<_>>(),
        [UNGDOMSSATSNINGEN, EXTRATJANSTER, HABO, HEBY]
    );
    assert_eq!(
        extra[HABO],
        Decimal::from(262_000 + 326_800),
        "the corrected 2017-K4 counts, not the first version"
    );

    // The JSON: every insats's follow-up is the same but spend since start.
    let (mut before, after) = (alone.json["insatser"].clone(), &with.json["insatser"]);
    for insats in before.as_array_mut().unwrap() {
        let id = text(&insats["id"]).to_string();
        let since_start = &mut insats["budget"]["utfall_sedan_start"];
        let expected = decimal(since_start) + extra.get(&id).copied().unwrap_or_default();
        *since_start = Value::String(expected.to_string());
    }
    assert_eq!(&before, after);
    for key in ["period", "titel", "avslut", "fordelning", "installningar"] {
        assert_eq!(alone.json[key], with.json[key], "{key}");
    }

    // The workbook: the same tables, cell for cell, but `Utfall sedan start`.
    let kortnamn: BTreeMap<String, String> = after
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (text(&i["kortnamn"]).to_string(), text(&i["id"]).to_string()))
        .collect();
    for name in PERIOD_TABLES {
        let (mut before, after) = (alone.tables[name].clone(), &with.tables[name]);
        if name == "Budget" {
            let (insats, since_start) = (before.col("Insats"), before.col("Utfall sedan start"));
            for row in &mut before.rows {
                let Some(id) = kortnamn.get(&row[insats].to_string()) else { continue };
                let Data::Float(amount) = row[since_start] else { panic!("{name}: {:?}", row[since_start]) };
                let added: f64 = extra.get(id).map_or(0.0, |d| d.to_string().parse().unwrap());
                row[since_start] = Data::Float(amount + added);
            }
        }
        assert_eq!(&before, after, "table {name}");
    }
}

#[test]
fn the_corrected_2017_k4_report_is_the_only_new_finding_of_2018_h1() {
    let new = added(&findings(h1_alone()), &findings(h1_with_archive()));
    let [finding] = new.as_slice() else { panic!("one new finding, not {new:#?}") };
    assert_eq!(code(finding), Code::UtfallRattat);
    assert_eq!(finding["severity"], "Varning");
    assert_eq!(finding["file"], "2017-K4/2017-K4 Håbo, Framsteget (rättad).xlsx");
    assert_eq!(finding["insats_id"], HABO);
    assert_eq!(finding["field"], "utfall_kr");
    assert_eq!(
        finding["message"],
        "Utfallet för 2017-K4 har rättats från 341 200 kr till 326 800 kr: 2017-K4/2017-K4 Håbo, Framsteget \
         (rättad).xlsx ersätter 2017-K4/2017-K4 Håbo, Framsteget.xlsx. Utfall sedan start räknas med det rättade \
         beloppet. Kontrollera att rättelsen stämmer med ekonomin."
    );
    let kallor = with_archive_kallor();
    let first = kallor.iter().find(|k| k["fil"] == "2017-K4/2017-K4 Håbo, Framsteget.xlsx").unwrap();
    assert_eq!(
        (&first["status"], &first["kommentar"]),
        (&Value::from("Ersatt"), &Value::from("Ersatt av 2017-K4/2017-K4 Håbo, Framsteget (rättad).xlsx"))
    );
}

fn with_archive_kallor() -> Vec<Value> {
    h1_with_archive().json["kallor"].as_array().unwrap().clone()
}

#[test]
fn the_history_of_2018_h1_starts_with_the_archives_first_quarter() {
    let h = &h1_with_archive().json["historik"];
    let shown: Vec<String> = h["kvartal"].as_array().unwrap().iter().map(quarter).collect();
    assert_eq!(shown, ["2017-K3", "2017-K4", "2018-K1", "2018-K2"]);
    let alone: Vec<String> =
        h1_alone().json["historik"]["kvartal"].as_array().unwrap().iter().map(quarter).collect();
    assert_eq!(alone, ["2018-K1", "2018-K2"], "without an archive the history is the period");
    let habo = h["insatser"].as_array().unwrap().iter().find(|i| i["id"] == HABO).unwrap();
    let k4 = &habo["kvartal"][1];
    assert_eq!(
        (quarter(&k4["kvartal"]), text(&k4["fil"]), decimal(&k4["utfall"])),
        ("2017-K4".to_string(), "2017-K4/2017-K4 Håbo, Framsteget (rättad).xlsx", Decimal::from(326_800))
    );
    // IPS started 2017-07-01 but the archive holds none of its reports:
    // its quarters before its first report are unknown, not missing.
    let ips = h["insatser"].as_array().unwrap().iter().find(|i| i["id"] == "2017:21").unwrap();
    let statuses: Vec<&Value> = ips["kvartal"].as_array().unwrap().iter().map(|l| &l["status"]).collect();
    assert!(statuses[0].is_null() && statuses[1].is_null(), "{statuses:?}");
    assert_eq!(text(&statuses[2]["text"]), "Gul");
    assert_eq!(decimal(&ips["kvartal"][1]["hittills"]["budget"]), Decimal::ZERO, "no budget counted before");
}

// ---------------------------------------------------------------------------
// Each rule of Att följa upp, for the insats the archive shows it with

/// The line of `Att följa upp` for `id` and `regel`, with the quarters it rests on.
fn line<'r>(run: &'r Run, id: &str, regel: Regel) -> (&'r str, Vec<String>) {
    let lines = run.json["historik"]["att_folja_upp"].as_array().unwrap();
    let name = format!("{regel:?}");
    let found: Vec<&Value> =
        lines.iter().filter(|l| l["insats_id"] == id && l["regel"] == name.as_str()).collect();
    let [line] = found.as_slice() else { panic!("{id} {name}: {found:#?} among {lines:#?}") };
    (text(&line["skal"]), line["kvartal"].as_array().unwrap().iter().map(quarter).collect())
}

fn has_line(run: &Run, id: &str, regel: Regel) -> bool {
    let lines = run.json["historik"]["att_folja_upp"].as_array().unwrap();
    lines.iter().any(|l| l["insats_id"] == id && l["regel"] == format!("{regel:?}").as_str())
}

#[test]
fn red_in_quarters_running_lists_en_vag_in_in_2019_k1() {
    let (skal, quarters) = line(k1_2019_with_archive(), EN_VAG_IN, Regel::RodIRad);
    assert_eq!(quarters, ["2018-K1", "2018-K2", "2018-K3", "2018-K4", "2019-K1"]);
    assert_eq!(skal, "Helheten är röd 5 kvartal i rad: 2018-K1, 2018-K2, 2018-K3, 2018-K4 och 2019-K1.");
}

#[test]
fn a_forecast_of_nej_lists_en_vag_in_in_2019_k1() {
    let (skal, quarters) = line(k1_2019_with_archive(), EN_VAG_IN, Regel::PrognosNej);
    assert_eq!(quarters, ["2019-K1"], "2018-K3 and 2018-K4 said Ja");
    assert_eq!(
        skal,
        "Styrgruppens prognos är att målen inte nås (Nej) i 2019-K1. Kansliet bör föra en dialog med styrgruppen \
         om åtgärder eller om insatsen ska avbrytas."
    );
}

#[test]
fn spend_below_half_the_budget_lists_ungdomssatsningen_in_2018_h2() {
    let (skal, quarters) = line(h2_with_archive(), UNGDOMSSATSNINGEN, Regel::LagtUtfall);
    assert_eq!(quarters, ["2018-K1", "2018-K2", "2018-K3", "2018-K4"], "2017 spent over half its budget");
    assert_eq!(
        skal,
        "Utfallet är under 50 % av budget 4 kvartal i rad (2018-K1: 40,9 %; 2018-K2: 46,9 %; 2018-K3: 34,3 %; 2018-K4: 30,1 %)."
    );
}

#[test]
fn arbetsformedlingen_absent_all_of_2018_lists_ungdomssatsningen_in_2018_h2() {
    let (skal, quarters) = line(h2_with_archive(), UNGDOMSSATSNINGEN, Regel::PartFranvarande);
    assert_eq!(quarters, ["2018-K1", "2018-K2", "2018-K3", "2018-K4"], "a substitute came in 2017-K4");
    assert_eq!(
        skal,
        "Arbetsförmedlingen var inte närvarande vid styrgruppens möten 4 kvartal i rad (2018-K1, 2018-K2, 2018-K3 och \
         2018-K4): rapporterna anger Ingen närvarande."
    );
}

#[test]
fn reports_that_stop_list_forrehabiliterande_in_2019_k1() {
    let (skal, quarters) = line(k1_2019_with_archive(), FORREHABILITERANDE, Regel::RapportSaknas);
    assert_eq!(quarters, ["2018-K4", "2019-K1"], "its last report is of 2018-K3");
    assert_eq!(skal, "Ingen rapport har kommit in 2 kvartal i rad: 2018-K4 och 2019-K1.");
}

#[test]
fn spending_fast_lists_extratjanster_whose_grant_runs_out_in_2020_k1() {
    let (skal, quarters) = line(k1_2019_with_archive(), EXTRATJANSTER, Regel::MedlenTarSlut);
    assert_eq!(quarters, ["2018-K2", "2018-K3", "2018-K4", "2019-K1"], "the mean of the latest four");
    // (273 476 + 279 500 + 283 200 + 281 900) / 4 = 279 519 a quarter; spent since 2017-K3: 1 825 794;
    // five quarters left to 2020-K2: 1 825 794 + 5 × 279 519 − 2 835 000 = 388 389.
    assert_eq!(
        skal,
        "Med takten 279 519 kr per kvartal (snittet för 2018-K2, 2018-K3, 2018-K4 och 2019-K1) tar det beviljade \
         beloppet, 2 835 000 kr, slut under 2020-K1, men insatsen pågår till 2020-06-30. Vid den takten behövs \
         388 389 kr mer."
    );
}

#[test]
fn every_rule_fires_for_an_insats_of_the_archive() {
    let designed = [
        (k1_2019_with_archive(), EN_VAG_IN, Regel::RodIRad),
        (k1_2019_with_archive(), EN_VAG_IN, Regel::PrognosNej),
        (h2_with_archive(), UNGDOMSSATSNINGEN, Regel::LagtUtfall),
        (h2_with_archive(), UNGDOMSSATSNINGEN, Regel::PartFranvarande),
        (k1_2019_with_archive(), FORREHABILITERANDE, Regel::RapportSaknas),
        (k1_2019_with_archive(), EXTRATJANSTER, Regel::MedlenTarSlut),
    ];
    for regel in Regel::ALL {
        assert!(designed.iter().any(|(run, id, r)| *r == regel && has_line(run, id, regel)), "{regel:?}");
    }
    // Extratjänster spends within 120 % of its budget: never red, never low.
    for regel in [Regel::RodIRad, Regel::LagtUtfall] {
        assert!(!has_line(k1_2019_with_archive(), EXTRATJANSTER, regel), "{regel:?}");
    }
}

#[test]
fn the_archive_is_consistent_across_every_quarter_up_to_2019_k1() {
    // Every pair of quarters is checked in a run for 2019-K1 (the history's
    // before it, the period's own against 2018-K4): no finding but the
    // reports that are missing and the corrected report.
    for finding in findings(k1_2019_with_archive()) {
        assert!(matches!(code(&finding), Code::RapportSaknas | Code::UtfallRattat), "{finding:#}");
    }
}

// ---------------------------------------------------------------------------
// The checks across quarters before the period

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn an_inconsistent_quarter_before_the_period_is_a_finding_of_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let (inbox, archive) = (dir.path().join("rapporter"), dir.path().join("arkiv"));
    copy_tree(&rapporter(), &inbox);
    copy_tree(&arkiv(), &archive);
    // Extratjänster's 2017-K3 rewritten: 10 fewer women ongoing and 45 more
    // men since start than 2017-K4 follows from.
    let k3 = Kvartal { ar: 2017, kvartal: 3 };
    let [report] = source().archived(EXTRATJANSTER, k3)[..] else { panic!("one 2017-K3 report") };
    let mut answers = report.answers.clone();
    answers.insert("deltagare_pagaende_kvinnor", Answer::Number(110.0));
    answers.insert("deltagare_totalt_man", Answer::Number(170.0));
    let prefill = source().prefill(report).unwrap();
    let path = archive.join("2017-K3").join(template::file_name(&prefill));
    assert!(path.is_file(), "the altered report replaces the sample's");
    std::fs::write(&path, template::write_report(Some(&prefill), &answers).unwrap()).unwrap();

    let s = run(&register(), "2018-H1", &[inbox, archive]);
    let new = added(&findings(h1_with_archive()), &findings(&s));
    let [ongoing, total] = new.as_slice() else { panic!("two new findings, not {new:#?}") };
    let k4_file = "2017-K4/2017-K4 Uppsala, Strukturellt och individuellt utvecklingsarbete-utvärdering av \
                   Extratjänster.xlsx";
    assert_eq!(code(ongoing), Code::PagaendeStammerEj);
    assert_eq!((text(&ongoing["file"]), text(&ongoing["field"])), (k4_file, "deltagare_pagaende_kvinnor"));
    assert_eq!(
        ongoing["message"],
        "Pågående kvinnor (150) stämmer inte med förra kvartalet: 110 pågående i 2017-K3 plus 30 nya minus 0 \
         avslutade ger 140. Rätta siffrorna i den rapport som är fel."
    );
    assert_eq!(code(total), Code::TotaltMinskar);
    assert_eq!((text(&total["file"]), text(&total["field"])), (k4_file, "deltagare_totalt_man"));
    assert_eq!(
        total["message"],
        "Deltagare totalt sedan start (män) har minskat från 170 i 2017-K3 till 160 i 2017-K4. Totalt sedan start \
         kan inte minska; rätta siffrorna i den rapport som är fel."
    );
    // History only: the period's figures are those of the consistent archive.
    assert_eq!(s.json["insatser"], h1_with_archive().json["insatser"]);
}

// ---------------------------------------------------------------------------
// One folder or a folder per quarter

/// `value` with every quarter folder (`2017-K4/`) taken out of its texts
/// and the files' modification days left out (a copy is made today).
fn without_folders(value: &Value) -> Value {
    match value {
        Value::String(s) => Value::String(strip_quarter_folders(s)),
        Value::Array(items) => Value::Array(items.iter().map(without_folders).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), if k == "andrad" { Value::Null } else { without_folders(v) }))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// "2017-K4/2017-K4 Håbo.xlsx" → "2017-K4 Håbo.xlsx": every `ÅÅÅÅ-KN/` out.
fn strip_quarter_folders(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let folder = |at: usize| {
        let shape = "0000-K0/";
        chars.len() >= at + shape.len()
            && shape
                .chars()
                .zip(&chars[at..])
                .all(|(s, c)| if s == '0' { c.is_ascii_digit() } else { s == *c })
    };
    let mut out = String::new();
    let mut at = 0;
    while at < chars.len() {
        if folder(at) {
            at += 8;
        } else {
            out.push(chars[at]);
            at += 1;
        }
    }
    out
}

#[test]
fn an_archive_in_one_folder_reads_as_one_in_quarter_folders() {
    let dir = tempfile::tempdir().unwrap();
    let flat = dir.path().join("arkiv");
    std::fs::create_dir(&flat).unwrap();
    for folder in std::fs::read_dir(arkiv()).unwrap().flatten() {
        for file in std::fs::read_dir(folder.path()).unwrap().flatten() {
            std::fs::copy(file.path(), flat.join(file.file_name())).unwrap();
        }
    }
    let in_folders = without_folders(&k1_2019_with_archive().json);
    let in_one = without_folders(&run(&register(), "2019-K1", &[rapporter(), flat]).json);
    assert_eq!(in_one, in_folders);
    assert_ne!(k1_2019_with_archive().json, in_folders, "the names did have folders");
}

// ---------------------------------------------------------------------------
// A setting in Inställningar

/// The samples' register with one row in `Inställningar`.
fn register_with(dir: &Path, setting: &str, value: &str) -> PathBuf {
    assert!(uppfoljning::register::SETTINGS.iter().any(|(name, _, _)| *name == setting), "{setting}");
    let mut source = samples::Source::read(&samples_dir().join("source")).unwrap_or_else(|e| panic!("{e}"));
    source.register.sheets.push(samples::Sheet {
        name: "Inställningar",
        headers: vec!["Inställning".into(), "Värde".into()],
        rows: vec![vec![samples::Cell::Text(setting.into()), samples::Cell::Text(value.into())]],
    });
    let path = dir.join("register.xlsx");
    std::fs::write(&path, samples::register_workbook(&source.register).unwrap()).unwrap();
    path
}

#[test]
fn three_quarters_in_a_row_drops_a_rule_that_rests_on_two() {
    let dir = tempfile::tempdir().unwrap();
    let register = register_with(dir.path(), "Följ upp efter antal kvartal i rad", "3");
    let s = run(&register, "2019-K1", &[rapporter(), arkiv()]);
    assert_eq!(s.json["installningar"]["folj_upp_kvartal_i_rad"], 3);
    assert!(has_line(k1_2019_with_archive(), FORREHABILITERANDE, Regel::RapportSaknas));
    assert!(!has_line(&s, FORREHABILITERANDE, Regel::RapportSaknas), "two quarters missing are not three");
    // Runs of three quarters or more stay, and a forecast needs no run.
    assert_eq!(line(&s, "2017:46", Regel::RapportSaknas).1, ["2018-K3", "2018-K4", "2019-K1"]);
    assert_eq!(line(&s, EN_VAG_IN, Regel::RodIRad), line(k1_2019_with_archive(), EN_VAG_IN, Regel::RodIRad));
    assert!(has_line(&s, EN_VAG_IN, Regel::PrognosNej));
    // The period's own figures do not depend on the rules' settings.
    assert_eq!(s.json["insatser"], k1_2019_with_archive().json["insatser"]);
}

#[test]
fn a_lower_share_for_low_spend_drops_ungdomssatsningens_line() {
    let dir = tempfile::tempdir().unwrap();
    let register = register_with(dir.path(), "Följ upp utfall under", "30 %");
    let s = run(&register, "2018-H2", &[rapporter(), arkiv()]);
    // 2018-K4's 158 000 kr of 525 500 kr is 30.07 %: not under 30 %.
    assert!(has_line(h2_with_archive(), UNGDOMSSATSNINGEN, Regel::LagtUtfall));
    assert!(!has_line(&s, UNGDOMSSATSNINGEN, Regel::LagtUtfall));
}

// ---------------------------------------------------------------------------
// The document for kansliet

#[test]
fn the_history_document_explains_every_rule_with_its_setting() {
    let doc = std::fs::read_to_string(root().join("docs/historik.md")).unwrap();
    for regel in Regel::ALL {
        assert!(
            doc.contains(&format!("### {}", regel.label())),
            "docs/historik.md: no section {}",
            regel.label()
        );
    }
    for (name, _, default) in
        uppfoljning::register::SETTINGS.iter().filter(|(n, _, _)| n.starts_with("Följ upp"))
    {
        assert!(doc.contains(&format!("`{name}`")), "docs/historik.md does not name the setting {name}");
        assert!(doc.contains(&format!("{name}` (standard {default})")), "{name}: its default {default}");
    }
    for code in [Code::UtfallRattat, Code::PagaendeStammerEj, Code::TotaltMinskar] {
        assert!(doc.contains(code.as_str()), "docs/historik.md does not explain {}", code.as_str());
    }
    let regler = std::fs::read_to_string(root().join("docs/regler.md")).unwrap();
    assert!(regler.contains("(historik.md)"), "docs/regler.md links to docs/historik.md");
}

#[test]
fn a_later_report_beyond_the_grant_known_at_the_periods_end_is_another_periods() {
    // Ungdomssatsningen ends 2018-12-31; a Förlängning dated 2018-09-20 (after
    // 2018-H1) moves the end to 2019-12-31, and its 2019-K1 report is in the
    // inbox. Seen from 2018-H1 that quarter is outside the grant, but it is a
    // later period's report, not a Fel of this run.
    let dir = tempfile::tempdir().unwrap();
    let mut source = samples::Source::read(&samples_dir().join("source")).unwrap_or_else(|e| panic!("{e}"));
    let beslut = source.register.sheets.iter_mut().find(|s| s.name == "Beslut").unwrap();
    let date = |text: &str| samples::Cell::Date(text.parse().unwrap());
    beslut.rows.push(vec![
        samples::Cell::Text(UNGDOMSSATSNINGEN.into()),
        date("2018-09-20"),
        samples::Cell::Text("Förlängning".into()),
        samples::Cell::Empty,
        date("2019-12-31"),
        samples::Cell::Text("Förlängt ett år".into()),
    ]);
    let register = dir.path().join("register.xlsx");
    std::fs::write(&register, samples::register_workbook(&source.register).unwrap()).unwrap();
    let k4 = Kvartal { ar: 2018, kvartal: 4 };
    let [report] = source.archived(UNGDOMSSATSNINGEN, k4)[..] else { panic!("one 2018-K4 report") };
    let mut later = (*report).clone();
    later.kvartal = Kvartal { ar: 2019, kvartal: 1 };
    // Dated after its quarter, as a real 2019-K1 report is (kvartal-ej-slut otherwise).
    let dated = chrono::NaiveDate::from_ymd_opt(2019, 4, 15).unwrap();
    later.answers.insert("rapportdatum", template::Answer::Date(dated));
    let prefill = source.prefill(&later).unwrap();
    let inbox = dir.path().join("senare");
    std::fs::create_dir(&inbox).unwrap();
    let file = template::file_name(&prefill);
    std::fs::write(inbox.join(&file), template::write_report(Some(&prefill), &later.answers).unwrap())
        .unwrap();

    let s = run(&register, "2018-H1", &[rapporter(), inbox]);
    assert_eq!(findings(&s), findings(h1_alone()), "no finding about the 2019-K1 report");
    let kalla = s.json["kallor"].as_array().unwrap().iter().find(|k| k["fil"] == file.as_str()).unwrap();
    assert_eq!(kalla["status"], "AnnanPeriod");
}
