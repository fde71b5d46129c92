//! The gallery of bad inputs (tests/fixtures/README.md): one test per kind
//! of file kansliet will actually receive, asserting the documented outcome
//! (the finding's code and substance, and what was still read), and one run
//! over the whole gallery beside the samples that changes no other report's
//! result and no file.

mod common;

use common::gallery::{self as g, COMMITTED, GENERATED, HEBY, NAMES, TWICE};
use common::minimal_report::{MinimalReport, SHEET};
use common::test_register::register;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use uppfoljning::aggregate::{KallStatus, aggregate};
use uppfoljning::check::check_report;
use uppfoljning::commands::kontrollera::{Checked, Verdict, check_all};
use uppfoljning::discover::{Found, discover};
use uppfoljning::finding::{Code, Finding, Severity};
use uppfoljning::inbox::read_inbox;
use uppfoljning::period::Period;
use uppfoljning::register::{Register, read_register};
use uppfoljning::report::{Kvartalsrapport, ReadOutcome, read_report};

/// A folder holding one gallery case written by `write` as `name`.
fn case(name: &str, write: g::Write) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    write(&path);
    (dir, path)
}

fn read(path: &Path) -> ReadOutcome {
    read_report(path, &path.file_name().unwrap().to_string_lossy())
}

/// Reading's and checking's findings together, against the test register.
fn all_findings(outcome: &ReadOutcome) -> Vec<Finding> {
    let mut findings = outcome.findings.clone();
    findings.extend(check_report(outcome, &register(), None));
    findings
}

/// The one finding of a file that gives no report.
fn only_finding(outcome: &ReadOutcome) -> &Finding {
    assert!(outcome.report.is_none(), "{:#?}", outcome.report);
    assert_eq!(outcome.findings.len(), 1, "{:#?}", outcome.findings);
    let finding = &outcome.findings[0];
    assert_eq!(finding.severity, finding.code.severity());
    assert_eq!(finding.file, outcome.file);
    finding
}

/// The report of a file that must read with no finding at all.
fn clean(outcome: &ReadOutcome) -> Kvartalsrapport {
    assert_eq!(all_findings(outcome), [], "{}", outcome.file);
    outcome.report.clone().unwrap()
}

/// What [`MinimalReport::valid`] holds, checked on a few fields of each kind.
fn assert_valid_report(report: &Kvartalsrapport) {
    assert_eq!(report.identitet.insats_id.as_deref(), Some("2018:1"));
    assert_eq!(report.identitet.insats_namn.as_deref(), Some("Heby, Individstöd i samverkan"));
    assert_eq!(report.budget.budget_kr, Some(Decimal::from(350_000)));
    assert_eq!(report.budget.utfall_kr, Some(Decimal::from(341_000)));
    assert_eq!(report.deltagare.totalt.kvinnor, Some(17));
    assert_eq!(report.analys.as_deref(), Some("Insatsen har kommit igång väl."));
}

const NOT_A_WORKBOOK: &str = "Filen går inte att läsa som en Excel-arbetsbok. Be styrgruppen spara rapporten som .xlsx och skicka den igen.";

fn assert_unreadable(name: &str, write: g::Write) {
    let (_dir, path) = case(name, write);
    let finding = only_finding(&read(&path)).clone();
    assert_eq!((finding.code, finding.message.as_str()), (Code::FilOlaslig, NOT_A_WORKBOOK), "{name}");
}

#[test]
fn an_empty_file_is_unreadable_and_asks_for_the_report_again() {
    assert_unreadable("tom fil.xlsx", g::write_empty);
}

#[test]
fn a_text_file_named_xlsx_is_unreadable() {
    assert_unreadable("textfil.xlsx", g::write_text);
}

#[test]
fn a_report_cut_in_half_is_unreadable() {
    assert_unreadable("avklippt.xlsx", g::write_truncated);
}

#[test]
fn a_zip_that_is_not_a_workbook_is_unreadable() {
    assert_unreadable("word-dokument.xlsx", g::write_word_document);
}

#[test]
fn an_xlsx_under_an_xlsb_name_is_unreadable_and_asks_for_xlsx() {
    // The format is taken from the name, as calamine does: the file is not
    // guessed at, and kansliet is told to ask for a real .xlsx.
    assert_unreadable("xlsx med namnet xlsb.xlsb", g::write_xlsx_named_xlsb);
}

