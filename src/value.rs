//! Cell values as read from any workbook, and the tolerant parsers of the
//! contract's types (`text`, `int`, `kr`, `date`, `choice(L)`).
//!
//! This is the one place where a cell becomes a typed value. The register and
//! the report reader both parse through here, so `"1 051 000 kr"` means the
//! same amount in either. A value that does not parse keeps its original text
//! in the error, so the finding can quote it (masked for personal data).
//! Text leaves here in Unicode's composed form (NFC), whichever form the
//! program that saved the file wrote.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

/// One cell's content, independent of the file format it came from.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A cell formatted as a date (or date and time; the time is dropped).
    Date(NaiveDate),
    /// A cell formatted as a time or duration, in days. Excel turns a typed
    /// `2017:48` into one, so an id that became a time must not pass as text.
    Time(f64),
    /// An error value such as `#N/A` or `#DIV/0!`.
    Error(String),
}

impl CellValue {
    /// Empty, or text of white space only.
    pub fn is_blank(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a person would read it, for quoting in messages; text
    /// trimmed and in NFC ([`nfc`]), so every parser compares one form.
    pub fn display(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(t) => nfc(t.trim()),
            CellValue::Number(n) => format_number(*n),
            CellValue::Bool(true) => "SANT".into(),
            CellValue::Bool(false) => "FALSKT".into(),
            CellValue::Date(d) => d.format("%Y-%m-%d").to_string(),
            CellValue::Time(days) => format_duration(*days),
            CellValue::Error(e) => e.clone(),
        }
    }
}

/// `text` in Unicode's composed form (NFC): macOS writes `å` as `a` and a
/// combining ring, Windows and Excel as one character, and every comparison
/// of names and answers assumes one form. Every text read from a cell passes
/// here ([`CellValue::display`]), and so do the file names shown.
pub fn nfc(text: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(text.chars()) == IsNormalized::Yes { text.to_string() } else { text.nfc().collect() }
}

/// A duration in days as Excel shows `[h]:mm`, e.g. `2017:48`.
fn format_duration(days: f64) -> String {
    let minutes = (days * 24.0 * 60.0).round();
    if !minutes.is_finite() || minutes.abs() > 1e12 {
        return format_number(days);
    }
    let minutes = minutes as i64;
    format!("{}:{:02}", minutes / 60, (minutes % 60).abs())
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// Why a cell's content is not a value of the field's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// Not a whole number (`int`).
    NotWhole { found: String },
    /// Not an amount (`kr`).
    NotAmount { found: String },
    /// An amount with more than two decimals.
    TooManyDecimals { found: String },
    /// Below zero (`int`, `kr`).
    Negative { found: String },
    /// Not a date (`date`).
    NotDate { found: String },
    /// A date serial Excel shows as a day that never was: 0 ("1900-01-00"),
    /// 60 (the 1900-02-29 Excel invents) or a negative number.
    ImpossibleDate { found: String },
    /// Not one of the list's values (`choice(L)`).
    NotInList { found: String },
    /// The cell holds an error such as `#N/A`, often a broken formula.
    ErrorCell { found: String },
    /// A number far beyond any real count or amount.
    TooLarge { found: String },
    /// One `.` or `,` before exactly three digits (`331.480`): thousands or
    /// decimals? Guessing could make an amount wrong by a factor of 1 000.
    AmbiguousMark { found: String, whole: String, decimal: String },
    /// A time or duration where a number or date was asked for.
    TimeCell { found: String },
}

/// The largest count read (participants, meetings): far above any insats.
pub const MAX_INT: u32 = 1_000_000;

/// The largest amount read, in kronor: far above any förbund's budget, and
/// far below where sums of amounts could overflow a `Decimal`.
pub const MAX_KR: i64 = 100_000_000_000;

impl ValueError {
    /// The original content, as found in the cell.
    pub fn found(&self) -> &str {
        match self {
            ValueError::NotWhole { found }
            | ValueError::NotAmount { found }
            | ValueError::TooManyDecimals { found }
            | ValueError::Negative { found }
            | ValueError::NotDate { found }
            | ValueError::ImpossibleDate { found }
            | ValueError::NotInList { found }
            | ValueError::ErrorCell { found }
            | ValueError::TooLarge { found }
            | ValueError::AmbiguousMark { found, .. }
            | ValueError::TimeCell { found } => found,
        }
    }
}

