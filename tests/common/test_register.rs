//! A small register built in code for tests of the checks: one individual
//! insats (`2018:1`) and one structural (`2018:2`).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use uppfoljning::register::{Inriktning, Insats, Karaktar, Part, Register};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn insats(id: &str, namn: &str, inriktning: Inriktning, rad: u32) -> Insats {
    Insats {
        id: id.into(),
        namn: namn.into(),
        kortnamn: namn.into(),
        omrade: "Heby".into(),
        insatsagare: "Heby kommun".into(),
        parter: vec![Part::Kommun, Part::Arbetsformedlingen, Part::Forsakringskassan],
        inriktning,
        karaktar: (inriktning == Inriktning::Individ).then_some(Karaktar::ArbeteOchStudier),
        start: date(2017, 7, 1),
        slut: date(2020, 6, 30),
        beviljat_belopp: Decimal::from(4_200_000),
        budget_per_ar: Some(Decimal::from(1_400_000)),
        forvantat_antal_deltagare: (inriktning == Inriktning::Individ).then_some(120),
        malgrupp_alder_fran: Some(18),
        malgrupp_alder_till: Some(64),
        styrgruppsmoten_per_ar: 4,
        rad,
    }
}

pub fn register() -> Register {
    Register {
        insatser: vec![
            insats("2018:1", "Heby, Individstöd i samverkan", Inriktning::Individ, 2),
            insats("2018:2", "Uppsala, Strategiskt utvecklingsarbete", Inriktning::Struktur, 3),
        ],
        ..Register::default()
    }
}
