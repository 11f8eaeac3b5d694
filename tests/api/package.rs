//! The QR code on the packaging: decoded with a real QR decoder (rqrr) from the PNG the API
//! serves, and followed to the package page, which knows where the parcel is.

use chrono::Utc;
use serde_json::Value;
use shipmate::domain::ShipmentId;

use crate::helpers::{number, shipment_body, spawn_app};

/// Decodes the QR code in a PNG.
fn decode(bytes: &[u8]) -> String {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(info.color_type, png::ColorType::Grayscale);
    let (w, h) = (info.width as usize, info.height as usize);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one code in the picture");
    grids[0].decode().unwrap().1
}

#[tokio::test]
async fn the_printed_code_opens_tracking_before_delivery_and_feedback_after() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    let id = s["id"].as_str().unwrap();
    let token = s["tracking_url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let png = app
        .http
        .get(app.url(&format!("/api/v1/shipments/{id}/qr.png?size=300")))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(png.headers()["content-type"], "image/png");
    let url = decode(&png.bytes().await.unwrap());
    assert_eq!(url, format!("{}/p/{token}", app.addr));

    let follow = |url: String| {
        let http = app.http.clone();
        async move {
            let r = http.get(&url).send().await.unwrap();
            assert_eq!(r.status(), 303);
            r.headers()["location"].to_str().unwrap().to_owned()
        }
    };
    assert_eq!(
        follow(url.clone()).await,
        format!("/t/{token}"),
        "before delivery: tracking"
    );
    app.poll_journeys().await;
    assert_eq!(
        follow(url.clone()).await,
        format!("/f/{token}?s=qr"),
        "delivered: feedback"
    );
    let sid = ShipmentId::parse(id).unwrap();
    let first = app.parts.store.first_scan(&sid).await.unwrap().unwrap();
    assert!(first <= Utc::now().timestamp_millis());

    let svg = app
        .http
        .get(app.url(&format!("/api/v1/shipments/{id}/qr.svg")))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    assert!(svg.text().await.unwrap().contains("viewBox"));
    let (status, problem) = app
        .get_json(&key, &format!("/api/v1/shipments/{id}/qr.png?size=10"))
        .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("size"))
    );
    let (_, other) = app.create_merchant("Other").await;
    assert_eq!(
        app.get_json(&other, &format!("/api/v1/shipments/{id}/qr.svg"))
            .await
            .0,
        404
    );
    assert_eq!(
        app.http
            .get(app.url("/p/AAAAAAAAAAAAAAAAAAAAAA"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn inserts_print_one_page_per_parcel_in_the_customers_language() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut ids = vec![];
    for locale in ["en", "pt-BR"] {
        let mut body = shipment_body(&number("OT"));
        body["customer"]["locale"] = serde_json::json!(locale);
        let s = app.register_with(&key, &body).await;
        ids.push(s["id"].as_str().unwrap().to_owned());
    }
    let one = app
        .http
        .get(app.url(&format!("/api/v1/shipments/{}/insert", ids[0])))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(one.status(), 200);
    let html = one
        .text()
        .await
        .unwrap()
        .replace(['\u{2068}', '\u{2069}'], "");
    assert!(html.contains("Scan to follow your parcel and tell us how it went"));
    assert_eq!(html.matches("<section class=\"insert\"").count(), 1);
    assert!(
        html.contains("<svg") && html.contains("/p/"),
        "the code and the short URL"
    );

    let both = app
        .http
        .post(app.url("/api/v1/inserts"))
        .bearer_auth(&key)
        .json(&serde_json::json!({"shipment_ids": ids}))
        .send()
        .await
        .unwrap();
    let html = both.text().await.unwrap();
    assert_eq!(html.matches("<section class=\"insert\"").count(), 2);
    assert!(html.contains("lang=\"pt-BR\"") && html.contains("Escaneie para acompanhar"));

    let bad = app
        .http
        .post(app.url("/api/v1/inserts"))
        .bearer_auth(&key)
        .json(&serde_json::json!({"shipment_ids": [ids[0], "shp_nope"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let problem: Value = bad.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "shipment_ids[1]");
}

#[tokio::test]
async fn once_answered_the_code_says_thank_you() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    app.poll_journeys().await;
    let token = s["tracking_url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    crate::feedback::send_form(&s, &[("rating", "2")]).await;
    let landing = app
        .http
        .get(app.url(&format!("/p/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(landing.headers()["location"], format!("/f/{token}/thanks"));
    let page = app
        .page(&format!("/f/{token}/thanks"))
        .await
        .1
        .replace(['\u{2068}', '\u{2069}'], "");
    assert!(
        page.contains("Thank you!") && page.contains("Contact Acme"),
        "{page}"
    );
}
