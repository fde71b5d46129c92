//! Feedback to each styrgrupp: which reports get a message, what it says
//! (every fixed sentence as text), the `.eml` and `.txt` forms, the folder
//! with its list of addressees, and that no personal identity number gets out.

mod common;

use common::eml::{DRAFT_HEADERS, Eml, decode_words, header};
use common::minimal_report::{MinimalReport, SHEET, num, text};
use common::samples::{inbox_copy, sample_register, samples};
use common::test_register::register;
use std::path::Path;
use uppfoljning::aggregate::{Sammanstallning, aggregate};
use uppfoljning::check::check_report;
use uppfoljning::contract;
use uppfoljning::discover::discover;
use uppfoljning::feedback::{
    Avsandare, FeedbackError, LISTA, Meddelande, Underlag, from_sammanstallning, messages, summary, write_all,
};
use uppfoljning::finding::{Code, Finding};
use uppfoljning::inbox::read_inbox;
use uppfoljning::period::{Kvartal, Period};
use uppfoljning::report::read_report;

// ---------------------------------------------------------------- helpers

fn run(inbox: &Path) -> Sammanstallning {
    let found = discover(&[inbox.to_path_buf()]).unwrap();
    aggregate(&sample_register(), &[], &read_inbox(&found), Period::parse("2018-H1").unwrap(), common::TODAY)
}

fn kansliet() -> Avsandare {
    Avsandare::new("Kansliet, Samordningsförbundet", Some("kansliet@sof.example"))
}

const FIL: &str = "2018-K2 Heby, Individstöd i samverkan.xlsx";

fn fynd(code: Code, cell: &str, field: &str, message: &str) -> Finding {
    Finding::new(code, FIL, message).at("Rapport", cell).field(field).insats("2017:33")
}

/// A report of Heby for 2018-K2 with the findings given.
fn heby(fynd: Vec<Finding>) -> Underlag {
    Underlag {
        insats_id: Some("2017:33".into()),
        insats_namn: Some("Heby, Individstöd i samverkan".into()),
        kvartal: Kvartal::new(2018, 2),
        fil: Some(FIL.into()),
        epost: Some("individstod@heby.example".into()),
        fynd,
        till_kansliet: false,
        i_stallet: Vec::new(),
        kvittens: false,
    }
}

/// Heby's missing report of 2018-K2.
fn heby_saknas() -> Underlag {
    Underlag { fil: None, fynd: Vec::new(), ..heby(Vec::new()) }
}

const MAL_SAKNAS: &str = "Svaret på \"Ligger insatsen i fas med målen i ansökan?\" saknas. Välj Ja, Nej, Under \
                          bevakning eller För tidigt för att utläsa.";
const BUDGET_FEL: &str = "\"mycket\" är inte ett belopp. Skriv beloppet i kronor.";
const UTANFOR: &str =
    "2 deltagare hör inte till målgruppen i ansökan. Förklara varför i kommentaren om kvaliteten.";

fn mal_saknas() -> Finding {
    fynd(Code::SvarSaknas, "B20", "mal_i_fas", MAL_SAKNAS)
}

fn budget_fel() -> Finding {
    fynd(Code::VardeOgiltigt, "B40", "budget_kr", BUDGET_FEL)
}

fn utanfor() -> Finding {
    fynd(Code::DeltagareUtanforMalgrupp, "B74", "deltagare_utanfor_malgrupp", UTANFOR)
}

fn one(underlag: Underlag, avsandare: &Avsandare) -> Meddelande {
    let mut all = messages(&[underlag], avsandare);
    assert_eq!(all.len(), 1);
    all.remove(0)
}

/// The problem lines of a message: those that start with "- ".
fn problem_lines(m: &Meddelande) -> Vec<&str> {
    m.text.lines().filter_map(|l| l.strip_prefix("- ")).collect()
}

/// The files in `dir` by name.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------- which reports

#[test]
fn every_report_with_problems_and_every_missing_report_gets_one_message() {
    let dir = inbox_copy();
    std::fs::remove_file(dir.path().join("2018-K2 GESAM.xlsx")).unwrap();
    let underlag = from_sammanstallning(&run(dir.path()));
    let files: Vec<Option<&str>> = underlag.iter().map(|u| u.fil.as_deref()).collect();
    // Knivsta, Ungdomssatsningen's only findings, participants outside the
    // target group, are explained in its quality comment: no message.
    assert_eq!(
        files,
        [
            Some("2018-K1 Projekt Kunskapsstöd vid vägval långa sjukfall.xlsx"),
            Some("2018-K1 Älvkarleby, Arbetsintegrerande Socialt Företag.xlsx"),
            Some("2018-K2 Projekt Kunskapsstöd vid vägval långa sjukfall.xlsx"),
            Some("2018-K2 Älvkarleby, Arbetsintegrerande Socialt Företag.xlsx"),
            None,
        ]
    );
    let saknad = &underlag[4];
    assert_eq!(saknad.insats_namn.as_deref(), Some("GESAM"));
    assert_eq!(saknad.kvartal, Kvartal::new(2018, 2));
    assert_eq!(saknad.epost.as_deref(), Some("gesam@region-uppsala.example"), "the insats's latest address");
    let alvkarleby = &underlag[3];
    assert_eq!(alvkarleby.epost.as_deref(), Some("asf@alvkarleby.example"));
    assert_eq!(alvkarleby.insats_id.as_deref(), Some("2017:44"));
    assert_eq!(messages(&underlag, &kansliet()).len(), 5);
}

