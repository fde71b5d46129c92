//! Renders the template contract as the Swedish document `docs/mallkontrakt.md`.
//!
//! Takes [`FIELDS`], the sections, the lists, [`AVSLUTSANLEDNINGAR`] and the
//! versions; gives Markdown for two readers: a person in a styrgrupp filling
//! in the report, and an integrator filling it from another system. Every
//! defined name, label, type and list value in the document comes from the
//! code; only the prose around them is written here. A test holds the
//! checked-in document to this output, so the two cannot drift apart.

use super::{
    AVSLUTSANLEDNINGAR, AnsweredBy, ChoiceList, FIELDS, Field, FieldType, GOAL_BLOCK_COLUMNS,
    ISSUED_VERSIONS, MALLVERSION, Required, Section, TILL_ARBETE_ELLER_STUDIER, participants_expected,
};
use crate::finding::{Code, Severity};
use crate::pnr;
use crate::register::Inriktning;
use crate::report::MAX_GOAL_ROWS;

/// The field the prose refers to by name; a test checks that it exists.
const VERSION_FIELD: &str = "mallversion";

/// The list of the goal block's status column.
const GOAL_STATUS_LIST: ChoiceList = ChoiceList::Malstatus;

/// One row of the types table per kind of type; `choice` stands for every list.
const TYPE_KINDS: &[FieldType] = &[
    FieldType::Text,
    FieldType::Int,
    FieldType::Kr,
    FieldType::Date,
    FieldType::Choice(ChoiceList::JaNej),
    FieldType::GoalBlock,
];

// Examples of text cells the reader accepts; a test parses each one.
const TEXT_EXAMPLES: &[&str] = &["  Enligt plan. "];
const INT_EXAMPLES: &[&str] = &["12", " 12 ", "1 200"];
const KR_EXAMPLES: &[&str] = &["1 051 000", "1 051 000 kr", "1051000,50", "1 051 000,00 kr"];
const DATE_EXAMPLES: &[&str] = &["2018-04-05"];

/// The forms of a personal identity number that `pnr` finds (Å year, M month,
/// D day, N serial and check digit); a test masks an example of each.
const PNR_FORMS: &[&str] =
    &["ÅÅMMDD-NNNN", "ÅÅMMDD+NNNN", "ÅÅMMDDNNNN", "ÅÅÅÅMMDD-NNNN", "ÅÅÅÅMMDD+NNNN", "ÅÅÅÅMMDDNNNN"];

/// The findings a person filling in a report meets most, with when they arise.
const FINDINGS: &[(Code, &str)] = &[
    (Code::NamnSaknas, "Ett definierat namn saknas i rapporten eller pekar inte på någon cell."),
    (Code::MallversionOkand, "Mallversionen är en version som programmet aldrig har gett ut."),
    (Code::SvarSaknas, "En obligatorisk fråga är obesvarad."),
    (
        Code::AvsnittTomt,
        "Ett helt avsnitt är tomt och flera av dess frågor är obligatoriska: ett fynd för avsnittet, \
         som säger vad som ska skrivas, i stället för ett per fråga.",
    ),
    (
        Code::RapportEjIfylld,
        "Inget är ifyllt utöver det kansliet fyllt i: ett fynd för hela rapporten i stället för ett per \
         fråga eller avsnitt.",
    ),
    (Code::VardeOgiltigt, "Svaret har fel typ, t.ex. text där ett tal eller datum ska stå."),
    (Code::VardeUtanforLista, "Svaret finns inte i frågans lista och är ingen synonym."),
    (Code::NegativtTal, "Ett antal eller belopp är mindre än 0."),
    (Code::PersonnummerIFritext, "Ett personnummer i fritext (se Personuppgifter)."),
];

/// The contract document in Swedish Markdown, generated from [`FIELDS`].
pub fn contract_markdown() -> String {
    let mut doc = Doc::default();
    intro(&mut doc);
    names_are_the_contract(&mut doc);
    types(&mut doc);
    lists(&mut doc);
    sections_by_inriktning(&mut doc);
    questions(&mut doc);
    goal_block(&mut doc);
    reasons(&mut doc);
    personal_data(&mut doc);
    findings(&mut doc);
    python_example(&mut doc);
    doc.0
}