#[test]
fn a_password_protected_workbook_asks_for_one_without_password() {
    let finding = only_finding(&read(&g::fixtures().join("2018-K2 Heby lösenordsskyddad.xlsx"))).clone();
    assert_eq!((finding.code, finding.severity), (Code::FilOlaslig, Severity::Fel));
    assert_eq!(
        finding.message,
        "Filen är lösenordsskyddad och kan inte läsas. Be styrgruppen skicka rapporten igen utan lösenord."
    );
}

/// The committed .ods, which tests/other_formats.rs checks field by field.
fn heby_as_ods() -> Kvartalsrapport {
    clean_fixture("2018-K2 Heby sparad av LibreOffice.ods")
}

fn clean_fixture(name: &str) -> Kvartalsrapport {
    let outcome = read(&g::fixtures().join(name));
    assert_eq!(outcome.findings, [], "{name}");
    outcome.report.unwrap()
}

#[test]
fn an_xlsm_saved_by_libreoffice_reads_as_the_ods_does() {
    let report = clean_fixture("2018-K2 Heby sparad som xlsm.xlsm");
    assert_eq!(report.identitet.insats_id.as_deref(), Some("2017:33"));
    assert_eq!(report, heby_as_ods());
}

#[test]
fn an_xlsx_saved_by_libreoffice_reads_as_the_ods_does() {
    let report = clean_fixture("2018-K2 Heby sparad av LibreOffice.xlsx");
    assert_eq!(report.budget.utfall_kr, Some(Decimal::from(351_421)));
    assert_eq!(report, heby_as_ods());
}

#[test]
fn the_xls_and_ods_conversions_are_read_in_tests_other_formats() {
    let source = include_str!("other_formats.rs");
    for name in ["2018-K2 Heby sparad av LibreOffice.ods", "2018-K2 Heby sparad som xls.xls"] {
        assert!(source.contains(name), "{name}");
        assert!(COMMITTED.contains(&name), "{name}");
    }
}

#[test]
fn a_report_pasted_into_a_fresh_workbook_is_read_by_its_labels_with_a_warning() {
    let (_dir, path) = case("namnen borta.xlsx", g::write_names_gone);
    let outcome = read(&path);
    let codes: Vec<_> = outcome.findings.iter().map(|f| (f.code, f.severity)).collect();
    assert_eq!(codes, [(Code::FaltViaEtiketter, Severity::Varning)], "{:#?}", outcome.findings);
    let warning = &outcome.findings[0];
    assert_eq!(warning.sheet.as_deref(), Some("Blad1"));
    assert!(warning.message.contains("namngivna fält"), "{}", warning.message);
    assert!(warning.message.contains("rubriker"), "{}", warning.message);
    // Every answer, read by label, is what the same report gives by name.
    let by_name = read_report(&g::heby(), HEBY);
    assert_eq!(by_name.findings, []);
    assert_eq!(outcome.report, by_name.report);
}

#[test]
fn a_template_version_never_issued_is_a_fel_and_the_rest_is_still_read() {
    let (_dir, path) = case("mallversion 2.xlsx", g::write_unknown_version);
    let outcome = read(&path);
    let findings = all_findings(&outcome);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let finding = &findings[0];
    assert_eq!((finding.code, finding.severity), (Code::MallversionOkand, Severity::Fel));
    assert_eq!(finding.sheet.as_deref(), Some(SHEET));
    assert_eq!(finding.cell, Some(MinimalReport::cell_of("mallversion")));
    assert!(finding.message.starts_with("Mallversion \"2\" känns inte igen"), "{}", finding.message);
    let report = outcome.report.unwrap();
    assert_eq!(report.identitet.mallversion.as_deref(), Some("2"));
    assert_valid_report(&report);
}

/// The results of `kontrollera` over `found`, by file name.
fn results(register: &Register, found: &Found) -> BTreeMap<String, Checked> {
    check_all(register, found, uppfoljning::select::Scope::EveryQuarter, common::TODAY)
        .into_iter()
        .map(|c| (c.name.clone(), c))
        .collect()
}

fn sample_register() -> Register {
    read_register(&g::samples().join("register.xlsx")).unwrap().0
}

#[test]
fn the_register_among_the_reports_is_skipped_as_not_a_report() {
    let dir = tempfile::tempdir().unwrap();
    g::write_register(&dir.path().join("register.xlsx"));
    g::write_valid(&dir.path().join("rapport.xlsx"));
    let results = results(&register(), &discover(&[dir.path().to_path_buf()]).unwrap());
    let skipped = &results["register.xlsx"];
    assert_eq!(skipped.verdict(), Verdict::NotAReport);
    assert_eq!(skipped.verdict().text(), "Ingen kvartalsrapport – hoppas över.");
    let codes: Vec<_> = skipped.findings.iter().map(|f| (f.code, f.severity)).collect();
    assert_eq!(codes, [(Code::EjRapport, Severity::Info)]);
    assert!(skipped.findings[0].message.contains("saknar kvartalsrapportens namngivna fält"));
    assert_eq!(results["rapport.xlsx"].verdict(), Verdict::Approved { varningar: 0 });
}

