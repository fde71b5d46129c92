//! `mall register`: the blank register has every sheet and column the
//! reader looks for (and `docs/register.md` describes), drop-downs for the
//! closed lists, date and number validation and the Id column as text, an
//! example row the reader skips, every setting with its default, and a
//! help sheet; the tool reads it back with only "inga insatser ännu"; it is
//! never written over a file.

mod common;

use assert_cmd::Command;
use calamine::{Data, Reader, open_workbook_auto};
use std::io::Read;
use std::path::Path;
use uppfoljning::finding::{Code, Severity};
use uppfoljning::register::columns::{EXAMPLE_ID, INSATSER, Kind, List, SHEETS};
use uppfoljning::register::{SETTINGS, read_register};

/// `mall register` run in `dir` with `args` after it.
fn mall_register(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("uppfoljning")
        .unwrap()
        .current_dir(dir)
        .args(["mall", "register"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// A blank register written by the binary, in its folder.
fn blank() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = mall_register(dir.path(), &["--ut", "Nytt register.xlsx"]);
    assert_eq!(code, 0, "{out}{err}");
    let path = dir.path().join("Nytt register.xlsx");
    (dir, path)
}

/// One part of the xlsx package, as text.
fn part(path: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// The sheet part of the sheet `name` (rust_xlsxwriter numbers the parts
/// in the order of the sheets).
fn sheet_part(path: &Path, name: &str) -> String {
    let workbook = part(path, "xl/workbook.xml");
    let names: Vec<&str> =
        workbook.split("<sheet name=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    let index = names.iter().position(|n| *n == name).unwrap_or_else(|| panic!("{name} not in {names:?}"));
    part(path, &format!("xl/worksheets/sheet{}.xml", index + 1))
}

fn cell_text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    range.get_value((row, col)).map(ToString::to_string).unwrap_or_default()
}

#[test]
fn the_tool_reads_its_own_blank_register_with_only_the_finding_that_it_has_no_insatser_yet() {
    let (_dir, path) = blank();
    let (register, findings) = read_register(&path).unwrap();
    assert!(register.insatser.is_empty(), "the example row is no insats");
    assert!(register.beslut.is_empty() && register.mal.is_empty() && register.bedomningar.is_empty());
    assert!(register.budgetar.is_empty());
    let [finding] = findings.as_slice() else { panic!("{findings:?}") };
    assert_eq!(finding.code, Code::RegisterIngaInsatser);
    assert_eq!(finding.severity, Severity::Info);
    assert_eq!(finding.sheet.as_deref(), Some("Insatser"));
    assert_eq!(
        finding.message,
        "Registret har inga insatser ännu. Skriv in de beviljade insatserna på bladet Insatser, en rad per insats, \
         och kör igen."
    );
}

#[test]
fn kontrollera_with_the_blank_register_shows_the_one_info_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(mall_register(dir.path(), &[]).0, 0);
    std::fs::create_dir(dir.path().join("rapporter")).unwrap();
    let output = Command::cargo_bin("uppfoljning")
        .unwrap()
        .current_dir(dir.path())
        .arg("kontrollera")
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(out.starts_with("Registret register.xlsx: 0 insatser.\n  Info     Insatser!A2"), "{out}");
    assert!(out.contains("Registret har inga insatser ännu."), "{out}");
}

#[test]
fn every_sheet_has_every_column_of_the_reader_and_the_example_row_first() {
    let (_dir, path) = blank();
    let mut book = open_workbook_auto(&path).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.first().map(String::as_str), Some("Hjälp"));
    for spec in SHEETS {
        let range = book.worksheet_range(spec.name).unwrap();
        let headers: Vec<String> =
            (0..spec.columns.len() as u32).map(|col| cell_text(&range, 0, col)).collect();
        let expected: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
        assert_eq!(headers, expected, "{}", spec.name);
        if spec.name != "Inställningar" {
            assert_eq!(cell_text(&range, 1, 0), EXAMPLE_ID, "{}", spec.name);
        }
    }
    let insatser = book.worksheet_range("Insatser").unwrap();
    assert!(cell_text(&insatser, 1, 1).starts_with("Exempel"), "the example says so in its name");
}

#[test]
fn the_columns_are_the_ones_docs_register_md_describes() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/register.md")).unwrap();
    let insatser = docs.split("## Bladet `Insatser`").nth(1).unwrap().split("## ").next().unwrap();
    // Every column the table of Insatser names, and only those.
    let documented: Vec<&str> = insatser
        .lines()
        .filter(|line| line.starts_with("| `"))
        .flat_map(|line| line.split('|').nth(1).unwrap_or_default().split('`').skip(1).step_by(2))
        .collect();
    let read: Vec<&str> = INSATSER.columns.iter().map(|c| c.name).collect();
    assert_eq!(documented, read);
    for spec in SHEETS {
        assert!(docs.contains(&format!("## Bladet `{}`", spec.name)), "{}", spec.name);
        for column in spec.columns {
            assert!(docs.contains(&format!("`{}`", column.name)), "{}: {}", spec.name, column.name);
        }
    }
}

