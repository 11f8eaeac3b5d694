//! `bench chaos`: shipments move through carrier-sim with notifications on (e-mail to the
//! customer, every event to a merchant webhook) while poller and notifier processes are
//! killed with SIGKILL at random times and restarted, and Redis (append-only file,
//! `everysec`) is killed with SIGKILL and restarted. Afterwards every shipment must have
//! reached its journey's final state and every message must have arrived exactly once per
//! idempotency key. Prints what happened, the counts and the verdict.

use std::collections::HashMap;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::{Duration, Instant};

use chrono::Utc;
use shipmate::config::Config;
use shipmate::domain::{MerchantId, ShipmentId};
use shipmate::entropy;
use shipmate::roles::Parts;
use shipmate::sim::{self, SimConfig};
use shipmate::store::Store;

use crate::sinks::{self, Seen};

mod verify;

pub struct Run {
    pub shipments: usize,
    pub pollers: usize,
    pub notifiers: usize,
    pub kills: usize,
    pub redis_crashes: usize,
    pub speed: f64,
    pub timeout_minutes: u64,
}

/// Every carrier-sim journey that ends (`ST` stalls forever).
const JOURNEYS: [&str; 7] = ["OT", "DL", "EX", "FA", "PU", "RT", "CU"];

/// The configuration of every process of the run (as `SHIPMATE__…` variables).
fn env(redis_url: &str, sim_url: &str, smtp_port: u16) -> Vec<(String, String)> {
    let mut vars = vec![
        ("REDIS__URL".to_owned(), redis_url.to_owned()),
        ("REDIS__PREFIX".into(), "chaos".into()),
        ("HTTP__ADDR".into(), "127.0.0.1:0".into()),
        ("LOG__LEVEL".into(), "warn".into()),
        ("CARRIERS__SANDBOX__BASE_URL".into(), sim_url.to_owned()),
        ("NOTIFIER__CHANNELS".into(), "email".into()),
        ("NOTIFIER__EMAIL__SMTP_HOST".into(), "127.0.0.1".into()),
        ("NOTIFIER__EMAIL__SMTP_PORT".into(), smtp_port.to_string()),
        ("NOTIFIER__EMAIL__TLS".into(), "none".into()),
        ("NOTIFIER__FEEDBACK_AFTER".into(), "1s".into()),
        ("NOTIFIER__DAILY_CAP".into(), "0".into()),
        ("NOTIFIER__WEBHOOKS_ALLOW_PRIVATE".into(), "true".into()),
    ];
    for status in [
        "PENDING",
        "INFO_RECEIVED",
        "IN_TRANSIT",
        "OUT_FOR_DELIVERY",
        "FAILED_ATTEMPT",
        "AVAILABLE_FOR_PICKUP",
        "EXCEPTION",
    ] {
        vars.push((format!("POLLER__CADENCE__{status}"), "10s".into()));
    }
    vars.into_iter()
        .map(|(k, v)| (format!("SHIPMATE__{k}"), v))
        .collect()
}

/// The role processes: this program re-run as `serve-role`, logs in `dir`.
struct Fleet {
    env: Vec<(String, String)>,
    logs: PathBuf,
    members: Vec<(&'static str, usize, Child)>,
}

impl Fleet {
    fn start(&self, role: &str, n: usize) -> anyhow::Result<Child> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.logs.join(format!("{role}-{n}.log")))?;
        Ok(Command::new(std::env::current_exe()?)
            .args(["serve-role", "--role", role])
            .envs(self.env.iter().cloned())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()?)
    }

    /// Restarts members that exited without being killed; returns how many did.
    fn revive(&mut self, t: f64) -> anyhow::Result<usize> {
        let mut exited = 0;
        for i in 0..self.members.len() {
            if let Ok(Some(status)) = self.members[i].2.try_wait() {
                let (role, n, _) = &self.members[i];
                println!("  t={t:>6.1}s  {role} #{n} exited by itself ({status}); restarting");
                let child = self.start(role, *n)?;
                self.members[i].2 = child;
                exited += 1;
            }
        }
        Ok(exited)
    }

    fn kill(&mut self, i: usize) -> anyhow::Result<()> {
        let (role, n, child) = &mut self.members[i];
        child.kill()?; // SIGKILL
        child.wait()?;
        let (role, n) = (*role, *n);
        self.members[i].2 = self.start(role, n)?;
        Ok(())
    }
}

