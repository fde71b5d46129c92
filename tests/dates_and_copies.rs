//! Issue 12: a report date that would decide wrongly, a quarter that cannot
//! have been reported yet, and the wrong file for a quarter (last quarter's
//! file again, a byte-identical copy, a stale copy). Built from the samples
//! (written again from their source with one thing changed) and from
//! reports written in code; "today" is set by each test.

mod common;

#[allow(dead_code)]
#[path = "../examples/samples.rs"]
mod sample_source;

use chrono::NaiveDate;
use common::TODAY;
use common::minimal_report::{Cell, MinimalReport, num};
use common::samples::{inbox_copy, sample_register, samples};
use common::test_register::register;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use uppfoljning::aggregate::{KallStatus, Sammanstallning, aggregate};
use uppfoljning::commands::kontrollera::{Checked, check_all};
use uppfoljning::commands::sammanstall::newest_quarter;
use uppfoljning::discover::discover;
use uppfoljning::feedback::{self, Avsandare};
use uppfoljning::finding::{Code, Finding, Severity};
use uppfoljning::inbox::read_inbox;
use uppfoljning::period::{Kvartal, Period};
use uppfoljning::register::Register;
use uppfoljning::report::read_report;
use uppfoljning::template::{self, Answer, Answers, Prefill};

const FILE: &str = "2018-K2 Heby.xlsx";
const HEBY: &str = "2017:33";
const HEBY_K1: &str = "2018-K1 Heby, Individstöd i samverkan.xlsx";
const HEBY_K2: &str = "2018-K2 Heby, Individstöd i samverkan.xlsx";
const K1: Kvartal = Kvartal { ar: 2018, kvartal: 1 };
const K2: Kvartal = Kvartal { ar: 2018, kvartal: 2 };

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The sample report of Heby for `q` written again from the samples'
/// source after `edit`: its bytes.
fn heby(q: Kvartal, edit: impl FnOnce(&mut Prefill, &mut Answers)) -> Vec<u8> {
    let source = sample_source::Source::read(&samples().join("source")).unwrap();
    let report = source.report(HEBY, q).unwrap();
    let mut prefill = source.prefill(report).unwrap();
    let mut answers = report.answers.clone();
    edit(&mut prefill, &mut answers);
    template::write_report(Some(&prefill), &answers).unwrap()
}

fn write(path: &Path, bytes: &[u8], modified: SystemTime) {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
    std::fs::File::options().write(true).open(path).unwrap().set_modified(modified).unwrap();
}

fn run(register: &Register, folder: &Path, period: &str, today: NaiveDate) -> Sammanstallning {
    let found = discover(&[folder.to_path_buf()]).unwrap();
    aggregate(register, &[], &read_inbox(&found), Period::parse(period).unwrap(), today)
}

fn kontrollera(register: &Register, folder: &Path, today: NaiveDate) -> Vec<Checked> {
    check_all(
        register,
        &discover(&[folder.to_path_buf()]).unwrap(),
        uppfoljning::select::Scope::EveryQuarter,
        today,
    )
}

fn findings_of<'a>(fynd: &'a [Finding], file: &str, code: Code) -> Vec<&'a Finding> {
    fynd.iter().filter(|f| f.file == file && f.code == code).collect()
}

fn status(s: &Sammanstallning, file: &str) -> KallStatus {
    s.kallor.iter().find(|k| k.fil == file).unwrap_or_else(|| panic!("{file}: {:#?}", s.kallor)).status
}

#[test]
fn a_date_cell_holding_a_serial_excel_shows_as_a_day_that_never_was_is_a_fel_at_the_cell() {
    for (serial, shown) in [(0.0, "1900-01-00"), (60.0, "1900-02-29"), (-5.0, "#####")] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        MinimalReport::valid().set("rapportdatum", Cell::DateSerial(serial)).write(&path);
        let outcome = read_report(&path, FILE);
        let report = outcome.report.as_ref().unwrap();
        assert_eq!(report.rapportdatum, None, "{serial}");
        let finding = outcome.findings.iter().find(|f| f.field.as_deref() == Some("rapportdatum")).unwrap();
        assert_eq!(finding.code, Code::VardeOgiltigt);
        assert_eq!(finding.severity, Severity::Fel);
        assert_eq!(finding.cell, Some(MinimalReport::cell_of("rapportdatum")));
        assert!(finding.message.contains("är inget riktigt datum"), "{}", finding.message);
        assert!(finding.message.contains(shown), "{}", finding.message);
    }
}

