//! The quarterly report template, version 1: the one source of truth.
//!
//! Every field of `kvartalsrapport-v1` lives in [`FIELDS`] once: its defined
//! name, type, required-ness, section, Swedish label and help text. The
//! template generator lays the template out from it, the report reader reads
//! by it, the checks ask it what is required, and `docs/mallkontrakt.md` is
//! rendered from it (a test fails when the document and this list disagree).

pub mod choice;
mod doc;

pub use choice::{ChoiceList, IFas, MalPrognos, Malstatus, Narvaro, Svar, SvarEa};
pub use doc::contract_markdown;

use crate::register::Inriktning;
use serde::Serialize;

/// The version the generator writes into `mallversion`.
pub const MALLVERSION: &str = "1";

/// Every template version the tool has issued and still reads.
pub const ISSUED_VERSIONS: &[&str] = &["1"];

/// The goal block (`mal_lista`) has three columns: goal, status, comment.
pub const GOAL_BLOCK_COLUMNS: u32 = 3;

/// The value type of a field, as the contract's *Types* table names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FieldType {
    Text,
    Int,
    Kr,
    Date,
    Choice(ChoiceList),
    /// `mal_lista`: a block of rows of goal, `Målstatus` and comment.
    GoalBlock,
}

impl FieldType {
    /// The type as the contract document writes it.
    pub fn contract_name(self) -> String {
        match self {
            FieldType::Text => "text".into(),
            FieldType::Int => "int".into(),
            FieldType::Kr => "kr".into(),
            FieldType::Date => "date".into(),
            FieldType::Choice(list) => format!("choice({})", list.contract_name()),
            FieldType::GoalBlock => "block".into(),
        }
    }
}

/// Whether a field must be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Required {
    Yes,
    No,
    /// Required when the register expects participants of the insats
    /// (individual insatser); may be left empty otherwise.
    WhenParticipantsExpected,
}

/// Whether an insats has participants by the register: every individual
/// insats, and any other with an expected number of participants above
/// zero. The one rule behind [`AnsweredBy::WithParticipants`]: the register's
/// `Insats::expects_participants` and the template's prefill both ask it.
pub fn participants_expected(inriktning: Inriktning, forvantat_antal_deltagare: Option<u32>) -> bool {
    inriktning == Inriktning::Individ || forvantat_antal_deltagare.is_some_and(|n| n > 0)
}

impl Required {
    /// Whether the field must be answered for an insats that does (or does
    /// not) expect participants by the register
    /// (`Insats::expects_participants`). The checks ask this for every
    /// report and the template for the star of a prefilled one, so what is
    /// marked and what is checked cannot differ.
    pub fn for_insats(self, participants_expected: bool) -> bool {
        match self {
            Required::Yes => true,
            Required::No => false,
            Required::WhenParticipantsExpected => participants_expected,
        }
    }
}

/// Which insatser answer a section: the rule behind
/// [`Required::WhenParticipantsExpected`], per section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AnsweredBy {
    /// Every insats, whatever its inriktning.
    Every,
    /// Insatser that have participants by the register: every individual
    /// insats, and a structural or competence insats with an expected number
    /// of participants above zero. Others leave the section empty; figures
    /// there raise `deltagare-ovantade`.
    WithParticipants,
}

/// The sections of the template, in the memo's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Section {
    Identitet,
    Rapport,
    Mal,
    Forutsattningar,
    Budget,
    Kvalitet,
    Deltagare,
    Avslut,
    Analys,
}

