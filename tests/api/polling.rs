//! The poller against carrier-sim over HTTP: claims, leases, faults, back-off.

use std::time::Duration;

use chrono::Utc;
use shipmate::domain::ShipmentId;
use shipmate::roles::Parts;
use shipmate::sim::Fault;

use crate::helpers::{Options, faulty, number, spawn_app, spawn_app_with};

#[tokio::test]
async fn polling_moves_shipments_and_writes_the_event_stream() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    let id = ShipmentId::parse(s["id"].as_str().unwrap()).unwrap();
    app.poll_journeys().await;
    let (_, api) = app.get_json(&key, &format!("/api/v1/shipments/{id}")).await;
    assert_eq!(api["status"], "delivered");
    let events = api["events"].as_array().unwrap();
    assert_eq!(events.len(), 7);
    assert_eq!(events[0]["status"], "delivered", "newest first");
    assert_eq!(events[0]["carrier_code"], "DL");
    assert!(
        events[0]["time"].as_str().unwrap().ends_with("+01:00"),
        "carrier offset kept"
    );
    assert!(api["last_polled_at"].is_string());
    assert_eq!(
        api["next_poll_at"],
        serde_json::Value::Null,
        "terminal: not polled again"
    );

    let shard = app.parts.store.keys().shard_of(&id);
    let stream = app.parts.store.stream_events(shard).await.unwrap();
    let kinds: Vec<String> = stream
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .filter(|v| v["shipment_id"] == s["id"])
        .map(|v| {
            format!(
                "{}:{}",
                v["type"].as_str().unwrap(),
                v["to"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(kinds[0], "registered:");
    assert!(
        kinds.contains(&"status_changed:info_received".to_owned()),
        "{kinds:?}"
    );
    assert_eq!(
        kinds
            .iter()
            .rfind(|k| k.starts_with("status_changed"))
            .unwrap(),
        "status_changed:delivered"
    );
}

#[tokio::test]
async fn two_pollers_never_poll_one_shipment_twice() {
    let app = spawn_app_with(Options {
        configure: Box::new(|c| c.poller.batch_size = 7),
        ..Options::default()
    })
    .await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut numbers = vec![];
    for _ in 0..60 {
        let n = number("OT");
        app.register(&key, &n).await;
        numbers.push(n);
    }
    let other = Parts::build(app.parts.config.clone()).await.unwrap();
    let now = Utc::now();
    let (a, b) = (app.parts.poller.clone(), other.poller.clone());
    let run = |p: std::sync::Arc<shipmate::poller::Poller>| async move {
        let mut claimed = 0;
        loop {
            let o = p.poll_due_once(now).await.unwrap();
            if o.claimed == 0 {
                return claimed;
            }
            claimed += o.claimed;
        }
    };
    let (ca, cb) = tokio::join!(tokio::spawn(run(a)), tokio::spawn(run(b)));
    let (ca, cb) = (ca.unwrap(), cb.unwrap());
    assert_eq!(
        ca + cb,
        60,
        "every shipment claimed once between them ({ca} + {cb})"
    );
    assert!(ca > 0 && cb > 0, "both pollers worked ({ca} + {cb})");
    let queries = app.sim_queries().await;
    for n in &numbers {
        assert_eq!(
            queries.get(n),
            Some(&1),
            "{n} polled {:?} times",
            queries.get(n)
        );
    }
}

#[tokio::test]
async fn a_poller_that_dies_holding_claims_loses_nothing() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    for _ in 0..5 {
        app.register(&key, &number("OT")).await;
    }
    let now = Utc::now();
    let lease = app.parts.config.poller.lease;
    let lease_until = now + chrono::Duration::from_std(lease).unwrap();
    let store = &app.parts.store;
    let mut held = 0;
    for shard in 0..store.keys().shards() {
        held += store
            .claim(shard, now, lease_until, 100)
            .await
            .unwrap()
            .len();
    }
    assert_eq!(
        held, 5,
        "the dying poller claimed everything, then never saved"
    );

    assert_eq!(
        app.poll_at(now).await.claimed,
        0,
        "claims are exclusive while the lease runs"
    );
    let after_lease =
        now + chrono::Duration::from_std(lease).unwrap() + chrono::Duration::seconds(1);
    let outcome = app.poll_at(after_lease).await;
    assert_eq!(
        (outcome.claimed, outcome.lost),
        (5, 0),
        "the lease ran out and the work came back"
    );
    let (_, list) = app.get_json(&key, "/api/v1/shipments").await;
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["status"] != "pending")
    );
}

