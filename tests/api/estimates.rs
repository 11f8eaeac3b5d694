//! Delivery estimates: `shipmate edd backtest` replays the real Olist orders in
//! `../shared/data/olist_orders_subset` (CC BY-NC-SA, read in place) through the
//! estimator and reports its figures. Asserts that it runs and reports, not the numbers.

use std::path::Path;
use std::process::Command;

use chrono::Datelike;

#[test]
fn the_backtest_runs_on_the_olist_orders_and_reports_its_figures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/olist_orders_subset");
    if !dir.is_dir() {
        crate::helpers::skip("../shared/data/olist_orders_subset not found; the backtest not run");
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_shipmate"))
        .args(["edd", "backtest", "--split", "2018-04-17", "--orders"])
        .arg(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{stdout}");
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    for key in [
        "parcels",
        "likely_mae_days",
        "latest_on_time",
        "latest_padding_days",
        "inside_window",
        "window_width_days",
        "promise_mae_days",
        "promise_on_time",
        "promise_padding_days",
    ] {
        assert!(last[key].is_number(), "{key} in {last}");
    }
    assert!(last["parcels"].as_u64().unwrap() > 1000, "{last}");
    for share in ["latest_on_time", "inside_window", "promise_on_time"] {
        assert!(
            (0.0..=1.0).contains(&last[share].as_f64().unwrap()),
            "{share}"
        );
    }

    let missing = Command::new(env!("CARGO_BIN_EXE_shipmate"))
        .args([
            "edd",
            "backtest",
            "--split",
            "2018-04-17",
            "--orders",
            "/nonexistent",
        ])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("olist_customers_dataset.csv"));
}

/// A UPS Track API answer: picked up, then out for delivery and delivered four hours later
/// `days` days on (UPS's documented
/// activity shape, as the fake carrier serves it).
fn ups_delivered(number: &str, picked: chrono::DateTime<chrono::Utc>, days: i64) -> String {
    let at = |t: chrono::DateTime<chrono::Utc>| {
        (
            t.format("%Y%m%d").to_string(),
            t.format("%H%M%S").to_string(),
        )
    };
    let (pd, pt) = at(picked);
    let delivered = picked + chrono::Duration::days(days);
    let (dd, dt) = at(delivered);
    let (od, ot) = at(delivered - chrono::Duration::hours(4));
    serde_json::json!({"trackResponse": {"shipment": [{"package": [{"trackingNumber": number, "activity": [
        {"date": dd, "time": dt, "gmtOffset": "+00:00", "status": {"type": "D", "code": "FS", "description": "Delivered"}},
        {"date": od, "time": ot, "gmtOffset": "+00:00", "status": {"type": "O", "code": "OT", "description": "Out For Delivery Today"}},
        {"date": pd, "time": pt, "gmtOffset": "+00:00", "status": {"type": "P", "code": "PU", "description": "Pickup Scan"}}]}]}]}})
    .to_string()
}

/// An app whose UPS account is the fake carrier, messages going to the outbox.
async fn ups_app() -> (crate::fake_carriers::FakeCarrier, crate::helpers::TestApp) {
    let fake = crate::fake_carriers::start().await;
    let url = fake.url.clone();
    let app = crate::helpers::spawn_app_with(crate::helpers::Options {
        configure: Box::new(move |c| {
            c.carriers["ups"].base_url = url;
            c.carriers["ups"].client_id = crate::fake_carriers::CLIENT_ID.into();
            c.carriers["ups"].client_secret = crate::fake_carriers::CLIENT_SECRET.into();
            c.notifier.channels = vec![shipmate::domain::Channel::Outbox];
            c.notifier.webhooks_allow_private = true;
        }),
        ..crate::helpers::Options::default()
    })
    .await;
    (fake, app)
}

/// A UPS shipment's body, without a promise.
fn ups(n: u32) -> serde_json::Value {
    let mut b = crate::helpers::shipment_body(&format!("1ZLEARN{n:011}"));
    b["carrier"] = serde_json::json!("ups");
    b["order"]["promised_by"] = serde_json::json!(null);
    b
}

