//! Where each report of the period stands in kansliet's correspondence
//! with its styrgrupp, and the whole correspondence of a run.
//!
//! Takes a [`Sammanstallning`] (its selection, its settings and its day,
//! `idag`) and the reminders kansliet drafted before ([`Paminnelser`]);
//! gives per insats and quarter one [`Lage`] ([`lagen`]: the words
//! `adressater.csv` and `Översikt` show), and every message of a run
//! ([`korrespondens`]: the problems and reminders of
//! [`super::from_sammanstallning`], each reminder with its due date and
//! the count of earlier ones, and a receipt per approved report).
//! Guarantees: one source for the words of the states; a report is
//! approved exactly when the feedback has nothing to ask of it, so a
//! finding the feedback leaves out never keeps a report from approval;
//! the day is the run's, never the clock's.

use super::paminnelser::{Paminnelse, Paminnelser};
use super::text::{Avsandare, Meddelande, messages_with};
use super::{Underlag, from_sammanstallning};
use crate::aggregate::Sammanstallning;
use crate::period::Kvartal;
use crate::register::Status;
use chrono::{Days, NaiveDate};
use std::collections::{HashMap, HashSet};

/// Where one report stands, as kansliet follows it up. Ordered from done
/// to most urgent, so an insats's worst quarter is the greatest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lage {
    /// In, and the feedback asks nothing of it.
    Godkand,
    /// In, but whose it is is in doubt: kansliet settles that before it is judged.
    Mottagen,
    /// In, with a Fel or a Varning the feedback asks the styrgrupp about.
    BehoverRattas,
    /// Not in, and not yet due.
    Saknas,
    /// Not in after its due date.
    Forsenad,
}

impl Lage {
    /// The word kansliet reads, in `adressater.csv` and on `Översikt`.
    pub fn label(self) -> &'static str {
        match self {
            Lage::Godkand => "Godkänd",
            Lage::Mottagen => "Mottagen",
            Lage::BehoverRattas => "Behöver rättas",
            Lage::Saknas => "Saknas",
            Lage::Forsenad => "Försenad",
        }
    }

    /// The colour on `Översikt`: done is green, waiting yellow, late red.
    pub fn status(self) -> Status {
        match self {
            Lage::Godkand => Status::Gron,
            Lage::Mottagen | Lage::BehoverRattas | Lage::Saknas => Status::Gul,
            Lage::Forsenad => Status::Rod,
        }
    }
}

/// When a quarter's report is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frist {
    /// The run's day.
    pub idag: NaiveDate,
    /// Days after the quarter's last day (`Dagar att rapportera efter kvartalet`).
    pub dagar: u32,
}

impl Frist {
    /// The last day for the report of `q`.
    pub fn sista_dag(self, q: Kvartal) -> NaiveDate {
        let last = q.last_day();
        last.checked_add_days(Days::new(u64::from(self.dagar))).unwrap_or(last)
    }

    /// Whether the last day for `q` is over by the run's day.
    pub fn passerad(self, q: Kvartal) -> bool {
        self.idag > self.sista_dag(q)
    }
}

/// What a run's messages are written with: the sender, the due dates (when
/// the run knows its day) and the reminders drafted on earlier days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Utskick {
    pub(super) avsandare: Avsandare,
    pub(super) frist: Option<Frist>,
    pub(super) tidigare: Paminnelser,
}

impl Utskick {
    /// Messages with no due date and no count of reminders.
    pub(super) fn utan_frist(avsandare: &Avsandare) -> Utskick {
        // Built by hand, the sender may hold anything: cleaned as the register's would be.
        let clean = Avsandare::new(&avsandare.namn, avsandare.epost.as_deref());
        let svara_till = avsandare.svara_till.as_deref().and_then(super::adress);
        let avsandare = Avsandare { svara_till, signatur: avsandare.signatur.clone(), ..clean };
        Utskick { avsandare, frist: None, tidigare: Paminnelser::default() }
    }

