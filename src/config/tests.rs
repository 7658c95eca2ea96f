use super::*;

fn parse(text: &str, env: &[(&str, &str)]) -> Config {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, text).expect("write");
    let env = Environment::from_pairs(env.iter().copied());
    let mut config = load(Some(&path), &env).expect("loads");
    // Keep the folder alive for tests that read secret files: leak it deliberately.
    std::mem::forget(dir);
    config.findings.iter_mut().for_each(|f| {
        if let Some(l) = f.location.as_mut() {
            l.source = "pushdiag.toml".into();
        }
    });
    config
}

type Summary = (String, String, Option<(u64, u64)>);

fn findings(config: &Config) -> Vec<Summary> {
    config
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.name().to_owned(),
                f.message.to_string(),
                f.location.as_ref().map(|l| (l.line, l.column)),
            )
        })
        .collect()
}

#[test]
fn reads_the_contract_example() {
    let config = parse(
        "package = \"com.example.chat\"\n[tim]\nsdk-app-id = 1400000000\nsecret-key = { env = \"TIM_SECRET_KEY\" }\nadmin = \"administrator\"\nregion = \"cn\"\n\n[vivo]\nbusiness-id = 10001\napp-id = \"10004\"\napp-key = \"k\"\napp-secret = { env = \"VIVO_APP_SECRET\" }\ntest-devices = [\"123\"]\n",
        &[],
    );
    assert!(config.findings.is_empty(), "{:#?}", config.findings);
    assert_eq!(config.configured(), [Vendor::Vivo, Vendor::Tim]);
    assert_eq!(
        config.text(Section::Root, "package").map(|l| l.value),
        Some("com.example.chat".into())
    );
    assert_eq!(
        config.text(Section::Vivo, "business-id").map(|l| l.value),
        Some("10001".into())
    );
    assert_eq!(
        config.integer(Section::Tim, "sdk-app-id").map(|l| l.value),
        Some(1_400_000_000)
    );
    let location = config
        .text(Section::Vivo, "app-id")
        .and_then(|l| l.location)
        .expect("location");
    assert_eq!(
        (location.line, location.column, location.pointer.as_str()),
        (10, 10, "/vivo/app-id")
    );
    let env = Environment::from_pairs([("VIVO_APP_SECRET", "from-env")]);
    let secret = config
        .secret(Section::Vivo, "app-secret", &env)
        .expect("set")
        .expect("resolved");
    assert_eq!(secret.value.expose(), "from-env");
    let missing = config
        .secret(Section::Tim, "secret-key", &env)
        .expect("set")
        .expect_err("unset");
    assert!(missing.contains("`TIM_SECRET_KEY`"), "{missing}");
}

#[test]
fn unknown_keys_and_sections_suggest_the_nearest() {
    let config = parse("[vivo]\napp-secrt = { env = \"X\" }\n[vivoo]\n", &[]);
    assert_eq!(
        findings(&config),
        [
            (
                "config-invalid".into(),
                "unknown key `vivo.app-secrt` (did you mean `vivo.app-secret`?)".into(),
                Some((2, 1))
            ),
            (
                "config-invalid".into(),
                "unknown section [vivoo] (did you mean `[vivo]`?)".into(),
                Some((3, 2))
            ),
        ]
    );
}

#[test]
fn wrong_types_and_values_are_findings_that_name_the_key() {
    let config = parse(
        "[tim]\nsdk-app-id = \"abc\"\nregion = \"cnn\"\n[apns]\nenvironment = \"prod\"\n",
        &[],
    );
    let messages: Vec<String> = findings(&config).into_iter().map(|(_, m, _)| m).collect();
    assert_eq!(
        messages,
        [
            "`tim.sdk-app-id` is a string, but it takes an integer",
            "`tim.region` is \"cnn\", not one of cn, sgp, kr, ger, ind, usa, jpn, idn (did you mean \"cn\"?)",
            "`apns.environment` is \"prod\", not one of development, production (did you mean \"production\"?)",
        ]
    );
}

#[test]
fn a_literal_secret_is_a_warning_that_never_quotes_it() {
    let config = parse(
        "[oppo]\nmaster-secret = \"0123456789abcdef-planted\"\n",
        &[],
    );
    let found = findings(&config);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "secret-in-plaintext");
    assert_eq!(found[0].2, Some((2, 17)));
    let rendered = format!("{:?}", config);
    assert!(
        !rendered.contains("planted"),
        "Debug shows the secret: {rendered}"
    );
    assert!(!config.findings[0]
        .help
        .as_deref()
        .unwrap_or_default()
        .contains("planted"));
}

