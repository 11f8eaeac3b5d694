//! Branding (owners and admins): the shop's name, colour, support contacts and order-lookup
//! slug, with the tracking page and an e-mail drawn as customers will see them — from the
//! form's values, before they are saved (a colour too light for white text is refused on
//! saving, with its contrast ratio).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::{Deserialize, Serialize};

use super::{Chrome, Member, acting, redirect, unavailable};
use crate::domain::{Action, Brand, BrandColor, EmailAddress, HttpUrl, LookupSlug, Merchant};
use crate::services::{FieldError, ProfileChanges, ServiceError};
use crate::web::AppState;
use crate::web::pages;

/// The form, named as the API's fields; also the previews' query.
#[derive(Deserialize, Serialize, Default)]
pub struct BrandingForm {
    #[serde(default, skip_serializing)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    brand_color: String,
    #[serde(default)]
    support_email: String,
    #[serde(default)]
    support_url: String,
    #[serde(default)]
    lookup_slug: String,
}

impl BrandingForm {
    pub(super) fn of(m: &Merchant) -> Self {
        let text = |v: Option<&dyn ToString>| v.map(ToString::to_string).unwrap_or_default();
        BrandingForm {
            csrf: String::new(),
            name: m.name.clone(),
            brand_color: m.brand.color.clone().unwrap_or_default().hex(),
            support_email: text(m.brand.support_email.as_ref().map(|v| v as _)),
            support_url: text(m.brand.support_url.as_ref().map(|v| v as _)),
            lookup_slug: text(m.lookup_slug.as_ref().map(|v| v as _)),
        }
    }

    /// `m` as it would look with what parses of the form (for previews: what does not
    /// parse keeps the saved value).
    pub(super) fn drawn_on(&self, m: &Merchant) -> Merchant {
        let mut m = m.clone();
        if let Ok(name) = Merchant::parse_name(&self.name) {
            m.name = name;
        }
        if let Ok(c) = BrandColor::parse(self.brand_color.trim()) {
            m.brand.color = Some(c);
        }
        let (email, url) = (self.support_email.trim(), self.support_url.trim());
        if email.is_empty() || EmailAddress::parse(email).is_ok() {
            m.brand.support_email = EmailAddress::parse(email).ok();
        }
        if url.is_empty() || HttpUrl::parse(url).is_ok() {
            m.brand.support_url = HttpUrl::parse(url).ok();
        }
        m
    }
}

struct Field {
    id: &'static str,
    label: String,
    kind: &'static str,
    value: String,
    hint: Option<String>,
    error: Option<String>,
    max: usize,
}

#[derive(Template)]
#[template(path = "console/branding.html")]
struct BrandingPage {
    chrome: Chrome,
    notice: Option<String>,
    heading: String,
    fields: Vec<Field>,
    save: String,
    preview: String,
    page_title: String,
    email_title: String,
    /// The previews' query: the form's values.
    query: String,
    logo: LogoForm,
}

/// The logo's own form (a file upload, so `multipart/form-data`).
struct LogoForm {
    heading: String,
    /// Where the current logo is served; `None` without one.
    current: Option<String>,
    current_label: String,
    none: String,
    label: String,
    hint: String,
    error: Option<String>,
    upload: String,
    remove: String,
}

pub(super) fn page(
    m: &Member,
    form: &BrandingForm,
    errors: &[FieldError],
    notice: Option<String>,
) -> HttpResponse {
    let l = &m.lang;
    let error = |id: &str| {
        errors
            .iter()
            .find(|e| e.field == id)
            .map(|e| e.message.clone())
    };
    let field =
        |id: &'static str, kind: &'static str, value: &str, hint: Option<String>, max| Field {
            id,
            label: l.t(&format!("console-field-{}", id.replace('_', "-"))),
            kind,
            value: value.to_owned(),
            hint,
            error: error(id),
            max,
        };
    let view = BrandingPage {
        chrome: m.chrome(l.t("console-branding")),
        notice,
        heading: l.t("console-branding"),
        fields: vec![
            field("name", "text", &form.name, None, 100),
            field(
                "brand_color",
                "color",
                &form.brand_color,
                Some(l.t("console-hint-brand-color")),
                7,
            ),
            field("support_email", "email", &form.support_email, None, 254),
            field("support_url", "url", &form.support_url, None, 2048),
            field(
                "lookup_slug",
                "text",
                &form.lookup_slug,
                Some(l.t("console-hint-lookup-slug")),
                40,
            ),
        ],
        save: l.t("console-save"),
        preview: l.t("console-preview"),
        page_title: l.t("console-preview-page"),
        email_title: l.t("console-preview-email"),
        query: serde_urlencoded::to_string(form).unwrap_or_default(),
        logo: LogoForm {
            heading: l.t("console-logo"),
            current: m.merchant.logo_path(),
            current_label: l.t("console-logo-current"),
            none: l.t("console-logo-none"),
            label: l.t("console-field-logo"),
            hint: l.t("console-hint-logo"),
            error: error("logo"),
            upload: l.t("console-logo-upload"),
            remove: l.t("console-logo-remove"),
        },
    };
    let status = match errors.is_empty() {
        true => StatusCode::OK,
        false => StatusCode::UNPROCESSABLE_ENTITY,
    };
    pages::render(status, &view)
}

/// The page, with the saved values.
pub async fn show(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::Configure).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let form = BrandingForm::of(&m.merchant);
    page(&m, &form, &[], super::notice(&req, &m.lang))
}

/// The page again with the form's values, saved nowhere (the Preview button, for browsers
/// without script): a form post with the session's secret, so no link can fill the form.
pub async fn preview(
    req: HttpRequest,
    form: web::Form<BrandingForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let back = "/console/branding";
    let m = match acting(&req, &app, Action::Configure, &form.csrf, back).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    page(&m, &form, &[], Some(m.lang.t("console-preview-unsaved")))
}

pub async fn save(
    req: HttpRequest,
    form: web::Form<BrandingForm>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let back = "/console/branding";
    let m = match acting(&req, &app, Action::Configure, &form.csrf, back).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    // shipmate's own colour is no colour of the shop's own (so it can be chosen again).
    let color = form.brand_color.trim();
    let color = match color.eq_ignore_ascii_case(Brand::DEFAULT_COLOR) {
        true => "",
        false => color,
    };
    let changes = ProfileChanges::parse(
        Some(&form.name),
        Some(Some(color)),
        Some(Some(&form.support_email)),
        Some(Some(&form.support_url)),
    );
    let slug = match form.lookup_slug.trim() {
        "" => Ok(None),
        raw => LookupSlug::parse(raw).map(Some),
    };
    let changes = match (changes, slug) {
        (Ok(c), Ok(s)) => ProfileChanges {
            lookup_slug: Some(s),
            ..c
        },
        (c, s) => {
            let mut errors = c.err().unwrap_or_default();
            if let Err(e) = s {
                errors.push(FieldError::new("lookup_slug", e.0));
            }
            return page(&m, &form, &errors, None);
        }
    };
    let now = chrono::Utc::now();
    let by = m.caller();
    match app.merchants.update_profile(&by, changes, now).await {
        Ok(_) => {
            tracing::info!(merchant_id = %m.merchant.id, by = %m.user.id, "branding saved in the console");
            redirect("/console/branding?notice=saved")
        }
        Err(ServiceError::Invalid(errors)) => page(&m, &form, &errors, None),
        Err(ServiceError::Conflict(msg)) => {
            page(&m, &form, &[FieldError::new("lookup_slug", msg)], None)
        }
        Err(e) => unavailable(&req, e),
    }
}
