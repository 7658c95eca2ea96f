use super::*;

#[test]
fn every_checklist_parses_and_step_ids_are_unique_across_them() {
    let all = Checklist::all().expect("every checklist parses and validates");
    assert_eq!(all.len(), Vendor::ALL.len());
    let ids: Vec<&str> = all
        .iter()
        .flat_map(|c| c.steps.iter().map(|s| s.id.as_str()))
        .collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate step ids");
}

/// Step ids are promises: answers files and CI scripts name them. This list pins the ids of the
/// OPPO checklist (the issue's example); removing or renaming one must be a deliberate change.
#[test]
fn oppo_step_ids_are_stable() {
    let oppo = Checklist::of(Vendor::Oppo).expect("parses");
    let ids: Vec<&str> = oppo.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "oppo-config",
            "oppo-store-listed",
            "oppo-channel-id",
            "oppo-credentials-online",
            "oppo-tim-user-online",
            "oppo-ext-lint",
            "oppo-console-test-tool",
            "oppo-send-test",
            "oppo-notification-switch",
            "oppo-allow-notifications",
            "oppo-lock-screen",
            "oppo-status-bar-icon",
            "oppo-sound",
            "oppo-private-channel",
            "oppo-public-quota",
        ]
    );
}

#[test]
fn every_vendor_checklist_has_the_automatic_steps_in_order() {
    for checklist in Checklist::all().expect("parses") {
        let autos: Vec<AutoCheck> = checklist.steps.iter().filter_map(|s| s.auto).collect();
        assert_eq!(
            autos.first(),
            Some(&AutoCheck::CheckConfig),
            "{}",
            checklist.vendor
        );
        assert!(
            autos.contains(&AutoCheck::TimStatus),
            "{}",
            checklist.vendor
        );
        if checklist.vendor != "tim" {
            for needed in [
                AutoCheck::CheckOnline,
                AutoCheck::LintExt,
                AutoCheck::SendTest,
            ] {
                assert!(
                    autos.contains(&needed),
                    "{} lacks {needed:?}",
                    checklist.vendor
                );
            }
        }
    }
}

#[test]
fn validation_names_the_file_and_the_step() {
    let two = "vendor = \"oppo\"\nintro = \"x\"\n[[step]]\nid = \"oppo-a\"\nstage = \"device\"\ntitle = \"t\"\ncheck = \"c\"\nsource = \"s\"\nkind = \"manual\"\nwhy = \"w\"\nfix = \"f\"\n[[step]]\nid = \"oppo-b\"\nstage = \"config\"\ntitle = \"t\"\ncheck = \"c\"\nsource = \"s\"\nkind = \"manual\"\nwhy = \"w\"\nfix = \"f\"\n";
    let error = Checklist::parse(Vendor::Oppo, "x.toml", two).expect_err("out of order");
    assert!(
        error.to_string().contains("x.toml: step `oppo-b`"),
        "{error}"
    );
    let auto_without_check = two.replacen("kind = \"manual\"", "kind = \"auto\"", 1);
    let error = Checklist::parse(Vendor::Oppo, "x.toml", &auto_without_check).expect_err("auto");
    assert!(
        error.to_string().contains("names no `auto` check"),
        "{error}"
    );
    let bad_id = two.replacen("oppo-a", "Oppo_A", 1);
    let error = Checklist::parse(Vendor::Oppo, "x.toml", &bad_id).expect_err("id");
    assert!(error.to_string().contains("not kebab-case"), "{error}");
    let unknown_key = two.replacen("why = \"w\"", "whyy = \"w\"", 1);
    let error = Checklist::parse(Vendor::Oppo, "x.toml", &unknown_key).expect_err("key");
    assert!(error.to_string().contains("whyy"), "{error}");
}

