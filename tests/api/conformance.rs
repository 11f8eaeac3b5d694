//! Conformance against real carrier responses with a peer's expected parse
//! (`../shared/data/carrier_samples`, LGPL, test-only: read in place, never copied).
//! Each sample is served over HTTP to our adapter; we compare the delivered flag, the event
//! count, each event's local date and time, the ETA date and the status (the peer's
//! 12-value taxonomy mapped to ours). Disagreements where we believe the peer is wrong are
//! listed with the reason and counted apart.

use std::path::{Path, PathBuf};

use serde_json::Value;
use shipmate::carriers::{CarrierError, Tracking};
use shipmate::domain::{CarrierCode, Status, TrackingNumber, status_of};

use crate::fake_ups::{self, CLIENT_ID, CLIENT_SECRET};
use crate::helpers::{Options, spawn_app_with};

/// `(carrier dir, sample file, reason we differ from the peer)`.
const EXPLAINED: &[(&str, &str, &str)] = &[(
    "ups",
    "karrio_TrackingResponseJSON.json",
    "status: the only scan is type X with code SR, \"released by the customs agency\"; the peer calls it on_hold, we read a release as moving again (in_transit, customs_released)",
)];

fn samples() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/carrier_samples");
    dir.is_dir().then_some(dir)
}

/// (response file, expected file) pairs from a carrier folder's SOURCE.md table.
fn cases(dir: &Path) -> Vec<(String, String)> {
    let source = std::fs::read_to_string(dir.join("SOURCE.md")).unwrap_or_default();
    source
        .lines()
        .filter(|l| l.starts_with('|') && l.contains(".expected.json"))
        .filter_map(|l| {
            let files: Vec<&str> = l.split('`').skip(1).step_by(2).collect();
            let response = files
                .iter()
                .find(|f| f.ends_with(".json") && !f.ends_with(".expected.json"))?;
            let expected = files.iter().find(|f| f.ends_with(".expected.json"))?;
            Some((response.to_string(), expected.to_string()))
        })
        .collect()
}

/// Which of our statuses a peer status may correspond to.
fn ours(peer: &str) -> &'static [Status] {
    match peer {
        "pending" => &[Status::Pending, Status::InfoReceived],
        "picked_up" | "in_transit" => &[Status::InTransit],
        "on_hold" => &[Status::Exception],
        "cancelled" => &[Status::Cancelled],
        "delivered" => &[Status::Delivered],
        "delivery_delayed" => &[Status::InTransit, Status::Exception],
        "out_for_delivery" => &[Status::OutForDelivery],
        "ready_for_pickup" => &[Status::AvailableForPickup],
        "delivery_failed" => &[Status::FailedAttempt],
        "return_to_sender" => &[Status::ReturnToSender],
        _ => &Status::ALL,
    }
}

/// Differences between our parse and the peer's for one tracking result.
fn compare(ours_t: &Tracking, peer: &Value) -> Vec<String> {
    let mut diffs = vec![];
    let (status, _) = status_of(&ours_t.events);
    let peer_delivered = peer["delivered"].as_bool().unwrap_or(false);
    if (status == Status::Delivered) != peer_delivered {
        diffs.push(format!(
            "delivered: peer {peer_delivered}, ours {}",
            status.as_str()
        ));
    }
    let peer_events = peer["events"].as_array().cloned().unwrap_or_default();
    if peer_events.len() != ours_t.events.len() {
        diffs.push(format!(
            "events: peer {}, ours {}",
            peer_events.len(),
            ours_t.events.len()
        ));
    }
    let mut mine: Vec<_> = ours_t.events.iter().collect();
    mine.sort_by_key(|e| std::cmp::Reverse(e.at));
    for (p, m) in peer_events.iter().zip(&mine) {
        let local = m.at.naive_local();
        let (date, time) = (
            local.format("%Y-%m-%d").to_string(),
            local.format("%I:%M %p").to_string(),
        );
        if p["date"].as_str() != Some(date.as_str()) || p["time"].as_str() != Some(time.as_str()) {
            diffs.push(format!(
                "event time: peer {} {}, ours {date} {time}",
                p["date"], p["time"]
            ));
        }
    }
    let peer_eta = peer["estimated_delivery"]
        .as_str()
        .map(|d| d.chars().take(10).collect::<String>());
    let my_eta = ours_t.eta.map(|e| e.format("%Y-%m-%d").to_string());
    if peer_eta != my_eta {
        diffs.push(format!("eta: peer {peer_eta:?}, ours {my_eta:?}"));
    }
    if let Some(peer_status) = peer["status"].as_str()
        && !ours(peer_status).contains(&status)
    {
        diffs.push(format!(
            "status: peer {peer_status}, ours {}",
            status.as_str()
        ));
    }
    diffs
}

