//! Importing a file of shipments (agents and up): the upload form and the recent imports,
//! the upload itself (`multipart/form-data` read as it arrives: the form's secret first,
//! then the file straight into the import), and one import's progress page, which refreshes
//! itself while the import runs, with its failed rows and their download.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;

use super::{Chrome, Member, redirect, unavailable};
use crate::domain::{Action, ImportId};
use crate::i18n::Lang;
use crate::services::{ImportKind, ImportView, RowError, ServiceError};
use crate::web::AppState;
use crate::web::{multipart, multipart_stream, pages};

struct Row {
    id: String,
    name: String,
    when: String,
    status: String,
    progress: u8,
    rows: u64,
    created: u64,
    existing: u64,
    failed: u64,
}

#[derive(Template)]
#[template(path = "console/imports.html")]
struct ImportsPage {
    chrome: Chrome,
    notice: Option<String>,
    heading: String,
    help: String,
    error: Option<String>,
    file_label: String,
    start: String,
    recent: String,
    columns: [String; 8],
    rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "console/import.html")]
struct ImportPage {
    chrome: Chrome,
    id: String,
    heading: String,
    back: String,
    running: bool,
    status: String,
    reason: Option<String>,
    progress_label: String,
    progress: u8,
    refreshing: String,
    figures: Vec<(String, &'static str, u64)>,
    ignored: Option<String>,
    failures: String,
    none_failed: String,
    download: String,
    row_label: String,
    reason_label: String,
    errors: Vec<RowError>,
}

fn status(l: &Lang, v: &ImportView) -> String {
    l.t(&format!("console-import-status-{}", v.status))
}

fn name(l: &Lang, v: &ImportView) -> String {
    v.name
        .clone()
        .unwrap_or_else(|| l.t("console-import-unnamed"))
}

fn render(t: impl Template) -> HttpResponse {
    pages::render(actix_web::http::StatusCode::OK, &t)
}

async fn list_page(
    req: &HttpRequest,
    app: &AppState,
    m: &Member,
    error: Option<String>,
) -> HttpResponse {
    let l = &m.lang;
    let imports = match app.imports.list(&m.merchant.id).await {
        Ok(list) => list,
        Err(e) => return unavailable(req, e),
    };
    let zone = m.merchant.timezone.tz();
    let page = ImportsPage {
        chrome: m.chrome(l.t("console-imports")),
        notice: super::notice(req, l),
        heading: l.t("console-import-heading"),
        help: l.t("console-import-help"),
        error,
        file_label: l.t("console-import-file"),
        start: l.t("console-import-start"),
        recent: l.t("console-import-recent"),
        columns: [
            "console-import-file-name",
            "console-created",
            "console-status",
            "console-import-progress",
            "console-import-rows",
            "console-import-created",
            "console-import-existing",
            "console-import-failed",
        ]
        .map(|id| l.t(id)),
        rows: imports
            .iter()
            .map(|v| Row {
                id: v.id.clone(),
                name: name(l, v),
                when: l.date_time(&v.created_at.with_timezone(&zone)),
                status: status(l, v),
                progress: v.progress,
                rows: v.rows,
                created: v.created,
                existing: v.existing,
                failed: v.failed,
            })
            .collect(),
    };
    render(page)
}

pub async fn list(req: HttpRequest, app: web::Data<AppState>) -> HttpResponse {
    match Member::allowed(&req, &app, Action::ActOnShipments).await {
        Ok(m) => list_page(&req, &app, &m, None).await,
        Err(resp) => resp,
    }
}

/// The upload: the form's secret is checked before the file is read.
pub async fn upload(
    req: HttpRequest,
    body: web::Payload,
    app: web::Data<AppState>,
) -> HttpResponse {
    let back = "/console/imports";
    let m = match Member::allowed(&req, &app, Action::ActOnShipments).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let Some(boundary) = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(multipart::boundary)
        .map(str::to_owned)
    else {
        return HttpResponse::BadRequest().body("not a form with a file");
    };
    let form = match multipart_stream::read(&boundary, body).await {
        Ok(form) => form,
        Err(e) => {
            let error = match e.0 {
                "the form has no file" => m.lang.t("console-import-choose"),
                why => why.to_owned(),
            };
            return list_page(&req, &app, &m, Some(error)).await;
        }
    };
    let csrf = form
        .fields
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let m = match m.posting(csrf, back) {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let lower = form.filename.to_lowercase();
    let kind = if lower.ends_with(".ndjson") || lower.ends_with(".jsonl") {
        ImportKind::Ndjson
    } else {
        ImportKind::Csv
    };
    let received = app
        .imports
        .receive(&m.caller(), kind, &form.filename, form.file, Utc::now())
        .await;
    match received {
        Ok(view) => redirect(&format!("/console/imports/{}", view.id)),
        Err(ServiceError::Invalid(errors)) => {
            let error = match errors.first() {
                Some(e) if e.message == "the file is empty" => m.lang.t("console-import-choose"),
                Some(e) => e.message.clone(),
                None => String::new(),
            };
            list_page(&req, &app, &m, Some(error)).await
        }
        Err(ServiceError::Conflict(_)) => {
            let error = m.lang.t("console-import-busy");
            list_page(&req, &app, &m, Some(error)).await
        }
        Err(ServiceError::TooLarge(max)) => {
            let error = format!("{} > {} MiB", form.filename, max >> 20);
            list_page(&req, &app, &m, Some(error)).await
        }
        Err(e) => unavailable(&req, e),
    }
}

pub async fn show(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::ActOnShipments).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let l = &m.lang;
    let found = match ImportId::parse(&id) {
        Ok(id) => app.imports.get(&m.merchant.id, &id).await,
        Err(_) => Err(ServiceError::NotFound),
    };
    let v = match found {
        Ok(v) => v,
        Err(ServiceError::NotFound) => return super::not_found(l),
        Err(e) => return unavailable(&req, e),
    };
    let figures = vec![
        (l.t("console-import-rows"), "rows", v.rows),
        (l.t("console-import-created"), "created", v.created),
        (l.t("console-import-existing"), "existing", v.existing),
        (l.t("console-import-failed"), "failed", v.failed),
    ];
    let ignored = (!v.ignored_columns.is_empty()).then(|| {
        l.t_args(
            "console-import-ignored",
            &[("columns", v.ignored_columns.join(", "))],
        )
    });
    let heading = l.t_args("console-import-one", &[("name", name(l, &v))]);
    let page = ImportPage {
        chrome: m.chrome(heading.clone()),
        id: v.id.clone(),
        heading,
        back: l.t("console-import-recent"),
        running: v.running(),
        status: status(l, &v),
        reason: v.reason.clone(),
        progress_label: l.t("console-import-progress"),
        progress: v.progress,
        refreshing: l.t("console-import-refreshing"),
        figures,
        ignored,
        failures: l.t("console-import-failures"),
        none_failed: l.t("console-import-none-failed"),
        download: l.t("console-import-download"),
        row_label: l.t("console-import-row"),
        reason_label: l.t("console-import-reason"),
        errors: v.errors,
    };
    render(page)
}

pub async fn failures(
    req: HttpRequest,
    id: web::Path<String>,
    app: web::Data<AppState>,
) -> HttpResponse {
    let m = match Member::allowed(&req, &app, Action::ActOnShipments).await {
        Ok(m) => m,
        Err(resp) => return resp,
    };
    let file = match ImportId::parse(&id) {
        Ok(id) => app.imports.failures(&m.merchant.id, &id).await,
        Err(_) => Err(ServiceError::NotFound),
    };
    match file {
        Ok(f) => HttpResponse::Ok()
            .content_type(f.content_type)
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", f.name),
            ))
            .body(f.body),
        Err(ServiceError::NotFound) => super::not_found(&m.lang),
        Err(e) => unavailable(&req, e),
    }
}
