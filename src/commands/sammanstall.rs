//! `uppfoljning sammanstall`: kansliet's quarterly job. Reads the register
//! and every report in the inbox, aggregates the period, compares it with
//! the previous run's workbook at the same path ([`changes`]), renders the
//! consolidated workbook (and the JSON), writes them and prints a short
//! summary for the e-mail that sends the workbook, with what changed and
//! the time taken (which goes nowhere else: the outputs hold no clock).
//!
//! Guarantees: a missing default (register, inbox) is named before anything
//! is read, and a period taken from the reports is said; both outputs are
//! rendered whole and staged beside their targets before either replaces a
//! previous file, so a run that fails writes nothing (exit 2) and a
//! previous workbook stays as it was; input files are only read, and an
//! output that would replace one is refused. Any other file at the
//! workbook's path is replaced: the user named it as the output.

mod summary;

use super::CommandError;
use crate::ExitStatus;
use crate::aggregate::{Sammanstallning, aggregate};
use crate::changes::{self, Andring, Comparison};
use crate::cli::SammanstallArgs;
use crate::discover::discover;
use crate::feedback;
use crate::finding::{Finding, Severity};
use crate::fsio;
use crate::inbox::{Inbox, read_inbox};
use crate::period::Period;
use crate::register::{Register, read_register};
use crate::render;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The register read when `--register` is not given, in the working folder.
pub const DEFAULT_REGISTER: &str = "register.xlsx";
/// The inbox searched when no folder is given, in the working folder.
pub const DEFAULT_INBOX: &str = "rapporter";

/// The workbook's name when `--ut` does not give one: "Uppföljning 2018-H1.xlsx".
pub fn default_file_name(period: Period) -> String {
    format!("Uppföljning {period}.xlsx")
}

/// Why `sammanstall` could not start: a default it looked for is missing, or
/// the period or targets cannot be settled. Swedish, saying what to do.
#[derive(Debug, thiserror::Error)]
pub enum SammanstallError {
    #[error(
        "Hittar inget register: {DEFAULT_REGISTER} finns inte i arbetsmappen {0}. Lägg registret där, eller \
         ange det med --register FIL."
    )]
    NoDefaultRegister(String),
    #[error(
        "Hittar ingen mapp {DEFAULT_INBOX} i arbetsmappen {0}. Skapa mappen och lägg de inkomna rapporterna \
         där, eller ange mappen: uppfoljning sammanstall MAPP."
    )]
    NoDefaultInbox(String),
    #[error(
        "Ingen rapport anger ett kvartal då insatsen pågår enligt registret, så perioden går inte att sätta \
         efter rapporterna. Ange perioden med --period, t.ex. --period 2018-K2."
    )]
    NoPeriod,
    #[error(
        "--ut {0}: ange ett filnamn som slutar på .xlsx, eller en mapp som finns (arbetsboken får då namnet \
         \"Uppföljning PERIOD.xlsx\" i mappen)."
    )]
    NotAWorkbookName(String),
    #[error("--ut och --json pekar på samma fil, {0}. Ange olika filer.")]
    SameTarget(String),
    #[error(
        "{0} är en av filerna som läses (registret eller en rapport) och skrivs aldrig över. Ange ett annat \
         filnamn med --ut eller --json."
    )]
    TargetIsInput(String),
}

/// Where a run's outputs go, and went, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outputs {
    pub workbook: PathBuf,
    pub json: Option<PathBuf>,
}

/// What a run reads: the register and every file of the inbox.
struct Input {
    register_path: PathBuf,
    register: Register,
    register_findings: Vec<Finding>,
    inbox: Inbox,
}

