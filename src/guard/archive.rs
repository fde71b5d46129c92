//! The zip check (xlsx, xlsm, xlsb, ods): the central directory first, then
//! the XML parts calamine reads when it opens the file.
//!
//! Takes an open file; gives `Ok(())`, or a [`Refusal`] for: more than
//! [`MAX_ZIP_ENTRIES`] parts; two parts of one name, or of names a reader
//! takes for one (`xl/a.xml`, `XL\A.xml`, `/xl/a.xml`): calamine and the
//! zip crate would disagree about which one is read; a part over
//! [`MAX_ENTRY_BYTES`], all parts over [`MAX_TOTAL_BYTES`], or a part
//! compressed below [`MIN_COMPRESSION_PERCENT`] (Apache POI's
//! `ZipSecureFile` rule); a part that inflates to more than its directory
//! entry declares; a DOCTYPE in any XML part (the door to entity expansion);
//! a `sharedStrings.xml` declaring over [`MAX_SHARED_STRINGS`] strings; and
//! an .ods `content.xml` over the cell or text limits ([`super::ods`]).
//!
//! Directory sizes are claims. The guard reads every part through
//! [`Capped`], which stops at the declared size and calls one more byte a
//! lie; the zip crate (9.x) fails calamine's reads the same way, so the
//! declared, checked sizes bound what calamine inflates too.

use super::{
    Inspected, KEPT_WORKBOOK_PART_BYTES, MAX_ENTRY_BYTES, MAX_SHARED_STRINGS, MAX_TOTAL_BYTES,
    MAX_ZIP_ENTRIES, MIN_COMPRESSION_PERCENT, RATIO_GRACE_BYTES, Refusal, grouped, megabytes, shown,
};
use flate2::{Decompress, FlushDecompress};
use quick_xml::events::Event;
use std::io::{BufReader, Read, Seek};
use zip::read::ZipReadOptions;
use zip::{CompressionMethod, ZipArchive};

/// The buffer a part's prolog is read through.
const PROLOG_BUFFER: usize = 512;

/// Checks a file that may be a zip. Not a zip: nothing inspected (calamine
/// will say it is not a workbook, reading it with the same zip crate).
pub(super) fn inspect<R: Read + Seek>(file: R) -> Result<Inspected, Refusal> {
    let mut inspected = Inspected::default();
    let Ok(mut zip) = ZipArchive::new(file) else {
        return Ok(inspected);
    };
    check_directory(&zip)?;
    let mut inflater = Decompress::new(false);
    for index in 0..zip.len() {
        if let Some(kept) = check_part(&mut zip, index, &mut inflater)? {
            inspected.workbook_part = Some(kept);
        }
    }
    Ok(inspected)
}

/// The limits that need only the central directory.
fn check_directory<R: Read + Seek>(zip: &ZipArchive<R>) -> Result<(), Refusal> {
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(Refusal::TooLarge(format!(
            "arkivet har {} delar; gränsen är {}",
            grouped(zip.len() as u64),
            grouped(MAX_ZIP_ENTRIES as u64)
        )));
    }
    if zip.has_duplicate_names() {
        return Err(Refusal::TooLarge(
            "arkivet har flera delar med samma namn, så det går inte att veta vilken som läses".into(),
        ));
    }
    let metadata = zip.metadata();
    check_lookalikes(zip.file_names_raw())?;
    let mut total: u64 = 0;
    for index in 0..zip.len() {
        let Ok(entry) = metadata.entry(index) else { continue };
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let (size, packed) = (entry.size(), entry.compressed_size());
        if size > MAX_ENTRY_BYTES {
            return Err(Refusal::TooLarge(format!(
                "delen {} packas upp till {}; gränsen är {} per del",
                shown(&name),
                megabytes(size),
                megabytes(MAX_ENTRY_BYTES)
            )));
        }
        if size > RATIO_GRACE_BYTES && packed.saturating_mul(100 / MIN_COMPRESSION_PERCENT) < size {
            return Err(Refusal::TooLarge(format!(
                "delen {} är packad {} gånger (från {} till {} kB); gränsen är {} gånger",
                shown(&name),
                grouped(size / packed.max(1)),
                megabytes(size),
                grouped(packed.div_ceil(1024)),
                100 / MIN_COMPRESSION_PERCENT
            )));
        }
        total = total.saturating_add(size);
    }
    if total > MAX_TOTAL_BYTES {
        return Err(Refusal::TooLarge(format!(
            "delarna packas upp till {} tillsammans; gränsen är {}",
            megabytes(total),
            megabytes(MAX_TOTAL_BYTES)
        )));
    }
    Ok(())
}