#[test]
fn a_mistyped_report_date_does_not_beat_a_later_correction() {
    let dir = inbox_copy();
    let sent = SystemTime::now() - Duration::from_secs(3600);
    let typo = heby(K2, |_, answers| {
        answers.insert("rapportdatum", Answer::Date(day(2081, 7, 10)));
    });
    write(&dir.path().join(HEBY_K2), &typo, sent);
    let corrected = "2018-K2 Heby rättad.xlsx";
    let correction = heby(K2, |_, answers| {
        answers.insert("rapportdatum", Answer::Date(day(2018, 7, 20)));
        answers.insert("analys", Answer::Text("Rättad rapport.".into()));
    });
    write(&dir.path().join(corrected), &correction, sent + Duration::from_secs(60));

    let s = run(&sample_register(), dir.path(), "2018-H1", TODAY);
    assert_eq!(status(&s, corrected), KallStatus::Anvand);
    assert_eq!(status(&s, HEBY_K2), KallStatus::Ersatt);
    let replaced = findings_of(&s.fynd, HEBY_K2, Code::RapportErsatt);
    assert_eq!(replaced.len(), 1, "{:#?}", s.fynd);
    assert!(replaced[0].message.contains(&format!("Den nyaste, {corrected}, används")));
    let date = findings_of(&s.fynd, HEBY_K2, Code::RapportdatumOrimligt);
    assert_eq!(date.len(), 1, "{:#?}", s.fynd);
    assert_eq!(date[0].severity, Severity::Varning);
    assert_eq!(date[0].field.as_deref(), Some("rapportdatum"));
    assert_eq!(
        date[0].message,
        "Rapportdatumet 2081-07-10 ligger efter dagens datum och används inte för att avgöra vilken version som \
         är nyast; filens ändringstid används i stället. Skriv det datum då rapporten skrevs, som ÅÅÅÅ-MM-DD."
    );

    // kontrollera says the same of the file.
    let checked = kontrollera(&sample_register(), dir.path(), TODAY);
    let typo = checked.iter().find(|c| c.name == HEBY_K2).unwrap();
    assert_eq!(
        findings_of(&typo.findings, HEBY_K2, Code::RapportdatumOrimligt).len(),
        1,
        "{:#?}",
        typo.findings
    );
}

#[test]
fn a_version_with_no_real_date_is_ordered_by_modification_time() {
    let dir = tempfile::tempdir().unwrap();
    let sent = SystemTime::now() - Duration::from_secs(3600);
    let old = MinimalReport::valid().set("rapportdatum", Cell::Date(2018, 7, 20));
    write_minimal(&dir.path().join("2018-K2 Heby.xlsx"), &old, sent);
    // Newer, but its date is serial 60: read before, it was 1900-02-28 and lost.
    let new =
        MinimalReport::valid().set("rapportdatum", Cell::DateSerial(60.0)).set("utfall_kr", num(342_000.0));
    write_minimal(&dir.path().join("2018-K2 Heby ny.xlsx"), &new, sent + Duration::from_secs(60));
    let s = run(&register(), dir.path(), "2018-K2", TODAY);
    assert_eq!(status(&s, "2018-K2 Heby ny.xlsx"), KallStatus::Anvand);
    assert_eq!(status(&s, "2018-K2 Heby.xlsx"), KallStatus::Ersatt);
}

fn write_minimal(path: &Path, report: &MinimalReport, modified: SystemTime) {
    report.write(path);
    std::fs::File::options().write(true).open(path).unwrap().set_modified(modified).unwrap();
}