#[test]
fn answers_accept_toml_and_json_and_name_unknown_ids() {
    let toml = Answers::parse(
        "a.toml",
        "oppo-sound = \"yes\"\noppo-lock-screen = \"no\"\n",
    )
    .expect("TOML");
    assert_eq!(toml.get("oppo-sound"), Some(Answer::Yes));
    assert_eq!(toml.get("oppo-lock-screen"), Some(Answer::No));
    assert_eq!(toml.get("oppo-private-channel"), None);
    let json = Answers::parse("a.json", r#"{"vivo-sound": "skip"}"#).expect("JSON");
    assert_eq!(json.get("vivo-sound"), Some(Answer::Skip));
    let error = Answers::parse("a.toml", "oppo-sund = \"yes\"\n").expect_err("unknown");
    assert!(
        error
            .to_string()
            .contains("a.toml: unknown step id `oppo-sund`"),
        "{error}"
    );
    // An automatic step may be answered too: the answer counts only when the check cannot run.
    let auto = Answers::parse("a.toml", "oppo-tim-user-online = \"yes\"\n").expect("auto");
    assert_eq!(auto.get("oppo-tim-user-online"), Some(Answer::Yes));
    let error = Answers::parse("a.toml", "oppo-sound = \"maybe\"\n").expect_err("value");
    assert!(error.to_string().contains("\"maybe\""), "{error}");
    let error = Answers::parse("a.toml", "oppo-sound = \n").expect_err("syntax");
    assert!(error.to_string().starts_with("a.toml:1:"), "{error}");
}

/// The verdict ranks by impact, then walking order: a "no" on a setting that hides every
/// notification beats a config finding found earlier, which beats a quota; an automatic step's
/// fix is the finding's help, or the step's own words for the rule (receiver-online).
#[test]
fn verdict_ranks_failed_steps_by_impact_then_order() {
    use crate::findings::Rule;
    let oppo = Checklist::of(Vendor::Oppo).expect("parses");
    let step = |id: &str| oppo.steps.iter().find(|s| s.id == id).expect(id);
    let walked = |id: &str, found: Option<(Rule, Option<String>)>| Walked {
        step: step(id),
        status: Status::Failed,
        detail: "failed".to_owned(),
        found,
    };
    let verdict = Verdict::of(
        Vendor::Oppo,
        &[
            walked(
                "oppo-config",
                Some((Rule::PackageNameMismatch, Some("set package=…".to_owned()))),
            ),
            walked("oppo-notification-switch", None),
            walked("oppo-public-quota", None),
        ],
    );
    let order: Vec<&str> = verdict.failures.iter().map(|f| f.step.as_str()).collect();
    assert_eq!(
        order,
        [
            "oppo-notification-switch",
            "oppo-config",
            "oppo-public-quota"
        ]
    );
    assert_eq!(verdict.others()[0].fix, "set package=…");
    assert_eq!(verdict.others()[0].rule, Rule::PackageNameMismatch);

    let verdict = Verdict::of(
        Vendor::Oppo,
        &[
            walked(
                "oppo-tim-user-online",
                Some((Rule::ReceiverOnline, Some("the finding's help".to_owned()))),
            ),
            walked("oppo-notification-switch", None),
        ],
    );
    let cause = verdict.cause().expect("a cause");
    // Both block every push: the walking order decides.
    assert_eq!(cause.step, "oppo-tim-user-online");
    assert!(cause.why.contains("by design"), "{}", cause.why);
    assert!(!cause.fix.contains("logout"), "{}", cause.fix);
    let finding = verdict.finding().expect("a finding");
    assert_eq!(finding.rule, Rule::ReceiverOnline);
    assert!(finding
        .message
        .ends_with("Also failed, less likely the cause: oppo-notification-switch."));
}

/// What users read (titles, questions, menus, why, fix, intro) cites nothing they cannot open:
/// no seed numbers, no reference sections; those stay in `source` and in comments. And the
/// Tencent IM checklist does not say "Tencent IM pushes through Tencent IM".
#[test]
fn user_visible_step_text_names_no_internal_sources() {
    for checklist in Checklist::all().expect("parses") {
        let mut texts = vec![checklist.intro.clone()];
        for step in &checklist.steps {
            texts.extend([
                step.title.clone(),
                step.check.clone(),
                step.why.clone(),
                step.fix.clone(),
                step.source.clone(),
            ]);
            texts.extend(step.menu.clone());
            for cause in &step.causes {
                texts.extend([cause.why.clone(), cause.fix.clone()]);
            }
        }
        for text in texts {
            for internal in ["seed 0", "the seeds", ".md §", "§"] {
                assert!(!text.contains(internal), "{}: {text}", checklist.vendor);
            }
            assert!(!text.contains("through Tencent IM with"), "{text}");
        }
    }
}
