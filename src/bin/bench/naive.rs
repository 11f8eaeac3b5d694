//! The floor a cold tracking page is measured against (`bench page --naive`): per view one
//! Redis GET of the snapshot as plain JSON, serde into the domain type, and an askama page
//! listing the status and the scans. No language, time zone, branding or cache.

use std::net::TcpListener;

use actix_web::{HttpResponse, web};
use askama::Template;
use redis::aio::ConnectionManager;
use shipmate::domain::Shipment;

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Order {{ s.order.number }}</title></head>
<body><h1>{{ status }}</h1><p>{{ s.carrier.as_str() }} {{ s.tracking_number.as_str() }}</p><ol>
{% for e in s.events.iter().rev() %}<li><time datetime="{{ e.at.to_rfc3339() }}">{{ e.at.format("%a %e %b %H:%M") }}</time> {{ e.description }}{% if let Some(l) = e.location %} · {{ l }}{% endif %}</li>
{% endfor %}</ol></body></html>"#
)]
struct Page<'a> {
    s: &'a Shipment,
    status: String,
}

/// The key the naive page reads a shipment from (plain JSON, written by the bench).
pub fn key(token: &str) -> String {
    format!("bench:naive:{token}")
}

async fn show(token: web::Path<String>, redis: web::Data<ConnectionManager>) -> HttpResponse {
    let mut conn = redis.get_ref().clone();
    let json: Option<Vec<u8>> = match redis::cmd("GET")
        .arg(key(&token))
        .query_async(&mut conn)
        .await
    {
        Ok(json) => json,
        Err(_) => return HttpResponse::ServiceUnavailable().finish(),
    };
    let Some(s) = json.and_then(|j| serde_json::from_slice::<Shipment>(&j).ok()) else {
        return HttpResponse::NotFound().finish();
    };
    let page = Page {
        status: format!("{:?}", s.status),
        s: &s,
    };
    match page.render() {
        Ok(body) => HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .body(body),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}

pub fn server(
    redis: ConnectionManager,
    listener: TcpListener,
    workers: usize,
) -> std::io::Result<actix_web::dev::Server> {
    let redis = web::Data::new(redis);
    Ok(actix_web::HttpServer::new(move || {
        actix_web::App::new()
            .app_data(redis.clone())
            .route("/t/{token}", web::get().to(show))
    })
    .workers(workers)
    .listen(listener)?
    .run())
}
