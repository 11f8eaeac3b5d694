//! Check-digit algorithms of tracking-number formats (as named in tracking_number_data).

use serde::Deserialize;

/// A format's checksum, as its data file describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "name", rename_all = "snake_case")]
pub enum Checksum {
    Mod10 {
        evens_multiplier: u32,
        odds_multiplier: u32,
        #[serde(default)]
        reverse: bool,
    },
    Mod7,
    S10 {
        weightings: Vec<u32>,
    },
    Luhn,
    #[serde(rename = "mod_37_36")]
    Mod37_36,
    SumProductWithWeightingsAndModulo {
        weightings: Vec<u32>,
        modulo1: u32,
        modulo2: u32,
    },
}

/// A character's value in mod 10 sums: digits as themselves, letters as (code − 3) mod 10.
fn digit_value(c: char) -> u32 {
    c.to_digit(10)
        .unwrap_or_else(|| (u32::from(c).saturating_sub(3)) % 10)
}

impl Checksum {
    /// Whether `check` is the right check digit for `serial`.
    pub fn passes(&self, serial: &str, check: &str) -> bool {
        let expected: Option<u32> = check.parse().ok();
        match self {
            Checksum::Mod10 {
                evens_multiplier,
                odds_multiplier,
                reverse,
            } => {
                let mut values: Vec<u32> = serial.chars().map(digit_value).collect();
                if *reverse {
                    values.reverse();
                }
                // As the data defines it: 0-based even indexes take `evens_multiplier`.
                let total: u32 = values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        v * if i % 2 == 0 {
                            evens_multiplier
                        } else {
                            odds_multiplier
                        }
                    })
                    .sum();
                expected == Some((10 - total % 10) % 10)
            }
            Checksum::Mod7 => {
                serial.parse::<u128>().ok().map(|n| (n % 7) as u32) == expected
                    && expected.is_some()
            }
            Checksum::S10 { weightings } => {
                let total: u32 = serial
                    .chars()
                    .zip(weightings)
                    .map(|(c, w)| digit_value(c) * w)
                    .sum();
                let digit = match total % 11 {
                    0 => 5,
                    1 => 0,
                    r => 11 - r,
                };
                expected == Some(digit)
            }
            Checksum::Luhn => {
                let all: Vec<u32> = serial
                    .chars()
                    .chain(check.chars())
                    .map(digit_value)
                    .collect();
                let total: u32 = all
                    .iter()
                    .rev()
                    .enumerate()
                    .map(|(i, &d)| {
                        if i % 2 == 1 {
                            if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
                        } else {
                            d
                        }
                    })
                    .sum();
                total.is_multiple_of(10) && !check.is_empty()
            }
            Checksum::Mod37_36 => {
                mod_37_36(serial).is_some_and(|c| check.eq_ignore_ascii_case(&c.to_string()))
            }
            Checksum::SumProductWithWeightingsAndModulo {
                weightings,
                modulo1,
                modulo2,
            } => {
                let total: u32 = serial
                    .chars()
                    .zip(weightings)
                    .map(|(c, w)| digit_value(c) * w)
                    .sum();
                expected == Some(total % modulo1 % modulo2)
            }
        }
    }
}

/// ISO/IEC 7064 MOD 37-36 (hybrid system over 0-9A-Z): the check character for `s`.
fn mod_37_36(s: &str) -> Option<char> {
    const ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut p: u32 = 36;
    for c in s.chars() {
        let v = ALPHABET
            .iter()
            .position(|&a| char::from(a) == c.to_ascii_uppercase())? as u32;
        let mut r = (p + v) % 36;
        if r == 0 {
            r = 36;
        }
        p = (r * 2) % 37;
    }
    let check = (37 - p) % 36;
    Some(char::from(ALPHABET[check as usize]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_check_digits() {
        assert!(Checksum::Luhn.passes("7992739871", "3"));
        assert!(!Checksum::Luhn.passes("7992739871", "4"));
        let s10 = Checksum::S10 {
            weightings: vec![8, 6, 4, 2, 3, 5, 9, 7],
        };
        assert!(s10.passes("12345678", "5"));
        assert!(!s10.passes("12345678", "6"));
        assert!(Checksum::Mod7.passes("123456789", &(123_456_789u128 % 7).to_string()));
    }
}
