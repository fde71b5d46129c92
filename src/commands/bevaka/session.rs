//! One refresh of `bevaka`: the inputs as the search finds them now → the
//! lines that say what changed, and the workbook to write. What reading
//! gave is kept between refreshes ([`ReadCache`], and the register by its
//! size and time), so only what changed is read again; everything after
//! reading (choosing, aggregating, rendering) is done whole, as
//! `sammanstall` does it, so the workbook is the one `sammanstall` would
//! write for the same files.
//!
//! Nothing here waits or watches: the caller says when to refresh.

use super::super::sammanstall::{
    Outputs, SammanstallError, Sources, compare, feedback_messages, newest_quarter, no_active_insats,
    outputs, render_outputs, written,
};
use super::super::{CommandError, count, targets};
use super::writing::Pending;
use crate::aggregate::{Sammanstallning, aggregate};
use crate::cli::SammanstallArgs;
use crate::commands::kontrollera::Verdict;
use crate::discover::Found;
use crate::finding::{Finding, Severity};
use crate::inbox::cache::{FileChange, ReadCache, read_inbox_cached};
use crate::period::Period;
use crate::register::{Register, read_register};
use crate::select::KallStatus;
use chrono::NaiveDate;
use sha2::Digest;
use std::time::SystemTime;

/// The register as last read, and what the search saw of it then.
struct RegisterRead {
    key: (u64, Option<SystemTime>),
    /// The SHA-256 of its bytes: saved again unchanged, it is no news.
    sha256: Vec<u8>,
    register: Register,
    findings: Vec<Finding>,
}

/// What a refresh gives: lines to print, and a workbook to write.
#[derive(Debug, Default)]
pub struct Update {
    pub lines: Vec<String>,
    pub write: Option<Pending>,
}

/// Everything kept between refreshes.
pub struct Session<'a> {
    args: &'a SammanstallArgs,
    sources: Sources,
    given_period: Option<Period>,
    cache: ReadCache,
    register: Option<RegisterRead>,
    /// The period of the last workbook, to say when the newest reports move it.
    period: Option<Period>,
    /// Whether the first refresh is done: the files it found are not news.
    started: bool,
}

