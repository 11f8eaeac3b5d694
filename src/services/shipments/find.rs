//! Finding a merchant's shipments by what customers and stores know: an order number with an
//! e-mail or postcode, a carrier and tracking number.

use super::Shipments;
use crate::domain::{
    CarrierCode, MerchantId, PublicToken, Shipment, ShipmentId, Status, TrackingNumber,
    legacy_lookup_digest, lookup_digest,
};
use crate::services::ServiceError;
use crate::services::carrier_choice::choose_carrier;

impl Shipments {
    /// The tracking token for an order number + e-mail (or postcode), if one matches.
    /// A wrong pair and a missing order both give `None`.
    /// The newest live shipment of `merchant`'s order with this e-mail or postcode.
    pub async fn find_by_order(
        &self,
        merchant: &MerchantId,
        order_number: &str,
        secret: &str,
    ) -> Result<Option<PublicToken>, ServiceError> {
        let mut ids = self
            .store
            .lookup(&lookup_digest(merchant, order_number, secret))
            .await?;
        // Indexed before lookups were scoped to a shop: the merchant check below scopes them.
        ids.extend(
            self.store
                .lookup(&legacy_lookup_digest(order_number, secret))
                .await?,
        );
        let mut found: Vec<Shipment> = self
            .store
            .shipments(&ids)
            .await?
            .into_iter()
            .flatten()
            .filter(|s| s.merchant_id == *merchant)
            .collect();
        found.sort_by_key(|s| std::cmp::Reverse(s.created_at));
        Ok(found
            .into_iter()
            .find(|s| s.status != Status::Cancelled)
            .map(|s| s.token))
    }

    /// The shipment `merchant` registered for a number (the carrier told from it when
    /// `None`, as at registration), if any.
    pub async fn registered(
        &self,
        merchant: &MerchantId,
        carrier: Option<CarrierCode>,
        number: &TrackingNumber,
    ) -> Result<Option<ShipmentId>, ServiceError> {
        let code = match carrier {
            Some(c) => c,
            None => {
                let own: Vec<CarrierCode> = self
                    .store
                    .accounts(merchant)
                    .await?
                    .into_iter()
                    .map(|(c, _)| c)
                    .collect();
                choose_carrier(&self.carriers, number, &own)?
            }
        };
        Ok(self.store.registered(merchant, &code, number).await?)
    }
}
