//! The delivery policy: what to do with one queued message now, from the facts gathered
//! about it. Pure — no Redis, no clock, no I/O — so every rule is tested as a table.
//!
//! The rules, in order: the shipment or merchant was erased; the customer already
//! answered the feedback request; the news is stale (superseded by the parcel's status);
//! the channel cannot reach the customer (the next channel gets it); the customer opted
//! out; one "running late" a day; the daily cap; quiet hours. Webhooks (the merchant's own
//! systems) skip the customer-facing rules.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::domain::{
    Channel, Merchant, Notification, NotificationSettings, QuietHours, Shipment, Status, TimeZone,
    Trigger, quiet_until,
};

/// Everything the rules look at, read before deciding.
pub struct Facts<'a> {
    pub shipment: Option<&'a Shipment>,
    pub merchant: Option<&'a Merchant>,
    /// The customer already answered the feedback form.
    pub answered: bool,
    /// The channels (or `all`) the customer unsubscribed from.
    pub opt_outs: &'a [String],
    /// This shipment's customer messages (not webhooks) sent in the last 24 hours.
    pub sent_today: &'a [(Trigger, DateTime<Utc>)],
    pub settings: &'a NotificationSettings,
    /// The message's channel can reach this customer (an address, a number).
    pub reachable: bool,
}

/// The platform's side of the rules (from the configuration).
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Capped messages per shipment a day when the merchant set none (0: no cap).
    pub daily_cap: u32,
    /// Local window in which phone and e-mail messages wait.
    pub quiet_hours: Option<(NaiveTime, NaiveTime)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Send,
    Skip(Skip),
    /// Try again at this moment.
    Defer(DateTime<Utc>, Wait),
}

/// Why a message is not sent at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    Erased,
    Answered,
    Superseded(Status),
    /// The next channel in the merchant's order gets the message instead.
    Unreachable,
    OptedOut,
    DelayToldToday,
}

/// Why a message waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    DailyCap,
    QuietHours,
}

impl Skip {
    /// What the merchant sees as the reason.
    pub fn why(&self) -> String {
        match self {
            Skip::Erased => "shipment or merchant erased".into(),
            Skip::Answered => "the customer already answered".into(),
            Skip::Superseded(s) => format!("superseded: the parcel is now {}", s.as_str()),
            Skip::Unreachable => "this channel cannot reach the customer".into(),
            Skip::OptedOut => "the customer unsubscribed".into(),
            Skip::DelayToldToday => "the customer heard about the delay today".into(),
        }
    }

    /// Whether the message goes on to the next channel.
    pub fn falls_back(&self) -> bool {
        *self == Skip::Unreachable
    }
}

/// The rules, first match wins.
pub fn decide(n: &Notification, f: &Facts<'_>, policy: &Policy, now: DateTime<Utc>) -> Decision {
    let (Some(s), Some(merchant)) = (f.shipment, f.merchant) else {
        return Decision::Skip(Skip::Erased);
    };
    let trigger = n.occasion.trigger;
    let customer_facing = n.channel != Channel::Webhook;
    if trigger == Trigger::FeedbackRequest && f.answered {
        return Decision::Skip(Skip::Answered);
    }
    if customer_facing && trigger.is_superseded_by(s.status) {
        return Decision::Skip(Skip::Superseded(s.status));
    }
    if !f.reachable {
        return Decision::Skip(Skip::Unreachable);
    }
    if customer_facing && opted_out(n.channel, f.opt_outs) {
        return Decision::Skip(Skip::OptedOut);
    }
    if customer_facing && trigger.is_capped() {
        // One "running late" a day is news; a second, for another reason, is noise.
        if trigger == Trigger::Delay && f.sent_today.iter().any(|(t, _)| *t == Trigger::Delay) {
            return Decision::Skip(Skip::DelayToldToday);
        }
        let cap = f.settings.daily_cap.unwrap_or(policy.daily_cap);
        if let Some(until) = cap_lifts(f.sent_today, cap) {
            return Decision::Defer(until, Wait::DailyCap);
        }
    }
    if n.channel.has_quiet_hours()
        && !trigger.is_urgent()
        && let Some(window) = QuietHours::or_platform(f.settings.quiet_hours, policy.quiet_hours)
        && let Some(until) = quiet_until(now, recipient_zone(s, merchant.timezone), window)
    {
        return Decision::Defer(until, Wait::QuietHours);
    }
    Decision::Send
}

/// The outbox stands in for e-mail (the demo's), so it obeys e-mail's opt-out.
fn opted_out(channel: Channel, opt_outs: &[String]) -> bool {
    let also = (channel == Channel::Outbox).then_some("email");
    opt_outs
        .iter()
        .any(|o| o == "all" || o == channel.as_str() || Some(o.as_str()) == also)
}

/// With `cap` messages a day (0: none), when the next may go: a day after the oldest of
/// the last `cap` sent; `None` while under the cap.
fn cap_lifts(sent: &[(Trigger, DateTime<Utc>)], cap: u32) -> Option<DateTime<Utc>> {
    let cap = usize::try_from(cap).ok().filter(|c| *c > 0)?;
    if sent.len() < cap {
        return None;
    }
    let mut times: Vec<DateTime<Utc>> = sent.iter().map(|(_, t)| *t).collect();
    times.sort_unstable();
    let oldest_counted = times.get(times.len().checked_sub(cap)?)?;
    oldest_counted.checked_add_signed(Duration::days(1))
}

/// The recipient's zone: the destination's, else its country's, else the merchant's.
pub fn recipient_zone(s: &Shipment, merchant_zone: TimeZone) -> Tz {
    s.destination.zone_or(merchant_zone)
}

#[cfg(test)]
#[path = "policy_tests.rs"]
mod tests;
