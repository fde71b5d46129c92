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
             registret över beviljade insatser, sammanställer dem till förbundsstyrelsens arbetsbok och \
             skapar rapportmallar.",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "Kommandon",
    subcommand_value_name = "KOMMANDO",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    after_help = "Skriv `uppfoljning KOMMANDO --help` för hjälp om ett kommando.\n\n\
Slutkoder: 0 = klart utan fel, 1 = klart men rapporterna eller registret har fel, 2 = kommandot kunde \
inte köras."
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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sammanställ periodens rapporter till arbetsboken för förbundsstyrelsen.
    #[command(
        visible_alias = "summary",
        help_template = HELP_TEMPLATE,
        override_usage = "uppfoljning sammanstall [FLAGGOR] [MAPP]...",
        after_help = "Exempel:\n  uppfoljning sammanstall\n  \
uppfoljning sammanstall --register register.xlsx --period 2018-H1 --ut \"Uppföljning 2018-H1.xlsx\" rapporter\n\n\
Utan flaggor läses register.xlsx och mappen rapporter i arbetsmappen, perioden blir kvartalet för de \
senaste rapporterna och arbetsboken skrivs till \"Uppföljning PERIOD.xlsx\" i arbetsmappen. En tidigare \
arbetsbok med samma namn ersätts först när den nya är klar.\n\n\
Slutkoder: 0 = arbetsboken skrevs, 1 = arbetsboken skrevs, men en rapport saknas eller har fel, eller \
registret har fel (se bladet Kontroll), 2 = arbetsboken (eller JSON-filen) skrevs inte och en tidigare fil ligger kvar orörd (t.ex. \
registret saknas eller arbetsboken är öppen i Excel)."
    )]
    Sammanstall(SammanstallArgs),

    /// Kontrollera inkomna kvartalsrapporter mot registret och skriv ut felen per fil.
    #[command(
        visible_alias = "check",
        help_template = HELP_TEMPLATE,
        after_help = "Exempel:\n  uppfoljning kontrollera\n  uppfoljning kontrollera --period 2018-K2\n  \
uppfoljning kontrollera --register register.xlsx \"2018-K2 Heby, Individstöd i samverkan.xlsx\"\n\n\
Finns flera rapporter för samma insats och kvartal räknas den nyaste; de andra visas som ersatta. \
Kommer de från olika avsändare räknas ingen av dem förrän kansliet har tagit bort den som inte gäller.\n\n\
Slutkoder: 0 = inga fel (varningar kan finnas), 1 = minst ett fel, 2 = kommandot kunde inte köras \
(t.ex. registret saknas)."
    )]
    Kontrollera(KontrolleraArgs),

    /// Skapa den tomma rapportmallen, eller en ifylld mall per insats för ett kvartal.
    #[command(
        visible_alias = "template",
        help_template = HELP_TEMPLATE,
        override_usage = "uppfoljning mall [FLAGGOR] --ut <FIL_ELLER_MAPP>",
        after_help = "Exempel:\n  uppfoljning mall --ut kvartalsrapport-v1.xlsx\n  \
uppfoljning mall --register register.xlsx --period 2018-K2 --ut mallar\n\n\
Med --register och --period skrivs en mall per insats som pågår under kvartalet, med insatsens \
uppgifter, kvartalets budget och målen ifyllda. Befintliga filer skrivs aldrig över.\n\n\
Slutkoder: 0 = klart, 1 = registret har fel (insatser på rader med fel fick ingen mall), 2 = kommandot \
kunde inte köras."
    )]
    Mall(MallArgs),

    /// Bevaka rapportmappen och registret och håll arbetsboken aktuell när filer läggs dit eller ändras.
    #[command(
        visible_alias = "watch",
        help_template = HELP_TEMPLATE,
        override_usage = "uppfoljning bevaka [FLAGGOR] [MAPP]...",
        after_help = "Exempel:\n  uppfoljning bevaka\n  uppfoljning bevaka --aterkoppling aterkoppling\n  \
uppfoljning bevaka --polla 10 \"S:\\Samordningsförbundet\\rapporter\"\n\n\
Gör först samma sammanställning som sammanstall (med samma flaggor och standardvärden) och väntar sedan. \
När en rapport läggs i mappen, ändras eller tas bort, eller registret ändras, skrivs arbetsboken om och en \
rad skrivs ut per ändring. Är arbetsboken öppen i Excel skrivs den när den har stängts. Avsluta med Ctrl+C. \
Se docs/bevaka.md.\n\n\
Slutkoder: 0 = bevakningen avslutades med Ctrl+C, 2 = bevakningen kunde inte starta (t.ex. registret saknas), \
eller avslutades medan den senaste arbetsboken väntade på att Excel skulle stänga den."
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
    /// Registret, för ifyllda mallar per insats.
    #[arg(long, value_name = "FIL", requires = "period", help_heading = "Flaggor")]
    pub register: Option<PathBuf>,

    /// Kvartalet för ifyllda mallar, t.ex. 2018-K2.
    #[arg(long, value_name = "KVARTAL", requires = "register", help_heading = "Flaggor")]
    pub period: Option<String>,

    /// Mappen för mallarna (skapas om den saknas). Den tomma mallen kan också skrivas till en fil:
    /// ett namn som slutar på .xlsx.
    #[arg(long, value_name = "FIL_ELLER_MAPP", help_heading = "Flaggor")]
    pub ut: PathBuf,
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

    /// Skriv samma innehåll som JSON också, för skript (se docs/json.md). En befintlig fil ersätts, men
    /// aldrig registret eller något i rapportmappen.
    #[arg(long, value_name = "FIL", help_heading = "Flaggor")]
    pub json: Option<PathBuf>,

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
}

