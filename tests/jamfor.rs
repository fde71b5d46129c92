//! Issue 14, compare with what the board got: `sammanstall --jamfor FIL`
//! lists every change since a named earlier workbook, and without it an
//! unchanged rerun keeps the previous run's list (and what it measured
//! from) instead of emptying it. Run as kansliet runs it, on a copy of the
//! samples with one answer changed (`common/edited_samples.rs`); the sheet
//! `Ändringar` read back with calamine, the JSON and the terminal checked.
//!
//! The child runs with `TZ=UTC` and the compared files' times are set
//! here, so the times the outputs name are known without a clock.

mod common;

#[allow(dead_code)]
#[path = "../examples/samples.rs"]
mod samples;

#[allow(dead_code)]
#[path = "common/edited_samples.rs"]
mod edited_samples;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use common::samples::samples;
use edited_samples::source;
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, SystemTime};
use uppfoljning::period::Kvartal;
use uppfoljning::template::Answer;

const WORKBOOK: &str = "Uppföljning 2018-H1.xlsx";
const JSON: &str = "ut.json";
const OSTHAMMAR: &str = "2017:58";
const K2_2018: Kvartal = Kvartal { ar: 2018, kvartal: 2 };
/// The file the board was sent: a copy of the first run's workbook.
const STYRELSEN: &str = "Styrelsen juni.xlsx";

/// A working folder with `register.xlsx` and `rapporter/` from the samples.
fn working_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(samples().join("register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    let rapporter = dir.path().join("rapporter");
    std::fs::create_dir(&rapporter).unwrap();
    for entry in std::fs::read_dir(samples().join("rapporter")).unwrap().flatten() {
        std::fs::copy(entry.path(), rapporter.join(entry.file_name())).unwrap();
    }
    dir
}

/// Östhammar's report for 2018-K2 written again with `start_i_tid`
/// answered "Kanske" (not one of the choices): a new Fel.
fn change_one_answer(dir: &Path) {
    let mut report = source().report(OSTHAMMAR, K2_2018).unwrap().clone();
    report.answers.insert("start_i_tid", Answer::Text("Kanske".into()));
    let (name, bytes) = source().workbook(&report).unwrap();
    let path = dir.join("rapporter").join(name);
    assert!(path.is_file(), "the changed report replaces the sample's");
    std::fs::write(path, bytes).unwrap();
}

/// `sammanstall` for 2018-H1 in `dir` with `args`, writing the JSON: (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run_as_given(dir, &[&["--period", "2018-H1", "--json", JSON], args].concat())
}

/// `sammanstall` in `dir` with `args` alone.
fn run_as_given(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("uppfoljning")
        .unwrap()
        .arg("sammanstall")
        .args(args)
        .env("TZ", "UTC")
        .current_dir(dir)
        .output()
        .unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (output.status.code().unwrap_or(-1), text(output.stdout), text(output.stderr))
}

/// A run that writes the workbook (the samples hold 2 Fel): its stdout.
fn run_ok(dir: &Path, args: &[&str]) -> String {
    let (code, stdout, stderr) = run(dir, args);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    stdout
}

/// Sets the time `path` was last saved to `day` at `hour`:`minute` UTC.
fn saved_at(path: &Path, (year, month, day): (i32, u32, u32), (hour, minute): (u32, u32)) {
    let at = chrono::NaiveDate::from_ymd_opt(year, month, day).unwrap().and_hms_opt(hour, minute, 0).unwrap();
    let seconds = u64::try_from(at.and_utc().timestamp()).unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)).unwrap();
}

/// The sheet `Ändringar` of the workbook at `path`: its heading (the line
/// under the title) and the rows of the table `Andringar`, as text.
fn andringar(path: &Path) -> (String, Vec<Vec<String>>) {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let sheet = book.worksheet_range("Ändringar").unwrap();
    let heading = sheet.get_value((1, 0)).map(Data::to_string).unwrap_or_default();
    book.load_tables().unwrap();
    let table = book.table_by_name("Andringar").unwrap();
    let rows = table.data().rows().map(|row| row.iter().map(Data::to_string).collect()).collect();
    (heading, rows)
}

