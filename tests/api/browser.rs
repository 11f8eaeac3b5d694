//! The customer pages in a real browser: Debian's Chromium driven by playwright-core
//! (`tests/browser/run.mjs`) through the tracking page, the QR code's page and the one-tap
//! feedback, order lookup, mobile and Arabic right-to-left, and a merchant signing in to
//! the console (desktop and phone width); axe-core audits each page and
//! there must be no serious or critical violation. Screenshots go to
//! `target/screenshots/`. `.ci/run` installs Chromium and the npm packages; elsewhere the
//! test says what is missing and does not run.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::helpers::{number, shipment_body};

const CHROMIUM: &str = "/usr/bin/chromium";

#[tokio::test]
async fn a_customer_tracks_rates_and_looks_up_in_a_real_browser() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let modules = dir.join("tests/browser/node_modules/playwright-core");
    if !Path::new(CHROMIUM).exists() || !modules.exists() {
        crate::helpers::skip(&format!(
            "browser test needs {CHROMIUM} and `npm ci --prefix tests/browser` (.ci/run installs both)"
        ));
        return;
    }
    // UPS at a fake of its API, so the merchant can connect its own account.
    let fake = crate::fake_carriers::start().await;
    let app = crate::accounts::app(&fake).await;
    let made = app
        .create_merchant_with(&json!({"name": "Acme", "owner_email": "owner@acme.example"}))
        .await;
    let key = made["api_key"].as_str().unwrap().to_owned();
    let invitation = made["owner_invitation_url"].clone();
    let password = "an owner's long passphrase";
    let mut made = vec![];
    let mut first = None;
    for locale in ["en", "en", "ar"] {
        let mut body = shipment_body(&number("OT"));
        body["customer"]["locale"] = json!(locale);
        let s = app.register_with(&key, &body).await;
        first.get_or_insert_with(|| s.clone());
        made.push(
            s["tracking_url"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned(),
        );
    }
    app.poll_journeys().await;
    // The notifier's messages (no e-mail server here: they fail, and can be sent again).
    let notifier = &app.parts.notifier;
    notifier.prepare().await.unwrap();
    notifier.consume_once(chrono::Utc::now()).await.unwrap();
    notifier.deliver_once(chrono::Utc::now()).await.unwrap();
    let first = first.unwrap();
    let shots = dir.join("target/screenshots");
    let plan = json!({
        "chromium": CHROMIUM,
        "base": app.addr,
        "screenshots": shots,
        "tracking": format!("/t/{}", made[0]),
        "package": format!("/p/{}", made[0]),
        "keyboard": format!("/f/{}", made[1]),
        "arabic": format!("/t/{}", made[2]),
        "arabicFeedback": format!("/f/{}", made[2]),
        "lookup": {"order": "1001", "email": "ana@example.com"},
        "console": {
            "invitation": invitation,
            "ups": {"client_id": crate::fake_carriers::CLIENT_ID, "client_secret": crate::fake_carriers::CLIENT_SECRET},
            "email": "owner@acme.example",
            "password": password,
            "number": first["tracking_number"],
            "order": first["order"]["number"],
            "carrier": first["carrier"],
        },
    });
    let plan_path = std::env::temp_dir().join(format!(
        "shipmate-browser-{}.json",
        crate::helpers::random_hex()
    ));
    std::fs::write(&plan_path, plan.to_string()).unwrap();
    let script = dir.join("tests/browser/run.mjs");
    let run = tokio::task::spawn_blocking(move || {
        Command::new("node").arg(script).arg(plan_path).output()
    })
    .await
    .unwrap()
    .expect("node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let result: Value = serde_json::from_str(stdout.lines().last().unwrap_or("{}"))
        .unwrap_or_else(|e| panic!("{e}: {stdout} {}", String::from_utf8_lossy(&run.stderr)));
    let steps = result["steps"].as_array().unwrap_or_else(|| {
        panic!(
            "the walk gave no steps: {stdout} {}",
            String::from_utf8_lossy(&run.stderr)
        )
    });
    for s in steps {
        println!(
            "browser: {} — {}",
            s["name"],
            if s["ok"] == true { "ok" } else { "FAILED" }
        );
        assert_eq!(s["ok"], true, "{s}");
    }
    assert!(result["steps"].as_array().unwrap().len() >= 6, "{result}");
    for (page, found) in result["violations"].as_object().unwrap() {
        assert_eq!(
            found,
            &json!([]),
            "axe: serious or critical violations on {page}"
        );
    }
    assert!(shots.join("tracking-arabic-mobile.png").exists());
    for page in [
        "invitation",
        "sign-in",
        "shipments",
        "shipment",
        "carriers",
        "branding",
        "messages",
        "team",
        "feedback",
        "keys",
        "import",
        "imports",
        "stores",
        "analytics",
    ] {
        for width in ["desktop", "mobile"] {
            let shot = format!("console-{page}-{width}.png");
            let one_width = matches!(page, "invitation" | "import" | "imports");
            let wanted = match page {
                "invitation" | "import" => width == "desktop",
                "imports" => width == "mobile",
                _ => true,
            };
            if wanted || !one_width {
                assert!(shots.join(&shot).exists(), "{shot}");
            }
        }
    }
}
