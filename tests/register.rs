//! Reading `register.xlsx`: registers built in code, written to a temporary
//! folder and read back through `read_register`.

mod common;

use chrono::NaiveDate;
use common::register_book::{Cell, INSATSER, INSTALLNINGAR, RegisterBook, date, good_insatser, row};
use rust_decimal::Decimal;
use std::str::FromStr;
use uppfoljning::finding::{Code, Finding};
use uppfoljning::period::{Kvartal, Period};
use uppfoljning::register::{
    Bedomning, Beslut, BeslutTyp, Inriktning, Insats, Installningar, Karaktar, Mal, MalTyp, Omrade, Part,
    Register, SETTINGS, Status, read_register,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn kr(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn quarter(text: &str) -> Kvartal {
    match Period::parse(text).unwrap() {
        Period::Kvartal(q) => q,
        other => panic!("{other} is not a quarter"),
    }
}

fn read(book: &RegisterBook) -> (Register, Vec<Finding>) {
    let dir = tempfile::tempdir().unwrap();
    let path = book.write(dir.path());
    read_register(&path).unwrap()
}

fn read_clean(book: &RegisterBook) -> Register {
    let (register, findings) = read(book);
    assert_eq!(findings, vec![], "a clean register has no findings");
    register
}

/// Reads `book`, asserts it gives exactly one finding, and returns both.
fn read_one_finding(book: &RegisterBook) -> (Register, Finding) {
    let (register, mut findings) = read(book);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let finding = findings.remove(0);
    assert_eq!(finding.file, "register.xlsx");
    (register, finding)
}

/// The finding's code, sheet, cell, column and message.
fn assert_finding(
    finding: &Finding,
    code: Code,
    sheet: &str,
    cell: &str,
    field: Option<&str>,
    message: &str,
) {
    assert_eq!(finding.code, code, "{finding:#?}");
    assert_eq!(finding.sheet.as_deref(), Some(sheet), "{finding:#?}");
    assert_eq!(finding.cell.as_deref(), Some(cell), "{finding:#?}");
    assert_eq!(finding.field.as_deref(), field, "{finding:#?}");
    assert_eq!(finding.message, message);
}

fn ids(register: &Register) -> Vec<&str> {
    register.insatser.iter().map(|i| i.id.as_str()).collect()
}

fn knivsta() -> Insats {
    Insats {
        id: "2017:48".into(),
        namn: "Knivsta, En väg in – flera vägar ut".into(),
        kortnamn: "Knivsta".into(),
        omrade: "Knivsta".into(),
        insatsagare: "Knivsta kommun".into(),
        parter: vec![Part::Kommun, Part::Arbetsformedlingen, Part::Forsakringskassan, Part::Region],
        inriktning: Inriktning::Individ,
        karaktar: Some(Karaktar::ArbeteOchStudier),
        start: day(2018, 1, 1),
        slut: day(2021, 12, 31),
        beviljat_belopp: kr("5900000"),
        budget_per_ar: Some(kr("1475000")),
        forvantat_antal_deltagare: Some(150),
        malgrupp_alder_fran: Some(18),
        malgrupp_alder_till: Some(64),
        styrgruppsmoten_per_ar: 6,
        rad: 2,
    }
}

// A good register.

#[test]
fn a_good_register_reads_every_sheet_into_typed_values() {
    let register = read_clean(&RegisterBook::good());

    assert_eq!(ids(&register), ["2017:48", "2018:12", "2018:20"]);
    assert_eq!(register.insatser[0], knivsta());
    let kompetens = &register.insatser[1];
    assert_eq!(
        kompetens.kortnamn, "Länsövergripande kompetenslyft i psykisk hälsa",
        "Kortnamn defaults to Namn"
    );
    assert_eq!(kompetens.inriktning, Inriktning::Kompetens);
    assert_eq!(kompetens.karaktar, None);
    assert_eq!(kompetens.slut, day(2019, 6, 30), "a date written as text");
    assert_eq!(kompetens.beviljat_belopp, kr("400000"));
    assert_eq!(kompetens.budget_per_ar, None);
    assert_eq!(kompetens.styrgruppsmoten_per_ar, 4, "the policy's default");
    assert_eq!(kompetens.rad, 3);
    let struktur = &register.insatser[2];
    assert_eq!(struktur.inriktning, Inriktning::Struktur, "choices in any case");
    assert_eq!(struktur.parter, [Part::Kommun, Part::Forsakringskassan], "FK and a semicolon");

    assert_eq!(register.budgetar.len(), 2);
    assert_eq!(register.budgetar[&("2017:48".to_string(), quarter("2018-K2"))], kr("350000"));

    let beslut: Vec<(&str, NaiveDate, BeslutTyp)> =
        register.beslut.iter().map(|b| (b.id.as_str(), b.datum, b.typ)).collect();
    assert_eq!(
        beslut,
        [
            ("2018:20", day(2019, 1, 10), BeslutTyp::Justering),
            ("2018:12", day(2019, 5, 15), BeslutTyp::Forlangning),
            ("2017:48", day(2020, 6, 30), BeslutTyp::Tillagg),
        ],
        "sorted by date"
    );
    assert_eq!(
        register.beslut[2],
        Beslut {
            id: "2017:48".into(),
            datum: day(2020, 6, 30),
            typ: BeslutTyp::Tillagg,
            belopp: Some(kr("67500")),
            ny_slutdag: None,
            kommentar: Some("Delegationsbeslut: Arbetsförmedlingens medverkan".into()),
        }
    );
    assert_eq!(register.beslut[1].ny_slutdag, Some(day(2019, 12, 31)));

    assert_eq!(
        register.goals("2017:48"),
        [
            Mal { nr: 1, typ: MalTyp::Effektmal, text: "Fler unga i arbete eller studier".into() },
            Mal { nr: 2, typ: MalTyp::Insatsmal, text: "50 deltagare per år".into() },
        ],
        "sorted by Nr"
    );
    assert_eq!(register.goals("2018:12").len(), 1);
    assert_eq!(register.goals("2018:20"), []);

    assert_eq!(
        register.bedomningar,
        [Bedomning {
            id: "2017:48".into(),
            period: Period::parse("2018-K2").unwrap(),
            omrade: Omrade::Budget,
            status: Status::Gul,
            motivering: "Sen start på grund av rekrytering".into(),
        }]
    );

    assert_eq!(register.installningar.mal_andel_arbete_studier, kr("0.40"));
    assert_eq!(
        Installningar { mal_andel_arbete_studier: kr("0.40"), ..Installningar::default() },
        register.installningar
    );
}

#[test]
fn columns_in_another_order_with_other_spellings_and_an_extra_column_read_the_same() {
    let reversed: Vec<usize> = (0..INSATSER.len()).rev().collect();
    let headers: Vec<&str> = reversed
        .iter()
        .map(|&i| match INSATSER[i] {
            "Område" => "omrade",
            "Beviljat belopp" => "  BEVILJAT   belopp ",
            other => other,
        })
        .chain(["Handläggare"])
        .collect();
    let rows: Vec<Vec<Cell>> = good_insatser()
        .into_iter()
        .map(|mut r| {
            r.resize(INSATSER.len(), Cell::Empty);
            reversed.iter().map(|&i| r[i].clone()).chain([Cell::from("Anna")]).collect()
        })
        .collect();
    let book = RegisterBook::good()
        .sheet("insatser ", &headers, rows)
        .without("Mål")
        .sheet("Mal", &["Mål", "Typ", "Nr", "Id"], vec![row!["Målet", "Effektmål", 1, "2018:20"]])
        .without("Bedömningar")
        .sheet(
            "Bedomningar",
            &["Motivering", "Status", "Område", "Period", "Id"],
            vec![row!["Bra", "Grön", "Helhet", "2018-H1", "2018:20"]],
        )
        .without("Inställningar")
        .sheet("INSTALLNINGAR", &["Varde", "Installning"], vec![row!["55 %", "Budget ok fran"]]);

    let register = read_clean(&book);
    let expected = read_clean(&RegisterBook::good()).insatser;
    assert_eq!(register.insatser, expected);
    assert_eq!(register.goals("2018:20")[0].text, "Målet");
    assert_eq!(register.bedomningar[0].period, Period::Halvar { ar: 2018, halvar: 1 });
    assert_eq!(register.installningar.budget_ok_fran, kr("0.55"));
}

#[test]
fn blank_rows_and_rows_with_only_kansliets_own_columns_are_skipped_silently() {
    let mut extra = good_insatser()[2].clone();
    extra[0] = Cell::from("2019:1");
    let book = RegisterBook::good()
        .add_row("Insatser", row!["", "", "  "])
        .add_row("Insatser", extra)
        .cell_at("Insatser", 6, 20, "en anteckning utanför registrets kolumner")
        .add_row("Budget", vec![]);
    let register = read_clean(&book);
    assert_eq!(ids(&register), ["2017:48", "2018:12", "2018:20", "2019:1"]);
    assert_eq!(register.insatser[3].rad, 6);
}

#[test]
fn optional_sheets_may_be_absent() {
    let book = RegisterBook::new().sheet("Insatser", INSATSER, good_insatser());
    let register = read_clean(&book);
    assert_eq!(register.insatser.len(), 3);
    assert!(register.beslut.is_empty() && register.budgetar.is_empty() && register.bedomningar.is_empty());
    assert_eq!(register.installningar, Installningar::default());
}

// One test per finding code.

#[test]
fn a_duplicate_id_names_the_first_row_and_the_copy_is_left_out() {
    let book = RegisterBook::good().add_row("Insatser", good_insatser()[0].clone());
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterIdDubblett,
        "Insatser",
        "A5",
        Some("Id"),
        "Id \"2017:48\" finns redan på rad 2. Varje insats ska ha ett eget Id.",
    );
    assert_eq!(finding.insats_id.as_deref(), Some("2017:48"));
    assert_eq!(ids(&register), ["2017:48", "2018:12", "2018:20"]);
    assert_eq!(register.insatser[0].rad, 2);
}

#[test]
fn an_unknown_inriktning_lists_the_allowed_values_and_the_row_is_left_out() {
    let book = RegisterBook::good().set("Insatser", 3, "Inriktning", "Individuell");
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeOgiltigt,
        "Insatser",
        "G3",
        Some("Inriktning"),
        "\"Individuell\" är inte ett tillåtet värde. Välj Individ, Struktur eller Kompetens.",
    );
    assert_eq!(finding.insats_id.as_deref(), Some("2018:12"));
    assert_eq!(ids(&register), ["2017:48", "2018:20"]);
}

