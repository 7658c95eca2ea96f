//! A test push: the default ext and its lint, the devices to push to, what a tap opens, and
//! sending (or under `--dry-run`, planning) the pushes with the vendor's client. `send-test` runs
//! it with its flags, `checklist` with none ([`send_default`]); [`via_tim`] is the same through
//! Tencent IM.

pub mod via_tim;

use std::io::Write;

use crate::config::{Config, Environment, Section};
use crate::emulator::Emulator;
use crate::findings::{Finding, Rule, Severity, SeverityPolicy};
use crate::lint::{InputKind, LintOptions, Linter, Profile};
use crate::net::NetOptions;
use crate::render::Format;
use crate::secret::Secret;
use crate::session::{self, Session};
use crate::vendor::Vendor;
use crate::vendors::client::Credentials;
use crate::vendors::endpoints;
use crate::vendors::from_config::{builtin_device, resolve};
use crate::vendors::push::{Click, Exchange, PlannedRequest, TestPush, VendorClient};
use crate::vendors::spec;
use crate::vendors::spec::TestMode;
use crate::ExitStatus;

/// Where the test pushes go.
pub struct Route<'a> {
    pub vendor: Vendor,
    pub config: &'a Config,
    /// `--emulated`: to the in-process emulator, started for the run.
    pub emulated: bool,
    pub net: NetOptions,
}

/// `--dry-run`: the requests the client would send; otherwise what became of each push.
/// `on_emulator` hears of the emulator (and the base URL the client uses) before anything is
/// sent.
pub fn plan_or_send(
    credentials: Credentials,
    route: &Route<'_>,
    pushes: &[TestPush],
    dry_run: bool,
    on_emulator: impl FnOnce(&Emulator, &str),
) -> anyhow::Result<(Vec<PlannedRequest>, Vec<Exchange>)> {
    session::runtime()?.block_on(async {
        let emulator = endpoints::emulator_if(route.emulated).await?;
        let (base, auth_base) =
            endpoints::bases(route.config, route.vendor, &credentials, emulator.as_ref());
        if let Some(emulator) = &emulator {
            on_emulator(emulator, &base);
        }
        let client = credentials.connect(&base, &auth_base, &route.net)?;
        let outcome = if dry_run {
            (client.plan(pushes), Vec::new())
        } else {
            (Vec::new(), client.send_all(pushes).await)
        };
        if let Some(emulator) = emulator {
            emulator.shutdown().await;
        }
        anyhow::Ok(outcome)
    })
}

/// Stops before anything is sent when a lint finding is an error (after `--deny/--warn/--allow`)
/// and `--force` was not given: the findings are the report, and `refusal` says why on stderr.
/// `None` when the push may go.
pub fn stop_on_lint_errors(
    session: &mut Session<'_>,
    lint_findings: &[Finding],
    force: bool,
    checked: u64,
    refusal: &str,
) -> anyhow::Result<Option<ExitStatus>> {
    let policy = SeverityPolicy::from_flags(
        &session.global.deny,
        &session.global.warn,
        &session.global.allow,
    )?;
    let blocking = lint_findings
        .iter()
        .any(|f| policy.apply(f) == Some(Severity::Error));
    if !blocking || force {
        return Ok(None);
    }
    let mut report = session.report("send-test")?;
    report.checked(checked);
    for finding in lint_findings {
        report.emit(finding.clone())?;
    }
    report.finish()?;
    session.diagnostic(format_args!("error: {refusal}"));
    Ok(Some(ExitStatus::Findings))
}

/// The end of a `--dry-run`: the lint findings on stderr, the planned requests on stdout.
pub fn print_dry_run(
    session: &mut Session<'_>,
    lint_findings: &[Finding],
    plan: &[PlannedRequest],
) -> anyhow::Result<ExitStatus> {
    for finding in lint_findings {
        session.diagnostic(format_args!(
            "{}[{}]: {}",
            finding.severity.as_str(),
            finding.rule.name(),
            finding.message
        ));
    }
    print_plan(plan, session)?;
    Ok(ExitStatus::Clean)
}

/// What `send-test --vendor V` with no other flags did, for `checklist`.
pub struct DefaultPush {
    pub lint_findings: Vec<Finding>,
    pub exchanges: Vec<Exchange>,
    /// The signing secret, for redaction.
    pub secrets: Vec<Secret>,
    /// Lines for stderr: the emulator, its built-in app or device.
    pub notes: Vec<String>,
}