/// Runs the command and prints to `out`: one step per line.
pub fn run(args: &SammanstallArgs, out: &mut dyn Write) -> Result<ExitStatus, CommandError> {
    let started = Instant::now();
    let mut input = read_input(args)?;
    let period = settle_period(args, &input, out)?;
    let outputs = targets(args, period, &input)?;
    leave_out_own_outputs(&mut input.inbox, &outputs, args.aterkoppling.as_deref());
    let sammanstallning = aggregate(&input.register, &input.register_findings, &input.inbox, period);
    let comparison = changes::compare_with_previous(&outputs.workbook, &sammanstallning);
    let options = render::xlsx::Options { diagram: args.diagram.clone() };
    write_outputs(&sammanstallning, comparison.andringar(), &outputs, &options)?;
    let unknown = options.unknown_diagrams(&sammanstallning);
    print_summary(out, &sammanstallning, &input.register_findings, &outputs, &unknown, &comparison)?;
    if let Some(folder) = &args.aterkoppling {
        write_feedback(out, &sammanstallning, folder)?;
    }
    writeln!(out, "{}", summary::elapsed(started.elapsed()))?;
    Ok(exit_status(&sammanstallning, &input.register_findings))
}

/// Names a missing default before anything is read, then reads the
/// register and the inbox.
fn read_input(args: &SammanstallArgs) -> Result<Input, CommandError> {
    let register_path = register_path(args)?;
    let inbox_paths = inbox_paths(args)?;
    let (register, register_findings) = read_register(&register_path)?;
    let inbox = read_inbox(&discover(&inbox_paths)?);
    Ok(Input { register_path, register, register_findings, inbox })
}

/// `--period`, else the newest quarter reported, which is then said.
fn settle_period(args: &SammanstallArgs, input: &Input, out: &mut dyn Write) -> Result<Period, CommandError> {
    if let Some(text) = &args.period {
        return Ok(Period::parse(text)?);
    }
    let period = newest_quarter(&input.register, &input.inbox).ok_or(SammanstallError::NoPeriod)?;
    writeln!(
        out,
        "Perioden sattes till {period} efter de senaste rapporterna; ange --period för en annan.\n"
    )?;
    Ok(period)
}

fn print_summary(
    out: &mut dyn Write,
    s: &Sammanstallning,
    register_findings: &[Finding],
    outputs: &Outputs,
    unknown_diagrams: &[&str],
    comparison: &Comparison,
) -> Result<(), CommandError> {
    let lines = summary::lines(s, register_findings, outputs);
    let diagrams = summary::unknown_diagrams(unknown_diagrams);
    for line in lines.iter().chain(&diagrams).chain(&summary::changes(comparison, &outputs.workbook)) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Fel in a report or the register gives exit 1.
fn exit_status(s: &Sammanstallning, register_findings: &[Finding]) -> ExitStatus {
    let any_fel = s.fynd.iter().chain(register_findings).any(|f| f.severity == Severity::Fel);
    if any_fel { ExitStatus::Fel } else { ExitStatus::Ok }
}

/// `--register`, else [`DEFAULT_REGISTER`] when it is in the working folder.
fn register_path(args: &SammanstallArgs) -> Result<PathBuf, SammanstallError> {
    if let Some(path) = &args.register {
        return Ok(path.clone());
    }
    let path = PathBuf::from(DEFAULT_REGISTER);
    if path.is_file() { Ok(path) } else { Err(SammanstallError::NoDefaultRegister(working_folder())) }
}

/// The folders given, else [`DEFAULT_INBOX`] when it is in the working folder.
fn inbox_paths(args: &SammanstallArgs) -> Result<Vec<PathBuf>, SammanstallError> {
    if !args.mappar.is_empty() {
        return Ok(args.mappar.clone());
    }
    let path = PathBuf::from(DEFAULT_INBOX);
    if path.is_dir() { Ok(vec![path]) } else { Err(SammanstallError::NoDefaultInbox(working_folder())) }
}

fn working_folder() -> String {
    std::env::current_dir().map_or_else(|_| ".".to_string(), |dir| dir.display().to_string())
}

/// The newest quarter a report was written for, among reports whose insats
/// the register knows and is active then: a mistyped year in one report
/// (2081) or a report of an unknown insats does not set the period.
pub fn newest_quarter(register: &Register, inbox: &Inbox) -> Option<Period> {
    inbox
        .files
        .iter()
        .filter_map(|file| file.outcome.report.as_ref())
        .filter_map(|report| {
            let id = report.identitet.insats_id.as_deref()?;
            let quarter = report.identitet.kvartal()?;
            register.is_active(id, quarter, quarter.last_day()).then_some(quarter)
        })
        .max()
        .map(Period::Kvartal)
}

/// The workbook's path: `--ut` when it names an `.xlsx` file; the default
/// name in `--ut` when that is a folder; the default name in the working
/// folder without `--ut`.
pub fn workbook_target(ut: Option<&Path>, period: Period) -> Result<PathBuf, SammanstallError> {
    let Some(ut) = ut else { return Ok(PathBuf::from(default_file_name(period))) };
    let is_xlsx = ut.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        Ok(ut.to_path_buf())
    } else if ut.is_dir() {
        Ok(ut.join(default_file_name(period)))
    } else {
        Err(SammanstallError::NotAWorkbookName(ut.display().to_string()))
    }
}