#[test]
fn an_unknown_karaktar_lists_the_allowed_values() {
    let book = RegisterBook::good().set("Insatser", 2, "Karaktär", "Arbete");
    let (_, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeOgiltigt,
        "Insatser",
        "H2",
        Some("Karaktär"),
        "\"Arbete\" är inte ett tillåtet värde. Välj Förrehabiliterande eller Arbete och studier.",
    );
}

#[test]
fn an_unknown_partner_is_quoted_with_the_known_partners() {
    let book = RegisterBook::good().set("Insatser", 3, "Parter", "Region, Migrationsverket");
    let (_, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeOgiltigt,
        "Insatser",
        "F3",
        Some("Parter"),
        "\"Migrationsverket\" är ingen part. Skriv en eller flera av Kommun, Arbetsförmedlingen, \
         Försäkringskassan och Region, med kommatecken emellan.",
    );
}

#[test]
fn an_amount_that_is_not_one_is_quoted() {
    let book = RegisterBook::good().set("Insatser", 3, "Beviljat belopp", "femtio");
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeOgiltigt,
        "Insatser",
        "K3",
        Some("Beviljat belopp"),
        "\"femtio\" är inte ett belopp. Skriv beloppet i kronor, t.ex. 125 000.",
    );
    assert_eq!(ids(&register), ["2017:48", "2018:20"]);
}

