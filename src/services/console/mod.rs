//! Who may use a merchant's console: invitations, passwords (argon2id, hashed off the async
//! threads), sign-in with per-account and per-client limits, sessions with idle and
//! absolute timeouts that can all be ended at once, and invitation and password-reset links
//! e-mailed when the server sends e-mail. Signing in and sessions: `sessions.rs`.

mod sessions;

pub use sessions::SignIn;

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::staff_mail::StaffMail;
use super::{Caller, ServiceError};
use crate::config::Config;
use crate::domain::{
    AuditAction, ConsoleToken, EmailAddress, MerchantId, Password, Role, User, UserId,
};
use crate::i18n::Lang;
use crate::store::{Quota, Store};

#[derive(Clone)]
pub struct Console {
    store: Store,
    config: Arc<Config>,
    /// Invitations and password resets by e-mail, when the server can send it.
    mail: Arc<StaffMail>,
}

/// What asking for a password reset came to (the same whether the account exists or not).
pub enum Reset {
    /// A link went out if the address has an account.
    Sent,
    /// This server sends no e-mail: ask the shop's owner for a new invitation.
    NoEmail,
    Limited(std::time::Duration),
}

impl Console {
    pub fn new(store: Store, config: Arc<Config>) -> Self {
        let mail = Arc::new(StaffMail::from_config(&config));
        Console {
            store,
            config,
            mail,
        }
    }

    /// The same service over another store handle.
    pub fn with_store(&self, store: Store) -> Self {
        Console {
            store,
            config: self.config.clone(),
            mail: self.mail.clone(),
        }
    }

    /// Whether invitations and resets go out by e-mail.
    pub fn mails(&self) -> bool {
        self.mail.is_on()
    }

    /// E-mails a link to a member in their shop's language; a failure is logged, not
    /// returned (the link is also shown once to whoever asked for it).
    async fn mail_link(&self, user: &User, token: &ConsoleToken, kind: &str) {
        let shop = self.store.merchant(&user.merchant_id).await.ok().flatten();
        let lang = Lang::negotiate([shop.as_ref().map_or("en", |m| m.locale.as_str())]);
        let hours = (self.config.console.invitation_ttl.as_secs() / 3600).max(1);
        let args = [
            (
                "shop",
                shop.as_ref().map_or_else(String::new, |m| m.name.clone()),
            ),
            ("link", self.invitation_url(token)),
            ("hours", hours.to_string()),
        ];
        // Plain text: without Fluent's bidi isolation marks around the link.
        let plain = |id: String| {
            lang.t_args(&id, &args)
                .replace(['\u{2068}', '\u{2069}'], "")
        };
        let subject = plain(format!("console-mail-{kind}-subject"));
        let body = plain(format!("console-mail-{kind}-body"));
        if let Err(e) = self.mail.send(&user.email, &subject, &body).await {
            tracing::warn!(user = %user.id, error = %crate::domain::redact::scrub(&e), "console e-mail not sent");
        }
    }

    /// A link to choose a new password, e-mailed to `email` if it has an account. Limited
    /// per client and per address; answers the same whether the account exists.
    pub async fn request_reset(
        &self,
        email: &str,
        client: &str,
        now: DateTime<Utc>,
    ) -> Result<Reset, ServiceError> {
        if !self.mail.is_on() {
            return Ok(Reset::NoEmail);
        }
        let account = EmailAddress::parse(email.trim()).ok();
        let mut buckets = vec![(format!("rc:{client}"), Quota::per_minute(5))];
        if let Some(a) = &account {
            let quota = Quota {
                burst: 3,
                per: std::time::Duration::from_secs(3600),
            };
            buckets.push((format!("ra:{}", a.digest()), quota));
        }
        for (bucket, quota) in buckets {
            let v = self.store.take(&bucket, quota).await?;
            if !v.allowed {
                return Ok(Reset::Limited(v.retry_after));
            }
        }
        let user = match &account {
            Some(a) => self.store.user_by_email(a).await?,
            None => None,
        };
        if let Some(user) = user {
            let token = ConsoleToken::from_random(crate::entropy::bytes());
            let ttl = self.config.console.invitation_ttl;
            self.store.add_invitation(&token, &user.id, ttl).await?;
            self.mail_link(&user, &token, "reset").await;
            tracing::info!(user = %user.id, at = %now, "password reset link sent");
        }
        Ok(Reset::Sent)
    }

