//! Writes the sheet `Rapport` line by line from a [`Layout`]: texts, input
//! cells with their validation, prefilled identity and goals, and answers.
//!
//! Every cell of a field row is written with an explicit format, so under
//! sheet protection exactly the yellow cells are unlocked.

use super::layout::{COL_HELP, COL_INPUT, COL_LABEL, COL_SECOND, Layout, Line};
use super::{Answer, Answers, Prefill, style, validation};
use crate::contract::{self, AnsweredBy, Field, FieldType, Required, Section};
use chrono::{Datelike, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

pub const TITLE: &str = "Kvartalsrapport till Samordningsförbundet";

const INSTRUCTION: &str = "Fyll i de gula cellerna. Där det finns en rullista väljer du svaret i listan. \
    Grå celler har kansliet fyllt i från registret; de kan inte ändras. \
    Frågor markerade med * måste besvaras.\n\
    Spara filen och skicka den med e-post till kansliet. \
    Skriv aldrig deltagares namn eller personnummer i rapporten.";

/// A value to put in a cell.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

/// The sheet being written and what goes into it.
pub struct SheetWriter<'a> {
    ws: &'a mut Worksheet,
    prefill: Option<&'a Prefill>,
    answers: &'a Answers,
    /// The height given to each row so far, for placing page breaks.
    heights: Vec<f64>,
    /// The help shown in column D on the row above, so a run of fields with
    /// the same help (the four `Närvaro` rows) shows it once.
    help_above: Option<&'static str>,
}

impl<'a> SheetWriter<'a> {
    pub fn new(ws: &'a mut Worksheet, prefill: Option<&'a Prefill>, answers: &'a Answers) -> Self {
        SheetWriter { ws, prefill, answers, heights: Vec::new(), help_above: None }
    }

    /// Writes every line of `layout`; gives the height of each row.
    pub fn write(mut self, layout: &Layout) -> Result<Vec<f64>, XlsxError> {
        for (row, line) in (0u32..).zip(&layout.lines) {
            self.heights.push(style::DEFAULT_HEIGHT);
            self.line(row, *line)?;
        }
        Ok(self.heights)
    }

    fn set_height(&mut self, row: u32, height: f64) -> Result<(), XlsxError> {
        if let Some(slot) = usize::try_from(row).ok().and_then(|i| self.heights.get_mut(i)) {
            *slot = height;
        }
        self.ws.set_row_height(row, height)?;
        Ok(())
    }

    fn line(&mut self, row: u32, line: Line) -> Result<(), XlsxError> {
        if !matches!(line, Line::Single(_) | Line::Pair { .. }) {
            self.help_above = None;
        }
        match line {
            Line::Title => self.banner(row, TITLE, &style::title(), style::TITLE_HEIGHT),
            Line::Instruction => {
                let height = style::row_height(&[full_width(INSTRUCTION)], 0.0) + 4.0;
                self.banner(row, INSTRUCTION, &style::instruction(), height)
            }
            Line::Spacer => self.set_height(row, style::SPACER_HEIGHT),
            Line::Heading(section) => {
                self.banner(row, section.title(), &style::heading(), style::HEADING_HEIGHT)
            }
            Line::Intro(section) => self.intro(row, section),
            Line::GenderHeader => self.gender_header(row),
            Line::Single(field) => self.single(row, field),
            Line::Pair { kvinnor, man } => self.pair(row, kvinnor, man),
            Line::GoalLabel(field) => {
                self.label_with_help(row, field)?;
                let star = self.starred(field);
                let height =
                    style::row_height(&[label_with_help_height(field, star)], style::FIELD_MIN_HEIGHT);
                self.set_height(row, height)
            }
            Line::GoalHeader => self.goal_header(row),
            Line::GoalRow { block, index } => self.goal_row(row, block, index),
        }
    }

