//! The core journeys on a real 3-master Redis Cluster started by the harness: register →
//! poll → notify → page → feedback, for parcels whose keys land on every master. (The whole
//! suite runs on the cluster with `SHIPMATE_TEST_REDIS=cluster`.)

use std::time::Duration;

use chrono::Utc;
use serde_json::Value;
use shipmate::domain::{Channel, ShipmentId, Trigger};

use crate::helpers::{Options, number, shipment_body, spawn_app_with, use_cluster};

const PARCELS: usize = 8;

#[tokio::test]
async fn parcels_spread_over_a_redis_cluster_go_the_whole_way() {
    let mut o = Options::default();
    o.sim.speed = 1.0;
    o.configure = Box::new(|c| {
        use_cluster(c);
        c.redis.shards = 16;
        c.notifier.channels = vec![Channel::Outbox];
        c.notifier.triggers = Trigger::ALL.to_vec();
        c.notifier.reclaim_after = Duration::ZERO;
        c.notifier.feedback_after = vec![Duration::from_secs(7200)];
    });
    let app = spawn_app_with(o).await;
    let (_, key) = app.create_merchant("Acme").await;
    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();

    let mut parcels: Vec<Value> = vec![];
    for i in 0..PARCELS {
        let mut body = shipment_body(&number("OT"));
        body["order"]["number"] = format!("20{i:02}").into();
        body["customer"]["email"] = format!("buyer{i}@example.com").into();
        parcels.push(app.register_with(&key, &body).await);
    }
    let (status, list) = app.get_json(&key, "/api/v1/shipments?limit=50").await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["items"].as_array().unwrap().len(), PARCELS);

    let now = Utc::now();
    for (day, minutes) in [0, 130, 2800, 400].into_iter().enumerate() {
        app.advance_sim(minutes).await;
        while app
            .poll_at(now + chrono::Duration::days(day as i64))
            .await
            .claimed
            > 0
        {}
        notifier.consume_once(now).await.unwrap();
        notifier.deliver_once(now).await.unwrap();
    }
    let (_, sent) = app.get_json(&key, "/api/v1/notifications?limit=100").await;
    let sent = sent["notifications"].as_array().unwrap().clone();
    let count = |status: &str| sent.iter().filter(|n| n["status"] == status).count();
    assert_eq!(
        count("sent"),
        4 * PARCELS,
        "four messages a parcel: {sent:?}"
    );
    assert_eq!(
        count("queued"),
        PARCELS,
        "the feedback requests wait: {sent:?}"
    );

    for s in &parcels {
        assert_eq!(app.shipment(&key, s).await["status"], "delivered");
        let (status, page) = app.page(&tracking_path(s)).await;
        assert_eq!(status, 200);
        assert!(page.contains("Delivered"), "{page}");
    }
    let later = notifier
        .deliver_once(now + chrono::Duration::hours(3))
        .await
        .unwrap();
    assert_eq!(later.sent, PARCELS, "one feedback request each");

    for (i, s) in parcels.iter().enumerate() {
        let rating = (i % 5 + 1).to_string();
        let resp = crate::feedback::send_form(s, &[("rating", rating.as_str())]).await;
        assert_eq!(resp.status(), 200);
        let id = ShipmentId::parse(s["id"].as_str().unwrap()).unwrap();
        let stored = app.parts.store.feedback(&id).await.unwrap().unwrap();
        assert_eq!(stored.rating.to_string(), rating);
    }
    let (status, answers) = app.get_json(&key, "/api/v1/feedback").await;
    assert_eq!(status, 200, "{answers}");
    assert_eq!(answers["items"].as_array().unwrap().len(), PARCELS);

    // The keys really are spread: every master holds some of this test's data.
    for url in crate::helpers::redis_cluster() {
        let mut node = redis::Client::open(url.as_str())
            .unwrap()
            .get_multiplexed_async_connection()
            .await
            .unwrap();
        let keys: Vec<String> = redis::cmd("KEYS")
            .arg(format!("{}:*", app.parts.config.redis.prefix))
            .query_async(&mut node)
            .await
            .unwrap();
        assert!(!keys.is_empty(), "{url} holds none of the keys");
    }
}

fn tracking_path(s: &Value) -> String {
    let url = s["tracking_url"].as_str().unwrap();
    url[url.find("/t/").unwrap()..].to_owned()
}