impl Section {
    pub const ALL: &'static [Section] = &[
        Section::Identitet,
        Section::Rapport,
        Section::Mal,
        Section::Forutsattningar,
        Section::Budget,
        Section::Kvalitet,
        Section::Deltagare,
        Section::Avslut,
        Section::Analys,
    ];

    /// The section's heading in the template and in messages.
    pub fn title(self) -> &'static str {
        match self {
            Section::Identitet => "Insatsen",
            Section::Rapport => "Om rapporten",
            Section::Mal => "Mål",
            Section::Forutsattningar => "Förutsättningar",
            Section::Budget => "Budget",
            Section::Kvalitet => "Kvalitet",
            Section::Deltagare => "Deltagare",
            Section::Avslut => "Avslut",
            Section::Analys => "Analys",
        }
    }

    /// Which insatser answer the section. The participant sections'
    /// fields are [`Required::WhenParticipantsExpected`] (a test holds the
    /// two together), so this is the one rule the template, the checks and
    /// `docs/mallkontrakt.md` state.
    pub const fn answered_by(self) -> AnsweredBy {
        match self {
            Section::Deltagare | Section::Avslut => AnsweredBy::WithParticipants,
            _ => AnsweredBy::Every,
        }
    }

    /// For the blank template and the contract: which insatser the section
    /// applies to, in words.
    pub fn applies_to(self) -> &'static str {
        match self.answered_by() {
            AnsweredBy::Every => "Gäller alla insatser.",
            AnsweredBy::WithParticipants => {
                "Gäller individinriktade insatser och andra insatser med deltagare enligt registret; \
                 övriga lämnar avsnittet tomt."
            }
        }
    }

    /// One line under the heading saying what the section is for.
    pub fn intro(self) -> &'static str {
        match self {
            Section::Identitet => "Ifyllt av kansliet från registret. Kan inte ändras.",
            Section::Rapport => "Vem som skrivit rapporten och vart frågor om den ska skickas.",
            Section::Mal => "Hur insatsen ligger till mot målen i ansökan (PM:ets tabell 2).",
            Section::Forutsattningar => {
                "Start, vakanser och avvikelser gällande budget under kvartalet (tabell 3)."
            }
            Section::Budget => "Förbundets medel under kvartalet, i kronor (tabell 4).",
            Section::Kvalitet => "Styrgruppens arbete under kvartalet (tabell 5).",
            Section::Deltagare => {
                "Antal personer registrerade med personuppgifter i SUS/Uppföljning Finsam. \
                 0 är ett svar."
            }
            Section::Avslut => {
                "Deltagare som avslutats under kvartalet, per avslutsanledning. \
                 Summan per kön ska vara lika med antalet avslutade."
            }
            Section::Analys => "Styrgruppens egen analys av kvartalet, för förbundsstyrelsen.",
        }
    }
}

/// The gender half of a pair of fields such as `deltagare_nya_kvinnor`/`_man`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Gender {
    Kvinnor,
    Man,
}

impl Gender {
    pub const ALL: [Gender; 2] = [Gender::Kvinnor, Gender::Man];

    /// The ending of the pair's defined names: `deltagare_nya_kvinnor`, `…_man`.
    pub fn name_suffix(self) -> &'static str {
        match self {
            Gender::Kvinnor => "kvinnor",
            Gender::Man => "man",
        }
    }

    /// The word in Swedish text: "kvinnor", "män".
    pub fn label(self) -> &'static str {
        match self {
            Gender::Kvinnor => "kvinnor",
            Gender::Man => "män",
        }
    }
}

/// One defined name of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The workbook-scoped defined name: the public contract.
    pub name: &'static str,
    pub ty: FieldType,
    pub required: Required,
    pub section: Section,
    /// The Swedish label beside the input cell (shared by both halves of a pair).
    pub label: &'static str,
    /// Help for the person filling it in, shown beside the cell and as its
    /// input message.
    pub help: &'static str,
    /// Set for the two halves of a women/men pair, laid out on one row.
    pub gender: Option<Gender>,
    /// Prefilled by kansliet and locked in the template.
    pub locked: bool,
}

impl Field {
    /// The label as one field's name in a message, e.g. "Pågående deltagare (kvinnor)".
    pub fn display_label(&self) -> String {
        match self.gender {
            Some(g) => format!("{} ({})", self.label, g.label()),
            None => self.label.to_string(),
        }
    }
}

/// Looks a field up by its defined name.
pub fn field(name: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.name == name)
}

/// The field named `name` in any letter case, as Excel matches defined
/// names. Every defined name of every report is looked up here, so through
/// an index built once; names nearly always come in the contract's own
/// (lower) case, which needs no copy.
pub fn field_ignoring_case(name: &str) -> Option<&'static Field> {
    static BY_NAME: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static Field>> =
        std::sync::OnceLock::new();
    let index = BY_NAME.get_or_init(|| FIELDS.iter().map(|f| (f.name, f)).collect());
    match index.get(name) {
        Some(field) => Some(field),
        None if name.bytes().any(|b| b.is_ascii_uppercase()) => {
            index.get(name.to_ascii_lowercase().as_str()).copied()
        }
        None => None,
    }
}

