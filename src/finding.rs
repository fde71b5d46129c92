//! Findings: every problem the tool finds, as data.
//!
//! A finding has a stable code, a severity, and where it is (file, sheet,
//! cell, field), with a Swedish message that says what is wrong and what to
//! do. Findings never stop a run; the exit status is decided at the end from
//! the worst severity (see [`crate::ExitStatus`]).

use crate::period::Kvartal;
use serde::Serialize;
use std::fmt;

/// How bad a finding is. Ordered worst first, so sorting puts Fel first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Severity {
    /// That part of the report (or register) cannot be used.
    Fel,
    /// Usable, but inconsistent or off the grant.
    Varning,
    /// Worth knowing.
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Fel => "Fel",
            Severity::Varning => "Varning",
            Severity::Info => "Info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

macro_rules! codes {
    ($( $(#[$meta:meta])* $variant:ident = $code:literal, $severity:ident, $description:literal; )+) => {
        /// The stable codes of findings. A code's text never changes once
        /// released: kansliet's notes and scripts may refer to it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum Code {
            $( $(#[$meta])* $variant ),+
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The code as written in the output, e.g. `svar-saknas`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),+ }
            }

            /// The severity a finding of this code has.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),+ }
            }

            /// What the code means, in Swedish, for kansliet's list of codes.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $description),+ }
            }
        }
    };
}

