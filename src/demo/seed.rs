//! The demo merchant and its shipments: every sandbox scenario, customers in English and
//! Brazilian Portuguese, all registered through the same service the API uses.

use base64::Engine;
use chrono::{Days, Utc};

use crate::domain::{
    Brand, BrandColor, CarrierCode, Country, Customer, Destination, EmailAddress, HttpUrl, Item,
    Locale, LookupSlug, MerchantId, Order, Password, Role, TimeZone, TrackingNumber,
};
use crate::roles::Parts;
use crate::services::{Console, LogoSource, MerchantInput, NewShipmentInput, ServiceError};

/// The demo shop's order lookup: `/track/acme-coffee`.
const DEMO_SLUG: &str = "acme-coffee";

const LOGO_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="40" height="40" rx="8" fill="#00a37a"/><path d="M10 26l10-14 10 14z" fill="#fff"/><text x="48" y="27" font-family="sans-serif" font-size="18" fill="#1d2228">Acme</text></svg>"##;

/// (scenario, label, customer, email, locale, city, country, item)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const SHIPMENTS: [Row; 20] = [
    ("OT", "on time", "Ana Souza", "ana@example.com", "pt-BR", "São Paulo", "BR", "Caneca esmaltada"),
    ("OT", "on time", "James Miller", "james@example.com", "en", "London", "GB", "Enamel mug"),
    ("OT", "on time", "Maria Lopes", "maria@example.com", "pt-BR", "Lisboa", "PT", "Bule de chá"),
    ("OT", "on time", "Sophie Martin", "sophie@example.com", "en", "Paris", "FR", "Tea towel"),
    ("DL", "delayed", "Lucas Pereira", "lucas@example.com", "pt-BR", "Rio de Janeiro", "BR", "Moedor de café"),
    ("DL", "delayed", "Emma Wilson", "emma@example.com", "en", "Dublin", "IE", "Coffee grinder"),
    ("DL", "delayed", "Hans Becker", "hans@example.com", "en", "Berlin", "DE", "Pour-over kettle"),
    ("EX", "exception", "Beatriz Costa", "bia@example.com", "pt-BR", "Porto Alegre", "BR", "Prensa francesa"),
    ("EX", "exception", "Olivia Brown", "olivia@example.com", "en", "Madrid", "ES", "French press"),
    ("FA", "failed attempt", "Pedro Alves", "pedro@example.com", "pt-BR", "Curitiba", "BR", "Jogo de xícaras"),
    ("FA", "failed attempt", "Noah Davis", "noah@example.com", "en", "Amsterdam", "NL", "Cup set"),
    ("PU", "pickup point", "Julia Rocha", "julia@example.com", "pt-BR", "Recife", "BR", "Filtros de papel"),
    ("PU", "pickup point", "Liam Walsh", "liam@example.com", "en", "Warsaw", "PL", "Paper filters"),
    ("RT", "returned", "Rafael Gomes", "rafael@example.com", "pt-BR", "Salvador", "BR", "Balança digital"),
    ("RT", "returned", "Mia Fischer", "mia@example.com", "en", "Vienna", "AT", "Kitchen scale"),
    ("ST", "stalls", "Carla Dias", "carla@example.com", "pt-BR", "Fortaleza", "BR", "Porta-filtro"),
    ("ST", "stalls", "Ethan Clark", "ethan@example.com", "en", "Bucharest", "RO", "Filter holder"),
    ("CU", "customs", "Fernanda Lima", "fernanda@example.com", "pt-BR", "Belo Horizonte", "BR", "Chaleira elétrica"),
    ("CU", "customs", "Ava Jones", "ava@example.com", "en", "Oslo", "NO", "Electric kettle"),
    ("CU", "customs", "Noor Haddad", "noor@example.com", "en", "Stockholm", "SE", "Milk frother"),
];

/// What the demo prints for one seeded shipment.
pub struct Seeded {
    pub label: &'static str,
    pub first_name: String,
    pub locale: &'static str,
    pub order: String,
    pub email: &'static str,
    pub url: String,
}

/// What the demo made: the merchant's API key, its order lookup and its parcels.
pub struct Seeding {
    pub api_key: String,
    pub lookup_url: String,
    pub shipments: Vec<Seeded>,
    /// The console owner's e-mail and password.
    pub console: (String, String),
}

