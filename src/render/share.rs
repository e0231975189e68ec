//! The engineer's copy of a conversation or a contract (`cairn share`, docs/sharing.md):
//! the guide's "write it down, share it, schedule the follow-up", as a text the manager
//! can paste, print, or send as an email draft.
//!
//! A copy is built from the parsed document and its **redacted** text alone: private
//! notes are cut out of a text in which they were already blanks, so nothing the manager
//! kept to themself can reach it. The template's guidance and `cairn-ignore` comments are
//! HTML comments, and every HTML comment is dropped too: they were written for the
//! manager, not the engineer.

use chrono::NaiveDate;

use crate::config::{Config, Person};
use crate::domain::vocabulary::{DocType, Owner};
use crate::model::document::privacy::Redacted;
use crate::model::document::split::{split, Split};
use crate::model::document::{Document, FrontMatter};
use crate::render::control;
use crate::text::comments::without_comments;

/// The width plain text is wrapped at.
const TEXT_WIDTH: usize = 72;

/// What the engineer receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// "Our where-are-you-now conversation, 10 March 2026".
    pub title: String,
    /// The engineer's name.
    pub engineer: String,
    /// The engineer's address, when the roster has one.
    pub engineer_email: Option<String>,
    /// The manager's name.
    pub manager: String,
    /// The manager's address, when the roster has one.
    pub manager_email: Option<String>,
    /// The public sections in order, as written (Markdown), without comments.
    pub body: String,
    /// The manager's commitments: "What I will do".
    pub mine: Vec<Promise>,
    /// The engineer's: "What you will do".
    pub yours: Vec<Promise>,
    /// Agreed with no owner named.
    pub agreed: Vec<Promise>,
    /// A conversation's follow-up: "We will check in on …".
    pub follow_up: Option<NaiveDate>,
    /// A contract's span and checkpoints.
    pub contract: Option<Span>,
}

/// A commitment as the engineer reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promise {
    /// Its display text, ids written as names.
    pub text: String,
    /// By when.
    pub due: Option<NaiveDate>,
    /// Done already.
    pub done: bool,
    /// Withdrawn by agreement: when, if written, and why, if written.
    pub withdrawn: Option<(Option<NaiveDate>, Option<String>)>,
}

/// A contract's timeframe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// First day.
    pub start: Option<NaiveDate>,
    /// Last day.
    pub end: Option<NaiveDate>,
    /// Review dates.
    pub checkpoints: Vec<NaiveDate>,
}

/// A date in words: "10 March 2026".
pub(crate) fn in_words(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// What a document of this type is called in a copy's title.
fn kind(doc_type: DocType) -> &'static str {
    match doc_type {
        DocType::WhereNow => "where-are-you-now conversation",
        DocType::WhereGoing => "where-do-you-want-to-go conversation",
        DocType::CloseGap => "how-do-we-close-the-gap conversation",
        DocType::ProgressReview => "progress review",
        DocType::AsNeeded => "conversation",
        DocType::Contract => "development contract",
        DocType::Prep => "preparation",
        DocType::Reflection => "reflection",
        DocType::Handover => "handover",
        DocType::CheckIn => "check-in",
    }
}

/// The copy of `document` (its front matter `front`), from its redacted text.
pub fn copy(
    document: &Document,
    front: &FrontMatter,
    redacted: &Redacted,
    engineer: &Person,
    manager: &Person,
    config: &Config,
) -> Copy {
    let doc_type = front.doc_type.unwrap_or(DocType::AsNeeded);
    let date = front.date.map(in_words).unwrap_or_default();
    let title = match (doc_type, front.start, front.end) {
        (DocType::Contract, Some(start), Some(end)) => format!(
            "Our development contract, {} – {}",
            in_words(start),
            in_words(end)
        ),
        _ => format!("Our {}, {date}", kind(doc_type)),
    };
    let promise = |c: &crate::model::document::Commitment| Promise {
        text: config.with_names(&c.text),
        due: c.due,
        done: c.done,
        withdrawn: c.withdrawn.then(|| {
            (
                c.withdrawn_on,
                c.withdrawn_reason.as_deref().map(str::to_owned),
            )
        }),
    };
    let owned = |owner: Owner| -> Vec<Promise> {
        document
            .body
            .commitments
            .iter()
            .filter(|c| c.owner == owner)
            .map(promise)
            .collect()
    };
    Copy {
        title,
        engineer: engineer.name.clone(),
        engineer_email: engineer.email.clone(),
        manager: manager.name.clone(),
        manager_email: manager.email.clone(),
        body: public_body(redacted),
        mine: owned(Owner::Manager),
        yours: owned(Owner::Engineer),
        agreed: owned(Owner::Unassigned),
        follow_up: front.follow_up.filter(|_| doc_type.is_conversation()),
        contract: (doc_type == DocType::Contract).then(|| Span {
            start: front.start,
            end: front.end,
            checkpoints: front.checkpoints.clone(),
        }),
    }
}

