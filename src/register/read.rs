//! Reads `register.xlsx` into a [`Register`] and findings.
//!
//! Takes the path of kansliet's register; gives the typed [`Register`] and
//! every problem found as a [`Finding`] with sheet, cell (A1), column and
//! insats. Guarantees:
//!
//! - sheets are found by name and columns by their header in row 1; case,
//!   white space and `a`/`o` written for `å`/`ä`/`ö` do not matter, nor do
//!   the order of columns or extra columns of kansliet's own;
//! - a row with a problem is left out of the register and always has a
//!   finding; rows with nothing in the register's columns are skipped;
//! - only a register that cannot be used at all (no file, not a workbook,
//!   no sheet `Insatser` or one of its required columns) is a
//!   [`RegisterError`];
//! - memory is bounded: at most [`ROW_LIMIT`] rows and [`COL_LIMIT`]
//!   columns of a sheet are read, and content beyond them is one finding.
//!
//! The sheets' layout is in `columns`, the plumbing of sheets and rows in
//! `table` and `row`, cell parsing in `cells`, and the readers of the sheets
//! in `insatser`, `sheets` and `kvitteringar`.

use super::Register;
use super::columns::SheetSpec;
use super::columns::{BEDOMNINGAR, BESLUT, BUDGET_SHEET, INSATSER, INSTALLNINGAR, KVITTERINGAR, MAL_SHEET};
use super::swedish::fold;
use super::table::{Ctx, Table, find_sheet, sheet_finding};
use super::{insatser, kvitteringar, sheets};
use crate::finding::{Code, Finding};
use crate::value::join_swedish as join_or;
use crate::workbook::{OpenError, Workbook};
use std::path::Path;

/// Rows read per sheet, the header included. A register holds tens or a few
/// hundred insatser; the bound keeps one stray cell at row 1 048 576 from
/// costing memory or time.
pub const ROW_LIMIT: u32 = 10_000;
/// Columns read per sheet (A–GR): the contract has 16, and kansliet's own
/// columns fit many times over.
pub const COL_LIMIT: u32 = 200;

/// The register could not be used at all: the run cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("Registret {path} finns inte. Kontrollera sökvägen till registret.")]
    Missing { path: String },
    /// `detail` says why and what to do ([`crate::fsio::read_reason`]).
    #[error("Registret {path} kunde inte öppnas: {detail}")]
    Unreadable { path: String, detail: String },
    #[error("Registret {path} är lösenordsskyddat. Spara det utan lösenord och försök igen.")]
    Encrypted { path: String },
    #[error(
        "Registret {path} är inte en arbetsbok som går att läsa ({detail}). Spara det som Excel-arbetsbok (.xlsx) och försök igen."
    )]
    NotAWorkbook { path: String, detail: String },
    #[error(
        "Registret {path} läses inte eftersom det är över en säkerhetsgräns: {reason}. Öppna registret i Excel, spara det på nytt som .xlsx och försök igen."
    )]
    TooLarge { path: String, reason: String },
    #[error(
        "Registret {path} har inget blad som heter Insatser (bladen heter {sheets}). Lägg insatserna på ett blad med namnet Insatser."
    )]
    NoInsatser { path: String, sheets: String },
    #[error(
        "Bladet Insatser i registret {path} kunde inte läsas ({detail}). Spara om registret i Excel och försök igen."
    )]
    InsatserUnreadable { path: String, detail: String },
    #[error(
        "Bladet Insatser i registret {path} saknar {}. Skriv rubrikerna i rad 1, en kolumn för varje.",
        columns_phrase(.columns)
    )]
    ColumnsMissing { path: String, columns: Vec<String> },
}

fn columns_phrase(columns: &[String]) -> String {
    let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    match quoted.as_slice() {
        [one] => format!("kolumnen {one}"),
        _ => format!("kolumnerna {}", join_or(&quoted, "och")),
    }
}

/// Reads the register at `path`: sheet `Inställningar` first (its default
/// number of meetings fills `Insatser`), then `Insatser`, then the sheets
/// that refer to insatser by Id.
pub fn read_register(path: &Path) -> Result<(Register, Vec<Finding>), RegisterError> {
    let shown = path.display().to_string();
    let mut book = Workbook::open(path).map_err(|e| open_error(&shown, e))?;
    let file = path.file_name().map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    let mut ctx = Ctx { file, findings: Vec::new() };

    let mut register = Register::default();
    if let Some(table) = ctx.optional_table(&mut book, &INSTALLNINGAR) {
        register.installningar = sheets::installningar(&mut ctx, &table);
    }
    let table = insatser_table(&mut ctx, &mut book, &shown)?;
    let moten_default = register.installningar.styrgruppsmoten_per_ar;
    let (insatser, ids) = insatser::insatser(&mut ctx, &table, moten_default);
    let read: std::collections::BTreeSet<&str> = insatser.iter().map(|i| i.id.as_str()).collect();
    register.utelamnade = ids.iter().filter(|id| !read.contains(id.as_str())).cloned().collect();
    register.insatser = insatser;
    if let Some(table) = ctx.optional_table(&mut book, &BUDGET_SHEET) {
        (register.budgetar, register.budget_med_fel) = sheets::budgetar(&mut ctx, &table, &ids);
    }
    if let Some(table) = ctx.optional_table(&mut book, &BESLUT) {
        register.beslut = sheets::beslut(&mut ctx, &table, &ids);
    }
    if let Some(table) = ctx.optional_table(&mut book, &MAL_SHEET) {
        register.mal = sheets::mal(&mut ctx, &table, &ids);
    }
    if let Some(table) = ctx.optional_table(&mut book, &BEDOMNINGAR) {
        register.bedomningar = sheets::bedomningar(&mut ctx, &table, &ids);
    }
    if let Some(table) = ctx.optional_table(&mut book, &KVITTERINGAR) {
        register.kvitteringar = kvitteringar::kvitteringar(&mut ctx, &table, &ids);
    }
    check_sheet_names(&mut ctx, &book.sheet_names());
    Ok((register, ctx.findings))
}

