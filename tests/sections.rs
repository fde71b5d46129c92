//! One mistake, one finding: a whole section left empty is one Fel that says
//! what to write there, an unfilled template is one Fel for the report, and
//! the feedback to the styrgrupp has one line for each.

mod common;

#[allow(dead_code)]
#[path = "../examples/samples.rs"]
mod sample_source;

use common::minimal_report::{Cell, MinimalReport, SHEET, num, text};
use common::test_register::register;
use rust_decimal::Decimal;
use uppfoljning::aggregate::{Sammanstallning, aggregate};
use uppfoljning::check::check_report;
use uppfoljning::contract::{AnsweredBy, FIELDS, Field, Section};
use uppfoljning::discover::discover;
use uppfoljning::feedback::{Avsandare, Underlag, from_sammanstallning, messages};
use uppfoljning::finding::{Code, Finding, Severity};
use uppfoljning::inbox::read_inbox;
use uppfoljning::period::Kvartal;
use uppfoljning::period::Period;
use uppfoljning::register::Inriktning;
use uppfoljning::report::{ReadOutcome, read_report};
use uppfoljning::template::{Answer, Answers, Prefill, write_report};

const FILE: &str = "2018-K2 Heby.xlsx";

const DELTAGARE_TOMT: &str =
    "Avsnittet Deltagare är tomt – skriv 0 i varje ruta om insatsen inte har några deltagare ännu.";
const AVSLUT_TOMT: &str = "Avsnittet Avslut är tomt – skriv antalet avslutade kvinnor och män per \
                           avslutsanledning, eller 0 i varje ruta om ingen deltagare har avslutats under kvartalet.";
const EJ_IFYLLD: &str = "Rapporten är inte ifylld: den innehåller bara det som kansliet fyllt i från registret. \
                         Fyll i de gula cellerna (frågor markerade med * måste besvaras), spara filen och skicka \
                         den till kansliet igen.";

fn read_minimal(report: &MinimalReport) -> ReadOutcome {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    report.write(&path);
    read_report(&path, FILE)
}

/// The reader's and the checks' findings of one file.
fn all_findings(outcome: &ReadOutcome) -> Vec<Finding> {
    let mut all = outcome.findings.clone();
    all.extend(check_report(outcome, &register(), None));
    all
}

fn findings(report: &MinimalReport) -> Vec<Finding> {
    all_findings(&read_minimal(report))
}

fn fields_of(section: Section) -> impl Iterator<Item = &'static Field> {
    FIELDS.iter().filter(move |f| f.section == section)
}

/// Heby's valid report with every field of `sections` emptied.
fn with_empty(sections: &[Section]) -> MinimalReport {
    let mut report = MinimalReport::valid();
    for field in FIELDS.iter().filter(|f| sections.contains(&f.section)) {
        report = report.clear(field.name);
    }
    report
}

fn codes(findings: &[Finding]) -> Vec<Code> {
    findings.iter().map(|f| f.code).collect()
}

/// The feedback message's problem lines for the findings of one file.
fn feedback_lines(outcome: &ReadOutcome, findings: &[Finding]) -> Vec<String> {
    let underlag = Underlag::for_file(FILE, findings, outcome.report.as_ref(), &register())
        .expect("a report with a Fel gets feedback");
    let sent = messages(&[underlag], &Avsandare::default());
    assert_eq!(sent.len(), 1);
    sent[0].text.lines().filter_map(|l| l.strip_prefix("- ")).map(str::to_string).collect()
}

// ------------------------------------------------------------ empty sections

#[test]
fn an_individual_insats_leaving_deltagare_and_avslut_empty_gets_one_fel_per_section() {
    let found = findings(&with_empty(&[Section::Deltagare, Section::Avslut]));
    assert_eq!(codes(&found), [Code::AvsnittTomt, Code::AvsnittTomt], "{found:#?}");
    let deltagare = &found[0];
    assert_eq!(deltagare.severity, Severity::Fel);
    assert_eq!(deltagare.message, DELTAGARE_TOMT);
    assert_eq!(deltagare.sheet.as_deref(), Some(SHEET));
    assert_eq!(
        deltagare.cell,
        Some(MinimalReport::cell_of("deltagare_pagaende_kvinnor")),
        "at its first cell"
    );
    assert_eq!(deltagare.insats_id.as_deref(), Some("2018:1"));
    let avslut = &found[1];
    assert_eq!(avslut.message, AVSLUT_TOMT);
    assert_eq!(avslut.cell, Some(MinimalReport::cell_of("avslut_arbete_kvinnor")));
}

