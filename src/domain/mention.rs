//! `@` mentions of people in text (docs/format.md): who a commitment belongs to, and the ids the
//! outputs turn into names.

/// Every `@id` that is a mention, with its byte offset: not inside a word, an e-mail
/// address or a URL path (`…/@author/…`), not escaped (`\@`), not a package scope
/// (`@types/node`).
pub fn mentions(source: &str) -> impl Iterator<Item = (&str, usize)> + '_ {
    source.match_indices('@').filter_map(|(at, _)| {
        let before = source[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || "._%+-/\\".contains(c)) {
            return None;
        }
        let rest = &source[at + 1..];
        let len = rest
            .bytes()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
            .count();
        let id = rest[..len].trim_end_matches('-');
        let after = rest[id.len()..].chars().next();
        let is_path = matches!(after, Some('/' | '@'))
            || after.is_some_and(|c| c.is_alphanumeric() || c == '_');
        (!id.is_empty() && !id.starts_with('-') && !is_path).then_some((id, at))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_skip_emails_and_words() {
        let all = |s| mentions(s).collect::<Vec<_>>();
        assert_eq!(
            all("ask @sam-okafor, then @engineer"),
            [("sam-okafor", 4), ("engineer", 22)]
        );
        assert_eq!(all("mail sam@example.com"), []);
        assert_eq!(all("(@engineer) x"), [("engineer", 1)]);
        assert_eq!(all("@- @x-"), [("x", 3)]);
        assert_eq!(all("@Sam"), []);
        assert_eq!(all("read https://medium.com/@someauthor/post"), []);
        assert_eq!(all("npm i @types/node, \\@ghost, @alice_b"), []);
        assert_eq!(all("(@alice-nguyen)."), [("alice-nguyen", 1)]);
    }
}
