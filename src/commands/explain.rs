//! `pushdiag explain RULE`, `pushdiag explain VENDOR CODE`, `pushdiag explain VENDOR` and
//! `pushdiag explain --list`.

use std::io::Write;

use clap::ValueEnum;

use super::Session;
use crate::cli::ExplainArgs;
use crate::findings::Rule;
use crate::vendor::Vendor;
use crate::vendors::push::{VendorCode, VendorReason};
use crate::ExitStatus;

pub fn run(args: &ExplainArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let out = &mut session.streams.stdout;
    if args.list {
        let width = Rule::ALL.iter().map(|r| r.name().len()).max().unwrap_or(0);
        for rule in Rule::ALL {
            writeln!(
                out,
                "{:width$}  {:7}  {}",
                rule.name(),
                rule.default_severity().as_str(),
                rule.summary()
            )?;
        }
        // Which vendors' answers `explain VENDOR [CODE]` can explain.
        writeln!(out, "\nvendor tables (pushdiag explain VENDOR [CODE]):")?;
        for vendor in Vendor::ALL {
            let entry = crate::vendors::get(vendor);
            let (codes, reasons) = (entry.codes().len(), entry.reasons().len());
            if codes > 0 {
                writeln!(out, "  {:8}{codes} result codes", vendor.id())?;
            } else if reasons > 0 {
                writeln!(out, "  {:8}{reasons} reasons", vendor.id())?;
            }
        }
        out.flush()?;
        return Ok(ExitStatus::Clean);
    }
    let name = args.rule.as_deref().unwrap_or_default();
    // Tencent's push service codes (trace, loss) are their own table, not a vendor's.
    if name.eq_ignore_ascii_case(TIMPUSH) {
        let table = crate::vendors::tim::timpush_codes::CODES;
        explain_numeric(Vendor::Tim, TIMPUSH, table, args.code.as_deref(), out)?;
        out.flush()?;
        return Ok(ExitStatus::Clean);
    }
    let vendor = Vendor::from_str(name, false).ok();
    match (vendor, args.code.as_deref()) {
        (Some(vendor), code) => explain_code(vendor, code, out)?,
        (None, Some(code)) => {
            let ids: Vec<&str> = Vendor::ALL.iter().map(|v| v.id()).collect();
            anyhow::bail!(
                "`{name}` is not a vendor, so `{code}` cannot be one of its codes (vendors: {}); `pushdiag explain RULE` takes a single rule name",
                ids.join(", ")
            );
        }
        (None, None) => {
            let rule = Rule::lookup(name)?;
            writeln!(
                out,
                "{} ({}, {})\n\n{}\n\n{}",
                rule.name(),
                rule.default_severity().as_str(),
                rule.command(),
                rule.summary(),
                rule.doc().trim_end()
            )?;
        }
    }
    out.flush()?;
    Ok(ExitStatus::Clean)
}

/// One code of a vendor, or (without a code) the vendor's whole table.
fn explain_code(vendor: Vendor, code: Option<&str>, out: &mut dyn Write) -> anyhow::Result<()> {
    let table = crate::vendors::get(vendor).codes();
    if vendor == Vendor::Honor {
        anyhow::bail!(
            // vendors-cn.md §6.3: no public code list.
            "Honor publishes no list of error codes, so pushdiag has no table to explain them from; its findings show Honor's raw code and message (Honor's downlink message documentation: {})",
            vendor_documentation(vendor)
        );
    }
    let reasons = crate::vendors::get(vendor).reasons();
    if table.is_empty() && !reasons.is_empty() {
        return explain_reason(vendor, reasons, code, out);
    }
    if table.is_empty() {
        let known: Vec<&str> = Vendor::ALL
            .iter()
            .filter(|v| {
                let entry = crate::vendors::get(**v);
                !entry.codes().is_empty() || !entry.reasons().is_empty()
            })
            .map(|v| v.id())
            .collect();
        anyhow::bail!(
            "pushdiag has no table of {} result codes yet (it has: {})",
            vendor.display_name(),
            known.join(", ")
        );
    }
    explain_numeric(vendor, vendor.id(), table, code, out)
}

/// The name `explain` takes for Tencent's push service table.
const TIMPUSH: &str = "timpush";

/// One code of a numeric `table` (`name` as `explain` takes it), or the whole table.
fn explain_numeric(
    vendor: Vendor,
    name: &str,
    table: &'static [VendorCode],
    code: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let Some(code) = code else {
        let width = table
            .iter()
            .map(|c| c.code.to_string().len())
            .max()
            .unwrap_or(0);
        for entry in table {
            writeln!(out, "{:>width$}  {}", entry.code, entry.meaning)?;
        }
        return Ok(());
    };
    let number: i64 = code.trim().parse().map_err(|_| {
        anyhow::anyhow!(
            "`{code}` is not a {} result code: codes are numbers (`pushdiag explain {name}` lists them)",
            vendor.display_name()
        )
    })?;
    let Some(entry) = table.iter().find(|c| c.code == number) else {
        anyhow::bail!(
            "{} code {number} is not in pushdiag's table, which holds the codes the vendor documents; `pushdiag explain {name}` lists them",
            vendor.display_name()
        );
    };
    write_code(vendor, entry, out)
}

