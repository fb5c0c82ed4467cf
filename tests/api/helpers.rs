//! Spawning the app for a test, and small HTTP helpers.

use diesel::{Connection, RunQueryDsl};
use juri::config::Config;
use juri::db::DatabaseUrl;
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};

pub const ADMIN_EMAIL: &str = "admin@test.local";
pub const ADMIN_PASSWORD: &str = "admin-password-1";

pub struct TestApp {
    pub address: String,
    /// The test's own database, for fixtures that insert rows directly.
    pub database_url: DatabaseUrl,
    /// A client without cookies, for API calls with bearer tokens.
    pub api: Client,
    sqlite_file: Option<std::path::PathBuf>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(file) = &self.sqlite_file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
    }
}

/// A fresh database for one test: a new PostgreSQL database next to the one named by
/// `JURI_TEST_DATABASE_URL`, or a new SQLite file in the temp directory.
pub fn fresh_database() -> (DatabaseUrl, Option<std::path::PathBuf>) {
    let name = format!("juri_t_{}", uuid::Uuid::new_v4().simple());
    match std::env::var("JURI_TEST_DATABASE_URL") {
        Ok(base) if !base.trim().is_empty() => {
            let mut conn = diesel::PgConnection::establish(&base)
                .unwrap_or_else(|e| panic!("cannot reach JURI_TEST_DATABASE_URL: {e}"));
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .expect("create test database");
            let mut url = url::Url::parse(&base).expect("JURI_TEST_DATABASE_URL is a URL");
            url.set_path(&name);
            (DatabaseUrl::Postgres(url.to_string()), None)
        }
        _ => {
            let file = std::env::temp_dir().join(format!("{name}.db"));
            (DatabaseUrl::Sqlite(file.display().to_string()), Some(file))
        }
    }
}

pub fn test_config() -> (Config, Option<std::path::PathBuf>) {
    let (database_url, sqlite_file) = fresh_database();
    (config_for(database_url), sqlite_file)
}

/// The test configuration for a server on `database_url`.
fn config_for(database_url: DatabaseUrl) -> Config {
    Config {
        bind: "127.0.0.1:0".into(),
        database_url,
        admin_email: Some(ADMIN_EMAIL.into()),
        admin_password: Some(ADMIN_PASSWORD.into()),
        pool_size: 4,
        workers: Some(2),
        ..Config::default()
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_with(|_| {}).await
}

/// Spawns the app after letting the test adjust the configuration.
pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let (mut config, sqlite_file) = test_config();
    adjust(&mut config);
    serve(config, sqlite_file).await
}

/// Another server on an existing test database (its file is removed with the app that made it).
pub async fn spawn_on(database_url: DatabaseUrl, adjust: impl FnOnce(&mut Config)) -> TestApp {
    let mut config = config_for(database_url);
    adjust(&mut config);
    serve(config, None).await
}

/// Builds and runs the application; `sqlite_file` is removed when the app is dropped.
async fn serve(config: Config, sqlite_file: Option<std::path::PathBuf>) -> TestApp {
    let database_url = config.database_url.clone();
    let app = tokio::task::spawn_blocking(move || juri::startup::Application::build(config))
        .await
        .expect("build task")
        .expect("app builds");
    let port = app.port();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        database_url,
        api: Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        sqlite_file,
    }
}

