//! carrier-sim: a scripted carrier API over HTTP, used by the demo, the end-to-end tests and
//! the benchmarks to exercise the real polling path without the internet. A number's
//! journey clock starts at its first query and runs `speed` times faster than real time.

mod journeys;

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::Mutex;
use std::time::Duration;

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Days, FixedOffset, NaiveTime, Offset, Timelike, Utc};
use serde::{Deserialize, Serialize};

pub use journeys::{documented_codes, journey};

/// A fault carrier-sim can inject.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fault {
    /// 429 with `Retry-After: 7`.
    RateLimit,
    /// 500.
    ServerError,
    /// 200 with a body that is not JSON.
    Malformed,
    /// Never answers (well, after 60 s).
    Timeout,
    /// Answers normally after this many milliseconds.
    Latency(u64),
}

impl Fault {
    pub fn parse(s: &str) -> Result<Fault, String> {
        Ok(match s {
            "429" => Fault::RateLimit,
            "500" => Fault::ServerError,
            "malformed" => Fault::Malformed,
            "timeout" => Fault::Timeout,
            _ => match s.strip_prefix("latency=").map(str::parse) {
                Some(Ok(ms)) => Fault::Latency(ms),
                _ => {
                    return Err(format!(
                        "unknown fault {s:?}: 429, 500, malformed, timeout, latency=MS"
                    ));
                }
            },
        })
    }
}

#[derive(Debug, Clone)]
pub struct SimConfig {
    pub speed: f64,
    /// Fault applied to a share (`fault_rate`, 0–1) of track requests.
    pub fault: Option<Fault>,
    pub fault_rate: f64,
}

#[derive(Default)]
struct SimState {
    first_seen: HashMap<String, DateTime<Utc>>,
    queries: HashMap<String, u64>,
    /// How far the simulated clock runs ahead of the wall clock (tests move it).
    ahead: chrono::Duration,
}

struct Sim {
    cfg: SimConfig,
    state: Mutex<SimState>,
}

#[derive(Deserialize)]
struct TrackRequest {
    numbers: Vec<String>,
}

#[derive(Deserialize)]
struct FaultQuery {
    fault: Option<String>,
}

#[derive(Serialize)]
struct TrackResult {
    number: String,
    found: bool,
    events: Vec<WireEvent>,
    eta: Option<DateTime<FixedOffset>>,
}

#[derive(Serialize)]
struct WireEvent {
    code: &'static str,
    time: DateTime<FixedOffset>,
    location: &'static str,
    message: &'static str,
}

/// Codes after which the carrier's ETA moves to the later date.
const DELAY_CODES: [&str; 5] = ["DY", "WX", "CH", "FA", "RS"];

impl Sim {
    fn track(&self, number: &str, now: DateTime<Utc>) -> TrackResult {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        *state.queries.entry(number.to_owned()).or_default() += 1;
        let now = now + state.ahead;
        let Some((steps, eta_days, late_days)) = journeys::journey(number) else {
            return TrackResult {
                number: number.to_owned(),
                found: false,
                events: vec![],
                eta: None,
            };
        };
        let start = *state.first_seen.entry(number.to_owned()).or_insert(now);
        drop(state);
        let hub = FixedOffset::east_opt(3600).unwrap_or(Utc.fix());
        let sim_minutes = (now - start).num_milliseconds() as f64 * self.cfg.speed / 60_000.0;
        let events: Vec<WireEvent> = steps
            .iter()
            .enumerate()
            .filter(|(_, s)| f64::from(s.0) <= sim_minutes)
            .map(|(i, &(offset, code, location, message))| {
                // Carriers report whole seconds; at high speeds keep scans a second apart.
                let real_secs = (f64::from(offset) * 60.0 / self.cfg.speed) as i64;
                let at = start + chrono::Duration::seconds(real_secs.max(i as i64));
                let at = at.with_nanosecond(0).unwrap_or(at);
                WireEvent {
                    code,
                    time: at.with_timezone(&hub),
                    location,
                    message,
                }
            })
            .collect();
        let finished = events
            .last()
            .is_some_and(|e| matches!(e.code, "DL" | "DN" | "PC" | "RD"));
        let delayed = events.iter().any(|e| DELAY_CODES.contains(&e.code));
        let days = if delayed { late_days } else { eta_days };
        let eta = (!finished && !events.is_empty())
            .then(|| start.date_naive().checked_add_days(Days::new(days.into())))
            .flatten()
            .and_then(|d| d.and_time(NaiveTime::MIN).and_local_timezone(hub).single())
            .map(|d| d + chrono::Duration::hours(18));
        TrackResult {
            number: number.to_owned(),
            found: !events.is_empty(),
            events,
            eta,
        }
    }

