//! The guard: inspects an untrusted workbook file before calamine parses it,
//! and refuses one that would make calamine allocate (or work) far beyond any
//! real report.
//!
//! Takes a path; gives `Ok(())` when calamine may open the file, or a
//! [`Refusal`]: [`Refusal::TooLarge`] names the limit that tripped in Swedish
//! words (it becomes the finding `fil-for-stor`), [`Refusal::Unreadable`] is a
//! file whose structure would crash calamine (it becomes "not a workbook").
//!
//! Why before calamine: calamine sizes several allocations from what a file
//! claims or repeats (the dense grid of every .xls and .ods sheet at open, an
//! xlsx's `uniqueCount`, an .xls `DIMENSIONS` record, a cell text repeated
//! over millions of cells), and a failed allocation aborts a Rust process:
//! no unwinding, no finding, the whole run lost. So the guard must trip first.
//!
//! The file is recognised by its first bytes, never by its extension
//! (calamine picks its parser by extension and tries every parser for an
//! unknown one):
//!
//! - a Compound File (`D0 CF 11 E0 A1 B1 1A E1`): .xls, or a password-protected
//!   xlsx → `xls.rs` reads the `Workbook`/`Book` stream's BIFF records;
//! - anything the zip crate opens as an archive (xlsx, xlsm, xlsb, ods, and
//!   also a zip behind a prefix, which the zip crate finds just as calamine
//!   would) → `archive.rs` checks the central directory and the XML parts
//!   calamine reads at open; an .ods's `content.xml` goes through `ods.rs`;
//! - anything else calamine cannot open either: it is let through and
//!   reported as not a workbook.
//!
//! A Compound File is also checked as a zip: one file can be both, and
//! calamine would read it as either, by its extension.
//!
//! Guarantees: the guard reads at most [`MAX_FILE_BYTES`] of the file and at
//! most the (checked) declared size of each zip part, whatever the file
//! claims; every loop is bounded by those bytes or a limit below; nothing
//! recurses; nothing panics on any input (no indexing, no unwrap).
//! The limits and the reasoning behind each number are in `docs/grans.md`.

mod archive;
pub(crate) use archive::WORKBOOK_PART;
mod ods;
mod xls;

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;

// The limits. A real report is 15–50 KB: one sheet of about 150 rows × 10
// columns, a few hundred texts, some 20 zip parts. The machine has 24 GiB and
// 2 cores. Every limit is a thousand times or more above the first and a
// worst case under it stays below about 1 GiB of the second.

/// The file's size on disk. Real reports are 15–50 KB and e-mail rarely
/// carries more than 25 MB. Bounds what calamine reads into memory at open
/// (an .xls is read whole, twice: sectors and stream) and all the guard's own
/// work, which is linear in the file.
pub const MAX_FILE_BYTES: u64 = 50 * MIB;

/// Parts (entries) of a zip. Apache POI's `ZipSecureFile` default; a real
/// xlsx has 10–30, an .ods saved by LibreOffice about 20. Each part costs the
/// zip crate and calamine a directory record and a name in memory.
pub const MAX_ZIP_ENTRIES: usize = 1_000;

/// Uncompressed size of one zip part, as its directory entry declares it (the
/// zip crate fails a read that goes past the declared size, and so does the
/// guard). The biggest real part is a sheet: ~100 KB in a report; a side sheet
/// of 1 000 000 rows of one number is ~50 MB. calamine reads `sharedStrings.xml`,
/// `styles.xml`, `workbook.xml` and an .ods's `content.xml` whole at open, at a
/// few times their size in memory: 128 MiB keeps that under ~0.5 GiB.
pub const MAX_ENTRY_BYTES: u64 = 128 * MIB;

/// Uncompressed size of all parts together: two maximal parts.
pub const MAX_TOTAL_BYTES: u64 = 256 * MIB;

