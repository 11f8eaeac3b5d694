//! The operator's view: the real binary, signals, readiness, the CLI.

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use shipmate::roles::Parts;
use shipmate::sim::Fault;

use crate::helpers::{TestApp, faulty, number, spawn_app};

fn shipmate(app: &TestApp) -> Command {
    let cfg = &app.parts.config;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shipmate"));
    cmd.env("SHIPMATE__REDIS__URL", &cfg.redis.url)
        .env("SHIPMATE__REDIS__PREFIX", &cfg.redis.prefix)
        .env("SHIPMATE__REDIS__SHARDS", cfg.redis.shards.to_string())
        .env("SHIPMATE__CARRIERS__SANDBOX__BASE_URL", &app.sim_url)
        .env("SHIPMATE__HTTP__ADDR", "127.0.0.1:0");
    cmd
}

async fn claimed(app: &TestApp) -> usize {
    let mut n = 0;
    for shard in 0..app.parts.store.keys().shards() {
        n += app.parts.store.claimed_count(shard).await.unwrap();
    }
    n
}

#[tokio::test]
async fn sigterm_stops_claiming_and_finishes_in_flight_polls() {
    let app = crate::helpers::spawn_app_with(faulty(Fault::Latency(1_500))).await;
    let (_, key) = app.create_merchant("Acme").await;
    for _ in 0..2 {
        app.register(&key, &number("OT")).await;
    }
    let mut child = shipmate(&app)
        .args(["serve", "--role", "all"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while claimed(&app).await < 2 {
        assert!(
            Instant::now() < deadline,
            "the server never started polling"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "did not exit after SIGTERM");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "clean exit: {status:?}");
    assert_eq!(claimed(&app).await, 0, "no claim left behind");
    let (_, list) = app.get_json(&key, "/api/v1/shipments").await;
    for s in list["items"].as_array().unwrap() {
        assert_eq!(
            s["status"], "info_received",
            "the in-flight poll was finished and saved"
        );
    }
}

#[tokio::test]
async fn merchant_create_on_the_command_line_prints_a_working_key() {
    let app = spawn_app().await;
    let out = shipmate(&app)
        .args(["merchant", "create", "--name", "Acme CLI"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let key = stdout
        .lines()
        .find_map(|l| l.strip_prefix("api key:"))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    assert_eq!(app.get_json(key, "/api/v1/shipments").await.0, 200);

    let bad = shipmate(&app)
        .args(["merchant", "create", "--name", "X", "--color", "red"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--brand.color"));
}

#[tokio::test]
async fn a_bad_config_value_stops_the_boot_with_a_clear_message() {
    let app = spawn_app().await;
    let out = shipmate(&app)
        .args(["serve"])
        .env("SHIPMATE__POLLER__LEASE", "forever")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("forever"), "{stderr}");
}

#[tokio::test]
async fn readiness_fails_when_redis_is_gone() {
    let dir =
        std::env::temp_dir().join(format!("shipmate-readyz-{}", crate::helpers::random_hex()));
    let redis = shipmate::demo::redis::spawn(&dir, false).unwrap();
    let mut config = crate::helpers::test_config("http://127.0.0.1:9");
    config.redis.url = redis.url.clone();
    let parts = Parts::build(Arc::new(config)).await.unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = shipmate::web::server(parts.app_state(), listener).unwrap();
    let handle = server.handle();
    tokio::spawn(server);
    let url = format!("http://{addr}/readyz");
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 200);
    drop(redis);
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 503);
    assert_eq!(
        reqwest::get(format!("http://{addr}/healthz"))
            .await
            .unwrap()
            .status(),
        200
    );
    handle.stop(false).await;
}