/// A part's name as a reader may look it up: calamine's xlsx reader compares
/// names lower-cased (ASCII) with `/` for `\\`, and a relationship's target
/// may start with `/`. Unicode lower case and the leading `/` go further than
/// calamine does today, so no reader, nor a later calamine, finds two parts
/// under one name.
fn lookup_name(name: &str) -> String {
    let slashed = name.replace('\\', "/");
    slashed.trim_start_matches('/').to_lowercase()
}

/// Refuses two parts that [`lookup_name`] makes one: the guard would check
/// one and calamine might read the other.
fn check_lookalikes<'a>(names: impl Iterator<Item = &'a [u8]>) -> Result<(), Refusal> {
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for raw in names {
        let name = String::from_utf8_lossy(raw).into_owned();
        if let Some(first) = seen.insert(lookup_name(&name), name.clone()) {
            return Err(Refusal::TooLarge(format!(
                "arkivet har två delar som en läsare kan ta för samma, {} och {}, så det går inte att veta \
                 vilken som läses",
                shown(&first),
                shown(&name)
            )));
        }
    }
    Ok(())
}

/// What the guard reads of one part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// An .ods's `content.xml`: every cell.
    OdsContent,
    /// An xlsx's `sharedStrings.xml`: up to the `sst` element.
    SharedStrings,
    /// An xlsx's workbook part: its prolog, and the whole part kept for the
    /// defined names' scopes (`workbook/names.rs`), so it is inflated once.
    Workbook,
    /// Any other XML part: its prolog, where a DOCTYPE would be.
    Xml,
    /// Not XML: nothing.
    Other,
}

fn kind(name: &str) -> Part {
    // calamine's xlsx reader looks parts up by lower-cased name with `/` for
    // `\`; the ods reader by the exact name.
    let lower = name.replace('\\', "/").to_ascii_lowercase();
    if name == "content.xml" {
        Part::OdsContent
    } else if lower == WORKBOOK_PART {
        Part::Workbook
    } else if lower.ends_with("sharedstrings.xml") {
        Part::SharedStrings
    } else if lower.ends_with(".xml") || lower.ends_with(".rels") {
        Part::Xml
    } else {
        Part::Other
    }
}

/// Where Excel, LibreOffice and rust_xlsxwriter put the workbook part, as
/// calamine looks it up (ASCII lower case, `/`); the lookalike check makes
/// it one part at most.
pub(crate) const WORKBOOK_PART: &str = "xl/workbook.xml";

