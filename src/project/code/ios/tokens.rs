//! A tolerant tokenizer for Swift and Objective-C, just enough to find an app delegate's push
//! registration: identifiers, numbers, strings and punctuation, with the `#if DEBUG` branch each
//! token sits in. Comments are blanked first ([`blank_comments`]); one pass, linear in the file's
//! size; bytes that are not UTF-8 are identifier bytes, so a GBK-encoded comment or string costs
//! nothing.

use super::super::super::source::blank_comments;

/// Which preprocessor branch a token is compiled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cond {
    /// Every build.
    Any,
    /// `#if DEBUG` / `#ifdef DEBUG`.
    Debug,
    /// The `#else` of `#if DEBUG`, `#ifndef DEBUG`, `#if !DEBUG`.
    Release,
    /// Under a condition pushdiag does not evaluate (`#if canImport(TIMPush)`, `#if TARGET_…`).
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Letters, digits, `_`, `$`, bytes ≥ 0x80; a leading `@` is kept (`@objc`, `@interface`).
    Ident,
    Number,
    Str,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// A line break between the previous token and this one (Swift statements end there).
    pub newline: bool,
    pub cond: Cond,
}

/// `#define NAME body` (one line, `\` continuations included).
#[derive(Clone, Debug)]
pub(super) struct Define {
    pub name: String,
    pub body: String,
    pub body_start: usize,
    pub cond: Cond,
}

/// A file as tokens, with its `#define`s and `#import`/`#include` lines.
pub(super) struct Tokens {
    /// The text with comments blanked; offsets are the file's.
    pub text: Vec<u8>,
    pub tokens: Vec<Token>,
    pub defines: Vec<Define>,
    pub imports: Vec<String>,
}

impl Tokens {
    pub fn text(&self, token: &Token) -> &[u8] {
        &self.text[token.start..token.end]
    }

    pub fn is(&self, at: usize, word: &str) -> bool {
        self.tokens
            .get(at)
            .is_some_and(|t| self.text(t) == word.as_bytes())
    }
}

/// What a branch of a `#if` frame is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Branch {
    Debug,
    Release,
    Never,
    Always,
    Other,
}

/// The open `#if` frames, with counts so a token's [`Cond`] is O(1) however deep the nesting.
#[derive(Default)]
struct Frames {
    /// Each frame's current branch and whether an earlier branch was always taken.
    stack: Vec<(Branch, bool)>,
    never: usize,
    debug: usize,
    release: usize,
    other: usize,
}

impl Frames {
    fn count(&mut self, branch: Branch, add: bool) {
        let slot = match branch {
            Branch::Never => &mut self.never,
            Branch::Debug => &mut self.debug,
            Branch::Release => &mut self.release,
            Branch::Other => &mut self.other,
            Branch::Always => return,
        };
        if add {
            *slot += 1;
        } else {
            *slot = slot.saturating_sub(1);
        }
    }

    fn push(&mut self, branch: Branch) {
        self.count(branch, true);
        self.stack.push((branch, branch == Branch::Always));
    }

    fn replace(&mut self, next: impl FnOnce(Branch, bool) -> Branch) {
        let Some(&(branch, always_before)) = self.stack.last() else {
            return;
        };
        self.count(branch, false);
        let next = next(branch, always_before);
        self.count(next, true);
        let len = self.stack.len();
        self.stack[len - 1] = (next, always_before || next == Branch::Always);
    }

    fn pop(&mut self) {
        if let Some((branch, _)) = self.stack.pop() {
            self.count(branch, false);
        }
    }

    /// `None` when the code is never compiled (`#if 0`, both DEBUG and not DEBUG).
    fn cond(&self) -> Option<Cond> {
        if self.never > 0 || (self.debug > 0 && self.release > 0) {
            return None;
        }
        Some(if self.other > 0 {
            Cond::Other
        } else if self.debug > 0 {
            Cond::Debug
        } else if self.release > 0 {
            Cond::Release
        } else {
            Cond::Any
        })
    }
}

/// The branch a `#if` condition selects. Xcode's templates define `DEBUG` (Swift's active
/// compilation condition, Objective-C's `DEBUG=1`) in the Debug configuration only.
fn classify(condition: &str) -> Branch {
    let c: String = condition.chars().filter(|c| !c.is_whitespace()).collect();
    match c.as_str() {
        "DEBUG" | "defined(DEBUG)" | "definedDEBUG" | "DEBUG==1" | "DEBUG!=0" => Branch::Debug,
        "!DEBUG" | "!defined(DEBUG)" | "!definedDEBUG" | "DEBUG==0" | "!(DEBUG)" => Branch::Release,
        "0" | "false" => Branch::Never,
        "1" | "true" => Branch::Always,
        _ => Branch::Other,
    }
}

