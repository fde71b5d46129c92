//! The raw data: every report the inbox held that was read as a report,
//! field by field, with what the selection made of it ([`Rapportrad`]).
//! For the workbook's `Rapportdata` and `Rapportmål` and the JSON's
//! `rapportdata` and `rapportmal`, so kansliet can filter and pivot in
//! Excel or Power Query.
//!
//! Built from the [`Selection`] the aggregation made, never from a second
//! reading or a second rule: a row's status and comment are its line in
//! `Källor`, and a value a Fel rejected ([`super::underlag::rejects`]) is
//! left out and named in [`Rapportrad::avvisade`]. A byte-identical copy
//! (its SHA-256 is its original's) shows its original's rejections, since
//! the selection keeps of a copy only what says it is one. Free text is as
//! read: personal identity numbers are masked already.

use super::underlag::rejects;
use crate::contract::{self, FIELDS, Field};
use crate::period::Kvartal;
use crate::register::Register;
use crate::report::{Kvartalsrapport, Malrad, Varde};
use crate::select::{KallStatus, Selection};
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};

/// One report read, as the selection judged it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rapportrad {
    /// As on `Källor`: relative to the inbox.
    pub fil: String,
    /// The insats the report names, as on `Källor`.
    pub insats_id: Option<String>,
    /// The register's short name of that insats, when the register knows it.
    pub kortnamn: Option<String>,
    pub kvartal: Option<Kvartal>,
    /// What the selection made of it, as on `Källor`.
    pub status: KallStatus,
    /// Why, as on `Källor` ("Ersatt av …", "Kopia av …").
    pub kommentar: Option<String>,
    /// The fields whose value a Fel rejected, in the contract's order.
    pub avvisade: Vec<&'static str>,
    pub rapport: Kvartalsrapport,
}

impl Rapportrad {
    /// Whether the report counts for the period: it is the one used for
    /// its insats and quarter. Every other status says why not.
    pub fn rakneas(&self) -> bool {
        self.status == KallStatus::Anvand
    }

    /// The value `field` shows: the report's answer unless a Fel rejected it.
    pub fn varde(&self, field: &Field) -> Option<Varde<'_>> {
        if self.avvisade.contains(&field.name) { None } else { self.rapport.varde(field.name) }
    }

    /// The report's goals (`mal_lista`), numbered from 1: listed whether or
    /// not the block has a Fel, since each goal's text is what the report
    /// says; a status that did not parse is `None`.
    pub fn mal(&self) -> impl Iterator<Item = (u32, &Malrad)> {
        (1..).zip(&self.rapport.mal.lista)
    }
}

/// Every report the selection saw, in `Källor`'s order (by file name).
pub fn rapportdata(selection: &Selection, register: &Register) -> Vec<Rapportrad> {
    let judged = selection.files.iter().filter(|j| j.file.outcome.report.is_some());
    // Same bytes, same report: a copy's rejections are its original's.
    let mut by_bytes: BTreeMap<&str, BTreeSet<&'static str>> = BTreeMap::new();
    for j in judged.clone() {
        let fields =
            j.findings.iter().filter(|f| rejects(f)).filter_map(|f| contract::field(f.field.as_deref()?));
        by_bytes.entry(j.file.sha256.as_str()).or_default().extend(fields.map(|f| f.name));
    }
    judged
        .filter_map(|j| {
            let rapport = j.file.outcome.report.clone()?;
            let rejected = by_bytes.get(j.file.sha256.as_str());
            let avvisade = FIELDS
                .iter()
                .map(|f| f.name)
                .filter(|name| rejected.is_some_and(|r| r.contains(name)))
                .collect();
            let kalla = &j.kalla;
            Some(Rapportrad {
                fil: kalla.fil.clone(),
                insats_id: kalla.insats_id.clone(),
                kortnamn: kalla
                    .insats_id
                    .as_deref()
                    .and_then(|id| register.insats(id))
                    .map(|i| i.kortnamn.clone()),
                kvartal: kalla.kvartal,
                status: kalla.status,
                kommentar: kalla.kommentar.clone(),
                avvisade,
                rapport,
            })
        })
        .collect()
}

/// The JSON's names of the leading columns, and of the goal rows' columns.
pub mod namn {
    pub const FIL: &str = "fil";
    pub const ID: &str = "id";
    pub const KORTNAMN: &str = "kortnamn";
    pub const KVARTAL: &str = "kvartal";
    pub const RAKNEAS: &str = "rakneas";
    pub const STATUS: &str = "status";
    pub const KOMMENTAR: &str = "kommentar";
    pub const AVVISADE: &str = "avvisade";
    pub const FALT: &str = "falt";
    pub const NUMMER: &str = "nummer";
    pub const MAL: &str = "mal";
    pub const MALSTATUS: &str = "status";
}

