//! `uppfoljning mall`: the blank template, or one prefilled template per
//! insats active in a quarter. Never overwrites a file, and `--ut` is
//! never the register (refused before it is read).

use super::targets::{self, Flag, Inputs, Output};
use super::{CommandError, count};
use crate::cli::MallArgs;
use crate::finding::{Finding, Severity, sort_for_display};
use crate::period::Period;
use crate::register::read_register;
use crate::template::{self, TemplateError};
use crate::{ExitStatus, fsio};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The blank template's file name when `--ut` is a folder.
pub const BLANK_FILE_NAME: &str = "kvartalsrapport-v1.xlsx";

pub fn run(args: &MallArgs, out: &mut dyn Write) -> Result<ExitStatus, CommandError> {
    let target = match &args.period {
        Some(_) => Output::folder(Flag::MallUt, &args.ut),
        None => Output::file(Flag::MallUt, &args.ut, blank_target(&args.ut)),
    };
    targets::refuse_outputs_over_inputs(&[target], &Inputs::new(args.register.as_deref(), &[]))?;
    match (&args.register, &args.period) {
        (Some(register), Some(period)) => prefilled(register, period, &args.ut, out),
        _ => blank(&args.ut, out),
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

fn prefilled(
    register_path: &Path,
    period: &str,
    ut: &Path,
    out: &mut dyn Write,
) -> Result<ExitStatus, CommandError> {
    let Period::Kvartal(kvartal) = Period::parse(period)? else {
        return Err(CommandError::NotAQuarter(period.to_string()));
    };
    let (register, mut findings) = read_register(register_path)?;
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
    sort_for_display(&mut findings);
    write_register_findings(out, register_path, &findings)?;
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
