//! A WooCommerce shop sends its orders: connected with `PUT /api/v1/integrations/woocommerce`,
//! the ping a new webhook sends answered 200, `order.updated` signed as WooCommerce signs it
//! (the secret's HTML entities decoded first: a secret saved as `…&amp;…` signs as `…&…`;
//! vectors from Python's `hmac`), the Shipment Tracking extension's items in the order's
//! meta, a cancelled order stopping tracking, and the reconciliation reading the shop's REST
//! API and the extension's endpoint. Payloads follow WooCommerce's REST API reference (the
//! order resource) and the extension's documented `_wc_shipment_tracking_items` items.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use base64::Engine;
use serde_json::{Value, json};

use crate::helpers::{Options, TestApp, number, spawn_app_with};
use crate::shopify::{eventually, found, python_hmac};

const SAVED: &str = "wc-s3cr&amp;t-2026";
const SIGNS_AS: &str = "wc-s3cr&t-2026";

/// The shop's REST API: orders (`/wc/v3/orders`) and the extension's trackings, behind
/// basic authentication with the consumer key and secret.
fn fake_shop(orders: Arc<Mutex<Vec<Value>>>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = HttpServer::new(move || {
        let orders = orders.clone();
        App::new().default_service(web::to(move |req: HttpRequest| {
            let orders = orders.clone();
            async move {
                let auth = base64::engine::general_purpose::STANDARD.encode("ck_test_key:cs_test_secret");
                let given = req.headers().get("authorization").and_then(|v| v.to_str().ok());
                if given != Some(&format!("Basic {auth}")) {
                    return HttpResponse::Unauthorized().finish();
                }
                let all = orders.lock().unwrap().clone();
                match req.path() {
                    "/wp-json/wc/v3/orders" => HttpResponse::Ok().json(all),
                    p if p.ends_with("/shipment-trackings") => HttpResponse::Ok().json(json!([
                        {"tracking_id": "t9", "tracking_provider": "Sandbox Express", "custom_tracking_provider": "",
                         "tracking_link": "", "tracking_number": "SBOT77777777", "date_shipped": "2026-12-01"}
                    ])),
                    _ => HttpResponse::NotFound().finish(),
                }
            }
        }))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    url
}

fn order(id: u64, status: &str, modified: &str, trackings: Value) -> Value {
    json!({
        "id": id, "number": id.to_string(), "status": status, "date_modified_gmt": modified,
        "billing": {"first_name": "John", "last_name": "Doe", "email": "john.doe@example.com", "phone": "+14155550123", "city": "San Francisco", "postcode": "94103", "country": "US"},
        "shipping": {"first_name": "John", "city": "San Francisco", "postcode": "94103", "country": "US"},
        "line_items": [{"id": 315, "name": "Woo Single #1", "quantity": 2}],
        "meta_data": [{"id": 13106, "key": "_wc_shipment_tracking_items", "value": trackings}]
    })
}

async fn deliver(
    app: &TestApp,
    merchant: &str,
    secret: &str,
    site: &str,
    delivery: &str,
    body: &[u8],
) -> u16 {
    app.http
        .post(app.url(&format!("/hooks/woocommerce/{merchant}")))
        .header("content-type", "application/json")
        .header("x-wc-webhook-signature", python_hmac(secret, body))
        .header("x-wc-webhook-topic", "order.updated")
        .header("x-wc-webhook-source", format!("{site}/"))
        .header("x-wc-webhook-delivery-id", delivery)
        .body(body.to_vec())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_woocommerce_shop_sends_its_orders_checked_as_woocommerce_signs_them() {
    let orders: Arc<Mutex<Vec<Value>>> = Arc::default();
    let site = fake_shop(orders.clone());
    let app = spawn_app_with(Options {
        configure: Box::new(|c| {
            c.notifier.webhooks_allow_private = true;
            c.intake.interval = Duration::from_millis(20);
            let key =
                base64::engine::general_purpose::STANDARD.encode(shipmate::entropy::bytes::<32>());
            c.security.credential_keys = format!("k1:{key}").into();
        }),
        ..Options::default()
    })
    .await;
    let (merchant, key) = app.create_merchant("Woo Shop").await;
    let resp = app
        .http
        .put(app.url("/api/v1/integrations/woocommerce"))
        .bearer_auth(&key)
        .json(&json!({"site": site, "signing_secrets": [SAVED], "consumer_key": "ck_test_key", "consumer_secret": "cs_test_secret"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let text = resp.text().await.unwrap();
    assert!(
        !text.contains("s3cr") && !text.contains("cs_test_secret"),
        "{text}"
    );
    let view: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        view["webhook_url"],
        app.url(&format!("/hooks/woocommerce/{merchant}"))
    );

    // The ping a new webhook sends: form-encoded, unsigned, answered 200.
    let ping = app
        .http
        .post(app.url(&format!("/hooks/woocommerce/{merchant}")))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("webhook_id=12")
        .send()
        .await
        .unwrap();
    assert_eq!(ping.status(), 200);

    let n = number("OT");
    let body = serde_json::to_vec(&order(727, "completed", "2026-12-01T10:00:00", json!([
        {"tracking_provider": "", "custom_tracking_provider": "Sandbox Express", "tracking_number": n, "date_shipped": 1700000000, "tracking_id": "a1"}
    ]))).unwrap();
    // Signed with the secret as saved, entities and all: not how WooCommerce signs.
    assert_eq!(
        deliver(&app, &merchant, SAVED, &site, "d-0", &body).await,
        401
    );
    assert_eq!(
        deliver(
            &app,
            &merchant,
            SIGNS_AS,
            "https://other.example",
            "d-0",
            &body
        )
        .await,
        401
    );
    assert_eq!(
        deliver(&app, &merchant, SIGNS_AS, &site, "d-1", &body).await,
        200
    );
    let s = eventually(&app, &key, &n, |_| true).await;
    assert_eq!(s["order"]["number"], "727");
    assert_eq!(
        s["order"]["items"][0],
        json!({"name": "Woo Single #1", "quantity": 2})
    );
    assert_eq!(s["customer"]["email"], "john.doe@example.com");
    assert_eq!(s["carrier"], "sandbox");
    assert_eq!(
        deliver(&app, &merchant, SIGNS_AS, &site, "d-1", &body).await,
        200
    );
    let (_, list) = app.get_json(&key, "/api/v1/shipments").await;
    assert_eq!(
        list["items"].as_array().unwrap().len(),
        1,
        "the same delivery twice: one shipment"
    );

    // Cancelled, but older than what was applied: nothing; newer: tracking stops.
    let trackings = json!([{"tracking_provider": "Sandbox Express", "custom_tracking_provider": "", "tracking_number": n}]);
    let old = serde_json::to_vec(&order(
        727,
        "cancelled",
        "2026-12-01T09:00:00",
        trackings.clone(),
    ))
    .unwrap();
    assert_eq!(
        deliver(&app, &merchant, SIGNS_AS, &site, "d-2", &old).await,
        200
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_ne!(found(&app, &key, &n).await.unwrap()["status"], "cancelled");
    let new =
        serde_json::to_vec(&order(727, "cancelled", "2026-12-01T11:00:00", trackings)).unwrap();
    assert_eq!(
        deliver(&app, &merchant, SIGNS_AS, &site, "d-3", &new).await,
        200
    );
    eventually(&app, &key, &n, |s| s["status"] == "cancelled").await;

    // An order whose webhook never came, its trackings only at the extension's endpoint.
    orders
        .lock()
        .unwrap()
        .push(order(728, "completed", "2026-12-02T10:00:00", json!([])));
    let queued = app
        .parts
        .intake
        .reconcile(chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(queued, 1);
    let s = eventually(&app, &key, "SBOT77777777", |_| true).await;
    assert_eq!(s["order"]["number"], "728");
}

#[tokio::test]
async fn a_woocommerce_site_must_be_public_and_a_new_site_needs_its_secrets_again() {
    let app = spawn_app_with(Options {
        configure: Box::new(|c| {
            let key =
                base64::engine::general_purpose::STANDARD.encode(shipmate::entropy::bytes::<32>());
            c.security.credential_keys = format!("k1:{key}").into();
        }),
        ..Options::default()
    })
    .await;
    let (_, key) = app.create_merchant("Careful Shop").await;
    let put = |body: Value| {
        app.http
            .put(app.url("/api/v1/integrations/woocommerce"))
            .bearer_auth(&key)
            .json(&body)
            .send()
    };
    let secrets = json!({"signing_secrets": ["wc-secret-123"], "consumer_key": "ck_test_key", "consumer_secret": "cs_test_secret"});
    for private in [
        "http://127.0.0.1:8080",
        "http://169.254.169.254",
        "http://[::1]/wp",
    ] {
        let mut body = secrets.clone();
        body["site"] = json!(private);
        let resp = put(body).await.unwrap();
        assert_eq!(resp.status(), 422, "{private}");
    }
    let mut body = secrets.clone();
    body["site"] = json!("https://shop.example");
    assert_eq!(put(body).await.unwrap().status(), 200);
    // The same site: secrets left out stay. Another site: they must be given again.
    assert_eq!(
        put(json!({"site": "https://shop.example"}))
            .await
            .unwrap()
            .status(),
        200
    );
    let moved = put(json!({"site": "https://elsewhere.example"}))
        .await
        .unwrap();
    assert_eq!(moved.status(), 422);
    let (_, view) = app.get_json(&key, "/api/v1/integrations/woocommerce").await;
    assert_eq!(view["shop"], "https://shop.example");
}
