//! A shipment as the estimator sees it: the lane levels it learns into and is estimated
//! from, when the carrier took it, and where its days are counted.

use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::{Calendar, calendar};
use crate::domain::{Shipment, Status, Substatus};

/// Its levels, coarse to fine: the carrier; the carrier to the destination's country;
/// the carrier to the destination's region (the postcode's first two letters or digits).
pub fn levels(s: &Shipment) -> Vec<String> {
    let carrier = s.carrier.as_str();
    let mut levels = vec![["c:", carrier].concat()];
    let Some(country) = s.destination.country.as_ref().map(|c| c.as_str()) else {
        return levels;
    };
    levels.push(["cc:", carrier, ":", country].concat());
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
        levels.push(["cr:", carrier, ":", country, ":", &region].concat());
    }
    levels
}

/// A point of the journey after which what is left is learned on its own: it is short,
/// and a window drawn from it is narrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Scanned in at a facility in the destination's city.
    AtDestination,
    OutForDelivery,
}

impl Stage {
    pub const ALL: [Stage; 2] = [Stage::AtDestination, Stage::OutForDelivery];

    fn prefix(self) -> &'static str {
        match self {
            Stage::AtDestination => "adf",
            Stage::OutForDelivery => "ofd",
        }
    }
}

/// The levels of what is left from `stage` on (the same lanes).
pub fn stage_levels(s: &Shipment, stage: Stage) -> Vec<String> {
    stage_levels_of(&levels(s), stage)
}

/// The levels of what is left from `stage` on, from the shipment's `levels`.
pub fn stage_levels_of(levels: &[String], stage: Stage) -> Vec<String> {
    let prefix = stage.prefix();
    levels.iter().map(|l| [prefix, ":", l].concat()).collect()
}

/// When the parcel reached `stage` (before any delivery): the last time it went out for
/// delivery; the first time it was scanned in at a facility in the destination's city.
pub fn stage_at(s: &Shipment, stage: Stage) -> Option<DateTime<Utc>> {
    let before = s
        .events
        .iter()
        .take_while(|e| e.status != Status::Delivered)
        .filter(|e| !e.synthetic);
    let at = |e: &crate::domain::TrackingEvent| e.at.with_timezone(&Utc);
    match stage {
        Stage::OutForDelivery => before
            .filter(|e| e.status == Status::OutForDelivery)
            .map(at)
            .max(),
        Stage::AtDestination => {
            let city = words(s.destination.city.as_deref()?);
            before
                .filter(|e| e.substatus == Some(Substatus::ArrivedAtFacility))
                .filter(|e| {
                    !city.is_empty()
                        && words(e.location.as_deref().unwrap_or("")).starts_with(&city)
                })
                .map(at)
                .min()
        }
    }
}

/// A place's words, lower case, without accents ("São Paulo - SP" → sao, paulo, sp): a
/// scan's place names the destination's city when its words begin with the city's.
fn words(place: &str) -> Vec<String> {
    place
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().map(fold).collect::<String>().to_lowercase())
        .collect()
}

/// A Latin letter without its accent (the accents of the languages served).
fn fold(c: char) -> char {
    const FROM: &str =
        "ÀÁÂÃÄÅàáâãäåÇçĆćČčÈÉÊËèéêëĘęÌÍÎÏìíîïŁłÑñŃńÒÓÔÕÖØòóôõöøŚśŠšȘșŞşȚțŢţÙÚÛÜùúûüÝýÿŹźŻżŽžĂăÎî";
    const TO: &str =
        "AAAAAAaaaaaaCcCcCcEEEEeeeeEeIIIIiiiiLlNnNnOOOOOOooooooSsSsSsSsTtTtUUUUuuuuYyyZzZzZzAaIi";
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}

/// The stage the parcel is in now, and since when: out for delivery while it is, else at
/// the destination's facility while it moves on from there.
pub fn current_stage(s: &Shipment) -> Option<(Stage, DateTime<Utc>)> {
    let stage = match s.status {
        Status::OutForDelivery => Stage::OutForDelivery,
        Status::InTransit => Stage::AtDestination,
        _ => return None,
    };
    Some((stage, stage_at(s, stage)?))
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

/// A delivered shipment's leg from `stage` to delivered.
pub fn leg(s: &Shipment, stage: Stage) -> Option<(f64, DateTime<Utc>)> {
    since(s, stage_at(s, stage)?)
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
