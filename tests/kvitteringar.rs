//! An explanation answers a warning, and kansliet's `Kvitteringar` accept a
//! finding: run end to end through the binary on a register and a report
//! built in code, each case beside the same run without the answer, so the
//! difference in exit code, feedback and findings is the answer's doing.

mod common;
#[allow(dead_code)]
#[path = "common/tables.rs"]
mod tables;

use assert_cmd::Command;
use common::eml::decode_qp;
use common::minimal_report::{MinimalReport, num, text};
use common::register_book::{INSATSER, RegisterBook, date, row};
use serde_json::Value;
use std::path::{Path, PathBuf};
use uppfoljning::finding::{Code, Severity};
use uppfoljning::period::Kvartal;
use uppfoljning::register::read_register;

const KVITTERINGAR: &[&str] = &["Id", "Period", "Kod", "Motivering"];
const MOTE_FORKLARING: &str = "Mötet flyttades till början av juli på grund av semestrar.";
const NEGATIV_MOTIVERING: &str = "Återbetalning av en felbokning; ekonomen har bekräftat beloppet.";
const MALGRUPP_MOTIVERING: &str = "Två deltagare är 17 år; styrelsen godkände det i maj.";

/// The register of the report [`MinimalReport::valid`] was written for.
fn register() -> RegisterBook {
    RegisterBook::new().sheet(
        "Insatser",
        INSATSER,
        vec![row![
            "2018:1",
            "Heby, Individstöd i samverkan",
            "Heby",
            "Heby",
            "Heby kommun",
            "Kommun; AF; FK",
            "Individ",
            "Arbete och studier",
            date(2017, 7, 1),
            date(2020, 6, 30),
            4_200_000,
            1_400_000,
            120,
            18,
            64,
            4
        ]],
    )
}

fn with_kvitteringar(rows: &[[&str; 4]]) -> RegisterBook {
    let rows =
        rows.iter().map(|[id, period, kod, motivering]| row![*id, *period, *kod, *motivering]).collect();
    register().sheet("Kvitteringar", KVITTERINGAR, rows)
}

/// What one run of the binary left: its exit code, what it printed, and
/// each feedback message as (file name, decoded body).
struct Run {
    code: i32,
    stdout: String,
    /// The drafts that ask the styrgrupp for something (fix, explain,
    /// send): what an explanation or an acceptance must silence.
    messages: Vec<(String, String)>,
    /// The receipts for approved reports, by file name.
    receipts: Vec<String>,
    dir: tempfile::TempDir,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_slice(&std::fs::read(self.dir.path().join("ut.json")).unwrap()).unwrap()
    }

    fn workbook(&self) -> PathBuf {
        self.dir.path().join("ut.xlsx")
    }

    /// The bodies of every message, one text.
    fn feedback(&self) -> String {
        self.messages.iter().map(|(_, body)| body.as_str()).collect::<Vec<_>>().join("\n")
    }
}

/// Runs `kontrollera` (with `None`) or `sammanstall --period` over one
/// report, with feedback.
fn run(register: &RegisterBook, report: &MinimalReport, period: Option<&str>) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let register_path = register.write(dir.path());
    let inbox = dir.path().join("rapporter");
    std::fs::create_dir(&inbox).unwrap();
    report.write(&inbox.join("rapport.xlsx"));
    let feedback = dir.path().join("aterkoppling");
    let mut command = Command::cargo_bin("uppfoljning").unwrap();
    match period {
        None => command.arg("kontrollera"),
        Some(period) => command
            .arg("sammanstall")
            .arg("--period")
            .arg(period)
            .arg("--ut")
            .arg(dir.path().join("ut.xlsx"))
            .arg("--json")
            .arg(dir.path().join("ut.json")),
    };
    let output = command
        .arg("--register")
        .arg(&register_path)
        .arg("--aterkoppling")
        .arg(&feedback)
        .arg(&inbox)
        .output()
        .unwrap();
    let code = output.status.code().unwrap_or(-1);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(code == 0 || code == 1, "exit {code}: {stdout}{}", String::from_utf8_lossy(&output.stderr));
    let (receipts, messages): (Vec<_>, Vec<_>) =
        emls(&feedback).into_iter().partition(|(name, _)| name.ends_with("– kvittens.eml"));
    Run { code, stdout, messages, receipts: receipts.into_iter().map(|(name, _)| name).collect(), dir }
}

