//! The sheets about the run itself: `Kontroll` (every finding, Fel
//! first), `Källor` (every file seen in the inbox and what became of it)
//! and `Ändringar` (what changed since an earlier workbook of the period,
//! which that workbook is, and whether the list is the previous run's kept).
//! They are kansliet's working sheets, after the board's
//! ([`Sheet::for_kansliet`]).

use super::InsatsNamn;
use super::table::{Cell, Column, HEADER_ROW, Row, Sheet, Table};
use crate::aggregate::{KallStatus, Sammanstallning};
use crate::changes::{Andringar, FIRST_RUN, NO_CHANGES};
use crate::finding::{Finding, Severity};
use crate::register::Status;
use rust_xlsxwriter::{DocProperties, Worksheet, XlsxError};

pub(super) const KONTROLL: &str = "Kontroll";
pub(super) const KALLOR: &str = "Källor";
pub(super) const ANDRINGAR: &str = "Ändringar";

/// The custom document property naming the earlier workbook the list of
/// `Ändringar` measures from, so that a later run can keep the list with it.
pub const ANDRINGAR_SEDAN: &str = "Ändringar sedan";
/// The custom document property saying when that workbook was saved.
pub const ANDRINGAR_SEDAN_SPARAD: &str = "Ändringar sedan, sparad";

/// A SHA-256 in hex is 64 characters without a space: its column must
/// hold it on one line.
const HASH_WIDTH: f64 = 70.0;

pub(super) fn kontroll(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let caption = "Allt verktyget hittade i rapporterna och registret, Fel först. \
                   Skicka varje styrgrupp raderna för dess fil.";
    let mut sheet = Sheet::for_kansliet(ws, KONTROLL, &s.titel, caption)?;
    let mut columns =
        ["Allvarlighet", "Kod", "Insats", "Fil", "Blad", "Cell", "Fält"].map(Column::new).to_vec();
    columns.push(Column::prose("Meddelande"));
    let table = Table {
        name: "Kontroll",
        columns,
        rows: {
            let namn = InsatsNamn::of(s);
            s.fynd.iter().map(|f| finding(&namn, f)).collect()
        },
        total: None,
        when_empty: (7, "Inga fynd: rapporterna och registret gick igenom kontrollen.".to_string()),
    };
    sheet.table(HEADER_ROW, 0, &table)?;
    sheet.finish(&s.titel)
}

fn finding<'a>(namn: &InsatsNamn, f: &'a Finding) -> Row<'a> {
    let status = match f.severity {
        Severity::Fel => Some(Status::Rod),
        Severity::Varning => Some(Status::Gul),
        Severity::Info => None,
    };
    Row::new(vec![
        Cell::Colored(f.severity.label().to_string(), status),
        Cell::text(f.code.as_str()),
        Cell::opt_text(f.insats_id.as_deref().map(|id| namn.of_id(id)).as_deref()),
        Cell::text(&f.file),
        Cell::opt_text(f.sheet.as_deref()),
        Cell::opt_text(f.cell.as_deref()),
        Cell::opt_text(f.field.as_deref()),
        Cell::text(&f.message),
    ])
}

pub(super) fn kallor(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let caption = "Varje fil i inkorgen och vad som blev av den. SHA-256 visar exakt vilken version av filen som lästes.";
    let mut sheet = Sheet::for_kansliet(ws, KALLOR, &s.titel, caption)?;
    let columns = vec![
        Column::new("Fil"),
        Column::new("Insats"),
        Column::new("Kvartal"),
        Column::new("Mallversion"),
        Column::new("Ändrad"),
        Column::wide("SHA-256", HASH_WIDTH),
        Column::new("Status"),
        Column::prose("Kommentar"),
    ];
    let namn = InsatsNamn::of(s);
    let rows = s
        .kallor
        .iter()
        .map(|k| {
            // A file that could not be used needs someone to look at it.
            let status = matches!(k.status, KallStatus::Fel | KallStatus::Olaslig | KallStatus::ITvivel)
                .then_some(Status::Rod);
            Row::new(vec![
                Cell::text(&k.fil),
                Cell::opt_text(k.insats_id.as_deref().map(|id| namn.of_id(id)).as_deref()),
                Cell::opt_text(k.kvartal.map(|q| q.to_string()).as_deref()),
                Cell::opt_text(k.mallversion.as_deref()),
                k.andrad.map_or(Cell::Empty, Cell::Date),
                Cell::Code(k.sha256.clone()),
                Cell::Colored(k.status.label().to_string(), status),
                Cell::opt_text(k.kommentar.as_deref()),
            ])
        })
        .collect();
    let table = Table {
        name: "Kallor",
        columns,
        rows,
        total: None,
        when_empty: (0, "Inga filer hittades i inkorgen.".to_string()),
    };
    sheet.table(HEADER_ROW, 0, &table)?;
    sheet.finish(&s.titel)
}

