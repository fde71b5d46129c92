//! Issue 13, per insats: a figure knows where it came from, and a status
//! says why. Reports built from the samples with one answer changed (a
//! count the reader rejects, an amount it rejects) or removed (an insats
//! without any report) go through the aggregation and the workbook; the
//! samples' own follow-up, with and without the archive, is walked for any
//! yellow or red value without its reason.

mod common;

#[allow(dead_code)]
#[path = "../examples/samples.rs"]
mod samples;

#[allow(dead_code)]
#[path = "common/tables.rs"]
mod tables;

#[path = "common/edited_samples.rs"]
mod edited_samples;

use common::samples::{inbox_copy, sample_register};
use edited_samples::{inbox_with, source};
use serde_json::Value;
use std::path::{Path, PathBuf};
use tables::Book;
use uppfoljning::aggregate::{Bedomd, InsatsResultat, Rapportlage, Sammanstallning, Uppgift, aggregate};
use uppfoljning::discover::discover;
use uppfoljning::finding::{Code, Finding};
use uppfoljning::inbox::read_inbox;
use uppfoljning::period::{Kvartal, Period};
use uppfoljning::register::Status;
use uppfoljning::template::Answer;

const OSTHAMMAR: &str = "2017:58";
const EN_VAG_IN: &str = "2017:48";
const K2_2018: Kvartal = Kvartal { ar: 2018, kvartal: 2 };
const RED: (u8, u8, u8) = (0xFF, 0xC7, 0xCE);

fn run(inboxes: &[PathBuf], period: &str) -> Sammanstallning {
    let found = discover(inboxes).unwrap();
    aggregate(&sample_register(), &[], &read_inbox(&found), Period::parse(period).unwrap(), common::TODAY)
}

fn insats<'s>(s: &'s Sammanstallning, id: &str) -> &'s InsatsResultat {
    s.insatser.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("no insats {id}"))
}

/// The Fel the reader gave `field` in `s`.
fn fel_on<'s>(s: &'s Sammanstallning, field: &str) -> &'s Finding {
    s.fynd
        .iter()
        .find(|f| f.field.as_deref() == Some(field) && f.code == Code::VardeOgiltigt)
        .unwrap_or_else(|| panic!("no varde-ogiltigt on {field}"))
}

/// The workbook of `s`, written and opened as its readers do.
fn workbook(s: &Sammanstallning) -> (tempfile::TempDir, Book) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ut.xlsx");
    let options = uppfoljning::render::xlsx::Options::default();
    std::fs::write(&path, uppfoljning::render::xlsx::workbook(s, None, &options).unwrap()).unwrap();
    let book = Book::open(&path);
    (dir, book)
}

#[test]
fn a_rejected_count_leaves_ongoing_empty_with_its_reason_and_participants_not_green() {
    // Before: the samples' Östhammar reports every count, and its participants are green.
    let before = run(&[common::samples::samples().join("rapporter")], "2018-H1");
    let ok = insats(&before, OSTHAMMAR);
    assert!(ok.deltagare.as_ref().unwrap().pagaende.is_some());
    assert_ne!(ok.omraden.deltagare.as_ref().unwrap().status, Some(Status::Rod));

    let dir = inbox_with(OSTHAMMAR, K2_2018, "deltagare_pagaende_kvinnor", Answer::Text("12 st".into()));
    let s = run(&[dir.path().to_path_buf()], "2018-H1");
    let fel = fel_on(&s, "deltagare_pagaende_kvinnor");
    assert!(fel.message.contains("\"12 st\""), "{}", fel.message);
    let o = insats(&s, OSTHAMMAR);
    let d = o.deltagare.as_ref().unwrap();
    // Not the men alone: the figure is not known.
    assert_eq!(d.pagaende, None);
    let reason = format!("Fel i rapporten för 2018-K2: {}", fel.message);
    assert_eq!(o.ej_kand(Uppgift::Pagaende), Some(reason.as_str()));
    // The other figures rest on other fields and stay as reported.
    assert_eq!(d.totalt, ok.deltagare.as_ref().unwrap().totalt);
    assert_eq!(o.ej_kand(Uppgift::Totalt), None);
    // Översikt's Deltagare is red and names the figure and the error.
    let area = o.omraden.deltagare.as_ref().unwrap();
    assert_eq!((area.text.as_str(), area.status), ("Röd", Some(Status::Rod)));
    assert_eq!(area.anmarkning.as_deref(), Some(format!("Pågående: {reason}").as_str()));
    assert_eq!(o.omraden.helhet.status, Some(Status::Rod));
    assert!(
        o.omraden.helhet.anmarkning.as_deref().unwrap().starts_with("Deltagare: Pågående: Fel i rapporten")
    );

    let (_dir, mut book) = workbook(&s);
    let t = book.table("Deltagare");
    let r = t.row_of(&o.kortnamn);
    assert_eq!(t.text(r, "Pågående"), "", "empty, not the men alone");
    let takt = d.takt.anmarkning.as_deref().expect("a yellow rate says why");
    assert_eq!(t.text(r, "Anmärkning"), format!("Pågående: {reason}\nDeltagartakt: {takt}"));
    let oversikt = book.table("Oversikt");
    let r = oversikt.row_of(&o.kortnamn);
    assert_eq!(oversikt.text(r, "Deltagare"), "Röd");
    assert_eq!(book.fill(&oversikt, r, "Deltagare"), Some(RED));
    assert!(
        oversikt
            .text(r, "Anmärkning")
            .starts_with("Helhet: Deltagare: Pågående: Fel i rapporten för 2018-K2")
    );
}

