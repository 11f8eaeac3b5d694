//! The `shipmate` binary: parse the command line, load config, run.

use std::net::TcpListener;
use std::sync::Arc;

use anyhow::Context;

/// glibc malloc spends a third of a page view's CPU under load; mimalloc does not.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use clap::{Parser, Subcommand};

use shipmate::config::Config;
use shipmate::domain::{
    Brand, BrandColor, EmailAddress, Invalid, Locale, LookupSlug, Merchant, TimeZone,
};
use shipmate::roles::{self, Parts, Role};
use shipmate::services::{FieldErrors, LogoSource, MerchantInput};
use shipmate::sim::{self, Fault, SimConfig};

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
    /// Estimated delivery dates.
    Edd {
        #[command(subcommand)]
        command: EddCommand,
    },
}

#[derive(Subcommand)]
enum EddCommand {
    /// Replays real orders (the Olist files: orders, items, sellers, customers) through the
    /// estimator, online, and scores the parcels handed over from the split date on.
    Backtest {
        /// The folder of the Olist CSV files.
        #[arg(long)]
        orders: std::path::PathBuf,
        /// The first day scored (YYYY-MM-DD).
        #[arg(long)]
        split: chrono::NaiveDate,
    },
}

#[derive(Subcommand)]
enum MerchantCommand {
    /// Create a merchant and print its API key (shown once).
    Create(NewMerchantArgs),
    /// Make a new API key for a merchant, print it (shown once) and revoke its other keys:
    /// what to do when a key leaked.
    RotateKey {
        #[arg(long)]
        merchant: String,
    },
    /// Put every shipment of a merchant in the console's lists and search index (after
    /// upgrading from a version without them; safe while shipmate runs).
    Reindex {
        #[arg(long)]
        merchant: String,
    },
}

#[derive(clap::Args)]
struct NewMerchantArgs {
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
    /// Invite this address to the console as the team's owner (the link is printed).
    #[arg(long)]
    owner_email: Option<String>,
}

impl NewMerchantArgs {
    /// The flags parsed as the API parses the same fields, every bad one reported
    /// (`--brand.color: use #rgb or #rrggbb`).
    fn parse(self) -> anyhow::Result<MerchantInput> {
        let mut e = FieldErrors::default();
        let name = e.check("name", Merchant::parse_name(&self.name));
        let brand = Brand {
            color: e.optional("brand.color", self.color.as_deref(), BrandColor::parse),
            logo: None,
            support_email: e.optional(
                "brand.support_email",
                self.support_email.as_deref(),
                EmailAddress::parse,
            ),
            support_url: None,
        };
        let logo = e.optional("brand.logo_url", self.logo_url.as_deref(), |u| {
            LogoSource::parse(u).map_err(Invalid)
        });
        let locale = e.check("locale", Locale::parse(&self.locale));
        let timezone = e.check("timezone", TimeZone::parse(&self.timezone));
        let lookup_slug = e.optional(
            "lookup_slug",
            self.lookup_slug.as_deref(),
            LookupSlug::parse,
        );
        let owner = e.optional(
            "owner_email",
            self.owner_email.as_deref(),
            EmailAddress::parse,
        );
        let parsed = name.zip(locale).zip(timezone);
        e.or_errors(parsed.map(|((name, locale), timezone)| MerchantInput {
            name,
            brand,
            logo,
            locale,
            timezone,
            lookup_slug,
            owner,
        }))
        .map_err(|errors| {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| format!("--{}: {}", e.field, e.message))
                .collect();
            anyhow::anyhow!(lines.join("; "))
        })
    }
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
            command: MerchantCommand::Create(args),
        } => create_merchant(args).await,
        Command::Merchant {
            command: MerchantCommand::RotateKey { merchant },
        } => rotate_key(&merchant).await,
        Command::Edd {
            command: EddCommand::Backtest { orders, split },
        } => {
            let model = shipmate::domain::estimate::Model::default();
            let report = shipmate::services::estimates::backtest::run(&orders, split, &model)?;
            println!("{}", report.print());
            Ok(())
        }
        Command::Merchant {
            command: MerchantCommand::Reindex { merchant },
        } => {
            let id = shipmate::domain::MerchantId::parse(&merchant)
                .map_err(|e| anyhow::anyhow!("--merchant: {e}"))?;
            let parts = Parts::build(Arc::new(Config::load(None)?)).await?;
            let walked = parts
                .shipments
                .reindex(&id, chrono::Utc::now())
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            println!("{walked} shipment(s) of {id} are in their lists and search entries");
            Ok(())
        }
    }
}

/// `shipmate merchant create`: the merchant, its API key and owner invitation, printed once.
async fn create_merchant(args: NewMerchantArgs) -> anyhow::Result<()> {
    let input = args.parse()?;
    let config = Arc::new(Config::load(None)?);
    let parts = Parts::build(config).await?;
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
    if let Some(link) = &created.owner_invitation {
        println!("owner:       {link}  (the owner's invitation to the console; shown once)");
    }
    if created
        .merchant
        .brand
        .logo
        .as_ref()
        .is_some_and(|l| !l.is_ready())
    {
        println!("logo:        pending (a running web role fetches it)");
    }
    Ok(())
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
