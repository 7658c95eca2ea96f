//! `checklist --answers FILE`: the manual steps' answers, step id → yes/no/skip, in TOML
//! (`vivo-enterprise-account = "yes"`) or JSON (`{"vivo-enterprise-account": "yes"}`).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use serde::Deserialize;

use super::Checklist;

/// A person's answer to a manual step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    /// All is well here: not the cause.
    Yes,
    /// This is wrong: the step fails.
    No,
    /// Not checked.
    Skip,
}

impl Answer {
    /// The word an answers file uses.
    pub fn name(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Skip => "skip",
        }
    }
}

/// The answers read from a file, checked against the checklists.
#[derive(Clone, Debug, Default)]
pub struct Answers {
    by_step: BTreeMap<String, Answer>,
}

impl Answers {
    /// Reads `path`: JSON when it ends in `.json` or starts with `{`, else TOML. Every key must be
    /// the id of a manual step in some checklist (one file may answer several vendors'), and every
    /// value `yes`, `no` or `skip`.
    pub fn read(path: &Path) -> anyhow::Result<Answers> {
        let text = crate::files::read_text(path, crate::files::FileKind::Answers)
            .with_context(|| format!("reading answers file {}", path.display()))?;
        Answers::parse(&path.display().to_string(), &text)
    }

    /// Parses answers from `text`; `source` names the file in errors.
    pub fn parse(source: &str, text: &str) -> anyhow::Result<Answers> {
        let json = source.ends_with(".json") || text.trim_start().starts_with('{');
        let raw: BTreeMap<String, String> = if json {
            serde_json::from_str(text).map_err(|e| {
                anyhow::anyhow!(
                    "{source}:{}:{}: not a JSON object of step id → \"yes\"/\"no\"/\"skip\": {e}",
                    e.line(),
                    e.column()
                )
            })?
        } else {
            toml::from_str(text).map_err(|e| {
                let at = e
                    .span()
                    .map(|span| {
                        let location =
                            crate::findings::Location::in_text(source.into(), text, span.start, "");
                        format!(":{}:{}", location.line, location.column)
                    })
                    .unwrap_or_default();
                anyhow::anyhow!(
                    "{source}{at}: not TOML of step-id = \"yes\"/\"no\"/\"skip\": {}",
                    e.message()
                )
            })?
        };
        let checklists = Checklist::all()?;
        let mut by_step = BTreeMap::new();
        for (id, value) in raw {
            // An automatic step's answer counts only when pushdiag cannot run its check (the
            // Tencent IM step without --user); otherwise the check's own result stands.
            checklists
                .iter()
                .flat_map(|c| &c.steps)
                .find(|s| s.id == id)
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "{source}: unknown step id `{id}`; `pushdiag checklist --vendor V --list` shows a vendor's steps"
                    )
                })?;
            let answer = match value.trim().to_ascii_lowercase().as_str() {
                "yes" | "y" => Answer::Yes,
                "no" | "n" => Answer::No,
                "skip" => Answer::Skip,
                other => anyhow::bail!(
                    "{source}: step `{id}`: answer \"{other}\" is not \"yes\", \"no\" or \"skip\""
                ),
            };
            by_step.insert(id, answer);
        }
        Ok(Answers { by_step })
    }

    pub fn get(&self, id: &str) -> Option<Answer> {
        self.by_step.get(id).copied()
    }

    /// Records a terminal's answer, so an interrupted walk can save it.
    pub fn set(&mut self, id: &str, answer: Answer) {
        self.by_step.insert(id.to_owned(), answer);
    }

    pub fn len(&self) -> usize {
        self.by_step.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_step.is_empty()
    }

    /// The answers as an answers file (TOML, one `step-id = "answer"` a line) under `comment`.
    pub fn to_toml(&self, comment: &str) -> String {
        let mut text = String::new();
        for line in comment.lines() {
            text.push_str(&format!("# {line}\n"));
        }
        for (id, answer) in &self.by_step {
            text.push_str(&format!("{id} = \"{}\"\n", answer.name()));
        }
        text
    }
}
