//! `bench console`: one merchant with a million shipments (10 scans each, a year of
//! creation times, a realistic mix of statuses), an owner signed in, and the console's
//! pages under load one after the other — the newest shipments, a search by order number,
//! the "needs attention" filter, a rare status, the overview — with the Redis bytes each
//! list index adds per shipment.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::{Duration as Span, Utc};
use shipmate::config::Config;
use shipmate::domain::{
    EmailAddress, MerchantId, Password, Role, ShipmentId, Status, TrackingNumber,
};
use shipmate::roles::Parts;
use shipmate::store::{NewShipment, Next, Store};

use crate::{fixtures, load};

pub struct Run {
    pub shipments: usize,
    pub events: usize,
    pub connections: usize,
    pub seconds: u64,
    pub workers: usize,
    /// Parcels moved between lists per second while the pages are read (as pollers do).
    pub moves: u32,
}

/// Statuses by share in a hundred: most parcels are delivered, a few need attention.
fn status_of(i: usize) -> Status {
    match i % 100 {
        0..70 => Status::Delivered,
        70..88 => Status::InTransit,
        88..93 => Status::OutForDelivery,
        93..95 => Status::AvailableForPickup,
        95..97 => Status::Exception,
        97..99 => Status::FailedAttempt,
        _ => Status::ReturnToSender,
    }
}

pub fn run(r: Run) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("shipmate-bench-{}", std::process::id()));
    let redis = shipmate::demo::redis::spawn(&dir, false)?;
    let mut config = Config::from_layers(&[], std::iter::empty())?;
    config.redis.url = redis.url.clone();
    config.redis.prefix = "bench".into();
    config.http.workers = r.workers;
    // The benchmark's one client is every connection: no per-client limit applies.
    config.console.sign_ins_per_client = u32::MAX;
    let config = Arc::new(config);
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let parts = server_rt.block_on(Parts::build(config.clone()))?;
    let (merchant, cookie, ids) = server_rt.block_on(load_shop(&parts, r.shipments, r.events))?;
    server_rt.block_on(index_bytes(
        &parts.store,
        &redis.url,
        &merchant,
        r.shipments,
    ))?;

    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let server =
        server_rt.block_on(async { shipmate::web::server(parts.app_state(), listener) })?;
    let handle = server.handle();
    server_rt.spawn(server);

    let client_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let headers = format!("Cookie: shipmate_console={cookie}\r\n");
    let searches: Vec<String> = (0..1000)
        .map(|k| {
            let i = (k * 7919) % r.shipments.max(1);
            format!("/console/shipments?q={}", order_number(i))
        })
        .collect();
    let runs: [(&str, Vec<String>); 6] = [
        ("shipments, newest first", vec!["/console/shipments".into()]),
        ("search by order number", searches),
        (
            "needs attention",
            vec!["/console/shipments?attention=true".into()],
        ),
        (
            "status = return to sender",
            vec!["/console/shipments?status=return_to_sender".into()],
        ),
        (
            "status = delivered (listing)",
            vec!["/console/shipments?status=delivered".into()],
        ),
        ("overview", vec!["/console".into()]),
    ];
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mover = moves(parts.store.clone(), ids, r.moves, stop.clone());
    println!(
        "console pages: {} connections, {} s each, {} server workers, {} shipments, {} moves/s between lists meanwhile",
        r.connections, r.seconds, r.workers, r.shipments, r.moves
    );
    println!(
        "  {:<34} {:>8} {:>10} {:>10} {:>7} {:>9}",
        "page", "req/s", "p50", "p99", "errors", "bytes"
    );
    for (name, mut paths) in runs {
        // Each connection cycles through its own share of the paths: one each at least.
        while paths.len() < r.connections {
            paths.extend_from_within(..);
        }
        let spans = (Duration::from_secs(1), Duration::from_secs(r.seconds));
        load::row(
            &client_rt,
            (addr, &headers),
            (name, &paths),
            r.connections,
            spans,
        );
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let moved = mover
        .join()
        .map_err(|_| anyhow::anyhow!("mover panicked"))??;
    let (moved, took) = moved;
    println!(
        "  {moved} parcels moved between lists during the runs ({:.0}/s)",
        moved as f64 / took.as_secs_f64().max(0.001)
    );
    server_rt.block_on(handle.stop(true));
    Ok(())
}

/// A thread that moves `per_second` random parcels between lists until `stop`, through the
/// pollers' own write (claim, then save with the list moves), one after the other (so under
/// load it may fall short of the rate); returns how many it moved and in how long.
fn moves(
    store: Store,
    ids: Vec<ShipmentId>,
    per_second: u32,
    stop: Arc<std::sync::atomic::AtomicBool>,
) -> std::thread::JoinHandle<anyhow::Result<(u64, Duration)>> {
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        rt.block_on(async {
            let (mut moved, mut n) = (0u64, 0usize);
            let started = std::time::Instant::now();
            let pause = Duration::from_secs(1) / per_second.max(1);
            while per_second > 0 && !stop.load(std::sync::atomic::Ordering::Relaxed) {
                tokio::time::sleep(pause).await;
                n = n
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let Some(id) = ids.get((n >> 33) % ids.len().max(1)) else {
                    continue;
                };
                let Some(before) = store.shipment(id).await? else {
                    continue;
                };
                let mut after = before.clone();
                after.status = match before.status {
                    Status::InTransit => Status::OutForDelivery,
                    Status::OutForDelivery | Status::Exception => Status::InTransit,
                    Status::Delivered => continue,
                    _ => Status::Exception,
                };
                let now = Utc::now();
                let shard = store.keys().shard_of(id);
                let lease = now + Span::seconds(30);
                let Some(claim) = store
                    .claim_ids(shard, std::slice::from_ref(id), lease)
                    .await?
                    .pop()
                else {
                    continue;
                };
                let next = Next::Poll {
                    poll: now + Span::hours(2),
                    expires: now + Span::days(30),
                };
                let places = (before.list_place(now), after.list_place(now));
                if store
                    .save_claimed(&claim, &after, (next, places), &[])
                    .await?
                {
                    moved += 1;
                }
            }
            Ok((moved, started.elapsed()))
        })
    })
}

