//! Synthetic load for benchmarks: N valid, varied quarterly reports and a
//! register of N/4 insatser, written through the same template contract as
//! kansliet's real reports ([`uppfoljning::template::write_report`]).
//!
//! Each insats reports the four quarters of [`YEAR`], so a run over the
//! period `2018` reads every report. The answers vary (every choice list's
//! options, amounts, goals, comments of different lengths, the 60-30-10 mix
//! of inriktningar) but stay consistent, so the reports pass the checks the
//! way most real ones do: reasons add up to finished participants, ongoing
//! follows from the previous quarter, totals never decrease. The same `N`
//! and seed give the same bytes.
//!
//! ```text
//! cargo run --release --example loadgen -- 1000 target/last/1000 [--seed 7]
//! ```
//!
//! `benches/load.rs` includes this file as a module (`#[path]`).

#[allow(dead_code)]
#[path = "samples.rs"]
mod samples;

use chrono::NaiveDate;
use rayon::prelude::*;
use rust_decimal::Decimal;
use samples::{RegisterSource, Sheet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use uppfoljning::contract::{self, ChoiceList, FieldType};
use uppfoljning::period::Kvartal;
use uppfoljning::template::{self, Answer, Answers, Prefill};

/// The year every generated insats reports.
pub const YEAR: i32 = 2018;
/// The period to run `sammanstall` for over the generated reports.
pub const PERIOD: &str = "2018";
/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 20181231;

#[allow(dead_code)]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "användning: cargo run --release --example loadgen -- N MAPP [--seed S]";
    let (Some(n), Some(out)) = (args.first().and_then(|n| n.parse::<usize>().ok()), args.get(1)) else {
        eprintln!("{usage}");
        return std::process::ExitCode::FAILURE;
    };
    let seed = match args.get(2).map(String::as_str) {
        None => DEFAULT_SEED,
        Some("--seed") => match args.get(3).and_then(|s| s.parse().ok()) {
            Some(seed) => seed,
            None => {
                eprintln!("{usage}");
                return std::process::ExitCode::FAILURE;
            }
        },
        Some(_) => {
            eprintln!("{usage}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match generate(n, seed, Path::new(out)) {
        Ok(load) => {
            println!(
                "Skrev {} med {} insatser och {} rapporter i {}.",
                load.register.display(),
                load.insatser,
                load.reports,
                load.rapporter.display()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone)]
pub struct Load {
    pub register: PathBuf,
    pub rapporter: PathBuf,
    pub insatser: usize,
    pub reports: usize,
}

/// Writes `out/register.xlsx` and `n` reports in `out/rapporter/`. Reports
/// are written on all cores; each insats's answers come from its own
/// generator seeded from `seed` and its number, so the bytes do not depend
/// on the order the threads run in.
pub fn generate(n: usize, seed: u64, out: &Path) -> Result<Load, String> {
    let insatser: Vec<Insats> = (0..n.div_ceil(4)).map(|k| Insats::new(k, seed)).collect();
    let rapporter = out.join("rapporter");
    std::fs::create_dir_all(&rapporter).map_err(|e| format!("{}: {e}", rapporter.display()))?;
    let register = out.join("register.xlsx");
    let bytes = register_workbook(&insatser)?;
    std::fs::write(&register, bytes).map_err(|e| format!("{}: {e}", register.display()))?;
    let written: Vec<usize> = insatser
        .par_iter()
        .map(|insats| {
            let quarters = n.saturating_sub(insats.number * 4).min(4);
            write_reports(insats, quarters, seed, &rapporter)?;
            Ok(quarters)
        })
        .collect::<Result<_, String>>()?;
    Ok(Load { register, rapporter, insatser: insatser.len(), reports: written.iter().sum() })
}

/// A small deterministic generator (SplitMix64): the bytes of a load must
/// not change with a crate's version.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: u32) -> u32 {
        (self.next() % u64::from(bound.max(1))) as u32
    }

    fn pick<'a>(&mut self, options: &[&'a str]) -> &'a str {
        let index = self.below(options.len() as u32) as usize;
        options.get(index).copied().unwrap_or_default()
    }
}

const KOMMUNER: &[&str] = &[
    "Enköping",
    "Heby",
    "Håbo",
    "Knivsta",
    "Tierp",
    "Uppsala",
    "Älvkarleby",
    "Östhammar",
    "Länsövergripande",
];
const WORDS: &[&str] = &[
    "deltagarna",
    "styrgruppen",
    "arbetsförmedlingen",
    "samverkan",
    "insatsen",
    "handläggarna",
    "målgruppen",
    "kvartalet",
    "rekrytering",
    "uppföljning",
    "vakans",
    "praktik",
    "studier",
    "kartläggning",
    "metodstöd",
];

