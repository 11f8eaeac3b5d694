//! A Shopify store sends its fulfillments: connected with `PUT /api/v1/integrations/shopify`,
//! deliveries at `/hooks/shopify/{merchant}` signed as Shopify signs them (the vectors made
//! by Python's `hmac`, not by our code), the order read from a fake Admin API when the
//! webhook lacks the customer, duplicates and older deliveries changing nothing, a
//! cancelled fulfillment stopping tracking, and the reconciliation finding a fulfillment
//! whose webhook never came.
//!
//! The payloads follow the samples of Shopify's REST Admin API reference (the Fulfillment
//! and Order resources: `id`, `order_id`, `status`, `name`, `tracking_company`,
//! `tracking_numbers`, `line_items`; `shipping_address`, `customer_locale`), with sandbox
//! tracking numbers in place of the samples' UPS ones.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use base64::Engine;
use serde_json::{Value, json};

use crate::helpers::{Options, TestApp, number, spawn_app_with};

const TOKEN: &str = "shpat_test_token_1234";
const SHOP: &str = "acme-mugs.myshopify.com";

/// The Admin API of one store: an order, and the orders "changed since" (what `orders`
/// holds). Every request must carry the token.
struct FakeShop {
    url: String,
    orders: Arc<Mutex<Vec<Value>>>,
}

