//! The settings of a run, each with its default, overridable in the
//! register's sheet `Inställningar`: the thresholds of `rules.md`, and how
//! kansliet's correspondence with the styrgrupper reads ([`Korrespondens`]:
//! sender, reply address, signature, the days a report is due after its
//! quarter, receipts on or off).
//!
//! Takes a setting's name as kansliet writes it and the cell beside it; gives
//! [`Installningar`], the settings in force for a run. Guarantees: every
//! setting has one Swedish name in [`SETTINGS`] and one default (for the
//! thresholds the values that reproduce the memo's tables); each is typed
//! by its [`Slot`], so a value that does not parse (a share, a count, an
//! e-mail address, Ja/Nej) leaves the default in place and comes back as a
//! message to report. Shares are fractions (`0.60` for 60 %), never
//! percent numbers.

use super::cells::{negative_message, value_message};
use super::swedish::fold;
use crate::value::group_thousands;
use crate::value::{CellValue, ValueError, parse_int, parse_kr};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::Serialize;

pub const BUDGET_OK_FRAN: &str = "Budget ok från";
pub const BUDGET_OK_TILL: &str = "Budget ok till";
pub const BUDGET_ATGARD_UNDER: &str = "Budget behov av åtgärd under";
pub const BUDGET_ATGARD_OVER: &str = "Budget behov av åtgärd över";
pub const DELTAGARE_GRON_FRAN: &str = "Deltagare grön från";
pub const DELTAGARE_ROD_UNDER: &str = "Deltagare röd under";
pub const MANADER_FORE_BEDOMNING: &str = "Månader innan deltagartakt bedöms";
pub const MAL_ANDEL_ARBETE_STUDIER: &str = "Mål andel till arbete eller studier";
pub const FORDELNING_INDIVID: &str = "Fördelning individ";
pub const FORDELNING_STRUKTUR: &str = "Fördelning struktur";
pub const FORDELNING_KOMPETENS: &str = "Fördelning kompetens";
pub const STYRGRUPPSMOTEN_PER_AR: &str = "Styrgruppsmöten per år";
pub const FOLJ_UPP_KVARTAL_I_RAD: &str = "Följ upp efter antal kvartal i rad";
pub const FOLJ_UPP_UTFALL_UNDER: &str = "Följ upp utfall under";
pub const FOLJ_UPP_TAKT_KVARTAL: &str = "Följ upp takt över antal kvartal";
pub const AVSANDARE: &str = "Avsändare";
pub const AVSANDARENS_EPOST: &str = "Avsändarens e-post";
pub const SVARA_TILL: &str = "Svara till";
pub const SIGNATUR: &str = "Signatur";
pub const DAGAR_ATT_RAPPORTERA: &str = "Dagar att rapportera efter kvartalet";
pub const KVITTENS: &str = "Kvittens vid godkänd rapport";

/// The default of [`DAGAR_ATT_RAPPORTERA`]. None of the förbund's documents
/// (`/work/shared/domain/seeds`) names a deadline for the quarterly report;
/// a month after the quarter is the usual practice and gives a styrgrupp
/// one meeting to settle the report, and kansliet sets its own.
const DAGAR_STANDARD: u32 = 30;

/// At most this many days after the quarter: a year, so a typo such as
/// `300` for `30` is caught rather than silencing every reminder.
const DAGAR_MAX: u32 = 365;

