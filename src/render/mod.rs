//! The follow-up rendered for people and programs: the consolidated
//! workbook ([`xlsx`]) and the JSON ([`json`]), both from one
//! [`crate::aggregate::Sammanstallning`].

pub mod json;
pub mod xlsx;
