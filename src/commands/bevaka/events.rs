//! What to do with the file system's news, without a watcher or a clock:
//! which changed paths matter ([`Watched::matters`]), which files are
//! temporary ([`is_temporary`]), when a change has settled ([`Snapshot`]),
//! and when to look again ([`Schedule`], which is given the time, so its
//! tests never sleep).

use crate::discover::{Found, is_lock_file};
use crate::fsio::is_staging_name;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// The paths `bevaka` reads: the register and the inbox (folders or files),
/// absolute, as the watcher reports them.
#[derive(Debug, Clone)]
pub struct Watched {
    pub register: PathBuf,
    pub inbox: Vec<PathBuf>,
}

impl Watched {
    pub fn new(register: &Path, inbox: &[PathBuf]) -> Watched {
        Watched { register: absolute(register), inbox: inbox.iter().map(|p| absolute(p)).collect() }
    }

    /// Whether a change at `path` can change the workbook: the register, or
    /// anything in the inbox that is not a temporary file. The workbook,
    /// the JSON, the feedback and their staged files never lie in the inbox
    /// (`targets` refuses that), and beside the register only the register
    /// itself counts, so the tool's own writing never wakes it.
    pub fn matters(&self, path: &Path) -> bool {
        if path.file_name().is_some_and(|name| is_temporary(&name.to_string_lossy())) {
            return false;
        }
        path == self.register || self.inbox.iter().any(|inbox| path.starts_with(inbox))
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Whether a file named `name` is a temporary one that is never a report
/// and never news: Excel's lock file (`~$…`), a program's `.tmp` or
/// backup (`…~`), or a file this tool stages before renaming it.
pub fn is_temporary(name: &str) -> bool {
    let lower = name.to_lowercase();
    is_lock_file(name) || is_staging_name(name) || lower.ends_with(".tmp") || name.ends_with('~')
}

/// The inbox without its temporary files: `bevaka` neither reacts to them
/// nor lists them in `Källor` (a file Excel saves through a temporary one
/// would otherwise come and go there).
pub fn without_temporary(mut found: Found) -> Found {
    found.skipped.retain(|skipped| {
        !skipped.source.path.file_name().is_some_and(|n| is_temporary(&n.to_string_lossy()))
    });
    found
        .reports
        .retain(|source| !source.path.file_name().is_some_and(|n| is_temporary(&n.to_string_lossy())));
    found
}

/// What the search sees of the inputs at one moment: every entry with its
/// size and modification time, and the register's. Two equal snapshots a
/// short interval apart mean nothing is being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub found: Found,
    pub register: Option<(u64, Option<SystemTime>)>,
}

impl Snapshot {
    pub fn take(register: &Path, found: Found) -> Snapshot {
        let register = std::fs::metadata(register).ok().map(|m| (m.len(), m.modified().ok()));
        Snapshot { found, register }
    }

    /// The reports that are new or differ (size, time) from `before`: the
    /// ones to open before the change counts as settled.
    pub fn changed_since<'a>(&'a self, before: &Snapshot) -> Vec<&'a Path> {
        self.found
            .reports
            .iter()
            .filter(|source| !before.found.reports.contains(source))
            .map(|source| source.path.as_path())
            .collect()
    }
}

/// When to look at the files again, and when to try a failed write again.
/// Every method takes the time, so the schedule is tested without sleeping.
#[derive(Debug, Clone)]
pub struct Schedule {
    /// How long the files must stay as they are before they are read.
    settle: Duration,
    /// How long to wait before writing again after a write failed.
    retry: Duration,
    scan_at: Option<Instant>,
    retry_at: Option<Instant>,
}

/// What is due now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Due {
    pub scan: bool,
    pub retry: bool,
}

impl Schedule {
    pub fn new(settle: Duration, retry: Duration) -> Schedule {
        Schedule { settle, retry, scan_at: None, retry_at: None }
    }

    /// Something that matters changed: look after the settling interval
    /// (a look already planned is not put off, so a file written without
    /// pause still gets looked at).
    pub fn changed(&mut self, now: Instant) {
        self.scan_at.get_or_insert(now + self.settle);
    }

    /// The files were still changing when looked at: look again later.
    pub fn unsettled(&mut self, now: Instant) {
        self.scan_at = Some(now + self.settle);
    }

    /// A write failed: try again after the retry interval.
    pub fn write_failed(&mut self, now: Instant) {
        self.retry_at = Some(now + self.retry);
    }

    /// The write went through (or nothing waits to be written).
    pub fn written(&mut self) {
        self.retry_at = None;
    }

