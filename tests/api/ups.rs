//! The UPS adapter over HTTP: OAuth token reuse, one refresh and one retry on 401.

use chrono::Utc;
use serde_json::{Value, json};

use crate::fake_carriers::{self, CLIENT_ID, CLIENT_SECRET, FakeCarrier};
use crate::helpers::{Options, TestApp, spawn_app_with};

const NUMBER: &str = "1Z8V92A70367203024";

fn in_transit(date: &str) -> String {
    json!({"trackResponse": {"shipment": [{"package": [{"trackingNumber": NUMBER, "activity": [
        {"date": date, "time": "101500", "gmtOffset": "-05:00",
         "location": {"address": {"city": "Wayne", "stateProvince": "NJ", "countryCode": "US"}},
         "status": {"type": "I", "code": "AR", "description": "Arrived at Facility"}}]}]}]}})
    .to_string()
}

async fn app_with_ups(ups: &FakeCarrier) -> TestApp {
    let url = ups.url.clone();
    spawn_app_with(Options {
        configure: Box::new(move |c| {
            c.carriers["ups"].base_url = url;
            c.carriers["ups"].client_id = CLIENT_ID.into();
            c.carriers["ups"].client_secret = CLIENT_SECRET.into();
        }),
        ..Options::default()
    })
    .await
}

#[tokio::test]
async fn ups_shipments_are_polled_with_one_cached_token() {
    let ups = fake_carriers::start().await;
    ups.answer(NUMBER, 200, in_transit("20260210"));
    let app = app_with_ups(&ups).await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut body = crate::helpers::shipment_body(NUMBER);
    body.as_object_mut().unwrap().remove("carrier");
    let resp = app.post_shipment(&key, &body).await;
    assert_eq!(resp.status(), 201, "detected as UPS, which is configured");
    let s: Value = resp.json().await.unwrap();
    assert_eq!(s["carrier"], "ups");

    for round in 0..3 {
        let now = Utc::now() + chrono::Duration::days(round);
        assert_eq!(app.poll_at(now).await.claimed, 1);
    }
    let api = app.shipment(&key, &s).await;
    assert_eq!(api["status"], "in_transit");
    let events = crate::helpers::carrier_events(&api);
    assert_eq!(events[0]["time"], "2026-02-10T10:15:00-05:00");
    assert_eq!(events[0]["location"], "Wayne, NJ, US");
    let ledger = ups.ledger.lock().unwrap();
    assert_eq!(ledger.requests.len(), 3);
    assert_eq!(ledger.issued.len(), 1, "one token for every request");
}

#[tokio::test]
async fn a_refused_token_is_refreshed_once_and_the_request_retried_once() {
    let ups = fake_carriers::start().await;
    ups.answer(NUMBER, 200, in_transit("20260210"));
    let app = app_with_ups(&ups).await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut body = crate::helpers::shipment_body(NUMBER);
    body["carrier"] = json!("ups");
    let s = app.register_with(&key, &body).await;
    app.poll_at(Utc::now()).await;
    {
        let mut l = ups.ledger.lock().unwrap();
        let first = l.issued[0].clone();
        l.revoked.push(first);
    }
    let o = app.poll_at(Utc::now() + chrono::Duration::days(1)).await;
    assert_eq!((o.claimed, o.failed), (1, 0));
    {
        let l = ups.ledger.lock().unwrap();
        assert_eq!(l.issued, ["tok-1", "tok-2"], "exactly one refresh");
        let tokens: Vec<&str> = l.requests.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            tokens,
            ["tok-1", "tok-1", "tok-2"],
            "one retry, with the new token"
        );
        // From now on every request carries a token the carrier accepts.
    }
    // Credentials the carrier refuses outright: an auth failure, retried later, not a loop.
    ups.ledger.lock().unwrap().refuse_all = true;
    let before = ups.ledger.lock().unwrap().requests.len();
    let o = app.poll_at(Utc::now() + chrono::Duration::days(2)).await;
    assert_eq!((o.claimed, o.failed), (1, 1));
    let after = ups.ledger.lock().unwrap().requests.len();
    assert_eq!(
        after - before,
        2,
        "one request, one retry after one refresh, then it stops"
    );
    assert_eq!(ups.ledger.lock().unwrap().issued.len(), 3);
    let api = app.shipment(&key, &s).await;
    assert!(
        api["next_poll_at"].is_string(),
        "still scheduled, with back-off"
    );
}

#[tokio::test]
async fn wrong_client_credentials_fail_without_tracking_requests() {
    let ups = fake_carriers::start().await;
    let url = ups.url.clone();
    let app = spawn_app_with(Options {
        configure: Box::new(move |c| {
            c.carriers["ups"].base_url = url;
            c.carriers["ups"].client_id = CLIENT_ID.into();
            c.carriers["ups"].client_secret = "wrong".into();
        }),
        ..Options::default()
    })
    .await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut body = crate::helpers::shipment_body(NUMBER);
    body["carrier"] = json!("ups");
    app.register_with(&key, &body).await;
    let o = app.poll_at(Utc::now()).await;
    assert_eq!((o.claimed, o.failed), (1, 1));
    assert!(
        ups.ledger.lock().unwrap().requests.is_empty(),
        "no track request without a token"
    );
}

#[tokio::test]
async fn tokens_are_renewed_before_they_expire() {
    let ups = fake_carriers::start().await;
    ups.ledger.lock().unwrap().expires_in = 2;
    ups.answer(NUMBER, 200, in_transit("20260210"));
    let app = app_with_ups(&ups).await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut body = crate::helpers::shipment_body(NUMBER);
    body["carrier"] = json!("ups");
    app.register_with(&key, &body).await;
    app.poll_at(Utc::now()).await;
    // The token's two seconds are nearly over: the next request must not carry it.
    tokio::time::sleep(std::time::Duration::from_millis(1900)).await;
    let o = app.poll_at(Utc::now() + chrono::Duration::days(1)).await;
    assert_eq!(o.failed, 0);
    let l = ups.ledger.lock().unwrap();
    assert_eq!(l.issued.len(), 2, "renewed once, ahead of expiry");
    let tokens: Vec<&str> = l.requests.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(tokens, ["tok-1", "tok-2"]);
    assert_eq!(l.expired_uses, 0, "no request with an expired token");
}