#[test]
fn a_report_for_a_quarter_not_over_is_a_fel_is_not_used_and_does_not_set_the_default_period() {
    let dir = tempfile::tempdir().unwrap();
    MinimalReport::valid().write(&dir.path().join("2018-K2 Heby.xlsx"));
    // Quarter 3 typed for 2, on 2018-07-15.
    let k3 =
        MinimalReport::valid().set("period_kvartal", num(3.0)).set("rapportdatum", Cell::Date(2018, 7, 12));
    k3.write(&dir.path().join("2018-K2 Heby igen.xlsx"));
    let today = day(2018, 7, 15);
    let inbox = read_inbox(&discover(&[dir.path().to_path_buf()]).unwrap());
    assert_eq!(newest_quarter(&register(), &inbox, today), Some(Period::Kvartal(K2)));

    // With --period 2018-K3 it is still not used.
    let s = run(&register(), dir.path(), "2018-K3", today);
    assert_eq!(status(&s, "2018-K2 Heby igen.xlsx"), KallStatus::Fel);
    let fel = findings_of(&s.fynd, "2018-K2 Heby igen.xlsx", Code::KvartalEjSlut);
    assert_eq!(fel.len(), 1, "{:#?}", s.fynd);
    assert_eq!(fel[0].severity, Severity::Fel);
    assert_eq!(fel[0].cell, Some(MinimalReport::cell_of("period_kvartal")));
    assert_eq!(
        fel[0].message,
        "Rapporten gäller 2018-K3, som inte är slut förrän 2018-09-30: ett kvartal kan inte rapporteras innan \
         det är slut. Rätta år och kvartal till det kvartal rapporten gäller; rapporten används inte förrän det \
         är rättat."
    );
    let checked = kontrollera(&register(), dir.path(), today);
    let file = checked.iter().find(|c| c.name == "2018-K2 Heby igen.xlsx").unwrap();
    assert_eq!(findings_of(&file.findings, &file.name, Code::KvartalEjSlut).len(), 1, "{:#?}", file.findings);
}

#[test]
fn a_year_typed_wrong_in_the_quarter_is_a_fel_and_the_reminder_names_the_file() {
    // 2028-K2 typed for 2018-K2, dated 2018-07-10.
    let dir = inbox_copy();
    let typo = heby(K2, |prefill, _| prefill.kvartal = Kvartal { ar: 2028, kvartal: 2 });
    std::fs::write(dir.path().join(HEBY_K2), typo).unwrap();
    let s = run(&sample_register(), dir.path(), "2018-H1", TODAY);
    let fel = findings_of(&s.fynd, HEBY_K2, Code::KvartalEjSlut);
    assert_eq!(fel.len(), 1, "{:#?}", s.fynd);
    assert_eq!(
        fel[0].message,
        "Rapporten gäller 2028-K2, som inte är slut förrän 2028-06-30: ett kvartal kan inte rapporteras innan \
         det är slut. Rätta år och kvartal till det kvartal rapporten gäller; rapporten används inte förrän det \
         är rättat."
    );
    let reminder = reminder_of(&s, HEBY, K2);
    assert!(
        reminder.contains(&format!("Vi har fått filen {HEBY_K2}, men den gäller 2028-K2, inte 2018-K2.\n")),
        "{reminder}"
    );
    assert!(!reminder.contains("kommit bort på vägen"), "{reminder}");
    // A year in the past is caught by the report's own date.
    let dir = inbox_copy();
    let typo = heby(K2, |prefill, _| prefill.kvartal = Kvartal { ar: 2019, kvartal: 2 });
    std::fs::write(dir.path().join(HEBY_K2), typo).unwrap();
    let inbox = read_inbox(&discover(&[dir.path().to_path_buf()]).unwrap());
    assert_eq!(newest_quarter(&sample_register(), &inbox, TODAY), Some(Period::Kvartal(K2)));
    let s = run(&sample_register(), dir.path(), "2018-H1", TODAY);
    let fel = findings_of(&s.fynd, HEBY_K2, Code::KvartalEjSlut);
    assert_eq!(fel.len(), 1, "{:#?}", s.fynd);
    assert_eq!(
        fel[0].message,
        "Rapporten gäller 2019-K2, men rapportdatumet 2018-07-18 ligger före kvartalets slut (2019-06-30): ett \
         kvartal kan inte rapporteras innan det är slut. Rätta år och kvartal till det kvartal rapporten gäller, \
         eller rapportdatumet om det är det som är fel; rapporten används inte förrän det är rättat."
    );
}

