//! Files of shipments imported in the background: `POST /api/v1/imports` with a CSV or
//! NDJSON body, its progress, the failed rows as a file to fix and upload again.

use std::time::{Duration, Instant};

use chrono::Utc;
use serde_json::{Value, json};

use crate::helpers::{Options, TestApp, number, spawn_app_with};

async fn app() -> TestApp {
    app_with(|_| {}).await
}

async fn app_with(change: impl FnOnce(&mut shipmate::config::Config) + 'static) -> TestApp {
    spawn_app_with(Options {
        configure: Box::new(move |c| {
            c.imports.interval = Duration::from_millis(20);
            change(c);
        }),
        ..Options::default()
    })
    .await
}

/// Uploads `body` as `content_type`; the status and the answer.
async fn upload(
    app: &TestApp,
    key: &str,
    content_type: &str,
    body: impl Into<reqwest::Body>,
) -> (u16, Value, Option<String>) {
    let resp = app
        .http
        .post(app.url("/api/v1/imports"))
        .bearer_auth(key)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let location = resp
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    let text = resp.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
        location,
    )
}

/// The import once it is no longer running, within 20 s.
async fn finished(app: &TestApp, key: &str, id: &str) -> Value {
    let start = Instant::now();
    loop {
        let (status, body) = app.get_json(key, &format!("/api/v1/imports/{id}")).await;
        assert_eq!(status, 200, "{body}");
        if body["status"] != "running" && body["status"] != "receiving" {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "still running: {body}"
        );
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
}

async fn find(app: &TestApp, key: &str, q: &str) -> Vec<Value> {
    let (status, body) = app
        .get_json(key, &format!("/api/v1/shipments?q={}", urlencode(q)))
        .await;
    assert_eq!(status, 200, "{body}");
    body["items"].as_array().unwrap().clone()
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn a_csv_file_imports_in_the_background_and_its_failures_come_back_to_fix() {
    let app = app().await;
    let (_, key) = app.create_merchant("Import Co").await;
    let known = number("OT");
    app.register(&key, &known).await;
    // AfterShip's column names, semicolons, a BOM, a quoted field over two lines, a column
    // shipmate does not read, alpha-3 countries, AfterShip's compact dates.
    let mut csv = String::from(
        "\u{feff}tracking_number;courier;order_id;title;customer_name;email;sms;destination_country;order_promised_delivery_date;custom_field\r\n",
    );
    let good: Vec<String> = (0..30).map(|_| number("OT")).collect();
    for (i, n) in good.iter().enumerate() {
        csv.push_str(&format!(
            "{n};Sandbox Express;#{};Blue mug;Ana Lima;ana{i}@example.com;'+5511987654321;BRA;20301201;x\r\n",
            2000 + i
        ));
    }
    csv.push_str(&format!("{known};sandbox;#1001;Mug;;;;;;\r\n"));
    csv.push_str(&format!(
        "{};sandbox;#3001;\"Tea; \"\"towel\"\" set\";Bo;not-an-email;;PRT;;\r\n",
        number("OT")
    ));
    csv.push_str(";sandbox;#3002;Mug;;;;;;\r\n");
    csv.push_str("ZZ-NOT-A-NUMBER;Acme Couriers;#3003;Mug;;;;;;\r\n");
    let (status, body, location) = upload(&app, &key, "text/csv", csv).await;
    assert_eq!(status, 202, "{body}");
    let id = body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        location.as_deref(),
        Some(format!("/api/v1/imports/{id}").as_str())
    );
    assert!(
        body["status"] == "running" || body["status"] == "done",
        "{body}"
    );

    let done = finished(&app, &key, &id).await;
    assert_eq!(done["status"], "done", "{done}");
    assert_eq!(done["format"], "csv");
    assert_eq!(
        (done["rows"].as_u64(), done["created"].as_u64()),
        (Some(34), Some(30)),
        "{done}"
    );
    assert_eq!(
        (done["existing"].as_u64(), done["failed"].as_u64()),
        (Some(1), Some(3)),
        "{done}"
    );
    assert_eq!(done["progress"], 100);
    assert_eq!(done["ignored_columns"], json!(["custom_field"]));
    let errors = done["errors"].as_array().unwrap();
    let rows: Vec<u64> = errors.iter().map(|e| e["row"].as_u64().unwrap()).collect();
    // The header is row 1: the 30 good rows are 2–31, the known one 32.
    assert_eq!(rows, vec![33, 34, 35], "{done}");
    let reason = |i: usize| errors[i]["reason"].as_str().unwrap().to_owned();
    assert!(reason(0).starts_with("email: "), "{}", reason(0));
    assert!(
        reason(1).contains("tracking_number: required"),
        "{}",
        reason(1)
    );
    assert!(reason(2).starts_with("carrier: "), "{}", reason(2));

    // What was imported is what the row said.
    let found = find(&app, &key, &good[7]).await;
    assert_eq!(found.len(), 1);
    let s = crate::helpers::TestApp::shipment(&app, &key, &found[0]).await;
    assert_eq!(s["order"]["number"], "#2007");
    assert_eq!(s["order"]["promised_by"], "2030-12-01");
    assert_eq!(s["order"]["items"][0]["name"], "Blue mug");
    assert_eq!(s["destination"]["country"], "BR");
    assert_eq!(s["carrier"], "sandbox");
    assert_eq!(s["customer"]["email"], "ana7@example.com");
    assert_eq!(s["customer"]["phone"], "+5511987654321");

    // The failures as a file like the upload, with the reason; fixed, it imports.
    let resp = app
        .http
        .get(app.url(&format!("/api/v1/imports/{id}/failures")))
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
    let failures = resp.text().await.unwrap();
    let lines: Vec<&str> = failures.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "tracking_number;courier;order_id;title;customer_name;email;sms;destination_country;order_promised_delivery_date;custom_field;error"
    );
    assert!(
        failures.contains("\"Tea; \"\"towel\"\" set\""),
        "{failures}"
    );
    assert!(failures.contains("not-an-email"), "{failures}");
    let fixed = failures
        .replace("not-an-email", "bo@example.com")
        .replace(
            ";sandbox;#3002;",
            &format!("{};sandbox;#3002;", number("OT")),
        )
        .replace(
            "ZZ-NOT-A-NUMBER;Acme Couriers",
            &format!("{};Acme Couriers", number("OT")),
        );
    let (status, again, _) = upload(&app, &key, "text/csv; charset=utf-8", fixed).await;
    assert_eq!(status, 202, "{again}");
    let again = finished(&app, &key, again["id"].as_str().unwrap()).await;
    assert_eq!(
        (again["created"].as_u64(), again["failed"].as_u64()),
        (Some(3), Some(0)),
        "{again}"
    );
    assert_eq!(again["ignored_columns"], json!(["custom_field", "error"]));
    let towel = find(&app, &key, "#3001").await;
    let s = crate::helpers::TestApp::shipment(&app, &key, &towel[0]).await;
    assert_eq!(s["order"]["items"][0]["name"], "Tea; \"towel\" set");
    assert_eq!(s["destination"]["country"], "PT");

    // Listed, newest first; another merchant sees none of it.
    let (_, list) = app.get_json(&key, "/api/v1/imports").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    assert_eq!(list["items"][1]["id"], id.as_str());
    let (_, other) = app.create_merchant("Other Co").await;
    let (status, _) = app.get_json(&other, &format!("/api/v1/imports/{id}")).await;
    assert_eq!(status, 404);
    let (status, _) = app
        .get_json(&other, &format!("/api/v1/imports/{id}/failures"))
        .await;
    assert_eq!(status, 404);
    let (_, list) = app.get_json(&other, "/api/v1/imports").await;
    assert_eq!(list["items"], json!([]));
}