#[test]
fn zeros_in_every_participant_cell_are_an_answer() {
    let mut report = MinimalReport::valid();
    for field in FIELDS.iter().filter(|f| f.section.answered_by() == AnsweredBy::WithParticipants) {
        report = report.set(field.name, num(0.0));
    }
    assert_eq!(findings(&report), vec![]);
}

#[test]
fn a_partly_filled_section_keeps_one_finding_per_missing_answer() {
    let mut report = with_empty(&[Section::Deltagare]).set("deltagare_pagaende_kvinnor", num(0.0));
    for field in fields_of(Section::Avslut) {
        report = report.set(field.name, num(0.0));
    }
    let found = findings(&report);
    let expected: Vec<(Code, String)> = fields_of(Section::Deltagare)
        .filter(|f| f.name != "deltagare_pagaende_kvinnor")
        .map(|f| (Code::SvarSaknas, f.name.to_string()))
        .collect();
    let got: Vec<(Code, String)> =
        found.iter().map(|f| (f.code, f.field.clone().unwrap_or_default())).collect();
    assert_eq!(got, expected);
}

#[test]
fn a_structural_insats_may_leave_the_participant_sections_empty() {
    let report = with_empty(&[Section::Deltagare, Section::Avslut])
        .set("insats_id", text("2018:2"))
        .set("insats_namn", text("Uppsala, Strategiskt utvecklingsarbete"));
    assert_eq!(findings(&report), vec![]);
}

#[test]
fn every_section_with_answers_to_give_says_what_to_write_when_left_empty() {
    let expected = [
        (
            Section::Rapport,
            "Avsnittet Om rapporten är tomt – skriv rapportdatum, namnet på den som skrivit rapporten och en \
             e-postadress dit kansliet kan skicka frågor.",
        ),
        (
            Section::Mal,
            "Avsnittet Mål är tomt – välj i rullistorna om insatsen ligger i fas med målen i ansökan och om \
             styrgruppen tror att målen nås.",
        ),
        (
            Section::Forutsattningar,
            "Avsnittet Förutsättningar är tomt – svara Ja eller Nej på frågorna om start, vakanser och \
             avvikelserapport om budgeten.",
        ),
        (
            Section::Kvalitet,
            "Avsnittet Kvalitet är tomt – skriv antalet styrgruppsmöten under kvartalet (0 om inget möte hölls) \
             och välj svaren på frågorna om närvaro, uppföljning och kontroller i rullistorna.",
        ),
    ];
    for (section, message) in expected {
        let mut report = with_empty(&[section]);
        if section == Section::Mal {
            report.goals.clear();
        }
        let found = findings(&report);
        assert_eq!(codes(&found), [Code::AvsnittTomt], "{section:?}: {found:#?}");
        assert_eq!(found[0].message, message);
        let first = fields_of(section).find(|f| f.required.for_insats(true)).unwrap();
        assert_eq!(found[0].cell, Some(MinimalReport::cell_of(first.name)), "{section:?}");
    }
}

#[test]
fn an_empty_section_with_one_required_answer_names_that_answer() {
    let found = findings(&with_empty(&[Section::Budget]).set("budget_kr", num(350000.0)));
    assert_eq!(codes(&found), [Code::SvarSaknas], "{found:#?}");
    assert_eq!(found[0].field.as_deref(), Some("utfall_kr"));
}

#[test]
fn goals_with_a_status_make_the_goal_section_partly_filled() {
    let found = findings(&with_empty(&[Section::Mal]));
    let got: Vec<(Code, Option<String>)> = found.iter().map(|f| (f.code, f.field.clone())).collect();
    assert_eq!(
        got,
        [
            (Code::SvarSaknas, Some("mal_i_fas".to_string())),
            (Code::SvarSaknas, Some("mal_prognos".to_string()))
        ]
    );
}

#[test]
fn the_feedback_has_one_line_per_empty_section() {
    let outcome = read_minimal(&with_empty(&[Section::Deltagare, Section::Avslut]));
    let lines = feedback_lines(&outcome, &all_findings(&outcome));
    let at = |field: &str| format!("{SHEET}!{}", MinimalReport::cell_of(field));
    assert_eq!(
        lines,
        [
            format!("{}: {DELTAGARE_TOMT}", at("deltagare_pagaende_kvinnor")),
            format!("{}: {AVSLUT_TOMT}", at("avslut_arbete_kvinnor")),
        ]
    );
}

