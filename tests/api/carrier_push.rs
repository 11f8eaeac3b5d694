//! UPS, FedEx and DHL pushing their scans, each authenticated as that carrier does it:
//! - UPS Track Alert: subscribed by the `push_subscribe` job through the fake's
//!   subscription endpoint (request and answer as in UPS's OpenAPI file
//!   `UPS-API/api-documentation:UPSTrackAlert.yaml`), then the push the spec documents
//!   (its `TrackingEvent` examples) sent to the URL and with the `credential` we gave;
//! - FedEx AIV: the body FedEx documents for its webhook (`output.completeTrackResults`,
//!   the Track API's `TrackResult`s), signed `fdx-signature` as FedEx's validation page
//!   shows (base64 HMAC-SHA256, here from Python's `hmac`), sent out of order;
//! - DHL Unified Push: DHL's tracking example shipment in the push envelope, with the
//!   token of the subscription's `ApiKeyAuthentication` in our header.

use chrono::{Duration as Span, Utc};
use serde_json::{Value, json};
use shipmate::scheduler::Job;

use crate::fake_carriers::{self, CLIENT_ID, CLIENT_SECRET};
use crate::helpers::{Options, TestApp, spawn_app_with};
use crate::shopify::python_hmac;

const UPS_CREDENTIAL: &str = "ups-alert-credential-0b3a2b25";
const FEDEX_TOKEN: &str = "Y1F6OiVUQW2JPSElmRE9U0IY5x";
const DHL_TOKEN: &str = "dhl-push-token-6f0d4c2b1a01";

async fn app(fake: &str) -> TestApp {
    let url = fake.to_owned();
    spawn_app_with(Options {
        configure: Box::new(move |c| {
            for code in ["ups", "fedex"] {
                c.carriers[code].base_url = url.clone();
                c.carriers[code].client_id = CLIENT_ID.into();
                c.carriers[code].client_secret = CLIENT_SECRET.into();
            }
            c.carriers["dhl"].base_url = url;
            c.carriers["dhl"].api_key = fake_carriers::API_KEY.into();
            c.push.ups_credential = UPS_CREDENTIAL.to_owned().into();
            c.push.fedex_security_token = FEDEX_TOKEN.to_owned().into();
            c.push.dhl_token = DHL_TOKEN.to_owned().into();
            c.notifier.webhooks_allow_private = true;
        }),
        ..Options::default()
    })
    .await
}

/// One run of the `push_subscribe` job at `at`: how many numbers UPS took.
async fn subscribe(app: &TestApp, at: chrono::DateTime<Utc>) -> usize {
    let job = app.parts.scheduler.run_job_once(Job::PushSubscribe, at);
    job.await.unwrap().processed
}

async fn register(app: &TestApp, key: &str, carrier: &str, number: &str) -> Value {
    let mut body = crate::helpers::shipment_body(number);
    body["carrier"] = json!(carrier);
    app.register_with(key, &body).await
}

async fn post(app: &TestApp, url: &str, header: (&str, &str), body: &[u8]) -> (u16, Value) {
    let resp = app
        .http
        .post(url)
        .header("content-type", "application/json")
        .header(header.0, header.1)
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.json().await.unwrap())
}

