//! The fuzz target's function over everything cairn has been shown: every regression the
//! fuzzer found (`fuzz/regressions/`), the minimised seeds (`fuzz/seeds/`, a set covering
//! what the full corpus covered), every fixture and every example document. No input
//! panics. (`fuzz/run.sh` runs the fuzzer itself; its corpus stays outside git.)

use std::path::{Path, PathBuf};

/// Every file under `dir`, recursively, in path order.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for path in entries.map(|e| e.unwrap().path()) {
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n != "README") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn the_pipeline_survives_every_regression_seed_fixture_and_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = files(&root.join("fuzz/seeds"));
    assert!(
        seeds.len() > 50,
        "the minimised seeds are missing ({})",
        seeds.len()
    );
    let inputs: Vec<PathBuf> = [
        "fuzz/regressions",
        "fuzz/seeds",
        "tests/fixtures",
        "example-repo",
    ]
    .iter()
    .flat_map(|dir| files(&root.join(dir)))
    .collect();
    for path in &inputs {
        let bytes = std::fs::read(path).unwrap();
        let result = std::panic::catch_unwind(|| cairn::pipeline::check_bytes(&bytes));
        assert!(result.is_ok(), "{} panicked", path.display());
    }
    assert!(inputs.len() > 300, "{} inputs", inputs.len());
}
