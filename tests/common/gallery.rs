//! The gallery of bad inputs: every kind of file kansliet will actually
//! receive (foreign, broken, hostile), made in code wherever it can be, plus
//! the few committed files of `tests/fixtures/` that only another program
//! can make. `tests/fixtures/README.md` lists every case with its expected
//! outcome; `tests/gallery.rs` asserts them, one test per case.
//!
//! Each `write_*` function writes one case to the path (or folder) given;
//! [`write_gallery`] writes them all into one folder.

pub mod zip;

use self::zip::{Data, replace, rewrite};
use super::minimal_report::{Cell, MinimalReport, text};
use super::register_book::RegisterBook;
use std::path::{Path, PathBuf};

/// The sample report the committed conversions were made from.
pub const HEBY: &str = "2018-K2 Heby, Individstöd i samverkan.xlsx";

/// The committed fixtures, each a report as another program saved it.
pub const COMMITTED: &[&str] = &[
    "2018-K2 Heby sparad av LibreOffice.ods",
    "2018-K2 Heby sparad av LibreOffice.xlsx",
    "2018-K2 Heby sparad som xls.xls",
    "2018-K2 Heby sparad som xlsm.xlsm",
    "2018-K2 Heby lösenordsskyddad.xlsx",
];

/// Shared strings of the zip bomb: 100 MiB of blanks in 100 KB, a thousandfold.
pub const BOMB_RUNS: u64 = (100 << 20) / 258;
/// Rows of the side sheet of [`write_million_rows`].
pub const MILLION: u32 = 1_000_000;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

pub fn heby() -> PathBuf {
    samples().join("rapporter").join(HEBY)
}

/// A report made in code, complete and correct (insats `2018:1`, 2018-K2).
pub fn write_valid(path: &Path) {
    MinimalReport::valid().write(path);
}

/// A file of no bytes, as a failed download or a full disk leaves it.
pub fn write_empty(path: &Path) {
    std::fs::write(path, b"").unwrap();
}

/// Text under a workbook's name: a mail client's "save as" gone wrong.
pub fn write_text(path: &Path) {
    std::fs::write(path, "Hej! Här kommer vår kvartalsrapport.\r\nMvh Heby\r\n").unwrap();
}

/// The first half of a real report, as an interrupted download leaves it.
pub fn write_truncated(path: &Path) {
    let bytes = std::fs::read(heby()).unwrap();
    std::fs::write(path, &bytes[..bytes.len() / 2]).unwrap();
}

/// A zip that is not a workbook: a Word document renamed `.xlsx`.
pub fn write_word_document(path: &Path) {
    let document = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Följebrev till kvartalsrapporten</w:t></w:r></w:p></w:body></w:document>"#;
    let types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    zip::write(
        path,
        vec![
            ("[Content_Types].xml".into(), Data::Stored(types.into())),
            ("word/document.xml".into(), Data::Stored(document.into())),
        ],
    );
}

/// A real .xlsx under a `.xlsb` name (no program we have writes real xlsb).
pub fn write_xlsx_named_xlsb(path: &Path) {
    std::fs::copy(heby(), path).unwrap();
}

