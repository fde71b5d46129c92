//! The binary as kansliet runs it: exit codes, Swedish output, and input
//! files left untouched.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use uppfoljning::template::{self, Answer, Answers, Prefill};

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
    assert!(
        out.contains("2018-K2 Älvkarleby, Arbetsintegrerande Socialt Företag.xlsx\n  Fel      Rapport!B20")
    );
    assert!(out.contains("2018-K1 Heby, Individstöd i samverkan.xlsx – Godkänd: inga fel eller varningar."));
    assert!(out.trim_end().ends_with(
        "Sammanfattning: 36 filer – 34 godkända, 2 behöver rättas, 0 kunde inte läsas, 0 var inte rapporter. \
         Totalt 2 fel och 4 varningar."
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
    // Every other required answer is empty too: the report is a blank prefilled template.
    assert!(out.contains("Svaret på \"Rapportdatum\" saknas."), "{out}");
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
