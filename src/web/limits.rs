//! Rate limits where requests meet them, counted in Redis (`store::take`) so every web
//! replica shares them. The client is the peer, or — when the peer is a trusted proxy —
//! the nearest address in `X-Forwarded-For` (else `Forwarded`) that is not one; IPv6
//! clients count per /64. Merchant API calls count per API key, expensive ones again on
//! their own budget. On the customer pages, form posts and QR scans count per client, and
//! so do unknown links: past `not_found_per_minute` a client gets 429s (checked in process
//! first, so a flood of guesses costs no Redis round trip).

#![warn(clippy::arithmetic_side_effects)]

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::HeaderMap;
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};

use super::AppState;
use super::error::ApiError;
use crate::domain::{ApiKey, Cidr, client_key};
use crate::store::{Quota, Store, Verdict};

/// The client's address: see the module comment.
pub fn client_ip(req: &HttpRequest, trusted: &[Cidr]) -> IpAddr {
    let peer = req
        .peer_addr()
        .map_or(IpAddr::from([0, 0, 0, 0]), |a| a.ip());
    forwarded_client(peer, req.headers(), trusted)
}

fn forwarded_client(peer: IpAddr, headers: &HeaderMap, trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|c| c.contains(*ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops = |name: &str, parse: fn(&str) -> Option<IpAddr>| -> Vec<IpAddr> {
        headers
            .get_all(name)
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(parse)
            .collect()
    };
    let mut chain = hops("x-forwarded-for", |h| h.trim().parse().ok());
    if chain.is_empty() {
        chain = hops("forwarded", forwarded_for);
    }
    // Right to left: the first hop our proxies did not add is the client.
    chain
        .iter()
        .rev()
        .find(|ip| !is_trusted(ip))
        .or(chain.first())
        .copied()
        .unwrap_or(peer)
}

/// The `for=` of one `Forwarded` element (RFC 7239): `for=192.0.2.1`,
/// `for="[2001:db8::1]:443"`.
fn forwarded_for(element: &str) -> Option<IpAddr> {
    let value = element
        .split(';')
        .find_map(|p| {
            p.trim()
                .strip_prefix("for=")
                .or(p.trim().strip_prefix("For="))
        })?
        .trim_matches('"');
    if let Some(v6) = value.strip_prefix('[') {
        return v6.split(']').next()?.parse().ok();
    }
    value
        .split(':')
        .next()?
        .parse()
        .ok()
        .or_else(|| value.parse().ok())
}

/// Clients refused for too many unknown links, until when (this process's memory of what
/// Redis said, so the flood is turned away without asking Redis each time).
#[derive(Default)]
pub struct Blocked(Mutex<HashMap<String, Instant>>);

impl Blocked {
    /// How long `client` is still refused, if it is.
    pub fn remaining(&self, client: &str) -> Option<Duration> {
        let map = self.0.lock().ok()?;
        let until = *map.get(client)?;
        until.checked_duration_since(Instant::now())
    }

    pub fn block(&self, client: &str, wait: Duration) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() > 100_000 {
                let now = Instant::now();
                map.retain(|_, until| *until > now);
            }
            map.insert(
                client.to_owned(),
                Instant::now()
                    .checked_add(wait.min(Duration::from_secs(3600)))
                    .unwrap_or_else(Instant::now),
            );
        }
    }
}

/// Takes one request from `bucket`; a Redis failure lets the request through (limits
/// protect the service, they must not take it down with Redis).
pub async fn take(store: &Store, bucket: &str, quota: Quota) -> Option<Verdict> {
    match store.take(bucket, quota).await {
        Ok(v) => Some(v),
        Err(e) => {
            tracing::warn!(error = %e, "rate limit unavailable; letting the request through");
            None
        }
    }
}

/// The bucket name of one client for one kind of limit.
pub fn bucket(kind: &str, ip: IpAddr) -> String {
    format!("{kind}:{}", client_key(ip))
}

/// The customer pages behind a token (`/t`, `/p`, `/f`, `/u`): a client with too many
/// unknown links is turned away; QR scans and preference changes count per client.
pub async fn pages(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let path = req.path();
    let token_route = ["/t/", "/p/", "/f/", "/u/"]
        .iter()
        .any(|p| path.starts_with(p));
    let app = req.app_data::<web::Data<AppState>>().cloned();
    let Some(app) = app.filter(|_| token_route) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let client = client_key(client_ip(req.request(), &app.config.http.trusted_proxies));
    if let Some(wait) = app.blocked.remaining(&client) {
        let page = too_many_page(req.request(), wait);
        return Ok(req.into_response(page));
    }
    let per_client = match (req.method(), path.get(..3)) {
        (&Method::GET, Some("/p/")) => Some("qr"),
        (&Method::POST, Some("/u/")) => Some("pr"),
        _ => None,
    };
    if let Some(kind) = per_client {
        let quota = Quota::per_minute(app.config.limits.pages_per_minute);
        if let Some(v) = take(&app.store, &format!("{kind}:{client}"), quota).await
            && !v.allowed
        {
            let page = too_many_page(req.request(), v.retry_after);
            return Ok(req.into_response(page));
        }
    }
    let res = next.call(req).await?;
    if res.status() == StatusCode::NOT_FOUND {
        let quota = Quota::per_minute(app.config.limits.not_found_per_minute);
        if let Some(v) = take(&app.store, &format!("nf:{client}"), quota).await
            && !v.allowed
        {
            app.blocked.block(&client, v.retry_after);
            let page = too_many_page(res.request(), v.retry_after);
            return Ok(res.into_response(page));
        }
    }
    Ok(res.map_into_boxed_body())
}

