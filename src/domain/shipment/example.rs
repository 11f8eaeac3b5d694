//! An example parcel, never stored: the console's previews show a merchant's page and
//! messages on it, and the benchmarks load many of them.

use chrono::{DateTime, Duration, Utc};

use super::Shipment;
use crate::domain::{
    CarrierCode, Country, Customer, Destination, EmailAddress, Invalid, Item, Locale, MerchantId,
    Order, Party, PhoneNumber, PublicToken, ShipmentId, Status, Substatus, TrackingEvent,
    TrackingNumber,
};

/// A journey from Porto to Paris, five hours between scans.
#[rustfmt::skip]
const SCANS: [(&str, Status, Option<Substatus>, &str, &str); 10] = [
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

/// Parcel `i` of `merchant` on the sandbox carrier, registered three days before `now`
/// with `events` scans of [`SCANS`] (repeated past ten); order `100000 + i`, promised
/// five days after registration, for Ana Souza in Paris. `ids`: its id and public token.
pub fn example(
    merchant: &MerchantId,
    ids: (ShipmentId, PublicToken),
    i: usize,
    events: usize,
    now: DateTime<Utc>,
) -> Result<Shipment, Invalid> {
    let created = now.checked_sub_signed(Duration::days(3)).unwrap_or(now);
    let mut s = Shipment {
        id: ids.0,
        merchant_id: merchant.clone(),
        token: ids.1,
        carrier: CarrierCode::parse("sandbox")?,
        tracking_number: TrackingNumber::parse(&format!("SBOT{i:08}"))?,
        order: Order {
            number: format!("{}", i.saturating_add(100_000)),
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
        pushed_at: None,
        likely_late_at: None,
        stated: None,
    };
    let scans = SCANS
        .iter()
        .cycle()
        .take(events)
        .zip(0_i64..)
        .map(|(&(code, status, substatus, message, place), k)| {
            let at = created.checked_add_signed(Duration::hours(k.saturating_mul(5)));
            TrackingEvent {
                at: at.unwrap_or(created).fixed_offset(),
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
