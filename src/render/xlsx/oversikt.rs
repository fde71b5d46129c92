//! `Översikt`: every insats of the period on one row with the status of
//! each area and where its report stands in kansliet's correspondence
//! (`Rapportläge`, the last column, from `feedback::lagen`); and
//! `Nyckeltal`, the period's key figures (table `Nyckeltal`, each sum with
//! the insatser it is over), what the colours mean, and a chart of how many
//! insatser are green, yellow and red.

use super::count;
use super::styles;
use super::table::{Cell, Column, HEADER_ROW, Placement, Row, Sheet, Table};
use crate::aggregate::{InsatsResultat, Omfattning, Rapportlage, Sammanstallning};
use crate::feedback::KvartalsLage;
use crate::finding::Severity;
use crate::register::Status;
use rust_xlsxwriter::{Chart, ChartType, Color, Worksheet, XlsxError};
use std::collections::HashMap;

pub(super) const SHEET: &str = "Översikt";
pub(super) const NYCKELTAL: &str = "Nyckeltal";

const COLUMN_COUNT: usize = 14;
const COLUMNS: [Column; COLUMN_COUNT] = [
    Column::new("Insats"),
    Column::new("Inriktning"),
    Column::new("Rapport"),
    Column::new("Mål"),
    Column::new("Förutsättningar"),
    Column::new("Budget"),
    Column::new("Kvalitet"),
    Column::new("Deltagare"),
    Column::new("Helhet"),
    Column::new("Fel"),
    Column::new("Varningar"),
    Column::prose("Kansliets bedömning"),
    Column::prose("Anmärkning"),
    // Last, so the memo's columns keep their places.
    Column::new("Rapportläge"),
];

pub(super) fn write(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let caption =
        "Alla insatser i perioden i korthet. Håll muspekaren över en markerad cell för anmärkningen.";
    let mut sheet = Sheet::new(ws, SHEET, &s.titel, caption)?;
    // By insats once: a search per row would make a large run quadratic.
    let mut lagen: HashMap<String, Vec<KvartalsLage>> = HashMap::new();
    for lage in crate::feedback::lagen(s) {
        lagen.entry(lage.insats_id.clone()).or_default().push(lage);
    }
    let table = Table {
        name: "Oversikt",
        columns: COLUMNS.to_vec(),
        rows: s.insatser.iter().map(|insats| row(insats, &lagen)).collect(),
        total: None,
        when_empty: (0, "Inga insatser är aktiva under perioden.".to_string()),
    };
    sheet.table(HEADER_ROW, 0, &table)?;
    sheet.finish(&s.titel)
}

/// `Nyckeltal`: the period's key figures, what the colours mean and the
/// chart of insatser per overall colour, on a sheet of their own after
/// `Översikt`, so each prints on its own page at a legible scale and the
/// figures do not share the overview's tall rows.
pub(super) fn nyckeltal(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let caption = "Periodens nyckeltal, vad färgerna betyder och hur många insatser som har varje färg.";
    let mut sheet = Sheet::new(ws, NYCKELTAL, &s.titel, caption)?;
    let figures = sheet.table(HEADER_ROW, 0, &key_figures(s))?;
    let scopes_end = left_out(&mut sheet, s, &figures)?;
    let legend_end = legend(&mut sheet, scopes_end + 1)?;
    let chart = helhet_chart(&figures, count(s.insatser.len()));
    sheet.worksheet().insert_chart(legend_end + 1, 0, &chart)?;
    sheet.finish(&s.titel)
}

fn row<'a>(insats: &'a InsatsResultat, lagen: &HashMap<String, Vec<KvartalsLage>>) -> Row<'a> {
    let omraden = &insats.omraden;
    let deltagare = omraden.deltagare.as_ref().map_or(Cell::text("Ej aktuellt"), Cell::Bedomd);
    Row::new(vec![
        Cell::text(&insats.kortnamn),
        Cell::text(insats.inriktning.label()),
        rapport(insats.rapport),
        Cell::Bedomd(&omraden.mal),
        Cell::Bedomd(&omraden.forutsattningar),
        Cell::Bedomd(&omraden.budget),
        Cell::Bedomd(&omraden.kvalitet),
        deltagare,
        Cell::Bedomd(&omraden.helhet),
        Cell::Count(super::count(insats.antal_fel)),
        Cell::Count(super::count(insats.antal_varningar)),
        kansliets_bedomning(insats),
        Cell::opt_text(omraden.helhet.anmarkning.as_deref().map(|a| format!("Helhet: {a}")).as_deref()),
        rapportlage(lagen.get(&insats.id).map_or(&[][..], Vec::as_slice)),
    ])
}

