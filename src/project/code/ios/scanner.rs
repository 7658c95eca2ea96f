//! What one Swift or Objective-C file says about TIMPush / TUIOfflinePush: the types adopting
//! `TIMPushDelegate`, their `businessID` / `offlinePushCertificateID` methods and what those
//! return, `TUIOfflinePushCertificateIDForAPNS(…)`, and the SDK imports. One pass over the
//! tokens with bounded look-ahead: linear in the file's size.
// Spellings: ../shared/reference/timpush.md §2.1 (TIMPushDelegate, Unity's category), §2.2
// (Flutter's AppDelegate.swift); the TUIOfflinePush macro `TUIOfflinePushCertificateIDForAPNS(id)`
// expands to `- (int)push_certificateIDForAPNS { return id; }` in the pod's header.

use super::tokens::{tokenize, Cond, Kind, Tokens};

/// The method names TIMPush reads the certificate ID from; the second is deprecated.
pub(super) const METHODS: [&str; 2] = ["businessID", "offlinePushCertificateID"];
pub(super) const DELEGATE: &str = "TIMPushDelegate";
pub(super) const LEGACY_MACRO: &str = "TUIOfflinePushCertificateIDForAPNS";
/// Flutter `tencent_cloud_chat_push`'s Swift class whose `businessID()` hands on the Dart
/// side's `apnsCertificateID`.
const FLUTTER_MODAL: &str = "TencentCloudChatPushFlutterModal";

/// How far a declaration's header is read before giving up (tokens).
const LOOKAHEAD: usize = 200;

/// How many methods and macro invocations one file is read for.
const MAX_FOUND: usize = 32;

