//! The carriers this process can talk to: the platform's own accounts (from config), and
//! adapters built on demand from a merchant's own credentials.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::{
    Carrier, Sandbox, aftership, canada_post, correios, detect, dhl, fedex, inpost, royal_mail,
    ups, usps,
};
use crate::config::{CarriersConfig, Limits};
use crate::domain::{CarrierCode, Invalid, RequestRate, TrackingNumber};

/// A merchant's own credentials for one carrier.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Credentials {
    OAuth {
        client_id: String,
        client_secret: String,
    },
    ApiKey {
        api_key: String,
    },
    Basic {
        username: String,
        password: String,
    },
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Credentials(<redacted>)")
    }
}

/// The lengths each carrier's API accepts (their own formats vary too much for more).
const NUMBER_LENGTHS: &[(&str, usize, usize, &str)] = &[
    ("ups", 7, 34, "UPS"),
    ("fedex", 10, 34, "FedEx"),
    ("usps", 10, 40, "USPS"),
    ("dhl", 8, 39, "DHL"),
    ("canada_post", 11, 16, "Canada Post"),
    ("inpost", 20, 26, "InPost"),
    ("royal_mail", 9, 21, "Royal Mail"),
    ("correios", 13, 13, "Correios"),
];

/// Whether a number has a length the carrier's API accepts.
pub fn check_length(code: &str, number: &TrackingNumber) -> Result<(), Invalid> {
    let Some(&(_, min, max, name)) = NUMBER_LENGTHS.iter().find(|(c, ..)| *c == code) else {
        return Ok(());
    };
    if (min..=max).contains(&number.as_str().len()) {
        Ok(())
    } else {
        Err(Invalid::new(format!(
            "{name} tracking numbers are {min} to {max} characters long"
        )))
    }
}

/// Which credentials a carrier takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialKind {
    OAuth,
    ApiKey,
    Basic,
}

type Built = (Arc<dyn Carrier>, Limits);

#[derive(Clone)]
pub struct Carriers {
    platform: BTreeMap<CarrierCode, Built>,
    config: CarriersConfig,
    /// Couriers reached through the AfterShip account, built on first use.
    via_aftership: Arc<Mutex<HashMap<CarrierCode, Built>>>,
}

impl Carriers {
    pub fn from_config(cfg: &CarriersConfig) -> Result<Carriers, String> {
        let mut platform: BTreeMap<CarrierCode, (Arc<dyn Carrier>, Limits)> = BTreeMap::new();
        let mut add = |carrier: Arc<dyn Carrier>, limits: &Limits| {
            platform.insert(carrier.code(), (carrier, limits.clone()));
        };
        add(Arc::new(Sandbox::new(&cfg.sandbox)?), &cfg.sandbox.limits);
        if cfg.inpost.enabled {
            add(
                Arc::new(inpost::InPost::new(&cfg.inpost.endpoint)?),
                &cfg.inpost.endpoint.limits,
            );
        }
        if cfg.canada_post.enabled() {
            add(
                Arc::new(canada_post::CanadaPost::new(&cfg.canada_post)?),
                &cfg.canada_post.limits,
            );
        }
        if cfg.correios.enabled() {
            add(
                Arc::new(correios::Correios::new(&cfg.correios)?),
                &cfg.correios.limits,
            );
        }
        if cfg.dhl.enabled() {
            add(Arc::new(dhl::Dhl::new(&cfg.dhl)?), &cfg.dhl.limits);
        }
        if cfg.fedex.enabled() {
            add(Arc::new(fedex::Fedex::new(&cfg.fedex)?), &cfg.fedex.limits);
        }
        if cfg.usps.enabled() {
            add(Arc::new(usps::Usps::new(&cfg.usps)?), &cfg.usps.limits);
        }
        if cfg.royal_mail.enabled() {
            add(
                Arc::new(royal_mail::RoyalMail::new(&cfg.royal_mail)?),
                &cfg.royal_mail.limits,
            );
        }
        if cfg.ups.enabled() {
            add(Arc::new(ups::Ups::new(&cfg.ups)?), &cfg.ups.limits);
        }
        Ok(Carriers {
            platform,
            config: cfg.clone(),
            via_aftership: Arc::default(),
        })
    }

    /// The platform's adapter for a carrier: its own account if configured, else AfterShip's
    /// (for couriers detection knows) when an AfterShip key is configured.
    pub fn get(&self, code: &CarrierCode) -> Option<Arc<dyn Carrier>> {
        self.platform_account(code).map(|(c, ..)| c)
    }

    /// The platform's adapter, its limits and the name of the account's gate (every
    /// courier reached through AfterShip shares AfterShip's).
    pub fn platform_account(
        &self,
        code: &CarrierCode,
    ) -> Option<(Arc<dyn Carrier>, Limits, String)> {
        if let Some((c, l)) = self.platform.get(code) {
            return Some((c.clone(), l.clone(), code.to_string()));
        }
        let cfg = &self.config.aftership;
        if !cfg.enabled() || code.as_str() == "sandbox" || !detect::is_known_carrier(code.as_str())
        {
            return None;
        }
        let mut cache = self.via_aftership.lock().ok()?;
        if !cache.contains_key(code) {
            let adapter = aftership::AfterShip::new(cfg, code.clone()).ok()?;
            cache.insert(code.clone(), (Arc::new(adapter), cfg.limits.clone()));
        }
        cache
            .get(code)
            .map(|(c, l)| (c.clone(), l.clone(), "aftership".to_owned()))
    }

