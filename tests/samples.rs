//! The shipped samples: the checked-in workbooks are exactly what
//! `samples/source/` gives, and the source adds up to the board's follow-up
//! memo for quarters 1 and 2 of 2018, whose figures are copied under
//! `tests/data/memo-2018-h1/` (see its README).

#[allow(dead_code)]
#[path = "../examples/samples.rs"]
mod samples;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use samples::{ReportSource, Source};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use uppfoljning::contract::{
    AVSLUTSANLEDNINGAR, ChoiceList, FIELDS, FieldType, IFas, MalPrognos, Malstatus, Narvaro, Required, Svar,
    SvarEa, TILL_ARBETE_ELLER_STUDIER,
};
use uppfoljning::finding::Code;
use uppfoljning::period::Kvartal;
use uppfoljning::template::Answer;
use uppfoljning::value::{CellValue, parse_choice, parse_date, parse_int, parse_kr};

const K1: Kvartal = Kvartal { ar: 2018, kvartal: 1 };
const K2: Kvartal = Kvartal { ar: 2018, kvartal: 2 };
const REGENERATE: &str = "run `cargo run --example samples` and commit the result";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

// ---------------------------------------------------------------------------
// The memo's figures and the samples' source

type MemoRow = BTreeMap<String, String>;

/// A `;`-separated table of the memo, by its `nr` column when it has one.
fn memo(file: &str) -> Vec<MemoRow> {
    let path = root().join("tests/data/memo-2018-h1").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let headers: Vec<&str> = lines.next().expect("header row").split(';').collect();
    lines
        .map(|line| headers.iter().map(|h| h.to_string()).zip(line.split(';').map(str::to_string)).collect())
        .collect()
}

fn nr(row: &MemoRow) -> u32 {
    row["nr"].parse().expect("nr is a number")
}

/// The source, and the insats id of each of the memo's rows (its `nr`).
struct Samples {
    source: Source,
    ids: BTreeMap<u32, String>,
}

fn samples() -> &'static Samples {
    static SAMPLES: OnceLock<Samples> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let source = Source::read(&root().join("samples/source")).unwrap_or_else(|e| panic!("{e}"));
        let insatser = source.register.sheet("Insatser").unwrap_or_else(|e| panic!("{e}"));
        let mut ids = BTreeMap::new();
        for row in memo("insatser.csv") {
            let insats = insatser.rows().find(|r| r.text("Namn") == row["namn"]);
            let insats = insats.unwrap_or_else(|| panic!("no insats named {} in insatser.csv", row["namn"]));
            ids.insert(nr(&row), insats.text("Id").to_string());
        }
        Samples { source, ids }
    })
}

impl Samples {
    fn id(&self, nr: u32) -> &str {
        &self.ids[&nr]
    }

    fn insats(&self, nr: u32) -> samples::Row<'_> {
        self.source.register.insats(self.id(nr)).expect("insats in register")
    }

    fn report(&self, nr: u32, q: Kvartal) -> &ReportSource {
        let id = self.id(nr);
        self.source.report(id, q).unwrap_or_else(|| panic!("no report of {id} for {q}"))
    }

    fn answer(&self, nr: u32, q: Kvartal, name: &str) -> CellValue {
        cell(self.report(nr, q).answers.get(name))
    }

    fn int(&self, nr: u32, q: Kvartal, name: &str) -> u32 {
        parse_int(&self.answer(nr, q, name))
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("{nr} {q} {name}: no int"))
    }

    /// An int field that may be left empty (insatser expecting no participants).
    fn int_or_zero(&self, nr: u32, q: Kvartal, name: &str) -> u32 {
        parse_int(&self.answer(nr, q, name)).ok().flatten().unwrap_or(0)
    }

    fn kr(&self, nr: u32, q: Kvartal, name: &str) -> Decimal {
        parse_kr(&self.answer(nr, q, name))
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("{nr} {q} {name}: no amount"))
    }

    fn choice<T>(&self, nr: u32, q: Kvartal, name: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
        parse_choice(&self.answer(nr, q, name), parse)
            .unwrap_or_else(|_| panic!("{nr} {q} {name}: not in list"))
    }

    fn pair(&self, nr: u32, q: Kvartal, stem: &str) -> [u32; 2] {
        [self.int_or_zero(nr, q, &format!("{stem}_kvinnor")), self.int_or_zero(nr, q, &format!("{stem}_man"))]
    }

    fn expects_participants(&self, nr: u32) -> bool {
        let insats = self.insats(nr);
        insats.text("Inriktning") == "Individ" || insats.int("Förväntat antal deltagare").unwrap_or(0) > 0
    }
}