    /// A text across all four columns.
    fn banner(&mut self, row: u32, text: &str, format: &Format, height: f64) -> Result<(), XlsxError> {
        self.ws.merge_range(row, COL_LABEL, row, COL_HELP, text, format)?;
        self.set_height(row, height)?;
        Ok(())
    }

    fn intro(&mut self, row: u32, section: Section) -> Result<(), XlsxError> {
        let text = intro_text(section, self.prefill);
        // Italic runs wider than the estimate of upright text: a tenth of
        // the width spare keeps a long intro's last line from being cut.
        let height =
            style::row_height(&[style::text_height(&text, style::FULL_WIDTH * 0.9, style::BODY_SIZE)], 0.0);
        self.banner(row, &text, &style::intro(), height)
    }

    /// Whether the label gets the star of a required answer: in the blank
    /// template the answers every insats gives; in a prefilled one, the
    /// answers this insats gives by the register.
    fn starred(&self, field: &Field) -> bool {
        !field.locked
            && match self.prefill {
                Some(prefill) => field.required.for_insats(prefill.expects_participants()),
                None => field.required == Required::Yes,
            }
    }

    /// Whether the field's cell takes no input: kansliet's prefill, and in
    /// the report of an insats without participants, the participant
    /// sections, so nobody fills them in by mistake.
    fn closed(&self, field: &Field) -> bool {
        field.locked || self.prefill.is_some_and(|p| !applies(field.section, p))
    }

    fn gender_header(&mut self, row: u32) -> Result<(), XlsxError> {
        let header = style::column_header();
        self.ws.write_string_with_format(row, COL_INPUT, "Kvinnor", &header)?;
        self.ws.write_string_with_format(row, COL_SECOND, "Män", &header)?;
        Ok(())
    }

    /// A field on its own row: text the styrgrupp writes gets the width of
    /// B–D with its help under the label; other values fill B–C with the
    /// help in D.
    fn single(&mut self, row: u32, field: &'static Field) -> Result<(), XlsxError> {
        let value = self.value(field);
        let height = if field.ty == FieldType::Text && !self.closed(field) {
            self.wide_text(row, field, value.as_ref())?
        } else {
            self.short_value(row, field, value.as_ref())?
        };
        self.set_height(row, height)?;
        self.validate_at(row, COL_INPUT, field)
    }

    /// Label and help in A, the answer over B–D; gives the row's height.
    fn wide_text(
        &mut self,
        row: u32,
        field: &'static Field,
        value: Option<&Value>,
    ) -> Result<f64, XlsxError> {
        self.help_above = None;
        self.label_with_help(row, field)?;
        let format = self.cell_format(field, value);
        self.input(row, COL_INPUT, COL_HELP, value, &format)?;
        let least = match (is_text_box(field), field.section) {
            (true, Section::Analys) => style::ANALYSIS_HEIGHT,
            (true, _) => style::COMMENT_HEIGHT,
            (false, _) => style::FIELD_MIN_HEIGHT,
        };
        let answer = style::text_height(&shown_text(value), INPUT_TO_HELP, style::BODY_SIZE);
        Ok(style::row_height(&[label_with_help_height(field, self.starred(field)), answer], least))
    }

    /// Label in A, the value over B–C, help in D; gives the row's height.
    fn short_value(
        &mut self,
        row: u32,
        field: &'static Field,
        value: Option<&Value>,
    ) -> Result<f64, XlsxError> {
        let star = self.starred(field);
        self.ws.write_string_with_format(row, COL_LABEL, label_text(field, star), &style::label())?;
        let format = self.cell_format(field, value);
        self.input(row, COL_INPUT, COL_SECOND, value, &format)?;
        let help = self.help_beside(row, field)?;
        let answer = style::text_height(&shown_text(value), INPUT_PAIR, style::BODY_SIZE);
        Ok(style::row_height(&[label_height(field, star), help, answer], style::FIELD_MIN_HEIGHT))
    }

