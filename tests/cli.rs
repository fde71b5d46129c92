//! The binary as kansliet runs it: exit codes, Swedish output, and input
//! files left untouched.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use uppfoljning::template::{self, Answer, Answers, Prefill};

/// The line after every command-line error.
const HELP_HINT: &str = "Skriv `uppfoljning --help` (eller `uppfoljning KOMMANDO --help`) för hjälp.";

fn uppfoljning() -> Command {
    Command::cargo_bin("uppfoljning").unwrap()
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

fn stdout_of(command: &mut Command) -> (i32, String, String) {
    let output = command.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Every file under `dir` with its bytes, to prove nothing was changed.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(snapshot(&path));
        } else {
            files.insert(path.clone(), std::fs::read(&path).unwrap());
        }
    }
    files
}

#[test]
fn kontrollera_on_the_samples_finds_only_the_fel_the_memo_describes() {
    let before = snapshot(&samples());
    let (code, out, _) = stdout_of(
        uppfoljning()
            .arg("kontrollera")
            .arg("--register")
            .arg(samples().join("register.xlsx"))
            .arg(samples().join("rapporter")),
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("Registret register.xlsx: 18 insatser, inga fel."), "{out}");
    let fel: Vec<&str> = out.lines().filter(|l| l.trim_start().starts_with("Fel ")).collect();
    assert_eq!(fel.len(), 2, "{out}");
    for line in fel {
        assert!(line.contains("Rapport!B20"), "{line}");
        assert!(line.contains("Svaret på \"Ligger insatsen i fas med målen i ansökan?\" saknas."), "{line}");
    }
    assert!(out.contains(
        "2018-K2 Älvkarleby, Arbetsintegrerande Socialt Företag.xlsx – Älvkarleby, Arbetsintegrerande Socialt \
         Företag (2017:44), 2018-K2\n  Fel      Rapport!B20"
    ));
    // Each file says what it was read as: insats, id and quarter.
    assert!(out.contains(
        "2018-K1 Heby, Individstöd i samverkan.xlsx – Heby, Individstöd i samverkan (2017:33), 2018-K1 – Godkänd: \
         inga fel eller varningar."
    ));
    // 2016:61's participants outside the target group are explained in its
    // quality comment: Info, not Varningar.
    assert!(out.trim_end().ends_with(
        "Sammanfattning: 36 filer – 34 godkända, 2 behöver rättas, 0 kunde inte läsas, 0 var inte rapporter. \
         Totalt 2 fel och 2 varningar."
    ));
    assert_eq!(snapshot(&samples()), before, "kontrollera must not change any input file");
}

#[test]
fn a_report_made_wrong_on_purpose_gets_the_right_fel_at_the_right_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (register, _) = uppfoljning::register::read_register(&samples().join("register.xlsx")).unwrap();
    let k2 = uppfoljning::period::Kvartal::new(2018, 2).unwrap();
    let prefill: Prefill =
        template::prefills(&register, k2).into_iter().find(|p| p.insats_id == "2017:33").unwrap();
    let mut answers = Answers::new();
    answers.insert("utfall_kr", Answer::Text("ungefär hälften".into()));
    std::fs::write(
        dir.path().join("Heby rättad (2).xlsx"),
        template::write_report(Some(&prefill), &answers).unwrap(),
    )
    .unwrap();
    let utfall_cell = template::field_cells()
        .into_iter()
        .find(|(name, _)| *name == "utfall_kr")
        .map(|(_, area)| area.first.to_a1())
        .unwrap();

    let (code, out, _) = stdout_of(
        uppfoljning().arg("check").arg("--register").arg(samples().join("register.xlsx")).arg(dir.path()),
    );
    assert_eq!(code, 1, "{out}");
    let expected = format!(
        "  Fel      Rapport!{utfall_cell:<7}\"ungefär hälften\" i fältet \"Utfall, förbundets medel (kr)\" är inte ett \
         belopp. Skriv beloppet i kronor, t.ex. 125 000."
    );
    assert!(out.contains(&expected), "{out}");
    // Every other answer is empty too: each empty section is one Fel, not one per answer.
    assert!(out.contains("Avsnittet Om rapporten är tomt – skriv rapportdatum"), "{out}");
    assert!(!out.contains("Svaret på \"Rapportdatum\" saknas."), "{out}");
    assert!(!out.contains("insats-okand") && !out.contains("finns inte i förbundets register"), "{out}");
}