/// Delivers the parcels `numbers`, picked up on `picked` and delivered `days` later.
async fn history(
    app: &crate::helpers::TestApp,
    fake: &crate::fake_carriers::FakeCarrier,
    key: &str,
    picked: chrono::DateTime<chrono::Utc>,
    (numbers, days): (std::ops::RangeInclusive<u32>, i64),
) {
    for i in numbers {
        let number = format!("1ZLEARN{i:011}");
        fake.answer(&number, 200, ups_delivered(&number, picked, days));
        let s = app.register_with(key, &ups(i)).await;
        app.poll_at(chrono::Utc::now()).await;
        assert_eq!(app.shipment(key, &s).await["status"], "delivered");
    }
}

/// Monday `weeks` weeks back, 09:00 UTC.
fn monday(weeks: i64) -> chrono::DateTime<chrono::Utc> {
    let today = chrono::Utc::now().date_naive();
    let back = i64::from(today.weekday().num_days_from_monday()) + 7 * weeks;
    let day = today - chrono::Duration::days(back);
    day.and_hms_opt(9, 0, 0).unwrap().and_utc()
}

/// Parcels delivered three days after pickup (Monday to Thursday) teach the shop's lane;
/// a new parcel on it, before the carrier has said anything, gets the learned window in
/// the API (single and listed) and on its page.
#[tokio::test]
async fn delivered_parcels_teach_the_window_a_new_parcel_shows() {
    let (fake, app) = ups_app().await;
    let (merchant, key) = app.create_merchant("Learning Co").await;
    let fresh = app.register_with(&key, &ups(0)).await;
    assert!(
        fresh["estimate"].is_null(),
        "nothing learned, no promise: {fresh}"
    );

    let picked = monday(2);
    history(&app, &fake, &key, picked, (1..=3, 3)).await;
    let merchant = shipmate::domain::MerchantId::parse(&merchant).unwrap();
    // Delivered at first sight, they are kept for the pace too, each once its lane had
    // parcels to expect from (the second and the third).
    let recent = app.parts.store.recent(&merchant).await.unwrap();
    assert_eq!(recent.len(), 2, "{recent:?}");
    let three = |t: &Option<f64>| t.is_some_and(|t| (t - 3.0).abs() < 0.01);
    assert!(recent.iter().all(|(_, t)| three(t)), "{recent:?}");
    let levels = [
        "c:ups".to_owned(),
        "cc:ups:BR".into(),
        "cr:ups:BR:01".into(),
    ];
    let tau = shipmate::domain::estimate::Model::default().tau;
    for r in app
        .parts
        .store
        .transit_rollups(&merchant, &levels, tau)
        .await
        .unwrap()
        .0
    {
        assert!(
            (r.count(picked + chrono::Duration::days(3), tau) - 3.0).abs() < 0.01,
            "{r:?}"
        );
        let bucket = shipmate::domain::estimate::bucket(3.0);
        assert!(
            r.weights.keys().all(|b| *b == bucket),
            "three working days: {r:?}"
        );
    }

    let s = app.register_with(&key, &ups(9)).await;
    let e = &s["estimate"];
    assert_eq!(e["source"], "learned", "{s}");
    let at = |k: &str| chrono::DateTime::parse_from_rfc3339(e[k].as_str().unwrap()).unwrap();
    assert!(
        at("earliest") <= at("likely") && at("likely") <= at("latest"),
        "{e}"
    );
    let now = chrono::Utc::now();
    assert!(at("earliest") >= now - chrono::Duration::minutes(1), "{e}");
    // Three working days from now: three to five calendar days.
    let likely = at("likely").with_timezone(&chrono::Utc) - now;
    assert!(
        likely > chrono::Duration::days(2) && likely < chrono::Duration::days(6),
        "{e}"
    );
    assert!(e["confidence"].as_f64().unwrap() > 0.0);
    let (_, listed) = app.get_json(&key, "/api/v1/shipments?limit=10").await;
    let items = listed["items"].as_array().unwrap();
    let item = items.iter().find(|i| i["id"] == s["id"]).unwrap();
    assert_eq!(item["estimate"], s["estimate"]);

    // Picked up two hours ago and out for delivery one hour ago: the last leg's window
    // (hours), not the three working days the whole journey's would say.
    let stage: Vec<String> = levels.iter().map(|l| format!("ofd:{l}")).collect();
    for r in app
        .parts
        .store
        .transit_rollups(&merchant, &stage, tau)
        .await
        .unwrap()
        .0
    {
        assert!(r.weights.keys().all(|b| *b <= 1), "four hours: {r:?}");
    }
    let number = "1ZLEARN00000000010";
    let t = |t: chrono::DateTime<chrono::Utc>| {
        (
            t.format("%Y%m%d").to_string(),
            t.format("%H%M%S").to_string(),
        )
    };
    let ((pd, pt), (od, ot)) = (
        t(now - chrono::Duration::hours(2)),
        t(now - chrono::Duration::hours(1)),
    );
    let answer = serde_json::json!({"trackResponse": {"shipment": [{"package": [{"trackingNumber": number, "activity": [
        {"date": od, "time": ot, "gmtOffset": "+00:00", "status": {"type": "O", "code": "OT", "description": "Out For Delivery Today"}},
        {"date": pd, "time": pt, "gmtOffset": "+00:00", "status": {"type": "P", "code": "PU", "description": "Pickup Scan"}}]}]}]}});
    fake.answer(number, 200, answer.to_string());
    let out = app.register_with(&key, &ups(10)).await;
    app.poll_at(chrono::Utc::now()).await;
    let out = app.shipment(&key, &out).await;
    assert_eq!(out["status"], "out_for_delivery", "{out}");
    let w = &out["estimate"];
    assert_eq!(w["source"], "learned", "{out}");
    let end = chrono::DateTime::parse_from_rfc3339(w["latest"].as_str().unwrap()).unwrap();
    assert!(
        end.with_timezone(&chrono::Utc) - now < chrono::Duration::hours(48),
        "the last leg ends today or tomorrow where it goes: {w}"
    );

    let page = app
        .http
        .get(s["tracking_url"].as_str().unwrap())
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    let day = |k: &str| {
        at(k)
            .with_timezone(&chrono_tz::America::Sao_Paulo)
            .format("%-d")
            .to_string()
    };
    assert!(
        html.contains("Arriving ") || html.contains("Expected "),
        "the window on the page"
    );
    assert!(html.contains(&day("latest")), "{}", day("latest"));
}

