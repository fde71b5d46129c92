//! The feedback folder: per message a `.eml` and a `.txt` named for quarter
//! and insats, the list of addressees `adressater.csv`, and the reminders
//! drafted so far, `påminnelser.csv` (added to, never rewritten from scratch).
//!
//! Every file is staged before any is put in place, so a failed run leaves
//! the previous run's files as they were. Files of a previous run that this
//! run does not write again (the report has been corrected) are removed, so
//! kansliet never sends stale feedback; only files that the previous run's
//! list names are touched, and only in `folder`.

use super::paminnelser::{PAMINNELSER, Paminnelser};
use super::text::masked;
use super::{Meddelande, Underlag};
use crate::fsio::{self, WriteError};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// The list of addressees, in the feedback folder.
pub const LISTA: &str = "adressater.csv";

/// What the list says in place of an address that is missing.
const ADRESS_SAKNAS: &str = "adress saknas";

/// What the list says for a message to kansliet itself (a report in doubt)
/// when kansliet's address is not known.
const TILL_KANSLIET: &str = "till kansliet";

/// The list's columns; the files (`Filer`, last) are read back by the next
/// run, found by their header. `Läge` says where each file's report stands,
/// in the order of `Filer`.
const KOLUMNER: &str =
    "E-post;Meddelanden;Fel att rätta;Varningar att kontrollera;Saknade rapporter;Läge;Filer";

/// The header of the column the next run reads.
const FILER: &str = "Filer";

/// Between the names of one addressee's messages: a character no file name holds.
const FILER_SEP: &str = " | ";

/// Extensions of the message files.
const FORMER: [&str; 2] = ["eml", "txt"];

/// Why the feedback could not be written.
#[derive(Debug, thiserror::Error)]
pub enum FeedbackError {
    #[error("Mappen {mapp} för återkopplingen kunde inte skapas ({source}). Välj en annan mapp.")]
    Mapp { mapp: String, source: std::io::Error },
    #[error("{0} är en fil, inte en mapp. Välj en mapp för återkopplingen.")]
    InteMapp(String),
    #[error(transparent)]
    Skriva(#[from] WriteError),
    #[error(
        "{fil} från en tidigare körning kunde inte tas bort ({source}). Ta bort den för hand, så att gammal \
         återkoppling inte skickas."
    )]
    TaBort { fil: String, source: std::io::Error },
}

/// What [`write_all`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skrivet {
    pub meddelanden: usize,
    /// Every file written: the list first, then each message's `.eml` and `.txt`.
    pub filer: Vec<PathBuf>,
    pub lista: PathBuf,
    /// Message files of a previous run that no message of this run replaced.
    pub borttagna: Vec<PathBuf>,
}

/// Writes every message as `<namn>.eml` and `<namn>.txt` in `folder` (made
/// if missing), and the list of addressees, replacing a previous run's.
pub fn write_all(meddelanden: &[Meddelande], folder: &Path) -> Result<Skrivet, FeedbackError> {
    ensure_folder(folder)?;
    let lista = folder.join(LISTA);
    let tidigare = previous_stems(&lista);
    let namn = unique_stems(meddelanden.iter().map(|m| m.namn.clone()));
    let mut staged = vec![(lista.clone(), fsio::stage(&lista, &list(meddelanden, &namn))?)];
    if let Some(bytes) = reminders(meddelanden, folder) {
        let path = folder.join(PAMINNELSER);
        staged.push((path.clone(), fsio::stage(&path, &bytes)?));
    }
    for (m, n) in meddelanden.iter().zip(&namn) {
        for (path, bytes) in message_files(folder, n).into_iter().zip([m.eml(), m.txt()]) {
            let file = fsio::stage(&path, &bytes)?;
            staged.push((path, file));
        }
    }
    let mut filer = Vec::with_capacity(staged.len());
    for (path, file) in staged {
        file.commit()?;
        filer.push(path);
    }
    let borttagna = remove_stale(folder, &tidigare, &namn)?;
    Ok(Skrivet { meddelanden: meddelanden.len(), filer, lista, borttagna })
}

/// Every file [`write_all`] writes in `folder`, in its order: the list,
/// the reminders drafted (when a message is a reminder with a due date),
/// then each message's `.eml` and `.txt`. Known before anything is written,
/// so a command can hold them against its inputs first.
pub fn planned_files(meddelanden: &[Meddelande], folder: &Path) -> Vec<PathBuf> {
    let namn = unique_stems(meddelanden.iter().map(|m| m.namn.clone()));
    let paminnelser = meddelanden.iter().any(|m| m.paminnelse.is_some()).then(|| folder.join(PAMINNELSER));
    std::iter::once(folder.join(LISTA))
        .chain(paminnelser)
        .chain(namn.iter().flat_map(|n| message_files(folder, n)))
        .collect()
}

