//! Customer pages: the tracking page, the friendly 404, order lookup.

use serde_json::{Value, json};

use crate::helpers::{number, shipment_body, spawn_app};

fn page_path(app: &crate::helpers::TestApp, shipment: &Value) -> String {
    shipment["tracking_url"]
        .as_str()
        .unwrap()
        .replace(&app.addr, "")
}

#[tokio::test]
async fn the_tracking_page_is_branded_plain_and_private() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme Mugs").await;
    let s = app.register(&key, &number("OT")).await;
    app.poll_journeys().await;
    let resp = app
        .http
        .get(app.url(&page_path(&app, &s)))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let csp = resp.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(
        csp.contains("style-src 'self';"),
        "no inline style allowed: {csp}"
    );
    let html = resp.text().await.unwrap();
    for expected in [
        "Acme Mugs",
        "Delivered",
        "Ana",
        "Mug",
        "Sandbox Express",
        "help@shop.example",
    ] {
        assert!(html.contains(expected), "page lacks {expected:?}");
    }
    let brand = shipmate::domain::Brand {
        color: shipmate::domain::BrandColor::parse("#0a7").ok(),
        ..Default::default()
    };
    let sheets: Vec<&str> = html
        .split("<link rel=\"stylesheet\" href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(
        sheets.len(),
        2,
        "the pages' styles and the brand's: {sheets:?}"
    );
    assert!(!html.contains("<style") && !html.contains("style=\""));
    let mut css = String::new();
    for sheet in &sheets {
        let resp = app.http.get(app.url(sheet)).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{sheet}");
        assert_eq!(resp.headers()["content-type"], "text/css; charset=utf-8");
        assert!(
            resp.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("immutable"),
            "{sheet} is kept by the browser"
        );
        css.push_str(&resp.text().await.unwrap());
    }
    assert!(css.contains("ol.timeline"), "the pages' styles");
    assert!(
        css.contains(&format!("--brand:{}", brand.legible_color())),
        "the merchant's colour, dark enough for white text"
    );
    for bad in [
        "/assets/brand/zzzzzz.css",
        "/assets/brand/0a7.css",
        "/assets/brand/00AA77.css",
    ] {
        let resp = app.http.get(app.url(bad)).send().await.unwrap();
        assert_eq!(resp.status(), 404, "{bad}");
    }
    for private in ["Souza", "ana@example.com", "+5511912345678", "01310-100"] {
        assert!(!html.contains(private), "page shows {private:?}");
    }
    assert!(
        !html.contains("<script"),
        "readable without JavaScript, loads no scripts"
    );
    for external in ["src=\"http", "href=\"//", "@import", "url(http"] {
        assert!(!html.contains(external), "third-party request: {external}");
    }
    assert!(
        html.contains("class=\"eta\">Delivered "),
        "delivery date shown"
    );
}

#[tokio::test]
async fn each_scenario_ends_in_its_state_on_the_page() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let cases = [
        ("OT", "delivered", "Delivered"),
        ("DL", "delivered", "Delivered"),
        ("EX", "delivered", "Delivered"),
        ("FA", "delivered", "Delivered to a neighbour"),
        ("PU", "delivered", "Picked up"),
        ("RT", "return_to_sender", "Returned to the sender"),
        ("ST", "in_transit", "On its way"),
        ("CU", "delivered", "Delivered"),
    ];
    let mut shipments = vec![];
    for (scenario, ..) in cases {
        shipments.push(app.register(&key, &number(scenario)).await);
    }
    app.poll_journeys().await;
    for ((scenario, status, headline), s) in cases.iter().zip(&shipments) {
        let api = app.shipment(&key, s).await;
        assert_eq!(api["status"], *status, "{scenario}");
        assert!(api["events"].as_array().unwrap().len() >= 2, "{scenario}");
        let (code, html) = app.page(&page_path(&app, s)).await;
        assert_eq!(code, 200);
        assert!(
            html.contains(&format!("<h1 id=\"headline\">{headline}</h1>")),
            "{scenario}: headline {headline:?} missing"
        );
    }
}

#[tokio::test]
async fn the_page_explains_delays_mid_journey() {
    let app = spawn_app_mid_journey().await;
    let (_, key) = app.create_merchant("Acme").await;
    let customs = app.register(&key, &number("CU")).await;
    let mut late_body = shipment_body(&number("DL"));
    late_body["order"]["promised_by"] = json!(
        (chrono::Utc::now() + chrono::Duration::days(3))
            .format("%Y-%m-%d")
            .to_string()
    );
    let late = app.register_with(&key, &late_body).await;
    while app.poll_at(chrono::Utc::now()).await.claimed > 0 {}
    app.advance_sim(2000).await;
    while app
        .poll_at(chrono::Utc::now() + chrono::Duration::days(1))
        .await
        .claimed
        > 0
    {}
    let (_, html) = app.page(&page_path(&app, &customs)).await;
    assert!(html.contains("Delayed — held in customs"), "{html}");
    assert!(html.contains("Customs are checking the parcel"));
    assert!(
        html.contains("On its way to \u{2068}São Paulo\u{2069}"),
        "city shown while on the way"
    );
    assert!(
        html.contains("Last updated"),
        "when the carrier last answered"
    );
    let api = app.shipment(&key, &late).await;
    assert_eq!(api["late"], true, "{api}");
    let (_, html) = app.page(&page_path(&app, &late)).await;
    assert!(html.contains("Running late"));
    assert!(html.contains("New estimate:"));
    assert!(html.contains("The carrier reported a delay"));
}

