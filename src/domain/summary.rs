//! Feedback summarised for a merchant: CSAT, NPS, and how ratings split by where customers
//! came from, carrier, route and whether the parcel came on time — so "the carrier was late"
//! can be told from "the product disappointed". Pure: the caller gathers the rows.

use std::collections::BTreeMap;

use serde::Serialize;

/// One answer with the facts of its delivery.
pub struct Row<'a> {
    pub rating: u8,
    pub nps: Option<u8>,
    pub source: &'a str,
    pub carrier: &'a str,
    /// "PT → FR" (first scan's country → destination country), when known.
    pub route: Option<String>,
    /// Delivered by the promised date; `None` without a promise or delivery date.
    pub on_time: Option<bool>,
}

#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Group {
    pub responses: u64,
    pub csat_average: f64,
}

#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub responses: u64,
    pub csat_average: f64,
    /// Share of 4 and 5 ratings, 0–100.
    pub csat_percent: f64,
    /// Ratings 1..=5.
    pub distribution: [u64; 5],
    pub nps: Option<f64>,
    pub nps_responses: u64,
    pub by_source: BTreeMap<String, Group>,
    pub by_carrier: BTreeMap<String, Group>,
    pub by_route: BTreeMap<String, Group>,
    pub on_time: Group,
    pub late: Group,
    /// Feedback requests sent per channel, and the share answered (`responses / requests`).
    pub requests_by_channel: BTreeMap<String, u64>,
    pub response_rate_by_channel: BTreeMap<String, f64>,
}

fn add(g: &mut Group, rating: u8) {
    let total = g.csat_average * g.responses as f64 + f64::from(rating);
    g.responses += 1;
    g.csat_average = total / g.responses as f64;
}

/// `requests`: feedback requests sent per channel in the period.
pub fn summarise(rows: &[Row<'_>], requests: BTreeMap<String, u64>) -> Summary {
    let mut s = Summary::default();
    let (mut promoters, mut detractors) = (0u64, 0u64);
    let mut overall = Group::default();
    for r in rows {
        add(&mut overall, r.rating);
        s.distribution[usize::from(r.rating.clamp(1, 5) - 1)] += 1;
        if let Some(n) = r.nps {
            s.nps_responses += 1;
            match n {
                9..=10 => promoters += 1,
                0..=6 => detractors += 1,
                _ => {}
            }
        }
        add(
            s.by_source.entry(r.source.to_owned()).or_default(),
            r.rating,
        );
        add(
            s.by_carrier.entry(r.carrier.to_owned()).or_default(),
            r.rating,
        );
        if let Some(route) = &r.route {
            add(s.by_route.entry(route.clone()).or_default(), r.rating);
        }
        match r.on_time {
            Some(true) => add(&mut s.on_time, r.rating),
            Some(false) => add(&mut s.late, r.rating),
            None => {}
        }
    }
    s.responses = overall.responses;
    s.csat_average = overall.csat_average;
    if s.responses > 0 {
        s.csat_percent =
            (s.distribution[3] + s.distribution[4]) as f64 * 100.0 / s.responses as f64;
    }
    if s.nps_responses > 0 {
        s.nps = Some((promoters as f64 - detractors as f64) * 100.0 / s.nps_responses as f64);
    }
    for (channel, sent) in &requests {
        let answered = s.by_source.get(channel).map_or(0, |g| g.responses);
        if *sent > 0 {
            s.response_rate_by_channel
                .insert(channel.clone(), answered as f64 / *sent as f64);
        }
    }
    s.requests_by_channel = requests;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        rating: u8,
        nps: Option<u8>,
        source: &'static str,
        carrier: &'static str,
        on_time: Option<bool>,
    ) -> Row<'static> {
        Row {
            rating,
            nps,
            source,
            carrier,
            route: Some("PT → FR".into()),
            on_time,
        }
    }

    #[test]
    fn ratings_split_so_late_carriers_show_apart_from_disappointing_products() {
        let rows = [
            row(5, Some(10), "email", "ups", Some(true)),
            row(4, Some(8), "email", "ups", Some(true)),
            row(1, Some(2), "qr", "dhl", Some(false)),
            row(2, None, "sms", "dhl", Some(false)),
        ];
        let s = summarise(
            &rows,
            BTreeMap::from([("email".into(), 4), ("sms".into(), 4)]),
        );
        assert_eq!(s.responses, 4);
        assert_eq!(s.distribution, [1, 1, 0, 1, 1]);
        assert!((s.csat_average - 3.0).abs() < 1e-9);
        assert!((s.csat_percent - 50.0).abs() < 1e-9);
        assert_eq!(s.nps_responses, 3);
        assert!(
            (s.nps.unwrap() - 0.0).abs() < 1e-9,
            "one promoter, one detractor, one passive"
        );
        assert!((s.on_time.csat_average - 4.5).abs() < 1e-9);
        assert!((s.late.csat_average - 1.5).abs() < 1e-9);
        assert_eq!(s.by_carrier["dhl"].responses, 2);
        assert!((s.response_rate_by_channel["email"] - 0.5).abs() < 1e-9);
        assert!((s.response_rate_by_channel["sms"] - 0.25).abs() < 1e-9);
        assert_eq!(summarise(&[], BTreeMap::new()).nps, None);
    }
}