/// Every known setting: (name in `Inställningar`, what it means, default as
/// kansliet would write it). The defaults are those of `rules.md`.
pub const SETTINGS: &[(&str, &str, &str)] = &[
    (BUDGET_OK_FRAN, "Lägsta kvot utfall/budget för perioden som ger budgetprognosen Ok.", "60 %"),
    (BUDGET_OK_TILL, "Högsta kvot utfall/budget för perioden som ger budgetprognosen Ok.", "100 %"),
    (
        BUDGET_ATGARD_UNDER,
        "Under denna kvot utfall/budget blir budgetprognosen Behov av åtgärd, om insatsen startade i tid.",
        "50 %",
    ),
    (BUDGET_ATGARD_OVER, "Över denna kvot utfall/budget blir budgetprognosen Behov av åtgärd.", "120 %"),
    (
        DELTAGARE_GRON_FRAN,
        "Deltagartakt (deltagare hittills mot förväntat antal, i förhållande till förfluten tid) från vilken Deltagare blir grön.",
        "80 %",
    ),
    (DELTAGARE_ROD_UNDER, "Deltagartakt under vilken Deltagare blir röd.", "50 %"),
    (
        MANADER_FORE_BEDOMNING,
        "Så många månader efter start är det för tidigt att bedöma deltagartakten: den blir gul i stället för röd.",
        "3",
    ),
    (
        MAL_ANDEL_ARBETE_STUDIER,
        "Målet för andelen avslutade deltagare som går till arbete eller studier.",
        "34 %",
    ),
    (
        FORDELNING_INDIVID,
        "Målet för andelen av de beviljade medlen som går till individinriktade insatser.",
        "60 %",
    ),
    (
        FORDELNING_STRUKTUR,
        "Målet för andelen av de beviljade medlen som går till strukturövergripande insatser.",
        "30 %",
    ),
    (
        FORDELNING_KOMPETENS,
        "Målet för andelen av de beviljade medlen som går till kompetenshöjande insatser.",
        "10 %",
    ),
    (
        STYRGRUPPSMOTEN_PER_AR,
        "Styrgruppsmöten per år för en insats som inte anger ett eget antal i bladet Insatser.",
        "4",
    ),
    (
        FOLJ_UPP_KVARTAL_I_RAD,
        "Att följa upp: så många kvartal i rad ska en insats vara röd, ha lågt utfall, sakna rapport eller \
         sakna en part vid mötena innan den listas.",
        "2",
    ),
    (
        FOLJ_UPP_UTFALL_UNDER,
        "Att följa upp: under denna kvot utfall/budget för ett kvartal räknas utfallet som lågt.",
        "50 %",
    ),
    (
        FOLJ_UPP_TAKT_KVARTAL,
        "Att följa upp: takten som det beviljade beloppet förbrukas i är snittet av utfallet för så här \
         många av de senaste kvartalen.",
        "4",
    ),
    (
        AVSANDARE,
        "Namnet som återkopplingens meddelanden skickas från och undertecknas med (t.ex. kansliets eller \
         handläggarens namn).",
        "Kansliet",
    ),
    (
        AVSANDARENS_EPOST,
        "E-postadressen som meddelandena skickas från (From). Tom: e-postprogrammet väljer, och meddelandena \
         ber bara om ett svar.",
        "",
    ),
    (
        SVARA_TILL,
        "E-postadressen som styrgruppernas svar och rättade rapporter ska skickas till (Reply-To). Tom: \
         avsändarens e-post.",
        "",
    ),
    (
        SIGNATUR,
        "Raderna under \"Vänliga hälsningar\" i varje meddelande; får vara flera rader (Alt+Enter i cellen). \
         Tom: avsändarens namn och e-post.",
        "",
    ),
    (
        DAGAR_ATT_RAPPORTERA,
        "Så många dagar efter kvartalets slut ska rapporten ha kommit in. En påminnelse anger dagen, och en \
         rapport som saknas efter den är försenad.",
        "30",
    ),
    (KVITTENS, "Ja: en godkänd rapport får en kort kvittens med --aterkoppling. Nej: inga kvittenser.", "Ja"),
];

