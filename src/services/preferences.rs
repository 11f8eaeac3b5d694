//! The customer's say over messages: unsubscribe from one channel or all of a merchant's
//! messages, or subscribe again. Reached with the shipment's public token.

use std::sync::Arc;

use super::ServiceError;
use crate::domain::{Channel, Merchant, PublicToken, Shipment};
use crate::store::Store;

/// What a customer may ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    StopAll,
    Stop(Channel),
    Resume,
}

impl Choice {
    pub fn parse(s: &str) -> Option<Choice> {
        match s {
            "all" => Some(Choice::StopAll),
            "resubscribe" => Some(Choice::Resume),
            other => Channel::parse(other)
                .filter(|c| matches!(c, Channel::Email | Channel::Sms | Channel::Whatsapp))
                .map(Choice::Stop),
        }
    }
}

#[derive(Clone)]
pub struct Preferences {
    store: Store,
}

impl Preferences {
    pub fn new(store: Store) -> Self {
        Preferences { store }
    }

    /// The shipment and merchant behind a token, and what the customer opted out of.
    pub async fn show(
        &self,
        token: &PublicToken,
    ) -> Result<(Arc<Shipment>, Arc<Merchant>, Vec<String>), ServiceError> {
        let (s, m) = super::audience::find(&self.store, token, std::time::Duration::ZERO).await?;
        let out = match s.customer_digest() {
            Some(who) => self.store.opt_outs(&s.merchant_id, &who).await?,
            None => vec![],
        };
        Ok((s, m, out))
    }

    pub async fn choose(&self, token: &PublicToken, choice: Choice) -> Result<(), ServiceError> {
        let (s, ..) = self.show(token).await?;
        let who = s.customer_digest().ok_or(ServiceError::NotFound)?;
        match choice {
            Choice::StopAll => self.store.opt_out(&s.merchant_id, &who, "all").await?,
            Choice::Stop(c) => self.store.opt_out(&s.merchant_id, &who, c.as_str()).await?,
            Choice::Resume => self.store.opt_in(&s.merchant_id, &who).await?,
        }
        tracing::info!(shipment_id = %s.id, choice = ?choice, "message preferences changed");
        Ok(())
    }
}