/// `send-test --vendor V` with no other flags, as `checklist` runs it: the default ext is linted,
/// then one test push goes to each of the config's test devices (under `--emulated` with none
/// configured, the emulator's app and device). An error means nothing could be sent: no
/// credentials, or no device.
pub fn send_default(
    vendor: Vendor,
    config: &Config,
    env: &Environment,
    emulated: bool,
    net: crate::net::NetOptions,
) -> anyhow::Result<DefaultPush> {
    let ext = default_ext(Profile::Uniapp);
    let lint_findings = lint_ext(&ext, "<default ext>", Profile::Uniapp, vendor);
    let app = resolve(vendor, config, env, emulated, false)?;
    let targets = resolve_targets(&[], vendor, config, emulated)?;
    let mut notes = Vec::new();
    if let Some(id) = &app.builtin {
        notes.push(format!(
            "no [{vendor}] credentials configured: using the emulator's built-in app {id}"
        ));
    }
    if spec(vendor).test_mode == TestMode::RealPush && !emulated {
        notes.push(format!(
            "note: {} has no test mode: this is a real push to the device",
            vendor.display_name()
        ));
    }
    if targets.from_emulator {
        notes.push(format!(
            "no [{vendor}] test-devices: pushing to the emulator's device {}",
            builtin_device(vendor)
        ));
    }
    let pushes: Vec<TestPush> = targets
        .tokens
        .into_iter()
        .map(|target| TestPush {
            target,
            title: "pushdiag".to_owned(),
            body: "Test push from pushdiag: delivery works".to_owned(),
            ext: ext.clone(),
            production: false,
            click: Click::OpenApp,
        })
        .collect();
    let secrets = vec![app.credentials.secret().clone()];
    let route = Route {
        vendor,
        config,
        emulated,
        net,
    };
    let (_, exchanges) = plan_or_send(app.credentials, &route, &pushes, false, |emulator, _| {
        notes.push(endpoints::emulator_note(&emulator.base_url(vendor)));
    })?;
    Ok(DefaultPush {
        lint_findings,
        exchanges,
        secrets,
        notes,
    })
}

/// `--to` as given: trimmed, the empty ones dropped.
pub fn given(to: &[String]) -> Vec<String> {
    to.iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

/// The devices to push to.
pub struct Targets {
    pub tokens: Vec<String>,
    /// `--emulated` with no target given: the emulator's test device.
    pub from_emulator: bool,
}

pub fn resolve_targets(
    to: &[String],
    vendor: Vendor,
    config: &Config,
    emulated: bool,
) -> anyhow::Result<Targets> {
    let given = given(to);
    if !given.is_empty() {
        return Ok(Targets {
            tokens: given,
            from_emulator: false,
        });
    }
    let section = Section::of_vendor(vendor);
    let configured: Vec<String> = config
        .list(section, "test-devices")
        .map(|l| l.value)
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    if !configured.is_empty() {
        return Ok(Targets {
            tokens: configured,
            from_emulator: false,
        });
    }
    if emulated {
        return Ok(Targets {
            tokens: vec![builtin_device(vendor).to_owned()],
            from_emulator: true,
        });
    }
    anyhow::bail!(
        "no device to push to: pass --to REGID, or list the device in `{}` ({})",
        section.path("test-devices"),
        section.env_var("test-devices")
    )
}

/// `--dry-run`: the requests as text (human and other formats), or as JSON.
pub fn print_plan(plan: &[PlannedRequest], session: &mut Session<'_>) -> anyhow::Result<()> {
    let out = &mut session.streams.stdout;
    if session.global.format == Format::Json {
        let requests: Vec<serde_json::Value> = plan.iter().map(PlannedRequest::to_json).collect();
        let document = crate::render::json_document(
            "send-test --dry-run",
            serde_json::json!({ "requests": requests }),
        );
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)?;
    } else {
        for (index, request) in plan.iter().enumerate() {
            if index > 0 {
                writeln!(out)?;
            }
            write!(out, "{}", request.to_text())?;
        }
    }
    out.flush()?;
    Ok(())
}

/// What a tap opens. With `--profile flutter`, the vendors whose spec says so open the Flutter
/// plugin's own activity, which is what Tencent's Flutter guide sets in the IM console and what
/// hands `ext` to Dart; it needs the app's package. Everything else opens the app.
pub fn click_for(profile: Profile, vendor: Vendor, config: &Config) -> Click {
    let package = config.trimmed(Section::Root, "package");
    match (profile, package) {
        (Profile::Flutter, Some(package)) if spec(vendor).flutter_click => {
            Click::FlutterPlugin { package }
        }
        _ => Click::OpenApp,
    }
}

/// Tencent's TUIKit preset (`tim-vendor-payloads.md` §2); the Flutter profile adds the legacy
/// plugin's `conversationID`.
pub fn default_ext(profile: Profile) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let entity = format!(
        r#"{{"version":1,"chatType":1,"action":1,"sender":"pushdiag","nickname":"pushdiag","sendTime":{now}}}"#
    );
    match profile {
        Profile::Flutter => format!(r#"{{"conversationID":"c2c_pushdiag","entity":{entity}}}"#),
        Profile::Uniapp | Profile::Json => format!(r#"{{"entity":{entity}}}"#),
    }
}

/// The lint-ext rules for the vendor on the ext.
pub fn lint_ext(ext: &str, source: &str, profile: Profile, vendor: Vendor) -> Vec<Finding> {
    let mut linter = Linter::new(LintOptions {
        profile,
        vendors: vec![vendor],
        input: InputKind::Ext,
    });
    let mut findings = Vec::new();
    linter.lint(
        ext.as_bytes(),
        &crate::lint::Origin::new(source.into()),
        Rule::ExtInvalidJson,
        &mut findings,
    );
    findings
}