/// The line after every command-line error: where the help is.
pub const HELP_HINT: &str = "Skriv `uppfoljning --help` (eller `uppfoljning KOMMANDO --help`) för hjälp.";

/// A command-line error as kansliet reads it on stderr: "Fel: …" in Swedish,
/// naming the flag or argument from clap's context, then [`HELP_HINT`].
/// clap's own texts are English; this is the one place they are replaced.
pub fn parse_error_text(error: &clap::Error) -> String {
    use clap::error::{ContextKind as Ctx, ErrorKind as Kind};
    let arg = text(error, Ctx::InvalidArg).unwrap_or_default();
    let message = match error.kind() {
        Kind::MissingRequiredArgument => {
            let missing = strings(error, Ctx::InvalidArg);
            // In `mall` one of the pair --register/--period came without the other.
            let usage = error.get(Ctx::Usage).map(ToString::to_string).unwrap_or_default();
            let in_mall = usage.split_whitespace().any(|word| word == "mall");
            let pair = missing.iter().any(|m| m.starts_with("--period") || m.starts_with("--register"));
            let together = if in_mall && pair {
                " Flaggorna --register och --period hör ihop: ange båda för ifyllda mallar, eller ingen av \
                 dem för den tomma mallen."
            } else {
                ""
            };
            match missing.as_slice() {
                [one] => format!("{} saknas.{together}", capitalized(&named(one))),
                many => format!("Följande saknas: {}.{together}", list(many.iter().map(|m| named(m)), "och")),
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
    format!("Fel: {message}\n{HELP_HINT}\n")
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
                out += &format!(" Menade du uppfoljning {command_and_flag}? Flaggan skrivs efter kommandot.");
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
        let error =
            Cli::try_parse_from(std::iter::once("uppfoljning").chain(args.iter().copied())).unwrap_err();
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
        format!(
            "Fel: {message}\nSkriv `uppfoljning --help` (eller `uppfoljning KOMMANDO --help`) för hjälp.\n"
        )
    }

    fn s(text: &str) -> ContextValue {
        ContextValue::String(text.to_string())
    }

    #[test]
    fn a_missing_required_flag_or_argument_is_named() {
        let cases: [(&[&str], &str); 2] = [
            (&["mall"], "Flaggan --ut <FIL_ELLER_MAPP> saknas."),
            (
                &["mall", "--register", "register.xlsx"],
                "Följande saknas: flaggan --ut <FIL_ELLER_MAPP> och flaggan --period <KVARTAL>. Flaggorna --register \
                 och --period hör ihop: ange båda för ifyllda mallar, eller ingen av dem för den tomma mallen.",
            ),
        ];
        // kontrollera defaults its register and folder, as sammanstall does.
        for (args, message) in cases {
            assert_eq!(stderr_for(args), with_hint(message), "{args:?}");
        }
    }

    #[test]
    fn mall_with_register_or_period_alone_says_they_go_together() {
        let together = " Flaggorna --register och --period hör ihop: ange båda för ifyllda mallar, eller \
                        ingen av dem för den tomma mallen.";
        assert_eq!(
            stderr_for(&["mall", "--register", "register.xlsx", "--ut", "mallar"]),
            with_hint(&format!("Flaggan --period <KVARTAL> saknas.{together}"))
        );
        assert_eq!(
            stderr_for(&["template", "--period", "2018-K2", "--ut", "mallar"]),
            with_hint(&format!("Flaggan --register <FIL> saknas.{together}"))
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
        let error = Cli::try_parse_from(args.into_iter().chain([not_utf8])).unwrap_err();
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
            let error = Cli::try_parse_from(["uppfoljning", flag]).unwrap_err();
            assert!(!error.use_stderr(), "{flag}");
            assert_eq!(error.exit_code(), 0, "{flag}");
        }
    }
}
