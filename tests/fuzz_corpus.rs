//! The fuzz target's function over the committed corpus and every regression the fuzzer
//! found: no input panics. (`fuzz/run.sh` runs the fuzzer itself.)

use std::path::Path;

fn inputs(folder: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut inputs: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    inputs.sort();
    inputs
}

#[test]
fn the_pipeline_survives_the_corpus_and_every_regression() {
    let corpus = inputs("fuzz/corpus/pipeline");
    assert!(
        corpus.len() > 100,
        "the committed corpus is missing ({} inputs)",
        corpus.len()
    );
    for (name, bytes) in corpus.iter().chain(&inputs("fuzz/regressions")) {
        let result = std::panic::catch_unwind(|| cairn::pipeline::check_bytes(bytes));
        assert!(result.is_ok(), "{name} panicked");
    }
}
