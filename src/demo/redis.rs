//! A private `redis-server` for the demo, the tests and the benchmarks: a free loopback
//! port, a data directory of its own, and a watchdog that stops it when this process
//! exits, even on `kill -9`.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// A running private Redis.
pub struct LocalRedis {
    pub url: String,
    pub port: u16,
    child: std::process::Child,
    dir: std::path::PathBuf,
    persist: bool,
}

impl LocalRedis {
    /// Kills `redis-server` with SIGKILL, as a crash would, and starts it again on the same
    /// port and data directory; returns once it answers again (after loading its append-only
    /// file), with how long it was gone.
    pub fn crash_and_restart(&mut self) -> anyhow::Result<Duration> {
        let started = Instant::now();
        self.crash()?;
        self.restart()?;
        Ok(started.elapsed())
    }

    /// Kills `redis-server` with SIGKILL, as a crash would.
    pub fn crash(&mut self) -> anyhow::Result<()> {
        let info: String = redis::cmd("INFO")
            .arg("server")
            .query(&mut redis::Client::open(self.url.as_str())?.get_connection()?)?;
        let pid = info
            .lines()
            .find_map(|l| l.strip_prefix("process_id:"))
            .context("INFO server without process_id")?
            .trim()
            .to_owned();
        Command::new("kill").args(["-9", &pid]).status()?;
        // The watchdog notices and exits.
        self.child.wait()?;
        Ok(())
    }

    /// Starts a crashed server again on its port and data directory; returns once it
    /// answers (after loading its append-only file).
    pub fn restart(&mut self) -> anyhow::Result<()> {
        *self = spawn_with(&self.dir, self.persist, "", Some(self.port))?;
        Ok(())
    }
}

impl Drop for LocalRedis {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return; // already gone (after a crash); its pid may belong to someone else now
        }
        // Killing the watchdog shell lets it take redis-server down with it (see the trap).
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}

const WATCHDOG: &str = r#"
redis-server --port "$PORT" --bind 127.0.0.1 --dir "$DIR" --appendonly "$AOF" --appendfsync everysec --save "" --logfile redis.log $EXTRA &
r=$!
trap 'kill $r 2>/dev/null; wait $r; exit 0' TERM INT
while kill -0 "$PARENT" 2>/dev/null && kill -0 $r 2>/dev/null; do sleep 1 & wait $!; done
kill $r 2>/dev/null
wait $r
"#;

/// Starts `redis-server` with data in `dir` (append-only file on when `persist`).
pub fn spawn(dir: &Path, persist: bool) -> anyhow::Result<LocalRedis> {
    on_free_ports(|| spawn_with(dir, persist, "", None))
}

/// Starts a server on ports found free, again on others (twice at most) when it does not
/// come up: a port found free may be taken before the server binds it.
fn on_free_ports<T>(mut start: impl FnMut() -> anyhow::Result<T>) -> anyhow::Result<T> {
    let mut tries = 1;
    loop {
        match start() {
            Err(e) if tries < 3 => {
                tracing::warn!(error = %e, "redis-server did not start; trying other ports");
                tries += 1;
            }
            started => return started,
        }
    }
}

/// Starts `redis-server` on a given loopback `port` (to bring up a Redis that something is
/// already waiting for).
pub fn spawn_at(dir: &Path, port: u16, persist: bool) -> anyhow::Result<LocalRedis> {
    spawn_with(dir, persist, "", Some(port))
}

/// A private Redis Cluster of `masters` nodes (no replicas) on loopback.
pub struct LocalCluster {
    pub nodes: Vec<LocalRedis>,
}

impl LocalCluster {
    /// The seed node URLs (all masters).
    pub fn urls(&self) -> Vec<String> {
        self.nodes.iter().map(|n| n.url.clone()).collect()
    }
}

/// Starts `masters` cluster-enabled `redis-server`s under `dir` and joins them with
/// `redis-cli --cluster create`; returns once every slot is served.
pub fn spawn_cluster(dir: &Path, masters: usize, persist: bool) -> anyhow::Result<LocalCluster> {
    let nodes = (0..masters)
        .map(|i| {
            let node = dir.join(format!("node{i}"));
            on_free_ports(|| {
                // The bus on a free port of its own: the default (port + 10000) may be
                // taken, or past 65535.
                let bus = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
                let _ = std::fs::remove_file(node.join("nodes.conf"));
                let extra = format!("--cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000 --cluster-port {bus}");
                spawn_with(&node, persist, &extra, None)
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let addrs: Vec<String> = nodes
        .iter()
        .map(|n| format!("127.0.0.1:{}", n.port))
        .collect();
    let out = Command::new("redis-cli")
        .arg("--cluster")
        .arg("create")
        .args(&addrs)
        .args(["--cluster-replicas", "0", "--cluster-yes"])
        .output()
        .context("running redis-cli --cluster create")?;
    if !out.status.success() {
        bail!(
            "redis-cli --cluster create failed: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    let start = Instant::now();
    for node in &nodes {
        let client = redis::Client::open(node.url.as_str())?;
        loop {
            let info: String = redis::cmd("CLUSTER")
                .arg("INFO")
                .query(&mut client.get_connection()?)?;
            if info.contains("cluster_state:ok") {
                break;
            }
            if start.elapsed() > Duration::from_secs(60) {
                bail!("the cluster did not reach cluster_state:ok: {info}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    Ok(LocalCluster { nodes })
}

fn spawn_with(
    dir: &Path,
    persist: bool,
    extra: &str,
    port: Option<u16>,
) -> anyhow::Result<LocalRedis> {
    let found = Command::new("redis-server")
        .arg("--version")
        .stdout(Stdio::null())
        .status();
    if !found.is_ok_and(|s| s.success()) {
        bail!(
            "redis-server is not installed: install it (e.g. `apt-get install redis-server`) or point SHIPMATE__REDIS__URL at a Redis"
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let dir = dir.canonicalize()?;
    let port = match port {
        Some(p) => p,
        None => TcpListener::bind("127.0.0.1:0")?.local_addr()?.port(),
    };
    let child = Command::new("sh")
        .arg("-c")
        .arg(WATCHDOG)
        .env("PORT", port.to_string())
        .env("DIR", &dir)
        .env("AOF", if persist { "yes" } else { "no" })
        .env("PARENT", std::process::id().to_string())
        .env("EXTRA", extra)
        .stdout(Stdio::null())
        .spawn()
        .context("starting redis-server")?;
    let redis = LocalRedis {
        url: format!("redis://127.0.0.1:{port}"),
        port,
        child,
        dir,
        persist,
    };
    // Loading a large append-only file takes a while; a fresh server answers at once.
    wait_ready(
        &redis.url,
        Duration::from_secs(if persist { 120 } else { 10 }),
    )?;
    Ok(redis)
}

fn wait_ready(url: &str, within: Duration) -> anyhow::Result<()> {
    let start = Instant::now();
    let client = redis::Client::open(url)?;
    loop {
        let ping = client
            .get_connection()
            .and_then(|mut c| redis::cmd("PING").query::<String>(&mut c));
        match ping {
            Ok(_) => return Ok(()),
            Err(e) if start.elapsed() > within => bail!("redis-server did not come up: {e}"),
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}
