//! The load benchmark of issue 6: how `sammanstall` scales with the number of
//! reports, measured against the least work its libraries must do anyway.
//!
//! For each size N (default 40, 1 000 and 10 000 reports) the benchmark
//! generates a synthetic load with `examples/loadgen.rs` into
//! `target/bench-data/N/` (once: a `KLAR` marker makes reruns quick) and then,
//! on the same files, measures as separate child processes:
//!
//! - **sammanstall**: the release binary over all N reports for the period
//!   2018, writing `ut.xlsx` afresh each run (a previous workbook at the same
//!   path would make the tool compare against it);
//! - **the floor**: this benchmark re-invoked in a hidden mode that does only
//!   what the same libraries cannot avoid: calamine opens every report (in
//!   parallel with rayon, as the tool reads on all cores), reads its defined
//!   names and streams the sheet they point at, keeping the cells inside the
//!   names' areas and stopping after the last wanted row; calamine streams
//!   every sheet of the register the same way; rust_xlsxwriter writes a
//!   workbook of the tool's output's shape (same sheets, same number of string
//!   and number cells, same extent, same share of distinct strings and
//!   average string length). The shape is read from the tool's own `ut.xlsx`.
//!
//! The floor leaves out, by design, everything that is the tool's own choice:
//! the guard's zip inspection, SHA-256 of each file, typing and checking the
//! values, aggregation, formats and layout of the output, and syncing it to
//! disk. So "tool / floor" is what the tool's own work costs on top of the
//! reading and writing any implementation with these libraries must pay.
//! Each child is reaped with `wait4`, so its CPU time and peak RSS are its
//! own (not mixed with other children); on other systems only the wall time is
//! shown. Every figure is the run with the median wall time of `--runs K`.
//!
//! Last, `kontrollera` on one report of the N=40 load is run 20 times: the
//! interactive case, from start-up to answer.
//!
//! ```text
//! cargo bench --bench load                         # N = 40, 1000, 10000; 3 runs each
//! cargo bench --bench load -- 40 1000 --runs 2     # other sizes and run counts
//! ```
//!
//! Progress goes to stderr; a Markdown table and the targets of issue 6 (met or
//! missed) go to stdout. MB are 2^20 bytes.

#[allow(dead_code)]
#[path = "../examples/loadgen.rs"]
mod loadgen;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const DEFAULT_SIZES: [usize; 3] = [40, 1000, 10_000];
const DEFAULT_RUNS: usize = 3;
const KONTROLLERA_RUNS: usize = 20;
const KONTROLLERA_N: usize = 40;
const TOOL: &str = env!("CARGO_BIN_EXE_uppfoljning");
const USAGE: &str = "usage: cargo bench --bench load [-- [N...] [--runs K]]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("--floor") => floor::run(&args[1..]),
        _ => Options::parse(&args).and_then(|options| run(&options)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("load: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The sizes to measure and how many runs of each.
struct Options {
    sizes: Vec<usize>,
    runs: usize,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut sizes = Vec::new();
        let mut runs = DEFAULT_RUNS;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                // cargo bench passes --bench to a bench without the test harness.
                "--bench" => {}
                "--runs" => {
                    runs = args.next().and_then(|k| k.parse().ok()).filter(|&k| k > 0).ok_or(USAGE)?;
                }
                n => sizes.push(n.parse().ok().filter(|&n: &usize| n > 0).ok_or(USAGE)?),
            }
        }
        if sizes.is_empty() {
            sizes = DEFAULT_SIZES.to_vec();
        }
        Ok(Options { sizes, runs })
    }
}

fn run(options: &Options) -> Result<(), String> {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    eprintln!("machine: {cpus} CPUs; {} run(s) per measurement", options.runs);
    let load_before = load_average();
    let mut rows = Vec::new();
    for &n in &options.sizes {
        rows.push(bench_size(n, options.runs)?);
    }
    let kontrollera = bench_kontrollera()?;
    println!("Machine: {cpus} CPUs (available_parallelism). Median of {} run(s).", options.runs);
    if let (Some(before), Some(after)) = (load_before, load_average()) {
        // Other work on the machine shows in the wall times first; compare CPU and ratios then.
        println!("Load average (1 min) before and after: {before} and {after}.");
    }
    println!();
    report::print_table(&rows);
    println!();
    report::print_kontrollera(&kontrollera);
    println!();
    report::print_targets(&rows, &kontrollera);
    Ok(())
}

