//! The keys of the merchant console's own data: the search index, console users, their
//! teams, invitations and sessions, and the make-good pool.

use super::Keys;
use crate::domain::{MerchantId, UserId};

impl Keys {
    /// Hash: the bucket of a merchant's search index that holds `field` (kind + 64 bits of a
    /// value's SHA-256, see `domain::search_key`) → the 12-byte ids found under it,
    /// concatenated. The bucket is the field's first 16 bits of digest: 65,536 buckets keep
    /// each under Redis's 128-field listpack limit up to about two million parcels.
    pub fn search(&self, merchant: &MerchantId, field: &[u8]) -> String {
        let bucket = match field {
            [_, a, b, ..] => u16::from_be_bytes([*a, *b]),
            _ => 0,
        };
        format!("{}:find:{merchant}:{bucket:04x}", self.prefix)
    }

    /// Every bucket of a merchant's search index (for tools that weigh it).
    pub fn search_buckets(&self, merchant: &MerchantId) -> impl Iterator<Item = String> {
        let prefix = format!("{}:find:{merchant}", self.prefix);
        (0..=u16::MAX).map(move |b| format!("{prefix}:{b:04x}"))
    }

    /// Hash: the search index as one hash, as versions before the buckets wrote it.
    pub fn search_unbucketed(&self, merchant: &MerchantId) -> String {
        format!("{}:find:{merchant}", self.prefix)
    }

    /// A console user (JSON).
    pub fn user(&self, id: &UserId) -> String {
        format!("{}:usr:{id}", self.prefix)
    }

    /// A console user's e-mail (SHA-256 of its canonical form) → their id: one account
    /// per address.
    pub fn user_email(&self, digest: &str) -> String {
        format!("{}:ue:{digest}", self.prefix)
    }

    /// Set: a merchant's team (user ids).
    pub fn team(&self, merchant: &MerchantId) -> String {
        format!("{}:team:{merchant}", self.prefix)
    }

    /// An invitation (SHA-256 of its token) → the invited user's id; expires unused.
    pub fn invitation(&self, digest: &str) -> String {
        format!("{}:inv:{digest}", self.prefix)
    }

    /// A console session (SHA-256 of its cookie) → JSON; expires when idle.
    pub fn session(&self, digest: &str) -> String {
        format!("{}:ses:{digest}", self.prefix)
    }

    /// Set: a user's session digests, to end them all.
    pub fn user_sessions(&self, id: &UserId) -> String {
        format!("{}:uses:{id}", self.prefix)
    }

    /// One part of a merchant's make-good: `pool` (list of codes), `seen` (set of every
    /// code ever uploaded), `given` (hash shipment → grant), `customers` (hash customer
    /// digest → "shipment at_ms order"), `reordered` (hash digest → the later shipment),
    /// `low` (the "running low" webhook fired), `count` (grants made; `given` loses a
    /// parcel's when it is purged). One hash tag: the scripts touch them together.
    pub fn make_good(&self, merchant: &MerchantId, part: &str) -> String {
        format!("{}:{{mg:{merchant}}}:{part}", self.prefix)
    }

    /// One of a merchant's analytics keys (see `store::analytics`); one hash tag.
    pub fn analytics(&self, merchant: &MerchantId, part: &str) -> String {
        format!("{}:{{an:{merchant}}}:{part}", self.prefix)
    }

    /// One of a merchant's recent-pace keys (see `store::estimates`); one hash tag.
    pub fn pace(&self, merchant: &MerchantId, part: &str) -> String {
        format!("{}:{{pace:{merchant}}}:{part}", self.prefix)
    }
}
