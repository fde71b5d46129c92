//! What the aggregation gives: the follow-up of every insats active in a
//! period, the statistics, and where every figure came from. The workbook
//! and the JSON are both rendered from this, so they hold the same content.
//!
//! Money is `Decimal`; shares are `Decimal` fractions (0.55 for 55 %).
//! Every judged value is a [`Bedomd`]: its text as the memo writes it, its
//! colour, the reason for a memo star, and kansliet's override if any.

use crate::finding::Finding;
use crate::period::{Kvartal, Period};
use crate::register::{Inriktning, Installningar, Karaktar, Status};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// A value with a traffic-light judgement, as one cell of the memo's tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bedomd {
    /// As shown: `Ja`, `Ja*`, `Under bevakning`, `Framgår ej i kvartalsrapporten`,
    /// `Fel i rapporten`, `Rapport saknas`, `I tvivel`…
    pub text: String,
    /// The colour; `None` for values the rules leave uncoloured (`Ej aktuellt`).
    pub status: Option<Status>,
    /// Why the value has a star or is what it is, in words (the memo's
    /// footnotes); always set when the computed colour is yellow or red
    /// (a colour kansliet set has its reason in `bedomning`).
    pub anmarkning: Option<String>,
    /// Kansliet's reason, when a `Bedömningar` row overrode the computed status.
    pub bedomning: Option<String>,
}

impl Bedomd {
    pub fn new(text: impl Into<String>, status: Option<Status>) -> Bedomd {
        Bedomd { text: text.into(), status, anmarkning: None, bedomning: None }
    }

    pub fn with_anmarkning(mut self, anmarkning: impl Into<String>) -> Bedomd {
        self.anmarkning = Some(anmarkning.into());
        self
    }
}

/// Whether the period's reports of an insats came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Rapportlage {
    /// Every quarter's report is in, without Fel.
    Inkommen,
    /// A quarter of the period has no report.
    Saknas,
    /// No quarter lacks a report, but for some quarter none is used: whose
    /// they are is in doubt (`rapport-i-tvivel`, `identitet-motsags`).
    ITvivel,
    /// Every report is in, but some has a Fel.
    Fel,
}

impl Rapportlage {
    pub fn label(self) -> &'static str {
        match self {
            Rapportlage::Inkommen => "Inkommen",
            Rapportlage::Saknas => "Saknas",
            Rapportlage::ITvivel => "I tvivel",
            Rapportlage::Fel => "Fel",
        }
    }
}

/// The report used for one quarter of the period, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KvartalsRapportering {
    pub kvartal: Kvartal,
    /// The file used; `None` when the report is missing.
    pub fil: Option<String>,
    /// No file used because the quarter's reports are in doubt (whose they
    /// are is unclear): kansliet's to resolve, not a missing report.
    pub i_tvivel: bool,
}

/// Memo Tabell 2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MalResultat {
    pub i_fas: Bedomd,
    pub prognos: Bedomd,
    /// Goals met of all goals in `mal_lista`: (met, all), e.g. (6, 7).
    pub uppfyllda: Option<(u32, u32)>,
    /// The styrgrupp's comment on the goals in the report that counts
    /// (the latest used in the period, as the answers).
    pub kommentar: Option<String>,
}

/// The column headings of the judged values, as the sheets head them and
/// as the reasons of an area name them: one spelling for both.
pub mod rubrik {
    pub const I_FAS: &str = "Insatsen ligger i fas gällande uppsatta mål";
    pub const PROGNOS: &str = "Styrgruppens prognos för måluppfyllelse";
    pub const PROGNOS_BUDGET: &str = "Prognos budget";
    pub const TAKT: &str = "Deltagartakt";
    /// [`super::ForutsattningarResultat::parts`], in order.
    pub const FORUTSATTNINGAR: [&str; 4] = [
        "Start i tid",
        "Vakanser SOF-medel",
        "Vakanser egenfinansierade resurser",
        "Inkomna avvikelser gällande budget",
    ];
    /// [`super::KvalitetResultat::parts`], in order.
    pub const KVALITET: [&str; 7] = [
        "Styrgruppsmöten enl. avtal",
        "Uppföljning enl. avtal",
        "Kontroll målgrupp",
        "Kontroll metod",
        "Jämlikhet",
        "Jämställdhet",
        "Avvikelse mål/målgrupp",
    ];
}

