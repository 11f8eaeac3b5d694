//! `bench analytics`: one merchant's year — a million delivered parcels over 12 months,
//! 8 carriers, 200 lanes, each counted into the analytics as the poller counts it, with
//! their messages and page views — then the Redis bytes the counters take, the cost of one
//! delivered parcel's update, and every analytics endpoint over the whole year under load.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, Utc};
use futures_util::StreamExt;
use shipmate::config::Config;
use shipmate::domain::MerchantId;
use shipmate::domain::analytics::{Count, Dims};
use shipmate::roles::Parts;
use shipmate::store::Store;

use crate::load;

pub struct Run {
    pub parcels: usize,
    pub connections: usize,
    pub seconds: u64,
    pub workers: usize,
    /// `http.analytics_cache` of the server ("0s": every report read from Redis).
    pub cache_ttl: String,
}

const CARRIERS: [&str; 8] = [
    "ups",
    "fedex",
    "dhl",
    "usps",
    "royal_mail",
    "canada_post",
    "correios",
    "inpost",
];

/// Parcel `i` of `n`: its carrier and lane, when it was delivered, and everything its
/// settles counted (in transit, out for delivery, delivered with its figures).
fn parcel(i: usize, n: usize, start: DateTime<Utc>) -> (Dims, DateTime<Utc>, Vec<Count>) {
    let dims = Dims {
        carrier: CARRIERS[i % CARRIERS.len()].to_owned(),
        lane: format!(
            "{}-{:02}",
            if i.is_multiple_of(2) { "BR" } else { "PT" },
            (i / 2) % 100
        ),
    };
    let at = start + Span::seconds((i as i64) * 365 * 86_400 / n.max(1) as i64);
    let transit = 1 + (i * 7 % 9);
    let mut counts: Vec<Count> = [
        "s:in_transit",
        "s:out_for_delivery",
        "s:delivered",
        "dl",
        "pr",
    ]
    .iter()
    .map(|f| ((*f).to_owned(), 1))
    .collect();
    counts.push((format!("t{transit}"), 1));
    counts.push(("ts".into(), transit as i64 * 100));
    if i % 100 < 87 {
        counts.push(("ot".into(), 1));
    }
    if i % 100 < 93 {
        counts.push(("fa".into(), 1));
    }
    if !i.is_multiple_of(3) {
        counts.extend([("en".into(), 1), ("ee".into(), 80), ("ei".into(), 1)]);
    }
    if i.is_multiple_of(40) {
        counts.extend([("s:exception".into(), 1), ("x:customs_hold".into(), 1)]);
    }
    (dims, at, counts)
}

pub fn run(r: Run) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("shipmate-bench-{}", std::process::id()));
    let redis = shipmate::demo::redis::spawn(&dir, false)?;
    let mut config = Config::from_layers(&[], std::iter::empty())?;
    config.redis.url = redis.url.clone();
    config.redis.prefix = "bench".into();
    config.http.workers = r.workers;
    config.limits.api_per_minute = u32::MAX;
    config.limits.api_expensive_per_minute = u32::MAX;
    config.http.analytics_cache =
        shipmate::config::parse_duration(&r.cache_ttl).map_err(anyhow::Error::msg)?;
    let config = Arc::new(config);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let parts = rt.block_on(Parts::build(config.clone()))?;
    let (merchant, key) = rt.block_on(shop(&parts))?;
    let start = Utc::now() - Span::days(365);
    rt.block_on(fill(&parts.store, &merchant, r.parcels, start))?;

    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let server = rt.block_on(async { shipmate::web::server(parts.app_state(), listener) })?;
    let handle = server.handle();
    rt.spawn(server);
    let client = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let headers = format!("Authorization: Bearer {key}\r\n");
    let year = format!(
        "from={}&to={}",
        start.date_naive() + Span::days(1),
        Utc::now().date_naive()
    );
    println!(
        "analytics endpoints over the whole year: {} connections, {} s each, {} server workers, reports reused for {}",
        r.connections, r.seconds, r.workers, r.cache_ttl
    );
    println!(
        "  {:<34} {:>8} {:>10} {:>10} {:>7} {:>9}",
        "report", "req/s", "p50", "p99", "errors", "bytes"
    );
    for report in [
        "statuses",
        "delivery",
        "delivery?by=lane",
        "exceptions",
        "estimates",
        "messages",
        "pages",
        "delivery.csv?by=lane",
    ] {
        let sep = if report.contains('?') { '&' } else { '?' };
        // One path per connection (each connection cycles through its own share).
        let paths = vec![format!("/api/v1/analytics/{report}{sep}{year}"); r.connections];
        let spans = (Duration::from_millis(500), Duration::from_secs(r.seconds));
        load::row(
            &client,
            (addr, &headers),
            (report, &paths),
            r.connections,
            spans,
        );
    }
    rt.block_on(handle.stop(true));
    Ok(())
}

