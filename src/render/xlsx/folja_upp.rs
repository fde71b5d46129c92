//! `Att följa upp`: what the working committee should look at (table
//! `AttFoljaUpp`), one row per insats and rule that applies, with the
//! reason in words and the quarters it rests on.
//!
//! Takes [`Historik::att_folja_upp`](crate::aggregate::Historik) as the
//! aggregation ordered it; guarantees the rule stands out in red and an
//! empty list reads as a sentence, not as an empty table.

use super::table::{Cell, Column, HEADER_ROW, Row, Sheet, Table};
use crate::aggregate::{AttFoljaUpp, Sammanstallning};
use crate::register::Status;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub(super) const SHEET: &str = "Att följa upp";

/// The only row when no rule applies.
pub(super) const NOTHING: &str = "Inget att följa upp för perioden.";

const COLUMNS: [Column; 4] =
    [Column::new("Insats"), Column::new("Regel"), Column::prose("Skäl"), Column::new("Kvartal")];

pub(super) fn write(ws: &mut Worksheet, s: &Sammanstallning) -> Result<(), XlsxError> {
    let settings = &s.installningar;
    let percent = settings.folj_upp_utfall_under.saturating_mul(Decimal::ONE_HUNDRED).round();
    let caption = format!(
        "Det arbetsutskottet bör titta närmare på, med skälet och kvartalen det bygger på. Gränserna \
         ({} kvartal i rad, utfall under {percent} % av budget, takten över {} kvartal) står i registrets \
         blad Inställningar.",
        settings.folj_upp_kvartal_i_rad, settings.folj_upp_takt_kvartal
    );
    let mut sheet = Sheet::new(ws, SHEET, &s.titel, &caption)?;
    let table = Table {
        name: "AttFoljaUpp",
        columns: COLUMNS.to_vec(),
        rows: s.historik.att_folja_upp.iter().map(row).collect(),
        total: None,
        when_empty: (0, NOTHING.to_string()),
    };
    sheet.table(HEADER_ROW, 0, &table)?;
    sheet.finish(&s.titel)
}

fn row(a: &AttFoljaUpp) -> Row<'_> {
    let kvartal: Vec<String> = a.kvartal.iter().map(ToString::to_string).collect();
    Row::new(vec![
        Cell::text(&a.kortnamn),
        Cell::Colored(a.regel.label().to_string(), Some(Status::Rod)),
        Cell::text(&a.skal),
        Cell::text(kvartal.join(", ")),
    ])
}
