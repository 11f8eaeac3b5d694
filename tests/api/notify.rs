//! Notifications: carrier-sim journeys stepped through in real time, the notifier's steps
//! called directly, and what arrives at the sinks checked message by message.

use std::path::PathBuf;
use std::time::Duration;

use chrono::Utc;
use serde_json::{Value, json};
use shipmate::domain::{Channel, Trigger};

use crate::helpers::{Options, TestApp, number, shipment_body, spawn_app_with};

/// carrier-sim in real time (journeys move only when the test advances them), messages to
/// the outbox, every trigger on.
async fn app() -> TestApp {
    let mut o = Options::default();
    o.sim.speed = 1.0;
    o.configure = Box::new(|c| {
        c.notifier.channels = vec![Channel::Outbox];
        c.notifier.triggers = Trigger::ALL.to_vec();
        c.notifier.reclaim_after = Duration::ZERO;
        c.dev.outbox_page = true;
    });
    spawn_app_with(o).await
}

fn outbox(app: &TestApp) -> PathBuf {
    PathBuf::from(&app.parts.config.notifier.outbox_dir)
}

/// The merchant's delay messages, each as `reason:status`.
pub(crate) async fn delays(app: &TestApp, key: &str) -> Vec<String> {
    let (_, list) = app.get_json(key, "/api/v1/notifications").await;
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    list["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["trigger"] == "delay")
        .map(|n| format!("{}:{}", text(&n["reason"]), text(&n["status"])))
        .collect()
}

/// The messages in the outbox: (file name, content), oldest name first.
pub(crate) fn messages(app: &TestApp) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = std::fs::read_dir(outbox(app))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .map(|n| {
                    // Quoted-printable soft line breaks joined, so sentences read whole.
                    let text = std::fs::read_to_string(outbox(app).join(&n))
                        .unwrap()
                        .replace("=\r\n", "")
                        .replace("=\n", "");
                    (n, text)
                })
                .collect()
        })
        .unwrap_or_default();
    all.sort();
    all
}

fn subjects(app: &TestApp) -> Vec<String> {
    let mut s: Vec<String> = messages(app)
        .iter()
        .filter_map(|(_, m)| m.lines().find_map(|l| l.strip_prefix("Subject: ")))
        .map(str::to_owned)
        .collect();
    s.sort();
    s
}

/// Steps the on-time journey (label, pickup, out for delivery, delivered), running the
/// notifier after each poll when `notify` (as it runs beside the poller); returns the
/// shipment and what the notifier sent.
pub(crate) async fn deliver_on_time(
    app: &TestApp,
    key: &str,
    body: &Value,
    notify: bool,
) -> (Value, usize) {
    let s = app.register_with(key, body).await;
    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();
    let now = Utc::now();
    let mut sent = 0;
    for (i, minutes) in [0, 130, 2800, 400].into_iter().enumerate() {
        app.advance_sim(minutes).await;
        app.poll_at(now + chrono::Duration::days(i as i64)).await;
        if notify {
            notifier.consume_once(now).await.unwrap();
            sent += notifier.deliver_once(now).await.unwrap().sent;
        }
    }
    assert_eq!(app.shipment(key, &s).await["status"], "delivered");
    (s, sent)
}