    fn fault(&self, asked: Option<&str>) -> Result<Option<Fault>, String> {
        if let Some(asked) = asked {
            return asked.split(',').map(Fault::parse).next_back().transpose();
        }
        Ok(self
            .cfg
            .fault
            .filter(|_| crate::entropy::unit() < self.cfg.fault_rate))
    }
}

async fn track(
    sim: web::Data<Sim>,
    query: web::Query<FaultQuery>,
    body: web::Json<TrackRequest>,
) -> HttpResponse {
    let fault = match sim.fault(query.fault.as_deref()) {
        Ok(f) => f,
        Err(e) => return HttpResponse::BadRequest().body(e),
    };
    match fault {
        Some(Fault::RateLimit) => {
            return HttpResponse::TooManyRequests()
                .insert_header(("Retry-After", "7"))
                .finish();
        }
        Some(Fault::ServerError) => return HttpResponse::InternalServerError().body("boom"),
        Some(Fault::Malformed) => {
            return HttpResponse::Ok()
                .content_type("application/json")
                .body("{\"results\": [tru");
        }
        Some(Fault::Timeout) => tokio::time::sleep(Duration::from_secs(60)).await,
        Some(Fault::Latency(ms)) => tokio::time::sleep(Duration::from_millis(ms)).await,
        None => {}
    }
    let now = Utc::now();
    let results: Vec<TrackResult> = body
        .numbers
        .iter()
        .take(100)
        .map(|n| sim.track(n, now))
        .collect();
    HttpResponse::Ok().json(serde_json::json!({ "results": results }))
}

/// How many times each number was queried (lets tests prove nothing was polled twice).
async fn stats(sim: web::Data<Sim>) -> HttpResponse {
    let state = sim.state.lock().unwrap_or_else(|p| p.into_inner());
    HttpResponse::Ok().json(&state.queries)
}

#[derive(Deserialize)]
struct Advance {
    minutes: u64,
}

/// Runs the simulated clock ahead by simulated minutes (tests use it to stop mid-journey).
async fn advance(sim: web::Data<Sim>, body: web::Json<Advance>) -> HttpResponse {
    let real_ms = body.minutes as f64 * 60_000.0 / sim.cfg.speed;
    let mut state = sim.state.lock().unwrap_or_else(|p| p.into_inner());
    state.ahead += chrono::Duration::milliseconds(real_ms as i64);
    HttpResponse::NoContent().finish()
}

/// The carrier's own public tracking page (what "track on the carrier's site" links to).
async fn page(sim: web::Data<Sim>, number: web::Path<String>) -> HttpResponse {
    let result = sim.track(&number, Utc::now());
    let mut html =
        String::from("<!doctype html><title>Sandbox Express</title><h1>Sandbox Express</h1><ul>");
    for e in result.events.iter().rev() {
        html.push_str(&format!(
            "<li>{} — {} ({})</li>",
            e.time.to_rfc3339(),
            e.message,
            e.location
        ));
    }
    html.push_str("</ul>");
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html)
}

/// Starts carrier-sim on a bound listener; the returned server runs until stopped.
pub fn start(listener: TcpListener, cfg: SimConfig) -> std::io::Result<actix_web::dev::Server> {
    let sim = web::Data::new(Sim {
        cfg,
        state: Mutex::default(),
    });
    let server = actix_web::HttpServer::new(move || {
        actix_web::App::new()
            .app_data(sim.clone())
            .app_data(web::JsonConfig::default().limit(1 << 20))
            .route("/v1/track", web::post().to(track))
            .route("/v1/_stats", web::get().to(stats))
            .route("/v1/_advance", web::post().to(advance))
            .route("/track/{number}", web::get().to(page))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)?
    .run();
    Ok(server)
}