#[test]
fn a_date_that_is_not_one_is_quoted() {
    let book = RegisterBook::good().set("Insatser", 4, "Start", "1 april 2018");
    let (_, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeOgiltigt,
        "Insatser",
        "I4",
        Some("Start"),
        "\"1 april 2018\" är inte ett datum. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2018-04-10.",
    );
}

#[test]
fn a_sheet_named_almost_as_a_missing_optional_sheet_is_said_and_other_sheets_are_left_alone() {
    let book = RegisterBook::good()
        .without("Budget")
        .sheet("Budget 2018", &["Id", "År", "Kvartal", "Budget"], vec![row!["2017:48", 2018, 1, 300_000]])
        .sheet("Anteckningar", &["Vad"], vec![row!["kansliets egna"]])
        .sheet("Mallar", &["Vad"], vec![row!["kansliets egna"]]);
    let (register, finding) = read_one_finding(&book);
    assert_eq!((finding.code, finding.sheet.as_deref()), (Code::RegisterBladNamn, Some("Budget 2018")));
    assert_eq!(
        finding.message,
        "Bladet \"Budget 2018\" läses inte, eftersom registrets blad heter Budget. Är det bladet Budget, byt namn \
         på det till Budget; till dess räknas registret som om bladet Budget saknades."
    );
    assert!(register.budgetar.is_empty());
    // With the sheet there, a near name is kansliet's own.
    let book = RegisterBook::good().sheet("Budget gamla", &["Vad"], vec![row!["x"]]);
    let (_, findings) = read(&book);
    assert_eq!(findings, []);
}

#[test]
fn a_year_alone_typed_as_a_date_is_no_date_of_an_insats() {
    // 2018 in a date cell is 1905-07-10 to Excel.
    let book =
        RegisterBook::good().set("Insatser", 4, "Start", 2018).set("Insatser", 4, "Slut", date(2201, 12, 31));
    let (register, findings) = read(&book);
    let messages = cells_and_messages(&findings);
    assert_eq!(
        messages,
        [
            (
                Some("I4"),
                "1905-07-10 är inget rimligt datum i registret. Skriv hela datumet, t.ex. 2018-01-01: ett tal som \
                 2018 läser Excel som en dag år 1905."
            ),
            (
                Some("J4"),
                "2201-12-31 är inget rimligt datum i registret. Skriv hela datumet, t.ex. 2018-01-01: ett tal som \
                 2018 läser Excel som en dag år 1905."
            ),
        ]
    );
    assert!(register.utelamnad("2018:20"));
}

#[test]
fn an_id_that_excel_kept_as_a_number_is_named_as_typed_and_its_row_is_left_out() {
    let book =
        RegisterBook::new().sheet("Insatser", INSATSER, good_insatser()).set("Insatser", 2, "Id", 2017.48);
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeOgiltigt,
        "Insatser",
        "A2",
        Some("Id"),
        "Id har blivit talet 2017,48 i Excel. Formatera kolumnen Id som text och skriv Id med kolon, t.ex. 2017:48.",
    );
    assert!(register.utelamnad("2017:48"), "its reports are the register's to correct, not unknown");
}

#[test]
fn an_id_that_excel_turned_into_a_date_is_reported() {
    // Without the other sheets, whose rows for 2018:12 would name an Id
    // that Insatser no longer has.
    let book = RegisterBook::new().sheet("Insatser", INSATSER, good_insatser()).set(
        "Insatser",
        3,
        "Id",
        date(1900, 3, 24),
    );
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeOgiltigt,
        "Insatser",
        "A3",
        Some("Id"),
        "Id har blivit ett datum i Excel. Formatera kolumnen Id som text och skriv Id på nytt, t.ex. 2017:48.",
    );
    assert_eq!(ids(&register), ["2017:48", "2018:20"]);
}

