//! A small, tolerant Dart scanner: enough of the language to find a constructor or method call by
//! name, read its named arguments (`name: value`), and collect the app's simple constant
//! definitions (`const`, `static const`, `final`, `static final`), in linear time.
//!
//! It lexes instead of using [`super::super::source::blank_comments`]: Dart's strings are not
//! C's. A triple-quoted string spans lines (`'''…http://x…'''`, where a C-like blanker would take
//! `//x'''` for a comment and lose the closing quotes), a raw string (`r'C:\'`) has no escapes,
//! an interpolation (`'${a ? "x" : 'y'}'`) nests strings in strings, and block comments nest.
//! What it cannot read (code that does not parse as Dart) yields fewer tokens, never a panic.

/// How deep string interpolations may nest before the file is given up as unreadable: real code
/// nests two or three levels; this keeps recursion bounded on hostile input.
const MAX_INTERPOLATION_DEPTH: usize = 16;

/// How many tokens a type between `const`/`final` and the name may take (`Map<String, int>?`).
const MAX_TYPE_TOKENS: usize = 16;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Ident,
    Number,
    /// A string literal: its value, or `None` when it interpolates (`'$a'`, `'${b}'`).
    Str(Option<String>),
    Punct,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Token<'a> {
    pub kind: Kind,
    /// The token as written.
    pub text: &'a str,
    /// Byte offset in the file.
    pub start: usize,
}

impl Token<'_> {
    fn is(&self, text: &str) -> bool {
        !matches!(self.kind, Kind::Str(_)) && self.text == text
    }

    fn is_ident(&self) -> bool {
        self.kind == Kind::Ident
    }
}

/// Operators of more than one character that matter to the scanner (`?.` and `??` are not the
/// `?` of a conditional; `==` and `=>` are not the `=` of a definition).
const OPERATORS: &[&str] = &[
    "?..", "...", "??=", "==", "!=", "=>", "??", "?.", "<=", ">=", "&&", "||", "..", "::",
];

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

