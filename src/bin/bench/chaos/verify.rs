//! The end state of a chaos run against the journeys and the sinks.

use std::collections::{HashMap, HashSet};

use futures_util::{StreamExt, TryStreamExt};
use shipmate::domain::{Channel, Delivery, Notification, ShipmentId, Status, Trigger};
use shipmate::sim;
use shipmate::store::Store;

use super::JOURNEYS;

/// A sink's key for a notification: `webhook-id` is the id, `Message-ID` wraps it.
fn notification_id(key: &str) -> &str {
    key.trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches("@shipmate")
}

/// Checks shipment `i` of `ids` (registered on `JOURNEYS[i % len]`) reached its journey's
/// final state, and that every message arrived; prints the counts and returns whether
/// nothing was stuck, lost or duplicated.
pub async fn run(
    store: &Store,
    ids: &[ShipmentId],
    emails: &HashMap<String, u32>,
    webhooks: &HashMap<String, u32>,
) -> anyhow::Result<bool> {
    let finals = final_states(store, ids).await?;
    let records: Vec<Notification> = futures_util::stream::iter(ids)
        .map(|id| store.shipment_notifications(id))
        .buffer_unordered(32)
        .try_collect::<Vec<_>>()
        .await?
        .into_iter()
        .flatten()
        .collect();
    let received: HashMap<&str, u32> = emails
        .iter()
        .chain(webhooks)
        .map(|(k, n)| (notification_id(k), *n))
        .collect();
    let by_id: HashMap<&str, &Notification> = records.iter().map(|n| (n.id.as_str(), n)).collect();
    let sent: HashSet<&str> = records
        .iter()
        .filter(|n| n.status == Delivery::Sent && n.grouped_into.is_none())
        .map(|n| n.id.as_str())
        .collect();

    let mut statuses: HashMap<&str, usize> = HashMap::new();
    for n in &records {
        *statuses.entry(n.status.as_str()).or_default() += 1;
    }
    let unfinished = statuses.get("queued").unwrap_or(&0) + statuses.get("dead").unwrap_or(&0);
    let never_received = sent.iter().filter(|id| !received.contains_key(*id)).count();
    // Per parcel: its last message to the customer (and webhook), and the feedback
    // request, each exactly once.
    let mut once: HashMap<(&ShipmentId, Trigger, Channel), usize> = HashMap::new();
    for n in records.iter().filter(|n| sent.contains(n.id.as_str())) {
        *once
            .entry((&n.shipment_id, n.occasion.trigger, n.channel))
            .or_default() += 1;
    }
    let (mut missing_final, mut final_twice) = (0, 0);
    for (id, status) in finals.iter().flatten() {
        let last = match status {
            Status::Delivered => Trigger::Delivered,
            _ => Trigger::ReturnToSender,
        };
        let mut wanted = vec![(last, Channel::Email), (last, Channel::Webhook)];
        if last == Trigger::Delivered {
            wanted.push((Trigger::FeedbackRequest, Channel::Email));
        }
        for (trigger, channel) in wanted {
            match once.get(&(id, trigger, channel)) {
                None => missing_final += 1,
                Some(1) => {}
                Some(_) => final_twice += 1,
            }
        }
    }
    let unrecorded = received
        .keys()
        .filter(|id| !by_id.contains_key(*id))
        .count();
    let repeated: u32 = received.values().map(|n| n - 1).sum();
    let unsent = received
        .keys()
        .filter(|id| by_id.contains_key(*id) && !sent.contains(*id))
        .count();
    // What the records say about keys received twice or recorded as not sent.
    let mut odd: HashMap<String, usize> = HashMap::new();
    for (id, count) in &received {
        if let Some(n) = by_id.get(id).filter(|_| *count > 1 || !sent.contains(id)) {
            let why = n.last_error.as_deref().unwrap_or("");
            *odd.entry(format!(
                "{} ×{count}, recorded {:?} after {} attempt(s) {why}",
                n.occasion.trigger.as_str(),
                n.status,
                n.attempts
            ))
            .or_default() += 1;
        }
    }

    let stuck: Vec<_> = finals.iter().filter(|f| f.is_err()).collect();
    println!(
        "  shipments: {} registered, {} reached their journey's final state, {} stuck",
        ids.len(),
        ids.len() - stuck.len(),
        stuck.len()
    );
    for s in stuck.iter().take(5) {
        println!("    stuck: {s:?}");
    }
    let mut statuses: Vec<_> = statuses.into_iter().collect();
    statuses.sort();
    println!(
        "  notifications: {} records {statuses:?}; sinks: {} e-mails ({} keys), {} webhooks ({} keys)",
        records.len(),
        emails.values().sum::<u32>(),
        emails.len(),
        webhooks.values().sum::<u32>(),
        webhooks.len()
    );
    println!(
        "  lost: {never_received} recorded sent but never received, {unfinished} left queued or dead, {missing_final} final messages missing"
    );
    println!(
        "  duplicated: {final_twice} final messages under two keys, {unrecorded} received keys without any record"
    );
    println!(
        "  at least once: {repeated} deliveries repeated a key and {unsent} keys went out but are recorded as not sent (a sender killed between the receiver's acceptance and its own record; the key is the same, so a receiver that honours webhook-id or Message-ID sees each message once):"
    );
    for (what, n) in &odd {
        println!("    {n} × {what}");
    }
    let clean = stuck.is_empty()
        && never_received == 0
        && unfinished == 0
        && missing_final == 0
        && final_twice == 0
        && unrecorded == 0;
    println!(
        "  verdict: {}",
        if clean {
            "0 stuck, 0 lost, 0 duplicated"
        } else {
            "NOT CLEAN (see above)"
        }
    );
    Ok(clean)
}

/// Per shipment, the final status it reached, or what it holds instead.
async fn final_states(
    store: &Store,
    ids: &[ShipmentId],
) -> anyhow::Result<Vec<Result<(ShipmentId, Status), String>>> {
    let mut out = Vec::with_capacity(ids.len());
    for (c, chunk) in ids.chunks(1000).enumerate() {
        for (k, s) in store.shipments(chunk).await?.into_iter().enumerate() {
            let i = c * 1000 + k;
            let number = format!("SB{}{i:08}", JOURNEYS[i % JOURNEYS.len()]);
            let scans = sim::journey(&number).map_or(0, |(steps, ..)| steps.len());
            let want = if number.starts_with("SBRT") {
                Status::ReturnToSender
            } else {
                Status::Delivered
            };
            out.push(match s {
                Some(s)
                    if s.status == want
                        && s.events.iter().filter(|e| !e.synthetic).count() == scans =>
                {
                    Ok((s.id, want))
                }
                Some(s) => Err(format!(
                    "{number}: {} with {} scans, want {} with {scans}",
                    s.status.as_str(),
                    s.events.len(),
                    want.as_str()
                )),
                None => Err(format!("{number}: gone")),
            });
        }
    }
    Ok(out)
}
