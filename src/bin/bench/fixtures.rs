//! The shipments the benchmark loads: ten realistic scans each.

use chrono::{Duration as Span, Utc};

use anyhow::Context;
use shipmate::domain::{
    CarrierCode, Country, Customer, Destination, EmailAddress, Item, Locale, MerchantId, Order,
    Party, PhoneNumber, PublicToken, Shipment, ShipmentId, Status, Substatus, TrackingEvent,
    TrackingNumber,
};
use shipmate::entropy;
use shipmate::store::NewShipment;

#[rustfmt::skip]
const STEPS: [(&str, Status, Option<Substatus>, &str, &str); 10] = [
    ("LC", Status::InfoReceived, Some(Substatus::LabelCreated), "Shipping label created", "Porto, PT"),
    ("PU", Status::InTransit, Some(Substatus::PickedUp), "Picked up from sender", "Porto, PT"),
    ("AF", Status::InTransit, Some(Substatus::ArrivedAtFacility), "Arrived at sorting facility", "Madrid, ES"),
    ("DF", Status::InTransit, Some(Substatus::DepartedFacility), "Departed sorting facility", "Madrid, ES"),
    ("AF", Status::InTransit, Some(Substatus::ArrivedAtFacility), "Arrived at sorting facility", "Lyon, FR"),
    ("DF", Status::InTransit, Some(Substatus::DepartedFacility), "Departed sorting facility", "Lyon, FR"),
    ("AF", Status::InTransit, Some(Substatus::ArrivedAtFacility), "Arrived at delivery depot", "Paris, FR"),
    ("OD", Status::OutForDelivery, None, "Out for delivery", "Paris, FR"),
    ("FA", Status::FailedAttempt, Some(Substatus::RecipientNotHome), "Delivery attempted: nobody home", "Paris, FR"),
    ("OD", Status::OutForDelivery, None, "Out for delivery", "Paris, FR"),
];

pub fn sample(merchant: &MerchantId, i: usize, events: usize) -> anyhow::Result<Shipment> {
    let created = Utc::now() - Span::days(3);
    let mut s = Shipment {
        id: ShipmentId::from_random(entropy::bytes()),
        merchant_id: merchant.clone(),
        token: PublicToken::from_random(entropy::bytes()),
        carrier: CarrierCode::parse("sandbox")?,
        tracking_number: TrackingNumber::parse(&format!("SBOT{i:08}"))?,
        order: Order {
            number: format!("{}", 100_000 + i),
            promised_by: created.date_naive().checked_add_days(chrono::Days::new(5)),
            items: vec![Item {
                name: "Enamel mug".into(),
                quantity: 2,
            }],
        },
        customer: Some(Customer {
            name: "Ana Souza".into(),
            email: Some(EmailAddress::parse(&format!("customer{i}@example.com"))?),
            phone: Some(PhoneNumber::parse("+5511912345678")?),
            locale: Some(Locale::english()),
        }),
        destination: Destination {
            city: Some("Paris".into()),
            postcode: Some("75011".into()),
            country: Some(Country::parse("FR")?),
            timezone: None,
        },
        status: Status::Pending,
        substatus: None,
        eta: None,
        events: vec![],
        created_at: created,
        last_polled_at: None,
        updated_at: None,
        signed_by: None,
        next_poll_at: None,
        poll_failures: 0,
        poll_crashes: 0,
    };
    let scans = (0..events)
        .map(|k| {
            let (code, status, substatus, message, place) = STEPS[k % STEPS.len()];
            TrackingEvent {
                at: (created + Span::hours(5 * k as i64)).fixed_offset(),
                status,
                substatus,
                party: (status == Status::FailedAttempt).then_some(Party::Consignee),
                code: code.into(),
                description: message.into(),
                location: Some(place.into()),
                synthetic: false,
            }
        })
        .collect();
    s.apply(scans, None);
    Ok(s)
}

/// Registers shipments `range` (64 at a time), shipment `i` on carrier-sim's journey
/// `journeys[i % len]` (`SB` + journey + `i`); returns their ids and public tokens.
/// Their first polls are due in 2 h, or spread evenly over `spread` when given.
pub async fn register_range(
    store: &shipmate::store::Store,
    merchant: &MerchantId,
    range: std::ops::Range<usize>,
    events: usize,
    spread: Option<Span>,
    journeys: &[&str],
) -> anyhow::Result<Vec<(ShipmentId, PublicToken)>> {
    let (first, n) = (range.start, range.len().max(1));
    let now = Utc::now();
    let mut registered = Vec::with_capacity(range.len());
    let mut batch = tokio::task::JoinSet::new();
    for i in range {
        let mut s = sample(merchant, i, events)?;
        let journey = journeys.get(i % journeys.len().max(1)).unwrap_or(&"OT");
        s.tracking_number = TrackingNumber::parse(&format!("SB{journey}{i:08}"))?;
        registered.push((s.id.clone(), s.token.clone()));
        let store = store.clone();
        let expires_at = s.expires_at(Span::days(30));
        let new = NewShipment {
            lookup_digests: s.lookup_digests(),
            next_poll: match spread {
                Some(over) => now + over * ((i - first) as i32) / (n as i32),
                None => now + Span::hours(2),
            },
            expires_at,
            shipment: s,
        };
        batch.spawn(async move { store.register(new).await.map(|_| ()) });
        if batch.len() >= 64 {
            batch.join_next().await.context("join")???;
        }
    }
    while let Some(r) = batch.join_next().await {
        r??;
    }
    Ok(registered)
}
