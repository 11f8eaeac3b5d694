//! Analytics: carrier-sim parcels delivered (one late), their pages viewed and messages
//! sent, then every report read as JSON and CSV with its definitions; bad filters refused.

use chrono::{Datelike, Duration, Utc};
use serde_json::{Value, json};

use crate::helpers::{Options, TestApp, number, shipment_body, spawn_app_with};
use crate::notify::deliver_on_time;
use shipmate::domain::Channel;

async fn app() -> TestApp {
    let mut o = Options::default();
    o.sim.speed = 1.0;
    o.configure = Box::new(|c| {
        c.notifier.channels = vec![Channel::Outbox];
        c.http.page_views_flush = std::time::Duration::ZERO;
        c.http.page_cache_ttl = std::time::Duration::ZERO;
    });
    spawn_app_with(o).await
}

/// The column `name` of the row keyed `key`.
fn cell<'a>(report: &'a Value, key: &str, name: &str) -> &'a Value {
    let columns = report["columns"].as_array().unwrap();
    let i = columns
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("{name}: {report}"));
    let row = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0] == key)
        .unwrap_or_else(|| panic!("row {key}: {report}"));
    &row[i]
}

#[tokio::test]
async fn delivered_parcels_views_and_messages_add_up_in_every_report() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let today = Utc::now().date_naive();
    let mut late = shipment_body(&number("OT"));
    late["order"]["number"] = json!("3001");
    late["order"]["promised_by"] = json!((today - Duration::days(5)).to_string());
    let (late, _) = deliver_on_time(&app, &key, &late, true).await;
    let mut on_time = shipment_body(&number("OT"));
    on_time["order"]["number"] = json!("3002");
    let (on_time, _) = deliver_on_time(&app, &key, &on_time, true).await;
    for s in [&late, &on_time, &on_time] {
        let url = s["tracking_url"].as_str().unwrap();
        assert_eq!(app.page(&url[url.find("/t/").unwrap()..]).await.0, 200);
    }

    let range = format!("from={}&to={}", today, today + Duration::days(10));
    let get = |report: &str| {
        let sep = if report.contains('?') { '&' } else { '?' };
        let path = format!("/api/v1/analytics/{report}{sep}{range}");
        let app = &app;
        let key = key.clone();
        async move {
            let (status, body) = app.get_json(&key, &path).await;
            assert_eq!(status, 200, "{path}: {body}");
            body
        }
    };
    let delivery = get("delivery").await;
    assert_eq!(cell(&delivery, "sandbox", "delivered"), 2, "{delivery}");
    assert_eq!(cell(&delivery, "sandbox", "promised"), 2);
    assert_eq!(
        cell(&delivery, "sandbox", "on_time_rate"),
        0.5,
        "one of two late"
    );
    assert_eq!(cell(&delivery, "sandbox", "first_attempt_rate"), 1.0);
    assert!(
        cell(&delivery, "total", "transit_p50_days")
            .as_f64()
            .is_some()
    );
    assert!(
        delivery["definitions"]["on_time_rate"]
            .as_str()
            .unwrap()
            .contains("promised")
    );

    let lanes = get("delivery?by=lane").await;
    assert_eq!(cell(&lanes, "BR-01", "delivered"), 2, "{lanes}");

    let statuses = get("statuses").await;
    assert_eq!(cell(&statuses, "total", "delivered"), 2, "{statuses}");
    assert_eq!(cell(&statuses, "total", "out_for_delivery"), 2);

    let pages = get("pages").await;
    assert_eq!(cell(&pages, "total", "views"), 3, "{pages}");
    assert_eq!(cell(&pages, &today.to_string(), "parcels_viewed"), 2);

    let messages = get("messages").await;
    let (_, records) = app
        .get_json(&key, "/api/v1/notifications?status=sent&limit=100")
        .await;
    let records = records["notifications"].as_array().unwrap().len();
    assert!(records >= 6, "three messages a parcel at least");
    assert_eq!(cell(&messages, "outbox", "sent"), records, "{messages}");
    assert_eq!(cell(&messages, "outbox", "failed"), 0);

    for report in ["exceptions", "estimates"] {
        let r = get(report).await;
        assert_eq!(r["report"], report);
        assert!(!r["definitions"].as_object().unwrap().is_empty());
    }

    let csv = app
        .http
        .get(app.url(&format!("/api/v1/analytics/delivery.csv?{range}")))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = csv.text().await.unwrap();
    assert!(
        text.starts_with("carrier,delivered,promised,on_time_rate"),
        "{text}"
    );
    assert!(text.contains("\r\nsandbox,2,2,0.5,1.0,"), "{text}");

    let ups = get("delivery?carrier=ups").await;
    assert_eq!(
        cell(&ups, "ups", "delivered"),
        0,
        "another carrier's parcels: none"
    );
}

