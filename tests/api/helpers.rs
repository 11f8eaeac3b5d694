//! `spawn_app()` and friends.

use std::net::TcpListener;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use shipmate::config::{Config, RedisMode};
use shipmate::demo::redis::{LocalCluster, LocalRedis};
use shipmate::poller::PollOutcome;
use shipmate::roles::{self, Parts, Role};
use shipmate::sim::{self, Fault, SimConfig};
use tokio_util::sync::CancellationToken;

/// One private Redis per test binary (or `SHIPMATE_TEST_REDIS_URL`).
pub fn redis_url() -> String {
    static REDIS: OnceLock<(String, Option<LocalRedis>)> = OnceLock::new();
    REDIS
        .get_or_init(|| {
            if let Ok(url) = std::env::var("SHIPMATE_TEST_REDIS_URL") {
                return (url, None);
            }
            let dir =
                std::env::temp_dir().join(format!("shipmate-test-redis-{}", std::process::id()));
            let redis =
                shipmate::demo::redis::spawn(&dir, false).expect("start redis-server for tests");
            (redis.url.clone(), Some(redis))
        })
        .0
        .clone()
}

/// One private 3-master Redis Cluster per test binary, started on first use.
pub fn redis_cluster() -> Vec<String> {
    static CLUSTER: OnceLock<LocalCluster> = OnceLock::new();
    CLUSTER
        .get_or_init(|| {
            let dir =
                std::env::temp_dir().join(format!("shipmate-test-cluster-{}", std::process::id()));
            shipmate::demo::redis::spawn_cluster(&dir, 3, false)
                .expect("start a 3-master redis cluster for tests")
        })
        .urls()
}

/// `SHIPMATE_TEST_REDIS=cluster` runs every test against the private cluster.
pub fn cluster_by_default() -> bool {
    std::env::var("SHIPMATE_TEST_REDIS").is_ok_and(|v| v == "cluster")
}

/// Points a config at the test cluster.
pub fn use_cluster(config: &mut Config) {
    config.redis.mode = RedisMode::Cluster;
    config.redis.nodes = redis_cluster();
}

/// The environment that points a shipmate process at the same Redis as `cfg`.
pub fn redis_env(cfg: &Config) -> Vec<(&'static str, String)> {
    let mode = match cfg.redis.mode {
        RedisMode::Single => "single",
        RedisMode::Cluster => "cluster",
    };
    vec![
        ("SHIPMATE__REDIS__MODE", mode.to_owned()),
        ("SHIPMATE__REDIS__URL", cfg.redis.url.clone()),
        ("SHIPMATE__REDIS__NODES", cfg.redis.nodes.join(",")),
        ("SHIPMATE__REDIS__PREFIX", cfg.redis.prefix.clone()),
        ("SHIPMATE__REDIS__SHARDS", cfg.redis.shards.to_string()),
    ]
}