/// Every `.eml` of the folder, by name, with its body decoded.
fn emls(folder: &Path) -> Vec<(String, String)> {
    let mut messages: Vec<(String, String)> = std::fs::read_dir(folder)
        .map(|entries| entries.flatten().map(|e| e.path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .map(|p| {
            let text = String::from_utf8(std::fs::read(&p).unwrap()).unwrap();
            let body = text.split_once("\r\n\r\n").unwrap().1;
            (p.file_name().unwrap().to_string_lossy().into_owned(), decode_qp(body).replace("\r\n", "\n"))
        })
        .collect();
    messages.sort();
    messages
}

/// The JSON's findings of `code`.
fn fynd<'a>(json: &'a Value, code: &str) -> Vec<&'a Value> {
    json["fynd"].as_array().unwrap().iter().filter(|f| f["code"] == code).collect()
}

fn no_meeting() -> MinimalReport {
    MinimalReport::valid().set("styrgruppsmoten", num(0.0))
}

/// A report with a Fel (a negative spend) and a Varning (participants
/// outside the target group, without a comment).
fn fel_and_varning() -> MinimalReport {
    MinimalReport::valid().set("utfall_kr", num(-5000.0)).set("deltagare_utanfor_malgrupp", num(2.0))
}

// ------------------------------------------------------------ explained

#[test]
fn a_meeting_warning_is_explained_by_the_quality_comment_and_no_longer_asked_for() {
    let asked = run(&register(), &no_meeting(), None);
    assert_eq!(asked.code, 0, "{}", asked.stdout);
    assert_eq!(asked.messages.len(), 1, "{:?}", asked.messages);
    assert!(
        asked.feedback().contains("Förklara varför i kommentaren om kvaliteten."),
        "{}",
        asked.feedback()
    );
    assert!(asked.stdout.contains("Godkänd med 1 varning."), "{}", asked.stdout);

    let explained = no_meeting().set("kvalitet_kommentar", text(MOTE_FORKLARING));
    let answered = run(&register(), &explained, None);
    assert_eq!(answered.code, 0, "{}", answered.stdout);
    assert_eq!(answered.messages, vec![], "no message asks for what the comment answers");
    assert!(answered.stdout.contains("Godkänd: inga fel eller varningar."), "{}", answered.stdout);
    // Still shown, as Info quoting the comment.
    let line =
        answered.stdout.lines().find(|l| l.contains("möten under kvartalet")).expect("the finding is shown");
    assert!(line.trim_start().starts_with("Info "), "{line}");
    let expected = format!(
        "Styrgruppen har haft 0 möten under kvartalet, men ska enligt överenskommelsen träffas minst en gång per \
         kvartal (4 per år). Förklarat av styrgruppen i \"Kommentar om kvalitetsarbetet\": \"{MOTE_FORKLARING}\""
    );
    assert!(line.ends_with(&expected), "{line}\n---\n{expected}");
}

#[test]
fn an_explained_warning_stays_in_kontroll_and_the_json_as_info_with_its_comment() {
    let explained = no_meeting().set("kvalitet_kommentar", text(MOTE_FORKLARING));
    let run = run(&register(), &explained, Some("2018-K2"));
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.messages, vec![]);
    // Nothing left to ask: the report is approved, and told so.
    assert_eq!(run.receipts, ["2018-K2 Heby, Individstöd i samverkan – kvittens.eml"]);
    let json = run.json();
    let moten = fynd(&json, "moten-farre-an-avtalat");
    assert_eq!(moten.len(), 1, "{json:#}");
    assert_eq!(moten[0]["severity"], "Info");
    assert_eq!(moten[0]["kvartal"], "2018-K2");
    assert_eq!(moten[0]["forklarad"]["falt"], "kvalitet_kommentar");
    assert_eq!(moten[0]["forklarad"]["kommentar"], MOTE_FORKLARING);
    assert_eq!(moten[0]["kvitterad"], Value::Null);
    let mut book = tables::Book::open(&run.workbook());
    let kontroll = book.table("Kontroll");
    let row = (0..kontroll.rows.len())
        .find(|r| kontroll.text(*r, "Kod") == "moten-farre-an-avtalat")
        .expect("the explained warning is on Kontroll");
    assert_eq!(kontroll.text(row, "Allvarlighet"), "Info");
    assert!(kontroll.text(row, "Meddelande").ends_with(&format!("\"{MOTE_FORKLARING}\"")));
}