/// Memo Tabell 3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForutsattningarResultat {
    pub start_i_tid: Bedomd,
    pub vakanser_sof: Bedomd,
    pub vakanser_egen: Bedomd,
    pub avvikelse_budget: Bedomd,
    /// The styrgrupp's comment in the report that counts.
    pub kommentar: Option<String>,
}

impl ForutsattningarResultat {
    /// The four answers, in the memo's column order.
    pub fn parts(&self) -> [&Bedomd; 4] {
        [&self.start_i_tid, &self.vakanser_sof, &self.vakanser_egen, &self.avvikelse_budget]
    }
}

/// Memo Tabell 4.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetResultat {
    /// The register's budget summed over the period's active quarters;
    /// `None` when a quarter's budget row has a problem in the register
    /// (the reason is among the insats's `ej_kanda`).
    pub budget: Option<Decimal>,
    /// Spend summed over the period's reports; `None` when no report gave it.
    pub utfall: Option<Decimal>,
    /// `utfall / budget`.
    pub andel: Option<Decimal>,
    /// `Ok`, `Under bevakning` or `Behov av åtgärd`.
    pub prognos: Bedomd,
    /// Spend over every report read up to the period's end.
    pub utfall_sedan_start: Option<Decimal>,
    /// The granted amount after the decisions up to the period's end.
    pub beviljat_belopp: Decimal,
    /// The styrgrupp's comment on the budget in the report that counts.
    pub kommentar: Option<String>,
}

/// Memo Tabell 5.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KvalitetResultat {
    pub styrgruppsmoten: Bedomd,
    pub uppfoljning: Bedomd,
    pub kontroll_malgrupp: Bedomd,
    pub kontroll_metod: Bedomd,
    pub jamlikhet: Bedomd,
    pub jamstalldhet: Bedomd,
    pub avvikelse_mal_malgrupp: Bedomd,
    /// The styrgrupp's comment on the quality in the report that counts.
    pub kommentar: Option<String>,
}

impl KvalitetResultat {
    /// The seven answers, in the memo's column order.
    pub fn parts(&self) -> [&Bedomd; 7] {
        [
            &self.styrgruppsmoten,
            &self.uppfoljning,
            &self.kontroll_malgrupp,
            &self.kontroll_metod,
            &self.jamlikhet,
            &self.jamstalldhet,
            &self.avvikelse_mal_malgrupp,
        ]
    }
}

/// Memo Tabell 6 and 7: individual insatser only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeltagareResultat {
    /// At the end of the latest quarter reported.
    pub pagaende: Option<u32>,
    /// Finished during the period.
    pub avslutade: Option<u32>,
    /// Since start, at the end of the latest quarter reported.
    pub totalt: Option<u32>,
    pub forvantat: Option<u32>,
    /// `totalt / forvantat`.
    pub andel_av_forvantat: Option<Decimal>,
    /// Progress against time: the share of expected ÷ the share of time gone.
    pub takt: Bedomd,
    /// Registered anonymously, since start.
    pub anonyma: Option<u32>,
    pub budget_per_ar: Option<Decimal>,
    /// Finished during the period by reason (the contract's order), women
    /// and men; `None` when a quarter's report is missing or one of its
    /// counts is not known, so the statistics leave the insats out.
    pub avslut: Option<Vec<crate::report::Kon<u32>>>,
}

/// The status of each area and of the whole (memo colours).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Omraden {
    pub mal: Bedomd,
    pub forutsattningar: Bedomd,
    pub budget: Bedomd,
    pub kvalitet: Bedomd,
    /// `None` for insatser that have no participants to judge.
    pub deltagare: Option<Bedomd>,
    pub helhet: Bedomd,
}

