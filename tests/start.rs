//! How the program was started: a double-click (the console is its own) in
//! a folder set up or not, files dropped on it, or a terminal. The decision
//! is `start::plan`, tested here for every case on any platform; what each
//! plan does is run through `start::carry_out` in a temporary folder, and
//! the binary itself once as a terminal user starts it.

mod common;

use assert_cmd::Command;
use common::files::snapshot;
use common::samples::samples;
use std::ffi::OsString;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use uppfoljning::ExitStatus;
use uppfoljning::finding::Code;
use uppfoljning::register::read_register;
use uppfoljning::start::{Action, Home, PRESS_ENTER, Plan, carry_out, make_folder, plan};

fn args(words: &[&str]) -> Vec<OsString> {
    words.iter().map(OsString::from).collect()
}

fn home(register: bool, inbox: bool, reports: bool) -> Home {
    Home { folder: PathBuf::from("C:/Uppföljning"), register, inbox, reports, register_empty: false }
}

fn nothing_exists(_: &Path) -> bool {
    false
}

fn everything_exists(_: &Path) -> bool {
    true
}

fn folder() -> PathBuf {
    PathBuf::from("C:/Uppföljning")
}

#[test]
fn double_clicked_in_a_folder_set_up_summarises_there_and_waits() {
    let plan = plan(&[], true, Some(&home(true, true, true)), &nothing_exists);
    assert_eq!(plan, Plan { action: Action::Summarise { folder: folder() }, wait: true });
}

#[test]
fn double_clicked_in_a_folder_not_set_up_sets_it_up_and_waits() {
    for (register, inbox) in [(false, false), (true, false), (false, true)] {
        let plan = plan(&[], true, Some(&home(register, inbox, false)), &nothing_exists);
        assert_eq!(
            plan,
            Plan { action: Action::SetUp { folder: folder() }, wait: true },
            "{register} {inbox}"
        );
    }
    // A register missing beside reports that came: set up (the reports stay).
    let plan = plan(&[], true, Some(&home(false, true, true)), &nothing_exists);
    assert_eq!(plan.action, Action::SetUp { folder: folder() });
}

#[test]
fn double_clicked_with_an_empty_inbox_says_to_add_reports_and_waits() {
    let plan = plan(&[], true, Some(&home(true, true, false)), &nothing_exists);
    assert_eq!(plan, Plan { action: Action::NoReportsYet { folder: folder() }, wait: true });
}

#[test]
fn double_clicked_with_a_register_without_insatser_says_to_fill_it_in_and_waits() {
    for reports in [false, true] {
        let home = Home { register_empty: true, ..home(true, true, reports) };
        let plan = plan(&[], true, Some(&home), &nothing_exists);
        assert_eq!(plan, Plan { action: Action::FillRegister { folder: folder() }, wait: true });
    }
}

#[test]
fn double_clicked_without_a_known_folder_says_so_and_waits() {
    assert_eq!(plan(&[], true, None, &nothing_exists), Plan { action: Action::NoHome, wait: true });
}

#[test]
fn a_folder_or_files_dropped_are_checked_with_the_programs_register_and_wait() {
    let dropped = args(&["C:/Post/rapporter", "C:/Post/2018-K2 Heby.xlsx"]);
    // Explorer gives existing paths; the decision does not depend on it.
    for exists in [nothing_exists, everything_exists] {
        let plan = plan(&dropped, true, Some(&home(true, true, true)), &exists);
        let paths = vec![PathBuf::from("C:/Post/rapporter"), PathBuf::from("C:/Post/2018-K2 Heby.xlsx")];
        assert_eq!(plan, Plan { action: Action::Check { paths, folder: Some(folder()) }, wait: true });
    }
}

#[test]
fn a_command_in_its_own_console_runs_as_typed_and_does_not_wait() {
    // A shortcut or a script with a command line: it ends when done, as in a terminal.
    for line in [&["sammanstall"][..], &["check", "rapporter"], &["--help"], &["mall", "register"]] {
        let plan = plan(&args(line), true, Some(&home(false, false, false)), &everything_exists);
        assert_eq!(plan, Plan { action: Action::Parse, wait: false }, "{line:?}");
    }
}

#[test]
fn from_a_terminal_nothing_waits_and_no_arguments_is_the_help() {
    // Whatever the program's folder holds: a terminal user has a working folder.
    for home in [None, Some(home(true, true, true)), Some(home(false, false, false))] {
        let plan = plan(&[], false, home.as_ref(), &nothing_exists);
        assert_eq!(plan, Plan { action: Action::Help, wait: false });
    }
}

