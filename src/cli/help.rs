//! What `pushdiag` says before it runs anything: the first screen, each command's description
//! and examples, and the one place clap's parse errors are adjusted.
//!
//! Help is kept short (a test holds each `--help` to 40 lines and the first screen to 25): no
//! text here has a second paragraph, because one would switch clap to its long layout, which
//! spaces every option out over two lines.

use std::ffi::OsString;

use clap::error::ContextKind;
use clap::{CommandFactory, FromArgMatches};

use super::Cli;

/// `pushdiag` with no arguments. A clap template, so `{version}` is filled in.
const FIRST_SCREEN: &str = "\
pushdiag {version}: why a Tencent Cloud IM offline push does not arrive, and proof of the fix,
over {vendors}.

Start with:
  init          Write pushdiag.toml from the app's own files
  check-config  Check the credentials and the app's push setup (--online: ask each vendor)
  lint-ext      Check a push's ext and OfflinePushInfo before you send it
  send-test     Send a test push straight through one vendor's API
  checklist     Walk a vendor's troubleshooting checklist to the likely cause

Examples:
  pushdiag init --project path/to/app && pushdiag check-config --online
  pushdiag lint-ext --jsonl messages.jsonl --vendor xiaomi
  pushdiag checklist --vendor vivo --user bob

No credentials yet? Add --emulated to talk to the built-in emulator of every vendor.
Every command: pushdiag --help. One command: pushdiag COMMAND --help.
Rules and vendor codes: pushdiag explain --list. Docs: README.md and docs/ in the source.";

/// The root help's first line; `{vendors}` is filled from the vendor list (see [`vendor_names`]).
pub(super) const ROOT: &str = "For Tencent Cloud IM offline push over {vendors}.";

