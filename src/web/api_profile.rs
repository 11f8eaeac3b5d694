//! `GET, PATCH /api/v1/merchant`: the caller's own shop (name, brand, order-lookup slug);
//! `PUT, DELETE /api/v1/merchant/logo`: its logo.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use schemars::JsonSchema;
use serde::Deserialize;

use super::AppState;
use super::api_merchants::Profile;
use super::error::ApiError;
use super::openapi::{Api, Doc, output};
use crate::domain::LookupSlug;
use crate::services::{FieldError, ProfileChanges};

/// Routes under `/api/v1`.
pub fn routes(api: &mut Api) {
    api
        .get(
        "/merchant",
        show,
        Doc::new("The caller's shop: name, brand, language, zone and order lookup")
            .ok(200, output::<Profile>()),
    )
    .patch(
        "/merchant",
        update,
        Doc::new("Change the shop's name, brand colour, support contacts or order-lookup slug (`null` removes one); 409 when the slug is taken")
            .body::<ProfilePatch>()
            .ok(200, output::<Profile>()),
    )
    .put(
        "/merchant/logo",
        put_logo,
        Doc::new("Upload the shop's logo: the file's bytes as the body (PNG, JPEG, WebP or SVG, at most 1 MiB; the type is read from the bytes). It is checked and written again — raster images scaled into 600×200 and stored as PNG, SVG without scripts or external references — and shown at once; 422 says why a file was refused")
            .binary_body()
            .ok(200, output::<Profile>()),
    )
    .delete(
        "/merchant/logo",
        delete_logo,
        Doc::new("Remove the shop's logo: its pages show its name alone")
            .ok(200, output::<Profile>()),
    );
}

async fn put_logo(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    let limit = crate::services::LOGO_MAX_BYTES;
    let bytes = match body.to_bytes_limited(limit).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => return Err(ApiError::Malformed(e.to_string())),
        Err(_) => return Err(ApiError::TooLarge(limit)),
    };
    let m = app
        .merchants
        .set_logo(&caller, Some(bytes.to_vec()), Utc::now())
        .await?;
    tracing::info!(merchant_id = %caller.merchant, by = %caller.by, "logo uploaded");
    Ok(HttpResponse::Ok().json(Profile::of(&m, app.config.public_url())))
}

async fn delete_logo(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    let m = app.merchants.set_logo(&caller, None, Utc::now()).await?;
    tracing::info!(merchant_id = %caller.merchant, by = %caller.by, "logo removed");
    Ok(HttpResponse::Ok().json(Profile::of(&m, app.config.public_url())))
}

/// Fields left out stay as they are.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ProfilePatch {
    /// 1 to 100 characters.
    #[serde(default)]
    name: Option<String>,
    /// `#rgb` or `#rrggbb`, dark enough for white text on it (WCAG AA, 4.5:1): a lighter
    /// colour is refused with its contrast ratio. `null` returns to shipmate's colour.
    #[serde(default, deserialize_with = "present")]
    #[schemars(with = "Option<String>")]
    brand_color: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schemars(with = "Option<String>")]
    support_email: Option<Option<String>>,
    /// An http(s) URL.
    #[serde(default, deserialize_with = "present")]
    #[schemars(with = "Option<String>")]
    support_url: Option<Option<String>>,
    /// 3–40 of a-z, 0-9 and inner hyphens, unique across shops; `null` removes it.
    #[serde(default, deserialize_with = "present")]
    #[schemars(with = "Option<String>")]
    lookup_slug: Option<Option<String>>,
}

/// A patch's field as given: left out, `null`, or a value.
fn given(v: &Option<Option<String>>) -> Option<Option<&str>> {
    v.as_ref().map(Option::as_deref)
}

/// A field that is present, even as `null`, is `Some`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

async fn show(req: HttpRequest, app: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let merchant = app.merchant(&req).await?;
    let m = app.merchants.profile(&merchant).await?;
    Ok(HttpResponse::Ok().json(Profile::of(&m, app.config.public_url())))
}

async fn update(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = app.caller(&req).await?;
    let patch: ProfilePatch = super::json::read(body, app.config.http.body_limit).await?;
    let mut changes = ProfileChanges::parse(
        patch.name.as_deref(),
        given(&patch.brand_color),
        given(&patch.support_email),
        given(&patch.support_url),
    )
    .map_err(ApiError::Invalid)?;
    let slug = patch
        .lookup_slug
        .map(|raw| raw.map(|s| LookupSlug::parse(&s)).transpose())
        .transpose()
        .map_err(|e| ApiError::Invalid(vec![FieldError::new("lookup_slug", e.0)]))?;
    changes.lookup_slug = slug;
    let m = app
        .merchants
        .update_profile(&caller, changes, Utc::now())
        .await?;
    tracing::info!(merchant_id = %caller.merchant, by = %caller.by, "shop profile changed");
    Ok(HttpResponse::Ok().json(Profile::of(&m, app.config.public_url())))
}
