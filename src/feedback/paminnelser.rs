//! The reminders kansliet has drafted, kept in the feedback folder as
//! `påminnelser.csv`, so a reminder can say how many came before it.
//!
//! Takes the folder (read before the messages are written, so their text
//! can count) and the reminders of a run (added when the folder is
//! written); gives per insats and quarter the days a reminder was drafted.
//! Guarantees: a reminder counts once per day, so rerunning on the same
//! day never counts twice, and a run's own reminder is never one of its
//! "earlier" ones; the file is only ever added to, so it survives reruns
//! and a report that came in and went missing again; a line that cannot be
//! read is skipped, never an error. Kansliet may delete a line for a
//! reminder it did not send: the file is plain CSV for Excel, as
//! `adressater.csv`.

use super::write::{csv_field, csv_fields};
use crate::period::{Kvartal, Period};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// The file in the feedback folder.
pub const PAMINNELSER: &str = "påminnelser.csv";

/// Its columns: which report, the day the reminder was drafted, and the
/// insats's name for a person reading it.
const KOLUMNER: &str = "Id;Kvartal;Datum;Insats";

/// One reminder drafted: about insats `insats_id`'s report for `kvartal`, on `datum`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paminnelse {
    pub insats_id: String,
    pub kvartal: Kvartal,
    pub datum: NaiveDate,
    /// The insats's name, for the reader of the file only.
    pub insats: String,
}

/// The reminders of `påminnelser.csv`, one per insats, quarter and day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paminnelser {
    rader: BTreeMap<(String, Kvartal, NaiveDate), String>,
}

impl Paminnelser {
    /// The reminders listed in `folder`; none when there is no list yet or
    /// it cannot be read.
    pub fn read(folder: &Path) -> Paminnelser {
        let Ok(bytes) = std::fs::read(folder.join(PAMINNELSER)) else { return Paminnelser::default() };
        let text = String::from_utf8_lossy(&bytes);
        let mut paminnelser = Paminnelser::default();
        for line in text.trim_start_matches('\u{feff}').lines().skip(1) {
            if let Some(p) = parse(line) {
                paminnelser.add(p);
            }
        }
        paminnelser
    }

    /// Adds `p`; a reminder of the same report on the same day is one.
    pub fn add(&mut self, p: Paminnelse) {
        self.rader.insert((p.insats_id.trim().to_string(), p.kvartal, p.datum), p.insats);
    }

    /// The days before `idag` on which a reminder about `id`'s report for
    /// `q` was drafted, oldest first.
    pub fn before(&self, id: &str, q: Kvartal, idag: NaiveDate) -> Vec<NaiveDate> {
        self.rader
            .keys()
            .filter(|(i, k, datum)| i == id.trim() && *k == q && *datum < idag)
            .map(|(_, _, datum)| *datum)
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.rader.is_empty()
    }

    /// The file's bytes: UTF-8 with a byte-order mark, `;`-separated, CRLF,
    /// sorted by insats, quarter and day.
    pub(super) fn csv(&self) -> Vec<u8> {
        let mut text = format!("\u{feff}{KOLUMNER}\r\n");
        for ((id, kvartal, datum), insats) in &self.rader {
            let fields = [csv_field(id), kvartal.to_string(), datum.to_string(), csv_field(insats)];
            text.push_str(&fields.join(";"));
            text.push_str("\r\n");
        }
        text.into_bytes()
    }
}

/// One line of the file, or `None` when it is not one (edited by hand).
fn parse(line: &str) -> Option<Paminnelse> {
    let fields = csv_fields(line);
    let id = fields.first()?.trim().trim_start_matches('\'').to_string();
    let kvartal = match Period::parse(fields.get(1)?).ok()? {
        Period::Kvartal(q) => q,
        _ => return None,
    };
    let datum = NaiveDate::parse_from_str(fields.get(2)?.trim(), "%Y-%m-%d").ok()?;
    let insats = fields.get(3).cloned().unwrap_or_default();
    (!id.is_empty()).then_some(Paminnelse { insats_id: id, kvartal, datum, insats })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2018, 8, d).unwrap_or_default()
    }

    #[test]
    fn the_file_reads_back_what_it_holds_and_skips_lines_it_cannot_read() {
        let q2 = Kvartal::new(2018, 2).unwrap_or_else(|| unreachable!());
        let mut p = Paminnelser::default();
        for d in [5, 1, 5] {
            p.add(Paminnelse {
                insats_id: "2017:46".into(),
                kvartal: q2,
                datum: day(d),
                insats: "GESAM".into(),
            });
        }
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut bytes = p.csv();
        bytes.extend_from_slice("trasig;rad\r\n2017:46;2018-K9;2018-08-02;x\r\n".as_bytes());
        std::fs::write(dir.path().join(PAMINNELSER), &bytes).unwrap_or_else(|e| panic!("{e}"));
        let read = Paminnelser::read(dir.path());
        assert_eq!(read, p);
        assert_eq!(
            read.before("2017:46", q2, day(5)),
            [day(1)],
            "today's own reminder is not an earlier one"
        );
        assert_eq!(read.before("2017:46", q2, day(6)), [day(1), day(5)]);
        assert_eq!(read.before("2017:33", q2, day(6)), []);
    }
}
