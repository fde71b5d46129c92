//! What every workbook the tool writes shares: the number formats kansliet
//! sees, and an estimate of how text wraps in a cell (neither Excel, in
//! merged cells, nor LibreOffice, when opening an xlsx, fits row heights to
//! text, so the writers set heights from this estimate).

/// Amounts as Swedish Excel shows them: `1 051 000 kr` (the comma is the
/// locale's thousands separator, a space in Sweden).
pub const KR_FORMAT: &str = "#,##0 \"kr\"";

/// Dates as the contract writes them.
pub const DATE_FORMAT: &str = "yyyy-mm-dd";

/// Lines `text` takes when every paragraph is word-wrapped at `per_line`
/// characters.
pub fn text_lines(text: &str, per_line: usize) -> usize {
    text.split('\n').map(|paragraph| wrapped_lines(paragraph, per_line)).sum()
}

/// Lines a greedy word wrap at `per_line` characters makes of `paragraph`;
/// a word longer than a line is broken over as many lines as it needs.
fn wrapped_lines(paragraph: &str, per_line: usize) -> usize {
    let per_line = per_line.max(1);
    let mut lines = 1;
    let mut used = 0;
    for word in paragraph.split_whitespace() {
        let len = word.chars().count();
        if used > 0 && used + 1 + len > per_line {
            lines += 1;
            used = 0;
        }
        used += usize::from(used > 0) + len;
        while used > per_line {
            lines += 1;
            used -= per_line;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_wrap_counts_lines_and_breaks_long_words() {
        assert_eq!(text_lines("", 10), 1);
        assert_eq!(text_lines("aaaa bbbb", 9), 1);
        assert_eq!(text_lines("aaaa bbbb c", 9), 2);
        assert_eq!(text_lines(&"x".repeat(64), 30), 3);
        assert_eq!(text_lines("rad ett\nrad två", 20), 2);
        assert_eq!(text_lines("noll", 0), 4);
    }
}