/// The text of the reminder for insats `id`'s missing report of `q`.
fn reminder_of(s: &Sammanstallning, id: &str, q: Kvartal) -> String {
    let underlag = feedback::from_sammanstallning(s);
    let messages = feedback::messages(&underlag, &Avsandare::default());
    let index = underlag
        .iter()
        .filter(|u| u.saknas() || !u.fynd.is_empty())
        .position(|u| u.saknas() && u.insats_id.as_deref() == Some(id) && u.kvartal == Some(q))
        .unwrap_or_else(|| panic!("no reminder for {id} {q}: {underlag:#?}"));
    messages[index].text.clone()
}

/// `rapporter/2018-K1/` and `rapporter/2018-K2/` with the samples of each
/// quarter; Heby's 2018-K2 left out.
fn quarter_folders() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let rapporter = dir.path().join("rapporter");
    for entry in std::fs::read_dir(samples().join("rapporter")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == HEBY_K2 {
            continue;
        }
        let folder = rapporter.join(&name[..7]);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::copy(entry.path(), folder.join(&name)).unwrap();
    }
    (dir, rapporter)
}

#[test]
fn last_quarters_file_in_this_quarters_folder_is_named_as_such_and_the_reminder_says_which_came() {
    let (_dir, rapporter) = quarter_folders();
    // Heby sent last quarter's file again; kansliet saved it in 2018-K2.
    let again = format!("2018-K2/{HEBY_K1}");
    let bytes = std::fs::read(rapporter.join("2018-K1").join(HEBY_K1)).unwrap();
    write(&rapporter.join(&again), &bytes, SystemTime::now());

    let s = run(&sample_register(), &rapporter, "2018-K2", TODAY);
    let folder = findings_of(&s.fynd, &again, Code::KvartalAnnatAnMappen);
    assert_eq!(folder.len(), 1, "{:#?}", s.fynd);
    assert_eq!(folder[0].severity, Severity::Varning);
    assert_eq!(
        folder[0].message,
        "Rapporten gäller 2018-K1, men ligger i mappen \"2018-K2\", som är för 2018-K2. Är det fel fil, till \
         exempel förra kvartalets som skickats igen, be styrgruppen om rapporten för 2018-K2; är det rätt fil, \
         flytta den till mappen för 2018-K1."
    );
    // The same bytes as the original: a copy, not a newer version of 2018-K1.
    let copy = findings_of(&s.fynd, &again, Code::RapportKopia);
    assert_eq!(copy.len(), 1, "{:#?}", s.fynd);
    assert_eq!(status(&s, &again), KallStatus::Ersatt);
    assert_eq!(status(&s, &format!("2018-K1/{HEBY_K1}")), KallStatus::AnnanPeriod);
    let reminder = reminder_of(&s, HEBY, K2);
    assert!(
        reminder.contains(&format!("Vi har fått filen {again}, men den gäller 2018-K1, inte 2018-K2.\n")),
        "{reminder}"
    );
    assert!(!reminder.contains("kommit bort på vägen"), "{reminder}");

    // kontrollera on the quarter's folder alone names it too.
    let checked = kontrollera(&sample_register(), &rapporter.join("2018-K2"), TODAY);
    let file = checked.iter().find(|c| c.name == HEBY_K1).unwrap();
    assert_eq!(
        findings_of(&file.findings, HEBY_K1, Code::KvartalAnnatAnMappen).len(),
        1,
        "{:#?}",
        file.findings
    );
    assert_eq!(file.verdict().text(), "Godkänd med 1 varning.");
}

#[test]
fn last_quarters_report_in_this_quarters_folder_that_counts_for_its_own_quarter_is_still_named_on_kontroll() {
    // Heby's 2018-K1 report reached kansliet only now, and was saved in 2018-K2
    // (no copy of it elsewhere): it counts for 2018-K1, history to a run for
    // 2018-K2, but the folder's Varning is kansliet's to see on Kontroll.
    let (_dir, rapporter) = quarter_folders();
    let misplaced = format!("2018-K2/{HEBY_K1}");
    std::fs::rename(rapporter.join("2018-K1").join(HEBY_K1), rapporter.join(&misplaced)).unwrap();

    let s = run(&sample_register(), &rapporter, "2018-K2", TODAY);
    assert_eq!(status(&s, &misplaced), KallStatus::AnnanPeriod);
    let folder = findings_of(&s.fynd, &misplaced, Code::KvartalAnnatAnMappen);
    assert_eq!(folder.len(), 1, "{:#?}", s.fynd);
    assert_eq!(folder[0].insats_id.as_deref(), Some(HEBY));
}

