//! The command line, as `cli-contract.md` promises it: global flags and one subcommand each.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use crate::findings::Rule;
use crate::lint::{InputKind, Profile};
use crate::render::Format;
use crate::vendor::Vendor;

mod help;
pub use help::{command, parse, try_parse_from};

/// Tells you why an offline push does not arrive, and proves the fix
#[derive(Debug, Parser)]
#[command(
    name = "pushdiag",
    version,
    propagate_version = true,
    max_term_width = 100,
    help_template = help::TEMPLATE,
    after_help = help::ROOT_EXAMPLES
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Config file [default: pushdiag.toml here or above]
    #[arg(long, global = true, value_name = "PATH", env = "PUSHDIAG_CONFIG")]
    pub config: Option<PathBuf>,

    /// Output format
    #[arg(long, global = true, value_enum, env = "PUSHDIAG_FORMAT", default_value_t = Format::Human)]
    pub format: Format,

    /// When to colour (honours NO_COLOR, CLICOLOR_FORCE)
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Never prompt (implied when CI is set or stdin is not a terminal)
    #[arg(long, global = true)]
    pub no_input: bool,

    /// Say less: -q hides notes and the summary line, -qq warnings too
    #[arg(short, long, global = true, action = ArgAction::Count, conflicts_with = "verbose")]
    pub quiet: u8,

    /// Say more about what was checked
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub verbose: u8,

    /// Report RULE as an error; `warnings`: every warning (see `explain --list`)
    #[arg(long, global = true, value_name = "RULE", value_parser = rule_names(), hide_possible_values = true)]
    pub deny: Vec<String>,

    /// Report RULE as a warning
    #[arg(long, global = true, value_name = "RULE", value_parser = rule_names(), hide_possible_values = true)]
    pub warn: Vec<String>,

    /// Do not report RULE
    #[arg(long, global = true, value_name = "RULE", value_parser = rule_names(), hide_possible_values = true)]
    pub allow: Vec<String>,

    /// Talk to the built-in vendor emulator on 127.0.0.1, not the vendors
    #[arg(long, global = true)]
    pub emulated: bool,
}

