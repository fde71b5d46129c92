//! The blank register (`mall register`): the workbook kansliet starts its
//! register from, laid out from the reader's own sheet and column lists
//! ([`crate::register::columns::SHEETS`]) and settings
//! ([`crate::register::SETTINGS`]), so it has every sheet and column the
//! reader looks for, and a new column or setting appears here by itself.
//!
//! Takes nothing; gives xlsx bytes: a help sheet (`Hjälp`) in Swedish, then
//! every register sheet with its headers, one example row marked as such
//! (Id [`EXAMPLE_ID`], which the reader skips without a finding), a
//! drop-down for every closed list, date and number validation, a pop-up
//! with each column's help, and the Id columns formatted as text so Excel
//! never turns `2017:48` into a time; `Inställningar` lists every setting
//! with its default and what it means. Guarantees: the same bytes every
//! time (fixed document properties); the tool reads the result with one
//! finding only, `register-inga-insatser`.

use super::TemplateError;
use super::validation::{prompt, shorten};
use crate::register::ROW_LIMIT;
use crate::register::SETTINGS;
use crate::register::columns::{Column, EXAMPLE_ID, INSTALLNINGAR, Kind, SHEETS, SheetSpec};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook,
    Worksheet, XlsxError,
};

/// The help sheet's name.
pub const HELP_SHEET: &str = "Hjälp";
/// The extra columns of `Inställningar` (kansliet's own columns, which the
/// reader passes over): the default and what the setting means.
pub const STANDARD: &str = "Standard";
pub const FORKLARING: &str = "Förklaring";

const MESSAGE_LIMIT: usize = 255;
/// Rows of a sheet the validations cover: every row the reader reads.
const LAST_ROW: u32 = ROW_LIMIT - 1;

/// The blank register's bytes.
pub fn blank_register() -> Result<Vec<u8>, TemplateError> {
    write_register(EXAMPLE_ID)
}

/// The blank register with `example_id` on its example rows: with a real Id
/// the example rows are an insats with its budget, decision, goal and
/// assessment, which tests read back to show that every example value is
/// one the reader takes.
pub(crate) fn write_register(example_id: &str) -> Result<Vec<u8>, TemplateError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties()?);
    let formats = Formats::new();
    help_sheet(workbook.add_worksheet(), &formats)?;
    for spec in SHEETS {
        let sheet = workbook.add_worksheet();
        sheet.set_name(spec.name)?;
        if spec.name == INSTALLNINGAR.name {
            settings_sheet(sheet, spec, &formats)?;
        } else {
            data_sheet(sheet, spec, example_id, &formats)?;
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// Fixed properties, so the bytes do not depend on when they were made.
fn properties() -> Result<DocProperties, XlsxError> {
    let created = ExcelDateTime::from_ymd(2018, 1, 1)?;
    Ok(DocProperties::new()
        .set_title("Register över beviljade insatser")
        .set_author("Samordningsförbundet")
        .set_creation_datetime(&created))
}

struct Formats {
    header: Format,
    required_header: Format,
    title: Format,
    bold: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        let header = Format::new().set_bold().set_border_bottom(FormatBorder::Thin);
        Formats {
            required_header: header.clone().set_background_color(Color::RGB(0xBDD7EE)),
            header: header.set_background_color(Color::RGB(0xEDEDED)),
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top),
            wrap: Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top),
        }
    }
}

/// Excel's own "Text" format (built-in number format 49, `@`), as Excel
/// writes it when a column is formatted as text.
fn text_format() -> Format {
    Format::new().set_num_format_index(49)
}

/// The format every cell of a column gets: text for Ids and periods (so
/// `2017:48` and `2018` stay as written), dates as ÅÅÅÅ-MM-DD, amounts with
/// thousands grouped.
fn column_format(kind: Kind) -> Format {
    match kind {
        Kind::Id | Kind::Period => text_format(),
        Kind::Date => Format::new().set_num_format("yyyy-mm-dd"),
        Kind::Kr => Format::new().set_num_format("#,##0"),
        Kind::Text | Kind::Parter | Kind::Choice(_) | Kind::Whole(..) => Format::new(),
    }
}

