//! `uppfoljning kontrollera`: kansliet's quick check of reports as they
//! arrive. Reads the register and the inbox (in parallel), chooses the
//! report that counts for each insats and quarter by the same rule as
//! `sammanstall` ([`crate::select`]), and prints each file with what it was
//! read as (insats, quarter), its findings grouped by file, Fel first, and
//! a one-line verdict. A replaced report is one line and neither counts in
//! the exit code nor gets feedback; a report in doubt says so, and its
//! feedback goes to kansliet. With `--period`, files of other quarters are
//! counted on one line; a period in which no insats is active is a Fel
//! (exit 1) before any report is read. Register and inbox default as for `sammanstall`.
//! The feedback folder may not be, or lie inside, a folder of reports, nor
//! any of its files be an input: refused before anything is read.

use super::sammanstall::{inbox_paths, no_active_insats, register_path};
use super::targets::{self, Inputs};
use super::{CommandError, count};
use crate::ExitStatus;
use crate::cli::KontrolleraArgs;
use crate::discover::{Found, discover};
use crate::feedback::{self, Avsandare, Meddelande, Underlag};
use crate::finding::{Code, Finding, Severity, sort_for_display};
use crate::inbox::read_inbox;
use crate::period::{Kvartal, Period};
use crate::register::{Register, read_register};
use crate::select::{Judged, KallStatus, Scope, select};
use std::io::Write;

/// One file's result.
#[derive(Debug, Clone)]
pub struct Checked {
    pub name: String,
    /// What the choice made of the file.
    pub status: KallStatus,
    /// Why the status, in Swedish ("Ersatt av …").
    pub kommentar: Option<String>,
    /// What the file was read as: "Knivsta, En väg in – flera vägar ut (2017:48), 2018-K2".
    pub read_as: Option<String>,
    /// The report's quarter, when it has one.
    pub kvartal: Option<Kvartal>,
    pub findings: Vec<Finding>,
    /// What the styrgrupp (or, for a report in doubt, kansliet) is told,
    /// when the file has Fel or Varningar.
    pub underlag: Option<Underlag>,
}

impl Checked {
    fn severity_count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    fn has(&self, code: Code) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    /// Whether its findings count: a replaced report's do not.
    fn counts(&self) -> bool {
        self.status != KallStatus::Ersatt
    }

    /// A report of another quarter that came as this one's: it lies in
    /// this quarter's folder, or its quarter is not over (a mistyped year).
    fn came_for_another_quarter(&self) -> bool {
        self.has(Code::KvartalAnnatAnMappen) || self.has(Code::KvartalEjSlut)
    }

    /// What became of the file, for its verdict line and the summary.
    pub fn verdict(&self) -> Verdict {
        let (fel, varningar) = (self.severity_count(Severity::Fel), self.severity_count(Severity::Varning));
        if self.has(Code::EjRapport) {
            Verdict::NotAReport
        } else if self.has(Code::FilOlaslig) || self.has(Code::FilForStor) {
            Verdict::Unreadable
        } else if self.status == KallStatus::Ersatt {
            Verdict::Replaced
        } else if self.status == KallStatus::ITvivel {
            Verdict::InDoubt
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
    Approved {
        varningar: usize,
    },
    NeedsFixing {
        fel: usize,
        varningar: usize,
    },
    /// A newer report for the same insats and quarter counts instead.
    Replaced,
    /// Whose report it is is in doubt: not used until kansliet resolves it.
    InDoubt,
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
            Verdict::Replaced => "Räknas inte: en nyare rapport ersätter den.".into(),
            Verdict::InDoubt => {
                "I tvivel: används inte förrän kansliet har tagit bort den rapport som inte gäller.".into()
            }
            Verdict::Unreadable => "Kunde inte läsas.".into(),
            Verdict::NotAReport => "Ingen kvartalsrapport – hoppas över.".into(),
        }
    }
}