    /// The absolute link an invitation token opens.
    pub fn invitation_url(&self, token: &ConsoleToken) -> String {
        format!(
            "{}/console/invitation/{}",
            self.config.public_url(),
            token.expose()
        )
    }

    /// A new member of `merchant`'s team, without a password, and the token of the link
    /// that lets them choose one. `Conflict` when the address has an account already.
    pub async fn invite(
        &self,
        merchant: &MerchantId,
        email: EmailAddress,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<(User, ConsoleToken), ServiceError> {
        let user = User {
            id: UserId::from_random(crate::entropy::bytes()),
            merchant_id: merchant.clone(),
            email,
            role,
            password: None,
            created_at: now,
        };
        if !self.store.add_user(&user).await? {
            return Err(ServiceError::Conflict(
                "that e-mail address has a console account already".into(),
            ));
        }
        let token = ConsoleToken::from_random(crate::entropy::bytes());
        let ttl = self.config.console.invitation_ttl;
        self.store.add_invitation(&token, &user.id, ttl).await?;
        self.mail_link(&user, &token, "invitation").await;
        Ok((user, token))
    }

    /// The merchant's team, oldest member first.
    pub async fn team(&self, merchant: &MerchantId) -> Result<Vec<User>, ServiceError> {
        Ok(self.store.team(merchant).await?)
    }

    /// Takes a member out of the team (their sessions end at once). The last owner stays:
    /// `Conflict`. Another merchant's member looks like a missing one.
    pub async fn remove(&self, merchant: &MerchantId, id: &UserId) -> Result<User, ServiceError> {
        let team = self.store.team(merchant).await?;
        let user = team
            .iter()
            .find(|u| &u.id == id)
            .cloned()
            .ok_or(ServiceError::NotFound)?;
        let owners = team.iter().filter(|u| u.role == Role::Owner).count();
        if user.role == Role::Owner && owners <= 1 {
            return Err(ServiceError::Conflict(
                "the team's last owner cannot be removed".into(),
            ));
        }
        self.store.remove_user(&user).await?;
        Ok(user)
    }

    /// Records a member invited or removed in the merchant's audit log, `by` an API key or
    /// a console member: their id and role, never the address.
    pub async fn record(
        &self,
        by: &Caller,
        action: AuditAction,
        user: &User,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let role = [("role".to_owned(), user.role.as_str().into())].into();
        let entry = by.audit(action, user.id.to_string(), role, now);
        Ok(self.store.append_audit(&by.merchant, &entry).await?)
    }

    /// The member an invitation link is for, if the link is current (not used up).
    pub async fn invited(&self, token: &ConsoleToken) -> Result<Option<User>, ServiceError> {
        match self.store.invitation(token, false).await? {
            Some(id) => Ok(self.store.user(&id).await?),
            None => Ok(None),
        }
    }

    /// Uses up an invitation: the member's password becomes `password` (their other
    /// sessions end) and they are signed in. `NotFound` for a used or expired link.
    pub async fn accept(
        &self,
        token: &ConsoleToken,
        password: Password,
        now: DateTime<Utc>,
    ) -> Result<(ConsoleToken, User), ServiceError> {
        let id = self
            .store
            .invitation(token, true)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let mut user = self.store.user(&id).await?.ok_or(ServiceError::NotFound)?;
        self.set_password(&mut user, password).await?;
        let session = self.start(&user, now).await?;
        Ok((session, user))
    }

    /// Stores a new password for `user` and ends every session they had.
    pub async fn set_password(
        &self,
        user: &mut User,
        password: Password,
    ) -> Result<(), ServiceError> {
        let phc = tokio::task::spawn_blocking(move || password.hash())
            .await
            .map_err(|e| ServiceError::Internal(format!("hashing: {e}")))?;
        user.password = Some(phc);
        self.store.save_user(user).await?;
        self.store.end_sessions(&user.id).await?;
        Ok(())
    }
}
