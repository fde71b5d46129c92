//! A message as bytes: an `.eml` draft (RFC 5322 headers, the subject and
//! a non-ASCII sender's name as RFC 2047 encoded words, a quoted-printable
//! UTF-8 body, `X-Unsent: 1`) and a `.txt` to paste. CRLF throughout; `From`
//! only when the sender's address is known; no `Date` or `Message-ID`, so
//! the same message gives the same bytes and the mail program adds them
//! when kansliet sends it.

use super::Meddelande;

const CRLF: &str = "\r\n";

/// The `.eml` draft of `m`.
pub(super) fn eml(m: &Meddelande) -> Vec<u8> {
    let mut out = String::from("X-Unsent: 1\r\n");
    if let Some((namn, adress)) = &m.fran {
        out.push_str(&mailbox("From", namn, adress));
    }
    if let Some(till) = &m.till {
        out.push_str(&format!("To: {till}{CRLF}"));
    }
    if let Some(svar) = &m.svara_till {
        out.push_str(&format!("Reply-To: {svar}{CRLF}"));
    }
    out.push_str(&format!("Subject: {}{CRLF}", encoded_words(&m.amne)));
    out.push_str("MIME-Version: 1.0\r\n");
    out.push_str("Content-Type: text/plain; charset=utf-8\r\n");
    out.push_str("Content-Transfer-Encoding: quoted-printable\r\n");
    out.push_str(CRLF);
    out.push_str(&quoted_printable(&m.text));
    out.into_bytes()
}

/// The `.txt` of `m`: addressee and subject, a blank line, the text; UTF-8
/// with a byte-order mark and CRLF, as Windows Notepad reads it.
pub(super) fn txt(m: &Meddelande) -> Vec<u8> {
    let missing =
        if m.till_kansliet { "kansliet" } else { "(adress saknas – slå upp insatsens kontaktperson)" };
    let till = m.till.as_deref().unwrap_or(missing);
    let text = format!("Till: {till}\nÄmne: {}\n\n{}", m.amne, m.text);
    let mut out = "\u{feff}".to_string();
    out.push_str(&crlf(&text));
    out.into_bytes()
}

fn crlf(text: &str) -> String {
    text.lines().flat_map(|line| [line, CRLF]).collect()
}

/// `name: display name <address>` and CRLF: the name as it is when it is
/// plain ASCII words, else as encoded words (RFC 2047 allows them in a
/// display name), folded before the address when the line would pass 76.
fn mailbox(header: &str, namn: &str, adress: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || " !#$%&'*+-/=?^_`{|}~".contains(c);
    let one_line = format!("{header}: {namn} <{adress}>");
    if namn.is_empty() {
        return format!("{header}: <{adress}>{CRLF}");
    }
    if namn.chars().all(plain) && namn.trim() == namn && one_line.len() <= 76 {
        return format!("{one_line}{CRLF}");
    }
    let words = encoded_words(namn);
    let last = words.rsplit("\r\n").next().unwrap_or_default();
    let first_line = if words.contains("\r\n") { 0 } else { header.len() + 2 };
    if first_line + last.len() + adress.len() + 3 <= 76 {
        format!("{header}: {words} <{adress}>{CRLF}")
    } else {
        format!("{header}: {words}{CRLF} <{adress}>{CRLF}")
    }
}

/// UTF-8 bytes per encoded word: 39 bytes make 52 base64 characters, so
/// `Subject: ` and one word stay within 76 characters a line.
const WORD_BYTES: usize = 39;

/// `text` as `=?UTF-8?B?…?=` words, folded onto lines of their own. A word
/// never splits a character.
fn encoded_words(text: &str) -> String {
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > WORD_BYTES {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    words.push(chunk);
    let words: Vec<String> = words.iter().map(|w| format!("=?UTF-8?B?{}?=", base64(w.as_bytes()))).collect();
    words.join("\r\n ")
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= group.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 0x3f) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Longest encoded line before a soft break (`=`), per RFC 2045's 76.
const QP_LINE: usize = 75;

/// `text` (lines ending in `\n`) as quoted-printable with CRLF line ends.
fn quoted_printable(text: &str) -> String {
    text.lines().flat_map(|line| [qp_line(line), CRLF.to_string()]).collect()
}

/// One line; a soft break never falls inside a character, so each line
/// decodes to whole UTF-8 characters even in a reader that decodes per line.
fn qp_line(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let last = chars.peek().is_none();
        let token = qp_char(c, last);
        // The last token may fill the line: no soft break needs to follow it.
        let room = if last { QP_LINE + 1 } else { QP_LINE };
        if width + token.len() > room {
            out.push_str("=\r\n");
            width = 0;
        }
        width += token.len();
        out.push_str(&token);
    }
    out
}

/// `c` as itself when it is printable ASCII (or inner white space), else
/// as `=XX` per byte of its UTF-8.
fn qp_char(c: char, last: bool) -> String {
    let printable = c.is_ascii_graphic() && c != '=';
    if printable || (matches!(c, ' ' | '\t') && !last) {
        return c.to_string();
    }
    let mut bytes = [0; 4];
    c.encode_utf8(&mut bytes).bytes().map(|b| format!("={b:02X}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_4648_examples() {
        let cases = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
    }

    #[test]
    fn quoted_printable_escapes_non_ascii_equals_and_trailing_space() {
        assert_eq!(quoted_printable("Hej å=1 \n"), "Hej =C3=A5=3D1=20\r\n");
    }

    #[test]
    fn quoted_printable_lines_stay_within_76_characters() {
        let long = "ä".repeat(100);
        let encoded = quoted_printable(&long);
        assert!(encoded.split("\r\n").all(|l| l.len() <= 76), "{encoded}");
        let joined = encoded.replace("=\r\n", "");
        assert_eq!(joined.trim_end(), "=C3=A4".repeat(100));
        assert!(encoded.split("=\r\n").all(|l| l.starts_with("=C3=A4")), "a soft break splits a character");
    }

    #[test]
    fn a_sender_is_plain_when_ascii_and_encoded_when_not() {
        assert_eq!(mailbox("From", "Kansliet", "k@sof.example"), "From: Kansliet <k@sof.example>\r\n");
        assert_eq!(
            mailbox("From", "Förbundet", "k@sof.example"),
            format!("From: =?UTF-8?B?{}?= <k@sof.example>\r\n", base64("Förbundet".as_bytes()))
        );
        let quoted = mailbox("From", "Kansliet, SOF", "k@sof.example");
        assert!(quoted.starts_with("From: =?UTF-8?B?"), "a comma would split the name: {quoted}");
        let long = mailbox("From", &"Å".repeat(30), "kansliet.samordningsforbundet@sof.example");
        assert!(long.split("\r\n").all(|l| l.len() <= 76), "{long}");
        assert!(long.ends_with("?=\r\n <kansliet.samordningsforbundet@sof.example>\r\n"), "{long}");
    }

    #[test]
    fn encoded_words_split_between_characters_and_fit_a_line() {
        let subject =
            "Kvartalsrapport 2018-K2, Älvkarleby, Arbetsintegrerande Socialt Företag: 1 sak att rätta";
        let header = format!("Subject: {}", encoded_words(subject));
        assert!(header.split("\r\n").all(|l| l.len() <= 76), "{header}");
        assert!(header.split("\r\n").skip(1).all(|l| l.starts_with(' ')));
    }
}
