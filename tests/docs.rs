//! The user documents that are written by hand still name what the code
//! knows: a renamed setting or sheet fails here until the document follows.

use serde_json::Value;
use std::collections::BTreeSet;
use uppfoljning::register::SETTINGS;

fn doc(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(name)).unwrap()
}

#[test]
fn the_register_document_lists_every_setting_with_its_default() {
    let register = doc("register.md");
    for (name, _, default) in SETTINGS {
        let row = register.lines().find(|l| l.starts_with(&format!("| {name} |")));
        let row = row.unwrap_or_else(|| panic!("docs/register.md has no row for the setting {name}"));
        assert!(row.contains(&format!("| {default} |")), "{name}: default {default} not in {row}");
    }
}

#[test]
fn the_readme_shows_the_two_commands_and_the_exit_codes() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(readme.contains(
        "cargo run --locked --release -- sammanstall --register samples/register.xlsx --period 2018-H1 --ut \
         \"Uppföljning 2018-H1.xlsx\" samples/rapporter"
    ));
    assert!(readme.contains("cargo test --locked"));
    for code in ["| 0 |", "| 1 |", "| 2 |"] {
        assert!(readme.contains(code), "{code}");
    }
}

/// Objects that recur in the JSON, by their keys, and the name
/// `docs/json.md` documents their fields under (`Bedömd.text`).
const SHARED_OBJECTS: [(&str, &[&str]); 3] = [
    ("Bedömd", &["anmarkning", "bedomning", "status", "text"]),
    ("Kvartal", &["ar", "kvartal"]),
    ("AvslutRad", &["anledning", "kvinnor", "man", "totalt"]),
];

/// Every field of `value` as `docs/json.md` names it: `insatser[].mal.i_fas`,
/// and a shared object's fields as `Bedömd.text`.
fn json_fields(value: &Value, path: &str, fields: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            let keys: Vec<&str> = map.keys().map(String::as_str).collect();
            let shared = SHARED_OBJECTS.iter().find(|(_, shape)| {
                let mut sorted = keys.clone();
                sorted.sort();
                sorted == *shape
            });
            for (key, inner) in map {
                match shared {
                    Some((name, _)) => fields.insert(format!("{name}.{key}")),
                    None => {
                        let path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                        json_fields(inner, &path, fields);
                        fields.insert(path)
                    }
                };
            }
        }
        Value::Array(items) => items.iter().for_each(|item| json_fields(item, &format!("{path}[]"), fields)),
        _ => {}
    }
}

#[test]
fn the_json_document_documents_every_field_and_no_other() {
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let (register, findings) = uppfoljning::register::read_register(&samples.join("register.xlsx")).unwrap();
    let inbox = uppfoljning::inbox::read_inbox(
        &uppfoljning::discover::discover(&[samples.join("rapporter")]).unwrap(),
    );
    let period = uppfoljning::period::Period::parse("2018-H1").unwrap();
    let s = uppfoljning::aggregate::aggregate(
        &register,
        &findings,
        &inbox,
        period,
        chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
    );
    // One change, and what it measures from, so that their fields are in the document too.
    let andringar = uppfoljning::changes::Andringar {
        sedan: Some(uppfoljning::changes::Jamforelse { fil: "Styrelsen.xlsx".into(), sparad: None }),
        behallen: false,
        rader: vec![uppfoljning::changes::Andring {
            vad: "Status ändrad: Budget".into(),
            insats: "GESAM".into(),
            fore: "Gul".into(),
            efter: "Grön".into(),
        }],
    };
    let json: Value =
        serde_json::from_slice(&uppfoljning::render::json::to_json(&s, Some(&andringar)).unwrap()).unwrap();
    let mut in_json = BTreeSet::new();
    json_fields(&json, "", &mut in_json);
    // `rapportdata[].falt` holds every field of the template contract by its
    // defined name: documented once, as `NAMN`, beside `mallkontrakt.md`.
    let in_json: BTreeSet<String> = in_json
        .into_iter()
        .map(|f| if f.starts_with("rapportdata[].falt.") { "rapportdata[].falt.NAMN".to_string() } else { f })
        .collect();

    // The first column of the field tables, from the shared objects on.
    let doc = doc("json.md");
    let tables = doc.split_once("## Återkommande objekt").unwrap().1;
    let documented: BTreeSet<String> = tables
        .lines()
        .filter_map(|line| line.strip_prefix("| `")?.split_once('`').map(|(field, _)| field.to_string()))
        .collect();
    let undocumented: Vec<&String> = in_json.difference(&documented).collect();
    let stale: Vec<&String> = documented.difference(&in_json).collect();
    assert!(undocumented.is_empty(), "docs/json.md lacks {undocumented:?}");
    assert!(stale.is_empty(), "docs/json.md names fields the JSON does not have: {stale:?}");
}