fn write_code(vendor: Vendor, entry: &VendorCode, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(
        out,
        "{} {}: {}\n",
        vendor.display_name(),
        entry.code,
        entry.meaning
    )?;
    writeln!(out, "What to do: {}", entry.fix)?;
    if let Some(key) = entry.credential {
        writeln!(out, "Config key: [{vendor}] {key}")?;
    }
    // Meizu's success is "200" (vendors-cn.md §5.4), Huawei's "80000000" (§4.6); every other
    // vendor's is 0.
    let success = entry.code == 0
        || (vendor == Vendor::Meizu && entry.code == 200)
        || (vendor == Vendor::Huawei && entry.code == 80_000_000);
    if entry.rule.is_none() && success {
        writeln!(out, "Reported as: an accepted result, no finding")?;
    } else {
        // With no rule: the "busy, try later" codes of the vendors' tables.
        write_reported(entry.rule, out)?;
    }
    write_source(vendor, entry.weak, "code's number or meaning", out)
}

/// One string reason of a vendor (APNs `BadDeviceToken`, FCM `UNREGISTERED`), the reasons of one
/// HTTP status (`explain apns 403`), or (without a code) the whole table.
fn explain_reason(
    vendor: Vendor,
    table: &[VendorReason],
    code: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let width = table.iter().map(|r| r.reason.len()).max().unwrap_or(0);
    let Some(code) = code.map(str::trim) else {
        return list_reasons(table, width, out);
    };
    if let Some(entry) = table.iter().find(|r| r.reason.eq_ignore_ascii_case(code)) {
        return write_reason(vendor, entry, out);
    }
    if let Ok(status) = code.parse::<u16>() {
        let with_status: Vec<&VendorReason> = table.iter().filter(|r| r.status == status).collect();
        if !with_status.is_empty() {
            return list_reasons(with_status, width, out);
        }
    }
    let closest = table
        .iter()
        .map(|r| {
            (
                strsim::jaro_winkler(&r.reason.to_ascii_lowercase(), &code.to_ascii_lowercase()),
                r.reason,
            )
        })
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, reason)| format!(" (did you mean `{reason}`?)"))
        .unwrap_or_default();
    anyhow::bail!(
        "`{code}` is not one of the {} reasons in pushdiag's table{closest}; `pushdiag explain {vendor}` lists them",
        vendor.display_name()
    )
}

fn write_reason(vendor: Vendor, entry: &VendorReason, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(
        out,
        "{} {} (HTTP {}): {}\n",
        vendor.display_name(),
        entry.reason,
        entry.status,
        entry.meaning
    )?;
    writeln!(out, "What to do: {}", entry.fix)?;
    write_reported(entry.rule, out)?;
    write_source(vendor, entry.weak, "reason", out)
}

/// The "Reported as" line: the rule, or for none an answer that counts as unknown.
fn write_reported(rule: Option<Rule>, out: &mut dyn Write) -> anyhow::Result<()> {
    match rule {
        Some(rule) => writeln!(
            out,
            "Reported as: {} ({}); `pushdiag explain {}` has more",
            rule.name(),
            rule.default_severity().as_str(),
            rule.name()
        )?,
        None => writeln!(
            out,
            "Reported as: no finding; the answer counts as unknown (exit 3), so try again later"
        )?,
    }
    Ok(())
}

/// The "Documentation" line: the vendor's own documentation, which users can open. The code
/// tables' `source` fields are keys into pushdiag's internal reference notes, so they stay in the
/// code; a `weak` entry says which part of it (`what`) pushdiag inferred.
fn write_source(vendor: Vendor, weak: bool, what: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "Documentation: {}", vendor_documentation(vendor))?;
    if weak {
        writeln!(
            out,
            "Note: this {what} is inferred from SDKs and vendor samples, not stated by the vendor's documentation"
        )?;
    }
    Ok(())
}

/// Where a vendor documents its answers (its spec's `documentation`): a public URL, or the
/// page's title where the vendor publishes no stable address.
pub fn vendor_documentation(vendor: Vendor) -> &'static str {
    crate::vendors::spec(vendor).documentation
}

/// One line per reason: status, reason, meaning.
fn list_reasons<'a>(
    entries: impl IntoIterator<Item = &'a VendorReason>,
    width: usize,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    for entry in entries {
        writeln!(
            out,
            "{} {:width$}  {}",
            entry.status, entry.reason, entry.meaning
        )?;
    }
    Ok(())
}