// ------------------------------------------------------- the unfilled template

/// Kansliet's prefilled template for an insats of the test register, as sent out.
fn template_of(id: &str, namn: &str, inriktning: Inriktning, answers: &Answers) -> ReadOutcome {
    let prefill = Prefill {
        insats_id: id.into(),
        insats_namn: namn.into(),
        kvartal: Kvartal::new(2018, 2).unwrap(),
        budget_kr: Some(Decimal::from(350_000)),
        goals: vec!["Alla deltagare har en handlingsplan".into(), "50 deltagare per år".into()],
        inriktning,
        forvantat_antal_deltagare: (inriktning == Inriktning::Individ).then_some(120),
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    std::fs::write(&path, write_report(Some(&prefill), answers).unwrap()).unwrap();
    read_report(&path, FILE)
}

fn heby_template(answers: &Answers) -> ReadOutcome {
    template_of("2018:1", "Heby, Individstöd i samverkan", Inriktning::Individ, answers)
}

#[test]
fn an_unfilled_template_sent_back_is_one_fel() {
    let individ = heby_template(&Answers::new());
    let struktur = template_of(
        "2018:2",
        "Uppsala, Strategiskt utvecklingsarbete",
        Inriktning::Struktur,
        &Answers::new(),
    );
    for outcome in [individ, struktur] {
        let found = all_findings(&outcome);
        assert_eq!(codes(&found), [Code::RapportEjIfylld], "{found:#?}");
        assert_eq!(found[0].severity, Severity::Fel);
        assert_eq!(found[0].message, EJ_IFYLLD);
        assert_eq!(found[0].sheet.as_deref(), Some("Rapport"), "placed at the first answer to give");
        assert!(found[0].insats_id.is_some());
    }
}

#[test]
fn the_feedback_on_an_unfilled_template_is_one_line() {
    let outcome = heby_template(&Answers::new());
    let lines = feedback_lines(&outcome, &all_findings(&outcome));
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].ends_with(EJ_IFYLLD), "{}", lines[0]);
}

#[test]
fn one_answer_makes_a_template_filled_in_and_its_empty_sections_findings_of_their_own() {
    let mut answers = Answers::new();
    answers.insert("analys", Answer::Text("Vi har inte hunnit börja.".into()));
    let found = all_findings(&heby_template(&answers));
    assert!(!found.iter().any(|f| f.code == Code::RapportEjIfylld), "{found:#?}");
    let sections: Vec<String> =
        found.iter().filter(|f| f.code == Code::AvsnittTomt).map(|f| f.message.clone()).collect();
    let titles: Vec<&str> = sections.iter().filter_map(|m| m.split(" är tomt").next()).collect();
    assert_eq!(
        titles,
        [
            "Avsnittet Om rapporten",
            "Avsnittet Mål",
            "Avsnittet Förutsättningar",
            "Avsnittet Kvalitet",
            "Avsnittet Deltagare",
            "Avsnittet Avslut"
        ]
    );
    let per_field: Vec<Option<&str>> =
        found.iter().filter(|f| f.code == Code::SvarSaknas).map(|f| f.field.as_deref()).collect();
    assert_eq!(per_field, [Some("utfall_kr")], "Budget has one answer to give: it is named");
}

#[test]
fn a_goal_status_alone_makes_a_template_filled_in() {
    let mut answers = Answers::new();
    answers.insert("mal_lista", Answer::GoalAnswers(vec![("Uppfyllt".into(), String::new())]));
    let found = all_findings(&heby_template(&answers));
    assert!(!found.iter().any(|f| f.code == Code::RapportEjIfylld), "{found:#?}");
    let mal: Vec<Option<&str>> = found
        .iter()
        .filter(|f| f.code == Code::SvarSaknas && f.field.as_deref().is_some_and(|n| n.starts_with("mal_")))
        .map(|f| f.field.as_deref())
        .collect();
    assert_eq!(mal, [Some("mal_i_fas"), Some("mal_prognos")], "the goal section is partly filled");
}

#[test]
fn the_blank_template_sent_back_unfilled_is_one_fel_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    std::fs::write(&path, uppfoljning::template::blank_template().unwrap()).unwrap();
    let outcome = read_report(&path, FILE);
    let found = all_findings(&outcome);
    assert_eq!(codes(&found), [Code::RapportEjIfylld], "{found:#?}");
}

