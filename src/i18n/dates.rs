//! Dates and times in a locale's words, written piece by piece (a page writes a dozen).

use chrono::{DateTime, Datelike, TimeZone, Timelike};

use super::{Lang, Piece};

impl Lang {
    /// "Wed, Nov 25" in this locale.
    pub fn date<Tz: TimeZone>(&self, t: &DateTime<Tz>) -> String {
        let mut out = String::with_capacity(24);
        self.write_date(&mut out, t);
        out
    }

    /// "Wed, Nov 25, 14:05" in this locale.
    pub fn date_time<Tz: TimeZone>(&self, t: &DateTime<Tz>) -> String {
        let mut out = String::with_capacity(32);
        for p in &self.0.date_time {
            match p {
                Piece::Text(text) => out.push_str(text),
                Piece::Arg(0) => self.write_date(&mut out, t),
                Piece::Arg(_) => {
                    two_digits(&mut out, t.hour());
                    out.push(':');
                    two_digits(&mut out, t.minute());
                }
            }
        }
        out
    }

    /// The date's pieces written straight into `out` (a page writes a dozen of them).
    fn write_date<Tz: TimeZone>(&self, out: &mut String, t: &DateTime<Tz>) {
        let c = &self.0;
        for p in &c.date {
            match p {
                Piece::Text(text) => out.push_str(text),
                Piece::Arg(0) => {
                    out.push_str(&c.weekdays[t.weekday().num_days_from_monday() as usize])
                }
                Piece::Arg(1) if t.day() >= 10 => two_digits(out, t.day()),
                Piece::Arg(1) => out.push(char::from(b'0' + t.day() as u8)),
                Piece::Arg(_) => out.push_str(&c.months[t.month0() as usize]),
            }
        }
    }
}

/// `n` (0–99) in two digits.
fn two_digits(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}