#[test]
fn a_blank_comment_explains_nothing() {
    let blank = no_meeting().set("kvalitet_kommentar", text("   "));
    let run = run(&register(), &blank, None);
    assert_eq!(run.messages.len(), 1);
    assert!(run.feedback().contains("Förklara varför i kommentaren om kvaliteten."));
}

// ------------------------------------------------------------ accepted

#[test]
fn a_fel_and_a_varning_accepted_in_the_register_leave_the_exit_code_and_the_feedback() {
    let asked = run(&register(), &fel_and_varning(), None);
    assert_eq!(asked.code, 1, "{}", asked.stdout);
    assert_eq!(asked.messages.len(), 1);
    let feedback = asked.feedback();
    assert!(feedback.contains("Att rätta") && feedback.contains("negativ"), "{feedback}");
    assert!(feedback.contains("2 deltagare hör inte till målgruppen i ansökan."), "{feedback}");

    let accepted = with_kvitteringar(&[
        ["2018:1", "2018-K2", "negativt-tal", NEGATIV_MOTIVERING],
        // A half-year covers its quarters; the code in any case.
        ["2018:1", "2018-H1", "Deltagare-Utanfor-Malgrupp", MALGRUPP_MOTIVERING],
    ]);
    let answered = run(&accepted, &fel_and_varning(), None);
    assert_eq!(answered.code, 0, "an accepted Fel makes no exit 1: {}", answered.stdout);
    assert_eq!(answered.messages, vec![], "no message asks for an accepted finding");
    assert!(answered.stdout.contains("Godkänd: inga fel eller varningar."), "{}", answered.stdout);
    assert!(
        answered.stdout.contains("Kvitterad av kansliet: Återbetalning av en felbokning; ekonomen har bekräftat beloppet. Fyndet (Fel): "),
        "{}",
        answered.stdout
    );
    assert!(
        answered.stdout.contains(&format!(
            "Kvitterad av kansliet: {} Fyndet (Varning): 2 deltagare hör inte till målgruppen",
            MALGRUPP_MOTIVERING
        )),
        "{}",
        answered.stdout
    );
    assert!(
        !answered.stdout.contains("kvittering-utan-fynd") && !answered.stdout.contains("kvitterar fyndet")
    );
}

#[test]
fn an_accepted_fel_stays_in_kontroll_and_the_json_and_its_value_stays_unknown() {
    let accepted = with_kvitteringar(&[["2018:1", "2018-K2", "negativt-tal", NEGATIV_MOTIVERING]]);
    let without = run(&register(), &fel_and_varning(), Some("2018-K2"));
    let with = run(&accepted, &fel_and_varning(), Some("2018-K2"));
    assert_eq!((without.code, with.code), (1, 0), "{}", with.stdout);
    // The feedback still asks for the Varning, no longer for the Fel.
    assert_eq!(with.messages.len(), 1);
    assert!(without.feedback().contains("negativ"), "{}", without.feedback());
    assert!(!with.feedback().contains("negativ"), "{}", with.feedback());
    assert!(with.feedback().contains("hör inte till målgruppen"), "{}", with.feedback());

    let json = with.json();
    let negativ = fynd(&json, "negativt-tal");
    assert_eq!(negativ.len(), 1, "{json:#}");
    assert_eq!(negativ[0]["severity"], "Info");
    assert_eq!(negativ[0]["kvitterad"]["motivering"], NEGATIV_MOTIVERING);
    assert_eq!(negativ[0]["kvitterad"]["allvarlighet"], "Fel");
    assert_eq!(negativ[0]["kvitterad"]["rad"], 2);
    // Accepting the Fel does not make the rejected spend count.
    let utfall = |json: &Value| json["insatser"][0]["budget"]["utfall"].clone();
    assert_eq!(utfall(&json), Value::Null);
    assert_eq!(utfall(&json), utfall(&without.json()));
    // Översikt's report state and counts agree with Kontroll: the report
    // has no Fel left to correct, only its Varning.
    let state = |json: &Value| {
        let insats = &json["insatser"][0];
        (insats["rapport"].clone(), insats["antal_fel"].clone(), insats["antal_varningar"].clone())
    };
    assert_eq!(state(&without.json()), ("Fel".into(), 1.into(), 1.into()));
    assert_eq!(state(&json), ("Inkommen".into(), 0.into(), 1.into()));

    let mut book = tables::Book::open(&with.workbook());
    let kontroll = book.table("Kontroll");
    let row = (0..kontroll.rows.len())
        .find(|r| kontroll.text(*r, "Kod") == "negativt-tal")
        .expect("the accepted Fel is on Kontroll");
    assert_eq!(kontroll.text(row, "Allvarlighet"), "Info");
    assert!(
        kontroll.text(row, "Meddelande").starts_with(&format!("Kvitterad av kansliet: {NEGATIV_MOTIVERING}")),
        "{}",
        kontroll.text(row, "Meddelande")
    );
}

