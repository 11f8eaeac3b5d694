//! Integration tests: one binary, a real `redis-server`, carrier-sim over real HTTP, the
//! app on port 0 with a random key prefix. State is set up through the public API.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;
mod kill;

mod accounts;
mod aftership;
mod analytics;
mod attack;
mod bad_input;
mod browser;
mod carrier_push;
mod cluster;
mod conformance;
mod console;
mod console_settings;
mod contract;
mod detection;
mod estimates;
mod fake_carriers;
mod fake_messaging;
mod feedback;
mod gate;
mod imports;
mod lists;
mod logos;
mod make_good;
mod notify;
mod ops;
mod package;
mod pages;
mod phones;
mod polling;
mod push;
mod readme;
mod registration;
mod restart;
mod scheduler;
mod secrets;
mod shopify;
mod sinks;
mod ups;
mod webhooks;
mod woocommerce;