#[test]
fn a_missing_register_stops_with_exit_code_2_and_a_swedish_message() {
    let (code, out, err) =
        stdout_of(uppfoljning().args(["kontrollera", "--register", "finns-inte.xlsx"]).arg(samples()));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.starts_with("Fel: "), "{err}");
    assert!(err.contains("finns-inte.xlsx"), "{err}");
}

#[test]
fn a_missing_report_folder_stops_with_exit_code_2() {
    let (code, _, err) = stdout_of(
        uppfoljning().arg("kontrollera").arg("--register").arg(samples().join("register.xlsx")).arg("inkorg"),
    );
    assert_eq!(code, 2);
    assert_eq!(err, "Fel: Hittar inte inkorg. Kontrollera sökvägen.\n");
}

#[test]
fn help_is_in_swedish_with_exit_codes_and_examples() {
    let (code, out, _) = stdout_of(uppfoljning().arg("--help"));
    assert_eq!(code, 0);
    for text in ["Användning:", "Kommandon", "kontrollera", "mall", "Slutkoder: 0 = klart utan fel"] {
        assert!(out.contains(text), "{text} missing in\n{out}");
    }
    let (_, out, _) = stdout_of(uppfoljning().args(["kontrollera", "--help"]));
    for text in ["--register <FIL>", "Exempel:", "2 = kommandot kunde inte köras"] {
        assert!(out.contains(text), "{text} missing in\n{out}");
    }
}

#[test]
fn a_command_line_error_is_swedish_names_the_flag_and_exits_2() {
    let cases: [(&[&str], &str); 4] = [
        (&["kontrollera", "--period"], "Fel: Flaggan --period <PERIOD> saknar ett värde."),
        (
            &["kontrollera", "--registr", "register.xlsx", "rapporter"],
            "Fel: Okänd flagga: --registr. Menade du --register?",
        ),
        (
            &["mall", "--period", "2018-K2", "register"],
            "Fel: Kommandot mall register tar inga andra flaggor än --ut. Skriv t.ex. uppfoljning mall register \
             --ut register.xlsx.",
        ),
        (&["kontrolera"], "Fel: Okänt kommando: kontrolera. Menade du kontrollera?"),
    ];
    for (args, message) in cases {
        let (code, out, err) = stdout_of(uppfoljning().args(args));
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert_eq!(err, format!("{message}\n{HELP_HINT}\n"), "{args:?}");
    }
}

