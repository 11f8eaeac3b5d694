//! The `shipmate` binary: parse the command line, load config, run.

use std::net::TcpListener;
use std::sync::Arc;

use anyhow::Context;

/// glibc malloc spends a third of a page view's CPU under load; mimalloc does not.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use clap::{Parser, Subcommand};

use shipmate::config::Config;
use shipmate::roles::{self, Parts, Role};
use shipmate::services::MerchantInput;
use shipmate::sim::{self, Fault, SimConfig};
use shipmate::web::{BrandRequest, MerchantRequest};

#[derive(Parser)]
#[command(
    name = "shipmate",
    version,
    about = "Self-hosted order tracking and post-purchase notifications"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run one or more roles against the configured Redis.
    Serve {
        #[arg(long, value_enum, default_values_t = [Role::All])]
        role: Vec<Role>,
    },
    /// Everything on this machine with demo data: Redis, carrier-sim, all roles.
    Demo,
    /// The scripted sandbox carrier API.
    CarrierSim {
        #[arg(long, default_value = "127.0.0.1:8090")]
        addr: String,
        /// How many times faster than real time journeys run.
        #[arg(long, default_value_t = 1.0)]
        speed: f64,
        /// Inject a fault: 429, 500, malformed, timeout or latency=MS.
        #[arg(long, value_parser = Fault::parse)]
        fault: Option<Fault>,
        /// Share of requests (0–1) that get the fault.
        #[arg(long, default_value_t = 1.0)]
        fault_rate: f64,
    },
    /// Manage merchants.
    Merchant {
        #[command(subcommand)]
        command: MerchantCommand,
    },
}

#[derive(Subcommand)]
enum MerchantCommand {
    /// Create a merchant and print its API key (shown once).
    Create {
        #[arg(long)]
        name: String,
        #[arg(long)]
        color: Option<String>,
        #[arg(long)]
        logo_url: Option<String>,
        #[arg(long)]
        support_email: Option<String>,
        #[arg(long, default_value = "en")]
        locale: String,
        #[arg(long, default_value = "UTC")]
        timezone: String,
        /// The shop's order lookup at /track/<slug>.
        #[arg(long)]
        lookup_slug: Option<String>,
    },
    /// Make a new API key for a merchant, print it (shown once) and revoke its other keys:
    /// what to do when a key leaked.
    RotateKey {
        #[arg(long)]
        merchant: String,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Serve { role } => roles::serve(&role).await,
        Command::Demo => shipmate::demo::run().await,
        Command::CarrierSim {
            addr,
            speed,
            fault,
            fault_rate,
        } => {
            let listener = TcpListener::bind(&addr).with_context(|| format!("binding {addr}"))?;
            println!("carrier-sim listening on http://{addr} (speed {speed}x)");
            sim::start(
                listener,
                SimConfig {
                    speed,
                    fault,
                    fault_rate,
                },
            )?
            .await?;
            Ok(())
        }
        Command::Merchant {
            command:
                MerchantCommand::Create {
                    name,
                    color,
                    logo_url,
                    support_email,
                    locale,
                    timezone,
                    lookup_slug,
                },
        } => {
            let config = Arc::new(Config::load(None)?);
            let parts = Parts::build(config).await?;
            let brand = BrandRequest {
                color,
                logo_url,
                support_email,
                support_url: None,
            };
            let request = MerchantRequest {
                name: Some(name),
                brand: Some(brand),
                locale: Some(locale),
                timezone: Some(timezone),
                lookup_slug,
            };
            let input = MerchantInput::try_from(request).map_err(|errors| {
                let lines: Vec<String> = errors
                    .iter()
                    .map(|e| format!("--{}: {}", e.field, e.message))
                    .collect();
                anyhow::anyhow!(lines.join("; "))
            })?;
            let created = parts
                .merchants
                .create(input, chrono::Utc::now())
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            println!("merchant id: {}", created.merchant.id);
            println!(
                "api key:     {}  (shown once; store it now)",
                created.api_key.expose()
            );
            Ok(())
        }
        Command::Merchant {
            command: MerchantCommand::RotateKey { merchant },
        } => rotate_key(&merchant).await,
    }
}

/// `shipmate merchant rotate-key`: a new key, printed once; every other key revoked.
async fn rotate_key(merchant: &str) -> anyhow::Result<()> {
    let id = shipmate::domain::MerchantId::parse(merchant)
        .map_err(|e| anyhow::anyhow!("--merchant: {e}"))?;
    let config = Arc::new(Config::load(None)?);
    let parts = Parts::build(config).await?;
    let (key, revoked) = parts
        .merchants
        .api_keys()
        .rotate(&id, chrono::Utc::now())
        .await
        .map_err(|e| match e {
            shipmate::services::ServiceError::NotFound => anyhow::anyhow!("no merchant {id}"),
            e => anyhow::anyhow!("{e:?}"),
        })?;
    println!("key id:  {}", key.id);
    println!(
        "api key: {}  (shown once; store it now)",
        key.api_key.expose()
    );
    println!(
        "revoked: {revoked} other key(s); they, and any key never used since key management came, are refused from now on"
    );
    Ok(())
}
