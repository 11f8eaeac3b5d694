//! Fetching merchants' logos in the background (run by the web role): creating a merchant
//! never waits for a third party. Due fetches are claimed from the store with a lease, so
//! two web processes never fetch one logo at once; a fetch ends well inside its lease
//! (`logos.timeout` < `logos.lease`); a failure is retried on `logos.retry`, then the logo
//! is `failed` with the reason. The merchant record changes by compare-and-set, so a
//! merchant's edit made during a fetch is kept.

use std::sync::Arc;

use anyhow::Context;
use chrono::{DateTime, Utc};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use super::logo_image::{LOGO_MAX_BYTES, reencode_off_thread};
use crate::config::LogosConfig;
use crate::domain::{AfterFailure, LogoStatus, MerchantId};
use crate::store::{Logo, LogoClaim, Store};
use crate::supervise::guarded;

/// Fetches claimed per step (fetched concurrently, each within the lease).
const BATCH: usize = 16;

/// What one step did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LogoOutcome {
    pub claimed: usize,
    pub ready: usize,
    /// Failed, to be tried again.
    pub retrying: usize,
    /// Failed for the last time.
    pub failed: usize,
}

/// What became of one claimed fetch.
enum Fetched {
    Ready,
    Retrying,
    Failed,
    /// Nothing to fetch any more (the merchant or its pending logo is gone).
    Nothing,
}

/// Why a fetch failed.
enum Refused {
    /// Maybe not the next time (the host, the answer).
    Now(String),
    /// Whatever the other side does (the URL itself is refused).
    Never(String),
}

pub struct Logos {
    store: Store,
    http: reqwest::Client,
    allow_private: bool,
    config: LogosConfig,
    wake: Arc<Notify>,
}

