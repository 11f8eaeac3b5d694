//! Who a public page or a message speaks to: one shipment's customer, in their language
//! and time zone, with the shipment's links. Built here and nowhere else.

use std::sync::Arc;
use std::time::Duration;

use chrono_tz::Tz;

use super::ServiceError;
use crate::domain::{Links, Merchant, PublicToken, Shipment};
use crate::i18n::Lang;
use crate::store::Store;

pub struct Audience<'a> {
    pub shipment: &'a Shipment,
    pub merchant: &'a Merchant,
    pub lang: Lang,
    /// Where times are shown: the destination's zone, else the merchant's.
    pub zone: Tz,
    pub links: Links<'a>,
}

impl<'a> Audience<'a> {
    /// `browser`: the request's Accept-Language tags, most preferred first (none for
    /// messages and printed inserts). The language is the customer's own, else the
    /// browser's, else the merchant's. `public_url`: absolute links from it; empty for
    /// links between pages.
    pub fn new(
        shipment: &'a Shipment,
        merchant: &'a Merchant,
        browser: &[String],
        public_url: &'a str,
    ) -> Self {
        let own = shipment
            .customer
            .as_ref()
            .and_then(|c| c.locale.as_ref().map(|l| l.as_str()));
        let lang = Lang::negotiate(
            own.into_iter()
                .chain(browser.iter().map(String::as_str))
                .chain([merchant.locale.as_str()]),
        );
        Audience {
            shipment,
            merchant,
            lang,
            zone: shipment.destination.zone_or(merchant.timezone),
            links: Links::absolute(public_url, &shipment.token),
        }
    }
}

/// The live shipment a customer's token opens, with its merchant: `NotFound` for an
/// unknown, revoked (cancelled) or orphaned token. `max_age`: how old a cached snapshot
/// may be (zero: read it).
pub async fn find(
    store: &Store,
    token: &PublicToken,
    max_age: Duration,
) -> Result<(Arc<Shipment>, Arc<Merchant>), ServiceError> {
    let s = store
        .shipment_by_token(token, max_age)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let m = store
        .merchant(&s.merchant_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((s, m))
}