/// The follow-up of one insats over the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InsatsResultat {
    pub id: String,
    pub namn: String,
    pub kortnamn: String,
    pub omrade: String,
    pub inriktning: Inriktning,
    pub karaktar: Option<Karaktar>,
    pub start: NaiveDate,
    /// After the decisions dated up to the period's end.
    pub slut: NaiveDate,
    /// The memo's words: "2 år och 11 mån".
    pub insatstid: String,
    pub rapporter: Vec<KvartalsRapportering>,
    pub rapport: Rapportlage,
    pub mal: MalResultat,
    pub forutsattningar: ForutsattningarResultat,
    pub budget: BudgetResultat,
    pub kvalitet: KvalitetResultat,
    /// `Some` for individual insatser.
    pub deltagare: Option<DeltagareResultat>,
    pub omraden: Omraden,
    /// The styrgrupp's analysis for the board and its goals' comments;
    /// the areas' comments are with their areas.
    pub kommentarer: Kommentarer,
    /// The figures of the Budget and Deltagare tables that are not known
    /// (empty), each with its reason: they rest on a value a report gave
    /// wrongly (a Fel) or not at all, or on a quarter without a report.
    pub ej_kanda: Vec<EjKand>,
    pub antal_fel: usize,
    pub antal_varningar: usize,
    /// Where feedback goes: the `uppgiftslamnare_epost` of the insats's latest
    /// report read up to the period's end (any quarter), if it is an address.
    pub kontakt_epost: Option<String>,
}

impl InsatsResultat {
    /// Why `uppgift` is not known, if it is not.
    pub fn ej_kand(&self, uppgift: Uppgift) -> Option<&str> {
        self.ej_kanda.iter().find(|e| e.uppgift == uppgift).map(|e| e.skal.as_str())
    }
}

/// The styrgrupp's own words beyond the areas' comments, from the report
/// that counts: the latest report used in the period, as the answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kommentarer {
    /// The report the words (and the areas' comments) come from; `None`
    /// when no report of the period is used.
    pub kalla: Option<KvartalsRapportering>,
    /// Section 9: "Styrgruppens egen analys av kvartalet, för förbundsstyrelsen".
    pub analys: Option<String>,
    /// The goals that have a comment, numbered in the report's order.
    pub mal: Vec<MalKommentar>,
    /// Why there are no words, when no report is used: "Rapport saknas" or "I tvivel".
    pub saknas: Option<String>,
}

/// One goal's comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MalKommentar {
    /// The goal's place in the report's list, from 1.
    pub nummer: u32,
    pub mal: String,
    pub kommentar: String,
}

/// A figure of an insats's tables that is a number, not a judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Uppgift {
    /// The register's budget for the period.
    Budget,
    Utfall,
    /// Spend in percent of budget.
    UtfallAndel,
    UtfallSedanStart,
    Pagaende,
    Avslutade,
    Totalt,
    AndelAvForvantat,
    Anonyma,
}

impl Uppgift {
    /// The figure's column on its sheet.
    pub fn label(self) -> &'static str {
        match self {
            Uppgift::Budget => "Budget",
            Uppgift::Utfall => "Utfall",
            Uppgift::UtfallAndel => "Utfall i procent",
            Uppgift::UtfallSedanStart => "Utfall sedan start",
            Uppgift::Pagaende => "Pågående",
            Uppgift::Avslutade => "Avslutade",
            Uppgift::Totalt => "Totalt",
            Uppgift::AndelAvForvantat => "Andel av förväntat",
            Uppgift::Anonyma => "Anonymt registrerade",
        }
    }
}

/// A figure left empty because what it rests on is not known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EjKand {
    pub uppgift: Uppgift,
    /// The reason in words, naming the field, the quarter and the problem.
    pub skal: String,
}

/// Finished participants of one reason (or a sum row), by gender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AvslutRad {
    /// The memo's wording, e.g. "Ej subventionerat arbete".
    pub anledning: String,
    pub kvinnor: u32,
    pub man: u32,
    pub totalt: u32,
}

