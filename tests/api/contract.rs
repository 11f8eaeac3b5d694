//! The API contract: the OpenAPI 3.1 document built from the route registrations, and a
//! property-based fuzzer (schemathesis) run against it: no 5xx, no answer outside it.

use std::process::Command;

use serde_json::Value;

use crate::helpers::{number, spawn_app};

#[tokio::test]
async fn the_openapi_document_describes_every_route_from_the_code() {
    let app = spawn_app().await;
    let (status, doc) = app.get_json("", "/api/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let operations: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(operations, 56, "{:?}", paths.keys());
    let import = &doc["paths"]["/api/v1/imports"]["post"]["requestBody"]["content"];
    assert!(
        import["text/csv"].is_object() && import["application/x-ndjson"].is_object(),
        "{import}"
    );
    let register = &doc["paths"]["/api/v1/shipments"]["post"];
    let body = &register["requestBody"]["content"]["application/json"]["schema"];
    assert!(body["properties"]["tracking_number"].is_object(), "{body}");
    assert!(
        body["properties"]["customer"]["anyOf"].is_array()
            || body["properties"]["customer"].is_object()
    );
    let created = &register["responses"]["201"]["content"]["application/json"]["schema"];
    for field in ["id", "status", "tracking_url", "events"] {
        assert!(
            created["properties"][field].is_object(),
            "{field}: {created}"
        );
    }
    let list = &doc["paths"]["/api/v1/shipments"]["get"]["parameters"];
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "attention",
            "carrier",
            "created_from",
            "created_to",
            "cursor",
            "limit",
            "q",
            "status"
        ]
    );
    let show = &doc["paths"]["/api/v1/shipments/{id}"]["get"];
    assert_eq!(show["parameters"][0]["in"], "path");
    assert!(show["responses"]["404"].is_object());
    assert_eq!(
        doc["paths"]["/api/v1/merchants"]["post"]["security"][0]["adminToken"],
        Value::Array(vec![])
    );
}

#[tokio::test]
async fn a_property_based_fuzzer_finds_no_server_error_and_no_answer_outside_the_contract() {
    if Command::new("schemathesis")
        .arg("--version")
        .output()
        .is_err()
    {
        crate::helpers::skip(
            "schemathesis is not installed (pip install schemathesis; .ci/run does)",
        );
        return;
    }
    let app = spawn_app().await;
    let (_, key) = app.create_merchant("Acme").await;
    for _ in 0..3 {
        app.register(&key, &number("OT")).await;
    }
    let admin = app.admin_token.clone();
    // Everything with a merchant key; merchant creation with the admin token (to a merchant
    // key it only ever says 401). Its coverage phase is left out: schemathesis 4.32 trips
    // over its own data generation there ("Inconsistent results"), not over our answers.
    let runs = [
        (key, "--exclude-path", "examples,coverage,fuzzing"),
        (admin, "--include-path", "examples,fuzzing"),
    ];
    for (token, filter, phases) in runs {
        let schema = app.url("/api/openapi.json");
        let base = app.url("");
        let out = tokio::task::spawn_blocking(move || {
            Command::new("schemathesis")
                .args(["run", &schema, "--url", &base])
                .args(["--header", &format!("Authorization: Bearer {token}")])
                .args([filter, "/api/v1/merchants"])
                .args([
                    "--checks",
                    "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance",
                ])
                .args(["--phases", phases, "--max-examples", "40"])
                .args(["--workers", "1", "--seed", "1"])
                .output()
                .unwrap()
        })
        .await
        .unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        eprintln!("{report}");
        assert!(
            out.status.success(),
            "schemathesis found problems:\n{report}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
