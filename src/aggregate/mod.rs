//! Reports + register → the follow-up of a period ([`Sammanstallning`]):
//! sums, latest answers, weakest attendance, statuses and colours per
//! `rules.md`, kansliet's overrides, the checks across quarters, and the
//! totals, each over a stated set of insatser (`totals.rs`).
//! Pure functions over what was read: no I/O, `Decimal` for money,
//! `BTreeMap`s for order, so the same inputs give the same follow-up.

mod crosscheck;
mod history;
mod insats;
pub mod model;
mod months;
mod omraden;
pub mod rapportdata;

mod statistics;
pub mod status;
mod totals;
pub mod underlag;

pub use model::*;
pub use rapportdata::Rapportrad;
pub use totals::{BudgetTotal, DeltagareTotal, FordelningTotal, Omfattning, Skal, Totaler, Utanfor, totaler};

use crate::finding::{Finding, sort_for_display};
use crate::inbox::Inbox;
use crate::period::Period;
use crate::register::{Insats, Register};
use chrono::NaiveDate;

/// What every step of the aggregation needs.
pub struct Context<'r> {
    pub register: &'r Register,
    pub period: Period,
    /// Decisions dated up to this day count: the period's last day.
    pub as_of: NaiveDate,
    /// Insatser and quarters whose reports are in doubt ([`crate::select::Selection::in_doubt`]).
    pub in_doubt: &'r std::collections::BTreeSet<(String, crate::period::Kvartal)>,
}

/// The follow-up of `period` from the reports in `inbox`, on the day
/// `today` (report dates after it are typos; quarters not over by it cannot
/// have been reported). The command reads the clock once; tests set the day.
pub fn aggregate(
    register: &Register,
    register_findings: &[Finding],
    inbox: &Inbox,
    period: Period,
    today: NaiveDate,
) -> Sammanstallning {
    let selection = crate::select::select(inbox, register, crate::select::Scope::Period(period), today);
    let ctx = Context { register, period, as_of: period.last_day(), in_doubt: &selection.in_doubt };
    let mut fynd: Vec<Finding> = register_findings.to_vec();
    fynd.extend(selection.other_findings.iter().cloned());
    let active: Vec<&Insats> = register
        .insatser
        .iter()
        .filter(|insats| period.quarters().iter().any(|q| register.is_active(&insats.id, *q, ctx.as_of)))
        .collect();
    let mut insatser = Vec::new();
    for insats in &active {
        let (resultat, findings) = insats::resultat(&ctx, insats, &selection.chosen);
        insatser.push(resultat);
        fynd.extend(findings);
    }
    let (historik, history_findings) = history::historik(&ctx, &active, &selection.chosen);
    fynd.extend(history_findings);
    // The rest of the run's findings (the register's, files set aside) are
    // accepted too, and a row of `Kvitteringar` that accepted nothing of
    // the period is named.
    crate::answered::accept(&mut fynd, register);
    let unmatched = crate::answered::unmatched(register, &fynd, &period.quarters());
    fynd.extend(unmatched);
    let avslut = statistics::avslut(&insatser, &register.installningar);
    let fordelning = statistics::fordelning(&insatser, &register.installningar);
    let totaler = totaler(&insatser, &fordelning);
    sort_for_display(&mut fynd);
    fynd.sort_by_key(|f| f.severity);
    Sammanstallning {
        period,
        titel: format!("Uppföljning {}", period.in_words()),
        insatser,
        avslut,
        fordelning,
        totaler,
        installningar: register.installningar.clone(),
        fynd,
        kallor: selection.kallor(),
        idag: today,
        historik,
        rapportdata: rapportdata::rapportdata(&selection, register),
    }
}
