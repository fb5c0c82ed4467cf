//! Large JSON answers written into the response as they are made, never held whole: a
//! national contest's results are 128 MB of JSON.

use actix_web::HttpResponse;
use bytes::Bytes;
use std::io::{self, Write};

/// How much is written before it is handed to the connection.
const CHUNK: usize = 64 * 1024;
/// Chunks made but not yet sent; when the client reads slowly, the writer waits.
const IN_FLIGHT: usize = 4;

/// A 200 `application/json` response whose body `write` produces on a blocking thread. At
/// most [`IN_FLIGHT`] chunks of [`CHUNK`] bytes wait in memory. If `write` fails or the
/// client goes away, writing stops and the response is cut off (a client never mistakes a
/// partial body for a whole one).
pub fn json<F>(write: F) -> HttpResponse
where
    F: FnOnce(&mut ChunkWriter) -> io::Result<()> + Send + 'static,
{
    let (tx, rx) = tokio::sync::mpsc::channel::<io::Result<Bytes>>(IN_FLIGHT);
    actix_web::rt::task::spawn_blocking(move || {
        let mut out = ChunkWriter {
            buf: Vec::with_capacity(CHUNK + 4096),
            tx,
        };
        if let Err(e) = write(&mut out).and_then(|()| out.send()) {
            tracing::debug!(error = %e, "streamed response ended early");
            let _ = out.tx.blocking_send(Err(e));
        }
    });
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    HttpResponse::Ok()
        .content_type("application/json")
        .streaming(body)
}

/// Collects writes into chunks and hands each full one to the response.
pub struct ChunkWriter {
    buf: Vec<u8>,
    tx: tokio::sync::mpsc::Sender<io::Result<Bytes>>,
}

impl ChunkWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        // Room for the write that crosses the mark, so the buffer never grows.
        let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK + 4096));
        self.tx
            .blocking_send(Ok(Bytes::from(chunk)))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChunkWriter {
    #[inline]
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.write_all(data)?;
        Ok(data.len())
    }

    /// A serializer writes a few bytes at a time; this takes them in one step (the default
    /// loops over `write`), which showed in the profile of a national contest's JSON.
    #[inline]
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::{test, web, App};

    async fn fetch(handler: fn() -> HttpResponse) -> Result<Bytes, String> {
        let app = test::init_service(
            App::new().route("/", web::get().to(move || async move { handler() })),
        )
        .await;
        let res = test::call_service(&app, test::TestRequest::get().uri("/").to_request()).await;
        assert_eq!(res.status(), 200);
        actix_web::body::to_bytes(res.into_body())
            .await
            .map_err(|e| e.to_string())
    }

    #[actix_web::test]
    async fn a_body_larger_than_many_chunks_arrives_whole_and_in_order() {
        let body = fetch(|| {
            json(|out| {
                out.write_all(b"[")?;
                for i in 0..100_000 {
                    write!(out, "{}{i}", if i == 0 { "" } else { "," })?;
                }
                out.write_all(b"]")
            })
        })
        .await
        .unwrap();
        assert!(body.len() > 8 * CHUNK);
        let numbers: Vec<u32> = serde_json::from_slice(&body).unwrap();
        assert_eq!(numbers, (0..100_000).collect::<Vec<_>>());
    }

    #[actix_web::test]
    async fn a_failure_while_writing_cuts_the_response_off() {
        let outcome = fetch(|| {
            json(|out| {
                out.write_all(&vec![b' '; 3 * CHUNK])?;
                Err(io::Error::other("the results could not be read"))
            })
        })
        .await;
        assert!(outcome.is_err(), "a partial body must not look complete");
    }
}
