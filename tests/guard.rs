//! The guard against hostile files (src/guard/): one test per limit, each
//! asserting the finding's code and message, on files built here in code:
//! zips written by hand (so they can lie), .ods parts written as text, .xls
//! workbooks written as BIFF records inside a Compound File. The bombs are
//! refused from their directory or a streamed scan, never inflated, so every
//! test is quick and small in memory; none asserts a time.
//!
//! Also: every real report (samples, the LibreOffice .ods and the .xls) still
//! reads without findings, a password-protected xlsx still says so, and what
//! calamine itself does with an XML entity bomb.

mod common;

use common::minimal_report::MinimalReport;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use uppfoljning::finding::{Code, Finding};
use uppfoljning::guard::{MAX_FILE_BYTES, MAX_ZIP_ENTRIES};
use uppfoljning::register::read_register;
use uppfoljning::report::messages::file_unreadable;
use uppfoljning::report::read_report;
use uppfoljning::workbook::{MAX_ROW, OpenError, Position, Workbook};

// ---------------------------------------------------------------- helpers

/// A file in a fresh temporary folder.
struct Temp {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn temp_file(name: &str, bytes: &[u8]) -> Temp {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    Temp { _dir: dir, path }
}

/// The findings of reading `bytes` as the report `name`.
fn read_bytes(name: &str, bytes: &[u8]) -> Vec<Finding> {
    let file = temp_file(name, bytes);
    read_report(&file.path, name).findings
}

/// The one finding, which must be `fil-for-stor`; its message.
fn too_large(findings: Vec<Finding>) -> String {
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let finding = findings.into_iter().next().unwrap();
    assert_eq!(finding.code, Code::FilForStor, "{finding:#?}");
    finding.message
}

/// The message kansliet sees for a refusal with `reason`.
fn refusal_message(reason: &str) -> String {
    format!(
        "Filen läses inte eftersom den är över en säkerhetsgräns: {reason}. En rapport i kansliets mall ligger \
         långt under gränsen, så filen är troligen felsparad, skadad eller ingen rapport. Be styrgruppen spara \
         rapporten på nytt från kansliets mall och skicka den igen."
    )
}

/// CRC-32 (IEEE), bit by bit: for the small parts written here.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// CRC-32 of `n` zero bytes without touching them: one zero byte is a linear
/// map of the CRC register, raised to the `n`th power by squaring.
fn crc32_of_zeros(n: u64) -> u32 {
    fn apply(matrix: &[u32; 32], vector: u32) -> u32 {
        (0..32).filter(|i| vector >> i & 1 != 0).fold(0, |acc, i| acc ^ matrix[i])
    }
    let mut step = [0u32; 32];
    for (i, column) in step.iter_mut().enumerate() {
        let mut crc = 1u32 << i;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
        *column = crc;
    }
    let (mut power, mut register, mut n) = (step, !0u32, n);
    while n > 0 {
        if n & 1 == 1 {
            register = apply(&power, register);
        }
        let squared: Vec<u32> = power.iter().map(|&c| apply(&power, c)).collect();
        power.copy_from_slice(&squared);
        n >>= 1;
    }
    !register
}

/// A deflate stream of `n` zero bytes, written as the best compressor would
/// (one literal, then matches of 258 at distance 1 in fixed Huffman codes:
/// 13 bits per 258 bytes, ~0.6 % of the size), without holding the zeros.
fn deflated_zeros(n: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, n: u32) {
            self.acc |= value << self.len;
            self.len += n;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u64, n: u32) {
            let reversed = (0..n).fold(0, |acc, i| acc | ((code >> i) & 1) << (n - 1 - i));
            self.put(reversed, n);
        }
    }
    let mut bits = Bits { out: Vec::new(), acc: 0, len: 0 };
    bits.put(1, 1); // last block
    bits.put(1, 2); // fixed Huffman
    let mut left = n;
    if left > 0 {
        bits.code(0x30, 8); // literal 0
        left -= 1;
    }
    while left >= 258 {
        bits.code(0xC5, 8); // length 258
        bits.code(0, 5); // distance 1
        left -= 258;
    }
    for _ in 0..left {
        bits.code(0x30, 8);
    }
    bits.code(0, 7); // end of block
    bits.put(0, 7);
    bits.out
}

