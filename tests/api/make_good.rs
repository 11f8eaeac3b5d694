//! Making a late delivery right: a pool of discount codes the merchant uploads, one code
//! for a parcel delivered past its promise (in its delivered message and on its page), none
//! for the same customer's next late parcel, and the "running low" webhook once.

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::helpers::{Options, TestApp, number, shipment_body, spawn_app_with};
use crate::notify::{deliver_on_time, messages, put_settings};
use shipmate::domain::{Channel, Trigger};

async fn app() -> TestApp {
    let mut o = Options::default();
    o.sim.speed = 1.0;
    o.configure = Box::new(|c| {
        c.notifier.channels = vec![Channel::Outbox];
        c.notifier.triggers = Trigger::ALL.to_vec();
        c.notifier.reclaim_after = std::time::Duration::ZERO;
        c.notifier.webhooks_allow_private = true;
    });
    spawn_app_with(o).await
}

async fn send(
    app: &TestApp,
    key: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = app.http.request(method, app.url(path)).bearer_auth(key);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// A parcel promised ten days ago (so any delivery is late by more than two days).
fn late_parcel(order: &str, email: &str) -> Value {
    let mut body = shipment_body(&number("OT"));
    body["order"]["number"] = json!(order);
    body["order"]["promised_by"] =
        json!((Utc::now() - Duration::days(10)).date_naive().to_string());
    body["customer"]["email"] = json!(email);
    body
}

/// The delivered message of one order number.
fn delivered_message(app: &TestApp, order: &str) -> String {
    let all = messages(app);
    let found: Vec<&String> = all
        .iter()
        .map(|(_, m)| m)
        .filter(|m| m.contains(&format!("Subject: Your order {order} has been delivered")))
        .collect();
    assert_eq!(found.len(), 1, "one delivered message for {order}: {all:?}");
    found[0].clone()
}

#[tokio::test]
async fn a_late_parcel_gets_one_code_the_customers_next_none_and_the_pool_warns_once() {
    let (hook, receiver) = crate::webhooks::start_receiver();
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    app.subscribe_webhook(
        &key,
        &format!("{hook}/hook"),
        &["make_good.pool_low", "shipment.delivered"],
    )
    .await;
    let post = reqwest::Method::POST;
    let text = "Sorry it came late: here is 15% off your next order.";
    let rule = json!({"make_good": {"late_by_days": 2, "text": text, "codes": true, "low_at": 1}});
    let (status, saved) = put_settings(&app, &key, rule).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["make_good"]["low_at"], 1);

    // A bad code refuses the whole upload; a repeat counts once.
    let bad = json!({"codes": ["SORRY-A", "two words"]});
    let (status, refused) = send(
        &app,
        &key,
        post.clone(),
        "/api/v1/make-good/codes",
        Some(bad),
    )
    .await;
    assert_eq!(status, 422, "{refused}");
    assert!(refused.to_string().contains("codes[1]"), "{refused}");
    let codes = json!({"codes": ["SORRY-A", "SORRY-B", "SORRY-A"]});
    let (status, added) = send(
        &app,
        &key,
        post.clone(),
        "/api/v1/make-good/codes",
        Some(codes),
    )
    .await;
    assert_eq!(status, 200, "{added}");
    assert_eq!(added, json!({"added": 2, "duplicates": 1, "remaining": 2}));
    let again = json!({"codes": ["SORRY-B"]});
    let (_, again) = send(
        &app,
        &key,
        post.clone(),
        "/api/v1/make-good/codes",
        Some(again),
    )
    .await;
    assert_eq!(again["added"], 0, "each code once: {again}");

    // Ana's first late parcel: one code, in the message and on the page.
    let first = deliver_on_time(&app, &key, &late_parcel("2001", "ana@example.com"), true)
        .await
        .0;
    let message = delivered_message(&app, "2001");
    assert!(message.contains(text), "{message}");
    assert!(message.contains("Your code: SORRY-A"), "{message}");
    let url = first["tracking_url"].as_str().unwrap();
    let page = app.page(&url[url.find("/t/").unwrap()..]).await.1;
    assert!(
        page.contains("SORRY-A") && page.contains("Sorry it was late"),
        "{page}"
    );

    // Her next late parcel: the text's code is not given twice.
    deliver_on_time(&app, &key, &late_parcel("2002", "ana@example.com"), true).await;
    let message = delivered_message(&app, "2002");
    assert!(
        !message.contains("SORRY-") && !message.contains(text),
        "{message}"
    );

    // Another customer takes the last code; the pool warned once, when it fell to 1.
    deliver_on_time(&app, &key, &late_parcel("2003", "bea@example.com"), true).await;
    assert!(delivered_message(&app, "2003").contains("Your code: SORRY-B"));
    let got = receiver.lock().unwrap().got.clone();
    let bodies: Vec<Value> = got
        .iter()
        .map(|g| serde_json::from_str(&g.body).unwrap())
        .collect();
    let low: Vec<&Value> = bodies
        .iter()
        .filter(|b| b["type"] == "make_good.pool_low")
        .collect();
    assert_eq!(low.len(), 1, "once: {bodies:?}");
    assert_eq!(low[0]["data"]["order_number"], "2001");
    assert_eq!(
        low[0]["data"]["make_good_pool"],
        json!({"remaining": 1, "low_at": 1}),
        "{:?}",
        low[0]
    );
    let delivered: Vec<&Value> = bodies
        .iter()
        .filter(|b| b["type"] == "shipment.delivered")
        .collect();
    assert_eq!(delivered.len(), 3);
    assert_eq!(
        delivered[0]["data"]["make_good"]["code"], "SORRY-A",
        "{:?}",
        delivered[0]
    );

    let (_, pool) = send(&app, &key, reqwest::Method::GET, "/api/v1/make-good", None).await;
    assert_eq!(pool["remaining"], 0, "{pool}");
    assert_eq!(pool["given"], 2);
    assert_eq!(pool["reordered"], 1, "Ana ordered again after hers: {pool}");
}

