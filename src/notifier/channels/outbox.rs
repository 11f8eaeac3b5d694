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