#[tokio::test]
async fn a_journey_sends_each_message_once_in_the_customers_words() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let body = shipment_body(&number("OT"));
    let (_, sent) = deliver_on_time(&app, &key, &body, true).await;
    assert_eq!(sent, 4, "shipped, in transit, out for delivery, delivered");
    let notifier = &app.parts.notifier;
    let now = Utc::now();
    assert_eq!(
        subjects(&app),
        [
            "Your order 1001 arrives today",
            "Your order 1001 has been delivered",
            "Your order 1001 has shipped",
            "Your order 1001 is on its way",
        ]
    );
    let (_, shipped) = messages(&app)
        .into_iter()
        .find(|(_, m)| m.contains("has shipped"))
        .unwrap();
    assert!(shipped.contains("Hi Ana,"), "{shipped}");
    assert!(shipped.contains("Acme has handed your order to Sandbox Express."));
    assert!(shipped.contains("Thank you for your first order with Acme!"));
    assert!(shipped.contains("multipart/alternative") && shipped.contains("text/html"));
    assert!(
        shipped.contains("From: Acme <notifications@example.com>"),
        "{shipped}"
    );
    assert!(shipped.contains("Reply-To: Acme <help@shop.example>"));
    assert!(shipped.contains("Message-ID: <ntf_"));
    assert_eq!(
        shipped.matches("Souza").count(),
        1,
        "the surname only in the address line: {shipped}"
    );

    assert_eq!(notifier.deliver_once(now).await.unwrap().claimed, 0);
    let later = notifier
        .deliver_once(now + chrono::Duration::hours(3))
        .await
        .unwrap();
    assert_eq!(
        later.sent, 1,
        "the feedback request, two hours after delivery"
    );
    assert!(subjects(&app).contains(&"How did your order 1001 go?".to_owned()));

    let (status, page) = app.page("/dev/outbox").await;
    assert_eq!(status, 200);
    assert!(page.contains("How did your order 1001 go?"), "{page}");
    let name = messages(&app)[0].0.clone();
    let (status, raw) = app.page(&format!("/dev/outbox/{name}")).await;
    assert_eq!((status, raw.contains("Message-ID")), (200, true));
    assert_eq!(app.page("/dev/outbox/..%2F..%2Fetc%2Fpasswd").await.0, 404);

    let (status, list) = app.get_json(&key, "/api/v1/notifications").await;
    assert_eq!(status, 200, "{list}");
    let list = list["notifications"].as_array().unwrap().clone();
    assert_eq!(list.len(), 5);
    assert!(
        list.iter()
            .all(|n| n["status"] == "sent" && n["channel"] == "outbox")
    );
    assert!(list.iter().any(|n| n["trigger"] == "feedback_request"));
}

#[tokio::test]
async fn reading_the_stream_again_sends_nothing_twice() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    deliver_on_time(&app, &key, &shipment_body(&number("OT")), false).await;
    let notifier = &app.parts.notifier;
    let store = &app.parts.store;
    // A notifier that read every entry and died before acknowledging any.
    let mut taken = 0;
    for shard in 0..store.keys().shards() {
        taken += store
            .read_events(shard, "dead-one", 100)
            .await
            .unwrap()
            .len();
    }
    assert!(taken >= 5, "registered + four status changes: {taken}");
    let now = Utc::now();
    let first = notifier.consume_once(now).await.unwrap();
    assert_eq!((first.entries, first.queued), (taken, 5), "taken over");
    let delivered = notifier.deliver_once(now).await.unwrap();
    assert_eq!((delivered.sent, delivered.skipped), (1, 3), "{delivered:?}");
    // Every entry delivered again (as after a crash between queueing and acknowledging).
    for shard in 0..store.keys().shards() {
        let _: () = redis::cmd("XGROUP")
            .arg("SETID")
            .arg(store.keys().events(shard))
            .arg("notifier")
            .arg("0")
            .query_async(&mut app.parts.store.connection())
            .await
            .unwrap();
    }
    let again = notifier.consume_once(now).await.unwrap();
    assert_eq!((again.entries, again.queued), (taken, 0));
    assert_eq!(notifier.deliver_once(now).await.unwrap().sent, 0);
    assert_eq!(
        subjects(&app),
        ["Your order 1001 has been delivered"],
        "each once; news the delivery made stale is not sent"
    );
}

