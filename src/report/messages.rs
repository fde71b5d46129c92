//! Every Swedish message about a report, in one place so wording is reviewed
//! as wording (each is tested as text). Messages never repeat where the
//! problem is (file, sheet and cell are printed beside them) but name the
//! field by its label, say what is wrong and what the styrgrupp should do.
//! Anything quoted from a report is masked for personal identity numbers.

use super::fields::Location;
use crate::contract::{ChoiceList, Field, FieldType};
use crate::finding::{Code, Finding};
use crate::guard::shown;
use crate::pnr;
use crate::value::{CellValue, ValueError, join_swedish};
use crate::workbook::{Area, OpenError};

pub(crate) fn quote(found: &str) -> String {
    format!("\"{}\"", pnr::mask(found).0)
}

pub(crate) fn at(finding: Finding, location: &Location) -> Finding {
    finding.at(location.sheet.clone(), location.cell.clone())
}

pub(crate) fn for_field(
    code: Code,
    field: &Field,
    location: &Location,
    file: &str,
    message: String,
) -> Finding {
    at(Finding::new(code, file, message).field(field.name), location)
}

/// What to write in a field of this type, as advice ending a message.
pub fn how_to_answer(ty: FieldType) -> String {
    match ty {
        FieldType::Text => "Fyll i fältet.".into(),
        FieldType::Int => "Skriv ett antal, 0 om inga.".into(),
        FieldType::Kr => "Skriv beloppet i kronor, t.ex. 125 000.".into(),
        FieldType::Date => "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2018-04-10.".into(),
        FieldType::Choice(list) => choose_one_of(list),
        FieldType::GoalBlock => "Fyll i status för varje mål.".into(),
    }
}

fn choose_one_of(list: ChoiceList) -> String {
    format!("Välj {}.", options(list))
}

pub fn file_unreadable(error: &OpenError, file: &str) -> Finding {
    let message = match error {
        OpenError::Encrypted => "Filen är lösenordsskyddad och kan inte läsas. \
            Be styrgruppen skicka rapporten igen utan lösenord."
            .to_string(),
        OpenError::Io(e) => format!("Filen kunde inte öppnas: {}", crate::fsio::read_reason(e)),
        OpenError::NotAWorkbook(_) => "Filen går inte att läsa som en Excel-arbetsbok. \
            Be styrgruppen spara rapporten som .xlsx och skicka den igen."
            .to_string(),
        OpenError::TooLarge(reason) => {
            let message = format!(
                "Filen läses inte eftersom den är över en säkerhetsgräns: {reason}. En rapport i kansliets \
                 mall ligger långt under gränsen, så filen är troligen felsparad, skadad eller ingen rapport. \
                 Be styrgruppen spara rapporten på nytt från kansliets mall och skicka den igen."
            );
            return Finding::new(Code::FilForStor, file, message);
        }
    };
    Finding::new(Code::FilOlaslig, file, message)
}

pub fn sheet_unreadable(sheet: &str, detail: &str, file: &str) -> Finding {
    Finding::new(
        Code::FilOlaslig,
        file,
        format!(
            "Bladet \"{sheet}\" kunde inte läsas ({detail}). \
             Be styrgruppen spara rapporten på nytt som .xlsx och skicka den igen."
        ),
    )
    .at(sheet, "")
}

pub fn not_a_report(file: &str) -> Finding {
    Finding::new(
        Code::EjRapport,
        file,
        "Filen saknar kvartalsrapportens namngivna fält och räknas inte som en rapport. \
         Är det en rapport, be styrgruppen fylla i mallen från kansliet i stället för en egen kopia.",
    )
}

pub fn read_by_labels(sheet: &str, file: &str) -> Finding {
    Finding::new(
        Code::FaltViaEtiketter,
        file,
        "Rapporten saknar mallens namngivna fält, troligen för att innehållet har kopierats in i en ny \
         arbetsbok. Fälten har i stället lästs via sina rubriker i mallens layout. Kontrollera att värdena \
         blev rätt, och be styrgruppen använda mallen från kansliet nästa gång.",
    )
    .at(sheet, "")
}

