//! Swedish text going into and out of the register reader.
//!
//! Takes sheet names, headers and setting names as kansliet writes them, and
//! lists and numbers for messages; gives text to compare ([`fold`]) and text
//! to show. Guarantees: two names that
//! differ only in case, white space or `a`/`o` written for `å`/`ä`/`ö` fold
//! to the same text, and nothing else does.

/// A name or header for comparison: trimmed, lower case, single spaces, and
/// `å`/`ä`/`ö`/`é` as `a`/`o`/`e`, so `Mal` finds `Mål`; in NFC first, so a
/// sheet name written with `a` and a combining ring finds it too.
pub(super) fn fold(text: &str) -> String {
    crate::contract::choice::normalise(&crate::value::nfc(text))
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_case_space_and_swedish_letters() {
        assert_eq!(fold("  Bedömningar "), "bedomningar");
        assert_eq!(fold("MAL"), fold("Mål"));
        assert_eq!(fold("Beviljat   belopp"), fold("beviljat belopp"));
        assert_ne!(fold("Mål"), fold("Mål 2"));
        assert_eq!(fold("Insta\u{308}llningar"), "installningar");
    }
}
