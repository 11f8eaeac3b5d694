//! shipmate: self-hosted order tracking and post-purchase notifications.
//! See ARCHITECTURE.md for the map.

pub mod carriers;
pub mod config;
pub mod demo;
pub mod domain;
pub mod entropy;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod metrics;
pub mod notifier;
pub mod outbound;
pub mod poller;
pub mod qr;
pub mod roles;
pub mod scheduler;
pub mod services;
pub mod sim;
pub mod store;
pub mod supervise;
pub mod telemetry;
pub mod vault;
pub mod web;

/// A hash map keyed fast (foldhash, seeded per process) for the hot paths' in-memory
/// lookups, whose keys are short.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
