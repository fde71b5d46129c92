//! The data validation of each input cell: the drop-down of a choice field,
//! "a whole number ≥ 0", "an amount ≥ 0", "a date", and for every input a
//! pop-up with the field's label and help when the cell is selected.
//!
//! Excel caps the pop-up's title at 32 and its message at 255 UTF-16 units
//! (rust_xlsxwriter refuses longer ones); texts are shortened at a word with
//! an ellipsis, and a shortened label is repeated in full in the message.

use crate::contract::{ChoiceList, Field, FieldType};
use rust_xlsxwriter::{DataValidation, DataValidationRule, ExcelDateTime, XlsxError};

const TITLE_LIMIT: usize = 32;
const MESSAGE_LIMIT: usize = 255;

/// The validation of a field's input cell, `None` for the goal block (its
/// rows get [`goal_status`]).
pub fn for_field(field: &Field) -> Result<Option<DataValidation>, XlsxError> {
    let (rule, error) = match field.ty {
        FieldType::Choice(list) => {
            (DataValidation::new().allow_list_strings(&list.options())?, choice_error(list))
        }
        FieldType::Int => (
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
            "Skriv ett heltal, 0 eller större.".to_string(),
        ),
        FieldType::Kr => (
            DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            "Skriv ett belopp i kronor, 0 eller större, som ett tal.".to_string(),
        ),
        FieldType::Date => (
            DataValidation::new().allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(2000, 1, 1)?,
                ExcelDateTime::from_ymd(2099, 12, 31)?,
            )),
            "Skriv ett datum som ÅÅÅÅ-MM-DD, t.ex. 2018-04-15.".to_string(),
        ),
        FieldType::Text => (DataValidation::new().allow_any_value(), String::new()),
        FieldType::GoalBlock => return Ok(None),
    };
    let (title, message) = prompt(&field.display_label(), field.help);
    finish(rule, &title, &message, &error).map(Some)
}

/// The `Målstatus` drop-down of the goal rows, with the block's help.
pub fn goal_status(block: &Field) -> Result<DataValidation, XlsxError> {
    let list = ChoiceList::Malstatus;
    let rule = DataValidation::new().allow_list_strings(&list.options())?;
    let (title, message) = prompt(list.contract_name(), block.help);
    finish(rule, &title, &message, &choice_error(list))
}

fn choice_error(list: ChoiceList) -> String {
    format!("Välj ett av alternativen i listan: {}.", list.options().join(", "))
}

fn finish(
    rule: DataValidation,
    title: &str,
    message: &str,
    error: &str,
) -> Result<DataValidation, XlsxError> {
    let rule = rule.ignore_blank(true).set_input_title(title)?.set_input_message(message)?;
    if error.is_empty() {
        return Ok(rule);
    }
    rule.set_error_title("Värdet passar inte")?.set_error_message(shorten(error, MESSAGE_LIMIT))
}

/// The pop-up's title and message for a label and its help.
pub fn prompt(label: &str, help: &str) -> (String, String) {
    let title = shorten(label, TITLE_LIMIT);
    let message = if title == label { help.to_string() } else { format!("{label}\n{help}") };
    (title, shorten(&message, MESSAGE_LIMIT))
}

fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `text` if it fits in `limit` UTF-16 units, else its longest run of whole
/// words that fits with a trailing ellipsis.
pub fn shorten(text: &str, limit: usize) -> String {
    if units(text) <= limit {
        return text.to_string();
    }
    let room = limit.saturating_sub(1);
    let mut cut = String::new();
    for word in text.split(' ') {
        let candidate = if cut.is_empty() { word.to_string() } else { format!("{cut} {word}") };
        if units(&candidate) > room {
            break;
        }
        cut = candidate;
    }
    if cut.is_empty() {
        // One word longer than the limit: cut inside it.
        cut = text
            .chars()
            .scan(0, |used, c| {
                *used += c.len_utf16();
                (*used <= room).then_some(c)
            })
            .collect();
    }
    format!("{}…", cut.trim_end_matches([' ', ',', '.', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::FIELDS;

    #[test]
    fn short_texts_are_kept_and_long_ones_cut_at_a_word() {
        assert_eq!(shorten("Rapportdatum", 32), "Rapportdatum");
        let cut = shorten("Har styrgruppen kontrollerat att insatsen når målgruppen?", 32);
        assert_eq!(cut, "Har styrgruppen kontrollerat…");
        assert_eq!(shorten(&"x".repeat(40), 32), format!("{}…", "x".repeat(31)));
    }

    #[test]
    fn a_shortened_label_is_repeated_in_the_message() {
        let (title, message) =
            prompt("Har styrgruppen kontrollerat att insatsen når målgruppen?", "Ja eller Nej.");
        assert!(title.ends_with('…'));
        assert_eq!(message, "Har styrgruppen kontrollerat att insatsen når målgruppen?\nJa eller Nej.");
    }

    #[test]
    fn every_field_gets_a_validation_excel_accepts() {
        for field in FIELDS {
            let error = for_field(field).err();
            assert!(error.is_none(), "{}: {error:?}", field.name);
        }
    }
}
