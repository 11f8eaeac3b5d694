//! The shipments the benchmark loads: ten realistic scans each.

use chrono::{Duration as Span, Utc};

use anyhow::Context;
use shipmate::domain::{MerchantId, PublicToken, Shipment, ShipmentId, TrackingNumber};
use shipmate::entropy;
use shipmate::store::NewShipment;

/// Parcel `i`: the domain's example parcel with `events` scans.
pub fn sample(merchant: &MerchantId, i: usize, events: usize) -> anyhow::Result<Shipment> {
    let ids = (
        ShipmentId::from_random(entropy::bytes()),
        PublicToken::from_random(entropy::bytes()),
    );
    Ok(shipmate::domain::example_shipment(
        merchant,
        ids,
        i,
        events,
        Utc::now(),
    )?)
}

/// Registers shipments `range` (64 at a time), shipment `i` on carrier-sim's journey
/// `journeys[i % len]` (`SB` + journey + `i`); returns their ids and public tokens.
/// Their first polls are due in 2 h, or spread evenly over `spread` when given.
pub async fn register_range(
    store: &shipmate::store::Store,
    merchant: &MerchantId,
    range: std::ops::Range<usize>,
    events: usize,
    spread: Option<Span>,
    journeys: &[&str],
) -> anyhow::Result<Vec<(ShipmentId, PublicToken)>> {
    let (first, n) = (range.start, range.len().max(1));
    let now = Utc::now();
    let mut registered = Vec::with_capacity(range.len());
    let mut batch = tokio::task::JoinSet::new();
    for i in range {
        let mut s = sample(merchant, i, events)?;
        let journey = journeys.get(i % journeys.len().max(1)).unwrap_or(&"OT");
        s.tracking_number = TrackingNumber::parse(&format!("SB{journey}{i:08}"))?;
        registered.push((s.id.clone(), s.token.clone()));
        let store = store.clone();
        let expires_at = s.expires_at(Span::days(30));
        let new = NewShipment {
            lookup_digests: s.lookup_digests(),
            next_poll: match spread {
                Some(over) => now + over * ((i - first) as i32) / (n as i32),
                None => now + Span::hours(2),
            },
            expires_at,
            push_subscribe: false,
            shipment: s,
        };
        batch.spawn(async move { store.register(new).await.map(|_| ()) });
        if batch.len() >= 64 {
            batch.join_next().await.context("join")???;
        }
    }
    while let Some(r) = batch.join_next().await {
        r??;
    }
    Ok(registered)
}
