//! Folding floods in the human format: past [`FOLD_AFTER`] findings with the same rule and the
//! same message, the rest are counted instead of printed, and the report says at the end how
//! many it folded and how to see them. A person reads the first screen; the JSON, GitHub and
//! SARIF formats, which programs read, never fold.

use std::collections::HashMap;

use crate::findings::Rule;

/// Identical findings printed before the rest are folded: about a screenful.
pub const FOLD_AFTER: u64 = 20;

/// Distinct (rule, message) pairs tracked: past this, new pairs are printed as before, so
/// memory stays bounded whatever the input (messages with measured values are all distinct).
pub const FOLD_MAX_KEYS: usize = 4096;

/// How many times each (rule, message) was seen.
#[derive(Debug, Default)]
pub struct Folder {
    /// Per rule, so a lookup borrows the message instead of building a key.
    seen: HashMap<Rule, HashMap<Box<str>, u64>>,
    keys: usize,
}

impl Folder {
    /// Counts one finding; whether to print it (false once its pair was printed
    /// [`FOLD_AFTER`] times).
    pub fn show(&mut self, rule: Rule, message: &str) -> bool {
        if let Some(count) = self.seen.get_mut(&rule).and_then(|m| m.get_mut(message)) {
            *count += 1;
            return *count <= FOLD_AFTER;
        }
        if self.keys < FOLD_MAX_KEYS {
            self.keys += 1;
            self.seen.entry(rule).or_default().insert(message.into(), 1);
        }
        true
    }

    /// The findings folded per rule (only rules with some), in the registry's order.
    pub fn folded(&self) -> Vec<(Rule, u64)> {
        let mut folded: Vec<(Rule, u64)> = self
            .seen
            .iter()
            .map(|(rule, messages)| {
                let hidden = messages
                    .values()
                    .map(|n| n.saturating_sub(FOLD_AFTER))
                    .sum();
                (*rule, hidden)
            })
            .filter(|(_, hidden)| *hidden > 0)
            .collect();
        folded.sort();
        folded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_the_first_twenty_of_a_pair_and_folds_the_rest() {
        let mut folder = Folder::default();
        let shown = (0..1000)
            .filter(|_| folder.show(Rule::OppoChannelIdMissing, "no OPPOChannelID"))
            .count();
        assert_eq!(shown, FOLD_AFTER as usize);
        // Another message of the same rule is another pair.
        assert!(folder.show(Rule::OppoChannelIdMissing, "no androidOPPOChannelID"));
        assert!(folder.show(Rule::ExtMissingEntity, "no OPPOChannelID"));
        assert_eq!(
            folder.folded(),
            [(Rule::OppoChannelIdMissing, 1000 - FOLD_AFTER)]
        );
    }

    #[test]
    fn past_the_cap_new_pairs_print_and_are_not_tracked() {
        let mut folder = Folder::default();
        for n in 0..FOLD_MAX_KEYS {
            folder.show(Rule::TitleTooLong, &format!("title of {n} characters"));
        }
        for _ in 0..100 {
            assert!(folder.show(Rule::TitleTooLong, "one message too many"));
        }
        assert_eq!(folder.keys, FOLD_MAX_KEYS);
        assert!(folder.folded().is_empty());
        // Pairs tracked before the cap still fold.
        let shown = (0..100)
            .filter(|_| folder.show(Rule::TitleTooLong, "title of 0 characters"))
            .count();
        assert_eq!(shown, FOLD_AFTER as usize - 1);
    }
}