#[test]
fn a_report_without_findings_gets_no_message() {
    let underlag = from_sammanstallning(&run(&samples().join("rapporter")));
    assert!(underlag.iter().all(|u| u.fil.as_deref() != Some(FIL)));
    // Two reports with Fel in each quarter; Knivsta, Ungdomssatsningen's
    // warnings are explained in its comment.
    assert_eq!(underlag.len(), 4);
    assert_eq!(Underlag::for_file(FIL, &[], None, &register()), None);
    let info = fynd(Code::InsatsnamnAvviker, "B4", "insats_namn", "Namnet skiljer sig från registrets.");
    assert_eq!(messages(&[heby(Vec::new()), heby(vec![info])], &kansliet()), []);
}

#[test]
fn a_replaced_report_gets_no_message_of_its_own() {
    let dir = inbox_copy();
    let old = dir.path().join("2018-K2 Älvkarleby, Arbetsintegrerande Socialt Företag.xlsx");
    std::fs::copy(&old, dir.path().join("2018-K2 Älvkarleby, Arbetsintegrerande Socialt Företag v2.xlsx"))
        .unwrap();
    let underlag = from_sammanstallning(&run(dir.path()));
    let alvkarleby_k2: Vec<&str> = underlag
        .iter()
        .filter(|u| u.insats_id.as_deref() == Some("2017:44") && u.kvartal == Kvartal::new(2018, 2))
        .filter_map(|u| u.fil.as_deref())
        .collect();
    assert_eq!(alvkarleby_k2.len(), 1, "{alvkarleby_k2:?}");
}

#[test]
fn info_findings_are_not_sent() {
    let info = fynd(Code::InsatsnamnAvviker, "B4", "insats_namn", "Namnet skiljer sig från registrets.");
    assert_eq!(Underlag::for_file(FIL, std::slice::from_ref(&info), None, &register()), None);
    let u = Underlag::for_file(FIL, &[info, mal_saknas()], None, &register()).unwrap();
    assert_eq!(u.fynd, [mal_saknas()]);
    let m = one(heby(vec![fynd(Code::EjRapport, "", "", "Ingen rapport."), utanfor()]), &kansliet());
    assert!(!m.text.contains("Ingen rapport."));
    assert_eq!(m.varningar, 1);
}

#[test]
fn a_checked_file_takes_insats_quarter_and_address_from_the_report_and_the_name_from_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FIL);
    MinimalReport::valid().set("insats_namn", text("Heby IS")).clear("mal_i_fas").write(&path);
    let outcome = read_report(&path, FIL);
    let mut findings = outcome.findings.clone();
    findings.extend(check_report(&outcome, &register(), None));
    let u = Underlag::for_file(FIL, &findings, outcome.report.as_ref(), &register()).unwrap();
    assert_eq!(u.insats_id.as_deref(), Some("2018:1"));
    assert_eq!(u.insats_namn.as_deref(), Some("Heby, Individstöd i samverkan"));
    assert_eq!(u.kvartal, Kvartal::new(2018, 2));
    assert_eq!(u.epost.as_deref(), Some("insatsansvarig@heby.example.se"));
    assert_eq!(u.fynd.iter().map(|f| f.code).collect::<Vec<_>>(), [Code::SvarSaknas], "the Info is left out");
}

// ---------------------------------------------------------------- what a message says

#[test]
fn the_message_names_exactly_the_broken_fields_and_their_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FIL);
    let report = MinimalReport::valid()
        .clear("mal_i_fas")
        .set("budget_kr", text("mycket"))
        .set("deltagare_utanfor_malgrupp", num(2.0));
    report.write(&path);
    let outcome = read_report(&path, FIL);
    let mut findings = outcome.findings.clone();
    findings.extend(check_report(&outcome, &register(), None));
    let u = Underlag::for_file(FIL, &findings, outcome.report.as_ref(), &register()).unwrap();
    let m = one(u, &kansliet());
    let expected: Vec<String> = ["mal_i_fas", "budget_kr", "deltagare_utanfor_malgrupp"]
        .iter()
        .map(|name| {
            let finding = findings.iter().find(|f| f.field.as_deref() == Some(name)).unwrap();
            let label = contract::field(name).unwrap().display_label();
            // The label goes in front only when the message does not name the field itself.
            let named =
                if finding.message.contains(&label) { String::new() } else { format!(" – {label}") };
            format!("{SHEET}!{}{named}: {}", MinimalReport::cell_of(name), finding.message)
        })
        .collect();
    assert_eq!(problem_lines(&m), expected);
    assert_eq!((m.fel, m.varningar), (2, 1));
}

