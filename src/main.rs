//! The `cairn` binary: parse the arguments, run the command, exit with its code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cairn::cli::Cli::parse();
    match cairn::commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("cairn: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
