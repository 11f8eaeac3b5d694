//! A small HTTP/1.1 keep-alive load generator (wrk-like): N connections, each sending the
//! next request as soon as the previous response is read; latencies recorded per request.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub struct Report {
    pub requests: u64,
    pub errors: u64,
    pub bytes: u64,
    pub elapsed: Duration,
    /// Microseconds, sorted.
    pub latencies: Vec<u32>,
}

impl Report {
    pub fn percentile(&self, p: f64) -> Duration {
        let i = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        Duration::from_micros(self.latencies.get(i).copied().unwrap_or(0).into())
    }
}

/// Warms up, then loads `paths` for `span` and prints one row named `name`: requests/s,
/// p50, p99, errors and bytes per response.
pub fn row(
    rt: &tokio::runtime::Runtime,
    (addr, headers): (SocketAddr, &str),
    (name, paths): (&str, &[String]),
    connections: usize,
    (warm, span): (Duration, Duration),
) {
    rt.block_on(run(addr, (paths, headers), connections, warm));
    let report = rt.block_on(run(addr, (paths, headers), connections, span));
    println!(
        "  {:<34} {:>8.0} {:>10.2?} {:>10.2?} {:>7} {:>9}",
        name,
        report.requests as f64 / report.elapsed.as_secs_f64(),
        report.percentile(0.50),
        report.percentile(0.99),
        report.errors,
        report.bytes / report.requests.max(1)
    );
}

/// Runs `connections` clients against `addr` for `duration`, cycling through `paths`;
/// `headers`: more header lines, each ending in CRLF (a cookie).
pub async fn run(
    addr: SocketAddr,
    (paths, headers): (&[String], &str),
    connections: usize,
    duration: Duration,
) -> Report {
    let start = Instant::now();
    let deadline = start + duration;
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..connections {
        let requests: Vec<Vec<u8>> = paths
            .iter()
            .skip(c)
            .step_by(connections)
            .map(|p| {
                format!("GET {p} HTTP/1.1\r\nHost: bench\r\nAccept-Language: en\r\n{headers}\r\n")
                    .into_bytes()
            })
            .collect();
        tasks.spawn(client(addr, requests, deadline));
    }
    let mut report = Report {
        requests: 0,
        errors: 0,
        bytes: 0,
        elapsed: Duration::ZERO,
        latencies: vec![],
    };
    while let Some(Ok((ok, errors, bytes, lat))) = tasks.join_next().await {
        report.requests += ok;
        report.errors += errors;
        report.bytes += bytes;
        report.latencies.extend(lat);
    }
    report.elapsed = start.elapsed();
    report.latencies.sort_unstable();
    report
}

async fn client(
    addr: SocketAddr,
    requests: Vec<Vec<u8>>,
    deadline: Instant,
) -> (u64, u64, u64, Vec<u32>) {
    let (mut ok, mut errors, mut bytes, mut lat) = (0, 0, 0, Vec::with_capacity(100_000));
    let mut buf = vec![0u8; 64 * 1024];
    let mut stream = None;
    let mut i = 0;
    while Instant::now() < deadline && !requests.is_empty() {
        if stream.is_none() {
            stream = TcpStream::connect(addr).await.ok();
            if let Some(s) = &stream {
                let _ = s.set_nodelay(true);
            }
        }
        let Some(s) = stream.as_mut() else {
            errors += 1;
            continue;
        };
        let t = Instant::now();
        let result = exchange(s, &requests[i % requests.len()], &mut buf).await;
        i += 1;
        match result {
            Some((200, n)) => {
                ok += 1;
                bytes += n as u64;
                lat.push(t.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
            }
            Some(_) => errors += 1,
            None => {
                errors += 1;
                stream = None;
            }
        }
    }
    (ok, errors, bytes, lat)
}

/// Sends one request and reads one response; returns (status, body length).
async fn exchange(s: &mut TcpStream, request: &[u8], buf: &mut Vec<u8>) -> Option<(u16, usize)> {
    s.write_all(request).await.ok()?;
    let mut filled = 0;
    let header_end = loop {
        if filled == buf.len() {
            buf.resize(buf.len() * 2, 0);
        }
        let n = s.read(&mut buf[filled..]).await.ok()?;
        if n == 0 {
            return None;
        }
        filled += n;
        if let Some(pos) = buf[..filled].windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
    };
    let head = std::str::from_utf8(&buf[..header_end]).ok()?;
    let status: u16 = head.get(9..12)?.parse().ok()?;
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().to_owned())
        })?
        .parse()
        .ok()?;
    let mut have = filled - header_end;
    while have < length {
        let n = s.read(&mut buf[..]).await.ok()?;
        if n == 0 {
            return None;
        }
        have += n;
    }
    Some((status, length))
}
