//! One test per finding code of reading and checking a report: each asserts
//! the code, the cell and the whole Swedish message.

mod common;

use chrono::NaiveDate;
use common::gallery::{self as g, COPY};
use common::minimal_report::{Cell, MinimalReport, SHEET, num, text};
use common::test_register::register;
use uppfoljning::check::check_report;
use uppfoljning::contract::{FIELDS, Section};
use uppfoljning::finding::{Code, Finding, Severity};
use uppfoljning::report::{ReadOutcome, read_report};

const FILE: &str = "2018-K2 Heby.xlsx";

fn read(report: &MinimalReport) -> ReadOutcome {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    report.write(&path);
    read_report(&path, FILE)
}

fn findings(report: MinimalReport) -> Vec<Finding> {
    let outcome = read(&report);
    let mut all = outcome.findings.clone();
    all.extend(check_report(&outcome, &register(), None));
    all
}

/// The only finding of `report`, which must have `code`.
fn only(report: MinimalReport, code: Code) -> Finding {
    let all = findings(report);
    assert_eq!(all.len(), 1, "expected one finding, got {all:#?}");
    let finding = all.into_iter().next().unwrap();
    assert_eq!(finding.code, code);
    assert_eq!(finding.severity, code.severity());
    assert_eq!(finding.file, FILE);
    finding
}

fn assert_at(finding: &Finding, field: &str) {
    assert_eq!(finding.sheet.as_deref(), Some(SHEET));
    assert_eq!(finding.cell, Some(MinimalReport::cell_of(field)));
    assert_eq!(finding.field.as_deref(), Some(field));
}

#[test]
fn a_complete_correct_report_has_no_findings() {
    assert_eq!(findings(MinimalReport::valid()), vec![]);
}

#[test]
fn a_text_file_named_xlsx_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    std::fs::write(&path, "inte en arbetsbok").unwrap();
    let outcome = read_report(&path, FILE);
    assert!(outcome.report.is_none());
    assert_eq!(outcome.findings.len(), 1);
    let finding = &outcome.findings[0];
    assert_eq!(finding.code, Code::FilOlaslig);
    assert_eq!(
        finding.message,
        "Filen går inte att läsa som en Excel-arbetsbok. Be styrgruppen spara rapporten som .xlsx och skicka den igen."
    );
}

#[test]
fn a_password_protected_file_asks_for_one_without_password() {
    let finding =
        uppfoljning::report::messages::file_unreadable(&uppfoljning::workbook::OpenError::Encrypted, FILE);
    assert_eq!(finding.code, Code::FilOlaslig);
    assert_eq!(
        finding.message,
        "Filen är lösenordsskyddad och kan inte läsas. Be styrgruppen skicka rapporten igen utan lösenord."
    );
}

#[test]
fn a_workbook_without_the_contracts_names_is_not_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("budget.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "Budget 2018").unwrap();
    book.save(&path).unwrap();
    let outcome = read_report(&path, "budget.xlsx");
    assert!(outcome.report.is_none());
    let finding = &outcome.findings[0];
    assert_eq!((finding.code, finding.severity), (Code::EjRapport, Severity::Info));
    assert_eq!(
        finding.message,
        "Filen saknar kvartalsrapportens namngivna fält och räknas inte som en rapport. Är det en rapport, \
         be styrgruppen fylla i mallen från kansliet i stället för en egen kopia."
    );
}

#[test]
fn a_missing_defined_name_is_a_fel_naming_the_field() {
    let finding = only(MinimalReport::valid().without_name("utfall_kr"), Code::NamnSaknas);
    assert_eq!(finding.field.as_deref(), Some("utfall_kr"));
    assert_eq!(
        finding.message,
        "Fältet \"Utfall, förbundets medel (kr)\" (utfall_kr) saknas i rapporten, så svaret kan inte läsas. \
         Be styrgruppen använda mallen från kansliet."
    );
}

#[test]
fn a_name_pointing_at_a_sheet_that_does_not_exist_is_a_fel_for_that_field() {
    let finding = only(MinimalReport::valid().retarget("utfall_kr", "=Borttaget!$C$5"), Code::NamnSaknas);
    assert_eq!(finding.field.as_deref(), Some("utfall_kr"));
    assert_eq!(finding.location(), None);
    assert_eq!(
        finding.message,
        "Fältet \"Utfall, förbundets medel (kr)\" (utfall_kr) pekar på bladet \"Borttaget\", som inte finns i \
         rapporten (har bladet bytt namn eller tagits bort?). Be styrgruppen använda mallen från kansliet."
    );
}

#[test]
fn a_goal_block_stretched_over_the_sheet_is_one_fel_not_a_goal_per_row() {
    let finding =
        only(MinimalReport::valid().retarget("mal_lista", "=Data!$A$1:$C$1048576"), Code::NamnSaknas);
    assert_eq!(finding.field.as_deref(), Some("mal_lista"));
    assert_eq!(
        finding.message,
        "Målen i ansökan (mal_lista) pekar på ett område med 1048576 rader, men mallen har högst 100 rader för \
         mål, så målen kan inte läsas. Be styrgruppen använda mallen från kansliet."
    );
}

/// The findings of reading and checking the file `write` makes.
fn findings_of(write: impl FnOnce(&std::path::Path)) -> Vec<Finding> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    write(&path);
    let outcome = read_report(&path, FILE);
    let mut all = outcome.findings.clone();
    all.extend(check_report(&outcome, &register(), None));
    all
}

