//! Randomness from the operating system: ids, tokens, API keys and retry jitter.

/// `N` random bytes. The OS source failing is unrecoverable for a service that mints
/// secrets, so it aborts rather than hand out a predictable token.
pub fn bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    if let Err(e) = getrandom::fill(&mut b) {
        panic!("the OS random source failed: {e}");
    }
    b
}

/// A uniform number in [0, 1).
pub fn unit() -> f64 {
    (u64::from_le_bytes(bytes()) >> 11) as f64 / (1u64 << 53) as f64
}
