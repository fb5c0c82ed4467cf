//! Who is calling: the bearer token of an API client or the HttpOnly cookie of a browser, plus
//! role checks and CSRF protection for cookie-authenticated writes.
//!
//! CSRF: the cookie is `SameSite=Strict`, and every unsafe request that authenticates by
//! cookie must carry an `Origin` (or, failing that, `Referer`) of this very host — the check
//! crates.io uses. Bearer-token requests are not exposed to CSRF (a browser never adds the
//! header by itself), so they skip it.

use super::{AppState, TOKEN_COOKIE};
use crate::domain::role::Role;
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::services::{auth, CurrentUser};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;

/// A signed-in user of any role.
#[derive(Clone, Debug)]
pub struct Auth {
    pub user: CurrentUser,
    pub via_cookie: bool,
}

/// The token of the request: `Authorization: Bearer …` first, else the cookie.
fn token_of(req: &HttpRequest) -> Option<(String, bool)> {
    if let Some(value) = req.headers().get(header::AUTHORIZATION) {
        let value = value.to_str().ok()?;
        let token = value
            .strip_prefix("Bearer ")
            .or_else(|| value.strip_prefix("bearer "))?;
        return Some((token.trim().to_string(), false));
    }
    req.cookie(TOKEN_COOKIE)
        .map(|c| (c.value().to_string(), true))
        .filter(|(t, _)| !t.is_empty())
}

/// Refuses a cookie-authenticated unsafe request whose `Origin`/`Referer` is not this host.
pub fn check_same_origin(req: &HttpRequest) -> AppResult<()> {
    if req.method().is_safe() {
        return Ok(());
    }
    let host = req.connection_info().host().to_ascii_lowercase();
    let source = req
        .headers()
        .get(header::ORIGIN)
        .or_else(|| req.headers().get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .and_then(|v| url::Url::parse(v).ok());
    let same = source.is_some_and(|url| {
        let origin_host = match (url.host_str(), url.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            _ => return false,
        };
        origin_host.to_ascii_lowercase() == host
    });
    if same {
        Ok(())
    } else {
        Err(AppError::forbidden().with_message(Msg::ErrCsrf))
    }
}

async fn authenticate(req: HttpRequest) -> AppResult<Auth> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::internal("AppState missing"))?
        .clone();
    let (token, via_cookie) =
        token_of(&req).ok_or_else(|| AppError::unauthenticated(Msg::ErrUnauthenticated))?;
    let verified = auth::verify_token(&state.keys, &token)?;
    let user = match state.sessions.get(verified.session_id) {
        Some(user) if user.id == verified.user_id => user,
        _ => {
            let generation = crate::db::sessions::revocation_generation();
            let lookup = verified.clone();
            let user = state
                .db(move |conn| auth::session_user(conn, &lookup))
                .await?;
            state.sessions.put(verified.session_id, &user, generation);
            user
        }
    };
    if via_cookie {
        check_same_origin(&req)?;
    }
    Ok(Auth { user, via_cookie })
}

/// The outcome of authentication, resolved once per request by [`resolve`].
#[derive(Clone)]
struct Resolved(Result<Auth, AppError>);

/// Middleware: authenticates a request that carries a token before any extractor runs, so a
/// caller without the right role is refused (401/403) before its body is even parsed — a
/// judge learns nothing from a setup route's validation messages.
pub async fn resolve(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    if !req.path().starts_with("/static/") && token_of(req.request()).is_some() {
        let outcome = authenticate(req.request().clone()).await;
        actix_web::HttpMessage::extensions_mut(&req).insert(Resolved(outcome));
    }
    next.call(req).await
}

/// The request's authentication: resolved by the middleware, or done now.
fn auth_of(req: &HttpRequest) -> LocalBoxFuture<'static, Result<Auth, AppError>> {
    let resolved = actix_web::HttpMessage::extensions(req)
        .get::<Resolved>()
        .cloned();
    match resolved {
        Some(Resolved(outcome)) => Box::pin(std::future::ready(outcome)),
        None => Box::pin(authenticate(req.clone())),
    }
}

impl FromRequest for Auth {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        auth_of(req)
    }
}

/// The signed-in user when there is one (for pages that also serve visitors).
pub struct MaybeAuth(pub Option<Auth>);

impl FromRequest for MaybeAuth {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            if token_of(&req).is_none() {
                return Ok(MaybeAuth(None));
            }
            match auth_of(&req).await {
                Ok(a) => Ok(MaybeAuth(Some(a))),
                Err(e) if e.kind == crate::error::ErrorKind::Unauthenticated => Ok(MaybeAuth(None)),
                Err(e) => Err(e),
            }
        })
    }
}

