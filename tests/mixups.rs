//! The mix-ups of a real quarter (issue 12): a copied template, a corrected
//! `(2)` beside the original, two versions from different senders. Each
//! built from the samples, each run through `kontrollera` and `sammanstall`
//! alike: which file counts (Källor), the findings, the terminal lines and
//! the feedback files.

mod common;

use assert_cmd::Command;
use common::gallery::zip;
use common::samples::{inbox_copy, sample_register, samples};
use std::path::Path;
use uppfoljning::aggregate::{KallStatus, Rapportlage, Sammanstallning, aggregate};
use uppfoljning::discover::discover;
use uppfoljning::finding::{Code, Severity};
use uppfoljning::inbox::read_inbox;
use uppfoljning::period::{Kvartal, Period};
use uppfoljning::register::Status;

const ENVAGIN: &str = "2018-K2 Knivsta, En väg in – flera vägar ut.xlsx";
const UNGDOM: &str = "2018-K2 Knivsta, Ungdomssatsningen.xlsx";
const ASF: &str = "2018-K2 Älvkarleby, Arbetsintegrerande Socialt Företag.xlsx";
const ASF_2: &str = "2018-K2 Älvkarleby, Arbetsintegrerande Socialt Företag (2).xlsx";
const HEBY: &str = "2018-K2 Heby, Individstöd i samverkan.xlsx";
const HEBY_2: &str = "2018-K2 Heby, Individstöd i samverkan (2).xlsx";

/// Writes `name` in `dir` as the sample report `from` with `edits` (part,
/// text, new text) made, its modification time a minute after the samples'.
fn edited(dir: &Path, from: &str, name: &str, edits: &[(&str, &str, &str)]) {
    let source = samples().join("rapporter").join(from);
    let target = dir.join(name);
    let temporary = dir.join("under arbete.tmp");
    zip::rewrite(
        &source,
        &temporary,
        |part, mut bytes| {
            for (_, old, new) in edits.iter().filter(|(p, _, _)| *p == part) {
                bytes = zip::replace(bytes, old, new);
            }
            Some(bytes)
        },
        Vec::new(),
    );
    std::fs::rename(&temporary, &target).unwrap();
    // Later than the copies of the samples beside it.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options().write(true).open(&target).unwrap().set_modified(later).unwrap();
}

fn sammanstall(dir: &Path) -> Sammanstallning {
    let inbox = read_inbox(&discover(&[dir.to_path_buf()]).unwrap());
    aggregate(&sample_register(), &[], &inbox, Period::parse("2018-K2").unwrap(), common::TODAY)
}

fn status(s: &Sammanstallning, fil: &str) -> (KallStatus, Option<String>) {
    let kalla = s.kallor.iter().find(|k| k.fil == fil).unwrap();
    (kalla.status, kalla.kommentar.clone())
}

/// (exit code, stdout) of the binary with `args`, then `dir`.
fn binary(args: &[&str], dir: &Path) -> (i32, String) {
    let output = Command::cargo_bin("uppfoljning")
        .unwrap()
        .args(args)
        .arg("--register")
        .arg(samples().join("register.xlsx"))
        .arg(dir)
        .output()
        .unwrap();
    (output.status.code().unwrap_or(-1), String::from_utf8(output.stdout).unwrap())
}

/// The feedback folder's files (without `adressater.csv`), by name, and the list.
fn feedback(folder: &Path) -> (Vec<String>, String) {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let list = std::fs::read_to_string(folder.join("adressater.csv")).unwrap();
    (names, list)
}

/// Ungdomssatsningen's report with En väg in's id and name in its identity
/// cells, keeping its file name, sender and answers: a copied template.
fn copied_template(dir: &Path) {
    edited(
        dir,
        UNGDOM,
        UNGDOM,
        &[
            ("xl/sharedStrings.xml", "<t>2016:61</t>", "<t>2017:48</t>"),
            (
                "xl/sharedStrings.xml",
                "<t>Knivsta, Ungdomssatsningen</t>",
                "<t>Knivsta, En väg in – flera vägar ut</t>",
            ),
        ],
    );
}

