//! The wording of the messages: subject, body and sign-off, in Swedish, for
//! a person in a styrgrupp. Every fixed sentence is here, and tested as text
//! in `tests/feedback.rs`.

use super::korrespondens::{Lage, Utskick};
use super::paminnelser::Paminnelse;
use super::{Underlag, adress, eml, write};
use crate::contract;
use crate::finding::{Code, Finding, Severity};
use crate::period::Kvartal;
use crate::register::Korrespondens;

/// Who the messages are from: kansliet's name for `From` and the sign-off,
/// its address, the address to send corrected reports to, and a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Avsandare {
    pub namn: String,
    /// The sender's address (`From`); `None` when unknown: the mail
    /// program then sends from the account it has.
    pub epost: Option<String>,
    /// Where answers go (`Reply-To`, and named in the text); `None`: the
    /// messages only ask for a reply.
    pub svara_till: Option<String>,
    /// The lines under "Vänliga hälsningar"; `None`: name and address.
    pub signatur: Option<String>,
}

impl Default for Avsandare {
    /// A neutral "Kansliet" without an address.
    fn default() -> Avsandare {
        Avsandare { namn: STANDARDNAMN.to_string(), epost: None, svara_till: None, signatur: None }
    }
}

impl Avsandare {
    /// `namn` (or "Kansliet" when blank) and `epost` when it is an address,
    /// both sender and the address answers go to.
    pub fn new(namn: &str, epost: Option<&str>) -> Avsandare {
        let namn = one_line(namn);
        let namn = if namn.is_empty() { STANDARDNAMN.to_string() } else { namn };
        let epost = epost.and_then(adress);
        Avsandare { namn, svara_till: epost.clone(), epost, signatur: None }
    }

    /// The sender as the register's `Inställningar` give it: answers go to
    /// `Svara till`, else to the sender's own address.
    pub fn from_korrespondens(k: &Korrespondens) -> Avsandare {
        let avsandare = Avsandare::new(&k.avsandare, k.avsandare_epost.as_deref());
        let svara_till = k.svara_till.as_deref().and_then(adress).or_else(|| avsandare.epost.clone());
        let signatur = k.signatur.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        Avsandare { svara_till, signatur, ..avsandare }
    }
}

const STANDARDNAMN: &str = "Kansliet";

/// One message, ready to send: to whom, the subject and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meddelande {
    /// The addressee; `None` when the report gave no valid address.
    pub till: Option<String>,
    /// The sender's name and address, for `From`; `None` when the address
    /// is not known (the mail program then fills it in).
    pub fran: Option<(String, String)>,
    /// Kansliet's address, for `Reply-To`.
    pub svara_till: Option<String>,
    pub amne: String,
    /// The body, lines ending in `\n`.
    pub text: String,
    /// The file name without extension: safe on Windows, unique in the batch.
    pub namn: String,
    pub fel: usize,
    pub varningar: usize,
    /// True for a reminder about a missing report.
    pub saknas: bool,
    /// True for a message to kansliet itself: a report in doubt.
    pub till_kansliet: bool,
    /// Where the report stands: what the message is about.
    pub lage: Lage,
    /// For a reminder drafted with a due date: the line the feedback
    /// folder's `påminnelser.csv` keeps of it, so the next run counts it.
    pub paminnelse: Option<Paminnelse>,
}

impl Meddelande {
    /// The message as an `.eml` draft (see `docs/aterkoppling.md`).
    pub fn eml(&self) -> Vec<u8> {
        eml::eml(self)
    }

    /// The message as a `.txt` to paste into an e-mail.
    pub fn txt(&self) -> Vec<u8> {
        eml::txt(self)
    }
}

/// One message per [`Underlag`], in the same order, each with a file name
/// of its own. A report with no Fel or Varning to send gets none.
/// Neither due dates nor earlier reminders: [`super::korrespondens`] gives
/// a run's messages with both, and receipts.
pub fn messages(underlag: &[Underlag], avsandare: &Avsandare) -> Vec<Meddelande> {
    messages_with(underlag, &Utskick::utan_frist(avsandare))
}

