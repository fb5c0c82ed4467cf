//! Several instances on one database, the deployment the README offers PostgreSQL for: two
//! `juri` processes share sign-ins, sheets and the contest's phase, a sign-out reaches the
//! other instance within the documented window, and killing one while both take saves loses
//! nothing either acknowledged. (On SQLite the same holds for two processes on one file.)

use crate::client::urls;
use crate::fixtures::{self, Fixture, Spec, JUDGE_PASSWORD};
use crate::helpers::{error_of, fresh_database, ADMIN_EMAIL, ADMIN_PASSWORD};
use crate::process::{free_port, remove_database, start_with, wait_healthy};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::process::Child;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// `JURI_SESSION_CACHE_SECONDS` for both instances: how late a sign-out may reach the other.
const SESSION_WINDOW: Duration = Duration::from_secs(2);

/// One running instance and the address it answers on.
struct Instance {
    process: Child,
    port: u16,
    base: String,
}

impl Instance {
    async fn start(url: &juri::db::DatabaseUrl, port: u16) -> Instance {
        let window = SESSION_WINDOW.as_secs().to_string();
        let process = start_with(url, port, &[("JURI_SESSION_CACHE_SECONDS", &window)]);
        let base = format!("http://127.0.0.1:{port}");
        wait_healthy(&reqwest::Client::new(), &base).await;
        Instance {
            process,
            port,
            base,
        }
    }

    fn kill(&mut self) {
        self.process.kill().expect("SIGKILL");
        self.process.wait().unwrap();
    }
}

