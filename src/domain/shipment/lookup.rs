//! The digests a shipment is found by without storing what they are made of: the shop's
//! order lookup (`/track/{shop}`) and the customer's identity.

use super::Shipment;
use crate::domain::MerchantId;

/// Digest that `/track/{shop}` looks an order up by: the shop, the order number and the
/// e-mail or postcode, normalised. Only the digest is stored, not what it is made of.
pub fn lookup_digest(merchant: &MerchantId, order_number: &str, secret: &str) -> String {
    let order = order_number.trim().trim_start_matches('#');
    legacy_lookup_digest(&format!("{merchant}/{order}"), secret)
}

/// The digest of a pair, without the shop: lookups written before they were scoped to a
/// shop (still read, filtered by merchant), and other pairs (a customer's identity).
pub fn legacy_lookup_digest(order_number: &str, secret: &str) -> String {
    use sha2::{Digest, Sha256};
    let order = order_number.trim().trim_start_matches('#').to_uppercase();
    // Lowercased as a whole, like `EmailAddress::canonical` (a final Σ becomes ς).
    let secret: String = secret
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_lowercase();
    let digest = Sha256::digest(format!("{order}\n{secret}").as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// What the console's search looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchKind {
    TrackingNumber,
    OrderNumber,
    Email,
}

/// A field of a merchant's search index, 9 bytes: the kind (`t`, `o`, `e`) and 64 bits of
/// SHA-256 of the value, normalised (tracking and order numbers upper-cased without spaces
/// or a leading `#`, an e-mail as [`crate::domain::EmailAddress::canonical`]). The value
/// itself is not stored; readers check each hit against the snapshot.
pub fn search_key(kind: SearchKind, value: &str) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let (tag, text) = match kind {
        SearchKind::TrackingNumber => ('t', value.replace(' ', "").to_uppercase()),
        SearchKind::OrderNumber => ('o', value.trim().trim_start_matches('#').to_uppercase()),
        SearchKind::Email => ('e', value.trim().to_lowercase()),
    };
    let digest = Sha256::digest(text.as_bytes());
    let mut key = vec![tag as u8];
    key.extend_from_slice(&digest[..8]);
    key
}

impl Shipment {
    /// The search index fields this shipment is found under (its e-mail's gone once
    /// personal data is erased).
    pub fn search_keys(&self) -> Vec<Vec<u8>> {
        let email = self.customer.as_ref().and_then(|c| c.email.as_ref());
        [
            Some(search_key(
                SearchKind::TrackingNumber,
                self.tracking_number.as_str(),
            )),
            Some(search_key(SearchKind::OrderNumber, &self.order.number)),
            email.map(|e| search_key(SearchKind::Email, &e.canonical())),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Whether this shipment is what a search for `value` as `kind` means (a hit of the
    /// index, checked).
    pub fn matches(&self, kind: SearchKind, value: &str) -> bool {
        let found = match kind {
            SearchKind::TrackingNumber => self.tracking_number.as_str().to_owned(),
            SearchKind::OrderNumber => self.order.number.clone(),
            SearchKind::Email => match self.customer.as_ref().and_then(|c| c.email.as_ref()) {
                Some(e) => e.canonical(),
                None => return false,
            },
        };
        search_key(kind, &found) == search_key(kind, value)
    }

    /// Who the customer is to a merchant, without keeping who they are: a digest of their
    /// e-mail address, else of their phone number.
    pub fn customer_digest(&self) -> Option<String> {
        let c = self.customer.as_ref()?;
        let identity = match (&c.email, &c.phone) {
            (Some(e), _) => e.canonical(),
            (None, Some(p)) => p.digits().to_owned(),
            (None, None) => return None,
        };
        Some(legacy_lookup_digest("customer", &identity))
    }

    /// The digests `/track/{shop}` finds this shipment by (none once personal data is erased).
    pub fn lookup_digests(&self) -> Vec<String> {
        self.lookup_secrets()
            .map(|secret| lookup_digest(&self.merchant_id, &self.order.number, &secret))
            .collect()
    }

    /// Every digest this shipment may be indexed under, older unscoped ones included (what
    /// erasure removes).
    pub fn every_lookup_digest(&self) -> Vec<String> {
        let legacy = self
            .lookup_secrets()
            .map(|secret| legacy_lookup_digest(&self.order.number, &secret));
        self.lookup_digests().into_iter().chain(legacy).collect()
    }

    fn lookup_secrets(&self) -> impl Iterator<Item = String> + '_ {
        let email = self
            .customer
            .as_ref()
            .and_then(|c| c.email.as_ref())
            .map(|e| e.canonical());
        email.into_iter().chain(self.destination.postcode.clone())
    }
}
