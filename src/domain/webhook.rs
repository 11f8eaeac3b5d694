//! A merchant's webhook endpoint: where shipment events go, signed with its secret
//! (Standard Webhooks), and which addresses shipmate refuses to call.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{MerchantId, Trigger, WebhookId};

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookEndpoint {
    pub id: WebhookId,
    pub merchant_id: MerchantId,
    pub url: String,
    /// Triggers it wants (`shipment.<trigger>` events); empty: all.
    #[serde(default)]
    pub events: Vec<Trigger>,
    /// `whsec_` + base64 of the key: shown once at creation, used to sign, never returned.
    pub secret: String,
    /// Set when the endpoint answered 410 Gone: nothing more is sent.
    #[serde(default)]
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

impl std::fmt::Debug for WebhookEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "WebhookEndpoint {{ id: {}, url: {:?}, secret: <redacted> }}",
            self.id, self.url
        )
    }
}

impl WebhookEndpoint {
    pub fn wants(&self, trigger: Trigger) -> bool {
        !self.disabled && (self.events.is_empty() || self.events.contains(&trigger))
    }
}

/// Whether an address is on the public internet: not loopback, private, link-local,
/// carrier-grade NAT, unique-local, multicast or unspecified (nor an IPv4 one of those
/// inside IPv6).
pub fn is_public_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_address(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_special_addresses_are_not_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!is_public_address(private.parse().unwrap()), "{private}");
        }
        for public in ["93.184.216.34", "8.8.8.8", "2606:4700::1111"] {
            assert!(is_public_address(public.parse().unwrap()), "{public}");
        }
    }
}
