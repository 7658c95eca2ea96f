//! `pushdiag send-test --vendor vivo|oppo|xiaomi|meizu|huawei|honor`: lint the ext, authenticate, push to each device, and
//! report each push's result, with a finding for every refusal.

use std::collections::BTreeMap;
use std::path::Path;

use super::Session;
use crate::cli::SendTestArgs;
use crate::config::{self, Config, Origin, Section};
use crate::emulator::{self, Emulator};
use crate::findings::{Finding, Rule, Severity, SeverityPolicy};
use crate::lint::{InputKind, LintOptions, Linter, Profile};
use crate::outcome::Outcome;
use crate::outcome::Target;
use crate::render::Format;
use crate::secret::Secret;
use crate::vendor::Vendor;
use crate::vendors::push::{Click, Exchange, PlannedRequest, TestPush, VendorClient};
use crate::vendors::{apns, fcm, honor, huawei, meizu, oppo, vivo, xiaomi};
use crate::ExitStatus;

/// Evaluates `$body` with `$client` bound to the client for `$credentials`' vendor: the
/// clients are different types behind one trait (`VendorClient`, whose async methods rule out a
/// `dyn`), so this is the one match over the vendors that every use shares.
macro_rules! with_client {
    ($credentials:expr, $base:expr, $auth_base:expr, $net:expr, |$client:ident| $body:expr) => {
        match $credentials {
            Credentials::Vivo(c) => {
                let $client = vivo::Client::new($base, c, $net)?;
                $body
            }
            Credentials::Oppo(c) => {
                let $client = oppo::Client::new($base, c, $net)?;
                $body
            }
            Credentials::Xiaomi(c) => {
                let $client = xiaomi::Client::new($base, c, $net)?;
                $body
            }
            Credentials::Meizu(c) => {
                let $client = meizu::Client::new($base, c, $net)?;
                $body
            }
            Credentials::Huawei(c) => {
                let $client = huawei::Client::new($base, $auth_base, c, $net)?;
                $body
            }
            Credentials::Honor(c) => {
                let $client = honor::Client::new($base, $auth_base, c, $net)?;
                $body
            }
            Credentials::Apns(c) => {
                let $client = apns::Client::new($base, *c, $net)?;
                $body
            }
            Credentials::Fcm(c) => {
                let $client = fcm::Client::new($base, $auth_base, *c, $net)?;
                $body
            }
        }
    };
}