fn intro(doc: &mut Doc) {
    doc.block(&format!("# Kvartalsrapporten: mallkontrakt, mallversion {MALLVERSION}"));
    doc.block(
        "Kvartalsrapporten är en Excel-arbetsbok (.xlsx) som styrgruppen för varje insats som \
         förbundet finansierar fyller i en gång per kvartal och skickar till kansliet. Kansliet \
         läser rapporterna med programmet `uppfoljning`, kontrollerar dem mot registret över \
         beviljade insatser och sammanställer dem till förbundsstyrelsen.",
    );
    doc.block(
        "Det här dokumentet är mallens kontrakt: varje fråga i rapporten, vilka svar som godtas \
         och vilka frågor som måste besvaras. Det skrivs ut från programmets kod och stämmer \
         därför alltid med det som programmet läser. Det har två läsare:",
    );
    doc.bullets([
        "**Du som fyller i rapporten i Excel eller LibreOffice** för en styrgrupp: läs *Typer*, \
         *Listor* och *Frågorna*. Kansliet skickar en mall där insatsen, perioden och målen \
         redan är ifyllda."
            .to_string(),
        "**Du som fyller i rapporten från ett annat system** (ett skript med openpyxl, ett \
         formulärverktyg som sparar .xlsx): läs också *Namnen är kontraktet* och *Exempel*."
            .to_string(),
    ]);
}

fn names_are_the_contract(doc: &mut Doc) {
    doc.block("## Namnen är kontraktet");
    doc.block(&format!(
        "Varje fråga har ett **definierat namn** i arbetsboken (i Excel: *Formler → \
         Namnhanteraren*) som pekar på svarscellen; för {} pekar namnet på ett block av celler. \
         Namnen gäller hela arbetsboken, inte ett enskilt blad, och stora och små \
         bokstäver i dem räknas lika, som i Excel. Programmet läser rapporten via \
         namnen och aldrig via cellernas placering. Du som fyller i rapporten i Excel behöver \
         inte tänka på namnen: skriv svaren i cellerna bredvid frågorna.",
        goal_block_field().map_or_else(|| "listfält".to_string(), |f| code(f.name)),
    ));
    doc.bullets([
        "Layouten kan ändras mellan versioner av mallen: blad, rader, kolumner, rubriker, färger \
         och hjälptexter. Läs och skriv därför alltid via namnen, aldrig via en cellreferens som \
         `B23`."
            .to_string(),
        format!(
            "Namnen, deras typer och listornas värden ändras inte inom en mallversion. En ändring \
             av dem blir en ny mallversion, som står i fältet {}.",
            field_ref(VERSION_FIELD)
        ),
        "Programmet fortsätter att läsa varje mallversion som det har gett ut.".to_string(),
        "Varje namn finns en gång. Ett namn som bara gäller ett blad (sådana skapar Excel när \
         ett blad kopieras inom arbetsboken) läses aldrig, och ett namn som finns två gånger och \
         pekar på olika celler läses inte alls: det går inte att veta vilken cell som är svaret."
            .to_string(),
        format!(
            "Ta inte bort och byt inte namn på ett definierat namn, och ändra inte {}.",
            field_ref(VERSION_FIELD)
        ),
    ]);
    doc.block(&format!(
        "Den här mallen har {} = {}. Versioner som programmet läser: {}.",
        field_ref(VERSION_FIELD),
        code(MALLVERSION),
        ISSUED_VERSIONS.iter().map(|v| code(v)).collect::<Vec<_>>().join(", "),
    ));
}

fn types(doc: &mut Doc) {
    doc.block("## Typer");
    doc.block(
        "Varje fråga har en typ som säger vilka svar programmet godtar. En tom cell, eller en \
         cell med bara mellanslag, räknas som obesvarad. Texten i exemplen står inom citattecken \
         för att mellanslagen ska synas.",
    );
    let rows = TYPE_KINDS.iter().map(|ty| {
        let (accepts, examples) = type_row(*ty);
        [code(&type_kind_name(*ty)), accepts, examples]
    });
    doc.table(["Typ", "Det här godtas", "Exempel"], rows);
}

