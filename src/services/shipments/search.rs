//! The console's exact search of a merchant's shipments, through the search index.

use super::Shipments;
use chrono::Utc;

use crate::domain::{MerchantId, SearchKind, Shipment, ShipmentFilter, search_key};
use crate::services::ServiceError;
use crate::store::Page;

impl Shipments {
    /// The merchant's shipments whose tracking number, order number or customer e-mail is
    /// exactly `query` (case and spaces aside), newest first, at most 100, those of them
    /// that `filter` admits: through the search index, never a scan. One page.
    pub async fn search(
        &self,
        merchant: &MerchantId,
        query: &str,
        filter: &ShipmentFilter,
    ) -> Result<Page, ServiceError> {
        let query = query.trim();
        if query.is_empty() || query.chars().count() > 254 {
            return Err(ServiceError::invalid("q", "1 to 254 characters"));
        }
        let mut kinds = vec![SearchKind::TrackingNumber, SearchKind::OrderNumber];
        if query.contains('@') {
            kinds = vec![SearchKind::Email];
        }
        let keys: Vec<Vec<u8>> = kinds.iter().map(|k| search_key(*k, query)).collect();
        let ids = self.store.search(merchant, &keys).await?;
        let mut found: Vec<Shipment> = self
            .store
            .shipments(&ids)
            .await?
            .into_iter()
            .flatten()
            .filter(|s| &s.merchant_id == merchant)
            .filter(|s| kinds.iter().any(|k| s.matches(*k, query)))
            .collect();
        found.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        found.truncate(100);
        let now = Utc::now();
        found.retain(|s| filter.admits(s, now));
        Ok(Page {
            items: found,
            next_cursor: None,
        })
    }
}