pub fn name_missing(field: &Field, file: &str) -> Finding {
    Finding::new(
        Code::NamnSaknas,
        file,
        format!(
            "Fältet \"{}\" ({}) saknas i rapporten, så svaret kan inte läsas. \
             Be styrgruppen använda mallen från kansliet.",
            field.display_label(),
            field.name
        ),
    )
    .field(field.name)
}

pub fn name_points_nowhere(field: &Field, file: &str) -> Finding {
    Finding::new(
        Code::NamnSaknas,
        file,
        format!(
            "Fältet \"{}\" ({}) pekar inte på någon cell, troligen för att rader eller celler har tagits bort. \
             Be styrgruppen använda mallen från kansliet.",
            field.display_label(),
            field.name
        ),
    )
    .field(field.name)
}

pub fn name_points_to_missing_sheet(field: &Field, sheet: &str, file: &str) -> Finding {
    Finding::new(
        Code::NamnSaknas,
        file,
        format!(
            "Fältet \"{}\" ({}) pekar på bladet \"{sheet}\", som inte finns i rapporten (har bladet bytt namn eller \
             tagits bort?). Be styrgruppen använda mallen från kansliet.",
            field.display_label(),
            field.name
        ),
    )
    .field(field.name)
}

pub fn goal_block_too_tall(field: &Field, rows: u32, file: &str) -> Finding {
    Finding::new(
        Code::NamnSaknas,
        file,
        format!(
            "Målen i ansökan ({}) pekar på ett område med {rows} rader, men mallen har högst {} rader för mål, \
             så målen kan inte läsas. Be styrgruppen använda mallen från kansliet.",
            field.name,
            super::MAX_GOAL_ROWS
        ),
    )
    .field(field.name)
}

pub fn bad_value(field: &Field, error: &ValueError, location: &Location, file: &str) -> Finding {
    let code = match error {
        ValueError::NotInList { .. } => Code::VardeUtanforLista,
        ValueError::Negative { .. } => Code::NegativtTal,
        _ => Code::VardeOgiltigt,
    };
    let choices = match field.ty {
        FieldType::Choice(list) => options(list),
        _ => String::new(),
    };
    let message = error.message(Some(&field.display_label()), &choices);
    for_field(code, field, location, file, message)
}

/// A list's values as a Swedish list: `Ja, Nej eller Inte aktuellt`.
fn options(list: ChoiceList) -> String {
    let options: Vec<String> = list.options().iter().map(|o| o.to_string()).collect();
    join_swedish(&options, "eller")
}

pub fn bad_goal_status(
    field: &Field,
    goal_number: usize,
    error: &ValueError,
    cell: &str,
    sheet: &str,
    file: &str,
) -> Finding {
    let message = format!(
        "{} är inte en status för mål {goal_number}. {}",
        quote(error.found()),
        choose_one_of(ChoiceList::Malstatus)
    );
    Finding::new(Code::VardeUtanforLista, file, message).field(field.name).at(sheet, cell)
}

pub fn personnummer(field: &Field, count: usize, location: &Location, file: &str) -> Finding {
    let what = if count == 1 { "ett personnummer".to_string() } else { format!("{count} personnummer") };
    let message = format!(
        "Fältet \"{}\" innehåller {what}. Det har tagits bort i allt som verktyget skriver. \
         Ta bort det ur rapporten: rapporter får aldrig innehålla deltagares personuppgifter.",
        field.display_label()
    );
    for_field(Code::PersonnummerIFritext, field, location, file, message)
}

/// Where a defined name points, for a message: `B40 på bladet "Rapport"`,
/// `A30:C39 på bladet "Rapport"`. The sheet's name is quoted clean.
pub fn place(area: &Area) -> String {
    let cells = if area.is_single_cell() {
        area.first.to_a1()
    } else {
        format!("{}:{}", area.first.to_a1(), area.last.to_a1())
    };
    format!("{cells} på bladet {}", shown(&area.sheet))
}

