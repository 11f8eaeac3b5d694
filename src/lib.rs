//! shipmate: self-hosted order tracking and post-purchase notifications.
//! See ARCHITECTURE.md for the map.

pub mod carriers;
pub mod config;
pub mod domain;
pub mod entropy;
pub mod poller;
pub mod scheduler;
pub mod sim;
pub mod store;
