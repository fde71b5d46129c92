//! Any bytes, as a report file: written to a file named by the format its
//! first bytes claim (`.xls` for a compound file, `.ods` for an OpenDocument
//! zip, `.xlsx` otherwise) and read and checked as `sammanstall` would.
//! Seeds: real reports (docs/fuzzing.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

const COMPOUND_FILE: &[u8] = &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument";

fn extension(data: &[u8]) -> &'static str {
    if data.starts_with(COMPOUND_FILE) {
        "xls"
    } else if data.starts_with(b"PK")
        && data.get(..100).is_some_and(|head| head.windows(ODS_MIMETYPE.len()).any(|w| w == ODS_MIMETYPE))
    {
        "ods"
    } else {
        "xlsx"
    }
}

fuzz_target!(|data: &[u8]| {
    let extension = extension(data);
    let path = uppfoljning_fuzz::scratch_file(extension);
    std::fs::write(&path, data).expect("the scratch file is writable");
    uppfoljning_fuzz::read_and_check(&path, &format!("rapport.{extension}"));
});
