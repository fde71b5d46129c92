//! The template generator, checked by reading what it writes: with calamine
//! by defined name (as the report reader does), and with umya-spreadsheet
//! for what calamine does not show (drop-downs, locking, protection).

mod common;

use calamine::Data;
use chrono::NaiveDate;
use common::report_book::ReportBook;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;
use uppfoljning::contract::{self, AnsweredBy, FIELDS, FieldType, Section};
use uppfoljning::period::Kvartal;
use uppfoljning::register::{Beslut, BeslutTyp, Inriktning, Insats, Mal, MalTyp, Part, Register};
use uppfoljning::template::{
    Answer, Answers, MAX_FILE_NAME_CHARS, MIN_GOAL_ROWS, Prefill, SHEET, TemplateError, blank_template,
    field_cells, file_name, prefills, write_prefilled, write_report,
};
use uppfoljning::workbook::Position;

const TEMPLATE: &str = "templates/kvartalsrapport-v1.xlsx";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn k2() -> Kvartal {
    Kvartal::new(2018, 2).unwrap()
}

fn knivsta() -> Prefill {
    Prefill {
        insats_id: "2017:48".into(),
        insats_namn: "Knivsta, En väg in – flera vägar ut".into(),
        kvartal: k2(),
        budget_kr: Some(Decimal::new(36_875_050, 2)),
        goals: vec![
            "Minst 40 % av deltagarna går vidare till arbete eller studier.".into(),
            "Samverkan mellan parterna i Knivsta är etablerad.".into(),
            "Deltagarnas upplevda hälsa förbättras.".into(),
        ],
        inriktning: Inriktning::Individ,
        forvantat_antal_deltagare: Some(40),
    }
}

fn text(s: &str) -> Data {
    Data::String(s.into())
}

// --- The checked-in template ------------------------------------------------

#[test]
fn checked_in_template_is_what_the_generator_makes_today() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(TEMPLATE);
    let fresh = blank_template().unwrap();
    if std::env::var_os("UPPFOLJNING_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &fresh).unwrap();
    }
    let checked_in = std::fs::read(&path).unwrap_or_default();
    assert!(
        checked_in == fresh,
        "{TEMPLATE} differs from what the generator makes today. If the change is \
         intended, regenerate it with `UPPFOLJNING_BLESS=1 cargo test --test template` \
         and commit the new file."
    );
}

// --- Defined names ------------------------------------------------------------

#[test]
fn every_contract_field_has_a_defined_name_on_its_cell() {
    let book = ReportBook::from_bytes(&blank_template().unwrap());
    let expected: BTreeMap<_, _> = field_cells().into_iter().collect();
    assert_eq!(expected.len(), FIELDS.len());
    for field in FIELDS {
        let area = book.area(field.name);
        assert_eq!(area.sheet, SHEET, "{}", field.name);
        assert_eq!(Some(area), expected.get(field.name), "{}", field.name);
        if field.ty == FieldType::GoalBlock {
            assert_eq!(area.last.col - area.first.col + 1, contract::GOAL_BLOCK_COLUMNS);
            assert_eq!((area.last.row - area.first.row + 1) as usize, MIN_GOAL_ROWS);
        } else {
            assert!(area.is_single_cell(), "{}", field.name);
        }
    }
}

#[test]
fn no_two_fields_share_a_cell() {
    let cells = field_cells();
    for (i, (name, area)) in cells.iter().enumerate() {
        for (other, other_area) in &cells[i + 1..] {
            let overlaps = area.contains(other_area.first) || other_area.contains(area.first);
            assert!(!overlaps, "{name} and {other} overlap");
        }
    }
}

// --- Prefilled content -------------------------------------------------------

#[test]
fn blank_template_carries_the_version_and_no_identity() {
    let book = ReportBook::from_bytes(&blank_template().unwrap());
    assert_eq!(book.value("mallversion"), text(contract::MALLVERSION));
    for name in ["insats_id", "insats_namn", "period_ar", "period_kvartal", "budget_kr"] {
        assert_eq!(book.value(name), Data::Empty, "{name}");
    }
    assert!(book.block("mal_lista").iter().flatten().all(|cell| *cell == Data::Empty));
}

