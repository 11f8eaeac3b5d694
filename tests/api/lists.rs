//! The merchant's lists: filters by status, carrier, attention and creation day through
//! the API and the console, paging through a list, the CSV export, and the overview's
//! figures — each read from an index and checked against what the journeys did.

use std::collections::HashSet;
use std::time::Duration;

use chrono::Utc;
use serde_json::{Value, json};
use shipmate::domain::{Channel, Trigger};

use crate::console::{accept, merchant_with_owner};
use crate::helpers::{Options, TestApp, browser, number, shipment_body, spawn_app_with};

/// The ids a list answer holds.
fn ids(body: &Value) -> HashSet<String> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}

fn id(s: &Value) -> String {
    s["id"].as_str().unwrap().to_owned()
}

async fn list(app: &TestApp, key: &str, query: &str) -> Value {
    let (status, body) = app
        .get_json(key, &format!("/api/v1/shipments?{query}"))
        .await;
    assert_eq!(status, 200, "{query}: {body}");
    body
}

/// carrier-sim in real time (journeys move only when the test advances them).
async fn real_time_app() -> TestApp {
    let mut o = Options::default();
    o.sim.speed = 1.0;
    spawn_app_with(o).await
}

/// Polls everything due as if the clock read `days` days from now.
async fn poll_after(app: &TestApp, days: i64) {
    let at = Utc::now() + chrono::Duration::days(days);
    while app.poll_at(at).await.claimed > 0 {}
}

/// One shop's parcels stopped where a merchant would look at them: (key, delivered,
/// held by an exception, in transit past its promised date).
async fn shop(app: &TestApp) -> (String, [Value; 3]) {
    let (_, key) = app.create_merchant("Lists").await;
    let delivered = app.register(&key, &number("OT")).await;
    poll_after(app, 0).await;
    app.advance_sim(3400).await;
    poll_after(app, 1).await;
    let exception = app.register(&key, &number("EX")).await;
    let mut late = shipment_body(&number("OT"));
    let yesterday = Utc::now().date_naive().pred_opt().unwrap();
    late["order"]["promised_by"] = json!(yesterday.to_string());
    let late = app.register_with(&key, &late).await;
    poll_after(app, 1).await;
    app.advance_sim(1300).await;
    poll_after(app, 2).await;
    for (s, want) in [
        (&delivered, "delivered"),
        (&exception, "exception"),
        (&late, "in_transit"),
    ] {
        assert_eq!(app.shipment(&key, s).await["status"], want);
    }
    (key, [delivered, exception, late])
}

