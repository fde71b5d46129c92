//! Kansliet's correspondence with the styrgrupper as the register sets it:
//! sender, reply address and signature in the `.eml` drafts (headers read
//! as text), the due date and whether it has passed, the count of earlier
//! reminders over reruns, receipts for approved reports, and where each
//! report stands in `adressater.csv` and on `Översikt`.
//!
//! An *earlier reminder* is a reminder about the same insats and quarter
//! that a run drafted into the same feedback folder on an earlier day than
//! the run's own (`påminnelser.csv` keeps one line per report and day); a
//! rerun on the same day adds nothing and counts nothing more.

mod common;

#[allow(dead_code)]
#[path = "../examples/samples.rs"]
mod samples;

#[allow(dead_code)]
#[path = "common/edited_samples.rs"]
mod edited_samples;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use common::eml::{DRAFT_HEADERS, Eml, decode_words, header};
use common::register_book::{INSTALLNINGAR, RegisterBook, row};
use common::samples::{inbox_copy, sample_register};
use std::io::Cursor;
use std::path::Path;
use uppfoljning::aggregate::{Sammanstallning, aggregate};
use uppfoljning::discover::discover;
use uppfoljning::feedback::{
    Avsandare, LISTA, Lage, Meddelande, PAMINNELSER, Paminnelser, from_sammanstallning, korrespondens, lagen,
    messages, write_all,
};
use uppfoljning::finding::{Code, Finding};
use uppfoljning::inbox::read_inbox;
use uppfoljning::period::{Kvartal, Period};
use uppfoljning::register::{Korrespondens, read_register};

// ---------------------------------------------------------------- helpers

const GESAM: &str = "2017:46";
const GESAM_K2: &str = "2018-K2 GESAM.xlsx";
const HEBY: &str = "2017:33";
const K2: Kvartal = Kvartal { ar: 2018, kvartal: 2 };

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The register's `Inställningar` with `rows`, read as the tool reads a
/// register: the correspondence settings and the register's findings.
fn settings(rows: Vec<Vec<common::register_book::Cell>>) -> (Korrespondens, Vec<Finding>) {
    let dir = tempfile::tempdir().unwrap();
    let path = RegisterBook::good().sheet("Inställningar", INSTALLNINGAR, rows).write(dir.path());
    let (register, findings) = read_register(&path).unwrap();
    (register.installningar.korrespondens, findings)
}

/// Kansliet's settings: a sender with Swedish letters and a comma, a reply
/// address of its own, a signature of three lines, 45 days to report.
fn kansliet() -> Korrespondens {
    let (k, findings) = settings(vec![
        row!["Avsändare", "Åsa Öberg, Samordningsförbundet"],
        row!["Avsändarens e-post", "asa.oberg@sof.example"],
        row!["Svara till", "kansliet@sof.example"],
        row!["Signatur", "Åsa Öberg\nFörbundschef\nSamordningsförbundet Uppsala län"],
        row!["Dagar att rapportera efter kvartalet", 45],
    ]);
    assert_eq!(findings, []);
    k
}

/// The samples without GESAM's report for 2018-K2: a missing report.
fn without_gesam_k2() -> tempfile::TempDir {
    let dir = inbox_copy();
    std::fs::remove_file(dir.path().join(GESAM_K2)).unwrap();
    dir
}

/// `sammanstall` over `inbox` for 2018-H1 on `today`, with the sample
/// register whose correspondence settings are `k`.
fn run(inbox: &Path, k: &Korrespondens, today: NaiveDate) -> Sammanstallning {
    let mut register = sample_register();
    register.installningar.korrespondens = k.clone();
    let found = discover(&[inbox.to_path_buf()]).unwrap();
    aggregate(&register, &[], &read_inbox(&found), Period::parse("2018-H1").unwrap(), today)
}

