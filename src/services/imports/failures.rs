//! The failed rows of an import as a file to fix and upload again: the CSV's own header and
//! rows with an `error` column added at the end (which an import ignores), or the NDJSON
//! lines with an `"error"` member.

use serde_json::{Map, Value};

use super::Imports;
use super::reader::{Format, csv_line};
use super::view::RowError;
use crate::domain::{ImportId, MerchantId};
use crate::services::ServiceError;
use crate::store::MAX_FAILED_KEPT;

/// A failures file: its name, media type and text.
pub struct FailuresFile {
    pub name: String,
    pub content_type: &'static str,
    pub body: String,
}

impl Imports {
    pub async fn failures(
        &self,
        merchant: &MerchantId,
        id: &ImportId,
    ) -> Result<FailuresFile, ServiceError> {
        let r = self.record(merchant, id).await?;
        let stored = self
            .store
            .import_failures(id, 0, MAX_FAILED_KEPT as isize - 1)
            .await?;
        let rows = stored
            .iter()
            .filter_map(|e| serde_json::from_str::<RowError>(e).ok());
        let header: Vec<String> = serde_json::from_str(&r.header).unwrap_or_default();
        Ok(match Format::parse(&r.format) {
            Some(Format::Ndjson) => FailuresFile {
                name: format!("{id}-failed.ndjson"),
                content_type: "application/x-ndjson",
                body: rows.map(|e| ndjson_line(&e)).collect(),
            },
            format => {
                let delimiter = match format {
                    Some(Format::Csv { delimiter }) => delimiter,
                    _ => b',',
                };
                let mut names: Vec<&str> = header.iter().map(String::as_str).collect();
                names.push("error");
                let mut body = csv_line(&names, delimiter);
                for e in rows {
                    let mut cells: Vec<&str> = e.fields.iter().map(String::as_str).collect();
                    cells.resize(header.len().max(cells.len()), "");
                    cells.push(&e.reason);
                    body.push_str(&csv_line(&cells, delimiter));
                }
                FailuresFile {
                    name: format!("{id}-failed.csv"),
                    content_type: "text/csv; charset=utf-8",
                    body,
                }
            }
        })
    }
}

fn ndjson_line(e: &RowError) -> String {
    let mut obj = match serde_json::from_str::<Value>(&e.line) {
        Ok(Value::Object(obj)) => obj,
        _ => Map::from_iter([("line".to_owned(), Value::String(e.line.clone()))]),
    };
    obj.insert("error".into(), Value::String(e.reason.clone()));
    let mut line = Value::Object(obj).to_string();
    line.push('\n');
    line
}