/// [`messages`] as `utskick` says: sender, due dates and earlier reminders.
pub(super) fn messages_with(underlag: &[Underlag], utskick: &Utskick) -> Vec<Meddelande> {
    // Built by hand, an Underlag may hold Info or be out of order.
    let underlag: Vec<Underlag> = underlag
        .iter()
        .map(|u| Underlag { fynd: super::to_send(&u.fynd), ..u.clone() })
        .filter(|u| u.saknas() || u.kvittens || !u.fynd.is_empty())
        .collect();
    let namn = write::unique_stems(underlag.iter().map(write::stem));
    underlag.iter().zip(namn).map(|(u, namn)| message(u, utskick, namn)).collect()
}

fn message(u: &Underlag, utskick: &Utskick, namn: String) -> Meddelande {
    let avsandare = &utskick.avsandare;
    let count = |severity| u.fynd.iter().filter(|f| f.severity == severity).count();
    let (fel, varningar) = (count(Severity::Fel), count(Severity::Varning));
    let lage = utskick.lage(u);
    let text = match lage {
        Lage::Mottagen => to_kansliet(u, avsandare),
        Lage::Saknas | Lage::Forsenad => reminder(u, utskick),
        Lage::Godkand => receipt(u, avsandare),
        Lage::BehoverRattas => problems(u, avsandare, fel, varningar),
    };
    let till =
        if u.till_kansliet { avsandare.svara_till.clone() } else { u.epost.as_deref().and_then(adress) };
    let amne = match lage {
        Lage::Mottagen => format!("Till kansliet: {}", subject_in_doubt(u)),
        Lage::Godkand => subject_receipt(u),
        _ => subject(u, fel, varningar, utskick.tidigare(u).len()),
    };
    Meddelande {
        till,
        fran: avsandare.epost.clone().map(|epost| (masked(&avsandare.namn), epost)),
        svara_till: avsandare.svara_till.clone(),
        amne: masked(&amne),
        text: masked(&text),
        namn,
        fel,
        varningar,
        saknas: u.saknas(),
        till_kansliet: u.till_kansliet,
        lage,
        paminnelse: utskick.paminnelse(u),
    }
}

/// "Kvartalsrapport 2018-K2, Knivsta, En väg in – flera vägar ut: oklart vems rapporten är".
fn subject_in_doubt(u: &Underlag) -> String {
    match heading(u) {
        Some(heading) => format!("Kvartalsrapport {heading}: oklart vems rapporten är"),
        None => "Kvartalsrapport: oklart vems rapporten är".to_string(),
    }
}

/// A note to kansliet about a report in doubt: what is unclear, and what
/// to do before anything goes to a styrgrupp.
fn to_kansliet(u: &Underlag, avsandare: &Avsandare) -> String {
    let mut text = String::from(
        "Till kansliet – skicka inte det här vidare som det står.\n\nDet är oklart vilken insats rapporten nedan \
         gäller, så den används inte och inget meddelande om den har skrivits till en styrgrupp. Ta reda på vilken \
         rapport som gäller, ta bort den fil som inte gäller ur mappen och kör uppfoljning igen; då får rätt \
         styrgrupp sin återkoppling.\n\n",
    );
    text.push_str(&identity(u));
    section(&mut text, "Det här är oklart:", u.fynd.iter().filter(|f| f.severity == Severity::Fel), false);
    section(&mut text, ATT_KONTROLLERA, u.fynd.iter().filter(|f| f.severity == Severity::Varning), false);
    text.push_str(&closing(avsandare));
    text
}

