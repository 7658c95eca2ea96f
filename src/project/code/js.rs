//! A small, tolerant reader of JavaScript, TypeScript and the `<script>` of Vue files: enough to
//! find a call by name (`tim.registerPlugin({…})`, `Push.registerPush(…)`) and read the object
//! literals and literals handed to it, resolving simple constants and imports of the same file.
//!
//! It is not a parser: it never fails, it only says what it could not follow. Comments are blanked
//! first (offsets kept), the text becomes tokens in one pass, brackets are matched once, so every
//! skip over a function body or an array is a jump: scanning stays linear in the file's size, and
//! minified or broken code gives fewer answers, never a panic or a hang.

use std::collections::HashMap;

use super::super::source::blank_comments;

/// How deep object literals are read inside each other; deeper ones count as not followed.
const MAX_DEPTH: usize = 32;

/// How many steps a name is followed through constants (`const A = B; const B = '1'`).
const MAX_HOPS: usize = 8;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident,
    Str(String),
    /// A template literal with `${…}`: computed at run time.
    Template,
    Num,
    Punct(u8),
}

#[derive(Clone, Debug)]
struct Token {
    kind: Tok,
    start: usize,
    end: usize,
    /// A line break comes before it: where JavaScript inserts a missing `;`.
    line_start: bool,
}

/// A value as written.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Value {
    Str(String),
    Num(String),
    Object(Vec<Member>),
    /// An identifier or a dotted path (`timpushConfigs`, `process.env.X`, `CONFIG.huawei`).
    Name(String),
    /// Anything else, with what it is in words ("a function call").
    Computed(&'static str),
}

/// A value and the byte offset where it starts.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Node {
    pub start: usize,
    pub value: Value,
}

/// A member of an object literal.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Member {
    Pair {
        key: String,
        value: Node,
    },
    /// `...other`: members the reader cannot list.
    Spread(Node),
}

/// A call found by name: `receiver.name(args)`.
#[derive(Clone, Debug)]
pub(super) struct Call {
    /// The dotted path before `.name`, if any (`tim`, `uni.$TUIKit`).
    pub receiver: Option<String>,
    pub args: Vec<Node>,
}

/// An `import` of the file.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Import {
    /// The name it is bound to in this file.
    pub local: String,
    /// The module as written: `@/utils/timpush-configs.json`, `./config`.
    pub source: String,
    /// `import * as X` (or a default import): the whole module.
    pub whole: bool,
    pub start: usize,
}

#[derive(Clone, Debug)]
enum Binding {
    Value(Node),
    Import(Import),
    /// Declared more than once (in different scopes): which one applies is not known.
    Ambiguous,
}

/// What a value comes to after following constants. The reason a value is not followed
/// completes "the value is …": "a function call", "`x`, imported from `./keys.js`".
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Resolved<'a> {
    /// A string or number literal (its text), and where it is written.
    Literal(String, usize),
    Object(&'a [Member], usize),
    /// A binding imported from a JSON file: the import's source and where the import is.
    Json(String, usize),
    /// Not followed, and why.
    Unfollowed(String),
}

/// One script, read.
pub(super) struct Script {
    text: Vec<u8>,
    tokens: Vec<Token>,
    /// For each opening bracket token, the index of its closing one.
    close: Vec<usize>,
    bindings: HashMap<String, Binding>,
    pub imports: Vec<Import>,
}

impl Script {
    /// Reads `bytes`; with `vue`, only the `<script>` blocks (the rest becomes spaces, so offsets
    /// stay those of the file).
    pub fn new(bytes: &[u8], vue: bool) -> Script {
        let mut text = if vue {
            script_blocks(bytes)
        } else {
            bytes.to_vec()
        };
        text = match blank_comments(&text, true) {
            Ok(blanked) => blanked,
            // An unterminated `/*`: what follows it is a comment to the end.
            Err(at) => {
                let mut blanked = blank_comments(&text[..at], true).unwrap_or_default();
                blanked.resize(text.len(), b' ');
                blanked
            }
        };
        let tokens = tokenize(&text);
        let close = match_brackets(&tokens);
        let mut script = Script {
            text,
            tokens,
            close,
            bindings: HashMap::new(),
            imports: Vec::new(),
        };
        script.collect_bindings();
        script
    }

