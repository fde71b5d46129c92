//! File names for prefilled reports that every system in the chain accepts:
//! Windows (where most styrgrupper open them), e-mail attachments, zip.
//!
//! `2018-K2 Knivsta, En väg in – flera vägar ut.xlsx`: the quarter first so a
//! folder sorts by period, then the insats's name as people know it.

use super::Prefill;

/// Longest file name we write, `.xlsx` included: well under the 255 of
/// NTFS, leaving room for a folder in the 260-character paths that older
/// Windows programs still assume.
pub const MAX_FILE_NAME_CHARS: usize = 150;

const EXTENSION: &str = ".xlsx";

/// Names Windows reserves for devices, with or without an extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
    "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// The file name of the prefilled report of `p`.
pub fn file_name(p: &Prefill) -> String {
    name_from_stem(&format!("{} {}", p.kvartal, p.insats_namn))
}

/// The file name of `p` with its id added, for when two insatser share a name.
pub fn file_name_with_id(p: &Prefill) -> String {
    name_from_stem(&format!("{} {} ({})", p.kvartal, p.insats_namn, p.insats_id))
}

/// A safe file name with `.xlsx` from any text.
fn name_from_stem(stem: &str) -> String {
    let room = MAX_FILE_NAME_CHARS - EXTENSION.len();
    let mut stem = safe_stem(stem);
    if stem.chars().count() > room {
        stem = stem.chars().take(room).collect();
        stem = trim_end(&stem).to_string();
    }
    if stem.is_empty() {
        stem = "Kvartalsrapport".to_string();
    }
    format!("{stem}{EXTENSION}")
}

/// `text` with the characters Windows forbids replaced, white space
/// collapsed, no trailing dots or spaces (Windows drops them silently) and
/// no device name.
pub fn safe_stem(text: &str) -> String {
    let replaced: String = text.chars().map(replacement).collect();
    let collapsed = replaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut stem = trim_end(&collapsed).to_string();
    if is_reserved(&stem) {
        // After the device name, before any dot, so Windows no longer sees it.
        let at = stem.find('.').unwrap_or(stem.len());
        stem.insert(at, '_');
    }
    stem
}

/// Separators become a dash (`2017:48` → `2017-48`), other forbidden
/// characters a space.
fn replacement(c: char) -> char {
    match c {
        '/' | '\\' | ':' | '|' => '-',
        '*' | '?' | '"' | '<' | '>' => ' ',
        c if c.is_control() => ' ',
        c => c,
    }
}

fn trim_end(text: &str) -> &str {
    text.trim_end_matches(['.', ' '])
}

/// Windows treats `CON` and `CON.txt` alike: the part before the first dot counts.
fn is_reserved(stem: &str) -> bool {
    let base = stem.split('.').next().unwrap_or(stem).trim_end();
    RESERVED.iter().any(|r| r.eq_ignore_ascii_case(base))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_replaced_and_space_collapsed() {
        assert_eq!(safe_stem("a/b\\c:d|e"), "a-b-c-d-e");
        assert_eq!(safe_stem("Vad? *Nu* \"här\" <och> där"), "Vad Nu här och där");
        assert_eq!(safe_stem("rad\nett\ttvå\u{7}"), "rad ett två");
        assert_eq!(safe_stem("slut... "), "slut");
    }

    #[test]
    fn device_names_get_a_suffix() {
        for (name, safe) in [
            ("CON", "CON_"),
            ("con", "con_"),
            ("Nul.txt", "Nul_.txt"),
            ("COM1", "COM1_"),
            ("lpt9", "lpt9_"),
            ("COM¹", "COM¹_"),
        ] {
            assert_eq!(safe_stem(name), safe, "{name}");
        }
        assert_eq!(safe_stem("CONSOL"), "CONSOL");
        assert_eq!(safe_stem("Console"), "Console");
    }
}