/// The only finding of the file `write` makes, which must have `code`.
fn only_of(write: impl FnOnce(&std::path::Path), code: Code) -> Finding {
    let all = findings_of(write);
    assert_eq!(all.len(), 1, "expected one finding, got {all:#?}");
    let finding = all.into_iter().next().unwrap();
    assert_eq!((finding.code, finding.severity), (code, code.severity()));
    finding
}

#[test]
fn a_field_also_named_on_a_copied_sheet_is_a_warning_naming_both_places_in_either_order() {
    let cell = MinimalReport::cell_of("budget_kr");
    let messages = [true, false].map(|before| {
        let copy = move |xml: String| g::copy_names(&xml, Some("budget_kr"), before);
        let finding = only_of(
            |path| g::edit_valid(path, copy, Some((COPY, g::copied_sheet_xml()))),
            Code::NamnAvenPaBlad,
        );
        assert_eq!(finding.sheet.as_deref(), Some(COPY));
        assert_eq!(finding.field.as_deref(), Some("budget_kr"));
        finding.message
    });
    assert_eq!(
        messages[0],
        format!(
            "Fältet \"Budget för kvartalet (kr)\" (budget_kr) finns också som namn på bladet \"Data (2)\" ({cell} på \
             bladet \"Data (2)\"), troligen för att bladet är en kopia av rapportbladet. Verktyget läser namnet för hela \
             arbetsboken: {cell} på bladet \"Data\". Ta bort det kopierade bladet om det inte behövs, eller kontrollera att \
             svaren står där verktyget läser dem."
        )
    );
    assert_eq!(messages[0], messages[1]);
}

#[test]
fn a_sheet_name_from_the_file_is_shown_without_personal_identity_numbers_or_control_characters() {
    let copy = |xml: String| g::copy_names(&xml, Some("budget_kr"), false);
    let sheet = "Kopia 19121212-1212\u{7}";
    let finding =
        only_of(|path| g::edit_valid(path, copy, Some((sheet, g::copied_sheet_xml()))), Code::NamnAvenPaBlad);
    assert_eq!(finding.sheet.as_deref(), Some("Kopia [personnummer borttaget]"));
    assert!(
        finding.message.contains("finns också som namn på bladet \"Kopia [personnummer borttaget]\" ("),
        "{}",
        finding.message
    );
    assert!(!finding.message.contains("1212") && !finding.message.contains('\u{7}'), "{}", finding.message);
}

