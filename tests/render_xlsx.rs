//! The consolidated workbook read back as a reader of it would: every table
//! of `output.md` by name with its headers on its sheet, values in the
//! right rows, totals as values, statuses as text and fill, reasons in
//! notes, report text never a formula, and the same bytes every time.
//! Read with calamine (tables by name) and umya-spreadsheet (fills, notes).

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::io::Cursor;
use uppfoljning::aggregate::*;
use uppfoljning::changes::{Andringar, Jamforelse};
use uppfoljning::finding::{Code, Finding};
use uppfoljning::period::{Kvartal, Period};
use uppfoljning::register::{Inriktning, Installningar, Karaktar, Status};
use uppfoljning::render::xlsx::{Andring, Options, SHEETS, workbook};

// ---------------------------------------------------------------------------
// A small follow-up built in code

const K1: Kvartal = Kvartal { ar: 2018, kvartal: 1 };
const K2: Kvartal = Kvartal { ar: 2018, kvartal: 2 };
const FORMULA_TEXT: &str = "=HYPERLINK(\"x\")";

fn kr(n: i64) -> Decimal {
    Decimal::from(n)
}

fn share(hundredths: i64) -> Decimal {
    Decimal::new(hundredths, 2)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn gron(text: &str) -> Bedomd {
    Bedomd::new(text, Some(Status::Gron))
}

fn gul(text: &str) -> Bedomd {
    Bedomd::new(text, Some(Status::Gul))
}

fn rod(text: &str) -> Bedomd {
    Bedomd::new(text, Some(Status::Rod))
}

/// An insats where everything is green and in, to be varied per case.
fn insats(id: &str, namn: &str, inriktning: Inriktning) -> InsatsResultat {
    InsatsResultat {
        id: id.into(),
        namn: namn.into(),
        kortnamn: namn.into(),
        omrade: "Heby".into(),
        inriktning,
        karaktar: None,
        start: date(2018, 1, 1),
        slut: date(2020, 12, 31),
        insatstid: "3 år".into(),
        rapporter: [K1, K2]
            .map(|kvartal| KvartalsRapportering {
                kvartal,
                fil: Some(format!("{kvartal} {namn}.xlsx")),
                i_tvivel: false,
            })
            .to_vec(),
        rapport: Rapportlage::Inkommen,
        mal: MalResultat { i_fas: gron("Ja"), prognos: gron("Ja"), uppfyllda: None, kommentar: None },
        forutsattningar: ForutsattningarResultat {
            start_i_tid: gron("Ja"),
            vakanser_sof: gron("Nej"),
            vakanser_egen: gron("Nej"),
            avvikelse_budget: gron("Nej"),
            kommentar: None,
        },
        budget: BudgetResultat {
            budget: Some(kr(700_000)),
            utfall: Some(kr(682_901)),
            andel: Some(Decimal::new(9756, 4)),
            prognos: gron("Ok"),
            utfall_sedan_start: Some(kr(682_901)),
            beviljat_belopp: kr(4_200_000),
            kommentar: None,
        },
        kvalitet: KvalitetResultat {
            styrgruppsmoten: gron("Ja"),
            uppfoljning: gron("Ja"),
            kontroll_malgrupp: gron("Ja"),
            kontroll_metod: gron("Ja"),
            jamlikhet: gron("Ja"),
            jamstalldhet: gron("Ja"),
            avvikelse_mal_malgrupp: gron("Nej"),
            kommentar: None,
        },
        deltagare: None,
        omraden: Omraden {
            mal: gron("Grön"),
            forutsattningar: gron("Grön"),
            budget: gron("Grön"),
            kvalitet: gron("Grön"),
            deltagare: None,
            helhet: gron("Grön"),
        },
        kommentarer: Kommentarer { kalla: None, analys: None, mal: Vec::new(), saknas: None },
        ej_kanda: Vec::new(),
        antal_fel: 0,
        antal_varningar: 0,
        kontakt_epost: None,
    }
}

/// Heby: individual, a memo star on meetings, kansliet's override on Budget.
fn heby() -> InsatsResultat {
    let mut heby = insats("2017:12", "Heby, Individstöd i samverkan", Inriktning::Individ);
    heby.karaktar = Some(Karaktar::ArbeteOchStudier);
    heby.kvalitet.styrgruppsmoten =
        gul("Ja*").with_anmarkning("Försäkringskassans ordinarie ledamot saknades i kvartal 1.");
    heby.deltagare = Some(DeltagareResultat {
        pagaende: Some(28),
        avslutade: Some(3),
        totalt: Some(31),
        forvantat: Some(120),
        andel_av_forvantat: Some(Decimal::new(2583, 4)),
        takt: gul("Under bevakning"),
        anonyma: Some(19),
        budget_per_ar: Some(kr(1_400_000)),
        avslut: None,
    });
    heby.omraden.kvalitet = gul("Gul");
    heby.omraden.deltagare = Some(gul("Gul"));
    heby.omraden.budget =
        Bedomd { bedomning: Some("Avvikelserapport om budgeten har kommit in.".into()), ..gul("Gul") };
    heby.omraden.helhet = gul("Gul");
    heby.antal_varningar = 1;
    heby
}

/// Älvkarleby ASF: structural, quarter 2's report missing, goals not stated.
fn asf() -> InsatsResultat {
    let mut asf = insats("2017:40", "Älvkarleby, ASF", Inriktning::Struktur);
    asf.rapporter[1].fil = None;
    asf.rapport = Rapportlage::Saknas;
    asf.mal.i_fas = rod("Framgår ej i kvartalsrapporten");
    asf.mal.kommentar = Some(FORMULA_TEXT.into());
    asf.budget.utfall = None;
    asf.budget.andel = None;
    asf.budget.budget = Some(kr(300_000));
    asf.budget.prognos = rod("Behov av åtgärd");
    asf.omraden.mal = rod("Röd");
    asf.omraden.budget = rod("Röd");
    asf.omraden.helhet = rod("Röd");
    asf.antal_fel = 1;
    asf
}

/// Kunskapsstöd: competence, ended, 6 of 7 goals met, no forecast to make.
fn kunskapsstod() -> InsatsResultat {
    let mut k = insats("2016:3", "Projekt Kunskapsstöd vid vägval långa sjukfall", Inriktning::Kompetens);
    k.mal.i_fas = gron("God måluppfyllelse");
    k.mal.prognos = Bedomd::new("Inte aktuellt", None);
    k.mal.uppfyllda = Some((6, 7));
    k.slut = date(2018, 5, 31);
    k.insatstid = "2 år".into();
    k
}

fn avslut_rad(anledning: &str, kvinnor: u32, man: u32) -> AvslutRad {
    AvslutRad { anledning: anledning.into(), kvinnor, man, totalt: kvinnor + man }
}

fn findings() -> Vec<Finding> {
    vec![
        Finding::new(Code::SvarSaknas, "2018-K1 Älvkarleby, ASF.xlsx", "Svaret på i fas saknas.")
            .at("Rapport", "B12")
            .field("mal_i_fas")
            .insats("2017:40"),
        Finding::new(Code::MotenFarreAnAvtalat, "2018-K2 Heby.xlsx", "Färre möten än avtalat.")
            .insats("2017:12"),
        Finding::new(Code::EjRapport, "anteckningar.docx", "Filen är ingen kvartalsrapport."),
    ]
}

fn kallor() -> Vec<Kalla> {
    let kalla = |fil: &str, status| Kalla {
        fil: fil.into(),
        insats_id: Some("2017:12".into()),
        kvartal: Some(K1),
        mallversion: Some("1".into()),
        andrad: Some(date(2018, 4, 12)),
        sha256: "ab".repeat(32),
        status,
        kommentar: None,
        epost: None,
    };
    vec![
        kalla("2018-K1 Heby.xlsx", KallStatus::Anvand),
        Kalla {
            kommentar: Some("Ersatt av 2018-K1 Heby.xlsx".into()),
            epost: None,
            ..kalla("gammal.xlsx", KallStatus::Ersatt)
        },
        Kalla { insats_id: None, kvartal: None, ..kalla("+cmd|' /C calc'!A0.xlsx", KallStatus::EjRapport) },
    ]
}

fn sammanstallning() -> Sammanstallning {
    let installningar = Installningar::default();
    let insatser = vec![heby(), asf(), kunskapsstod()];
    let fordelning = vec![
        FordelningRad {
            inriktning: Inriktning::Individ,
            beviljat_belopp: kr(4_200_000),
            andel: Some(share(33)),
            mal: share(60),
        },
        FordelningRad {
            inriktning: Inriktning::Struktur,
            beviljat_belopp: kr(4_200_000),
            andel: Some(share(33)),
            mal: share(30),
        },
        FordelningRad {
            inriktning: Inriktning::Kompetens,
            beviljat_belopp: kr(4_200_000),
            andel: Some(share(34)),
            mal: share(10),
        },
    ];
    let totals = totaler(&insatser, &fordelning);
    Sammanstallning {
        period: Period::Halvar { ar: 2018, halvar: 1 },
        titel: "Uppföljning kvartal 1 och 2 2018".into(),
        insatser,
        avslut: AvslutStatistik {
            anledningar: vec![
                avslut_rad("Ej subventionerat arbete", 9, 14),
                avslut_rad("Subventionerat arbete", 2, 2),
                avslut_rad("Eget företag", 1, 0),
                avslut_rad("Studier", 3, 0),
                avslut_rad("Annat", 14, 11),
            ],
            till_arbete_eller_studier: avslut_rad("Till arbete eller studier", 15, 16),
            avslutade_totalt: avslut_rad("Avslutade totalt", 29, 27),
            andel_totalt: Some(share(55)),
            andel_kvinnor: Some(share(52)),
            andel_man: Some(share(59)),
            mal: installningar.mal_andel_arbete_studier,
            omfattning: Omfattning {
                av: 1,
                insatser: vec!["2017:12".into()],
                utanfor: Vec::new(),
                text: "Summorna gäller den enda individinriktade insatsen i perioden.".into(),
            },
        },
        fordelning,
        totaler: totals,
        installningar,
        fynd: findings(),
        kallor: kallor(),
        historik: Default::default(),
        idag: chrono::NaiveDate::from_ymd_opt(2018, 8, 15).unwrap(),
        rapportdata: Vec::new(),
    }
}

fn changes() -> Andringar {
    Andringar {
        sedan: Some(Jamforelse {
            fil: "Uppföljning 2018-H1.xlsx".into(),
            sparad: Some("2026-12-05 18:50".into()),
        }),
        behallen: false,
        rader: vec![Andring {
            vad: "Status ändrad: Budget".into(),
            insats: "Heby, Individstöd i samverkan".into(),
            fore: "Röd".into(),
            efter: "Gul".into(),
        }],
    }
}

// ---------------------------------------------------------------------------
// Reading back

fn bytes() -> Vec<u8> {
    workbook(&sammanstallning(), Some(&changes()), &Options::default()).unwrap()
}

fn calamine(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    book.load_tables().unwrap();
    book
}

fn umya(bytes: &[u8]) -> umya_spreadsheet::Workbook {
    umya_spreadsheet::reader::xlsx::read_reader(Cursor::new(bytes.to_vec()), true).unwrap()
}

/// A table's rows as text, by its name: what Power Query or pandas would see.
fn table_rows(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<String>> {
    let table = book.table_by_name(name).unwrap();
    table.data().rows().map(|row| row.iter().map(text).collect()).collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        // Excel's day 0 of the 1900 system, as Excel counts it after 1900-02-28.
        Data::DateTime(d) => (date(1899, 12, 30) + chrono::Days::new(d.as_f64() as u64)).to_string(),
        other => other.to_string(),
    }
}

/// The row just below a table's data: its total row.
fn total_row(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<String> {
    let table = book.table_by_name(name).unwrap();
    let (end_row, _) = table.data().end().unwrap();
    let (_, start_col) = table.data().start().unwrap();
    let sheet = table.sheet_name().to_string();
    let range = book.worksheet_range(&sheet).unwrap();
    let width = table.columns().len() as u32;
    (start_col..start_col + width)
        .map(|c| range.get_value((end_row + 1, c)).map(text).unwrap_or_default())
        .collect()
}

fn column<'a>(
    book: &mut Xlsx<Cursor<Vec<u8>>>,
    table: &str,
    header: &str,
    rows_: &'a [Vec<String>],
) -> Vec<&'a str> {
    let columns = book.table_by_name(table).unwrap().columns().to_vec();
    let i = columns.iter().position(|c| c == header).unwrap_or_else(|| panic!("{table} has no {header}"));
    rows_.iter().map(|r| r[i].as_str()).collect()
}