/// The outputs' paths: two different files, neither of them one the run read.
fn targets(args: &SammanstallArgs, period: Period, input: &Input) -> Result<Outputs, SammanstallError> {
    let workbook = workbook_target(args.ut.as_deref(), period)?;
    if args.json.as_deref() == Some(workbook.as_path()) {
        return Err(SammanstallError::SameTarget(workbook.display().to_string()));
    }
    let outputs = Outputs { workbook, json: args.json.clone() };
    match replaces_an_input(&outputs, input) {
        Some(target) => Err(SammanstallError::TargetIsInput(target.display().to_string())),
        None => Ok(outputs),
    }
}

/// The output that is already one of the files the run read, if any.
fn replaces_an_input<'a>(outputs: &'a Outputs, input: &Input) -> Option<&'a Path> {
    let existing: Vec<(&Path, PathBuf)> = std::iter::once(outputs.workbook.as_path())
        .chain(outputs.json.as_deref())
        .filter_map(|target| Some((target, std::fs::canonicalize(target).ok()?)))
        .collect();
    if existing.is_empty() {
        return None;
    }
    // Only real inputs count: a previous workbook lying in the inbox is
    // read as a file but is no report, and replacing it is the point.
    let reports = input.inbox.files.iter().filter(|file| file.outcome.report.is_some());
    std::iter::once(input.register_path.as_path())
        .chain(reports.map(|file| file.source.path.as_path()))
        .filter_map(|path| std::fs::canonicalize(path).ok())
        .find_map(|read| existing.iter().find(|(_, target)| *target == read).map(|(target, _)| *target))
}

/// Leaves the run's own outputs out of what it aggregates: a workbook,
/// JSON or feedback written into the inbox would otherwise come back as an
/// input next run and the change list would never settle.
fn leave_out_own_outputs(inbox: &mut Inbox, outputs: &Outputs, feedback: Option<&Path>) {
    let canonical = |path: &Path| std::fs::canonicalize(path).ok();
    let targets: Vec<PathBuf> = std::iter::once(outputs.workbook.as_path())
        .chain(outputs.json.as_deref())
        .filter_map(canonical)
        .collect();
    let feedback = feedback.and_then(canonical);
    inbox.files.retain(|file| {
        let Some(path) = canonical(&file.source.path) else { return true };
        !targets.contains(&path) && !feedback.as_ref().is_some_and(|folder| path.starts_with(folder))
    });
}

/// One message per report with problems and per missing report, and the
/// list of addressees.
fn write_feedback(out: &mut dyn Write, s: &Sammanstallning, folder: &Path) -> Result<(), CommandError> {
    let messages = feedback::messages(&feedback::from_sammanstallning(s), &feedback::Avsandare::default());
    let written = feedback::write_all(&messages, folder)?;
    writeln!(
        out,
        "Återkoppling: {} i {} (adresserna i {}).",
        super::count(written.meddelanden, "meddelande", "meddelanden"),
        folder.display(),
        feedback::LISTA
    )?;
    Ok(())
}

