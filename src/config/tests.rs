use super::*;

fn env(pairs: &[(&str, &str)]) -> impl Iterator<Item = (String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect::<Vec<_>>()
        .into_iter()
}

#[test]
fn defaults_load_and_env_overrides_apply() {
    let c = Config::from_layers(
        &[],
        env(&[
            ("SHIPMATE__REDIS__URL", "redis://10.0.0.1:6380"),
            ("SHIPMATE__POLLER__CADENCE__IN_TRANSIT", "30m"),
            ("SHIPMATE__REDIS__SHARDS", "4"),
            ("SHIPMATE__ADMIN__TOKEN", "0123456789abcdef0123456789abcdef"),
        ]),
    )
    .unwrap();
    assert_eq!(c.redis.url, "redis://10.0.0.1:6380");
    assert_eq!(c.poller.cadence.in_transit, Duration::from_secs(1800));
    assert_eq!(c.redis.shards, 4);
    assert_eq!(c.admin.token.expose(), "0123456789abcdef0123456789abcdef");
    assert!(!format!("{c:?}").contains("0123456789abcdef0123456789abcdef"));
}

#[test]
fn bad_values_name_the_key() {
    let e = Config::from_layers(&[], env(&[("SHIPMATE__REDIS__SHARDS", "many")])).unwrap_err();
    assert!(e.to_string().contains("SHIPMATE__REDIS__SHARDS"), "{e}");
    let e = Config::from_layers(&[], env(&[("SHIPMATE__NOPE__X", "1")])).unwrap_err();
    assert!(e.to_string().contains("no such config"), "{e}");
    let e = Config::from_layers(&[], env(&[("SHIPMATE__POLLER__LEASE", "soon")])).unwrap_err();
    assert!(e.to_string().contains("soon"), "{e}");
    let e = Config::from_layers(&[], env(&[("SHIPMATE__SCHEDULER__EXPIRY_SWEEP", "never")]))
        .unwrap_err();
    assert!(e.to_string().contains("cron"), "{e}");
}

#[test]
fn demo_overlay_shrinks_cadences() {
    let c = Config::from_layers(&[("demo".into(), DEMO_TOML.into())], env(&[])).unwrap();
    assert_eq!(c.poller.cadence.in_transit, Duration::from_secs(5));
}

#[test]
fn cluster_mode_takes_seed_nodes_from_the_environment() {
    let c = Config::from_layers(
        &[],
        env(&[
            ("SHIPMATE__REDIS__MODE", "cluster"),
            (
                "SHIPMATE__REDIS__NODES",
                "redis://10.0.0.1:7000, redis://10.0.0.2:7000",
            ),
        ]),
    )
    .unwrap();
    assert_eq!(c.redis.mode, RedisMode::Cluster);
    assert_eq!(
        c.redis.nodes,
        ["redis://10.0.0.1:7000", "redis://10.0.0.2:7000"]
    );
    let e = Config::from_layers(&[], env(&[("SHIPMATE__REDIS__MODE", "cluster")])).unwrap_err();
    assert!(e.to_string().contains("redis.nodes"), "{e}");
    let e = Config::from_layers(&[], env(&[("SHIPMATE__REDIS__MODE", "sentinel")])).unwrap_err();
    assert!(e.to_string().contains("sentinel"), "{e}");
}

#[test]
fn the_kubernetes_overlay_loads() {
    let k8s = include_str!("../../config/kubernetes.toml");
    let c = Config::from_layers(&[("kubernetes".into(), k8s.into())], env(&[])).unwrap();
    assert_eq!(c.http.addr, "0.0.0.0:8080");
    assert_eq!(c.log.format, "json");
}

#[test]
fn a_misspelt_key_in_a_file_stops_the_boot_naming_it() {
    for (toml, key) in [
        (
            "[http]\nadress = \"0.0.0.0:8080\"",
            "http.adress: unknown field",
        ),
        (
            "[notifier.email]\nsmtp_hots = \"mail\"",
            "notifier.email.smtp_hots",
        ),
        // Keys beside flattened ones (a carrier's rate limits) are checked too.
        (
            "[carriers.ups]\nrequests_per_secnd = 2.0",
            "ups: unknown field `requests_per_secnd`",
        ),
        (
            "[carriers.inpost]\nbase_ulr = \"http://x\"",
            "inpost: unknown field `base_ulr`",
        ),
        (
            "[poller.cadence]\nin_transt = \"1h\"",
            "poller.cadence.in_transt",
        ),
        ("[metrcs]\naddr = \"\"", "metrcs"),
    ] {
        let e = Config::from_layers(&[("config/local.toml".into(), toml.into())], env(&[]))
            .unwrap_err()
            .to_string();
        assert!(e.contains(key), "{toml}: {e}");
    }
    let ok = "[carriers.ups]\nrequests_per_second = 2.0\n[carriers.inpost]\nenabled = true";
    let c = Config::from_layers(&[("config/local.toml".into(), ok.into())], env(&[])).unwrap();
    assert_eq!(c.carriers["ups"].limits.requests_per_second, 2.0);
    assert!(c.carriers["inpost"].enabled);
}