#[tokio::test]
async fn ndjson_lines_import_in_either_shape() {
    let app = app().await;
    let (_, key) = app.create_merchant("Lines Co").await;
    let (a, b) = (number("OT"), number("OT"));
    let body = format!(
        "{}\n\n{}\n{}\n[1]\n",
        json!({"tracking_number": a, "carrier": "sandbox", "order_number": 5001, "items": ["Mug x 2", "Towel"], "destination_country": "GBR"}),
        json!({"tracking_number": b, "carrier": "sandbox", "order": {"number": "5002", "items": [{"name": "Lamp", "quantity": 3}]}, "customer": {"email": "lamp@example.com"}}),
        json!({"tracking_number": number("OT"), "carrier": "sandbox", "order": {"number": "5003"}, "customer": {"email": "nope"}}),
    );
    let (status, body, _) = upload(&app, &key, "application/x-ndjson", body).await;
    assert_eq!(status, 202, "{body}");
    let done = finished(&app, &key, body["id"].as_str().unwrap()).await;
    assert_eq!(done["format"], "ndjson");
    assert_eq!(
        (
            done["rows"].as_u64(),
            done["created"].as_u64(),
            done["failed"].as_u64()
        ),
        (Some(4), Some(2), Some(2)),
        "{done}"
    );
    assert_eq!(done["errors"][0]["row"], 3);
    assert!(
        done["errors"][0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("customer.email: "),
        "{done}"
    );
    assert_eq!(done["errors"][1]["row"], 4);
    let s = crate::helpers::TestApp::shipment(&app, &key, &find(&app, &key, &a).await[0]).await;
    assert_eq!(
        s["order"]["items"][0],
        json!({"name": "Mug", "quantity": 2})
    );
    assert_eq!(s["destination"]["country"], "GB");
    let s = crate::helpers::TestApp::shipment(&app, &key, &find(&app, &key, &b).await[0]).await;
    assert_eq!(
        s["order"]["items"][0],
        json!({"name": "Lamp", "quantity": 3})
    );
    let resp = app
        .http
        .get(app.url(&format!(
            "/api/v1/imports/{}/failures",
            done["id"].as_str().unwrap()
        )))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    let text = resp.text().await.unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["customer"]["email"], "nope");
    assert!(
        lines[0]["error"]
            .as_str()
            .unwrap()
            .starts_with("customer.email")
    );
    assert_eq!(lines[1]["line"], "[1]");
}

