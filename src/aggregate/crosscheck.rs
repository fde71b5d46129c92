//! Checks across quarters of one insats: ongoing(q) = ongoing(q−1) +
//! new(q) − finished(q), and since-start totals never decrease. The quarter
//! before the period counts when its report was read (history).

use super::insats::Quarters;
use crate::contract::Gender;
use crate::finding::{Code, Finding};
use crate::period::Kvartal;
use crate::register::Insats;
use crate::report::Kvartalsrapport;
use crate::select::{Chosen, Used};

pub fn across_quarters(insats: &Insats, quarters: &Quarters, chosen: &Chosen) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (q, used) in &quarters.active {
        let Some(used) = used else { continue };
        let Some(previous) = chosen.get(&(insats.id.clone(), q.previous())) else { continue };
        let (Some(now), Some(before)) = (&used.file.outcome.report, &previous.file.outcome.report) else {
            continue;
        };
        for gender in Gender::ALL {
            findings.extend(ongoing_mismatch(used, now, before, *q, gender));
            findings.extend(total_decreased(used, now, before, *q, gender));
        }
    }
    findings
}

fn at(used: &Used, field: &str, finding: Finding) -> Finding {
    match used.file.outcome.values.location(field) {
        Some(location) => finding.at(location.sheet, location.cell).field(field),
        None => finding.field(field),
    }
}

fn ongoing_mismatch(
    used: &Used,
    now: &Kvartalsrapport,
    before: &Kvartalsrapport,
    q: Kvartal,
    g: Gender,
) -> Option<Finding> {
    let d = &now.deltagare;
    let (ongoing, new, finished) = (d.pagaende.of(g)?, d.nya.of(g)?, d.avslutade.of(g)?);
    let previous = before.deltagare.pagaende.of(g)?;
    let expected = i64::from(previous) + i64::from(new) - i64::from(finished);
    if i64::from(ongoing) == expected {
        return None;
    }
    let who = g.label();
    let message = format!(
        "Pågående {who} ({ongoing}) stämmer inte med förra kvartalet: {previous} pågående i {} plus {new} nya minus \
         {finished} avslutade ger {expected}. Rätta siffrorna i den rapport som är fel.",
        q.previous()
    );
    let finding = Finding::new(Code::PagaendeStammerEj, &used.file.source.name, message).kvartal(q);
    Some(at(used, &format!("deltagare_pagaende_{}", g.name_suffix()), finding))
}

fn total_decreased(
    used: &Used,
    now: &Kvartalsrapport,
    before: &Kvartalsrapport,
    q: Kvartal,
    g: Gender,
) -> Option<Finding> {
    let (total, previous) = (now.deltagare.totalt.of(g)?, before.deltagare.totalt.of(g)?);
    if total >= previous {
        return None;
    }
    let who = g.label();
    let message = format!(
        "Deltagare totalt sedan start ({who}) har minskat från {previous} i {} till {total} i {q}. Totalt sedan \
         start kan inte minska; rätta siffrorna i den rapport som är fel.",
        q.previous()
    );
    let finding = Finding::new(Code::TotaltMinskar, &used.file.source.name, message).kvartal(q);
    Some(at(used, &format!("deltagare_totalt_{}", g.name_suffix()), finding))
}
