//! Rules about required sections (docs/format.md): by default a contract's six parts.

use super::Context;
use crate::domain::diagnostic::{declare_rule, Change, Diagnostic, Fix, Message, Position};
use crate::domain::section_spec::SectionSpec;
use crate::model::document::{Content, Document, FrontMatter, NearKind, Section};

declare_rule! {
    /// ## What it does
    /// Reports a required section that is absent, saying where it belongs. By default a
    /// contract needs: Development goal, Organisational commitment, Engineer commitment,
    /// Evidence of success, Review cadence, Limitations (`cairn.yaml` `types` can change
    /// the list for any document type). When the section is there but written the wrong
    /// way, the finding is at that line and says what to change: a bold line instead of a
    /// heading, a heading of another level, or a title with a typo or a plural.
    ///
    /// A `draft` contract is work in progress: this finding is a warning until it becomes
    /// `active` (`--strict` still fails on it). An `abandoned` contract gets none.
    ///
    /// ## Why is this bad?
    /// Each part is there for a reason the guide gives. Without the organisational
    /// commitment the contract is not bilateral, "just a set of expectations for the
    /// engineer". Without evidence of success neither side will know whether development is
    /// happening. "A development contract with no review mechanism is a document, not a
    /// contract." Without the honest caveat about limitations, a plan reads as a promise.
    ///
    /// ## Example
    /// A contract with `## Development goal`, `## Organisational commitment` and
    /// `## Engineer commitment`, and nothing after.
    ///
    /// Use instead: add `## Evidence of success`, `## Review cadence` and `## Limitations`,
    /// each filled in.
    pub static MISSING_SECTION = ("missing-section", Error);
}

declare_rule! {
    /// ## What it does
    /// Reports a required section with no content: nothing but whitespace, HTML comments
    /// (the guidance `cairn new` writes inside `<!-- -->`) and placeholder lines (`TODO`,
    /// `TBD`, `...`, `?`) before the next level-1 or level-2 heading.
    ///
    /// A `draft` contract is work in progress: this finding is a warning until it becomes
    /// `active` (`--strict` still fails on it). An `abandoned` contract gets none.
    ///
    /// ## Why is this bad?
    /// A heading with nothing under it looks complete in a skim and promises nothing.
    /// "Not 'improve communication skills'": the guide asks for specifics in every part,
    /// because a contract is only as good as the part both sides will reread at the next
    /// checkpoint.
    ///
    /// ## Example
    /// ```markdown
    /// ## Evidence of success
    /// <!-- How will both of you know the development is happening? -->
    ///
    /// ## Review cadence
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Evidence of success
    /// Alice has run two design reviews with both teams, and the auth refactor design doc
    /// was approved by the end of Q1.
    /// ```
    pub static EMPTY_SECTION = ("empty-section", Error);
}

declare_rule! {
    /// ## What it does
    /// Reports a required section that appears twice (titles are compared after
    /// normalisation, so `Manager commitment` and `Organisational commitment` are the same).
    ///
    /// ## Why is this bad?
    /// Two goals or two sets of commitments make it unclear which one was agreed. cairn
    /// reads the first, so the second would be silently ignored by the report, and the
    /// engineer and the manager could each be holding the other to a different version.
    ///
    /// ## Example
    /// ```markdown
    /// ## Development goal
    /// ...
    /// ## Development Goal
    /// ```
    ///
    /// Use instead: merge the two into one section.
    pub static DUPLICATE_SECTION = ("duplicate-section", Error);
}

declare_rule! {
    /// ## What it does
    /// Warns when required sections are out of the configured order.
    ///
    /// ## Why is this bad?
    /// The order follows the guide's reasoning: the goal first, then what each side
    /// commits to, how success will show, when it is reviewed, and what cannot be
    /// promised. Contracts that read the same way are quicker to review at a checkpoint.
    ///
    /// ## Example
    /// `## Limitations` before `## Review cadence`.
    ///
    /// Use instead: move `## Limitations` to the end.
    pub static SECTION_ORDER = ("section-order", Warning);
}

