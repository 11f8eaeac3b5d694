//! The merchant console: invitations, passwords, sessions, CSRF, sign-in limits, the team
//! API, and the shipments a member sees.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{Options, TestApp, browser, csrf, number, spawn_app, spawn_app_with};

fn location(resp: &reqwest::Response) -> String {
    resp.headers()["location"].to_str().unwrap().to_owned()
}

/// A merchant whose owner (`email`) has an invitation: (api key, invitation URL).
pub(crate) async fn merchant_with_owner(app: &TestApp, email: &str) -> (String, String) {
    let made = app
        .create_merchant_with(&json!({"name": "Acme Mugs", "owner_email": email}))
        .await;
    (
        made["api_key"].as_str().unwrap().to_owned(),
        made["owner_invitation_url"].as_str().unwrap().to_owned(),
    )
}

/// Opens an invitation in `b` and chooses `password`; returns the answer to the form.
pub(crate) async fn accept(
    b: &reqwest::Client,
    invitation: &str,
    password: &str,
) -> reqwest::Response {
    let form = b.get(invitation).send().await.unwrap();
    assert_eq!(form.status(), 200);
    let token = csrf(&form.text().await.unwrap());
    b.post(invitation)
        .form(&[("csrf", token.as_str()), ("password", password)])
        .send()
        .await
        .unwrap()
}