/// Where the insats's reports stand (`own`: its quarters), coloured by
/// the most urgent quarter.
fn rapportlage(own: &[KvartalsLage]) -> Cell<'static> {
    match crate::feedback::in_words(own) {
        Some((text, worst)) => Cell::Colored(text, Some(worst.status())),
        None => Cell::Empty,
    }
}

/// A report in is green; a missing one, or one with a Fel, needs action.
fn rapport(lage: Rapportlage) -> Cell<'static> {
    let status = match lage {
        Rapportlage::Inkommen => Status::Gron,
        Rapportlage::Saknas | Rapportlage::ITvivel | Rapportlage::Fel => Status::Rod,
    };
    Cell::Colored(lage.label().to_string(), Some(status))
}

/// Kansliet's reasons for every area it overrode, one per line.
fn kansliets_bedomning(insats: &InsatsResultat) -> Cell<'static> {
    let o = &insats.omraden;
    let areas = [
        ("Mål", Some(&o.mal)),
        ("Förutsättningar", Some(&o.forutsattningar)),
        ("Budget", Some(&o.budget)),
        ("Kvalitet", Some(&o.kvalitet)),
        ("Deltagare", o.deltagare.as_ref()),
        ("Helhet", Some(&o.helhet)),
    ];
    let lines: Vec<String> = areas
        .iter()
        .filter_map(|(area, bedomd)| {
            let bedomd = (*bedomd)?;
            bedomd.bedomning.as_ref().map(|reason| format!("{area}: {} – {reason}", bedomd.text))
        })
        .collect();
    if lines.is_empty() { Cell::Empty } else { Cell::Text(lines.join("\n")) }
}

/// The three `Helhet` rows close the key figures; the chart points at them.
const HELHET: [(&str, Status); 3] =
    [("Helhet grön", Status::Gron), ("Helhet gul", Status::Gul), ("Helhet röd", Status::Rod)];

fn key_figures(s: &Sammanstallning) -> Table<'static> {
    let mut rows = vec![figure("Insatser i perioden", Cell::Count(count(s.insatser.len())), None)];
    rows.extend(report_figures(s));
    rows.extend(feedback_figures(s));
    rows.extend(money_figures(s));
    rows.extend(participant_figures(s));
    for (label, status) in HELHET {
        let n = s.insatser.iter().filter(|i| i.omraden.helhet.status == Some(status)).count();
        rows.push(Row::new(vec![
            Cell::Colored(label.to_string(), Some(status)),
            Cell::Count(count(n)),
            Cell::Empty,
        ]));
    }
    Table {
        name: "Nyckeltal",
        columns: vec![Column::new("Nyckeltal"), Column::new("Värde"), Column::prose(OMFATTNING)],
        rows,
        total: None,
        when_empty: (0, String::new()),
    }
}

/// The column saying which insatser a summed figure is over.
const OMFATTNING: &str = "Omfattning";

/// One key figure: its label, its value, and for a sum the insatser it is over.
fn figure(label: &str, value: Cell<'static>, scope: Option<String>) -> Row<'static> {
    Row::new(vec![Cell::text(label), value, scope.map_or(Cell::Empty, Cell::Text)])
}

/// A sum's scope in a few words, to keep the key figures one line each
/// beside the insatser: "16 av 18 insatser"; when some are left out, who
/// they are is said under the table ([`left_out`]).
fn short_scope(o: &Omfattning, kind: (&str, &str)) -> String {
    let (one, many) = kind;
    let noun = if o.av == 1 { one } else { many };
    let inne = o.insatser.len();
    if o.utanfor.is_empty() {
        format!("{inne} av {} {noun}", o.av)
    } else {
        format!("{inne} av {} {noun}, se nedan", o.av)
    }
}

const INSATSER: (&str, &str) = ("insats", "insatser");
const INDIVIDINRIKTADE: (&str, &str) = ("individinriktad insats", "individinriktade insatser");

/// Under the key figures, each sum that leaves insatser out, in full:
/// which and why. Returns the row below the last.
fn left_out(sheet: &mut Sheet, s: &Sammanstallning, figures: &Placement) -> Result<u32, XlsxError> {
    let t = &s.totaler;
    let sums = [
        ("Budget och utfall", &t.budget.omfattning),
        ("Deltagare", &t.deltagare.omfattning),
        ("Beviljat belopp", &t.fordelning.omfattning),
    ];
    let mut row = figures.next_row;
    for (label, omfattning) in sums.into_iter().filter(|(_, o)| !o.utanfor.is_empty()) {
        sheet.wrapped(row, figures.first_col, figures.last_col, &format!("{label}: {}", omfattning.text))?;
        row += 1;
    }
    Ok(row)
}

fn report_figures(s: &Sammanstallning) -> Vec<Row<'static>> {
    let expected = s.insatser.iter().map(|i| i.rapporter.len()).sum::<usize>();
    let received = s.insatser.iter().flat_map(|i| &i.rapporter).filter(|r| r.fil.is_some()).count();
    let severity = |wanted| s.fynd.iter().filter(|f| f.severity == wanted).count();
    [
        ("Rapporter väntade", expected),
        ("Rapporter inkomna", received),
        ("Rapporter saknas", expected.saturating_sub(received)),
        ("Fel", severity(Severity::Fel)),
        ("Varningar", severity(Severity::Varning)),
    ]
    .into_iter()
    .map(|(label, n)| figure(label, Cell::Count(count(n)), None))
    .collect()
}

