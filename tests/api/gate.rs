//! Being a polite client: the per-account rate limit shared by every poller, Retry-After
//! honoured to the second, and the circuit breaker. Proved with the fake's request ledger.

use std::time::Duration;

use chrono::Utc;
use serde_json::json;
use shipmate::roles::Parts;

use crate::fake_carriers::{self, CLIENT_ID, CLIENT_SECRET, FakeCarrier};
use crate::helpers::{Options, TestApp, spawn_app_with};

fn ok_body(number: &str) -> String {
    json!({"trackResponse": {"shipment": [{"package": [{"trackingNumber": number, "activity": [
        {"date": "20260210", "time": "101500", "gmtOffset": "-05:00",
         "status": {"type": "I", "code": "AR", "description": "Arrived at Facility"}}]}]}]}})
    .to_string()
}

async fn app(fake: &FakeCarrier, rps: f64, failures: u32, cooldown: Duration) -> TestApp {
    let url = fake.url.clone();
    spawn_app_with(Options {
        configure: Box::new(move |c| {
            c.carriers["ups"].base_url = url;
            c.carriers["ups"].client_id = CLIENT_ID.into();
            c.carriers["ups"].client_secret = CLIENT_SECRET.into();
            c.carriers["ups"].limits.requests_per_second = rps;
            c.carriers["ups"].limits.breaker_failures = failures;
            c.carriers["ups"].limits.breaker_cooldown = cooldown;
            c.poller.batch_size = 3;
        }),
        ..Options::default()
    })
    .await
}

/// Registers `n` UPS shipments answered with `status`/body; returns their numbers.
async fn register(app: &TestApp, fake: &FakeCarrier, n: usize, status: u16) -> Vec<String> {
    let (_, key) = app.create_merchant("Acme").await;
    let mut numbers = vec![];
    for _ in 0..n {
        let number = format!(
            "1ZGATE{:08}",
            u32::from_le_bytes(shipmate::entropy::bytes()) % 100_000_000
        );
        fake.answer(
            &number,
            status,
            if status == 200 {
                ok_body(&number)
            } else {
                "<html>busy</html>".into()
            },
        );
        let mut body = crate::helpers::shipment_body(&number);
        body["carrier"] = json!("ups");
        app.register_with(&key, &body).await;
        numbers.push(number);
    }
    numbers
}

async fn drain(parts: &Parts, at: chrono::DateTime<Utc>) -> usize {
    let mut n = 0;
    loop {
        let o = parts.poller.poll_due_once(at).await.unwrap();
        if o.claimed == 0 {
            return n;
        }
        n += o.claimed;
    }
}

#[tokio::test]
async fn the_rate_limit_holds_across_pollers() {
    let fake = fake_carriers::start().await;
    let app = app(&fake, 20.0, 5, Duration::from_secs(30)).await;
    register(&app, &fake, 12, 200).await;
    let other = Parts::build(app.parts.config.clone()).await.unwrap();
    let now = Utc::now();
    let (a, b) = tokio::join!(drain(&app.parts, now), drain(&other, now));
    assert_eq!(a + b, 12);
    assert!(a > 0 && b > 0, "both pollers worked ({a} + {b})");
    let mut times = fake.ledger.lock().unwrap().times.clone();
    times.sort();
    assert_eq!(times.len(), 12);
    // 20/s with burst 1: admitted 50 ms apart at the gate. What happens between the gate
    // and the carrier (a cold token fetched first, a busy machine) delays a request by up
    // to `JITTER`, so any k requests span at least (k - 1) × 50 ms less that; two gates
    // that did not share the limit would put them 25 ms apart and fail this by k = 3.
    const JITTER: Duration = Duration::from_millis(35);
    for i in 0..times.len() {
        for j in i + 1..times.len() {
            let floor = Duration::from_millis(50 * (j - i) as u64);
            assert!(
                times[j] - times[i] + JITTER >= floor,
                "requests {i} and {j} {:?} apart: {:?}",
                times[j] - times[i],
                times.windows(2).map(|w| w[1] - w[0]).collect::<Vec<_>>()
            );
        }
    }
    for (i, t) in times.iter().enumerate() {
        let in_window = times[i..]
            .iter()
            .take_while(|u| **u - *t < Duration::from_secs(1))
            .count();
        assert!(in_window <= 21, "{in_window} requests within one second");
    }
}

