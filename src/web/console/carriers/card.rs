//! One carrier's card: whether the shop's account is connected, its gate, the last error,
//! and the form with the fields that carrier takes (with what was typed, after a refusal).

use std::collections::BTreeMap;

use super::Posted;
use crate::i18n::Lang;
use crate::services::{AccountStatus, FieldError};

pub(super) struct Input {
    pub id: String,
    pub name: &'static str,
    pub label: String,
    pub kind: &'static str,
    pub error: Option<String>,
}

pub(super) struct Card {
    pub code: &'static str,
    pub name: &'static str,
    pub connected: Option<String>,
    pub gate: String,
    pub last_error: Option<String>,
    pub inputs: Vec<Input>,
    pub rate: String,
    pub rate_error: Option<String>,
    pub cadence: String,
    pub cadence_error: Option<String>,
}

/// The card of `s`; `posted`: this card's form as sent and what was wrong with it.
pub(super) fn card(
    s: &AccountStatus,
    l: &Lang,
    when: &dyn Fn(&chrono::DateTime<chrono::Utc>) -> String,
    posted: Option<(&str, &Posted, &[FieldError])>,
) -> Card {
    let error = |field: &str| {
        posted.and_then(|(_, _, errors)| {
            errors
                .iter()
                .find(|e| e.field == field || e.field.starts_with(&format!("{field}.")))
                .map(|e| e.message.clone())
        })
    };
    let account = s.account.as_ref();
    let typed = |name: &str| posted.and_then(|(_, p, _)| p.get(name).cloned());
    Card {
        code: s.info.code,
        name: s.info.name,
        connected: account.map(|a| {
            l.t_args(
                "console-connected",
                &[
                    ("hint", a.credential_hint.clone()),
                    ("when", when(&a.updated_at)),
                ],
            )
        }),
        gate: match (&s.gate.held_until, &s.gate.open_until) {
            (Some(t), _) => l.t_args("console-gate-held", &[("until", when(t))]),
            (None, Some(t)) => l.t_args(
                "console-gate-open",
                &[
                    ("failures", s.gate.failures.to_string()),
                    ("until", when(t)),
                ],
            ),
            (None, None) => l.t("console-gate-ok"),
        },
        last_error: s.gate.last_error.as_ref().map(|(e, at)| {
            l.t_args(
                "console-last-error",
                &[("error", e.clone()), ("when", when(at))],
            )
        }),
        inputs: s
            .kind
            .fields()
            .iter()
            .map(|name| Input {
                id: format!("{}-{name}", s.info.code),
                name,
                label: l.t(&format!("console-cred-{}", name.replace('_', "-"))),
                kind: if matches!(*name, "client_id" | "username") {
                    "text"
                } else {
                    "password"
                },
                error: error(&format!("credentials.{name}")),
            })
            .collect(),
        rate: typed("requests_per_second").unwrap_or_else(|| {
            account
                .and_then(|a| a.requests_per_second)
                .map(|r| r.to_string())
                .unwrap_or_default()
        }),
        rate_error: error("requests_per_second"),
        cadence: typed("cadence").unwrap_or_else(|| {
            account
                .map(|a| cadence_text(&a.cadence))
                .unwrap_or_default()
        }),
        cadence_error: error("cadence"),
    }
}

/// `in_transit=30m, out_for_delivery=10m`.
fn cadence_text(cadence: &BTreeMap<String, String>) -> String {
    let pairs: Vec<String> = cadence.iter().map(|(s, d)| format!("{s}={d}")).collect();
    pairs.join(", ")
}
