//! The process environment, read once. Any variable may hold a secret (a `{ env = "NAME" }`
//! reference can name any of them), so values never leave this type as plain strings except
//! where they are known not to be secrets: the `PUSHDIAG_*` overrides of non-secret keys.

use std::collections::BTreeMap;

use crate::secret::Secret;

/// The environment variables pushdiag reads: config overrides and secret references.
#[derive(Clone, Default)]
pub struct Environment {
    vars: BTreeMap<String, Secret>,
}

impl Environment {
    /// The process's variables; those that are not valid UTF-8 cannot be a setting and are
    /// skipped.
    pub fn from_process() -> Environment {
        Environment::from_pairs(
            std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?))),
        )
    }

    /// An environment with exactly these variables (tests, and callers that build one).
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Environment {
        Environment {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), Secret::new(v)))
                .collect(),
        }
    }

    /// The value of `name` as a secret, when it is set and not blank.
    pub fn secret(&self, name: &str) -> Option<&Secret> {
        self.vars.get(name).filter(|value| !value.is_empty())
    }

    /// Whether `name` is set to something other than blanks.
    pub fn is_set(&self, name: &str) -> bool {
        self.secret(name).is_some()
    }

    /// Whether `name` is in the environment at all, even set to blanks (`--emulated` leaves such
    /// a variable alone, so its check still says it is blank).
    pub fn contains(&self, name: &str) -> bool {
        self.vars.contains_key(name)
    }

    /// Sets `name` (`--emulated` fills unset secret variables with the emulator's built-in
    /// secrets).
    pub fn set(&mut self, name: impl Into<String>, value: Secret) {
        self.vars.insert(name.into(), value);
    }

    /// The `PUSHDIAG_*` variables, which override `pushdiag.toml` keys. The value stays a
    /// [`Secret`]: the config decides, by the key's kind, whether it may be read as text.
    pub fn overrides(&self) -> impl Iterator<Item = (&str, &Secret)> {
        self.vars
            .iter()
            .filter(|(name, _)| name.starts_with("PUSHDIAG_"))
            .map(|(name, value)| (name.as_str(), value))
    }
}

impl std::fmt::Debug for Environment {
    /// Names only: a value may be a secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.vars.keys()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_values_are_unset_and_debug_shows_names_only() {
        let env = Environment::from_pairs([("A_SECRET", "hunter2-value"), ("BLANK", "  ")]);
        assert!(env.is_set("A_SECRET"));
        assert!(!env.is_set("BLANK"));
        assert!(!env.is_set("MISSING"));
        let debug = format!("{env:?}");
        assert!(
            debug.contains("A_SECRET") && !debug.contains("hunter2"),
            "{debug}"
        );
    }

    #[test]
    fn overrides_are_the_pushdiag_variables() {
        let mut env = Environment::from_pairs([("PUSHDIAG_VIVO_APP_ID", "1"), ("HOME", "/x")]);
        env.set("PUSHDIAG_MEIZU_APP_KEY", Secret::new("k"));
        let names: Vec<&str> = env.overrides().map(|(name, _)| name).collect();
        assert_eq!(names, ["PUSHDIAG_MEIZU_APP_KEY", "PUSHDIAG_VIVO_APP_ID"]);
    }
}
