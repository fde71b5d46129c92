//! Checks of one report that need only the report and the register:
//! identity and quarter against the register, required answers, the
//! report's own sums, and its figures against the grant.
//!
//! Takes a [`ReadOutcome`] (typed report plus where each field sits) and
//! gives findings; it never changes the report. Checks across quarters
//! belong to the aggregation, which sees several reports. A warning the
//! report's own comment answers is given explained, as Info
//! ([`crate::answered::explain`]).

pub mod across;
pub mod dates;
pub mod folder;
mod messages;

use crate::contract::{self, Field, FieldType, Gender, ISSUED_VERSIONS, Section};
use crate::finding::{Code, Finding};
use crate::register::{Insats, Register};
use crate::report::{Kvartalsrapport, Location, ReadOutcome, Values};
use chrono::NaiveDate;
use std::path::Path;

/// Checks one report that was read. Decisions of the register count up to
/// `as_of` (a run over a period passes the period's last day); `None`
/// means up to the last day of the report's own quarter.
pub fn check_report(outcome: &ReadOutcome, register: &Register, as_of: Option<NaiveDate>) -> Vec<Finding> {
    let Some(report) = &outcome.report else {
        return Vec::new();
    };
    let as_of = as_of.or_else(|| report.identitet.kvartal().map(|q| q.last_day())).unwrap_or(NaiveDate::MAX);
    let ctx = Context { values: &outcome.values, file: &outcome.file };
    let mut findings = Vec::new();
    findings.extend(check_version(&ctx, report));
    let insats = check_identity(&ctx, report, register, as_of, &mut findings);
    findings.extend(check_required(&ctx, outcome, insats));
    findings.extend(check_email(&ctx, report));
    findings.extend(check_participants(&ctx, report, insats));
    if let Some(insats) = insats {
        findings.extend(check_against_grant(&ctx, report, insats, register, as_of));
    }
    let id = report.identitet.insats_id.clone();
    for finding in &mut findings {
        if finding.insats_id.is_none() {
            finding.insats_id.clone_from(&id);
        }
    }
    // A warning the report's own comment answers is explained, for every command alike.
    crate::answered::explain(&mut findings, report);
    findings
}

/// Checks of one file beyond the register: its dates against its quarter
/// and the day of the run ([`dates`]), its quarter against the folder at
/// `path` ([`folder`]). `today` comes from the command, read once.
pub fn check_file(outcome: &ReadOutcome, path: &Path, today: NaiveDate) -> Vec<Finding> {
    let Some(report) = &outcome.report else {
        return Vec::new();
    };
    let ctx = Context { values: &outcome.values, file: &outcome.file };
    let mut findings = dates::check_dates(&ctx, report, today);
    if let (Some((name, folder_q)), Some(q)) = (folder::folder_quarter(path), report.identitet.kvartal())
        && folder_q != q
    {
        let location = ctx.location("period_kvartal");
        findings.push(messages::folder_quarter_differs(&name, folder_q, q, location.as_ref(), ctx.file));
    }
    let id = report.identitet.insats_id.clone();
    for finding in &mut findings {
        finding.insats_id.clone_from(&id);
    }
    findings
}

/// What every check needs to place its findings.
struct Context<'a> {
    values: &'a Values,
    file: &'a str,
}

impl Context<'_> {
    fn location(&self, name: &str) -> Option<Location> {
        self.values.location(name)
    }
}

fn check_version(ctx: &Context, report: &Kvartalsrapport) -> Option<Finding> {
    let version = report.identitet.mallversion.as_deref()?;
    let field = contract::field("mallversion")?;
    let known = ISSUED_VERSIONS.iter().any(|v| *v == version.trim_end_matches(".0"));
    (!known).then(|| messages::unknown_version(field, version, &ctx.location(field.name)?, ctx.file))?
}