pub fn run(args: &SendTestArgs, session: &mut Session<'_>) -> anyhow::Result<ExitStatus> {
    if let Some(via) = args.via {
        return super::send_tim::run(args, via, session);
    }
    let Some(vendor) = args.vendor else {
        anyhow::bail!("send-test needs --vendor VENDOR or --via tim");
    };
    if vendor == Vendor::Tim {
        // Tencent IM is not a push channel: a message sent through it becomes a vendor push.
        anyhow::bail!(
            "Tencent IM is not a push vendor: use `send-test --via tim --to USERID` to send an IM message that becomes an offline push, or --vendor apns, fcm, huawei, honor, xiaomi, oppo, vivo or meizu"
        );
    }
    let section = Section::of_vendor(vendor);
    let mut env = super::environment();
    let found = config::discover(session.global.config.as_deref(), None, Path::new("."))?;
    let config = config::load(found.as_deref(), &env)?;
    super::fill_emulated_secrets(&config, &mut env, session);

    // The ext first: a broken one stops here, before any credential is needed.
    let (ext, ext_source) = match &args.ext {
        Some(ext) => (ext.clone(), "--ext"),
        None => (default_ext(args.profile), "<default ext>"),
    };
    let mut lint_findings = lint_ext(&ext, ext_source, args.profile, vendor);
    lint_findings.extend(crate::lint::check_push_texts(
        vendor,
        &args.title,
        &args.desc,
    ));
    let policy = SeverityPolicy::from_flags(
        &session.global.deny,
        &session.global.warn,
        &session.global.allow,
    )?;
    let blocking = lint_findings
        .iter()
        .any(|f| policy.apply(f) == Some(Severity::Error));
    if blocking && !args.force {
        let mut report = session.report("send-test")?;
        report.checked(1);
        for finding in lint_findings {
            report.emit(finding)?;
        }
        report.finish()?;
        session.diagnostic(format_args!(
            "error: the push has lint errors, so nothing was sent; fix them, or pass --force to send it anyway"
        ));
        return Ok(ExitStatus::Findings);
    }

    let emulated = session.global.emulated;
    let app = if vendor == Vendor::Apns {
        resolve_apns(&config, &env, emulated, args.production)?
    } else {
        resolve(vendor, &config, &env, emulated, args.dry_run)?
    };
    if let Credentials::Apns(apns) = &app.credentials {
        // Never a hidden default: the environment and the reason for it, every run.
        session.diagnostic(format_args!(
            "APNs environment: {} ({})",
            apns.environment_name(),
            apns.environment_why
        ));
        // An expired or expiring certificate explains a refusal before APNs gives its reason.
        lint_findings.extend(certificate_validity(&config, &env));
    }
    if let Some(id) = &app.builtin {
        session.diagnostic(format_args!(
            "no [{}] credentials configured: using the emulator's built-in app {id}",
            section.name()
        ));
    }
    if matches!(vendor, Vendor::Oppo | Vendor::Xiaomi | Vendor::Meizu) {
        // Neither OPPO (vendors-cn.md §2.3), Xiaomi (§3.3) nor Meizu (§5.3) has a test mode:
        // every push reaches the device for real.
        let name = vendor.display_name();
        if args.production {
            session.diagnostic(format_args!(
                "note: {name} has no test mode, so --production changes nothing"
            ));
        } else if !emulated && !args.dry_run {
            session.diagnostic(format_args!(
                "note: {name} has no test mode: this is a real push to the device"
            ));
        }
    }
    let targets = resolve_targets(&args.to, vendor, &config, emulated)?;
    if targets.from_emulator {
        session.diagnostic(format_args!(
            "no --to and no [{}] test-devices: pushing to the emulator's {} {}",
            section.name(),
            if vendor == Vendor::Vivo {
                "test device"
            } else {
                "device"
            },
            builtin_device(vendor)
        ));
    }
    let click = click_for(args.profile, vendor, &config);
    if let Click::FlutterPlugin { package } = &click {
        session.diagnostic(format_args!(
            "--profile flutter: a tap opens the Flutter push plugin's {} page of {package}, as Tencent's Flutter guide sets it",
            vendor.display_name()
        ));
    }
    let pushes: Vec<TestPush> = targets
        .tokens
        .iter()
        .map(|target| TestPush {
            target: target.clone(),
            title: args.title.clone(),
            body: args.desc.clone(),
            ext: ext.clone(),
            production: args.production,
            click: click.clone(),
        })
        .collect();
    let secrets = [app.credentials.secret().clone()];

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let net = args.net.options();
    let (plan, exchanges) = runtime.block_on(async {
        let emulator = if emulated {
            Some(start_emulator().await?)
        } else {
            None
        };
        let (base, auth_base) = bases(&config, vendor, &app.credentials, emulator.as_ref());
        if emulator.is_some() {
            session.diagnostic(format_args!(
                "using the built-in emulator at {base} (nothing leaves this machine)"
            ));
        }
        let outcome = with_client!(app.credentials, &base, &auth_base, &net, |client| {
            plan_or_send(&client, &pushes, args.dry_run).await
        });
        if let Some(emulator) = emulator {
            emulator.shutdown().await;
        }
        anyhow::Ok(outcome)
    })?;

    if args.dry_run {
        if app.secret_missing {
            session.diagnostic(format_args!(
                "note: [{}] {} is not available; a real run needs it (the {} below is masked either way)",
                section.name(),
                secret_key(vendor),
                match vendor {
                    Vendor::Xiaomi => "Authorization header",
                    Vendor::Huawei | Vendor::Honor => "client_secret",
                    _ => "sign",
                }
            ));
        }
        let masked = match vendor {
            Vendor::Oppo => "the master secret is never shown, sign and auth_token are masked",
            // No token exchange: the AppSecret itself is the Authorization header.
            Vendor::Xiaomi => "the app secret is never shown, the Authorization header is masked",
            // No token exchange either: each request carries its own sign.
            Vendor::Meizu => "the app secret is never shown, sign is masked",
            // OAuth client credentials: the secret is a form field, the token a Bearer header.
            Vendor::Huawei | Vendor::Honor => {
                "the app secret is never shown, client_secret and the Bearer token are masked"
            }
            // The provider token is signed per run; the .p8 key never leaves the machine.
            Vendor::Apns => {
                "the signing key is never shown, the provider token (authorization) is masked"
            }
            // The JWT-bearer assertion is signed with the private key; the token is Bearer.
            Vendor::Fcm => "the service account's private key is never shown, the assertion and the Bearer token are masked",
            _ => "the app secret is never shown, sign and authToken are masked",
        };
        session.diagnostic(format_args!("dry run: nothing was sent; {masked}"));
        for finding in &lint_findings {
            session.diagnostic(format_args!(
                "{}[{}]: {}",
                finding.severity.as_str(),
                finding.rule.name(),
                finding.message
            ));
        }
        print_plan(&plan, session)?;
        return Ok(ExitStatus::Clean);
    }
    report(
        session,
        vendor,
        &config,
        lint_findings,
        exchanges,
        &secrets,
        pushes.len(),
    )
}

/// `--dry-run`: the requests the client would send; otherwise what became of each push.
async fn plan_or_send(
    client: &impl VendorClient,
    pushes: &[TestPush],
    dry_run: bool,
) -> (Vec<PlannedRequest>, Vec<Exchange>) {
    if dry_run {
        (client.plan(pushes), Vec::new())
    } else {
        (Vec::new(), client.send_all(pushes).await)
    }
}

/// What `send-test --vendor V` with no other flags did, for `checklist`.
pub(super) struct DefaultPush {
    pub(super) lint_findings: Vec<Finding>,
    pub(super) exchanges: Vec<Exchange>,
    /// The signing secret, for redaction.
    pub(super) secrets: Vec<Secret>,
    /// Lines for stderr: the emulator, its built-in app or device.
    pub(super) notes: Vec<String>,
}