// ---------------------------------------------------------------------------
// The contract

/// `output.md`: sheet, table, the columns it has at least, in order.
const CONTRACT: [(&str, &str, &[&str]); 18] = [
    (
        "Översikt",
        "Oversikt",
        &[
            "Insats",
            "Inriktning",
            "Rapport",
            "Mål",
            "Förutsättningar",
            "Budget",
            "Kvalitet",
            "Deltagare",
            "Helhet",
            "Fel",
            "Varningar",
        ],
    ),
    ("Nyckeltal", "Nyckeltal", &["Nyckeltal", "Värde", "Omfattning"]),
    ("Att följa upp", "AttFoljaUpp", &["Insats", "Regel", "Skäl", "Kvartal"]),
    (
        "Insatser",
        "Insatser",
        &["Id", "Insats", "Område", "Inriktning", "Start", "Slut", "Insatstid", "Beviljat belopp"],
    ),
    (
        "Mål",
        "Mal",
        &[
            "Insats",
            "Insatsen ligger i fas gällande uppsatta mål",
            "Styrgruppens prognos för måluppfyllelse",
            "Mål uppfyllda",
            "Kommentar",
        ],
    ),
    (
        "Förutsättningar",
        "Forutsattningar",
        &[
            "Insats",
            "Start i tid",
            "Vakanser SOF-medel",
            "Vakanser egenfinansierade resurser",
            "Inkomna avvikelser gällande budget",
            "Kommentar",
        ],
    ),
    (
        "Budget",
        "Budget",
        &[
            "Insats",
            "Budget",
            "Utfall",
            "Utfall i procent",
            "Prognos budget",
            "Utfall sedan start",
            "Beviljat belopp",
            "Kommentar",
        ],
    ),
    (
        "Kvalitet",
        "Kvalitet",
        &[
            "Insats",
            "Styrgruppsmöten enl. avtal",
            "Uppföljning enl. avtal",
            "Kontroll målgrupp",
            "Kontroll metod",
            "Jämlikhet",
            "Jämställdhet",
            "Avvikelse mål/målgrupp",
            "Kommentar",
        ],
    ),
    (
        "Deltagare",
        "Deltagare",
        &[
            "Insats",
            "Karaktär",
            "Pågående",
            "Avslutade",
            "Totalt",
            "Förväntat antal",
            "Andel av förväntat",
            "Budget per år",
        ],
    ),
    ("Avslut", "Avslut", &["Avslutsanledning", "Kvinnor", "Män", "Totalt"]),
    (
        "Kommentarer",
        "Kommentarer",
        &[
            "Insats",
            "Kvartal",
            "Rapport",
            "Styrgruppens analys för förbundsstyrelsen",
            "Kommentar mål",
            "Kommentarer per mål",
            "Kommentar förutsättningar",
            "Kommentar budget",
            "Kommentar kvalitet",
        ],
    ),
    ("Fördelning", "Fordelning", &["Inriktning", "Beviljat belopp", "Andel", "Mål"]),
    ("Trend", "Trend", &["Insats"]),
    ("Kontroll", "Kontroll", &["Allvarlighet", "Kod", "Insats", "Fil", "Blad", "Cell", "Fält", "Meddelande"]),
    ("Källor", "Kallor", &["Fil", "Insats", "Kvartal", "Mallversion", "Ändrad", "SHA-256", "Status"]),
    ("Ändringar", "Andringar", &["Vad", "Insats", "Före", "Efter"]),
    (
        "Rapportdata",
        "Rapportdata",
        &[
            "Fil",
            "Id",
            "Kortnamn",
            "Rapportkvartal",
            "Räknas",
            "Status",
            "Kommentar",
            "Avvisade fält",
            "Mallversion",
        ],
    ),
    (
        "Rapportmål",
        "Rapportmal",
        &["Fil", "Id", "Kortnamn", "Rapportkvartal", "Räknas", "Nr", "Mål", "Målstatus", "Kommentar"],
    ),
];

