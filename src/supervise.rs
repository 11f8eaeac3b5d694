//! Keeping roles alive. A panic while working on one item (a shipment, a notification, a
//! stream entry) is caught, logged with the item's id — never the panic's text, which may
//! quote personal data —, counted in `shipmate_role_panics_total{role}` and turned into an
//! error the loop handles like any other. Each role's loop reports whether it runs, and
//! `/healthz` answers 503 naming a role whose loop stopped, so an orchestrator restarts it.

#![warn(clippy::arithmetic_side_effects)]

use std::collections::BTreeMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};

use futures_util::FutureExt;
use tokio_util::sync::CancellationToken;

use crate::metrics;

/// Work on one item panicked (already logged and counted).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the {role} failed on {item} (a bug; logged with the item's id)")]
pub struct Panicked {
    pub role: &'static str,
    pub item: String,
}

/// Runs `work` for one item of `role`, catching a panic.
pub async fn guarded<T>(
    role: &'static str,
    item: &str,
    work: impl Future<Output = T>,
) -> Result<T, Panicked> {
    AssertUnwindSafe(work).catch_unwind().await.map_err(|_| {
        metrics::ROLE_PANICS.inc(&[("role", role)]);
        tracing::error!(
            role,
            item,
            "a role failed on one item (a bug); it goes on with the others"
        );
        Panicked {
            role,
            item: item.to_owned(),
        }
    })
}

/// Logs panics with their place in the code only: the message may quote the data
/// (a string slice's panic quotes the string), and data can be personal.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(place, "panic");
    }));
}

/// Which role loops of this process run.
#[derive(Clone, Default)]
pub struct Liveness(Arc<Mutex<BTreeMap<&'static str, bool>>>);

impl Liveness {
    /// Runs a role's loop, marked running until it ends; ending (or panicking) before
    /// `cancel` fires marks it stopped.
    pub fn watch(
        &self,
        role: &'static str,
        cancel: CancellationToken,
        run: impl Future<Output = ()> + Send + 'static,
    ) -> impl Future<Output = ()> + Send + 'static {
        self.set(role, true);
        let me = self.clone();
        async move {
            if AssertUnwindSafe(run).catch_unwind().await.is_err() {
                metrics::ROLE_PANICS.inc(&[("role", role)]);
            }
            if !cancel.is_cancelled() {
                tracing::error!(role, "a role's loop stopped; /healthz now fails");
                me.set(role, false);
            }
        }
    }

    fn set(&self, role: &'static str, running: bool) {
        if let Ok(mut roles) = self.0.lock() {
            roles.insert(role, running);
        }
    }

    /// Roles whose loop is not running.
    pub fn stopped(&self) -> Vec<&'static str> {
        self.0.lock().map_or_else(
            |_| vec!["liveness"],
            |roles| {
                roles
                    .iter()
                    .filter(|(_, up)| !**up)
                    .map(|(r, _)| *r)
                    .collect()
            },
        )
    }
}

/// Cancels `cancel` on SIGTERM or Ctrl-C.
pub fn cancel_on_signals(cancel: CancellationToken) {
    tokio::spawn(async move {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        {
            let mut term =
                match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                    Ok(s) => s,
                    Err(e) => {
                        tracing::error!(error = %e, "cannot listen for SIGTERM");
                        let _ = ctrl_c.await;
                        cancel.cancel();
                        return;
                    }
                };
            tokio::select! {
                _ = ctrl_c => {}
                _ = term.recv() => {}
            }
        }
        #[cfg(not(unix))]
        let _ = ctrl_c.await;
        cancel.cancel();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_is_an_error_and_a_stopped_loop_shows() {
        let caught = guarded("poller", "shp_1", async { panic!("boom") }).await;
        assert_eq!(
            caught,
            Err(Panicked {
                role: "poller",
                item: "shp_1".into()
            })
        );
        let live = Liveness::default();
        let cancel = CancellationToken::new();
        live.watch("notifier", cancel.clone(), async {}).await;
        live.watch("poller", cancel.clone(), std::future::pending())
            .now_or_never();
        assert_eq!(live.stopped(), vec!["notifier"]);
        cancel.cancel();
        live.watch("scheduler", cancel, async { panic!("late") })
            .await;
        assert_eq!(live.stopped(), vec!["notifier"]);
    }
}
