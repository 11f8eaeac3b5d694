//! `bench page`: loads shipments with events into a private Redis, prints Redis bytes per
//! shipment, then serves their tracking pages under load (one or more web processes).

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::Utc;
use shipmate::config::Config;
use shipmate::domain::MerchantId;
use shipmate::entropy;
use shipmate::roles::Parts;

use super::{fixtures, load, naive};

pub struct Run {
    pub shipments: usize,
    pub events: usize,
    pub connections: usize,
    pub seconds: u64,
    pub workers: usize,
    pub cache_ttl: String,
    pub client: String,
    pub web_processes: usize,
    /// Serve the naive page (one GET, serde, askama) instead of shipmate's.
    pub naive: bool,
    /// Learned windows under a pace on every page.
    pub learned: bool,
}

pub fn run(r: Run) -> anyhow::Result<()> {
    let Run {
        shipments,
        events,
        connections,
        seconds,
        workers,
        cache_ttl,
        client,
        web_processes,
        naive,
        learned,
    } = r;
    let dir = std::env::temp_dir().join(format!("shipmate-bench-{}", std::process::id()));
    let redis = shipmate::demo::redis::spawn(&dir, false)?;
    let mut config = Config::from_layers(&[], std::iter::empty())?;
    config.redis.url = redis.url.clone();
    config.redis.prefix = "bench".into();
    config.http.workers = workers;
    config.http.page_cache_ttl =
        shipmate::config::parse_duration(&cache_ttl).map_err(anyhow::Error::msg)?;
    let config = Arc::new(config);
    let cancel = tokio_util::sync::CancellationToken::new();

    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let (parts, paths) =
        server_rt.block_on(load_shipments(config.clone(), (shipments, events), learned))?;
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let server = if naive {
        anyhow::ensure!(web_processes == 1, "--naive serves from one process");
        server_rt.block_on(naive_copies(&config, &parts, &paths))?;
        let redis = server_rt.block_on(redis::aio::ConnectionManager::new(redis::Client::open(
            config.redis.url.as_str(),
        )?))?;
        naive::server(redis, listener, workers)?
    } else {
        server_rt.block_on(async { shipmate::web::server(parts.app_state(), listener) })?
    };
    let handle = server.handle();
    server_rt.spawn(server);
    server_rt.spawn(
        parts
            .store
            .clone()
            .follow_changes(Duration::from_millis(100), cancel.clone()),
    );
    let mut addrs = vec![addr];
    let mut children = vec![];
    for i in 1..web_processes {
        let port_file = dir.join(format!("web{i}.port"));
        let child = std::process::Command::new(std::env::current_exe()?)
            .args(["serve-web", "--redis-url", &redis.url])
            .args(["--workers", &workers.to_string(), "--cache-ttl", &cache_ttl])
            .arg("--port-file")
            .arg(&port_file)
            .spawn()?;
        children.push(child);
        addrs.push(wait_for_port(&port_file)?);
    }

    let have_wrk = std::process::Command::new("wrk")
        .arg("--version")
        .output()
        .is_ok();
    if client == "wrk" && have_wrk {
        wrk(&addrs, &paths, connections, seconds, &dir)?;
        for mut child in children {
            let _ = child.kill();
            let _ = child.wait();
        }
        server_rt.block_on(handle.stop(true));
        return Ok(());
    }
    anyhow::ensure!(
        web_processes == 1,
        "--web-processes needs wrk (apt-get install wrk)"
    );
    if client == "wrk" {
        println!("wrk is not installed (apt-get install wrk); using the built-in load generator");
    }
    let client_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    println!("warming up…");
    client_rt.block_on(load::run(
        addr,
        (&paths, ""),
        connections,
        Duration::from_secs(1),
    ));
    let report = client_rt.block_on(load::run(
        addr,
        (&paths, ""),
        connections,
        Duration::from_secs(seconds),
    ));
    let secs = report.elapsed.as_secs_f64();
    println!(
        "tracking page GET /t/{{token}}: {connections} connections, {seconds} s, {workers} server workers"
    );
    println!("  requests/s   {:>10.0}", report.requests as f64 / secs);
    println!("  p50          {:>10.2?}", report.percentile(0.50));
    println!("  p99          {:>10.2?}", report.percentile(0.99));
    println!("  max          {:>10.2?}", report.percentile(1.0));
    println!("  errors       {:>10}", report.errors);
    println!(
        "  page size    {:>10} bytes",
        report.bytes / report.requests.max(1)
    );
    server_rt.block_on(handle.stop(true));
    Ok(())
}

