//! The aggregation over a period, on the samples and on small cases built
//! in code: missing reports, replaced reports, kansliet's overrides and the
//! checks across quarters.

mod common;

use common::minimal_report::{MinimalReport, num};
use common::samples::{inbox_copy, sample_register, samples};
use common::test_register::register;
use std::fs::File;
use std::path::Path;
use uppfoljning::aggregate::{KallStatus, Rapportlage, Sammanstallning, aggregate};
use uppfoljning::discover::discover;
use uppfoljning::finding::{Code, Severity};
use uppfoljning::inbox::read_inbox;
use uppfoljning::period::Period;
use uppfoljning::register::{Bedomning, Omrade, Register, Status};

fn run(register: &Register, inbox: &Path, period: &str) -> Sammanstallning {
    let found = discover(&[inbox.to_path_buf()]).unwrap();
    aggregate(register, &[], &read_inbox(&found), Period::parse(period).unwrap(), common::TODAY)
}

#[test]
fn a_missing_report_turns_the_row_red_with_a_finding() {
    let dir = inbox_copy();
    std::fs::remove_file(dir.path().join("2018-K2 GESAM.xlsx")).unwrap();
    let s = run(&sample_register(), dir.path(), "2018-H1");
    let gesam = s.insatser.iter().find(|i| i.kortnamn == "GESAM").unwrap();
    assert_eq!(gesam.rapport, Rapportlage::Saknas);
    assert_eq!(gesam.omraden.helhet.status, Some(Status::Rod));
    assert_eq!(gesam.rapporter[1].fil, None);
    let finding = s.fynd.iter().find(|f| f.code == Code::RapportSaknas).unwrap();
    assert_eq!((finding.code, finding.severity), (Code::RapportSaknas, Severity::Fel));
    assert_eq!(
        finding.message,
        "Rapport saknas för 2018-K2 från GESAM. Be styrgruppen skicka kvartalsrapporten till kansliet."
    );
    // Answers fall back to the latest quarter that has a report: GESAM's Q1 said
    // "Under bevakning" (its Q2, the memo's "Nej", is the one removed).
    assert_eq!(gesam.mal.i_fas.text, "Under bevakning");
}

#[test]
fn kansliets_judgement_overrides_a_status_and_keeps_its_reason() {
    let mut register = sample_register();
    let id = register.insatser.iter().find(|i| i.kortnamn == "GESAM").unwrap().id.clone();
    register.bedomningar.push(Bedomning {
        id: id.clone(),
        period: Period::parse("2018-H1").unwrap(),
        omrade: Omrade::Budget,
        status: Status::Gron,
        motivering: "Överskridandet är godkänt av förbundschefen.".into(),
    });
    let s = run(&register, &samples().join("rapporter"), "2018-H1");
    let gesam = s.insatser.iter().find(|i| i.id == id).unwrap();
    assert_eq!(gesam.budget.prognos.text, "Under bevakning", "the forecast itself stays computed");
    assert_eq!(gesam.omraden.budget.status, Some(Status::Gron));
    assert_eq!(
        gesam.omraden.budget.bedomning.as_deref(),
        Some("Överskridandet är godkänt av förbundschefen.")
    );
    // A judgement for another period does not apply.
    let other = run(&register, &samples().join("rapporter"), "2018-K2");
    let gesam = other.insatser.iter().find(|i| i.id == id).unwrap();
    assert_eq!(gesam.omraden.budget.bedomning, None);
}

#[test]
fn of_two_reports_for_one_quarter_the_newest_counts_and_the_other_is_listed_as_replaced() {
    let dir = inbox_copy();
    let old = dir.path().join("2018-K2 GESAM.xlsx");
    let corrected = dir.path().join("2018-K2 GESAM rättad (2).xlsx");
    // Saved again (the same answers and date, other bytes): the later
    // modification time wins. A byte-identical copy is no newer version
    // (tests/dates_and_copies.rs).
    common::gallery::zip::rewrite(&old, &corrected, |_, bytes| Some(bytes), Vec::new());
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    File::options().write(true).open(&corrected).unwrap().set_modified(later).unwrap();
    let s = run(&sample_register(), dir.path(), "2018-H1");
    let status = |name: &str| s.kallor.iter().find(|k| k.fil == name).unwrap().status;
    assert_eq!(status("2018-K2 GESAM rättad (2).xlsx"), KallStatus::Anvand);
    assert_eq!(status("2018-K2 GESAM.xlsx"), KallStatus::Ersatt);
    let replaced = s.fynd.iter().find(|f| f.code == Code::RapportErsatt).unwrap();
    assert_eq!((replaced.code, replaced.severity), (Code::RapportErsatt, Severity::Info));
    assert_eq!(replaced.file, "2018-K2 GESAM.xlsx");
    // Not counted twice.
    let gesam = s.insatser.iter().find(|i| i.kortnamn == "GESAM").unwrap();
    assert_eq!(gesam.budget.utfall, Some(355_918.into()));
}