/// One row of the table: the tool and the floor on the same N reports.
struct Row {
    n: usize,
    insatser: usize,
    tool: Measurement,
    floor: Measurement,
}

fn bench_size(n: usize, runs: usize) -> Result<Row, String> {
    let data = ensure_data(n)?;
    let ut = data.dir.join("ut.xlsx");
    let tool = median(repeat(runs, || {
        remove_if_present(&ut)?;
        let m = measure(&mut sammanstall_command(&data, &ut), &[0, 1])?;
        eprintln!("N={n} sammanstall: {}", m.line());
        Ok(m)
    })?);
    let shape_file = data.dir.join("ut.shape");
    let shape = shape::read(&ut)?;
    std::fs::write(&shape_file, shape::to_text(&shape))
        .map_err(|e| format!("{}: {e}", shape_file.display()))?;
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this benchmark's binary: {e}"))?;
    let floor = median(repeat(runs, || {
        let mut command = Command::new(&exe);
        command.arg("--floor").arg(&data.dir).arg(&shape_file).stderr(Stdio::inherit());
        let m = measure(&mut command, &[0])?;
        eprintln!("N={n} floor:       {}", m.line());
        Ok(m)
    })?);
    Ok(Row { n, insatser: n.div_ceil(4), tool, floor })
}

fn sammanstall_command(data: &Data, ut: &Path) -> Command {
    let mut command = Command::new(TOOL);
    command
        .arg("sammanstall")
        .arg("--register")
        .arg(&data.register)
        .args(["--period", loadgen::PERIOD, "--ut"])
        .arg(ut)
        .arg(&data.rapporter);
    command
}

/// The kontrollera runs on one report: wall times only.
struct Kontrollera {
    report: PathBuf,
    walls: Vec<Duration>,
}

fn bench_kontrollera() -> Result<Kontrollera, String> {
    let data = ensure_data(KONTROLLERA_N)?;
    let report = report_files(&data.rapporter)?
        .into_iter()
        .next()
        .ok_or_else(|| format!("no report in {}", data.rapporter.display()))?;
    let mut walls = repeat(KONTROLLERA_RUNS, || {
        let mut command = Command::new(TOOL);
        command.arg("kontrollera").arg("--register").arg(&data.register).arg(&report);
        measure(&mut command, &[0, 1]).map(|m| m.wall)
    })?;
    walls.sort();
    eprintln!("kontrollera one report: median {:.1} ms", ms(walls[(walls.len() - 1) / 2]));
    Ok(Kontrollera { report, walls })
}

/// A generated load on disk.
struct Data {
    dir: PathBuf,
    register: PathBuf,
    rapporter: PathBuf,
}

/// The load of `n` reports, generated unless a finished one is there.
fn ensure_data(n: usize) -> Result<Data, String> {
    let dir = target_dir().join("bench-data").join(n.to_string());
    let data = Data { register: dir.join("register.xlsx"), rapporter: dir.join("rapporter"), dir };
    let marker = data.dir.join("KLAR");
    if !marker.exists() {
        // A half-written load from an interrupted run is thrown away whole.
        if data.dir.exists() {
            std::fs::remove_dir_all(&data.dir).map_err(|e| format!("{}: {e}", data.dir.display()))?;
        }
        eprintln!("N={n}: generating the load in {} …", data.dir.display());
        let started = Instant::now();
        loadgen::generate(n, loadgen::DEFAULT_SEED, &data.dir)?;
        std::fs::write(&marker, "").map_err(|e| format!("{}: {e}", marker.display()))?;
        eprintln!("N={n}: generated in {:.1} s", started.elapsed().as_secs_f64());
    }
    let found = report_files(&data.rapporter)?.len();
    if found != n {
        return Err(format!(
            "{} holds {found} reports, not {n}; delete {} and run again",
            data.rapporter.display(),
            data.dir.display()
        ));
    }
    Ok(data)
}

/// The 1-minute load average, where the system tells (Linux), as written.
fn load_average() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    text.split_whitespace().next().map(str::to_string)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// The .xlsx files of a folder, sorted.
fn report_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("xlsx")) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn remove_if_present(path: &Path) -> Result<(), String> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("{}: {e}", path.display())),
        _ => Ok(()),
    }
}

fn repeat<T>(times: usize, mut once: impl FnMut() -> Result<T, String>) -> Result<Vec<T>, String> {
    (0..times).map(|_| once()).collect()
}

