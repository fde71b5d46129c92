//! The total rows of the follow-up (Budget, Deltagare, Fördelning and the
//! key figures on Översikt), each over one stated set of insatser.
//!
//! Takes the period's [`InsatsResultat`]s and the 60-30-10 rows; gives
//! [`Totaler`]. Guarantees: an insats is in a total if and only if every
//! figure that total combines is known for it (`Some`), so a numerator and
//! its denominator are always summed over the same insatser: a budget is
//! never held against spend that leaves out that insats's spend. The
//! insatser left out are named with the reason, and [`Omfattning::text`]
//! says in Swedish what each total is over. The workbook and the JSON both
//! show these values, so they cannot differ.

use super::model::{FordelningRad, InsatsResultat};
use rust_decimal::Decimal;
use serde::Serialize;

/// The totals of the period's tables.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totaler {
    /// The total row of `Budget`, and Översikt's budget and spend.
    pub budget: BudgetTotal,
    /// The total row of `Deltagare`, and Översikt's participants.
    pub deltagare: DeltagareTotal,
    /// The total row of `Fördelning`, and Översikt's granted amount.
    pub fordelning: FordelningTotal,
}

/// Budget and spend summed over the insatser whose spend for the whole
/// period is known: every quarter's report in, and its spend given.
/// Every sum is `None` when no insats is in the total.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BudgetTotal {
    pub budget: Option<Decimal>,
    pub utfall: Option<Decimal>,
    /// `utfall / budget`: a share of the sums, not a sum of shares.
    pub andel: Option<Decimal>,
    pub utfall_sedan_start: Option<Decimal>,
    pub beviljat_belopp: Option<Decimal>,
    pub omfattning: Omfattning,
}

/// The individual insatser's participants summed over those whose counts
/// are all known. `budget_per_ar` and `anonyma` are summed over the same
/// insatser where given (an insats may have none registered anonymously).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DeltagareTotal {
    pub pagaende: Option<u32>,
    pub avslutade: Option<u32>,
    pub totalt: Option<u32>,
    pub forvantat: Option<u32>,
    /// `totalt / forvantat` of the sums.
    pub andel_av_forvantat: Option<Decimal>,
    pub budget_per_ar: Option<Decimal>,
    pub anonyma: Option<u32>,
    pub omfattning: Omfattning,
}

/// The 60-30-10 split summed: over every insats the register has active
/// in the period (a granted amount is always known).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FordelningTotal {
    pub beviljat_belopp: Decimal,
    /// The shares summed: 1 when anything is granted.
    pub andel: Option<Decimal>,
    /// The goals summed (1 when the goals add up).
    pub mal: Decimal,
    pub omfattning: Omfattning,
}

/// What a total is over.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Omfattning {
    /// How many insatser the total could be over: the period's insatser
    /// (for Deltagare, its individual ones).
    pub av: usize,
    /// The ids of the insatser the total is over, in register order.
    pub insatser: Vec<String>,
    /// The insatser left out, in register order, with why.
    pub utanfor: Vec<Utanfor>,
    /// In words, for the workbook: "Summorna gäller 5 av 6 insatser. 1 insats
    /// utan användbar rapport ingår inte: Knivsta."
    pub text: String,
}

/// An insats left out of a total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Utanfor {
    pub id: String,
    pub kortnamn: String,
    pub skal: Skal,
}

/// Why an insats is left out of a total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Skal {
    /// No report of the period is used: missing, or in doubt.
    UtanRapport,
    /// Some quarter of the period has no report used (missing, or in
    /// doubt), so a figure summed over the quarters covers only part of
    /// the period.
    RapportSaknas,
    /// A report is used, but a figure the total needs is not known
    /// (not given, or rejected).
    UppgiftOkand,
}

/// The totals over `insatser` (the period's, in register order) and the
/// 60-30-10 rows made from them.
pub fn totaler(insatser: &[InsatsResultat], fordelning: &[FordelningRad]) -> Totaler {
    Totaler {
        budget: budget(insatser),
        deltagare: deltagare(insatser),
        fordelning: fordelning_total(insatser, fordelning),
    }
}

/// The figures of one insats a total combines, or `None` when one is unknown.
pub(super) type Pick<'a, T> = fn(&'a InsatsResultat) -> Option<T>;