#[test]
fn prefilled_report_carries_identity_budget_and_goals() {
    let prefill = knivsta();
    let book = ReportBook::from_bytes(&write_report(Some(&prefill), &Answers::new()).unwrap());
    assert_eq!(book.value("mallversion"), text("1"));
    assert_eq!(book.value("insats_id"), text("2017:48"));
    assert_eq!(book.value("insats_namn"), text("Knivsta, En väg in – flera vägar ut"));
    assert_eq!(book.value("period_ar"), Data::Float(2018.0));
    assert_eq!(book.value("period_kvartal"), Data::Float(2.0));
    assert_eq!(book.value("budget_kr"), Data::Float(368_750.50));
    let goals: Vec<Data> = book.block("mal_lista").into_iter().map(|row| row[0].clone()).collect();
    assert_eq!(goals.len(), MIN_GOAL_ROWS);
    for (i, goal) in prefill.goals.iter().enumerate() {
        assert_eq!(goals[i], text(goal));
    }
    assert!(goals[prefill.goals.len()..].iter().all(|g| *g == Data::Empty));
}

#[test]
fn more_goals_than_the_minimum_get_a_row_each() {
    let mut prefill = knivsta();
    prefill.goals = (1..=13).map(|n| format!("Mål {n}")).collect();
    let book = ReportBook::from_bytes(&write_report(Some(&prefill), &Answers::new()).unwrap());
    let block = book.block("mal_lista");
    assert_eq!(block.len(), 13);
    assert_eq!(block[12][0], text("Mål 13"));
    // Everything after the block still has its name and its cell.
    assert_eq!(book.value("mallversion"), text("1"));
    assert!(book.area("analys").first.row > book.area("mal_lista").last.row);
}

#[test]
fn report_without_budget_leaves_the_budget_cell_empty() {
    let prefill = Prefill { budget_kr: None, ..knivsta() };
    let book = ReportBook::from_bytes(&write_report(Some(&prefill), &Answers::new()).unwrap());
    assert_eq!(book.value("budget_kr"), Data::Empty);
}

// --- Answers ------------------------------------------------------------------

#[test]
fn answers_land_in_their_cells_exactly_as_given() {
    let mut answers = Answers::new();
    answers.insert("rapportdatum", Answer::Date(date(2018, 7, 10)));
    answers.insert("utfall_kr", Answer::Text("1 051 000 kr".into()));
    answers.insert("egenfinansiering_kr", Answer::Number(12_500.0));
    answers.insert("styrgruppsmoten", Answer::Text("3".into()));
    answers.insert("mal_i_fas", Answer::Text("under bevakning".into()));
    answers.insert("deltagare_nya_kvinnor", Answer::Number(4.0));
    answers.insert("deltagare_nya_man", Answer::Number(6.0));
    answers.insert("insats_id", Answer::Text("2017:99".into()));
    answers.insert(
        "mal_lista",
        Answer::GoalAnswers(vec![
            ("Uppfyllt".into(), "".into()),
            ("Delvis uppfyllt".into(), "Två av tre parter".into()),
        ]),
    );
    let book = ReportBook::from_bytes(&write_report(Some(&knivsta()), &answers).unwrap());

    assert!(matches!(book.value("rapportdatum"), Data::DateTime(_)));
    assert_eq!(book.value("utfall_kr"), text("1 051 000 kr"));
    assert_eq!(book.value("egenfinansiering_kr"), Data::Float(12_500.0));
    assert_eq!(book.value("styrgruppsmoten"), text("3"), "text stays text");
    assert_eq!(book.value("mal_i_fas"), text("under bevakning"));
    assert_eq!(book.value("deltagare_nya_kvinnor"), Data::Float(4.0));
    assert_eq!(book.value("deltagare_nya_man"), Data::Float(6.0));
    assert_eq!(book.value("insats_id"), text("2017:99"), "an answer overrides the prefill");
    let block = book.block("mal_lista");
    assert_eq!(block[0][1..], [text("Uppfyllt"), Data::Empty]);
    assert_eq!(block[1][1..], [text("Delvis uppfyllt"), text("Två av tre parter")]);
    assert_eq!(block[1][0], text("Samverkan mellan parterna i Knivsta är etablerad."));
}

