//! `uppfoljning sammanstall`: kansliet's quarterly job. Reads the register
//! and every report in the inbox, aggregates the period, compares it with
//! the previous run's workbook at the same path, or with the workbook
//! `--jamfor` names ([`changes`]), renders the
//! consolidated workbook (and the JSON), writes them and prints a short
//! summary for the e-mail that sends the workbook, with what changed and
//! the time taken (which goes nowhere else: the outputs hold no clock).
//!
//! Guarantees: a missing default (register, inbox) is named before anything
//! is read, and a period taken from the reports is said; both outputs are
//! rendered whole and staged beside their targets before either replaces a
//! previous file, so a run that fails writes nothing (exit 2) and a
//! previous workbook stays as it was; input files are only read, and an
//! output at the register, at a report given or inside a folder of reports
//! is refused before anything is written ([`super::targets`]; a wrong flag
//! before the inbox is even read), so the inbox only ever holds what
//! kansliet put there. The `--jamfor` workbook is an input too: only read,
//! never written over (but the workbook may replace it, after it was read);
//! one that is missing, not this tool's, or of another period stops the run
//! before anything is written. Any other file at the
//! workbook's path is replaced: the user named it as the output.

mod summary;

use super::CommandError;
use super::targets::{self, Flag, Inputs, Output};
use crate::ExitStatus;
use crate::aggregate::{Sammanstallning, aggregate};
use crate::changes::{self, Andringar, Comparison, JamforError};
use crate::cli::{PROGRAM, SammanstallArgs};
use crate::discover::discover;
use crate::feedback::{self, Meddelande};
use crate::finding::{Finding, Severity};
use crate::fsio;
use crate::inbox::{Inbox, read_inbox};
use crate::period::{Kvartal, Period};
use crate::register::{Register, read_register};
use crate::render;
use chrono::NaiveDate;
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
         där, eller ange mappen efter kommandot: {PROGRAM} sammanstall MAPP eller {PROGRAM} kontrollera MAPP."
    )]
    NoDefaultInbox(String),
    #[error(
        "Ingen rapport anger ett kvartal då insatsen pågår enligt registret, så perioden går inte att sätta \
         efter rapporterna. Ange perioden med --period, t.ex. --period 2018-K2."
    )]
    NoPeriod,
    /// No file in the inbox could be read as a report.
    #[error(
        "Det finns inga kvartalsrapporter att sammanställa i {0}. Lägg de inkomna rapporterna där och kör \
         igen. (En arbetsbok där varje rapport står som saknad får du med --period, t.ex. --period 2018-K2.)"
    )]
    NoReports(String),
    /// The register has rows, but every one has a problem: no insats is known.
    #[error(
        "Registret har ingen insats som kan användas: varje rad på bladet Insatser har fel. Rätta raderna och \
         kör igen. {0}"
    )]
    NoUsableInsats(String),
    #[error(
        "--ut {0}: ange ett filnamn som slutar på .xlsx, eller en mapp som finns (arbetsboken får då namnet \
         \"Uppföljning PERIOD.xlsx\" i mappen)."
    )]
    NotAWorkbookName(String),
    #[error("--ut och --json pekar på samma fil, {0}. Ange olika filer.")]
    SameTarget(String),
    #[error(transparent)]
    Jamfor(#[from] JamforError),
    #[error(
        "--pm {0}: ange ett filnamn som slutar på .docx. Utan filnamn skrivs PM:et bredvid arbetsboken; skriv \
         då --pm sist eller före en annan flagga, så att mappen med rapporter inte tas för PM:ets namn."
    )]
    NotADocxName(String),
    #[error("--pm och --json pekar på samma fil, {0}. Ange olika filer.")]
    PmSameAsJson(String),
}

/// Where a run's outputs go, and went, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outputs {
    pub workbook: PathBuf,
    pub json: Option<PathBuf>,
    /// The memo draft (`--pm`).
    pub pm: Option<PathBuf>,
}

/// Where a run reads: the register and the folders (or files) of reports.
pub(super) struct Sources {
    pub(super) register: PathBuf,
    pub(super) inbox: Vec<PathBuf>,
    pub(super) jamfor: Option<PathBuf>,
}

