//! Text from a report reaches people safely: escape sequences and other
//! controls never reach the terminal raw, and a personal identity number in
//! a sheet name or a file name reaches no output at all.

mod common;

use assert_cmd::Command;
use calamine::{Reader, open_workbook_auto};
use common::gallery::zip::rewrite;
use common::minimal_report::{MinimalReport, SHEET, text};
use common::register_book::RegisterBook;
use std::path::Path;

const PNR: &str = "811218-9876";
/// Repaints the line and prints a green "Godkänd" on a terminal that obeys it.
const REPAINT: &str = "\r\u{1b}[2K\u{1b}[32mGodkänd\u{1b}[0m\u{9b}0m";

/// A report whose answers lie on a sheet named after a person, with a count
/// that carries escape sequences (so a message quotes them), in a file whose
/// name carries them too.
fn write_hostile_report(dir: &Path) -> String {
    let plain = dir.join("plain.xlsx");
    MinimalReport::valid().set("deltagare_nya_kvinnor", text(&format!("3{REPAINT}"))).write(&plain);
    let sheet = format!("Blad {PNR}");
    let name = format!("2018-K2 Heby {PNR}{REPAINT}.xlsx");
    rewrite(
        &plain,
        &dir.join(&name),
        |part, bytes| {
            if part != "xl/workbook.xml" {
                return Some(bytes);
            }
            let xml = String::from_utf8(bytes).unwrap();
            assert!(xml.contains(&format!("name=\"{SHEET}\"")), "{xml}");
            let xml = xml
                .replace(&format!("name=\"{SHEET}\""), &format!("name=\"{sheet}\""))
                .replace(&format!("{SHEET}!"), &format!("'{sheet}'!"));
            Some(xml.into_bytes())
        },
        Vec::new(),
    );
    std::fs::remove_file(plain).unwrap();
    name
}

/// No control character but line feeds, and no trace of the number.
fn assert_safe(what: &str, text: &str) {
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{what}: {text:?}");
    assert!(!text.contains("9876"), "{what} shows the personal identity number: {text}");
}

#[test]
fn kontrollera_prints_no_escape_sequence_and_no_personal_identity_number() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("rapporter");
    std::fs::create_dir(&inbox).unwrap();
    write_hostile_report(&inbox);
    let register = RegisterBook::good().write(dir.path());
    let output = Command::cargo_bin("uppfoljning")
        .unwrap()
        .arg("kontrollera")
        .arg("--register")
        .arg(&register)
        .arg(&inbox)
        .output()
        .unwrap();
    let (out, err) = (String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap());
    assert_eq!(output.status.code(), Some(1), "{out}{err}");
    assert_safe("stdout", &out);
    assert_safe("stderr", &err);
    // The value is still quoted, its controls shown as replacements.
    assert!(out.contains("3\u{FFFD}\u{FFFD}[2K\u{FFFD}[32mGodkänd"), "{out}");
    assert!(out.contains("Blad [personnummer borttaget]"), "{out}");
}

#[test]
fn sammanstall_keeps_a_personal_identity_number_in_a_sheet_name_out_of_the_json_and_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("rapporter");
    std::fs::create_dir(&inbox).unwrap();
    write_hostile_report(&inbox);
    let register = RegisterBook::good().write(dir.path());
    let (workbook, json) = (dir.path().join("ut.xlsx"), dir.path().join("ut.json"));
    let output = Command::cargo_bin("uppfoljning")
        .unwrap()
        .args(["sammanstall", "--period", "2018-K2", "--register"])
        .arg(&register)
        .arg("--ut")
        .arg(&workbook)
        .arg("--json")
        .arg(&json)
        .arg(&inbox)
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert_safe("stdout", &out);
    let json = std::fs::read_to_string(&json).unwrap();
    assert!(!json.contains("9876"), "{json}");
    assert!(json.contains("Blad [personnummer borttaget]"), "the sheet is still named, masked: {json}");
    let mut book = open_workbook_auto(&workbook).unwrap();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).unwrap();
        for cell in range.used_cells() {
            assert!(!cell.2.to_string().contains("9876"), "{sheet}: {}", cell.2);
        }
    }
}