/// A browser-like client: keeps cookies, does not follow redirects, sends a same-site Origin.
pub fn browser(app: &TestApp) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ORIGIN,
        app.address.parse().expect("origin header"),
    );
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn login_response(&self, email: &str, password: &str) -> Response {
        self.api
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({"email": email, "password": password}))
            .send()
            .await
            .unwrap()
    }

    /// Signs in and returns the bearer token.
    pub async fn token(&self, email: &str, password: &str) -> String {
        let res = self.login_response(email, password).await;
        assert_eq!(res.status(), StatusCode::OK, "login of {email}");
        let body: Value = res.json().await.unwrap();
        body["token"].as_str().unwrap().to_string()
    }

    pub async fn admin_token(&self) -> String {
        self.token(ADMIN_EMAIL, ADMIN_PASSWORD).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.api
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Response {
        self.api
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// A request with a bearer token and an optional JSON body: status and JSON answer.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.api.request(method, self.url(path)).bearer_auth(token);
        if let Some(body) = body {
            req = req.json(body);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        let text = res.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
        };
        (status, value)
    }

    pub async fn get_json(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(reqwest::Method::GET, path, token, None).await
    }

    pub async fn post_json(&self, path: &str, token: &str, body: &Value) -> (StatusCode, Value) {
        self.call(reqwest::Method::POST, path, token, Some(body))
            .await
    }

    pub async fn put_json(&self, path: &str, token: &str, body: &Value) -> (StatusCode, Value) {
        self.call(reqwest::Method::PUT, path, token, Some(body))
            .await
    }

    pub async fn patch_json(&self, path: &str, token: &str, body: &Value) -> (StatusCode, Value) {
        self.call(reqwest::Method::PATCH, path, token, Some(body))
            .await
    }

    pub async fn delete_json(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(reqwest::Method::DELETE, path, token, None).await
    }

    /// Creates an account through the API as the admin; returns its id.
    pub async fn create_user(
        &self,
        admin: &str,
        email: &str,
        role: &str,
        password: &str,
    ) -> String {
        let res = self
            .post(
                "/api/v1/users",
                admin,
                &json!({"email": email, "name": format!("User {email}"), "role": role, "password": password}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let body: Value = res.json().await.unwrap();
        body["id"].as_str().unwrap().to_string()
    }
}

/// Status and JSON body of a response.
pub async fn json_of(res: Response) -> (StatusCode, Value) {
    let status = res.status();
    let text = res.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"));
    (status, body)
}

/// Asserts the error shape `{"error":{"code","reason","message",…}}` and returns the inner
/// object.
pub fn error_of(body: &Value) -> &Value {
    let err = &body["error"];
    assert!(err["code"].is_string(), "error code in {body}");
    assert!(
        err["reason"].as_str().is_some_and(|r| !r.is_empty()
            && r.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')),
        "a snake_case reason in {body}"
    );
    assert!(
        err["message"].as_str().is_some_and(|m| !m.is_empty()),
        "error message in {body}"
    );
    err
}

/// A browser-like client already signed in through the login form.
pub async fn signed_in(app: &TestApp, email: &str, password: &str) -> Client {
    let client = browser(app);
    let res = client
        .post(app.url("/login"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "sign-in of {email}");
    client
}

/// A parsed page, for tests that select elements rather than match translated sentences.
pub struct Page(pub scraper::Html);

impl Page {
    pub fn parse(html: &str) -> Page {
        Page(scraper::Html::parse_document(html))
    }

    /// The trimmed text of every element `css` selects.
    pub fn texts(&self, css: &str) -> Vec<String> {
        let selector = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e}"));
        self.0
            .select(&selector)
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
    }

    /// The value of `attr` on every element `css` selects.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let selector = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e}"));
        self.0
            .select(&selector)
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    /// How many elements `css` selects.
    pub fn count(&self, css: &str) -> usize {
        self.texts(css).len()
    }
}

/// The page at `url` as `client` sees it.
pub async fn page_of(client: &Client, url: &str) -> Page {
    Page::parse(&client.get(url).send().await.unwrap().text().await.unwrap())
}

/// The reason of a refusal, after checking its shape.
pub fn refused(answer: &(StatusCode, Value), status: StatusCode, field: &str, reason: &str) {
    assert_eq!(answer.0, status, "{}", answer.1);
    let error = error_of(&answer.1);
    assert_eq!(error["reason"], reason, "{}", answer.1);
    assert_eq!(error["field"], field, "{}", answer.1);
}
