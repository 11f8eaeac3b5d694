//! What the messages form shows: the matrix and the values, from the saved settings or
//! from a refused form as it was posted.

use super::SUGGESTIONS;
use crate::domain::{Channel, Trigger};
use crate::services::SettingsInput;

pub(super) struct Row {
    pub(super) trigger: &'static str,
    pub(super) label: String,
    /// Per column: checked.
    pub(super) cells: Vec<bool>,
}

/// The form's values: the saved settings, or the platform's where the shop set none.
pub(super) struct Values {
    pub(super) order: String,
    pub(super) cap: String,
    pub(super) quiet: String,
    pub(super) feedback: String,
    pub(super) review: String,
    /// Name and link; empty rows up to [`SUGGESTIONS`].
    pub(super) suggestions: Vec<(String, String)>,
    /// The make-good: text, days late, codes on, the "running low" mark.
    pub(super) late: (String, String, bool, String),
}

impl Values {
    pub(super) fn of(settings: &SettingsInput, platform: &[Channel]) -> Values {
        let order = settings.channels.as_deref().unwrap_or(platform);
        let mut suggestions: Vec<(String, String)> = settings
            .also_like
            .iter()
            .map(|s| (s.name.clone(), s.url.clone()))
            .collect();
        suggestions.resize(SUGGESTIONS, (String::new(), String::new()));
        Values {
            order: order
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            cap: settings
                .daily_cap
                .map(|c| c.to_string())
                .unwrap_or_default(),
            quiet: settings.quiet_hours.clone().unwrap_or_default(),
            feedback: settings
                .feedback_after
                .as_ref()
                .map(|v| v.join(", "))
                .unwrap_or_default(),
            review: settings.review_url.clone().unwrap_or_default(),
            suggestions,
            late: settings.make_good.as_ref().map_or_else(
                || (String::new(), "2".into(), false, "10".into()),
                |m| {
                    let (days, low) = (m.late_by_days.to_string(), m.low_at.to_string());
                    (m.text.clone(), days, m.codes, low)
                },
            ),
        }
    }

    /// The values as the member typed them (a refused form is drawn again with them).
    pub(super) fn posted(form: &[(String, String)]) -> Values {
        let get = |k: &str| {
            form.iter()
                .find(|(n, _)| n == k)
                .map_or_else(String::new, |(_, v)| v.clone())
        };
        Values {
            order: get("channels"),
            cap: get("daily_cap"),
            quiet: get("quiet_hours"),
            feedback: get("feedback_after"),
            review: get("review_url"),
            suggestions: (0..SUGGESTIONS)
                .map(|i| (get(&format!("like_name{i}")), get(&format!("like_url{i}"))))
                .collect(),
            late: (
                get("mg_text"),
                get("mg_days"),
                form.iter().any(|(k, v)| k == "mg_codes" && v == "1"),
                get("mg_low"),
            ),
        }
    }
}

/// What the form shows: the saved settings, or a refused form as it was posted.
pub(super) enum Shown<'a> {
    Saved(&'a SettingsInput),
    Posted(&'a [(String, String)]),
}

/// The matrix: per trigger, whether it goes out on each column's channel.
pub(super) fn rows(
    shown: &Shown<'_>,
    cols: &[Channel],
    platform: &[Trigger],
    name: &dyn Fn(Trigger) -> String,
) -> Vec<Row> {
    let stored = match shown {
        Shown::Saved(settings) => crate::domain::NotificationSettings {
            triggers: settings.triggers.clone(),
            ..Default::default()
        },
        Shown::Posted(_) => crate::domain::NotificationSettings::default(),
    };
    let on = |t: Trigger, c: Channel| match shown {
        Shown::Saved(_) => stored.allows(t, c, platform),
        Shown::Posted(form) => {
            let key = format!("t.{}", t.as_str());
            form.iter().any(|(k, v)| *k == key && v == c.as_str())
        }
    };
    Trigger::ALL
        .iter()
        .map(|t| Row {
            trigger: t.as_str(),
            label: name(*t),
            cells: cols.iter().map(|c| on(*t, *c)).collect(),
        })
        .collect()
}