impl ValueError {
    /// What is wrong and what to write instead, in Swedish. `field` names
    /// the field ("Utfall (kr)") when the message stands without a column
    /// heading; `choices` lists a choice's allowed values. The found text is
    /// quoted with personal identity numbers masked.
    pub fn message(&self, field: Option<&str>, choices: &str) -> String {
        let found = format!("\"{}\"", crate::pnr::mask(self.found()).0);
        let subject = match field {
            Some(label) => format!("{found} i fältet \"{label}\""),
            None => found.clone(),
        };
        match self {
            ValueError::NotWhole { .. } => {
                format!("{subject} är inte ett heltal. Skriv ett heltal, t.ex. 12.")
            }
            ValueError::NotAmount { .. } => {
                format!("{subject} är inte ett belopp. Skriv beloppet i kronor, t.ex. 125 000.")
            }
            ValueError::TooManyDecimals { .. } => format!(
                "{subject} har fler än två decimaler. Skriv beloppet i kronor med högst två decimaler, t.ex. 125 000,50."
            ),
            ValueError::Negative { .. } => {
                format!("{subject} är negativt. Skriv ett tal som är 0 eller större.")
            }
            ValueError::NotDate { .. } => {
                format!("{subject} är inte ett datum. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2018-04-10.")
            }
            // The number is quoted twice: masked in both places.
            ValueError::ImpossibleDate { found: serial } => format!(
                "{subject} är inget riktigt datum: {}. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2018-04-10.",
                crate::pnr::mask(&impossible_date_shown(serial)).0
            ),
            ValueError::NotInList { .. } => format!("{subject} är inte ett tillåtet värde. Välj {choices}."),
            ValueError::ErrorCell { .. } => {
                let place = field.map_or("Cellen".to_string(), |label| format!("Fältet \"{label}\""));
                format!(
                    "{place} innehåller felvärdet {found}, oftast en formel som inte fungerar. Skriv in värdet direkt i cellen."
                )
            }
            ValueError::TooLarge { .. } => format!("{subject} är orimligt stort. Kontrollera talet."),
            ValueError::AmbiguousMark { whole, decimal, .. } => format!(
                "{subject} kan läsas på två sätt. Skriv {whole} om det är hela kronor, eller {decimal} om det är kronor och ören."
            ),
            ValueError::TimeCell { .. } => format!(
                "{subject} är formaterat som ett klockslag i Excel. Formatera cellen som text eller tal och skriv in värdet igen."
            ),
        }
    }
}

/// `text`: any string, trimmed; `None` when blank. Numbers and dates read as
/// a person would write them (a whole number without `.0`).
pub fn parse_text(cell: &CellValue) -> Option<String> {
    if cell.is_blank() {
        return None;
    }
    Some(cell.display())
}

/// White space that may separate thousands: space, no-break space, narrow
/// no-break space, thin space.
fn is_digit_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn starts_negative(text: &str) -> bool {
    text.starts_with('-') || text.starts_with('\u{2212}')
}

/// `int`: a whole number ≥ 0, from a numeric cell or text such as `" 12 "`
/// or `"1 200"`.
pub fn parse_int(cell: &CellValue) -> Result<Option<u32>, ValueError> {
    let found = || cell.display();
    match cell {
        _ if cell.is_blank() => Ok(None),
        CellValue::Number(n) => {
            if *n < 0.0 {
                Err(ValueError::Negative { found: found() })
            } else if n.fract() != 0.0 || !n.is_finite() {
                Err(ValueError::NotWhole { found: found() })
            } else if *n > f64::from(MAX_INT) {
                Err(ValueError::TooLarge { found: found() })
            } else {
                Ok(Some(*n as u32))
            }
        }
        CellValue::Text(text) => {
            let compact: String = text.trim().chars().filter(|c| !is_digit_separator(*c)).collect();
            if starts_negative(&compact) && compact.len() > 1 {
                return Err(ValueError::Negative { found: found() });
            }
            if compact.is_empty() || !compact.chars().all(|c| c.is_ascii_digit()) {
                return Err(ValueError::NotWhole { found: found() });
            }
            match compact.parse::<u64>() {
                Ok(n) if n <= u64::from(MAX_INT) => Ok(Some(n as u32)),
                _ => Err(ValueError::TooLarge { found: found() }),
            }
        }
        CellValue::Error(e) => Err(ValueError::ErrorCell { found: e.clone() }),
        CellValue::Time(_) => Err(ValueError::TimeCell { found: found() }),
        _ => Err(ValueError::NotWhole { found: found() }),
    }
}