/// The shop's parcels with UPS have been taking two weeks (eight delivered lately); a new one promised in three
/// days gets the `likely_late` delay once, before the promise breaks, and its page says
/// it is running late with the learned window.
#[tokio::test]
async fn a_parcel_trending_late_is_told_once_before_its_promise_breaks() {
    let (fake, app) = ups_app().await;
    let (_, key) = app.create_merchant("Slow Lane Co").await;
    let picked = chrono::Utc::now() - chrono::Duration::days(17);
    history(&app, &fake, &key, picked, (1..=8, 14)).await;

    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();
    let now = chrono::Utc::now();
    let mut body = ups(20);
    let promised = (now + chrono::Duration::days(3)).date_naive();
    body["order"]["promised_by"] = serde_json::json!(promised.to_string());
    let number = "1ZLEARN00000000020";
    let picked = now - chrono::Duration::hours(2);
    let (pd, pt) = (
        picked.format("%Y%m%d").to_string(),
        picked.format("%H%M%S").to_string(),
    );
    let scan = serde_json::json!({"trackResponse": {"shipment": [{"package": [{"trackingNumber": number, "activity": [
        {"date": pd, "time": pt, "gmtOffset": "+00:00", "status": {"type": "P", "code": "PU", "description": "Pickup Scan"}}]}]}]}});
    fake.answer(number, 200, scan.to_string());
    let s = app.register_with(&key, &body).await;
    for hours in [0, 13, 26] {
        app.poll_at(now + chrono::Duration::hours(hours)).await;
        notifier.consume_once(now).await.unwrap();
        notifier
            .deliver_once(now + chrono::Duration::hours(hours))
            .await
            .unwrap();
    }
    let delays = crate::notify::delays(&app, &key).await;
    assert_eq!(delays, ["likely_late:sent"], "once");
    let all = crate::notify::messages(&app);
    let (_, late) = all
        .iter()
        .find(|(_, m)| m.contains("likely arrive after the date we promised"))
        .expect("the likely_late message");
    assert!(
        late.contains("Arriving ") || late.contains("Expected: "),
        "the learned window: {late}"
    );
    let got = app.shipment(&key, &s).await;
    assert_eq!(got["status"], "in_transit");
    assert_eq!(got["late"], false, "told before the promise broke: {got}");
    let e = &got["estimate"];
    assert_eq!(e["source"], "learned", "{got}");
    let latest = chrono::DateTime::parse_from_rfc3339(e["latest"].as_str().unwrap()).unwrap();
    assert!(latest.date_naive() > promised, "{e}");
    let page = app
        .http
        .get(got["tracking_url"].as_str().unwrap())
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    let line = html
        .split("class=\"eta\">")
        .nth(1)
        .unwrap_or("")
        .split('<')
        .next()
        .unwrap_or("");
    assert!(line.starts_with("Running late: now "), "{line:?}");
}

