//! What, besides its identity cells, says whose a report is: the insats its
//! file name names, its goals against the applications' goals in the
//! register, and its sender against the senders of every other report in
//! the inbox. And the two Fel that say a report is in doubt, in
//! words that name every file involved.

use crate::finding::{Code, Finding};
use crate::inbox::{Inbox, InboxFile};
use crate::period::Kvartal;
use crate::register::{Insats, Register};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Shortest name or short name looked for in a file name: shorter ones
/// (an abbreviation) turn up inside unrelated words.
const MIN_NAME_CHARS: usize = 4;

/// The report's sender (`uppgiftslamnare_epost`), in lower case, when it is an address.
pub(super) fn sender(file: &InboxFile) -> Option<String> {
    let epost = file.outcome.report.as_ref()?.uppgiftslamnare_epost.as_deref()?.trim();
    crate::check::looks_like_email(epost).then(|| crate::value::nfc(epost).to_lowercase())
}

/// Which insatser each sender has reported for, by file, and how many
/// reports with a sender each insats has: a sender seen only with another
/// insats points there.
pub(super) struct Senders<'r> {
    by_sender: BTreeMap<String, Vec<(String, String)>>,
    /// The register's names, to find the one a file name names.
    file_names: FileNames<'r>,
    reports_with_sender: BTreeMap<String, usize>,
    /// The insatser whose application has each goal text (as [`goal_key`] gives it).
    goal_owners: BTreeMap<String, BTreeSet<String>>,
}

