//! The report's date and quarter against the day of the run: a quarter that
//! is not over (by the day of the run, or by the report's own date) cannot
//! have been reported, and a report date after the day of the run is a typo
//! that must not decide which version of a report is the newest.
//!
//! A date before its quarter began is both a date the quarter was not over
//! by and an unlikely date: which of date and quarter is wrong cannot be
//! told (2019-K2 typed for 2018-K2, or 2008 for 2018), so it is the one Fel
//! `kvartal-ej-slut`, whose message names both; such a report is not used,
//! since its figures may belong to another quarter.
//!
//! `today` is a parameter, never read from the clock here: the commands
//! read the clock once, and tests set the day.

use super::Context;
use super::messages;
use crate::finding::Finding;
use crate::period::Kvartal;
use crate::report::Kvartalsrapport;
use chrono::NaiveDate;

/// The report date when it can order versions: within the report's
/// quarter or after it, and not after `today`. `None` when the report has
/// no date, no quarter, or a date outside those bounds.
pub fn usable_rapportdatum(report: &Kvartalsrapport, today: NaiveDate) -> Option<NaiveDate> {
    let date = report.rapportdatum?;
    let quarter = report.identitet.kvartal()?;
    (quarter.first_day() <= date && date <= today).then_some(date)
}

/// True when the report's date is given but cannot order versions.
pub fn rapportdatum_distrusted(report: &Kvartalsrapport, today: NaiveDate) -> bool {
    report.rapportdatum.is_some() && usable_rapportdatum(report, today).is_none()
}

/// True when the report's quarter is over both by `today` and by its own
/// report date (unless that date is after `today`, a typo that says
/// nothing): only then can it have been reported. A quarter is over the
/// day after its last day.
pub fn quarter_over(report: &Kvartalsrapport, today: NaiveDate) -> bool {
    let Some(quarter) = report.identitet.kvartal() else { return false };
    let date = report.rapportdatum.filter(|date| *date <= today);
    ended_by(quarter, today) && date.is_none_or(|date| ended_by(quarter, date))
}

fn ended_by(quarter: Kvartal, day: NaiveDate) -> bool {
    quarter.last_day() < day
}

/// The findings on the report's date and quarter (see the module's text).
pub(super) fn check_dates(ctx: &Context, report: &Kvartalsrapport, today: NaiveDate) -> Vec<Finding> {
    let Some(quarter) = report.identitet.kvartal() else { return Vec::new() };
    let quarter_location = ctx.location("period_kvartal");
    if !ended_by(quarter, today) {
        return vec![messages::quarter_not_over(quarter, quarter_location.as_ref(), ctx.file)];
    }
    let Some(date) = report.rapportdatum else { return Vec::new() };
    let date_location = ctx.location("rapportdatum");
    let finding = if date > today {
        messages::rapportdatum_after_today(date, date_location.as_ref(), ctx.file)
    } else if !ended_by(quarter, date) {
        messages::quarter_not_over_at_date(quarter, date, quarter_location.as_ref(), ctx.file)
    } else {
        return Vec::new();
    };
    vec![finding]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Identitet;

    fn report(ar: u32, kvartal: u32, date: Option<NaiveDate>) -> Kvartalsrapport {
        let identitet =
            Identitet { period_ar: Some(ar), period_kvartal: Some(kvartal), ..Identitet::default() };
        Kvartalsrapport { identitet, rapportdatum: date, ..Kvartalsrapport::default() }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_date_orders_versions_only_between_its_quarters_start_and_today() {
        let today = day(2018, 7, 15);
        let usable = |date| usable_rapportdatum(&report(2018, 2, Some(date)), today);
        assert_eq!(usable(day(2018, 7, 10)), Some(day(2018, 7, 10)));
        assert_eq!(usable(day(2018, 4, 1)), Some(day(2018, 4, 1)));
        assert_eq!(usable(day(2018, 7, 15)), Some(day(2018, 7, 15)));
        assert_eq!(usable(day(2018, 3, 31)), None);
        assert_eq!(usable(day(2018, 7, 16)), None);
        assert_eq!(usable(day(2081, 7, 10)), None);
        assert!(rapportdatum_distrusted(&report(2018, 2, Some(day(2081, 7, 10))), today));
        assert!(!rapportdatum_distrusted(&report(2018, 2, None), today));
    }

    #[test]
    fn a_quarter_is_over_the_day_after_its_last_day_by_today_and_by_the_report_date() {
        let today = day(2018, 7, 15);
        assert!(quarter_over(&report(2018, 2, Some(day(2018, 7, 1))), today));
        assert!(quarter_over(&report(2018, 2, None), today));
        assert!(!quarter_over(&report(2018, 2, Some(day(2018, 6, 30))), today));
        assert!(!quarter_over(&report(2018, 3, Some(day(2018, 7, 10))), today));
        assert!(!quarter_over(&report(2028, 2, Some(day(2018, 7, 10))), today));
        assert!(!quarter_over(&report(2019, 2, Some(day(2018, 7, 10))), day(2026, 1, 15)));
        assert!(!quarter_over(&report(2018, 2, Some(day(2018, 7, 1))), day(2018, 6, 30)));
        // A distrusted date does not decide: 2081 says nothing of the quarter.
        assert!(quarter_over(&report(2018, 2, Some(day(2081, 7, 10))), today));
    }
}