#[tokio::test]
async fn lists_filter_by_status_attention_carrier_and_day() {
    let app = real_time_app().await;
    let (key, [delivered, exception, late]) = shop(&app).await;

    let done = list(&app, &key, "status=delivered").await;
    assert_eq!(ids(&done), HashSet::from([id(&delivered)]));
    let moving = list(&app, &key, "status=in_transit").await;
    assert_eq!(ids(&moving), HashSet::from([id(&late)]));
    let pending = list(&app, &key, "status=pending").await;
    assert!(
        ids(&pending).is_empty(),
        "every parcel left `pending`: {pending}"
    );

    let watch = list(&app, &key, "attention=true").await;
    assert_eq!(
        ids(&watch),
        HashSet::from([id(&exception), id(&late)]),
        "{watch}"
    );
    let why: HashSet<&str> = watch["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["attention"].as_str().unwrap())
        .collect();
    assert_eq!(why, HashSet::from(["exception", "late"]));
    let all = list(&app, &key, "carrier=sandbox").await;
    assert_eq!(
        ids(&all),
        HashSet::from([id(&delivered), id(&exception), id(&late)])
    );
    assert!(ids(&list(&app, &key, "carrier=ups").await).is_empty());

    let today = Utc::now().date_naive();
    let tomorrow = today.succ_opt().unwrap();
    let yesterday = today.pred_opt().unwrap();
    let days = format!("created_from={yesterday}&created_to={tomorrow}");
    assert_eq!(ids(&list(&app, &key, &days).await).len(), 3);
    let later = list(&app, &key, &format!("created_from={tomorrow}")).await;
    assert!(ids(&later).is_empty());
    let earlier = list(&app, &key, &format!("created_to={yesterday}")).await;
    assert!(ids(&earlier).is_empty());
    let both = list(&app, &key, &format!("status=exception&{days}")).await;
    assert_eq!(ids(&both), HashSet::from([id(&exception)]));

    for (query, field) in [
        ("carrier=nope", "carrier"),
        ("status=lost", "status"),
        ("attention=maybe", "attention"),
        ("created_from=last+week", "created_from"),
        (
            &*format!("created_from={tomorrow}&created_to={yesterday}"),
            "created_to",
        ),
    ] {
        let (status, body) = app
            .get_json(&key, &format!("/api/v1/shipments?{query}"))
            .await;
        assert_eq!(status, 422, "{query}: {body}");
        assert!(body.to_string().contains(field), "{query}: {body}");
    }

    // Another shop sees none of these.
    let (_, other) = app.create_merchant("Other").await;
    assert!(ids(&list(&app, &other, "attention=true").await).is_empty());
}

#[tokio::test]
async fn paging_a_status_list_shows_each_parcel_once() {
    let app = real_time_app().await;
    let (_, key) = app.create_merchant("Pages").await;
    let mut made = HashSet::new();
    // Registered concurrently, so several share a creation millisecond.
    let bodies: Vec<Value> = (0..12).map(|_| shipment_body(&number("EX"))).collect();
    let all = futures_util::future::join_all(bodies.iter().map(|b| app.register_with(&key, b)));
    for s in all.await {
        made.insert(id(&s));
    }
    poll_after(&app, 0).await;
    app.advance_sim(1300).await;
    poll_after(&app, 1).await;
    for query in ["status=exception", "attention=true", ""] {
        let (mut seen, mut cursor) = (HashSet::new(), None::<String>);
        loop {
            let mut q = format!("limit=5&{query}");
            if let Some(c) = &cursor {
                q.push_str(&format!("&cursor={c}"));
            }
            let page = list(&app, &key, &q).await;
            for i in ids(&page) {
                assert!(seen.insert(i), "{query}: shown twice");
            }
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        assert_eq!(seen, made, "{query}");
    }
}

#[tokio::test]
async fn the_csv_export_is_the_filter_and_safe_in_a_spreadsheet() {
    let app = real_time_app().await;
    let (key, [delivered, ..]) = shop(&app).await;
    let mut body = shipment_body(&number("OT"));
    body["order"]["number"] = json!("=HYPERLINK(\"http://evil.example\")");
    let formula = app.register_with(&key, &body).await;

    let resp = app
        .http
        .get(app.url("/api/v1/shipments.csv?status=delivered"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = resp.text().await.unwrap();
    let rows: Vec<&str> = csv.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert!(
        rows[0].starts_with("id,carrier,tracking_number,status"),
        "{csv}"
    );
    assert_eq!(
        rows.len(),
        2,
        "the header and the one delivered parcel: {csv}"
    );
    assert!(rows[1].starts_with(&id(&delivered)));
    assert!(
        !csv.contains("ana@example.com"),
        "no personal data in the export"
    );

    let all = app
        .http
        .get(app.url("/api/v1/shipments.csv"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let row = all.lines().find(|l| l.starts_with(&id(&formula))).unwrap();
    assert!(
        row.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
        "{row}"
    );
    assert_eq!(all.lines().count(), 5, "the header and four parcels: {all}");
}

/// carrier-sim in real time, messages to the outbox, every trigger on.
async fn notifying_app() -> TestApp {
    let mut o = Options::default();
    o.sim.speed = 1.0;
    o.configure = Box::new(|c| {
        c.notifier.channels = vec![Channel::Outbox];
        c.notifier.triggers = Trigger::ALL.to_vec();
        c.notifier.reclaim_after = Duration::ZERO;
    });
    spawn_app_with(o).await
}

#[tokio::test]
async fn the_overview_counts_what_happened() {
    let app = notifying_app().await;
    let (key, invitation) = merchant_with_owner(&app, "owner@lists.example").await;
    let (parcel, sent) =
        crate::notify::deliver_on_time(&app, &key, &shipment_body(&number("OT")), true).await;
    assert!(sent > 0);
    let stuck = app.register(&key, &number("EX")).await;
    poll_after(&app, 4).await;
    app.advance_sim(1300).await;
    poll_after(&app, 5).await;

    let (status, o) = app.get_json(&key, "/api/v1/overview").await;
    assert_eq!(status, 200, "{o}");
    assert_eq!(o["by_status"]["delivered"], 1, "{o}");
    assert_eq!(o["by_status"]["exception"], 1, "{o}");
    assert_eq!(
        o["by_status"]["pending"], 0,
        "a parcel leaves the list it moved out of"
    );
    assert_eq!(o["attention"], 1);
    assert_eq!(o["watchlist"][0]["id"], stuck["id"]);
    assert_eq!(o["watchlist"][0]["attention"], "exception");
    assert_eq!(o["sent_today"]["outbox"], sent as u64, "{o}");
    assert_eq!(o["feedback_week"]["answers"], 0);

    // The console's first page shows the same.
    let b = browser();
    assert_eq!(
        accept(&b, &invitation, "a long enough passphrase")
            .await
            .status(),
        303
    );
    let html = b
        .get(app.url("/console"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for expected in [
        "Parcels by status",
        "/console/shipments?status=delivered",
        "/console/shipments?attention=true",
        stuck["tracking_number"].as_str().unwrap(),
        "Messages sent today",
    ] {
        assert!(html.contains(expected), "overview lacks {expected:?}");
    }
    let filtered = b
        .get(app.url("/console/shipments?attention=true&carrier=sandbox"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(filtered.contains(stuck["tracking_number"].as_str().unwrap()));
    let bad = b
        .get(app.url("/console/shipments?from=someday"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 200);
    let html = bad.text().await.unwrap();
    assert!(html.contains("Not filtered: check") && html.contains("created_from"));
    let csv = b
        .get(app.url("/console/shipments.csv?status=exception"))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    let csv = csv.text().await.unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");

    // The delivered parcel's page: its QR code, its insert, and each message's text.
    let page = format!("/console/shipments/{}", id(&parcel));
    let html = b
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let qr = b
        .get(app.url(&format!("{page}/qr.svg")))
        .send()
        .await
        .unwrap();
    assert_eq!(qr.status(), 200);
    assert_eq!(qr.headers()["content-type"], "image/svg+xml");
    let insert = b
        .get(app.url(&format!("{page}/insert")))
        .send()
        .await
        .unwrap();
    assert_eq!(insert.status(), 200);
    assert!(insert.text().await.unwrap().contains("<svg"));
    let links: Vec<&str> = html
        .split("href=\"/console/messages/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(links.len() >= sent, "a link per message: {html}");
    let message = b
        .get(app.url(&format!("/console/messages/{}", links[0])))
        .send()
        .await
        .unwrap();
    assert_eq!(message.status(), 200);
    let text = message.text().await.unwrap();
    assert!(
        text.contains("What it says") && text.contains("1001"),
        "{text}"
    );
    let other = b
        .get(app.url("/console/messages/ntf_nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 404);
}

#[tokio::test]
async fn reindexing_puts_every_parcel_back_in_its_lists() {
    let app = real_time_app().await;
    let cfg = &app.parts.config;
    if !matches!(cfg.redis.mode, shipmate::config::RedisMode::Single) {
        println!(
            "SKIPPED reindexing test: it edits keys with a plain connection (single Redis only)"
        );
        return;
    }
    let (key, [delivered, exception, late]) = shop(&app).await;
    let (_, me) = app.get_json(&key, "/api/v1/merchant").await;
    let merchant = shipmate::domain::MerchantId::parse(me["id"].as_str().unwrap()).unwrap();
    // As a version before the lists left them: no status, attention or search entries.
    let keys = app.parts.store.keys();
    let mut gone: Vec<String> = shipmate::domain::Status::ALL
        .iter()
        .map(|s| keys.status_list(&merchant, *s))
        .collect();
    gone.push(keys.attention_list(&merchant));
    gone.extend(keys.search_buckets(&merchant));
    let client = redis::Client::open(cfg.redis.url.as_str()).unwrap();
    let mut conn = client.get_multiplexed_async_connection().await.unwrap();
    let () = redis::cmd("DEL")
        .arg(&gone)
        .query_async(&mut conn)
        .await
        .unwrap();
    assert!(ids(&list(&app, &key, "attention=true").await).is_empty());
    // Its search index as one hash, the delivered parcel's tracking number in it.
    let number = delivered["tracking_number"].as_str().unwrap();
    let field = shipmate::domain::search_key(shipmate::domain::SearchKind::TrackingNumber, number);
    let parcel = shipmate::domain::ShipmentId::parse(&id(&delivered)).unwrap();
    let () = redis::cmd("HSET")
        .arg(keys.search_unbucketed(&merchant))
        .arg(field)
        .arg(&parcel.to_bytes()[..])
        .query_async(&mut conn)
        .await
        .unwrap();
    let found = list(&app, &key, &format!("q={number}")).await;
    assert_eq!(
        ids(&found),
        HashSet::from([id(&delivered)]),
        "the old layout is read"
    );

    let walked = app
        .parts
        .shipments
        .reindex(&merchant, Utc::now())
        .await
        .unwrap();
    assert_eq!(walked, 3);
    let watch = list(&app, &key, "attention=true").await;
    assert_eq!(ids(&watch), HashSet::from([id(&exception), id(&late)]));
    let done = list(&app, &key, "status=delivered").await;
    assert_eq!(ids(&done), HashSet::from([id(&delivered)]));
    let found = list(&app, &key, &format!("q={number}")).await;
    assert_eq!(ids(&found), HashSet::from([id(&delivered)]));
    let old: bool = redis::cmd("EXISTS")
        .arg(keys.search_unbucketed(&merchant))
        .query_async(&mut conn)
        .await
        .unwrap();
    assert!(!old, "the one-hash index is gone once moved");
}

#[tokio::test]
async fn feedback_filters_by_carrier_and_punctuality_in_the_api_and_the_console() {
    let app = real_time_app().await;
    let (key, invitation) = merchant_with_owner(&app, "fb@lists.example").await;
    let on_time = app.register(&key, &number("OT")).await;
    let mut late = shipment_body(&number("OT"));
    let yesterday = Utc::now().date_naive().pred_opt().unwrap();
    late["order"]["promised_by"] = json!(yesterday.to_string());
    let late = app.register_with(&key, &late).await;
    poll_after(&app, 0).await;
    app.advance_sim(3400).await;
    poll_after(&app, 1).await;
    for (s, comment) in [(&on_time, "Right on time"), (&late, "Took ages")] {
        assert_eq!(app.shipment(&key, s).await["status"], "delivered");
        let sent = crate::feedback::send_form(s, &[("rating", "4"), ("comment", comment)]).await;
        assert_eq!(sent.status(), 200);
    }
    let comments = |body: &Value| -> Vec<String> {
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["comment"].as_str().unwrap().to_owned())
            .collect()
    };
    let get = |q: &'static str| app.get_json(&key, q);
    assert_eq!(
        comments(&get("/api/v1/feedback?delivery=late").await.1),
        ["Took ages"]
    );
    assert_eq!(
        comments(&get("/api/v1/feedback?delivery=on_time").await.1),
        ["Right on time"]
    );
    assert_eq!(
        comments(&get("/api/v1/feedback?carrier=sandbox").await.1).len(),
        2
    );
    assert!(comments(&get("/api/v1/feedback?carrier=ups").await.1).is_empty());
    assert_eq!(
        comments(
            &get("/api/v1/feedback?carrier=sandbox&delivery=on_time&limit=1")
                .await
                .1
        ),
        ["Right on time"],
        "the page fills past the newer answer that does not match"
    );
    let (status, bad) = get("/api/v1/feedback?carrier=nope&delivery=soon&source=fax").await;
    assert_eq!(status, 422);
    for field in ["carrier", "delivery", "source"] {
        assert!(bad.to_string().contains(field), "{bad}");
    }
    let resp = app
        .http
        .get(app.url("/api/v1/feedback.csv?delivery=on_time"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    let csv = resp.text().await.unwrap();
    assert!(
        csv.contains("Right on time") && !csv.contains("Took ages"),
        "{csv}"
    );

    let b = browser();
    accept(&b, &invitation, "a long enough passphrase").await;
    let html = b
        .get(app.url("/console/feedback?delivery=late&carrier=sandbox"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Took ages") && !html.contains("Right on time"));
}