/// The type's name in the types table: `choice(L)` for every list.
fn type_kind_name(ty: FieldType) -> String {
    let name = ty.contract_name();
    match (ty, name.split_once('(')) {
        (FieldType::Choice(_), Some((kind, _))) => format!("{kind}(L)"),
        _ => name,
    }
}

/// What the reader accepts for a type, and examples.
fn type_row(ty: FieldType) -> (String, String) {
    let quoted = |examples: &[&str]| examples.iter().map(|e| quote(e)).collect::<Vec<_>>().join(", ");
    match ty {
        FieldType::Text => (
            "Valfri text. Mellanslag före och efter tas bort. Ett tal eller ett datum i cellen \
             läses som det står."
                .into(),
            quoted(TEXT_EXAMPLES),
        ),
        FieldType::Int => (
            "Ett heltal, 0 eller större: en talcell, eller text med siffror. Mellanslag mellan \
             tusentalen går bra."
                .into(),
            format!("talcellen `12`, {}", quoted(INT_EXAMPLES)),
        ),
        FieldType::Kr => (
            "Ett belopp i kronor, 0 eller större, med högst två decimaler: en talcell, eller \
             text. Mellan tusentalen får det stå mellanslag (även hårt eller smalt mellanslag), \
             decimaltecknet kan vara komma eller punkt och `kr` får stå efter beloppet. \
             Beloppet räknas exakt, utan avrundningsfel."
                .into(),
            format!("talcellen `1051000`, {}", quoted(KR_EXAMPLES)),
        ),
        FieldType::Date => (
            "Ett datum: en datumcell, eller text på formen ÅÅÅÅ-MM-DD. Står det ett \
             klockslag efter datumet bortser programmet från det."
                .into(),
            format!("en datumcell, {}", quoted(DATE_EXAMPLES)),
        ),
        FieldType::Choice(_) => (
            "Ett av värdena i lista L (se *Listor*) eller en av listans synonymer. Stora och små \
             bokstäver spelar ingen roll, inte heller mellanslag före och efter eller flera \
             mellanslag i rad. I mallen väljer du värdet i en rullgardinslista."
                .into(),
            quoted(&choice_examples().iter().map(String::as_str).collect::<Vec<_>>()),
        ),
        FieldType::GoalBlock => (
            format!(
                "Ett block av rader med {GOAL_BLOCK_COLUMNS} kolumner, en rad per mål (se \
                 *Målen i ansökan*)."
            ),
            "–".into(),
        ),
    }
}

/// Spellings of list values the reader accepts, made from the lists themselves.
fn choice_examples() -> Vec<String> {
    let options = ChoiceList::JaNej.options();
    let mut examples: Vec<String> =
        options.first().map(|o| format!(" {} ", o.to_lowercase())).into_iter().collect();
    examples.extend(options.get(1).map(|o| o.to_uppercase()));
    let synonym = ChoiceList::ALL.iter().find_map(|l| l.synonyms().first().map(|(s, _)| s.to_string()));
    examples.extend(synonym);
    examples
}

fn lists(doc: &mut Doc) {
    doc.block("## Listor");
    doc.block(
        "Frågor av typen `choice(L)` besvaras med ett värde ur en av listorna. Synonymerna godtas \
         också och läses som värdet de står för.",
    );
    let rows = ChoiceList::ALL.iter().map(|list| {
        let values = list.options().iter().map(|o| code(o)).collect::<Vec<_>>().join(", ");
        let synonyms = list
            .synonyms()
            .iter()
            .map(|(synonym, value)| format!("{} = {}", code(synonym), code(value)))
            .collect::<Vec<_>>();
        [code(list.contract_name()), values, or_dash(synonyms.join(", ")), or_dash(list_users(*list))]
    });
    doc.table(["Lista", "Värden", "Synonymer", "Används av"], rows);
}

/// The fields that answer from `list`, as code spans.
fn list_users(list: ChoiceList) -> String {
    let mut users: Vec<String> =
        FIELDS.iter().filter(|f| f.ty == FieldType::Choice(list)).map(|f| code(f.name)).collect();
    if list == GOAL_STATUS_LIST {
        users.extend(goal_block_field().map(|f| format!("{} (kolumn 2)", code(f.name))));
    }
    users.join(", ")
}

