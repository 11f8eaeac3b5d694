//! The console's people: users (`P:usr:<id>`), one account per e-mail (`P:ue:<digest>`),
//! each merchant's team (`P:team:<merchant>`), invitations (`P:inv:<digest>`, single use,
//! expiring) and sessions (`P:ses:<digest>`, expiring when idle; `P:uses:<user>` lists them
//! so they can all be ended). Tokens are kept only as SHA-256 digests.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{Result, Store, decode, encode};
use crate::domain::{ConsoleToken, EmailAddress, MerchantId, User, UserId};

/// A signed-in browser: whose, since when (ms), and the secret its forms carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub user: UserId,
    pub created_ms: i64,
    pub csrf: String,
}

fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX).max(1)
}

impl Store {
    /// Adds `user` to its merchant's team, unless another account has the e-mail (false).
    pub async fn add_user(&self, user: &User) -> Result<bool> {
        let email_key = self.keys.user_email(&user.email.digest());
        let claimed: bool = redis::cmd("SET")
            .arg(&email_key)
            .arg(user.id.as_str())
            .arg("NX")
            .query_async::<Option<String>>(&mut self.conn())
            .await?
            .is_some();
        if !claimed {
            // An address whose user record never got written (a crash between the two
            // writes) is free again.
            let holder = self.user_by_email(&user.email).await?;
            if holder.is_some() {
                return Ok(false);
            }
            let _: () = redis::cmd("SET")
                .arg(&email_key)
                .arg(user.id.as_str())
                .query_async(&mut self.conn())
                .await?;
        }
        self.save_user(user).await?;
        let _: () = redis::cmd("SADD")
            .arg(self.keys.team(&user.merchant_id))
            .arg(user.id.as_str())
            .query_async(&mut self.conn())
            .await?;
        Ok(true)
    }

    pub async fn save_user(&self, user: &User) -> Result<()> {
        let _: () = redis::cmd("SET")
            .arg(self.keys.user(&user.id))
            .arg(encode(user))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn user(&self, id: &UserId) -> Result<Option<User>> {
        let json: Option<String> = redis::cmd("GET")
            .arg(self.keys.user(id))
            .query_async(&mut self.conn())
            .await?;
        json.map(|j| decode("user", &j)).transpose()
    }

    pub async fn user_by_email(&self, email: &EmailAddress) -> Result<Option<User>> {
        let id: Option<String> = redis::cmd("GET")
            .arg(self.keys.user_email(&email.digest()))
            .query_async(&mut self.conn())
            .await?;
        let Some(id) = id.and_then(|id| UserId::parse(&id).ok()) else {
            return Ok(None);
        };
        Ok(self
            .user(&id)
            .await?
            .filter(|u| u.email.canonical() == email.canonical()))
    }

    /// Takes `user` out of its team: their sessions end, their e-mail is free again.
    pub async fn remove_user(&self, user: &User) -> Result<()> {
        self.end_sessions(&user.id).await?;
        let _: () = redis::cmd("SREM")
            .arg(self.keys.team(&user.merchant_id))
            .arg(user.id.as_str())
            .query_async(&mut self.conn())
            .await?;
        let _: () = redis::cmd("DEL")
            .arg(self.keys.user(&user.id))
            .query_async(&mut self.conn())
            .await?;
        let email_key = self.keys.user_email(&user.email.digest());
        let holder: Option<String> = redis::cmd("GET")
            .arg(&email_key)
            .query_async(&mut self.conn())
            .await?;
        if holder.as_deref() == Some(user.id.as_str()) {
            let _: () = redis::cmd("DEL")
                .arg(&email_key)
                .query_async(&mut self.conn())
                .await?;
        }
        Ok(())
    }

    /// A merchant's team, oldest member first.
    pub async fn team(&self, merchant: &MerchantId) -> Result<Vec<User>> {
        let ids: Vec<String> = redis::cmd("SMEMBERS")
            .arg(self.keys.team(merchant))
            .query_async(&mut self.conn())
            .await?;
        let mut users = vec![];
        for id in ids.iter().filter_map(|id| UserId::parse(id).ok()) {
            if let Some(u) = self.user(&id).await? {
                users.push(u);
            }
        }
        users.sort_by_key(|u| u.created_at);
        Ok(users)
    }

    /// Keeps an invitation for `user` for `ttl`.
    pub async fn add_invitation(
        &self,
        token: &ConsoleToken,
        user: &UserId,
        ttl: Duration,
    ) -> Result<()> {
        let _: () = redis::cmd("SET")
            .arg(self.keys.invitation(&token.digest()))
            .arg(user.as_str())
            .arg("PX")
            .arg(ms(ttl))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// The user an invitation is for, if it is current; `take` uses it up.
    pub async fn invitation(&self, token: &ConsoleToken, take: bool) -> Result<Option<UserId>> {
        let id: Option<String> = redis::cmd(if take { "GETDEL" } else { "GET" })
            .arg(self.keys.invitation(&token.digest()))
            .query_async(&mut self.conn())
            .await?;
        Ok(id.and_then(|id| UserId::parse(&id).ok()))
    }

    /// Starts a session that ends after `idle` without use (and `absolute` at the latest:
    /// the list of a user's sessions is kept that long).
    pub async fn add_session(
        &self,
        token: &ConsoleToken,
        session: &Session,
        (idle, absolute): (Duration, Duration),
    ) -> Result<()> {
        let digest = token.digest();
        let list = self.keys.user_sessions(&session.user);
        let _: () = redis::cmd("SADD")
            .arg(&list)
            .arg(&digest)
            .query_async(&mut self.conn())
            .await?;
        let _: () = redis::cmd("PEXPIRE")
            .arg(&list)
            .arg(ms(absolute))
            .query_async(&mut self.conn())
            .await?;
        let _: () = redis::cmd("SET")
            .arg(self.keys.session(&digest))
            .arg(encode(session))
            .arg("PX")
            .arg(ms(idle))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// The session a cookie holds, its idle time restarted.
    pub async fn session(&self, token: &ConsoleToken, idle: Duration) -> Result<Option<Session>> {
        let json: Option<String> = redis::cmd("GETEX")
            .arg(self.keys.session(&token.digest()))
            .arg("PX")
            .arg(ms(idle))
            .query_async(&mut self.conn())
            .await?;
        json.map(|j| decode("session", &j)).transpose()
    }

    pub async fn end_session(&self, token: &ConsoleToken, user: &UserId) -> Result<()> {
        let digest = token.digest();
        let _: () = redis::cmd("DEL")
            .arg(self.keys.session(&digest))
            .query_async(&mut self.conn())
            .await?;
        let _: () = redis::cmd("SREM")
            .arg(self.keys.user_sessions(user))
            .arg(&digest)
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Ends every session of `user`; returns how many were live.
    pub async fn end_sessions(&self, user: &UserId) -> Result<usize> {
        let digests: Vec<String> = redis::cmd("SMEMBERS")
            .arg(self.keys.user_sessions(user))
            .query_async(&mut self.conn())
            .await?;
        let mut ended = 0;
        for digest in &digests {
            let n: usize = redis::cmd("DEL")
                .arg(self.keys.session(digest))
                .query_async(&mut self.conn())
                .await?;
            ended += n;
        }
        let _: () = redis::cmd("DEL")
            .arg(self.keys.user_sessions(user))
            .query_async(&mut self.conn())
            .await?;
        Ok(ended)
    }
}