#[test]
fn a_report_given_as_the_register_stops_with_exit_2_naming_the_missing_insatser_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let output = assert_cmd::Command::cargo_bin("uppfoljning")
        .unwrap()
        .arg("kontrollera")
        .arg("--register")
        .arg(g::heby())
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr.trim_end(),
        format!(
            "Fel: Registret {} har inget blad som heter Insatser (bladen heter \"Rapport\"). \
             Lägg insatserna på ett blad med namnet Insatser.",
            g::heby().display()
        )
    );
}

/// The findings of a formula case as (code, field, cell, message), sorted.
fn formula_findings(outcome: &ReadOutcome) -> Vec<(Code, String, String, String)> {
    let mut found: Vec<_> = all_findings(outcome)
        .into_iter()
        .map(|f| (f.code, f.field.unwrap_or_default(), f.cell.unwrap_or_default(), f.message))
        .collect();
    found.sort();
    found
}

/// What [`formula_findings`] should give: `code` for each of the gallery's
/// three formula cells, with the message `message(formula, result, advice)`.
fn expected_formula_findings(
    code: Code,
    message: impl Fn(&str, &str, &str) -> String,
) -> Vec<(Code, String, String, String)> {
    let mut want: Vec<_> = [
        (
            "insats_namn",
            r#"="Heby, "&"Individstöd i samverkan""#,
            "Heby, Individstöd i samverkan",
            "Skriv texten direkt i cellen.",
        ),
        ("utfall_kr", "=300000+41000", "341000", "Skriv beloppet som ett tal."),
        ("deltagare_totalt_kvinnor", "=15+2", "17", "Skriv antalet som ett tal."),
    ]
    .into_iter()
    .map(|(field, formula, result, advice)| {
        (code, field.to_string(), MinimalReport::cell_of(field), message(formula, result, advice))
    })
    .collect();
    want.sort();
    want
}

#[test]
fn formulas_with_saved_results_are_read_as_their_results_and_named_in_an_info() {
    let (_dir, path) = case("formler med resultat.xlsx", g::write_formulas_with_results);
    let outcome = read(&path);
    assert_valid_report(outcome.report.as_ref().unwrap());
    let want = expected_formula_findings(Code::FormelResultat, |formula, result, _| {
        format!(
            "Cellen innehåller formeln {formula}. Verktyget räknar inte ut formler utan använder resultatet som \
             sparades med den i filen: {result}."
        )
    });
    assert_eq!(formula_findings(&outcome), want);
}

#[test]
fn formulas_without_saved_results_are_a_fel_each_naming_its_formula() {
    // calamine does not calculate: a formula without the result Excel saves
    // with it has no value to read. It is a Fel that names the formula, not
    // a missing answer.
    let (_dir, path) = case("formler utan resultat.xlsx", g::write_formulas_without_results);
    let outcome = read(&path);
    let report = outcome.report.clone().unwrap();
    assert_eq!(report.identitet.insats_namn, None);
    assert_eq!(report.budget.utfall_kr, None);
    assert_eq!(report.deltagare.totalt.kvinnor, None);
    assert_eq!(report.budget.budget_kr, Some(Decimal::from(350_000)), "the other answers are read");
    let want = expected_formula_findings(Code::FormelUtanResultat, |formula, _, advice| {
        format!("Cellen innehåller formeln {formula} men inget sparat resultat. {advice}")
    });
    assert_eq!(formula_findings(&outcome), want);
}

#[test]
fn merged_input_cells_read_their_top_left_value() {
    let (_dir, path) = case("sammanfogade celler.xlsx", g::write_merged);
    assert_valid_report(&clean(&read(&path)));
}