/// `send-test --vendor V` with no other flags, as `checklist` runs it: the default ext is linted,
/// then one test push goes to each of the config's test devices (under `--emulated` with none
/// configured, the emulator's app and device). An error means nothing could be sent: no
/// credentials, or no device.
pub(super) fn send_default(
    vendor: Vendor,
    config: &Config,
    env: &BTreeMap<String, String>,
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
    if matches!(vendor, Vendor::Oppo | Vendor::Xiaomi | Vendor::Meizu) && !emulated {
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
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let exchanges = runtime.block_on(async {
        let emulator = if emulated {
            Some(start_emulator().await?)
        } else {
            None
        };
        let (base, auth_base) = bases(config, vendor, &app.credentials, emulator.as_ref());
        if let Some(emulator) = &emulator {
            notes.push(format!(
                "using the built-in emulator at {} (nothing leaves this machine)",
                emulator.base_url(vendor)
            ));
        }
        let exchanges = app.credentials.send(&base, &auth_base, &net, &pushes).await;
        if let Some(emulator) = emulator {
            emulator.shutdown().await;
        }
        exchanges
    })?;
    Ok(DefaultPush {
        lint_findings,
        exchanges,
        secrets,
        notes,
    })
}

/// Writes the results and findings, and decides the exit code: 1 when anything was refused, else
/// 3 when an answer is unknown, else 0.
pub(super) fn report(
    session: &mut Session<'_>,
    vendor: Vendor,
    config: &Config,
    lint_findings: Vec<Finding>,
    exchanges: Vec<Exchange>,
    secrets: &[Secret],
    pushes: usize,
) -> anyhow::Result<ExitStatus> {
    let secret_refs: Vec<&Secret> = secrets.iter().collect();
    let redact = |text: &str| crate::secret::redact(text, &secret_refs);
    if session.global.verbose > 0 {
        for exchange in &exchanges {
            for line in &exchange.log {
                session.diagnostic(format_args!("{}: {}", vendor.id(), redact(line)));
            }
        }
    }
    let mut report = session.report("send-test")?;
    report.checked(pushes as u64);
    for finding in lint_findings {
        report.emit(finding)?;
    }
    let failures = emit_exchanges(&mut report, vendor, config, &exchanges, secrets)?;
    let summary = report.finish()?;
    for failure in &failures {
        session.diagnostic(format_args!("error: {failure}"));
    }
    let unreachable = exchanges
        .iter()
        .any(|e| e.result.outcome == Outcome::Unreachable);
    Ok(if summary.errors > 0 {
        ExitStatus::Findings
    } else if unreachable {
        ExitStatus::Unreachable
    } else {
        ExitStatus::Clean
    })
}

/// Writes each exchange's result and finding (secrets redacted, a refused credential located in
/// the config), and returns one line per exchange whose answer is unknown.
pub(super) fn emit_exchanges(
    report: &mut crate::render::Report<'_>,
    vendor: Vendor,
    config: &Config,
    exchanges: &[Exchange],
    secrets: &[Secret],
) -> std::io::Result<Vec<String>> {
    let secret_refs: Vec<&Secret> = secrets.iter().collect();
    let redact = |text: &str| crate::secret::redact(text, &secret_refs);
    let mut failures = Vec::new();
    for exchange in exchanges {
        let mut result = exchange.result.clone();
        result.vendor_message = result.vendor_message.map(|m| redact(&m));
        report.result(&result)?;
        if let Some(finding) = &exchange.finding {
            let mut finding = finding.clone();
            finding.message = redact(&finding.message);
            if let Some(key) = exchange.credential {
                finding.location =
                    config
                        .setting(Section::of_vendor(vendor), key)
                        .and_then(|setting| match &setting.origin {
                            Origin::File(location) => Some(location.clone()),
                            Origin::Env(_) => None,
                        });
            }
            report.emit(finding)?;
        }
        if let Some(failure) = &exchange.failure {
            let what = if exchange.result.target == Target::Auth {
                format!("{} authentication", vendor.id())
            } else {
                format!("{} push to {}", vendor.id(), exchange.result.target)
            };
            // The log has one "try N of M" line per request sent, and other notes besides.
            let tries = exchange
                .log
                .iter()
                .filter(|line| line.starts_with("try "))
                .count()
                .max(1);
            let tries = if tries == 1 {
                "1 try".to_owned()
            } else {
                format!("{tries} tries")
            };
            let outcome = if exchange.not_received {
                "nothing was pushed; try again later"
            } else {
                "the answer is unknown, try again later"
            };
            failures.push(format!("{what}: {} ({tries}); {outcome}", redact(failure)));
        }
    }
    Ok(failures)
}

/// Resolves `vendor`'s app from the config (or the emulator's built-in app, see each resolver).
pub(super) fn resolve(
    vendor: Vendor,
    config: &Config,
    env: &BTreeMap<String, String>,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    match vendor {
        Vendor::Oppo => resolve_oppo(config, env, emulated, dry_run),
        Vendor::Xiaomi => resolve_xiaomi(config, env, emulated, dry_run),
        Vendor::Meizu => resolve_meizu(config, env, emulated, dry_run),
        Vendor::Huawei => resolve_huawei(config, env, emulated, dry_run),
        Vendor::Honor => resolve_honor(config, env, emulated, dry_run),
        Vendor::Apns => resolve_apns(config, env, emulated, false),
        Vendor::Fcm => resolve_fcm(config, emulated),
        _ => resolve_app(config, env, emulated, dry_run),
    }
}

/// The in-process emulator `--emulated` starts: the built-in registry, an ephemeral port.
pub(super) async fn start_emulator() -> anyhow::Result<Emulator> {
    crate::emulated::start_builtin().await
}

/// The API and OAuth base URLs for `vendor`: the emulator's when it runs (it serves the OAuth
/// server under the vendor's prefix too), else `endpoint` and `auth-endpoint` from the config
/// (or `PUSHDIAG_<VENDOR>_ENDPOINT`), else the vendor's defaults.
pub(super) fn bases(
    config: &Config,
    vendor: Vendor,
    credentials: &Credentials,
    emulator: Option<&Emulator>,
) -> (String, String) {
    if let Some(emulator) = emulator {
        let mut base = emulator.base_url(vendor);
        // The emulator serves APNs production under /apns and the sandbox under /apns-sandbox.
        if let Credentials::Apns(apns) = credentials {
            if apns.environment == crate::credentials::ApnsEnvironment::Development {
                base.push_str("-sandbox");
            }
        }
        // FCM: the emulator's token endpoint stands in for the service account's token_uri.
        if let Credentials::Fcm(_) = credentials {
            return (base.clone(), format!("{base}/token"));
        }
        return (base.clone(), base);
    }
    let section = Section::of_vendor(vendor);
    let endpoint = config
        .text(section, "endpoint")
        .map(|e| e.value)
        .unwrap_or_else(|| credentials.default_endpoint().to_owned());
    // FCM takes its token URL from the service account (`token_uri`, B.1).
    if let Credentials::Fcm(fcm) = credentials {
        return (endpoint, fcm.account.token_uri.clone());
    }
    // Huawei's and Honor's OAuth servers are a second base URL (`auth-endpoint`).
    let auth_endpoint = config
        .text(section, "auth-endpoint")
        .map(|e| e.value)
        .unwrap_or_else(|| credentials.default_auth_endpoint().to_owned());
    (endpoint, auth_endpoint)
}

/// What a tap opens. With `--profile flutter`, vivo, OPPO and Honor open the Flutter plugin's own
/// activity, which is what Tencent's Flutter guide sets in the IM console and what hands `ext`
/// to Dart (`tim-vendor-payloads.md` §3, §4, §7); it needs the app's package. Everything else
/// opens the app.
fn click_for(profile: Profile, vendor: Vendor, config: &Config) -> Click {
    let package = config.trimmed(Section::Root, "package");
    match (profile, vendor, package) {
        (Profile::Flutter, Vendor::Vivo | Vendor::Oppo | Vendor::Honor, Some(package)) => {
            Click::FlutterPlugin { package }
        }
        _ => Click::OpenApp,
    }
}

/// Tencent's TUIKit preset (`tim-vendor-payloads.md` §2); the Flutter profile adds the legacy
/// plugin's `conversationID`.
pub(super) fn default_ext(profile: Profile) -> String {
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
pub(super) fn lint_ext(ext: &str, source: &str, profile: Profile, vendor: Vendor) -> Vec<Finding> {
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

/// One vendor's credentials.
pub(super) enum Credentials {
    Vivo(vivo::AppCredentials),
    Oppo(oppo::AppCredentials),
    Xiaomi(xiaomi::AppCredentials),
    Meizu(meizu::AppCredentials),
    Huawei(huawei::AppCredentials),
    Honor(honor::AppCredentials),
    Apns(Box<apns::AppCredentials>),
    Fcm(Box<fcm::AppCredentials>),
}

impl Credentials {
    /// `check-config --online`: the vendor's harmless credential check, no push.
    pub(super) async fn check(
        self,
        base: &str,
        auth_base: &str,
        net: &crate::net::NetOptions,
    ) -> anyhow::Result<Vec<Exchange>> {
        Ok(with_client!(self, base, auth_base, net, |client| {
            client.check_credentials().await
        }))
    }

    /// One test push to each target (`checklist`'s send-test step; `run` also plans).
    pub(super) async fn send(
        self,
        base: &str,
        auth_base: &str,
        net: &crate::net::NetOptions,
        pushes: &[TestPush],
    ) -> anyhow::Result<Vec<Exchange>> {
        Ok(with_client!(self, base, auth_base, net, |client| {
            client.send_all(pushes).await
        }))
    }

    /// The secret that signs, for redaction.
    pub(super) fn secret(&self) -> &Secret {
        match self {
            Credentials::Vivo(c) => &c.app_secret,
            Credentials::Oppo(c) => &c.master_secret,
            Credentials::Xiaomi(c) => &c.app_secret,
            Credentials::Meizu(c) => &c.app_secret,
            Credentials::Huawei(c) => &c.app_secret,
            Credentials::Honor(c) => &c.client_secret,
            Credentials::Apns(c) => &c.secret,
            Credentials::Fcm(c) => &c.account.private_key,
        }
    }

    fn default_endpoint(&self) -> &'static str {
        match self {
            Credentials::Vivo(_) => vivo::DEFAULT_ENDPOINT,
            Credentials::Oppo(_) => oppo::DEFAULT_ENDPOINT,
            Credentials::Xiaomi(_) => xiaomi::DEFAULT_ENDPOINT,
            Credentials::Meizu(_) => meizu::DEFAULT_ENDPOINT,
            Credentials::Huawei(_) => huawei::DEFAULT_ENDPOINT,
            Credentials::Honor(_) => honor::DEFAULT_ENDPOINT,
            Credentials::Apns(c) => apns::default_endpoint(c.environment),
            Credentials::Fcm(_) => fcm::DEFAULT_ENDPOINT,
        }
    }

    /// The OAuth server's default base URL (Huawei and Honor; the others have none, so the
    /// value is unused).
    fn default_auth_endpoint(&self) -> &'static str {
        match self {
            Credentials::Honor(_) => honor::DEFAULT_AUTH_ENDPOINT,
            _ => huawei::DEFAULT_AUTH_ENDPOINT,
        }
    }
}

/// The config key of the secret that signs.
fn secret_key(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Oppo => "master-secret",
        Vendor::Honor => "client-secret",
        _ => "app-secret",
    }
}

