//! The follow-up rendered for people and programs: the consolidated
//! workbook ([`xlsx`]), the JSON ([`json`]) and the memo draft ([`pm`]), all from one
//! [`crate::aggregate::Sammanstallning`].

pub mod json;
pub mod pm;
pub mod xlsx;