#[test]
fn hidden_rows_and_columns_are_read_as_any_other() {
    let (_dir, path) = case("dolda rader och kolumner.xlsx", g::write_hidden);
    assert_valid_report(&clean(&read(&path)));
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    let (_dir, path) = case("zipbomb.xlsx", g::write_zip_bomb);
    // The file is a bomb: 130 KB, whose strings inflate from 100 KB to 100 MiB.
    assert!(std::fs::metadata(&path).unwrap().len() < 150_000);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    assert!(archive.by_name("xl/sharedStrings.xml").unwrap().size() > 100_000_000);
    let finding = only_finding(&read(&path)).clone();
    assert_eq!((finding.code, finding.severity), (Code::FilForStor, Severity::Fel), "{finding:#?}");
    // Refused for its packing, the mark of a bomb, not for its size alone.
    assert!(finding.message.contains("\"xl/sharedStrings.xml\" är packad"), "{}", finding.message);
}

#[test]
fn an_xml_bomb_is_refused_without_expanding_it() {
    let (_dir, path) = case("xml-bomb.xlsx", g::write_xml_bomb);
    let finding = only_finding(&read(&path)).clone();
    assert_eq!((finding.code, finding.severity), (Code::FilForStor, Severity::Fel), "{finding:#?}");
    assert!(finding.message.contains("DOCTYPE"), "{}", finding.message);
}

#[test]
fn a_million_rows_on_a_side_sheet_do_not_stop_the_report_being_read() {
    let (_dir, path) = case("en miljon rader.xlsx", g::write_million_rows);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let side = archive.by_name("xl/worksheets/sheet2.xml").unwrap().size();
    assert!(side > 40_000_000, "{side}");
    drop(archive);
    use calamine::Reader;
    let book = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Rader", SHEET]);
    assert_valid_report(&clean(&read(&path)));
}

#[test]
fn excels_lock_files_are_skipped_silently() {
    let dir = tempfile::tempdir().unwrap();
    g::write_lock_file(&dir.path().join("~$2018-K2 Heby.xlsx"));
    g::write_valid(&dir.path().join("2018-K2 Heby.xlsx"));
    let found = discover(&[dir.path().to_path_buf()]).unwrap();
    let names: Vec<_> = found.reports.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["2018-K2 Heby.xlsx"]);
    assert_eq!(found.skipped, []);
    assert_eq!(results(&register(), &found).len(), 1);
}

/// Every name written in `dir`, as discover shows it, with its result.
fn names_and_verdicts(dir: &Path) -> Vec<(String, Verdict)> {
    let found = discover(&[dir.to_path_buf()]).unwrap();
    results(&register(), &found).into_values().map(|c| (c.name.clone(), c.verdict())).collect()
}

#[test]
fn file_names_with_swedish_letters_spaces_and_copies_are_read_and_shown_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    for name in NAMES {
        g::write_valid(&dir.path().join(name));
    }
    let shown = names_and_verdicts(dir.path());
    let names: Vec<&str> = shown.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, NAMES);
    // Copies of one report: the newest counts, the others are replaced.
    let approved = shown.iter().filter(|(_, v)| *v == Verdict::Approved { varningar: 0 }).count();
    assert_eq!(approved, 1, "{shown:?}");
    assert!(shown.iter().all(|(_, v)| matches!(v, Verdict::Approved { varningar: 0 } | Verdict::Replaced)));
}

#[cfg(unix)]
#[test]
fn file_names_with_characters_windows_forbids_are_read_where_the_system_allows_them() {
    let dir = tempfile::tempdir().unwrap();
    g::write_valid(&dir.path().join(g::WINDOWS_RESERVED));
    let approved = Verdict::Approved { varningar: 0 };
    assert_eq!(names_and_verdicts(dir.path()), [(g::WINDOWS_RESERVED.to_string(), approved)]);
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_read_and_shown_with_a_replacement_character() {
    let dir = tempfile::tempdir().unwrap();
    g::write_valid(&dir.path().join(g::non_utf8_name()));
    let approved = Verdict::Approved { varningar: 0 };
    assert_eq!(names_and_verdicts(dir.path()), [("Heby \u{FFFD}.xlsx".to_string(), approved)]);
}

#[test]
fn a_read_only_report_is_read_and_left_as_it_was() {
    let (dir, path) = case("skrivskyddad.xlsx", g::write_read_only);
    let before = (std::fs::read(&path).unwrap(), std::fs::metadata(&path).unwrap());
    assert_valid_report(&clean(&read(&path)));
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), before.0);
    assert!(after.permissions().readonly());
    assert_eq!(after.modified().unwrap(), before.1.modified().unwrap());
    g::make_writable(dir.path());
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_the_folder_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    g::write_symlink_loops(dir.path());
    g::write_valid(&dir.path().join("rapport.xlsx"));
    let results = results(&register(), &discover(&[dir.path().to_path_buf()]).unwrap());
    assert_eq!(results.keys().collect::<Vec<_>>(), ["rapport.xlsx", "själv.xlsx", "slinga"]);
    assert_eq!(results["rapport.xlsx"].verdict(), Verdict::Approved { varningar: 0 });
    let folder = &results["slinga"].findings;
    assert_eq!(folder.len(), 1);
    assert_eq!(
        (folder[0].code, folder[0].message.as_str()),
        (Code::EjRapport, "En genväg till en mapp följs inte.")
    );
    // A link to itself points at no file: skipped before anything opens it.
    let file = &results["själv.xlsx"].findings;
    assert_eq!(file.len(), 1, "{file:#?}");
    assert_eq!(
        (file[0].code, file[0].message.as_str()),
        (Code::EjRapport, "Filen är en genväg som inte leder till någon fil och läses inte.")
    );
}

