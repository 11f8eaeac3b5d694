//! A shipment as the estimator sees it: the lane levels it learns into and is estimated
//! from, when the carrier took it, and where its days are counted.

use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::{Calendar, calendar};
use crate::domain::{Shipment, Status};

/// Its levels, coarse to fine: the carrier; the carrier to the destination's country;
/// the carrier to the destination's region (the postcode's first two letters or digits).
pub fn levels(s: &Shipment) -> Vec<String> {
    let carrier = s.carrier.as_str();
    let mut levels = vec![format!("c:{carrier}")];
    let Some(country) = s.destination.country.as_ref().map(|c| c.as_str()) else {
        return levels;
    };
    levels.push(format!("cc:{carrier}:{country}"));
    let region: String = s
        .destination
        .postcode
        .iter()
        .flat_map(|p| p.chars())
        .filter(char::is_ascii_alphanumeric)
        .take(2)
        .collect::<String>()
        .to_ascii_uppercase();
    if region.len() == 2 {
        levels.push(format!("cr:{carrier}:{country}:{region}"));
    }
    levels
}

/// The levels of what is left once a parcel is out for delivery (the same lanes).
pub fn stage_levels(s: &Shipment) -> Vec<String> {
    levels(s).into_iter().map(|l| format!("ofd:{l}")).collect()
}

/// When the parcel last went out for delivery (before any delivery).
pub fn out_for_delivery_at(s: &Shipment) -> Option<DateTime<Utc>> {
    s.events
        .iter()
        .take_while(|e| e.status != Status::Delivered)
        .filter(|e| !e.synthetic && e.status == Status::OutForDelivery)
        .map(|e| e.at.with_timezone(&Utc))
        .max()
}

/// When the carrier took the parcel: its first real scan past the label.
pub fn handed_over(s: &Shipment) -> Option<DateTime<Utc>> {
    s.events
        .iter()
        .filter(|e| !e.synthetic && !matches!(e.status, Status::Pending | Status::InfoReceived))
        .map(|e| e.at.with_timezone(&Utc))
        .min()
}

/// Where its days are counted: the destination's zone and working days.
pub fn place(s: &Shipment) -> (Tz, &'static Calendar) {
    let zone = s.destination.zone().map_or(Tz::UTC, |z| z.tz());
    let country = s.destination.country.as_ref().map(|c| c.as_str());
    (zone, calendar(country))
}

/// A delivered shipment's transit in working days, and when it was delivered.
pub fn transit(s: &Shipment) -> Option<(f64, DateTime<Utc>)> {
    since(s, handed_over(s)?)
}

/// A delivered shipment's last leg: from going out for delivery to delivered.
pub fn last_leg(s: &Shipment) -> Option<(f64, DateTime<Utc>)> {
    since(s, out_for_delivery_at(s)?)
}

fn since(s: &Shipment, start: DateTime<Utc>) -> Option<(f64, DateTime<Utc>)> {
    let delivered = s
        .events
        .iter()
        .find(|e| e.status == Status::Delivered && !e.synthetic)?
        .at
        .with_timezone(&Utc);
    let (zone, calendar) = place(s);
    let local = |t: DateTime<Utc>| t.with_timezone(&zone).naive_local();
    Some((calendar.between(local(start), local(delivered)), delivered))
}

/// The end of the promised day where the parcel goes: after it, the promise is broken.
pub fn promise_deadline(s: &Shipment) -> Option<DateTime<Utc>> {
    let day = s.order.promised_by?;
    let (zone, _) = place(s);
    let end = day.and_time(NaiveTime::from_hms_opt(23, 59, 59)?);
    Some(
        zone.from_local_datetime(&end)
            .earliest()?
            .with_timezone(&Utc),
    )
}
