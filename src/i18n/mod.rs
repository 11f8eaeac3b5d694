//! Localisation through Fluent files in `locales/<lang>/main.ftl`, embedded at build time.
//! Adding a locale is adding a folder; negotiation falls back language-only, then to `en`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

mod dates;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
    };
}

/// A negotiated, supported locale. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Lang(Arc<Catalog>);

impl PartialEq for Lang {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}

/// One locale's messages, prepared once: messages without arguments are looked up ahead
/// of time, and messages whose arguments are only placed (no selector) and date formats
/// are split into pieces, so a page with twenty timeline rows does not run Fluent at all.
#[derive(Debug)]
struct Catalog {
    id: LanguageIdentifier,
    /// `id` written out once.
    tag: String,
    plain: crate::FastMap<&'static str, String>,
    /// Message id → its argument names and its pieces (Fluent's isolation marks kept).
    placed: crate::FastMap<&'static str, (Vec<&'static str>, Vec<Piece>)>,
    weekdays: Vec<String>,
    months: Vec<String>,
    date: Vec<Piece>,
    date_time: Vec<Piece>,
}

#[derive(Debug)]
enum Piece {
    Text(String),
    Arg(usize),
}

const MARK: char = '\u{E000}';

impl Catalog {
    fn new(id: &LanguageIdentifier) -> Catalog {
        let en = include_str!("../../locales/en/main.ftl");
        let plain = en
            .lines()
            .filter(|l| !l.starts_with([' ', '#']) && !l.contains("{ $"))
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
            .map(|k| (k, LOCALES.lookup(id, k)))
            .collect();
        let placed = en
            .lines()
            .filter(|l| !l.starts_with([' ', '#']))
            .filter_map(|l| l.split_once(" = "))
            .filter(|(_, text)| text.contains("{ $") && !text.contains("->"))
            .filter_map(|(k, text)| {
                let names = arg_names(text);
                // Plural selectors choose on `$count`: Fluent decides those.
                if names.contains(&"count") {
                    return None;
                }
                let pieces = split(&LOCALES.lookup_with_args(id, k, &markers(&names)))?;
                Some((k, (names, pieces)))
            })
            .collect();
        Catalog {
            id: id.clone(),
            tag: id.to_string(),
            plain,
            placed,
            weekdays: (1..=7)
                .map(|d| LOCALES.lookup(id, &format!("weekday-{d}")))
                .collect(),
            months: (1..=12)
                .map(|m| LOCALES.lookup(id, &format!("month-{m}")))
                .collect(),
            date: pattern(id, "date", &["weekday", "day", "month"]),
            date_time: pattern(id, "date-time", &["date", "time"]),
        }
    }
}