#[test]
fn the_same_report_twice_counts_once_and_the_newer_copy_is_listed_as_a_copy_not_a_newer_version() {
    let dir = tempfile::tempdir().unwrap();
    g::write_twice(dir.path());
    let [old, new] = TWICE;
    assert_eq!(std::fs::read(dir.path().join(old)).unwrap(), std::fs::read(dir.path().join(new)).unwrap());
    let found = discover(&[dir.path().to_path_buf()]).unwrap();
    let s =
        aggregate(&register(), &[], &read_inbox(&found), Period::parse("2018-K2").unwrap(), common::TODAY);
    let kalla = |name: &str| s.kallor.iter().find(|k| k.fil == name).unwrap();
    assert_eq!(kalla(old).status, KallStatus::Anvand);
    assert_eq!(kalla(new).status, KallStatus::Ersatt);
    assert_eq!(kalla(new).kommentar.as_deref(), Some("Kopia av 2018-K2 Heby.xlsx"));
    assert!(!s.fynd.iter().any(|f| f.code == Code::RapportErsatt), "{:#?}", s.fynd);
    let copies: Vec<_> = s.fynd.iter().filter(|f| f.code == Code::RapportKopia).collect();
    assert_eq!(copies.len(), 1, "{:#?}", s.fynd);
    assert_eq!((copies[0].severity, copies[0].file.as_str()), (Severity::Info, new));
    assert!(copies[0].message.contains("exakt kopia (samma innehåll byte för byte) av 2018-K2 Heby.xlsx"));
    // Counted once: the quarter's spend is the report's, not twice it.
    let heby = s.insatser.iter().find(|i| i.id == "2018:1").unwrap();
    assert_eq!(heby.budget.utfall, Some(Decimal::from(341_000)));
}

#[test]
fn a_cell_in_the_far_corner_of_a_2_kb_workbook_is_not_a_report_and_costs_nothing() {
    let (_dir, path) = case("cell i hörnet XFD1048576.xlsx", g::write_far_corner);
    assert!(std::fs::metadata(&path).unwrap().len() < 3_000);
    let finding = only_finding(&read(&path)).clone();
    assert_eq!((finding.code, finding.severity), (Code::EjRapport, Severity::Info), "{finding:#?}");
}

#[test]
fn a_cell_beyond_excels_grid_is_not_a_report_either() {
    let (_dir, path) = case("cell utanför rutnätet XFE1.xlsx", g::write_out_of_grid);
    let finding = only_finding(&read(&path)).clone();
    assert_eq!((finding.code, finding.severity), (Code::EjRapport, Severity::Info), "{finding:#?}");
}

/// The findings of reading and checking, as (code, severity).
fn codes(findings: &[Finding]) -> Vec<(Code, Severity)> {
    findings.iter().map(|f| (f.code, f.severity)).collect()
}

/// A copied sheet with its own names: one Varning on the copy, and the
/// report read from the workbook's names (the budget 350 000, not the copy's).
fn assert_copied_sheet(name: &str, write: g::Write) -> ReadOutcome {
    let (_dir, path) = case(name, write);
    let outcome = read(&path);
    let findings = all_findings(&outcome);
    assert_eq!(codes(&findings), [(Code::NamnAvenPaBlad, Severity::Varning)], "{findings:#?}");
    assert_eq!(findings[0].sheet.as_deref(), Some(g::COPY));
    assert!(
        findings[0].message.contains("finns också som namn på bladet \"Data (2)\""),
        "{}",
        findings[0].message
    );
    assert!(findings[0].message.contains("Ta bort det kopierade bladet"), "{}", findings[0].message);
    assert_valid_report(outcome.report.as_ref().unwrap());
    outcome
}

