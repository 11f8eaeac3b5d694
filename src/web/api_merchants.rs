//! `POST /api/v1/merchants` (admin): create a merchant and its first API key.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use schemars::JsonSchema;
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, object};
use crate::domain::{Brand, EmailAddress};
use crate::services::{FieldError, LogoSource, MerchantInput};

/// Routes under `/api/v1`.
pub fn routes(api: &mut Api) {
    api.post(
        "/merchants",
        create,
        Doc::new("Create a merchant and its first API key (admin token)")
            .body::<MerchantRequest>()
            .ok(201, object())
            .admin(),
    );
}

#[derive(Deserialize, Default, JsonSchema)]
#[serde(default)]
pub struct MerchantRequest {
    pub name: Option<String>,
    pub brand: Option<BrandRequest>,
    pub locale: Option<String>,
    pub timezone: Option<String>,
}

#[derive(Deserialize, Default, JsonSchema)]
#[serde(default)]
pub struct BrandRequest {
    pub color: Option<String>,
    pub logo_url: Option<String>,
    pub support_email: Option<String>,
    pub support_url: Option<String>,
}

impl TryFrom<MerchantRequest> for MerchantInput {
    type Error = Vec<FieldError>;

    fn try_from(r: MerchantRequest) -> Result<Self, Self::Error> {
        let mut errors = vec![];
        let mut err = |f: &str, m: String| errors.push(FieldError::new(f, m));
        let name = r.name.map(|n| n.trim().to_owned()).unwrap_or_default();
        if name.is_empty() || name.chars().count() > 100 {
            err("name", "a name of 1 to 100 characters is required".into());
        }
        let b = r.brand.unwrap_or_default();
        let color = b.color.filter(|c| !c.is_empty());
        if let Some(c) = &color {
            let hex = c.strip_prefix('#').unwrap_or("");
            if !matches!(hex.len(), 3 | 6) || !hex.bytes().all(|x| x.is_ascii_hexdigit()) {
                err("brand.color", "use #rgb or #rrggbb".into());
            }
        }
        let logo = match b
            .logo_url
            .filter(|u| !u.is_empty())
            .map(|u| LogoSource::parse(&u))
        {
            Some(Ok(l)) => Some(l),
            Some(Err(e)) => {
                err("brand.logo_url", e);
                None
            }
            None => None,
        };
        let support_email = match b
            .support_email
            .filter(|e| !e.is_empty())
            .map(|e| EmailAddress::parse(&e))
        {
            Some(Ok(e)) => Some(e.as_str().to_owned()),
            Some(Err(e)) => {
                err("brand.support_email", e.0);
                None
            }
            None => None,
        };
        let support_url = b.support_url.filter(|u| !u.is_empty());
        if support_url
            .as_ref()
            .is_some_and(|u| !u.starts_with("https://") && !u.starts_with("http://"))
        {
            err("brand.support_url", "must be an http(s) URL".into());
        }
        let locale = r.locale.unwrap_or_else(|| "en".into());
        if locale
            .parse::<fluent_templates::LanguageIdentifier>()
            .is_err()
        {
            err("locale", "not a language tag such as en or pt-BR".into());
        }
        let timezone = r.timezone.unwrap_or_else(|| "UTC".into());
        if timezone.parse::<chrono_tz::Tz>().is_err() {
            err(
                "timezone",
                "not an IANA time zone such as Europe/Lisbon".into(),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let brand = Brand {
            color,
            has_logo: false,
            support_email,
            support_url,
        };
        Ok(MerchantInput {
            name,
            brand,
            logo,
            locale,
            timezone,
        })
    }
}

async fn create(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    app.admin(&req)?;
    let request: MerchantRequest = super::json::read(body, app.config.http.body_limit).await?;
    let input = MerchantInput::try_from(request).map_err(ApiError::Invalid)?;
    let created = app.merchants.create(input, Utc::now()).await?;
    tracing::info!(merchant_id = %created.merchant.id, "merchant created");
    Ok(HttpResponse::Created().json(serde_json::json!({
        "id": created.merchant.id,
        "name": created.merchant.name,
        "api_key": created.api_key.expose(),
    })))
}
