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
use crate::domain::estimate::{self, Model, Pace, Rollup, Window};

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

/// The lanes a parcel learns into and is estimated from, coarse to fine; the finest is
/// the seller's own to the customer's state (Olist is a marketplace: each seller is a shop).
fn levels(p: &Parcel) -> [String; 5] {
    [
        "all".to_owned(),
        format!("to:{}", p.destination),
        format!("lane:{}>{}", p.origin, p.destination),
        format!("area:{}>{}:{}", p.origin, p.destination, p.area),
        format!("seller:{}>{}", p.seller, p.destination),
    ]
}

fn days(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).as_seconds_f64() / 86_400.0
}

/// The parcels handed over so far (in order), what their lanes expected of them, and the
/// pace drawn from the recent ones as the service draws it: at most every
/// [`estimate::PACE_EVERY`].
#[derive(Default)]
struct Recent {
    handed: Vec<(DateTime<Utc>, f64, usize)>,
    delivered: HashMap<usize, f64>,
    from: usize,
    pace: Option<(DateTime<Utc>, Option<Pace>)>,
}

impl Recent {
    fn pace(&mut self, now: DateTime<Utc>, calendar: &estimate::Calendar) -> Option<&Pace> {
        let fresh = self
            .pace
            .as_ref()
            .is_some_and(|(at, _)| now - *at < estimate::PACE_EVERY);
        if !fresh {
            let since = now - chrono::Duration::days(estimate::WINDOW_DAYS);
            while self.handed.get(self.from).is_some_and(|(h, ..)| *h < since) {
                self.from += 1;
            }
            let local = |t: DateTime<Utc>| t.with_timezone(&Sao_Paulo).naive_local();
            let recent: Vec<estimate::Recent> = self.handed[self.from..]
                .iter()
                .map(|&(h, expected, i)| match self.delivered.get(&i) {
                    Some(&taken) => estimate::Recent {
                        expected,
                        taken,
                        delivered: true,
                    },
                    None => estimate::Recent {
                        expected,
                        taken: calendar.between(local(h), local(now)),
                        delivered: false,
                    },
                })
                .collect();
            self.pace = Some((now, estimate::pace(&recent)));
        }
        self.pace.as_ref().and_then(|(_, p)| p.as_ref())
    }
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
    let mut recent = Recent::default();
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
            recent.delivered.insert(i, transit);
            continue;
        }
        let known: Vec<&Rollup> = levels(p).iter().filter_map(|l| rollups.get(l)).collect();
        let Some(expected) = estimate::expected(model, &known, at) else {
            continue;
        };
        recent.handed.push((at, expected, i));
        if p.handed_over.with_timezone(&Sao_Paulo).date_naive() < split {
            continue;
        }
        let pace = recent.pace(at, calendar);
        if let Some(w) = estimate::learned(model, (&known, pace), at, at, place) {
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