/// The emulator's device for `--emulated` with no target.
fn builtin_device(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Oppo => emulator::BUILTIN_OPPO_DEVICE,
        Vendor::Xiaomi => emulator::BUILTIN_XIAOMI_DEVICE,
        Vendor::Meizu => emulator::BUILTIN_MEIZU_DEVICE,
        Vendor::Huawei => emulator::BUILTIN_HUAWEI_DEVICE,
        Vendor::Honor => emulator::BUILTIN_HONOR_DEVICE,
        Vendor::Apns => emulator::BUILTIN_APNS_SANDBOX_DEVICE,
        Vendor::Fcm => emulator::BUILTIN_FCM_DEVICE,
        _ => emulator::BUILTIN_VIVO_TEST_DEVICE,
    }
}

/// The app to authenticate as.
pub(super) struct ResolvedApp {
    pub(super) credentials: Credentials,
    /// The emulator's built-in app's id (`--emulated` with no credentials configured).
    builtin: Option<String>,
    /// Only for `--dry-run`: the secret's source gave nothing.
    secret_missing: bool,
}

fn resolve_app(
    config: &Config,
    env: &BTreeMap<String, String>,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    let section = Section::Vivo;
    let app_id = config.text(section, "app-id").map(|v| v.value);
    let app_key = config.text(section, "app-key").map(|v| v.value);
    if emulated
        && app_id.is_none()
        && app_key.is_none()
        && config.setting(section, "app-secret").is_none()
    {
        return Ok(ResolvedApp {
            credentials: Credentials::Vivo(vivo::AppCredentials {
                app_id: emulator::BUILTIN_VIVO_APP_ID.parse()?,
                app_key: emulator::BUILTIN_VIVO_APP_KEY.to_owned(),
                app_secret: Secret::new(emulator::BUILTIN_VIVO_APP_SECRET),
            }),
            builtin: Some(emulator::BUILTIN_VIVO_APP_ID.to_owned()),
            secret_missing: false,
        });
    }
    let secret = config.secret(section, "app-secret", env);
    let missing = missing_keys(
        section,
        &[
            ("app-id", app_id.is_none()),
            ("app-key", app_key.is_none()),
            ("app-secret", secret.is_none()),
        ],
    );
    if !missing.is_empty() {
        return Err(missing_error(config, &missing));
    }
    let app_id_text = app_id.unwrap_or_default();
    let app_id: u64 = app_id_text.trim().parse().map_err(|_| {
        anyhow::anyhow!("`vivo.app-id` is \"{app_id_text}\", but a vivo AppID is an integer")
    })?;
    let (app_secret, secret_missing) = take_secret(secret, dry_run, emulated, || {
        format!(
            "the emulator's built-in apps (those of examples/) expect {}",
            emulator::BUILTIN_VIVO_APP_SECRET
        )
    })?;
    Ok(ResolvedApp {
        credentials: Credentials::Vivo(vivo::AppCredentials {
            app_id,
            app_key: app_key.unwrap_or_default(),
            app_secret,
        }),
        builtin: None,
        secret_missing,
    })
}