#[test]
fn a_byte_identical_copy_in_another_folder_does_not_replace_the_original() {
    let dir = inbox_copy();
    let original = dir.path().join(HEBY_K2);
    let copy = format!("kopia/{HEBY_K2}");
    let bytes = std::fs::read(&original).unwrap();
    write(&original, &bytes, SystemTime::now() - Duration::from_secs(3600));
    write(&dir.path().join(&copy), &bytes, SystemTime::now());

    let s = run(&sample_register(), dir.path(), "2018-H1", TODAY);
    assert_eq!(status(&s, HEBY_K2), KallStatus::Anvand);
    assert_eq!(status(&s, &copy), KallStatus::Ersatt);
    let kalla = s.kallor.iter().find(|k| k.fil == copy).unwrap();
    assert_eq!(kalla.kommentar.as_deref(), Some(format!("Kopia av {HEBY_K2}").as_str()));
    assert!(!s.fynd.iter().any(|f| f.code == Code::RapportErsatt), "{:#?}", s.fynd);
    let found = findings_of(&s.fynd, &copy, Code::RapportKopia);
    assert_eq!(found.len(), 1, "{:#?}", s.fynd);
    assert_eq!(found[0].severity, Severity::Info);
    assert_eq!(
        found[0].message,
        format!(
            "Filen är en exakt kopia (samma innehåll byte för byte) av {HEBY_K2}. Den räknas som samma rapport, \
             inte som en nyare version; ta bort kopian om den inte behövs."
        )
    );
}

#[test]
fn a_stale_copy_with_only_the_quarter_and_date_changed_is_a_warning() {
    let dir = inbox_copy();
    let k1_budget = heby_budget(K1);
    // Last quarter's answers, the quarter and date changed, nothing else.
    let stale = heby(K1, |prefill, answers| {
        *prefill = Prefill { kvartal: K2, budget_kr: k1_budget, ..prefill.clone() };
        answers.insert("rapportdatum", Answer::Date(day(2018, 7, 10)));
    });
    std::fs::write(dir.path().join(HEBY_K2), stale).unwrap();
    let s = run(&sample_register(), dir.path(), "2018-H1", TODAY);
    let found = findings_of(&s.fynd, HEBY_K2, Code::SiffrorSammaSomForra);
    assert_eq!(found.len(), 1, "{:#?}", s.fynd);
    assert_eq!(found[0].severity, Severity::Varning);
    assert_eq!(found[0].insats_id.as_deref(), Some(HEBY));
    assert_eq!(
        found[0].message,
        format!(
            "Siffrorna är desamma som i rapporten för 2018-K1 (fil {HEBY_K1}): alla svar och belopp är lika, \
             bara år, kvartal och datum skiljer. Fyll i rapporten med uppgifterna för 2018-K2 och skicka den igen."
        )
    );
    // Its figures are not shown as fine: what was green is yellow, with why.
    let heby = s.insatser.iter().find(|i| i.id == HEBY).unwrap();
    let copied = "Rapporten för 2018-K2 har samma svar och siffror som rapporten för kvartalet före, troligen \
                  förra kvartalets fil skickad igen; siffrorna bedöms inte som i linje förrän styrgruppen har \
                  kontrollerat dem.";
    for judged in [Some(&heby.budget.prognos), heby.deltagare.as_ref().map(|d| &d.takt)].into_iter().flatten()
    {
        assert_ne!(judged.status, Some(uppfoljning::register::Status::Gron), "{judged:?}");
    }
    assert!(
        [Some(&heby.budget.prognos), heby.deltagare.as_ref().map(|d| &d.takt)]
            .into_iter()
            .flatten()
            .any(|judged| judged.anmarkning.as_deref().is_some_and(|a| a.contains(copied))),
        "the reason is given: {:?} {:?}",
        heby.budget.prognos,
        heby.deltagare.as_ref().map(|d| &d.takt)
    );
    // The samples themselves repeat no quarter.
    let s = run(&sample_register(), &samples().join("rapporter"), "2018-H1", TODAY);
    assert!(!s.fynd.iter().any(|f| f.code == Code::SiffrorSammaSomForra), "{:#?}", s.fynd);
}