/// A row as the JSON writes it: the leading columns, then `falt`, every
/// field of the contract by its defined name in the contract's order.
impl Serialize for Rapportrad {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut row = serializer.serialize_struct("Rapportrad", 9)?;
        row.serialize_field(namn::FIL, &self.fil)?;
        row.serialize_field(namn::ID, &self.insats_id)?;
        row.serialize_field(namn::KORTNAMN, &self.kortnamn)?;
        row.serialize_field(namn::KVARTAL, &self.kvartal)?;
        row.serialize_field(namn::RAKNEAS, &self.rakneas())?;
        row.serialize_field(namn::STATUS, &self.status)?;
        row.serialize_field(namn::KOMMENTAR, &self.kommentar)?;
        row.serialize_field(namn::AVVISADE, &self.avvisade)?;
        row.serialize_field(namn::FALT, &Falt(self))?;
        row.end()
    }
}

struct Falt<'r>(&'r Rapportrad);

impl Serialize for Falt<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(FIELDS.len()))?;
        for field in FIELDS {
            map.serialize_entry(field.name, &self.0.varde(field).map(Json))?;
        }
        map.end()
    }
}

/// A value in JSON: text and choices as strings, counts as numbers,
/// amounts as exact decimal strings and dates as `"ÅÅÅÅ-MM-DD"` (as the
/// rest of the document), the goal block as its number of goals.
struct Json<'r>(Varde<'r>);

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Varde::Text(text) => serializer.serialize_str(text),
            Varde::Choice(label) => serializer.serialize_str(label),
            Varde::Int(n) => serializer.serialize_u32(n),
            Varde::Kr(amount) => Serialize::serialize(&amount, serializer),
            Varde::Date(date) => Serialize::serialize(&date, serializer),
            Varde::Goals(goals) => serializer.serialize_u64(goals.len() as u64),
        }
    }
}

/// One goal row of a report, for the JSON's `rapportmal`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Malrapportrad<'r> {
    pub fil: &'r str,
    pub id: Option<&'r str>,
    pub kortnamn: Option<&'r str>,
    pub kvartal: Option<Kvartal>,
    pub rakneas: bool,
    pub nummer: u32,
    pub mal: &'r str,
    /// The status in its Swedish spelling; `None` when not given or not a `Målstatus`.
    pub status: Option<&'static str>,
    pub kommentar: Option<&'r str>,
}

/// Every goal row of every report, report by report.
pub fn malrader(rader: &[Rapportrad]) -> Vec<Malrapportrad<'_>> {
    rader
        .iter()
        .flat_map(|r| {
            r.mal().map(move |(nummer, m)| Malrapportrad {
                fil: &r.fil,
                id: r.insats_id.as_deref(),
                kortnamn: r.kortnamn.as_deref(),
                kvartal: r.kvartal,
                rakneas: r.rakneas(),
                nummer,
                mal: &m.mal,
                status: m.status.map(|s| s.label()),
                kommentar: m.kommentar.as_deref(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn row() -> Rapportrad {
        let mut rapport = Kvartalsrapport::default();
        rapport.budget.utfall_kr = Some(Decimal::new(12_345, 1));
        rapport.budget.budget_kr = Some(Decimal::from(2000));
        rapport.analys = Some("=SUMMA(A1)".into());
        Rapportrad {
            fil: "2018-K2 Heby.xlsx".into(),
            insats_id: Some("2017:48".into()),
            kortnamn: Some("Heby".into()),
            kvartal: Kvartal::new(2018, 2),
            status: KallStatus::Ersatt,
            kommentar: Some("Ersatt av 2018-K2 Heby (2).xlsx".into()),
            avvisade: vec!["utfall_kr"],
            rapport,
        }
    }

    #[test]
    fn a_rejected_value_is_not_shown_and_the_rest_are() {
        let row = row();
        let field = |name| contract::field(name).unwrap();
        assert_eq!(row.varde(field("utfall_kr")), None);
        assert_eq!(row.varde(field("budget_kr")), Some(Varde::Kr(Decimal::from(2000))));
        assert!(!row.rakneas());
    }

    #[test]
    fn the_json_row_names_every_field_of_the_contract_in_order() {
        let json = serde_json::to_value(row()).unwrap();
        assert_eq!(json["fil"], "2018-K2 Heby.xlsx");
        assert_eq!(json["rakneas"], false);
        assert_eq!(json["status"], "Ersatt");
        assert_eq!(json["avvisade"], serde_json::json!(["utfall_kr"]));
        let falt = json["falt"].as_object().unwrap();
        let names: Vec<&str> = falt.keys().map(String::as_str).collect();
        let mut contract: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        // serde_json's map sorts its keys unless told otherwise: compare as sets here,
        // and the order in the written bytes below.
        contract.sort_unstable();
        assert_eq!(names, contract);
        assert_eq!(falt["utfall_kr"], serde_json::Value::Null);
        assert_eq!(falt["budget_kr"], "2000");
        assert_eq!(falt["analys"], "=SUMMA(A1)");
        let text = serde_json::to_string(&row()).unwrap();
        let at = |name: &str| text.find(&format!("\"{name}\":")).unwrap();
        assert!(FIELDS.windows(2).all(|w| at(w[0].name) < at(w[1].name)));
    }
}