/// A sheet's name from the file as a finding's location: control characters
/// dropped, personal identity numbers masked.
fn sheet_location(sheet: &str) -> String {
    let printable: String = sheet.chars().filter(|c| !c.is_control()).collect();
    pnr::mask(&printable).0
}

/// The contract's names of some fields, for a message: at most five, then
/// how many more.
fn field_list(fields: &[&str]) -> String {
    const SHOWN: usize = 5;
    let names: Vec<String> = fields.iter().take(SHOWN).map(|f| f.to_string()).collect();
    match fields.len().checked_sub(SHOWN) {
        Some(more) if more > 0 => format!("{} och {more} till", names.join(", ")),
        _ => join_swedish(&names, "och"),
    }
}

pub fn name_defined_twice(field: &Field, places: &[String], file: &str) -> Finding {
    Finding::new(
        Code::NamnDubbelt,
        file,
        format!(
            "Fältet \"{}\" ({}) är namngivet mer än en gång i rapporten, och namnen pekar på olika celler: {}. \
             Verktyget kan inte veta vilken cell som är svaret och läser ingen av dem. Be styrgruppen ta bort \
             det felaktiga namnet (Formler → Namnhanteraren i Excel) eller använda mallen från kansliet.",
            field.display_label(),
            field.name,
            join_swedish(places, "och")
        ),
    )
    .field(field.name)
}

pub fn name_only_on_sheet(field: &Field, sheets: &[String], places: &[String], file: &str) -> Finding {
    let sheets: Vec<String> = sheets.iter().map(|s| shown(s)).collect();
    let which = if sheets.len() == 1 { "bladet" } else { "bladen" };
    Finding::new(
        Code::NamnBaraPaBlad,
        file,
        format!(
            "Fältet \"{}\" ({}) finns bara som namn som hör till {which} {} (det pekar på {}), inte som namn för \
             hela arbetsboken som i kansliets mall, så verktyget läser inte svaret. Be styrgruppen använda mallen \
             från kansliet.",
            field.display_label(),
            field.name,
            join_swedish(&sheets, "och"),
            join_swedish(places, "och")
        ),
    )
    .field(field.name)
}

/// `copies`: each field with a name of `sheet`'s own, where that name
/// points and where the workbook's name (the one read) points.
pub fn name_also_on_sheet(sheet: &str, copies: &[(&Field, String, String)], file: &str) -> Finding {
    let advice = "Ta bort det kopierade bladet om det inte behövs, eller kontrollera att svaren står där verktyget \
                  läser dem.";
    let message = match copies {
        [(field, theirs, read)] => format!(
            "Fältet \"{}\" ({}) finns också som namn på bladet {} ({theirs}), troligen för att bladet är en kopia \
             av rapportbladet. Verktyget läser namnet för hela arbetsboken: {read}. {advice}",
            field.display_label(),
            field.name,
            shown(sheet)
        ),
        _ => {
            let names: Vec<&str> = copies.iter().map(|(field, ..)| field.name).collect();
            let example = copies.first().map_or(String::new(), |(field, theirs, read)| {
                format!(" Till exempel läses {} i {read}, inte i {theirs}.", field.name)
            });
            format!(
                "{} av mallens fält finns också som namn på bladet {} ({}), troligen för att bladet är en kopia av \
                 rapportbladet. Verktyget läser namnen för hela arbetsboken.{example} {advice}",
                copies.len(),
                shown(sheet),
                field_list(&names)
            )
        }
    };
    let finding = Finding::new(Code::NamnAvenPaBlad, file, message).at(sheet_location(sheet), "");
    match copies {
        [(field, ..)] => finding.field(field.name),
        _ => finding,
    }
}