#[test]
fn an_id_that_excel_turned_into_a_time_is_named_as_typed_and_its_row_is_left_out_not_unknown() {
    // 2018:12 typed into a cell Excel formats as a time: 2018 h 12 min.
    let time = Cell::Time((2018.0 * 60.0 + 12.0) / 1440.0);
    let book =
        RegisterBook::new().sheet("Insatser", INSATSER, good_insatser()).set("Insatser", 3, "Id", time);
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeOgiltigt,
        "Insatser",
        "A3",
        Some("Id"),
        "Id har blivit en tid i Excel (den visas som 2018:12). Formatera kolumnen Id som text och skriv Id på nytt, \
         t.ex. 2018:12.",
    );
    assert_eq!(finding.insats_id.as_deref(), Some("2018:12"), "the finding names its insats");
    assert_eq!(ids(&register), ["2017:48", "2018:20"]);
    assert!(register.utelamnad("2018:12") && register.utelamnad(" 2018:12 "));
    assert!(!register.utelamnad("2017:48") && !register.utelamnad("2099:1"));
}

#[test]
fn a_row_left_out_for_a_problem_is_known_as_left_out() {
    let book = RegisterBook::good().set("Insatser", 3, "Slut", date(2018, 6, 30));
    let (register, _) = read(&book);
    assert_eq!(register.utelamnade.iter().map(String::as_str).collect::<Vec<_>>(), ["2018:12"]);
}

#[test]
fn target_ages_in_the_wrong_order_are_reported() {
    let book = RegisterBook::good().set("Insatser", 2, "Målgrupp ålder till", 16);
    let (_, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeOgiltigt,
        "Insatser",
        "O2",
        Some("Målgrupp ålder till"),
        "Målgrupp ålder till (16) är lägre än Målgrupp ålder från (18). Rätta åldrarna i målgruppen.",
    );
}

#[test]
fn a_missing_required_value_is_reported_and_the_row_left_out() {
    let book = RegisterBook::good().set("Insatser", 3, "Namn", "");
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeSaknas,
        "Insatser",
        "B3",
        Some("Namn"),
        "Namn saknas. Skriv insatsens fullständiga namn som i ansökan.",
    );
    assert_eq!(ids(&register), ["2017:48", "2018:20"]);
}

#[test]
fn an_individ_insats_needs_karaktar_and_expected_participants() {
    let book = RegisterBook::good().set("Insatser", 2, "Karaktär", "").set(
        "Insatser",
        2,
        "Förväntat antal deltagare",
        "",
    );
    let (register, findings) = read(&book);
    assert_eq!(findings.len(), 2, "{findings:#?}");
    assert_finding(
        &findings[0],
        Code::RegisterVardeSaknas,
        "Insatser",
        "H2",
        Some("Karaktär"),
        "Karaktär saknas. En individinriktad insats ska ha karaktären Förrehabiliterande eller Arbete och studier.",
    );
    assert_finding(
        &findings[1],
        Code::RegisterVardeSaknas,
        "Insatser",
        "M2",
        Some("Förväntat antal deltagare"),
        "Förväntat antal deltagare saknas. En individinriktad insats ska ange hur många deltagare \
         den väntas ta emot under hela perioden, t.ex. 150.",
    );
    assert_eq!(ids(&register), ["2018:12", "2018:20"]);
}

#[test]
fn an_individ_insats_in_a_register_without_the_karaktar_column_points_at_its_inriktning() {
    let book = RegisterBook::good().drop_column("Insatser", "Karaktär");
    let (_, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeSaknas,
        "Insatser",
        "G2",
        Some("Karaktär"),
        "Karaktär saknas: bladet har ingen kolumn Karaktär. En individinriktad insats ska ha \
         karaktären Förrehabiliterande eller Arbete och studier. Lägg till kolumnen Karaktär i rad 1 och fyll i den.",
    );
}

#[test]
fn a_personal_identity_number_in_the_register_is_masked_when_read_and_asked_to_be_removed() {
    // A mistyped check digit is still someone's number.
    let book =
        RegisterBook::good().set("Insatser", 2, "Namn", "Knivsta, En väg in (deltagare 19850101-1234)");
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::PersonnummerIFritext,
        "Insatser",
        "B2",
        None,
        "Cellen innehöll ett personnummer. Det är borttaget i allt verktyget skriver, men personuppgifter hör inte \
         hemma i registret: ta bort det.",
    );
    let namn = &register.insats("2017:48").unwrap().namn;
    assert_eq!(namn, "Knivsta, En väg in (deltagare [personnummer borttaget])");
    assert!(!format!("{register:?}").contains("1234"), "nothing of the number is kept");
}

#[test]
fn slut_before_start_is_reported_at_slut() {
    let book = RegisterBook::good().set("Insatser", 3, "Slut", date(2018, 6, 30));
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterSlutForeStart,
        "Insatser",
        "J3",
        Some("Slut"),
        "Slut (2018-06-30) är före Start (2018-07-01). Rätta datumen så att insatsen slutar efter att den börjar.",
    );
    assert_eq!(ids(&register), ["2017:48", "2018:20"]);
}

#[test]
fn a_row_naming_an_id_not_in_insatser_is_reported_and_left_out() {
    let book = RegisterBook::good().add_row("Budget", row!["2099:1", 2018, 3, 1_000]);
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterOkantId,
        "Budget",
        "A4",
        Some("Id"),
        "Id \"2099:1\" finns inte i bladet Insatser. Rätta Id, eller lägg till insatsen i bladet Insatser.",
    );
    assert_eq!(finding.insats_id.as_deref(), Some("2099:1"));
    assert_eq!(register.budgetar.len(), 2);
}

