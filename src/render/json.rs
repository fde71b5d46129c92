//! The follow-up as JSON, for scripts and tests (`--json FIL`, schema in
//! `docs/json.md`): `{"schema": "uppfoljning-sammanstallning", "version": 1,
//! …}` followed by the [`Sammanstallning`]'s fields as serde writes them,
//! with two readable spellings: `period` as `"2018-H1"` and each finding's
//! `code` as its stable text (`"svar-saknas"`, as in `docs/fynd.md`).
//!
//! Guarantees: the same follow-up gives the same bytes (fields in declaration
//! order, no maps with unordered keys, no clock: the one time, `jamforelse.sparad`,
//! is when the compared workbook was saved, read from it); pretty-printed UTF-8
//! ending in a newline. A field added to the model appears here (the
//! destructuring below does not compile until it is placed); a rename or
//! removal changes the schema and needs [`VERSION`] 2.

use crate::aggregate::rapportdata::{Malrapportrad, malrader};
use crate::aggregate::{
    AvslutStatistik, FordelningRad, Historik, InsatsResultat, Kalla, Rapportrad, Sammanstallning, Totaler,
};
use crate::changes::{Andring, Andringar};
use crate::finding::{Finding, Forklarad, Kvitterad, Severity};
use crate::register::Installningar;
use serde::Serialize;

/// The schema's name, the document's first field.
pub const SCHEMA: &str = "uppfoljning-sammanstallning";
/// The schema's version: additive changes keep it; a rename or removal raises it.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    version: u32,
    /// `"2018-K2"`, `"2018-H1"` or `"2018"`: the spelling `--period` takes.
    period: String,
    titel: &'a str,
    insatser: &'a [InsatsResultat],
    avslut: &'a AvslutStatistik,
    fordelning: &'a [FordelningRad],
    /// The total rows, each with what it is over.
    totaler: &'a Totaler,
    installningar: &'a Installningar,
    fynd: Vec<Fynd<'a>>,
    kallor: &'a [Kalla],
    /// Quarter by quarter since the archive's first quarter, and Att följa upp.
    historik: &'a Historik,
    /// `None` (null) when there was no earlier workbook to compare with.
    andringar: Option<&'a [Andring]>,
    /// Every report read, with the contract's field names as keys (`Rapportdata`).
    rapportdata: &'a [Rapportrad],
    /// Every goal row of those reports (`Rapportmål`).
    rapportmal: Vec<Malrapportrad<'a>>,
    /// What `andringar` measures from; `None` (null) with it.
    jamforelse: Option<Jamforelse<'a>>,
}

/// The earlier workbook the changes measure from, and whether the list is
/// the previous run's, kept.
#[derive(Serialize)]
struct Jamforelse<'a> {
    /// Its file name; `None` for a list kept from a workbook that did not record it.
    fil: Option<&'a str>,
    /// When it was saved ("2026-06-15 14:05"), if known.
    sparad: Option<&'a str>,
    behallen: bool,
}

impl<'a> From<&'a Andringar> for Jamforelse<'a> {
    fn from(andringar: &'a Andringar) -> Self {
        let sedan = andringar.sedan.as_ref();
        Jamforelse {
            fil: sedan.map(|s| s.fil.as_str()),
            sparad: sedan.and_then(|s| s.sparad.as_deref()),
            behallen: andringar.behallen,
        }
    }
}

/// A [`Finding`] with its code spelled as kansliet reads it.
#[derive(Serialize)]
struct Fynd<'a> {
    code: &'static str,
    severity: Severity,
    file: &'a str,
    sheet: Option<&'a str>,
    cell: Option<&'a str>,
    field: Option<&'a str>,
    insats_id: Option<&'a str>,
    message: &'a str,
    /// The quarter of the report it is about, `"2018-K2"`, when known.
    kvartal: Option<String>,
    /// Explained by the styrgrupp's comment: the field and the comment.
    forklarad: Option<&'a Forklarad>,
    /// Accepted by kansliet in `Kvitteringar`: the reason, the severity it
    /// had, and the row.
    kvitterad: Option<&'a Kvitterad>,
}

impl<'a> From<&'a Finding> for Fynd<'a> {
    fn from(finding: &'a Finding) -> Self {
        let Finding {
            code,
            severity,
            file,
            sheet,
            cell,
            field,
            insats_id,
            message,
            kvartal,
            forklarad,
            kvitterad,
        } = finding;
        Fynd {
            code: code.as_str(),
            severity: *severity,
            file,
            sheet: sheet.as_deref(),
            cell: cell.as_deref(),
            field: field.as_deref(),
            insats_id: insats_id.as_deref(),
            message,
            kvartal: kvartal.map(|q| q.to_string()),
            forklarad: forklarad.as_ref(),
            kvitterad: kvitterad.as_ref(),
        }
    }
}

/// The follow-up and the changes since an earlier workbook (`None`: there
/// was none) as pretty-printed JSON, ending in a newline.
pub fn to_json(
    sammanstallning: &Sammanstallning,
    andringar: Option<&Andringar>,
) -> Result<Vec<u8>, serde_json::Error> {
    let Sammanstallning {
        period,
        titel,
        insatser,
        avslut,
        fordelning,
        totaler,
        installningar,
        fynd,
        kallor,
        historik,
        idag: _,
        rapportdata,
    } = sammanstallning;
    let document = Document {
        schema: SCHEMA,
        version: VERSION,
        period: period.to_string(),
        titel,
        insatser,
        avslut,
        fordelning,
        totaler,
        installningar,
        fynd: fynd.iter().map(Fynd::from).collect(),
        kallor,
        historik,
        andringar: andringar.map(|a| a.rader.as_slice()),
        jamforelse: andringar.map(Jamforelse::from),
        rapportdata,
        rapportmal: malrader(rapportdata),
    };
    // Fails only if a Serialize impl of the model returned an error, which
    // none does (derives, Decimal, NaiveDate); the run then stops, exit 2.
    let mut bytes = serde_json::to_vec_pretty(&document)?;
    bytes.push(b'\n');
    Ok(bytes)
}
