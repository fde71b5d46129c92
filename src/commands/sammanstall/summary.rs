//! The few lines `sammanstall` ends with, for kansliet to paste into the
//! e-mail that sends the workbook: the period, the reports read and used,
//! the missing ones by name and quarter, the Fel and Varningar, the files
//! that were not reports, what to follow up, and where the outputs went;
//! an id given to `--diagram` that has no chart is said. Built from the
//! [`Sammanstallning`] alone, so it says what the workbook says. Then what
//! changed since the earlier workbook, which one it was and when it was
//! saved, in short ([`changes`]), and the time the run took ([`elapsed`]),
//! which only the terminal sees.

use super::Outputs;
use crate::aggregate::{KallStatus, Sammanstallning};
use crate::changes::{Andring, Andringar, Comparison, FIRST_RUN, Hur, Jamforelse};
use crate::commands::count;
use crate::finding::{Finding, Severity};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

/// Changes listed on the terminal; the sheet `Ändringar` has them all.
const MAX_CHANGES_SHOWN: usize = 10;
/// A before or after text is cut to this many characters on the terminal.
const MAX_TEXT: usize = 70;

/// "Registret har 2 fel (se bladet Kontroll). Insatser som inte är med
/// förrän deras rad är rättad: 2017:33.": the insatser are those whose row
/// of `Insatser` has a Fel, which leaves the row out.
fn register_line(register_findings: &[Finding]) -> Option<String> {
    let fel: Vec<&Finding> = register_findings.iter().filter(|f| f.severity == Severity::Fel).collect();
    if fel.is_empty() {
        return None;
    }
    let mut line = format!("Registret har {} (se bladet Kontroll).", count(fel.len(), "fel", "fel"));
    let mut left_out: Vec<&str> = fel
        .iter()
        .filter(|f| f.sheet.as_deref() == Some(crate::register::columns::INSATSER.name))
        .filter_map(|f| f.insats_id.as_deref())
        .collect();
    left_out.sort_unstable();
    left_out.dedup();
    if !left_out.is_empty() {
        // Printed through `terminal::Sanitized`, like every line here.
        line.push_str(&format!(
            " Insatser som inte är med förrän deras rad är rättad: {}.",
            left_out.join(", ")
        ));
    }
    Some(line)
}

/// The summary, one line per entry, without line ends.
pub fn lines(s: &Sammanstallning, register_findings: &[Finding], outputs: &Outputs) -> Vec<String> {
    let mut lines = vec![format!("{} ({})", s.titel, s.period), reports_line(s)];
    lines.extend(missing_line(s));
    lines.push(findings_line(&s.fynd));
    lines.extend(register_line(register_findings));
    lines.extend(set_aside_line(s, KallStatus::Ersatt, "Ersatta"));
    lines.extend(set_aside_line(s, KallStatus::ITvivel, "I tvivel (används inte, se bladet Kontroll)"));
    lines.extend(files_line(
        s,
        KallStatus::Fel,
        "Används inte (fel i insats eller kvartal, se bladet Kontroll)",
    ));
    lines.extend(files_line(s, KallStatus::EjRapport, "Inte rapporter (hoppades över)"));
    lines.extend(files_line(s, KallStatus::Olaslig, "Kunde inte läsas"));
    lines.push(folja_upp_line(s));
    lines.push(format!("Arbetsboken: {}", outputs.workbook.display()));
    if let Some(pm) = &outputs.pm {
        lines.push(format!("PM: {}", pm.display()));
    }
    if let Some(json) = &outputs.json {
        lines.push(format!("JSON: {}", json.display()));
    }
    lines
}

