//! Where is a place, in time: the IANA zone for a country (and, where a country spans
//! several, its state or province). Used to show timelines in local time and to read
//! carrier timestamps given in local time only.

/// The zone most of a country lives in, for showing a timeline in local time when the
/// merchant did not say. Countries spanning several zones are left out on purpose.
#[rustfmt::skip]
const COUNTRY_ZONES: &[(&str, &str)] = &[
    ("AT", "Europe/Vienna"),
    ("BE", "Europe/Brussels"),
    ("BG", "Europe/Sofia"),
    ("BR", "America/Sao_Paulo"),
    ("CH", "Europe/Zurich"),
    ("CZ", "Europe/Prague"),
    ("DE", "Europe/Berlin"),
    ("DK", "Europe/Copenhagen"),
    ("EG", "Africa/Cairo"),
    ("ES", "Europe/Madrid"),
    ("FI", "Europe/Helsinki"),
    ("FR", "Europe/Paris"),
    ("GB", "Europe/London"),
    ("GR", "Europe/Athens"),
    ("HU", "Europe/Budapest"),
    ("IE", "Europe/Dublin"),
    ("IL", "Asia/Jerusalem"),
    ("IN", "Asia/Kolkata"),
    ("IT", "Europe/Rome"),
    ("JP", "Asia/Tokyo"),
    ("KR", "Asia/Seoul"),
    ("MA", "Africa/Casablanca"),
    ("NL", "Europe/Amsterdam"),
    ("NO", "Europe/Oslo"),
    ("PL", "Europe/Warsaw"),
    ("PT", "Europe/Lisbon"),
    ("RO", "Europe/Bucharest"),
    ("SA", "Asia/Riyadh"),
    ("SE", "Europe/Stockholm"),
    ("SG", "Asia/Singapore"),
    ("AE", "Asia/Dubai"),
    ("UA", "Europe/Kyiv"),
    ("ZA", "Africa/Johannesburg"),
];

/// US states and Canadian provinces, by their two-letter codes.
#[rustfmt::skip]
const REGION_ZONES: &[(&str, &str, &str)] = &[
    ("US", "AL", "America/Chicago"), ("US", "AK", "America/Anchorage"), ("US", "AZ", "America/Phoenix"),
    ("US", "AR", "America/Chicago"), ("US", "CA", "America/Los_Angeles"), ("US", "CO", "America/Denver"),
    ("US", "CT", "America/New_York"), ("US", "DE", "America/New_York"), ("US", "DC", "America/New_York"),
    ("US", "FL", "America/New_York"), ("US", "GA", "America/New_York"), ("US", "HI", "Pacific/Honolulu"),
    ("US", "ID", "America/Boise"), ("US", "IL", "America/Chicago"), ("US", "IN", "America/Indiana/Indianapolis"),
    ("US", "IA", "America/Chicago"), ("US", "KS", "America/Chicago"), ("US", "KY", "America/New_York"),
    ("US", "LA", "America/Chicago"), ("US", "ME", "America/New_York"), ("US", "MD", "America/New_York"),
    ("US", "MA", "America/New_York"), ("US", "MI", "America/Detroit"), ("US", "MN", "America/Chicago"),
    ("US", "MS", "America/Chicago"), ("US", "MO", "America/Chicago"), ("US", "MT", "America/Denver"),
    ("US", "NE", "America/Chicago"), ("US", "NV", "America/Los_Angeles"), ("US", "NH", "America/New_York"),
    ("US", "NJ", "America/New_York"), ("US", "NM", "America/Denver"), ("US", "NY", "America/New_York"),
    ("US", "NC", "America/New_York"), ("US", "ND", "America/Chicago"), ("US", "OH", "America/New_York"),
    ("US", "OK", "America/Chicago"), ("US", "OR", "America/Los_Angeles"), ("US", "PA", "America/New_York"),
    ("US", "RI", "America/New_York"), ("US", "SC", "America/New_York"), ("US", "SD", "America/Chicago"),
    ("US", "TN", "America/Chicago"), ("US", "TX", "America/Chicago"), ("US", "UT", "America/Denver"),
    ("US", "VT", "America/New_York"), ("US", "VA", "America/New_York"), ("US", "WA", "America/Los_Angeles"),
    ("US", "WV", "America/New_York"), ("US", "WI", "America/Chicago"), ("US", "WY", "America/Denver"),
    ("US", "PR", "America/Puerto_Rico"),
    ("CA", "AB", "America/Edmonton"), ("CA", "BC", "America/Vancouver"), ("CA", "MB", "America/Winnipeg"),
    ("CA", "NB", "America/Moncton"), ("CA", "NL", "America/St_Johns"), ("CA", "NS", "America/Halifax"),
    ("CA", "NT", "America/Yellowknife"), ("CA", "NU", "America/Iqaluit"), ("CA", "ON", "America/Toronto"),
    ("CA", "PE", "America/Halifax"), ("CA", "QC", "America/Toronto"), ("CA", "SK", "America/Regina"),
    ("CA", "YT", "America/Whitehorse"),
];

/// The IANA zone of a place, if shipmate knows it.
pub fn zone_for(country: &str, region: Option<&str>) -> Option<&'static str> {
    let country = country.trim().to_ascii_uppercase();
    if let Some(region) = region.map(|r| r.trim().to_ascii_uppercase()) {
        let hit = REGION_ZONES
            .iter()
            .find(|(c, r, _)| *c == country && *r == region);
        if let Some((_, _, zone)) = hit {
            return Some(zone);
        }
    }
    COUNTRY_ZONES
        .iter()
        .find(|(c, _)| *c == country)
        .map(|(_, z)| *z)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_zone_is_a_real_iana_zone() {
        let all = COUNTRY_ZONES
            .iter()
            .map(|(_, z)| *z)
            .chain(REGION_ZONES.iter().map(|(_, _, z)| *z));
        for zone in all {
            assert!(zone.parse::<chrono_tz::Tz>().is_ok(), "{zone}");
        }
        assert_eq!(zone_for("us", Some("nj")), Some("America/New_York"));
        assert_eq!(zone_for("BR", None), Some("America/Sao_Paulo"));
        assert_eq!(
            zone_for("US", None),
            None,
            "a country of several zones needs its state"
        );
    }
}
