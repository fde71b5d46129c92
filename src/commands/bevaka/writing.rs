//! Putting a refreshed workbook in place, and what to do when that fails:
//! the workbook open in Excel (Windows refuses to replace it), a full disk.
//! The newest workbook waits in memory and is tried again on the next tick;
//! why it waits is said once, not on every try, and a newer refresh takes
//! its place. The files are written by a [`Sink`], so the tests give one
//! that fails as Excel makes a write fail.

use super::super::CommandError;
use super::super::sammanstall::{Outputs, Rendered, write_feedback, write_rendered};
use crate::feedback::Meddelande;
use crate::fsio::WriteError;
use std::io::Write;
use std::path::PathBuf;

/// A refreshed workbook (and JSON, and feedback) not yet written.
#[derive(Debug, Clone)]
pub struct Pending {
    pub rendered: Rendered,
    pub outputs: Outputs,
    pub feedback: Option<(Vec<Meddelande>, PathBuf)>,
    /// Said when it is written: "Arbetsboken uppdaterad: 2 fel, 3 varningar."
    pub done: String,
}

/// Writes a pending refresh's files.
pub trait Sink {
    fn write(&mut self, pending: &Pending, out: &mut dyn Write) -> Result<(), CommandError>;
}

/// The files themselves, staged beside their targets and renamed into place.
pub struct Files;

impl Sink for Files {
    fn write(&mut self, pending: &Pending, out: &mut dyn Write) -> Result<(), CommandError> {
        write_rendered(&pending.rendered, &pending.outputs)?;
        if let Some((meddelanden, folder)) = &pending.feedback {
            write_feedback(out, meddelanden, folder)?;
        }
        Ok(())
    }
}

/// The refresh waiting to be written, and what was last said about why.
#[derive(Debug, Default)]
pub struct Writer {
    pending: Option<Pending>,
    said: Option<String>,
}

/// How an attempt to write went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// Nothing was waiting.
    Nothing,
    Written,
    /// It failed and waits for the next try.
    Waiting,
}

impl Writer {
    /// A newer refresh replaces one still waiting.
    pub fn set(&mut self, pending: Pending) {
        self.pending = Some(pending);
    }

    /// Whether a refresh waits to be written.
    pub fn waiting(&self) -> Option<&Pending> {
        self.pending.as_ref()
    }

    /// Tries to write what waits. Says "Arbetsboken uppdaterad …" when it
    /// goes through; when it fails, says why unless that was just said.
    pub fn attempt(&mut self, sink: &mut dyn Sink, out: &mut dyn Write) -> Result<Attempt, std::io::Error> {
        let Some(pending) = &self.pending else { return Ok(Attempt::Nothing) };
        match sink.write(pending, out) {
            Ok(()) => {
                writeln!(out, "{}", pending.done)?;
                self.pending = None;
                self.said = None;
                Ok(Attempt::Written)
            }
            // The terminal is gone: nothing more can be said.
            Err(CommandError::Output(error)) => Err(error),
            Err(error) => {
                let message = why_waiting(&error);
                if self.said.as_ref() != Some(&message) {
                    writeln!(out, "{message}")?;
                    self.said = Some(message);
                }
                Ok(Attempt::Waiting)
            }
        }
    }
}