/// The defined name of the count of `gender` finished for reason `key`
/// (`avslut_<key>_kvinnor`), as the contract's own `'static` name; for a
/// key the contract does not have, the section's first field, so a value
/// is never attributed to no field at all.
pub fn avslut_field(key: &str, gender: Gender) -> &'static str {
    let suffix = match gender {
        Gender::Kvinnor => "kvinnor",
        Gender::Man => "man",
    };
    FIELDS
        .iter()
        .find(|f| {
            f.name
                .strip_prefix("avslut_")
                .and_then(|rest| rest.strip_suffix(suffix))
                .and_then(|k| k.strip_suffix('_'))
                == Some(key)
        })
        .map_or("avslut_arbete_kvinnor", |f| f.name)
}

/// The reasons for finishing, as `(key, memo wording)`; each has a
/// `avslut_<key>_kvinnor` and `avslut_<key>_man` field.
pub const AVSLUTSANLEDNINGAR: &[(&str, &str)] = &[
    ("arbete", "Ej subventionerat arbete"),
    ("subventionerat_arbete", "Subventionerat arbete"),
    ("eget_foretag", "Eget företag"),
    ("studier", "Studier"),
    ("arbetssokande", "Arbetssökande"),
    ("annan_insats", "Annan insats eller rehabilitering"),
    ("ovrigt", "Övrigt (avbrutit, flyttat, okänt)"),
];

/// The reasons the memo's statistics count as "to work or studies".
pub const TILL_ARBETE_ELLER_STUDIER: &[&str] =
    &["arbete", "subventionerat_arbete", "eget_foretag", "studier"];

const fn f(
    name: &'static str,
    ty: FieldType,
    required: Required,
    section: Section,
    label: &'static str,
    help: &'static str,
) -> Field {
    Field { name, ty, required, section, label, help, gender: None, locked: false }
}

const fn locked(field: Field) -> Field {
    Field { locked: true, ..field }
}

const fn pair(
    name: &'static str,
    gender: Gender,
    section: Section,
    label: &'static str,
    help: &'static str,
) -> Field {
    let required = match section.answered_by() {
        AnsweredBy::WithParticipants => Required::WhenParticipantsExpected,
        AnsweredBy::Every => Required::No,
    };
    Field { name, ty: FieldType::Int, required, section, label, help, gender: Some(gender), locked: false }
}

use FieldType::{Date, GoalBlock, Int, Kr, Text};
use Required::{No, WhenParticipantsExpected, Yes};
use Section as S;

const JANEJ: FieldType = FieldType::Choice(ChoiceList::JaNej);
const JANEJEA: FieldType = FieldType::Choice(ChoiceList::JaNejEa);
const NARVARO: FieldType = FieldType::Choice(ChoiceList::Narvaro);

const NARVARO_HELP: &str = "Den svagaste närvaron under kvartalets möten: om ordinarie ledamot \
    saknades vid något möte, välj Ersättare närvarande eller Ingen närvarande.";