pub fn answers_on_hidden_sheet(sheet: &str, fields: &[&str], file: &str) -> Finding {
    Finding::new(
        Code::SvarPaDoltBlad,
        file,
        format!(
            "Svaren står på bladet {}, som är dolt i Excel, så styrgruppen kan inte se det som verktyget läser ({}). \
             Svaren har lästs. Kontrollera dem, och be styrgruppen visa bladet (högerklicka på en bladflik → \
             Ta fram) eller använda mallen från kansliet.",
            shown(sheet),
            field_list(fields)
        ),
    )
    .at(sheet_location(sheet), "")
}

pub fn answers_on_very_hidden_sheet(sheet: &str, fields: &[&str], file: &str) -> Finding {
    Finding::new(
        Code::SvarPaMycketDoltBlad,
        file,
        format!(
            "Svaren står på bladet {}, som är mycket dolt i Excel: det går inte att ta fram utan makron, så ingen \
             i styrgruppen kan ha sett det som verktyget skulle läsa ({}). Svaren läses inte. Be styrgruppen fylla \
             i mallen från kansliet och skicka rapporten igen.",
            shown(sheet),
            field_list(fields)
        ),
    )
    .at(sheet_location(sheet), "")
}

/// The most characters of a formula or a result quoted in a message: enough
/// to recognise it, and a cell may hold thousands.
const QUOTED_CHARS: usize = 100;

/// A formula or a cell's text for a message: control characters (line
/// breaks) dropped, cut after [`QUOTED_CHARS`] with `…`, personal identity
/// numbers masked.
fn quoted_text(text: &str) -> String {
    let mut printable = text.chars().filter(|c| !c.is_control());
    let mut shown: String = printable.by_ref().take(QUOTED_CHARS).collect();
    if printable.next().is_some() {
        shown.push('…');
    }
    pnr::mask(&shown).0
}

/// `formeln =100000+50000`, or `en formel` when its text is unknown.
fn the_formula(formula: &str) -> String {
    if formula.is_empty() { "en formel".to_string() } else { format!("formeln ={}", quoted_text(formula)) }
}

/// What to write instead of a formula, by the field's type.
fn instead_of_formula(ty: FieldType) -> String {
    match ty {
        FieldType::Kr => "Skriv beloppet som ett tal.".into(),
        FieldType::Int => "Skriv antalet som ett tal.".into(),
        FieldType::Date => "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2018-04-10.".into(),
        FieldType::Text | FieldType::GoalBlock => "Skriv texten direkt i cellen.".into(),
        FieldType::Choice(list) => format!("Välj {} i rullistan.", options(list)),
    }
}

/// A formula without a saved result: the tool does not calculate, so the
/// cell has no answer to read. `formula` is without its `=`.
pub fn formula_without_result(field: &Field, formula: &str, location: &Location, file: &str) -> Finding {
    let message = format!(
        "Cellen innehåller {} men inget sparat resultat. {}",
        the_formula(formula),
        instead_of_formula(field.ty)
    );
    for_field(Code::FormelUtanResultat, field, location, file, message)
}

/// A formula whose saved result is read as the answer.
pub fn formula_result_used(
    field: &Field,
    formula: &str,
    result: &CellValue,
    location: &Location,
    file: &str,
) -> Finding {
    let result = result.display();
    let used = if result.is_empty() {
        "Resultatet som sparades med den i filen är tomt, så cellen läses som tom.".to_string()
    } else {
        format!(
            "Verktyget räknar inte ut formler utan använder resultatet som sparades med den i filen: {}.",
            quoted_text(&result)
        )
    };
    let message = format!("Cellen innehåller {}. {used}", the_formula(formula));
    for_field(Code::FormelResultat, field, location, file, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_whose_text_could_not_be_read_is_called_a_formula() {
        let field = crate::contract::field("utfall_kr").expect("a field of the contract");
        let location = Location { sheet: "Rapport".into(), cell: "B47".into() };
        let finding = formula_without_result(field, "", &location, "rapport.xls");
        assert_eq!(
            finding.message,
            "Cellen innehåller en formel men inget sparat resultat. Skriv beloppet som ett tal."
        );
        assert_eq!((finding.code, finding.cell.as_deref()), (Code::FormelUtanResultat, Some("B47")));
    }
}
