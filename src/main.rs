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

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("cairn: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