#[tokio::test]
async fn ups_numbers_are_subscribed_renewed_and_their_pushes_applied() {
    let fake = fake_carriers::start().await;
    let app = app(&fake.url).await;
    let (_, key) = app.create_merchant("Alert Co").await;
    let delivered = register(&app, &key, "ups", "1Z204W4R0308071865").await;
    let other = register(&app, &key, "ups", "1ZCIETST0111111114").await;
    register(&app, &key, "ups", "1ZBADBADBADBADBAD1").await;
    let now = Utc::now();
    assert_eq!(subscribe(&app, now).await, 2);

    let sent = fake.ledger.lock().unwrap().subscriptions.clone();
    assert_eq!(sent.len(), 1, "one call for up to 100 numbers");
    let mut numbers: Vec<&str> = sent[0]["trackingNumberList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    numbers.sort();
    assert_eq!(
        numbers,
        [
            "1Z204W4R0308071865",
            "1ZBADBADBADBADBAD1",
            "1ZCIETST0111111114"
        ]
    );
    let destination = &sent[0]["destination"];
    assert_eq!(destination["credential"], UPS_CREDENTIAL);
    let hook = destination["url"].as_str().unwrap().to_owned();
    assert_eq!(hook, app.url("/hooks/carriers/ups"));
    assert_eq!(sent[0]["locale"], "en_US");

    // UPS pushes the spec's delivered example to that URL with that credential.
    let push = br#"{"trackingNumber":"1Z204W4R0308071865","localActivityDate":"20240423","localActivityTime":"095004",
     "activityLocation":{"city":"CHARLOTTE","stateProvince":"NC","postalCode":"28209","country":"US"},
     "activityStatus":{"type":"D","code":"FS","description":"Delivered","descriptionCode":"011"},
     "scheduledDeliveryDate":"","actualDeliveryDate":"20240423","actualDeliveryTime":"095004",
     "gmtActivityDate":"20240423","gmtActivityTime":"135004","deliveryStartTime":"","deliveryEndTime":"",
     "deliveryTimeDescription":""}"#;
    assert_eq!(
        post(&app, &hook, ("credential", "guess"), push).await.0,
        401
    );
    assert_eq!(
        post(
            &app,
            &hook,
            ("user-agent", "UPSPubSubTrackingService"),
            push
        )
        .await
        .0,
        401
    );
    let s = app.shipment(&key, &delivered).await;
    assert_eq!(
        s["status"], "pending",
        "a refused push changes nothing: {s}"
    );
    // Out for delivery (the spec's `OT` example's fields), pushed twice: one scan.
    let out = br#"{"trackingNumber":"1Z204W4R0308071865","localActivityDate":"20240423","localActivityTime":"071500",
     "activityLocation":{"city":"CHARLOTTE","stateProvince":"NC","postalCode":"","country":"US"},
     "activityStatus":{"type":"I","code":"OT","description":"Out For Delivery Today","descriptionCode":"021"},
     "scheduledDeliveryDate":"20240423","actualDeliveryDate":"","actualDeliveryTime":"",
     "gmtActivityDate":"20240423","gmtActivityTime":"111500","deliveryStartTime":"","deliveryEndTime":"190000",
     "deliveryTimeDescription":""}"#;
    for _ in 0..2 {
        let (status, answer) = post(&app, &hook, ("credential", UPS_CREDENTIAL), out).await;
        assert_eq!((status, answer["status"].as_str()), (200, Some("applied")));
    }
    let s = app.shipment(&key, &delivered).await;
    assert_eq!(s["status"], "out_for_delivery", "{s}");
    assert_eq!(
        crate::helpers::carrier_events(&s).len(),
        1,
        "the same scan twice is one"
    );
    let id = shipmate::domain::ShipmentId::parse(delivered["id"].as_str().unwrap()).unwrap();
    let stored = app.parts.store.shipment(&id).await.unwrap().unwrap();
    assert!(
        stored.pushed_at.is_some(),
        "polled as a backstop from now on"
    );
    assert_eq!(
        stored.eta.unwrap().to_rfc3339(),
        "2024-04-23T19:00:00-04:00"
    );
    let (status, answer) = post(&app, &hook, ("credential", UPS_CREDENTIAL), push).await;
    assert_eq!((status, answer["status"].as_str()), (200, Some("applied")));
    let s = app.shipment(&key, &delivered).await;
    assert_eq!(s["status"], "delivered", "{s}");
    assert_eq!(crate::helpers::carrier_events(&s).len(), 2);

    // Not due again until the renewal; then the delivered number is dropped, the refused
    // one was dropped at once, and the other renewed.
    assert_eq!(subscribe(&app, now).await, 0);
    let renewal = now + Span::days(12) + Span::seconds(1);
    assert_eq!(subscribe(&app, renewal).await, 1);
    let sent = fake.ledger.lock().unwrap().subscriptions.clone();
    assert_eq!(sent[1]["trackingNumberList"], json!(["1ZCIETST0111111114"]));
    let ups = shipmate::domain::CarrierCode::parse("ups").unwrap();
    assert_eq!(
        app.parts.store.push_subscription_count(&ups).await.unwrap(),
        1
    );
    assert_eq!(app.shipment(&key, &other).await["status"], "pending");
}