fn cell(answer: Option<&Answer>) -> CellValue {
    match answer {
        None => CellValue::Empty,
        Some(Answer::Text(text)) => CellValue::Text(text.clone()),
        Some(Answer::Number(n)) => CellValue::Number(*n),
        Some(Answer::Date(day)) => CellValue::Date(*day),
        Some(Answer::GoalAnswers(_)) => CellValue::Text("(mal_lista)".into()),
    }
}

fn goal_statuses(report: &ReportSource) -> Vec<Option<Malstatus>> {
    match report.answers.get("mal_lista") {
        Some(Answer::GoalAnswers(rows)) => rows.iter().map(|(status, _)| Malstatus::parse(status)).collect(),
        _ => Vec::new(),
    }
}

/// "Ja*" as ("Ja", true).
fn starred(memo_value: &str) -> (&str, bool) {
    match memo_value.strip_suffix('*') {
        Some(answer) => (answer, true),
        None => (memo_value, false),
    }
}

/// Tabell 1's "insatstid" of whole months from `start` to `slut`.
fn insatstid(start: NaiveDate, slut: NaiveDate) -> String {
    let end = slut.succ_opt().expect("a day after slut");
    assert_eq!((start.day(), end.day()), (1, 1), "{start}–{slut} is not whole months");
    let months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32;
    match (months / 12, months % 12) {
        (years, 0) => format!("{years} år"),
        (0, rest) => format!("{rest} mån"),
        (years, rest) => format!("{years} år och {rest} mån"),
    }
}

// ---------------------------------------------------------------------------
// The checked-in workbooks

/// The `.xlsx` file names directly in `dir`.
fn xlsx_names(dir: &Path) -> Vec<String> {
    let files = samples::xlsx_files(dir).unwrap_or_else(|e| panic!("{e}"));
    files.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect()
}