fn sections_by_inriktning(doc: &mut Doc) {
    doc.block("## Vilka avsnitt gäller vilken insats");
    doc.block(
        "Vilka avsnitt en insats ska fylla i beror på dess inriktning i registret. Avsnitten om \
         deltagare gäller insatser som har deltagare: alla individinriktade insatser, och en \
         strukturövergripande eller kompetenshöjande insats bara om registret anger ett förväntat \
         antal deltagare större än 0. Programmet kontrollerar rapporten efter samma regel som mallen \
         visar.",
    );
    doc.bullets([
        "**Den tomma mallen** säger under varje avsnitts rubrik vilka insatser avsnittet gäller.".to_string(),
        "**Den förifyllda mallen** (kommandot `mall` med registret) är anpassad till insatsen: \
         frågorna som insatsen måste besvara är markerade med *, också deltagaravsnitten för en \
         insats med deltagare. För en insats utan deltagare är deltagaravsnittens rutor stängda (grå) \
         och avsnittet säger att det fylls i bara om insatsen har deltagare; anges deltagare ändå blir \
         det en varning (`deltagare-ovantade`)."
            .to_string(),
    ]);
    let header =
        ["Avsnitt", Inriktning::Individ.label(), Inriktning::Struktur.label(), Inriktning::Kompetens.label()];
    let rows = Section::ALL.iter().map(|section| {
        let cell = |inriktning: Inriktning| match section.answered_by() {
            AnsweredBy::Every => "Ja".to_string(),
            AnsweredBy::WithParticipants if participants_expected(inriktning, None) => "Ja".to_string(),
            AnsweredBy::WithParticipants => {
                "Bara om registret anger förväntade deltagare; annars lämnas avsnittet tomt".to_string()
            }
        };
        [
            section.title().to_string(),
            cell(Inriktning::Individ),
            cell(Inriktning::Struktur),
            cell(Inriktning::Kompetens),
        ]
    });
    doc.table(header, rows);
    doc.block("*Ja* betyder att insatsen ska fylla i avsnittet: dess obligatoriska frågor måste besvaras.");
    doc.block(&format!(
        "Ett avsnitt som lämnats helt tomt fast flera av dess frågor är obligatoriska ger ett enda fynd, \
         {}, som säger vad som ska skrivas (för deltagaravsnitten: 0 i varje ruta om insatsen inte har \
         några deltagare ännu). En rapport där inget är ifyllt utöver det kansliet fyllt i ger ett enda \
         fynd, {}.",
        code(crate::finding::Code::AvsnittTomt.as_str()),
        code(crate::finding::Code::RapportEjIfylld.as_str()),
    ));
}

fn questions(doc: &mut Doc) {
    doc.block("## Frågorna");
    doc.block("Kolumnen *Obligatorisk* betyder:");
    doc.bullets(
        [Required::Yes, Required::No, Required::WhenParticipantsExpected]
            .map(|r| format!("**{}**: {}", required_text(r), required_meaning(r))),
    );
    for (number, section) in Section::ALL.iter().enumerate() {
        let fields: Vec<&Field> = FIELDS.iter().filter(|f| f.section == *section).collect();
        doc.block(&format!("### {}. {}", number + 1, section.title()));
        doc.block(&format!("{} {}", section.intro(), section.applies_to()));
        let rows = fields.iter().map(|f| {
            [
                code(f.name),
                f.display_label(),
                code(&f.ty.contract_name()),
                required_text(f.required).to_string(),
                f.help.to_string(),
            ]
        });
        doc.table(["Namn", "Fråga", "Typ", "Obligatorisk", "Hjälptext"], rows);
        let locked: Vec<String> = fields.iter().filter(|f| f.locked).map(|f| code(f.name)).collect();
        if !locked.is_empty() && locked.len() < fields.len() {
            doc.block(&format!(
                "Fylls i av kansliet från registret och är låst i mallen: {}.",
                locked.join(", ")
            ));
        }
    }
}

fn required_text(required: Required) -> &'static str {
    match required {
        Required::Yes => "Ja",
        Required::No => "Nej",
        Required::WhenParticipantsExpected => "Ja, för individinriktade insatser",
    }
}

