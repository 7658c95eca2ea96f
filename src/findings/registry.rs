//! The one registry of rules. Names are promises to users and CI scripts (see
//! `cli-contract.md`): never rename or reuse one. Each rule's long doc lives in `docs/<name>.md`
//! and `docs/rules.md` at the top of the repository is generated from this table.

use super::Severity;

macro_rules! rules {
    ($( $variant:ident => $name:literal, $severity:ident, $command:literal, $summary:literal; )*) => {
        /// A rule: a stable kebab-case name with a default severity, a one-line summary and a doc.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $( $variant, )*
        }

        impl Rule {
            /// Every rule, in the order the docs list them.
            pub const ALL: &'static [Rule] = &[ $( Rule::$variant, )* ];

            /// The stable kebab-case name.
            pub fn name(self) -> &'static str {
                match self { $( Rule::$variant => $name, )* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $( Rule::$variant => Severity::$severity, )* }
            }

            /// The command whose checks produce this rule's findings.
            pub fn command(self) -> &'static str {
                match self { $( Rule::$variant => $command, )* }
            }

            /// One line: what the rule catches.
            pub fn summary(self) -> &'static str {
                match self { $( Rule::$variant => $summary, )* }
            }

            /// The long doc in Markdown: what it checks, why it matters, how to fix, an example.
            pub fn doc(self) -> &'static str {
                match self { $( Rule::$variant => include_str!(concat!("docs/", $name, ".md")), )* }
            }
        }
    };
}