#[test]
fn a_rejected_amount_leaves_spend_unknown_and_the_forecast_says_the_report_has_an_error() {
    let dir = inbox_with(OSTHAMMAR, K2_2018, "utfall_kr", Answer::Text("ungefär 300 000".into()));
    let s = run(&[dir.path().to_path_buf()], "2018-H1");
    let fel = s
        .fynd
        .iter()
        .find(|f| {
            f.field.as_deref() == Some("utfall_kr") && f.severity == uppfoljning::finding::Severity::Fel
        })
        .expect("a Fel on utfall_kr");
    let o = insats(&s, OSTHAMMAR);
    let reason = format!("Fel i rapporten för 2018-K2: {}", fel.message);
    // Q1's spend alone is no spend of the half-year.
    assert_eq!((o.budget.utfall, o.budget.andel, o.budget.utfall_sedan_start), (None, None, None));
    for uppgift in [Uppgift::Utfall, Uppgift::UtfallAndel, Uppgift::UtfallSedanStart] {
        assert_eq!(o.ej_kand(uppgift), Some(reason.as_str()), "{uppgift:?}");
    }
    let prognos = &o.budget.prognos;
    assert_eq!(prognos.text, "Fel i rapporten");
    assert_ne!(prognos.status, Some(Status::Gron));
    assert_eq!(prognos.anmarkning.as_deref(), Some(reason.as_str()));
    assert_ne!(o.omraden.budget.status, Some(Status::Gron));

    let (_dir, mut book) = workbook(&s);
    let t = book.table("Budget");
    let r = t.row_of(&o.kortnamn);
    assert_eq!(t.text(r, "Utfall"), "");
    assert_eq!(t.text(r, "Prognos budget"), "Fel i rapporten");
    // One reason, written once after every column it empties.
    assert_eq!(
        t.text(r, "Anmärkning"),
        format!("Utfall, Utfall i procent, Utfall sedan start, Prognos budget: {reason}")
    );
}

#[test]
fn a_budget_row_with_a_problem_in_the_register_leaves_the_budget_unknown_not_smaller() {
    // As the register reader gives it when 2017:52's row for 2018-K2 has
    // "Kvartal 5": the row is left out, the Id marked.
    let mut register = sample_register();
    let q2 = Kvartal::new(2018, 2).unwrap();
    register.budgetar.remove(&("2017:52".to_string(), q2));
    register.budget_med_fel.insert("2017:52".to_string());
    let inbox = inbox_copy();
    let found = discover(&[inbox.path().to_path_buf()]).unwrap();
    let s = aggregate(&register, &[], &read_inbox(&found), Period::parse("2018-H1").unwrap(), common::TODAY);
    let i = insats(&s, "2017:52");
    assert_eq!((i.budget.budget, i.budget.andel), (None, None), "not 162 500 kr for the half-year");
    let reason = "Registrets budget för 2018-K2 är inte känd: en rad för insatsen på bladet Budget har fel. \
                  Rätta raden i registret.";
    assert_eq!(i.ej_kand(Uppgift::Budget), Some(reason));
    assert_eq!(i.budget.prognos.text, "Fel i registret");
    assert_eq!(i.budget.prognos.status, Some(Status::Gul));
    assert!(!s.totaler.budget.omfattning.insatser.contains(&"2017:52".to_string()), "left out of the sums");

    let (_dir, mut book) = workbook(&s);
    let t = book.table("Budget");
    let r = t.row_of(&i.kortnamn);
    assert_eq!(t.text(r, "Budget"), "");
    assert_eq!(t.text(r, "Prognos budget"), "Fel i registret");
    // Said once, after every column it leaves empty or unjudged.
    assert_eq!(t.text(r, "Anmärkning"), format!("Budget, Utfall i procent, Prognos budget: {reason}"));
}