/// The body of the document as the engineer may read it: private notes removed (heading
/// and all), HTML comments removed, the document's own level-1 title dropped (the copy
/// has its own), runs of blank lines made one.
pub(crate) fn public_body(redacted: &Redacted) -> String {
    let public = redacted.replacing_private(|_, _| String::new());
    let body = match split(&public) {
        Split::Found { body, .. } => &public[body],
        Split::Unclosed => "",
        Split::Missing => public.as_str(),
    };
    let body = without_comments(body);
    let mut out = String::new();
    let mut blank = true;
    let mut titled = false;
    for line in body.lines() {
        let line = line.trim_end();
        if !titled && line.starts_with("# ") {
            titled = true;
            continue;
        }
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
            continue;
        }
        blank = false;
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_owned()
}

impl Copy {
    /// The follow-up and timeframe lines, in words.
    fn dates(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(follow_up) = self.follow_up {
            lines.push(format!("We will check in on {}.", in_words(follow_up)));
        }
        if let Some(span) = &self.contract {
            if let (Some(start), Some(end)) = (span.start, span.end) {
                lines.push(format!(
                    "The contract runs from {} to {}.",
                    in_words(start),
                    in_words(end)
                ));
            }
            if !span.checkpoints.is_empty() {
                let each: Vec<String> = span.checkpoints.iter().map(|d| in_words(*d)).collect();
                lines.push(format!("We will review it on {}.", each.join(", ")));
            }
        }
        lines
    }

    /// The commitments by owner, each group with its heading.
    fn groups(&self) -> Vec<(&'static str, &[Promise])> {
        [
            ("What I will do", self.mine.as_slice()),
            ("What you will do", self.yours.as_slice()),
            ("Also agreed", self.agreed.as_slice()),
        ]
        .into_iter()
        .filter(|(_, promises)| !promises.is_empty())
        .collect()
    }

    /// The copy as Markdown, to paste.
    pub fn markdown(&self) -> String {
        let mut out = format!(
            "# {}\n\nBetween {} and {}.\n",
            self.title, self.manager, self.engineer
        );
        if !self.body.is_empty() {
            out.push_str(&format!("\n{}\n", self.body));
        }
        for (heading, promises) in self.groups() {
            out.push_str(&format!("\n## {heading}\n\n"));
            for promise in promises {
                out.push_str(&format!("- {}\n", promise.line()));
            }
        }
        let dates = self.dates();
        if !dates.is_empty() {
            out.push('\n');
            out.push_str(&dates.join("\n"));
            out.push('\n');
        }
        control::escape(&out).into_owned()
    }