/// A run's messages written into `folder` as `sammanstall --aterkoppling` does.
fn write_run(s: &Sammanstallning, folder: &Path) -> Vec<Meddelande> {
    let m = korrespondens(s, &Paminnelser::read(folder));
    write_all(&m, folder).unwrap();
    m
}

fn reminder_of_gesam(m: &[Meddelande]) -> &Meddelande {
    m.iter().find(|m| m.namn == "2018-K2 GESAM – påminnelse").unwrap()
}

/// The rows of `adressater.csv`, each split at `;`, the header first.
fn list_rows(folder: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(folder.join(LISTA)).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    text.split("\r\n").filter(|l| !l.is_empty()).map(|l| l.split(';').map(str::to_string).collect()).collect()
}

// ---------------------------------------------------------------- the drafts

#[test]
fn a_reminder_draft_carries_sender_reply_address_signature_and_due_date_from_the_register() {
    let inbox = without_gesam_k2();
    let folder = tempfile::tempdir().unwrap();
    write_run(&run(inbox.path(), &kansliet(), day(2018, 8, 20)), folder.path());
    let bytes = std::fs::read(folder.path().join("2018-K2 GESAM – påminnelse.eml")).unwrap();
    let Eml { head, headers, body } = Eml::parse(&bytes);

    assert!(head.starts_with("X-Unsent: 1\r\n"), "Outlook opens it as a draft:\n{head}");
    let names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, DRAFT_HEADERS);
    // The name holds å, ö and a comma: encoded words, the address after them as is.
    let from = header(&headers, "From").unwrap();
    let (name, address) = from.rsplit_once(' ').unwrap();
    assert!(name.starts_with("=?UTF-8?B?"), "{from}");
    assert_eq!(decode_words(name), "Åsa Öberg, Samordningsförbundet");
    assert_eq!(address, "<asa.oberg@sof.example>");
    assert_eq!(header(&headers, "Reply-To"), Some("kansliet@sof.example"));
    assert_eq!(header(&headers, "To"), Some("gesam@region-uppsala.example"));
    for absent in ["Date", "Message-ID"] {
        assert_eq!(header(&headers, absent), None, "{absent}: the mail program adds it when sending");
    }

    // 2018-K2 ends 2018-06-30; 45 days later is 2018-08-14, before the run's day.
    assert!(body.contains("\r\nSista dag för rapporten var 2018-08-14, så den är försenad.\r\n"), "{body}");
    assert!(body.contains("eller till kansliet@sof.example.\r\n"), "the reply address in the text: {body}");
    assert!(
        body.ends_with(
            "\r\nVänliga hälsningar\r\nÅsa Öberg\r\nFörbundschef\r\nSamordningsförbundet Uppsala län\r\n"
        ),
        "the signature closes the message:\n{body}"
    );
}

#[test]
fn without_correspondence_settings_no_from_is_written_and_the_sign_off_is_kansliet() {
    let inbox = without_gesam_k2();
    let folder = tempfile::tempdir().unwrap();
    write_run(&run(inbox.path(), &Korrespondens::default(), day(2018, 8, 20)), folder.path());
    let bytes = std::fs::read(folder.path().join("2018-K2 GESAM – påminnelse.eml")).unwrap();
    let Eml { head, headers, body } = Eml::parse(&bytes);
    assert!(head.starts_with("X-Unsent: 1\r\n"));
    assert_eq!(header(&headers, "From"), None, "the account that sends fills it in");
    assert_eq!(header(&headers, "Reply-To"), None);
    assert!(body.ends_with("\r\nVänliga hälsningar\r\nKansliet\r\n"), "{body}");
    // The default is 30 days: 2018-07-30.
    assert!(body.contains("\r\nSista dag för rapporten var 2018-07-30, så den är försenad.\r\n"), "{body}");
}