#[test]
fn a_date_answer_is_a_date_cell() {
    let mut answers = Answers::new();
    answers.insert("rapportdatum", Answer::Date(date(2018, 7, 10)));
    let book = ReportBook::from_bytes(&write_report(None, &answers).unwrap());
    let Data::DateTime(excel) = book.value("rapportdatum") else { panic!("no date cell") };
    assert!(excel.is_datetime());
    let (y, m, d, ..) = excel.to_ymd_hms_milli();
    assert_eq!((y, m, d), (2018, 7, 10));
}

#[test]
fn an_answer_for_a_name_outside_the_contract_is_an_error() {
    let mut answers = Answers::new();
    answers.insert("utfal_kr", Answer::Number(1.0));
    let error = write_report(None, &answers).unwrap_err();
    assert!(matches!(error, TemplateError::UnknownField(ref name) if name == "utfal_kr"));
    assert_eq!(error.to_string(), "Fältet \"utfal_kr\" finns inte i mallkontraktet. Kontrollera stavningen.");
}

// --- Determinism --------------------------------------------------------------

#[test]
fn two_runs_give_identical_bytes() {
    assert_eq!(blank_template().unwrap(), blank_template().unwrap());
    let mut answers = Answers::new();
    answers.insert("analys", Answer::Text("Ett lugnt kvartal.".into()));
    let first = write_report(Some(&knivsta()), &answers).unwrap();
    let second = write_report(Some(&knivsta()), &answers).unwrap();
    assert_eq!(first, second);
}

// --- Inputs, drop-downs, protection (read with umya-spreadsheet) ------------

fn umya_sheet(bytes: &[u8]) -> umya_spreadsheet::Workbook {
    umya_spreadsheet::reader::xlsx::read_reader(std::io::Cursor::new(bytes.to_vec()), true).unwrap()
}

fn a1(position: Position) -> String {
    position.to_a1()
}

#[test]
fn only_input_cells_are_unlocked_and_the_protection_has_no_password() {
    let book = umya_sheet(&write_report(Some(&knivsta()), &Answers::new()).unwrap());
    let sheet = book.sheet_by_name(SHEET).unwrap();
    let protection = sheet.sheet_protection().expect("sheet is protected");
    assert!(protection.sheet());
    assert!(protection.password_raw().is_empty() && protection.hash_value().is_empty());
    let locked = |p: Position| sheet.style(a1(p)).protection().is_none_or(|protection| protection.locked());
    for (name, area) in field_cells() {
        let field = contract::field(name).unwrap();
        if field.ty == FieldType::GoalBlock {
            let goal = Position::new(area.first.row, area.first.col);
            let status = Position::new(area.first.row, area.first.col + 1);
            assert!(locked(goal), "a goal from the register is locked");
            assert!(!locked(status), "its status is an input");
        } else {
            assert_eq!(locked(area.first), field.locked, "{name}");
        }
    }
    assert!(locked(Position::new(0, 0)), "the title is locked");
}

#[test]
fn every_choice_field_offers_its_list_as_a_drop_down() {
    let book = umya_sheet(&blank_template().unwrap());
    let sheet = book.sheet_by_name(SHEET).unwrap();
    let validations = sheet.data_validations().expect("validations").data_validation_list();
    let at = |cell: &str| {
        validations.iter().find(|v| v.sequence_of_references().get_sqref().split(' ').any(|r| r == cell))
    };
    for (name, area) in field_cells() {
        let field = contract::field(name).unwrap();
        let cell = a1(area.first);
        match field.ty {
            FieldType::Choice(list) => {
                let validation = at(&cell).unwrap_or_else(|| panic!("{name} has no drop-down"));
                let expected = format!("\"{}\"", list.options().join(","));
                assert_eq!(validation.formula1(), expected, "{name}");
                assert!(validation.allow_blank(), "{name}");
                assert!(!validation.prompt().is_empty(), "{name} has no help pop-up");
            }
            FieldType::GoalBlock => {
                let status = a1(Position::new(area.first.row, area.first.col + 1));
                assert!(at(&status).is_some(), "goal status has no drop-down");
            }
            _ if field.locked => assert!(at(&cell).is_none(), "{name} is locked"),
            _ => assert!(at(&cell).is_some(), "{name} has no validation"),
        }
    }
}

// --- File names ---------------------------------------------------------------

