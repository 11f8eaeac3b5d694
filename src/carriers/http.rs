//! Plumbing every HTTP adapter shares on top of [`crate::outbound`]: reading answers into
//! carrier errors (429s, the size cap), one-request-per-number APIs, and place names.

use std::future::Future;

use reqwest::StatusCode;

use super::{CarrierError, Tracking};
use crate::domain::TrackingNumber;

/// Reads an answer: a 429 becomes a typed error with its `Retry-After` (seconds or HTTP
/// date); anything else is returned as (status, body) for the adapter to read, the body
/// capped at `outbound.max_response_bytes`.
pub async fn read(resp: reqwest::Response) -> Result<(u16, Vec<u8>), CarrierError> {
    if resp.status() == StatusCode::TOO_MANY_REQUESTS {
        let retry_after = crate::outbound::retry_after(&resp);
        return Err(CarrierError::RateLimited { retry_after });
    }
    let status = resp.status().as_u16();
    let cap = crate::outbound::max_response_bytes();
    match crate::outbound::read_capped(resp, cap).await {
        Ok(body) => Ok((status, body)),
        Err(e @ crate::outbound::ReadError::TooLarge(_)) => {
            Err(CarrierError::Malformed(e.to_string()))
        }
        Err(crate::outbound::ReadError::Http(e)) => Err(CarrierError::Unavailable(e)),
    }
}

/// For APIs that take one number per request: asks in turn; an account-wide failure
/// (credentials, rate limit) fails the whole batch.
pub async fn one_by_one<'a, F, Fut>(
    numbers: &'a [TrackingNumber],
    ask: F,
) -> Result<Vec<(TrackingNumber, Result<Tracking, CarrierError>)>, CarrierError>
where
    F: Fn(&'a TrackingNumber) -> Fut,
    Fut: Future<Output = Result<Tracking, CarrierError>>,
{
    let mut out = Vec::with_capacity(numbers.len());
    for n in numbers {
        match ask(n).await {
            Err(e @ (CarrierError::Auth | CarrierError::RateLimited { .. })) => return Err(e),
            result => out.push((n.clone(), result)),
        }
    }
    Ok(out)
}

/// "City, ST, CC" from whichever parts are present (never a street or postcode).
pub fn place<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    let parts: Vec<&str> = parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}