#[test]
fn a_row_of_an_insats_with_a_broken_row_is_not_an_unknown_id() {
    let book = RegisterBook::good().set("Insatser", 2, "Beviljat belopp", "mycket");
    let (register, finding) = read_one_finding(&book);
    assert_eq!(finding.code, Code::RegisterVardeOgiltigt);
    assert_eq!(register.goals("2017:48").len(), 2);
}

#[test]
fn a_quarter_budgeted_twice_names_the_first_row() {
    let book = RegisterBook::good().add_row("Budget", row!["2017:48", 2018, 2, 1]);
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterDubblettRad,
        "Budget",
        "C4",
        Some("Kvartal"),
        "Budgeten för 2017:48 2018-K2 finns redan på rad 3. Ta bort en av raderna, eller lägg ihop beloppen på en rad.",
    );
    assert_eq!(register.quarter_budget("2017:48", quarter("2018-K2")), Some(kr("350000")));
}

#[test]
fn a_quarter_outside_one_to_four_is_reported() {
    let book = RegisterBook::good().add_row("Budget", row!["2017:48", 2018, 5, 1]);
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeOgiltigt,
        "Budget",
        "C4",
        Some("Kvartal"),
        "Kvartal 5 finns inte. Skriv kvartalets nummer, 1–4.",
    );
    // The row meant some quarter: those without a row of their own have no
    // known budget, rather than none; those with one keep it.
    let q = |k| Kvartal::new(2018, k).unwrap();
    assert_eq!(register.quarter_budget("2017:48", q(1)), Some(kr("300000")));
    assert!(!register.budget_unknown("2017:48", q(1)));
    assert!(register.budget_unknown("2017:48", q(3)));
    assert_eq!(register.quarter_budget("2017:48", q(3)), None);
}

#[test]
fn a_goal_numbered_twice_and_a_judgement_given_twice_are_reported() {
    let book = RegisterBook::good()
        .add_row("Mål", row!["2017:48", 1, "Insatsmål", "Ett till"])
        .add_row("Bedömningar", row!["2017:48", "2018-k2", "budget", "Röd", "Ändrad"]);
    let (_, findings) = read(&book);
    assert_eq!(findings.len(), 2, "{findings:#?}");
    assert_finding(
        &findings[0],
        Code::RegisterDubblettRad,
        "Mål",
        "B5",
        Some("Nr"),
        "Mål nr 1 för 2017:48 finns redan på rad 3. Ge varje mål för insatsen ett eget nummer.",
    );
    assert_finding(
        &findings[1],
        Code::RegisterDubblettRad,
        "Bedömningar",
        "C3",
        Some("Område"),
        "En bedömning av Budget för 2017:48 2018-K2 finns redan på rad 2. Ta bort en av raderna.",
    );
}

/// Each finding's cell and message, in order.
fn cells_and_messages(findings: &[Finding]) -> Vec<(Option<&str>, &str)> {
    findings.iter().map(|f| (f.cell.as_deref(), f.message.as_str())).collect()
}

/// The register with `rows` on a sheet `Inställningar` of its own.
fn with_settings(rows: Vec<Vec<Cell>>) -> RegisterBook {
    RegisterBook::good().without("Inställningar").sheet("Inställningar", INSTALLNINGAR, rows)
}

#[test]
fn budget_limits_out_of_order_are_one_finding_and_their_defaults_are_used() {
    let book = with_settings(vec![row!["Budget ok från", "160 %"]]);
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeOgiltigt,
        "Inställningar",
        "B2",
        Some("Värde"),
        "Budgetgränserna går inte ihop: Budget ok från (160 %) är högre än Budget ok till (100 %). De ska vara i \
         ordningen Budget behov av åtgärd under ≤ Budget ok från ≤ Budget ok till ≤ Budget behov av åtgärd över. \
         Standardvärdena (50 %, 60 %, 100 %, 120 %) används tills de är rättade.",
    );
    assert_eq!(register.installningar.budget_ok_fran, kr("0.6"));
}

#[test]
fn participant_limits_out_of_order_and_a_distribution_off_100_percent_are_findings() {
    let book = with_settings(vec![
        row!["Deltagare röd under", "90 %"],
        row!["Fördelning individ", "70 %"],
        row!["Fördelning struktur", "50 %"],
    ]);
    let (register, findings) = read(&book);
    let seen = cells_and_messages(&findings);
    assert_eq!(
        seen,
        [
            (
                Some("B2"),
                "Deltagare röd under (90 %) är högre än Deltagare grön från (80 %), så en takt kunde vara både röd \
                 och grön. Standardvärdena (50 % och 80 %) används tills de är rättade."
            ),
            (
                Some("B3"),
                "Fördelningens mål summerar till 130 %, inte 100 %. Standardvärdena (60 %, 30 % och 10 %) används \
                 tills de är rättade."
            ),
        ]
    );
    let s = &register.installningar;
    assert_eq!(
        (s.deltagare_rod_under, s.fordelning_individ, s.fordelning_struktur),
        (kr("0.5"), kr("0.6"), kr("0.3"))
    );
}

#[test]
fn a_setting_given_twice_names_the_first_row_and_the_first_counts() {
    let book =
        RegisterBook::good().add_row("Inställningar", row!["mal andel till arbete eller studier", "50 %"]);
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterDubblettRad,
        "Inställningar",
        "A3",
        Some("Inställning"),
        "Inställningen \"Mål andel till arbete eller studier\" finns redan på rad 2. Ta bort en av raderna.",
    );
    assert_eq!(register.installningar.mal_andel_arbete_studier, kr("0.4"));
}

