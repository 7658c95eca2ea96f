
use builtin;
use str;

set edit:completion:arg-completer[pushdiag] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'pushdiag'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'pushdiag'= {
            cand --config 'Config file [default: pushdiag.toml here or above]'
            cand --format 'Output format'
            cand --color 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)'
            cand --deny 'Report RULE as an error; `warnings`: every warning (see `explain --list`)'
            cand --warn 'Report RULE as a warning'
            cand --allow 'Do not report RULE'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand --emulated 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand lint-ext 'Check a push''s ext (and its OfflinePushInfo) before you send it'
            cand check-config 'Check pushdiag.toml''s credentials and the app''s own push setup'
            cand init 'Write a starting pushdiag.toml from what the app''s files already say'
            cand send-test 'Send a test push straight through a vendor''s API (vivo: test mode)'
            cand status 'Whether a Tencent IM user can get an offline push now: Online, PushOnline or Offline'
            cand emulate 'Serve vendor-compatible push APIs on loopback, for tests and demos'
            cand checklist 'Walk a vendor''s troubleshooting checklist: automatic checks, then questions'
            cand explain 'Explain a rule, or a vendor''s result code (`explain vivo 10302`)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pushdiag;lint-ext'= {
            cand --file 'Read one JSON document from a file (`-` for stdin); repeatable'
            cand --jsonl 'Read JSON Lines, one record per line (no FILE or `-`: stdin); repeatable'
            cand --vendor 'Apply this vendor''s limits; repeatable [default: all vendors]'
            cand --profile 'What the app''s click handler expects in ext'
            cand --input 'Read inputs as exts, as records, or decide per input'
            cand --max-record-bytes 'Larger records are reported and skipped without being read into memory'
            cand --config 'Config file [default: pushdiag.toml here or above]'
            cand --format 'Output format'
            cand --color 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)'
            cand --deny 'Report RULE as an error; `warnings`: every warning (see `explain --list`)'
            cand --warn 'Report RULE as a warning'
            cand --allow 'Do not report RULE'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand --emulated 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pushdiag;check-config'= {
            cand --vendor 'Check only this vendor; repeatable [default: every configured vendor]'
            cand --project 'The app''s folder: a uni-app, Flutter, Android or iOS project'
            cand --timeout 'Give up on a request after this long (15s, 1500ms)'
            cand --connect-timeout 'Give up connecting after this long'
            cand --retries 'Retries where safe (transport errors, 5xx, 429)'
            cand --proxy 'HTTP proxy for vendor requests (overrides HTTPS_PROXY)'
            cand --config 'Config file [default: pushdiag.toml here or above]'
            cand --format 'Output format'
            cand --color 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)'
            cand --deny 'Report RULE as an error; `warnings`: every warning (see `explain --list`)'
            cand --warn 'Report RULE as a warning'
            cand --allow 'Do not report RULE'
            cand --print-config 'Print the effective configuration (secrets masked) and where each value came from'
            cand --online 'Also authenticate against each configured vendor, concurrently, without sending a push'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand --emulated 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pushdiag;init'= {
            cand --project 'The app''s folder; pushdiag.toml is written there'
            cand --config 'Config file [default: pushdiag.toml here or above]'
            cand --format 'Output format'
            cand --color 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)'
            cand --deny 'Report RULE as an error; `warnings`: every warning (see `explain --list`)'
            cand --warn 'Report RULE as a warning'
            cand --allow 'Do not report RULE'
            cand --force 'Overwrite an existing pushdiag.toml'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand --emulated 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pushdiag;send-test'= {
            cand --vendor 'The vendor to push through'
            cand --via 'Send an IM message through Tencent IM''s REST API; --to: UserIDs'
            cand --to 'A device token (vivo: regId; --via tim: a UserID); repeatable'
            cand --from 'With --via tim: the sending UserID [default: tim.admin]'
            cand --title 'The notification title'
            cand --desc 'The notification body'
            cand --ext 'The ext JSON [default: TUIKit''s {"entity":{...}} preset]'
            cand --profile 'What the app''s click handler expects in ext'
            cand --timeout 'Give up on a request after this long (15s, 1500ms)'
            cand --connect-timeout 'Give up connecting after this long'
            cand --retries 'Retries where safe (transport errors, 5xx, 429)'
            cand --proxy 'HTTP proxy for vendor requests (overrides HTTPS_PROXY)'
            cand --config 'Config file [default: pushdiag.toml here or above]'
            cand --format 'Output format'
            cand --color 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)'
            cand --deny 'Report RULE as an error; `warnings`: every warning (see `explain --list`)'
            cand --warn 'Report RULE as a warning'
            cand --allow 'Do not report RULE'
            cand --custom 'With --via tim: a custom message (pushed only with a Desc)'
            cand --production 'A formal push: vivo pushMode=0, APNs production (not sandbox)'
            cand --dry-run 'Print the requests (secrets masked); send nothing'
            cand --force 'Send even when the ext, title or body has lint errors'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand --emulated 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pushdiag;status'= {
            cand --user 'A Tencent IM UserID; repeatable'
            cand --timeout 'Give up on a request after this long (15s, 1500ms)'
            cand --connect-timeout 'Give up connecting after this long'
            cand --retries 'Retries where safe (transport errors, 5xx, 429)'
            cand --proxy 'HTTP proxy for vendor requests (overrides HTTPS_PROXY)'
            cand --config 'Config file [default: pushdiag.toml here or above]'
            cand --format 'Output format'
            cand --color 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)'
            cand --deny 'Report RULE as an error; `warnings`: every warning (see `explain --list`)'
            cand --warn 'Report RULE as a warning'
            cand --allow 'Do not report RULE'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand --emulated 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pushdiag;emulate'= {
            cand --listen 'The loopback address to listen on; port 0 picks a free port'
            cand --apps 'Register these apps instead of the built-in ones (TOML `[[app]]` tables; see docs/vendors/vivo.md)'
            cand --fault 'Inject a fault: `[PATH=]FAULT[*TIMES]`, e.g. `vivo/message/send=timeout*1`; repeatable'
            cand --tls-listen 'Also serve over TLS (HTTP/2 by ALPN; APNs certificate auth needs it) on this loopback address, with a certificate made at start'
            cand --tls-ca-out 'With --tls-listen: write the CA certificate to trust (PEM) here, for `[apns] ca-file`'
            cand --keep 'Keep the last N accepted pushes whole in memory (every push is still counted); `-q` also drops the per-push log lines, for load tests'
            cand --config 'Config file [default: pushdiag.toml here or above]'
            cand --format 'Output format'
            cand --color 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)'
            cand --deny 'Report RULE as an error; `warnings`: every warning (see `explain --list`)'
            cand --warn 'Report RULE as a warning'
            cand --allow 'Do not report RULE'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand --emulated 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pushdiag;checklist'= {
            cand --vendor 'The vendor whose checklist to walk (`tim`: Tencent IM itself)'
            cand --answers 'Answers to the manual steps: TOML or JSON, step id = "yes" | "no" | "skip"'
            cand --ext 'The ext your server sends, for the lint-ext step [default: TUIKit''s {"entity":{...}} preset]'
            cand --profile 'What the app''s click handler expects in ext'
            cand --project 'The app''s folder, for the config step: a uni-app, Flutter, Android or iOS project'
            cand --user 'The receiving user''s Tencent IM id, for the user-status step'
            cand --timeout 'Give up on a request after this long (15s, 1500ms)'
            cand --connect-timeout 'Give up connecting after this long'
            cand --retries 'Retries where safe (transport errors, 5xx, 429)'
            cand --proxy 'HTTP proxy for vendor requests (overrides HTTPS_PROXY)'
            cand --config 'Config file [default: pushdiag.toml here or above]'
            cand --format 'Output format'
            cand --color 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)'
            cand --deny 'Report RULE as an error; `warnings`: every warning (see `explain --list`)'
            cand --warn 'Report RULE as a warning'
            cand --allow 'Do not report RULE'
            cand --list 'List the checklist''s steps (id, kind, title) and exit'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand --emulated 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pushdiag;explain'= {
            cand --config 'Config file [default: pushdiag.toml here or above]'
            cand --format 'Output format'
            cand --color 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)'
            cand --deny 'Report RULE as an error; `warnings`: every warning (see `explain --list`)'
            cand --warn 'Report RULE as a warning'
            cand --allow 'Do not report RULE'
            cand --list 'List every rule with its default severity and summary, then the vendors with code tables'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand --emulated 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pushdiag;completions'= {
            cand --config 'Config file [default: pushdiag.toml here or above]'
            cand --format 'Output format'
            cand --color 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)'
            cand --deny 'Report RULE as an error; `warnings`: every warning (see `explain --list`)'
            cand --warn 'Report RULE as a warning'
            cand --allow 'Do not report RULE'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand --emulated 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pushdiag;help'= {
            cand lint-ext 'Check a push''s ext (and its OfflinePushInfo) before you send it'
            cand check-config 'Check pushdiag.toml''s credentials and the app''s own push setup'
            cand init 'Write a starting pushdiag.toml from what the app''s files already say'
            cand send-test 'Send a test push straight through a vendor''s API (vivo: test mode)'
            cand status 'Whether a Tencent IM user can get an offline push now: Online, PushOnline or Offline'
            cand emulate 'Serve vendor-compatible push APIs on loopback, for tests and demos'
            cand checklist 'Walk a vendor''s troubleshooting checklist: automatic checks, then questions'
            cand explain 'Explain a rule, or a vendor''s result code (`explain vivo 10302`)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pushdiag;help;lint-ext'= {
        }
        &'pushdiag;help;check-config'= {
        }
        &'pushdiag;help;init'= {
        }
        &'pushdiag;help;send-test'= {
        }
        &'pushdiag;help;status'= {
        }
        &'pushdiag;help;emulate'= {
        }
        &'pushdiag;help;checklist'= {
        }
        &'pushdiag;help;explain'= {
        }
        &'pushdiag;help;completions'= {
        }
        &'pushdiag;help;help'= {
        }
    ]
    $completions[$command]
}