fn required_meaning(required: Required) -> &'static str {
    match required {
        Required::Yes => "frågan måste besvaras.",
        Required::No => "frågan får lämnas tom.",
        Required::WhenParticipantsExpected => {
            "frågan måste besvaras när insatsen enligt registret ska ha deltagare \
             (individinriktade insatser och andra insatser med ett förväntat antal deltagare); \
             annars får den lämnas tom. 0 är ett svar."
        }
    }
}

fn goal_block(doc: &mut Doc) {
    let Some(field) = goal_block_field() else {
        return;
    };
    doc.block(&format!("## Målen i ansökan: {}", code(field.name)));
    doc.block(&format!(
        "{} pekar på ett block av rader, en rad per mål i ansökan, med {GOAL_BLOCK_COLUMNS} \
         kolumner. Rader där målets text är tom hoppas över, så blocket kan ha fler rader än \
         insatsen har mål. Programmet läser blockets {MAX_GOAL_ROWS} första rader och \
         {GOAL_BLOCK_COLUMNS} första kolumner.",
        code(field.name)
    ));
    let rows = goal_columns()
        .into_iter()
        .enumerate()
        .map(|(i, (ty, content))| [(i + 1).to_string(), content, code(&ty.contract_name())]);
    doc.table(["Kolumn", "Innehåll", "Typ"], rows);
}

/// The goal block's columns as (type, content); the length is the contract's.
fn goal_columns() -> [(FieldType, String); GOAL_BLOCK_COLUMNS as usize] {
    let statuses = GOAL_STATUS_LIST.options().iter().map(|o| code(o)).collect::<Vec<_>>();
    [
        (FieldType::Text, "Målets text, ifylld av kansliet från registret.".into()),
        (FieldType::Choice(GOAL_STATUS_LIST), format!("Målets status: {}.", one_of(&statuses))),
        (FieldType::Text, "Kommentar om målet. Får lämnas tom.".into()),
    ]
}

fn goal_block_field() -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.ty == FieldType::GoalBlock)
}

fn reasons(doc: &mut Doc) {
    doc.block("## Avslutsanledningar");
    doc.block(
        "Deltagare som avslutats under kvartalet räknas per anledning och kön, i ett fält för \
         kvinnor och ett för män. Summan av anledningarna för ett kön ska vara lika med antalet \
         avslutade deltagare av det könet.",
    );
    let rows = AVSLUTSANLEDNINGAR.iter().map(|(key, wording)| {
        let names = FIELDS
            .iter()
            .filter(|f| f.section == Section::Avslut && f.label == *wording)
            .map(|f| code(f.name))
            .collect::<Vec<_>>();
        let to_work = if TILL_ARBETE_ELLER_STUDIER.contains(key) { "Ja" } else { "Nej" };
        [code(key), wording.to_string(), names.join(", "), to_work.to_string()]
    });
    doc.table(["Anledning", "Formulering", "Fält", "Till arbete eller studier"], rows);
    let to_work: Vec<String> = AVSLUTSANLEDNINGAR
        .iter()
        .filter(|(key, _)| TILL_ARBETE_ELLER_STUDIER.contains(key))
        .map(|(_, wording)| format!("*{wording}*"))
        .collect();
    doc.block(&format!(
        "I förbundets statistik räknas {} som att deltagaren gått till arbete eller studier.",
        all_of(&to_work)
    ));
}

