//! The troubleshooting checklists: the seeds' "收不到离线推送怎么排查" sections and the vendors'
//! message classes and quotas, one data file per vendor (`checklists/<vendor>.toml`, embedded at
//! build time by the vendor's spec). Each step says what to check and where that comes from; automatic steps name the
//! pushdiag check that answers them. `commands::checklist` walks them.

mod answers;
mod docs;
mod sources;
mod verdict;
pub mod wrap;

use std::collections::BTreeSet;

use serde::Deserialize;

pub use answers::{Answer, Answers};
pub use docs::markdown;
pub use verdict::{Failure, Status, StepRecord, Verdict, Walked};

use crate::vendor::Vendor;

/// The data file of `vendor`'s checklist (`checklists/<vendor>.toml`): its spec embeds it.
fn file(vendor: Vendor) -> crate::vendors::spec::ChecklistFile {
    crate::vendors::spec(vendor).checklist
}

/// One vendor's checklist.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    /// The vendor id; must match the file name.
    pub vendor: String,
    /// One paragraph for the top of the walk-through and the docs.
    pub intro: String,
    #[serde(rename = "step")]
    pub steps: Vec<Step>,
}

/// One thing to check. Manual steps are yes/no questions where "yes" means this is not the cause.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Step {
    /// Stable kebab-case id, unique across all checklists: `--answers` files and reports use it.
    pub id: String,
    pub stage: Stage,
    /// A short name for the step.
    pub title: String,
    /// What to check; for a manual step, the question (answered yes when all is well).
    pub check: String,
    /// Where to look: the exact menu path, Chinese UI names with an English gloss.
    #[serde(default)]
    pub menu: Option<String>,
    /// Where the step comes from: a seed section, a vendor document, a reference section.
    pub source: String,
    pub kind: Kind,
    /// For automatic steps: the check that runs.
    #[serde(default)]
    pub auto: Option<AutoCheck>,
    /// Why a failure here explains the missing push.
    pub why: String,
    /// What to do about it.
    pub fix: String,
    /// How directly a failure here explains "the push did not show": the verdict names the failed
    /// step with the strongest impact. Unset, the stage decides ([`Step::impact`]).
    #[serde(default)]
    pub impact: Option<Impact>,
    /// For automatic steps: what a failure means when the check found a given rule, in place of
    /// `why` and `fix` (a receiver that is Online is not a logout story).
    #[serde(default, rename = "cause")]
    pub causes: Vec<Cause>,
}

/// A rule an automatic step's check can find, with its own explanation.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cause {
    /// The rule name (`receiver-online`).
    pub rule: String,
    pub why: String,
    pub fix: String,
}

/// How directly a failed step explains a push that did not show, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Impact {
    /// No push can arrive or show, whatever else is right: the vendor refuses the credentials,
    /// the receiver gets no offline push, the phone hides the app's notifications.
    Blocks,
    /// A likely cause that needs a closer look: a config finding, the console's test tool.
    Likely,
    /// Pushes arrive late, silent, or only some of the time: classes, quotas, ringtones.
    Partial,
}

impl Step {
    /// The step's impact: its own, or its stage's.
    pub fn impact(&self) -> Impact {
        self.impact.unwrap_or(match self.stage {
            Stage::Credentials | Stage::TimUser | Stage::Device => Impact::Blocks,
            Stage::Config | Stage::TestPush => Impact::Likely,
            Stage::Classification => Impact::Partial,
        })
    }

    /// The explanation for a failure whose check found `rule`, if the step has one.
    pub fn cause(&self, rule: crate::findings::Rule) -> Option<&Cause> {
        self.causes.iter().find(|c| c.rule == rule.name())
    }
}

/// The order a checklist walks in: the cheap, certain checks first, the phone and the vendor's
/// policies last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Config,
    Credentials,
    TimUser,
    TestPush,
    Device,
    Classification,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Config,
        Stage::Credentials,
        Stage::TimUser,
        Stage::TestPush,
        Stage::Device,
        Stage::Classification,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Stage::Config => "Configuration",
            Stage::Credentials => "Credentials, online",
            Stage::TimUser => "The user in Tencent IM",
            Stage::TestPush => "A test push",
            Stage::Device => "The phone's settings",
            Stage::Classification => "Vendor message classes and quotas",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// pushdiag checks it.
    Auto,
    /// Only a person can: a phone's settings, a console page.
    Manual,
}

/// The automatic checks a step can run; each reuses a pushdiag command's internals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AutoCheck {
    /// `check-config --vendor V`, offline.
    CheckConfig,
    /// `check-config --online --vendor V`: the vendor's harmless credential check.
    CheckOnline,
    /// `lint-ext` of `--ext` (or the sample ext) for the vendor.
    LintExt,
    /// `send-test --vendor V` to the config's test devices.
    SendTest,
    /// `status --user U`: the user's Tencent IM online state.
    TimStatus,
    /// `send-test --via timpush --to U`: a test push through Tencent's push service and its
    /// trace, hop by hop.
    PushTrace,
}

