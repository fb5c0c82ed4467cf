//! Durability: the real binary is killed with SIGKILL while 50 judges submit sheets; after a
//! restart every acknowledged sheet is there, whole, and the audit trail agrees.

use crate::fixtures::{self, Spec};
use crate::helpers::fresh_database;
use crate::process::{free_port, remove_database, serve_command, start, wait_healthy};
use diesel::prelude::*;
use juri::db::schema::{audit_log, sheet_scores, sheets};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// (judge, entry) → the scores of every submission the server acknowledged.
type Acknowledged = BTreeMap<(usize, usize), Vec<i64>>;

/// A server on a fresh SQLite file whose log is kept, ready to answer.
struct Logged {
    server: Child,
    port: u16,
    file: Option<std::path::PathBuf>,
}

impl Logged {
    async fn start(level: &str) -> Logged {
        let (url, file) = fresh_database();
        let port = free_port();
        let server = serve_command(&url, port, level)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start juri");
        wait_healthy(&reqwest::Client::new(), &format!("http://127.0.0.1:{port}")).await;
        Logged { server, port, file }
    }

    /// Stops the server and removes its database; returns everything it logged.
    fn stop(mut self) -> String {
        self.server.kill().unwrap();
        let out = self.server.wait_with_output().unwrap();
        remove_database(self.file);
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr)
    }
}

#[tokio::test]
async fn acknowledged_sheets_survive_a_sigkill() {
    let (url, file) = fresh_database();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut server = start(&url, port);
    wait_healthy(&client, &base).await;
    let f = fixtures::build_in(
        &url,
        Spec {
            judges: 50,
            entries_per_cluster: 4,
            ..Spec::default()
        },
    );

    let mut tokens = Vec::new();
    for j in &f.judges {
        let res: Value = client
            .post(format!("{base}/api/v1/auth/login"))
            .json(&json!({"email": j.email, "password": fixtures::JUDGE_PASSWORD}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        tokens.push(res["token"].as_str().unwrap().to_string());
    }
    let acknowledged: Arc<Mutex<Acknowledged>> = Arc::default();
    let mut tasks = Vec::new();
    for (j, token) in tokens.into_iter().enumerate() {
        let (client, base, f, acknowledged) = (
            client.clone(),
            base.clone(),
            f.clone(),
            acknowledged.clone(),
        );
        tasks.push(tokio::spawn(async move {
            for e in 0..f.entries.len() {
                let values: Vec<i64> = (0..5)
                    .map(|k| ((j * 11 + e * 7 + k * 3) % 101) as i64)
                    .collect();
                let url = format!(
                    "{base}/api/v1/contests/{}/entries/{}/sheet",
                    f.contest_id, f.entries[e].id
                );
                let mut body = fixtures::submitted_sheet(&f, &values);
                body["comment"] = json!(format!("juri {j}"));
                match client.put(url).bearer_auth(&token).json(&body).send().await {
                    Ok(res) if res.status().is_success() => {
                        acknowledged.lock().unwrap().insert((j, e), values);
                    }
                    Ok(res) => assert!(
                        !res.status().is_server_error(),
                        "5xx before the kill: {}",
                        res.status()
                    ),
                    Err(_) => return, // the server is gone
                }
            }
        }));
    }
    // Let part of the 200 submissions through, then pull the plug.
    for _ in 0..200 {
        if acknowledged.lock().unwrap().len() >= 40 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill().expect("SIGKILL");
    server.wait().unwrap();
    for t in tasks {
        let _ = t.await;
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        !acknowledged.is_empty(),
        "some sheets were acknowledged before the kill"
    );

    let mut server = start(&url, port);
    wait_healthy(&client, &base).await;
    let mut conn = fixtures::conn_to(&url);
    let stored: Vec<(String, String, String, String)> = sheets::table
        .filter(sheets::contest_id.eq(&f.contest_id))
        .select((
            sheets::id,
            sheets::judge_id,
            sheets::entry_id,
            sheets::status,
        ))
        .load(&mut *conn)
        .unwrap();
    // Nothing half-written: every stored sheet is submitted with all five scores.
    for (id, _, _, status) in &stored {
        assert_eq!(status, "submitted");
        let n: i64 = sheet_scores::table
            .filter(sheet_scores::sheet_id.eq(id))
            .count()
            .get_result(&mut *conn)
            .unwrap();
        assert_eq!(n, 5, "sheet {id} is whole");
        let audited: i64 = audit_log::table
            .filter(audit_log::target.eq(format!("sheet:{id}")))
            .filter(audit_log::action.eq("sheet.submitted"))
            .count()
            .get_result(&mut *conn)
            .unwrap();
        assert_eq!(
            audited, 1,
            "the audit trail records sheet {id} exactly once"
        );
    }
    for ((j, e), values) in &acknowledged {
        let sheet = stored
            .iter()
            .find(|(_, judge, entry, _)| *judge == f.judges[*j].id && *entry == f.entries[*e].id)
            .unwrap_or_else(|| panic!("acknowledged sheet of judge {j} entry {e} is lost"));
        let scores: Vec<(String, i32)> = sheet_scores::table
            .filter(sheet_scores::sheet_id.eq(&sheet.0))
            .select((sheet_scores::criterion_id, sheet_scores::score))
            .load(&mut *conn)
            .unwrap();
        for (criterion, score) in scores {
            let k = f.criteria.iter().position(|c| c.id == criterion).unwrap();
            assert_eq!(i64::from(score), values[k]);
        }
    }
    server.kill().unwrap();
    server.wait().unwrap();
    remove_database(file);
}

/// A newcomer's first start is clean: no ERROR line, whatever order the pool's first
/// connections open in (they once raced to switch the new file to WAL).
#[tokio::test]
async fn a_first_start_logs_no_error() {
    if std::env::var("JURI_TEST_DATABASE_URL").is_ok_and(|u| !u.trim().is_empty()) {
        return; // The race is SQLite's; PostgreSQL has no such switch.
    }
    for _ in 0..12 {
        let log = Logged::start("info").await.stop();
        assert!(
            !log.contains("ERROR") && !log.contains("database is locked"),
            "{log}"
        );
    }
}

/// A client cannot fill the error log: a malformed request is a 400, and its parse error is
/// logged at DEBUG, not at ERROR.
#[tokio::test]
async fn malformed_requests_are_not_errors_in_the_log() {
    if std::env::var("JURI_TEST_DATABASE_URL").is_ok_and(|u| !u.trim().is_empty()) {
        return; // About the log, not the database.
    }
    for level in ["info", "debug"] {
        let server = Logged::start(level).await;
        let port = server.port;
        for _ in 0..3 {
            use std::io::{Read, Write};
            let mut socket = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
            socket
                .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
                .unwrap();
            let mut answer = [0u8; 12];
            socket.read_exact(&mut answer).unwrap();
            assert_eq!(&answer, b"HTTP/1.1 400");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        let log = server.stop();
        assert!(!log.contains("ERROR"), "{log}");
        if level == "debug" {
            assert!(log.contains("a client sent a malformed request"), "{log}");
        }
    }
}