/// One child process: wall time, and where the system tells, its own CPU
/// time (user + system) and peak resident set.
#[derive(Debug, Clone, Copy)]
struct Measurement {
    wall: Duration,
    cpu: Option<Duration>,
    peak_kib: Option<u64>,
}

impl Measurement {
    fn line(&self) -> String {
        format!(
            "wall {} s, CPU {} s, peak {} MB",
            secs(self.wall),
            self.cpu.map_or("–".to_string(), secs),
            mb(self.peak_kib)
        )
    }
}

/// The run with the median wall time (the lower one of two middles).
fn median(mut runs: Vec<Measurement>) -> Measurement {
    runs.sort_by_key(|m| m.wall);
    runs[(runs.len() - 1) / 2]
}

/// Runs `command` with its output discarded (unless the caller routed it) and
/// measures it. An exit code outside `ok_codes` is an error that shows the
/// child's own stderr from a second, unmeasured run.
fn measure(command: &mut Command, ok_codes: &[i32]) -> Result<Measurement, String> {
    command.stdin(Stdio::null()).stdout(Stdio::null());
    let started = Instant::now();
    let child = command.spawn().map_err(|e| format!("cannot start {command:?}: {e}"))?;
    let Reaped { code, cpu, peak_kib } = wait::reap(child)?;
    let wall = started.elapsed();
    match code {
        Some(code) if ok_codes.contains(&code) => Ok(Measurement { wall, cpu, peak_kib }),
        _ => Err(failure(command, code)),
    }
}

fn failure(command: &mut Command, code: Option<i32>) -> String {
    let how = code.map_or("was killed by a signal".to_string(), |c| format!("ended with exit code {c}"));
    let stderr = command.stderr(Stdio::piped()).output().map_or_else(
        |e| format!("(could not run it again: {e})"),
        |out| String::from_utf8_lossy(&out.stderr).lines().take(20).collect::<Vec<_>>().join("\n"),
    );
    format!("{command:?} {how}:\n{stderr}")
}

/// What the system tells about a child that ended: its exit code (`None`
/// when a signal ended it) and, on unix, its own CPU time and peak RSS.
struct Reaped {
    code: Option<i32>,
    cpu: Option<Duration>,
    peak_kib: Option<u64>,
}

#[cfg(unix)]
mod wait {
    use crate::Reaped;
    use std::time::Duration;

    /// Waits for `child` with `wait4`, which gives the resource use of that
    /// one child (`getrusage(RUSAGE_CHILDREN)` would add up all of them).
    pub fn reap(child: std::process::Child) -> Result<Reaped, String> {
        let pid = libc::pid_t::try_from(child.id()).expect("a process id fits pid_t");
        let mut status: libc::c_int = 0;
        // SAFETY: rusage is a plain C struct for which all zeroes is valid.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        loop {
            // SAFETY: pid is our own unreaped child; both pointers are to live locals.
            let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
            if reaped == pid {
                break;
            }
            let error = std::io::Error::last_os_error();
            if error.kind() != std::io::ErrorKind::Interrupted {
                return Err(format!("wait4 for process {pid}: {error}"));
            }
        }
        let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
        let cpu = duration(usage.ru_utime) + duration(usage.ru_stime);
        Ok(Reaped { code, cpu: Some(cpu), peak_kib: Some(peak_kib(usage.ru_maxrss)) })
    }

    fn duration(t: libc::timeval) -> Duration {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or(0))
            + Duration::from_micros(u64::try_from(t.tv_usec).unwrap_or(0))
    }

    /// `ru_maxrss` is in KiB on Linux and the BSDs, in bytes on macOS.
    fn peak_kib(maxrss: libc::c_long) -> u64 {
        let value = u64::try_from(maxrss).unwrap_or(0);
        if cfg!(target_os = "macos") { value / 1024 } else { value }
    }
}

#[cfg(not(unix))]
mod wait {
    use crate::Reaped;

    /// Without `wait4` only the exit code is known; CPU and memory show as "–".
    pub fn reap(mut child: std::process::Child) -> Result<Reaped, String> {
        let status = child.wait().map_err(|e| format!("waiting for process {}: {e}", child.id()))?;
        Ok(Reaped { code: status.code(), cpu: None, peak_kib: None })
    }
}

