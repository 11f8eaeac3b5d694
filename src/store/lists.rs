//! The merchant's lists: all shipments newest first (`P:ms:<merchant>`, lexical members
//! `{created ms}:{id}`), and beside it one sorted set per status (`P:mst:<merchant>:<status>`)
//! and the watchlist of those needing attention (`P:matt:<merchant>`), both scored by
//! creation time with the id's 12 bytes as member. Like every side index they only point at
//! ids: a list reads the snapshots and keeps those its filter admits.
//!
//! A move between lists adds the new entry before the snapshot is written and removes the
//! old one after, so a crash in between leaves a shipment listed twice (filtered out on
//! read), never missing from where it now belongs.

use chrono::{DateTime, Utc};
use redis::Cmd;

use super::{Page, Result, Store, ms};
use crate::domain::{ListPlace, MerchantId, Shipment, ShipmentFilter, ShipmentId, Status};

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

    fn of(s: &Shipment) -> Cursor {
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

/// Shipments per list, for the overview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListCounts {
    pub by_status: Vec<(Status, u64)>,
    pub attention: u64,
}

impl Store {
    fn status_list(&self, m: &MerchantId, status: Status) -> String {
        self.keys.status_list(m, status)
    }

    /// The commands that put a new shipment in its lists.
    pub(super) fn list_entries(&self, s: &Shipment, place: ListPlace) -> Vec<Cmd> {
        let member = &s.id.to_bytes()[..];
        let created = s.created_at.timestamp_millis();
        let mut cmds = vec![
            redis::cmd("ZADD")
                .arg(self.keys.merchant_index(&s.merchant_id))
                .arg(0)
                .arg(Cursor::of(s).to_string())
                .to_owned(),
            redis::cmd("ZADD")
                .arg(self.status_list(&s.merchant_id, place.status))
                .arg(created)
                .arg(member)
                .to_owned(),
        ];
        if place.attention {
            cmds.push(
                redis::cmd("ZADD")
                    .arg(self.keys.attention_list(&s.merchant_id))
                    .arg(created)
                    .arg(member)
                    .to_owned(),
            );
        }
        cmds
    }

    /// Before a snapshot moving from `before` to `after` is written: the lists it enters.
    pub(super) async fn enter_lists(
        &self,
        s: &Shipment,
        (before, after): (ListPlace, ListPlace),
    ) -> Result<()> {
        let mut entries = self.list_entries(s, after);
        entries.remove(0);
        if before.status == after.status {
            entries.remove(0);
        }
        self.run(entries).await
    }

    /// After the snapshot is written: the lists it left.
    pub(super) async fn leave_lists(
        &self,
        s: &Shipment,
        (before, after): (ListPlace, ListPlace),
    ) -> Result<()> {
        let member = &s.id.to_bytes()[..];
        let mut cmds = vec![];
        if before.status != after.status {
            cmds.push(
                redis::cmd("ZREM")
                    .arg(self.status_list(&s.merchant_id, before.status))
                    .arg(member)
                    .to_owned(),
            );
        }
        if before.attention && !after.attention {
            cmds.push(
                redis::cmd("ZREM")
                    .arg(self.keys.attention_list(&s.merchant_id))
                    .arg(member)
                    .to_owned(),
            );
        }
        self.run(cmds).await
    }

    /// At the purge: out of every list.
    pub(super) async fn leave_every_list(&self, s: &Shipment) -> Result<()> {
        let member = &s.id.to_bytes()[..];
        let m = &s.merchant_id;
        let mut cmds: Vec<Cmd> = Status::ALL
            .iter()
            .map(|st| {
                redis::cmd("ZREM")
                    .arg(self.status_list(m, *st))
                    .arg(member)
                    .to_owned()
            })
            .collect();
        cmds.push(
            redis::cmd("ZREM")
                .arg(self.keys.attention_list(m))
                .arg(member)
                .to_owned(),
        );
        cmds.push(
            redis::cmd("ZREM")
                .arg(self.keys.merchant_index(m))
                .arg(Cursor::of(s).to_string())
                .to_owned(),
        );
        self.run(cmds).await
    }

    /// Puts shipments in exactly the lists and search entries they belong in, and out of
    /// the others: after an upgrade from a version without them, or a crash mid-move.
    pub async fn relist(&self, shipments: &[Shipment], now: DateTime<Utc>) -> Result<()> {
        let mut cmds = vec![];
        for s in shipments {
            let place = s.list_place(now);
            let member = &s.id.to_bytes()[..];
            let created = s.created_at.timestamp_millis();
            let m = &s.merchant_id;
            let lists = Status::ALL
                .iter()
                .map(|st| (self.status_list(m, *st), *st == place.status))
                .chain([(self.keys.attention_list(m), place.attention)]);
            for (key, belongs) in lists {
                let cmd = if belongs {
                    redis::cmd("ZADD")
                        .arg(key)
                        .arg(created)
                        .arg(member)
                        .to_owned()
                } else {
                    redis::cmd("ZREM").arg(key).arg(member).to_owned()
                };
                cmds.push(cmd);
            }
        }
        self.run(cmds).await?;
        for s in shipments {
            self.index_search(&s.merchant_id, &s.id, &s.search_keys())
                .await?;
        }
        Ok(())
    }

    async fn run(&self, cmds: Vec<Cmd>) -> Result<()> {
        if !cmds.is_empty() {
            let _: Vec<redis::Value> = self.each(cmds).await?;
        }
        Ok(())
    }

    /// How many shipments each list holds (one round trip; a shipment caught mid-move by a
    /// crash may count twice until it moves again).
    pub async fn list_counts(&self, m: &MerchantId) -> Result<ListCounts> {
        let mut cmds: Vec<Cmd> = Status::ALL
            .iter()
            .map(|st| redis::cmd("ZCARD").arg(self.status_list(m, *st)).to_owned())
            .collect();
        cmds.push(
            redis::cmd("ZCARD")
                .arg(self.keys.attention_list(m))
                .to_owned(),
        );
        let mut n: Vec<u64> = self.each(cmds).await?;
        let attention = n.pop().unwrap_or(0);
        Ok(ListCounts {
            by_status: Status::ALL.iter().copied().zip(n).collect(),
            attention,
        })
    }

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
        } else if let Some(st) = filter.status {
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
