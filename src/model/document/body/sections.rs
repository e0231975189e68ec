//! Sections (docs/format.md): level-2 headings at the top level, which required section each is,
//! whether anything a reader sees is under it, and the headings and bold lines that may
//! be a required section written the wrong way.

use crate::domain::diagnostic::Position;
use crate::domain::section_spec::{template_sections, SectionSpec};
use crate::domain::title::normalize;
use crate::domain::vocabulary::{DocType, Owner, SectionRole};

use super::{Body, Context};

/// A level-2 section. No text is kept but its normalised title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The normalised title, when it may be a near miss of a missing required section (it
    /// is not required, in a document whose type requires some); empty otherwise.
    pub key: Box<str>,
    /// Where the heading starts.
    pub position: Position,
    /// The byte offset of the heading.
    pub start: usize,
    /// The index of the required section of the document's type it is, if any.
    pub required: Option<usize>,
    /// The part it plays, if any.
    pub role: Option<SectionRole>,
    /// What is under it.
    pub content: Content,
}

/// What is under a heading, as a reader sees it (docs/format.md).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Content {
    /// Nothing but whitespace and HTML comments.
    #[default]
    Empty,
    /// Nothing but placeholder lines: the first of them.
    Placeholder(Box<str>),
    /// Something written.
    Filled,
}

impl Content {
    /// Whether nothing is written (empty, or placeholders only).
    pub fn is_empty(&self) -> bool {
        *self != Content::Filled
    }
}

/// A heading of another level, or a paragraph that is only bold or italic text, which
/// may be a required section written the wrong way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearHeading {
    /// The normalised title.
    pub key: Box<str>,
    /// Where it starts.
    pub position: Position,
    /// What it is.
    pub kind: NearKind,
}

/// A heading or a bold line that misspells a section the document's template writes
/// (`## What we aggreed`, `**What we agreed**`): read as that section, and told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misspelt {
    /// Where it is.
    pub position: Position,
    /// The title it misspells, as the template writes it.
    pub title: &'static str,
    /// A line of bold or italic text rather than a heading.
    pub bold: bool,
}

/// The section of the template a normalised title misspells: a near miss of one of the
/// titles the type's template writes, not itself a known title, and not a near miss of a
/// required section (`missing-section` tells those). A bold line may also be the known
/// title itself: it is still not a heading.
pub fn misspelt(key: &str, bold: bool, context: &Context) -> Option<&'static SectionSpec> {
    let doc_type = context.doc_type?;
    let config = context.config;
    if key.is_empty()
        || config
            .required_sections(doc_type)
            .iter()
            .any(|spec| spec.matches(key) || spec.is_near(key))
    {
        return None;
    }
    let known = template_sections(doc_type);
    if let Some(spec) = known.iter().find(|spec| spec.matches(key)) {
        return bold.then_some(spec);
    }
    if config.role(doc_type, key).is_some() {
        return None;
    }
    known.iter().find(|spec| spec.is_near(key))
}

/// The form of a near heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NearKind {
    /// A paragraph that is only bold or italic text.
    Bold,
    /// A heading of this level (1, 3 to 6).
    Level(u8),
}

/// The open section and the owner its task items take.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    open: Option<usize>,
    content: Content,
    owner: Option<Owner>,
}

impl Collector {
    /// The open section, as an index into [`Body::sections`].
    pub fn current(&self) -> Option<usize> {
        self.open
    }

    /// The owner task items take here: the open commitment section's, or a near miss's.
    pub fn owner(&self) -> Option<Owner> {
        self.owner
    }

    /// Something written is in the open section.
    pub fn fill(&mut self) {
        if self.open.is_some() {
            self.content = Content::Filled;
        }
    }

    /// A placeholder line is in the open section.
    pub fn placeholder(&mut self, word: &str) {
        if self.open.is_some() && self.content == Content::Empty {
            self.content = Content::Placeholder(word.into());
        }
    }

    /// Ends the open section (a heading of level 1 or 2 follows, or the body ends).
    pub fn close(&mut self, body: &mut Body) {
        if let Some(at) = self.open.take() {
            if let Some(section) = body.sections.get_mut(at) {
                section.content = std::mem::take(&mut self.content);
            }
        }
        self.content = Content::Empty;
        self.owner = None;
    }

    /// Opens a level-2 section; returns the part it plays.
    pub fn open(
        &mut self,
        title: &str,
        position: Position,
        start: usize,
        context: &Context,
        body: &mut Body,
    ) -> Option<SectionRole> {
        let key = normalize(title);
        let config = context.config;
        let mut role = context.doc_type.and_then(|t| config.role(t, &key));
        let required = context.doc_type.and_then(|t| {
            config
                .required_sections(t)
                .iter()
                .position(|spec| spec.matches(&key))
        });
        if role.is_none() && required.is_none() {
            if let Some(spec) = misspelt(&key, false, context) {
                body.misspelt.push(Misspelt {
                    position,
                    title: &spec.title,
                    bold: false,
                });
                role = spec.role;
            }
        }
        // A title that is a required section is not a near miss of another one.
        self.owner = role.and_then(SectionRole::owner).or_else(|| {
            required
                .is_none()
                .then(|| near_commitment(&key, context))
                .flatten()
        });
        // The title is kept only where a rule may ask for it: a section that is not one of
        // the required sections of a type that has some (it may be a near miss of a missing
        // one). Most sections are neither, and 100,000 documents are held at once.
        let may_be_near = required.is_none()
            && context
                .doc_type
                .is_some_and(|t| !config.required_sections(t).is_empty());
        body.sections.push(Section {
            key: if may_be_near {
                key.into()
            } else {
                Box::default()
            },
            position,
            start,
            required,
            role,
            content: Content::Empty,
        });
        self.open = Some(body.sections.len() - 1);
        role
    }

    /// Opens the section a bold line misspells, as if it were its heading.
    pub fn open_misspelt(
        &mut self,
        spec: &'static SectionSpec,
        position: Position,
        start: usize,
        body: &mut Body,
    ) -> Option<SectionRole> {
        self.close(body);
        body.misspelt.push(Misspelt {
            position,
            title: &spec.title,
            bold: true,
        });
        body.sections.push(Section {
            key: Box::default(),
            position,
            start,
            required: None,
            role: spec.role,
            content: Content::Empty,
        });
        self.open = Some(body.sections.len() - 1);
        spec.role
    }

    /// A heading of another level or a bold line: kept for near misses, and a near miss
    /// of a commitment section gives its owner to the items that follow.
    pub fn near_heading(
        &mut self,
        kind: NearKind,
        title: &str,
        position: Position,
        context: &Context,
        body: &mut Body,
    ) {
        let key = normalize(title);
        if key.is_empty() {
            return;
        }
        let exact = context
            .doc_type
            .and_then(|t| context.config.role(t, &key))
            .and_then(SectionRole::owner);
        if let Some(owner) = exact.or_else(|| near_commitment(&key, context)) {
            self.owner = Some(owner);
        }
        body.near_headings.push(NearHeading {
            key: key.into(),
            position,
            kind,
        });
    }
}

/// The owner of the contract commitment section a title is a near miss of.
fn near_commitment(key: &str, context: &Context) -> Option<Owner> {
    if context.doc_type != Some(DocType::Contract) {
        return None;
    }
    [
        SectionRole::ManagerCommitment,
        SectionRole::EngineerCommitment,
    ]
    .into_iter()
    .find(|role| {
        context
            .config
            .role_section(DocType::Contract, *role)
            .is_some_and(|spec| spec.is_near(key))
    })
    .and_then(SectionRole::owner)
}