/// Checks one part; gives the workbook part's bytes when they are kept.
/// `inflater` is reused for the prologs of the file's parts.
fn check_part<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    index: usize,
    inflater: &mut Decompress,
) -> Result<Option<Vec<u8>>, Refusal> {
    let Ok(raw) = zip.by_index_raw(index) else {
        // A broken local header: calamine fails on it too.
        return Ok(None);
    };
    let name = String::from_utf8_lossy(raw.name_raw()).into_owned();
    let part = kind(&name);
    // Most parts need only their prolog, inflated here from the raw stream.
    match part {
        Part::Other => return Ok(None),
        Part::Xml => return check_prolog(raw, &name, false, inflater),
        Part::SharedStrings => return check_prolog(raw, &name, true, inflater),
        Part::OdsContent | Part::Workbook => drop(raw),
    }
    // The two read further go through the zip crate's own reader. The CRC
    // is checked by calamine's reads; the guard needs the bytes only, and
    // ignoring it makes any error at the declared size a size lie.
    let options = ZipReadOptions::new().ignore_crc32(true);
    let Ok(file) = zip.by_index_with_options(index, options) else {
        // Encrypted or an unknown compression: calamine fails on it too.
        return Ok(None);
    };
    let declared = file.size();
    let mut capped = Capped::new(declared.min(MAX_ENTRY_BYTES), file);
    let mut kept = None;
    let result = match part {
        Part::OdsContent => super::ods::scan_content(BufReader::new(&mut capped), &name),
        Part::Workbook if declared <= KEPT_WORKBOOK_PART_BYTES => {
            let mut whole = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
            // A part that does not inflate whole is calamine's to report; its
            // start is still scanned, and nothing of it is kept.
            let complete = capped.read_to_end(&mut whole).is_ok();
            let result = scan_prolog(whole.as_slice(), &name, false);
            kept = complete.then_some(whole);
            result
        }
        // The prolog is a few hundred bytes: a small buffer inflates only
        // what the scan looks at (this scan was ~15 % of a run's CPU with 8 KB).
        _ => scan_prolog(BufReader::with_capacity(PROLOG_BUFFER, &mut capped), &name, false),
    };
    if capped.overflowed {
        return Err(Refusal::TooLarge(format!(
            "delen {} packas upp till mer än arkivet uppger ({})",
            shown(&name),
            megabytes(capped.limit)
        )));
    }
    result.map(|()| kept)
}

/// The prolog check of one part read raw: a DOCTYPE is refused, as is a
/// part that inflates to more than its directory entry declares (within
/// what is read) or, for `sharedStrings.xml`, declares too many strings.
/// Encrypted parts and unknown compressions are calamine's to fail on.
fn check_prolog<R: Read>(
    raw: zip::read::ZipFile<'_, R>,
    name: &str,
    shared_strings: bool,
    inflater: &mut Decompress,
) -> Result<Option<Vec<u8>>, Refusal> {
    if raw.encrypted() {
        return Ok(None);
    }
    let limit = raw.size().min(MAX_ENTRY_BYTES);
    let result = match raw.compression() {
        CompressionMethod::Stored => {
            let mut capped = Capped::new(limit, raw);
            let result =
                scan_prolog(BufReader::with_capacity(PROLOG_BUFFER, &mut capped), name, shared_strings);
            (result, capped.overflowed)
        }
        CompressionMethod::Deflated => {
            inflater.reset(false);
            let mut capped = Capped::new(limit, Inflating::new(raw, inflater));
            let result =
                scan_prolog(BufReader::with_capacity(PROLOG_BUFFER, &mut capped), name, shared_strings);
            (result, capped.overflowed)
        }
        _ => return Ok(None),
    };
    match result {
        (_, true) => Err(Refusal::TooLarge(format!(
            "delen {} packas upp till mer än arkivet uppger ({})",
            shown(name),
            megabytes(limit)
        ))),
        (result, false) => result.map(|()| None),
    }
}

/// A raw deflate stream inflated through a borrowed inflater, so a file's
/// parts share one (setting one up zeroes a 32 kB window: a tenth of the
/// guard's work when each part had its own).
struct Inflating<'d, R> {
    raw: R,
    inflater: &'d mut Decompress,
    input: [u8; PROLOG_BUFFER],
    start: usize,
    end: usize,
    finished: bool,
}

impl<'d, R: Read> Inflating<'d, R> {
    fn new(raw: R, inflater: &'d mut Decompress) -> Inflating<'d, R> {
        Inflating { raw, inflater, input: [0; PROLOG_BUFFER], start: 0, end: 0, finished: false }
    }
}

impl<R: Read> Read for Inflating<'_, R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.finished || out.is_empty() {
                return Ok(0);
            }
            if self.start == self.end {
                self.end = self.raw.read(&mut self.input)?;
                self.start = 0;
            }
            let at_end = self.start == self.end;
            let (read_before, written_before) = (self.inflater.total_in(), self.inflater.total_out());
            let flush = if at_end { FlushDecompress::Finish } else { FlushDecompress::None };
            let input = self.input.get(self.start..self.end).unwrap_or_default();
            let status = self.inflater.decompress(input, out, flush).map_err(std::io::Error::other)?;
            let consumed = usize::try_from(self.inflater.total_in() - read_before).unwrap_or(usize::MAX);
            let produced = usize::try_from(self.inflater.total_out() - written_before).unwrap_or(usize::MAX);
            self.start = self.start.saturating_add(consumed).min(self.end);
            self.finished = status == flate2::Status::StreamEnd;
            if produced > 0 {
                return Ok(produced);
            }
            if at_end && consumed == 0 && !self.finished {
                return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the part ends early"));
            }
        }
    }
}

