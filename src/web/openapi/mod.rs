//! The merchant API's contract. Every `/api/v1` route is registered through [`Api`], which
//! records its method, path and schemas as it registers the handler, so the OpenAPI 3.1
//! document served at `/api/openapi.json` is built from the very calls that make the routes
//! and cannot drift from them. Schemas come from the request and response types themselves
//! (`schemars`).

mod doc;
mod document;

use actix_web::http::Method;
use actix_web::{FromRequest, Handler, HttpResponse, Responder, web};
use serde_json::Value;

pub use doc::{Doc, object, output};

/// One registered operation, as the document describes it.
struct Op {
    method: Method,
    path: String,
    doc: Doc,
}

/// `api.get(path, handler, doc)` and the like: [`Api::route`] with that method.
macro_rules! verb {
    ($name:ident, $method:ident) => {
        pub fn $name<F, Args>(&mut self, path: &str, handler: F, doc: Doc) -> &mut Self
        where
            F: Handler<Args>,
            Args: FromRequest + 'static,
            F::Output: Responder + 'static,
        {
            self.route(Method::$method, path, handler, doc)
        }
    };
}

/// Registers routes and records their contract at once.
pub struct Api<'a> {
    cfg: Option<&'a mut web::ServiceConfig>,
    ops: Vec<Op>,
}

impl<'a> Api<'a> {
    pub fn new(cfg: Option<&'a mut web::ServiceConfig>) -> Api<'a> {
        Api { cfg, ops: vec![] }
    }

    pub fn route<F, Args>(&mut self, method: Method, path: &str, handler: F, doc: Doc) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        if let Some(cfg) = self.cfg.as_deref_mut() {
            cfg.route(path, web::method(method.clone()).to(handler));
        }
        self.ops.push(Op {
            method,
            path: path.to_owned(),
            doc,
        });
        self
    }

    verb!(get, GET);
    verb!(post, POST);
    verb!(put, PUT);
    verb!(delete, DELETE);
    verb!(patch, PATCH);
}

/// `GET /api/openapi.json` (built once per process: the routes do not change).
pub async fn serve() -> HttpResponse {
    static DOC: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    HttpResponse::Ok().json(DOC.get_or_init(super::openapi_document))
}
