use chrono::TimeZone;
use proptest::prelude::*;

use super::*;
use crate::domain::{Brand, Locale, MerchantId, Occasion, sample_shipment};

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 5, h, m, 0).unwrap()
}

fn merchant() -> Merchant {
    Merchant {
        id: MerchantId::from_random([2; 8]),
        name: "Acme".into(),
        brand: Brand::default(),
        locale: Locale::english(),
        timezone: crate::domain::TimeZone::UTC,
        created_at: at(0, 0),
        lookup_slug: None,
    }
}

fn message(trigger: Trigger, channel: Channel) -> Notification {
    let mut n: Notification = serde_json::from_value(serde_json::json!({
        "id": "ntf_x",
        "shipment_id": "shp_000000000000000000000000",
        "merchant_id": "mer_0000000000000000",
        "trigger": "shipped",
        "channel": "email",
        "occurrence": "1-0",
        "status": "queued",
        "attempts": 0,
        "created_at": "2026-12-05T10:00:00Z",
        "next_at": "2026-12-05T10:00:00Z",
    }))
    .unwrap();
    n.occasion = Occasion {
        trigger,
        reason: None,
    };
    n.channel = channel;
    n
}

/// Facts where nothing stands in the way; each case changes one thing.
struct World {
    shipment: Option<Shipment>,
    merchant: Option<Merchant>,
    answered: bool,
    opt_outs: Vec<String>,
    sent_today: Vec<(Trigger, DateTime<Utc>)>,
    settings: NotificationSettings,
    reachable: bool,
}

impl World {
    fn new() -> World {
        let mut s = sample_shipment();
        s.status = Status::InTransit;
        s.destination.timezone = crate::domain::TimeZone::parse("Europe/Lisbon").ok();
        World {
            shipment: Some(s),
            merchant: Some(merchant()),
            answered: false,
            opt_outs: vec![],
            sent_today: vec![],
            settings: NotificationSettings::default(),
            reachable: true,
        }
    }

    fn decide(&self, n: &Notification, policy: &Policy, now: DateTime<Utc>) -> Decision {
        let facts = Facts {
            shipment: self.shipment.as_ref(),
            merchant: self.merchant.as_ref(),
            answered: self.answered,
            opt_outs: &self.opt_outs,
            sent_today: &self.sent_today,
            settings: &self.settings,
            reachable: self.reachable,
        };
        decide(n, &facts, policy, now)
    }
}

const POLICY: Policy = Policy {
    daily_cap: 3,
    quiet_hours: None,
};

fn quiet() -> Policy {
    let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    Policy {
        daily_cap: 3,
        quiet_hours: Some((t(21), t(8))),
    }
}

