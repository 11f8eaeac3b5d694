//! The lanes a web process keeps a while: each merchant's rollups and pace as last read,
//! shared by the pages that read them.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::Read;
use crate::FastMap;
use crate::domain::MerchantId;

/// Rollups and paces read, by merchant, and when.
pub(super) struct Kept {
    for_: Duration,
    merchants: Mutex<FastMap<MerchantId, KeptRead>>,
}

/// One merchant's rollups and pace as read (shared with the pages that read them), when
/// each level was read, and when the pace was.
struct KeptRead {
    read: Arc<Read>,
    levels: FastMap<String, Instant>,
    pace_at: Instant,
}

/// Levels kept at most, per process.
const KEPT: usize = 20_000;

impl Kept {
    /// Keeps what is read `for_`.
    pub(super) fn new(for_: Duration) -> Self {
        Kept {
            for_,
            merchants: Mutex::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FastMap<MerchantId, KeptRead>> {
        self.merchants.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// What is kept of `m`, if its pace and all of `levels` are fresh.
    pub(super) fn get<'a>(
        &self,
        m: &MerchantId,
        mut levels: impl Iterator<Item = &'a String>,
    ) -> Option<Arc<Read>> {
        let now = Instant::now();
        let fresh = |at: &Instant| now.duration_since(*at) < self.for_;
        let merchants = self.lock();
        let kept = merchants.get(m)?;
        let all = fresh(&kept.pace_at) && levels.all(|l| kept.levels.get(l).is_some_and(fresh));
        all.then(|| kept.read.clone())
    }

    /// Keeps `read`, all of it `m`'s, beside the levels kept before that are still fresh
    /// (a stale one goes); what is kept now.
    pub(super) fn keep(&self, m: &MerchantId, read: Read) -> Arc<Read> {
        let now = Instant::now();
        let mut merchants = self.lock();
        let levels: usize = merchants.values().map(|k| k.levels.len() + 1).sum();
        if levels + read.rollups.len() >= KEPT {
            merchants.clear();
        }
        let (mut rollups, mut stamps) = (FastMap::default(), FastMap::default());
        if let Some(k) = merchants.remove(m) {
            for (level, at) in k.levels {
                let fresh = now.duration_since(at) < self.for_;
                if let Some(r) = k.read.rollups.get(&level).filter(|_| fresh) {
                    rollups.insert(level.clone(), r.clone());
                    stamps.insert(level, at);
                }
            }
        }
        for (level, r) in read.rollups {
            stamps.insert(level.clone(), now);
            rollups.insert(level, r);
        }
        let read = Arc::new(Read {
            rollups,
            pace: read.pace,
        });
        let kept = KeptRead {
            read: read.clone(),
            levels: stamps,
            pace_at: now,
        };
        merchants.insert(m.clone(), kept);
        read
    }
}