codes! {
    // The file as a whole.
    /// The file could not be opened or read as a workbook.
    FilOlaslig = "fil-olaslig", Fel, "Filen kunde inte öppnas eller läsas som en arbetsbok.";
    /// The file is over a safety limit (size, zip entries, compression ratio,
    /// cells): it is not read, so it cannot exhaust the machine.
    FilForStor = "fil-for-stor", Fel, "Filen är över en säkerhetsgräns (storlek, antal delar, packningsgrad eller antal celler) och läses inte.";
    /// The report's defined names were gone; its fields were found by their
    /// labels in the template's layout.
    FaltViaEtiketter = "falt-via-etiketter", Varning, "Rapporten saknade mallens namngivna fält; fälten hittades via sina rubriker i mallens layout.";
    /// A workbook without the template's defined names: not a report.
    EjRapport = "ej-rapport", Info, "Filen är ingen kvartalsrapport (saknar mallens namngivna fält, eller är inte en arbetsbok) och hoppas över.";
    /// A report lacks one of the contract's defined names, or the name
    /// points at no cell.
    NamnSaknas = "namn-saknas", Fel, "Ett av mallens namngivna fält saknas i rapporten eller pekar inte på någon cell.";
    /// A contract name defined more than once at workbook level (or where
    /// the format keeps no scope) pointing at different cells: not read,
    /// whichever comes first in the file.
    NamnDubbelt = "namn-dubbelt", Fel, "Ett av mallens namngivna fält är namngivet mer än en gång och namnen pekar på olika celler; fältet läses inte.";
    /// A contract name that exists only as one sheet's own name, never for
    /// the whole workbook as in the template: not read.
    NamnBaraPaBlad = "namn-bara-pa-blad", Fel, "Ett av mallens fält finns bara som namn på ett enskilt blad, inte för hela arbetsboken som i mallen; fältet läses inte.";
    /// Contract names also defined as a sheet's own names, as Excel writes
    /// them on a copied sheet: the workbook's names are read.
    NamnAvenPaBlad = "namn-aven-pa-blad", Varning, "Mallens fält finns också som namn på ett enskilt blad, troligen en kopia av rapportbladet; verktyget läser namnen för hela arbetsboken.";
    /// Answers on a hidden sheet: read, but the styrgrupp did not see them.
    SvarPaDoltBlad = "svar-pa-dolt-blad", Varning, "Svaren står på ett dolt blad, som styrgruppen inte ser i Excel; de läses.";
    /// Answers on a very hidden sheet, which Excel shows only through VBA: not read.
    SvarPaMycketDoltBlad = "svar-pa-mycket-dolt-blad", Fel, "Svaren står på ett mycket dolt blad, som inte går att ta fram i Excel utan makron; de läses inte.";
    /// `mallversion` is a version the tool never issued.
    MallversionOkand = "mallversion-okand", Fel, "Rapporten har en mallversion som verktyget aldrig gett ut.";

    // Identity against the register.
    /// `insats_id` is not in the register.
    InsatsOkand = "insats-okand", Fel, "Insatsens id finns inte i registret.";
    /// `insats_id` names a row of `Insatser` that is left out for a problem:
    /// kansliet's to correct, never asked of the styrgrupp.
    InsatsRadMedFel = "insats-rad-med-fel", Fel, "Insatsens rad i registret har fel och är inte med; rapporten används när raden är rättad. Kansliets att rätta, inget meddelande går till styrgruppen.";
    /// The report's quarter lies outside the insats's start–end.
    KvartalUtanforInsatstid = "kvartal-utanfor-insatstid", Fel, "Rapportens kvartal ligger utanför insatstiden enligt registret.";
    /// The report's quarter is not over by the day of the run, or was not
    /// over at the report's own date: it cannot have been reported yet.
    KvartalEjSlut = "kvartal-ej-slut", Fel, "Rapporten gäller ett kvartal som inte är slut i dag, eller som inte var slut vid rapportdatumet; rapporten används inte.";
    /// The report's quarter differs from the quarter its folder names.
    KvartalAnnatAnMappen = "kvartal-annat-an-mappen", Varning, "Rapporten gäller ett annat kvartal än det som mappen den ligger i är namngiven efter.";
    /// The report's insats name differs from the register's.
    InsatsnamnAvviker = "insatsnamn-avviker", Info, "Insatsens namn i rapporten skiljer sig från registrets; id:t gäller.";

    // One field's value.
    /// `rapportdatum` after the day of the run: not used to order versions.
    RapportdatumOrimligt = "rapportdatum-orimligt", Varning, "Rapportdatumet ligger efter dagens datum; det används inte för att avgöra vilken version som är nyast, filens ändringstid används i stället.";
    /// A required answer is missing.
    SvarSaknas = "svar-saknas", Fel, "Ett obligatoriskt svar saknas.";
    /// A whole section left empty while it has more than one required
    /// answer: one finding for the section instead of one per answer.
    AvsnittTomt = "avsnitt-tomt", Fel, "Ett helt avsnitt av rapporten är tomt, fast flera av dess frågor måste besvaras; ett fynd för avsnittet i stället för ett per fråga.";
    /// No answer beyond what kansliet prefilled: one finding for the report
    /// instead of one per answer or section.
    RapportEjIfylld = "rapport-ej-ifylld", Fel, "Rapporten är inte ifylld: den har inga svar utöver det kansliet fyllt i från registret; ett fynd för hela rapporten i stället för ett per fråga.";
    /// A value of the wrong type (not a number, not a date…).
    VardeOgiltigt = "varde-ogiltigt", Fel, "Ett värde har fel typ: inte ett heltal, belopp eller datum, eller ett felvärde från en formel.";
    /// A value outside its drop-down list.
    VardeUtanforLista = "varde-utanfor-lista", Fel, "Ett svar finns inte bland rullistans val.";
    /// A negative number or amount.
    NegativtTal = "negativt-tal", Fel, "Ett antal eller belopp är negativt.";
    /// A formula without the result a calculating program saves with it
    /// (a script or an export wrote it): the tool does not calculate, so the
    /// answer cannot be read.
    FormelUtanResultat = "formel-utan-resultat", Fel, "En cell innehåller en formel men inget sparat resultat; verktyget räknar inte ut formler, så svaret kan inte läsas.";
    /// A formula with its saved result: the result is read, and the formula
    /// is shown so kansliet sees the answer was calculated.
    FormelResultat = "formel-resultat", Info, "En cell innehåller en formel; verktyget räknar inte ut den utan använder resultatet som sparades med filen.";

    // Consistency within the report and against the grant.
    /// The reasons for finishing of a gender do not add up to its finished count.
    AvslutSummerarEj = "avslut-summerar-ej", Varning, "Avslutsanledningarna för ett kön summerar inte till antalet avslutade.";
    /// Participants since start are fewer than those ongoing.
    TotaltUnderPagaende = "totalt-under-pagaende", Varning, "Deltagare totalt sedan start är färre än de pågående.";
    /// `budget_kr` differs from the register's budget for the quarter.
    BudgetAvviker = "budget-avviker", Varning, "Budgeten i rapporten skiljer sig från registrets budget för kvartalet.";
    /// Participants reported by an insats whose grant expects none.
    DeltagareOvantade = "deltagare-ovantade", Varning, "Deltagare rapporteras av en insats som enligt registret inte ska ha några.";
    /// Fewer steering-group meetings than agreed.
    MotenFarreAnAvtalat = "moten-farre-an-avtalat", Varning, "Styrgruppen har haft färre möten än överenskommet.";
    /// A quarter's spend above the whole grant: most likely mistyped.
    UtfallOrimligt = "utfall-orimligt", Varning, "Utfallet för kvartalet är större än hela det beviljade beloppet; troligen felskrivet.";
    /// Participants far beyond what the insats expects for its whole time,
    /// or more outside the target group than in all: most likely mistyped.
    DeltagareOrimligt = "deltagare-orimligt", Varning, "Antalet deltagare kan inte stämma: mer än tre gånger så många som insatsen väntas ta emot, eller fler utanför målgruppen än totalt; troligen felskrivet.";
    /// Participants outside the target group of the application.
    DeltagareUtanforMalgrupp = "deltagare-utanfor-malgrupp", Varning, "Deltagare utanför målgruppen i ansökan har tagits emot.";
    /// A personal identity number in free text (masked, never echoed).
    PersonnummerIFritext = "personnummer-i-fritext", Varning, "Ett personnummer stod i fritext; det är borttaget i allt verktyget skriver.";
    /// `uppgiftslamnare_epost` is not an e-mail address.
    EpostOgiltig = "epost-ogiltig", Varning, "Uppgiftslämnarens e-postadress ser inte ut som en adress.";

    // Across reports and quarters (the aggregation over a period).
    /// An active insats has no report for a quarter of the period.
    RapportSaknas = "rapport-saknas", Fel, "En insats som pågår har ingen rapport för ett kvartal i perioden.";
    /// Two reports for one insats and quarter: the newest counts.
    RapportErsatt = "rapport-ersatt", Info, "Två rapporter för samma insats och kvartal från samma avsändare; den nyaste används, den andra listas som ersatt.";
    /// Two reports for one insats and quarter from different senders: none is used.
    RapportITvivel = "rapport-i-tvivel", Fel, "Två rapporter för samma insats och kvartal från olika avsändare; ingen av dem används förrän kansliet har tagit bort den som inte gäller.";
    /// The report's file name or sender points at another insats than its identity cells: it is not used.
    IdentitetMotsags = "identitet-motsags", Fel, "Rapportens filnamn eller avsändare pekar på en annan insats än den rapporten anger; rapporten används inte.";
    /// A file with the same bytes as another file of the inbox: one report,
    /// counted once.
    RapportKopia = "rapport-kopia", Info, "Filen är en exakt kopia av en annan fil i mapparna; den räknas som samma rapport, inte som en nyare version.";
    /// A report whose answers and figures equal the same insats's report of
    /// the quarter before, but for year, quarter and dates.
    SiffrorSammaSomForra = "siffror-samma-som-forra", Varning, "Rapportens svar och siffror är desamma som i insatsens rapport för kvartalet före; bara år, kvartal och datum skiljer.";
    /// ongoing(q) ≠ ongoing(q−1) + new(q) − finished(q).
    PagaendeStammerEj = "pagaende-stammer-ej", Varning, "Pågående deltagare stämmer inte med förra kvartalets pågående plus nya minus avslutade.";
    /// Participants since start fewer than the quarter before.
    TotaltMinskar = "totalt-minskar", Varning, "Deltagare totalt sedan start har minskat sedan förra kvartalet.";
    /// Two versions of a report of a quarter before the period with different spend.
    UtfallRattat = "utfall-rattat", Varning, "Utfallet för ett tidigare kvartal har rättats i en nyare rapport; utfallet sedan start räknas med det rättade beloppet.";
    /// Spend since start above the granted amount including Tillägg.
    UtfallOverBeviljat = "utfall-over-beviljat", Varning, "Utfallet sedan start är större än det beviljade beloppet.";

    // The register.
    /// The register file could not be read at all.
    RegisterOlasligt = "register-olasligt", Fel, "Registret kunde inte läsas alls.";
    /// A required sheet of the register is missing.
    RegisterBladSaknas = "register-blad-saknas", Fel, "Ett obligatoriskt blad saknas i registret.";
    /// A sheet named almost as one of the register's optional sheets, which
    /// is missing: it is not read, and the missing sheet's defaults apply.
    RegisterBladNamn = "register-blad-namn", Varning, "Ett blad i registret heter nästan som ett av registrets blad, som saknas; bladet läses inte.";
    /// A required column of a register sheet is missing.
    RegisterKolumnSaknas = "register-kolumn-saknas", Fel, "En obligatorisk kolumn saknas på ett blad i registret.";
    /// A required value of a register row is missing.
    RegisterVardeSaknas = "register-varde-saknas", Fel, "Ett obligatoriskt värde saknas på en rad i registret.";
    /// A register value of the wrong type or outside its list.
    RegisterVardeOgiltigt = "register-varde-ogiltigt", Fel, "Ett värde i registret har fel typ eller finns inte bland de tillåtna valen.";
    /// Two rows of `Insatser` with the same Id.
    RegisterIdDubblett = "register-id-dubblett", Fel, "Två insatser i registret har samma Id.";
    /// `Slut` before `Start`.
    RegisterSlutForeStart = "register-slut-fore-start", Fel, "En insats slutar före sin start.";
    /// A row of `Budget`, `Beslut`, `Mål`, `Bedömningar` or `Kvitteringar`
    /// names an Id that is not in `Insatser`.
    RegisterOkantId = "register-okant-id", Fel, "En rad på Budget, Beslut, Mål, Bedömningar eller Kvitteringar nämner ett Id som inte finns bland insatserna.";
    /// Two rows give the same thing twice (a quarter's budget, a setting).
    RegisterDubblettRad = "register-dubblett-rad", Fel, "Samma sak anges två gånger (ett kvartals budget, en inställning).";
    /// A setting in `Inställningar` that the tool does not know.
    RegisterOkandInstallning = "register-okand-installning", Fel, "En inställning som verktyget inte känner till.";
    /// `Insatser` has no rows yet (a new register): nothing to check reports against.
    RegisterIngaInsatser = "register-inga-insatser", Info, "Registret har inga insatser ännu (ett nytt register); rader med Id EXEMPEL är exempel och läses inte.";
    /// A row of `Kvitteringar` that accepts no finding of the run's quarters:
    /// a typo in its period or code, or a finding since corrected.
    KvitteringUtanFynd = "kvittering-utan-fynd", Info, "En rad på Kvitteringar kvitterar inget fynd i körningens kvartal: perioden eller koden kan vara fel skriven, eller så är felet redan rättat.";
}

