//! An import as the API and the console show it.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::columns::Header;
use crate::store::ImportRecord;

/// Failed rows an import's status lists (all are in the failures file, up to
/// `store::MAX_FAILED_KEPT`).
pub const ERRORS_SHOWN: isize = 100;

/// A failed row, as stored (`fields` or `line`: the row as it was read, for the failures
/// file).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct RowError {
    /// The row's number in the file, the header being row 1 (NDJSON: the line's number
    /// among non-blank lines).
    pub row: u64,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(skip)]
    pub fields: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schemars(skip)]
    pub line: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ImportView {
    pub id: String,
    /// `receiving` (the file is arriving), `running`, `done`, or `failed` (`reason` says why;
    /// the rows before it were imported).
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `csv` or `ndjson`.
    pub format: String,
    /// The file's name, when the console uploaded it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub bytes: u64,
    /// Share of the file read, 0–100.
    pub progress: u8,
    /// Rows read so far (the header not counted) and what became of them.
    pub rows: u64,
    pub created: u64,
    /// Already registered (the same carrier and number): left as they were.
    pub existing: u64,
    pub failed: u64,
    /// The first 100 failed rows with the reason (all of them in `GET …/failures`).
    pub errors: Vec<RowError>,
    /// Columns of the file shipmate does not read.
    pub ignored_columns: Vec<String>,
    pub created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<DateTime<Utc>>,
}

/// An upload still "receiving" after this never finished (its process died mid-upload).
const ABANDONED_AFTER_MS: i64 = 3600 * 1000;

impl ImportView {
    pub fn of(r: &ImportRecord, errors: &[String]) -> ImportView {
        let abandoned = r.status == "receiving"
            && Utc::now().timestamp_millis() - r.created_ms > ABANDONED_AFTER_MS;
        if abandoned {
            let r = ImportRecord {
                status: "failed".into(),
                reason: "the upload did not finish; upload the file again".into(),
                ..r.clone()
            };
            return ImportView::of(&r, errors);
        }
        let at = |ms: i64| DateTime::<Utc>::from_timestamp_millis(ms).filter(|_| ms > 0);
        let header: Vec<String> = serde_json::from_str(&r.header).unwrap_or_default();
        let ignored = match Header::read(header) {
            Ok(h) => h.ignored(),
            Err(_) => vec![],
        };
        let progress = match (r.status.as_str(), r.bytes) {
            ("done", _) => 100,
            (_, 0) => 0,
            (_, bytes) => (r.offset.min(bytes) * 100 / bytes) as u8,
        };
        ImportView {
            id: r.id.clone(),
            status: r.status.clone(),
            reason: Some(r.reason.clone()).filter(|s| !s.is_empty()),
            format: r.format.trim_end_matches(';').to_owned(),
            name: Some(r.name.clone()).filter(|s| !s.is_empty()),
            bytes: r.bytes,
            progress,
            rows: r.rows,
            created: r.created,
            existing: r.existing,
            failed: r.failed,
            errors: errors
                .iter()
                .filter_map(|e| serde_json::from_str::<RowError>(e).ok())
                .map(|e| RowError {
                    fields: vec![],
                    line: String::new(),
                    ..e
                })
                .collect(),
            ignored_columns: ignored,
            created_at: at(r.created_ms).unwrap_or_default(),
            finished_at: at(r.finished_ms),
        }
    }

    pub fn running(&self) -> bool {
        self.status == "receiving" || self.status == "running"
    }
}
