//! Prometheus metrics in the text exposition format, every name prefixed `shipmate_`.
//! Counters, gauges and histograms kept by this process live here; the figures every
//! replica shares (due-set lag, stream lag) are read from Redis when `/metrics` is scraped.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Counter,
    Gauge,
    Histogram,
}

/// One metric family: its name, help text and kind.
#[derive(Debug)]
pub struct Def {
    pub name: &'static str,
    pub help: &'static str,
    pub kind: Kind,
}

/// `NAME: Kind("metric_name", "help");` declares one family.
macro_rules! defs {
    ($($id:ident: $kind:ident($name:literal, $help:literal);)*) => {
        $(pub static $id: Def = Def { name: $name, help: $help, kind: Kind::$kind };)*
    };
}

defs! {
    POLLS: Counter("shipmate_polls_total", "Shipments polled, by carrier and outcome.");
    CARRIER_SECONDS: Histogram("shipmate_carrier_request_seconds", "Time a carrier took to answer one tracking request, by carrier.");
    RATE_LIMIT_WAITS: Counter("shipmate_rate_limit_waits_total", "Requests that waited at a carrier account's gate, by carrier and reason (pace: the rate limit; held: Retry-After or an open breaker).");
    RATE_LIMIT_WAIT_SECONDS: Counter("shipmate_rate_limit_wait_seconds_total", "Time spent or deferred waiting at carrier gates, by carrier.");
    BREAKER_OPEN: Gauge("shipmate_carrier_breaker_open", "1 while the circuit breaker of a carrier account is open, as last seen by this process.");
    NOTIFICATIONS: Counter("shipmate_notifications_total", "Notification attempts, by channel and outcome.");
    LOGO_FETCHES: Counter("shipmate_logo_fetches_total", "Merchants' logo fetches by the web role, by outcome (ready, retry, failed).");
    IMPORT_ROWS: Counter("shipmate_import_rows_total", "Rows of imported files read by the web role, by outcome (created, existing, failed).");
    STORE_DELIVERIES: Counter("shipmate_store_deliveries_total", "Store webhooks, by source and outcome (queued, duplicate, ignored, refused, applied, retried, dropped).");
    HTTP_SECONDS: Histogram("shipmate_http_request_seconds", "HTTP request latency, by route pattern and status class.");
    ROLE_PANICS: Counter("shipmate_role_panics_total", "Panics caught in a role's loop (a bug; the item is logged by id, the loop goes on), by role.");
    REDIS_ERRORS: Counter("shipmate_redis_errors_total", "Redis commands that failed (connection, timeout or server error).");
    DUE_LAG: Gauge("shipmate_due_lag_seconds", "Now minus the oldest next-poll time in the due sets (0 when nothing is overdue).");
    DUE_SHIPMENTS: Gauge("shipmate_due_shipments", "Shipments in the due sets (waiting for their next poll).");
    CLAIMED_SHIPMENTS: Gauge("shipmate_claimed_shipments", "Shipments claimed by a poller right now.");
    NOTIFICATIONS_DUE_LAG: Gauge("shipmate_notifications_due_lag_seconds", "Now minus the oldest due time of a queued notification (0 when none is overdue).");
    STREAM_LAG: Gauge("shipmate_stream_lag", "Domain events the notifier group has not read yet.");
    STREAM_PENDING: Gauge("shipmate_stream_pending", "Domain events read by a notifier but not yet acknowledged.");
}

/// Upper bounds of the histogram buckets, in seconds.
const BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

type Labels = Vec<(&'static str, String)>;

enum Series {
    Value(f64),
    Histogram {
        counts: [u64; BUCKETS.len()],
        sum: f64,
        count: u64,
    },
}

#[derive(Default)]
struct Registry {
    families: BTreeMap<&'static str, (&'static Def, BTreeMap<Labels, Series>)>,
}

fn registry() -> &'static Mutex<Registry> {
    static REGISTRY: OnceLock<Mutex<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(Mutex::default)
}

fn with_series(def: &'static Def, labels: &[(&'static str, &str)], f: impl FnOnce(&mut Series)) {
    let Ok(mut reg) = registry().lock() else {
        return;
    };
    let labels: Labels = labels.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
    let (_, series) = reg
        .families
        .entry(def.name)
        .or_insert_with(|| (def, BTreeMap::new()));
    let s = series.entry(labels).or_insert_with(|| match def.kind {
        Kind::Histogram => Series::Histogram {
            counts: [0; BUCKETS.len()],
            sum: 0.0,
            count: 0,
        },
        Kind::Counter | Kind::Gauge => Series::Value(0.0),
    });
    f(s);
}

