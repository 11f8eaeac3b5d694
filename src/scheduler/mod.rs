//! The scheduler role: wall-clock jobs from cron expressions, each run once per slot across
//! all replicas (a Redis lock per job and slot).

mod jobs;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::config::Config;
use crate::poller::Poller;
use crate::services::{Intake, Push};
use crate::store::Store;

pub use jobs::JobOutcome;

/// A scheduled job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Expires active shipments with no scan for `poller.expire_after`, even unpolled ones.
    ExpirySweep,
    /// Deletes finished shipments (and their personal data) after `scheduler.retention`.
    RetentionPurge,
    /// Asks connected stores for the fulfillments their webhooks may have missed.
    StoreReconcile,
    /// Subscribes UPS numbers to Track Alert and renews them.
    PushSubscribe,
}

impl Job {
    pub const ALL: [Job; 4] = [
        Job::ExpirySweep,
        Job::RetentionPurge,
        Job::StoreReconcile,
        Job::PushSubscribe,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Job::ExpirySweep => "expiry_sweep",
            Job::RetentionPurge => "retention_purge",
            Job::StoreReconcile => "store_reconcile",
            Job::PushSubscribe => "push_subscribe",
        }
    }

    fn schedule(self, config: &Config) -> &cron::Schedule {
        match self {
            Job::ExpirySweep => &config.scheduler.expiry_sweep,
            Job::RetentionPurge => &config.scheduler.retention_purge,
            Job::StoreReconcile => &config.scheduler.store_reconcile,
            Job::PushSubscribe => &config.scheduler.push_subscribe,
        }
    }
}

pub struct Scheduler {
    store: Store,
    poller: Arc<Poller>,
    intake: Arc<Intake>,
    push: Push,
    config: Arc<Config>,
}

impl Scheduler {
    pub fn new(
        store: Store,
        poller: Arc<Poller>,
        (intake, push): (Arc<Intake>, Push),
        config: Arc<Config>,
    ) -> Scheduler {
        Scheduler {
            store,
            poller,
            intake,
            push,
            config,
        }
    }

    /// Runs `job` for the slot starting at `slot` unless another replica already did.
    /// Returns `None` when this replica did not get the slot.
    pub async fn run_slot(
        &self,
        job: Job,
        slot: DateTime<Utc>,
    ) -> anyhow::Result<Option<JobOutcome>> {
        let ttl = std::time::Duration::from_secs(24 * 3600);
        if !self
            .store
            .try_lock_job_slot(job.name(), slot.timestamp(), ttl)
            .await?
        {
            return Ok(None);
        }
        let outcome = self.run_job_once(job, Utc::now()).await?;
        Ok(Some(outcome))
    }

    /// One pass of a job (tests call this directly).
    pub async fn run_job_once(&self, job: Job, now: DateTime<Utc>) -> anyhow::Result<JobOutcome> {
        match job {
            Job::ExpirySweep => {
                jobs::expiry_sweep(&self.store, &self.poller, &self.config, now).await
            }
            Job::RetentionPurge => jobs::retention_purge(&self.store, &self.config, now).await,
            Job::StoreReconcile => Ok(JobOutcome {
                processed: self.intake.reconcile(now).await?,
            }),
            Job::PushSubscribe => Ok(JobOutcome {
                processed: self.push.subscribe_due(now).await?,
            }),
        }
    }

    /// Sleeps until each job's next slot and runs it, until cancelled.
    pub async fn run(self: Arc<Self>, cancel: CancellationToken) {
        let mut next: Vec<(Job, Option<DateTime<Utc>>)> = Job::ALL
            .iter()
            .map(|&j| (j, j.schedule(&self.config).after(&Utc::now()).next()))
            .collect();
        loop {
            let Some(&(job, Some(at))) = next
                .iter()
                .filter(|(_, t)| t.is_some())
                .min_by_key(|(_, t)| *t)
            else {
                warn!("no scheduled job has a next run");
                return;
            };
            let wait = (at - Utc::now()).to_std().unwrap_or_default();
            tokio::select! {
                () = cancel.cancelled() => { info!("scheduler stopped"); return; }
                () = tokio::time::sleep(wait) => {}
            }
            let ran = crate::supervise::guarded("scheduler", job.name(), self.run_slot(job, at));
            match ran.await.map_err(anyhow::Error::from).and_then(|r| r) {
                Ok(Some(o)) => info!(job = job.name(), processed = o.processed, "job ran"),
                Ok(None) => {}
                Err(e) => warn!(job = job.name(), error = format!("{e:#}"), "job failed"),
            }
            for entry in &mut next {
                if entry.0 == job {
                    entry.1 = job.schedule(&self.config).after(&at).next();
                }
            }
        }
    }
}