/// The thresholds in force for a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Installningar {
    /// Budget forecast Ok when `budget_ok_fran ≤ utfall/budget ≤ budget_ok_till`.
    pub budget_ok_fran: Decimal,
    pub budget_ok_till: Decimal,
    /// Behov av åtgärd below this (when the insats started on time).
    pub budget_atgard_under: Decimal,
    /// Behov av åtgärd above this.
    pub budget_atgard_over: Decimal,
    /// Participant progress green from this.
    pub deltagare_gron_fran: Decimal,
    /// Participant progress red below this.
    pub deltagare_rod_under: Decimal,
    /// Months from start during which low progress is yellow, not red.
    pub manader_fore_bedomning: u32,
    /// Goal for the share of finished participants going to work or studies.
    pub mal_andel_arbete_studier: Decimal,
    /// The 60-30-10 targets of granted funds per `Inriktning`.
    pub fordelning_individ: Decimal,
    pub fordelning_struktur: Decimal,
    pub fordelning_kompetens: Decimal,
    /// Meetings per year for an insats whose row leaves them empty.
    pub styrgruppsmoten_per_ar: u32,
    /// Att följa upp: how many quarters in a row make a pattern.
    pub folj_upp_kvartal_i_rad: u32,
    /// Att följa upp: a quarter's spend/budget below this is low.
    pub folj_upp_utfall_under: Decimal,
    /// Att följa upp: the spending rate is the mean of this many latest quarters.
    pub folj_upp_takt_kvartal: u32,
    /// How the feedback to the styrgrupper is sent. Not part of the
    /// follow-up itself, so not in the JSON.
    #[serde(skip)]
    pub korrespondens: Korrespondens,
}

/// The settings of kansliet's correspondence with the styrgrupper
/// (`src/feedback`): who writes, where answers go, how it is signed, when a
/// report is due, and whether an approved report gets a receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Korrespondens {
    /// The sender's name, on one line: `From` and the sign-off.
    pub avsandare: String,
    /// The sender's address (`From`); `None`: the mail program chooses.
    pub avsandare_epost: Option<String>,
    /// Where answers go (`Reply-To`); `None`: the sender's address.
    pub svara_till: Option<String>,
    /// The lines under "Vänliga hälsningar"; `None`: name and address.
    pub signatur: Option<String>,
    /// A report is due this many days after its quarter's last day.
    pub dagar_att_rapportera: u32,
    /// Whether an approved report gets a receipt.
    pub kvittens: bool,
}

impl Default for Korrespondens {
    fn default() -> Self {
        Korrespondens {
            avsandare: "Kansliet".to_string(),
            avsandare_epost: None,
            svara_till: None,
            signatur: None,
            dagar_att_rapportera: DAGAR_STANDARD,
            kvittens: true,
        }
    }
}

impl Default for Installningar {
    /// The defaults of `rules.md`, the same as [`SETTINGS`] writes them.
    fn default() -> Self {
        let share = |hundredths| Decimal::new(hundredths, 2);
        Installningar {
            budget_ok_fran: share(60),
            budget_ok_till: share(100),
            budget_atgard_under: share(50),
            budget_atgard_over: share(120),
            deltagare_gron_fran: share(80),
            deltagare_rod_under: share(50),
            manader_fore_bedomning: 3,
            mal_andel_arbete_studier: share(34),
            fordelning_individ: share(60),
            fordelning_struktur: share(30),
            fordelning_kompetens: share(10),
            styrgruppsmoten_per_ar: 4,
            folj_upp_kvartal_i_rad: 2,
            folj_upp_utfall_under: share(50),
            folj_upp_takt_kvartal: 4,
            korrespondens: Korrespondens::default(),
        }
    }
}