/// What the feedback to the styrgrupper amounts to: the same messages
/// `--aterkoppling` writes, counted whether or not they were written.
fn feedback_figures(s: &Sammanstallning) -> Vec<Row<'static>> {
    use crate::feedback::{Paminnelser, korrespondens, summary};
    let meddelanden = korrespondens(s, &Paminnelser::default());
    summary(&meddelanden).into_iter().map(|(label, n)| figure(label, Cell::Count(count(n)), None)).collect()
}

/// Budget and spend as the total row of `Budget`, over the same insatser;
/// the granted amount as the total of `Fördelning`.
fn money_figures(s: &Sammanstallning) -> Vec<Row<'static>> {
    let (budget, fordelning) = (&s.totaler.budget, &s.totaler.fordelning);
    let scope = || Some(short_scope(&budget.omfattning, INSATSER));
    vec![
        figure("Budget för perioden", Cell::kr(budget.budget), scope()),
        figure("Utfall för perioden", Cell::kr(budget.utfall), scope()),
        figure("Utfall i procent av budget", Cell::andel(budget.andel), scope()),
        figure(
            "Beviljat belopp",
            Cell::Kr(fordelning.beviljat_belopp),
            Some(short_scope(&fordelning.omfattning, INSATSER)),
        ),
    ]
}

/// Participants as the total row of `Deltagare`, over the same insatser.
fn participant_figures(s: &Sammanstallning) -> Vec<Row<'static>> {
    let deltagare = &s.totaler.deltagare;
    let scope = || Some(short_scope(&deltagare.omfattning, INDIVIDINRIKTADE));
    vec![
        figure("Deltagare pågående", Cell::count(deltagare.pagaende), scope()),
        figure("Deltagare avslutade", Cell::count(deltagare.avslutade), scope()),
        figure("Deltagare totalt", Cell::count(deltagare.totalt), scope()),
        figure("Till arbete eller studier", Cell::andel(s.avslut.andel_totalt), None),
        figure("Mål till arbete eller studier", Cell::Andel(s.avslut.mal), None),
    ]
}

/// What the colours and marks mean; returns the row below the legend.
fn legend(sheet: &mut Sheet, row: u32) -> Result<u32, XlsxError> {
    let lines = [
        (Some(Status::Gron), "Grön: i linje med ansökan"),
        (Some(Status::Gul), "Gul: håll under bevakning"),
        (Some(Status::Rod), "Röd: behöver åtgärd eller avvikelserapport"),
        (None, "† kansliets bedömning (se kolumnen Kansliets bedömning)"),
        (None, "* anmärkning (se kolumnen Anmärkning på områdets blad)"),
    ];
    for (offset, (status, text)) in lines.iter().enumerate() {
        let at = row + offset as u32;
        sheet.worksheet().merge_range(at, 0, at, 1, text, &styles::legend(*status))?;
    }
    Ok(row + lines.len() as u32)
}

/// Bars need stronger colours than the cell fills to be told apart.
fn bar_color(status: Status) -> u32 {
    match status {
        Status::Gron => 0x70AD47,
        Status::Gul => 0xFFC000,
        Status::Rod => 0xC00000,
    }
}

/// Insatser per overall colour, each bar in its own colour.
fn helhet_chart(figures: &Placement, insatser: u32) -> Chart {
    let last = figures.last_row;
    let first = last + 1 - HELHET.len() as u32;
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name("Insatser")
        .set_categories((NYCKELTAL, first, figures.first_col, last, figures.first_col))
        .set_values((NYCKELTAL, first, figures.first_col + 1, last, figures.first_col + 1))
        .set_point_colors(&HELHET.map(|(_, status)| Color::RGB(bar_color(status))));
    chart.title().set_name("Insatser efter helhetsbedömning");
    // Whole insatser: ticks at whole numbers, about ten of them at most.
    chart.y_axis().set_num_format("0").set_min(0).set_major_unit(insatser.div_ceil(10).max(1));
    chart.legend().set_hidden();
    chart.set_width(420).set_height(260);
    chart
}