fn secs(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mb(kib: Option<u64>) -> String {
    kib.map_or("–".to_string(), |k| format!("{:.0}", k as f64 / 1024.0))
}

/// The shape of the tool's output workbook, per sheet: enough for the floor
/// to write a workbook of the same size without knowing its content.
mod shape {
    use calamine::{Data, Reader};
    use std::collections::HashSet;
    use std::path::Path;

    #[derive(Debug, Clone, PartialEq)]
    pub struct SheetShape {
        pub name: String,
        pub strings: u64,
        pub distinct_strings: u64,
        pub string_bytes: u64,
        pub numbers: u64,
        pub rows: u32,
        pub cols: u32,
    }

    /// Reads our own output with `worksheet_range`: it is trusted and small.
    pub fn read(path: &Path) -> Result<Vec<SheetShape>, String> {
        let failed = |e: calamine::Error| format!("reading the shape of {}: {e}", path.display());
        let mut book = calamine::open_workbook_auto(path).map_err(failed)?;
        let mut shapes = Vec::new();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).map_err(failed)?;
            let mut shape = SheetShape {
                name,
                strings: 0,
                distinct_strings: 0,
                string_bytes: 0,
                numbers: 0,
                rows: range.end().map_or(0, |(r, _)| r + 1),
                cols: range.end().map_or(0, |(_, c)| c + 1),
            };
            let mut distinct = HashSet::new();
            for (_, _, value) in range.used_cells() {
                match value {
                    Data::Int(_) | Data::Float(_) | Data::Bool(_) | Data::DateTime(_) => shape.numbers += 1,
                    other => {
                        let text = other.to_string();
                        shape.strings += 1;
                        shape.string_bytes += text.len() as u64;
                        distinct.insert(text);
                    }
                }
            }
            shape.distinct_strings = distinct.len() as u64;
            shapes.push(shape);
        }
        Ok(shapes)
    }

    /// One line per sheet, tab-separated, the name last.
    pub fn to_text(shapes: &[SheetShape]) -> String {
        shapes
            .iter()
            .map(|s| {
                format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                    s.strings, s.distinct_strings, s.string_bytes, s.numbers, s.rows, s.cols, s.name
                )
            })
            .collect()
    }

    pub fn from_text(text: &str) -> Result<Vec<SheetShape>, String> {
        text.lines().map(parse_line).collect()
    }

    fn parse_line(line: &str) -> Result<SheetShape, String> {
        let bad = || format!("bad shape line: {line:?}");
        let fields: Vec<&str> = line.splitn(7, '\t').collect();
        let [strings, distinct, bytes, numbers, rows, cols, name] = fields[..] else { return Err(bad()) };
        Ok(SheetShape {
            name: name.to_string(),
            strings: strings.parse().map_err(|_| bad())?,
            distinct_strings: distinct.parse().map_err(|_| bad())?,
            string_bytes: bytes.parse().map_err(|_| bad())?,
            numbers: numbers.parse().map_err(|_| bad())?,
            rows: rows.parse().map_err(|_| bad())?,
            cols: cols.parse().map_err(|_| bad())?,
        })
    }
}

/// The hidden mode `--floor DATA_DIR SHAPE_FILE`: the least reading and
/// writing the tool's libraries must do for the same load (see the top).
mod floor {
    use crate::shape::{self, SheetShape};
    use calamine::{DataRef, Reader, Sheets};
    use rayon::prelude::*;
    use std::collections::BTreeMap;
    use std::io::Write as _;
    use std::path::Path;
    use uppfoljning::workbook::{Area, Position, parse_reference};

    /// A kept cell's value, owned, as a reader must hold it until aggregation.
    enum Kept {
        Text(String),
        Number(f64),
    }

    type Cells = Vec<(Position, Kept)>;

