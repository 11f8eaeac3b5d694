//! When a learned window is news: the window last told to the customer is kept on the
//! shipment, and a new one revises it when its likely day moved by more than a day, or
//! moved past the promise.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{Source, Window};

/// How far the likely day moves before the customer hears of it.
const MOVE: Duration = Duration::days(1);

/// The learned window as last told (or first drawn), and the one it revised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stated {
    #[serde(rename = "l")]
    pub likely: DateTime<Utc>,
    #[serde(rename = "t")]
    pub latest: DateTime<Utc>,
    /// When it was stated.
    #[serde(rename = "a")]
    pub at: DateTime<Utc>,
    /// The likely and latest days it replaced, when it was a revision.
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    pub from: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The first window stated (earliest, likely, latest): what the estimate's accuracy
    /// is judged on at delivery.
    #[serde(rename = "o", default, skip_serializing_if = "Option::is_none")]
    pub first: Option<(DateTime<Utc>, DateTime<Utc>, DateTime<Utc>)>,
}

/// A revision worth telling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision {
    /// The likely day crossed the promise's deadline.
    pub past_promise: bool,
}

/// What `window` (drawn `now`) makes of the last stated window: the new one to keep, and
/// whether it is news. Only learned windows count (a carrier's date has its own event).
pub fn revise(
    stated: Option<&Stated>,
    window: &Window,
    deadline: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<(Stated, Option<Revision>)> {
    if window.source != Source::Learned {
        return None;
    }
    let first = Some((window.earliest, window.likely, window.latest));
    let next = |from, first| Stated {
        likely: window.likely,
        latest: window.latest,
        at: now,
        from,
        first,
    };
    let Some(old) = stated else {
        return Some((next(None, first), None));
    };
    let late = |at: DateTime<Utc>| deadline.is_some_and(|d| at > d);
    let past_promise = late(window.likely) && !late(old.likely);
    let moved = (window.likely - old.likely).abs() > MOVE;
    (moved || past_promise).then(|| {
        let from = Some((old.likely, old.latest));
        (
            next(from, old.first.or(first)),
            Some(Revision { past_promise }),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        format!("2026-12-{day:02}T{hour:02}:00:00Z")
            .parse()
            .unwrap()
    }

    fn learned(likely: DateTime<Utc>) -> Window {
        Window {
            earliest: likely - Duration::days(1),
            likely,
            latest: likely + Duration::days(1),
            source: Source::Learned,
            confidence: 0.5,
        }
    }

    #[test]
    fn the_first_window_is_kept_silently_and_moves_over_a_day_are_news() {
        let now = at(1, 9);
        let (first, news) = revise(None, &learned(at(5, 12)), None, now).unwrap();
        assert_eq!((first.likely, news), (at(5, 12), None));
        assert!(
            revise(Some(&first), &learned(at(6, 11)), None, now).is_none(),
            "23 hours later is not news"
        );
        let (moved, news) = revise(Some(&first), &learned(at(6, 13)), None, now).unwrap();
        assert_eq!(
            news,
            Some(Revision {
                past_promise: false
            })
        );
        assert_eq!(moved.from, Some((at(5, 12), at(6, 12))));
        assert_eq!(
            moved.first, first.first,
            "the first window stays the one judged"
        );
        let (earlier, _) = revise(Some(&moved), &learned(at(4, 12)), None, now).unwrap();
        assert_eq!(earlier.likely, at(4, 12), "earlier is news too");
    }

    #[test]
    fn crossing_the_promise_is_news_even_by_an_hour() {
        let deadline = Some(at(5, 23));
        let (first, _) = revise(None, &learned(at(5, 20)), deadline, at(1, 9)).unwrap();
        let (_, news) = revise(Some(&first), &learned(at(6, 0)), deadline, at(2, 9)).unwrap();
        assert_eq!(news, Some(Revision { past_promise: true }));
        let carrier = Window {
            source: Source::Carrier,
            ..learned(at(9, 0))
        };
        assert!(revise(Some(&first), &carrier, deadline, at(2, 9)).is_none());
    }
}