fn named(namn: &str) -> Prefill {
    Prefill { insats_namn: namn.into(), ..knivsta() }
}

#[test]
fn file_name_is_quarter_and_insats_name_with_swedish_letters_kept() {
    assert_eq!(file_name(&knivsta()), "2018-K2 Knivsta, En väg in – flera vägar ut.xlsx");
    assert_eq!(file_name(&named("Åre, Älvdalen och Öland")), "2018-K2 Åre, Älvdalen och Öland.xlsx");
}

#[test]
fn file_name_replaces_what_windows_forbids() {
    let name = file_name(&named("A/B\\C:D*E?F\"G<H>I|J"));
    assert_eq!(name, "2018-K2 A-B-C-D E F G H I-J.xlsx");
    assert_eq!(file_name(&named("  Tab\tnu   och\nrad ... ")), "2018-K2 Tab nu och rad.xlsx");
    for forbidden in ['/', '\\', ':', '*', '?', '"', '<', '>', '|'] {
        assert!(!file_name(&named(&format!("x{forbidden}y"))).contains(forbidden));
    }
}

#[test]
fn file_name_is_never_a_windows_device_name() {
    for device in ["CON", "nul", "COM1", "LPT9"] {
        let name = file_name(&named(device));
        let base = name.split('.').next().unwrap().to_uppercase();
        assert_ne!(base, device.to_uppercase(), "{name}");
    }
}

#[test]
fn long_names_are_cut_but_keep_their_extension() {
    let name = file_name(&named(&"Långt namn på insatsen ".repeat(20)));
    assert!(name.chars().count() <= MAX_FILE_NAME_CHARS, "{name}");
    assert!(name.ends_with("insatsen.xlsx") || name.ends_with(".xlsx"));
    assert!(!name.trim_end_matches(".xlsx").ends_with(' '));
}

// --- Prefills from the register and writing a folder -------------------------

fn insats(id: &str, namn: &str, start: NaiveDate, slut: NaiveDate, rad: u32) -> Insats {
    Insats {
        id: id.into(),
        namn: namn.into(),
        kortnamn: namn.into(),
        omrade: "Knivsta".into(),
        insatsagare: "Knivsta kommun".into(),
        parter: vec![Part::Kommun, Part::Arbetsformedlingen],
        inriktning: Inriktning::Individ,
        karaktar: None,
        start,
        slut,
        beviljat_belopp: Decimal::from(5_900_000),
        budget_per_ar: Some(Decimal::from(1_475_000)),
        forvantat_antal_deltagare: Some(100),
        malgrupp_alder_fran: None,
        malgrupp_alder_till: None,
        styrgruppsmoten_per_ar: 4,
        rad,
    }
}

/// Three insatser: one running through 2018, one ended in 2017 but extended
/// into 2018 by a decision, one starting in 2019.
fn register() -> Register {
    let mal = |nr, text: &str| Mal { nr, typ: MalTyp::Effektmal, text: text.into() };
    Register {
        insatser: vec![
            insats("2017:48", "Knivsta, En väg in – flera vägar ut", date(2018, 1, 1), date(2021, 12, 31), 2),
            insats("2016:12", "Tierp: Steget/vidare", date(2016, 1, 1), date(2017, 12, 31), 3),
            insats("2018:90", "Enköping framåt", date(2019, 1, 1), date(2020, 12, 31), 4),
        ],
        beslut: vec![Beslut {
            id: "2016:12".into(),
            datum: date(2017, 11, 20),
            typ: BeslutTyp::Forlangning,
            belopp: None,
            ny_slutdag: Some(date(2018, 6, 30)),
            kommentar: None,
        }],
        mal: [("2017:48".to_string(), vec![mal(1, "Första målet"), mal(2, "Andra målet")])].into(),
        ..Register::default()
    }
}

#[test]
fn prefills_are_the_insatser_active_in_the_quarter_in_register_order() {
    let all = prefills(&register(), k2());
    let ids: Vec<&str> = all.iter().map(|p| p.insats_id.as_str()).collect();
    assert_eq!(ids, ["2017:48", "2016:12"], "the extension counts, 2019's insats does not");
    assert_eq!(all[0].budget_kr, Some(Decimal::new(36_875_000, 2)));
    assert_eq!(all[0].goals, ["Första målet", "Andra målet"]);
    assert!(all[1].goals.is_empty());
    assert_eq!(all[1].kvartal, k2());
}

