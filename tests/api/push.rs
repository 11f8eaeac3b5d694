//! Carriers that push: AfterShip's webhooks (the payload as AfterShip's webhook
//! specification describes it: `event`, `event_id`, `msg` the tracking with its
//! `checkpoints`, `ts`; signed `aftership-hmac-sha256`, vectors from Python's `hmac`)
//! applied through the same rules as a polled answer, and the shipment then polled only
//! as a backstop.

use std::time::Duration;

use chrono::Utc;
use serde_json::{Value, json};

use crate::helpers::{Options, TestApp, number, spawn_app_with};
use crate::shopify::python_hmac;

const SECRET: &str = "aftership-webhook-secret";

fn hook(number: &str, checkpoints: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "event_id": "0b3a2b25-6c1e-4f5e-9a55-6f0d4c2b1a01",
        "event": "tracking_update",
        "is_tracking_first_tag": false,
        "msg": {"id": "k5lh7dy7vvqeck71p5loe011", "tracking_number": number, "slug": "sandbox", "tag": "InTransit", "checkpoints": checkpoints},
        "ts": 1764583200
    }))
    .unwrap()
}

fn checkpoint(at: &str, tag: &str, message: &str) -> Value {
    json!({"checkpoint_time": at, "tag": tag, "subtag": format!("{tag}_001"), "message": message, "city": "Lisbon", "country_iso3": "PRT"})
}

async fn push(app: &TestApp, secret: Option<&str>, body: &[u8]) -> u16 {
    let mut req = app
        .http
        .post(app.url("/hooks/carriers/aftership"))
        .header("content-type", "application/json");
    if let Some(secret) = secret {
        req = req.header("aftership-hmac-sha256", python_hmac(secret, body));
    }
    req.body(body.to_vec())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn aftership_pushes_scans_that_go_through_the_same_rules_and_polling_becomes_the_backstop() {
    let app = spawn_app_with(Options {
        configure: Box::new(|c| c.push.aftership_secret = SECRET.to_owned().into()),
        ..Options::default()
    })
    .await;
    let (_, key) = app.create_merchant("Push Co").await;
    let n = number("OT");
    let registered = app.register(&key, &n).await;
    let id = shipmate::domain::ShipmentId::parse(registered["id"].as_str().unwrap()).unwrap();

    let first = hook(
        &n,
        json!([checkpoint(
            "2026-12-01T10:00:00+00:00",
            "InTransit",
            "Departed the facility"
        )]),
    );
    assert_eq!(push(&app, Some("not-the-secret"), &first).await, 401);
    assert_eq!(push(&app, None, &first).await, 401);
    assert_eq!(push(&app, Some(SECRET), &first).await, 200);
    let s = app.shipment(&key, &registered).await;
    assert_eq!(s["status"], "in_transit", "{s}");

    // Polled as a backstop only: further apart than the cadence.
    let now = Utc::now();
    let stored = app.parts.store.shipment(&id).await.unwrap().unwrap();
    assert!(stored.pushed_at.is_some());
    let cadence = app.parts.config.poller.cadence.for_status(stored.status);
    let next = stored.next_poll_at.unwrap();
    let gap = (next - now).to_std().unwrap_or_default();
    assert!(
        gap > cadence * 3,
        "next poll in {gap:?}, cadence {cadence:?}"
    );

    // Delivered, then a late push of an older scan: never backwards, nothing repeated.
    let delivered = hook(
        &n,
        json!([
            checkpoint(
                "2026-12-01T10:00:00+00:00",
                "InTransit",
                "Departed the facility"
            ),
            checkpoint(
                "2026-12-02T09:00:00+00:00",
                "Delivered",
                "Delivered to the customer"
            ),
        ]),
    );
    assert_eq!(push(&app, Some(SECRET), &delivered).await, 200);
    assert_eq!(push(&app, Some(SECRET), &first).await, 200);
    let s = app.shipment(&key, &registered).await;
    assert_eq!(s["status"], "delivered", "{s}");
    let events = crate::helpers::carrier_events(&s);
    assert_eq!(events.len(), 2, "{events:?}");

    // Not for any shipment here, or not a tracking update: answered 200, nothing changes.
    assert_eq!(
        push(&app, Some(SECRET), &hook(&number("OT"), json!([]))).await,
        200
    );
    let other = serde_json::to_vec(&json!({"event": "edd_revise", "msg": {}})).unwrap();
    assert_eq!(push(&app, Some(SECRET), &other).await, 200);
    tokio::time::sleep(Duration::from_millis(10)).await;
}
