//! The .xls check: reads the BIFF records of the `Workbook` (BIFF8) or
//! `Book` (BIFF5) stream as calamine will, and adds up what calamine would
//! hold once it has parsed every sheet at open.
//!
//! Takes an open Compound File; gives `Ok(())` or a [`Refusal`]. Per sheet
//! the workbook lists (`BOUNDSHEET`), calamine reserves what the sheet's
//! `DIMENSIONS` record claims, collects every cell record, then builds a dense
//! grid over the cells' bounding box: rows and columns are 16-bit in the
//! records, so one 20-byte record pair can ask for 65 536 × 65 536 cells. It
//! also copies a shared string into every `LABELSST` cell that points at it,
//! and builds a text for every formula, where one 7-byte token can become a
//! 255-character sheet name. All of that is summed over the sheets and held
//! against [`MAX_CELLS`], [`MAX_TEXT_BYTES`] and [`MAX_SHEETS`].
//!
//! A password-protected xlsx is a Compound File without a `Workbook` stream
//! (`EncryptedPackage` instead): nothing to scan, so it reaches calamine,
//! which reports it as password-protected. A file the `cfb` crate cannot open
//! cannot be inspected, and is refused as unreadable rather than handed over.
//!
//! Record iteration moves forward by at least the 4-byte header each step and
//! stops at the stream's end; the sheets together may be scanned at most
//! twice the stream's length (sheets overlapping beyond that are refused).

use super::{
    MAX_CELLS, MAX_FILE_BYTES, MAX_SHEETS, MAX_TEXT_BYTES, Refusal, grouped, too_many_cells, too_much_text,
};
use std::collections::BTreeMap;
use std::io::{Read, Seek};

/// UTF-8 bytes one BIFF character can become in calamine's decoding: a
/// UTF-16 unit is at most 3, but a hostile CODEPAGE can make calamine decode
/// both bytes of a character as two characters of up to 3 bytes each.
const BYTES_PER_CHAR: u64 = 6;
/// The longest string a BIFF8 string header can announce.
const MAX_STRING_CHARS: u64 = 65_535;
/// Formula text per byte of formula tokens, beyond the names they refer to:
/// `PtgAttrSpace` makes up to 255 spaces of 4 bytes; function names and
/// references make less.
const FORMULA_BYTES_PER_TOKEN_BYTE: u64 = 64;
/// calamine's text for a formula it cannot parse ("Unrecognised formula for
/// cell (row, col): …").
const FORMULA_FALLBACK_BYTES: u64 = 120;

/// Checks every `Workbook`/`Book` stream of a Compound File.
pub(super) fn inspect<R: Read + Seek>(file: R) -> Result<(), Refusal> {
    let Ok(mut compound) = cfb::CompoundFile::open(file) else {
        return Err(Refusal::Unreadable("filens innehållsförteckning (OLE) går inte att läsa".into()));
    };
    // calamine takes the first entry of either name anywhere in the file, in
    // its own order; checking every one covers whichever it takes.
    let streams: Vec<_> = compound
        .walk()
        .filter(|e| e.is_stream())
        .filter(|e| e.name().eq_ignore_ascii_case("Workbook") || e.name().eq_ignore_ascii_case("Book"))
        .map(|e| e.path().to_path_buf())
        .collect();
    for path in streams {
        let mut bytes = Vec::new();
        let read = compound
            .open_stream(&path)
            .and_then(|stream| stream.take(MAX_FILE_BYTES).read_to_end(&mut bytes));
        if read.is_err() {
            return Err(Refusal::Unreadable("arbetsbokens data i filen går inte att läsa".into()));
        }
        scan_stream(&bytes)?;
    }
    Ok(())
}