#[test]
fn write_prefilled_writes_one_file_per_active_insats() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("mallar 2018-K2");
    let written = write_prefilled(&register(), k2(), &folder).unwrap();
    let names: Vec<String> =
        written.written.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(
        names,
        ["2018-K2 Knivsta, En väg in – flera vägar ut.xlsx", "2018-K2 Tierp- Steget-vidare.xlsx"]
    );
    assert!(written.skipped.is_empty());
    let book = ReportBook::open(&written.written[1]);
    assert_eq!(book.value("insats_id"), text("2016:12"));
    let entries = std::fs::read_dir(&folder).unwrap().count();
    assert_eq!(entries, 2, "no temporary file is left behind");
}

#[test]
fn write_prefilled_skips_existing_files_and_leaves_them_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let returned = dir.path().join("2018-K2 Knivsta, En väg in – flera vägar ut.xlsx");
    std::fs::write(&returned, b"a filled-in report").unwrap();
    let written = write_prefilled(&register(), k2(), dir.path()).unwrap();
    assert_eq!(written.skipped, std::slice::from_ref(&returned));
    assert_eq!(written.written.len(), 1);
    assert_eq!(std::fs::read(&returned).unwrap(), b"a filled-in report");
    let again = write_prefilled(&register(), k2(), dir.path()).unwrap();
    assert!(again.written.is_empty());
    assert_eq!(again.skipped.len(), 2);
}

#[test]
fn insatser_with_the_same_name_get_a_file_each() {
    let mut register = register();
    register.insatser[1].namn = register.insatser[0].namn.clone();
    let dir = tempfile::tempdir().unwrap();
    let written = write_prefilled(&register, k2(), dir.path()).unwrap();
    assert_eq!(written.written.len(), 2);
    let second = written.written[1].file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(second, "2018-K2 Knivsta, En väg in – flera vägar ut (2016-12).xlsx");
}

// --- Sections by inriktning ----------------------------------------------------

/// Knivsta's report as if it were a structural insats without expected participants.
fn structural() -> Prefill {
    Prefill { inriktning: Inriktning::Struktur, forvantat_antal_deltagare: None, ..knivsta() }
}

fn in_participant_section(field: &contract::Field) -> bool {
    field.section.answered_by() == AnsweredBy::WithParticipants
}

