//! Writes a realistic notes repository of N documents for the benchmark, deterministic for
//! a seed: a roster (one manager per eight engineers, ten documents per engineer), every
//! document type, 1.5 to 3 KB each, and about 3% of contracts missing a section.
//!
//! cargo run --release --example generate -- DIR DOCUMENTS [SEED]

// A measuring tool of the project, not the binary: its own messages quote nothing from
// a notes repository.
#![allow(clippy::disallowed_macros)]
// A benchmark tool: a failure is a panic with its message.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::Path;

/// splitmix64: small, fast and deterministic.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const SENTENCES: &[&str] = &[
    "The migration work has been the most engaging part of the last six months, mostly because of the design trade-offs.",
    "On-call has started to feel like a grind, and the same three alerts account for most of the pages.",
    "Learning the ledger domain properly is the main thing on the list right now; the release process has become routine.",
    "Best work happens with a clear problem, a small group, and a week without meetings in the middle.",
    "What is missing is a chance to shape decisions before they are made rather than implement them afterwards.",
    "In ten years the aim is to be the person teams call when a system has to change shape without stopping.",
    "The staff engineer on the platform team is the clearest example of the kind of role that appeals.",
    "The honest answer is that a team lead role is not available in the next twelve months, and I said so.",
    "We agreed to look at what can be done in the current role first, and to revisit the rest at the review.",
    "I noticed the answers were shorter than usual and asked what had changed since the spring.",
];

const TYPES: &[&str] = &[
    "reflection",
    "prep",
    "where-now",
    "where-going",
    "close-gap",
    "contract",
    "progress-review",
    "progress-review",
    "as-needed",
    "progress-review",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(count)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: generate DIR DOCUMENTS [SEED]");
        std::process::exit(2);
    };
    let mut random = Random(args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1));
    let root = Path::new(dir);
    let engineers = count.div_ceil(TYPES.len()).max(1);
    let managers = engineers.div_ceil(8);

    let mut roster = String::from("people:\n");
    for m in 0..managers {
        let _ = writeln!(roster, "  - id: manager-{m}\n    name: Manager {m}");
    }
    for e in 0..engineers {
        let _ = writeln!(
            roster,
            "  - id: engineer-{e}\n    name: Engineer {e}\n    manager: manager-{}",
            e / 8
        );
    }
    std::fs::create_dir_all(root).expect("create the folder");
    std::fs::write(root.join("cairn.yaml"), roster).expect("write cairn.yaml");

    let mut written = 0;
    'all: for e in 0..engineers {
        let folder = root.join(format!("people/engineer-{e}"));
        std::fs::create_dir_all(&folder).expect("create a person's folder");
        for (n, doc_type) in TYPES.iter().enumerate() {
            if written == count {
                break 'all;
            }
            let month = 1 + n as u64;
            let date = format!("2026-{month:02}-{:02}", 1 + random.below(27));
            let text = document(&mut random, doc_type, e, e / 8, &date);
            std::fs::write(folder.join(format!("{date}-{doc_type}-{n}.md")), text)
                .expect("write a document");
            written += 1;
        }
    }
    eprintln!(
        "wrote {written} documents for {engineers} engineers under {}",
        root.display()
    );
}

fn paragraph(random: &mut Random, sentences: u64) -> String {
    (0..sentences)
        .map(|_| random.pick(SENTENCES))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A `## title` section of two to four sentences.
fn section(text: &mut String, random: &mut Random, title: &str) {
    let sentences = 2 + random.below(3);
    let _ = write!(text, "## {title}\n\n{}\n\n", paragraph(random, sentences));
}

fn document(
    random: &mut Random,
    doc_type: &str,
    engineer: usize,
    manager: usize,
    date: &str,
) -> String {
    let mut text = format!("---\ntype: {doc_type}\nengineer: engineer-{engineer}\nmanager: manager-{manager}\ndate: {date}\n");
    let due = |random: &mut Random| {
        format!(
            "2026-{:02}-{:02}",
            1 + random.below(12),
            1 + random.below(28)
        )
    };
    match doc_type {
        "contract" => {
            let _ = write!(text, "status: active\nstart: 2026-01-01\nend: 2026-12-31\ncheckpoints: [2026-04-01, 2026-07-01, 2026-10-01]\n---\n# Development contract\n\n");
            let broken = random.below(100) < 3;
            let _ = write!(text, "## Development goal\n\nBuild the capability to lead cross-team technical initiatives independently, including stakeholder management.\n\n");
            let _ = write!(text, "## Organisational commitment\n\n- [ ] Arrange the stretch assignment on the billing migration (due {})\n- [x] Introduce them to the platform team's tech lead (due {})\n\n", due(random), due(random));
            let _ = write!(text, "## Engineer commitment\n\n- [ ] Write the design document and run its review (due {})\n- [ ] Ask two reviewers for written feedback (due {})\n\n", due(random), due(random));
            let _ = write!(text, "## Evidence of success\n\n{}\n\n## Review cadence\n\nQuarterly, at the checkpoints, and a standing question in the monthly 1:1.\n\n", paragraph(random, 3));
            if !broken {
                let _ = write!(text, "## Limitations\n\n{}\n", paragraph(random, 2));
            }
        }
        "prep" | "reflection" => {
            let _ = write!(text, "---\n# {doc_type}\n\n");
            for title in [
                "Where they are operating",
                "Opportunities",
                "Constraints",
                "Previous conversations",
                "Open commitments",
                "Listening",
            ] {
                section(&mut text, random, title);
            }
        }
        _ => {
            // The check-in agreed in the conversation: one to three months after it.
            let (year, month, day) = (&date[..4], &date[5..7], &date[8..10]);
            let months = year.parse::<u64>().unwrap() * 12 + month.parse::<u64>().unwrap() - 1
                + 1
                + random.below(3);
            let follow_up = format!("{}-{:02}-{}", months / 12, months % 12 + 1, day.min("28"));
            let _ = write!(
                text,
                "follow_up: {follow_up}\nsummary_shared: {date}\n---\n# {doc_type}\n\n"
            );
            for title in [
                "Questions",
                "What I heard",
                "What we agreed",
                "Follow-up",
                "Private notes",
            ] {
                section(&mut text, random, title);
                if title == "What we agreed" {
                    let _ = write!(text, "- [ ] @manager share the written summary (due {})\n- [ ] @engineer draft the proposal (due {})\n- [x] @manager book the next conversation (due {})\n\n", due(random), due(random), due(random));
                }
            }
        }
    }
    text
}
