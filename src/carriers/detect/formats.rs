//! Loading the vendored format definitions into compiled patterns, once.

use std::sync::LazyLock;

use fancy_regex::Regex;
use serde::Deserialize;

use super::checksum::Checksum;
use crate::carriers::table::CARRIERS;

/// Couriers detection knows that shipmate has no adapter for (reached through an
/// aggregator); the carriers of the table name their own files.
const FILES: &[&str] = &[
    include_str!("../../../data/tracking_number_data/couriers/amazon.json"),
    include_str!("../../../data/tracking_number_data/couriers/canpar.json"),
    include_str!("../../../data/tracking_number_data/couriers/dpd.json"),
    include_str!("../../../data/tracking_number_data/couriers/gofo.json"),
    include_str!("../../../data/tracking_number_data/couriers/landmark.json"),
    include_str!("../../../data/tracking_number_data/couriers/lasership.json"),
    include_str!("../../../data/tracking_number_data/couriers/old_dominion.json"),
    include_str!("../../../data/tracking_number_data/couriers/ontrac.json"),
    include_str!("../../../data/tracking_number_data/couriers/purolator.json"),
    include_str!("../../../data/tracking_number_data/couriers/s10.json"),
    include_str!("../../../data/tracking_number_data/couriers/speedee.json"),
    include_str!("../../../data/tracking_number_data/couriers/yodel.json"),
    include_str!("../../../data/tracking_number_data/couriers/yunexpress.json"),
];

/// One tracking-number format, compiled.
pub struct Format {
    pub carrier: String,
    pub id: String,
    pub name: String,
    pub regex: Regex,
    pub checksum: Option<Checksum>,
    /// Prepend `.1` to the serial number before the checksum when it matches `.0`.
    pub prepend_if: Option<(Regex, String)>,
    pub additional: Vec<Table>,
    /// Tables a number's value must be found in (e.g. S10's issuing country).
    pub required: Vec<String>,
    pub tracking_url: Option<String>,
    /// The data's own test numbers (the conformance test reads them).
    #[cfg(test)]
    pub valid: Vec<String>,
    #[cfg(test)]
    pub invalid: Vec<String>,
}

pub struct Table {
    pub name: String,
    pub group: String,
    pub lookup: Vec<Lookup>,
}

pub struct Lookup {
    pub matches: Option<String>,
    matches_regex: Option<Regex>,
    pub name: Option<String>,
    pub courier: Option<String>,
}

impl Lookup {
    pub fn matches(&self, value: &str) -> bool {
        self.matches.as_deref() == Some(value)
            || self
                .matches_regex
                .as_ref()
                .is_some_and(|r| r.is_match(value).unwrap_or(false))
    }
}