/// `kr`: an amount ≥ 0 with at most two decimals, from a numeric cell or
/// text such as `"1 051 000 kr"`, `"1051000,50"` or `"1 051 000,00 kr"`.
pub fn parse_kr(cell: &CellValue) -> Result<Option<Decimal>, ValueError> {
    let found = || cell.display();
    let amount = match cell {
        _ if cell.is_blank() => return Ok(None),
        CellValue::Number(n) if n.abs() > MAX_KR as f64 => {
            return Err(ValueError::TooLarge { found: found() });
        }
        CellValue::Number(n) => {
            Decimal::from_f64(*n).ok_or_else(|| ValueError::NotAmount { found: found() })?
        }
        CellValue::Text(text) => {
            if let Some((whole, decimal)) = ambiguous_mark(text) {
                return Err(ValueError::AmbiguousMark { found: found(), whole, decimal });
            }
            parse_amount_text(text).ok_or_else(|| {
                if starts_negative(text.trim()) {
                    ValueError::Negative { found: found() }
                } else {
                    ValueError::NotAmount { found: found() }
                }
            })?
        }
        CellValue::Error(e) => return Err(ValueError::ErrorCell { found: e.clone() }),
        CellValue::Time(_) => return Err(ValueError::TimeCell { found: found() }),
        _ => return Err(ValueError::NotAmount { found: found() }),
    };
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(ValueError::Negative { found: found() });
    }
    if amount > Decimal::from(MAX_KR) {
        return Err(ValueError::TooLarge { found: found() });
    }
    // A float cell can carry binary noise (0.30000000000000004); anything
    // that is two decimals up to such noise is taken as two decimals.
    let rounded = amount.round_dp(2);
    if (amount - rounded).abs() > Decimal::new(1, 6) {
        return Err(ValueError::TooManyDecimals { found: found() });
    }
    Ok(Some(rounded.normalize()))
}

/// For `331.480` or `1,500`: one mark, then exactly three digits and nothing
/// else. Gives the two readings to offer, e.g. (`331 480`, `331,48`).
fn ambiguous_mark(text: &str) -> Option<(String, String)> {
    let t = strip_currency(text);
    let compact: String = t.chars().filter(|c| !is_digit_separator(*c)).collect();
    let marks: Vec<usize> =
        compact.char_indices().filter(|(_, c)| *c == ',' || *c == '.').map(|(i, _)| i).collect();
    let [at] = marks.as_slice() else { return None };
    let (before, after) = (compact.get(..*at)?, compact.get(at + 1..)?);
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(before) || after.len() != 3 || !digits(after) {
        return None;
    }
    let whole = group_thousands(&format!("{before}{after}"));
    let decimal = format!("{},{}", group_thousands(before), after.get(..2)?);
    Some((whole, decimal))
}

/// The text of an amount without a trailing currency (`kr`, `SEK`, `:-`).
fn strip_currency(text: &str) -> String {
    let t = text.trim().to_lowercase();
    for suffix in ["kronor", "kr.", "kr", "sek", ":-"] {
        if let Some(stripped) = t.strip_suffix(suffix) {
            return stripped.trim_end().to_string();
        }
    }
    t
}

