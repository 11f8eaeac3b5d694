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
use shipmate::domain::{EmailAddress, MerchantId, Password, Role, Status, TrackingNumber};
use shipmate::roles::Parts;
use shipmate::store::{NewShipment, Store};

use crate::{fixtures, load};

pub struct Run {
    pub shipments: usize,
    pub events: usize,
    pub connections: usize,
    pub seconds: u64,
    pub workers: usize,
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
    let (merchant, cookie) = server_rt.block_on(load_shop(&parts, r.shipments, r.events))?;
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
    let runs: [(&str, Vec<String>); 5] = [
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
        ("overview", vec!["/console".into()]),
    ];
    println!(
        "console pages: {} connections, {} s each, {} server workers, {} shipments",
        r.connections, r.seconds, r.workers, r.shipments
    );
    println!(
        "  {:<28} {:>10} {:>10} {:>10} {:>8} {:>10}",
        "page", "req/s", "p50", "p99", "errors", "bytes"
    );
    for (name, mut paths) in runs {
        // Each connection cycles through its own share of the paths: one each at least.
        while paths.len() < r.connections {
            paths.extend_from_within(..);
        }
        let warm = Duration::from_secs(1);
        client_rt.block_on(load::run(addr, (&paths, &headers), r.connections, warm));
        let span = Duration::from_secs(r.seconds);
        let report = client_rt.block_on(load::run(addr, (&paths, &headers), r.connections, span));
        println!(
            "  {:<28} {:>10.0} {:>10.2?} {:>10.2?} {:>8} {:>10}",
            name,
            report.requests as f64 / report.elapsed.as_secs_f64(),
            report.percentile(0.50),
            report.percentile(0.99),
            report.errors,
            report.bytes / report.requests.max(1)
        );
    }
    server_rt.block_on(handle.stop(true));
    Ok(())
}

fn order_number(i: usize) -> String {
    format!("{}", i.saturating_add(100_000))
}

/// The merchant, its shipments and a signed-in owner; returns the session cookie.
async fn load_shop(parts: &Parts, n: usize, events: usize) -> anyhow::Result<(MerchantId, String)> {
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
    register(&parts.store, &merchant, n, events).await?;
    let after = parts.store.used_memory().await?;
    println!(
        "loaded {n} shipments × {events} events in {:.1?}; Redis {:.0} MiB, {:.0} bytes per shipment (all keys)",
        started.elapsed(),
        after.saturating_sub(before) as f64 / (1024.0 * 1024.0),
        after.saturating_sub(before) as f64 / n.max(1) as f64
    );
    Ok((merchant, session.expose().to_owned()))
}

/// Registers `n` shipments created over the last year, newest last, 64 at a time.
async fn register(
    store: &Store,
    merchant: &MerchantId,
    n: usize,
    events: usize,
) -> anyhow::Result<()> {
    let now = Utc::now();
    let step = Span::days(365) / (n.max(1) as i32);
    let mut batch = tokio::task::JoinSet::new();
    for i in 0..n {
        let mut s = fixtures::sample(merchant, i, events)?;
        s.tracking_number = TrackingNumber::parse(&format!("SBOT{i:08}"))?;
        s.order.number = order_number(i);
        s.status = status_of(i);
        s.substatus = None;
        s.created_at = now - step * ((n - i) as i32);
        let new = NewShipment {
            lookup_digests: s.lookup_digests(),
            next_poll: now + Span::hours(2),
            expires_at: s.expires_at(Span::days(30)),
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
    Ok(())
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