#[test]
fn a_participant_count_that_cannot_be_right_is_not_a_green_rate() {
    // Heby's rate is green in the samples; 1 700 typed for 17 makes it 100-fold.
    let dir = inbox_with("2017:33", K2_2018, "deltagare_totalt_kvinnor", Answer::Number(1700.0));
    let s = run(&[dir.path().to_path_buf()], "2018-H1");
    assert!(s.fynd.iter().any(|f| f.code == Code::DeltagareOrimligt), "{:#?}", s.fynd);
    let takt = &insats(&s, "2017:33").deltagare.as_ref().unwrap().takt;
    assert_eq!(takt.status, Some(Status::Gul), "{takt:?}");
    assert!(
        takt.anmarkning
            .as_deref()
            .is_some_and(|a| a.starts_with("Antalet deltagare kan inte stämma: Totalt "))
    );
}

/// Every judged value of an insats's tables, with its column.
fn parts(i: &InsatsResultat) -> Vec<(&'static str, &Bedomd)> {
    let mut parts = vec![("i fas", &i.mal.i_fas), ("prognos", &i.mal.prognos)];
    parts.extend(i.forutsattningar.parts().map(|b| ("förutsättningar", b)));
    parts.push(("budgetprognos", &i.budget.prognos));
    parts.extend(i.kvalitet.parts().map(|b| ("kvalitet", b)));
    parts.extend(i.deltagare.as_ref().map(|d| ("deltagartakt", &d.takt)));
    let o = &i.omraden;
    parts.extend([("Mål", &o.mal), ("Förutsättningar", &o.forutsattningar), ("Budget", &o.budget)]);
    parts.push(("Kvalitet", &o.kvalitet));
    parts.extend(o.deltagare.as_ref().map(|d| ("Deltagare", d)));
    parts
}

#[test]
fn an_insats_without_a_report_says_rapport_saknas_in_every_area_in_one_colour() {
    let dir = inbox_copy();
    for q in [1, 2] {
        std::fs::remove_file(dir.path().join(format!("2018-K{q} Östhammar, Bryggan.xlsx"))).unwrap();
    }
    let s = run(&[dir.path().to_path_buf()], "2018-H1");
    let o = insats(&s, OSTHAMMAR);
    assert_eq!(o.rapport, Rapportlage::Saknas);
    let reason = "Rapport saknas för 2018-K1 och 2018-K2.";
    for (what, b) in parts(o) {
        assert_eq!(
            (b.text.as_str(), b.status, b.anmarkning.as_deref()),
            ("Rapport saknas", Some(Status::Rod), Some(reason)),
            "{what}"
        );
    }
    assert_eq!(
        (o.omraden.helhet.status, o.omraden.helhet.anmarkning.as_deref()),
        (Some(Status::Rod), Some(reason))
    );
    let d = o.deltagare.as_ref().unwrap();
    assert_eq!((d.pagaende, d.totalt, o.budget.utfall), (None, None, None));
    assert_eq!(o.ej_kand(Uppgift::Totalt), Some(reason));

    // The sheet Kvalitet: one colour across the row.
    let (_dir, mut book) = workbook(&s);
    let t = book.table("Kvalitet");
    let r = t.row_of(&o.kortnamn);
    // The judged columns: all but Insats, the styrgrupp's Kommentar and Anmärkning.
    let headers: Vec<String> =
        t.columns[1..t.columns.len() - 1].iter().filter(|h| *h != "Kommentar").cloned().collect();
    assert_eq!(t.text(r, "Kommentar"), "", "no report, no comment");
    for header in &headers {
        assert_eq!(t.text(r, header), "Rapport saknas", "{header}");
        assert_eq!(book.fill(&t, r, header), Some(RED), "{header}");
    }
    // The reason once, after every column it stands for.
    assert_eq!(t.text(r, "Anmärkning"), format!("{}: {reason}", headers.join(", ")));
}

