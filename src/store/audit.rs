//! Merchants' audit logs: one stream per merchant, capped at its newest entries; stream ids
//! order the entries and are the listing's cursors.

use super::{Result, Store, decode, encode};
use crate::domain::{AuditEntry, MerchantId};

/// How many entries a merchant's log keeps.
pub const AUDIT_KEEP: usize = 1_000;

/// One page of a merchant's audit log, newest first.
#[derive(Debug, Clone)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    /// Where the next page starts (the last entry's stream id), if there may be one.
    pub next_cursor: Option<String>,
}

/// Whether `s` has the shape of a stream id (`<ms>-<seq>`), as cursors do.
pub fn is_audit_cursor(s: &str) -> bool {
    let digits = |p: &str| !p.is_empty() && p.len() <= 20 && p.bytes().all(|b| b.is_ascii_digit());
    s.split_once('-')
        .is_some_and(|(a, b)| digits(a) && digits(b))
}

impl Store {
    pub async fn append_audit(&self, merchant: &MerchantId, entry: &AuditEntry) -> Result<()> {
        let _: String = redis::cmd("XADD")
            .arg(self.keys.audit(merchant))
            .arg("MAXLEN")
            .arg(AUDIT_KEEP)
            .arg("*")
            .arg("e")
            .arg(encode(entry))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Up to `limit` entries older than `cursor` (none: from the newest).
    pub async fn audit(
        &self,
        merchant: &MerchantId,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<AuditPage> {
        let start = cursor.map_or_else(|| "+".to_owned(), |c| format!("({c}"));
        let entries: Vec<(String, Vec<(String, String)>)> = redis::cmd("XREVRANGE")
            .arg(self.keys.audit(merchant))
            .arg(start)
            .arg("-")
            .arg("COUNT")
            .arg(limit + 1)
            .query_async(&mut self.conn())
            .await?;
        let more = entries.len() > limit;
        let mut items = vec![];
        let mut last = None;
        for (id, fields) in entries.into_iter().take(limit) {
            for (_, json) in fields.iter().filter(|(f, _)| f == "e") {
                items.push(decode::<AuditEntry>("audit entry", json)?);
            }
            last = Some(id);
        }
        Ok(AuditPage {
            items,
            next_cursor: last.filter(|_| more),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_are_stream_ids() {
        assert!(is_audit_cursor("1700000000000-0"));
        for bad in ["", "-", "1-", "-1", "1-2-3", "+", "(1-0", "1-0 x"] {
            assert!(!is_audit_cursor(bad), "{bad}");
        }
    }
}