impl AutoCheck {
    /// The name the data files use.
    pub fn name(self) -> &'static str {
        match self {
            AutoCheck::CheckConfig => "check-config",
            AutoCheck::CheckOnline => "check-online",
            AutoCheck::LintExt => "lint-ext",
            AutoCheck::SendTest => "send-test",
            AutoCheck::TimStatus => "tim-status",
            AutoCheck::PushTrace => "push-trace",
        }
    }

    /// The command line that does the same by hand.
    pub fn command(self, vendor: Vendor) -> String {
        match self {
            AutoCheck::CheckConfig => format!("pushdiag check-config --vendor {vendor}"),
            AutoCheck::CheckOnline => format!("pushdiag check-config --online --vendor {vendor}"),
            AutoCheck::LintExt => format!("pushdiag lint-ext --vendor {vendor} EXT"),
            AutoCheck::SendTest => format!("pushdiag send-test --vendor {vendor}"),
            AutoCheck::TimStatus => "pushdiag status --user USERID".to_owned(),
            AutoCheck::PushTrace => "pushdiag send-test --via timpush --to USERID".to_owned(),
        }
    }
}

impl Checklist {
    /// The checklist of `vendor`, parsed and checked.
    pub fn of(vendor: Vendor) -> anyhow::Result<Checklist> {
        let file = file(vendor);
        Checklist::parse(vendor, file.path, file.toml)
    }

    /// Every checklist, in `Vendor::ALL` order; also checks that step ids are unique across them.
    pub fn all() -> anyhow::Result<Vec<Checklist>> {
        let mut seen = BTreeSet::new();
        let mut all = Vec::new();
        for vendor in Vendor::ALL {
            let crate::vendors::spec::ChecklistFile { path, toml } = file(vendor);
            let checklist = Checklist::parse(vendor, path, toml)?;
            for step in &checklist.steps {
                if !seen.insert(step.id.clone()) {
                    anyhow::bail!("{path}: step id `{}` is used by another checklist", step.id);
                }
            }
            all.push(checklist);
        }
        Ok(all)
    }

    /// Every step id of every checklist.
    pub fn all_step_ids() -> anyhow::Result<BTreeSet<String>> {
        Ok(Checklist::all()?
            .into_iter()
            .flat_map(|c| c.steps.into_iter().map(|s| s.id))
            .collect())
    }

    fn parse(vendor: Vendor, path: &str, text: &str) -> anyhow::Result<Checklist> {
        let checklist: Checklist =
            toml::from_str(text).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
        checklist.validate(vendor, path)?;
        Ok(checklist)
    }

    /// What serde cannot say: ids, the kind/auto pairing, the walking order.
    fn validate(&self, vendor: Vendor, path: &str) -> anyhow::Result<()> {
        if self.vendor != vendor.id() {
            anyhow::bail!(
                "{path}: vendor = \"{}\", expected \"{vendor}\"",
                self.vendor
            );
        }
        let mut ids = BTreeSet::new();
        let mut stage = Stage::Config;
        for step in &self.steps {
            let id = &step.id;
            let kebab = !id.is_empty()
                && !id.starts_with('-')
                && !id.ends_with('-')
                && !id.contains("--")
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !kebab {
                anyhow::bail!("{path}: step id `{id}` is not kebab-case");
            }
            if !id.starts_with(&format!("{vendor}-")) {
                anyhow::bail!("{path}: step id `{id}` does not start with `{vendor}-`");
            }
            if !ids.insert(id.as_str()) {
                anyhow::bail!("{path}: step id `{id}` appears twice");
            }
            match (step.kind, step.auto) {
                (Kind::Auto, None) => {
                    anyhow::bail!(
                        "{path}: step `{id}` is kind = \"auto\" but names no `auto` check"
                    )
                }
                (Kind::Manual, Some(_)) => {
                    anyhow::bail!(
                        "{path}: step `{id}` is kind = \"manual\" but names an `auto` check"
                    )
                }
                _ => {}
            }
            if step.stage < stage {
                anyhow::bail!(
                    "{path}: step `{id}` (stage {:?}) comes after a {:?} step; keep the order config, credentials, tim-user, test-push, device, classification",
                    step.stage,
                    stage
                );
            }
            stage = step.stage;
            for cause in &step.causes {
                if step.kind != Kind::Auto {
                    anyhow::bail!(
                        "{path}: step `{id}` is manual; only automatic steps have a `cause`"
                    );
                }
                if crate::findings::Rule::from_name(&cause.rule).is_none() {
                    anyhow::bail!(
                        "{path}: step `{id}`: cause rule `{}` is not a rule",
                        cause.rule
                    );
                }
            }
            for (field, value) in [
                ("title", &step.title),
                ("check", &step.check),
                ("source", &step.source),
                ("why", &step.why),
                ("fix", &step.fix),
            ] {
                if value.trim().is_empty() {
                    anyhow::bail!("{path}: step `{id}` has an empty `{field}`");
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
