//! The `juri` binary: parse the command line, read the configuration, start logging, and hand
//! over to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    limit_malloc_arenas();
    let cli = juri::cli::Cli::parse();
    juri::logging::init();
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
///
/// Large blocks: glibc maps a block of at least 128 KiB and returns it on free, but after the
/// first such free it raises that threshold to the freed size, so from the second sign-in on
/// argon2's 19 MiB came from the heap and stayed there (30 sign-ins left 145 MB resident).
/// A fixed threshold turns that adjustment off: blocks of 4 MiB and more — argon2's, a
/// national contest's results buffers — are always mapped, and given back when freed.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const M_ARENA_MAX: libc::c_int = -8;
        const M_MMAP_THRESHOLD: libc::c_int = -3;
        // SAFETY: mallopt only adjusts allocator tuning and is called before any thread starts.
        unsafe {
            libc::mallopt(M_ARENA_MAX, 2);
            libc::mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
        }
    }
}
