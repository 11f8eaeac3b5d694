//! Secrets and data: API keys made, listed without secrets, revoked at once on every replica
//! and rotated by the operator; the audit log of configuration changes (never a secret);
//! webhook signing secrets sealed at rest.

use std::net::TcpListener;
use std::process::Command;

use base64::Engine;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use shipmate::domain::{MerchantId, WebhookId};
use shipmate::roles::{self, Parts, Role};
use tokio_util::sync::CancellationToken;

use crate::fake_carriers::{self, CLIENT_ID, CLIENT_SECRET};
use crate::helpers::{Options, TestApp, number, shipment_body, spawn_app, spawn_app_with};
use crate::webhooks::{start_receiver, verify};

/// Another web process on the same Redis and configuration (another replica).
struct Replica {
    addr: String,
    cancel: CancellationToken,
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

async fn replica(app: &TestApp) -> Replica {
    let parts = Parts::build(app.parts.config.clone()).await.unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    let cancel = CancellationToken::new();
    let c = cancel.clone();
    tokio::spawn(async move { roles::run(parts, &[Role::Web], Some(listener), c).await });
    Replica { addr, cancel }
}

/// `GET {base}{path}` with a key: the status.
async fn status_at(app: &TestApp, base: &str, key: &str, path: &str) -> u16 {
    app.http
        .get(format!("{base}{path}"))
        .bearer_auth(key)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn send(
    app: &TestApp,
    method: &str,
    key: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut req = app.http.request(method, app.url(path)).bearer_auth(key);
    if let Some(body) = body {
        req = req.json(&body);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let ctype = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let mut body = resp.json().await.unwrap_or(Value::Null);
    if status >= 400 {
        body["content_type"] = ctype.into();
    }
    (status, body)
}

async fn new_key(app: &TestApp, key: &str) -> Value {
    let (status, created) = send(app, "POST", key, "/api/v1/api-keys", None).await;
    assert_eq!(status, 201, "{created}");
    created
}

fn sha256_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The id the API gives the merchant's only key.
async fn only_key_id(app: &TestApp, key: &str) -> String {
    let (_, list) = app.get_json(key, "/api/v1/api-keys").await;
    assert_eq!(list["api_keys"].as_array().unwrap().len(), 1, "{list}");
    list["api_keys"][0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn api_keys_are_shown_once_listed_without_secrets_and_at_most_two_are_active() {
    let app = spawn_app().await;
    let (_, first) = app.create_merchant("Acme").await;
    let first_id = only_key_id(&app, &first).await;
    assert!(first_id.starts_with("key_"), "{first_id}");

    let second = new_key(&app, &first).await;
    let second_key = second["api_key"].as_str().unwrap().to_owned();
    assert!(second_key.starts_with("sk_"));
    assert_eq!(
        second["hint"],
        format!("…{}", &second_key[second_key.len() - 4..])
    );
    assert!(second["created_at"].is_string());
    assert_eq!(app.get_json(&second_key, "/api/v1/shipments").await.0, 200);

    let (status, list) = app.get_json(&second_key, "/api/v1/api-keys").await;
    assert_eq!(status, 200);
    let keys = list["api_keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2, "{list}");
    assert_eq!(keys[0]["id"], first_id.as_str());
    assert_eq!(keys[1]["id"], second["id"]);
    assert!(
        keys[0]["last_used_at"].is_string(),
        "the first key was used: {list}"
    );
    let text = list.to_string();
    for secret in [&first, &second_key] {
        assert!(!text.contains(secret.as_str()), "never a key: {text}");
        assert!(!text.contains(&sha256_hex(secret)), "never a hash: {text}");
        assert!(
            !text.contains(&sha256_hex(secret)[..16]),
            "nor a part of one: {text}"
        );
    }

    let (status, problem) = send(&app, "POST", &first, "/api/v1/api-keys", None).await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["content_type"], "application/problem+json");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("revoke one first"),
        "{problem}"
    );
    let (_, list) = app.get_json(&first, "/api/v1/api-keys").await;
    assert_eq!(
        list["api_keys"].as_array().unwrap().len(),
        2,
        "no third key"
    );
}

#[tokio::test]
async fn attack_revoked_key_is_refused() {
    let app = spawn_app().await;
    let other = replica(&app).await;
    let (_, first) = app.create_merchant("Acme").await;
    let leaked = new_key(&app, &first).await;
    let leaked_key = leaked["api_key"].as_str().unwrap().to_owned();
    let path = "/api/v1/shipments";
    for base in [&app.addr, &other.addr] {
        assert_eq!(status_at(&app, base, &leaked_key, path).await, 200);
    }

    let revoke = format!("/api/v1/api-keys/{}", leaked["id"].as_str().unwrap());
    let (status, _) = send(&app, "DELETE", &first, &revoke, None).await;
    assert_eq!(status, 204);
    for base in [&app.addr, &other.addr] {
        assert_eq!(
            status_at(&app, base, &leaked_key, path).await,
            401,
            "refused at once on {base}"
        );
        assert_eq!(status_at(&app, base, &first, path).await, 200);
    }
    let (status, _) = send(&app, "DELETE", &first, &revoke, None).await;
    assert_eq!(status, 404, "gone");
    let (_, list) = app.get_json(&first, "/api/v1/api-keys").await;
    assert_eq!(list["api_keys"].as_array().unwrap().len(), 1);

    // A key may revoke itself when another remains; never the last one.
    let next = new_key(&app, &first).await;
    let next_key = next["api_key"].as_str().unwrap().to_owned();
    let first_id = list["api_keys"][0]["id"].as_str().unwrap().to_owned();
    let (status, _) = send(
        &app,
        "DELETE",
        &first,
        &format!("/api/v1/api-keys/{first_id}"),
        None,
    )
    .await;
    assert_eq!(status, 204);
    for base in [&app.addr, &other.addr] {
        assert_eq!(status_at(&app, base, &first, path).await, 401);
        assert_eq!(status_at(&app, base, &next_key, path).await, 200);
    }
    let last = format!("/api/v1/api-keys/{}", next["id"].as_str().unwrap());
    let (status, problem) = send(&app, "DELETE", &next_key, &last, None).await;
    assert_eq!(status, 409, "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains("last"),
        "{problem}"
    );
    assert_eq!(status_at(&app, &other.addr, &next_key, path).await, 200);

    // Another merchant's key cannot be revoked, and looks like no key at all.
    let (_, stranger) = app.create_merchant("Other").await;
    let (status, _) = send(&app, "DELETE", &stranger, &last, None).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_audit_log_records_changes_by_key_without_secrets() {
    let fake = fake_carriers::start().await;
    let app = crate::accounts::app(&fake).await;
    let (_, key) = app.create_merchant("Acme").await;
    let key_id = only_key_id(&app, &key).await;
    let creds = json!({"credentials": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}, "requests_per_second": 2.0});
    let (status, _) = send(&app, "PUT", &key, "/api/v1/carriers/ups", Some(creds)).await;
    assert_eq!(status, 200);

    let (status, log) = app.get_json(&key, "/api/v1/audit").await;
    assert_eq!(status, 200, "{log}");
    let entry = &log["items"][0];
    assert_eq!(entry["action"], "carrier_account.put", "{log}");
    assert_eq!(entry["target"], "ups");
    assert_eq!(entry["key_id"], key_id.as_str());
    assert!(entry["at"].is_string());
    assert_eq!(entry["changes"]["credentials.client_secret"], "(set)");
    assert_eq!(entry["changes"]["requests_per_second"], 2.0);
    assert!(
        !log.to_string().contains(CLIENT_SECRET),
        "never the secret: {log}"
    );

    let settings = json!({"daily_cap": 5});
    let (status, _) = send(
        &app,
        "PUT",
        &key,
        "/api/v1/notification-settings",
        Some(settings),
    )
    .await;
    assert_eq!(status, 200);
    let hook =
        json!({"url": "https://hooks.example.com/T0/B0/tok3n", "events": ["shipment.delivered"]});
    let (status, created) = send(&app, "POST", &key, "/api/v1/webhooks", Some(hook)).await;
    assert_eq!(status, 201, "{created}");
    let webhook_secret = created["secret"].as_str().unwrap().to_owned();
    let wh = format!("/api/v1/webhooks/{}", created["id"].as_str().unwrap());
    assert_eq!(send(&app, "DELETE", &key, &wh, None).await.0, 204);
    let made = new_key(&app, &key).await;
    let made_key = made["api_key"].as_str().unwrap().to_owned();
    let revoke = format!("/api/v1/api-keys/{key_id}");
    assert_eq!(send(&app, "DELETE", &made_key, &revoke, None).await.0, 204);
    assert_eq!(
        send(&app, "DELETE", &made_key, "/api/v1/carriers/ups", None)
            .await
            .0,
        204
    );

    let (_, page) = app.get_json(&made_key, "/api/v1/audit?limit=4").await;
    let (_, rest) = app
        .get_json(
            &made_key,
            &format!(
                "/api/v1/audit?limit=4&cursor={}",
                page["next_cursor"].as_str().unwrap()
            ),
        )
        .await;
    assert_eq!(rest["next_cursor"], Value::Null, "{rest}");
    let all: Vec<&Value> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(rest["items"].as_array().unwrap())
        .collect();
    let actions: Vec<&str> = all.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions,
        [
            "carrier_account.delete",
            "api_key.revoke",
            "api_key.create",
            "webhook.delete",
            "webhook.create",
            "notification_settings.put",
            "carrier_account.put",
        ],
        "newest first, each once"
    );
    let by: Vec<&str> = all.iter().map(|e| e["key_id"].as_str().unwrap()).collect();
    assert_eq!(
        by[0],
        made["id"].as_str().unwrap(),
        "the key that made the change"
    );
    assert_eq!(by[1], made["id"].as_str().unwrap());
    assert!(by[2..].iter().all(|k| *k == key_id));
    assert_eq!(all[1]["target"], key_id.as_str());
    assert_eq!(all[2]["target"], made["id"]);
    assert_eq!(
        all[4]["changes"]["url_origin"], "https://hooks.example.com",
        "{:?}",
        all[4]
    );
    assert_eq!(all[5]["changes"], json!({"daily_cap": 5}));
    let text = format!("{page}{rest}");
    for secret in [CLIENT_SECRET, &webhook_secret, &made_key, &key, "tok3n"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }

    for bad in ["limit=0", "limit=201", "cursor=nope"] {
        let (status, _) = app
            .get_json(&made_key, &format!("/api/v1/audit?{bad}"))
            .await;
        assert_eq!(status, 422, "{bad}");
    }
    let (_, stranger) = app.create_merchant("Other").await;
    let (_, theirs) = app.get_json(&stranger, "/api/v1/audit").await;
    assert_eq!(theirs["items"], json!([]), "each merchant sees its own log");
}

fn credential_key() -> String {
    let key = base64::engine::general_purpose::STANDARD.encode(shipmate::entropy::bytes::<32>());
    format!("k1:{key}")
}

/// An app that sends webhooks to loopback, with `keys` as its credential keys, on `prefix`
/// (a fresh one when none).
async fn webhook_app(keys: String, prefix: Option<String>) -> TestApp {
    let mut o = Options::default();
    o.sim.speed = 1.0;
    o.configure = Box::new(move |c| {
        c.notifier.channels = vec![shipmate::domain::Channel::Outbox];
        c.notifier.webhooks_allow_private = true;
        c.notifier.reclaim_after = std::time::Duration::ZERO;
        c.security.credential_keys = keys.into();
        if let Some(p) = prefix {
            c.redis.prefix = p;
        }
    });
    spawn_app_with(o).await
}

async fn stored_endpoint(app: &TestApp, merchant: &str, id: &str) -> String {
    let key = app
        .parts
        .store
        .keys()
        .webhooks(&MerchantId::parse(merchant).unwrap());
    redis::cmd("HGET")
        .arg(key)
        .arg(WebhookId::parse(id).unwrap().as_str())
        .query_async(&mut app.parts.store.connection())
        .await
        .unwrap()
}

#[tokio::test]
async fn webhook_secrets_are_sealed_at_rest_and_clear_ones_from_before_still_sign() {
    let (url, receiver) = start_receiver();
    // Before the operator configured credential keys: the secret is stored in clear.
    let before = webhook_app(String::new(), None).await;
    let (merchant, key) = before.create_merchant("Acme").await;
    let (status, old) = send(
        &before,
        "POST",
        &key,
        "/api/v1/webhooks",
        Some(json!({"url": format!("{url}/old")})),
    )
    .await;
    assert_eq!(status, 201, "{old}");
    let old_secret = old["secret"].as_str().unwrap().to_owned();
    let raw = stored_endpoint(&before, &merchant, old["id"].as_str().unwrap()).await;
    assert!(raw.contains(&old_secret), "stored as before: {raw}");

    // The same data, now with credential keys: new secrets are sealed.
    let app = webhook_app(
        credential_key(),
        Some(before.parts.config.redis.prefix.clone()),
    )
    .await;
    let (status, new) = send(
        &app,
        "POST",
        &key,
        "/api/v1/webhooks",
        Some(json!({"url": format!("{url}/new")})),
    )
    .await;
    assert_eq!(status, 201, "{new}");
    let new_secret = new["secret"].as_str().unwrap().to_owned();
    let raw = stored_endpoint(&app, &merchant, new["id"].as_str().unwrap()).await;
    let key_part = new_secret.trim_start_matches("whsec_");
    assert!(!raw.contains(key_part), "sealed at rest: {raw}");
    assert!(raw.contains("ciphertext"), "{raw}");
    let (_, list) = app.get_json(&key, "/api/v1/webhooks").await;
    assert_eq!(list["webhooks"].as_array().unwrap().len(), 2);
    assert!(!list.to_string().contains(key_part));

    crate::notify::deliver_on_time(&app, &key, &shipment_body(&number("OT")), true).await;
    let got = receiver.lock().unwrap().got.clone();
    let to = |path: &str| got.iter().filter(|r| r.path == path).count();
    assert!(
        to("/old") > 0 && to("/old") == to("/new"),
        "every event to both: {got:?}"
    );
    for (path, secret) in [("/old", &old_secret), ("/new", &new_secret)] {
        for r in got.iter().filter(|r| r.path == path) {
            assert!(
                verify(secret, &r.id, r.timestamp, &r.body, &r.signature),
                "{path}: {r:?}"
            );
        }
    }
}

/// Removes a merchant's key entries, as data from before key management looks.
async fn forget_key_entries(app: &TestApp, merchant: &str) {
    let key = app
        .parts
        .store
        .keys()
        .api_keys(&MerchantId::parse(merchant).unwrap());
    let _: i64 = redis::cmd("DEL")
        .arg(key)
        .query_async(&mut app.parts.store.connection())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_key_from_before_key_management_works_is_listed_and_the_operator_rotates_it_away() {
    let app = spawn_app().await;
    let (merchant, old_key) = app.create_merchant("Acme").await;
    forget_key_entries(&app, &merchant).await;

    assert_eq!(
        app.get_json(&old_key, "/api/v1/shipments").await.0,
        200,
        "still works"
    );
    let (_, list) = app.get_json(&old_key, "/api/v1/api-keys").await;
    let listed = &list["api_keys"][0];
    assert!(listed["id"].as_str().unwrap().starts_with("key_"), "{list}");
    assert_eq!(
        listed["hint"],
        format!("…{}", &old_key[old_key.len() - 4..])
    );
    assert!(listed["created_at"].is_string() && listed["last_used_at"].is_string());
    let made = new_key(&app, &old_key).await;
    assert_eq!(
        app.get_json(&old_key, "/api/v1/api-keys").await.1["api_keys"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "the old key counts as active"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_shipmate"))
        .args(["merchant", "rotate-key", "--merchant", &merchant])
        .envs(crate::helpers::redis_env(&app.parts.config))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rotated = stdout
        .split_whitespace()
        .find(|w| w.starts_with("sk_"))
        .unwrap()
        .to_owned();
    assert!(stdout.contains("revoked: 2 "), "{stdout}");
    let other = replica(&app).await;
    for base in [&app.addr, &other.addr] {
        for gone in [&old_key, made["api_key"].as_str().unwrap()] {
            assert_eq!(status_at(&app, base, gone, "/api/v1/shipments").await, 401);
        }
        assert_eq!(
            status_at(&app, base, &rotated, "/api/v1/shipments").await,
            200
        );
    }
    let (_, log) = app.get_json(&rotated, "/api/v1/audit").await;
    let operator: Vec<&Value> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["key_id"].is_null())
        .collect();
    assert_eq!(
        operator.len(),
        3,
        "one new key, two revoked, by the operator: {log}"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_shipmate"))
        .args([
            "merchant",
            "rotate-key",
            "--merchant",
            "mer_0000000000000000",
        ])
        .envs(crate::helpers::redis_env(&app.parts.config))
        .output()
        .unwrap();
    assert!(!out.status.success(), "an unknown merchant is an error");
}

#[tokio::test]
async fn a_never_used_key_from_before_is_refused_once_the_operator_rotated() {
    let app = spawn_app().await;
    let (merchant, old_key) = app.create_merchant("Acme").await;
    forget_key_entries(&app, &merchant).await;
    let out = Command::new(env!("CARGO_BIN_EXE_shipmate"))
        .args(["merchant", "rotate-key", "--merchant", &merchant])
        .envs(crate::helpers::redis_env(&app.parts.config))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(app.get_json(&old_key, "/api/v1/shipments").await.0, 401);
    assert_eq!(
        app.get_json(&old_key, "/api/v1/shipments").await.0,
        401,
        "and stays refused"
    );
}