/// The text form of an amount; `None` when it is not one (negative amounts
/// are not amounts here: the caller tells them apart for the message).
fn parse_amount_text(text: &str) -> Option<Decimal> {
    let t = strip_currency(text);
    let digits: String = t.chars().filter(|c| !is_digit_separator(*c)).collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return None;
    }
    let marks: Vec<(usize, char)> = digits.char_indices().filter(|(_, c)| *c == ',' || *c == '.').collect();
    let normalised = match marks.as_slice() {
        [] => digits,
        // One mark: the decimal mark.
        [(_, _)] => digits.replace(',', "."),
        // Several of one kind only: thousands separators ("1.051.000"), in
        // groups of three ("234500.5.5" is no amount, not 23 450 055).
        [(_, first), rest @ ..] if rest.iter().all(|(_, c)| c == first) => {
            if !grouped_in_thousands(&digits.split(*first).collect::<Vec<_>>()) {
                return None;
            }
            digits.chars().filter(|c| c.is_ascii_digit()).collect()
        }
        // Both kinds: the last is the decimal mark, the others group thousands.
        [.., (last_index, _)] => {
            let last_index = *last_index;
            let whole = digits.get(..last_index)?;
            if !grouped_in_thousands(&whole.split([',', '.']).collect::<Vec<_>>()) {
                return None;
            }
            digits
                .char_indices()
                .filter_map(|(i, c)| match c {
                    _ if i == last_index => Some('.'),
                    ',' | '.' => None,
                    c => Some(c),
                })
                .collect()
        }
    };
    if normalised.starts_with('.') || normalised.ends_with('.') {
        return None;
    }
    normalised.parse().ok()
}

/// Whether `groups` (the digits between thousands separators) are grouped
/// as thousands are: one to three digits first, then three each.
fn grouped_in_thousands(groups: &[&str]) -> bool {
    let Some((first, rest)) = groups.split_first() else { return false };
    (1..=3).contains(&first.len()) && rest.iter().all(|group| group.len() == 3)
}

/// `date`: an Excel date cell, a date serial, or text `ÅÅÅÅ-MM-DD` from the
/// year 1900 (a time after it is ignored, as spreadsheet programs write one).
pub fn parse_date(cell: &CellValue) -> Result<Option<NaiveDate>, ValueError> {
    let found = || cell.display();
    match cell {
        _ if cell.is_blank() => Ok(None),
        CellValue::Date(d) => Ok(Some(*d)),
        CellValue::Number(n) if is_impossible_serial(*n) => {
            Err(ValueError::ImpossibleDate { found: found() })
        }
        CellValue::Number(n) => {
            excel_serial_to_date(*n).map(Some).ok_or_else(|| ValueError::NotDate { found: found() })
        }
        CellValue::Text(text) => {
            let t = text.trim();
            let day = t.get(..10).unwrap_or(t);
            let rest = t.get(10..).unwrap_or("");
            let time_follows = rest.is_empty() || rest.starts_with([' ', 'T']);
            // chrono's `%Y` takes a sign and `%m` one digit ("-999-01-01",
            // "+2018-1-01"): the shape is checked first, digit by digit.
            let shape = day.len() == 10
                && day
                    .char_indices()
                    .all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
            match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                Ok(date) if shape && time_follows && (1900..=9999).contains(&date.year()) => Ok(Some(date)),
                _ => Err(ValueError::NotDate { found: found() }),
            }
        }
        CellValue::Error(e) => Err(ValueError::ErrorCell { found: e.clone() }),
        CellValue::Time(_) => Err(ValueError::TimeCell { found: found() }),
        CellValue::Bool(_) | CellValue::Empty => Err(ValueError::NotDate { found: found() }),
    }
}

