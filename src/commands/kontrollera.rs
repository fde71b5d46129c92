//! `uppfoljning kontrollera`: kansliet's quick check of reports as they
//! arrive. Reads the register, then each report, checks it, and prints each
//! file's findings grouped by file, Fel first, with a one-line verdict.
//! The feedback folder may not be, or lie inside, a folder of reports, nor
//! any of its files be an input: refused before anything is read.

use super::targets::{self, Inputs};
use super::{CommandError, count};
use crate::ExitStatus;
use crate::check::{check_file, check_report};
use crate::cli::KontrolleraArgs;
use crate::discover::{Found, discover};
use crate::feedback::{self, Avsandare, Meddelande, Underlag};
use crate::finding::{Code, Finding, Severity, sort_for_display};
use crate::register::{Register, read_register};
use crate::report::read_report;
use std::io::Write;

/// One file's result.
#[derive(Debug, Clone)]
pub struct Checked {
    pub name: String,
    pub findings: Vec<Finding>,
    /// What the styrgrupp is told, when the file has Fel or Varningar.
    pub underlag: Option<Underlag>,
}

impl Checked {
    fn severity_count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    fn has(&self, code: Code) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    /// What became of the file, for its verdict line and the summary.
    pub fn verdict(&self) -> Verdict {
        let (fel, varningar) = (self.severity_count(Severity::Fel), self.severity_count(Severity::Varning));
        if self.has(Code::EjRapport) {
            Verdict::NotAReport
        } else if self.has(Code::FilOlaslig) || self.has(Code::FilForStor) {
            Verdict::Unreadable
        } else if fel > 0 {
            Verdict::NeedsFixing { fel, varningar }
        } else {
            Verdict::Approved { varningar }
        }
    }
}

/// What became of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Approved { varningar: usize },
    NeedsFixing { fel: usize, varningar: usize },
    Unreadable,
    NotAReport,
}

impl Verdict {
    /// The one-line verdict, in Swedish.
    pub fn text(self) -> String {
        match self {
            Verdict::Approved { varningar: 0 } => "Godkänd: inga fel eller varningar.".into(),
            Verdict::Approved { varningar } => {
                format!("Godkänd med {}.", count(varningar, "varning", "varningar"))
            }
            Verdict::NeedsFixing { fel, varningar: 0 } => {
                format!("Behöver rättas: {}.", count(fel, "fel", "fel"))
            }
            Verdict::NeedsFixing { fel, varningar } => format!(
                "Behöver rättas: {}, {}.",
                count(fel, "fel", "fel"),
                count(varningar, "varning", "varningar")
            ),
            Verdict::Unreadable => "Kunde inte läsas.".into(),
            Verdict::NotAReport => "Ingen kvartalsrapport – hoppas över.".into(),
        }
    }
}

/// Reads and checks every report in `found` against `register`, each with
/// the decisions dated up to the end of its own quarter, and its dates
/// against `today`.
pub fn check_all(register: &Register, found: &Found, today: chrono::NaiveDate) -> Vec<Checked> {
    let bar = crate::progress::files_bar(found.reports.len());
    let mut results: Vec<Checked> = found
        .reports
        .iter()
        .map(|source| {
            bar.set_message(source.name.clone());
            bar.inc(1);
            let outcome = read_report(&source.path, &source.name);
            let mut findings = outcome.findings.clone();
            findings.extend(check_report(&outcome, register, None));
            findings.extend(check_file(&outcome, &source.path, today));
            sort_for_display(&mut findings);
            let underlag = Underlag::for_file(&source.name, &findings, outcome.report.as_ref(), register);
            Checked { name: source.name.clone(), findings, underlag }
        })
        .collect();
    bar.finish_and_clear();
    results.extend(found.skipped.iter().map(|skipped| Checked {
        name: skipped.source.name.clone(),
        findings: vec![Finding::new(Code::EjRapport, &skipped.source.name, &skipped.reason)],
        underlag: None,
    }));
    results.sort_by(|a, b| a.name.cmp(&b.name));
    results
}