#[test]
fn the_due_date_has_passed_only_after_its_day() {
    let inbox = without_gesam_k2();
    let k = Korrespondens { dagar_att_rapportera: 30, ..kansliet() };
    let state = |today| {
        let s = run(inbox.path(), &k, today);
        let gesam = lagen(&s).into_iter().find(|l| l.insats_id == GESAM && l.kvartal == K2).unwrap();
        let m = korrespondens(&s, &Paminnelser::default());
        let reminder = reminder_of_gesam(&m).clone();
        (gesam.lage, gesam.sista_dag, reminder)
    };

    let (lage, sista_dag, reminder) = state(day(2018, 7, 30));
    assert_eq!((lage, sista_dag), (Lage::Saknas, day(2018, 7, 30)), "the last day itself is not late");
    assert_eq!(reminder.lage, Lage::Saknas);
    assert!(reminder.text.contains("\nSista dag för rapporten är 2018-07-30.\n"), "{}", reminder.text);
    assert!(!reminder.text.contains("försenad"));

    let (lage, sista_dag, reminder) = state(day(2018, 7, 31));
    assert_eq!((lage, sista_dag), (Lage::Forsenad, day(2018, 7, 30)));
    assert_eq!(reminder.lage, Lage::Forsenad);
    assert!(
        reminder.text.contains("\nSista dag för rapporten var 2018-07-30, så den är försenad.\n"),
        "{}",
        reminder.text
    );
}

// ---------------------------------------------------------------- receipts

#[test]
fn an_approved_report_gets_a_receipt_and_none_when_receipts_are_turned_off() {
    let inbox = inbox_copy();
    let s = run(inbox.path(), &kansliet(), day(2018, 8, 20));
    let m = korrespondens(&s, &Paminnelser::default());
    let heby = m.iter().find(|m| m.namn == "2018-K2 Heby, Individstöd i samverkan – kvittens").unwrap();
    assert_eq!(heby.lage, Lage::Godkand);
    assert_eq!(heby.amne, "Kvartalsrapport 2018-K2, Heby, Individstöd i samverkan: mottagen och godkänd");
    assert!(
        heby.text.starts_with("Hej!\n\nTack – rapporten för 2018-K2 är mottagen och godkänd.\n\n"),
        "{}",
        heby.text
    );
    assert!(heby.text.contains("\nNi behöver inte göra något mer med den här rapporten.\n"));
    let sender = s.kallor.iter().find(|k| k.insats_id.as_deref() == Some(HEBY) && k.kvartal == Some(K2));
    assert_eq!(heby.till, sender.and_then(|k| k.epost.clone()), "to the address the report gave");
    assert_eq!((heby.fel, heby.varningar, heby.saknas), (0, 0, false));

    // One receipt per approved report, none for a report the feedback asks something of.
    let approved = lagen(&s).iter().filter(|l| l.lage == Lage::Godkand).count();
    let receipts: Vec<&Meddelande> = m.iter().filter(|m| m.lage == Lage::Godkand).collect();
    assert_eq!(receipts.len(), approved);
    assert!(approved > 0);
    let asked: Vec<String> = from_sammanstallning(&s).into_iter().filter_map(|u| u.fil).collect();
    for r in &receipts {
        assert!(r.namn.ends_with(" – kvittens"), "{}", r.namn);
        assert!(
            !asked.iter().any(|fil| fil.trim_end_matches(".xlsx") == r.namn.trim_end_matches(" – kvittens"))
        );
    }

    let (off, findings) = settings(vec![row!["Kvittens vid godkänd rapport", "Nej"]]);
    assert_eq!(findings, []);
    let s = run(inbox.path(), &off, day(2018, 8, 20));
    let m = korrespondens(&s, &Paminnelser::default());
    assert!(m.iter().all(|m| m.lage != Lage::Godkand), "no receipt at all");
    assert_eq!(m.len(), messages(&from_sammanstallning(&s), &Avsandare::default()).len());
}

// ---------------------------------------------------------------- reminders over reruns

