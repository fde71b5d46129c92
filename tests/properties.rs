//! Properties of every parser of the contract's types, and of the other
//! parsers untrusted text reaches (personal identity numbers, periods, cell
//! references, defined-name targets).
//!
//! Two kinds: no input makes a parser panic, and what it accepts is within
//! its bounds (any string, any cell: NaN, infinities, huge and negative
//! numbers, dates, times, errors); and values written the way the tool or a
//! person writes them parse back to themselves. The case count is proptest's
//! default (256), under a second in all; `PROPTEST_CASES=100000 cargo test
//! --test properties` searches deeper (about 4 minutes). docs/fuzzing.md
//! lists the properties.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use uppfoljning::contract::{ChoiceList, IFas, MalPrognos, Malstatus, Narvaro, Svar, SvarEa};
use uppfoljning::period::{Kvartal, Period};
use uppfoljning::pnr;
use uppfoljning::register::{BeslutTyp, Inriktning, Karaktar, MalTyp, Omrade, Part, Status};
use uppfoljning::value::{
    CellValue, MAX_INT, MAX_KR, ValueError, format_kr, group_thousands, parse_choice, parse_date, parse_int,
    parse_kr, parse_text,
};
use uppfoljning::workbook::{MAX_COL, MAX_ROW, Position, parse_a1, parse_reference};

// ━━ Strategies ━━

/// Separators a person or a spreadsheet program puts between digit groups.
const GROUP_SEPARATORS: [&str; 5] = [" ", "\u{a0}", "\u{202f}", "\u{2009}", "  "];

/// Any string, and strings made of the characters the parsers look at, where
/// random Unicode would almost never go.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9 ,.\u{a0}\u{202f}\u{2009}:+\u{2212}-]{0,24}",
        "[ ]{0,2}[0-9]{1,13}[,.]?[0-9]{0,4}[ ]?(kr|KR|kronor|SEK|:-|kr\\.)?[ ]{0,2}",
        "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9:]{0,8})?x?",
        "[$]?[A-Za-z]{0,4}[$]?[0-9]{0,8}",
        "[0-9]{6,8}[-+]?[0-9]{4}",
        "[ A-Za-zåäöÅÄÖ/]{0,30}",
    ]
}

/// Any float, with the awkward ones (NaN, infinities, negative zero, the
/// extremes, values just past the parsers' limits) far more often than chance.
fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        prop::sample::select(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            1e-300,
            -1e-300,
            f64::from(MAX_INT),
            f64::from(MAX_INT) + 1.0,
            MAX_KR as f64,
            MAX_KR as f64 + 0.01,
            2_958_465.9,
            2_958_466.0,
            0.999,
        ]),
        -1e12..1e12f64,
        (0..=MAX_KR).prop_map(|n| n as f64),
    ]
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    let (first, last) = (NaiveDate::MIN.num_days_from_ce(), NaiveDate::MAX.num_days_from_ce());
    (first..=last).prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).expect("within chrono's range"))
}

/// Dates the contract's `date` holds: from 1900, with a four-digit year.
fn four_digit_year_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1900, 1, 1).expect("a date").num_days_from_ce();
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a date").num_days_from_ce();
    (first..=last).prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).expect("a date"))
}

fn any_cell() -> impl Strategy<Value = CellValue> {
    prop_oneof![
        Just(CellValue::Empty),
        any_text().prop_map(CellValue::Text),
        any_f64().prop_map(CellValue::Number),
        any::<bool>().prop_map(CellValue::Bool),
        any_date().prop_map(CellValue::Date),
        any_f64().prop_map(CellValue::Time),
        prop_oneof![any::<String>(), Just("#N/A".to_string()), Just("#DIV/0!".to_string())]
            .prop_map(CellValue::Error),
    ]
}