fn data_sheet(
    sheet: &mut Worksheet,
    spec: &SheetSpec,
    example_id: &str,
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (col, column) in (0u16..).zip(spec.columns) {
        let header = if spec.requires(column.name) { &formats.required_header } else { &formats.header };
        sheet.set_column_format(col, &column_format(column.kind))?;
        sheet.set_column_width(col, width(column))?;
        sheet.write_with_format(0, col, column.name, header)?;
        sheet.add_data_validation(1, col, LAST_ROW, col, &validation(spec, column)?)?;
        let example_format = column_format(column.kind).set_italic().set_font_color(Color::RGB(0x7F7F7F));
        let value = if column.kind == Kind::Id { Example::Id } else { example(spec.name, column.name) };
        match value {
            Example::Empty => {}
            Example::Id => {
                sheet.write_string_with_format(1, col, example_id, &example_format)?;
            }
            Example::Text(text) => {
                sheet.write_string_with_format(1, col, text, &example_format)?;
            }
            Example::Number(n) => {
                sheet.write_number_with_format(1, col, n, &example_format)?;
            }
            Example::Date(y, m, d) => {
                sheet.write_datetime_with_format(
                    1,
                    col,
                    ExcelDateTime::from_ymd(y, m, d)?,
                    &example_format,
                )?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Room for the header, or more for a column of dates and names.
fn width(column: &Column) -> f64 {
    let header = column.name.chars().count() as f64 + 3.0;
    let content: f64 = match column.kind {
        Kind::Text | Kind::Parter => 28.0,
        Kind::Choice(_) => 20.0,
        Kind::Date | Kind::Kr => 14.0,
        Kind::Id | Kind::Period => 12.0,
        Kind::Whole(..) => 8.0,
    };
    header.max(content)
}

/// The validation of a column's cells below the header: a drop-down for a
/// closed list, dates, whole numbers or amounts in range, and for every
/// column a pop-up with its help.
fn validation(spec: &SheetSpec, column: &Column) -> Result<DataValidation, XlsxError> {
    let (rule, error) = match column.kind {
        Kind::Choice(list) => {
            let options = list.options();
            let error = format!("Välj ett av värdena i listan: {}.", options.join(", "));
            (DataValidation::new().allow_list_strings(&options)?, error)
        }
        Kind::Date => (
            DataValidation::new().allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(2000, 1, 1)?,
                ExcelDateTime::from_ymd(2099, 12, 31)?,
            )),
            "Skriv ett datum som ÅÅÅÅ-MM-DD, t.ex. 2018-01-01.".to_string(),
        ),
        Kind::Kr => (
            DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            "Skriv ett belopp i kronor, 0 eller större, som ett tal.".to_string(),
        ),
        Kind::Whole(min, max) => {
            let bound = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
            (
                DataValidation::new().allow_whole_number(DataValidationRule::Between(bound(min), bound(max))),
                format!("Skriv ett heltal från {min} till {max}."),
            )
        }
        Kind::Id | Kind::Text | Kind::Parter | Kind::Period => {
            (DataValidation::new().allow_any_value(), String::new())
        }
    };
    let required = if spec.requires(column.name) { "Krävs. " } else { "" };
    let (title, message) = prompt(column.name, &format!("{required}{}", column.help));
    let rule = rule.ignore_blank(true).set_input_title(title)?.set_input_message(message)?;
    if error.is_empty() {
        return Ok(rule);
    }
    rule.set_error_title("Värdet passar inte")?.set_error_message(shorten(&error, MESSAGE_LIMIT))
}

/// One example cell.
enum Example {
    Empty,
    /// The row's Id: [`EXAMPLE_ID`] in the blank register.
    Id,
    Text(&'static str),
    Number(f64),
    Date(u16, u8, u8),
}

/// The example row's value in `column` of `sheet`: one insats with its
/// budget, a decision, a goal, an assessment and an accepted finding (the Id is written apart:
/// it is the one cell that says the row is an example). A column without an
/// example here is left empty (a test reads the rows back, so one a row
/// needs cannot be forgotten).
fn example(sheet: &str, column: &str) -> Example {
    use crate::register::columns::*;
    match (sheet, column) {
        ("Insatser", NAMN) => Example::Text("Exempel: Individstöd i samverkan (raden läses inte)"),
        ("Insatser", KORTNAMN) => Example::Text("Exempel"),
        ("Insatser", OMRADE) => Example::Text("Knivsta"),
        ("Insatser", INSATSAGARE) => Example::Text("Knivsta kommun"),
        ("Insatser", PARTER) => Example::Text("Kommun, Arbetsförmedlingen"),
        ("Insatser", INRIKTNING) => Example::Text("Individ"),
        ("Insatser", KARAKTAR) => Example::Text("Arbete och studier"),
        ("Insatser", START) => Example::Date(2018, 1, 1),
        ("Insatser", SLUT) => Example::Date(2020, 12, 31),
        ("Insatser", BEVILJAT_BELOPP) => Example::Number(3_000_000.0),
        ("Insatser", BUDGET_PER_AR) => Example::Number(1_000_000.0),
        ("Insatser", FORVANTAT_ANTAL) => Example::Number(90.0),
        ("Insatser", ALDER_FRAN) => Example::Number(16.0),
        ("Insatser", ALDER_TILL) => Example::Number(29.0),
        ("Insatser", STYRGRUPPSMOTEN) => Example::Number(4.0),
        ("Budget", AR) => Example::Number(2018.0),
        ("Budget", KVARTAL) => Example::Number(1.0),
        ("Budget", BUDGET) => Example::Number(250_000.0),
        ("Beslut", DATUM) => Example::Date(2019, 6, 30),
        ("Beslut", TYP) => Example::Text("Tillägg"),
        ("Beslut", BELOPP) => Example::Number(67_500.0),
        ("Beslut", KOMMENTAR) => Example::Text("Exempel: utökat stöd under hösten"),
        ("Mål", NR) => Example::Number(1.0),
        ("Mål", TYP) => Example::Text("Effektmål"),
        ("Mål", MAL) => {
            Example::Text("Exempel: minst 30 % av deltagarna går vidare till arbete eller studier.")
        }
        ("Bedömningar", PERIOD) => Example::Text("2018-K2"),
        ("Bedömningar", OMRADE) => Example::Text("Budget"),
        ("Bedömningar", STATUS) => Example::Text("Gul"),
        ("Bedömningar", MOTIVERING) => Example::Text("Exempel: kansliet väntar på beslut om tillägg."),
        ("Kvitteringar", PERIOD) => Example::Text("2018-K2"),
        ("Kvitteringar", KOD) => Example::Text("moten-farre-an-avtalat"),
        ("Kvitteringar", MOTIVERING) => {
            Example::Text("Exempel: mötet flyttades till juli enligt styrgruppens protokoll.")
        }
        _ => Example::Empty,
    }
}

/// `Inställningar`: every setting with its default as the value in force,
/// and beside it the default again and what it means, so kansliet changes
/// a value and can always see what it was.
fn settings_sheet(sheet: &mut Worksheet, spec: &SheetSpec, formats: &Formats) -> Result<(), XlsxError> {
    let headers: Vec<&str> = spec.columns.iter().map(|c| c.name).chain([STANDARD, FORKLARING]).collect();
    for (col, header) in (0u16..).zip(&headers) {
        let format = if spec.requires(header) { &formats.required_header } else { &formats.header };
        sheet.write_with_format(0, col, *header, format)?;
    }
    for (row, (name, explanation, default)) in (1u32..).zip(SETTINGS) {
        sheet.write_string(row, 0, *name)?;
        sheet.write_string(row, 1, *default)?;
        sheet.write_string(row, 2, *default)?;
        sheet.write_string_with_format(row, 3, *explanation, &formats.wrap)?;
    }
    // The value column is text: "60 %" stays as written.
    sheet.set_column_format(1, &text_format())?;
    for (col, width) in [(0u16, 38.0), (1, 12.0), (2, 12.0), (3, 90.0)] {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// `Hjälp`: how to fill in the register, then every sheet and column with
/// whether it is needed and what to write, from the reader's own lists.
fn help_sheet(sheet: &mut Worksheet, formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(HELP_SHEET)?;
    sheet.set_column_width(0, 28.0)?;
    sheet.set_column_width(1, 10.0)?;
    sheet.set_column_width(2, 100.0)?;
    let mut row = 0u32;
    sheet.write_with_format(row, 0, "Registret över beviljade insatser", &formats.title)?;
    row += 2;
    for paragraph in INTRODUCTION {
        sheet.merge_range(row, 0, row, 2, paragraph, &formats.wrap)?;
        sheet.set_row_height(row, 15.0 * lines(paragraph, 130))?;
        row += 1;
    }
    for spec in SHEETS {
        row += 1;
        sheet.write_with_format(row, 0, format!("Bladet {}", spec.name), &formats.title)?;
        row += 1;
        sheet.merge_range(row, 0, row, 2, spec.about, &formats.wrap)?;
        sheet.set_row_height(row, 15.0 * lines(spec.about, 130))?;
        row += 1;
        for (col, header) in (0u16..).zip(["Kolumn", "Krävs", "Vad som ska stå"]) {
            sheet.write_with_format(row, col, header, &formats.header)?;
        }
        row += 1;
        for column in spec.columns {
            let needed = if spec.requires(column.name) {
                "ja"
            } else if column.help.starts_with("Krävs") {
                "ibland"
            } else {
                "nej"
            };
            sheet.write_with_format(row, 0, column.name, &formats.bold)?;
            sheet.write_with_format(row, 1, needed, &formats.wrap)?;
            sheet.write_with_format(row, 2, column.help, &formats.wrap)?;
            sheet.set_row_height(row, 15.0 * lines(column.help, 95))?;
            row += 1;
        }
    }
    Ok(())
}

/// The help sheet's opening paragraphs.
const INTRODUCTION: &[&str] = &[
    "Det här är kansliets register. Programmet uppfoljning läser det för att kontrollera styrgruppernas \
     kvartalsrapporter och sammanställa dem till arbetsboken för förbundsstyrelsen.",
    "Skriv en rad per beviljad insats på bladet Insatser. Låt rubrikerna i rad 1 stå kvar som de är; du kan \
     lägga till egna kolumner till höger. Kolumner med blå rubrik måste fyllas i. Markera en cell för att se \
     vad som ska stå där; celler med en pil har en lista att välja från.",
    "Raden med Id EXEMPEL på varje blad är ett exempel på hur en rad fylls i. Programmet hoppar över den; du \
     kan låta den stå eller ta bort den.",
    "Id är insatsens diarienummer, t.ex. 2017:48. Kolumnen Id är formaterad som text så att Excel inte gör om \
     det till ett klockslag; klistra därför in Id som värden (Klistra in special, Värden).",
    "Bladen Budget, Beslut, Mål, Bedömningar, Inställningar och Kvitteringar är frivilliga. Bladet \
     Inställningar har alla inställningar med sina standardvärden; ändra ett värde för att använda ett annat. \
     På bladet Kvitteringar godtar kansliet ett fynd med en motivering.",
    "Kör programmet igen efter att du har ändrat registret. Det säger till om något i registret behöver \
     rättas, med blad och cell.",
];

/// The lines `text` needs at about `per_line` characters a line (a merged
/// or wrapped cell does not grow by itself).
fn lines(text: &str, per_line: usize) -> f64 {
    let count = text.chars().count().div_ceil(per_line).max(1);
    count as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Code;
    use crate::register::read_register;

    fn read(bytes: &[u8]) -> (crate::register::Register, Vec<crate::finding::Finding>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("register.xlsx");
        std::fs::write(&path, bytes).unwrap();
        read_register(&path).unwrap()
    }

    #[test]
    fn the_example_rows_with_a_real_id_are_an_insats_the_reader_takes_whole() {
        let (register, findings) = read(&write_register("2099:1").unwrap());
        assert_eq!(findings, vec![], "every example value is one the reader takes");
        let [insats] = register.insatser.as_slice() else { panic!("{:?}", register.insatser) };
        assert_eq!(insats.id, "2099:1");
        assert_eq!(register.beslut.len(), 1);
        assert_eq!(register.goals("2099:1").len(), 1);
        assert_eq!(register.bedomningar.len(), 1);
        assert_eq!(register.budgetar.len(), 1);
    }

    #[test]
    fn the_blank_register_reads_as_one_finding_that_it_has_no_insatser() {
        let (register, findings) = read(&blank_register().unwrap());
        assert!(register.insatser.is_empty());
        let codes: Vec<Code> = findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec![Code::RegisterIngaInsatser]);
        assert_eq!(register.installningar, crate::register::Installningar::default());
    }

    #[test]
    fn every_column_gets_a_validation_excel_accepts() {
        for spec in SHEETS {
            for column in spec.columns {
                assert!(validation(spec, column).is_ok(), "{}: {}", spec.name, column.name);
            }
        }
    }

    #[test]
    fn the_same_bytes_every_time() {
        assert_eq!(blank_register().unwrap(), blank_register().unwrap());
    }
}