#[test]
fn every_table_of_the_contract_is_on_its_sheet_with_its_headers_in_order() {
    let mut book = calamine(&bytes());
    assert_eq!(book.sheet_names(), SHEETS.map(String::from).to_vec());
    let sheets: Vec<&str> = CONTRACT.iter().map(|(sheet, ..)| *sheet).collect();
    assert_eq!(sheets, SHEETS.to_vec());
    for (sheet, name, headers) in CONTRACT {
        assert!(book.table_names_in_sheet(sheet).contains(&&name.to_string()), "{name} on {sheet}");
        let table = book.table_by_name(name).unwrap();
        assert_eq!(&table.columns()[..headers.len()], headers, "{name}");
    }
}

#[test]
fn every_sheet_opens_with_the_period_title() {
    let mut book = calamine(&bytes());
    for sheet in SHEETS {
        let range = book.worksheet_range(sheet).unwrap();
        let title = match sheet {
            // Kansliet's working sheets say so, after the board's.
            "Kontroll" | "Källor" | "Ändringar" | "Rapportdata" | "Rapportmål" => {
                "Kansliets arbetsblad – Uppföljning kvartal 1 och 2 2018"
            }
            _ => "Uppföljning kvartal 1 och 2 2018",
        };
        assert_eq!(range.get_value((0, 0)), Some(&Data::String(title.into())), "{sheet}");
    }
}

