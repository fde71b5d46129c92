//! A workbook's defined names with their scope, as Excel resolves them.
//!
//! calamine gives each defined name and its target but drops the scope: an
//! xlsx `<definedName localSheetId="1">` belongs to the second sheet only,
//! and Excel writes such a name on every sheet that is copied inside the
//! workbook. Here the xlsx's workbook part is read a second time for the
//! scopes, and paired with calamine's names only when both list the same
//! names and targets in the same order; otherwise, and for xls, xlsb and
//! ods, every scope is [`Scope::Unknown`].
//!
//! The part is nearly always the guard's copy ([`crate::guard::Inspected`]),
//! so it is inflated once per file, and read in place. Only when that copy
//! is missing or is not the part calamine read is the zip opened again,
//! through the same bounded reads as the guard (the part's declared size,
//! already checked).
//!
//! Nothing here panics or indexes on input; a part that cannot be read
//! leaves the scopes unknown.

use super::Bytes;
use calamine::{Reader, Sheets};
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Read, Seek, Take};
use zip::ZipArchive;
use zip::read::ZipFile;

/// Where a defined name applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The whole workbook: the template's names.
    Workbook,
    /// One sheet only (`localSheetId`), by its name.
    Sheet(String),
    /// Not known: the format does not say, or the scopes could not be read.
    Unknown,
}

/// One defined name as written in the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinedName {
    pub name: String,
    /// What it points at, e.g. `Rapport!$B$40`.
    pub target: String,
    pub scope: Scope,
}

/// The defined names calamine read from `sheets`, each with its scope read
/// from `workbook_part` (the guard's copy of `xl/workbook.xml`, if kept) or
/// else from `bytes` (the same file) where the format has one.
pub(super) fn with_scopes(
    bytes: &[u8],
    workbook_part: Option<&[u8]>,
    sheets: &Sheets<Bytes>,
) -> Vec<DefinedName> {
    let names = sheets.defined_names();
    let scopes = match sheets {
        Sheets::Xlsx(_) => workbook_part
            .and_then(|xml| scopes_from_part(xml, names))
            .or_else(|| xlsx_scopes(bytes, names))
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let sheet_names: Vec<&str> = sheets.sheets_metadata().iter().map(|s| s.name.as_str()).collect();
    let scope_of = |index: usize| match scopes.get(index) {
        Some(None) => Scope::Workbook,
        Some(Some(id)) => Scope::Sheet(match sheet_names.get(*id) {
            Some(name) => (*name).to_string(),
            // No such sheet: Excel would repair the file; the name is still not the workbook's.
            None => format!("nr {}", id.saturating_add(1)),
        }),
        None => Scope::Unknown,
    };
    let named = names.iter().enumerate();
    named
        .map(|(i, (name, target))| DefinedName {
            name: name.clone(),
            target: target.clone(),
            scope: scope_of(i),
        })
        .collect()
}

/// The scopes of `expected` (calamine's names and targets) from the bytes
/// of a workbook part; `None` unless the part lists exactly those names, in
/// order. Read in place: only the `definedNames` element is parsed, and no
/// name or target is copied, so this costs a report a few thousand
/// instructions rather than a second inflate and parse of the part.
fn scopes_from_part(xml: &[u8], expected: &[(String, String)]) -> Option<Vec<Option<usize>>> {
    let Some(start) = memchr::memmem::find(xml, b"<definedNames") else {
        return expected.is_empty().then(Vec::new);
    };
    let mut reader = quick_xml::Reader::from_reader(xml.get(start..)?);
    reader.config_mut().check_end_names = false;
    let mut expected = expected.iter();
    let mut scopes = Vec::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.local_name().as_ref() == "definedName" => {
                // The next name calamine listed, compared with this one in place.
                let (want_name, want_target) = expected.clone().next()?;
                let mut same_name = None;
                let mut scope = None;
                for attr in e.attributes().with_checks(false) {
                    let attr = attr.ok()?;
                    match attr.key.as_ref() {
                        "name" => {
                            same_name =
                                Some(quick_xml::escape::unescape(&attr.value).ok()? == want_name.as_str())
                        }
                        "localSheetId" => scope = Some(attr.value.trim().parse::<usize>().ok()?),
                        _ => {}
                    }
                }
                // calamine skips a definedName without a name; so does this list.
                let Some(same_name) = same_name else { continue };
                expected.next();
                if !same_name || !text_is(&mut reader, want_target)? {
                    return None;
                }
                scopes.push(scope);
            }
            Event::Empty(e) if e.local_name().as_ref() == "definedName" => return None,
            Event::End(e) if e.local_name().as_ref() == "definedNames" => break,
            Event::Eof => break,
            _ => {}
        }
    }
    expected.next().is_none().then_some(scopes)
}