/// carrier-sim in real time, so journeys stop where the test moves them: minute 2000 is
/// inside the customs hold (1000–4000) and after the delay scan (1500).
async fn spawn_app_mid_journey() -> crate::helpers::TestApp {
    let mut o = crate::helpers::Options::default();
    o.sim.speed = 1.0;
    crate::helpers::spawn_app_with(o).await
}

#[tokio::test]
async fn the_page_speaks_the_customers_language() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let mut body = shipment_body(&number("OT"));
    body["customer"]["locale"] = json!("pt-BR");
    let s = app.register_with(&key, &body).await;
    app.poll_journeys().await;
    let (_, html) = app.page(&page_path(&app, &s)).await;
    assert!(html.contains("lang=\"pt-BR\""));
    assert!(html.contains("Entregue"), "{html}");
    assert!(html.contains("Trajeto"));
}

#[tokio::test]
async fn unknown_and_malformed_tokens_get_the_same_friendly_404() {
    let app = spawn_app().await;
    let (c1, a) = app.page("/t/AAAAAAAAAAAAAAAAAAAAAA").await;
    let (c2, b) = app.page("/t/not-a-token").await;
    assert_eq!((c1, c2), (404, 404));
    assert_eq!(a, b);
    assert!(
        a.contains("We can't find that parcel")
            || a.contains("We can&#39;t find that parcel")
            || a.contains("We can&#x27;t"),
        "{a}"
    );
    assert!(a.contains("/track"));
}

pub(crate) async fn lookup(
    app: &crate::helpers::TestApp,
    client: &reqwest::Client,
    (shop, order, email): (&str, &str, &str),
) -> reqwest::Response {
    let path = format!("/track/{shop}");
    let form = client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(form.status(), 200);
    let html = form.text().await.unwrap();
    let csrf = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    client
        .post(app.url(&path))
        .form(&[("order", order), ("email", email), ("csrf", &csrf)])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn order_lookup_finds_the_page_and_a_wrong_pair_looks_like_a_missing_order() {
    let app = spawn_app().await;
    let (shop, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    let found = lookup(&app, &client, (&shop, " #1001 ", "ANA@example.com")).await;
    assert_eq!(found.status(), 303);
    assert_eq!(
        found.headers()["location"].to_str().unwrap(),
        page_path(&app, &s)
    );

    let wrong = lookup(&app, &client, (&shop, "1001", "mallory@example.com")).await;
    let missing = lookup(&app, &client, (&shop, "999999", "ana@example.com")).await;
    assert_eq!(
        (wrong.status().as_u16(), missing.status().as_u16()),
        (404, 404)
    );
    let (w, m) = (wrong.text().await.unwrap(), missing.text().await.unwrap());
    assert!(w.contains("couldn"));
    assert_eq!(
        strip_csrf(&w).replace("value=\"1001\"", ""),
        strip_csrf(&m).replace("value=\"999999\"", "")
    );

    let by_postcode = lookup(&app, &client, (&shop, "1001", "01310 100")).await;
    assert_eq!(
        by_postcode.status(),
        303,
        "postcode works too, spaces and dashes ignored"
    );

    let no_csrf = client
        .post(app.url(&format!("/track/{shop}")))
        .form(&[("order", "1001"), ("email", "ana@example.com")])
        .send()
        .await
        .unwrap();
    assert_eq!(no_csrf.status(), 403);
}

async fn set_slug(app: &crate::helpers::TestApp, key: &str, slug: Value) -> (u16, Value) {
    let resp = app
        .http
        .patch(app.url("/api/v1/merchant"))
        .bearer_auth(key)
        .json(&json!({ "lookup_slug": slug }))
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.json().await.unwrap())
}

#[tokio::test]
async fn a_shop_chooses_its_lookup_address_and_no_other_shop_can_take_it() {
    let app = spawn_app().await;
    let (id, key) = app.create_merchant("Acme").await;
    let (_, other_key) = app.create_merchant("Other Shop").await;
    let s = app.register(&key, &number("OT")).await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    let (status, profile) = set_slug(&app, &key, json!("Acme-Mugs")).await;
    assert_eq!(status, 200, "{profile}");
    assert_eq!(profile["lookup_slug"], "acme-mugs");
    assert!(
        profile["lookup_url"]
            .as_str()
            .unwrap()
            .ends_with("/track/acme-mugs")
    );
    assert_eq!(app.get_json(&key, "/api/v1/merchant").await.1, profile);
    let found = lookup(&app, &client, ("acme-mugs", "1001", "ana@example.com")).await;
    assert_eq!(found.status(), 303);
    assert_eq!(
        found.headers()["location"].to_str().unwrap(),
        page_path(&app, &s)
    );
    let (_, page) = app.page(&page_path(&app, &s)).await;
    assert!(
        page.contains("href=\"/track/acme-mugs\""),
        "the page's footer links the slug"
    );
    assert_eq!(
        lookup(&app, &client, (&id, "1001", "ana@example.com"))
            .await
            .status(),
        303,
        "the id still works"
    );

    let (status, body) = set_slug(&app, &other_key, json!("acme-mugs")).await;
    assert_eq!(status, 409, "{body}");
    let (status, body) = set_slug(&app, &other_key, json!("no_underscores")).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("lookup_slug"), "{body}");

    // Moving frees the old address for anyone; removing leaves the id.
    assert_eq!(set_slug(&app, &key, json!("acme")).await.0, 200);
    assert_eq!(app.page("/track/acme-mugs").await.0, 404);
    assert_eq!(set_slug(&app, &other_key, json!("acme-mugs")).await.0, 200);
    assert_eq!(app.page("/track/acme").await.0, 200);
    let (status, profile) = set_slug(&app, &key, Value::Null).await;
    assert_eq!((status, profile["lookup_slug"].clone()), (200, Value::Null));
    assert_eq!(app.page("/track/acme").await.0, 404);
    let (_, audit) = app.get_json(&key, "/api/v1/audit").await;
    assert_eq!(audit["items"][0]["action"], "merchant.update", "{audit}");
}

