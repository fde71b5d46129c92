//! Checks across the files of one inbox: a file whose bytes equal another
//! file's (one report, not a newer version), and a report whose answers and
//! figures equal the same insats's report of the quarter before (last
//! quarter's file with only the quarter changed).
//!
//! Takes the whole [`Inbox`]; gives findings, each on the file it concerns.
//! Pure: the same inbox gives the same findings in the same order.

use super::messages;
use crate::finding::Finding;
use crate::inbox::{Inbox, InboxFile};
use crate::period::Kvartal;
use crate::report::{Identitet, Kvartalsrapport};
use std::collections::BTreeMap;

/// Every finding across the files of `inbox`.
pub fn across_files(inbox: &Inbox) -> Vec<Finding> {
    let mut findings: Vec<Finding> = copies(inbox)
        .into_iter()
        .map(|(copy, original)| {
            with_insats(messages::identical_copy(&original.source.name, &copy.source.name), copy)
        })
        .collect();
    findings.extend(stale_copies(inbox));
    findings
}

/// Each report file whose bytes equal an earlier file's, with that
/// original: the earliest modified of the equal files, then the first by
/// name. Files that are no reports are left out: they are skipped anyway.
pub fn copies(inbox: &Inbox) -> Vec<(&InboxFile, &InboxFile)> {
    let mut by_bytes: BTreeMap<&str, Vec<&InboxFile>> = BTreeMap::new();
    for file in inbox.files.iter().filter(|f| f.outcome.report.is_some() && !f.sha256.is_empty()) {
        by_bytes.entry(&file.sha256).or_default().push(file);
    }
    let mut copies = Vec::new();
    for mut equal in by_bytes.into_values().filter(|files| files.len() > 1) {
        equal.sort_by(|a, b| (a.modified, &a.source.name).cmp(&(b.modified, &b.source.name)));
        let Some((original, rest)) = equal.split_first() else { continue };
        copies.extend(rest.iter().map(|copy| (*copy, *original)));
    }
    copies.sort_by(|a, b| a.0.source.name.cmp(&b.0.source.name));
    copies
}

/// Reports whose answers and figures equal a report of the same insats for
/// the quarter before.
fn stale_copies(inbox: &Inbox) -> Vec<Finding> {
    let mut by_quarter: BTreeMap<(&str, Kvartal), Vec<(&InboxFile, &Kvartalsrapport)>> = BTreeMap::new();
    for file in &inbox.files {
        let Some(report) = &file.outcome.report else { continue };
        if let (Some(id), Some(q)) = (report.identitet.insats_id.as_deref(), report.identitet.kvartal()) {
            by_quarter.entry((id.trim(), q)).or_default().push((file, report));
        }
    }
    let mut findings = Vec::new();
    for (&(id, q), reports) in &by_quarter {
        let Some(before) = by_quarter.get(&(id, q.previous())) else { continue };
        for (file, report) in reports {
            if let Some((previous, _)) = before.iter().find(|(_, earlier)| same_figures(report, earlier)) {
                let finding = messages::same_figures_as_before(
                    q.previous(),
                    &previous.source.name,
                    q,
                    &file.source.name,
                );
                findings.push(with_insats(finding, file));
            }
        }
    }
    findings
}

/// True when two reports are equal but for identity (year, quarter, name,
/// template version) and report date, and hold a spend: a real report
/// never repeats its quarter's spend to the krona, while two reports left
/// blank are no copies of each other.
pub fn same_figures(a: &Kvartalsrapport, b: &Kvartalsrapport) -> bool {
    let figures = |r: &Kvartalsrapport| Kvartalsrapport {
        identitet: Identitet::default(),
        rapportdatum: None,
        ..r.clone()
    };
    a.budget.utfall_kr.is_some() && figures(a) == figures(b)
}

fn with_insats(finding: Finding, file: &InboxFile) -> Finding {
    match file.outcome.report.as_ref().and_then(|r| r.identitet.insats_id.clone()) {
        Some(id) => finding.insats(id),
        None => finding,
    }
}