/// An Excel serial day number (1900 date system) as a date, for serials
/// between 1900 and 9999. Excel counts a 1900-02-29 that never was (serial
/// 60), so serials before it count from 1899-12-31 and those after from
/// 1899-12-30; serial 60 itself is no date.
pub fn excel_serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) || is_impossible_serial(serial) {
        return None;
    }
    let epoch = if serial < 60.0 {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    epoch.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// A serial that Excel shows as a date that does not exist: below 1 (0 is
/// "1900-01-00", a negative one "#####") or the day 60, Excel's 1900-02-29.
pub fn is_impossible_serial(serial: f64) -> bool {
    serial < 1.0 || (60.0..61.0).contains(&serial)
}

/// What Excel shows for an impossible serial, in words, for the message.
fn impossible_date_shown(serial: &str) -> String {
    let value: f64 = serial.trim().parse().unwrap_or(-1.0);
    if value < 0.0 {
        format!("talet {serial} är negativt, och Excel visar det som ##### i en datumcell")
    } else if value < 1.0 {
        format!("talet {serial} visas av Excel som 1900-01-00, en dag som inte finns")
    } else {
        format!("talet {serial} visas av Excel som 1900-02-29, en dag som inte finns")
    }
}

/// `choice(L)`: one value of the list, by its enum's tolerant parser.
pub fn parse_choice<T>(cell: &CellValue, parse: impl Fn(&str) -> Option<T>) -> Result<Option<T>, ValueError> {
    match cell {
        _ if cell.is_blank() => Ok(None),
        CellValue::Error(e) => Err(ValueError::ErrorCell { found: e.clone() }),
        other => {
            let text = other.display();
            parse(&text).map(Some).ok_or(ValueError::NotInList { found: text })
        }
    }
}

/// `a, b och c` (or `eller`): a Swedish list.
pub fn join_swedish(items: &[String], last_word: &str) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {last_word} {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// Digits grouped by three with spaces, as Swedish writes numbers: `1 051 000`.
pub fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// An amount as Swedish text: `1 051 000 kr`, `1 051 000,50 kr`. The
/// reader parses it back to the same amount.
pub fn format_kr(amount: Decimal) -> String {
    let rounded = amount.round_dp(2);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let whole = rounded.abs().trunc();
    let cents = ((rounded.abs() - whole) * Decimal::ONE_HUNDRED).trunc();
    let grouped = group_thousands(&whole.to_string());
    let sign = if negative { "-" } else { "" };
    if cents.is_zero() { format!("{sign}{grouped} kr") } else { format!("{sign}{grouped},{cents:0>2} kr") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{IFas, Svar};
    use std::str::FromStr;

    fn text(s: &str) -> CellValue {
        CellValue::Text(s.to_string())
    }

    fn kr(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn amounts_in_every_spelling_the_contract_allows() {
        let cases = [
            ("1 051 000", "1051000"),
            ("1 051 000 kr", "1051000"),
            ("1051000,50", "1051000.50"),
            ("1051000.50", "1051000.5"),
            ("1 051 000,00 kr", "1051000"),
            ("1\u{a0}051\u{a0}000", "1051000"),
            ("1\u{202f}051\u{202f}000 kr", "1051000"),
            ("1\u{2009}051\u{2009}000", "1051000"),
            ("  221094  ", "221094"),
            ("1.051.000", "1051000"),
            ("1,051,000", "1051000"),
            ("1.051.000,50", "1051000.5"),
            ("1,051,000.50", "1051000.5"),
            ("125 000 KR", "125000"),
            ("125000:-", "125000"),
            ("0", "0"),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_kr(&text(input)), Ok(Some(kr(expected))), "{input:?}");
        }
    }

    #[test]
    fn swedish_lists_and_numbers() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_swedish(&items(&["a", "b", "c"]), "eller"), "a, b eller c");
        assert_eq!(join_swedish(&items(&["a"]), "och"), "a");
        assert_eq!(join_swedish(&[], "och"), "");
        assert_eq!(group_thousands("10000"), "10 000");
        assert_eq!(group_thousands("1051000"), "1 051 000");
        assert_eq!(group_thousands("100"), "100");
    }

    #[test]
    fn marks_that_do_not_group_thousands_are_no_amount() {
        for input in ["234500.5.5", "1.05.000", "1,0510,000", "12.34.56,7", "1234.567,50", ".051.000"] {
            assert!(
                matches!(parse_kr(&text(input)), Err(ValueError::NotAmount { .. })),
                "{input:?}: {:?}",
                parse_kr(&text(input))
            );
        }
    }

    #[test]
    fn an_amount_with_one_mark_before_three_digits_is_not_guessed() {
        for (input, whole, decimal) in [
            ("331.480", "331 480", "331,48"),
            ("1,500", "1 500", "1,50"),
            ("331.480 kr", "331 480", "331,48"),
        ] {
            assert_eq!(
                parse_kr(&text(input)),
                Err(ValueError::AmbiguousMark {
                    found: input.into(),
                    whole: whole.into(),
                    decimal: decimal.into()
                }),
                "{input}"
            );
        }
        assert_eq!(
            ValueError::AmbiguousMark {
                found: "331.480".into(),
                whole: "331 480".into(),
                decimal: "331,48".into()
            }
            .message(Some("Utfall (kr)"), ""),
            "\"331.480\" i fältet \"Utfall (kr)\" kan läsas på två sätt. Skriv 331 480 om det är hela kronor, \
             eller 331,48 om det är kronor och ören."
        );
    }

    #[test]
    fn numbers_beyond_any_real_figure_are_too_large() {
        assert!(matches!(parse_kr(&text("100 000 000 001")), Err(ValueError::TooLarge { .. })));
        assert!(matches!(parse_kr(&CellValue::Number(7.9e28)), Err(ValueError::TooLarge { .. })));
        assert!(matches!(parse_int(&CellValue::Number(4e9)), Err(ValueError::TooLarge { .. })));
        assert!(matches!(parse_int(&text("4000000000")), Err(ValueError::TooLarge { .. })));
        assert_eq!(parse_int(&text("1 000 000")), Ok(Some(MAX_INT)));
        assert_eq!(
            ValueError::TooLarge { found: "4000000000".into() }.message(None, ""),
            "\"4000000000\" är orimligt stort. Kontrollera talet."
        );
    }

    #[test]
    fn a_time_cell_is_neither_a_number_nor_a_date_but_reads_as_text() {
        let time = CellValue::Time(84.033_333_333_333_33);
        assert_eq!(time.display(), "2016:48");
        assert!(matches!(parse_kr(&time), Err(ValueError::TimeCell { .. })));
        assert!(matches!(parse_int(&time), Err(ValueError::TimeCell { .. })));
        assert!(matches!(parse_date(&time), Err(ValueError::TimeCell { .. })));
    }

    #[test]
    fn formatted_amounts_read_back_as_the_same_amount() {
        for (amount, text) in [
            ("1051000", "1 051 000 kr"),
            ("1051000.5", "1 051 000,50 kr"),
            ("999", "999 kr"),
            ("0", "0 kr"),
            ("1000.05", "1 000,05 kr"),
        ] {
            assert_eq!(format_kr(kr(amount)), text);
            assert_eq!(parse_kr(&CellValue::Text(text.into())), Ok(Some(kr(amount))));
        }
    }

    #[test]
    fn numeric_amount_cells_keep_their_cents_and_lose_float_noise() {
        assert_eq!(parse_kr(&CellValue::Number(221094.0)), Ok(Some(kr("221094"))));
        assert_eq!(parse_kr(&CellValue::Number(1051000.5)), Ok(Some(kr("1051000.5"))));
        assert_eq!(parse_kr(&CellValue::Number(0.1 + 0.2)), Ok(Some(kr("0.3"))));
    }

    #[test]
    fn bad_amounts_say_why() {
        assert!(matches!(parse_kr(&text("ca 100 000")), Err(ValueError::NotAmount { .. })));
        assert!(matches!(parse_kr(&text("-5 000")), Err(ValueError::Negative { .. })));
        assert!(matches!(parse_kr(&CellValue::Number(-1.0)), Err(ValueError::Negative { .. })));
        assert!(matches!(parse_kr(&text("10,5555")), Err(ValueError::TooManyDecimals { .. })));
        assert!(matches!(parse_kr(&text("1,")), Err(ValueError::NotAmount { .. })));
        assert!(matches!(parse_kr(&text("kr")), Err(ValueError::NotAmount { .. })));
        assert!(matches!(parse_kr(&CellValue::Error("#N/A".into())), Err(ValueError::ErrorCell { .. })));
        assert_eq!(parse_kr(&text("   ")), Ok(None));
    }

    #[test]
    fn whole_numbers_from_cells_and_text() {
        assert_eq!(parse_int(&CellValue::Number(12.0)), Ok(Some(12)));
        assert_eq!(parse_int(&text(" 12 ")), Ok(Some(12)));
        assert_eq!(parse_int(&text("1 200")), Ok(Some(1200)));
        assert_eq!(parse_int(&CellValue::Empty), Ok(None));
        assert!(matches!(parse_int(&CellValue::Number(2.5)), Err(ValueError::NotWhole { .. })));
        assert!(matches!(parse_int(&text("tolv")), Err(ValueError::NotWhole { .. })));
        assert!(matches!(parse_int(&text("-3")), Err(ValueError::Negative { .. })));
        assert!(matches!(parse_int(&CellValue::Number(-3.0)), Err(ValueError::Negative { .. })));
        assert!(matches!(parse_int(&text("99999999999")), Err(ValueError::TooLarge { .. })));
    }

    #[test]
    fn dates_as_cells_serials_and_text() {
        let d = NaiveDate::from_ymd_opt(2018, 4, 5).unwrap();
        assert_eq!(parse_date(&CellValue::Date(d)), Ok(Some(d)));
        assert_eq!(parse_date(&text("2018-04-05")), Ok(Some(d)));
        assert_eq!(parse_date(&text(" 2018-04-05 00:00:00")), Ok(Some(d)));
        assert_eq!(parse_date(&text("2018-04-05T00:00:00")), Ok(Some(d)));
        assert_eq!(parse_date(&CellValue::Number(43195.0)), Ok(Some(d)));
        let ymd = |y, m, d| Ok(Some(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        assert_eq!(parse_date(&CellValue::Number(1.0)), ymd(1900, 1, 1));
        assert_eq!(parse_date(&CellValue::Number(59.0)), ymd(1900, 2, 28));
        assert_eq!(parse_date(&CellValue::Number(61.0)), ymd(1900, 3, 1));
        for bad in ["5/4 2018", "2018-13-01", "2018-04-05x", "igår", "2018-4-5"] {
            assert!(matches!(parse_date(&text(bad)), Err(ValueError::NotDate { .. })), "{bad}");
        }
    }

    #[test]
    fn a_serial_excel_shows_as_a_day_that_never_was_is_no_date() {
        let cases = [
            (
                0.0,
                "\"0\" i fältet \"Rapportdatum\" är inget riktigt datum: talet 0 visas av Excel som 1900-01-00, \
                   en dag som inte finns. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2018-04-10.",
            ),
            (
                60.0,
                "\"60\" i fältet \"Rapportdatum\" är inget riktigt datum: talet 60 visas av Excel som 1900-02-29, \
                    en dag som inte finns. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2018-04-10.",
            ),
            (
                -5.0,
                "\"-5\" i fältet \"Rapportdatum\" är inget riktigt datum: talet -5 är negativt, och Excel visar \
                    det som ##### i en datumcell. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2018-04-10.",
            ),
        ];
        for (serial, message) in cases {
            let error = parse_date(&CellValue::Number(serial)).unwrap_err();
            assert!(matches!(error, ValueError::ImpossibleDate { .. }), "{serial}");
            assert_eq!(error.message(Some("Rapportdatum"), ""), message);
        }
    }

    #[test]
    fn choices_and_texts_are_trimmed() {
        assert_eq!(parse_choice(&text(" ja "), Svar::parse), Ok(Some(Svar::Ja)));
        assert_eq!(parse_choice(&text("för tidigt att utläsa"), IFas::parse), Ok(Some(IFas::ForTidigt)));
        assert!(matches!(parse_choice(&text("Jo"), Svar::parse), Err(ValueError::NotInList { .. })));
        assert_eq!(parse_text(&text("  Anna  ")), Some("Anna".to_string()));
        assert_eq!(parse_text(&CellValue::Number(2018.0)), Some("2018".to_string()));
        assert_eq!(parse_text(&text("  ")), None);
    }

    #[test]
    fn text_is_read_in_composed_form() {
        let decomposed = "Ha\u{30a}bo, Sto\u{308}d";
        assert_eq!(parse_text(&text(decomposed)), Some("Håbo, Stöd".to_string()));
        assert_eq!(nfc("Håbo"), "Håbo");
        assert_eq!(CellValue::Text(" A\u{30a} ".into()).display(), "Å");
    }
}
