//! `docs/rules.md`, generated from the same definitions as `cairn explain` and the man
//! page: every rule of `check` and every flag of the report, with what it checks or means,
//! why it matters, and what to write instead or what clears it. A test fails when the
//! file is stale; `CAIRN_BLESS=1 cargo test rules_md` writes it again.

use crate::analysis::rules;
use crate::analysis::status::Flag;

/// The whole of `docs/rules.md`.
pub fn markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from the rule registry and the report's flags by `CAIRN_BLESS=1 cargo test rules_md`: edit the doc comments in src/, not this file. -->\n\n\
         # Rules and report flags\n\n\
         `cairn check` applies the rules; `cairn report` and `cairn show` raise the flags. \
         `cairn explain NAME` prints the same text in the terminal, and `cairn.yaml`'s `rules:` \
         sets a rule's severity or turns it off.\n\n## Rules\n\n| rule | severity | what it finds |\n|---|---|---|\n",
    );
    for rule in rules::ALL {
        out.push_str(&format!(
            "| [`{0}`](#{0}-{1}) | {1} | {2} |\n",
            rule.name,
            rule.severity.name(),
            rule.summary().replace('|', "\\|")
        ));
    }
    out.push_str("\n## Report flags\n\n| flag | what it means |\n|---|---|\n");
    for flag in Flag::ALL {
        out.push_str(&format!(
            "| [`{0}`](#{0}-report-flag) | {1} |\n",
            flag.name(),
            flag.summary().replace('|', "\\|")
        ));
    }
    out.push_str("\n## The rules, one by one\n");
    for rule in rules::ALL {
        out.push('\n');
        out.push_str(&demoted(&rule.explanation(), 2));
    }
    out.push_str("\n## The flags, one by one\n");
    for flag in Flag::ALL {
        out.push('\n');
        out.push_str(&demoted(&flag.explanation(), 2));
    }
    out
}

/// `text` with every Markdown heading outside code fences `levels` deeper.
fn demoted(text: &str, levels: usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if !in_fence && line.starts_with('#') {
            out.push_str(&"#".repeat(levels));
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_md_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
        let generated = markdown();
        if std::env::var_os("CAIRN_BLESS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let written = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            written == generated,
            "docs/rules.md is stale: run `CAIRN_BLESS=1 cargo test rules_md` and commit it"
        );
    }

    #[test]
    fn headings_in_examples_stay_as_written() {
        let text = "# a\n## b\n```markdown\n## Goal\n```\n";
        assert_eq!(
            demoted(text, 2),
            "### a\n#### b\n```markdown\n## Goal\n```\n"
        );
    }

    #[test]
    fn every_rule_and_flag_is_in_it() {
        let text = markdown();
        for rule in rules::ALL {
            assert!(
                text.contains(&format!("### {} (", rule.name)),
                "{}",
                rule.name
            );
        }
        for flag in Flag::ALL {
            assert!(
                text.contains(&format!("### {} (report flag)", flag.name())),
                "{}",
                flag.name()
            );
        }
    }
}
