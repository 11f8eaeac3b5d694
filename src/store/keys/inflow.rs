//! The keys of what brings parcels in besides the API: file imports, store integrations
//! and their webhook deliveries.

use super::Keys;
use crate::domain::{ImportId, MerchantId};

impl Keys {
    /// Hash: an import's state (merchant, format, status, counters, the byte it is read up
    /// to); its file (`:data`, a string) and failed rows (`:err`, a list) share its hash tag.
    pub fn import(&self, id: &ImportId) -> String {
        format!("{}:{{imp:{id}}}", self.prefix)
    }

    pub fn import_data(&self, id: &ImportId) -> String {
        format!("{}:{{imp:{id}}}:data", self.prefix)
    }

    pub fn import_errors(&self, id: &ImportId) -> String {
        format!("{}:{{imp:{id}}}:err", self.prefix)
    }

    /// Sorted set: import id → when its next batch of rows is due (ms); claimed with a lease
    /// like the logo fetches.
    pub fn imports_due(&self) -> String {
        format!("{}:imports", self.prefix)
    }

    /// Sorted set: a merchant's imports by creation time (ms).
    pub fn merchant_imports(&self, m: &MerchantId) -> String {
        format!("{}:mimp:{m}", self.prefix)
    }

    /// String: a merchant's store integration (`shopify`, `woocommerce`): JSON with its
    /// secrets sealed.
    pub fn integration(&self, m: &MerchantId, source: &str) -> String {
        format!("{}:int:{m}:{source}", self.prefix)
    }

    /// Set: merchants with an integration of `source` (for reconciliation).
    pub fn integrations(&self, source: &str) -> String {
        format!("{}:ints:{source}", self.prefix)
    }

    /// String: when a store was last asked for what changed (ms).
    pub fn reconciled(&self, m: &MerchantId, source: &str) -> String {
        format!("{}:intrc:{m}:{source}", self.prefix)
    }

    /// String (`SET NX`, 7 days): a store delivery's event id, seen once.
    pub fn hook_seen(&self, m: &MerchantId, source: &str, digest: &str) -> String {
        format!("{}:hookseen:{m}:{source}:{digest}", self.prefix)
    }

    /// String: a store delivery waiting to be applied (JSON).
    pub fn hook_delivery(&self, id: &str) -> String {
        format!("{}:hookd:{id}", self.prefix)
    }

    /// Sorted set: store deliveries → when to apply them (ms); claimed with a lease.
    pub fn hooks_due(&self) -> String {
        format!("{}:hooksdue", self.prefix)
    }

    /// String: when the newest delivery applied to one of a store's objects (a Shopify
    /// fulfillment) was triggered (ms), so an older one arriving late changes nothing.
    pub fn hook_applied(&self, m: &MerchantId, source: &str, object: &str) -> String {
        format!("{}:hookat:{m}:{source}:{object}", self.prefix)
    }

    /// String: the store object (`f:<fulfillment>`, `o:<order>`) that last registered a
    /// tracking number, so cancelling another object that once had it changes nothing.
    pub fn hook_number(&self, m: &MerchantId, source: &str, number: &str) -> String {
        format!("{}:hooknum:{m}:{source}:{number}", self.prefix)
    }
}