#[tokio::test]
async fn an_on_time_parcel_gets_nothing_and_the_pool_is_bounded() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let rule = json!({"make_good": {"text": "Sorry!", "codes": true}});
    let (status, saved) = put_settings(&app, &key, rule).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["make_good"]["late_by_days"], 2, "the default");
    let bad = json!({"make_good": {"text": "", "late_by_days": 99}});
    let (status, refused) = put_settings(&app, &key, bad).await;
    assert_eq!(status, 422);
    let merchant_event = json!({"triggers": {"make_good_low": false}});
    let (status, _) = put_settings(&app, &key, merchant_event).await;
    assert_eq!(status, 422, "a webhook event is not a customer message");
    for field in ["make_good.text", "make_good.late_by_days"] {
        assert!(refused.to_string().contains(field), "{field}: {refused}");
    }
    let post = reqwest::Method::POST;
    let (status, _) = send(
        &app,
        &key,
        post.clone(),
        "/api/v1/make-good/codes",
        Some(json!({"codes": ["ONTIME-1"]})),
    )
    .await;
    assert_eq!(status, 200);
    let too_many: Vec<String> = (0..10_001).map(|i| format!("C{i}")).collect();
    let (status, refused) = send(
        &app,
        &key,
        post,
        "/api/v1/make-good/codes",
        Some(json!({"codes": too_many})),
    )
    .await;
    assert_eq!(status, 422, "{refused}");

    // Promised for 2030 (the helper's date): on time, no code.
    deliver_on_time(&app, &key, &shipment_body(&number("OT")), true).await;
    assert!(!delivered_message(&app, "1001").contains("ONTIME-1"));
    let (_, pool) = send(&app, &key, reqwest::Method::GET, "/api/v1/make-good", None).await;
    assert_eq!(
        (pool["remaining"].as_u64(), pool["given"].as_u64()),
        (Some(1), Some(0)),
        "{pool}"
    );
    let (status, cleared) = send(
        &app,
        &key,
        reqwest::Method::DELETE,
        "/api/v1/make-good/codes",
        None,
    )
    .await;
    assert_eq!(
        (status, cleared["remaining"].as_u64()),
        (200, Some(0)),
        "{cleared}"
    );
}

/// A page viewed between the delivery and the make-good (cached without it) shows the code
/// once it is given: the draw tells every web process to draw the page again.
#[tokio::test]
async fn a_page_cached_before_the_make_good_shows_it_after() {
    let mut o = Options::default();
    o.sim.speed = 1.0;
    o.configure = Box::new(|c| {
        c.notifier.channels = vec![Channel::Outbox];
        c.http.page_cache_ttl = std::time::Duration::from_secs(300);
    });
    let app = spawn_app_with(o).await;
    let (_, key) = app.create_merchant("Acme").await;
    let rule = json!({"make_good": {"text": "Sorry!", "codes": true, "low_at": 0}});
    assert_eq!(put_settings(&app, &key, rule).await.0, 200);
    let codes = json!({"codes": ["LATE-1"]});
    let post = reqwest::Method::POST;
    let (status, _) = send(&app, &key, post, "/api/v1/make-good/codes", Some(codes)).await;
    assert_eq!(status, 200);
    let (s, _) = deliver_on_time(&app, &key, &late_parcel("4001", "cy@example.com"), false).await;
    let url = s["tracking_url"].as_str().unwrap();
    let path = &url[url.find("/t/").unwrap()..];
    // The delivery's own change has reached the page cache; this view is kept there.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let before = app.page(path).await.1;
    assert!(before.contains("Delivered") && !before.contains("LATE-1"));
    let notifier = &app.parts.notifier;
    notifier.consume_once(Utc::now()).await.unwrap();
    let mut after = String::new();
    for _ in 0..30 {
        after = app.page(path).await.1;
        if after.contains("LATE-1") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        after.contains("LATE-1") && after.contains("Sorry!"),
        "{after}"
    );
}
