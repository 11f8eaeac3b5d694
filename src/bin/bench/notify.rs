//! `bench notify`: messages per second through the outbox and webhook channels, and how far
//! the notifier falls behind the event streams while it works.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;

use shipmate::config::Config;
use shipmate::domain::{Channel, Trigger};
use shipmate::roles::Parts;
use shipmate::sim::{self, SimConfig};
use shipmate::store::NewShipment;

pub fn run(shipments: usize, concurrency: usize) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("shipmate-bench-notify-{}", std::process::id()));
    let redis = shipmate::demo::redis::spawn(&dir, false)?;
    let redis_url = redis.url.clone();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let sim_listener = TcpListener::bind("127.0.0.1:0")?;
        let sim_url = format!("http://{}", sim_listener.local_addr()?);
        let sim = sim::start(
            sim_listener,
            SimConfig {
                speed: 1e9,
                fault: None,
                fault_rate: 0.0,
            },
        )?;
        tokio::spawn(sim);
        let received = Arc::new(Mutex::new(HashMap::<String, u32>::new()));
        let hook = crate::sinks::webhooks(received.clone())?;

        let mut config = Config::from_layers(&[], std::iter::empty())?;
        config.redis.url = redis_url;
        config.redis.prefix = "bench-notify".into();
        config.carriers["sandbox"].base_url = sim_url;
        config.notifier.channels = vec![Channel::Outbox];
        config.notifier.triggers = Trigger::ALL.to_vec();
        config.notifier.outbox_dir = dir.join("outbox").to_string_lossy().into_owned();
        config.notifier.webhooks_allow_private = true;
        config.notifier.concurrency = concurrency;
        config.notifier.batch = 200;
        let parts = Parts::build(Arc::new(config)).await?;
        let merchant = shipmate::domain::MerchantId::from_random(shipmate::entropy::bytes());
        let record = shipmate::domain::Merchant {
            id: merchant.clone(),
            name: "Bench Coffee Co".into(),
            brand: shipmate::domain::Brand::default(),
            locale: shipmate::domain::Locale::english(),
            timezone: chrono_tz::Europe::Lisbon.into(),
            created_at: Utc::now(),
            lookup_slug: None,
        };
        parts.store.create_merchant(&record, "0", None, None).await?;
        let caller = shipmate::services::Caller {
            merchant: merchant.clone(),
            by: shipmate::services::Actor::Key(shipmate::domain::KeyId::of_hash("0")),
        };
        shipmate::services::Webhooks::new(parts.store.clone(), true)
            .create(&caller, &hook, &[], None, Utc::now())
            .await?;
        for i in 0..shipments {
            let s = crate::fixtures::sample(&merchant, i, 0)?;
            parts
                .store
                .register(NewShipment {
                    lookup_digests: s.lookup_digests(),
                    next_poll: Utc::now(),
                    expires_at: s.expires_at(chrono::Duration::days(30)),
                    push_subscribe: false,
                    shipment: s,
                })
                .await?;
        }
        parts.notifier.prepare().await?;
        println!(
            "notifier: {shipments} parcels, outbox + one webhook endpoint, concurrency {concurrency}"
        );
        let mut total = (0usize, Duration::ZERO, 0u64);
        for (round, when) in [("shipped", Utc::now()), ("delivered", Utc::now() + chrono::Duration::days(1))] {
            while parts.poller.poll_due_once(when).await?.claimed > 0 {}
            let backlog = parts.store.event_backlog().await?;
            let (reads0, cmds0) = redis_counts(&parts.store).await?;
            let started = Instant::now();
            let mut sent = 0;
            let mut max_backlog = backlog;
            loop {
                let now = Utc::now();
                let c = parts.notifier.consume_once(now).await?;
                let d = parts.notifier.deliver_once(now).await?;
                sent += d.sent;
                max_backlog = max_backlog.max(parts.store.event_backlog().await?);
                if c.entries == 0 && d.claimed == 0 {
                    break;
                }
            }
            let took = started.elapsed();
            let (reads1, cmds1) = redis_counts(&parts.store).await?;
            let per = |a: u64, b: u64| (b.saturating_sub(a)) as f64 / sent.max(1) as f64;
            println!(
                "  {round:<10} Redis per message: {:.1} reads (round trips), {:.1} commands",
                per(reads0, reads1),
                per(cmds0, cmds1)
            );
            println!(
                "  {round:<10} {sent:>7} messages in {:>6.2?} → {:>7.0} messages/s (stream backlog at start {backlog}, after {})",
                took,
                sent as f64 / took.as_secs_f64(),
                parts.store.event_backlog().await?
            );
            total = (total.0 + sent, total.1 + took, total.2.max(max_backlog));
        }
        let webhooks: u32 = received.lock().map(|m| m.values().sum()).unwrap_or(0);
        println!(
            "  all        {:>7} messages in {:>6.2?} → {:>7.0} messages/s; webhooks received {webhooks}",
            total.0,
            total.1,
            total.0 as f64 / total.1.as_secs_f64()
        );
        anyhow::Ok(())
    })?;
    drop(redis);
    Ok(())
}

/// Redis' read events (about one per round trip) and commands processed so far.
async fn redis_counts(store: &shipmate::store::Store) -> anyhow::Result<(u64, u64)> {
    let info: String = redis::cmd("INFO")
        .arg("stats")
        .query_async(&mut store.connection())
        .await?;
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    Ok((
        field("total_reads_processed"),
        field("total_commands_processed"),
    ))
}
