//! The command line as kansliet types it: raw flags with Swedish help.
//! [`crate::run`] turns these into work; nothing else reads them. The help's
//! usage lines and examples are written for the shell of the platform
//! ([`PROGRAM`], [`command`]), so an example pasted into PowerShell on
//! Windows runs as it does in a Linux shell.

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
             registret över beviljade insatser, sammanställer dem till förbundsstyrelsens arbetsbok och \
             skapar rapportmallar.",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "Kommandon",
    subcommand_value_name = "KOMMANDO",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    // Last in every command's list of flags, after the command's own.
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true,
          help = "Visa hjälp", help_heading = "Flaggor", display_order = 100)]
    help: Option<bool>,

    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version,
          help = "Visa versionen", help_heading = "Flaggor", display_order = 101)]
    version: Option<bool>,
}

// Usage lines and the texts after the flags (examples, defaults, exit
// codes) are set in `command_for`, written for the platform's shell.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sammanställ periodens rapporter till arbetsboken för förbundsstyrelsen.
    #[command(visible_alias = "summary", help_template = HELP_TEMPLATE)]
    Sammanstall(SammanstallArgs),

    /// Kontrollera inkomna kvartalsrapporter mot registret och skriv ut felen per fil.
    #[command(visible_alias = "check", help_template = HELP_TEMPLATE)]
    Kontrollera(KontrolleraArgs),

    /// Skapa rapportmallar för nästa kvartal (en ifylld mall per insats), den tomma rapportmallen eller ett
    /// tomt register.
    #[command(
        visible_alias = "template",
        help_template = HELP_TEMPLATE,
        args_conflicts_with_subcommands = true,
        subcommand_help_heading = "Kommandon",
        subcommand_value_name = "KOMMANDO",
        disable_help_subcommand = true
    )]
    Mall(MallArgs),

    /// Bevaka rapportmappen och registret och håll arbetsboken aktuell när filer läggs dit eller ändras.
    #[command(
        visible_alias = "watch",
        help_template = HELP_TEMPLATE,
    )]
    Bevaka(BevakaArgs),
}

#[derive(Debug, Args)]
pub struct BevakaArgs {
    #[command(flatten)]
    pub sammanstall: SammanstallArgs,

    /// Leta efter ändringar var SEKUNDER:e sekund (0,1 till 3600) i stället för att vänta på besked från
    /// systemet. Behövs för en mapp på en nätverksdisk, där besked om ändringar inte alltid kommer fram.
    #[arg(long, value_name = "SEKUNDER", value_parser = seconds, help_heading = "Flaggor")]
    pub polla: Option<std::time::Duration>,
}

/// `--polla`: seconds, with a decimal comma or point ("0,5"), from a tenth
/// of a second to an hour.
fn seconds(text: &str) -> Result<std::time::Duration, String> {
    let seconds: f64 = text.trim().replace(',', ".").parse().map_err(|_| "inget tal".to_string())?;
    if (0.1..=3600.0).contains(&seconds) {
        Ok(std::time::Duration::from_secs_f64(seconds))
    } else {
        Err("utanför 0,1–3600".to_string())
    }
}

#[derive(Debug, Args)]
pub struct KontrolleraArgs {
    /// Registret över beviljade insatser [standard: register.xlsx i arbetsmappen].
    #[arg(long, value_name = "FIL", help_heading = "Flaggor")]
    pub register: Option<PathBuf>,

    /// Kontrollera bara rapporterna för en period: ett kvartal (2018-K2), ett halvår (2018-H1) eller ett
    /// år (2018). Filer från andra kvartal räknas upp på en rad [standard: alla kvartal i mappen].
    #[arg(long, value_name = "PERIOD", help_heading = "Flaggor")]
    pub period: Option<String>,

    /// Rapporter att kontrollera: filer eller mappar (en mapp betyder alla rapporter i den, undermappar
    /// också) [standard: mappen rapporter i arbetsmappen].
    #[arg(value_name = "RAPPORT", help_heading = "Argument")]
    pub rapporter: Vec<PathBuf>,

