//! The register's sheets and columns, spelled as the contract
//! (`docs/register.md`) spells them.
//!
//! Takes nothing; gives each sheet's name, the columns the tool reads from
//! it and the ones no row can do without, and the header texts that readers
//! look up and messages quote. Guarantees: one spelling per header, so the
//! column a message names is the column that was read.

// Column headers as the contract spells them (and messages quote them).
pub(super) const ID: &str = "Id";
pub(super) const NAMN: &str = "Namn";
pub(super) const KORTNAMN: &str = "Kortnamn";
pub(super) const OMRADE: &str = "Område";
pub(super) const INSATSAGARE: &str = "Insatsägare";
pub(super) const PARTER: &str = "Parter";
pub(super) const INRIKTNING: &str = "Inriktning";
pub(super) const KARAKTAR: &str = "Karaktär";
pub(super) const START: &str = "Start";
pub(super) const SLUT: &str = "Slut";
pub(super) const BEVILJAT_BELOPP: &str = "Beviljat belopp";
pub(super) const BUDGET_PER_AR: &str = "Budget per år";
pub(super) const FORVANTAT_ANTAL: &str = "Förväntat antal deltagare";
pub(super) const ALDER_FRAN: &str = "Målgrupp ålder från";
pub(super) const ALDER_TILL: &str = "Målgrupp ålder till";
pub(super) const STYRGRUPPSMOTEN: &str = "Styrgruppsmöten per år";
pub(super) const AR: &str = "År";
pub(super) const KVARTAL: &str = "Kvartal";
pub(super) const BUDGET: &str = "Budget";
pub(super) const DATUM: &str = "Datum";
pub(super) const TYP: &str = "Typ";
pub(super) const BELOPP: &str = "Belopp";
pub(super) const NY_SLUTDAG: &str = "Ny slutdag";
pub(super) const KOMMENTAR: &str = "Kommentar";
pub(super) const NR: &str = "Nr";
pub(super) const MAL: &str = "Mål";
pub(super) const PERIOD: &str = "Period";
pub(super) const STATUS: &str = "Status";
pub(super) const MOTIVERING: &str = "Motivering";
pub(super) const INSTALLNING: &str = "Inställning";
pub(super) const VARDE: &str = "Värde";
pub(super) const KOD: &str = "Kod";
pub(super) const FIL: &str = "Fil";

/// A sheet of the register: its name and its columns.
pub(super) struct SheetSpec {
    pub(super) name: &'static str,
    pub(super) columns: &'static [&'static str],
    /// Without one of these, no row of the sheet can be read.
    pub(super) required: &'static [&'static str],
}

pub(super) const INSATSER: SheetSpec = SheetSpec {
    name: "Insatser",
    columns: &[
        ID,
        NAMN,
        KORTNAMN,
        OMRADE,
        INSATSAGARE,
        PARTER,
        INRIKTNING,
        KARAKTAR,
        START,
        SLUT,
        BEVILJAT_BELOPP,
        BUDGET_PER_AR,
        FORVANTAT_ANTAL,
        ALDER_FRAN,
        ALDER_TILL,
        STYRGRUPPSMOTEN,
    ],
    required: &[ID, NAMN, OMRADE, INSATSAGARE, PARTER, INRIKTNING, START, SLUT, BEVILJAT_BELOPP],
};
pub(super) const BUDGET_SHEET: SheetSpec =
    SheetSpec { name: "Budget", columns: &[ID, AR, KVARTAL, BUDGET], required: &[ID, AR, KVARTAL, BUDGET] };
pub(super) const BESLUT: SheetSpec = SheetSpec {
    name: "Beslut",
    columns: &[ID, DATUM, TYP, BELOPP, NY_SLUTDAG, KOMMENTAR],
    required: &[ID, DATUM, TYP],
};
pub(super) const MAL_SHEET: SheetSpec =
    SheetSpec { name: "Mål", columns: &[ID, NR, TYP, MAL], required: &[ID, NR, TYP, MAL] };
pub(super) const BEDOMNINGAR: SheetSpec = SheetSpec {
    name: "Bedömningar",
    columns: &[ID, PERIOD, OMRADE, STATUS, MOTIVERING],
    required: &[ID, PERIOD, OMRADE, STATUS, MOTIVERING],
};
pub(super) const INSTALLNINGAR: SheetSpec =
    SheetSpec { name: "Inställningar", columns: &[INSTALLNING, VARDE], required: &[INSTALLNING, VARDE] };
pub(super) const KVITTERINGAR: SheetSpec = SheetSpec {
    name: "Kvitteringar",
    columns: &[ID, PERIOD, KOD, FIL, MOTIVERING],
    required: &[ID, PERIOD, KOD, MOTIVERING],
};
