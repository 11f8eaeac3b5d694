//! What shipmate knows about a carrier, as data ([`CarrierInfo`], one row of
//! [`super::table::CARRIERS`]), and what each fact means.

use std::sync::Arc;

use super::{Carrier, Endpoint};
use crate::domain::{CarrierCode, Invalid, TrackingNumber};

/// One carrier: who it is to customers, how to reach its API, what its numbers look like.
pub struct CarrierInfo {
    /// shipmate's code: the `[carriers.<code>]` section, the API's `/carriers/{code}`, the
    /// carrier of stored shipments.
    pub code: &'static str,
    /// The name customers see.
    pub name: &'static str,
    /// Other names shops and tools give it (an AfterShip slug, a Shopify `tracking_company`)
    /// beyond its code and name.
    pub aliases: &'static [&'static str],
    /// The carrier's own tracking page, `{number}` standing for the number.
    pub tracking_url: Option<&'static str>,
    pub access: Access,
    /// Lengths of (normalised) numbers the API accepts, when it says.
    pub lengths: Option<(usize, usize)>,
    /// Its number formats in the vendored `data/tracking_number_data` (for detection).
    pub formats: &'static [&'static str],
    /// The country whose UPU S10 numbers (`RB123456785GB`) it delivers, if a postal operator.
    pub upu_country: Option<&'static str>,
    /// The production API: the default of `carriers.<code>.base_url`.
    pub base_url: &'static str,
    /// The default of `carriers.<code>.requests_per_second` (0 = no limit).
    pub requests_per_second: f64,
    pub adapter: Adapter,
}

/// How the platform reaches a carrier's API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No credentials: `carriers.<code>.enabled` switches it (default given here).
    Open { enabled: bool },
    /// An account with credentials of this kind; empty ones leave the carrier off.
    Account(CredentialKind),
}

/// Which credentials a carrier account takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialKind {
    OAuth,
    ApiKey,
    Basic,
}

impl CredentialKind {
    /// Their names (configuration keys and merchant API fields); the first one set turns the
    /// platform's account on.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            CredentialKind::OAuth => &["client_id", "client_secret"],
            CredentialKind::ApiKey => &["api_key"],
            CredentialKind::Basic => &["username", "password"],
        }
    }

    /// What a carrier taking them says to credentials of another kind.
    pub fn takes(self) -> &'static str {
        match self {
            CredentialKind::OAuth => "takes client_id and client_secret",
            CredentialKind::ApiKey => "takes an api_key",
            CredentialKind::Basic => "takes a username and password",
        }
    }
}

/// Builds an adapter for an endpoint.
pub type Build = fn(&Endpoint) -> Result<Arc<dyn Carrier>, String>;

/// Builds an aggregator's adapter for one courier.
pub type BuildPerCourier = fn(&Endpoint, CarrierCode) -> Result<Arc<dyn Carrier>, String>;

/// How a carrier's adapters are made.
#[derive(Clone, Copy)]
pub enum Adapter {
    /// One adapter, for the platform's account or a merchant's.
    Own(Build),
    /// An aggregator: one adapter per courier detection knows, all on the platform's account.
    Aggregator(BuildPerCourier),
}

/// An adapter behind the trait (the table's rows build with it).
pub fn boxed<C: Carrier + 'static>(made: Result<C, String>) -> Result<Arc<dyn Carrier>, String> {
    Ok(Arc::new(made?))
}

impl CarrierInfo {
    /// The code as a [`CarrierCode`].
    pub fn carrier_code(&self) -> CarrierCode {
        // The table's test parses every row's code.
        CarrierCode::parse(self.code).unwrap_or_else(|_| unreachable!("a valid literal"))
    }

    /// The carrier's tracking page for a number.
    pub fn public_url(&self, number: &TrackingNumber) -> Option<String> {
        self.tracking_url
            .map(|url| url.replace("{number}", number.as_str()))
    }

    /// Whether a number has a length the carrier's API accepts.
    pub fn check_length(&self, number: &TrackingNumber) -> Result<(), Invalid> {
        let Some((min, max)) = self.lengths else {
            return Ok(());
        };
        if (min..=max).contains(&number.as_str().len()) {
            Ok(())
        } else {
            Err(Invalid::new(format!(
                "{} tracking numbers are {min} to {max} characters long",
                self.name
            )))
        }
    }

    /// The credentials a merchant's own account takes (None: no merchant accounts).
    pub fn merchant_credentials(&self) -> Option<CredentialKind> {
        self.merchant_account().map(|(kind, _)| kind)
    }

    /// The credentials a merchant's own account takes and the adapter it is built with.
    pub fn merchant_account(&self) -> Option<(CredentialKind, Build)> {
        match (self.access, self.adapter) {
            (Access::Account(kind), Adapter::Own(build)) => Some((kind, build)),
            _ => None,
        }
    }
}
