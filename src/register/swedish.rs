//! Swedish text going into and out of the register reader.
//!
//! Takes sheet names, headers and setting names as kansliet writes them, and
//! lists and numbers for messages; gives text to compare ([`fold`]) and text
//! to show ([`join_or`]). Guarantees: two names that
//! differ only in case, white space or `a`/`o` written for `å`/`ä`/`ö` fold
//! to the same text, and nothing else does.

/// A name or header for comparison: trimmed, lower case, single spaces, and
/// `å`/`ä`/`ö` as `a`/`o`, so `Mal` finds `Mål`.
pub(super) fn fold(text: &str) -> String {
    crate::contract::choice::normalise(text)
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            other => other,
        })
        .collect()
}

/// `a, b och c`: a Swedish list.
pub(super) fn join_or(items: &[String], last_word: &str) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {last_word} {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::group_thousands;

    #[test]
    fn names_fold_case_space_and_swedish_letters() {
        assert_eq!(fold("  Bedömningar "), "bedomningar");
        assert_eq!(fold("MAL"), fold("Mål"));
        assert_eq!(fold("Beviljat   belopp"), fold("beviljat belopp"));
        assert_ne!(fold("Mål"), fold("Mål 2"));
    }

    #[test]
    fn swedish_lists_and_numbers() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_or(&items(&["a", "b", "c"]), "eller"), "a, b eller c");
        assert_eq!(join_or(&items(&["a"]), "och"), "a");
        assert_eq!(join_or(&[], "och"), "");
        assert_eq!(group_thousands("10000"), "10 000");
        assert_eq!(group_thousands("1051000"), "1 051 000");
        assert_eq!(group_thousands("100"), "100");
    }
}