#[test]
fn a_whole_that_is_not_green_names_the_areas_that_made_it_so_with_the_rule_and_the_figure() {
    let s = run(&[common::samples::samples().join("rapporter")], "2018-H1");
    for i in &s.insatser {
        let helhet = &i.omraden.helhet;
        if !matches!(helhet.status, Some(Status::Gul | Status::Rod)) || i.rapport != Rapportlage::Inkommen {
            continue;
        }
        let o = &i.omraden;
        let mut areas = vec![("Mål", &o.mal), ("Förutsättningar", &o.forutsattningar), ("Budget", &o.budget)];
        areas.push(("Kvalitet", &o.kvalitet));
        areas.extend(o.deltagare.as_ref().map(|d| ("Deltagare", d)));
        let expected: Vec<String> = areas
            .iter()
            .filter(|(_, b)| b.status == helhet.status)
            .map(|(label, b)| format!("{label}: {}", b.anmarkning.as_deref().unwrap()))
            .collect();
        assert!(!expected.is_empty(), "{}: some area has the whole's colour", i.kortnamn);
        assert_eq!(helhet.anmarkning.as_deref(), Some(expected.join("\n").as_str()), "{}", i.kortnamn);
    }
    // En väg in: a flawless report, red through its participant rate alone.
    let envagin = insats(&s, EN_VAG_IN);
    assert_eq!((envagin.rapport, envagin.antal_fel), (Rapportlage::Inkommen, 0));
    let d = envagin.deltagare.as_ref().unwrap();
    let (totalt, forvantat) = (d.totalt.unwrap(), d.forvantat.unwrap());
    assert_eq!(envagin.omraden.helhet.status, Some(Status::Rod));
    let why = envagin.omraden.helhet.anmarkning.as_deref().unwrap();
    let red_under = s.installningar.deltagare_rod_under * rust_decimal::Decimal::ONE_HUNDRED;
    assert!(
        why.starts_with(&format!(
            "Deltagare: Deltagartakt: {} – {totalt} av förväntade {forvantat} deltagare (",
            d.takt.text
        )),
        "{why}"
    );
    assert!(why.ends_with(&format!(": takten {} är under {} %.", d.takt.text, red_under.round())), "{why}");
    assert!(!why.contains('\n'), "no other area is red: {why}");
}

/// Every judged value in `value` (objects with `text` and `status`) that is
/// yellow or red and has no reason, with where it is.
fn without_reason(value: &Value, path: &str, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if map.contains_key("text") && map.contains_key("anmarkning") {
                let colour = map.get("status").and_then(Value::as_str);
                let reason = map.get("anmarkning").and_then(Value::as_str).filter(|a| !a.trim().is_empty());
                if matches!(colour, Some("Gul" | "Rod")) && reason.is_none() {
                    found.push(format!("{path}: {}", map["text"]));
                }
            }
            for (key, inner) in map {
                without_reason(inner, &format!("{path}.{key}"), found);
            }
        }
        Value::Array(items) => {
            for (n, item) in items.iter().enumerate() {
                without_reason(item, &format!("{path}[{n}]"), found);
            }
        }
        _ => {}
    }
}

fn json(s: &Sammanstallning) -> Value {
    serde_json::from_slice(&uppfoljning::render::json::to_json(s, None).unwrap()).unwrap()
}

#[test]
fn no_yellow_or_red_of_the_samples_goes_without_its_reason() {
    let samples: &Path = &common::samples::samples();
    let runs = [
        ("2018-H1", vec![samples.join("rapporter")]),
        ("2018-H1", vec![samples.join("rapporter"), samples.join("arkiv")]),
        ("2019-K1", vec![samples.join("rapporter"), samples.join("arkiv")]),
    ];
    for (period, inboxes) in runs {
        let s = run(&inboxes, period);
        let document = json(&s);
        let mut coloured = 0;
        count_coloured(&document, &mut coloured);
        assert!(coloured > 10, "{period}: the walk finds the judged values ({coloured})");
        let mut found = Vec::new();
        without_reason(&document, "", &mut found);
        assert!(found.is_empty(), "{period} {inboxes:?}: {found:#?}");
    }
}

fn count_coloured(value: &Value, n: &mut usize) {
    match value {
        Value::Object(map) => {
            if map.contains_key("text")
                && matches!(map.get("status").and_then(Value::as_str), Some("Gul" | "Rod"))
            {
                *n += 1;
            }
            map.values().for_each(|v| count_coloured(v, n));
        }
        Value::Array(items) => items.iter().for_each(|v| count_coloured(v, n)),
        _ => {}
    }
}