/// POI's zip-bomb rule: a part whose compressed size is under 1 % of its
/// uncompressed size (deflate's best is ~0.1 %, for runs of one byte) is
/// refused, once it is bigger than [`RATIO_GRACE_BYTES`]. Real XML packs to
/// 5–20 %.
pub const MIN_COMPRESSION_PERCENT: u64 = 1;

/// Parts up to this size are exempt from the ratio rule (POI's
/// `GRACE_ENTRY_SIZE`): a small, very repetitive part is harmless.
pub const RATIO_GRACE_BYTES: u64 = 100 * KIB;

/// The `uniqueCount` an xlsx's `sharedStrings.xml` declares: calamine reserves
/// room for that many strings (24 bytes each) before reading one, so a
/// 200-byte part claiming 10¹¹ strings aborts the process. A report has a few
/// hundred; 4 000 000 reserves under 100 MB.
pub const MAX_SHARED_STRINGS: u64 = 4_000_000;

/// Cells calamine holds for all sheets of an .xls or .ods at open: each
/// sheet's dense grid (the bounding box of its non-empty cells, repeats
/// applied, or what an .xls `DIMENSIONS` record claims) plus, for .xls, the
/// list of cells it builds first. Each cell costs ~56 bytes (a value and a
/// formula text), up to ~150 bytes with the lists calamine builds on the way.
/// A report's sheet is ~1 500 cells; 5 000 000 is a whole Excel-97 sheet of
/// 65 536 rows × 76 columns, and costs at most ~0.75 GiB.
pub const MAX_CELLS: u64 = 5_000_000;

/// Bytes of cell text (and formula text) calamine builds for an .xls or .ods
/// at open, counting every copy: an .ods cell repeated over 16 384 columns is
/// 16 384 strings, an .xls shared string is copied into every cell that uses
/// it. A report holds a few KB of text; 64 MiB is a novel per sheet.
pub const MAX_TEXT_BYTES: u64 = 64 * MIB;

/// Sheets of an .xls: calamine reads every sheet the workbook lists, even
/// when several point at the same data. Real workbooks have a handful.
pub const MAX_SHEETS: usize = 1_000;

/// Why the guard refuses a file.
#[derive(Debug)]
pub enum Refusal {
    /// Over a limit. The reason is a Swedish phrase naming what is too large
    /// and the limit, e.g. `arkivet har 1 001 delar; gränsen är 1 000`.
    TooLarge(String),
    /// A structure calamine would crash on, or that cannot be inspected.
    Unreadable(String),
    /// The file could not be read at all.
    Io(std::io::Error),
}

impl From<std::io::Error> for Refusal {
    fn from(error: std::io::Error) -> Refusal {
        Refusal::Io(error)
    }
}

/// The first bytes of a Compound File (OLE2): .xls, encrypted xlsx.
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Inspects the file at `path` before calamine may open it.
pub fn inspect(path: &Path) -> Result<(), Refusal> {
    inspect_bytes(&read(path)?).map(|_| ())
}

/// What the guard inflated on its way that a later reader would otherwise
/// inflate again.
#[derive(Debug, Default)]
pub struct Inspected {
    /// An xlsx's workbook part (`xl/workbook.xml`) whole, when it is at most
    /// [`KEPT_WORKBOOK_PART_BYTES`]: the defined names' scopes are read from it.
    pub workbook_part: Option<Vec<u8>>,
}

/// The largest workbook part kept in [`Inspected`]: a report's is about 5 kB;
/// a larger one is read again by whoever needs it, so memory stays bounded.
pub const KEPT_WORKBOOK_PART_BYTES: u64 = MIB;

