//! Terminal safety: neutralises control characters in text that came from reports (or file
//! names, or rule files) before it is written to a terminal.
//!
//! Input: any `&str`. Output: the same text where nothing can act on the terminal: C0 controls
//! (ESC, BEL, backspace, a lone CR...) become their visible Unicode "control picture" (ESC ->
//! `␛`), DEL becomes `␡`, C1 controls (U+0080–U+009F, e.g. the one-byte CSI U+009B) and the
//! bidirectional overrides / isolates (U+202A–U+202E, U+2066–U+2069, which can make text display
//! in a different order than it is stored) become `�`. Line feeds, tabs and CR LF pairs are kept.
//! Text without such characters is returned borrowed, unchanged.
//!
//! Used by every renderer whose output goes to a terminal (table, the align table, GitHub
//! annotations) and by the binary's error messages. Structured formats escape on their own
//! (JSON `\u001b`, HTML entities...).

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as is (given the character after it, for CR LF).
fn is_unsafe(c: char, next: Option<char>) -> bool {
    match c {
        '\n' | '\t' => false,
        '\r' => next != Some('\n'),
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// The visible stand-in for an unsafe character.
fn replacement(c: char) -> char {
    match c {
        // U+2400 SYMBOL FOR NULL .. U+241F SYMBOL FOR UNIT SEPARATOR.
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// `text` with every terminal control character made visible and inert (see the module docs).
pub fn terminal(text: &str) -> Cow<'_, str> {
    let mut chars = text.chars().peekable();
    let mut first_bad = None;
    let mut offset = 0;
    while let Some(c) = chars.next() {
        if is_unsafe(c, chars.peek().copied()) {
            first_bad = Some(offset);
            break;
        }
        offset += c.len_utf8();
    }
    let Some(start) = first_bad else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..start]);
    let mut rest = text[start..].chars().peekable();
    while let Some(c) = rest.next() {
        if is_unsafe(c, rest.peek().copied()) {
            out.push(replacement(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        let t = "Police said 18 officers died.\n\tCafé «ok» — 100%";
        assert!(matches!(terminal(t), Cow::Borrowed(_)));
        assert_eq!(terminal(t), t);
        assert!(matches!(terminal("a\r\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn ansi_sequences_become_visible() {
        assert_eq!(terminal("a\u{1b}[31mred\u{1b}[0m"), "a␛[31mred␛[0m");
        // OSC 8 hyperlink and window-title sequences ending in BEL.
        assert_eq!(terminal("\u{1b}]0;pwned\u{7}x"), "␛]0;pwned\u{2407}x");
        // One-byte CSI (C1) and DEL.
        assert_eq!(terminal("x\u{9b}2Jy\u{7f}"), "x\u{fffd}2Jy\u{2421}");
    }

    #[test]
    fn lone_cr_backspace_and_nul() {
        assert_eq!(terminal("safe\rEVIL"), "safe\u{240d}EVIL");
        assert_eq!(
            terminal("ab\u{8}\u{8}c\u{0}"),
            "ab\u{2408}\u{2408}c\u{2400}"
        );
        assert_eq!(terminal("end\r"), "end\u{240d}");
        assert_eq!(terminal("a\r\nb\rc"), "a\r\nb\u{240d}c");
    }

    #[test]
    fn bidi_overrides() {
        assert_eq!(
            terminal("abc\u{202e}fed\u{2066}x\u{2069}"),
            "abc\u{fffd}fed\u{fffd}x\u{fffd}"
        );
        // Ordinary marks are not controls that reorder runs on their own: kept.
        assert_eq!(terminal("a\u{200e}b"), "a\u{200e}b");
    }

    #[test]
    fn no_control_survives() {
        let all: String = (0u32..0x2070).filter_map(char::from_u32).collect();
        let out = terminal(&all);
        for c in out.chars() {
            let control = c.is_control() && c != '\n' && c != '\t';
            let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            assert!(!control && !bidi, "{c:?} survived");
        }
    }
}
