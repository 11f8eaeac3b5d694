//! Days as a carrier works them: Monday to Friday, less the country's national public
//! holidays. The holidays come from `data/holidays/holidays.txt`, written by
//! `data/holidays/generate.py` from the maintained python-holidays package (MIT) for 30
//! countries, 2015–2035; elsewhere (or outside those years) only weekends are off.
//! Times are local wall-clock times of the place the days are counted at.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

const HOLIDAYS: &str = include_str!("../../../data/holidays/holidays.txt");

/// The longest span counted or added, in calendar days: beyond it nothing is a parcel's
/// transit, and the loops stay bounded whatever the input.
pub const MAX_SPAN_DAYS: u64 = 400;

/// A country's working days.
#[derive(Debug, Default)]
pub struct Calendar {
    holidays: HashSet<NaiveDate>,
}

static CALENDARS: LazyLock<HashMap<&'static str, Calendar>> = LazyLock::new(|| {
    let mut all: HashMap<&str, Calendar> = HashMap::new();
    for line in HOLIDAYS.lines().filter(|l| !l.starts_with('#')) {
        let mut parts = line.split_whitespace();
        let (Some(country), Some(year)) = (parts.next(), parts.next()) else {
            continue;
        };
        let Ok(year) = year.parse::<i32>() else {
            continue;
        };
        let days = parts.filter_map(|md| {
            let (m, d) = md.split_at_checked(2)?;
            NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
        });
        all.entry(country).or_default().holidays.extend(days);
    }
    all
});

static WEEKENDS_ONLY: LazyLock<Calendar> = LazyLock::new(Calendar::default);

/// The calendar of a country (ISO alpha-2); weekends only for one not in the file.
pub fn calendar(country: Option<&str>) -> &'static Calendar {
    country
        .and_then(|c| CALENDARS.get(c))
        .unwrap_or(&WEEKENDS_ONLY)
}

fn midnight(d: NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::MIN)
}

impl Calendar {
    pub fn works(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&d)
    }

    /// Working days from `from` to `to` (fractions of a working day counted as elapsed
    /// time of it); 0 when `to` is not after `from`.
    pub fn between(&self, from: NaiveDateTime, to: NaiveDateTime) -> f64 {
        let mut total = 0.0;
        let mut at = from;
        for _ in 0..=MAX_SPAN_DAYS {
            if at >= to {
                break;
            }
            let Some(next) = at.date().checked_add_days(Days::new(1)).map(midnight) else {
                break;
            };
            let end = next.min(to);
            if self.works(at.date()) {
                total += (end - at).as_seconds_f64() / 86_400.0;
            }
            at = end;
        }
        total
    }

    /// The moment `days` working days after `from` (a start on a day off moves to the next
    /// working day's start); `None` past [`MAX_SPAN_DAYS`].
    pub fn add(&self, from: NaiveDateTime, days: f64) -> Option<NaiveDateTime> {
        let mut left = days.max(0.0);
        let mut at = from;
        for _ in 0..=MAX_SPAN_DAYS {
            let next = at.date().checked_add_days(Days::new(1)).map(midnight)?;
            if self.works(at.date()) {
                let room = (next - at).as_seconds_f64() / 86_400.0;
                if left <= room {
                    let secs = (left * 86_400.0).round() as i64;
                    return at.checked_add_signed(chrono::TimeDelta::seconds(secs));
                }
                left -= room;
            }
            at = next;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn weekends_and_national_holidays_are_not_counted() {
        let br = calendar(Some("BR"));
        // Good Friday 2018-03-30 and the weekend: Thursday noon → Monday noon is 1 day.
        assert!((br.between(at("2018-03-29 12:00"), at("2018-04-02 12:00")) - 1.0).abs() < 1e-9);
        let none = calendar(Some("XX"));
        assert!((none.between(at("2018-03-29 12:00"), at("2018-04-02 12:00")) - 2.0).abs() < 1e-9);
        assert_eq!(
            br.add(at("2018-03-29 12:00"), 1.0),
            Some(at("2018-04-02 12:00"))
        );
        assert_eq!(
            br.add(at("2018-03-31 09:00"), 0.5),
            Some(at("2018-04-02 12:00"))
        );
        assert!(!calendar(Some("US")).works(NaiveDate::from_ymd_opt(2026, 7, 3).unwrap()));
    }

    #[test]
    fn counting_and_adding_are_inverse_and_bounded() {
        let de = calendar(Some("DE"));
        let start = at("2026-12-22 15:30");
        for days in [0.0, 0.25, 1.0, 3.7, 12.5] {
            let end = de.add(start, days).unwrap();
            assert!((de.between(start, end) - days).abs() < 1e-4, "{days}");
        }
        assert_eq!(de.add(start, 1e12), None);
        assert!(de.between(start, at("2999-01-01 00:00")) < MAX_SPAN_DAYS as f64);
        assert_eq!(de.between(start, at("2000-01-01 00:00")), 0.0);
    }
}
