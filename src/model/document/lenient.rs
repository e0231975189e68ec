//! A lenient reading of a front matter that could not be parsed: which engineer it is
//! about. A document the report cannot use still belongs to someone, and that person's
//! block must say the file was skipped; a stray tab or a malformed date elsewhere in the
//! front matter should not hide whose notes they are. The text read here is the redacted
//! one, like every other reading of a document.

use crate::config::is_slug;

/// The id written as `engineer: ID` on a line of the front matter (or of the first lines,
/// when the front matter never closes), whatever the indentation or the rest of the YAML.
pub fn engineer(text: &str) -> Option<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return None;
    }
    lines
        .take(200)
        .take_while(|line| !matches!(line.trim_end(), "---" | "..."))
        .find_map(value)
}

/// The value of an `engineer:` line: quotes and a trailing comment dropped.
fn value(line: &str) -> Option<String> {
    let rest = line.trim_start().strip_prefix("engineer")?;
    let rest = rest.trim_start().strip_prefix(':')?;
    let rest = rest.split(" #").next().unwrap_or_default().trim();
    let id = rest
        .trim_matches(|c| c == '"' || c == '\'')
        .trim()
        .to_owned();
    is_slug(&id).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::engineer;

    #[test]
    fn the_engineer_of_a_front_matter_yaml_refuses() {
        let text = "---\ntype: where-now\nengineer: dev-patel\ndate: 2026-3-13\n---\nbody\n";
        assert_eq!(engineer(text).as_deref(), Some("dev-patel"));
        let tab = "---\n\tengineer: \"dev-patel\" # him\n\tfollow_up: x\n---\n";
        assert_eq!(engineer(tab).as_deref(), Some("dev-patel"));
        let unclosed = "---\ntype: where-now\nengineer: 'carla-m'\n## Notes\n";
        assert_eq!(engineer(unclosed).as_deref(), Some("carla-m"));
    }

    #[test]
    fn nothing_outside_the_front_matter_or_without_an_id() {
        assert_eq!(engineer("no front matter\nengineer: dev-patel\n"), None);
        assert_eq!(engineer("---\ntype: x\n---\nengineer: dev-patel\n"), None);
        assert_eq!(engineer("---\nengineer: Dev Patel\n---\n"), None);
        assert_eq!(engineer("---\nengineers: dev-patel\n---\n"), None);
    }
}