/// "Kvartalsrapport 2018-K2, Heby, Individstöd i samverkan: 2 saker att
/// rätta"; a reminder after `earlier` others says which it is.
fn subject(u: &Underlag, fel: usize, varningar: usize, earlier: usize) -> String {
    let what = if u.saknas() && earlier > 0 {
        format!("rapporten saknas (påminnelse {})", earlier + 1)
    } else if u.saknas() {
        "rapporten saknas".to_string()
    } else if varningar == 0 {
        format!("{} att rätta", saker(fel))
    } else if fel == 0 {
        format!("{} att kontrollera", saker(varningar))
    } else {
        format!("{} att rätta, {varningar} att kontrollera", saker(fel))
    };
    match heading(u) {
        Some(heading) => format!("Kvartalsrapport {heading}: {what}"),
        None => format!("Kvartalsrapport: {what}"),
    }
}

fn saker(n: usize) -> String {
    format!("{n} {}", if n == 1 { "sak" } else { "saker" })
}

/// "2018-K2, Heby, Individstöd i samverkan"; the file's name when neither
/// quarter nor insats is known (an unreadable file).
fn heading(u: &Underlag) -> Option<String> {
    let parts: Vec<String> = [u.kvartal.map(|q| q.to_string()), insats(u)].into_iter().flatten().collect();
    if parts.is_empty() { u.fil.as_deref().map(one_line) } else { Some(parts.join(", ")) }
}

/// The insats by name, or by id when the name is unknown.
fn insats(u: &Underlag) -> Option<String> {
    let namn = u.insats_namn.as_deref().map(one_line).filter(|n| !n.is_empty());
    namn.or_else(|| u.insats_id.as_deref().map(|id| format!("insats {}", one_line(id))))
}

fn problems(u: &Underlag, avsandare: &Avsandare, fel: usize, varningar: usize) -> String {
    let mut text = String::from(
        "Hej!\n\nTack för kvartalsrapporten. Kansliet har gått igenom den och ber er se över det som står \
         nedan.\n\n",
    );
    text.push_str(&identity(u));
    section(&mut text, ATT_RATTA, u.fynd.iter().filter(|f| f.severity == Severity::Fel), true);
    section(&mut text, ATT_KONTROLLERA, u.fynd.iter().filter(|f| f.severity == Severity::Varning), true);
    // A personal identity number may not stay in the file: it is not
    // something to explain, and a clean file must come back.
    let personnummer = u.fynd.iter().any(|f| f.code == Code::PersonnummerIFritext);
    text.push_str("\nSå gör ni:\n");
    text.push_str(if personnummer { WITHOUT_PERSONNUMMER } else { what_to_do(fel, varningar) });
    text.push_str("\n\n");
    text.push_str(&send_back(avsandare, fel > 0 || personnummer));
    text.push_str(&closing(avsandare));
    text
}

const WITHOUT_PERSONNUMMER: &str = "Rapporten innehåller ett personnummer, och uppgifter om enskilda \
     deltagare får inte finnas i den. Öppna filen i Excel, ta bort personnumret och gå igenom resten av det som \
     står ovan. Spara och skriv dagens datum som rapportdatum.";

const ATT_RATTA: &str = "Att rätta – de här uppgifterna kan inte användas som de står:";
const ATT_KONTROLLERA: &str =
    "Att kontrollera – rätta om uppgiften är fel, annars förklara i kommentaren till avsnittet:";

/// "Kvartalsrapport 2018-K2, Heby, Individstöd i samverkan: mottagen och godkänd".
fn subject_receipt(u: &Underlag) -> String {
    match heading(u) {
        Some(heading) => format!("Kvartalsrapport {heading}: mottagen och godkänd"),
        None => "Kvartalsrapport: mottagen och godkänd".to_string(),
    }
}

/// A short receipt for a report that needs nothing more.
fn receipt(u: &Underlag, avsandare: &Avsandare) -> String {
    let thanks = match u.kvartal {
        Some(q) => format!("Tack – rapporten för {q} är mottagen och godkänd."),
        None => "Tack – rapporten är mottagen och godkänd.".to_string(),
    };
    let mut text = format!("Hej!\n\n{thanks}\n\n");
    text.push_str(&identity(u));
    text.push_str("\nNi behöver inte göra något mer med den här rapporten.\n");
    text.push_str(&closing(avsandare));
    text
}

