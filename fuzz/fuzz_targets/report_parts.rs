//! The parts of a workbook, zipped here: the fuzzer mutates the XML itself
//! instead of a compressed archive, where almost every mutation only breaks
//! a checksum. The input is a list of parts, each `\0PART:` + name + `\n` +
//! content; bytes before the first part are ignored. A part named `mimetype`
//! makes the file an `.ods`, otherwise it is an `.xlsx`. Entries are stored
//! uncompressed, so the file is never larger than the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

const MARK: &[u8] = b"\0PART:";
/// Far above the parts of any workbook (an xlsx has about ten).
const MAX_PARTS: usize = 64;

fn parts(data: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut starts: Vec<usize> =
        data.windows(MARK.len()).enumerate().filter(|(_, w)| *w == MARK).map(|(i, _)| i).collect();
    starts.truncate(MAX_PARTS);
    let ends = starts.iter().skip(1).copied().chain([data.len()]);
    starts
        .iter()
        .zip(ends)
        .filter_map(|(&start, end)| {
            let record = data.get(start + MARK.len()..end)?;
            let newline = record.iter().position(|b| *b == b'\n')?;
            Some((&record[..newline], &record[newline + 1..]))
        })
        .collect()
}

fn zipped(parts: &[(&[u8], &[u8])]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in parts {
        let name = std::str::from_utf8(name).ok()?;
        zip.start_file(name, options).ok()?;
        zip.write_all(content).ok()?;
    }
    Some(zip.finish().ok()?.into_inner())
}

fuzz_target!(|data: &[u8]| {
    let parts = parts(data);
    let Some(bytes) = zipped(&parts) else { return };
    let extension = if parts.iter().any(|(name, _)| *name == b"mimetype") { "ods" } else { "xlsx" };
    let path = uppfoljning_fuzz::scratch_file(extension);
    std::fs::write(&path, bytes).expect("the scratch file is writable");
    uppfoljning_fuzz::read_and_check(&path, &format!("rapport.{extension}"));
});