/// What a method (or the legacy macro) hands the SDK.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Returned {
    /// Values with where each is written and the build it applies to.
    Values(Vec<Value>),
    /// `TencentCloudChatPushFlutterModal.shared.businessID()`: the Dart side's value.
    FlutterModal,
    /// Something else, as written (shortened), with why it was not followed (a phrase that
    /// follows the expression: "not defined in the same file").
    Unfollowed {
        expr: String,
        why: String,
        at: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Value {
    pub value: String,
    pub at: usize,
    pub cond: Cond,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Adopter {
    pub type_name: String,
    pub at: usize,
    pub swift: bool,
    /// `@objcMembers` on the class: every member is visible to Objective-C.
    pub objc_members: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Method {
    /// The class, extension or `@implementation` it is in; empty at file level.
    pub type_name: String,
    pub name: &'static str,
    pub at: usize,
    pub swift: bool,
    /// Swift: `@objc` written on the method.
    pub objc: bool,
    pub returned: Returned,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct FileScan {
    pub imports_timpush: bool,
    pub imports_tuiofflinepush: bool,
    /// Swift `import tencent_cloud_chat_push` (the Flutter plugin).
    pub imports_chat_push: bool,
    pub adopters: Vec<Adopter>,
    pub methods: Vec<Method>,
    /// `TUIOfflinePushCertificateIDForAPNS(…)` invocations, with where each is.
    pub legacy: Vec<(Returned, usize)>,
}

/// A container being read: a Swift type body (closed by its brace) or an Objective-C
/// `@implementation` (closed by `@end`).
struct Container {
    name: String,
    /// Swift: the brace depth inside the body; Objective-C: `None`.
    depth: Option<usize>,
}

/// Scans one file's bytes.
pub(super) fn scan(bytes: &[u8], swift: bool) -> FileScan {
    let t = tokenize(bytes);
    let mut out = FileScan::default();
    for import in &t.imports {
        note_import(&mut out, import);
    }
    let toks = &t.tokens;
    let mut depth = 0usize;
    let mut containers: Vec<Container> = Vec::new();
    let mut i = 0;
    // Each method or macro found resolves its constants over the whole file: a bound keeps a
    // file of thousands of them linear.
    while i < toks.len() && out.methods.len() + out.legacy.len() < MAX_FOUND {
        let word = t.text(&toks[i]);
        match word {
            b"{" => depth += 1,
            b"}" => {
                depth = depth.saturating_sub(1);
                while containers
                    .last()
                    .is_some_and(|c| c.depth.is_some_and(|d| d > depth))
                {
                    containers.pop();
                }
            }
            b"import" | b"@import" if toks.get(i + 1).is_some_and(|n| !n.newline) => {
                note_import(&mut out, &String::from_utf8_lossy(t.text(&toks[i + 1])));
            }
            b"class" | b"extension" | b"struct" | b"actor" | b"enum" if swift => {
                if let Some((name, adopts, open)) = swift_type(&t, i) {
                    if adopts {
                        out.adopters.push(Adopter {
                            type_name: name.clone(),
                            at: toks[i].start,
                            swift: true,
                            objc_members: preceded_by(&t, i, "@objcMembers"),
                        });
                    }
                    // The `{` itself is counted when the loop reaches it.
                    containers.push(Container {
                        name,
                        depth: Some(depth + 1),
                    });
                    i = open;
                    continue;
                }
            }
            b"@interface" => {
                if let Some(name) = ident_at(&t, i + 1) {
                    if objc_adopts(&t, i) {
                        out.adopters.push(Adopter {
                            type_name: name,
                            at: toks[i].start,
                            swift: false,
                            objc_members: false,
                        });
                    }
                }
            }
            b"@implementation" => {
                if let Some(name) = ident_at(&t, i + 1) {
                    containers.push(Container { name, depth: None });
                }
            }
            b"@end" if containers.last().is_some_and(|c| c.depth.is_none()) => {
                containers.pop();
            }
            b"func" if swift => {
                if let Some(method) = swift_method(&t, i, &containers) {
                    out.methods.push(method);
                }
            }
            b"-" if !swift => {
                if let Some(method) = objc_method(&t, i, &containers) {
                    out.methods.push(method);
                }
            }
            _ if word == LEGACY_MACRO.as_bytes() && t.is(i + 1, "(") => {
                if let Some(close) = matching(&t, i + 1, b"(", b")") {
                    out.legacy.push((returned(&t, i + 2, close), toks[i].start));
                    i = close;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn note_import(out: &mut FileScan, import: &str) {
    let module = import
        .trim_matches(|c: char| matches!(c, '<' | '>' | '"' | ';' | ' '))
        .split(['/', '.'])
        .next()
        .unwrap_or_default();
    match module {
        // Unity's package names the framework TPush.
        "TIMPush" | "TPush" => out.imports_timpush = true,
        "TUIOfflinePush" | "TUIOfflinePushManager+Advance" => out.imports_tuiofflinepush = true,
        "tencent_cloud_chat_push" => out.imports_chat_push = true,
        _ => {}
    }
}

fn ident_at(t: &Tokens, at: usize) -> Option<String> {
    let tok = t.tokens.get(at)?;
    (tok.kind == Kind::Ident).then(|| String::from_utf8_lossy(t.text(tok)).into_owned())
}

/// True when one of the few tokens before `at` (the declaration's attributes and modifiers) is
/// `word`.
fn preceded_by(t: &Tokens, at: usize, word: &str) -> bool {
    (at.saturating_sub(8)..at)
        .rev()
        .take_while(|&j| !matches!(t.text(&t.tokens[j]), b"}" | b"{" | b";"))
        .any(|j| t.is(j, word))
}

/// The closing token matching the opener at `open`, within [`LOOKAHEAD`]·16 tokens.
fn matching(t: &Tokens, open: usize, opener: &[u8], closer: &[u8]) -> Option<usize> {
    let mut level = 0usize;
    let end = t.tokens.len().min(open + LOOKAHEAD * 16);
    for j in open..end {
        let text = t.text(&t.tokens[j]);
        if text == opener {
            level += 1;
        } else if text == closer {
            level -= 1;
            if level == 0 {
                return Some(j);
            }
        }
    }
    None
}

/// `class Name: A, TIMPushDelegate {`: the name, whether the list adopts the delegate, and
/// the index of the `{`. `class func` and the like are not declarations.
fn swift_type(t: &Tokens, at: usize) -> Option<(String, bool, usize)> {
    let mut name = ident_at(t, at + 1)?;
    if matches!(
        name.as_str(),
        "func" | "var" | "let" | "override" | "final" | "public" | "private" | "static"
    ) {
        return None;
    }
    let mut j = at + 2;
    // `extension Outer.Inner`: the last part names the type.
    while t.is(j, ".") {
        name = ident_at(t, j + 1)?;
        j += 2;
    }
    let mut adopts = false;
    let end = t.tokens.len().min(j + LOOKAHEAD);
    while j < end {
        match t.text(&t.tokens[j]) {
            b"{" => return Some((name, adopts, j)),
            b";" | b"}" | b"=" => return None,
            text => adopts |= text == DELEGATE.as_bytes(),
        }
        j += 1;
    }
    None
}

/// `@interface Name … <…, TIMPushDelegate>`: the protocol list before the body or `@end`.
fn objc_adopts(t: &Tokens, at: usize) -> bool {
    let end = t.tokens.len().min(at + LOOKAHEAD);
    let mut in_list = false;
    for j in at + 1..end {
        match t.text(&t.tokens[j]) {
            b"<" => in_list = true,
            b">" => in_list = false,
            b"{" | b"@end" | b"-" | b"+" | b"@property" | b";" => return false,
            text if in_list && text == DELEGATE.as_bytes() => return true,
            _ => {}
        }
    }
    false
}

fn container_name(containers: &[Container]) -> String {
    containers
        .last()
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

fn method_name(t: &Tokens, at: usize) -> Option<&'static str> {
    METHODS.into_iter().find(|m| t.is(at, m))
}

/// `[@objc] func businessID() -> Int32 { … }`.
fn swift_method(t: &Tokens, at: usize, containers: &[Container]) -> Option<Method> {
    let name = method_name(t, at + 1)?;
    if !(t.is(at + 2, "(") && t.is(at + 3, ")")) {
        return None;
    }
    let end = t.tokens.len().min(at + 16);
    let open = (at + 4..end).find(|&j| matches!(t.text(&t.tokens[j]), b"{" | b";" | b"}"))?;
    let objc = preceded_by(t, at, "@objc");
    with_body(t, open, containers, (name, at + 1), true, objc)
}

/// The method named by the token `name.1` whose body opens at `open` (when it is a `{`).
fn with_body(
    t: &Tokens,
    open: usize,
    containers: &[Container],
    name: (&'static str, usize),
    swift: bool,
    objc: bool,
) -> Option<Method> {
    if !t.is(open, "{") {
        return None;
    }
    let close = matching(t, open, b"{", b"}")?;
    Some(Method {
        type_name: container_name(containers),
        name: name.0,
        at: t.tokens[name.1].start,
        swift,
        objc,
        returned: returned_by_body(t, open, close),
    })
}

/// `- (int)businessID { … }` (a declaration ending in `;` is not an implementation).
fn objc_method(t: &Tokens, at: usize, containers: &[Container]) -> Option<Method> {
    if !t.is(at + 1, "(") {
        return None;
    }
    let type_close = (at + 2..t.tokens.len().min(at + 10)).find(|&j| t.is(j, ")"))?;
    let name = method_name(t, type_close + 1)?;
    with_body(
        t,
        type_close + 2,
        containers,
        (name, type_close + 1),
        false,
        true,
    )
}

/// What a body `{ … }` returns: every `return` (or, with none, the body as Swift's implicit
/// return).
fn returned_by_body(t: &Tokens, open: usize, close: usize) -> Returned {
    let returns: Vec<usize> = (open + 1..close).filter(|&j| t.is(j, "return")).collect();
    if returns.is_empty() {
        return returned(t, open + 1, close);
    }
    let mut values = Vec::new();
    for r in returns {
        let mut end = r + 1;
        while end < close
            && !matches!(t.text(&t.tokens[end]), b";" | b"}")
            && !(end > r + 1 && t.tokens[end].newline)
        {
            end += 1;
        }
        match returned(t, r + 1, end) {
            Returned::Values(found) => values.extend(found),
            other => return other,
        }
    }
    combine(values, t.tokens[open].start)
}

/// The values of several returns: one per build, else not followed.
fn combine(mut values: Vec<Value>, at: usize) -> Returned {
    // A value under a condition pushdiag does not read counts for every build when it is the
    // only one; with others, which one a build gets is unknown.
    let others = values.iter().any(|v| v.cond == Cond::Other);
    let mut seen = Vec::new();
    values.retain(|v| {
        let new = !seen.contains(&(v.value.clone(), v.cond));
        seen.push((v.value.clone(), v.cond));
        new
    });
    if others && values.len() == 1 {
        values[0].cond = Cond::Any;
    }
    let conds: Vec<Cond> = values.iter().map(|v| v.cond).collect();
    let clear = match conds.as_slice() {
        [_] => true,
        [a, b] => matches!(
            (a, b),
            (Cond::Debug, Cond::Release) | (Cond::Release, Cond::Debug)
        ),
        _ => false,
    };
    if clear || values.is_empty() {
        Returned::Values(values)
    } else {
        Returned::Unfollowed {
            expr: values
                .iter()
                .map(|v| v.value.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            why: "one of several values chosen by conditions pushdiag does not evaluate".to_owned(),
            at,
        }
    }
}

/// Decimal digits of a number token (`1_234_567`, `123L`), or `None` for hex and floats.
fn number(text: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(text);
    let digits: String = text
        .trim_end_matches(['u', 'U', 'l', 'L'])
        .chars()
        .filter(|&c| c != '_')
        .collect();
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// What the tokens `from..to` (an expression) evaluate to.
fn returned(t: &Tokens, from: usize, to: usize) -> Returned {
    let toks = &t.tokens[from.min(to)..to];
    let words: Vec<&[u8]> = toks.iter().map(|tok| t.text(tok)).collect();
    let at = toks.first().map_or(0, |tok| tok.start);
    if words.iter().any(|w| *w == FLUTTER_MODAL.as_bytes()) {
        return Returned::FlutterModal;
    }
    // Strip `(int)` casts, `Int32(…)` conversions and parentheses.
    let idx: Vec<usize> = (0..toks.len()).collect();
    let mut core: &[usize] = &idx;
    while core.len() >= 3 {
        let w = |k: usize| words[core[k]];
        let last = core.len() - 1;
        let ident = |k: usize| toks[core[k]].kind == Kind::Ident;
        if core.len() >= 4 && w(0) == b"(" && ident(1) && w(2) == b")" {
            core = &core[3..];
        } else if w(0) == b"(" && w(last) == b")" {
            core = &core[1..last];
        } else if core.len() >= 4 && ident(0) && w(1) == b"(" && w(last) == b")" {
            core = &core[2..last];
        } else {
            break;
        }
    }
    let expr = String::from_utf8_lossy(&t.text[at..toks.last().map_or(at, |tok| tok.end)])
        .chars()
        .take(60)
        .collect::<String>();
    match core {
        [one] if toks[*one].kind == Kind::Number => match number(words[*one]) {
            Some(value) => Returned::Values(vec![Value {
                value,
                at: toks[*one].start,
                cond: toks[*one].cond,
            }]),
            None => Returned::Unfollowed {
                expr,
                why: "not a decimal number".to_owned(),
                at,
            },
        },
        [one] if toks[*one].kind == Kind::Ident => {
            let name = String::from_utf8_lossy(words[*one]).into_owned();
            resolve(t, &name, toks[*one].cond, at, expr)
        }
        _ => Returned::Unfollowed {
            expr,
            why: "not a number or a constant of the same file".to_owned(),
            at,
        },
    }
}

/// A constant of the file: `let NAME: Int32 = 123`, `static const int NAME = 123;`,
/// `int NAME = 123;` (a local), `#define NAME 123`. Each definition counts (one per `#if DEBUG`
/// branch gives one value per build); several in the same build are not followed.
fn resolve(t: &Tokens, name: &str, use_cond: Cond, at: usize, expr: String) -> Returned {
    let mut values = Vec::new();
    for define in t.defines.iter().filter(|d| d.name == name) {
        let body = define.body.trim_matches(['(', ')', ' ']);
        let offset = define.body_start + define.body.find(body).unwrap_or(0);
        match number(body.as_bytes()) {
            Some(value) => values.push(Value {
                value,
                at: offset,
                cond: define.cond,
            }),
            None => {
                return Returned::Unfollowed {
                    expr,
                    why: format!("defined as `{}`, not a number", define.body),
                    at: define.body_start,
                }
            }
        }
    }
    let toks = &t.tokens;
    for j in 0..toks.len() {
        if t.text(&toks[j]) != name.as_bytes() || (j > 0 && t.is(j - 1, ".")) {
            continue;
        }
        // `NAME = 1` or `NAME: Int32 = 1`, ending the statement.
        let eq = if t.is(j + 1, "=") {
            j + 1
        } else if t.is(j + 1, ":") && t.is(j + 3, "=") {
            j + 3
        } else {
            continue;
        };
        let value_at = eq + 1;
        let ends = toks
            .get(value_at + 1)
            .is_none_or(|n| n.newline || t.is(value_at + 1, ";"));
        let Some(value) = toks
            .get(value_at)
            .filter(|v| v.kind == Kind::Number && ends)
        else {
            return Returned::Unfollowed {
                expr,
                why: "not assigned a plain number".to_owned(),
                at: toks[j].start,
            };
        };
        match number(t.text(value)) {
            Some(v) => values.push(Value {
                value: v,
                at: value.start,
                cond: value.cond,
            }),
            None => {
                return Returned::Unfollowed {
                    expr,
                    why: "not a decimal number".to_owned(),
                    at: value.start,
                }
            }
        }
    }
    if values.is_empty() {
        return Returned::Unfollowed {
            expr,
            why: "not defined in the same file".to_owned(),
            at,
        };
    }
    // A constant defined once for every build takes the build of the place it is returned.
    if let [one] = values.as_mut_slice() {
        if one.cond == Cond::Any {
            one.cond = use_cond;
        }
    }
    combine(values, at)
}

#[cfg(test)]
mod tests;