fn reminder(u: &Underlag, utskick: &Utskick) -> String {
    let avsandare = &utskick.avsandare;
    let mut text = String::from("Hej!\n\nKansliet har ännu inte fått den här kvartalsrapporten.\n\n");
    text.push_str(&identity(u));
    text.push_str(&due(u, utskick));
    if u.i_stallet.is_empty() {
        text.push_str(
            "\nSå gör ni:\nFyll i kvartalsrapporten i mallen från kansliet och spara den. Har ni redan skickat \
             den kan den ha kommit bort på vägen: skicka den gärna igen.\n\n",
        );
    } else {
        text.push_str(&arrived_instead(u));
    }
    match &avsandare.svara_till {
        Some(a) => text.push_str(&format!(
            "Skicka rapporten som bilaga i ett svar på det här meddelandet, eller till {a}.\n"
        )),
        None => text.push_str("Skicka rapporten som bilaga i ett svar på det här meddelandet.\n"),
    }
    text.push_str(&closing(avsandare));
    text
}

/// For a reminder with a due date: the day, whether it has passed, and
/// how many reminders kansliet drafted on earlier days. Empty without one.
fn due(u: &Underlag, utskick: &Utskick) -> String {
    let (Some(q), Some(frist)) = (u.kvartal, utskick.frist) else { return String::new() };
    let sista = frist.sista_dag(q);
    let mut text = if frist.passerad(q) {
        format!("\nSista dag för rapporten var {sista}, så den är försenad.\n")
    } else {
        format!("\nSista dag för rapporten är {sista}.\n")
    };
    let tidigare = utskick.tidigare(u);
    let dagar: Vec<String> = tidigare.iter().map(|d| d.to_string()).collect();
    text.push_str(&match dagar.as_slice() {
        [] => "Det här är kansliets första påminnelse om rapporten.\n".to_string(),
        [one] => format!("Kansliet har påmint om rapporten en gång tidigare, {one}.\n"),
        [.., last] => format!(
            "Kansliet har påmint om rapporten {} gånger tidigare: {} och {last}.\n",
            dagar.len(),
            dagar.get(..dagar.len() - 1).unwrap_or_default().join(", ")
        ),
    });
    text
}

/// For a reminder: which files came instead of the report, and what to do.
fn arrived_instead(u: &Underlag) -> String {
    let asked = u.kvartal.map_or_else(|| "kvartalet".to_string(), |q| q.to_string());
    let mut text = String::from("\n");
    for (fil, given) in &u.i_stallet {
        let fil = one_line(fil);
        text.push_str(&match given {
            Some(given) => format!("Vi har fått filen {fil}, men den gäller {given}, inte {asked}.\n"),
            None => {
                format!("Vi har fått filen {fil}, men vilket kvartal den gäller går inte att läsa ur den.\n")
            }
        });
    }
    text.push_str(&format!(
        "\nSå gör ni:\nÄr filen ändå rapporten för {asked}, rätta år och kvartal i den och spara. Annars fyll i \
         kvartalsrapporten för {asked} i mallen från kansliet och spara den.\n\n"
    ));
    text
}

/// The lines naming insats, quarter and file, each when known.
fn identity(u: &Underlag) -> String {
    let id = u.insats_id.as_deref().map(one_line);
    let insats = match (u.insats_namn.as_deref().map(one_line), id) {
        (Some(namn), Some(id)) if !namn.is_empty() => Some(format!("{namn} ({id})")),
        (Some(namn), None) if !namn.is_empty() => Some(namn),
        (_, id) => id,
    };
    let lines = [
        insats.map(|i| format!("Insats: {i}\n")),
        u.kvartal.map(|q: Kvartal| format!("Kvartal: {q}\n")),
        u.fil.as_deref().map(|f| format!("Fil: {}\n", one_line(f))),
    ];
    lines.into_iter().flatten().collect()
}