#[test]
fn help_and_version_go_to_stdout_with_exit_code_0() {
    for args in [&["--help"][..], &["mall", "--help"], &["-h"], &["--version"]] {
        let (code, out, err) = stdout_of(uppfoljning().args(args));
        assert_eq!(code, 0, "{args:?}");
        assert!(err.is_empty(), "{args:?}: {err}");
        assert!(!out.is_empty(), "{args:?}");
    }
    let (_, out, _) = stdout_of(uppfoljning().arg("--version"));
    assert_eq!(out, format!("uppfoljning {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn mall_writes_the_blank_template_and_never_overwrites_it() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("ny mall.xlsx");
    let (code, out, _) = stdout_of(uppfoljning().arg("mall").arg("--ut").arg(&target));
    assert_eq!(code, 0, "{out}");
    let checked_in =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/kvartalsrapport-v1.xlsx"));
    assert_eq!(std::fs::read(&target).unwrap(), checked_in.unwrap());

    std::fs::write(&target, b"ifylld rapport").unwrap();
    let (code, _, err) = stdout_of(uppfoljning().arg("template").arg("--ut").arg(&target));
    assert_eq!(code, 2);
    assert!(err.contains("finns redan och skrivs inte över"), "{err}");
    assert_eq!(std::fs::read(&target).unwrap(), b"ifylld rapport");
}

#[test]
fn mall_with_a_register_writes_one_prefilled_report_per_active_insats() {
    let before = snapshot(&samples());
    let dir = tempfile::tempdir().unwrap();
    let ut = dir.path().join("mallar 2018-K2");
    let (code, out, _) = stdout_of(
        uppfoljning()
            .arg("mall")
            .arg("--register")
            .arg(samples().join("register.xlsx"))
            .args(["--period", "2018-Q2", "--ut"])
            .arg(&ut),
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("Skrev 18 ifyllda mallar för 2018-K2 till"), "{out}");
    assert!(ut.join("2018-K2 Knivsta, En väg in – flera vägar ut.xlsx").exists());

    let (code, out, _) = stdout_of(
        uppfoljning()
            .arg("mall")
            .arg("--register")
            .arg(samples().join("register.xlsx"))
            .args(["--period", "2018-K2", "--ut"])
            .arg(&ut),
    );
    assert_eq!(code, 0);
    assert!(out.starts_with("Skrev 0 ifyllda mallar"), "{out}");
    assert_eq!(out.matches("Finns redan, lämnades orörd:").count(), 18);
    assert_eq!(snapshot(&samples()), before, "mall must not change the register or any report");
}

#[test]
fn mall_for_a_half_year_asks_for_a_quarter() {
    let (code, _, err) = stdout_of(
        uppfoljning()
            .arg("mall")
            .arg("--register")
            .arg(samples().join("register.xlsx"))
            .args(["--period", "2018-H1", "--ut", "mallar"]),
    );
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "Fel: Perioden 2018-H1 är inte ett kvartal. Mallar skapas per kvartal, t.ex. --period 2018-K2.\n"
    );
}

#[test]
fn mall_with_a_folder_writes_the_blank_template_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("nyamappen");
    let (code, out, err) = stdout_of(uppfoljning().arg("mall").arg("--ut").arg(&folder));
    assert_eq!(code, 0, "{out}{err}");
    let target = folder.join("kvartalsrapport-v1.xlsx");
    assert_eq!(out, format!("Skrev den tomma rapportmallen till {}.\n", target.display()));
    let checked_in =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/kvartalsrapport-v1.xlsx"));
    assert_eq!(std::fs::read(&target).unwrap(), checked_in.unwrap());
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);

    // The folder exists now: the template in it is not overwritten.
    let (code, _, err) = stdout_of(uppfoljning().arg("mall").arg("--ut").arg(&folder));
    assert_eq!(code, 2);
    assert!(err.contains("finns redan och skrivs inte över"), "{err}");
}

/// A register with one good insats and one that ends before it starts.
fn register_with_a_fel(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let headers =
        ["Id", "Namn", "Område", "Insatsägare", "Parter", "Inriktning", "Start", "Slut", "Beviljat belopp"];
    let rows = [
        ("2018:1", "Stöd i samverkan", (2018, 1, 1), (2019, 12, 31)),
        ("2018:2", "Baklänges", (2018, 6, 1), (2018, 1, 31)),
    ];
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Insatser").unwrap();
    for (col, header) in (0u16..).zip(headers) {
        sheet.write_string(0, col, header).unwrap();
    }
    for (row, (id, namn, start, slut)) in (1u32..).zip(rows) {
        for (col, text) in
            (0u16..).zip([id, namn, "Heby", "Heby kommun", "Kommun, Arbetsförmedlingen", "Struktur"])
        {
            sheet.write_string(row, col, text).unwrap();
        }
        for (col, (y, m, d)) in [(6u16, start), (7, slut)] {
            sheet
                .write_datetime_with_format(row, col, ExcelDateTime::from_ymd(y, m, d).unwrap(), &date)
                .unwrap();
        }
        sheet.write_number(row, 8, 400_000.0).unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn mall_with_a_fel_in_the_register_writes_the_rest_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("register.xlsx");
    register_with_a_fel(&register);
    let ut = dir.path().join("mallar");
    let (code, out, err) = stdout_of(
        uppfoljning()
            .arg("mall")
            .arg("--register")
            .arg(&register)
            .args(["--period", "2018-K2", "--ut"])
            .arg(&ut),
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.is_empty(), "{err}");
    assert!(out.starts_with("Skrev 1 ifylld mall för 2018-K2 till "), "{out}");
    assert!(
        out.contains("\nRegistret register.xlsx har 1 fel. Insatser på rader med fel fick ingen mall:\n  Fel      Insatser!H3 "),
        "{out}"
    );
    assert!(out.ends_with("Rätta registret och kör igen; mallar som redan finns lämnas orörda.\n"), "{out}");
    let written: Vec<String> = std::fs::read_dir(&ut)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(written[0].contains("Stöd i samverkan") && !written[0].contains("Baklänges"), "{written:?}");
}