/// A reader that yields at most `limit` bytes and marks any byte beyond as
/// an overflow (an error to the caller, a refusal to the guard).
struct Capped<R> {
    inner: R,
    limit: u64,
    count: u64,
    overflowed: bool,
}

impl<R: Read> Capped<R> {
    fn new(limit: u64, inner: R) -> Capped<R> {
        Capped { inner, limit, count: 0, overflowed: false }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.count >= self.limit {
            // One byte more, or the zip crate's "larger than declared", is a lie.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe) {
                Ok(0) => Ok(0),
                Ok(_) | Err(_) => {
                    self.overflowed = true;
                    Err(std::io::Error::other("part larger than declared"))
                }
            };
        }
        let room = usize::try_from(self.limit - self.count).unwrap_or(usize::MAX);
        let want = buf.len().min(room);
        let n = match buf.get_mut(..want) {
            Some(window) => self.inner.read(window)?,
            None => 0,
        };
        self.count = self.count.saturating_add(n as u64);
        Ok(n)
    }
}

/// Reads an XML part up to its first element (or, for `sharedStrings.xml`,
/// up to the `sst` element, which is where calamine stops to reserve room):
/// a DOCTYPE on the way is refused, as is an `sst` declaring too many strings.
fn scan_prolog(reader: impl std::io::BufRead, name: &str, shared_strings: bool) -> Result<(), Refusal> {
    let mut xml = quick_xml::Reader::from_reader(reader);
    xml.config_mut().expand_empty_elements = true;
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::DocType(_)) => return Err(doctype(name)),
            Ok(Event::Start(e)) if shared_strings && e.local_name().as_ref() == "sst" => {
                let declared = e
                    .try_get_attribute("uniqueCount")
                    .ok()
                    .flatten()
                    .and_then(|a| declared_count(a.value.as_bytes()));
                return match declared {
                    Some(n) if n > MAX_SHARED_STRINGS => Err(Refusal::TooLarge(format!(
                        "delen {} anger {} texter; gränsen är {}",
                        shown(name),
                        grouped(n),
                        grouped(MAX_SHARED_STRINGS)
                    ))),
                    _ => Ok(()),
                };
            }
            Ok(Event::Start(_)) if !shared_strings => return Ok(()),
            // A broken part is calamine's to report; the guard has seen all it can.
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

/// The number in `uniqueCount`, as calamine reads it (digits after an
/// optional `+`); too many digits is as good as infinite.
fn declared_count(raw: &[u8]) -> Option<u64> {
    let digits = raw.strip_prefix(b"+").unwrap_or(raw);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(std::str::from_utf8(digits).ok()?.parse::<u64>().unwrap_or(u64::MAX))
}

