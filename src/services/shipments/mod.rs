//! Registering, reading, listing, refreshing and cancelling shipments.

mod filter;
mod find;
mod input;
mod lists;
mod search;

pub use filter::FilterInput;
pub use input::{CustomerRequest, DestinationRequest, ItemRequest, OrderRequest, ShipmentRequest};

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::carrier_choice::choose_carrier;
use super::estimates::Estimates;
use super::{FieldError, ServiceError};
use crate::carriers::Carriers;
use crate::config::Config;
use crate::domain::{
    CarrierCode, Customer, Destination, DomainEvent, MerchantId, Order, PublicToken, Shipment,
    ShipmentId, Status, TrackingNumber,
};
use crate::entropy;
use crate::store::{NewShipment, RefreshOutcome, Registration, Store};

/// A shipment as the merchant describes it, already parsed into domain types.
pub struct NewShipmentInput {
    /// `None`: detect it from the tracking number.
    pub carrier: Option<CarrierCode>,
    pub tracking_number: TrackingNumber,
    pub order: Order,
    pub customer: Option<Customer>,
    pub destination: Destination,
}

pub struct Registered {
    pub shipment: Shipment,
    /// False when the merchant had already registered this carrier + number.
    pub created: bool,
}

#[derive(Clone)]
pub struct Shipments {
    store: Store,
    carriers: Carriers,
    config: Arc<Config>,
    estimates: Estimates,
}

impl Shipments {
    pub fn new(store: Store, carriers: Carriers, config: Arc<Config>) -> Self {
        Self {
            estimates: Estimates::new(store.clone()),
            store,
            carriers,
            config,
        }
    }

    /// The same service over another store handle.
    pub fn with_store(&self, store: Store) -> Self {
        Self {
            estimates: self.estimates.with_store(store.clone()),
            store,
            ..self.clone()
        }
    }

    /// Delivery windows of shipments (the API's `estimate`, the tracking page's line).
    pub fn estimates(&self) -> &Estimates {
        &self.estimates
    }

    pub fn carriers(&self) -> &Carriers {
        &self.carriers
    }

    /// Registers a shipment; the same carrier + number twice gives back the first one.
    pub async fn register(
        &self,
        merchant: &MerchantId,
        input: NewShipmentInput,
        now: DateTime<Utc>,
    ) -> Result<Registered, ServiceError> {
        // The merchant's own carrier accounts count as configured, before the platform's.
        let own: Vec<CarrierCode> = self
            .store
            .accounts(merchant)
            .await?
            .into_iter()
            .map(|(code, _)| code)
            .collect();
        let code = match input.carrier {
            Some(code) => code,
            None => choose_carrier(&self.carriers, &input.tracking_number, &own)?,
        };
        let configured = own.contains(&code) || self.carriers.get(&code).is_some();
        let check = self
            .carriers
            .check_number(&code, &input.tracking_number)
            .filter(|_| configured);
        let Some(check) = check else {
            let mut known: Vec<_> = self.carriers.codes().map(|c| c.as_str()).collect();
            known.extend(own.iter().map(|c| c.as_str()));
            let msg = format!(
                "unknown carrier {:?}; configured: {}",
                code.as_str(),
                known.join(", ")
            );
            return Err(ServiceError::Invalid(vec![FieldError::new("carrier", msg)]));
        };
        check.map_err(|e| ServiceError::invalid("tracking_number", e.0))?;
        let shipment = Shipment {
            id: ShipmentId::from_random(entropy::bytes()),
            merchant_id: merchant.clone(),
            token: PublicToken::from_random(entropy::bytes()),
            carrier: code,
            tracking_number: input.tracking_number,
            order: input.order,
            customer: input.customer,
            destination: input.destination,
            status: Status::Pending,
            substatus: None,
            eta: None,
            events: vec![],
            created_at: now,
            last_polled_at: None,
            updated_at: None,
            signed_by: None,
            next_poll_at: Some(now),
            poll_failures: 0,
            poll_crashes: 0,
            pushed_at: None,
            likely_late_at: None,
            stated: None,
        };
        let expire_after = chrono::Duration::from_std(self.config.poller.expire_after)
            .unwrap_or(chrono::Duration::MAX);
        let new = NewShipment {
            push_subscribe: crate::services::push::subscribes(&self.config, &shipment),
            lookup_digests: shipment.lookup_digests(),
            next_poll: now,
            expires_at: shipment.expires_at(expire_after),
            shipment,
        };
        Ok(match self.store.register(new).await? {
            Registration::Created(shipment) => Registered {
                shipment,
                created: true,
            },
            Registration::Existing(shipment) => Registered {
                shipment,
                created: false,
            },
        })
    }

