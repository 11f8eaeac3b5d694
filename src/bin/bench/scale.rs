//! `bench scale`: loads shipments in steps up to a million and prints, at each size, Redis
//! bytes per shipment and what one scheduler tick and one idle poller round cost (time and
//! Redis commands). The jobs read only the due part of sorted sets, so the cost should not
//! grow with the number of shipments stored.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use shipmate::config::Config;
use shipmate::domain::MerchantId;
use shipmate::entropy;
use shipmate::roles::Parts;
use shipmate::scheduler::Job;

const TICKS: usize = 25;

pub fn run(sizes: &[usize], events: usize) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("shipmate-scale-{}", std::process::id()));
    let redis = shipmate::demo::redis::spawn(&dir, false)?;
    let mut config = Config::from_layers(&[], std::iter::empty())?;
    config.redis.url = redis.url.clone();
    config.redis.prefix = "scale".into();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(async {
        let parts = Parts::build(Arc::new(config)).await?;
        let store = &parts.store;
        let merchant = MerchantId::from_random(entropy::bytes());
        let base = store.used_memory().await?;
        println!(
            "{:>10} {:>12} {:>14} {:>12} {:>14} {:>12} {:>12}",
            "shipments", "bytes/ship.", "expiry sweep", "cmds/sweep", "purge", "cmds/purge", "idle poll"
        );
        let mut loaded = 0;
        for &size in sizes {
            let started = Instant::now();
            super::fixtures::register_range(store, &merchant, loaded..size, events, None, &["OT"]).await?;
            let took = started.elapsed();
            loaded = size;
            let bytes = (store.used_memory().await? - base) as f64 / size as f64;
            let now = Utc::now();
            let sweep = measure(&parts, || parts.scheduler.run_job_once(Job::ExpirySweep, now)).await?;
            let purge = measure(&parts, || parts.scheduler.run_job_once(Job::RetentionPurge, now)).await?;
            let poll = measure(&parts, || parts.poller.poll_due_once(now)).await?;
            println!(
                "{size:>10} {bytes:>12.0} {:>14.2?} {:>12.0} {:>14.2?} {:>12.0} {:>12.2?}   (loaded in {took:.1?})",
                sweep.0, sweep.1, purge.0, purge.1, poll.0
            );
        }
        anyhow::Ok(())
    })
}

/// Median time and mean Redis commands of `TICKS` runs of `tick`.
async fn measure<F, Fut, T>(parts: &Parts, tick: F) -> anyhow::Result<(Duration, f64)>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<T>>,
{
    let before = parts.store.commands_processed().await?;
    let mut times = Vec::with_capacity(TICKS);
    for _ in 0..TICKS {
        let started = Instant::now();
        tick().await?;
        times.push(started.elapsed());
    }
    // The INFO call itself is one command.
    let cmds =
        (parts.store.commands_processed().await? - before).saturating_sub(1) as f64 / TICKS as f64;
    times.sort();
    Ok((times[TICKS / 2], cmds))
}
