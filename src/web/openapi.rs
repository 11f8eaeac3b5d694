//! The merchant API's contract. Every `/api/v1` route is registered through [`Api`], which
//! records its method, path and schemas as it registers the handler, so the OpenAPI 3.1
//! document served at `/api/openapi.json` is built from the very calls that make the routes
//! and cannot drift from them. Schemas come from the request and response types themselves
//! (`schemars`).

use actix_web::http::Method;
use actix_web::{FromRequest, Handler, HttpResponse, Responder, web};
use schemars::{JsonSchema, SchemaGenerator, generate::SchemaSettings};
use serde_json::{Map, Value, json};

/// What the contract says about one operation.
pub struct Doc {
    summary: &'static str,
    query: Option<Value>,
    body: Option<Value>,
    ok: Vec<(u16, &'static str, Value)>,
    public: bool,
}

/// A schema for what a handler reads (`Deserialize` view) or writes (`Serialize` view).
pub fn input<T: JsonSchema>() -> Value {
    generator(SchemaSettings::draft2020_12().for_deserialize())
        .subschema_for::<T>()
        .to_value()
}

pub fn output<T: JsonSchema>() -> Value {
    generator(SchemaSettings::draft2020_12().for_serialize())
        .subschema_for::<T>()
        .to_value()
}

fn generator(settings: SchemaSettings) -> SchemaGenerator {
    settings
        .with(|s| {
            s.inline_subschemas = true;
            s.meta_schema = None;
        })
        .into_generator()
}

/// Any JSON object (a response assembled field by field).
pub fn object() -> Value {
    json!({ "type": "object" })
}

impl Doc {
    pub fn new(summary: &'static str) -> Doc {
        Doc {
            summary,
            query: None,
            body: None,
            ok: vec![(200, "application/json", object())],
            public: false,
        }
    }

    /// Query parameters: the properties of `T`'s schema.
    pub fn query<T: JsonSchema>(mut self) -> Doc {
        self.query = Some(input::<T>());
        self
    }

    /// A JSON request body of type `T`.
    pub fn body<T: JsonSchema>(mut self) -> Doc {
        self.body = Some(input::<T>());
        self
    }

    /// A JSON request body described by `schema`.
    pub fn raw_body(mut self, schema: Value) -> Doc {
        self.body = Some(schema);
        self
    }

    /// The success answer: status and JSON schema.
    pub fn ok(mut self, status: u16, schema: Value) -> Doc {
        self.ok = vec![(status, "application/json", schema)];
        self
    }

    /// Another success answer (e.g. 200 for "already registered" beside 201).
    pub fn also(mut self, status: u16, schema: Value) -> Doc {
        self.ok.push((status, "application/json", schema));
        self
    }

    /// A success answer that is not JSON (CSV, SVG, PNG, HTML).
    pub fn ok_as(mut self, content_type: &'static str) -> Doc {
        let schema = if content_type.starts_with("image/png") {
            json!({ "type": "string", "contentMediaType": "image/png" })
        } else {
            json!({ "type": "string" })
        };
        self.ok = vec![(200, content_type, schema)];
        self
    }

    /// No success body (204).
    pub fn no_content(mut self) -> Doc {
        self.ok = vec![(204, "", Value::Null)];
        self
    }

    /// Authenticated with the admin token rather than a merchant key.
    pub fn admin(mut self) -> Doc {
        self.public = true;
        self
    }
}

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

    /// The OpenAPI 3.1 document of what was registered, under `prefix`.
    pub fn document(&self, prefix: &str) -> Value {
        let mut paths = Map::new();
        for op in &self.ops {
            let path = paths
                .entry(format!("{prefix}{}", op.path))
                .or_insert_with(|| json!({}));
            path[op.method.as_str().to_ascii_lowercase()] = operation(op);
        }
        json!({
            "openapi": "3.1.0",
            "info": {
                "title": "shipmate merchant API",
                "version": env!("CARGO_PKG_VERSION"),
                "description": "Register shipments, read their tracking, configure notifications and webhooks, read customer feedback. Errors are RFC 9457 problem documents."
            },
            "paths": paths,
            "components": {
                "securitySchemes": {
                    "merchantKey": { "type": "http", "scheme": "bearer", "description": "A merchant API key." },
                    "adminToken": { "type": "http", "scheme": "bearer", "description": "The operator's admin token (admin.token)." }
                },
                "schemas": { "Problem": problem() }
            },
            "security": [{ "merchantKey": [] }]
        })
    }
}

fn operation(op: &Op) -> Value {
    let mut params: Vec<Value> = path_params(&op.path)
        .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }))
        .collect();
    if let Some(q) = &op.doc.query {
        let required: Vec<&str> = q["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (name, schema) in q["properties"].as_object().into_iter().flatten() {
            params.push(json!({
                "name": name,
                "in": "query",
                "required": required.contains(&name.as_str()),
                "schema": schema,
            }));
        }
    }
    let mut responses = Map::new();
    for (status, content_type, schema) in &op.doc.ok {
        let ok = if *status == 204 {
            json!({ "description": "Done." })
        } else {
            json!({ "description": "Success.", "content": { *content_type: { "schema": schema } } })
        };
        responses.insert(status.to_string(), ok);
    }
    for (code, why) in ERRORS {
        responses.insert(
            code.to_string(),
            json!({
                "description": why,
                "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
            }),
        );
    }
    let mut out = json!({
        "summary": op.doc.summary,
        "operationId": operation_id(op),
        "parameters": params,
        "responses": responses,
    });
    if let Some(body) = &op.doc.body {
        out["requestBody"] = json!({
            "required": true,
            "content": { "application/json": { "schema": body } }
        });
    }
    if op.doc.public {
        out["security"] = json!([{ "adminToken": [] }]);
    }
    out
}

/// The error answers any operation may give.
const ERRORS: [(u16, &str); 11] = [
    (400, "The request is malformed (bad JSON, bad query)."),
    (401, "Missing or unknown credentials."),
    (403, "Not allowed."),
    (404, "No such resource for this merchant."),
    (409, "Conflicts with the resource's state."),
    (413, "The body is too large."),
    (415, "The body is not JSON."),
    (422, "Some fields are invalid; `errors` says which and why."),
    (429, "Too many requests; see Retry-After."),
    (502, "The carrier failed to answer."),
    (503, "Storage is unavailable; retry shortly."),
];

fn problem() -> Value {
    json!({
        "type": "object",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": { "type": "string" },
            "title": { "type": "string" },
            "status": { "type": "integer" },
            "detail": { "type": "string" },
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["field", "message"],
                    "properties": { "field": { "type": "string" }, "message": { "type": "string" } }
                }
            },
            "candidates": { "type": "array", "items": { "type": "object" } }
        }
    })
}

fn path_params(path: &str) -> impl Iterator<Item = &str> {
    path.split('/')
        .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
}

fn operation_id(op: &Op) -> String {
    let words: Vec<&str> = op
        .path
        .split(['/', '.', '-'])
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .collect();
    format!(
        "{}_{}",
        op.method.as_str().to_ascii_lowercase(),
        words.join("_")
    )
}

/// `GET /api/openapi.json` (built once per process: the routes do not change).
pub async fn serve() -> HttpResponse {
    static DOC: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    HttpResponse::Ok().json(DOC.get_or_init(super::openapi_document))
}
