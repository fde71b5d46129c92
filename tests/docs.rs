//! The user documents that are written by hand still name what the code
//! knows: a renamed setting or sheet fails here until the document follows.

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
        "cargo run --locked --release -- kontrollera --register samples/register.xlsx samples/rapporter"
    ));
    assert!(readme.contains("cargo test --locked"));
    for code in ["| 0 |", "| 1 |", "| 2 |"] {
        assert!(readme.contains(code), "{code}");
    }
}
