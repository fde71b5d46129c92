//! A progress bar on stderr while reports are read, for a person watching a
//! long run. Shown only when stderr is a terminal and there are many files:
//! never in pipes, redirected output or CI, so logs and tests stay clean.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Below this many files a run is over before a bar would help.
pub const SHOW_FROM_FILES: usize = 20;

/// A bar over `len` files that draws only where a person can see it.
pub fn files_bar(len: usize) -> ProgressBar {
    let visible =
        len >= SHOW_FROM_FILES && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("Läser rapporter {bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}