#[test]
fn fel_come_before_varningar() {
    let m = one(heby(vec![utanfor(), budget_fel(), mal_saknas()]), &kansliet());
    let lines = problem_lines(&m);
    assert!(lines[0].starts_with("Rapport!B20:"), "{lines:?}");
    assert!(lines[1].starts_with("Rapport!B40 "), "{lines:?}");
    assert!(lines[2].starts_with("Rapport!B74 "), "{lines:?}");
    let (rätta, kontrollera) =
        (m.text.find("Att rätta –").unwrap(), m.text.find("Att kontrollera –").unwrap());
    assert!(rätta < m.text.find(MAL_SAKNAS).unwrap());
    assert!(m.text.find(BUDGET_FEL).unwrap() < kontrollera && kontrollera < m.text.find(UTANFOR).unwrap());
}

#[test]
fn a_report_with_fel_and_varningar_reads_as_kansliet_sends_it() {
    let m = one(heby(vec![utanfor(), mal_saknas(), budget_fel()]), &kansliet());
    assert_eq!(
        m.amne,
        "Kvartalsrapport 2018-K2, Heby, Individstöd i samverkan: 2 saker att rätta, 1 att kontrollera"
    );
    assert_eq!(m.till.as_deref(), Some("individstod@heby.example"));
    assert_eq!(m.svara_till.as_deref(), Some("kansliet@sof.example"));
    assert_eq!(m.namn, "2018-K2 Heby, Individstöd i samverkan");
    assert_eq!(
        m.text,
        format!(
            "Hej!\n\
             \n\
             Tack för kvartalsrapporten. Kansliet har gått igenom den och ber er se över det som står nedan.\n\
             \n\
             Insats: Heby, Individstöd i samverkan (2017:33)\n\
             Kvartal: 2018-K2\n\
             Fil: 2018-K2 Heby, Individstöd i samverkan.xlsx\n\
             \n\
             Att rätta – de här uppgifterna kan inte användas som de står:\n\
             - Rapport!B20: {MAL_SAKNAS}\n\
             - Rapport!B40 – Budget för kvartalet (kr): {BUDGET_FEL}\n\
             \n\
             Att kontrollera – rätta om uppgiften är fel, annars förklara i kommentaren till avsnittet:\n\
             - Rapport!B74 – Deltagare utanför målgruppen i ansökan: {UTANFOR}\n\
             \n\
             Så gör ni:\n\
             Öppna filen i Excel, rätta det som står under \"Att rätta\", gå igenom det under \"Att \
             kontrollera\" och spara. Skriv dagens datum som rapportdatum.\n\
             \n\
             Skicka den rättade filen som bilaga i ett svar på det här meddelandet, eller till \
             kansliet@sof.example. Filen får behålla sitt namn eller få ett nytt: kansliet använder alltid \
             den senaste rapporten för insatsen och kvartalet.\n\
             \n\
             Hör gärna av er om något är oklart.\n\
             \n\
             Vänliga hälsningar\n\
             Kansliet, Samordningsförbundet\n\
             kansliet@sof.example\n"
        )
    );
}

#[test]
fn a_report_with_only_fel_and_an_unknown_sender_asks_for_a_reply() {
    let m = one(heby(vec![mal_saknas()]), &Avsandare::default());
    assert_eq!(m.amne, "Kvartalsrapport 2018-K2, Heby, Individstöd i samverkan: 1 sak att rätta");
    assert_eq!(m.svara_till, None);
    let after_problems = m.text.split_once("Så gör ni:\n").unwrap().1;
    assert_eq!(
        after_problems,
        "Öppna filen i Excel, rätta det som står under \"Att rätta\" och spara. Skriv dagens datum som \
         rapportdatum.\n\
         \n\
         Skicka den rättade filen som bilaga i ett svar på det här meddelandet. Filen får behålla sitt namn \
         eller få ett nytt: kansliet använder alltid den senaste rapporten för insatsen och kvartalet.\n\
         \n\
         Hör gärna av er om något är oklart.\n\
         \n\
         Vänliga hälsningar\n\
         Kansliet\n"
    );
    let plural = one(heby(vec![mal_saknas(), budget_fel()]), &Avsandare::default());
    assert_eq!(plural.amne, "Kvartalsrapport 2018-K2, Heby, Individstöd i samverkan: 2 saker att rätta");
}

