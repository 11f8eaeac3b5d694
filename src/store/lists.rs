//! The merchant's lists: all shipments newest first (`P:ms:<merchant>`, lexical members
//! `{created ms}:{id}`), and beside it one sorted set per status (`P:mst:<merchant>:<status>`)
//! and the watchlist of those needing attention (`P:matt:<merchant>`), both scored by
//! creation time with the id's 12 bytes as member. Like every side index they only point at
//! ids: a list reads the snapshots and keeps those its filter admits.
//!
//! Delivered parcels, most of a shop's history, have no list of their own: the listing
//! filtered by status serves them (most of what it holds is delivered), and their count is
//! the listing's less the others'. That saves about 75 bytes a parcel.
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

/// Whether parcels in `status` have a list of their own.
fn listed(status: Status) -> bool {
    status != Status::Delivered
}

impl Store {
    fn status_list(&self, m: &MerchantId, status: Status) -> String {
        self.keys.status_list(m, status)
    }

    fn zadd(&self, key: String, s: &Shipment) -> Cmd {
        redis::cmd("ZADD")
            .arg(key)
            .arg(s.created_at.timestamp_millis())
            .arg(&s.id.to_bytes()[..])
            .to_owned()
    }

    fn zrem(&self, key: String, s: &Shipment) -> Cmd {
        redis::cmd("ZREM")
            .arg(key)
            .arg(&s.id.to_bytes()[..])
            .to_owned()
    }

    /// The status and attention lists `place` puts a shipment in.
    fn lists_of(&self, s: &Shipment, place: ListPlace) -> Vec<String> {
        let m = &s.merchant_id;
        let status = listed(place.status).then(|| self.status_list(m, place.status));
        let attention = place.attention.then(|| self.keys.attention_list(m));
        status.into_iter().chain(attention).collect()
    }

    /// The commands that put a new shipment in its lists.
    pub(super) fn list_entries(&self, s: &Shipment, place: ListPlace) -> Vec<Cmd> {
        let listing = redis::cmd("ZADD")
            .arg(self.keys.merchant_index(&s.merchant_id))
            .arg(0)
            .arg(Cursor::of(s).to_string())
            .to_owned();
        let lists = self.lists_of(s, place).into_iter();
        std::iter::once(listing)
            .chain(lists.map(|key| self.zadd(key, s)))
            .collect()
    }

    /// Before a snapshot moving from `before` to `after` is written: the lists it enters.
    pub(super) async fn enter_lists(
        &self,
        s: &Shipment,
        (before, after): (ListPlace, ListPlace),
    ) -> Result<()> {
        let was = self.lists_of(s, before);
        let cmds = self.lists_of(s, after).into_iter();
        let cmds = cmds.filter(|k| !was.contains(k)).map(|k| self.zadd(k, s));
        self.run(cmds.collect()).await
    }

    /// After the snapshot is written: the lists it left.
    pub(super) async fn leave_lists(
        &self,
        s: &Shipment,
        (before, after): (ListPlace, ListPlace),
    ) -> Result<()> {
        let now = self.lists_of(s, after);
        let cmds = self.lists_of(s, before).into_iter();
        let cmds = cmds.filter(|k| !now.contains(k)).map(|k| self.zrem(k, s));
        self.run(cmds.collect()).await
    }

    /// At the purge: out of every list.
    pub(super) async fn leave_every_list(&self, s: &Shipment) -> Result<()> {
        let m = &s.merchant_id;
        let mut cmds: Vec<Cmd> = Status::ALL
            .iter()
            .map(|st| self.zrem(self.status_list(m, *st), s))
            .collect();
        cmds.push(self.zrem(self.keys.attention_list(m), s));
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
            let m = &s.merchant_id;
            let belongs = self.lists_of(s, s.list_place(now));
            let every = Status::ALL.iter().map(|st| self.status_list(m, *st));
            for key in every.chain([self.keys.attention_list(m)]) {
                cmds.push(if belongs.contains(&key) {
                    self.zadd(key, s)
                } else {
                    self.zrem(key, s)
                });
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
    /// crash may count twice until it moves again). Delivered: all less the others.
    pub async fn list_counts(&self, m: &MerchantId) -> Result<ListCounts> {
        let zcard = |key: String| redis::cmd("ZCARD").arg(key).to_owned();
        let statuses = Status::ALL.iter().map(|st| zcard(self.status_list(m, *st)));
        let cmds = [
            zcard(self.keys.merchant_index(m)),
            zcard(self.keys.attention_list(m)),
        ];
        let n: Vec<u64> = self
            .each(cmds.into_iter().chain(statuses).collect())
            .await?;
        let (all, attention, each) = match n.as_slice() {
            [all, attention, each @ ..] => (*all, *attention, each),
            _ => (0, 0, &[][..]),
        };
        let mut by_status: Vec<(Status, u64)> =
            Status::ALL.into_iter().zip(each.iter().copied()).collect();
        let others: u64 = by_status
            .iter()
            .filter(|(st, _)| listed(*st))
            .map(|(_, n)| n)
            .sum();
        for (st, n) in &mut by_status {
            if !listed(*st) {
                *n = all.saturating_sub(others);
            }
        }
        Ok(ListCounts {
            by_status,
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
