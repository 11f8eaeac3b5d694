//! Scripted journeys of carrier-sim, chosen by the tracking number: `SB` + scenario + 8 digits.
//! Offsets are in simulated minutes after the first query for the number.

/// A scripted scan: (offset in minutes, code, location, message).
pub type Step = (u32, &'static str, &'static str, &'static str);

const LABEL: Step = (0, "LC", "Porto, PT", "Shipping label created");
const PICKUP: Step = (120, "PU", "Porto, PT", "Picked up from sender");
const HUB_IN: Step = (600, "AF", "Madrid, ES", "Arrived at sorting facility");

pub const ON_TIME: &[Step] = &[
    LABEL,
    PICKUP,
    HUB_IN,
    (900, "DF", "Madrid, ES", "Departed sorting facility"),
    (1800, "AF", "Local depot", "Arrived at delivery depot"),
    (2880, "OD", "Local depot", "Out for delivery"),
    (3300, "DL", "Front door", "Delivered"),
];

pub const DELAYED: &[Step] = &[
    LABEL,
    PICKUP,
    HUB_IN,
    (
        1500,
        "DY",
        "Madrid, ES",
        "Delayed: missed connection, new delivery date set",
    ),
    (3000, "DF", "Madrid, ES", "Departed sorting facility"),
    (4000, "AF", "Local depot", "Arrived at delivery depot"),
    (6000, "OD", "Local depot", "Out for delivery"),
    (6300, "DL", "Front door", "Delivered"),
];

pub const EXCEPTION: &[Step] = &[
    LABEL,
    PICKUP,
    HUB_IN,
    (
        1200,
        "WX",
        "Madrid, ES",
        "Severe weather: shipment held for safety",
    ),
    (2400, "DF", "Madrid, ES", "Departed sorting facility"),
    (3600, "OD", "Local depot", "Out for delivery"),
    (3900, "DL", "Front door", "Delivered"),
];

pub const FAILED_ATTEMPT: &[Step] = &[
    LABEL,
    PICKUP,
    HUB_IN,
    (2880, "OD", "Local depot", "Out for delivery"),
    (3200, "FA", "Local depot", "Delivery attempted: nobody home"),
    (4320, "OD", "Local depot", "Out for delivery"),
    (4700, "DN", "Neighbour", "Delivered to a neighbour"),
];

pub const PICKUP_POINT: &[Step] = &[
    LABEL,
    PICKUP,
    HUB_IN,
    (2880, "OD", "Local depot", "Out for delivery"),
    (3200, "FA", "Local depot", "Delivery attempted: nobody home"),
    (
        3300,
        "PK",
        "Parcel locker 12",
        "Ready for collection at a pickup point",
    ),
    (5000, "PC", "Parcel locker 12", "Collected by the recipient"),
];

pub const RETURNED: &[Step] = &[
    LABEL,
    PICKUP,
    HUB_IN,
    (2880, "OD", "Local depot", "Out for delivery"),
    (3200, "FA", "Local depot", "Delivery attempted: nobody home"),
    (4600, "FA", "Local depot", "Second delivery attempt failed"),
    (5800, "RS", "Local depot", "Returning to sender"),
    (8000, "RD", "Porto, PT", "Returned to sender"),
];

pub const STALLED: &[Step] = &[LABEL, PICKUP];

pub const CUSTOMS: &[Step] = &[
    LABEL,
    PICKUP,
    (700, "CC", "Lisbon airport, PT", "Customs clearance started"),
    (
        1000,
        "CH",
        "Lisbon airport, PT",
        "Held in customs: documents requested",
    ),
    (4000, "CR", "Lisbon airport, PT", "Released by customs"),
    (
        4100,
        "DF",
        "Lisbon airport, PT",
        "Departed customs facility",
    ),
    (5500, "OD", "Local depot", "Out for delivery"),
    (5800, "DL", "Front door", "Delivered"),
];

/// The journey for a number, and the carrier's ETA in days after the first query (before
/// and after any delay scan).
pub fn journey(number: &str) -> Option<(&'static [Step], u32, u32)> {
    if number.len() != 12 || !number.starts_with("SB") {
        return None;
    }
    Some(match &number[2..4] {
        "OT" => (ON_TIME, 2, 2),
        "DL" => (DELAYED, 2, 5),
        "EX" => (EXCEPTION, 2, 3),
        "FA" => (FAILED_ATTEMPT, 2, 3),
        "PU" => (PICKUP_POINT, 2, 3),
        "RT" => (RETURNED, 2, 4),
        "ST" => (STALLED, 3, 3),
        "CU" => (CUSTOMS, 3, 6),
        _ => return None,
    })
}

/// Every code carrier-sim can send, with its message (the sandbox mapping must cover them).
pub fn documented_codes() -> Vec<(&'static str, &'static str)> {
    let all = [
        ON_TIME,
        DELAYED,
        EXCEPTION,
        FAILED_ATTEMPT,
        PICKUP_POINT,
        RETURNED,
        STALLED,
        CUSTOMS,
    ];
    let mut codes: Vec<(&str, &str)> = all
        .iter()
        .flat_map(|j| j.iter().map(|s| (s.1, s.3)))
        .collect();
    codes.sort_unstable();
    codes.dedup_by_key(|c| c.0);
    codes
}
