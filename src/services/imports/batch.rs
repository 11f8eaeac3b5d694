//! One batch of an import: claim it, read its rows from where the last batch ended,
//! register them (several at once), and record the outcome in one step.

use chrono::{DateTime, Duration, Utc};
use futures_util::StreamExt;

use super::Imports;
use super::columns::Header;
use super::reader::{self, Fields, Format, MAX_ROW_BYTES, TooLong};
use super::row::json_request;
use super::view::RowError;
use crate::domain::{ImportId, MerchantId};
use crate::services::{NewShipmentInput, ServiceError};
use crate::store::{Checkpoint, ImportRecord};

/// Rows one batch reads.
const BATCH_ROWS: usize = 500;
/// Bytes read for a batch: room for the longest row whole.
const WINDOW: usize = 2 * MAX_ROW_BYTES;
/// Bytes of a failed row kept for the failures file.
const MAX_KEPT_ROW: usize = 4 * 1024;
/// A batch that could not be recorded (Redis down) is tried again after this.
const RETRY_AFTER: Duration = Duration::seconds(5);

/// What became of one row.
enum Outcome {
    Created,
    Existing,
    Failed(String),
}

impl Imports {
    /// Reads one batch of the import due first, if any; true when one was claimed.
    pub async fn read_due_once(&self, now: DateTime<Utc>) -> anyhow::Result<bool> {
        let lease = Duration::from_std(self.config.lease)?;
        let Some(claim) = self
            .store
            .claim_imports(now, now + lease, 1)
            .await?
            .into_iter()
            .next()
        else {
            return Ok(false);
        };
        let next = match self.read_batch(&claim.id, now).await {
            Ok(more) => more.then_some(now),
            Err(e) => {
                tracing::warn!(import_id = %claim.id, error = format!("{e:#}"), "import batch failed; tried again");
                Some(now + RETRY_AFTER)
            }
        };
        self.store.settle_import(&claim, next).await?;
        Ok(true)
    }

    /// Reads and records one batch; true when rows remain.
    async fn read_batch(&self, id: &ImportId, now: DateTime<Utc>) -> anyhow::Result<bool> {
        let Some(r) = self.store.import(id).await? else {
            return Ok(false);
        };
        if r.status != "running" {
            return Ok(false);
        }
        let format = Format::parse(&r.format).unwrap_or(Format::Csv { delimiter: b',' });
        let bytes = self.store.import_bytes(id, r.offset, WINDOW).await?;
        let expected = r.bytes.saturating_sub(r.offset).min(WINDOW as u64);
        if (bytes.len() as u64) < expected {
            let c = Checkpoint {
                from: r.offset,
                to: r.offset,
                at: now,
                ..Checkpoint::default()
            };
            let why = "the file is no longer stored (it expired); upload it again".to_owned();
            return self.stop(id, c, why).await;
        }
        let eof = r.offset + bytes.len() as u64 >= r.bytes;
        let mut c = Checkpoint {
            from: r.offset,
            at: now,
            ..Checkpoint::default()
        };
        let window = match reader::rows(format, &bytes, r.offset == 0, eof, BATCH_ROWS) {
            Ok(w) => w,
            Err(TooLong) => {
                c.to = r.offset;
                let why = format!(
                    "row {} is longer than {} KiB or has more than {} fields (a quote left open?); the rows before it were imported",
                    next_row(&r, format),
                    MAX_ROW_BYTES / 1024,
                    reader::MAX_FIELDS
                );
                return self.stop(id, c, why).await;
            }
        };
        c.to = r.offset + window.consumed as u64;
        let window_empty = window.consumed == 0;
        let mut rows = window.rows.into_iter();
        let header = match header_of(&r, format, &mut rows, &mut c)? {
            Ok(header) => header,
            Err(why) => return self.stop(id, c, why).await,
        };
        let first = next_row(&r, format);
        let merchant = MerchantId::parse(&r.merchant).map_err(|e| anyhow::anyhow!(e.0))?;
        let rows: Vec<Fields> = rows.collect();
        // By index: a closure over `&Fields` trips the compiler's lifetime inference here.
        let outcomes: Vec<Outcome> = futures_util::stream::iter(0..rows.len())
            .map(|i| self.import_row(&merchant, header.as_ref(), &rows[i], now))
            .buffered(self.config.concurrency)
            .collect::<Vec<_>>()
            .await
            .into_iter()
            .collect::<Result<_, _>>()?;
        count(&mut c, rows, outcomes, first)?;
        // At the end of the file a window that takes nothing ends it too (never a loop).
        let more = !(eof && (c.to >= r.bytes || window_empty));
        if !more {
            c.end = Some("done");
        }
        // Lost to another process (a lease that ran out): it records the batch instead.
        if self.store.checkpoint_import(id, &c).await? {
            let rows = &crate::metrics::IMPORT_ROWS;
            rows.add(&[("outcome", "created")], c.created as f64);
            rows.add(&[("outcome", "existing")], c.existing as f64);
            rows.add(&[("outcome", "failed")], c.failed.len() as f64);
        }
        Ok(more)
    }