/// A whole number as a person might type it: grouped by threes with any of
/// the separators (or none), with white space around.
fn written_int(n: u64) -> impl Strategy<Value = String> {
    let digits = n.to_string();
    let groups = digits.len().div_ceil(3);
    (
        prop::collection::vec(prop::sample::select(GROUP_SEPARATORS.to_vec()), groups),
        any::<bool>(),
        "[ \t]{0,2}",
        "[ \t]{0,2}",
    )
        .prop_map(move |(separators, grouped, before, after)| {
            let body = if grouped {
                let mut out = String::new();
                let head = digits.len() % 3;
                for (i, c) in digits.chars().enumerate() {
                    if i > 0 && (i + 3 - head).is_multiple_of(3) {
                        out.push_str(separators[i / 3]);
                    }
                    out.push(c);
                }
                out
            } else {
                digits.clone()
            };
            format!("{before}{body}{after}")
        })
}

/// A spelling in random case with random white space around and between words.
fn respelled(spelling: &'static str) -> impl Strategy<Value = String> {
    let words: Vec<&'static str> = spelling.split_whitespace().collect();
    let spaces = prop::collection::vec("[ \t\u{a0}\n]{1,3}", words.len() + 1);
    let cases = prop::collection::vec(any::<bool>(), spelling.chars().count());
    (spaces, cases, any::<bool>(), any::<bool>()).prop_map(move |(spaces, cases, lead, trail)| {
        let mut upper = cases.into_iter();
        let mut flip = |word: &str| -> String {
            word.chars()
                .map(|c| {
                    if upper.next().unwrap_or(false) {
                        c.to_uppercase().collect()
                    } else {
                        c.to_lowercase().collect::<String>()
                    }
                })
                .collect()
        };
        let mut out = if lead { spaces[0].clone() } else { String::new() };
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                out.push_str(&spaces[i]);
            }
            out.push_str(&flip(word));
        }
        if trail {
            out.push_str(&spaces[words.len()]);
        }
        out
    })
}

/// Every spelling of every closed list the contract and the register read:
/// (list, spelling, the value's label the spelling must give).
fn every_spelling() -> Vec<(ChoiceList, &'static str, &'static str)> {
    ChoiceList::ALL
        .iter()
        .flat_map(|list| {
            let labels = list.options().into_iter().map(move |label| (*list, label, label));
            let synonyms = list.synonyms().into_iter().map(move |(synonym, label)| (*list, synonym, label));
            labels.chain(synonyms)
        })
        .collect()
}

/// Ten digits with a valid Luhn check digit: `ÅÅMMDDNNNK`, with a real
/// calendar day (+60 for a samordningsnummer).
fn personnummer() -> impl Strategy<Value = (String, String, String)> {
    (0u32..100, 1u32..=12, 1u32..=28, any::<bool>(), 0u32..1000, 19u32..=20).prop_map(
        |(yy, mm, dd, samordning, serial, century)| {
            let dd = if samordning { dd + 60 } else { dd };
            let nine = format!("{yy:02}{mm:02}{dd:02}{serial:03}");
            let check = (0..10).find(|k| luhn_ok(&format!("{nine}{k}"))).expect("one check digit fits");
            (century.to_string(), nine[..6].to_string(), format!("{}{check}", &nine[6..]))
        },
    )
}

fn luhn_ok(ten: &str) -> bool {
    let sum: u32 = ten
        .chars()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][d as usize] } else { d })
        .sum();
    sum.is_multiple_of(10)
}

fn any_period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1900i32..=9999, 1u8..=4)
            .prop_map(|(ar, q)| Period::Kvartal(Kvartal::new(ar, q).expect("a quarter"))),
        (1900i32..=9999, 1u8..=2).prop_map(|(ar, halvar)| Period::Halvar { ar, halvar }),
        (1900i32..=9999).prop_map(Period::Ar),
    ]
}

fn grid_position() -> impl Strategy<Value = Position> {
    prop_oneof![
        (0..=MAX_ROW, 0..=MAX_COL),
        // The edges, where an off-by-one lives.
        (
            prop::sample::select(vec![0, 1, MAX_ROW - 1, MAX_ROW]),
            prop::sample::select(vec![0, 25, 26, 701, 702, MAX_COL])
        ),
    ]
    .prop_map(|(row, col)| Position::new(row, col))
}

// ━━ Shared assertions ━━

/// What every error of a value parser promises: it quotes what was in the
/// cell, and its message is a sentence with any personal identity number
/// masked.
fn assert_error_is_reportable(cell: &CellValue, error: &ValueError) {
    match cell {
        CellValue::Error(e) => assert_eq!(error.found(), e),
        other => assert_eq!(error.found(), other.display()),
    }
    for field in [None, Some("Utfall (kr)")] {
        let message = error.message(field, "Ja eller Nej");
        assert!(message.ends_with('.'), "{message}");
        assert!(!pnr::contains(&message), "{message}");
    }
}