    /// The copy as plain text, wrapped at 72 columns.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut in_code = false;
        for line in self.markdown().lines() {
            if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
                in_code = !in_code;
                continue;
            }
            if in_code {
                out.push_str(line);
                out.push('\n');
                continue;
            }
            let hashes = line.bytes().take_while(|b| *b == b'#').count();
            if hashes > 0 && line[hashes..].starts_with(' ') {
                let title = line[hashes..].trim();
                let rule = if hashes == 1 { '=' } else { '-' };
                out.push_str(&format!(
                    "{title}\n{}\n",
                    rule.to_string().repeat(title.chars().count())
                ));
                continue;
            }
            out.push_str(&wrap(line, TEXT_WIDTH));
            out.push('\n');
        }
        out
    }

    /// The copy as one self-contained HTML page, every value escaped.
    pub fn html(&self) -> String {
        use pulldown_cmark::{html::push_html, Event, Options, Parser};
        let markdown = control::strip(&self.markdown()).into_owned();
        // Raw HTML in the notes is shown as text: the page runs nothing and loads nothing.
        let events = Parser::new_ext(
            &markdown,
            Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES,
        )
        .map(|event| match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            other => other,
        });
        let mut body = String::new();
        push_html(&mut body, events);
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>body{{font-family:system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;line-height:1.5;color:#222}}h1{{font-size:1.4em}}h2{{font-size:1.15em;margin-top:1.5em}}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
            html_escape::encode_text(&control::strip(&self.title))
        )
    }

    /// The copy as an email draft (RFC 5322, `multipart/alternative` of text and HTML,
    /// UTF-8), dated `date`, with `X-Unsent: 1` so a mail program opens it as a draft to
    /// send. A missing address leaves its header out.
    pub fn email(&self, date: NaiveDate) -> String {
        use mail_builder::headers::content_type::ContentType;
        use mail_builder::headers::raw::Raw;
        use mail_builder::mime::MimePart;
        use mail_builder::MessageBuilder;
        let clean = |text: &str| control::strip(text).into_owned();
        let mut message = MessageBuilder::new()
            .subject(clean(&self.title))
            .header("X-Unsent", Raw::new("1"));
        if let Some(address) = &self.manager_email {
            message = message.from((clean(&self.manager), address.clone()));
        }
        if let Some(address) = &self.engineer_email {
            message = message.to((clean(&self.engineer), address.clone()));
        }
        // Noon UTC on the day: the draft is dated by the day, never by when cairn ran.
        let seconds = date
            .and_hms_opt(12, 0, 0)
            .map_or(0, |noon| noon.and_utc().timestamp());
        // A Message-ID of the copy itself, so two runs write the same headers.
        let id = format!(
            "cairn-share-{}-{}@cairn.invalid",
            date,
            self.title
                .bytes()
                .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
        );
        let (text, html) = (clean(&self.text()), self.html());
        let alternative = ContentType::new("multipart/alternative")
            .attribute("boundary", boundary(&[&text, &html]));
        message
            .date(seconds)
            .message_id(id)
            .body(MimePart::new(
                alternative,
                vec![
                    MimePart::new("text/plain", text),
                    MimePart::new("text/html", html),
                ],
            ))
            .write_to_string()
            .unwrap_or_default()
    }
}

/// A MIME boundary made from the parts it separates, so the same copy is the same draft
/// byte for byte, run after run (the mail library's own is random): a digest of them,
/// which neither part holds.
fn boundary(parts: &[&str]) -> String {
    let digest = super::export::sha256(parts.join("\0").as_bytes());
    let mut boundary = format!("cairn_{}", &digest[..24]);
    while parts.iter().any(|part| part.contains(&boundary)) {
        boundary.push('_');
    }
    boundary
}

impl Promise {
    /// One line: what, by when, and whether done or withdrawn.
    fn line(&self) -> String {
        let mut line = self.text.clone();
        if let Some(due) = self.due {
            line.push_str(&format!(" — by {}", in_words(due)));
        }
        match &self.withdrawn {
            Some((on, reason)) => {
                line.push_str(" (withdrawn");
                if let Some(on) = on {
                    line.push_str(&format!(" on {}", in_words(*on)));
                }
                if let Some(reason) = reason {
                    line.push_str(&format!(": {reason}"));
                }
                line.push(')');
            }
            None if self.done => line.push_str(" (done)"),
            None => {}
        }
        line
    }
}

/// `line` wrapped at `width` columns, continuation lines indented under its text (after
/// a list marker or a quote's `>`).
fn wrap(line: &str, width: usize) -> String {
    if line.chars().count() <= width {
        return line.to_owned();
    }
    let body = line.trim_start();
    let indent = line.len() - body.len();
    let marker = ["- ", "* ", "+ ", "> "]
        .iter()
        .find(|m| body.starts_with(**m))
        .map_or(0, |m| m.len());
    let hanging = " ".repeat(indent + marker);
    let mut out = String::new();
    let mut current = line[..indent + marker].to_owned();
    let mut has_word = false;
    for word in body[marker..].split_whitespace() {
        if has_word && current.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&current);
            out.push('\n');
            current = hanging.clone();
            has_word = false;
        }
        if has_word {
            current.push(' ');
        }
        current.push_str(word);
        has_word = true;
    }
    out.push_str(&current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_the_width_with_a_hanging_indent() {
        let line = format!("- {}", "word ".repeat(30));
        let wrapped = wrap(line.trim_end(), 20);
        assert!(
            wrapped.lines().all(|l| l.chars().count() <= 20),
            "{wrapped}"
        );
        assert!(wrapped.lines().skip(1).all(|l| l.starts_with("  word")));
        assert_eq!(wrap("short", 20), "short");
    }

    #[test]
    fn dates_read_as_words() {
        let day = crate::domain::date::parse_date("2026-03-10").unwrap();
        assert_eq!(in_words(day), "10 March 2026");
    }
}
