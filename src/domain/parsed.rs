//! What every parsed text type of the domain shares: it is read and written as the text
//! it was parsed from (serde, so stored records and API answers are the strings they
//! were before these types existed), shown as that text, and parsed by `str::parse` and
//! clap through the type's own `parse`.
//!
//! A stored value is parsed again when read, strictly, by the rule that accepted it when it
//! was written: each type's rule is exactly what the API checked before the type existed
//! (or looser), so no record already in Redis becomes unreadable. Tightening a rule later
//! takes a migration of what is stored first, not a lenient reader.

/// For a type with `fn parse(&str) -> Result<Self, Invalid>` and `fn as_str(&self) -> &str`
/// that derives `Serialize, Deserialize` with `#[serde(try_from = "String", into = "String")]`:
/// a stored value is parsed again when read, by the same rule as at the edge.
macro_rules! parsed_text {
    ($t:ty) => {
        impl TryFrom<String> for $t {
            type Error = $crate::domain::Invalid;

            fn try_from(raw: String) -> Result<Self, Self::Error> {
                Self::parse(&raw)
            }
        }

        impl From<$t> for String {
            fn from(value: $t) -> String {
                value.as_str().to_owned()
            }
        }

        impl std::str::FromStr for $t {
            type Err = $crate::domain::Invalid;

            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                Self::parse(raw)
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// Serialises `value` and reads it back (unit tests of the types).
#[cfg(test)]
pub(crate) fn round_trip<T>(value: &T) -> (String, T)
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let json = serde_json::to_string(value).unwrap_or_default();
    let back = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
    (json, back)
}