#[test]
fn a_report_with_only_varningar_says_it_can_be_used() {
    let m = one(heby(vec![utanfor()]), &kansliet());
    assert_eq!(m.amne, "Kvartalsrapport 2018-K2, Heby, Individstöd i samverkan: 1 sak att kontrollera");
    assert!(!m.text.contains("Att rätta"));
    let after_problems = m.text.split_once("Så gör ni:\n").unwrap().1;
    assert_eq!(
        after_problems.split_once("\n\nHör gärna").unwrap().0,
        "Rapporten går att använda, men gå igenom det under \"Att kontrollera\". Ändrar ni något, spara \
         filen och skriv dagens datum som rapportdatum. Stämmer allt behöver ni inte skicka något nytt.\n\
         \n\
         Skicka i så fall den rättade filen som bilaga i ett svar på det här meddelandet, eller till \
         kansliet@sof.example. Filen får behålla sitt namn eller få ett nytt: kansliet använder alltid den \
         senaste rapporten för insatsen och kvartalet."
    );
    let two = one(heby(vec![utanfor(), utanfor()]), &kansliet());
    assert_eq!(two.amne, "Kvartalsrapport 2018-K2, Heby, Individstöd i samverkan: 2 saker att kontrollera");
}

#[test]
fn a_missing_report_gets_a_reminder_to_send_it() {
    let m = one(heby_saknas(), &kansliet());
    assert_eq!(m.amne, "Kvartalsrapport 2018-K2, Heby, Individstöd i samverkan: rapporten saknas");
    assert_eq!(m.namn, "2018-K2 Heby, Individstöd i samverkan – påminnelse");
    assert!(m.saknas);
    assert_eq!((m.fel, m.varningar), (0, 0));
    assert_eq!(
        m.text,
        "Hej!\n\
         \n\
         Kansliet har ännu inte fått den här kvartalsrapporten.\n\
         \n\
         Insats: Heby, Individstöd i samverkan (2017:33)\n\
         Kvartal: 2018-K2\n\
         \n\
         Så gör ni:\n\
         Fyll i kvartalsrapporten i mallen från kansliet och spara den. Har ni redan skickat den kan den ha \
         kommit bort på vägen: skicka den gärna igen.\n\
         \n\
         Skicka rapporten som bilaga i ett svar på det här meddelandet, eller till kansliet@sof.example.\n\
         \n\
         Hör gärna av er om något är oklart.\n\
         \n\
         Vänliga hälsningar\n\
         Kansliet, Samordningsförbundet\n\
         kansliet@sof.example\n"
    );
    let anonymous = one(heby_saknas(), &Avsandare::default());
    assert!(anonymous.text.contains("\nSkicka rapporten som bilaga i ett svar på det här meddelandet.\n"));
}

#[test]
fn a_finding_that_asks_kansliet_to_ask_the_styrgrupp_asks_the_styrgrupp_itself() {
    let field = uppfoljning::contract::field("insats_id").unwrap();
    let finding = uppfoljning::report::messages::name_missing(field, FIL);
    assert!(finding.message.contains("Be styrgruppen använda mallen från kansliet."), "{}", finding.message);
    let m = one(heby(vec![finding]), &kansliet());
    let line = problem_lines(&m).into_iter().find(|l| l.contains("saknas i rapporten")).unwrap().to_string();
    assert!(line.ends_with("så svaret kan inte läsas. Använd mallen från kansliet."), "{line}");
    assert!(!m.text.contains("styrgruppen"), "{}", m.text);
}

#[test]
fn a_personal_identity_number_is_to_be_removed_and_the_file_sent_again_not_explained() {
    let pnr = fynd(
        Code::PersonnummerIFritext,
        "B89",
        "analys",
        "Ett personnummer stod i texten; det är borttaget.",
    );
    let m = one(heby(vec![pnr]), &kansliet());
    assert!(
        m.text.contains(
            "Så gör ni:\nRapporten innehåller ett personnummer, och uppgifter om enskilda deltagare får inte finnas \
             i den. Öppna filen i Excel, ta bort personnumret och gå igenom resten av det som står ovan. Spara och \
             skriv dagens datum som rapportdatum.\n\nSkicka den rättade filen som bilaga"
        ),
        "{}",
        m.text
    );
    assert!(!m.text.contains("Stämmer allt behöver ni inte skicka något nytt"), "{}", m.text);
}

#[test]
fn a_reminder_names_a_file_of_the_insats_whose_quarter_cannot_be_read() {
    let u = Underlag { i_stallet: vec![("2018-K2/Heby.xlsx".into(), None)], ..heby_saknas() };
    let m = one(u, &kansliet());
    assert!(
        m.text.contains(
            "\nVi har fått filen 2018-K2/Heby.xlsx, men vilket kvartal den gäller går inte att läsa ur den.\n\n\
             Så gör ni:\nÄr filen ändå rapporten för 2018-K2, rätta år och kvartal i den och spara."
        ),
        "{}",
        m.text
    );
}