// ━━ No panic, and what is accepted is within bounds ━━

proptest! {
    #[test]
    fn any_cell_displays_and_reads_as_text(cell in any_cell()) {
        let text = parse_text(&cell);
        prop_assert_eq!(text.is_none(), cell.is_blank());
        if let Some(text) = text {
            // An error cell's text is calamine's own (`#N/A`, `#REF!`…) and
            // is quoted as it is; any other cell reads trimmed.
            if !matches!(cell, CellValue::Error(_)) {
                prop_assert_eq!(text.trim(), text.as_str());
            }
            prop_assert_eq!(text, cell.display());
        }
    }

    #[test]
    fn any_cell_is_a_count_within_bounds_or_a_reportable_error(cell in any_cell()) {
        match parse_int(&cell) {
            Ok(Some(n)) => prop_assert!(n <= MAX_INT),
            Ok(None) => prop_assert!(cell.is_blank()),
            Err(error) => assert_error_is_reportable(&cell, &error),
        }
    }

    #[test]
    fn any_cell_is_an_amount_within_bounds_or_a_reportable_error(cell in any_cell()) {
        match parse_kr(&cell) {
            Ok(Some(amount)) => {
                prop_assert!(amount >= Decimal::ZERO && amount <= Decimal::from(MAX_KR), "{amount}");
                prop_assert!(amount.normalize().scale() <= 2, "{amount}");
            }
            Ok(None) => prop_assert!(cell.is_blank()),
            Err(error) => assert_error_is_reportable(&cell, &error),
        }
    }

    #[test]
    fn any_cell_is_a_date_or_a_reportable_error(cell in any_cell()) {
        match parse_date(&cell) {
            Ok(Some(date)) => {
                if !matches!(cell, CellValue::Date(_)) {
                    prop_assert!((1899..=9999).contains(&date.year()), "{date}");
                }
                if let CellValue::Text(text) = &cell {
                    let written = date.format("%Y-%m-%d").to_string();
                    prop_assert!(text.trim().starts_with(&written), "{:?} read as {}", text, date);
                }
            }
            Ok(None) => prop_assert!(cell.is_blank()),
            Err(error) => assert_error_is_reportable(&cell, &error),
        }
    }

    #[test]
    fn any_cell_is_a_choice_of_every_list_or_a_reportable_error(cell in any_cell()) {
        for list in ChoiceList::ALL {
            match parse_choice(&cell, |t| list.parse(t)) {
                Ok(Some(label)) => prop_assert!(list.options().contains(&label)),
                Ok(None) => prop_assert!(cell.is_blank()),
                Err(error) => assert_error_is_reportable(&cell, &error),
            }
        }
    }

    #[test]
    fn a_choice_accepts_only_its_own_spellings(text in any_text()) {
        let normalise = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        for list in ChoiceList::ALL {
            if let Some(label) = list.parse(&text) {
                let spellings = every_spelling();
                let mut own = spellings.iter().filter(|(l, _, value)| l == list && *value == label);
                prop_assert!(own.any(|(_, spelling, _)| normalise(spelling) == normalise(&text)), "{text:?}");
            }
        }
    }

    #[test]
    fn any_amount_formats_without_panic(mantissa in any::<i64>(), scale in 0u32..=28) {
        let amount = Decimal::new(mantissa, scale);
        let text = format_kr(amount);
        prop_assert!(text.ends_with(" kr"), "{text}");
    }

    #[test]
    fn grouped_digits_are_the_digits_in_threes(n in any::<u64>()) {
        let digits = n.to_string();
        let grouped = group_thousands(&digits);
        prop_assert_eq!(grouped.replace(' ', ""), digits);
        let groups: Vec<&str> = grouped.split(' ').collect();
        prop_assert!((1..=3).contains(&groups[0].len()), "{grouped}");
        prop_assert!(groups[1..].iter().all(|g| g.len() == 3), "{grouped}");
    }
}

