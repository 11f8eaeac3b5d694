//! Text from providers and carriers (error messages) scrubbed before it is logged or
//! stored: they quote the recipient ("The 'To' number +15005550001 is not valid"), and
//! personal data stays out of logs and `last_error`.

#![warn(clippy::arithmetic_side_effects)]

/// Longest provider text kept.
const MAX_CHARS: usize = 300;

/// `text` with e-mail addresses and phone-like digit runs replaced, cut to a sane length.
pub fn scrub(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_CHARS));
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(scrub_word(word));
        if out.len() >= MAX_CHARS {
            let cut = (0..=MAX_CHARS)
                .rev()
                .find(|&c| out.is_char_boundary(c))
                .unwrap_or(0);
            out.truncate(cut);
            out.push('…');
            break;
        }
    }
    out
}

/// `…` and the last four characters of `text`, to tell keys and accounts apart without
/// showing them.
pub fn hint(text: &str) -> String {
    let start = text.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
    format!("…{}", &text[start..])
}

fn scrub_word(word: &str) -> &str {
    if word.contains('@') && word.split('@').nth(1).is_some_and(|d| d.contains('.')) {
        return "<email>";
    }
    // A phone number: mostly digits (with + ( ) - .), at least seven of them.
    let digits = word.chars().filter(char::is_ascii_digit).count();
    let phoneish = word
        .chars()
        .all(|c| c.is_ascii_digit() || "+()-.'\",:;".contains(c));
    if digits >= 7 && phoneish {
        return "<phone>";
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hint_is_the_last_four_characters() {
        assert_eq!(hint("sk_live_abcdef"), "…cdef");
        assert_eq!(hint("ab"), "…ab");
        assert_eq!(hint(""), "…");
        assert_eq!(hint("clé→ñü€"), "…→ñü€");
    }

    #[test]
    fn addresses_and_numbers_are_scrubbed() {
        assert_eq!(
            scrub("The 'To' number +15005550001 is not a valid phone number."),
            "The 'To' number <phone> is not a valid phone number."
        );
        assert_eq!(
            scrub("Mailbox ana.souza@example.com unavailable; call (011)-91234-5678"),
            "Mailbox <email> unavailable; call <phone>"
        );
        assert_eq!(scrub("HTTP 503 at 2026"), "HTTP 503 at 2026");
        let long = "é".repeat(1000);
        assert!(scrub(&long).chars().count() <= MAX_CHARS);
    }
}
