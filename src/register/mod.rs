//! Kansliet's register of granted insatser (`register.xlsx`, see
//! `docs/register.md`): typed records and the questions later stages ask of
//! them (which insatser are active in a quarter, a quarter's budget, the
//! grant after the decisions dated up to a day).
//!
//! [`read_register`] turns the workbook into a [`Register`] plus findings;
//! a broken row becomes a finding and is left out, never silently lost.

mod cells;
pub mod columns;
mod insatser;
mod kvitteringar;
mod read;
mod row;
mod settings;
mod sheets;
mod swedish;
mod table;

pub use kvitteringar::{Kvittering, Plats};
pub use read::{ROW_LIMIT, RegisterError, read_register};
pub use settings::{Installningar, Korrespondens, SETTINGS};

use crate::contract::choice::choice_enum;
use crate::period::{Kvartal, Period};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

choice_enum! {
    /// A member organisation of the förbund taking part in an insats.
    Part {
        Kommun => "Kommun",
        Arbetsformedlingen => "Arbetsförmedlingen" | "AF",
        Forsakringskassan => "Försäkringskassan" | "FK",
        Region => "Region",
    }
}

choice_enum! {
    /// The orientation of an insats: the 60-30-10 split.
    Inriktning {
        Individ => "Individ" | "Individinriktad",
        Struktur => "Struktur" | "Strukturövergripande",
        Kompetens => "Kompetens" | "Kompetenshöjande",
    }
}

choice_enum! {
    /// Character of an individual insats (memo Tabell 6).
    Karaktar {
        Forrehabiliterande => "Förrehabiliterande",
        ArbeteOchStudier => "Arbete och studier",
    }
}

choice_enum! {
    /// The kind of a later decision (`Beslut`).
    BeslutTyp {
        Tillagg => "Tillägg",
        Forlangning => "Förlängning",
        Avslut => "Avslut",
        Justering => "Justering",
    }
}

choice_enum! {
    /// The kind of a goal of the application.
    MalTyp {
        Effektmal => "Effektmål",
        Insatsmal => "Insatsmål",
    }
}

choice_enum! {
    /// An area of the follow-up that has a status of its own.
    Omrade {
        Mal => "Mål",
        Forutsattningar => "Förutsättningar",
        Budget => "Budget",
        Kvalitet => "Kvalitet",
        Deltagare => "Deltagare",
        Helhet => "Helhet",
    }
}

choice_enum! {
    /// The traffic-light status of an area.
    Status {
        Gron => "Grön",
        Gul => "Gul",
        Rod => "Röd",
    }
}

/// One granted insats: a row of the sheet `Insatser`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Insats {
    /// The Dnr, e.g. `2017:48`.
    pub id: String,
    pub namn: String,
    /// The short name tables use; `namn` when the register leaves it empty.
    pub kortnamn: String,
    pub omrade: String,
    pub insatsagare: String,
    pub parter: Vec<Part>,
    pub inriktning: Inriktning,
    pub karaktar: Option<Karaktar>,
    pub start: NaiveDate,
    /// The end in the grant, before any decision.
    pub slut: NaiveDate,
    /// The granted amount, before any decision.
    pub beviljat_belopp: Decimal,
    pub budget_per_ar: Option<Decimal>,
    pub forvantat_antal_deltagare: Option<u32>,
    pub malgrupp_alder_fran: Option<u32>,
    pub malgrupp_alder_till: Option<u32>,
    /// Defaults to the association's policy (4).
    pub styrgruppsmoten_per_ar: u32,
    /// The 1-based row of the register, for messages.
    pub rad: u32,
}

impl Insats {
    /// Whether the grant expects participants: individual insatser, or any
    /// insats with an expected number of participants above zero.
    pub fn expects_participants(&self) -> bool {
        crate::contract::participants_expected(self.inriktning, self.forvantat_antal_deltagare)
    }
}

/// A later decision that changes a grant: a row of `Beslut`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Beslut {
    pub id: String,
    pub datum: NaiveDate,
    pub typ: BeslutTyp,
    pub belopp: Option<Decimal>,
    pub ny_slutdag: Option<NaiveDate>,
    pub kommentar: Option<String>,
}

/// A goal of the application: a row of `Mål`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mal {
    pub nr: u32,
    pub typ: MalTyp,
    pub text: String,
}

/// Kansliet's own judgement overriding a computed status: a row of `Bedömningar`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bedomning {
    pub id: String,
    pub period: Period,
    pub omrade: Omrade,
    pub status: Status,
    pub motivering: String,
}

/// The grant as it stands after the decisions dated on or before a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Grant {
    pub start: NaiveDate,
    pub slut: NaiveDate,
    pub beviljat_belopp: Decimal,
}

/// The whole register, in its own row order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Register {
    pub insatser: Vec<Insats>,
    /// Explicit quarterly budgets of the sheet `Budget`, by insats id.
    pub budgetar: BTreeMap<(String, Kvartal), Decimal>,
    /// Decisions, sorted by date.
    pub beslut: Vec<Beslut>,
    /// Goals by insats id, sorted by `Nr`.
    pub mal: BTreeMap<String, Vec<Mal>>,
    pub bedomningar: Vec<Bedomning>,
    /// Findings kansliet accepts with a reason (`Kvitteringar`), in row order.
    pub kvitteringar: Vec<Kvittering>,
    pub installningar: Installningar,
    /// The Ids of `Insatser` rows left out for a problem (each has a
    /// finding): a report of such an insats is not "unknown", the register
    /// is to be corrected.
    pub utelamnade: BTreeSet<String>,
    /// The Ids with a row of `Budget` left out for a problem: their quarters
    /// without a row of their own have no known budget (the bad row may
    /// have been that quarter's).
    pub budget_med_fel: BTreeSet<String>,
    /// Lookups by id, built on the first lookup: every report asks for its
    /// insats, grant and budget, and a scan of the whole register per
    /// report would make a run quadratic in the number of insatser. The
    /// fields above are filled once when the register is built, before any
    /// lookup. Public only so that `Register { .., ..Register::default() }`
    /// can be written; its content is private.
    #[serde(skip)]
    pub index: RegisterIndex,
}

