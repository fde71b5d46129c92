//! Every command's defaults in a working folder as kansliet keeps it:
//! `register.xlsx` and `rapporter` found without flags by `sammanstall`,
//! `kontrollera` and `mall` alike; `mall` makes the templates for the
//! quarter after the newest reports, into `mallar`.

mod common;

use assert_cmd::Command;
use common::TODAY;
use common::samples::{sample_register, samples};
use std::path::Path;
use uppfoljning::commands::mall::{QuarterFrom, quarter_line, template_quarter};
use uppfoljning::period::Kvartal;

/// A working folder with the samples' register and reports.
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

/// The command in `dir`: exit code, stdout, stderr.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("uppfoljning").unwrap().current_dir(dir).args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

fn k(ar: i32, kvartal: u8) -> Kvartal {
    Kvartal::new(ar, kvartal).unwrap()
}

#[test]
fn sammanstall_without_flags_reads_the_working_folder_and_writes_the_workbook_there() {
    let dir = folder_with_samples();
    let (code, out, err) = run_in(dir.path(), &["sammanstall"]);
    assert_ne!(code, 2, "{out}{err}");
    assert!(out.starts_with("Perioden sattes till 2018-K2 efter de senaste rapporterna"), "{out}");
    assert!(dir.path().join("Uppföljning 2018-K2.xlsx").is_file());
}

#[test]
fn kontrollera_without_flags_reads_the_register_and_every_report_of_the_working_folder() {
    let dir = folder_with_samples();
    let reports = files_in(&dir.path().join("rapporter")).len();
    let (code, out, err) = run_in(dir.path(), &["kontrollera"]);
    assert_ne!(code, 2, "{out}{err}");
    let insatser = sample_register().insatser.len();
    assert!(out.starts_with(&format!("Registret register.xlsx: {insatser} insatser")), "{out}");
    assert!(out.contains(&format!("Sammanfattning: {reports} filer")), "{out}");
}

