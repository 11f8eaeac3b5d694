//! The OpenAPI 3.1 document built from the recorded operations: paths, parameters, the
//! success and error answers, the security schemes and the problem schema.

use serde_json::{Map, Value, json};

use super::{Api, Op};

impl Api<'_> {
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
            "content": op.doc.body_types.iter()
                .map(|t| (t.to_string(), json!({ "schema": body })))
                .collect::<serde_json::Map<_, _>>()
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
    (415, "The body is not of a type the operation takes."),
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
