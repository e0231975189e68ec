//! `file:` URIs and paths. Editors percent-encode differently (`%20` or not, `%3A` for a
//! drive's colon), so the server keys buffers by the decoded path and answers each
//! client with the URI it sent.

use std::path::{Path, PathBuf};

use gen_lsp_types::Uri;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

/// What a path keeps as it is in a URI: letters, digits and `/-._~`.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The path of a `file:` URI, `None` for any other scheme (an unsaved buffer).
pub(crate) fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.0.strip_prefix("file://")?;
    // `file://localhost/x` and `file:///x` name the same file.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    Some(PathBuf::from(decoded.into_owned()))
}

/// The `file:` URI of an absolute path.
pub(crate) fn from_path(path: &Path) -> Uri {
    let text = path.to_string_lossy();
    Uri(format!("file://{}", utf8_percent_encode(&text, PATH)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_uris_round_trip() {
        let path = Path::new("/home/sam/team notes/alice #1.md");
        let uri = from_path(path);
        assert_eq!(uri.0, "file:///home/sam/team%20notes/alice%20%231.md");
        assert_eq!(to_path(&uri).unwrap(), path);
        assert_eq!(
            to_path(&Uri("file://localhost/tmp/a%C3%A9.md".to_owned())).unwrap(),
            Path::new("/tmp/aé.md")
        );
        assert_eq!(to_path(&Uri("untitled:Untitled-1".to_owned())), None);
    }
}