/// A cache of [`Register`]'s lookups by insats id (the field `index`).
#[derive(Debug, Clone, Default)]
pub struct RegisterIndex(OnceLock<Index>);

/// Positions in the register's lists, by insats id.
#[derive(Debug, Clone, Default)]
struct Index {
    insatser: HashMap<String, usize>,
    beslut: HashMap<String, Vec<usize>>,
    with_budget_rows: HashSet<String>,
}

impl Index {
    fn of(register: &Register) -> Index {
        let mut index = Index::default();
        for (position, insats) in register.insatser.iter().enumerate() {
            index.insatser.entry(insats.id.clone()).or_insert(position);
        }
        for (position, beslut) in register.beslut.iter().enumerate() {
            index.beslut.entry(beslut.id.clone()).or_default().push(position);
        }
        index.with_budget_rows = register.budgetar.keys().map(|(id, _)| id.clone()).collect();
        index
    }
}

impl Register {
    fn index(&self) -> &Index {
        self.index.0.get_or_init(|| Index::of(self))
    }

    /// Whether `id` names a row of `Insatser` left out for a problem.
    pub fn utelamnad(&self, id: &str) -> bool {
        self.utelamnade.contains(id.trim())
    }

    pub fn insats(&self, id: &str) -> Option<&Insats> {
        let position = *self.index().insatser.get(id.trim())?;
        self.insatser.get(position)
    }

    /// The decisions about `id`, by date.
    fn beslut_of<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Beslut> + 'a {
        let positions = self.index().beslut.get(id).map_or(&[][..], Vec::as_slice);
        positions.iter().filter_map(|position| self.beslut.get(*position))
    }

    /// The grant of `id` after every decision dated on or before `as_of`:
    /// `Tillägg` adds its amount, `Förlängning` and `Avslut` move the end
    /// (the latest such decision wins).
    pub fn grant(&self, id: &str, as_of: NaiveDate) -> Option<Grant> {
        let insats = self.insats(id)?;
        let mut grant =
            Grant { start: insats.start, slut: insats.slut, beviljat_belopp: insats.beviljat_belopp };
        for beslut in self.beslut_of(&insats.id).filter(|b| b.datum <= as_of) {
            match beslut.typ {
                BeslutTyp::Tillagg => {
                    // Amounts are bounded when read; saturating keeps a sum of many from panicking.
                    grant.beviljat_belopp =
                        grant.beviljat_belopp.saturating_add(beslut.belopp.unwrap_or_default());
                }
                BeslutTyp::Forlangning | BeslutTyp::Avslut => {
                    if let Some(day) = beslut.ny_slutdag {
                        grant.slut = day;
                    }
                }
                BeslutTyp::Justering => {}
            }
        }
        Some(grant)
    }

    /// Whether `id` is active in quarter `q`, by the decisions known at the
    /// end of `as_of` (the last day of the period a run covers).
    pub fn is_active(&self, id: &str, q: Kvartal, as_of: NaiveDate) -> bool {
        self.grant(id, as_of).is_some_and(|g| q.overlaps(g.start, g.slut))
    }

    /// The insatser active in `q`, in register order.
    pub fn active_in(&self, q: Kvartal, as_of: NaiveDate) -> Vec<&Insats> {
        self.insatser.iter().filter(|i| self.is_active(&i.id, q, as_of)).collect()
    }

    /// The budget of `id` for quarter `q`: the `Budget` sheet's row, else
    /// `Budget per år` / 4 for a quarter the insats is active in.
    pub fn quarter_budget(&self, id: &str, q: Kvartal) -> Option<Decimal> {
        let insats = self.insats(id)?;
        if let Some(amount) = self.budgetar.get(&(insats.id.clone(), q)) {
            return Some(*amount);
        }
        if self.budget_unknown(id, q) {
            return None;
        }
        if self.index().with_budget_rows.contains(&insats.id) {
            // An insats with explicit rows has no budget in the quarters left out.
            return Some(Decimal::ZERO);
        }
        let per_year = insats.budget_per_ar?;
        let active = self.is_active(id, q, q.last_day());
        Some(if active { per_year / Decimal::from(4) } else { Decimal::ZERO })
    }

    /// Whether the budget of `id` for `q` is unknown: the insats has a row
    /// of `Budget` with a problem, and `q` no row of its own.
    pub fn budget_unknown(&self, id: &str, q: Kvartal) -> bool {
        let id = id.trim();
        self.budget_med_fel.contains(id) && !self.budgetar.contains_key(&(id.to_string(), q))
    }

    /// The goals of the application for `id`, in order.
    pub fn goals(&self, id: &str) -> &[Mal] {
        self.mal.get(id.trim()).map_or(&[], Vec::as_slice)
    }
}
