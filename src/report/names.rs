//! Which cells a report's defined names point at, resolved as Excel
//! resolves them, with the findings of names that cannot be trusted.
//!
//! Takes an open workbook; gives each contract field's area (or `None`
//! when its name points at no cell), the fields whose names are there but
//! are not read, and a finding for each. The template's names are
//! workbook-scoped; a sheet's own names (Excel writes them on every copy of
//! a sheet inside the workbook) are never read, and no outcome depends on
//! the order of the names in the file.

use super::messages;
use crate::contract::{self, Field};
use crate::finding::Finding;
use crate::workbook::{Area, DefinedName, Scope, Visibility, Workbook, parse_reference};
use std::collections::{BTreeMap, BTreeSet};

/// The contract's fields as a workbook's defined names resolve them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContractNames {
    /// The area each field is read from; `None` when its name points at no cell.
    pub areas: BTreeMap<&'static str, Option<Area>>,
    /// Fields whose names are there but are not read; a finding says why.
    pub refused: BTreeSet<&'static str>,
    pub findings: Vec<Finding>,
}

impl ContractNames {
    /// No defined name of the contract at all: not a report made from the template.
    pub fn is_empty(&self) -> bool {
        self.areas.is_empty() && self.refused.is_empty()
    }
}

/// Where one definition of a name points: at cells, or at nothing
/// (`#REF!`, a formula), told apart by its text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Cells(Area),
    Nowhere(String),
}

impl Place {
    fn of(target: &str) -> Place {
        parse_reference(target).map_or_else(|| Place::Nowhere(target.trim().to_string()), Place::Cells)
    }

    fn area(&self) -> Option<Area> {
        match self {
            Place::Cells(area) => Some(area.clone()),
            Place::Nowhere(_) => None,
        }
    }

    fn shown(&self) -> String {
        match self {
            Place::Cells(area) => messages::place(area),
            Place::Nowhere(target) => crate::guard::shown(target),
        }
    }
}

/// Every definition of one field's name, as sets: their order in the file
/// never matters.
#[derive(Debug)]
struct Definitions {
    field: &'static Field,
    /// Workbook-scoped (or of unknown scope): where each points.
    global: BTreeSet<Place>,
    /// Sheet-scoped: the sheet it belongs to and where it points.
    local: BTreeSet<(String, Place)>,
}

/// The defined names of a workbook that belong to the contract, resolved as
/// Excel resolves them: a field is its workbook-scoped name; a sheet's own
/// name of the same field (Excel writes one on every copied sheet) is never
/// read. Names are matched case-insensitively, as Excel does. The result
/// depends on the set of names, never on their order in the file:
///
/// - one workbook-scoped place: read; sheet-scoped names elsewhere are
///   `namn-aven-pa-blad` (a Varning per sheet);
/// - several workbook-scoped places (or several where the format keeps no
///   scope): `namn-dubbelt`, not read, whichever comes first;
/// - sheet-scoped names only: `namn-bara-pa-blad`, not read;
/// - answers on a hidden sheet: `svar-pa-dolt-blad` (read); on a very
///   hidden one: `svar-pa-mycket-dolt-blad` (not read).
pub fn contract_names(book: &Workbook, file: &str) -> ContractNames {
    let mut names = resolve(book.defined_names(), file);
    check_hidden(book, &mut names, file);
    names
}