/// Where a setting's value goes, and what it may be.
enum Slot<'a> {
    /// A share of a whole: 0–100 %.
    Andel(&'a mut Decimal),
    /// A ratio such as spend/budget, which may pass 100 %; capped at 1 000 %
    /// so that "60" meant as 60 % is caught rather than read as 6 000 %.
    Kvot(&'a mut Decimal),
    /// A count.
    Antal(&'a mut u32),
    /// A number of days, at most [`DAGAR_MAX`].
    Dagar(&'a mut u32),
    /// A text on one line; blank keeps the default.
    Rad(&'a mut String),
    /// A text of one or more lines; blank is none.
    Rader(&'a mut Option<String>),
    /// One e-mail address that can stand in a header; blank is none.
    Epost(&'a mut Option<String>),
    /// Ja or Nej.
    JaNej(&'a mut bool),
}

impl Installningar {
    fn slot(&mut self, name: &str) -> Option<Slot<'_>> {
        Some(match name {
            BUDGET_OK_FRAN => Slot::Kvot(&mut self.budget_ok_fran),
            BUDGET_OK_TILL => Slot::Kvot(&mut self.budget_ok_till),
            BUDGET_ATGARD_UNDER => Slot::Kvot(&mut self.budget_atgard_under),
            BUDGET_ATGARD_OVER => Slot::Kvot(&mut self.budget_atgard_over),
            DELTAGARE_GRON_FRAN => Slot::Kvot(&mut self.deltagare_gron_fran),
            DELTAGARE_ROD_UNDER => Slot::Kvot(&mut self.deltagare_rod_under),
            MANADER_FORE_BEDOMNING => Slot::Antal(&mut self.manader_fore_bedomning),
            MAL_ANDEL_ARBETE_STUDIER => Slot::Andel(&mut self.mal_andel_arbete_studier),
            FORDELNING_INDIVID => Slot::Andel(&mut self.fordelning_individ),
            FORDELNING_STRUKTUR => Slot::Andel(&mut self.fordelning_struktur),
            FORDELNING_KOMPETENS => Slot::Andel(&mut self.fordelning_kompetens),
            STYRGRUPPSMOTEN_PER_AR => Slot::Antal(&mut self.styrgruppsmoten_per_ar),
            FOLJ_UPP_KVARTAL_I_RAD => Slot::Antal(&mut self.folj_upp_kvartal_i_rad),
            FOLJ_UPP_UTFALL_UNDER => Slot::Kvot(&mut self.folj_upp_utfall_under),
            FOLJ_UPP_TAKT_KVARTAL => Slot::Antal(&mut self.folj_upp_takt_kvartal),
            AVSANDARE => Slot::Rad(&mut self.korrespondens.avsandare),
            AVSANDARENS_EPOST => Slot::Epost(&mut self.korrespondens.avsandare_epost),
            SVARA_TILL => Slot::Epost(&mut self.korrespondens.svara_till),
            SIGNATUR => Slot::Rader(&mut self.korrespondens.signatur),
            DAGAR_ATT_RAPPORTERA => Slot::Dagar(&mut self.korrespondens.dagar_att_rapportera),
            KVITTENS => Slot::JaNej(&mut self.korrespondens.kvittens),
            _ => return None,
        })
    }

    /// Sets the setting `name` (spelled as in [`SETTINGS`]) from a non-blank
    /// cell. On error the default stays and the Swedish message comes back.
    pub(crate) fn set(&mut self, name: &str, cell: &CellValue) -> Result<(), String> {
        let example = default_text(name).unwrap_or("1");
        match self.slot(name) {
            Some(Slot::Andel(target)) => *target = share(cell, Decimal::ONE, example)?,
            Some(Slot::Kvot(target)) => *target = share(cell, Decimal::TEN, example)?,
            Some(Slot::Antal(target)) => *target = count(cell, example)?,
            Some(Slot::Dagar(target)) => *target = days(cell)?,
            Some(Slot::Rad(target)) => {
                let line = one_line(&cell.display());
                if !line.is_empty() {
                    *target = line;
                }
            }
            Some(Slot::Rader(target)) => *target = lines(&cell.display()),
            Some(Slot::Epost(target)) => *target = address(cell)?,
            Some(Slot::JaNej(target)) => *target = ja_nej(cell)?,
            None => return Err(unknown_message(name)),
        }
        Ok(())
    }
}

/// The name of the setting kansliet wrote, as [`SETTINGS`] spells it:
/// case, white space and å/ä/ö against a/o do not matter.
pub(crate) fn known_name(written: &str) -> Option<&'static str> {
    let wanted = fold(written);
    SETTINGS.iter().map(|(name, ..)| *name).find(|name| fold(name) == wanted)
}

/// The message for a setting the tool does not know.
pub(crate) fn unknown_message(written: &str) -> String {
    let names: Vec<&str> = SETTINGS.iter().map(|(name, ..)| *name).collect();
    format!("Inställningen \"{}\" finns inte. Skriv en av: {}.", written.trim(), names.join(", "))
}

/// The default of `name` as written in [`SETTINGS`], for examples.
pub(crate) fn default_text(name: &str) -> Option<&'static str> {
    SETTINGS.iter().find(|(n, ..)| *n == name).map(|(_, _, default)| *default)
}

/// A share as a fraction: `"34 %"`, `"34%"`, `"0,34"`, or a number cell
/// `0.34` (which is also what Excel stores for a cell formatted as `34 %`).
/// A `%` sign always means percent; at most `max` (as a fraction).
fn share(cell: &CellValue, max: Decimal, example: &str) -> Result<Decimal, String> {
    let found = cell.display();
    let not_a_share = || format!("\"{found}\" är inte en andel. Skriv värdet i procent, t.ex. {example}.");
    let value = match cell {
        // A number cell is the fraction itself; rounding drops float noise.
        CellValue::Number(n) => Decimal::from_f64(*n).ok_or_else(not_a_share)?.round_dp(6),
        CellValue::Text(text) => {
            let trimmed = text.trim();
            let (number, percent) = match trimmed.strip_suffix('%') {
                Some(number) => (number.trim_end(), true),
                None => (trimmed, false),
            };
            // The amount parser already knows spaces, decimal commas and signs.
            let parsed = parse_kr(&CellValue::Text(number.to_string()));
            let value = match parsed {
                Ok(Some(value)) => value,
                Err(ValueError::Negative { .. }) => return Err(negative_message(&found)),
                Ok(None) | Err(_) => return Err(not_a_share()),
            };
            if percent { value / Decimal::ONE_HUNDRED } else { value }
        }
        _ => return Err(not_a_share()),
    };
    if value.is_sign_negative() && !value.is_zero() {
        return Err(negative_message(&found));
    }
    if value > max {
        let limit = (max * Decimal::ONE_HUNDRED).normalize();
        return Err(format!(
            "\"{found}\" är mer än {} %. Skriv värdet i procent, t.ex. {example}.",
            group_thousands(&limit.trunc().to_string())
        ));
    }
    Ok(value.normalize())
}

/// A whole number ≥ 0.
fn count(cell: &CellValue, example: &str) -> Result<u32, String> {
    match parse_int(cell) {
        Ok(Some(n)) => Ok(n),
        Err(ValueError::Negative { found }) => Err(negative_message(&found)),
        Err(error @ ValueError::ErrorCell { .. }) => Err(value_message(&error, "")),
        Ok(None) | Err(_) => {
            Err(format!("\"{}\" är inte ett heltal. Skriv ett heltal, t.ex. {example}.", cell.display()))
        }
    }
}

/// A number of days after the quarter: a whole number from 0 to [`DAGAR_MAX`].
fn days(cell: &CellValue) -> Result<u32, String> {
    let n = count(cell, "30")?;
    if n > DAGAR_MAX {
        return Err(format!(
            "\"{}\" är fler än {DAGAR_MAX} dagar. Skriv hur många dagar efter kvartalets slut rapporten ska ha \
             kommit in, t.ex. 30.",
            cell.display()
        ));
    }
    Ok(n)
}

/// `text` on one line: line breaks and runs of white space become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text`'s lines, each trimmed, without blank lines at either end; `None`
/// when nothing is left. Control characters other than the line break
/// become spaces, so no cell can add a header or hide text.
fn lines(text: &str) -> Option<String> {
    let cleaned: String = text.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect();
    let kept: Vec<String> = cleaned.split('\n').map(one_line).collect();
    let first = kept.iter().position(|l| !l.is_empty())?;
    let last = kept.iter().rposition(|l| !l.is_empty()).unwrap_or(first);
    Some(kept.get(first..=last).unwrap_or_default().join("\n"))
}

/// One e-mail address that can stand alone in a header: it looks like an
/// address, and holds nothing that would end the header or name a second
/// addressee. Blank is none.
fn address(cell: &CellValue) -> Result<Option<String>, String> {
    let text = cell.display();
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let forbidden = |c: char| c.is_control() || ",;<>\"()[]\\:".contains(c);
    if crate::check::looks_like_email(text) && !text.contains(forbidden) && text.is_ascii() {
        Ok(Some(text.to_string()))
    } else {
        // An address with å, ä or ö is valid to few mail programs, and a
        // header carries it only encoded: Outlook may garble the reply.
        let letters =
            if text.is_ascii() { "" } else { " Skriv den utan å, ä och ö, som den är registrerad." };
        Err(format!(
            "\"{text}\" är inte en e-postadress som kan användas.{letters} Skriv en enda adress, t.ex. \
             kansliet@samordningsforbund.se (utan mailto:), eller lämna cellen tom."
        ))
    }
}

/// Ja or Nej, spelled as the template's lists accept them.
fn ja_nej(cell: &CellValue) -> Result<bool, String> {
    use crate::contract::choice::Svar;
    if let CellValue::Bool(value) = cell {
        return Ok(*value);
    }
    match Svar::parse(&cell.display()) {
        Some(Svar::Ja) => Ok(true),
        Some(Svar::Nej) => Ok(false),
        None => Err(format!("\"{}\" är varken Ja eller Nej. Skriv Ja eller Nej.", cell.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> CellValue {
        CellValue::Text(s.to_string())
    }

    #[test]
    fn every_default_as_written_sets_the_default_value() {
        let mut set = Installningar::default();
        for (name, explanation, default) in SETTINGS {
            assert!(!explanation.is_empty());
            assert_eq!(set.set(name, &text(default)), Ok(()), "{name}");
        }
        assert_eq!(set, Installningar::default());
        assert_eq!(SETTINGS.len(), 21);
    }

    #[test]
    fn shares_in_every_spelling() {
        let cases = [
            (text("34 %"), "0.34"),
            (text("34%"), "0.34"),
            (text(" 34,5 % "), "0.345"),
            (text("0,34"), "0.34"),
            (text("0.34"), "0.34"),
            (CellValue::Number(0.34), "0.34"),
            (CellValue::Number(0.1 + 0.2), "0.3"),
            (text("0 %"), "0"),
        ];
        for (cell, expected) in cases {
            let mut set = Installningar::default();
            assert_eq!(set.set(MAL_ANDEL_ARBETE_STUDIER, &cell), Ok(()), "{cell:?}");
            assert_eq!(set.mal_andel_arbete_studier.to_string(), expected, "{cell:?}");
        }
    }

    #[test]
    fn ratios_may_pass_one_hundred_percent_but_shares_may_not() {
        let mut set = Installningar::default();
        assert_eq!(set.set(BUDGET_ATGARD_OVER, &text("130 %")), Ok(()));
        assert_eq!(set.budget_atgard_over, Decimal::new(130, 2));
        assert_eq!(
            set.set(MAL_ANDEL_ARBETE_STUDIER, &text("34")),
            Err("\"34\" är mer än 100 %. Skriv värdet i procent, t.ex. 34 %.".to_string())
        );
        assert_eq!(
            set.set(BUDGET_OK_FRAN, &text("60")),
            Err("\"60\" är mer än 1 000 %. Skriv värdet i procent, t.ex. 60 %.".to_string())
        );
    }

    #[test]
    fn bad_values_keep_the_default_and_say_why() {
        let mut set = Installningar::default();
        assert_eq!(
            set.set(FORDELNING_INDIVID, &text("mycket")),
            Err("\"mycket\" är inte en andel. Skriv värdet i procent, t.ex. 60 %.".to_string())
        );
        assert_eq!(
            set.set(FORDELNING_INDIVID, &text("-5 %")),
            Err("\"-5 %\" är negativt. Skriv ett tal som är 0 eller större.".to_string())
        );
        assert_eq!(
            set.set(STYRGRUPPSMOTEN_PER_AR, &text("fyra")),
            Err("\"fyra\" är inte ett heltal. Skriv ett heltal, t.ex. 4.".to_string())
        );
        assert_eq!(set, Installningar::default());
    }

    #[test]
    fn correspondence_settings_are_typed_and_a_bad_value_keeps_the_default() {
        let mut set = Installningar::default();
        assert_eq!(set.set(AVSANDARE, &text("Anna  Andersson,\nkansliet")), Ok(()));
        assert_eq!(set.korrespondens.avsandare, "Anna Andersson, kansliet");
        assert_eq!(set.set(AVSANDARENS_EPOST, &text(" anna@sof.example ")), Ok(()));
        assert_eq!(set.korrespondens.avsandare_epost.as_deref(), Some("anna@sof.example"));
        assert_eq!(
            set.set(SVARA_TILL, &text("kansliet(at)sof")),
            Err("\"kansliet(at)sof\" är inte en e-postadress som kan användas. Skriv en enda adress, t.ex. \
                 kansliet@samordningsforbund.se (utan mailto:), eller lämna cellen tom."
                .to_string())
        );
        assert!(set.set(SVARA_TILL, &text("mailto:kansliet@sof.example")).is_err());
        assert_eq!(
            set.set(SVARA_TILL, &text("åsa@samordningsförbund.se")),
            Err("\"åsa@samordningsförbund.se\" är inte en e-postadress som kan användas. Skriv den utan å, ä och \
                 ö, som den är registrerad. Skriv en enda adress, t.ex. kansliet@samordningsforbund.se (utan \
                 mailto:), eller lämna cellen tom."
                .to_string())
        );
        assert_eq!(set.set(SVARA_TILL, &text("a@sof.example, b@sof.example")).map_err(|_| ()), Err(()));
        assert_eq!(set.korrespondens.svara_till, None, "the default stays");
        assert_eq!(set.set(SIGNATUR, &text("\n Anna Andersson \r\nFörbundschef\n\n")), Ok(()));
        assert_eq!(set.korrespondens.signatur.as_deref(), Some("Anna Andersson\nFörbundschef"));
        assert_eq!(set.set(DAGAR_ATT_RAPPORTERA, &CellValue::Number(45.0)), Ok(()));
        assert_eq!(set.korrespondens.dagar_att_rapportera, 45);
        assert_eq!(
            set.set(DAGAR_ATT_RAPPORTERA, &text("400")),
            Err(
                "\"400\" är fler än 365 dagar. Skriv hur många dagar efter kvartalets slut rapporten ska ha \
                 kommit in, t.ex. 30."
                    .to_string()
            )
        );
        assert_eq!(set.korrespondens.dagar_att_rapportera, 45, "the value before stays");
        assert_eq!(set.set(KVITTENS, &text("nej")), Ok(()));
        assert!(!set.korrespondens.kvittens);
        assert_eq!(
            set.set(KVITTENS, &text("kanske")),
            Err("\"kanske\" är varken Ja eller Nej. Skriv Ja eller Nej.".to_string())
        );
        assert_eq!(set.set(KVITTENS, &CellValue::Bool(true)), Ok(()));
        assert!(set.korrespondens.kvittens);
    }

    #[test]
    fn names_are_found_in_any_case_and_without_swedish_letters() {
        assert_eq!(known_name("  budget OK fran "), Some(BUDGET_OK_FRAN));
        assert_eq!(known_name("Mal andel till arbete eller  studier"), Some(MAL_ANDEL_ARBETE_STUDIER));
        assert_eq!(known_name("Budget okej"), None);
    }
}
