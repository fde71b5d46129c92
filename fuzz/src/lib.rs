//! What the fuzz targets share: a small register built in code, and the one
//! check every input goes through, "bytes → report findings".
//!
//! [`read_and_check`] runs a file through `report::read_report` and
//! `check::check_report`, as `sammanstall` and `kontrollera` do, and asserts
//! what must hold for any file whatever: no panic, a report that was not read
//! says why, and no finding carries a personal identity number.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::Path;
use std::sync::OnceLock;
use uppfoljning::aggregate::aggregate;
use uppfoljning::check::check_report;
use uppfoljning::discover::discover;
use uppfoljning::inbox::{Inbox, read_inbox};
use uppfoljning::period::Period;
use uppfoljning::register::read_register;
use uppfoljning::finding::Finding;
use uppfoljning::pnr;
use uppfoljning::register::{Beslut, BeslutTyp, Inriktning, Insats, Karaktar, Mal, MalTyp, Part, Register};
use uppfoljning::report::{ReadOutcome, read_report};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a calendar date")
}

fn insats(id: &str, namn: &str, inriktning: Inriktning, start: NaiveDate, slut: NaiveDate) -> Insats {
    Insats {
        id: id.into(),
        namn: namn.into(),
        kortnamn: namn.into(),
        omrade: "Heby".into(),
        insatsagare: "Heby kommun".into(),
        parter: vec![Part::Kommun, Part::Arbetsformedlingen, Part::Forsakringskassan, Part::Region],
        inriktning,
        karaktar: (inriktning == Inriktning::Individ).then_some(Karaktar::ArbeteOchStudier),
        start,
        slut,
        beviljat_belopp: Decimal::from(3_600_000),
        budget_per_ar: Some(Decimal::from(1_400_000)),
        forvantat_antal_deltagare: (inriktning == Inriktning::Individ).then_some(120),
        malgrupp_alder_fran: Some(18),
        malgrupp_alder_till: Some(64),
        styrgruppsmoten_per_ar: 4,
        rad: 2,
    }
}

/// The insatser of the seed reports (samples/rapporter and tests/fixtures),
/// so that a mutated seed still reaches the checks against the grant.
pub fn register() -> &'static Register {
    static REGISTER: OnceLock<Register> = OnceLock::new();
    REGISTER.get_or_init(|| {
        let goal = |nr, text: &str| Mal { nr, typ: MalTyp::Insatsmal, text: text.into() };
        Register {
            insatser: vec![
                insats("2017:21", "Enköping, IPS", Inriktning::Struktur, date(2017, 7, 1), date(2019, 6, 30)),
                insats(
                    "2017:33",
                    "Heby, Individstöd i samverkan",
                    Inriktning::Individ,
                    date(2017, 10, 1),
                    date(2020, 9, 30),
                ),
                insats("2017:46", "GESAM", Inriktning::Individ, date(2018, 1, 1), date(2019, 12, 31)),
                insats(
                    "2017:48",
                    "Knivsta, En väg in",
                    Inriktning::Individ,
                    date(2018, 1, 1),
                    date(2021, 12, 31),
                ),
            ],
            budgetar: [("2017:33", 1), ("2017:33", 2), ("2017:21", 1)]
                .into_iter()
                .filter_map(|(id, q)| {
                    Some((
                        (id.to_string(), uppfoljning::period::Kvartal::new(2018, q)?),
                        Decimal::from(350_000),
                    ))
                })
                .collect(),
            beslut: vec![Beslut {
                id: "2017:48".into(),
                datum: date(2018, 3, 1),
                typ: BeslutTyp::Tillagg,
                belopp: Some(Decimal::from(67_500)),
                ny_slutdag: None,
                kommentar: None,
            }],
            mal: [("2017:33", 4), ("2017:21", 3), ("2017:48", 7)]
                .into_iter()
                .map(|(id, n)| (id.to_string(), (1..=n).map(|nr| goal(nr, "Ett mål")).collect()))
                .collect(),
            ..Register::default()
        }
    })
}

/// Reads `path` as a report named `file` and checks it; panics when an
/// invariant of "any file gives findings, never a crash" is broken.
pub fn read_and_check(path: &Path, file: &str) {
    let outcome = read_report(path, file);
    if outcome.report.is_none() {
        assert!(!outcome.findings.is_empty(), "a file that was not read must say why");
    }
    let mut findings = outcome.findings.clone();
    findings.extend(check_report(&outcome, register(), None));
    findings.extend(check_report(&outcome, register(), Some(date(2018, 6, 30))));
    for finding in &findings {
        assert_no_personal_number(finding);
    }
}

fn assert_no_personal_number(finding: &Finding) {
    let texts =
        [Some(&finding.message), finding.sheet.as_ref(), finding.cell.as_ref(), finding.insats_id.as_ref()];
    for text in texts.into_iter().flatten() {
        assert!(!pnr::contains(text), "a personal identity number in a finding: {finding:?}");
    }
    assert!(!finding.message.trim().is_empty(), "an empty message: {finding:?}");
}

/// Reads `path` as the register and, when it reads, checks the Heby sample
/// against it and aggregates 2018-H1 over it: the register's dates, amounts
/// and settings feed every sum and rule, so a value no real register holds
/// must still give findings, never an overflow or a panic.
pub fn read_and_use_register(path: &Path) {
    let (register, findings) = match read_register(path) {
        Ok(read) => read,
        Err(error) => {
            assert!(!error.to_string().trim().is_empty(), "an error that says nothing: {error:?}");
            return;
        }
    };
    for finding in &findings {
        assert!(!finding.message.trim().is_empty(), "an empty message: {finding:?}");
    }
    let mut findings = findings;
    findings.extend(check_report(seed_report(), &register, Some(date(2018, 6, 30))));
    let period = Period::parse("2018-H1").expect("a period");
    let _ = aggregate(&register, &findings, seed_inbox(), period, date(2026, 1, 15));
}

/// The Heby sample as read once: the report every fuzzed register is used with.
fn seed_report() -> &'static ReadOutcome {
    static REPORT: OnceLock<ReadOutcome> = OnceLock::new();
    REPORT.get_or_init(|| read_report(&sample(), HEBY))
}

/// An inbox of the Heby sample alone.
fn seed_inbox() -> &'static Inbox {
    static INBOX: OnceLock<Inbox> = OnceLock::new();
    INBOX.get_or_init(|| read_inbox(&discover(&[sample()]).expect("the sample is there")))
}

const HEBY: &str = "2018-K2 Heby, Individstöd i samverkan.xlsx";

fn sample() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/rapporter").join(HEBY)
}

/// A file in a directory of this process's own, rewritten for every input:
/// creating a directory per input would cost more than reading the file.
pub fn scratch_file(extension: &str) -> std::path::PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR
        .get_or_init(|| tempfile::Builder::new().prefix("uppfoljning-fuzz").tempdir().expect("a temp dir"));
    dir.path().join(format!("rapport.{extension}"))
}