#[tokio::test]
async fn a_late_save_from_an_expired_claim_is_refused() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    let id = ShipmentId::parse(s["id"].as_str().unwrap()).unwrap();
    let store = &app.parts.store;
    let shard = store.keys().shard_of(&id);
    let now = Utc::now();
    let slow = store
        .claim(shard, now, now + chrono::Duration::seconds(1), 10)
        .await
        .unwrap();
    // The lease expires; another poller takes the shipment over and polls it.
    let later = now + chrono::Duration::seconds(5);
    assert_eq!(app.poll_at(later).await.claimed, 1);
    // The slow poller finally finishes: its save must not overwrite the newer state.
    let outcome = app.parts.poller.poll_claimed(slow, later).await.unwrap();
    assert_eq!(outcome.lost, 1);
}

#[tokio::test]
async fn rate_limited_polls_back_off_and_honour_retry_after() {
    let app = spawn_app_with(faulty(Fault::RateLimit)).await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    let now = Utc::now();
    let outcome = app.poll_at(now).await;
    assert_eq!((outcome.claimed, outcome.failed), (1, 1));
    let api = app.shipment(&key, &s).await;
    assert_eq!(api["status"], "pending");
    let next: chrono::DateTime<Utc> = api["next_poll_at"].as_str().unwrap().parse().unwrap();
    let wait = next - now;
    assert!(
        wait >= chrono::Duration::seconds(7),
        "Retry-After: 7 honoured ({wait})"
    );
    assert!(
        wait <= chrono::Duration::seconds(60),
        "first back-off step at most backoff_base ({wait})"
    );
    assert_eq!(
        app.poll_at(now + chrono::Duration::seconds(2))
            .await
            .claimed,
        0,
        "not retried before the back-off"
    );
}

#[tokio::test]
async fn server_errors_malformed_bodies_and_timeouts_are_survived() {
    for fault in [Fault::ServerError, Fault::Malformed, Fault::Timeout] {
        let app = spawn_app_with(Options {
            configure: Box::new(|c| c.carriers["sandbox"].timeout = Duration::from_millis(300)),
            ..faulty(fault)
        })
        .await;
        let (_, key) = app.create_merchant("Acme").await;
        let s = app.register(&key, &number("OT")).await;
        let outcome = app.poll_at(Utc::now()).await;
        assert_eq!(
            (outcome.claimed, outcome.failed, outcome.lost),
            (1, 1, 0),
            "{fault:?}"
        );
        let api = app.shipment(&key, &s).await;
        assert_eq!(api["status"], "pending", "{fault:?}");
        assert!(
            api["last_polled_at"].is_string() && api["updated_at"].is_null(),
            "{fault:?}: asked, no answer"
        );
        assert!(
            api["next_poll_at"].is_string(),
            "{fault:?}: still scheduled"
        );
    }
}

#[tokio::test]
async fn a_poller_process_killed_mid_poll_loses_nothing() {
    // A real `shipmate serve --role poller`, stuck in a slow carrier call, gets SIGKILL.
    let app = spawn_app_with(faulty(Fault::Latency(30_000))).await;
    let (_, key) = app.create_merchant("Acme").await;
    for _ in 0..3 {
        app.register(&key, &number("OT")).await;
    }
    let cfg = &app.parts.config;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_shipmate"))
        .args(["serve", "--role", "poller"])
        .envs(crate::helpers::redis_env(cfg))
        .env("SHIPMATE__HTTP__ADDR", "127.0.0.1:0")
        .env("SHIPMATE__CARRIERS__SANDBOX__BASE_URL", &app.sim_url)
        .env("SHIPMATE__CARRIERS__SANDBOX__TIMEOUT", "60s")
        .env("SHIPMATE__POLLER__LEASE", "60s")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while holding(&app).await < 3 {
        assert!(
            std::time::Instant::now() < deadline,
            "the poller process never claimed"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        holding(&app).await,
        3,
        "the dead process still holds its claims"
    );

    // A healthy poller (and carrier) picks the work up once the lease has run out.
    let healthy = spawn_app().await;
    let mut config = (**cfg).clone();
    config.carriers["sandbox"].base_url = healthy.sim_url.clone();
    let parts = Parts::build(std::sync::Arc::new(config)).await.unwrap();
    let o = parts
        .poller
        .poll_due_once(Utc::now() + chrono::Duration::seconds(61))
        .await
        .unwrap();
    assert_eq!((o.claimed, o.failed, o.lost), (3, 0, 0));
    let (_, list) = app.get_json(&key, "/api/v1/shipments").await;
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["status"] == "info_received"),
        "{list}"
    );
}

/// How many shipments are currently claimed.
async fn holding(app: &crate::helpers::TestApp) -> usize {
    let store = &app.parts.store;
    let mut n = 0;
    for shard in 0..store.keys().shards() {
        n += store.claimed_count(shard).await.unwrap();
    }
    n
}