    fn ident(&self, i: usize) -> Option<&str> {
        let token = self.tokens.get(i)?;
        (token.kind == Tok::Ident)
            .then(|| std::str::from_utf8(&self.text[token.start..token.end]).ok())
            .flatten()
    }

    fn punct(&self, i: usize, byte: u8) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == Tok::Punct(byte))
    }

    fn string(&self, i: usize) -> Option<&str> {
        match &self.tokens.get(i)?.kind {
            Tok::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Every call `…name(…)` with its arguments.
    pub fn calls(&self, name: &str) -> Vec<Call> {
        let mut calls = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            if self.ident(i) == Some(name) && self.punct(i + 1, b'(') {
                let declared = i > 0 && matches!(self.ident(i - 1), Some("function"));
                let (args, end) = self.arguments(i + 1);
                if !declared {
                    calls.push(Call {
                        receiver: self.receiver(i),
                        args,
                    });
                }
                i = end.max(i + 1);
            } else {
                i += 1;
            }
        }
        calls
    }

    /// The dotted path before the name at `i` (`a.b.name` → `a.b`).
    fn receiver(&self, i: usize) -> Option<String> {
        let mut parts = Vec::new();
        let mut at = i;
        while at >= 2 && self.punct(at - 1, b'.') {
            match self.ident(at - 2) {
                Some(part) => parts.push(part),
                None => break,
            }
            at -= 2;
        }
        parts.reverse();
        (!parts.is_empty()).then(|| parts.join("."))
    }

    /// The arguments of the call whose `(` is at `open`, and the index after its `)`.
    fn arguments(&self, open: usize) -> (Vec<Node>, usize) {
        let close = self.close[open];
        let mut args = Vec::new();
        let mut i = open + 1;
        while i < close {
            let (node, next) = self.value(i, 0);
            args.push(node);
            i = next;
            if self.punct(i, b',') {
                i += 1;
            } else {
                break;
            }
        }
        (args, close + 1)
    }

    /// True for a token that ends a value: `,` `;` or a closing bracket (or the end), or a
    /// name or literal on the next line (a statement without `;`).
    fn ends_value(&self, i: usize) -> bool {
        match self.tokens.get(i) {
            None => true,
            Some(t) => match t.kind {
                Tok::Punct(b) => matches!(b, b',' | b';' | b')' | b']' | b'}'),
                _ => t.line_start,
            },
        }
    }

    /// Skips to the end of the value that starts at `i`: the next `,` `;` or closing bracket
    /// outside brackets, or a statement on the next line. Brackets are jumped over.
    fn skip_value(&self, mut i: usize) -> usize {
        let mut first = true;
        while let Some(token) = self.tokens.get(i) {
            let separator = matches!(token.kind, Tok::Punct(b',' | b';' | b')' | b']' | b'}'));
            if separator || (!first && self.ends_value(i)) {
                break;
            }
            first = false;
            i = if matches!(token.kind, Tok::Punct(b'(' | b'[' | b'{')) {
                self.close[i] + 1
            } else {
                i + 1
            };
        }
        i
    }

    /// Reads the value starting at token `i`; returns it and the index of the token after it.
    fn value(&self, i: usize, depth: usize) -> (Node, usize) {
        let Some(token) = self.tokens.get(i) else {
            return (
                Node {
                    start: self.text.len(),
                    value: Value::Computed("nothing"),
                },
                i,
            );
        };
        let start = token.start;
        let node = |value| Node { start, value };
        let (value, next) = match &token.kind {
            Tok::Str(s) => (Value::Str(s.clone()), i + 1),
            Tok::Num => (
                Value::Num(
                    String::from_utf8_lossy(&self.text[token.start..token.end]).into_owned(),
                ),
                i + 1,
            ),
            Tok::Template => (Value::Computed("a template string with ${…}"), i + 1),
            Tok::Punct(b'{') if depth < MAX_DEPTH => {
                (Value::Object(self.object(i, depth + 1)), self.close[i] + 1)
            }
            Tok::Punct(b'[') => (Value::Computed("an array"), self.close[i] + 1),
            Tok::Punct(b'(') if self.punct(self.close[i] + 1, b'=') => {
                (Value::Computed("a function"), self.skip_value(i))
            }
            Tok::Ident => {
                let (path, next) = self.path(i);
                if matches!(path.as_str(), "function" | "async" | "new" | "await") {
                    return (
                        node(Value::Computed("computed at run time")),
                        self.skip_value(i),
                    );
                }
                if self.punct(next, b'(') {
                    let after = self.close[next] + 1;
                    if self.ends_value(after) {
                        return (node(Value::Computed("a function call")), after);
                    }
                    return (
                        node(Value::Computed("an expression")),
                        self.skip_value(after),
                    );
                }
                (Value::Name(path), next)
            }
            _ => return (node(Value::Computed("an expression")), self.skip_value(i)),
        };
        if self.ends_value(next) {
            (node(value), next)
        } else if self.ident(next) == Some("as")
            || (self.punct(next, b'!') && !self.punct(next + 1, b'='))
        {
            // TypeScript's `'1' as const`, `x!`: the value stays what it is.
            (node(value), self.skip_value(next))
        } else {
            // `'1' + x`, `a || b`, `x ? y : z`, `a as string`: an expression.
            (
                node(Value::Computed("an expression")),
                self.skip_value(next),
            )
        }
    }

    /// A dotted path from `i` (`a.b?.c`) and the index after it.
    fn path(&self, i: usize) -> (String, usize) {
        let mut path = self.ident(i).unwrap_or_default().to_owned();
        let mut next = i + 1;
        loop {
            // `?.` is two tokens here: `?` then `.`.
            let dot = if self.punct(next, b'.') {
                next + 1
            } else if self.punct(next, b'?') && self.punct(next + 1, b'.') {
                next + 2
            } else {
                break;
            };
            match self.ident(dot) {
                Some(part) => {
                    path.push('.');
                    path.push_str(part);
                    next = dot + 1;
                }
                None => break,
            }
        }
        (path, next)
    }

    /// The members of the object literal whose `{` is at `open`.
    fn object(&self, open: usize, depth: usize) -> Vec<Member> {
        let close = self.close[open];
        let mut members = Vec::new();
        let mut i = open + 1;
        while i < close {
            if self.punct(i, b'.') && self.punct(i + 1, b'.') && self.punct(i + 2, b'.') {
                let (node, next) = self.value(i + 3, depth);
                members.push(Member::Spread(node));
                i = next;
            } else {
                let key = match &self.tokens[i].kind {
                    Tok::Str(s) => Some(s.clone()),
                    Tok::Ident => self.ident(i).map(str::to_owned),
                    Tok::Num => Some(
                        String::from_utf8_lossy(
                            &self.text[self.tokens[i].start..self.tokens[i].end],
                        )
                        .into_owned(),
                    ),
                    _ => None,
                };
                match key {
                    Some(key) if self.punct(i + 1, b':') => {
                        let (value, next) = self.value(i + 2, depth);
                        members.push(Member::Pair { key, value });
                        i = next;
                    }
                    // Shorthand `{ timpushConfigs }`.
                    Some(key) if self.punct(i + 1, b',') || i + 1 == close => {
                        let value = Node {
                            start: self.tokens[i].start,
                            value: Value::Name(key.clone()),
                        };
                        members.push(Member::Pair { key, value });
                        i += 1;
                    }
                    // A method, a getter, a computed key: nothing this reader reads.
                    _ => i = self.skip_value(i),
                }
            }
            if self.punct(i, b',') {
                i += 1;
            } else if i < close {
                // Something unexpected: resume after the next comma.
                i = self.skip_value(i + 1);
                if self.punct(i, b',') {
                    i += 1;
                } else {
                    break;
                }
            }
        }
        members
    }

    /// `const|let|var NAME = value` and `import … from '…'`, anywhere in the file. A name
    /// declared twice (in different functions) is ambiguous and never followed.
    fn collect_bindings(&mut self) {
        let mut bindings: Vec<(String, Binding)> = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            match self.ident(i) {
                Some("const" | "let" | "var") => {
                    if let Some(name) = self.ident(i + 1) {
                        // `const x: string = …` (TypeScript): the type is skipped.
                        let mut at = i + 2;
                        if self.punct(at, b':') {
                            while at < self.tokens.len()
                                && !self.punct(at, b'=')
                                && !self.ends_value(at)
                            {
                                at += 1;
                            }
                        }
                        if self.punct(at, b'=') && !self.punct(at + 1, b'=') {
                            let (node, _) = self.value(at + 1, 0);
                            bindings.push((name.to_owned(), Binding::Value(node)));
                        }
                    }
                }
                // Not `import(…)`, `import.meta`, nor a key named `import`.
                Some("import")
                    if !self.punct(i + 1, b'(')
                        && !self.punct(i + 1, b'.')
                        && !self.punct(i + 1, b':') =>
                {
                    bindings.extend(self.import(i).into_iter().map(|import| {
                        self.imports.push(import.clone());
                        (import.local.clone(), Binding::Import(import))
                    }));
                }
                _ => {}
            }
            i += 1;
        }
        for (name, binding) in bindings {
            self.bindings
                .entry(name)
                .and_modify(|b| *b = Binding::Ambiguous)
                .or_insert(binding);
        }
    }

    /// The names `import … from 'source'` at `i` binds: `X` and `* as X` bind the whole
    /// module, `{ a, b as c }` single exports.
    fn import(&self, i: usize) -> Vec<Import> {
        // The statement's tokens up to its source string (bounded: an import is short).
        let Some(from) =
            (i + 1..self.tokens.len().min(i + 200)).find(|&j| self.string(j).is_some())
        else {
            return Vec::new();
        };
        let source = self.string(from).unwrap_or_default().to_owned();
        let start = self.tokens[i].start;
        let bind = |local: &str, whole: bool| Import {
            local: local.to_owned(),
            source: source.clone(),
            whole,
            start,
        };
        let mut imports = Vec::new();
        let mut braces = false;
        let mut j = i + 1;
        while j < from {
            let name = self.ident(j);
            if self.punct(j, b'{') {
                braces = true;
            } else if self.punct(j, b'}') {
                braces = false;
            } else if self.ident(j + 1) == Some("as") && (name.is_some() || self.punct(j, b'*')) {
                if let Some(local) = self.ident(j + 2) {
                    imports.push(bind(local, self.punct(j, b'*')));
                }
                j += 3;
                continue;
            } else if let Some(name) = name {
                // `import type { T }`: a type, and `from`, are not bindings.
                let keyword = name == "from" || (name == "type" && j == i + 1);
                if !keyword {
                    imports.push(bind(name, !braces));
                }
            }
            j += 1;
        }
        imports
    }

    /// Follows `node` through the file's constants and imports.
    pub fn resolve<'a>(&'a self, node: &'a Node) -> Resolved<'a> {
        self.resolve_hops(node, 0)
    }

    fn resolve_hops<'a>(&'a self, node: &'a Node, hops: usize) -> Resolved<'a> {
        match &node.value {
            Value::Str(s) | Value::Num(s) => Resolved::Literal(s.clone(), node.start),
            Value::Object(members) => Resolved::Object(members, node.start),
            Value::Computed(what) => Resolved::Unfollowed((*what).to_owned()),
            Value::Name(name) if matches!(name.as_str(), "null" | "undefined") => {
                // No value at all: the SDK gets nothing, as with ''.
                Resolved::Literal(String::new(), node.start)
            }
            Value::Name(path) => {
                if hops >= MAX_HOPS {
                    return Resolved::Unfollowed(format!("`{path}`, which refers to itself"));
                }
                if path.starts_with("process.env.") || path.starts_with("import.meta.env.") {
                    return Resolved::Unfollowed(format!(
                        "read from the environment at build time (`{path}`)"
                    ));
                }
                let mut parts = path.split('.');
                let head = parts.next().unwrap_or_default();
                let mut current = match self.bindings.get(head) {
                    None => {
                        return Resolved::Unfollowed(format!(
                            "`{head}`, which is not a constant of this file"
                        ))
                    }
                    Some(Binding::Ambiguous) => {
                        return Resolved::Unfollowed(format!(
                            "`{head}`, which is declared more than once in this file"
                        ))
                    }
                    Some(Binding::Import(import)) => {
                        let json = import.source.ends_with(".json");
                        return if json && import.whole && path == head {
                            Resolved::Json(import.source.clone(), import.start)
                        } else {
                            Resolved::Unfollowed(format!(
                                "`{head}`, imported from `{}`",
                                import.source
                            ))
                        };
                    }
                    Some(Binding::Value(value)) => self.resolve_hops(value, hops + 1),
                };
                // `CONFIG.huawei.id`: members of a constant object.
                for part in parts {
                    current = match current {
                        Resolved::Object(members, _) => match pair(members, part) {
                            Some(value) => self.resolve_hops(value, hops + 1),
                            None => {
                                return Resolved::Unfollowed(format!(
                                    "`{path}`, which is not a member pushdiag can follow"
                                ))
                            }
                        },
                        Resolved::Unfollowed(why) => return Resolved::Unfollowed(why),
                        _ => {
                            return Resolved::Unfollowed(format!(
                                "`{path}`, which is not a member pushdiag can follow"
                            ))
                        }
                    };
                }
                current
            }
        }
    }
}