    pub fn run(args: &[String]) -> Result<(), String> {
        let [data_dir, shape_file] = args else {
            return Err("usage: load --floor DATA_DIR SHAPE_FILE".into());
        };
        let (data_dir, shape_file) = (Path::new(data_dir), Path::new(shape_file));
        let files = crate::report_files(&data_dir.join("rapporter"))?;
        let reports: Vec<Cells> = files.par_iter().map(|path| read_report(path)).collect::<Result<_, _>>()?;
        let register = read_register(&data_dir.join("register.xlsx"))?;
        let text =
            std::fs::read_to_string(shape_file).map_err(|e| format!("{}: {e}", shape_file.display()))?;
        let bytes = write_shaped(&shape::from_text(&text)?)?;
        let folder = shape_file.parent().unwrap_or(Path::new("."));
        let mut out =
            tempfile::NamedTempFile::new_in(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        out.write_all(&bytes).map_err(|e| format!("{}: {e}", out.path().display()))?;
        // Printed only so that nothing read is optimised away.
        let (mut count, mut text_bytes, mut sum) = (0usize, 0usize, 0.0f64);
        for (_, value) in reports.iter().chain([&register]).flatten() {
            count += 1;
            match value {
                Kept::Text(t) => text_bytes += t.len(),
                Kept::Number(x) => sum += x,
            }
        }
        println!(
            "{count} cells kept ({text_bytes} bytes of text, numbers sum to {sum}); {} bytes written",
            bytes.len()
        );
        Ok(())
    }

    /// The cells of one report inside its defined names' areas.
    fn read_report(path: &Path) -> Result<Cells, String> {
        let failed = |e: String| format!("{}: {e}", path.display());
        let mut book = calamine::open_workbook_auto(path).map_err(|e| failed(e.to_string()))?;
        let mut areas: BTreeMap<String, Vec<Area>> = BTreeMap::new();
        for area in book.defined_names().iter().filter_map(|(_, formula)| parse_reference(formula)) {
            areas.entry(area.sheet.clone()).or_default().push(area);
        }
        let mut cells = Vec::new();
        for (sheet, areas) in &areas {
            let last_row = areas.iter().map(|a| a.last.row).max().unwrap_or(0);
            let keep = |p: Position| areas.iter().any(|a| a.contains(p));
            stream(&mut book, sheet, last_row, keep, &mut cells).map_err(failed)?;
        }
        Ok(cells)
    }

    /// Every non-empty cell of every register sheet, streamed as the tool does.
    fn read_register(path: &Path) -> Result<Cells, String> {
        let failed = |e: String| format!("{}: {e}", path.display());
        let mut book = calamine::open_workbook_auto(path).map_err(|e| failed(e.to_string()))?;
        let mut cells = Vec::new();
        for sheet in book.sheet_names() {
            stream(&mut book, &sheet, u32::MAX, |_| true, &mut cells).map_err(failed)?;
        }
        Ok(cells)
    }

    fn stream(
        book: &mut Sheets<std::io::BufReader<std::fs::File>>,
        sheet: &str,
        last_row: u32,
        keep: impl Fn(Position) -> bool,
        cells: &mut Cells,
    ) -> Result<(), String> {
        let Sheets::Xlsx(book) = book else { return Err("the floor reads xlsx only".into()) };
        let mut reader = book.worksheet_cells_reader(sheet).map_err(|e| e.to_string())?;
        while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
            let (row, col) = cell.get_position();
            if row > last_row {
                break;
            }
            let p = Position::new(row, col);
            let value = match cell.get_value() {
                DataRef::Empty => continue,
                DataRef::Int(i) => Kept::Number(*i as f64),
                DataRef::Float(f) => Kept::Number(*f),
                DataRef::Bool(b) => Kept::Number(f64::from(u8::from(*b))),
                DataRef::DateTime(d) => Kept::Number(d.as_f64()),
                DataRef::String(t) | DataRef::DateTimeIso(t) | DataRef::DurationIso(t) => {
                    Kept::Text(t.clone())
                }
                DataRef::SharedString(t) => Kept::Text((*t).to_string()),
                DataRef::Error(e) => Kept::Text(e.to_string()),
            };
            if keep(p) {
                cells.push((p, value));
            }
        }
        Ok(())
    }

    /// A workbook with the given sheets, each with its numbers of string and
    /// number cells spread evenly over its extent.
    fn write_shaped(shapes: &[SheetShape]) -> Result<Vec<u8>, String> {
        let failed = |e: rust_xlsxwriter::XlsxError| format!("writing the floor's workbook: {e}");
        let mut book = rust_xlsxwriter::Workbook::new();
        for (index, shape) in shapes.iter().enumerate() {
            let sheet = book.add_worksheet().set_name(&shape.name).map_err(failed)?;
            let total = shape.strings + shape.numbers;
            let area = u64::from(shape.rows) * u64::from(shape.cols);
            let cols = u64::from(shape.cols.max(1));
            let length = shape.string_bytes.checked_div(shape.strings).unwrap_or(0) as usize;
            for i in 0..total {
                // i * area / total grows strictly since area >= total.
                let at = i * area / total;
                let row = u32::try_from(at / cols).expect("the row is inside the tool's extent");
                let col = u16::try_from(at % cols).expect("the column is inside the tool's extent");
                // Bresenham's split: strings and numbers mixed in their proportion.
                if (i + 1) * shape.strings / total > i * shape.strings / total {
                    let k = i * shape.strings / total % shape.distinct_strings.max(1);
                    sheet.write_string(row, col, text(index, k, length)).map_err(failed)?;
                } else {
                    sheet.write_number(row, col, i as f64 * 1.5).map_err(failed)?;
                }
            }
        }
        book.save_to_buffer().map_err(failed)
    }