#[test]
fn a_misspelt_key_in_the_environment_stops_the_boot_naming_it() {
    for var in [
        "SHIPMATE__HTTP__ADRESS",
        "SHIPMATE__CARRIERS__UPS__REQUESTS_PER_SECND",
        "SHIPMATE__NOTIFER__BATCH",
    ] {
        let e = Config::from_layers(&[], env(&[(var, "1")]))
            .unwrap_err()
            .to_string();
        assert!(e.contains(var), "{e}");
    }
    // Misspelt in a file and set from the environment: still refused, by name.
    let file = ("config/local.toml".into(), "[http]\nadress = \"x\"".into());
    let e = Config::from_layers(&[file], env(&[("SHIPMATE__HTTP__ADRESS", "y")]))
        .unwrap_err()
        .to_string();
    assert!(e.contains("adress"), "{e}");
}

#[test]
fn carrier_sections_start_from_the_table() {
    let c = Config::from_layers(
        &[(
            "overlay".into(),
            "[carriers.dhl]\nrequests_per_second = 3.0\n".into(),
        )],
        env(&[
            ("SHIPMATE__CARRIERS__UPS__CLIENT_ID", "id"),
            ("SHIPMATE__CARRIERS__UPS__CLIENT_SECRET", "not-in-debug"),
        ]),
    )
    .unwrap();
    let ups = &c.carriers["ups"];
    assert_eq!(ups.base_url, "https://onlinetools.ups.com");
    assert_eq!(
        (ups.client_id.as_str(), ups.limits.requests_per_second),
        ("id", 5.0)
    );
    assert_eq!(ups.timeout, Duration::from_secs(10));
    assert_eq!(c.carriers["dhl"].limits.requests_per_second, 3.0);
    assert_eq!(c.carriers["dhl"].limits.breaker_failures, 5);
    assert!(c.carriers["sandbox"].enabled && !c.carriers["inpost"].enabled);
    assert!(!format!("{c:?}").contains("not-in-debug"));

    let e =
        Config::from_layers(&[], env(&[("SHIPMATE__CARRIERS__UPS__API_KEY", "k")])).unwrap_err();
    assert!(e.to_string().contains("no such config key"), "{e}");
    let typo = [("typo".into(), "[carriers.upss]\nclient_id = \"x\"\n".into())];
    let e = Config::from_layers(&typo, env(&[])).unwrap_err();
    assert!(
        e.to_string().contains("carriers.upss: no such carrier"),
        "{e}"
    );
}

#[test]
fn the_logo_retry_schedule_is_read_once_and_checked_against_the_lease() {
    let c = Config::from_layers(&[], std::iter::empty()).unwrap();
    let minutes = |m: u64| Duration::from_secs(m * 60);
    assert_eq!(
        c.logos.retry,
        [
            minutes(1),
            minutes(10),
            minutes(60),
            minutes(240),
            minutes(960)
        ]
    );
    assert!(c.logos.timeout < c.logos.lease);
    let short = (
        "o.toml".to_owned(),
        "[logos]\nretry = \"50ms, 2s\"".to_owned(),
    );
    let c = Config::from_layers(&[short], std::iter::empty()).unwrap();
    assert_eq!(
        c.logos.retry,
        [Duration::from_millis(50), Duration::from_secs(2)]
    );
    for (layer, named) in [
        ("[logos]\nretry = \"1m,soon\"", "logos.retry"),
        ("[logos]\nretries = \"1m\"", "retries"),
        ("[logos]\ntimeout = \"5m\"\nlease = \"1m\"", "logos.timeout"),
    ] {
        let layer = ("o.toml".to_owned(), layer.to_owned());
        let e = Config::from_layers(&[layer], std::iter::empty()).unwrap_err();
        assert!(e.to_string().contains(named), "{named}: {e}");
    }
}

#[test]
fn push_secrets_are_bounded_and_ups_push_needs_the_ups_account() {
    let e = Config::from_layers(
        &[],
        env(&[("SHIPMATE__PUSH__FEDEX_SECURITY_TOKEN", "short")]),
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("push.fedex_security_token: 26–100"),
        "{e}"
    );
    let credential = ("SHIPMATE__PUSH__UPS_CREDENTIAL", "a-credential-of-ours");
    let e = Config::from_layers(&[], env(&[credential])).unwrap_err();
    assert!(e.to_string().contains("carriers.ups.client_id"), "{e}");
    let account = [
        credential,
        ("SHIPMATE__CARRIERS__UPS__CLIENT_ID", "id"),
        ("SHIPMATE__CARRIERS__UPS__CLIENT_SECRET", "secret"),
    ];
    let e = Config::from_layers(&[], env(&account)).unwrap_err();
    assert!(e.to_string().contains("public https address"), "{e}");
    let public = ("SHIPMATE__HTTP__PUBLIC_URL", "https://track.acme.com.br");
    let mut with_url = account.to_vec();
    with_url.push(public);
    assert!(Config::from_layers(&[], env(&with_url)).is_ok());
}
