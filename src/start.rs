//! How the program was started decides what it does, before the command
//! line is parsed: kansliet double-clicks `uppfoljning.exe` in Explorer or
//! drops files on it, and a console window opened for the program alone
//! closes the moment it ends.
//!
//! [`plan`] is the decision, a pure function of the arguments, whether the
//! console is the program's own ([`console_owned`]) and the state of the
//! program's folder ([`Home`]), so it is tested on any platform; [`carry_out`]
//! does what the plan says, through the same commands a terminal user runs.
//!
//! - Double-clicked (no arguments, own console): in the program's own
//!   folder, `sammanstall` with the defaults when the folder is set up
//!   (`register.xlsx` and `rapporter`), a word when the register has no
//!   insatser or `rapporter` is still empty, and otherwise the folder is set up (`rapporter`, `mallar`, a
//!   blank register) with what to do next.
//! - Paths dropped on the program (arguments, none a command or flag, own
//!   console): `kontrollera` on them with the register of the program's folder.
//! - Own console, started by Explorer (no arguments, or paths dropped): the
//!   window waits for Enter before it closes. A command line runs as typed
//!   and ends when done, whoever made its console (a shortcut, a script).
//! - From a terminal: nothing waits; no arguments prints the help (exit 2,
//!   as no command ran); paths that all exist are checked as if dropped; any
//!   other command line is parsed as always.

use crate::cli::{self, PROGRAM};
use crate::commands::mall::DEFAULT_TEMPLATES;
use crate::commands::sammanstall::{DEFAULT_INBOX, DEFAULT_REGISTER};
use crate::{ExitStatus, fsio, template};
use std::ffi::{OsStr, OsString};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// What the window says before it waits.
pub const PRESS_ENTER: &str = "Tryck Enter för att stänga fönstret.";

/// The program's own folder and what is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    pub folder: PathBuf,
    /// `register.xlsx` is there.
    pub register: bool,
    /// `rapporter` is there.
    pub inbox: bool,
    /// `rapporter` or a folder in it holds a file.
    pub reports: bool,
    /// The register can be read and has no rows of insatser yet (as `mall
    /// register` writes it): there is nothing to summarise until it is
    /// filled in. A register whose rows all have problems is not empty:
    /// `sammanstall` lists them.
    pub register_empty: bool,
}

impl Home {
    /// Looks at `folder` (the program's folder).
    pub fn look(folder: &Path) -> Home {
        let inbox = folder.join(DEFAULT_INBOX);
        let reports = holds_a_file(&inbox, FOLDER_DEPTH);
        let register = folder.join(DEFAULT_REGISTER);
        // A register that cannot be read is left to `sammanstall` to explain.
        let register_empty = register.is_file()
            && crate::register::read_register(&register).is_ok_and(|(_, findings)| {
                findings.iter().any(|f| f.code == crate::finding::Code::RegisterIngaInsatser)
            });
        Home {
            folder: folder.to_path_buf(),
            register: register.is_file(),
            inbox: inbox.is_dir(),
            reports,
            register_empty,
        }
    }

    /// The folder of the running program, looked at; `None` when the
    /// system cannot say where the program is.
    pub fn of_program() -> Option<Home> {
        let exe = std::env::current_exe().ok()?;
        Some(Home::look(exe.parent()?))
    }
}

/// How deep folders in `rapporter` are looked into for a file (kansliet
/// keeps a folder per quarter, perhaps one per year above it).
const FOLDER_DEPTH: usize = 3;
/// Entries looked at in all, so that a huge share cannot hold the start up.
const ENTRIES_LOOKED_AT: usize = 10_000;

/// Whether `folder`, or a folder in it up to `depth` levels down, holds a
/// file (a link to one counts). Empty quarter folders made ahead are no
/// reports.
fn holds_a_file(folder: &Path, depth: usize) -> bool {
    let mut folders = vec![(folder.to_path_buf(), 0)];
    let mut looked_at = 0;
    while let Some((folder, level)) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            looked_at += 1;
            if looked_at > ENTRIES_LOOKED_AT {
                // So many entries are surely not all empty folders.
                return true;
            }
            let path = entry.path();
            if path.is_file() {
                return true;
            }
            if level < depth && entry.file_type().is_ok_and(|t| t.is_dir()) {
                folders.push((path, level + 1));
            }
        }
    }
    false
}

/// What to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The command line as typed.
    Parse,
    /// From a terminal without arguments: the help.
    Help,
    /// `sammanstall` with the defaults of `folder`.
    Summarise { folder: PathBuf },
    /// `folder` is set up, but `rapporter` is empty.
    NoReportsYet { folder: PathBuf },
    /// `folder` is set up, but its register has no insatser yet.
    FillRegister { folder: PathBuf },
    /// Make `rapporter`, `mallar` and a blank register in `folder`.
    SetUp { folder: PathBuf },
    /// `kontrollera` on `paths`, with the register in `folder` when given
    /// (dropped on the program), else the working folder's.
    Check { paths: Vec<PathBuf>, folder: Option<PathBuf> },
    /// Double-clicked, but the program's folder is unknown.
    NoHome,
}

