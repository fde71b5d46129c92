//! Figures and lists as the memo writes them in Swedish prose and tables.
//!
//! Typography, decided once for the whole PM: the space that groups
//! thousands (`1 051 000`) and the space before a unit (`1 051 000 kr`,
//! `55 %`) are both U+00A0 NO-BREAK SPACE, so Word and LibreOffice never
//! break a figure or part it from its unit at a line end. U+202F (narrow
//! no-break space) would be finer type, but several of the fonts the PM
//! may be opened with lack it and show a box or a wide gap; U+00A0 is in
//! every font. The grouping itself is [`crate::value::group_thousands`]'s,
//! so the PM groups exactly as the rest of the tool does.

use rust_decimal::Decimal;

/// The one space used inside and after figures.
pub const NBSP: char = '\u{00A0}';

/// A whole number grouped by thousands: `1 051 000` (rounded to whole units).
pub fn tal(value: Decimal) -> String {
    let rounded = value.round();
    let digits = rounded.abs().to_string();
    let grouped = crate::value::group_thousands(&digits).replace(' ', &NBSP.to_string());
    if rounded.is_sign_negative() && !rounded.is_zero() { format!("-{grouped}") } else { grouped }
}

/// A count grouped by thousands: `1 300`.
pub fn antal(value: u32) -> String {
    tal(Decimal::from(value))
}

/// An amount in whole kronor: `1 051 000 kr`.
pub fn kr(value: Decimal) -> String {
    format!("{}{NBSP}kr", tal(value))
}

/// A share (a fraction, 0.55) as a whole percent: `55 %`. Rounded as the
/// workbook rounds its shares, so both show the same figure.
pub fn procent(share: Decimal) -> String {
    format!("{}{NBSP}%", share.saturating_mul(Decimal::ONE_HUNDRED).round())
}

/// Names in a Swedish list: `A`, `A och B`, `A, B och C`. Insatser's
/// short names hold commas ("Heby, Individstöd i samverkan"), so when any
/// item does, the items are parted by semicolons: `A; B och C`.
pub fn lista<S: AsRef<str>>(items: &[S]) -> String {
    let separator = if items.iter().any(|i| i.as_ref().contains(',')) { "; " } else { ", " };
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} och {}", head.join(separator), last.as_ref())
        }
    }
}

/// A text quoted the Swedish way: ”…”.
pub fn citat(text: &str) -> String {
    format!("\u{201D}{}\u{201D}", text.trim())
}

/// `text` ending with a full stop, unless it ends with one already (or
/// with another mark that closes a sentence).
pub fn mening(text: &str) -> String {
    let trimmed = text.trim_end();
    if trimmed.ends_with(['.', '!', '?', ':']) { trimmed.to_string() } else { format!("{trimmed}.") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_keep_together_with_no_break_spaces() {
        assert_eq!(kr(Decimal::from(1_051_000)), "1\u{a0}051\u{a0}000\u{a0}kr");
        assert_eq!(kr(Decimal::new(3_254, 1)), "325\u{a0}kr");
        assert_eq!(tal(Decimal::from(-20_918)), "-20\u{a0}918");
        assert_eq!(antal(56), "56");
        assert_eq!(procent(Decimal::new(5536, 4)), "55\u{a0}%");
        assert_eq!(procent(Decimal::from(31) / Decimal::from(56)), "55\u{a0}%");
    }

    #[test]
    fn lists_read_as_swedish() {
        assert_eq!(lista::<&str>(&[]), "");
        assert_eq!(lista(&["GESAM"]), "GESAM");
        assert_eq!(lista(&["A", "B", "C"]), "A, B och C");
        assert_eq!(
            lista(&["Heby, Individstöd", "GESAM", "Håbo, Framsteget"]),
            "Heby, Individstöd; GESAM och Håbo, Framsteget"
        );
        assert_eq!(mening("Klart"), "Klart.");
        assert_eq!(mening("Klart."), "Klart.");
        assert_eq!(citat(" ord "), "\u{201d}ord\u{201d}");
    }
}
