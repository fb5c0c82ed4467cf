//! The log: `JURI_LOG` (an `EnvFilter`, `info` by default) to standard error, without the noise
//! a client can make.
//!
//! A client that sends a malformed request gets a 400 from actix, which also logs the parse
//! error at ERROR (`stream error: request parse error: invalid Header provided`), so anyone
//! could fill the error log and drown real faults. [`QuietClientErrors`] keeps those events out
//! and says them again at DEBUG.

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

/// Starts logging for the binary.
pub fn init() {
    let filter = EnvFilter::try_from_env("JURI_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::registry()
        .with(filter)
        .with(QuietClientErrors)
        .with(tracing_subscriber::fmt::layer().with_target(false))
        .init();
}

/// Moves actix's reports of malformed client requests from ERROR to DEBUG.
pub struct QuietClientErrors;

/// Whether an event is actix reporting a request it could not parse (the client's mistake).
fn is_client_parse_error(level: &Level, target: &str, message: &str) -> bool {
    *level == Level::ERROR && target.starts_with("actix_http") && message.contains("parse error")
}

struct Message(String);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }
}

impl<S: Subscriber> Layer<S> for QuietClientErrors {
    fn event_enabled(&self, event: &Event<'_>, _ctx: Context<'_, S>) -> bool {
        let meta = event.metadata();
        if *meta.level() != Level::ERROR || !meta.target().starts_with("actix_http") {
            return true;
        }
        let mut message = Message(String::new());
        event.record(&mut message);
        if is_client_parse_error(meta.level(), meta.target(), &message.0) {
            tracing::debug!(target: "juri::http", "a client sent a malformed request: {}", message.0);
            return false;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_actix_parse_errors_are_quietened() {
        let dispatcher = "actix_http::h1::dispatcher";
        let parse = "stream error: request parse error: invalid Header provided";
        assert!(is_client_parse_error(&Level::ERROR, dispatcher, parse));
        assert!(!is_client_parse_error(
            &Level::ERROR,
            dispatcher,
            "write zero; closing"
        ));
        assert!(!is_client_parse_error(&Level::ERROR, "juri::db", parse));
        assert!(!is_client_parse_error(&Level::WARN, dispatcher, parse));
    }
}