    /// A merchant's shipment; another merchant's looks exactly like a missing one.
    pub async fn get(
        &self,
        merchant: &MerchantId,
        id: &ShipmentId,
    ) -> Result<Shipment, ServiceError> {
        self.store
            .shipment(id)
            .await?
            .filter(|s| &s.merchant_id == merchant)
            .ok_or(ServiceError::NotFound)
    }

    /// Several of the merchant's shipments in one round trip, in the order asked; `None`
    /// where there is no such shipment (or it is another merchant's).
    pub async fn get_many(
        &self,
        merchant: &MerchantId,
        ids: &[ShipmentId],
    ) -> Result<Vec<Option<Shipment>>, ServiceError> {
        let found = self.store.shipments(ids).await?;
        Ok(found
            .into_iter()
            .map(|s| s.filter(|s| &s.merchant_id == merchant))
            .collect())
    }

    /// Polls the shipment as soon as a poller is free, at most once per configured interval.
    pub async fn refresh(
        &self,
        merchant: &MerchantId,
        id: &ShipmentId,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let s = self.get(merchant, id).await?;
        if s.is_finished() {
            return Err(ServiceError::Conflict(format!(
                "shipment is {}; it is not tracked any more",
                s.status.as_str()
            )));
        }
        let min = self.config.poller.refresh_min_interval;
        match self.store.request_refresh(id, now, min).await? {
            RefreshOutcome::Queued => Ok(()),
            RefreshOutcome::TooSoon => Err(ServiceError::TooManyRequests {
                retry_after_secs: min.as_secs().max(1),
            }),
            RefreshOutcome::NotTracked => Err(ServiceError::Conflict(
                "shipment is not tracked any more".into(),
            )),
        }
    }

    /// Stops tracking, revokes the public token and erases personal data.
    pub async fn cancel(
        &self,
        merchant: &MerchantId,
        id: &ShipmentId,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let retention = chrono::Duration::from_std(self.config.scheduler.retention)
            .unwrap_or(chrono::Duration::MAX);
        for _ in 0..5 {
            let (raw, mut s) = self
                .store
                .shipment_raw(id)
                .await?
                .filter(|(_, s)| &s.merchant_id == merchant)
                .ok_or(ServiceError::NotFound)?;
            if s.is_cancelled() {
                return Ok(());
            }
            let digests = s.every_lookup_digest();
            let search_keys = s.search_keys();
            let listed = s.list_place(now);
            let applied = s.cancel(now);
            s.next_poll_at = None;
            let events = DomainEvent::from_applied(&s, &applied, now);
            if self
                .store
                .finish(
                    &raw,
                    &s,
                    (&digests, &search_keys),
                    (listed, s.list_place(now)),
                    now + retention,
                    &events,
                )
                .await?
            {
                return Ok(());
            }
        }
        Err(ServiceError::Conflict(
            "shipment is changing too fast; try again".into(),
        ))
    }

    /// The absolute URL of a shipment's public tracking page.
    pub fn tracking_url(&self, s: &Shipment) -> String {
        crate::domain::Links::absolute(self.config.public_url(), &s.token).track()
    }
}