impl Code {
    /// The code written as text (`moten-farre-an-avtalat`), in any case and
    /// with white space around it; `None` for a code the tool does not have.
    pub fn from_text(text: &str) -> Option<Code> {
        let text = text.trim();
        Code::ALL.iter().copied().find(|code| code.as_str().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The list of codes as the Swedish document `docs/fynd.md`.
pub fn codes_markdown() -> String {
    let mut doc = String::from(
        "<!-- Genereras av src/finding.rs – ändra inte för hand (UPPFOLJNING_BLESS=1 cargo test). -->\n\
         # Fynd: koderna\n\n\
         Allt verktyget hittar i en rapport eller i registret blir ett *fynd* med en fast kod, en \
         allvarlighet, fil, blad, cell och fält, och ett meddelande som säger vad som är fel och vad \
         styrgruppen eller kansliet ska göra. Koderna ändras inte mellan versioner.\n\n\
         - **Fel**: den delen av rapporten (eller registret) kan inte användas.\n\
         - **Varning**: går att använda men stämmer inte, eller avviker från beslutet.\n\
         - **Info**: bra att veta.\n\n\
         | Kod | Allvarlighet | Betydelse |\n|---|---|---|\n",
    );
    for code in Code::ALL {
        doc.push_str(&format!("| `{}` | {} | {} |\n", code.as_str(), code.severity(), code.description()));
    }
    doc.push_str(
        "\n## Förklarade fynd\n\n\
         Några varningar ber styrgruppen förklara i en namngiven kommentar i rapporten. När den \
         kommentaren är ifylld (mer än blanksteg) visas varningen som *förklarad*: allvarligheten blir \
         Info, meddelandet säger vad som hittades och citerar kommentaren (en lång kommentar kortas, \
         hela står i JSON-filens `forklarad`), och ingen återkoppling ber om förklaringen igen. Fyndet \
         finns kvar på bladet Kontroll och i JSON-filen. Så förklaras:\n\n\
         | Kod | Förklaras i |\n|---|---|\n",
    );
    for (code, field) in crate::answered::EXPLAINED_BY {
        let label = crate::contract::field(field).map_or_else(|| field.to_string(), |f| f.display_label());
        doc.push_str(&format!("| `{code}` | {label} (`{field}`) |\n"));
    }
    doc.push_str(
        "\n## Kvitterade fynd\n\n\
         Kansliet kan kvittera vilket fynd som helst om en rapport eller ett kvartal med en motivering, \
         på registrets blad `Kvitteringar` (Id, Period, Kod, Motivering och ev. Fil; se \
         [register.md](register.md)). Ett kvitterat fynd får allvarligheten Info och meddelandet \
         \"Kvitterad av kansliet: <Motivering>. Fyndet (Fel): …\"; det ger inte kod 1 och tas inte med i \
         återkopplingen, men syns kvar på bladet Kontroll och i JSON-filen (`kvitterad`). Ett kvitterat Fel \
         gör inte ett underkänt värde giltigt: siffran är okänd som förut. En rad som inte kvitterar något \
         fynd i körningens kvartal är fyndet `kvittering-utan-fynd`.\n",
    );
    doc
}

/// One problem, where it is, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// The file's name as kansliet sees it in the folder.
    pub file: String,
    pub sheet: Option<String>,
    /// A1 reference, e.g. `B23`.
    pub cell: Option<String>,
    /// The contract field's defined name or the register column.
    pub field: Option<String>,
    /// The insats the finding concerns, when known.
    pub insats_id: Option<String>,
    /// Swedish, for a person in a styrgrupp or at kansliet.
    pub message: String,
    /// The quarter of the report the finding is about, when known (for a
    /// missing report, the quarter it is missing for): what a line of
    /// `Kvitteringar` is matched against.
    pub kvartal: Option<Kvartal>,
    /// Explained by the styrgrupp's comment in the report ([`crate::answered`]):
    /// the finding is then Info.
    pub forklarad: Option<Forklarad>,
    /// Accepted by kansliet in the register's `Kvitteringar`
    /// ([`crate::answered`]): the finding is then Info.
    pub kvitterad: Option<Kvitterad>,
}

/// A warning the styrgrupp answered in the comment its message asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Forklarad {
    /// The contract's name of the comment field, e.g. `kvalitet_kommentar`.
    pub falt: &'static str,
    /// The comment as written (masked when read), on one line.
    pub kommentar: String,
}

/// A finding kansliet accepted with a reason in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kvitterad {
    /// The reason, from the column `Motivering`.
    pub motivering: String,
    /// The severity the finding had before it was accepted.
    pub allvarlighet: Severity,
    /// The row of `Kvitteringar` that accepted it (as Excel numbers rows).
    pub rad: u32,
}