/// Runs the command and prints to `out`.
pub fn run(args: &KontrolleraArgs, out: &mut dyn Write) -> Result<ExitStatus, CommandError> {
    let inputs = Inputs::new(Some(&args.register), &args.rapporter);
    if let Some(folder) = &args.aterkoppling {
        targets::refuse_outputs_over_inputs(
            &targets::feedback(folder, [folder.join(feedback::LISTA)]),
            &inputs,
        )?;
    }
    let (register, mut register_findings) = read_register(&args.register)?;
    let found = discover(&args.rapporter)?;
    let results = check_all(&register, &found, super::today());
    sort_for_display(&mut register_findings);
    write_register_block(out, &args.register, &register, &register_findings)?;
    for result in &results {
        if result.findings.is_empty() {
            // A clean file is one line; files with findings stand out as blocks.
            writeln!(out, "{} – {}", result.name, result.verdict().text())?;
        } else {
            writeln!(out, "\n{}", result.name)?;
            write_findings(out, &result.findings)?;
            writeln!(out, "  {}\n", result.verdict().text())?;
        }
    }
    writeln!(out)?;
    write_summary(out, &results)?;
    if let Some(folder) = &args.aterkoppling {
        write_feedback(out, &results, folder, &inputs)?;
    }
    let any_fel = results
        .iter()
        .flat_map(|r| &r.findings)
        .chain(&register_findings)
        .any(|f| f.severity == Severity::Fel);
    Ok(if any_fel { ExitStatus::Fel } else { ExitStatus::Ok })
}

fn write_register_block(
    out: &mut dyn Write,
    path: &std::path::Path,
    register: &Register,
    findings: &[Finding],
) -> std::io::Result<()> {
    let name =
        path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let insatser = count(register.insatser.len(), "insats", "insatser");
    if findings.is_empty() {
        return writeln!(out, "Registret {name}: {insatser}, inga fel.\n");
    }
    writeln!(out, "Registret {name}: {insatser}.")?;
    write_findings(out, findings)?;
    writeln!(out, "  Rätta registret och kör igen; rader med fel är inte med.\n")
}

fn write_findings(out: &mut dyn Write, findings: &[Finding]) -> std::io::Result<()> {
    for finding in findings {
        let location = finding.location().unwrap_or_default();
        writeln!(out, "  {:<8} {:<14} {}", finding.severity.label(), location, finding.message)?;
    }
    Ok(())
}

/// One message per report with problems, and the list of addressees;
/// none of their files an input.
fn write_feedback(
    out: &mut dyn Write,
    results: &[Checked],
    folder: &std::path::Path,
    inputs: &Inputs,
) -> Result<(), CommandError> {
    let underlag: Vec<Underlag> = results.iter().filter_map(|r| r.underlag.clone()).collect();
    let messages: Vec<Meddelande> = feedback::messages(&underlag, &Avsandare::default());
    let files = feedback::planned_files(&messages, folder);
    targets::refuse_outputs_over_inputs(&targets::feedback(folder, files), inputs)?;
    let written = feedback::write_all(&messages, folder)?;
    writeln!(
        out,
        "Återkoppling: {} i {} (adresserna i {}).",
        count(written.meddelanden, "meddelande", "meddelanden"),
        folder.display(),
        feedback::LISTA
    )?;
    Ok(())
}

fn write_summary(out: &mut dyn Write, results: &[Checked]) -> std::io::Result<()> {
    let verdicts: Vec<Verdict> = results.iter().map(Checked::verdict).collect();
    let how_many = |wanted: fn(&Verdict) -> bool| verdicts.iter().filter(|v| wanted(v)).count();
    let total = |severity| results.iter().map(|r| r.severity_count(severity)).sum::<usize>();
    writeln!(
        out,
        "Sammanfattning: {} – {} godkända, {} behöver rättas, {} kunde inte läsas, {} var inte rapporter. \
         Totalt {} och {}.",
        count(results.len(), "fil", "filer"),
        how_many(|v| matches!(v, Verdict::Approved { .. })),
        how_many(|v| matches!(v, Verdict::NeedsFixing { .. })),
        how_many(|v| matches!(v, Verdict::Unreadable)),
        how_many(|v| matches!(v, Verdict::NotAReport)),
        count(total(Severity::Fel), "fel", "fel"),
        count(total(Severity::Varning), "varning", "varningar"),
    )
}