    /// Skriv ett meddelande per rapport med fel eller varningar till styrgruppen (.eml och .txt)
    /// och en lista över adressaterna i den här mappen. Den får inte ligga i en mapp med rapporter.
    /// En rapport där det är oklart vilken insats den gäller får ett meddelande till kansliet.
    #[arg(long, value_name = "MAPP", help_heading = "Flaggor")]
    pub aterkoppling: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MallArgs {
    /// `mall register`; none for the report templates.
    #[command(subcommand)]
    pub vad: Option<MallKommando>,

    /// Registret, för ifyllda mallar per insats [standard: register.xlsx i arbetsmappen].
    #[arg(long, value_name = "FIL", help_heading = "Flaggor")]
    pub register: Option<PathBuf>,

    /// Kvartalet för ifyllda mallar, t.ex. 2018-K2 [standard: kvartalet efter de senaste rapporterna i
    /// mappen rapporter, eller innevarande kvartal om det inte finns några].
    #[arg(long, value_name = "KVARTAL", help_heading = "Flaggor")]
    pub period: Option<String>,

    /// Mappen för mallarna (skapas om den saknas) [standard: mallar i arbetsmappen]. Anges bara --ut skrivs
    /// den tomma rapportmallen dit, och det kan då också vara en fil: ett namn som slutar på .xlsx.
    #[arg(long, value_name = "FIL_ELLER_MAPP", help_heading = "Flaggor")]
    pub ut: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum MallKommando {
    /// Skapa ett tomt register med alla blad och kolumner, listor att välja från, en exempelrad och ett
    /// hjälpblad.
    #[command(help_template = HELP_TEMPLATE)]
    Register(RegisterMallArgs),
}

#[derive(Debug, Args)]
pub struct RegisterMallArgs {
    /// Registret att skriva [standard: register.xlsx i arbetsmappen]. En fil som finns skrivs aldrig över.
    #[arg(long, value_name = "FIL", help_heading = "Flaggor")]
    pub ut: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SammanstallArgs {
    /// Registret över beviljade insatser [standard: register.xlsx i arbetsmappen].
    #[arg(long, value_name = "FIL", help_heading = "Flaggor")]
    pub register: Option<PathBuf>,

    /// Perioden: ett kvartal (2018-K2), ett halvår (2018-H1) eller ett år (2018) [standard: kvartalet för
    /// de senaste rapporterna].
    #[arg(long, value_name = "PERIOD", help_heading = "Flaggor")]
    pub period: Option<String>,

    /// Arbetsboken att skriva (.xlsx), eller en mapp att skriva den i [standard: "Uppföljning PERIOD.xlsx"
    /// i arbetsmappen]. En befintlig fil ersätts, men aldrig registret eller något i rapportmappen.
    #[arg(long, value_name = "FIL", help_heading = "Flaggor")]
    pub ut: Option<PathBuf>,

    /// Skriv samma innehåll som JSON också, för skript (fälten beskrivs i projektets docs/json.md). En befintlig fil ersätts, men
    /// aldrig registret eller något i rapportmappen.
    #[arg(long, value_name = "FIL", help_heading = "Flaggor")]
    pub json: Option<PathBuf>,

    /// Skriv också ett utkast till PM för förbundsstyrelsen (.docx): promemorians avsnitt och tabeller med
    /// meningar om uppgifterna, och gulmarkerade platser för kansliets egen text. Utan filnamn skrivs det
    /// bredvid arbetsboken ("Uppföljning PERIOD PM.docx"); skriv då --pm sist eller före en annan flagga.
    #[arg(long, value_name = "FIL", num_args = 0..=1, help_heading = "Flaggor")]
    pub pm: Option<Option<PathBuf>>,

    /// Mappar (eller filer) med inkomna rapporter; undermappar söks igenom [standard: mappen rapporter i
    /// arbetsmappen].
    #[arg(value_name = "MAPP", help_heading = "Argument")]
    pub mappar: Vec<PathBuf>,

    /// Skriv ett meddelande till varje styrgrupp vars rapport har fel eller varningar, och en
    /// påminnelse för varje rapport som saknas (.eml och .txt), och en lista över adressaterna,
    /// i den här mappen. Den får inte ligga i rapportmappen (t.ex. --aterkoppling aterkoppling).
    #[arg(long, value_name = "MAPP", help_heading = "Flaggor")]
    pub aterkoppling: Option<PathBuf>,

    /// Lägg till ett diagram över utfall mot budget för insatsen (dess Id, t.ex. 2017:21) på bladet
    /// Trend. Kan upprepas.
    #[arg(long, value_name = "INSATS", help_heading = "Flaggor")]
    pub diagram: Vec<String>,

    /// Jämför med den här tidigare arbetsboken för samma period (t.ex. den som skickades till
    /// styrelsen) i stället för med förra körningen: bladet Ändringar visar allt som ändrats sedan
    /// den. Filen läses bara; inget som körningen skriver får hamna på den, utom arbetsboken (--ut).
    #[arg(long, value_name = "FIL", help_heading = "Flaggor")]
    pub jamfor: Option<PathBuf>,
}

/// How the program is started in kansliet's shell, for examples and hints:
/// PowerShell (Windows' terminal) runs a program in the working folder only
/// as `.\uppfoljning.exe`; elsewhere it is installed on the path.
pub const PROGRAM: &str = if cfg!(windows) { r".\uppfoljning.exe" } else { "uppfoljning" };

/// The line after every command-line error: where the help is.
pub fn help_hint() -> String {
    format!("Skriv `{PROGRAM} --help` (eller `{PROGRAM} KOMMANDO --help`) för hjälp.")
}

/// The command line's definition with its help written for `program` (see
/// [`PROGRAM`]): the usage lines and every example start as kansliet types
/// them, so an example pasted into the shell runs.
pub fn command_for(program: &str) -> clap::Command {
    use clap::CommandFactory;
    let p = program;
    Cli::command()
        .bin_name(p)
        .after_help(format!(
            "Skriv `{p} KOMMANDO --help` för hjälp om ett kommando.\n\n\
             Slutkoder: 0 = klart utan fel, 1 = klart men rapporterna eller registret har fel, 2 = kommandot \
             kunde inte köras."
        ))
        .mut_subcommand("sammanstall", |c| {
            c.override_usage(format!("{p} sammanstall [FLAGGOR] [MAPP]...")).after_help(help::sammanstall(p))
        })
        .mut_subcommand("kontrollera", |c| {
            c.override_usage(format!("{p} kontrollera [FLAGGOR] [RAPPORT]..."))
                .after_help(help::kontrollera(p))
        })
        .mut_subcommand("mall", |c| {
            c.override_usage(format!("{p} mall [FLAGGOR]\n       {p} mall register [--ut FIL]"))
                .after_help(help::mall(p))
                .mut_subcommand("register", |c| {
                    c.override_usage(format!("{p} mall register [--ut FIL]")).after_help(help::register(p))
                })
        })
        .mut_subcommand("bevaka", |c| {
            c.override_usage(format!("{p} bevaka [FLAGGOR] [MAPP]...")).after_help(help::bevaka(p))
        })
}

/// The command line's definition as this platform's users start the program.
pub fn command() -> clap::Command {
    command_for(PROGRAM)
}

/// Parses a command line (the program's name first) by [`command`].
pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    use clap::FromArgMatches;
    let mut command = command();
    let matches = command.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command))
}