fn fake_shop() -> FakeShop {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let orders: Arc<Mutex<Vec<Value>>> = Arc::default();
    let state = orders.clone();
    let server = HttpServer::new(move || {
        let state = state.clone();
        App::new().default_service(web::to(move |req: HttpRequest| {
            let state = state.clone();
            async move {
                let token = req
                    .headers()
                    .get("x-shopify-access-token")
                    .and_then(|v| v.to_str().ok());
                if token != Some(TOKEN) {
                    return HttpResponse::Unauthorized().finish();
                }
                let path = req.path().to_owned();
                let orders = state.lock().unwrap().clone();
                if path == format!("/{SHOP}/admin/api/2025-01/orders.json") {
                    return HttpResponse::Ok().json(json!({ "orders": orders }));
                }
                let id = path
                    .strip_prefix(&format!("/{SHOP}/admin/api/2025-01/orders/"))
                    .and_then(|p| p.strip_suffix(".json"));
                match orders
                    .iter()
                    .find(|o| Some(o["id"].to_string().as_str()) == id)
                {
                    Some(o) => HttpResponse::Ok().json(json!({ "order": o })),
                    None => HttpResponse::NotFound().finish(),
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
    FakeShop { url, orders }
}

async fn app(shop: &FakeShop) -> TestApp {
    let url = format!("{}/{{shop}}", shop.url);
    spawn_app_with(Options {
        configure: Box::new(move |c| {
            c.intake.shopify_admin_url = url;
            c.intake.interval = Duration::from_millis(20);
            c.intake.max_body = 64 * 1024;
            let key =
                base64::engine::general_purpose::STANDARD.encode(shipmate::entropy::bytes::<32>());
            c.security.credential_keys = format!("k1:{key}").into();
        }),
        ..Options::default()
    })
    .await
}

/// base64(HMAC-SHA256(body, secret)) as Python computes it.
pub(crate) fn python_hmac(secret: &str, body: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .args([
            "-c",
            "import base64,hashlib,hmac,sys; print(base64.b64encode(hmac.new(sys.argv[1].encode(), sys.stdin.buffer.read(), hashlib.sha256).digest()).decode())",
            secret,
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    child.stdin.take().unwrap().write_all(body).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn order(id: u64, name: &str, email: &str, fulfillments: Vec<Value>) -> Value {
    json!({
        "id": id, "name": name, "email": email, "customer_locale": "en",
        "customer": {"first_name": "Bob", "last_name": "Norman", "email": email},
        "shipping_address": {"first_name": "Bob", "city": "Louisville", "zip": "40202", "country_code": "US", "phone": "+15555555555"},
        "fulfillments": fulfillments
    })
}

fn fulfillment(id: u64, order_id: u64, status: &str, company: &str, numbers: &[&str]) -> Value {
    let name = format!("#{}.1", 1001 + order_id - 450789469);
    json!({
        "id": id, "order_id": order_id, "status": status, "name": name,
        "tracking_company": company, "tracking_number": numbers[0], "tracking_numbers": numbers,
        "line_items": [{"id": 466157049, "title": "IPod Nano - 8gb", "quantity": 1}],
        "updated_at": "2026-12-01T10:00:00-05:00"
    })
}

struct Hook<'a> {
    secret: &'a str,
    topic: &'a str,
    event: &'a str,
    triggered: &'a str,
    unprefixed: bool,
}

async fn deliver(app: &TestApp, merchant: &str, hook: &Hook<'_>, body: &[u8]) -> (u16, Value) {
    let p = if hook.unprefixed { "" } else { "X-" };
    let resp = app
        .http
        .post(app.url(&format!("/hooks/shopify/{merchant}")))
        .header("content-type", "application/json")
        .header(
            format!("{p}Shopify-Hmac-Sha256"),
            python_hmac(hook.secret, body),
        )
        .header(format!("{p}Shopify-Topic"), hook.topic)
        .header(format!("{p}Shopify-Shop-Domain"), SHOP)
        .header(format!("{p}Shopify-Event-Id"), hook.event)
        .header(format!("{p}Shopify-Triggered-At"), hook.triggered)
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

pub(crate) async fn found(app: &TestApp, key: &str, number: &str) -> Option<Value> {
    let (_, body) = app
        .get_json(key, &format!("/api/v1/shipments?q={number}"))
        .await;
    let first = body["items"].as_array()?.first()?.clone();
    Some(app.shipment(key, &first).await)
}

/// The shipment with `number` once `done` holds, within 10 s.
pub(crate) async fn eventually(
    app: &TestApp,
    key: &str,
    number: &str,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let start = Instant::now();
    loop {
        if let Some(s) = found(app, key, number).await
            && done(&s)
        {
            return s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{number} never got there"
        );
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
}

#[tokio::test]
async fn a_shopify_store_sends_its_fulfillments_and_nothing_is_lost_or_doubled() {
    let shop = fake_shop();
    let app = app(&shop).await;
    let (merchant, key) = app.create_merchant("Acme Mugs").await;
    let connect = |body: Value| {
        app.http
            .put(app.url("/api/v1/integrations/shopify"))
            .bearer_auth(&key)
            .json(&body)
            .send()
    };
    let bad = connect(json!({"shop": "acme.com", "signing_secrets": ["x"], "access_token": TOKEN}))
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let ok = connect(json!({
        "shop": SHOP, "signing_secrets": ["old-secret-1", "new-secret-2"], "access_token": TOKEN,
        "carrier_names": {"Acme Post": "sandbox"}
    }))
    .await
    .unwrap();
    assert_eq!(ok.status(), 200);
    let text = ok.text().await.unwrap();
    assert!(
        !text.contains("secret-") && !text.contains(TOKEN),
        "secrets never shown: {text}"
    );
    let view: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        view["webhook_url"],
        app.url(&format!("/hooks/shopify/{merchant}"))
    );
    assert_eq!(
        (
            view["signing_secrets"].as_u64(),
            view["token_hint"].as_str()
        ),
        (Some(2), Some("…1234"))
    );

    // A fulfillment without the customer: the order is read with the token.
    let (a, b) = (number("OT"), number("OT"));
    shop.orders.lock().unwrap().push(order(
        450789469,
        "#1001",
        "bob.norman@mail.example.com",
        vec![],
    ));
    let first = serde_json::to_vec(&fulfillment(
        255858046,
        450789469,
        "success",
        "Acme Post",
        &[&a, &b],
    ))
    .unwrap();
    let hook = Hook {
        secret: "new-secret-2",
        topic: "fulfillments/create",
        event: "evt-1",
        triggered: "2026-12-01T15:00:00Z",
        unprefixed: false,
    };
    let (status, body) = deliver(&app, &merchant, &hook, &first).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("queued")));
    let s = eventually(&app, &key, &a, |_| true).await;
    assert_eq!(s["order"]["number"], "#1001");
    assert_eq!(
        s["order"]["items"][0],
        json!({"name": "IPod Nano - 8gb", "quantity": 1})
    );
    assert_eq!(s["carrier"], "sandbox");
    assert_eq!(s["customer"]["email"], "bob.norman@mail.example.com");
    assert_eq!(s["destination"]["country"], "US");
    eventually(&app, &key, &b, |_| true).await;

    // The same event again: one shipment each still.
    let (status, body) = deliver(&app, &merchant, &hook, &first).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("duplicate")));
    let (_, list) = app.get_json(&key, "/api/v1/shipments").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);

    // Refused, changing nothing: wrong or missing signature, another shop, an unknown
    // merchant, too large a body.
    let wrong = Hook {
        secret: "not-the-secret",
        event: "evt-2",
        ..hook
    };
    assert_eq!(deliver(&app, &merchant, &wrong, &first).await.0, 401);
    let unsigned = app
        .http
        .post(app.url(&format!("/hooks/shopify/{merchant}")))
        .header("x-shopify-topic", "fulfillments/create")
        .body(first.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), 401);
    let other_shop = app
        .http
        .post(app.url(&format!("/hooks/shopify/{merchant}")))
        .header("x-shopify-hmac-sha256", python_hmac("new-secret-2", &first))
        .header("x-shopify-shop-domain", "evil.myshopify.com")
        .header("x-shopify-topic", "fulfillments/create")
        .body(first.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(other_shop.status(), 401);
    let shopless = app
        .http
        .post(app.url(&format!("/hooks/shopify/{merchant}")))
        .header("x-shopify-hmac-sha256", python_hmac("new-secret-2", &first))
        .header("x-shopify-topic", "fulfillments/create")
        .body(first.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(
        shopless.status(),
        401,
        "a delivery that names no shop is refused"
    );
    let (_, stranger) = app.create_merchant("No Store").await;
    let _ = stranger;
    assert_eq!(
        deliver(&app, "mer_0000000000000000", &hook, &first).await.0,
        404
    );
    assert_eq!(deliver(&app, "nobody", &hook, &first).await.0, 404);
    let huge = vec![b' '; 64 * 1024 + 1];
    assert_eq!(
        deliver(
            &app,
            &merchant,
            &Hook {
                event: "evt-3",
                ..hook
            },
            &huge
        )
        .await
        .0,
        413
    );

    // The newer unprefixed header spelling, signed with the other secret.
    let c = number("OT");
    let second = serde_json::to_vec(&fulfillment(
        255858047,
        450789469,
        "success",
        "Acme Post",
        &[&c],
    ))
    .unwrap();
    let newer = Hook {
        secret: "old-secret-1",
        event: "evt-4",
        unprefixed: true,
        ..hook
    };
    assert_eq!(deliver(&app, &merchant, &newer, &second).await.0, 200);
    eventually(&app, &key, &c, |_| true).await;

    // An older delivery after a newer one changes nothing; a newer cancellation stops tracking.
    let cancelled = serde_json::to_vec(&fulfillment(
        255858046,
        450789469,
        "cancelled",
        "Acme Post",
        &[&a, &b],
    ))
    .unwrap();
    let older = Hook {
        topic: "fulfillments/update",
        event: "evt-5",
        triggered: "2026-12-01T14:00:00Z",
        ..hook
    };
    assert_eq!(deliver(&app, &merchant, &older, &cancelled).await.0, 200);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_ne!(found(&app, &key, &a).await.unwrap()["status"], "cancelled");
    let later = Hook {
        topic: "fulfillments/update",
        event: "evt-6",
        triggered: "2026-12-01T16:00:00Z",
        ..hook
    };
    assert_eq!(deliver(&app, &merchant, &later, &cancelled).await.0, 200);
    let start = Instant::now();
    while found(&app, &key, &a)
        .await
        .is_some_and(|s| s["status"] != "cancelled")
    {
        assert!(start.elapsed() < Duration::from_secs(10), "never cancelled");
        tokio::time::sleep(Duration::from_millis(30)).await;
    }

    // A fulfillment made again with the number of another, which is then cancelled: the
    // number stays tracked (it belongs to the new one now).
    let again = serde_json::to_vec(&fulfillment(
        255858048,
        450789469,
        "success",
        "Acme Post",
        &[&c],
    ))
    .unwrap();
    let made = Hook {
        event: "evt-8",
        triggered: "2026-12-01T17:00:00Z",
        ..hook
    };
    assert_eq!(deliver(&app, &merchant, &made, &again).await.0, 200);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let old = serde_json::to_vec(&fulfillment(
        255858047,
        450789469,
        "cancelled",
        "Acme Post",
        &[&c],
    ))
    .unwrap();
    let dropped = Hook {
        topic: "fulfillments/update",
        event: "evt-9",
        triggered: "2026-12-01T18:00:00Z",
        ..hook
    };
    assert_eq!(deliver(&app, &merchant, &dropped, &old).await.0, 200);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_ne!(found(&app, &key, &c).await.unwrap()["status"], "cancelled");

    // A fulfillment whose webhook never came: the reconciliation finds it.
    let lost = number("OT");
    shop.orders.lock().unwrap().push(order(
        450789470,
        "#1002",
        "ana@example.com",
        vec![fulfillment(
            255858050,
            450789470,
            "success",
            "Sandbox Express",
            &[&lost],
        )],
    ));
    let queued = app
        .parts
        .intake
        .reconcile(chrono::Utc::now())
        .await
        .unwrap();
    assert!(queued >= 1, "{queued}");
    let s = eventually(&app, &key, &lost, |_| true).await;
    assert_eq!(s["order"]["number"], "#1002");
    assert_eq!(s["customer"]["email"], "ana@example.com");

    let metrics = app
        .http
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let line = |outcome: &str| {
        metrics.lines().any(|l| {
            l.starts_with("shipmate_store_deliveries_total")
                && l.contains("source=\"shopify\"")
                && l.contains(&format!("outcome=\"{outcome}\""))
        })
    };
    assert!(
        line("duplicate") && line("refused") && line("applied"),
        "{metrics}"
    );

    // Disconnected: deliveries are refused.
    let gone = app
        .http
        .delete(app.url("/api/v1/integrations/shopify"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 204);
    assert_eq!(
        deliver(
            &app,
            &merchant,
            &Hook {
                event: "evt-7",
                ..hook
            },
            &first
        )
        .await
        .0,
        404
    );
}

#[tokio::test]
async fn an_owner_connects_and_disconnects_a_store_in_the_console() {
    let shop = fake_shop();
    let app = app(&shop).await;
    let (key, invitation) = crate::console::merchant_with_owner(&app, "stores@acme.example").await;
    let owner = crate::helpers::browser();
    crate::console::accept(&owner, &invitation, "the owner's passphrase").await;
    let html = owner
        .get(app.url("/console/stores"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("href=\"/console/stores\"")
            && html.contains("/hooks/shopify/mer_")
            && html.contains("/hooks/woocommerce/mer_"),
        "{html}"
    );
    let token = crate::helpers::csrf(&html);
    let post = |form: Vec<(&'static str, String)>| {
        owner
            .post(app.url("/console/stores/shopify"))
            .form(&form)
            .send()
    };
    let refused = post(vec![
        ("csrf", token.clone()),
        ("shop", "acme.com".into()),
        ("secret", "shopify-secret-1".into()),
        ("token", TOKEN.into()),
    ])
    .await
    .unwrap();
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains("aria-invalid=\"true\"") && body.contains("acme.myshopify.com"),
        "{body}"
    );
    let forged = post(vec![
        ("csrf", "forged".into()),
        ("shop", SHOP.into()),
        ("secret", "shopify-secret-1".into()),
        ("token", TOKEN.into()),
    ])
    .await
    .unwrap();
    assert_eq!(forged.status(), 303);
    let (status, _) = app.get_json(&key, "/api/v1/integrations/shopify").await;
    assert_eq!(status, 404, "a forged form connects nothing");
    let saved = post(vec![
        ("csrf", token.clone()),
        ("shop", SHOP.into()),
        ("secret", "shopify-secret-1".into()),
        ("token", TOKEN.into()),
        ("carrier_names", "Acme Post = sandbox\n".into()),
    ])
    .await
    .unwrap();
    assert_eq!(saved.status(), 303);
    let (status, view) = app.get_json(&key, "/api/v1/integrations/shopify").await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            view["shop"].as_str(),
            view["carrier_names"]["acme post"].as_str()
        ),
        (Some(SHOP), Some("sandbox"))
    );
    let html = owner
        .get(app.url("/console/stores"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("Connected to \u{2068}{SHOP}\u{2069}")),
        "{html}"
    );
    assert!(
        !html.contains("shopify-secret-1") && !html.contains(TOKEN),
        "secrets never shown"
    );
    // Saved again with the secrets left empty: they stay.
    let kept = post(vec![
        ("csrf", token.clone()),
        ("shop", SHOP.into()),
        ("carrier_names", String::new()),
    ])
    .await
    .unwrap();
    assert_eq!(kept.status(), 303);
    let (_, view) = app.get_json(&key, "/api/v1/integrations/shopify").await;
    assert_eq!(
        (
            view["signing_secrets"].as_u64(),
            view["token_hint"].as_str()
        ),
        (Some(1), Some("…1234"))
    );
    let removed = owner
        .post(app.url("/console/stores/shopify/remove"))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 303);
    let (status, _) = app.get_json(&key, "/api/v1/integrations/shopify").await;
    assert_eq!(status, 404);
}
