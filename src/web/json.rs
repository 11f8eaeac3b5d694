//! Reading JSON request bodies: a size limit, then a parse that names the failing field.

use actix_web::web;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use crate::services::FieldError;

/// Reads at most `limit` bytes and parses them. Syntax errors are 400; a value of the wrong
/// type is 422 naming the field (e.g. `order.items[0].quantity`).
pub async fn read<T: DeserializeOwned>(payload: web::Payload, limit: usize) -> Result<T, ApiError> {
    let bytes = match payload.to_bytes_limited(limit).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => return Err(ApiError::Malformed(e.to_string())),
        Err(_) => return Err(ApiError::TooLarge(limit)),
    };
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None => return Err(ApiError::Malformed("the body is empty".into())),
        Some(b'{') => {}
        Some(_) => return Err(ApiError::Malformed("expected a JSON object".into())),
    }
    let de = &mut serde_json::Deserializer::from_slice(&bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_data() && path != "." {
            let msg = inner.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
            ApiError::Invalid(vec![FieldError::new(path, msg)])
        } else {
            ApiError::Malformed(inner.to_string())
        }
    })
}
