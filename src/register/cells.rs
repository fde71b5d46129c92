//! The register's cell parsers: a cell to a typed value, or the Swedish
//! message that says what to write instead.
//!
//! Takes a [`CellValue`]; gives `Ok(None)` for a blank cell, `Ok(Some(_))`
//! for a value, `Err(message)` otherwise (each fits [`Parse`]). Guarantees:
//! every message names the text found and gives an example; a closed list's
//! message lists its allowed values as the enum spells them.
//!
//! [`Parse`]: super::row::Parse

use super::{BeslutTyp, Inriktning, Karaktar, MalTyp, Omrade, Part, Status};
use crate::period::Period;
use crate::value::join_swedish as join_or;
use crate::value::{CellValue, ValueError, parse_choice, parse_date, parse_int, parse_kr, parse_text};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// The message for a value that does not parse; `allowed` lists a choice's values.
pub(super) fn value_message(error: &ValueError, allowed: &str) -> String {
    error.message(None, allowed)
}

/// The message for a number below zero, written as `found`.
pub(super) fn negative_message(found: &str) -> String {
    ValueError::Negative { found: found.to_string() }.message(None, "")
}

pub(super) fn text(cell: &CellValue) -> Result<Option<String>, String> {
    match cell {
        CellValue::Error(found) => Err(value_message(&ValueError::ErrorCell { found: found.clone() }, "")),
        other => Ok(parse_text(other)),
    }
}

pub(super) fn int(cell: &CellValue) -> Result<Option<u32>, String> {
    parse_int(cell).map_err(|e| value_message(&e, ""))
}

pub(super) fn kr(cell: &CellValue) -> Result<Option<Decimal>, String> {
    parse_kr(cell).map_err(|e| value_message(&e, ""))
}

pub(super) fn date(cell: &CellValue) -> Result<Option<NaiveDate>, String> {
    let date = parse_date(cell).map_err(|e| value_message(&e, ""))?;
    match date {
        Some(day) if !PLAUSIBLE_YEARS.contains(&day.year()) => Err(format!(
            "{day} är inget rimligt datum i registret. Skriv hela datumet, t.ex. 2018-01-01: ett tal som 2018 \
             läser Excel som en dag år 1905."
        )),
        _ => Ok(date),
    }
}

/// The years a decision, start or end of an insats can fall in: the
/// samordningsförbund law is from 2004, and no grant runs for a century.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

pub(super) fn period(cell: &CellValue) -> Result<Option<Period>, String> {
    match text(cell)? {
        None => Ok(None),
        Some(t) => Period::parse(&t).map(Some).map_err(|e| e.to_string()),
    }
}

/// The register's closed lists, for one parser and one message.
pub(super) trait Choice: Copy + 'static {
    const OPTIONS: &'static [Self];
    fn from_text(text: &str) -> Option<Self>;
    fn text(self) -> &'static str;

    /// `Individ, Struktur eller Kompetens`.
    fn allowed() -> String {
        let labels: Vec<String> = Self::OPTIONS.iter().map(|o| o.text().to_string()).collect();
        join_or(&labels, "eller")
    }
}

macro_rules! choices {
    ($($t:ty),+) => {$(
        impl Choice for $t {
            const OPTIONS: &'static [Self] = <$t>::ALL;
            fn from_text(text: &str) -> Option<Self> { <$t>::parse(text) }
            fn text(self) -> &'static str { self.label() }
        }
    )+};
}
choices!(Part, Inriktning, Karaktar, BeslutTyp, MalTyp, Omrade, Status);

pub(super) fn choice<T: Choice>(cell: &CellValue) -> Result<Option<T>, String> {
    parse_choice(cell, T::from_text).map_err(|e| value_message(&e, &T::allowed()))
}

/// `Parter`: a comma-separated list, each a [`Part`]; repeats are dropped.
pub(super) fn parter(cell: &CellValue) -> Result<Option<Vec<Part>>, String> {
    let Some(list) = text(cell)? else { return Ok(None) };
    let mut parter = Vec::new();
    for item in list.split([',', ';']).map(str::trim).filter(|i| !i.is_empty()) {
        let part = Part::parse(item).ok_or_else(|| {
            format!(
                "\"{item}\" är ingen part. Skriv en eller flera av {}, med kommatecken emellan.",
                join_or(&Part::ALL.iter().map(|p| p.label().to_string()).collect::<Vec<_>>(), "och")
            )
        })?;
        if !parter.contains(&part) {
            parter.push(part);
        }
    }
    Ok((!parter.is_empty()).then_some(parter))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_are_a_list_without_repeats() {
        let cell = CellValue::Text("Kommun, AF ;kommun, , Region".into());
        assert_eq!(parter(&cell), Ok(Some(vec![Part::Kommun, Part::Arbetsformedlingen, Part::Region])));
        assert_eq!(parter(&CellValue::Text(" , ".into())), Ok(None));
    }
}
