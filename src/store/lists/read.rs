//! Reading a merchant's lists: a page of a filter, newest first, from the narrowest list
//! that holds every shipment the filter admits, with the cursor to go on from.

use chrono::{DateTime, Utc};

use super::listed;
use crate::domain::{MerchantId, Shipment, ShipmentFilter, ShipmentId};
use crate::store::{Page, Result, Store, ms};

/// How many index entries one listing request may read to fill a filtered page; a page
/// cut short by it still has a cursor to go on from.
const LIST_SCAN_MAX: usize = 2_000;

/// Index entries read per round trip.
const BATCH: usize = 100;

/// Where a list page stopped: the creation time and id of its last entry (`{ms:013}:{id}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    ms: i64,
    id: ShipmentId,
}

impl Cursor {
    pub fn parse(raw: &str) -> Option<Cursor> {
        let (ms, id) = raw.split_once(':')?;
        let ok = ms.len() == 13 && ms.bytes().all(|b| b.is_ascii_digit());
        Some(Cursor {
            ms: ms.parse().ok().filter(|_| ok)?,
            id: ShipmentId::parse(id).ok()?,
        })
    }

    pub(super) fn of(s: &Shipment) -> Cursor {
        Cursor {
            ms: s.created_at.timestamp_millis(),
            id: s.id.clone(),
        }
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:013}:{}", self.ms, self.id)
    }
}

impl Store {
    /// A page of a merchant's shipments that `filter` admits, newest first, read from the
    /// narrowest list that holds them all.
    pub async fn list(
        &self,
        merchant: &MerchantId,
        filter: &ShipmentFilter,
        cursor: Option<&Cursor>,
        limit: usize,
        now: DateTime<Utc>,
    ) -> Result<Page> {
        let index = if filter.attention {
            Index::Scored(self.keys.attention_list(merchant))
        } else if let Some(st) = filter.status.filter(|st| listed(*st)) {
            Index::Scored(self.status_list(merchant, st))
        } else {
            Index::Listing(self.keys.merchant_index(merchant))
        };
        let range = (filter.created_from.map(ms), filter.created_to.map(ms));
        let (mut items, mut scanned, mut after) = (vec![], 0, cursor.cloned());
        loop {
            let found = self.batch(&index, after.as_ref(), range).await?;
            let Some(last) = found.last() else {
                return Ok(Page {
                    items,
                    next_cursor: None,
                });
            };
            after = Some(last.clone());
            let ids: Vec<ShipmentId> = found.iter().map(|c| c.id.clone()).collect();
            for (at, shipment) in found.iter().zip(self.shipments(&ids).await?) {
                scanned += 1;
                let Some(s) = shipment else { continue };
                if &s.merchant_id == merchant && filter.admits(&s, now) {
                    items.push(s);
                }
                if items.len() == limit || scanned == LIST_SCAN_MAX {
                    return Ok(Page {
                        items,
                        next_cursor: Some(at.to_string()),
                    });
                }
            }
        }
    }

    /// The next entries of a list after `after`, within [from, to) ms, newest first.
    async fn batch(
        &self,
        index: &Index,
        after: Option<&Cursor>,
        (from, to): (Option<i64>, Option<i64>),
    ) -> Result<Vec<Cursor>> {
        match index {
            Index::Listing(key) => {
                let mut max = to.map_or_else(|| "+".to_owned(), |t| format!("({t:013}"));
                if let Some(c) = after {
                    let past = format!("({c}");
                    if max == "+" || past < max {
                        max = past;
                    }
                }
                let min = from.map_or_else(|| "-".to_owned(), |f| format!("[{f:013}"));
                let members: Vec<String> = redis::cmd("ZRANGE")
                    .arg(key)
                    .arg(max)
                    .arg(min)
                    .arg("BYLEX")
                    .arg("REV")
                    .arg("LIMIT")
                    .arg(0)
                    .arg(BATCH)
                    .query_async(&mut self.conn())
                    .await?;
                Ok(members.iter().filter_map(|m| Cursor::parse(m)).collect())
            }
            Index::Scored(key) => {
                // Inclusive of the cursor's moment: entries created in the same millisecond
                // come in descending id order, and those down to the cursor were shown.
                let max = match (after, to) {
                    (Some(c), Some(t)) if t <= c.ms => format!("({t}"),
                    (Some(c), _) => c.ms.to_string(),
                    (None, Some(t)) => format!("({t}"),
                    (None, None) => "+inf".to_owned(),
                };
                let min = from.map_or_else(|| "-inf".to_owned(), |f| f.to_string());
                let mut skip = 0usize;
                loop {
                    let entries: Vec<(Vec<u8>, i64)> = redis::cmd("ZRANGE")
                        .arg(key)
                        .arg(&max)
                        .arg(&min)
                        .arg("BYSCORE")
                        .arg("REV")
                        .arg("LIMIT")
                        .arg(skip)
                        .arg(BATCH)
                        .arg("WITHSCORES")
                        .query_async(&mut self.conn())
                        .await?;
                    let read = entries.len();
                    let fresh: Vec<Cursor> = entries
                        .into_iter()
                        .filter_map(|(member, ms)| {
                            let id = ShipmentId::from_random(member.try_into().ok()?);
                            let seen = after.is_some_and(|c| c.ms == ms && id >= c.id);
                            (!seen).then_some(Cursor { ms, id })
                        })
                        .collect();
                    if !fresh.is_empty() || read < BATCH {
                        return Ok(fresh);
                    }
                    skip = skip.saturating_add(read);
                }
            }
        }
    }
}

enum Index {
    /// The lexical listing of every shipment.
    Listing(String),
    /// A list scored by creation time (ms), members the ids' bytes.
    Scored(String),
}