/// The memo's statistics of finished participants over the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AvslutStatistik {
    /// One row per reason, in the contract's order.
    pub anledningar: Vec<AvslutRad>,
    /// "Till arbete eller studier": the first four reasons.
    pub till_arbete_eller_studier: AvslutRad,
    /// "Avslutade totalt".
    pub avslutade_totalt: AvslutRad,
    /// Shares to work or studies; `None` when nobody finished.
    pub andel_totalt: Option<Decimal>,
    pub andel_kvinnor: Option<Decimal>,
    pub andel_man: Option<Decimal>,
    /// The goal (the national average when set, 34 % by default).
    pub mal: Decimal,
    /// The individual insatser the statistics are over, and those left out.
    pub omfattning: super::totals::Omfattning,
}

/// One orientation's share of the granted funds (the 60-30-10 split).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FordelningRad {
    pub inriktning: Inriktning,
    pub beviljat_belopp: Decimal,
    pub andel: Option<Decimal>,
    pub mal: Decimal,
}

pub use crate::select::{KallStatus, Kalla};

/// The whole follow-up of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sammanstallning {
    pub period: Period,
    /// "Uppföljning kvartal 1 och 2 2018".
    pub titel: String,
    /// The insatser active in the period, in register order.
    pub insatser: Vec<InsatsResultat>,
    pub avslut: AvslutStatistik,
    pub fordelning: Vec<FordelningRad>,
    /// The total rows, each with the insatser it is over and those left out.
    pub totaler: super::totals::Totaler,
    pub installningar: Installningar,
    /// Every finding of the run (register and reports), Fel first.
    pub fynd: Vec<Finding>,
    pub kallor: Vec<Kalla>,
    /// Quarter by quarter, and what to follow up (the sheets Trend and Att följa upp).
    pub historik: Historik,
    /// The day the run was made (the command's `today`): what is due is
    /// due by it (`feedback::lagen`). Not in the JSON, which stays the
    /// same whatever day an unchanged inbox is run.
    #[serde(skip)]
    pub idag: NaiveDate,
    /// Every report read, field by field, and whether it counts (the
    /// sheets Rapportdata and Rapportmål).
    pub rapportdata: Vec<super::Rapportrad>,
}

/// The insatser of the period quarter by quarter, as far back as the
/// archive of reports goes, and what the working committee should look at.
/// History only: nothing here changes a figure of the period's own tables.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Historik {
    /// The quarters shown, oldest first: from the first quarter the inbox
    /// holds a report of (never before the earliest start of the period's
    /// insatser) to the period's last quarter.
    pub kvartal: Vec<Kvartal>,
    /// One per insats of the period, in register order.
    pub insatser: Vec<InsatsHistorik>,
    /// The whole förbund: budget and spend summed, cumulative, per quarter
    /// of `kvartal`, over the insatser of [`TrendTotal::omfattning`].
    pub forbund: Vec<Kumulativt>,
    /// The total row of `Trend`, and what it and `forbund` are over.
    pub totalt: TrendTotal,
    /// What the working committee should look at, by insats in register order.
    pub att_folja_upp: Vec<AttFoljaUpp>,
}

/// One insats over [`Historik::kvartal`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InsatsHistorik {
    pub id: String,
    pub kortnamn: String,
    /// One per quarter of [`Historik::kvartal`].
    pub kvartal: Vec<Kvartalslage>,
    /// The granted amount after the decisions up to the period's end.
    pub beviljat_belopp: Decimal,
    /// Participants since start (women and men) in the latest report up to the period's end.
    pub deltagare_hittills: Option<u32>,
    /// Where the expected number of participants should be by the period's
    /// end if they came evenly over the grant: `forvantat × time gone / whole time`.
    pub forvantat_hittills: Option<u32>,
}

impl InsatsHistorik {
    /// Cumulative budget and spend at the period's end (the last quarter shown).
    pub fn hittills(&self) -> Kumulativt {
        self.kvartal.last().map_or_else(Kumulativt::default, |q| q.hittills)
    }
}

