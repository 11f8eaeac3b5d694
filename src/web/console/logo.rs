//! The branding page's logo form (owners and admins): a file upload as
//! `multipart/form-data`, checked and written again by the service, and its removal.

use actix_web::{HttpRequest, HttpResponse, web};

use super::branding::{BrandingForm, page};
use super::{CsrfForm, Member, acting, redirect, unavailable};
use crate::domain::Action;
use crate::services::{FieldError, ServiceError};
use crate::web::AppState;
use crate::web::multipart;

/// The logo's form: a file and the session's secret, as `multipart/form-data`.
pub async fn upload(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> HttpResponse {
    let back = "/console/branding";
    let malformed = || HttpResponse::BadRequest().body("not a form with a logo");
    let Some(boundary) = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(multipart::boundary)
        .map(str::to_owned)
    else {
        return malformed();
    };
    // Who may upload is known before a megabyte is read; the secret comes with the form.
    let m = match Member::allowed(&req, &app, Action::Configure).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    // The file and a few short fields.
    let limit = crate::services::LOGO_MAX_BYTES + 16 * 1024;
    let body = match body.to_bytes_limited(limit).await {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => return malformed(),
        Err(_) => return HttpResponse::PayloadTooLarge().body("logos are at most 1 MiB"),
    };
    let Ok(parts) = multipart::parts(&boundary, &body) else {
        return malformed();
    };
    let field = |name: &str| parts.iter().find(|p| p.name == name).map(|p| p.body);
    let csrf = field("csrf")
        .map(String::from_utf8_lossy)
        .unwrap_or_default();
    let m = match m.posting(&csrf, back) {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let form = BrandingForm::of(&m.merchant);
    let Some(file) = field("logo").filter(|f| !f.is_empty()) else {
        let error = FieldError::new("logo", m.lang.t("console-logo-choose"));
        return page(&m, &form, &[error], None);
    };
    match app
        .merchants
        .set_logo(&m.caller(), Some(file.to_vec()), chrono::Utc::now())
        .await
    {
        Ok(_) => {
            tracing::info!(merchant_id = %m.merchant.id, by = %m.user.id, "logo uploaded in the console");
            redirect("/console/branding?notice=logo-saved")
        }
        Err(ServiceError::Invalid(errors)) => page(&m, &form, &errors, None),
        Err(e) => unavailable(&req, e),
    }
}

pub async fn remove(
    req: HttpRequest,
    form: web::Form<CsrfForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let back = "/console/branding";
    let m = match acting(&req, &app, Action::Configure, &form.csrf, back).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    match app
        .merchants
        .set_logo(&m.caller(), None, chrono::Utc::now())
        .await
    {
        Ok(_) => redirect("/console/branding?notice=logo-removed"),
        Err(e) => unavailable(&req, e),
    }
}
