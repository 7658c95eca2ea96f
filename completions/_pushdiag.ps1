
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'pushdiag' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'pushdiag'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'pushdiag' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: pushdiag.toml here or above]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE as an error; `warnings`: every warning (see `explain --list`)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE as a warning')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Do not report RULE')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when CI is set or stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--emulated', '--emulated', [CompletionResultType]::ParameterName, 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('lint-ext', 'lint-ext', [CompletionResultType]::ParameterValue, 'Check a push''s ext (and its OfflinePushInfo) before you send it')
            [CompletionResult]::new('check-config', 'check-config', [CompletionResultType]::ParameterValue, 'Check pushdiag.toml''s credentials and the app''s own push setup')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a starting pushdiag.toml from what the app''s files already say')
            [CompletionResult]::new('send-test', 'send-test', [CompletionResultType]::ParameterValue, 'Send a test push straight through a vendor''s API (vivo: test mode)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Whether a Tencent IM user can get an offline push now: Online, PushOnline or Offline')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Where a push died, per device and hop: Tencent''s push trace')
            [CompletionResult]::new('loss', 'loss', [CompletionResultType]::ParameterValue, 'App-wide push loss from Tencent: sent, delivered, clicked and where pushes were lost')
            [CompletionResult]::new('emulate', 'emulate', [CompletionResultType]::ParameterValue, 'Serve vendor-compatible push APIs on loopback, for tests and demos')
            [CompletionResult]::new('checklist', 'checklist', [CompletionResultType]::ParameterValue, 'Walk a vendor''s troubleshooting checklist: automatic checks, then questions')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain a rule, or a vendor''s result code (`explain vivo 10302`)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pushdiag;lint-ext' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read one JSON document from a file (`-` for stdin); repeatable')
            [CompletionResult]::new('--jsonl', '--jsonl', [CompletionResultType]::ParameterName, 'Read JSON Lines, one record per line (no FILE or `-`: stdin); repeatable')
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'Apply this vendor''s limits; repeatable [default: all vendors]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'What the app''s click handler expects in ext')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Read inputs as exts, as records, or decide per input')
            [CompletionResult]::new('--max-record-bytes', '--max-record-bytes', [CompletionResultType]::ParameterName, 'Larger records are reported and skipped without being read into memory')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Lint JSON Lines on N threads, same report [default: the cores]')
            [CompletionResult]::new('--source-name', '--source-name', [CompletionResultType]::ParameterName, 'Part of a larger file (docs/scale.md): that file''s name')
            [CompletionResult]::new('--line-offset', '--line-offset', [CompletionResultType]::ParameterName, 'Part of a larger file: its lines before this part')
            [CompletionResult]::new('--byte-offset', '--byte-offset', [CompletionResultType]::ParameterName, 'Part of a larger file: its bytes before this part')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: pushdiag.toml here or above]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE as an error; `warnings`: every warning (see `explain --list`)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE as a warning')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Do not report RULE')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Per rule: the count and first 3 findings, not all (same exit code)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when CI is set or stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--emulated', '--emulated', [CompletionResultType]::ParameterName, 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pushdiag;check-config' {
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'Check only this vendor; repeatable [default: every configured vendor]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'The app''s folder: a uni-app, Flutter, Android or iOS project')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long (15s, 1500ms)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries where safe (transport errors, 5xx, 429)')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'HTTP proxy for vendor requests (overrides HTTPS_PROXY)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: pushdiag.toml here or above]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE as an error; `warnings`: every warning (see `explain --list`)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE as a warning')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Do not report RULE')
            [CompletionResult]::new('--print-config', '--print-config', [CompletionResultType]::ParameterName, 'Print the effective configuration (secrets masked) and where each value came from')
            [CompletionResult]::new('--online', '--online', [CompletionResultType]::ParameterName, 'Also authenticate against each configured vendor, concurrently, without sending a push')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when CI is set or stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--emulated', '--emulated', [CompletionResultType]::ParameterName, 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pushdiag;init' {
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'The app''s folder; pushdiag.toml is written there')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: pushdiag.toml here or above]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE as an error; `warnings`: every warning (see `explain --list`)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE as a warning')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Do not report RULE')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing pushdiag.toml')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when CI is set or stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--emulated', '--emulated', [CompletionResultType]::ParameterName, 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pushdiag;send-test' {
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'The vendor to push through')
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'Through Tencent IM: tim (IM message) or timpush (push, trace)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'A device token (vivo: regId; --via tim: a UserID); repeatable')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'With --via tim: the sending UserID [default: tim.admin]')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'The notification title')
            [CompletionResult]::new('--desc', '--desc', [CompletionResultType]::ParameterName, 'The notification body')
            [CompletionResult]::new('--ext', '--ext', [CompletionResultType]::ParameterName, 'The ext JSON [default: TUIKit''s {"entity":{...}} preset]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'What the app''s click handler expects in ext')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'With --via timpush: how long to follow the trace')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long (15s, 1500ms)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries where safe (transport errors, 5xx, 429)')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'HTTP proxy for vendor requests (overrides HTTPS_PROXY)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: pushdiag.toml here or above]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE as an error; `warnings`: every warning (see `explain --list`)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE as a warning')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Do not report RULE')
            [CompletionResult]::new('--custom', '--custom', [CompletionResultType]::ParameterName, 'With --via tim: a custom message (pushed only with a Desc)')
            [CompletionResult]::new('--production', '--production', [CompletionResultType]::ParameterName, 'A formal push: vivo pushMode=0, APNs production (not sandbox)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests (secrets masked); send nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Send even when the ext, title or body has lint errors')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when CI is set or stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--emulated', '--emulated', [CompletionResultType]::ParameterName, 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pushdiag;status' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'A Tencent IM UserID; repeatable')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long (15s, 1500ms)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries where safe (transport errors, 5xx, 429)')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'HTTP proxy for vendor requests (overrides HTTPS_PROXY)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: pushdiag.toml here or above]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE as an error; `warnings`: every warning (see `explain --list`)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE as a warning')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Do not report RULE')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when CI is set or stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--emulated', '--emulated', [CompletionResultType]::ParameterName, 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pushdiag;trace' {
            [CompletionResult]::new('--push-id', '--push-id', [CompletionResultType]::ParameterName, 'An IM message''s PushID (Push.OfflinePush callback, console push records)')
            [CompletionResult]::new('--task', '--task', [CompletionResultType]::ParameterName, 'A timpush/batch or all/tag push''s TaskId; with --user')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The receiver''s UserID, with --task')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long (15s, 1500ms)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries where safe (transport errors, 5xx, 429)')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'HTTP proxy for vendor requests (overrides HTTPS_PROXY)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: pushdiag.toml here or above]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE as an error; `warnings`: every warning (see `explain --list`)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE as a warning')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Do not report RULE')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when CI is set or stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--emulated', '--emulated', [CompletionResultType]::ParameterName, 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pushdiag;loss' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back: 24h, 7d, 90m (at most 30d; loss buckets at most 7d)')
            [CompletionResult]::new('--max-loss', '--max-loss', [CompletionResultType]::ParameterName, 'Exit 1 when more than PCT percent of sendable pushes were lost (a CI canary)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long (15s, 1500ms)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries where safe (transport errors, 5xx, 429)')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'HTTP proxy for vendor requests (overrides HTTPS_PROXY)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: pushdiag.toml here or above]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE as an error; `warnings`: every warning (see `explain --list`)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE as a warning')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Do not report RULE')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when CI is set or stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--emulated', '--emulated', [CompletionResultType]::ParameterName, 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pushdiag;emulate' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'The loopback address to listen on; port 0 picks a free port')
            [CompletionResult]::new('--apps', '--apps', [CompletionResultType]::ParameterName, 'Register these apps instead of the built-in ones (TOML `[[app]]` tables; see docs/vendors/vivo.md)')
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'Inject a fault: `[PATH=]FAULT[*TIMES]`, e.g. `vivo/message/send=timeout*1`; repeatable')
            [CompletionResult]::new('--tls-listen', '--tls-listen', [CompletionResultType]::ParameterName, 'Also serve over TLS (HTTP/2 by ALPN; APNs certificate auth needs it) on this loopback address, with a certificate made at start')
            [CompletionResult]::new('--tls-ca-out', '--tls-ca-out', [CompletionResultType]::ParameterName, 'With a TLS port (--tls-listen, --apns-*listen): write the CA certificate to trust here')
            [CompletionResult]::new('--apns-listen', '--apns-listen', [CompletionResultType]::ParameterName, 'Serve APNs production at the root of this loopback address, as api.push.apple.com (TLS and h2c on one port: for clients that take a host, not a base path)')
            [CompletionResult]::new('--apns-sandbox-listen', '--apns-sandbox-listen', [CompletionResultType]::ParameterName, 'The same for the APNs sandbox, as api.sandbox.push.apple.com')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Keep the last N accepted pushes whole in memory (every push is still counted); `-q` also drops the per-push log lines, for load tests')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: pushdiag.toml here or above]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE as an error; `warnings`: every warning (see `explain --list`)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE as a warning')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Do not report RULE')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when CI is set or stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--emulated', '--emulated', [CompletionResultType]::ParameterName, 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pushdiag;checklist' {
            [CompletionResult]::new('--vendor', '--vendor', [CompletionResultType]::ParameterName, 'The vendor whose checklist to walk (`tim`: Tencent IM itself)')
            [CompletionResult]::new('--answers', '--answers', [CompletionResultType]::ParameterName, 'Answers to the manual steps: TOML or JSON, step id = "yes" | "no" | "skip"')
            [CompletionResult]::new('--ext', '--ext', [CompletionResultType]::ParameterName, 'The ext your server sends, for the lint-ext step [default: TUIKit''s {"entity":{...}} preset]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'What the app''s click handler expects in ext')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'The app''s folder, for the config step: a uni-app, Flutter, Android or iOS project')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The receiving user''s Tencent IM id, for the user-status step')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long (15s, 1500ms)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting after this long')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries where safe (transport errors, 5xx, 429)')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'HTTP proxy for vendor requests (overrides HTTPS_PROXY)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: pushdiag.toml here or above]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE as an error; `warnings`: every warning (see `explain --list`)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE as a warning')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Do not report RULE')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List the checklist''s steps (id, kind, title) and exit')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when CI is set or stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--emulated', '--emulated', [CompletionResultType]::ParameterName, 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pushdiag;explain' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: pushdiag.toml here or above]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE as an error; `warnings`: every warning (see `explain --list`)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE as a warning')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Do not report RULE')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List every rule with its default severity and summary, then the vendors with code tables')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when CI is set or stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--emulated', '--emulated', [CompletionResultType]::ParameterName, 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pushdiag;completions' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: pushdiag.toml here or above]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour (honours NO_COLOR, CLICOLOR_FORCE)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE as an error; `warnings`: every warning (see `explain --list`)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE as a warning')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Do not report RULE')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt (implied when CI is set or stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Say less: -q hides notes and the summary line, -qq warnings too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what was checked')
            [CompletionResult]::new('--emulated', '--emulated', [CompletionResultType]::ParameterName, 'Talk to the built-in vendor emulator on 127.0.0.1, not the vendors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pushdiag;help' {
            [CompletionResult]::new('lint-ext', 'lint-ext', [CompletionResultType]::ParameterValue, 'Check a push''s ext (and its OfflinePushInfo) before you send it')
            [CompletionResult]::new('check-config', 'check-config', [CompletionResultType]::ParameterValue, 'Check pushdiag.toml''s credentials and the app''s own push setup')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a starting pushdiag.toml from what the app''s files already say')
            [CompletionResult]::new('send-test', 'send-test', [CompletionResultType]::ParameterValue, 'Send a test push straight through a vendor''s API (vivo: test mode)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Whether a Tencent IM user can get an offline push now: Online, PushOnline or Offline')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Where a push died, per device and hop: Tencent''s push trace')
            [CompletionResult]::new('loss', 'loss', [CompletionResultType]::ParameterValue, 'App-wide push loss from Tencent: sent, delivered, clicked and where pushes were lost')
            [CompletionResult]::new('emulate', 'emulate', [CompletionResultType]::ParameterValue, 'Serve vendor-compatible push APIs on loopback, for tests and demos')
            [CompletionResult]::new('checklist', 'checklist', [CompletionResultType]::ParameterValue, 'Walk a vendor''s troubleshooting checklist: automatic checks, then questions')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain a rule, or a vendor''s result code (`explain vivo 10302`)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pushdiag;help;lint-ext' {
            break
        }
        'pushdiag;help;check-config' {
            break
        }
        'pushdiag;help;init' {
            break
        }
        'pushdiag;help;send-test' {
            break
        }
        'pushdiag;help;status' {
            break
        }
        'pushdiag;help;trace' {
            break
        }
        'pushdiag;help;loss' {
            break
        }
        'pushdiag;help;emulate' {
            break
        }
        'pushdiag;help;checklist' {
            break
        }
        'pushdiag;help;explain' {
            break
        }
        'pushdiag;help;completions' {
            break
        }
        'pushdiag;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