/// One poll, and the notifier's steps, as if the clock read `at`: delivering until nothing
/// is due (a message held back by the shop's share of sends is due a second later).
async fn step(app: &crate::helpers::TestApp, at: chrono::DateTime<chrono::Utc>) {
    app.poll_at(at).await;
    let notifier = &app.parts.notifier;
    notifier.consume_once(at).await.unwrap();
    for k in 0..20 {
        let when = at.max(chrono::Utc::now()) + chrono::Duration::seconds(2 * k);
        if notifier.deliver_once(when).await.unwrap().claimed == 0 {
            break;
        }
    }
}

/// A UPS answer with one pickup scan at `picked`.
fn ups_picked(number: &str, picked: chrono::DateTime<chrono::Utc>) -> String {
    let (pd, pt) = (
        picked.format("%Y%m%d").to_string(),
        picked.format("%H%M%S").to_string(),
    );
    serde_json::json!({"trackResponse": {"shipment": [{"package": [{"trackingNumber": number, "activity": [
        {"date": pd, "time": pt, "gmtOffset": "+00:00", "status": {"type": "P", "code": "PU", "description": "Pickup Scan"}}]}]}]}})
    .to_string()
}

/// Registers UPS parcel `n`, which the carrier says it picked up at `picked`.
async fn register_picked(
    app: &crate::helpers::TestApp,
    fake: &crate::fake_carriers::FakeCarrier,
    key: &str,
    n: u32,
    picked: chrono::DateTime<chrono::Utc>,
) -> serde_json::Value {
    let number = format!("1ZLEARN{n:011}");
    fake.answer(&number, 200, ups_picked(&number, picked));
    app.register_with(key, &ups(n)).await
}

