//! What wraps every response of the public listener: security headers and the latency
//! histogram by route pattern.

use actix_web::dev::ServiceResponse;
use actix_web::middleware::DefaultHeaders;

use super::tracking_page;

/// Security headers on every response: no third-party anything, no framing, no referrer.
pub(super) fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Permissions-Policy", "camera=(), microphone=(), geolocation=()"))
        .add(("Cache-Control", "no-store"))
}

/// Latency by route pattern (never the raw path: tokens stay out of metrics).
pub(super) fn observe<B>(res: &ServiceResponse<B>, took: std::time::Duration) {
    // The tracking page's pattern without walking the routes again.
    let route = match res.request().path().starts_with("/t/") {
        true => Some(tracking_page::PATTERN.to_owned()),
        false => res.request().match_pattern(),
    };
    let status = match res.status().as_u16() {
        500.. => "5xx",
        400..=499 => "4xx",
        300..=399 => "3xx",
        _ => "2xx",
    };
    crate::metrics::HTTP_SECONDS.observe(
        &[
            ("route", route.as_deref().unwrap_or("unmatched")),
            ("status", status),
        ],
        took,
    );
}
