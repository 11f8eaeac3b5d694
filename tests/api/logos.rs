//! Logos given by URL: the merchant is created at once, the web role fetches the logo in
//! the background (retried on `logos.retry`), and the pages show it once it is ready.

use std::time::{Duration, Instant};

use actix_web::{App, HttpResponse, HttpServer, web};
use serde_json::{Value, json};

use crate::helpers::{Options, TestApp, number, png, spawn_app, spawn_app_with};

/// A logo origin on loopback: `/logo.png` answers after `delay`, anything else is a 404.
/// Returns its base URL and a handle to stop it.
fn origin(delay: Duration) -> (String, actix_web::dev::ServerHandle) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = HttpServer::new(move || {
        App::new().route(
            "/logo.png",
            web::get().to(move || async move {
                tokio::time::sleep(delay).await;
                HttpResponse::Ok()
                    .content_type("image/png")
                    .body(png(800, 100))
            }),
        )
    })
    .workers(1)
    .disable_signals()
    .listen(listener)
    .unwrap()
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    (base, handle)
}

/// An app whose logo fetches may reach loopback, retrying quickly (`retry`).
async fn app_with(retry: &'static str) -> TestApp {
    spawn_app_with(Options {
        configure: Box::new(move |c| {
            c.notifier.webhooks_allow_private = true;
            c.logos.retry = retry
                .split(',')
                .map(|d| shipmate::config::parse_duration(d).unwrap())
                .collect();
            c.logos.interval = Duration::from_millis(20);
            c.http.page_cache_ttl = Duration::ZERO;
        }),
        ..Options::default()
    })
    .await
}

/// Creates a merchant with `logo_url`; returns the answer (201 asserted).
async fn create(app: &TestApp, logo_url: &str) -> Value {
    app.create_merchant_with(&json!({"name": "Logo Co", "brand": {"logo_url": logo_url}}))
        .await
}