#[test]
fn closed_lists_have_drop_downs_and_dates_and_numbers_are_validated() {
    let (_dir, path) = blank();
    let xml = sheet_part(&path, "Insatser");
    let letter = |name: &str| {
        let col = INSATSER.columns.iter().position(|c| c.name == name).unwrap();
        uppfoljning::workbook::column_letters(col as u32)
    };
    let inriktning = format!(
        "sqref=\"{0}2:{0}10000\"><formula1>\"Individ,Struktur,Kompetens\"</formula1>",
        letter("Inriktning")
    );
    assert!(xml.contains("<dataValidation type=\"list\""), "{xml}");
    assert!(xml.contains(&inriktning), "{inriktning} missing in {xml}");
    assert_eq!(List::Inriktning.options(), ["Individ", "Struktur", "Kompetens"]);
    for (kind, name) in
        [("date", "Start"), ("decimal", "Beviljat belopp"), ("whole", "Förväntat antal deltagare")]
    {
        let wanted = format!("<dataValidation type=\"{kind}\"");
        let at =
            xml.find(&format!("sqref=\"{0}2:{0}10000\"", letter(name))).unwrap_or_else(|| panic!("{name}"));
        let opening = xml[..at].rfind("<dataValidation ").unwrap();
        assert!(xml[opening..].starts_with(&wanted), "{name}: {}", &xml[opening..at]);
    }
    // Every closed list of every sheet has its drop-down.
    for spec in SHEETS {
        let xml = sheet_part(&path, spec.name);
        for column in spec.columns {
            if let Kind::Choice(list) = column.kind {
                let formula = format!("<formula1>\"{}\"</formula1>", list.options().join(","));
                assert!(xml.contains(&formula), "{}: {}", spec.name, column.name);
            }
        }
    }
}

#[test]
fn the_id_column_is_formatted_as_text_so_excel_keeps_2017_48() {
    let (_dir, path) = blank();
    for spec in SHEETS.iter().filter(|s| s.columns.first().is_some_and(|c| c.kind == Kind::Id)) {
        let xml = sheet_part(&path, spec.name);
        // The first <col> element covers column A (it may run on over a
        // neighbour formatted the same way).
        let col = xml.split("<col ").find(|c| c.starts_with("min=\"1\" ")).unwrap_or_else(|| panic!("{xml}"));
        let style: usize =
            col.split("style=\"").nth(1).and_then(|s| s.split('"').next()).unwrap().parse().unwrap();
        let styles = part(&path, "xl/styles.xml");
        let xfs = styles.split("<cellXfs").nth(1).unwrap().split("</cellXfs>").next().unwrap();
        let xf = xfs.split("<xf ").nth(style + 1).unwrap();
        // 49 is Excel's built-in text format, "@".
        assert!(xf.starts_with("numFmtId=\"49\""), "{}: {xf}", spec.name);
    }
}

#[test]
fn installningar_holds_every_setting_with_its_default_and_what_it_means() {
    let (_dir, path) = blank();
    let mut book = open_workbook_auto(&path).unwrap();
    let range = book.worksheet_range("Inställningar").unwrap();
    assert_eq!(
        (0..4).map(|col| cell_text(&range, 0, col)).collect::<Vec<_>>(),
        ["Inställning", "Värde", "Standard", "Förklaring"]
    );
    for (row, (name, explanation, default)) in (1u32..).zip(SETTINGS) {
        assert_eq!(cell_text(&range, row, 0), *name);
        assert_eq!(cell_text(&range, row, 1), *default);
        assert_eq!(cell_text(&range, row, 2), *default);
        assert_eq!(cell_text(&range, row, 3), *explanation);
    }
    assert_eq!(cell_text(&range, SETTINGS.len() as u32 + 1, 0), "");
}

#[test]
fn the_help_sheet_explains_the_example_row_and_every_sheet_in_swedish() {
    let (_dir, path) = blank();
    let mut book = open_workbook_auto(&path).unwrap();
    let range = book.worksheet_range("Hjälp").unwrap();
    let text: String = range.rows().flat_map(|row| row.iter().map(|c| format!("{c}\n"))).collect();
    assert!(text.contains("Raden med Id EXEMPEL på varje blad är ett exempel"), "{text}");
    for spec in SHEETS {
        assert!(text.contains(&format!("Bladet {}\n", spec.name)), "{}", spec.name);
        assert!(text.contains(spec.about), "{}", spec.name);
    }
}

#[test]
fn mall_register_never_writes_over_a_file_and_gives_the_same_bytes_every_time() {
    let (dir, path) = blank();
    let first = std::fs::read(&path).unwrap();
    let (code, _, err) = mall_register(dir.path(), &["--ut", "Nytt register.xlsx"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("Fel: Nytt register.xlsx finns redan och skrivs inte över."), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), first);

    std::fs::write(dir.path().join("register.xlsx"), b"kansliets register").unwrap();
    let (code, _, _) = mall_register(dir.path(), &["--ut", "."]);
    assert_eq!(code, 2, "a folder means register.xlsx in it, which is there");
    assert_eq!(std::fs::read(dir.path().join("register.xlsx")).unwrap(), b"kansliets register");

    let other = tempfile::tempdir().unwrap();
    assert_eq!(mall_register(other.path(), &[]).0, 0);
    assert_eq!(std::fs::read(other.path().join("register.xlsx")).unwrap(), first, "deterministic bytes");
}
