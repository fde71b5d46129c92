//! `uppfoljning sammanstall` as kansliet runs it: the defaults, the exit
//! codes, the summary, the JSON, repeatable bytes, and safe writing (a run
//! that fails leaves every file as it was; input files are never changed).
//! The figures of the follow-up are checked in tests/memo.rs and
//! tests/aggregate.rs; these tests check the command around them.

mod common;

use assert_cmd::Command;
use common::files::snapshot;
use std::path::{Path, PathBuf};

fn uppfoljning() -> Command {
    Command::cargo_bin("uppfoljning").unwrap()
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// (exit code, stdout, stderr)
fn run(command: &mut Command) -> (i32, String, String) {
    let output = command.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A working folder as the README describes it: `register.xlsx` and
/// `rapporter/` copied from the samples.
fn working_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(samples().join("register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    copy_dir(&samples().join("rapporter"), &dir.path().join("rapporter"));
    dir
}

/// The README's first command, with the outputs in `out`.
fn on_the_samples(out: &Path) -> Command {
    let mut command = uppfoljning();
    command
        .arg("sammanstall")
        .arg("--register")
        .arg(samples().join("register.xlsx"))
        .args(["--period", "2018-H1", "--ut"])
        .arg(out.join("Uppföljning 2018-H1.xlsx"))
        .arg("--json")
        .arg(out.join("uppfoljning.json"))
        .arg(samples().join("rapporter"));
    command
}

fn sheet_names(path: &Path) -> Vec<String> {
    let workbook = calamine::open_workbook_auto(path).unwrap();
    calamine::Reader::sheet_names(&workbook)
}

#[test]
fn sammanstall_on_the_samples_writes_the_workbook_and_the_json() {
    let out = tempfile::tempdir().unwrap();
    let inbox = snapshot(&samples());
    let (code, stdout, stderr) = run(&mut on_the_samples(out.path()));
    assert_eq!(code, 1, "the samples hold the memo's 2 Fel\n{stdout}{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(stdout.starts_with("Uppföljning kvartal 1 och 2 2018 (2018-H1)\n"), "{stdout}");
    assert!(stdout.contains("\n36 rapporter lästa från 18 insatser; ingen saknas.\n"), "{stdout}");
    assert!(stdout.contains(" – se bladet Kontroll.\n"), "{stdout}");
    let workbook = out.path().join("Uppföljning 2018-H1.xlsx");
    let json = out.path().join("uppfoljning.json");
    assert!(stdout.contains(&format!("\nArbetsboken: {}\n", workbook.display())), "{stdout}");
    assert!(stdout.contains(&format!("\nJSON: {}\n", json.display())), "{stdout}");
    assert!(stdout.contains("\nFörsta körningen för perioden – inget att jämföra med.\n"), "{stdout}");
    assert!(
        stdout.lines().last().is_some_and(|l| l.starts_with("Klart på ") && l.ends_with(" s.")),
        "{stdout}"
    );
    assert!(stdout.lines().count() <= 10, "the summary is short enough to paste:\n{stdout}");

    assert!(sheet_names(&workbook).iter().any(|s| s == "Översikt"), "{:?}", sheet_names(&workbook));
    let document: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(document["schema"], "uppfoljning-sammanstallning");
    assert_eq!(document["version"], 1);
    assert_eq!(document["period"], "2018-H1");
    assert_eq!(document["titel"], "Uppföljning kvartal 1 och 2 2018");
    for key in ["insatser", "avslut", "fordelning", "installningar", "fynd", "kallor"] {
        assert!(document.get(key).is_some(), "{key}");
    }
    // Finding codes as docs/fynd.md writes them, not as Rust names them.
    for finding in document["fynd"].as_array().unwrap() {
        let code = finding["code"].as_str().unwrap();
        assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{code}");
    }
    assert_eq!(snapshot(&samples()), inbox, "sammanstall must not change any input file");
}

#[test]
fn a_second_run_gives_the_same_bytes() {
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, _, _) = run(&mut on_the_samples(first.path()));
    let (b, _, _) = run(&mut on_the_samples(second.path()));
    assert_eq!((a, b), (1, 1));
    for name in ["Uppföljning 2018-H1.xlsx", "uppfoljning.json"] {
        let bytes = |dir: &Path| std::fs::read(dir.join(name)).unwrap();
        assert!(bytes(first.path()) == bytes(second.path()), "{name} differs between two runs");
    }
    // Run again over the first: it compares with it and finds nothing
    // changed; from then on, the file is replaced by the same bytes.
    let (code, stdout, _) = run(&mut on_the_samples(first.path()));
    assert_eq!(code, 1);
    assert!(
        stdout.contains("\nInga ändringar sedan förra körningen, Uppföljning 2018-H1.xlsx (sparad "),
        "{stdout}"
    );
    let before = snapshot(first.path());
    let (code, _, _) = run(&mut on_the_samples(first.path()));
    assert_eq!(code, 1);
    assert_eq!(snapshot(first.path()), before);
}

#[test]
fn the_defaults_find_register_and_reports_and_take_the_newest_quarter() {
    let dir = working_folder();
    // Reports in a sub-folder count; a file that is not a report is listed.
    let rapporter = dir.path().join("rapporter");
    std::fs::create_dir(rapporter.join("2018-K2")).unwrap();
    std::fs::rename(rapporter.join("2018-K2 GESAM.xlsx"), rapporter.join("2018-K2").join("GESAM.xlsx"))
        .unwrap();
    std::fs::write(rapporter.join("följebrev.txt"), "Hej!").unwrap();
    let inbox = snapshot(&rapporter);

    let (code, stdout, stderr) = run(uppfoljning().arg("sammanstall").current_dir(dir.path()));
    assert_eq!(code, 1, "{stdout}{stderr}");
    let expected_start = "Perioden sattes till 2018-K2 efter de senaste rapporterna; ange --period för en \
                          annan.\n\nUppföljning kvartal 2 2018 (2018-K2)\n";
    assert!(stdout.starts_with(expected_start), "{stdout}");
    assert!(stdout.contains("\nInte rapporter (hoppades över): följebrev.txt.\n"), "{stdout}");
    assert!(stdout.contains("\nArbetsboken: Uppföljning 2018-K2.xlsx\n"), "{stdout}");
    assert!(!stdout.contains("Rapport saknas"), "the report in the sub-folder was found:\n{stdout}");
    assert!(dir.path().join("Uppföljning 2018-K2.xlsx").is_file());
    assert_eq!(snapshot(&rapporter), inbox);
}

#[test]
fn a_missing_report_is_named_in_the_summary() {
    let dir = working_folder();
    std::fs::remove_file(dir.path().join("rapporter/2018-K2 GESAM.xlsx")).unwrap();
    let (code, stdout, _) =
        run(uppfoljning().args(["sammanstall", "--period", "2018-H1"]).current_dir(dir.path()));
    assert_eq!(code, 1);
    assert!(stdout.contains("\n35 rapporter lästa från 18 insatser; 1 saknas.\n"), "{stdout}");
    assert!(stdout.contains("\nRapport saknas: GESAM (2018-K2).\n"), "{stdout}");
    assert!(dir.path().join("Uppföljning 2018-H1.xlsx").is_file());
}

#[test]
fn a_missing_default_register_or_folder_says_what_to_create() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(uppfoljning().arg("sammanstall").current_dir(dir.path()));
    assert_eq!(code, 2);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.starts_with("Fel: Hittar inget register: register.xlsx finns inte i arbetsmappen "),
        "{stderr}"
    );
    assert!(
        stderr.trim_end().ends_with("Lägg registret där, eller ange det med --register FIL."),
        "{stderr}"
    );

    std::fs::copy(samples().join("register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    let (code, _, stderr) = run(uppfoljning().arg("sammanstall").current_dir(dir.path()));
    assert_eq!(code, 2);
    assert!(stderr.starts_with("Fel: Hittar ingen mapp rapporter i arbetsmappen "), "{stderr}");
    assert!(stderr.contains("Skapa mappen och lägg de inkomna rapporterna där"), "{stderr}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing was written");
}

#[test]
fn a_register_given_that_does_not_exist_stops_with_exit_2() {
    let dir = working_folder();
    let (code, stdout, stderr) =
        run(uppfoljning().args(["sammanstall", "--register", "finns-inte.xlsx"]).current_dir(dir.path()));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert_eq!(stderr, "Fel: Registret finns-inte.xlsx finns inte. Kontrollera sökvägen till registret.\n");
}

#[test]
fn without_reports_the_period_must_be_given() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(samples().join("register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    std::fs::create_dir(dir.path().join("rapporter")).unwrap();
    let (code, _, stderr) = run(uppfoljning().arg("sammanstall").current_dir(dir.path()));
    assert_eq!(code, 2);
    assert!(stderr.contains("Det finns inga kvartalsrapporter att sammanställa i rapporter."), "{stderr}");
    assert!(stderr.contains("får du med --period, t.ex. --period 2018-K2."), "{stderr}");

    // Given, every active insats's report is missing: a workbook full of red rows, exit 1.
    let (code, stdout, _) =
        run(uppfoljning().args(["sammanstall", "--period", "2018-K2"]).current_dir(dir.path()));
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("\n0 rapporter lästa från 0 insatser; 18 saknas.\n"), "{stdout}");
    assert!(dir.path().join("Uppföljning 2018-K2.xlsx").is_file());
}

#[test]
fn a_period_that_is_not_one_is_refused_with_the_accepted_forms() {
    let dir = working_folder();
    let (code, _, stderr) =
        run(uppfoljning().args(["sammanstall", "--period", "våren"]).current_dir(dir.path()));
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "Fel: Perioden \"våren\" känns inte igen. Skriv ett kvartal (2018-K2), ett halvår (2018-H1) eller ett år \
         (2018).\n"
    );
}

#[test]
fn a_target_that_cannot_be_written_stops_with_exit_2_and_changes_nothing() {
    let dir = working_folder();
    std::fs::create_dir(dir.path().join("Uppföljning 2018-K2.xlsx")).unwrap();
    std::fs::write(dir.path().join("ut.json"), "förra körningen").unwrap();
    let before = snapshot(dir.path());
    let (code, stdout, stderr) =
        run(uppfoljning().args(["sammanstall", "--json", "ut.json"]).current_dir(dir.path()));
    assert_eq!(code, 2, "{stdout}");
    assert_eq!(
        stderr,
        "Fel: Uppföljning 2018-K2.xlsx är en mapp, inte en fil. Välj ett annat filnamn, eller flytta mappen eller \
         byt namn på den.\n"
    );
    assert_eq!(snapshot(dir.path()), before, "a failed run must leave every file as it was");
}

#[test]
fn a_previous_workbook_is_replaced_whole() {
    let dir = working_folder();
    std::fs::write(dir.path().join("Uppföljning 2018-H1.xlsx"), "förra arbetsboken, längre än zip-huvudet")
        .unwrap();
    let (code, _, _) =
        run(uppfoljning().args(["sammanstall", "--period", "2018-H1"]).current_dir(dir.path()));
    assert_eq!(code, 1);
    assert!(sheet_names(&dir.path().join("Uppföljning 2018-H1.xlsx")).iter().any(|s| s == "Översikt"));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["Uppföljning 2018-H1.xlsx", "rapporter", "register.xlsx"],
        "no temporary file is left"
    );
}

#[test]
fn ut_names_the_workbook_or_a_folder_for_it() {
    let dir = working_folder();
    std::fs::create_dir(dir.path().join("utskick")).unwrap();
    let (code, stdout, _) = run(uppfoljning()
        .args(["summary", "--period", "2018-q2", "--ut", "utskick"])
        .current_dir(dir.path()));
    assert_eq!(code, 1);
    let expected = Path::new("utskick").join("Uppföljning 2018-K2.xlsx");
    assert!(stdout.contains(&format!("Arbetsboken: {}", expected.display())), "{stdout}");
    assert!(dir.path().join(&expected).is_file());

    let (code, _, stderr) = run(uppfoljning()
        .args(["sammanstall", "--period", "2018", "--ut", "rapport.txt"])
        .current_dir(dir.path()));
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "Fel: --ut rapport.txt: ange ett filnamn som slutar på .xlsx, eller en mapp som finns (arbetsboken får då \
         namnet \"Uppföljning PERIOD.xlsx\" i mappen).\n"
    );

    let (code, _, stderr) = run(uppfoljning()
        .args(["sammanstall", "--period", "2018", "--ut", "a.xlsx", "--json", "a.xlsx"])
        .current_dir(dir.path()));
    assert_eq!(code, 2);
    assert_eq!(stderr, "Fel: --ut och --json pekar på samma fil, a.xlsx. Ange olika filer.\n");
    assert!(!dir.path().join("a.xlsx").exists());
}