impl Finding {
    /// A finding with the code's severity and no location but the file.
    ///
    /// Every text of a finding passes through [`masked`] here and in the
    /// setters below: a file name, sheet name or quoted value can come from a
    /// report, and a finding goes to the terminal, the JSON, the Kontroll
    /// sheet and the feedback. The reader masks values at its boundary too;
    /// this is the one gate no finding can pass around.
    pub fn new(code: Code, file: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding {
            code,
            severity: code.severity(),
            file: masked(file.into()),
            sheet: None,
            cell: None,
            field: None,
            insats_id: None,
            message: masked(message.into()),
            kvartal: None,
            forklarad: None,
            kvitterad: None,
        }
    }

    /// The quarter of the report the finding is about.
    pub fn kvartal(mut self, q: Kvartal) -> Finding {
        self.kvartal = Some(q);
        self
    }

    pub fn at(self, sheet: impl Into<String>, cell: impl Into<String>) -> Finding {
        self.on_sheet(sheet).in_cell(cell)
    }

    pub fn on_sheet(mut self, sheet: impl Into<String>) -> Finding {
        self.sheet = Some(masked(sheet.into()));
        self
    }

    pub fn in_cell(mut self, cell: impl Into<String>) -> Finding {
        self.cell = Some(masked(cell.into()));
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Finding {
        self.field = Some(masked(field.into()));
        self
    }

    pub fn insats(mut self, id: impl Into<String>) -> Finding {
        self.insats_id = Some(masked(id.into()));
        self
    }

    /// `Rapport!B23`, or the sheet alone, or nothing.
    pub fn location(&self) -> Option<String> {
        let cell = self.cell.as_ref().filter(|c| !c.is_empty());
        match (&self.sheet, cell) {
            (Some(sheet), Some(cell)) => Some(format!("{sheet}!{cell}")),
            (Some(sheet), None) => Some(sheet.clone()),
            (None, Some(cell)) => Some(cell.clone()),
            (None, None) => None,
        }
    }
}

/// `text` with every personal identity number masked ([`crate::pnr`]).
fn masked(text: String) -> String {
    let (clean, count) = crate::pnr::mask(&text);
    if count == 0 { text } else { clean }
}

/// Sorts findings for people: by file, then Fel before Varning before Info,
/// then in sheet and cell order.
pub fn sort_for_display(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&a.file, a.severity, &a.sheet, cell_order(a.cell.as_deref()), a.code).cmp(&(
            &b.file,
            b.severity,
            &b.sheet,
            cell_order(b.cell.as_deref()),
            b.code,
        ))
    });
}

