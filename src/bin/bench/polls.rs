//! `bench polls`: shipments due evenly over one cadence, poller processes on both cores
//! asking carrier-sim over HTTP; samples the due-set lag (now − the oldest overdue poll,
//! an upper bound on every poll's lag at that moment) once a second and prints its
//! percentiles against the cadence.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use shipmate::config::Config;
use shipmate::domain::MerchantId;
use shipmate::entropy;
use shipmate::roles::Parts;
use shipmate::sim::{self, SimConfig};

pub struct Run {
    pub shipments: usize,
    pub cadence: String,
    pub seconds: u64,
    pub pollers: usize,
}

fn config(redis_url: &str, sim_url: &str, cadence: Duration) -> anyhow::Result<Config> {
    let mut config = Config::from_layers(&[], std::iter::empty())?;
    config.redis.url = redis_url.to_owned();
    config.redis.prefix = "polls".into();
    config.carriers["sandbox"].base_url = sim_url.to_owned();
    let c = &mut config.poller.cadence;
    for d in [
        &mut c.pending,
        &mut c.info_received,
        &mut c.in_transit,
        &mut c.out_for_delivery,
        &mut c.failed_attempt,
        &mut c.available_for_pickup,
        &mut c.exception,
    ] {
        *d = cadence;
    }
    Ok(config)
}

pub fn run(r: Run) -> anyhow::Result<()> {
    let cadence = shipmate::config::parse_duration(&r.cadence).map_err(anyhow::Error::msg)?;
    let dir = std::env::temp_dir().join(format!("shipmate-polls-{}", std::process::id()));
    let redis = shipmate::demo::redis::spawn(&dir, false)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let sim_listener = TcpListener::bind("127.0.0.1:0")?;
    let sim_url = format!("http://{}", sim_listener.local_addr()?);
    let sim = rt.block_on(async {
        sim::start(
            sim_listener,
            SimConfig {
                speed: 1.0,
                fault: None,
                fault_rate: 0.0,
            },
        )
    })?;
    rt.spawn(sim);
    let config = config(&redis.url, &sim_url, cadence)?;
    let parts = rt.block_on(Parts::build(Arc::new(config)))?;
    let merchant = MerchantId::from_random(entropy::bytes());
    let started = Instant::now();
    let spread = chrono::Duration::from_std(cadence)?;
    rt.block_on(super::fixtures::register_range(
        &parts.store,
        &merchant,
        0..r.shipments,
        10,
        Some(spread),
        &["OT"],
    ))?;
    println!(
        "loaded {} shipments due evenly over {} in {:.1?}; {} poller process(es), {} s",
        r.shipments,
        r.cadence,
        started.elapsed(),
        r.pollers,
        r.seconds
    );
    let mut children = (0..r.pollers)
        .map(|_| {
            std::process::Command::new(std::env::current_exe()?)
                .args([
                    "serve-poller",
                    "--redis-url",
                    &redis.url,
                    "--sim-url",
                    &sim_url,
                ])
                .args(["--cadence", &r.cadence])
                .spawn()
        })
        .collect::<std::io::Result<Vec<_>>>()?;
    let mut lags = vec![];
    let before = rt.block_on(parts.store.commands_processed())?;
    let window = Instant::now();
    while window.elapsed() < Duration::from_secs(r.seconds) {
        std::thread::sleep(Duration::from_secs(1));
        let figures = rt.block_on(parts.store.shared_figures(Utc::now().timestamp_millis()))?;
        if let Some((_, lag)) = figures
            .iter()
            .find(|(d, _)| d.name == shipmate::metrics::DUE_LAG.name)
        {
            lags.push(*lag);
        }
    }
    let secs = window.elapsed().as_secs_f64();
    let commands = rt.block_on(parts.store.commands_processed())? - before;
    for child in &mut children {
        let _ = child.kill();
        let _ = child.wait();
    }
    let polls: u64 = rt
        .block_on(async {
            reqwest::get(format!("{sim_url}/v1/_stats"))
                .await?
                .json::<std::collections::HashMap<String, u64>>()
                .await
        })?
        .values()
        .sum();
    lags.sort_by(f64::total_cmp);
    let pick = |q: f64| lags[((lags.len() - 1) as f64 * q).round() as usize];
    let c = cadence.as_secs_f64();
    println!(
        "  polls        {polls} ({:.0}/s; due rate {:.0}/s)",
        polls as f64 / secs,
        r.shipments as f64 / c
    );
    println!("  redis cmds   {:.0}/s", commands as f64 / secs);
    println!(
        "  due lag p50  {:>8.2} s  ({:.4} × cadence)",
        pick(0.5),
        pick(0.5) / c
    );
    println!(
        "  due lag p99  {:>8.2} s  ({:.4} × cadence)",
        pick(0.99),
        pick(0.99) / c
    );
    println!(
        "  due lag max  {:>8.2} s  ({:.4} × cadence)",
        pick(1.0),
        pick(1.0) / c
    );
    Ok(())
}

/// One poller process against the bench's Redis and carrier-sim, until killed.
pub fn serve(redis_url: &str, sim_url: &str, cadence: &str) -> anyhow::Result<()> {
    let cadence = shipmate::config::parse_duration(cadence).map_err(anyhow::Error::msg)?;
    let config = config(redis_url, sim_url, cadence)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(async {
        let parts = Parts::build(Arc::new(config)).await?;
        parts
            .poller
            .clone()
            .run(tokio_util::sync::CancellationToken::new())
            .await;
        anyhow::Ok(())
    })
}