#[test]
fn a_copied_sheet_whose_names_come_after_the_workbooks_is_a_warning_and_the_report_is_read() {
    assert_copied_sheet("kopierat blad, bladets namn efter.xlsx", g::write_copied_sheet_names_after);
}

#[test]
fn a_copied_sheet_whose_names_come_first_gives_the_same_outcome() {
    let before =
        assert_copied_sheet("kopierat blad, bladets namn före.xlsx", g::write_copied_sheet_names_before);
    let after =
        assert_copied_sheet("kopierat blad, bladets namn efter.xlsx", g::write_copied_sheet_names_after);
    let messages = |o: &ReadOutcome| o.findings.iter().map(|f| f.message.clone()).collect::<Vec<_>>();
    assert_eq!((&before.report, messages(&before)), (&after.report, messages(&after)));
}

#[test]
fn a_name_defined_twice_at_two_cells_is_a_fel_and_that_field_is_not_read() {
    let (_dir, path) = case("namn två gånger.xlsx", g::write_name_twice);
    let outcome = read(&path);
    let findings = all_findings(&outcome);
    assert_eq!(codes(&findings), [(Code::NamnDubbelt, Severity::Fel)], "{findings:#?}");
    assert_eq!(findings[0].field.as_deref(), Some("budget_kr"));
    let report = outcome.report.unwrap();
    assert_eq!(report.budget.budget_kr, None, "neither cell is taken for the answer");
    assert_eq!(report.budget.utfall_kr, Some(Decimal::from(341_000)), "the other answers are read");
}

#[test]
fn answers_on_a_hidden_sheet_are_read_with_a_warning_naming_the_sheet() {
    let (_dir, path) = case("svar på dolt blad.xlsx", g::write_answers_on_hidden_sheet);
    let outcome = read(&path);
    let findings = all_findings(&outcome);
    assert_eq!(codes(&findings), [(Code::SvarPaDoltBlad, Severity::Varning)], "{findings:#?}");
    assert_eq!(findings[0].sheet.as_deref(), Some(SHEET));
    assert!(findings[0].message.starts_with("Svaren står på bladet \"Data\", som är dolt i Excel"));
    assert_valid_report(outcome.report.as_ref().unwrap());
}

#[test]
fn answers_on_a_very_hidden_sheet_are_a_fel_and_not_read() {
    let (_dir, path) = case("svar på mycket dolt blad.xlsx", g::write_answers_on_very_hidden_sheet);
    let outcome = read(&path);
    assert_eq!(
        codes(&outcome.findings),
        [(Code::SvarPaMycketDoltBlad, Severity::Fel)],
        "{:#?}",
        outcome.findings
    );
    assert_eq!(outcome.findings[0].sheet.as_deref(), Some(SHEET));
    assert!(
        outcome.findings[0].message.starts_with("Svaren står på bladet \"Data\", som är mycket dolt i Excel")
    );
    let report = outcome.report.unwrap();
    assert_eq!((report.identitet.insats_id, report.budget.budget_kr), (None, None));
}

/// A file with two parts a reader takes for one: refused, naming both.
fn assert_lookalike_parts(name: &str, write: g::Write, second: &str) {
    let (_dir, path) = case(name, write);
    let finding = only_finding(&read(&path)).clone();
    assert_eq!((finding.code, finding.severity), (Code::FilForStor, Severity::Fel), "{finding:#?}");
    let reason = format!(
        "arkivet har två delar som en läsare kan ta för samma, \"xl/worksheets/sheet1.xml\" och \"{second}\""
    );
    assert!(finding.message.contains(&reason), "{}", finding.message);
}

#[test]
fn two_sheet_parts_differing_only_in_case_are_refused() {
    assert_lookalike_parts(
        "delar i olika skiftläge.xlsx",
        g::write_parts_differing_in_case,
        "XL/Worksheets/Sheet1.xml",
    );
}

#[test]
fn two_sheet_parts_differing_only_in_backslashes_are_refused() {
    let second = "xl\\worksheets\\sheet1.xml";
    assert_lookalike_parts("delar med bakstreck.xlsx", g::write_parts_differing_in_backslash, second);
}

#[test]
fn two_sheet_parts_differing_only_in_a_leading_slash_are_refused() {
    let write = g::write_parts_differing_in_leading_slash;
    assert_lookalike_parts("del med inledande snedstreck.xlsx", write, "/xl/worksheets/sheet1.xml");
}

