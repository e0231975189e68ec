//! The layers are the folders of `src/`, and each imports only from those below it: this
//! test reads every file of the library and fails on an import that runs upwards, naming
//! the file and the path. Tests (`#[cfg(test)]` modules and `tests.rs` files) may import
//! anything.

use std::path::Path;

/// The layers, lowest first. A file belongs to the folder it is in; `lsp/` and
/// `pipeline.rs` sit on top.
const LAYERS: &[&str] = &[
    "domain", "text", "config", "model", "analysis", "render", "edit", "lsp", "pipeline",
];

/// The layer of a path relative to `src/`, by its first component.
fn layer_of(relative: &str) -> Option<usize> {
    let top = relative.split('/').next()?.trim_end_matches(".rs");
    LAYERS.iter().position(|layer| *layer == top)
}

/// The text of a file without its `#[cfg(test)] mod … { … }` blocks.
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(open) = after.find(['{', ';']) else {
            return out;
        };
        if after.as_bytes()[open] == b';' {
            rest = &after[open + 1..];
            continue;
        }
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, b) in after.bytes().enumerate().skip(open) {
            match b {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The first segment of every `crate::…` path in `text`, `crate::{a, b}` groups included.
fn imported(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        let boundary = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_');
        rest = &rest[at + "crate::".len()..];
        if !boundary {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.push(name);
            }
        } else {
            found.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    found
}

/// Every upward import of the library, as `file -> path`.
fn upward_imports(src: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(src)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            let Some(from) = layer_of(&relative) else {
                continue;
            };
            if !relative.ends_with(".rs") || relative.ends_with("tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for name in imported(&without_tests(&text)) {
                if let Some(to) = LAYERS.iter().position(|layer| *layer == name) {
                    if to > from {
                        found.push(format!("{relative} -> crate::{name}"));
                    }
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn layers_import_only_downwards() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let upward = upward_imports(&src);
    assert!(
        upward.is_empty(),
        "these files import from a layer above their own (the order is {LAYERS:?}):\n{}",
        upward.join("\n")
    );
}

#[test]
fn every_file_of_the_library_is_in_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut outside: Vec<String> = std::fs::read_dir(&src)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| layer_of(name).is_none())
        .collect();
    outside.sort();
    // The binary's files, the crate root and this test.
    assert_eq!(
        outside,
        ["cli.rs", "commands", "layers.rs", "lib.rs", "main.rs"],
        "a new top-level file or folder of src/ must be a layer (or join one)"
    );
}

#[test]
fn the_reader_finds_grouped_and_plain_imports_outside_tests() {
    let text = "use crate::{model::document, text::lines};\nuse crate::render::x;\n#[cfg(test)]\nmod tests { use crate::edit::fix; }\n";
    assert_eq!(imported(&without_tests(text)), ["model", "text", "render"]);
}