#[test]
fn a_cell_that_did_not_parse_is_an_answer_given() {
    let report = with_empty(&[Section::Deltagare]).set("deltagare_anonyma", Cell::Text("inga".into()));
    let found = findings(&report);
    assert!(found.iter().any(|f| f.code == Code::VardeOgiltigt), "{found:#?}");
    assert!(!found.iter().any(|f| f.code == Code::AvsnittTomt), "the section is not empty");
    assert_eq!(found.iter().filter(|f| f.code == Code::SvarSaknas).count(), 9);
}

#[test]
fn a_missing_goal_block_name_does_not_make_an_unfilled_report_filled_in() {
    let mut report = MinimalReport::valid().without_name("mal_lista");
    for field in FIELDS.iter().filter(|f| !f.locked) {
        report = report.clear(field.name);
    }
    let found = findings(&report);
    assert_eq!(codes(&found), [Code::NamnSaknas, Code::RapportEjIfylld], "{found:#?}");
}

// ------------------------------------------------------------ from the samples

const HEBY: &str = "2017:33";
const HEBY_K2: &str = "2018-K2 Heby, Individstöd i samverkan.xlsx";

/// The samples' inbox with Heby's 2018-K2 report (individ) written again
/// from the samples' source after `edit`, run over 2018-H1.
fn samples_with_heby(edit: impl FnOnce(&mut Answers)) -> Sammanstallning {
    let dir = common::samples::inbox_copy();
    let source = sample_source::Source::read(&common::samples::samples().join("source")).unwrap();
    let report = source.report(HEBY, Kvartal::new(2018, 2).unwrap()).unwrap();
    let prefill = source.prefill(report).unwrap();
    let mut answers = report.answers.clone();
    edit(&mut answers);
    std::fs::write(dir.path().join(HEBY_K2), write_report(Some(&prefill), &answers).unwrap()).unwrap();
    let found = discover(&[dir.path().to_path_buf()]).unwrap();
    let register = common::samples::sample_register();
    aggregate(&register, &[], &read_inbox(&found), Period::parse("2018-H1").unwrap(), common::TODAY)
}

/// Heby's 2018-K2 findings and the problem lines of the feedback to Heby.
fn heby_findings_and_feedback(s: &Sammanstallning) -> (Vec<Finding>, Vec<String>) {
    let found: Vec<Finding> = s.fynd.iter().filter(|f| f.file == HEBY_K2).cloned().collect();
    let underlag: Vec<Underlag> =
        from_sammanstallning(s).into_iter().filter(|u| u.fil.as_deref() == Some(HEBY_K2)).collect();
    let sent = messages(&underlag, &Avsandare::default());
    assert_eq!(sent.len(), 1, "one message to Heby");
    let lines = sent[0].text.lines().filter_map(|l| l.strip_prefix("- ")).map(str::to_string).collect();
    (found, lines)
}

#[test]
fn the_samples_individual_insats_without_its_participant_sections_gets_two_fel_and_two_lines() {
    let s = samples_with_heby(|answers| {
        answers.retain(|name, _| {
            !FIELDS.iter().any(|f| f.name == *name && f.section.answered_by() == AnsweredBy::WithParticipants)
        });
    });
    let (found, lines) = heby_findings_and_feedback(&s);
    assert_eq!(codes(&found), [Code::AvsnittTomt, Code::AvsnittTomt], "{found:#?}");
    assert_eq!(found[0].message, DELTAGARE_TOMT);
    assert_eq!(found[1].message, AVSLUT_TOMT);
    assert!(found.iter().all(|f| f.insats_id.as_deref() == Some(HEBY)));
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(lines[0].ends_with(DELTAGARE_TOMT) && lines[1].ends_with(AVSLUT_TOMT), "{lines:#?}");
}

#[test]
fn the_samples_prefilled_template_sent_back_unfilled_is_one_fel_and_one_line() {
    let s = samples_with_heby(Answers::clear);
    let (found, lines) = heby_findings_and_feedback(&s);
    assert_eq!(codes(&found), [Code::RapportEjIfylld], "{found:#?}");
    assert_eq!(found[0].message, EJ_IFYLLD);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].ends_with(EJ_IFYLLD), "{}", lines[0]);
}
