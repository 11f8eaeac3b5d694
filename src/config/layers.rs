//! Reading configuration layers: merging TOML tables, applying `SHIPMATE__*` overrides by
//! the type of the default, and parsing durations and cron schedules.

use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Deserializer};

use super::ConfigError;

pub(super) fn merge(base: &mut toml::Table, overlay: toml::Table) {
    for (key, value) in overlay {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// `SHIPMATE__POLLER__CADENCE__IN_TRANSIT=30m` sets `poller.cadence.in_transit`. The key must
/// exist in the defaults; the value is read as the type the default has.
pub(super) fn apply_env(root: &mut toml::Table, var: &str, value: &str) -> Result<(), ConfigError> {
    let err = |msg: &str| ConfigError::Env {
        var: var.to_owned(),
        msg: msg.to_owned(),
    };
    let path: Vec<String> = var
        .trim_start_matches("SHIPMATE__")
        .split("__")
        .map(str::to_ascii_lowercase)
        .collect();
    let (last, parents) = path.split_last().ok_or_else(|| err("empty key"))?;
    let mut table = root;
    for part in parents {
        table = match table.get_mut(part) {
            Some(toml::Value::Table(t)) => t,
            _ => return Err(err("no such config section")),
        };
    }
    let slot = table
        .get_mut(last)
        .ok_or_else(|| err("no such config key"))?;
    *slot = match slot {
        toml::Value::String(_) => toml::Value::String(value.to_owned()),
        toml::Value::Integer(_) => {
            toml::Value::Integer(value.parse().map_err(|_| err("expected an integer"))?)
        }
        toml::Value::Float(_) => {
            toml::Value::Float(value.parse().map_err(|_| err("expected a number"))?)
        }
        toml::Value::Boolean(_) => {
            toml::Value::Boolean(value.parse().map_err(|_| err("expected true or false"))?)
        }
        // Lists are comma-separated: SHIPMATE__REDIS__NODES=redis://a:7000,redis://b:7000
        toml::Value::Array(_) => toml::Value::Array(
            value
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| toml::Value::String(v.to_owned()))
                .collect(),
        ),
        _ => return Err(err("this key cannot be set from the environment")),
    };
    Ok(())
}

/// Parses "500ms", "30s", "15m", "2h", "30d".
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a duration like \"15m\""))?;
    let ms = match unit {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return Err(format!("{s:?}: unit must be ms, s, m, h or d")),
    };
    Ok(Duration::from_millis(n * ms))
}

pub(super) fn duration<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    let s = String::deserialize(d)?;
    parse_duration(&s).map_err(serde::de::Error::custom)
}

pub(super) fn schedule<'de, D: Deserializer<'de>>(d: D) -> Result<cron::Schedule, D::Error> {
    let s = String::deserialize(d)?;
    cron::Schedule::from_str(&s).map_err(|e| serde::de::Error::custom(format!("cron {s:?}: {e}")))
}