/// The commands' texts after their flags: examples, defaults, exit codes.
/// Every example runs as written in PowerShell and in a POSIX shell: no
/// quoting but plain double quotes around a name with spaces; and each fits
/// on a line of 80 characters, so no terminal breaks it in two.
mod help {
    /// The folder separator kansliet writes: `\` on Windows.
    const SEP: &str = if cfg!(windows) { "\\" } else { "/" };

    pub fn bevaka(p: &str) -> String {
        format!(
            "Exempel:\n  {p} bevaka\n  {p} bevaka --aterkoppling aterkoppling\n  \
{p} bevaka --polla 10 \"S:\\Samordningsförbundet\\rapporter\"\n\n\
Gör först samma sammanställning som sammanstall (med samma flaggor och standardvärden) och väntar sedan. \
När en rapport läggs i mappen, ändras eller tas bort, eller registret ändras, skrivs arbetsboken om och en \
rad skrivs ut per ändring. Är arbetsboken öppen i Excel skrivs den när den har stängts. Avsluta med Ctrl+C. \
På en nätverksdisk, där Windows inte alltid meddelar ändringar, ange --polla SEKUNDER.\n\n\
Slutkoder: 0 = bevakningen avslutades med Ctrl+C, 2 = bevakningen kunde inte starta (t.ex. registret saknas), \
eller avslutades medan den senaste arbetsboken väntade på att Excel skulle stänga den."
        )
    }

    pub fn sammanstall(p: &str) -> String {
        format!(
            "Exempel:\n  {p} sammanstall\n  {p} sammanstall --period 2018-H1 --ut \"Styrelsen juni.xlsx\"\n  \
{p} sammanstall --register register.xlsx rapporter sena\n\n\
Utan flaggor läses register.xlsx och mappen rapporter i arbetsmappen, perioden blir kvartalet för de \
senaste rapporterna och arbetsboken skrivs till \"Uppföljning PERIOD.xlsx\" i arbetsmappen. En tidigare \
arbetsbok med samma namn ersätts först när den nya är klar.\n\n\
Slutkoder: 0 = arbetsboken skrevs, 1 = arbetsboken skrevs, men en rapport saknas eller har fel, eller \
registret har fel (se bladet Kontroll), 2 = arbetsboken (eller JSON-filen) skrevs inte och en tidigare fil \
ligger kvar orörd (t.ex. registret saknas eller arbetsboken är öppen i Excel)."
        )
    }

