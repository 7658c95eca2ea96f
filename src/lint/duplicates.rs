//! Which repeated keys `ext-duplicate-key` reports one by one, and which it counts. Issue 17:
//! every repeat used to get its own pointer and line/column computed from the start of the text,
//! so 80 000 repeats of one key in one record took 23 s (quadratic) and printed 80 000 findings.
//! Now a text gets at most [`SHOWN_PER_OBJECT`] findings per object and [`SHOWN_PER_TEXT`] in
//! all, then one finding with the count of the rest; locating the shown ones is bounded work, so
//! the whole check is linear in the text.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::text::child_pointer;
use crate::text::json::{Doc, KeyRepeat};

/// Repeats in one object reported one by one; the rest of that object's get one count.
pub(super) const SHOWN_PER_OBJECT: usize = 5;
/// Findings about repeats in one text (a record, or an ext parsed on its own), counts included;
/// the repeats after them get one count for the whole text.
pub(super) const SHOWN_PER_TEXT: usize = 20;

/// One finding to write.
pub(super) enum Report<'a> {
    /// `repeat` repeats `first`'s key; `pointer` is the repeat's.
    One {
        key: Cow<'a, str>,
        pointer: String,
        first: usize,
        repeat: usize,
    },
    /// `count` more repeats not reported one by one, the first of them at `at`. `key` when they
    /// all repeat one key; `in_object` when they are all in `at`'s object (else anywhere in the
    /// rest of the text).
    More {
        key: Option<Cow<'a, str>>,
        count: usize,
        in_object: bool,
        at: usize,
        pointer: String,
    },
}

/// The findings for `repeats` (in document order, as [`Doc::duplicate_keys`] gives them).
pub(super) fn plan<'a>(doc: &Doc<'a>, repeats: &[KeyRepeat]) -> Vec<Report<'a>> {
    // The repeats of each object, objects in the order of their first repeat.
    let mut slots: HashMap<usize, usize> = HashMap::new();
    let mut objects: Vec<Vec<KeyRepeat>> = Vec::new();
    for repeat in repeats {
        let slot = *slots.entry(repeat.object).or_insert_with(|| {
            objects.push(Vec::new());
            objects.len() - 1
        });
        objects[slot].push(*repeat);
    }
    let mut out = Vec::new();
    let mut rest: Option<(usize, usize)> = None; // (count, first node) past the text's budget
    for group in &objects {
        let budget = SHOWN_PER_TEXT.saturating_sub(out.len());
        if budget == 0 {
            let (count, at) = rest.get_or_insert((0, group[0].repeat));
            *count += group.len();
            *at = (*at).min(group[0].repeat);
            continue;
        }
        // Computed once per object shown: walking from the root for every repeat was the
        // quadratic part.
        let base = doc.pointer_to(Doc::ROOT, group[0].object, "");
        let hidden_from = if group.len() <= SHOWN_PER_OBJECT.min(budget) {
            group.len()
        } else {
            // Keep one place of the budget for the count.
            SHOWN_PER_OBJECT.min(budget - 1)
        };
        for repeat in &group[..hidden_from] {
            let key = doc.key(repeat.repeat).unwrap_or_default();
            out.push(Report::One {
                pointer: child_pointer(&base, &key),
                key,
                first: repeat.first,
                repeat: repeat.repeat,
            });
        }
        let hidden = &group[hidden_from..];
        if let Some(first_hidden) = hidden.first() {
            let key = doc.key(first_hidden.repeat).unwrap_or_default();
            let one_key = hidden
                .iter()
                .all(|r| doc.key(r.repeat).is_some_and(|k| k == key));
            out.push(Report::More {
                pointer: child_pointer(&base, &key),
                key: one_key.then_some(key),
                count: hidden.len(),
                in_object: true,
                at: first_hidden.repeat,
            });
        }
    }
    if let Some((count, at)) = rest {
        out.push(Report::More {
            key: None,
            count,
            in_object: false,
            at,
            pointer: doc.pointer_to(Doc::ROOT, at, ""),
        });
    }
    out
}

/// The count finding's message: `… and 79 995 more repeats of "k" in this object`.
pub(super) fn more_message(key: Option<&str>, count: usize, in_object: bool) -> String {
    let what = match key {
        Some(key) => format!("repeats of \"{key}\""),
        None => "repeated keys".to_owned(),
    };
    let scope = if in_object {
        "in this object"
    } else {
        "in other objects"
    };
    format!("… and {count} more {what} {scope}, not reported one by one")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::json::Parser;

    fn reports(text: &str) -> Vec<String> {
        let mut parser = Parser::default();
        let doc = parser.parse(text.as_bytes()).expect("valid");
        let mut repeats = Vec::new();
        doc.duplicate_keys(&mut repeats);
        plan(&doc, &repeats)
            .iter()
            .map(|report| match report {
                Report::One { key, pointer, .. } => format!("{key} {pointer}"),
                Report::More {
                    key,
                    count,
                    in_object,
                    pointer,
                    ..
                } => format!(
                    "{} {pointer}",
                    more_message(key.as_deref(), *count, *in_object)
                ),
            })
            .collect()
    }

    #[test]
    fn many_repeats_in_one_object_are_counted() {
        let members: Vec<String> = (0..1000).map(|_| "\"k\":1".to_owned()).collect();
        let text = format!("{{\"e\":{{{}}}}}", members.join(","));
        let out = reports(&text);
        assert_eq!(out.len(), SHOWN_PER_OBJECT + 1);
        assert_eq!(out[0], "k /e/k");
        assert_eq!(
            out[SHOWN_PER_OBJECT],
            "… and 994 more repeats of \"k\" in this object, not reported one by one /e/k"
        );
    }

    #[test]
    fn many_objects_with_a_repeat_share_one_count() {
        let objects: Vec<String> = (0..100)
            .map(|i| format!("{{\"k{i}\":1,\"k{i}\":2}}"))
            .collect();
        let text = format!("[{}]", objects.join(","));
        let out = reports(&text);
        assert_eq!(out.len(), SHOWN_PER_TEXT + 1);
        assert_eq!(out[0], "k0 /0/k0");
        assert_eq!(
            out[SHOWN_PER_TEXT],
            "… and 80 more repeated keys in other objects, not reported one by one /20/k20"
        );
    }
}