impl Sources {
    pub(super) fn inputs(&self) -> Inputs {
        Inputs::new(Some(&self.register), &self.inbox).with_jamfor(self.jamfor.as_deref())
    }
}

/// What a run reads: the register and every file of the inbox.
struct Input {
    register: Register,
    register_findings: Vec<Finding>,
    inbox: Inbox,
}

/// Runs the command and prints to `out`: one step per line.
pub fn run(args: &SammanstallArgs, out: &mut dyn Write) -> Result<ExitStatus, CommandError> {
    let started = Instant::now();
    // A folder typed after a bare --pm is taken for the PM's name: say so first.
    pm_output(args)?;
    let sources = sources(args)?;
    let given_period = args.period.as_deref().map(Period::parse).transpose()?;
    // A wrong flag fails before the inbox is read.
    targets::refuse_outputs_over_inputs(&planned(args, given_period)?, &sources.inputs())?;
    if let Some(jamfor) = &sources.jamfor {
        changes::check_jamfor(jamfor).map_err(SammanstallError::from)?;
    }
    let today = super::today();
    let input = read_input(&sources)?;
    let period = settle_period(given_period, &input, &sources.inbox, today, out)?;
    if let Some(message) = no_active_insats(&input.register, period, "ingen arbetsbok skrevs") {
        // A typo'd year must not give an empty workbook that looks complete.
        writeln!(out, "Fel: {message}")?;
        return Ok(ExitStatus::Fel);
    }
    let outputs = outputs(args, period)?;
    let sammanstallning = aggregate(&input.register, &input.register_findings, &input.inbox, period, today);
    // Everything later works from the aggregation: the reports as read are
    // freed before the workbook is rendered, where a run's memory peaks.
    let Input { register, register_findings, inbox } = input;
    drop((register, inbox));
    let meddelanden = args.aterkoppling.as_deref().map(|folder| feedback_messages(&sammanstallning, folder));
    // The workbook's name and the feedback's file names are known now.
    let written = written(args, &outputs, meddelanden.as_deref());
    targets::refuse_outputs_over_inputs(&written, &sources.inputs())?;
    let comparison = compare(sources.jamfor.as_deref(), &outputs.workbook, &sammanstallning)?;
    let options = render::xlsx::Options { diagram: args.diagram.clone() };
    write_outputs(&sammanstallning, comparison.andringar(), &outputs, &options)?;
    let unknown = options.unknown_diagrams(&sammanstallning);
    print_summary(out, &sammanstallning, &register_findings, &outputs, &unknown, &comparison)?;
    if sources.jamfor.as_deref().is_some_and(|jamfor| is_the_workbook(jamfor, &outputs.workbook)) {
        writeln!(out, "{JAMFOR_IS_WORKBOOK}")?;
    }
    if let (Some(folder), Some(meddelanden)) = (&args.aterkoppling, &meddelanden) {
        write_feedback(out, meddelanden, folder)?;
    }
    writeln!(out, "{}", summary::elapsed(started.elapsed()))?;
    Ok(exit_status(&sammanstallning, &register_findings))
}

/// Said when `--jamfor` names the workbook the run writes.
pub const JAMFOR_IS_WORKBOOK: &str =
    "--jamfor är samma fil som arbetsboken: den jämfördes som den var före körningen och har nu ersatts.";

/// Names a missing default before anything is read.
pub(super) fn sources(args: &SammanstallArgs) -> Result<Sources, SammanstallError> {
    Ok(Sources {
        register: register_path(args.register.as_deref())?,
        inbox: inbox_paths(&args.mappar)?,
        jamfor: args.jamfor.clone(),
    })
}

/// The changes since the workbook `--jamfor` names, else since the
/// previous run at `workbook`. Nothing is written yet, so a `--jamfor`
/// that cannot be compared with stops the run with every file as it was.
pub(super) fn compare(
    jamfor: Option<&Path>,
    workbook: &Path,
    s: &Sammanstallning,
) -> Result<Comparison, SammanstallError> {
    match jamfor {
        Some(jamfor) => Ok(changes::compare_with(jamfor, s)?),
        None => Ok(changes::compare_with_previous(workbook, s)),
    }
}

fn is_the_workbook(jamfor: &Path, workbook: &Path) -> bool {
    targets::Resolved::new(jamfor) == targets::Resolved::new(workbook)
}