fn json(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join(JSON)).unwrap()).unwrap()
}

/// The rows as the JSON spells them.
fn json_rows(document: &Value) -> Vec<Vec<String>> {
    let text = |row: &Value, key: &str| row[key].as_str().unwrap().to_string();
    let rows = document["andringar"].as_array().unwrap();
    rows.iter().map(|row| ["vad", "insats", "fore", "efter"].map(|key| text(row, key)).to_vec()).collect()
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn an_accidental_rerun_keeps_the_list_and_jamfor_lists_every_change_since_the_boards_workbook() {
    let dir = working_folder();
    let (workbook, styrelsen) = (dir.path().join(WORKBOOK), dir.path().join(STYRELSEN));

    // 1. The quarter's workbook, e-mailed to the board and kept as sent.
    run_ok(dir.path(), &[]);
    std::fs::copy(&workbook, &styrelsen).unwrap();
    saved_at(&styrelsen, (2026, 6, 15), (12, 0));
    saved_at(&workbook, (2026, 6, 16), (9, 30));
    let sent = bytes(&styrelsen);

    // 2. A styrgrupp sends a report with one answer changed: the changes are listed.
    change_one_answer(dir.path());
    let stdout = run_ok(dir.path(), &[]);
    let (heading, changed) = andringar(&workbook);
    let kinds: Vec<&str> = changed.iter().map(|row| row[0].as_str()).collect();
    assert!(kinds.contains(&"Ersatt rapport") && kinds.contains(&"Nytt fynd"), "{changed:#?}");
    assert_eq!(
        heading,
        "Vad som ändrats sedan Uppföljning 2018-H1.xlsx (sparad 2026-06-16 09:30): rapporter, statusar och fynd."
    );
    assert!(
        stdout.contains(&format!(
            "\n{} ändringar sedan förra körningen, Uppföljning 2018-H1.xlsx (sparad 2026-06-16 09:30):\n",
            changed.len()
        )),
        "{stdout}"
    );
    let document = json(dir.path());
    assert_eq!(json_rows(&document), changed);
    assert_eq!(
        document["jamforelse"],
        json!({"fil": WORKBOOK, "sparad": "2026-06-16 09:30", "behallen": false})
    );

    // 3. Run again by accident, nothing new: the list is intact and says so.
    saved_at(&workbook, (2026, 6, 17), (8, 0));
    let stdout = run_ok(dir.path(), &[]);
    let (heading, kept) = andringar(&workbook);
    assert_eq!(kept, changed, "the previous run's list is kept");
    assert_eq!(
        heading,
        "Inga nya ändringar sedan förra körningen; listan nedan är ändringarna sedan Uppföljning 2018-H1.xlsx \
         (sparad 2026-06-16 09:30) som förra körningen visade."
    );
    assert!(
        stdout.contains(&format!(
            "\nInga nya ändringar sedan förra körningen, Uppföljning 2018-H1.xlsx (sparad 2026-06-17 08:00). \
             Bladet Ändringar behåller förra körningens lista, {} ändringar sedan Uppföljning 2018-H1.xlsx \
             (sparad 2026-06-16 09:30):\n",
            changed.len()
        )),
        "{stdout}"
    );
    let document = json(dir.path());
    assert_eq!(json_rows(&document), changed);
    assert_eq!(
        document["jamforelse"],
        json!({"fil": WORKBOOK, "sparad": "2026-06-16 09:30", "behallen": true})
    );
    // And again: the same bytes, whenever the file was saved.
    let (before, before_json) = (bytes(&workbook), bytes(&dir.path().join(JSON)));
    saved_at(&workbook, (2026, 6, 18), (8, 0));
    run_ok(dir.path(), &[]);
    assert!(bytes(&workbook) == before, "an unchanged rerun gives the same workbook");
    assert!(bytes(&dir.path().join(JSON)) == before_json, "and the same JSON");

    // 4. Compared with the board's workbook: every change since it, which is it named.
    let stdout = run_ok(dir.path(), &["--jamfor", STYRELSEN]);
    let (heading, since_board) = andringar(&workbook);
    assert_eq!(since_board, changed, "the changes since the board's version are those since the first run");
    assert_eq!(
        heading,
        "Vad som ändrats sedan Styrelsen juni.xlsx (sparad 2026-06-15 12:00): rapporter, statusar och fynd."
    );
    assert!(
        stdout.contains(&format!(
            "\n{} ändringar sedan Styrelsen juni.xlsx (sparad 2026-06-15 12:00):\n",
            changed.len()
        )),
        "{stdout}"
    );
    assert_eq!(
        json(dir.path())["jamforelse"],
        json!({"fil": STYRELSEN, "sparad": "2026-06-15 12:00", "behallen": false})
    );
    assert!(bytes(&styrelsen) == sent, "the compared workbook is only read");

    // 5. An accidental rerun after that keeps the list since the board's version.
    run_ok(dir.path(), &[]);
    let (heading, kept) = andringar(&workbook);
    assert_eq!(kept, changed);
    assert_eq!(
        heading,
        "Inga nya ändringar sedan förra körningen; listan nedan är ändringarna sedan Styrelsen juni.xlsx \
         (sparad 2026-06-15 12:00) som förra körningen visade."
    );
}

#[test]
fn a_jamfor_that_is_missing_or_not_a_workbook_stops_the_run_and_leaves_every_file_as_it_was() {
    let dir = working_folder();
    run_ok(dir.path(), &[]);
    let (workbook, json_file) = (dir.path().join(WORKBOOK), dir.path().join(JSON));
    let (before, before_json) = (bytes(&workbook), bytes(&json_file));
    std::fs::write(dir.path().join("brev.xlsx"), "inte en arbetsbok").unwrap();
    let cases = [
        (
            "saknas.xlsx",
            "Fel: --jamfor saknas.xlsx: filen finns inte. Ange arbetsboken du vill jämföra med, t.ex. den som \
             skickades till styrelsen.\n",
        ),
        (
            "brev.xlsx",
            "Fel: --jamfor brev.xlsx: filen är inte en arbetsbok från uppfoljning, så den går inte att jämföra \
             med. Ange en arbetsbok som sammanstall har skrivit, t.ex. den som skickades till styrelsen.\n",
        ),
        (
            // A workbook, but another program's.
            "register.xlsx",
            "Fel: --jamfor register.xlsx: filen är inte en arbetsbok från uppfoljning, så den går inte att \
             jämföra med. Ange en arbetsbok som sammanstall har skrivit, t.ex. den som skickades till styrelsen.\n",
        ),
        (
            "rapporter",
            "Fel: --jamfor rapporter: filen är inte en arbetsbok från uppfoljning, så den går inte att jämföra \
             med. Ange en arbetsbok som sammanstall har skrivit, t.ex. den som skickades till styrelsen.\n",
        ),
    ];
    for (jamfor, expected) in cases {
        let (code, stdout, stderr) = run(dir.path(), &["--jamfor", jamfor]);
        assert_eq!(code, 2, "{jamfor}: {stdout}");
        assert_eq!(stderr, expected);
        assert!(bytes(&workbook) == before, "{jamfor}: the old workbook is untouched");
        assert!(bytes(&json_file) == before_json, "{jamfor}: the old JSON is untouched");
    }
}

#[test]
fn a_jamfor_workbook_of_another_period_is_refused() {
    let dir = working_folder();
    let (code, stdout, stderr) = run_as_given(dir.path(), &["--period", "2018-K1", "--ut", "K1.xlsx"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    run_ok(dir.path(), &[]);
    let before = bytes(&dir.path().join(WORKBOOK));
    let (code, _, stderr) = run(dir.path(), &["--jamfor", "K1.xlsx"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "Fel: --jamfor K1.xlsx: arbetsboken gäller en annan period (Uppföljning kvartal 1 2018) än den här \
         körningen (Uppföljning kvartal 1 och 2 2018). Ange arbetsboken för samma period, eller ange perioden \
         med --period.\n"
    );
    assert!(bytes(&dir.path().join(WORKBOOK)) == before);
}

#[test]
fn a_jamfor_workbook_without_the_compared_tables_is_refused() {
    let dir = working_folder();
    run_ok(dir.path(), &[]);
    let styrelsen = dir.path().join(STYRELSEN);
    let mut book = umya_spreadsheet::reader::xlsx::read(dir.path().join(WORKBOOK)).unwrap();
    for sheet in ["Källor", "Översikt", "Kontroll"] {
        book.remove_sheet_by_name(sheet).unwrap();
    }
    umya_spreadsheet::writer::xlsx::write(&book, &styrelsen).unwrap();
    let (code, _, stderr) = run(dir.path(), &["--jamfor", STYRELSEN]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "Fel: --jamfor Styrelsen juni.xlsx: arbetsboken saknar tabellerna Kallor, Oversikt och Kontroll (bladen \
         Källor, Översikt och Kontroll) som jämförelsen bygger på. Ange arbetsboken som sammanstall skrev, utan \
         borttagna blad.\n"
    );
}

#[test]
fn no_output_may_be_written_over_the_jamfor_workbook_but_the_workbook_itself() {
    let dir = working_folder();
    run_ok(dir.path(), &[]);
    std::fs::copy(dir.path().join(WORKBOOK), dir.path().join(STYRELSEN)).unwrap();
    let sent = bytes(&dir.path().join(STYRELSEN));
    let (code, _, stderr) =
        run_as_given(dir.path(), &["--period", "2018-H1", "--jamfor", STYRELSEN, "--json", STYRELSEN]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "Fel: --json Styrelsen juni.xlsx: det är arbetsboken som --jamfor jämför med, som verktyget läser. Välj \
         en annan fil, t.ex. --json sammanstallning.json.\n"
    );
    assert!(bytes(&dir.path().join(STYRELSEN)) == sent);

    // Comparing with the workbook the run replaces is what a run does anyway: allowed, and said.
    saved_at(&dir.path().join(WORKBOOK), (2026, 6, 16), (9, 30));
    let stdout = run_ok(dir.path(), &["--jamfor", WORKBOOK]);
    assert!(
        stdout.contains("\nInga ändringar sedan Uppföljning 2018-H1.xlsx (sparad 2026-06-16 09:30).\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "\n--jamfor är samma fil som arbetsboken: den jämfördes som den var före körningen och har nu ersatts.\n"
        ),
        "{stdout}"
    );
}

#[test]
fn a_workbook_written_before_the_record_keeps_its_list_on_an_unchanged_rerun() {
    let dir = working_folder();
    let workbook = dir.path().join(WORKBOOK);
    run_ok(dir.path(), &[]);
    change_one_answer(dir.path());
    run_ok(dir.path(), &[]);
    let (_, changed) = andringar(&workbook);
    // As the version before --jamfor wrote it: no record of what the list measures from.
    let mut book = umya_spreadsheet::reader::xlsx::read(&workbook).unwrap();
    book.properties_mut().custom_properties_mut().remove_custom_document_property_list();
    umya_spreadsheet::writer::xlsx::write(&book, &workbook).unwrap();

    let stdout = run_ok(dir.path(), &[]);
    let (heading, kept) = andringar(&workbook);
    assert_eq!(kept, changed);
    assert_eq!(
        heading,
        "Inga nya ändringar sedan förra körningen; listan nedan är ändringarna som förra körningen visade."
    );
    assert!(
        stdout.contains(&format!(
            "Bladet Ändringar behåller förra körningens lista, {} ändringar:\n",
            changed.len()
        )),
        "{stdout}"
    );
    assert_eq!(json(dir.path())["jamforelse"], json!({"fil": null, "sparad": null, "behallen": true}));
}