/// "36 rapporter lästa från 18 insatser; ingen saknas.", with what became
/// of the reports that were read but not used.
fn reports_line(s: &Sammanstallning) -> String {
    let with = |status| s.kallor.iter().filter(|k| k.status == status).count();
    let used = with(KallStatus::Anvand);
    let unused = [
        (
            with(KallStatus::Ersatt),
            "ersatt (nyare version eller kopia)",
            "ersatta (nyare versioner eller kopior)",
        ),
        (with(KallStatus::ITvivel), "i tvivel", "i tvivel"),
        (with(KallStatus::AnnanPeriod), "från ett annat kvartal", "från andra kvartal"),
        (with(KallStatus::Fel), "med fel i insats eller kvartal", "med fel i insats eller kvartal"),
    ];
    let read = used + unused.iter().map(|(n, _, _)| n).sum::<usize>();
    let insatser: BTreeSet<&str> = s
        .kallor
        .iter()
        .filter(|k| k.status == KallStatus::Anvand)
        .filter_map(|k| k.insats_id.as_deref())
        .collect();
    let from = count(insatser.len(), "insats", "insatser");
    let missing = match missing(s).iter().map(|(_, quarters)| quarters.len()).sum::<usize>() {
        0 => "ingen saknas".to_string(),
        n => format!("{n} saknas"),
    };
    if read == used {
        return format!("{} lästa från {from}; {missing}.", count(read, "rapport", "rapporter"));
    }
    let why: Vec<String> =
        unused.iter().filter(|(n, _, _)| *n > 0).map(|(n, one, many)| count(*n, one, many)).collect();
    format!(
        "{} lästa, {used} använda från {from} ({}); {missing}.",
        count(read, "rapport", "rapporter"),
        joined(&why, "och")
    )
}

/// Each insats with a quarter of the period that has no report: its short
/// name and the quarters, in register order.
fn missing(s: &Sammanstallning) -> Vec<(&str, Vec<String>)> {
    s.insatser
        .iter()
        .map(|insats| {
            // A quarter in doubt has reports: the line "I tvivel" names them.
            let quarters = insats
                .rapporter
                .iter()
                .filter(|r| r.fil.is_none() && !r.i_tvivel)
                .map(|r| r.kvartal.to_string())
                .collect();
            (insats.kortnamn.as_str(), quarters)
        })
        .filter(|(_, quarters): &(&str, Vec<String>)| !quarters.is_empty())
        .collect()
}

/// "Rapport saknas: GESAM (2018-K2); Heby (2018-K1 och 2018-K2)."
fn missing_line(s: &Sammanstallning) -> Option<String> {
    let missing = missing(s);
    if missing.is_empty() {
        return None;
    }
    let each: Vec<String> =
        missing.iter().map(|(name, quarters)| format!("{name} ({})", joined(quarters, "och"))).collect();
    Some(format!("Rapport saknas: {}.", each.join("; ")))
}

fn findings_line(fynd: &[Finding]) -> String {
    let with = |severity| fynd.iter().filter(|f| f.severity == severity).count();
    let (fel, varningar) = (with(Severity::Fel), with(Severity::Varning));
    if fel + varningar == 0 {
        return "Inga fel eller varningar.".to_string();
    }
    format!(
        "{} och {} – se bladet Kontroll.",
        count(fel, "fel", "fel"),
        count(varningar, "varning", "varningar")
    )
}

/// "Inte rapporter (hoppades över): följebrev.docx; anteckningar.txt."
fn files_line(s: &Sammanstallning, status: KallStatus, label: &str) -> Option<String> {
    let files: Vec<&str> = s.kallor.iter().filter(|k| k.status == status).map(|k| k.fil.as_str()).collect();
    (!files.is_empty()).then(|| format!("{label}: {}.", files.join("; ")))
}

/// "Ersatta: 2018-K2 Heby.xlsx (ersatt av 2018-K2 Heby (2).xlsx)." The
/// reports of the period's quarters set aside with `status`, each with why.
fn set_aside_line(s: &Sammanstallning, status: KallStatus, label: &str) -> Option<String> {
    let quarters = s.period.quarters();
    let files: Vec<String> = s
        .kallor
        .iter()
        .filter(|k| k.status == status && k.kvartal.is_some_and(|q| quarters.contains(&q)))
        .map(|k| match &k.kommentar {
            Some(why) => format!("{} ({})", k.fil, lower_first(why)),
            None => k.fil.clone(),
        })
        .collect();
    (!files.is_empty()).then(|| format!("{label}: {}.", files.join("; ")))
}