fn personal_data(doc: &mut Doc) {
    doc.block("## Personuppgifter");
    doc.block(
        "Rapporten innehåller bara antal, aldrig namn, personnummer eller andra uppgifter om \
         enskilda deltagare: förbundet har inte rättslig grund att behandla deltagarnas \
         personuppgifter. Uppgifter om enskilda finns bara i SUS/Uppföljning Finsam.",
    );
    doc.block(&format!(
        "Programmet söker igenom all text i rapporten efter svenska personnummer och \
         samordningsnummer: varje fält av typen {} och målens text och kommentarer i {}. Ett \
         nummer som hittas byts mot {} redan när rapporten läses och kopieras aldrig vidare, \
         varken till sammanställningen, till meddelanden eller till någon annan utdata. Rapporten får fyndet {} ({}) så att styrgruppen kan ta bort numret \
         ur sin fil.",
        code(&FieldType::Text.contract_name()),
        goal_block_field().map_or_else(String::new, |f| code(f.name)),
        code(pnr::MASK),
        code(Code::PersonnummerIFritext.as_str()),
        Code::PersonnummerIFritext.severity().label(),
    ));
    doc.block(
        "Numret känns igen i de här formerna (Å år, M månad, D dag, N löpnummer och \
         kontrollsiffra):",
    );
    doc.bullets(PNR_FORMS.iter().map(|form| code(form)));
    doc.block(
        "Datumdelen ska vara ett giltigt datum (i ett samordningsnummer är dagen ökad med 60). Med \
         bindestreck eller plustecken, eller med fyrsiffrigt år (19… eller 20…), räcker det: ett \
         nummer med felskriven kontrollsiffra är ändå någons personnummer och tas bort. Tio siffror i \
         följd utan tecken (`ÅÅMMDDNNNN`) räknas bara med riktig kontrollsiffra, eftersom andra \
         tiosiffriga nummer, till exempel ett mobilnummer, kan se ut som ett datum. Siffror som \
         fortsätter före eller efter hör till ett längre nummer och räknas inte.",
    );
}

fn findings(doc: &mut Doc) {
    doc.block("## När något inte stämmer");
    doc.block(&format!(
        "Programmet avbryter aldrig för en felaktig rapport. Varje problem blir ett *fynd* med en \
         kod som inte ändras, och kansliet skickar styrgruppen listan över fynden i dess rapport. \
         **{}** betyder att den delen av rapporten inte kan användas förrän den rättats (övriga \
         delar används ändå); **{}** att rapporten kan användas men bör ses över. De vanligaste \
         fynden för den som fyller i rapporten:",
        Severity::Fel.label(),
        Severity::Varning.label(),
    ));
    let rows = FINDINGS.iter().map(|(finding, when)| {
        [code(finding.as_str()), finding.severity().label().to_string(), when.to_string()]
    });
    doc.table(["Fynd", "Allvarlighet", "När"], rows);
}

fn python_example(doc: &mut Doc) {
    doc.block("## Exempel: fyll i en rapport med Python");
    doc.block(
        "Så här kan ett annat system fylla i en rapport via namnen, med Python och openpyxl 3.1 \
         eller senare. Utgå från mallen som kansliet skickat för insatsen och kvartalet, där de \
         låsta fälten redan är ifyllda, och skriv bara svaren. Skriv tal som tal och datum som \
         datum, och värdena i listfrågor som de står i listan.",
    );
    doc.block(&format!("```python\n{}```", python_code()));
    let identity: Vec<String> = FIELDS
        .iter()
        .filter(|f| f.section == Section::Identitet && f.locked && f.name != VERSION_FIELD)
        .map(|f| code(f.name))
        .collect();
    let goals = goal_block_field()
        .map_or_else(String::new, |f| format!(", och målens text i första kolumnen av {}", code(f.name)));
    doc.block(&format!(
        "Utgår du i stället från den tomma mallen fyller du själv i {}{goals}; {} står redan \
         i mallen.",
        all_of(&identity),
        field_ref(VERSION_FIELD),
    ));
}