pub(super) fn doctype(name: &str) -> Refusal {
    Refusal::TooLarge(format!(
        "delen {} har en DOCTYPE-deklaration, som kan användas för att blåsa upp texten utan gräns \
         (XML-bomb); en arbetsbok har aldrig någon",
        shown(name)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_recognised_as_calamine_looks_them_up() {
        assert_eq!(kind("content.xml"), Part::OdsContent);
        assert_eq!(kind("xl/sharedStrings.xml"), Part::SharedStrings);
        assert_eq!(kind("XL\\SHAREDSTRINGS.XML"), Part::SharedStrings);
        assert_eq!(kind("_rels/.rels"), Part::Xml);
        assert_eq!(kind("xl/worksheets/sheet1.xml"), Part::Xml);
        assert_eq!(kind("xl/worksheets/sheet1.bin"), Part::Other);
    }

    #[test]
    fn part_names_are_compared_as_a_reader_looks_them_up() {
        assert_eq!(lookup_name("XL\\Worksheets\\Sheet1.XML"), "xl/worksheets/sheet1.xml");
        assert_eq!(lookup_name("/xl/workbook.xml"), "xl/workbook.xml");
        assert_eq!(lookup_name("xl/Ärende.xml"), "xl/ärende.xml");
        let names = |list: &[&'static str]| list.iter().map(|n| n.as_bytes()).collect::<Vec<_>>().into_iter();
        assert!(check_lookalikes(names(&["xl/workbook.xml", "xl/styles.xml", "_rels/.rels"])).is_ok());
        let Err(Refusal::TooLarge(reason)) = check_lookalikes(names(&["xl/a.xml", "XL\\A.xml"])) else {
            panic!("not refused");
        };
        assert_eq!(
            reason,
            "arkivet har två delar som en läsare kan ta för samma, \"xl/a.xml\" och \"XL\\A.xml\", så det går \
             inte att veta vilken som läses"
        );
    }

    #[test]
    fn declared_counts_read_like_calamine_reads_them() {
        assert_eq!(declared_count(b"12"), Some(12));
        assert_eq!(declared_count(b"+12"), Some(12));
        assert_eq!(declared_count(b"99999999999999999999999"), Some(u64::MAX));
        assert_eq!(declared_count(b"12x"), None);
        assert_eq!(declared_count(b""), None);
    }

    fn deflated(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn one_inflater_reused_gives_each_part_whole_and_a_cut_stream_is_an_error() {
        let mut inflater = Decompress::new(false);
        let first = b"<?xml version=\"1.0\"?><workbook>".repeat(40);
        let second = b"<sst uniqueCount=\"3\"/>".to_vec();
        for part in [&first, &second, &first] {
            inflater.reset(false);
            let raw = deflated(part);
            let mut out = Vec::new();
            Inflating::new(raw.as_slice(), &mut inflater).read_to_end(&mut out).unwrap();
            assert_eq!(&out, part);
        }
        inflater.reset(false);
        let raw = deflated(&first);
        let cut = raw.get(..raw.len() / 2).unwrap();
        let mut out = Vec::new();
        assert!(Inflating::new(cut, &mut inflater).read_to_end(&mut out).is_err());
        assert!(out.len() < first.len());
    }

    #[test]
    fn a_capped_reader_calls_one_byte_past_the_limit_a_lie() {
        let mut capped = Capped::new(3, &b"abcd"[..]);
        let mut out = Vec::new();
        assert!(capped.read_to_end(&mut out).is_err());
        assert!(capped.overflowed);
        assert_eq!(out, b"abc");
        let mut exact = Capped::new(4, &b"abcd"[..]);
        let mut out = Vec::new();
        assert_eq!(exact.read_to_end(&mut out).ok(), Some(4));
        assert!(!exact.overflowed);
    }

    #[test]
    fn a_doctype_in_a_prolog_is_refused_and_a_plain_prolog_passes() {
        let bomb = br#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>"#;
        assert!(matches!(scan_prolog(&bomb[..], "x.xml", false), Err(Refusal::TooLarge(_))));
        let plain = br#"<?xml version="1.0"?><!-- c --><x><y/></x>"#;
        assert!(scan_prolog(&plain[..], "x.xml", false).is_ok());
    }

    #[test]
    fn shared_strings_declaring_too_many_are_refused() {
        let big = br#"<?xml version="1.0"?><sst xmlns="x" count="1" uniqueCount="100000000000"><si/></sst>"#;
        let Err(Refusal::TooLarge(reason)) = scan_prolog(&big[..], "xl/sharedStrings.xml", true) else {
            panic!("not refused");
        };
        assert!(reason.contains("100 000 000 000 texter"), "{reason}");
        let small = br#"<sst uniqueCount="2"><si><t>a</t></si></sst>"#;
        assert!(scan_prolog(&small[..], "xl/sharedStrings.xml", true).is_ok());
    }
}
