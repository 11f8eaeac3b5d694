//! Carrier auto-detection over the API, and registration without a carrier.

use serde_json::{Value, json};

use crate::helpers::{number, shipment_body, spawn_app};

#[tokio::test]
async fn detect_ranks_candidates_with_their_check_digits() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let (status, body) = app
        .get_json(
            &key,
            "/api/v1/carriers/detect?tracking_number=1z%208v92%20a703%206720%203024",
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["tracking_number"], "1Z8V92A70367203024", "normalised");
    let best = &body["candidates"][0];
    assert_eq!(best["carrier"], "ups");
    assert_eq!(best["checksum_valid"], true);
    assert!(best["service"].as_str().unwrap().starts_with("UPS"));

    let (_, wrong) = app
        .get_json(
            &key,
            "/api/v1/carriers/detect?tracking_number=1Z8V92A70367203025",
        )
        .await;
    assert!(
        wrong["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["carrier"] != "ups" || c["checksum_valid"] == false)
    );

    let (_, s10) = app
        .get_json(
            &key,
            "/api/v1/carriers/detect?tracking_number=RB123456785BR",
        )
        .await;
    assert_eq!(s10["candidates"][0]["carrier"], "correios");

    let (_, sandbox) = app
        .get_json(
            &key,
            &format!("/api/v1/carriers/detect?tracking_number={}", number("OT")),
        )
        .await;
    assert_eq!(sandbox["candidates"][0]["carrier"], "sandbox");
    assert_eq!(sandbox["candidates"][0]["configured"], true);

    let (status, bad) = app
        .get_json(&key, "/api/v1/carriers/detect?tracking_number=%3Cscript%3E")
        .await;
    assert_eq!(
        (status, bad["errors"][0]["field"].as_str()),
        (422, Some("tracking_number"))
    );
    assert_eq!(
        app.get_json("sk_nope", "/api/v1/carriers/detect?tracking_number=1Z")
            .await
            .0,
        401
    );
}

#[tokio::test]
async fn registering_without_a_carrier_uses_the_detected_one() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut body = shipment_body(&number("OT"));
    body.as_object_mut().unwrap().remove("carrier");
    assert_eq!(app.register_with(&key, &body).await["carrier"], "sandbox");
}

#[tokio::test]
async fn an_unconfigured_or_unknown_carrier_is_a_422_listing_the_candidates() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut body = shipment_body("1Z8V92A70367203024");
    body["carrier"] = json!(null);
    let resp = app.post_shipment(&key, &body).await;
    assert_eq!(resp.status(), 422);
    let problem: Value = resp.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "carrier");
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("ups"),
        "{problem}"
    );
    assert_eq!(problem["candidates"][0]["carrier"], "ups");

    let unknown = app
        .post_shipment(&key, &{
            let mut b = shipment_body("QQQQ9999");
            b.as_object_mut().unwrap().remove("carrier");
            b
        })
        .await;
    assert_eq!(unknown.status(), 422);
    let problem: Value = unknown.json().await.unwrap();
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no known carrier"),
        "{problem}"
    );
    let (_, list) = app.get_json(&key, "/api/v1/shipments").await;
    assert_eq!(list["items"], json!([]), "nothing stored");
}
