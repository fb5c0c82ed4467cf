//! Builds the application: database, migrations, first admin, routes and middleware, bound to
//! a port. Used by `main` and by the integration tests (which bind port 0).

use crate::config::Config;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::services::auth;
use crate::services::results::cache::ResultsCache;
use crate::web::{self, AppState};
use actix_web::dev::Server;
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web as aw, App, HttpResponse, HttpServer};
use secrecy::ExposeSecret;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

pub struct Application {
    port: u16,
    server: Server,
}

/// Opens the pool and brings the database up to date: migrations, the signing secret and, on
/// a first start, the admin account.
pub fn prepare(config: &Config) -> Result<(db::Pool, String), String> {
    let pool = db::connect_with(&config.database_url, config.pool_size, config.sqlite())?;
    let mut conn = pool
        .get()
        .map_err(|e| format!("cannot connect to the database: {e}"))?;
    let ran = db::migrate(&mut conn)?;
    if ran > 0 {
        tracing::info!(migrations = ran, "database migrated");
    }
    // Documents whose entry was deleted leave their bytes behind, and an upload cut off by a
    // stop leaves its parts: both go here (a younger upload may be another instance's, still
    // running).
    let unfinished = crate::services::documents::UNFINISHED_UPLOAD_KEPT;
    match db::blobs::sweep(&mut conn, db::now() - unfinished) {
        Ok(0) => {}
        Ok(n) => tracing::info!(blobs = n, "dropped the bytes of documents no longer kept"),
        Err(e) => tracing::warn!(error = %e, "could not sweep unreferenced documents' bytes"),
    }
    let secret = auth::ensure_secret(
        &mut conn,
        config.jwt_secret.as_ref().map(|s| s.expose_secret()),
    )
    .map_err(|e| e.to_string())?;
    match auth::ensure_admin(
        &mut conn,
        config.admin_email.as_deref(),
        config.admin_password.as_ref().map(|s| s.expose_secret()),
    )
    .map_err(|e| e.to_string())?
    {
        Some((email, Some(password))) => {
            // Printed once, on the start that created the account; it is not stored anywhere.
            tracing::warn!(%email, %password, "created the first admin: sign in with this email and password, then change the password");
            println!("juri: first admin created: email {email}  password {password}");
        }
        Some((email, None)) => {
            tracing::info!(%email, "created the first admin from JURI_ADMIN_EMAIL")
        }
        None => {}
    }
    Ok((pool, secret))
}

impl Application {
    pub fn build(config: Config) -> Result<Application, String> {
        let (pool, secret) = prepare(&config)?;
        let listener = TcpListener::bind(&config.bind)
            .map_err(|e| format!("cannot listen on {}: {e}", config.bind))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let sheet_writes = Arc::new(crate::services::judging::SheetWrites::new(
            pool.clone(),
            &config.database_url,
            config.sqlite(),
            crate::services::judging::write_sheet,
        )?);
        let state = AppState {
            pool,
            keys: Arc::new(auth::Keys::new(&secret)),
            throttle: Arc::new(Mutex::new(web::auth::LoginThrottle::new(
                config.login_max_failures,
                config.login_window,
            ))),
            config: Arc::new(config.clone()),
            results: Arc::new(ResultsCache::new(config.results_keep_json)),
            sessions: Arc::new(crate::services::session_cache::SessionCache::new(
                config.session_cache,
            )),
            sheet_writes,
            blobs: Arc::new(crate::services::documents::DatabaseStore),
        };
        let data = aw::Data::new(state);
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .app_data(web::json_config())
                .app_data(web::form_config())
                .app_data(web::path_config())
                .app_data(web::query_config())
                .wrap(from_fn(crate::web::panics::contain))
                .wrap(from_fn(crate::web::auth::resolve))
                .wrap(from_fn(crate::web::error::localize))
                .wrap(from_fn(crate::web::tidy_path::tidy))
                .wrap(from_fn(crate::web::headers::known_methods))
                .wrap(from_fn(crate::web::headers::secure))
                .wrap(Compress::default())
                .wrap(tracing_actix_web::TracingLogger::<
                    crate::web::spans::RequestSpans,
                >::new())
                .route("/healthz", aw::get().to(healthz))
                .route("/api/openapi.json", aw::get().to(web::openapi::document))
                .service(web::api::scope())
                .configure(web::pages::configure)
                .default_service(aw::to(web::not_found))
        })
        .listen(listener)
        .map_err(|e| e.to_string())?;
        // Bounded blocking threads keep memory bounded: each thread that allocates gets its own
        // malloc arena, and the pool has only so many database connections anyway.
        server = server.worker_max_blocking_threads(config.pool_size.clamp(4, 32) as usize);
        if let Some(workers) = config.workers {
            server = server.workers(workers);
        }
        Ok(Application {
            port,
            server: server.run(),
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// `GET /healthz`: 200 when the database answers, 503 otherwise: also while its disk is full
/// (then each check tries one small write, so it turns healthy again once there is room).
async fn healthz(state: aw::Data<AppState>) -> AppResult<HttpResponse> {
    let unavailable = |e: AppError| {
        let message = if db::storage::full() {
            crate::i18n::Msg::ErrStorageFull
        } else {
            crate::i18n::Msg::ErrUnavailable
        };
        let mut err = AppError::new(crate::error::ErrorKind::Unavailable, message);
        err.internal = e.internal.clone();
        err
    };
    state
        .db(|conn| {
            use diesel::connection::SimpleConnection;
            conn.batch_execute("SELECT 1")
                .map_err(|e| AppError::internal(format!("health check: {e}")))?;
            if db::storage::full() {
                db::settings::probe_write(conn)?;
                db::storage::note_room();
            }
            Ok(())
        })
        .await
        .map_err(unavailable)?;
    Ok(HttpResponse::Ok().json(serde_json::json!({"status": "ok"})))
}