/// The example script: one answer per kind of type, then the goal block.
fn python_code() -> String {
    let mut code = String::from(
        "from datetime import date\nfrom openpyxl import load_workbook\n\n\
         wb = load_workbook(\"kvartalsrapport.xlsx\")\n\n\
         def skriv(namn, varde):\n    \
         \"\"\"Skriver ett svar i cellen som det definierade namnet pekar på.\"\"\"\n    \
         for blad, cell in wb.defined_names[namn].destinations:\n        \
         wb[blad][cell].value = varde\n\n",
    );
    let kinds: [fn(FieldType) -> bool; 5] = [
        |t| t == FieldType::Date,
        |t| t == FieldType::Text,
        |t| t == FieldType::Kr,
        |t| t == FieldType::Int,
        |t| matches!(t, FieldType::Choice(_)),
    ];
    for kind in kinds {
        let Some(field) = FIELDS.iter().find(|f| !f.locked && kind(f.ty)) else {
            continue;
        };
        let value = match field.ty {
            FieldType::Date => "date(2018, 4, 5)".to_string(),
            FieldType::Kr => "1051000".to_string(),
            FieldType::Int => "3".to_string(),
            FieldType::Choice(list) => format!("\"{}\"", list.options().first().copied().unwrap_or_default()),
            FieldType::Text | FieldType::GoalBlock => "\"Anna Andersson\"".to_string(),
        };
        code.push_str(&format!(
            "# Typ {}: {}\nskriv(\"{}\", {value})\n",
            field.ty.contract_name(),
            field.display_label(),
            field.name
        ));
    }
    if let Some(block) = goal_block_field() {
        let status = GOAL_STATUS_LIST.options().get(1).copied().unwrap_or_default();
        code.push_str(&format!(
            "\n# {}: status och kommentar på varje rad som har ett mål.\n\
             for blad, omrade in wb.defined_names[\"{}\"].destinations:\n    \
             for mal, status, kommentar in wb[blad][omrade]:\n        \
             if mal.value:\n            \
             status.value = \"{status}\"\n            \
             kommentar.value = \"Fler deltagare än väntat har gått till studier.\"\n",
            block.name, block.name
        ));
    }
    code.push_str("\nwb.save(\"kvartalsrapport-ifylld.xlsx\")\n");
    code
}

/// Markdown built block by block, with one blank line between blocks.
#[derive(Default)]
struct Doc(String);

impl Doc {
    fn block(&mut self, text: &str) {
        if !self.0.is_empty() {
            self.0.push('\n');
        }
        self.0.push_str(text.trim_end_matches('\n'));
        self.0.push('\n');
    }

    fn bullets(&mut self, items: impl IntoIterator<Item = String>) {
        let lines: Vec<String> = items.into_iter().map(|item| format!("- {item}")).collect();
        self.block(&lines.join("\n"));
    }

    /// A table; every cell is escaped, so a `|` in a label cannot break it.
    fn table<const N: usize>(&mut self, header: [&str; N], rows: impl IntoIterator<Item = [String; N]>) {
        let line = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
        let mut lines =
            vec![line(header.iter().map(|h| escape_cell(h)).collect()), line(vec!["---".to_string(); N])];
        lines.extend(rows.into_iter().map(|row| line(row.iter().map(|c| escape_cell(c)).collect())));
        self.block(&lines.join("\n"));
    }
}

fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn code(text: &str) -> String {
    format!("`{text}`")
}

/// A text cell's content in quotes, so its spaces show.
fn quote(text: &str) -> String {
    format!("`\"{text}\"`")
}

fn field_ref(name: &str) -> String {
    super::field(name).map_or_else(|| name.to_string(), |f| code(f.name))
}

fn or_dash(text: String) -> String {
    if text.is_empty() { "–".to_string() } else { text }
}

/// "a, b eller c".
fn one_of(items: &[String]) -> String {
    join_last(items, " eller ")
}

/// "a, b och c".
fn all_of(items: &[String]) -> String {
    join_last(items, " och ")
}

