//! `shipmate edd backtest`: the Olist orders replayed through the service's estimator,
//! online — at each parcel's hand-over to the carrier the estimator knows exactly the
//! parcels delivered before that moment — and the parcels handed over from the split date
//! on scored, beside the promise the shop made.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::America::Sao_Paulo;
use serde::Serialize;

use super::olist::{self, Parcel};
use crate::domain::estimate::{self, Model, Rollup, Window};

/// The figures (days are fractional days; shares 0–1).
#[derive(Debug, Default, Clone, Serialize)]
pub struct Report {
    pub parcels: usize,
    pub likely_mae_days: f64,
    pub latest_on_time: f64,
    pub latest_padding_days: f64,
    pub inside_window: f64,
    pub window_width_days: f64,
    pub promise_mae_days: f64,
    pub promise_on_time: f64,
    pub promise_padding_days: f64,
}

/// The lanes a parcel learns into and is estimated from, coarse to fine.
fn levels(p: &Parcel) -> [String; 4] {
    [
        "all".to_owned(),
        format!("to:{}", p.destination),
        format!("lane:{}>{}", p.origin, p.destination),
        format!("area:{}>{}:{}", p.origin, p.destination, p.area),
    ]
}

fn days(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).as_seconds_f64() / 86_400.0
}

/// Replays the files in `dir`; scores the parcels handed over on or after `split`.
pub fn run(dir: &Path, split: NaiveDate, model: &Model) -> anyhow::Result<Report> {
    let parcels = olist::parcels(dir)?;
    // Hand-overs before deliveries at the same instant: "before that moment" is strict.
    let mut moments: Vec<(DateTime<Utc>, bool, usize)> = vec![];
    for (i, p) in parcels.iter().enumerate() {
        moments.push((p.handed_over, false, i));
        moments.push((p.delivered, true, i));
    }
    moments.sort();
    let calendar = estimate::calendar(Some("BR"));
    let place = (&Sao_Paulo, calendar);
    let mut rollups: HashMap<String, Rollup> = HashMap::new();
    let mut scored: Vec<(&Parcel, Window)> = vec![];
    for (at, delivered, i) in moments {
        let p = &parcels[i];
        if delivered {
            let start = p.handed_over.with_timezone(&Sao_Paulo).naive_local();
            let transit =
                calendar.between(start, p.delivered.with_timezone(&Sao_Paulo).naive_local());
            for level in levels(p) {
                rollups
                    .entry(level)
                    .or_default()
                    .add(transit, at, model.tau);
            }
            continue;
        }
        if p.handed_over.with_timezone(&Sao_Paulo).date_naive() < split {
            continue;
        }
        let known: Vec<&Rollup> = levels(p).iter().filter_map(|l| rollups.get(l)).collect();
        if let Some(w) = estimate::learned(model, &known, at, at, place) {
            scored.push((p, w));
        }
    }
    Ok(score(&scored))
}

fn score(scored: &[(&Parcel, Window)]) -> Report {
    let n = scored.len();
    if n == 0 {
        return Report::default();
    }
    let mean = |f: &dyn Fn(&Parcel, &Window) -> f64| {
        scored.iter().map(|(p, w)| f(p, w)).sum::<f64>() / n as f64
    };
    let share = |f: &dyn Fn(&Parcel, &Window) -> bool| mean(&|p, w| f64::from(u8::from(f(p, w))));
    Report {
        parcels: n,
        likely_mae_days: mean(&|p, w| days(w.likely, p.delivered).abs()),
        latest_on_time: share(&|p, w| p.delivered <= w.latest),
        latest_padding_days: mean(&|p, w| days(p.delivered, w.latest)),
        inside_window: share(&|p, w| w.earliest <= p.delivered && p.delivered <= w.latest),
        window_width_days: mean(&|_, w| days(w.earliest, w.latest)),
        promise_mae_days: mean(&|p, _| days(p.promised, p.delivered).abs()),
        promise_on_time: share(&|p, _| p.delivered <= p.promised),
        promise_padding_days: mean(&|p, _| days(p.delivered, p.promised)),
    }
}

impl Report {
    /// What `shipmate edd backtest` prints: the figures, then one JSON line.
    pub fn print(&self) -> String {
        let pct = |x: f64| format!("{:.1}%", x * 100.0);
        let json = serde_json::to_string(self).unwrap_or_default();
        format!(
            "parcels scored:              {}\n\
             learned estimate\n\
             \x20 likely, mean abs. error:   {:.2} days\n\
             \x20 on or before latest:       {}\n\
             \x20 latest, mean padding:      {:.2} days\n\
             \x20 inside the window:         {}\n\
             \x20 window, mean width:        {:.2} days\n\
             promise in the data\n\
             \x20 mean abs. error:           {:.2} days\n\
             \x20 on or before it:           {}\n\
             \x20 mean padding:              {:.2} days\n\
             {json}",
            self.parcels,
            self.likely_mae_days,
            pct(self.latest_on_time),
            self.latest_padding_days,
            pct(self.inside_window),
            self.window_width_days,
            self.promise_mae_days,
            pct(self.promise_on_time),
            self.promise_padding_days,
        )
    }
}
