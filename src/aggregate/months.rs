//! Durations in whole months, and the memo's way of writing them
//! ("2 år och 11 mån").

use chrono::{Datelike, NaiveDate};

/// Whole months from `start` to the end of `last` (both days included):
/// 2018-01-01 to 2021-12-31 is 48. A part month of at least half counts.
pub fn between(start: NaiveDate, last: NaiveDate) -> u32 {
    if last < start {
        return 0;
    }
    let end = last.succ_opt().unwrap_or(last);
    let mut months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32;
    let day_diff = end.day() as i32 - start.day() as i32;
    if day_diff >= 15 {
        months += 1;
    } else if day_diff <= -15 {
        months -= 1;
    }
    u32::try_from(months).unwrap_or(0)
}

/// The length of an insats as the memo writes it: "4 år", "2 år och 11 mån", "9 mån".
pub fn insatstid(start: NaiveDate, slut: NaiveDate) -> String {
    let months = between(start, slut);
    match (months / 12, months % 12) {
        (0, m) => format!("{m} mån"),
        (y, 0) => format!("{y} år"),
        (y, m) => format!("{y} år och {m} mån"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn durations_read_as_in_the_memo() {
        assert_eq!(insatstid(d(2018, 1, 1), d(2021, 12, 31)), "4 år");
        assert_eq!(insatstid(d(2018, 2, 1), d(2020, 12, 31)), "2 år och 11 mån");
        assert_eq!(insatstid(d(2018, 4, 1), d(2020, 6, 30)), "2 år och 3 mån");
        assert_eq!(insatstid(d(2018, 1, 1), d(2018, 9, 30)), "9 mån");
        assert_eq!(insatstid(d(2016, 7, 1), d(2018, 6, 30)), "2 år");
    }

    #[test]
    fn months_gone_counts_whole_months_and_never_goes_negative() {
        assert_eq!(between(d(2017, 10, 1), d(2018, 6, 30)), 9);
        assert_eq!(between(d(2018, 3, 1), d(2018, 6, 30)), 4);
        assert_eq!(between(d(2018, 7, 1), d(2018, 6, 30)), 0);
    }
}