/// The lane took three working days; then a run of twelve-day deliveries. A parcel in
/// transit, its first window stated silently, hears of the new one once: an ETA change
/// with the window (message and webhook), and the API says what it replaced.
#[tokio::test]
async fn a_window_that_moves_by_more_than_a_day_is_told_once() {
    let (hook, receiver) = crate::webhooks::start_receiver();
    let (fake, app) = ups_app().await;
    let (_, key) = app.create_merchant("Moving Co").await;
    app.subscribe_webhook(&key, &format!("{hook}/hook"), &["shipment.eta_changed"])
        .await;
    history(&app, &fake, &key, monday(3), (1..=4, 3)).await;
    app.parts.notifier.prepare().await.unwrap();
    let now = chrono::Utc::now();
    let s = register_picked(&app, &fake, &key, 30, now - chrono::Duration::hours(2)).await;
    // A label the carrier has not picked up: no window moving with the clock, no news.
    let label = "1ZLEARN00000000031";
    let created = now.format("%Y%m%d").to_string();
    let manifest = serde_json::json!({"trackResponse": {"shipment": [{"package": [{"trackingNumber": label, "activity": [
        {"date": created, "time": "000000", "gmtOffset": "+00:00", "status": {"type": "M", "code": "MP", "description": "Shipper created a label"}}]}]}]}});
    fake.answer(label, 200, manifest.to_string());
    let waiting = app.register_with(&key, &ups(31)).await;
    step(&app, now).await;
    let first = app.shipment(&key, &s).await["estimate"].clone();
    assert_eq!(first["source"], "learned", "{first}");
    assert!(
        first["revised"].is_null(),
        "the first window is no news: {first}"
    );

    history(
        &app,
        &fake,
        &key,
        now - chrono::Duration::days(13),
        (40..=51, 12),
    )
    .await;
    let later = now + chrono::Duration::days(1);
    step(&app, later).await;
    step(&app, later + chrono::Duration::hours(2)).await;
    let got = app.shipment(&key, &s).await;
    let e = &got["estimate"];
    let day =
        |v: &serde_json::Value| chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
    // As the poller stated it (a moment before the API drew `first`).
    let from = day(&e["revised"]["from_likely"]);
    assert!(
        (from - day(&first["likely"])).abs() < chrono::Duration::hours(12),
        "{got}"
    );
    assert!(
        day(&e["likely"]) - day(&first["likely"]) > chrono::Duration::days(1),
        "{e} after {first}"
    );
    for days in [2, 3] {
        step(&app, now + chrono::Duration::days(days)).await;
    }
    let waiting = app.shipment(&key, &waiting).await;
    assert_eq!(waiting["status"], "info_received", "{waiting}");
    let got_hooks = receiver.lock().unwrap().got.clone();
    assert_eq!(
        got_hooks.len(),
        1,
        "once, and none for the label: {got_hooks:?}"
    );
    let body: serde_json::Value = serde_json::from_str(&got_hooks[0].body).unwrap();
    assert_eq!(body["type"], "shipment.eta_changed");
    assert_eq!(body["data"]["estimate"]["likely"], e["likely"], "{body}");
    let told = crate::notify::messages(&app);
    let (_, told) = told
        .iter()
        .find(|(_, m)| m.contains("Subject: New delivery date"))
        .expect("the ETA change message");
    assert!(
        told.contains("we have updated the expected delivery date"),
        "learned, not the carrier's: {told}"
    );
    let end = day(&e["latest"]).with_timezone(&chrono_tz::America::Sao_Paulo);
    assert!(
        told.contains(&end.format("%-d %b").to_string())
            || told.contains(&end.format("%b %-d").to_string()),
        "the new window, to its last day ({end}): {told}"
    );
}

/// A delivery of a parcel whose hand-over was never kept (its first keep failed) changes
/// nothing and says so; kept with its hand-over then, it counts once, and again changes
/// nothing.
#[tokio::test]
async fn a_delivery_of_a_parcel_never_kept_says_so_and_is_then_kept_with_its_hand_over() {
    use shipmate::store::{Handed, Keeping, Kept};
    let app = crate::helpers::spawn_app().await;
    let (merchant, _) = app.create_merchant("Keep Co").await;
    let m = shipmate::domain::MerchantId::parse(&merchant).unwrap();
    let id = shipmate::domain::ShipmentId::from_random([7; 12]);
    let store = &app.parts.store;
    let now = chrono::Utc::now();
    let kept = store.keep_recent(&m, &id, Kept::Delivered(4.0), now).await;
    assert_eq!(kept.unwrap(), Keeping::Unseen);
    assert!(store.recent(&m).await.unwrap().is_empty());

    let handed = Handed {
        // Kept to the second.
        at: chrono::DateTime::from_timestamp(now.timestamp() - 6 * 86_400, 0).unwrap(),
        expected: 3.0,
        country: Some("BR".into()),
        zone: chrono_tz::America::Sao_Paulo,
    };
    let both = Kept::Both(&handed, 4.0);
    assert_ne!(
        store.keep_recent(&m, &id, both, now).await.unwrap(),
        Keeping::Unseen
    );
    assert_ne!(
        store.keep_recent(&m, &id, both, now).await.unwrap(),
        Keeping::Unseen
    );
    let recent = store.recent(&m).await.unwrap();
    assert_eq!(recent, vec![(handed, Some(4.0))]);
}