#[test]
fn each_rule_decides_alone() {
    use Trigger::*;
    let noon = at(12, 0);
    type Change = fn(&mut World);
    let cases: Vec<(&str, Trigger, Channel, Change, Decision)> = vec![
        (
            "nothing stands in the way",
            Shipped,
            Channel::Email,
            |_| {},
            Decision::Send,
        ),
        (
            "erased shipment",
            Shipped,
            Channel::Email,
            |w| w.shipment = None,
            Decision::Skip(Skip::Erased),
        ),
        (
            "erased merchant",
            Shipped,
            Channel::Webhook,
            |w| w.merchant = None,
            Decision::Skip(Skip::Erased),
        ),
        (
            "answered",
            FeedbackRequest,
            Channel::Email,
            |w| {
                w.answered = true;
                w.shipment.as_mut().unwrap().status = Status::Delivered;
            },
            Decision::Skip(Skip::Answered),
        ),
        (
            "superseded",
            Shipped,
            Channel::Sms,
            |w| w.shipment.as_mut().unwrap().status = Status::Delivered,
            Decision::Skip(Skip::Superseded(Status::Delivered)),
        ),
        (
            "superseded news still reaches webhooks",
            Shipped,
            Channel::Webhook,
            |w| w.shipment.as_mut().unwrap().status = Status::Delivered,
            Decision::Send,
        ),
        (
            "unreachable",
            Delivered,
            Channel::Sms,
            |w| w.reachable = false,
            Decision::Skip(Skip::Unreachable),
        ),
        (
            "opted out of the channel",
            Shipped,
            Channel::Sms,
            |w| w.opt_outs = vec!["sms".into()],
            Decision::Skip(Skip::OptedOut),
        ),
        (
            "opted out of all",
            Shipped,
            Channel::Whatsapp,
            |w| w.opt_outs = vec!["all".into()],
            Decision::Skip(Skip::OptedOut),
        ),
        (
            "the outbox obeys e-mail's opt-out",
            Shipped,
            Channel::Outbox,
            |w| w.opt_outs = vec!["email".into()],
            Decision::Skip(Skip::OptedOut),
        ),
        (
            "another channel's opt-out",
            Shipped,
            Channel::Email,
            |w| w.opt_outs = vec!["sms".into()],
            Decision::Send,
        ),
        (
            "webhooks ignore opt-outs",
            Shipped,
            Channel::Webhook,
            |w| w.opt_outs = vec!["all".into()],
            Decision::Send,
        ),
        (
            "a second delay today",
            Delay,
            Channel::Email,
            |w| w.sent_today = vec![(Delay, at(9, 0))],
            Decision::Skip(Skip::DelayToldToday),
        ),
        (
            "at the cap",
            InTransit,
            Channel::Email,
            |w| {
                w.sent_today = vec![
                    (Shipped, at(9, 0)),
                    (InTransit, at(10, 0)),
                    (InTransit, at(11, 0)),
                ]
            },
            Decision::Defer(at(9, 0) + Duration::days(1), Wait::DailyCap),
        ),
        (
            "the merchant's cap",
            InTransit,
            Channel::Email,
            |w| {
                w.settings.daily_cap = Some(1);
                w.sent_today = vec![(Shipped, at(9, 0))];
            },
            Decision::Defer(at(9, 0) + Duration::days(1), Wait::DailyCap),
        ),
        (
            "cap 0 is no cap",
            InTransit,
            Channel::Email,
            |w| {
                w.settings.daily_cap = Some(0);
                w.sent_today = vec![(Shipped, at(9, 0)); 9];
            },
            Decision::Send,
        ),
        (
            "urgent news is not capped",
            OutForDelivery,
            Channel::Email,
            |w| w.sent_today = vec![(Shipped, at(9, 0)); 3],
            Decision::Send,
        ),
    ];
    for (name, trigger, channel, change, want) in cases {
        let mut w = World::new();
        change(&mut w);
        let got = w.decide(&message(trigger, channel), &POLICY, noon);
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn quiet_hours_hold_news_until_morning_in_the_recipients_zone() {
    let w = World::new();
    let late = at(22, 30); // 22:30 in Lisbon (UTC in December)
    let n = message(Trigger::Shipped, Channel::Sms);
    assert_eq!(
        w.decide(&n, &quiet(), late),
        Decision::Defer(at(8, 0) + Duration::days(1), Wait::QuietHours)
    );
    assert_eq!(w.decide(&n, &quiet(), at(12, 0)), Decision::Send);
    let urgent = message(Trigger::OutForDelivery, Channel::Sms);
    assert_eq!(w.decide(&urgent, &quiet(), late), Decision::Send);
    let hook = message(Trigger::Shipped, Channel::Webhook);
    assert_eq!(w.decide(&hook, &quiet(), late), Decision::Send);
}

#[test]
fn only_an_unreachable_channel_falls_back() {
    assert!(Skip::Unreachable.falls_back());
    for s in [
        Skip::Erased,
        Skip::Answered,
        Skip::OptedOut,
        Skip::DelayToldToday,
    ] {
        assert!(!s.falls_back(), "{s:?}");
    }
}

fn any_trigger() -> impl Strategy<Value = Trigger> {
    proptest::sample::select(Trigger::ALL.to_vec())
}

fn any_channel() -> impl Strategy<Value = Channel> {
    proptest::sample::select(vec![
        Channel::Email,
        Channel::Sms,
        Channel::Whatsapp,
        Channel::Outbox,
        Channel::Webhook,
    ])
}

fn any_status() -> impl Strategy<Value = Status> {
    proptest::sample::select(vec![
        Status::Pending,
        Status::InfoReceived,
        Status::InTransit,
        Status::OutForDelivery,
        Status::FailedAttempt,
        Status::AvailableForPickup,
        Status::Delivered,
        Status::Exception,
        Status::ReturnToSender,
        Status::Expired,
        Status::Cancelled,
    ])
}

proptest! {
    #[test]
    fn the_rules_are_never_broken(
        trigger in any_trigger(),
        channel in any_channel(),
        status in any_status(),
        minutes in 0i64..(48 * 60),
        sent in proptest::collection::vec((any_trigger(), 0i64..(24 * 60)), 0..8),
        cap in proptest::option::of(0u32..5),
        out in proptest::sample::subsequence(vec!["all", "sms", "email", "whatsapp"], 0..2),
    ) {
        let now = at(0, 0) + Duration::minutes(minutes);
        let mut w = World::new();
        w.shipment.as_mut().unwrap().status = status;
        w.settings.daily_cap = cap;
        w.opt_outs = out.iter().map(|s| s.to_string()).collect();
        w.sent_today = sent
            .iter()
            .filter(|(t, _)| t.is_capped())
            .map(|(t, ago)| (*t, now - Duration::minutes(*ago)))
            .collect();
        let n = message(trigger, channel);
        let d = w.decide(&n, &quiet(), now);
        let customer = channel != Channel::Webhook;
        if d == Decision::Send {
            // A superseded message is never sent to a customer.
            prop_assert!(!(customer && trigger.is_superseded_by(status)));
            // Quiet hours are never broken by news on a phone or e-mail channel.
            let zone = recipient_zone(w.shipment.as_ref().unwrap(), crate::domain::TimeZone::UTC);
            if channel.has_quiet_hours() && !trigger.is_urgent() {
                prop_assert!(quiet_until(now, zone, quiet().quiet_hours.unwrap()).is_none());
            }
            // The cap is respected.
            let cap = cap.unwrap_or(3) as usize;
            if customer && trigger.is_capped() && cap > 0 {
                prop_assert!(w.sent_today.len() < cap);
            }
            prop_assert!(!(customer && opted_out(channel, &w.opt_outs)));
        }
        if let Decision::Defer(until, _) = d {
            prop_assert!(until > now, "a deferral moves forward");
        }
    }
}

#[test]
fn a_merchants_quiet_hours_replace_the_platforms_or_turn_them_off() {
    use crate::domain::QuietHours;
    let late = at(22, 30);
    let n = message(Trigger::Shipped, Channel::Sms);
    let mut w = World::new();
    w.settings.quiet_hours = Some(QuietHours::Off);
    assert_eq!(w.decide(&n, &quiet(), late), Decision::Send, "off");
    let window = |a: u32, b: u32| {
        QuietHours::Window(
            chrono::NaiveTime::from_hms_opt(a, 0, 0).unwrap(),
            chrono::NaiveTime::from_hms_opt(b, 0, 0).unwrap(),
        )
    };
    w.settings.quiet_hours = Some(window(23, 7));
    assert_eq!(
        w.decide(&n, &quiet(), late),
        Decision::Send,
        "before the shop's window"
    );
    assert_eq!(
        w.decide(&n, &quiet(), at(23, 30)),
        Decision::Defer(at(7, 0) + Duration::days(1), Wait::QuietHours)
    );
    w.settings.quiet_hours = Some(window(12, 14));
    assert_eq!(
        w.decide(&n, &POLICY, at(12, 30)),
        Decision::Defer(at(14, 0), Wait::QuietHours),
        "the shop's window applies where the platform sets none"
    );
    assert_eq!(QuietHours::parse("21:00-08:00"), Ok(window(21, 8)));
    assert_eq!(window(21, 8).to_string(), "21:00-08:00");
    for bad in ["21-8", "08:00-08:00", "25:00-01:00", "", "sometimes"] {
        assert!(QuietHours::parse(bad).is_err(), "{bad}");
    }
}