/// Whether the text of the element just started, up to its end, is
/// `wanted`, entities resolved as calamine resolves them; `None` when the
/// XML is broken.
fn text_is(reader: &mut quick_xml::Reader<&[u8]>, wanted: &str) -> Option<bool> {
    let mut rest = Some(wanted);
    loop {
        let piece: std::borrow::Cow<'_, str> = match reader.read_event().ok()? {
            Event::Text(t) => t.xml10_content(),
            Event::GeneralRef(r) => {
                let entity: &str = r.as_ref();
                match quick_xml::escape::resolve_xml_entity(entity) {
                    Some(resolved) => resolved.into(),
                    None => r.resolve_char_ref().ok()??.to_string().into(),
                }
            }
            Event::End(_) => return Some(rest == Some("")),
            Event::Eof => return None,
            _ => continue,
        };
        rest = rest.and_then(|r| r.strip_prefix(piece.as_ref()));
    }
}

/// The scopes of `found`, when its names and targets are `expected`, in order.
fn paired(
    found: Vec<(String, String, Option<usize>)>,
    expected: &[(String, String)],
) -> Option<Vec<Option<usize>>> {
    let same = found.len() == expected.len()
        && found.iter().zip(expected).all(|((name, target, _), (n, t))| name == n && target == t);
    same.then(|| found.into_iter().map(|(_, _, scope)| scope).collect())
}

/// The `localSheetId` of every `<definedName>` of the xlsx's workbook part,
/// in order; `None` unless the part lists exactly `expected` (calamine's
/// names and targets), so a scope is never paired with another name.
fn xlsx_scopes(bytes: &[u8], expected: &[(String, String)]) -> Option<Vec<Option<usize>>> {
    let mut zip = ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let scopes_in =
        |zip: &mut ZipArchive<_>, path: &str| paired(read_part(zip, path, defined_names)?, expected);
    // Where nearly every workbook has it; a part elsewhere is found as
    // calamine finds it. Either way the names must be calamine's, in order.
    scopes_in(&mut zip, DEFAULT_WORKBOOK_PART).or_else(|| {
        let path = workbook_path(&mut zip)?;
        (path != DEFAULT_WORKBOOK_PART).then(|| scopes_in(&mut zip, &path)).flatten()
    })
}

/// The workbook part's usual place (Excel, LibreOffice, rust_xlsxwriter).
const DEFAULT_WORKBOOK_PART: &str = crate::guard::WORKBOOK_PART;

