//! The real `juri` binary as a separate process, for the tests that kill it, read its log or
//! run several of it on one database.

use crate::helpers::{ADMIN_EMAIL, ADMIN_PASSWORD};
use juri::db::DatabaseUrl;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn url_text(url: &DatabaseUrl) -> String {
    match url {
        DatabaseUrl::Sqlite(path) => path.clone(),
        DatabaseUrl::Postgres(url) => url.clone(),
    }
}

/// `juri serve` on `url` and `port`, logging at `level`.
pub fn serve_command(url: &DatabaseUrl, port: u16, level: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_juri"));
    command
        .arg("serve")
        .env("DATABASE_URL", url_text(url))
        .env("JURI_BIND", format!("127.0.0.1:{port}"))
        .env("JURI_ADMIN_EMAIL", ADMIN_EMAIL)
        .env("JURI_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("JURI_LOG", level)
        .env("NO_COLOR", "1");
    command
}

/// A server started with `extra` settings, its output discarded.
pub fn start_with(url: &DatabaseUrl, port: u16, extra: &[(&str, &str)]) -> Child {
    serve_command(url, port, "warn")
        .envs(extra.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start juri")
}

pub fn start(url: &DatabaseUrl, port: u16) -> Child {
    start_with(url, port, &[])
}

pub async fn wait_healthy(client: &reqwest::Client, base: &str) {
    for _ in 0..150 {
        if let Ok(res) = client.get(format!("{base}/healthz")).send().await {
            if res.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("juri did not become healthy");
}

/// Removes a test's SQLite file and its companions (nothing for PostgreSQL).
pub fn remove_database(file: Option<std::path::PathBuf>) {
    if let Some(file) = file {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
    }
}