#[test]
fn environment_overrides_win_and_unknown_ones_are_reported() {
    let config = parse(
        "package = \"a.b\"\n[vivo]\napp-id = \"1\"\n",
        &[
            ("PUSHDIAG_VIVO_APP_ID", "2"),
            ("PUSHDIAG_OPPO_MASTER_SECRET", "s"),
            ("PUSHDIAG_VIVO_APP_SECRT", "x"),
            ("PUSHDIAG_FORMAT", "json"),
            ("PUSHDIAG_APNS_EXPIRY_WARNING_DAYS", "x"),
        ],
    );
    assert_eq!(
        config
            .text(Section::Vivo, "app-id")
            .map(|l| (l.value, l.location.is_none())),
        Some(("2".into(), true))
    );
    assert!(
        config.has(Section::Oppo),
        "an override configures the vendor"
    );
    let messages: Vec<String> = findings(&config).into_iter().map(|(_, m, _)| m).collect();
    assert_eq!(
        messages,
        [
            "`PUSHDIAG_APNS_EXPIRY_WARNING_DAYS` is not an integer",
            "unknown environment variable `PUSHDIAG_VIVO_APP_SECRT` (did you mean `PUSHDIAG_VIVO_APP_SECRET`?)",
        ]
    );
    assert!(matches!(
        config.setting(Section::Oppo, "master-secret").map(|s| &s.origin),
        Some(Origin::Env(name)) if name == "PUSHDIAG_OPPO_MASTER_SECRET"
    ));
}

#[test]
fn a_file_that_is_not_toml_is_an_error_that_never_quotes_the_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, "[vivo]\napp-secret = \"planted-secret-value\n").expect("write");
    let error = load(Some(&path), &Environment::default()).expect_err("not TOML");
    let message = format!("{error:#}");
    assert!(message.contains("at line 2, column"), "{message}");
    assert!(!message.contains("planted"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
}

#[test]
fn secrets_from_files_are_read_relative_to_the_config() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("secrets")).expect("mkdir");
    std::fs::write(dir.path().join("secrets/vivo"), "abc\n").expect("write");
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, "[vivo]\napp-secret = { file = \"secrets/vivo\" }\napp-key = { file = \"x\" }\n[meizu]\napp-secret = { file = \"secrets/none\" }\n").expect("write");
    let env = Environment::default();
    let config = load(Some(&path), &env).expect("loads");
    assert_eq!(
        config
            .secret(Section::Vivo, "app-secret", &env)
            .expect("set")
            .expect("read")
            .value
            .expose(),
        "abc"
    );
    assert!(config
        .secret(Section::Meizu, "app-secret", &env)
        .expect("set")
        .is_err());
    assert_eq!(
        config.findings.len(),
        1,
        "app-key is not a secret: {:#?}",
        config.findings
    );
}

#[test]
fn discovery_walks_up_and_respects_explicit_paths() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).expect("mkdir");
    std::fs::write(dir.path().join(FILE_NAME), "").expect("write");
    let found = discover(None, None, &nested).expect("ok").expect("found");
    assert_eq!(
        found,
        dir.path().canonicalize().expect("canon").join(FILE_NAME)
    );
    assert_eq!(
        discover(Some(Path::new("x.toml")), Some("y.toml"), &nested).expect("ok"),
        Some(PathBuf::from("x.toml"))
    );
    assert_eq!(
        discover(None, Some("y.toml"), &nested).expect("ok"),
        Some(PathBuf::from("y.toml"))
    );
}

#[test]
fn huawei_category_must_be_one_huawei_knows() {
    let config = parse("[huawei]\ncategory = \"CHAT\"\n", &[]);
    let found = findings(&config);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "config-invalid");
    assert!(found[0].1.contains("IM"), "{found:?}");
    assert!(findings(&parse("[huawei]\ncategory = \"IM\"\n", &[])).is_empty());
}

/// Issue 12: a secret read from the environment stays a [`Secret`] all the way: through a
/// `{ env = "NAME" }` reference into `Config::secret`, inside `Environment`, and as a
/// `PUSHDIAG_*` override of a secret key, which must never become a text setting that
/// `--print-config` or a finding could show.
#[test]
fn secrets_from_the_environment_stay_secrets() {
    use crate::secret::MASK;

    let env = Environment::from_pairs([("VIVO_SECRET", "planted-env-secret")]);
    assert!(!format!("{env:?}").contains("planted"), "{env:?}");
    let config = parse("[vivo]\napp-secret = { env = \"VIVO_SECRET\" }\n", &[]);
    let secret = config
        .secret(Section::Vivo, "app-secret", &env)
        .expect("set")
        .expect("resolved");
    assert_eq!(format!("{}", secret.value), MASK);
    assert_eq!(format!("{:?}", secret.value), format!("Secret({MASK})"));
    assert!(!format!("{secret:?}").contains("planted"));
    assert_eq!(secret.value.expose(), "planted-env-secret");

    let env = Environment::from_pairs([
        ("PUSHDIAG_VIVO_APP_SECRET", "planted-override"),
        ("PUSHDIAG_VIVO_APP_ID", "10004"),
    ]);
    let config = load(None, &env).expect("loads");
    let setting = config
        .setting(Section::Vivo, "app-secret")
        .expect("overridden");
    assert!(
        matches!(&setting.value, Value::Secret(SecretSource::Literal(_))),
        "{:?}",
        setting.value
    );
    assert_eq!(config.text(Section::Vivo, "app-secret"), None);
    assert!(!format!("{config:?}").contains("planted"));
    // A secret in the environment is where it belongs: no secret-in-plaintext finding.
    assert!(config.findings.is_empty(), "{:#?}", config.findings);
    let secret = config
        .secret(Section::Vivo, "app-secret", &env)
        .expect("set")
        .expect("resolved");
    assert_eq!(secret.value.expose(), "planted-override");
    // The one kind of override read as text: a key that is not a secret.
    assert_eq!(
        config.text(Section::Vivo, "app-id").map(|l| l.value),
        Some("10004".to_owned())
    );
}
