//! The few lines `sammanstall` ends with, for kansliet to paste into the
//! e-mail that sends the workbook: the period, the reports read and used,
//! the missing ones by name and quarter, the Fel and Varningar, the files
//! that were not reports, and where the outputs went. Built from the
//! [`Sammanstallning`] alone, so it says what the workbook says.

use super::Outputs;
use crate::aggregate::{KallStatus, Sammanstallning};
use crate::commands::count;
use crate::finding::{Finding, Severity};
use std::collections::BTreeSet;

/// The summary, one line per entry, without line ends.
pub fn lines(s: &Sammanstallning, register_findings: &[Finding], outputs: &Outputs) -> Vec<String> {
    let mut lines = vec![format!("{} ({})", s.titel, s.period), reports_line(s)];
    lines.extend(missing_line(s));
    lines.push(findings_line(&s.fynd));
    let register_fel = register_findings.iter().filter(|f| f.severity == Severity::Fel).count();
    if register_fel > 0 {
        lines.push(format!(
            "Registret har {}: insatser på rader med fel är inte med i arbetsboken.",
            count(register_fel, "fel", "fel")
        ));
    }
    lines.extend(files_line(s, KallStatus::EjRapport, "Inte rapporter (hoppades över)"));
    lines.extend(files_line(s, KallStatus::Olaslig, "Kunde inte läsas"));
    lines.push(format!("Arbetsboken: {}", outputs.workbook.display()));
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
        (with(KallStatus::Ersatt), "ersatt av en nyare", "ersatta av nyare"),
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
            let quarters =
                insats.rapporter.iter().filter(|r| r.fil.is_none()).map(|r| r.kvartal.to_string()).collect();
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

/// "a", "a och b", "a, b och c".
fn joined(items: &[String], and: &str) -> String {
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::{Kalla, aggregate};
    use crate::finding::Code;
    use crate::period::Period;
    use std::path::{Path, PathBuf};

    fn samples_h1() -> Sammanstallning {
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let (register, findings) = crate::register::read_register(&samples.join("register.xlsx")).unwrap();
        let found = crate::discover::discover(&[samples.join("rapporter")]).unwrap();
        let inbox = crate::inbox::read_inbox(&found);
        aggregate(&register, &findings, &inbox, Period::parse("2018-H1").unwrap())
    }

    fn outputs(json: Option<&str>) -> Outputs {
        Outputs { workbook: PathBuf::from("Uppföljning 2018-H1.xlsx"), json: json.map(PathBuf::from) }
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
    fn the_summary_of_the_samples_is_a_few_lines_to_paste() {
        assert_eq!(
            lines(&samples_h1(), &[], &outputs(Some("ut.json"))),
            [
                "Uppföljning kvartal 1 och 2 2018 (2018-H1)",
                "36 rapporter lästa från 18 insatser; ingen saknas.",
                "2 fel och 4 varningar – se bladet Kontroll.",
                "Arbetsboken: Uppföljning 2018-H1.xlsx",
                "JSON: ut.json",
            ]
        );
    }

    #[test]
    fn missing_and_unused_reports_and_other_files_are_named() {
        let mut s = samples_h1();
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
        let register_fel = Finding::new(Code::RegisterSlutForeStart, "register.xlsx", "…");
        let lines = lines(&s, &[register_fel], &outputs(None));
        assert_eq!(
            lines[1..],
            [
                "39 rapporter lästa, 36 använda från 18 insatser (1 ersatt av en nyare och 2 från andra kvartal); \
                 3 saknas.",
                "Rapport saknas: Heby, Individstöd i samverkan (2018-K2); GESAM (2018-K1 och 2018-K2).",
                "2 fel och 4 varningar – se bladet Kontroll.",
                "Registret har 1 fel: insatser på rader med fel är inte med i arbetsboken.",
                "Inte rapporter (hoppades över): följebrev.docx; kopia/Bryggan.pdf.",
                "Kunde inte läsas: trasig.xlsx.",
                "Arbetsboken: Uppföljning 2018-H1.xlsx",
            ]
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
}
