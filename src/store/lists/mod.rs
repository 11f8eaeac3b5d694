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

mod read;

pub use read::Cursor;

use super::{Result, Store};
use crate::domain::{ListPlace, MerchantId, Shipment, Status};

/// Shipments per list, for the overview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListCounts {
    pub by_status: Vec<(Status, u64)>,
    pub attention: u64,
}

/// Whether parcels in `status` have a list of their own.
pub(super) fn listed(status: Status) -> bool {
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
            // Registered before carriers could push: under its number too.
            let tracked = s.next_poll_at.is_some();
            let by_number = self.keys.by_number(&s.carrier, &s.tracking_number);
            let verb = if tracked { "SADD" } else { "SREM" };
            cmds.push(
                redis::cmd(verb)
                    .arg(by_number)
                    .arg(s.id.as_str())
                    .to_owned(),
            );
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
}