/// One insats in one quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kvartalslage {
    pub kvartal: Kvartal,
    /// The quarter's overall status as a quarterly run would give it
    /// (`Helhet`; `Saknas` in red when the report is missing); `None`
    /// when the insats is not active in the quarter, or the quarter is
    /// before the period and before the insats's first report in the inbox.
    pub status: Option<Bedomd>,
    /// The report used, if any.
    pub fil: Option<String>,
    /// The register's budget for the quarter (zero outside the grant);
    /// `None` when a row of the register's `Budget` has a problem.
    pub budget: Option<Decimal>,
    /// The spend reported for the quarter.
    pub utfall: Option<Decimal>,
    /// Budget and spend summed from the first quarter shown up to this one.
    pub hittills: Kumulativt,
}

/// Budget and spend summed up to a quarter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Kumulativt {
    pub kvartal: Option<Kvartal>,
    pub budget: Decimal,
    /// The spend known; see `utan_utfall`.
    pub utfall: Decimal,
    /// How many of the quarters summed have their budget in `budget` but no
    /// known spend (no report used, or its spend not given or rejected):
    /// when above 0, `utfall` is too low to set against `budget`.
    pub utan_utfall: u32,
    /// How many of the quarters summed have no known budget (a row of the
    /// register's `Budget` has a problem): when above 0, `budget` is too low.
    pub utan_budget: u32,
}

impl Kumulativt {
    /// The spend, when it is known for every quarter summed.
    pub fn kant_utfall(&self) -> Option<Decimal> {
        (self.utan_utfall == 0).then_some(self.utfall)
    }

    /// The budget, when it is known for every quarter summed.
    pub fn kant_budget(&self) -> Option<Decimal> {
        (self.utan_budget == 0).then_some(self.budget)
    }
}

/// The total row of `Trend`: summed over the insatser whose spend so far
/// is known for every quarter shown, budget and spend alike.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TrendTotal {
    pub utfall: Decimal,
    pub budget: Decimal,
    pub beviljat_belopp: Decimal,
    pub deltagare_hittills: Option<u32>,
    pub forvantat_hittills: Option<u32>,
    pub omfattning: super::totals::Omfattning,
}

/// Why an insats is on the list `Att följa upp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Regel {
    /// Overall status red in consecutive quarters.
    RodIRad,
    /// The styrgrupp's forecast for the goals is `Nej`.
    PrognosNej,
    /// Spend below the share of budget in consecutive quarters.
    LagtUtfall,
    /// A partner absent (`Ingen närvarande`) in consecutive quarters.
    PartFranvarande,
    /// No report in consecutive quarters.
    RapportSaknas,
    /// At the current rate the granted amount runs out before the end date.
    MedlenTarSlut,
}

impl Regel {
    pub const ALL: [Regel; 6] = [
        Regel::RodIRad,
        Regel::PrognosNej,
        Regel::LagtUtfall,
        Regel::PartFranvarande,
        Regel::RapportSaknas,
        Regel::MedlenTarSlut,
    ];

    /// The column `Regel`: short Swedish words.
    pub fn label(self) -> &'static str {
        match self {
            Regel::RodIRad => "Röd flera kvartal i rad",
            Regel::PrognosNej => "Prognos: målen nås inte",
            Regel::LagtUtfall => "Lågt utfall flera kvartal i rad",
            Regel::PartFranvarande => "Part frånvarande från styrgruppen",
            Regel::RapportSaknas => "Rapport saknas flera kvartal i rad",
            Regel::MedlenTarSlut => "Beviljat belopp räcker inte till slutdatum",
        }
    }
}

/// One line of `Att följa upp`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttFoljaUpp {
    pub insats_id: String,
    pub kortnamn: String,
    pub regel: Regel,
    /// The reason in words, with the figures it rests on.
    pub skal: String,
    /// The quarters it rests on, oldest first.
    pub kvartal: Vec<Kvartal>,
}