/// Splits `text` into tokens, comments dropped. `Err(offset)` when interpolations nest deeper
/// than anyone writes.
pub(super) fn lex(text: &str) -> Result<Vec<Token<'_>>, usize> {
    let mut lexer = Lexer {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let mut tokens = Vec::new();
    while let Some(token) = lexer.token(0)? {
        tokens.push(token);
    }
    Ok(tokens)
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$'
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

impl<'a> Lexer<'a> {
    fn at(&self, offset: usize) -> u8 {
        self.bytes.get(offset).copied().unwrap_or(0)
    }

    /// Skips whitespace and comments (block comments nest in Dart).
    fn skip_trivia(&mut self) {
        loop {
            let b = self.at(self.pos);
            if b.is_ascii_whitespace() {
                self.pos += 1;
            } else if b == b'/' && self.at(self.pos + 1) == b'/' {
                self.pos = memchr::memchr(b'\n', &self.bytes[self.pos..])
                    .map_or(self.bytes.len(), |at| self.pos + at);
            } else if b == b'/' && self.at(self.pos + 1) == b'*' {
                let mut depth = 0usize;
                while self.pos < self.bytes.len() {
                    if self.at(self.pos) == b'/' && self.at(self.pos + 1) == b'*' {
                        depth += 1;
                        self.pos += 2;
                    } else if self.at(self.pos) == b'*' && self.at(self.pos + 1) == b'/' {
                        depth -= 1;
                        self.pos += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        self.pos += 1;
                    }
                }
            } else {
                return;
            }
        }
    }

    fn token(&mut self, depth: usize) -> Result<Option<Token<'a>>, usize> {
        self.skip_trivia();
        let start = self.pos;
        let Some(&b) = self.bytes.get(start) else {
            return Ok(None);
        };
        let kind = if b == b'r' && matches!(self.at(start + 1), b'\'' | b'"') {
            self.pos += 1;
            Kind::Str(self.string(true, depth)?)
        } else if b == b'\'' || b == b'"' {
            Kind::Str(self.string(false, depth)?)
        } else if is_ident_start(b) {
            while is_ident_byte(self.at(self.pos)) {
                self.pos += 1;
            }
            Kind::Ident
        } else if b.is_ascii_digit() || (b == b'.' && self.at(start + 1).is_ascii_digit()) {
            self.number();
            Kind::Number
        } else if b >= 0x80 {
            // Not Dart outside strings and comments; step over the whole character.
            self.pos += self.text[start..].chars().next().map_or(1, char::len_utf8);
            Kind::Punct
        } else {
            let op = OPERATORS
                .iter()
                .find(|op| self.bytes[start..].starts_with(op.as_bytes()));
            self.pos += op.map_or(1, |op| op.len());
            Kind::Punct
        };
        // An escape or a `$` at the very end may step past it.
        self.pos = self.pos.min(self.bytes.len());
        Ok(Some(Token {
            kind,
            text: &self.text[start..self.pos],
            start,
        }))
    }

    fn number(&mut self) {
        let hex = self.at(self.pos) == b'0' && matches!(self.at(self.pos + 1), b'x' | b'X');
        if hex {
            self.pos += 2;
        }
        loop {
            let b = self.at(self.pos);
            let exponent_sign = !hex
                && matches!(b, b'+' | b'-')
                && matches!(self.at(self.pos.wrapping_sub(1)), b'e' | b'E');
            let fraction = b == b'.' && self.at(self.pos + 1).is_ascii_digit();
            if b.is_ascii_alphanumeric() || b == b'_' || fraction || exponent_sign {
                self.pos += 1;
            } else {
                return;
            }
        }
    }

    /// A string from its opening quote; its value, or `None` when it interpolates. An
    /// unterminated single-line string ends at the line's end, a triple-quoted one at the file's.
    fn string(&mut self, raw: bool, depth: usize) -> Result<Option<String>, usize> {
        let quote = self.at(self.pos);
        let triple = self.at(self.pos + 1) == quote && self.at(self.pos + 2) == quote;
        self.pos += if triple { 3 } else { 1 };
        let mut value = Vec::new();
        let mut interpolated = false;
        while let Some(&b) = self.bytes.get(self.pos) {
            if b == quote {
                if !triple {
                    self.pos += 1;
                    break;
                }
                if self.at(self.pos + 1) == quote && self.at(self.pos + 2) == quote {
                    self.pos += 3;
                    break;
                }
            }
            if b == b'\n' && !triple {
                break;
            }
            if b == b'\\' && !raw {
                self.escape(&mut value);
            } else if b == b'$' && !raw {
                interpolated = true;
                self.interpolation(depth)?;
            } else {
                value.push(b);
                self.pos += 1;
            }
        }
        Ok(if interpolated {
            None
        } else {
            String::from_utf8(value).ok()
        })
    }

    /// `\n`, `\'`, `\u{1F600}`, `\x41`… at a backslash: decoded into `value`.
    fn escape(&mut self, value: &mut Vec<u8>) {
        let next = self.at(self.pos + 1);
        self.pos += 2;
        let code = match next {
            b'n' => Some('\n'),
            b'r' => Some('\r'),
            b't' => Some('\t'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'v' => Some('\u{b}'),
            b'x' => self.hex_digits(2),
            b'u' if self.at(self.pos) == b'{' => {
                let end = self.bytes[self.pos..]
                    .iter()
                    .take(8)
                    .position(|&b| b == b'}');
                let code = end.and_then(|end| {
                    let digits = &self.text[self.pos + 1..self.pos + end];
                    u32::from_str_radix(digits, 16)
                        .ok()
                        .and_then(char::from_u32)
                });
                if let Some(end) = end {
                    self.pos += end + 1;
                }
                code
            }
            b'u' => self.hex_digits(4),
            0 => None,
            _ => {
                // Any other escaped character stands for itself (`\'`, `\$`, `\\`, `\é`).
                self.pos -= 1;
                let c = self.text[self.pos..].chars().next();
                self.pos += c.map_or(1, char::len_utf8);
                c
            }
        };
        if let Some(c) = code {
            value.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }

    fn hex_digits(&mut self, count: usize) -> Option<char> {
        let digits = self.text.get(self.pos..self.pos + count)?;
        let code = u32::from_str_radix(digits, 16)
            .ok()
            .and_then(char::from_u32)?;
        self.pos += count;
        Some(code)
    }

    /// `$name` or `${ expression }` at the `$`: skipped, strings inside it included.
    fn interpolation(&mut self, depth: usize) -> Result<(), usize> {
        self.pos += 1;
        if self.at(self.pos) != b'{' {
            while is_ident_byte(self.at(self.pos)) {
                self.pos += 1;
            }
            return Ok(());
        }
        if depth >= MAX_INTERPOLATION_DEPTH {
            return Err(self.pos);
        }
        self.pos += 1;
        let mut braces = 0usize;
        while let Some(token) = self.token(depth + 1)? {
            match token.text {
                "{" if token.kind == Kind::Punct => braces += 1,
                "}" if token.kind == Kind::Punct => {
                    if braces == 0 {
                        return Ok(());
                    }
                    braces -= 1;
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Which of Flutter's build-mode constants a conditional tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// `kDebugMode`: true in debug builds only.
    Debug,
    /// `kReleaseMode`: true in release builds only (profile builds take the other branch).
    Release,
}

/// A value as written where the scanner found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Expr {
    /// `null`: the argument is as good as absent.
    Null,
    /// A string literal (adjacent literals joined, as Dart does).
    Str(String),
    /// An integer or other number literal, as written (digit separators dropped).
    Number(String),
    /// `NAME`, `Class.NAME`, `prefix.Class.NAME`.
    Ref(Vec<String>),
    /// `String.fromEnvironment('NAME')`, `int.fromEnvironment(…)`: a `--dart-define`.
    DartDefine(Option<String>),
    /// `dotenv.env['X']`, `dotenv.get('X')`: an env file read at run time.
    DotEnv,
    /// `kDebugMode ? a : b` (or with `kReleaseMode`, or negated): `when_true` in the builds
    /// where `mode` is true.
    ByMode {
        mode: Mode,
        when_true: Box<Located>,
        when_false: Box<Located>,
    },
    /// Anything else (a function call, an interpolated string, arithmetic): as written,
    /// shortened.
    Other(String),
}

/// An [`Expr`] and the byte offset where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Located {
    pub expr: Expr,
    pub at: usize,
}

/// A call found by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Call {
    pub name: String,
    pub at: usize,
    /// The class whose body holds the call, for names written without their class.
    pub class: Option<String>,
    /// The named arguments, in order.
    pub args: Vec<(String, Located)>,
}

/// A `const` / `final` definition at the top level or in a class body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Definition {
    pub class: Option<String>,
    pub name: String,
    pub value: Located,
}

/// What one file holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct DartFile {
    pub calls: Vec<Call>,
    pub definitions: Vec<Definition>,
    /// `import '…'` / `export '…'` targets.
    pub imports: Vec<String>,
}

/// Scans a file for the calls named in `calls` and the constant definitions. `Err(offset)` when
/// the file could not be lexed (see [`lex`]).
pub(super) fn scan(text: &str, calls: &[&str]) -> Result<DartFile, usize> {
    let tokens = lex(text)?;
    let mut file = DartFile::default();
    // The open braces: `Some(class)` for a class body, `None` for any other block.
    let mut scopes: Vec<Option<String>> = Vec::new();
    let mut pending_class: Option<String> = None;
    for (i, token) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1);
        match token.text {
            _ if matches!(token.kind, Kind::Str(_)) => {}
            "{" => scopes.push(pending_class.take()),
            "}" => {
                scopes.pop();
            }
            ";" => pending_class = None,
            "class" | "mixin" | "enum" | "extension" if token.is_ident() => {
                pending_class = next
                    .filter(|t| t.is_ident() && t.text != "on")
                    .map(|t| t.text.to_owned());
            }
            "import" | "export" if token.is_ident() => {
                if let Some(Token {
                    kind: Kind::Str(Some(target)),
                    ..
                }) = next
                {
                    file.imports.push(target.clone());
                }
            }
            "const" | "final" if token.is_ident() => {
                // Only class members and top-level names can be referred to from elsewhere.
                if let Some(None) = scopes.last() {
                    continue;
                }
                let class = scopes.last().cloned().flatten();
                definitions(text, &tokens, i + 1, class, &mut file.definitions);
            }
            name if token.is_ident()
                && calls.contains(&name)
                && next.is_some_and(|t| t.is("(")) =>
            {
                let class = scopes.iter().rev().find_map(Clone::clone);
                file.calls.push(Call {
                    name: name.to_owned(),
                    at: token.start,
                    class,
                    args: named_args(text, &tokens, i + 2),
                });
            }
            _ => {}
        }
    }
    Ok(file)
}

