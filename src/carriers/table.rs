//! Every carrier shipmate speaks, as data: one row each. The registry builds adapters from
//! it, the configuration takes each `[carriers.<code>]` section's defaults from it, detection
//! its number formats, and the merchant API which credentials a carrier takes. Adding a
//! carrier: its folder (adapter, code table, wire types, tests), its `mod` line in
//! `carriers/mod.rs`, and a row here.

use super::info::{Access, Adapter, CarrierInfo, CredentialKind, boxed};

/// The carriers, each with what shipmate needs to know about it.
pub static CARRIERS: &[CarrierInfo] = &[
    CarrierInfo {
        code: "sandbox",
        name: "Sandbox Express",
        aliases: &[],
        // carrier-sim's own page, under the configured base URL (the adapter builds it).
        tracking_url: None,
        access: Access::Open { enabled: true },
        lengths: None,
        formats: &[],
        upu_country: None,
        base_url: "http://127.0.0.1:8090",
        requests_per_second: 0.0,
        adapter: Adapter::Own(|e| boxed(super::sandbox::Sandbox::new(e))),
    },
    CarrierInfo {
        // AfterShip Tracking API: the fallback for couriers shipmate does not speak itself.
        code: "aftership",
        name: "AfterShip",
        aliases: &[],
        tracking_url: None,
        access: Access::Account(CredentialKind::ApiKey),
        lengths: None,
        formats: &[],
        upu_country: None,
        base_url: "https://api.aftership.com/v4",
        requests_per_second: 10.0,
        adapter: Adapter::Aggregator(|e, slug| boxed(super::aftership::AfterShip::new(e, slug))),
    },
    CarrierInfo {
        // Public ShipX tracking; written from InPost's documentation, untested against
        // recorded responses. Off unless switched on.
        code: "inpost",
        name: "InPost",
        aliases: &["inpost-paczkomaty"],
        tracking_url: Some("https://inpost.pl/sledzenie-przesylek?number={number}"),
        access: Access::Open { enabled: false },
        lengths: Some((20, 26)),
        formats: &[],
        upu_country: None,
        base_url: "https://api-shipx-pl.easypack24.net",
        requests_per_second: 2.0,
        adapter: Adapter::Own(|e| boxed(super::inpost::InPost::new(e))),
    },
    CarrierInfo {
        // Development: https://ct.soa-gw.canadapost.ca. The API key's username and password.
        code: "canada_post",
        name: "Canada Post",
        aliases: &["Postes Canada"],
        tracking_url: Some(
            "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={number}",
        ),
        access: Access::Account(CredentialKind::Basic),
        lengths: Some((11, 16)),
        formats: &[include_str!(
            "../../data/tracking_number_data/couriers/canadapost.json"
        )],
        upu_country: Some("CA"),
        base_url: "https://soa-gw.canadapost.ca",
        requests_per_second: 2.0,
        adapter: Adapter::Own(|e| boxed(super::canada_post::CanadaPost::new(e))),
    },
    CarrierInfo {
        // API Rastro; written from the Correios' documentation, untested against recorded
        // responses. Homologation: https://apihom.correios.com.br. The "Meu Correios" user
        // and the API access code.
        code: "correios",
        name: "Correios",
        aliases: &["brazil-correios", "Correios Brazil"],
        tracking_url: Some("https://rastreamento.correios.com.br/app/index.php?objetos={number}"),
        access: Access::Account(CredentialKind::Basic),
        lengths: Some((13, 13)),
        formats: &[],
        upu_country: Some("BR"),
        base_url: "https://api.correios.com.br",
        requests_per_second: 2.0,
        adapter: Adapter::Own(|e| boxed(super::correios::Correios::new(e))),
    },
    CarrierInfo {
        // Shipment Tracking – Unified API; the starter plan allows 1 request a second.
        code: "dhl",
        name: "DHL",
        aliases: &["dhl-express", "DHL Express"],
        tracking_url: Some(
            "https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?submit=1&tracking-id={number}",
        ),
        access: Access::Account(CredentialKind::ApiKey),
        lengths: Some((8, 39)),
        formats: &[include_str!(
            "../../data/tracking_number_data/couriers/dhl.json"
        )],
        upu_country: None,
        base_url: "https://api-eu.dhl.com",
        requests_per_second: 1.0,
        adapter: Adapter::Own(|e| boxed(super::dhl::Dhl::new(e))),
    },
    CarrierInfo {
        // Track API. Sandbox: https://apis-sandbox.fedex.com. API key and secret.
        code: "fedex",
        name: "FedEx",
        aliases: &["federal-express", "FedEx Express", "FedEx Ground"],
        tracking_url: Some("https://www.fedex.com/fedextrack/?trknbr={number}"),
        access: Access::Account(CredentialKind::OAuth),
        lengths: Some((10, 34)),
        formats: &[include_str!(
            "../../data/tracking_number_data/couriers/fedex.json"
        )],
        upu_country: None,
        base_url: "https://apis.fedex.com",
        requests_per_second: 10.0,
        adapter: Adapter::Own(|e| boxed(super::fedex::Fedex::new(e))),
    },
    CarrierInfo {
        // Tracking API v2: the X-IBM-Client-Id and X-IBM-Client-Secret of a Royal Mail
        // developer application.
        code: "royal_mail",
        name: "Royal Mail",
        aliases: &["Royal Mail Tracked"],
        tracking_url: Some("https://www.royalmail.com/track-your-item#/tracking-results/{number}"),
        access: Access::Account(CredentialKind::OAuth),
        lengths: Some((9, 21)),
        formats: &[],
        upu_country: Some("GB"),
        base_url: "https://api.royalmail.net",
        requests_per_second: 2.0,
        adapter: Adapter::Own(|e| boxed(super::royal_mail::RoyalMail::new(e))),
    },
    CarrierInfo {
        // Track API. Test: https://wwwcie.ups.com.
        code: "ups",
        name: "UPS",
        aliases: &["United Parcel Service"],
        tracking_url: Some("https://www.ups.com/track?loc=en_US&tracknum={number}"),
        access: Access::Account(CredentialKind::OAuth),
        lengths: Some((7, 34)),
        formats: &[include_str!(
            "../../data/tracking_number_data/couriers/ups.json"
        )],
        upu_country: None,
        base_url: "https://onlinetools.ups.com",
        requests_per_second: 5.0,
        adapter: Adapter::Own(|e| boxed(super::ups::Ups::new(e))),
    },
    CarrierInfo {
        // Tracking API v3. Testing: https://apis-tem.usps.com. Consumer key and secret.
        code: "usps",
        name: "USPS",
        aliases: &["United States Postal Service", "US Postal Service"],
        tracking_url: Some("https://tools.usps.com/go/TrackConfirmAction?tLabels={number}"),
        access: Access::Account(CredentialKind::OAuth),
        lengths: Some((10, 40)),
        formats: &[include_str!(
            "../../data/tracking_number_data/couriers/usps.json"
        )],
        upu_country: Some("US"),
        base_url: "https://apis.usps.com",
        requests_per_second: 1.0,
        adapter: Adapter::Own(|e| boxed(super::usps::Usps::new(e))),
    },
];

