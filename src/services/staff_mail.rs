//! E-mail to a shop's team — invitations and password resets: through the notifier's SMTP
//! server when one is configured, else written to the outbox when that channel is on (the
//! demo), else not sent (the console and the API show the link once instead).

use std::path::PathBuf;

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::config::Config;
use crate::domain::{Channel, EmailAddress};

pub enum StaffMail {
    Smtp(AsyncSmtpTransport<Tokio1Executor>, Mailbox),
    Outbox(PathBuf, Mailbox),
    Off,
}

impl StaffMail {
    pub fn from_config(config: &Config) -> StaffMail {
        let n = &config.notifier;
        match crate::notifier::channels::smtp(&n.email) {
            Ok(Some((smtp, from))) => return StaffMail::Smtp(smtp, from),
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "no e-mail to the shops' teams"),
        }
        let from = n.email.from.parse::<Mailbox>();
        match from {
            Ok(from) if n.channels.contains(&Channel::Outbox) => {
                StaffMail::Outbox(PathBuf::from(&n.outbox_dir), from)
            }
            _ => StaffMail::Off,
        }
    }

    pub fn is_on(&self) -> bool {
        !matches!(self, StaffMail::Off)
    }

    /// Sends one plain-text e-mail; `Ok(false)` when e-mail is off.
    pub async fn send(&self, to: &EmailAddress, subject: &str, text: &str) -> Result<bool, String> {
        let (from, build) = match self {
            StaffMail::Off => return Ok(false),
            StaffMail::Smtp(_, from) | StaffMail::Outbox(_, from) => {
                (from, lettre::Message::builder())
            }
        };
        let to: Mailbox = to
            .as_str()
            .parse()
            .map_err(|e| format!("bad address: {e}"))?;
        let message = build
            .from(from.clone())
            .to(to)
            .subject(subject)
            .body(text.to_owned())
            .map_err(|e| format!("cannot build the e-mail: {e}"))?;
        match self {
            StaffMail::Smtp(smtp, _) => {
                smtp.send(message).await.map_err(|e| format!("smtp: {e}"))?;
            }
            StaffMail::Outbox(dir, _) => {
                let id: String = crate::entropy::bytes::<8>()
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                let name = format!("staff-{id}");
                let tmp = dir.join(format!(".{name}"));
                let bytes = message.formatted();
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| format!("outbox: {e}"))?;
                tokio::fs::write(&tmp, bytes)
                    .await
                    .map_err(|e| format!("outbox: {e}"))?;
                tokio::fs::rename(&tmp, dir.join(format!("{name}.eml")))
                    .await
                    .map_err(|e| format!("outbox: {e}"))?;
            }
            StaffMail::Off => {}
        }
        Ok(true)
    }
}