fn too_many_page(req: &HttpRequest, wait: Duration) -> HttpResponse {
    let l = super::pages::request_lang(req);
    let mut page = super::pages::message(
        StatusCode::TOO_MANY_REQUESTS,
        &l,
        l.t("error-title"),
        l.t("fb-rate-limited"),
        None,
    );
    retry_after(&mut page, wait);
    page
}

fn retry_after(resp: &mut HttpResponse, wait: Duration) {
    let secs = wait
        .as_secs()
        .saturating_add(u64::from(wait.subsec_nanos() > 0))
        .max(1);
    if let Ok(v) = secs.to_string().parse() {
        resp.headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, v);
    }
}

/// The merchant API: every call counts against its API key's budget, expensive ones
/// (feedback summary, CSV exports, carrier tests) against a second, smaller one too.
/// Answers carry `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.
pub async fn api(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let key = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|k| ApiKey::parse(k.trim()).ok());
    let app = req.app_data::<web::Data<AppState>>().cloned();
    let (Some(key), Some(app)) = (key, app) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let id = key.hash();
    let id = id.get(..16).unwrap_or(&id);
    let limits = &app.config.limits;
    let path = req.path();
    let expensive = path.ends_with("/feedback/summary")
        || path.ends_with(".csv")
        || (req.method() != Method::GET && path.ends_with("/make-good/codes"))
        || (req.method() == Method::POST && path.ends_with("/test"));
    let mut budgets = vec![(format!("api:{id}"), limits.api_per_minute)];
    if expensive {
        budgets.push((format!("apx:{id}"), limits.api_expensive_per_minute));
    }
    let mut shown = None;
    for (bucket, per_minute) in budgets {
        let Some(v) = take(&app.store, &bucket, Quota::per_minute(per_minute)).await else {
            continue;
        };
        if !v.allowed {
            let mut resp = ApiError::TooManyRequests(0).error_response();
            retry_after(&mut resp, v.retry_after);
            rate_headers(&mut resp, &v);
            return Ok(req.into_response(resp));
        }
        shown = Some(v);
    }
    let mut res = next.call(req).await?.map_into_boxed_body();
    if let Some(v) = shown {
        rate_headers(res.response_mut(), &v);
    }
    Ok(res)
}

fn rate_headers(resp: &mut HttpResponse, v: &Verdict) {
    let h = resp.headers_mut();
    for (name, value) in [
        ("ratelimit-limit", u64::from(v.limit)),
        ("ratelimit-remaining", u64::from(v.remaining)),
        ("ratelimit-reset", v.reset.as_secs().max(1)),
    ] {
        if let (Ok(n), Ok(val)) = (
            actix_web::http::header::HeaderName::from_bytes(name.as_bytes()),
            value.to_string().parse(),
        ) {
            h.insert(n, val);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        h
    }

    #[test]
    fn the_client_is_the_first_untrusted_hop() {
        let trusted = vec![Cidr::parse("10.0.0.0/8").unwrap()];
        let proxy: IpAddr = "10.1.1.1".parse().unwrap();
        let stranger: IpAddr = "203.0.113.5".parse().unwrap();
        let xff = headers(&[("x-forwarded-for", "198.51.100.7, 192.0.2.1, 10.2.2.2")]);
        assert_eq!(
            forwarded_client(proxy, &xff, &trusted),
            "192.0.2.1".parse::<IpAddr>().unwrap(),
            "a spoofed leftmost entry is not believed"
        );
        assert_eq!(
            forwarded_client(stranger, &xff, &trusted),
            stranger,
            "headers from strangers are ignored"
        );
        let fwd = headers(&[(
            "forwarded",
            r#"for="[2001:db8::7]:443";proto=https, for=10.3.3.3"#,
        )]);
        assert_eq!(
            forwarded_client(proxy, &fwd, &trusted),
            "2001:db8::7".parse::<IpAddr>().unwrap()
        );
        assert_eq!(forwarded_client(proxy, &headers(&[]), &trusted), proxy);
    }
}
