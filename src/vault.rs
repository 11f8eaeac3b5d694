//! Encryption at rest for carrier credentials: AES-256-GCM, a fresh 96-bit nonce per seal,
//! the ciphertext bound to what it belongs to (merchant + carrier, as associated data), and
//! the key's id stored beside it so keys can rotate: the first configured key seals, every
//! configured key opens.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

/// Sealed bytes as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub key_id: String,
    pub nonce: String,
    pub ciphertext: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VaultError {
    #[error("no credential key is configured (security.credential_keys)")]
    Disabled,
    #[error("sealed with key {0:?}, which is not configured any more")]
    UnknownKey(String),
    #[error("the sealed value does not open (tampered, or sealed for something else)")]
    Tampered,
}

pub struct Vault {
    /// `(id, cipher)`; the first seals.
    keys: Vec<(String, Aes256Gcm)>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|(id, _)| id.as_str()).collect();
        write!(f, "Vault(keys: {ids:?})")
    }
}

impl Vault {
    /// Reads `"id:base64-32-bytes[,id:base64-32-bytes…]"`; empty means no vault.
    pub fn from_spec(spec: &str) -> Result<Option<Vault>, String> {
        let mut keys = vec![];
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (id, b64) = part
                .split_once(':')
                .ok_or("credential keys are written id:base64key")?;
            let bytes = STANDARD
                .decode(b64.trim())
                .map_err(|_| format!("credential key {id:?} is not base64"))?;
            let cipher = Aes256Gcm::new_from_slice(&bytes)
                .map_err(|_| format!("credential key {id:?} must be 32 bytes"))?;
            keys.push((id.trim().to_owned(), cipher));
        }
        Ok((!keys.is_empty()).then_some(Vault { keys }))
    }

    pub fn seal(&self, plaintext: &[u8], bound_to: &str) -> Result<Sealed, VaultError> {
        let (id, cipher) = self.keys.first().ok_or(VaultError::Disabled)?;
        let nonce: [u8; 12] = crate::entropy::bytes();
        let ciphertext = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: bound_to.as_bytes(),
                },
            )
            .map_err(|_| VaultError::Tampered)?;
        Ok(Sealed {
            key_id: id.clone(),
            nonce: STANDARD.encode(nonce),
            ciphertext: STANDARD.encode(ciphertext),
        })
    }

    pub fn open(&self, sealed: &Sealed, bound_to: &str) -> Result<Vec<u8>, VaultError> {
        let (_, cipher) = self
            .keys
            .iter()
            .find(|(id, _)| *id == sealed.key_id)
            .ok_or_else(|| VaultError::UnknownKey(sealed.key_id.clone()))?;
        let nonce = STANDARD
            .decode(&sealed.nonce)
            .map_err(|_| VaultError::Tampered)?;
        let ciphertext = STANDARD
            .decode(&sealed.ciphertext)
            .map_err(|_| VaultError::Tampered)?;
        if nonce.len() != 12 {
            return Err(VaultError::Tampered);
        }
        cipher
            .decrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &ciphertext,
                    aad: bound_to.as_bytes(),
                },
            )
            .map_err(|_| VaultError::Tampered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> String {
        STANDARD.encode([byte; 32])
    }

    #[test]
    fn seals_opens_binds_and_rotates() {
        let old = Vault::from_spec(&format!("k1:{}", key(1)))
            .unwrap()
            .unwrap();
        let sealed = old.seal(b"client_secret=s3cret", "mer_1/ups").unwrap();
        assert_eq!(sealed.key_id, "k1");
        assert!(!sealed.ciphertext.contains("s3cret"));
        assert_eq!(
            old.open(&sealed, "mer_1/ups").unwrap(),
            b"client_secret=s3cret"
        );
        assert_eq!(
            old.open(&sealed, "mer_2/ups").unwrap_err(),
            VaultError::Tampered,
            "bound to its owner"
        );
        let rotated = Vault::from_spec(&format!("k2:{},k1:{}", key(2), key(1)))
            .unwrap()
            .unwrap();
        assert_eq!(
            rotated.open(&sealed, "mer_1/ups").unwrap(),
            b"client_secret=s3cret",
            "old keys still open"
        );
        assert_eq!(
            rotated.seal(b"x", "y").unwrap().key_id,
            "k2",
            "the first key seals"
        );
        let new_only = Vault::from_spec(&format!("k2:{}", key(2)))
            .unwrap()
            .unwrap();
        assert_eq!(
            new_only.open(&sealed, "mer_1/ups").unwrap_err(),
            VaultError::UnknownKey("k1".into())
        );
        let mut bad = sealed.clone();
        bad.ciphertext = STANDARD.encode(b"garbage-garbage-garbage");
        assert_eq!(
            old.open(&bad, "mer_1/ups").unwrap_err(),
            VaultError::Tampered
        );
        assert!(Vault::from_spec("").unwrap().is_none());
        assert!(Vault::from_spec("k:short").is_err());
        assert!(!format!("{old:?}").contains(&key(1)));
    }
}
