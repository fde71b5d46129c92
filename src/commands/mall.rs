//! `uppfoljning mall`: one prefilled template per insats active in a
//! quarter, the blank template, or (`mall register`) a blank register.
//! Never overwrites a file, and `--ut` is never the register (refused
//! before it is read).
//!
//! Defaults as for `sammanstall`: the register is `register.xlsx` in the
//! working folder; the quarter is the one after the newest reports in
//! `rapporter` ([`template_quarter`]); the templates go to `mallar`. Only
//! `--ut` without `--register` and `--period` asks for the blank template,
//! as it always has.

use super::sammanstall::{DEFAULT_REGISTER, inbox_paths, newest_quarter, no_active_insats, register_path};
use super::targets::{self, Flag, Inputs, Output};
use super::{CommandError, count};
use crate::cli::{MallArgs, MallKommando, RegisterMallArgs};
use crate::discover::discover;
use crate::finding::{Finding, Severity, sort_for_display};
use crate::inbox::{Inbox, read_inbox};
use crate::period::{Kvartal, Period};
use crate::register::{Register, read_register};
use crate::template::{self, TemplateError};
use crate::{ExitStatus, fsio};
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The blank template's file name when `--ut` is a folder.
pub const BLANK_FILE_NAME: &str = "kvartalsrapport-v1.xlsx";
/// The folder the prefilled templates go to when `--ut` is not given.
pub const DEFAULT_TEMPLATES: &str = "mallar";

pub fn run(args: &MallArgs, out: &mut dyn Write) -> Result<ExitStatus, CommandError> {
    if let Some(MallKommando::Register(register_args)) = &args.vad {
        return blank_register(register_args, out);
    }
    match (&args.register, &args.period, &args.ut) {
        (None, None, Some(ut)) => {
            let target = Output::file(Flag::MallUt, ut, blank_target(ut));
            targets::refuse_outputs_over_inputs(&[target], &Inputs::new(None, &[]))?;
            blank(ut, out)
        }
        _ => prefilled(args, out),
    }
}

/// `mall register`: the blank register at `--ut` (default `register.xlsx`;
/// in it, when `--ut` is a folder), never over a file that is there.
pub fn blank_register(args: &RegisterMallArgs, out: &mut dyn Write) -> Result<ExitStatus, CommandError> {
    let target = match &args.ut {
        Some(ut) if ut.is_dir() => ut.join(DEFAULT_REGISTER),
        Some(ut) => ut.clone(),
        None => PathBuf::from(DEFAULT_REGISTER),
    };
    fsio::write_new(&target, &template::blank_register()?)?;
    writeln!(
        out,
        "Skrev ett tomt register till {}. Fyll i de beviljade insatserna på bladet Insatser; bladet Hjälp \
         förklarar kolumnerna.",
        target.display()
    )?;
    Ok(ExitStatus::Ok)
}

/// Why the templates are for the quarter they are for, said to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuarterFrom {
    /// `--period`.
    Given,
    /// The quarter after the newest reported one (that quarter).
    AfterReports(Kvartal),
    /// No report to go by: the quarter of today.
    Today,
    /// Reports, but none of a quarter an insats of the register runs in:
    /// the quarter of today.
    TodayNoneMatched,
}

/// The quarter of the templates when `--period` is not given: the one after
/// the newest quarter reported (as `sammanstall` settles its period, so a
/// mistyped year in one report does not count), else the quarter `today`
/// is in.
pub fn template_quarter(
    register: &Register,
    inbox: Option<&Inbox>,
    today: NaiveDate,
) -> (Kvartal, QuarterFrom) {
    match inbox.and_then(|inbox| newest_quarter(register, inbox, today)) {
        Some(Period::Kvartal(newest)) => (newest.next(), QuarterFrom::AfterReports(newest)),
        _ if inbox.is_some_and(|inbox| inbox.files.iter().any(|f| f.outcome.report.is_some())) => {
            (Kvartal::of(today), QuarterFrom::TodayNoneMatched)
        }
        _ => (Kvartal::of(today), QuarterFrom::Today),
    }
}

/// The line that says which quarter was chosen, when it was not given.
pub fn quarter_line(kvartal: Kvartal, from: QuarterFrom) -> Option<String> {
    match from {
        QuarterFrom::Given => None,
        QuarterFrom::AfterReports(newest) => Some(format!(
            "Kvartalet sattes till {kvartal}, kvartalet efter de senaste rapporterna ({newest}); ange --period \
             för ett annat."
        )),
        QuarterFrom::Today => Some(format!(
            "Kvartalet sattes till {kvartal}, innevarande kvartal, eftersom det inte finns några rapporter; \
             ange --period för ett annat."
        )),
        QuarterFrom::TodayNoneMatched => Some(format!(
            "Kvartalet sattes till {kvartal}, innevarande kvartal, eftersom ingen av rapporterna gäller ett \
             kvartal då en insats i registret pågår (se registrets fel nedan, om det har några); ange --period \
             för ett annat."
        )),
    }
}