#[test]
fn a_workbook_part_named_by_an_absolute_target_still_gives_the_names_their_scope() {
    let copy = |xml: String| g::copy_names(&xml, Some("budget_kr"), true);
    only_of(
        |path| {
            let dir = tempfile::tempdir().unwrap();
            let plain = dir.path().join("kopia.xlsx");
            g::edit_valid(&plain, copy, Some((COPY, g::copied_sheet_xml())));
            let absolute = |name: &str, bytes: Vec<u8>| {
                Some(match name {
                    "_rels/.rels" => {
                        g::zip::replace(bytes, r#"Target="xl/workbook.xml""#, r#"Target="/xl/workbook.xml""#)
                    }
                    _ => bytes,
                })
            };
            g::zip::rewrite(&plain, path, absolute, Vec::new());
        },
        Code::NamnAvenPaBlad,
    );
}

#[test]
fn names_whose_scope_cannot_be_read_count_as_defined_twice_not_as_the_first_one() {
    // calamine ignores a `localSheetId` that is no number; the tool cannot
    // tell which name is the workbook's, so it reads neither.
    let copy = |xml: String| {
        g::copy_names(&xml, Some("budget_kr"), true).replace(r#"localSheetId="1""#, r#"localSheetId="x""#)
    };
    let finding =
        only_of(|path| g::edit_valid(path, copy, Some((COPY, g::copied_sheet_xml()))), Code::NamnDubbelt);
    assert_eq!(finding.field.as_deref(), Some("budget_kr"));
}

#[test]
fn every_field_named_on_a_copied_sheet_is_one_warning_for_the_sheet() {
    let copy = |xml: String| g::copy_names(&xml, None, false);
    let finding =
        only_of(|path| g::edit_valid(path, copy, Some((COPY, g::copied_sheet_xml()))), Code::NamnAvenPaBlad);
    assert_eq!((finding.sheet.as_deref(), finding.field.as_deref()), (Some(COPY), None));
    let cell = MinimalReport::cell_of("mallversion");
    let count = uppfoljning::contract::FIELDS.len();
    assert_eq!(
        finding.message,
        format!(
            "{count} av mallens fält finns också som namn på bladet \"Data (2)\" (mallversion, insats_id, \
             insats_namn, period_ar, period_kvartal och {} till), troligen för att bladet är en kopia av \
             rapportbladet. Verktyget läser namnen för hela arbetsboken. Till exempel läses mallversion i {cell} på \
             bladet \"Data\", inte i {cell} på bladet \"Data (2)\". Ta bort det kopierade bladet om det inte behövs, \
             eller kontrollera att svaren står där verktyget läser dem.",
            count - 5
        )
    );
}

#[test]
fn a_name_defined_twice_at_two_cells_is_a_fel_whichever_comes_first() {
    let (budget, utfall) = (MinimalReport::cell_of("budget_kr"), MinimalReport::cell_of("utfall_kr"));
    let messages = [true, false].map(|before| {
        let write =
            |path: &std::path::Path| g::edit_valid(path, move |xml| g::name_twice(&xml, before), None);
        let finding = only_of(write, Code::NamnDubbelt);
        assert_eq!((finding.field.as_deref(), finding.sheet.as_deref()), (Some("budget_kr"), None));
        finding.message
    });
    assert_eq!(
        messages[0],
        format!(
            "Fältet \"Budget för kvartalet (kr)\" (budget_kr) är namngivet mer än en gång i rapporten, och namnen \
             pekar på olika celler: {budget} på bladet \"Data\" och {utfall} på bladet \"Data\". Verktyget kan inte veta \
             vilken cell som är svaret och läser ingen av dem. Be styrgruppen ta bort det felaktiga namnet (Formler → \
             Namnhanteraren i Excel) eller använda mallen från kansliet."
        )
    );
    assert_eq!(messages[0], messages[1]);
}

#[test]
fn a_name_defined_twice_at_the_same_cell_is_harmless() {
    let twice = |xml: String| {
        let cell = MinimalReport::cell_of("budget_kr");
        let name =
            format!(r#"<definedName name="budget_kr">Data!${}${}</definedName>"#, &cell[..1], &cell[1..]);
        let upper = name.replace("budget_kr", "BUDGET_KR");
        xml.replace(&name, &format!("{name}{upper}"))
    };
    assert_eq!(findings_of(|path| g::edit_valid(path, twice, None)), vec![]);
}

#[test]
fn a_field_named_only_for_one_sheet_is_a_fel_and_not_read() {
    // The second sheet's name holds a personal identity number and a control
    // character: the message shows neither.
    let sheet = "Kopia 19121212-1212\u{7}";
    let local = |xml: String| {
        let from = r#"<definedName name="budget_kr">"#;
        assert!(xml.contains(from));
        xml.replace(from, r#"<definedName name="budget_kr" localSheetId="1">"#)
    };
    let finding =
        only_of(|path| g::edit_valid(path, local, Some((sheet, g::empty_sheet_xml()))), Code::NamnBaraPaBlad);
    assert_eq!(finding.field.as_deref(), Some("budget_kr"));
    let cell = MinimalReport::cell_of("budget_kr");
    assert_eq!(
        finding.message,
        format!(
            "Fältet \"Budget för kvartalet (kr)\" (budget_kr) finns bara som namn som hör till bladet \
             \"Kopia [personnummer borttaget]\" (det pekar på {cell} på bladet \"Data\"), inte som namn för hela arbetsboken som i \
             kansliets mall, så verktyget läser inte svaret. Be styrgruppen använda mallen från kansliet."
        )
    );
}

#[test]
fn answers_on_a_hidden_sheet_are_a_warning_and_read() {
    let finding = only_of(g::write_answers_on_hidden_sheet, Code::SvarPaDoltBlad);
    assert_eq!((finding.sheet.as_deref(), finding.field.as_deref()), (Some(SHEET), None));
    let more = uppfoljning::contract::FIELDS.len() - 5;
    assert_eq!(
        finding.message,
        format!(
            "Svaren står på bladet \"Data\", som är dolt i Excel, så styrgruppen kan inte se det som verktyget läser \
             (mallversion, insats_id, insats_namn, period_ar, period_kvartal och {more} till). Svaren har lästs. \
             Kontrollera dem, och be styrgruppen visa bladet (högerklicka på en bladflik → Ta fram) eller använda \
             mallen från kansliet."
        )
    );
}

#[test]
fn answers_on_a_very_hidden_sheet_are_a_fel_and_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    g::write_answers_on_very_hidden_sheet(&path);
    let outcome = read_report(&path, FILE);
    assert_eq!(outcome.findings.len(), 1, "{:#?}", outcome.findings);
    let finding = &outcome.findings[0];
    assert_eq!((finding.code, finding.severity), (Code::SvarPaMycketDoltBlad, Severity::Fel));
    assert_eq!(finding.sheet.as_deref(), Some(SHEET));
    let more = uppfoljning::contract::FIELDS.len() - 5;
    assert_eq!(
        finding.message,
        format!(
            "Svaren står på bladet \"Data\", som är mycket dolt i Excel: det går inte att ta fram utan makron, så \
             ingen i styrgruppen kan ha sett det som verktyget skulle läsa (mallversion, insats_id, insats_namn, \
             period_ar, period_kvartal och {more} till). Svaren läses inte. Be styrgruppen fylla i mallen från \
             kansliet och skicka rapporten igen."
        )
    );
    assert!(!outcome.values.has_name("insats_id"));
}

#[test]
fn an_unknown_template_version_is_a_fel() {
    let finding = only(MinimalReport::valid().set("mallversion", text("7")), Code::MallversionOkand);
    assert_at(&finding, "mallversion");
    assert_eq!(
        finding.message,
        "Mallversion \"7\" känns inte igen (verktyget läser version 1). Be styrgruppen använda mallen från kansliet."
    );
}

#[test]
fn an_insats_id_not_in_the_register_is_a_fel() {
    let finding = only(MinimalReport::valid().set("insats_id", text("1999:1")), Code::InsatsOkand);
    assert_at(&finding, "insats_id");
    assert_eq!(
        finding.message,
        "Insatsen \"1999:1\" finns inte i förbundets register. Kontrollera insatsens id (Dnr), \
         eller använd mallen som kansliet skickat för insatsen."
    );
}

#[test]
fn a_quarters_spend_above_the_whole_grant_is_taken_for_a_slip() {
    // 35 000 000 typed for 350 000; the grant is 4 200 000.
    let finding = only(MinimalReport::valid().set("utfall_kr", num(35_000_000.0)), Code::UtfallOrimligt);
    assert_at(&finding, "utfall_kr");
    assert_eq!(
        finding.message,
        "Utfallet för kvartalet, 35 000 000 kr, är större än hela det beviljade beloppet för insatsen, 4 200 000 kr. \
         Är beloppet rätt skrivet (en siffra för mycket)? Rätta det, eller förklara i kommentaren om budgeten."
    );
}

#[test]
fn participants_far_beyond_the_expected_are_taken_for_a_slip() {
    // 1 700 and 1 400 typed for 17 and 14; the insats expects 120 in all.
    let report = MinimalReport::valid()
        .set("deltagare_totalt_kvinnor", num(1700.0))
        .set("deltagare_totalt_man", num(1400.0));
    let finding = only(report, Code::DeltagareOrimligt);
    assert_at(&finding, "deltagare_totalt_kvinnor");
    assert_eq!(
        finding.message,
        "Totalt 3100 deltagare sedan start är mer än 3 gånger de 120 som insatsen väntas ta emot under hela \
         insatstiden. Är antalen rätt skrivna? Rätta dem, eller förklara i kommentaren om deltagarna."
    );
    // Three times as many is still possible.
    let report = MinimalReport::valid()
        .set("deltagare_totalt_kvinnor", num(200.0))
        .set("deltagare_totalt_man", num(160.0));
    assert!(findings(report).is_empty());
}

#[test]
fn more_participants_outside_the_target_group_than_in_all_cannot_be() {
    let finding =
        only(MinimalReport::valid().set("deltagare_utanfor_malgrupp", num(500.0)), Code::DeltagareOrimligt);
    assert_at(&finding, "deltagare_utanfor_malgrupp");
    assert_eq!(
        finding.message,
        "500 deltagare utanför målgruppen är fler än alla 31 deltagare sedan start. Rätta antalet utanför \
         målgruppen, eller deltagarna totalt."
    );
}

#[test]
fn an_insats_whose_register_row_was_left_out_is_the_registers_fel_not_unknown() {
    let report = MinimalReport::valid().set("insats_id", text("1999:1"));
    let outcome = read(&report);
    let mut register = register();
    register.utelamnade.insert("1999:1".into());
    let all = check_report(&outcome, &register, None);
    let [finding] = all.as_slice() else { panic!("expected one finding, got {all:#?}") };
    assert_eq!((finding.code, finding.severity), (Code::InsatsRadMedFel, Severity::Fel));
    assert_at(finding, "insats_id");
    assert_eq!(
        finding.message,
        "Insatsen \"1999:1\" står i registret, men dess rad på bladet Insatser har fel och är därför inte med (se \
         registrets fynd för raden). Rätta raden i registret och kör igen; rapporten används då. Felet är \
         registrets, så inget meddelande om det går till styrgruppen."
    );
}

#[test]
fn a_quarter_outside_the_grant_is_a_fel() {
    let finding = only(MinimalReport::valid().set("period_ar", num(2016.0)), Code::KvartalUtanforInsatstid);
    assert_at(&finding, "period_kvartal");
    assert_eq!(
        finding.message,
        "Rapporten gäller 2016-K2, men insatsen pågår 2017-07-01 – 2020-06-30 enligt registret. \
         Kontrollera år och kvartal, eller be kansliet om mallen för rätt kvartal."
    );
}

#[test]
fn a_quarter_that_does_not_exist_is_a_fel() {
    let finding = only(MinimalReport::valid().set("period_kvartal", num(5.0)), Code::VardeOgiltigt);
    assert_at(&finding, "period_kvartal");
    assert_eq!(
        finding.message,
        "Kvartal 5 finns inte: kvartalet ska vara 1, 2, 3 eller 4. Be kansliet om en ny mall för rätt kvartal."
    );
}

#[test]
fn a_year_that_is_not_one_is_a_fel() {
    let finding = only(MinimalReport::valid().set("period_ar", num(18.0)), Code::VardeOgiltigt);
    assert_at(&finding, "period_ar");
    assert_eq!(
        finding.message,
        "År 18 är inte ett giltigt år. Skriv året med fyra siffror, t.ex. 2018, eller be kansliet om en ny mall."
    );
}

#[test]
fn another_insats_name_is_info_and_the_id_counts() {
    let finding = only(MinimalReport::valid().set("insats_namn", text("Heby IVS")), Code::InsatsnamnAvviker);
    assert_at(&finding, "insats_namn");
    assert_eq!(
        finding.message,
        "Insatsens namn i rapporten (\"Heby IVS\") skiljer sig från registrets (\"Heby, Individstöd i samverkan\"). \
         Id 2018:1 gäller."
    );
}

#[test]
fn a_missing_required_answer_is_a_fel_with_the_choices() {
    let finding = only(MinimalReport::valid().clear("mal_i_fas"), Code::SvarSaknas);
    assert_at(&finding, "mal_i_fas");
    assert_eq!(
        finding.message,
        "Svaret på \"Ligger insatsen i fas med målen i ansökan?\" saknas. \
         Välj Ja, Nej, Under bevakning eller För tidigt för att utläsa."
    );
}

#[test]
fn participants_may_be_left_empty_by_an_insats_that_expects_none() {
    let mut report = MinimalReport::valid().set("insats_id", text("2018:2"));
    report = report.set("insats_namn", text("Uppsala, Strategiskt utvecklingsarbete"));
    for field in uppfoljning::contract::FIELDS {
        if field.name.starts_with("deltagare_") || field.name.starts_with("avslut_") {
            report = report.clear(field.name);
        }
    }
    assert_eq!(findings(report), vec![]);
}

#[test]
fn an_amount_that_is_not_one_is_a_fel_quoting_it() {
    let finding = only(MinimalReport::valid().set("utfall_kr", text("ca 300 000")), Code::VardeOgiltigt);
    assert_at(&finding, "utfall_kr");
    assert_eq!(
        finding.message,
        "\"ca 300 000\" i fältet \"Utfall, förbundets medel (kr)\" är inte ett belopp. \
         Skriv beloppet i kronor, t.ex. 125 000."
    );
}

#[test]
fn an_amount_that_could_be_thousands_or_decimals_is_a_fel_not_a_guess() {
    let finding = only(MinimalReport::valid().set("utfall_kr", text("331.480")), Code::VardeOgiltigt);
    assert_at(&finding, "utfall_kr");
    assert_eq!(
        finding.message,
        "\"331.480\" i fältet \"Utfall, förbundets medel (kr)\" kan läsas på två sätt. Skriv 331 480 om det är \
         hela kronor, eller 331,48 om det är kronor och ören."
    );
}

#[test]
fn counts_beyond_any_real_figure_are_a_fel_not_an_overflow() {
    let report = MinimalReport::valid()
        .set("avslut_arbete_kvinnor", num(4_000_000_000.0))
        .set("avslut_studier_kvinnor", num(4_000_000_000.0));
    let all = findings(report);
    let codes: Vec<_> = all.iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::VardeOgiltigt, Code::VardeOgiltigt, Code::AvslutSummerarEj], "{all:#?}");
    assert_eq!(
        all[0].message,
        "\"4000000000\" i fältet \"Ej subventionerat arbete (kvinnor)\" är orimligt stort. Kontrollera talet."
    );
}

#[test]
fn a_number_excel_made_a_time_is_a_fel() {
    let finding = only(MinimalReport::valid().set("utfall_kr", Cell::Duration(84.075)), Code::VardeOgiltigt);
    assert_eq!(
        finding.message,
        "\"2017:48\" i fältet \"Utfall, förbundets medel (kr)\" är formaterat som ett klockslag i Excel. \
         Formatera cellen som text eller tal och skriv in värdet igen."
    );
}

#[test]
fn a_count_that_is_not_whole_is_a_fel() {
    let finding = only(MinimalReport::valid().set("styrgruppsmoten", num(1.5)), Code::VardeOgiltigt);
    assert_at(&finding, "styrgruppsmoten");
    assert_eq!(
        finding.message,
        "\"1.5\" i fältet \"Antal styrgruppsmöten under kvartalet\" är inte ett heltal. Skriv ett heltal, t.ex. 12."
    );
}

#[test]
fn a_date_that_is_not_one_is_a_fel() {
    let finding = only(MinimalReport::valid().set("rapportdatum", text("10 juli")), Code::VardeOgiltigt);
    assert_at(&finding, "rapportdatum");
    assert_eq!(
        finding.message,
        "\"10 juli\" i fältet \"Rapportdatum\" är inte ett datum. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2018-04-10."
    );
}

#[test]
fn an_answer_outside_its_list_is_a_fel() {
    let finding = only(MinimalReport::valid().set("mal_prognos", text("Kanske")), Code::VardeUtanforLista);
    assert_at(&finding, "mal_prognos");
    assert_eq!(
        finding.message,
        "\"Kanske\" i fältet \"Tror styrgruppen att målen nås vid insatsens slut?\" är inte ett tillåtet värde. \
         Välj Ja, Nej eller Inte aktuellt."
    );
}

#[test]
fn a_goal_status_outside_its_list_is_a_fel_at_the_status_cell() {
    let mut report = MinimalReport::valid();
    report.goals[1][1] = "Nästan".into();
    let finding = only(report, Code::VardeUtanforLista);
    assert_eq!(finding.cell, Some(MinimalReport::goal_status_cell(2)));
    assert_eq!(
        finding.message,
        "\"Nästan\" är inte en status för mål 2. \
         Välj Uppfyllt, Delvis uppfyllt, Ej uppfyllt, Ej påbörjat eller Justerat."
    );
}

#[test]
fn a_formula_error_in_an_input_cell_is_a_fel() {
    let report = MinimalReport::valid().set("utfall_kr", Cell::Formula("=1/0".into(), "#DIV/0!".into()));
    let finding = only(report, Code::VardeOgiltigt);
    assert_at(&finding, "utfall_kr");
    assert_eq!(
        finding.message,
        "Fältet \"Utfall, förbundets medel (kr)\" innehåller felvärdet \"#DIV/0!\", oftast en formel som inte \
         fungerar. Skriv in värdet direkt i cellen."
    );
}

#[test]
fn a_formula_with_a_cached_value_is_read_as_that_value() {
    let report =
        MinimalReport::valid().set("utfall_kr", Cell::Formula("=300000+41000".into(), "341000".into()));
    let outcome = read(&report);
    // The one finding names the formula (its text is tested in tests/formulas.rs).
    let codes: Vec<Code> = outcome.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::FormelResultat], "{:#?}", outcome.findings);
    assert_eq!(outcome.report.unwrap().budget.utfall_kr, Some(341000.into()));
}

