//! Where a command writes, held against what it reads. Takes every output
//! of a run (each file, and each folder files are written in) and its
//! inputs (the register, each folder and file of reports given, the
//! workbook `--jamfor` compares with), and gives
//! the first output that is, or lies inside, an input, in a Swedish message
//! that says what to choose instead.
//!
//! Guarantees: paths are compared resolved — absolute, `..` and symbolic
//! links resolved, the part that does not exist yet appended to the nearest
//! part that does — and without case where the file system ignores it
//! (Windows, macOS). An output inside a folder the run reads is refused
//! whatever lies there and whether it exists yet, so nothing a run writes
//! (nor a file staged beside it) can replace a report or come back as one
//! in the next run. The one output allowed at an input is the workbook at
//! the `--jamfor` workbook: comparing with the file about to be replaced is
//! what a run does anyway, and it is read before it is replaced.
//! Refusing beats choosing another name: kansliet would
//! not find its workbook where it expects it. Only names are looked at;
//! nothing is opened.

use std::path::{Component, Path, PathBuf};

/// A path as the file system finds it, for comparison only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved(PathBuf);

impl Resolved {
    /// Resolves `path`, which need not exist: the nearest existing ancestor
    /// is canonicalised and the rest appended (its `..` taken lexically).
    pub fn new(path: &Path) -> Resolved {
        // The folder of a bare file name ("x.xlsx".parent()) is the working folder.
        let path = if path.as_os_str().is_empty() { Path::new(".") } else { path };
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let (mut resolved, rest) = nearest_existing(&absolute);
        for component in rest.components() {
            match component {
                Component::ParentDir => {
                    resolved.pop();
                }
                Component::CurDir => {}
                other => resolved.push(other),
            }
        }
        Resolved(fold_case(resolved))
    }

    /// Whether this path is `folder` or lies somewhere below it.
    pub fn is_within(&self, folder: &Resolved) -> bool {
        self.0.starts_with(&folder.0)
    }
}

/// The canonical form of the longest part of `absolute` that exists, and
/// the part after it; the whole path as it is when no part can be resolved.
fn nearest_existing(absolute: &Path) -> (PathBuf, PathBuf) {
    for ancestor in absolute.ancestors() {
        if let Ok(canonical) = std::fs::canonicalize(ancestor) {
            let rest = absolute.strip_prefix(ancestor).map(Path::to_path_buf).unwrap_or_default();
            return (canonical, rest);
        }
    }
    (PathBuf::new(), absolute.to_path_buf())
}

/// Windows and macOS find `Rapporter` at `rapporter`: compare without case
/// there. (Canonicalising gives the stored case only for the parts that exist.)
#[cfg(any(windows, target_os = "macos"))]
fn fold_case(path: PathBuf) -> PathBuf {
    PathBuf::from(path.to_string_lossy().to_lowercase())
}

#[cfg(not(any(windows, target_os = "macos")))]
fn fold_case(path: PathBuf) -> PathBuf {
    path
}

/// The flag an output was named by: how it is spelled, and what the
/// message suggests in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// `sammanstall --ut`.
    Ut,
    Json,
    /// `sammanstall --pm`.
    Pm,
    Aterkoppling,
    /// `mall --ut`.
    MallUt,
}

impl Flag {
    fn spelled(self) -> &'static str {
        match self {
            Flag::Ut | Flag::MallUt => "--ut",
            Flag::Json => "--json",
            Flag::Pm => "--pm",
            Flag::Aterkoppling => "--aterkoppling",
        }
    }

    /// What is chosen instead, as in "Välj en annan fil".
    fn noun(self) -> &'static str {
        match self {
            Flag::Ut | Flag::Json | Flag::Pm => "fil",
            Flag::Aterkoppling => "mapp",
            Flag::MallUt => "plats",
        }
    }

    fn example(self) -> &'static str {
        match self {
            Flag::Ut => "sammanstallning.xlsx",
            Flag::Json => "sammanstallning.json",
            Flag::Pm => "pm.docx",
            Flag::Aterkoppling => "aterkoppling",
            Flag::MallUt => "mallar",
        }
    }
}