fn join_last(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., tail] => format!("{}{last}{tail}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{CellValue, parse_date, parse_int, parse_kr, parse_text};

    const DOC_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/mallkontrakt.md");
    const GENERATED_NOTE: &str = "<!-- Genereras av src/contract/doc.rs – ändra inte för hand. -->";

    fn checked_in_text() -> String {
        format!("{GENERATED_NOTE}\n\n{}", contract_markdown())
    }

    #[test]
    fn checked_in_document_matches_the_contract() {
        let expected = checked_in_text();
        if std::env::var_os("UPPFOLJNING_BLESS").is_some_and(|v| v == "1") {
            if let Err(error) = std::fs::write(DOC_PATH, &expected) {
                panic!("docs/mallkontrakt.md could not be written: {error}");
            }
            return;
        }
        let Ok(actual) = std::fs::read_to_string(DOC_PATH) else {
            panic!("docs/mallkontrakt.md is missing. Run `UPPFOLJNING_BLESS=1 cargo test --lib contract`.");
        };
        let actual = actual.replace("\r\n", "\n");
        if actual != expected {
            let line = actual.lines().zip(expected.lines()).position(|(a, e)| a != e);
            panic!(
                "docs/mallkontrakt.md is out of date with src/contract (first difference at line \
                 {}). Run `UPPFOLJNING_BLESS=1 cargo test --lib contract` and review the diff \
                 (`git diff docs/mallkontrakt.md`).",
                line.map_or_else(|| "end".to_string(), |l| (l + 1).to_string())
            );
        }
    }

    #[test]
    fn every_field_name_label_and_section_is_in_the_document() {
        let doc = contract_markdown();
        for field in FIELDS {
            assert!(doc.contains(&format!("| `{}` |", field.name)), "{}", field.name);
            assert!(doc.contains(&escape_cell(&field.display_label())), "{}", field.name);
            assert!(doc.contains(&escape_cell(field.help)), "{}", field.name);
        }
        for section in Section::ALL {
            assert!(doc.contains(section.title()) && doc.contains(section.intro()), "{section:?}");
        }
    }

    #[test]
    fn every_list_value_and_synonym_is_in_the_document() {
        let doc = contract_markdown();
        for list in ChoiceList::ALL {
            assert!(doc.contains(&code(list.contract_name())), "{list:?}");
            for value in list.options() {
                assert!(doc.contains(&code(value)), "{value}");
            }
            for (synonym, value) in list.synonyms() {
                assert!(doc.contains(&format!("`{synonym}` = `{value}`")), "{synonym}");
            }
        }
    }

    #[test]
    fn every_reason_for_finishing_and_version_is_in_the_document() {
        let doc = contract_markdown();
        for (key, wording) in AVSLUTSANLEDNINGAR {
            assert!(doc.contains(&format!("| `{key}` | {wording} |")), "{key}");
        }
        for version in ISSUED_VERSIONS {
            assert!(doc.contains(&code(version)), "{version}");
        }
    }

    #[test]
    fn every_type_in_use_has_a_row_in_the_types_table() {
        use std::mem::discriminant;
        for field in FIELDS {
            let ty = discriminant(&field.ty);
            assert!(TYPE_KINDS.iter().any(|k| discriminant(k) == ty), "{}", field.name);
        }
        assert!(super::super::field(VERSION_FIELD).is_some());
    }

    #[test]
    fn every_table_row_has_as_many_cells_as_its_header() {
        let doc = contract_markdown();
        let cells = |line: &str| line.replace("\\|", "").matches('|').count();
        let mut header = None;
        for line in doc.lines() {
            match (line.starts_with('|'), header) {
                (true, None) => header = Some(cells(line)),
                (true, Some(n)) => assert_eq!(cells(line), n, "{line}"),
                (false, _) => header = None,
            }
        }
    }

    #[test]
    fn the_examples_of_the_types_table_are_accepted_by_the_reader() {
        let text = |s: &str| CellValue::Text(s.to_string());
        for e in TEXT_EXAMPLES {
            assert!(parse_text(&text(e)).is_some(), "{e:?}");
        }
        for e in INT_EXAMPLES {
            assert!(matches!(parse_int(&text(e)), Ok(Some(_))), "{e:?}");
        }
        for e in KR_EXAMPLES {
            assert!(matches!(parse_kr(&text(e)), Ok(Some(_))), "{e:?}");
        }
        for e in DATE_EXAMPLES {
            assert!(matches!(parse_date(&text(e)), Ok(Some(_))), "{e:?}");
        }
        let examples = choice_examples();
        assert_eq!(examples.len(), 3, "{examples:?}");
        for e in examples {
            assert!(ChoiceList::ALL.iter().any(|l| l.parse(&e).is_some()), "{e:?}");
        }
    }

    #[test]
    fn every_personal_number_form_in_the_document_is_masked() {
        // 811218-9876 is the Swedish Tax Agency's example, with a valid check digit.
        for form in PNR_FORMS {
            let example = form
                .replace("ÅÅÅÅ", "1981")
                .replace("ÅÅ", "81")
                .replace("MM", "12")
                .replace("DD", "18")
                .replace("NNNN", "9876");
            assert_eq!(pnr::mask(&format!("Deltagare {example}.")).1, 1, "{form}");
        }
    }

    #[test]
    fn swedish_lists_read_naturally() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(one_of(&items(&["a", "b", "c"])), "a, b eller c");
        assert_eq!(all_of(&items(&["a", "b"])), "a och b");
        assert_eq!(all_of(&items(&["a"])), "a");
    }
}
