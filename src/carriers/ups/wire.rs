//! The UPS Track API's response shapes (only the fields shipmate reads).

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Wire {
    pub track_response: Option<TrackResponse>,
    pub response: Option<ErrorBody>,
}

#[derive(Deserialize)]
pub struct ErrorBody {
    #[serde(default)]
    pub errors: Vec<Message>,
}

#[derive(Deserialize)]
pub struct Message {
    pub code: String,
    pub message: String,
}

#[derive(Deserialize)]
pub struct TrackResponse {
    #[serde(default)]
    pub shipment: Vec<WireShipment>,
}

#[derive(Deserialize)]
pub struct WireShipment {
    #[serde(default)]
    pub package: Vec<Package>,
    #[serde(default)]
    pub warnings: Vec<Message>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Package {
    #[serde(default)]
    pub activity: Vec<Activity>,
    #[serde(default)]
    pub delivery_date: Vec<DeliveryDate>,
    pub delivery_time: Option<DeliveryTime>,
    pub delivery_information: Option<DeliveryInformation>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryInformation {
    pub received_by: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    pub date: String,
    pub time: String,
    pub gmt_offset: Option<String>,
    pub location: Option<Location>,
    pub status: Option<ActivityStatus>,
}

#[derive(Deserialize, Default)]
pub struct Location {
    pub address: Option<Address>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub city: Option<String>,
    pub state_province: Option<String>,
    pub country_code: Option<String>,
    pub country: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityStatus {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Deserialize)]
pub struct DeliveryDate {
    pub date: String,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryTime {
    pub end_time: Option<String>,
}
