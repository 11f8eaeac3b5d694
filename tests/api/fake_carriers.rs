//! A fake of the UPS and FedEx OAuth and Track endpoints, fed with documented or recorded
//! bodies. It keeps a ledger of what it was asked, so tests can check how shipmate behaved.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};

#[derive(Default)]
pub struct Ledger {
    /// Tokens issued, in order.
    pub issued: Vec<String>,
    /// (tracking number, bearer token) of every track request.
    pub requests: Vec<(String, String)>,
    /// Tokens the fake now refuses (as if expired or revoked).
    pub revoked: Vec<String>,
    /// Refuse every token (the account lost access).
    pub refuse_all: bool,
    /// Per number: (HTTP status, body) to answer.
    pub answers: HashMap<String, (u16, String)>,
    /// When each track request arrived.
    pub times: Vec<std::time::Instant>,
    /// `Retry-After` seconds sent with 429 answers.
    pub retry_after_secs: u32,
    /// Lifetime of issued tokens (0: the default, 14399 s); older tokens are refused.
    pub expires_in: u64,
    pub issued_at: HashMap<String, std::time::Instant>,
    /// Requests that came with a token past its lifetime.
    pub expired_uses: usize,
    /// AfterShip: (slug, number) pairs created.
    pub created: Vec<(String, String)>,
    /// UPS Track Alert: the body of each subscription request.
    pub subscriptions: Vec<serde_json::Value>,
}

pub struct FakeCarrier {
    pub url: String,
    pub ledger: Arc<Mutex<Ledger>>,
    handle: actix_web::dev::ServerHandle,
}

impl Drop for FakeCarrier {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        tokio::spawn(async move { handle.stop(false).await });
    }
}

pub const CLIENT_ID: &str = "shipmate-test";
pub const CLIENT_SECRET: &str = "s3cret-value";

async fn token(req: HttpRequest, ledger: web::Data<Mutex<Ledger>>) -> HttpResponse {
    use base64::Engine;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    if req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        != Some(expected.as_str())
    {
        return HttpResponse::Unauthorized().json(serde_json::json!({"response": {"errors": [{"code": "250002", "message": "Invalid Authentication Information."}]}}));
    }
    issue(&ledger)
}

/// UPS and USPS: one answer per tracking number.
async fn details(
    req: HttpRequest,
    number: web::Path<String>,
    ledger: web::Data<Mutex<Ledger>>,
) -> HttpResponse {
    let bearer = bearer(&req);
    let mut l = ledger.lock().unwrap();
    l.requests.push((number.clone(), bearer.clone()));
    l.times.push(std::time::Instant::now());
    let expired = l.expires_in > 0
        && l.issued_at
            .get(&bearer)
            .is_some_and(|at| at.elapsed().as_secs_f64() > l.expires_in as f64);
    if expired {
        l.expired_uses += 1;
    }
    if expired || l.refuse_all || !l.issued.contains(&bearer) || l.revoked.contains(&bearer) {
        return HttpResponse::Unauthorized().json(serde_json::json!({"response": {"errors": [{"code": "250002", "message": "Invalid Authentication Information."}]}}));
    }
    answer(l.answers.get(number.as_str()), l.retry_after_secs)
}

fn issue(ledger: &Mutex<Ledger>) -> HttpResponse {
    let mut l = ledger.lock().unwrap();
    let value = format!("tok-{}", l.issued.len() + 1);
    l.issued.push(value.clone());
    l.issued_at.insert(value.clone(), std::time::Instant::now());
    let lifetime = if l.expires_in == 0 {
        14399
    } else {
        l.expires_in
    };
    HttpResponse::Ok().json(serde_json::json!({"token_type": "Bearer", "access_token": value, "expires_in": lifetime.to_string(), "status": "approved"}))
}

/// FedEx and USPS: credentials in the form body.
async fn fedex_token(
    form: web::Form<HashMap<String, String>>,
    ledger: web::Data<Mutex<Ledger>>,
) -> HttpResponse {
    let ok = form.get("grant_type").map(String::as_str) == Some("client_credentials")
        && form.get("client_id").map(String::as_str) == Some(CLIENT_ID)
        && form.get("client_secret").map(String::as_str) == Some(CLIENT_SECRET);
    if !ok {
        return HttpResponse::Unauthorized().json(serde_json::json!({"errors": [{"code": "NOT.AUTHORIZED.ERROR", "message": "The given client credentials were not valid."}]}));
    }
    issue(&ledger)
}

/// FedEx: one answer (`answers["fedex"]`) for any track request.
async fn fedex_track(req: HttpRequest, ledger: web::Data<Mutex<Ledger>>) -> HttpResponse {
    let bearer = bearer(&req);
    let mut l = ledger.lock().unwrap();
    l.requests.push(("fedex".into(), bearer.clone()));
    l.times.push(std::time::Instant::now());
    if l.refuse_all || !l.issued.contains(&bearer) || l.revoked.contains(&bearer) {
        return HttpResponse::Unauthorized().json(serde_json::json!({"errors": [{"code": "NOT.AUTHORIZED.ERROR", "message": "Access token expired."}]}));
    }
    answer(l.answers.get("fedex"), l.retry_after_secs)
}

