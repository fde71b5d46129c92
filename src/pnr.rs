//! Swedish personal identity numbers (personnummer, samordningsnummer) in
//! free text: found, and masked before the text goes anywhere.
//!
//! Reports hold aggregates only, so a number like `19850412-1234` in a comment
//! is a mistake by the styrgrupp. The report reader masks it at the boundary,
//! so no later stage, message or output can copy it.

/// What a masked number is replaced with.
pub const MASK: &str = "[personnummer borttaget]";

/// Replaces every valid personal identity number in `text` with [`MASK`] and
/// says how many there were.
///
/// Accepted forms: `ÅÅMMDD-NNNN`, `ÅÅMMDD+NNNN`, `ÅÅMMDDNNNN` and the same
/// with a four-digit year; the date must be a calendar date (day + 60 for a
/// samordningsnummer). Written with `-` or `+`, or with a four-digit year
/// of 19xx or 20xx, the shape says enough: a number whose check digit was
/// mistyped is still someone's, and is masked too. Ten digits in a row are
/// masked only with a correct Luhn check digit, since other ten-digit
/// numbers (a phone number) can hold a date. Digits that run on before or
/// after are a longer number, not a personal one.
pub fn mask(text: &str) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut i = 0;
    while i < chars.len() {
        let starts_run = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit());
        if starts_run && let Some(len) = match_at(&chars[i..]) {
            out.push_str(MASK);
            count += 1;
            i += len;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    (out, count)
}

/// True when `text` holds at least one personal identity number.
pub fn contains(text: &str) -> bool {
    mask(text).1 > 0
}

/// The length in chars of a personal identity number at the start of `s`.
fn match_at(s: &[char]) -> Option<usize> {
    [8usize, 6].into_iter().find_map(|date_len| {
        let date: String = s.get(..date_len)?.iter().collect();
        if !date.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut pos = date_len;
        let separated = matches!(s.get(pos), Some('-' | '+'));
        if separated {
            pos += 1;
        }
        let tail: String = s.get(pos..pos + 4)?.iter().collect();
        if !tail.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        if s.get(pos + 4).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        let short_date = date.get(date_len - 6..)?;
        let century = date_len == 8 && (date.starts_with("19") || date.starts_with("20"));
        let shaped = separated || century;
        (valid_date(short_date) && (shaped || luhn_ok(&format!("{short_date}{tail}")))).then_some(pos + 4)
    })
}

fn valid_date(yymmdd: &str) -> bool {
    let num = |range: std::ops::Range<usize>| yymmdd.get(range).and_then(|s| s.parse::<u32>().ok());
    let (Some(month), Some(day)) = (num(2..4), num(4..6)) else {
        return false;
    };
    // A samordningsnummer adds 60 to the day.
    let day = if day > 60 { day - 60 } else { day };
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

fn luhn_ok(ten_digits: &str) -> bool {
    let digits: Vec<u32> = ten_digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v = if i.is_multiple_of(2) { d * 2 } else { *d };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 811218-9876 is the Swedish Tax Agency's classic example; its check digit is valid.
    #[test]
    fn every_form_of_a_valid_number_is_masked() {
        for text in
            ["Deltagare 811218-9876 avslutad", "8112189876", "19811218-9876", "198112189876", "811218+9876"]
        {
            let (masked, n) = mask(text);
            assert_eq!(n, 1, "{text}");
            assert!(!masked.contains("9876"), "{masked}");
            assert!(masked.contains(MASK));
        }
    }

    #[test]
    fn a_samordningsnummer_is_masked_too() {
        // Day 18 + 60 = 78; check digit recomputed for 811278-987?
        let base = "811278987";
        let check = (0..10).find(|d| luhn_ok(&format!("{base}{d}"))).unwrap();
        let text = format!("{}-{}{check}", &base[..6], &base[6..]);
        assert!(contains(&text), "{text}");
    }

    #[test]
    fn numbers_that_are_not_personal_are_left_alone() {
        for text in [
            "Utfall 1 051 000 kr",
            "8112189875",  // ten digits in a row with a wrong check digit: another kind of number
            "0701234567",  // a mobile number, though 070123 could be a date
            "811318-9876", // month 13
            "18501011234", // eleven digits
            "Dnr 2017:48",
            "tel 018-123 45 67",
            "12345678901234", // a longer number
            "a811218-98761",  // runs on
        ] {
            assert_eq!(mask(text), (text.to_string(), 0), "{text}");
        }
    }

    #[test]
    fn a_mistyped_check_digit_is_still_masked_when_the_shape_says_personnummer() {
        for text in ["811218-9875", "19850101-1234", "850101+1234", "198501011234", "20010101-0000"] {
            let (masked, n) = mask(text);
            assert_eq!((masked.as_str(), n), (MASK, 1), "{text}");
        }
    }

    #[test]
    fn several_numbers_and_surrounding_text_survive() {
        let (masked, n) = mask("A: 811218-9876, B: 198112189876.");
        assert_eq!(n, 2);
        assert_eq!(masked, format!("A: {MASK}, B: {MASK}."));
    }
}
