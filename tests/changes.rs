//! What changed since the last run, as kansliet meets it: the correction
//! loop on a copy of the samples (run; break two reports; run; fix one;
//! run; run again unchanged, which keeps the list), read back from the sheet `Ändringar`, the
//! JSON and the terminal; and the files at the workbook's path that are
//! not a previous run of the period (another file, another period, a
//! person's edits, an input file).

#[allow(dead_code)]
#[path = "../examples/samples.rs"]
mod samples;

use assert_cmd::Command;
use calamine::{Data, Xlsx, open_workbook};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use uppfoljning::period::Kvartal;
use uppfoljning::template::{self, Answer};

const WORKBOOK: &str = "Uppföljning 2018-H1.xlsx";
const JSON: &str = "ut.json";
const K2: Kvartal = Kvartal { ar: 2018, kvartal: 2 };
const GESAM: &str = "2017:46";
const HEBY: &str = "2017:33";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// A working folder with `register.xlsx` and `rapporter/` from the samples.
fn working_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("samples/register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    copy_dir(&root().join("samples/rapporter"), &dir.path().join("rapporter"));
    dir
}

/// `sammanstall --json ut.json` in `dir`, with `args`: (exit code, stdout, stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("uppfoljning")
        .unwrap()
        .args(["sammanstall", "--json", JSON])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (output.status.code().unwrap_or(-1), text(output.stdout), text(output.stderr))
}