/// Checks one BIFF stream.
fn scan_stream(stream: &[u8]) -> Result<(), Refusal> {
    let Some(globals) = Globals::read(stream)? else {
        // Encrypted (FILEPASS): calamine stops there and says so.
        return Ok(());
    };
    let mut total = Cost::default();
    let mut seen: BTreeMap<usize, Cost> = BTreeMap::new();
    let mut scanned: usize = 0;
    let budget = stream.len().saturating_mul(2);
    for &pos in &globals.sheets {
        let cost = match seen.get(&pos) {
            Some(cost) => *cost,
            None => {
                let Some(substream) = stream.get(pos..) else {
                    // calamine slices the stream at `pos` and would panic.
                    return Err(Refusal::Unreadable("ett blad pekar utanför arbetsbokens data".into()));
                };
                let (cost, used) = scan_sheet(substream, &globals);
                scanned = scanned.saturating_add(used);
                if scanned > budget {
                    return Err(Refusal::TooLarge(
                        "filens blad överlappar varandra, så samma data skulle läsas om och om igen".into(),
                    ));
                }
                seen.insert(pos, cost);
                cost
            }
        };
        total = total.plus(cost);
        total.check()?;
    }
    Ok(())
}

/// What calamine would hold for one sheet, or for all.
#[derive(Debug, Clone, Copy, Default)]
struct Cost {
    cells: u64,
    text: u64,
}

impl Cost {
    fn plus(self, other: Cost) -> Cost {
        Cost { cells: self.cells.saturating_add(other.cells), text: self.text.saturating_add(other.text) }
    }

    fn check(self) -> Result<(), Refusal> {
        if self.cells > MAX_CELLS {
            return Err(too_many_cells(self.cells));
        }
        if self.text > MAX_TEXT_BYTES {
            return Err(too_much_text(self.text));
        }
        Ok(())
    }
}

/// One record and the CONTINUE records calamine appends to it.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

/// calamine's record iterator: type, length, data, then any CONTINUE
/// (0x003C) records following. Ends at the stream's end or at a record that
/// runs past it (where calamine fails).
struct Records<'a> {
    stream: &'a [u8],
    consumed: usize,
}

impl<'a> Records<'a> {
    fn new(stream: &'a [u8]) -> Records<'a> {
        Records { stream, consumed: 0 }
    }

    /// Splits one record off the front: (type, data).
    fn split(&mut self) -> Option<(u16, &'a [u8])> {
        let typ = u16_at(self.stream, 0)?;
        let len = usize::from(u16_at(self.stream, 2)?);
        let data = self.stream.get(4..4 + len)?;
        self.stream = self.stream.get(4 + len..)?;
        self.consumed = self.consumed.saturating_add(4 + len);
        Some((typ, data))
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Record<'a>;

    fn next(&mut self) -> Option<Record<'a>> {
        let (typ, data) = self.split()?;
        let mut cont = Vec::new();
        while self.stream.len() > 4 && u16_at(self.stream, 0) == Some(0x003C) {
            let (_, more) = self.split()?;
            cont.push(more);
        }
        Some(Record { typ, data, cont })
    }
}

/// What the workbook globals tell about the sheets.
struct Globals {
    /// Stream offsets of the sheets, one per BOUNDSHEET, in order.
    sheets: Vec<usize>,
    /// Characters of each shared string.
    strings: Vec<u64>,
    /// False when the shared strings could not be read to their end (calamine
    /// may read further): an unknown string is then taken at its longest.
    strings_complete: bool,
    /// The longest sheet or defined name, in characters: formulas repeat them.
    longest_name: u64,
}

impl Globals {
    /// Reads the globals up to their EOF; `None` for an encrypted workbook.
    fn read(stream: &[u8]) -> Result<Option<Globals>, Refusal> {
        let mut globals =
            Globals { sheets: Vec::new(), strings: Vec::new(), strings_complete: true, longest_name: 4 };
        for record in Records::new(stream) {
            let data = record.data;
            match record.typ {
                // FILEPASS: calamine answers "password" and reads no further.
                0x002F if u16_at(data, 0).is_some_and(|v| v != 0) => return Ok(None),
                // BOUNDSHEET: offset (4), state (1), type (1), name length (1).
                0x0085 => {
                    if let Some(pos) = u32_at(data, 0) {
                        globals.sheets.push(usize::try_from(pos).unwrap_or(usize::MAX));
                    }
                    if globals.sheets.len() > MAX_SHEETS {
                        return Err(Refusal::TooLarge(format!(
                            "arbetsboken har fler än {} blad",
                            grouped(MAX_SHEETS as u64)
                        )));
                    }
                    globals.note_name(data.get(6));
                }
                // LBL (a defined name): name length at 3.
                0x0018 => globals.note_name(data.get(3)),
                0x00FC => (globals.strings, globals.strings_complete) = shared_strings(&record),
                0x000A => break,
                _ => {}
            }
        }
        Ok(Some(globals))
    }

