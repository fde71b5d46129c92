//! The register's sheets and columns, spelled as the contract
//! (`docs/register.md`) spells them.
//!
//! Takes nothing; gives each sheet's name, the columns the tool reads from
//! it (with what kind of value each holds and a Swedish word of help) and
//! the ones no row can do without, and the header texts that readers look
//! up and messages quote. Guarantees: one spelling per header, so the
//! column a message names is the column that was read; the blank register
//! (`mall register`, [`crate::template::blank_register`]) is laid out from
//! these same lists, so it has every column the reader looks for.

// Column headers as the contract spells them (and messages quote them).
pub const ID: &str = "Id";
pub const NAMN: &str = "Namn";
pub const KORTNAMN: &str = "Kortnamn";
pub const OMRADE: &str = "Område";
pub const INSATSAGARE: &str = "Insatsägare";
pub const PARTER: &str = "Parter";
pub const INRIKTNING: &str = "Inriktning";
pub const KARAKTAR: &str = "Karaktär";
pub const START: &str = "Start";
pub const SLUT: &str = "Slut";
pub const BEVILJAT_BELOPP: &str = "Beviljat belopp";
pub const BUDGET_PER_AR: &str = "Budget per år";
pub const FORVANTAT_ANTAL: &str = "Förväntat antal deltagare";
pub const ALDER_FRAN: &str = "Målgrupp ålder från";
pub const ALDER_TILL: &str = "Målgrupp ålder till";
pub const STYRGRUPPSMOTEN: &str = "Styrgruppsmöten per år";
pub const AR: &str = "År";
pub const KVARTAL: &str = "Kvartal";
pub const BUDGET: &str = "Budget";
pub const DATUM: &str = "Datum";
pub const TYP: &str = "Typ";
pub const BELOPP: &str = "Belopp";
pub const NY_SLUTDAG: &str = "Ny slutdag";
pub const KOMMENTAR: &str = "Kommentar";
pub const NR: &str = "Nr";
pub const MAL: &str = "Mål";
pub const PERIOD: &str = "Period";
pub const STATUS: &str = "Status";
pub const MOTIVERING: &str = "Motivering";
pub const INSTALLNING: &str = "Inställning";
pub const VARDE: &str = "Värde";
pub const KOD: &str = "Kod";
pub const FIL: &str = "Fil";

/// The Id of the example rows of the blank register. A row whose Id is
/// this (in any case) is skipped by the reader without a finding, on every
/// sheet: a diarienummer never reads so, and kansliet may keep the example
/// rows as a guide or delete them.
pub const EXAMPLE_ID: &str = "EXEMPEL";

/// What a column holds: how the blank register formats and validates it
/// (the reader's parser for the column reads the same kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An insats's diarienummer: text, never a time (`2017:48`).
    Id,
    Text,
    /// A comma-separated list of [`super::Part`].
    Parter,
    /// One value of a closed list.
    Choice(List),
    Date,
    /// An amount in kronor, 0 or more.
    Kr,
    /// A whole number between the two bounds.
    Whole(u32, u32),
    /// A period: `2018-K2`, `2018-H1` or `2018`.
    Period,
}

/// The register's closed lists (the `choice_enum!`s of [`super`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Inriktning,
    Karaktar,
    BeslutTyp,
    MalTyp,
    Omrade,
    Status,
}

impl List {
    /// The list's values as the enum spells them.
    pub fn options(self) -> Vec<&'static str> {
        use super::{BeslutTyp, Inriktning, Karaktar, MalTyp, Omrade, Status};
        fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<&'static str> {
            all.iter().map(|v| label(*v)).collect()
        }
        match self {
            List::Inriktning => labels(Inriktning::ALL, Inriktning::label),
            List::Karaktar => labels(Karaktar::ALL, Karaktar::label),
            List::BeslutTyp => labels(BeslutTyp::ALL, BeslutTyp::label),
            List::MalTyp => labels(MalTyp::ALL, MalTyp::label),
            List::Omrade => labels(Omrade::ALL, Omrade::label),
            List::Status => labels(Status::ALL, Status::label),
        }
    }
}

/// A column of a register sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    /// What to write, in Swedish, for the blank register's help.
    pub help: &'static str,
}

const fn column(name: &'static str, kind: Kind, help: &'static str) -> Column {
    Column { name, kind, help }
}

const WHOLE: Kind = Kind::Whole(0, 1_000_000);

