//! Merchants, API keys, registering and managing shipments through the API.

use serde_json::{Value, json};

use crate::helpers::{number, shipment_body, spawn_app};

#[tokio::test]
async fn registering_returns_the_shipment_with_an_absolute_tracking_url() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let raw = number("OT");
    let spaced = format!("{} {}-{}", &raw[..4], &raw[4..8], &raw[8..]).to_lowercase();
    let resp = app.post_shipment(&key, &shipment_body(&spaced)).await;
    assert_eq!(resp.status(), 201);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["status"], "pending");
    assert_eq!(body["carrier"], "sandbox");
    assert_eq!(body["tracking_number"], raw, "normalised");
    let url = body["tracking_url"].as_str().unwrap();
    assert!(url.starts_with(&format!("{}/t/", app.addr)), "{url}");
    let token = url.rsplit('/').next().unwrap();
    assert!(token.len() >= 22, "128-bit token: {token}");
    assert!(!token.contains(body["id"].as_str().unwrap()));
    assert!(body["next_poll_at"].is_string());
}

#[tokio::test]
async fn registering_the_same_number_twice_returns_the_same_shipment() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let n = number("OT");
    let first = app.register(&key, &n).await;
    let again = app.post_shipment(&key, &shipment_body(&n)).await;
    assert_eq!(again.status(), 200);
    let again: Value = again.json().await.unwrap();
    assert_eq!(first["id"], again["id"]);
    assert_eq!(first["tracking_url"], again["tracking_url"]);
    let (_, list) = app.get_json(&key, "/api/v1/shipments").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "no duplicate");
}

#[tokio::test]
async fn concurrent_registrations_of_one_number_make_one_shipment() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let n = number("OT");
    let body = shipment_body(&n);
    let results = futures_join(&app, &key, &body, 8).await;
    let ids: std::collections::HashSet<_> = results.iter().map(|v| v["id"].clone()).collect();
    assert_eq!(ids.len(), 1, "{results:?}");
}

async fn futures_join(
    app: &crate::helpers::TestApp,
    key: &str,
    body: &Value,
    n: usize,
) -> Vec<Value> {
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..n {
        let (http, url, key, body) = (
            app.http.clone(),
            app.url("/api/v1/shipments"),
            key.to_owned(),
            body.clone(),
        );
        set.spawn(async move {
            http.post(url)
                .bearer_auth(key)
                .json(&body)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        });
    }
    set.join_all().await
}