impl Logos {
    /// `allow_private`: logos may come from private addresses (development and tests).
    pub fn new(store: Store, config: &LogosConfig, allow_private: bool) -> Result<Self, String> {
        // Public addresses only, no redirects, no proxy unless configured; built once.
        let http = crate::outbound::public_only(config.timeout, allow_private)?
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Logos {
            store,
            http,
            allow_private,
            config: config.clone(),
            wake: Arc::new(Notify::new()),
        })
    }

    /// Notified when a fetch is queued, so this process's loop starts it at once.
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    /// Claims the fetches due at `now` and does them.
    pub async fn fetch_due_once(&self, now: DateTime<Utc>) -> anyhow::Result<LogoOutcome> {
        let lease_until = now + chrono::Duration::from_std(self.config.lease)?;
        let claims = self.store.claim_logos(now, lease_until, BATCH).await?;
        let mut outcome = LogoOutcome {
            claimed: claims.len(),
            ..LogoOutcome::default()
        };
        let fetches = claims.iter().map(|claim| {
            let item = claim.merchant.to_string();
            async move { guarded("logos", &item, self.fetch_one(claim, now)).await }
        });
        for result in futures_util::future::join_all(fetches).await {
            match result.map_err(anyhow::Error::from).and_then(|r| r) {
                Ok(Fetched::Ready) => outcome.ready += 1,
                Ok(Fetched::Retrying) => outcome.retrying += 1,
                Ok(Fetched::Failed) => outcome.failed += 1,
                Ok(Fetched::Nothing) => {}
                // The claim stays: the fetch is due again when its lease runs out.
                Err(e) => warn!(error = format!("{e:#}"), "logo fetch step failed"),
            }
        }
        Ok(outcome)
    }

    async fn fetch_one(&self, claim: &LogoClaim, now: DateTime<Utc>) -> anyhow::Result<Fetched> {
        let id = &claim.merchant;
        self.store.forget_merchant(id);
        let merchant = self.store.merchant(id).await?;
        let url = merchant
            .as_ref()
            .and_then(|m| m.brand.logo.as_ref())
            .filter(|l| l.state == crate::domain::LogoState::Pending)
            .and_then(|l| l.url.clone());
        let Some(url) = url else {
            self.store.settle_logo(claim, None).await?;
            return Ok(Fetched::Nothing);
        };
        let fetched = match reqwest::Url::parse(&url) {
            Ok(parsed) => self.fetch(parsed).await,
            Err(e) => Err(Refused::Never(format!("not a URL: {e}"))),
        };
        let result = match fetched {
            Ok(logo) => {
                if !self.store.save_logo(id, &logo, 0).await? {
                    // The merchant uploaded a logo meanwhile: it stays.
                    self.store.settle_logo(claim, None).await?;
                    return Ok(Fetched::Nothing);
                }
                self.record::<()>(id, &url, |l| (l.fetched(), None)).await?;
                info!(merchant_id = %id, "logo fetched");
                crate::metrics::LOGO_FETCHES.inc(&[("outcome", "ready")]);
                Fetched::Ready
            }
            Err(refused) => {
                let unit = crate::entropy::unit();
                let (why, retry) = match &refused {
                    Refused::Now(why) => (why, &self.config.retry[..]),
                    // Trying again cannot help: no retries.
                    Refused::Never(why) => (why, &[][..]),
                };
                let after = self
                    .record(id, &url, |l| {
                        let (next, after) = l.failed(why, retry, unit);
                        (next, Some(after))
                    })
                    .await?;
                match after {
                    Some(AfterFailure::Retry(wait)) => {
                        info!(merchant_id = %id, error = %why, "logo fetch failed; will retry");
                        crate::metrics::LOGO_FETCHES.inc(&[("outcome", "retry")]);
                        let at = now + chrono::Duration::from_std(wait)?;
                        self.store.settle_logo(claim, Some(at)).await?;
                        return Ok(Fetched::Retrying);
                    }
                    Some(AfterFailure::GiveUp) => {
                        warn!(merchant_id = %id, error = %why, "logo fetch failed for good");
                        crate::metrics::LOGO_FETCHES.inc(&[("outcome", "failed")]);
                        Fetched::Failed
                    }
                    None => Fetched::Nothing,
                }
            }
        };
        self.store.settle_logo(claim, None).await?;
        Ok(result)
    }

    /// Writes the logo's new state if it still waits for `url`; returns what `next` said
    /// beside the state (`None` when the logo changed meanwhile and was left alone).
    async fn record<T>(
        &self,
        id: &MerchantId,
        url: &str,
        next: impl Fn(&LogoStatus) -> (LogoStatus, Option<T>),
    ) -> anyhow::Result<Option<T>> {
        let mut said = None;
        self.store
            .update_merchant(id, |m| {
                said = None;
                let Some(logo) = m.brand.logo.as_ref().filter(|l| l.awaits(url)) else {
                    return false;
                };
                let (status, extra) = next(logo);
                m.brand.logo = Some(status);
                said = extra;
                true
            })
            .await
            .context("saving the logo's state")?;
        Ok(said)
    }

    /// One GET of a logo, at most [`LOGO_MAX_BYTES`], checked and written again
    /// (`logo_image`): what is not an image shipmate takes is refused for good.
    async fn fetch(&self, url: reqwest::Url) -> Result<Logo, Refused> {
        crate::outbound::refuse_private_literal(&url, self.allow_private)
            .map_err(Refused::Never)?;
        let bytes = self.get(url).await.map_err(Refused::Now)?;
        reencode_off_thread(bytes)
            .await
            .map_err(|e| Refused::Never(e.0))
    }

    async fn get(&self, url: reqwest::Url) -> Result<Vec<u8>, String> {
        let too_large = || format!("logos are at most {} KiB", LOGO_MAX_BYTES / 1024);
        let resp = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| format!("could not fetch the logo: {}", e.without_url()))?;
        if !resp.status().is_success() {
            return Err(format!("fetching the logo answered HTTP {}", resp.status()));
        }
        if resp
            .content_length()
            .is_some_and(|n| n > LOGO_MAX_BYTES as u64)
        {
            return Err(too_large());
        }
        let bytes = crate::outbound::read_capped(resp, LOGO_MAX_BYTES)
            .await
            .map_err(|e| match e {
                crate::outbound::ReadError::TooLarge(_) => too_large(),
                crate::outbound::ReadError::Http(e) => format!("could not read the logo: {e}"),
            })?;
        Ok(bytes.to_vec())
    }

    /// Fetches due logos until `cancel` fires; idle, it looks every `logos.interval` or
    /// when a fetch is queued in this process.
    pub async fn run(self: Arc<Self>, cancel: CancellationToken) {
        while !cancel.is_cancelled() {
            let busy = match self.fetch_due_once(Utc::now()).await {
                Ok(o) => o.claimed > 0,
                Err(e) => {
                    warn!(error = format!("{e:#}"), "logo step failed");
                    false
                }
            };
            if !busy {
                tokio::select! {
                    () = cancel.cancelled() => {}
                    () = tokio::time::sleep(self.config.interval) => {}
                    () = self.wake.notified() => {}
                }
            }
        }
        info!("logo fetcher stopped");
    }
}
