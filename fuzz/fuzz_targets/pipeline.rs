//! Coverage-guided fuzzing of the whole document pipeline: split, front matter, Markdown,
//! commitments, every rule, status and rendering. Run with `fuzz/run.sh`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = cairn::pipeline::check_bytes(data);
});
