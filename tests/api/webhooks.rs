//! Merchant webhooks: subscriptions through the API, deliveries signed per Standard
//! Webhooks and verified by an independent receiver, retries that wait for `Retry-After`,
//! 410 disabling the endpoint, and private addresses refused.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use base64::Engine;
use chrono::Utc;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use shipmate::domain::Channel;

use crate::helpers::{Options, TestApp, number, shipment_body, spawn_app_with};

/// One delivery as the receiver saw it.
#[derive(Clone, Debug)]
pub(crate) struct Received {
    pub(crate) path: String,
    pub(crate) id: String,
    pub(crate) timestamp: i64,
    pub(crate) signature: String,
    pub(crate) body: String,
}

#[derive(Default)]
pub(crate) struct Receiver {
    pub(crate) got: Vec<Received>,
    /// Answers to give, in order, before answering 200: (status, Retry-After seconds).
    pub(crate) script: Vec<(u16, Option<u64>)>,
}

async fn hook(
    req: HttpRequest,
    body: web::Bytes,
    state: web::Data<Mutex<Receiver>>,
) -> HttpResponse {
    let h = |n: &str| {
        req.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let mut r = state.lock().unwrap();
    r.got.push(Received {
        path: req.path().to_owned(),
        id: h("webhook-id"),
        timestamp: h("webhook-timestamp").parse().unwrap_or(0),
        signature: h("webhook-signature"),
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    if req.path() == "/gone" {
        return HttpResponse::Gone().finish();
    }
    if r.script.is_empty() {
        return HttpResponse::Ok().finish();
    }
    let (status, retry_after) = r.script.remove(0);
    let mut resp = HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap());
    if let Some(s) = retry_after {
        resp.insert_header(("Retry-After", s.to_string()));
    }
    resp.finish()
}

pub(crate) fn start_receiver() -> (String, Arc<Mutex<Receiver>>) {
    let state = web::Data::new(Mutex::new(Receiver::default()));
    let shared = state.clone().into_inner();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .default_service(web::post().to(hook))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    (url, shared)
}

/// The receiver's own check, written from the Standard Webhooks specification: HMAC-SHA256
/// of `id.timestamp.body` under the base64 key after `whsec_`, any of the space-separated
/// `v1,` signatures.
pub(crate) fn verify(secret: &str, id: &str, timestamp: i64, body: &str, header: &str) -> bool {
    let b64 = base64::engine::general_purpose::STANDARD;
    let key = b64.decode(secret.trim_start_matches("whsec_")).unwrap();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    let expected = format!("v1,{}", b64.encode(mac.finalize().into_bytes()));
    header.split(' ').any(|s| s == expected)
}

pub(crate) async fn app(allow_private: bool) -> TestApp {
    let mut o = Options::default();
    o.sim.speed = 1.0;
    o.configure = Box::new(move |c| {
        c.notifier.channels = vec![Channel::Outbox];
        c.notifier.webhooks_allow_private = allow_private;
        c.notifier.reclaim_after = Duration::ZERO;
    });
    spawn_app_with(o).await
}

async fn subscribe(app: &TestApp, key: &str, body: Value) -> (u16, Value) {
    let resp = app
        .http
        .post(app.url("/api/v1/webhooks"))
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

#[test]
fn the_receivers_check_accepts_the_standard_webhooks_test_vector() {
    assert!(verify(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1_614_265_330,
        r#"{"test": 2432232314}"#,
        "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    ));
    assert!(!verify(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1_614_265_331,
        r#"{"test": 2432232314}"#,
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    ));
}

#[tokio::test]
async fn events_arrive_signed_and_a_refused_one_waits_for_retry_after() {
    let (url, receiver) = start_receiver();
    receiver.lock().unwrap().script = vec![(503, Some(60))];
    let app = app(true).await;
    let (_, key) = app.create_merchant("Acme").await;
    let (status, created) = subscribe(
        &app,
        &key,
        json!({"url": format!("{url}/hook"), "events": ["shipment.out_for_delivery", "shipment.delivered"]}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    let (_, list) = app.get_json(&key, "/api/v1/webhooks").await;
    assert_eq!(list["webhooks"][0]["id"], created["id"]);
    assert!(
        !list.to_string().contains(&secret),
        "the secret is shown once"
    );

    crate::notify::deliver_on_time(&app, &key, &shipment_body(&number("OT")), true).await;
    let got = receiver.lock().unwrap().got.clone();
    let types: Vec<String> = got
        .iter()
        .map(|r| {
            serde_json::from_str::<Value>(&r.body).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        types,
        ["shipment.out_for_delivery", "shipment.delivered"],
        "only what it asked for"
    );
    for r in &got {
        assert_eq!(r.path, "/hook");
        assert!(
            verify(&secret, &r.id, r.timestamp, &r.body, &r.signature),
            "{r:?}"
        );
        assert!(
            !r.body.contains("Ana") && !r.body.contains("example.com"),
            "no personal data: {}",
            r.body
        );
    }

    let notifier = &app.parts.notifier;
    let now = Utc::now();
    assert_eq!(
        notifier
            .deliver_once(now + chrono::Duration::seconds(55))
            .await
            .unwrap()
            .claimed,
        0,
        "not before Retry-After"
    );
    assert_eq!(
        notifier
            .deliver_once(now + chrono::Duration::seconds(65))
            .await
            .unwrap()
            .sent,
        1
    );
    let got = receiver.lock().unwrap().got.clone();
    assert_eq!(got.len(), 3);
    assert_eq!(got[2].id, got[0].id, "the retry keeps its webhook-id");
    assert!(verify(
        &secret,
        &got[2].id,
        got[2].timestamp,
        &got[2].body,
        &got[2].signature
    ));
}

#[tokio::test]
async fn a_410_disables_the_endpoint_and_private_addresses_are_refused() {
    let (url, receiver) = start_receiver();
    let app = app(true).await;
    let (_, key) = app.create_merchant("Acme").await;
    let (_, created) = subscribe(&app, &key, json!({"url": format!("{url}/gone")})).await;
    crate::notify::deliver_on_time(&app, &key, &shipment_body(&number("OT")), true).await;
    assert_eq!(
        receiver.lock().unwrap().got.len(),
        1,
        "one answer of 410 and nothing more"
    );
    let (_, list) = app.get_json(&key, "/api/v1/webhooks").await;
    assert_eq!(list["webhooks"][0]["id"], created["id"]);
    assert_eq!(list["webhooks"][0]["disabled"], true);
    let (_, dead) = app
        .get_json(&key, "/api/v1/notifications?status=dead")
        .await;
    assert_eq!(dead["notifications"][0]["channel"], "webhook", "{dead}");

    let strict = self::app(false).await;
    let (_, key) = strict.create_merchant("Acme").await;
    for bad in [
        format!("{url}/hook"),
        "http://169.254.169.254/latest/meta-data".into(),
        "http://localhost:9/x".into(),
    ] {
        let (status, problem) = subscribe(&strict, &key, json!({"url": bad})).await;
        assert_eq!(
            (status, problem["errors"][0]["field"].as_str()),
            (422, Some("url")),
            "{bad}: {problem}"
        );
    }
    let (status, problem) = subscribe(
        &strict,
        &key,
        json!({"url": "https://hooks.example.com/x", "events": ["shipment.teleported"]}),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("events[0]"))
    );
}

#[tokio::test]
async fn the_delivery_log_shows_each_attempt_and_a_delivery_can_be_replayed() {
    let (url, receiver) = start_receiver();
    receiver.lock().unwrap().script = vec![(500, None)];
    let app = app(true).await;
    let (key, invitation) = crate::console::merchant_with_owner(&app, "hooks@acme.example").await;
    let (_, created) = subscribe(
        &app,
        &key,
        json!({"url": format!("{url}/hook"), "events": ["shipment.delivered"]}),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_owned();
    crate::notify::deliver_on_time(&app, &key, &shipment_body(&number("OT")), true).await;
    let notifier = &app.parts.notifier;
    let later = Utc::now() + chrono::Duration::hours(1);
    assert_eq!(notifier.deliver_once(later).await.unwrap().sent, 1);

    let path = format!("/api/v1/webhooks/{id}/deliveries");
    let (status, log) = app.get_json(&key, &path).await;
    assert_eq!(status, 200, "{log}");
    let attempts = log["deliveries"].as_array().unwrap();
    assert_eq!(attempts.len(), 2, "{log}");
    assert_eq!(attempts[0]["status"], 200, "newest first: {log}");
    assert_eq!(attempts[1]["status"], 500, "{log}");
    assert_eq!(attempts[0]["event"], "shipment.delivered");
    assert!(attempts[0]["response_ms"].as_u64().unwrap() < 10_000);
    let delivery = attempts[0]["delivery"].as_str().unwrap().to_owned();
    assert_eq!(
        attempts[1]["delivery"],
        delivery.as_str(),
        "one delivery, two tries"
    );

    // Replayed: the receiver gets it again under the same webhook-id.
    let replay = format!("/api/v1/webhooks/{id}/deliveries/{delivery}/replay");
    let resp = app
        .http
        .post(app.url(&replay))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 202);
    let again = app
        .http
        .post(app.url(&replay))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409, "already queued");
    assert_eq!(notifier.deliver_once(later).await.unwrap().sent, 1);
    let got = receiver.lock().unwrap().got.clone();
    assert_eq!(got.len(), 3);
    assert_eq!(got[2].id, got[1].id);
    let foreign = format!("/api/v1/webhooks/{id}/deliveries/ntf_nope/replay");
    let resp = app
        .http
        .post(app.url(&foreign))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);

    // Disabled: nothing is sent or replayed; enabled again: it is.
    let patch = |disabled: bool| {
        app.http
            .patch(app.url(&format!("/api/v1/webhooks/{id}")))
            .bearer_auth(&key)
            .json(&json!({ "disabled": disabled }))
            .send()
    };
    let off = patch(true).await.unwrap();
    assert_eq!(off.status(), 200);
    assert_eq!(off.json::<Value>().await.unwrap()["disabled"], true);
    let resp = app
        .http
        .post(app.url(&replay))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 409, "the endpoint is disabled");
    assert_eq!(patch(false).await.unwrap().status(), 200);
    let (_, audit) = app.get_json(&key, "/api/v1/audit").await;
    assert!(audit.to_string().contains("webhook.update"), "{audit}");

    // The console: the endpoint, its log, a replay, and a new endpoint's secret once.
    let b = crate::helpers::browser();
    crate::console::accept(&b, &invitation, "a long enough passphrase").await;
    let html = b
        .get(app.url("/console/webhooks"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!("{url}/hook")) && html.contains("shipment.delivered"));
    let token = crate::helpers::csrf(&html);
    let page = format!("/console/webhooks/{id}");
    let log = b
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        log.contains("500") && log.contains("200") && log.contains(" ms"),
        "{log}"
    );
    let resp = b
        .post(app.url(&format!("{page}/replay/{delivery}")))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    assert!(
        resp.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("notice=replayed")
    );
    let odd = b
        .post(app.url("/console/webhooks/wh_x%0D%0AX:%20y/replay/ntf_x"))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(odd.status(), 303);
    assert_eq!(odd.headers()["location"], "/console/webhooks");
    let made = b
        .post(app.url("/console/webhooks"))
        .form(&[
            ("csrf", token.as_str()),
            ("url", &format!("{url}/second")),
            ("events", "shipment.delay"),
            ("events", "shipment.delivered"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(made.contains("whsec_"), "the secret, shown once");
    let (_, list) = app.get_json(&key, "/api/v1/webhooks").await;
    assert_eq!(
        list["webhooks"][1]["events"],
        json!(["shipment.delay", "shipment.delivered"])
    );
    let again = b
        .get(app.url("/console/webhooks"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!again.contains("whsec_"));
    let bad = b
        .post(app.url("/console/webhooks"))
        .form(&[("csrf", token.as_str()), ("url", "ftp://x")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(bad.contains("url: must be an http or https URL"), "{bad}");
    let second = list["webhooks"][1]["id"].as_str().unwrap();
    let remove = format!("/console/webhooks/{second}/remove");
    let unconfirmed = b
        .post(app.url(&remove))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert!(
        unconfirmed.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("notice=confirm")
    );
    let removed = b
        .post(app.url(&remove))
        .form(&[("csrf", token.as_str()), ("confirm", "yes")])
        .send()
        .await
        .unwrap();
    assert!(
        removed.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("notice=webhook-removed")
    );
    let (_, list) = app.get_json(&key, "/api/v1/webhooks").await;
    assert_eq!(list["webhooks"].as_array().unwrap().len(), 1);
}