async fn shop(parts: &Parts) -> anyhow::Result<(MerchantId, String)> {
    let input = shipmate::services::MerchantInput {
        name: "Bench Analytics Co".into(),
        brand: shipmate::domain::Brand::default(),
        logo: None,
        locale: shipmate::domain::Locale::english(),
        timezone: chrono_tz::Europe::Lisbon.into(),
        lookup_slug: None,
        owner: None,
    };
    let made = parts
        .app_state()
        .merchants
        .create(input, Utc::now())
        .await?;
    Ok((made.merchant.id.clone(), made.api_key.expose().to_owned()))
}

/// Counts every parcel as the poller does (one `Store::count` each, 32 at a time), then
/// the year's messages and page views; prints the bytes and the cost of one update.
async fn fill(store: &Store, m: &MerchantId, n: usize, start: DateTime<Utc>) -> anyhow::Result<()> {
    let before = store.used_memory().await?;
    // One at a time first: what a delivered parcel's settle pays.
    let sample = n.min(20_000);
    let t = Instant::now();
    for i in 0..sample {
        let (dims, at, counts) = parcel(i, n, start);
        store.count(m, &dims, at, &counts).await?;
    }
    let one = t.elapsed() / sample.max(1) as u32;
    let (_, _, counts) = parcel(0, n, start);
    println!(
        "one delivered parcel's update: 1 round trip, {} commands (5 hashes × {} counters, their expiry, the dimensions), {:.1?} each one after the other",
        5 * (counts.len() + 1) + 1,
        counts.len(),
        one
    );
    let t = Instant::now();
    futures_util::stream::iter(sample..n)
        .map(|i| async move {
            let (dims, at, counts) = parcel(i, n, start);
            store.count(m, &dims, at, &counts).await
        })
        .buffer_unordered(32)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    let rest = (n - sample).max(1);
    println!(
        "counted {n} parcels; the rest 32 at a time: {:.0} parcels/s",
        rest as f64 / t.elapsed().as_secs_f64()
    );
    let mut views: shipmate::store::Views = vec![];
    for day in 0..365 {
        let at = start + Span::days(day);
        let count = (3 * n / 365) as i64;
        store
            .count_message(m, at, &("m:email".into(), count))
            .await?;
        let ids: Vec<String> = (0..n / 365).map(|i| format!("shp_{day}_{i}")).collect();
        views.push((
            m.clone(),
            "ups".into(),
            at.date_naive(),
            2 * ids.len() as u64,
            ids,
        ));
        if views.len() == 30 {
            store.count_views(&views).await?;
            views.clear();
        }
    }
    store.count_views(&views).await?;
    let after = store.used_memory().await?;
    println!(
        "analytics counters: {:.2} MiB for {n} parcels ({:.1} bytes per parcel): 9 dimensions × 365 daily hashes, (8 + 200 + 1) × 12 monthly hashes (carriers, lanes, all lanes), 365 daily and 12 monthly HyperLogLogs",
        after.saturating_sub(before) as f64 / (1024.0 * 1024.0),
        after.saturating_sub(before) as f64 / n.max(1) as f64
    );
    Ok(())
}