/// Found by `any_cell_is_a_date_or_a_reportable_error`: chrono's `%Y-%m-%d`
/// took a sign, year 0 and one-digit months, so these read as dates.
#[test]
fn text_that_is_not_a_date_from_1900_in_yyyy_mm_dd_is_not_a_date() {
    for text in
        ["0000-01-01", "-999-01-01", "+999-01-01", "+2018-1-01", "2018-1-010", "1899-12-31", "0999-12-31"]
    {
        let parsed = parse_date(&CellValue::Text(text.into()));
        assert!(matches!(parsed, Err(ValueError::NotDate { .. })), "{text}: {parsed:?}");
    }
    assert_eq!(parse_date(&CellValue::Text("1900-01-01".into())), Ok(NaiveDate::from_ymd_opt(1900, 1, 1)));
}

// ━━ Round trips ━━

proptest! {
    #[test]
    fn a_formatted_amount_reads_back_as_itself(cents in 0..=MAX_KR * 100) {
        let amount = Decimal::new(cents, 2);
        let text = format_kr(amount);
        prop_assert_eq!(parse_kr(&CellValue::Text(text.clone())), Ok(Some(amount)), "{}", text);
    }

    #[test]
    fn an_amount_in_a_numeric_cell_reads_as_itself(cents in 0..=MAX_KR * 100) {
        let amount = Decimal::new(cents, 2);
        let cell = CellValue::Number(cents as f64 / 100.0);
        prop_assert_eq!(parse_kr(&cell), Ok(Some(amount)), "{:?}", cell);
    }

    #[test]
    fn an_amount_past_the_maximum_is_too_large(cents in MAX_KR * 100 + 1..=MAX_KR * 1000) {
        let text = format_kr(Decimal::new(cents, 2));
        let parsed = parse_kr(&CellValue::Text(text.clone()));
        prop_assert!(matches!(parsed, Err(ValueError::TooLarge { .. })), "{} gave {:?}", text, parsed);
    }

    #[test]
    fn a_grouped_whole_number_reads_back_as_a_count_and_an_amount(
        (n, text) in (0..=u64::from(MAX_INT)).prop_flat_map(|n| (Just(n), written_int(n)))
    ) {
        let cell = CellValue::Text(text.clone());
        prop_assert_eq!(parse_int(&cell), Ok(Some(n as u32)), "{:?}", text);
        prop_assert_eq!(parse_kr(&cell), Ok(Some(Decimal::from(n))), "{:?}", text);
        prop_assert_eq!(parse_int(&CellValue::Number(n as f64)), Ok(Some(n as u32)));
    }

    #[test]
    fn a_grouped_number_past_the_maximum_is_too_large(
        text in (u64::from(MAX_INT) + 1..=u64::MAX).prop_flat_map(written_int)
    ) {
        let parsed = parse_int(&CellValue::Text(text.clone()));
        prop_assert!(matches!(parsed, Err(ValueError::TooLarge { .. })), "{:?} gave {:?}", text, parsed);
    }

    #[test]
    fn a_date_written_as_yyyy_mm_dd_reads_back(
        date in four_digit_year_date(),
        time in prop_oneof![Just(String::new()), Just(" 00:00:00".to_string()), "[ T][0-2][0-9]:[0-5][0-9]:[0-5][0-9]"],
        pad in "[ ]{0,2}",
    ) {
        let text = format!("{pad}{}{time}{pad}", date.format("%Y-%m-%d"));
        prop_assert_eq!(parse_date(&CellValue::Text(text.clone())), Ok(Some(date)), "{:?}", text);
        prop_assert_eq!(parse_date(&CellValue::Date(date)), Ok(Some(date)));
    }

    #[test]
    fn an_excel_serial_reads_as_its_day(date in four_digit_year_date(), fraction in 0.0..1.0f64) {
        let date = date.max(NaiveDate::from_ymd_opt(1900, 1, 1).expect("a date"));
        // Excel counts a 1900-02-29 that never was (serial 60): serials
        // after it count from 1899-12-30, serials before it from 1899-12-31.
        let leap_day_that_never_was = NaiveDate::from_ymd_opt(1900, 3, 1).expect("a date");
        let epoch = if date < leap_day_that_never_was { (1899, 12, 31) } else { (1899, 12, 30) };
        let epoch = NaiveDate::from_ymd_opt(epoch.0, epoch.1, epoch.2).expect("a date");
        let serial = (date - epoch).num_days() as f64;
        prop_assert_eq!(parse_date(&CellValue::Number(serial + fraction)), Ok(Some(date)));
    }

    #[test]
    fn every_choice_spelling_in_any_case_and_spacing_reads_as_its_value(
        (list, label, text) in prop::sample::select(every_spelling())
            .prop_flat_map(|(list, spelling, label)| (Just(list), Just(label), respelled(spelling)))
    ) {
        prop_assert_eq!(list.parse(&text), Some(label), "{:?} in {:?}", text, list);
        prop_assert_eq!(parse_choice(&CellValue::Text(text.clone()), |t| list.parse(t)), Ok(Some(label)));
    }

    #[test]
    fn every_closed_list_reads_every_spelling_in_any_case_and_spacing(
        (list, index, text) in prop::sample::select(closed_list_spellings())
            .prop_flat_map(|(list, spelling, index)| (Just(list), Just(index), respelled(spelling)))
    ) {
        prop_assert_eq!(parse_closed_list(list, &text), Some(index), "{:?} in {}", text, list);
    }
}

