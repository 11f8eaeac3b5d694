//! The console's settings pages: branding with its previews (and the API's profile patch
//! they share), as an owner uses them.

use serde_json::{Value, json};

use crate::console::{accept, member, merchant_with_owner};
use crate::helpers::{TestApp, browser, csrf, number, spawn_app};

/// A shop whose owner is signed in: (api key, the owner's browser).
pub(crate) async fn signed_in_owner(app: &TestApp) -> (String, reqwest::Client) {
    let (key, invitation) = merchant_with_owner(app, "owner@acme.example").await;
    let owner = browser();
    let done = accept(&owner, &invitation, "the owner's passphrase").await;
    assert_eq!(done.status(), 303);
    (key, owner)
}

async fn profile(app: &TestApp, key: &str) -> Value {
    let (status, body) = app.get_json(key, "/api/v1/merchant").await;
    assert_eq!(status, 200);
    body
}

#[tokio::test]
async fn an_owner_previews_and_saves_the_brand_and_a_colour_too_light_is_refused() {
    let app = spawn_app().await;
    let (key, owner) = signed_in_owner(&app).await;
    let form = owner
        .get(app.url("/console/branding"))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 200);
    let csp = form.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe"),
        "{csp}"
    );
    let html = form.text().await.unwrap();
    assert!(
        html.contains("value=\"Acme Mugs\""),
        "the saved name is in the form"
    );
    assert!(
        html.contains("/assets/console.js?v="),
        "the live preview's script"
    );
    let token = csrf(&html);
    let post = |fields: Vec<(&'static str, &'static str)>| {
        let mut form = vec![("csrf", token.clone())];
        form.extend(fields.into_iter().map(|(k, v)| (k, v.to_owned())));
        owner.post(app.url("/console/branding")).form(&form).send()
    };

    // A teal too light for white text: refused with its ratio, nothing saved.
    let refused = post(vec![("name", "Acme Mugs"), ("brand_color", "#00aa77")])
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains("contrast 2.9:1, WCAG AA needs 4.5:1"),
        "{}",
        &body[..body.len().min(400)]
    );
    assert!(body.contains("aria-invalid=\"true\""));
    assert_eq!(profile(&app, &key).await["brand_color"], Value::Null);

    // A link cannot fill the form; the Preview button (a form post with the session's
    // secret) shows the typed values, saved nowhere.
    let linked = owner
        .get(app.url("/console/branding?name=Evil+Co&support_url=https%3A%2F%2Fevil.example"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(linked.contains("value=\"Acme Mugs\"") && !linked.contains("evil.example"));
    let forged = owner
        .post(app.url("/console/branding/preview"))
        .form(&[("name", "Evil Co")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 303, "no secret: back to the page");
    let previewed = owner
        .post(app.url("/console/branding/preview"))
        .form(&[
            ("csrf", token.as_str()),
            ("name", "Plum Co"),
            ("brand_color", "#7a1f5c"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(previewed.status(), 200);
    let previewed = previewed.text().await.unwrap();
    assert!(previewed.contains("nothing is saved") && previewed.contains("value=\"Plum Co\""));
    assert_eq!(profile(&app, &key).await["name"], "Acme Mugs");

    // The previews draw the form's values, before anything is saved.
    let page = owner
        .get(app.url("/console/branding/page?name=Plum+Co&brand_color=%237a1f5c"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let framing = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(framing.contains("frame-ancestors 'self'"), "{framing}");
    let drawn = page.text().await.unwrap();
    assert!(
        drawn.contains("/assets/brand/7a1f5c.css"),
        "the colour typed"
    );
    assert!(drawn.contains("Plum Co"), "the name typed");
    let email = owner
        .get(app.url("/console/branding/email?name=Plum+Co&brand_color=%237a1f5c"))
        .send()
        .await
        .unwrap();
    assert_eq!(email.status(), 200);
    let drawn = email.text().await.unwrap();
    assert!(drawn.contains("#7a1f5c") && drawn.contains("Plum Co"));
    assert_eq!(profile(&app, &key).await["name"], "Acme Mugs", "not saved");

    let saved = post(vec![
        ("name", "Plum Co"),
        ("brand_color", "#7a1f5c"),
        ("support_email", "help@plum.example"),
        ("support_url", "https://plum.example/help"),
        ("lookup_slug", "plum-co"),
    ])
    .await
    .unwrap();
    assert_eq!(saved.status(), 303);
    assert_eq!(
        saved.headers()["location"],
        "/console/branding?notice=saved"
    );
    let p = profile(&app, &key).await;
    assert_eq!(
        (
            &p["name"],
            &p["brand_color"],
            &p["support_email"],
            &p["lookup_slug"]
        ),
        (
            &json!("Plum Co"),
            &json!("#7a1f5c"),
            &json!("help@plum.example"),
            &json!("plum-co")
        )
    );
    let s = app.register(&key, &number("OT")).await;
    let path = s["tracking_url"].as_str().unwrap().replace(&app.addr, "");
    let (_, tracking) = app.page(&path).await;
    assert!(
        tracking.contains("/assets/brand/7a1f5c.css"),
        "customers see it"
    );
    let (_, audit) = app.get_json(&key, "/api/v1/audit").await;
    let entry = &audit["items"][0];
    assert_eq!(entry["action"], "merchant.update");
    assert!(entry["user_id"].as_str().unwrap().starts_with("usr_"));
    assert_eq!(
        entry["changes"]["lookup_slug"], "plum-co",
        "one change: {entry}"
    );

    // shipmate's own colour chosen again: the shop has no colour of its own.
    let back = post(vec![
        ("name", "Plum Co"),
        ("brand_color", "#2B5F8A"),
        ("lookup_slug", "plum-co"),
    ])
    .await
    .unwrap();
    assert_eq!(back.status(), 303);
    assert_eq!(profile(&app, &key).await["brand_color"], Value::Null);

    // An agent may not change the brand, nor see its previews.
    let (agent, _) = member(&app, &key, "agent@acme.example", "agent").await;
    for path in ["/console/branding", "/console/branding/page"] {
        let resp = agent.get(app.url(path)).send().await.unwrap();
        assert_eq!(resp.status(), 403, "{path}");
    }
}

#[tokio::test]
async fn the_api_changes_the_brand_with_the_same_rules() {
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    let patch = |body: Value| {
        app.http
            .patch(app.url("/api/v1/merchant"))
            .bearer_auth(&key)
            .json(&body)
            .send()
    };
    // The shop was made with #0a7, before this rule: kept while unchanged.
    let same = patch(json!({"brand_color": "#00aa77"})).await.unwrap();
    assert_eq!(same.status(), 200);
    let light = patch(json!({"brand_color": "#ff0"})).await.unwrap();
    assert_eq!(light.status(), 422);
    let problem: Value = light.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "brand_color", "{problem}");
    let bad = patch(json!({"name": "", "support_url": "ftp://x"}))
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let problem: Value = bad.json().await.unwrap();
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "support_url"]);
    let ok = patch(json!({"name": "Acme Two", "brand_color": "#1a4d2e", "support_email": null}))
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let p: Value = ok.json().await.unwrap();
    assert_eq!(
        (&p["name"], &p["brand_color"]),
        (&json!("Acme Two"), &json!("#1a4d2e"))
    );
    assert_eq!(p["support_email"], Value::Null, "null clears it");

    // A slug another shop holds refuses the whole change: the name stays, the slug too.
    let (_, other) = app.create_merchant("Other").await;
    let taken = app
        .http
        .patch(app.url("/api/v1/merchant"))
        .bearer_auth(&other)
        .json(&json!({"lookup_slug": "taken-slug"}))
        .send()
        .await
        .unwrap();
    assert_eq!(taken.status(), 200);
    let clash = patch(json!({"name": "Acme Three", "lookup_slug": "taken-slug"}))
        .await
        .unwrap();
    assert_eq!(clash.status(), 409);
    let (_, p) = app.get_json(&key, "/api/v1/merchant").await;
    assert_eq!(
        (&p["name"], &p["lookup_slug"]),
        (&json!("Acme Two"), &Value::Null)
    );
    let both = patch(json!({"name": "Acme Three", "lookup_slug": "acme-three"}))
        .await
        .unwrap();
    let p: Value = both.json().await.unwrap();
    assert_eq!(
        (&p["name"], &p["lookup_slug"]),
        (&json!("Acme Three"), &json!("acme-three"))
    );
}

#[tokio::test]
async fn an_owner_connects_tests_and_removes_a_carrier_account_from_its_card() {
    let fake = crate::fake_carriers::start().await;
    let app = crate::accounts::app(&fake).await;
    let (key, owner) = signed_in_owner(&app).await;
    let html = owner
        .get(app.url("/console/carriers"))
        .send()
        .await
        .unwrap();
    assert_eq!(html.status(), 200);
    let html = html.text().await.unwrap();
    // The fields each carrier needs, from the carrier table: no free-form JSON box.
    for field in [
        "id=\"ups-client_id\"",
        "name=\"client_secret\"",
        "id=\"dhl-api_key\"",
        "id=\"canada_post-password\"",
    ] {
        assert!(html.contains(field), "{field}");
    }
    assert!(!html.contains("<textarea"));
    assert!(
        !html.contains("id=\"sandbox-"),
        "the sandbox takes no account"
    );
    let token = csrf(&html);

    let found = owner
        .get(app.url("/console/carriers?number=1Z8V92A70367203024"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        found.contains("<strong>ups</strong>"),
        "the detect box names UPS"
    );

    let save = |fields: Vec<(&'static str, &'static str)>| {
        let mut form = vec![("csrf", token.clone())];
        form.extend(fields.into_iter().map(|(k, v)| (k, v.to_owned())));
        owner
            .post(app.url("/console/carriers/ups"))
            .form(&form)
            .send()
    };
    let missing = save(vec![
        ("client_id", crate::fake_carriers::CLIENT_ID),
        ("requests_per_second", "1e-14"),
    ])
    .await
    .unwrap();
    assert_eq!(missing.status(), 422);
    let body = missing.text().await.unwrap();
    assert!(
        body.contains("id=\"ups-client_secret-error\""),
        "the secret is required"
    );
    assert!(
        body.contains("id=\"ups-rate\"") && body.contains("0.01"),
        "the rate's bounds"
    );
    let (_, list) = app.get_json(&key, "/api/v1/carriers").await;
    assert_eq!(list["accounts"], json!([]), "nothing saved");

    let saved = save(vec![
        ("client_id", crate::fake_carriers::CLIENT_ID),
        ("client_secret", crate::fake_carriers::CLIENT_SECRET),
        ("requests_per_second", "2"),
        ("cadence", "in_transit=30m"),
    ])
    .await
    .unwrap();
    assert_eq!(saved.status(), 303);
    let (_, list) = app.get_json(&key, "/api/v1/carriers").await;
    assert_eq!(
        list["accounts"][0]["cadence"]["in_transit"], "30m",
        "{list}"
    );
    let html = owner
        .get(app.url("/console/carriers"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("account ending in") && html.contains("…test"));
    assert!(
        !html.contains(crate::fake_carriers::CLIENT_SECRET),
        "never shown again"
    );
    assert!(html.contains("Leave the fields above empty"));
    // The rate alone, the secrets left empty: the saved credentials stay (tested below).
    let rate = save(vec![
        ("requests_per_second", "5"),
        ("cadence", "in_transit=30m"),
    ])
    .await
    .unwrap();
    assert_eq!(rate.status(), 303);
    let (_, list) = app.get_json(&key, "/api/v1/carriers").await;
    assert_eq!(list["accounts"][0]["requests_per_second"], 5.0, "{list}");

    let test = |owner: &reqwest::Client| {
        owner
            .post(app.url("/console/carriers/ups/test"))
            .form(&[("csrf", token.as_str())])
            .send()
    };
    let ok = test(&owner).await.unwrap();
    assert_eq!(
        ok.headers()["location"],
        "/console/carriers?notice=test-ok#ups"
    );
    save(vec![
        ("client_id", crate::fake_carriers::CLIENT_ID),
        ("client_secret", "wrong"),
    ])
    .await
    .unwrap();
    let refused = test(&owner).await.unwrap();
    assert_eq!(
        refused.headers()["location"],
        "/console/carriers?notice=test-refused#ups"
    );
    let html = owner
        .get(app.url("/console/carriers?notice=test-refused"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("The carrier refused these credentials."));
    assert!(
        html.contains("Last error ("),
        "the card shows the last error"
    );
    // New credentials start their gate afresh: the old failure is gone from the card.
    save(vec![
        ("client_id", crate::fake_carriers::CLIENT_ID),
        ("client_secret", crate::fake_carriers::CLIENT_SECRET),
    ])
    .await
    .unwrap();
    let html = owner
        .get(app.url("/console/carriers"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("Last error ("), "the old error is forgotten");

    let removed = owner
        .post(app.url("/console/carriers/ups/remove"))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 303);
    let (_, list) = app.get_json(&key, "/api/v1/carriers").await;
    assert_eq!(list["accounts"], json!([]));

    let (agent, _) = member(&app, &key, "agent@acme.example", "agent").await;
    let refused = agent
        .get(app.url("/console/carriers"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403, "an agent may not see the carriers");
}

#[tokio::test]
async fn an_owner_switches_a_trigger_off_for_sms_and_previews_any_message_in_any_language() {
    let app = spawn_app().await;
    let (key, owner) = signed_in_owner(&app).await;
    let html = owner
        .get(app.url("/console/messages"))
        .send()
        .await
        .unwrap();
    assert_eq!(html.status(), 200);
    let html = html.text().await.unwrap();
    assert!(
        html.contains(r#"name="t.shipped" value="email" aria-label="Shipped: E-mail" checked"#)
    );
    assert!(
        html.contains(r#"name="t.in_transit" value="email" aria-label="In transit: E-mail">"#),
        "off by the platform's default"
    );
    let token = csrf(&html);
    let post = |extra: Vec<(&'static str, &'static str)>| {
        let mut form: Vec<(&str, String)> = vec![("csrf", token.clone())];
        for t in ["shipped", "delay", "out_for_delivery", "delivered"] {
            let name = match t {
                "shipped" => "t.shipped",
                "delay" => "t.delay",
                "out_for_delivery" => "t.out_for_delivery",
                _ => "t.delivered",
            };
            form.push((name, "email".into()));
            if t != "shipped" {
                form.push((name, "sms".into()));
            }
        }
        form.extend(extra.into_iter().map(|(k, v)| (k, v.to_owned())));
        owner.post(app.url("/console/messages")).form(&form).send()
    };
    let bad = post(vec![
        ("feedback_after", "10m"),
        ("review_url", "https://reviews.example/typed"),
    ])
    .await
    .unwrap();
    assert_eq!(bad.status(), 422);
    let redrawn = bad.text().await.unwrap();
    assert!(redrawn.contains("between 1h and 30d"));
    assert!(
        redrawn.contains(r#"value="https://reviews.example/typed""#)
            && redrawn.contains(r#"value="10m""#)
            && redrawn
                .contains(r#"name="t.delivered" value="sms" aria-label="Delivered: SMS" checked"#),
        "the form comes back as it was typed"
    );
    let bad = post(vec![("daily_cap", "lots")]).await.unwrap();
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains(r#"value="lots""#));
    let bad = post(vec![("quiet_hours", "22:00-22:00")]).await.unwrap();
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains("quiet_hours"));
    let (_, before) = app.get_json(&key, "/api/v1/notification-settings").await;
    assert_eq!(before["triggers"], json!({}), "nothing saved: {before}");

    let saved = post(vec![
        ("channels", "email, sms"),
        ("daily_cap", "3"),
        ("quiet_hours", "22:30-07:00"),
        ("feedback_after", "2h, 3d"),
        ("review_url", "https://reviews.example/acme"),
        ("like_name0", "Teapot"),
        ("like_url0", "https://acme.example/teapot"),
    ])
    .await
    .unwrap();
    assert_eq!(saved.status(), 303);
    let (_, s) = app.get_json(&key, "/api/v1/notification-settings").await;
    assert_eq!(s["triggers"]["shipped"], json!(["email"]), "{s}");
    assert_eq!(s["triggers"]["in_transit"], false);
    assert_eq!(s["triggers"]["delivered"], json!(["email", "sms"]));
    assert_eq!(s["channels"], json!(["email", "sms"]));
    assert_eq!(s["daily_cap"], 3);
    assert_eq!(s["quiet_hours"], "22:30-07:00");
    assert_eq!(s["feedback_after"], json!(["7200s", "259200s"]));
    assert_eq!(s["also_like"][0]["name"], "Teapot");
    let html = owner
        .get(app.url("/console/messages"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(r#"name="t.shipped" value="sms" aria-label="Shipped: SMS">"#),
        "shown off"
    );

    // Any trigger, any channel, any language: the SMS with its length, the e-mail as sent.
    let sms = owner
        .get(app.url("/console/messages/preview?trigger=out_for_delivery&channel=sms&lang=pt-BR"))
        .send()
        .await
        .unwrap();
    assert_eq!(sms.status(), 200);
    assert!(
        sms.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'self'")
    );
    let sms = sms.text().await.unwrap();
    assert!(sms.contains("lang=\"pt-BR\""), "{sms}");
    assert!(sms.contains("message(s)") && sms.contains("GSM-7"), "{sms}");
    let email = owner
        .get(app.url("/console/messages/preview?trigger=delivered&channel=email&lang=fr"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        email.contains("lang=\"fr\"") && email.contains("Teapot"),
        "the saved suggestion shows"
    );
    let arabic = owner
        .get(app.url("/console/messages/preview?trigger=shipped&channel=whatsapp&lang=ar"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(arabic.contains("dir=\"rtl\""));
}

#[tokio::test]
async fn every_member_reads_the_feedback_filters_it_and_exports_the_filter_as_csv() {
    let app = spawn_app().await;
    let (key, owner) = signed_in_owner(&app).await;
    for (rating, comment) in [("5", "Lovely mugs"), ("1", "=HYPERLINK(\"x\") box crushed")] {
        let s = app.register(&key, &number("OT")).await;
        let sent =
            crate::feedback::send_form(&s, &[("rating", rating), ("comment", comment)]).await;
        assert_eq!(sent.status(), 200);
    }
    let (viewer, _) = member(&app, &key, "viewer@acme.example", "viewer").await;
    for b in [&owner, &viewer] {
        let resp = b.get(app.url("/console/feedback")).send().await.unwrap();
        assert_eq!(resp.status(), 200);
        let html = resp.text().await.unwrap();
        assert!(html.contains("Lovely mugs") && html.contains("box crushed"));
        assert!(html.contains("class=\"detractor\""), "the 1 is marked");
        assert!(html.contains("<dd>2</dd>"), "two answers in the summary");
    }
    let low = owner
        .get(app.url("/console/feedback?rating=2"))
        .send()
        .await
        .unwrap();
    let low = low.text().await.unwrap();
    assert!(low.contains("box crushed") && !low.contains("Lovely mugs"));
    let none = owner
        .get(app.url("/console/feedback?source=qr"))
        .send()
        .await
        .unwrap();
    assert!(none.text().await.unwrap().contains("No answers match."));
    let csv = owner
        .get(app.url("/console/feedback.csv?rating=2&source="))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = csv.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "the header and the one answer: {csv}");
    assert!(
        lines[1].contains("\"'=HYPERLINK(\"\"x\"\") box crushed\""),
        "no formula: {csv}"
    );
    let outsider = browser();
    let resp = outsider
        .get(app.url("/console/feedback.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303, "signed out: to the sign-in page");
}

/// A `multipart/form-data` body as a browser posts a file input: (content type, body).
pub(crate) fn file_form(csrf: &str, file: &[u8]) -> (String, Vec<u8>) {
    let b = "----shipmateTestBoundary7MA4YWxk";
    let mut body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{b}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.png\"\r\nContent-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={b}"), body)
}

#[tokio::test]
async fn an_owner_uploads_and_removes_the_logo_from_the_branding_page() {
    let app = spawn_app().await;
    let (key, owner) = signed_in_owner(&app).await;
    let html = owner
        .get(app.url("/console/branding"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("enctype=\"multipart/form-data\""), "{html}");
    let token = csrf(&html);
    let post = |csrf: &str, file: Vec<u8>| {
        let (content_type, body) = file_form(csrf, &file);
        owner
            .post(app.url("/console/branding/logo"))
            .header("content-type", content_type)
            .body(body)
            .send()
    };

    // Without the session's secret nothing is saved.
    let forged = post("not-the-secret", crate::helpers::png(300, 100))
        .await
        .unwrap();
    assert_ne!(forged.status(), 200);
    assert_eq!(profile(&app, &key).await["logo"], Value::Null);
    // A file that is not an image: the page again, with the reason at the field.
    let refused = post(&token, b"just text".to_vec()).await.unwrap();
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(body.contains("PNG, JPEG, WebP or SVG") && body.contains("aria-invalid=\"true\""));
    let empty = post(&token, vec![]).await.unwrap();
    assert_eq!(empty.status(), 422);
    assert!(empty.text().await.unwrap().contains("Choose a file"));

    let saved = post(&token, crate::helpers::png(300, 100)).await.unwrap();
    assert_eq!(saved.status(), 303);
    assert_eq!(
        saved.headers()["location"],
        "/console/branding?notice=logo-saved"
    );
    let src = profile(&app, &key).await["logo_url"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = owner
        .get(app.url("/console/branding?notice=logo-saved"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("src=\"{src}\"")),
        "the logo shown: {page}"
    );
    assert!(page.contains("The new logo is on your pages"));

    let removed = owner
        .post(app.url("/console/branding/logo/remove"))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 303);
    assert_eq!(profile(&app, &key).await["logo_url"], Value::Null);
}
