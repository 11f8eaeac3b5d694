//! The carriers this process can talk to: the platform's own accounts (from config), and
//! adapters built on demand from a merchant's own credentials — all from the rows of
//! [`super::table::CARRIERS`].

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use super::info::{Adapter, BuildPerCourier, CarrierInfo};
use super::table::{CARRIERS, info};
use super::{Carrier, Credentials, Endpoint, detect};
use crate::config::{CarriersConfig, Limits};
use crate::domain::{CarrierCode, Invalid, RequestRate, TrackingNumber};

pub use super::info::CredentialKind;

type Built = (Arc<dyn Carrier>, Limits);

#[derive(Clone)]
pub struct Carriers {
    platform: BTreeMap<CarrierCode, Built>,
    aggregator: Option<Aggregator>,
    config: CarriersConfig,
    /// Couriers reached through the aggregator's account, built on first use.
    via_aggregator: Arc<Mutex<HashMap<CarrierCode, Built>>>,
}

/// The aggregator with a platform account (AfterShip): couriers detection knows and the
/// platform has no account of its own at go through it.
#[derive(Clone)]
struct Aggregator {
    info: &'static CarrierInfo,
    endpoint: Arc<Endpoint>,
    build: BuildPerCourier,
    limits: Limits,
}

impl Carriers {
    pub fn from_config(cfg: &CarriersConfig) -> Result<Carriers, String> {
        let mut platform = BTreeMap::new();
        let mut aggregator = None;
        for info in CARRIERS {
            let Some(settings) = cfg.get(info.code) else {
                continue;
            };
            let Some(endpoint) = Endpoint::platform(info, settings)? else {
                continue;
            };
            let limits = settings.limits.clone();
            match info.adapter {
                Adapter::Own(build) => {
                    platform.insert(info.carrier_code(), (build(&endpoint)?, limits));
                }
                Adapter::Aggregator(build) => {
                    aggregator.get_or_insert(Aggregator {
                        info,
                        endpoint: Arc::new(endpoint),
                        build,
                        limits,
                    });
                }
            }
        }
        Ok(Carriers {
            platform,
            aggregator,
            config: cfg.clone(),
            via_aggregator: Arc::default(),
        })
    }

    /// The platform's adapter for a carrier: its own account if configured, else the
    /// aggregator's (AfterShip, for couriers detection knows) when one is configured.
    pub fn get(&self, code: &CarrierCode) -> Option<Arc<dyn Carrier>> {
        self.platform_account(code).map(|(c, ..)| c)
    }

    /// The platform's adapter, its limits and the name of the account's gate (every
    /// courier reached through the aggregator shares the aggregator's).
    pub fn platform_account(
        &self,
        code: &CarrierCode,
    ) -> Option<(Arc<dyn Carrier>, Limits, String)> {
        if let Some((c, l)) = self.platform.get(code) {
            return Some((c.clone(), l.clone(), code.to_string()));
        }
        let agg = self.aggregator.as_ref()?;
        if !detect::is_known_carrier(code.as_str()) {
            return None;
        }
        let mut cache = self.via_aggregator.lock().ok()?;
        if !cache.contains_key(code) {
            let adapter = (agg.build)(&agg.endpoint, code.clone()).ok()?;
            cache.insert(code.clone(), (adapter, agg.limits.clone()));
        }
        cache
            .get(code)
            .map(|(c, l)| (c.clone(), l.clone(), agg.info.code.to_owned()))
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
        let info = info(code.as_str())?;
        info.merchant_credentials()
            .map(|_| info.check_length(number))
    }

    /// What credentials a merchant's own account for this carrier needs (None: the carrier
    /// takes no merchant accounts).
    pub fn credential_kind(code: &CarrierCode) -> Option<CredentialKind> {
        info(code.as_str())?.merchant_credentials()
    }