impl<'a> Session<'a> {
    pub fn new(args: &'a SammanstallArgs, sources: Sources, given_period: Option<Period>) -> Session<'a> {
        Session {
            args,
            sources,
            given_period,
            cache: ReadCache::new(),
            register: None,
            period: None,
            started: false,
        }
    }

    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// Refreshes from `found` (the inbox as the search finds it now) and the
    /// register: what changed in words, and the workbook to write when
    /// anything that counts changed (or on the first refresh).
    pub fn refresh(&mut self, found: &Found, today: NaiveDate) -> Update {
        let update = self.refreshed(found, today);
        self.started = true;
        update
    }

    fn refreshed(&mut self, found: &Found, today: NaiveDate) -> Update {
        let mut update = Update::default();
        let register_changed = match self.read_register() {
            Ok(changed) => changed,
            Err(error) => {
                update
                    .lines
                    .push(format!("Fel: {error} Arbetsboken uppdateras när registret går att läsa igen."));
                return update;
            }
        };
        let refreshed = read_inbox_cached(found, &mut self.cache);
        if self.started && refreshed.changes.is_empty() && !register_changed {
            return update;
        }
        let Some(register) = &self.register else { return update };
        if self.started && register_changed {
            update.lines.push(format!("Registret ändrat: {}.", self.sources.register.display()));
        }
        let Some(period) =
            self.given_period.or_else(|| newest_quarter(&register.register, &refreshed.inbox, today))
        else {
            update.lines.extend(file_lines(&refreshed.changes, None, self.started));
            update.lines.push(format!("{} Bevakningen fortsätter.", SammanstallError::NoPeriod));
            return update;
        };
        if self.given_period.is_none() && self.period != Some(period) {
            update.lines.push(format!(
                "Perioden sattes till {period} efter de senaste rapporterna; ange --period för en annan."
            ));
        }
        self.period = Some(period);
        if let Some(message) = no_active_insats(&register.register, period, "ingen arbetsbok skrevs") {
            update.lines.push(format!("Fel: {message}"));
            return update;
        }
        let s = aggregate(&register.register, &register.findings, &refreshed.inbox, period, today);
        update.lines.extend(file_lines(&refreshed.changes, Some(&s), self.started));
        match self.pending(&s, period) {
            Ok(pending) => update.write = Some(pending),
            Err(error) => update.lines.push(format!("Fel: {error}")),
        }
        update
    }

    /// Reads the register when it is new or changed; `Ok(true)` when it was read.
    fn read_register(&mut self) -> Result<bool, CommandError> {
        let path = &self.sources.register;
        let meta =
            std::fs::metadata(path).map_err(|_| crate::discover::NotFound(path.display().to_string()))?;
        let key = (meta.len(), meta.modified().ok());
        if self.register.as_ref().is_some_and(|read| read.key == key) {
            return Ok(false);
        }
        // Read whole once more only to tell a save without changes: a
        // register is small.
        let bytes = std::fs::read(path).map_err(|error| crate::register::RegisterError::Unreadable {
            path: path.display().to_string(),
            detail: crate::fsio::read_reason(&error),
        })?;
        let sha256 = sha2::Sha256::digest(&bytes).to_vec();
        if let Some(read) = self.register.as_mut().filter(|read| read.sha256 == sha256) {
            read.key = key;
            return Ok(false);
        }
        let (register, findings) = read_register(path)?;
        self.register = Some(RegisterRead { key, sha256, register, findings });
        Ok(true)
    }

    /// The workbook (and JSON, PM and feedback) of `s`, rendered, with what
    /// it is compared against as `sammanstall` compares: the workbook
    /// `--jamfor` names, else the one at its path, so `Ändringar` lists what
    /// changed since the last write.
    fn pending(&self, s: &Sammanstallning, period: Period) -> Result<Pending, CommandError> {
        let outputs: Outputs = outputs(self.args, period)?;
        let meddelanden = self.args.aterkoppling.as_deref().map(|folder| feedback_messages(s, folder));
        let planned = written(self.args, &outputs, meddelanden.as_deref());
        targets::refuse_outputs_over_inputs(&planned, &self.sources.inputs())?;
        let comparison = compare(self.sources.jamfor.as_deref(), &outputs.workbook, s)?;
        let options = crate::render::xlsx::Options { diagram: self.args.diagram.clone() };
        let rendered = render_outputs(s, comparison.andringar(), &outputs, &options)?;
        let register_findings = self.register.as_ref().map_or(&[][..], |r| &r.findings[..]);
        let done = updated(s, register_findings, &outputs);
        let feedback = meddelanden.zip(self.args.aterkoppling.clone());
        Ok(Pending { rendered, outputs, feedback, done })
    }
}

/// "Arbetsboken uppdaterad: 2 fel, 3 varningar (Uppföljning 2018-K2.xlsx)."
fn updated(s: &Sammanstallning, register_findings: &[Finding], outputs: &Outputs) -> String {
    let all = || s.fynd.iter().chain(register_findings);
    let fel = all().filter(|f| f.severity == Severity::Fel).count();
    let varningar = all().filter(|f| f.severity == Severity::Varning).count();
    format!(
        "Arbetsboken uppdaterad: {}, {} ({}).",
        count(fel, "fel", "fel"),
        count(varningar, "varning", "varningar"),
        outputs.workbook.display()
    )
}

/// One line per file that came, changed or went, with what became of it
/// in `s`. None on the first refresh: every file is new then.
fn file_lines(changes: &[FileChange], s: Option<&Sammanstallning>, started: bool) -> Vec<String> {
    if !started {
        return Vec::new();
    }
    let verdict = |name: &str| s.map(|s| format!(" – {}", verdict(s, name))).unwrap_or_default();
    changes
        .iter()
        .map(|change| match change {
            FileChange::Added { name, report: true } => format!("Ny rapport: {name}{}", verdict(name)),
            FileChange::Added { name, report: false } => format!("Ny fil: {name}{}", verdict(name)),
            FileChange::Changed { name, report: true } => format!("Ändrad rapport: {name}{}", verdict(name)),
            FileChange::Changed { name, report: false } => format!("Ändrad fil: {name}{}", verdict(name)),
            FileChange::Removed { name } => format!("Borttagen: {name}."),
        })
        .collect()
}

/// What became of the file `name` in `s`, in `kontrollera`'s words.
fn verdict(s: &Sammanstallning, name: &str) -> String {
    let Some(kalla) = s.kallor.iter().find(|k| k.fil == name) else {
        return "läses inte.".to_string();
    };
    let of_file = || s.fynd.iter().filter(|f| f.file == name);
    let fel = of_file().filter(|f| f.severity == Severity::Fel).count();
    let varningar = of_file().filter(|f| f.severity == Severity::Varning).count();
    let verdict = match kalla.status {
        KallStatus::AnnanPeriod => {
            return format!("Gäller ett annat kvartal än perioden {} och räknas inte i den.", s.period);
        }
        KallStatus::EjRapport => Verdict::NotAReport,
        KallStatus::Olaslig => Verdict::Unreadable,
        KallStatus::Ersatt => Verdict::Replaced,
        KallStatus::ITvivel => Verdict::InDoubt,
        // Its identity has a Fel, counted here whatever else it has.
        KallStatus::Fel => Verdict::NeedsFixing { fel: fel.max(1), varningar },
        KallStatus::Anvand if fel > 0 => Verdict::NeedsFixing { fel, varningar },
        KallStatus::Anvand => Verdict::Approved { varningar },
    };
    verdict.text()
}

/// The sources' folders and files, for the line that says what is watched.
pub fn watched_names(sources: &Sources) -> String {
    let inbox: Vec<String> = sources.inbox.iter().map(|p| p.display().to_string()).collect();
    format!("{} och {}", inbox.join(", "), sources.register.display())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::discover;
    use std::path::Path;

    /// A working folder with the samples' register and inbox.
    fn working_folder() -> tempfile::TempDir {
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(samples.join("register.xlsx"), dir.path().join("register.xlsx")).unwrap();
        std::fs::create_dir(dir.path().join("rapporter")).unwrap();
        for entry in std::fs::read_dir(samples.join("rapporter")).unwrap().flatten() {
            std::fs::copy(entry.path(), dir.path().join("rapporter").join(entry.file_name())).unwrap();
        }
        dir
    }

    fn args(dir: &Path) -> SammanstallArgs {
        SammanstallArgs {
            register: Some(dir.join("register.xlsx")),
            period: None,
            ut: Some(dir.join("ut.xlsx")),
            json: None,
            mappar: vec![dir.join("rapporter")],
            aterkoppling: None,
            diagram: vec![],
            jamfor: None,
            pm: None,
        }
    }

    fn sources(dir: &Path) -> Sources {
        Sources { register: dir.join("register.xlsx"), inbox: vec![dir.join("rapporter")], jamfor: None }
    }

    fn found(dir: &Path) -> Found {
        discover(&[dir.join("rapporter")]).unwrap()
    }

    const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();

    #[test]
    fn only_what_changed_is_news_and_a_file_saved_unchanged_is_none() {
        let dir = working_folder();
        let args = args(dir.path());
        let mut session = Session::new(&args, sources(dir.path()), None);
        let first = session.refresh(&found(dir.path()), TODAY);
        assert_eq!(
            first.lines,
            ["Perioden sattes till 2018-K2 efter de senaste rapporterna; ange --period för en annan."]
        );
        let pending = first.write.expect("the first refresh makes the workbook");
        assert_eq!(pending.outputs.workbook, dir.path().join("ut.xlsx"));
        assert!(pending.done.starts_with("Arbetsboken uppdaterad: "), "{}", pending.done);

        let again = session.refresh(&found(dir.path()), TODAY);
        assert!(again.lines.is_empty() && again.write.is_none(), "nothing changed: {:?}", again.lines);

        // The register saved again without a change.
        let register = dir.path().join("register.xlsx");
        let bytes = std::fs::read(&register).unwrap();
        std::fs::remove_file(&register).unwrap();
        std::fs::write(&register, &bytes).unwrap();
        let later = SystemTime::now() + std::time::Duration::from_secs(60);
        std::fs::File::options().write(true).open(&register).unwrap().set_modified(later).unwrap();
        let saved = session.refresh(&found(dir.path()), TODAY);
        assert!(saved.lines.is_empty() && saved.write.is_none(), "{:?}", saved.lines);

        std::fs::write(dir.path().join("rapporter/följebrev.txt"), b"Hej!").unwrap();
        let letter = session.refresh(&found(dir.path()), TODAY);
        assert_eq!(letter.lines, ["Ny fil: följebrev.txt – Ingen kvartalsrapport – hoppas över."]);
        assert!(letter.write.is_some());
    }

    #[test]
    fn a_register_that_cannot_be_read_is_said_and_waited_for() {
        let dir = working_folder();
        let args = args(dir.path());
        let mut session = Session::new(&args, sources(dir.path()), None);
        std::fs::write(dir.path().join("register.xlsx"), b"inte en arbetsbok").unwrap();
        let update = session.refresh(&found(dir.path()), TODAY);
        assert!(update.write.is_none());
        let [line] = update.lines.as_slice() else { panic!("one line: {:?}", update.lines) };
        assert!(line.starts_with("Fel: Registret "), "{line}");
        assert!(line.ends_with(" Arbetsboken uppdateras när registret går att läsa igen."), "{line}");
    }

    #[test]
    fn each_change_is_one_line_after_the_first_workbook() {
        let changes = [
            FileChange::Added { name: "a.xlsx".into(), report: true },
            FileChange::Added { name: "följebrev.pdf".into(), report: false },
            FileChange::Changed { name: "b.xlsx".into(), report: true },
            FileChange::Removed { name: "c.xlsx".into() },
        ];
        assert!(file_lines(&changes, None, false).is_empty(), "the first refresh reads every file");
        assert_eq!(
            file_lines(&changes, None, true),
            ["Ny rapport: a.xlsx", "Ny fil: följebrev.pdf", "Ändrad rapport: b.xlsx", "Borttagen: c.xlsx."]
        );
    }
}
