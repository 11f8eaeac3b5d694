//! The notifier killed with SIGKILL again and again while thousands of messages go out:
//! afterwards every expected message has arrived, once per idempotency key, and nothing is
//! left queued. Prints the figures.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use shipmate::domain::{Channel, Delivery};

use crate::helpers::{Options, TestApp, shipment_body, spawn_app_with};

const SHIPMENTS: usize = 2000;

fn notifier(app: &TestApp) -> Child {
    let cfg = &app.parts.config;
    Command::new(env!("CARGO_BIN_EXE_shipmate"))
        .args(["serve", "--role", "notifier"])
        .envs(crate::helpers::redis_env(cfg))
        .env("SHIPMATE__HTTP__ADDR", "127.0.0.1:0")
        .env("SHIPMATE__CARRIERS__SANDBOX__BASE_URL", &app.sim_url)
        .env("SHIPMATE__NOTIFIER__CHANNELS", "outbox")
        .env("SHIPMATE__NOTIFIER__OUTBOX_DIR", &cfg.notifier.outbox_dir)
        .env("SHIPMATE__NOTIFIER__FEEDBACK_AFTER", "0s")
        .env("SHIPMATE__NOTIFIER__WEBHOOKS_ALLOW_PRIVATE", "true")
        .env("SHIPMATE__NOTIFIER__INTERVAL", "50ms")
        .env("SHIPMATE__NOTIFIER__RECLAIM_AFTER", "1s")
        .env("SHIPMATE__NOTIFIER__LEASE", "2s")
        .env("SHIPMATE__NOTIFIER__WEBHOOK_TIMEOUT", "900ms")
        .env("SHIPMATE__LOG__LEVEL", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[tokio::test]
async fn a_notifier_killed_twenty_times_loses_and_repeats_nothing() {
    let (url, seen) = crate::sinks::webhook_counter(Duration::ZERO);
    let o = Options {
        configure: Box::new(|c| {
            c.notifier.channels = vec![Channel::Outbox];
            c.notifier.webhooks_allow_private = true;
        }),
        ..Options::default()
    };
    let app = spawn_app_with(o).await;
    let (merchant, key) = app.create_merchant("Acme").await;
    app.subscribe_webhook(&key, &url, &["shipment.delivered"])
        .await;
    for i in 0..SHIPMENTS {
        let mut body = shipment_body(&format!("SBOT{i:08}"));
        body["order"]["number"] = json!(format!("{}", 10_000 + i));
        app.register_with(&key, &body).await;
    }
    app.poll_journeys().await;
    app.parts.notifier.prepare().await.unwrap();
    // Expected: per parcel, one webhook (delivered) and two customer messages (delivered,
    // and the feedback request, due at once); "shipped" (label, then delivered a simulated
    // day later) is stale by the time it could go and is skipped.
    let expected_webhooks = SHIPMENTS;
    let expected_outbox = 2 * SHIPMENTS;

    let started = Instant::now();
    let mut child = notifier(&app);
    let mut kills = 0;
    while kills < 20 {
        tokio::time::sleep(Duration::from_millis(150 + (kills as u64 * 37) % 300)).await;
        child.kill().unwrap();
        child.wait().unwrap();
        kills += 1;
        child = notifier(&app);
    }
    let outbox = std::path::PathBuf::from(&app.parts.config.notifier.outbox_dir);
    let files = || {
        std::fs::read_dir(&outbox)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                    .count()
            })
            .unwrap_or(0)
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    while (seen.lock().unwrap().len() < expected_webhooks || files() < expected_outbox)
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Anything still in flight settles (leases of killed senders run out).
    tokio::time::sleep(Duration::from_secs(3)).await;
    child.kill().unwrap();
    child.wait().unwrap();
    let wall = started.elapsed();

    let seen = seen.lock().unwrap().clone();
    let deliveries: u32 = seen.values().sum();
    let merchant = shipmate::domain::MerchantId::parse(&merchant).unwrap();
    let list = app
        .parts
        .store
        .merchant_notifications(&merchant, 100_000)
        .await
        .unwrap();
    let not_sent = list
        .iter()
        .filter(|n| matches!(n.status, Delivery::Queued | Delivery::Dead))
        .count();
    let stale = list
        .iter()
        .filter(|n| n.status == Delivery::Skipped)
        .count();
    println!(
        "kill test: {SHIPMENTS} parcels, {kills} SIGKILLs in {:.1}s; webhooks: {} keys expected, {} received, {} deliveries ({} repeated by a kill between send and record, same webhook-id); outbox: {} expected, {} files; {stale} \"shipped\" made stale by the delivery and skipped; left queued or dead: {not_sent}; stream backlog {}",
        wall.as_secs_f64(),
        expected_webhooks,
        seen.len(),
        deliveries,
        deliveries as usize - seen.len(),
        expected_outbox,
        files(),
        app.parts.store.event_backlog().await.unwrap(),
    );
    assert_eq!(seen.len(), expected_webhooks, "every webhook arrived");
    assert_eq!(
        files(),
        expected_outbox,
        "every customer message written once"
    );
    assert!(seen.keys().all(|k| k.starts_with("ntf_")));
    assert_eq!(
        list.len(),
        expected_webhooks + expected_outbox + SHIPMENTS,
        "every notification listed"
    );
    assert_eq!(stale, SHIPMENTS);
    assert_eq!(not_sent, 0, "nothing left queued or dead");
}