fn heby_budget(q: Kvartal) -> Option<rust_decimal::Decimal> {
    let source = sample_source::Source::read(&samples().join("source")).unwrap();
    source.prefill(source.report(HEBY, q).unwrap()).unwrap().budget_kr
}

/// The binary over a copy of the samples with Heby's 2018-K2 typed as
/// 2028-K2, without `--period`: the real clock, which is before 2028-K2 ends
/// for as long as this test matters.
#[test]
fn sammanstall_without_period_is_not_moved_to_a_quarter_not_over() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(samples().join("register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    let rapporter = dir.path().join("rapporter");
    std::fs::create_dir(&rapporter).unwrap();
    for entry in std::fs::read_dir(samples().join("rapporter")).unwrap().flatten() {
        std::fs::copy(entry.path(), rapporter.join(entry.file_name())).unwrap();
    }
    let typo = heby(K2, |prefill, _| prefill.kvartal = Kvartal { ar: 2028, kvartal: 2 });
    std::fs::write(rapporter.join(HEBY_K2), typo).unwrap();
    let output = assert_cmd::Command::cargo_bin("uppfoljning")
        .unwrap()
        .args(["sammanstall", "--aterkoppling", "aterkoppling"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.starts_with("Perioden sattes till 2018-K2 efter de senaste rapporterna"), "{stdout}");
    assert!(stdout.contains("Rapport saknas: Heby, Individstöd i samverkan (2018-K2)."), "{stdout}");
    let reminder = std::fs::read_dir(dir.path().join("aterkoppling"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with("påminnelse.txt"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .find(|text| text.contains("Heby"))
        .unwrap();
    assert!(
        reminder.contains(&format!("Vi har fått filen {HEBY_K2}, men den gäller 2028-K2, inte 2018-K2.")),
        "{reminder}"
    );
}

/// `uppfoljning ARGS` in `dir`: (exit code, stdout).
fn binary_in(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output =
        assert_cmd::Command::cargo_bin("uppfoljning").unwrap().current_dir(dir).args(args).output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap())
}

#[test]
fn kontrollera_for_a_quarter_shows_the_file_that_came_for_it_and_sammanstall_names_what_it_set_aside() {
    let (dir, rapporter) = quarter_folders();
    std::fs::copy(samples().join("register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    // Heby sent last quarter's file again, and another insats typed 2028 for 2018.
    let again = format!("2018-K2/{HEBY_K1}");
    std::fs::copy(rapporter.join("2018-K1").join(HEBY_K1), rapporter.join(&again)).unwrap();
    let typo = heby(K2, |prefill, _| prefill.kvartal = Kvartal { ar: 2028, kvartal: 2 });
    std::fs::write(rapporter.join("2018-K2/2018-K2 Heby 2028.xlsx"), typo).unwrap();

    let (_, out) = binary_in(dir.path(), &["kontrollera", "--period", "2018-K2"]);
    // Reports of 2018-K1 are summed up in one line, but not the two that came as 2018-K2's.
    assert!(out.contains(&format!("{again} – Heby, Individstöd i samverkan (2017:33), 2018-K1\n")), "{out}");
    assert!(out.contains("men ligger i mappen \"2018-K2\", som är för 2018-K2"), "{out}");
    assert!(
        out.contains("2018-K2/2018-K2 Heby 2028.xlsx – Heby, Individstöd i samverkan (2017:33), 2028-K2\n")
    );
    assert!(out.contains("18 rapporter från andra kvartal än 2018-K2 kontrollerades inte"), "{out}");
    // One blank line between blocks, never two.
    assert!(!out.contains("\n\n\n"), "{out}");

    let (code, out) = binary_in(dir.path(), &["sammanstall", "--period", "2018-K2"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(
            "Används inte (fel i insats eller kvartal, se bladet Kontroll): 2018-K2/2018-K2 Heby 2028.xlsx.\n"
        ),
        "{out}"
    );
}