/// `fynd` listed under `title`; `to_styrgrupp` when the message goes to the
/// styrgrupp, whose requests are then made to it directly
/// ([`super::tilltal`]).
fn section<'a>(text: &mut String, title: &str, fynd: impl Iterator<Item = &'a Finding>, to_styrgrupp: bool) {
    let line = |f: &Finding| {
        let line = problem_line(f);
        if to_styrgrupp { super::tilltal::to_styrgrupp(&line) } else { line }
    };
    let lines: Vec<String> = fynd.map(|f| format!("- {}\n", line(f))).collect();
    if !lines.is_empty() {
        text.push('\n');
        text.push_str(title);
        text.push('\n');
        text.extend(lines);
    }
}

/// "Rapport!B20: Svaret på "Ligger insatsen i fas …" saknas. …"; the field's
/// label is put in front only when the message does not already name it.
pub(super) fn problem_line(f: &Finding) -> String {
    let message = one_line(&f.message);
    let label = f.field.as_deref().and_then(contract::field).map(|field| field.display_label());
    let label = label.filter(|label| !message.contains(label.as_str()));
    match (f.location().map(|l| one_line(&l)), label) {
        (Some(location), Some(label)) => format!("{location} – {label}: {message}"),
        (Some(location), None) => format!("{location}: {message}"),
        (None, Some(label)) => format!("{label}: {message}"),
        (None, None) => message,
    }
}

fn what_to_do(fel: usize, varningar: usize) -> &'static str {
    match (fel, varningar) {
        (0, _) => {
            "Rapporten går att använda, men gå igenom det under \"Att kontrollera\". Ändrar ni något, spara \
             filen och skriv dagens datum som rapportdatum. Stämmer allt behöver ni inte skicka något nytt."
        }
        (_, 0) => {
            "Öppna filen i Excel, rätta det som står under \"Att rätta\" och spara. Skriv dagens datum som \
             rapportdatum."
        }
        _ => {
            "Öppna filen i Excel, rätta det som står under \"Att rätta\", gå igenom det under \"Att \
             kontrollera\" och spara. Skriv dagens datum som rapportdatum."
        }
    }
}

fn send_back(avsandare: &Avsandare, must: bool) -> String {
    let send = if must { "Skicka den rättade filen" } else { "Skicka i så fall den rättade filen" };
    let to = match &avsandare.svara_till {
        Some(a) => format!(", eller till {a}"),
        None => String::new(),
    };
    format!(
        "{send} som bilaga i ett svar på det här meddelandet{to}. Filen får behålla sitt namn eller få ett \
         nytt: kansliet använder alltid den senaste rapporten för insatsen och kvartalet.\n"
    )
}

/// The sign-off: the signature when kansliet has set one, else the
/// sender's name and the address answers go to.
fn closing(avsandare: &Avsandare) -> String {
    let mut text = String::from("\nHör gärna av er om något är oklart.\n\nVänliga hälsningar\n");
    if let Some(signatur) = &avsandare.signatur {
        text.push_str(signatur);
        text.push('\n');
        return text;
    }
    text.push_str(&avsandare.namn);
    text.push('\n');
    if let Some(a) = &avsandare.svara_till {
        text.push_str(a);
        text.push('\n');
    }
    text
}

/// `text` on one line: control characters (a line break in a file name or
/// a register cell) become spaces, runs of white space one.
pub(super) fn one_line(text: &str) -> String {
    let spaced: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` with any personal identity number masked: findings are masked
/// when read, but a message must never depend on that alone.
pub(super) fn masked(text: &str) -> String {
    crate::pnr::mask(text).0
}

/// Key figures for the workbook's `Översikt`.
pub fn summary(meddelanden: &[Meddelande]) -> Vec<(&'static str, usize)> {
    let mut adresser: Vec<String> =
        meddelanden.iter().filter_map(|m| m.till.as_deref()).map(str::to_lowercase).collect();
    adresser.sort();
    adresser.dedup();
    let utan = meddelanden.iter().filter(|m| m.till.is_none()).count();
    [
        ("Återkoppling: meddelanden", meddelanden.len()),
        ("Återkoppling: till adresser", adresser.len()),
        ("Återkoppling: utan adress", utan),
    ]
    .to_vec()
}