    /// An adapter on a merchant's own credentials (the platform's endpoint and limits, with
    /// the merchant's rate if it set one).
    pub fn build_for(
        &self,
        code: &CarrierCode,
        credentials: &Credentials,
        requests_per_second: Option<RequestRate>,
    ) -> Result<(Arc<dyn Carrier>, Limits), String> {
        let account = info(code.as_str())
            .and_then(|i| Some((i, i.merchant_account()?, self.config.get(i.code)?)));
        let Some((info, (kind, build), settings)) = account else {
            return Err(format!("{code} takes no merchant accounts"));
        };
        if !credentials.is(kind) {
            return Err(format!("{code} {}", kind.takes()));
        }
        let endpoint = Endpoint::new(info, settings, Some(credentials.clone()))?;
        let mut limits = settings.limits.clone();
        if let Some(rps) = requests_per_second {
            limits.requests_per_second = rps.get();
        }
        Ok((build(&endpoint)?, limits))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn carriers(env: &[(&str, &str)]) -> Carriers {
        let env = env.iter().map(|(k, v)| (k.to_string(), v.to_string()));
        let config = crate::config::Config::from_layers(&[], env).unwrap();
        Carriers::from_config(&config.carriers).unwrap()
    }

    fn code(c: &str) -> CarrierCode {
        CarrierCode::parse(c).unwrap()
    }

    #[test]
    fn platform_accounts_are_the_rows_the_config_turns_on() {
        let none = carriers(&[]);
        assert_eq!(
            none.codes().map(|c| c.as_str()).collect::<Vec<_>>(),
            ["sandbox"]
        );
        assert!(none.get(&code("dpd")).is_none());
        let some = carriers(&[
            ("SHIPMATE__CARRIERS__UPS__CLIENT_ID", "id"),
            ("SHIPMATE__CARRIERS__INPOST__ENABLED", "true"),
            ("SHIPMATE__CARRIERS__AFTERSHIP__API_KEY", "key"),
        ]);
        let codes: Vec<_> = some.codes().map(|c| c.as_str()).collect();
        assert_eq!(codes, ["inpost", "sandbox", "ups"]);
        let ups = some.get(&code("ups")).unwrap();
        assert_eq!((ups.display_name(), ups.max_batch()), ("UPS", 1));
        let (dpd, limits, gate) = some.platform_account(&code("dpd")).unwrap();
        assert_eq!((dpd.code().as_str(), gate.as_str()), ("dpd", "aftership"));
        assert_eq!(limits.requests_per_second, 10.0);
        assert!(
            some.get(&code("nobody")).is_none(),
            "detection does not know it"
        );
    }

    #[test]
    fn merchant_accounts_take_the_credentials_their_row_names() {
        let all = carriers(&[]);
        let key = Credentials::ApiKey {
            api_key: "k".into(),
        };
        let oauth = Credentials::OAuth {
            client_id: "i".into(),
            client_secret: "s".into(),
        };
        let err = |c: &str, creds: &Credentials| all.build_for(&code(c), creds, None).err();
        let takes = |s: &str| Some(s.to_owned());
        assert_eq!(
            err("ups", &key),
            takes("ups takes client_id and client_secret")
        );
        assert_eq!(err("dhl", &oauth), takes("dhl takes an api_key"));
        let basic = takes("correios takes a username and password");
        assert_eq!(err("correios", &key), basic);
        for none in ["sandbox", "aftership", "inpost", "nobody"] {
            assert_eq!(
                err(none, &key),
                Some(format!("{none} takes no merchant accounts"))
            );
        }
        let rate = RequestRate::parse(2.5).ok();
        let (ups, limits) = all.build_for(&code("ups"), &oauth, rate).unwrap();
        assert_eq!(
            (ups.code().as_str(), limits.requests_per_second),
            ("ups", 2.5)
        );
        assert_eq!(
            Carriers::credential_kind(&code("dhl")),
            Some(CredentialKind::ApiKey)
        );
        assert_eq!(Carriers::credential_kind(&code("sandbox")), None);
        let short = TrackingNumber::parse("123456").unwrap();
        assert!(all.check_number(&code("fedex"), &short).unwrap().is_err());
        assert!(all.check_number(&code("inpost"), &short).is_none());
    }
}
