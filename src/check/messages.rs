//! The Swedish messages of the checks, in one place (each tested as text).
//! Like the reader's, they name the field by its label and say what to do;
//! the location is printed beside them.

use crate::contract::{Field, Gender, ISSUED_VERSIONS, Section};
use crate::finding::{Code, Finding};
use crate::period::Kvartal;
use crate::register::{Grant, Insats};
use crate::report::Location;
use crate::report::messages::{at, for_field, how_to_answer, quote};
use crate::value::format_kr;
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn finding(code: Code, field: &str, location: &Location, file: &str, message: String) -> Finding {
    at(Finding::new(code, file, message).field(field), location)
}

pub fn missing_answer(field: &Field, location: &Location, file: &str) -> Finding {
    let message = format!("Svaret på \"{}\" saknas. {}", field.display_label(), how_to_answer(field.ty));
    for_field(Code::SvarSaknas, field, location, file, message)
}

/// A section left empty: what to write there, for a section that has
/// answers to give; `None` for one that has none (the identity is
/// kansliet's, the analysis is optional).
fn what_to_write(section: Section) -> Option<&'static str> {
    match section {
        Section::Identitet | Section::Analys => None,
        Section::Rapport => Some(
            "skriv rapportdatum, namnet på den som skrivit rapporten och en e-postadress dit kansliet kan \
             skicka frågor.",
        ),
        Section::Mal => Some(
            "välj i rullistorna om insatsen ligger i fas med målen i ansökan och om styrgruppen tror att \
             målen nås.",
        ),
        Section::Forutsattningar => {
            Some("svara Ja eller Nej på frågorna om start, vakanser och avvikelserapport om budgeten.")
        }
        Section::Budget => Some("skriv kvartalets utfall av förbundets medel i kronor."),
        Section::Kvalitet => Some(
            "skriv antalet styrgruppsmöten under kvartalet (0 om inget möte hölls) och välj svaren på \
             frågorna om närvaro, uppföljning och kontroller i rullistorna.",
        ),
        Section::Deltagare => Some("skriv 0 i varje ruta om insatsen inte har några deltagare ännu."),
        Section::Avslut => Some(
            "skriv antalet avslutade kvinnor och män per avslutsanledning, eller 0 i varje ruta om ingen \
             deltagare har avslutats under kvartalet.",
        ),
    }
}

/// One finding for a section left empty, at its first missing answer;
/// `None` for a section without answers to give.
pub fn section_empty(section: Section, location: &Location, file: &str) -> Option<Finding> {
    let message = format!("Avsnittet {} är tomt – {}", section.title(), what_to_write(section)?);
    Some(at(Finding::new(Code::AvsnittTomt, file, message), location))
}

/// One finding for a report with nothing filled in beyond what kansliet
/// prefilled, at its first missing answer when there is one.
pub fn not_filled_in(location: Option<&Location>, file: &str) -> Finding {
    let message = "Rapporten är inte ifylld: den innehåller bara det som kansliet fyllt i från registret. \
                   Fyll i de gula cellerna (frågor markerade med * måste besvaras), spara filen och skicka den \
                   till kansliet igen."
        .to_string();
    let finding = Finding::new(Code::RapportEjIfylld, file, message);
    match location {
        Some(location) => at(finding, location),
        None => finding,
    }
}

pub fn unknown_version(field: &Field, version: &str, location: &Location, file: &str) -> Option<Finding> {
    let message = format!(
        "Mallversion {} känns inte igen (verktyget läser version {}). \
         Be styrgruppen använda mallen från kansliet.",
        quote(version),
        ISSUED_VERSIONS.join(", ")
    );
    Some(for_field(Code::MallversionOkand, field, location, file, message))
}

pub fn bad_quarter(field: &Field, kvartal: u32, location: &Location, file: &str) -> Finding {
    let message = format!(
        "Kvartal {kvartal} finns inte: kvartalet ska vara 1, 2, 3 eller 4. \
         Be kansliet om en ny mall för rätt kvartal."
    );
    for_field(Code::VardeOgiltigt, field, location, file, message)
}

pub fn bad_year(field: &Field, ar: u32, location: &Location, file: &str) -> Finding {
    let message = format!(
        "År {ar} är inte ett giltigt år. Skriv året med fyra siffror, t.ex. 2018, eller be kansliet om en ny mall."
    );
    for_field(Code::VardeOgiltigt, field, location, file, message)
}

pub fn unknown_insats(id: &str, location: &Location, file: &str) -> Finding {
    let message = format!(
        "Insatsen {} finns inte i förbundets register. \
         Kontrollera insatsens id (Dnr), eller använd mallen som kansliet skickat för insatsen.",
        quote(id)
    );
    finding(Code::InsatsOkand, "insats_id", location, file, message)
}

