//! What the change list compares, in one shape for both sides: the rows of
//! `Källor`, the statuses of `Översikt` and the findings of `Kontroll`, as
//! texts the way the workbook shows them. [`Snapshot::of`] takes them from
//! the new follow-up; `previous` reads them back from the last workbook, so
//! an unchanged value is the same text on both sides.
//!
//! Kansliet's override mark `†` is not part of a status: an override that
//! changes a colour shows as the colour changing.

use crate::aggregate::Sammanstallning;
use crate::finding::Finding;
use crate::render::xlsx::InsatsNamn;

/// The status columns of `Översikt` that are compared, in the sheet's order.
pub(super) const STATUS_COLUMNS: [&str; 7] =
    ["Rapport", "Mål", "Förutsättningar", "Budget", "Kvalitet", "Deltagare", "Helhet"];

/// The column of [`STATUS_COLUMNS`] that judges the whole insats.
pub(super) const HELHET: usize = 6;

/// What `Översikt` shows in `Deltagare` for an insats without participants
/// to judge (as its renderer writes it).
const EJ_AKTUELLT: &str = "Ej aktuellt";

/// The compared tables of one run; `None` for a table the previous
/// workbook lacks or that could not be read, which is then not compared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Snapshot {
    pub kallor: Option<Vec<Fil>>,
    pub oversikt: Option<Vec<Statusrad>>,
    pub kontroll: Option<Vec<Fynd>>,
}

/// One row of `Källor`: a file of the inbox and what became of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Fil {
    pub fil: String,
    pub insats: String,
    pub kvartal: String,
    pub sha256: String,
    /// As shown: `Använd`, `Ersatt`…
    pub status: String,
}

/// One row of `Översikt`: an insats and its status texts by
/// [`STATUS_COLUMNS`]; `None` for a column the previous workbook lacks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Statusrad {
    pub insats: String,
    pub statuses: [Option<String>; STATUS_COLUMNS.len()],
}

/// What makes a finding the same one in two runs: its code, insats, file,
/// cell and field (not its wording, which may carry a changed value).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct FyndId {
    pub kod: String,
    pub insats: String,
    pub fil: String,
    pub cell: String,
    pub falt: String,
}

/// One row of `Kontroll`: the finding and, for the change list, where it
/// is and what it says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Fynd {
    pub id: FyndId,
    pub text: String,
}

impl Fynd {
    /// The text reads "2018-K2 GESAM.xlsx, cell B7: Svaret på … saknas.".
    pub(super) fn new(id: FyndId, message: &str) -> Fynd {
        let cell = (!id.cell.is_empty()).then(|| format!("cell {}", id.cell));
        let place: Vec<&str> = [Some(id.fil.as_str()), cell.as_deref()]
            .into_iter()
            .flatten()
            .filter(|part| !part.is_empty())
            .collect();
        let text =
            if place.is_empty() { message.to_string() } else { format!("{}: {message}", place.join(", ")) };
        Fynd { id, text }
    }
}

impl Snapshot {
    /// The new run's side.
    pub(super) fn of(s: &Sammanstallning) -> Snapshot {
        let namn = InsatsNamn::of(s);
        Snapshot {
            kallor: Some(s.kallor.iter().map(|k| fil(&namn, k)).collect()),
            oversikt: Some(s.insatser.iter().map(statusrad).collect()),
            kontroll: Some(s.fynd.iter().map(|f| fynd(&namn, f)).collect()),
        }
    }
}

fn fil(namn: &InsatsNamn, k: &crate::aggregate::Kalla) -> Fil {
    Fil {
        fil: k.fil.clone(),
        insats: insats_namn(namn, k.insats_id.as_deref()),
        kvartal: k.kvartal.map(|q| q.to_string()).unwrap_or_default(),
        sha256: k.sha256.clone(),
        status: k.status.label().to_string(),
    }
}

fn statusrad(insats: &crate::aggregate::InsatsResultat) -> Statusrad {
    let o = &insats.omraden;
    let deltagare = o.deltagare.as_ref().map_or(EJ_AKTUELLT, |d| d.text.as_str());
    let shown = [
        insats.rapport.label(),
        &o.mal.text,
        &o.forutsattningar.text,
        &o.budget.text,
        &o.kvalitet.text,
        deltagare,
        &o.helhet.text,
    ];
    Statusrad { insats: insats.kortnamn.clone(), statuses: shown.map(|text| Some(text.to_string())) }
}

fn fynd(namn: &InsatsNamn, f: &Finding) -> Fynd {
    let id = FyndId {
        kod: f.code.as_str().to_string(),
        insats: insats_namn(namn, f.insats_id.as_deref()),
        fil: f.file.clone(),
        cell: f.cell.clone().unwrap_or_default(),
        falt: f.field.clone().unwrap_or_default(),
    };
    Fynd::new(id, &f.message)
}

/// The insats as the tables name it, or empty when there is none.
fn insats_namn(namn: &InsatsNamn, id: Option<&str>) -> String {
    id.map(|id| namn.of_id(id)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(fil: &str, cell: &str) -> FyndId {
        FyndId { kod: "svar-saknas".into(), fil: fil.into(), cell: cell.into(), ..FyndId::default() }
    }

    #[test]
    fn a_finding_says_where_before_what() {
        assert_eq!(Fynd::new(id("a.xlsx", "B7"), "Svaret saknas.").text, "a.xlsx, cell B7: Svaret saknas.");
        assert_eq!(Fynd::new(id("a.xlsx", ""), "Filen är tom.").text, "a.xlsx: Filen är tom.");
        assert_eq!(Fynd::new(id("", ""), "Rapport saknas.").text, "Rapport saknas.");
    }
}
