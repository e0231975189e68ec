//! HTML comments in Markdown text: what a reader of the rendered page never sees.

/// `text` without its HTML comments. An unclosed one hides the rest, since whatever
/// follows was never meant to be read (a private heading inside it is private to the end).
pub(crate) fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        match rest[open + 4..].find("-->") {
            Some(close) => rest = &rest[open + 4 + close + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_go_and_an_unclosed_one_takes_the_rest() {
        assert_eq!(without_comments("a <!-- b --> c"), "a  c");
        assert_eq!(without_comments("a <!-- b\nc"), "a ");
        assert_eq!(without_comments("<!---->x"), "x");
        assert_eq!(without_comments("a<!-- b -->c"), "ac");
        assert_eq!(without_comments("a<!-- b\n## Private\nsecret"), "a");
        assert_eq!(without_comments("no comment"), "no comment");
    }
}
