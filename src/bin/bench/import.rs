//! `bench import`: files of 10,000 and 100,000 rows uploaded to a real web process (this
//! program re-run as `serve-role --role web` on a private Redis), read in the background;
//! prints rows per second from the upload's start to the import's end and the web
//! process's peak memory after each file, which stays flat as the file grows.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const ADMIN_TOKEN: &str = "bench-import-admin-token-0123456789";

struct Web(Child);

impl Drop for Web {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Peak and current resident memory of `pid` (KiB), from `/proc`.
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// `rows` CSV rows: AfterShip's columns, about 140 bytes a row.
fn file(rows: usize, start: usize) -> Vec<u8> {
    let mut out = String::from(
        "tracking_number,courier,order_id,title,customer_name,email,sms,destination_country\n",
    );
    for i in start..start + rows {
        out.push_str(&format!(
            "SBOT{i:08},sandbox,#{i},Blue enamel mug x 2,Ana Lima {i},buyer{i}@example.com,+5511987{:06},BRA\n",
            i % 1_000_000
        ));
    }
    out.into_bytes()
}

pub fn run(sizes: &[usize], concurrency: usize) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("shipmate-bench-import-{}", std::process::id()));
    let redis = shipmate::demo::redis::spawn(&dir, false)?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let web = Web(Command::new(std::env::current_exe()?)
        .args(["serve-role", "--role", "web"])
        .env("SHIPMATE__REDIS__URL", &redis.url)
        .env("SHIPMATE__REDIS__PREFIX", "imp")
        .env("SHIPMATE__HTTP__ADDR", format!("127.0.0.1:{port}"))
        .env("SHIPMATE__HTTP__PUBLIC_URL", &base)
        .env("SHIPMATE__ADMIN__TOKEN", ADMIN_TOKEN)
        .env("SHIPMATE__LOG__LEVEL", "warn")
        .env("SHIPMATE__IMPORTS__CONCURRENCY", concurrency.to_string())
        .stdout(Stdio::null())
        .spawn()?);
    let pid = web.0.id();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let http = reqwest::Client::new();
        let ready = Instant::now();
        while http.get(format!("{base}/readyz")).send().await.is_err() {
            anyhow::ensure!(ready.elapsed() < Duration::from_secs(30), "the web process did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let made: Value = http
            .post(format!("{base}/api/v1/merchants"))
            .bearer_auth(ADMIN_TOKEN)
            .json(&json!({"name": "Bench Imports"}))
            .send()
            .await?
            .json()
            .await?;
        let key = made["api_key"].as_str().unwrap_or_default().to_owned();
        let (peak, rss) = memory(pid);
        println!("web process started: peak {} MiB, resident {} MiB", peak / 1024, rss / 1024);
        println!("rows      file MiB  upload s  import s  rows/s    created   failed  peak MiB  resident MiB");
        let mut start = 0;
        for &rows in sizes {
            let body = file(rows, start);
            start += rows;
            let mib = body.len() as f64 / (1 << 20) as f64;
            let t0 = Instant::now();
            let resp = http
                .post(format!("{base}/api/v1/imports"))
                .bearer_auth(&key)
                .header("content-type", "text/csv")
                .body(body)
                .send()
                .await?;
            anyhow::ensure!(resp.status() == 202, "upload: {}", resp.text().await?);
            let uploaded = t0.elapsed();
            let id = resp.json::<Value>().await?["id"].as_str().unwrap_or_default().to_owned();
            let done = loop {
                let v: Value = http
                    .get(format!("{base}/api/v1/imports/{id}"))
                    .bearer_auth(&key)
                    .send()
                    .await?
                    .json()
                    .await?;
                if v["status"] != "running" && v["status"] != "receiving" {
                    break v;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            };
            let secs = t0.elapsed().as_secs_f64();
            let (peak, rss) = memory(pid);
            println!(
                "{rows:<9} {mib:<9.1} {:<9.2} {secs:<9.2} {:<9.0} {:<9} {:<7} {:<9} {}",
                uploaded.as_secs_f64(),
                rows as f64 / secs,
                done["created"],
                done["failed"],
                peak / 1024,
                rss / 1024
            );
            anyhow::ensure!(done["status"] == "done", "import ended {done}");
        }
        Ok(())
    })
}