/// What to do, and whether the window waits for Enter afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub action: Action,
    pub wait: bool,
}

/// The decision (see the module's doc). `args` without the program's name;
/// `exists` says whether a path exists (it decides only for a terminal's
/// arguments that are no command).
pub fn plan(
    args: &[OsString],
    console_owned: bool,
    home: Option<&Home>,
    exists: &dyn Fn(&Path) -> bool,
) -> Plan {
    let action = match args.first() {
        None if !console_owned => Action::Help,
        None => match home {
            None => Action::NoHome,
            Some(home) if home.register && home.inbox && home.register_empty => {
                Action::FillRegister { folder: home.folder.clone() }
            }
            Some(home) if home.register && home.inbox && home.reports => {
                Action::Summarise { folder: home.folder.clone() }
            }
            Some(home) if home.register && home.inbox => Action::NoReportsYet { folder: home.folder.clone() },
            Some(home) => Action::SetUp { folder: home.folder.clone() },
        },
        Some(first) if is_command_or_flag(first) => Action::Parse,
        Some(_) if console_owned || args.iter().all(|arg| exists(Path::new(arg))) => Action::Check {
            paths: args.iter().map(PathBuf::from).collect(),
            folder: if console_owned { home.map(|home| home.folder.clone()) } else { None },
        },
        Some(_) => Action::Parse,
    };
    // Only what Explorer starts (a double-click, paths dropped) waits: a
    // command line runs as typed, whoever made its console (a shortcut, a
    // script, a test under Wine), and ends when done.
    let wait = console_owned && action != Action::Parse;
    Plan { action, wait }
}

/// Whether `arg` is a command (by any of its names) or a flag: the command
/// line is then parsed as typed.
fn is_command_or_flag(arg: &OsStr) -> bool {
    let Some(arg) = arg.to_str() else { return false };
    arg.starts_with('-')
        || cli::command()
            .get_subcommands()
            .any(|c| c.get_name() == arg || c.get_all_aliases().any(|a| a == arg))
}

/// Whether the console is the program's own: Windows made it when Explorer
/// started the program (a double-click, files dropped), and it closes when
/// the program ends. A terminal's console is shared with the shell.
#[cfg(windows)]
pub fn console_owned() -> bool {
    use windows_sys::Win32::System::Console::GetConsoleProcessList;
    let mut processes = [0u32; 2];
    // SAFETY: the buffer is valid for the length given; the call only writes
    // process ids into it and returns how many processes share the console.
    let count = unsafe { GetConsoleProcessList(processes.as_mut_ptr(), 2) };
    count == 1
}

/// Elsewhere a program is always started from a terminal.
#[cfg(not(windows))]
pub fn console_owned() -> bool {
    false
}

/// Does what `plan` says: `args` is the command line without the program's
/// name, `input` where Enter is read from when the window waits.
pub fn carry_out(
    plan: &Plan,
    args: &[OsString],
    out: &mut dyn Write,
    err: &mut dyn Write,
    input: &mut dyn BufRead,
) -> ExitStatus {
    let status = match &plan.action {
        Action::Parse => parse_and_run(args.iter().cloned(), out, err),
        Action::Help => {
            let _ = write!(err, "{}", cli::command().render_long_help());
            ExitStatus::Failed
        }
        Action::Summarise { folder } => {
            let line = [
                OsString::from("sammanstall"),
                "--register".into(),
                folder.join(DEFAULT_REGISTER).into(),
                "--ut".into(),
                folder.into(),
                folder.join(DEFAULT_INBOX).into(),
            ];
            parse_and_run(line, out, err)
        }
        Action::NoReportsYet { folder } => {
            let _ = writeln!(out, "{}", no_reports_yet(folder));
            ExitStatus::Ok
        }
        Action::FillRegister { folder } => {
            let _ = writeln!(out, "{}", fill_register(folder));
            ExitStatus::Ok
        }
        Action::SetUp { folder } => set_up(folder, out, err),
        Action::Check { paths, folder } => {
            let mut line: Vec<OsString> = vec!["kontrollera".into()];
            if let Some(folder) = folder {
                line.extend(["--register".into(), folder.join(DEFAULT_REGISTER).into()]);
            }
            line.push("--".into());
            line.extend(paths.iter().map(OsString::from));
            parse_and_run(line, out, err)
        }
        Action::NoHome => {
            let _ = writeln!(
                err,
                "Fel: Programmets mapp gick inte att hitta. Starta programmet från en terminal i mappen med \
                 registret i stället, t.ex. {PROGRAM} sammanstall."
            );
            ExitStatus::Failed
        }
    };
    if plan.wait {
        let _ = writeln!(out, "\n{PRESS_ENTER}");
        let _ = out.flush();
        let _ = err.flush();
        let mut line = String::new();
        let _ = input.read_line(&mut line);
    }
    status
}