#[test]
fn a_copied_template_is_not_counted_for_the_insats_it_names_and_neither_is_the_genuine_report() {
    let dir = inbox_copy();
    copied_template(dir.path());
    let s = sammanstall(dir.path());
    // Neither report is chosen: En väg in has no usable report for 2018-K2.
    assert_eq!(status(&s, UNGDOM).0, KallStatus::ITvivel);
    assert_eq!(status(&s, ENVAGIN).0, KallStatus::ITvivel);
    let envagin = s.insatser.iter().find(|i| i.id == "2017:48").unwrap();
    assert!(envagin.rapporter.iter().all(|r| r.fil.is_none()), "{:?}", envagin.rapporter);
    // The insats says so in words: in doubt, not missing, and red with the reason.
    assert_eq!(envagin.rapport, Rapportlage::ITvivel);
    assert_eq!(envagin.rapport.label(), "I tvivel");
    assert_eq!(envagin.omraden.helhet.status, Some(Status::Rod));
    let why = envagin.omraden.helhet.anmarkning.as_deref().unwrap_or_default();
    assert!(why.starts_with("Rapporten för ett kvartal i perioden är i tvivel"), "{why}");
    assert!(
        !s.fynd.iter().any(|f| f.code == Code::RapportSaknas && f.insats_id.as_deref() == Some("2017:48")),
        "in doubt, not missing: {:#?}",
        s.fynd
    );
    // Both get a Fel naming both files and their senders.
    let doubt: Vec<_> = s.fynd.iter().filter(|f| f.code == Code::RapportITvivel).collect();
    assert_eq!(doubt.len(), 2, "{:#?}", s.fynd);
    assert_eq!((doubt[0].code, doubt[0].severity), (Code::RapportITvivel, Severity::Fel));
    assert_eq!(
        doubt.iter().find(|f| f.file == ENVAGIN).unwrap().message,
        format!(
            "Det finns 2 rapporter för Knivsta, En väg in – flera vägar ut (2017:48), 2018-K2, från olika \
             avsändare: {ENVAGIN} har avsändaren envagin@knivsta.example, {UNGDOM} har avsändaren \
             ungdom@knivsta.example. Ingen av dem används. Ta reda på vilken rapport som gäller för insatsen och \
             ta bort den andra ur mappen; gäller den en annan insats, be avsändaren fylla i den insatsens mall."
        )
    );
    // The copy's own evidence points at Ungdomssatsningen.
    let contradicted = s.fynd.iter().find(|f| f.code == Code::IdentitetMotsags).unwrap();
    assert_eq!((contradicted.code, contradicted.severity), (Code::IdentitetMotsags, Severity::Fel));
    assert_eq!(contradicted.file, UNGDOM);
    assert_eq!(
        contradicted.message,
        "Rapporten anger insatsen Knivsta, En väg in – flera vägar ut (2017:48), men filnamnet nämner insatsen \
         Knivsta, Ungdomssatsningen (2016:61), målen i rapporten är målen för insatsen Knivsta, Ungdomssatsningen \
         (2016:61) och avsändaren ungdom@knivsta.example har skickat rapporterna för Knivsta, Ungdomssatsningen \
         (2016:61). Den används inte. Kontrollera vilken insats rapporten gäller: är \
         det en annan insats, be avsändaren fylla i rätt mall och ta bort den här filen ur mappen; är den rätt, \
         byt namn på filen."
    );
    // Ungdomssatsningen, whose the copy seems to be, has not simply failed to
    // report: its quarter is in doubt too, red with the reason, and no
    // reminder says its report is missing.
    let ungdom = s.insatser.iter().find(|i| i.id == "2016:61").unwrap();
    assert_eq!(ungdom.rapport, Rapportlage::ITvivel);
    let k2 = ungdom.rapporter.iter().find(|r| r.kvartal == Kvartal::new(2018, 2).unwrap()).unwrap();
    assert!(k2.fil.is_none() && k2.i_tvivel, "{k2:?}");
    assert!(
        !s.fynd.iter().any(|f| f.code == Code::RapportSaknas && f.insats_id.as_deref() == Some("2016:61")),
        "in doubt, not missing: {:#?}",
        s.fynd
    );
    // No false figures from the copy: nothing replaced, nothing advised to delete the genuine file.
    assert!(s.kallor.iter().all(|k| k.status != KallStatus::Ersatt));
    assert!(!s.fynd.iter().any(|f| f.code == Code::RapportErsatt));
}

