//! The feedback form: reached from the feedback request, one tap to rate, editable, CSRF
//! and honeypot protected, never a 500 for bad input; an answer stops further requests.

use std::time::Duration;

use chrono::Utc;
use serde_json::Value;
use shipmate::domain::{Channel, ShipmentId, Trigger};

use crate::helpers::{Options, TestApp, browser, csrf, number, shipment_body, spawn_app_with};

async fn app() -> TestApp {
    let mut o = Options::default();
    o.sim.speed = 1.0;
    o.configure = Box::new(|c| {
        c.notifier.webhooks_allow_private = true;
        c.notifier.channels = vec![Channel::Outbox];
        c.notifier.triggers = Trigger::ALL.to_vec();
        c.notifier.feedback_after =
            vec![Duration::from_secs(7200), Duration::from_secs(3 * 86_400)];
    });
    spawn_app_with(o).await
}

/// Opens a shipment's feedback form as a browser would and sends it with `fields` (and the
/// form's CSRF token).
pub(crate) async fn send_form(s: &Value, fields: &[(&str, &str)]) -> reqwest::Response {
    let url = s["tracking_url"].as_str().unwrap().replace("/t/", "/f/");
    let b = browser();
    let form = b.get(&url).send().await.unwrap().text().await.unwrap();
    let token = csrf(&form);
    let mut all = vec![("csrf", token.as_str())];
    all.extend_from_slice(fields);
    b.post(&url).form(&all).send().await.unwrap()
}

fn plain(t: String) -> String {
    t.replace(['\u{2068}', '\u{2069}'], "")
}

