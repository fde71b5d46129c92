//! Formulas in a report's answer cells. The tool does not calculate: a
//! formula's answer is the result the writing program saved with it (Excel
//! and LibreOffice always save one), and the formula is named in an Info
//! finding so kansliet sees the answer was calculated. A formula without a
//! saved result (a script or an export that does not calculate) is a Fel
//! that names the formula, in optional fields as in required ones, and is
//! never also said to be a missing answer. Each message is tested as text.

mod common;

use common::gallery::zip::rewrite;
use common::minimal_report::{MinimalReport, SHEET};
use common::test_register::register;
use rust_decimal::Decimal;
use std::path::Path;
use uppfoljning::check::check_report;
use uppfoljning::finding::{Code, Finding, Severity};
use uppfoljning::report::{ReadOutcome, read_report};

const FILE: &str = "2018-K2 Heby.xlsx";

/// `report` written, then each `(cell, xml)` put in place of the cell `cell`
/// of the sheet as written, or at the end of its row when it was left
/// empty (every answer is in column C, right of the label in A).
fn write_with_cells(report: &MinimalReport, cells: &[(String, String)], path: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.xlsx");
    report.write(&plain);
    rewrite(
        &plain,
        path,
        |name, bytes| {
            if name != "xl/worksheets/sheet1.xml" {
                return Some(bytes);
            }
            let mut xml = String::from_utf8(bytes).unwrap();
            for (cell, replacement) in cells {
                match xml.find(&format!("<c r=\"{cell}\"")) {
                    Some(start) => {
                        let end = start + xml[start..].find("</c>").unwrap() + "</c>".len();
                        xml.replace_range(start..end, replacement);
                    }
                    // An answer left empty: the row has its label in A only.
                    None => {
                        let row = &cell[1..];
                        let start =
                            xml.find(&format!("<row r=\"{row}\"")).unwrap_or_else(|| panic!("no row {row}"));
                        let end = start + xml[start..].find("</row>").unwrap();
                        xml.insert_str(end, replacement);
                    }
                }
            }
            Some(xml.into_bytes())
        },
        Vec::new(),
    );
}