#[test]
fn the_count_of_earlier_reminders_grows_by_one_per_day_drafted_and_not_on_a_rerun_the_same_day() {
    let inbox = without_gesam_k2();
    let folder = tempfile::tempdir().unwrap();
    let k = kansliet();
    let files = |folder: &Path| {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
            .unwrap()
            .flatten()
            .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
            .collect();
        files.sort();
        files
    };

    let first = write_run(&run(inbox.path(), &k, day(2018, 8, 20)), folder.path());
    let reminder = reminder_of_gesam(&first);
    assert_eq!(reminder.amne, "Kvartalsrapport 2018-K2, GESAM: rapporten saknas");
    assert!(
        reminder.text.contains("\nDet här är kansliets första påminnelse om rapporten.\n"),
        "{}",
        reminder.text
    );

    // The same day again: nothing counted twice, every file as it was.
    let before = files(folder.path());
    let again = write_run(&run(inbox.path(), &k, day(2018, 8, 20)), folder.path());
    assert_eq!(reminder_of_gesam(&again), reminder);
    assert!(files(folder.path()) == before, "a rerun on the same day writes the same bytes");

    let second = write_run(&run(inbox.path(), &k, day(2018, 9, 3)), folder.path());
    let reminder = reminder_of_gesam(&second);
    assert_eq!(reminder.amne, "Kvartalsrapport 2018-K2, GESAM: rapporten saknas (påminnelse 2)");
    assert!(
        reminder.text.contains("\nKansliet har påmint om rapporten en gång tidigare, 2018-08-20.\n"),
        "{}",
        reminder.text
    );
    let rerun = write_run(&run(inbox.path(), &k, day(2018, 9, 3)), folder.path());
    assert_eq!(reminder_of_gesam(&rerun).text, reminder.text, "still one earlier reminder");

    let third = write_run(&run(inbox.path(), &k, day(2018, 9, 17)), folder.path());
    assert!(
        reminder_of_gesam(&third)
            .text
            .contains("\nKansliet har påmint om rapporten 2 gånger tidigare: 2018-08-20 och 2018-09-03.\n"),
        "{}",
        reminder_of_gesam(&third).text
    );
    let kept = std::fs::read_to_string(folder.path().join(PAMINNELSER)).unwrap();
    assert_eq!(
        kept,
        "\u{feff}Id;Kvartal;Datum;Insats\r\n2017:46;2018-K2;2018-08-20;GESAM\r\n2017:46;2018-K2;2018-09-03;GESAM\r\n\
         2017:46;2018-K2;2018-09-17;GESAM\r\n"
    );

    // The report comes: no reminder, and the reminders drafted stay on record.
    std::fs::copy(common::samples::samples().join("rapporter").join(GESAM_K2), inbox.path().join(GESAM_K2))
        .unwrap();
    let after = write_run(&run(inbox.path(), &k, day(2018, 10, 1)), folder.path());
    assert!(after.iter().all(|m| !m.namn.contains("GESAM – påminnelse")));
    assert!(!folder.path().join("2018-K2 GESAM – påminnelse.eml").exists(), "the stale reminder is removed");
    assert_eq!(std::fs::read_to_string(folder.path().join(PAMINNELSER)).unwrap(), kept);
}

#[test]
fn a_reminder_of_another_report_or_a_line_edited_out_is_not_counted() {
    let inbox = without_gesam_k2();
    let folder = tempfile::tempdir().unwrap();
    // Another insats's reminder and another quarter's; then a line kansliet
    // could not read; none is an earlier reminder of GESAM's 2018-K2.
    std::fs::write(
        folder.path().join(PAMINNELSER),
        "\u{feff}Id;Kvartal;Datum;Insats\r\n2017:33;2018-K2;2018-08-01;Heby\r\n2017:46;2018-K1;2018-05-01;GESAM\r\n\
         2017:46;2018-K2;inte ett datum;GESAM\r\n",
    )
    .unwrap();
    let m = write_run(&run(inbox.path(), &kansliet(), day(2018, 8, 20)), folder.path());
    assert!(reminder_of_gesam(&m).text.contains("\nDet här är kansliets första påminnelse om rapporten.\n"));
}

