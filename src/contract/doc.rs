//! Renders the contract as the Swedish document `docs/mallkontrakt.md`.

/// The contract document, generated from [`super::FIELDS`].
pub fn contract_markdown() -> String {
    String::new()
}