/// A sheet of the register: its name and its columns.
pub struct SheetSpec {
    pub name: &'static str,
    /// What the sheet is for, in Swedish, for the blank register's help.
    pub about: &'static str,
    pub columns: &'static [Column],
    /// Without one of these, no row of the sheet can be read.
    pub required: &'static [&'static str],
}

const ID_HELP: &str = "Insatsens diarienummer (Dnr), t.ex. 2017:48. Kolumnen är formaterad som text, så Excel gör inte om det till ett klockslag.";
const REF_ID_HELP: &str = "Id för den insats raden gäller, som på bladet Insatser, t.ex. 2017:48.";

pub const INSATSER: SheetSpec = SheetSpec {
    name: "Insatser",
    about: "En rad per beviljad insats.",
    columns: &[
        column(ID, Kind::Id, ID_HELP),
        column(NAMN, Kind::Text, "Insatsens fullständiga namn enligt ansökan."),
        column(KORTNAMN, Kind::Text, "Frivillig: ett kort namn för tabellerna. Lämnas den tom används Namn."),
        column(OMRADE, Kind::Text, "Kommunen insatsen gäller, eller Länsövergripande."),
        column(INSATSAGARE, Kind::Text, "Vem som äger insatsen, t.ex. Knivsta kommun."),
        column(
            PARTER,
            Kind::Parter,
            "Parterna med kommatecken emellan, t.ex. Kommun, Arbetsförmedlingen. Välj bland Kommun, \
             Arbetsförmedlingen, Försäkringskassan och Region.",
        ),
        column(
            INRIKTNING,
            Kind::Choice(List::Inriktning),
            "Individ, Struktur eller Kompetens (fördelningen 60-30-10).",
        ),
        column(
            KARAKTAR,
            Kind::Choice(List::Karaktar),
            "Krävs för en individinriktad insats: Förrehabiliterande eller Arbete och studier.",
        ),
        column(START, Kind::Date, "Startdagen enligt beslutet, t.ex. 2018-01-01."),
        column(
            SLUT,
            Kind::Date,
            "Slutdagen enligt beslutet, t.ex. 2021-12-31. Senare beslut kan flytta den (bladet Beslut).",
        ),
        column(
            BEVILJAT_BELOPP,
            Kind::Kr,
            "Hela det beviljade beloppet i kronor, t.ex. 5 900 000. Senare beslut kan lägga till (bladet Beslut).",
        ),
        column(
            BUDGET_PER_AR,
            Kind::Kr,
            "Frivillig: budget per år i kronor. Fördelas på kvartalen när bladet Budget saknar rader för insatsen.",
        ),
        column(
            FORVANTAT_ANTAL,
            WHOLE,
            "Krävs för en individinriktad insats: hur många deltagare insatsen väntas ta emot under hela insatstiden.",
        ),
        column(ALDER_FRAN, Kind::Whole(0, 120), "Frivillig: målgruppens lägsta ålder enligt ansökan."),
        column(ALDER_TILL, Kind::Whole(0, 120), "Frivillig: målgruppens högsta ålder enligt ansökan."),
        column(
            STYRGRUPPSMOTEN,
            Kind::Whole(0, 52),
            "Frivillig: styrgruppsmöten per år som överenskommits. Lämnas den tom gäller inställningen \
             Styrgruppsmöten per år.",
        ),
    ],
    required: &[ID, NAMN, OMRADE, INSATSAGARE, PARTER, INRIKTNING, START, SLUT, BEVILJAT_BELOPP],
};
pub const BUDGET_SHEET: SheetSpec = SheetSpec {
    name: "Budget",
    about: "Frivilligt: budget per kvartal. En insats med rader här har budget 0 de kvartal som saknas; \
            en insats utan rader får Budget per år delat med 4 per kvartal som den pågår.",
    columns: &[
        column(ID, Kind::Id, REF_ID_HELP),
        column(AR, Kind::Whole(2000, 2099), "Året, t.ex. 2018."),
        column(KVARTAL, Kind::Whole(1, 4), "Kvartalets nummer, 1–4."),
        column(BUDGET, Kind::Kr, "Kvartalets budget i kronor, t.ex. 350 000."),
    ],
    required: &[ID, AR, KVARTAL, BUDGET],
};
pub const BESLUT: SheetSpec = SheetSpec {
    name: "Beslut",
    about: "Frivilligt: senare beslut som ändrar en beviljad ansökan. Ett beslut gäller från sitt datum.",
    columns: &[
        column(ID, Kind::Id, REF_ID_HELP),
        column(DATUM, Kind::Date, "Dagen beslutet fattades, t.ex. 2020-06-30."),
        column(
            TYP,
            Kind::Choice(List::BeslutTyp),
            "Tillägg lägger Belopp till det beviljade beloppet, Förlängning flyttar slutet till Ny slutdag, \
             Avslut avslutar insatsen vid Ny slutdag, Justering är bara en anteckning.",
        ),
        column(BELOPP, Kind::Kr, "Krävs för Tillägg: beloppet i kronor som läggs till, t.ex. 67 500."),
        column(NY_SLUTDAG, Kind::Date, "Krävs för Förlängning och Avslut: insatsens nya slutdag."),
        column(KOMMENTAR, Kind::Text, "Frivillig: en anteckning om beslutet."),
    ],
    required: &[ID, DATUM, TYP],
};
pub const MAL_SHEET: SheetSpec = SheetSpec {
    name: "Mål",
    about: "Frivilligt: målen i ansökan. De fylls i rapportmallen i nummerordning.",
    columns: &[
        column(ID, Kind::Id, REF_ID_HELP),
        column(NR, Kind::Whole(1, 1000), "Målets nummer i ansökan, t.ex. 1."),
        column(TYP, Kind::Choice(List::MalTyp), "Effektmål eller Insatsmål."),
        column(MAL, Kind::Text, "Målet som det står i ansökan."),
    ],
    required: &[ID, NR, TYP, MAL],
};
pub const BEDOMNINGAR: SheetSpec = SheetSpec {
    name: "Bedömningar",
    about: "Frivilligt: kansliets egen bedömning, som ersätter verktygets färg för ett område.",
    columns: &[
        column(ID, Kind::Id, REF_ID_HELP),
        column(
            PERIOD,
            Kind::Period,
            "Perioden bedömningen gäller: ett kvartal (2018-K2), ett halvår (2018-H1) eller ett år (2018).",
        ),
        column(
            OMRADE,
            Kind::Choice(List::Omrade),
            "Området: Mål, Förutsättningar, Budget, Kvalitet, Deltagare eller Helhet.",
        ),
        column(STATUS, Kind::Choice(List::Status), "Grön, Gul eller Röd."),
        column(MOTIVERING, Kind::Text, "Varför kansliet bedömer annorlunda än verktyget."),
    ],
    required: &[ID, PERIOD, OMRADE, STATUS, MOTIVERING],
};
pub const INSTALLNINGAR: SheetSpec = SheetSpec {
    name: "Inställningar",
    about: "Frivilligt: gränserna för färgerna. En rad som tas bort ger standardvärdet. Andelar skrivs \
            34 %, 34% eller 0,34.",
    columns: &[
        column(INSTALLNING, Kind::Text, "Inställningens namn, som i listan."),
        column(VARDE, Kind::Text, "Värdet som ska gälla."),
    ],
    required: &[INSTALLNING, VARDE],
};

