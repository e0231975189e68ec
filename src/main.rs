//! The `cairn` binary: parse the arguments, run the command, exit with its code.
//!
//! Everything the commands do is in the library; [`commands`] only turn arguments into
//! library calls, print, and choose the exit code. `clap` and `anyhow` live here, not in
//! the library.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Asks Linux for ordinary pages only. mimalloc asks for transparent huge pages, and a
/// run that parses a hundred thousand small files and frees most of what it allocated
/// then spends a sixth of its time in the kernel zeroing 2 MB pages it gives back and
/// takes again (measured in BENCHMARKS.md); with 4 KB pages the same run does not.
#[cfg(target_os = "linux")]
fn without_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours; it
    // only changes how the kernel backs this process's future allocations.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn without_huge_pages() {}

/// mimalloc's option `mi_option_purge_delay`: its number in the mimalloc linked (v3's
/// `mi_option_e`; the test below checks it is the option whose default is 1000 ms).
const PURGE_DELAY: std::ffi::c_int = 15;

extern "C" {
    /// mimalloc's setter of an option (linked with the allocator).
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// Gives memory back to the system 10 ms after it is freed, not a second after. The
/// documents of a big repository are freed as they are checked (and `cairn.yaml`'s parse
/// tree once the roster is read): with mimalloc's second, freed pages stay counted
/// against cairn while the next ones are taken, and a check of 100,000 notes peaks at 90
/// MB instead of 69. At once (0) costs `report` a tenth of its time in the kernel, 10 ms
/// nothing measurable (BENCHMARKS.md).
fn return_freed_memory() {
    // SAFETY: sets one integer option of the allocator; mimalloc reads options atomically.
    unsafe { mi_option_set(PURGE_DELAY, 10) }
}

fn main() -> ExitCode {
    without_huge_pages();
    return_freed_memory();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        // Help and the version go to standard output, in clap's colours; they quote no
        // argument.
        Err(error) if !error.use_stderr() => error.exit(),
        // A usage error quotes the argument as given: told without clap's colours, so
        // that its control characters can be escaped like any message's.
        Err(error) => {
            commands::tell(error.render().to_string().trim_end());
            return ExitCode::from(2);
        }
    };
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            commands::tell(&format!("cairn: error: {error:#}"));
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod allocator_tests {
    extern "C" {
        fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
    }

    #[test]
    fn the_purge_delay_is_the_option_set() {
        // Its default: a mimalloc whose options are numbered otherwise fails here.
        // SAFETY: reads one integer option of the allocator.
        assert_eq!(unsafe { mi_option_get(super::PURGE_DELAY) }, 1000);
    }
}
