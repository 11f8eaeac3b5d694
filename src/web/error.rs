//! The one place errors become HTTP: `application/problem+json` (RFC 9457) for the API,
//! with field errors on 422, and a rendered page for customers.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use super::pages;
use crate::i18n::Lang;
use crate::services::{FieldError, ServiceError};
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("missing or unknown credentials")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("not found")]
    NotFound,
    #[error("the request body is not valid JSON: {0}")]
    Malformed(String),
    #[error("the request body is larger than {0} bytes")]
    TooLarge(usize),
    #[error("{0}")]
    UnsupportedType(String),
    #[error("some fields are invalid")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    Undetected(String, Vec<crate::carriers::detect::Candidate>),
    #[error("{0}")]
    Conflict(String),
    #[error("too many requests; retry in {0} s")]
    TooManyRequests(u64),
    #[error("{0}")]
    BadGateway(String),
    #[error("storage is unavailable; retry shortly")]
    Unavailable,
    #[error("internal error")]
    Internal,
}

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    title: &'a str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "<[FieldError]>::is_empty")]
    errors: &'a [FieldError],
    /// Who could have issued a tracking number, when the carrier could not be told.
    #[serde(skip_serializing_if = "Option::is_none")]
    candidates: Option<&'a [crate::carriers::detect::Candidate]>,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Malformed(_) => StatusCode::BAD_REQUEST,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Invalid(_) | ApiError::Undetected(..) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::BadGateway(_) => StatusCode::BAD_GATEWAY,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let (kind, title) = match self {
            ApiError::Invalid(_) | ApiError::Undetected(..) => {
                ("https://shipmate.dev/problems/validation", "Invalid fields")
            }
            ApiError::Malformed(_) => (
                "https://shipmate.dev/problems/malformed-json",
                "Malformed JSON",
            ),
            _ => ("about:blank", status.canonical_reason().unwrap_or("Error")),
        };
        let undetected;
        let (errors, candidates) = match self {
            ApiError::Invalid(e) => (e.as_slice(), None),
            ApiError::Undetected(msg, c) => {
                undetected = [FieldError::new("carrier", msg.clone())];
                (&undetected[..], Some(c.as_slice()))
            }
            _ => (&[][..], None),
        };
        let body = Problem {
            kind,
            title,
            status: status.as_u16(),
            detail: self.to_string(),
            errors,
            candidates,
        };
        let mut resp = HttpResponse::build(status);
        resp.content_type("application/problem+json");
        match self {
            ApiError::Unauthorized => {
                resp.insert_header(("WWW-Authenticate", "Bearer"));
            }
            ApiError::TooManyRequests(secs) => {
                resp.insert_header(("Retry-After", secs.to_string()));
            }
            _ => {}
        }
        resp.body(serde_json::to_string(&body).unwrap_or_default())
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::NotFound => ApiError::NotFound,
            ServiceError::Invalid(fields) => ApiError::Invalid(fields),
            ServiceError::Conflict(msg) => ApiError::Conflict(msg),
            ServiceError::TooManyRequests { retry_after_secs } => {
                ApiError::TooManyRequests(retry_after_secs)
            }
            ServiceError::Undetected {
                message,
                candidates,
            } => ApiError::Undetected(message, candidates),
            ServiceError::TooLarge(n) => ApiError::TooLarge(n as usize),
            ServiceError::Store(e) => e.into(),
            ServiceError::Internal(why) => {
                tracing::error!(error = %why, "internal error");
                ApiError::Internal
            }
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "storage error");
        match e {
            StoreError::Redis(_) => ApiError::Unavailable,
            _ => ApiError::Internal,
        }
    }
}

/// An error on a customer page, rendered in the customer's language.
#[derive(Debug)]
pub struct PageError {
    pub status: StatusCode,
    pub lang: Lang,
}

impl PageError {
    pub fn not_found(lang: &Lang) -> Self {
        PageError {
            status: StatusCode::NOT_FOUND,
            lang: lang.clone(),
        }
    }

    pub fn internal(lang: &Lang, e: impl std::fmt::Display) -> Self {
        tracing::error!(error = %e, "page failed");
        PageError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            lang: lang.clone(),
        }
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "page error {}", self.status)
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let l = &self.lang;
        let (heading, body) = if self.status == StatusCode::NOT_FOUND {
            (l.t("not-found-title"), l.t("not-found-body"))
        } else {
            (l.t("error-title"), l.t("error-body"))
        };
        let link = Some(("/track".to_owned(), l.t("lookup-link")));
        pages::message(self.status, l, heading, body, link)
    }
}