#[test]
fn overview_has_one_row_per_insats_in_register_order_with_report_state_and_statuses() {
    let mut book = calamine(&bytes());
    let rows = table_rows(&mut book, "Oversikt");
    let insats = column(&mut book, "Oversikt", "Insats", &rows);
    assert_eq!(
        insats,
        [
            "Heby, Individstöd i samverkan",
            "Älvkarleby, ASF",
            "Projekt Kunskapsstöd vid vägval långa sjukfall"
        ]
    );
    assert_eq!(column(&mut book, "Oversikt", "Rapport", &rows), ["Inkommen", "Saknas", "Inkommen"]);
    assert_eq!(column(&mut book, "Oversikt", "Helhet", &rows), ["Gul", "Röd", "Grön"]);
    assert_eq!(column(&mut book, "Oversikt", "Deltagare", &rows), ["Gul", "Ej aktuellt", "Ej aktuellt"]);
    assert_eq!(column(&mut book, "Oversikt", "Fel", &rows), ["0", "1", "0"]);
    assert_eq!(column(&mut book, "Oversikt", "Inriktning", &rows), ["Individ", "Struktur", "Kompetens"]);
}

#[test]
fn an_override_is_marked_with_a_dagger_and_its_reason_shown() {
    let bytes = bytes();
    let mut book = calamine(&bytes);
    let rows = table_rows(&mut book, "Oversikt");
    assert_eq!(column(&mut book, "Oversikt", "Budget", &rows)[0], "Gul †");
    assert_eq!(
        column(&mut book, "Oversikt", "Kansliets bedömning", &rows)[0],
        "Budget: Gul – Avvikelserapport om budgeten har kommit in."
    );
    // Översikt: the table starts at row 5, Budget is column F. The row's
    // Kansliets bedömning already says why, so no note repeats it.
    assert_eq!(note(&bytes, "Översikt", "F5"), None);
}