#[test]
fn a_negative_number_is_a_fel() {
    let finding = only(MinimalReport::valid().set("deltagare_anonyma", num(-1.0)), Code::NegativtTal);
    assert_at(&finding, "deltagare_anonyma");
    assert_eq!(
        finding.message,
        "\"-1\" i fältet \"Anonymt registrerade sedan start\" är negativt. Skriv ett tal som är 0 eller större."
    );
}

#[test]
fn reasons_that_do_not_add_up_to_the_finished_are_a_warning() {
    let report = MinimalReport::valid().set("avslut_arbete_kvinnor", num(2.0));
    let finding = only(report, Code::AvslutSummerarEj);
    assert_at(&finding, "deltagare_avslutade_kvinnor");
    assert_eq!(
        finding.message,
        "Avslutsanledningarna för kvinnor summerar till 3, men antalet avslutade kvinnor är 2. \
         Ange en avslutsanledning för varje avslutad deltagare."
    );
}

#[test]
fn fewer_since_start_than_ongoing_is_a_warning() {
    let finding =
        only(MinimalReport::valid().set("deltagare_totalt_man", num(10.0)), Code::TotaltUnderPagaende);
    assert_at(&finding, "deltagare_totalt_man");
    assert_eq!(
        finding.message,
        "Deltagare totalt sedan start (män: 10) är färre än pågående deltagare (13). \
         Totalt sedan start ska vara de pågående plus alla som avslutats sedan start."
    );
}

