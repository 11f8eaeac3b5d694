//! Double-submit CSRF cookies for the customer forms (order lookup, feedback): a random
//! value in an HttpOnly, SameSite=Strict cookie and in the form; both must match. When the
//! public URL is https the cookie is `__Host-`-prefixed and `Secure` (path `/`, no domain),
//! so neither plain http nor a sibling subdomain can plant one.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponse};
use base64::Engine;

use crate::config::Config;

/// One form's cookie: its base name and the path it is sent to over plain http.
pub struct Csrf {
    pub name: &'static str,
    pub path: &'static str,
}

impl Csrf {
    fn secure(config: &Config) -> bool {
        config.http.public_url.starts_with("https://")
    }

    fn cookie_name(&self, config: &Config) -> String {
        if Self::secure(config) {
            format!("__Host-{}", self.name)
        } else {
            self.name.to_owned()
        }
    }

    /// A fresh value for a form.
    pub fn fresh() -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(crate::entropy::bytes::<16>())
    }

    /// Sets the cookie carrying `value` on a response.
    pub fn set(&self, resp: &mut HttpResponse, config: &Config, value: String) {
        let secure = Self::secure(config);
        let cookie = Cookie::build(self.cookie_name(config), value)
            .path(if secure { "/" } else { self.path })
            .secure(secure)
            .http_only(true)
            .same_site(SameSite::Strict)
            .finish();
        let _ = resp.add_cookie(&cookie);
    }

    /// Whether the form's value matches the cookie.
    pub fn check(&self, req: &HttpRequest, config: &Config, submitted: &str) -> bool {
        req.cookie(&self.cookie_name(config))
            .is_some_and(|c| !submitted.is_empty() && c.value() == submitted)
    }
}
