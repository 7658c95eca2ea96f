_pushdiag() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="pushdiag"
                ;;
            pushdiag,check-config)
                cmd="pushdiag__subcmd__check__subcmd__config"
                ;;
            pushdiag,checklist)
                cmd="pushdiag__subcmd__checklist"
                ;;
            pushdiag,completions)
                cmd="pushdiag__subcmd__completions"
                ;;
            pushdiag,emulate)
                cmd="pushdiag__subcmd__emulate"
                ;;
            pushdiag,explain)
                cmd="pushdiag__subcmd__explain"
                ;;
            pushdiag,help)
                cmd="pushdiag__subcmd__help"
                ;;
            pushdiag,init)
                cmd="pushdiag__subcmd__init"
                ;;
            pushdiag,lint-ext)
                cmd="pushdiag__subcmd__lint__subcmd__ext"
                ;;
            pushdiag,loss)
                cmd="pushdiag__subcmd__loss"
                ;;
            pushdiag,send-test)
                cmd="pushdiag__subcmd__send__subcmd__test"
                ;;
            pushdiag,status)
                cmd="pushdiag__subcmd__status"
                ;;
            pushdiag,trace)
                cmd="pushdiag__subcmd__trace"
                ;;
            pushdiag__subcmd__help,check-config)
                cmd="pushdiag__subcmd__help__subcmd__check__subcmd__config"
                ;;
            pushdiag__subcmd__help,checklist)
                cmd="pushdiag__subcmd__help__subcmd__checklist"
                ;;
            pushdiag__subcmd__help,completions)
                cmd="pushdiag__subcmd__help__subcmd__completions"
                ;;
            pushdiag__subcmd__help,emulate)
                cmd="pushdiag__subcmd__help__subcmd__emulate"
                ;;
            pushdiag__subcmd__help,explain)
                cmd="pushdiag__subcmd__help__subcmd__explain"
                ;;
            pushdiag__subcmd__help,help)
                cmd="pushdiag__subcmd__help__subcmd__help"
                ;;
            pushdiag__subcmd__help,init)
                cmd="pushdiag__subcmd__help__subcmd__init"
                ;;
            pushdiag__subcmd__help,lint-ext)
                cmd="pushdiag__subcmd__help__subcmd__lint__subcmd__ext"
                ;;
            pushdiag__subcmd__help,loss)
                cmd="pushdiag__subcmd__help__subcmd__loss"
                ;;
            pushdiag__subcmd__help,send-test)
                cmd="pushdiag__subcmd__help__subcmd__send__subcmd__test"
                ;;
            pushdiag__subcmd__help,status)
                cmd="pushdiag__subcmd__help__subcmd__status"
                ;;
            pushdiag__subcmd__help,trace)
                cmd="pushdiag__subcmd__help__subcmd__trace"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        pushdiag)
            opts="-q -v -h -V --config --format --color --no-input --quiet --verbose --deny --warn --allow --emulated --help --version lint-ext check-config init send-test status trace loss emulate checklist explain completions help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json github sarif" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --warn)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__check__subcmd__config)
            opts="-q -v -h -V --vendor --project --print-config --online --timeout --connect-timeout --retries --proxy --config --format --color --no-input --quiet --verbose --deny --warn --allow --emulated --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --vendor)
                    COMPREPLY=($(compgen -W "apns fcm huawei honor xiaomi oppo vivo meizu tim" -- "${cur}"))
                    return 0
                    ;;
                --project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json github sarif" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --warn)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__checklist)
            opts="-q -v -h -V --vendor --answers --ext --profile --project --user --list --timeout --connect-timeout --retries --proxy --config --format --color --no-input --quiet --verbose --deny --warn --allow --emulated --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --vendor)
                    COMPREPLY=($(compgen -W "apns fcm huawei honor xiaomi oppo vivo meizu tim" -- "${cur}"))
                    return 0
                    ;;
                --answers)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ext)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "uniapp flutter json" -- "${cur}"))
                    return 0
                    ;;
                --project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json github sarif" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --warn)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__completions)
            opts="-q -v -h -V --config --format --color --no-input --quiet --verbose --deny --warn --allow --emulated --help --version bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json github sarif" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --warn)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__emulate)
            opts="-q -v -h -V --listen --apps --fault --tls-listen --tls-ca-out --apns-listen --apns-sandbox-listen --keep --config --format --color --no-input --quiet --verbose --deny --warn --allow --emulated --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --listen)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fault)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-listen)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-ca-out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apns-listen)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apns-sandbox-listen)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --keep)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json github sarif" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --warn)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__explain)
            opts="-q -v -h -V --list --config --format --color --no-input --quiet --verbose --deny --warn --allow --emulated --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json github sarif" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --warn)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__help)
            opts="lint-ext check-config init send-test status trace loss emulate checklist explain completions help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__help__subcmd__check__subcmd__config)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__help__subcmd__checklist)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__help__subcmd__emulate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__help__subcmd__explain)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__help__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__help__subcmd__lint__subcmd__ext)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__help__subcmd__loss)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__help__subcmd__send__subcmd__test)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__help__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__help__subcmd__trace)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__init)
            opts="-q -v -h -V --project --force --config --format --color --no-input --quiet --verbose --deny --warn --allow --emulated --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --project)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json github sarif" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --warn)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__lint__subcmd__ext)
            opts="-q -v -h -V --file --jsonl --vendor --profile --input --max-record-bytes --jobs --source-name --line-offset --byte-offset --summary --config --format --color --no-input --quiet --verbose --deny --warn --allow --emulated --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jsonl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --vendor)
                    COMPREPLY=($(compgen -W "apns fcm huawei honor xiaomi oppo vivo meizu tim" -- "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "uniapp flutter json" -- "${cur}"))
                    return 0
                    ;;
                --input)
                    COMPREPLY=($(compgen -W "auto ext record" -- "${cur}"))
                    return 0
                    ;;
                --max-record-bytes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jobs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --source-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --line-offset)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --byte-offset)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json github sarif" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --warn)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__loss)
            opts="-q -v -h -V --since --max-loss --timeout --connect-timeout --retries --proxy --config --format --color --no-input --quiet --verbose --deny --warn --allow --emulated --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-loss)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json github sarif" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --warn)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__send__subcmd__test)
            opts="-q -v -h -V --vendor --via --to --from --custom --title --desc --ext --profile --wait --production --dry-run --force --timeout --connect-timeout --retries --proxy --config --format --color --no-input --quiet --verbose --deny --warn --allow --emulated --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --vendor)
                    COMPREPLY=($(compgen -W "apns fcm huawei honor xiaomi oppo vivo meizu tim" -- "${cur}"))
                    return 0
                    ;;
                --via)
                    COMPREPLY=($(compgen -W "tim timpush" -- "${cur}"))
                    return 0
                    ;;
                --to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --title)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --desc)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ext)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -W "uniapp flutter json" -- "${cur}"))
                    return 0
                    ;;
                --wait)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json github sarif" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --warn)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__status)
            opts="-q -v -h -V --user --timeout --connect-timeout --retries --proxy --config --format --color --no-input --quiet --verbose --deny --warn --allow --emulated --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json github sarif" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --warn)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        pushdiag__subcmd__trace)
            opts="-q -v -h -V --push-id --task --user --timeout --connect-timeout --retries --proxy --config --format --color --no-input --quiet --verbose --deny --warn --allow --emulated --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --push-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --task)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "human json github sarif" -- "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --deny)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --warn)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                --allow)
                    COMPREPLY=($(compgen -W "ext-invalid-json ext-not-object ext-double-encoded ext-missing-entity ext-entity-not-object ext-duplicate-key ext-too-large payload-too-large title-too-long desc-too-long oppo-channel-id-missing xiaomi-channel-id-missing custom-message-without-desc conversation-id-malformed record-invalid-json record-field-invalid input-bom config-invalid credential-missing credential-malformed business-id-missing secret-in-plaintext apns-cert-expired apns-cert-expiring apns-cert-no-private-key apns-environment-mismatch apns-topic-mismatch apns-p12-no-password apns-key-invalid fcm-service-account-invalid package-name-mismatch huawei-agconnect-missing vivo-manifest-keys-missing android-permission-missing aps-environment-missing ios-push-delegate-missing apns-business-id-build-mismatch oppo-master-secret-is-app-secret app-business-id-mismatch app-business-id-missing app-client-key-mismatch app-value-not-checked timpush-config-invalid timpush-vendor-artifact-missing honor-mcs-services-missing fcm-google-services-missing timpush-placeholders-mismatch timpush-config-tracked flutter-push-application-missing credential-rejected push-rejected device-token-malformed checklist-step-failed checklist-step-unchecked user-not-found receiver-online receiver-push-online receiver-offline device-token-environment-mismatch push-hop-failed push-cert-id-mismatch push-cert-id-missing notification-disabled push-trace-empty push-loss-no-cert-id push-loss-above-threshold warnings" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _pushdiag -o nosort -o bashdefault -o default pushdiag
else
    complete -F _pushdiag -o bashdefault -o default pushdiag
fi