#[test]
fn a_budget_other_than_the_registers_is_a_warning() {
    let finding = only(MinimalReport::valid().set("budget_kr", text("300 000 kr")), Code::BudgetAvviker);
    assert_at(&finding, "budget_kr");
    assert_eq!(
        finding.message,
        "Budgeten i rapporten (300 000 kr) skiljer sig från registrets budget för 2018-K2 (350 000 kr). \
         Registrets belopp används; kontakta kansliet om budgeten har ändrats."
    );
}

#[test]
fn participants_from_an_insats_that_expects_none_are_a_warning() {
    let report = MinimalReport::valid()
        .set("insats_id", text("2018:2"))
        .set("insats_namn", text("Uppsala, Strategiskt utvecklingsarbete"));
    let finding = only(report, Code::DeltagareOvantade);
    assert_at(&finding, "deltagare_pagaende_kvinnor");
    assert_eq!(
        finding.message,
        "Rapporten anger deltagare, men insatsen har inriktning struktur och förväntas enligt registret inte ha \
         några deltagare. Kontrollera siffrorna, eller kontakta kansliet om insatsen har ändrat inriktning."
    );
}

#[test]
fn fewer_meetings_than_agreed_is_a_warning() {
    let finding = only(MinimalReport::valid().set("styrgruppsmoten", num(0.0)), Code::MotenFarreAnAvtalat);
    assert_at(&finding, "styrgruppsmoten");
    assert_eq!(
        finding.message,
        "Styrgruppen har haft 0 möten under kvartalet, men ska enligt överenskommelsen träffas minst en gång \
         per kvartal (4 per år). Förklara varför i kommentaren om kvaliteten."
    );
}