// ---------------------------------------------------------------- where each report stands

#[test]
fn the_list_of_addressees_says_where_each_report_stands() {
    let inbox = without_gesam_k2();
    let folder = tempfile::tempdir().unwrap();
    let s = run(inbox.path(), &kansliet(), day(2018, 8, 20));
    let m = write_run(&s, folder.path());
    let rows = list_rows(folder.path());
    assert_eq!(
        rows[0],
        [
            "E-post",
            "Meddelanden",
            "Fel att rätta",
            "Varningar att kontrollera",
            "Saknade rapporter",
            "Läge",
            "Filer"
        ]
    );
    // Every row's states, one per file and in the order of the files.
    for row in &rows[1..] {
        let (lagen, filer) = (row[5].split(" | ").count(), row[6].split(" | ").count());
        assert_eq!(lagen, filer, "{row:?}");
    }
    let state_of = |stem: &str| {
        rows[1..]
            .iter()
            .find_map(|row| {
                let filer: Vec<&str> = row[6].split(" | ").collect();
                let at = filer.iter().position(|f| *f == stem)?;
                row[5].split(" | ").nth(at).map(str::to_string)
            })
            .unwrap_or_else(|| panic!("{stem} is not in the list: {rows:?}"))
    };
    assert_eq!(state_of("2018-K2 GESAM – påminnelse"), "Försenad");
    assert_eq!(state_of("2018-K1 GESAM – kvittens"), "Godkänd");
    assert_eq!(state_of("2018-K2 Heby, Individstöd i samverkan – kvittens"), "Godkänd");
    assert_eq!(state_of("2018-K2 Älvkarleby, Arbetsintegrerande Socialt Företag"), "Behöver rättas");
    // Each message's state is the one its report has.
    for l in lagen(&s) {
        let own = m.iter().filter(|m| m.lage == l.lage).count();
        assert!(own > 0 || l.lage == Lage::Mottagen, "{l:?}");
    }
}

/// GESAM's 2018-K2 report dated before its quarter ended: it came, but the
/// date rejects it until corrected.
fn gesam_k2_dated_too_early() -> tempfile::TempDir {
    edited_samples::inbox_with(
        GESAM,
        K2,
        "rapportdatum",
        uppfoljning::template::Answer::Date(day(2018, 6, 15)),
    )
}

#[test]
fn a_report_that_came_but_is_rejected_gets_its_correction_and_no_reminder_that_it_never_came() {
    let inbox = gesam_k2_dated_too_early();
    let folder = tempfile::tempdir().unwrap();
    let s = run(inbox.path(), &kansliet(), day(2018, 8, 20));
    assert!(
        s.fynd.iter().any(|f| f.file == GESAM_K2 && f.code == Code::KvartalEjSlut),
        "the edit rejects the report: {:#?}",
        s.fynd.iter().filter(|f| f.file == GESAM_K2).collect::<Vec<_>>()
    );
    let m = write_run(&s, folder.path());
    let names: Vec<&str> = m.iter().map(|m| m.namn.as_str()).filter(|n| n.contains("GESAM")).collect();
    assert!(names.contains(&"2018-K2 GESAM"), "the correction is asked for: {names:?}");
    assert!(!names.iter().any(|n| n.contains("påminnelse")), "no reminder beside it: {names:?}");
    let reminders = Paminnelser::read(folder.path());
    assert_eq!(reminders.before(GESAM, K2, day(2018, 8, 21)), Vec::<NaiveDate>::new(), "no reminder logged");
    let gesam_k2 = lagen(&s).into_iter().find(|l| l.insats_id == GESAM && l.kvartal == K2).unwrap();
    assert_eq!(gesam_k2.lage, Lage::BehoverRattas, "came, to be corrected; not late");
}

