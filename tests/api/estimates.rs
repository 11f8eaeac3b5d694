//! Delivery estimates: `shipmate edd backtest` replays the real Olist orders in
//! `../shared/data/olist_orders_subset` (CC BY-NC-SA, read in place) through the
//! estimator and reports its figures. Asserts that it runs and reports, not the numbers.

use std::path::Path;
use std::process::Command;

#[test]
fn the_backtest_runs_on_the_olist_orders_and_reports_its_figures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/olist_orders_subset");
    if !dir.is_dir() {
        crate::helpers::skip("../shared/data/olist_orders_subset not found; the backtest not run");
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_shipmate"))
        .args(["edd", "backtest", "--split", "2018-04-17", "--orders"])
        .arg(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{stdout}");
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    for key in [
        "parcels",
        "likely_mae_days",
        "latest_on_time",
        "latest_padding_days",
        "inside_window",
        "window_width_days",
        "promise_mae_days",
        "promise_on_time",
        "promise_padding_days",
    ] {
        assert!(last[key].is_number(), "{key} in {last}");
    }
    assert!(last["parcels"].as_u64().unwrap() > 1000, "{last}");
    for share in ["latest_on_time", "inside_window", "promise_on_time"] {
        assert!(
            (0.0..=1.0).contains(&last[share].as_f64().unwrap()),
            "{share}"
        );
    }

    let missing = Command::new(env!("CARGO_BIN_EXE_shipmate"))
        .args([
            "edd",
            "backtest",
            "--split",
            "2018-04-17",
            "--orders",
            "/nonexistent",
        ])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("olist_customers_dataset.csv"));
}