#[test]
fn participants_outside_the_target_group_are_a_warning() {
    let report = MinimalReport::valid().set("deltagare_utanfor_malgrupp", num(2.0));
    let finding = only(report, Code::DeltagareUtanforMalgrupp);
    assert_at(&finding, "deltagare_utanfor_malgrupp");
    assert_eq!(
        finding.message,
        "2 deltagare hör inte till målgruppen i ansökan. Förklara varför i kommentaren om kvaliteten, \
         eller skicka en avvikelserapport om målgruppen."
    );
}

#[test]
fn a_personal_identity_number_is_masked_and_never_echoed() {
    let report = MinimalReport::valid().set("analys", text("Deltagare 811218-9876 har fått jobb."));
    let outcome = read(&report);
    let analys = outcome.report.as_ref().and_then(|r| r.analys.clone()).unwrap();
    assert_eq!(analys, "Deltagare [personnummer borttaget] har fått jobb.");
    let finding = only(report, Code::PersonnummerIFritext);
    assert_at(&finding, "analys");
    assert!(!format!("{finding:?}").contains("811218"));
    assert_eq!(
        finding.message,
        "Fältet \"Styrgruppens analys av kvartalet\" innehåller ett personnummer. Det har tagits bort i allt som \
         verktyget skriver. Ta bort det ur rapporten: rapporter får aldrig innehålla deltagares personuppgifter."
    );
}

#[test]
fn a_personal_identity_number_in_a_number_field_is_not_quoted() {
    let finding = only(MinimalReport::valid().set("utfall_kr", text("811218-9876")), Code::VardeOgiltigt);
    assert!(!finding.message.contains("9876"), "{}", finding.message);
}

