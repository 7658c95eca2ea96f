
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
            cand --config 'The config file [default: pushdiag.toml in the project folder or a parent]'
            cand --format 'Output format; JSON, GitHub and SARIF never contain colour codes'
            cand --color 'When to colour human output (honours NO_COLOR and CLICOLOR_FORCE)'
            cand --deny 'Report RULE at error severity; `warnings` makes every warning an error'
            cand --warn 'Report RULE at warning severity'
            cand --allow 'Do not report RULE'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand lint-ext 'Check a push''s ext (and its OfflinePushInfo) before you send it'
            cand check-config 'Check pushdiag.toml''s credentials and the app''s own push setup, offline'
            cand init 'Write a starting pushdiag.toml from what the app''s files already say'
            cand explain 'Explain a rule: what it checks, why it matters, how to fix it'
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
            cand --config 'The config file [default: pushdiag.toml in the project folder or a parent]'
            cand --format 'Output format; JSON, GitHub and SARIF never contain colour codes'
            cand --color 'When to colour human output (honours NO_COLOR and CLICOLOR_FORCE)'
            cand --deny 'Report RULE at error severity; `warnings` makes every warning an error'
            cand --warn 'Report RULE at warning severity'
            cand --allow 'Do not report RULE'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pushdiag;check-config'= {
            cand --vendor 'Check only this vendor; repeatable [default: every configured vendor]'
            cand --project 'The app''s folder: a uni-app, Flutter, Android or iOS project'
            cand --config 'The config file [default: pushdiag.toml in the project folder or a parent]'
            cand --format 'Output format; JSON, GitHub and SARIF never contain colour codes'
            cand --color 'When to colour human output (honours NO_COLOR and CLICOLOR_FORCE)'
            cand --deny 'Report RULE at error severity; `warnings` makes every warning an error'
            cand --warn 'Report RULE at warning severity'
            cand --allow 'Do not report RULE'
            cand --print-config 'Print the effective configuration (secrets masked) and where each value came from'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pushdiag;init'= {
            cand --project 'The app''s folder; pushdiag.toml is written there'
            cand --config 'The config file [default: pushdiag.toml in the project folder or a parent]'
            cand --format 'Output format; JSON, GitHub and SARIF never contain colour codes'
            cand --color 'When to colour human output (honours NO_COLOR and CLICOLOR_FORCE)'
            cand --deny 'Report RULE at error severity; `warnings` makes every warning an error'
            cand --warn 'Report RULE at warning severity'
            cand --allow 'Do not report RULE'
            cand --force 'Overwrite an existing pushdiag.toml'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pushdiag;explain'= {
            cand --config 'The config file [default: pushdiag.toml in the project folder or a parent]'
            cand --format 'Output format; JSON, GitHub and SARIF never contain colour codes'
            cand --color 'When to colour human output (honours NO_COLOR and CLICOLOR_FORCE)'
            cand --deny 'Report RULE at error severity; `warnings` makes every warning an error'
            cand --warn 'Report RULE at warning severity'
            cand --allow 'Do not report RULE'
            cand --list 'List every rule with its default severity and summary'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pushdiag;completions'= {
            cand --config 'The config file [default: pushdiag.toml in the project folder or a parent]'
            cand --format 'Output format; JSON, GitHub and SARIF never contain colour codes'
            cand --color 'When to colour human output (honours NO_COLOR and CLICOLOR_FORCE)'
            cand --deny 'Report RULE at error severity; `warnings` makes every warning an error'
            cand --warn 'Report RULE at warning severity'
            cand --allow 'Do not report RULE'
            cand --no-input 'Never prompt (implied when CI is set or stdin is not a terminal)'
            cand -q 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand --quiet 'Say less: -q hides notes and the summary line, -qq warnings too'
            cand -v 'Say more about what was checked'
            cand --verbose 'Say more about what was checked'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pushdiag;help'= {
            cand lint-ext 'Check a push''s ext (and its OfflinePushInfo) before you send it'
            cand check-config 'Check pushdiag.toml''s credentials and the app''s own push setup, offline'
            cand init 'Write a starting pushdiag.toml from what the app''s files already say'
            cand explain 'Explain a rule: what it checks, why it matters, how to fix it'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pushdiag;help;lint-ext'= {
        }
        &'pushdiag;help;check-config'= {
        }
        &'pushdiag;help;init'= {
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
