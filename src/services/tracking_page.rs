//! The customer's tracking page behind one call: token → shipment and merchant → the
//! customer's language → the page. A page depends only on the snapshot (its cache entry
//! goes when it changes), the merchant's branding and the language, so once rendered it is
//! kept for `page_cache_ttl`, at most a minute (a merchant's new branding shows within it).

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;

use super::ServiceError;
use super::audience::{Audience, find};
use super::estimates::Estimates;
use super::page_views::PageViews;
use crate::carriers::{Carrier, Carriers};
use crate::config::Config;
use crate::domain::estimate::Window;
use crate::domain::{Grant, PublicToken, Status};
use crate::store::Store;

/// What a page shows besides the shipment: the learned window, and the make-good a late
/// delivery earned.
#[derive(Debug, Default)]
pub struct PageExtras {
    pub window: Option<Window>,
    pub make_good: Option<Grant>,
}

/// How long a page's lanes are reused: a window a minute behind the last delivery is the
/// same window.
const LANES_FOR: Duration = Duration::from_secs(60);

/// Longest a rendered page is reused.
const RENDERED_FOR: Duration = Duration::from_secs(60);

#[derive(Clone)]
pub struct TrackingPages {
    store: Store,
    carriers: Carriers,
    config: Arc<Config>,
    estimates: Estimates,
    /// Views counted for the analytics, shared by the workers.
    views: Arc<PageViews>,
}

impl TrackingPages {
    pub fn new(store: Store, carriers: Carriers, config: Arc<Config>) -> Self {
        TrackingPages {
            estimates: Estimates::new(store.clone()).keeping(LANES_FOR),
            store,
            carriers,
            config,
            views: Arc::default(),
        }
    }

    pub fn with_store(&self, store: Store) -> Self {
        TrackingPages {
            estimates: self.estimates.with_store(store.clone()),
            store,
            ..self.clone()
        }
    }

    /// The page `token` opens for a browser asking for `browser` languages, drawn by
    /// `draw` unless a fresh copy is kept.
    pub async fn page<E: std::fmt::Display>(
        &self,
        token: &PublicToken,
        browser: &[String],
        draw: impl FnOnce(&Audience<'_>, Option<&dyn Carrier>, PageExtras) -> Result<String, E>,
    ) -> Result<Bytes, ServiceError> {
        let snapshot_ttl = self.config.http.page_cache_ttl;
        let (shipment, merchant) = find(&self.store, token, snapshot_ttl).await?;
        self.count_view(&shipment).await;
        let who = Audience::new(&shipment, &merchant, browser, "");
        let keep_for = snapshot_ttl.min(RENDERED_FOR);
        let tag = who.lang.tag();
        if let Some(body) = self.store.rendered_page(&shipment.id, &tag, keep_for) {
            return Ok(body);
        }
        let carrier = self.carriers.get(&shipment.carrier);
        let now = chrono::Utc::now();
        let windows = self.estimates.windows(std::slice::from_ref(&shipment), now);
        let window = windows.await?.pop().flatten();
        let make_good = match shipment.status {
            Status::Delivered => {
                let (m, id) = (&shipment.merchant_id, &shipment.id);
                self.store.make_good_grant(m, id).await?
            }
            _ => None,
        };
        let extras = PageExtras { window, make_good };
        let body = Bytes::from(
            draw(&who, carrier.as_deref(), extras)
                .map_err(|e| ServiceError::Internal(format!("tracking page: {e}")))?,
        );
        if !keep_for.is_zero() {
            self.store
                .keep_rendered_page(&shipment.id, tag, body.clone());
        }
        Ok(body)
    }

    /// Counts a view for the analytics; adds the counted views when it is time (a Redis
    /// failure loses them, never the page).
    async fn count_view(&self, s: &crate::domain::Shipment) {
        let today = chrono::Utc::now().date_naive();
        let every = self.config.http.page_views_flush;
        if let Some(views) = self.views.note(s, today, every)
            && let Err(e) = self.store.count_views(&views).await
        {
            tracing::warn!(error = %e, "page views not counted in the analytics");
        }
    }
}