    /// A string unique to (sheet, k), padded to `length` bytes.
    fn text(sheet: usize, k: u64, length: usize) -> String {
        let mut text = format!("{sheet}.{k} ");
        while text.len() < length {
            text.push('x');
        }
        text
    }
}

/// The Markdown table and the targets of issue 6.
mod report {
    use crate::{Kontrollera, Measurement, Row, mb, ms, secs};

    pub fn print_table(rows: &[Row]) {
        println!(
            "| N | insatser | sammanstall wall s | CPU s | peak MB | floor wall s | CPU s | peak MB \
             | wall tool/floor | CPU tool/floor | ms/report | × prev ms/report |"
        );
        println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        let mut previous: Option<f64> = None;
        for row in rows {
            let per_report = ms_per_report(row);
            println!(
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.2} | {} |",
                row.n,
                row.insatser,
                secs(row.tool.wall),
                cpu(&row.tool),
                mb(row.tool.peak_kib),
                secs(row.floor.wall),
                cpu(&row.floor),
                mb(row.floor.peak_kib),
                ratio(Some(row.tool.wall.as_secs_f64()), Some(row.floor.wall.as_secs_f64())),
                ratio(row.tool.cpu.map(|d| d.as_secs_f64()), row.floor.cpu.map(|d| d.as_secs_f64())),
                per_report,
                ratio(Some(per_report), previous),
            );
            previous = Some(per_report);
        }
    }

    pub fn print_kontrollera(k: &Kontrollera) {
        let median = k.walls[(k.walls.len() - 1) / 2];
        let max = k.walls.last().copied().unwrap_or_default();
        println!(
            "kontrollera on one report ({}, {} runs): median {:.1} ms, max {:.1} ms",
            k.report
                .file_name()
                .map_or_else(|| k.report.display().to_string(), |f| f.to_string_lossy().into()),
            k.walls.len(),
            ms(median),
            ms(max)
        );
    }

    pub fn print_targets(rows: &[Row], k: &Kontrollera) {
        let row = |n: usize| rows.iter().find(|r| r.n == n);
        println!("Targets:");
        for n in [1000, 10_000] {
            let value = row(n).map(|r| r.tool.wall.as_secs_f64() / r.floor.wall.as_secs_f64());
            target(
                &format!("sammanstall ≤ 1.5 × floor (wall) at N={n}"),
                value.map(|v| (format!("{v:.2}×"), v <= 1.5)),
            );
        }
        let scaling = row(1000).zip(row(10_000)).map(|(a, b)| ms_per_report(b) / ms_per_report(a));
        target(
            "ms/report at N=10000 ≤ 1.2 × that at N=1000",
            scaling.map(|v| (format!("{v:.2}×"), v <= 1.2)),
        );
        let peak = row(10_000).and_then(|r| r.tool.peak_kib).map(|kib| kib as f64 / 1024.0);
        target(
            "peak RSS of sammanstall at N=10000 < 300 MB",
            peak.map(|v| (format!("{v:.0} MB"), v < 300.0)),
        );
        let median = ms(k.walls[(k.walls.len() - 1) / 2]);
        target("kontrollera median < 50 ms", Some((format!("{median:.1} ms"), median < 50.0)));
    }

    fn target(what: &str, outcome: Option<(String, bool)>) {
        match outcome {
            Some((value, true)) => println!("- {what}: {value} — met"),
            Some((value, false)) => println!("- {what}: {value} — MISSED"),
            None => println!("- {what}: not measured"),
        }
    }

    fn ms_per_report(row: &Row) -> f64 {
        ms(row.tool.wall) / row.n as f64
    }

    fn cpu(m: &Measurement) -> String {
        m.cpu.map_or("–".to_string(), secs)
    }

    fn ratio(a: Option<f64>, b: Option<f64>) -> String {
        match (a, b) {
            (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
            _ => "–".to_string(),
        }
    }
}