/// The merchant's logo (`GET /api/v1/merchant`) once `done` holds, within 10 s.
async fn logo_when(app: &TestApp, key: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (status, profile) = app.get_json(key, "/api/v1/merchant").await;
        assert_eq!(status, 200);
        if done(&profile["logo"]) {
            return profile;
        }
        assert!(Instant::now() < deadline, "logo still {}", profile["logo"]);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_merchant_whose_logo_cannot_be_reached_is_created_with_the_logo_pending() {
    // The README's example: `.example` and `.invalid` never resolve.
    let app = spawn_app().await;
    for url in [
        "https://acme.example/logo.png",
        "https://logo.invalid/logo.png",
    ] {
        let created = create(&app, url).await;
        assert_eq!(created["logo"]["state"], "pending", "{created}");
        assert_eq!(created["logo"]["url"], url);
        let key = created["api_key"].as_str().unwrap();
        let (_, profile) = app.get_json(key, "/api/v1/merchant").await;
        assert_eq!(
            profile["logo"]["state"], "pending",
            "retried later: {profile}"
        );
        assert_eq!(
            profile["logo_url"],
            Value::Null,
            "not shown before it is ready"
        );
    }
}

#[tokio::test]
async fn a_logo_is_fetched_in_the_background_then_shown_and_served_by_shipmate() {
    let app = app_with("1m").await;
    let (base, origin) = origin(Duration::ZERO);
    let created = create(&app, &format!("{base}/logo.png")).await;
    assert_eq!(created["logo"]["state"], "pending");
    let key = created["api_key"].as_str().unwrap();
    let id = created["id"].as_str().unwrap();

    let profile = logo_when(&app, key, |l| l["state"] == "ready").await;
    assert_eq!(profile["logo"]["attempts"], 1);
    assert_eq!(profile["logo_url"], format!("/assets/logo/{id}"));
    origin.stop(false).await;
    let logo = app
        .http
        .get(app.url(&format!("/assets/logo/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(logo.headers()["content-type"], "image/png");
    let served = image::load_from_memory(&logo.bytes().await.unwrap()).unwrap();
    assert_eq!(
        (served.width(), served.height()),
        (600, 75),
        "served by shipmate, scaled into its box"
    );
    let s = app.register(key, &number("OT")).await;
    let path = s["tracking_url"].as_str().unwrap().replace(&app.addr, "");
    let (_, page) = app.page(&path).await;
    assert!(
        page.contains(&format!("<img src=\"/assets/logo/{id}\"")),
        "{page}"
    );
    let (_, metrics) = app.page("/metrics").await;
    assert!(
        metrics.contains("shipmate_logo_fetches_total{outcome=\"ready\"}"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_private_address_fails_at_once_without_retries() {
    let app = spawn_app().await;
    let created = create(&app, "http://169.254.169.254/logo.png").await;
    assert_eq!(created["logo"]["state"], "pending");
    let key = created["api_key"].as_str().unwrap();
    let profile = logo_when(&app, key, |l| l["state"] == "failed").await;
    assert_eq!(profile["logo"]["attempts"], 1, "{profile}");
    let error = profile["logo"]["error"].as_str().unwrap();
    assert!(error.contains("private"), "{error}");
}

#[tokio::test]
async fn the_page_shows_no_logo_while_it_is_pending() {
    let app = spawn_app().await;
    let created = create(&app, "https://acme.example/logo.png").await;
    let key = created["api_key"].as_str().unwrap();
    let s = app.register(key, &number("OT")).await;
    let path = s["tracking_url"].as_str().unwrap().replace(&app.addr, "");
    let (status, page) = app.page(&path).await;
    assert_eq!(status, 200);
    assert!(!page.contains("/assets/logo/"), "{page}");
}

#[tokio::test]
async fn a_logo_that_keeps_failing_ends_failed_with_the_reason_after_its_retries() {
    let app = app_with("30ms,30ms").await;
    let (base, _origin) = origin(Duration::ZERO);
    let created = create(&app, &format!("{base}/missing.png")).await;
    let key = created["api_key"].as_str().unwrap();
    let profile = logo_when(&app, key, |l| l["state"] == "failed").await;
    let logo = &profile["logo"];
    assert_eq!(
        logo["attempts"], 3,
        "the first try and one per retry: {logo}"
    );
    assert!(
        logo["error"].as_str().unwrap().contains("HTTP 404"),
        "{logo}"
    );
    assert_eq!(profile["logo_url"], Value::Null);
    let id = shipmate::domain::MerchantId::parse(created["id"].as_str().unwrap()).unwrap();
    // The claim is settled just after the state is written: then nothing is left queued.
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.parts.store.logo_due_at(&id).await.unwrap().is_some() {
        assert!(Instant::now() < deadline, "still queued after failing");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn an_edit_made_while_the_logo_is_fetched_keeps_both_changes() {
    let app = app_with("1m").await;
    let (base, _origin) = origin(Duration::from_millis(500));
    let created = create(&app, &format!("{base}/logo.png")).await;
    let key = created["api_key"].as_str().unwrap();
    let slug = format!("logo-{}", crate::helpers::random_hex());
    let resp = app
        .http
        .patch(app.url("/api/v1/merchant"))
        .bearer_auth(key)
        .json(&json!({ "lookup_slug": slug }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let answered: Value = resp.json().await.unwrap();
    assert_eq!(answered["logo"]["state"], "pending", "still fetching");
    let profile = logo_when(&app, key, |l| l["state"] == "ready").await;
    assert_eq!(profile["lookup_slug"], slug.as_str(), "the edit survived");
}

#[tokio::test]
async fn two_fetchers_never_take_the_same_logo() {
    let app = app_with("1m").await;
    // The app's own loop is idle until woken; a logo queued here is due for both steps.
    let created = create(&app, "http://127.0.0.1:9/logo.png").await;
    let id = shipmate::domain::MerchantId::parse(created["id"].as_str().unwrap()).unwrap();
    let store = &app.parts.store;
    let now = chrono::Utc::now() + chrono::Duration::hours(2);
    let lease = now + chrono::Duration::minutes(2);
    store.queue_logo(&id, now).await.unwrap();
    let first = store.claim_logos(now, lease, 10).await.unwrap();
    let second = store.claim_logos(now, lease, 10).await.unwrap();
    assert_eq!(first.len(), 1);
    assert!(second.is_empty(), "held by the first until its lease ends");
    let after_lease = store.claim_logos(lease, lease + chrono::Duration::minutes(2), 10);
    assert_eq!(
        after_lease.await.unwrap().len(),
        1,
        "a dead fetcher's claim returns"
    );
    assert!(!store.settle_logo(&first[0], None).await.unwrap(), "lost");
}

#[tokio::test]
async fn a_retry_waits_for_its_moment_on_the_schedule() {
    let app = app_with("10m").await;
    let (base, _origin) = origin(Duration::ZERO);
    let created = create(&app, &format!("{base}/missing.png")).await;
    let key = created["api_key"].as_str().unwrap();
    // The loop tries at once; the retry is due in about ten minutes, not before.
    logo_when(&app, key, |l| l["attempts"] == 1).await;
    let id = shipmate::domain::MerchantId::parse(created["id"].as_str().unwrap()).unwrap();
    let rescheduled = chrono::Utc::now() + chrono::Duration::minutes(5);
    let deadline = Instant::now() + Duration::from_secs(10);
    // The claim (one lease ahead) is settled just after the state is written.
    while app.parts.store.logo_due_at(&id).await.unwrap() < Some(rescheduled.timestamp_millis()) {
        assert!(Instant::now() < deadline, "the retry was never scheduled");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let logos = &app.parts.logos;
    let soon = chrono::Utc::now() + chrono::Duration::minutes(7);
    assert_eq!(logos.fetch_due_once(soon).await.unwrap().claimed, 0);
    let later = chrono::Utc::now() + chrono::Duration::minutes(13);
    let outcome = logos.fetch_due_once(later).await.unwrap();
    assert_eq!((outcome.claimed, outcome.failed), (1, 1), "{outcome:?}");
    let (_, profile) = app.get_json(key, "/api/v1/merchant").await;
    assert_eq!(profile["logo"]["state"], "failed");
    assert_eq!(profile["logo"]["attempts"], 2);
}

/// `PUT /api/v1/merchant/logo` with `body`.
async fn upload(app: &TestApp, key: &str, body: Vec<u8>) -> (u16, Value) {
    let resp = app
        .http
        .put(app.url("/api/v1/merchant/logo"))
        .bearer_auth(key)
        .header("content-type", "application/octet-stream")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_merchant_uploads_a_logo_that_is_checked_written_again_and_shown_at_once() {
    let app = spawn_app().await;
    let (id, key) = app.create_merchant("Upload Co").await;
    let parcel = app.register(&key, &number("OT")).await;
    let page_path = parcel["tracking_url"]
        .as_str()
        .unwrap()
        .replace(&app.addr, "");

    let (status, profile) = upload(&app, &key, png(1200, 400)).await;
    assert_eq!(status, 200, "{profile}");
    assert_eq!(profile["logo"]["state"], "ready");
    let src = profile["logo_url"].as_str().unwrap().to_owned();
    assert!(src.starts_with(&format!("/assets/logo/{id}?v=")), "{src}");
    let served = app.http.get(app.url(&src)).send().await.unwrap();
    assert_eq!(served.headers()["content-type"], "image/png");
    let image = image::load_from_memory(&served.bytes().await.unwrap()).unwrap();
    assert_eq!(
        (image.width(), image.height()),
        (600, 200),
        "scaled into 600×200"
    );
    let (_, page) = app.page(&page_path).await;
    assert!(
        page.contains(&format!("src=\"{}\"", src.replace('&', "&#38;"))),
        "{page}"
    );

    // What is not an image, or could run script, is refused with the reason; the logo stays.
    let (status, refused) = upload(&app, &key, b"MZ\x90\x00 an executable".to_vec()).await;
    assert_eq!(status, 422, "{refused}");
    assert!(
        refused.to_string().contains("PNG, JPEG, WebP or SVG"),
        "{refused}"
    );
    let script = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#.to_vec();
    let (status, refused) = upload(&app, &key, script).await;
    assert_eq!(status, 422);
    assert!(refused.to_string().contains("event handlers"), "{refused}");
    let (status, _) = upload(&app, &key, vec![0; 1024 * 1024 + 1]).await;
    assert_eq!(status, 413);
    let (_, profile) = app.get_json(&key, "/api/v1/merchant").await;
    assert_eq!(profile["logo_url"], src.as_str(), "the uploaded logo stays");

    // An SVG is kept as SVG, without its comments.
    let svg = br#"<!-- v2 --><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>"#;
    let (status, profile) = upload(&app, &key, svg.to_vec()).await;
    assert_eq!(status, 200, "{profile}");
    let src = profile["logo_url"].as_str().unwrap().to_owned();
    let served = app.http.get(app.url(&src)).send().await.unwrap();
    assert_eq!(served.headers()["content-type"], "image/svg+xml");
    assert!(!served.text().await.unwrap().contains("v2"));

    let removed = app
        .http
        .delete(app.url("/api/v1/merchant/logo"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 200);
    let profile: Value = removed.json().await.unwrap();
    assert_eq!(
        (&profile["logo"], &profile["logo_url"]),
        (&Value::Null, &Value::Null)
    );
    let gone = app.http.get(app.url(&src)).send().await.unwrap();
    assert_eq!(gone.status(), 404);
    let (_, audit) = app.get_json(&key, "/api/v1/audit").await;
    let logo_changes = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["changes"].get("logo").is_some())
        .count();
    assert_eq!(logo_changes, 3, "two uploads and the removal: {audit}");
}

#[tokio::test]
async fn a_logo_uploaded_while_the_url_is_still_fetched_is_the_one_that_stays() {
    let app = app_with("1m").await;
    let (base, _origin) = origin(Duration::from_millis(600));
    let created = create(&app, &format!("{base}/logo.png")).await;
    let key = created["api_key"].as_str().unwrap();
    let id = shipmate::domain::MerchantId::parse(created["id"].as_str().unwrap()).unwrap();
    // The fetch has started (claimed) and waits for the slow origin; the merchant uploads.
    let deadline = Instant::now() + Duration::from_secs(5);
    while app.parts.store.logo_due_at(&id).await.unwrap()
        <= Some(chrono::Utc::now().timestamp_millis())
    {
        assert!(Instant::now() < deadline, "the fetch never started");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>"#;
    let (status, _) = upload(&app, key, svg.to_vec()).await;
    assert_eq!(status, 200);
    // The fetch ends (its claim settled) and loses to the upload.
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.parts.store.logo_due_at(&id).await.unwrap().is_some() {
        assert!(Instant::now() < deadline, "the fetch never ended");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (_, profile) = app.get_json(key, "/api/v1/merchant").await;
    let src = profile["logo_url"].as_str().unwrap().to_owned();
    let served = app.http.get(app.url(&src)).send().await.unwrap();
    assert_eq!(
        served.headers()["content-type"],
        "image/svg+xml",
        "the upload stays"
    );
}