/// Checks the document's sections against the required list of its type.
pub fn check(
    document: &Document,
    front: &FrontMatter,
    context: &Context,
    out: &mut Vec<Diagnostic>,
) {
    let Some(doc_type) = front.doc_type else {
        return;
    };
    let required = context.config.required_sections(doc_type);
    if required.is_empty() {
        return;
    }
    // For each required section, the index in `document.sections` of its first heading.
    let mut first: Vec<Option<usize>> = vec![None; required.len()];
    let mut seen = vec![0usize; required.len()];
    for (at, section) in document.body.sections.iter().enumerate() {
        let Some(spec) = section.required.filter(|&spec| spec < required.len()) else {
            continue;
        };
        seen[spec] += 1;
        match first[spec] {
            Some(earlier) => out.push(duplicate(
                document,
                section,
                &required[spec].title,
                seen[spec],
                document.body.sections[earlier].position.line,
            )),
            None => {
                first[spec] = Some(at);
                out.extend(empty(document, section, &required[spec].title));
            }
        }
    }

    for (spec, found) in first.iter().enumerate() {
        if found.is_none() {
            out.push(missing(document, required, &first, spec));
        }
    }
    out_of_order(document, required, &first, out);
}

/// The `duplicate-section` finding of the `seen`th heading of a required section whose
/// first heading is at line `earlier`.
fn duplicate(
    document: &Document,
    section: &Section,
    title: &str,
    seen: usize,
    earlier: usize,
) -> Diagnostic {
    Diagnostic::new(
        &DUPLICATE_SECTION,
        &document.path,
        section.position,
        // The configured title, the count and a line: nothing written in the note.
        Message::public(format!(
            "section \"{}\" appears {} (first at line {}); merge them",
            title,
            match seen {
                2 => "twice".to_owned(),
                n => format!("a {} time", ordinal(n)),
            },
            earlier
        )),
    )
}

/// The `empty-section` finding of a required section's first heading, unless it holds
/// something written.
fn empty(document: &Document, section: &Section, title: &str) -> Option<Diagnostic> {
    let message = match &section.content {
        Content::Filled => return None,
        Content::Empty => Message::public(format!("required section \"{title}\" is empty")),
        Content::Placeholder(word) => Message::quoting(
            format!("required section \"{title}\" holds only the placeholder `{word}`: write it"),
            format!("required section \"{title}\" holds only a placeholder: write it"),
        ),
    };
    Some(Diagnostic::new(
        &EMPTY_SECTION,
        &document.path,
        section.position,
        message,
    ))
}

/// The `section-order` findings: the sections outside the longest run already in order,
/// so that one misplaced section gives one warning, not one per section it jumped over.
fn out_of_order(
    document: &Document,
    required: &[SectionSpec],
    first: &[Option<usize>],
    out: &mut Vec<Diagnostic>,
) {
    let mut present: Vec<(usize, usize)> = first
        .iter()
        .enumerate()
        .filter_map(|(spec, at)| at.map(|at| (at, spec)))
        .collect();
    present.sort_unstable();
    let specs: Vec<usize> = present.iter().map(|(_, spec)| *spec).collect();
    let in_order = longest_increasing(&specs);
    for (i, (at, spec)) in present.iter().enumerate() {
        if in_order.contains(&i) {
            continue;
        }
        let after = in_order
            .iter()
            .map(|&j| specs[j])
            .filter(|s| s < spec)
            .max();
        let place = match after {
            Some(after) => format!("after \"{}\"", required[after].title),
            None => format!(
                "before \"{}\"",
                required[in_order.iter().map(|&j| specs[j]).min().unwrap_or(0)].title
            ),
        };
        out.push(Diagnostic::new(
            &SECTION_ORDER,
            &document.path,
            document.body.sections[*at].position,
            Message::public(format!(
                "section \"{}\" is out of order: it belongs {place} ({})",
                required[*spec].title,
                order(required)
            )),
        ));
    }
}