/// The bytes of the file at `path`, refused before reading when it is no
/// regular file or over [`MAX_FILE_BYTES`]. A run reads each report into
/// memory once: the checksum, the guard and calamine all work on these bytes.
pub fn read(path: &Path) -> Result<Vec<u8>, Refusal> {
    let (file, len) = open_regular(path)?;
    if len > MAX_FILE_BYTES {
        return Err(too_large_file(len));
    }
    // Bounded again while reading: the file may grow after the metadata.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large_file(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Opens the file at `path` for reading when it is a regular file, and
/// gives its size as the opened file's own metadata says. A FIFO, device
/// or socket is refused: reading one could block for ever or never end.
///
/// Checked twice: by the path's metadata before opening (a device is never
/// opened; opening some has effects), and by the opened file's (`fstat`),
/// since the path may have been swapped for a pipe in between. On unix the
/// file is opened with `O_NONBLOCK`, so opening a pipe so swapped in cannot
/// wait for a writer; on a regular file the flag changes nothing.
pub fn open_regular(path: &Path) -> Result<(File, u64), Refusal> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_a_regular_file());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_a_regular_file());
    }
    Ok((file, meta.len()))
}

fn not_a_regular_file() -> Refusal {
    Refusal::Unreadable("inte en vanlig fil".into())
}

fn too_large_file(len: u64) -> Refusal {
    Refusal::TooLarge(format!("filen är {}; gränsen är {}", megabytes(len), megabytes(MAX_FILE_BYTES)))
}

/// Inspects a file's bytes (read by [`read`]) before calamine may open them.
pub fn inspect_bytes(bytes: &[u8]) -> Result<Inspected, Refusal> {
    if bytes.starts_with(&CFB_MAGIC) {
        xls::inspect(Cursor::new(bytes))?;
    }
    // A file can be both: the zip crate looks for a zip at the end of any
    // file, and calamine opens a `.xlsx` whose Compound File holds no
    // `EncryptedPackage` as a zip.
    archive::inspect(Cursor::new(bytes))
}

/// `52428800` → `50 MB` (rounded up, so a file just over a limit never reads
/// as equal to it).
pub(crate) fn megabytes(bytes: u64) -> String {
    format!("{} MB", grouped(bytes.div_ceil(MIB)))
}

/// `1001` → `1 001`; beyond 10¹² the number means nothing to a reader.
fn grouped(n: u64) -> String {
    if n > 1_000_000_000_000 {
        return "över 1 000 000 000 000".into();
    }
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A name from inside the file (a zip part), fit to quote in a message:
/// control characters dropped, at most 60 characters, personal identity
/// numbers masked.
pub(crate) fn shown(name: &str) -> String {
    let printable: String = name.chars().filter(|c| !c.is_control()).take(60).collect();
    let cut = if name.chars().filter(|c| !c.is_control()).nth(60).is_some() { "…" } else { "" };
    format!("\"{}{cut}\"", crate::pnr::mask(&printable).0)
}

/// The cell limit's refusal.
fn too_many_cells(cells: u64) -> Refusal {
    Refusal::TooLarge(format!(
        "bladen skulle ta {} celler i minnet; gränsen är {}",
        grouped(cells),
        grouped(MAX_CELLS)
    ))
}

/// The text limit's refusal.
fn too_much_text(bytes: u64) -> Refusal {
    Refusal::TooLarge(format!(
        "bladen skulle ta {} text i minnet (varje upprepad cell räknad); gränsen är {}",
        megabytes(bytes),
        megabytes(MAX_TEXT_BYTES)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_in_threes_the_swedish_way() {
        for (n, text) in
            [(0, "0"), (999, "999"), (1_000, "1 000"), (1_001, "1 001"), (5_000_000, "5 000 000")]
        {
            assert_eq!(grouped(n), text);
        }
        assert_eq!(grouped(u64::MAX), "över 1 000 000 000 000");
        assert_eq!(megabytes(MAX_FILE_BYTES), "50 MB");
        assert_eq!(megabytes(MAX_FILE_BYTES + 1), "51 MB");
    }

    #[test]
    fn names_from_a_file_are_quoted_short_and_clean() {
        assert_eq!(shown("xl/workbook.xml"), "\"xl/workbook.xml\"");
        assert_eq!(shown("a\u{0}b\nc"), "\"abc\"");
        let long = "x".repeat(100);
        assert_eq!(shown(&long), format!("\"{}…\"", "x".repeat(60)));
    }
}