#[test]
fn a_reminder_names_the_file_that_came_instead_of_the_report() {
    let u =
        Underlag { i_stallet: vec![("2018-K2/Heby.xlsx".into(), Kvartal::new(2018, 1))], ..heby_saknas() };
    let m = one(u, &kansliet());
    assert_eq!(m.amne, "Kvartalsrapport 2018-K2, Heby, Individstöd i samverkan: rapporten saknas");
    assert_eq!(
        m.text,
        "Hej!\n\
         \n\
         Kansliet har ännu inte fått den här kvartalsrapporten.\n\
         \n\
         Insats: Heby, Individstöd i samverkan (2017:33)\n\
         Kvartal: 2018-K2\n\
         \n\
         Vi har fått filen 2018-K2/Heby.xlsx, men den gäller 2018-K1, inte 2018-K2.\n\
         \n\
         Så gör ni:\n\
         Är filen ändå rapporten för 2018-K2, rätta år och kvartal i den och spara. Annars fyll i \
         kvartalsrapporten för 2018-K2 i mallen från kansliet och spara den.\n\
         \n\
         Skicka rapporten som bilaga i ett svar på det här meddelandet, eller till kansliet@sof.example.\n\
         \n\
         Hör gärna av er om något är oklart.\n\
         \n\
         Vänliga hälsningar\n\
         Kansliet, Samordningsförbundet\n\
         kansliet@sof.example\n"
    );
}

#[test]
fn an_unreadable_file_is_named_by_its_file() {
    let unreadable = Underlag {
        insats_id: None,
        insats_namn: None,
        kvartal: None,
        fil: Some("rapport från Heby.xlsx".into()),
        epost: None,
        fynd: vec![Finding::new(Code::FilOlaslig, "rapport från Heby.xlsx", "Filen kunde inte öppnas.")],
        till_kansliet: false,
        i_stallet: Vec::new(),
        kvittens: false,
    };
    let m = one(unreadable, &kansliet());
    assert_eq!(m.amne, "Kvartalsrapport rapport från Heby.xlsx: 1 sak att rätta");
    assert_eq!(m.namn, "Återkoppling rapport från Heby");
    assert_eq!(m.till, None);
    assert!(
        m.text.contains("ber er se över det som står nedan.\n\nFil: rapport från Heby.xlsx\n\nAtt rätta")
    );
    assert_eq!(problem_lines(&m), ["Filen kunde inte öppnas."]);
    let by_id = Underlag { insats_namn: None, ..heby(vec![mal_saknas()]) };
    let m = one(by_id, &kansliet());
    assert_eq!(m.amne, "Kvartalsrapport 2018-K2, insats 2017:33: 1 sak att rätta");
    assert!(m.text.contains("\nInsats: 2017:33\n"));
}

#[test]
fn a_finding_without_a_cell_or_field_is_listed_by_what_it_has() {
    let mut no_field = mal_saknas();
    no_field.field = None;
    let mut no_cell = mal_saknas();
    (no_cell.sheet, no_cell.cell) = (None, None);
    let m = one(heby(vec![no_field, no_cell]), &kansliet());
    assert_eq!(problem_lines(&m), [MAL_SAKNAS.to_string(), format!("Rapport!B20: {MAL_SAKNAS}")]);
}

#[test]
fn an_address_that_is_not_one_is_not_used() {
    for epost in
        ["individstod.heby.example", "a@heby.example\r\nBcc: b@x.example", "a@heby.example, b@x.example"]
    {
        let u = Underlag { epost: Some(epost.into()), ..heby(vec![mal_saknas()]) };
        assert_eq!(one(u, &kansliet()).till, None, "{epost:?}");
    }
    let sender = Avsandare::new("  ", Some("kansliet"));
    assert_eq!(sender, Avsandare { namn: "Kansliet".into(), epost: None, svara_till: None, signatur: None });
    assert_eq!(Avsandare::default(), sender);
}

#[test]
fn no_message_holds_a_personnummer_even_if_a_finding_did() {
    let pnr = "811218-9876";
    let leaky =
        Finding::new(Code::PersonnummerIFritext, format!("{pnr}.xlsx"), format!("Deltagare {pnr} i texten."));
    let u = Underlag {
        fil: Some(format!("{pnr}.xlsx")),
        insats_namn: Some(format!("Heby {pnr}")),
        fynd: vec![leaky],
        ..heby(Vec::new())
    };
    let m = one(u, &kansliet());
    let dir = tempfile::tempdir().unwrap();
    write_all(std::slice::from_ref(&m), dir.path()).unwrap();
    let Eml { headers, body, .. } = Eml::parse(&m.eml());
    let subject = decode_words(header(&headers, "Subject").unwrap());
    let mut everything = vec![m.amne.clone(), m.text.clone(), m.namn.clone(), subject, body];
    everything.push(String::from_utf8(m.txt()).unwrap());
    for name in names(dir.path()) {
        everything.push(std::fs::read_to_string(dir.path().join(&name)).unwrap());
        everything.push(name);
    }
    for text in everything {
        assert!(!text.contains("9876"), "{text}");
    }
    assert!(m.text.contains("Deltagare [personnummer borttaget] i texten."));
}