#[derive(Deserialize)]
struct RawFile {
    courier_code: String,
    tracking_numbers: Vec<RawFormat>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Pattern {
    One(String),
    Parts(Vec<String>),
}

#[derive(Deserialize)]
struct RawFormat {
    id: Option<String>,
    name: String,
    regex: Pattern,
    #[serde(default)]
    validation: RawValidation,
    #[serde(default)]
    additional: Vec<RawTable>,
    tracking_url: Option<String>,
    #[serde(default)]
    #[cfg_attr(not(test), allow(dead_code))]
    test_numbers: RawTests,
}

#[derive(Deserialize, Default)]
struct RawValidation {
    checksum: Option<Checksum>,
    serial_number_format: Option<RawSerialFormat>,
    additional: Option<RawExists>,
}

#[derive(Deserialize)]
struct RawSerialFormat {
    prepend_if: RawPrepend,
}

#[derive(Deserialize)]
struct RawPrepend {
    matches_regex: String,
    content: String,
}

#[derive(Deserialize)]
struct RawExists {
    exists: Vec<String>,
}

#[derive(Deserialize)]
struct RawTable {
    name: String,
    regex_group_name: String,
    #[serde(default)]
    lookup: Vec<RawLookup>,
}

#[derive(Deserialize)]
struct RawLookup {
    matches: Option<String>,
    matches_regex: Option<String>,
    name: Option<String>,
    courier: Option<String>,
}

#[derive(Deserialize, Default)]
#[cfg_attr(not(test), allow(dead_code))]
struct RawTests {
    #[serde(default)]
    valid: Vec<String>,
    #[serde(default)]
    invalid: Vec<String>,
}

/// Every format of every vendored file, by courier code (so where a file is listed does not
/// change how ties rank). A file or pattern that does not load is a build defect, caught by
/// the tests; at run time it is skipped with a warning.
pub static FORMATS: LazyLock<Vec<Format>> = LazyLock::new(|| {
    let mut out = vec![];
    let tables = CARRIERS.iter().flat_map(|c| c.formats);
    for text in tables.chain(FILES) {
        match serde_json::from_str::<RawFile>(text) {
            Ok(file) => out.extend(
                file.tracking_numbers
                    .into_iter()
                    .filter_map(|f| compile(&file.courier_code, f)),
            ),
            Err(e) => tracing::warn!(error = %e, "tracking-number data file unreadable"),
        }
    }
    out.sort_by(|a, b| a.carrier.cmp(&b.carrier));
    out
});

fn compile(courier: &str, f: RawFormat) -> Option<Format> {
    let id = f.id.unwrap_or_else(|| {
        let words: Vec<String> = f
            .name
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        words.join("_")
    });
    let pattern = match f.regex {
        Pattern::One(p) => p,
        Pattern::Parts(parts) => parts.concat(),
    };
    // Numbers are matched normalised (no spaces or dashes), so a literal dash is optional.
    let pattern = pattern.replace("-\\s*", "-?\\s*");
    let regex = |p: &str| match Regex::new(p) {
        Ok(r) => Some(r),
        Err(e) => {
            tracing::warn!(format = %id, error = %e, "tracking-number pattern skipped");
            None
        }
    };
    let compiled = regex(&format!("^(?:{pattern})$"))?;
    let prepend_if = match f.validation.serial_number_format {
        Some(s) => Some((regex(&s.prepend_if.matches_regex)?, s.prepend_if.content)),
        None => None,
    };
    let additional = f
        .additional
        .into_iter()
        .map(|t| Table {
            name: t.name,
            group: t.regex_group_name,
            lookup: t
                .lookup
                .into_iter()
                .map(|l| Lookup {
                    matches: l.matches,
                    matches_regex: l.matches_regex.and_then(|r| regex(&format!("^(?:{r})$"))),
                    name: l.name,
                    courier: l.courier,
                })
                .collect(),
        })
        .collect();
    Some(Format {
        carrier: courier.to_owned(),
        id,
        name: f.name,
        regex: compiled,
        checksum: f.validation.checksum,
        prepend_if,
        additional,
        required: f
            .validation
            .additional
            .map(|a| a.exists)
            .unwrap_or_default(),
        tracking_url: f.tracking_url,
        #[cfg(test)]
        valid: f.test_numbers.valid,
        #[cfg(test)]
        invalid: f.test_numbers.invalid,
    })
}

/// Whether detection knows this carrier code (a courier of the format data, or a postal
/// operator of an S10 country).
pub fn is_known_carrier(code: &str) -> bool {
    let courier = FORMATS
        .iter()
        .any(|f| f.carrier == code && f.carrier != "s10");
    let postal = code.strip_prefix("upu_").is_some_and(|c| c.len() == 2)
        || POSTAL_OPERATORS.iter().any(|(_, op)| *op == code)
        || CARRIERS
            .iter()
            .any(|c| c.code == code && c.upu_country.is_some());
    courier || postal
}

/// Postal operators by S10 country that shipmate has no adapter for (the carriers of the
/// table name their own country).
const POSTAL_OPERATORS: &[(&str, &str)] = &[
    ("PL", "poczta_polska"),
    ("RO", "posta_romana"),
    ("PT", "ctt"),
    ("DE", "deutsche_post"),
    ("FR", "la_poste"),
    ("ES", "correos"),
    ("IT", "poste_italiane"),
    ("NL", "postnl"),
    ("BE", "bpost"),
    ("CH", "swiss_post"),
    ("AT", "austrian_post"),
    ("IE", "an_post"),
    ("AU", "australia_post"),
    ("CN", "china_post"),
    ("JP", "japan_post"),
];

/// shipmate's carrier code for the postal operator of an S10 number's issuing country.
pub fn postal_operator(country: &str) -> String {
    let ours = CARRIERS.iter().find(|c| c.upu_country == Some(country));
    let theirs = || POSTAL_OPERATORS.iter().find(|(c, _)| *c == country);
    ours.map(|c| c.code)
        .or_else(|| theirs().map(|(_, op)| *op))
        .map_or_else(
            || format!("upu_{}", country.to_ascii_lowercase()),
            str::to_owned,
        )
}