impl Drop for Fleet {
    fn drop(&mut self) {
        for (_, _, child) in &mut self.members {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Writes an increasing counter to Redis all the time; after a crash, the acknowledged
/// increments Redis no longer has are what the append-only file's window lost.
struct Canary {
    acked: Arc<AtomicI64>,
    paused: Arc<AtomicBool>,
}

const CANARY: &str = "chaos:canary";

impl Canary {
    fn start(rt: &tokio::runtime::Runtime, url: &str) -> anyhow::Result<Canary> {
        let client = redis::Client::open(url)?;
        let acked = Arc::new(AtomicI64::new(0));
        let paused = Arc::new(AtomicBool::new(false));
        let (a, p) = (acked.clone(), paused.clone());
        rt.spawn(async move {
            let Ok(mut conn) = client.get_connection_manager().await else {
                return;
            };
            loop {
                if !p.load(Ordering::SeqCst)
                    && let Ok(v) = redis::cmd("INCR")
                        .arg(CANARY)
                        .query_async::<i64>(&mut conn)
                        .await
                {
                    a.store(v, Ordering::SeqCst);
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        });
        Ok(Canary { acked, paused })
    }
}

/// What is still to do: (shipments due, claimed, notifications due, stream backlog).
async fn remaining(store: &Store) -> anyhow::Result<[u64; 4]> {
    let figures = store.shared_figures(Utc::now().timestamp_millis()).await?;
    let figure = |name: &str| {
        figures
            .iter()
            .find(|(d, _)| d.name == name)
            .map_or(0, |(_, v)| *v as u64)
    };
    let mut ndue = 0;
    for shard in 0..store.keys().shards() {
        let n: u64 = redis::cmd("ZCARD")
            .arg(store.keys().notifications_due(shard))
            .query_async(&mut store.connection())
            .await?;
        ndue += n;
    }
    Ok([
        figure(shipmate::metrics::DUE_SHIPMENTS.name),
        figure(shipmate::metrics::CLAIMED_SHIPMENTS.name),
        ndue,
        store.event_backlog().await?,
    ])
}

fn between(lo: f64, hi: f64) -> Duration {
    Duration::from_secs_f64(lo + (hi - lo) * entropy::unit())
}

fn received(seen: &Seen) -> HashMap<String, u32> {
    seen.lock().map(|m| m.clone()).unwrap_or_default()
}

pub fn run(r: Run) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("shipmate-chaos-{}", std::process::id()));
    let logs = dir.join("logs");
    std::fs::create_dir_all(&logs)?;
    let mut redis = shipmate::demo::redis::spawn(&dir.join("redis"), true)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let sim_listener = TcpListener::bind("127.0.0.1:0")?;
    let sim_url = format!("http://{}", sim_listener.local_addr()?);
    let (emails, webhooks): (Seen, Seen) = (Arc::default(), Arc::default());
    let (hook, smtp_port) = rt.block_on(async {
        let sim = sim::start(
            sim_listener,
            SimConfig {
                speed: r.speed,
                fault: None,
                fault_rate: 0.0,
            },
        )?;
        tokio::spawn(sim);
        anyhow::Ok((
            sinks::webhooks(webhooks.clone())?,
            sinks::smtp(emails.clone())?,
        ))
    })?;
    let env = env(&redis.url, &sim_url, smtp_port);
    let config = Config::from_layers(&[], env.clone().into_iter())?;
    // Inside the runtime, so what the parts hold (pooled SMTP connections) can close on drop.
    let _inside = rt.enter();
    let parts = rt.block_on(Parts::build(Arc::new(config)))?;
    let store = parts.store.clone();
    let merchant = MerchantId::from_random(entropy::bytes());
    let loading = Instant::now();
    let registered = rt.block_on(async {
        let record = shipmate::domain::Merchant {
            id: merchant.clone(),
            name: "Chaos Coffee Co".into(),
            brand: shipmate::domain::Brand::default(),
            locale: shipmate::domain::Locale::english(),
            timezone: chrono_tz::Europe::Lisbon.into(),
            created_at: Utc::now(),
            lookup_slug: None,
        };
        store.create_merchant(&record, "0", None, None).await?;
        let caller = shipmate::services::Caller {
            merchant: merchant.clone(),
            by: shipmate::services::Actor::Key(shipmate::domain::KeyId::of_hash("0")),
        };
        shipmate::services::Webhooks::new(store.clone(), true)
            .create(&caller, &hook, &[], None, Utc::now())
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        crate::fixtures::register_range(
            &store,
            &merchant,
            0..r.shipments,
            0,
            Some(chrono::Duration::seconds(30)),
            &JOURNEYS,
        )
        .await
    })?;
    println!(
        "chaos: {} shipments ({} journeys that end) registered in {:.1?}; sim speed {}×, cadence 10 s; {} pollers, {} notifiers; e-mail to an SMTP sink, every event to a webhook sink; Redis with appendonly yes, appendfsync everysec",
        r.shipments,
        JOURNEYS.len(),
        loading.elapsed(),
        r.speed,
        r.pollers,
        r.notifiers
    );

    let mut fleet = Fleet {
        env,
        logs,
        members: vec![],
    };
    for n in 0..r.pollers {
        let child = fleet.start("poller", n)?;
        fleet.members.push(("poller", n, child));
    }
    for n in 0..r.notifiers {
        let child = fleet.start("notifier", n)?;
        fleet.members.push(("notifier", n, child));
    }
    let canary = Canary::start(&rt, &redis.url)?;
    let started = Instant::now();
    let (mut kills, mut exits, mut crashes) = (0, 0, vec![]);
    let mut next_kill = started + between(3.0, 10.0);
    let mut next_crash = started + between(15.0, 30.0);
    let (mut quiet, mut last_report, mut chaos_over) = (0, started, None);
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let t = started.elapsed().as_secs_f64();
        exits += fleet.revive(t)?;
        let now = Instant::now();
        if kills < r.kills && now >= next_kill {
            let i = (entropy::unit() * fleet.members.len() as f64) as usize;
            let (role, n, _) = fleet.members[i];
            fleet.kill(i)?;
            kills += 1;
            println!("  t={t:>6.1}s  kill -9 {role} #{n} (kill {kills}); restarted");
            next_kill = now + between(3.0, 10.0);
        }
        if crashes.len() < r.redis_crashes && now >= next_crash {
            canary.paused.store(true, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(50));
            let acked = canary.acked.load(Ordering::SeqCst);
            let away = redis.crash_and_restart()?;
            let kept: i64 = redis::cmd("GET")
                .arg(CANARY)
                .query(&mut redis::Client::open(redis.url.as_str())?.get_connection()?)
                .unwrap_or(0);
            canary.paused.store(false, Ordering::SeqCst);
            let lost = (acked - kept).max(0);
            crashes.push((away, lost));
            println!(
                "  t={t:>6.1}s  kill -9 redis-server (crash {}); back after {away:.1?} (AOF loaded); acknowledged writes lost: {lost}",
                crashes.len()
            );
            next_crash = Instant::now() + between(20.0, 40.0);
        }
        if kills >= r.kills && crashes.len() >= r.redis_crashes && chaos_over.is_none() {
            chaos_over = Some(Instant::now());
        }
        let left = rt.block_on(remaining(&store)).ok();
        if now.duration_since(last_report) >= Duration::from_secs(15) {
            last_report = now;
            match left {
                Some([due, claimed, ndue, backlog]) => println!(
                    "  t={t:>6.1}s  shipments due {due}, claimed {claimed}; messages due {ndue}; stream backlog {backlog}; received: {} e-mails, {} webhooks",
                    received(&emails).len(),
                    received(&webhooks).len()
                ),
                None => println!("  t={t:>6.1}s  (Redis not answering)"),
            }
        }
        quiet = match (chaos_over, left) {
            (Some(_), Some([0, 0, 0, 0])) => quiet + 1,
            _ => 0,
        };
        if quiet >= 3 {
            break;
        }
        if started.elapsed() > Duration::from_secs(r.timeout_minutes * 60) {
            println!("  timed out after {} min", r.timeout_minutes);
            break;
        }
    }
    let wall = started.elapsed();
    drop(fleet);
    let settle = chaos_over.map(|at| at.elapsed());
    println!(
        "  wall {wall:.1?} from the first poll to all settled ({} after the chaos ended); {kills} kills of role processes, {} Redis crashes (back after {}), exits nobody asked for: {exits}",
        settle.map_or("—".into(), |d| format!("{d:.1?}")),
        crashes.len(),
        crashes
            .iter()
            .map(|(d, _)| format!("{d:.1?}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "  acknowledged writes lost to the AOF window: {} (canary increments, over {} crashes); logs in {}",
        crashes.iter().map(|(_, l)| l).sum::<i64>(),
        crashes.len(),
        dir.join("logs").display()
    );
    let ids: Vec<ShipmentId> = registered.into_iter().map(|(id, _)| id).collect();
    let clean = rt.block_on(verify::run(
        &store,
        &ids,
        &received(&emails),
        &received(&webhooks),
    ))?;
    drop(redis);
    anyhow::ensure!(clean, "the chaos run lost, repeated or stranded something");
    Ok(())
}