/// A carrier's row, by code.
pub fn info(code: &str) -> Option<&'static CarrierInfo> {
    CARRIERS.iter().find(|c| c.code == code)
}

/// The carrier a shop or another tool names (`UPS`, `canada-post`, `DHL Express`): its
/// code, name or an alias, compared without case, spaces or punctuation.
pub fn by_name(name: &str) -> Option<&'static CarrierInfo> {
    let key = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let wanted = key(name);
    if wanted.is_empty() {
        return None;
    }
    CARRIERS.iter().find(|c| {
        key(c.code) == wanted || key(c.name) == wanted || c.aliases.iter().any(|a| key(a) == wanted)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CarrierCode, TrackingNumber};

    #[test]
    fn carriers_are_found_by_the_names_shops_give_them() {
        for (name, code) in [
            ("UPS", "ups"),
            ("canada-post", "canada_post"),
            ("Canada Post", "canada_post"),
            ("DHL Express", "dhl"),
            ("brazil-correios", "correios"),
            ("royal-mail", "royal_mail"),
            ("FedEx", "fedex"),
            ("usps", "usps"),
        ] {
            assert_eq!(by_name(name).map(|c| c.code), Some(code), "{name}");
        }
        for unknown in ["", "  ", "Acme Couriers", "DHL Parcel NL"] {
            assert!(by_name(unknown).is_none(), "{unknown}");
        }
    }

    #[test]
    fn every_row_is_well_formed_and_unique() {
        for (i, c) in CARRIERS.iter().enumerate() {
            assert_eq!(CarrierCode::parse(c.code).unwrap().as_str(), c.code);
            assert!(CARRIERS[..i].iter().all(|o| o.code != c.code), "{}", c.code);
            assert!(reqwest::Url::parse(c.base_url).is_ok(), "{}", c.code);
            assert!(
                c.tracking_url.is_none_or(|u| u.contains("{number}")),
                "{}",
                c.code
            );
            assert!(c.lengths.is_none_or(|(min, max)| min <= max), "{}", c.code);
        }
        assert_eq!(info("sandbox").map(|c| c.name), Some("Sandbox Express"));
    }

    #[test]
    fn lengths_and_links_come_from_the_row() {
        let ups = info("ups").unwrap();
        let n = TrackingNumber::parse("1Z8V92A70367203024").unwrap();
        assert!(ups.check_length(&n).is_ok());
        let short = TrackingNumber::parse("1Z8V9").unwrap();
        let e = ups.check_length(&short).unwrap_err();
        assert_eq!(e.0, "UPS tracking numbers are 7 to 34 characters long");
        assert_eq!(
            ups.public_url(&n).as_deref(),
            Some("https://www.ups.com/track?loc=en_US&tracknum=1Z8V92A70367203024")
        );
        assert_eq!(ups.merchant_credentials(), Some(CredentialKind::OAuth));
        assert_eq!(info("aftership").unwrap().merchant_credentials(), None);
        assert_eq!(info("inpost").unwrap().merchant_credentials(), None);
    }
}