/// Identity and quarter against the register; gives the insats when known.
fn check_identity<'r>(
    ctx: &Context,
    report: &Kvartalsrapport,
    register: &'r Register,
    as_of: NaiveDate,
    findings: &mut Vec<Finding>,
) -> Option<&'r Insats> {
    let id = report.identitet.insats_id.as_deref()?;
    let id_location = ctx.location("insats_id")?;
    let Some(insats) = register.insats(id) else {
        let finding = if register.utelamnad(id) {
            messages::insats_row_left_out(id, &id_location, ctx.file)
        } else {
            messages::unknown_insats(id, &id_location, ctx.file)
        };
        findings.push(finding);
        return None;
    };
    if let (Some(name), Some(location)) = (&report.identitet.insats_namn, ctx.location("insats_namn"))
        && name.trim() != insats.namn
        && name.trim() != insats.kortnamn
    {
        findings.push(messages::name_differs(name, insats, &location, ctx.file));
    }
    match (report.identitet.period_kvartal, report.identitet.kvartal()) {
        (Some(kv), None) if !(1..=4).contains(&kv) => {
            if let (Some(field), Some(location)) =
                (contract::field("period_kvartal"), ctx.location("period_kvartal"))
            {
                findings.push(messages::bad_quarter(field, kv, &location, ctx.file));
            }
        }
        (Some(_), None) => {
            if let (Some(ar), Some(field), Some(location)) =
                (report.identitet.period_ar, contract::field("period_ar"), ctx.location("period_ar"))
            {
                findings.push(messages::bad_year(field, ar, &location, ctx.file));
            }
        }
        (_, Some(q)) => {
            if let Some(grant) = register.grant(&insats.id, as_of)
                && !q.overlaps(grant.start, grant.slut)
                && let Some(location) = ctx.location("period_kvartal")
            {
                findings.push(messages::quarter_outside(q, &grant, &location, ctx.file));
            }
        }
        _ => {}
    }
    Some(insats)
}

/// Every required answer that is missing, said once per mistake: a report
/// with nothing filled in beyond kansliet's prefill is one finding; a
/// section left wholly empty with more than one answer missing is one
/// finding for the section; otherwise one finding per answer. A field whose
/// value did not parse already has its finding, and a field whose name is
/// missing too.
fn check_required(ctx: &Context, outcome: &ReadOutcome, insats: Option<&Insats>) -> Vec<Finding> {
    let participants_expected = insats.is_some_and(Insats::expects_participants);
    let missing: Vec<&Field> = contract::FIELDS
        .iter()
        .filter(|field| field.required.for_insats(participants_expected))
        .filter(|field| field.ty != FieldType::GoalBlock && ctx.values.blank(field.name))
        .collect();
    let Some(first) = missing.iter().find(|field| !field.locked) else {
        return missing_answers(ctx, &missing);
    };
    let goals_answered = goals_answered(outcome);
    let left_empty = |field: &Field| match field.ty {
        FieldType::GoalBlock => !goals_answered,
        _ => !ctx.values.has_name(field.name) || ctx.values.blank(field.name),
    };
    let styrgrupp_fields = || contract::FIELDS.iter().filter(|field| !field.locked);
    if styrgrupp_fields().all(left_empty) {
        return vec![messages::not_filled_in(ctx.location(first.name).as_ref(), ctx.file)];
    }
    let mut findings = Vec::new();
    for section in Section::ALL {
        let in_section: Vec<&Field> = missing.iter().copied().filter(|f| f.section == *section).collect();
        let whole_section_empty = in_section.len() > 1
            && in_section.iter().all(|f| !f.locked)
            && styrgrupp_fields().filter(|f| f.section == *section).all(left_empty);
        let section_finding = in_section
            .first()
            .filter(|_| whole_section_empty)
            .and_then(|f| ctx.location(f.name))
            .and_then(|location| messages::section_empty(*section, &location, ctx.file));
        match section_finding {
            Some(finding) => findings.push(finding),
            None => findings.extend(missing_answers(ctx, &in_section)),
        }
    }
    findings
}

/// One finding per missing answer.
fn missing_answers(ctx: &Context, fields: &[&Field]) -> Vec<Finding> {
    fields
        .iter()
        .filter_map(|field| Some(messages::missing_answer(field, &ctx.location(field.name)?, ctx.file)))
        .collect()
}

/// Whether the styrgrupp gave any goal a status or comment (a status that
/// was not a `Målstatus` counts: the reader has its finding). The goal
/// texts themselves are kansliet's prefill.
fn goals_answered(outcome: &ReadOutcome) -> bool {
    let mut rows = outcome.report.iter().flat_map(|r| &r.mal.lista);
    let answered = rows.any(|row| row.status.is_some() || row.kommentar.is_some());
    let refused_status = |f: &Finding| {
        matches!(f.code, Code::VardeOgiltigt | Code::VardeUtanforLista)
            && f.field.as_deref() == Some("mal_lista")
    };
    answered || outcome.findings.iter().any(refused_status)
}

fn check_email(ctx: &Context, report: &Kvartalsrapport) -> Option<Finding> {
    let address = report.uppgiftslamnare_epost.as_deref()?;
    if looks_like_email(address) {
        return None;
    }
    messages::bad_email(address, &ctx.location("uppgiftslamnare_epost")?, ctx.file)
}

