//! The plain-text layouts of a composed message.

use super::Composed;

/// `2 × Mug`, or `Mug` alone.
pub(super) fn item_line(i: &crate::domain::Item) -> String {
    if i.quantity > 1 {
        format!("{} × {}", i.quantity, i.name)
    } else {
        i.name.clone()
    }
}

/// The plain-text body: paragraphs, items, suggestions, the link, the footer.
pub(super) fn text(m: &Composed<'_>) -> String {
    let mut text = m.paragraphs.join("\n\n");
    if !m.items.is_empty() {
        text.push_str(&format!(
            "\n\n{}:\n- {}",
            m.items_heading,
            m.items.join("\n- ")
        ));
    }
    if !m.also_like.is_empty() {
        text.push_str(&format!("\n\n{}:", m.also_like_heading));
        for s in m.also_like {
            text.push_str(&format!("\n- {}: {}", s.name, s.url));
        }
    }
    text.push_str(&format!("\n\n{}: {}\n\n-- \n{}", m.button, m.url, m.footer));
    if let Some(u) = &m.unsubscribe_url {
        text.push_str(&format!("\n{}: {u}", m.unsubscribe));
    }
    text
}

/// Text without Fluent's bidi isolation marks: plain-text channels (subjects, SMS) show
/// them as stray characters; HTML keeps them, where they protect right-to-left layouts.
pub(super) fn plain(s: &str) -> String {
    s.replace(['\u{2068}', '\u{2069}'], "")
}