/// The push channels in prose, from the one list of vendors: "APNs, FCM, …, vivo and Meizu".
fn vendor_names() -> String {
    let names: Vec<&str> = crate::vendor::Vendor::ALL
        .iter()
        .filter(|v| **v != crate::vendor::Vendor::Tim)
        .map(|v| v.display_name())
        .collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

pub(super) const ROOT_EXAMPLES: &str = "\
Examples:
  pushdiag init --project path/to/app && pushdiag check-config --online
  pushdiag send-test --vendor vivo --emulated
  pushdiag explain --list";

pub(super) const LINT_EXT: &str = "EXT is the ext JSON itself, or a whole push: a bare \
OfflinePushInfo, a REST sendmsg body, or the client SDK's offlinePushInfo. Without EXT, --file \
or --jsonl, reads stdin. The human format folds a flood: past 20 identical findings it \
counts them instead (-v shows all).";

pub(super) const LINT_EXT_EXAMPLES: &str = "\
Examples:
  pushdiag lint-ext '{\"entity\":{\"chatType\":1,\"sender\":\"bob\"}}'
  pushdiag lint-ext --file push.json --vendor xiaomi --vendor huawei
  pushdiag lint-ext --jsonl messages.jsonl --format sarif > lint.sarif
  pushdiag lint-ext --jsonl day.jsonl --summary        # a flood: counts per rule
  pushdiag lint-ext --jsonl part-02 --source-name day.jsonl --line-offset 2000 --byte-offset 917504";

pub(super) const CHECK_CONFIG: &str = "Reads pushdiag.toml (--config, $PUSHDIAG_CONFIG, or \
found in the project folder or a parent; `pushdiag init` writes one) and checks each configured \
vendor's credentials and the app's files under --project, offline unless --online.";

pub(super) const CHECK_CONFIG_EXAMPLES: &str = "\
Examples:
  pushdiag check-config --project path/to/app
  pushdiag check-config --online --vendor vivo
  pushdiag check-config --print-config
  pushdiag check-config --format sarif > pushdiag.sarif";

pub(super) const INIT: &str = "Reads the uni-app manifest.json, agconnect-services.json, \
google-services.json, AndroidManifest.xml, build.gradle and the iOS entitlements under \
--project; what they cannot say is left as a commented TODO.";

pub(super) const INIT_EXAMPLES: &str = "\
Examples:
  pushdiag init --project path/to/app
  pushdiag init --force && pushdiag check-config";

pub(super) const SEND_TEST: &str = "Lints the ext, then pushes to each --to device (else the \
config's test-devices). vivo pushes in test mode unless --production.";

pub(super) const SEND_TEST_EXAMPLES: &str = "\
Examples:
  pushdiag send-test --vendor vivo --dry-run
  pushdiag send-test --via tim --to bob
  pushdiag send-test --via timpush --to bob --wait 60s
  pushdiag send-test --vendor vivo --emulated";

pub(super) const TRACE: &str = "Asks Tencent's push trace (7 days, 1 call/s) where a push died, \
per device and hop: IM server, offline push, vendor, device, click. A PushID comes from the \
Push.OfflinePush callback or the console's push records; a TaskId from timpush/batch (send-test \
--via timpush prints it). Exit 0 when every device was reached, 1 when a hop failed or \
notifications are off, 3 when Tencent could not be asked.";

pub(super) const TRACE_EXAMPLES: &str = "\
Examples:
  pushdiag trace --push-id 67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421
  pushdiag trace --task batch_667015d4_537529d8_2000005e80aa873_d03ac87_56f5e750 --user bob
  pushdiag trace --task TASKID --user bob --format json";

pub(super) const STATUS: &str = "Asks Tencent IM's REST API (query_online_status and \
account_check) as the `tim.admin` account and explains each state. Exit 0 when a push can \
arrive, 1 when the answer explains why none will.";

pub(super) const STATUS_EXAMPLES: &str = "\
Examples:
  pushdiag status --user bob
  pushdiag status --user bob --user alice --format json";

pub(super) const LOSS: &str = "Asks Tencent's push statistics and loss analysis \
(normal_push_statistics, normal_push_loss) for the app's pushes in the window, as the `tim.admin` \
account, and explains each loss bucket. Exit 1 when a bucket is the app's own setup or the loss \
is above --max-loss, 3 when Tencent could not be asked.";

pub(super) const LOSS_EXAMPLES: &str = "\
Examples:
  pushdiag loss
  pushdiag loss --since 7d --format json
  pushdiag loss --since 24h --max-loss 5";

pub(super) const EMULATE: &str = "Checks signatures, tokens, fields and devices as each vendor \
does and answers with the vendor's codes. Prints the base URLs and a pushdiag.toml snippet, then \
serves until Ctrl-C.";

pub(super) const EMULATE_EXAMPLES: &str = "\
Examples:
  pushdiag emulate
  pushdiag emulate --listen 127.0.0.1:0 --fault vivo/message/send=timeout*1
  pushdiag emulate --apns-sandbox-listen 127.0.0.1:7702 --tls-ca-out ca.pem";

pub(super) const CHECKLIST: &str =
    "The steps of Tencent's \"收不到离线推送怎么排查\" sections and \
the vendor's message classes and quotas. pushdiag runs what it can check; on a terminal it asks \
the rest, otherwise they are listed or answered from --answers. Ends with the likely cause and \
its fix.";

pub(super) const CHECKLIST_EXAMPLES: &str = "\
Examples:
  pushdiag checklist --vendor xiaomi --user bob
  pushdiag checklist --vendor vivo --list
  pushdiag checklist --vendor vivo --answers answers.toml --no-input";

pub(super) const EXPLAIN_EXAMPLES: &str = "\
Examples:
  pushdiag explain ext-missing-entity
  pushdiag explain vivo 10302
  pushdiag explain vivo
  pushdiag explain --list";

pub(super) const COMPLETIONS_EXAMPLES: &str = "\
Examples (where each shell's script goes):
  pushdiag completions bash > ~/.local/share/bash-completion/completions/pushdiag
  pushdiag completions zsh > ~/.zfunc/_pushdiag  # ~/.zshrc, before compinit: fpath+=(~/.zfunc)
  pushdiag completions fish > ~/.config/fish/completions/pushdiag.fish
  pushdiag completions powershell >> $PROFILE
  pushdiag completions elvish >> ~/.config/elvish/rc.elv";

/// Commands print their description under the one-line summary, not above it.
pub(super) const TEMPLATE: &str = "\
{about-with-newline}
{before-help}{usage-heading} {usage}

{all-args}{after-help}";

/// After a subcommand's options, in place of the global ones it hides.
const GLOBAL_OPTIONS_LINE: &str =
    "Global options (--config, --format, --emulated, --deny RULE, -q, -v, ...): pushdiag --help";

/// Flags that make pushdiag send more, or to more people, than the user asked. A typo is never
/// answered with one of them: `send-test --projet` once drew "a similar argument exists:
/// '--production'", one keystroke from a push to real users.
const WIDENING_FLAGS: &[&str] = &["--production", "--force"];

/// The command line as users see it: the clap derive of [`Cli`], with each subcommand's help
/// laid out with its description under its summary, and the global options listed once, in `pushdiag --help`
/// (the completion scripts use the plain derive, so they still complete every global flag).
pub fn command() -> clap::Command {
    let root = Cli::command()
        .before_help(ROOT.replace("{vendors}", &vendor_names()))
        .mut_args(values_inline);
    let globals: Vec<clap::Arg> = root
        .get_arguments()
        .filter(|arg| arg.is_global_set())
        .map(|arg| arg.clone().hide(true))
        .collect();
    root.mut_subcommands(|sub| {
        // clap copies a global flag into a subcommand only where the subcommand lacks one: this
        // hidden copy still parses (and its value still reaches `Cli::global`), unlisted.
        let sub = sub
            .help_template(TEMPLATE)
            .mut_args(values_inline)
            .args(globals.iter().cloned());
        let after = match sub.get_after_help() {
            Some(text) => format!("{text}\n\n{GLOBAL_OPTIONS_LINE}"),
            None => GLOBAL_OPTIONS_LINE.to_owned(),
        };
        sub.after_help(after)
    })
}

/// Lists a flag's values on its own line (`[possible values: uniapp, flutter, json]`): values
/// with their own help would switch clap to the long layout. `pushdiag explain` and docs/ say
/// what each value means.
fn values_inline(arg: clap::Arg) -> clap::Arg {
    let values = arg.get_possible_values();
    if arg.is_positional() || !values.iter().any(|value| value.get_help().is_some()) {
        return arg;
    }
    let names: Vec<&str> = values
        .iter()
        .map(clap::builder::PossibleValue::get_name)
        .collect();
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    arg.hide_possible_values(true)
        .help(format!("{help} [possible values: {}]", names.join(", ")))
}

/// Parses the process's arguments; on bad usage, `--help` or `--version`, prints what clap
/// prints and exits as clap does (2 for bad usage).
pub fn parse() -> Cli {
    try_parse_from(std::env::args_os()).unwrap_or_else(|error| error.exit())
}

/// Parses `args` (the first is the program name).
pub fn try_parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let mut command = command();
    if args.len() <= 1 {
        // No command: clap shows the help as a usage error (exit 2); show the first screen.
        command = command.help_template(FIRST_SCREEN.replace("{vendors}", &vendor_names()));
    }
    let matches = command
        .try_get_matches_from_mut(args)
        .map_err(|error| without_widening_suggestion(error, &command))?;
    Cli::from_arg_matches(&matches).map_err(|error| error.format(&mut command))
}

/// `error` without its "a similar argument exists" tip when that tip names a widening flag.
fn without_widening_suggestion(error: clap::Error, command: &clap::Command) -> clap::Error {
    let widening = error.context().any(|(kind, value)| {
        let text = value.to_string();
        kind == ContextKind::SuggestedArg
            && WIDENING_FLAGS.contains(&text.split(' ').next().unwrap_or_default())
    });
    if !widening {
        return error;
    }
    let mut plain = clap::Error::new(error.kind()).with_cmd(command);
    // The usage line goes too: clap writes it as if the suggested flag had been given.
    for (kind, value) in error.context() {
        if !matches!(kind, ContextKind::SuggestedArg | ContextKind::Usage) {
            plain.insert(kind, value.clone());
        }
    }
    plain
}
