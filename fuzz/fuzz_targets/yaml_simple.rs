//! Differential fuzzing of the hand-written reader of simple front matter against the
//! parser: whatever `cairn::text::yaml::simple` reads, yaml_serde must read the same way, with
//! the same keys at the same places. `simple` may decline anything (`None`); it may never
//! answer differently. Run with `fuzz/run.sh yaml_simple`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some((value, entries)) = cairn::text::yaml::simple(text) else {
        return;
    };
    let parsed: yaml_serde::Value = match cairn::text::yaml::parse(text) {
        // Nothing at all (or only comments) is a null document: front matter with no field.
        Ok(yaml_serde::Value::Null) => yaml_serde::Value::Mapping(Default::default()),
        Ok(parsed) => parsed,
        Err(error) => panic!("the parser refused what simple read: {text:?}: {}", error.message),
    };
    assert_eq!(value, parsed, "simple and the parser disagree on {text:?}");
    assert_eq!(entries, cairn::text::yaml::entries(text), "the keys' places differ for {text:?}");
});
