//! The optional sheet `Kvitteringar`: kansliet accepts a finding with a
//! reason (`Id`, `Period`, `Kod`, `Motivering`, and `Fil` to narrow it to
//! one file). What an accepted finding means is [`crate::answered`]'s.
//!
//! Takes the sheet as a [`Table`] and every Id of `Insatser`; gives one
//! [`Kvittering`] per clean row. Guarantees: the Id is one `Insatser`
//! names; the period is a quarter, half-year or year as `--period` writes
//! it; the code is one of the tool's codes and about a report (a register
//! finding is corrected in the register, not accepted); the reason is
//! there; the same acceptance twice is a finding on the second row. Every
//! text is masked for personal identity numbers.

use super::cells::{period, text};
use super::columns::{FIL, KOD, MOTIVERING, PERIOD};
use super::row::Row;
use super::table::{Ctx, Table};
use crate::finding::Code;
use crate::period::{Kvartal, Period};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One row of `Kvitteringar`: the findings of insats `id` with code `kod`
/// in the quarters of `period` (in file `fil`, when given) are accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kvittering {
    pub id: String,
    /// A quarter, or a half-year or year covering each of its quarters.
    pub period: Period,
    pub kod: Code,
    /// The file's name as `Kontroll` shows it, or its last part.
    pub fil: Option<String>,
    pub motivering: String,
    /// The row as Excel numbers it, for messages.
    pub rad: u32,
    /// Where the row is, for a finding about it made after the register is
    /// read (it accepts nothing): the register's file name, the sheet as
    /// spelled there, and the cell of `Kod`.
    pub plats: Plats,
}

/// A cell of the register.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Plats {
    pub fil: String,
    pub blad: String,
    pub cell: Option<String>,
}

impl Kvittering {
    /// Whether the row's period covers quarter `q`: `2018-H1` covers
    /// `2018-K1` and `2018-K2`, `2018` every quarter of 2018.
    pub fn covers(&self, q: Kvartal) -> bool {
        self.period.quarters().contains(&q)
    }

    /// Whether the row names `file`, or names no file: `Fil` may be the
    /// name as `Kontroll` shows it (`2018-K2/Heby.xlsx`) or its last part,
    /// in any case.
    pub fn names_file(&self, file: &str) -> bool {
        let Some(fil) = &self.fil else { return true };
        let last = file.rsplit(['/', '\\']).next().unwrap_or(file);
        fil.eq_ignore_ascii_case(file) || fil.eq_ignore_ascii_case(last)
    }
}

/// `Kvitteringar`, in row order.
pub(super) fn kvitteringar(ctx: &mut Ctx, table: &Table, ids: &BTreeSet<String>) -> Vec<Kvittering> {
    let mut first_row: BTreeMap<(String, String, Code, Option<String>), u32> = BTreeMap::new();
    ctx.each_row(table, |r| {
        let id = r.known_id(ids);
        let period =
            r.required(PERIOD, "Skriv kvartalet fyndet gäller, t.ex. 2018-K2 (eller 2018-H1, 2018).", period);
        let kod = code(r);
        let fil = r.optional(FIL, text).map(|f| masked(f.trim()));
        let hint = "Skriv varför kansliet godtar fyndet; motiveringen syns på bladet Kontroll.";
        let motivering = r.required(MOTIVERING, hint, text).map(|m| masked(m.trim()));
        let (id, period, kod, motivering) = (id?, period?, kod?, motivering?);
        let key = (id.clone(), period.to_string(), kod, fil.as_ref().map(|f| f.to_lowercase()));
        if let Some(first) = r.earlier(&mut first_row, key) {
            let message = format!(
                "Fyndet {kod} för {id} {period} är redan kvitterat på rad {first}. Ta bort en av raderna."
            );
            r.report(Code::RegisterDubblettRad, KOD, message);
        }
        let plats = Plats { fil: r.file().to_string(), blad: r.sheet().to_string(), cell: r.cell(KOD) };
        Some(Kvittering { id, period, kod, fil, motivering, rad: r.number(), plats })
    })
}

/// The finding code of the row, or a finding on the cell.
fn code(r: &mut Row<'_>) -> Option<Code> {
    let hint =
        "Skriv fyndets kod som den står i kolumnen Kod på bladet Kontroll, t.ex. moten-farre-an-avtalat.";
    let written = r.required(KOD, hint, text)?;
    let Some(code) = Code::from_text(&written) else {
        let message = format!("Koden \"{}\" finns inte. {hint}", written.trim());
        r.report(Code::RegisterVardeOgiltigt, KOD, message);
        return None;
    };
    if !acceptable(code) {
        let message = format!(
            "Koden {code} gäller registret självt och kan inte kvitteras. Rätta registret i stället och ta bort \
             raden."
        );
        r.report(Code::RegisterVardeOgiltigt, KOD, message);
        return None;
    }
    Some(code)
}

/// Whether a finding of `code` can be accepted: not the register's own,
/// which are corrected in the register.
fn acceptable(code: Code) -> bool {
    !code.as_str().starts_with("register-") && code != Code::KvitteringUtanFynd
}

fn masked(text: &str) -> String {
    crate::pnr::mask(text).0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(period: &str, fil: Option<&str>) -> Kvittering {
        Kvittering {
            id: "2017:48".into(),
            period: Period::parse(period).unwrap(),
            kod: Code::BudgetAvviker,
            fil: fil.map(str::to_string),
            motivering: "Godtas.".into(),
            rad: 2,
            plats: Plats::default(),
        }
    }

    #[test]
    fn a_half_year_covers_its_two_quarters_and_no_other() {
        let h1 = row("2018-H1", None);
        let covered: Vec<bool> = (1..=4).map(|k| h1.covers(Kvartal::new(2018, k).unwrap())).collect();
        assert_eq!(covered, vec![true, true, false, false]);
        assert!(!h1.covers(Kvartal::new(2017, 1).unwrap()));
        assert!(row("2018", None).covers(Kvartal::new(2018, 4).unwrap()));
        assert!(!row("2018-K2", None).covers(Kvartal::new(2018, 1).unwrap()));
    }

    #[test]
    fn a_file_is_named_by_its_shown_name_or_its_last_part_in_any_case() {
        let named = row("2018-K2", Some("heby.XLSX"));
        assert!(named.names_file("2018-K2/Heby.xlsx"));
        assert!(named.names_file("Heby.xlsx"));
        assert!(!named.names_file("2018-K2/Knivsta.xlsx"));
        assert!(row("2018-K2", None).names_file("vad som helst.xlsx"));
    }

    #[test]
    fn register_codes_cannot_be_accepted_and_report_codes_can() {
        assert!(!acceptable(Code::RegisterOkantId));
        assert!(!acceptable(Code::KvitteringUtanFynd));
        assert!(acceptable(Code::RapportSaknas));
        assert!(acceptable(Code::MotenFarreAnAvtalat));
    }
}