    fn note_name(&mut self, chars: Option<&u8>) {
        if let Some(&chars) = chars {
            self.longest_name = self.longest_name.max(u64::from(chars));
        }
    }

    /// Text bytes of shared string `index` in one cell.
    fn string_bytes(&self, index: Option<u32>) -> u64 {
        let known = index.and_then(|i| self.strings.get(usize::try_from(i).ok()?));
        match known {
            Some(chars) => chars.saturating_mul(BYTES_PER_CHAR),
            // calamine leaves a cell with an unknown index out.
            None if self.strings_complete => 0,
            None => MAX_STRING_CHARS * BYTES_PER_CHAR,
        }
    }
}

/// The character count of every string in an SST record, read as calamine
/// reads them (rich-text runs and phonetic blocks skipped, strings split over
/// CONTINUE records with a fresh option byte), and whether the reading
/// reached the record's end.
fn shared_strings(record: &Record<'_>) -> (Vec<u64>, bool) {
    let mut strings = Vec::new();
    let Some(first) = record.data.get(8..) else {
        // calamine fails on the file: no sheet is read.
        return (strings, true);
    };
    let mut cursor = Cursor { data: first, cont: &record.cont };
    loop {
        if cursor.data.is_empty() && !cursor.next_continue() {
            return (strings, true);
        }
        match cursor.rich_string() {
            Some(chars) => strings.push(chars),
            None => return (strings, false),
        }
    }
}

/// Reading position in a record and its CONTINUE records.
struct Cursor<'a, 'r> {
    data: &'a [u8],
    cont: &'r [&'a [u8]],
}

impl Cursor<'_, '_> {
    fn next_continue(&mut self) -> bool {
        match self.cont.split_first() {
            Some((next, rest)) => {
                self.data = next;
                self.cont = rest;
                true
            }
            None => false,
        }
    }

    fn take(&mut self, n: usize) -> Option<()> {
        self.data = self.data.get(n..)?;
        Some(())
    }

    /// XLUnicodeRichExtendedString: its length in characters.
    fn rich_string(&mut self) -> Option<u64> {
        if self.data.is_empty() {
            return Some(0);
        }
        let chars = u16_at(self.data, 0)?;
        let flags = *self.data.get(2)?;
        self.take(3)?;
        let mut runs = 0usize;
        if flags & 0x8 != 0 {
            runs = usize::from(u16_at(self.data, 0)?);
            self.take(2)?;
        }
        let mut phonetic = 0usize;
        if flags & 0x4 != 0 {
            // calamine reads an i32 and casts it: negative is enormous.
            phonetic =
                usize::try_from(i32::from_le_bytes(*self.data.first_chunk::<4>()?)).unwrap_or(usize::MAX);
            self.take(4)?;
        }
        self.characters(usize::from(chars), flags & 0x1 != 0)?;
        self.skip(runs.saturating_mul(4))?;
        self.skip(phonetic)?;
        Some(u64::from(chars))
    }

    /// Steps over `len` characters, 1 or 2 bytes each as the option byte says.
    fn characters(&mut self, mut len: usize, mut wide: bool) -> Option<()> {
        while len > 0 {
            let width = if wide { 2 } else { 1 };
            let here = (self.data.len() / width).min(len);
            self.take(here * width)?;
            len -= here;
            if len > 0 {
                if !self.next_continue() {
                    return None;
                }
                wide = *self.data.first()? & 0x1 != 0;
                self.take(1)?;
            }
        }
        Some(())
    }

    fn skip(&mut self, mut len: usize) -> Option<()> {
        while len > 0 {
            if self.data.is_empty() && !self.next_continue() {
                return None;
            }
            let here = len.min(self.data.len());
            self.take(here)?;
            len -= here;
        }
        Some(())
    }
}