/// Why the workbook was not written, and that it will be: a workbook open
/// in Excel is asked to be closed (not to "run again": `bevaka` does).
pub fn why_waiting(error: &CommandError) -> String {
    let locked = |file: &str| {
        format!(
            "{file} är öppen i Excel (eller skrivskyddad) och kan inte ersättas. Stäng den i Excel, så skrivs den \
             så snart den är stängd."
        )
    };
    match error {
        CommandError::Write(WriteError::Locked { file }) => locked(file),
        CommandError::JsonAfterWorkbook { error: WriteError::Locked { file }, .. } => locked(file),
        other => format!("Fel: {other} Bevakningen försöker igen om en stund."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::sammanstall::render_outputs;

    /// Fails as a workbook held open in Excel makes a write fail, `locked`
    /// times, then writes nothing and succeeds.
    struct HeldOpen {
        locked: usize,
        tries: usize,
    }

    impl Sink for HeldOpen {
        fn write(&mut self, pending: &Pending, _: &mut dyn Write) -> Result<(), CommandError> {
            self.tries += 1;
            if self.tries <= self.locked {
                let file = pending.outputs.workbook.display().to_string();
                return Err(CommandError::Write(WriteError::Locked { file }));
            }
            Ok(())
        }
    }

    fn pending(done: &str) -> Pending {
        let period = crate::period::Period::parse("2018-K2").unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2018, 7, 15).unwrap();
        let s = crate::aggregate::aggregate(&Default::default(), &[], &Default::default(), period, today);
        let outputs = Outputs { workbook: PathBuf::from("Uppföljning 2018-K2.xlsx"), json: None, pm: None };
        let rendered = render_outputs(&s, None, &outputs, &Default::default()).unwrap();
        Pending { rendered, outputs, feedback: None, done: done.to_string() }
    }

    fn text(out: &[u8]) -> String {
        String::from_utf8(out.to_vec()).unwrap()
    }

    #[test]
    fn a_workbook_open_in_excel_is_said_once_and_written_when_it_is_closed() {
        let mut writer = Writer::default();
        let mut sink = HeldOpen { locked: 3, tries: 0 };
        let mut out = Vec::new();
        assert_eq!(writer.attempt(&mut sink, &mut out).unwrap(), Attempt::Nothing);
        writer.set(pending("Arbetsboken uppdaterad: 2 fel, 3 varningar."));
        for _ in 0..3 {
            assert_eq!(writer.attempt(&mut sink, &mut out).unwrap(), Attempt::Waiting);
        }
        assert_eq!(
            text(&out),
            "Uppföljning 2018-K2.xlsx är öppen i Excel (eller skrivskyddad) och kan inte ersättas. Stäng den i \
             Excel, så skrivs den så snart den är stängd.\n",
            "said once over three tries"
        );
        assert!(writer.waiting().is_some());
        assert_eq!(writer.attempt(&mut sink, &mut out).unwrap(), Attempt::Written);
        assert!(
            text(&out).ends_with("stängd.\nArbetsboken uppdaterad: 2 fel, 3 varningar.\n"),
            "{}",
            text(&out)
        );
        assert!(writer.waiting().is_none());
        assert_eq!(sink.tries, 4);
    }

    #[test]
    fn a_newer_refresh_waits_in_the_place_of_the_older_and_is_said_again_after_a_success() {
        let mut writer = Writer::default();
        let mut sink = HeldOpen { locked: 1, tries: 0 };
        let mut out = Vec::new();
        writer.set(pending("första"));
        writer.attempt(&mut sink, &mut out).unwrap();
        writer.set(pending("andra"));
        assert_eq!(writer.attempt(&mut sink, &mut out).unwrap(), Attempt::Written);
        assert!(text(&out).ends_with("stängd.\nandra\n"), "only the newer is written: {}", text(&out));
        // Held open again later: said again.
        let mut sink = HeldOpen { locked: 1, tries: 0 };
        writer.set(pending("tredje"));
        writer.attempt(&mut sink, &mut out).unwrap();
        assert_eq!(text(&out).matches("är öppen i Excel").count(), 2);
    }

    #[test]
    fn another_failure_is_said_with_its_reason_and_that_it_is_tried_again() {
        let error = CommandError::Write(WriteError::Exists("x.xlsx".into()));
        assert_eq!(
            why_waiting(&error),
            "Fel: x.xlsx finns redan och skrivs inte över. Välj ett annat namn eller flytta den befintliga filen. \
             Bevakningen försöker igen om en stund."
        );
        let json = CommandError::JsonAfterWorkbook {
            workbook: "a.xlsx".into(),
            error: WriteError::Locked { file: "ut.json".into() },
        };
        assert!(why_waiting(&json).starts_with("ut.json är öppen i Excel"));
    }
}