/// The `` `section.key` (ENV_VAR) `` names of the required settings that are absent, in order,
/// for [`missing_error`].
pub(super) fn missing_keys(section: Section, keys: &[(&str, bool)]) -> Vec<String> {
    keys.iter()
        .filter(|(_, absent)| *absent)
        .map(|(key, _)| format!("`{}` ({})", section.path(key), section.env_var(key)))
        .collect()
}

/// The configured secret, and whether it is missing. A secret whose source fails is an error,
/// except under `--dry-run`, which masks it anyway; under `--emulated` the error says what the
/// emulator's built-in app expects (`emulated_hint`).
pub(super) fn take_secret(
    secret: Option<Result<crate::findings::Located<Secret>, String>>,
    dry_run: bool,
    emulated: bool,
    emulated_hint: impl FnOnce() -> String,
) -> anyhow::Result<(Secret, bool)> {
    match secret {
        Some(Ok(secret)) => Ok((secret.value, false)),
        Some(Err(_)) if dry_run => Ok((Secret::new(""), true)),
        Some(Err(why)) if emulated => anyhow::bail!("cannot send: {why}; {}", emulated_hint()),
        Some(Err(why)) => anyhow::bail!("cannot send: {why}"),
        None => Ok((Secret::new(""), true)),
    }
}

/// The "cannot send" error for credentials that are not configured.
pub(super) fn missing_error(config: &Config, missing: &[String]) -> anyhow::Error {
    let file = match &config.file {
        Some(path) => format!("{} does not set", path.display()),
        None => format!("no {} was found (--config, $PUSHDIAG_CONFIG, or the current folder and its parents) and the environment does not set", config::FILE_NAME),
    };
    anyhow::anyhow!(
        "cannot send: {file} {}; add them, or pass --emulated to try the built-in emulator",
        missing.join(", ")
    )
}

/// The OPPO app: AppKey and MasterSecret sign the auth (vendors-cn.md §2.1); the AppId and the
/// client's AppSecret are not used by the server API.
fn resolve_oppo(
    config: &Config,
    env: &BTreeMap<String, String>,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    let section = Section::Oppo;
    let app_key = config.text(section, "app-key").map(|v| v.value);
    let channel_id = config.trimmed(section, "channel-id");
    if emulated && app_key.is_none() && config.setting(section, "master-secret").is_none() {
        return Ok(ResolvedApp {
            credentials: Credentials::Oppo(oppo::AppCredentials {
                app_key: emulator::BUILTIN_OPPO_APP_KEY.to_owned(),
                master_secret: Secret::new(emulator::BUILTIN_OPPO_MASTER_SECRET),
                channel_id,
            }),
            builtin: Some(emulator::BUILTIN_OPPO_APP_ID.to_owned()),
            secret_missing: false,
        });
    }
    let secret = config.secret(section, "master-secret", env);
    let missing = missing_keys(
        section,
        &[
            ("app-key", app_key.is_none()),
            ("master-secret", secret.is_none()),
        ],
    );
    if !missing.is_empty() {
        return Err(missing_error(config, &missing));
    }
    let (master_secret, secret_missing) = take_secret(secret, dry_run, emulated, || {
        format!(
            "the emulator's built-in OPPO apps (those of examples/) expect {}",
            emulator::BUILTIN_OPPO_MASTER_SECRET
        )
    })?;
    Ok(ResolvedApp {
        credentials: Credentials::Oppo(oppo::AppCredentials {
            app_key: app_key.unwrap_or_default(),
            master_secret,
            channel_id,
        }),
        builtin: None,
        secret_missing,
    })
}

