//! `uppfoljning bevaka`: drop a file, the workbook follows. Takes the same
//! flags and defaults as `sammanstall`, makes its workbook (and JSON, and
//! feedback) once, then watches the inbox and the register and makes them
//! again whenever a file comes, changes or goes, printing one Swedish line
//! per change, until Ctrl+C.
//!
//! The parts: [`events`] decides what to do with the file system's news
//! (pure: which paths matter, when a change has settled, when to look
//! again); [`watcher`] is the thin part that listens (notify, or polling);
//! [`session`] refreshes, reading again only the files that changed
//! ([`crate::inbox::cache`]); [`writing`] puts the workbook in place and,
//! when Excel holds it open, says so once and tries again on every tick.
//!
//! Guarantees: a change is read only once the files have stayed the same
//! (size and time) over a short interval and a changed report can be opened,
//! so a file being copied is not read half-way; lock files, temporary files
//! and the tool's own outputs never start a refresh; every output is
//! written as `sammanstall` writes it (staged, then renamed), and Ctrl+C
//! is acted on only between refreshes, so stopping never leaves a
//! half-written or staged file. Staged files older than
//! [`STALE_STAGING`] that a killed run left in the output folders are
//! removed at start (only this tool's, by their name).

mod events;
mod session;
mod watcher;
mod writing;

use super::CommandError;
use super::sammanstall::{self, Sources};
use super::targets;
use crate::ExitStatus;
use crate::cli::{BevakaArgs, SammanstallArgs};
use crate::discover::{NotFound, discover};
use crate::period::Period;
use events::{Schedule, Snapshot, Watched, without_temporary};
use session::Session;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};
use watcher::Signal;
use writing::{Attempt, Files, Writer};

/// How long the files must stay unchanged before a change is read.
const SETTLE: Duration = Duration::from_millis(500);
/// How often a write that failed (the workbook open in Excel) is tried again.
const RETRY: Duration = Duration::from_secs(2);
/// How many looks a changed report that cannot be opened is waited for
/// before it is read anyway (and its finding says why it could not be).
const PATIENCE: usize = 10;
/// A staged file older than this was left by a run that was killed.
pub const STALE_STAGING: Duration = Duration::from_secs(10 * 60);

/// Why `bevaka` could not start watching.
#[derive(Debug, thiserror::Error)]
pub enum BevakaError {
    #[error("Mapparna kunde inte bevakas: {0}. Kontrollera att mapparna finns och går att läsa.")]
    Watch(String),
}

/// Runs the command until Ctrl+C, printing to `out`.
pub fn run(args: &BevakaArgs, out: &mut dyn Write) -> Result<ExitStatus, CommandError> {
    let flags = &args.sammanstall;
    let sources = sammanstall::sources(flags)?;
    let given_period = flags.period.as_deref().map(Period::parse).transpose()?;
    targets::refuse_outputs_over_inputs(&sammanstall::planned(flags, given_period)?, &sources.inputs())?;
    // A folder given that does not exist stops the start, as for sammanstall.
    discover(&sources.inbox)?;
    let removed = remove_stale_staging(&output_folders(flags), SystemTime::now());
    let (signals, heard) = mpsc::channel();
    let stop = signals.clone();
    // Without the handler Ctrl+C would end the process at once; with it the
    // refresh under way ends first. Set once per process: a second call fails.
    let _ = ctrlc::set_handler(move || {
        let _ = stop.send(Signal::Stop);
    });
    let watched = Watched::new(&sources.register, &sources.inbox);
    let (watching, fell_back) = watcher::start(&watched, args.polla, &signals).map_err(BevakaError::Watch)?;
    drop(signals);
    writeln!(out, "{}", watching_line(&sources, &watching))?;
    if let Some(line) = fell_back {
        writeln!(out, "{line}")?;
    }
    if removed > 0 {
        writeln!(out, "{}", removed_line(removed))?;
    }
    let mut looping = Loop {
        session: Session::new(flags, sources, given_period),
        writer: Writer::default(),
        schedule: Schedule::new(SETTLE, RETRY),
        said: None,
    };
    let status = looping.run(&watched, &heard, out)?;
    drop(watching);
    Ok(status)
}

