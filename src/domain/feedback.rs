//! A customer's answer about one delivery: a 1–5 rating (CSAT), optionally 0–10 "would you
//! recommend" (NPS) and a comment, with where the customer came from. One per shipment,
//! editable for a day.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{Invalid, MerchantId, ShipmentId};

/// How long after the first answer it may still be changed.
pub const EDITABLE_FOR: Duration = Duration::hours(24);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Qr,
    Email,
    Sms,
    Whatsapp,
    Page,
}

impl Source {
    /// The `s` query parameter of a link; anything unknown counts as the page.
    pub fn parse(s: Option<&str>) -> Source {
        match s {
            Some("qr") => Source::Qr,
            Some("email") => Source::Email,
            Some("sms") => Source::Sms,
            Some("whatsapp") => Source::Whatsapp,
            _ => Source::Page,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Qr => "qr",
            Source::Email => "email",
            Source::Sms => "sms",
            Source::Whatsapp => "whatsapp",
            Source::Page => "page",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub shipment_id: ShipmentId,
    pub merchant_id: MerchantId,
    pub rating: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nps: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub source: Source,
    /// At or below the merchant's alert threshold.
    #[serde(default)]
    pub detractor: bool,
    /// Optional ratings of the order's items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemRating>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRating {
    pub name: String,
    pub rating: u8,
}

/// The form's fields as typed, before checking.
#[derive(Debug, Default, Clone)]
pub struct Answer<'a> {
    pub rating: &'a str,
    pub nps: &'a str,
    pub comment: &'a str,
    /// (item name, rating as typed; empty: not rated).
    pub items: Vec<(&'a str, &'a str)>,
}

/// The item ratings given (1–5 each; unrated items left out).
pub fn check_items(a: &Answer<'_>) -> Result<Vec<ItemRating>, Invalid> {
    let mut out = vec![];
    for (name, raw) in &a.items {
        match raw.trim() {
            "" => {}
            r => out.push(ItemRating {
                name: (*name).to_owned(),
                rating: r
                    .parse::<u8>()
                    .ok()
                    .filter(|r| (1..=5).contains(r))
                    .ok_or_else(|| Invalid::new("items"))?,
            }),
        }
    }
    Ok(out)
}

/// Checked values: (rating, nps, comment).
pub fn check(a: &Answer<'_>) -> Result<(u8, Option<u8>, Option<String>), Invalid> {
    let rating: u8 = a
        .rating
        .trim()
        .parse()
        .ok()
        .filter(|r| (1..=5).contains(r))
        .ok_or_else(|| Invalid::new("rating"))?;
    let nps = match a.nps.trim() {
        "" => None,
        n => Some(
            n.parse::<u8>()
                .ok()
                .filter(|n| *n <= 10)
                .ok_or_else(|| Invalid::new("nps"))?,
        ),
    };
    let comment = a.comment.trim();
    if comment.chars().count() > 2000 {
        return Err(Invalid::new("comment"));
    }
    Ok((
        rating,
        nps,
        (!comment.is_empty()).then(|| comment.to_owned()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_checked_field_by_field() {
        let ok = |r, n, c| {
            check(&Answer {
                rating: r,
                nps: n,
                comment: c,
                items: vec![],
            })
        };
        let items = |v: Vec<(&'static str, &'static str)>| {
            check_items(&Answer {
                items: v,
                ..Answer::default()
            })
        };
        assert_eq!(
            items(vec![("Mug", "4"), ("Cup", "")]).unwrap(),
            [ItemRating {
                name: "Mug".into(),
                rating: 4
            }]
        );
        assert_eq!(items(vec![("Mug", "9")]).unwrap_err().0, "items");
        assert_eq!(ok("5", "", "  "), Ok((5, None, None)));
        assert_eq!(
            ok("1", "10", " Late "),
            Ok((1, Some(10), Some("Late".into())))
        );
        assert_eq!(ok("0", "", "").unwrap_err().0, "rating");
        assert_eq!(ok("6", "", "").unwrap_err().0, "rating");
        assert_eq!(ok("x", "", "").unwrap_err().0, "rating");
        assert_eq!(ok("3", "11", "").unwrap_err().0, "nps");
        assert_eq!(ok("3", "", &"a".repeat(2001)).unwrap_err().0, "comment");
        assert_eq!(Source::parse(Some("qr")), Source::Qr);
        assert_eq!(Source::parse(Some("<script>")), Source::Page);
    }
}
