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
    cmd.envs(crate::helpers::redis_env(cfg))
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
    config.redis.mode = shipmate::config::RedisMode::Single;
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

/// Every sample line of a Prometheus text page: `name{labels} value`, names `shipmate_`.
fn samples(text: &str) -> Vec<(String, f64)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (series, value) = l.rsplit_once(' ').unwrap();
            assert!(series.starts_with("shipmate_"), "{l}");
            (series.to_owned(), value.parse().unwrap())
        })
        .collect()
}

#[tokio::test]
async fn metrics_show_polls_carrier_latency_pages_and_backlogs() {
    let app = spawn_app().await;
    // The registry is the process's, shared with every other test: assert what this test
    // added (a delta), not a total.
    let before_text = app.page("/metrics").await.1;
    let before = samples(&before_text);
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    app.poll_journeys().await;
    let url = s["tracking_url"].as_str().unwrap();
    assert_eq!(app.page(&url[url.find("/t/").unwrap()..]).await.0, 200);

    let resp = app.http.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = resp.text().await.unwrap();
    let all = samples(&text);
    let value = |series: &str| {
        all.iter()
            .find(|(s, _)| s == series)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("no {series} in\n{text}"))
    };
    let delta = |series: &str| {
        let was = before
            .iter()
            .find(|(s, _)| s == series)
            .map_or(0.0, |(_, v)| *v);
        value(series) - was
    };
    assert!(delta(r#"shipmate_polls_total{carrier="sandbox",outcome="ok"}"#) >= 2.0);
    assert!(delta(r#"shipmate_carrier_request_seconds_count{carrier="sandbox"}"#) >= 2.0);
    assert!(
        delta(r#"shipmate_http_request_seconds_count{route="/t/{token}",status="2xx"}"#) >= 1.0
    );
    assert!(value(r#"shipmate_carrier_breaker_open{carrier="sandbox"}"#) == 0.0);
    for gauge in [
        "shipmate_due_lag_seconds",
        "shipmate_due_shipments",
        "shipmate_claimed_shipments",
        "shipmate_notifications_due_lag_seconds",
        "shipmate_stream_lag",
        "shipmate_stream_pending",
    ] {
        assert!(value(gauge) >= 0.0, "{gauge}");
        assert!(text.contains(&format!("# TYPE {gauge} gauge")), "{gauge}");
    }
    assert!(
        value("shipmate_stream_lag") >= 1.0,
        "nobody consumed the events"
    );
    assert!(
        !text.contains(s["token"].as_str().unwrap_or("no token")),
        "no tokens in labels"
    );
}

#[tokio::test]
async fn a_process_without_the_web_role_answers_probes_and_scrapes_only() {
    let app = spawn_app().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = shipmate(&app)
        .args(["serve", "--role", "poller"])
        .env("SHIPMATE__HTTP__ADDR", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    while reqwest::get(format!("{base}/healthz")).await.is_err() {
        assert!(Instant::now() < deadline, "the poller never listened");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let status = |path: &'static str| {
        let url = format!("{base}{path}");
        async move { reqwest::get(url).await.unwrap().status().as_u16() }
    };
    assert_eq!(status("/readyz").await, 200);
    assert_eq!(status("/metrics").await, 200);
    assert_eq!(status("/api/v1/shipments").await, 404, "no API on a poller");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test]
async fn metrics_can_have_an_address_of_their_own() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = free.local_addr().unwrap().to_string();
    drop(free);
    let metrics_addr = addr.clone();
    let app = crate::helpers::spawn_app_with(crate::helpers::Options {
        configure: Box::new(move |c| c.metrics.addr = metrics_addr),
        ..Default::default()
    })
    .await;
    assert_eq!(
        app.page("/metrics").await.0,
        404,
        "not on the public listener"
    );
    let until = Instant::now() + Duration::from_secs(10);
    let text = loop {
        match reqwest::get(format!("http://{addr}/metrics")).await {
            Ok(r) => break r.text().await.unwrap(),
            Err(e) if Instant::now() < until => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(e) => panic!("{e}"),
        }
    };
    assert!(text.contains("shipmate_due_lag_seconds"), "{text}");
    assert!(text.contains("shipmate_stream_lag"), "{text}");
}

#[tokio::test]
async fn healthz_fails_when_a_role_loop_stops() {
    // Every job scheduled for the 30th of February: the scheduler's loop has nothing to do
    // and ends. A process whose role no longer runs must say so, so it gets restarted.
    let never: cron::Schedule = "0 0 0 30 Feb *".parse().unwrap();
    let mut config = crate::helpers::test_config("http://127.0.0.1:1");
    config.scheduler.expiry_sweep = never.clone();
    config.scheduler.retention_purge = never.clone();
    config.scheduler.store_reconcile = never.clone();
    config.scheduler.push_subscribe = never;
    let parts = Parts::build(Arc::new(config)).await.unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let cancel = tokio_util::sync::CancellationToken::new();
    let run = shipmate::roles::run(
        parts,
        &[shipmate::roles::Role::Scheduler],
        Some(listener),
        cancel.clone(),
    );
    tokio::spawn(run);
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(r) = reqwest::get(format!("http://{addr}/healthz")).await
            && r.status() == 503
        {
            assert_eq!(r.text().await.unwrap(), "stopped: scheduler");
            break;
        }
        assert!(Instant::now() < until, "/healthz never failed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    cancel.cancel();
}