/// `påminnelser.csv` with this run's reminders added to the folder's, or
/// `None` when this run drafts none (the file is then left as it is).
fn reminders(meddelanden: &[Meddelande], folder: &Path) -> Option<Vec<u8>> {
    let nya: Vec<_> = meddelanden.iter().filter_map(|m| m.paminnelse.clone()).collect();
    if nya.is_empty() {
        return None;
    }
    let mut paminnelser = Paminnelser::read(folder);
    for p in nya {
        paminnelser.add(p);
    }
    Some(paminnelser.csv())
}

/// The `.eml` and the `.txt` of the message named `stem`.
fn message_files(folder: &Path, stem: &str) -> [PathBuf; 2] {
    FORMER.map(|ext| folder.join(format!("{stem}.{ext}")))
}

fn ensure_folder(folder: &Path) -> Result<(), FeedbackError> {
    if folder.exists() && !folder.is_dir() {
        return Err(FeedbackError::InteMapp(folder.display().to_string()));
    }
    std::fs::create_dir_all(folder)
        .map_err(|source| FeedbackError::Mapp { mapp: folder.display().to_string(), source })
}

/// The message files the previous run's list names; none when there is no
/// list or it cannot be read (then nothing is removed).
fn previous_stems(lista: &Path) -> Vec<String> {
    let Ok(bytes) = std::fs::read(lista) else { return Vec::new() };
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{feff}');
    // By header: a list of a version before `Läge` has `Filer` elsewhere.
    let header = csv_fields(text.lines().next().unwrap_or_default());
    let Some(filer_column) = header.iter().position(|h| h.trim() == FILER) else { return Vec::new() };
    text.lines()
        .skip(1)
        .filter_map(|line| csv_fields(line).into_iter().nth(filer_column))
        .flat_map(|filer| filer.split(FILER_SEP).map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// Removes `<stem>.eml` and `<stem>.txt` of every earlier stem that is not
/// written now. Names are compared as Windows does, without case; a name
/// that is not a plain file name of ours is left alone.
fn remove_stale(folder: &Path, tidigare: &[String], nu: &[String]) -> Result<Vec<PathBuf>, FeedbackError> {
    let nu: HashSet<String> = nu.iter().map(|n| n.to_lowercase()).collect();
    let mut borttagna = Vec::new();
    for stem in tidigare.iter().filter(|s| !s.is_empty() && safe_stem(s) == **s) {
        if nu.contains(&stem.to_lowercase()) {
            continue;
        }
        for ext in FORMER {
            let path = folder.join(format!("{stem}.{ext}"));
            if !path.is_file() {
                continue;
            }
            match std::fs::remove_file(&path) {
                Ok(()) => borttagna.push(path),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(FeedbackError::TaBort { fil: path.display().to_string(), source }),
            }
        }
    }
    Ok(borttagna)
}

/// One row per address (messages, Fel, Varningar, missing reports, files),
/// sorted by address; then one row per message without an address.
fn list(meddelanden: &[Meddelande], namn: &[String]) -> Vec<u8> {
    #[derive(Default)]
    struct Rad {
        adress: String,
        antal: usize,
        fel: usize,
        varningar: usize,
        saknade: usize,
        lagen: Vec<&'static str>,
        filer: Vec<String>,
    }
    let add = |rad: &mut Rad, m: &Meddelande, n: &String| {
        rad.antal += 1;
        rad.fel += m.fel;
        rad.varningar += m.varningar;
        rad.saknade += usize::from(m.saknas);
        rad.lagen.push(m.lage.label());
        rad.filer.push(n.clone());
    };
    let mut per_adress: BTreeMap<String, Rad> = BTreeMap::new();
    let mut utan: Vec<Rad> = Vec::new();
    for (m, n) in meddelanden.iter().zip(namn) {
        match &m.till {
            Some(a) => {
                let adress = a.to_lowercase();
                add(
                    per_adress.entry(adress.clone()).or_insert_with(|| Rad { adress, ..Rad::default() }),
                    m,
                    n,
                );
            }
            None => {
                let adress = if m.till_kansliet { TILL_KANSLIET } else { ADRESS_SAKNAS };
                let mut rad = Rad { adress: adress.to_string(), ..Rad::default() };
                add(&mut rad, m, n);
                utan.push(rad);
            }
        }
    }
    let mut text = format!("\u{feff}{KOLUMNER}\r\n");
    for rad in per_adress.into_values().chain(utan) {
        let fields = [
            csv_field(&rad.adress),
            rad.antal.to_string(),
            rad.fel.to_string(),
            rad.varningar.to_string(),
            rad.saknade.to_string(),
            csv_field(&rad.lagen.join(FILER_SEP)),
            csv_field(&rad.filer.join(FILER_SEP)),
        ];
        text.push_str(&fields.join(";"));
        text.push_str("\r\n");
    }
    text.into_bytes()
}

/// A text field for Excel: never read as a formula, quoted when it holds
/// the separator or a quote.
pub(super) fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() };
    if text.contains([';', '"', '\r', '\n']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

/// The fields of one line of [`list`]'s output.
pub(super) fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().into_iter().for_each(|f| f.push('"'));
            }
            ('"', _) => quoted = !quoted,
            (';', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().into_iter().for_each(|f| f.push(c)),
        }
    }
    fields
}