    /// The state the message about `u` is written for.
    pub(super) fn lage(&self, u: &Underlag) -> Lage {
        if u.till_kansliet {
            Lage::Mottagen
        } else if u.saknas() {
            match (u.kvartal, self.frist) {
                (Some(q), Some(frist)) if frist.passerad(q) => Lage::Forsenad,
                _ => Lage::Saknas,
            }
        } else if u.fynd.is_empty() && u.kvittens {
            Lage::Godkand
        } else {
            Lage::BehoverRattas
        }
    }

    /// The days before today on which a reminder about `u`'s report was
    /// drafted; none without a due date (no day to count from).
    pub(super) fn tidigare(&self, u: &Underlag) -> Vec<NaiveDate> {
        match (&u.insats_id, u.kvartal, self.frist, u.saknas() && !u.till_kansliet) {
            (Some(id), Some(q), Some(frist), true) => self.tidigare.before(id, q, frist.idag),
            _ => Vec::new(),
        }
    }

    /// The line `påminnelser.csv` keeps of the reminder about `u`, drafted today.
    pub(super) fn paminnelse(&self, u: &Underlag) -> Option<Paminnelse> {
        if !u.saknas() || u.till_kansliet {
            return None;
        }
        Some(Paminnelse {
            insats_id: u.insats_id.clone()?,
            kvartal: u.kvartal?,
            datum: self.frist?.idag,
            insats: u.insats_namn.clone().unwrap_or_default(),
        })
    }
}

/// Where one insats's report for one quarter of the period stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KvartalsLage {
    pub insats_id: String,
    pub kvartal: Kvartal,
    pub lage: Lage,
    /// The report used, when one is.
    pub fil: Option<String>,
    /// The last day for the report.
    pub sista_dag: NaiveDate,
}

/// The period's due dates as `s`'s settings and day give them.
pub fn frist(s: &Sammanstallning) -> Frist {
    Frist { idag: s.idag, dagar: s.installningar.korrespondens.dagar_att_rapportera }
}

/// Per insats of the period (register order) and quarter, where its report
/// stands: approved when the feedback asks nothing of the report used,
/// needs correction when it does, received when the quarter's reports are
/// in doubt, missing or (after the due date) overdue when none came.
pub fn lagen(s: &Sammanstallning) -> Vec<KvartalsLage> {
    let frist = frist(s);
    let underlag = from_sammanstallning(s);
    let to_correct = super::quarters_asked_to_correct(&underlag);
    let asked: HashSet<String> = underlag.into_iter().filter(|u| !u.saknas()).filter_map(|u| u.fil).collect();
    let mut lagen = Vec::new();
    for insats in &s.insatser {
        for r in &insats.rapporter {
            let lage = match &r.fil {
                _ if r.i_tvivel => Lage::Mottagen,
                Some(fil) if asked.contains(fil) => Lage::BehoverRattas,
                Some(_) => Lage::Godkand,
                // Came, but a Fel keeps it from counting until corrected.
                None if to_correct.contains(&(insats.id.clone(), r.kvartal)) => Lage::BehoverRattas,
                None if frist.passerad(r.kvartal) => Lage::Forsenad,
                None => Lage::Saknas,
            };
            lagen.push(KvartalsLage {
                insats_id: insats.id.clone(),
                kvartal: r.kvartal,
                lage,
                fil: r.fil.clone(),
                sista_dag: frist.sista_dag(r.kvartal),
            });
        }
    }
    lagen
}

/// The states of one insats in a few words: one word when every quarter
/// stands the same, else each quarter's ("2018-K1 Godkänd, 2018-K2
/// Försenad"); with the most urgent state, for its colour.
pub fn in_words(lagen: &[KvartalsLage]) -> Option<(String, Lage)> {
    let worst = lagen.iter().map(|l| l.lage).max()?;
    let text = if lagen.iter().all(|l| l.lage == worst) {
        worst.label().to_string()
    } else {
        let each: Vec<String> = lagen.iter().map(|l| format!("{} {}", l.kvartal, l.lage.label())).collect();
        each.join(", ")
    };
    Some((text, worst))
}

