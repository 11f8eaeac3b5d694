//! Messages to phones: WhatsApp first, SMS when WhatsApp cannot deliver, and the night
//! respected in the customer's time zone.

use chrono::{Timelike, Utc};
use serde_json::{Value, json};
use shipmate::domain::Channel;

use crate::fake_messaging;
use crate::helpers::{Options, TestApp, number, shipment_body, spawn_app_with};

async fn app(url: String, channels: Vec<Channel>, quiet: Option<(u32, u32)>) -> TestApp {
    let mut o = Options::default();
    o.sim.speed = 1.0;
    o.configure = Box::new(move |c| {
        fake_messaging::configure(c, &url);
        c.notifier.channels = channels;
        c.notifier.quiet_hours = quiet.map(|(a, b)| {
            (
                chrono::NaiveTime::from_hms_opt(a, 0, 0).unwrap(),
                chrono::NaiveTime::from_hms_opt(b, 0, 0).unwrap(),
            )
        });
    });
    spawn_app_with(o).await
}

fn pt_br_shipment() -> Value {
    let mut body = shipment_body(&number("OT"));
    body["customer"]["locale"] = json!("pt-BR");
    body
}

#[tokio::test]
async fn whatsapp_first_then_sms_when_whatsapp_cannot_deliver() {
    let fake = fake_messaging::start();
    fake.sent.lock().unwrap().whatsapp_errors = vec![(400, 131026)];
    let app = app(
        fake.url.clone(),
        vec![Channel::Whatsapp, Channel::Sms],
        None,
    )
    .await;
    let (_, key) = app.create_merchant("Loja").await;
    let s = app.register_with(&key, &pt_br_shipment()).await;
    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();
    let now = Utc::now();
    app.poll_at(now).await;
    notifier.consume_once(now).await.unwrap();
    let first = notifier.deliver_once(now).await.unwrap();
    assert_eq!(
        (first.sent, first.dead),
        (0, 1),
        "WhatsApp refused: {first:?}"
    );
    let fallback = notifier.deliver_once(now).await.unwrap();
    assert_eq!(fallback.sent, 1, "the same message by SMS");
    {
        let sent = fake.sent.lock().unwrap();
        let wa = &sent.whatsapp[0];
        assert_eq!(wa["to"], "5511912345678");
        assert_eq!(wa["template"]["name"], "shipment_update");
        assert_eq!(wa["template"]["language"]["code"], "pt_BR");
        assert_eq!(
            wa["template"]["components"][0]["parameters"][0]["text"],
            "Seu pedido 1001 foi enviado"
        );
        let sms = &sent.sms[0];
        assert_eq!(sms["To"], "+5511912345678");
        assert_eq!(sms["From"], "+15557122661");
        let text = sms["Body"].as_str().unwrap();
        assert!(
            text.starts_with("Loja: Seu pedido 1001 foi enviado."),
            "{text}"
        );
        assert!(text.contains(&format!("{}/t/", app.addr)));
    }
    let (_, list) = app
        .get_json(
            &key,
            &format!(
                "/api/v1/notifications?shipment_id={}",
                s["id"].as_str().unwrap()
            ),
        )
        .await;
    let channels: Vec<(&str, &str)> = list["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["channel"].as_str().unwrap(),
                n["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        channels.contains(&("whatsapp", "dead")) && channels.contains(&("sms", "sent")),
        "{channels:?}"
    );

    app.advance_sim(130).await;
    app.advance_sim(2800).await;
    app.poll_at(now + chrono::Duration::days(2)).await;
    notifier.consume_once(now).await.unwrap();
    assert_eq!(notifier.deliver_once(now).await.unwrap().sent, 1);
    assert_eq!(
        fake.sent.lock().unwrap().whatsapp.len(),
        2,
        "WhatsApp again for the next message"
    );
}

#[tokio::test]
async fn text_messages_wait_for_the_morning_unless_the_parcel_arrives_today() {
    let fake = fake_messaging::start();
    // A quiet window around this very moment in São Paulo (the destination's zone).
    let local = Utc::now()
        .with_timezone(&chrono_tz::America::Sao_Paulo)
        .hour();
    let window = ((local + 23) % 24, (local + 2) % 24);
    let app = app(fake.url.clone(), vec![Channel::Sms], Some(window)).await;
    let (_, key) = app.create_merchant("Loja").await;
    app.register_with(&key, &pt_br_shipment()).await;
    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();
    let now = Utc::now();
    app.poll_at(now).await;
    notifier.consume_once(now).await.unwrap();
    let night = notifier.deliver_once(now).await.unwrap();
    assert_eq!((night.sent, night.deferred), (0, 1), "{night:?}");
    assert!(fake.sent.lock().unwrap().sms.is_empty());

    app.advance_sim(130 + 2800).await;
    app.poll_at(now + chrono::Duration::days(2)).await;
    notifier.consume_once(now).await.unwrap();
    let urgent = notifier.deliver_once(now).await.unwrap();
    assert_eq!(urgent.sent, 1, "out for delivery goes at once: {urgent:?}");

    let morning = notifier
        .deliver_once(now + chrono::Duration::hours(3))
        .await
        .unwrap();
    assert_eq!(
        morning.sent, 0,
        "shipped is stale once out for delivery: {morning:?}"
    );
    let bodies: Vec<String> = fake
        .sent
        .lock()
        .unwrap()
        .sms
        .iter()
        .map(|m| m["Body"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(bodies.len(), 1);
    assert!(bodies[0].contains("chega hoje"), "{bodies:?}");
}