/// Sends `body` (if any) with `token`; `None` when the instance did not answer at all.
async fn call(
    client: &reqwest::Client,
    base: &str,
    method: Method,
    path: &str,
    token: &str,
    body: Option<&Value>,
) -> Option<(StatusCode, Value)> {
    let mut request = client
        .request(method, format!("{base}{path}"))
        .bearer_auth(token);
    if let Some(body) = body {
        request = request.json(body);
    }
    let res = request.send().await.ok()?;
    let status = res.status();
    let text = res.text().await.ok()?;
    Some((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
}

async fn sign_in(client: &reqwest::Client, base: &str, email: &str, password: &str) -> String {
    let res: Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    res["token"].as_str().expect("a token").to_string()
}

/// entry id → (judge id → scores by criterion id), as the results on `base` show them.
type Shown = BTreeMap<String, BTreeMap<String, Value>>;

async fn sheets_shown(client: &reqwest::Client, base: &str, f: &Fixture, token: &str) -> Shown {
    let (status, body) = call(
        client,
        base,
        Method::GET,
        &urls::results(&f.contest_id),
        token,
        None,
    )
    .await
    .expect("results answered");
    assert_eq!(status, StatusCode::OK, "{body}");
    let mut shown = Shown::new();
    for cluster in body["clusters"].as_array().unwrap() {
        for row in cluster["ranking"].as_array().unwrap() {
            let sheets = shown
                .entry(row["entry_id"].as_str().unwrap().to_string())
                .or_default();
            for sheet in row["sheets"].as_array().unwrap() {
                let judge = sheet["judge_id"].as_str().unwrap().to_string();
                sheets.insert(judge, sheet["scores"].clone());
            }
        }
    }
    shown
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_one_database() {
    let (url, file) = fresh_database();
    let client = reqwest::Client::new();
    let mut a = Instance::start(&url, free_port()).await; // migrates the new database
    let f = fixtures::build_in(
        &url,
        Spec {
            judges: 12,
            clusters: 2,
            entries_per_cluster: 10,
            ..Spec::default()
        },
    );
    let mut b = Instance::start(&url, free_port()).await;

    // A token issued by one instance works on the other.
    let admin = sign_in(&client, &a.base, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let contest = urls::contest(&f.contest_id);
    let (status, _) = call(&client, &b.base, Method::GET, &contest, &admin, None)
        .await
        .unwrap();
    assert_eq!(status, StatusCode::OK, "A's token on B");

    // A save on one shows in the results the other computes (and had already cached).
    let before = sheets_shown(&client, &a.base, &f, &admin).await;
    assert!(before.values().all(|sheets| sheets.is_empty()));
    let judge = sign_in(&client, &b.base, &f.judges[0].email, JUDGE_PASSWORD).await;
    let sheet = urls::sheet(&f.contest_id, &f.entries[0].id);
    let body = fixtures::submitted_sheet(&f, &[80, 70, 60, 50, 40]);
    let (status, answer) = call(&client, &b.base, Method::PUT, &sheet, &judge, Some(&body))
        .await
        .unwrap();
    assert_eq!(status, StatusCode::OK, "{answer}");
    let after = sheets_shown(&client, &a.base, &f, &admin).await;
    assert_eq!(
        after[&f.entries[0].id].get(&f.judges[0].id),
        Some(&body["scores"]),
        "B's save in A's results"
    );

    // Sign-out on one instance: refused there at once, on the other within the window.
    let judge = sign_in(&client, &a.base, &f.judges[1].email, JUDGE_PASSWORD).await;
    let mine = urls::my_assignments();
    for instance in [&a, &b] {
        let (status, _) = call(&client, &instance.base, Method::GET, &mine, &judge, None)
            .await
            .unwrap();
        assert_eq!(status, StatusCode::OK, "signed in on {}", instance.port);
    }
    let (status, _) = call(
        &client,
        &a.base,
        Method::POST,
        "/api/v1/auth/logout",
        &judge,
        Some(&json!({})),
    )
    .await
    .unwrap();
    assert!(status.is_success(), "sign-out: {status}");
    let signed_out = Instant::now();
    let (status, _) = call(&client, &a.base, Method::GET, &mine, &judge, None)
        .await
        .unwrap();
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "refused at once where made"
    );
    loop {
        let (status, _) = call(&client, &b.base, Method::GET, &mine, &judge, None)
            .await
            .unwrap();
        if status == StatusCode::UNAUTHORIZED {
            println!(
                "the other instance refused the token {:?} after sign-out",
                signed_out.elapsed()
            );
            break;
        }
        assert_eq!(status, StatusCode::OK);
        assert!(
            signed_out.elapsed() <= SESSION_WINDOW + Duration::from_millis(500),
            "B still accepts a signed-out token after {:?}",
            signed_out.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // SIGKILL one instance while both take saves: nothing acknowledged by either is lost.
    type Acknowledged = BTreeMap<(usize, usize), (Vec<i64>, bool)>;
    let acknowledged: Arc<Mutex<Acknowledged>> = Arc::default();
    let killed = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut tasks = Vec::new();
    let mut tokens = Vec::new();
    for j in 2..f.judges.len() {
        let home = if j % 2 == 0 { &a.base } else { &b.base };
        tokens.push((
            j,
            sign_in(&client, home, &f.judges[j].email, JUDGE_PASSWORD).await,
        ));
    }
    for (j, token) in tokens {
        let (client, bases, f, acknowledged, killed) = (
            client.clone(),
            [a.base.clone(), b.base.clone()],
            f.clone(),
            acknowledged.clone(),
            killed.clone(),
        );
        tasks.push(tokio::spawn(async move {
            for e in 0..f.entries.len() {
                let values: Vec<i64> = (0..5)
                    .map(|k| ((j * 13 + e * 7 + k * 5) % 101) as i64)
                    .collect();
                let path = urls::sheet(&f.contest_id, &f.entries[e].id);
                let body = fixtures::submitted_sheet(&f, &values);
                let base = &bases[(j + e) % 2];
                let after_kill = killed.load(std::sync::atomic::Ordering::SeqCst);
                match call(&client, base, Method::PUT, &path, &token, Some(&body)).await {
                    Some((status, _)) if status == StatusCode::OK => {
                        acknowledged
                            .lock()
                            .unwrap()
                            .insert((j, e), (values, after_kill));
                    }
                    Some((status, answer)) => {
                        panic!("a save answered {status}: {answer}")
                    }
                    None => {} // that instance is gone; the next save may go to the other
                }
            }
        }));
    }
    for _ in 0..500 {
        if acknowledged.lock().unwrap().len() >= 40 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    killed.store(true, std::sync::atomic::Ordering::SeqCst);
    a.kill();
    for task in tasks {
        task.await.expect("no save answered an error");
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    let after_kill = acknowledged.values().filter(|(_, late)| *late).count();
    assert!(
        acknowledged.len() >= 30,
        "{} saves acknowledged",
        acknowledged.len()
    );
    assert!(after_kill > 0, "B kept taking saves after A was killed");
    println!(
        "{} saves acknowledged, {after_kill} of them after the SIGKILL",
        acknowledged.len()
    );
    let shown = sheets_shown(&client, &b.base, &f, &admin).await;
    for ((j, e), (values, _)) in &acknowledged {
        let expected = fixtures::submitted_sheet(&f, values)["scores"].clone();
        assert_eq!(
            shown[&f.entries[*e].id].get(&f.judges[*j].id),
            Some(&expected),
            "acknowledged sheet of judge {j} on entry {e}"
        );
    }

    // Closing judging on one instance refuses saves on the other at once.
    let port = a.port;
    a = Instance::start(&url, port).await;
    let (status, answer) = call(
        &client,
        &a.base,
        Method::POST,
        &urls::phase(&f.contest_id),
        &admin,
        Some(&json!({"phase": "closed"})),
    )
    .await
    .unwrap();
    assert_eq!(status, StatusCode::OK, "{answer}");
    let judge = sign_in(&client, &b.base, &f.judges[0].email, JUDGE_PASSWORD).await;
    let (status, answer) = call(&client, &b.base, Method::PUT, &sheet, &judge, Some(&body))
        .await
        .unwrap();
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(error_of(&answer)["reason"], "phase_forbids");

    a.kill();
    b.kill();
    remove_database(file);
}