#[tokio::test]
async fn bad_uploads_are_refused_and_leave_nothing() {
    let app = app_with(|c| c.imports.max_bytes = 2000).await;
    let (_, key) = app.create_merchant("Refused Co").await;
    let row = format!(
        "tracking_number,carrier,order_number\n{},sandbox,1\n",
        number("OT")
    );
    let (status, _, _) = upload(&app, &key, "application/json", row.clone()).await;
    assert_eq!(status, 415);
    let resp = app
        .http
        .post(app.url("/api/v1/imports"))
        .header("content-type", "text/csv")
        .body(row.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let (status, _, _) = upload(&app, &key, "text/csv", "x".repeat(2001)).await;
    assert_eq!(status, 413);
    // Streamed without a length: refused once it passes the limit.
    let pieces: Vec<Result<Vec<u8>, std::io::Error>> =
        (0..10).map(|_| Ok(vec![b'a'; 500])).collect();
    let stream = reqwest::Body::wrap_stream(futures_util::stream::iter(pieces));
    let (status, body, _) = upload(&app, &key, "text/csv", stream).await;
    assert_eq!(status, 413, "{body}");
    let (status, body, _) = upload(&app, &key, "text/csv", "").await;
    assert_eq!(status, 422, "{body}");
    let (_, list) = app.get_json(&key, "/api/v1/imports").await;
    assert_eq!(list["items"], json!([]), "nothing kept of refused uploads");
    let (_, shipments) = app.get_json(&key, "/api/v1/shipments").await;
    assert_eq!(shipments["items"], json!([]));

    // A header without tracking numbers, and a quote left open: the import stops and says why.
    let (_, body, _) = upload(&app, &key, "text/csv", "order,email\n1,a@example.com\n").await;
    let done = finished(&app, &key, body["id"].as_str().unwrap()).await;
    assert_eq!(done["status"], "failed");
    assert!(
        done["reason"].as_str().unwrap().contains("tracking_number"),
        "{done}"
    );
    // A quote left open swallows the rows after it into one field, which is refused.
    let open = format!(
        "{row}{},sandbox,\"2\n{},sandbox,3\n",
        number("OT"),
        number("OT")
    );
    let (_, body, _) = upload(&app, &key, "text/csv", open).await;
    let done = finished(&app, &key, body["id"].as_str().unwrap()).await;
    assert_eq!(
        (done["created"].as_u64(), done["failed"].as_u64()),
        (Some(1), Some(1)),
        "{done}"
    );
    assert_eq!(done["status"], "done");
}

#[tokio::test]
async fn an_import_whose_reader_died_is_taken_over_after_the_lease_and_counted_once() {
    let app = app_with(|c| c.imports.interval = Duration::from_secs(3600)).await;
    let (merchant, key) = app.create_merchant("Takeover Co").await;
    // A second process on the same Redis whose reader does not run: it takes the upload.
    let other = shipmate::roles::Parts::build(app.parts.config.clone())
        .await
        .unwrap();
    let caller = shipmate::services::Caller {
        merchant: shipmate::domain::MerchantId::parse(&merchant).unwrap(),
        by: shipmate::services::Actor::Key(
            shipmate::domain::KeyId::parse("key_0123456789abcdef").unwrap(),
        ),
    };
    let mut csv = String::from("tracking_number,carrier,order_number\n");
    for i in 0..1200 {
        csv.push_str(&format!("{},sandbox,{i}\n", number("OT")));
    }
    let body = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from(csv))]);
    let now = Utc::now();
    let view = other
        .imports
        .receive(
            &caller,
            shipmate::services::ImportKind::Csv,
            "a.csv",
            body,
            now,
        )
        .await
        .unwrap();
    let id = shipmate::domain::ImportId::parse(&view.id).unwrap();
    // A reader claims it and dies: nobody reads it until its lease ends.
    let lease = chrono::Duration::minutes(1);
    let claimed = other
        .store
        .claim_imports(now, now + lease, 1)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let imports = &other.imports;
    assert!(
        !imports
            .read_due_once(now + chrono::Duration::seconds(30))
            .await
            .unwrap()
    );
    let later = now + chrono::Duration::minutes(2);
    let mut batches = 0;
    while imports.read_due_once(later).await.unwrap() {
        batches += 1;
    }
    assert_eq!(batches, 3, "500 rows a batch");
    let done = finished(&app, &key, &view.id).await;
    assert_eq!(
        (
            done["status"].as_str(),
            done["rows"].as_u64(),
            done["created"].as_u64()
        ),
        (Some("done"), Some(1200), Some(1200)),
        "{done}"
    );
    // A late batch of the dead reader (from where it started) is not counted again.
    let late = shipmate::store::Checkpoint {
        from: 0,
        to: 100,
        rows: 50,
        created: 50,
        at: later,
        ..Default::default()
    };
    assert!(!other.store.checkpoint_import(&id, &late).await.unwrap());
    let again = finished(&app, &key, &view.id).await;
    assert_eq!(again["rows"], done["rows"]);
}