/// The Xiaomi app: the AppSecret authorises every request and the top-level `package` is
/// `restricted_package_name` (vendors-cn.md §3.1); AppID and AppKey are the client's.
fn resolve_xiaomi(
    config: &Config,
    env: &BTreeMap<String, String>,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    let section = Section::Xiaomi;
    let package = config.trimmed(Section::Root, "package");
    let channel_id = config.trimmed(section, "channel-id");
    if emulated && package.is_none() && config.setting(section, "app-secret").is_none() {
        return Ok(ResolvedApp {
            credentials: Credentials::Xiaomi(xiaomi::AppCredentials {
                app_secret: Secret::new(emulator::BUILTIN_XIAOMI_APP_SECRET),
                package: emulator::BUILTIN_XIAOMI_PACKAGE.to_owned(),
                channel_id,
            }),
            builtin: Some(emulator::BUILTIN_XIAOMI_APP_ID.to_owned()),
            secret_missing: false,
        });
    }
    let secret = config.secret(section, "app-secret", env);
    let mut missing = Vec::new();
    if package.is_none() {
        missing.push(format!(
            "`{}` ({})",
            Section::Root.path("package"),
            Section::Root.env_var("package")
        ));
    }
    if secret.is_none() {
        missing.push(format!(
            "`{}` ({})",
            section.path("app-secret"),
            section.env_var("app-secret")
        ));
    }
    if !missing.is_empty() {
        return Err(missing_error(config, &missing));
    }
    let (app_secret, secret_missing) = take_secret(secret, dry_run, emulated, || {
        format!(
            "the emulator's built-in Xiaomi apps (those of examples/) expect {}",
            emulator::BUILTIN_XIAOMI_APP_SECRET
        )
    })?;
    Ok(ResolvedApp {
        credentials: Credentials::Xiaomi(xiaomi::AppCredentials {
            app_secret,
            package: package.unwrap_or_default(),
            channel_id,
        }),
        builtin: None,
        secret_missing,
    })
}

/// The Meizu app: the AppId goes in every request and the AppSecret signs it (vendors-cn.md
/// §5.1-5.2); the AppKey is the client's.
fn resolve_meizu(
    config: &Config,
    env: &BTreeMap<String, String>,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    let section = Section::Meizu;
    let app_id = config.trimmed(section, "app-id");
    if emulated && app_id.is_none() && config.setting(section, "app-secret").is_none() {
        return Ok(ResolvedApp {
            credentials: Credentials::Meizu(meizu::AppCredentials {
                app_id: emulator::BUILTIN_MEIZU_APP_ID.to_owned(),
                app_secret: Secret::new(emulator::BUILTIN_MEIZU_APP_SECRET),
            }),
            builtin: Some(emulator::BUILTIN_MEIZU_APP_ID.to_owned()),
            secret_missing: false,
        });
    }
    let secret = config.secret(section, "app-secret", env);
    let missing = missing_keys(
        section,
        &[
            ("app-id", app_id.is_none()),
            ("app-secret", secret.is_none()),
        ],
    );
    if !missing.is_empty() {
        return Err(missing_error(config, &missing));
    }
    let (app_secret, secret_missing) = take_secret(secret, dry_run, emulated, || {
        format!(
            "the emulator's built-in Meizu app {} expects {}",
            emulator::BUILTIN_MEIZU_APP_ID,
            emulator::BUILTIN_MEIZU_APP_SECRET
        )
    })?;
    Ok(ResolvedApp {
        credentials: Credentials::Meizu(meizu::AppCredentials {
            app_id: app_id.unwrap_or_default(),
            app_secret,
        }),
        builtin: None,
        secret_missing,
    })
}

/// The Huawei app: the AppID and AppSecret are the OAuth client id and secret (vendors-cn.md
/// §4.2-4.3); `category` is sent as `android.category` when set.
fn resolve_huawei(
    config: &Config,
    env: &BTreeMap<String, String>,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    let section = Section::Huawei;
    let app_id = config.trimmed(section, "app-id");
    let category = config.trimmed(section, "category");
    let v2 = config
        .text(section, "api-version")
        .is_some_and(|v| v.value.trim() == "v2");
    let project_id = config.trimmed(section, "project-id");
    if emulated && app_id.is_none() && config.setting(section, "app-secret").is_none() {
        return Ok(ResolvedApp {
            credentials: Credentials::Huawei(huawei::AppCredentials {
                app_id: emulator::BUILTIN_HUAWEI_APP_ID.to_owned(),
                app_secret: Secret::new(emulator::BUILTIN_HUAWEI_APP_SECRET),
                category,
                v2_project_id: v2.then(|| emulator::BUILTIN_HUAWEI_PROJECT_ID.to_owned()),
            }),
            builtin: Some(emulator::BUILTIN_HUAWEI_APP_ID.to_owned()),
            secret_missing: false,
        });
    }
    let secret = config.secret(section, "app-secret", env);
    let missing = missing_keys(
        section,
        &[
            ("app-id", app_id.is_none()),
            ("app-secret", secret.is_none()),
            // api-version = "v2" sends to the project (vendors-cn.md §4.1).
            ("project-id", v2 && project_id.is_none()),
        ],
    );
    if !missing.is_empty() {
        return Err(missing_error(config, &missing));
    }
    let (app_secret, secret_missing) = take_secret(secret, dry_run, emulated, || {
        format!(
            "the emulator's built-in Huawei apps (those of examples/) expect {}",
            emulator::BUILTIN_HUAWEI_APP_SECRET
        )
    })?;
    Ok(ResolvedApp {
        credentials: Credentials::Huawei(huawei::AppCredentials {
            app_id: app_id.unwrap_or_default(),
            app_secret,
            category,
            v2_project_id: project_id.filter(|_| v2),
        }),
        builtin: None,
        secret_missing,
    })
}