pub fn insats_row_left_out(id: &str, location: &Location, file: &str) -> Finding {
    let message = format!(
        "Insatsen {} står i registret, men dess rad på bladet Insatser har fel och är därför inte med (se \
         registrets fynd för raden). Rätta raden i registret och kör igen; rapporten används då. Felet är \
         registrets, så inget meddelande om det går till styrgruppen.",
        quote(id)
    );
    finding(Code::InsatsRadMedFel, "insats_id", location, file, message)
}

pub fn name_differs(name: &str, insats: &Insats, location: &Location, file: &str) -> Finding {
    let message = format!(
        "Insatsens namn i rapporten ({}) skiljer sig från registrets (\"{}\"). Id {} gäller.",
        quote(name),
        insats.namn,
        insats.id
    );
    finding(Code::InsatsnamnAvviker, "insats_namn", location, file, message)
}

pub fn quarter_outside(q: Kvartal, grant: &Grant, location: &Location, file: &str) -> Finding {
    let message = format!(
        "Rapporten gäller {q}, men insatsen pågår {} – {} enligt registret. \
         Kontrollera år och kvartal, eller be kansliet om mallen för rätt kvartal.",
        grant.start, grant.slut
    );
    finding(Code::KvartalUtanforInsatstid, "period_kvartal", location, file, message)
}

pub fn bad_email(address: &str, location: &Location, file: &str) -> Option<Finding> {
    let message = format!(
        "{} ser inte ut som en e-postadress. Skriv en adress som namn@organisation.se, \
         så att kansliet kan skicka återkoppling.",
        quote(address)
    );
    Some(finding(Code::EpostOgiltig, "uppgiftslamnare_epost", location, file, message))
}

pub fn reasons_dont_add_up(
    gender: Gender,
    sum: u64,
    finished: u32,
    field: &str,
    location: &Location,
    file: &str,
) -> Finding {
    let who = gender.label();
    let message = format!(
        "Avslutsanledningarna för {who} summerar till {sum}, men antalet avslutade {who} är {finished}. \
         Ange en avslutsanledning för varje avslutad deltagare."
    );
    finding(Code::AvslutSummerarEj, field, location, file, message)
}

pub fn spend_above_grant(utfall: Decimal, beviljat: Decimal, location: &Location, file: &str) -> Finding {
    let message = format!(
        "Utfallet för kvartalet, {}, är större än hela det beviljade beloppet för insatsen, {}. Är beloppet rätt \
         skrivet (en siffra för mycket)? Rätta det, eller förklara i kommentaren om budgeten.",
        crate::value::format_kr(utfall),
        crate::value::format_kr(beviljat)
    );
    finding(Code::UtfallOrimligt, "utfall_kr", location, file, message)
}

/// At more than this many times the participants an insats expects for its
/// whole time, a count since start is taken for a slip of the keyboard.
pub const PARTICIPANTS_BEYOND: u32 = 3;

pub fn participants_beyond_expected(total: u32, expected: u32, location: &Location, file: &str) -> Finding {
    let message = format!(
        "Totalt {total} deltagare sedan start är mer än {PARTICIPANTS_BEYOND} gånger de {expected} som insatsen \
         väntas ta emot under hela insatstiden. Är antalen rätt skrivna? Rätta dem, eller förklara i \
         kommentaren om deltagarna."
    );
    finding(Code::DeltagareOrimligt, "deltagare_totalt_kvinnor", location, file, message)
}

pub fn more_outside_than_in_all(outside: u32, total: u32, location: &Location, file: &str) -> Finding {
    let message = format!(
        "{outside} deltagare utanför målgruppen är fler än alla {total} deltagare sedan start. Rätta antalet \
         utanför målgruppen, eller deltagarna totalt."
    );
    finding(Code::DeltagareOrimligt, "deltagare_utanfor_malgrupp", location, file, message)
}

pub fn total_below_ongoing(
    gender: Gender,
    total: u32,
    ongoing: u32,
    field: &str,
    location: &Location,
    file: &str,
) -> Finding {
    let who = gender.label();
    let message = format!(
        "Deltagare totalt sedan start ({who}: {total}) är färre än pågående deltagare ({ongoing}). \
         Totalt sedan start ska vara de pågående plus alla som avslutats sedan start."
    );
    finding(Code::TotaltUnderPagaende, field, location, file, message)
}

pub fn unexpected_participants(insats: &Insats, location: &Location, file: &str) -> Finding {
    let message = format!(
        "Rapporten anger deltagare, men insatsen har inriktning {} och förväntas enligt registret \
         inte ha några deltagare. Kontrollera siffrorna, eller kontakta kansliet om insatsen har ändrat inriktning.",
        insats.inriktning.label().to_lowercase()
    );
    finding(Code::DeltagareOvantade, "deltagare_pagaende_kvinnor", location, file, message)
}