    /// Ends the import as `failed` with `why`, recording the batch so far.
    async fn stop(&self, id: &ImportId, mut c: Checkpoint, why: String) -> anyhow::Result<bool> {
        c.end = Some("failed");
        c.reason = why;
        self.store.checkpoint_import(id, &c).await?;
        Ok(false)
    }

    /// Registers one row; `Err` only when it could not be tried (Redis).
    async fn import_row(
        &self,
        merchant: &MerchantId,
        header: Option<&Header>,
        fields: &Fields,
        now: DateTime<Utc>,
    ) -> Result<Outcome, ServiceError> {
        let request = match (fields, header) {
            (Fields::Csv(f), Some(h)) => h.request(f),
            (Fields::Json(line), _) => json_request(line),
            _ => Err("not UTF-8 text".to_owned()),
        };
        let input = match request.map(NewShipmentInput::try_from) {
            Ok(Ok(input)) => input,
            Ok(Err(errors)) => return Ok(Outcome::Failed(reason(header, &errors))),
            Err(why) => return Ok(Outcome::Failed(why)),
        };
        match self.shipments.register(merchant, input, now).await {
            Ok(r) if r.created => Ok(Outcome::Created),
            Ok(_) => Ok(Outcome::Existing),
            Err(ServiceError::Invalid(errors)) => Ok(Outcome::Failed(reason(header, &errors))),
            Err(ServiceError::Undetected { message, .. }) => {
                Ok(Outcome::Failed(format!("carrier: {message}")))
            }
            Err(e) => Err(e),
        }
    }
}

/// The file's header: read from this batch's first row (and kept) when the file is CSV and
/// none was read yet. `Ok(Err(why))` when the header is not one shipmate can read.
fn header_of(
    r: &ImportRecord,
    format: Format,
    rows: &mut impl Iterator<Item = Fields>,
    c: &mut Checkpoint,
) -> anyhow::Result<Result<Option<Header>, String>> {
    match format {
        Format::Ndjson => Ok(Ok(None)),
        Format::Csv { .. } if r.header.is_empty() => {
            let Some(Fields::Csv(names)) = rows.next() else {
                return Ok(Err("the first row is not a header of UTF-8 text".into()));
            };
            c.header = Some(serde_json::to_string(&names)?);
            Ok(Header::read(names).map(Some))
        }
        Format::Csv { .. } => {
            let names: Vec<String> = serde_json::from_str(&r.header)?;
            Ok(Ok(Some(Header::read(names).map_err(anyhow::Error::msg)?)))
        }
    }
}

/// Counts what became of the rows; the failed ones are kept with the reason.
fn count(
    c: &mut Checkpoint,
    rows: Vec<Fields>,
    outcomes: Vec<Outcome>,
    first: u64,
) -> anyhow::Result<()> {
    for (i, (fields, outcome)) in rows.into_iter().zip(outcomes).enumerate() {
        c.rows += 1;
        match outcome {
            Outcome::Created => c.created += 1,
            Outcome::Existing => c.existing += 1,
            Outcome::Failed(reason) => {
                let (mut fields, mut line) = match fields {
                    Fields::Csv(f) => (f, String::new()),
                    Fields::Json(l) => (vec![], l),
                    Fields::NotText => (vec![], String::new()),
                };
                // A huge row is counted and said, not kept for the failures file.
                let size = line.len() + fields.iter().map(String::len).sum::<usize>();
                let reason = if size > MAX_KEPT_ROW {
                    (fields, line) = (vec![], String::new());
                    format!("{reason} (the row is too large to keep in the failures file)")
                } else {
                    reason
                };
                let e = RowError {
                    row: first + i as u64,
                    reason,
                    fields,
                    line,
                };
                c.failed.push(serde_json::to_string(&e)?);
            }
        }
    }
    Ok(())
}

fn reason(header: Option<&Header>, errors: &[crate::services::FieldError]) -> String {
    match header {
        Some(h) => h.reason(errors),
        // NDJSON: named as the API names them (`order.number`).
        None => errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// The number the next row read has in the file (a CSV's header is row 1).
fn next_row(r: &ImportRecord, format: Format) -> u64 {
    match format {
        Format::Csv { .. } => r.rows + 2,
        Format::Ndjson => r.rows + 1,
    }
}