/// The rules of [`contract_names`] but the hidden sheets, on the names alone.
fn resolve(defined_names: &[DefinedName], file: &str) -> ContractNames {
    let mut definitions: BTreeMap<&'static str, Definitions> = BTreeMap::new();
    for defined in defined_names {
        // Sheet-scoped names can come back as `Sheet!name` (xls).
        let bare = defined.name.rsplit('!').next().unwrap_or(&defined.name).trim();
        let Some(field) = contract::field_ignoring_case(bare) else { continue };
        let found = definitions.entry(field.name).or_insert_with(|| Definitions {
            field,
            global: BTreeSet::new(),
            local: BTreeSet::new(),
        });
        match &defined.scope {
            Scope::Workbook | Scope::Unknown => found.global.insert(Place::of(&defined.target)),
            Scope::Sheet(sheet) => found.local.insert((sheet.clone(), Place::of(&defined.target))),
        };
    }
    let mut names = ContractNames::default();
    // Per sheet whose own names repeat fields: (field, its place there, the place read).
    let mut copies: BTreeMap<String, Vec<(&'static Field, String, String)>> = BTreeMap::new();
    for (name, Definitions { field, global, local }) in definitions {
        let mut global = global.into_iter();
        match (global.next(), global.next()) {
            (Some(read), None) => {
                for (sheet, place) in local.into_iter().filter(|(_, place)| *place != read) {
                    copies.entry(sheet).or_default().push((field, place.shown(), read.shown()));
                }
                names.areas.insert(name, read.area());
            }
            (Some(first), Some(second)) => {
                let places: Vec<String> =
                    [first, second].into_iter().chain(global).map(|p| p.shown()).collect();
                names.findings.push(messages::name_defined_twice(field, &places, file));
                names.refused.insert(name);
            }
            (None, _) => {
                let sheets: BTreeSet<String> = local.iter().map(|(sheet, _)| sheet.clone()).collect();
                let places: BTreeSet<Place> = local.into_iter().map(|(_, place)| place).collect();
                let sheets: Vec<String> = sheets.into_iter().collect();
                let places: Vec<String> = places.iter().map(Place::shown).collect();
                names.findings.push(messages::name_only_on_sheet(field, &sheets, &places, file));
                names.refused.insert(name);
            }
        }
    }
    for (sheet, mut fields) in copies {
        fields.sort_by_cached_key(|(field, ..)| contract_order(field.name));
        names.findings.push(messages::name_also_on_sheet(&sheet, &fields, file));
    }
    names
}

/// A finding for each hidden sheet the answers are on; a very hidden
/// sheet's answers are not read.
fn check_hidden(book: &Workbook, names: &mut ContractNames, file: &str) {
    // In the contract's order, so lists in messages follow the template.
    let mut on_sheet: BTreeMap<&str, Vec<&'static str>> = BTreeMap::new();
    for field in contract::FIELDS {
        if let Some(Some(area)) = names.areas.get(field.name) {
            on_sheet.entry(area.sheet.as_str()).or_default().push(field.name);
        }
    }
    let mut unread = Vec::new();
    for (sheet, fields) in on_sheet {
        match book.visibility(sheet) {
            Some(Visibility::Hidden) => {
                names.findings.push(messages::answers_on_hidden_sheet(sheet, &fields, file))
            }
            Some(Visibility::VeryHidden) => {
                names.findings.push(messages::answers_on_very_hidden_sheet(sheet, &fields, file));
                unread.extend(fields);
            }
            Some(Visibility::Visible) | None => {}
        }
    }
    for name in unread {
        names.areas.remove(name);
        names.refused.insert(name);
    }
}

/// A field's place in the contract, so lists in messages follow the template.
fn contract_order(name: &str) -> usize {
    contract::FIELDS.iter().position(|f| f.name == name).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Code;

    fn name(name: &str, target: &str, scope: Scope) -> DefinedName {
        DefinedName { name: name.into(), target: target.into(), scope }
    }

    fn sheet(name: &str) -> Scope {
        Scope::Sheet(name.into())
    }

    /// Every order of `names`.
    fn orders(names: &[DefinedName]) -> Vec<Vec<DefinedName>> {
        if names.len() <= 1 {
            return vec![names.to_vec()];
        }
        let mut all = Vec::new();
        for (i, first) in names.iter().enumerate() {
            let mut rest = names.to_vec();
            rest.remove(i);
            for mut order in orders(&rest) {
                order.insert(0, first.clone());
                all.push(order);
            }
        }
        all
    }

    #[test]
    fn the_outcome_never_depends_on_the_order_of_the_names() {
        use Scope::{Unknown, Workbook};
        let cases: Vec<(Vec<DefinedName>, Option<&str>, Vec<Code>)> = vec![
            // A copied sheet: the workbook's name is read, the copy's named.
            (
                vec![
                    name("budget_kr", "Rapport!$B$40", Workbook),
                    name("budget_kr", "'Rapport (2)'!$B$40", sheet("Rapport (2)")),
                    name("BUDGET_KR", "'Rapport (3)'!$B$40", sheet("Rapport (3)")),
                ],
                Some("Rapport!$B$40"),
                vec![Code::NamnAvenPaBlad, Code::NamnAvenPaBlad],
            ),
            // Twice for the workbook, at two cells: neither is read.
            (
                vec![
                    name("budget_kr", "Rapport!$B$40", Workbook),
                    name("Budget_kr", "Rapport!$B$41", Workbook),
                ],
                None,
                vec![Code::NamnDubbelt],
            ),
            // Twice where the format keeps no scope (xls, ods): the same.
            (
                vec![name("budget_kr", "Rapport!$B$40", Unknown), name("budget_kr", "$Kopia.$B$40", Unknown)],
                None,
                vec![Code::NamnDubbelt],
            ),
            // Twice at one cell, and a sheet's name at that cell too: harmless.
            (
                vec![
                    name("budget_kr", "Rapport!$B$40", Workbook),
                    name("budget_kr", "=Rapport!$B$40", Workbook),
                    name("budget_kr", "Rapport!B40", sheet("Rapport")),
                ],
                Some("Rapport!$B$40"),
                vec![],
            ),
            // A sheet's names only: not read.
            (
                vec![
                    name("budget_kr", "Rapport!$B$40", sheet("Rapport")),
                    name("budget_kr", "Rapport!$B$41", sheet("Blad2")),
                ],
                None,
                vec![Code::NamnBaraPaBlad],
            ),
        ];
        for (names, read, codes) in cases {
            let first = resolve(&names, "rapport.xlsx");
            let read = read.and_then(parse_reference);
            assert_eq!(first.areas.get("budget_kr").cloned().flatten(), read, "{names:?}");
            assert_eq!(first.refused.contains("budget_kr"), read.is_none(), "{names:?}");
            assert_eq!(first.findings.iter().map(|f| f.code).collect::<Vec<_>>(), codes, "{names:?}");
            for order in orders(&names) {
                assert_eq!(resolve(&order, "rapport.xlsx"), first, "{order:?}");
            }
        }
    }

    #[test]
    fn a_name_outside_the_contract_is_no_concern() {
        let names =
            [name("Print_Area", "Rapport!$A$1:$D$90", Scope::Workbook), name("x", "#REF!", sheet("A"))];
        assert_eq!(resolve(&names, "rapport.xlsx"), ContractNames::default());
    }
}