fn bearer(req: &HttpRequest) -> String {
    req.headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("")
        .to_owned()
}

fn answer(a: Option<&(u16, String)>, retry_after_secs: u32) -> HttpResponse {
    match a {
        Some((status, body)) => HttpResponse::build(actix_web::http::StatusCode::from_u16(*status).unwrap())
            .content_type("application/json")
            .insert_header(("Retry-After", retry_after_secs.to_string()))
            .body(body.clone()),
        None => HttpResponse::NotFound().json(serde_json::json!({"response": {"errors": [{"code": "TW0001", "message": "Tracking Information Not Found"}]}})),
    }
}

pub const API_KEY: &str = "dhl-key-123";

/// DHL: the API key in a header; one answer (`answers["dhl"]`) for any number.
async fn dhl_track(req: HttpRequest, ledger: web::Data<Mutex<Ledger>>) -> HttpResponse {
    let mut l = ledger.lock().unwrap();
    l.requests.push(("dhl".into(), String::new()));
    l.times.push(std::time::Instant::now());
    if req
        .headers()
        .get("DHL-API-Key")
        .and_then(|v| v.to_str().ok())
        != Some(API_KEY)
    {
        return HttpResponse::Unauthorized().json(serde_json::json!({"title": "Unauthorized", "status": 401, "detail": "Invalid API key"}));
    }
    answer(l.answers.get("dhl"), l.retry_after_secs)
}

pub const CP_USER: &str = "cp-user";
pub const CP_PASSWORD: &str = "cp-password";

/// Canada Post: HTTP Basic; one answer (`answers["canada_post"]`) for any PIN.
async fn canada_post_track(req: HttpRequest, ledger: web::Data<Mutex<Ledger>>) -> HttpResponse {
    use base64::Engine;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CP_USER}:{CP_PASSWORD}"))
    );
    let mut l = ledger.lock().unwrap();
    l.requests.push(("canada_post".into(), String::new()));
    l.times.push(std::time::Instant::now());
    if req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        != Some(expected.as_str())
    {
        return HttpResponse::Unauthorized()
            .content_type("application/vnd.cpc.track-v2+xml")
            .body("<messages><message><code>E002</code><description>AAA Authentication Failure</description></message></messages>");
    }
    answer(l.answers.get("canada_post"), l.retry_after_secs)
}

/// Royal Mail: client id and secret headers plus the terms header; one answer
/// (`answers["royal_mail"]`) for any number.
async fn royal_mail_track(req: HttpRequest, ledger: web::Data<Mutex<Ledger>>) -> HttpResponse {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    let mut l = ledger.lock().unwrap();
    l.requests.push(("royal_mail".into(), String::new()));
    l.times.push(std::time::Instant::now());
    if header("X-Accept-RMG-Terms") != Some("yes") {
        return HttpResponse::BadRequest().json(serde_json::json!({"httpCode": "400", "httpMessage": "Bad Request", "errors": [{"errorCode": "E0004", "errorDescription": "Failed header validation for X-Accept-RMG-Terms"}]}));
    }
    if header("X-IBM-Client-Id") != Some(CLIENT_ID)
        || header("X-IBM-Client-Secret") != Some(CLIENT_SECRET)
    {
        return HttpResponse::Unauthorized().json(serde_json::json!({"httpCode": "401", "httpMessage": "Unauthorized", "moreInformation": "Client id not registered."}));
    }
    answer(l.answers.get("royal_mail"), l.retry_after_secs)
}

/// Correios: a bearer token for HTTP Basic user and access code (the Canada Post pair).
async fn correios_token(req: HttpRequest, ledger: web::Data<Mutex<Ledger>>) -> HttpResponse {
    use base64::Engine;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CP_USER}:{CP_PASSWORD}"))
    );
    if req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        != Some(expected.as_str())
    {
        return HttpResponse::Unauthorized()
            .json(serde_json::json!({"msgs": ["Usuário ou senha inválidos"]}));
    }
    issue(&ledger)
}

/// Correios: every object asked in one request (`codigosObjetos`, recorded as one ledger
/// entry); one answer (`answers["correios"]`).
async fn correios_track(req: HttpRequest, ledger: web::Data<Mutex<Ledger>>) -> HttpResponse {
    let bearer = bearer(&req);
    let asked = url_param(req.query_string(), "codigosObjetos");
    let mut l = ledger.lock().unwrap();
    l.requests.push((asked, bearer.clone()));
    l.times.push(std::time::Instant::now());
    if !l.issued.contains(&bearer) || l.revoked.contains(&bearer) {
        return HttpResponse::Unauthorized().json(serde_json::json!({"msgs": ["Token inválido"]}));
    }
    answer(l.answers.get("correios"), l.retry_after_secs)
}

fn url_param(query: &str, name: &str) -> String {
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
        .unwrap_or("")
        .replace("%2C", ",")
}