/// The value of member `key` (the last one, as JavaScript keeps it).
pub(super) fn pair<'a>(members: &'a [Member], key: &str) -> Option<&'a Node> {
    members.iter().rev().find_map(|m| match m {
        Member::Pair { key: k, value } if k == key => Some(value),
        _ => None,
    })
}

/// The `<script>` blocks of a Vue file, everything else replaced by spaces (newlines kept).
fn script_blocks(bytes: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = bytes
        .iter()
        .map(|&b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    let mut at = 0;
    while let Some(open) = memchr::memmem::find(&bytes[at..], b"<script").map(|o| at + o) {
        let Some(body) = memchr::memchr(b'>', &bytes[open..]).map(|o| open + o + 1) else {
            break;
        };
        let end = memchr::memmem::find(&bytes[body..], b"</script")
            .map(|o| body + o)
            .unwrap_or(bytes.len());
        out[body..end].copy_from_slice(&bytes[body..end]);
        at = end;
    }
    out
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// The tokens of the (comment-free) text, in one pass.
fn tokenize(text: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut line_start = false;
    while i < text.len() {
        let b = text[i];
        let start = i;
        let kind = if b.is_ascii_whitespace() {
            line_start |= b == b'\n';
            i += 1;
            continue;
        } else if b.is_ascii_digit() {
            while i < text.len() && (is_ident_byte(text[i]) || text[i] == b'.') {
                i += 1;
            }
            Tok::Num
        } else if is_ident_byte(b) {
            while i < text.len() && is_ident_byte(text[i]) {
                i += 1;
            }
            Tok::Ident
        } else if b == b'\'' || b == b'"' {
            let (value, end) = quoted(text, i, b);
            i = end;
            Tok::Str(value)
        } else if b == b'`' {
            let end = memchr::memchr(b'`', &text[i + 1..]).map_or(text.len(), |o| i + 1 + o + 1);
            let body = &text[i + 1..end.saturating_sub(1).max(i + 1)];
            i = end;
            if memchr::memmem::find(body, b"${").is_some() {
                Tok::Template
            } else {
                Tok::Str(String::from_utf8_lossy(body).into_owned())
            }
        } else {
            i += 1;
            Tok::Punct(b)
        };
        tokens.push(Token {
            kind,
            start,
            end: i,
            line_start,
        });
        line_start = false;
    }
    tokens
}

/// A `'…'` or `"…"` string from `i`: its value and the index after it. A string ends at its
/// quote or, unterminated, at the end of the line (as the comment blanker reads it).
fn quoted(text: &[u8], i: usize, quote: u8) -> (String, usize) {
    let mut value = Vec::new();
    let mut j = i + 1;
    while j < text.len() && text[j] != quote && text[j] != b'\n' {
        if text[j] == b'\\' && j + 1 < text.len() {
            value.push(match text[j + 1] {
                b'n' => b'\n',
                b't' => b'\t',
                other => other,
            });
            j += 2;
        } else {
            value.push(text[j]);
            j += 1;
        }
    }
    (
        String::from_utf8_lossy(&value).into_owned(),
        (j + 1).min(text.len()),
    )
}

/// For each opening bracket, the index of the token that closes it (the end when none does).
fn match_brackets(tokens: &[Token]) -> Vec<usize> {
    let mut close = vec![tokens.len(); tokens.len()];
    let mut open = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            Tok::Punct(b'(' | b'[' | b'{') => open.push(i),
            Tok::Punct(b')' | b']' | b'}') => {
                if let Some(o) = open.pop() {
                    close[o] = i;
                }
            }
            _ => {}
        }
    }
    close
}

#[cfg(test)]
mod tests;
