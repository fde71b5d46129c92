//! Any bytes, as kansliet's register (`register.xlsx`): read as `sammanstall`
//! reads it, and when it reads, used for what a run uses it for: a seed
//! report checked against it and the period 2018-H1 aggregated over it.
//! The register is kansliet's own file, but it is edited by hand in Excel
//! and may be any workbook: it must give a register and findings or an error
//! that says why, never a crash. Seeds: the sample register (docs/fuzzing.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = uppfoljning_fuzz::scratch_file("xlsx");
    std::fs::write(&path, data).expect("the scratch file is writable");
    uppfoljning_fuzz::read_and_use_register(&path);
});