// ---------------------------------------------------------------- the forms

#[test]
fn the_eml_is_headers_and_a_body_with_crlf_and_an_encoded_subject() {
    let m = one(heby(vec![utanfor(), mal_saknas()]), &kansliet());
    let bytes = m.eml();
    let Eml { headers, body, .. } = Eml::parse(&bytes);
    let names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, DRAFT_HEADERS);
    assert_eq!(header(&headers, "X-Unsent"), Some("1"));
    let from = header(&headers, "From").unwrap();
    let (name, address) = from.rsplit_once(' ').unwrap();
    assert_eq!(
        (decode_words(name).as_str(), address),
        ("Kansliet, Samordningsförbundet", "<kansliet@sof.example>")
    );
    assert_eq!(header(&headers, "To"), Some("individstod@heby.example"));
    assert_eq!(header(&headers, "Reply-To"), Some("kansliet@sof.example"));
    assert_eq!(header(&headers, "MIME-Version"), Some("1.0"));
    assert_eq!(header(&headers, "Content-Type"), Some("text/plain; charset=utf-8"));
    assert_eq!(header(&headers, "Content-Transfer-Encoding"), Some("quoted-printable"));
    let subject = header(&headers, "Subject").unwrap();
    assert!(subject.starts_with("=?UTF-8?B?"), "{subject}");
    assert_eq!(decode_words(subject), m.amne);
    assert!(m.amne.contains('ö') && m.text.contains('å') && m.text.contains('ä'));
    assert_eq!(body, m.text.replace('\n', "\r\n"));
    for absent in ["Date", "Message-ID"] {
        assert_eq!(header(&headers, absent), None, "{absent}: the mail program adds it when sending");
    }
}

#[test]
fn an_eml_without_addresses_leaves_to_and_reply_to_out() {
    let u = Underlag { epost: None, ..heby(vec![mal_saknas()]) };
    let Eml { headers, .. } = Eml::parse(&one(u, &Avsandare::default()).eml());
    assert_eq!(header(&headers, "To"), None);
    assert_eq!(header(&headers, "Reply-To"), None);
}

#[test]
fn the_txt_starts_with_addressee_and_subject_for_notepad() {
    let m = one(heby(vec![mal_saknas()]), &kansliet());
    let txt = String::from_utf8(m.txt()).unwrap();
    let expected = format!(
        "\u{feff}Till: individstod@heby.example\r\nÄmne: {}\r\n\r\n{}",
        m.amne,
        m.text.replace('\n', "\r\n")
    );
    assert_eq!(txt, expected);
    let u = Underlag { epost: None, ..heby(vec![mal_saknas()]) };
    let txt = String::from_utf8(one(u, &kansliet()).txt()).unwrap();
    assert!(
        txt.starts_with("\u{feff}Till: (adress saknas – slå upp insatsens kontaktperson)\r\nÄmne: "),
        "{txt}"
    );
}

// ---------------------------------------------------------------- the folder

#[test]
fn the_folder_holds_an_eml_and_a_txt_per_message_and_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("återkoppling 2018-H1");
    let m = messages(&[heby(vec![mal_saknas()]), heby_saknas()], &kansliet());
    let skrivet = write_all(&m, &folder).unwrap();
    assert_eq!(
        names(&folder),
        [
            "2018-K2 Heby, Individstöd i samverkan – påminnelse.eml",
            "2018-K2 Heby, Individstöd i samverkan – påminnelse.txt",
            "2018-K2 Heby, Individstöd i samverkan.eml",
            "2018-K2 Heby, Individstöd i samverkan.txt",
            LISTA,
        ]
    );
    assert_eq!(skrivet.meddelanden, 2);
    assert_eq!(skrivet.lista, folder.join(LISTA));
    assert_eq!(skrivet.filer.len(), 5);
    assert_eq!(skrivet.filer[0], folder.join(LISTA));
    assert!(skrivet.borttagna.is_empty());
    assert_eq!(std::fs::read(folder.join("2018-K2 Heby, Individstöd i samverkan.eml")).unwrap(), m[0].eml());
    assert_eq!(std::fs::read(folder.join("2018-K2 Heby, Individstöd i samverkan.txt")).unwrap(), m[0].txt());
}

#[test]
fn the_same_messages_give_the_same_bytes() {
    let dir = inbox_copy();
    let m1 = messages(&from_sammanstallning(&run(dir.path())), &kansliet());
    let m2 = messages(&from_sammanstallning(&run(dir.path())), &kansliet());
    assert_eq!(m1, m2);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write_all(&m1, a.path()).unwrap();
    write_all(&m2, b.path()).unwrap();
    write_all(&m2, b.path()).unwrap();
    assert_eq!(names(a.path()), names(b.path()));
    for name in names(a.path()) {
        assert_eq!(
            std::fs::read(a.path().join(&name)).unwrap(),
            std::fs::read(b.path().join(&name)).unwrap()
        );
    }
}