/// Reads the register and the inbox.
fn read_input(sources: &Sources) -> Result<Input, CommandError> {
    let (register, register_findings) = read_register(&sources.register)?;
    let inbox = read_inbox(&discover(&sources.inbox)?);
    Ok(Input { register, register_findings, inbox })
}

/// `--period`, else the newest quarter reported, which is then said.
fn settle_period(
    given: Option<Period>,
    input: &Input,
    inbox: &[PathBuf],
    today: NaiveDate,
    out: &mut dyn Write,
) -> Result<Period, CommandError> {
    if let Some(period) = given {
        return Ok(period);
    }
    let period =
        newest_quarter(&input.register, &input.inbox, today).ok_or_else(|| why_no_period(input, inbox))?;
    writeln!(
        out,
        "Perioden sattes till {period} efter de senaste rapporterna; ange --period för en annan.\n"
    )?;
    Ok(period)
}

/// Registers' problems shown when no period can be settled: the first few.
const PROBLEMS_SHOWN: usize = 5;

/// Why no period follows from the reports, in the words that help most:
/// no report at all, a register none of whose insatser can be used (with its
/// first problems, as a double-click shows nothing else), or no report of a
/// quarter an insats runs.
fn why_no_period(input: &Input, inbox: &[PathBuf]) -> CommandError {
    if !input.inbox.files.iter().any(|file| file.outcome.report.is_some()) {
        let folders: Vec<String> = inbox.iter().map(|p| p.display().to_string()).collect();
        return SammanstallError::NoReports(crate::value::join_swedish(&folders, "och")).into();
    }
    if input.register.insatser.is_empty() {
        let fel: Vec<&Finding> =
            input.register_findings.iter().filter(|f| f.severity == crate::finding::Severity::Fel).collect();
        let mut list = format!("De första felen ({} i allt):", fel.len());
        for f in fel.iter().take(PROBLEMS_SHOWN) {
            let at = f.location().unwrap_or_default();
            list.push_str(&format!("\n  {at}: {}", f.message));
        }
        return SammanstallError::NoUsableInsats(list).into();
    }
    SammanstallError::NoPeriod.into()
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

/// Why there is nothing to follow up in `period`, when no insats of the
/// register is active in any of its quarters (a mistyped year): the period,
/// `what_happened` ("ingen arbetsbok skrevs"), the quarters the register's
/// insatser run over, and what to do. `None` when some insats is active.
/// `kontrollera --period` says the same.
pub(super) fn no_active_insats(register: &Register, period: Period, what_happened: &str) -> Option<String> {
    let as_of = period.last_day();
    let active = |id: &str| period.quarters().iter().any(|q| register.is_active(id, *q, as_of));
    if register.insatser.iter().any(|insats| active(&insats.id)) {
        return None;
    }
    // Every decision counts here: the span is what the register holds today.
    let grants = register.insatser.iter().filter_map(|insats| register.grant(&insats.id, NaiveDate::MAX));
    let (starts, ends): (Vec<_>, Vec<_>) =
        grants.map(|g| (Kvartal::of(g.start), Kvartal::of(g.slut))).unzip();
    let holds = match (starts.iter().min(), ends.iter().max()) {
        (Some(first), Some(last)) => format!(
            "Registrets insatser pågår från {first} till {last}. Kontrollera --period (är året rätt skrivet?) \
             och kör igen."
        ),
        _ => "Registret har inga insatser. Lägg in insatserna i registret och kör igen.".to_string(),
    };
    Some(format!(
        "Ingen insats i registret pågår under perioden {period} ({}), så {what_happened}. {holds}",
        period.in_words()
    ))
}

/// `--register`, else [`DEFAULT_REGISTER`] when it is in the working folder
/// (`kontrollera` too).
pub(super) fn register_path(given: Option<&Path>) -> Result<PathBuf, SammanstallError> {
    if let Some(path) = given {
        return Ok(path.to_path_buf());
    }
    let path = PathBuf::from(DEFAULT_REGISTER);
    if path.is_file() { Ok(path) } else { Err(SammanstallError::NoDefaultRegister(working_folder())) }
}

/// The folders given, else [`DEFAULT_INBOX`] when it is in the working
/// folder (`kontrollera` too).
pub(super) fn inbox_paths(given: &[PathBuf]) -> Result<Vec<PathBuf>, SammanstallError> {
    if !given.is_empty() {
        return Ok(given.to_vec());
    }
    let path = PathBuf::from(DEFAULT_INBOX);
    if path.is_dir() { Ok(vec![path]) } else { Err(SammanstallError::NoDefaultInbox(working_folder())) }
}

fn working_folder() -> String {
    std::env::current_dir().map_or_else(|_| ".".to_string(), |dir| dir.display().to_string())
}

/// The newest quarter a report was written for, among reports whose insats
/// the register knows and is active then, and whose quarter is over by
/// `today` and by the report's own date: a mistyped year in one report
/// (2081, or 2028 for 2018 in a grant without end) or a report of an
/// unknown insats does not set the period.
pub fn newest_quarter(register: &Register, inbox: &Inbox, today: NaiveDate) -> Option<Period> {
    inbox
        .files
        .iter()
        .filter_map(|file| file.outcome.report.as_ref())
        .filter(|report| crate::check::dates::quarter_over(report, today))
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
    if is_xlsx(ut) {
        Ok(ut.to_path_buf())
    } else if ut.is_dir() {
        Ok(ut.join(default_file_name(period)))
    } else {
        Err(SammanstallError::NotAWorkbookName(ut.display().to_string()))
    }
}

fn is_xlsx(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// The outputs' paths: two different files.
pub(super) fn outputs(args: &SammanstallArgs, period: Period) -> Result<Outputs, SammanstallError> {
    let workbook = workbook_target(args.ut.as_deref(), period)?;
    let same = |json: &Path| targets::Resolved::new(json) == targets::Resolved::new(&workbook);
    if args.json.as_deref().is_some_and(same) {
        return Err(SammanstallError::SameTarget(workbook.display().to_string()));
    }
    let pm = match &args.pm {
        None => None,
        Some(None) => Some(render::pm::file_name_beside(&workbook)),
        Some(Some(pm)) => Some(docx_target(pm)?),
    };
    if let (Some(pm), Some(json)) = (&pm, &args.json)
        && targets::Resolved::new(pm) == targets::Resolved::new(json)
    {
        return Err(SammanstallError::PmSameAsJson(pm.display().to_string()));
    }
    Ok(Outputs { workbook, json: args.json.clone(), pm })
}

/// `--pm FIL`: a file name ending in `.docx`. Anything else is refused, so
/// a folder of reports typed after a bare `--pm` is not taken for its name.
fn docx_target(pm: &Path) -> Result<PathBuf, SammanstallError> {
    if pm.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
        Ok(pm.to_path_buf())
    } else {
        Err(SammanstallError::NotADocxName(pm.display().to_string()))
    }
}

/// `--pm FIL` as an output; the PM beside the workbook waits for its name.
fn pm_output(args: &SammanstallArgs) -> Result<Option<Output>, SammanstallError> {
    match &args.pm {
        Some(Some(pm)) => Ok(Some(Output::file(Flag::Pm, pm, docx_target(pm)?))),
        _ => Ok(None),
    }
}

/// Every path the run will write, as far as it is known before the inbox
/// is read: without `--period` the workbook's name waits for the reports,
/// and the folder it will be written in stands in for it.
pub(super) fn planned(
    args: &SammanstallArgs,
    period: Option<Period>,
) -> Result<Vec<Output>, SammanstallError> {
    let workbook = match (period, args.ut.as_deref()) {
        (Some(period), ut) => workbook_output(ut, workbook_target(ut, period)?),
        (None, None) => Output::default_workbook(PathBuf::from(".")),
        (None, Some(ut)) if is_xlsx(ut) => Output::file(Flag::Ut, ut, ut.to_path_buf()),
        (None, Some(ut)) if ut.is_dir() => Output::folder(Flag::Ut, ut),
        (None, Some(ut)) => return Err(SammanstallError::NotAWorkbookName(ut.display().to_string())),
    };
    let json = args.json.as_deref().map(|json| Output::file(Flag::Json, json, json.to_path_buf()));
    let pm = pm_output(args)?;
    let feedback =
        args.aterkoppling.as_deref().map(|folder| targets::feedback(folder, [folder.join(feedback::LISTA)]));
    Ok(std::iter::once(workbook).chain(json).chain(pm).chain(feedback.into_iter().flatten()).collect())
}

/// Every path the run writes: the workbook, the JSON, the PM, the feedback folder
/// and each of its files.
pub(super) fn written(
    args: &SammanstallArgs,
    outputs: &Outputs,
    meddelanden: Option<&[Meddelande]>,
) -> Vec<Output> {
    let workbook = workbook_output(args.ut.as_deref(), outputs.workbook.clone());
    let json = args.json.as_deref().map(|json| Output::file(Flag::Json, json, json.to_path_buf()));
    // The PM beside the workbook is named by its path, as no value was typed.
    let pm = outputs.pm.as_ref().map(|pm| match &args.pm {
        Some(Some(value)) => Output::file(Flag::Pm, value, pm.clone()),
        _ => Output::file(Flag::Pm, pm, pm.clone()),
    });
    let feedback = args.aterkoppling.as_deref().map(|folder| {
        targets::feedback(folder, feedback::planned_files(meddelanden.unwrap_or_default(), folder))
    });
    std::iter::once(workbook).chain(json).chain(pm).chain(feedback.into_iter().flatten()).collect()
}

/// The workbook at `path`, as `--ut` named it or by default.
fn workbook_output(ut: Option<&Path>, path: PathBuf) -> Output {
    match ut {
        Some(ut) => Output::file(Flag::Ut, ut, path),
        None => Output::default_workbook(path),
    }
}

/// One message per report with problems, per missing report (counting the
/// reminders `folder` says were drafted before) and per approved report.
pub(super) fn feedback_messages(s: &Sammanstallning, folder: &Path) -> Vec<Meddelande> {
    feedback::korrespondens(s, &feedback::Paminnelser::read(folder))
}

/// The messages, and the list of addressees.
pub(super) fn write_feedback(
    out: &mut dyn Write,
    messages: &[Meddelande],
    folder: &Path,
) -> Result<(), CommandError> {
    let written = feedback::write_all(messages, folder)?;
    writeln!(
        out,
        "Återkoppling: {} i {} (adresserna i {}).",
        super::count(written.meddelanden, "meddelande", "meddelanden"),
        folder.display(),
        feedback::LISTA
    )?;
    Ok(())
}

/// Renders every output and stages each beside its target before
/// replacing any: a render or staging failure leaves every previous file
/// as it was. The workbook is put in place first, since it is the one Excel
/// may hold open; the PM (which Word may hold open) and the JSON follow.
fn write_outputs(
    sammanstallning: &Sammanstallning,
    andringar: Option<&Andringar>,
    outputs: &Outputs,
    options: &render::xlsx::Options,
) -> Result<(), CommandError> {
    write_rendered(&render_outputs(sammanstallning, andringar, outputs, options)?, outputs)
}

/// Every output's bytes, rendered and not yet written.
#[derive(Debug, Clone)]
pub(super) struct Rendered {
    workbook: Vec<u8>,
    json: Option<Vec<u8>>,
    pm: Option<Vec<u8>>,
}

/// Renders the workbook, and the JSON and the PM when `outputs` has them.
pub(super) fn render_outputs(
    sammanstallning: &Sammanstallning,
    andringar: Option<&Andringar>,
    outputs: &Outputs,
    options: &render::xlsx::Options,
) -> Result<Rendered, CommandError> {
    let workbook = render::xlsx::workbook(sammanstallning, andringar, options)?;
    let json =
        outputs.json.as_ref().map(|_| render::json::to_json(sammanstallning, andringar)).transpose()?;
    let pm = outputs.pm.as_ref().map(|_| render::pm::document(sammanstallning)).transpose()?;
    Ok(Rendered { workbook, json, pm })
}

/// Stages every output beside its target, then puts the workbook in place
/// and the PM and the JSON after it (see [`write_outputs`]).
pub(super) fn write_rendered(rendered: &Rendered, outputs: &Outputs) -> Result<(), CommandError> {
    let staged_workbook = fsio::stage(&outputs.workbook, &rendered.workbook)?;
    let staged_json = match (&outputs.json, &rendered.json) {
        (Some(path), Some(json)) => Some(fsio::stage(path, json)?),
        _ => None,
    };
    let staged_pm = match (&outputs.pm, &rendered.pm) {
        (Some(path), Some(pm)) => Some(fsio::stage(path, pm)?),
        _ => None,
    };
    staged_workbook.commit()?;
    if let Some(staged) = staged_pm {
        staged.commit().map_err(|error| CommandError::PmAfterWorkbook {
            workbook: outputs.workbook.display().to_string(),
            error,
        })?;
    }
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
    fn a_period_without_active_insats_is_named_with_what_the_register_holds() {
        let register = crate::register::read_register(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/register.xlsx"
        )))
        .unwrap()
        .0;
        let typo = Period::parse("2081-H1").unwrap();
        let message = no_active_insats(&register, typo, "ingen arbetsbok skrevs").unwrap();
        let first = register.insatser.iter().map(|i| Kvartal::of(i.start)).min().unwrap();
        assert!(
            message.starts_with(
                "Ingen insats i registret pågår under perioden 2081-H1 (kvartal 1 och 2 2081), så ingen \
                 arbetsbok skrevs. Registrets insatser pågår från "
            ),
            "{message}"
        );
        assert!(message.contains(&format!("från {first} till 20")), "{message}");
        assert!(message.ends_with("Kontrollera --period (är året rätt skrivet?) och kör igen."), "{message}");
        assert_eq!(no_active_insats(&register, Period::parse("2018-H1").unwrap(), "x"), None);
        let empty = Register::default();
        assert_eq!(
            no_active_insats(&empty, typo, "inga rapporter kontrollerades").as_deref(),
            Some(
                "Ingen insats i registret pågår under perioden 2081-H1 (kvartal 1 och 2 2081), så inga rapporter \
                 kontrollerades. Registret har inga insatser. Lägg in insatserna i registret och kör igen."
            )
        );
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
                 rapporterna där, eller ange mappen efter kommandot: uppfoljning sammanstall MAPP eller uppfoljning \
                 kontrollera MAPP.",
            ),
            (
                SammanstallError::NoPeriod,
                "Ingen rapport anger ett kvartal då insatsen pågår enligt registret, så perioden går inte att sätta \
                 efter rapporterna. Ange perioden med --period, t.ex. --period 2018-K2.",
            ),
            (
                SammanstallError::NoReports("rapporter".into()),
                "Det finns inga kvartalsrapporter att sammanställa i rapporter. Lägg de inkomna rapporterna där och \
                 kör igen. (En arbetsbok där varje rapport står som saknad får du med --period, t.ex. --period \
                 2018-K2.)",
            ),
            (
                SammanstallError::NoUsableInsats("De första felen (1 i allt):\n  Insatser!I2: …".into()),
                "Registret har ingen insats som kan användas: varje rad på bladet Insatser har fel. Rätta raderna och \
                 kör igen. De första felen (1 i allt):\n  Insatser!I2: …",
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
                SammanstallError::NotADocxName("rapporter".into()),
                "--pm rapporter: ange ett filnamn som slutar på .docx. Utan filnamn skrivs PM:et bredvid \
                 arbetsboken; skriv då --pm sist eller före en annan flagga, så att mappen med rapporter inte tas \
                 för PM:ets namn.",
            ),
            (
                SammanstallError::PmSameAsJson("ut.docx".into()),
                "--pm och --json pekar på samma fil, ut.docx. Ange olika filer.",
            ),
        ];
        for (error, expected) in cases {
            // The program as the platform's shell starts it (`.\uppfoljning.exe` on Windows).
            assert_eq!(error.to_string(), expected.replace("uppfoljning ", &format!("{PROGRAM} ")));
        }
        let pm_failed = CommandError::PmAfterWorkbook {
            workbook: "Uppföljning 2018-H1.xlsx".into(),
            error: fsio::WriteError::Locked { file: "pm.docx".into() },
        };
        assert!(
            pm_failed.to_string().starts_with(
                "Arbetsboken Uppföljning 2018-H1.xlsx skrevs, men PM:et kunde inte \
                 skrivas: pm.docx kunde inte ersättas"
            ),
            "{pm_failed}"
        );
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