/// The demo shop: Acme Coffee Gear, in Lisbon.
fn demo_merchant() -> anyhow::Result<MerchantInput> {
    let logo = format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(LOGO_SVG)
    );
    Ok(MerchantInput {
        name: "Acme Coffee Gear".into(),
        brand: Brand {
            color: Some(BrandColor::parse("#00a37a")?),
            logo: None,
            support_email: Some(EmailAddress::parse("help@acme.example")?),
            support_url: Some(HttpUrl::parse("https://acme.example/help")?),
        },
        logo: Some(LogoSource::parse(&logo).map_err(anyhow::Error::msg)?),
        locale: Locale::english(),
        timezone: TimeZone::parse("Europe/Lisbon")?,
        lookup_slug: Some(LookupSlug::parse(DEMO_SLUG)?),
        owner: None,
    })
}

/// The demo shop's console owner with a fresh password: (e-mail, password). A Redis that
/// kept an earlier demo's owner gets another address.
async fn console_owner(
    parts: &Parts,
    merchant: &MerchantId,
    now: chrono::DateTime<Utc>,
) -> anyhow::Result<(String, String)> {
    let console = Console::new(parts.store.clone(), parts.config.clone());
    let mut email = EmailAddress::parse("owner@acme.example")?;
    let invited = match console
        .invite(merchant, email.clone(), Role::Owner, now)
        .await
    {
        Err(ServiceError::Conflict(_)) => {
            email = EmailAddress::parse(&format!("owner+{merchant}@acme.example"))?;
            console
                .invite(merchant, email.clone(), Role::Owner, now)
                .await?
        }
        made => made?,
    };
    let password =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(crate::entropy::bytes::<12>());
    let (mut user, _) = invited;
    console
        .set_password(&mut user, Password::parse(&password)?)
        .await?;
    Ok((email.to_string(), password))
}

/// Creates the demo merchant and its shipments.
pub async fn seed(parts: &Parts) -> anyhow::Result<Seeding> {
    let now = Utc::now();
    let input = demo_merchant()?;
    // A Redis that kept an earlier demo's shop holds the slug: that shop keeps it.
    let merchant = match parts.merchants.create(input.clone(), now).await {
        Err(ServiceError::Conflict(_)) => {
            let input = MerchantInput {
                lookup_slug: None,
                ..input
            };
            parts.merchants.create(input, now).await?
        }
        made => made?,
    };
    let lookup_url = format!(
        "{}{}",
        parts.config.public_url(),
        merchant.merchant.lookup_path()
    );
    let promised = now.date_naive().checked_add_days(Days::new(3));
    let mut out = vec![];
    for (i, (scenario, label, name, email, locale, city, country, item)) in
        SHIPMENTS.into_iter().enumerate()
    {
        let salt = now.timestamp_millis() % 1_000_000;
        let number = format!("SB{scenario}{:02}{salt:06}", i);
        let order = format!("{}", 1001 + i);
        let input = NewShipmentInput {
            carrier: Some(CarrierCode::parse("sandbox")?),
            tracking_number: TrackingNumber::parse(&number)?,
            order: Order {
                number: order.clone(),
                promised_by: promised,
                items: vec![Item {
                    name: item.into(),
                    quantity: 1 + (i as u32 % 2),
                }],
            },
            customer: Some(Customer {
                name: name.into(),
                email: Some(EmailAddress::parse(email)?),
                phone: None,
                locale: Some(Locale::parse(locale)?),
            }),
            destination: Destination {
                city: Some(city.into()),
                postcode: None,
                country: Some(Country::parse(country)?),
                timezone: None,
            },
        };
        let registered = parts
            .shipments
            .register(&merchant.merchant.id, input, now)
            .await?;
        out.push(Seeded {
            label,
            first_name: name.split(' ').next().unwrap_or(name).into(),
            locale,
            order,
            email,
            url: parts.shipments.tracking_url(&registered.shipment),
        });
    }
    let console = console_owner(parts, &merchant.merchant.id, now).await?;
    Ok(Seeding {
        api_key: merchant.api_key.expose().to_owned(),
        lookup_url,
        shipments: out,
        console,
    })
}
