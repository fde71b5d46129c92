//! `uppfoljning` reads a samordningsförbund's quarterly reports, checks them
//! against kansliet's register of granted insatser, writes the board's
//! consolidated follow-up workbook, and writes the templates the
//! styrgrupper fill in.
//!
//! The data flows one way: [`discover`] finds the files → [`inbox`] and
//! [`report`] read each workbook into a typed [`report::Kvartalsrapport`] by
//! the defined names of the [`contract`] → [`check`] holds it against the
//! [`register`] → findings for people ([`finding`]) → [`aggregate`] makes
//! the follow-up of a period → [`render`] writes it as a workbook and JSON,
//! put in place by [`fsio`]. The contract is the one source of truth for the
//! report's fields; [`template`] lays the template out from it. [`commands`]
//! wires the stages together per subcommand; [`run`] is the whole program.

pub mod aggregate;
pub mod answered;
pub mod changes;
pub mod check;
pub mod cli;
pub mod commands;
pub mod contract;
pub mod discover;
pub mod feedback;
pub mod finding;
pub mod fsio;
pub mod guard;
pub mod inbox;
pub mod period;
pub mod pnr;
pub mod progress;
pub mod register;
pub mod render;
pub mod report;
pub mod select;
pub mod start;
pub mod template;
pub mod terminal;
pub mod value;
pub mod workbook;
pub mod xlsx_style;

/// The glossary: Swedish domain words and the identifiers that carry them.
#[doc = include_str!("../docs/glossary.md")]
pub mod glossary {}

use cli::{Cli, Command};
use std::io::Write;

/// How a run ended, as the process's exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// Done, and no Fel in what was read.
    Ok = 0,
    /// Done, but some report (or the register) has a Fel.
    Fel = 1,
    /// The command could not run (a missing register, a bad flag…).
    Failed = 2,
}

/// Runs one command line: results to `out`, a failure to `err`, both with
/// every character a terminal would act on replaced ([`terminal`]): names
/// and texts from the files are printed, and the files are untrusted.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let out = &mut terminal::Sanitized::new(out);
    let err = &mut terminal::Sanitized::new(err);
    let result = match &cli.command {
        Command::Sammanstall(args) => commands::sammanstall::run(args, out),
        Command::Kontrollera(args) => commands::kontrollera::run(args, out),
        Command::Mall(args) => commands::mall::run(args, out),
        Command::Bevaka(args) => commands::bevaka::run(args, out),
    };
    match result {
        Ok(status) => status,
        // The reader went away (`| more` was closed): nobody is left to tell,
        // so say nothing. Still Failed, not Ok: the output was cut short, and
        // a script that piped it must not take a partial list (or a missing
        // "Fel" line) for a clean run. Whatever was written before is intact.
        Err(commands::CommandError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitStatus::Failed
        }
        Err(error) => {
            // Nothing more can be done if stderr is gone too.
            let _ = writeln!(err, "Fel: {error}");
            ExitStatus::Failed
        }
    }
}