#[test]
fn a_copied_template_is_shown_in_doubt_by_kontrollera_and_sammanstall_and_told_to_kansliet() {
    let dir = inbox_copy();
    copied_template(dir.path());
    let out = tempfile::tempdir().unwrap();
    let feedback_dir = out.path().join("återkoppling");
    let (code, stdout) = binary(
        &["kontrollera", "--period", "2018-K2", "--aterkoppling", feedback_dir.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(&format!(
            "\n{UNGDOM} – Knivsta, En väg in – flera vägar ut (2017:48), 2018-K2\n  Fel "
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "  I tvivel: används inte förrän kansliet har tagit bort den rapport som inte gäller.\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains(", 2 i tvivel, "), "{stdout}");
    assert!(stdout.contains("18 rapporter från andra kvartal än 2018-K2 kontrollerades inte"), "{stdout}");
    let (names, list) = feedback(&feedback_dir);
    let to_kansliet: Vec<&String> = names.iter().filter(|n| n.contains("till kansliet")).collect();
    assert_eq!(to_kansliet.len(), 2, "{names:?}");
    assert!(list.contains("\r\ntill kansliet;1;"), "{list}");
    assert!(!list.contains("ungdom@knivsta.example") && !list.contains("envagin@knivsta.example"), "{list}");
    let text = std::fs::read_to_string(feedback_dir.join(to_kansliet[0])).unwrap();
    assert!(text.contains("Till: kansliet\r\nÄmne: Till kansliet: Kvartalsrapport 2018-K2, "), "{text}");
    assert!(text.contains("\r\n\r\nTill kansliet – skicka inte det här vidare som det står.\r\n"), "{text}");

    let workbook = out.path().join("Uppföljning.xlsx");
    let feedback_dir = out.path().join("återkoppling sammanstall");
    let (code, stdout) = binary(
        &[
            "sammanstall",
            "--period",
            "2018-K2",
            "--ut",
            workbook.to_str().unwrap(),
            "--aterkoppling",
            feedback_dir.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(&format!(
            "I tvivel (används inte, se bladet Kontroll): {ENVAGIN} (används inte: olika avsändare, se även {UNGDOM}); \
             {UNGDOM} (används inte: "
        )),
        "{stdout}"
    );
    let (names, list) = feedback(&feedback_dir);
    assert_eq!(names.iter().filter(|n| n.contains("till kansliet")).count(), 2, "{names:?}");
    assert!(!list.contains("envagin@knivsta.example"), "no reminder to a guessed sender: {list}");
}

#[test]
fn a_correction_by_the_same_sender_counts_and_the_original_is_information() {
    let dir = inbox_copy();
    // ASF's 2018-K2 report lacks the answer at B20 (a Fel); the (2) has it.
    edited(
        dir.path(),
        ASF,
        ASF_2,
        &[(
            "xl/worksheets/sheet1.xml",
            r#"<c r="B20" s="9"/>"#,
            r#"<c r="B20" s="9" t="inlineStr"><is><t>Ja</t></is></c>"#,
        )],
    );
    let s = sammanstall(dir.path());
    assert_eq!(status(&s, ASF_2).0, KallStatus::Anvand);
    assert_eq!(status(&s, ASF), (KallStatus::Ersatt, Some(format!("Ersatt av {ASF_2}"))));
    let replaced = s.fynd.iter().find(|f| f.code == Code::RapportErsatt).unwrap();
    assert_eq!(replaced.severity, Severity::Info);
    assert_eq!(
        replaced.message,
        format!(
            "Det finns två rapporter för insatsen 2017:44 och 2018-K2 från samma avsändare. Den nyaste, {ASF_2}, \
             används; den här räknas inte. Inget behöver göras: filen kan ligga kvar i mappen."
        )
    );
    assert!(!s.fynd.iter().any(|f| f.severity == Severity::Fel && f.file == ASF), "{:#?}", s.fynd);

    let out = tempfile::tempdir().unwrap();
    let feedback_dir = out.path().join("återkoppling");
    let (code, stdout) = binary(
        &["kontrollera", "--period", "2018-K2", "--aterkoppling", feedback_dir.to_str().unwrap()],
        dir.path(),
    );
    // Only the corrected report counts: no Fel left in 2018-K2.
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains(&format!(
            "{ASF} – Älvkarleby, Arbetsintegrerande Socialt Företag (2017:44), 2018-K2 – Ersatt av {ASF_2}: räknas \
             inte.\n"
        )),
        "{stdout}"
    );
    assert!(stdout.contains(", 1 ersatt (nyare version eller kopia), "), "{stdout}");
    let (names, _) = feedback(&feedback_dir);
    assert!(
        !names.iter().any(|n| n.contains("Arbetsintegrerande")),
        "no feedback for the original: {names:?}"
    );

    let workbook = out.path().join("Uppföljning.xlsx");
    let (_, stdout) =
        binary(&["sammanstall", "--period", "2018-K2", "--ut", workbook.to_str().unwrap()], dir.path());
    assert!(stdout.contains(&format!("Ersatta: {ASF} (ersatt av {ASF_2}).")), "{stdout}");
}

#[test]
fn two_versions_from_different_senders_are_both_fel_and_neither_is_chosen() {
    let dir = inbox_copy();
    edited(
        dir.path(),
        HEBY,
        HEBY_2,
        &[("xl/sharedStrings.xml", "individstod@heby.example", "nagon.annan@heby.example")],
    );
    let s = sammanstall(dir.path());
    assert_eq!(status(&s, HEBY).0, KallStatus::ITvivel);
    assert_eq!(status(&s, HEBY_2).0, KallStatus::ITvivel);
    let heby = s.insatser.iter().find(|i| i.id == "2017:33").unwrap();
    assert!(heby.rapporter.iter().all(|r| r.fil.is_none()));
    let doubt: Vec<_> = s.fynd.iter().filter(|f| f.code == Code::RapportITvivel).collect();
    assert_eq!(doubt.len(), 2);
    assert!(doubt[0].message.contains(&format!(
        "{HEBY_2} har avsändaren nagon.annan@heby.example, {HEBY} har avsändaren individstod@heby.example"
    )));
    // The missing report's reminder is not sent to a guessed address.
    let underlag = uppfoljning::feedback::from_sammanstallning(&s);
    let heby_messages: Vec<_> =
        underlag.iter().filter(|u| u.insats_id.as_deref() == Some("2017:33")).collect();
    assert_eq!(heby_messages.len(), 2);
    assert!(heby_messages.iter().all(|u| u.till_kansliet && u.epost.is_none() && !u.saknas()));

    let (code, stdout) = binary(&["kontrollera"], dir.path());
    assert_eq!(code, 1);
    assert!(
        stdout.contains(&format!("\n{HEBY_2} – Heby, Individstöd i samverkan (2017:33), 2018-K2\n")),
        "{stdout}"
    );
    // Resolved by removing the wrong file: the other counts again, and the
    // rerun says so in Ändringar.
    let out = tempfile::tempdir().unwrap();
    let workbook = out.path().join("Uppföljning.xlsx");
    let args = ["sammanstall", "--period", "2018-K2", "--ut", workbook.to_str().unwrap()];
    let (code, stdout) = binary(&args, dir.path());
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains(&format!("I tvivel (används inte, se bladet Kontroll): {HEBY_2} (")), "{stdout}");
    std::fs::remove_file(dir.path().join(HEBY_2)).unwrap();
    let s = sammanstall(dir.path());
    assert_eq!(status(&s, HEBY).0, KallStatus::Anvand);
    let (_, stdout) = binary(&args, dir.path());
    assert!(
        stdout.contains(&format!("  Borttagen rapport – Heby, Individstöd i samverkan: {HEBY_2} (I tvivel)")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "  Status ändrad: Källor – Heby, Individstöd i samverkan: {HEBY} (I tvivel) → {HEBY} (Använd)"
        )),
        "{stdout}"
    );
}

#[test]
fn another_insats_prefilled_template_filled_in_by_its_neighbour_is_told_by_its_sender() {
    // Ungdomssatsningen's styrgrupp fills in En väg in's prefilled template:
    // identity, file name and goals are En väg in's, only the sender is theirs.
    let dir = inbox_copy();
    std::fs::remove_file(dir.path().join(UNGDOM)).unwrap();
    let copy = "2018-K2 Knivsta, En väg in – flera vägar ut (2).xlsx";
    edited(
        dir.path(),
        ENVAGIN,
        copy,
        &[("xl/sharedStrings.xml", "envagin@knivsta.example", "ungdom@knivsta.example")],
    );
    let s = sammanstall(dir.path());
    // On main the copy, being newer, replaced the genuine report.
    assert_eq!(status(&s, copy).0, KallStatus::ITvivel);
    assert_eq!(status(&s, ENVAGIN).0, KallStatus::ITvivel);
    let contradicted = s.fynd.iter().find(|f| f.code == Code::IdentitetMotsags).unwrap();
    assert_eq!(contradicted.file, copy);
    assert!(
        contradicted.message.contains(
            "men avsändaren ungdom@knivsta.example har skickat rapporterna för Knivsta, Ungdomssatsningen (2016:61)."
        ),
        "{}",
        contradicted.message
    );
    assert!(!s.fynd.iter().any(|f| f.code == Code::RapportErsatt || f.code == Code::UtfallOverBeviljat));
}
