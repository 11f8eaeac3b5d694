//! Real servers at the far end of our channels: an SMTP server (aiosmtpd, a separate
//! process) that files every message it receives, and a webhook endpoint that counts
//! deliveries per `webhook-id`.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::Value;

/// Deliveries per `webhook-id`.
pub type Deliveries = Arc<Mutex<HashMap<String, u32>>>;

/// A webhook endpoint that counts each delivery on arrival and answers 204 after
/// `answer_after`; returns its URL.
pub fn webhook_counter(answer_after: Duration) -> (String, Deliveries) {
    let seen = web::Data::new(Mutex::new(HashMap::<String, u32>::new()));
    let shared = seen.clone().into_inner();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(seen.clone())
            .default_service(web::post().to(
                move |req: HttpRequest, seen: web::Data<Mutex<HashMap<String, u32>>>| async move {
                    let id = req.headers().get("webhook-id").unwrap().to_str().unwrap();
                    *seen.lock().unwrap().entry(id.to_owned()).or_default() += 1;
                    tokio::time::sleep(answer_after).await;
                    HttpResponse::NoContent().finish()
                },
            ))
    })
    .workers(2)
    .disable_signals()
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    (url, shared)
}

pub struct SmtpSink {
    pub port: u16,
    pub dir: PathBuf,
    child: Child,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// aiosmtpd, installed with pip when missing (`.ci/run` installs it too).
fn ensure_aiosmtpd() {
    let has = || {
        Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .status()
            .is_ok_and(|s| s.success())
    };
    if !has() {
        let _ = Command::new("python3")
            .args(["-m", "pip", "install", "--quiet", "aiosmtpd"])
            .status();
    }
    assert!(
        has(),
        "the e-mail tests need Python's aiosmtpd: python3 -m pip install aiosmtpd"
    );
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        ensure_aiosmtpd();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir =
            std::env::temp_dir().join(format!("shipmate-smtp-{}", crate::helpers::random_hex()));
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sinks/smtp_sink.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg(port.to_string())
            .arg(&dir)
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the SMTP sink");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "SMTP sink did not start");
        SmtpSink { port, dir, child }
    }

    /// The messages received so far, in order.
    pub fn received(&self) -> Vec<Value> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        names.retain(|p| p.extension().is_some_and(|e| e == "json"));
        names.sort();
        names
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }
}
