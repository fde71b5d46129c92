//! The `.eml` drafts read back as a mail program reads them: headers
//! unfolded, RFC 2047 words and the quoted-printable body decoded. Parsing
//! also checks the form RFC 5322 asks for (7-bit, CRLF, 76 characters a
//! line), so every test that reads a draft checks it too.

/// The headers of a draft with a sender, in the order they are written.
pub const DRAFT_HEADERS: [&str; 8] = [
    "X-Unsent",
    "From",
    "To",
    "Reply-To",
    "Subject",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
];

/// A draft as text.
pub struct Eml {
    /// The raw header lines, folded as written.
    pub head: String,
    /// The headers, unfolded, in order.
    pub headers: Vec<(String, String)>,
    /// The body, decoded (CRLF kept).
    pub body: String,
}

impl Eml {
    pub fn parse(bytes: &[u8]) -> Eml {
        let text = std::str::from_utf8(bytes).unwrap();
        assert!(text.is_ascii(), "an .eml with 7-bit content only");
        assert!(text.ends_with("\r\n"), "the last line ends in CRLF");
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "every line ends in CRLF");
        assert!(text.split("\r\n").all(|l| l.len() <= 76), "no line over 76 characters:\n{text}");
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let headers = head
            .replace("\r\n ", " ")
            .split("\r\n")
            .map(|line| {
                let (name, value) = line.split_once(": ").unwrap();
                (name.to_string(), value.to_string())
            })
            .collect();
        Eml { head: head.to_string(), headers, body: decode_qp(body) }
    }
}

/// The value of the header `name` among `headers`, as written (still encoded).
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// A header value of RFC 2047 `=?UTF-8?B?…?=` words, decoded.
pub fn decode_words(value: &str) -> String {
    let bytes: Vec<u8> = value
        .split_whitespace()
        .flat_map(|word| {
            let inner =
                word.strip_prefix("=?UTF-8?B?").and_then(|w| w.strip_suffix("?=")).expect("encoded word");
            base64_decode(inner)
        })
        .collect();
    String::from_utf8(bytes).unwrap()
}

/// A quoted-printable body, soft line breaks joined.
pub fn decode_qp(body: &str) -> String {
    let joined = body.replace("=\r\n", "");
    let mut bytes = Vec::new();
    let mut rest = joined.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'=' {
            bytes.push(u8::from_str_radix(std::str::from_utf8(&tail[..2]).unwrap(), 16).unwrap());
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).unwrap()
}

fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextets: Vec<u32> = text
        .bytes()
        .filter(|b| *b != b'=')
        .map(|b| ALPHABET.iter().position(|a| *a == b).expect("base64 character") as u32)
        .collect();
    let mut out = Vec::new();
    for group in sextets.chunks(4) {
        let n = group.iter().enumerate().fold(0u32, |n, (i, s)| n | (s << (18 - 6 * i)));
        out.extend(n.to_be_bytes()[1..group.len()].iter());
    }
    out
}