/// Every field of template version 1, in the template's order.
pub static FIELDS: &[Field] = &[
    // Identity: prefilled from the register, locked.
    locked(f("mallversion", Text, Yes, S::Identitet, "Mallversion", "Mallens version. Ändras inte.")),
    locked(f(
        "insats_id",
        Text,
        Yes,
        S::Identitet,
        "Insatsens id (Dnr)",
        "Insatsens diarienummer i förbundets register, t.ex. 2017:48.",
    )),
    locked(f("insats_namn", Text, Yes, S::Identitet, "Insats", "Insatsens namn enligt ansökan.")),
    locked(f("period_ar", Int, Yes, S::Identitet, "År", "Året som rapporten gäller.")),
    locked(f("period_kvartal", Int, Yes, S::Identitet, "Kvartal", "Kvartalet som rapporten gäller, 1–4.")),
    // About the report.
    f("rapportdatum", Date, Yes, S::Rapport, "Rapportdatum", "Datum då rapporten skrevs, som ÅÅÅÅ-MM-DD."),
    f(
        "uppgiftslamnare",
        Text,
        Yes,
        S::Rapport,
        "Uppgiftslämnare",
        "Namn på den som skrivit rapporten (personal, aldrig en deltagare).",
    ),
    f(
        "uppgiftslamnare_epost",
        Text,
        Yes,
        S::Rapport,
        "E-post till uppgiftslämnaren",
        "Hit skickar kansliet frågor och återkoppling om rapporten.",
    ),
    // Goals: memo Tabell 2.
    f(
        "mal_i_fas",
        FieldType::Choice(ChoiceList::IFas),
        Yes,
        S::Mal,
        "Ligger insatsen i fas med målen i ansökan?",
        "Välj Ja, Nej, Under bevakning eller För tidigt för att utläsa.",
    ),
    f(
        "mal_prognos",
        FieldType::Choice(ChoiceList::Prognos),
        Yes,
        S::Mal,
        "Tror styrgruppen att målen nås vid insatsens slut?",
        "Styrgruppens prognos för måluppfyllelse. Inte aktuellt om insatsen har avslutats.",
    ),
    f(
        "mal_lista",
        GoalBlock,
        No,
        S::Mal,
        "Målen i ansökan",
        "Ett mål per rad, ifyllt av kansliet. Välj status för varje mål och kommentera vid behov.",
    ),
    f(
        "mal_kommentar",
        Text,
        No,
        S::Mal,
        "Kommentar om målen",
        "Förklara gärna särskilt om insatsen inte ligger i fas.",
    ),
    // Conditions: memo Tabell 3.
    f(
        "start_i_tid",
        JANEJ,
        Yes,
        S::Forutsattningar,
        "Startade insatsen det datum som angavs i ansökan?",
        "Ja eller Nej.",
    ),
    f(
        "vakanser_sof",
        JANEJ,
        Yes,
        S::Forutsattningar,
        "Vakanser i tjänster som finansieras av förbundet (SOF-medel)?",
        "Gäller detta kvartal.",
    ),
    f(
        "vakanser_egen",
        JANEJ,
        Yes,
        S::Forutsattningar,
        "Vakanser i resurser som parterna finansierar själva?",
        "Gäller detta kvartal.",
    ),
    f(
        "avvikelse_budget",
        JANEJ,
        Yes,
        S::Forutsattningar,
        "Har en avvikelserapport om budgeten skickats in?",
        "Gäller detta kvartal.",
    ),
    f(
        "forutsattningar_kommentar",
        Text,
        No,
        S::Forutsattningar,
        "Kommentar om förutsättningarna",
        "T.ex. orsak till sen start eller vakanser.",
    ),
    // Budget: memo Tabell 4.
    locked(f(
        "budget_kr",
        Kr,
        No,
        S::Budget,
        "Budget för kvartalet (kr)",
        "Ifyllt av kansliet från registret, för er information.",
    )),
    f(
        "utfall_kr",
        Kr,
        Yes,
        S::Budget,
        "Utfall, förbundets medel (kr)",
        "Faktiska kostnader av förbundets medel under kvartalet, i kronor.",
    ),
    f(
        "egenfinansiering_kr",
        Kr,
        No,
        S::Budget,
        "Egenfinansiering (kr)",
        "Parternas egna kostnader under kvartalet.",
    ),
    f(
        "budget_kommentar",
        Text,
        No,
        S::Budget,
        "Kommentar om budgeten",
        "Förklara gärna stora skillnader mot budget.",
    ),
    // Quality assurance: memo Tabell 5.
    f(
        "styrgruppsmoten",
        Int,
        Yes,
        S::Kvalitet,
        "Antal styrgruppsmöten under kvartalet",
        "Ett heltal, 0 om inget möte hölls.",
    ),
    f("narvaro_kommun", NARVARO, Yes, S::Kvalitet, "Närvaro: kommunen", NARVARO_HELP),
    f("narvaro_af", NARVARO, Yes, S::Kvalitet, "Närvaro: Arbetsförmedlingen", NARVARO_HELP),
    f("narvaro_fk", NARVARO, Yes, S::Kvalitet, "Närvaro: Försäkringskassan", NARVARO_HELP),
    f("narvaro_region", NARVARO, Yes, S::Kvalitet, "Närvaro: Regionen", NARVARO_HELP),
    f(
        "uppfoljning_enligt_avtal",
        JANEJ,
        Yes,
        S::Kvalitet,
        "Har uppföljning skett enligt överenskommelsen?",
        "För individinriktade insatser: är deltagarna registrerade i SUS/Uppföljning Finsam?",
    ),
    f(
        "kontroll_malgrupp",
        JANEJEA,
        Yes,
        S::Kvalitet,
        "Har styrgruppen kontrollerat att insatsen når målgruppen?",
        "Ja, Nej eller Ej aktuellt.",
    ),
    f(
        "kontroll_metod",
        JANEJEA,
        Yes,
        S::Kvalitet,
        "Har styrgruppen kontrollerat att insatsen arbetar med metoden i ansökan?",
        "Ja, Nej eller Ej aktuellt.",
    ),
    f(
        "jamlikhet",
        JANEJEA,
        Yes,
        S::Kvalitet,
        "Har jämlikhet varit uppe på styrgruppens agenda?",
        "Gäller detta kvartal.",
    ),
    f(
        "jamstalldhet",
        JANEJEA,
        Yes,
        S::Kvalitet,
        "Har jämställdhet varit uppe på styrgruppens agenda?",
        "Gäller detta kvartal.",
    ),
    f(
        "avvikelse_mal_malgrupp",
        JANEJ,
        Yes,
        S::Kvalitet,
        "Har en avvikelserapport om mål eller målgrupp skickats in?",
        "Gäller detta kvartal.",
    ),
    f(
        "kvalitet_kommentar",
        Text,
        No,
        S::Kvalitet,
        "Kommentar om kvalitetsarbetet",
        "T.ex. vilken part som saknades vid möten.",
    ),
    // Participants: memo Tabell 6, 7 and the statistics.
    pair(
        "deltagare_pagaende_kvinnor",
        Gender::Kvinnor,
        S::Deltagare,
        "Pågående deltagare vid kvartalets slut",
        "Inskrivna deltagare den sista dagen i kvartalet.",
    ),
    pair(
        "deltagare_pagaende_man",
        Gender::Man,
        S::Deltagare,
        "Pågående deltagare vid kvartalets slut",
        "Inskrivna deltagare den sista dagen i kvartalet.",
    ),
    pair(
        "deltagare_nya_kvinnor",
        Gender::Kvinnor,
        S::Deltagare,
        "Nya deltagare under kvartalet",
        "Deltagare som skrevs in under kvartalet.",
    ),
    pair(
        "deltagare_nya_man",
        Gender::Man,
        S::Deltagare,
        "Nya deltagare under kvartalet",
        "Deltagare som skrevs in under kvartalet.",
    ),
    pair(
        "deltagare_avslutade_kvinnor",
        Gender::Kvinnor,
        S::Deltagare,
        "Avslutade deltagare under kvartalet",
        "Deltagare som avslutades under kvartalet.",
    ),
    pair(
        "deltagare_avslutade_man",
        Gender::Man,
        S::Deltagare,
        "Avslutade deltagare under kvartalet",
        "Deltagare som avslutades under kvartalet.",
    ),
    pair(
        "deltagare_totalt_kvinnor",
        Gender::Kvinnor,
        S::Deltagare,
        "Deltagare totalt sedan start",
        "Pågående plus alla som avslutats sedan insatsen startade.",
    ),
    pair(
        "deltagare_totalt_man",
        Gender::Man,
        S::Deltagare,
        "Deltagare totalt sedan start",
        "Pågående plus alla som avslutats sedan insatsen startade.",
    ),
    f(
        "deltagare_anonyma",
        Int,
        WhenParticipantsExpected,
        S::Deltagare,
        "Anonymt registrerade sedan start",
        "Personer registrerade anonymt i SUS/Uppföljning Finsam. De kan inte följas upp.",
    ),
    f(
        "deltagare_utanfor_malgrupp",
        Int,
        WhenParticipantsExpected,
        S::Deltagare,
        "Deltagare utanför målgruppen i ansökan",
        "Antal deltagare under kvartalet som inte hör till målgruppen, t.ex. yngre än angivet.",
    ),
    // Reasons for finishing: the statistics.
    pair("avslut_arbete_kvinnor", Gender::Kvinnor, S::Avslut, "Ej subventionerat arbete", AVSLUT_HELP),
    pair("avslut_arbete_man", Gender::Man, S::Avslut, "Ej subventionerat arbete", AVSLUT_HELP),
    pair(
        "avslut_subventionerat_arbete_kvinnor",
        Gender::Kvinnor,
        S::Avslut,
        "Subventionerat arbete",
        AVSLUT_HELP,
    ),
    pair("avslut_subventionerat_arbete_man", Gender::Man, S::Avslut, "Subventionerat arbete", AVSLUT_HELP),
    pair("avslut_eget_foretag_kvinnor", Gender::Kvinnor, S::Avslut, "Eget företag", AVSLUT_HELP),
    pair("avslut_eget_foretag_man", Gender::Man, S::Avslut, "Eget företag", AVSLUT_HELP),
    pair("avslut_studier_kvinnor", Gender::Kvinnor, S::Avslut, "Studier", AVSLUT_HELP),
    pair("avslut_studier_man", Gender::Man, S::Avslut, "Studier", AVSLUT_HELP),
    pair("avslut_arbetssokande_kvinnor", Gender::Kvinnor, S::Avslut, "Arbetssökande", AVSLUT_HELP),
    pair("avslut_arbetssokande_man", Gender::Man, S::Avslut, "Arbetssökande", AVSLUT_HELP),
    pair(
        "avslut_annan_insats_kvinnor",
        Gender::Kvinnor,
        S::Avslut,
        "Annan insats eller rehabilitering",
        AVSLUT_HELP,
    ),
    pair("avslut_annan_insats_man", Gender::Man, S::Avslut, "Annan insats eller rehabilitering", AVSLUT_HELP),
    pair(
        "avslut_ovrigt_kvinnor",
        Gender::Kvinnor,
        S::Avslut,
        "Övrigt (avbrutit, flyttat, okänt)",
        AVSLUT_HELP,
    ),
    pair("avslut_ovrigt_man", Gender::Man, S::Avslut, "Övrigt (avbrutit, flyttat, okänt)", AVSLUT_HELP),
    // Free text.
    f(
        "analys",
        Text,
        No,
        S::Analys,
        "Styrgruppens analys av kvartalet",
        "Skriv aldrig namn eller personnummer på deltagare.",
    ),
];