pub fn outside_target_group(n: u32, location: &Location, file: &str) -> Finding {
    let who = if n == 1 { "1 deltagare hör".to_string() } else { format!("{n} deltagare hör") };
    let message = format!(
        "{who} inte till målgruppen i ansökan. Förklara varför i kommentaren om kvaliteten, \
         eller skicka en avvikelserapport om målgruppen."
    );
    finding(Code::DeltagareUtanforMalgrupp, "deltagare_utanfor_malgrupp", location, file, message)
}

pub fn budget_differs(
    reported: Decimal,
    budget: Decimal,
    q: Kvartal,
    location: &Location,
    file: &str,
) -> Finding {
    let message = format!(
        "Budgeten i rapporten ({}) skiljer sig från registrets budget för {q} ({}). \
         Registrets belopp används; kontakta kansliet om budgeten har ändrats.",
        format_kr(reported),
        format_kr(budget)
    );
    finding(Code::BudgetAvviker, "budget_kr", location, file, message)
}

pub fn too_few_meetings(held: u32, required: u32, per_year: u32, location: &Location, file: &str) -> Finding {
    let times = if required == 1 { "en gång".to_string() } else { format!("{required} gånger") };
    let message = format!(
        "Styrgruppen har haft {held} möten under kvartalet, men ska enligt överenskommelsen träffas \
         minst {times} per kvartal ({per_year} per år). Förklara varför i kommentaren om kvaliteten."
    );
    finding(Code::MotenFarreAnAvtalat, "styrgruppsmoten", location, file, message)
}

/// A finding at `location` when the field was found, else on the file.
fn placed(code: Code, field: &str, location: Option<&Location>, file: &str, message: String) -> Finding {
    match location {
        Some(location) => finding(code, field, location, file, message),
        None => Finding::new(code, file, message).field(field),
    }
}

pub fn quarter_not_over(q: Kvartal, location: Option<&Location>, file: &str) -> Finding {
    let message = format!(
        "Rapporten gäller {q}, som inte är slut förrän {}: ett kvartal kan inte rapporteras innan det är slut. \
         Rätta år och kvartal till det kvartal rapporten gäller; rapporten används inte förrän det är rättat.",
        q.last_day()
    );
    placed(Code::KvartalEjSlut, "period_kvartal", location, file, message)
}

pub fn quarter_not_over_at_date(
    q: Kvartal,
    date: NaiveDate,
    location: Option<&Location>,
    file: &str,
) -> Finding {
    let message = format!(
        "Rapporten gäller {q}, men rapportdatumet {date} ligger före kvartalets slut ({}): ett kvartal kan inte \
         rapporteras innan det är slut. Rätta år och kvartal till det kvartal rapporten gäller, eller \
         rapportdatumet om det är det som är fel; rapporten används inte förrän det är rättat.",
        q.last_day()
    );
    placed(Code::KvartalEjSlut, "period_kvartal", location, file, message)
}

pub fn rapportdatum_after_today(date: NaiveDate, location: Option<&Location>, file: &str) -> Finding {
    let message = format!(
        "Rapportdatumet {date} ligger efter dagens datum och används inte för att avgöra vilken version som är \
         nyast; filens ändringstid används i stället. Skriv det datum då rapporten skrevs, som ÅÅÅÅ-MM-DD."
    );
    placed(Code::RapportdatumOrimligt, "rapportdatum", location, file, message)
}

pub fn folder_quarter_differs(
    folder: &str,
    folder_q: Kvartal,
    q: Kvartal,
    location: Option<&Location>,
    file: &str,
) -> Finding {
    let message = format!(
        "Rapporten gäller {q}, men ligger i mappen \"{folder}\", som är för {folder_q}. Är det fel fil, till \
         exempel förra kvartalets som skickats igen, be styrgruppen om rapporten för {folder_q}; är det rätt \
         fil, flytta den till mappen för {q}."
    );
    placed(Code::KvartalAnnatAnMappen, "period_kvartal", location, file, message)
}

pub fn identical_copy(original: &str, file: &str) -> Finding {
    let message = format!(
        "Filen är en exakt kopia (samma innehåll byte för byte) av {original}. Den räknas som samma rapport, inte \
         som en nyare version; ta bort kopian om den inte behövs."
    );
    Finding::new(Code::RapportKopia, file, message)
}

pub fn same_figures_as_before(previous_q: Kvartal, previous_file: &str, q: Kvartal, file: &str) -> Finding {
    let message = format!(
        "Siffrorna är desamma som i rapporten för {previous_q} (fil {previous_file}): alla svar och belopp är \
         lika, bara år, kvartal och datum skiljer. Fyll i rapporten med uppgifterna för {q} och skicka den igen."
    );
    Finding::new(Code::SiffrorSammaSomForra, file, message)
}
