//! The thin part that listens: notify's watcher for the inbox and the
//! register's folder, its events debounced (notify-debouncer-mini) and
//! sent as [`Signal`]s on one channel, where Ctrl+C sends [`Signal::Stop`]
//! too. The system's change notification (inotify, ReadDirectoryChangesW,
//! FSEvents) is used where it can be set up; where it cannot, and always
//! with `--polla`, notify's `PollWatcher` looks at the folders at an
//! interval, which also works on a network share, where notifications of
//! other computers' changes often never come.

use super::events::Watched;
use notify_debouncer_mini::notify::{self, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use notify_debouncer_mini::{Config, DebounceEventResult, Debouncer, new_debouncer_opt};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// What the main loop hears.
#[derive(Debug)]
pub enum Signal {
    /// Something happened at these paths (debounced).
    Paths(Vec<PathBuf>),
    /// The watcher reported a problem, in its own words.
    Failed(String),
    /// Ctrl+C: stop once what is being done is done.
    Stop,
}

/// How long events of one path are gathered before they are sent.
const DEBOUNCE: Duration = Duration::from_millis(300);
/// The polling interval when the system's notification cannot be used and
/// `--polla` did not say.
pub const FALLBACK_POLL: Duration = Duration::from_secs(2);

/// A running watcher; dropping it stops it.
pub enum Watching {
    Notified(#[allow(dead_code)] Debouncer<RecommendedWatcher>),
    Polling(#[allow(dead_code)] Debouncer<PollWatcher>, Duration),
}

/// Starts watching `watched`: polling every `poll` when given, else the
/// system's notification, falling back to polling every
/// [`FALLBACK_POLL`] when that cannot be set up. The second value is the
/// line that says why it polls, when it fell back.
pub fn start(
    watched: &Watched,
    poll: Option<Duration>,
    signals: &Sender<Signal>,
) -> Result<(Watching, Option<String>), String> {
    if let Some(interval) = poll {
        return Ok((polling(watched, interval, signals)?, None));
    }
    match notified(watched, signals) {
        Ok(watching) => Ok((watching, None)),
        Err(why) => {
            let watching = polling(watched, FALLBACK_POLL, signals)?;
            Ok((watching, Some(fell_back(&why, FALLBACK_POLL))))
        }
    }
}

/// The line when the system's notification could not be set up.
pub fn fell_back(why: &str, interval: Duration) -> String {
    format!(
        "Systemet kan inte meddela ändringar i mapparna ({why}), så de gås igenom med {} sekunders mellanrum \
         i stället.",
        seconds(interval)
    )
}

/// "2", "0,5": seconds as kansliet writes them.
pub fn seconds(interval: Duration) -> String {
    let text = format!("{}", interval.as_secs_f64());
    text.replace('.', ",")
}

fn handler(signals: &Sender<Signal>) -> impl FnMut(DebounceEventResult) + Send + 'static {
    let signals = signals.clone();
    move |result: DebounceEventResult| {
        let signal = match result {
            Ok(events) => Signal::Paths(events.into_iter().map(|event| event.path).collect()),
            Err(error) => Signal::Failed(error.to_string()),
        };
        // The loop has ended: nobody is left to tell.
        let _ = signals.send(signal);
    }
}

fn notified(watched: &Watched, signals: &Sender<Signal>) -> Result<Watching, String> {
    let config = Config::default().with_timeout(DEBOUNCE);
    let mut debouncer =
        new_debouncer_opt::<_, RecommendedWatcher>(config, handler(signals)).map_err(|e| e.to_string())?;
    watch_all(debouncer.watcher(), watched)?;
    Ok(Watching::Notified(debouncer))
}

fn polling(watched: &Watched, interval: Duration, signals: &Sender<Signal>) -> Result<Watching, String> {
    let notify_config = notify::Config::default().with_poll_interval(interval);
    let config = Config::default().with_timeout(DEBOUNCE).with_notify_config(notify_config);
    let mut debouncer =
        new_debouncer_opt::<_, PollWatcher>(config, handler(signals)).map_err(|e| e.to_string())?;
    watch_all(debouncer.watcher(), watched)?;
    Ok(Watching::Polling(debouncer, interval))
}

/// Each folder of reports with its sub-folders; a report given as a file,
/// and the register, by their folders (a program that saves by writing a
/// new file and renaming it replaces the file a watch would be on).
fn watch_all(watcher: &mut dyn Watcher, watched: &Watched) -> Result<(), String> {
    let mut watch = |path: &Path, mode| watcher.watch(path, mode).map_err(|e| e.to_string());
    for path in &watched.inbox {
        if path.is_dir() {
            watch(path, RecursiveMode::Recursive)?;
        } else {
            watch(folder_of(path), RecursiveMode::NonRecursive)?;
        }
    }
    watch(folder_of(&watched.register), RecursiveMode::NonRecursive)
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falling_back_to_polling_is_said_with_the_reason_and_the_interval() {
        assert_eq!(
            fell_back("inotify watch limit reached", FALLBACK_POLL),
            "Systemet kan inte meddela ändringar i mapparna (inotify watch limit reached), så de gås igenom med \
             2 sekunders mellanrum i stället."
        );
        assert_eq!(seconds(Duration::from_millis(500)), "0,5");
    }
}