/// The Honor app: the App ID names the app in the send URL, the Client ID and Secret are the
/// OAuth client (vendors-cn.md §6.1-6.2).
fn resolve_honor(
    config: &Config,
    env: &BTreeMap<String, String>,
    emulated: bool,
    dry_run: bool,
) -> anyhow::Result<ResolvedApp> {
    let section = Section::Honor;
    let text = |key: &str| config.trimmed(section, key);
    let (app_id, client_id) = (text("app-id"), text("client-id"));
    if emulated
        && app_id.is_none()
        && client_id.is_none()
        && config.setting(section, "client-secret").is_none()
    {
        return Ok(ResolvedApp {
            credentials: Credentials::Honor(honor::AppCredentials {
                app_id: emulator::BUILTIN_HONOR_APP_ID.to_owned(),
                client_id: emulator::BUILTIN_HONOR_CLIENT_ID.to_owned(),
                client_secret: Secret::new(emulator::BUILTIN_HONOR_CLIENT_SECRET),
            }),
            builtin: Some(emulator::BUILTIN_HONOR_APP_ID.to_owned()),
            secret_missing: false,
        });
    }
    let secret = config.secret(section, "client-secret", env);
    let missing = missing_keys(
        section,
        &[
            ("app-id", app_id.is_none()),
            ("client-id", client_id.is_none()),
            ("client-secret", secret.is_none()),
        ],
    );
    if !missing.is_empty() {
        return Err(missing_error(config, &missing));
    }
    let (client_secret, secret_missing) = take_secret(secret, dry_run, emulated, || {
        format!(
            "the emulator's built-in Honor app {} expects {}",
            emulator::BUILTIN_HONOR_APP_ID,
            emulator::BUILTIN_HONOR_CLIENT_SECRET
        )
    })?;
    Ok(ResolvedApp {
        credentials: Credentials::Honor(honor::AppCredentials {
            app_id: app_id.unwrap_or_default(),
            client_id: client_id.unwrap_or_default(),
            client_secret,
        }),
        builtin: None,
        secret_missing,
    })
}

struct Targets {
    tokens: Vec<String>,
    /// `--emulated` with no target given: the emulator's test device.
    from_emulator: bool,
}

