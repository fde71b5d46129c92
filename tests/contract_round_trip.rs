//! The contract round trip: generate the blank template, fill every field
//! through its defined name with an xlsx editor that is not our generator
//! (umya-spreadsheet, as an outside system would), read it back with our
//! reader, and get the same values.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use uppfoljning::contract::{ChoiceList, FIELDS, FieldType};
use uppfoljning::report::{Value, read_report};
use uppfoljning::workbook::{Area, parse_reference};

/// Where each defined name points, as the outside editor sees the file.
fn names_seen_by_umya(book: &umya_spreadsheet::Workbook) -> Vec<(String, Area)> {
    let workbook_names = book.defined_names().iter();
    let sheet_names = book.sheet_collection().iter().flat_map(|s| s.defined_names().iter());
    workbook_names
        .chain(sheet_names)
        .filter_map(|n| Some((n.name().to_string(), parse_reference(&n.address())?)))
        .collect()
}

/// The value written for each field, and what reading it must give.
fn sample(ty: FieldType, i: usize) -> Option<(Written, Value)> {
    Some(match ty {
        FieldType::Text => {
            let text = format!("Svar nummer {i}, med å ä ö");
            (Written::Text(text.clone()), Value::Text(text))
        }
        FieldType::Int => (Written::Number(i as f64), Value::Int(i as u32)),
        FieldType::Kr => (
            Written::Number(1000.0 * i as f64 + 0.5),
            Value::Kr(Decimal::from(1000 * i as i64) + Decimal::new(5, 1)),
        ),
        // 43291 is 2018-07-10 as an Excel serial day.
        FieldType::Date => (Written::Number(43291.0), Value::Date(NaiveDate::from_ymd_opt(2018, 7, 10)?)),
        FieldType::Choice(list) => {
            let options = list.options();
            let option = options[i % options.len()];
            (Written::Text(option.to_string()), Value::Choice(option))
        }
        FieldType::GoalBlock => return None,
    })
}

enum Written {
    Text(String),
    Number(f64),
}

#[test]
fn a_template_filled_by_an_outside_editor_reads_back_the_same_values() {
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("mall.xlsx");
    std::fs::write(&blank, uppfoljning::template::blank_template().unwrap()).unwrap();

    let mut book = umya_spreadsheet::reader::xlsx::read(&blank).unwrap();
    let names = names_seen_by_umya(&book);
    let mut expected = Vec::new();
    for (i, field) in FIELDS.iter().enumerate() {
        let area = names
            .iter()
            .find(|(name, _)| name == field.name)
            .map(|(_, area)| area.clone())
            .unwrap_or_else(|| panic!("the template has no name {}", field.name));
        let sheet = book.sheet_by_name_mut(&area.sheet).unwrap();
        if field.ty == FieldType::GoalBlock {
            for (row, goal) in ["Mål ett", "Mål två"].iter().enumerate() {
                let r = area.first.row + row as u32;
                let at = |col: u32| uppfoljning::workbook::Position::new(r, area.first.col + col).to_a1();
                sheet.cell_mut(at(0).as_str()).set_value_string(*goal);
                sheet.cell_mut(at(1).as_str()).set_value_string(ChoiceList::Malstatus.options()[row]);
                sheet.cell_mut(at(2).as_str()).set_value_string(format!("Kommentar {row}"));
            }
            continue;
        }
        let (written, value) = sample(field.ty, i + 1).unwrap();
        let cell = sheet.cell_mut(area.first.to_a1().as_str());
        match written {
            Written::Text(t) => cell.set_value_string(t),
            Written::Number(n) => cell.set_value_number(n),
        };
        expected.push((field.name, value));
    }
    let filled = dir.path().join("ifylld av annat system.xlsx");
    umya_spreadsheet::writer::xlsx::write(&book, &filled).unwrap();

    let outcome = read_report(&filled, "ifylld av annat system.xlsx");
    // The values are made up, so only reading problems would be findings here.
    assert!(outcome.findings.is_empty(), "{:#?}", outcome.findings);
    for (name, value) in expected {
        assert_eq!(outcome.values.get(name), Some(&value), "{name}");
    }
    let report = outcome.report.unwrap();
    let goals: Vec<_> =
        report.mal.lista.iter().map(|g| (g.mal.as_str(), g.status.map(|s| s.label()))).collect();
    assert_eq!(goals, [("Mål ett", Some("Uppfyllt")), ("Mål två", Some("Delvis uppfyllt"))]);
}