/// A file form as a browser posts it: the session's secret, then the file.
fn file_form(csrf: &str, name: &str, file: &str) -> (String, Vec<u8>) {
    let b = "----shipmateImportBoundary";
    let body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{b}--\r\n"
    );
    (
        format!("multipart/form-data; boundary={b}"),
        body.into_bytes(),
    )
}

#[tokio::test]
async fn a_member_imports_a_file_in_the_console_and_downloads_the_failures() {
    let app = app().await;
    let (key, owner) = crate::console_settings::signed_in_owner(&app).await;
    let page = owner.get(app.url("/console/imports")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("enctype=\"multipart/form-data\"")
            && html.contains("href=\"/console/imports\""),
        "{html}"
    );
    let token = crate::helpers::csrf(&html);
    let mut csv = String::from("tracking_number,carrier,order_number,email\n");
    for i in 0..40 {
        csv.push_str(&format!("{},sandbox,C{i},c{i}@example.com\n", number("OT")));
    }
    csv.push_str(&format!("{},sandbox,C-bad,not-mail\n", number("OT")));
    let post = |csrf: &str, name: &str, file: &str| {
        let (content_type, body) = file_form(csrf, name, file);
        owner
            .post(app.url("/console/imports"))
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    // Without the session's secret the file is not taken.
    let forged = post("forged", "orders.csv", &csv).await.unwrap();
    assert_eq!(forged.status(), 303);
    assert_eq!(forged.headers()["location"], "/console/imports");
    let (_, list) = app.get_json(&key, "/api/v1/imports").await;
    assert_eq!(list["items"], json!([]));
    // No file chosen: the form again, saying so.
    let empty = post(&token, "", "").await.unwrap();
    assert_eq!(empty.status(), 200);
    assert!(
        empty
            .text()
            .await
            .unwrap()
            .contains("Choose a file to import")
    );

    let sent = post(&token, "orders.csv", &csv).await.unwrap();
    assert_eq!(sent.status(), 303);
    let to = sent.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.starts_with("/console/imports/imp_"), "{to}");
    let id = to.rsplit('/').next().unwrap().to_owned();
    finished(&app, &key, &id).await;
    let html = owner
        .get(app.url(&to))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<h1>Import \u{2068}orders.csv\u{2069}</h1>"),
        "{html}"
    );
    assert!(
        html.contains("<progress id=\"import-progress\" max=\"100\" value=\"100\">"),
        "{html}"
    );
    assert!(
        html.contains("id=\"import-created\">40<") && html.contains("id=\"import-failed\">1<"),
        "{html}"
    );
    assert!(
        !html.contains("http-equiv=\"refresh\""),
        "a finished import stops refreshing"
    );
    assert!(html.contains("email: "), "{html}");
    let file = owner
        .get(app.url(&format!("{to}/failures")))
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), 200);
    assert!(
        file.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("-failed.csv")
    );
    let text = file.text().await.unwrap();
    assert!(
        text.starts_with("tracking_number,carrier,order_number,email,error\r\n"),
        "{text}"
    );
    assert!(text.contains("C-bad,not-mail,email: "), "{text}");
    let list = owner
        .get(app.url("/console/imports"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        list.contains(&format!("href=\"/console/imports/{id}\">orders.csv</a>")),
        "{list}"
    );
    // Another shop's member cannot open it.
    let (_, invitation) = crate::console::merchant_with_owner(&app, "stranger@acme.example").await;
    let stranger = crate::helpers::browser();
    crate::console::accept(&stranger, &invitation, "a stranger's passphrase").await;
    let other = stranger.get(app.url(&to)).send().await.unwrap();
    assert_eq!(other.status(), 404);
}