/// A zip part as the hand-written archive holds it, sizes as claimed.
struct Part {
    name: Vec<u8>,
    method: u16,
    data: Vec<u8>,
    crc: u32,
    size: u32,
    /// The compressed size claimed, when not the data's length.
    packed: Option<u32>,
}

impl Part {
    fn stored(name: &str, data: &[u8]) -> Part {
        Part {
            name: name.into(),
            method: 0,
            data: data.to_vec(),
            crc: crc32(data),
            size: data.len() as u32,
            packed: None,
        }
    }

    /// Deflated by the zip crate (its raw bytes taken back out).
    fn deflated(name: &str, data: &[u8]) -> Part {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        writer.start_file("x", options).unwrap();
        writer.write_all(data).unwrap();
        let mut archive = zip::ZipArchive::new(writer.finish().unwrap()).unwrap();
        let mut raw = Vec::new();
        archive.by_index_raw(0).unwrap().read_to_end(&mut raw).unwrap();
        Part {
            name: name.into(),
            method: 8,
            data: raw,
            crc: crc32(data),
            size: data.len() as u32,
            packed: None,
        }
    }

    fn zeros(name: &str, n: u64) -> Part {
        Part {
            name: name.into(),
            method: 8,
            data: deflated_zeros(n),
            crc: crc32_of_zeros(n),
            size: n as u32,
            packed: None,
        }
    }
}