#[test]
fn reports_of_an_insats_whose_register_row_has_a_problem_are_kansliets_and_no_styrgrupp_is_asked() {
    // As the register reader leaves Heby's row out when it has a problem.
    let mut register = sample_register();
    register.insatser.retain(|i| i.id != HEBY);
    register.utelamnade.insert(HEBY.to_string());
    let inbox = inbox_copy();
    let found = discover(&[inbox.path().to_path_buf()]).unwrap();
    let s =
        aggregate(&register, &[], &read_inbox(&found), Period::parse("2018-H1").unwrap(), day(2018, 8, 20));
    let heby: Vec<&Finding> = s.fynd.iter().filter(|f| f.file.contains("Heby")).collect();
    assert!(!heby.is_empty());
    assert!(heby.iter().any(|f| f.code == Code::InsatsRadMedFel), "{heby:#?}");
    assert!(!heby.iter().any(|f| f.code == Code::InsatsOkand), "not unknown: {heby:#?}");
    let finding = heby.iter().find(|f| f.code == Code::InsatsRadMedFel).unwrap();
    assert!(
        finding.message.contains("står i registret, men dess rad på bladet Insatser har fel"),
        "{}",
        finding.message
    );
    let m = korrespondens(&s, &Paminnelser::default());
    let to_heby: Vec<&str> = m.iter().filter(|m| m.namn.contains("Heby")).map(|m| m.namn.as_str()).collect();
    assert_eq!(to_heby, Vec::<&str>::new(), "the register is kansliet's to correct");
}

#[test]
fn overview_shows_where_each_insats_report_stands_in_its_last_column() {
    let inbox = without_gesam_k2();
    let s = run(inbox.path(), &kansliet(), day(2018, 8, 20));
    let bytes = uppfoljning::render::xlsx::workbook(&s, None, &Default::default()).unwrap();
    let mut book = Xlsx::new(Cursor::new(bytes)).unwrap();
    book.load_tables().unwrap();
    let table = book.table_by_name("Oversikt").unwrap();
    let columns = table.columns();
    assert_eq!(columns.last().map(String::as_str), Some("Rapportläge"));
    assert_eq!(columns[..3], ["Insats", "Inriktning", "Rapport"], "the memo's columns keep their places");
    let text = |cell: &Data| match cell {
        Data::String(s) => s.clone(),
        other => other.to_string(),
    };
    let rows: Vec<Vec<String>> = table.data().rows().map(|r| r.iter().map(text).collect()).collect();
    let of = |kortnamn: &str| {
        rows.iter().find(|r| r[0] == kortnamn).and_then(|r| r.last().cloned()).unwrap_or_default()
    };
    assert_eq!(of("GESAM"), "2018-K1 Godkänd, 2018-K2 Försenad");
    let heby = s.insatser.iter().find(|i| i.id == HEBY).unwrap();
    assert_eq!(of(&heby.kortnamn), "Godkänd");
    // The same words for every insats as the feedback's own states.
    for insats in &s.insatser {
        let own: Vec<_> = lagen(&s).into_iter().filter(|l| l.insats_id == insats.id).collect();
        let shown = of(&insats.kortnamn);
        assert!(own.iter().all(|l| shown.contains(l.lage.label())), "{}: {shown}", insats.kortnamn);
    }
    let before_due = run(inbox.path(), &kansliet(), day(2018, 8, 14));
    let bytes = uppfoljning::render::xlsx::workbook(&before_due, None, &Default::default()).unwrap();
    let mut book = Xlsx::new(Cursor::new(bytes)).unwrap();
    book.load_tables().unwrap();
    let table = book.table_by_name("Oversikt").unwrap();
    let gesam = table.data().rows().find(|r| text(&r[0]) == "GESAM").map(|r| text(r.last().unwrap()));
    assert_eq!(gesam.as_deref(), Some("2018-K1 Godkänd, 2018-K2 Saknas"));
}

// ---------------------------------------------------------------- the settings