#[test]
fn key_figures_sum_the_period() {
    let mut book = calamine(&bytes());
    let rows = table_rows(&mut book, "Nyckeltal");
    let value =
        |label: &str| rows.iter().find(|r| r[0] == label).unwrap_or_else(|| panic!("{label}"))[1].clone();
    assert_eq!(value("Insatser i perioden"), "3");
    assert_eq!(value("Rapporter väntade"), "6");
    assert_eq!(value("Rapporter saknas"), "1");
    assert_eq!(value("Fel"), "1");
    assert_eq!(value("Varningar"), "1");
    assert_eq!(value("Budget för perioden"), "1400000", "the Budget total's insatser, not ASF's");
    let scope = |label: &str| rows.iter().find(|r| r[0] == label).unwrap()[2].clone();
    assert_eq!(scope("Budget för perioden"), "2 av 3 insatser, se nedan");
    assert_eq!(scope("Utfall i procent av budget"), scope("Budget för perioden"));
    assert_eq!(scope("Beviljat belopp"), "3 av 3 insatser");
    assert_eq!(value("Deltagare totalt"), "31");
    assert_eq!(scope("Deltagare totalt"), "1 av 1 individinriktad insats");
    assert_eq!(scope("Fel"), "", "a count of findings has no scope");
    // Who is left out, and why, is said in full under the key figures.
    let range = book.worksheet_range("Nyckeltal").unwrap();
    let below = "Budget och utfall: Summorna gäller 2 av 3 insatser. 1 insats där någon av periodens rapporter \
                 saknas ingår inte: Älvkarleby, ASF.";
    assert!(range.cells().any(|(_, _, c)| text(c) == below), "the left-out insats named on Nyckeltal");
    assert_eq!(value("Till arbete eller studier"), "0.55");
    assert_eq!(value("Helhet röd"), "1");
}