/// Parses `args` (without the program's name) and runs the command: help
/// and version to `out` (exit 0), a command-line error in Swedish to `err`
/// (exit 2).
pub fn parse_and_run(
    args: impl IntoIterator<Item = OsString>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitStatus {
    match cli::parse_from(std::iter::once(OsString::from(PROGRAM)).chain(args)) {
        Ok(cli) => crate::run(&cli, out, err),
        // `--help` and `--version` are no error.
        Err(e) if !e.use_stderr() => {
            let _ = write!(out, "{}", e.render());
            ExitStatus::Ok
        }
        Err(e) => {
            let _ = write!(err, "{}", crate::terminal::sanitize(&cli::parse_error_text(&e)));
            ExitStatus::Failed
        }
    }
}

/// `folder` set up, `rapporter` empty: what to do.
pub fn no_reports_yet(folder: &Path) -> String {
    let inbox = folder.join(DEFAULT_INBOX);
    format!(
        "Mappen {} är tom. Lägg de inkomna kvartalsrapporterna där och starta programmet igen, så skrivs \
         arbetsboken för förbundsstyrelsen.",
        inbox.display()
    )
}

/// `folder` set up, the register without insatser: what to do.
pub fn fill_register(folder: &Path) -> String {
    format!(
        "Registret {} har inga insatser ännu. Öppna det och skriv in de beviljade insatserna på bladet \
         Insatser (bladet Hjälp förklarar kolumnerna), spara och starta programmet igen.",
        folder.join(DEFAULT_REGISTER).display()
    )
}

/// Makes `rapporter`, `mallar` and a blank register in `folder` (each only
/// if missing: nothing there is replaced), and says what to do next.
fn set_up(folder: &Path, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    match make_folder(folder) {
        Ok(made) => {
            let _ = write!(out, "{}", set_up_text(folder, &made));
            ExitStatus::Ok
        }
        Err(message) => {
            let _ = writeln!(err, "Fel: {message}");
            ExitStatus::Failed
        }
    }
}

/// What [`make_folder`] found and made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Made {
    pub inbox: bool,
    pub templates: bool,
    pub register: bool,
}

/// Makes what is missing of the working folder's parts in `folder`.
pub fn make_folder(folder: &Path) -> Result<Made, String> {
    let mut made = Made::default();
    for (name, flag) in [(DEFAULT_INBOX, &mut made.inbox), (DEFAULT_TEMPLATES, &mut made.templates)] {
        let path = folder.join(name);
        if !path.is_dir() {
            std::fs::create_dir_all(&path).map_err(|e| {
                format!("Mappen {} kunde inte skapas: {}", path.display(), fsio::read_reason(&e))
            })?;
            *flag = true;
        }
    }
    let register = folder.join(DEFAULT_REGISTER);
    if !register.exists() {
        let bytes = template::blank_register().map_err(|e| e.to_string())?;
        fsio::write_new(&register, &bytes).map_err(|e| e.to_string())?;
        made.register = true;
    }
    Ok(made)
}

/// The welcome after [`make_folder`]: what is there now and the three steps.
pub fn set_up_text(folder: &Path, made: &Made) -> String {
    let sep = std::path::MAIN_SEPARATOR;
    let state = |new: bool| if new { "skapades nu" } else { "fanns redan" };
    format!(
        "Mappen {} är förberedd för uppföljningen:\n  \
         {DEFAULT_INBOX}{sep}      ({}) här lägger du de inkomna kvartalsrapporterna\n  \
         {DEFAULT_TEMPLATES}{sep}         ({}) här hamnar rapportmallarna\n  \
         {DEFAULT_REGISTER}  ({}) registret över beviljade insatser\n\n\
         Så här gör du nu:\n  \
         1. Öppna {DEFAULT_REGISTER} och skriv in de beviljade insatserna på bladet Insatser. Bladet Hjälp \
         förklarar kolumnerna.\n  \
         2. Lägg de inkomna kvartalsrapporterna i mappen {DEFAULT_INBOX}.\n  \
         3. Starta programmet igen med dubbelklick: då skrivs arbetsboken för förbundsstyrelsen här.\n\
         Dra en rapport eller en mapp till programmet för att bara kontrollera den.\n",
        folder.display(),
        state(made.inbox),
        state(made.templates),
        state(made.register),
    )
}
