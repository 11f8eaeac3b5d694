//! Signing in (argon2id verified off the async threads; per-account and per-client limits;
//! an unknown address costs the same as a wrong password) and sessions with idle and
//! absolute timeouts.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};

use super::Console;
use crate::domain::{ConsoleToken, EmailAddress, Password, User, UserId};
use crate::services::ServiceError;
use crate::store::{Quota, Session};

/// What a sign-in attempt came to. A wrong password, an unknown e-mail and an account
/// without a password yet all read `Refused`, in about the same time.
pub enum SignIn {
    Signed(ConsoleToken, User),
    Refused,
    /// Too many attempts for this account or from this client; try again after this long.
    Limited(std::time::Duration),
}

/// A PHC string no password matches, verified when the account does not exist so that an
/// unknown e-mail costs the same time as a wrong password.
static DECOY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    Password::parse(&URL_SAFE_NO_PAD.encode(crate::entropy::bytes::<24>()))
        .map(|p| p.hash())
        .unwrap_or_default()
});

impl Console {
    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
        client: &str,
        now: DateTime<Utc>,
    ) -> Result<SignIn, ServiceError> {
        let c = &self.config.console;
        let account = EmailAddress::parse(email.trim()).ok();
        let per_account = Quota {
            burst: c.sign_ins_per_account.max(1),
            per: std::time::Duration::from_secs(15 * 60),
        };
        let mut buckets = vec![(
            format!("sc:{client}"),
            Quota::per_minute(c.sign_ins_per_client),
        )];
        if let Some(a) = &account {
            buckets.push((format!("sa:{}", a.digest()), per_account));
        }
        for (bucket, quota) in buckets {
            let v = self.store.take(&bucket, quota).await?;
            if !v.allowed {
                return Ok(SignIn::Limited(v.retry_after));
            }
        }
        let user = match &account {
            Some(a) => self.store.user_by_email(a).await?,
            None => None,
        };
        let phc = user
            .as_ref()
            .and_then(|u| u.password.clone())
            .unwrap_or_else(|| DECOY.clone());
        let Ok(password) = Password::parse(password) else {
            return Ok(SignIn::Refused);
        };
        let matches = tokio::task::spawn_blocking(move || password.matches(&phc))
            .await
            .map_err(|e| ServiceError::Internal(format!("verifying: {e}")))?;
        match user.filter(|u| matches && u.password.is_some()) {
            Some(user) => Ok(SignIn::Signed(self.start(&user, now).await?, user)),
            None => Ok(SignIn::Refused),
        }
    }

    pub(super) async fn start(
        &self,
        user: &User,
        now: DateTime<Utc>,
    ) -> Result<ConsoleToken, ServiceError> {
        let token = ConsoleToken::from_random(crate::entropy::bytes());
        let session = Session {
            user: user.id.clone(),
            created_ms: now.timestamp_millis(),
            csrf: URL_SAFE_NO_PAD.encode(crate::entropy::bytes::<16>()),
        };
        let c = &self.config.console;
        let timeouts = (c.idle_timeout, c.absolute_timeout);
        self.store.add_session(&token, &session, timeouts).await?;
        Ok(token)
    }

    /// The member a session cookie signs in, with the session; `None` once it has been
    /// idle too long, is older than the absolute timeout, was ended, or its member left.
    pub async fn session(
        &self,
        token: &ConsoleToken,
        now: DateTime<Utc>,
    ) -> Result<Option<(User, Session)>, ServiceError> {
        let c = &self.config.console;
        let Some(session) = self.store.session(token, c.idle_timeout).await? else {
            return Ok(None);
        };
        let absolute = i64::try_from(c.absolute_timeout.as_millis()).unwrap_or(i64::MAX);
        if now.timestamp_millis() >= session.created_ms.saturating_add(absolute) {
            self.store.end_session(token, &session.user).await?;
            return Ok(None);
        }
        match self.store.user(&session.user).await? {
            Some(user) => Ok(Some((user, session))),
            None => Ok(None),
        }
    }

    pub async fn sign_out(&self, token: &ConsoleToken, user: &UserId) -> Result<(), ServiceError> {
        Ok(self.store.end_session(token, user).await?)
    }

    /// Ends every session of `user` (every browser they signed in from).
    pub async fn sign_out_everywhere(&self, user: &UserId) -> Result<usize, ServiceError> {
        Ok(self.store.end_sessions(user).await?)
    }
}
