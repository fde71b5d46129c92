//! A typed report's answer to one field of the contract, looked up by the
//! field's defined name: the inverse of [`super::from_values`], for the
//! outputs that show a report field by field (the workbook's `Rapportdata`,
//! the JSON's `rapportdata`).
//!
//! Guarantees: every field of [`crate::contract::FIELDS`] has its answer
//! here (a unit test holds the two together); a choice is given in its
//! Swedish spelling; free text is as read, so personal identity numbers are
//! masked already.

use super::{Kvartalsrapport, Malrad};
use crate::contract::{AVSLUTSANLEDNINGAR, Gender};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One field's answer, borrowed from the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Varde<'r> {
    Text(&'r str),
    Int(u32),
    Kr(Decimal),
    Date(NaiveDate),
    /// A choice, in the list's Swedish spelling.
    Choice(&'static str),
    /// `mal_lista`: the goals, in the report's order.
    Goals(&'r [Malrad]),
}

impl Kvartalsrapport {
    /// The answer to the field named `name`; `None` when the report left it
    /// empty, its value did not parse, or the contract has no such field.
    pub fn varde(&self, name: &str) -> Option<Varde<'_>> {
        fn text(t: &Option<String>) -> Option<Varde<'_>> {
            t.as_deref().map(Varde::Text)
        }
        let int = |n: Option<u32>| n.map(Varde::Int);
        let kr = |n: Option<Decimal>| n.map(Varde::Kr);
        let choice = |label: Option<&'static str>| label.map(Varde::Choice);
        let (m, f, b, k, d) =
            (&self.mal, &self.forutsattningar, &self.budget, &self.kvalitet, &self.deltagare);
        match name {
            "mallversion" => text(&self.identitet.mallversion),
            "insats_id" => text(&self.identitet.insats_id),
            "insats_namn" => text(&self.identitet.insats_namn),
            "period_ar" => int(self.identitet.period_ar),
            "period_kvartal" => int(self.identitet.period_kvartal),
            "rapportdatum" => self.rapportdatum.map(Varde::Date),
            "uppgiftslamnare" => text(&self.uppgiftslamnare),
            "uppgiftslamnare_epost" => text(&self.uppgiftslamnare_epost),
            "mal_i_fas" => choice(m.i_fas.map(|c| c.label())),
            "mal_prognos" => choice(m.prognos.map(|c| c.label())),
            "mal_lista" => (!m.lista.is_empty()).then_some(Varde::Goals(&m.lista)),
            "mal_kommentar" => text(&m.kommentar),
            "start_i_tid" => choice(f.start_i_tid.map(|c| c.label())),
            "vakanser_sof" => choice(f.vakanser_sof.map(|c| c.label())),
            "vakanser_egen" => choice(f.vakanser_egen.map(|c| c.label())),
            "avvikelse_budget" => choice(f.avvikelse_budget.map(|c| c.label())),
            "forutsattningar_kommentar" => text(&f.kommentar),
            "budget_kr" => kr(b.budget_kr),
            "utfall_kr" => kr(b.utfall_kr),
            "egenfinansiering_kr" => kr(b.egenfinansiering_kr),
            "budget_kommentar" => text(&b.kommentar),
            "styrgruppsmoten" => int(k.styrgruppsmoten),
            "narvaro_kommun" => choice(k.narvaro.kommun.map(|c| c.label())),
            "narvaro_af" => choice(k.narvaro.af.map(|c| c.label())),
            "narvaro_fk" => choice(k.narvaro.fk.map(|c| c.label())),
            "narvaro_region" => choice(k.narvaro.region.map(|c| c.label())),
            "uppfoljning_enligt_avtal" => choice(k.uppfoljning_enligt_avtal.map(|c| c.label())),
            "kontroll_malgrupp" => choice(k.kontroll_malgrupp.map(|c| c.label())),
            "kontroll_metod" => choice(k.kontroll_metod.map(|c| c.label())),
            "jamlikhet" => choice(k.jamlikhet.map(|c| c.label())),
            "jamstalldhet" => choice(k.jamstalldhet.map(|c| c.label())),
            "avvikelse_mal_malgrupp" => choice(k.avvikelse_mal_malgrupp.map(|c| c.label())),
            "kvalitet_kommentar" => text(&k.kommentar),
            "deltagare_anonyma" => int(d.anonyma),
            "deltagare_utanfor_malgrupp" => int(d.utanfor_malgrupp),
            "analys" => text(&self.analys),
            _ => int(self.pair(name)?),
        }
    }

    /// One half of a women/men pair: `deltagare_<stem>_<kön>` or
    /// `avslut_<key>_<kön>`. The outer `None`: no such pair.
    fn pair(&self, name: &str) -> Option<Option<u32>> {
        let (stem, gender) = match name.strip_suffix("_kvinnor") {
            Some(stem) => (stem, Gender::Kvinnor),
            None => (name.strip_suffix("_man")?, Gender::Man),
        };
        let d = &self.deltagare;
        let kon = match stem {
            "deltagare_pagaende" => &d.pagaende,
            "deltagare_nya" => &d.nya,
            "deltagare_avslutade" => &d.avslutade,
            "deltagare_totalt" => &d.totalt,
            _ => {
                let key = stem.strip_prefix("avslut_")?;
                AVSLUTSANLEDNINGAR.iter().find(|(k, _)| *k == key)?;
                // Read in the contract's order; a reason the report lacks is unanswered.
                return Some(d.avslut.iter().find(|(k, _)| *k == key).and_then(|(_, kon)| kon.of(gender)));
            }
        };
        Some(kon.of(gender))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{FIELDS, FieldType, IFas, MalPrognos, Malstatus, Narvaro, Svar, SvarEa};
    use crate::report::Kon;

    /// A report answering every field, each pair's women and men apart.
    fn every_field_answered() -> Kvartalsrapport {
        let mut r = Kvartalsrapport::default();
        r.identitet.mallversion = Some("1".into());
        r.identitet.insats_id = Some("2017:48".into());
        r.identitet.insats_namn = Some("Bryggan".into());
        r.identitet.period_ar = Some(2018);
        r.identitet.period_kvartal = Some(2);
        r.rapportdatum = NaiveDate::from_ymd_opt(2018, 7, 10);
        r.uppgiftslamnare = Some("Anna".into());
        r.uppgiftslamnare_epost = Some("anna@example.se".into());
        r.mal.i_fas = Some(IFas::Ja);
        r.mal.prognos = Some(MalPrognos::Ja);
        r.mal.lista = vec![Malrad { mal: "Mål".into(), status: Some(Malstatus::Uppfyllt), kommentar: None }];
        r.mal.kommentar = Some("m".into());
        let f = &mut r.forutsattningar;
        (f.start_i_tid, f.vakanser_sof, f.vakanser_egen, f.avvikelse_budget) =
            (Some(Svar::Ja), Some(Svar::Nej), Some(Svar::Ja), Some(Svar::Nej));
        f.kommentar = Some("f".into());
        r.budget.budget_kr = Some(Decimal::from(100));
        r.budget.utfall_kr = Some(Decimal::from(90));
        r.budget.egenfinansiering_kr = Some(Decimal::from(5));
        r.budget.kommentar = Some("b".into());
        let k = &mut r.kvalitet;
        k.styrgruppsmoten = Some(3);
        let n = Some(Narvaro::ALL[0]);
        (k.narvaro.kommun, k.narvaro.af, k.narvaro.fk, k.narvaro.region) = (n, n, n, n);
        k.uppfoljning_enligt_avtal = Some(Svar::Ja);
        (k.kontroll_malgrupp, k.kontroll_metod, k.jamlikhet, k.jamstalldhet) =
            (Some(SvarEa::Ja), Some(SvarEa::Nej), Some(SvarEa::Ja), Some(SvarEa::Ja));
        k.avvikelse_mal_malgrupp = Some(Svar::Nej);
        k.kommentar = Some("k".into());
        let d = &mut r.deltagare;
        let kon = |w, m| Kon { kvinnor: Some(w), man: Some(m) };
        (d.pagaende, d.nya, d.avslutade, d.totalt) = (kon(1, 2), kon(3, 4), kon(5, 6), kon(7, 8));
        d.anonyma = Some(9);
        d.utanfor_malgrupp = Some(10);
        d.avslut = AVSLUTSANLEDNINGAR.iter().zip(11..).map(|((key, _), n)| (*key, kon(n, n + 100))).collect();
        r.analys = Some("a".into());
        r
    }

    #[test]
    fn every_field_of_the_contract_has_its_answer_of_its_type() {
        let report = every_field_answered();
        for field in FIELDS {
            let varde = report.varde(field.name).unwrap_or_else(|| panic!("{} has no answer", field.name));
            let fits = matches!(
                (field.ty, varde),
                (FieldType::Text, Varde::Text(_))
                    | (FieldType::Int, Varde::Int(_))
                    | (FieldType::Kr, Varde::Kr(_))
                    | (FieldType::Date, Varde::Date(_))
                    | (FieldType::Choice(_), Varde::Choice(_))
                    | (FieldType::GoalBlock, Varde::Goals(_))
            );
            assert!(fits, "{}: {varde:?}", field.name);
        }
        assert_eq!(report.varde("finns_inte"), None);
    }

    #[test]
    fn each_half_of_a_pair_is_its_own_answer() {
        let report = every_field_answered();
        assert_eq!(report.varde("deltagare_nya_kvinnor"), Some(Varde::Int(3)));
        assert_eq!(report.varde("deltagare_nya_man"), Some(Varde::Int(4)));
        assert_eq!(report.varde("avslut_studier_kvinnor"), Some(Varde::Int(14)));
        assert_eq!(report.varde("avslut_studier_man"), Some(Varde::Int(114)));
        assert_eq!(report.varde("avslut_okand_man"), None);
        assert_eq!(report.varde("vakanser_sof"), Some(Varde::Choice("Nej")));
    }

    #[test]
    fn an_unanswered_field_has_no_answer() {
        let report = Kvartalsrapport::default();
        assert!(FIELDS.iter().all(|f| report.varde(f.name).is_none()));
    }
}
