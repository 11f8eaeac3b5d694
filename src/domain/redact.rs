//! Text from providers and carriers (error messages) scrubbed before it is logged or
//! stored: they quote the recipient ("The 'To' number +15005550001 is not valid"), and
//! personal data stays out of logs and `last_error`.

#![warn(clippy::arithmetic_side_effects)]

/// Longest provider text kept.
const MAX_CHARS: usize = 300;

/// Characters read of a provider's text: more is cut anyway.
const MAX_READ: usize = 4 * MAX_CHARS;

/// `text` with e-mail addresses and phone-like digit runs replaced, cut to a sane length.
/// Read as characters, not words: `"to":"ana@example.com"` and `+44 20 7946 0958` are
/// caught inside JSON and across spaces.
pub fn scrub(text: &str) -> String {
    let chars: Vec<char> = text.chars().take(MAX_READ).collect();
    let mut ranges: Vec<(usize, usize, &str)> = emails(&chars)
        .into_iter()
        .map(|(start, end)| (start, end, "<email>"))
        .chain(phones(&chars).into_iter().map(|(s, e)| (s, e, "<phone>")))
        .collect();
    // The longest range first where two start together (an address made of a number).
    ranges.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
    let mut out = String::with_capacity(chars.len().min(MAX_CHARS));
    let mut at = 0;
    for (start, end, label) in ranges {
        if start < at {
            continue;
        }
        out.extend(chars.get(at..start).unwrap_or_default());
        out.push_str(label);
        at = end;
    }
    out.extend(chars.get(at..).unwrap_or_default());
    if out.chars().count() > MAX_CHARS || text.chars().nth(MAX_READ).is_some() {
        out = out.chars().take(MAX_CHARS.saturating_sub(1)).collect();
        out.push('…');
    }
    out
}

/// `…` and the last four characters of `text`, to tell keys and accounts apart without
/// showing them.
pub fn hint(text: &str) -> String {
    let start = text.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
    format!("…{}", &text[start..])
}

/// Character ranges of e-mail addresses: a local part, `@`, a domain with a dot inside.
fn emails(chars: &[char]) -> Vec<(usize, usize)> {
    let local = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_alphanumeric() || ".-".contains(c);
    let mut found = vec![];
    for (at, _) in chars.iter().enumerate().filter(|(_, c)| **c == '@') {
        let start = (0..at)
            .rev()
            .take_while(|&i| chars.get(i).is_some_and(|c| local(*c)))
            .last();
        let after = at.saturating_add(1);
        let end = (after..chars.len())
            .find(|&i| !chars.get(i).is_some_and(|c| domain(*c)))
            .unwrap_or(chars.len());
        let host: String = chars.get(after..end).unwrap_or_default().iter().collect();
        let dotted = host.trim_matches('.').contains('.');
        if let (Some(start), true) = (start, dotted) {
            found.push((start, end));
        }
    }
    found
}

/// Character ranges that read as phone numbers: at least seven digits with only
/// `+ ( ) - .` and spaces between them (an ISO date is not one).
fn phones(chars: &[char]) -> Vec<(usize, usize)> {
    let inner = |c: char| c.is_ascii_digit() || "+()-. ".contains(c);
    let mut found = vec![];
    let mut n = 0;
    while n < chars.len() {
        let Some(first) = (n..chars.len()).find(|&i| {
            chars
                .get(i)
                .is_some_and(|c| c.is_ascii_digit() || *c == '+' || *c == '(')
        }) else {
            break;
        };
        let run_end = (first..chars.len())
            .find(|&i| !chars.get(i).is_some_and(|c| inner(*c)))
            .unwrap_or(chars.len());
        // The run ends at its last digit or closing parenthesis.
        let end = (first..run_end)
            .rev()
            .find(|&i| {
                chars
                    .get(i)
                    .is_some_and(|c| c.is_ascii_digit() || *c == ')')
            })
            .map_or(first, |i| i.saturating_add(1));
        let run: String = chars.get(first..end).unwrap_or_default().iter().collect();
        let digits = run.chars().filter(char::is_ascii_digit).count();
        let starts_in_word = first
            .checked_sub(1)
            .and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphanumeric());
        if digits >= 7 && !is_date(&run) && !starts_in_word {
            found.push((first, end));
        }
        n = run_end.max(first.saturating_add(1));
    }
    found
}

/// `2026-12-06` (maybe followed by a time): kept, as errors say when things happened.
fn is_date(run: &str) -> bool {
    let b = run.as_bytes();
    b.len() >= 10
        && b.iter().take(10).enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
        && run
            .get(10..)
            .is_none_or(|rest| rest.chars().filter(char::is_ascii_digit).count() < 7)
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
        assert_eq!(
            scrub(r#"{"to":"ana@example.com","phone":"+44 20 7946 0958"}"#),
            r#"{"to":"<email>","phone":"<phone>"}"#
        );
        assert_eq!(
            scrub("refused at 2026-12-06 10:00:00 for order A1234567"),
            "refused at 2026-12-06 10:00:00 for order A1234567"
        );
        assert_eq!(scrub("user@localhost said no"), "user@localhost said no");
        let long = "é".repeat(1000);
        assert!(scrub(&long).chars().count() <= MAX_CHARS);
    }
}
