//! Customers' feedback, one record per shipment, and a per-shipment submission counter.

use super::{Result, Store, decode, encode};
use crate::domain::{Feedback, ShipmentId};

impl Store {
    pub async fn feedback(&self, id: &ShipmentId) -> Result<Option<Feedback>> {
        let json: Option<String> = redis::cmd("GET")
            .arg(self.keys.feedback(id))
            .query_async(&mut self.conn())
            .await?;
        json.map(|j| decode("feedback", &j)).transpose()
    }

    pub async fn put_feedback(&self, f: &Feedback) -> Result<()> {
        let () = redis::cmd("SET")
            .arg(self.keys.feedback(&f.shipment_id))
            .arg(encode(f))
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Counts one more submission for a shipment today; returns the count.
    pub async fn count_feedback_try(&self, id: &ShipmentId) -> Result<u64> {
        let key = self.keys.feedback_tries(id);
        let (n, _): (u64, i64) = redis::pipe()
            .atomic()
            .cmd("INCR")
            .arg(&key)
            .cmd("EXPIRE")
            .arg(&key)
            .arg(86_400)
            .arg("NX")
            .query_async(&mut self.conn())
            .await?;
        Ok(n)
    }
}