/// A zip written by hand: local headers, central directory, end record.
fn zip_of(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for part in parts {
        let offset = out.len() as u32;
        let fixed = |buf: &mut Vec<u8>| {
            buf.extend_from_slice(&20u16.to_le_bytes()); // version needed
            buf.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
            buf.extend_from_slice(&part.method.to_le_bytes());
            buf.extend_from_slice(&[0, 0, 0x21, 0]); // 1980-01-01 00:00
            buf.extend_from_slice(&part.crc.to_le_bytes());
            buf.extend_from_slice(&part.packed.unwrap_or(part.data.len() as u32).to_le_bytes());
            buf.extend_from_slice(&part.size.to_le_bytes());
            buf.extend_from_slice(&(part.name.len() as u16).to_le_bytes());
            buf.extend_from_slice(&0u16.to_le_bytes()); // extra
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        fixed(&mut out);
        out.extend_from_slice(&part.name);
        out.extend_from_slice(&part.data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        fixed(&mut central);
        central.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(&part.name);
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The parts of a minimal xlsx with one sheet whose XML is `sheet`.
fn xlsx_parts(sheet: &str) -> Vec<Part> {
    vec![
        Part::deflated(
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        Part::deflated(
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        Part::deflated(
            "xl/workbook.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        Part::deflated(
            "xl/_rels/workbook.xml.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        Part::deflated("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ]
}

fn sheet_xml(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// A minimal .ods: mimetype (stored, first), manifest and `content.xml`
/// holding `tables`.
fn ods_of(tables: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    ods_with_content(content.as_bytes())
}

fn ods_with_content(content: &[u8]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("mimetype", stored).unwrap();
    writer.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    writer.start_file("META-INF/manifest.xml", deflated).unwrap();
    writer
        .write_all(
            br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
        )
        .unwrap();
    writer.start_file("content.xml", deflated).unwrap();
    writer.write_all(content).unwrap();
    writer.finish().unwrap().into_inner()
}

/// One row of 10 000 columns (its last cell a number), then one number
/// repeated over 9 990 rows: under 1 KB, ~100 000 000 cells to calamine.
fn ods_bomb() -> Vec<u8> {
    ods_of(
        r#"<table:table table:name="Blad1"><table:table-row><table:table-cell table:number-columns-repeated="9999"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row><table:table-row table:number-rows-repeated="9990"><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>"#,
    )
}

/// A BIFF record.
fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    [&typ.to_le_bytes()[..], &(data.len() as u16).to_le_bytes(), data].concat()
}

fn bof(kind: u16) -> Vec<u8> {
    let mut data = vec![0x00, 0x06];
    data.extend_from_slice(&kind.to_le_bytes());
    data.extend_from_slice(&[0; 12]);
    record(0x0809, &data)
}

fn number(row: u16, col: u16, value: f64) -> Vec<u8> {
    let data = [&row.to_le_bytes()[..], &col.to_le_bytes(), &[0, 0], &value.to_le_bytes()].concat();
    record(0x0203, &data)
}

fn dimensions(last_row: u32, last_col: u16) -> Vec<u8> {
    let data = [&0u32.to_le_bytes()[..], &last_row.to_le_bytes(), &[0, 0], &last_col.to_le_bytes(), &[0, 0]]
        .concat();
    record(0x0200, &data)
}

/// A BIFF8 workbook stream: globals listing one sheet "Blad1", then the
/// sheet with `cells` (records).
fn biff8(cells: &[u8]) -> Vec<u8> {
    let name = b"Blad1";
    let boundsheet_len = 4 + 8 + name.len();
    let globals_len = bof(0x0005).len() + boundsheet_len + 4;
    let boundsheet = [&(globals_len as u32).to_le_bytes()[..], &[0, 0, name.len() as u8, 0], name].concat();
    [
        bof(0x0005),
        record(0x0085, &boundsheet),
        record(0x000A, &[]),
        bof(0x0010),
        cells.to_vec(),
        record(0x000A, &[]),
    ]
    .concat()
}

/// A Compound File holding the given streams.
fn compound_file(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    for (name, bytes) in streams {
        file.create_stream(name).unwrap().write_all(bytes).unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

// ---------------------------------------------------- the hand-made files are real

#[test]
fn the_hand_made_deflate_stream_and_crc_are_real() {
    for n in [0u64, 1, 257, 258, 259, 100_000] {
        let bytes = zip_of(&[Part::zeros("zeros.bin", n)]);
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = Vec::new();
        archive.by_index(0).unwrap().read_to_end(&mut out).unwrap();
        assert_eq!(out.len() as u64, n);
        assert!(out.iter().all(|&b| b == 0));
        assert_eq!(crc32_of_zeros(n), crc32(&out));
    }
}

#[test]
fn a_hand_made_ods_and_xls_are_read_by_calamine() {
    let ods = temp_file(
        "liten.ods",
        &ods_of(
            r#"<table:table table:name="Blad1"><table:table-row><table:table-cell office:value-type="float" office:value="7"/></table:table-row></table:table>"#,
        ),
    );
    let mut book = Workbook::open(&ods.path).unwrap();
    let cells = book.read_cells("Blad1", MAX_ROW, |_| true).unwrap();
    assert_eq!(format!("{:?}", cells.get(Position::new(0, 0))), "Number(7.0)");

    let xls_stream = biff8(&[dimensions(3, 2), number(0, 0, 1.0), number(2, 1, 2.5)].concat());
    let xls = temp_file("liten.xls", &compound_file(&[("/Workbook", &xls_stream)]));
    let mut book = Workbook::open(&xls.path).unwrap();
    assert_eq!(book.sheet_names(), ["Blad1"]);
    let cells = book.read_cells("Blad1", MAX_ROW, |_| true).unwrap();
    assert_eq!(format!("{:?}", cells.get(Position::new(2, 1))), "Number(2.5)");
}

// ------------------------------------------------------------- one test per limit

#[test]
fn the_message_names_the_limit_and_what_to_do() {
    let finding =
        file_unreadable(&OpenError::TooLarge("arkivet har 1 001 delar; gränsen är 1 000".into()), "x.xlsx");
    assert_eq!(finding.code, Code::FilForStor);
    assert_eq!(finding.file, "x.xlsx");
    assert_eq!(
        finding.message,
        "Filen läses inte eftersom den är över en säkerhetsgräns: arkivet har 1 001 delar; gränsen är 1 000. \
         En rapport i kansliets mall ligger långt under gränsen, så filen är troligen felsparad, skadad eller \
         ingen rapport. Be styrgruppen spara rapporten på nytt från kansliets mall och skicka den igen."
    );
}

#[test]
fn a_file_over_50_mb_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stor.xlsx");
    // Sparse: no bytes are written.
    std::fs::File::create(&path).unwrap().set_len(MAX_FILE_BYTES + 1).unwrap();
    let message = too_large(read_report(&path, "stor.xlsx").findings);
    assert_eq!(message, refusal_message("filen är 51 MB; gränsen är 50 MB"));
}

#[test]
fn an_ods_bomb_of_under_a_kilobyte_is_refused() {
    let bytes = ods_bomb();
    assert!(bytes.len() < 1_500, "{} bytes", bytes.len());
    let message = too_large(read_bytes("bomb.ods", &bytes));
    assert_eq!(message, refusal_message("bladen skulle ta 99 910 000 celler i minnet; gränsen är 5 000 000"));
}

#[test]
fn neither_the_extension_nor_a_prefix_before_the_zip_hides_a_bomb() {
    let message = too_large(read_bytes("bomb.xlsx", &ods_bomb()));
    assert!(message.contains("99 910 000 celler"), "{message}");
    let prefixed = [&b"MZ not a workbook at all"[..], &ods_bomb()].concat();
    let message = too_large(read_bytes("bomb.dat", &prefixed));
    assert!(message.contains("99 910 000 celler"), "{message}");
    // A Compound File with a zip after it is both: checked as both.
    let polyglot = [compound_file(&[("/Annat", &b"x"[..])]), ods_bomb()].concat();
    let message = too_large(read_bytes("bomb.ods", &polyglot));
    assert!(message.contains("99 910 000 celler"), "{message}");
}

#[test]
fn an_ods_cell_whose_text_is_copied_over_many_cells_is_refused() {
    let text = "x".repeat(10_000);
    let bytes = ods_of(&format!(
        r#"<table:table table:name="Blad1"><table:table-row table:number-rows-repeated="100"><table:table-cell office:value-type="string" table:number-columns-repeated="100"><text:p>{text}</text:p></table:table-cell></table:table-row></table:table>"#
    ));
    let message = too_large(read_bytes("text.ods", &bytes));
    assert!(message.contains("text i minnet (varje upprepad cell räknad); gränsen är 64 MB"), "{message}");
}

#[test]
fn a_zip_bomb_of_200_mb_of_zeros_is_refused() {
    let mut parts = xlsx_parts(&sheet_xml(""));
    parts.pop();
    parts.push(Part::zeros("xl/worksheets/sheet1.xml", 200 * 1024 * 1024));
    let bytes = zip_of(&parts);
    assert!(bytes.len() < 2 * 1024 * 1024, "{} bytes", bytes.len());
    let message = too_large(read_bytes("bomb.xlsx", &bytes));
    assert_eq!(
        message,
        refusal_message(
            "delen \"xl/worksheets/sheet1.xml\" packas upp till 200 MB; gränsen är 128 MB per del"
        )
    );
}

#[test]
fn a_part_packed_below_one_percent_is_refused() {
    let mut parts = xlsx_parts(&sheet_xml(""));
    parts.push(Part::zeros("xl/media/bild.bin", 10 * 1024 * 1024));
    let message = too_large(read_bytes("packad.xlsx", &zip_of(&parts)));
    assert_eq!(
        message,
        refusal_message(
            "delen \"xl/media/bild.bin\" är packad 158 gånger (från 10 MB till 65 kB); gränsen är 100 gånger"
        )
    );
}

#[test]
fn a_small_part_that_packs_well_is_no_bomb() {
    // A real report plus 100 KiB of zeros (packed ~600 times): under POI's grace size.
    let report = report_with_extra_parts(|writer, _| {
        let options =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        writer.start_file("docProps/nollor.bin", options).unwrap();
        writer.write_all(&[0; 100 * 1024]).unwrap();
    });
    let outcome = read_report(&report.path, "rapport.xlsx");
    assert!(outcome.findings.is_empty(), "{:#?}", outcome.findings);
    assert!(outcome.report.is_some());
}

#[test]
fn parts_over_the_total_limit_are_refused() {
    // Three stored parts that claim 100 MB each: the directory alone tells.
    let mut parts = xlsx_parts(&sheet_xml(""));
    for i in 0..3 {
        let mut part = Part::stored(&format!("xl/media/bild{i}.bin"), b"x");
        part.size = 100 * 1024 * 1024;
        part.packed = Some(part.size);
        parts.push(part);
    }
    let message = too_large(read_bytes("total.xlsx", &zip_of(&parts)));
    assert_eq!(message, refusal_message("delarna packas upp till 301 MB tillsammans; gränsen är 256 MB"));
}

#[test]
fn more_than_a_thousand_parts_are_refused_and_a_thousand_are_not() {
    let mut parts = xlsx_parts(&sheet_xml(""));
    while parts.len() <= MAX_ZIP_ENTRIES {
        parts.push(Part::stored(&format!("xl/media/bild{}.bin", parts.len()), b"x"));
    }
    let message = too_large(read_bytes("delar.xlsx", &zip_of(&parts)));
    assert_eq!(message, refusal_message("arkivet har 1 001 delar; gränsen är 1 000"));

    let report = report_with_extra_parts(|writer, count| {
        for i in count..MAX_ZIP_ENTRIES {
            writer
                .start_file(format!("docProps/del{i}.bin"), zip::write::SimpleFileOptions::default())
                .unwrap();
        }
    });
    let outcome = read_report(&report.path, "rapport.xlsx");
    assert!(outcome.findings.is_empty(), "{:#?}", outcome.findings);
}

#[test]
fn two_parts_of_one_name_are_refused() {
    let mut parts = xlsx_parts(&sheet_xml(""));
    parts.push(Part::deflated("xl/workbook.xml", b"<workbook/>"));
    let message = too_large(read_bytes("dubbel.xlsx", &zip_of(&parts)));
    assert_eq!(
        message,
        refusal_message("arkivet har flera delar med samma namn, så det går inte att veta vilken som läses")
    );
}

#[test]
fn two_parts_a_reader_takes_for_one_are_refused() {
    // calamine looks parts up lower-cased with `/` for `\`; a relationship
    // may name a part with a leading `/`. The second part would be read.
    for second in ["XL/Worksheets/Sheet1.xml", "xl\\worksheets\\sheet1.xml", "/xl/worksheets/sheet1.xml"] {
        let mut parts = xlsx_parts(&sheet_xml(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#));
        parts
            .push(Part::deflated(second, sheet_xml(r#"<row r="1"><c r="A1"><v>2</v></c></row>"#).as_bytes()));
        let message = too_large(read_bytes("lika namn.xlsx", &zip_of(&parts)));
        let reason = format!(
            "arkivet har två delar som en läsare kan ta för samma, \"xl/worksheets/sheet1.xml\" och \"{second}\", \
             så det går inte att veta vilken som läses"
        );
        assert_eq!(message, refusal_message(&reason), "{second}");
    }
}

#[test]
fn a_part_larger_than_its_directory_says_is_refused() {
    // content.xml of the bomb, its declared size a tenth of the real one.
    let tables = r#"<table:table table:name="Blad1"><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>"#;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content><office:body><office:spreadsheet>{tables}{}</office:spreadsheet></office:body></office:document-content>"#,
        " ".repeat(10_000)
    );
    let mut lying = Part::deflated("content.xml", content.as_bytes());
    lying.size /= 10;
    let parts = [Part::stored("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), lying];
    let message = too_large(read_bytes("ljuger.ods", &zip_of(&parts)));
    assert_eq!(
        message,
        refusal_message("delen \"content.xml\" packas upp till mer än arkivet uppger (1 MB)")
    );
}

#[test]
fn a_sheet_larger_than_declared_fails_in_calamine_without_blowing_up() {
    // The guard reads a sheet only to its first element; the zip crate stops
    // calamine at the declared size. The report gets a finding, not a crash.
    let rows: String =
        (1..=2_000).map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>1</v></c></row>"#)).collect();
    let mut parts = xlsx_parts(&sheet_xml(&rows));
    if let Some(sheet) = parts.last_mut() {
        sheet.size = 500;
    }
    let file = temp_file("ljuger.xlsx", &zip_of(&parts));
    let mut book = Workbook::open(&file.path).unwrap();
    assert!(book.read_cells("Blad1", MAX_ROW, |_| true).is_err());
}

#[test]
fn shared_strings_declaring_a_hundred_billion_strings_are_refused() {
    let mut parts = xlsx_parts(&sheet_xml(""));
    parts.push(Part::deflated(
        "xl/sharedStrings.xml",
        br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="100000000000"><si><t>a</t></si></sst>"#,
    ));
    let message = too_large(read_bytes("texter.xlsx", &zip_of(&parts)));
    assert_eq!(
        message,
        refusal_message("delen \"xl/sharedStrings.xml\" anger 100 000 000 000 texter; gränsen är 4 000 000")
    );
}

#[test]
fn an_xls_with_cells_in_far_corners_is_refused() {
    let stream = biff8(&[number(0, 0, 1.0), number(65_535, 255, 1.0)].concat());
    let bytes = compound_file(&[("/Workbook", &stream)]);
    assert!(bytes.len() < 4_096);
    let message = too_large(read_bytes("hörn.xls", &bytes));
    assert_eq!(message, refusal_message("bladen skulle ta 16 777 218 celler i minnet; gränsen är 5 000 000"));
}

#[test]
fn an_xls_dimensions_record_claiming_a_huge_sheet_is_refused() {
    let stream = biff8(&[dimensions(4_000_000_000, 256), number(0, 0, 1.0)].concat());
    let message = too_large(read_bytes("dimension.xls", &compound_file(&[("/Workbook", &stream)])));
    assert!(message.contains("bladen skulle ta över 1 000 000 000 000 celler i minnet"), "{message}");
}

#[test]
fn an_xml_entity_bomb_in_an_xlsx_is_refused() {
    let bomb = billion_laughs("sst", "&lol9;");
    let mut parts = xlsx_parts(&sheet_xml(""));
    parts.push(Part::deflated("xl/sharedStrings.xml", bomb.as_bytes()));
    let message = too_large(read_bytes("xmlbomb.xlsx", &zip_of(&parts)));
    assert_eq!(
        message,
        refusal_message(
            "delen \"xl/sharedStrings.xml\" har en DOCTYPE-deklaration, som kan användas för att blåsa upp \
             texten utan gräns (XML-bomb); en arbetsbok har aldrig någon"
        )
    );
}

#[test]
fn an_xml_entity_bomb_in_an_ods_is_refused() {
    let bomb = billion_laughs("office:document-content", "&lol9;");
    let message = too_large(read_bytes("xmlbomb.ods", &ods_with_content(bomb.as_bytes())));
    assert!(message.contains("\"content.xml\" har en DOCTYPE-deklaration"), "{message}");
}

/// The billion laughs: ten entities of ten references each, 10⁹ "lol"s.
fn billion_laughs(root: &str, body: &str) -> String {
    let mut entities = String::from(r#"<!ENTITY lol "lol">"#);
    for i in 1..=9 {
        let previous = if i == 1 { "lol".to_string() } else { format!("lol{}", i - 1) };
        entities.push_str(&format!(r#"<!ENTITY lol{i} "{}">"#, format!("&{previous};").repeat(10)));
    }
    let inner = if root == "sst" { format!("<si><t>{body}</t></si>") } else { body.to_string() };
    format!(r#"<?xml version="1.0"?><!DOCTYPE {root} [{entities}]><{root}>{inner}</{root}>"#)
}

#[test]
fn calamine_itself_does_not_expand_entities_it_fails_on_them() {
    // Without the guard: calamine's XML reader (quick-xml) never expands a
    // custom entity. In sharedStrings.xml the open fails; in a sheet, the cell.
    let mut parts = xlsx_parts(&sheet_xml(""));
    parts.push(Part::deflated("xl/sharedStrings.xml", billion_laughs("sst", "&lol9;").as_bytes()));
    let opened: Result<calamine::Xlsx<_>, _> = calamine::open_workbook_from_rs(Cursor::new(zip_of(&parts)));
    let error = opened.err().expect("calamine refuses the unknown entity").to_string();
    assert!(error.contains("lol9"), "{error}");

    let sheet = billion_laughs(
        "worksheet",
        r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>"#,
    );
    let parts = xlsx_parts(&sheet);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(zip_of(&parts))).unwrap();
    let mut cells = book.worksheet_cells_reader("Blad1").unwrap();
    assert!(cells.next_cell().is_err());
}

// ---------------------------------------------------- what must still read

#[test]
fn every_sample_and_real_fixture_still_reads_without_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("samples/rapporter"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    assert!(paths.len() >= 30);
    for fixture in ["2018-K2 Heby sparad av LibreOffice.ods", "2018-K2 Heby sparad som xls.xls"] {
        paths.push(root.join("tests/fixtures").join(fixture));
    }
    for path in paths {
        uppfoljning::guard::inspect(&path).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        let outcome = read_report(&path, "x");
        assert!(outcome.findings.is_empty(), "{}: {:#?}", path.display(), outcome.findings);
        assert!(outcome.report.is_some());
    }
    assert!(read_register(&root.join("samples/register.xlsx")).is_ok());
}

#[test]
fn a_password_protected_xlsx_still_says_so() {
    let bytes = compound_file(&[
        ("/EncryptionInfo", &[4, 0, 4, 0, 0x40, 0, 0, 0][..]),
        ("/EncryptedPackage", &[7; 600]),
    ]);
    let findings = read_bytes("skyddad.xlsx", &bytes);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].code, Code::FilOlaslig);
    assert!(findings[0].message.starts_with("Filen är lösenordsskyddad"), "{}", findings[0].message);
}

#[test]
fn a_compound_file_that_cannot_be_inspected_is_not_a_workbook() {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend_from_slice(&[0x55; 600]);
    let findings = read_bytes("trasig.xls", &bytes);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].code, Code::FilOlaslig);
}

#[test]
fn a_report_with_a_cell_at_xfd1048576_reads_fine() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hörn.xlsx");
    MinimalReport::valid().write_with_extra_cell(&path, 1_048_575, 16_383);
    let outcome = read_report(&path, "hörn.xlsx");
    assert!(outcome.findings.is_empty(), "{:#?}", outcome.findings);
    assert!(outcome.report.is_some());

    // And a bare ~2 KB workbook of A1 and XFD1048576: not a report, no crash.
    let bare = zip_of(&xlsx_parts(&sheet_xml(
        r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#,
    )));
    assert!(bare.len() < 2_500, "{} bytes", bare.len());
    let findings = read_bytes("hörn2.xlsx", &bare);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].code, Code::EjRapport);
}

#[test]
fn a_report_with_a_cell_beyond_the_grid_gets_a_finding_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let written = dir.path().join("skrivet.xlsx");
    MinimalReport::valid().write_with_extra_cell(&written, 0, 16_383);
    // Move the cell from XFD1 to XFE1, one column past Excel's last.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&written).unwrap()).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        let name = part.name().unwrap().to_string();
        if name.starts_with("xl/worksheets/") {
            bytes = String::from_utf8(bytes).unwrap().replace("XFD", "XFE").into_bytes();
        }
        parts.push(Part::deflated(&name, &bytes));
    }
    let findings = read_bytes("XFE1.xlsx", &zip_of(&parts));
    assert!(!findings.is_empty());
    assert!(findings.iter().all(|f| f.code == Code::FilOlaslig), "{findings:#?}");
    let message = &findings[0].message;
    assert!(message.starts_with("Bladet \"Data\" kunde inte läsas ("), "{message}");
    assert!(
        message.contains("rad 1 har en cell i kolumn 16385, bortom Excels sista kolumn XFD"),
        "{message}"
    );
}

#[test]
fn the_register_over_a_limit_says_so() {
    let file = temp_file("register.ods", &ods_bomb());
    let error = read_register(&file.path).expect_err("refused").to_string();
    assert_eq!(
        error,
        format!(
            "Registret {} läses inte eftersom det är över en säkerhetsgräns: bladen skulle ta 99 910 000 celler i \
             minnet; gränsen är 5 000 000. Öppna registret i Excel, spara det på nytt som .xlsx och försök igen.",
            file.path.display()
        )
    );
}

/// The sample report `2018-K2 Heby` with parts added by `add` (given the
/// count it already has).
fn report_with_extra_parts(add: impl FnOnce(&mut zip::ZipWriter<std::fs::File>, usize)) -> Temp {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples/rapporter/2018-K2 Heby, Individstöd i samverkan.xlsx");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(source).unwrap()).unwrap();
    let path = dir.path().join("rapport.xlsx");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..archive.len() {
        writer.raw_copy_file(archive.by_index_raw(i).unwrap()).unwrap();
    }
    add(&mut writer, archive.len());
    writer.finish().unwrap();
    Temp { _dir: dir, path }
}

#[test]
fn the_document_states_every_limit_as_the_code_has_it() {
    use uppfoljning::guard::*;
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/grans.md")).unwrap();
    let mib = |bytes: u64| format!("{} MiB", bytes / (1024 * 1024));
    let grouped = |n: u64| uppfoljning::value::group_thousands(&n.to_string());
    let rows = [
        ("MAX_FILE_BYTES", mib(MAX_FILE_BYTES)),
        ("MAX_ZIP_ENTRIES", grouped(MAX_ZIP_ENTRIES as u64)),
        ("MAX_ENTRY_BYTES", mib(MAX_ENTRY_BYTES)),
        ("MAX_TOTAL_BYTES", mib(MAX_TOTAL_BYTES)),
        ("MAX_SHARED_STRINGS", grouped(MAX_SHARED_STRINGS)),
        ("MAX_CELLS", grouped(MAX_CELLS)),
        ("MAX_TEXT_BYTES", mib(MAX_TEXT_BYTES)),
        ("MAX_SHEETS", grouped(MAX_SHEETS as u64)),
        (
            "MIN_COMPRESSION_PERCENT` / `RATIO_GRACE_BYTES",
            format!("{} % for parts over {} KiB", MIN_COMPRESSION_PERCENT, RATIO_GRACE_BYTES / 1024),
        ),
    ];
    for (name, value) in rows {
        let row = format!("| `{name}` | {value} |");
        assert!(doc.contains(&row), "docs/grans.md has no row {row}");
    }
}
