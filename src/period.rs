//! Quarters and periods: `2018-K2` (a quarter), `2018-H1` (a half-year),
//! `2018` (a year). `2018-Q2` is accepted for a quarter too.

use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;

/// One calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Kvartal {
    pub ar: i32,
    /// 1–4.
    pub kvartal: u8,
}

impl Kvartal {
    /// A quarter, or `None` when `kvartal` is not 1–4 or the year is outside
    /// what dates can hold.
    pub fn new(ar: i32, kvartal: u8) -> Option<Self> {
        ((1..=4).contains(&kvartal) && (1900..=9999).contains(&ar)).then_some(Kvartal { ar, kvartal })
    }

    pub fn first_day(self) -> NaiveDate {
        let month = u32::from(self.kvartal) * 3 - 2;
        NaiveDate::from_ymd_opt(self.ar, month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> Kvartal {
        if self.kvartal == 4 {
            Kvartal { ar: self.ar + 1, kvartal: 1 }
        } else {
            Kvartal { ar: self.ar, kvartal: self.kvartal + 1 }
        }
    }

    pub fn previous(self) -> Kvartal {
        if self.kvartal == 1 {
            Kvartal { ar: self.ar - 1, kvartal: 4 }
        } else {
            Kvartal { ar: self.ar, kvartal: self.kvartal - 1 }
        }
    }

    /// The quarter a date falls in.
    pub fn of(date: NaiveDate) -> Kvartal {
        use chrono::Datelike;
        Kvartal { ar: date.year(), kvartal: (date.month0() / 3 + 1) as u8 }
    }

    /// True when the quarter overlaps `start..=slut`.
    pub fn overlaps(self, start: NaiveDate, slut: NaiveDate) -> bool {
        self.first_day() <= slut && start <= self.last_day()
    }
}

impl fmt::Display for Kvartal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-K{}", self.ar, self.kvartal)
    }
}

/// The span a run covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Period {
    Kvartal(Kvartal),
    Halvar { ar: i32, halvar: u8 },
    Ar(i32),
}

/// A period text that is none of the accepted forms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "Perioden \"{0}\" känns inte igen. Skriv ett kvartal (2018-K2), ett halvår (2018-H1) eller ett år (2018)."
)]
pub struct PeriodError(pub String);

impl Period {
    /// Parses `2018-K2`, `2018-Q2`, `2018-H1` or `2018`, in any case.
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let error = || PeriodError(text.to_string());
        let trimmed = text.trim();
        let (year, rest) = match trimmed.split_once('-') {
            Some((year, rest)) => (year, Some(rest)),
            None => (trimmed, None),
        };
        if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
            return Err(error());
        }
        let ar: i32 = year.parse().map_err(|_| error())?;
        if !(1900..=9999).contains(&ar) {
            return Err(error());
        }
        let Some(rest) = rest else {
            return Ok(Period::Ar(ar));
        };
        let mut chars = rest.chars();
        let (Some(kind), Some(digit), None) = (chars.next(), chars.next(), chars.next()) else {
            return Err(error());
        };
        let n = digit.to_digit(10).ok_or_else(error)? as u8;
        match kind.to_ascii_uppercase() {
            'K' | 'Q' => Kvartal::new(ar, n).map(Period::Kvartal).ok_or_else(error),
            'H' if n == 1 || n == 2 => Ok(Period::Halvar { ar, halvar: n }),
            _ => Err(error()),
        }
    }

    /// The quarters of the period, in order.
    pub fn quarters(self) -> Vec<Kvartal> {
        match self {
            Period::Kvartal(q) => vec![q],
            Period::Halvar { ar, halvar } => {
                let first = halvar * 2 - 1;
                vec![Kvartal { ar, kvartal: first }, Kvartal { ar, kvartal: first + 1 }]
            }
            Period::Ar(ar) => (1..=4).map(|kvartal| Kvartal { ar, kvartal }).collect(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        self.quarters().first().map_or(NaiveDate::MIN, |q| q.first_day())
    }

    pub fn last_day(self) -> NaiveDate {
        self.quarters().last().map_or(NaiveDate::MAX, |q| q.last_day())
    }

    /// The period in words, for titles: "kvartal 1 och 2 2018".
    pub fn in_words(self) -> String {
        match self {
            Period::Kvartal(q) => format!("kvartal {} {}", q.kvartal, q.ar),
            Period::Halvar { ar, halvar } => {
                format!("kvartal {} och {} {ar}", halvar * 2 - 1, halvar * 2)
            }
            Period::Ar(ar) => format!("år {ar}"),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Kvartal(q) => q.fmt(f),
            Period::Halvar { ar, halvar } => write!(f, "{ar}-H{halvar}"),
            Period::Ar(ar) => write!(f, "{ar}"),
        }
    }
}

impl std::str::FromStr for Period {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Period::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_spelling_of_a_period_parses() {
        let k2 = Period::Kvartal(Kvartal { ar: 2018, kvartal: 2 });
        assert_eq!(Period::parse("2018-K2"), Ok(k2));
        assert_eq!(Period::parse("2018-q2"), Ok(k2));
        assert_eq!(Period::parse(" 2018-Q2 "), Ok(k2));
        assert_eq!(Period::parse("2018-H1"), Ok(Period::Halvar { ar: 2018, halvar: 1 }));
        assert_eq!(Period::parse("2018"), Ok(Period::Ar(2018)));
        for bad in ["", "18-K2", "2018-K5", "2018-K0", "2018-H3", "2018-X1", "2018-K12", "K2-2018"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn period_error_tells_the_accepted_forms() {
        let message = Period::parse("våren").unwrap_err().to_string();
        assert_eq!(
            message,
            "Perioden \"våren\" känns inte igen. Skriv ett kvartal (2018-K2), ett halvår (2018-H1) eller ett år (2018)."
        );
    }

    #[test]
    fn half_year_spans_two_quarters_and_its_days() {
        let h1 = Period::parse("2018-H1").unwrap();
        assert_eq!(h1.quarters().len(), 2);
        assert_eq!(h1.first_day(), date(2018, 1, 1));
        assert_eq!(h1.last_day(), date(2018, 6, 30));
        assert_eq!(h1.in_words(), "kvartal 1 och 2 2018");
        assert_eq!(Period::parse("2018").unwrap().quarters().len(), 4);
    }

    #[test]
    fn quarters_step_over_year_ends_and_know_their_days() {
        let q4 = Kvartal::new(2018, 4).unwrap();
        assert_eq!(q4.next(), Kvartal::new(2019, 1).unwrap());
        assert_eq!(q4.next().previous(), q4);
        assert_eq!(q4.last_day(), date(2018, 12, 31));
        assert_eq!(Kvartal::of(date(2018, 5, 17)).to_string(), "2018-K2");
        assert!(Kvartal::new(2018, 5).is_none());
    }

    #[test]
    fn quarter_overlap_includes_partial_quarters() {
        let q2 = Kvartal::new(2018, 2).unwrap();
        assert!(q2.overlaps(date(2018, 6, 30), date(2019, 1, 1)));
        assert!(q2.overlaps(date(2017, 1, 1), date(2018, 4, 1)));
        assert!(!q2.overlaps(date(2018, 7, 1), date(2019, 1, 1)));
    }
}