/// The loop's state between signals.
struct Loop<'a> {
    session: Session<'a>,
    writer: Writer,
    schedule: Schedule,
    /// The last problem said about the inputs (a missing folder), not repeated.
    said: Option<String>,
}

impl Loop<'_> {
    fn run(
        &mut self,
        watched: &Watched,
        heard: &mpsc::Receiver<Signal>,
        out: &mut dyn Write,
    ) -> Result<ExitStatus, CommandError> {
        let Some(mut refreshed_with) = self.scan(out)? else { return Ok(ExitStatus::Failed) };
        self.refresh(&refreshed_with, out)?;
        let mut seen = refreshed_with.clone();
        let mut unopenable = 0;
        loop {
            out.flush()?;
            let signal = match self.schedule.wait(Instant::now()) {
                Some(wait) => heard.recv_timeout(wait),
                None => heard.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match signal {
                Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => break,
                Ok(Signal::Paths(paths)) => {
                    if paths.iter().any(|path| watched.matters(path)) {
                        self.schedule.changed(Instant::now());
                    }
                }
                // Events may have been lost (a full event queue): look at everything.
                Ok(Signal::Failed(why)) => {
                    self.say_once(
                        format!("Bevakningen av mapparna gav ett fel: {why}. De gås igenom på nytt."),
                        out,
                    )?;
                    self.schedule.changed(Instant::now());
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
            let due = self.schedule.due(Instant::now());
            if due.retry {
                self.write(out)?;
            }
            if !due.scan {
                continue;
            }
            let Some(now) = self.scan(out)? else {
                self.schedule.unsettled(Instant::now());
                continue;
            };
            let openable =
                now.changed_since(&refreshed_with).iter().all(|path| std::fs::File::open(path).is_ok());
            if now != seen || (!openable && unopenable < PATIENCE) {
                unopenable = if now == seen { unopenable + 1 } else { 0 };
                seen = now;
                self.schedule.unsettled(Instant::now());
                continue;
            }
            unopenable = 0;
            self.refresh(&now, out)?;
            refreshed_with = now;
        }
        Ok(self.stopped(out)?)
    }

    /// The inputs as they are now; `None` (said once) when the inbox is gone.
    fn scan(&mut self, out: &mut dyn Write) -> Result<Option<Snapshot>, CommandError> {
        let sources = self.session.sources();
        match discover(&sources.inbox) {
            Ok(found) => {
                self.said = None;
                Ok(Some(Snapshot::take(&sources.register, without_temporary(found))))
            }
            Err(NotFound(path)) => {
                let line = format!("{} Bevakningen fortsätter när den finns igen.", NotFound(path));
                self.say_once(line, out)?;
                Ok(None)
            }
        }
    }

    fn say_once(&mut self, line: String, out: &mut dyn Write) -> Result<(), CommandError> {
        if self.said.as_ref() != Some(&line) {
            writeln!(out, "{line}")?;
            self.said = Some(line);
        }
        Ok(())
    }

    fn refresh(&mut self, snapshot: &Snapshot, out: &mut dyn Write) -> Result<(), CommandError> {
        let update = self.session.refresh(&snapshot.found, super::today());
        for line in &update.lines {
            writeln!(out, "{line}")?;
        }
        if let Some(pending) = update.write {
            self.writer.set(pending);
            self.write(out)?;
        }
        Ok(())
    }

    fn write(&mut self, out: &mut dyn Write) -> Result<(), CommandError> {
        match self.writer.attempt(&mut Files, out)? {
            Attempt::Waiting => self.schedule.write_failed(Instant::now()),
            Attempt::Written | Attempt::Nothing => self.schedule.written(),
        }
        Ok(())
    }

    /// Ctrl+C: said, and whether a refresh was left unwritten (exit 2: the
    /// workbook on disk is the previous one).
    fn stopped(&mut self, out: &mut dyn Write) -> Result<ExitStatus, std::io::Error> {
        if let Some(pending) = self.writer.waiting() {
            writeln!(out, "{}", unwritten_line(&pending.outputs.workbook))?;
            return Ok(ExitStatus::Failed);
        }
        writeln!(out, "Bevakningen avslutad.")?;
        Ok(ExitStatus::Ok)
    }
}

/// "Bevakar rapporter och register.xlsx …": what is watched, and how.
fn watching_line(sources: &Sources, watching: &watcher::Watching) -> String {
    let how = match watching {
        watcher::Watching::Notified(_) => String::new(),
        watcher::Watching::Polling(_, interval) => {
            format!(" (de gås igenom med {} sekunders mellanrum)", watcher::seconds(*interval))
        }
    };
    format!(
        "Bevakar {}{how}. Arbetsboken skrivs om när en fil läggs dit, ändras eller tas bort. Avsluta med Ctrl+C.",
        session::watched_names(sources)
    )
}

fn unwritten_line(workbook: &Path) -> String {
    format!(
        "Bevakningen avslutad, men den senaste arbetsboken skrevs inte: {} var öppen i Excel eller gick inte att \
         ersätta. Stäng den och kör uppfoljning sammanstall.",
        workbook.display()
    )
}

fn removed_line(removed: usize) -> String {
    format!(
        "Tog bort {} som en avbruten körning lämnat (namn som börjar med {}).",
        super::count(removed, "halvskriven fil", "halvskrivna filer"),
        crate::fsio::STAGING_PREFIX
    )
}

/// The folders the run writes in: the workbook's, the JSON's and the
/// feedback's.
fn output_folders(flags: &SammanstallArgs) -> Vec<PathBuf> {
    let parent = |path: &Path| match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let workbook = match &flags.ut {
        Some(ut) if ut.is_dir() => ut.clone(),
        Some(ut) => parent(ut),
        None => PathBuf::from("."),
    };
    let json = flags.json.as_deref().map(parent);
    std::iter::once(workbook).chain(json).chain(flags.aterkoppling.clone()).collect()
}

/// Removes this tool's staged files older than [`STALE_STAGING`] (at `now`)
/// from `folders`: only names [`crate::fsio::is_staging_name`] knows, only
/// regular files, never a younger one another run may be writing.
fn remove_stale_staging(folders: &[PathBuf], now: SystemTime) -> usize {
    let mut removed = 0;
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else { continue };
        for entry in entries.flatten() {
            let stale = entry.file_name().to_str().is_some_and(crate::fsio::is_staging_name)
                && entry.metadata().is_ok_and(|meta| {
                    meta.is_file()
                        && meta
                            .modified()
                            .is_ok_and(|at| now.duration_since(at).is_ok_and(|age| age >= STALE_STAGING))
                });
            if stale && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_old_staged_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, age: u64| {
            let path = dir.path().join(name);
            std::fs::write(&path, b"x").unwrap();
            let at = SystemTime::now() - Duration::from_secs(age);
            std::fs::File::options().write(true).open(&path).unwrap().set_modified(at).unwrap();
        };
        file(".uppfoljning-Ab12Cd", 3600);
        file(".uppfoljning-Xy34Zw", 5);
        file(".uppfoljning-anteckningar.txt", 3600);
        file("Uppföljning 2018-K2.xlsx", 3600);
        assert_eq!(remove_stale_staging(&[dir.path().to_path_buf()], SystemTime::now()), 1);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [".uppfoljning-Xy34Zw", ".uppfoljning-anteckningar.txt", "Uppföljning 2018-K2.xlsx"]
        );
    }

    #[test]
    fn the_lines_of_starting_and_stopping_read_swedish() {
        assert_eq!(
            removed_line(2),
            "Tog bort 2 halvskrivna filer som en avbruten körning lämnat (namn som börjar med .uppfoljning-)."
        );
        assert_eq!(
            unwritten_line(Path::new("Uppföljning 2018-K2.xlsx")),
            "Bevakningen avslutad, men den senaste arbetsboken skrevs inte: Uppföljning 2018-K2.xlsx var öppen i \
             Excel eller gick inte att ersätta. Stäng den och kör uppfoljning sammanstall."
        );
        assert_eq!(
            BevakaError::Watch("no space".into()).to_string(),
            "Mapparna kunde inte bevakas: no space. Kontrollera att mapparna finns och går att läsa."
        );
    }
}
