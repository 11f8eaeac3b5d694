//! The README's "Using the API" examples, run as written with bash against a running demo
//! (the real binary, `shipmate demo`), so the README cannot drift from the product. The
//! demo prints an `export SHIPMATE=… API_KEY=… ADMIN_TOKEN=…` line; each ```sh block runs
//! in a fresh bash after `eval` of that line, under `set -euo pipefail` (the examples use
//! `curl -fsS`, so an error answer fails them). A block marked ```sh no-demo is skipped.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::helpers::{random_hex, redis_env, skip, test_config};

const README: &str = include_str!("../../README.md");

/// The runnable ```sh blocks of the README's "Using the API" section.
fn api_examples(readme: &str) -> Vec<String> {
    let start = readme
        .find("\n## Using the API\n")
        .expect("the README has a \"Using the API\" section");
    let section = &readme[start + 1..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut blocks = vec![];
    let mut current: Option<(bool, String)> = None;
    for line in section.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim() == "sh", String::new())),
            (Some((runnable, text)), Some("")) => {
                if *runnable {
                    blocks.push(std::mem::take(text));
                }
                current = None;
            }
            (Some((_, text)), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

/// `shipmate demo` on free ports, against the tests' Redis; killed on drop.
struct Demo {
    child: Child,
    exports: String,
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Demo {
    fn start() -> Demo {
        let cfg = test_config("http://127.0.0.1:9");
        let dir = std::env::temp_dir().join(format!("shipmate-readme-{}", random_hex()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_shipmate"))
            .arg("demo")
            .current_dir(&dir)
            .env_remove("SHIPMATE_ENV")
            .envs(redis_env(&cfg))
            .env("SHIPMATE__HTTP__ADDR", "127.0.0.1:0")
            .env("SHIPMATE__DEMO__SIM_ADDR", "127.0.0.1:0")
            .env("SHIPMATE__NOTIFIER__OUTBOX_DIR", dir.join("outbox"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // Reads to the end, so the demo never blocks on a full pipe.
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.starts_with("export SHIPMATE=") {
                    let _ = tx.send(line);
                }
            }
        });
        let exports = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the demo prints its export line");
        Demo { child, exports }
    }

    /// Runs one block as a user would after pasting the export line.
    fn run(&self, block: &str) -> std::process::Output {
        let script = format!("eval \"$DEMO_EXPORTS\"\nset -euo pipefail\n{block}");
        Command::new("bash")
            .arg("-c")
            .arg(script)
            .env("DEMO_EXPORTS", &self.exports)
            .output()
            .unwrap()
    }
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn the_readme_api_examples_run_against_the_demo() {
    let blocks = api_examples(README);
    assert!(!blocks.is_empty(), "no runnable block in \"Using the API\"");
    let missing: Vec<_> = ["bash", "curl", "jq"]
        .into_iter()
        .filter(|t| !have(t))
        .collect();
    if !missing.is_empty() {
        return skip(&format!("the README test needs {}", missing.join(", ")));
    }
    let demo = Demo::start();
    for block in &blocks {
        let out = demo.run(block);
        assert!(
            out.status.success(),
            "this README block failed ({}):\n{block}\n--- stdout\n{}\n--- stderr\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
    }
}

#[test]
fn only_plain_sh_blocks_of_the_api_section_run() {
    let readme = "# x\n```sh\nquick start\n```\n## Using the API\ntext\n```sh\na\nb\n```\n\
                  ```sh no-demo\nc\n```\n```json\n{}\n```\n```sh\nd\n```\n## Next\n```sh\ne\n```\n";
    assert_eq!(api_examples(readme), ["a\nb\n", "d\n"]);
}