/// "Ersatt av x" → "ersatt av x", for a comment put in brackets; a
/// trailing full stop goes.
fn lower_first(text: &str) -> String {
    let text = text.trim_end_matches('.');
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_lowercase().chain(chars).collect())
}

/// "Att följa upp: 5 insatser (se bladet Att följa upp)." or "Att följa upp: inget.".
fn folja_upp_line(s: &Sammanstallning) -> String {
    let insatser: BTreeSet<&str> = s.historik.att_folja_upp.iter().map(|a| a.insats_id.as_str()).collect();
    if insatser.is_empty() {
        return "Att följa upp: inget.".to_string();
    }
    format!("Att följa upp: {} (se bladet Att följa upp).", count(insatser.len(), "insats", "insatser"))
}

/// One line per id given to `--diagram` that names no insats of the period.
pub fn unknown_diagrams(ids: &[&str]) -> Vec<String> {
    ids.iter()
        .map(|id| format!("--diagram {id}: ingen insats med det Id:t i perioden; inget diagram."))
        .collect()
}

/// "a", "a och b", "a, b och c".
fn joined(items: &[String], and: &str) -> String {
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// What changed since the earlier workbook: one line saying there was
/// nothing to compare with (and why, naming the file at `workbook`), or
/// that nothing changed since the workbook read (named, with when it was
/// saved), or the first [`MAX_CHANGES_SHOWN`] changes and how many more
/// there are, after a line saying what they are measured from.
pub fn changes(comparison: &Comparison, workbook: &Path) -> Vec<String> {
    let file = workbook.display();
    let line = match comparison {
        Comparison::FirstRun => FIRST_RUN.to_string(),
        Comparison::Compared { jamfort, hur, andringar } => return compared(jamfort, *hur, andringar),
        Comparison::OtherPeriod(titel) if titel.is_empty() => {
            format!("Ingen jämförelse: den tidigare filen {file} gällde en annan period och har ersatts.")
        }
        Comparison::OtherPeriod(titel) => {
            format!(
                "Ingen jämförelse: den tidigare filen {file} gällde en annan period ({titel}) och har ersatts."
            )
        }
        Comparison::Foreign => format!(
            "Ingen jämförelse: den tidigare filen {file} var inte en arbetsbok från uppfoljning och har ersatts."
        ),
        Comparison::Unreadable(why) => {
            format!("Ingen jämförelse: den tidigare filen {file} kunde inte läsas ({why}) och har ersatts.")
        }
    };
    vec![line]
}

/// The workbook `jamfort` was read (as `hur` says) and `andringar` is the
/// list the sheet shows.
fn compared(jamfort: &Jamforelse, hur: Hur, andringar: &Andringar) -> Vec<String> {
    let read = match hur {
        Hur::ForraKorningen => format!("förra körningen, {}", jamfort.beskrivning()),
        Hur::Jamfor => jamfort.beskrivning(),
    };
    let n = count(andringar.rader.len(), "ändring", "ändringar");
    let head = if andringar.behallen {
        let since = andringar.sedan.as_ref().map(|sedan| format!(" sedan {}", sedan.beskrivning()));
        format!(
            "Inga nya ändringar sedan {read}. Bladet Ändringar behåller förra körningens lista, {n}{}:",
            since.unwrap_or_default()
        )
    } else if andringar.rader.is_empty() {
        return vec![format!("Inga ändringar sedan {read}.")];
    } else {
        format!("{n} sedan {read}:")
    };
    listed(head, &andringar.rader)
}

/// `head` and one indented line per change.
fn listed(head: String, andringar: &[Andring]) -> Vec<String> {
    let mut lines = vec![head];
    lines.extend(andringar.iter().take(MAX_CHANGES_SHOWN).map(change_line));
    if andringar.len() > MAX_CHANGES_SHOWN {
        lines.push(format!("  … och {} till – se bladet Ändringar.", andringar.len() - MAX_CHANGES_SHOWN));
    }
    lines
}

/// "  Status ändrad: Rapport – GESAM: Fel → Inkommen".
fn change_line(andring: &Andring) -> String {
    let mut line = format!("  {}", andring.vad);
    if !andring.insats.is_empty() {
        line.push_str(&format!(" – {}", andring.insats));
    }
    let texts: Vec<String> =
        [&andring.fore, &andring.efter].into_iter().filter(|t| !t.is_empty()).map(|t| cut(t)).collect();
    if !texts.is_empty() {
        line.push_str(&format!(": {}", texts.join(" → ")));
    }
    line
}

/// `text`, or its first [`MAX_TEXT`] characters ending in "…".
fn cut(text: &str) -> String {
    if text.chars().count() <= MAX_TEXT {
        return text.to_string();
    }
    let mut short: String = text.chars().take(MAX_TEXT - 1).collect();
    short.push('…');
    short
}

/// "Klart på 0,4 s." (tenths of a second) or "Klart på 2 min 5 s.".
pub fn elapsed(taken: Duration) -> String {
    let tenths = (taken.as_millis() + 50) / 100;
    if tenths < 600 {
        return format!("Klart på {},{} s.", tenths / 10, tenths % 10);
    }
    let seconds = (taken.as_millis() + 500) / 1000;
    format!("Klart på {} min {} s.", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::{AttFoljaUpp, Kalla, Regel, aggregate};
    use crate::finding::Code;
    use crate::period::Kvartal;
    use crate::period::Period;
    use std::path::{Path, PathBuf};

    fn samples_h1() -> Sammanstallning {
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let (register, findings) = crate::register::read_register(&samples.join("register.xlsx")).unwrap();
        let found = crate::discover::discover(&[samples.join("rapporter")]).unwrap();
        let inbox = crate::inbox::read_inbox(&found);
        aggregate(
            &register,
            &findings,
            &inbox,
            Period::parse("2018-H1").unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        )
    }

    fn outputs(json: Option<&str>) -> Outputs {
        Outputs {
            workbook: PathBuf::from("Uppföljning 2018-H1.xlsx"),
            json: json.map(PathBuf::from),
            pm: None,
        }
    }

    fn kalla(fil: &str, status: KallStatus) -> Kalla {
        Kalla {
            fil: fil.to_string(),
            insats_id: None,
            kvartal: None,
            mallversion: None,
            andrad: None,
            sha256: String::new(),
            status,
            kommentar: None,
            epost: None,
        }
    }

    #[test]
    fn a_quarter_in_doubt_is_not_said_to_be_missing() {
        let mut s = samples_h1();
        let gesam = s.insatser.iter_mut().find(|i| i.kortnamn == "GESAM").unwrap();
        for rapport in &mut gesam.rapporter {
            rapport.fil = None;
        }
        gesam.rapporter[0].i_tvivel = true;
        assert_eq!(missing_line(&s).as_deref(), Some("Rapport saknas: GESAM (2018-K2)."));
        gesam_all_in_doubt(&mut s);
        assert_eq!(missing_line(&s), None);
    }

    fn gesam_all_in_doubt(s: &mut Sammanstallning) {
        let gesam = s.insatser.iter_mut().find(|i| i.kortnamn == "GESAM").unwrap();
        for rapport in &mut gesam.rapporter {
            rapport.i_tvivel = true;
        }
    }

    #[test]
    fn the_summary_of_the_samples_is_a_few_lines_to_paste() {
        let mut s = samples_h1();
        // What to follow up has a test of its own, on a list made here.
        s.historik.att_folja_upp.clear();
        assert_eq!(
            lines(&s, &[], &outputs(Some("ut.json"))),
            [
                "Uppföljning kvartal 1 och 2 2018 (2018-H1)",
                "36 rapporter lästa från 18 insatser; ingen saknas.",
                // The two Varningar of 2016:61's participants outside the
                // target group are explained in its quality comment: Info.
                "2 fel och 2 varningar – se bladet Kontroll.",
                "Att följa upp: inget.",
                "Arbetsboken: Uppföljning 2018-H1.xlsx",
                "JSON: ut.json",
            ]
        );
    }

    #[test]
    fn missing_and_unused_reports_and_other_files_are_named() {
        let mut s = samples_h1();
        s.historik.att_folja_upp.clear();
        for insats in
            s.insatser.iter_mut().filter(|i| i.kortnamn == "GESAM" || i.kortnamn.starts_with("Heby"))
        {
            for rapport in &mut insats.rapporter {
                if insats.kortnamn == "GESAM" || rapport.kvartal.kvartal == 2 {
                    rapport.fil = None;
                }
            }
        }
        s.kallor.extend([
            kalla("gammal.xlsx", KallStatus::Ersatt),
            kalla("2017-K4 Heby.xlsx", KallStatus::AnnanPeriod),
            kalla("2017-K3 Heby.xlsx", KallStatus::AnnanPeriod),
            kalla("följebrev.docx", KallStatus::EjRapport),
            kalla("kopia/Bryggan.pdf", KallStatus::EjRapport),
            kalla("trasig.xlsx", KallStatus::Olaslig),
        ]);
        let mut register_fel = Finding::new(Code::RegisterSlutForeStart, "register.xlsx", "…");
        register_fel.sheet = Some("Insatser".into());
        register_fel.insats_id = Some("2017:33".into());
        let lines = lines(&s, &[register_fel], &outputs(None));
        assert_eq!(
            lines[1..],
            [
                "39 rapporter lästa, 36 använda från 18 insatser (1 ersatt (nyare version eller kopia) och 2 från andra kvartal); \
                 3 saknas.",
                "Rapport saknas: Heby, Individstöd i samverkan (2018-K2); GESAM (2018-K1 och 2018-K2).",
                "2 fel och 2 varningar – se bladet Kontroll.",
                "Registret har 1 fel (se bladet Kontroll). Insatser som inte är med förrän deras rad är rättad: 2017:33.",
                "Inte rapporter (hoppades över): följebrev.docx; kopia/Bryggan.pdf.",
                "Kunde inte läsas: trasig.xlsx.",
                "Att följa upp: inget.",
                "Arbetsboken: Uppföljning 2018-H1.xlsx",
            ]
        );
    }

    #[test]
    fn the_reports_set_aside_in_the_period_are_named_with_why() {
        let mut s = samples_h1();
        s.historik.att_folja_upp.clear();
        let k2 = Kvartal::new(2018, 2);
        let set_aside = |fil: &str, status, why: &str| Kalla {
            kvartal: k2,
            kommentar: Some(why.to_string()),
            ..kalla(fil, status)
        };
        s.kallor.extend([
            set_aside("2018-K2 Heby.xlsx", KallStatus::Ersatt, "Ersatt av 2018-K2 Heby (2).xlsx"),
            set_aside("a.xlsx", KallStatus::ITvivel, "Används inte: olika avsändare, se även b.xlsx."),
            set_aside("b.xlsx", KallStatus::ITvivel, "Används inte: olika avsändare, se även a.xlsx."),
            // An earlier quarter's replaced copy is history, not this period's news.
            Kalla { kvartal: Kvartal::new(2017, 4), ..kalla("2017-K4 Heby.xlsx", KallStatus::Ersatt) },
        ]);
        let lines = lines(&s, &[], &outputs(None));
        assert!(
            lines.contains(&"Ersatta: 2018-K2 Heby.xlsx (ersatt av 2018-K2 Heby (2).xlsx).".to_string()),
            "{lines:#?}"
        );
        assert!(
            lines.contains(
                &"I tvivel (används inte, se bladet Kontroll): a.xlsx (används inte: olika avsändare, se även \
                  b.xlsx); b.xlsx (används inte: olika avsändare, se även a.xlsx)."
                    .to_string()
            ),
            "{lines:#?}"
        );
        assert!(
            lines[1].contains("(2 ersatta (nyare versioner eller kopior) och 2 i tvivel)"),
            "{}",
            lines[1]
        );
    }

    #[test]
    fn a_run_without_findings_says_so() {
        let mut s = samples_h1();
        s.fynd.clear();
        assert_eq!(lines(&s, &[], &outputs(None))[2], "Inga fel eller varningar.");
        s.fynd.push(Finding::new(Code::InsatsnamnAvviker, "a.xlsx", "…"));
        assert_eq!(lines(&s, &[], &outputs(None))[2], "Inga fel eller varningar.", "Info is not counted");
        s.fynd.push(Finding::new(Code::SvarSaknas, "a.xlsx", "…"));
        assert_eq!(lines(&s, &[], &outputs(None))[2], "1 fel och 0 varningar – se bladet Kontroll.");
    }

    fn folja_upp(id: &str, regel: Regel) -> AttFoljaUpp {
        AttFoljaUpp {
            insats_id: id.into(),
            kortnamn: id.into(),
            regel,
            skal: "…".into(),
            kvartal: vec![Kvartal { ar: 2018, kvartal: 2 }],
        }
    }

    #[test]
    fn what_to_follow_up_is_counted_by_insats() {
        let mut s = samples_h1();
        s.historik.att_folja_upp =
            vec![folja_upp("2017:1", Regel::RodIRad), folja_upp("2017:1", Regel::LagtUtfall)];
        assert_eq!(folja_upp_line(&s), "Att följa upp: 1 insats (se bladet Att följa upp).");
        s.historik.att_folja_upp.push(folja_upp("2017:2", Regel::PrognosNej));
        assert_eq!(folja_upp_line(&s), "Att följa upp: 2 insatser (se bladet Att följa upp).");
        s.historik.att_folja_upp.clear();
        assert_eq!(folja_upp_line(&s), "Att följa upp: inget.");
    }

    #[test]
    fn an_id_without_a_chart_is_said() {
        assert_eq!(
            unknown_diagrams(&["2099:1"]),
            ["--diagram 2099:1: ingen insats med det Id:t i perioden; inget diagram."]
        );
        assert!(unknown_diagrams(&[]).is_empty());
    }

    fn andring(vad: &str, insats: &str, fore: &str, efter: &str) -> Andring {
        Andring { vad: vad.into(), insats: insats.into(), fore: fore.into(), efter: efter.into() }
    }

    fn jamforelse(fil: &str, sparad: Option<&str>) -> Jamforelse {
        Jamforelse { fil: fil.into(), sparad: sparad.map(String::from) }
    }

    fn compared(hur: Hur, andringar: Andringar) -> Comparison {
        let jamfort = jamforelse("Uppföljning 2018-H1.xlsx", Some("2026-12-05 18:50"));
        Comparison::Compared { jamfort, hur, andringar }
    }

    #[test]
    fn the_changes_are_said_in_short_or_why_there_are_none() {
        let workbook = Path::new("Uppföljning 2018-H1.xlsx");
        let one = |comparison: Comparison| changes(&comparison, workbook).join("\n");
        assert_eq!(one(Comparison::FirstRun), "Första körningen för perioden – inget att jämföra med.");
        assert_eq!(
            one(compared(Hur::ForraKorningen, Andringar::default())),
            "Inga ändringar sedan förra körningen, Uppföljning 2018-H1.xlsx (sparad 2026-12-05 18:50)."
        );
        assert_eq!(
            one(Comparison::OtherPeriod("Uppföljning kvartal 1 2018".into())),
            "Ingen jämförelse: den tidigare filen Uppföljning 2018-H1.xlsx gällde en annan period (Uppföljning \
             kvartal 1 2018) och har ersatts."
        );
        assert_eq!(
            one(Comparison::OtherPeriod(String::new())),
            "Ingen jämförelse: den tidigare filen Uppföljning 2018-H1.xlsx gällde en annan period och har ersatts."
        );
        assert_eq!(
            one(Comparison::Foreign),
            "Ingen jämförelse: den tidigare filen Uppföljning 2018-H1.xlsx var inte en arbetsbok från uppfoljning \
             och har ersatts."
        );
        assert_eq!(
            one(Comparison::Unreadable("åtkomst nekad".into())),
            "Ingen jämförelse: den tidigare filen Uppföljning 2018-H1.xlsx kunde inte läsas (åtkomst nekad) och har \
             ersatts."
        );
        let rader = vec![
            andring("Status ändrad: Rapport", "GESAM", "Fel", "Inkommen"),
            andring("Nytt fynd", "", "", &"x".repeat(80)),
        ];
        let listed =
            changes(&compared(Hur::ForraKorningen, Andringar { rader, ..Andringar::default() }), workbook);
        assert_eq!(
            listed,
            [
                "2 ändringar sedan förra körningen, Uppföljning 2018-H1.xlsx (sparad 2026-12-05 18:50):"
                    .to_string(),
                "  Status ändrad: Rapport – GESAM: Fel → Inkommen".to_string(),
                format!("  Nytt fynd: {}…", "x".repeat(69)),
            ]
        );
    }

    #[test]
    fn a_jamfor_workbook_and_a_kept_list_are_named() {
        let workbook = Path::new("Uppföljning 2018-H1.xlsx");
        let styrelsen = jamforelse("Styrelsen.xlsx", Some("2026-06-15 14:05"));
        let rader = vec![andring("Status ändrad: Budget", "GESAM", "Gul", "Grön")];
        let jamfor = Comparison::Compared {
            jamfort: styrelsen.clone(),
            hur: Hur::Jamfor,
            andringar: Andringar { sedan: Some(styrelsen.clone()), behallen: false, rader: rader.clone() },
        };
        assert_eq!(
            changes(&jamfor, workbook),
            [
                "1 ändring sedan Styrelsen.xlsx (sparad 2026-06-15 14:05):",
                "  Status ändrad: Budget – GESAM: Gul → Grön"
            ]
        );
        let none = Comparison::Compared {
            jamfort: styrelsen.clone(),
            hur: Hur::Jamfor,
            andringar: Andringar { sedan: Some(styrelsen.clone()), ..Andringar::default() },
        };
        assert_eq!(
            changes(&none, workbook),
            ["Inga ändringar sedan Styrelsen.xlsx (sparad 2026-06-15 14:05)."]
        );
        let kept = Andringar { sedan: Some(styrelsen), behallen: true, rader: rader.clone() };
        assert_eq!(
            changes(&compared(Hur::ForraKorningen, kept), workbook)[0],
            "Inga nya ändringar sedan förra körningen, Uppföljning 2018-H1.xlsx (sparad 2026-12-05 18:50). Bladet \
             Ändringar behåller förra körningens lista, 1 ändring sedan Styrelsen.xlsx (sparad 2026-06-15 14:05):"
        );
        let older = Andringar { sedan: None, behallen: true, rader };
        assert_eq!(
            changes(&compared(Hur::ForraKorningen, older), workbook),
            [
                "Inga nya ändringar sedan förra körningen, Uppföljning 2018-H1.xlsx (sparad 2026-12-05 18:50). Bladet \
                 Ändringar behåller förra körningens lista, 1 ändring:",
                "  Status ändrad: Budget – GESAM: Gul → Grön"
            ]
        );
    }

    #[test]
    fn a_long_list_ends_with_how_many_more_are_on_the_sheet() {
        let rader = vec![andring("Ny rapport", "GESAM", "", "a.xlsx (Använd)"); 13];
        let lines = changes(
            &compared(Hur::ForraKorningen, Andringar { rader, ..Andringar::default() }),
            Path::new("a.xlsx"),
        );
        assert_eq!(lines.len(), 12);
        assert_eq!(
            lines[0],
            "13 ändringar sedan förra körningen, Uppföljning 2018-H1.xlsx (sparad 2026-12-05 18:50):"
        );
        assert_eq!(lines[1], "  Ny rapport – GESAM: a.xlsx (Använd)");
        assert_eq!(lines[11], "  … och 3 till – se bladet Ändringar.");
    }

    #[test]
    fn the_time_taken_is_in_tenths_of_a_second_or_minutes() {
        assert_eq!(elapsed(Duration::from_millis(0)), "Klart på 0,0 s.");
        assert_eq!(elapsed(Duration::from_millis(449)), "Klart på 0,4 s.");
        assert_eq!(elapsed(Duration::from_millis(12_350)), "Klart på 12,4 s.");
        assert_eq!(elapsed(Duration::from_millis(59_940)), "Klart på 59,9 s.");
        assert_eq!(elapsed(Duration::from_millis(59_960)), "Klart på 1 min 0 s.");
        assert_eq!(elapsed(Duration::from_secs(125)), "Klart på 2 min 5 s.");
    }
}