#[test]
fn an_insats_whose_only_report_is_in_doubt_says_i_tvivel_in_every_area_in_red() {
    // A second 2018-K2 report for Östhammar from another sender: whose
    // reports they are is in doubt, and neither is used.
    let dir = inbox_copy();
    let mut other = source().report(OSTHAMMAR, K2_2018).unwrap().clone();
    other.answers.insert("uppgiftslamnare_epost", Answer::Text("annan@example.se".into()));
    let (name, bytes) = source().workbook(&other).unwrap();
    std::fs::write(dir.path().join(name.replace(".xlsx", " (2).xlsx")), bytes).unwrap();
    let s = run(&[dir.path().to_path_buf()], "2018-K2");
    let o = insats(&s, OSTHAMMAR);
    assert_eq!(o.rapport, Rapportlage::ITvivel);
    let reason = "Rapporten för 2018-K2 är i tvivel och används inte: det är oklart vems den är (se bladen Källor och \
                  Kontroll).";
    for (what, b) in parts(o) {
        assert_eq!(
            (b.text.as_str(), b.status, b.anmarkning.as_deref()),
            ("I tvivel", Some(Status::Rod), Some(reason)),
            "{what}"
        );
    }
    assert_eq!(o.omraden.helhet.status, Some(Status::Rod));
    assert_eq!(o.ej_kand(Uppgift::Pagaende), Some(reason));
}

#[test]
fn a_rejected_answer_reads_fel_i_rapporten_in_the_colour_of_an_unanswered_question() {
    let before = run(&[common::samples::samples().join("rapporter")], "2018-H1");
    assert_eq!(insats(&before, OSTHAMMAR).forutsattningar.start_i_tid.status, Some(Status::Gron));

    let dir = inbox_with(OSTHAMMAR, K2_2018, "start_i_tid", Answer::Text("Kanske".into()));
    let s = run(&[dir.path().to_path_buf()], "2018-H1");
    let fel = s
        .fynd
        .iter()
        .find(|f| f.field.as_deref() == Some("start_i_tid") && f.code == Code::VardeUtanforLista)
        .expect("a Fel on start_i_tid");
    let o = insats(&s, OSTHAMMAR);
    let start = &o.forutsattningar.start_i_tid;
    // Q1's answer is not taken instead: the latest report answered, wrongly.
    assert_eq!((start.text.as_str(), start.status), ("Fel i rapporten", Some(Status::Gul)));
    assert_eq!(start.anmarkning, Some(format!("Fel i rapporten för 2018-K2: {}", fel.message)));
    assert!(fel.message.contains("\"Kanske\""), "{}", fel.message);
    let area = &o.omraden.forutsattningar;
    assert_eq!(area.status, Some(Status::Gul));
    assert!(
        area.anmarkning
            .as_deref()
            .unwrap()
            .contains("Start i tid: Fel i rapporten – Fel i rapporten för 2018-K2")
    );
}

#[test]
fn a_rejected_count_of_finished_participants_leaves_its_insats_out_of_the_statistics_and_names_it() {
    const TIERP: &str = "2017:14";
    let before = run(&[common::samples::samples().join("rapporter")], "2018-H1");
    let by_reason = |s: &Sammanstallning| -> Option<u32> {
        let counts = insats(s, TIERP).deltagare.as_ref()?.avslut.as_ref()?;
        Some(counts.iter().map(|k| k.kvinnor + k.man).sum())
    };
    let tierp = by_reason(&before).expect("the samples give every count");
    assert!(tierp > 0, "the insats chosen has finished participants");
    assert!(before.avslut.omfattning.utanfor.is_empty());
    assert_eq!(before.avslut.omfattning.insatser.len(), before.avslut.omfattning.av);

    let dir = inbox_with(TIERP, K2_2018, "avslut_arbete_kvinnor", Answer::Text("3 st".into()));
    let s = run(&[dir.path().to_path_buf()], "2018-H1");
    assert_eq!(fel_on(&s, "avslut_arbete_kvinnor").insats_id.as_deref(), Some(TIERP));
    // Not counted as zero: left out, and everything else still counted.
    assert_eq!(by_reason(&s), None);
    assert_eq!(s.avslut.avslutade_totalt.totalt, before.avslut.avslutade_totalt.totalt - tierp);
    let scope = &s.avslut.omfattning;
    assert_eq!(scope.utanfor.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), [TIERP]);
    assert!(!scope.insatser.iter().any(|id| id == TIERP));
    let kortnamn = &insats(&s, TIERP).kortnamn;
    assert!(scope.text.contains(kortnamn.as_str()), "{}", scope.text);

    let (_dir, mut book) = workbook(&s);
    let avslut = book.table("Avslut");
    let range = calamine::Reader::worksheet_range(&mut book.xlsx, &avslut.sheet).unwrap();
    let below = range.get_value((avslut.start.0 + avslut.rows.len() as u32, avslut.start.1));
    assert_eq!(below, Some(&calamine::Data::String(scope.text.clone())), "the scope right under the table");
}