    fn pair(&mut self, row: u32, kvinnor: &'static Field, man: &'static Field) -> Result<(), XlsxError> {
        let star = self.starred(kvinnor);
        self.ws.write_string_with_format(row, COL_LABEL, label_text(kvinnor, star), &style::label())?;
        for (col, field) in [(COL_INPUT, kvinnor), (COL_SECOND, man)] {
            let value = self.value(field);
            let format = self.cell_format(field, value.as_ref());
            self.input(row, col, col, value.as_ref(), &format)?;
            self.validate_at(row, col, field)?;
        }
        let help = self.help_beside(row, kvinnor)?;
        let height = style::row_height(&[label_height(kvinnor, star), help], style::FIELD_MIN_HEIGHT);
        self.set_height(row, height)?;
        Ok(())
    }

    /// Writes the help of `field` in column D unless the row above shows
    /// the same; gives the height it needs.
    fn help_beside(&mut self, row: u32, field: &'static Field) -> Result<f64, XlsxError> {
        if self.help_above == Some(field.help) {
            return Ok(0.0);
        }
        self.help_above = Some(field.help);
        self.ws.write_string_with_format(row, COL_HELP, field.help, &style::help())?;
        Ok(help_height(field))
    }

    /// The label with its help in small grey text below it, both in column A.
    fn label_with_help(&mut self, row: u32, field: &Field) -> Result<(), XlsxError> {
        let label = label_text(field, self.starred(field));
        let help = format!("\n{}", field.help);
        let plain = Format::new();
        let runs = [(&plain, label.as_str()), (&style::help_run(), help.as_str())];
        self.ws.write_rich_string_with_format(row, COL_LABEL, &runs, &style::label())?;
        Ok(())
    }

    fn goal_header(&mut self, row: u32) -> Result<(), XlsxError> {
        self.ws.write_string_with_format(row, COL_LABEL, "Mål", &style::column_header_left())?;
        self.ws.write_string_with_format(row, COL_INPUT, "Status", &style::column_header())?;
        self.ws.merge_range(row, COL_SECOND, row, COL_HELP, "Kommentar", &style::column_header_left())?;
        Ok(())
    }

    /// One row of `mal_lista`: the goal, its status and a comment.
    fn goal_row(&mut self, row: u32, block: &Field, index: usize) -> Result<(), XlsxError> {
        let goal = self.prefill.and_then(|p| p.goals.get(index));
        let (status, comment) = self.goal_answer(block, index);
        let open = goal.is_some() || self.goal_texts_open();
        let text_format = if goal.is_some() || !open { locked_text() } else { style::input(FieldType::Text) };
        let answer_format = if open { style::input(FieldType::Text) } else { locked_text() };
        self.input(row, COL_LABEL, COL_LABEL, goal.map(|g| Value::Text(g.clone())).as_ref(), &text_format)?;
        self.input(row, COL_INPUT, COL_INPUT, status.as_ref(), &answer_format)?;
        self.input(row, COL_SECOND, COL_HELP, comment.as_ref(), &answer_format)?;
        let heights = [
            style::text_height(goal.map_or("", String::as_str), style::LABEL_WIDTH, style::BODY_SIZE),
            style::text_height(&shown_text(status.as_ref()), style::INPUT_WIDTH, style::BODY_SIZE),
            style::text_height(&shown_text(comment.as_ref()), SECOND_TO_HELP, style::BODY_SIZE),
        ];
        self.set_height(row, style::row_height(&heights, style::FIELD_MIN_HEIGHT))?;
        if open {
            self.ws.add_data_validation(row, COL_INPUT, row, COL_INPUT, &validation::goal_status(block)?)?;
        }
        Ok(())
    }

    /// Goal texts are typed in by the styrgrupp only when kansliet had none
    /// to give: in the blank template or for an insats without goals in the
    /// register. Otherwise the rows beyond the register's goals are closed.
    fn goal_texts_open(&self) -> bool {
        self.prefill.is_none_or(|p| p.goals.is_empty())
    }

