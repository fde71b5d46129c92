//! The board's follow-up memo as a Word draft (`sammanstall --pm`): the
//! memo's sections in its order and words (seed document 004), its seven
//! tables rendered from the same [`Sammanstallning`] as the workbook, the
//! factual sentences under each table ([`meningar`]), the styrgrupper's own
//! analysis quoted in an appendix, and highlighted placeholders
//! ("[Kansliet: …]") wherever kansliet must still write or judge.
//!
//! Takes the follow-up; gives the .docx's bytes. Guarantees: status cells
//! shaded with the workbook's fills and font colours, the status always in
//! words; a figure that is not known is written "Inte känt" and its reason
//! said under the table, never 0; text from reports written as text; the
//! same input gives the same bytes (fixed document dates from the period,
//! paragraph ids numbered here, never from docx-rs's per-thread counter;
//! the zip entries carry zip's fixed 1980 date since docx-rs builds zip
//! without its clock). The package itself is docx-rs's: nothing here writes
//! XML. Saving is the caller's job (staged and renamed into place).

pub mod meningar;
pub mod text;

use crate::aggregate::{Bedomd, DeltagareResultat, InsatsResultat, Sammanstallning, Uppgift, rubrik};
use crate::register::{Karaktar, Status};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Shading, Style, StyleType, Table,
    TableCell, TableCellMargins, TableLayoutType, TableRow, WidthType,
};
use rust_decimal::Decimal;
use text::{NBSP, tal};

/// Every placeholder for kansliet's own text starts so, highlighted.
pub const PLATSHALLARE: &str = "[Kansliet: ";
/// The highlight of a placeholder, one of Word's highlight colours.
pub const MARKERING: &str = "yellow";
/// A cell whose figure the data does not hold.
pub const INTE_KANT: &str = "Inte känt";

/// The memo's section headings, in its order.
pub mod rubriker {
    pub const BAKGRUND: &str = "Bakgrund";
    pub const INSATSER: &str = "Insatser";
    pub const MAL: &str = "Resultat av i insatsen angivna mål";
    pub const BUDGET: &str = "Utfall av beviljad budget";
    pub const KVALITET: &str = "Kvalitetssäkring av insatsen";
    pub const STATISTIK: &str = "Statistik och kostnader";
    pub const FORDELNING: &str = "Beviljade insatser i förhållande till förbundets mål";
    pub const KOSTNAD: &str = "Kostnad/utfall för deltagare inom förbundet";
    pub const INDIVIDER: &str = "Individer i ansökningarna i förhållande till antal registrerade individer";
    pub const ANALYS: &str = "Analys";
    pub const BILAGA: &str = "Bilaga: Styrgruppernas egen analys";
}

/// The memo's table captions, numbered as the memo numbers them.
pub mod tabeller {
    pub const T1: &str = "Tabell 1. Insatser";
    pub const T2: &str = "Tabell 2. Nuläge mål";
    pub const T3: &str = "Tabell 3. Förutsättningar för utfall";
    pub const T4: &str = "Tabell 4. Utfall och prognos budget";
    pub const T5: &str = "Tabell 5. Kvalitetssäkring";
    pub const T6: &str = "Tabell 6. Insatser med individinriktning";
    pub const T7: &str = "Tabell 7. Antal deltagare";
}

/// Why the PM could not be made (docx-rs's own reason inside).
#[derive(Debug, thiserror::Error)]
#[error("PM:et kunde inte skapas: {0}")]
pub struct PmError(String);

/// The PM's name beside a workbook: "Uppföljning 2018-H1.xlsx" gives
/// "Uppföljning 2018-H1 PM.docx" in the same folder.
pub fn file_name_beside(workbook: &std::path::Path) -> std::path::PathBuf {
    let stem =
        workbook.file_stem().map_or_else(|| "Uppföljning".into(), |s| s.to_string_lossy().into_owned());
    workbook.with_file_name(format!("{stem} PM.docx"))
}

// Twentieths of a point. A4, 2.5 cm margins: 9 070 twips of text width.
const PAGE_WIDTH: u32 = 11_906;
const PAGE_HEIGHT: u32 = 16_838;
const MARGIN: i32 = 1_418;
const TEXT_WIDTH: usize = 9_070;
/// Half-points: 11 pt body, 9 pt tables.
const BODY_SIZE: usize = 22;
const TABLE_SIZE: usize = 18;
/// A table cell's left and right margin.
const CELL_MARGIN: usize = 57;
const HEADING_COLOUR: &str = "1F3864";
/// The workbook's header fill (`render::xlsx` styles) and its sum rows' ground.
const HEADER_FILL: &str = "D9E1F2";
const SUM_FILL: &str = "F2F2F2";

