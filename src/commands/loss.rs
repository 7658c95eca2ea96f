//! `pushdiag loss [--since 24h] [--max-loss PCT]`: the app-wide picture from Tencent's push
//! analysis APIs (`normal_push_statistics`, then `normal_push_loss`; `timpush.md` §3.5): sent,
//! delivered and clicked per platform, and each loss bucket with what it means. Exit 0, 1 when a
//! bucket is the app's own setup or the loss is above `--max-loss`, 2 for a window Tencent does
//! not keep, 3 when Tencent could not be asked.

use super::Session;
use crate::cli::LossArgs;
use crate::push_loss::{window, PushLoss};
use crate::session::{self, fill_emulated_secrets, load_config};
use crate::vendor::Vendor;
use crate::vendors::endpoints;
use crate::vendors::push::Exchange;
use crate::vendors::tim::timpush_stats::{LossAnswer, Statistics, TimeWindow};
use crate::vendors::tim::{self, AppCredentials};
use crate::ExitStatus;

pub fn run(args: &LossArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let plan = window::plan(&args.since, now, args.max_loss.is_some())
        .map_err(|why| anyhow::anyhow!("{why}"))?;
    let (config, mut env) = load_config(&session.global)?;
    fill_emulated_secrets(&config, &mut env, session);
    let emulated = session.global.emulated;
    let app = crate::receiver_status::query_app(&config, &env, session)?;
    if !plan.buckets {
        session.diagnostic(format_args!(
            "note: --since {} is over 7 days: Tencent keeps the loss buckets for 7 days, so only the statistics are asked",
            args.since.text
        ));
    }
    let secrets = [app.credentials.secret_key.clone()];
    let net = args.net.options();
    let asked = session::runtime()?.block_on(async {
        let emulator = endpoints::emulator_if(emulated).await?;
        let base = endpoints::tim_base(&config, emulator.as_ref())?;
        if let Some(emulator) = &emulator {
            let note = endpoints::emulator_note(&emulator.base_url(Vendor::Tim));
            session.diagnostic(format_args!("{note}"));
        }
        let asked = ask(&base, app.credentials, &net, plan.window, plan.buckets).await;
        if let Some(emulator) = emulator {
            emulator.shutdown().await;
        }
        asked
    })?;

    let secret_refs: Vec<&crate::secret::Secret> = secrets.iter().collect();
    let redact = |text: &str| crate::secret::redact(text, &secret_refs);
    if session.global.verbose > 0 {
        for line in asked.exchanges.iter().flat_map(|e| &e.log) {
            session.diagnostic(format_args!("tim: {}", redact(line)));
        }
    }
    // The picture only when every query it needs was answered: statistics without the buckets
    // asked for would read as "no loss".
    let model = match (&asked.statistics, &asked.loss) {
        (Some(stats), loss) if loss.is_some() || !plan.buckets => Some(PushLoss::new(
            &args.since.text,
            plan.window,
            stats,
            loss.as_ref(),
            args.max_loss,
        )),
        _ => None,
    };
    let mut report = session.report("loss")?;
    report.checked(asked.exchanges.len() as u64);
    if let Some(model) = &model {
        report.loss(model)?;
        for finding in model.findings() {
            report.emit(finding)?;
        }
    }
    // The queries are neither pushes nor authentications, so they are not `results`: a refusal
    // is a finding, a lost answer a line on stderr (as `status` has it).
    let mut failures = Vec::new();
    for exchange in &asked.exchanges {
        if let Some(finding) = &exchange.finding {
            let mut finding = finding.clone();
            finding.message = redact(&finding.message).into();
            report.emit(finding)?;
        }
        if let Some(failure) = &exchange.failure {
            failures.push(format!(
                "tim query {}: {}; the answer is unknown, try again later",
                exchange.result.target,
                redact(failure)
            ));
        }
    }
    report.unknown(failures.len());
    let summary = report.finish()?;
    for failure in &failures {
        session.diagnostic(format_args!("error: {failure}"));
    }
    let unreachable = crate::exchanges::any_unreachable(&asked.exchanges);
    Ok(ExitStatus::of(&summary, false, unreachable))
}

/// What Tencent answered: one exchange per query asked, and what each answer held.
struct Asked {
    exchanges: Vec<Exchange>,
    statistics: Option<Statistics>,
    loss: Option<LossAnswer>,
}

/// The statistics, then (with `buckets`, and only when the statistics were answered: a refused
/// or lost first answer would meet the second the same way) the loss buckets.
async fn ask(
    base: &str,
    app: AppCredentials,
    net: &crate::net::NetOptions,
    window: TimeWindow,
    buckets: bool,
) -> anyhow::Result<Asked> {
    let client = tim::Client::new(base, app, net)?;
    let (exchange, statistics) = client.normal_push_statistics(window).await?;
    let mut asked = Asked {
        exchanges: vec![exchange],
        statistics,
        loss: None,
    };
    if buckets && asked.statistics.is_some() {
        let (exchange, loss) = client.normal_push_loss(window).await?;
        asked.exchanges.push(exchange);
        asked.loss = loss;
    }
    Ok(asked)
}