fn rule_names() -> PossibleValuesParser {
    PossibleValuesParser::new(Rule::ALL.iter().map(|r| r.name()).chain(["warnings"]))
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a push's ext (and its OfflinePushInfo) before you send it
    #[command(name = "lint-ext", before_help = help::LINT_EXT, after_help = help::LINT_EXT_EXAMPLES)]
    LintExt(LintExtArgs),

    /// Check pushdiag.toml's credentials and the app's own push setup
    #[command(name = "check-config", before_help = help::CHECK_CONFIG, after_help = help::CHECK_CONFIG_EXAMPLES)]
    CheckConfig(CheckConfigArgs),

    /// Write a starting pushdiag.toml from what the app's files already say
    #[command(before_help = help::INIT, after_help = help::INIT_EXAMPLES)]
    Init(InitArgs),

    /// Send a test push straight through a vendor's API (vivo: test mode)
    #[command(name = "send-test", before_help = help::SEND_TEST, after_help = help::SEND_TEST_EXAMPLES)]
    SendTest(SendTestArgs),

    /// Whether a Tencent IM user can get an offline push now: Online, PushOnline or Offline
    #[command(before_help = help::STATUS, after_help = help::STATUS_EXAMPLES)]
    Status(StatusArgs),

    /// Where a push died, per device and hop: Tencent's push trace
    #[command(before_help = help::TRACE, after_help = help::TRACE_EXAMPLES)]
    Trace(TraceArgs),
    /// App-wide push loss from Tencent: sent, delivered, clicked and where pushes were lost
    #[command(before_help = help::LOSS, after_help = help::LOSS_EXAMPLES)]
    Loss(LossArgs),

    /// Serve vendor-compatible push APIs on loopback, for tests and demos
    #[command(before_help = help::EMULATE, after_help = help::EMULATE_EXAMPLES)]
    Emulate(EmulateArgs),

    /// Walk a vendor's troubleshooting checklist: automatic checks, then questions
    #[command(before_help = help::CHECKLIST, after_help = help::CHECKLIST_EXAMPLES)]
    Checklist(ChecklistArgs),

    /// Explain a rule, or a vendor's result code (`explain vivo 10302`)
    #[command(after_help = help::EXPLAIN_EXAMPLES)]
    Explain(ExplainArgs),

    /// Print a shell completion script
    #[command(after_help = help::COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct LintExtArgs {
    /// The ext or push JSON; `-` reads stdin
    #[arg(value_name = "EXT")]
    pub ext: Option<OsString>,

    /// Read one JSON document from a file (`-` for stdin); repeatable
    #[arg(long, value_name = "FILE")]
    pub file: Vec<PathBuf>,

    /// Read JSON Lines, one record per line (no FILE or `-`: stdin); repeatable
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "-")]
    pub jsonl: Vec<PathBuf>,

    /// Apply this vendor's limits; repeatable [default: all vendors]
    #[arg(long, value_enum, value_name = "VENDOR")]
    pub vendor: Vec<Vendor>,

    /// What the app's click handler expects in ext
    #[arg(long, value_enum, default_value_t = Profile::Uniapp)]
    pub profile: Profile,

    /// Read inputs as exts, as records, or decide per input
    #[arg(long, value_enum, value_name = "KIND", default_value_t = InputKind::Auto)]
    pub input: InputKind,

    /// Larger records are reported and skipped without being read into memory
    #[arg(long, value_name = "BYTES", default_value_t = 4 * 1024 * 1024)]
    pub max_record_bytes: usize,

    /// Lint JSON Lines on N threads, same report [default: the cores]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,

    /// Part of a larger file (docs/scale.md): that file's name
    #[arg(long, value_name = "NAME", requires = "jsonl")]
    pub source_name: Option<String>,

    /// Part of a larger file: its lines before this part
    #[arg(long, value_name = "N", default_value_t = 0, requires = "jsonl")]
    pub line_offset: u64,

    /// Part of a larger file: its bytes before this part
    #[arg(long, value_name = "N", default_value_t = 0, requires = "jsonl")]
    pub byte_offset: u64,

    /// Per rule: the count and first 3 findings, not all (same exit code)
    #[arg(long)]
    pub summary: bool,
}

#[derive(Debug, Args)]
pub struct CheckConfigArgs {
    /// Check only this vendor; repeatable [default: every configured vendor]
    #[arg(long, value_enum, value_name = "VENDOR")]
    pub vendor: Vec<Vendor>,

    /// The app's folder: a uni-app, Flutter, Android or iOS project
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub project: PathBuf,

    /// Print the effective configuration (secrets masked) and where each value came from
    #[arg(long)]
    pub print_config: bool,

    /// Also authenticate against each configured vendor, concurrently, without sending a push
    #[arg(long)]
    pub online: bool,

    /// Timeouts, retries and proxy for --online
    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The app's folder; pushdiag.toml is written there
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub project: PathBuf,