/// For every closed list enum, of the contract and of the register: its
/// spellings, and its own parser giving the value's index in `ALL`.
macro_rules! closed_lists {
    ($($list:ident),+ $(,)?) => {
        /// (list, spelling, index in the list's `ALL` of the value it spells).
        fn closed_list_spellings() -> Vec<(&'static str, &'static str, usize)> {
            let mut out = Vec::new();
            $(
                for (index, value) in $list::ALL.iter().enumerate() {
                    out.push((stringify!($list), value.label(), index));
                    out.extend(value.synonyms().iter().map(|s| (stringify!($list), *s, index)));
                }
            )+
            out
        }

        fn parse_closed_list(list: &str, text: &str) -> Option<usize> {
            match list {
                $(stringify!($list) => $list::parse(text).and_then(|v| $list::ALL.iter().position(|a| *a == v)),)+
                _ => None,
            }
        }
    };
}

closed_lists!(
    Svar, SvarEa, IFas, MalPrognos, Narvaro, Malstatus, Part, Inriktning, Karaktar, BeslutTyp, MalTyp,
    Omrade, Status
);

// ━━ Personal identity numbers ━━

proptest! {
    #[test]
    fn masking_leaves_no_personal_number_and_is_idempotent(text in any_text()) {
        let (masked, count) = pnr::mask(&text);
        prop_assert!(!pnr::contains(&masked), "{:?} -> {:?}", text, masked);
        prop_assert_eq!(pnr::mask(&masked), (masked.clone(), 0));
        prop_assert_eq!(count == 0, masked == text);
    }

    #[test]
    fn every_form_of_a_personal_number_in_any_text_is_masked(
        (century, date, tail) in personnummer(),
        form in 0usize..5,
        before in "([^0-9]{0,12}[^0-9])?",
        after in "([^0-9][^0-9]{0,12})?",
    ) {
        let number = match form {
            0 => format!("{date}-{tail}"),
            1 => format!("{date}+{tail}"),
            2 => format!("{date}{tail}"),
            3 => format!("{century}{date}-{tail}"),
            _ => format!("{century}{date}{tail}"),
        };
        let text = format!("{before}{number}{after}");
        let (masked, count) = pnr::mask(&text);
        prop_assert_eq!(count, 1, "{:?}", text);
        prop_assert_eq!(masked, format!("{before}{}{after}", pnr::MASK));
    }

    #[test]
    fn a_personal_number_in_a_bad_value_never_reaches_the_message(
        (_, date, tail) in personnummer(),
        before in "[a-z ]{0,8}",
    ) {
        let cell = CellValue::Text(format!("{before} {date}-{tail} kr"));
        let error = parse_kr(&cell).expect_err("not an amount");
        assert_error_is_reportable(&cell, &error);
        prop_assert!(!error.message(None, "").contains(&tail));
    }
}

// ━━ Periods ━━