/// Every file of the inbox with its bytes.
fn inbox(dir: &Path) -> Vec<(std::ffi::OsString, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("rapporter"))
        .unwrap()
        .flatten()
        .map(|e| (e.file_name(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// One run for 2018-H1 that writes the workbook and the feedback: its
/// stdout. The inbox is byte for byte the same after the run as before.
fn run(dir: &Path) -> String {
    let before = inbox(dir);
    let (code, stdout, stderr) = run_in(dir, &["--period", "2018-H1", "--aterkoppling", "aterkoppling"]);
    assert!(inbox(dir) == before, "sammanstall must not write, rename or move any input file");
    assert_eq!(code, 1, "the samples hold 2 Fel\n{stdout}{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(stdout.contains("Återkoppling: "), "{stdout}");
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("Klart på ") && last.ends_with(" s."),
        "the time taken ends the summary:\n{stdout}"
    );
    stdout
}

/// The rows of the table `name` in the workbook at `path`, as text.
fn table(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.load_tables().unwrap();
    let table = book.table_by_name(name).unwrap();
    table.data().rows().map(|row| row.iter().map(Data::to_string).collect()).collect()
}

fn andringar(dir: &Path) -> Vec<Vec<String>> {
    table(&dir.join(WORKBOOK), "Andringar")
}

/// The change rows as (Vad, Insats).
fn kinds(rows: &[Vec<String>]) -> Vec<(&str, &str)> {
    rows.iter().map(|row| (row[0].as_str(), row[1].as_str())).collect()
}

fn json(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join(JSON)).unwrap()).unwrap()
}

fn bytes(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    (std::fs::read(dir.join(WORKBOOK)).unwrap(), std::fs::read(dir.join(JSON)).unwrap())
}

/// The sample report of `id` for 2018-K2 without its `uppgiftslamnare` (a
/// required answer: one Fel, no area's status changes), dated `rapportdatum`
/// if given: (its file name in the samples, its bytes).
fn broken_report(id: &str, rapportdatum: Option<NaiveDate>) -> (String, Vec<u8>) {
    let source = samples::Source::read(&root().join("samples/source")).unwrap();
    let report = source.report(id, K2).unwrap();
    let prefill = source.prefill(report).unwrap();
    let mut answers = report.answers.clone();
    answers.remove("uppgiftslamnare");
    if let Some(date) = rapportdatum {
        answers.insert("rapportdatum", Answer::Date(date));
    }
    (template::file_name(&prefill), template::write_report(Some(&prefill), &answers).unwrap())
}

#[test]
fn the_correction_loop_shows_what_changed_each_run() {
    let dir = working_folder();
    let rapporter = dir.path().join("rapporter");

    // 1. The first run of the period has nothing to compare with.
    let stdout = run(dir.path());
    assert!(stdout.contains("\nFörsta körningen för perioden – inget att jämföra med.\n"), "{stdout}");
    assert_eq!(
        andringar(dir.path()),
        [["Första körningen för perioden – inget att jämföra med.", "", "", ""]]
    );
    assert_eq!(json(dir.path())["andringar"], serde_json::Value::Null);

    // 2. GESAM's report is replaced by a broken one under the same name; a
    // broken, newer Heby report arrives beside the old one.
    let (gesam, broken) = broken_report(GESAM, None);
    std::fs::write(rapporter.join(&gesam), broken).unwrap();
    let (heby, broken) = broken_report(HEBY, NaiveDate::from_ymd_opt(2018, 7, 20));
    let heby_v2 = heby.replace(".xlsx", " v2.xlsx");
    std::fs::write(rapporter.join(&heby_v2), broken).unwrap();
    let stdout = run(dir.path());
    let rows = andringar(dir.path());
    let (gesam_name, heby_name) = ("GESAM", "Heby, Individstöd i samverkan");
    for expected in [
        ("Ersatt rapport", gesam_name),
        ("Ersatt rapport", heby_name),
        ("Status ändrad: Rapport", gesam_name),
        ("Status ändrad: Rapport", heby_name),
        ("Nytt fynd", gesam_name),
        ("Nytt fynd", heby_name),
    ] {
        assert!(kinds(&rows).contains(&expected), "{expected:?} in {rows:#?}");
    }
    let row = |vad: &str, insats: &str| rows.iter().find(|r| r[0] == vad && r[1] == insats).unwrap().clone();
    // The new Heby report is said once, as what replaced the old one.
    assert!(!kinds(&rows).contains(&("Ny rapport", heby_name)), "{rows:#?}");
    assert_eq!(
        row("Ersatt rapport", heby_name)[2..],
        [format!("{heby} (Använd)"), format!("{heby_v2} (Använd)")]
    );
    let replaced = row("Ersatt rapport", gesam_name);
    assert!(replaced[2].starts_with(&format!("{gesam} (Använd, SHA-256 ")), "{replaced:?}");
    assert_ne!(replaced[2], replaced[3], "the fingerprints tell the versions apart");
    assert_eq!(row("Status ändrad: Rapport", gesam_name)[2..], ["Inkommen", "Fel"]);
    let new_finding = row("Nytt fynd", gesam_name);
    assert!(new_finding[3].starts_with(&format!("{gesam}, cell ")), "{new_finding:?}");
    assert!(new_finding[3].contains("Uppgiftslämnare"), "{new_finding:?}");
    assert!(
        !kinds(&rows)
            .iter()
            .any(|(vad, _)| vad.starts_with("Status ändrad: ") && *vad != "Status ändrad: Rapport")
    );
    assert!(
        stdout.contains(&format!("\n{} ändringar sedan förra körningen, {WORKBOOK} (sparad ", rows.len())),
        "{stdout}"
    );
    assert!(stdout.contains("\n  Status ändrad: Rapport – GESAM: Inkommen → Fel\n"), "{stdout}");
    let in_json = json(dir.path())["andringar"].as_array().unwrap().len();
    assert_eq!(in_json, rows.len(), "the JSON carries the same list");
    // The feedback to each of the two styrgrupper names exactly the broken field and its cell.
    let cell =
        template::field_cells().into_iter().find(|(n, _)| *n == "uppgiftslamnare").unwrap().1.first.to_a1();
    for insats in ["GESAM", "Heby, Individstöd i samverkan"] {
        let text =
            std::fs::read_to_string(dir.path().join(format!("aterkoppling/2018-K2 {insats}.txt"))).unwrap();
        let problems: Vec<&str> = text.lines().filter(|l| l.starts_with("- ")).collect();
        assert_eq!(problems.len(), 1, "{text}");
        assert!(
            problems[0].starts_with(&format!("- Rapport!{cell}: Svaret på \"Uppgiftslämnare\" saknas.")),
            "{text}"
        );
    }

    // 3. GESAM sends its report again, corrected: one finding fixed, one status changed.
    std::fs::copy(root().join("samples/rapporter").join(&gesam), rapporter.join(&gesam)).unwrap();
    run(dir.path());
    let rows = andringar(dir.path());
    assert_eq!(
        kinds(&rows),
        [
            ("Ersatt rapport", gesam_name),
            ("Status ändrad: Rapport", gesam_name),
            ("Fynd åtgärdat", gesam_name)
        ],
        "{rows:#?}"
    );
    assert_eq!(rows[1][2..], ["Fel", "Inkommen"]);
    assert!(!dir.path().join("aterkoppling/2018-K2 GESAM.txt").exists(), "fixed: no message any more");
    assert!(dir.path().join("aterkoppling/2018-K2 Heby, Individstöd i samverkan.txt").exists());
    assert!(rows[2][2].contains("Uppgiftslämnare") && rows[2][3].is_empty(), "{rows:#?}");
    let after_fix = json(dir.path());

    // 4. Unchanged: nothing new, so the list of the run before is kept;
    // only whether it is kept differs from the run before.
    let stdout = run(dir.path());
    assert!(
        stdout.contains(&format!("\nInga nya ändringar sedan förra körningen, {WORKBOOK} (sparad ")),
        "{stdout}"
    );
    assert_eq!(andringar(dir.path()), rows);
    let mut unchanged = json(dir.path());
    assert_eq!(unchanged["andringar"], after_fix["andringar"]);
    assert_eq!(unchanged["jamforelse"]["behallen"], serde_json::json!(true));
    unchanged["jamforelse"]["behallen"] = serde_json::json!(false);
    assert_eq!(unchanged, after_fix);

    // 5. And again: the same bytes as the run before.
    let before = bytes(dir.path());
    run(dir.path());
    assert!(bytes(dir.path()) == before, "an unchanged rerun gives the same workbook and JSON");
}

#[test]
fn a_foreign_workbook_at_the_target_is_not_compared_and_is_replaced() {
    let dir = working_folder();
    // Another program's workbook under the output's name: the register, say.
    std::fs::copy(dir.path().join("register.xlsx"), dir.path().join(WORKBOOK)).unwrap();
    let stdout = run(dir.path());
    assert!(
        stdout.contains(&format!(
            "\nIngen jämförelse: den tidigare filen {WORKBOOK} var inte en arbetsbok från uppfoljning och har \
             ersatts.\n"
        )),
        "{stdout}"
    );
    assert_eq!(andringar(dir.path())[0][0], "Första körningen för perioden – inget att jämföra med.");
    assert_eq!(json(dir.path())["andringar"], serde_json::Value::Null);
}

#[test]
fn a_foreign_file_at_the_target_stays_when_the_run_fails() {
    let dir = working_folder();
    std::fs::write(dir.path().join(WORKBOOK), "någon annans fil").unwrap();
    // The JSON cannot be written (its path is a folder): nothing is replaced.
    std::fs::create_dir(dir.path().join(JSON)).unwrap();
    let (code, stdout, stderr) = run_in(dir.path(), &["--period", "2018-H1"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert_eq!(std::fs::read(dir.path().join(WORKBOOK)).unwrap(), b"n\xc3\xa5gon annans fil");
}

#[test]
fn the_workbook_of_another_period_is_not_compared() {
    let dir = working_folder();
    let (code, _, stderr) = run_in(dir.path(), &["--ut", "Styrelsen.xlsx", "--period", "2018-K1"]);
    assert_eq!(code, 1, "{stderr}");
    let (code, stdout, _) = run_in(dir.path(), &["--ut", "Styrelsen.xlsx", "--period", "2018-H1"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains(
            "\nIngen jämförelse: den tidigare filen Styrelsen.xlsx gällde en annan period (Uppföljning kvartal 1 \
             2018) och har ersatts.\n"
        ),
        "{stdout}"
    );
    assert_eq!(
        table(&dir.path().join("Styrelsen.xlsx"), "Andringar")[0][0],
        "Första körningen för perioden – inget att jämföra med."
    );
}

#[test]
fn a_workbook_edited_by_a_person_is_compared_as_far_as_its_tables_go() {
    let dir = working_folder();
    run(dir.path());
    let path = dir.path().join(WORKBOOK);
    // In Excel: GESAM's Mål typed over, and the sheet Kontroll deleted.
    let (sheet, cell) = cell_of(&path, "Oversikt", "GESAM", "Mål");
    let mut book = umya_spreadsheet::reader::xlsx::read(&path).unwrap();
    let computed = book.sheet_by_name(&sheet).unwrap().value(cell.as_str());
    let typed = if computed == "Grön" { "Gul" } else { "Grön" };
    book.sheet_by_name_mut(&sheet).unwrap().cell_mut(cell.as_str()).set_value(typed);
    book.remove_sheet_by_name("Kontroll").unwrap();
    umya_spreadsheet::writer::xlsx::write(&book, &path).unwrap();

    run(dir.path());
    assert_eq!(
        andringar(dir.path()),
        [
            vec![
                "Ej jämfört".to_string(),
                String::new(),
                "Tabellen Kontroll saknas i förra arbetsboken eller kunde inte läsas; fynden jämfördes inte."
                    .to_string(),
                String::new(),
            ],
            vec!["Status ändrad: Mål".to_string(), "GESAM".to_string(), typed.to_string(), computed],
        ]
    );
}

#[test]
fn a_cell_far_out_on_a_sheet_of_the_previous_workbook_does_not_take_the_run_down() {
    let dir = working_folder();
    run(dir.path());
    let path = dir.path().join(WORKBOOK);
    let mut book = umya_spreadsheet::reader::xlsx::read(&path).unwrap();
    book.sheet_by_name_mut("Kontroll").unwrap().cell_mut("XFD1048576").set_value("x");
    umya_spreadsheet::writer::xlsx::write(&book, &path).unwrap();

    run(dir.path());
    let rows = andringar(dir.path());
    assert_eq!(kinds(&rows), [("Ej jämfört", "")], "{rows:#?}");
    assert!(rows[0][2].starts_with("Tabellen Kontroll "), "{rows:#?}");
}

#[test]
fn an_output_that_would_replace_an_input_is_refused() {
    let dir = working_folder();
    let register = std::fs::read(dir.path().join("register.xlsx")).unwrap();
    let (code, stdout, stderr) = run_in(dir.path(), &["--ut", "register.xlsx", "--period", "2018-H1"]);
    assert_eq!(code, 2, "{stdout}");
    assert_eq!(
        stderr,
        "Fel: --ut register.xlsx: det är registret, som verktyget läser. Välj en annan fil, t.ex. --ut \
         sammanstallning.xlsx.\n"
    );
    assert_eq!(std::fs::read(dir.path().join("register.xlsx")).unwrap(), register);

    let before = inbox(dir.path());
    let report = "rapporter/2018-K2 GESAM.xlsx";
    let (code, _, stderr) = run_in(dir.path(), &["--ut", report, "--period", "2018-H1"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(&format!("Fel: --ut {report}: filen ligger i rapportmappen rapporter")),
        "{stderr}"
    );
    assert!(inbox(dir.path()) == before, "the report is as it was");
}

/// The sheet and A1 address of `header` in the row of `insats` of `table`.
fn cell_of(path: &Path, table: &str, insats: &str, header: &str) -> (String, String) {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.load_tables().unwrap();
    let table = book.table_by_name(table).unwrap();
    let column = table.columns().iter().position(|c| c == header).unwrap();
    let insats_column = table.columns().iter().position(|c| c == "Insats").unwrap();
    let row = table.data().rows().position(|r| r[insats_column] == insats).unwrap();
    let (first_row, first_col) = table.data().start().unwrap();
    let position = uppfoljning::workbook::Position::new(first_row + row as u32, first_col + column as u32);
    (table.sheet_name().to_string(), position.to_a1())
}
