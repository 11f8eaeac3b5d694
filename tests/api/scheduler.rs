//! Scheduled jobs: expiry sweep, retention purge, one run per slot across replicas.

use chrono::{Duration, Utc};
use shipmate::domain::ShipmentId;
use shipmate::roles::Parts;
use shipmate::scheduler::Job;

use crate::helpers::{number, spawn_app};

#[tokio::test]
async fn idle_shipments_expire_even_when_nobody_polls_them() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("ST")).await;
    app.poll_journeys().await;
    let sched = &app.parts.scheduler;
    let early = sched
        .run_job_once(Job::ExpirySweep, Utc::now() + Duration::days(29))
        .await
        .unwrap();
    assert_eq!(early.processed, 0);
    let late = sched
        .run_job_once(Job::ExpirySweep, Utc::now() + Duration::days(31))
        .await
        .unwrap();
    assert_eq!(late.processed, 1);
    let api = app.shipment(&key, &s).await;
    assert_eq!(api["status"], "expired");
    assert_eq!(api["events"][0]["synthetic"], true);
    assert_eq!(api["events"][0]["substatus"], "no_scans_expired");
    let (_, html) = app
        .page(&s["tracking_url"].as_str().unwrap().replace(&app.addr, ""))
        .await;
    assert!(html.contains("No news from the carrier"));
}

#[tokio::test]
async fn the_poller_expires_a_shipment_whose_carrier_never_scans_again() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("ST")).await;
    app.poll_journeys().await;
    while app.poll_at(Utc::now() + Duration::days(31)).await.claimed > 0 {}
    let api = app.shipment(&key, &s).await;
    assert_eq!(api["status"], "expired");
}

#[tokio::test]
async fn finished_shipments_are_purged_after_retention() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    let id = ShipmentId::parse(s["id"].as_str().unwrap()).unwrap();
    app.poll_journeys().await;
    let page = s["tracking_url"].as_str().unwrap().replace(&app.addr, "");
    assert_eq!(app.page(&page).await.0, 200);
    let sched = &app.parts.scheduler;
    let early = sched
        .run_job_once(Job::RetentionPurge, Utc::now() + Duration::days(80))
        .await
        .unwrap();
    assert_eq!(early.processed, 0);
    let late = sched
        .run_job_once(Job::RetentionPurge, Utc::now() + Duration::days(92))
        .await
        .unwrap();
    assert_eq!(late.processed, 1);
    assert!(app.parts.store.shipment(&id).await.unwrap().is_none());
    assert_eq!(app.page(&page).await.0, 404);
    let (_, list) = app.get_json(&key, "/api/v1/shipments").await;
    assert_eq!(list["items"], serde_json::json!([]));
}

#[tokio::test]
async fn a_job_runs_once_per_slot_across_replicas() {
    let app = spawn_app().await;
    let other = Parts::build(app.parts.config.clone()).await.unwrap();
    let slot = Utc::now();
    let (a, b) = tokio::join!(
        app.parts.scheduler.run_slot(Job::ExpirySweep, slot),
        other.scheduler.run_slot(Job::ExpirySweep, slot)
    );
    let ran = [a.unwrap(), b.unwrap()]
        .iter()
        .filter(|r| r.is_some())
        .count();
    assert_eq!(ran, 1);
    let next = app
        .parts
        .scheduler
        .run_slot(Job::ExpirySweep, slot + Duration::minutes(5))
        .await
        .unwrap();
    assert!(next.is_some(), "the next slot runs again");
}