    pub fn kontrollera(p: &str) -> String {
        format!(
            "Exempel:\n  {p} kontrollera\n  {p} kontrollera --period 2018-K2\n  \
{p} kontrollera \"rapporter{SEP}2018-K2 Heby, Individstöd.xlsx\"\n\n\
Utan flaggor läses register.xlsx och mappen rapporter i arbetsmappen, som för sammanstall.\n\n\
Finns flera rapporter för samma insats och kvartal räknas den nyaste; de andra visas som ersatta. \
Kommer de från olika avsändare räknas ingen av dem förrän kansliet har tagit bort den som inte gäller.\n\n\
Slutkoder: 0 = inga fel (varningar kan finnas), 1 = minst ett fel, 2 = kommandot kunde inte köras \
(t.ex. registret saknas)."
        )
    }

    pub fn mall(p: &str) -> String {
        format!(
            "Exempel:\n  {p} mall\n  {p} mall --period 2018-K3\n  \
{p} mall --register register.xlsx --period 2018-K2 --ut mallar\n  {p} mall --ut kvartalsrapport-v1.xlsx\n  \
{p} mall register\n\n\
Utan flaggor skrivs en ifylld mall per insats som pågår under kvartalet efter de senaste rapporterna i \
mappen rapporter (eller innevarande kvartal om det inte finns några), med insatsens uppgifter, \
kvartalets budget och målen ifyllda, till mappen mallar. Registret är register.xlsx i arbetsmappen. \
Anges bara --ut skrivs den tomma rapportmallen. mall register skapar ett tomt register. Befintliga filer \
skrivs aldrig över.\n\n\
Slutkoder: 0 = klart, 1 = registret har fel (insatser på rader med fel fick ingen mall), eller ingen \
insats pågår under kvartalet (inga mallar skrevs), 2 = kommandot \
kunde inte köras."
        )
    }

    pub fn register(p: &str) -> String {
        format!(
            "Exempel:\n  {p} mall register\n  {p} mall register --ut \"Register 2026.xlsx\"\n\n\
Registret får bladen Hjälp, Insatser, Budget, Beslut, Mål, Bedömningar, Inställningar och Kvitteringar, med listor att \
välja från, kontroll av datum och belopp och en exempelrad (Id EXEMPEL) som inte läses. Bladet \
Inställningar har alla inställningar med sina standardvärden.\n\n\
Slutkoder: 0 = registret skrevs, 2 = det skrevs inte (t.ex. filen finns redan)."
        )
    }
}

