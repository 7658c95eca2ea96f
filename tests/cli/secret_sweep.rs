//! The secret sweep (issue 17): a distinctive secret in every secret field of a config covering
//! every vendor, given each way a user can give one (literal, `{ env }`, `{ file }`, a
//! `PUSHDIAG_*` override), through every command that reads the config, in every format and
//! verbosity; also wrong secrets (the emulator refuses them), a TOML file broken on a secret's
//! line, and a password in an endpoint URL. The test fails on any secret, or any 6-character
//! piece of one, in stdout or stderr.
//!
//! The combinations, kept to about ten seconds: the offline commands (check-config,
//! `--print-config`, send-test `--dry-run` for vivo, OPPO, Huawei and Tencent IM) run in every
//! way × format × verbosity; the emulated ones (check-config `--online`, send-test, status, loss,
//! checklist with `--answers`) in every way, in human and JSON, with `-v`, where the most is
//! printed; send-test and checklist against the unreachable endpoint with a password (three
//! tries each, so slow) in every way, one format per way, with `-v`. `init` does not read the config (it writes one from the app's files), so it
//! is not here.

use std::path::Path;

use crate::{pushdiag, Run};

/// Every secret field, with its secret: distinctive, and in no vendor's format, so the format
/// checks fire too (their messages must not quote the value).
const SECRETS: &[(&str, &str, &str)] = &[
    ("tim", "secret-key", "S3cr3tQz7Kw4Td"),
    ("vivo", "app-secret", "S3cr3tXp4JmR8b"),
    ("oppo", "app-secret", "S3cr3tLq2VnW5c"),
    ("oppo", "master-secret", "S3cr3tRb8TyH3f"),
    ("xiaomi", "app-secret", "S3cr3tWd5HsK9g"),
    ("meizu", "app-secret", "S3cr3tGk3UfP2j"),
    ("huawei", "app-secret", "S3cr3tZc6NpM7h"),
    ("honor", "client-secret", "S3cr3tYe9MaB4k"),
    ("apns", "certificate-password", "S3cr3tFv0PwC6n"),
];

/// The password in an endpoint's userinfo.
const ENDPOINT_PASSWORD: &str = "S3cr3tZq9XwJh1";