#[test]
fn an_unknown_setting_lists_the_known_names() {
    let book = RegisterBook::good().add_row("Inställningar", row!["Budget okej", "70 %"]);
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterOkandInstallning,
        "Inställningar",
        "A3",
        Some("Inställning"),
        "Inställningen \"Budget okej\" finns inte. Skriv en av: Budget ok från, Budget ok till, \
         Budget behov av åtgärd under, Budget behov av åtgärd över, Deltagare grön från, \
         Deltagare röd under, Månader innan deltagartakt bedöms, Mål andel till arbete eller studier, \
         Fördelning individ, Fördelning struktur, Fördelning kompetens, Styrgruppsmöten per år, \
         Följ upp efter antal kvartal i rad, Följ upp utfall under, Följ upp takt över antal kvartal, \
         Avsändare, Avsändarens e-post, Svara till, Signatur, Dagar att rapportera efter kvartalet, \
         Kvittens vid godkänd rapport.",
    );
    assert_eq!(register.installningar.budget_ok_fran, kr("0.60"));
}

#[test]
fn a_setting_value_that_is_not_a_share_keeps_the_default() {
    let book = RegisterBook::good().add_row("Inställningar", row!["Budget ok från", "mycket"]);
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeOgiltigt,
        "Inställningar",
        "B3",
        Some("Värde"),
        "\"mycket\" är inte en andel. Skriv värdet i procent, t.ex. 60 %.",
    );
    assert_eq!(register.installningar.budget_ok_fran, kr("0.60"));
}

#[test]
fn a_setting_without_a_value_tells_the_default() {
    let book = RegisterBook::good().add_row("Inställningar", row!["Styrgruppsmöten per år", ""]);
    let (_, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeSaknas,
        "Inställningar",
        "B3",
        Some("Värde"),
        "Värde saknas. Skriv ett värde, eller ta bort raden för att använda standardvärdet 4.",
    );
}

#[test]
fn a_missing_column_of_an_optional_sheet_skips_the_sheet_with_a_finding() {
    let book = RegisterBook::good().drop_column("Beslut", "Typ");
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterKolumnSaknas,
        "Beslut",
        "F1",
        Some("Typ"),
        "Kolumnen \"Typ\" saknas, så inga rader på bladet kan läsas. Lägg till en kolumn med rubriken Typ i rad 1.",
    );
    assert!(register.beslut.is_empty());
}

#[test]
fn a_sheet_longer_than_the_limit_is_one_finding_and_the_rest_is_read() {
    let book = RegisterBook::good().cell_at("Beslut", 10_000, 0, "2017:48").cell_at("Beslut", 20_000, 0, "x");
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterOlasligt,
        "Beslut",
        "A10001",
        None,
        "Verktyget läser bara de första 10 000 raderna av ett blad, och det här bladet har innehåll längre ner. \
         Ta bort innehållet efter rad 10 000, eller dela upp registret.",
    );
    assert_eq!(register.beslut.len(), 3);
}

#[test]
fn a_sheet_wider_than_the_limit_is_one_finding() {
    let book =
        RegisterBook::good().cell_at("Insatser", 0, 200, "Anteckning").cell_at("Insatser", 1, 300, "x");
    let (register, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterOlasligt,
        "Insatser",
        "GS1",
        None,
        "Verktyget läser bara de första 200 kolumnerna (A–GR) av ett blad, och det här bladet har innehåll \
         längre till höger. Flytta det till kolumnerna A–GR.",
    );
    assert_eq!(register.insatser.len(), 3);
}

#[test]
fn a_tillagg_needs_an_amount_and_a_forlangning_a_new_end() {
    let book = RegisterBook::good().set("Beslut", 2, "Belopp", "").set("Beslut", 3, "Ny slutdag", "");
    let (register, findings) = read(&book);
    assert_eq!(findings.len(), 2, "{findings:#?}");
    assert_finding(
        &findings[0],
        Code::RegisterVardeSaknas,
        "Beslut",
        "D2",
        Some("Belopp"),
        "Belopp saknas. Ett tillägg ska ange beloppet som läggs till, t.ex. 67 500.",
    );
    assert_finding(
        &findings[1],
        Code::RegisterVardeSaknas,
        "Beslut",
        "E3",
        Some("Ny slutdag"),
        "Ny slutdag saknas. En förlängning ska ange insatsens nya slutdag, t.ex. 2021-12-31.",
    );
    assert_eq!(register.beslut.len(), 1);
}

#[test]
fn an_avslut_in_a_sheet_without_ny_slutdag_points_at_its_typ() {
    let book = RegisterBook::good().sheet(
        "Beslut",
        &["Id", "Datum", "Typ"],
        vec![row!["2018:20", date(2019, 9, 1), "Avslut"]],
    );
    let (_, finding) = read_one_finding(&book);
    assert_finding(
        &finding,
        Code::RegisterVardeSaknas,
        "Beslut",
        "C2",
        Some("Ny slutdag"),
        "Ny slutdag saknas: bladet har ingen kolumn Ny slutdag. Ett avslut ska ange dagen då insatsen slutar, \
         t.ex. 2020-06-30. Lägg till kolumnen Ny slutdag i rad 1 och fyll i den.",
    );
}