    /// Overwrite an existing pushdiag.toml
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SendTestArgs {
    /// The vendor to push through
    #[arg(
        long,
        value_enum,
        value_name = "VENDOR",
        required_unless_present = "via",
        conflicts_with = "via"
    )]
    pub vendor: Option<Vendor>,

    /// Through Tencent IM: tim (IM message) or timpush (push, trace)
    #[arg(long, value_enum, value_name = "SERVICE")]
    pub via: Option<Via>,

    /// A device token (vivo: regId; --via tim: a UserID); repeatable
    #[arg(long, value_name = "TOKEN")]
    pub to: Vec<String>,

    /// With --via tim: the sending UserID [default: tim.admin]
    #[arg(long, value_name = "USERID", requires = "via")]
    pub from: Option<String>,

    /// With --via tim: a custom message (pushed only with a Desc)
    #[arg(long, requires = "via")]
    pub custom: bool,

    /// The notification title
    #[arg(long, value_name = "T", default_value = "pushdiag")]
    pub title: String,

    /// The notification body
    #[arg(
        long,
        value_name = "D",
        default_value = "Test push from pushdiag: delivery works"
    )]
    pub desc: String,

    /// The ext JSON [default: TUIKit's {"entity":{...}} preset]
    #[arg(long, value_name = "JSON")]
    pub ext: Option<String>,

    /// What the app's click handler expects in ext
    #[arg(long, value_enum, default_value_t = Profile::Uniapp)]
    pub profile: Profile,

    /// With --via timpush: how long to follow the trace
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = crate::net::parse_duration)]
    pub wait: std::time::Duration,

    /// A formal push: vivo pushMode=0, APNs production (not sandbox)
    #[arg(long)]
    pub production: bool,

    /// Print the requests (secrets masked); send nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Send even when the ext, title or body has lint errors
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub net: NetArgs,
}

/// `send-test --via`: a service that turns a message into pushes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Via {
    /// Tencent Cloud IM's `v4/openim/sendmsg`
    Tim,
    /// Tencent's push service `v4/timpush/batch`, then its push trace
    Timpush,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["push_id", "task"])))]
pub struct TraceArgs {
    /// An IM message's PushID (Push.OfflinePush callback, console push records)
    #[arg(long, value_name = "ID", conflicts_with = "task")]
    pub push_id: Option<String>,

    /// A timpush/batch or all/tag push's TaskId; with --user
    #[arg(long, value_name = "TASKID", requires = "user")]
    pub task: Option<String>,

    /// The receiver's UserID, with --task
    #[arg(long, value_name = "USERID", requires = "task")]
    pub user: Option<String>,

    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// A Tencent IM UserID; repeatable
    #[arg(long, value_name = "USERID", required = true)]
    pub user: Vec<String>,

    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, Args)]
pub struct LossArgs {
    /// How far back: 24h, 7d, 90m (at most 30d; loss buckets at most 7d)
    #[arg(long, value_name = "DURATION", default_value = "24h", value_parser = crate::push_loss::window::parse_since)]
    pub since: crate::push_loss::window::Since,

    /// Exit 1 when more than PCT percent of sendable pushes were lost (a CI canary)
    #[arg(long, value_name = "PCT", value_parser = parse_percent)]
    pub max_loss: Option<f64>,

    #[command(flatten)]
    pub net: NetArgs,
}

/// `--max-loss`: a percentage from 0 to 100.
fn parse_percent(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("`{text}` is not a percentage (write e.g. 5 or 2.5)"))?;
    if !(0.0..=100.0).contains(&value) {
        return Err(format!("`{text}`: a percentage is from 0 to 100"));
    }
    Ok(value)
}

/// Timeouts and retries for commands that talk to vendors.
#[derive(Debug, Args)]
pub struct NetArgs {
    /// Give up on a request after this long (15s, 1500ms)
    #[arg(long, value_name = "DURATION", default_value = "15s", value_parser = crate::net::parse_duration)]
    pub timeout: std::time::Duration,

    /// Give up connecting after this long
    #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = crate::net::parse_duration)]
    pub connect_timeout: std::time::Duration,

    /// Retries where safe (transport errors, 5xx, 429)
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub retries: u32,

    /// HTTP proxy for vendor requests (overrides HTTPS_PROXY)
    #[arg(long, value_name = "URL", value_parser = ProxyParser)]
    pub proxy: Option<&'static str>,
}

/// Parses `--proxy` with [`crate::net::parse_proxy`]. Its own parser, not a plain function, so
/// an error does not echo the value as clap's would: a proxy URL may hold a password.
#[derive(Clone, Copy, Debug)]
struct ProxyParser;

impl clap::builder::TypedValueParser for ProxyParser {
    type Value = &'static str;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Self::Value, clap::Error> {
        let text = value.to_str().ok_or_else(|| {
            clap::Error::raw(
                clap::error::ErrorKind::InvalidUtf8,
                "--proxy: the URL is not UTF-8\n",
            )
        })?;
        crate::net::parse_proxy(text).map_err(|why| {
            clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!("--proxy: {why}\n"),
            )
        })
    }
}