/// Runs one `wrk -t1` per address at once (the connections split between them), over
/// every page path in turn, and prints their reports and the total rate.
fn wrk(
    addrs: &[std::net::SocketAddr],
    paths: &[String],
    connections: usize,
    seconds: u64,
    dir: &std::path::Path,
) -> anyhow::Result<()> {
    let script = dir.join("pages.lua");
    let list: Vec<String> = paths.iter().map(|p| format!("\"{p}\"")).collect();
    std::fs::write(
        &script,
        format!(
            "local paths = {{{}}}\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n",
            list.join(",")
        ),
    )?;
    let per = (connections / addrs.len()).max(1);
    let run = |secs: u64| -> anyhow::Result<Vec<String>> {
        let children = addrs
            .iter()
            .map(|addr| {
                std::process::Command::new("wrk")
                    .args([
                        "-t1",
                        &format!("-c{per}"),
                        &format!("-d{secs}s"),
                        "--latency",
                        "-s",
                    ])
                    .arg(&script)
                    .arg(format!("http://{addr}"))
                    .stdout(std::process::Stdio::piped())
                    .spawn()
            })
            .collect::<std::io::Result<Vec<_>>>()?;
        children
            .into_iter()
            .map(|c| Ok(String::from_utf8_lossy(&c.wait_with_output()?.stdout).into_owned()))
            .collect()
    };
    run(2)?;
    let cpu_before = cpu_time();
    let reports = run(seconds)?;
    let cpu = cpu_time()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    println!(
        "tracking page GET /t/{{token}} over {} pages: {} web process(es), wrk -t1 -c{per} -d{seconds}s against each",
        paths.len(),
        addrs.len()
    );
    let mut total = 0.0;
    for report in &reports {
        print!("{report}");
        total += report
            .lines()
            .find_map(|l| l.strip_prefix("Requests/sec:"))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .unwrap_or(0.0);
    }
    println!("total requests/s: {total:.0}");
    let requests: f64 = reports
        .iter()
        .filter_map(|r| r.lines().find(|l| l.contains(" requests in ")))
        .filter_map(|l| l.split_whitespace().next()?.parse::<f64>().ok())
        .sum();
    // The machine's speed drifts; the CPU a page costs drifts less than the rate.
    if let (Some(cpu), [_]) = (cpu, addrs) {
        let per = cpu.as_secs_f64() * 1e6 / requests.max(1.0);
        println!("web process CPU per request: {per:.1} µs (user + kernel, all its threads)");
    }
    Ok(())
}

/// The CPU time this process has used, user and kernel, all its threads (`/proc/self/stat`
/// fields 14 and 15, in ticks of 10 ms).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
    // After the command's closing parenthesis comes field 3, the state.
    Some(Duration::from_millis(
        (ticks(14 - 3)? + ticks(15 - 3)?) * 10,
    ))
}

/// Writes each shipment as plain JSON under the naive page's key.
async fn naive_copies(config: &Config, parts: &Parts, paths: &[String]) -> anyhow::Result<()> {
    let mut conn = redis::Client::open(config.redis.url.as_str())?
        .get_multiplexed_async_connection()
        .await?;
    for path in paths {
        let token = path.trim_start_matches("/t/");
        let parsed = shipmate::domain::PublicToken::parse(token).map_err(anyhow::Error::msg)?;
        let Some(s) = parts
            .store
            .shipment_by_token(&parsed, Duration::ZERO)
            .await?
        else {
            anyhow::bail!("shipment {token} vanished");
        };
        let () = redis::cmd("SET")
            .arg(naive::key(token))
            .arg(serde_json::to_vec(&*s)?)
            .query_async(&mut conn)
            .await?;
    }
    Ok(())
}