/// One path a run writes: a file, or a folder it writes files in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The flag and the value typed after it; `None` for the workbook
    /// written in the working folder because `--ut` was not given.
    named: Option<(Flag, PathBuf)>,
    path: PathBuf,
    folder: bool,
}

impl Output {
    /// The file `path`, written because of `flag value`.
    pub fn file(flag: Flag, value: &Path, path: PathBuf) -> Output {
        Output { named: Some((flag, value.to_path_buf())), path, folder: false }
    }

    /// The folder `value` given with `flag`, files written in it.
    pub fn folder(flag: Flag, value: &Path) -> Output {
        Output { named: Some((flag, value.to_path_buf())), path: value.to_path_buf(), folder: true }
    }

    /// The workbook at `path` in the working folder, `--ut` not given.
    pub fn default_workbook(path: PathBuf) -> Output {
        Output { named: None, path, folder: false }
    }

    /// Whether this is `sammanstall`'s workbook file, by `--ut` or by default.
    fn is_workbook(&self) -> bool {
        !self.folder && matches!(self.named, None | Some((Flag::Ut, _)))
    }
}

/// The feedback `folder` and the `files` to be written in it.
pub fn feedback(folder: &Path, files: impl IntoIterator<Item = PathBuf>) -> Vec<Output> {
    std::iter::once(Output::folder(Flag::Aterkoppling, folder))
        .chain(files.into_iter().map(|file| Output::file(Flag::Aterkoppling, folder, file)))
        .collect()
}

/// What a run reads, as given.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    read: Vec<Input>,
}

#[derive(Debug, Clone)]
struct Input {
    shown: String,
    resolved: Resolved,
    kind: InputKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InputKind {
    Register,
    /// A folder of reports: everything below it is read.
    Folder,
    /// A report given as a file.
    Report,
    /// The earlier workbook `--jamfor` names.
    Compared,
}

impl Inputs {
    /// The register, if the command reads one, and the reports given:
    /// folders (searched below) or files.
    pub fn new(register: Option<&Path>, reports: &[PathBuf]) -> Inputs {
        let input = |path: &Path, kind| Input {
            shown: path.display().to_string(),
            resolved: Resolved::new(path),
            kind,
        };
        let register = register.map(|path| input(path, InputKind::Register));
        let reports = reports
            .iter()
            .map(|path| input(path, if path.is_dir() { InputKind::Folder } else { InputKind::Report }));
        Inputs { read: register.into_iter().chain(reports).collect() }
    }

    /// These inputs and the earlier workbook `--jamfor` names, if any.
    pub fn with_jamfor(mut self, jamfor: Option<&Path>) -> Inputs {
        if let Some(path) = jamfor {
            let shown = path.display().to_string();
            self.read.push(Input { shown, resolved: Resolved::new(path), kind: InputKind::Compared });
        }
        self
    }
}

/// How an output meets an input.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Clash {
    /// Is the folder of reports `folder` (`same`), or lies inside it.
    InFolder {
        folder: String,
        same: bool,
    },
    Register,
    Report,
    /// Is the workbook `--jamfor` compares with.
    Compared,
}

/// An output that is, or lies inside, something the run reads (exit 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", message(output, clash))]
pub struct OutputOverInput {
    output: Output,
    clash: Clash,
}

/// Refuses the first of `outputs` that is, or lies inside, one of `inputs`.
/// A folder written in may hold an input file (`--aterkoppling .` beside
/// `register.xlsx`): only its files are held against input files.
pub fn refuse_outputs_over_inputs(outputs: &[Output], inputs: &Inputs) -> Result<(), OutputOverInput> {
    for output in outputs {
        let resolved = Resolved::new(&output.path);
        // The default workbook's message speaks of the working folder it is in.
        let place = match output.named {
            Some(_) => resolved.clone(),
            None => Resolved::new(output.path.parent().unwrap_or(Path::new("."))),
        };
        let clash = inputs.read.iter().find_map(|input| match input.kind {
            InputKind::Folder if resolved.is_within(&input.resolved) => {
                Some(Clash::InFolder { folder: input.shown.clone(), same: place == input.resolved })
            }
            InputKind::Register if resolved == input.resolved => Some(Clash::Register),
            InputKind::Report if resolved == input.resolved => Some(Clash::Report),
            InputKind::Compared if resolved == input.resolved && !output.is_workbook() => {
                Some(Clash::Compared)
            }
            _ => None,
        });
        if let Some(clash) = clash {
            return Err(OutputOverInput { output: output.clone(), clash });
        }
    }
    Ok(())
}