/// Every text in column A of the report sheet, top to bottom.
fn column_a(book: &ReportBook) -> Vec<String> {
    (0..300)
        .filter_map(|row| match book.at(SHEET, Position::new(row, 0)) {
            Data::String(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// The label written beside `name`'s cell.
fn label_of(book: &ReportBook, name: &str) -> Data {
    let area = book.area(name);
    book.at(SHEET, Position::new(area.first.row, 0))
}

#[test]
fn a_structural_insats_gets_closed_grey_participant_cells_without_drop_downs() {
    let bytes = write_report(Some(&structural()), &Answers::new()).unwrap();
    let book = umya_sheet(&bytes);
    let sheet = book.sheet_by_name(SHEET).unwrap();
    let locked = |p: Position| sheet.style(a1(p)).protection().is_none_or(|protection| protection.locked());
    let fill = |name: &str| {
        let area = field_cells().into_iter().find(|(n, _)| *n == name).unwrap().1;
        sheet.style(a1(area.first)).background_color().map(|c| c.argb_str())
    };
    let validations = sheet.data_validations().map(|v| v.data_validation_list().to_vec()).unwrap_or_default();
    let validated = |cell: &str| {
        validations.iter().any(|v| v.sequence_of_references().get_sqref().split(' ').any(|r| r == cell))
    };
    let participant_fields: Vec<_> = field_cells()
        .into_iter()
        .filter(|(name, _)| in_participant_section(contract::field(name).unwrap()))
        .collect();
    assert_eq!(participant_fields.len(), 24, "the Deltagare and Avslut sections");
    for (name, area) in &participant_fields {
        assert!(locked(area.first), "{name} is closed");
        assert!(!validated(&a1(area.first)), "{name} offers no input message or check");
        assert_eq!(fill(name), fill("budget_kr"), "{name} is grey like kansliet's cells");
    }
    assert_ne!(fill("utfall_kr"), fill("budget_kr"), "input cells are yellow, not grey");
    assert!(!locked(field_cells().into_iter().find(|(n, _)| *n == "utfall_kr").unwrap().1.first));
}

#[test]
fn a_structural_insats_is_told_the_participant_sections_are_filled_in_only_with_participants() {
    let book = ReportBook::from_bytes(&write_report(Some(&structural()), &Answers::new()).unwrap());
    let texts = column_a(&book);
    for section in [Section::Deltagare, Section::Avslut] {
        let expected = format!(
            "{}\nFylls i bara om insatsen har deltagare. Den här insatsen har inriktning struktur och ska \
             enligt registret inte ha några deltagare, så rutorna är stängda. Har insatsen fått deltagare, \
             kontakta kansliet.",
            section.intro()
        );
        assert!(texts.contains(&expected), "{section:?}: {texts:#?}");
    }
    for field in FIELDS.iter().filter(|f| in_participant_section(f)) {
        assert_eq!(label_of(&book, field.name), text(field.label), "{} has no star", field.name);
    }
}

#[test]
fn a_structural_insats_with_expected_participants_answers_the_participant_sections() {
    let prefill = Prefill { forvantat_antal_deltagare: Some(30), ..structural() };
    let book = ReportBook::from_bytes(&write_report(Some(&prefill), &Answers::new()).unwrap());
    for field in
        FIELDS.iter().filter(|f| in_participant_section(f) && f.gender != Some(contract::Gender::Man))
    {
        assert_eq!(label_of(&book, field.name), text(&format!("{}\u{a0}*", field.label)), "{}", field.name);
    }
}

#[test]
fn an_individual_insats_has_its_participant_questions_marked_required_and_open() {
    let bytes = write_report(Some(&knivsta()), &Answers::new()).unwrap();
    let book = ReportBook::from_bytes(&bytes);
    for field in
        FIELDS.iter().filter(|f| in_participant_section(f) && f.gender != Some(contract::Gender::Man))
    {
        assert_eq!(label_of(&book, field.name), text(&format!("{}\u{a0}*", field.label)), "{}", field.name);
    }
    let texts = column_a(&book);
    for section in [Section::Deltagare, Section::Avslut] {
        let expected = format!(
            "{}\nObligatoriskt för den här insatsen, som har inriktning individ och enligt registret har \
             deltagare: fyll i varje ruta, och skriv 0 där antalet är noll.",
            section.intro()
        );
        assert!(texts.contains(&expected), "{section:?}: {texts:#?}");
    }
    assert!(
        texts.contains(&Section::Budget.intro().to_string()),
        "sections for every insats say nothing more"
    );
}

#[test]
fn the_blank_template_says_per_section_which_insatser_it_applies_to() {
    let book = ReportBook::from_bytes(&blank_template().unwrap());
    let texts = column_a(&book);
    for section in Section::ALL {
        let expected = format!("{}\n{}", section.intro(), section.applies_to());
        assert!(texts.contains(&expected), "{section:?}: {texts:#?}");
    }
    assert!(Section::Deltagare.applies_to().contains("individinriktade insatser"));
    assert!(Section::Budget.applies_to().contains("alla insatser"));
    for field in
        FIELDS.iter().filter(|f| in_participant_section(f) && f.gender != Some(contract::Gender::Man))
    {
        assert_eq!(label_of(&book, field.name), text(field.label), "required only of some insatser: no star");
    }
}

#[test]
fn prefills_carry_the_inriktning_and_expected_participants_of_the_register() {
    let mut register = register();
    register.insatser[1].inriktning = Inriktning::Struktur;
    register.insatser[1].forvantat_antal_deltagare = None;
    let prefills = prefills(&register, k2());
    let expects: Vec<(Inriktning, bool)> =
        prefills.iter().map(|p| (p.inriktning, p.expects_participants())).collect();
    assert_eq!(expects, [(Inriktning::Individ, true), (Inriktning::Struktur, false)]);
    for prefill in &prefills {
        let insats = register.insats(&prefill.insats_id).unwrap();
        assert_eq!(prefill.forvantat_antal_deltagare, insats.forvantat_antal_deltagare);
        assert_eq!(prefill.expects_participants(), insats.expects_participants());
    }
}
