//! JSON pointers (RFC 6901), the `pointer` of every finding's location.

/// Appends one reference token to a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for ch in token.chars() {
        match ch {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// `base` extended with one token.
pub fn child_pointer(base: &str, token: &str) -> String {
    let mut pointer = base.to_owned();
    push_token(&mut pointer, token);
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_escape_tilde_before_slash() {
        // `~1` in a key must become `~01`, not `~1` read back as `/`.
        assert_eq!(child_pointer("/Ext", "a/b~1"), "/Ext/a~1b~01");
        assert_eq!(child_pointer("", ""), "/");
    }
}
