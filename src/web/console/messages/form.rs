//! The messages form read back into the API's settings document.

use std::collections::BTreeMap;

use super::SUGGESTIONS;
use crate::domain::{Channel, Suggestion, Trigger, TriggerSwitch};
use crate::services::{FieldError, MakeGoodInput, SettingsInput};

/// The form read back into the API's settings document (checked by the service).
pub(super) fn settings_of(
    form: &[(String, String)],
    cols: &[Channel],
) -> Result<SettingsInput, FieldError> {
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map_or("", |(_, v)| v.trim())
    };
    let mut triggers = BTreeMap::new();
    for t in Trigger::ALL {
        let key = format!("t.{}", t.as_str());
        let on: Vec<Channel> = cols
            .iter()
            .copied()
            .filter(|c| form.iter().any(|(n, v)| *n == key && v == c.as_str()))
            .collect();
        let switch = match on.len() {
            0 => TriggerSwitch::All(false),
            n if n == cols.len() => TriggerSwitch::All(true),
            _ => TriggerSwitch::Only(on),
        };
        triggers.insert(t, switch);
    }
    let mut channels = vec![];
    for name in get("channels")
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .take(8)
    {
        channels.push(Channel::parse(name).ok_or_else(|| {
            FieldError::new(
                "channels",
                "email, sms, whatsapp or outbox, comma-separated",
            )
        })?);
    }
    let daily_cap = match get("daily_cap") {
        "" => None,
        raw => Some(
            raw.parse::<u32>()
                .map_err(|_| FieldError::new("daily_cap", "a whole number"))?,
        ),
    };
    let feedback: Vec<String> = get("feedback_after")
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .take(8)
        .map(str::to_owned)
        .collect();
    let also_like = (0..SUGGESTIONS)
        .map(|i| (get(&format!("like_name{i}")), get(&format!("like_url{i}"))))
        .filter(|(n, u)| !n.is_empty() || !u.is_empty())
        .map(|(name, url)| Suggestion {
            name: name.to_owned(),
            url: url.to_owned(),
        })
        .collect();
    Ok(SettingsInput {
        channels: (!channels.is_empty()).then_some(channels),
        triggers,
        feedback_after: (!feedback.is_empty()).then_some(feedback),
        daily_cap,
        quiet_hours: Some(get("quiet_hours").trim().to_owned()).filter(|q| !q.is_empty()),
        also_like,
        review_url: Some(get("review_url").to_owned()).filter(|u| !u.is_empty()),
        make_good: make_good(form)?,
    })
}

/// The make-good fields: none when the text is empty.
fn make_good(form: &[(String, String)]) -> Result<Option<MakeGoodInput>, FieldError> {
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map_or("", |(_, v)| v.trim())
    };
    let text = get("mg_text");
    if text.is_empty() {
        return Ok(None);
    }
    let number = |field: &str, default: u32| match get(field) {
        "" => Ok(default),
        raw => raw
            .parse::<u32>()
            .map_err(|_| FieldError::new(field, "a whole number")),
    };
    let late_by_days = u16::try_from(number("mg_days", 2)?)
        .map_err(|_| FieldError::new("mg_days", "0 to 60 days"))?;
    Ok(Some(MakeGoodInput {
        late_by_days,
        text: text.to_owned(),
        codes: form.iter().any(|(k, v)| k == "mg_codes" && v == "1"),
        low_at: number("mg_low", 10)?,
    }))
}
