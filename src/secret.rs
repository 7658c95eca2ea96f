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

    /// Whether the value has the shape `check` accepts (a format check that never copies the
    /// value out).
    pub fn satisfies(&self, check: impl Fn(&str) -> bool) -> bool {
        check(&self.0)
    }

    /// Spaces, newlines or quotes around the value: vendors compare credentials exactly, so a
    /// value pasted with them fails.
    pub fn is_padded(&self) -> bool {
        let text = self.0.as_str();
        text.trim() != text || text.starts_with(['"', '\'']) || text.ends_with(['"', '\''])
    }

    /// The value's shape without the value: "32 hex characters", "10 digits".
    pub fn shape(&self) -> String {
        let text = self.0.as_str();
        let kind = if text.bytes().all(|b| b.is_ascii_digit()) {
            "digits"
        } else if text.bytes().all(|b| b.is_ascii_hexdigit()) {
            "hex characters"
        } else {
            "characters"
        };
        format!("{} {kind}", text.chars().count())
    }

    /// Whether the value, trimmed, equals `other` trimmed (and is not blank): the server secret
    /// pasted where the client key belongs.
    pub fn same_as(&self, other: &str) -> bool {
        let other = other.trim();
        !other.is_empty() && self.0.trim() == other
    }

    /// Whether two secrets hold the same value, trimmed (and not blank).
    pub fn same_as_secret(&self, other: &Secret) -> bool {
        self.same_as(&other.0)
    }

    /// The value without surrounding spaces and newlines, still a secret.
    pub fn trimmed(&self) -> Secret {
        Secret(self.0.trim().to_owned())
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

/// `text` with the userinfo of every URL in it masked (`http://user:pw@host/x` becomes
/// `http://********@host/x`): an endpoint or proxy may carry a password, and it is shown in
/// errors, logs, dry-run plans and `--print-config`. Every place that shows a URL passes it
/// through here; text without `://` comes back unchanged.
pub fn hide_userinfo(text: &str) -> std::borrow::Cow<'_, str> {
    // Without both there is no userinfo to hide, and no copy to make.
    if !text.contains('@') || !text.contains("://") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        // Where the URL ends in prose or JSON. Up to its last `@` is masked, not only up to the
        // first `/`: a password typed with a `/` in it must not show its first half.
        let end = after
            .find(|c: char| c.is_whitespace() || "\"'`<>".contains(c))
            .unwrap_or(after.len());
        let url = &after[..end];
        match url.rfind('@') {
            Some(user_end) => {
                out.push_str(MASK);
                out.push_str(&url[user_end..]);
            }
            None => out.push_str(url),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
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
    fn checks_never_copy_the_value_out() {
        let secret = Secret::new(" 0123456789abcdef0123456789abcdef\n");
        assert!(secret.is_padded());
        assert!(!secret.trimmed().is_padded());
        assert_eq!(secret.trimmed().shape(), "32 hex characters");
        assert_eq!(Secret::new("12345").shape(), "5 digits");
        assert_eq!(Secret::new("ab-cd").shape(), "5 characters");
        assert!(Secret::new("\"quoted\"").is_padded());
        assert!(secret
            .trimmed()
            .satisfies(|s| s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())));
        assert!(secret.same_as("0123456789abcdef0123456789abcdef"));
        assert!(!Secret::new(" ").same_as(" "));
        assert!(secret.same_as_secret(&secret.trimmed()));
    }

    #[test]
    fn userinfo_is_masked_in_every_url_of_a_text() {
        // Issue 17: `PUSHDIAG_VIVO_ENDPOINT='http://user:SECRET@host/vivo'` was echoed.
        assert_eq!(
            hide_userinfo("`http://user:S3cr3t@127.0.0.1:9/vivo` and https://a@b@[::1]:8/x?q=1"),
            "`http://********@127.0.0.1:9/vivo` and https://********@[::1]:8/x?q=1"
        );
        assert_eq!(hide_userinfo("POST https://host/p"), "POST https://host/p");
        assert_eq!(hide_userinfo("mail me@host"), "mail me@host");
        assert_eq!(hide_userinfo("x://u:p@h"), "x://********@h");
        assert_eq!(
            hide_userinfo("\"http://u:pa/ss@h/x\""),
            "\"http://********@h/x\""
        );
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
