//! `pushdiag check-config`: is my push setup right? Reads `pushdiag.toml`, checks every
//! configured vendor's credentials offline, and the app's own files under `--project`.

use std::io::Write;

use super::Session;
use crate::cli::{CheckConfigArgs, ColorChoice};
use crate::config::{self, Config, Origin, SecretSource, Section, Value};
use crate::config_check::{
    drop_files_the_emulator_stands_in, offline, online, resolved_secrets, summary, Offline, Online,
};
use crate::findings::SeverityPolicy;
use crate::render::Format;
use crate::session::fill_emulated_secrets;
use crate::vendor::Vendor;
use crate::ExitStatus;

pub fn run(args: &CheckConfigArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let (found, config, mut env) =
        crate::session::load_config_from(&session.global, &args.project)?;
    let Some(path) = found else {
        anyhow::bail!(
            "no {} in `{}` or its parents: run `pushdiag init --project {}` to write one from the app's files, or pass --config PATH",
            config::FILE_NAME,
            args.project.display(),
            args.project.display()
        );
    };
    fill_emulated_secrets(&config, &mut env, session);
    if args.print_config {
        print_config(&config, session)?;
        return Ok(ExitStatus::Clean);
    }

    let configured = config.configured();
    let vendors: Vec<Vendor> = if args.vendor.is_empty() {
        configured.clone()
    } else {
        args.vendor.clone()
    };
    let Offline {
        findings: mut all,
        failures,
        files_read,
        stack_line,
    } = offline(&config, &env, &path, &vendors, &args.project);
    if let Some(line) = stack_line {
        session.diagnostic(format_args!("{line}"));
    }
    if session.global.emulated {
        let files = drop_files_the_emulator_stands_in(&config, &mut all);
        if let Some(note) = crate::config_check::stand_in_note(&files) {
            session.diagnostic(format_args!("{note}"));
        }
    }

    let online = if args.online {
        online(
            &vendors,
            &configured,
            &config,
            &env,
            args.net.options(),
            session,
        )?
    } else {
        Online::default()
    };

    // Secrets never reach an error message, even one quoting a file a secret was pasted into.
    let secrets = resolved_secrets(&config, &env);
    let secret_refs: Vec<&crate::secret::Secret> = secrets.iter().collect();
    let verbose = session.global.verbose > 0;
    let mut report = session.report("check-config")?;
    report.checked(vendors.len() as u64 + files_read.len() as u64);
    for finding in all.iter().cloned() {
        report.emit(finding)?;
    }
    let all_findings = all;
    let mut online_failures = Vec::new();
    let mut unreachable = false;
    for (vendor, exchanges) in &online.exchanges {
        unreachable |= exchanges
            .iter()
            .any(|e| e.result.outcome == crate::outcome::Outcome::Unreachable);
        online_failures.extend(crate::exchanges::emit(
            &mut report,
            *vendor,
            &config,
            exchanges,
            &secrets,
        )?);
    }
    let summary = report.finish()?;
    write_vendor_summary(&vendors, &all_findings, &online, session)?;
    for line in &online.notes {
        session.diagnostic(format_args!("{line}"));
    }
    if verbose {
        for (vendor, exchanges) in &online.exchanges {
            for line in exchanges.iter().flat_map(|e| &e.log) {
                let line = crate::secret::redact(line, &secret_refs);
                session.diagnostic(format_args!("{}: {line}", vendor.id()));
            }
        }
    }
    for failure in &online_failures {
        session.diagnostic(format_args!("error: {failure}"));
    }
    if verbose {
        session.diagnostic(format_args!("config: {}", path.display()));
        for file in &files_read {
            session.diagnostic(format_args!("read {}", file.display()));
        }
    }
    let all_failures: Vec<String> = failures
        .iter()
        .map(|e| crate::secret::redact(&format!("{e:#}"), &secret_refs))
        .collect();
    for failure in &all_failures {
        session.diagnostic(format_args!("error: {failure}"));
    }
    Ok(ExitStatus::of(
        &summary,
        !all_failures.is_empty(),
        unreachable,
    ))
}

/// On a terminal (or with `--color always`), human output ends with one line per vendor, in the
/// manner of `flutter doctor`.
fn write_vendor_summary(
    vendors: &[Vendor],
    findings: &[crate::findings::Finding],
    online: &Online,
    session: &mut Session<'_>,
) -> anyhow::Result<()> {
    let global = &session.global;
    let wanted = global.format == Format::Human
        && global.quiet == 0
        && (session.streams.stdout_is_terminal || global.color == ColorChoice::Always);
    if !wanted || vendors.is_empty() {
        return Ok(());
    }
    let policy = SeverityPolicy::from_flags(&global.deny, &global.warn, &global.allow)?;
    let rows = summary::rows(vendors, findings, &online.exchanges, &policy);
    let out = &mut session.streams.stdout;
    writeln!(out)?;
    for line in summary::lines(&rows) {
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}

fn origin_text(origin: &Origin) -> String {
    match origin {
        Origin::File(location) => {
            format!("{}:{}:{}", location.source, location.line, location.column)
        }
        Origin::Env(name) => format!("${name}"),
    }
}

/// The value as shown: secrets masked, with where a secret comes from.
fn shown(value: &Value) -> (serde_json::Value, Option<String>) {
    match value {
        Value::Text(text) => (serde_json::json!(crate::secret::hide_userinfo(text)), None),
        Value::Integer(number) => (serde_json::json!(number), None),
        Value::List(items) => (serde_json::json!(items), None),
        Value::Secret(source) => {
            let from = match source {
                SecretSource::Literal(_) => "literal".to_owned(),
                SecretSource::Env(name) => format!("env {name}"),
                SecretSource::File(path) => format!("file {}", path.display()),
            };
            (serde_json::json!(crate::secret::MASK), Some(from))
        }
    }
}

fn print_config(config: &Config, session: &mut Session<'_>) -> anyhow::Result<()> {
    let out = &mut session.streams.stdout;
    let file = config.file.as_ref().map(|p| p.display().to_string());
    if session.global.format == Format::Json {
        let settings: Vec<serde_json::Value> = config
            .settings()
            .map(|(section, key, setting)| {
                let (value, secret_from) = shown(&setting.value);
                serde_json::json!({
                    "section": section.name(),
                    "key": key,
                    "value": value,
                    "secret_source": secret_from,
                    "origin": origin_text(&setting.origin),
                })
            })
            .collect();
        let document = crate::render::json_document(
            "check-config --print-config",
            serde_json::json!({ "config": { "file": file, "settings": settings } }),
        );
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "# effective configuration from {} and the environment; secrets masked",
            file.as_deref().unwrap_or("(no file)")
        )?;
        let mut current = None;
        for (section, key, setting) in config.settings() {
            if current != Some(section) && section != Section::Root {
                writeln!(out, "\n[{}]", section.name())?;
            }
            current = Some(section);
            let (value, secret_from) = shown(&setting.value);
            let value = match (&setting.value, secret_from) {
                (Value::Secret(_), Some(from)) => format!("{} ({from})", crate::secret::MASK),
                _ => value.to_string(),
            };
            writeln!(out, "{key} = {value}  # {}", origin_text(&setting.origin))?;
        }
    }
    out.flush()?;
    Ok(())
}
