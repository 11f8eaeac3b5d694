//! A merchant's lists of shipments: pages of a filter, CSV exports, the counts the overview
//! shows, and the walk that rebuilds the lists (`shipmate merchant reindex`).

use chrono::{DateTime, Utc};

use super::Shipments;
use crate::domain::{MerchantId, ShipmentFilter};
use crate::services::ServiceError;
use crate::store::{Cursor, ListCounts, Page};

/// Pages one export reads at most (each reads at most 2,000 index entries).
const EXPORT_PAGES: usize = 100;

impl Shipments {
    /// A page of the merchant's shipments that `filter` admits, newest first.
    pub async fn list(
        &self,
        merchant: &MerchantId,
        filter: &ShipmentFilter,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page, ServiceError> {
        let cursor = match cursor {
            Some(c) => Some(Cursor::parse(c).ok_or_else(|| {
                ServiceError::invalid("cursor", "not a cursor this API returned")
            })?),
            None => None,
        };
        let limit = limit.clamp(1, 100);
        Ok(self
            .store
            .list(merchant, filter, cursor.as_ref(), limit, Utc::now())
            .await?)
    }

    /// Up to `max` shipments that `filter` admits, newest first, for an export, and the
    /// cursor to go on from when there are more (or the scan budget ran out first).
    pub async fn export(
        &self,
        merchant: &MerchantId,
        filter: &ShipmentFilter,
        mut cursor: Option<String>,
        max: usize,
    ) -> Result<Page, ServiceError> {
        let mut items = vec![];
        for _ in 0..EXPORT_PAGES {
            let want = max.saturating_sub(items.len());
            if want == 0 {
                break;
            }
            let page = self.list(merchant, filter, cursor.as_deref(), want).await?;
            items.extend(page.items);
            cursor = page.next_cursor;
            if cursor.is_none() {
                break;
            }
        }
        Ok(Page {
            items,
            next_cursor: cursor,
        })
    }

    /// Walks all of a merchant's shipments and puts each in exactly the lists and search
    /// entries it belongs in (`shipmate merchant reindex`); returns how many it walked.
    pub async fn reindex(
        &self,
        merchant: &MerchantId,
        now: DateTime<Utc>,
    ) -> Result<usize, ServiceError> {
        let all = ShipmentFilter::default();
        let (mut cursor, mut walked) = (None::<Cursor>, 0usize);
        loop {
            let page = self
                .store
                .list(merchant, &all, cursor.as_ref(), 100, now)
                .await?;
            self.store.relist(&page.items, now).await?;
            walked = walked.saturating_add(page.items.len());
            match page.next_cursor.as_deref().and_then(Cursor::parse) {
                Some(next) => cursor = Some(next),
                None => {
                    self.store.drop_unbucketed_search(merchant).await?;
                    return Ok(walked);
                }
            }
        }
    }

    /// How many shipments each of the merchant's lists holds.
    pub async fn counts(&self, merchant: &MerchantId) -> Result<ListCounts, ServiceError> {
        Ok(self.store.list_counts(merchant).await?)
    }
}