fn strip_csrf(html: &str) -> String {
    html.split("name=\"csrf\" value=\"")
        .map(|p| p.split_once('"').map_or(p, |(_, rest)| rest))
        .collect()
}

#[tokio::test]
async fn order_lookup_is_rate_limited_per_client() {
    let app = crate::helpers::spawn_app_with(crate::helpers::Options {
        configure: Box::new(|c| c.lookup.per_minute = 3),
        ..Default::default()
    })
    .await;
    let (shop, _) = app.create_merchant("Acme").await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let mut codes = vec![];
    for i in 0..5 {
        let order = format!("{i}");
        let got = lookup(&app, &client, (&shop, &order, "a@b.co")).await;
        codes.push(got.status().as_u16());
    }
    assert_eq!(codes, [404, 404, 404, 429, 429]);
}

#[tokio::test]
async fn health_and_readiness() {
    let app = spawn_app().await;
    assert_eq!(app.page("/healthz").await, (200, "ok".into()));
    assert_eq!(app.page("/readyz").await, (200, "ready".into()));
}

#[tokio::test]
async fn a_cached_page_shows_another_process_s_changes_within_moments() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let s = app.register(&key, &number("OT")).await;
    let page = page_path(&app, &s);
    // Another process on the same Redis: its own caches, its own poller.
    let other = shipmate::roles::Parts::build(app.parts.config.clone())
        .await
        .unwrap();
    let now = chrono::Utc::now();
    other.poller.poll_due_once(now).await.unwrap();
    let (status, first) = app.page(&page).await;
    assert_eq!(status, 200);
    let delivered = "class=\"eta\">Delivered ";
    assert!(!first.contains(delivered), "{first}");
    // Cached now for minutes (page_cache_ttl); only the change feed can refresh it.
    other
        .poller
        .poll_due_once(now + chrono::Duration::days(1))
        .await
        .unwrap();
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.page(&page).await.1.contains(delivered) {
        assert!(
            std::time::Instant::now() < until,
            "the cached page never changed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let id = shipmate::domain::ShipmentId::parse(s["id"].as_str().unwrap()).unwrap();
    let merchant = app
        .parts
        .store
        .shipment(&id)
        .await
        .unwrap()
        .unwrap()
        .merchant_id;
    other.shipments.cancel(&merchant, &id, now).await.unwrap();
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while app.page(&page).await.0 != 404 {
        assert!(
            std::time::Instant::now() < until,
            "a cancelled parcel's page stayed up"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn the_page_reserves_the_logos_space_and_the_favicon_is_never_a_404() {
    let app = spawn_app().await;
    let resp = app.http.get(app.url("/favicon.ico")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "image/svg+xml");
    assert!(resp.text().await.unwrap().starts_with("<svg"));
    let logo = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=";
    let key = app
        .create_merchant_with(&json!({"name": "Logo Shop", "brand": {"logo_url": logo}}))
        .await["api_key"]
        .as_str()
        .unwrap()
        .to_owned();
    let s = app.register(&key, &number("OT")).await;
    let (_, page) = app.page(&page_path(&app, &s)).await;
    assert!(page.contains("width=\"160\" height=\"40\""), "{page}");
    assert!(
        page.contains("<link rel=\"icon\" href=\"/assets/logo/mer_"),
        "{page}"
    );
}
