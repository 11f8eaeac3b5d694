//! Who is calling the API: a merchant (API key) or the operator (admin token).

use actix_web::HttpRequest;
use sha2::{Digest, Sha256};

use super::AppState;
use super::error::ApiError;
use crate::domain::{ApiKey, MerchantId};
use crate::services::Caller;

fn bearer(req: &HttpRequest) -> Option<&str> {
    req.headers()
        .get(actix_web::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

impl AppState {
    /// The merchant whose API key the request carries.
    pub async fn merchant(&self, req: &HttpRequest) -> Result<MerchantId, ApiError> {
        Ok(self.caller(req).await?.merchant)
    }

    /// The merchant and the id of the API key the request carries (asked of the store on
    /// every request: a revoked key is refused at once).
    pub async fn caller(&self, req: &HttpRequest) -> Result<Caller, ApiError> {
        let key = bearer(req)
            .and_then(|k| ApiKey::parse(k).ok())
            .ok_or(ApiError::Unauthorized)?;
        self.merchants
            .authenticate(&key, chrono::Utc::now())
            .await?
            .ok_or(ApiError::Unauthorized)
    }

    /// Checks the admin token (compared as hashes, so timing reveals nothing about it).
    pub fn admin(&self, req: &HttpRequest) -> Result<(), ApiError> {
        let configured = self.config.admin.token.expose();
        if configured.is_empty() {
            return Err(ApiError::Forbidden(
                "the admin API is disabled (set admin.token)",
            ));
        }
        let given = bearer(req).ok_or(ApiError::Unauthorized)?;
        if Sha256::digest(given.as_bytes()) == Sha256::digest(configured.as_bytes()) {
            Ok(())
        } else if ApiKey::parse(given).is_ok() {
            Err(ApiError::Forbidden(
                "merchant API keys cannot manage merchants",
            ))
        } else {
            Err(ApiError::Unauthorized)
        }
    }
}
