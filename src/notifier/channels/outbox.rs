//! The outbox: messages written as files instead of sent — `.eml` (exactly what the e-mail
//! channel would send) when the customer has an address, `.json` otherwise. Files are named
//! by notification id and written by rename, so a retried send replaces, never duplicates.

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use lettre::message::Mailbox;

use super::{Outgoing, SendError, Transport, build_email};
use crate::domain::{Channel, Shipment};

pub struct Outbox {
    dir: PathBuf,
    from: Mailbox,
}

impl Outbox {
    pub fn new(dir: &Path, from: &str) -> Result<Outbox, String> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("notifier.outbox_dir {}: {e}", dir.display()))?;
        let from = from
            .parse()
            .map_err(|e| format!("notifier.email.from {from:?}: {e}"))?;
        Ok(Outbox {
            dir: dir.to_owned(),
            from,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[async_trait]
impl Transport for Outbox {
    fn channel(&self) -> Channel {
        Channel::Outbox
    }

    fn reaches(&self, _: &Shipment) -> bool {
        true
    }

    async fn send(&self, out: &Outgoing<'_>) -> Result<(), SendError> {
        let has_email = out
            .shipment
            .customer
            .as_ref()
            .is_some_and(|c| c.email.is_some());
        let (name, bytes) = if has_email {
            let email = build_email(&self.from, out)?;
            (format!("{}.eml", out.notification.id), email.formatted())
        } else {
            let body = serde_json::json!({
                "id": out.notification.id,
                "shipment_id": out.notification.shipment_id,
                "trigger": out.notification.occasion.trigger,
                "reason": out.notification.occasion.reason,
                "lang": out.message.lang,
                "text": out.message.short,
                "url": out.message.url,
            });
            (
                format!("{}.json", out.notification.id),
                serde_json::to_vec_pretty(&body).unwrap_or_default(),
            )
        };
        let tmp = self.dir.join(format!(".{name}.tmp"));
        let io = |e: std::io::Error| SendError::transient(format!("outbox: {e}"));
        tokio::fs::write(&tmp, bytes).await.map_err(io)?;
        tokio::fs::rename(&tmp, self.dir.join(name))
            .await
            .map_err(io)
    }
}

/// One message in the outbox, for the development page.
#[derive(Debug, Clone)]
pub struct Filed {
    pub name: String,
    pub written: std::time::SystemTime,
    pub subject: String,
}

/// The outbox's messages, newest first (at most `limit`).
pub fn list(dir: &Path, limit: usize) -> Vec<Filed> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut all: Vec<Filed> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            let written = e.metadata().and_then(|m| m.modified()).ok()?;
            let text = std::fs::read_to_string(e.path()).ok()?;
            let subject = if name.ends_with(".eml") {
                text.lines()
                    .find_map(|l| l.strip_prefix("Subject: "))
                    .map(decode_words)
                    .unwrap_or_default()
            } else {
                serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|v| v["text"].as_str().map(str::to_owned))
                    .unwrap_or_default()
            };
            Some(Filed {
                name,
                written,
                subject,
            })
        })
        .collect();
    all.sort_by_key(|f| std::cmp::Reverse(f.written));
    all.truncate(limit);
    all
}

/// One message's raw content, if `name` is a message of this outbox.
pub fn read(dir: &Path, name: &str) -> Option<String> {
    let plain = name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
    if !plain || name.starts_with('.') || !(name.ends_with(".eml") || name.ends_with(".json")) {
        return None;
    }
    std::fs::read_to_string(dir.join(name)).ok()
}

/// Decodes RFC 2047 `=?utf-8?b?…?=` words (how non-ASCII subjects are written).
fn decode_words(raw: &str) -> String {
    use base64::Engine;
    raw.split_whitespace()
        .map(|w| {
            w.strip_prefix("=?utf-8?b?")
                .and_then(|r| r.strip_suffix("?="))
                .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .unwrap_or_else(|| w.to_owned())
        })
        .collect::<Vec<_>>()
        .join(" ")
}
