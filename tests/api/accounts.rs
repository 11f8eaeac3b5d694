//! Merchants' own carrier accounts: sealed at rest, never shown, tested against the carrier,
//! and used to poll that merchant's shipments.

use base64::Engine;
use chrono::Utc;
use serde_json::{Value, json};

use crate::fake_carriers::{self, CLIENT_ID, CLIENT_SECRET, FakeCarrier};
use crate::helpers::{Options, TestApp, spawn_app, spawn_app_with};

/// An app whose platform has no UPS account, but knows where UPS is and can seal secrets.
pub(crate) async fn app(fake: &FakeCarrier) -> TestApp {
    let url = fake.url.clone();
    spawn_app_with(Options {
        configure: Box::new(move |c| {
            c.carriers["ups"].base_url = url;
            let key =
                base64::engine::general_purpose::STANDARD.encode(shipmate::entropy::bytes::<32>());
            c.security.credential_keys = format!("k1:{key}").into();
        }),
        ..Options::default()
    })
    .await
}

async fn put(app: &TestApp, key: &str, code: &str, body: Value) -> (u16, Value) {
    let resp = app
        .http
        .put(app.url(&format!("/api/v1/carriers/{code}")))
        .bearer_auth(key)
        .json(&body)
        .send()
        .await
        .unwrap();
    (
        resp.status().as_u16(),
        resp.json().await.unwrap_or(Value::Null),
    )
}

fn ups_credentials(secret: &str) -> Value {
    json!({"credentials": {"client_id": CLIENT_ID, "client_secret": secret}, "requests_per_second": 2.0})
}

#[tokio::test]
async fn accounts_are_sealed_listed_without_secrets_and_deleted() {
    let fake = fake_carriers::start().await;
    let app = app(&fake).await;
    let (merchant, key) = app.create_merchant("Acme").await;
    let (status, view) = put(&app, &key, "ups", ups_credentials(CLIENT_SECRET)).await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["carrier"], "ups");
    assert_eq!(view["credential_hint"], "…test");
    assert!(!view.to_string().contains(CLIENT_SECRET));

    let (_, list) = app.get_json(&key, "/api/v1/carriers").await;
    assert_eq!(list["accounts"][0]["carrier"], "ups");
    assert!(!list.to_string().contains(CLIENT_SECRET), "never returned");
    let stored: String = {
        redis::cmd("HGET")
            .arg(
                app.parts
                    .store
                    .keys()
                    .accounts(&shipmate::domain::MerchantId::parse(&merchant).unwrap()),
            )
            .arg("ups")
            .query_async(&mut app.parts.store.connection())
            .await
            .unwrap()
    };
    assert!(
        !stored.contains(CLIENT_SECRET) && !stored.contains(CLIENT_ID),
        "sealed at rest: {stored}"
    );

    let (_, other) = app.create_merchant("Other").await;
    let (_, others) = app.get_json(&other, "/api/v1/carriers").await;
    assert_eq!(others["accounts"], json!([]));

    let del = app
        .http
        .delete(app.url("/api/v1/carriers/ups"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(del.status(), 204);
    let (_, list) = app.get_json(&key, "/api/v1/carriers").await;
    assert_eq!(list["accounts"], json!([]));
}

#[tokio::test]
async fn bad_account_requests_are_refused() {
    let fake = fake_carriers::start().await;
    let app = app(&fake).await;
    let (_, key) = app.create_merchant("Acme").await;
    let (status, problem) = put(
        &app,
        &key,
        "ups",
        json!({"credentials": {"client_id": "x"}}),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("credentials.client_secret"))
    );
    assert_eq!(put(&app, &key, "pigeon", ups_credentials("s")).await.0, 404);
    assert_eq!(
        put(&app, &key, "sandbox", ups_credentials("s")).await.0,
        404,
        "the sandbox takes no accounts"
    );
    let (status, problem) = put(
        &app,
        &key,
        "dhl",
        json!({"credentials": {"client_id": "x"}}),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("credentials.api_key"))
    );
    assert_eq!(
        put(&app, "sk_nope", "ups", ups_credentials("s")).await.0,
        401
    );

    let plain = spawn_app().await;
    let (_, key) = plain.create_merchant("Acme").await;
    let (status, problem) = put(&plain, &key, "ups", ups_credentials("s")).await;
    assert_eq!(status, 409, "no credential keys configured: {problem}");
}

