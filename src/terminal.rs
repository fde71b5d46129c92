//! What is printed to a terminal: text from files made safe to show.
//!
//! A report's texts, sheet names and file names come from outside, and a
//! terminal acts on some characters instead of showing them: an escape
//! sequence can move the cursor and repaint a "Fel" line as "Godkänd", a
//! carriage return can overwrite a line, a bidirectional override can show
//! text in another order than it is. The workbook and the JSON keep such
//! characters as data; only what goes to a terminal (or a file a terminal
//! may show, through a redirect) passes through [`Sanitized`], which
//! [`crate::run`] puts around both output streams. Every character that is
//! not shown as itself is replaced with [`REPLACEMENT`].

use std::io::{self, Write};

/// What an unsafe character is shown as.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Whether `c` is shown as itself on a terminal: printable text, the line
/// feed and the tab. Not: the other C0 controls (ESC and CR among them),
/// DEL, the C1 controls (U+0080–U+009F, among them the one-byte CSI), and
/// the bidirectional formatting characters.
pub fn is_safe(c: char) -> bool {
    const BIDI: [std::ops::RangeInclusive<char>; 3] =
        ['\u{200E}'..='\u{200F}', '\u{202A}'..='\u{202E}', '\u{2066}'..='\u{2069}'];
    matches!(c, '\n' | '\t') || !(c.is_control() || c == '\u{061C}' || BIDI.iter().any(|r| r.contains(&c)))
}

/// `text` with every unsafe character replaced.
pub fn sanitize(text: &str) -> String {
    text.chars().map(|c| if is_safe(c) { c } else { REPLACEMENT }).collect()
}

/// A writer that passes text on with every unsafe character replaced.
///
/// Bytes may arrive in any pieces: a UTF-8 sequence cut between two writes
/// is held back until it is complete. Bytes that are not UTF-8 are passed
/// on as [`REPLACEMENT`] too, so nothing raw reaches the terminal.
pub struct Sanitized<W: Write> {
    inner: W,
    /// The start of a UTF-8 sequence whose rest has not arrived yet.
    pending: Vec<u8>,
}

impl<W: Write> Sanitized<W> {
    pub fn new(inner: W) -> Sanitized<W> {
        Sanitized { inner, pending: Vec::new() }
    }

    /// Sanitizes `bytes` and writes them, holding back an incomplete sequence at the end.
    fn pass_on(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut out = String::with_capacity(bytes.len());
        let mut rest = bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    out.push_str(&sanitize(text));
                    break;
                }
                Err(error) => {
                    let (valid, after) = rest.split_at(error.valid_up_to());
                    // The prefix is valid by the error's own word.
                    out.push_str(&sanitize(&String::from_utf8_lossy(valid)));
                    match error.error_len() {
                        Some(len) => {
                            out.push(REPLACEMENT);
                            rest = after.get(len..).unwrap_or_default();
                        }
                        None => {
                            self.pending = after.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        self.inner.write_all(out.as_bytes())
    }
}

impl<W: Write> Write for Sanitized<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        self.pass_on(&bytes)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Sanitized<W> {
    /// A sequence still cut off at the end was never text: shown as one replacement.
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let mut buf = [0; 4];
            let _ = self.inner.write_all(REPLACEMENT.encode_utf8(&mut buf).as_bytes());
            let _ = self.inner.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut writer = Sanitized::new(&mut out);
            for piece in pieces {
                writer.write_all(piece).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn an_escape_sequence_cannot_repaint_a_line() {
        let hostile = "Fel: svar saknas\r\u{1b}[2K\u{1b}[32mGodkänd\u{1b}[0m\u{9b}31m\u{7}\n";
        let shown = through(&[hostile.as_bytes()]);
        assert_eq!(
            shown,
            "Fel: svar saknas\u{FFFD}\u{FFFD}[2K\u{FFFD}[32mGodkänd\u{FFFD}[0m\u{FFFD}31m\u{FFFD}\n"
        );
        assert!(!shown.chars().any(|c| c.is_control() && c != '\n'));
    }

    #[test]
    fn swedish_text_lines_and_tabs_pass_as_they_are() {
        let text = "Håbo, Älvkarleby & Östhammar (2).xlsx\tGodkänd\n– ”citat” €\n";
        assert_eq!(through(&[text.as_bytes()]), text);
    }

    #[test]
    fn bidirectional_overrides_are_replaced() {
        assert_eq!(sanitize("a\u{202E}xslx.exe\u{2066}b\u{200F}"), "a\u{FFFD}xslx.exe\u{FFFD}b\u{FFFD}");
    }

    #[test]
    fn a_character_cut_between_writes_arrives_whole() {
        let bytes = "Östhammar\u{9b}".as_bytes();
        for cut in 0..=bytes.len() {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(through(&[a, b]), "Östhammar\u{FFFD}", "cut at {cut}");
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_become_replacements() {
        assert_eq!(through(&[b"a\xffb\xc3"]), "a\u{FFFD}b\u{FFFD}");
    }
}