/// A sheet's bounding box of cells.
#[derive(Debug, Default)]
struct Bounds {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Bounds {
    fn add(&mut self, row: u32, first_col: u32, last_col: u32) {
        self.rows = Some(self.rows.map_or((row, row), |(a, b)| (a.min(row), b.max(row))));
        self.cols =
            Some(self.cols.map_or((first_col, last_col), |(a, b)| (a.min(first_col), b.max(last_col))));
    }

    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => u64::from(r1 - r0 + 1).saturating_mul(u64::from(c1 - c0 + 1)),
            _ => 0,
        }
    }
}

/// Scans one sheet substream as calamine does; its cost and the bytes read.
fn scan_sheet(substream: &[u8], globals: &Globals) -> (Cost, usize) {
    let mut records = Records::new(substream);
    let mut bounds = Bounds::default();
    let (mut reserved, mut listed, mut text) = (0u64, 0u64, 0u64);
    let (mut seen_bof, mut nested) = (false, 0u64);
    let per_token_byte = FORMULA_BYTES_PER_TOKEN_BYTE + globals.longest_name * BYTES_PER_CHAR;
    for record in records.by_ref() {
        let data = record.data;
        if nested > 0 {
            // An embedded chart's substream: calamine skips it whole.
            match record.typ {
                0x0809 => nested += 1,
                0x000A => nested -= 1,
                _ => {}
            }
            continue;
        }
        let at = (u16_at(data, 0).map(u32::from), u16_at(data, 2).map(u32::from));
        match (record.typ, at) {
            (0x0809, _) if seen_bof => nested += 1,
            (0x0809, _) => seen_bof = true,
            (0x0200, _) => reserved = reserved.max(dimension_cells(data)),
            // NUMBER, LABEL, RSTRING, BOOLERR, RK: one cell each.
            (0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E, (Some(row), Some(col))) => {
                bounds.add(row, col, col);
                listed += 1;
            }
            // BLANK: calamine keeps none, but it marks the sheet's extent.
            (0x0201, (Some(row), Some(col))) => bounds.add(row, col, col),
            // LABELSST: a copy of a shared string.
            (0x00FD, (Some(row), Some(col))) => {
                bounds.add(row, col, col);
                listed += 1;
                text = text.saturating_add(globals.string_bytes(u32_at(data, 6)));
            }
            // MULRK (6 bytes a cell) and MULBLANK (2 bytes a cell).
            (0x00BD | 0x00BE, (Some(row), Some(col))) => {
                let width = if record.typ == 0x00BD { 6 } else { 2 };
                let count = (data.len().saturating_sub(6) / width) as u32;
                if count > 0 {
                    bounds.add(row, col, col + count - 1);
                }
                if record.typ == 0x00BD {
                    listed += u64::from(count);
                }
            }
            // FORMULA: its value and its text.
            (0x0006, (Some(row), Some(col))) => {
                bounds.add(row, col, col);
                listed += 2;
                let tokens = data.len().saturating_sub(22) as u64;
                text = text
                    .saturating_add(FORMULA_FALLBACK_BYTES)
                    .saturating_add(tokens.saturating_mul(per_token_byte));
            }
            // STRING: a formula's text result, at the formula's cell.
            (0x0207, _) => listed += 1,
            (0x000A, _) => break,
            _ => {}
        }
    }
    let cells = reserved.max(bounds.cells()).saturating_add(listed);
    (Cost { cells, text }, records.consumed)
}