#[test]
fn a_bad_email_address_or_number_in_the_settings_is_a_register_finding_and_the_default_stays() {
    let (k, findings) = settings(vec![
        row!["Avsändarens e-post", "kansliet at sof.example"],
        row!["Svara till", "a@sof.example; b@sof.example"],
        row!["Dagar att rapportera efter kvartalet", "trettio"],
        row!["Kvittens vid godkänd rapport", "kanske"],
    ]);
    assert_eq!(k, Korrespondens::default());
    let seen: Vec<(Code, Option<&str>, &str)> =
        findings.iter().map(|f| (f.code, f.cell.as_deref(), f.message.as_str())).collect();
    assert_eq!(
        seen,
        [
            (
                Code::RegisterVardeOgiltigt,
                Some("B2"),
                "\"kansliet at sof.example\" är inte en e-postadress som kan användas. Skriv en enda adress, t.ex. \
                 kansliet@samordningsforbund.se (utan mailto:), eller lämna cellen tom."
            ),
            (
                Code::RegisterVardeOgiltigt,
                Some("B3"),
                "\"a@sof.example; b@sof.example\" är inte en e-postadress som kan användas. Skriv en enda adress, t.ex. \
                 kansliet@samordningsforbund.se (utan mailto:), eller lämna cellen tom."
            ),
            (
                Code::RegisterVardeOgiltigt,
                Some("B4"),
                "\"trettio\" är inte ett heltal. Skriv ett heltal, t.ex. 30."
            ),
            (
                Code::RegisterVardeOgiltigt,
                Some("B5"),
                "\"kanske\" är varken Ja eller Nej. Skriv Ja eller Nej."
            ),
        ]
    );
    assert!(findings.iter().all(|f| f.sheet.as_deref() == Some("Inställningar")));
}

#[test]
fn a_blank_setting_without_a_default_is_not_given_and_one_with_a_default_is_asked_for() {
    // The blank register lists the signature with an empty value: not given, no finding.
    let (korrespondens, findings) = settings(vec![row!["Signatur", ""]]);
    assert_eq!(findings.iter().map(|f| f.code).collect::<Vec<_>>(), []);
    assert_eq!(korrespondens.signatur, None);
    // The sender's name has a default: an empty value is a mistake to point at.
    let (_, findings) = settings(vec![row!["Avsändare", ""]]);
    let messages: Vec<(Code, &str)> = findings.iter().map(|f| (f.code, f.message.as_str())).collect();
    assert_eq!(
        messages,
        [(
            Code::RegisterVardeSaknas,
            "Värde saknas. Skriv ett värde, eller ta bort raden för att använda standardvärdet Kansliet."
        )]
    );
}

// ---------------------------------------------------------------- the commands

/// The `.txt` names `command --aterkoppling utkast` over a copy of the samples writes.
fn drafts_of(command: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let inbox = inbox_copy();
    let output = assert_cmd::Command::cargo_bin("uppfoljning")
        .unwrap()
        .args([command, "--period", "2018-K2", "--aterkoppling", "utkast", "--register"])
        .arg(common::samples::samples().join("register.xlsx"))
        .arg(inbox.path())
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "the samples hold Fel");
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("utkast"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

#[test]
fn sammanstall_with_aterkoppling_writes_receipts_and_kontrollera_does_not() {
    let sammanstall = drafts_of("sammanstall");
    assert!(
        sammanstall.contains(&"2018-K2 Heby, Individstöd i samverkan – kvittens.txt".to_string()),
        "{sammanstall:?}"
    );
    let kontrollera = drafts_of("kontrollera");
    assert!(kontrollera.iter().all(|n| !n.contains("kvittens")), "{kontrollera:?}");
    let problems =
        |names: &[String]| names.iter().filter(|n| !n.contains(" – ")).cloned().collect::<Vec<_>>();
    assert_eq!(problems(&sammanstall), problems(&kontrollera), "the same reports are asked about");
}