#[tokio::test]
async fn retry_after_holds_back_every_poller_to_the_second() {
    let fake = fake_carriers::start().await;
    fake.ledger.lock().unwrap().retry_after_secs = 3;
    let app = app(&fake, 0.0, 5, Duration::from_secs(30)).await;
    register(&app, &fake, 1, 429).await;
    let first = app.parts.poller.poll_due_once(Utc::now()).await.unwrap();
    assert_eq!(
        (first.claimed, first.failed),
        (1, 1),
        "the 429 fails the poll"
    );
    register(&app, &fake, 1, 200).await;
    let asked = fake.ledger.lock().unwrap().requests.len();
    assert_eq!(asked, 1, "one request, then the account is held");
    let other = Parts::build(app.parts.config.clone()).await.unwrap();
    let o = other
        .poller
        .poll_due_once(Utc::now() + chrono::Duration::days(1))
        .await
        .unwrap();
    assert!(o.claimed >= 1);
    assert_eq!(
        fake.ledger.lock().unwrap().requests.len(),
        asked,
        "no request before Retry-After"
    );
}

#[tokio::test]
async fn the_breaker_opens_after_consecutive_failures_and_probes_once_per_cooldown() {
    let fake = fake_carriers::start().await;
    let cooldown = Duration::from_millis(400);
    let app = app(&fake, 0.0, 3, cooldown).await;
    let numbers = register(&app, &fake, 6, 500).await;
    let asked = |f: &FakeCarrier| f.ledger.lock().unwrap().requests.len();

    assert_eq!(drain(&app.parts, Utc::now()).await, 6);
    assert_eq!(
        asked(&fake),
        3,
        "three failures open the breaker; the rest are not sent"
    );

    tokio::time::sleep(cooldown + Duration::from_millis(50)).await;
    drain(&app.parts, Utc::now() + chrono::Duration::days(1)).await;
    assert_eq!(
        asked(&fake),
        4,
        "one probe per cooldown while the carrier still fails"
    );

    tokio::time::sleep(cooldown + Duration::from_millis(50)).await;
    for n in &numbers {
        fake.answer(n, 200, ok_body(n));
    }
    drain(&app.parts, Utc::now() + chrono::Duration::days(2)).await;
    assert_eq!(
        asked(&fake),
        10,
        "the probe succeeded, the breaker closed, all six were asked"
    );
}

#[tokio::test]
async fn a_gate_keeps_the_last_error_scrubbed_of_personal_data() {
    let fake = fake_carriers::start().await;
    let app = app(&fake, 0.0, 3, Duration::from_secs(60)).await;
    let store = &app.parts.store;
    let limits = app.parts.config.carriers["ups"].limits.clone();
    let said = "400 recipient ana.souza@example.com +351912345678 unknown";
    let open = store
        .report(
            "ups@mer_x",
            &limits,
            shipmate::store::GateOutcome::Failure,
            Some(said),
        )
        .await
        .unwrap();
    assert!(!open, "one failure of three");
    let state = store.gate_state("ups@mer_x").await.unwrap();
    assert_eq!(state.failures, 1);
    let (kept, _) = state.last_error.unwrap();
    assert!(
        kept.starts_with("400 recipient") && kept.ends_with("unknown"),
        "{kept}"
    );
    assert!(
        !kept.contains("ana.souza") && !kept.contains("912345678"),
        "{kept}"
    );
}