/// The cells calamine reserves for a DIMENSIONS record, computed as calamine
/// does; a range whose end lies before its start (calamine's subtraction
/// would overflow) is as good as infinite.
fn dimension_cells(data: &[u8]) -> u64 {
    let fields = match data.len() {
        10 => {
            (u16_at(data, 0).map(u32::from), u16_at(data, 2).map(u32::from), u16_at(data, 4), u16_at(data, 6))
        }
        14 | 16 => (u32_at(data, 0), u32_at(data, 4), u16_at(data, 8), u16_at(data, 10)),
        // calamine fails on the file.
        _ => return 0,
    };
    let (Some(first_row), Some(last_row), Some(first_col), Some(last_col)) = fields else {
        return 0;
    };
    let (mut first_col, last_col) = (u32::from(first_col), u32::from(last_col));
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    let (start, end) = if last_row >= 1 && last_col >= 1 {
        ((first_row, first_col), (last_row - 1, last_col - 1))
    } else {
        ((first_row, first_col), (first_row, first_col))
    };
    if end.0 < start.0 || end.1 < start.1 {
        return u64::MAX;
    }
    u64::from(end.0 - start.0 + 1).saturating_mul(u64::from(end.1 - start.1 + 1))
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(*data.get(at..)?.first_chunk::<2>()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(*data.get(at..)?.first_chunk::<4>()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend_from_slice(&(data.len() as u16).to_le_bytes());
        out.extend_from_slice(data);
        out
    }

    fn bof() -> Vec<u8> {
        record(0x0809, &[0x00, 0x06, 0x10, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    }

    fn eof() -> Vec<u8> {
        record(0x000A, &[])
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut data = row.to_le_bytes().to_vec();
        data.extend_from_slice(&col.to_le_bytes());
        data.extend_from_slice(&[0; 10]);
        record(0x0203, &data)
    }

    fn boundsheet(pos: u32, name: &str) -> Vec<u8> {
        let mut data = pos.to_le_bytes().to_vec();
        data.extend_from_slice(&[0, 0, name.len() as u8, 0]);
        data.extend_from_slice(name.as_bytes());
        record(0x0085, &data)
    }

    /// A workbook stream: globals with one BOUNDSHEET per entry of `sheets`
    /// (each pointing at `sheet`'s records, the same ones when repeated).
    fn workbook(globals_extra: &[u8], sheet_count: usize, sheet: &[u8]) -> Vec<u8> {
        let boundsheet_len = boundsheet(0, "Blad1").len();
        let globals_len = bof().len() + globals_extra.len() + boundsheet_len * sheet_count + eof().len();
        let mut out = bof();
        out.extend_from_slice(globals_extra);
        for _ in 0..sheet_count {
            out.extend(boundsheet(globals_len as u32, "Blad1"));
        }
        out.extend(eof());
        out.extend(bof());
        out.extend_from_slice(sheet);
        out.extend(eof());
        out
    }

    fn dimensions(first_row: u32, last_row: u32, first_col: u16, last_col: u16) -> Vec<u8> {
        let mut data = first_row.to_le_bytes().to_vec();
        data.extend_from_slice(&last_row.to_le_bytes());
        data.extend_from_slice(&first_col.to_le_bytes());
        data.extend_from_slice(&last_col.to_le_bytes());
        data.extend_from_slice(&[0, 0]);
        record(0x0200, &data)
    }

    #[test]
    fn a_small_sheet_passes() {
        let sheet = [dimensions(0, 2, 0, 2), number(0, 0), number(1, 1)].concat();
        assert!(scan_stream(&workbook(&[], 1, &sheet)).is_ok());
    }

    #[test]
    fn two_cells_in_far_corners_are_refused() {
        let sheet = [number(0, 0), number(65_535, 255)].concat();
        let Err(Refusal::TooLarge(reason)) = scan_stream(&workbook(&[], 1, &sheet)) else {
            panic!("not refused")
        };
        assert!(reason.contains("16 777 218 celler"), "{reason}");
    }

    #[test]
    fn columns_beyond_excel_97_count_too() {
        let sheet = [number(0, 0), number(100, 65_535)].concat();
        assert!(matches!(scan_stream(&workbook(&[], 1, &sheet)), Err(Refusal::TooLarge(_))));
    }

    #[test]
    fn a_dimensions_claim_is_refused_before_any_cell() {
        let sheet = dimensions(0, 1_000_000, 0, 255);
        assert!(matches!(scan_stream(&workbook(&[], 1, &sheet)), Err(Refusal::TooLarge(_))));
        // calamine computes (last − 1) − first + 1: an end before the start overflows.
        assert_eq!(dimension_cells(&dimensions(5, 1, 0, 1)[4..]), u64::MAX);
        assert_eq!(dimension_cells(&dimensions(0, 0, 0, 0)[4..]), 1);
        assert_eq!(dimension_cells(&dimensions(0, 10, 0, 3)[4..]), 30);
    }

    #[test]
    fn many_sheets_pointing_at_one_sheet_add_up() {
        // A 1 000 × 2 sheet listed 3 times: 6 000 cells (+ 6 listed).
        let sheet = [number(0, 0), number(999, 1)].concat();
        assert!(scan_stream(&workbook(&[], 3, &sheet)).is_ok());
        // 1 000 × 256 listed 30 times is 7 680 000 cells.
        let wide = [number(0, 0), number(999, 255)].concat();
        assert!(matches!(scan_stream(&workbook(&[], 30, &wide)), Err(Refusal::TooLarge(_))));
        assert!(matches!(scan_stream(&workbook(&[], MAX_SHEETS + 1, &[])), Err(Refusal::TooLarge(_))));
    }

    #[test]
    fn a_sheet_pointing_outside_the_stream_is_unreadable() {
        let stream = [bof(), boundsheet(1_000_000, "X"), eof()].concat();
        assert!(matches!(scan_stream(&stream), Err(Refusal::Unreadable(_))));
    }

    #[test]
    fn a_shared_string_copied_into_many_cells_is_refused() {
        // SST: counts (8), one string of 60 000 one-byte characters.
        let mut sst = vec![0; 8];
        sst.extend_from_slice(&60_000u16.to_le_bytes());
        sst.push(0);
        sst.extend(std::iter::repeat_n(b'x', 8_000));
        let mut globals = record(0x00FC, &sst);
        let mut rest = &vec![b'x'; 52_000][..];
        while !rest.is_empty() {
            let (chunk, more) = rest.split_at(rest.len().min(8_000));
            globals.extend(record(0x003C, &[&[0u8][..], chunk].concat()));
            rest = more;
        }
        let labelsst = |row: u16| {
            let mut data = row.to_le_bytes().to_vec();
            data.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0]);
            record(0x00FD, &data)
        };
        let few: Vec<u8> = (0..10).flat_map(labelsst).collect();
        assert!(scan_stream(&workbook(&globals, 1, &few)).is_ok());
        // 200 copies × 60 000 characters × 6 bytes = 72 MB.
        let many: Vec<u8> = (0..200).flat_map(labelsst).collect();
        let Err(Refusal::TooLarge(reason)) = scan_stream(&workbook(&globals, 1, &many)) else {
            panic!("not refused")
        };
        assert!(reason.contains("text"), "{reason}");
    }

    #[test]
    fn shared_strings_are_read_across_continue_records() {
        // "ab" (narrow), then "cdé" split: 1 char here, 2 wide in a CONTINUE.
        let mut sst = vec![0; 8];
        sst.extend_from_slice(&[2, 0, 0, b'a', b'b']);
        sst.extend_from_slice(&[3, 0, 0, b'c']);
        let rec = Record { typ: 0x00FC, data: &sst, cont: vec![&[1, b'd', 0, 0xE9, 0]] };
        assert_eq!(shared_strings(&rec), (vec![2, 3], true));
        let short = Record { typ: 0x00FC, data: &sst, cont: vec![] };
        assert_eq!(shared_strings(&short), (vec![2], false));
    }

    #[test]
    fn an_encrypted_workbook_is_left_to_calamine() {
        let stream = [bof(), record(0x002F, &[1, 0, 0, 0]), boundsheet(0, "X"), eof()].concat();
        assert!(scan_stream(&stream).is_ok());
    }

    #[test]
    fn overlapping_sheets_are_refused() {
        // 100 sheets starting at consecutive records of one long run without
        // an EOF: each scan runs to the stream's end.
        let sheets = 100;
        let globals_len = bof().len() + boundsheet(0, "X").len() * sheets + eof().len();
        let cell = number(0, 0);
        let mut stream = bof();
        for i in 0..sheets {
            stream.extend(boundsheet((globals_len + i * cell.len()) as u32, "X"));
        }
        stream.extend(eof());
        for _ in 0..1_000 {
            stream.extend_from_slice(&cell);
        }
        let Err(Refusal::TooLarge(reason)) = scan_stream(&stream) else { panic!("not refused") };
        assert!(reason.contains("överlappar"), "{reason}");
    }

    #[test]
    fn garbage_ends_quietly() {
        for garbage in [&[][..], &[1][..], &[1, 2, 3, 4, 5][..], &[0xFF; 64][..], &[0x3C, 0, 0, 0][..]] {
            assert!(scan_stream(garbage).is_ok());
        }
    }
}
