//! Reports saved by other programs in other formats: the sample report
//! `2018-K2 Heby` converted by LibreOffice to .ods (where defined names are
//! spelled `$Rapport.$B$6`) and to .xls. The files cannot be made in code;
//! tests/fixtures/README.md says how they were made.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::Path;
use uppfoljning::contract::{IFas, Malstatus, Narvaro};
use uppfoljning::report::{Kon, Kvartalsrapport, read_report};

fn read(file: &str) -> Kvartalsrapport {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(file);
    let outcome = read_report(&path, file);
    assert!(outcome.findings.is_empty(), "{:#?}", outcome.findings);
    outcome.report.unwrap()
}

/// What the styrgrupp wrote in that report, checked field by field.
fn assert_heby_2018_k2(report: &Kvartalsrapport) {
    assert_eq!(report.identitet.insats_id.as_deref(), Some("2017:33"));
    assert_eq!(report.identitet.kvartal().map(|q| q.to_string()).as_deref(), Some("2018-K2"));
    assert_eq!(report.rapportdatum, NaiveDate::from_ymd_opt(2018, 7, 18));
    assert_eq!(report.mal.i_fas, Some(IFas::Ja));
    let statuses: Vec<_> = report.mal.lista.iter().map(|g| g.status).collect();
    assert_eq!(
        statuses,
        [
            Some(Malstatus::DelvisUppfyllt),
            Some(Malstatus::DelvisUppfyllt),
            Some(Malstatus::DelvisUppfyllt),
            Some(Malstatus::Uppfyllt)
        ]
    );
    assert_eq!(report.budget.utfall_kr, Some(Decimal::from(351_421)));
    assert_eq!(report.budget.egenfinansiering_kr, Some(Decimal::from(120_000)));
    assert_eq!(report.kvalitet.narvaro.fk, Some(Narvaro::OrdinarieNarvarande));
    assert_eq!(report.deltagare.pagaende, Kon { kvinnor: Some(15), man: Some(13) });
    assert_eq!(report.deltagare.totalt, Kon { kvinnor: Some(17), man: Some(14) });
}

#[test]
fn a_report_saved_by_libreoffice_as_ods_is_read_by_its_names() {
    assert_heby_2018_k2(&read("2018-K2 Heby sparad av LibreOffice.ods"));
}

#[test]
fn a_report_saved_as_xls_is_read_by_its_names() {
    assert_heby_2018_k2(&read("2018-K2 Heby sparad som xls.xls"));
}

#[test]
fn both_conversions_read_exactly_alike() {
    assert_eq!(read("2018-K2 Heby sparad av LibreOffice.ods"), read("2018-K2 Heby sparad som xls.xls"));
}