macro_rules! role_extractor {
    ($(#[$doc:meta])* $name:ident, $allowed:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $name(pub CurrentUser);

        impl FromRequest for $name {
            type Error = AppError;
            type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                let auth = auth_of(req);
                Box::pin(async move {
                    let auth = auth.await?;
                    let allowed: &[Role] = $allowed;
                    if allowed.contains(&auth.user.role) {
                        Ok($name(auth.user))
                    } else {
                        Err(AppError::forbidden())
                    }
                })
            }
        }
    };
}

role_extractor!(
    /// An admin.
    AdminUser,
    &[Role::Admin]
);
role_extractor!(
    /// An admin or a committee member: those who run contests.
    StaffUser,
    &[Role::Admin, Role::Committee]
);
role_extractor!(
    /// A judge.
    JudgeUser,
    &[Role::Judge]
);
role_extractor!(
    /// An entrant (pengusul).
    EntrantUser,
    &[Role::Entrant]
);
role_extractor!(
    /// Those who may write entries and their documents: the committee, and entrants (whom the
    /// services confine to their unit and the registration window). A judge is refused before
    /// the body is read.
    EntryWriter,
    &[Role::Admin, Role::Committee, Role::Entrant]
);

/// Failed sign-ins, counted so that nobody can lock another person out:
/// - per (account, address): the account's allowance, from one address;
/// - per address: four times that, since offices share one address;
/// - per account from anywhere: never a refusal (that would let anyone lock a judge out from
///   any address, renewable forever), but once the account has had its allowance of failures
///   from all addresses together, every further attempt on it waits [`ACCOUNT_DELAY`] before
///   its password is checked, so guessing from many addresses stays slow while the right
///   password still signs in.
#[derive(Debug)]
pub struct LoginThrottle {
    pairs: crate::domain::throttle::Throttle,
    addresses: crate::domain::throttle::Throttle,
    accounts: crate::domain::throttle::Throttle,
}

/// The wait of an attempt on an account under attack from several addresses.
pub const ACCOUNT_DELAY: std::time::Duration = std::time::Duration::from_secs(1);

impl LoginThrottle {
    pub fn new(max: usize, window: std::time::Duration) -> Self {
        use crate::domain::throttle::Throttle;
        LoginThrottle {
            pairs: Throttle::new(max, window),
            addresses: Throttle::new(max.saturating_mul(4), window),
            accounts: Throttle::new(max, window),
        }
    }
}

fn too_many(wait: std::time::Duration) -> AppError {
    let secs = wait.as_secs().max(1);
    let mut e = AppError::new(
        crate::error::ErrorKind::TooManyRequests,
        crate::i18n::Text::with(Msg::ErrTooManyAttempts, [secs]),
    );
    e.retry_after = Some(secs);
    e
}

/// Signs in with throttling of repeated failures; used by the API and the login page alike.
pub async fn sign_in(
    state: &AppState,
    req: &HttpRequest,
    email: &str,
    password: &str,
) -> AppResult<auth::Login> {
    use std::time::Instant;
    let account_key = email.trim().to_lowercase();
    let address_key = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let pair_key = format!("{account_key}\n{address_key}");
    let slow_down = {
        let mut t = state
            .throttle
            .lock()
            .map_err(|_| AppError::internal("throttle lock poisoned"))?;
        let now = Instant::now();
        let wait = t
            .pairs
            .blocked_for(&pair_key, now)
            .max(t.addresses.blocked_for(&address_key, now));
        if let Some(wait) = wait {
            return Err(too_many(wait));
        }
        t.accounts.blocked_for(&account_key, now).is_some()
    };
    if slow_down {
        actix_web::rt::time::sleep(ACCOUNT_DELAY).await;
    }
    let (keys, ttl) = (state.keys.clone(), state.config.token_ttl);
    let (email, password) = (email.to_string(), password.to_string());
    let result = state
        .db(move |conn| auth::login(conn, &keys, &email, &password, ttl))
        .await;
    let mut t = state
        .throttle
        .lock()
        .map_err(|_| AppError::internal("throttle lock poisoned"))?;
    match &result {
        Err(e) if e.kind == crate::error::ErrorKind::Unauthenticated => {
            let now = Instant::now();
            t.pairs.record_failure(&pair_key, now);
            t.addresses.record_failure(&address_key, now);
            t.accounts.record_failure(&account_key, now);
        }
        Ok(_) => {
            t.pairs.clear(&pair_key);
            t.accounts.clear(&account_key);
        }
        Err(_) => {}
    }
    result
}
