//! The template generator: writes the blank quarterly report template and
//! prefilled ones per insats, laid out from [`crate::contract::FIELDS`].
//!
//! Takes the contract (and, for a prefilled report, a [`Prefill`] from the
//! register); gives xlsx bytes with one sheet, `Rapport`, where every field
//! has a workbook-scoped defined name on its cell. The defined names are the
//! contract; the layout, colours and texts are free to change. Guarantees:
//! the same inputs give the same bytes; only input cells are unlocked under
//! (password-free) sheet protection; every choice field has its drop-down.
//! [`write_prefilled`] fills a folder for a quarter without ever replacing a
//! file that is already there.

mod file_name;
mod layout;
mod page;
mod prefilled;
mod register;
mod sheet;
mod style;
mod validation;

pub use file_name::{MAX_FILE_NAME_CHARS, file_name, safe_stem};
pub use layout::{MIN_GOAL_ROWS, SHEET};
pub use prefilled::{Written, prefills, write_prefilled};
pub use register::blank_register;

use crate::contract::{self, FieldType};
use crate::period::Kvartal;
use crate::register::Inriktning;
use crate::workbook::{Area, Position, column_letters};
use chrono::NaiveDate;
use layout::Layout;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What kansliet fills in from the register before sending a template out.
#[derive(Debug, Clone, PartialEq)]
pub struct Prefill {
    pub insats_id: String,
    pub insats_namn: String,
    pub kvartal: Kvartal,
    /// The quarter's budget from the register.
    pub budget_kr: Option<Decimal>,
    /// The goals of the application, in order, into `mal_lista`.
    pub goals: Vec<String>,
    /// The insats's inriktning and expected participants from the register:
    /// whether its participant sections are required or closed.
    pub inriktning: Inriktning,
    pub forvantat_antal_deltagare: Option<u32>,
}

impl Prefill {
    /// Whether the insats answers the participant sections, by the same
    /// rule the checks apply ([`contract::participants_expected`]).
    pub fn expects_participants(&self) -> bool {
        contract::participants_expected(self.inriktning, self.forvantat_antal_deltagare)
    }
}

/// One answer written into an input cell exactly as given, so tests and
/// samples can write messy spellings (`"1 051 000 kr"` as text) as well as
/// clean values.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    /// Rows of `mal_lista` beyond the goal text: (status, comment) per goal,
    /// in the order of [`Prefill::goals`].
    GoalAnswers(Vec<(String, String)>),
}

/// Answers by defined name.
pub type Answers = BTreeMap<&'static str, Answer>;

