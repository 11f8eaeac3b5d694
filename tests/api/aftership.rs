//! Couriers beyond the big ones: through AfterShip, InPost's public endpoint, and the
//! Correios' token-guarded batch endpoint.

use chrono::Utc;
use serde_json::json;

use crate::fake_carriers::{self, API_KEY};
use crate::helpers::{Options, spawn_app_with};

const YODEL: &str = "JJD0002257639032011";

#[tokio::test]
async fn an_unspoken_courier_is_created_at_aftership_then_tracked_through_it() {
    let fake = fake_carriers::start().await;
    fake.answer("aftership", 200, json!({"meta": {"code": 200}, "data": {"tracking": {"slug": "yodel", "tracking_number": YODEL,
        "checkpoints": [{"checkpoint_time": "2026-03-18T21:40:00+00:00", "tag": "InTransit", "subtag": "InTransit_002",
                         "message": "At the hub", "city": "Hatfield", "country_iso3": "GBR"}]}}}).to_string());
    let url = format!("{}/v4", fake.url);
    let app = spawn_app_with(Options {
        configure: Box::new(move |c| {
            c.carriers["aftership"].base_url = url;
            c.carriers["aftership"].api_key = API_KEY.into();
        }),
        ..Options::default()
    })
    .await;
    let (_, key) = app.create_merchant("Acme").await;
    let (_, detected) = app
        .get_json(
            &key,
            &format!("/api/v1/carriers/detect?tracking_number={YODEL}"),
        )
        .await;
    assert_eq!(
        (
            detected["candidates"][0]["carrier"].as_str(),
            detected["candidates"][0]["configured"].as_bool()
        ),
        (Some("yodel"), Some(true))
    );

    let mut body = crate::helpers::shipment_body(YODEL);
    body.as_object_mut().unwrap().remove("carrier");
    let s = app.register_with(&key, &body).await;
    assert_eq!(s["carrier"], "yodel");

    let first = app.poll_at(Utc::now()).await;
    assert_eq!(
        (first.claimed, first.failed),
        (1, 0),
        "not known at AfterShip yet: created there, not an error"
    );
    assert_eq!(
        fake.ledger.lock().unwrap().created,
        [("yodel".to_owned(), YODEL.to_owned())]
    );
    assert_eq!(app.shipment(&key, &s).await["status"], "pending");

    app.poll_at(Utc::now() + chrono::Duration::days(1)).await;
    let api = app.shipment(&key, &s).await;
    assert_eq!(api["status"], "in_transit");
    assert_eq!(
        crate::helpers::carrier_events(&api)[0]["location"],
        "Hatfield, GBR"
    );

    let mut unknown = crate::helpers::shipment_body("ZZ99PIGEON");
    unknown["carrier"] = json!("pigeon_post");
    assert_eq!(
        app.post_shipment(&key, &unknown).await.status(),
        422,
        "only couriers detection knows go to AfterShip"
    );
}

#[tokio::test]
async fn inpost_parcels_are_tracked_through_the_public_shipx_endpoint() {
    let fake = fake_carriers::start().await;
    fake.answer("inpost", 200, json!({"tracking_number": "602677439331630337653846", "status": "ready_to_pickup",
        "tracking_details": [{"status": "ready_to_pickup", "origin_status": "PRD", "datetime": "2026-02-25T13:37:40.000+01:00"}]}).to_string());
    let url = fake.url.clone();
    let app = spawn_app_with(Options {
        configure: Box::new(move |c| {
            c.carriers["inpost"].enabled = true;
            c.carriers["inpost"].base_url = url;
        }),
        ..Options::default()
    })
    .await;
    let (_, key) = app.create_merchant("Sklep").await;
    let mut body = crate::helpers::shipment_body("602677439331630337653846");
    body["carrier"] = json!("inpost");
    let s = app.register_with(&key, &body).await;
    app.poll_at(Utc::now()).await;
    assert_eq!(
        app.shipment(&key, &s).await["status"],
        "available_for_pickup"
    );
    assert_eq!(
        fake.ledger.lock().unwrap().requests[0].0,
        "602677439331630337653846"
    );
}

#[tokio::test]
async fn correios_parcels_are_tracked_in_one_batch_request_with_one_token() {
    let fake = fake_carriers::start().await;
    let event = |codigo: &str, descricao: &str, at: &str| {
        json!({"codigo": codigo, "tipo": "01", "dtHrCriado": at, "descricao": descricao,
               "unidade": {"endereco": {"cidade": "SAO PAULO", "uf": "SP"}}})
    };
    fake.answer("correios", 200, json!({"objetos": [
        {"codObjeto": "AA123456785BR", "eventos": [event("OEC", "Objeto saiu para entrega ao destinatário", "2026-05-11T08:02:11")]},
        {"codObjeto": "AA876543216BR", "eventos": [event("BDE", "Objeto entregue ao destinatário", "2026-05-11T14:30:00")]}
    ]}).to_string());
    let url = fake.url.clone();
    let app = spawn_app_with(Options {
        configure: Box::new(move |c| {
            c.carriers["correios"].base_url = url;
            c.carriers["correios"].username = fake_carriers::CP_USER.into();
            c.carriers["correios"].password = fake_carriers::CP_PASSWORD.into();
        }),
        ..Options::default()
    })
    .await;
    let (_, key) = app.create_merchant("Loja").await;
    let mut created = vec![];
    for number in ["AA123456785BR", "AA876543216BR"] {
        let mut body = crate::helpers::shipment_body(number);
        body.as_object_mut().unwrap().remove("carrier");
        let s = app.register_with(&key, &body).await;
        assert_eq!(s["carrier"], "correios", "detected from the S10 number");
        created.push(s);
    }
    app.poll_at(Utc::now()).await;
    assert_eq!(
        app.shipment(&key, &created[0]).await["status"],
        "out_for_delivery"
    );
    let delivered = app.shipment(&key, &created[1]).await;
    assert_eq!(delivered["status"], "delivered");
    assert_eq!(delivered["events"][0]["time"], "2026-05-11T14:30:00-03:00");
    assert_eq!(delivered["events"][0]["location"], "SAO PAULO, SP, BR");
    let ledger = fake.ledger.lock().unwrap();
    assert_eq!(ledger.issued.len(), 1, "one token");
    assert_eq!(ledger.requests.len(), 1, "one request for both parcels");
    let mut asked: Vec<&str> = ledger.requests[0].0.split(',').collect();
    asked.sort_unstable();
    assert_eq!(asked, ["AA123456785BR", "AA876543216BR"]);
}
