//! E-mail over SMTP (lettre): plain text and HTML alternatives, the merchant as display
//! name and reply-to, one-click unsubscribe headers, and the notification id as Message-ID
//! so a retried send is recognisably the same message.

use async_trait::async_trait;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::{Outgoing, SendError, Transport};
use crate::config::EmailConfig;
use crate::domain::{Channel, Shipment};

pub struct Email {
    smtp: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Email {
    /// `None` when no SMTP host is configured.
    pub fn from_config(cfg: &EmailConfig) -> Result<Option<Email>, String> {
        Ok(smtp(cfg)?.map(|(smtp, from)| Email { smtp, from }))
    }
}

/// The SMTP transport and sender `[notifier.email]` describe; `None` without a host. Also
/// what e-mails a shop's team (invitations, password resets).
pub fn smtp(
    cfg: &EmailConfig,
) -> Result<Option<(AsyncSmtpTransport<Tokio1Executor>, Mailbox)>, String> {
    if cfg.smtp_host.trim().is_empty() {
        return Ok(None);
    }
    let host = cfg.smtp_host.trim();
    let builder = match cfg.tls.as_str() {
        "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
        "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
            .map_err(|e| format!("notifier.email: {e}"))?,
        "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
            .map_err(|e| format!("notifier.email: {e}"))?,
        other => {
            return Err(format!(
                "notifier.email.tls: {other:?} is not starttls, tls or none"
            ));
        }
    };
    let mut builder = builder.port(cfg.smtp_port).timeout(Some(cfg.timeout));
    if !cfg.username.is_empty() {
        builder = builder.credentials(Credentials::new(
            cfg.username.clone(),
            cfg.password.expose().to_owned(),
        ));
    }
    let from: Mailbox = cfg
        .from
        .parse()
        .map_err(|e| format!("notifier.email.from {:?}: {e}", cfg.from))?;
    Ok(Some((builder.build(), from)))
}

/// The message as it goes out (also what the outbox writes as `.eml`).
pub fn build_email(from: &Mailbox, out: &Outgoing<'_>) -> Result<lettre::Message, SendError> {
    let to_addr = out
        .shipment
        .customer
        .as_ref()
        .and_then(|c| c.email.as_ref())
        .ok_or_else(|| SendError::Permanent("the customer has no e-mail address".into()))?;
    let name = out
        .shipment
        .customer
        .as_ref()
        .map(|c| c.name.clone())
        .filter(|n| !n.is_empty());
    let to = Mailbox::new(
        name,
        to_addr
            .as_str()
            .parse()
            .map_err(|e| SendError::Permanent(format!("bad address: {e}")))?,
    );
    let sender = Mailbox::new(Some(out.merchant.name.clone()), from.email.clone());
    let msg = out.message;
    let mut builder = lettre::Message::builder()
        .from(sender)
        .to(to)
        .subject(msg.subject.clone())
        .message_id(Some(format!("<{}@shipmate>", out.notification.id)))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Content-Language"),
            msg.lang.clone(),
        ));
    if let Some(reply) = out
        .merchant
        .brand
        .support_email
        .as_ref()
        .and_then(|e| e.as_str().parse().ok())
    {
        builder = builder.reply_to(Mailbox::new(Some(out.merchant.name.clone()), reply));
    }
    if let Some(u) = &msg.unsubscribe_url {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{u}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            msg.text.clone(),
            msg.html.clone(),
        ))
        .map_err(|e| SendError::Permanent(format!("cannot build the e-mail: {e}")))
}

#[async_trait]
impl Transport for Email {
    fn channel(&self) -> Channel {
        Channel::Email
    }

    fn reaches(&self, s: &Shipment) -> bool {
        s.customer.as_ref().is_some_and(|c| c.email.is_some())
    }

    async fn send(&self, out: &Outgoing<'_>) -> Result<(), SendError> {
        let email = build_email(&self.from, out)?;
        match self.smtp.send(email).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(SendError::Permanent(format!("SMTP: {e}"))),
            Err(e) => Err(SendError::transient(format!("SMTP: {e}"))),
        }
    }
}
