//! Delivery estimates beyond the service's own use: the backtest against real orders.

pub mod backtest;
mod olist;