#[tokio::test]
async fn a_customer_without_any_reachable_channel_is_skipped_not_lost() {
    let mut o = Options::default();
    o.sim.speed = 1.0;
    o.configure = Box::new(|c| {
        c.notifier.channels = vec![Channel::Email];
    });
    let app = spawn_app_with(o).await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut body = shipment_body(&number("OT"));
    body["customer"] = json!({"name": "Ana"});
    let s = app.register_with(&key, &body).await;
    app.poll_at(Utc::now()).await;
    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();
    assert_eq!(notifier.consume_once(Utc::now()).await.unwrap().queued, 1);
    let (_, list) = app
        .get_json(
            &key,
            &format!(
                "/api/v1/notifications?shipment_id={}",
                s["id"].as_str().unwrap()
            ),
        )
        .await;
    assert_eq!(list["notifications"][0]["status"], "skipped", "{list}");
    assert_eq!(list["notifications"][0]["trigger"], "shipped");
    assert_eq!(app.page("/dev/outbox").await.0, 404, "no outbox configured");
}

#[tokio::test]
async fn e_mails_reach_a_real_smtp_server_once_with_both_parts_in_the_customers_language() {
    let sink = crate::sinks::SmtpSink::start();
    let port = sink.port;
    let mut o = Options::default();
    o.sim.speed = 1.0;
    o.configure = Box::new(move |c| {
        c.notifier.channels = vec![Channel::Email];
        c.notifier.email.smtp_host = "127.0.0.1".into();
        c.notifier.email.smtp_port = port;
        c.notifier.email.tls = "none".into();
    });
    let app = spawn_app_with(o).await;
    let (_, key) = app.create_merchant("Loja").await;
    let mut body = shipment_body(&number("OT"));
    body["customer"]["locale"] = json!("pt-BR");
    let (_, sent) = deliver_on_time(&app, &key, &body, true).await;
    assert_eq!(sent, 3);
    let notifier = &app.parts.notifier;
    assert_eq!(notifier.deliver_once(Utc::now()).await.unwrap().claimed, 0);

    let got = sink.received();
    let subjects: Vec<&str> = got.iter().map(|m| m["subject"].as_str().unwrap()).collect();
    assert_eq!(
        subjects,
        [
            "Seu pedido 1001 foi enviado",
            "Seu pedido 1001 chega hoje",
            "Seu pedido 1001 foi entregue"
        ],
        "in transit is off by default; Portuguese as the customer asked"
    );
    for m in &got {
        assert_eq!(m["to"], json!(["ana@example.com"]));
        assert_eq!(m["content_language"], "pt-BR");
        assert_eq!(m["content_type"], "multipart/alternative");
        let text = m["parts"]["text/plain"].as_str().unwrap();
        let html = m["parts"]["text/html"].as_str().unwrap();
        assert!(text.contains("Olá, Ana,"), "{text}");
        assert!(html.contains("lang=\"pt-BR\""));
        assert!(
            text.contains(&format!("{}/t/", app.addr)),
            "links to the page"
        );
    }
    let ids: std::collections::HashSet<&str> = got
        .iter()
        .map(|m| m["message_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3, "one message per idempotency key");
}

#[tokio::test]
async fn a_customer_who_unsubscribes_gets_nothing_more_until_they_come_back() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();
    let now = Utc::now();
    app.poll_at(now).await;
    notifier.consume_once(now).await.unwrap();
    assert_eq!(notifier.deliver_once(now).await.unwrap().sent, 1);
    let (_, shipped) = messages(&app).pop().unwrap();
    let link = shipped
        .lines()
        .find_map(|l| l.strip_prefix("List-Unsubscribe: <"))
        .and_then(|l| l.strip_suffix('>'))
        .expect("a List-Unsubscribe header")
        .to_owned();
    assert!(shipped.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    let page = app
        .http
        .get(&link)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let text = |t: String| t.replace(['\u{2068}', '\u{2069}'], "");
    let page = text(page);
    assert!(
        page.contains("Your messages from Acme") && page.contains("Stop e-mails"),
        "{page}"
    );

    // One click from the mail client.
    let done = app
        .http
        .post(&link)
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    assert!(
        text(done.text().await.unwrap()).contains("Done. You will no longer get these messages")
    );
    app.advance_sim(130).await;
    app.poll_at(now + chrono::Duration::days(1)).await;
    notifier.consume_once(now).await.unwrap();
    let after = notifier.deliver_once(now).await.unwrap();
    assert_eq!((after.sent, after.skipped), (0, 1), "{after:?}");
    let (_, list) = app
        .get_json(
            &key,
            &format!(
                "/api/v1/notifications?shipment_id={}&status=skipped",
                s["id"].as_str().unwrap()
            ),
        )
        .await;
    assert_eq!(
        list["notifications"][0]["last_error"],
        "the customer unsubscribed"
    );

    let back = app
        .http
        .post(&link)
        .form(&[("channel", "resubscribe")])
        .send()
        .await
        .unwrap();
    assert!(text(back.text().await.unwrap()).contains("will keep you posted again"));
    app.advance_sim(2800).await;
    app.poll_at(now + chrono::Duration::days(2)).await;
    notifier.consume_once(now).await.unwrap();
    assert_eq!(
        notifier.deliver_once(now).await.unwrap().sent,
        1,
        "out for delivery"
    );

    let bad = app
        .http
        .post(&link)
        .form(&[("channel", "pigeon")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let unknown = app
        .http
        .get(app.url("/u/AAAAAAAAAAAAAAAAAAAAAA"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn silence_from_the_carrier_becomes_a_delay_the_customer_hears_about_once() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let forgotten = app.register(&key, &number("OT")).await;
    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();
    let now = Utc::now();
    app.poll_at(now).await;
    // Three days later the label has still not been scanned (carrier-sim stands still).
    for days in [3, 4] {
        app.poll_at(now + chrono::Duration::days(days)).await;
    }
    let api = app.shipment(&key, &forgotten).await;
    assert_eq!(api["status"], "info_received");
    assert_eq!(api["substatus"], "forgotten", "{api}");
    let synthetic: Vec<&Value> = api["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["synthetic"] == true)
        .collect();
    assert_eq!(synthetic.len(), 1, "flagged once per silence: {api}");

    notifier.consume_once(now).await.unwrap();
    notifier.deliver_once(now).await.unwrap();
    let (_, list) = app
        .get_json(&key, "/api/v1/notifications?status=sent")
        .await;
    let delays: Vec<&Value> = list["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["trigger"] == "delay")
        .collect();
    assert_eq!(delays.len(), 1, "{list}");
    assert_eq!(delays[0]["reason"], "forgotten");
    assert!(
        messages(&app)
            .iter()
            .any(|(_, m)| m.contains("has not collected the parcel yet")),
        "the message says why"
    );
}

pub(crate) async fn put_settings(app: &TestApp, key: &str, body: Value) -> (u16, Value) {
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
async fn a_merchant_chooses_the_triggers_the_daily_cap_and_suggestions() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    for (bad, field) in [
        (json!({"channels": ["webhook"]}), "channels[0]"),
        (json!({"feedback_after": ["soon"]}), "feedback_after[0]"),
        (
            json!({"also_like": [{"name": "Cups", "url": "javascript:alert(1)"}]}),
            "also_like[0]",
        ),
    ] {
        let (status, problem) = put_settings(&app, &key, bad.clone()).await;
        assert_eq!(
            (status, problem["errors"][0]["field"].as_str()),
            (422, Some(field)),
            "{bad}: {problem}"
        );
    }
    let (status, _) = put_settings(&app, &key, json!({"triggers": {"teleported": true}})).await;
    assert!(
        status == 422 || status == 400,
        "unknown trigger refused: {status}"
    );
    let (status, saved) = put_settings(
        &app,
        &key,
        json!({"triggers": {"shipped": false}, "daily_cap": 1,
               "also_like": [{"name": "Espresso cups", "url": "https://acme.example/cups"}]}),
    )
    .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(
        app.get_json(&key, "/api/v1/notification-settings").await.1,
        saved
    );

    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();
    // The delayed journey: label, pickup, a delay scan moving the ETA by three days, out
    // for delivery, delivered.
    app.register(&key, &number("DL")).await;
    let now = Utc::now();
    let mut sent = vec![];
    for (i, minutes) in [0, 130, 1400, 4500, 300].into_iter().enumerate() {
        app.advance_sim(minutes).await;
        app.poll_at(now + chrono::Duration::days(i as i64)).await;
        notifier.consume_once(now).await.unwrap();
        let d = notifier.deliver_once(now).await.unwrap();
        sent.push((d.sent, d.deferred));
    }
    assert_eq!(
        sent,
        [(0, 0), (1, 0), (0, 2), (1, 0), (1, 0)],
        "shipped switched off; in transit; the carrier's delay scan and the new ETA wait for the cap of one update a day; out for delivery; delivered"
    );
    let later = notifier
        .deliver_once(now + chrono::Duration::hours(25))
        .await
        .unwrap();
    assert_eq!(
        (later.sent, later.skipped),
        (1, 2),
        "the feedback request; the held delay and ETA news are stale by now: {later:?}"
    );
    let (_, delivered) = messages(&app)
        .into_iter()
        .find(|(_, m)| m.contains("has been delivered"))
        .unwrap();
    assert!(delivered.contains("You may also like"), "{delivered}");
    assert!(delivered.contains("https://acme.example/cups"));
}

#[tokio::test]
async fn a_merchant_previews_any_message_in_any_language_without_sending_it() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    let id = s["id"].as_str().unwrap();
    let (status, email) = app
        .get_json(
            &key,
            &format!("/api/v1/notifications/preview?shipment_id={id}&trigger=delay&reason=stalled&locale=de"),
        )
        .await;
    assert_eq!(status, 200, "{email}");
    assert_eq!(email["lang"], "de");
    assert!(email["html"].as_str().unwrap().contains("lang=\"de\""));
    assert!(!email["subject"].as_str().unwrap().is_empty());
    let (_, sms) = app
        .get_json(
            &key,
            &format!("/api/v1/notifications/preview?shipment_id={id}&trigger=out_for_delivery&channel=sms&locale=ar"),
        )
        .await;
    assert_eq!(sms["lang"], "ar");
    assert!(sms["text"].as_str().unwrap().contains("/t/"), "{sms}");
    let (status, problem) = app
        .get_json(
            &key,
            &format!("/api/v1/notifications/preview?shipment_id={id}&trigger=teleported"),
        )
        .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("trigger"))
    );
    let (_, other) = app.create_merchant("Other").await;
    let (status, _) = app
        .get_json(
            &other,
            &format!("/api/v1/notifications/preview?shipment_id={id}&trigger=delivered"),
        )
        .await;
    assert_eq!(status, 404, "another merchant's shipment is not there");
    assert!(messages(&app).is_empty(), "nothing sent");
}

#[tokio::test]
async fn messages_say_why_and_where_to_collect() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    app.register(&key, &number("PU")).await;
    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();
    let now = Utc::now();
    for (i, minutes) in [0, 130, 2800, 300, 100].into_iter().enumerate() {
        app.advance_sim(minutes).await;
        app.poll_at(now + chrono::Duration::days(i as i64)).await;
        notifier.consume_once(now).await.unwrap();
        notifier.deliver_once(now).await.unwrap();
    }
    let all = messages(&app);
    let find = |s: &str| {
        all.iter()
            .find(|(_, m)| m.contains(s))
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| panic!("no message with {s:?} in {:?}", subjects(&app)))
    };
    assert!(find("We missed you").contains("The carrier needs something from you."));
    assert!(find("is ready for pickup").contains("Collect it at Parcel locker 12"));
}

/// A parcel registered without a promise whose carrier scans a delay ("Delayed: missed
/// connection", carrier-sim's delayed journey) gets a delay message saying so.
#[tokio::test]
async fn a_carriers_delay_scan_is_told_even_without_a_promise() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut body = shipment_body(&number("DL"));
    body["order"]["promised_by"] = json!(null);
    app.register_with(&key, &body).await;
    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();
    let now = Utc::now();
    for (i, minutes) in [0, 130, 1400].into_iter().enumerate() {
        app.advance_sim(minutes).await;
        app.poll_at(now + chrono::Duration::days(i as i64)).await;
        notifier.consume_once(now).await.unwrap();
        notifier
            .deliver_once(now + chrono::Duration::days(i as i64))
            .await
            .unwrap();
    }
    let all = messages(&app);
    let delay = all
        .iter()
        .find(|(_, m)| m.contains("reported a delay on the way"))
        .unwrap_or_else(|| panic!("no delay message in {:?}", subjects(&app)));
    assert!(
        delay.1.contains("Sandbox"),
        "names the carrier: {}",
        delay.1
    );
    let delays = delays(&app, &key).await;
    assert_eq!(delays, ["carrier_delay:sent"], "once");
}

#[tokio::test]
async fn one_delay_message_a_day_whatever_the_reasons() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut body = shipment_body(&number("EX"));
    body["order"]["promised_by"] = json!(Utc::now().date_naive().to_string());
    app.register_with(&key, &body).await;
    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();
    let now = Utc::now();
    for (i, minutes) in [0, 130, 1100].into_iter().enumerate() {
        app.advance_sim(minutes).await;
        app.poll_at(now + chrono::Duration::days(i as i64)).await;
        notifier.consume_once(now).await.unwrap();
        notifier.deliver_once(now).await.unwrap();
    }
    let mut delays = delays(&app, &key).await;
    delays.sort_unstable();
    assert_eq!(
        delays,
        ["carrier_exception:skipped", "eta_past_promise:sent"],
        "the weather hold came the same day as the late estimate"
    );
}

#[tokio::test]
async fn parcels_of_one_order_moving_together_make_one_message() {
    let app = app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let first = number("OT");
    let second = number("OT");
    for n in [&first, &second] {
        app.register(&key, n).await;
    }
    let (_, sent) = deliver_on_time_many(&app, 2).await;
    assert_eq!(
        sent, 4,
        "shipped, in transit, out for delivery, delivered: once each for both parcels"
    );
    let all = messages(&app);
    assert_eq!(all.len(), 4, "{:?}", subjects(&app));
    for (_, m) in &all {
        assert!(
            m.contains("This message is about 2 parcels of your order:"),
            "{m}"
        );
        assert!(m.contains(&first) && m.contains(&second));
    }
    let (_, list) = app
        .get_json(&key, "/api/v1/notifications?status=sent&limit=1000")
        .await;
    let grouped = list["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["grouped_into"].is_string())
        .count();
    assert_eq!(
        grouped, 4,
        "one of each pair went out inside the other's message: {list}"
    );
}

/// Steps every on-time journey registered so far together, the notifier after each poll.
async fn deliver_on_time_many(app: &TestApp, parcels: usize) -> (usize, usize) {
    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();
    let now = Utc::now();
    let mut sent = 0;
    for (i, minutes) in [0, 130, 2800, 400].into_iter().enumerate() {
        app.advance_sim(minutes).await;
        let mut polled = 0;
        while polled < parcels {
            let o = app.poll_at(now + chrono::Duration::days(i as i64)).await;
            if o.claimed == 0 {
                break;
            }
            polled += o.claimed;
        }
        notifier.consume_once(now).await.unwrap();
        sent += notifier.deliver_once(now).await.unwrap().sent;
    }
    (parcels, sent)
}