fn else_of(branch: Branch, always_before: bool) -> Branch {
    match branch {
        _ if always_before => Branch::Never,
        Branch::Debug => Branch::Release,
        Branch::Release => Branch::Debug,
        Branch::Never => Branch::Always,
        Branch::Always => Branch::Never,
        Branch::Other => Branch::Other,
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// Tokenizes `bytes`. An unterminated `/*` comments out the rest of the file, as the compiler
/// would read it.
pub(super) fn tokenize(bytes: &[u8]) -> Tokens {
    let text = match blank_comments(bytes, false) {
        Ok(text) => text,
        Err(open) => {
            let mut text = blank_comments(&bytes[..open], false).unwrap_or_default();
            text.resize(bytes.len(), b' ');
            text
        }
    };
    let mut out = Tokens {
        text: Vec::new(),
        tokens: Vec::new(),
        defines: Vec::new(),
        imports: Vec::new(),
    };
    let mut frames = Frames::default();
    let mut cond = Some(Cond::Any);
    let mut newline = true;
    let mut i = 0;
    let n = text.len();
    while i < n {
        let b = text[i];
        if b == b'\n' {
            newline = true;
            i += 1;
            continue;
        }
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let kind = if b == b'#' && newline {
            // A directive: the rest of the line, with `\` continuations.
            let mut end = i;
            while end < n && !(text[end] == b'\n' && text[end.saturating_sub(1)] != b'\\') {
                end += 1;
            }
            let line = String::from_utf8_lossy(&text[i + 1..end]).into_owned();
            directive(&line, i + 1, &mut frames, &mut out, cond);
            cond = frames.cond();
            i = end;
            continue;
        } else if b == b'"' {
            if text[i..].starts_with(b"\"\"\"") {
                // A Swift multi-line string.
                i = memchr::memmem::find(&text[i + 3..], b"\"\"\"").map_or(n, |at| i + 3 + at + 3);
            } else {
                i += 1;
                while i < n && text[i] != b'"' && text[i] != b'\n' {
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(n);
            }
            Kind::Str
        } else if b == b'\'' {
            // An Objective-C character literal.
            i += 1;
            while i < n && text[i] != b'\'' && text[i] != b'\n' {
                i += if text[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(n);
            Kind::Punct
        } else if b.is_ascii_digit() {
            while i < n && (is_ident_byte(text[i]) || text[i] == b'.') {
                i += 1;
            }
            Kind::Number
        } else if is_ident_byte(b)
            || (b == b'@' && text.get(i + 1).is_some_and(|&c| is_ident_byte(c)))
        {
            i += 1;
            while i < n && is_ident_byte(text[i]) {
                i += 1;
            }
            Kind::Ident
        } else {
            i += 1;
            Kind::Punct
        };
        if let Some(cond) = cond {
            out.tokens.push(Token {
                kind,
                start,
                end: i.min(n),
                newline,
                cond,
            });
        }
        newline = false;
    }
    out.text = text;
    out
}

/// One directive line (without the `#`), which starts at byte `at`.
fn directive(line: &str, at: usize, frames: &mut Frames, out: &mut Tokens, cond: Option<Cond>) {
    let trimmed = line.trim_start();
    let word_end = trimmed
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(trimmed.len());
    let (word, after) = trimmed.split_at(word_end);
    // `after` stays a suffix of `line`, so offsets into it are offsets into the line.
    let after = after.trim_start();
    let rest = after.trim_end();
    match word {
        "if" => frames.push(classify(rest)),
        "ifdef" => frames.push(if rest == "DEBUG" {
            Branch::Debug
        } else {
            Branch::Other
        }),
        "ifndef" => frames.push(if rest == "DEBUG" {
            Branch::Release
        } else {
            Branch::Other
        }),
        "elif" | "elseif" => frames.replace(|branch, always_before| match branch {
            _ if always_before => Branch::Never,
            Branch::Never => classify(rest),
            _ => Branch::Other,
        }),
        "else" => frames.replace(else_of),
        "endif" => frames.pop(),
        "define" => {
            let Some(cond) = cond else { return };
            let name_end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            let (name, body) = after.split_at(name_end);
            // A function-like macro is not a constant.
            if name.is_empty() || body.starts_with('(') {
                return;
            }
            let body_trimmed = body.trim_start();
            let body_start = at + (line.len() - body_trimmed.len());
            out.defines.push(Define {
                name: name.to_owned(),
                body: body_trimmed
                    .trim_end_matches(['\\', ' ', '\t', '\r'])
                    .to_owned(),
                body_start,
                cond,
            });
        }
        "import" | "include" if cond.is_some() => out.imports.push(rest.to_owned()),
        _ => {}
    }
}
