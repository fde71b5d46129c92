//! The command line as kansliet types it: raw flags with Swedish help.
//! [`crate::run`] turns these into work; nothing else reads them.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const HELP_TEMPLATE: &str = "\
{before-help}{about-with-newline}
Användning: {usage}

{all-args}{after-help}";

#[derive(Debug, Parser)]
#[command(
    name = "uppfoljning",
    version,
    about = "Uppföljning av insatser: läser styrgruppernas kvartalsrapporter, kontrollerar dem mot \
             registret över beviljade insatser och skapar rapportmallar.",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "Kommandon",
    subcommand_value_name = "KOMMANDO",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    after_help = "Skriv `uppfoljning KOMMANDO --help` för hjälp om ett kommando.\n\n\
Slutkoder: 0 = klart utan fel, 1 = klart men rapporterna har fel, 2 = kommandot kunde inte köras."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true,
          help = "Visa hjälp", help_heading = "Flaggor")]
    help: Option<bool>,

    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version,
          help = "Visa versionen", help_heading = "Flaggor")]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kontrollera inkomna kvartalsrapporter mot registret och skriv ut felen per fil.
    #[command(
        visible_alias = "check",
        help_template = HELP_TEMPLATE,
        after_help = "Exempel:\n  uppfoljning kontrollera --register register.xlsx rapporter\n  \
uppfoljning kontrollera --register register.xlsx \"2018-K2 Heby, Individstöd i samverkan.xlsx\"\n\n\
Slutkoder: 0 = inga fel (varningar kan finnas), 1 = minst ett fel, 2 = kommandot kunde inte köras \
(t.ex. registret saknas)."
    )]
    Kontrollera(KontrolleraArgs),

    /// Skapa den tomma rapportmallen, eller en ifylld mall per insats för ett kvartal.
    #[command(
        visible_alias = "template",
        help_template = HELP_TEMPLATE,
        after_help = "Exempel:\n  uppfoljning mall --ut kvartalsrapport-v1.xlsx\n  \
uppfoljning mall --register register.xlsx --period 2018-K2 --ut mallar\n\n\
Med --register och --period skrivs en mall per insats som pågår under kvartalet, med insatsens \
uppgifter, kvartalets budget och målen ifyllda. Befintliga filer skrivs aldrig över."
    )]
    Mall(MallArgs),
}

#[derive(Debug, Args)]
pub struct KontrolleraArgs {
    /// Registret över beviljade insatser (register.xlsx).
    #[arg(long, value_name = "FIL", help_heading = "Flaggor")]
    pub register: PathBuf,

    /// Rapporter att kontrollera: filer eller mappar (en mapp betyder alla rapporter i den).
    #[arg(value_name = "RAPPORT", required = true, help_heading = "Argument")]
    pub rapporter: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MallArgs {
    /// Registret, för ifyllda mallar per insats.
    #[arg(long, value_name = "FIL", requires = "period", help_heading = "Flaggor")]
    pub register: Option<PathBuf>,

    /// Kvartalet för ifyllda mallar, t.ex. 2018-K2.
    #[arg(long, value_name = "KVARTAL", requires = "register", help_heading = "Flaggor")]
    pub period: Option<String>,

    /// Filen för den tomma mallen, eller mappen för ifyllda mallar.
    #[arg(long, value_name = "FIL_ELLER_MAPP", help_heading = "Flaggor")]
    pub ut: PathBuf,
}
