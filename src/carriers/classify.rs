//! The shared classifier: what a carrier's event means in shipmate's model, read from the
//! code table kept beside each adapter (`<carrier>/codes.rs`), by the event's exact code
//! ([`by_code`]) or, for carriers whose codes are not all published, by its words
//! ([`by_words`]: lower-case needles, first match wins). An event no row explains counts as
//! movement, never dropped.

use crate::domain::{Party, Status, Substatus};

/// What an event means: status, substatus, responsible party.
pub type Mapping = (Status, Option<Substatus>, Option<Party>);

/// One row of a code table: the carrier's key (a code, a pair of codes, or for
/// [`by_words`] a lower-case needle) and what it means.
pub type Row<K = &'static str> = (K, Status, Option<Substatus>, Option<Party>);

/// What an event no row explains means: plain movement.
pub const MOVEMENT: Mapping = (Status::InTransit, None, None);

/// The mapping of the first row whose key `hit` accepts.
pub fn first<K>(table: &[Row<K>], hit: impl Fn(&K) -> bool) -> Option<Mapping> {
    table
        .iter()
        .find(|(key, ..)| hit(key))
        .map(|&(_, s, ss, p)| (s, ss, p))
}

/// The mapping of the row whose key is exactly `key`, if any.
pub fn lookup<K: PartialEq>(table: &[Row<K>], key: K) -> Option<Mapping> {
    first(table, |k| *k == key)
}

/// What an event's code means; a code not in the table counts as movement.
pub fn by_code<K: PartialEq>(table: &[Row<K>], key: K) -> Mapping {
    lookup(table, key).unwrap_or(MOVEMENT)
}

/// What an event's words mean: the first rule whose needle the lower-cased text contains;
/// anything else counts as movement.
pub fn by_words(text: &str, rules: &[Row]) -> Mapping {
    let text = text.to_lowercase();
    first(rules, |needle| text.contains(needle)).unwrap_or(MOVEMENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES: &[Row] = &[
        ("DL", Status::Delivered, None, None),
        ("OD", Status::OutForDelivery, None, None),
    ];

    #[test]
    fn codes_match_exactly_and_the_rest_is_movement() {
        assert_eq!(by_code(CODES, "DL").0, Status::Delivered);
        assert_eq!(by_code(CODES, "dl"), MOVEMENT);
        assert_eq!(lookup(CODES, "D"), None);
        let pairs: &[Row<(&str, &str)>] = &[(("BD", "01"), Status::Delivered, None, None)];
        assert_eq!(by_code(pairs, ("BD", "01")).0, Status::Delivered);
        assert_eq!(by_code(pairs, ("BD", "02")), MOVEMENT);
    }

    #[test]
    fn words_match_by_needle_first_rule_wins() {
        let rules: &[Row] = &[
            ("returned to sender", Status::ReturnToSender, None, None),
            ("delivered", Status::Delivered, None, None),
        ];
        assert_eq!(by_words("Item DELIVERED", rules).0, Status::Delivered);
        let returned = by_words("Delivered: returned to sender", rules);
        assert_eq!(returned.0, Status::ReturnToSender);
        assert_eq!(by_words("Sorted", rules), MOVEMENT);
    }
}