    fn goal_answer(&self, block: &Field, index: usize) -> (Option<Value>, Option<Value>) {
        let Some(Answer::GoalAnswers(rows)) = self.answers.get(block.name) else {
            return (None, None);
        };
        let text = |s: &String| (!s.is_empty()).then(|| Value::Text(s.clone()));
        match rows.get(index) {
            Some((status, comment)) => (text(status), text(comment)),
            None => (None, None),
        }
    }

    /// The value of a field: the answer when one is given, else what kansliet
    /// prefills.
    fn value(&self, field: &Field) -> Option<Value> {
        match self.answers.get(field.name) {
            Some(Answer::Text(text)) => Some(Value::Text(text.clone())),
            Some(Answer::Number(number)) => Some(Value::Number(*number)),
            Some(Answer::Date(date)) => Some(Value::Date(*date)),
            Some(Answer::GoalAnswers(_)) | None => prefilled(field.name, self.prefill),
        }
    }

    /// Writes one input cell, merged over `first_col..=last_col`.
    fn input(
        &mut self,
        row: u32,
        first_col: u16,
        last_col: u16,
        value: Option<&Value>,
        format: &Format,
    ) -> Result<(), XlsxError> {
        if first_col != last_col {
            // Merge first, then overwrite the top-left cell with a typed value.
            self.ws.merge_range(row, first_col, row, last_col, "", format)?;
        }
        match value {
            Some(Value::Text(text)) => self.ws.write_string_with_format(row, first_col, text, format),
            Some(Value::Number(number)) => self.ws.write_number_with_format(row, first_col, *number, format),
            Some(Value::Date(date)) => {
                self.ws.write_number_with_format(row, first_col, excel_serial(*date), format)
            }
            None => self.ws.write_blank(row, first_col, format),
        }?;
        Ok(())
    }

    /// The format of a field's cell; a date written anywhere shows as a date.
    fn cell_format(&self, field: &Field, value: Option<&Value>) -> Format {
        let ty = match value {
            Some(Value::Date(_)) => FieldType::Date,
            _ => field.ty,
        };
        if self.closed(field) {
            style::locked(ty)
        } else if is_text_box(field) {
            style::text_box_input()
        } else {
            style::input(ty)
        }
    }

    /// Closed cells take no input, so they get no drop-down or pop-up.
    fn validate_at(&mut self, row: u32, col: u16, field: &Field) -> Result<(), XlsxError> {
        if self.closed(field) {
            return Ok(());
        }
        if let Some(rule) = validation::for_field(field)? {
            self.ws.add_data_validation(row, col, row, col, &rule)?;
        }
        Ok(())
    }
}

/// What kansliet writes before the styrgrupp sees the report: the template
/// version always, the insats's identity and budget from the register.
fn prefilled(name: &str, prefill: Option<&Prefill>) -> Option<Value> {
    if name == "mallversion" {
        return Some(Value::Text(contract::MALLVERSION.to_string()));
    }
    let p = prefill?;
    match name {
        "insats_id" => Some(Value::Text(p.insats_id.clone())),
        "insats_namn" => Some(Value::Text(p.insats_namn.clone())),
        "period_ar" => Some(Value::Number(f64::from(p.kvartal.ar))),
        "period_kvartal" => Some(Value::Number(f64::from(p.kvartal.kvartal))),
        "budget_kr" => p.budget_kr.and_then(|kr| kr.to_f64()).map(Value::Number),
        _ => None,
    }
}

/// Optional free text (the comments and the analysis) gets a tall box.
fn is_text_box(field: &Field) -> bool {
    field.ty == FieldType::Text && !field.locked && field.required == Required::No
}

/// Whether the insats of `prefill` answers `section`, by the contract's rule.
fn applies(section: Section, prefill: &Prefill) -> bool {
    match section.answered_by() {
        AnsweredBy::Every => true,
        AnsweredBy::WithParticipants => prefill.expects_participants(),
    }
}

