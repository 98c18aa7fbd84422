//! Making corpus text safe for a terminal.
//!
//! Transcripts come from the web: they may hold escape sequences, control characters or
//! bidirectional overrides that would move the cursor, recolour the terminal or reorder what
//! is shown. Text output passes every string from the corpus through [`for_terminal`]; JSON
//! output needs nothing more than JSON's own escaping.

use std::borrow::Cow;

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `text` with control, escape and bidirectional-override characters shown as `\u{…}`.
pub(crate) fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Escapes the characters that would start Markdown markup.
pub(crate) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '_' | '`' | '[' | ']' | '#' | '<' | '>' | '\\') {
            out.push('\\');
        }
        if !c.is_control() {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_escape_sequences_and_bidi_overrides_are_made_visible() {
        assert_eq!(for_terminal("red \u{1b}[31mtext"), "red \\u{1b}[31mtext");
        assert_eq!(for_terminal("abc\u{202E}def"), "abc\\u{202e}def");
        assert_eq!(for_terminal("bell\u{7}"), "bell\\u{7}");
    }

    #[test]
    fn test_ordinary_text_is_untouched() {
        assert!(matches!(
            for_terminal("稳外贸 RCEP\tline\n"),
            Cow::Borrowed(_)
        ));
    }
}