#[test]
fn mall_without_flags_makes_the_quarter_after_the_newest_reports_into_mallar() {
    let dir = folder_with_samples();
    let (code, out, err) = run_in(dir.path(), &["mall"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.starts_with(
            "Kvartalet sattes till 2018-K3, kvartalet efter de senaste rapporterna (2018-K2); ange --period för \
             ett annat.\n\n"
        ),
        "{out}"
    );
    let register = sample_register();
    let active = register.active_in(k(2018, 3), k(2018, 3).last_day()).len();
    assert!(active > 0);
    let written = files_in(&dir.path().join("mallar"));
    assert_eq!(written.len(), active, "{written:?}");
    assert!(written.iter().all(|name| name.starts_with("2018-K3 ")), "{written:?}");
    assert!(out.contains(&format!("Skrev {active} ifyllda mallar för 2018-K3 till mallar.")), "{out}");

    // Again: nothing is written over.
    let before = common::files::snapshot(&dir.path().join("mallar"));
    let (code, out, _) = run_in(dir.path(), &["mall"]);
    assert_eq!(code, 0);
    assert_eq!(out.matches("Finns redan, lämnades orörd:").count(), active, "{out}");
    assert_eq!(common::files::snapshot(&dir.path().join("mallar")), before);
}

#[test]
fn mall_with_a_quarter_only_takes_the_register_of_the_working_folder() {
    let dir = folder_with_samples();
    let (code, out, err) = run_in(dir.path(), &["mall", "--period", "2018-K2"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("Skrev 18 ifyllda mallar för 2018-K2 till mallar."), "{out}");
    assert!(!out.contains("Kvartalet sattes"), "{out}");
}

#[test]
fn mall_without_reports_makes_the_templates_of_the_current_quarter() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(samples().join("register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    let (code, out, err) = run_in(dir.path(), &["mall"]);
    // The clock is the binary's: the quarter is read from what it says.
    let first = out.lines().next().unwrap_or_default();
    let quarter = first
        .strip_prefix("Kvartalet sattes till ")
        .and_then(|rest| rest.split(',').next())
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(
        first,
        format!(
            "Kvartalet sattes till {quarter}, innevarande kvartal, eftersom det inte finns några rapporter; ange \
             --period för ett annat."
        )
    );
    // The samples' insatser ended long before today's quarter: nothing to
    // write is said, with the quarters they run in, and is no success.
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains(&format!(
            "Fel: Ingen insats i registret pågår under perioden {quarter} ({}), så inga mallar skrevs. \
             Registrets insatser pågår från ",
            uppfoljning::period::Period::parse(quarter).unwrap().in_words()
        )),
        "{out}"
    );
    assert!(!dir.path().join("mallar").exists(), "no empty folder is left");
}

#[test]
fn mall_for_a_quarter_no_insats_runs_in_says_so_and_writes_nothing() {
    let dir = folder_with_samples();
    let (code, out, err) = run_in(dir.path(), &["mall", "--period", "2081-K1"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.starts_with("Fel: Ingen insats i registret pågår under perioden 2081-K1"), "{out}");
    assert!(!out.contains("Skrev 0"), "{out}");
}

#[test]
fn the_template_quarter_follows_the_newest_report_or_else_today() {
    let register = sample_register();
    let found = uppfoljning::discover::discover(&[samples().join("rapporter")]).unwrap();
    let inbox = uppfoljning::inbox::read_inbox(&found);
    assert_eq!(
        template_quarter(&register, Some(&inbox), TODAY),
        (k(2018, 3), QuarterFrom::AfterReports(k(2018, 2)))
    );
    assert_eq!(template_quarter(&register, None, TODAY), (k(2026, 1), QuarterFrom::Today));
    // Reports of a quarter not over yet do not count.
    let early = chrono::NaiveDate::from_ymd_opt(2018, 5, 2).unwrap();
    assert_eq!(
        template_quarter(&register, Some(&inbox), early),
        (k(2018, 2), QuarterFrom::AfterReports(k(2018, 1)))
    );
    assert_eq!(quarter_line(k(2026, 1), QuarterFrom::Given), None);
    // Reports came, but none of an insats the register knows.
    let mut unknown = sample_register();
    unknown.insatser.clear();
    assert_eq!(template_quarter(&unknown, Some(&inbox), TODAY), (k(2026, 1), QuarterFrom::TodayNoneMatched));
    let line = quarter_line(k(2026, 1), QuarterFrom::TodayNoneMatched).unwrap();
    assert!(line.contains("eftersom ingen av rapporterna gäller ett kvartal då en insats i registret pågår"));
}

#[test]
fn every_command_without_a_register_in_the_working_folder_says_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("rapporter")).unwrap();
    for command in ["sammanstall", "kontrollera", "mall"] {
        let (code, out, err) = run_in(dir.path(), &[command]);
        assert_eq!(code, 2, "{command}: {out}{err}");
        assert!(
            err.starts_with("Fel: Hittar inget register: register.xlsx finns inte i arbetsmappen "),
            "{command}: {err}"
        );
    }
    assert_eq!(files_in(dir.path()), vec!["rapporter".to_string()], "nothing is made");
}

#[test]
fn mall_register_without_flags_writes_register_xlsx_in_the_working_folder_once() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run_in(dir.path(), &["mall", "register"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out,
        "Skrev ett tomt register till register.xlsx. Fyll i de beviljade insatserna på bladet Insatser; bladet \
         Hjälp förklarar kolumnerna.\n"
    );
    assert_eq!(files_in(dir.path()), vec!["register.xlsx".to_string()]);
    let (code, _, err) = run_in(dir.path(), &["mall", "register"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "Fel: register.xlsx finns redan och skrivs inte över. Välj ett annat namn eller flytta den befintliga \
         filen.\n"
    );
}