#[test]
fn the_help_shows_an_example_and_the_exit_codes() {
    let (code, stdout, _) = run(uppfoljning().args(["sammanstall", "--help"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("Användning: uppfoljning sammanstall [FLAGGOR] [MAPP]..."), "{stdout}");
    assert!(stdout.contains("Exempel:\n  uppfoljning sammanstall\n"), "{stdout}");
    assert!(
        stdout.contains("Slutkoder: 0 = arbetsboken skrevs, 1 = arbetsboken skrevs, men en rapport saknas"),
        "{stdout}"
    );
}

#[test]
fn a_run_that_cannot_write_leaves_the_last_good_workbook_as_it_was() {
    let dir = working_folder();
    let (code, _, _) =
        run(uppfoljning().args(["sammanstall", "--period", "2018-H1"]).current_dir(dir.path()));
    assert_eq!(code, 1);
    let workbook = dir.path().join("Uppföljning 2018-H1.xlsx");
    let last_good = std::fs::read(&workbook).unwrap();
    // A report changes, and the second output cannot be written (as when it is open elsewhere).
    std::fs::remove_file(dir.path().join("rapporter/2018-K2 GESAM.xlsx")).unwrap();
    std::fs::create_dir(dir.path().join("ut.json")).unwrap();
    let (code, _, stderr) = run(uppfoljning()
        .args(["sammanstall", "--period", "2018-H1", "--json", "ut.json"])
        .current_dir(dir.path()));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.starts_with("Fel: "), "{stderr}");
    assert!(std::fs::read(&workbook).unwrap() == last_good, "the last good workbook is untouched");
}