fn resolve_targets(
    to: &[String],
    vendor: Vendor,
    config: &Config,
    emulated: bool,
) -> anyhow::Result<Targets> {
    let given: Vec<String> = to
        .iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
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
pub(super) fn print_plan(plan: &[PlannedRequest], session: &mut Session<'_>) -> anyhow::Result<()> {
    let out = &mut session.streams.stdout;
    if session.global.format == Format::Json {
        let requests: Vec<serde_json::Value> = plan.iter().map(PlannedRequest::to_json).collect();
        let document = serde_json::json!({
            "schema_version": 1,
            "tool": "pushdiag",
            "version": env!("CARGO_PKG_VERSION"),
            "command": "send-test --dry-run",
            "requests": requests,
        });
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

/// The APNs app: token auth (`key-file`, `key-id`, `team-id`) or certificate auth
/// (`certificate`, `certificate-password`), the topic (`bundle-id`, else `package`), and the
/// environment with the reason for it. `--emulated` with neither configured uses the emulator's
/// built-in key (`examples/uniapp-chat`'s key id and team id).
pub(super) fn resolve_apns(
    config: &Config,
    env: &BTreeMap<String, String>,
    emulated: bool,
    production: bool,
) -> anyhow::Result<ResolvedApp> {
    use crate::credentials::ApnsEnvironment;
    let section = Section::Apns;
    let text = |key: &str| config.trimmed(section, key);
    let (environment, environment_why) = if production {
        (
            ApnsEnvironment::Production,
            "--production was given".to_owned(),
        )
    } else {
        match text("environment").as_deref() {
            Some("production") => (
                ApnsEnvironment::Production,
                "[apns] environment = \"production\"".to_owned(),
            ),
            Some(_) => (
                ApnsEnvironment::Development,
                "[apns] environment = \"development\"".to_owned(),
            ),
            None => (
                ApnsEnvironment::Development,
                "neither --production nor [apns] environment is set, so the sandbox, where builds run from Xcode register; pass --production for TestFlight and App Store builds".to_owned(),
            ),
        }
    };
    let ca_file = config.path(section, "ca-file").map(|p| p.value);
    let key_file = config.path(section, "key-file");
    let certificate = config.path(section, "certificate");
    // Under --emulated, a key that is not there (examples/flutter-chat does not commit its own)
    // is the emulator's built-in one when the config names the built-in key id and team.
    let builtin_ids = text("key-id").is_none_or(|id| id == emulator::BUILTIN_APNS_KEY_ID)
        && text("team-id").is_none_or(|id| id == emulator::BUILTIN_APNS_TEAM_ID);
    let key_absent = key_file.as_ref().is_none_or(|k| !k.value.exists());
    if emulated && key_absent && certificate.is_none() && builtin_ids {
        let provider = apns::jwt::ProviderToken::new(
            emulator::builtin_apns_signing_key(),
            emulator::BUILTIN_APNS_KEY_ID,
            emulator::BUILTIN_APNS_TEAM_ID,
        );
        return Ok(ResolvedApp {
            credentials: Credentials::Apns(Box::new(apns::AppCredentials {
                auth: apns::Auth::Token(provider),
                topic: text("bundle-id")
                    .unwrap_or_else(|| emulator::BUILTIN_APNS_BUNDLE_ID.to_owned()),
                environment,
                environment_why,
                ca_file,
                secret: Secret::new(""),
            })),
            builtin: Some(format!(
                "(key {} of team {})",
                emulator::BUILTIN_APNS_KEY_ID,
                emulator::BUILTIN_APNS_TEAM_ID
            )),
            secret_missing: false,
        });
    }
    let topic = text("bundle-id").or_else(|| config.trimmed(Section::Root, "package"));
    let Some(topic) = topic else {
        return Err(missing_error(
            config,
            &missing_keys(section, &[("bundle-id", true)]),
        ));
    };
    let (auth, secret) = if let Some(key_file) = key_file {
        let missing = missing_keys(
            section,
            &[
                ("key-id", text("key-id").is_none()),
                ("team-id", text("team-id").is_none()),
            ],
        );
        if !missing.is_empty() {
            return Err(missing_error(config, &missing));
        }
        let path = &key_file.value;
        let pem = std::fs::read_to_string(path).map_err(|e| {
            anyhow::anyhow!(
                "cannot send: cannot read [apns] key-file `{}`: {e}",
                path.display()
            )
        })?;
        let key = apns::jwt::load_key(&pem).map_err(|e| {
            anyhow::anyhow!("cannot send: [apns] key-file `{}`: {e}", path.display())
        })?;
        let provider = apns::jwt::ProviderToken::new(
            key,
            &text("key-id").unwrap_or_default(),
            &text("team-id").unwrap_or_default(),
        );
        (apns::Auth::Token(provider), Secret::new(pem))
    } else if let Some(certificate) = certificate {
        let password = match config.secret(section, "certificate-password", env) {
            Some(Ok(secret)) => Some(secret.value),
            Some(Err(why)) => anyhow::bail!("cannot send: {why}"),
            None => None,
        };
        let identity = apns::load_identity(&certificate.value, password.as_ref())
            .map_err(|e| anyhow::anyhow!("cannot send: {e:#}"))?;
        (
            apns::Auth::Certificate {
                identity_pem: identity.clone(),
            },
            password.unwrap_or_else(|| Secret::new("")),
        )
    } else {
        return Err(missing_error(
            config,
            &missing_keys(section, &[("key-file", true), ("certificate", true)]),
        ));
    };
    Ok(ResolvedApp {
        credentials: Credentials::Apns(Box::new(apns::AppCredentials {
            auth,
            topic,
            environment,
            environment_why,
            ca_file,
            secret,
        })),
        builtin: None,
        secret_missing: false,
    })
}

/// `apns-cert-expired` and `apns-cert-expiring` for the configured certificate, from the same
/// offline check `check-config` runs.
fn certificate_validity(config: &Config, env: &BTreeMap<String, String>) -> Vec<Finding> {
    let section = Section::Apns;
    let Some(certificate) = config.path(section, "certificate") else {
        return Vec::new();
    };
    let input = crate::credentials::ApnsInput {
        key_file: None,
        key_id: None,
        team_id: None,
        certificate: Some(certificate),
        certificate_password: config
            .secret(section, "certificate-password", env)
            .and_then(Result::ok)
            .map(|s| s.value),
        bundle_id: None,
        environment: None,
        expiry_warning_days: config
            .integer(section, "expiry-warning-days")
            .map_or(30, |d| d.value.clamp(0, 3650) as u32),
        now: time::OffsetDateTime::now_utc(),
    };
    crate::credentials::check_apns(&input)
        .findings
        .into_iter()
        .filter(|f| matches!(f.rule, Rule::ApnsCertExpired | Rule::ApnsCertExpiring))
        .collect()
}

/// The FCM app: the service-account JSON (`[fcm] service-account`); the app's own project id,
/// when a `google-services.json` is found beside the config, explains SENDER_ID_MISMATCH.
fn resolve_fcm(config: &Config, emulated: bool) -> anyhow::Result<ResolvedApp> {
    let path = config.path(Section::Fcm, "service-account");
    // Under --emulated, a service account that is not there (examples/flutter-chat does not
    // commit its own) is the emulator's built-in one.
    if emulated && path.as_ref().is_none_or(|p| !p.value.exists()) {
        return builtin_fcm();
    }
    let Some(path) = path else {
        return Err(missing_error(
            config,
            &missing_keys(Section::Fcm, &[("service-account", true)]),
        ));
    };
    let account = fcm::ServiceAccount::load(&path.value)
        .map_err(|e| anyhow::anyhow!("cannot send: {e:#}"))?;
    let root = config
        .file
        .as_deref()
        .and_then(Path::parent)
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let app_project_id = crate::project::check(root, &crate::project::Expectations::default())
        .facts
        .google_services_project_id
        .map(|id| id.value);
    Ok(ResolvedApp {
        credentials: Credentials::Fcm(Box::new(fcm::AppCredentials {
            account,
            app_project_id,
        })),
        builtin: None,
        secret_missing: false,
    })
}

/// `--emulated` with no `[fcm] service-account`: the emulator's built-in account (its key is
/// rebuilt here from the same public recipe the emulator uses).
fn builtin_fcm() -> anyhow::Result<ResolvedApp> {
    use rsa::pkcs8::EncodePrivateKey as _;
    let pem = emulator::builtin_fcm_private_key()
        .and_then(|key| key.to_pkcs8_pem(rsa::pkcs8::LineEnding::LF).ok())
        .ok_or_else(|| anyhow::anyhow!("cannot make the emulator's built-in FCM key"))?;
    Ok(ResolvedApp {
        credentials: Credentials::Fcm(Box::new(fcm::AppCredentials {
            account: fcm::ServiceAccount {
                project_id: emulator::BUILTIN_FCM_PROJECT_ID.to_owned(),
                client_email: emulator::BUILTIN_FCM_CLIENT_EMAIL.to_owned(),
                private_key_id: emulator::BUILTIN_FCM_PRIVATE_KEY_ID.to_owned(),
                private_key: Secret::new(pem.as_str()),
                token_uri: fcm::GOOGLE_TOKEN_URI.to_owned(),
            },
            app_project_id: None,
        })),
        builtin: Some(emulator::BUILTIN_FCM_PROJECT_ID.to_owned()),
        secret_missing: false,
    })
}
