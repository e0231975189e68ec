//! `seal:` in `cairn.yaml`: the public keys that private notes are sealed to in every
//! commit, and whether a private section committed in plain text is an error. Keys are
//! parsed by the `age` crate (rage's library), never by hand.

use sha2::{Digest, Sha256};

/// The repository's sealing settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seal {
    /// Public keys (age X25519 `age1…`, SSH `ssh-ed25519 …`, `ssh-rsa …`), as written.
    pub recipients: Vec<String>,
    /// A private section committed in plain text is an error (`private-not-sealed`).
    pub required: bool,
}

/// A public key as the `age` crate can encrypt to it, or why it is none.
pub(crate) fn recipient(key: &str) -> Result<Box<dyn age::Recipient + Send>, String> {
    let key = key.trim();
    if key.starts_with("age1") {
        key.parse::<age::x25519::Recipient>()
            .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
            .map_err(|_| format!("`{key}` is not an age public key (they start `age1` and come from `age-keygen`)"))
    } else if key.starts_with("ssh-") {
        key.parse::<age::ssh::Recipient>()
            .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
            .map_err(|_| format!("`{key}` is not an SSH public key age can encrypt to (ssh-ed25519 or ssh-rsa, as in ~/.ssh/id_ed25519.pub)"))
    } else {
        Err(format!(
            "`{key}` is not a public key: write an age key (`age1…`) or an SSH key (`ssh-ed25519 AAAA… you@laptop`)"
        ))
    }
}

/// The tag that names a set of keys in a sealed block: the first 16 hex digits of the
/// SHA-256 of the keys, each trimmed, sorted, joined by line breaks. A block sealed to
/// other keys than the current ones is stale and is sealed again.
pub fn tag<'a>(keys: impl IntoIterator<Item = &'a str>) -> String {
    let mut keys: Vec<&str> = keys.into_iter().map(str::trim).collect();
    keys.sort_unstable();
    keys.dedup();
    let digest = Sha256::digest(keys.join("\n").as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked_by_the_age_crate() {
        let identity = age::x25519::Identity::generate();
        let public = identity.to_public().to_string();
        assert!(recipient(&public).is_ok());
        assert!(recipient("age1notakey").is_err());
        assert!(recipient("ssh-ed25519 AAAAnotakey x@y").is_err());
        assert!(recipient("hello").is_err());
    }

    #[test]
    fn the_tag_does_not_depend_on_order_or_spaces() {
        assert_eq!(tag(["b", " a "]), tag(["a", "b"]));
        assert_eq!(tag(["a"]).len(), 16);
        assert_ne!(tag(["a"]), tag(["a", "b"]));
    }
}
