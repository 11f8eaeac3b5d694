//! People who sign in to a merchant's console, what each role may do, and their passwords
//! (argon2id, never stored or logged in clear).

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Argon2, PasswordHash};
use serde::{Deserialize, Serialize};

use super::{EmailAddress, Invalid, MerchantId, Secret, UserId};

/// A member's role in one merchant's team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, including the team and API keys.
    Owner,
    /// Everything but the team and API keys.
    Admin,
    /// Shipments and feedback: looks, resends messages, refreshes, cancels tracking.
    Agent,
    /// Looks only.
    Viewer,
}

/// What a console page or form does, checked against the member's role on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Shipments, feedback, the overview.
    View,
    /// Resend a message, refresh now, cancel tracking.
    ActOnShipments,
    /// Carriers, messages, branding, webhooks.
    Configure,
    /// Members, invitations, API keys, the audit log.
    ManageTeam,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Owner, Role::Admin, Role::Agent, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Agent => "agent",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn may(self, action: Action) -> bool {
        match action {
            Action::View => true,
            Action::ActOnShipments => self != Role::Viewer,
            Action::Configure => matches!(self, Role::Owner | Role::Admin),
            Action::ManageTeam => self == Role::Owner,
        }
    }
}

/// A member of a merchant's team. `password` is the argon2id PHC string; none until the
/// invitation is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub merchant_id: MerchantId,
    pub email: EmailAddress,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A password as typed: 12 to 128 characters (NIST SP 800-63B: length over composition
/// rules; the upper bound keeps hashing cheap to refuse).
pub struct Password(Secret);

impl Password {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(raw: &str) -> Result<Password, Invalid> {
        let n = raw.chars().count();
        if n < Self::MIN_CHARS {
            return Err(Invalid::new(format!(
                "use at least {} characters",
                Self::MIN_CHARS
            )));
        }
        if n > Self::MAX_CHARS {
            return Err(Invalid::new(format!(
                "use at most {} characters",
                Self::MAX_CHARS
            )));
        }
        Ok(Password(Secret::new(raw)))
    }

    /// The argon2id PHC string (random salt, the crate's default cost: 19 MiB, 2 passes).
    pub fn hash(&self) -> String {
        // Hashing with a fresh salt and default parameters fails only without an RNG.
        Argon2::default()
            .hash_password(self.0.expose().as_bytes())
            .map(|h| h.to_string())
            .unwrap_or_default()
    }

    /// Whether this password is the one `phc` was made from.
    pub fn matches(&self, phc: &str) -> bool {
        PasswordHash::new(phc).is_ok_and(|h| {
            Argon2::default()
                .verify_password(self.0.expose().as_bytes(), &h)
                .is_ok()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_allow_what_the_console_promises() {
        use Action::*;
        let table = [
            (Role::Owner, [true, true, true, true]),
            (Role::Admin, [true, true, true, false]),
            (Role::Agent, [true, true, false, false]),
            (Role::Viewer, [true, false, false, false]),
        ];
        for (role, allowed) in table {
            for (action, want) in [View, ActOnShipments, Configure, ManageTeam]
                .into_iter()
                .zip(allowed)
            {
                assert_eq!(role.may(action), want, "{role:?} {action:?}");
            }
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn passwords_are_bounded_and_hashed_with_argon2id() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse(&"x".repeat(129)).is_err());
        let p = Password::parse("correct horse battery").unwrap();
        let phc = p.hash();
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(!phc.contains("correct horse"));
        assert!(p.matches(&phc));
        assert!(
            !Password::parse("correct horse battery!")
                .unwrap()
                .matches(&phc)
        );
        assert!(!p.matches("not a hash"));
    }
}
