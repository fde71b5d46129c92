//! Helpers shared by the integration tests: fixtures built in code.
#![allow(dead_code)]

pub mod files;
pub mod gallery;
pub mod minimal_report;
pub mod register_book;
pub mod report_book;
pub mod samples;
pub mod test_register;
