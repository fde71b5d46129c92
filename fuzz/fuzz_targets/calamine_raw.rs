//! calamine alone, without the guard: opens the bytes as the format their
//! first bytes claim and reads what `workbook.rs` reads (sheet names, defined
//! names, the cells of every sheet, streamed for xlsx). Not a product target:
//! it reproduces and minimises (`cargo fuzz tmin calamine_raw …`) a crash
//! that report_bytes found, to tell calamine's part from ours, and shows which
//! inputs the guard stands between (docs/fuzzing.md).
#![no_main]

use calamine::{Reader, Sheets, open_workbook_auto_from_rs};
use libfuzzer_sys::fuzz_target;
use std::io::Cursor;

fuzz_target!(|data: &[u8]| {
    let Ok(mut sheets) = open_workbook_auto_from_rs(Cursor::new(data)) else { return };
    let _ = sheets.defined_names().len();
    for name in sheets.sheet_names() {
        match &mut sheets {
            Sheets::Xlsx(book) => {
                let Ok(mut cells) = book.worksheet_cells_reader(&name) else { continue };
                while let Ok(Some(_)) = cells.next_cell() {}
            }
            Sheets::Xlsb(book) => {
                let Ok(mut cells) = book.worksheet_cells_reader(&name) else { continue };
                while let Ok(Some(_)) = cells.next_cell() {}
            }
            Sheets::Xls(_) | Sheets::Ods(_) => {
                if let Ok(range) = sheets.worksheet_range(&name) {
                    let _ = range.used_cells().count();
                }
            }
        }
    }
});