#[test]
fn file_names_are_safe_on_windows_with_swedish_letters_slashes_and_colons() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ut");
    let odd = |namn: &str| Underlag { insats_namn: Some(namn.into()), ..heby(vec![mal_saknas()]) };
    let m = messages(
        &[
            odd("Håbo/Älvkarleby: Öppen väg?"),
            odd("../../utanför"),
            odd("CON"),
            odd("håbo/älvkarleby: öppen väg"),
        ],
        &kansliet(),
    );
    let stems: Vec<&str> = m.iter().map(|m| m.namn.as_str()).collect();
    assert_eq!(
        stems,
        [
            "2018-K2 Håbo-Älvkarleby- Öppen väg",
            "2018-K2 ..-..-utanför",
            "2018-K2 CON",
            "2018-K2 håbo-älvkarleby- öppen väg (2)"
        ]
    );
    write_all(&m, &folder).unwrap();
    assert_eq!(names(dir.path()), ["ut"], "nothing is written outside the folder");
    assert_eq!(names(&folder).len(), 9);
    let device = Underlag { insats_namn: Some("nul".into()), kvartal: None, ..heby(vec![mal_saknas()]) };
    assert_eq!(messages(&[device], &kansliet())[0].namn, "nul_");
}

#[test]
fn the_list_counts_messages_per_address_and_lists_each_message_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let other = Underlag {
        insats_id: Some("2017:44".into()),
        insats_namn: Some("Älvkarleby, ASF".into()),
        epost: Some("ASF@alvkarleby.example".into()),
        ..heby(vec![utanfor()])
    };
    let underlag = [
        heby(vec![mal_saknas(), budget_fel(), utanfor()]),
        heby_saknas(),
        Underlag {
            epost: Some("Individstod@Heby.example".into()),
            kvartal: Kvartal::new(2018, 1),
            ..heby(vec![utanfor()])
        },
        Underlag { epost: None, ..other.clone() },
        Underlag { epost: Some("asf@alvkarleby.example".into()), ..other },
        Underlag { epost: Some("inte en adress".into()), kvartal: Kvartal::new(2018, 3), ..heby_saknas() },
    ];
    let m = messages(&underlag, &kansliet());
    write_all(&m, dir.path()).unwrap();
    let list = std::fs::read_to_string(dir.path().join(LISTA)).unwrap();
    assert_eq!(
        list,
        "\u{feff}E-post;Meddelanden;Fel att rätta;Varningar att kontrollera;Saknade rapporter;Läge;Filer\r\n\
         asf@alvkarleby.example;1;0;1;0;Behöver rättas;2018-K2 Älvkarleby, ASF (2)\r\n\
         individstod@heby.example;3;2;2;1;Behöver rättas | Saknas | Behöver rättas;2018-K2 Heby, Individstöd \
         i samverkan | 2018-K2 Heby, Individstöd i samverkan – påminnelse | 2018-K1 Heby, Individstöd i \
         samverkan\r\n\
         adress saknas;1;0;1;0;Behöver rättas;2018-K2 Älvkarleby, ASF\r\n\
         adress saknas;1;0;0;1;Saknas;2018-K3 Heby, Individstöd i samverkan – påminnelse\r\n"
    );
    assert_eq!(
        summary(&m),
        [
            ("Återkoppling: meddelanden", 6),
            ("Återkoppling: till adresser", 2),
            ("Återkoppling: utan adress", 2)
        ]
    );
    assert_eq!(summary(&[]).iter().map(|(_, n)| *n).collect::<Vec<_>>(), [0, 0, 0]);
}

#[test]
fn a_rerun_removes_the_feedback_on_reports_since_corrected_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let broken = Underlag { kvartal: Kvartal::new(2018, 1), ..heby(vec![mal_saknas()]) };
    write_all(&messages(&[broken, heby(vec![utanfor()])], &kansliet()), dir.path()).unwrap();
    std::fs::write(dir.path().join("anteckningar.txt"), "kansliets egna").unwrap();
    let skrivet = write_all(&messages(&[heby(vec![utanfor()])], &kansliet()), dir.path()).unwrap();
    let gone = |ext: &str| dir.path().join(format!("2018-K1 Heby, Individstöd i samverkan.{ext}"));
    assert_eq!(skrivet.borttagna, [gone("eml"), gone("txt")]);
    assert_eq!(
        names(dir.path()),
        [
            "2018-K2 Heby, Individstöd i samverkan.eml",
            "2018-K2 Heby, Individstöd i samverkan.txt",
            LISTA,
            "anteckningar.txt",
        ]
    );
}