#[tokio::test]
async fn auth_is_required_and_merchants_see_only_their_own_shipments() {
    let app = spawn_app().await;
    let (_, acme) = app.create_merchant("Acme").await;
    let (_, other) = app.create_merchant("Other").await;
    let shipment = app.register(&acme, &number("OT")).await;
    let path = format!("/api/v1/shipments/{}", shipment["id"].as_str().unwrap());

    let anonymous = app.http.get(app.url(&path)).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    assert_eq!(
        anonymous.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(app.get_json("sk_notakey", &path).await.0, 401);
    let forged = format!("sk_{}", "A".repeat(43));
    assert_eq!(app.get_json(&forged, &path).await.0, 401);
    assert_eq!(
        app.get_json(&other, &path).await.0,
        404,
        "another merchant's shipment is invisible"
    );
    assert_eq!(app.get_json(&acme, &path).await.0, 200);
    let (_, others_list) = app.get_json(&other, "/api/v1/shipments").await;
    assert_eq!(others_list["items"], json!([]));

    let as_merchant = app
        .http
        .post(app.url("/api/v1/merchants"))
        .bearer_auth(&acme)
        .json(&json!({"name": "X"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        as_merchant.status(),
        403,
        "a merchant key cannot create merchants"
    );
    let wrong_admin = app
        .http
        .post(app.url("/api/v1/merchants"))
        .bearer_auth("nope")
        .json(&json!({"name": "X"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_admin.status(), 401);
    let delete_other = app
        .http
        .delete(app.url(&path))
        .bearer_auth(&other)
        .send()
        .await
        .unwrap();
    assert_eq!(delete_other.status(), 404);
    assert_eq!(app.get_json(&acme, &path).await.0, 200, "still there");
}

#[tokio::test]
async fn listing_pages_through_shipments_and_filters_by_status() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut ids = vec![];
    for _ in 0..5 {
        ids.push(app.register(&key, &number("OT")).await["id"].clone());
    }
    let stalled = app.register(&key, &number("ST")).await["id"].clone();
    app.poll_journeys().await;

    let mut seen = vec![];
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/shipments?limit=2&cursor={c}"),
            None => "/api/v1/shipments?limit=2".into(),
        };
        let (status, page) = app.get_json(&key, &path).await;
        assert_eq!(status, 200, "{page}");
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["id"].clone()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 6, "every shipment exactly once");
    assert_eq!(seen[0], stalled, "newest first");

    let (_, delivered) = app
        .get_json(&key, "/api/v1/shipments?status=delivered")
        .await;
    let delivered: Vec<_> = delivered["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].clone())
        .collect();
    assert_eq!(delivered.len(), 5);
    assert!(ids.iter().all(|id| delivered.contains(id)));
    let (_, transit) = app
        .get_json(&key, "/api/v1/shipments?status=in_transit")
        .await;
    assert_eq!(transit["items"][0]["id"], stalled);
    let (status, bad) = app.get_json(&key, "/api/v1/shipments?status=lost").await;
    assert_eq!(
        (status, bad["errors"][0]["field"].as_str()),
        (422, Some("status"))
    );
    assert_eq!(
        app.get_json(&key, "/api/v1/shipments?cursor=zzz").await.0,
        422
    );
}

#[tokio::test]
async fn deleting_stops_tracking_revokes_the_page_and_erases_personal_data() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let n = number("OT");
    let s = app.register(&key, &n).await;
    let id = s["id"].as_str().unwrap();
    let page = s["tracking_url"].as_str().unwrap().replace(&app.addr, "");
    assert_eq!(app.page(&page).await.0, 200);

    let resp = app
        .http
        .delete(app.url(&format!("/api/v1/shipments/{id}")))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let (_, after) = app.get_json(&key, &format!("/api/v1/shipments/{id}")).await;
    assert_eq!(after["status"], "cancelled");
    assert_eq!(after["customer"], Value::Null);
    assert_eq!(after["destination"]["postcode"], Value::Null);
    assert_eq!(
        app.page(&page).await.0,
        404,
        "the public link stops working"
    );
    assert_eq!(
        app.poll_at(chrono::Utc::now() + chrono::Duration::days(1))
            .await
            .claimed,
        0,
        "no longer polled"
    );
    let raw = app
        .parts
        .store
        .shipment(&shipmate::domain::ShipmentId::parse(id).unwrap())
        .await
        .unwrap()
        .unwrap();
    let stored = serde_json::to_string(&raw).unwrap();
    for pii in ["ana@example.com", "+5511912345678", "01310-100", "Souza"] {
        assert!(!stored.contains(pii), "{pii} still stored");
    }
    let twice = app
        .http
        .delete(app.url(&format!("/api/v1/shipments/{id}")))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(twice.status(), 204, "deleting again is harmless");
    let (_, again) = app.get_json(&key, &format!("/api/v1/shipments/{id}")).await;
    assert_eq!(
        again["events"].as_array().unwrap().len(),
        1,
        "one cancellation event"
    );
    let again = app.post_shipment(&key, &shipment_body(&n)).await;
    assert_eq!(again.status(), 201, "the number can be registered again");
}

#[tokio::test]
async fn refresh_queues_a_poll_and_is_rate_limited() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    let id = s["id"].as_str().unwrap();
    app.poll_at(chrono::Utc::now()).await;
    assert_eq!(
        app.poll_at(chrono::Utc::now()).await.claimed,
        0,
        "not due again yet"
    );

    let path = app.url(&format!("/api/v1/shipments/{id}/refresh"));
    let first = app.http.post(&path).bearer_auth(&key).send().await.unwrap();
    assert_eq!(first.status(), 202);
    let second = app.http.post(&path).bearer_auth(&key).send().await.unwrap();
    assert_eq!(second.status(), 429);
    assert!(second.headers().contains_key("retry-after"));
    assert_eq!(app.poll_at(chrono::Utc::now()).await.claimed, 1, "due now");
}

#[tokio::test]
async fn merchants_get_an_inline_logo_and_bad_fields_are_named() {
    let app = spawn_app().await;
    let svg = base64_svg();
    let id = app
        .create_merchant_with(&json!({"name": "Logo Co", "brand": {"logo_url": format!("data:image/svg+xml;base64,{svg}")}}))
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let logo = app
        .http
        .get(app.url(&format!("/assets/logo/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(logo.headers()["content-type"], "image/svg+xml");

    let bad = app
        .http
        .post(app.url("/api/v1/merchants"))
        .bearer_auth(&app.admin_token)
        .json(&json!({"name": "", "brand": {"color": "red", "logo_url": "ftp://x"}, "timezone": "Mars/Base"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let fields: Vec<String> = bad.json::<Value>().await.unwrap()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        fields,
        ["name", "brand.color", "brand.logo_url", "timezone"]
    );
}

fn base64_svg() -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .encode(r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#)
}