proptest! {
    #[test]
    fn a_period_reads_back_from_its_own_text(period in any_period(), pad in "[ ]{0,2}", lower in any::<bool>()) {
        let text = period.to_string();
        let text = if lower { text.to_lowercase() } else { text };
        prop_assert_eq!(Period::parse(&format!("{pad}{text}{pad}")), Ok(period));
        if let Period::Kvartal(q) = period {
            prop_assert_eq!(Period::parse(&format!("{}-Q{}", q.ar, q.kvartal)), Ok(period));
        }
    }

    #[test]
    fn any_text_is_a_period_that_reads_back_or_an_error_quoting_it(text in any_text()) {
        match Period::parse(&text) {
            Ok(period) => {
                prop_assert_eq!(Period::parse(&period.to_string()), Ok(period));
                prop_assert!(period.first_day() <= period.last_day());
            }
            Err(error) => prop_assert_eq!(error.0, text),
        }
    }
}

// ━━ Cell references and defined-name targets ━━

proptest! {
    #[test]
    fn every_cell_of_the_grid_reads_back_from_its_a1(p in grid_position(), dollars in any::<bool>(), lower in any::<bool>()) {
        let a1 = p.to_a1();
        prop_assert_eq!(parse_a1(&a1), Some(p));
        let split = a1.find(|c: char| c.is_ascii_digit()).expect("a row number");
        let (letters, digits) = a1.split_at(split);
        let letters = if lower { letters.to_lowercase() } else { letters.to_string() };
        let spelled = if dollars { format!("${letters}${digits}") } else { format!("{letters}{digits}") };
        prop_assert_eq!(parse_a1(&spelled), Some(p), "{}", spelled);
    }

    #[test]
    fn a_reference_outside_the_grid_is_refused(
        (row, col) in prop_oneof![(MAX_ROW + 1..=9_999_998, 0..=18_277u32), (0..=9_999_998u32, MAX_COL + 1..=18_277)]
    ) {
        let a1 = Position::new(row, col).to_a1();
        prop_assert_eq!(parse_a1(&a1), None, "{}", a1);
    }

    #[test]
    fn any_text_is_a_cell_inside_the_grid_or_none(text in any_text()) {
        if let Some(p) = parse_a1(&text) {
            prop_assert!(p.row <= MAX_ROW && p.col <= MAX_COL);
            prop_assert_eq!(parse_a1(&p.to_a1()), Some(p));
        }
    }

    #[test]
    fn any_text_is_an_area_inside_the_grid_or_none(
        text in prop_oneof![any_text(), "[=$']{0,2}[A-Za-z' .!]{0,10}[!.][$]?[A-Z]{1,3}[$]?[0-9]{1,7}(:[.]?[$]?[A-Z]{1,3}[$]?[0-9]{1,7})?"]
    ) {
        if let Some(area) = parse_reference(&text) {
            prop_assert!(area.first.row <= area.last.row && area.first.col <= area.last.col, "{:?}", area);
            prop_assert!(area.last.row <= MAX_ROW && area.last.col <= MAX_COL, "{:?}", area);
        }
    }

    #[test]
    fn a_defined_name_target_reads_back_in_xlsx_and_ods_spelling(
        sheet in "[^\u{0}]{1,20}",
        (a, b) in (grid_position(), grid_position()),
    ) {
        let quoted = format!("'{}'", sheet.replace('\'', "''"));
        let (first, last) = (
            Position::new(a.row.min(b.row), a.col.min(b.col)),
            Position::new(a.row.max(b.row), a.col.max(b.col)),
        );
        let dollar = |p: Position| {
            let a1 = p.to_a1();
            let split = a1.find(|c: char| c.is_ascii_digit()).expect("a row number");
            format!("${}${}", &a1[..split], &a1[split..])
        };
        for text in [
            format!("{quoted}!{}:{}", dollar(a), dollar(b)),
            format!("={quoted}!{}:{}", a.to_a1(), b.to_a1()),
            format!("${quoted}.{}:.{}", dollar(a), dollar(b)),
        ] {
            let area = parse_reference(&text);
            prop_assert!(area.is_some(), "{}", text);
            let area = area.expect("checked");
            prop_assert_eq!(&area.sheet, &sheet, "{}", text);
            prop_assert_eq!((area.first, area.last), (first, last), "{}", text);
        }
    }
}