/// A command-line error as kansliet reads it on stderr: "Fel: …" in Swedish,
/// naming the flag or argument from clap's context, then [`help_hint`].
/// clap's own texts are English; this is the one place they are replaced.
pub fn parse_error_text(error: &clap::Error) -> String {
    use clap::error::{ContextKind as Ctx, ErrorKind as Kind};
    let arg = text(error, Ctx::InvalidArg).unwrap_or_default();
    let message = match error.kind() {
        Kind::MissingRequiredArgument => {
            let missing = strings(error, Ctx::InvalidArg);
            match missing.as_slice() {
                [one] => format!("{} saknas.", capitalized(&named(one))),
                many => format!("Följande saknas: {}.", list(many.iter().map(|m| named(m)), "och")),
            }
        }
        Kind::UnknownArgument if arg.starts_with('-') => {
            format!("Okänd flagga: {arg}.{}", suggestions(error))
        }
        Kind::UnknownArgument => format!("Oväntat argument: {arg}.{}", suggestions(error)),
        Kind::InvalidSubcommand => {
            let name = text(error, Ctx::InvalidSubcommand).unwrap_or_default();
            let did_you_mean = strings(error, Ctx::SuggestedSubcommand);
            if did_you_mean.is_empty() {
                format!("Okänt kommando: {name}. Kommandona är {}.", list(subcommands(), "och"))
            } else {
                format!("Okänt kommando: {name}. Menade du {}?", list(did_you_mean, "eller"))
            }
        }
        Kind::MissingSubcommand | Kind::DisplayHelpOnMissingArgumentOrSubcommand => {
            format!("Ange ett kommando: {}.", list(subcommands(), "eller"))
        }
        Kind::InvalidValue | Kind::ValueValidation => match text(error, Ctx::InvalidValue) {
            None | Some("") if arg.starts_with('-') => format!("Flaggan {arg} saknar ett värde."),
            None | Some("") => format!("{} är tomt.", capitalized(&named(arg))),
            Some(value) => {
                let mut message = format!("Värdet \"{value}\" går inte att använda för {}.", named(arg));
                let valid = strings(error, Ctx::ValidValue);
                if !valid.is_empty() {
                    message += &format!(" Tillåtna värden: {}.", list(valid, "och"));
                }
                if let Some(suggested) = text(error, Ctx::SuggestedValue) {
                    message += &format!(" Menade du {suggested}?");
                }
                message
            }
        },
        // `mall --ut x extra`, or `mall --period … register`: a word after
        // mall's flags is taken for a command that cannot follow them.
        Kind::ArgumentConflict if arg.is_empty() && text(error, Ctx::InvalidSubcommand).is_some() => {
            match text(error, Ctx::InvalidSubcommand).unwrap_or_default() {
                "register" => format!(
                    "Kommandot mall register tar inga andra flaggor än --ut. Skriv t.ex. {PROGRAM} mall register \
                     --ut register.xlsx."
                ),
                name => format!("Oväntat argument: {name}."),
            }
        }
        Kind::ArgumentConflict => {
            let prior = strings(error, Ctx::PriorArg);
            if prior.is_empty() || prior.iter().any(|p| *p == arg) {
                format!("{} är angiven två gånger. Ange den bara en gång.", capitalized(&named(arg)))
            } else {
                let prior = list(prior.iter().map(|p| named(p)), "eller");
                format!("{} kan inte användas tillsammans med {prior}.", capitalized(&named(arg)))
            }
        }
        Kind::TooManyValues | Kind::TooFewValues | Kind::WrongNumberOfValues => {
            format!("Fel antal värden för {}.", named(arg))
        }
        Kind::NoEquals => format!("Flaggan {arg} ska skrivas med likhetstecken före värdet."),
        Kind::InvalidUtf8 => {
            "Ett värde på kommandoraden innehåller tecken som inte går att läsa.".to_string()
        }
        _ => "Kommandoraden kunde inte tolkas.".to_string(),
    };
    format!("Fel: {message}\n{}\n", help_hint())
}

/// One text of an error's context; a list gives its first.
fn text(error: &clap::Error, kind: clap::error::ContextKind) -> Option<&str> {
    use clap::error::ContextValue;
    match error.get(kind)? {
        ContextValue::String(s) => Some(s),
        ContextValue::Strings(v) => v.first().map(String::as_str),
        _ => None,
    }
}

/// All texts of an error's context.
fn strings(error: &clap::Error, kind: clap::error::ContextKind) -> Vec<String> {
    use clap::error::ContextValue;
    match error.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    }
}

