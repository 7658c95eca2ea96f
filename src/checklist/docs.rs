//! `docs/checklists.md`, generated from the checklist data (a test fails when it is stale).

use super::{Checklist, Kind};
use crate::vendor::Vendor;

/// Every checklist as Markdown, stage by stage.
pub fn markdown() -> anyhow::Result<String> {
    let mut out = String::from(
        "# Checklists\n\n<!-- Generated from checklists/*.toml by `PUSHDIAG_BLESS=1 cargo test --test cli generated`; do not edit. -->\n\n\
         `pushdiag checklist --vendor V` walks one of these. Automatic steps run the pushdiag check named\n\
         in the table; manual steps are yes/no questions (yes = all is well here) asked on a terminal,\n\
         answered with `--answers FILE` (`step-id = \"yes\" | \"no\" | \"skip\"`, TOML or JSON), or\n\
         listed as \"to check by hand\". The report's verdict names the failed step that most directly\n\
         explains the missing push (a receiver that gets no offline push, a vendor that refuses the\n\
         credentials, notifications switched off, before a config finding, before classes and quotas),\n\
         with its fix, and lists the other failed steps after it. Step ids are stable.\n\n\
         On a terminal, `y`, `n` and `s` answer a question (arrows and Enter work too; Esc skips).\n\
         Ctrl-C stops the walk and saves the answers given so far to `pushdiag-answers-V.toml` in the\n\
         current folder; `pushdiag checklist --vendor V --answers pushdiag-answers-V.toml` resumes.\n\n\
         Sources: Tencent's TUIOfflinePush guide (uni-app) and its Flutter guide\n\
         腾讯云IM厂商离线推送集成插件-Flutter (`tim_ui_kit_push_plugin`); both end with\n\
         \"收不到离线推送怎么排查\" (how to troubleshoot missing offline pushes) and \"厂商推送限制\"\n\
         (vendor push limits). Vendor facts cite the vendor's own documentation.\n",
    );
    for checklist in Checklist::all()? {
        let vendor = Vendor::ALL
            .into_iter()
            .find(|v| v.id() == checklist.vendor)
            .ok_or_else(|| anyhow::anyhow!("unknown vendor {}", checklist.vendor))?;
        out.push_str(&format!(
            "\n## {} (`--vendor {}`)\n\n{}\n",
            vendor.display_name(),
            vendor.id(),
            checklist.intro.trim()
        ));
        let mut stage = None;
        for step in &checklist.steps {
            if stage != Some(step.stage) {
                stage = Some(step.stage);
                out.push_str(&format!("\n### {}\n", step.stage.title()));
            }
            let kind = match (step.kind, step.auto) {
                (Kind::Auto, Some(auto)) => format!("automatic: `{}`", auto.command(vendor)),
                _ => "manual".to_owned(),
            };
            out.push_str(&format!(
                "\n#### `{}`: {}\n\n- **Check** ({kind}): {}\n",
                step.id,
                step.title.trim(),
                step.check.trim()
            ));
            if let Some(menu) = &step.menu {
                out.push_str(&format!("- **Where**: {}\n", menu.trim()));
            }
            out.push_str(&format!(
                "- **Why it matters**: {}\n- **Fix**: {}\n",
                step.why.trim(),
                step.fix.trim(),
            ));
            for cause in &step.causes {
                out.push_str(&format!(
                    "- **When the check finds `{}`**: {} Fix: {}\n",
                    cause.rule,
                    cause.why.trim(),
                    cause.fix.trim()
                ));
            }
            out.push_str(&format!("- **Source**: {}\n", step.source.trim()));
        }
    }
    Ok(out)
}