/// A formula cell as a program that does not calculate writes it: `<f>`
/// and no `<v>`. `formula` without its `=`, escaped for XML.
fn no_result(cell: &str, formula: &str) -> (String, String) {
    (cell.to_string(), format!(r#"<c r="{cell}"><f>{formula}</f></c>"#))
}

/// A formula cell with a saved numeric result, as Excel writes it.
fn with_result(cell: &str, formula: &str, result: &str) -> (String, String) {
    (cell.to_string(), format!(r#"<c r="{cell}"><f>{formula}</f><v>{result}</v></c>"#))
}

fn read_with(cells: &[(String, String)]) -> ReadOutcome {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    write_with_cells(&MinimalReport::valid(), cells, &path);
    read_report(&path, FILE)
}

/// Reading's and checking's findings together.
fn all_findings(outcome: &ReadOutcome) -> Vec<Finding> {
    let mut all = outcome.findings.clone();
    all.extend(check_report(outcome, &register(), None));
    all
}

fn cell(field: &str) -> String {
    MinimalReport::cell_of(field)
}

fn assert_finding(finding: &Finding, code: Code, field: &str, cell: &str, message: &str) {
    assert_eq!(finding.code, code, "{finding:#?}");
    assert_eq!(finding.severity, code.severity());
    assert_eq!(finding.file, FILE);
    assert_eq!(finding.sheet.as_deref(), Some(SHEET));
    assert_eq!(finding.cell.as_deref(), Some(cell));
    assert_eq!(finding.field.as_deref(), Some(field));
    assert_eq!(finding.insats_id.as_deref(), Some("2018:1"), "the report's insats");
    assert_eq!(finding.message, message);
}

#[test]
fn a_formula_without_a_saved_result_in_an_optional_amount_is_a_fel_naming_the_formula() {
    let at = cell("egenfinansiering_kr");
    let outcome = read_with(&[no_result(&at, "100000+50000")]);
    assert_eq!(outcome.report.as_ref().unwrap().budget.egenfinansiering_kr, None);
    let findings = all_findings(&outcome);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_finding(
        &findings[0],
        Code::FormelUtanResultat,
        "egenfinansiering_kr",
        &at,
        "Cellen innehåller formeln =100000+50000 men inget sparat resultat. Skriv beloppet som ett tal.",
    );
    assert_eq!(findings[0].severity, Severity::Fel);
}

#[test]
fn a_formula_without_a_saved_result_in_a_required_amount_is_one_fel_and_not_also_a_missing_answer() {
    let at = cell("utfall_kr");
    let outcome = read_with(&[no_result(&at, "300000+41000")]);
    assert_eq!(outcome.report.as_ref().unwrap().budget.utfall_kr, None);
    let findings = all_findings(&outcome);
    assert!(!findings.iter().any(|f| f.code == Code::SvarSaknas), "{findings:#?}");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_finding(
        &findings[0],
        Code::FormelUtanResultat,
        "utfall_kr",
        &at,
        "Cellen innehåller formeln =300000+41000 men inget sparat resultat. Skriv beloppet som ett tal.",
    );
}

#[test]
fn a_formula_with_its_saved_result_is_read_as_the_result_and_named_in_an_info() {
    let at = cell("egenfinansiering_kr");
    let outcome = read_with(&[with_result(&at, "100000+50000", "150000")]);
    let report = outcome.report.as_ref().unwrap();
    assert_eq!(report.budget.egenfinansiering_kr, Some(Decimal::from(150_000)));
    let findings = all_findings(&outcome);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_finding(
        &findings[0],
        Code::FormelResultat,
        "egenfinansiering_kr",
        &at,
        "Cellen innehåller formeln =100000+50000. Verktyget räknar inte ut formler utan använder resultatet \
         som sparades med den i filen: 150000.",
    );
    assert_eq!(findings[0].severity, Severity::Info);
}

#[test]
fn a_text_formula_whose_saved_result_is_empty_says_the_cell_reads_as_empty() {
    let at = cell("budget_kommentar");
    let outcome =
        read_with(&[(at.clone(), format!(r#"<c r="{at}" t="str"><f>IF(1=2,"x","")</f><v></v></c>"#))]);
    assert_eq!(outcome.report.as_ref().unwrap().budget.kommentar, None);
    let findings = all_findings(&outcome);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_finding(
        &findings[0],
        Code::FormelResultat,
        "budget_kommentar",
        &at,
        "Cellen innehåller formeln =IF(1=2,\"x\",\"\"). Resultatet som sparades med den i filen är tomt, så \
         cellen läses som tom.",
    );
}

#[test]
fn the_advice_after_a_formula_without_a_result_fits_the_fields_type() {
    let cases = [
        ("deltagare_nya_kvinnor", "1+2", "Skriv antalet som ett tal."),
        ("rapportdatum", "DATE(2018,7,10)", "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2018-04-10."),
        ("uppgiftslamnare", "&quot;Insats&quot;&amp;&quot;ansvarig&quot;", "Skriv texten direkt i cellen."),
        ("start_i_tid", "&quot;Ja&quot;", "Välj Ja eller Nej i rullistan."),
    ];
    let cells: Vec<_> = cases.iter().map(|(field, formula, _)| no_result(&cell(field), formula)).collect();
    let findings = all_findings(&read_with(&cells));
    assert!(!findings.iter().any(|f| f.code == Code::SvarSaknas), "{findings:#?}");
    let shown = ["=1+2", "=DATE(2018,7,10)", "=\"Insats\"&\"ansvarig\"", "=\"Ja\""];
    for ((field, _, advice), formula) in cases.iter().zip(shown) {
        let finding = findings
            .iter()
            .find(|f| f.field.as_deref() == Some(field))
            .unwrap_or_else(|| panic!("no finding for {field}: {findings:#?}"));
        assert_finding(
            finding,
            Code::FormelUtanResultat,
            field,
            &cell(field),
            &format!("Cellen innehåller formeln {formula} men inget sparat resultat. {advice}"),
        );
    }
    assert_eq!(findings.len(), cases.len(), "{findings:#?}");
}

#[test]
fn a_goal_written_as_a_formula_without_a_result_is_a_fel_not_a_goal_silently_left_out() {
    let status = MinimalReport::goal_status_cell(2);
    let text = status.replacen('D', "C", 1);
    let outcome = read_with(&[
        (
            text.clone(),
            format!(r#"<c r="{text}" t="str"><f>&quot;50 deltagare&quot;&amp;&quot; per år&quot;</f></c>"#),
        ),
        no_result(&status, "&quot;Delvis uppfyllt&quot;"),
    ]);
    let report = outcome.report.as_ref().unwrap();
    assert_eq!(report.mal.lista.len(), 1, "the first goal is read; the second has no text to read");
    let findings = all_findings(&outcome);
    let at = |cell: &str| findings.iter().find(|f| f.cell.as_deref() == Some(cell)).unwrap();
    assert_finding(
        at(&text),
        Code::FormelUtanResultat,
        "mal_lista",
        &text,
        "Cellen innehåller formeln =\"50 deltagare\"&\" per år\" men inget sparat resultat. \
         Skriv texten direkt i cellen.",
    );
    assert_finding(
        at(&status),
        Code::FormelUtanResultat,
        "mal_lista",
        &status,
        "Cellen innehåller formeln =\"Delvis uppfyllt\" men inget sparat resultat. Skriv texten direkt i cellen.",
    );
    assert_eq!(findings.len(), 2, "{findings:#?}");
}

#[test]
fn a_personal_identity_number_in_a_formula_is_masked_in_its_finding() {
    let at = cell("uppgiftslamnare");
    let outcome = read_with(&[no_result(&at, "&quot;Anna 811218-9876&quot;")]);
    let findings = all_findings(&outcome);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_finding(
        &findings[0],
        Code::FormelUtanResultat,
        "uppgiftslamnare",
        &at,
        "Cellen innehåller formeln =\"Anna [personnummer borttaget]\" men inget sparat resultat. \
         Skriv texten direkt i cellen.",
    );
}

#[test]
fn a_long_formula_is_cut_in_its_message() {
    let at = cell("utfall_kr");
    let long = vec!["1"; 80].join("+");
    let findings = all_findings(&read_with(&[no_result(&at, &long)]));
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let shown: String = long.chars().take(100).collect();
    assert_eq!(
        findings[0].message,
        format!("Cellen innehåller formeln ={shown}… men inget sparat resultat. Skriv beloppet som ett tal.")
    );
}

#[test]
fn a_shared_formula_is_named_as_it_reads_in_its_own_cell() {
    // Excel writes a formula filled down once, at its first cell, and
    // refers to it from the others: each cell's message shows its own formula.
    let first = cell("deltagare_nya_kvinnor");
    let second = cell("deltagare_nya_man");
    let row: u32 = first[1..].parse().unwrap();
    let outcome = read_with(&[
        (
            first.clone(),
            format!(r#"<c r="{first}"><f t="shared" ref="{first}:{second}" si="0">B{row}+1</f></c>"#),
        ),
        (second.clone(), format!(r#"<c r="{second}"><f t="shared" si="0"/></c>"#)),
    ]);
    let findings = all_findings(&outcome);
    let messages: Vec<_> = findings.iter().map(|f| (f.cell.clone().unwrap(), f.message.clone())).collect();
    assert_eq!(
        messages,
        [
            (
                first,
                format!(
                    "Cellen innehåller formeln =B{row}+1 men inget sparat resultat. Skriv antalet som ett tal."
                )
            ),
            (
                second,
                format!(
                    "Cellen innehåller formeln =B{}+1 men inget sparat resultat. Skriv antalet som ett tal.",
                    row + 1
                )
            ),
        ]
    );
}

/// The Heby report LibreOffice saved as .ods, with its `utfall_kr` cell
/// (B47, 351 421 kr) rewritten by `cell(style)`, where `style` is the
/// cell's own attributes before its value.
fn ods_with_utfall(cell: impl Fn(&str) -> String) -> ReadOutcome {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/2018-K2 Heby sparad av LibreOffice.ods");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2018-K2 Heby.ods");
    let style = r#"table:style-name="ce15" table:content-validation-name="val16""#;
    let original = format!(
        r#"<table:table-cell {style} office:value-type="float" office:value="351421" calcext:value-type="float" table:number-columns-spanned="2" table:number-rows-spanned="1"><text:p>351,421 kr</text:p></table:table-cell>"#
    );
    rewrite(
        &fixture,
        &path,
        |name, bytes| match name {
            "content.xml" => Some(common::gallery::zip::replace(bytes, &original, &cell(style))),
            _ => Some(bytes),
        },
        Vec::new(),
    );
    read_report(&path, "2018-K2 Heby.ods")
}

#[test]
fn an_ods_formula_without_a_value_is_a_fel_naming_the_formula() {
    let outcome = ods_with_utfall(|style| {
        format!(
            r#"<table:table-cell {style} table:formula="of:=300000+51421" table:number-columns-spanned="2" table:number-rows-spanned="1"></table:table-cell>"#
        )
    });
    assert_eq!(outcome.report.as_ref().unwrap().budget.utfall_kr, None);
    let formulas: Vec<_> =
        outcome.findings.iter().filter(|f| f.field.as_deref() == Some("utfall_kr")).collect();
    assert_eq!(formulas.len(), 1, "{:#?}", outcome.findings);
    assert_eq!(formulas[0].code, Code::FormelUtanResultat);
    assert_eq!((formulas[0].sheet.as_deref(), formulas[0].cell.as_deref()), (Some("Rapport"), Some("B47")));
    assert_eq!(
        formulas[0].message,
        "Cellen innehåller formeln =300000+51421 men inget sparat resultat. Skriv beloppet som ett tal."
    );
    assert_eq!(formulas[0].insats_id.as_deref(), Some("2017:33"));
}

#[test]
fn an_ods_formula_with_its_value_is_read_and_named_in_an_info() {
    let outcome = ods_with_utfall(|style| {
        format!(
            r#"<table:table-cell {style} table:formula="of:=300000+51421" office:value-type="float" office:value="351421" calcext:value-type="float" table:number-columns-spanned="2" table:number-rows-spanned="1"><text:p>351,421 kr</text:p></table:table-cell>"#
        )
    });
    assert_eq!(outcome.report.as_ref().unwrap().budget.utfall_kr, Some(Decimal::from(351_421)));
    let formulas: Vec<_> =
        outcome.findings.iter().filter(|f| f.field.as_deref() == Some("utfall_kr")).collect();
    assert_eq!(formulas.len(), 1, "{:#?}", outcome.findings);
    assert_eq!(formulas[0].code, Code::FormelResultat);
    assert_eq!(
        formulas[0].message,
        "Cellen innehåller formeln =300000+51421. Verktyget räknar inte ut formler utan använder resultatet som \
         sparades med den i filen: 351421."
    );
}
