//! Secrets have a type, so no code path can print one by accident: [`Secret`]'s `Debug` and
//! `Display` print a mask, and the value is reached only through [`Secret::expose`], which is
//! easy to find in review.

use std::fmt;

/// A secret value: an app secret, a master secret, a private key, a p12 password, a UserSig key.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

/// What `Debug` and `Display` print instead of a secret.
pub const MASK: &str = "********";

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself, for signing and for comparing with another secret. Never format it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({MASK})")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

/// Replaces every occurrence of each secret in `text` with the mask: for messages that quote
/// input which may contain one (a TOML parse error quoting a line, a vendor's error body).
pub fn redact(text: &str, secrets: &[&Secret]) -> String {
    let mut out = text.to_owned();
    // Longest first: a secret that contains another must be masked whole, not around the
    // shorter one's mask.
    let mut secrets = secrets.to_vec();
    secrets.sort_by_key(|s| std::cmp::Reverse(s.expose().len()));
    for secret in secrets {
        // Short values (e.g. "1") would mask unrelated text; real secrets are longer.
        if secret.expose().len() >= 4 {
            out = out.replace(secret.expose(), MASK);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_never_shows_the_value() {
        let secret = Secret::new("s3cr3t-value");
        assert_eq!(format!("{secret}"), MASK);
        assert_eq!(format!("{secret:?}"), "Secret(********)");
        assert_eq!(format!("{:?}", Some(&secret)), "Some(Secret(********))");
        assert_eq!(secret.expose(), "s3cr3t-value");
    }

    #[test]
    fn redact_masks_every_occurrence() {
        let secret = Secret::new("abcd1234");
        assert_eq!(
            redact("x abcd1234 y abcd1234", &[&secret]),
            "x ******** y ********"
        );
        assert_eq!(redact("1 2 3", &[&Secret::new("1")]), "1 2 3");
    }

    #[test]
    fn a_secret_inside_another_never_leaves_part_of_the_longer_one() {
        let short = Secret::new("abcd");
        let long = Secret::new("abcd1234");
        assert_eq!(redact("key abcd1234", &[&short, &long]), "key ********");
        assert_eq!(redact("key abcd1234", &[&long, &short]), "key ********");
    }
}