/// Every 6-character piece of every secret.
fn pieces() -> Vec<String> {
    let mut out: Vec<String> = SECRETS
        .iter()
        .map(|(_, _, s)| *s)
        .chain([ENDPOINT_PASSWORD])
        .flat_map(|secret| {
            let chars: Vec<char> = secret.chars().collect();
            chars
                .windows(6)
                .map(|w| w.iter().collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn assert_clean(run: &Run, pieces: &[String], what: &str) {
    assert!(
        !run.stderr.contains("panicked"),
        "{what} panicked: {}",
        run.stderr
    );
    for piece in pieces {
        for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            if let Some(at) = text.find(piece.as_str()) {
                let boundary = |i: usize| (i..text.len()).find(|&i| text.is_char_boundary(i));
                let from = boundary(at.saturating_sub(200)).unwrap_or(at);
                let to = boundary((at + 200).min(text.len())).unwrap_or(text.len());
                panic!("{what} shows `{piece}` on {name}: …{}…", &text[from..to]);
            }
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Way {
    Literal,
    Env,
    File,
    Override,
}

/// The config in `dir` with every secret given `way`; the environment it needs.
fn write_config(dir: &Path, way: Way) -> Vec<(String, String)> {
    let mut env = Vec::new();
    let mut sections: Vec<(&str, Vec<String>)> = vec![
        (
            "tim",
            vec![
                "sdk-app-id = 1400000000".into(),
                "admin = \"administrator\"".into(),
            ],
        ),
        (
            "vivo",
            vec![
                "business-id = 10001".into(),
                "app-id = \"12345\"".into(),
                "app-key = \"00000000000000000000000000000001\"".into(),
                format!("endpoint = \"http://user:{ENDPOINT_PASSWORD}@127.0.0.1:9/vivo\""),
            ],
        ),
        (
            "oppo",
            vec![
                "business-id = 10002".into(),
                "app-id = \"1\"".into(),
                "app-key = \"00000000000000000000000000000002\"".into(),
            ],
        ),
        (
            "xiaomi",
            vec![
                "business-id = 10003".into(),
                "app-id = \"2882303761500000000\"".into(),
                "app-key = \"5000000000000\"".into(),
            ],
        ),
        (
            "meizu",
            vec![
                "business-id = 10004".into(),
                "app-id = \"100000\"".into(),
                "app-key = \"00000000000000000000000000000004\"".into(),
            ],
        ),
        (
            "huawei",
            vec![
                "business-id = 10005".into(),
                "app-id = \"100000000\"".into(),
            ],
        ),
        (
            "honor",
            vec![
                "business-id = 10006".into(),
                "app-id = \"100000001\"".into(),
                "client-id = \"client\"".into(),
            ],
        ),
        (
            "apns",
            vec![
                "business-id-development = 10007".into(),
                "bundle-id = \"com.example.chat\"".into(),
                "certificate = \"push.p12\"".into(),
            ],
        ),
    ];
    for (section, key, secret) in SECRETS {
        let var = format!("SWEEP_{}_{}", section, key)
            .to_uppercase()
            .replace('-', "_");
        let line = match way {
            Way::Literal => format!("{key} = \"{secret}\""),
            Way::Env => {
                env.push((var.clone(), (*secret).to_owned()));
                format!("{key} = {{ env = \"{var}\" }}")
            }
            Way::File => {
                let file = format!("{section}-{key}.txt");
                std::fs::write(dir.join(&file), format!("{secret}\n")).expect("secret file");
                format!("{key} = {{ file = \"{file}\" }}")
            }
            Way::Override => {
                let over = format!("PUSHDIAG_{}_{}", section, key)
                    .to_uppercase()
                    .replace('-', "_");
                env.push((over, (*secret).to_owned()));
                if *section == "vivo" {
                    // The endpoint's override too: its password must not show either.
                    env.push((
                        "PUSHDIAG_VIVO_ENDPOINT".to_owned(),
                        format!("http://other:{ENDPOINT_PASSWORD}@127.0.0.1:9/vivo"),
                    ));
                }
                format!("{key} = \"placeholder-overridden\"")
            }
        };
        let lines = &mut sections
            .iter_mut()
            .find(|(name, _)| name == section)
            .expect("section")
            .1;
        lines.push(line);
    }
    let mut toml = "package = \"com.example.chat\"\n".to_owned();
    for (name, lines) in sections {
        toml.push_str(&format!("\n[{name}]\n{}\n", lines.join("\n")));
    }
    std::fs::write(dir.join("pushdiag.toml"), toml).expect("config");
    env
}

fn run(dir: &Path, env: &[(String, String)], args: &[&str]) -> Run {
    let mut command = pushdiag();
    command
        .current_dir(dir)
        .env_remove("PUSHDIAG_CONFIG")
        .env("CI", "true")
        .args(args)
        .timeout(std::time::Duration::from_secs(60));
    for (name, value) in env {
        command.env(name, value);
    }
    Run::of(&mut command)
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    // A .p12 whose password is not the configured one: a wrong secret, reported.
    let specs = crate::fixture_gen::parse(
        "p12 push.p12 password=p12-other-pw env=development uid=com.example.chat",
    )
    .expect("spec");
    crate::fixture_gen::generate(dir.path(), &specs).expect("p12");
    std::fs::write(dir.path().join("answers.toml"), "").expect("answers");
    dir
}

#[test]
fn no_secret_in_any_output() {
    let pieces = pieces();
    let offline: &[&[&str]] = &[
        &["check-config"],
        &["check-config", "--print-config"],
        &[
            "send-test",
            "--vendor",
            "vivo",
            "--to",
            "regid",
            "--dry-run",
        ],
        &[
            "send-test",
            "--vendor",
            "oppo",
            "--to",
            "regid",
            "--dry-run",
        ],
        &[
            "send-test",
            "--vendor",
            "huawei",
            "--to",
            "token",
            "--dry-run",
        ],
        &["send-test", "--via", "tim", "--to", "alice", "--dry-run"],
    ];
    let unreachable: &[&[&str]] = &[
        &["send-test", "--vendor", "vivo", "--to", "regid"],
        &["checklist", "--vendor", "vivo", "--answers", "answers.toml"],
    ];
    let emulated: &[&[&str]] = &[
        &["--emulated", "check-config", "--online"],
        &[
            "--emulated",
            "send-test",
            "--vendor",
            "vivo",
            "--to",
            "regid",
        ],
        &["--emulated", "status", "--user", "alice"],
        &["--emulated", "loss", "--since", "1h"],
        &[
            "--emulated",
            "checklist",
            "--vendor",
            "vivo",
            "--answers",
            "answers.toml",
        ],
    ];
    let mut runs = 0;
    for way in [Way::Literal, Way::Env, Way::File, Way::Override] {
        let dir = project();
        let env = write_config(dir.path(), way);
        for args in offline {
            for format in ["human", "json", "github", "sarif"] {
                for verbosity in [None, Some("-v"), Some("-q")] {
                    let mut all: Vec<&str> = args.to_vec();
                    all.extend(["--format", format]);
                    all.extend(verbosity);
                    let out = run(dir.path(), &env, &all);
                    assert_clean(&out, &pieces, &format!("{way:?} {all:?}"));
                    runs += 1;
                }
            }
        }
        for args in emulated {
            for format in ["human", "json"] {
                let mut all: Vec<&str> = args.to_vec();
                all.extend(["--format", format, "-v"]);
                let out = run(dir.path(), &env, &all);
                assert_clean(&out, &pieces, &format!("{way:?} {all:?}"));
                runs += 1;
            }
        }
        // The vivo endpoint (with a password) answers nothing: each run tries three times, so
        // one format per way, in turn.
        let format = match way {
            Way::Literal => "human",
            Way::Env => "json",
            Way::File => "github",
            Way::Override => "sarif",
        };
        for args in unreachable {
            let mut all: Vec<&str> = args.to_vec();
            all.extend(["--format", format, "-v"]);
            let out = run(dir.path(), &env, &all);
            assert_eq!(out.code, 3, "{way:?} {all:?}: {}", out.stderr);
            assert_clean(&out, &pieces, &format!("{way:?} {all:?}"));
            runs += 1;
        }
    }
    assert!(runs > 250, "{runs} runs");
}

/// A TOML file broken on a secret's line: the parse error quotes the line, never the secret.
#[test]
fn a_config_broken_on_a_secret_line_shows_no_secret() {
    let pieces = pieces();
    let dir = tempfile::tempdir().expect("tempdir");
    for broken in [
        "[vivo]\napp-secret = \"S3cr3tXp4JmR8b\n",
        "[vivo]\napp-secret = S3cr3tXp4JmR8b\n",
        "[vivo]\napp-secret = \"S3cr3tXp4JmR8b\" \"S3cr3tXp4JmR8b\"\n",
        "[tim]\nsecret-key = { env = \"S3cr3tQz7Kw4Td\" \n",
        "[oppo]\nmaster-secret = \"S3cr3tRb8TyH3f\"\nmaster-secret = \"S3cr3tRb8TyH3f\"\n",
    ] {
        std::fs::write(dir.path().join("pushdiag.toml"), broken).expect("config");
        for format in ["human", "json", "github", "sarif"] {
            let out = run(dir.path(), &[], &["check-config", "--format", format, "-v"]);
            assert_eq!(out.code, 2, "{broken}: {}", out.stderr);
            assert_clean(&out, &pieces, &format!("{broken:?} {format}"));
        }
    }
}
