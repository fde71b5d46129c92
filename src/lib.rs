//! `uppfoljning` reads a samordningsförbund's quarterly reports, checks them
//! against kansliet's register of granted insatser, and (from issue 3 on)
//! aggregates them into the board's follow-up workbook.
//!
//! The data flows one way: discover files → [`report`] reads each workbook
//! into a typed [`report::Kvartalsrapport`] → [`check`] holds it against the
//! [`register`] → findings for people. The template contract in [`contract`]
//! is the one source of truth for the report's fields; [`template`] writes
//! blank and prefilled templates from it.

pub mod check;
pub mod cli;
pub mod contract;
pub mod finding;
pub mod period;
pub mod pnr;
pub mod register;
pub mod report;
pub mod template;
pub mod value;
pub mod workbook;