/// Why a template could not be written.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("Mallen kunde inte skapas: {0}")]
    Xlsx(#[from] XlsxError),
    #[error("Fältet \"{0}\" finns inte i mallkontraktet. Kontrollera stavningen.")]
    UnknownField(String),
    #[error(
        "Svaret på fältet \"{0}\" har fel form: målblocket tar bara målsvar (status och kommentar per mål), och målsvar passar bara där."
    )]
    WrongAnswerKind(&'static str),
    #[error("Mappen {} kunde inte skapas: {source}", path.display())]
    CreateFolder { path: PathBuf, source: std::io::Error },
    /// A file could not be written; the message says why in Swedish.
    #[error(transparent)]
    Write(#[from] crate::fsio::WriteError),
}

/// The blank template, as checked in at `templates/kvartalsrapport-v1.xlsx`.
pub fn blank_template() -> Result<Vec<u8>, TemplateError> {
    write_report(None, &Answers::new())
}

/// The workbook of one report: blank when `prefill` is `None`, with the
/// `answers` written into their input cells. Deterministic bytes.
pub fn write_report(prefill: Option<&Prefill>, answers: &Answers) -> Result<Vec<u8>, TemplateError> {
    check_answers(answers)?;
    let layout = Layout::new(goal_rows(prefill, answers));
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties()?);
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(SHEET)?;
    let heights = sheet::SheetWriter::new(worksheet, prefill, answers).write(&layout)?;
    page::set_up(worksheet, &layout, &heights, prefill)?;
    for (name, area) in &layout.cells {
        workbook.define_name(*name, &reference(area))?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// Where each defined name points in the blank template, in contract order:
/// how to find a field by position in a report whose names were lost. A
/// prefilled report with more than [`MIN_GOAL_ROWS`] goals moves everything
/// after the goal block down.
pub fn field_cells() -> Vec<(&'static str, Area)> {
    Layout::new(0).cells
}

/// Fails on an answer for a name the contract lacks, so a typo in a test
/// or sample cannot silently leave a field empty.
fn check_answers(answers: &Answers) -> Result<(), TemplateError> {
    for (name, answer) in answers {
        let field = contract::field(name).ok_or_else(|| TemplateError::UnknownField((*name).to_string()))?;
        let is_block = field.ty == FieldType::GoalBlock;
        if is_block != matches!(answer, Answer::GoalAnswers(_)) {
            return Err(TemplateError::WrongAnswerKind(field.name));
        }
    }
    Ok(())
}

/// Room for every goal of the register and every goal answer given.
fn goal_rows(prefill: Option<&Prefill>, answers: &Answers) -> usize {
    let goals = prefill.map_or(0, |p| p.goals.len());
    let answered = answers
        .values()
        .map(|a| match a {
            Answer::GoalAnswers(rows) => rows.len(),
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    goals.max(answered)
}

/// Fixed properties, so the bytes do not depend on when they were made.
fn properties() -> Result<DocProperties, XlsxError> {
    let created = ExcelDateTime::from_ymd(2018, 1, 1)?;
    Ok(DocProperties::new()
        .set_title(sheet::TITLE)
        .set_author("Samordningsförbundet")
        .set_creation_datetime(&created))
}

/// `Rapport!$B$5`, or `Rapport!$A$30:$C$39` for a block.
fn reference(area: &Area) -> String {
    let cell = |p: Position| format!("${}${}", column_letters(p.col), p.row + 1);
    if area.is_single_cell() {
        format!("={}!{}", area.sheet, cell(area.first))
    } else {
        format!("={}!{}:{}", area.sheet, cell(area.first), cell(area.last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_absolute_and_on_the_report_sheet() {
        let area = |r0, c0, r1, c1| Area {
            sheet: SHEET.into(),
            first: Position::new(r0, c0),
            last: Position::new(r1, c1),
        };
        assert_eq!(reference(&area(4, 1, 4, 1)), "=Rapport!$B$5");
        assert_eq!(reference(&area(29, 0, 38, 2)), "=Rapport!$A$30:$C$39");
    }

    #[test]
    fn error_messages_read_as_swedish_sentences() {
        assert_eq!(
            TemplateError::UnknownField("utfal_kr".into()).to_string(),
            "Fältet \"utfal_kr\" finns inte i mallkontraktet. Kontrollera stavningen."
        );
        assert_eq!(
            TemplateError::WrongAnswerKind("mal_lista").to_string(),
            "Svaret på fältet \"mal_lista\" har fel form: målblocket tar bara målsvar \
             (status och kommentar per mål), och målsvar passar bara där."
        );
        let io = || std::io::Error::new(std::io::ErrorKind::PermissionDenied, "nekad");
        assert_eq!(
            TemplateError::CreateFolder { path: "ut".into(), source: io() }.to_string(),
            "Mappen ut kunde inte skapas: nekad"
        );
    }

    #[test]
    fn answers_for_unknown_names_or_of_the_wrong_kind_are_refused() {
        let mut answers = Answers::new();
        answers.insert("utfal_kr", Answer::Number(1.0));
        assert!(
            matches!(write_report(None, &answers), Err(TemplateError::UnknownField(n)) if n == "utfal_kr")
        );
        let mut answers = Answers::new();
        answers.insert("mal_lista", Answer::Text("Uppfyllt".into()));
        assert!(matches!(write_report(None, &answers), Err(TemplateError::WrongAnswerKind("mal_lista"))));
        let mut answers = Answers::new();
        answers.insert("analys", Answer::GoalAnswers(vec![]));
        assert!(matches!(write_report(None, &answers), Err(TemplateError::WrongAnswerKind("analys"))));
    }
}