/// The indices of a longest strictly increasing subsequence (n is the number of required
/// sections, so the quadratic algorithm is the clear one).
fn longest_increasing(values: &[usize]) -> Vec<usize> {
    let mut length = vec![1usize; values.len()];
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for i in 0..values.len() {
        for j in 0..i {
            if values[j] < values[i] && length[j] + 1 > length[i] {
                length[i] = length[j] + 1;
                previous[i] = Some(j);
            }
        }
    }
    let Some(mut at) = (0..values.len()).max_by_key(|&i| (length[i], std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    let mut run = vec![at];
    while let Some(p) = previous[at] {
        run.push(p);
        at = p;
    }
    run.reverse();
    run
}

/// The finding for a missing required section: at its near miss when there is one, else
/// where it should be inserted: at the heading that follows the previous required section
/// present, or at the end of the file.
fn missing(
    document: &Document,
    required: &[SectionSpec],
    first: &[Option<usize>],
    spec: usize,
) -> Diagnostic {
    if let Some(near) = near_miss(document, &required[spec]) {
        return near;
    }
    let title = &required[spec].title;
    let (place, before) = place(required, first, spec);
    let section = before.and_then(|at| document.body.sections.get(at));
    // At the end of a file that ends in private notes: at their heading, where the section
    // is inserted, so that no editor marks a private line.
    let end = document
        .private_lines
        .iter()
        .find(|lines| *lines.end() >= document.line_count)
        .map_or(document.line_count.max(1), |lines| *lines.start());
    let position = section.map_or(Position::line(end), |s| s.position);
    let diagnostic = missing_at(
        document,
        position,
        format!("missing required section \"{title}\" ({place})"),
    )
    .with_fix(Fix::safe(Change::InsertSection {
        title: title.clone(),
        at_end: section.is_none(),
    }));
    match section {
        Some(_) => diagnostic,
        None => diagnostic.without_source(),
    }
}

/// The finding for a missing required section that is there but written the wrong way:
/// a bold line, a heading of another level, or a level-2 title with a typo or a plural.
/// Its fix writes the heading as required.
fn near_miss(document: &Document, near: &SectionSpec) -> Option<Diagnostic> {
    let title = &near.title;
    let heading_fix = || {
        Fix::safe(Change::Heading {
            title: title.clone(),
        })
    };
    if let Some(heading) = document
        .body
        .near_headings
        .iter()
        .find(|heading| near.matches(&heading.key))
    {
        let line = heading.position.line;
        let message = match heading.kind {
            NearKind::Bold => format!("missing required section \"{title}\": line {line} is bold text, not a heading: write `## {title}`"),
            NearKind::Level(level) => format!(
                "missing required section \"{title}\": `{} {title}` is level {level}: required sections are level 2 (`## {title}`)",
                "#".repeat(level as usize)
            ),
        };
        return Some(missing_at(document, heading.position, message).with_fix(heading_fix()));
    }
    let section = document
        .body
        .sections
        .iter()
        .find(|s| s.required.is_none() && near.is_near(&s.key))?;
    Some(
        missing_at(
            document,
            section.position,
            format!("missing required section \"{title}\": did you mean `## {title}`?"),
        )
        .with_fix(heading_fix()),
    )
}

/// A `missing-section` finding at `position`. Every message names only the configured
/// titles and lines: a heading as written is never quoted (a near miss is named by its
/// level, or as bold text).
fn missing_at(document: &Document, position: Position, message: String) -> Diagnostic {
    Diagnostic::new(
        &MISSING_SECTION,
        &document.path,
        position,
        Message::public(message),
    )
}

/// Where a missing required section belongs: the words for the message, and the index
/// of the section it goes before (`None`: at the end of the file).
fn place(
    required: &[SectionSpec],
    first: &[Option<usize>],
    spec: usize,
) -> (String, Option<usize>) {
    match (0..spec).rev().find_map(|s| first[s].map(|at| (s, at))) {
        Some((s, at)) => (
            format!("expected after \"{}\"", required[s].title),
            Some(at + 1),
        ),
        None => match (spec + 1..required.len()).find_map(|s| first[s].map(|at| (s, at))) {
            Some((s, at)) => (
                format!("expected before \"{}\"", required[s].title),
                Some(at),
            ),
            None => ("expected at the end".to_owned(), None),
        },
    }
}

/// `3rd`, `4th`, `21st`: how many times a section has appeared so far.
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn order(required: &[SectionSpec]) -> String {
    let titles: Vec<&str> = required.iter().map(|s| s.title.as_str()).collect();
    format!("order: {}", titles.join(", "))
}

#[cfg(test)]
mod tests {
    use super::longest_increasing;

    #[test]
    fn one_misplaced_section_is_the_only_one_out_of_the_run() {
        assert_eq!(longest_increasing(&[5, 0, 1, 2, 3, 4]), [1, 2, 3, 4, 5]);
        assert_eq!(longest_increasing(&[0, 1, 2, 4, 3, 5]), [0, 1, 2, 3, 5]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
    }
}
