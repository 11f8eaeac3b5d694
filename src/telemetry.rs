//! Structured logs: pretty for people, JSON for pipelines. Fields carry ids
//! (`shipment_id`, `merchant_id`, `carrier`), never personal data or secrets. Colours only
//! on a terminal (and never with `NO_COLOR`): a file or a pipe gets plain text.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::config::LogConfig;

/// Installs the global subscriber once; later calls (tests) are no-ops.
pub fn init(cfg: &LogConfig) {
    let filter = EnvFilter::try_new(&cfg.level).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(colour(
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR"),
        ));
    crate::supervise::install_panic_hook();
    let _ = if cfg.format == "json" {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.compact().try_init()
    };
}

/// Whether to colour the logs.
fn colour(terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    terminal && no_color.is_none_or(|v| v.is_empty())
}

#[cfg(test)]
mod tests {
    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(super::colour(true, None));
        assert!(!super::colour(false, None));
        assert!(!super::colour(true, Some("1".into())));
        assert!(super::colour(true, Some("".into())));
    }
}
