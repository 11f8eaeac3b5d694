//! Quiet hours: a daily window in the recipient's time zone (e.g. 21:00–08:00) during which
//! phone messages wait. Handles windows across midnight and DST gaps and overlaps.

use chrono::{DateTime, Days, LocalResult, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::Invalid;

/// A merchant's choice of quiet hours: none at all, or their own window (`21:00-08:00`);
/// stored and shown as that text or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum QuietHours {
    Off,
    Window(NaiveTime, NaiveTime),
}

impl QuietHours {
    pub fn parse(raw: &str) -> Result<QuietHours, Invalid> {
        let raw = raw.trim();
        if raw.eq_ignore_ascii_case("off") {
            return Ok(QuietHours::Off);
        }
        parse_window(raw).map(|(a, b)| QuietHours::Window(a, b))
    }

    /// The window to apply: this choice, or the platform's when there is none.
    pub fn or_platform(
        choice: Option<QuietHours>,
        platform: Option<(NaiveTime, NaiveTime)>,
    ) -> Option<(NaiveTime, NaiveTime)> {
        match choice {
            None => platform,
            Some(QuietHours::Off) => None,
            Some(QuietHours::Window(a, b)) => Some((a, b)),
        }
    }
}

/// `HH:MM-HH:MM`, two different times (a window may wrap midnight).
pub fn parse_window(raw: &str) -> Result<(NaiveTime, NaiveTime), Invalid> {
    let bad = || Invalid::new("a window like \"21:00-08:00\", or \"off\"");
    let (a, b) = raw.split_once('-').ok_or_else(bad)?;
    let t = |x: &str| NaiveTime::parse_from_str(x.trim(), "%H:%M").map_err(|_| bad());
    let (a, b) = (t(a)?, t(b)?);
    if a == b {
        return Err(bad());
    }
    Ok((a, b))
}

impl std::fmt::Display for QuietHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QuietHours::Off => f.write_str("off"),
            QuietHours::Window(a, b) => write!(f, "{}-{}", a.format("%H:%M"), b.format("%H:%M")),
        }
    }
}

impl TryFrom<String> for QuietHours {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        QuietHours::parse(&s)
    }
}

impl From<QuietHours> for String {
    fn from(q: QuietHours) -> String {
        q.to_string()
    }
}

/// When a message due at `now` may go out: `None` if not inside the window, else the
/// window's end (the first instant at or after the local end time).
pub fn quiet_until(
    now: DateTime<Utc>,
    tz: Tz,
    (start, end): (NaiveTime, NaiveTime),
) -> Option<DateTime<Utc>> {
    if start == end {
        return None;
    }
    let local = now.with_timezone(&tz).naive_local();
    let t = local.time();
    let inside = if start < end {
        t >= start && t < end
    } else {
        t >= start || t < end
    };
    if !inside {
        return None;
    }
    // The window ends today unless it wraps midnight and we are before midnight.
    let day = if start > end && t >= start {
        local.date().checked_add_days(Days::new(1))?
    } else {
        local.date()
    };
    Some(resolve(tz, day.and_time(end)))
}

/// A local wall-clock time as an instant: the earlier of two in an overlap, the first
/// instant after the gap when it does not exist.
fn resolve(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let mut probe = local;
    loop {
        match tz.from_local_datetime(&probe) {
            LocalResult::Single(t) => return t.with_timezone(&Utc),
            LocalResult::Ambiguous(a, _) => return a.with_timezone(&Utc),
            // Inside a DST gap: walk forward a minute at a time (gaps are at most 2 hours).
            LocalResult::None => probe += chrono::Duration::minutes(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn night_messages_wait_for_the_morning() {
        let tz: Tz = "America/Sao_Paulo".parse().unwrap();
        let window = (hm(21, 0), hm(8, 0));
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(
            quiet_until(at("2026-05-11T20:59:00-03:00"), tz, window),
            None
        );
        assert_eq!(
            quiet_until(at("2026-05-11T23:30:00-03:00"), tz, window),
            Some(at("2026-05-12T08:00:00-03:00"))
        );
        assert_eq!(
            quiet_until(at("2026-05-12T03:00:00-03:00"), tz, window),
            Some(at("2026-05-12T08:00:00-03:00"))
        );
        assert_eq!(
            quiet_until(at("2026-05-12T08:00:00-03:00"), tz, window),
            None
        );
    }

    #[test]
    fn a_window_ending_in_a_dst_gap_ends_when_the_clock_resumes() {
        // Europe/London jumps from 01:00 to 02:00 on 2026-03-29.
        let tz: Tz = "Europe/London".parse().unwrap();
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(
            quiet_until(at("2026-03-29T00:30:00+00:00"), tz, (hm(22, 0), hm(1, 30))),
            Some(at("2026-03-29T02:00:00+01:00"))
        );
    }

    const ZONES: &[&str] = &[
        "Europe/London",
        "America/Sao_Paulo",
        "America/New_York",
        "Australia/Lord_Howe",
        "Asia/Kolkata",
        "Pacific/Chatham",
        "America/Santiago",
        "Europe/Warsaw",
    ];

    proptest! {
        /// Whatever the zone, instant and window: a deferred message goes out after now,
        /// within a day (plus a DST hour), at a moment outside the window; a message outside
        /// the window is never deferred.
        #[test]
        fn quiet_hours_are_never_violated(
            zone in 0..ZONES.len(),
            secs in 1_700_000_000i64..1_900_000_000,
            start in 0u32..24 * 4,
            end in 0u32..24 * 4,
        ) {
            let tz: Tz = ZONES[zone].parse().unwrap();
            let now = Utc.timestamp_opt(secs, 0).unwrap();
            let window = (hm(start / 4, start % 4 * 15), hm(end / 4, end % 4 * 15));
            let inside = |t: DateTime<Utc>| {
                let l = t.with_timezone(&tz).time();
                if window.0 < window.1 { l >= window.0 && l < window.1 } else { window.0 != window.1 && (l >= window.0 || l < window.1) }
            };
            match quiet_until(now, tz, window) {
                None => prop_assert!(!inside(now)),
                Some(until) => {
                    prop_assert!(inside(now));
                    prop_assert!(until > now);
                    prop_assert!(until - now <= chrono::Duration::hours(25) + chrono::Duration::minutes(30));
                    prop_assert!(!inside(until), "{} local is still quiet", until.with_timezone(&tz));
                }
            }
        }
    }
}
