//! A language as a customer or a merchant gives it: a BCP 47 tag.

use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

use super::Invalid;

/// A BCP 47 language tag (`en`, `pt-BR`), kept as it was given: messages are negotiated
/// from it against the catalogs shipmate has (`i18n::Lang::negotiate`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Locale(String);

impl Locale {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        match raw.parse::<LanguageIdentifier>() {
            Ok(_) => Ok(Self(raw.to_owned())),
            Err(_) => Err(Invalid::new("not a language tag such as en or pt-BR")),
        }
    }

    /// English, the language of a merchant that named none.
    pub fn english() -> Self {
        Self("en".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

parsed_text!(Locale);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parsed::round_trip;

    #[test]
    fn language_tags_parse_and_keep_their_spelling() {
        for ok in [
            "en",
            "pt-BR",
            "zh-Hant-TW",
            "ar",
            "de-CH",
            "sr-Latn",
            "EN-gb",
        ] {
            let locale = Locale::parse(ok).unwrap();
            assert_eq!(locale.as_str(), ok, "kept as given");
            assert_eq!(round_trip(&locale), (format!("\"{ok}\""), locale));
        }
        for bad in ["englishman", "e", "", "en-", "pt BR", "12", "en-US-!"] {
            assert!(Locale::parse(bad).is_err(), "{bad:?}");
            assert!(serde_json::from_str::<Locale>(&format!("{bad:?}")).is_err());
        }
        assert_eq!(Locale::english().to_string(), "en");
    }
}