#[tokio::test]
async fn uploads_a_dead_process_left_half_way_do_not_block_the_next_import() {
    let app = app().await;
    let (merchant, key) = app.create_merchant("Stale Co").await;
    let two_hours_ago = (Utc::now() - chrono::Duration::hours(2)).timestamp_millis();
    for _ in 0..3 {
        let id = shipmate::domain::ImportId::from_random(shipmate::entropy::bytes());
        let record = shipmate::store::ImportRecord {
            merchant: merchant.clone(),
            created_ms: two_hours_ago,
            ..Default::default()
        };
        app.parts.store.create_import(&record, &id).await.unwrap();
    }
    let (_, list) = app.get_json(&key, "/api/v1/imports").await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(
        items
            .iter()
            .all(|i| i["status"] == "failed"
                && i["reason"].as_str().unwrap().contains("did not finish")),
        "{list}"
    );
    let csv = format!(
        "tracking_number,carrier,order_number\n{},sandbox,1\n",
        number("OT")
    );
    let (status, body, _) = upload(&app, &key, "text/csv", csv).await;
    assert_eq!(status, 202, "{body}");
    // Three running imports do block a fourth, with the reason.
    for _ in 0..3 {
        let id = shipmate::domain::ImportId::from_random(shipmate::entropy::bytes());
        let record = shipmate::store::ImportRecord {
            merchant: merchant.clone(),
            created_ms: Utc::now().timestamp_millis(),
            ..Default::default()
        };
        app.parts.store.create_import(&record, &id).await.unwrap();
    }
    let (status, body, _) = upload(&app, &key, "text/csv", "tracking_number\n").await;
    assert_eq!(status, 409, "{body}");
}
