//! The subcommands: each wires the stages together for one job and writes
//! what a person reads. The stages themselves never print.

pub mod bevaka;
pub mod kontrollera;
pub mod mall;
pub mod sammanstall;
pub mod targets;

/// Why a command could not run at all (exit code 2). Swedish, for kansliet.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Register(#[from] crate::register::RegisterError),
    #[error(transparent)]
    NotFound(#[from] crate::discover::NotFound),
    #[error(transparent)]
    Period(#[from] crate::period::PeriodError),
    #[error("Perioden {0} är inte ett kvartal. Mallar skapas per kvartal, t.ex. --period 2018-K2.")]
    NotAQuarter(String),
    #[error(transparent)]
    Write(#[from] crate::fsio::WriteError),
    #[error(transparent)]
    Template(#[from] crate::template::TemplateError),
    #[error(transparent)]
    Sammanstall(#[from] sammanstall::SammanstallError),
    #[error(transparent)]
    OutputOverInput(#[from] targets::OutputOverInput),
    #[error(transparent)]
    Render(#[from] crate::render::xlsx::RenderError),
    #[error(transparent)]
    Pm(#[from] crate::render::pm::PmError),
    #[error("Arbetsboken {workbook} skrevs, men PM:et kunde inte skrivas: {error}")]
    PmAfterWorkbook { workbook: String, error: crate::fsio::WriteError },
    #[error("JSON-filen kunde inte skapas: {0}")]
    Json(#[from] serde_json::Error),
    #[error("Arbetsboken {workbook} skrevs, men JSON-filen kunde inte skrivas: {error}")]
    JsonAfterWorkbook { workbook: String, error: crate::fsio::WriteError },
    #[error(transparent)]
    Feedback(#[from] crate::feedback::FeedbackError),
    #[error(transparent)]
    Bevaka(#[from] bevaka::BevakaError),
    #[error("Utskriften misslyckades: {0}")]
    Output(#[from] std::io::Error),
}

/// The day of the run, read from the clock once per command and passed
/// down: no stage reads the clock itself, so tests can set the day.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// "1 fel", "2 varningar": a count with the right Swedish form.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