/// The HTTP status a recorded UPS body would come with.
fn ups_http_status(body: &Value) -> u16 {
    match body["response"]["errors"][0]["code"].as_str() {
        Some(code) if code.starts_with("250") => 401,
        Some(_) => 400,
        None => 200,
    }
}

#[tokio::test]
async fn ups_samples_parse_like_the_peer_or_differ_for_a_stated_reason() {
    let Some(root) = samples() else {
        println!("SKIPPED: ../shared/data/carrier_samples not found; conformance not run");
        return;
    };
    let dir = root.join("ups");
    let ups = fake_ups::start().await;
    let url = ups.url.clone();
    let app = spawn_app_with(Options {
        configure: Box::new(move |c| {
            c.carriers.ups.base_url = url;
            c.carriers.ups.client_id = CLIENT_ID.into();
            c.carriers.ups.client_secret = CLIENT_SECRET.into();
        }),
        ..Options::default()
    })
    .await;
    let adapter = app
        .parts
        .carriers
        .get(&CarrierCode::parse("ups").unwrap())
        .unwrap()
        .clone();
    let (mut passed, mut explained, mut failures, total) = (0, 0, vec![], cases(&dir).len());
    for (i, (response, expected)) in cases(&dir).into_iter().enumerate() {
        let body: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(&response)).unwrap()).unwrap();
        let peer: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(&expected)).unwrap()).unwrap();
        let number = TrackingNumber::parse(&format!("1ZCONFORM{i:04}")).unwrap();
        ups.answer(number.as_str(), ups_http_status(&body), body.to_string());
        let result = match adapter.track(std::slice::from_ref(&number)).await {
            Ok(mut r) => r
                .pop()
                .map(|(_, r)| r)
                .unwrap_or(Err(CarrierError::NotFound)),
            Err(e) => Err(e),
        };
        let peer_details = peer[0].as_array().cloned().unwrap_or_default();
        let diffs = match (&result, peer_details.first()) {
            (Ok(t), Some(p)) => compare(t, p),
            (Err(_), None) => vec![],
            (Ok(_), None) => vec![format!(
                "peer reports an error ({}), we parsed a tracking",
                peer[1][0]["code"]
            )],
            (Err(e), Some(_)) => vec![format!("peer parsed a tracking, we failed: {e}")],
        };
        let reason = EXPLAINED
            .iter()
            .find(|(c, f, _)| *c == "ups" && *f == response)
            .map(|(_, _, r)| *r);
        match (diffs.is_empty(), reason) {
            (true, _) => passed += 1,
            (false, Some(reason)) => {
                explained += 1;
                println!(
                    "  ups {response}: differs ({}) — {reason}",
                    diffs.join("; ")
                );
            }
            (false, None) => failures.push(format!("{response}: {}", diffs.join("; "))),
        }
    }
    println!(
        "conformance ups: {passed}/{total} cases as the peer, {explained} explained disagreements"
    );
    assert!(total >= 4, "SOURCE.md lists the UPS cases");
    assert!(
        failures.is_empty(),
        "unexplained mismatches:\n{}",
        failures.join("\n")
    );
}