/// `$name`s in a message's source, each once, in order.
fn arg_names(text: &'static str) -> Vec<&'static str> {
    let mut names = vec![];
    for part in text.split("{ $").skip(1) {
        let name = part.split([' ', '}']).next().unwrap_or("");
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Argument `i` of `names` as the text `MARK i`.
fn markers(names: &[&'static str]) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| (Cow::Borrowed(*n), FluentValue::from(format!("{MARK}{i}"))))
        .collect()
}

/// A message formatted with [`markers`], split into text and argument slots; `None` when a
/// marker came out mangled.
fn split(text: &str) -> Option<Vec<Piece>> {
    let mut parts = text.split(MARK);
    let mut pieces = vec![Piece::Text(parts.next().unwrap_or("").to_owned())];
    for part in parts {
        let mut chars = part.chars();
        let i = chars.next()?.to_digit(10)?;
        pieces.push(Piece::Arg(i as usize));
        pieces.push(Piece::Text(chars.as_str().to_owned()));
    }
    Some(pieces)
}

/// Formats `msg` with marker arguments and splits the result, without isolation marks.
fn pattern(id: &LanguageIdentifier, msg: &str, names: &[&'static str]) -> Vec<Piece> {
    let text = LOCALES
        .lookup_with_args(id, msg, &markers(names))
        .replace(['\u{2068}', '\u{2069}'], "");
    split(&text).unwrap_or_default()
}

fn fill(pieces: &[Piece], values: &[&str]) -> String {
    let mut out = String::with_capacity(32);
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Arg(i) => out.push_str(values.get(*i).copied().unwrap_or("")),
        }
    }
    out
}

static CATALOGS: LazyLock<Vec<Lang>> = LazyLock::new(|| {
    LOCALES
        .locales()
        .map(|id| Lang(Arc::new(Catalog::new(id))))
        .collect()
});

impl Lang {
    /// The first of `wanted` (BCP 47 tags, most preferred first) that shipmate speaks, by
    /// exact tag or by language; `en` when none.
    pub fn negotiate<'a>(wanted: impl IntoIterator<Item = &'a str>) -> Lang {
        for tag in wanted {
            let Ok(id) = tag.trim().parse::<LanguageIdentifier>() else {
                continue;
            };
            if let Some(exact) = CATALOGS.iter().find(|c| c.0.id == id) {
                return exact.clone();
            }
            if let Some(same) = CATALOGS.iter().find(|c| c.0.id.language == id.language) {
                return same.clone();
            }
        }
        let fallback = LOCALES.fallback();
        CATALOGS
            .iter()
            .find(|c| &c.0.id == fallback)
            .cloned()
            .unwrap_or_else(|| Lang(Arc::new(Catalog::new(fallback))))
    }

    /// BCP 47 tag, for `<html lang>`.
    pub fn tag(&self) -> String {
        self.0.tag.clone()
    }

    /// [`Lang::tag`], borrowed.
    pub fn tag_str(&self) -> &str {
        &self.0.tag
    }

    pub fn is_rtl(&self) -> bool {
        matches!(self.0.id.language.as_str(), "ar" | "he" | "fa" | "ur")
    }

    pub fn t(&self, id: &str) -> String {
        self.text(id).into_owned()
    }

    /// Like [`Lang::t`], borrowed from the catalog when the message takes no arguments.
    pub fn text(&self, id: &str) -> Cow<'_, str> {
        match self.0.plain.get(id) {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(LOCALES.lookup(&self.0.id, id)),
        }
    }

    /// Like [`Lang::t`], `None` when the message does not exist in this locale or `en`.
    pub fn try_t(&self, id: &str) -> Option<String> {
        self.0
            .plain
            .get(id)
            .cloned()
            .or_else(|| LOCALES.try_lookup(&self.0.id, id))
    }

    pub fn t_args(&self, id: &str, args: &[(&'static str, String)]) -> String {
        if let Some((names, pieces)) = self.0.placed.get(id) {
            let values: Option<Vec<&str>> = names
                .iter()
                .map(|n| args.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str()))
                .collect();
            if let Some(values) = values {
                return fill(pieces, &values);
            }
        }
        self.fluent(id, args)
    }

    /// Formats through Fluent itself (selectors, missing arguments).
    fn fluent(&self, id: &str, args: &[(&'static str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| {
                // Integers go in as numbers, so that selectors pick plural categories ("one",
                // "few"…); only canonical ones ("7", not "007" or "+7") that an f64 holds
                // exactly, so order and tracking numbers still print exactly as given.
                let value = match v.parse::<i64>() {
                    Ok(n) if n.to_string() == *v && n.unsigned_abs() <= 1 << 53 => {
                        FluentValue::from(n)
                    }
                    _ => FluentValue::from(v.clone()),
                };
                (Cow::Borrowed(*k), value)
            })
            .collect();
        LOCALES.lookup_with_args(&self.0.id, id, &map)
    }

    /// All locales shipmate speaks.
    pub fn supported() -> Vec<String> {
        LOCALES.locales().map(ToString::to_string).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn negotiates_exact_then_language_then_english() {
        assert_eq!(Lang::negotiate(["pt-BR"]).tag(), "pt-BR");
        assert_eq!(Lang::negotiate(["pt-PT"]).tag(), "pt-BR");
        assert_eq!(Lang::negotiate(["xx", "pt"]).tag(), "pt-BR");
        assert_eq!(Lang::negotiate(["de-AT"]).tag(), "de");
        assert_eq!(Lang::negotiate(["ja"]).tag(), "en");
        assert_eq!(Lang::negotiate(["ja-JP", "xx"]).tag(), "en");
        assert_eq!(Lang::negotiate([]).tag(), "en");
        assert!(Lang::negotiate(["ar"]).is_rtl());
        assert!(!Lang::negotiate(["fr"]).is_rtl());
    }

    #[test]
    fn every_locale_has_every_message_of_the_pages_and_the_console() {
        for file in ["main", "console"] {
            let path =
                |tag: &str| format!("{}/locales/{tag}/{file}.ftl", env!("CARGO_MANIFEST_DIR"));
            let en = std::fs::read_to_string(path("en")).unwrap();
            let ids: Vec<&str> = en
                .lines()
                .filter(|l| !l.starts_with(' ') && !l.starts_with('#'))
                .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
                .collect();
            assert!(ids.len() > 40, "{file}");
            for tag in Lang::supported() {
                let text = std::fs::read_to_string(path(&tag)).unwrap();
                let missing: Vec<&&str> = ids
                    .iter()
                    .filter(|id| !text.lines().any(|l| l.starts_with(&format!("{id} ="))))
                    .collect();
                assert!(missing.is_empty(), "{tag}/{file}.ftl lacks {missing:?}");
            }
        }
        assert_eq!(Lang::negotiate(["pt-BR"]).t("console-sign-out"), "Sair");
        assert_eq!(Lang::negotiate(["ja"]).t("console-sign-out"), "Sign out");
    }

    #[test]
    fn placed_messages_read_as_fluent_writes_them() {
        let values = ["Ana", "1234", "007", "Zürich & <Co>", "", "{ $x }"];
        for tag in Lang::supported() {
            let l = Lang::negotiate([tag.as_str()]);
            assert!(l.0.placed.len() > 40, "{tag}");
            for (id, (names, _)) in &l.0.placed {
                for (i, v) in values.iter().enumerate() {
                    let args: Vec<(&'static str, String)> = names
                        .iter()
                        .enumerate()
                        .map(|(j, n)| (*n, values[(i + j) % values.len()].replace("Ana", v)))
                        .collect();
                    assert_eq!(l.t_args(id, &args), l.fluent(id, &args), "{tag} {id}");
                }
            }
        }
    }

    #[test]
    fn only_count_is_selected_on() {
        // `placed` leaves messages with `$count` to Fluent: no other argument may select.
        for tag in Lang::supported() {
            let path = format!("{}/locales/{tag}/main.ftl", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                if let Some((_, selector)) = line.split_once("->").map(|(a, _)| ((), a)) {
                    assert!(selector.trim_end().ends_with("$count"), "{tag}:{}", n + 1);
                }
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
        assert_eq!(
            Lang::negotiate(["de"]).date_time(&t),
            "Mi., 25. Nov., 14:05 Uhr"
        );
    }

    #[test]
    fn plurals_follow_each_language() {
        let items = |tag: &str, count: i64| {
            Lang::negotiate([tag])
                .t_args("notify-items", &[("count", count.to_string())])
                .replace(['\u{2068}', '\u{2069}'], "")
        };
        let cases: &[(&str, &[(i64, &str)])] = &[
            (
                "en",
                &[
                    (1, "One item in this parcel"),
                    (3, "3 items in this parcel"),
                ],
            ),
            (
                "pl",
                &[
                    (1, "Jeden produkt w tej paczce"),
                    (2, "2 produkty w tej paczce"),
                    (5, "5 produktów w tej paczce"),
                    (22, "22 produkty w tej paczce"),
                ],
            ),
            (
                "ar",
                &[
                    (0, "لا توجد منتجات في هذا الطرد"),
                    (1, "منتج واحد في هذا الطرد"),
                    (2, "منتجان في هذا الطرد"),
                    (3, "3 منتجات في هذا الطرد"),
                    (11, "11 منتجًا في هذا الطرد"),
                    (100, "100 منتج في هذا الطرد"),
                ],
            ),
            (
                "ro",
                &[
                    (1, "Un produs în acest colet"),
                    (2, "2 produse în acest colet"),
                    (20, "20 de produse în acest colet"),
                ],
            ),
            (
                "es",
                &[
                    (1, "Un artículo en este paquete"),
                    (4, "4 artículos en este paquete"),
                ],
            ),
            (
                "de",
                &[
                    (1, "Ein Artikel in diesem Paket"),
                    (4, "4 Artikel in diesem Paket"),
                ],
            ),
            (
                "fr",
                &[
                    (1, "1 article dans ce colis"),
                    (4, "4 articles dans ce colis"),
                ],
            ),
        ];
        for (tag, expected) in cases {
            for (count, text) in *expected {
                assert_eq!(items(tag, *count), *text, "{tag} {count}");
            }
        }
        // Numbers that are not plain integers still print exactly as given.
        let en = Lang::negotiate(["en"]);
        assert_eq!(
            en.t_args("order-number", &[("number", "007".into())])
                .replace(['\u{2068}', '\u{2069}'], ""),
            "Order 007"
        );
    }
}
