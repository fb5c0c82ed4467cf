//! The `juri` binary: parse the command line, read the configuration, start logging, and hand
//! over to the library.

use clap::Parser;
use tracing_subscriber::EnvFilter;

fn main() -> std::process::ExitCode {
    limit_malloc_arenas();
    let cli = juri::cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("JURI_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_target(false)
        .init();
    match juri::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("juri: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// glibc gives every thread that allocates its own arena and keeps freed memory in it; with a
/// pool of blocking threads (argon2 alone takes 19 MiB per sign-in) that multiplies the
/// resident size. Two arenas keep the server small at no measurable cost in throughput.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const M_ARENA_MAX: libc::c_int = -8;
        // SAFETY: mallopt only adjusts allocator tuning and is called before any thread starts.
        unsafe {
            libc::mallopt(M_ARENA_MAX, 2);
        }
    }
}