/// "flaggan --ut <FIL_ELLER_MAPP>" or "argumentet <RAPPORT>", as clap names them.
fn named(arg: &str) -> String {
    if arg.starts_with('-') {
        format!("flaggan {arg}")
    } else {
        format!("argumentet {}", arg.trim_end_matches("..."))
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// "a", "a och b", "a, b och c".
fn list(items: impl IntoIterator<Item = String>, and: &str) -> String {
    let items: Vec<String> = items.into_iter().collect();
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The commands by name, in the order of the help.
fn subcommands() -> Vec<String> {
    use clap::CommandFactory;
    Cli::command().get_subcommands().map(|c| c.get_name().to_string()).collect()
}

/// clap's "did you mean" for an unknown argument, in Swedish. Its English
/// hints are recognised by their wording; one not known here is left out
/// rather than shown in English.
fn suggestions(error: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue};
    let mut out = String::new();
    if let Some(flag) = text(error, ContextKind::SuggestedArg) {
        out += &format!(" Menade du {flag}?");
    }
    let Some(ContextValue::StyledStrs(hints)) = error.get(ContextKind::Suggested) else { return out };
    for hint in hints.iter().map(ToString::to_string) {
        let quoted: Vec<&str> = hint.split('\'').skip(1).step_by(2).collect();
        match quoted.as_slice() {
            // "'kontrollera --register' exists": the flag belongs after a command.
            [command_and_flag] if hint.ends_with("' exists") => {
                out += &format!(" Menade du {PROGRAM} {command_and_flag}? Flaggan skrivs efter kommandot.");
            }
            // "to pass '-x' as a value, use '-- -x'" (clap names only the
            // flag's first letters: `-rapport.xlsx` is read as `-r`).
            [_, _] if hint.starts_with("to pass ") => {
                out += " Är det början på ett värde, t.ex. ett filnamn, så skriv -- före värdet.";
            }
            // "subcommand 'mall' exists; to use it, remove the '--' before it"
            [command, _] if hint.starts_with("subcommand ") => {
                out += &format!(" Kommandot {command} finns: ta bort -- före det.");
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::error::{ContextKind, ContextValue, ErrorKind};

    /// What kansliet reads on stderr for this command line (after the program name).
    fn stderr_for(args: &[&str]) -> String {
        let error = parse_from(std::iter::once("uppfoljning").chain(args.iter().copied())).unwrap_err();
        parse_error_text(&error)
    }

    /// An error clap builds for cases our flags cannot produce today.
    fn made(kind: ErrorKind, context: Vec<(ContextKind, ContextValue)>) -> String {
        let mut error = clap::Error::new(kind);
        for (key, value) in context {
            error.insert(key, value);
        }
        parse_error_text(&error)
    }

    fn with_hint(message: &str) -> String {
        format!("Fel: {message}\n{}\n", help_hint())
    }

    fn s(text: &str) -> ContextValue {
        ContextValue::String(text.to_string())
    }

    #[test]
    fn a_missing_required_flag_or_argument_is_named() {
        // No flag of ours is required today (every one has a default), so
        // the errors are made as clap would make them.
        let missing = |args: Vec<&str>| {
            made(
                ErrorKind::MissingRequiredArgument,
                vec![(
                    ContextKind::InvalidArg,
                    ContextValue::Strings(args.into_iter().map(String::from).collect()),
                )],
            )
        };
        assert_eq!(
            missing(vec!["--ut <FIL_ELLER_MAPP>"]),
            with_hint("Flaggan --ut <FIL_ELLER_MAPP> saknas.")
        );
        assert_eq!(
            missing(vec!["--ut <FIL_ELLER_MAPP>", "<RAPPORT>"]),
            with_hint("Följande saknas: flaggan --ut <FIL_ELLER_MAPP> och argumentet <RAPPORT>.")
        );
    }

    #[test]
    fn mall_needs_no_flag_and_takes_register_or_period_alone() {
        for args in [&["mall"][..], &["mall", "--register", "r.xlsx"], &["template", "--period", "2018-K2"]] {
            let cli = parse_from(std::iter::once("uppfoljning").chain(args.iter().copied()));
            assert!(
                matches!(cli, Ok(Cli { command: Command::Mall(MallArgs { vad: None, .. }), .. })),
                "{args:?}"
            );
        }
        let cli = parse_from(["uppfoljning", "mall", "register", "--ut", "nytt.xlsx"]).unwrap();
        let Command::Mall(MallArgs { vad: Some(MallKommando::Register(register)), .. }) = cli.command else {
            panic!("{cli:?}")
        };
        assert_eq!(register.ut.as_deref(), Some(std::path::Path::new("nytt.xlsx")));
    }

    #[test]
    fn mall_register_takes_no_flag_of_mall_before_it() {
        assert_eq!(
            stderr_for(&["mall", "--period", "2018-K2", "register"]),
            with_hint(&format!(
                "Kommandot mall register tar inga andra flaggor än --ut. Skriv t.ex. {PROGRAM} mall register --ut \
                 register.xlsx."
            ))
        );
    }

    #[test]
    fn an_unknown_flag_gets_the_flag_clap_suggests() {
        let cases: [(&[&str], &str); 5] = [
            (
                &["kontrollera", "--registr", "register.xlsx", "rapporter"],
                "Okänd flagga: --registr. Menade du --register?",
            ),
            (&["mall", "--ut", "mallar", "--xyz"], "Okänd flagga: --xyz."),
            (
                &["--register", "register.xlsx", "kontrollera", "rapporter"],
                "Okänd flagga: --register. Menade du uppfoljning kontrollera --register? Flaggan skrivs efter \
                 kommandot.",
            ),
            (
                &["kontrollera", "--register", "register.xlsx", "-rapport.xlsx"],
                "Okänd flagga: -r. Är det början på ett värde, t.ex. ett filnamn, så skriv -- före värdet.",
            ),
            (&["--", "mall"], "Oväntat argument: mall. Kommandot mall finns: ta bort -- före det."),
        ];
        for (args, message) in cases {
            assert_eq!(stderr_for(args), with_hint(message), "{args:?}");
        }
    }

    #[test]
    fn an_argument_too_many_is_unexpected() {
        assert_eq!(stderr_for(&["mall", "--ut", "mallar", "extra"]), with_hint("Oväntat argument: extra."));
    }

    #[test]
    fn an_unknown_command_gets_a_suggestion_or_the_list_of_commands() {
        assert_eq!(
            stderr_for(&["kontrolera", "rapporter"]),
            with_hint("Okänt kommando: kontrolera. Menade du kontrollera?")
        );
        assert_eq!(
            stderr_for(&["rapporter"]),
            with_hint("Okänt kommando: rapporter. Kommandona är sammanstall, kontrollera, mall och bevaka.")
        );
    }

    #[test]
    fn no_command_asks_for_one() {
        assert_eq!(
            stderr_for(&[]),
            with_hint("Ange ett kommando: sammanstall, kontrollera, mall eller bevaka.")
        );
        assert_eq!(
            made(ErrorKind::MissingSubcommand, vec![(ContextKind::InvalidSubcommand, s("uppfoljning"))]),
            with_hint("Ange ett kommando: sammanstall, kontrollera, mall eller bevaka.")
        );
    }

    #[test]
    fn a_flag_without_its_value_is_named() {
        assert_eq!(
            stderr_for(&["mall", "--ut"]),
            with_hint("Flaggan --ut <FIL_ELLER_MAPP> saknar ett värde.")
        );
        assert_eq!(
            stderr_for(&["sammanstall", "--period"]),
            with_hint("Flaggan --period <PERIOD> saknar ett värde.")
        );
        assert_eq!(
            stderr_for(&["kontrollera", "--register=", "rapporter"]),
            with_hint("Flaggan --register <FIL> saknar ett värde.")
        );
        assert_eq!(
            stderr_for(&["kontrollera", "--register", "register.xlsx", ""]),
            with_hint("Argumentet [RAPPORT] är tomt.")
        );
    }

    #[test]
    fn an_invalid_value_is_quoted_with_the_allowed_ones() {
        let context = |kind| {
            made(
                kind,
                vec![
                    (ContextKind::InvalidArg, s("--format <FORMAT>")),
                    (ContextKind::InvalidValue, s("xlx")),
                    (ContextKind::ValidValue, ContextValue::Strings(vec!["xlsx".into(), "json".into()])),
                    (ContextKind::SuggestedValue, s("xlsx")),
                ],
            )
        };
        let expected = with_hint(
            "Värdet \"xlx\" går inte att använda för flaggan --format <FORMAT>. Tillåtna värden: xlsx och json. \
             Menade du xlsx?",
        );
        assert_eq!(context(ErrorKind::InvalidValue), expected);
        assert_eq!(context(ErrorKind::ValueValidation), expected);
    }

    #[test]
    fn a_flag_given_twice_is_named() {
        assert_eq!(
            stderr_for(&["kontrollera", "--register", "a.xlsx", "--register", "b.xlsx", "rapporter"]),
            with_hint("Flaggan --register <FIL> är angiven två gånger. Ange den bara en gång.")
        );
        assert_eq!(
            made(
                ErrorKind::ArgumentConflict,
                vec![(ContextKind::InvalidArg, s("--ut <MAPP>")), (ContextKind::PriorArg, s("--stdout"))]
            ),
            with_hint("Flaggan --ut <MAPP> kan inte användas tillsammans med flaggan --stdout.")
        );
    }

    #[test]
    fn the_kinds_our_flags_cannot_produce_still_read_swedish() {
        let arg = || vec![(ContextKind::InvalidArg, s("--ut <MAPP>"))];
        let cases = [
            (ErrorKind::TooManyValues, "Fel antal värden för flaggan --ut <MAPP>."),
            (ErrorKind::TooFewValues, "Fel antal värden för flaggan --ut <MAPP>."),
            (ErrorKind::WrongNumberOfValues, "Fel antal värden för flaggan --ut <MAPP>."),
            (ErrorKind::NoEquals, "Flaggan --ut <MAPP> ska skrivas med likhetstecken före värdet."),
            (ErrorKind::InvalidUtf8, "Ett värde på kommandoraden innehåller tecken som inte går att läsa."),
            (ErrorKind::Io, "Kommandoraden kunde inte tolkas."),
        ];
        for (kind, message) in cases {
            assert_eq!(made(kind, arg()), with_hint(message), "{kind:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_value_that_is_not_text_is_reported() {
        use std::os::unix::ffi::OsStringExt;
        let args = ["uppfoljning", "mall", "--register", "r.xlsx", "--ut", "m", "--period"]
            .map(std::ffi::OsString::from);
        let not_utf8 = std::ffi::OsString::from_vec(vec![0x32, 0xff]);
        let error = parse_from(args.into_iter().chain([not_utf8])).unwrap_err();
        assert_eq!(
            parse_error_text(&error),
            with_hint("Ett värde på kommandoraden innehåller tecken som inte går att läsa.")
        );
    }

    #[test]
    fn polla_takes_seconds_with_a_decimal_comma_or_point_within_its_range() {
        let polla = |value: &str| match Cli::try_parse_from(["uppfoljning", "bevaka", "--polla", value]) {
            Ok(Cli { command: Command::Bevaka(args), .. }) => args.polla,
            other => panic!("{other:?}"),
        };
        assert_eq!(polla("10"), Some(std::time::Duration::from_secs(10)));
        assert_eq!(polla("0,5"), Some(std::time::Duration::from_millis(500)));
        assert_eq!(polla("0.5"), Some(std::time::Duration::from_millis(500)));
        for value in ["0", "3601", "tio"] {
            assert_eq!(
                stderr_for(&["bevaka", "--polla", value]),
                with_hint(&format!(
                    "Värdet \"{value}\" går inte att använda för flaggan --polla <SEKUNDER>."
                )),
            );
        }
    }

    #[test]
    fn help_and_version_are_not_errors() {
        for flag in ["--help", "-V"] {
            let error = parse_from(["uppfoljning", flag]).unwrap_err();
            assert!(!error.use_stderr(), "{flag}");
            assert_eq!(error.exit_code(), 0, "{flag}");
        }
    }

    /// The help of every command, as written for `program`.
    fn every_help(program: &str) -> Vec<String> {
        // As wide as clap ever renders, so a long example is not broken by the test.
        let mut command = command_for(program).term_width(1000);
        command.build();
        let mut helps = vec![command.render_long_help().to_string()];
        for sub in command.get_subcommands_mut() {
            helps.push(sub.render_long_help().to_string());
            for subsub in sub.get_subcommands_mut() {
                helps.push(subsub.render_long_help().to_string());
            }
        }
        helps
    }

    /// The example lines of a help text, split into words as PowerShell
    /// and a POSIX shell both split them (double quotes keep spaces).
    fn examples(help: &str, program: &str) -> Vec<Vec<String>> {
        let prefix = format!("  {program} ");
        help.lines()
            .filter(|line| line.starts_with(&prefix))
            .map(|line| {
                assert!(line.chars().count() <= 80, "longer than a terminal's line: {line}");
                let mut words = vec![String::new()];
                let mut quoted = false;
                for c in line.trim().chars() {
                    match c {
                        '"' => quoted = !quoted,
                        ' ' if !quoted => words.push(String::new()),
                        c => words.last_mut().unwrap().push(c),
                    }
                }
                assert!(!quoted, "unbalanced quotes in {line}");
                words
            })
            .collect()
    }

    #[test]
    fn every_example_of_the_help_runs_pasted_into_powershell_or_a_posix_shell() {
        for program in [r".\uppfoljning.exe", "uppfoljning"] {
            let helps = every_help(program);
            let all: Vec<Vec<String>> = helps.iter().flat_map(|help| examples(help, program)).collect();
            // sammanstall 3, kontrollera 3, mall 5, mall register 2, bevaka 3.
            assert_eq!(all.len(), 16, "{program}: {all:?}");
            for words in all {
                assert_eq!(words[0], program);
                // No character either shell would treat specially outside quotes.
                let line = words.join(" ");
                assert!(!line.contains(['$', '`', '\'', '&', '|', ';', '(', ')', '{', '@']), "{line}");
                let parsed = parse_from(&words);
                assert!(parsed.is_ok(), "{line}: {:?}", parsed.err().map(|e| parse_error_text(&e)));
            }
            // Every usage line names the program as the examples do.
            for help in &helps {
                let usage = help.lines().find(|l| l.starts_with("Användning: ")).unwrap_or_default();
                assert!(usage.starts_with(&format!("Användning: {program} ")), "{usage}");
            }
        }
    }

    #[test]
    fn the_usage_and_hint_name_the_program_as_the_platform_starts_it() {
        let windows = command_for(r".\uppfoljning.exe").render_usage().to_string();
        assert!(windows.contains(r".\uppfoljning.exe"), "{windows}");
        assert!(help_hint().contains(&format!("`{PROGRAM} --help`")));
        assert_eq!(PROGRAM, if cfg!(windows) { r".\uppfoljning.exe" } else { "uppfoljning" });
    }
}