/// AfterShip: a tracking exists once created; then it answers `answers["aftership"]`.
async fn aftership_get(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    ledger: web::Data<Mutex<Ledger>>,
) -> HttpResponse {
    let mut l = ledger.lock().unwrap();
    l.requests.push((path.1.clone(), String::new()));
    l.times.push(std::time::Instant::now());
    if req
        .headers()
        .get("aftership-api-key")
        .and_then(|v| v.to_str().ok())
        != Some(API_KEY)
    {
        return HttpResponse::Unauthorized().json(
            serde_json::json!({"meta": {"code": 401, "message": "Invalid API key."}, "data": {}}),
        );
    }
    if !l.created.contains(&path.into_inner()) {
        return HttpResponse::NotFound().json(serde_json::json!({"meta": {"code": 4004, "message": "Tracking does not exist."}, "data": {}}));
    }
    answer(l.answers.get("aftership"), l.retry_after_secs)
}

async fn aftership_create(
    body: web::Json<serde_json::Value>,
    ledger: web::Data<Mutex<Ledger>>,
) -> HttpResponse {
    let t = &body["tracking"];
    let pair = (
        t["slug"].as_str().unwrap_or("").to_owned(),
        t["tracking_number"].as_str().unwrap_or("").to_owned(),
    );
    ledger.lock().unwrap().created.push(pair);
    HttpResponse::Created()
        .json(serde_json::json!({"meta": {"code": 201}, "data": {"tracking": {}}}))
}

/// InPost ShipX: public, one answer (`answers["inpost"]`) for any number.
async fn inpost_track(number: web::Path<String>, ledger: web::Data<Mutex<Ledger>>) -> HttpResponse {
    let mut l = ledger.lock().unwrap();
    l.requests.push((number.into_inner(), String::new()));
    answer(l.answers.get("inpost"), l.retry_after_secs)
}

/// UPS Track Alert's subscription (`TrackSubsServiceRequest` → `TrackSubsServiceResponse`,
/// UPS's OpenAPI file): numbers of the pattern `^1Z[0-9A-Z]{16}$` are valid, except those
/// starting `1ZBAD`; over 100 is UPS's VSS220.
async fn ups_subscribe(
    req: HttpRequest,
    body: web::Json<serde_json::Value>,
    ledger: web::Data<Mutex<Ledger>>,
) -> HttpResponse {
    let bearer = bearer(&req);
    let mut l = ledger.lock().unwrap();
    if l.refuse_all || !l.issued.contains(&bearer) || req.headers().get("transId").is_none() {
        return HttpResponse::Unauthorized().json(serde_json::json!({"response": {"errors": [{"code": "250002", "message": "Invalid Authentication Information."}]}}));
    }
    let numbers: Vec<String> = body["trackingNumberList"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n.as_str().map(str::to_owned))
        .collect();
    if numbers.len() > 100 {
        return HttpResponse::BadRequest().json(serde_json::json!({"response": {"errors": [{"code": "VSS220", "message": "Too many tracking numbers"}]}}));
    }
    l.subscriptions.push(body.into_inner());
    let valid = |n: &String| {
        n.len() == 18
            && n.starts_with("1Z")
            && !n.starts_with("1ZBAD")
            && n.bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    };
    let (good, bad): (Vec<String>, Vec<String>) = numbers.into_iter().partition(valid);
    HttpResponse::Ok()
        .json(serde_json::json!({"validTrackingNumbers": good, "invalidTrackingNumbers": bad}))
}

pub async fn start() -> FakeCarrier {
    let ledger = web::Data::new(Mutex::new(Ledger::default()));
    let shared = ledger.clone().into_inner();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(ledger.clone())
            .route("/security/v1/oauth/token", web::post().to(token))
            .route("/api/track/v1/details/{number}", web::get().to(details))
            .route(
                "/api/track/v1/subscription/standard/package",
                web::post().to(ups_subscribe),
            )
            .route("/oauth/token", web::post().to(fedex_token))
            .route("/track/shipments", web::get().to(dhl_track))
            .route("/token/v1/autentica", web::post().to(correios_token))
            .route("/srorastro/v1/objetos", web::get().to(correios_track))
            .route(
                "/mailpieces/v2/{number}/events",
                web::get().to(royal_mail_track),
            )
            .route("/v1/tracking/{number}", web::get().to(inpost_track))
            .route(
                "/v4/trackings/{slug}/{number}",
                web::get().to(aftership_get),
            )
            .route("/v4/trackings", web::post().to(aftership_create))
            .route(
                "/vis/track/pin/{pin}/detail",
                web::get().to(canada_post_track),
            )
            .route("/oauth2/v3/token", web::post().to(fedex_token))
            .route("/tracking/v3/tracking/{number}", web::get().to(details))
            .route("/track/v1/trackingnumbers", web::post().to(fedex_track))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)
    .unwrap()
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    FakeCarrier {
        url,
        ledger: shared,
        handle,
    }
}

impl FakeCarrier {
    pub fn answer(&self, number: &str, status: u16, body: impl Into<String>) {
        self.ledger
            .lock()
            .unwrap()
            .answers
            .insert(number.to_owned(), (status, body.into()));
    }
}