/// Renders both outputs and stages them beside their targets before
/// replacing either: a render or staging failure leaves every previous file
/// as it was. The workbook is put in place first, since it is the one Excel
/// may hold open; the JSON follows.
fn write_outputs(
    sammanstallning: &Sammanstallning,
    andringar: Option<&[Andring]>,
    outputs: &Outputs,
    options: &render::xlsx::Options,
) -> Result<(), CommandError> {
    let workbook = render::xlsx::workbook(sammanstallning, andringar, options)?;
    let staged_workbook = fsio::stage(&outputs.workbook, &workbook)?;
    let staged_json = outputs
        .json
        .as_ref()
        .map(|path| -> Result<_, CommandError> {
            Ok(fsio::stage(path, &render::json::to_json(sammanstallning, andringar)?)?)
        })
        .transpose()?;
    staged_workbook.commit()?;
    if let Some(staged) = staged_json {
        staged.commit().map_err(|error| CommandError::JsonAfterWorkbook {
            workbook: outputs.workbook.display().to_string(),
            error,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ut_is_the_workbook_or_a_folder_for_it() {
        let h1 = Period::parse("2018-H1").unwrap();
        assert_eq!(workbook_target(None, h1).unwrap(), Path::new("Uppföljning 2018-H1.xlsx"));
        let named = Path::new("ut/Styrelsen juni.XLSX");
        assert_eq!(workbook_target(Some(named), h1).unwrap(), named);
        let folder = tempfile::tempdir().unwrap();
        assert_eq!(
            workbook_target(Some(folder.path()), h1).unwrap(),
            folder.path().join("Uppföljning 2018-H1.xlsx")
        );
        assert!(matches!(
            workbook_target(Some(Path::new("finns-inte")), h1),
            Err(SammanstallError::NotAWorkbookName(_))
        ));
        assert_eq!(default_file_name(Period::parse("2018").unwrap()), "Uppföljning 2018.xlsx");
    }

    #[test]
    fn every_message_says_what_to_do() {
        let cases = [
            (
                SammanstallError::NoDefaultRegister("C:\\Uppföljning".into()),
                "Hittar inget register: register.xlsx finns inte i arbetsmappen C:\\Uppföljning. Lägg registret där, \
                 eller ange det med --register FIL.",
            ),
            (
                SammanstallError::NoDefaultInbox("C:\\Uppföljning".into()),
                "Hittar ingen mapp rapporter i arbetsmappen C:\\Uppföljning. Skapa mappen och lägg de inkomna \
                 rapporterna där, eller ange mappen: uppfoljning sammanstall MAPP.",
            ),
            (
                SammanstallError::NoPeriod,
                "Ingen rapport anger ett kvartal då insatsen pågår enligt registret, så perioden går inte att sätta \
                 efter rapporterna. Ange perioden med --period, t.ex. --period 2018-K2.",
            ),
            (
                SammanstallError::NotAWorkbookName("utskick".into()),
                "--ut utskick: ange ett filnamn som slutar på .xlsx, eller en mapp som finns (arbetsboken får då \
                 namnet \"Uppföljning PERIOD.xlsx\" i mappen).",
            ),
            (
                SammanstallError::SameTarget("a.xlsx".into()),
                "--ut och --json pekar på samma fil, a.xlsx. Ange olika filer.",
            ),
            (
                SammanstallError::TargetIsInput("register.xlsx".into()),
                "register.xlsx är en av filerna som läses (registret eller en rapport) och skrivs aldrig över. \
                 Ange ett annat filnamn med --ut eller --json.",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), expected);
        }
        let json_failed = CommandError::JsonAfterWorkbook {
            workbook: "Uppföljning 2018-H1.xlsx".into(),
            error: fsio::WriteError::Locked { file: "ut.json".into() },
        };
        assert_eq!(
            json_failed.to_string(),
            "Arbetsboken Uppföljning 2018-H1.xlsx skrevs, men JSON-filen kunde inte skrivas: ut.json kunde inte \
             ersättas: filen är öppen i ett annat program eller skrivskyddad. Stäng ut.json i programmet där den \
             är öppen och kör igen."
        );
    }
}
