//! The quarter a report's folder names against the quarter the report
//! gives: kansliet keeps one folder per quarter (`rapporter\2018-K2\`), so a
//! report of 2018-K1 in the folder 2018-K2 is most likely last quarter's
//! file sent again, not this quarter's report.
//!
//! A folder names a quarter when its name holds a year and a quarter as
//! `2018-K2`, `2018 K2`, `2018K2`, `2018-Q2`, `K2 2018` or `Q2-2018`; the
//! innermost such folder of the file's path counts. A name with two
//! different quarters names none.

use crate::period::Kvartal;
use std::path::{Component, Path};

/// The innermost folder of `path` (the file's own name aside) that names a
/// quarter, with that quarter. A relative path is taken from the working
/// folder, so `kontrollera .` inside `2018-K2` still knows its quarter.
pub fn folder_quarter(path: &Path) -> Option<(String, Kvartal)> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let folder = absolute.parent()?;
    folder.components().rev().find_map(|component| match component {
        Component::Normal(name) => {
            let name = crate::value::nfc(&name.to_string_lossy());
            quarter_in_name(&name).map(|quarter| (name, quarter))
        }
        _ => None,
    })
}

/// The quarter the innermost folder of a name as shown (`2018-K2/Heby.xlsx`,
/// relative to the folder given, `/` between folders) names.
pub fn quarter_of_shown_name(shown: &str) -> Option<Kvartal> {
    let (folders, _file) = shown.rsplit_once('/')?;
    folders.rsplit('/').find_map(quarter_in_name)
}

/// The quarter one folder's name gives, if exactly one.
pub fn quarter_in_name(name: &str) -> Option<Kvartal> {
    let atoms = atoms(name);
    let mut found: Option<Kvartal> = None;
    for window in atoms.windows(3) {
        let [first, second, third] = window else { continue };
        // `2018 K 2` or `K 2 2018`.
        let quarter = quarter_of(first, second, third).or_else(|| quarter_of(third, first, second));
        match (quarter, found) {
            (Some(q), Some(f)) if q != f => return None,
            (Some(q), _) => found = Some(q),
            _ => {}
        }
    }
    found
}

/// `name` cut into runs of digits and runs of letters; everything else
/// separates.
fn atoms(name: &str) -> Vec<String> {
    let mut atoms: Vec<String> = Vec::new();
    let mut last_kind = None;
    for c in name.chars() {
        let kind = if c.is_ascii_digit() {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        match (kind, last_kind) {
            (Some(k), Some(l)) if k == l => {
                if let Some(atom) = atoms.last_mut() {
                    atom.push(c);
                }
            }
            (Some(_), _) => atoms.push(c.to_string()),
            (None, _) => {}
        }
        last_kind = kind;
    }
    atoms
}

fn quarter_of(year: &str, letter: &str, digit: &str) -> Option<Kvartal> {
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if !matches!(letter, "K" | "k" | "Q" | "q") || digit.len() != 1 {
        return None;
    }
    Kvartal::new(year.parse().ok()?, digit.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_names_a_quarter_in_the_ways_people_write_one() {
        let k2 = Kvartal::new(2018, 2);
        for name in
            ["2018-K2", "2018 K2", "2018K2", "2018-Q2", "2018_q2", "K2 2018", "Q2-2018", "Rapporter 2018-K2"]
        {
            assert_eq!(quarter_in_name(name), k2, "{name}");
        }
        for name in
            ["2018", "K2", "2018-K5", "2018-H1", "rapporter", "2018-K1 och 2018-K2", "20181K2", "PK2 2018x"]
        {
            assert_eq!(quarter_in_name(name), None, "{name}");
        }
    }

    #[test]
    fn the_innermost_folder_naming_a_quarter_counts_and_the_file_name_does_not() {
        let path = Path::new("/förbund/2018-K1/rapporter/2018-K2/2018-K1 Heby.xlsx");
        assert_eq!(folder_quarter(path), Some(("2018-K2".to_string(), Kvartal { ar: 2018, kvartal: 2 })));
        assert_eq!(folder_quarter(Path::new("/förbund/rapporter/2018-K1 Heby.xlsx")), None);
        assert_eq!(quarter_of_shown_name("2018-K2/gamla/Heby.xlsx"), Kvartal::new(2018, 2));
        assert_eq!(quarter_of_shown_name("2018-K2 Heby.xlsx"), None);
    }
}
