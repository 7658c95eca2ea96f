//! Following a value written in a call to the literal it stands for, through the simple constants
//! of the package's own `lib/` (`PushConfig.HWPushBuzID`, a top-level `const kApnsId = 17703`).
//! Anything else (a `--dart-define`, an env file, a function call, a name defined twice or
//! elsewhere) is said as unfollowed, with why: never guessed.

use std::collections::HashMap;

use super::super::dart::{Definition, Expr, Located, Mode};
use super::DartSource;

/// How many constants a value may go through (`a = b`, `b = C.d`, …) before it is given up:
/// real code uses one or two; cycles end here.
const MAX_HOPS: usize = 8;

/// A literal and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Literal {
    pub value: String,
    /// Index of the file in the package's list, and the byte offset.
    pub file: usize,
    pub at: usize,
    /// The constants it was reached through, outermost first (`PushConfig.HWPushBuzID`).
    pub via: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Resolved {
    /// `null`: as if the argument were not there.
    Absent,
    Value(Literal),
    /// `kDebugMode ? a : b` with both branches followed.
    ByMode {
        mode: Mode,
        when_true: Literal,
        when_false: Literal,
    },
    /// Why it could not be followed, and where the part that could not be is written.
    Unfollowed {
        why: String,
        file: usize,
        at: usize,
    },
}

/// A definition's key: its class (`None` at the top level) and its name.
type Key<'a> = (Option<&'a str>, &'a str);

/// The package's definitions, by (class, name), each with the index of its file.
pub(super) struct Resolver<'a> {
    files: &'a [DartSource],
    by_name: HashMap<Key<'a>, Vec<(usize, &'a Definition)>>,
}

impl<'a> Resolver<'a> {
    pub fn new(files: &'a [DartSource]) -> Resolver<'a> {
        let mut by_name: HashMap<_, Vec<_>> = HashMap::new();
        for (index, file) in files.iter().enumerate() {
            for def in &file.dart.definitions {
                by_name
                    .entry((def.class.as_deref(), def.name.as_str()))
                    .or_default()
                    .push((index, def));
            }
        }
        Resolver { files, by_name }
    }

    /// Follows `value`, written in file `file` inside `class` (for names written without one).
    pub fn resolve(&self, value: &Located, file: usize, class: Option<&str>) -> Resolved {
        self.follow(value, file, class, Vec::new())
    }

    fn follow(
        &self,
        value: &Located,
        file: usize,
        class: Option<&str>,
        via: Vec<String>,
    ) -> Resolved {
        let unfollowed = |why: String| Resolved::Unfollowed {
            why,
            file,
            at: value.at,
        };
        match &value.expr {
            Expr::Null => Resolved::Absent,
            Expr::Str(text) | Expr::Number(text) => Resolved::Value(Literal {
                value: text.clone(),
                file,
                at: value.at,
                via,
            }),
            Expr::Ref(path) => {
                if via.len() >= MAX_HOPS {
                    return unfollowed(format!(
                        "reached through more than {MAX_HOPS} constants (`{}` …)",
                        via.join("` → `")
                    ));
                }
                self.reference(path, value, file, class, via)
            }
            Expr::DartDefine(name) => unfollowed(match name {
                Some(name) => {
                    format!("read from `--dart-define={name}=…` at build time (`fromEnvironment`)")
                }
                None => "read from a `--dart-define` at build time (`fromEnvironment`)".into(),
            }),
            Expr::DotEnv => unfollowed("read from an env file (flutter_dotenv) at run time".into()),
            Expr::ByMode {
                mode,
                when_true,
                when_false,
            } => {
                let yes = self.follow(when_true, file, class, via.clone());
                let no = self.follow(when_false, file, class, via);
                match (yes, no) {
                    (Resolved::Value(when_true), Resolved::Value(when_false)) => Resolved::ByMode {
                        mode: *mode,
                        when_true,
                        when_false,
                    },
                    (Resolved::Unfollowed { why, file, at }, _)
                    | (_, Resolved::Unfollowed { why, file, at }) => Resolved::Unfollowed {
                        why: format!("chosen by `{}`, and one branch is {why}", mode_name(*mode)),
                        file,
                        at,
                    },
                    _ => unfollowed(format!(
                        "chosen by `{}`, and one branch is `null`",
                        mode_name(*mode)
                    )),
                }
            }
            Expr::Other(text) => unfollowed(format!("computed at run time (`{text}`)")),
        }
    }

    fn reference(
        &self,
        path: &[String],
        value: &Located,
        file: usize,
        class: Option<&str>,
        mut via: Vec<String>,
    ) -> Resolved {
        let shown = path.join(".");
        let name = path.last().map(String::as_str).unwrap_or_default();
        // `NAME` inside a class is its own member first; `A.NAME` is class A's, or a top-level
        // NAME through an import prefix `A`; `prefix.A.NAME` is class A's.
        let keys: Vec<Key<'_>> = match path {
            [_] => class
                .map(|c| (Some(c), name))
                .into_iter()
                .chain([(None, name)])
                .collect(),
            [qualifier, _] => vec![(Some(qualifier.as_str()), name), (None, name)],
            [.., qualifier, _] => vec![(Some(qualifier.as_str()), name)],
            [] => Vec::new(),
        };
        let found = keys.iter().find_map(|key| self.by_name.get(key));
        let Some(found) = found else {
            return Resolved::Unfollowed {
                why: format!("`{shown}`, which is not a constant defined in the app's `lib/` (it may come from another package, or not be a simple `const`/`final` literal)"),
                file,
                at: value.at,
            };
        };
        if let [(def_file, def)] = found.as_slice() {
            via.push(shown);
            return self.follow(&def.value, *def_file, def.class.as_deref(), via);
        }
        let places: Vec<String> = found
            .iter()
            .map(|(f, def)| {
                let at = self.files[*f].source.locate(def.value.at, "");
                format!("`{}:{}`", at.source, at.line)
            })
            .collect();
        Resolved::Unfollowed {
            why: format!(
                "`{shown}`, which is defined more than once ({}), so the value depends on the imports",
                places.join(", ")
            ),
            file,
            at: value.at,
        }
    }
}

pub(super) fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Debug => "kDebugMode",
        Mode::Release => "kReleaseMode",
    }
}