/// Every file under `dir`, relative to it, sorted: the archive's quarter
/// folders and their workbooks.
fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![PathBuf::new()];
    while let Some(folder) = folders.pop() {
        for entry in
            std::fs::read_dir(dir.join(&folder)).unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        {
            let entry = entry.expect("folder entry");
            let relative = folder.join(entry.file_name());
            if entry.path().is_dir() {
                folders.push(relative);
            } else {
                files.push(relative);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn checked_in_samples_are_what_the_source_gives() {
    let out = tempfile::tempdir().expect("temp dir");
    let samples_dir = root().join("samples");
    samples::generate(&samples_dir.join("source"), out.path()).unwrap_or_else(|e| panic!("{e}"));
    let shipped = xlsx_names(&samples_dir.join(samples::REPORTS_DIR));
    let regenerated = xlsx_names(&out.path().join(samples::REPORTS_DIR));
    assert_eq!(
        shipped, regenerated,
        "samples/rapporter/ holds other files than the source gives: {REGENERATE}"
    );
    let archive = files_below(&samples_dir.join(samples::ARCHIVE_DIR));
    assert_eq!(
        archive,
        files_below(&out.path().join(samples::ARCHIVE_DIR)),
        "samples/arkiv/ holds other files than the source gives: {REGENERATE}"
    );
    let mut files = vec![PathBuf::from(samples::REGISTER_FILE)];
    files.extend(shipped.iter().map(|name| Path::new(samples::REPORTS_DIR).join(name)));
    files.extend(archive.iter().map(|file| Path::new(samples::ARCHIVE_DIR).join(file)));
    for file in files {
        let read =
            |dir: &Path| std::fs::read(dir.join(&file)).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(
            read(&samples_dir) == read(out.path()),
            "samples/{} differs from what samples/source gives: {REGENERATE}",
            file.display()
        );
    }
}

#[test]
fn the_archive_keeps_one_folder_per_quarter_named_as_the_reports_say() {
    let s = samples();
    let archive = root().join("samples").join(samples::ARCHIVE_DIR);
    let files = files_below(&archive);
    assert_eq!(files.len(), s.source.archive.len());
    for file in &files {
        let folder = file.parent().and_then(Path::to_str).expect("a quarter folder");
        let name = file.file_name().expect("file name").to_string_lossy().into_owned();
        assert!(name.starts_with(&format!("{folder} ")), "{} is not in its quarter's folder", file.display());
        let outcome = uppfoljning::report::read_report(&archive.join(file), &name);
        let report = outcome.report.as_ref().unwrap_or_else(|| panic!("{name} is not read as a report"));
        assert_eq!(report.identitet.kvartal().map(|q| q.to_string()).as_deref(), Some(folder), "{name}");
    }
}

#[test]
fn samples_give_exactly_the_findings_they_are_meant_to_show() {
    let samples_dir = root().join("samples");
    let (register, register_findings) =
        uppfoljning::register::read_register(&samples_dir.join(samples::REGISTER_FILE))
            .expect("register reads");
    assert_eq!(register_findings, vec![], "the sample register has findings");
    let as_of = K2.last_day();
    let mut found = BTreeSet::new();
    for path in samples::xlsx_files(&samples_dir.join(samples::REPORTS_DIR)).unwrap_or_else(|e| panic!("{e}"))
    {
        let file = path.file_name().expect("file name").to_string_lossy().into_owned();
        let outcome = uppfoljning::report::read_report(&path, &file);
        let report = outcome.report.as_ref().unwrap_or_else(|| panic!("{file} is not read as a report"));
        let id = report.identitet.insats_id.clone().expect("insats_id");
        let kvartal = report.identitet.kvartal().expect("quarter");
        let utfall =
            parse_kr(&cell(samples().source.report(&id, kvartal).expect("source").answers.get("utfall_kr")));
        assert_eq!(report.budget.utfall_kr, utfall.expect("amount"), "{file}: utfall read back");
        assert_eq!(report.budget.budget_kr, register.quarter_budget(&id, kvartal), "{file}: budget_kr");
        let checked = uppfoljning::check::check_report(&outcome, &register, Some(as_of));
        for finding in outcome.findings.iter().chain(&checked) {
            found.insert((id.clone(), kvartal, finding.code, finding.field.clone().unwrap_or_default()));
        }
    }
    let s = samples();
    let expected: BTreeSet<_> = [
        // Tabell 2: "Framgår ej i kvartalsrapporten".
        (13, K1, Code::SvarSaknas, "mal_i_fas"),
        (13, K2, Code::SvarSaknas, "mal_i_fas"),
        // Tabell 5: Kontroll målgrupp "Ja*".
        (6, K1, Code::DeltagareUtanforMalgrupp, "deltagare_utanfor_malgrupp"),
        (6, K2, Code::DeltagareUtanforMalgrupp, "deltagare_utanfor_malgrupp"),
        // The footnote's 2 participants left in an insats that changed orientation.
        (16, K1, Code::DeltagareOvantade, "deltagare_pagaende_kvinnor"),
        (16, K2, Code::DeltagareOvantade, "deltagare_pagaende_kvinnor"),
    ]
    .into_iter()
    .map(|(nr, q, code, field)| (s.id(nr).to_string(), q, code, field.to_string()))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn every_archived_report_reads_back_as_its_source_says_without_findings() {
    let samples_dir = root().join("samples");
    let (register, _) = uppfoljning::register::read_register(&samples_dir.join(samples::REGISTER_FILE))
        .expect("register reads");
    let s = samples();
    for report_source in &s.source.archive {
        let (name, _) = s.source.workbook(report_source).unwrap_or_else(|e| panic!("{e}"));
        let path = samples_dir.join(samples::ARCHIVE_DIR).join(report_source.kvartal.to_string()).join(&name);
        let outcome = uppfoljning::report::read_report(&path, &name);
        let report = outcome.report.as_ref().unwrap_or_else(|| panic!("{name} is not read as a report"));
        let (id, q) = (&report_source.insats_id, report_source.kvartal);
        let utfall = parse_kr(&cell(report_source.answers.get("utfall_kr"))).expect("amount");
        assert_eq!(report.budget.utfall_kr, utfall, "{name}: utfall read back");
        let budget = register.quarter_budget(id, q);
        assert!(budget.is_some_and(|b| !b.is_zero()), "{name}: the register has a Budget row for {q}");
        assert_eq!(report.budget.budget_kr, budget, "{name}: budget_kr");
        // Checked as a run of its own quarter would check it.
        let checked = uppfoljning::check::check_report(&outcome, &register, Some(q.last_day()));
        let findings: Vec<_> =
            outcome.findings.iter().chain(&checked).map(|f| (f.code, f.message.clone())).collect();
        assert_eq!(findings, vec![], "{name}");
    }
}

#[test]
fn participants_add_up_from_the_archive_through_the_memos_quarters() {
    let s = samples();
    let mut by_insats: BTreeMap<&str, BTreeMap<Kvartal, &ReportSource>> = BTreeMap::new();
    // rapporter.toml first, then the archive in file order: a later version of a quarter replaces an earlier one.
    for report in s.source.reports.iter().chain(&s.source.archive) {
        by_insats.entry(report.insats_id.as_str()).or_default().insert(report.kvartal, report);
    }
    let get = |report: &ReportSource, stem: &str, gender: &str| -> u32 {
        parse_int(&cell(report.answers.get(format!("deltagare_{stem}_{gender}").as_str())))
            .ok()
            .flatten()
            .unwrap_or(0)
    };
    let mut checked = 0;
    for (id, quarters) in &by_insats {
        for (q, report) in quarters {
            let Some(before) = quarters.get(&q.previous()) else { continue };
            if !s.source.archived(id, *q).is_empty() || !s.source.archived(id, q.previous()).is_empty() {
                checked += 1;
            }
            for gender in ["kvinnor", "man"] {
                let carried = get(before, "pagaende", gender) + get(report, "nya", gender);
                assert_eq!(
                    carried - get(report, "avslutade", gender),
                    get(report, "pagaende", gender),
                    "{id} {q} {gender}"
                );
                assert_eq!(
                    get(before, "totalt", gender) + get(report, "nya", gender),
                    get(report, "totalt", gender),
                    "{id} {q} {gender}"
                );
            }
        }
    }
    assert_eq!(checked, 16, "the archive's quarters are checked against their neighbours");
}

// ---------------------------------------------------------------------------
// The source against the memo

#[test]
fn every_answer_is_valid_and_only_asf_leaves_a_required_one_out() {
    let s = samples();
    let mut missing = Vec::new();
    for (&nr, id) in &s.ids {
        for q in [K1, K2] {
            let report = s.report(nr, q);
            for field in FIELDS.iter().filter(|f| !f.locked) {
                let required = match field.required {
                    Required::Yes => true,
                    Required::WhenParticipantsExpected => s.expects_participants(nr),
                    Required::No => false,
                };
                match report.answers.get(field.name) {
                    None if required => missing.push((id.as_str(), q, field.name)),
                    None => {}
                    Some(answer) => assert!(valid(field.ty, answer), "{id} {q} {}: {answer:?}", field.name),
                }
            }
        }
    }
    let asf = s.id(13);
    assert_eq!(missing, vec![(asf, K1, "mal_i_fas"), (asf, K2, "mal_i_fas")]);
}

fn valid(ty: FieldType, answer: &Answer) -> bool {
    match (ty, answer) {
        (FieldType::GoalBlock, Answer::GoalAnswers(rows)) => {
            rows.iter().all(|(status, _)| status.trim().is_empty() || Malstatus::parse(status).is_some())
        }
        (FieldType::GoalBlock, _) | (_, Answer::GoalAnswers(_)) => false,
        (FieldType::Text, _) => true,
        (FieldType::Int, a) => parse_int(&cell(Some(a))).is_ok(),
        (FieldType::Kr, a) => parse_kr(&cell(Some(a))).is_ok(),
        (FieldType::Date, a) => parse_date(&cell(Some(a))).is_ok(),
        (FieldType::Choice(list), a) => valid_choice(list, &cell(Some(a))),
    }
}

fn valid_choice(list: ChoiceList, value: &CellValue) -> bool {
    match list {
        ChoiceList::JaNej => parse_choice(value, Svar::parse).is_ok(),
        ChoiceList::JaNejEa => parse_choice(value, SvarEa::parse).is_ok(),
        ChoiceList::IFas => parse_choice(value, IFas::parse).is_ok(),
        ChoiceList::Prognos => parse_choice(value, MalPrognos::parse).is_ok(),
        ChoiceList::Narvaro => parse_choice(value, Narvaro::parse).is_ok(),
        ChoiceList::Malstatus => parse_choice(value, Malstatus::parse).is_ok(),
    }
}

#[test]
fn tabell_1_names_insatstid_and_activity_in_both_quarters() {
    let s = samples();
    assert_eq!(s.ids.len(), 18);
    assert_eq!(s.source.reports.len(), 36, "one report per insats and quarter");
    for row in memo("insatser.csv") {
        let insats = s.insats(nr(&row));
        assert_eq!(insats.text("Kortnamn"), row["kortnamn"]);
        let (start, slut) = (insats.date("Start").expect("Start"), insats.date("Slut").expect("Slut"));
        assert_eq!(insatstid(start, slut), row["insatstid"], "{}", row["namn"]);
        assert!(
            K1.overlaps(start, slut) && K2.overlaps(start, slut),
            "{} not active in 2018-H1",
            row["namn"]
        );
    }
    let knivsta = s.source.register.insats("2017:48").expect("Knivsta, En väg in has Dnr 2017:48");
    assert_eq!(knivsta.text("Namn"), "Knivsta, En väg in – flera vägar ut");
    assert_eq!(knivsta.kr("Beviljat belopp"), Some(Decimal::from(5_900_000)));
}

#[test]
fn tabell_2_goals_come_from_the_second_quarter() {
    let s = samples();
    for row in memo("mal.csv") {
        let nr = nr(&row);
        // "Framgår ej i kvartalsrapporten" is no value of the list: the report left it empty.
        let i_fas = IFas::parse(&row["i_fas"]);
        assert_eq!(s.choice(nr, K2, "mal_i_fas", IFas::parse), i_fas, "mal_i_fas of {nr}");
        let prognos = MalPrognos::parse(&row["prognos"]);
        assert_eq!(s.choice(nr, K2, "mal_prognos", MalPrognos::parse), prognos, "mal_prognos of {nr}");
    }
    let kunskapsstod = goal_statuses(s.report(16, K2));
    let count = |status| kunskapsstod.iter().filter(|s| **s == Some(status)).count();
    assert_eq!((kunskapsstod.len(), count(Malstatus::Uppfyllt), count(Malstatus::Justerat)), (7, 6, 1));
}

#[test]
fn every_goal_of_the_register_has_a_status_except_asfs() {
    let s = samples();
    for (&nr, id) in &s.ids {
        let goals = s.source.register.goals(id).unwrap_or_else(|e| panic!("{e}"));
        assert!((1..=7).contains(&goals.len()), "{id} has {} goals", goals.len());
        for q in [K1, K2] {
            let statuses = goal_statuses(s.report(nr, q));
            if nr == 13 {
                assert!(statuses.is_empty(), "ASF says nothing about its goals");
            } else {
                assert_eq!(statuses.len(), goals.len(), "{id} {q}");
                assert!(statuses.iter().all(Option::is_some), "{id} {q}: a goal without status");
            }
        }
    }
}

#[test]
fn tabell_3_conditions_come_from_the_second_quarter() {
    let s = samples();
    for row in memo("forutsattningar.csv") {
        for column in ["start_i_tid", "vakanser_sof", "vakanser_egen", "avvikelse_budget"] {
            let answer = s.choice(nr(&row), K2, column, Svar::parse);
            assert_eq!(answer, Svar::parse(&row[column]), "{column} of {}", row["nr"]);
        }
    }
}

#[test]
fn tabell_4_budget_and_utfall_add_up_over_the_half_year() {
    let s = samples();
    let budget = s.source.register.sheet("Budget").unwrap_or_else(|e| panic!("{e}"));
    for row in memo("budget.csv") {
        let nr = nr(&row);
        let quarters: Vec<Decimal> = [K1, K2]
            .iter()
            .map(|q| s.source.register.quarter_budget(s.id(nr), *q).ok().flatten().expect("a budget row"))
            .collect();
        assert_eq!(quarters.iter().sum::<Decimal>().to_string(), row["budget_h1"], "budget of {nr}");
        // The archive's quarters have Budget rows too (samples/README.md).
        let in_h1 = |r: &samples::Row| r.int("År") == Some(2018) && r.int("Kvartal").is_some_and(|k| k <= 2);
        let rows = budget.rows().filter(|r| r.text("Id") == s.id(nr) && in_h1(r)).count();
        assert_eq!(rows, 2, "Budget rows of {nr}");
        let utfall = s.kr(nr, K1, "utfall_kr") + s.kr(nr, K2, "utfall_kr");
        assert_eq!(utfall.to_string(), row["utfall_h1"], "utfall of {nr}");
    }
}

/// The absences the memo's text names; every other partner of an insats
/// had its ordinary member at every meeting.
fn memo_absences() -> BTreeMap<(u32, Kvartal, &'static str), Narvaro> {
    let (ingen, ersattare) = (Narvaro::IngenNarvarande, Narvaro::ErsattareNarvarande);
    let mut absent = BTreeMap::from([
        ((3, K1, "narvaro_fk"), ingen),
        ((5, K2, "narvaro_fk"), ersattare),
        ((14, K1, "narvaro_kommun"), ingen),
        ((14, K2, "narvaro_fk"), ingen),
    ]);
    let both_quarters =
        [(6, "narvaro_af"), (9, "narvaro_fk"), (9, "narvaro_af"), (9, "narvaro_kommun"), (17, "narvaro_af")];
    for (nr, field) in both_quarters.into_iter().chain([(18, "narvaro_af"), (18, "narvaro_kommun")]) {
        absent.insert((nr, K1, field), ingen);
        absent.insert((nr, K2, field), ingen);
    }
    absent
}

#[test]
fn attendance_is_as_the_memo_tells_it() {
    let s = samples();
    let absent = memo_absences();
    let parts = [
        ("narvaro_kommun", "Kommun"),
        ("narvaro_af", "Arbetsförmedlingen"),
        ("narvaro_fk", "Försäkringskassan"),
        ("narvaro_region", "Region"),
    ];
    for &nr in s.ids.keys() {
        let parter = s.insats(nr).text("Parter");
        let parter: Vec<&str> = parter.split(',').map(str::trim).collect();
        for q in [K1, K2] {
            for (field, part) in parts {
                let expected = match absent.get(&(nr, q, field)) {
                    Some(narvaro) => *narvaro,
                    None if parter.contains(&part) => Narvaro::OrdinarieNarvarande,
                    None => Narvaro::EjPart,
                };
                assert_eq!(s.choice(nr, q, field, Narvaro::parse), Some(expected), "{nr} {q} {field}");
            }
        }
    }
}

#[test]
fn tabell_5_answers_come_from_the_second_quarter_and_stars_from_the_figures() {
    let s = samples();
    for row in memo("kvalitet.csv") {
        let nr = nr(&row);
        let weak = |field: &str| {
            [K1, K2]
                .iter()
                .any(|q| s.choice(nr, *q, field, Narvaro::parse).is_some_and(|n| n.ordinary_member_missing()))
        };
        let any_absent =
            ["narvaro_kommun", "narvaro_af", "narvaro_fk", "narvaro_region"].into_iter().any(weak);
        let meetings = [K1, K2].map(|q| s.int(nr, q, "styrgruppsmoten"));
        assert!(meetings.iter().all(|m| *m >= 1) && meetings.iter().sum::<u32>() >= 2, "meetings of {nr}");
        assert_eq!(starred(&row["styrgruppsmoten"]), ("Ja", any_absent), "styrgruppsmöten of {nr}");

        let anonymous = s.int_or_zero(nr, K2, "deltagare_anonyma") > 0;
        let (uppfoljning, star) = starred(&row["uppfoljning"]);
        assert_eq!(
            s.choice(nr, K2, "uppfoljning_enligt_avtal", Svar::parse),
            Svar::parse(uppfoljning),
            "{nr}"
        );
        // A star on "Nej" is the memo's prose (not started), not a figure.
        assert_eq!(anonymous, star && uppfoljning == "Ja", "uppföljning star of {nr}");

        let outside =
            [K1, K2].iter().map(|q| s.int_or_zero(nr, *q, "deltagare_utanfor_malgrupp")).sum::<u32>() > 0;
        let (malgrupp, star) = starred(&row["kontroll_malgrupp"]);
        assert_eq!(s.choice(nr, K2, "kontroll_malgrupp", SvarEa::parse), SvarEa::parse(malgrupp), "{nr}");
        assert_eq!(outside, star && malgrupp == "Ja", "kontroll målgrupp star of {nr}");

        for column in ["kontroll_metod", "jamlikhet", "jamstalldhet"] {
            let memo_answer = SvarEa::parse(starred(&row[column]).0);
            assert_eq!(s.choice(nr, K2, column, SvarEa::parse), memo_answer, "{column} of {nr}");
        }
        let avvikelse = Svar::parse(&row["avvikelse_mal_malgrupp"]);
        assert_eq!(s.choice(nr, K2, "avvikelse_mal_malgrupp", Svar::parse), avvikelse, "{nr}");
    }
}

#[test]
fn tabell_6_and_7_participants_of_the_individual_insatser() {
    let s = samples();
    let individual: BTreeMap<u32, MemoRow> = memo("deltagare.csv").into_iter().map(|r| (nr(&r), r)).collect();
    for &nr in s.ids.keys() {
        let insats = s.insats(nr);
        let Some(row) = individual.get(&nr) else {
            assert_ne!(insats.text("Inriktning"), "Individ", "{nr} is not in Tabell 6");
            continue;
        };
        assert_eq!(insats.text("Inriktning"), "Individ", "{nr}");
        assert!(!insats.text("Karaktär").is_empty(), "Karaktär of {nr}");
        assert_eq!(
            insats.int("Förväntat antal deltagare").map(|n| n.to_string()).as_ref(),
            Some(&row["forvantat_hela_insatstiden"])
        );
        assert_eq!(insats.kr("Budget per år").map(|n| n.to_string()).as_ref(), Some(&row["budget_per_ar"]));
        let sum = |pair: [u32; 2]| (pair[0] + pair[1]).to_string();
        assert_eq!(sum(s.pair(nr, K2, "deltagare_pagaende")), row["pagaende"], "pågående of {nr}");
        assert_eq!(sum(s.pair(nr, K2, "deltagare_totalt")), row["totalt"], "totalt of {nr}");
        let [k1, k2] = [K1, K2].map(|q| s.pair(nr, q, "deltagare_avslutade"));
        assert_eq!(sum([k1[0] + k2[0], k1[1] + k2[1]]), row["avslutade"], "avslutade of {nr}");
    }
    let anonymous: u32 = s.ids.keys().map(|nr| s.int_or_zero(*nr, K2, "deltagare_anonyma")).sum();
    assert_eq!(anonymous, 19, "the memo's anonymously registered");
    assert_eq!(s.int(4, K2, "deltagare_anonyma"), 19, "all of them in Håbo, Framsteget");
    let kunskapsstod = s.pair(16, K2, "deltagare_totalt");
    assert_eq!(kunskapsstod[0] + kunskapsstod[1], 2, "the footnote's 622 = 620 + 2");
}

#[test]
fn participants_add_up_within_and_between_quarters() {
    let s = samples();
    for &nr in s.ids.keys().filter(|nr| s.report(**nr, K2).answers.contains_key("deltagare_pagaende_kvinnor"))
    {
        for gender in [0, 1] {
            let get = |q: Kvartal, stem: &str| s.pair(nr, q, stem)[gender];
            for q in [K1, K2] {
                let reasons: u32 =
                    AVSLUTSANLEDNINGAR.iter().map(|(key, _)| get(q, &format!("avslut_{key}"))).sum();
                assert_eq!(reasons, get(q, "deltagare_avslutade"), "reasons of {nr} {q} ({gender})");
            }
            // Nobody finished before 2018: the memo's totals are ongoing + finished in the half-year.
            assert_eq!(
                get(K1, "deltagare_totalt"),
                get(K1, "deltagare_pagaende") + get(K1, "deltagare_avslutade")
            );
            let carried = get(K1, "deltagare_pagaende") + get(K2, "deltagare_nya");
            assert_eq!(
                carried - get(K2, "deltagare_avslutade"),
                get(K2, "deltagare_pagaende"),
                "{nr} ({gender})"
            );
            assert_eq!(get(K1, "deltagare_totalt") + get(K2, "deltagare_nya"), get(K2, "deltagare_totalt"));
        }
    }
}

#[test]
fn reasons_for_finishing_match_the_statistics() {
    let s = samples();
    let total = |stem: &str| -> [u32; 2] {
        let mut sum = [0, 0];
        for &nr in s.ids.keys() {
            for q in [K1, K2] {
                let pair = s.pair(nr, q, stem);
                sum = [sum[0] + pair[0], sum[1] + pair[1]];
            }
        }
        sum
    };
    let statistics: BTreeMap<String, MemoRow> =
        memo("avslut.csv").into_iter().map(|r| (r["avslutsanledning"].clone(), r)).collect();
    let expect = |label: &str, sum: [u32; 2]| {
        let row = &statistics[label];
        assert_eq!(
            [sum[0].to_string(), sum[1].to_string()],
            [row["kvinnor"].clone(), row["man"].clone()],
            "{label}"
        );
    };
    let mut to_work = [0, 0];
    for (key, wording) in AVSLUTSANLEDNINGAR.iter().filter(|(key, _)| TILL_ARBETE_ELLER_STUDIER.contains(key))
    {
        let sum = total(&format!("avslut_{key}"));
        expect(wording, sum);
        to_work = [to_work[0] + sum[0], to_work[1] + sum[1]];
    }
    expect("Till arbete eller studier", to_work);
    expect("Avslutade totalt", total("deltagare_avslutade"));
}

#[test]
fn granted_amounts_split_relatively_close_to_60_30_10() {
    let s = samples();
    let mut by_inriktning: BTreeMap<String, Decimal> = BTreeMap::new();
    for &nr in s.ids.keys() {
        let insats = s.insats(nr);
        *by_inriktning.entry(insats.text("Inriktning").to_string()).or_default() +=
            insats.kr("Beviljat belopp").expect("Beviljat belopp");
    }
    let all: Decimal = by_inriktning.values().sum();
    for (inriktning, target) in [("Individ", 60), ("Struktur", 30), ("Kompetens", 10)] {
        let percent = by_inriktning[inriktning] * Decimal::from(100) / all;
        let off = (percent - Decimal::from(target)).abs();
        assert!(off <= Decimal::from(7), "{inriktning}: {percent:.1} % against {target} %");
    }
    let beslut = s.source.register.rows_of("Beslut", "2017:48").unwrap_or_else(|e| panic!("{e}"));
    let tillagg = beslut.iter().find(|r| r.text("Typ") == "Tillägg").expect("the Tillägg of seed 003");
    assert_eq!(tillagg.kr("Belopp"), Some(Decimal::from(67_500)));
    assert_eq!(tillagg.date("Datum"), NaiveDate::from_ymd_opt(2020, 6, 30));
}

#[test]
fn reports_are_dated_the_month_after_and_signed_by_a_role() {
    let s = samples();
    for &nr in s.ids.keys() {
        for (q, month) in [(K1, 4), (K2, 7)] {
            let date = parse_date(&s.answer(nr, q, "rapportdatum")).ok().flatten().expect("rapportdatum");
            assert_eq!((date.year(), date.month()), (2018, month), "{nr} {q}");
            let CellValue::Text(who) = s.answer(nr, q, "uppgiftslamnare") else { panic!("uppgiftslamnare") };
            assert!(who.contains(", "), "{who}: a role and an organisation, never a person's name");
            let CellValue::Text(email) = s.answer(nr, q, "uppgiftslamnare_epost") else { panic!("e-post") };
            assert!(email.ends_with(".example") || email.ends_with("@example.se"), "{email}");
        }
    }
}