#[test]
fn from_a_terminal_a_command_is_parsed_and_paths_that_exist_are_checked() {
    let terminal = |line: &[&str], exists: fn(&Path) -> bool| plan(&args(line), false, None, &exists);
    for line in [&["kontrollera"][..], &["summary", "--period", "2018-H1"], &["-V"]] {
        assert_eq!(terminal(line, everything_exists), Plan { action: Action::Parse, wait: false });
    }
    // A typo stays clap's to answer ("Menade du kontrollera?").
    assert_eq!(terminal(&["kontrolera", "rapporter"], nothing_exists).action, Action::Parse);
    let check = Action::Check { paths: vec![PathBuf::from("rapporter")], folder: None };
    assert_eq!(terminal(&["rapporter"], everything_exists), Plan { action: check, wait: false });
}

/// A working folder with the samples' register and reports, as kansliet keeps it.
fn folder_with_samples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(samples().join("register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    let inbox = dir.path().join("rapporter");
    std::fs::create_dir(&inbox).unwrap();
    for entry in std::fs::read_dir(samples().join("rapporter")).unwrap().flatten() {
        std::fs::copy(entry.path(), inbox.join(entry.file_name())).unwrap();
    }
    dir
}

/// Carries out the plan for a double-click or drop in `home`: status,
/// stdout, stderr, and whether Enter was read.
fn double_click(line: &[&str], home: &Home) -> (ExitStatus, String, String, bool) {
    let line = args(line);
    let plan = plan(&line, true, Some(home), &|path: &Path| path.exists());
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut input = Cursor::new(b"\n".to_vec());
    let status = carry_out(&plan, &line, &mut out, &mut err, &mut input);
    let read_enter = input.position() == 1;
    (status, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap(), read_enter)
}

#[test]
fn a_double_click_in_a_new_folder_makes_it_ready_says_what_to_do_and_waits_for_enter() {
    let dir = tempfile::tempdir().unwrap();
    let (status, out, err, waited) = double_click(&[], &Home::look(dir.path()));
    assert_eq!(status, ExitStatus::Ok, "{err}");
    assert!(waited);
    assert!(dir.path().join("rapporter").is_dir());
    assert!(dir.path().join("mallar").is_dir());
    let (register, findings) = read_register(&dir.path().join("register.xlsx")).unwrap();
    assert!(register.insatser.is_empty());
    assert_eq!(findings.iter().map(|f| f.code).collect::<Vec<_>>(), vec![Code::RegisterIngaInsatser]);
    assert!(
        out.starts_with(&format!("Mappen {} är förberedd för uppföljningen:\n", dir.path().display())),
        "{out}"
    );
    for step in [
        "(skapades nu) här lägger du de inkomna kvartalsrapporterna",
        "1. Öppna register.xlsx och skriv in de beviljade insatserna på bladet Insatser.",
        "2. Lägg de inkomna kvartalsrapporterna i mappen rapporter.",
        "3. Starta programmet igen med dubbelklick: då skrivs arbetsboken för förbundsstyrelsen här.",
    ] {
        assert!(out.contains(step), "{step} missing in\n{out}");
    }
    assert!(out.ends_with(&format!("\n{PRESS_ENTER}\n")), "{out}");

    // Started again before the register is filled in: a word, and nothing replaced.
    let before = snapshot(dir.path());
    let (status, out, _, waited) = double_click(&[], &Home::look(dir.path()));
    assert_eq!((status, waited), (ExitStatus::Ok, true));
    assert_eq!(
        out,
        format!(
            "Registret {} har inga insatser ännu. Öppna det och skriv in de beviljade insatserna på bladet \
             Insatser (bladet Hjälp förklarar kolumnerna), spara och starta programmet igen.\n\n{PRESS_ENTER}\n",
            dir.path().join("register.xlsx").display()
        )
    );
    assert_eq!(snapshot(dir.path()), before);

    // With a filled register but before any report came: a word, and nothing replaced.
    std::fs::copy(samples().join("register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    let before = snapshot(dir.path());
    let (status, out, _, waited) = double_click(&[], &Home::look(dir.path()));
    assert_eq!((status, waited), (ExitStatus::Ok, true));
    assert_eq!(
        out,
        format!(
            "Mappen {} är tom. Lägg de inkomna kvartalsrapporterna där och starta programmet igen, så skrivs \
             arbetsboken för förbundsstyrelsen.\n\n{PRESS_ENTER}\n",
            dir.path().join("rapporter").display()
        )
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn empty_quarter_folders_made_ahead_are_no_reports_but_a_file_in_one_is() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(samples().join("register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    let quarter = dir.path().join("rapporter").join("2018").join("2018-K3");
    std::fs::create_dir_all(&quarter).unwrap();
    std::fs::create_dir_all(dir.path().join("rapporter").join("2018-K4")).unwrap();
    let look = Home::look(dir.path());
    assert!(look.register && look.inbox && !look.reports, "{look:?}");
    let (status, out, _, _) = double_click(&[], &look);
    assert_eq!(status, ExitStatus::Ok);
    assert!(out.starts_with("Mappen ") && out.contains(" är tom."), "{out}");

    std::fs::copy(samples().join("rapporter").join("2018-K2 GESAM.xlsx"), quarter.join("2018-K3 GESAM.xlsx"))
        .unwrap();
    assert!(Home::look(dir.path()).reports, "a report two folders down");
}

#[test]
fn a_register_whose_rows_all_have_problems_is_not_empty_and_its_problems_are_summarised() {
    let dir = folder_with_samples();
    // Every Start typed as text Excel does not take for a date: each row is left out.
    let (register, _) = read_register(&dir.path().join("register.xlsx")).unwrap();
    assert!(!register.insatser.is_empty());
    let book = common::register_book::RegisterBook::new().sheet(
        "Insatser",
        common::register_book::INSATSER,
        common::register_book::good_insatser()
            .into_iter()
            .map(|mut row| {
                row[8] = common::register_book::Cell::Text("1/7 2017".into());
                row
            })
            .collect(),
    );
    std::fs::remove_file(dir.path().join("register.xlsx")).unwrap();
    book.write_to(&dir.path().join("register.xlsx"));
    let look = Home::look(dir.path());
    assert!(!look.register_empty, "rows with problems are no empty register: {look:?}");
    let (status, _, err, waited) = double_click(&[], &look);
    assert_eq!((status, waited), (ExitStatus::Failed, true));
    assert!(
        err.contains(
            "Registret har ingen insats som kan användas: varje rad på bladet Insatser har fel. Rätta raderna och \
             kör igen. De första felen (3 i allt):\n  Insatser!I2: "
        ),
        "the problems are listed where a double-click shows them:\n{err}"
    );
    assert!(!err.contains("--period"), "no flag to a double-click: {err}");
}

#[test]
fn setting_up_never_replaces_a_register_or_folder_that_is_there() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("register.xlsx"), b"kansliets register").unwrap();
    let made = make_folder(dir.path()).unwrap();
    assert!(made.inbox && made.templates && !made.register);
    assert_eq!(std::fs::read(dir.path().join("register.xlsx")).unwrap(), b"kansliets register");
    let text = uppfoljning::start::set_up_text(dir.path(), &made);
    assert!(text.contains("register.xlsx  (fanns redan)"), "{text}");
}

#[test]
fn a_double_click_in_a_folder_set_up_writes_the_workbook_there_and_waits() {
    let dir = folder_with_samples();
    let (status, out, err, waited) = double_click(&[], &Home::look(dir.path()));
    assert_ne!(status, ExitStatus::Failed, "{out}{err}");
    assert!(waited);
    assert!(dir.path().join("Uppföljning 2018-K2.xlsx").is_file(), "{out}");
    assert!(out.contains("Perioden sattes till 2018-K2"), "{out}");
    assert!(out.ends_with(&format!("\n{PRESS_ENTER}\n")), "{out}");
}

#[test]
fn a_folder_dropped_is_checked_against_the_register_beside_the_program() {
    let program_folder = folder_with_samples();
    let elsewhere = common::samples::inbox_copy();
    let dropped = elsewhere.path().to_str().unwrap().to_string();
    let (status, out, err, waited) = double_click(&[&dropped], &Home::look(program_folder.path()));
    assert_ne!(status, ExitStatus::Failed, "{out}{err}");
    assert!(waited);
    assert!(out.starts_with("Registret register.xlsx: "), "{out}");
    assert!(out.contains("Sammanfattning: "), "{out}");
    assert!(!program_folder.path().join("Uppföljning 2018-K2.xlsx").exists(), "a check writes no workbook");
}

#[test]
fn the_binary_without_arguments_in_a_terminal_prints_the_help_and_makes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("uppfoljning").unwrap().current_dir(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.starts_with("Uppföljning av insatser: "), "{err}");
    assert!(err.contains("Användning: uppfoljning <KOMMANDO>"), "{err}");
    assert!(!err.contains(PRESS_ENTER), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "a terminal's folder is left as it was");
}
