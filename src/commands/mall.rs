//! `uppfoljning mall`: the blank template, or one prefilled template per
//! insats active in a quarter. Never overwrites a file.

use super::{CommandError, count};
use crate::cli::MallArgs;
use crate::period::Period;
use crate::register::read_register;
use crate::template;
use crate::{ExitStatus, fsio};
use std::io::Write;
use std::path::Path;

/// The blank template's file name when `--ut` is a folder.
pub const BLANK_FILE_NAME: &str = "kvartalsrapport-v1.xlsx";

pub fn run(args: &MallArgs, out: &mut dyn Write) -> Result<ExitStatus, CommandError> {
    match (&args.register, &args.period) {
        (Some(register), Some(period)) => prefilled(register, period, &args.ut, out),
        _ => blank(&args.ut, out),
    }
}

fn blank(ut: &Path, out: &mut dyn Write) -> Result<ExitStatus, CommandError> {
    let target = if ut.is_dir() { ut.join(BLANK_FILE_NAME) } else { ut.to_path_buf() };
    fsio::write_new(&target, &template::blank_template()?)?;
    writeln!(out, "Skrev den tomma rapportmallen till {}.", target.display())?;
    Ok(ExitStatus::Ok)
}

fn prefilled(
    register: &Path,
    period: &str,
    ut: &Path,
    out: &mut dyn Write,
) -> Result<ExitStatus, CommandError> {
    let Period::Kvartal(kvartal) = Period::parse(period)? else {
        return Err(CommandError::NotAQuarter(period.to_string()));
    };
    let (register, findings) = read_register(register)?;
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
    if !findings.is_empty() {
        writeln!(
            out,
            "Registret har {}; insatser på rader med fel fick ingen mall. Kör `uppfoljning kontrollera` för detaljer.",
            count(findings.len(), "fel", "fel")
        )?;
    }
    Ok(ExitStatus::Ok)
}