/// Where the blank template goes: `--ut` itself when it names an `.xlsx`
/// file, otherwise [`BLANK_FILE_NAME`] in `--ut` as a folder (which need not
/// exist yet), so `--ut mallar` never makes a file without an extension.
pub fn blank_target(ut: &Path) -> PathBuf {
    let is_xlsx = ut.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx { ut.to_path_buf() } else { ut.join(BLANK_FILE_NAME) }
}

fn blank(ut: &Path, out: &mut dyn Write) -> Result<ExitStatus, CommandError> {
    let target = blank_target(ut);
    if target != ut {
        std::fs::create_dir_all(ut)
            .map_err(|source| TemplateError::CreateFolder { path: ut.to_path_buf(), source })?;
    }
    fsio::write_new(&target, &template::blank_template()?)?;
    writeln!(out, "Skrev den tomma rapportmallen till {}.", target.display())?;
    Ok(ExitStatus::Ok)
}

fn prefilled(args: &MallArgs, out: &mut dyn Write) -> Result<ExitStatus, CommandError> {
    let register_path = register_path(args.register.as_deref())?;
    let ut = args.ut.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_TEMPLATES));
    let given = match args.period.as_deref().map(Period::parse).transpose()? {
        Some(Period::Kvartal(kvartal)) => Some(kvartal),
        Some(_) => return Err(CommandError::NotAQuarter(args.period.clone().unwrap_or_default())),
        None => None,
    };
    // The inbox is read only to choose the quarter, and only when it is
    // there: templates can be made before the first report has come.
    let inbox_folders = if given.is_none() { inbox_paths(&[]).ok() } else { None };
    let inputs = Inputs::new(Some(&register_path), inbox_folders.as_deref().unwrap_or_default());
    targets::refuse_outputs_over_inputs(&[Output::folder(Flag::MallUt, &ut)], &inputs)?;
    let (register, mut findings) = read_register(&register_path)?;
    let (kvartal, from) = match given {
        Some(kvartal) => (kvartal, QuarterFrom::Given),
        None => {
            let inbox = match &inbox_folders {
                Some(folders) => Some(read_inbox(&discover(folders)?)),
                None => None,
            };
            template_quarter(&register, inbox.as_ref(), super::today())
        }
    };
    if let Some(line) = quarter_line(kvartal, from) {
        writeln!(out, "{line}\n")?;
    }
    sort_for_display(&mut findings);
    if let Some(message) = no_active_insats(&register, Period::Kvartal(kvartal), "inga mallar skrevs") {
        // Nothing written is no success: the quarter, or the register, is off.
        writeln!(out, "Fel: {message}")?;
        write_register_findings(out, &register_path, &findings)?;
        return Ok(ExitStatus::Fel);
    }
    let ut = ut.as_path();
    let written = template::write_prefilled(&register, kvartal, ut)?;
    writeln!(
        out,
        "Skrev {} för {kvartal} till {}.",
        count(written.written.len(), "ifylld mall", "ifyllda mallar"),
        ut.display()
    )?;
    for path in &written.skipped {
        writeln!(out, "  Finns redan, lämnades orörd: {}", path.display())?;
    }
    write_register_findings(out, &register_path, &findings)?;
    // A row with a Fel is left out of the register, so its insats got no
    // template: the run is done but not complete, as `kontrollera` with Fel.
    let any_fel = findings.iter().any(|f| f.severity == Severity::Fel);
    Ok(if any_fel { ExitStatus::Fel } else { ExitStatus::Ok })
}

fn write_register_findings(out: &mut dyn Write, path: &Path, findings: &[Finding]) -> std::io::Result<()> {
    if findings.is_empty() {
        return Ok(());
    }
    let name =
        path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let fel = findings.iter().filter(|f| f.severity == Severity::Fel).count();
    if fel == 0 {
        writeln!(out, "\nRegistret {name}:")?;
    } else {
        writeln!(
            out,
            "\nRegistret {name} har {}. Insatser på rader med fel fick ingen mall:",
            count(fel, "fel", "fel")
        )?;
    }
    for finding in findings {
        let location = finding.location().unwrap_or_default();
        writeln!(out, "  {:<8} {:<14} {}", finding.severity.label(), location, finding.message)?;
    }
    if fel > 0 {
        writeln!(out, "Rätta registret och kör igen; mallar som redan finns lämnas orörda.")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ut_is_the_file_only_when_it_ends_in_xlsx() {
        assert_eq!(blank_target(Path::new("mall.xlsx")), Path::new("mall.xlsx"));
        assert_eq!(blank_target(Path::new("Mallar/Mall.XLSX")), Path::new("Mallar/Mall.XLSX"));
        assert_eq!(blank_target(Path::new("nyamappen")), Path::new("nyamappen").join(BLANK_FILE_NAME));
        assert_eq!(blank_target(Path::new("2018.K2")), Path::new("2018.K2").join(BLANK_FILE_NAME));
    }
}