/// One generated insats of the register.
struct Insats {
    number: usize,
    id: String,
    namn: String,
    kommun: &'static str,
    inriktning: &'static str,
    karaktar: &'static str,
    start: NaiveDate,
    slut: NaiveDate,
    per_year: Decimal,
    expected: u32,
    goals: Vec<String>,
}

impl Insats {
    fn new(number: usize, seed: u64) -> Insats {
        let mut rng = Rng::new(seed, number as u64);
        let kommun = rng.pick(KOMMUNER);
        // The association's 60-30-10 split.
        let inriktning = match rng.below(10) {
            0..=5 => "Individ",
            6..=8 => "Struktur",
            _ => "Kompetens",
        };
        let karaktar = match inriktning {
            "Individ" if rng.below(2) == 0 => "Förrehabiliterande",
            "Individ" => "Arbete och studier",
            _ => "",
        };
        let start_year = 2016 + rng.below(2) as i32;
        let start_month = 1 + 3 * rng.below(4);
        let start = NaiveDate::from_ymd_opt(start_year, start_month, 1).unwrap_or_default();
        let slut = NaiveDate::from_ymd_opt(2019 + rng.below(3) as i32, 12, 31).unwrap_or_default();
        let per_year = Decimal::from(200_000 + 50_000 * rng.below(30));
        let goals = (0..1 + rng.below(7))
            .map(|g| format!("Mål {}: {} ökar med {} procent.", g + 1, rng.pick(WORDS), 10 + rng.below(50)))
            .collect();
        Insats {
            number,
            id: format!("{}:{}", 2015 + number / 1000, number % 1000 + 1),
            namn: format!("{kommun}, insats nummer {}", number + 1),
            kommun,
            inriktning,
            karaktar,
            start,
            slut,
            per_year,
            expected: 40 + 10 * rng.below(30),
            goals,
        }
    }

    fn is_individ(&self) -> bool {
        self.inriktning == "Individ"
    }
}

