//! The `uppfoljning` binary: decide from how it was started what to do
//! ([`start::plan`]: a double-click, files dropped, or a command line),
//! do it, and exit with the documented code (0 done, 1 done with Fel in
//! reports, 2 could not run).

use std::ffi::OsString;
use std::process::ExitCode;
use uppfoljning::start::{self, Home};

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let console_owned = start::console_owned();
    // Only a double-click or a drop works in the program's own folder.
    let home = if console_owned { Home::of_program() } else { None };
    let plan = start::plan(&args, console_owned, home.as_ref(), &|path| path.exists());
    let status = start::carry_out(
        &plan,
        &args,
        &mut std::io::stdout().lock(),
        // stderr is not held locked for the run: the progress bar draws on
        // it from the reading threads, which would wait for the lock for ever.
        &mut std::io::stderr(),
        &mut std::io::stdin().lock(),
    );
    ExitCode::from(status as u8)
}