impl<'r> Senders<'r> {
    pub(super) fn of(inbox: &Inbox, register: &'r Register) -> Senders<'r> {
        let mut goal_owners: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (id, goals) in &register.mal {
            for goal in goals {
                goal_owners.entry(goal_key(&goal.text)).or_default().insert(id.clone());
            }
        }
        let mut senders = Senders {
            by_sender: BTreeMap::new(),
            file_names: FileNames::of(register),
            reports_with_sender: BTreeMap::new(),
            goal_owners,
        };
        for file in &inbox.files {
            let Some(report) = &file.outcome.report else { continue };
            let Some(insats) = report.identitet.insats_id.as_deref().and_then(|id| register.insats(id))
            else {
                continue;
            };
            if let Some(sender) = sender(file) {
                senders
                    .by_sender
                    .entry(sender)
                    .or_default()
                    .push((insats.id.clone(), file.source.name.clone()));
                *senders.reports_with_sender.entry(insats.id.clone()).or_default() += 1;
            }
        }
        senders
    }

    /// The one insats other than `id` that `file`'s sender reports for in
    /// the other files, when the other reports of `id` all came from other
    /// senders. A new contact person who reports for no other insats is no
    /// sign of a mix-up, nor is an insats with no other report.
    fn points_at(&self, file: &InboxFile, id: &str, register: &'r Register) -> Option<(String, &'r Insats)> {
        let sender = sender(file)?;
        // `file` itself is one of the reports of `id` with a sender.
        if self.reports_with_sender.get(id).copied().unwrap_or(0) < 2 {
            return None;
        }
        let elsewhere: BTreeSet<&str> = self
            .by_sender
            .get(&sender)?
            .iter()
            .filter(|(_, name)| *name != file.source.name)
            .map(|(insats, _)| insats.as_str())
            .collect();
        if elsewhere.contains(id) {
            return None;
        }
        let mut elsewhere = elsewhere.into_iter();
        match (elsewhere.next(), elsewhere.next()) {
            (Some(other), None) => Some((sender, register.insats(other)?)),
            _ => None,
        }
    }
}

/// A goal text as compared: NFC, lower case, white space collapsed.
fn goal_key(text: &str) -> String {
    crate::value::nfc(text).to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

impl<'r> Senders<'r> {
    /// The one insats other than `id` whose application has every goal the
    /// report lists, when none of them is `id`'s.
    fn goals_point_at(&self, file: &InboxFile, id: &str, register: &'r Register) -> Option<&'r Insats> {
        let report = file.outcome.report.as_ref()?;
        let keys: Vec<String> =
            report.mal.lista.iter().map(|rad| goal_key(&rad.mal)).filter(|k| !k.is_empty()).collect();
        let mut owners: Option<BTreeSet<&str>> = None;
        for key in &keys {
            let of_goal: BTreeSet<&str> = self
                .goal_owners
                .get(key)
                .map(|ids| ids.iter().map(String::as_str).collect())
                .unwrap_or_default();
            if of_goal.contains(id) {
                return None;
            }
            owners = Some(match owners {
                None => of_goal,
                Some(so_far) => so_far.intersection(&of_goal).copied().collect(),
            });
        }
        let owners = owners?;
        let mut owners = owners.into_iter();
        match (owners.next(), owners.next()) {
            (Some(other), None) => register.insats(other),
            _ => None,
        }
    }
}

/// Why `file`, read as insats `id`, looks like another insats's report, in
/// words ("filnamnet nämner insatsen …"); `None` when nothing says so.
pub(super) fn contradiction<'r>(
    file: &InboxFile,
    id: &str,
    register: &'r Register,
    senders: &Senders<'r>,
) -> Option<Contradiction> {
    let mut why = Vec::new();
    let mut points_at: Vec<String> = Vec::new();
    let mut point = |other: &Insats, words: String| {
        why.push(words);
        if !points_at.contains(&other.id) {
            points_at.push(other.id.clone());
        }
    };
    if let Some(named) = named_in_file_name(&file.source.name, &senders.file_names).filter(|i| i.id != id) {
        point(named, format!("filnamnet nämner insatsen {} ({})", named.namn, named.id));
    }
    if let Some(other) = senders.goals_point_at(file, id, register) {
        point(other, format!("målen i rapporten är målen för insatsen {} ({})", other.namn, other.id));
    }
    if let Some((sender, other)) = senders.points_at(file, id, register) {
        point(
            other,
            format!("avsändaren {sender} har skickat rapporterna för {} ({})", other.namn, other.id),
        );
    }
    let why = match why.split_last() {
        None => return None,
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} och {last}", rest.join(", ")),
    };
    Some(Contradiction { why, points_at })
}

/// Why a report seems to be another insats's than its identity cells say.
#[derive(Debug, Clone)]
pub(super) struct Contradiction {
    /// In words, for the finding and Källor.
    pub why: String,
    /// The insatser the evidence points at instead, by id: their quarter
    /// may have been reported in this file, so it is in doubt, not missing.
    pub points_at: Vec<String>,
}

/// The register's insats names (and short names) as a file name writes
/// them, indexed by their first word: a file name is looked up word by word,
/// so the cost per report does not grow with the register.
pub(super) struct FileNames<'r> {
    by_first_word: HashMap<String, Vec<(&'r Insats, String)>>,
}

impl<'r> FileNames<'r> {
    pub(super) fn of(register: &'r Register) -> FileNames<'r> {
        let mut by_first_word: HashMap<String, Vec<(&'r Insats, String)>> = HashMap::new();
        for insats in &register.insatser {
            let mut names: Vec<String> = [&insats.namn, &insats.kortnamn]
                .into_iter()
                // As the name would be written in a file name (`/` and `:` cannot be).
                .map(|name| crate::value::nfc(&crate::template::safe_stem(name.trim())).to_lowercase())
                .filter(|name| name.chars().count() >= MIN_NAME_CHARS)
                .collect();
            names.dedup();
            for name in names {
                // A name found as whole words begins with a whole word of the text.
                let first = words(&name).next().map(str::to_string);
                if let Some(first) = first {
                    by_first_word.entry(first).or_default().push((insats, name));
                }
            }
        }
        FileNames { by_first_word }
    }
}

/// The runs of letters and digits of `text`.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The one insats of the register whose name (or short name) the file's
/// name holds as words; `None` when it names none, several, or the one it
/// names is also named by a longer name (Lokussamordnare in "Uppsala,
/// Strategiskt utvecklingsarbete- lokussamordnare").
pub(super) fn named_in_file_name<'r>(file_name: &str, names: &FileNames<'r>) -> Option<&'r Insats> {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    let haystack = crate::value::nfc(stem).to_lowercase();
    // Per insats, the longest of its names the file name holds.
    let mut longest: BTreeMap<&str, (&'r Insats, &str)> = BTreeMap::new();
    let first_words: BTreeSet<&str> = words(&haystack).collect();
    for word in first_words {
        for (insats, name) in names.by_first_word.get(word).into_iter().flatten() {
            if !holds_as_words(&haystack, name) {
                continue;
            }
            let entry = longest.entry(insats.id.as_str()).or_insert((insats, name));
            if name.chars().count() > entry.1.chars().count() {
                *entry = (insats, name);
            }
        }
    }
    let found: Vec<(&'r Insats, &str)> = longest.into_values().collect();
    let kept: Vec<&'r Insats> = found
        .iter()
        .filter(|(insats, name)| {
            !found.iter().any(|(other, longer)| {
                other.id != insats.id && longer.len() > name.len() && longer.contains(*name)
            })
        })
        .map(|(insats, _)| *insats)
        .collect();
    match kept.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// Whether `name` occurs in `text` with no letter or digit right before or after it.
fn holds_as_words(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text.get(at + name.len()..).and_then(|t| t.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// `rapport-i-tvivel`: reports for one insats and quarter from different
/// senders; on `file`, naming every report of the group and its sender.
pub(super) fn in_doubt(
    file: &InboxFile,
    group: &[&InboxFile],
    insats: &str,
    id: &str,
    q: Kvartal,
) -> Finding {
    let each: Vec<String> = group
        .iter()
        .map(|f| match sender(f) {
            Some(sender) => format!("{} har avsändaren {sender}", f.source.name),
            None => format!("{} har ingen avsändare", f.source.name),
        })
        .collect();
    let message = format!(
        "Det finns {} rapporter för {insats}, {q}, från olika avsändare: {}. Ingen av dem används. Ta reda på \
         vilken rapport som gäller för insatsen och ta bort den andra ur mappen; gäller den en annan insats, be \
         avsändaren fylla i den insatsens mall.",
        group.len(),
        each.join(", ")
    );
    Finding::new(Code::RapportITvivel, &file.source.name, message).insats(id)
}

/// `identitet-motsags`: the report says insats `id`, but its file name or
/// sender says another.
pub(super) fn contradicted(file: &InboxFile, insats: &str, id: &str, why: &str) -> Finding {
    let message = format!(
        "Rapporten anger insatsen {insats}, men {why}. Den används inte. Kontrollera vilken insats rapporten \
         gäller: är det en annan insats, be avsändaren fylla i rätt mall och ta bort den här filen ur mappen; \
         är den rätt, byt namn på filen."
    );
    Finding::new(Code::IdentitetMotsags, &file.source.name, message).insats(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples_register() -> Register {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/register.xlsx");
        crate::register::read_register(&path).unwrap().0
    }

    #[test]
    fn a_file_name_names_the_insats_whose_name_it_holds_in_any_case_and_form() {
        let register = samples_register();
        let names = FileNames::of(&register);
        let named = |file: &str| named_in_file_name(file, &names).map(|i| i.id.clone());
        assert_eq!(named("2018-K2 Knivsta, Ungdomssatsningen.xlsx").as_deref(), Some("2016:61"));
        assert_eq!(
            named("2018/2018-K2 Knivsta, En väg in – flera vägar ut (2).xlsx").as_deref(),
            Some("2017:48")
        );
        assert_eq!(named("KNIVSTA, UNGDOMSSATSNINGEN.XLSX").as_deref(), Some("2016:61"));
        // Decomposed å, as macOS writes names.
        assert_eq!(named("2018-K2 Ha\u{30a}bo, Framsteget.xlsx").as_deref(), Some("2017:14"));
        // As a file name writes it ("/" cannot be), and the longer name wins over
        // a short name it holds (Älvkarleby's Lokussamordnare).
        let uppsala = "2018-K2 Uppsala, Strategiskt utvecklingsarbete- lokussamordnare.xlsx";
        let id = named(uppsala).unwrap();
        assert_eq!(
            register.insats(&id).unwrap().namn,
            "Uppsala, Strategiskt utvecklingsarbete/ lokussamordnare"
        );
        assert_eq!(named("rapport.xlsx"), None);
        assert_eq!(named("Knivsta.xlsx"), None, "a kommun alone names no insats");
    }

    #[test]
    fn a_name_counts_only_as_whole_words() {
        assert!(holds_as_words("2018-k2 gesam.xlsx", "gesam"));
        assert!(holds_as_words("gesam", "gesam"));
        assert!(!holds_as_words("2018-k2 gesamt", "gesam"));
        assert!(!holds_as_words("xgesam", "gesam"));
        assert!(holds_as_words("å gesam å", "gesam"));
    }

    #[test]
    fn goals_are_compared_without_case_or_extra_space() {
        assert_eq!(goal_key("  Fler  i ARBETE\n"), "fler i arbete");
    }
}