#[test]
fn an_email_address_that_is_not_one_is_a_warning() {
    let report = MinimalReport::valid().set("uppgiftslamnare_epost", text("insatsansvarig(at)heby"));
    let finding = only(report, Code::EpostOgiltig);
    assert_at(&finding, "uppgiftslamnare_epost");
    assert_eq!(
        finding.message,
        "\"insatsansvarig(at)heby\" ser inte ut som en e-postadress. Skriv en adress som namn@organisation.se, \
         så att kansliet kan skicka återkoppling."
    );
}

#[test]
fn messy_but_valid_spellings_are_read_as_values() {
    let report = MinimalReport::valid()
        .set("utfall_kr", text("1 051 000,50 kr"))
        .set("budget_kr", text("350 000 kr"))
        .set("mal_i_fas", text(" ja "))
        .set("kontroll_malgrupp", text("N/A"))
        .set("rapportdatum", text("2018-07-10"))
        .set("styrgruppsmoten", text(" 2 "));
    let outcome = read(&report);
    assert!(outcome.findings.is_empty(), "{:#?}", outcome.findings);
    let r = outcome.report.unwrap();
    assert_eq!(r.budget.utfall_kr, Some("1051000.50".parse().unwrap()));
    assert_eq!(r.mal.i_fas, Some(uppfoljning::contract::IFas::Ja));
    assert_eq!(r.kvalitet.kontroll_malgrupp, Some(uppfoljning::contract::SvarEa::EjAktuellt));
    assert_eq!(r.rapportdatum, NaiveDate::from_ymd_opt(2018, 7, 10));
    assert_eq!(r.kvalitet.styrgruppsmoten, Some(2));
    assert_eq!(r.mal.lista.len(), 2);
    assert_eq!(r.mal.lista[1].kommentar.as_deref(), Some("Rekrytering pågår"));
}

#[test]
fn a_section_left_empty_is_one_finding_that_says_what_to_write() {
    let mut report = MinimalReport::valid();
    for field in FIELDS.iter().filter(|f| f.section == Section::Forutsattningar) {
        report = report.clear(field.name);
    }
    let finding = only(report, Code::AvsnittTomt);
    assert_eq!(finding.sheet.as_deref(), Some(SHEET));
    assert_eq!(finding.cell, Some(MinimalReport::cell_of("start_i_tid")));
    assert_eq!(
        finding.message,
        "Avsnittet Förutsättningar är tomt – svara Ja eller Nej på frågorna om start, vakanser och \
         avvikelserapport om budgeten."
    );
}

#[test]
fn a_report_with_nothing_but_kansliets_prefill_is_one_finding() {
    let mut report = MinimalReport::valid();
    for field in FIELDS.iter().filter(|f| !f.locked) {
        report = report.clear(field.name);
    }
    for goal in &mut report.goals {
        goal[1].clear();
        goal[2].clear();
    }
    let finding = only(report, Code::RapportEjIfylld);
    assert_eq!(finding.cell, Some(MinimalReport::cell_of("rapportdatum")), "at the first answer to give");
    assert_eq!(
        finding.message,
        "Rapporten är inte ifylld: den innehåller bara det som kansliet fyllt i från registret. Fyll i de gula \
         cellerna (frågor markerade med * måste besvaras), spara filen och skicka den till kansliet igen."
    );
}

#[test]
fn every_finding_code_of_a_report_has_a_test_here() {
    // Register codes are tested in tests/register.rs; codes across reports and
    // quarters in tests/aggregate.rs, the choice among them in tests/mixups.rs;
    // dates, folders and copies in tests/dates_and_copies.rs; formulas in
    // tests/formulas.rs; answered findings in tests/kvitteringar.rs.
    let source = [
        include_str!("report_findings.rs"),
        include_str!("sections.rs"),
        include_str!("aggregate.rs"),
        include_str!("labels.rs"),
        include_str!("guard.rs"),
        include_str!("history.rs"),
        include_str!("mixups.rs"),
        include_str!("dates_and_copies.rs"),
        include_str!("formulas.rs"),
        include_str!("kvitteringar.rs"),
    ]
    .concat();
    for code in Code::ALL.iter().filter(|c| !c.as_str().starts_with("register-")) {
        // A test names the code as the expected code of a finding, not in a comment.
        let expected = [
            format!(", Code::{code:?});"),
            format!("(Code::{code:?}, Severity::"),
            format!("finding.code, Code::{code:?});"),
        ];
        assert!(expected.iter().any(|e| source.contains(e.as_str())), "no test for Code::{code:?}");
    }
}

#[test]
fn a_cell_in_the_far_corner_of_the_sheet_does_not_blow_up_reading() {
    // A dense range of this sheet would be 1 048 576 × 16 384 cells (calamine
    // #693); the reader must stream past it and read the report as usual.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    MinimalReport::valid().write_with_extra_cell(&path, 1_048_575, 16_383);
    assert!(std::fs::metadata(&path).unwrap().len() < 20_000);
    let outcome = read_report(&path, FILE);
    assert!(outcome.findings.is_empty(), "{:#?}", outcome.findings);
    assert_eq!(outcome.report.unwrap().identitet.insats_id.as_deref(), Some("2018:1"));
}