/// The PM for `s`.
pub fn document(s: &Sammanstallning) -> Result<Vec<u8>, PmError> {
    let mut pm = Pm::new(s);
    pm.title(s);
    pm.bakgrund(s);
    pm.insatser(s);
    pm.mal(s);
    pm.budget(s);
    pm.kvalitet(s);
    pm.statistik(s);
    pm.deltagare(s);
    pm.analys();
    pm.bilaga(s);
    pm.finish()
}

/// One cell of a PM table.
enum Cel {
    Text(String),
    /// A figure: right-aligned.
    Tal(String),
    /// A judged value, shaded with its colour.
    Status(String, Option<Status>),
}

impl Cel {
    fn text(t: impl Into<String>) -> Cel {
        Cel::Text(t.into())
    }

    fn bedomd(b: &Bedomd) -> Cel {
        let text = if b.bedomning.is_some() {
            format!("{}{NBSP}{}", b.text, crate::render::xlsx::OVERRIDE_MARK)
        } else {
            b.text.clone()
        };
        Cel::Status(text, b.status)
    }

    fn kr(value: Option<Decimal>) -> Cel {
        value.map_or_else(|| Cel::Text(INTE_KANT.into()), |v| Cel::Tal(tal(v)))
    }

    fn antal(value: Option<u32>) -> Cel {
        value.map_or_else(|| Cel::Text(INTE_KANT.into()), |v| Cel::Tal(text::antal(v)))
    }

    /// A figure of insats `i`: "Inte känt" when the aggregation says it is not.
    fn figur(i: &InsatsResultat, uppgift: Uppgift, cel: Cel) -> Cel {
        if i.ej_kand(uppgift).is_some() { Cel::Text(INTE_KANT.into()) } else { cel }
    }
}

/// The document being written, and the next paragraph id.
struct Pm {
    docx: Docx,
    next_id: u32,
}

impl Pm {
    fn new(s: &Sammanstallning) -> Pm {
        // Created and modified on the period's last day, as the workbook.
        let day = format!("{}T00:00:00Z", s.period.last_day().format("%Y-%m-%d"));
        let fonts = RunFonts::new().ascii("Calibri").hi_ansi("Calibri").cs("Calibri").east_asia("Calibri");
        // docx-rs brings its own "Normal" style: a second one with the same id
        // would make Word repair the file.
        let heading = |id: &str, name: &str, size: usize, level: usize| {
            Style::new(id, StyleType::Paragraph)
                .name(name)
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .size(size)
                .bold()
                .color(HEADING_COLOUR)
                .outline_lvl(level)
        };
        let docx = Docx::new()
            .created_at(&day)
            .updated_at(&day)
            .page_size(PAGE_WIDTH, PAGE_HEIGHT)
            .page_margin(
                PageMargin::new()
                    .top(MARGIN)
                    .bottom(MARGIN)
                    .left(MARGIN)
                    .right(MARGIN)
                    .header(709)
                    .footer(709),
            )
            .default_fonts(fonts)
            .default_size(BODY_SIZE)
            .default_line_spacing(LineSpacing::new().after(120))
            .add_style(heading("Title", "Title", 40, 0))
            .add_style(heading("Heading1", "heading 1", 30, 0))
            .add_style(heading("Heading2", "heading 2", 24, 1))
            .add_style(Style::new("Caption", StyleType::Paragraph).name("caption").based_on("Normal").bold());
        Pm { docx, next_id: 0 }
    }

    /// A new paragraph with the next id: docx-rs's own ids come from a
    /// per-thread counter, which would make the bytes depend on what the
    /// thread made before.
    fn p(&mut self) -> Paragraph {
        self.next_id += 1;
        Paragraph::new().id(format!("{:08X}", self.next_id))
    }

    fn push(&mut self, p: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(p);
    }

    fn heading(&mut self, style: &str, text: &str) {
        let p = self.p().style(style).keep_next(true).add_run(Run::new().add_text(text));
        self.push(p);
    }

    fn h1(&mut self, text: &str) {
        self.heading("Heading1", text);
    }