#[tokio::test]
async fn the_feedback_request_leads_to_a_form_and_an_answer_stops_the_reminder() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let (s, _) =
        crate::notify::deliver_on_time(&app, &key, &shipment_body(&number("OT")), true).await;
    let notifier = &app.parts.notifier;
    let now = Utc::now();
    assert_eq!(
        notifier
            .deliver_once(now + chrono::Duration::hours(3))
            .await
            .unwrap()
            .sent,
        1,
        "the first feedback request"
    );
    let outbox = std::path::PathBuf::from(&app.parts.config.notifier.outbox_dir);
    let request = std::fs::read_dir(&outbox)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| {
            std::fs::read_to_string(e.path())
                .unwrap()
                .replace("=\n", "")
                .replace("=\r\n", "")
        })
        .find(|m| m.contains("How did your order 1001 go?"))
        .unwrap();
    let link = request
        .split_whitespace()
        .find(|w| w.contains("/f/") && w.contains("?s=3Demail"))
        .map(|w| {
            w.replace("=3D", "=")
                .trim_end_matches(['"', '>'])
                .trim_start_matches("href=\"")
                .to_owned()
        })
        .unwrap_or_else(|| panic!("a feedback link in {request}"));
    assert!(link.starts_with(&app.addr), "{link}");

    let b = browser();
    let form = plain(b.get(&link).send().await.unwrap().text().await.unwrap());
    assert!(
        form.contains("How did your delivery from Acme go?"),
        "{form}"
    );
    assert!(form.contains("5 — Excellent") && form.contains("name=\"nps\""));
    let action = link.split('?').next().unwrap().to_owned();
    let sent = b
        .post(&action)
        .form(&[
            ("csrf", csrf(&form).as_str()),
            ("s", "email"),
            ("rating", "5"),
            ("nps", "9"),
            ("comment", "Arrived early, thanks!"),
            ("website", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);
    assert!(plain(sent.text().await.unwrap()).contains("Your answer went to Acme"));
    let id = ShipmentId::parse(s["id"].as_str().unwrap()).unwrap();
    let stored = app.parts.store.feedback(&id).await.unwrap().unwrap();
    assert_eq!(
        (stored.rating, stored.nps, stored.source.as_str()),
        (5, Some(9), "email")
    );
    assert_eq!(stored.comment.as_deref(), Some("Arrived early, thanks!"));

    // Changed within the day: the form shows the answer, the new one replaces it.
    let again = b.get(&action).send().await.unwrap().text().await.unwrap();
    assert!(again.contains("value=\"5\" required checked"), "prefilled");
    let edited = b
        .post(&action)
        .form(&[
            ("csrf", csrf(&again).as_str()),
            ("rating", "4"),
            ("nps", ""),
            ("comment", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(edited.status(), 200);
    let stored = app.parts.store.feedback(&id).await.unwrap().unwrap();
    assert_eq!(
        (stored.rating, stored.nps, stored.source.as_str()),
        (4, None, "email")
    );

    let later = notifier
        .deliver_once(now + chrono::Duration::days(4))
        .await
        .unwrap();
    assert_eq!(
        (later.sent, later.skipped),
        (0, 1),
        "no reminder once answered: {later:?}"
    );
}

#[tokio::test]
async fn bad_answers_get_a_page_that_says_why_and_store_nothing() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    let url = s["tracking_url"].as_str().unwrap().replace("/t/", "/f/");
    let id = ShipmentId::parse(s["id"].as_str().unwrap()).unwrap();
    let b = browser();
    let form = b.get(&url).send().await.unwrap().text().await.unwrap();
    let token = csrf(&form);

    let forged = browser()
        .post(&url)
        .form(&[("csrf", token.as_str()), ("rating", "5")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403, "no cookie: another site's form");
    let wrong = b
        .post(&url)
        .form(&[("csrf", token.as_str()), ("rating", "7")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 422);
    let page = plain(wrong.text().await.unwrap());
    assert!(
        page.contains("Please choose a rating from 1 to 5."),
        "{page}"
    );
    let token = csrf(&page);
    let long = "x".repeat(2001);
    let too_long = b
        .post(&url)
        .form(&[
            ("csrf", token.as_str()),
            ("rating", "2"),
            ("comment", long.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(too_long.status(), 422);
    let token = csrf(&too_long.text().await.unwrap());
    let robot = b
        .post(&url)
        .form(&[
            ("csrf", token.as_str()),
            ("rating", "1"),
            ("website", "http://spam.example"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(robot.status(), 200, "a robot is thanked");
    assert!(
        app.parts.store.feedback(&id).await.unwrap().is_none(),
        "and ignored"
    );
    let garbage = b
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("%%%")
        .send()
        .await
        .unwrap();
    assert!(garbage.status().is_client_error(), "{}", garbage.status());
    assert_eq!(
        b.get(app.url("/f/AAAAAAAAAAAAAAAAAAAAAA"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn a_low_rating_reaches_the_merchant_flagged_as_a_detractor() {
    let (hook, receiver) = crate::webhooks::start_receiver();
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    app.subscribe_webhook(&key, &format!("{hook}/hook"), &["feedback.received"])
        .await;
    let s = app.register(&key, &number("OT")).await;
    let sent = send_form(&s, &[("rating", "1"), ("comment", "Box was crushed")]).await;
    assert_eq!(sent.status(), 200);
    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();
    notifier.consume_once(Utc::now()).await.unwrap();
    notifier.deliver_once(Utc::now()).await.unwrap();
    let got = receiver.lock().unwrap().got.clone();
    assert_eq!(got.len(), 1, "only the event it asked for");
    let body: Value = serde_json::from_str(&got[0].body).unwrap();
    assert_eq!(body["type"], "feedback.received");
    assert_eq!(body["data"]["feedback"]["rating"], 1);
    assert_eq!(body["data"]["feedback"]["detractor"], true);
    assert_eq!(body["data"]["feedback"]["comment"], "Box was crushed");
    assert_eq!(body["data"]["shipment_id"], s["id"]);
}

async fn answer(s: &Value, rating: &str, comment: &str) {
    let r = send_form(s, &[("rating", rating), ("comment", comment)]).await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn a_merchant_reads_and_exports_what_customers_said() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut shipments = vec![];
    for _ in 0..2 {
        let s = app.register(&key, &number("OT")).await;
        shipments.push(s);
    }
    answer(&shipments[0], "5", "Lovely").await;
    tokio::time::sleep(Duration::from_millis(5)).await;
    answer(&shipments[1], "2", r#"Late, and the box said "fragile""#).await;

    let (status, all) = app.get_json(&key, "/api/v1/feedback").await;
    assert_eq!(status, 200, "{all}");
    let ratings: Vec<u64> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rating"].as_u64().unwrap())
        .collect();
    assert_eq!(ratings, [2, 5], "newest first");
    let (_, low) = app.get_json(&key, "/api/v1/feedback?rating_max=2").await;
    assert_eq!(low["items"].as_array().unwrap().len(), 1);
    assert_eq!(low["items"][0]["detractor"], true);
    let (_, first) = app.get_json(&key, "/api/v1/feedback?limit=1").await;
    let cursor = first["next_cursor"].as_str().unwrap();
    let (_, second) = app
        .get_json(&key, &format!("/api/v1/feedback?limit=1&cursor={cursor}"))
        .await;
    assert_eq!(second["items"][0]["rating"], 5);

    let csv = app
        .http
        .get(app.url("/api/v1/feedback.csv"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("shipment_id,rating,nps,comment"));
    assert!(
        lines[1].contains(r#",2,,"Late, and the box said ""fragile""",page,true,"#),
        "{}",
        lines[1]
    );

    let (status, problem) = app.get_json(&key, "/api/v1/feedback?since=yesterday").await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("since"))
    );
    let (_, other) = app.create_merchant("Other").await;
    assert_eq!(
        app.get_json(&other, "/api/v1/feedback").await.1["items"],
        serde_json::json!([])
    );
}

#[tokio::test]
async fn happy_customers_are_asked_for_a_review_and_unhappy_ones_can_reach_the_shop() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let resp = app
        .http
        .put(app.url("/api/v1/notification-settings"))
        .bearer_auth(&key)
        .json(&serde_json::json!({"review_url": "https://reviews.example/acme"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let mut pages = vec![];
    for rating in ["5", "1"] {
        let s = app.register(&key, &number("OT")).await;
        let r = send_form(&s, &[("rating", rating)]).await;
        pages.push(plain(r.text().await.unwrap()));
    }
    assert!(
        pages[0].contains("href=\"https://reviews.example/acme\"")
            && pages[0].contains("Leave a review"),
        "{}",
        pages[0]
    );
    assert!(
        pages[1].contains("href=\"mailto:help@shop.example\"") && pages[1].contains("Contact Acme"),
        "{}",
        pages[1]
    );
}

#[tokio::test]
async fn the_summary_tells_the_carrier_from_the_product() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut shipments = vec![];
    for _ in 0..2 {
        let s = app.register(&key, &number("OT")).await;
        shipments.push(s);
    }
    app.poll_journeys().await;
    app.advance_sim(4000).await;
    while app
        .poll_at(Utc::now() + chrono::Duration::days(3))
        .await
        .claimed
        > 0
    {}
    for (s, rating, source) in [(&shipments[0], "5", "email"), (&shipments[1], "2", "qr")] {
        let r = send_form(s, &[("s", source), ("rating", rating), ("nps", "10")]).await;
        assert_eq!(r.status(), 200);
    }
    let (status, body) = app.get_json(&key, "/api/v1/feedback/summary").await;
    assert_eq!(status, 200, "{body}");
    let s = &body["summary"];
    assert_eq!(s["responses"], 2);
    assert_eq!(s["distribution"], serde_json::json!([0, 1, 0, 0, 1]));
    assert_eq!(s["csat_average"], 3.5);
    assert_eq!(s["nps"], 100.0);
    assert_eq!(s["by_source"]["email"]["responses"], 1);
    assert_eq!(s["by_source"]["qr"]["responses"], 1);
    assert_eq!(s["by_carrier"]["sandbox"]["responses"], 2);
    assert_eq!(s["by_route"]["PT → BR"]["responses"], 2, "{s}");
    assert_eq!(s["on_time"]["responses"], 2);
    let (status, problem) = app
        .get_json(
            &key,
            "/api/v1/feedback/summary?from=2030-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
        )
        .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("from"))
    );
}

#[tokio::test]
async fn each_item_can_be_rated_too() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    let url = s["tracking_url"].as_str().unwrap().replace("/t/", "/f/");
    let b = browser();
    let form = plain(b.get(&url).send().await.unwrap().text().await.unwrap());
    assert!(
        form.contains("How was each item? (optional)") && form.contains("<legend>Mug</legend>"),
        "{form}"
    );
    let wrong = b
        .post(&url)
        .form(&[
            ("csrf", csrf(&form).as_str()),
            ("rating", "4"),
            ("item_0", "9"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 422);
    let again = wrong.text().await.unwrap();
    let ok = b
        .post(&url)
        .form(&[
            ("csrf", csrf(&again).as_str()),
            ("rating", "4"),
            ("item_0", "5"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let (_, list) = app.get_json(&key, "/api/v1/feedback").await;
    assert_eq!(
        list["items"][0]["items"],
        serde_json::json!([{"name": "Mug", "rating": 5}])
    );
}

#[tokio::test]
async fn answers_of_the_same_millisecond_each_come_once_across_pages() {
    let app = app().await;
    let cfg = &app.parts.config;
    if !matches!(cfg.redis.mode, shipmate::config::RedisMode::Single) {
        println!("SKIPPED same-millisecond test: it edits keys with a plain connection");
        return;
    }
    let (merchant, key) = app.create_merchant("Acme").await;
    let mut ids = vec![];
    for rating in ["5", "4", "3"] {
        let s = app.register(&key, &number("OT")).await;
        answer(&s, rating, "").await;
        ids.push(ShipmentId::parse(s["id"].as_str().unwrap()).unwrap());
    }
    // The three answers at one and the same millisecond.
    let keys = app.parts.store.keys();
    let merchant = shipmate::domain::MerchantId::parse(&merchant).unwrap();
    let client = redis::Client::open(cfg.redis.url.as_str()).unwrap();
    let mut conn = client.get_multiplexed_async_connection().await.unwrap();
    let at = Utc::now() - chrono::Duration::minutes(1);
    for id in &ids {
        let raw: String = redis::cmd("GET")
            .arg(keys.feedback(id))
            .query_async(&mut conn)
            .await
            .unwrap();
        let mut f: Value = serde_json::from_str(&raw).unwrap();
        f["updated_at"] = serde_json::json!(at);
        let () = redis::cmd("SET")
            .arg(keys.feedback(id))
            .arg(f.to_string())
            .query_async(&mut conn)
            .await
            .unwrap();
        let _: i64 = redis::cmd("ZADD")
            .arg(keys.merchant_feedback(&merchant))
            .arg(at.timestamp_millis())
            .arg(id.as_str())
            .query_async(&mut conn)
            .await
            .unwrap();
    }
    let (mut seen, mut path) = (vec![], "/api/v1/feedback?limit=1".to_owned());
    for _ in 0..4 {
        let (status, page) = app.get_json(&key, &path).await;
        assert_eq!(status, 200, "{page}");
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["shipment_id"].clone()),
        );
        match page["next_cursor"].as_str() {
            Some(next) => path = format!("/api/v1/feedback?limit=1&cursor={next}"),
            None => break,
        }
    }
    seen.sort_by_key(ToString::to_string);
    seen.dedup();
    assert_eq!(seen.len(), 3, "each answer once: {seen:?}");
}