/// Every entry under `dir` (links not followed) with its bytes, or where
/// a link points, and whether it is read-only.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, bool)> {
    let mut entries = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let meta = std::fs::symlink_metadata(&path).unwrap();
        let content = if meta.file_type().is_symlink() {
            std::fs::read_link(&path).unwrap().into_os_string().into_encoded_bytes()
        } else if meta.is_file() {
            std::fs::read(&path).unwrap()
        } else {
            // A pipe: reading it would wait for a writer. Its kind is what is kept.
            format!("{:?}", meta.file_type()).into_bytes()
        };
        entries.insert(path, (content, meta.permissions().readonly()));
    }
    entries
}

/// Each file's result as compared: findings, verdict, what the styrgrupp is told.
fn outcome(checked: &Checked) -> (Vec<Finding>, Verdict, Option<uppfoljning::feedback::Underlag>) {
    (checked.findings.clone(), checked.verdict(), checked.underlag.clone())
}

#[test]
fn the_whole_gallery_beside_the_samples_changes_no_other_result_and_no_file() {
    let register = sample_register();
    let samples = g::samples().join("rapporter");
    let alone = results(&register, &discover(std::slice::from_ref(&samples)).unwrap());
    assert!(alone.len() > 30, "the samples are there");

    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&samples).unwrap().flatten() {
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    g::write_gallery(dir.path());
    let before = snapshot(dir.path());
    let found = discover(&[dir.path().to_path_buf()]).unwrap();
    let together = results(&register, &found);
    assert_eq!(snapshot(dir.path()), before, "reading must not change, add or remove any file");

    for (name, sample) in &alone {
        let now = &together[name];
        if now.verdict() == Verdict::Replaced {
            // A gallery copy of the same report is newer: it counts instead.
            let winner = now.kommentar.as_deref().and_then(|k| k.strip_prefix("Ersatt av ")).unwrap();
            assert!(!alone.contains_key(winner), "{name} replaced by {winner}");
            continue;
        }
        assert_eq!(outcome(now), outcome(sample), "{name}");
    }
    // Every gallery file has one result (the lock file none), the same as when it is checked alone.
    let gallery: Vec<&String> = together.keys().filter(|n| !alone.contains_key(*n)).collect();
    for name in
        GENERATED.iter().map(|(n, _)| *n).chain(COMMITTED.iter().copied()).chain(NAMES.iter().copied())
    {
        assert_eq!(gallery.contains(&&name.to_string()), !name.starts_with("~$"), "{name}");
    }
    for source in found.reports.iter().filter(|s| !alone.contains_key(&s.name)) {
        let single = results(&register, &Found { reports: vec![source.clone()], skipped: Vec::new() });
        assert_eq!(single.len(), 1, "{}", source.name);
        let only = single.values().next().unwrap();
        if together[&source.name].verdict() == Verdict::Replaced {
            continue;
        }
        // What only the other files can say (a byte-identical copy of one of
        // them) is the one difference a file may have beside others.
        let (mut findings, verdict, underlag) = outcome(&together[&source.name]);
        findings.retain(|f| !matches!(f.code, Code::RapportKopia | Code::SiffrorSammaSomForra));
        assert_eq!((findings, verdict, underlag), outcome(only), "{}", source.name);
    }
    assert_eq!(snapshot(dir.path()), before);
    g::make_writable(dir.path());
}

#[test]
fn the_binary_checks_the_whole_gallery_and_ends_with_exit_1_changing_no_file() {
    // The committed fixtures are checked where they lie, the rest in a folder.
    let dir = tempfile::tempdir().unwrap();
    g::write_generated(dir.path());
    let folders = [dir.path().to_path_buf(), g::fixtures()];
    let before = folders.each_ref().map(|f| snapshot(f));
    let output = assert_cmd::Command::cargo_bin("uppfoljning")
        .unwrap()
        .arg("kontrollera")
        .arg("--register")
        .arg(g::samples().join("register.xlsx"))
        .args(&folders)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let found = discover(&folders).unwrap();
    let files = found.reports.len() + found.skipped.len();
    let summary = stdout.lines().last().unwrap();
    assert!(summary.starts_with(&format!("Sammanfattning: {files} filer – ")), "{summary}");
    assert_eq!(folders.each_ref().map(|f| snapshot(f)), before);
    g::make_writable(dir.path());
}

