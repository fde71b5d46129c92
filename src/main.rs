//! The `uppfoljning` binary: parse the command line, run, exit with the
//! documented code (0 done, 1 done with Fel in reports, 2 could not run).

use clap::Parser;
use std::process::ExitCode;
use uppfoljning::ExitStatus;
use uppfoljning::cli::{Cli, parse_error_text};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // `--help` and `--version`: clap prints them to stdout, and they are no error.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprint!("{}", uppfoljning::terminal::sanitize(&parse_error_text(&e)));
            return ExitCode::from(ExitStatus::Failed as u8);
        }
    };
    // stderr is not held locked for the run: the progress bar draws on it
    // from the reading threads, which would wait for the lock for ever.
    let status = uppfoljning::run(&cli, &mut std::io::stdout().lock(), &mut std::io::stderr());
    ExitCode::from(status as u8)
}