/// The end (exclusive) of the expression starting at `from`: the first `,` `;` or unmatched
/// closer at its own nesting level.
fn expression_end(tokens: &[Token<'_>], from: usize) -> usize {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().skip(from) {
        if token.kind != Kind::Punct {
            continue;
        }
        match token.text {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => {
                if depth == 0 {
                    return i;
                }
                depth -= 1;
            }
            "," | ";" if depth == 0 => return i,
            _ => {}
        }
    }
    tokens.len()
}

/// The named arguments of the call whose `(` is just before `from`.
fn named_args(text: &str, tokens: &[Token<'_>], from: usize) -> Vec<(String, Located)> {
    let mut args = Vec::new();
    let mut i = from;
    while i < tokens.len() {
        let end = expression_end(tokens, i);
        let named = tokens[i].is_ident() && tokens.get(i + 1).is_some_and(|t| t.is(":"));
        // `name: ,` (a template's blank) has no value to read.
        if named && i + 2 < end {
            let value = classify(text, &tokens[i + 2..end]);
            args.push((tokens[i].text.to_owned(), value));
        }
        if tokens.get(end).is_none_or(|t| t.text != ",") {
            break;
        }
        i = end + 1;
    }
    args
}

/// `[Type] NAME = value[, NAME = value]*;` after a `const` or `final` at `from`.
fn definitions(
    text: &str,
    tokens: &[Token<'_>],
    from: usize,
    class: Option<String>,
    out: &mut Vec<Definition>,
) {
    // The name is the identifier just before the first `=`; what comes before it is a type.
    let Some(eq) = tokens[from..]
        .iter()
        .take(MAX_TYPE_TOKENS + 2)
        .position(|t| ["=", ";", "(", ")", "{", ":"].iter().any(|stop| t.is(stop)))
        .map(|at| from + at)
        .filter(|&at| tokens[at].is("=") && at > from && tokens[at - 1].is_ident())
    else {
        return;
    };
    let mut name = eq - 1;
    let mut eq = eq;
    loop {
        let end = expression_end(tokens, eq + 1);
        if end == eq + 1 {
            return;
        }
        out.push(Definition {
            class: class.clone(),
            name: tokens[name].text.to_owned(),
            value: classify(text, &tokens[eq + 1..end]),
        });
        // `const a = 1, b = 2;`
        let more = tokens.get(end).is_some_and(|t| t.is(","))
            && tokens.get(end + 1).is_some_and(Token::is_ident)
            && tokens.get(end + 2).is_some_and(|t| t.is("="));
        if !more {
            return;
        }
        name = end + 1;
        eq = end + 2;
    }
}

/// What an expression's tokens are.
fn classify(text: &str, tokens: &[Token<'_>]) -> Located {
    let at = tokens.first().map_or(0, |t| t.start);
    let expr = classify_expr(text, tokens);
    Located { expr, at }
}

fn classify_expr(text: &str, mut tokens: &[Token<'_>]) -> Expr {
    // `const`/`new` in front of a value change nothing here.
    while tokens.first().is_some_and(|t| t.is("const") || t.is("new")) {
        tokens = &tokens[1..];
    }
    // A trailing `!` (null assertion) changes nothing either.
    if tokens.len() > 1 && tokens.last().is_some_and(|t| t.is("!")) {
        tokens = &tokens[..tokens.len() - 1];
    }
    let Some(first) = tokens.first() else {
        return Expr::Other(String::new());
    };
    if let Some(by_mode) = by_mode(text, tokens) {
        return by_mode;
    }
    if tokens.iter().all(|t| matches!(t.kind, Kind::Str(_))) {
        let mut joined = String::new();
        for token in tokens {
            match &token.kind {
                Kind::Str(Some(part)) => joined.push_str(part),
                _ => return Expr::Other(written(text, tokens)),
            }
        }
        return Expr::Str(joined);
    }
    match tokens {
        [t] if t.is("null") => return Expr::Null,
        [t] if t.kind == Kind::Number => return Expr::Number(t.text.replace('_', "")),
        [minus, t] if minus.is("-") && t.kind == Kind::Number => {
            return Expr::Number(format!("-{}", t.text.replace('_', "")))
        }
        _ => {}
    }
    let is_path = tokens.len() % 2 == 1
        && tokens.iter().enumerate().all(
            |(i, t)| {
                if i % 2 == 0 {
                    t.is_ident()
                } else {
                    t.is(".")
                }
            },
        );
    if is_path && !first.is("true") && !first.is("false") {
        return Expr::Ref(
            tokens
                .iter()
                .step_by(2)
                .map(|t| t.text.to_owned())
                .collect(),
        );
    }
    if let [ty, dot, from_env, open, ..] = tokens {
        let is_env = matches!(ty.text, "String" | "int" | "bool" | "num")
            && dot.is(".")
            && from_env.is("fromEnvironment")
            && open.is("(");
        if is_env {
            let name = match tokens.get(4).map(|t| &t.kind) {
                Some(Kind::Str(Some(name))) => Some(name.clone()),
                _ => None,
            };
            return Expr::DartDefine(name);
        }
    }
    if tokens.iter().any(|t| t.is("dotenv") || t.is("DotEnv")) {
        return Expr::DotEnv;
    }
    Expr::Other(written(text, tokens))
}

/// `kDebugMode ? a : b`, `!kReleaseMode ? a : b`, `foundation.kDebugMode ? …`.
fn by_mode(text: &str, tokens: &[Token<'_>]) -> Option<Expr> {
    let question = tokens.iter().position(|t| t.is("?"))?;
    let mut condition = &tokens[..question];
    let negated = condition.first().is_some_and(|t| t.is("!"));
    if negated {
        condition = &condition[1..];
    }
    let flag = condition.last()?;
    let qualified_ok = condition.len() == 1 || (condition.len() == 3 && condition[1].is("."));
    let mode = match flag.text {
        "kDebugMode" => Mode::Debug,
        "kReleaseMode" => Mode::Release,
        _ => return None,
    };
    if !qualified_ok {
        return None;
    }
    // The `:` that belongs to this `?`: nested conditionals in the first branch have their own.
    let mut open = 0usize;
    let mut depth = 0usize;
    let mut colon = None;
    for (i, t) in tokens.iter().enumerate().skip(question + 1) {
        match t.text {
            "(" | "[" | "{" if t.kind == Kind::Punct => depth += 1,
            ")" | "]" | "}" if t.kind == Kind::Punct => depth = depth.saturating_sub(1),
            "?" if depth == 0 && t.kind == Kind::Punct => open += 1,
            ":" if depth == 0 && t.kind == Kind::Punct => {
                if open == 0 {
                    colon = Some(i);
                    break;
                }
                open -= 1;
            }
            _ => {}
        }
    }
    let colon = colon?;
    let (yes, no) = (&tokens[question + 1..colon], &tokens[colon + 1..]);
    if yes.is_empty() || no.is_empty() {
        return None;
    }
    let (yes, no) = (classify(text, yes), classify(text, no));
    let (when_true, when_false) = if negated { (no, yes) } else { (yes, no) };
    Some(Expr::ByMode {
        mode,
        when_true: Box::new(when_true),
        when_false: Box::new(when_false),
    })
}

/// The expression as written, on one line and at most 60 characters, for messages.
fn written(text: &str, tokens: &[Token<'_>]) -> String {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return String::new();
    };
    let span = &text[first.start..last.start + last.text.len()];
    let flat = span.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 60 {
        let short: String = flat.chars().take(57).collect();
        format!("{short}...")
    } else {
        flat
    }
}

#[cfg(test)]
mod tests;