/// The message: the output as named, what it meets, what to choose instead.
fn message(output: &Output, clash: &Clash) -> String {
    let reads = match clash {
        Clash::InFolder { folder, same: true } => format!("är rapportmappen {folder}, som verktyget läser"),
        Clash::InFolder { folder, same: false } => {
            format!("ligger i rapportmappen {folder}, som verktyget läser")
        }
        Clash::Register => "är registret, som verktyget läser".to_string(),
        Clash::Report => "är en av rapporterna som verktyget läser".to_string(),
        Clash::Compared => "är arbetsboken som --jamfor jämför med, som verktyget läser".to_string(),
    };
    let inside = matches!(clash, Clash::InFolder { .. });
    let the_same = matches!(
        clash,
        Clash::InFolder { same: true, .. } | Clash::Register | Clash::Report | Clash::Compared
    );
    let Some((flag, value)) = &output.named else {
        return if inside {
            format!(
                "Utan --ut skrivs arbetsboken i arbetsmappen, men arbetsmappen {reads}. Ange med --ut en fil \
                 utanför rapportmappen."
            )
        } else {
            format!(
                "Utan --ut skrivs arbetsboken till {}, men den filen {reads}. Ange en annan fil med --ut.",
                output.path.display()
            )
        };
    };
    let subject = if output.path != *value {
        output.path.display().to_string()
    } else if the_same {
        "det".to_string()
    } else if output.folder {
        "mappen".to_string()
    } else {
        "filen".to_string()
    };
    let choose = if inside {
        format!("Välj en {} utanför rapportmappen", flag.noun())
    } else {
        format!("Välj en annan {}", flag.noun())
    };
    let (spelled, example) = (flag.spelled(), flag.example());
    format!("{spelled} {}: {subject} {reads}. {choose}, t.ex. {spelled} {example}.", value.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clash(output: Output, clash: Clash) -> String {
        OutputOverInput { output, clash }.to_string()
    }

    fn in_folder(folder: &str, same: bool) -> Clash {
        Clash::InFolder { folder: folder.into(), same }
    }

    #[test]
    fn every_message_names_the_flag_what_it_meets_and_what_to_choose() {
        let svar = Path::new("rapporter\\svar");
        let x = Path::new("rapporter\\x.xlsx");
        let cases = [
            (
                clash(Output::folder(Flag::Aterkoppling, svar), in_folder("rapporter", false)),
                "--aterkoppling rapporter\\svar: mappen ligger i rapportmappen rapporter, som verktyget läser. \
                 Välj en mapp utanför rapportmappen, t.ex. --aterkoppling aterkoppling.",
            ),
            (
                clash(
                    Output::folder(Flag::Aterkoppling, Path::new("rapporter")),
                    in_folder("rapporter", true),
                ),
                "--aterkoppling rapporter: det är rapportmappen rapporter, som verktyget läser. Välj en mapp \
                 utanför rapportmappen, t.ex. --aterkoppling aterkoppling.",
            ),
            (
                clash(Output::file(Flag::Ut, x, x.to_path_buf()), in_folder("rapporter", false)),
                "--ut rapporter\\x.xlsx: filen ligger i rapportmappen rapporter, som verktyget läser. Välj en fil \
                 utanför rapportmappen, t.ex. --ut sammanstallning.xlsx.",
            ),
            (
                clash(
                    Output::file(
                        Flag::Ut,
                        Path::new("rapporter"),
                        PathBuf::from("rapporter\\Uppföljning 2018-H1.xlsx"),
                    ),
                    in_folder("rapporter", false),
                ),
                "--ut rapporter: rapporter\\Uppföljning 2018-H1.xlsx ligger i rapportmappen rapporter, som \
                 verktyget läser. Välj en fil utanför rapportmappen, t.ex. --ut sammanstallning.xlsx.",
            ),
            (
                clash(
                    Output::file(Flag::Json, Path::new("register.xlsx"), "register.xlsx".into()),
                    Clash::Register,
                ),
                "--json register.xlsx: det är registret, som verktyget läser. Välj en annan fil, t.ex. --json \
                 sammanstallning.json.",
            ),
            (
                clash(Output::file(Flag::Ut, x, x.to_path_buf()), Clash::Report),
                "--ut rapporter\\x.xlsx: det är en av rapporterna som verktyget läser. Välj en annan fil, t.ex. \
                 --ut sammanstallning.xlsx.",
            ),
            (
                clash(
                    Output::file(Flag::Aterkoppling, Path::new("."), "./adressater.csv".into()),
                    Clash::Register,
                ),
                "--aterkoppling .: ./adressater.csv är registret, som verktyget läser. Välj en annan mapp, t.ex. \
                 --aterkoppling aterkoppling.",
            ),
            (
                clash(Output::folder(Flag::MallUt, Path::new("register.xlsx")), Clash::Register),
                "--ut register.xlsx: det är registret, som verktyget läser. Välj en annan plats, t.ex. --ut \
                 mallar.",
            ),
            (
                clash(
                    Output::file(Flag::Json, Path::new("Styrelsen.xlsx"), "Styrelsen.xlsx".into()),
                    Clash::Compared,
                ),
                "--json Styrelsen.xlsx: det är arbetsboken som --jamfor jämför med, som verktyget läser. Välj en \
                 annan fil, t.ex. --json sammanstallning.json.",
            ),
            (
                clash(
                    Output::file(Flag::Aterkoppling, Path::new("."), "./Styrelsen.xlsx".into()),
                    Clash::Compared,
                ),
                "--aterkoppling .: ./Styrelsen.xlsx är arbetsboken som --jamfor jämför med, som verktyget läser. \
                 Välj en annan mapp, t.ex. --aterkoppling aterkoppling.",
            ),
            (
                clash(Output::default_workbook("Uppföljning 2018-H1.xlsx".into()), in_folder(".", true)),
                "Utan --ut skrivs arbetsboken i arbetsmappen, men arbetsmappen är rapportmappen ., som verktyget \
                 läser. Ange med --ut en fil utanför rapportmappen.",
            ),
            (
                clash(Output::default_workbook("Uppföljning 2018-H1.xlsx".into()), in_folder("..", false)),
                "Utan --ut skrivs arbetsboken i arbetsmappen, men arbetsmappen ligger i rapportmappen .., som \
                 verktyget läser. Ange med --ut en fil utanför rapportmappen.",
            ),
            (
                clash(Output::default_workbook("Uppföljning 2018-H1.xlsx".into()), Clash::Register),
                "Utan --ut skrivs arbetsboken till Uppföljning 2018-H1.xlsx, men den filen är registret, som \
                 verktyget läser. Ange en annan fil med --ut.",
            ),
        ];
        for (message, expected) in cases {
            assert_eq!(message, expected);
        }
    }

    /// A working folder with `register.xlsx` and `rapporter/r.xlsx`.
    fn working_folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("rapporter")).unwrap();
        std::fs::write(dir.path().join("rapporter/r.xlsx"), b"r").unwrap();
        std::fs::write(dir.path().join("register.xlsx"), b"reg").unwrap();
        dir
    }

    fn inputs(dir: &Path) -> Inputs {
        Inputs::new(Some(&dir.join("register.xlsx")), &[dir.join("rapporter")])
    }

    fn refused(dir: &Path, output: Output) -> bool {
        refuse_outputs_over_inputs(&[output], &inputs(dir)).is_err()
    }

    #[test]
    fn a_path_not_yet_there_resolves_through_the_part_that_is() {
        let dir = working_folder();
        let inbox = Resolved::new(&dir.path().join("rapporter"));
        assert!(Resolved::new(&dir.path().join("rapporter/ny/mapp/x.xlsx")).is_within(&inbox));
        assert!(Resolved::new(&dir.path().join("annat/../rapporter/x.xlsx")).is_within(&inbox));
        assert!(Resolved::new(&dir.path().join("rapporter/./y/../x.json")).is_within(&inbox));
        assert!(!Resolved::new(&dir.path().join("rapporter/../x.json")).is_within(&inbox));
        assert!(!Resolved::new(&dir.path().join("rapporter-ut/x.json")).is_within(&inbox));
        assert!(!Resolved::new(dir.path()).is_within(&inbox), "the folder above holds the inbox");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_the_inbox_is_the_inbox() {
        let dir = working_folder();
        std::os::unix::fs::symlink(dir.path().join("rapporter"), dir.path().join("länk")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("register.xlsx"), dir.path().join("reg.xlsx")).unwrap();
        let json = dir.path().join("länk/ut.json");
        assert!(refused(dir.path(), Output::file(Flag::Json, &json, json.clone())));
        let link = dir.path().join("reg.xlsx");
        assert!(refused(dir.path(), Output::file(Flag::Ut, &link, link.clone())));
    }

    #[test]
    fn outputs_inside_the_inbox_or_at_an_input_are_refused_and_the_folder_above_is_not() {
        let dir = working_folder();
        let d = dir.path();
        let file = |flag, path: PathBuf| Output::file(flag, &path, path.clone());
        assert!(refused(d, file(Flag::Ut, d.join("register.xlsx"))));
        assert!(refused(d, file(Flag::Json, d.join("rapporter/r.xlsx"))));
        assert!(refused(d, file(Flag::Json, d.join("rapporter/följebrev.docx"))));
        assert!(refused(d, Output::folder(Flag::Aterkoppling, &d.join("rapporter"))));
        assert!(refused(d, Output::folder(Flag::Aterkoppling, &d.join("rapporter/svar"))));
        assert!(!refused(d, Output::folder(Flag::Aterkoppling, d)), "it holds the inbox; it is not in it");
        assert!(!refused(d, file(Flag::Aterkoppling, d.join("adressater.csv"))));
        assert!(!refused(d, file(Flag::Ut, d.join("Uppföljning 2018-H1.xlsx"))));
        let report = Inputs::new(None, &[d.join("rapporter/r.xlsx")]);
        let at_report = file(Flag::Ut, d.join("rapporter/r.xlsx"));
        let beside = file(Flag::Ut, d.join("rapporter/s.xlsx"));
        assert!(refuse_outputs_over_inputs(std::slice::from_ref(&at_report), &report).is_err());
        assert!(refuse_outputs_over_inputs(&[beside], &report).is_ok(), "only the file given is read");
    }

    #[test]
    fn only_the_workbook_may_be_written_at_the_workbook_jamfor_compares_with() {
        let dir = working_folder();
        let d = dir.path();
        let styrelsen = d.join("Styrelsen.xlsx");
        let inputs = inputs(d).with_jamfor(Some(&styrelsen));
        let refused = |output: Output| refuse_outputs_over_inputs(&[output], &inputs).is_err();
        assert!(refused(Output::file(Flag::Json, &styrelsen, styrelsen.clone())));
        assert!(refused(Output::file(Flag::Aterkoppling, d, styrelsen.clone())));
        assert!(!refused(Output::folder(Flag::Aterkoppling, d)), "a folder beside it is not the file");
        assert!(!refused(Output::file(Flag::Ut, &styrelsen, styrelsen.clone())), "compared, then replaced");
        assert!(!refused(Output::default_workbook(styrelsen.clone())));
        assert!(!refused(Output::file(Flag::Json, &d.join("ut.json"), d.join("ut.json"))));
    }

    #[cfg(any(windows, target_os = "macos"))]
    #[test]
    fn case_does_not_tell_the_inbox_apart() {
        let dir = working_folder();
        let json = dir.path().join("RAPPORTER/ny/ut.json");
        assert!(refused(dir.path(), Output::file(Flag::Json, &json, json.clone())));
    }
}