impl Def {
    /// Adds one to a counter.
    pub fn inc(&'static self, labels: &[(&'static str, &str)]) {
        self.add(labels, 1.0);
    }

    /// Adds `by` to a counter.
    pub fn add(&'static self, labels: &[(&'static str, &str)], by: f64) {
        with_series(self, labels, |s| {
            if let Series::Value(v) = s {
                *v += by;
            }
        });
    }

    /// Sets a gauge.
    pub fn set(&'static self, labels: &[(&'static str, &str)], value: f64) {
        with_series(self, labels, |s| {
            if let Series::Value(v) = s {
                *v = value;
            }
        });
    }

    /// Records one observation of a histogram.
    pub fn observe(&'static self, labels: &[(&'static str, &str)], took: Duration) {
        let secs = took.as_secs_f64();
        with_series(self, labels, |s| {
            if let Series::Histogram { counts, sum, count } = s {
                for (c, le) in counts.iter_mut().zip(BUCKETS) {
                    if secs <= le {
                        *c += 1;
                    }
                }
                *sum += secs;
                *count += 1;
            }
        });
    }
}

/// Everything this process holds, plus `shared` (the figures read from Redis), as
/// Prometheus text.
pub fn render(shared: &[(&'static Def, f64)]) -> String {
    let mut out = String::new();
    for (def, value) in shared {
        header(&mut out, def);
        let _ = writeln!(out, "{} {}", def.name, number(*value));
    }
    let Ok(reg) = registry().lock() else {
        return out;
    };
    for (def, series) in reg.families.values() {
        header(&mut out, def);
        for (labels, s) in series {
            match s {
                Series::Value(v) => {
                    let _ = writeln!(
                        out,
                        "{}{} {}",
                        def.name,
                        label_text(labels, None),
                        number(*v)
                    );
                }
                Series::Histogram { counts, sum, count } => {
                    for (c, le) in counts.iter().zip(BUCKETS) {
                        let le = number(le);
                        let _ = writeln!(
                            out,
                            "{}_bucket{} {c}",
                            def.name,
                            label_text(labels, Some(&le))
                        );
                    }
                    let inf = label_text(labels, Some("+Inf"));
                    let plain = label_text(labels, None);
                    let _ = writeln!(out, "{}_bucket{inf} {count}", def.name);
                    let _ = writeln!(out, "{}_sum{plain} {}", def.name, number(*sum));
                    let _ = writeln!(out, "{}_count{plain} {count}", def.name);
                }
            }
        }
    }
    out
}

fn header(out: &mut String, def: &Def) {
    let kind = match def.kind {
        Kind::Counter => "counter",
        Kind::Gauge => "gauge",
        Kind::Histogram => "histogram",
    };
    let _ = writeln!(out, "# HELP {} {}", def.name, def.help);
    let _ = writeln!(out, "# TYPE {} {kind}", def.name);
}

fn label_text(labels: &Labels, le: Option<&str>) -> String {
    let mut parts: Vec<String> = labels
        .iter()
        .map(|(k, v)| format!("{k}=\"{}\"", escape(v)))
        .collect();
    if let Some(le) = le {
        parts.push(format!("le=\"{le}\""));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("{{{}}}", parts.join(","))
    }
}

fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    defs! {
        TEST_COUNTER: Counter("shipmate_test_total", "A test counter.");
        TEST_HIST: Histogram("shipmate_test_seconds", "A test histogram.");
    }

    #[test]
    fn counters_and_histograms_render_as_prometheus_text() {
        TEST_COUNTER.inc(&[("carrier", "ups"), ("outcome", "ok")]);
        TEST_COUNTER.add(&[("carrier", "ups"), ("outcome", "ok")], 2.0);
        TEST_COUNTER.inc(&[("carrier", "say \"hi\"\n"), ("outcome", "ok")]);
        TEST_HIST.observe(&[("route", "/t/{token}")], Duration::from_millis(3));
        TEST_HIST.observe(&[("route", "/t/{token}")], Duration::from_secs(20));
        let text = render(&[(&DUE_LAG, 1.5)]);
        assert!(
            text.contains("# TYPE shipmate_due_lag_seconds gauge\nshipmate_due_lag_seconds 1.5\n")
        );
        assert!(text.contains("# TYPE shipmate_test_total counter\n"));
        assert!(text.contains("shipmate_test_total{carrier=\"ups\",outcome=\"ok\"} 3\n"));
        assert!(text.contains(r#"shipmate_test_total{carrier="say \"hi\"\n",outcome="ok"} 1"#));
        assert!(
            text.contains("shipmate_test_seconds_bucket{route=\"/t/{token}\",le=\"0.0025\"} 0\n")
        );
        assert!(
            text.contains("shipmate_test_seconds_bucket{route=\"/t/{token}\",le=\"0.005\"} 1\n")
        );
        assert!(
            text.contains("shipmate_test_seconds_bucket{route=\"/t/{token}\",le=\"+Inf\"} 2\n")
        );
        assert!(text.contains("shipmate_test_seconds_count{route=\"/t/{token}\"} 2\n"));
        assert!(text.contains("shipmate_test_seconds_sum{route=\"/t/{token}\"} 20.003\n"));
    }
}