#[tokio::test]
async fn testing_an_account_asks_the_carrier_and_says_why_it_fails() {
    let fake = fake_carriers::start().await;
    let app = app(&fake).await;
    let (_, key) = app.create_merchant("Acme").await;
    put(&app, &key, "ups", ups_credentials(CLIENT_SECRET)).await;
    let ok = app
        .http
        .post(app.url("/api/v1/carriers/ups/test"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.json::<Value>().await.unwrap()["ok"], true);

    put(&app, &key, "ups", ups_credentials("wrong")).await;
    let bad = app
        .http
        .post(app.url("/api/v1/carriers/ups/test"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let problem: Value = bad.json().await.unwrap();
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("refused these credentials"),
        "{problem}"
    );
    assert_eq!(
        app.http
            .post(app.url("/api/v1/carriers/fedex/test"))
            .bearer_auth(&key)
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn a_merchants_own_account_polls_its_shipments() {
    let fake = fake_carriers::start().await;
    let app = app(&fake).await;
    let (_, key) = app.create_merchant("Acme").await;
    let number = "1Z8V92A70367203024";
    fake.answer(number, 200, json!({"trackResponse": {"shipment": [{"package": [{"activity": [
        {"date": "20260210", "time": "101500", "gmtOffset": "-05:00", "status": {"type": "D", "code": "KB", "description": "Delivered"}}]}]}]}}).to_string());

    let mut body = crate::helpers::shipment_body(number);
    body.as_object_mut().unwrap().remove("carrier");
    let (_, without) = app.create_merchant("No UPS").await;
    assert_eq!(
        app.post_shipment(&without, &body).await.status(),
        422,
        "UPS is not configured for this merchant"
    );

    put(&app, &key, "ups", ups_credentials(CLIENT_SECRET)).await;
    let resp = app.post_shipment(&key, &body).await;
    assert_eq!(
        resp.status(),
        201,
        "detected as UPS, configured through the merchant's account"
    );
    let s: Value = resp.json().await.unwrap();
    assert_eq!(s["carrier"], "ups");
    let o = app.poll_at(Utc::now()).await;
    assert_eq!((o.claimed, o.failed), (1, 0));
    assert_eq!(app.shipment(&key, &s).await["status"], "delivered");
    assert_eq!(
        fake.ledger.lock().unwrap().issued.len(),
        1,
        "token fetched with the merchant's credentials"
    );
}

#[tokio::test]
async fn a_merchants_cadence_overrides_the_platforms_for_its_shipments() {
    let fake = fake_carriers::start().await;
    let app = app(&fake).await;
    let (_, key) = app.create_merchant("Acme").await;
    let (status, problem) = put(
        &app,
        &key,
        "ups",
        json!({"credentials": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET},
               "cadence": {"flying": "1h", "in_transit": "5s", "delivered": "1h"}}),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        ["cadence.delivered", "cadence.flying", "cadence.in_transit"]
    );
    let (_, list) = app.get_json(&key, "/api/v1/carriers").await;
    assert_eq!(list["accounts"], json!([]), "nothing saved");

    let (status, view) = put(
        &app,
        &key,
        "ups",
        json!({"credentials": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET},
               "cadence": {"in_transit": "10m"}}),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["cadence"], json!({"in_transit": "10m"}));

    let number = "1Z8V92A70367203024";
    fake.answer(number, 200, json!({"trackResponse": {"shipment": [{"package": [{"activity": [
        {"date": "20260210", "time": "101500", "gmtOffset": "-05:00", "status": {"type": "I", "code": "DP", "description": "Departed from Facility"}}]}]}]}}).to_string());
    let mut body = crate::helpers::shipment_body(number);
    body["carrier"] = json!("ups");
    let s = app.register_with(&key, &body).await;
    let now = Utc::now();
    app.poll_at(now).await;
    let api = app.shipment(&key, &s).await;
    assert_eq!(api["status"], "in_transit");
    let next: chrono::DateTime<Utc> = api["next_poll_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        (next - now).num_minutes(),
        10,
        "the merchant's 10m, not the platform's 2h"
    );
}