/// The lane has taken three working days; then the shop's recent parcels run slow: of
/// 24 picked up three weeks ago, 13 arrived after seven working days and 11 are still
/// out. The next parcel's window follows the recent pace (seven working days or more),
/// not the lane's three.
#[tokio::test]
async fn a_slow_run_of_recent_parcels_moves_the_next_window_before_it_arrives() {
    let (fake, app) = ups_app().await;
    let (merchant, key) = app.create_merchant("Strike Co").await;
    history(&app, &fake, &key, monday(5), (100..=129, 3)).await;
    let now = chrono::Utc::now();
    let picked = monday(3);
    for i in 200..224 {
        let number = format!("1ZLEARN{i:011}");
        fake.answer(&number, 200, ups_picked(&number, picked));
        app.register_with(&key, &ups(i)).await;
    }
    while app.poll_at(chrono::Utc::now()).await.claimed > 0 {}
    for i in 200..213 {
        let number = format!("1ZLEARN{i:011}");
        fake.answer(&number, 200, ups_delivered(&number, picked, 9));
    }
    let later = now + chrono::Duration::days(1);
    while app.poll_at(later).await.claimed > 0 {}

    // The pace is drawn at most every ten minutes (the first hand-over drew it from one
    // parcel); ten minutes on, the poller draws it again.
    let merchant = shipmate::domain::MerchantId::parse(&merchant).unwrap();
    app.parts.poller.draw_pace(&merchant, later).await.unwrap();
    let s = register_picked(&app, &fake, &key, 300, now - chrono::Duration::hours(2)).await;
    while app.poll_at(later).await.claimed > 0 {}

    let e = app.shipment(&key, &s).await["estimate"].clone();
    assert_eq!(e["source"], "learned", "{e}");
    let likely = chrono::DateTime::parse_from_rfc3339(e["likely"].as_str().unwrap()).unwrap();
    assert!(
        likely.with_timezone(&chrono::Utc) - now > chrono::Duration::days(7),
        "the recent pace, not the lane's three days: {e}"
    );
}

/// Rollups written before each kept its own decay (15 days) keep counting after the
/// upgrade to a year: read, they are decayed to now under their own; the next delivery
/// re-anchors them, so the old parcels and the new weigh on one scale (without it the new
/// parcels would weigh e^-3 of the old).
#[tokio::test]
async fn rollups_kept_under_the_old_decay_weigh_with_new_parcels_on_one_scale() {
    let app = crate::helpers::spawn_app().await;
    let (merchant, _) = app.create_merchant("Upgraded Co").await;
    let merchant = shipmate::domain::MerchantId::parse(&merchant).unwrap();
    let (store, level) = (&app.parts.store, vec!["c:ups".to_owned()]);
    let tau = shipmate::domain::estimate::Model::default().tau;
    let bucket = shipmate::domain::estimate::bucket;
    let now = chrono::Utc::now();
    // Ten parcels of two working days, delivered 15 days ago, anchored 60 days ago.
    let key = store.keys().estimates(&merchant, "c:ups");
    let mut conn = store.connection();
    let anchor = (now - chrono::Duration::days(60)).timestamp();
    let () = redis::cmd("HSET")
        .arg(&key)
        .arg("a")
        .arg(anchor)
        .arg(bucket(2.0))
        .arg(10.0 * 3f64.exp())
        .query_async(&mut conn)
        .await
        .unwrap();
    let read = || async {
        store
            .transit_rollups(&merchant, &level, tau)
            .await
            .unwrap()
            .0
    };
    let rollups = read().await;
    let old = 10.0 * (-1f64).exp();
    assert!(
        (rollups[0].count(now, tau) - old).abs() < 0.05,
        "{rollups:?}"
    );

    store
        .learn_transit(&merchant, &level, (4.0, now), tau)
        .await
        .unwrap();
    let rollups = read().await;
    let share = rollups[0].distribution().unwrap()[usize::from(bucket(4.0))];
    assert!((share - 1.0 / (1.0 + old)).abs() < 0.01, "{rollups:?}");
    let count = rollups[0].count(now, tau);
    assert!((count - (1.0 + old)).abs() < 0.05, "{rollups:?}");
    let kept: u64 = redis::cmd("HGET")
        .arg(&key)
        .arg("t")
        .query_async(&mut conn)
        .await
        .unwrap();
    assert_eq!(kept, tau.as_secs());
}