pub const KVITTERINGAR: SheetSpec = SheetSpec {
    name: "Kvitteringar",
    about: "Frivilligt: fynd som kansliet har godtagit, med motivering. Ett kvitterat fynd visas som \
            kvitterat på bladet Kontroll, påverkar inte slutkoden och tas inte med i återkopplingen.",
    columns: &[
        column(ID, Kind::Id, REF_ID_HELP),
        column(
            PERIOD,
            Kind::Period,
            "Kvartalet fyndet gäller, t.ex. 2018-K2; ett halvår (2018-H1) eller år (2018) gäller alla dess kvartal.",
        ),
        column(KOD, Kind::Text, "Fyndets kod som på bladet Kontroll, t.ex. moten-farre-an-avtalat."),
        column(FIL, Kind::Text, "Frivillig: bara fyndet i denna fil, med namnet som på bladet Kontroll."),
        column(MOTIVERING, Kind::Text, "Varför kansliet godtar fyndet. Krävs."),
    ],
    required: &[ID, PERIOD, KOD, MOTIVERING],
};

/// Every sheet of the register, in the order the blank register has them.
pub const SHEETS: &[&SheetSpec] =
    &[&INSATSER, &BUDGET_SHEET, &BESLUT, &MAL_SHEET, &BEDOMNINGAR, &INSTALLNINGAR, &KVITTERINGAR];

impl SheetSpec {
    /// Whether a row needs a value in `column` (some are required only by another column's value).
    pub fn requires(&self, column: &str) -> bool {
        self.required.contains(&column)
    }
}