#[test]
fn insatser_has_dates_duration_and_granted_amount() {
    let mut book = calamine(&bytes());
    let rows = table_rows(&mut book, "Insatser");
    assert_eq!(
        rows[0][..8],
        [
            "2017:12",
            "Heby, Individstöd i samverkan",
            "Heby",
            "Individ",
            "2018-01-01",
            "2020-12-31",
            "3 år",
            "4200000"
        ]
    );
    assert_eq!(rows[2][5], "2018-05-31");
}

#[test]
fn goals_show_met_of_all_and_the_memos_words_for_a_missing_answer() {
    let mut book = calamine(&bytes());
    let rows = table_rows(&mut book, "Mal");
    assert_eq!(column(&mut book, "Mal", "Mål uppfyllda", &rows), ["", "", "6 av 7"]);
    assert_eq!(rows[1][1], "Framgår ej i kvartalsrapporten");
    assert_eq!(rows[2][2], "Inte aktuellt");
}

#[test]
fn budget_has_a_total_row_of_values() {
    let mut book = calamine(&bytes());
    let rows = table_rows(&mut book, "Budget");
    assert_eq!(rows.len(), 3, "the total row is not a data row");
    assert_eq!(column(&mut book, "Budget", "Prognos budget", &rows), ["Ok", "Behov av åtgärd", "Ok"]);
    let total = total_row(&mut book, "Budget");
    // ASF's quarter 2 is missing, so neither its budget nor its grant is in the sums.
    assert_eq!(total[..3], ["Totalt", "1400000", "1365802"]);
    let percent: f64 = total[3].parse().unwrap();
    assert!((percent - 1_365_802.0 / 1_400_000.0).abs() < 1e-9, "a share of the sums");
    assert_eq!(total[6], "8400000");
    assert_eq!(total[7], "", "a total has no comment");
    assert_eq!(
        total[8],
        "Summorna gäller 2 av 3 insatser. 1 insats där någon av periodens rapporter saknas ingår inte: \
         Älvkarleby, ASF."
    );
}

#[test]
fn quality_stars_carry_their_reason_in_words() {
    let bytes = bytes();
    let mut book = calamine(&bytes);
    let rows = table_rows(&mut book, "Kvalitet");
    assert_eq!(rows[0][1], "Ja*");
    let reason = "Försäkringskassans ordinarie ledamot saknades i kvartal 1.";
    assert_eq!(
        column(&mut book, "Kvalitet", "Anmärkning", &rows)[0],
        format!("Styrgruppsmöten enl. avtal: {reason}")
    );
    // The row's Anmärkning says it; a note would only repeat it.
    assert_eq!(note(&bytes, "Kvalitet", "B5"), None);
}

#[test]
fn participants_list_only_individual_insatser_with_totals_and_anonymous_stated() {
    let mut book = calamine(&bytes());
    let rows = table_rows(&mut book, "Deltagare");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][..6], ["Heby, Individstöd i samverkan", "Arbete och studier", "28", "3", "31", "120"]);
    let total = total_row(&mut book, "Deltagare");
    assert_eq!(total[..6], ["Totalt", "", "28", "3", "31", "120"]);
    assert_eq!(total[7], "1400000");
    let range = book.worksheet_range("Deltagare").unwrap();
    let anonymous = range.cells().any(|(_, _, c)| text(c).contains("19 individer som registrerats anonymt"));
    assert!(anonymous, "the anonymous registrations are stated beside the table");
}

#[test]
fn finished_participants_have_every_reason_and_both_sum_rows_and_the_shares() {
    let mut book = calamine(&bytes());
    let rows = table_rows(&mut book, "Avslut");
    let labels: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        labels,
        [
            "Ej subventionerat arbete",
            "Subventionerat arbete",
            "Eget företag",
            "Studier",
            "Annat",
            "Till arbete eller studier",
            "Avslutade totalt"
        ]
    );
    assert_eq!(rows[5][1..], ["15", "16", "31"]);
    assert_eq!(rows[6][1..], ["29", "27", "56"]);
    let shares = table_rows(&mut book, "AvslutAndelar");
    assert_eq!(shares[0], ["Totalt", "31", "56", "0.55", "0.34"]);
    assert_eq!(shares[1][3], "0.52");
    assert_eq!(shares[2][3], "0.59");
}

