//! Charts drawn on the server as inline SVG (no script, no chart library): bars for a
//! figure per carrier, lane or channel, lines for counts per day. Each is an image with a
//! title; the page shows its table beside it for screen readers and exact figures.

use std::fmt::Write;

/// Width and height of the drawing, in its own units (it scales to the card).
const W: f64 = 640.0;
const BAR: f64 = 26.0;
const LABEL: f64 = 170.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Horizontal bars, one per `(label, value)`; `percent` shows values 0–1 as percentages.
/// Rows without a value are drawn empty, marked "–".
pub fn bars(title: &str, rows: &[(String, Option<f64>)], percent: bool) -> String {
    let max = rows
        .iter()
        .filter_map(|(_, v)| *v)
        .fold(if percent { 1.0 } else { 0.0 }, f64::max)
        .max(f64::EPSILON);
    let h = BAR * rows.len().max(1) as f64 + 8.0;
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {W} {h}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = esc(title)
    );
    if rows.is_empty() {
        let _ = write!(svg, r#"<text class="label" x="8" y="20">–</text>"#);
    }
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = 4.0 + BAR * i as f64;
        let width = value.map_or(0.0, |v| (v / max).clamp(0.0, 1.0) * (W - LABEL - 70.0));
        let shown = match value {
            None => "–".to_owned(),
            Some(v) if percent => format!("{:.0}%", v * 100.0),
            Some(v) => format_number(*v),
        };
        let _ = write!(
            svg,
            r#"<text class="label" x="{lx}" y="{ty}" text-anchor="end">{label}</text><rect class="bar" x="{LABEL}" y="{ry}" width="{width:.1}" height="{bh}"/><text class="value" x="{vx:.1}" y="{ty}">{shown}</text>"#,
            lx = LABEL - 8.0,
            ty = y + BAR * 0.65,
            label = esc(&truncate(label, 24)),
            ry = y + 3.0,
            bh = BAR - 8.0,
            vx = LABEL + width + 6.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Lines over days, one per `(name, values)`, each in its own class (`s0`, `s1`, …) with
/// a legend; the x axis labelled at its first and last day.
pub fn lines(title: &str, days: &[String], series: &[(String, Vec<f64>)]) -> String {
    let (h, top, left, bottom) = (220.0, 28.0, 40.0, 24.0);
    let plot_w = W - left - 10.0;
    let plot_h = h - top - bottom;
    let max = series
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .fold(1.0, f64::max);
    let n = days.len().max(2) - 1;
    let x = |i: usize| left + plot_w * i as f64 / n as f64;
    let y = |v: f64| top + plot_h * (1.0 - v / max);
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {W} {h}" role="img" aria-label="{t}"><title>{t}</title><line class="axis" x1="{left}" y1="{b}" x2="{r}" y2="{b}"/><text class="label" x="{lx}" y="{ty}" text-anchor="end">{max}</text><text class="label" x="{lx}" y="{b}" text-anchor="end">0</text>"#,
        t = esc(title),
        b = top + plot_h,
        r = W - 10.0,
        lx = left - 4.0,
        ty = top + 4.0,
        max = format_number(max),
    );
    for (k, (name, values)) in series.iter().enumerate() {
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
            .collect();
        let _ = write!(
            svg,
            r#"<polyline class="line s{k}" points="{}"/><rect class="key s{k}" x="{kx}" y="6" width="10" height="10"/><text class="label" x="{tx}" y="15">{}</text>"#,
            points.join(" "),
            esc(name),
            kx = left + 120.0 * k as f64,
            tx = left + 14.0 + 120.0 * k as f64,
        );
    }
    if let (Some(first), Some(last)) = (days.first(), days.last()) {
        let _ = write!(
            svg,
            r#"<text class="label" x="{left}" y="{y}">{}</text><text class="label" x="{r}" y="{y}" text-anchor="end">{}</text>"#,
            esc(first),
            esc(last),
            y = h - 6.0,
            r = W - 10.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

fn truncate(s: &str, most: usize) -> String {
    match s.char_indices().nth(most) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

fn format_number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_escape_their_labels() {
        let svg = bars(
            "On time <by carrier>",
            &[("ups".into(), Some(0.5)), ("<b>".into(), None)],
            true,
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title>On time &lt;by carrier&gt;</title>"));
        assert!(svg.contains(">50%<") && svg.contains(">–<"));
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
        assert_eq!(svg.matches("class=\"bar\"").count(), 2);
    }

    #[test]
    fn lines_draw_a_point_per_day_per_series() {
        let days: Vec<String> = ["2026-12-01", "2026-12-02", "2026-12-03"]
            .map(String::from)
            .to_vec();
        let svg = lines(
            "Parcels",
            &days,
            &[("delivered".into(), vec![1.0, 4.0, 2.0])],
        );
        assert_eq!(svg.matches("polyline").count(), 1);
        assert!(svg.contains(">2026-12-01<") && svg.contains(">2026-12-03<"));
        assert!(svg.contains(">4<"), "the top of the scale");
    }
}