/// (row, column) of an A1 reference, so `B9` sorts before `B10`.
fn cell_order(cell: Option<&str>) -> (u32, u32) {
    cell.and_then(crate::workbook::parse_a1).map_or((u32::MAX, u32::MAX), |p| (p.row, p.col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{code:?}");
            assert!(code.as_str().chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
    }

    #[test]
    fn the_checked_in_list_of_codes_is_what_the_code_says() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/fynd.md");
        let rendered = codes_markdown();
        if std::env::var_os("UPPFOLJNING_BLESS").is_some() {
            std::fs::write(path, &rendered).unwrap();
        }
        let checked_in = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            checked_in == rendered,
            "docs/fynd.md differs from the codes in src/finding.rs: run `UPPFOLJNING_BLESS=1 cargo test` and review the diff"
        );
    }

    #[test]
    fn no_text_of_a_finding_can_carry_a_personal_identity_number() {
        let pnr = "811218-9876";
        let finding = Finding::new(
            Code::SvarSaknas,
            format!("Rapport {pnr}.xlsx"),
            format!("Bladet {pnr} saknar svar."),
        )
        .at(format!("Blad {pnr}"), pnr)
        .field(pnr)
        .insats(pnr);
        let all = [
            Some(&finding.file),
            Some(&finding.message),
            finding.sheet.as_ref(),
            finding.cell.as_ref(),
            finding.field.as_ref(),
            finding.insats_id.as_ref(),
        ];
        for text in all.into_iter().flatten() {
            assert!(!text.contains("9876"), "{text}");
            assert!(text.contains(crate::pnr::MASK), "{text}");
        }
        assert_eq!(
            finding.location().as_deref(),
            Some("Blad [personnummer borttaget]![personnummer borttaget]")
        );
    }

    #[test]
    fn fel_sorts_before_varning_and_cells_in_reading_order() {
        let mut findings = vec![
            Finding::new(Code::EpostOgiltig, "a.xlsx", "x").at("Rapport", "B10"),
            Finding::new(Code::SvarSaknas, "a.xlsx", "x").at("Rapport", "B10"),
            Finding::new(Code::SvarSaknas, "a.xlsx", "x").at("Rapport", "B9"),
        ];
        sort_for_display(&mut findings);
        let order: Vec<_> = findings.iter().map(|f| (f.code, f.cell.clone().unwrap())).collect();
        assert_eq!(
            order,
            vec![
                (Code::SvarSaknas, "B9".to_string()),
                (Code::SvarSaknas, "B10".to_string()),
                (Code::EpostOgiltig, "B10".to_string()),
            ]
        );
    }
}
