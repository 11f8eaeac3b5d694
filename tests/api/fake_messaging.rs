//! Fakes of Twilio's Messages API and WhatsApp's Cloud API at their HTTP edge, answering
//! with the documented response shapes, recording what they were sent.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::{Value, json};

pub const TWILIO_SID: &str = "AC00000000000000000000000000000001";
pub const TWILIO_TOKEN: &str = "twilio-auth-token";
pub const WA_PHONE_ID: &str = "106540352242922";
pub const WA_TOKEN: &str = "EAAwhatsapp-token";

#[derive(Default)]
pub struct Outbox {
    /// Twilio: the form fields of each accepted or refused request.
    pub sms: Vec<Value>,
    /// WhatsApp: the JSON body of each request.
    pub whatsapp: Vec<Value>,
    /// Scripted WhatsApp errors, answered in order before succeeding: (status, Meta code).
    pub whatsapp_errors: Vec<(u16, i64)>,
}

pub struct FakeMessaging {
    pub url: String,
    pub sent: Arc<Mutex<Outbox>>,
}

async fn twilio(
    req: HttpRequest,
    sid: web::Path<String>,
    form: web::Form<std::collections::HashMap<String, String>>,
    state: web::Data<Mutex<Outbox>>,
) -> HttpResponse {
    use base64::Engine;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{TWILIO_SID}:{TWILIO_TOKEN}"))
    );
    let auth = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    if auth != Some(expected.as_str()) || sid.as_str() != TWILIO_SID {
        return HttpResponse::Unauthorized().json(json!({"code": 20003, "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401}));
    }
    let to = form.get("To").cloned().unwrap_or_default();
    state.lock().unwrap().sms.push(json!(form.into_inner()));
    if !to.starts_with('+') {
        return HttpResponse::BadRequest().json(json!({"code": 21211, "message": format!("The 'To' number {to} is not a valid phone number."), "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}));
    }
    HttpResponse::Created().json(json!({
        "account_sid": TWILIO_SID, "api_version": "2010-04-01", "body": "…", "date_created": "Thu, 24 Aug 2023 05:01:45 +0000",
        "direction": "outbound-api", "error_code": null, "error_message": null, "from": "+15557122661", "num_media": "0",
        "num_segments": "1", "price": null, "price_unit": "USD", "sid": "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "status": "queued", "to": to,
        "uri": format!("/2010-04-01/Accounts/{TWILIO_SID}/Messages/SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json")
    }))
}

async fn whatsapp(
    req: HttpRequest,
    phone_id: web::Path<String>,
    body: web::Json<Value>,
    state: web::Data<Mutex<Outbox>>,
) -> HttpResponse {
    let auth = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    if auth != Some(&format!("Bearer {WA_TOKEN}")) || phone_id.as_str() != WA_PHONE_ID {
        return HttpResponse::Unauthorized().json(json!({"error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190, "fbtrace_id": "AbCdEf"}}));
    }
    let mut s = state.lock().unwrap();
    s.whatsapp.push(body.clone());
    if !s.whatsapp_errors.is_empty() {
        let (status, code) = s.whatsapp_errors.remove(0);
        return HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap()).json(json!({"error": {
            "message": "(#131026) Message Undeliverable.", "type": "OAuthException", "code": code,
            "error_data": {"messaging_product": "whatsapp", "details": "Message Undeliverable."}, "fbtrace_id": "A2bC3dE4"}}));
    }
    let to = body["to"].as_str().unwrap_or("").to_owned();
    HttpResponse::Ok().json(json!({"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": to}],
        "messages": [{"id": "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA", "message_status": "accepted"}]}))
}

pub fn start() -> FakeMessaging {
    let state = web::Data::new(Mutex::new(Outbox::default()));
    let sent = state.clone().into_inner();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .route(
                "/2010-04-01/Accounts/{sid}/Messages.json",
                web::post().to(twilio),
            )
            .route("/v21.0/{phone_id}/messages", web::post().to(whatsapp))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    FakeMessaging { url, sent }
}

/// Points the SMS and WhatsApp channels of a config at the fake.
pub fn configure(c: &mut shipmate::config::Config, url: &str) {
    c.notifier.sms.base_url = url.to_owned();
    c.notifier.sms.account_sid = TWILIO_SID.into();
    c.notifier.sms.auth_token = TWILIO_TOKEN.into();
    c.notifier.sms.from = "+15557122661".into();
    c.notifier.whatsapp.base_url = format!("{url}/v21.0");
    c.notifier.whatsapp.phone_number_id = WA_PHONE_ID.into();
    c.notifier.whatsapp.access_token = WA_TOKEN.into();
}
