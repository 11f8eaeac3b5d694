//! Localisation through Fluent files in `locales/<lang>/main.ftl`, embedded at build time.
//! Adding a locale is adding a folder; negotiation falls back language-only, then to `en`.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, Datelike, TimeZone, Timelike};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
    };
}

/// A negotiated, supported locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lang(LanguageIdentifier);

impl Lang {
    /// The first of `wanted` (BCP 47 tags, most preferred first) that shipmate speaks, by
    /// exact tag or by language; `en` when none.
    pub fn negotiate<'a>(wanted: impl IntoIterator<Item = &'a str>) -> Lang {
        let supported: Vec<&LanguageIdentifier> = LOCALES.locales().collect();
        for tag in wanted {
            let Ok(id) = tag.trim().parse::<LanguageIdentifier>() else {
                continue;
            };
            if let Some(exact) = supported.iter().find(|s| ***s == id) {
                return Lang((*exact).clone());
            }
            if let Some(same) = supported.iter().find(|s| s.language == id.language) {
                return Lang((*same).clone());
            }
        }
        Lang(LOCALES.fallback().clone())
    }

    /// BCP 47 tag, for `<html lang>`.
    pub fn tag(&self) -> String {
        self.0.to_string()
    }

    pub fn is_rtl(&self) -> bool {
        matches!(self.0.language.as_str(), "ar" | "he" | "fa" | "ur")
    }

    pub fn t(&self, id: &str) -> String {
        LOCALES.lookup(&self.0, id)
    }

    /// Like [`Lang::t`], `None` when the message does not exist in this locale or `en`.
    pub fn try_t(&self, id: &str) -> Option<String> {
        LOCALES.try_lookup(&self.0, id)
    }

    pub fn t_args(&self, id: &str, args: &[(&'static str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
            .collect();
        LOCALES.lookup_with_args(&self.0, id, &map)
    }

    /// "Wed, Nov 25" in this locale.
    pub fn date<Tz: TimeZone>(&self, t: &DateTime<Tz>) -> String {
        self.plain(
            "date",
            &[
                (
                    "weekday",
                    self.t(&format!("weekday-{}", t.weekday().number_from_monday())),
                ),
                ("day", t.day().to_string()),
                ("month", self.t(&format!("month-{}", t.month()))),
            ],
        )
    }

    /// "Wed, Nov 25, 14:05" in this locale.
    pub fn date_time<Tz: TimeZone>(&self, t: &DateTime<Tz>) -> String {
        self.plain(
            "date-time",
            &[
                ("date", self.date(t)),
                ("time", format!("{:02}:{:02}", t.hour(), t.minute())),
            ],
        )
    }

    /// A message without Unicode isolation marks (for values that are never mixed-direction).
    fn plain(&self, id: &str, args: &[(&'static str, String)]) -> String {
        self.t_args(id, args).replace(['\u{2068}', '\u{2069}'], "")
    }

    /// All locales shipmate speaks.
    pub fn supported() -> Vec<String> {
        LOCALES.locales().map(ToString::to_string).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn negotiates_exact_then_language_then_english() {
        assert_eq!(Lang::negotiate(["pt-BR"]).tag(), "pt-BR");
        assert_eq!(Lang::negotiate(["pt-PT"]).tag(), "pt-BR");
        assert_eq!(Lang::negotiate(["xx", "pt"]).tag(), "pt-BR");
        assert_eq!(Lang::negotiate(["de-AT"]).tag(), "en");
        assert_eq!(Lang::negotiate([]).tag(), "en");
    }

    #[test]
    fn every_locale_has_every_message() {
        let en = include_str!("../locales/en/main.ftl");
        let ids: Vec<&str> = en
            .lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with('#'))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
            .collect();
        assert!(ids.len() > 40);
        for tag in Lang::supported() {
            let path = format!("{}/locales/{tag}/main.ftl", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            for id in &ids {
                assert!(
                    text.contains(&format!("\n{id} =")) || text.starts_with(&format!("{id} =")),
                    "{tag} lacks {id}"
                );
            }
        }
    }

    #[test]
    fn dates_are_localised() {
        let t = Utc.with_ymd_and_hms(2026, 11, 25, 14, 5, 0).unwrap();
        assert_eq!(Lang::negotiate(["en"]).date_time(&t), "Wed, Nov 25, 14:05");
        assert_eq!(
            Lang::negotiate(["pt-BR"]).date_time(&t),
            "qua., 25 de nov., 14:05"
        );
    }
}