/// A report pasted into a fresh workbook: the template's layout and values
/// on a sheet called `Blad1`, and no defined names.
pub fn write_names_gone(path: &Path) {
    rewrite(
        &heby(),
        path,
        |name, bytes| {
            if name != "xl/workbook.xml" {
                return Some(bytes);
            }
            let xml = String::from_utf8(bytes).unwrap();
            let (start, end) = (xml.find("<definedNames>").unwrap(), xml.find("</definedNames>").unwrap());
            let xml = format!("{}{}", &xml[..start], &xml[end + "</definedNames>".len()..]);
            Some(replace(xml.into_bytes(), r#"name="Rapport""#, r#"name="Blad1""#))
        },
        Vec::new(),
    );
}

/// A report claiming a template version the tool never issued.
pub fn write_unknown_version(path: &Path) {
    MinimalReport::valid().set("mallversion", text("2")).write(path);
}

/// Kansliet's register dropped into the folder of reports.
pub fn write_register(path: &Path) {
    RegisterBook::good().write_to(path);
}

/// A correct report with a formula in three input cells (a text, an amount,
/// a count), each with the result Excel saves with it.
pub fn formulas() -> MinimalReport {
    let formula = |f: &str, result: &str| Cell::Formula(f.into(), result.into());
    MinimalReport::valid()
        .set(
            "insats_namn",
            formula(r#"="Heby, "&"Individstöd i samverkan""#, "Heby, Individstöd i samverkan"),
        )
        .set("utfall_kr", formula("=300000+41000", "341000"))
        .set("deltagare_totalt_kvinnor", formula("=15+2", "17"))
}

/// [`formulas`] as Excel saves it.
pub fn write_formulas_with_results(path: &Path) {
    formulas().write(path);
}

/// The same formulas without saved results, as a program that does not
/// calculate (a script, an export) writes them.
pub fn write_formulas_without_results(path: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let with = dir.path().join("med.xlsx");
    formulas().write(&with);
    rewrite(
        &with,
        path,
        |name, bytes| {
            if name != "xl/worksheets/sheet1.xml" {
                return Some(bytes);
            }
            let bytes = replace(bytes, "</f><v>Heby, Individstöd i samverkan</v>", "</f>");
            let bytes = replace(bytes, "</f><v>341000</v>", "</f>");
            Some(replace(bytes, "</f><v>17</v>", "</f>"))
        },
        Vec::new(),
    );
}

/// Edits a report made in code with umya-spreadsheet, as Excel would.
fn edit_in_umya(path: &Path, edit: impl FnOnce(&mut umya_spreadsheet::Worksheet)) {
    write_valid(path);
    let mut book = umya_spreadsheet::reader::xlsx::read(path).unwrap();
    edit(book.sheet_by_name_mut(super::minimal_report::SHEET).unwrap());
    umya_spreadsheet::writer::xlsx::write(&book, path).unwrap();
}

/// The row (1-based) of a field in [`MinimalReport`]'s layout.
pub fn row_of(field: &str) -> u32 {
    MinimalReport::cell_of(field)[1..].parse().unwrap()
}

/// Input cells merged over C:E, the value in the top-left cell.
pub fn write_merged(path: &Path) {
    edit_in_umya(path, |sheet| {
        for field in ["insats_namn", "analys"] {
            let row = row_of(field);
            sheet.add_merge_cells(format!("C{row}:E{row}"));
        }
    });
}

/// The column of every answer hidden, and the rows of two answers.
pub fn write_hidden(path: &Path) {
    edit_in_umya(path, |sheet| {
        sheet.column_dimension_mut("C").set_hidden(true);
        for field in ["insats_id", "budget_kr"] {
            sheet.row_dimension_mut(row_of(field)).set_hidden(true);
        }
    });
}

/// A report whose shared strings inflate a thousandfold, from 100 KB to
/// 100 MiB: blanks between the strings, valid XML a parser would buffer whole.
pub fn write_zip_bomb(path: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("rapport.xlsx");
    write_valid(&plain);
    let strings = zip::entries(&plain).into_iter().find(|(n, _)| n == "xl/sharedStrings.xml").unwrap().1;
    let open = strings.windows(4).position(|w| w == b"<sst").unwrap();
    let end = open + strings[open..].iter().position(|b| *b == b'>').unwrap() + 1;
    let mut prefix = strings[..end].to_vec();
    prefix.push(b' ');
    let bomb = zip::deflated_run(&prefix, BOMB_RUNS, &strings[end..]);
    rewrite(
        &plain,
        path,
        |name, bytes| (name != "xl/sharedStrings.xml").then_some(bytes),
        vec![("xl/sharedStrings.xml".into(), bomb)],
    );
}

/// "Billion laughs": an answer that names an entity of 10⁹ × "lol".
pub fn write_xml_bomb(path: &Path) {
    let mut doctype = String::from("<!DOCTYPE sst [<!ENTITY lol0 \"lol\">");
    for level in 1..=9 {
        let previous = format!("&lol{};", level - 1).repeat(10);
        doctype.push_str(&format!("<!ENTITY lol{level} \"{previous}\">"));
    }
    doctype.push_str("]>");
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("rapport.xlsx");
    MinimalReport::valid().set("analys", text("BOMB")).write(&plain);
    rewrite(
        &plain,
        path,
        |name, bytes| {
            if name != "xl/sharedStrings.xml" {
                return Some(bytes);
            }
            let bytes = replace(bytes, "?>", &format!("?>{doctype}"));
            Some(replace(bytes, "<t>BOMB</t>", "<t>&lol9;</t>"))
        },
        Vec::new(),
    );
}

/// The side sheet's XML: rows 1 to [`MILLION`], each a 1 in column A.
fn million_rows_xml() -> Vec<u8> {
    let mut xml = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:A1000000"/><sheetData>"#
        .to_vec();
    for row in 1..=MILLION {
        let row = row.to_string();
        for part in [r#"<row r=""#, &row, r#""><c r="A"#, &row, r#""><v>1</v></c></row>"#] {
            xml.extend_from_slice(part.as_bytes());
        }
    }
    xml.extend_from_slice(b"</sheetData></worksheet>");
    xml
}

/// A report with a sheet `Rader` of a million rows before its own sheet
/// (written stored: deflating 45 MB costs seconds in a debug build).
pub fn write_million_rows(path: &Path) {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let bytes = BYTES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let (plain, big) = (dir.path().join("rapport.xlsx"), dir.path().join("stor.xlsx"));
        write_valid(&plain);
        let sheet = ("xl/worksheets/sheet2.xml".to_string(), Data::Stored(million_rows_xml()));
        rewrite(&plain, &big, add_first_sheet, vec![sheet]);
        std::fs::read(&big).unwrap()
    });
    std::fs::write(path, bytes).unwrap();
}

/// Declares `xl/worksheets/sheet2.xml` as a sheet `Rader`, first in the book.
fn add_first_sheet(name: &str, bytes: Vec<u8>) -> Option<Vec<u8>> {
    Some(match name {
        "xl/workbook.xml" => {
            replace(bytes, "<sheets>", r#"<sheets><sheet name="Rader" sheetId="2" r:id="rIdRader"/>"#)
        }
        "xl/_rels/workbook.xml.rels" => replace(
            bytes,
            "</Relationships>",
            r#"<Relationship Id="rIdRader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#,
        ),
        "[Content_Types].xml" => replace(
            bytes,
            "</Types>",
            r#"<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        _ => bytes,
    })
}

/// The sheet Excel makes when the report's sheet is copied inside the book.
pub const COPY: &str = "Data (2)";
/// The budget on [`COPY`]: not the report's 350 000.
pub const COPY_BUDGET: &str = "999000";

/// A valid report rewritten: `workbook` edits the text of `xl/workbook.xml`;
/// `second`, when given, is the XML of a sheet added after `Data` (so at
/// index 1), named `name` in `<sheets>`.
pub fn edit_valid(path: &Path, workbook: impl Fn(String) -> String, second: Option<(&str, Vec<u8>)>) {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("rapport.xlsx");
    write_valid(&plain);
    let name = second.as_ref().map(|(name, _)| name.to_string());
    let extra: Vec<(String, Data)> = second
        .into_iter()
        .map(|(_, xml)| ("xl/worksheets/sheet2.xml".to_string(), Data::Stored(xml)))
        .collect();
    rewrite(
        &plain,
        path,
        |part, bytes| {
            let bytes = match part {
                "xl/workbook.xml" => workbook(String::from_utf8(bytes).unwrap()).into_bytes(),
                _ => bytes,
            };
            let Some(name) = &name else { return Some(bytes) };
            Some(match part {
                "xl/workbook.xml" => replace(
                    bytes,
                    "</sheets>",
                    &format!(r#"<sheet name="{name}" sheetId="2" r:id="rIdAndra"/></sheets>"#),
                ),
                _ => add_second_sheet_part(part, bytes),
            })
        },
        extra,
    );
}

/// The relationship and content type of `xl/worksheets/sheet2.xml`.
fn add_second_sheet_part(part: &str, bytes: Vec<u8>) -> Vec<u8> {
    match part {
        "xl/_rels/workbook.xml.rels" => replace(
            bytes,
            "</Relationships>",
            r#"<Relationship Id="rIdAndra" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#,
        ),
        "[Content_Types].xml" => replace(
            bytes,
            "</Types>",
            r#"<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        _ => bytes,
    }
}

/// The report's sheet as a valid report writes it.
pub fn report_sheet_xml() -> String {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("rapport.xlsx");
    write_valid(&plain);
    let sheet = zip::entries(&plain).into_iter().find(|(n, _)| n == "xl/worksheets/sheet1.xml").unwrap().1;
    String::from_utf8(sheet).unwrap()
}

/// The report's sheet copied as [`COPY`], its budget changed to
/// [`COPY_BUDGET`]: the figures a wrong reading would take.
pub fn copied_sheet_xml() -> Vec<u8> {
    replace(report_sheet_xml().into_bytes(), "<v>350000</v>", &format!("<v>{COPY_BUDGET}</v>"))
}

/// A sheet of no cells.
pub fn empty_sheet_xml() -> Vec<u8> {
    br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#.to_vec()
}

/// Every workbook-scoped `<definedName>` of `xml` (those of `only`, when
/// given), each with a copy scoped to sheet 1 pointing at the same cells of
/// [`COPY`], as Excel writes them on a copied sheet; the copy `before` or
/// after the original.
pub fn copy_names(xml: &str, only: Option<&str>, before: bool) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<definedName name=\"") {
        let end = start + rest[start..].find("</definedName>").unwrap() + "</definedName>".len();
        let element = &rest[start..end];
        let name = element["<definedName name=\"".len()..].split('"').next().unwrap();
        let target = element.split('>').nth(1).unwrap().split('<').next().unwrap();
        out.push_str(&rest[..start]);
        if only.is_none_or(|only| only == name) {
            let cells = target.split_once('!').unwrap().1;
            let copy =
                format!(r#"<definedName name="{name}" localSheetId="1">'{COPY}'!{cells}</definedName>"#);
            out.push_str(&if before { format!("{copy}{element}") } else { format!("{element}{copy}") });
        } else {
            out.push_str(element);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The report's sheet copied inside Excel: [`COPY`] holds its own names for
/// every field, written after the workbook's.
pub fn write_copied_sheet_names_after(path: &Path) {
    edit_valid(path, |xml| copy_names(&xml, None, false), Some((COPY, copied_sheet_xml())));
}

/// The same with the copy's names written before the workbook's.
pub fn write_copied_sheet_names_before(path: &Path) {
    edit_valid(path, |xml| copy_names(&xml, None, true), Some((COPY, copied_sheet_xml())));
}

/// `budget_kr` defined a second time for the whole workbook, pointing at
/// the cell of `utfall_kr` (written `before` or after the first).
pub fn name_twice(xml: &str, before: bool) -> String {
    let cell = MinimalReport::cell_of("budget_kr");
    let first = format!(r#"<definedName name="budget_kr">Data!${}${}</definedName>"#, &cell[..1], &cell[1..]);
    let other = MinimalReport::cell_of("utfall_kr");
    let second =
        format!(r#"<definedName name="budget_kr">Data!${}${}</definedName>"#, &other[..1], &other[1..]);
    let both = if before { format!("{second}{first}") } else { format!("{first}{second}") };
    String::from_utf8(replace(xml.as_bytes().to_vec(), &first, &both)).unwrap()
}

/// A report whose `budget_kr` is defined twice, at two cells.
pub fn write_name_twice(path: &Path) {
    edit_valid(path, |xml| name_twice(&xml, false), None);
}

/// The report's sheet hidden (`state` `hidden` or `veryHidden`), an empty
/// sheet `Blad1` shown instead, as Excel wants one sheet visible.
pub fn hide_report_sheet(path: &Path, state: &str) {
    let hide = |xml: String| {
        String::from_utf8(replace(
            xml.into_bytes(),
            r#"<sheet name="Data""#,
            &format!(r#"<sheet name="Data" state="{state}""#),
        ))
        .unwrap()
    };
    edit_valid(path, hide, Some(("Blad1", empty_sheet_xml())));
}

/// Every answer on a hidden sheet.
pub fn write_answers_on_hidden_sheet(path: &Path) {
    hide_report_sheet(path, "hidden");
}

/// Every answer on a very hidden sheet (shown only through VBA).
pub fn write_answers_on_very_hidden_sheet(path: &Path) {
    hide_report_sheet(path, "veryHidden");
}

/// A valid report with a second part a reader takes for its sheet,
/// named `name`, holding [`copied_sheet_xml`]'s figures.
pub fn lookalike_part(path: &Path, name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("rapport.xlsx");
    write_valid(&plain);
    rewrite(&plain, path, |_, bytes| Some(bytes), vec![(name.to_string(), Data::Stored(copied_sheet_xml()))]);
}

/// The second sheet part's name in upper and lower case.
pub fn write_parts_differing_in_case(path: &Path) {
    lookalike_part(path, "XL/Worksheets/Sheet1.xml");
}

/// The second sheet part's name with `\` for `/`.
pub fn write_parts_differing_in_backslash(path: &Path) {
    lookalike_part(path, "xl\\worksheets\\sheet1.xml");
}

/// The second sheet part's name with a leading `/`.
pub fn write_parts_differing_in_leading_slash(path: &Path) {
    lookalike_part(path, "/xl/worksheets/sheet1.xml");
}

/// Excel's owner file while `2018-K2 Heby.xlsx` is open: the user's name,
/// padded, in 165 bytes.
pub fn write_lock_file(path: &Path) {
    let mut bytes = vec![8u8];
    bytes.extend(format!("{:<53}", "kansliet").as_bytes());
    bytes.extend([8, 0]);
    bytes.extend("kansliet".encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(165, 0);
    std::fs::write(path, bytes).unwrap();
}

/// A bare workbook of one sheet `Blad1` with the cells given (the sheet's
/// `<row>` elements), written by hand: no library writes a cell outside the grid.
fn write_bare_workbook(path: &Path, dimension: &str, rows: &str) {
    let part = |xml: String| {
        Data::Stored(format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{xml}"#).into_bytes())
    };
    let rels = "http://schemas.openxmlformats.org/package/2006/relationships";
    let office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let types = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    zip::write(
        path,
        vec![
            (
                "[Content_Types].xml".into(),
                part(format!(
                    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{types}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{types}.worksheet+xml"/></Types>"#
                )),
            ),
            (
                "_rels/.rels".into(),
                part(format!(
                    r#"<Relationships xmlns="{rels}"><Relationship Id="rId1" Type="{office}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
                )),
            ),
            (
                "xl/workbook.xml".into(),
                part(format!(
                    r#"<workbook xmlns="{main}" xmlns:r="{office}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
                )),
            ),
            (
                "xl/_rels/workbook.xml.rels".into(),
                part(format!(
                    r#"<Relationships xmlns="{rels}"><Relationship Id="rId1" Type="{office}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
                )),
            ),
            (
                "xl/worksheets/sheet1.xml".into(),
                part(format!(
                    r#"<worksheet xmlns="{main}"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>"#
                )),
            ),
        ],
    );
}

/// Cells at `A1` and `XFD1048576`, the last of Excel's grid, in 2 KB: a
/// dense range of it would be 17 billion cells (calamine issue #693).
pub fn write_far_corner(path: &Path) {
    write_bare_workbook(
        path,
        "A1:XFD1048576",
        r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
    );
}

/// Cells at `A1` and `XFE1`, one column beyond Excel's grid.
pub fn write_out_of_grid(path: &Path) {
    write_bare_workbook(
        path,
        "A1:XFE1",
        r#"<row r="1"><c r="A1"><v>1</v></c><c r="XFE1"><v>1</v></c></row>"#,
    );
}

/// File names of correct reports that other systems make: Swedish letters,
/// spaces, a browser's `(2)`, an upper-case extension.
pub const NAMES: &[&str] = &["2018-K2 Håbo, Älvkarleby & Östhammar (2).xlsx", "RAPPORT HEBY.XLSX"];

/// A name with every character Windows forbids (legal on unix).
#[cfg(unix)]
pub const WINDOWS_RESERVED: &str = r#"Heby: K2? <slutlig> *ny* "rättad" a|b\c.xlsx"#;

/// The two copies of one report: the older, and the newer one beside it.
pub const TWICE: [&str; 2] = ["2018-K2 Heby.xlsx", "2018-K2 Heby (2).xlsx"];

/// Writes the same report under both names of [`TWICE`], the `(2)` copy a
/// minute newer.
pub fn write_twice(dir: &Path) {
    let (old, new) = (dir.join(TWICE[0]), dir.join(TWICE[1]));
    write_valid(&old);
    std::fs::copy(&old, &new).unwrap();
    let later = std::fs::metadata(&old).unwrap().modified().unwrap() + std::time::Duration::from_secs(60);
    std::fs::File::options().write(true).open(&new).unwrap().set_modified(later).unwrap();
}

/// A folder link pointing at its own folder, and a file link pointing at itself.
#[cfg(unix)]
pub fn write_symlink_loops(dir: &Path) {
    std::os::unix::fs::symlink(".", dir.join("slinga")).unwrap();
    std::os::unix::fs::symlink("själv.xlsx", dir.join("själv.xlsx")).unwrap();
}

/// Writes one case to the path given.
pub type Write = fn(&Path);

/// Every generated file with its writer, by file name.
pub const GENERATED: &[(&str, Write)] = &[
    ("tom fil.xlsx", write_empty),
    ("textfil.xlsx", write_text),
    ("avklippt.xlsx", write_truncated),
    ("word-dokument.xlsx", write_word_document),
    ("xlsx med namnet xlsb.xlsb", write_xlsx_named_xlsb),
    ("namnen borta.xlsx", write_names_gone),
    ("mallversion 2.xlsx", write_unknown_version),
    ("register.xlsx", write_register),
    ("formler med resultat.xlsx", write_formulas_with_results),
    ("formler utan resultat.xlsx", write_formulas_without_results),
    ("sammanfogade celler.xlsx", write_merged),
    ("dolda rader och kolumner.xlsx", write_hidden),
    ("zipbomb.xlsx", write_zip_bomb),
    ("xml-bomb.xlsx", write_xml_bomb),
    ("en miljon rader.xlsx", write_million_rows),
    ("~$2018-K2 Heby.xlsx", write_lock_file),
    ("cell i hörnet XFD1048576.xlsx", write_far_corner),
    ("cell utanför rutnätet XFE1.xlsx", write_out_of_grid),
    ("skrivskyddad.xlsx", write_read_only),
    ("kopierat blad, bladets namn efter.xlsx", write_copied_sheet_names_after),
    ("kopierat blad, bladets namn före.xlsx", write_copied_sheet_names_before),
    ("namn två gånger.xlsx", write_name_twice),
    ("svar på dolt blad.xlsx", write_answers_on_hidden_sheet),
    ("svar på mycket dolt blad.xlsx", write_answers_on_very_hidden_sheet),
    ("delar i olika skiftläge.xlsx", write_parts_differing_in_case),
    ("delar med bakstreck.xlsx", write_parts_differing_in_backslash),
    ("del med inledande snedstreck.xlsx", write_parts_differing_in_leading_slash),
];

/// A correct report, read-only.
pub fn write_read_only(path: &Path) {
    write_valid(path);
    let mut permissions = std::fs::metadata(path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(path, permissions).unwrap();
}

/// Makes every file in `dir` writable again, so the folder can be removed
/// (Windows refuses to delete a read-only file).
pub fn make_writable(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let meta = std::fs::symlink_metadata(entry.path()).unwrap();
        if meta.is_file() && meta.permissions().readonly() {
            let mut permissions = meta.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            permissions.set_readonly(false);
            std::fs::set_permissions(entry.path(), permissions).unwrap();
        }
    }
}

/// Writes every case of the gallery made in code into `dir`.
pub fn write_generated(dir: &Path) {
    for (name, write) in GENERATED {
        write(&dir.join(name));
    }
    for name in NAMES {
        write_valid(&dir.join(name));
    }
    write_twice(dir);
    #[cfg(unix)]
    {
        write_valid(&dir.join(WINDOWS_RESERVED));
        write_symlink_loops(dir);
        write_special_entries(dir);
    }
    write_valid(&dir.join(TRAILING_SPACE));
    write_valid(&dir.join(DECOMPOSED));
    #[cfg(target_os = "linux")]
    write_valid(&dir.join(non_utf8_name()));
}

/// A report whose name ends in a space after `.xlsx`: Windows shows an .xlsx.
pub const TRAILING_SPACE: &str = "2018-K2 Heby med mellanslag sist.xlsx ";
/// A report whose name macOS wrote decomposed (`å` as `a` and a combining ring).
pub const DECOMPOSED: &str = "2018-K2 Ha\u{30a}bo.xlsx";
/// The entries of [`write_special_entries`]: none is a regular file but
/// [`VIDEO`], which is over the per-file limit.
pub const PIPE: &str = "följebrev.txt";
pub const ENDLESS: &str = "bilaga.pdf";
pub const VIDEO: &str = "inspelning av styrgruppsmötet.mp4";

/// What lies beside the reports in a real folder and is no file to read: a
/// named pipe, a link to an endless device, and a video over the per-file
/// limit (sparse: it takes no disk). Reading any of these whole would hang a
/// run or take its memory.
#[cfg(unix)]
pub fn write_special_entries(dir: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let pipe = std::ffi::CString::new(dir.join(PIPE).as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the entry.
    assert_eq!(unsafe { libc::mkfifo(pipe.as_ptr(), 0o644) }, 0);
    std::os::unix::fs::symlink("/dev/zero", dir.join(ENDLESS)).unwrap();
    let video = std::fs::File::create(dir.join(VIDEO)).unwrap();
    video.set_len(uppfoljning::guard::MAX_FILE_BYTES + (10 << 20)).unwrap();
}

/// Writes every case of the gallery, generated and committed, into `dir`.
pub fn write_gallery(dir: &Path) {
    write_generated(dir);
    for name in COMMITTED {
        std::fs::copy(fixtures().join(name), dir.join(name)).unwrap();
    }
}

/// `Heby å.xlsx` with the å in Latin-1, as an old zip program extracts it:
/// not UTF-8, which Linux file names may be.
#[cfg(target_os = "linux")]
pub fn non_utf8_name() -> std::ffi::OsString {
    use std::os::unix::ffi::OsStringExt;
    std::ffi::OsString::from_vec(b"Heby \xe5.xlsx".to_vec())
}