    /// How long to wait for news before something is due; `None`: nothing
    /// is planned, wait until the watcher says something.
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        [self.scan_at, self.retry_at].into_iter().flatten().min().map(|at| at.saturating_duration_since(now))
    }

    /// What is due at `now`; each is done once.
    pub fn due(&mut self, now: Instant) -> Due {
        let scan = self.scan_at.is_some_and(|at| at <= now);
        let retry = self.retry_at.is_some_and(|at| at <= now);
        if scan {
            self.scan_at = None;
        }
        if retry {
            self.retry_at = None;
        }
        Due { scan, retry }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::{Skipped, Source};

    #[test]
    fn lock_temporary_and_staged_files_are_no_news() {
        for name in ["~$rapport.xlsx", "rapport.xlsx~", "A1B2.tmp", "x.TMP", ".uppfoljning-Ab12Cd"] {
            assert!(is_temporary(name), "{name}");
        }
        for name in ["rapport.xlsx", "~rapport.xlsx", "tmp.xlsx", ".uppfoljning-kopia.xlsx", "register.xlsx"]
        {
            assert!(!is_temporary(name), "{name}");
        }
    }

    #[test]
    fn only_the_register_and_what_lies_in_the_inbox_matter() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let watched = Watched::new(&root.join("register.xlsx"), &[root.join("rapporter")]);
        assert!(watched.matters(&root.join("register.xlsx")));
        assert!(watched.matters(&root.join("rapporter/2018-K2/Heby.xlsx")));
        assert!(watched.matters(&root.join("rapporter")), "the folder itself removed");
        assert!(!watched.matters(&root.join("rapporter/~$Heby.xlsx")));
        assert!(!watched.matters(&root.join("Uppföljning 2018-K2.xlsx")), "the workbook beside the register");
        assert!(!watched.matters(&root.join(".uppfoljning-x1Y2z3")), "our own staged file");
        assert!(!watched.matters(&root.join("rapporterna/x.xlsx")), "a folder whose name only begins alike");
    }

    #[test]
    fn temporary_files_are_left_out_of_the_inbox() {
        let source = |name: &str| Source {
            path: PathBuf::from("rapporter").join(name),
            name: name.to_string(),
            regular: true,
            size: 1,
            modified: None,
        };
        let skipped = |name: &str| Skipped { source: source(name), reason: "ingen arbetsbok".into() };
        let found = Found {
            reports: vec![source("a.xlsx")],
            skipped: vec![skipped("a.tmp"), skipped("följebrev.pdf"), skipped("a.xlsx~")],
        };
        let kept = without_temporary(found);
        assert_eq!(kept.reports, [source("a.xlsx")]);
        assert_eq!(kept.skipped, [skipped("följebrev.pdf")]);
    }

    #[test]
    fn a_change_is_looked_at_after_the_settling_interval_and_again_while_it_goes_on() {
        let (settle, retry) = (Duration::from_millis(500), Duration::from_secs(2));
        let mut schedule = Schedule::new(settle, retry);
        let t0 = Instant::now();
        assert_eq!(schedule.wait(t0), None, "nothing planned: wait for news");
        schedule.changed(t0);
        // More news does not put the look off.
        schedule.changed(t0 + Duration::from_millis(400));
        assert_eq!(schedule.wait(t0 + Duration::from_millis(400)), Some(Duration::from_millis(100)));
        assert_eq!(schedule.due(t0 + Duration::from_millis(499)), Due::default());
        assert_eq!(schedule.due(t0 + settle), Due { scan: true, retry: false });
        assert_eq!(schedule.due(t0 + settle), Due::default(), "done once");
        schedule.unsettled(t0 + settle);
        assert_eq!(schedule.wait(t0 + settle), Some(settle));
    }

    #[test]
    fn a_failed_write_is_tried_again_after_the_retry_interval_until_it_goes_through() {
        let mut schedule = Schedule::new(Duration::from_millis(500), Duration::from_secs(2));
        let t0 = Instant::now();
        schedule.write_failed(t0);
        assert_eq!(schedule.wait(t0), Some(Duration::from_secs(2)));
        assert_eq!(schedule.due(t0 + Duration::from_secs(2)), Due { scan: false, retry: true });
        schedule.write_failed(t0 + Duration::from_secs(2));
        schedule.written();
        assert_eq!(schedule.wait(t0), None);
    }

    #[test]
    fn a_report_that_came_or_grew_is_one_to_open_before_reading() {
        let source = |size| Source {
            path: PathBuf::from("rapporter/a.xlsx"),
            name: "a.xlsx".into(),
            regular: true,
            size,
            modified: None,
        };
        let snapshot = |sources: Vec<Source>| Snapshot {
            found: Found { reports: sources, skipped: vec![] },
            register: None,
        };
        let before = snapshot(vec![source(10)]);
        assert!(snapshot(vec![source(10)]).changed_since(&before).is_empty());
        assert_eq!(snapshot(vec![source(20)]).changed_since(&before), [Path::new("rapporter/a.xlsx")]);
        assert_eq!(snapshot(vec![source(20)]), snapshot(vec![source(20)]), "settled: the same twice");
    }
}