#[tokio::test]
async fn a_hundred_and_fifty_numbers_go_a_hundred_a_call_and_a_failed_call_waits_an_hour() {
    let fake = fake_carriers::start().await;
    let app = app(&fake.url).await;
    let (_, key) = app.create_merchant("Many Parcels").await;
    for i in 0..150 {
        register(&app, &key, "ups", &format!("1ZMANY{i:012}")).await;
    }
    let now = Utc::now();
    fake.ledger.lock().unwrap().refuse_all = true;
    assert_eq!(subscribe(&app, now).await, 0);
    fake.ledger.lock().unwrap().refuse_all = false;
    let calls = fake.ledger.lock().unwrap().subscriptions.len();
    assert_eq!(calls, 0, "refused before anything was taken");
    let soon = now + Span::minutes(10);
    assert_eq!(subscribe(&app, soon).await, 0, "waits an hour");
    let later = now + Span::minutes(61);
    assert_eq!(subscribe(&app, later).await, 150);
    let sizes: Vec<usize> = fake
        .ledger
        .lock()
        .unwrap()
        .subscriptions
        .iter()
        .map(|b| b["trackingNumberList"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, [100, 50]);
}

/// `hours` after a day two days ago, in Minnesota's winter offset, as FedEx writes times
/// (recent, so the shipment is not flagged silent).
fn at(hours: i64) -> String {
    let base = (Utc::now() - Span::days(2))
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    format!(
        "{}-05:00",
        (base + Span::hours(hours)).format("%Y-%m-%dT%H:%M:%S")
    )
}

fn fedex_push(at: &str, kind: &str, description: &str) -> Vec<u8> {
    fedex_push_with_eta(at, kind, description, None)
}

/// FedEx's webhook body (`output.completeTrackResults`, the Track API's `TrackResult`).
fn fedex_push_with_eta(at: &str, kind: &str, description: &str, eta: Option<&str>) -> Vec<u8> {
    let dates: Vec<Value> = eta
        .map(|e| json!({"type": "ESTIMATED_DELIVERY", "dateTime": e}))
        .into_iter()
        .collect();
    serde_json::to_vec(&json!({
        "transactionId": "624deea6-b709-470c-8c39-4b5511281492",
        "output": {"completeTrackResults": [{"trackingNumber": "794843185271", "trackResults": [{
            "trackingNumberInfo": {"trackingNumber": "794843185271", "carrierCode": "FDXE"},
            "dateAndTimes": dates,
            "scanEvents": [{"date": at, "eventType": kind, "eventDescription": description,
                "scanLocation": {"city": "MANKATO", "stateOrProvinceCode": "MN", "countryCode": "US", "postalCode": "56001"},
                "derivedStatusCode": kind}]}]}]}
    }))
    .unwrap()
}

/// A FedEx push signed with our security token: its status.
async fn fedex(app: &TestApp, body: &[u8]) -> u16 {
    let signature = python_hmac(FEDEX_TOKEN, body);
    let hook = app.url("/hooks/carriers/fedex");
    post(app, &hook, ("fdx-signature", &signature), body)
        .await
        .0
}

#[tokio::test]
async fn fedex_pushes_are_signed_and_applied_in_carrier_time_order() {
    let fake = fake_carriers::start().await;
    let app = app(&fake.url).await;
    let (_, key) = app.create_merchant("Visibility Co").await;
    let s = register(&app, &key, "fedex", "794843185271").await;
    let hook = app.url("/hooks/carriers/fedex");
    let arrived = fedex_push(&at(20), "AR", "Arrived at FedEx location");
    let picked = fedex_push(&at(-13), "PU", "Picked up");
    let wrong = python_hmac("another-token-of-26-chars-X1", &arrived);
    assert_eq!(
        post(&app, &hook, ("fdx-signature", &wrong), &arrived)
            .await
            .0,
        401
    );
    assert_eq!(app.shipment(&key, &s).await["status"], "pending");
    let sign = |body: &[u8]| python_hmac(FEDEX_TOKEN, body);
    // Out of order, as FedEx warns: the latest scan, the first, then the one between.
    let departed = fedex_push(&at(23), "DP", "Left FedEx origin facility");
    for body in [&departed, &picked, &arrived] {
        assert_eq!(fedex(&app, body).await, 200);
    }
    let got = app.shipment(&key, &s).await;
    assert_eq!(got["status"], "in_transit", "{got}");
    let events = crate::helpers::carrier_events(&got);
    let times: Vec<String> = events
        .iter()
        .map(|e| e["time"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        times,
        [at(23), at(20), at(-13)],
        "carrier-time order (newest first, as the API lists them), not arrival order"
    );
    // Out for delivery with FedEx's estimate; then a scan from before it, pushed late with
    // the estimate it had then: its scan takes its place, the status and the estimate stay.
    let out = fedex_push_with_eta(
        &at(28),
        "OD",
        "On FedEx vehicle for delivery",
        Some(&at(44)),
    );
    let late = fedex_push_with_eta(&at(25), "AR", "At local FedEx facility", Some(&at(92)));
    for body in [&out, &late] {
        assert_eq!(fedex(&app, body).await, 200);
    }
    let got = app.shipment(&key, &s).await;
    assert_eq!(got["status"], "out_for_delivery", "never backwards: {got}");
    assert_eq!(crate::helpers::carrier_events(&got).len(), 5);
    let id = shipmate::domain::ShipmentId::parse(s["id"].as_str().unwrap()).unwrap();
    let stored = app.parts.store.shipment(&id).await.unwrap().unwrap();
    assert_eq!(
        stored.eta.unwrap().to_rfc3339(),
        at(44),
        "the newer estimate"
    );
    let delivered = fedex_push(&at(38), "DL", "Delivered");
    assert_eq!(
        post(
            &app,
            &hook,
            ("fdx-signature", &sign(&delivered)),
            &delivered
        )
        .await
        .0,
        200
    );
    assert_eq!(app.shipment(&key, &s).await["status"], "delivered");
    // A signed body that is not a tracking: 200, nothing changes.
    let other = br#"{"transactionId": "x", "outputMetaData": []}"#;
    assert_eq!(
        post(&app, &hook, ("fdx-signature", &sign(other)), other).await,
        (200, json!({"status": "ignored"}))
    );
}

#[tokio::test]
async fn dhl_pushes_carry_our_token_and_a_handshake_changes_nothing() {
    let fake = fake_carriers::start().await;
    let app = app(&fake.url).await;
    let (_, key) = app.create_merchant("Push Post").await;
    let s = register(&app, &key, "dhl", "00340434161094042557").await;
    let hook = app.url("/hooks/carriers/dhl");
    let body = serde_json::to_vec(&json!({
        "scope": "subscription.push",
        "self": "https://api-eu.dhl.com/tracking/push/v1/subscription/none",
        "shipments": [{"id": "00340434161094042557", "service": "parcel-de", "events": [
            {"timestamp": "2026-05-06T08:12:00+02:00", "statusCode": "transit",
             "status": "The shipment has been loaded onto the delivery vehicle",
             "location": {"address": {"countryCode": "DE", "postalCode": "53113", "addressLocality": "Bonn"}}}]}]
    }))
    .unwrap();
    let header = "shipmate-push-token";
    assert_eq!(
        post(&app, &hook, (header, "not-our-token-at-all"), &body)
            .await
            .0,
        401
    );
    assert_eq!(
        post(&app, &hook, ("dhl-api-key", DHL_TOKEN), &body).await.0,
        401
    );
    assert_eq!(post(&app, &hook, (header, DHL_TOKEN), &body).await.0, 200);
    let got = app.shipment(&key, &s).await;
    assert_eq!(got["status"], "in_transit", "{got}");
    let validate = br#"{"scope": "subscription.validate", "self": "https://api-eu.dhl.com/tracking/push/v1/subscription/1", "secret": "s"}"#;
    assert_eq!(
        post(&app, &hook, (header, DHL_TOKEN), validate).await,
        (200, json!({"status": "ignored"}))
    );
    assert_eq!(
        post(
            &app,
            &app.url("/hooks/carriers/usps"),
            (header, DHL_TOKEN),
            &body
        )
        .await
        .0,
        404
    );
    let huge = vec![b' '; 1_048_577];
    assert_eq!(post(&app, &hook, (header, DHL_TOKEN), &huge).await.0, 413);
    assert_eq!(app.shipment(&key, &s).await["status"], "in_transit");
}
