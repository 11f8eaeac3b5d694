//! Redis going away under a running process: killed with SIGKILL and restarted from its
//! append-only file while a message is on its way, or not there yet when a role starts.

use std::collections::HashMap;
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use shipmate::config::RedisMode;
use shipmate::demo::redis::{self, LocalRedis};
use shipmate::domain::Delivery;

use crate::helpers::{Options, number, random_hex, spawn_app_with};

fn persistent_redis() -> (LocalRedis, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("shipmate-restart-{}", random_hex()));
    (redis::spawn(&dir, true).unwrap(), dir)
}

#[tokio::test]
async fn a_message_sent_while_redis_is_down_is_recorded_once_it_is_back_and_not_sent_again() {
    let (mut local, _dir) = persistent_redis();
    let url = local.url.clone();
    let (hook, seen) = crate::sinks::webhook_counter(Duration::from_millis(500));
    let o = Options {
        configure: Box::new(move |c| {
            c.redis.mode = RedisMode::Single;
            c.redis.url = url;
            // Only the merchant's webhook goes out.
            c.notifier.channels = vec![];
            c.notifier.webhooks_allow_private = true;
            c.notifier.lease = Duration::from_secs(60);
        }),
        ..Options::default()
    };
    let app = spawn_app_with(o).await;
    let (_, key) = app.create_merchant("Acme").await;
    app.subscribe_webhook(&key, &hook, &["shipment.delivered"])
        .await;
    app.register(&key, &number("OT")).await;
    app.poll_journeys().await;
    let notifier = app.parts.notifier.clone();
    notifier.prepare().await.unwrap();
    notifier.consume_once(Utc::now()).await.unwrap();
    let store = app.parts.store.clone();
    let sending = tokio::spawn(async move { notifier.deliver_once(Utc::now()).await });
    let deadline = Instant::now() + Duration::from_secs(10);
    while seen.lock().unwrap().is_empty() {
        assert!(Instant::now() < deadline, "the webhook never arrived");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // The receiver has the message and has not answered yet: Redis dies, and comes back
    // well after the answer and after the Redis client's own reconnection attempts (about
    // 12 s), as after a restart that loads a large append-only file: recording the message
    // fails for a while.
    let mut local = tokio::task::spawn_blocking(move || {
        local.crash().unwrap();
        local
    })
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_secs(16)).await;
    let _local = tokio::task::spawn_blocking(move || {
        local.restart().unwrap();
        local
    })
    .await
    .unwrap();
    let outcome = sending.await.unwrap().expect("the delivery step finishes");
    assert_eq!(outcome.sent, 1, "recorded as sent once Redis answered");

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1);
    assert!(seen.values().all(|n| *n == 1), "sent once: {seen:?}");
    let id = seen.keys().next().unwrap();
    let record = store.notification(id).await.unwrap().unwrap();
    assert_eq!(record.status, Delivery::Sent);
}

#[tokio::test]
async fn a_role_started_before_redis_waits_for_it_instead_of_exiting() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let prefix = format!("waits-{}", random_hex());
    let mut child = Command::new(env!("CARGO_BIN_EXE_shipmate"))
        .args(["serve", "--role", "notifier"])
        .env("SHIPMATE__REDIS__MODE", "single")
        .env("SHIPMATE__REDIS__URL", format!("redis://127.0.0.1:{port}"))
        .env("SHIPMATE__REDIS__PREFIX", &prefix)
        .env("SHIPMATE__HTTP__ADDR", "127.0.0.1:0")
        .env("SHIPMATE__LOG__LEVEL", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Longer than the Redis client's own reconnection attempts (about 6 s).
    tokio::time::sleep(Duration::from_secs(10)).await;
    assert!(
        child.try_wait().unwrap().is_none(),
        "the notifier exited while Redis was not there"
    );
    let dir = std::env::temp_dir().join(format!("shipmate-late-{}", random_hex()));
    let local = redis::spawn_at(&dir, port, false).unwrap();
    // Once Redis is there, the notifier connects and creates its consumer group.
    let client = ::redis::Client::open(local.url.as_str()).unwrap();
    let mut conn = client.get_multiplexed_async_connection().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let groups: ::redis::RedisResult<Vec<HashMap<String, ::redis::Value>>> =
            ::redis::cmd("XINFO")
                .arg("GROUPS")
                .arg(format!("{prefix}:{{0}}:events"))
                .query_async(&mut conn)
                .await;
        if groups.is_ok_and(|g| !g.is_empty()) {
            break;
        }
        assert!(Instant::now() < deadline, "the notifier never got going");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(child.try_wait().unwrap().is_none());
    child.kill().unwrap();
    child.wait().unwrap();
}
