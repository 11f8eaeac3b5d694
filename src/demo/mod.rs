//! `shipmate demo`: everything on one machine from embedded defaults — a private Redis
//! (unless `SHIPMATE__REDIS__URL` is set), carrier-sim, every role, and a seeded merchant.

pub mod redis;
mod seed;

use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use tokio_util::sync::CancellationToken;

use crate::config::{self, Config};
use crate::roles::{self, Parts, Role};
use crate::sim::{self, SimConfig};

pub async fn run() -> anyhow::Result<()> {
    let mut config = Config::load(Some(config::DEMO_TOML))?;
    crate::telemetry::init(&config.log);
    let _redis = if config::is_overridden("REDIS__URL") {
        config.redis.prefix = format!(
            "shipmate-demo-{:06x}",
            crate::entropy::unit().to_bits() & 0xff_ffff
        );
        None
    } else {
        let dir = Path::new(&config.demo.data_dir);
        // A fresh store each run: the demo's journeys restart with carrier-sim.
        let _ = std::fs::remove_dir_all(dir);
        let local = redis::spawn(dir, true)?;
        config.redis.url = local.url.clone();
        config.redis.prefix = "shipmate-demo".into();
        Some(local)
    };
    let sim_listener = TcpListener::bind(&config.demo.sim_addr)
        .or_else(|_| TcpListener::bind("127.0.0.1:0"))
        .context("binding carrier-sim")?;
    let sim_url = format!("http://{}", sim_listener.local_addr()?);
    config.carriers["sandbox"].base_url = sim_url.clone();
    let sim_server = sim::start(
        sim_listener,
        SimConfig {
            speed: config.demo.speed,
            fault: None,
            fault_rate: 0.0,
        },
    )?;
    let sim_handle = sim_server.handle();
    tokio::spawn(sim_server);
    if config.admin.token.is_empty() {
        config.admin.token = base64_token().into();
    }
    let listener = TcpListener::bind(&config.http.addr).with_context(|| {
        format!(
            "binding {} (set SHIPMATE__HTTP__ADDR to use another address)",
            config.http.addr
        )
    })?;
    if !config::is_overridden("HTTP__PUBLIC_URL") {
        config.http.public_url = format!("http://{}", listener.local_addr()?);
    }
    let config = Arc::new(config);
    let parts = Parts::build(config.clone()).await?;
    let seeded = seed::seed(&parts).await?;
    print_banner(&config, &sim_url, &seeded);
    let cancel = CancellationToken::new();
    crate::supervise::cancel_on_signals(cancel.clone());
    roles::run(parts, &[Role::All], Some(listener), cancel).await?;
    sim_handle.stop(true).await;
    Ok(())
}

fn base64_token() -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(crate::entropy::bytes::<32>())
}

fn print_banner(config: &Config, sim_url: &str, seeded: &seed::Seeding) {
    let api_key = &seeded.api_key;
    let base = config.public_url();
    println!(
        "\nshipmate demo is running — parcels move {}x faster than real time.\n",
        config.demo.speed
    );
    println!("Tracking pages:");
    for s in &seeded.shipments {
        println!(
            "  {:<15} {:<8} {:<6} {}",
            s.label, s.first_name, s.locale, s.url
        );
    }
    if let Some(first) = seeded.shipments.first() {
        println!(
            "\nOrder lookup:    {}  (order {} + {})",
            seeded.lookup_url, first.order, first.email
        );
    }
    let (email, password) = &seeded.console;
    println!("Console:          {base}/console  (sign in as {email}, password {password})");
    println!("Merchant API key: {api_key}");
    println!("Admin token:      {}", config.admin.token.expose());
    println!("carrier-sim:      {sim_url}");
    println!(
        "Messages sent:    {base}/dev/outbox  (written to {})",
        config.notifier.outbox_dir
    );
    println!("\nFor the README's examples, paste this line into a shell:\n");
    println!("{}", exports(base, api_key, config.admin.token.expose()));
    println!(
        "\nTry:  curl -fsS -H \"Authorization: Bearer $API_KEY\" \"$SHIPMATE/api/v1/shipments?limit=3\""
    );
    println!("Press Ctrl-C to stop.\n");
}

/// `export SHIPMATE=… API_KEY=… ADMIN_TOKEN=…`, quoted for a POSIX shell (`eval` it).
fn exports(base: &str, api_key: &str, admin_token: &str) -> String {
    let quote = |v: &str| format!("'{}'", v.replace('\'', r"'\''"));
    format!(
        "export SHIPMATE={} API_KEY={} ADMIN_TOKEN={}",
        quote(base),
        quote(api_key),
        quote(admin_token)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_exports_line_is_quoted_for_the_shell() {
        assert_eq!(
            super::exports("http://127.0.0.1:8080", "sk_1", "it's"),
            r"export SHIPMATE='http://127.0.0.1:8080' API_KEY='sk_1' ADMIN_TOKEN='it'\''s'"
        );
    }
}