/// The register's four sheets as the samples' `;`-separated source, then
/// the same workbook writer as the shipped samples.
fn register_workbook(insatser: &[Insats]) -> Result<Vec<u8>, String> {
    let mut rows = String::from(
        "Id;Namn;Kortnamn;Område;Insatsägare;Parter;Inriktning;Karaktär;Start;Slut;Beviljat belopp;\
         Budget per år;Förväntat antal deltagare;Målgrupp ålder från;Målgrupp ålder till;Styrgruppsmöten per år\n",
    );
    let mut mal = String::from("Id;Nr;Typ;Mål\n");
    for i in insatser {
        let years = Decimal::from(i.slut.signed_duration_since(i.start).num_days() / 365 + 1);
        let expected = if i.is_individ() { i.expected.to_string() } else { String::new() };
        let _ = writeln!(
            rows,
            "{};{};{};{};{} kommun;Kommun, Arbetsförmedlingen, Försäkringskassan, Region;{};{};{};{};{};{};{};16;64;4",
            i.id,
            i.namn,
            i.namn,
            i.kommun,
            i.kommun,
            i.inriktning,
            i.karaktar,
            i.start,
            i.slut,
            i.per_year * years,
            i.per_year,
            expected
        );
        for (nr, goal) in i.goals.iter().enumerate() {
            let typ = if nr == 0 { "Effektmål" } else { "Insatsmål" };
            let _ = writeln!(mal, "{};{};{typ};{goal}", i.id, nr + 1);
        }
    }
    let sheets = [
        ("Insatser", rows),
        ("Budget", "Id;År;Kvartal;Budget\n".to_string()),
        ("Beslut", "Id;Datum;Typ;Belopp;Ny slutdag;Kommentar\n".to_string()),
        ("Mål", mal),
    ];
    let sheets = sheets
        .into_iter()
        .map(|(name, text)| Sheet::parse(name, &text).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    samples::register_workbook(&RegisterSource { sheets }).map_err(|e| e.to_string())
}

/// Participants of one gender, carried from quarter to quarter.
#[derive(Default, Clone, Copy)]
struct Flow {
    pagaende: u32,
    totalt: u32,
}

/// Writes the first `quarters` reports of `insats` for [`YEAR`].
fn write_reports(insats: &Insats, quarters: usize, seed: u64, dir: &Path) -> Result<(), String> {
    let mut rng = Rng::new(seed ^ 0x5EED, insats.number as u64);
    let mut flows = [Flow { pagaende: rng.below(20), totalt: 0 }; 2];
    for flow in &mut flows {
        flow.totalt = flow.pagaende + rng.below(30);
    }
    for q in 1..=quarters {
        let Some(kvartal) = Kvartal::new(YEAR, q as u8) else { continue };
        let prefill = Prefill {
            insats_id: insats.id.clone(),
            insats_namn: insats.namn.clone(),
            kvartal,
            budget_kr: Some(insats.per_year / Decimal::from(4)),
            goals: insats.goals.clone(),
            inriktning: uppfoljning::register::Inriktning::parse(insats.inriktning)
                .unwrap_or(uppfoljning::register::Inriktning::Individ),
            forvantat_antal_deltagare: insats.is_individ().then_some(insats.expected),
        };
        let answers = answers(insats, kvartal, &mut flows, &mut rng);
        let bytes = template::write_report(Some(&prefill), &answers).map_err(|e| e.to_string())?;
        let path = dir.join(template::file_name(&prefill));
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

fn comment(rng: &mut Rng) -> String {
    let words = 3 + rng.below(40);
    let mut text: String = (0..words).map(|_| rng.pick(WORDS)).collect::<Vec<_>>().join(" ");
    text.push('.');
    text
}

/// Every field the styrgrupp fills in, by its contract type; participants
/// consistent with the previous quarter.
fn answers(insats: &Insats, kvartal: Kvartal, flows: &mut [Flow; 2], rng: &mut Rng) -> Answers {
    let mut answers = Answers::new();
    for field in contract::FIELDS.iter().filter(|f| !f.locked) {
        let answer = match field.ty {
            FieldType::Choice(list) => {
                // Mostly the good answer, like real reports; every option occurs.
                let options = list.options();
                let good =
                    if list == ChoiceList::Narvaro || rng.below(4) > 0 { options.first() } else { None };
                Answer::Text(good.copied().unwrap_or_else(|| rng.pick(&options)).to_string())
            }
            FieldType::Text => Answer::Text(comment(rng)),
            _ => continue,
        };
        answers.insert(field.name, answer);
    }
    answers.insert("uppgiftslamnare_epost", Answer::Text(format!("insats{}@example.se", insats.number)));
    let day = kvartal.last_day() + chrono::Days::new(u64::from(5 + rng.below(25)));
    answers.insert("rapportdatum", Answer::Date(day));
    let statuses = contract::ChoiceList::Malstatus.options();
    let goals = insats.goals.iter().map(|_| (rng.pick(&statuses).to_string(), comment(rng))).collect();
    answers.insert("mal_lista", Answer::GoalAnswers(goals));
    let spend = insats.per_year / Decimal::from(4) * Decimal::new(50 + i64::from(rng.below(60)), 2);
    answers.insert("utfall_kr", Answer::Number(spend.round().try_into().unwrap_or(0.0)));
    answers.insert("egenfinansiering_kr", Answer::Number(f64::from(10_000 * rng.below(50))));
    answers.insert("styrgruppsmoten", Answer::Number(f64::from(1 + rng.below(2))));
    if insats.is_individ() {
        participants(&mut answers, flows, rng);
    }
    answers
}

/// Ongoing, new, finished, totals and the reasons for finishing, per gender.
fn participants(answers: &mut Answers, flows: &mut [Flow; 2], rng: &mut Rng) {
    let reasons: Vec<&'static str> = contract::FIELDS
        .iter()
        .filter(|f| f.name.starts_with("avslut_"))
        .map(|f| f.name.trim_end_matches("_kvinnor").trim_end_matches("_man"))
        .collect();
    for (flow, suffix) in flows.iter_mut().zip(["kvinnor", "man"]) {
        let nya = rng.below(15);
        let avslutade = rng.below((flow.pagaende + nya).min(12) + 1);
        flow.pagaende = flow.pagaende + nya - avslutade;
        flow.totalt += nya;
        let mut set = |name: String, value: u32| {
            if let Some(field) = contract::field(&name) {
                answers.insert(field.name, Answer::Number(f64::from(value)));
            }
        };
        set(format!("deltagare_pagaende_{suffix}"), flow.pagaende);
        set(format!("deltagare_nya_{suffix}"), nya);
        set(format!("deltagare_avslutade_{suffix}"), avslutade);
        set(format!("deltagare_totalt_{suffix}"), flow.totalt);
        let mut left = avslutade;
        let mut unique: Vec<&str> = reasons.clone();
        unique.dedup();
        for (i, reason) in unique.iter().enumerate() {
            let share = if i + 1 == unique.len() { left } else { rng.below(left + 1) };
            left -= share;
            set(format!("{reason}_{suffix}"), share);
        }
    }
    answers.insert("deltagare_anonyma", Answer::Number(f64::from(rng.below(3))));
    answers.insert("deltagare_utanfor_malgrupp", Answer::Number(0.0));
}