#[tokio::test]
async fn bad_filters_are_refused_with_their_field() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    for (path, field) in [
        (
            "/api/v1/analytics/delivery?from=2026-12-10&to=2026-12-01",
            "from",
        ),
        (
            "/api/v1/analytics/delivery?from=2025-01-01&to=2026-12-01",
            "from",
        ),
        ("/api/v1/analytics/delivery?to=yesterday", "to"),
        ("/api/v1/analytics/delivery?by=week", "by"),
        ("/api/v1/analytics/delivery?carrier=ups%20x", "carrier"),
    ] {
        let (status, body) = app.get_json(&key, path).await;
        assert_eq!(status, 422, "{path}: {body}");
        assert!(body.to_string().contains(field), "{path}: {body}");
    }
    assert_eq!(app.get_json(&key, "/api/v1/analytics/nothing").await.0, 404);
    for report in [
        "statuses",
        "delivery",
        "exceptions",
        "estimates",
        "messages",
        "pages",
    ] {
        let (status, empty) = app
            .get_json(&key, &format!("/api/v1/analytics/{report}"))
            .await;
        assert_eq!(status, 200, "a shop with no parcels yet: {empty}");
        assert_eq!(
            empty["rows"].as_array().unwrap().last().unwrap()[0],
            "total"
        );
    }
    let anonymous = app
        .http
        .get(app.url("/api/v1/analytics/delivery"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}

/// Counters of ended months are read once and kept (they never change), the current
/// month's every time: a year by lane adds both.
#[tokio::test]
async fn a_year_long_report_keeps_ended_months_and_reads_the_current_one() {
    let app = app().await;
    let (merchant, key) = app.create_merchant("Year Co").await;
    let m = shipmate::domain::MerchantId::parse(&merchant).unwrap();
    let dims = shipmate::domain::analytics::Dims {
        carrier: "ups".into(),
        lane: "BR-01".into(),
    };
    let now = chrono::Utc::now();
    let delivered = [("dl".to_owned(), 1)];
    let store = &app.parts.store;
    let before = now - chrono::Duration::days(70);
    store.count(&m, &dims, before, &delivered).await.unwrap();
    let from = (now - chrono::Duration::days(300))
        .date_naive()
        .with_day(1)
        .unwrap();
    let (status, first) = app
        .get_json(
            &key,
            &format!("/api/v1/analytics/delivery?by=lane&from={from}"),
        )
        .await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(cell(&first, "BR-01", "delivered"), 1, "{first}");

    // A count that lands in an ended month (it cannot, in the service) is not read again;
    // one in the current month is.
    store.count(&m, &dims, before, &delivered).await.unwrap();
    store.count(&m, &dims, now, &delivered).await.unwrap();
    // (Another first day of the same month: the report itself is not the one kept for
    // `http.analytics_cache`, the months read are the same.)
    let from = from.with_day(2).unwrap();
    let (_, again) = app
        .get_json(
            &key,
            &format!("/api/v1/analytics/delivery?by=lane&from={from}"),
        )
        .await;
    assert_eq!(cell(&again, "BR-01", "delivered"), 2, "{again}");
    assert_eq!(cell(&again, "total", "delivered"), 2, "{again}");

    // A period that has ended altogether: every figure from the months kept, by carrier,
    // by lane, and for one lane.
    let month = before.date_naive().with_day(1).unwrap();
    let to = (month + chrono::Months::new(1)).pred_opt().unwrap();
    for (query, row) in [
        ("by=carrier", "ups"),
        ("by=lane", "BR-01"),
        ("by=lane&lane=BR-01", "BR-01"),
    ] {
        let path = format!("/api/v1/analytics/delivery?{query}&from={from}&to={to}");
        let (status, ended) = app.get_json(&key, &path).await;
        assert_eq!(status, 200, "{ended}");
        assert_eq!(cell(&ended, row, "delivered"), 2, "{query}: {ended}");
    }
}