#[test]
fn a_list_edited_to_name_other_files_removes_nothing_outside_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ut");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(dir.path().join("hemligt.txt"), "kvar").unwrap();
    std::fs::write(folder.join(LISTA), "E-post;;;;;Filer\r\nx;1;0;0;0;../hemligt | ..\\hemligt\r\n").unwrap();
    write_all(&[], &folder).unwrap();
    assert_eq!(std::fs::read_to_string(dir.path().join("hemligt.txt")).unwrap(), "kvar");
}

#[test]
fn a_failed_write_leaves_the_previous_feedback_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let first = messages(&[heby(vec![mal_saknas()])], &kansliet());
    write_all(&first, dir.path()).unwrap();
    let before: Vec<Vec<u8>> =
        names(dir.path()).iter().map(|n| std::fs::read(dir.path().join(n)).unwrap()).collect();
    // A folder where the reminder's .txt would go makes the second run fail.
    std::fs::create_dir(dir.path().join("2018-K2 Heby, Individstöd i samverkan – påminnelse.txt")).unwrap();
    let second = messages(&[heby(vec![utanfor()]), heby_saknas()], &kansliet());
    let error = write_all(&second, dir.path()).unwrap_err();
    assert!(matches!(error, FeedbackError::Skriva(_)), "{error:?}");
    let after: Vec<Vec<u8>> = names(dir.path())
        .iter()
        .filter(|n| !n.contains("påminnelse"))
        .map(|n| std::fs::read(dir.path().join(n)).unwrap())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn every_error_says_what_to_do_in_swedish() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("återkoppling");
    std::fs::write(&file, "").unwrap();
    let error = write_all(&[], &file).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("{} är en fil, inte en mapp. Välj en mapp för återkopplingen.", file.display())
    );
    let os = || std::io::Error::other("os-text");
    assert_eq!(
        FeedbackError::Mapp { mapp: "ut/återkoppling".into(), source: os() }.to_string(),
        "Mappen ut/återkoppling för återkopplingen kunde inte skapas (os-text). Välj en annan mapp."
    );
    assert_eq!(
        FeedbackError::TaBort { fil: "ut/2018-K2 GESAM.eml".into(), source: os() }.to_string(),
        "ut/2018-K2 GESAM.eml från en tidigare körning kunde inte tas bort (os-text). Ta bort den för hand, så \
         att gammal återkoppling inte skickas."
    );
    let locked = uppfoljning::fsio::WriteError::Locked { file: "ut/adressater.csv".into() };
    assert_eq!(
        FeedbackError::Skriva(locked).to_string(),
        "ut/adressater.csv kunde inte ersättas: filen är öppen i ett annat program eller skrivskyddad. Stäng \
         adressater.csv i programmet där den är öppen och kör igen."
    );
}

#[test]
fn a_report_in_doubt_is_a_note_to_kansliet_never_to_the_sender() {
    let doubt = Finding::new(
        Code::RapportITvivel,
        FIL,
        "Det finns 2 rapporter för Heby, Individstöd i samverkan (2017:33), 2018-K2, från olika avsändare.",
    )
    .insats("2017:33");
    let u = Underlag { epost: None, till_kansliet: true, ..heby(vec![doubt]) };
    let m = one(u.clone(), &kansliet());
    assert_eq!(m.till.as_deref(), Some("kansliet@sof.example"));
    assert_eq!(
        m.amne,
        "Till kansliet: Kvartalsrapport 2018-K2, Heby, Individstöd i samverkan: oklart vems rapporten är"
    );
    assert_eq!(m.namn, "2018-K2 Heby, Individstöd i samverkan – till kansliet");
    assert_eq!(
        m.text,
        "Till kansliet – skicka inte det här vidare som det står.\n\nDet är oklart vilken insats rapporten nedan \
         gäller, så den används inte och inget meddelande om den har skrivits till en styrgrupp. Ta reda på vilken \
         rapport som gäller, ta bort den fil som inte gäller ur mappen och kör uppfoljning igen; då får rätt \
         styrgrupp sin återkoppling.\n\nInsats: Heby, Individstöd i samverkan (2017:33)\nKvartal: 2018-K2\nFil: \
         2018-K2 Heby, Individstöd i samverkan.xlsx\n\nDet här är oklart:\n- Det finns 2 rapporter för Heby, \
         Individstöd i samverkan (2017:33), 2018-K2, från olika avsändare.\n\nHör gärna av er om något är \
         oklart.\n\nVänliga hälsningar\nKansliet, Samordningsförbundet\nkansliet@sof.example\n"
    );
    // Without kansliet's address the list says whose it is.
    let m = one(u, &Avsandare::default());
    assert_eq!(m.till, None);
    let dir = tempfile::tempdir().unwrap();
    write_all(std::slice::from_ref(&m), dir.path()).unwrap();
    let list = std::fs::read_to_string(dir.path().join(LISTA)).unwrap();
    assert!(
        list.contains(
            "\r\ntill kansliet;1;1;0;0;Mottagen;2018-K2 Heby, Individstöd i samverkan – till kansliet\r\n"
        ),
        "{list}"
    );
}