    /// Carriers with a platform account.
    pub fn codes(&self) -> impl Iterator<Item = &CarrierCode> {
        self.platform.keys()
    }

    /// Checks a number for a carrier known here, with or without a platform account.
    pub fn check_number(
        &self,
        code: &CarrierCode,
        number: &TrackingNumber,
    ) -> Option<Result<(), Invalid>> {
        if let Some(carrier) = self.get(code) {
            return Some(carrier.check_number(number));
        }
        Self::credential_kind(code).map(|_| check_length(code.as_str(), number))
    }

    /// What credentials a merchant's own account for this carrier needs (None: the carrier
    /// takes no merchant accounts).
    pub fn credential_kind(code: &CarrierCode) -> Option<CredentialKind> {
        match code.as_str() {
            "ups" | "fedex" | "usps" | "royal_mail" => Some(CredentialKind::OAuth),
            "dhl" => Some(CredentialKind::ApiKey),
            "canada_post" | "correios" => Some(CredentialKind::Basic),
            _ => None,
        }
    }

    /// An adapter on a merchant's own credentials (the platform's endpoint and limits, with
    /// the merchant's rate if it set one).
    pub fn build_for(
        &self,
        code: &CarrierCode,
        credentials: &Credentials,
        requests_per_second: Option<RequestRate>,
    ) -> Result<(Arc<dyn Carrier>, Limits), String> {
        let oauth = |endpoint: &crate::config::OAuthEndpoint| match credentials {
            Credentials::OAuth {
                client_id,
                client_secret,
            } => {
                let mut e = endpoint.clone();
                e.client_id = client_id.clone();
                e.client_secret = client_secret.clone().into();
                if let Some(rps) = requests_per_second {
                    e.limits.requests_per_second = rps.get();
                }
                Ok(e)
            }
            _ => Err(format!("{code} takes client_id and client_secret")),
        };
        let built: (Arc<dyn Carrier>, Limits) = match code.as_str() {
            "ups" => {
                let e = oauth(&self.config.ups)?;
                (Arc::new(ups::Ups::new(&e)?), e.limits)
            }
            "fedex" => {
                let e = oauth(&self.config.fedex)?;
                (Arc::new(fedex::Fedex::new(&e)?), e.limits)
            }
            "usps" => {
                let e = oauth(&self.config.usps)?;
                (Arc::new(usps::Usps::new(&e)?), e.limits)
            }
            "royal_mail" => {
                let e = oauth(&self.config.royal_mail)?;
                (Arc::new(royal_mail::RoyalMail::new(&e)?), e.limits)
            }
            "dhl" => {
                let Credentials::ApiKey { api_key } = credentials else {
                    return Err("dhl takes an api_key".into());
                };
                let mut e = self.config.dhl.clone();
                e.api_key = api_key.clone().into();
                if let Some(rps) = requests_per_second {
                    e.limits.requests_per_second = rps.get();
                }
                (Arc::new(dhl::Dhl::new(&e)?), e.limits)
            }
            "canada_post" => {
                let Credentials::Basic { username, password } = credentials else {
                    return Err("canada_post takes a username and password".into());
                };
                let mut e = self.config.canada_post.clone();
                e.username = username.clone();
                e.password = password.clone().into();
                if let Some(rps) = requests_per_second {
                    e.limits.requests_per_second = rps.get();
                }
                (Arc::new(canada_post::CanadaPost::new(&e)?), e.limits)
            }
            "correios" => {
                let Credentials::Basic { username, password } = credentials else {
                    return Err("correios takes a username and password".into());
                };
                let mut e = self.config.correios.clone();
                e.username = username.clone();
                e.password = password.clone().into();
                if let Some(rps) = requests_per_second {
                    e.limits.requests_per_second = rps.get();
                }
                (Arc::new(correios::Correios::new(&e)?), e.limits)
            }
            other => return Err(format!("{other} takes no merchant accounts")),
        };
        Ok(built)
    }

    /// Who could have issued this number, best first: configured carriers whose format
    /// accepts it, then everything the format data recognises (marked `configured` when it
    /// can be tracked: its own account, or AfterShip's).
    pub fn detect(&self, number: &TrackingNumber) -> Vec<detect::Candidate> {
        let own = self
            .platform
            .values()
            .map(|(c, _)| c)
            .filter(|c| c.check_number(number).is_ok())
            .map(|c| detect::Candidate {
                carrier: c.code().to_string(),
                format: c.code().to_string(),
                service: c.display_name().to_owned(),
                checksum_valid: true,
                has_checksum: false,
                tracking_url: c.public_url(number),
                configured: true,
            });
        let mut all: Vec<detect::Candidate> = own.collect();
        for mut c in detect::detect(number) {
            if all.iter().any(|o| o.carrier == c.carrier) {
                continue;
            }
            c.configured =
                CarrierCode::parse(&c.carrier).is_ok_and(|code| self.get(&code).is_some());
            all.push(c);
        }
        all.sort_by_key(|c| !(c.configured && c.checksum_valid));
        all
    }
}