/// `sammanstall` for 2018-H1 over `inbox` and the archive: its exit code,
/// summary and JSON. A time limit, so a folder entry that makes the run wait
/// fails the test instead of hanging it.
fn sammanstall(inbox: &Path, out: &Path) -> (Option<i32>, String, serde_json::Value) {
    let json = out.join("ut.json");
    let output = assert_cmd::Command::cargo_bin("uppfoljning")
        .unwrap()
        .args(["sammanstall", "--period", "2018-H1", "--register"])
        .arg(g::samples().join("register.xlsx"))
        .arg("--ut")
        .arg(out.join("ut.xlsx"))
        .arg("--json")
        .arg(&json)
        .arg(inbox)
        .arg(g::samples().join("arkiv"))
        .timeout(std::time::Duration::from_secs(300))
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(out.join("ut.xlsx").is_file(), "the workbook is written: {stdout}");
    let json = serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    (output.status.code(), stdout, json)
}

/// `value` without the names of the files used (`fil`), wherever they
/// stand: the figures, not which of two equal files was used.
fn figures(value: &serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            map.iter().filter(|(key, _)| *key != "fil").map(|(key, v)| (key.clone(), figures(v))).collect()
        }
        serde_json::Value::Array(items) => items.iter().map(figures).collect(),
        other => other.clone(),
    }
}

#[test]
fn sammanstall_over_the_samples_and_the_whole_gallery_keeps_every_figure_of_the_samples() {
    let alone_out = tempfile::tempdir().unwrap();
    let (code, _, alone) = sammanstall(&g::samples().join("rapporter"), alone_out.path());
    assert_eq!(code, Some(1), "the samples hold the memo's two Fel");

    let inbox = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(g::samples().join("rapporter")).unwrap().flatten() {
        std::fs::copy(entry.path(), inbox.path().join(entry.file_name())).unwrap();
    }
    g::write_gallery(inbox.path());
    let before = snapshot(inbox.path());
    let out = tempfile::tempdir().unwrap();
    let (code, stdout, together) = sammanstall(inbox.path(), out.path());
    assert_eq!(code, Some(1), "{stdout}");
    assert_eq!(snapshot(inbox.path()), before, "no input is changed");
    // The gallery's reports are of an insats the samples' register does not
    // know, or copies of the Heby sample saved by other programs (one of which
    // may count instead of the sample, with the same answers): every figure
    // of the samples' insatser stays as it was.
    for part in ["insatser", "avslut", "fordelning", "historik"] {
        assert_eq!(figures(&together[part]), figures(&alone[part]), "{part}");
    }
    #[cfg(unix)]
    {
        let kallor = together["kallor"].as_array().unwrap();
        for entry in [g::PIPE, g::ENDLESS, g::VIDEO] {
            let source =
                kallor.iter().find(|k| k["fil"] == entry).unwrap_or_else(|| panic!("{entry}: {kallor:#?}"));
            assert_eq!(source["sha256"], "", "{entry} is never read: {source}");
        }
    }
    g::make_writable(inbox.path());
}

#[test]
fn a_hand_made_zip_run_inflates_to_what_it_says_with_its_crc() {
    use common::gallery::zip::{Data, crc32, deflated_run, entries, write};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.zip");
    let data = deflated_run(b"<a> ", 1000, b"</a>");
    let Data::Deflated { crc, size, .. } = &data else { unreachable!() };
    let expected = format!("<a> {}</a>", " ".repeat(258_000));
    assert_eq!((*crc, *size), (crc32(expected.as_bytes()), expected.len() as u64));
    write(&path, vec![("run.xml".into(), data), ("stored.txt".into(), Data::Stored(b"hej".to_vec()))]);
    let read = entries(&path);
    assert_eq!(read[0], ("run.xml".to_string(), expected.into_bytes()));
    assert_eq!(read[1], ("stored.txt".to_string(), b"hej".to_vec()));
}

#[test]
fn every_case_and_committed_file_is_listed_in_the_fixtures_readme() {
    let readme = include_str!("fixtures/README.md");
    let source = include_str!("gallery.rs");
    let lines: Vec<&str> = source.lines().collect();
    let tests = lines.iter().enumerate().filter(|(_, l)| l.trim() == "#[test]").map(|(i, _)| {
        let function = lines[i + 1..].iter().find(|l| l.starts_with("fn ")).unwrap();
        function["fn ".len()..].split('(').next().unwrap()
    });
    let tests: Vec<&str> = tests.collect();
    assert!(tests.len() > 30, "{tests:?}");
    for test in tests {
        assert!(readme.contains(&format!("`{test}`")), "{test} is not in tests/fixtures/README.md");
    }
    for file in COMMITTED {
        assert!(readme.contains(&format!("`{file}`")), "{file} is not in tests/fixtures/README.md");
        assert!(g::fixtures().join(file).is_file(), "{file}");
    }
}