pub struct TestApp {
    pub addr: String,
    pub http: reqwest::Client,
    pub parts: Parts,
    pub admin_token: String,
    pub sim_url: String,
    cancel: CancellationToken,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

pub struct Options {
    pub sim: SimConfig,
    pub configure: Box<dyn FnOnce(&mut Config)>,
}

impl Default for Options {
    fn default() -> Self {
        // At this speed a whole journey takes well under a millisecond of real time.
        Options {
            sim: SimConfig {
                speed: 1e9,
                fault: None,
                fault_rate: 0.0,
            },
            configure: Box::new(|_| {}),
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

pub fn random_hex() -> String {
    shipmate::entropy::bytes::<6>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn test_config(sim_url: &str) -> Config {
    let mut config = Config::from_layers(&[], std::iter::empty()).unwrap();
    if cluster_by_default() {
        use_cluster(&mut config);
    } else {
        config.redis.url = redis_url();
    }
    config.redis.prefix = format!("test-{}", random_hex());
    config.redis.shards = 4;
    config.admin.token = format!("admin-{}-{}-{}", random_hex(), random_hex(), random_hex()).into();
    config.carriers["sandbox"].base_url = sim_url.to_owned();
    config.carriers["sandbox"].timeout = Duration::from_secs(2);
    config.http.workers = 1;
    config.poller.lease = Duration::from_secs(60);
    // Tests register thousands of parcels in seconds; the limits have tests of their own.
    config.limits.api_per_minute = 1_000_000;
    config.notifier.outbox_dir = std::env::temp_dir()
        .join(format!("shipmate-outbox-{}", random_hex()))
        .to_string_lossy()
        .into_owned();
    config
}

pub async fn spawn_app_with(options: Options) -> TestApp {
    let sim_listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let sim_url = format!("http://{}", sim_listener.local_addr().unwrap());
    let sim = sim::start(sim_listener, options.sim).unwrap();
    let sim_handle = sim.handle();
    tokio::spawn(sim);

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    let mut config = test_config(&sim_url);
    config.http.public_url = addr.clone();
    (options.configure)(&mut config);
    let admin_token = config.admin.token.expose().to_owned();
    let parts = Parts::build(Arc::new(config)).await.unwrap();
    let cancel = CancellationToken::new();
    let (p, c) = (parts.clone(), cancel.clone());
    tokio::spawn(async move {
        roles::run(p, &[Role::Web], Some(listener), c)
            .await
            .unwrap();
        sim_handle.stop(false).await;
    });
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp {
        addr,
        http,
        parts,
        admin_token,
        sim_url,
        cancel,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.addr)
    }

    /// Creates a merchant through the admin API; returns (id, api key).
    pub async fn create_merchant(&self, name: &str) -> (String, String) {
        let body = self
            .create_merchant_with(&json!({"name": name, "brand": {"color": "#0a7", "support_email": "help@shop.example"}, "locale": "en", "timezone": "Europe/Lisbon"}))
            .await;
        (
            body["id"].as_str().unwrap().into(),
            body["api_key"].as_str().unwrap().into(),
        )
    }

    /// Creates a merchant from `body` through the admin API (answered 201); returns the
    /// answer.
    pub async fn create_merchant_with(&self, body: &Value) -> Value {
        let resp = self
            .http
            .post(self.url("/api/v1/merchants"))
            .bearer_auth(&self.admin_token)
            .json(body)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 201);
        resp.json().await.unwrap()
    }

    pub async fn post_shipment(&self, key: &str, body: &Value) -> reqwest::Response {
        self.http
            .post(self.url("/api/v1/shipments"))
            .bearer_auth(key)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// Registers a sandbox shipment and returns the API's JSON for it.
    pub async fn register(&self, key: &str, number: &str) -> Value {
        self.register_with(key, &shipment_body(number)).await
    }

    /// Registers a new shipment from `body` (answered 201) and returns the API's JSON for it.
    pub async fn register_with(&self, key: &str, body: &Value) -> Value {
        let resp = self.post_shipment(key, body).await;
        let status = resp.status();
        let text = resp.text().await.unwrap();
        assert_eq!(status, 201, "{text}");
        serde_json::from_str(&text).unwrap()
    }

    pub async fn get_json(&self, key: &str, path: &str) -> (u16, Value) {
        let resp = self
            .http
            .get(self.url(path))
            .bearer_auth(key)
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    /// The API's view of a shipment the test registered.
    pub async fn shipment(&self, key: &str, registered: &Value) -> Value {
        let path = format!("/api/v1/shipments/{}", registered["id"].as_str().unwrap());
        let (status, body) = self.get_json(key, &path).await;
        assert_eq!(status, 200, "{body}");
        body
    }

    pub async fn page(&self, path: &str) -> (u16, String) {
        let resp = self.http.get(self.url(path)).send().await.unwrap();
        (resp.status().as_u16(), resp.text().await.unwrap())
    }

    /// Subscribes `url` to the merchant's `events` through the API.
    pub async fn subscribe_webhook(&self, key: &str, url: &str, events: &[&str]) {
        let resp = self
            .http
            .post(self.url("/api/v1/webhooks"))
            .bearer_auth(key)
            .json(&json!({"url": url, "events": events}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 201);
    }

    /// One poller step as if the clock read `now`.
    pub async fn poll_at(&self, now: DateTime<Utc>) -> PollOutcome {
        self.parts.poller.poll_due_once(now).await.unwrap()
    }

    /// Polls everything due over two rounds a day apart: the first query starts each
    /// carrier-sim journey, the second sees it to its end.
    pub async fn poll_journeys(&self) {
        while self.poll_at(Utc::now()).await.claimed > 0 {}
        tokio::time::sleep(Duration::from_millis(5)).await;
        let later = Utc::now() + chrono::Duration::days(1);
        while self.poll_at(later).await.claimed > 0 {}
    }

    /// Moves every carrier-sim journey `minutes` of simulated time forward.
    pub async fn advance_sim(&self, minutes: u64) {
        let url = format!("{}/v1/_advance", self.sim_url);
        let resp = self
            .http
            .post(url)
            .json(&json!({ "minutes": minutes }))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 204);
    }

    /// How many times carrier-sim was asked about each number.
    pub async fn sim_queries(&self) -> std::collections::HashMap<String, u64> {
        reqwest::get(format!("{}/v1/_stats", self.sim_url))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

pub fn shipment_body(number: &str) -> Value {
    json!({
        "tracking_number": number,
        "carrier": "sandbox",
        "order": {"number": "1001", "promised_by": "2030-12-01", "items": [{"name": "Mug", "quantity": 1}]},
        "customer": {"name": "Ana Souza", "email": "ana@example.com", "phone": "+5511912345678", "locale": "en"},
        "destination": {"city": "São Paulo", "postcode": "01310-100", "country": "BR"}
    })
}

/// A fresh sandbox number for a scenario.
pub fn number(scenario: &str) -> String {
    let n = u64::from_le_bytes(shipmate::entropy::bytes()) % 100_000_000;
    format!("SB{scenario}{n:08}")
}

pub fn faulty(fault: Fault) -> Options {
    Options {
        sim: SimConfig {
            speed: 1e9,
            fault: Some(fault),
            fault_rate: 1.0,
        },
        ..Options::default()
    }
}

/// The carrier's own events of a shipment (the API's, newest first), without shipmate's
/// synthetic notes (a fixture dated months ago is, rightly, flagged as stalled).
pub fn carrier_events(api: &Value) -> Vec<Value> {
    api["events"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|e| e["synthetic"] != true)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// A test that cannot run here (data or a tool missing) says so; under `CI=true` that is a
/// failure, since CI installs everything.
pub fn skip(why: &str) {
    assert_ne!(
        std::env::var("CI").as_deref(),
        Ok("true"),
        "under CI=true nothing may be skipped: {why}"
    );
    println!("SKIPPED: {why}");
}

/// A browser: keeps cookies, follows no redirects (the tests look at them).
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The CSRF token of the first form in a page.
/// A real PNG of `width`×`height` in one colour.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_pixel(width, height, image::Rgba([20, 60, 90, 255]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgba8(image)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

pub fn csrf(html: &str) -> String {
    html.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned()
}