/// The file name (without extension) of the message about `u`:
/// `2018-K2 Heby, Individstöd i samverkan`, with ` – påminnelse` for a
/// missing report, `Återkoppling <fil>` when neither quarter nor insats is known.
pub(super) fn stem(u: &Underlag) -> String {
    let namn = u.insats_namn.clone().filter(|n| !n.trim().is_empty()).or_else(|| u.insats_id.clone());
    let known: Vec<String> = [u.kvartal.map(|q| q.to_string()), namn].into_iter().flatten().collect();
    let stem = if known.is_empty() {
        let fil = u.fil.as_deref().unwrap_or_default();
        let fil =
            Path::new(fil).file_stem().map_or_else(|| fil.to_string(), |s| s.to_string_lossy().into_owned());
        format!("Återkoppling {fil}")
    } else {
        known.join(" ")
    };
    if u.till_kansliet {
        format!("{stem} – till kansliet")
    } else if u.saknas() {
        format!("{stem} – påminnelse")
    } else if u.kvittens && u.fynd.is_empty() {
        format!("{stem} – kvittens")
    } else {
        stem
    }
}

/// Safe and unique file stems, in order: a stem taken (in any case) gets
/// ` (2)`, ` (3)`… added.
pub(super) fn unique_stems(stems: impl Iterator<Item = String>) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    stems
        .map(|stem| {
            let base = safe_stem(&masked(&stem));
            let base = if base.is_empty() { "Återkoppling".to_string() } else { base };
            let name = (1..)
                .map(|n| if n == 1 { base.clone() } else { format!("{base} ({n})") })
                .find(|name| !taken.contains(&name.to_lowercase()))
                .unwrap_or(base);
            taken.insert(name.to_lowercase());
            name
        })
        .collect()
}

/// Longest stem: the template's limit, less `.eml` and room for ` (99)`.
const MAX_STEM_CHARS: usize = crate::template::MAX_FILE_NAME_CHARS - 4 - 5;

/// Names Windows reserves for devices, whatever the extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
    "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// `text` as a file name on Windows, the way the template's names are made:
/// separators become `-`, other forbidden characters a space, white space
/// collapsed, no leading or trailing dots or spaces, no device name.
fn safe_stem(text: &str) -> String {
    let replaced: String = text
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '|' => '-',
            '*' | '?' | '"' | '<' | '>' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let collapsed = replaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = collapsed.chars().take(MAX_STEM_CHARS).collect();
    let mut stem = short.trim_matches(['.', ' ']).to_string();
    let base = stem.split('.').next().unwrap_or_default().trim_end();
    let (reserved, at) = (RESERVED.iter().any(|r| r.eq_ignore_ascii_case(base)), base.len());
    if reserved {
        stem.insert(at, '_');
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_with_the_separator_or_a_formula_start_stays_text() {
        assert_eq!(csv_field("a;b \"c\""), "\"a;b \"\"c\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_fields("\"a;b \"\"c\"\"\";2;x | y"), ["a;b \"c\"", "2", "x | y"]);
    }

    #[test]
    fn stems_are_windows_safe_and_never_a_path() {
        assert_eq!(safe_stem("2018-K2 Håbo/Knivsta: Ett \"steg\"?"), "2018-K2 Håbo-Knivsta- Ett steg");
        assert_eq!(safe_stem(".."), "");
        assert_eq!(safe_stem("../../etc"), "-..-etc");
        assert_eq!(safe_stem("con.txt"), "con_.txt");
        assert_eq!(safe_stem(&"å".repeat(300)).chars().count(), MAX_STEM_CHARS);
    }
}