    fn h2(&mut self, text: &str) {
        self.heading("Heading2", text);
    }

    /// A paragraph of plain text; each line of `text` a line of its own.
    fn stycke(&mut self, text: &str) {
        let p = self.p();
        let p = with_lines(p, text, Run::new);
        self.push(p);
    }

    /// The generated sentences, one paragraph each.
    fn meningar(&mut self, meningar: Vec<String>) {
        for m in meningar {
            self.stycke(&m);
        }
    }

    /// A highlighted placeholder for what kansliet writes or judges.
    fn platshallare(&mut self, what: &str) {
        let run = Run::new().add_text(format!("{PLATSHALLARE}{what}]")).highlight(MARKERING);
        let p = self.p().add_run(run);
        self.push(p);
    }

    /// The styrgrupp's own words, quoted: indented and in italics.
    fn citat(&mut self, text: &str) {
        let p = self.p().indent(Some(567), None, None, None);
        let p = with_lines(p, text, || Run::new().italic());
        self.push(p);
    }

    fn caption(&mut self, text: &str) {
        let p = self.p().style("Caption").keep_next(true).add_run(Run::new().add_text(text));
        self.push(p);
    }

    /// A table: bold shaded headers, one row per entry, a bold total row if any.
    fn table(&mut self, widths: &[usize], headers: &[&str], rows: Vec<Vec<Cel>>, total: Option<Vec<Cel>>) {
        // The widths are this module's constants: every table fits the text width.
        debug_assert!(widths.iter().sum::<usize>() <= TEXT_WIDTH);
        // Many narrow columns (Tabell 5) get smaller headers, so words are not split.
        let header_size = if widths.len() > 5 { TABLE_SIZE - 4 } else { TABLE_SIZE };
        let mut table_rows = vec![
            TableRow::new(
                headers
                    .iter()
                    .zip(widths)
                    .map(|(h, w)| {
                        let p = self
                            .p()
                            .add_run(Run::new().add_text(*h).bold().size(header_size).color(HEADING_COLOUR));
                        TableCell::new().add_paragraph(p).width(*w, WidthType::Dxa).shading(fill(HEADER_FILL))
                    })
                    .collect(),
            )
            .cant_split(),
        ];
        for row in rows {
            table_rows.push(self.row(widths, row, false));
        }
        if let Some(total) = total {
            table_rows.push(self.row(widths, total, true));
        }
        let table = Table::new(table_rows)
            .set_grid(widths.to_vec())
            .width(widths.iter().sum(), WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            // Narrow side margins (0.1 cm) leave the narrow columns room for their words.
            .margins(TableCellMargins::new().margin(0, CELL_MARGIN, 0, CELL_MARGIN));
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_table(table);
        // Space after the table before its sentences.
        let p = self.p();
        self.push(p);
    }

    fn row(&mut self, widths: &[usize], cells: Vec<Cel>, bold: bool) -> TableRow {
        let cells = cells
            .into_iter()
            .zip(widths)
            .map(|(cel, w)| {
                let (text, status, right) = match cel {
                    Cel::Text(t) => (t, None, false),
                    Cel::Tal(t) => (t, None, true),
                    Cel::Status(t, status) => (t, status, false),
                };
                let look = |run: Run| {
                    let run = run.size(TABLE_SIZE);
                    let run = if bold { run.bold() } else { run };
                    match status {
                        Some(status) => run.color(hex(crate::render::xlsx::status_colors(status).1)),
                        None => run,
                    }
                };
                let mut p = self.p();
                if right {
                    p = p.align(AlignmentType::Right);
                }
                let p = with_lines(p, &text, || look(Run::new()));
                let cell = TableCell::new().add_paragraph(p).width(*w, WidthType::Dxa);
                match (status, bold) {
                    (Some(status), _) => {
                        cell.shading(fill(&hex(crate::render::xlsx::status_colors(status).0)))
                    }
                    (None, true) => cell.shading(fill(SUM_FILL)),
                    (None, false) => cell,
                }
            })
            .collect();
        TableRow::new(cells).cant_split()
    }

    fn finish(self) -> Result<Vec<u8>, PmError> {
        let mut bytes = std::io::Cursor::new(Vec::new());
        self.docx.build().pack(&mut bytes).map_err(|e| PmError(e.to_string()))?;
        Ok(bytes.into_inner())
    }

    fn title(&mut self, s: &Sammanstallning) {
        let p = self.p().style("Title").add_run(Run::new().add_text(&s.titel));
        self.push(p);
        self.stycke(&format!(
            "PM till förbundsstyrelsen, utkast. Period: {} ({}).",
            s.period.in_words(),
            s.period
        ));
        self.platshallare(
            "Utkastet är framtaget ur kvartalsrapporterna och registret, med samma uppgifter som arbetsboken. \
             Gulmarkerad text är kansliets att skriva eller bedöma; ta bort markeringarna innan PM:et skickas.",
        );
    }

    fn bakgrund(&mut self, s: &Sammanstallning) {
        self.h1(rubriker::BAKGRUND);
        self.stycke(&format!(
            "Detta dokument bygger på information från aktuella insatser finansierade av Samordningsförbundet. \
             Informationen kommer från de kvartalsrapporter som lämnats in av respektive styrgrupp och från \
             förbundets register över beviljade insatser, med beslut och budget. Innehållet i detta dokument \
             baseras på information som styrgrupperna lämnat för {}.",
            s.period.in_words()
        ));
        self.meningar(meningar::underlag(s));
        self.platshallare(
            "komplettera med uppgifter ur SUS och rekvisitioner om de används, och med vilka insatser som har \
             lokusgruppen som styrgrupp.",
        );
    }

    fn insatser(&mut self, s: &Sammanstallning) {
        self.h1(rubriker::INSATSER);
        self.stycke(&format!(
            "Nedan följer en lista över de {} insatser som varit igång under aktuell period, {}, och som därmed \
             ryms i denna uppföljning. I listan anges insatserna med fullständigt insatsnamn, så som det angetts \
             i ansökan. I de tabeller som finns i PM:et och i viss text benämns vissa insatser med förkortade \
             namn på grund av utrymmesskäl.",
            s.insatser.len(),
            s.period.in_words()
        ));
        self.caption(tabeller::T1);
        let rows = s.insatser.iter().map(|i| vec![Cel::text(&i.namn), Cel::text(&i.insatstid)]).collect();
        self.table(&[6_870, 2_200], &["Insats", "Insatstid"], rows, None);
    }

    fn mal(&mut self, s: &Sammanstallning) {
        self.h1(rubriker::MAL);
        self.stycke(
            "Här ges information kring hur varje insats ligger till när det gäller de mål som angivits i ansökan \
             till Samordningsförbundet. I tabell 2 är det som bedöms vara i fas med ansökan markerat med grönt, \
             det som behöver hållas under uppsikt markerat med gult och det som behöver åtgärdas alternativt \
             skickas in en avvikelserapport på markerat med rött.",
        );
        self.caption(tabeller::T2);
        let rows = s
            .insatser
            .iter()
            .map(|i| vec![Cel::text(&i.kortnamn), Cel::bedomd(&i.mal.i_fas), Cel::bedomd(&i.mal.prognos)])
            .collect();
        self.table(&[3_670, 2_700, 2_700], &["Insats", rubrik::I_FAS, rubrik::PROGNOS], rows, None);
        self.meningar(meningar::mal_lage(s));
        self.meningar(meningar::avslutade_insatser(s));
        self.platshallare(
            "kommentera de insatser som inte ligger i fas eller vars prognos är Nej, med stöd av styrgruppernas \
             egen analys i bilagan.",
        );
    }

    fn budget(&mut self, s: &Sammanstallning) {
        self.h1(rubriker::BUDGET);
        self.stycke(
            "Här ges information om hur insatserna förhåller sig till angiven budget, huruvida någon insats inte \
             nyttjat beviljade resurser eller inte startat i tid samt prognos för budgetutfall framåt.",
        );
        self.caption(tabeller::T3);
        let rows = s
            .insatser
            .iter()
            .map(|i| {
                let mut cells = vec![Cel::text(&i.kortnamn)];
                cells.extend(i.forutsattningar.parts().map(Cel::bedomd));
                cells
            })
            .collect();
        let mut headers = vec!["Insats"];
        headers.extend(rubrik::FORUTSATTNINGAR);
        self.table(&[3_070, 1_500, 1_500, 1_500, 1_500], &headers, rows, None);
        self.meningar(meningar::sen_start(s));
        self.meningar(meningar::vakanser(s));
        self.platshallare("beskriv vakanserna och avvikelserapporterna närmare där det behövs.");

        self.caption(tabeller::T4);
        let kvartal = kvartal_i_ord(s);
        let (budget_h, utfall_h) = (format!("Budget {kvartal}"), format!("Utfall {kvartal}"));
        let rows = s
            .insatser
            .iter()
            .map(|i| {
                vec![
                    Cel::text(&i.kortnamn),
                    Cel::figur(i, Uppgift::Budget, Cel::kr(i.budget.budget)),
                    Cel::figur(i, Uppgift::Utfall, Cel::kr(i.budget.utfall)),
                    Cel::bedomd(&i.budget.prognos),
                ]
            })
            .collect();
        let t = &s.totaler.budget;
        let total = vec![Cel::text("Totalt"), Cel::kr(t.budget), Cel::kr(t.utfall), Cel::text("")];
        let headers = ["Insats", budget_h.as_str(), utfall_h.as_str(), rubrik::PROGNOS_BUDGET];
        self.table(&[3_670, 1_800, 1_800, 1_800], &headers, rows, Some(total));
        self.stycke("Belopp i kronor.");
        self.meningar(meningar::budget(s));
        self.meningar(meningar::ej_kanda(s, &[Uppgift::Utfall], false));
        self.platshallare("bedöm budgetavvikelserna och beskriv den dialog som förs med insatserna.");
    }

    fn kvalitet(&mut self, s: &Sammanstallning) {
        self.h1(rubriker::KVALITET);
        self.stycke(
            "Här ges information om styrgruppernas arbete i förhållande till insatserna. I samband med beviljande \
             om finansiering sker också en överenskommelse om uppföljning och visst kvalitetsarbete, t.ex. när \
             det gäller jämlikhet och jämställdhet och regelbunden kontroll av målgruppen. En stjärna (*) i \
             tabellen betyder en anmärkning; anmärkningarna står under tabellen.",
        );
        self.caption(tabeller::T5);
        let rows = s
            .insatser
            .iter()
            .map(|i| {
                let mut cells = vec![Cel::text(&i.kortnamn)];
                cells.extend(i.kvalitet.parts().map(Cel::bedomd));
                cells
            })
            .collect();
        // The memo breaks the longest header where the compound does, as here.
        let headers: Vec<&str> = std::iter::once("Insats")
            .chain(rubrik::KVALITET.iter().map(|h| match *h {
                "Styrgruppsmöten enl. avtal" => "Styrgrupps-möten enl. avtal",
                other => other,
            }))
            .collect();
        self.table(&[1_870, 1_028, 1_028, 1_028, 1_028, 1_028, 1_028, 1_028], &headers, rows, None);
        self.meningar(meningar::franvaro(s));
        self.meningar(meningar::stjarnor(s));
        self.meningar(meningar::ej_registrerat(s));
        self.platshallare("kommentera arbetet med målgrupp, metod, jämlikhet och jämställdhet.");
    }

    fn statistik(&mut self, s: &Sammanstallning) {
        self.h1(rubriker::STATISTIK);
        self.h2(rubriker::FORDELNING);
        let mal: Vec<String> = s
            .fordelning
            .iter()
            .map(|r| r.mal.saturating_mul(Decimal::ONE_HUNDRED).round().to_string())
            .collect();
        let andelar: Vec<String> = s
            .fordelning
            .iter()
            .map(|r| format!("{} ska vara {}", r.inriktning.label().to_lowercase(), text::procent(r.mal)))
            .collect();
        self.stycke(&format!(
            "Här visas hur de beviljade insatserna förhåller sig till förbundets inriktning om fördelning av \
             medel {} (där {}).",
            mal.join("-"),
            text::lista(&andelar)
        ));
        let rows = s
            .fordelning
            .iter()
            .map(|r| {
                vec![
                    Cel::text(r.inriktning.label()),
                    Cel::Tal(tal(r.beviljat_belopp)),
                    r.andel.map_or_else(|| Cel::text(INTE_KANT), |a| Cel::Tal(text::procent(a))),
                    Cel::Tal(text::procent(r.mal)),
                ]
            })
            .collect();
        let f = &s.totaler.fordelning;
        let total = vec![
            Cel::text("Totalt"),
            Cel::Tal(tal(f.beviljat_belopp)),
            f.andel.map_or_else(|| Cel::text(""), |a| Cel::Tal(text::procent(a))),
            Cel::Tal(text::procent(f.mal)),
        ];
        self.table(
            &[3_070, 2_000, 2_000, 2_000],
            &["Inriktning", "Beviljat belopp, kronor", "Andel", "Mål"],
            rows,
            Some(total),
        );
        self.meningar(meningar::fordelning(s));
        self.platshallare("kommentera fördelningen mot förbundets mål.");

        self.stycke(&format!(
            "Ett annat av förbundets mål är att andelen individer som går till arbete/studier ska överensstämma \
             med rikssnittet (vid tiden för målets fastställande var detta snitt {}).",
            text::procent(s.avslut.mal)
        ));
        let andelar = meningar::andelar(s);
        // The memo's table of reasons comes between its two sentences.
        let (first, rest) = andelar.split_first().map_or((None, &[][..]), |(f, r)| (Some(f.clone()), r));
        if let Some(first) = first {
            self.stycke(&first);
        }
        let a = &s.avslut;
        let work: Vec<Vec<Cel>> = crate::contract::AVSLUTSANLEDNINGAR
            .iter()
            .zip(&a.anledningar)
            .filter(|((key, _), _)| crate::contract::TILL_ARBETE_ELLER_STUDIER.contains(key))
            .map(|(_, r)| {
                vec![Cel::text(&r.anledning), tal_cel(r.kvinnor), tal_cel(r.man), tal_cel(r.totalt)]
            })
            .collect();
        let w = &a.till_arbete_eller_studier;
        let total = vec![Cel::text("Totalt"), tal_cel(w.kvinnor), tal_cel(w.man), tal_cel(w.totalt)];
        self.table(
            &[3_670, 1_800, 1_800, 1_800],
            &["Avslutsanledning", "Kvinnor", "Män", "Totalt"],
            work,
            Some(total),
        );
        self.meningar(rest.to_vec());
    }

    fn deltagare(&mut self, s: &Sammanstallning) {
        let mut individuella: Vec<(&InsatsResultat, &DeltagareResultat)> =
            s.insatser.iter().filter_map(|i| Some((i, i.deltagare.as_ref()?))).collect();
        // The memo lists the pre-rehabilitating insatser first, then those
        // aimed at work or studies; register order within each.
        individuella.sort_by_key(|(i, _)| match i.karaktar {
            Some(Karaktar::Forrehabiliterande) => 0,
            Some(Karaktar::ArbeteOchStudier) => 1,
            None => 2,
        });
        self.h2(rubriker::KOSTNAD);
        self.stycke(
            "Här anges antalet deltagare inom aktuella insatser och vilka av förbundets beviljade insatser som är \
             av förrehabiliterande karaktär och vilka som är direkt riktade mot arbete/studier.",
        );
        self.caption(tabeller::T6);
        let karaktar =
            |i: &InsatsResultat| i.karaktar.map_or_else(|| INTE_KANT.to_string(), |k| k.label().into());
        let rows = individuella
            .iter()
            .map(|(i, d)| {
                vec![
                    Cel::text(&i.kortnamn),
                    Cel::text(karaktar(i)),
                    Cel::figur(i, Uppgift::Pagaende, Cel::antal(d.pagaende)),
                    Cel::figur(i, Uppgift::Avslutade, Cel::antal(d.avslutade)),
                    Cel::figur(i, Uppgift::Totalt, Cel::antal(d.totalt)),
                    Cel::kr(d.budget_per_ar),
                ]
            })
            .collect();
        let t = &s.totaler.deltagare;
        let total = vec![
            Cel::text("Totalt"),
            Cel::text(""),
            Cel::antal(t.pagaende),
            Cel::antal(t.avslutade),
            Cel::antal(t.totalt),
            Cel::kr(t.budget_per_ar),
        ];
        let headers = [
            "Insats",
            "Karaktär",
            "Antal pågående deltagare",
            "Antal avslutade deltagare",
            "Totalt antal deltagare",
            "Budget kronor/år",
        ];
        self.table(&[2_670, 1_600, 1_200, 1_200, 1_200, 1_200], &headers, rows, Some(total));
        self.meningar(meningar::anonyma(s));
        self.meningar(meningar::ej_kanda(s, &[Uppgift::Pagaende, Uppgift::Avslutade, Uppgift::Totalt], true));
        self.platshallare(
            "lägg till fotnoter om enskilda insatser, t.ex. en insats som i sin första fas inte har deltagare.",
        );

        self.h2(rubriker::INDIVIDER);
        self.stycke(
            "Här anges hur många deltagare som är aktuella inom insatserna samt hur många som avslutats. Detta \
             jämförs med antalet förväntade deltagare enligt ansökan till Samordningsförbundet.",
        );
        self.caption(tabeller::T7);
        let rows = individuella
            .iter()
            .map(|(i, d)| {
                vec![
                    Cel::text(&i.kortnamn),
                    Cel::figur(i, Uppgift::Totalt, Cel::antal(d.totalt)),
                    Cel::antal(d.forvantat),
                ]
            })
            .collect();
        let total = vec![Cel::text("Totalt"), Cel::antal(t.totalt), Cel::antal(t.forvantat)];
        let headers = [
            "Insats",
            "Totalt antal deltagare fram till idag",
            "Förväntat antal deltagare enl. ansökan för hela insatstiden",
        ];
        self.table(&[4_070, 2_500, 2_500], &headers, rows, Some(total));
        self.meningar(meningar::anonyma(s));
        self.platshallare(
            "bedöm deltagartakten mot förväntat antal, med hänsyn till hur länge insatserna pågått.",
        );
    }

    fn analys(&mut self) {
        self.h1(rubriker::ANALYS);
        self.platshallare(
            "skriv kansliets analys: tendenser, reflektioner och förslag till förbundsstyrelsen. Styrgruppernas \
             egen analys finns i bilagan.",
        );
    }

    fn bilaga(&mut self, s: &Sammanstallning) {
        self.h1(rubriker::BILAGA);
        self.stycke(
            "Varje styrgrupps egna ord ur den kvartalsrapport som gäller för perioden, oredigerade: analysen för \
             förbundsstyrelsen och kommentarerna till varje avsnitt.",
        );
        for i in &s.insatser {
            self.h2(&i.kortnamn);
            let k = &i.kommentarer;
            let Some(kalla) = &k.kalla else {
                let why = k.saknas.as_deref().unwrap_or("Rapport saknas");
                self.stycke(&format!(
                    "{why}: ingen rapport används för perioden, så det finns inga egna ord att återge."
                ));
                continue;
            };
            let fil = kalla.fil.as_deref().unwrap_or("rapporten");
            self.stycke(&format!("Ur {fil} ({}).", kalla.kvartal));
            match &k.analys {
                Some(analys) => {
                    self.stycke("Styrgruppens analys för förbundsstyrelsen:");
                    self.citat(analys);
                }
                None => self.stycke("Styrgruppen har inte skrivit någon egen analys i rapporten."),
            }
            let areas = [
                ("Kommentar mål", &i.mal.kommentar),
                ("Kommentar förutsättningar", &i.forutsattningar.kommentar),
                ("Kommentar budget", &i.budget.kommentar),
                ("Kommentar kvalitet", &i.kvalitet.kommentar),
            ];
            for (label, kommentar) in areas {
                if let Some(kommentar) = kommentar {
                    self.stycke(&format!("{label}:"));
                    self.citat(kommentar);
                }
            }
            for m in &k.mal {
                self.stycke(&format!("Mål {} ({}):", m.nummer, m.mal.trim().trim_end_matches('.')));
                self.citat(&m.kommentar);
            }
        }
    }
}

/// The period's quarters as the memo's headers say them: "kvartal 1+2".
fn kvartal_i_ord(s: &Sammanstallning) -> String {
    let numbers: Vec<String> = s.period.quarters().iter().map(|q| q.kvartal.to_string()).collect();
    format!("kvartal {}", numbers.join("+"))
}

fn tal_cel(n: u32) -> Cel {
    Cel::Tal(text::antal(n))
}

/// `text`'s lines as runs of `p` with line breaks between, each run made by `run`.
fn with_lines(mut p: Paragraph, text: &str, run: impl Fn() -> Run) -> Paragraph {
    for (n, line) in text.lines().enumerate() {
        let mut r = run();
        if n > 0 {
            r = r.add_break(docx_rs::BreakType::TextWrapping);
        }
        p = p.add_run(r.add_text(line));
    }
    p
}

fn fill(colour: &str) -> Shading {
    Shading::new().color("auto").fill(colour)
}

fn hex(colour: u32) -> String {
    format!("{colour:06X}")
}
