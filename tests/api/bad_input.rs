//! Bad input gets a clear `application/problem+json` error naming the field, and changes nothing.

use serde_json::{Value, json};

use crate::helpers::{TestApp, number, shipment_body, spawn_app};

async fn post_raw(app: &TestApp, key: &str, body: impl Into<reqwest::Body>) -> (u16, Value) {
    let resp = app
        .http
        .post(app.url("/api/v1/shipments"))
        .bearer_auth(key)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    assert_eq!(resp.headers()["content-type"], "application/problem+json");
    (status, resp.json().await.unwrap())
}

fn fields(problem: &Value) -> Vec<&str> {
    problem["errors"]
        .as_array()
        .map(|a| a.iter().map(|e| e["field"].as_str().unwrap()).collect())
        .unwrap_or_default()
}

async fn assert_nothing_stored(app: &TestApp, key: &str) {
    let (_, list) = app.get_json(key, "/api/v1/shipments").await;
    assert_eq!(list["items"], json!([]), "nothing may be stored");
}

#[tokio::test]
async fn malformed_json_is_a_400() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    for body in ["{\"tracking_number\": ", "not json", "", "[1,2]"] {
        let (status, problem) = post_raw(&app, &key, body).await;
        assert_eq!(status, 400, "{body:?}: {problem}");
        assert_eq!(problem["status"], 400);
        assert!(
            problem["detail"].as_str().unwrap().contains("JSON")
                || problem["detail"].as_str().unwrap().contains("body")
        );
    }
    assert_nothing_stored(&app, &key).await;
}

#[tokio::test]
async fn missing_and_invalid_fields_are_a_422_naming_each_field() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let (status, problem) = post_raw(&app, &key, "{}").await;
    assert_eq!(status, 422);
    assert_eq!(
        fields(&problem),
        ["tracking_number", "order.number"],
        "carrier is optional (detected)"
    );

    let mut body = shipment_body(&number("OT"));
    body["customer"]["email"] = json!("not-an-email");
    body["order"]["promised_by"] = json!("next week");
    body["destination"]["country"] = json!("Brazil");
    let (status, problem) = post_raw(&app, &key, body.to_string()).await;
    assert_eq!(status, 422);
    assert_eq!(
        fields(&problem),
        ["order.promised_by", "customer.email", "destination.country"]
    );

    let mut body = shipment_body(&number("OT"));
    body["order"]["items"][0]["quantity"] = json!("two");
    let (status, problem) = post_raw(&app, &key, body.to_string()).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(fields(&problem), ["order.items[0].quantity"]);
    assert_nothing_stored(&app, &key).await;
}

#[tokio::test]
async fn unknown_carriers_and_bad_numbers_are_refused() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut body = shipment_body(&number("OT"));
    body["carrier"] = json!("pigeon_post");
    let (status, problem) = post_raw(&app, &key, body.to_string()).await;
    assert_eq!((status, fields(&problem)), (422, vec!["carrier"]));
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("sandbox"),
        "lists the configured carriers"
    );

    for bad in ["SBOT1234<script>", "SB OT 1234 567Ø", "SBZZ12345678", "X1"] {
        let (status, problem) = post_raw(&app, &key, shipment_body(bad).to_string()).await;
        assert_eq!(
            (status, fields(&problem)),
            (422, vec!["tracking_number"]),
            "{bad}"
        );
    }
    assert_nothing_stored(&app, &key).await;
}

#[tokio::test]
async fn oversized_bodies_are_a_413() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut body = shipment_body(&number("OT"));
    body["order"]["items"][0]["name"] = json!("x".repeat(70_000));
    let (status, problem) = post_raw(&app, &key, body.to_string()).await;
    assert_eq!(status, 413, "{problem}");
    assert_nothing_stored(&app, &key).await;
}

#[tokio::test]
async fn unknown_routes_and_ids_are_404s() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    assert_eq!(
        app.get_json(&key, "/api/v1/shipments/shp_000000000000000000000000")
            .await
            .0,
        404
    );
    assert_eq!(
        app.get_json(&key, "/api/v1/shipments/../../etc").await.0,
        404
    );
    let (status, problem) = app.get_json(&key, "/api/v1/nope").await;
    assert_eq!((status, problem["status"].as_u64()), (404, Some(404)));
}
