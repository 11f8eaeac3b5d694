//! How a shipment snapshot is stored: compact JSON, deflated. A snapshot with ten events is
//! ~1.6 KB of JSON and ~0.6 KB stored; inflating it costs a few microseconds. The first
//! byte says which: `{` is plain JSON (readable with redis-cli), 0x01 is deflated JSON.

use super::{Result, StoreError};
use crate::domain::Shipment;

const DEFLATED: u8 = 0x01;
/// No snapshot inflates beyond this; a larger one is corrupt.
const MAX_JSON: usize = 4 << 20;

/// The stored form; a snapshot too large to be read back is refused, never written.
pub fn encode(s: &Shipment) -> Result<Vec<u8>> {
    let json = super::encode(s);
    if json.len() > MAX_JSON {
        return Err(StoreError::TooLarge(format!(
            "shipment {} would be {} bytes (at most {MAX_JSON})",
            s.id,
            json.len()
        )));
    }
    let mut out = Vec::with_capacity(json.len() / 2);
    out.push(DEFLATED);
    out.extend(miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 1));
    Ok(out)
}

pub fn decode(bytes: &[u8]) -> Result<Shipment> {
    let corrupt = |e: String| StoreError::Corrupt(format!("shipment: {e}"));
    match bytes.split_first() {
        Some((&DEFLATED, rest)) => {
            let json = miniz_oxide::inflate::decompress_to_vec_with_limit(rest, MAX_JSON)
                .map_err(|e| corrupt(format!("inflate: {e:?}")))?;
            serde_json::from_slice(&json).map_err(|e| corrupt(e.to_string()))
        }
        Some((b'{', _)) => serde_json::from_slice(bytes).map_err(|e| corrupt(e.to_string())),
        _ => Err(corrupt("unknown encoding".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_round_trip_smaller_and_plain_json_still_reads() {
        let s = crate::domain::shipment::tests::sample();
        let stored = encode(&s).unwrap();
        let json = serde_json::to_vec(&s).unwrap();
        assert!(stored.len() < json.len());
        assert_eq!(decode(&stored).unwrap(), s);
        assert_eq!(decode(&json).unwrap(), s);
        assert!(decode(b"\x01garbage").is_err());
        assert!(decode(b"").is_err());
        let mut huge = s.clone();
        huge.order.number = "x".repeat(MAX_JSON);
        assert!(matches!(encode(&huge), Err(StoreError::TooLarge(_))));
    }
}