fn order_number(i: usize) -> String {
    format!("{}", i.saturating_add(100_000))
}

/// The merchant, its shipments and a signed-in owner; returns the session cookie.
async fn load_shop(
    parts: &Parts,
    n: usize,
    events: usize,
) -> anyhow::Result<(MerchantId, String, Vec<ShipmentId>)> {
    let state = parts.app_state();
    let input = shipmate::services::MerchantInput {
        name: "Bench Coffee Co".into(),
        brand: shipmate::domain::Brand::default(),
        logo: None,
        locale: shipmate::domain::Locale::english(),
        timezone: chrono_tz::Europe::Lisbon.into(),
        lookup_slug: None,
        owner: None,
    };
    let made = state.merchants.create(input, Utc::now()).await?;
    let merchant = made.merchant.id.clone();
    let email = EmailAddress::parse("owner@bench.example")?;
    let (_, invitation) = state
        .console
        .invite(&merchant, email, Role::Owner, Utc::now())
        .await?;
    let password = Password::parse("the bench owner's passphrase")?;
    let (session, _) = state
        .console
        .accept(&invitation, password, Utc::now())
        .await?;

    let started = std::time::Instant::now();
    let before = parts.store.used_memory().await?;
    let ids = register(&parts.store, &merchant, n, events).await?;
    let after = parts.store.used_memory().await?;
    println!(
        "loaded {n} shipments × {events} events in {:.1?}; Redis {:.0} MiB, {:.0} bytes per shipment (all keys)",
        started.elapsed(),
        after.saturating_sub(before) as f64 / (1024.0 * 1024.0),
        after.saturating_sub(before) as f64 / n.max(1) as f64
    );
    Ok((merchant, session.expose().to_owned(), ids))
}

/// Registers `n` shipments created over the last year, newest last, 64 at a time.
async fn register(
    store: &Store,
    merchant: &MerchantId,
    n: usize,
    events: usize,
) -> anyhow::Result<Vec<ShipmentId>> {
    let now = Utc::now();
    let mut ids = Vec::with_capacity(n);
    let step = Span::days(365) / (n.max(1) as i32);
    let mut batch = tokio::task::JoinSet::new();
    for i in 0..n {
        let mut s = fixtures::sample(merchant, i, events)?;
        s.tracking_number = TrackingNumber::parse(&format!("SBOT{i:08}"))?;
        s.order.number = order_number(i);
        s.status = status_of(i);
        s.substatus = None;
        s.created_at = now - step * ((n - i) as i32);
        ids.push(s.id.clone());
        let new = NewShipment {
            lookup_digests: s.lookup_digests(),
            next_poll: now + Span::hours(2),
            expires_at: s.expires_at(Span::days(30)),
            push_subscribe: false,
            shipment: s,
        };
        let store = store.clone();
        batch.spawn(async move { store.register(new).await.map(|_| ()) });
        if batch.len() >= 64 {
            batch.join_next().await.context("join")???;
        }
    }
    while let Some(r) = batch.join_next().await {
        r??;
    }
    Ok(ids)
}

/// What the console's indexes weigh, per shipment (exact `MEMORY USAGE`, on a connection
/// without the store's response timeout: a million-entry key takes a while to walk).
async fn index_bytes(
    store: &Store,
    url: &str,
    merchant: &MerchantId,
    n: usize,
) -> anyhow::Result<()> {
    let config = redis::AsyncConnectionConfig::new().set_response_timeout(None);
    let mut conn = redis::Client::open(url)?
        .get_multiplexed_async_connection_with_config(&config)
        .await?;
    let mut usage = async |key: String| -> anyhow::Result<u64> {
        let n: Option<u64> = redis::cmd("MEMORY")
            .arg("USAGE")
            .arg(key)
            .arg("SAMPLES")
            .arg(0)
            .query_async(&mut conn)
            .await?;
        Ok(n.unwrap_or(0))
    };
    let keys = store.keys();
    let per = |b: u64| b as f64 / n.max(1) as f64;
    let listing = usage(keys.merchant_index(merchant)).await?;
    let mut search = 0;
    for key in keys.search_buckets(merchant) {
        search += usage(key).await?;
    }
    let mut statuses = 0;
    for st in Status::ALL {
        statuses += usage(keys.status_list(merchant, st)).await?;
    }
    let attention = usage(keys.attention_list(merchant)).await?;
    println!("  index bytes per shipment (MEMORY USAGE):");
    println!(
        "    listing (all, newest first; the API's) {:>8.1}",
        per(listing)
    );
    println!(
        "    search (tracking, order, e-mail)        {:>8.1}",
        per(search)
    );
    println!(
        "    status lists                            {:>8.1}",
        per(statuses)
    );
    println!(
        "    needs-attention list                    {:>8.1}",
        per(attention)
    );
    println!(
        "    added for the console (search + status + attention) {:.1}",
        per(search + statuses + attention)
    );
    Ok(())
}