/// Serves tracking pages from an existing Redis (the bench's second web process) until killed.
pub fn serve_web(
    redis_url: &str,
    workers: usize,
    cache_ttl: &str,
    port_file: &std::path::Path,
) -> anyhow::Result<()> {
    let mut config = Config::from_layers(&[], std::iter::empty())?;
    config.redis.url = redis_url.to_owned();
    config.redis.prefix = "bench".into();
    config.http.workers = workers;
    config.http.page_cache_ttl =
        shipmate::config::parse_duration(cache_ttl).map_err(anyhow::Error::msg)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    rt.block_on(async {
        let parts = Parts::build(Arc::new(config)).await?;
        let listener = TcpListener::bind("127.0.0.1:0")?;
        std::fs::write(port_file, listener.local_addr()?.port().to_string())?;
        let cancel = tokio_util::sync::CancellationToken::new();
        tokio::spawn(
            parts
                .store
                .clone()
                .follow_changes(Duration::from_millis(100), cancel),
        );
        shipmate::web::server(parts.app_state(), listener)?.await?;
        Ok(())
    })
}

fn wait_for_port(file: &std::path::Path) -> anyhow::Result<std::net::SocketAddr> {
    for _ in 0..300 {
        if let Some(port) = std::fs::read_to_string(file)
            .ok()
            .and_then(|p| p.trim().parse().ok())
        {
            return Ok(std::net::SocketAddr::from(([127, 0, 0, 1], port)));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    anyhow::bail!("the second web process did not start")
}

/// Registers `n` shipments with `events` scans each; prints Redis bytes per shipment.
async fn load_shipments(
    config: Arc<Config>,
    (n, events): (usize, usize),
    learned: bool,
) -> anyhow::Result<(Parts, Vec<String>)> {
    let parts = Parts::build(config).await?;
    let store = &parts.store;
    let before = store.used_memory().await?;
    let merchant = MerchantId::from_random(entropy::bytes());
    let started = std::time::Instant::now();
    let paths: Vec<String> =
        fixtures::register_range(store, &merchant, 0..n, events, None, &["OT"])
            .await?
            .iter()
            .map(|(_, token)| format!("/t/{}", token.as_str()))
            .collect();
    let after = store.used_memory().await?;
    println!(
        "loaded {n} shipments × {events} events in {:.1?}; Redis memory {:.1} MiB → {:.0} bytes per shipment (all keys and indexes)",
        started.elapsed(),
        (after - before) as f64 / (1024.0 * 1024.0),
        (after - before) as f64 / n as f64
    );
    breakdown(&parts, &merchant, paths.len()).await?;
    if learned {
        learn(store, &merchant, events).await?;
    }
    let merchant_record = shipmate::domain::Merchant {
        id: merchant.clone(),
        name: "Bench Coffee Co".into(),
        brand: shipmate::domain::Brand {
            color: shipmate::domain::BrandColor::parse("#0a7").ok(),
            logo: None,
            support_email: shipmate::domain::EmailAddress::parse("help@bench.example").ok(),
            support_url: None,
        },
        locale: shipmate::domain::Locale::english(),
        timezone: chrono_tz::Europe::Lisbon.into(),
        created_at: Utc::now(),
        lookup_slug: None,
    };
    store
        .create_merchant(&merchant_record, "0", None, None)
        .await?;
    Ok((parts, paths))
}

/// A year of delivered parcels (2 to 5 working days) on the lanes of the bench shop's
/// shipments, the last stretch's from the destination city's facility (a day or two) too,
/// and a pace drawn from 200 recent parcels running a little slow (a tenth still out).
async fn learn(
    store: &shipmate::store::Store,
    merchant: &MerchantId,
    events: usize,
) -> anyhow::Result<()> {
    use shipmate::domain::estimate::{self, Model, Recent, Stage};
    let sample = fixtures::sample(merchant, 0, events)?;
    let (levels, now) = (estimate::levels(&sample), Utc::now());
    let last = estimate::stage_levels(&sample, Stage::AtDestination);
    let tau = Model::default().tau;
    for day in 0..365u16 {
        let at = now - chrono::Duration::days(i64::from(365 - day));
        let days = 2.0 + f64::from(day % 5) * 0.75;
        store
            .learn_transit(merchant, &levels, (days, at), tau)
            .await?;
        let leg = 1.0 + f64::from(day % 3) * 0.5;
        store.learn_transit(merchant, &last, (leg, at), tau).await?;
    }
    let recent: Vec<Recent> = (0..200u16)
        .map(|i| Recent {
            expected: 3.5,
            taken: 3.0 + f64::from(i % 7) * 0.5,
            delivered: i % 10 != 0,
        })
        .collect();
    let pace = estimate::pace(&recent).context("a pace from 200 parcels")?;
    store.set_pace(merchant, Some(&pace), now).await?;
    let estimates = shipmate::services::estimates::Estimates::new(store.clone());
    let lanes = estimates.lanes(&[&sample]).await?;
    let w = estimates
        .window_in(&sample, &lanes, now)
        .context("a window")?;
    anyhow::ensure!(
        w.source == estimate::Source::Learned && lanes.pace(&sample, now).is_some(),
        "the pages would not show a learned window under a pace: {w:?}"
    );
    println!(
        "each page shows a learned window under a pace, e.g. {} – {}",
        w.earliest.format("%a %-d %b"),
        w.latest.format("%a %-d %b")
    );
    Ok(())
}

/// Where the bytes go: one shipment's own keys, and the shared sets and streams per shipment.
async fn breakdown(parts: &Parts, merchant: &MerchantId, n: usize) -> anyhow::Result<()> {
    let store = &parts.store;
    let keys = store.keys();
    let Some(sample) = store
        .list(merchant, &Default::default(), None, 1, chrono::Utc::now())
        .await?
        .items
        .pop()
    else {
        return Ok(());
    };
    let json = serde_json::to_string(&sample)?.len();
    let mut rows = vec![
        ("snapshot value (JSON bytes)", json as u64),
        (
            "snapshot key",
            store.memory_usage(&keys.shipment(&sample.id)).await?,
        ),
        (
            "public token key",
            store.memory_usage(&keys.token(&sample.token)).await?,
        ),
        (
            "registration key",
            store
                .memory_usage(&keys.registration(
                    &sample.merchant_id,
                    &sample.carrier,
                    &sample.tracking_number,
                ))
                .await?,
        ),
    ];
    for d in sample.lookup_digests() {
        rows.push((
            "order lookup key",
            store.memory_usage(&keys.lookup(&d)).await?,
        ));
    }
    let mut shared = [("due sets", 0u64), ("expiry sets", 0), ("event streams", 0)];
    for shard in 0..keys.shards() {
        shared[0].1 += store.memory_usage(&keys.due(shard)).await?;
        shared[1].1 += store.memory_usage(&keys.expiry(shard)).await?;
        shared[2].1 += store.memory_usage(&keys.events(shard)).await?;
    }
    rows.push((
        "merchant index (per shipment)",
        store.memory_usage(&keys.merchant_index(merchant)).await? / n as u64,
    ));
    let mut search = 0;
    for key in keys.search_buckets(merchant) {
        search += store.memory_usage(&key).await?;
    }
    rows.push(("search index (per shipment)", search / n as u64));
    for (name, total) in shared {
        rows.push((name, total / n as u64));
    }
    println!("  per-shipment breakdown (MEMORY USAGE):");
    for (name, bytes) in rows {
        println!("    {name:<32} {bytes:>6}");
    }
    Ok(())
}
