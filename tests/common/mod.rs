//! Helpers shared by the integration tests: fixtures built in code.
#![allow(dead_code)]

pub mod eml;
pub mod files;
pub mod gallery;
pub mod minimal_report;
pub mod register_book;
pub mod report_book;
pub mod samples;
pub mod test_register;

/// The day the tests run on, whatever the clock says: long after the
/// samples' quarters (2018), as for kansliet today.
pub const TODAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 1, 15) {
    Some(day) => day,
    None => panic!("a valid day"),
};