/// Every message of a run with `--aterkoppling`: one per report with
/// problems, a reminder per missing report with its due date and the
/// reminders drafted on earlier days (`tidigare`, read from the feedback
/// folder), and, unless the register turns them off, a receipt per
/// approved report. As the register's `Inställningar` sign them.
pub fn korrespondens(s: &Sammanstallning, tidigare: &Paminnelser) -> Vec<Meddelande> {
    let k = &s.installningar.korrespondens;
    let utskick = Utskick {
        avsandare: Avsandare::from_korrespondens(k),
        frist: Some(frist(s)),
        tidigare: tidigare.clone(),
    };
    let mut underlag = from_sammanstallning(s);
    if k.kvittens {
        underlag.extend(receipts(s));
    }
    messages_with(&underlag, &utskick)
}

/// One receipt per approved report, to the address the report gave.
fn receipts(s: &Sammanstallning) -> Vec<Underlag> {
    // Looked up once: a search per receipt would make a large run quadratic.
    let namn: HashMap<&str, &str> = s.insatser.iter().map(|i| (i.id.as_str(), i.namn.as_str())).collect();
    let epost: HashMap<&str, &str> =
        s.kallor.iter().filter_map(|k| Some((k.fil.as_str(), k.epost.as_deref()?))).collect();
    lagen(s)
        .into_iter()
        .filter(|l| l.lage == Lage::Godkand)
        .filter_map(|l| {
            let fil = l.fil?;
            Some(Underlag {
                insats_namn: namn.get(l.insats_id.as_str()).map(|n| n.to_string()),
                insats_id: Some(l.insats_id),
                kvartal: Some(l.kvartal),
                epost: epost.get(fil.as_str()).map(|e| e.to_string()),
                fil: Some(fil),
                fynd: Vec::new(),
                till_kansliet: false,
                i_stallet: Vec::new(),
                kvittens: true,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_due_the_set_number_of_days_after_its_quarter() {
        let q2 = Kvartal::new(2018, 2).unwrap_or_else(|| unreachable!());
        let day = |m, d| NaiveDate::from_ymd_opt(2018, m, d).unwrap_or_default();
        let frist = Frist { idag: day(7, 30), dagar: 30 };
        assert_eq!(frist.sista_dag(q2), day(7, 30));
        assert!(!frist.passerad(q2), "the last day itself is not late");
        assert!(Frist { idag: day(7, 31), ..frist }.passerad(q2));
        assert_eq!(Frist { dagar: 0, ..frist }.sista_dag(q2), day(6, 30));
    }

    #[test]
    fn an_insats_reads_as_one_word_when_its_quarters_agree_and_quarter_by_quarter_when_not() {
        let lage = |kvartal, lage| KvartalsLage {
            insats_id: "2017:46".into(),
            kvartal: Kvartal::new(2018, kvartal).unwrap_or_else(|| unreachable!()),
            lage,
            fil: None,
            sista_dag: NaiveDate::default(),
        };
        let same = [lage(1, Lage::Godkand), lage(2, Lage::Godkand)];
        assert_eq!(in_words(&same), Some(("Godkänd".to_string(), Lage::Godkand)));
        let mixed = [lage(1, Lage::Godkand), lage(2, Lage::Forsenad)];
        assert_eq!(in_words(&mixed), Some(("2018-K1 Godkänd, 2018-K2 Försenad".to_string(), Lage::Forsenad)));
        assert_eq!(in_words(&[]), None);
        assert_eq!(Lage::Forsenad.status(), Status::Rod);
    }

    #[test]
    fn states_order_from_done_to_most_urgent() {
        let all = [Lage::Godkand, Lage::Mottagen, Lage::BehoverRattas, Lage::Saknas, Lage::Forsenad];
        assert!(all.windows(2).all(|w| w[0] < w[1]));
        let words: Vec<&str> = all.iter().map(|l| l.label()).collect();
        assert_eq!(words, ["Godkänd", "Mottagen", "Behöver rättas", "Saknas", "Försenad"]);
    }
}