/// A plausible single e-mail address: `namn@organisation.se`.
pub fn looks_like_email(address: &str) -> bool {
    let address = address.trim();
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !address.contains(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

/// The report's own sums: reasons add up to finished, since-start totals
/// at least the ongoing.
fn check_participants(ctx: &Context, report: &Kvartalsrapport, insats: Option<&Insats>) -> Vec<Finding> {
    let d = &report.deltagare;
    let mut findings = Vec::new();
    for gender in Gender::ALL {
        // Summed wide: each count is bounded when read, but 14 of them need not fit a u32 sum.
        let sum: u64 = d.avslut.iter().filter_map(|(_, k)| k.of(gender)).map(u64::from).sum();
        let any_reason = d.avslut.iter().any(|(_, k)| k.of(gender).is_some());
        let finished = d.avslutade.of(gender);
        if (finished.is_some() || any_reason) && sum != u64::from(finished.unwrap_or(0)) {
            let field = format!("deltagare_avslutade_{}", gender.name_suffix());
            if let Some(location) = ctx.location(&field) {
                let finished = finished.unwrap_or(0);
                findings
                    .push(messages::reasons_dont_add_up(gender, sum, finished, &field, &location, ctx.file));
            }
        }
        if let (Some(total), Some(ongoing)) = (d.totalt.of(gender), d.pagaende.of(gender))
            && total < ongoing
        {
            let field = format!("deltagare_totalt_{}", gender.name_suffix());
            if let Some(location) = ctx.location(&field) {
                findings
                    .push(messages::total_below_ongoing(gender, total, ongoing, &field, &location, ctx.file));
            }
        }
    }
    if let Some(insats) = insats
        && !insats.expects_participants()
        && d.any_reported()
        && let Some(location) = ctx.location("deltagare_pagaende_kvinnor")
    {
        findings.push(messages::unexpected_participants(insats, &location, ctx.file));
    }
    let total = match (d.totalt.kvinnor, d.totalt.man) {
        (None, None) => None,
        (k, m) => Some(k.unwrap_or(0).saturating_add(m.unwrap_or(0))),
    };
    if let Some(n) = d.utanfor_malgrupp.filter(|n| *n > 0)
        && let Some(location) = ctx.location("deltagare_utanfor_malgrupp")
    {
        match total {
            Some(total) if n > total => {
                findings.push(messages::more_outside_than_in_all(n, total, &location, ctx.file));
            }
            _ => findings.push(messages::outside_target_group(n, &location, ctx.file)),
        }
    }
    if let (Some(total), Some(expected)) = (total, insats.and_then(|i| i.forvantat_antal_deltagare))
        && expected > 0
        && total > expected.saturating_mul(messages::PARTICIPANTS_BEYOND)
        && let Some(location) = ctx.location("deltagare_totalt_kvinnor")
    {
        findings.push(messages::participants_beyond_expected(total, expected, &location, ctx.file));
    }
    findings
}

/// The report against the grant: the quarter's budget and the meetings agreed.
fn check_against_grant(
    ctx: &Context,
    report: &Kvartalsrapport,
    insats: &Insats,
    register: &Register,
    as_of: NaiveDate,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    // Outside the grant's quarters there is no budget to compare with, and
    // the quarter itself is already a Fel.
    if let (Some(reported), Some(q)) = (report.budget.budget_kr, report.identitet.kvartal())
        && register.is_active(&insats.id, q, as_of)
        && let Some(budget) = register.quarter_budget(&insats.id, q)
        && reported != budget
        && let Some(location) = ctx.location("budget_kr")
    {
        findings.push(messages::budget_differs(reported, budget, q, &location, ctx.file));
    }
    if let (Some(utfall), Some(grant)) = (report.budget.utfall_kr, register.grant(&insats.id, as_of))
        && utfall > grant.beviljat_belopp
        && let Some(location) = ctx.location("utfall_kr")
    {
        findings.push(messages::spend_above_grant(utfall, grant.beviljat_belopp, &location, ctx.file));
    }
    let required = insats.styrgruppsmoten_per_ar / 4;
    if let Some(held) = report.kvalitet.styrgruppsmoten
        && held < required
        && let Some(location) = ctx.location("styrgruppsmoten")
    {
        findings.push(messages::too_few_meetings(
            held,
            required,
            insats.styrgruppsmoten_per_ar,
            &location,
            ctx.file,
        ));
    }
    findings
}
