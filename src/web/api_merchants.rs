//! `POST /api/v1/merchants` (admin): create a merchant and its first API key.
//! (The caller's own shop, `/api/v1/merchant`, is `api_profile.rs`.)

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::error::ApiError;
use super::openapi::{Api, Doc, output};
use crate::domain::{
    Brand, BrandColor, EmailAddress, HttpUrl, Invalid, Locale, LogoState, LogoStatus, LookupSlug,
    Merchant, TimeZone,
};
use crate::services::{FieldError, FieldErrors, LogoSource, MerchantInput};

/// Routes under `/api/v1`.
pub fn routes(api: &mut Api) {
    api.post(
        "/merchants",
        create,
        Doc::new("Create a merchant and its first API key (admin token)")
            .body::<MerchantRequest>()
            .ok(201, output::<Created>())
            .admin(),
    );
}

/// The caller's shop as it is stored.
#[derive(Serialize, JsonSchema)]
pub(super) struct Profile {
    id: String,
    name: String,
    locale: String,
    timezone: String,
    brand_color: Option<String>,
    support_email: Option<String>,
    support_url: Option<String>,
    /// Served by shipmate itself; only while the logo is `ready`.
    logo_url: Option<String>,
    /// The logo's state; `null` without a logo.
    logo: Option<LogoView>,
    lookup_slug: Option<String>,
    /// Where customers find an order by number and e-mail: `/track/{slug}`, or
    /// `/track/{id}` without a slug.
    lookup_url: String,
    created_at: DateTime<Utc>,
}

/// A logo given by URL is fetched in the background: `pending` (retried on a schedule),
/// then `ready` or `failed` with the reason. A `data:` logo is `ready` at once.
#[derive(Serialize, JsonSchema)]
struct LogoView {
    state: LogoStateView,
    /// Where it is fetched from; `null` for a logo given inline.
    url: Option<String>,
    /// Why the last fetch failed.
    error: Option<String>,
    /// Fetches tried so far.
    attempts: u32,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
enum LogoStateView {
    Pending,
    Ready,
    Failed,
}

impl LogoView {
    fn of(logo: &LogoStatus) -> LogoView {
        LogoView {
            state: match logo.state {
                LogoState::Pending => LogoStateView::Pending,
                LogoState::Ready => LogoStateView::Ready,
                LogoState::Failed => LogoStateView::Failed,
            },
            url: logo.url.clone(),
            error: logo.error.clone(),
            attempts: logo.attempts,
        }
    }
}

/// A created merchant; the API key is shown this once.
#[derive(Serialize, JsonSchema)]
struct Created {
    id: String,
    name: String,
    api_key: String,
    /// The logo's state; `null` without a logo.
    logo: Option<LogoView>,
    /// The console invitation of `owner_email` (shown once); `null` without one.
    owner_invitation_url: Option<String>,
}

impl Profile {
    pub(super) fn of(m: &Merchant, public_url: &str) -> Profile {
        Profile {
            id: m.id.to_string(),
            name: m.name.clone(),
            locale: m.locale.to_string(),
            timezone: m.timezone.to_string(),
            brand_color: m.brand.color.as_ref().map(ToString::to_string),
            support_email: m.brand.support_email.as_ref().map(ToString::to_string),
            support_url: m.brand.support_url.as_ref().map(ToString::to_string),
            logo_url: m.logo_path(),
            logo: m.brand.logo.as_ref().map(LogoView::of),
            lookup_slug: m.lookup_slug.as_ref().map(|s| s.to_string()),
            lookup_url: format!("{public_url}{}", m.lookup_path()),
            created_at: m.created_at,
        }
    }
}

#[derive(Deserialize, Default, JsonSchema)]
#[serde(default)]
pub struct MerchantRequest {
    pub name: Option<String>,
    pub brand: Option<BrandRequest>,
    pub locale: Option<String>,
    pub timezone: Option<String>,
    /// The shop's order lookup at `/track/{slug}` (3–40 of a-z, 0-9, inner hyphens).
    pub lookup_slug: Option<String>,
    /// Invited to the console at `/console` as the team's owner: the answer's
    /// `owner_invitation_url`, shown once, lets them choose a password.
    pub owner_email: Option<String>,
}

#[derive(Deserialize, Default, JsonSchema)]
#[serde(default)]
pub struct BrandRequest {
    pub color: Option<String>,
    /// An http(s) URL, fetched in the background (the merchant is created at once, its
    /// logo `pending`), or a `data:image/…;base64,…` URI, stored at once.
    pub logo_url: Option<String>,
    pub support_email: Option<String>,
    pub support_url: Option<String>,
}

impl TryFrom<MerchantRequest> for MerchantInput {
    type Error = Vec<FieldError>;

    fn try_from(r: MerchantRequest) -> Result<Self, Self::Error> {
        let mut e = FieldErrors::default();
        let name = e.check(
            "name",
            Merchant::parse_name(r.name.as_deref().unwrap_or("")),
        );
        let b = r.brand.unwrap_or_default();
        let brand = Brand {
            color: e.optional("brand.color", b.color.as_deref(), BrandColor::parse),
            logo: None,
            support_email: e.optional(
                "brand.support_email",
                b.support_email.as_deref(),
                EmailAddress::parse,
            ),
            support_url: e.optional(
                "brand.support_url",
                b.support_url.as_deref(),
                HttpUrl::parse,
            ),
        };
        let logo = e.optional("brand.logo_url", b.logo_url.as_deref(), |u| {
            LogoSource::parse(u).map_err(Invalid)
        });
        let locale = r.locale.as_deref().unwrap_or("en");
        let locale = e.check("locale", Locale::parse(locale));
        let timezone = r.timezone.as_deref().unwrap_or("UTC");
        let timezone = e.check("timezone", TimeZone::parse(timezone));
        let lookup_slug = e.optional("lookup_slug", r.lookup_slug.as_deref(), LookupSlug::parse);
        let owner = e.optional("owner_email", r.owner_email.as_deref(), EmailAddress::parse);
        let parsed = name.zip(locale).zip(timezone);
        e.or_errors(parsed.map(|((name, locale), timezone)| MerchantInput {
            name,
            brand,
            logo,
            locale,
            timezone,
            lookup_slug,
            owner,
        }))
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
    let m = &created.merchant;
    Ok(HttpResponse::Created().json(Created {
        id: m.id.to_string(),
        name: m.name.clone(),
        api_key: created.api_key.expose().to_owned(),
        logo: m.brand.logo.as_ref().map(LogoView::of),
        owner_invitation_url: created.owner_invitation.clone(),
    }))
}