/// The workbook part, as calamine finds it: the last `officeDocument`
/// relationship of `_rels/.rels`, a leading `/` dropped.
fn workbook_path<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Option<String> {
    let target = read_part(zip, "_rels/.rels", |xml| {
        let mut target = None;
        each_element(xml, |e, _| {
            if e.local_name().as_ref() == "Relationship" {
                let is_document =
                    attribute(e, "Type").is_some_and(|t| t.ends_with("/relationships/officeDocument"));
                if is_document {
                    target = attribute(e, "Target").or(target.take());
                }
            }
            Some(())
        })?;
        Some(target)
    })??;
    let (dir, name) = target.rsplit_once('/').map_or(("", target.as_str()), |(d, n)| (d, n));
    let dir = dir.strip_prefix('/').unwrap_or(dir);
    let name = if name.is_empty() { "workbook.xml" } else { name };
    Some(if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") })
}

/// Reads the part that calamine would read for `path` (compared lower-cased
/// with `/` for `\`, as calamine looks parts up), at most its declared size.
fn read_part<'z, R: Read + Seek, T>(
    zip: &'z mut ZipArchive<R>,
    path: &str,
    read: impl FnOnce(&mut quick_xml::Reader<BufReader<Take<ZipFile<'z, R>>>>) -> Option<T>,
) -> Option<T> {
    let wanted = path.to_ascii_lowercase();
    let index = (0..zip.len()).find(|&i| {
        let name = zip.name_for_index(i).and_then(Result::ok);
        name.is_some_and(|name| name.replace('\\', "/").to_ascii_lowercase() == wanted)
    })?;
    let part = zip.by_index(index).ok()?;
    // The guard has checked the declared size against its limit, and the zip
    // crate fails a read past it.
    let limit = part.size().min(crate::guard::MAX_ENTRY_BYTES);
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part.take(limit)));
    xml.config_mut().expand_empty_elements = true;
    xml.config_mut().check_end_names = false;
    read(&mut xml)
}

/// Calls `visit` with every element start of `xml` (and the reader, to read
/// the element's text); stops at the end, an error or when `visit` gives `None`.
fn each_element<B: std::io::BufRead>(
    xml: &mut quick_xml::Reader<B>,
    mut visit: impl FnMut(&BytesStart<'_>, &mut quick_xml::Reader<B>) -> Option<()>,
) -> Option<()> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).ok()? {
            Event::Start(e) => visit(&e.into_owned(), xml)?,
            Event::Eof => return Some(()),
            _ => {}
        }
    }
}

/// Every `<definedName>` of a workbook part: name, target, `localSheetId`.
/// `None` when the part is broken or a `localSheetId` is not a number.
fn defined_names<B: std::io::BufRead>(
    xml: &mut quick_xml::Reader<B>,
) -> Option<Vec<(String, String, Option<usize>)>> {
    let mut names = Vec::new();
    each_element(xml, |e, xml| {
        if e.local_name().as_ref() != "definedName" {
            return Some(());
        }
        // calamine skips a definedName without a name; so does this list.
        let Some(name) = attribute(e, "name") else { return Some(()) };
        let scope = match attribute(e, "localSheetId") {
            Some(id) => Some(id.trim().parse::<usize>().ok()?),
            None => None,
        };
        names.push((name, text_until_end(xml, e)?, scope));
        Some(())
    })?;
    Some(names)
}

/// An attribute's value, entities resolved as calamine resolves them.
fn attribute(e: &BytesStart<'_>, key: &str) -> Option<String> {
    let attr = e.try_get_attribute(key).ok()??;
    Some(quick_xml::escape::unescape(&attr.value).ok()?.into_owned())
}

