//! The registry: apps files and the built-in apps.

use crate::emulator::testutil::*;
use crate::emulator::*;

#[test]
fn registry_from_toml() {
    let registry = Registry::from_toml(
        r#"
        [[app]]
        vendor = "vivo"
        app-id = 20001
        app-key = "k"
        app-secret = "s3cret-value"
        test-devices = ["t1"]
        devices = ["d1"]
        under-review = true
        "#,
    )
    .unwrap();
    let app = registry.find(Vendor::Vivo, "20001").unwrap();
    assert!(app.knows_device("t1") && app.knows_device("d1") && !app.knows_device("x"));
    assert!(app.is_test_device("t1") && !app.is_test_device("d1"));
    assert!(app.under_review);
    assert!(!format!("{registry:?}").contains("s3cret-value"));

    let error = Registry::from_toml(
        "[[app]]\nvendor = \"vivo\"\napp-id = \"1\"\napp-key = \"k\"\napp-secret = \"s3cret-value\"\ntest-device = [\"t\"]\n",
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("unknown field `test-device`"), "{error}");
    assert!(error.contains("line 6"), "{error}");
    assert!(!error.contains("s3cret-value"), "{error}");

    let error = |text: &str| format!("{:#}", Registry::from_toml(text).unwrap_err());
    assert!(error("[[apps]]\n").contains("unknown field `apps`"));
    assert!(
        error("[[app]]\nvendor = \"nokia\"\napp-id = \"1\"\napp-secret = \"s\"\n")
            .contains("not emulated")
    );
    assert!(error(
        "[[app]]\nvendor = \"vivo\"\napp-id = \"abc\"\napp-key = \"k\"\napp-secret = \"s\"\n"
    )
    .contains("integer"));
    let twice = "[[app]]\nvendor = \"vivo\"\napp-id = \"1\"\napp-key = \"k\"\napp-secret = \"s\"\n";
    assert!(error(&format!("{twice}{twice}")).contains("registered twice"));
}

#[test]
fn builtin_registry_matches_the_brief() {
    let registry = Registry::builtin();
    let app = registry.find(Vendor::Vivo, BUILTIN_VIVO_APP_ID).unwrap();
    assert_eq!(app.app_key, BUILTIN_VIVO_APP_KEY);
    assert!(app.under_review);
    assert_eq!(app.test_devices, [BUILTIN_VIVO_TEST_DEVICE]);
    assert!(app.knows_device(BUILTIN_VIVO_DEVICE));
    assert!(!format!("{registry:?}").contains(SECRET));
}

/// `--emulated` and `pushdiag emulate` work with the example projects as they are: the built-in
/// registry has an app with each example's vivo app-id and app-key (their secrets are env
/// references; the docs say to export `BUILTIN_VIVO_APP_SECRET`).
#[test]
fn builtin_registry_has_the_example_projects_vivo_apps() {
    each_example_app(Vendor::Vivo, "vivo", |example, config, app| {
        let vivo = config["vivo"].as_table().unwrap();
        assert_eq!(app.app_key, vivo["app-key"].as_str().unwrap(), "{example}");
        assert_eq!(
            app.app_secret.expose(),
            BUILTIN_VIVO_APP_SECRET,
            "{example}"
        );
        assert_eq!(
            vivo["app-secret"]["env"].as_str(),
            Some("VIVO_APP_SECRET"),
            "{example}: the docs tell people to export VIVO_APP_SECRET"
        );
    });
}

/// APNs keys and FCM service accounts in an apps file: the public key is required and must be
/// of the right kind; a restricted APNs key names one environment.
#[test]
fn registry_from_toml_apns_and_fcm() {
    let apns_public = builtin_apns_public_key();
    let text = format!(
        "[[app]]\nvendor = \"apns\"\napp-id = \"KEY1234567\"\napp-key = \"TEAM123456\"\npackage = \"com.example.chat\"\nenvironment = \"development\"\nunregistered = [\"00ff\"]\npublic-key = \"\"\"\n{apns_public}\"\"\"\n"
    );
    let registry = Registry::from_toml(&text).expect("apns app");
    let app = &registry.apps[0];
    assert_eq!(app.vendor, Vendor::Apns);
    assert_eq!(app.environment.as_deref(), Some("development"));
    assert_eq!(app.unregistered, ["00ff"]);
    let error = |text: &str| format!("{:#}", Registry::from_toml(text).unwrap_err());
    assert!(error(
        "[[app]]\nvendor = \"apns\"\napp-id = \"K\"\napp-key = \"T\"\npackage = \"p\"\n"
    )
    .contains("public-key is missing"));
    // An RSA key is not an APNs key, nor a P-256 key an FCM account's.
    let fcm_public = builtin_fcm_public_key().expect("rsa");
    assert!(error(&format!(
        "[[app]]\nvendor = \"apns\"\napp-id = \"K\"\napp-key = \"T\"\npackage = \"p\"\npublic-key = \"\"\"\n{fcm_public}\"\"\"\n"
    ))
    .contains("not a P-256 public key"));
    assert!(error(&format!(
        "[[app]]\nvendor = \"fcm\"\napp-id = \"proj\"\napp-key = \"sa@proj.iam.gserviceaccount.com\"\npublic-key = \"\"\"\n{apns_public}\"\"\"\n"
    ))
    .contains("not an RSA public key"));
    let fcm = Registry::from_toml(&format!(
        "[[app]]\nvendor = \"fcm\"\napp-id = \"proj\"\napp-key = \"sa@proj.iam.gserviceaccount.com\"\ndevices = [\"tok\"]\npublic-key = \"\"\"\n{fcm_public}\"\"\"\n"
    ))
    .expect("fcm app");
    assert_eq!(fcm.apps[0].vendor, Vendor::Fcm);
}
