//! A merchant's choices about customer messages: channel order, which triggers go out on
//! which channels, feedback timing, a daily cap, the "you may also like" block, and the
//! make-good for late parcels.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Channel, HttpUrl, MakeGoodRule, QuietHours, Trigger};

/// Whether a trigger goes out: on every channel, none, or only these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TriggerSwitch {
    All(bool),
    Only(Vec<Channel>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationSettings {
    /// Customer channels in the order tried; none: the platform's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<Vec<Channel>>,
    /// Per trigger; a trigger not listed follows the platform's default.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub triggers: BTreeMap<Trigger, TriggerSwitch>,
    /// Feedback requests after delivery, in seconds; none: the platform's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback_after_secs: Option<Vec<u64>>,
    /// Most non-urgent messages per shipment per day; none: the platform's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_cap: Option<u32>,
    /// When SMS and WhatsApp messages wait, in the customer's zone; none: the platform's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiet_hours: Option<QuietHours>,
    /// Shown in the "delivered" e-mail.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_like: Vec<Suggestion>,
    /// Where happy customers are invited to leave a public review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_url: Option<HttpUrl>,
    /// What a parcel delivered late enough gets with its delivered message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub make_good: Option<MakeGoodRule>,
}

impl NotificationSettings {
    /// Whether `trigger` goes out on `channel`, given the platform's default triggers.
    pub fn allows(&self, trigger: Trigger, channel: Channel, platform: &[Trigger]) -> bool {
        match self.triggers.get(&trigger) {
            None => platform.contains(&trigger),
            Some(TriggerSwitch::All(on)) => *on,
            Some(TriggerSwitch::Only(channels)) => channels.contains(&channel),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_switch_per_channel_over_the_platform_default() {
        let s: NotificationSettings = serde_json::from_value(serde_json::json!({
            "triggers": {"in_transit": true, "delivered": ["email"], "shipped": false}
        }))
        .unwrap();
        let platform = [
            Trigger::Shipped,
            Trigger::Delivered,
            Trigger::OutForDelivery,
        ];
        assert!(s.allows(Trigger::InTransit, Channel::Sms, &platform));
        assert!(s.allows(Trigger::Delivered, Channel::Email, &platform));
        assert!(!s.allows(Trigger::Delivered, Channel::Sms, &platform));
        assert!(!s.allows(Trigger::Shipped, Channel::Email, &platform));
        assert!(s.allows(Trigger::OutForDelivery, Channel::Sms, &platform));
        assert!(!s.allows(Trigger::EtaChanged, Channel::Sms, &platform));
    }
}