#[test]
fn ongoing_that_does_not_follow_from_last_quarter_is_a_warning_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let q1 = MinimalReport::valid().set("period_kvartal", num(1.0));
    q1.write(&dir.path().join("2018-K1.xlsx"));
    // Q2: 15 + 3 − 2 = 16 women expected, 15 reported; 13 + 2 − 1 = 14 men expected, 13 reported.
    MinimalReport::valid().write(&dir.path().join("2018-K2.xlsx"));
    let s = run(&register(), dir.path(), "2018-H1");
    let mismatches: Vec<_> = s.fynd.iter().filter(|f| f.code == Code::PagaendeStammerEj).collect();
    assert_eq!(mismatches.len(), 2, "{:#?}", s.fynd);
    assert_eq!((mismatches[0].code, mismatches[0].severity), (Code::PagaendeStammerEj, Severity::Varning));
    assert_eq!(mismatches[0].file, "2018-K2.xlsx");
    assert_eq!(mismatches[0].cell, Some(MinimalReport::cell_of("deltagare_pagaende_kvinnor")));
    assert_eq!(
        mismatches[0].message,
        "Pågående kvinnor (15) stämmer inte med förra kvartalet: 15 pågående i 2018-K1 plus 3 nya minus 2 \
         avslutade ger 16. Rätta siffrorna i den rapport som är fel."
    );
}

#[test]
fn since_start_totals_that_decrease_are_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let q1 = MinimalReport::valid().set("period_kvartal", num(1.0)).set("deltagare_totalt_man", num(20.0));
    q1.write(&dir.path().join("2018-K1.xlsx"));
    MinimalReport::valid().write(&dir.path().join("2018-K2.xlsx"));
    let s = run(&register(), dir.path(), "2018-H1");
    let decreased = s.fynd.iter().find(|f| f.code == Code::TotaltMinskar).unwrap();
    assert_eq!((decreased.code, decreased.severity), (Code::TotaltMinskar, Severity::Varning));
    assert_eq!(
        decreased.message,
        "Deltagare totalt sedan start (män) har minskat från 20 i 2018-K1 till 14 i 2018-K2. Totalt sedan start \
         kan inte minska; rätta siffrorna i den rapport som är fel."
    );
}

#[test]
fn spend_since_start_above_the_grant_is_a_warning_and_needs_action() {
    let dir = tempfile::tempdir().unwrap();
    MinimalReport::valid().set("utfall_kr", num(5_000_000.0)).write(&dir.path().join("2018-K2.xlsx"));
    let s = run(&register(), dir.path(), "2018-K2");
    let finding = s.fynd.iter().find(|f| f.code == Code::UtfallOverBeviljat).unwrap();
    assert_eq!((finding.code, finding.severity), (Code::UtfallOverBeviljat, Severity::Varning));
    assert_eq!(
        finding.message,
        "Utfallet sedan start (5 000 000 kr) är större än det beviljade beloppet (4 200 000 kr). Kontakta \
         styrgruppen om en avvikelserapport."
    );
    assert_eq!(s.insatser[0].budget.prognos.text, "Behov av åtgärd");
}

#[test]
fn the_samples_give_the_memos_statistics() {
    let s = run(&sample_register(), &samples().join("rapporter"), "2018-H1");
    assert_eq!(s.insatser.len(), 18);
    assert_eq!(s.titel, "Uppföljning kvartal 1 och 2 2018");
    let a = &s.avslut;
    assert_eq!((a.avslutade_totalt.kvinnor, a.avslutade_totalt.man, a.avslutade_totalt.totalt), (29, 27, 56));
    assert_eq!(a.till_arbete_eller_studier.totalt, 31);
    let pct = |d: Option<rust_decimal::Decimal>| (d.unwrap() * rust_decimal::Decimal::ONE_HUNDRED).round();
    assert_eq!(
        (pct(a.andel_totalt), pct(a.andel_kvinnor), pct(a.andel_man)),
        (55.into(), 52.into(), 59.into())
    );
    assert!(s.kallor.iter().all(|k| k.status == KallStatus::Anvand));
    let fel: Vec<_> = s.fynd.iter().filter(|f| f.severity == Severity::Fel).collect();
    assert_eq!(fel.len(), 2, "only ASF's missing goal answer, in both quarters");
}