#[test]
fn distribution_has_each_orientation_against_its_goal_and_a_total() {
    let mut book = calamine(&bytes());
    let rows = table_rows(&mut book, "Fordelning");
    assert_eq!(rows[0], ["Individ", "4200000", "0.33", "0.6"]);
    assert_eq!(total_row(&mut book, "Fordelning"), ["Totalt", "12600000", "1", "1"]);
}

#[test]
fn findings_sources_and_changes_are_listed_in_the_models_order() {
    let mut book = calamine(&bytes());
    let kontroll = table_rows(&mut book, "Kontroll");
    assert_eq!(kontroll.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), ["Fel", "Varning", "Info"]);
    assert_eq!(
        kontroll[0][1..7],
        ["svar-saknas", "Älvkarleby, ASF", "2018-K1 Älvkarleby, ASF.xlsx", "Rapport", "B12", "mal_i_fas"]
    );
    let kallor = table_rows(&mut book, "Kallor");
    assert_eq!(kallor.len(), 3);
    assert_eq!(
        kallor[0][..7],
        [
            "2018-K1 Heby.xlsx",
            "Heby, Individstöd i samverkan",
            "2018-K1",
            "1",
            "2018-04-12",
            &"ab".repeat(32),
            "Använd"
        ]
    );
    assert_eq!(kallor[1][6], "Ersatt");
    let andringar = table_rows(&mut book, "Andringar");
    assert_eq!(andringar, [["Status ändrad: Budget", "Heby, Individstöd i samverkan", "Röd", "Gul"]]);
}

#[test]
fn a_first_run_says_there_is_nothing_to_compare_with() {
    let s = Sammanstallning {
        fynd: vec![],
        kallor: vec![],
        insatser: vec![],
        totaler: totaler(&[], &[]),
        ..sammanstallning()
    };
    let mut book = calamine(&workbook(&s, None, &Options::default()).unwrap());
    assert_eq!(
        table_rows(&mut book, "Andringar")[0][0],
        "Första körningen för perioden – inget att jämföra med."
    );
    assert_eq!(table_rows(&mut book, "Oversikt")[0][0], "Inga insatser är aktiva under perioden.");
    assert_eq!(
        table_rows(&mut book, "Kontroll")[0][7],
        "Inga fynd: rapporterna och registret gick igenom kontrollen."
    );
}

#[test]
fn a_run_without_changes_says_so_on_one_row() {
    let none = Andringar { rader: vec![], ..changes() };
    let mut book = calamine(&workbook(&sammanstallning(), Some(&none), &Options::default()).unwrap());
    assert_eq!(
        table_rows(&mut book, "Andringar"),
        [["Inga ändringar sedan Uppföljning 2018-H1.xlsx (sparad 2026-12-05 18:50).", "", "", ""]]
    );
}

#[test]
fn report_text_that_looks_like_a_formula_stays_text() {
    let mut book = calamine(&bytes());
    let mal = table_rows(&mut book, "Mal");
    assert_eq!(column(&mut book, "Mal", "Kommentar", &mal)[1], FORMULA_TEXT);
    assert_eq!(table_rows(&mut book, "Kallor")[2][0], "+cmd|' /C calc'!A0.xlsx");
    for sheet in SHEETS {
        let formulas = book.worksheet_formula(sheet).unwrap();
        assert!(formulas.cells().all(|(_, _, f)| f.is_empty()), "{sheet} has a formula");
    }
}

#[test]
fn the_same_follow_up_gives_the_same_bytes() {
    let first = bytes();
    assert_eq!(first, bytes());
    // For looking at: `UPPFOLJNING_XLSX_UT=/tmp/test.xlsx cargo test --test render_xlsx`
    // writes this workbook, e.g. to render it with LibreOffice.
    if let Some(path) = std::env::var_os("UPPFOLJNING_XLSX_UT") {
        std::fs::write(path, &first).unwrap();
    }
}

// ---------------------------------------------------------------------------
// Colours and notes, read with a second reader

fn fill(bytes: &[u8], sheet: &str, cell: &str) -> Option<String> {
    let book = umya(bytes);
    let style = book.sheet_by_name(sheet).unwrap().style(cell);
    style.background_color().map(|c| c.argb_str())
}