#[test]
fn a_judgement_needs_a_reason_and_a_period_that_is_one() {
    let book = RegisterBook::good()
        .set("Bedömningar", 2, "Motivering", "")
        .add_row("Bedömningar", row!["2018:12", "våren", "Helhet", "Grön", "Bra"]);
    let (register, findings) = read(&book);
    assert_eq!(findings.len(), 2, "{findings:#?}");
    assert_finding(
        &findings[0],
        Code::RegisterVardeSaknas,
        "Bedömningar",
        "E2",
        Some("Motivering"),
        "Motivering saknas. Skriv varför kansliet bedömer annorlunda än verktyget.",
    );
    assert_finding(
        &findings[1],
        Code::RegisterVardeOgiltigt,
        "Bedömningar",
        "B3",
        Some("Period"),
        "Perioden \"våren\" känns inte igen. Skriv ett kvartal (2018-K2), ett halvår (2018-H1) eller ett år (2018).",
    );
    assert!(register.bedomningar.is_empty());
}

// Decisions, budgets and settings as later stages ask for them.

#[test]
fn a_tillagg_adds_to_the_grant_only_from_its_date() {
    let register = read_clean(&RegisterBook::good());
    let before = register.grant("2017:48", day(2020, 6, 29)).unwrap();
    assert_eq!(before.beviljat_belopp, kr("5900000"));
    let after = register.grant("2017:48", day(2020, 6, 30)).unwrap();
    assert_eq!(after.beviljat_belopp, kr("5967500"));
    assert_eq!((after.start, after.slut), (day(2018, 1, 1), day(2021, 12, 31)));
    assert_eq!(register.grant("2099:1", day(2020, 6, 30)), None);
}

#[test]
fn a_forlangning_moves_the_end_and_a_run_for_an_old_period_gives_the_old_answer() {
    let register = read_clean(&RegisterBook::good());
    assert_eq!(register.grant("2018:12", day(2019, 5, 14)).unwrap().slut, day(2019, 6, 30));
    assert_eq!(register.grant("2018:12", day(2019, 5, 15)).unwrap().slut, day(2019, 12, 31));

    let q3 = quarter("2019-K3");
    let run_for_2019_k3 = Period::parse("2019-K3").unwrap().last_day();
    let active: Vec<&str> = register.active_in(q3, run_for_2019_k3).iter().map(|i| i.id.as_str()).collect();
    assert_eq!(active, ["2017:48", "2018:12", "2018:20"]);
    let run_for_2019_k1 = Period::parse("2019-K1").unwrap().last_day();
    let active: Vec<&str> = register.active_in(q3, run_for_2019_k1).iter().map(|i| i.id.as_str()).collect();
    assert_eq!(active, ["2017:48", "2018:20"], "the extension was not yet decided");
}

#[test]
fn an_avslut_ends_the_insats_early_from_its_date() {
    let book = RegisterBook::good()
        .add_row("Beslut", row!["2018:20", date(2019, 9, 1), "Avslut", "", date(2019, 9, 30), ""]);
    let register = read_clean(&book);
    let q4 = quarter("2019-K4");
    let active = |as_of| register.active_in(q4, as_of).iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(active(day(2019, 12, 31)), ["2017:48", "2018:12"]);
    assert_eq!(active(day(2019, 8, 31)), ["2017:48", "2018:12", "2018:20"]);
    assert_eq!(register.grant("2018:20", day(2019, 12, 31)).unwrap().beviljat_belopp, kr("800000"));
}

#[test]
fn quarterly_budget_comes_from_the_budget_sheet_else_from_budget_per_year() {
    let register = read_clean(&RegisterBook::good());
    assert_eq!(register.quarter_budget("2017:48", quarter("2018-K1")), Some(kr("300000")));
    assert_eq!(register.quarter_budget("2017:48", quarter("2018-K2")), Some(kr("350000")));
    assert_eq!(
        register.quarter_budget("2017:48", quarter("2018-K3")),
        Some(Decimal::ZERO),
        "with rows in Budget, a quarter left out has no budget"
    );
    assert_eq!(register.quarter_budget("2018:20", quarter("2018-K2")), Some(kr("100000")));
    assert_eq!(register.quarter_budget("2018:20", quarter("2018-K1")), Some(Decimal::ZERO), "before Start");
    assert_eq!(register.quarter_budget("2018:12", quarter("2018-K3")), None, "no budget at all");
}

#[test]
fn settings_override_their_defaults_in_every_spelling() {
    let book = RegisterBook::good().sheet(
        "Inställningar",
        INSTALLNINGAR,
        vec![
            row!["Budget ok från", "55%"],
            row!["  budget OK till ", 1.1],
            row!["Budget behov av atgard over", "130 %"],
            row!["Fördelning individ", "0,5"],
            row!["fördelning struktur", "40 %"],
            row!["Styrgruppsmöten per år", 5],
            row!["Månader innan deltagartakt bedöms", "6"],
        ],
    );
    let register = read_clean(&book);
    let expected = Installningar {
        budget_ok_fran: kr("0.55"),
        budget_ok_till: kr("1.1"),
        budget_atgard_over: kr("1.3"),
        fordelning_individ: kr("0.5"),
        fordelning_struktur: kr("0.4"),
        styrgruppsmoten_per_ar: 5,
        manader_fore_bedomning: 6,
        ..Installningar::default()
    };
    assert_eq!(register.installningar, expected);
    assert_eq!(register.insatser[0].styrgruppsmoten_per_ar, 6, "the insats's own count wins");
    assert_eq!(register.insatser[1].styrgruppsmoten_per_ar, 5, "the setting replaces the policy's 4");
}

