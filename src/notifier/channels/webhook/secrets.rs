//! Webhook secrets: signing and checking a delivery (Standard Webhooks), and an
//! endpoint's secret sealed for it in the vault.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::domain::{MerchantId, WebhookEndpoint, WebhookId, WebhookSecret};
use crate::vault::{Sealed, Vault, VaultError};

/// Signs one delivery. `secret` is `whsec_` + base64 of the key (the prefix is optional).
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> String {
    let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
    let key = STANDARD
        .decode(encoded)
        .unwrap_or_else(|_| encoded.as_bytes().to_vec());
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&key) else {
        // HMAC takes keys of any length; this branch cannot be reached.
        return String::new();
    };
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
}

/// Checks a `webhook-signature` value (space-separated signatures, as a receiver does) for
/// one delivery, comparing in constant time. The timestamp's age is the caller's to check.
pub fn verify(secret: &str, id: &str, timestamp: i64, body: &[u8], header: &str) -> bool {
    let expected = sign(secret, id, timestamp, body);
    header.split(' ').fold(false, |found, candidate| {
        found | same_bytes(candidate.as_bytes(), expected.as_bytes())
    })
}

/// Equal bytes, in a time that depends on the lengths only.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && std::hint::black_box(a.iter().zip(b).fold(0, |d, (x, y)| d | (x ^ y))) == 0
}

/// A fresh secret: `whsec_` + base64 of 24 random bytes.
pub fn new_secret() -> String {
    format!("whsec_{}", STANDARD.encode(crate::entropy::bytes::<24>()))
}

/// What an endpoint's sealed secret is bound to: its merchant and its id.
fn binding(merchant: &MerchantId, id: &WebhookId) -> String {
    format!("{merchant}/webhook/{id}")
}

/// An endpoint's secret as it is stored: sealed when there is a vault, else in clear.
pub fn seal_secret(
    vault: Option<&Vault>,
    merchant: &MerchantId,
    id: &WebhookId,
    secret: &str,
) -> Result<WebhookSecret, VaultError> {
    let Some(vault) = vault else {
        return Ok(WebhookSecret::Clear(secret.into()));
    };
    let s = vault.seal(secret.as_bytes(), &binding(merchant, id))?;
    Ok(WebhookSecret::Sealed {
        key_id: s.key_id,
        nonce: s.nonce,
        ciphertext: s.ciphertext,
    })
}

/// An endpoint's secret in clear, whichever way it was stored.
pub fn open_secret(vault: Option<&Vault>, w: &WebhookEndpoint) -> Result<String, VaultError> {
    let (key_id, nonce, ciphertext) = match &w.secret {
        WebhookSecret::Clear(secret) => return Ok(secret.expose().to_owned()),
        WebhookSecret::Sealed {
            key_id,
            nonce,
            ciphertext,
        } => (key_id, nonce, ciphertext),
    };
    let sealed = Sealed {
        key_id: key_id.clone(),
        nonce: nonce.clone(),
        ciphertext: ciphertext.clone(),
    };
    let bytes = vault
        .ok_or(VaultError::Disabled)?
        .open(&sealed, &binding(&w.merchant_id, &w.id))?;
    String::from_utf8(bytes).map_err(|_| VaultError::Tampered)
}