fn font_color(bytes: &[u8], sheet: &str, cell: &str) -> Option<String> {
    let book = umya(bytes);
    let style = book.sheet_by_name(sheet).unwrap().style(cell);
    style.font().map(|f| f.color().argb_str())
}

fn note(bytes: &[u8], sheet: &str, cell: &str) -> Option<String> {
    let book = umya(bytes);
    let comments = book.sheet_by_name(sheet).unwrap().comments();
    comments.iter().find(|c| c.coordinate().to_string() == cell).map(|c| {
        let text = c.text();
        text.text()
            .map(|t| t.value().to_string())
            .or_else(|| text.rich_text().map(|r| r.text().to_string()))
            .unwrap_or_default()
    })
}

#[test]
fn status_cells_use_excels_good_neutral_and_bad_fills() {
    let bytes = bytes();
    // Översikt row 5 Heby (Helhet Gul), row 6 ASF (Röd), row 7 Kunskapsstöd (Grön); Helhet is column I.
    assert_eq!(fill(&bytes, "Översikt", "I5").as_deref(), Some("FFFFEB9C"));
    assert_eq!(font_color(&bytes, "Översikt", "I5").as_deref(), Some("FF9C5700"));
    assert_eq!(fill(&bytes, "Översikt", "I6").as_deref(), Some("FFFFC7CE"));
    assert_eq!(font_color(&bytes, "Översikt", "I6").as_deref(), Some("FF9C0006"));
    assert_eq!(fill(&bytes, "Översikt", "I7").as_deref(), Some("FFC6EFCE"));
    assert_eq!(font_color(&bytes, "Översikt", "I7").as_deref(), Some("FF006100"));
    // The missing report is red; a value without a colour has no fill.
    assert_eq!(fill(&bytes, "Översikt", "C6").as_deref(), Some("FFFFC7CE"));
    assert_eq!(fill(&bytes, "Mål", "C7"), None, "Inte aktuellt has no colour");
}

// Printing

/// The XML of the `n`th sheet (1-based, in the workbook's order).
fn sheet_xml(bytes: &[u8], n: usize) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut part = archive.by_name(&format!("xl/worksheets/sheet{n}.xml")).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
    xml
}

/// The value of `attribute` in the first `<element …>` of `xml`.
fn attribute(xml: &str, element: &str, attribute: &str) -> Option<String> {
    let start = xml.find(&format!("<{element} "))?;
    let tag = &xml[start..start + xml[start..].find('>')?];
    let at = tag.find(&format!(" {attribute}=\""))? + attribute.len() + 3;
    Some(tag[at..at + tag[at..].find('"')?].to_string())
}

#[test]
fn every_table_sheet_prints_at_a_legible_scale_with_what_stands_beside_it_on_later_pages() {
    let bytes = bytes();
    for (n, sheet) in (1..).zip(SHEETS) {
        let xml = sheet_xml(&bytes, n);
        assert_eq!(attribute(&xml, "pageSetup", "orientation").as_deref(), Some("landscape"), "{sheet}");
        assert_eq!(attribute(&xml, "pageSetup", "paperSize").as_deref(), Some("9"), "{sheet}: A4");
        // A sheet with its table at column A prints it at a scale of its
        // own, never below 70 %, rather than squeezed to one page wide.
        if let Some(scale) = attribute(&xml, "pageSetup", "scale") {
            let scale: u32 = scale.parse().unwrap();
            assert!((70..=100).contains(&scale), "{sheet}: {scale} %");
            assert!(!xml.contains("fitToPage"), "{sheet}");
            assert!(xml.contains("<colBreaks"), "{sheet}: what stands right of the table prints after it");
        }
    }
}

#[test]
fn kansliets_working_sheets_come_last_with_grey_tabs() {
    let bytes = bytes();
    let first_working = SHEETS.iter().position(|s| *s == "Kontroll").unwrap();
    assert_eq!(&SHEETS[first_working..], ["Kontroll", "Källor", "Ändringar", "Rapportdata", "Rapportmål"]);
    for (n, sheet) in (1..).zip(SHEETS) {
        let grey = sheet_xml(&bytes, n).contains("<tabColor rgb=\"FF808080\"/>");
        assert_eq!(grey, n > first_working, "{sheet}");
    }
}