/// The text of the element `start` up to its end, entities resolved as
/// calamine resolves them.
fn text_until_end<B: std::io::BufRead>(
    xml: &mut quick_xml::Reader<B>,
    start: &BytesStart<'_>,
) -> Option<String> {
    let mut text = String::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).ok()? {
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let entity: &str = r.as_ref();
                match quick_xml::escape::resolve_xml_entity(entity) {
                    Some(resolved) => text.push_str(resolved),
                    None => text.push(r.resolve_char_ref().ok()??),
                }
            }
            Event::End(end) if end.name() == start.name() => return Some(text),
            Event::Eof => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(xml: &str) -> Option<Vec<(String, String, Option<usize>)>> {
        let mut reader = quick_xml::Reader::from_reader(xml.as_bytes());
        reader.config_mut().expand_empty_elements = true;
        defined_names(&mut reader)
    }

    #[test]
    fn defined_names_are_read_with_their_sheet_scope_and_entities_resolved() {
        let xml = r#"<workbook><sheets><sheet name="Rapport" sheetId="1"/></sheets><definedNames>
            <definedName name="budget_kr">Rapport!$B$40</definedName>
            <definedName name="budget_kr" localSheetId="1">'Rapport (2)'!$B$40</definedName>
            <definedName name="x&amp;y" localSheetId=" 0 ">'It&apos;s'!$A$1</definedName>
            <definedName>utan namn</definedName></definedNames></workbook>"#;
        assert_eq!(
            names_of(xml),
            Some(vec![
                ("budget_kr".into(), "Rapport!$B$40".into(), None),
                ("budget_kr".into(), "'Rapport (2)'!$B$40".into(), Some(1)),
                ("x&y".into(), "'It's'!$A$1".into(), Some(0)),
            ])
        );
    }

    #[test]
    fn a_scope_that_is_not_a_number_or_a_broken_part_leaves_the_scopes_unknown() {
        assert_eq!(names_of(r#"<w><definedName name="a" localSheetId="x">A!$A$1</definedName></w>"#), None);
        assert_eq!(names_of(r#"<w><definedName name="a">A!$A$1"#), None);
        assert_eq!(names_of("<w/>"), Some(Vec::new()));
    }

    /// The guard's copy is read in place; it must give what the streaming
    /// parse of the same part gives, and refuse what that refuses.
    #[test]
    fn the_in_place_read_pairs_scopes_as_the_streaming_parse_does() {
        let expected = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs.iter().map(|(n, t)| ((*n).to_string(), (*t).to_string())).collect()
        };
        let streamed = |xml: &str, want: &[(String, String)]| paired(names_of(xml)?, want);
        let copied = expected(&[
            ("budget_kr", "Rapport!$B$40"),
            ("budget_kr", "'Rapport (2)'!$B$40"),
            ("x&y", "'It's'!$A$1"),
            ("_xlnm.Print_Area", "Rapport!$A$1:$D$89"),
        ]);
        let xml = r#"<workbook><sheets><sheet name="Rapport" sheetId="1"/></sheets><definedNames>
            <definedName name="budget_kr">Rapport!$B$40</definedName>
            <definedName name="budget_kr" localSheetId="1">'Rapport (2)'!$B$40</definedName>
            <definedName name="x&amp;y" localSheetId=" 0 ">'It&apos;s'!$A$1</definedName>
            <definedName>utan namn</definedName>
            <definedName name="_xlnm.Print_Area" localSheetId="0">Rapport!$A$1:$D$89</definedName>
            </definedNames></workbook>"#;
        let scopes = Some(vec![None, Some(1), Some(0), Some(0)]);
        assert_eq!(scopes_from_part(xml.as_bytes(), &copied), scopes);
        assert_eq!(streamed(xml, &copied), scopes);
        // Another part than calamine's: a name, a target or the count differs.
        for other in [
            expected(&[("budget_kr", "Rapport!$B$40")]),
            expected(&[
                ("budget_kr", "Rapport!$B$41"),
                ("budget_kr", "'Rapport (2)'!$B$40"),
                ("x&y", "'It's'!$A$1"),
                ("_xlnm.Print_Area", "Rapport!$A$1:$D$89"),
            ]),
            expected(&[
                ("Budget_kr", "Rapport!$B$40"),
                ("budget_kr", "'Rapport (2)'!$B$40"),
                ("x&y", "'It's'!$A$1"),
                ("_xlnm.Print_Area", "Rapport!$A$1:$D$89"),
            ]),
        ] {
            assert_eq!(scopes_from_part(xml.as_bytes(), &other), None, "{other:?}");
            assert_eq!(streamed(xml, &other), None, "{other:?}");
        }
        // No names at all; a broken scope; an empty element is left to the streaming parse.
        assert_eq!(scopes_from_part(b"<workbook><sheets/></workbook>", &[]), Some(Vec::new()));
        let one = expected(&[("a", "A!$A$1")]);
        let broken = r#"<w><definedNames><definedName name="a" localSheetId="x">A!$A$1</definedName></definedNames></w>"#;
        assert_eq!(scopes_from_part(broken.as_bytes(), &one), None);
        let empty = r#"<w><definedNames><definedName name="a"/></definedNames></w>"#;
        assert_eq!(scopes_from_part(empty.as_bytes(), &one), None);
    }
}
