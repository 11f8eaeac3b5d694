//! What a route declares about itself as it is registered: [`Doc`], its summary, request
//! and success schemas, and the schema helpers it is built with.

use schemars::{JsonSchema, SchemaGenerator, generate::SchemaSettings};
use serde_json::{Value, json};

/// What the contract says about one operation.
pub struct Doc {
    pub(super) summary: &'static str,
    pub(super) query: Option<Value>,
    pub(super) body: Option<Value>,
    /// The request body's media types.
    pub(super) body_types: &'static [&'static str],
    pub(super) ok: Vec<(u16, &'static str, Value)>,
    pub(super) public: bool,
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
            body_types: &["application/json"],
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

    /// A request body of raw bytes (a file).
    pub fn binary_body(mut self) -> Doc {
        self.body = Some(json!({ "type": "string", "format": "binary" }));
        self.body_types = &["application/octet-stream"];
        self
    }

    /// A file as the body, of one of these media types.
    pub fn file_body(mut self, types: &'static [&'static str]) -> Doc {
        self.body = Some(json!({ "type": "string" }));
        self.body_types = types;
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