#[test]
fn settings_default_to_the_rules() {
    let defaults = Installningar::default();
    let share = |s: &str| kr(s);
    assert_eq!((defaults.budget_ok_fran, defaults.budget_ok_till), (share("0.60"), share("1.00")));
    assert_eq!((defaults.budget_atgard_under, defaults.budget_atgard_over), (share("0.50"), share("1.20")));
    assert_eq!((defaults.deltagare_gron_fran, defaults.deltagare_rod_under), (share("0.80"), share("0.50")));
    assert_eq!(defaults.manader_fore_bedomning, 3);
    assert_eq!(defaults.mal_andel_arbete_studier, share("0.34"));
    assert_eq!(
        (defaults.fordelning_individ, defaults.fordelning_struktur, defaults.fordelning_kompetens),
        (share("0.60"), share("0.30"), share("0.10"))
    );
    assert_eq!(defaults.styrgruppsmoten_per_ar, 4);
    assert_eq!(defaults.folj_upp_kvartal_i_rad, 2);
    assert_eq!(defaults.folj_upp_utfall_under, share("0.50"));
    assert_eq!(defaults.folj_upp_takt_kvartal, 4);
    let k = &defaults.korrespondens;
    assert_eq!(
        (k.avsandare.as_str(), &k.avsandare_epost, &k.svara_till, &k.signatur),
        ("Kansliet", &None, &None, &None)
    );
    assert_eq!((k.dagar_att_rapportera, k.kvittens), (30, true));
    let written: Vec<(&str, &str)> = SETTINGS.iter().map(|(name, _, default)| (*name, *default)).collect();
    assert_eq!(
        written,
        [
            ("Budget ok från", "60 %"),
            ("Budget ok till", "100 %"),
            ("Budget behov av åtgärd under", "50 %"),
            ("Budget behov av åtgärd över", "120 %"),
            ("Deltagare grön från", "80 %"),
            ("Deltagare röd under", "50 %"),
            ("Månader innan deltagartakt bedöms", "3"),
            ("Mål andel till arbete eller studier", "34 %"),
            ("Fördelning individ", "60 %"),
            ("Fördelning struktur", "30 %"),
            ("Fördelning kompetens", "10 %"),
            ("Styrgruppsmöten per år", "4"),
            ("Följ upp efter antal kvartal i rad", "2"),
            ("Följ upp utfall under", "50 %"),
            ("Följ upp takt över antal kvartal", "4"),
            ("Avsändare", "Kansliet"),
            ("Avsändarens e-post", ""),
            ("Svara till", ""),
            ("Signatur", ""),
            ("Dagar att rapportera efter kvartalet", "30"),
            ("Kvittens vid godkänd rapport", "Ja"),
        ]
    );
    let register = read_clean(&RegisterBook::good().without("Inställningar"));
    assert_eq!(register.installningar, defaults);
}

// Registers that cannot be used at all.

#[test]
fn a_missing_register_file_is_an_error_in_swedish() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.xlsx");
    let error = read_register(&path).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("Registret {} finns inte. Kontrollera sökvägen till registret.", path.display())
    );
}

#[test]
fn a_file_that_is_not_a_workbook_is_an_error_in_swedish() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.xlsx");
    std::fs::write(&path, "Id;Namn\n2017:48;Knivsta\n").unwrap();
    let message = read_register(&path).unwrap_err().to_string();
    let start = format!("Registret {} är inte en arbetsbok som går att läsa (", path.display());
    assert!(message.starts_with(&start), "{message}");
    assert!(message.ends_with("). Spara det som Excel-arbetsbok (.xlsx) och försök igen."), "{message}");
    // calamine's English never reaches kansliet.
    for english in ["Zip", "error", "Cannot", "EOCD", "archive"] {
        assert!(!message.contains(english), "{english} in {message}");
    }
    assert!(
        message.contains("(innehållet går inte att läsa som en Excel-arbetsbok; är det en annan sorts fil")
    );
}

#[test]
fn a_register_without_the_insatser_sheet_is_an_error_naming_the_sheets_it_has() {
    let dir = tempfile::tempdir().unwrap();
    let path =
        RegisterBook::good().without("Insatser").without("Mål").without("Bedömningar").write(dir.path());
    let error = read_register(&path).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "Registret {} har inget blad som heter Insatser (bladen heter \"Budget\", \"Beslut\" och \
             \"Inställningar\"). Lägg insatserna på ett blad med namnet Insatser.",
            path.display()
        )
    );
}

#[test]
fn insatser_without_required_columns_is_an_error_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let book =
        RegisterBook::good().drop_column("Insatser", "Namn").rename_column("Insatser", "Start", "Startdatum");
    let path = book.write(dir.path());
    let error = read_register(&path).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "Bladet Insatser i registret {} saknar kolumnerna \"Namn\" och \"Start\". Skriv rubrikerna i rad 1, \
             en kolumn för varje.",
            path.display()
        )
    );
    let book = RegisterBook::good().drop_column("Insatser", "Parter");
    let path = book.write(dir.path());
    let error = read_register(&path).unwrap_err();
    assert!(error.to_string().contains(" saknar kolumnen \"Parter\". "), "{error}");
}