#[test]
fn an_accepted_missing_report_gets_no_reminder() {
    // Only 2018-K2 came: 2018-K1 of the half-year is missing.
    let asked = run(&register(), &MinimalReport::valid(), Some("2018-H1"));
    assert_eq!(asked.code, 1, "{}", asked.stdout);
    assert_eq!(asked.messages.len(), 1, "{:?}", asked.messages);
    assert!(asked.messages[0].0.contains("påminnelse"), "{:?}", asked.messages);

    let paused = "Insatsen hade uppehåll under kvartal 1 enligt beslut.";
    let accepted = with_kvitteringar(&[["2018:1", "2018-K1", "rapport-saknas", paused]]);
    let answered = run(&accepted, &MinimalReport::valid(), Some("2018-H1"));
    assert_eq!(answered.code, 0, "{}", answered.stdout);
    assert_eq!(answered.messages, vec![], "no reminder for an accepted missing report");
    let json = answered.json();
    let saknas = fynd(&json, "rapport-saknas");
    assert_eq!(saknas.len(), 1);
    assert_eq!(saknas[0]["kvartal"], "2018-K1");
    assert_eq!(saknas[0]["kvitterad"]["motivering"], paused);
}

#[test]
fn a_row_for_another_quarter_accepts_nothing_and_a_row_that_matches_nothing_is_named() {
    let rows = with_kvitteringar(&[
        ["2018:1", "2018-K1", "negativt-tal", NEGATIV_MOTIVERING],
        ["2018:1", "2018-K2", "budget-avviker", "Budgeten ändrades i juni."],
    ]);
    let run = run(&rows, &MinimalReport::valid().set("utfall_kr", num(-5000.0)), None);
    assert_eq!(run.code, 1, "the Fel of 2018-K2 is not accepted by a row for 2018-K1: {}", run.stdout);
    assert!(run.feedback().contains("negativ"), "{}", run.feedback());
    assert!(!run.stdout.contains("Kvitterad av kansliet"), "{}", run.stdout);
    // The row for 2018-K2 that accepted nothing is named; the row for
    // 2018-K1, a quarter this run has no report of, is not.
    assert!(
        run.stdout.contains(
            "Rad 3 kvitterar fyndet budget-avviker för 2018:1 2018-K2, men körningen har inget sådant fynd. \
             Kontrollera Id, Period och Kod mot bladet Kontroll; är felet redan rättat kan raden tas bort."
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("Rad 2 kvitterar"), "{}", run.stdout);
}

#[test]
fn a_row_naming_another_file_accepts_nothing() {
    let register = register().sheet(
        "Kvitteringar",
        &["Id", "Period", "Kod", "Fil", "Motivering"],
        vec![row!["2018:1", "2018-K2", "negativt-tal", "annan.xlsx", NEGATIV_MOTIVERING]],
    );
    let report = MinimalReport::valid().set("utfall_kr", num(-5000.0));
    let other = run(&register, &report, None);
    assert_eq!(other.code, 1, "{}", other.stdout);
    let register = register.set("Kvitteringar", 2, "Fil", "RAPPORT.xlsx");
    let named = run(&register, &report, None);
    assert_eq!(named.code, 0, "{}", named.stdout);
}

// ------------------------------------------------------------ bad rows

#[test]
fn bad_rows_of_kvitteringar_are_findings_in_swedish() {
    let book = with_kvitteringar(&[
        ["2018:1", "2018-K2", "moten-farre-an-avtalad", "Stavfel i koden."],
        ["2099:9", "2018-K2", "negativt-tal", "Okänt Id."],
        ["2018:1", "2018-K5", "negativt-tal", "Fel period."],
        ["2018:1", "2018-K2", "negativt-tal", ""],
        ["2018:1", "2018-K2", "register-okant-id", "Registrets eget fynd."],
        ["2018:1", "2018-K2", "budget-avviker", "Godtas."],
    ]);
    let dir = tempfile::tempdir().unwrap();
    let (register, findings) = read_register(&book.write(dir.path())).unwrap();
    let found: Vec<(Code, Option<&str>, &str)> =
        findings.iter().map(|f| (f.code, f.cell.as_deref(), f.message.as_str())).collect();
    assert_eq!(
        found,
        vec![
            (
                Code::RegisterVardeOgiltigt,
                Some("C2"),
                "Koden \"moten-farre-an-avtalad\" finns inte. Skriv fyndets kod som den står i kolumnen Kod på \
                 bladet Kontroll, t.ex. moten-farre-an-avtalat."
            ),
            (
                Code::RegisterOkantId,
                Some("A3"),
                "Id \"2099:9\" finns inte i bladet Insatser. Rätta Id, eller lägg till insatsen i bladet Insatser."
            ),
            (
                Code::RegisterVardeOgiltigt,
                Some("B4"),
                "Perioden \"2018-K5\" känns inte igen. Skriv ett kvartal (2018-K2), ett halvår (2018-H1) eller ett \
                 år (2018)."
            ),
            (
                Code::RegisterVardeSaknas,
                Some("D5"),
                "Motivering saknas. Skriv varför kansliet godtar fyndet; motiveringen syns på bladet Kontroll."
            ),
            (
                Code::RegisterVardeOgiltigt,
                Some("C6"),
                "Koden register-okant-id gäller registret självt och kan inte kvitteras. Rätta registret i stället \
                 och ta bort raden."
            ),
        ]
    );
    // Only the good row is read; a bad row is left out, never half-read.
    let kept: Vec<(u32, Code)> = register.kvitteringar.iter().map(|k| (k.rad, k.kod)).collect();
    assert_eq!(kept, vec![(7, Code::BudgetAvviker)]);
}

#[test]
fn the_same_acceptance_twice_is_a_finding_on_the_second_row() {
    let book = with_kvitteringar(&[
        ["2018:1", "2018-K2", "negativt-tal", "Första."],
        ["2018:1", "2018-k2", "NEGATIVT-TAL", "Andra."],
    ]);
    let dir = tempfile::tempdir().unwrap();
    let (register, findings) = read_register(&book.write(dir.path())).unwrap();
    let found: Vec<(Code, Option<&str>, &str)> =
        findings.iter().map(|f| (f.code, f.cell.as_deref(), f.message.as_str())).collect();
    assert_eq!(
        found,
        vec![(
            Code::RegisterDubblettRad,
            Some("C3"),
            "Fyndet negativt-tal för 2018:1 2018-K2 är redan kvitterat på rad 2. Ta bort en av raderna."
        )]
    );
    assert_eq!(register.kvitteringar.len(), 1);
}

#[test]
fn a_row_that_accepts_nothing_of_the_runs_quarters_points_at_its_code_cell() {
    let book = with_kvitteringar(&[
        ["2018:1", "2018-H1", "budget-avviker", "Budgeten ändrades i juni."],
        ["2018:1", "2017-K4", "budget-avviker", "Ett gammalt kvartal."],
    ]);
    let dir = tempfile::tempdir().unwrap();
    let (register, findings) = read_register(&book.write(dir.path())).unwrap();
    assert_eq!(findings, vec![]);
    let k2 = Kvartal::new(2018, 2).unwrap();
    let unmatched = uppfoljning::answered::unmatched(&register, &[], &[k2]);
    assert_eq!(unmatched.len(), 1, "only the row whose period covers 2018-K2: {unmatched:#?}");
    let found = &unmatched[0];
    assert_eq!((found.code, found.severity), (Code::KvitteringUtanFynd, Severity::Info));
    assert_eq!(
        (found.file.as_str(), found.sheet.as_deref(), found.cell.as_deref(), found.insats_id.as_deref()),
        ("register.xlsx", Some("Kvitteringar"), Some("C2"), Some("2018:1"))
    );
    assert_eq!(
        found.message,
        "Rad 2 kvitterar fyndet budget-avviker för 2018:1 2018-H1, men körningen har inget sådant fynd. Kontrollera \
         Id, Period och Kod mot bladet Kontroll; är felet redan rättat kan raden tas bort."
    );
}