/// Signs `b` in with the sign-in form; returns the answer to the form.
async fn sign_in(
    app: &TestApp,
    b: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let form = b.get(app.url("/console/sign-in")).send().await.unwrap();
    assert_eq!(form.status(), 200);
    let token = csrf(&form.text().await.unwrap());
    b.post(app.url("/console/sign-in"))
        .form(&[
            ("csrf", token.as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_owner_accepts_the_invitation_and_finds_the_shops_shipments() {
    let app = spawn_app().await;
    let (key, invitation) = merchant_with_owner(&app, "owner@acme.example").await;
    assert!(invitation.starts_with(&format!("{}/console/invitation/", app.addr)));
    let s = app.register(&key, &number("OT")).await;
    app.poll_journeys().await;

    let b = browser();
    let resp = b.get(app.url("/console/shipments")).send().await.unwrap();
    assert_eq!(resp.status(), 303, "signed out: to the sign-in page");
    assert_eq!(location(&resp), "/console/sign-in");

    let too_short = accept(&b, &invitation, "short").await;
    assert_eq!(too_short.status(), 422);
    let done = accept(&b, &invitation, "a long enough passphrase").await;
    assert_eq!(done.status(), 303);
    assert_eq!(location(&done), "/console");
    let cookie = done.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("shipmate_console="), "{cookie}");
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/console"] {
        assert!(cookie.contains(flag), "{cookie} lacks {flag}");
    }
    let again = b.get(&invitation).send().await.unwrap();
    assert_eq!(again.status(), 404, "an invitation works once");

    let list = b.get(app.url("/console/shipments")).send().await.unwrap();
    assert_eq!(list.status(), 200);
    let html = list.text().await.unwrap();
    let tracking_number = s["tracking_number"].as_str().unwrap();
    for expected in [
        "Acme Mugs",
        tracking_number,
        "Delivered",
        "owner@acme.example",
    ] {
        assert!(html.contains(expected), "list lacks {expected:?}");
    }
    let id = s["id"].as_str().unwrap();
    let one = b
        .get(app.url(&format!("/console/shipments/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(one.status(), 200);
    let html = one.text().await.unwrap();
    assert!(html.contains("<code>DL</code>"), "the carrier's raw codes");
    assert!(html.contains(s["tracking_url"].as_str().unwrap()));
    let filtered = b
        .get(app.url("/console/shipments?status=exception"))
        .send()
        .await
        .unwrap();
    assert!(!filtered.text().await.unwrap().contains(tracking_number));

    // Another shop's shipment is not found, and the page a signed-out browser gets is the
    // sign-in form.
    let (_, other_key) = app.create_merchant("Other").await;
    let other = app.register(&other_key, &number("OT")).await;
    let path = format!("/console/shipments/{}", other["id"].as_str().unwrap());
    assert_eq!(b.get(app.url(&path)).send().await.unwrap().status(), 404);

    let html = b
        .get(app.url("/console/shipments"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let out = b
        .post(app.url("/console/sign-out"))
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    let after = b.get(app.url("/console/shipments")).send().await.unwrap();
    assert_eq!(after.status(), 303, "signed out");

    let back = sign_in(
        &app,
        &browser(),
        "OWNER@acme.example",
        "a long enough passphrase",
    )
    .await;
    assert_eq!(back.status(), 303, "the address in any case");
}

/// The console speaks the browser's language (any of the tracking pages' eight; Arabic
/// from right to left), else the shop's: English.
#[tokio::test]
async fn the_sign_in_page_speaks_the_browsers_language() {
    let app = spawn_app().await;
    for (lang, says) in [
        ("es-MX", "<html lang=\"es\" dir=\"ltr\""),
        ("es-MX", "Iniciar sesión"),
        ("fr-CA", "Se connecter"),
        ("de-CH", "Anmelden"),
        ("pt-BR", "Entrar"),
        ("pl", "Zaloguj się"),
        ("ro", "Autentificare"),
        ("ar-EG", "<html lang=\"ar\" dir=\"rtl\""),
        ("ar-EG", "تسجيل الدخول"),
        ("ja", "Sign in"),
    ] {
        let asked = browser().get(app.url("/console/sign-in"));
        let answer = asked.header("accept-language", lang).send().await.unwrap();
        let page = answer.text().await.unwrap();
        assert!(page.contains(says), "{lang}: {page}");
    }
}

#[tokio::test]
async fn sign_in_refuses_forged_forms_wrong_passwords_and_too_many_tries() {
    let app = spawn_app().await;
    let (_, invitation) = merchant_with_owner(&app, "ops@acme.example").await;
    accept(&browser(), &invitation, "correct horse battery").await;

    let forged = browser()
        .post(app.url("/console/sign-in"))
        .form(&[
            ("csrf", "x"),
            ("email", "ops@acme.example"),
            ("password", "correct horse battery"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403, "no CSRF cookie: another site's form");
    assert!(
        forged
            .headers()
            .get("set-cookie")
            .is_some_and(|c| { !c.to_str().unwrap().starts_with("shipmate_console=") })
    );

    let b = browser();
    let unknown = sign_in(&app, &b, "nobody@acme.example", "correct horse battery").await;
    assert_eq!(unknown.status(), 401);
    let unknown_page = unknown.text().await.unwrap();
    let wrong = sign_in(&app, &b, "ops@acme.example", "wrong horse battery").await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(
        wrong
            .text()
            .await
            .unwrap()
            .replace("ops@", "nobody@")
            .split("name=\"csrf\"")
            .next(),
        unknown_page.split("name=\"csrf\"").next(),
        "an unknown address reads like a wrong password"
    );
    // Ten tries per account per quarter hour (the default); the eleventh is refused even
    // with the right password.
    for _ in 0..9 {
        let r = sign_in(&app, &browser(), "ops@acme.example", "guess guess guess").await;
        assert_eq!(r.status(), 401);
    }
    let locked = sign_in(
        &app,
        &browser(),
        "ops@acme.example",
        "correct horse battery",
    )
    .await;
    assert_eq!(locked.status(), 429);
    assert!(locked.headers().contains_key("retry-after"));
}

/// Signs in a member invited through the team API with `role`; returns their browser.
pub(crate) async fn member(
    app: &TestApp,
    key: &str,
    email: &str,
    role: &str,
) -> (reqwest::Client, Value) {
    let resp = app
        .http
        .post(app.url("/api/v1/team"))
        .bearer_auth(key)
        .json(&json!({"email": email, "role": role}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    let invited: Value = resp.json().await.unwrap();
    assert_eq!(invited["active"], false);
    let b = browser();
    let done = accept(
        &b,
        invited["invitation_url"].as_str().unwrap(),
        "a team member's phrase",
    )
    .await;
    assert_eq!(done.status(), 303);
    (b, invited)
}

#[tokio::test]
async fn the_team_api_invites_lists_and_removes_members_whose_sessions_end_at_once() {
    let app = spawn_app().await;
    let (key, invitation) = merchant_with_owner(&app, "boss@acme.example").await;
    accept(&browser(), &invitation, "the owner's passphrase").await;

    for role in ["admin", "agent", "viewer"] {
        let (b, _) = member(&app, &key, &format!("{role}@acme.example"), role).await;
        let page = b.get(app.url("/console/shipments")).send().await.unwrap();
        assert_eq!(page.status(), 200, "{role} sees the shipments");
        let html = page
            .text()
            .await
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(html.contains(&format!("({role})")), "{role} named");
    }
    let (agent, invited) = member(&app, &key, "temp@acme.example", "agent").await;
    let (status, team) = app.get_json(&key, "/api/v1/team").await;
    assert_eq!(status, 200);
    let roles: Vec<&str> = team["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["owner", "admin", "agent", "viewer", "agent"]);
    assert!(
        team["members"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["active"] == true)
    );

    let bad = app
        .http
        .post(app.url("/api/v1/team"))
        .bearer_auth(&key)
        .json(&json!({"email": "not an address", "role": "root"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let body: Value = bad.json().await.unwrap();
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email", "role"]);
    let taken = app
        .http
        .post(app.url("/api/v1/team"))
        .bearer_auth(&key)
        .json(&json!({"email": "Temp@acme.example", "role": "viewer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(taken.status(), 409, "one account per address");

    let id = invited["id"].as_str().unwrap();
    let removed = app
        .http
        .delete(app.url(&format!("/api/v1/team/{id}")))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 204);
    let gone = agent
        .get(app.url("/console/shipments"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        gone.status(),
        303,
        "a removed member's session ends at once"
    );
    let (_, other_key) = app.create_merchant("Other").await;
    let (_, team) = app.get_json(&other_key, "/api/v1/team").await;
    assert_eq!(team["members"], json!([]), "teams are per merchant");
    let owner_id = app.get_json(&key, "/api/v1/team").await.1["members"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let last_owner = app
        .http
        .delete(app.url(&format!("/api/v1/team/{owner_id}")))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(last_owner.status(), 409);
    let (_, audit) = app.get_json(&key, "/api/v1/audit").await;
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"team.invite") && actions.contains(&"team.remove"),
        "{actions:?}"
    );
    assert!(
        !audit.to_string().contains("temp@acme.example"),
        "no addresses in the log"
    );
}

#[tokio::test]
async fn sessions_end_when_idle_and_https_cookies_are_host_only() {
    let o = Options {
        configure: Box::new(|c| {
            c.console.idle_timeout = Duration::from_millis(300);
            c.console.absolute_timeout = Duration::from_secs(60);
        }),
        ..Default::default()
    };
    let app = spawn_app_with(o).await;
    let (_, invitation) = merchant_with_owner(&app, "idle@acme.example").await;
    let b = browser();
    accept(&b, &invitation, "an idle member's phrase").await;
    assert_eq!(
        b.get(app.url("/console/shipments"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    tokio::time::sleep(Duration::from_millis(700)).await;
    let idle = b.get(app.url("/console/shipments")).send().await.unwrap();
    assert_eq!(idle.status(), 303, "idle past the timeout: signed out");

    let o = Options {
        configure: Box::new(|c| c.http.public_url = "https://track.example".into()),
        ..Default::default()
    };
    let app = spawn_app_with(o).await;
    let (_, invitation) = merchant_with_owner(&app, "tls@acme.example").await;
    let local = invitation.replace("https://track.example", &app.addr);
    let done = accept(&browser(), &local, "a careful member's phrase").await;
    let cookie = done.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-shipmate_console="), "{cookie}");
    for flag in ["Secure", "HttpOnly", "Path=/"] {
        assert!(cookie.contains(flag), "{cookie} lacks {flag}");
    }
}

#[tokio::test]
async fn a_session_ends_at_its_absolute_timeout_however_busy() {
    let app = spawn_app().await;
    let (_, invitation) = merchant_with_owner(&app, "busy@acme.example").await;
    let b = browser();
    let done = accept(&b, &invitation, "a busy member's phrase").await;
    let cookie = done.headers()["set-cookie"].to_str().unwrap().to_owned();
    let value = cookie.split(';').next().unwrap().split_once('=').unwrap().1;
    let token = shipmate::domain::ConsoleToken::parse(value).unwrap();
    let console =
        shipmate::services::Console::new(app.parts.store.clone(), app.parts.config.clone());
    let now = chrono::Utc::now();
    assert!(console.session(&token, now).await.unwrap().is_some());
    let week = now + chrono::Duration::days(7) + chrono::Duration::seconds(1);
    assert!(console.session(&token, week).await.unwrap().is_none());
    let after = b.get(app.url("/console/shipments")).send().await.unwrap();
    assert_eq!(
        after.status(),
        303,
        "the session was ended, not only refused once"
    );
}

/// Every console route for every role: what each may do, and a 403 where it may not.
#[tokio::test]
async fn every_console_route_checks_the_members_role_on_the_server() {
    let app = spawn_app().await;
    let (key, invitation) = merchant_with_owner(&app, "own@acme.example").await;
    let owner = browser();
    accept(&owner, &invitation, "the owner's passphrase").await;
    let s = app.register(&key, &number("ST")).await;
    let id = s["id"].as_str().unwrap();
    let nobody = "usr_0000000000000000";
    let mut members = vec![("owner", owner)];
    for role in ["admin", "agent", "viewer"] {
        let (b, _) = member(&app, &key, &format!("{role}-matrix@acme.example"), role).await;
        members.push((role, b));
    }
    for (role, b) in &members {
        let html = b.get(app.url("/console/shipments")).send().await.unwrap();
        assert_eq!(html.status(), 200, "{role}: shipments");
        let token = csrf(&html.text().await.unwrap());
        let page = b
            .get(app.url(&format!("/console/shipments/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200, "{role}: a shipment");
        let acts = *role != "viewer";
        let manages = *role == "owner";
        let configures = matches!(*role, "owner" | "admin");
        let posts = [
            (format!("/console/shipments/{id}/refresh"), vec![], acts),
            (format!("/console/shipments/{id}/cancel"), vec![], acts),
            ("/console/messages/nope/resend".to_owned(), vec![], acts),
            (
                "/console/team".to_owned(),
                vec![("email", "x"), ("role", "agent")],
                manages,
            ),
            (format!("/console/team/{nobody}/remove"), vec![], manages),
            (
                "/console/carriers/ups/remove".to_owned(),
                vec![],
                configures,
            ),
            ("/console/carriers/ups/test".to_owned(), vec![], configures),
            (
                "/console/branding/logo/remove".to_owned(),
                vec![],
                configures,
            ),
            (
                "/console/stores/shopify/remove".to_owned(),
                vec![],
                configures,
            ),
            (
                "/console/webhooks/wh_nope/disable".to_owned(),
                vec![],
                configures,
            ),
            (
                "/console/keys/key_0000000000000000/revoke".to_owned(),
                vec![],
                manages,
            ),
        ];
        for (path, fields, allowed) in posts {
            let mut form = vec![("csrf", token.as_str())];
            form.extend(fields);
            let resp = b.post(app.url(&path)).form(&form).send().await.unwrap();
            let want = if allowed { 303 } else { 403 };
            assert_eq!(resp.status(), want, "{role}: POST {path}");
        }
        let qr = format!("/console/shipments/{id}/qr.svg");
        let insert = format!("/console/shipments/{id}/insert");
        let pages = [
            ("/console", true),
            (qr.as_str(), true),
            (insert.as_str(), true),
            ("/console/shipments.csv", true),
            ("/console/feedback", true),
            ("/console/feedback.csv", true),
            ("/console/imports", acts),
            ("/console/stores", configures),
            ("/console/carriers", configures),
            ("/console/messages", configures),
            ("/console/webhooks", configures),
            ("/console/messages/preview", configures),
            ("/console/team", manages),
            ("/console/keys", manages),
            ("/console/branding", configures),
            ("/console/branding/page", configures),
            ("/console/branding/email", configures),
        ];
        for (page, allowed) in pages {
            let resp = b.get(app.url(page)).send().await.unwrap();
            let want = if allowed { 200 } else { 403 };
            assert_eq!(resp.status(), want, "{role}: {page}");
        }
        let form = [("csrf", token.as_str()), ("name", "Acme Mugs")];
        let resp = b
            .post(app.url("/console/branding/preview"))
            .form(&form)
            .send()
            .await
            .unwrap();
        let want = if configures { 200 } else { 403 };
        assert_eq!(
            resp.status(),
            want,
            "{role}: POST /console/branding/preview"
        );
        // A valid branding form: saved by those who configure, refused to the others.
        let form = [("csrf", token.as_str()), ("name", "Acme Mugs")];
        let resp = b
            .post(app.url("/console/branding"))
            .form(&form)
            .send()
            .await
            .unwrap();
        let want = if configures { 303 } else { 403 };
        assert_eq!(resp.status(), want, "{role}: POST /console/branding");
        let (content_type, body) =
            crate::console_settings::file_form(&token, &crate::helpers::png(10, 10));
        let resp = b
            .post(app.url("/console/branding/logo"))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), want, "{role}: POST /console/branding/logo");
        let (content_type, body) = crate::console_settings::file_form(&token, b"tracking_number\n");
        let resp = b
            .post(app.url("/console/imports"))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let want = if acts { 303 } else { 403 };
        assert_eq!(resp.status(), want, "{role}: POST /console/imports");
    }
    // The cancel above lacked its confirmation: the parcel is still tracked.
    assert_eq!(app.page(&page_path(&app, &s)).await.0, 200);
}

fn page_path(app: &TestApp, s: &Value) -> String {
    s["tracking_url"].as_str().unwrap().replace(&app.addr, "")
}

#[tokio::test]
async fn an_agent_refreshes_and_stops_tracking_and_a_forged_form_does_nothing() {
    let app = spawn_app().await;
    let (key, invitation) = merchant_with_owner(&app, "lead@acme.example").await;
    accept(&browser(), &invitation, "the owner's passphrase").await;
    let (agent, _) = member(&app, &key, "sam@acme.example", "agent").await;
    let s = app.register(&key, &number("ST")).await;
    let page = format!("/console/shipments/{}", s["id"].as_str().unwrap());
    let html = agent
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = csrf(&html);

    let forged = agent
        .post(app.url(&format!("{page}/refresh")))
        .form(&[("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&forged), page, "back, with nothing done");
    let refresh = |csrf: String| {
        let (agent, url) = (agent.clone(), app.url(&format!("{page}/refresh")));
        async move {
            agent
                .post(url)
                .form(&[("csrf", csrf)])
                .send()
                .await
                .unwrap()
        }
    };
    let first = refresh(token.clone()).await;
    assert_eq!(
        location(&first),
        format!("{page}?notice=refreshed"),
        "the forged one did nothing"
    );
    let second = refresh(token.clone()).await;
    assert_eq!(location(&second), format!("{page}?notice=too-soon"));
    let shown = agent.get(app.url(&location(&second))).send().await.unwrap();
    assert!(
        shown
            .text()
            .await
            .unwrap()
            .contains("refreshed a moment ago")
    );
    assert!(
        !agent
            .get(app.url(&format!("{page}?notice=<script>")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .contains("<script>"),
        "only known notices are shown"
    );

    let stop = agent
        .post(app.url(&format!("{page}/cancel")))
        .form(&[("csrf", token.as_str()), ("confirm", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&stop), format!("{page}?notice=cancelled"));
    assert_eq!(
        app.page(&page_path(&app, &s)).await.0,
        404,
        "the customer's link is dead"
    );
    let (_, api) = app
        .get_json(
            &key,
            &format!("/api/v1/shipments/{}", s["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(api["status"], "cancelled");
}

#[tokio::test]
async fn search_finds_a_parcel_by_each_key_through_the_index_and_forgets_an_erased_email() {
    let app = spawn_app().await;
    let (key, invitation) = merchant_with_owner(&app, "find@acme.example").await;
    let b = browser();
    accept(&b, &invitation, "the owner's passphrase").await;
    let mut body = crate::helpers::shipment_body(&number("OT"));
    body["order"]["number"] = json!("#A-77");
    body["customer"]["email"] = json!("Bea.Costa@Example.com");
    let s = app.register_with(&key, &body).await;
    let other = app.register(&key, &number("OT")).await;
    let (_, stranger_key) = app.create_merchant("Stranger").await;
    let mut theirs = crate::helpers::shipment_body(&number("OT"));
    theirs["order"]["number"] = json!("#A-77");
    app.register_with(&stranger_key, &theirs).await;

    let id = s["id"].as_str().unwrap();
    let find = |q: &str| {
        let (app, key, q) = (&app, key.clone(), q.to_owned());
        async move {
            let url = format!("/api/v1/shipments?q={}", urlencode(&q));
            let (status, found) = app.get_json(&key, &url).await;
            assert_eq!(status, 200, "{found}");
            found["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["id"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    let number = s["tracking_number"].as_str().unwrap();
    assert_eq!(find(number).await, [id]);
    assert_eq!(find(&number.to_lowercase()).await, [id], "case aside");
    assert_eq!(
        find("a-77").await,
        [id],
        "the order number, '#' and case aside"
    );
    assert_eq!(find("bea.costa@example.com").await, [id]);
    assert!(find("bea@example.com").await.is_empty());
    assert!(!find("1001").await.contains(&id.to_owned()));
    assert!(
        find("1001")
            .await
            .contains(&other["id"].as_str().unwrap().to_owned())
    );
    let (status, _) = app.get_json(&key, "/api/v1/shipments?q=").await;
    assert_eq!(status, 422);

    let html = b
        .get(app.url("/console/shipments?q=A-77"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(number) && !html.contains(other["tracking_number"].as_str().unwrap()));
    let none = b
        .get(app.url("/console/shipments?q=%3Cb%3E"))
        .send()
        .await
        .unwrap();
    let none = none.text().await.unwrap();
    assert!(none.contains("Nothing found") && !none.contains("<b>"));

    let cancelled = app
        .http
        .delete(app.url(&format!("/api/v1/shipments/{id}")))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert!(cancelled.status().is_success());
    assert!(
        find("bea.costa@example.com").await.is_empty(),
        "an erased e-mail is not searchable"
    );
    assert_eq!(
        find(number).await,
        [id],
        "the numbers still find a cancelled parcel"
    );
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn a_member_s_changes_are_audited_under_their_id() {
    let app = spawn_app().await;
    let (key, invitation) = merchant_with_owner(&app, "chief@acme.example").await;
    let owner = browser();
    accept(&owner, &invitation, "the owner's passphrase").await;
    let html = owner.get(app.url("/console/team")).send().await.unwrap();
    let token = csrf(&html.text().await.unwrap());
    let invited = owner
        .post(app.url("/console/team"))
        .form(&[
            ("csrf", token.as_str()),
            ("email", "new@acme.example"),
            ("role", "viewer"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(invited.status(), 200);
    let page = invited
        .text()
        .await
        .unwrap()
        .replace(['\u{2068}', '\u{2069}'], "");
    assert!(
        page.contains("/console/invitation/"),
        "the link, shown once"
    );
    let (_, team) = app.get_json(&key, "/api/v1/team").await;
    let owner_id = team["members"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(team["members"][1]["role"], "viewer");
    let (_, audit) = app.get_json(&key, "/api/v1/audit").await;
    let entry = &audit["items"][0];
    assert_eq!(entry["action"], "team.invite");
    assert_eq!(entry["user_id"], owner_id.as_str());
    assert_eq!(entry["key_id"], Value::Null);
}

#[tokio::test]
async fn an_owner_rotates_the_api_key_in_the_console() {
    let app = spawn_app().await;
    let (old_key, invitation) = merchant_with_owner(&app, "keys@acme.example").await;
    let owner = browser();
    accept(&owner, &invitation, "the owner's passphrase").await;
    let html = owner.get(app.url("/console/keys")).send().await.unwrap();
    let html = html.text().await.unwrap();
    let token = csrf(&html);
    let old_id = html
        .split("/console/keys/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_owned();
    let made = owner
        .post(app.url("/console/keys"))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 200);
    let page = made.text().await.unwrap();
    let new_key = page
        .split("sk_")
        .nth(1)
        .map(|rest| format!("sk_{}", &rest[..43]))
        .unwrap();
    assert_eq!(
        app.get_json(&new_key, "/api/v1/merchant").await.0,
        200,
        "the new key works"
    );
    let revoked = owner
        .post(app.url(&format!("/console/keys/{old_id}/revoke")))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&revoked), "/console/keys?notice=revoked");
    assert_eq!(
        app.get_json(&old_key, "/api/v1/merchant").await.0,
        401,
        "refused at once"
    );
    let html = owner.get(app.url("/console/keys")).send().await.unwrap();
    let html = html.text().await.unwrap();
    assert!(
        html.contains("api_key.revoke") && html.contains("keys@acme.example"),
        "the audit names the member"
    );
}

#[tokio::test]
async fn a_member_signs_out_of_every_browser_at_once() {
    let app = spawn_app().await;
    let (_, invitation) = merchant_with_owner(&app, "two@acme.example").await;
    let (laptop, phone) = (browser(), browser());
    accept(&laptop, &invitation, "a two-device passphrase").await;
    let signed = sign_in(&app, &phone, "two@acme.example", "a two-device passphrase").await;
    assert_eq!(signed.status(), 303);
    let html = laptop
        .get(app.url("/console/shipments"))
        .send()
        .await
        .unwrap();
    let token = csrf(&html.text().await.unwrap());
    let phone_page = phone
        .get(app.url("/console/shipments"))
        .send()
        .await
        .unwrap();
    assert_eq!(phone_page.status(), 200);
    let out = laptop
        .post(app.url("/console/sign-out"))
        .form(&[("csrf", token.as_str()), ("everywhere", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&out), "/console/sign-in");
    for b in [&laptop, &phone] {
        let after = b.get(app.url("/console/shipments")).send().await.unwrap();
        assert_eq!(after.status(), 303, "every session ended");
    }
}

/// The link in an e-mail the SMTP sink received.
fn link_in(mail: &Value) -> String {
    let text = mail["parts"]["text/plain"]
        .as_str()
        .or_else(|| mail["body"].as_str())
        .unwrap_or_else(|| panic!("no text: {mail}"));
    text.split_whitespace()
        .find(|w| w.contains("/console/invitation/"))
        .unwrap_or_else(|| panic!("no link: {text}"))
        .to_owned()
}

/// Asks for a password reset link for `email` from a fresh browser.
async fn ask_reset(app: &TestApp, email: &str) -> reqwest::Response {
    let b = browser();
    let form = b.get(app.url("/console/reset")).send().await.unwrap();
    let token = csrf(&form.text().await.unwrap());
    b.post(app.url("/console/reset"))
        .form(&[("csrf", token.as_str()), ("email", email)])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn invitations_and_password_resets_arrive_by_email() {
    let sink = crate::sinks::SmtpSink::start();
    let port = sink.port;
    let o = Options {
        configure: Box::new(move |c| {
            c.notifier.email.smtp_host = "127.0.0.1".into();
            c.notifier.email.smtp_port = port;
            c.notifier.email.tls = "none".into();
        }),
        ..Default::default()
    };
    let app = spawn_app_with(o).await;
    let (_, invitation) = merchant_with_owner(&app, "mailed@acme.example").await;
    let got = sink.received();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["to"], json!(["mailed@acme.example"]));
    assert!(got[0]["subject"].as_str().unwrap().contains("Acme Mugs"));
    assert_eq!(
        link_in(&got[0]),
        invitation,
        "the e-mailed link is the invitation"
    );
    let b = browser();
    assert_eq!(
        accept(&b, &link_in(&got[0]), "the first passphrase")
            .await
            .status(),
        303
    );

    // Forgot it: a link by e-mail, the same answer for an unknown address.
    let ask = |email| ask_reset(&app, email);
    let known = ask("mailed@acme.example").await;
    assert_eq!(known.status(), 200);
    let known = known.text().await.unwrap();
    let unknown = ask("nobody@acme.example").await.text().await.unwrap();
    assert!(known.contains("a link is on its way"));
    // The pages differ only in their fresh CSRF secret.
    let strip = |html: &str| {
        html.lines()
            .filter(|l| !l.contains("name=\"csrf\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        strip(&known),
        strip(&unknown),
        "no telling who has an account"
    );
    let got = sink.received();
    assert_eq!(got.len(), 2, "one e-mail, for the known address only");
    assert!(got[1]["subject"].as_str().unwrap().contains("new password"));
    let reset = link_in(&got[1]);
    let done = accept(&browser(), &reset, "the second passphrase").await;
    assert_eq!(done.status(), 303);
    let old = sign_in(
        &app,
        &browser(),
        "mailed@acme.example",
        "the first passphrase",
    )
    .await;
    assert_eq!(old.status(), 401);
    let new = sign_in(
        &app,
        &browser(),
        "mailed@acme.example",
        "the second passphrase",
    )
    .await;
    assert_eq!(new.status(), 303);
    assert_eq!(
        b.get(app.url("/console")).send().await.unwrap().status(),
        303,
        "the reset ended the other sessions"
    );
    assert_eq!(
        browser().get(&reset).send().await.unwrap().status(),
        404,
        "once"
    );

    // A teammate invited from the console gets the link by e-mail too.
    let owner = browser();
    sign_in(&app, &owner, "mailed@acme.example", "the second passphrase").await;
    let html = owner.get(app.url("/console/team")).send().await.unwrap();
    let token = csrf(&html.text().await.unwrap());
    let invited = owner
        .post(app.url("/console/team"))
        .form(&[
            ("csrf", token.as_str()),
            ("email", "mate@acme.example"),
            ("role", "agent"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(invited.contains("We e-mailed"), "{invited}");
    let got = sink.received();
    assert_eq!(got.len(), 3);
    assert_eq!(got[2]["to"], json!(["mate@acme.example"]));
    assert!(invited.contains(&link_in(&got[2])), "the same link");

    // Three requests an hour per address.
    ask("mailed@acme.example").await;
    ask("mailed@acme.example").await;
    assert_eq!(ask("mailed@acme.example").await.status(), 429);
}

#[tokio::test]
async fn without_email_the_reset_page_says_to_ask_the_owner() {
    let app = spawn_app().await;
    let b = browser();
    let form = b.get(app.url("/console/reset")).send().await.unwrap();
    let token = csrf(&form.text().await.unwrap());
    let resp = b
        .post(app.url("/console/reset"))
        .form(&[("csrf", token.as_str()), ("email", "x@acme.example")])
        .send()
        .await
        .unwrap();
    assert!(
        resp.text()
            .await
            .unwrap()
            .contains("Ask your shop&#39;s owner")
    );
    let forged = b
        .post(app.url("/console/reset"))
        .form(&[("csrf", "nope"), ("email", "x@acme.example")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
}
