//! A secret the operator configures (admin token, passwords, API keys, credential keys):
//! its `Debug` and `Display` print `<redacted>`, so a config or an error can be logged
//! whole without leaking it. The value is reached only through [`Secret::expose`].

use serde::{Deserialize, Serializer};

/// A secret text. Deserialised from a plain string; serialised only where a field opts in
/// with `#[serde(serialize_with = "Secret::serialize_exposed")]` (a stored, sealed record).
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself: for the one call that sends or checks it, never for a log.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Not configured.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Writes the secret itself: for a record that is stored (sealed) and read back, never
    /// for an answer or a log.
    pub fn serialize_exposed<S: Serializer>(secret: &Secret, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&secret.0)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Section {
        user: String,
        password: Secret,
    }

    #[test]
    fn secrets_read_as_plain_strings_and_never_print() {
        let s: Section = toml::from_str("user = \"ana\"\npassword = \"hunter22\"").unwrap();
        assert_eq!((s.user.as_str(), s.password.expose()), ("ana", "hunter22"));
        let shown = format!("{s:?} {}", s.password);
        assert!(!shown.contains("hunter22"), "{shown}");
        assert_eq!(
            shown,
            "Section { user: \"ana\", password: <redacted> } <redacted>"
        );
        assert_eq!(Secret::from("x"), Secret::new(String::from("x")));
        assert!(Secret::default().is_empty());
        assert!(!s.password.is_empty());
    }

    #[derive(serde::Serialize)]
    struct Stored {
        #[serde(serialize_with = "Secret::serialize_exposed")]
        key: Secret,
    }

    #[test]
    fn a_stored_record_writes_the_secret_only_where_it_opts_in() {
        let json = serde_json::to_string(&Stored { key: "k1".into() }).unwrap();
        assert_eq!(json, r#"{"key":"k1"}"#);
    }
}
