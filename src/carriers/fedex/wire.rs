//! The FedEx Track API's response shapes (only the fields shipmate reads).

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Wire {
    pub output: Option<Output>,
    #[serde(default)]
    pub errors: Vec<WireError>,
}

#[derive(Deserialize)]
pub struct WireError {
    pub code: String,
    #[serde(default)]
    pub message: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Output {
    #[serde(default)]
    pub complete_track_results: Vec<Complete>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Complete {
    pub tracking_number: String,
    #[serde(default)]
    pub track_results: Vec<TrackResult>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrackResult {
    #[serde(default)]
    pub scan_events: Vec<ScanEvent>,
    #[serde(default)]
    pub date_and_times: Vec<DateAndTime>,
    pub estimated_delivery_time_window: Option<Window>,
    pub error: Option<WireError>,
    pub delivery_details: Option<DeliveryDetails>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryDetails {
    pub received_by_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScanEvent {
    pub date: String,
    #[serde(default)]
    pub event_type: String,
    #[serde(default)]
    pub event_description: String,
    pub exception_description: Option<String>,
    pub scan_location: Option<Address>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub city: Option<String>,
    pub state_or_province_code: Option<String>,
    pub country_code: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DateAndTime {
    #[serde(rename = "type")]
    pub kind: String,
    pub date_time: String,
}

#[derive(Deserialize)]
pub struct Window {
    pub window: Option<Span>,
}

#[derive(Deserialize)]
pub struct Span {
    pub begins: Option<String>,
    pub ends: Option<String>,
}