impl NetArgs {
    pub fn options(&self) -> crate::net::NetOptions {
        crate::net::NetOptions {
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
            retries: self.retries,
            proxy: self.proxy,
        }
    }
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("tls_ports").multiple(true).args(["tls_listen", "apns_listen", "apns_sandbox_listen"])))]
pub struct EmulateArgs {
    /// The loopback address to listen on; port 0 picks a free port
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7700")]
    pub listen: std::net::SocketAddr,

    /// Register these apps instead of the built-in ones (TOML `[[app]]` tables; see docs/vendors/vivo.md)
    #[arg(long, value_name = "FILE")]
    pub apps: Option<PathBuf>,

    /// Inject a fault: `[PATH=]FAULT[*TIMES]`, e.g. `vivo/message/send=timeout*1`; repeatable
    #[arg(long, value_name = "SPEC")]
    pub fault: Vec<crate::emulator::FaultSpec>,

    /// Also serve over TLS (HTTP/2 by ALPN; APNs certificate auth needs it) on this loopback
    /// address, with a certificate made at start
    #[arg(long, value_name = "ADDR")]
    pub tls_listen: Option<std::net::SocketAddr>,

    /// With a TLS port (--tls-listen, --apns-*listen): write the CA certificate to trust here
    #[arg(long, value_name = "PATH", requires = "tls_ports")]
    pub tls_ca_out: Option<PathBuf>,

    /// Serve APNs production at the root of this loopback address, as api.push.apple.com (TLS and
    /// h2c on one port: for clients that take a host, not a base path)
    #[arg(long, value_name = "ADDR")]
    pub apns_listen: Option<std::net::SocketAddr>,

    /// The same for the APNs sandbox, as api.sandbox.push.apple.com
    #[arg(long, value_name = "ADDR")]
    pub apns_sandbox_listen: Option<std::net::SocketAddr>,

    /// Keep the last N accepted pushes whole in memory (every push is still counted); `-q` also
    /// drops the per-push log lines, for load tests
    #[arg(long, value_name = "N", default_value_t = crate::emulator::DEFAULT_KEEP)]
    pub keep: usize,
}

#[derive(Debug, Args)]
pub struct ChecklistArgs {
    /// The vendor whose checklist to walk (`tim`: Tencent IM itself)
    #[arg(long, value_enum, value_name = "VENDOR")]
    pub vendor: Vendor,

    /// Answers to the manual steps: TOML or JSON, step id = "yes" | "no" | "skip"
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// The ext your server sends, for the lint-ext step [default: TUIKit's {"entity":{...}} preset]
    #[arg(long, value_name = "JSON")]
    pub ext: Option<String>,

    /// What the app's click handler expects in ext
    #[arg(long, value_enum, default_value_t = Profile::Uniapp)]
    pub profile: Profile,

    /// The app's folder, for the config step: a uni-app, Flutter, Android or iOS project
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub project: PathBuf,

    /// The receiving user's Tencent IM id, for the user-status step
    #[arg(long, value_name = "USERID")]
    pub user: Option<String>,

    /// List the checklist's steps (id, kind, title) and exit
    #[arg(long)]
    pub list: bool,

    /// Timeouts, retries and proxy for the steps that talk to vendors
    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule name (ext-missing-entity), or a vendor id followed by one of its codes (vivo 10302,
    /// apns BadDeviceToken)
    #[arg(value_name = "RULE|VENDOR", required_unless_present = "list")]
    pub rule: Option<String>,

    /// A vendor's result code (`timpush -1`); without it, `explain VENDOR` lists the vendor's codes
    #[arg(value_name = "CODE", allow_negative_numbers = true)]
    pub code: Option<String>,

    /// List every rule with its default severity and summary, then the vendors with code tables
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