/// Reads every file in `found` and checks each report against `register`
/// (each with the decisions dated up to the end of its own quarter, or of
/// the period), choosing as `sammanstall` does; the findings kansliet
/// accepted in `Kvitteringar` are marked so ([`crate::answered::accept`]).
/// Report dates are held against `today`.
pub fn check_all(register: &Register, found: &Found, scope: Scope, today: chrono::NaiveDate) -> Vec<Checked> {
    let inbox = read_inbox(found);
    let mut selection = select(&inbox, register, scope, today);
    for judged in &mut selection.files {
        crate::answered::accept(&mut judged.findings, register);
    }
    selection.files.iter().map(|judged| checked(judged, register)).collect()
}

fn checked(judged: &Judged, register: &Register) -> Checked {
    let kalla = &judged.kalla;
    let mut findings = judged.findings.clone();
    sort_for_display(&mut findings);
    Checked {
        name: kalla.fil.clone(),
        status: kalla.status,
        kommentar: kalla.kommentar.clone(),
        read_as: read_as(judged),
        kvartal: kalla.kvartal,
        findings,
        underlag: Underlag::for_judged(judged, register),
    }
}

/// "Knivsta, En väg in – flera vägar ut (2017:48), 2018-K2"; the id alone
/// when the register does not know it; `None` for no report.
fn read_as(judged: &Judged) -> Option<String> {
    let kalla = &judged.kalla;
    let insats = match (&judged.insats_namn, &kalla.insats_id) {
        (Some(namn), Some(id)) => Some(format!("{namn} ({id})")),
        (None, Some(id)) => Some(format!("insats {id}")),
        _ => None,
    };
    let parts: Vec<String> = [insats, kalla.kvartal.map(|q| q.to_string())].into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Runs the command and prints to `out`.
pub fn run(args: &KontrolleraArgs, out: &mut dyn Write) -> Result<ExitStatus, CommandError> {
    let (register_file, folders) = (register_path(args.register.as_deref())?, inbox_paths(&args.rapporter)?);
    let period = args.period.as_deref().map(Period::parse).transpose()?;
    let scope = period.map_or(Scope::EveryQuarter, Scope::Period);
    let inputs = Inputs::new(Some(&register_file), &folders);
    if let Some(folder) = &args.aterkoppling {
        targets::refuse_outputs_over_inputs(
            &targets::feedback(folder, [folder.join(feedback::LISTA)]),
            &inputs,
        )?;
    }
    let (register, mut register_findings) = read_register(&register_file)?;
    let nothing_active = period.and_then(|p| no_active_insats(&register, p, "inga rapporter kontrollerades"));
    if let Some(message) = nothing_active {
        // A mistyped year would otherwise set every report aside and end "0 rapporter".
        writeln!(out, "Fel: {message}")?;
        return Ok(ExitStatus::Fel);
    }
    let found = discover(&folders)?;
    let all = check_all(&register, &found, scope, super::today());
    // With a period, reports of other quarters are only counted, unless
    // they came as this period's (in its folder, or a quarter not over):
    // last quarter's file sent again is the period's business.
    let (results, elsewhere): (Vec<Checked>, Vec<Checked>) = all
        .into_iter()
        .partition(|r| r.kvartal.is_none_or(|q| scope.contains(q)) || r.came_for_another_quarter());
    // A row of `Kvitteringar` that accepted nothing among the files shown
    // is a register finding: kansliet sees the typo where it is.
    let quarters: Vec<Kvartal> = match period {
        Some(period) => period.quarters(),
        None => results.iter().filter_map(|r| r.kvartal).collect(),
    };
    register_findings.extend(crate::answered::unmatched(
        &register,
        results.iter().flat_map(|r| &r.findings),
        &quarters,
    ));
    sort_for_display(&mut register_findings);
    write_register_block(out, &register_file, &register, &register_findings)?;
    // The register's block ends with its blank line.
    let mut after_block = true;
    for result in &results {
        after_block = write_file(out, result, after_block)?;
    }
    if !after_block {
        writeln!(out)?;
    }
    if let Some(period) = period.filter(|_| !elsewhere.is_empty()) {
        writeln!(
            out,
            "{} från andra kvartal än {period} kontrollerades inte; kör utan --period för att se dem.",
            count(elsewhere.len(), "rapport", "rapporter")
        )?;
    }
    write_summary(out, &results)?;
    if let Some(folder) = &args.aterkoppling {
        let avsandare = Avsandare::from_korrespondens(&register.installningar.korrespondens);
        write_feedback(out, &results, folder, &inputs, &avsandare)?;
    }
    let any_fel = results
        .iter()
        .filter(|r| r.counts())
        .flat_map(|r| &r.findings)
        .chain(&register_findings)
        .any(|f| f.severity == Severity::Fel);
    Ok(if any_fel { ExitStatus::Fel } else { ExitStatus::Ok })
}

/// A clean or replaced file is one line; files with findings stand out as
/// blocks, with one blank line around each (`after_block`: the last thing
/// written was a block, so its blank line is there). Says whether this was one.
fn write_file(out: &mut dyn Write, result: &Checked, after_block: bool) -> std::io::Result<bool> {
    let name = match &result.read_as {
        Some(read_as) => format!("{} – {read_as}", result.name),
        None => result.name.clone(),
    };
    let verdict = result.verdict();
    let verdict_text = match verdict {
        Verdict::Replaced => {
            format!("{}: räknas inte.", result.kommentar.as_deref().unwrap_or("Ersatt av en nyare rapport"))
        }
        _ => verdict.text(),
    };
    // A replaced file's own findings no longer matter (a newer version
    // counts), only what set it aside; it is one line unless that is worth
    // a word (a copy of last quarter's file in this quarter's folder).
    let shown: Vec<Finding> = match verdict {
        Verdict::Replaced => result
            .findings
            .iter()
            .filter(|f| crate::select::SET_ASIDE_CODES.contains(&f.code))
            .cloned()
            .collect(),
        _ => result.findings.clone(),
    };
    let worth_a_block = match verdict {
        Verdict::Replaced => shown.iter().any(|f| f.severity != Severity::Info),
        _ => !shown.is_empty(),
    };
    if !worth_a_block {
        writeln!(out, "{name} – {verdict_text}")?;
        return Ok(false);
    }
    if !after_block {
        writeln!(out)?;
    }
    writeln!(out, "{name}")?;
    write_findings(out, &shown)?;
    writeln!(out, "  {verdict_text}\n")?;
    Ok(true)
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
    avsandare: &Avsandare,
) -> Result<(), CommandError> {
    let underlag: Vec<Underlag> = results.iter().filter_map(|r| r.underlag.clone()).collect();
    let messages: Vec<Meddelande> = feedback::messages(&underlag, avsandare);
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
    let counted: Vec<&Checked> = results.iter().filter(|r| r.counts()).collect();
    let total = |severity| counted.iter().map(|r| r.severity_count(severity)).sum::<usize>();
    let set_aside = [
        (
            how_many(|v| matches!(v, Verdict::Replaced)),
            "ersatt (nyare version eller kopia)",
            "ersatta (nyare versioner eller kopior)",
        ),
        (how_many(|v| matches!(v, Verdict::InDoubt)), "i tvivel", "i tvivel"),
    ];
    let set_aside: String = set_aside
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!(", {}", count(*n, one, many)))
        .collect();
    writeln!(
        out,
        "Sammanfattning: {} – {} godkända, {} behöver rättas{set_aside}, {} kunde inte läsas, {} var inte \
         rapporter. Totalt {} och {}.",
        count(results.len(), "fil", "filer"),
        how_many(|v| matches!(v, Verdict::Approved { .. })),
        how_many(|v| matches!(v, Verdict::NeedsFixing { .. })),
        how_many(|v| matches!(v, Verdict::Unreadable)),
        how_many(|v| matches!(v, Verdict::NotAReport)),
        count(total(Severity::Fel), "fel", "fel"),
        count(total(Severity::Varning), "varning", "varningar"),
    )
}
