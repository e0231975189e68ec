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

#[test]
fn the_simple_front_matter_reader_agrees_on_every_regression_and_seed() {
    // What fuzz/fuzz_targets/yaml_simple.rs holds the reader to: it may decline, it may
    // never answer differently from the parser.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for path in ["fuzz/regressions", "fuzz/seeds"]
        .iter()
        .flat_map(|dir| files(&root.join(dir)))
    {
        let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) else {
            continue;
        };
        let Some((value, entries)) = cairn::text::yaml::simple(&text) else {
            continue;
        };
        let parsed: yaml_serde::Value = match cairn::text::yaml::parse(&text) {
            Ok(yaml_serde::Value::Null) => yaml_serde::Value::Mapping(Default::default()),
            Ok(parsed) => parsed,
            Err(error) => panic!(
                "{}: the parser refused it: {}",
                path.display(),
                error.message
            ),
        };
        assert_eq!(value, parsed, "{}", path.display());
        assert_eq!(
            entries,
            cairn::text::yaml::entries(&text),
            "{}",
            path.display()
        );
    }
    assert!(root
        .join("fuzz/regressions/yaml-simple-control-character-in-comment")
        .is_file());
}