rules! {
    ExtInvalidJson => "ext-invalid-json", Error, "lint-ext",
        "ext is not valid JSON (OPPO drops such pushes; click handlers cannot parse it)";
    ExtNotObject => "ext-not-object", Error, "lint-ext",
        "ext is valid JSON but not an object";
    ExtDoubleEncoded => "ext-double-encoded", Error, "lint-ext",
        "ext is encoded the wrong number of times: a JSON string inside a string, or an object where the REST API needs a string";
    ExtMissingEntity => "ext-missing-entity", Error, "lint-ext",
        "ext has no \"entity\" object, which the uni-app plugin and TUIKit read on click";
    ExtEntityNotObject => "ext-entity-not-object", Error, "lint-ext",
        "ext's \"entity\" is present but is not a JSON object";
    ExtDuplicateKey => "ext-duplicate-key", Warning, "lint-ext",
        "a JSON object in the push repeats a key; parsers disagree on which value wins";
    ExtTooLarge => "ext-too-large", Warning, "lint-ext",
        "ext is larger than Tencent's recommended 1 KB";
    PayloadTooLarge => "payload-too-large", Error, "lint-ext",
        "the payload a vendor receives (or the request Tencent IM receives) exceeds its size limit";
    TitleTooLong => "title-too-long", Warning, "lint-ext",
        "the push title is longer than the vendor allows";
    DescTooLong => "desc-too-long", Warning, "lint-ext",
        "the push body (Desc) is longer than the vendor allows";
    OppoChannelIdMissing => "oppo-channel-id-missing", Warning, "lint-ext",
        "no OPPO channel ID: OPPO phones on Android 8+ do not show the push unless the console sets one";
    XiaomiChannelIdMissing => "xiaomi-channel-id-missing", Warning, "lint-ext",
        "no Xiaomi channel ID: MIUI 10+ phones on Android 8+ do not show the push unless the console sets one";
    CustomMessageWithoutDesc => "custom-message-without-desc", Error, "lint-ext",
        "a custom message with no Desc anywhere: Tencent IM sends no offline push for it";
    ConversationIdMalformed => "conversation-id-malformed", Error, "lint-ext",
        "the Flutter plugin's conversationID is missing or not c2c_<user> / group_<id>";
    RecordInvalidJson => "record-invalid-json", Error, "lint-ext",
        "an input record is not valid JSON (or not UTF-8), so nothing in it could be checked";
    RecordFieldInvalid => "record-field-invalid", Error, "lint-ext",
        "a push field has the wrong type, e.g. a number where Tencent IM needs a string";
    InputBom => "input-bom", Note, "lint-ext",
        "the input starts with a UTF-8 byte order mark; pushdiag skips it, some JSON parsers do not";
    ConfigInvalid => "config-invalid", Error, "check-config",
        "pushdiag.toml has an unknown key or a value of the wrong type; that setting is ignored";
    CredentialMissing => "credential-missing", Error, "check-config",
        "a credential the configured vendor needs is not set (or its env var / file is missing)";
    CredentialMalformed => "credential-malformed", Error, "check-config",
        "a credential does not have the vendor's format (a warning where the format is only inferred)";
    BusinessIdMissing => "business-id-missing", Error, "check-config",
        "no IM console certificate ID (business ID) for a configured vendor: Tencent IM cannot push through it";
    SecretInPlaintext => "secret-in-plaintext", Warning, "check-config",
        "a secret is written in pushdiag.toml itself; use { env = \"...\" } or { file = \"...\" }";
    ApnsCertExpired => "apns-cert-expired", Error, "check-config",
        "the APNs certificate has expired: APNs refuses the connection";
    ApnsCertExpiring => "apns-cert-expiring", Warning, "check-config",
        "the APNs certificate expires soon (30 days by default)";
    ApnsCertNoPrivateKey => "apns-cert-no-private-key", Error, "check-config",
        "the APNs certificate file has no private key, so it cannot authenticate";
    ApnsEnvironmentMismatch => "apns-environment-mismatch", Error, "check-config",
        "the APNs certificate's or the app's environment (development/production) differs from the configured one";
    ApnsTopicMismatch => "apns-topic-mismatch", Error, "check-config",
        "the APNs certificate is for another bundle id than the configured app";
    ApnsP12NoPassword => "apns-p12-no-password", Error, "check-config",
        "the .p12 has no password: the IM console rejects password-less certificates";
    ApnsKeyInvalid => "apns-key-invalid", Error, "check-config",
        "the APNs .p8 key, key id or team id is not valid";
    FcmServiceAccountInvalid => "fcm-service-account-invalid", Error, "check-config",
        "the FCM service-account JSON is missing a field, has a bad key, or is for another Firebase project";
    PackageNameMismatch => "package-name-mismatch", Error, "check-config",
        "two of the app's files (or the config) name different package names / bundle ids";
    HuaweiAgconnectMissing => "huawei-agconnect-missing", Error, "check-config",
        "Huawei is configured but agconnect-services.json is not where the plugin needs it";
    VivoManifestKeysMissing => "vivo-manifest-keys-missing", Error, "check-config",
        "vivo is configured but the app does not declare com.vivo.push.app_id / api_key";
    AndroidPermissionMissing => "android-permission-missing", Warning, "check-config",
        "AndroidManifest.xml lacks a permission a configured vendor's push needs";
    ApsEnvironmentMissing => "aps-environment-missing", Error, "check-config",
        "the iOS app has no aps-environment entitlement: it never gets a device token";
    IosPushDelegateMissing => "ios-push-delegate-missing", Error, "check-config",
        "a TIMPush iOS app's delegate does not adopt TIMPushDelegate or hand over a certificate ID: nothing ever arrives";
    ApnsBusinessIdBuildMismatch => "apns-business-id-build-mismatch", Error, "check-config",
        "the APNs certificate ID is chosen by #if DEBUG while a non-Debug build configuration is signed for development";
    OppoMasterSecretIsAppSecret => "oppo-master-secret-is-app-secret", Error, "check-config",
        "the server-side secret is the client-side one (OPPO master secret = app secret; likewise Xiaomi, Meizu)";
    AppBusinessIdMismatch => "app-business-id-mismatch", Error, "check-config",
        "the certificate ID the app's code registers for a vendor differs from pushdiag.toml's business-id";
    AppBusinessIdMissing => "app-business-id-missing", Error, "check-config",
        "the app's code registers a vendor without a certificate ID (none, empty, 0 or a placeholder)";
    AppClientKeyMismatch => "app-client-key-mismatch", Error, "check-config",
        "a vendor AppID / AppKey / AppSecret in the app's code differs from pushdiag.toml's";
    AppValueNotChecked => "app-value-not-checked", Note, "check-config",
        "a value the app hands the push SDK is computed at build or run time; pushdiag could not check it";
    TimpushConfigInvalid => "timpush-config-invalid", Error, "check-config",
        "timpush-configs.json has a key TIMPush does not read, an ID that is not digits, half of a key pair, or several packages";
    TimpushVendorArtifactMissing => "timpush-vendor-artifact-missing", Error, "check-config",
        "a vendor is configured but the TIMPush Android build lacks its com.tencent.timpush artifact or Gradle plugin";
    HonorMcsServicesMissing => "honor-mcs-services-missing", Error, "check-config",
        "Honor is configured on TIMPush but mcs-services.json is missing, misplaced or for another package";
    FcmGoogleServicesMissing => "fcm-google-services-missing", Error, "check-config",
        "FCM is configured on TIMPush but google-services.json is not where the build reads it";
    TimpushPlaceholdersMismatch => "timpush-placeholders-mismatch", Warning, "check-config",
        "timpush-configs.json's manifestPlaceholders (vivo, Honor) differ from, or are missing in, what the app builds with";
    TimpushConfigTracked => "timpush-config-tracked", Warning, "check-config",
        "timpush-configs.json holds the OPPO AppSecret and git tracks it";
    FlutterPushApplicationMissing => "flutter-push-application-missing", Error, "check-config",
        "a tencent_cloud_chat_push app's Android manifest does not name an Application that extends TencentCloudChatPushApplication";
    CredentialRejected => "credential-rejected", Error, "check-config",
        "the vendor refused the credentials when pushdiag authenticated (vivo 10200-10207: which credential is wrong)";
    PushRejected => "push-rejected", Error, "send-test",
        "the vendor refused the test push; the message has the vendor's raw code and text and what they mean";
    DeviceTokenMalformed => "device-token-malformed", Error, "send-test",
        "the vendor does not accept the device token (vivo 10302: unknown regId, app uninstalled, offline 90 days, not a test device)";
    ChecklistStepFailed => "checklist-step-failed", Error, "checklist",
        "a troubleshooting checklist step failed: an automatic check found an error, or you answered no; the first one is the verdict";
    ChecklistStepUnchecked => "checklist-step-unchecked", Note, "checklist",
        "a checklist step nobody answered: a manual step to check by hand, or a check this build cannot run";
    UserNotFound => "user-not-found", Error, "status",
        "the Tencent IM UserID does not exist in the app (never imported or logged in; 70107, 20003): nothing can reach it";
    ReceiverOnline => "receiver-online", Error, "status",
        "the receiver is Online (app in the foreground, or killed less than the heartbeat timeout ago): Tencent IM sends no offline push";
    ReceiverPushOnline => "receiver-push-online", Note, "status",
        "the receiver is PushOnline (background or killed, with a push token): Tencent IM will send an offline push";
    ReceiverOffline => "receiver-offline", Error, "status",
        "the receiver is Offline (logged out, kicked by another login, or never registered a push token): no offline push";
    DeviceTokenEnvironmentMismatch => "device-token-environment-mismatch", Error, "send-test",
        "APNs refused the device token for this environment (BadDeviceToken): a sandbox token sent to production, or the reverse";
    PushHopFailed => "push-hop-failed", Error, "trace",
        "Tencent's push trace shows the push died at a hop (offline-push decision, vendor, device): the first failed hop, its code explained";
    PushCertIdMismatch => "push-cert-id-mismatch", Error, "trace",
        "the device's token is bound to another certificate ID than pushdiag.toml's business-id for its vendor";
    PushCertIdMissing => "push-cert-id-missing", Error, "trace",
        "the device reported its token without a certificate ID (CertId 0 or empty): the app's push registration does not pass the business ID";
    NotificationDisabled => "notification-disabled", Error, "trace",
        "the push trace says the phone's notification switch for the app is off: the push arrives but shows nothing";
    PushTraceEmpty => "push-trace-empty", Warning, "trace",
        "Tencent's push trace has no device for the push: a wrong ID, older than the trace's 7 days, or no device with a token";
    PushLossNoCertId => "push-loss-no-cert-id", Error, "loss",
        "Tencent's push loss shows devices that registered a token without a certificate ID (-1): the app's push registration does not pass it";
    PushLossAboveThreshold => "push-loss-above-threshold", Error, "loss",
        "the share of pushes lost in the window is above `pushdiag loss --max-loss PCT`";
}