pub(super) fn andringar(
    ws: &mut Worksheet,
    s: &Sammanstallning,
    changes: Option<&Andringar>,
) -> Result<(), XlsxError> {
    let mut sheet = Sheet::for_kansliet(ws, ANDRINGAR, &s.titel, &andringar_caption(changes))?;
    let rows = changes
        .map(|a| a.rader.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|c| {
            Row::new(vec![
                Cell::text(&c.vad),
                Cell::text(&c.insats),
                Cell::text(&c.fore),
                Cell::text(&c.efter),
            ])
        })
        .collect();
    let table = Table {
        name: "Andringar",
        columns: ["Vad", "Insats", "Före", "Efter"].map(Column::new).to_vec(),
        rows,
        total: None,
        when_empty: (0, andringar_when_empty(changes)),
    };
    sheet.table(HEADER_ROW, 0, &table)?;
    sheet.finish(&s.titel)
}

/// The sheet's heading: which workbook the list measures from and when it
/// was saved, or that the list is the previous run's, kept.
fn andringar_caption(changes: Option<&Andringar>) -> String {
    let what = "rapporter, statusar och fynd";
    match changes {
        Some(Andringar { behallen: true, sedan: Some(sedan), .. }) => format!(
            "Inga nya ändringar sedan förra körningen; listan nedan är ändringarna sedan {} som förra körningen \
             visade.",
            sedan.beskrivning()
        ),
        Some(Andringar { behallen: true, sedan: None, .. }) => {
            "Inga nya ändringar sedan förra körningen; listan nedan är ändringarna som förra körningen visade."
                .to_string()
        }
        Some(Andringar { sedan: Some(sedan), .. }) => {
            format!("Vad som ändrats sedan {}: {what}.", sedan.beskrivning())
        }
        _ => format!("Vad som ändrats sedan förra körningen för samma period: {what}."),
    }
}

/// The only row of an empty list.
fn andringar_when_empty(changes: Option<&Andringar>) -> String {
    match changes.map(|a| a.sedan.as_ref()) {
        None => FIRST_RUN.to_string(),
        Some(None) => NO_CHANGES.to_string(),
        Some(Some(sedan)) => format!("Inga ändringar sedan {}.", sedan.beskrivning()),
    }
}

/// `properties` with what the list of `Ändringar` measures from, for the
/// next run to keep with the list ([`ANDRINGAR_SEDAN`]).
pub(super) fn with_andringar_sedan(properties: DocProperties, changes: Option<&Andringar>) -> DocProperties {
    let Some(sedan) = changes.and_then(|a| a.sedan.as_ref()) else { return properties };
    let properties = properties.set_custom_property(ANDRINGAR_SEDAN, sedan.fil.as_str());
    match &sedan.sparad {
        Some(sparad) => properties.set_custom_property(ANDRINGAR_SEDAN_SPARAD, sparad.as_str()),
        None => properties,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::Jamforelse;

    #[test]
    fn the_heading_names_the_workbook_compared_with_or_the_kept_list() {
        let sedan = Jamforelse { fil: "Styrelsen.xlsx".into(), sparad: Some("2026-06-15 14:05".into()) };
        let compared = Andringar { sedan: Some(sedan.clone()), behallen: false, rader: vec![] };
        assert_eq!(
            andringar_caption(Some(&compared)),
            "Vad som ändrats sedan Styrelsen.xlsx (sparad 2026-06-15 14:05): rapporter, statusar och fynd."
        );
        assert_eq!(
            andringar_when_empty(Some(&compared)),
            "Inga ändringar sedan Styrelsen.xlsx (sparad 2026-06-15 14:05)."
        );
        let kept = Andringar { behallen: true, ..compared };
        assert_eq!(
            andringar_caption(Some(&kept)),
            "Inga nya ändringar sedan förra körningen; listan nedan är ändringarna sedan Styrelsen.xlsx (sparad \
             2026-06-15 14:05) som förra körningen visade."
        );
        let older = Andringar { sedan: None, ..kept };
        assert_eq!(
            andringar_caption(Some(&older)),
            "Inga nya ändringar sedan förra körningen; listan nedan är ändringarna som förra körningen visade."
        );
        assert_eq!(
            andringar_caption(None),
            "Vad som ändrats sedan förra körningen för samma period: rapporter, statusar och fynd."
        );
        assert_eq!(andringar_when_empty(None), FIRST_RUN);
    }
}
