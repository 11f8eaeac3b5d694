//! Benchmarks that print figures: `page` (tracking pages under load, bytes per shipment),
//! `notify` (messages per second), `scale` (1M shipments: bytes, tick cost), `polls` (poll
//! lag against the cadence), `console` (console pages on 1M shipments, index bytes),
//! `chaos` (processes and Redis killed while shipments move:
//! nothing stuck, lost or repeated), `import` (rows per second, the web process's memory),
//! `analytics` (a year of a million parcels: counter bytes, update cost, reports under load).
#![allow(clippy::print_stdout)]

mod analytics;
mod chaos;
mod console;
mod fixtures;
mod import;
mod load;
mod naive;
mod notify;
mod page;
mod polls;
mod scale;
mod sinks;

use clap::{Parser, Subcommand};

/// glibc malloc spends a third of a page view's CPU under load; mimalloc does not.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Bench,
}

#[derive(Subcommand)]
enum Bench {
    /// Tracking-page throughput and Redis bytes per shipment.
    Page {
        #[arg(long, default_value_t = 10_000)]
        shipments: usize,
        #[arg(long, default_value_t = 10)]
        events: usize,
        #[arg(long, default_value_t = 64)]
        connections: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// HTTP worker threads of the server under test.
        #[arg(long, default_value_t = 2)]
        workers: usize,
        /// `http.page_cache_ttl` of the server under test ("0s" reads Redis on every view).
        #[arg(long, default_value = "5m")]
        cache_ttl: String,
        /// Web processes serving the pages (the second one is this program re-run as
        /// `serve-web`), all on one Redis; the load is split between them.
        #[arg(long, default_value_t = 1)]
        web_processes: usize,
        /// Load generator: "wrk" (if installed) or "builtin".
        #[arg(long, default_value = "wrk")]
        client: String,
        /// Serve a naive page instead (one Redis GET of plain JSON, serde, askama per
        /// view): the floor a cold page (`--cache-ttl 0s`) is compared with.
        #[arg(long)]
        naive: bool,
        /// Give the shop a year of delivered parcels on the shipments' lanes and a recent
        /// pace first, so that each page shows a learned window drawn under the pace.
        #[arg(long)]
        learned: bool,
    },
    /// Redis bytes per shipment and the cost of a scheduler tick, from 10k to 1M shipments.
    Scale {
        /// Sizes to measure at, loaded one after the other.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000,1000000")]
        sizes: Vec<usize>,
        #[arg(long, default_value_t = 10)]
        events: usize,
    },
    /// Poll lag: shipments due evenly over one cadence, poller processes on both cores.
    Polls {
        #[arg(long, default_value_t = 1_000_000)]
        shipments: usize,
        /// Every status's polling cadence for the run.
        #[arg(long, default_value = "2h")]
        cadence: String,
        #[arg(long, default_value_t = 120)]
        seconds: u64,
        #[arg(long, default_value_t = 2)]
        pollers: usize,
    },
    /// One poller process (started by `polls`).
    #[command(hide = true)]
    ServePoller {
        #[arg(long)]
        redis_url: String,
        #[arg(long)]
        sim_url: String,
        #[arg(long)]
        cadence: String,
    },
    /// One web process on an existing Redis (started by `page --web-processes 2`).
    #[command(hide = true)]
    ServeWeb {
        #[arg(long)]
        redis_url: String,
        #[arg(long)]
        workers: usize,
        #[arg(long)]
        cache_ttl: String,
        #[arg(long)]
        port_file: std::path::PathBuf,
    },
    /// Pollers, notifiers and Redis killed with SIGKILL while shipments move through
    /// carrier-sim with notifications on; then counts what is stuck, lost or repeated.
    Chaos {
        #[arg(long, default_value_t = 100_000)]
        shipments: usize,
        #[arg(long, default_value_t = 2)]
        pollers: usize,
        #[arg(long, default_value_t = 2)]
        notifiers: usize,
        /// SIGKILLs of poller and notifier processes (each restarted at once).
        #[arg(long, default_value_t = 20)]
        kills: usize,
        /// SIGKILLs of redis-server (each restarted from its append-only file).
        #[arg(long, default_value_t = 5)]
        redis_crashes: usize,
        /// carrier-sim's clock speed (4000: the longest journey takes 2 minutes).
        #[arg(long, default_value_t = 4000.0)]
        speed: f64,
        #[arg(long, default_value_t = 60)]
        timeout_minutes: u64,
    },
    /// One role process, configured from the environment (started by `chaos`).
    #[command(hide = true)]
    ServeRole {
        #[arg(long, value_enum)]
        role: shipmate::roles::Role,
    },
    /// Console pages under load on one merchant's million shipments, and the bytes its
    /// indexes add per shipment.
    Console {
        #[arg(long, default_value_t = 1_000_000)]
        shipments: usize,
        #[arg(long, default_value_t = 10)]
        events: usize,
        #[arg(long, default_value_t = 16)]
        connections: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        #[arg(long, default_value_t = 2)]
        workers: usize,
        /// Parcels moved between lists per second while the pages are read (0: none).
        #[arg(long, default_value_t = 100)]
        moves: u32,
    },
    /// Files of shipments imported by a web process: rows per second and its peak memory
    /// as the file grows.
    Import {
        #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
        sizes: Vec<usize>,
        /// `imports.concurrency` of the web process.
        #[arg(long, default_value_t = 16)]
        concurrency: usize,
    },
    /// A year of one merchant's million delivered parcels counted into the analytics: the
    /// counters' bytes, one parcel's update, and every report over the year under load.
    Analytics {
        #[arg(long, default_value_t = 1_000_000)]
        parcels: usize,
        #[arg(long, default_value_t = 16)]
        connections: usize,
        #[arg(long, default_value_t = 5)]
        seconds: u64,
        #[arg(long, default_value_t = 2)]
        workers: usize,
        /// `http.analytics_cache` of the server ("0s": every report read from Redis).
        #[arg(long, default_value = "0s")]
        cache_ttl: String,
    },
    /// Notification throughput (outbox and webhooks) and stream backlog.
    Notify {
        #[arg(long, default_value_t = 5_000)]
        shipments: usize,
        #[arg(long, default_value_t = 16)]
        concurrency: usize,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Bench::Scale { sizes, events } => scale::run(&sizes, events),
        Bench::Analytics {
            parcels,
            connections,
            seconds,
            workers,
            cache_ttl,
        } => analytics::run(analytics::Run {
            parcels,
            connections,
            seconds,
            workers,
            cache_ttl,
        }),
        Bench::Console {
            shipments,
            events,
            connections,
            seconds,
            workers,
            moves,
        } => console::run(console::Run {
            shipments,
            events,
            connections,
            seconds,
            workers,
            moves,
        }),
        Bench::Polls {
            shipments,
            cadence,
            seconds,
            pollers,
        } => polls::run(polls::Run {
            shipments,
            cadence,
            seconds,
            pollers,
        }),
        Bench::ServePoller {
            redis_url,
            sim_url,
            cadence,
        } => polls::serve(&redis_url, &sim_url, &cadence),
        Bench::ServeWeb {
            redis_url,
            workers,
            cache_ttl,
            port_file,
        } => page::serve_web(&redis_url, workers, &cache_ttl, &port_file),
        Bench::Chaos {
            shipments,
            pollers,
            notifiers,
            kills,
            redis_crashes,
            speed,
            timeout_minutes,
        } => chaos::run(chaos::Run {
            shipments,
            pollers,
            notifiers,
            kills,
            redis_crashes,
            speed,
            timeout_minutes,
        }),
        Bench::ServeRole { role } => tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?
            .block_on(shipmate::roles::serve(&[role])),
        Bench::Notify {
            shipments,
            concurrency,
        } => notify::run(shipments, concurrency),
        Bench::Import { sizes, concurrency } => import::run(&sizes, concurrency),
        Bench::Page {
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
        } => page::run(page::Run {
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
        }),
    }
}