/// The line under a section's heading: what the section is for, and which
/// insatser answer it. The blank template says it for every section; a
/// prefilled one says it where the answer depends on the insats: required
/// of this insats, or closed because it has no participants.
pub(super) fn intro_text(section: Section, prefill: Option<&Prefill>) -> String {
    let applies_to = match (section.answered_by(), prefill) {
        (_, None) => section.applies_to().to_string(),
        (AnsweredBy::Every, Some(_)) => return section.intro().to_string(),
        (AnsweredBy::WithParticipants, Some(p)) if applies(section, p) => format!(
            "Obligatoriskt för den här insatsen, som har inriktning {} och enligt registret har \
             deltagare: fyll i varje ruta, och skriv 0 där antalet är noll.",
            p.inriktning.label().to_lowercase()
        ),
        (AnsweredBy::WithParticipants, Some(p)) => format!(
            "Fylls i bara om insatsen har deltagare. Den här insatsen har inriktning {} och ska enligt \
             registret inte ha några deltagare, så rutorna är stängda. Har insatsen fått deltagare, \
             kontakta kansliet.",
            p.inriktning.label().to_lowercase()
        ),
    };
    format!("{}\n{applies_to}", section.intro())
}

/// The label, with ` *` when `star` (joined by a no-break space so the star
/// never wraps onto a line of its own).
fn label_text(field: &Field, star: bool) -> String {
    if star { format!("{}\u{a0}*", field.label) } else { field.label.to_string() }
}

fn locked_text() -> Format {
    style::locked(FieldType::Text)
}

/// Days since 1899-12-30, Excel's day count (right from 1900-03-01 on).
fn excel_serial(date: NaiveDate) -> f64 {
    const EPOCH_DAYS_FROM_CE: i32 = 693_594;
    f64::from(date.num_days_from_ce() - EPOCH_DAYS_FROM_CE)
}

/// Widths of the merged input areas.
const INPUT_PAIR: f64 = style::INPUT_WIDTH + style::SECOND_WIDTH;
const INPUT_TO_HELP: f64 = INPUT_PAIR + style::HELP_WIDTH;
const SECOND_TO_HELP: f64 = style::SECOND_WIDTH + style::HELP_WIDTH;

fn full_width(text: &str) -> f64 {
    style::text_height(text, style::FULL_WIDTH, style::BODY_SIZE)
}

fn label_height(field: &Field, star: bool) -> f64 {
    style::text_height(&label_text(field, star), style::LABEL_WIDTH, style::BODY_SIZE)
}

fn help_height(field: &Field) -> f64 {
    style::text_height(field.help, style::HELP_TEXT_WIDTH, style::HELP_SIZE)
}

/// Label and help stacked in column A.
fn label_with_help_height(field: &Field, star: bool) -> f64 {
    label_height(field, star) + style::text_height(field.help, style::LABEL_WIDTH, style::HELP_SIZE)
}

/// The text a value shows, for sizing its row; numbers and dates are short.
fn shown_text(value: Option<&Value>) -> String {
    match value {
        Some(Value::Text(text)) => text.clone(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::FIELDS;

    #[test]
    fn dates_become_excel_day_numbers() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(excel_serial(day(2018, 1, 1)), 43101.0);
        assert_eq!(excel_serial(day(1900, 3, 1)), 61.0);
    }

    #[test]
    fn every_locked_field_is_prefilled_by_kansliet() {
        let prefill = Prefill {
            insats_id: "2017:48".into(),
            insats_namn: "Knivsta".into(),
            kvartal: crate::period::Kvartal { ar: 2018, kvartal: 2 },
            budget_kr: Some(rust_decimal::Decimal::from(100)),
            goals: vec![],
            inriktning: crate::register::Inriktning::Individ,
            forvantat_antal_deltagare: None,
        };
        for field in FIELDS.iter().filter(|f| f.locked) {
            assert!(prefilled(field.name, Some(&prefill)).is_some(), "{}", field.name);
        }
    }
}