/// Splits `candidates` into those with every figure known and the rest.
pub(super) fn split<'a, T>(
    candidates: &[&'a InsatsResultat],
    pick: Pick<'a, T>,
) -> (Vec<(&'a InsatsResultat, T)>, Vec<Utanfor>) {
    let mut inside = Vec::new();
    let mut outside = Vec::new();
    for insats in candidates {
        match pick(insats) {
            Some(figures) => inside.push((*insats, figures)),
            None => outside.push(Utanfor {
                id: insats.id.clone(),
                kortnamn: insats.kortnamn.clone(),
                skal: if insats.rapporter.iter().all(|r| r.fil.is_none()) {
                    Skal::UtanRapport
                } else if insats.rapporter.iter().any(|r| r.fil.is_none()) {
                    Skal::RapportSaknas
                } else {
                    Skal::UppgiftOkand
                },
            }),
        }
    }
    (inside, outside)
}

/// The known budget figures of one insats.
struct BudgetFigures {
    budget: Decimal,
    utfall: Decimal,
    utfall_sedan_start: Decimal,
    beviljat_belopp: Decimal,
}

fn budget(insatser: &[InsatsResultat]) -> BudgetTotal {
    let candidates: Vec<&InsatsResultat> = insatser.iter().collect();
    let (inside, outside) = split(&candidates, |i| {
        // Spend summed over part of the period is not the period's spend:
        // held against the whole period's budget it would read as underspending.
        if i.rapporter.iter().any(|r| r.fil.is_none()) {
            return None;
        }
        Some(BudgetFigures {
            budget: i.budget.budget?,
            utfall: i.budget.utfall?,
            utfall_sedan_start: i.budget.utfall_sedan_start?,
            beviljat_belopp: i.budget.beviljat_belopp,
        })
    });
    let sum = |pick: fn(&BudgetFigures) -> Decimal| {
        (!inside.is_empty())
            .then(|| inside.iter().map(|(_, f)| pick(f)).fold(Decimal::ZERO, Decimal::saturating_add))
    };
    let (budget, utfall) = (sum(|f| f.budget), sum(|f| f.utfall));
    let words = Words {
        one: "insats",
        many: "insatser",
        unknown: "där budgeten eller utfallet för perioden inte är känt",
    };
    BudgetTotal {
        budget,
        utfall,
        andel: utfall.zip(budget).and_then(|(u, b)| share(u, b)),
        utfall_sedan_start: sum(|f| f.utfall_sedan_start),
        beviljat_belopp: sum(|f| f.beviljat_belopp),
        omfattning: omfattning(&words, candidates.len(), &inside, outside),
    }
}

/// The known participant counts of one individual insats.
struct DeltagareFigures {
    pagaende: u32,
    avslutade: u32,
    totalt: u32,
    forvantat: u32,
    budget_per_ar: Option<Decimal>,
    anonyma: Option<u32>,
}

fn deltagare(insatser: &[InsatsResultat]) -> DeltagareTotal {
    let candidates: Vec<&InsatsResultat> = insatser.iter().filter(|i| i.deltagare.is_some()).collect();
    let (inside, outside) = split(&candidates, |i| {
        let d = i.deltagare.as_ref()?;
        Some(DeltagareFigures {
            pagaende: d.pagaende?,
            avslutade: d.avslutade?,
            totalt: d.totalt?,
            forvantat: d.forvantat?,
            budget_per_ar: d.budget_per_ar,
            anonyma: d.anonyma,
        })
    });
    let count = |pick: fn(&DeltagareFigures) -> Option<u32>| {
        inside.iter().filter_map(|(_, f)| pick(f)).reduce(u32::saturating_add)
    };
    let (totalt, forvantat) = (count(|f| Some(f.totalt)), count(|f| Some(f.forvantat)));
    let words = Words {
        one: "individinriktade insats",
        many: "individinriktade insatser",
        unknown: "där deltagarantalen inte är kända",
    };
    DeltagareTotal {
        pagaende: count(|f| Some(f.pagaende)),
        avslutade: count(|f| Some(f.avslutade)),
        totalt,
        forvantat,
        andel_av_forvantat: totalt
            .zip(forvantat)
            .and_then(|(t, f)| share(Decimal::from(t), Decimal::from(f))),
        budget_per_ar: inside.iter().filter_map(|(_, f)| f.budget_per_ar).reduce(Decimal::saturating_add),
        anonyma: count(|f| f.anonyma),
        omfattning: omfattning(&words, candidates.len(), &inside, outside),
    }
}

fn fordelning_total(insatser: &[InsatsResultat], rader: &[FordelningRad]) -> FordelningTotal {
    let candidates: Vec<&InsatsResultat> = insatser.iter().collect();
    let (inside, outside) = split(&candidates, |i| Some(i.budget.beviljat_belopp));
    let words = Words { one: "insats", many: "insatser", unknown: "där beviljat belopp inte är känt" };
    let mut omfattning = omfattning(&words, candidates.len(), &inside, outside);
    // A granted amount is always known: the set is the register's, whatever came in.
    if omfattning.utanfor.is_empty() && omfattning.av > 0 {
        let whom = match omfattning.av {
            1 => "den enda insats".to_string(),
            n => format!("alla {n} insatser"),
        };
        omfattning.text = format!(
            "Summorna gäller {whom} som pågår under perioden enligt registret, med eller utan rapport."
        );
    }
    FordelningTotal {
        beviljat_belopp: rader.iter().map(|r| r.beviljat_belopp).fold(Decimal::ZERO, Decimal::saturating_add),
        andel: rader.iter().filter_map(|r| r.andel).reduce(Decimal::saturating_add),
        mal: rader.iter().map(|r| r.mal).fold(Decimal::ZERO, Decimal::saturating_add),
        omfattning,
    }
}

/// `part / whole`, or `None` for a zero whole.
fn share(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() { None } else { part.checked_div(whole) }
}

/// How a total's scope is put in words.
pub(super) struct Words {
    /// The kind of insats counted, singular: "insats".
    pub(super) one: &'static str,
    /// The kind of insats counted, plural: "insatser".
    pub(super) many: &'static str,
    /// Why an insats with a report is left out: "där utfallet … inte är känt".
    pub(super) unknown: &'static str,
}

pub(super) fn omfattning<T>(
    words: &Words,
    av: usize,
    inside: &[(&InsatsResultat, T)],
    utanfor: Vec<Utanfor>,
) -> Omfattning {
    let text = scope_text(words, av, inside.len(), &utanfor);
    Omfattning { av, insatser: inside.iter().map(|(i, _)| i.id.clone()).collect(), utanfor, text }
}

/// "Summorna gäller 5 av 6 insatser. 1 insats utan användbar rapport ingår
/// inte: Knivsta."
pub(super) fn scope_text(words: &Words, av: usize, inne: usize, utanfor: &[Utanfor]) -> String {
    let mut sentences = vec![match (av, inne) {
        (0, _) => format!("Inga {} under perioden.", words.many),
        (1, 1) => format!("Summorna gäller periodens enda {}.", words.one),
        (1, _) => format!("Summorna gäller inte periodens enda {}.", words.one),
        (_, 0) => format!("Summorna gäller ingen av periodens {av} {}.", words.many),
        (_, _) if inne == av => format!("Summorna gäller alla {av} {} i perioden.", words.many),
        (_, _) => format!("Summorna gäller {inne} av {av} {}.", words.many),
    }];
    let reasons = [
        (Skal::UtanRapport, "utan användbar rapport"),
        (Skal::RapportSaknas, "där någon av periodens rapporter saknas"),
        (Skal::UppgiftOkand, words.unknown),
    ];
    for (skal, why) in reasons {
        let names: Vec<&str> =
            utanfor.iter().filter(|u| u.skal == skal).map(|u| u.kortnamn.as_str()).collect();
        if !names.is_empty() {
            let insatser = if names.len() == 1 { "insats" } else { "insatser" };
            sentences.push(format!("{} {insatser} {why} ingår inte: {}.", names.len(), names.join(", ")));
        }
    }
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utanfor(kortnamn: &str, skal: Skal) -> Utanfor {
        Utanfor { id: kortnamn.to_lowercase(), kortnamn: kortnamn.into(), skal }
    }

    const BUDGET: Words =
        Words { one: "insats", many: "insatser", unknown: "där utfallet för perioden inte är känt" };

    #[test]
    fn the_scope_names_every_insats_left_out_with_its_reason() {
        let left_out = [
            utanfor("Knivsta Ungdomssatsningen", Skal::UtanRapport),
            utanfor("GESAM", Skal::UtanRapport),
            utanfor("Heby", Skal::UppgiftOkand),
            utanfor("Tierp", Skal::RapportSaknas),
        ];
        assert_eq!(
            scope_text(&BUDGET, 9, 5, &left_out),
            "Summorna gäller 5 av 9 insatser. 2 insatser utan användbar rapport ingår inte: Knivsta \
             Ungdomssatsningen, GESAM. 1 insats där någon av periodens rapporter saknas ingår inte: Tierp. 1 \
             insats där utfallet för perioden inte är känt ingår inte: Heby."
        );
    }

    #[test]
    fn a_whole_or_empty_scope_is_said_as_well() {
        assert_eq!(scope_text(&BUDGET, 6, 6, &[]), "Summorna gäller alla 6 insatser i perioden.");
        assert_eq!(
            scope_text(&BUDGET, 1, 0, &[utanfor("GESAM", Skal::UtanRapport)]),
            "Summorna gäller inte periodens enda insats. 1 insats utan användbar rapport ingår inte: GESAM."
        );
        assert_eq!(scope_text(&BUDGET, 3, 0, &[]), "Summorna gäller ingen av periodens 3 insatser.");
        assert_eq!(scope_text(&BUDGET, 1, 1, &[]), "Summorna gäller periodens enda insats.");
        assert_eq!(scope_text(&BUDGET, 0, 0, &[]), "Inga insatser under perioden.");
    }
}
