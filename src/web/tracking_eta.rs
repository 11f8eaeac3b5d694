//! The tracking page's line on when the parcel comes: delivered on, the carrier's date,
//! the window learned from the shop's delivered parcels, or the promise.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::domain::estimate::{Source, Window};
use crate::domain::{Shipment, Status};
use crate::i18n::Lang;

pub(super) fn eta_line(
    s: &Shipment,
    l: &Lang,
    zone: &Tz,
    window: Option<&Window>,
) -> Option<String> {
    if s.status == Status::Delivered {
        let at = s
            .events
            .iter()
            .rev()
            .find(|e| e.status == Status::Delivered)?
            .at
            .with_timezone(zone);
        return Some(l.t_args("delivered-on", &[("date", l.date(&at))]));
    }
    if s.status.is_terminal() {
        return None;
    }
    if let Some(eta) = s.eta {
        let id = if s.is_late() {
            "eta-new"
        } else {
            "eta-expected"
        };
        return Some(l.t_args(id, &[("date", l.date(&eta.with_timezone(zone)))]));
    }
    // Learned from the shop's delivered parcels: a window ("Arriving Tue 3 – Thu 5 Dec").
    if let Some(w) = window.filter(|w| w.source == Source::Learned) {
        let (from, to) = (w.earliest.with_timezone(zone), w.latest.with_timezone(zone));
        // Judged likely to miss the promise: said plainly.
        let late = s.likely_late_at.is_some();
        if from.date_naive() == to.date_naive() {
            let id = if late { "eta-late" } else { "eta-expected" };
            return Some(l.t_args(id, &[("date", l.date(&from))]));
        }
        let args = [("from", l.date(&from)), ("to", l.date(&to))];
        let id = if late {
            "eta-late-window"
        } else {
            "eta-window"
        };
        return Some(l.t_args(id, &args));
    }
    let promised = s.order.promised_by?;
    Some(l.t_args("eta-promised", &[("date", l.date(&midday(promised)))]))
}

fn midday(d: NaiveDate) -> DateTime<Utc> {
    d.and_time(NaiveTime::MIN).and_utc() + chrono::Duration::hours(12)
}
