//! What an action came to, shown once on the page it leads back to (`?notice=<id>`): a
//! fixed set of messages, so a link can never put words of its own on a console page.

use actix_web::HttpRequest;

use crate::i18n::Lang;

/// What an action came to, shown once on the page it leads back to (`?notice=`): only these
/// message ids are ever read from the query.
const NOTICES: [&str; 32] = [
    "saved",
    "logo-saved",
    "logo-removed",
    "carrier-saved",
    "carrier-removed",
    "test-ok",
    "test-refused",
    "test-wait",
    "test-failed",
    "not-connected",
    "accounts-off",
    "refreshed",
    "too-soon",
    "not-tracked",
    "cancelled",
    "confirm",
    "resent",
    "not-resent",
    "removed",
    "last-owner",
    "taken",
    "bad-email",
    "forbidden",
    "revoked",
    "last-key",
    "too-many-keys",
    "replayed",
    "not-replayed",
    "webhook-saved",
    "webhook-removed",
    "store-saved",
    "store-removed",
];

/// The notice a page was sent back with, in the member's language.
pub(super) fn notice(req: &HttpRequest, l: &Lang) -> Option<String> {
    let q = req.query_string();
    let id = q
        .split('&')
        .find_map(|kv| kv.strip_prefix("notice="))
        .filter(|id| NOTICES.contains(id))?;
    Some(match id {
        "forbidden" => l.t("console-forbidden"),
        id => l.t(&format!("console-notice-{id}")),
    })
}