/// A report with a value of the wrong type, one off its list and a negative
/// one: findings of reading, made before the checks.
fn three_bad_values() -> MinimalReport {
    MinimalReport::valid()
        .set("deltagare_pagaende_kvinnor", text("12 st"))
        .set("start_i_tid", text("Kanske"))
        .set("utfall_kr", num(-5000.0))
}

#[test]
fn every_finding_of_reading_a_report_carries_the_insats_its_identity_cells_name() {
    let all = findings(three_bad_values());
    let codes: Vec<Code> = all.iter().map(|f| f.code).collect();
    for code in [Code::VardeOgiltigt, Code::VardeUtanforLista, Code::NegativtTal] {
        assert!(codes.contains(&code), "{code:?} in {all:#?}");
    }
    for finding in &all {
        assert_eq!(finding.insats_id.as_deref(), Some("2018:1"), "{finding:#?}");
    }
}

#[test]
fn findings_of_a_report_whose_insats_id_cannot_be_read_carry_no_insats() {
    let outcome = read(&three_bad_values().clear("insats_id"));
    assert_eq!(outcome.report.as_ref().unwrap().identitet.insats_id, None);
    assert!(outcome.findings.len() >= 3, "{:#?}", outcome.findings);
    for finding in &outcome.findings {
        assert_eq!(finding.insats_id, None, "{finding:#?}");
    }
}

#[allow(dead_code)]
#[path = "../examples/samples.rs"]
mod sample_source;

/// The table `name` of the workbook at `path`: its header and its rows, as text.
fn table_rows(path: &std::path::Path, name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    use calamine::{Data, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.load_tables().unwrap();
    let table = book.table_by_name(name).unwrap();
    let rows = table.data().rows().map(|row| row.iter().map(Data::to_string).collect()).collect();
    (table.columns().to_vec(), rows)
}

#[test]
fn findings_of_wrong_values_name_their_insats_on_kontroll_andringar_and_in_the_json() {
    use uppfoljning::period::Kvartal;
    use uppfoljning::template::{self, Answer};
    const HEBY: &str = "2017:33";
    const HEBY_NAME: &str = "Heby, Individstöd i samverkan";
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("samples/register.xlsx"), dir.path().join("register.xlsx")).unwrap();
    let rapporter = dir.path().join("rapporter");
    std::fs::create_dir(&rapporter).unwrap();
    for entry in std::fs::read_dir(root.join("samples/rapporter")).unwrap().flatten() {
        std::fs::copy(entry.path(), rapporter.join(entry.file_name())).unwrap();
    }
    let run = || {
        let output = assert_cmd::Command::cargo_bin("uppfoljning")
            .unwrap()
            .args(["sammanstall", "--period", "2018-H1", "--json", "ut.json"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    };
    run();
    // Heby's report of 2018-K2 with the three mistakes, in its own file.
    let source = sample_source::Source::read(&root.join("samples/source")).unwrap();
    let report = source.report(HEBY, Kvartal { ar: 2018, kvartal: 2 }).unwrap();
    let prefill = source.prefill(report).unwrap();
    let mut answers = report.answers.clone();
    answers.insert("deltagare_pagaende_kvinnor", Answer::Text("12 st".into()));
    answers.insert("start_i_tid", Answer::Text("Kanske".into()));
    answers.insert("utfall_kr", Answer::Number(-5000.0));
    let bytes = template::write_report(Some(&prefill), &answers).unwrap();
    std::fs::write(rapporter.join(template::file_name(&prefill)), bytes).unwrap();
    run();

    let codes = ["varde-ogiltigt", "varde-utanfor-lista", "negativt-tal"];
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("ut.json")).unwrap()).unwrap();
    let in_json: Vec<(&str, &str)> = json["fynd"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| codes.contains(&f["code"].as_str().unwrap()))
        .map(|f| (f["code"].as_str().unwrap(), f["insats_id"].as_str().unwrap_or("")))
        .collect();
    let mut want: Vec<(&str, &str)> = codes.iter().map(|c| (*c, HEBY)).collect();
    let mut sorted = in_json.clone();
    sorted.sort();
    want.sort();
    assert_eq!(sorted, want, "{in_json:?}");

    let workbook = dir.path().join("Uppföljning 2018-H1.xlsx");
    let (columns, rows) = table_rows(&workbook, "Kontroll");
    let col = |name: &str| columns.iter().position(|c| c == name).unwrap();
    let mut on_kontroll: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| codes.contains(&r[col("Kod")].as_str()))
        .map(|r| (r[col("Kod")].as_str(), r[col("Insats")].as_str()))
        .collect();
    on_kontroll.sort();
    let mut want: Vec<(&str, &str)> = codes.iter().map(|c| (*c, HEBY_NAME)).collect();
    want.sort();
    assert_eq!(on_kontroll, want);

    // Each new finding is a change of its insats, never of no insats.
    let (_, changes) = table_rows(&workbook, "Andringar");
    let new: Vec<&Vec<String>> = changes.iter().filter(|r| r[0] == "Nytt fynd").collect();
    for message in ["12 st", "Kanske", "-5000"] {
        let row =
            new.iter().find(|r| r[3].contains(message)).unwrap_or_else(|| panic!("{message} in {new:#?}"));
        assert_eq!(row[1], HEBY_NAME, "{row:?}");
    }
}
