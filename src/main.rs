//! The `uppfoljning` binary: parse the command line, run, exit with the
//! documented code (0 done, 1 done with Fel in reports, 2 could not run).

use clap::Parser;
use std::process::ExitCode;
use uppfoljning::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = uppfoljning::run(&cli, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    ExitCode::from(status as u8)
}