const AVSLUT_HELP: &str = "Antal deltagare som avslutades under kvartalet av detta skäl.";

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn names_are_unique_and_lower_snake_case() {
        let mut seen = BTreeSet::new();
        for field in FIELDS {
            assert!(seen.insert(field.name), "duplicate {}", field.name);
            assert!(field.name.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{}", field.name);
        }
    }

    #[test]
    fn every_reason_has_a_field_per_gender() {
        for (key, wording) in AVSLUTSANLEDNINGAR {
            for suffix in ["kvinnor", "man"] {
                let name = format!("avslut_{key}_{suffix}");
                let field = field(&name).unwrap_or_else(|| panic!("{name} missing"));
                assert_eq!(field.label, *wording);
            }
        }
    }

    #[test]
    fn pairs_sit_next_to_each_other_women_first() {
        for (i, field) in FIELDS.iter().enumerate() {
            if field.gender == Some(Gender::Kvinnor) {
                let next = &FIELDS[i + 1];
                assert_eq!(next.gender, Some(Gender::Man), "{}", field.name);
                assert_eq!(next.label, field.label);
                assert_eq!(next.name.trim_end_matches("_man"), field.name.trim_end_matches("_kvinnor"));
            }
        }
    }

    #[test]
    fn a_field_is_required_only_with_participants_exactly_in_the_participant_sections() {
        for field in FIELDS {
            let in_participant_section = field.section.answered_by() == AnsweredBy::WithParticipants;
            let when_participants = field.required == Required::WhenParticipantsExpected;
            assert_eq!(in_participant_section, when_participants, "{}", field.name);
        }
        assert_eq!(Section::Deltagare.answered_by(), AnsweredBy::WithParticipants);
        assert_eq!(Section::Avslut.answered_by(), AnsweredBy::WithParticipants);
        assert_eq!(Section::Budget.answered_by(), AnsweredBy::Every);
    }

    #[test]
    fn participant_fields_are_required_only_of_insatser_with_participants() {
        assert!(Required::WhenParticipantsExpected.for_insats(true));
        assert!(!Required::WhenParticipantsExpected.for_insats(false));
        assert!(Required::Yes.for_insats(false));
        assert!(!Required::No.for_insats(true));
    }

    #[test]
    fn sections_come_in_the_memos_order() {
        let order: Vec<Section> = FIELDS.iter().map(|f| f.section).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
    }
}