/// A sheet whose name is nearly that of an optional sheet the register
/// lacks ("Budget 2018", "Kvittering") is most likely that sheet renamed:
/// said, since without it the sheet's defaults apply (Budget per år / 4, no
/// accepted findings). Kansliet's own sheets with other names are left alone.
fn check_sheet_names(ctx: &mut Ctx, names: &[String]) {
    let letters = |text: &str| -> String { fold(text).chars().filter(|c| c.is_alphanumeric()).collect() };
    let optional = [&INSTALLNINGAR, &BUDGET_SHEET, &BESLUT, &MAL_SHEET, &BEDOMNINGAR, &KVITTERINGAR];
    let all = [&INSATSER, &INSTALLNINGAR, &BUDGET_SHEET, &BESLUT, &MAL_SHEET, &BEDOMNINGAR, &KVITTERINGAR];
    for name in names {
        if all.iter().any(|spec| fold(name) == fold(spec.name)) {
            continue;
        }
        let near = |spec: &&SheetSpec| {
            let (own, theirs) = (letters(name), letters(spec.name));
            // Short names ("Mål") would match kansliet's own sheets ("Mallar").
            own.len() >= 5 && theirs.len() >= 5 && (own.starts_with(&theirs) || theirs.starts_with(&own))
        };
        let Some(spec) = optional.iter().find(|spec| near(spec) && find_sheet(names, spec.name).is_none())
        else {
            continue;
        };
        let wanted = spec.name;
        let message = format!(
            "Bladet \"{name}\" läses inte, eftersom registrets blad heter {wanted}. Är det bladet {wanted}, byt namn \
             på det till {wanted}; till dess räknas registret som om bladet {wanted} saknades."
        );
        ctx.findings.push(sheet_finding(&ctx.file, Code::RegisterBladNamn, name, None, message));
    }
}

fn open_error(path: &str, error: OpenError) -> RegisterError {
    let path = path.to_string();
    match error {
        OpenError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => RegisterError::Missing { path },
        OpenError::Io(e) => RegisterError::Unreadable { path, detail: crate::fsio::read_reason(&e) },
        OpenError::Encrypted => RegisterError::Encrypted { path },
        OpenError::NotAWorkbook(detail) => RegisterError::NotAWorkbook { path, detail },
        OpenError::TooLarge(reason) => RegisterError::TooLarge { path, reason },
    }
}

/// `Insatser`, or the error that stops the run.
fn insatser_table(ctx: &mut Ctx, book: &mut Workbook, path: &str) -> Result<Table, RegisterError> {
    let path = path.to_string();
    let names = book.sheet_names();
    let Some(sheet) = find_sheet(&names, INSATSER.name) else {
        let sheets: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        return Err(RegisterError::NoInsatser { path, sheets: join_or(&sheets, "och") });
    };
    let table = Table::read(book, &sheet, &INSATSER)
        .map_err(|e| RegisterError::InsatserUnreadable { path: path.clone(), detail: e.to_string() })?;
    let missing: Vec<String> =
        INSATSER.required.iter().filter(|c| !table.columns.contains_key(*c)).map(|c| c.to_string()).collect();
    if !missing.is_empty() {
        return Err(RegisterError::ColumnsMissing { path, columns: missing });
    }
    ctx.check_read(&table);
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_register_error_says_what_to_do() {
        let path = || "register.xlsx".to_string();
        let cases = [
            (
                RegisterError::Unreadable {
                    path: path(),
                    detail: crate::fsio::read_reason(&std::io::ErrorKind::PermissionDenied.into()),
                },
                "Registret register.xlsx kunde inte öppnas: åtkomst nekad. Kontrollera att du har rätt att läsa \
                 filen, eller spara en kopia i mappen och kör igen.",
            ),
            (
                RegisterError::Encrypted { path: path() },
                "Registret register.xlsx är lösenordsskyddat. Spara det utan lösenord och försök igen.",
            ),
            (
                RegisterError::InsatserUnreadable { path: path(), detail: "trasig".into() },
                "Bladet Insatser i registret register.xlsx kunde inte läsas (trasig). Spara om registret i Excel och försök igen.",
            ),
            (
                RegisterError::ColumnsMissing { path: path(), columns: vec!["Id".into()] },
                "Bladet Insatser i registret register.xlsx saknar kolumnen \"Id\". Skriv rubrikerna i rad 1, en kolumn för varje.",
            ),
        ];
        for (error, message) in cases {
            assert_eq!(error.to_string(), message);
        }
    }
}