impl Rule {
    /// Looks a rule up by its stable name.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|rule| rule.name() == name)
    }

    /// Looks a rule up by name, or explains that there is none and suggests the closest.
    pub fn lookup(name: &str) -> anyhow::Result<Rule> {
        if let Some(rule) = Rule::from_name(name) {
            return Ok(rule);
        }
        let closest = Rule::ALL
            .iter()
            .map(|rule| (strsim::jaro_winkler(name, rule.name()), rule.name()))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        match closest {
            Some((_, close)) => anyhow::bail!(
                "unknown rule `{name}` (did you mean `{close}`?); `pushdiag explain --list` shows them all"
            ),
            None => anyhow::bail!("unknown rule `{name}`; `pushdiag explain --list` shows them all"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::ALL {
            let name = rule.name();
            assert!(seen.insert(name), "duplicate rule name {name}");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{name} is not kebab-case"
            );
            assert_eq!(Rule::from_name(name), Some(*rule));
            assert!(!rule.summary().is_empty());
            for heading in [
                "## What it checks",
                "## Why it matters",
                "## How to fix",
                "## Example",
            ] {
                assert!(rule.doc().contains(heading), "{name} doc lacks {heading}");
            }
        }
    }

    #[test]
    fn lookup_suggests_the_closest_name() {
        let error = Rule::lookup("ext-missing-entty").expect_err("unknown");
        assert!(
            error
                .to_string()
                .contains("did you mean `ext-missing-entity`?"),
            "{error}"
        );
        assert!(Rule::lookup("zzz")
            .expect_err("unknown")
            .to_string()
            .contains("explain --list"));
    }
}
