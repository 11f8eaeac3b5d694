//! Each adapter's response parser, reachable from `fuzz/`: the same functions the adapters
//! call on a carrier's answer (status and body), so the fuzzers test production code.

pub use super::aftership::parse as aftership;
// Takes the body as text: the adapter reads it with `String::from_utf8_lossy`.
pub use super::canada_post::parse as canada_post;
pub use super::correios::parse as correios;
pub use super::dhl::parse as dhl;
pub use super::fedex::parse as fedex;
pub use super::inpost::parse as inpost;
pub use super::royal_mail::parse as royal_mail;
pub use super::sandbox::parse as sandbox;
pub use super::ups::parse as ups;
pub use super::usps::parse as usps;
// What carriers push: UPS Track Alert's one activity, DHL push's shipments.
pub use super::dhl::parse_push as dhl_push;
pub use super::ups::parse_alert as ups_alert;
