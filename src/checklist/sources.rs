//! Where each checklist step's facts come from, as internal source keys into pushdiag's
//! reference notes and Tencent's guides (`seed 000` is the uni-app TUIOfflinePush guide, `seed 001`
//! the Flutter push plugin guide). Users never see these: the checklists themselves
//! (`checklists/*.toml`) cite vendor documentation by URL and Tencent's guides by title. Kept here,
//! in code comments, for the next engineer who checks a step against its source.

// apns / apns-config: pushdiag check-config; seed 001 (tim_ui_kit_push_plugin, Flutter) › 4、按照流程接入完成,还是收不到离线推送 (需要检查下 IM 控制台配置各项参数是否正确)
// apns / apns-environment-match: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 4、iOS 普通消息为什么收不到离线推送 (首先,请检查下 App 的运行环境和证书的环境是否一致,如果不一致,收不到离线推送); apns-fcm-tim.md §A.8, §D.11
// apns / apns-push-entitlement: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 6、iOS 没有 token的原因 (真机,需要添加 push notification 的 entitlement); apns-fcm-tim.md §D.11
// apns / apns-tim-user-online: seed 000 (TUIOfflinePush, uni-app) › 概述 › 注意; seed 001 (tim_ui_kit_push_plugin, Flutter) (intro): 如果应用主动调用 logout 退出登录,或者多端登录被踢下线,即使接入了 IM 离线推送,也收不到离线推送消息。
// apns / apns-real-device: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 6、iOS 没有 token的原因 (模拟器,是不产生 token 的)
// apns / apns-token-received: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 5、iOS 开发环境下,注册偶现不返回 deviceToken 或提示 APNs 请求 token 失败? and › 4 (开发环境 … 向苹果申请 deviceToken 可能会失败)
// apns / apns-console-test-tool: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 3、按照流程接入完成,还是收不到离线推送; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 4、按照流程接入完成,还是收不到离线推送
// apns / apns-notification-permission: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 6、iOS 没有 token的原因 (真机,需要在手机上开启推送的权限)
//
// fcm / fcm-config: pushdiag check-config; seed 001 (tim_ui_kit_push_plugin, Flutter) › 4、按照流程接入完成,还是收不到离线推送 (需要检查下 IM 控制台配置各项参数是否正确)
// fcm / fcm-tim-user-online: seed 000 (TUIOfflinePush, uni-app) › 概述 › 注意; seed 001 (tim_ui_kit_push_plugin, Flutter) (intro): 如果应用主动调用 logout 退出登录,或者多端登录被踢下线,即使接入了 IM 离线推送,也收不到离线推送消息。
// fcm / fcm-console-test-tool: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 3、按照流程接入完成,还是收不到离线推送; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 4、按照流程接入完成,还是收不到离线推送
// fcm / fcm-allow-notifications: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// fcm / fcm-lock-screen: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// fcm / fcm-status-bar-icon: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// fcm / fcm-sound: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// fcm / fcm-rate: seed 000 (TUIOfflinePush, uni-app) › 厂商推送限制; seed 001 (tim_ui_kit_push_plugin, Flutter) › 厂商推送限制 (FCM:推送上行消息频率有限制); apns-fcm-tim.md §B.5
//
// honor / honor-config: pushdiag check-config; seed 001 (tim_ui_kit_push_plugin, Flutter) › 4、按照流程接入完成,还是收不到离线推送 (需要检查下 IM 控制台配置各项参数是否正确)
// honor / honor-credentials-online: pushdiag check-config --online; vendors-cn.md §6.2, §6.4
// honor / honor-tim-user-online: seed 000 (TUIOfflinePush, uni-app) › 概述 › 注意; seed 001 (tim_ui_kit_push_plugin, Flutter) (intro): 如果应用主动调用 logout 退出登录,或者多端登录被踢下线,即使接入了 IM 离线推送,也收不到离线推送消息。
// honor / honor-ext-lint: pushdiag lint-ext; vendors-cn.md §6.3
// honor / honor-console-test-tool: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 3、按照流程接入完成,还是收不到离线推送; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 4、按照流程接入完成,还是收不到离线推送
// honor / honor-send-test: pushdiag send-test; vendors-cn.md §6.3
// honor / honor-allow-notifications: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// honor / honor-lock-screen: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// honor / honor-status-bar-icon: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// honor / honor-sound: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// honor / honor-classification: vendors-cn.md §6.4 (service & communication unlimited; marketing 2 or 5 per device a day); apns-fcm-tim.md §D.5 (HonorImportance)
// honor / honor-night-hold: vendors-cn.md §6.4
//
// huawei / huawei-config: pushdiag check-config; seed 001 (tim_ui_kit_push_plugin, Flutter) › 4、按照流程接入完成,还是收不到离线推送 (需要检查下 IM 控制台配置各项参数是否正确)
// huawei / huawei-credentials-online: pushdiag check-config --online; vendors-cn.md §4.3, §4.7
// huawei / huawei-tim-user-online: seed 000 (TUIOfflinePush, uni-app) › 概述 › 注意; seed 001 (tim_ui_kit_push_plugin, Flutter) (intro): 如果应用主动调用 logout 退出登录,或者多端登录被踢下线,即使接入了 IM 离线推送,也收不到离线推送消息。
// huawei / huawei-ext-lint: pushdiag lint-ext; vendors-cn.md §4.4 (message size at most 4096 bytes)
// huawei / huawei-console-test-tool: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 3、按照流程接入完成,还是收不到离线推送; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 4、按照流程接入完成,还是收不到离线推送
// huawei / huawei-send-test: pushdiag send-test; vendors-cn.md §4.4, §4.6
// huawei / huawei-allow-notifications: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// huawei / huawei-lock-screen: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// huawei / huawei-status-bar-icon: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// huawei / huawei-sound: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// huawei / huawei-classification: seed 000 (TUIOfflinePush, uni-app) › 厂商推送限制; seed 001 (tim_ui_kit_push_plugin, Flutter) › 厂商推送限制 (华为: 服务与通讯类和资讯营销类 … 无自分类权益,推送消息厂商还会进行二次智能分类); vendors-cn.md §4.4, §4.8
// huawei / huawei-quota: seed 000 (TUIOfflinePush, uni-app) › 厂商推送限制; seed 001 (tim_ui_kit_push_plugin, Flutter) › 厂商推送限制; vendors-cn.md §4.8
//
// meizu / meizu-config: pushdiag check-config; seed 001 (tim_ui_kit_push_plugin, Flutter) › 4、按照流程接入完成,还是收不到离线推送 (需要检查下 IM 控制台配置各项参数是否正确)
// meizu / meizu-credentials-online: pushdiag check-config --online; vendors-cn.md §5.2, §5.5
// meizu / meizu-tim-user-online: seed 000 (TUIOfflinePush, uni-app) › 概述 › 注意; seed 001 (tim_ui_kit_push_plugin, Flutter) (intro): 如果应用主动调用 logout 退出登录,或者多端登录被踢下线,即使接入了 IM 离线推送,也收不到离线推送消息。
// meizu / meizu-ext-lint: pushdiag lint-ext; vendors-cn.md §5.3
// meizu / meizu-console-test-tool: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 3、按照流程接入完成,还是收不到离线推送; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 4、按照流程接入完成,还是收不到离线推送
// meizu / meizu-send-test: pushdiag send-test; vendors-cn.md §5.3, §5.4
// meizu / meizu-allow-notifications: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// meizu / meizu-lock-screen: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// meizu / meizu-status-bar-icon: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// meizu / meizu-sound: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// meizu / meizu-quota: seed 000 (TUIOfflinePush, uni-app) › 厂商推送限制; seed 001 (tim_ui_kit_push_plugin, Flutter) › 厂商推送限制 (魅族:推送消息数量有限制); vendors-cn.md §5.6; apns-fcm-tim.md §D.5
//
// oppo / oppo-config: pushdiag check-config; seed 001 (tim_ui_kit_push_plugin, Flutter) › 4、按照流程接入完成,还是收不到离线推送 (需要检查下 IM 控制台配置各项参数是否正确)
// oppo / oppo-store-listed: seed 000 (TUIOfflinePush, uni-app) › 集成 TUIOfflinePush › 条件说明 (OPPO | 是 | 需要注册企业开发者账号); vendors-cn.md §2.6 (since 2024-07-29 apps not in the OPPO store get no public messages)
// oppo / oppo-channel-id: seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 1、OPPO 手机 (在 Android 8.0 及以上系统版本的 OPPO 手机上必须配置 ChannelID,否则推送消息无法展示); tim-vendor-payloads.md §4; apns-fcm-tim.md §D.5 (OPPOChannelID)
// oppo / oppo-credentials-online: pushdiag check-config --online; vendors-cn.md §2.2, §2.5
// oppo / oppo-tim-user-online: seed 000 (TUIOfflinePush, uni-app) › 概述 › 注意; seed 001 (tim_ui_kit_push_plugin, Flutter) (intro): 如果应用主动调用 logout 退出登录,或者多端登录被踢下线,即使接入了 IM 离线推送,也收不到离线推送消息。
// oppo / oppo-ext-lint: pushdiag lint-ext; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 1、OPPO 手机 (在消息中透传的离线推送的自定义内容不是 JSON 格式,会导致 OPPO 手机收不到推送) and › 4 (OPPO则对ext字段限制为JSON格式)
// oppo / oppo-console-test-tool: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 3、按照流程接入完成,还是收不到离线推送; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 4、按照流程接入完成,还是收不到离线推送
// oppo / oppo-send-test: pushdiag send-test; vendors-cn.md §2.3, §2.4
// oppo / oppo-notification-switch: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 1、OPPO 手机收不到推送的可能情况; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 1、OPPO 手机
// oppo / oppo-allow-notifications: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// oppo / oppo-lock-screen: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// oppo / oppo-status-bar-icon: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// oppo / oppo-sound: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// oppo / oppo-private-channel: seed 000 (TUIOfflinePush, uni-app) › 厂商推送限制; seed 001 (tim_ui_kit_push_plugin, Flutter) › 厂商推送限制 (OPPO: 私信消息类和公信消息类); vendors-cn.md §2.6
// oppo / oppo-public-quota: seed 000 (TUIOfflinePush, uni-app) › 厂商推送限制; seed 001 (tim_ui_kit_push_plugin, Flutter) › 厂商推送限制 (公信通道推送数量有限制); vendors-cn.md §2.6 (100000 a day under 50000 users, else users × 2; 2 per device a day, news 5)
//
// tim / tim-config: pushdiag check-config; seed 001 (tim_ui_kit_push_plugin, Flutter) › 4、按照流程接入完成,还是收不到离线推送 (需要检查下 IM 控制台配置各项参数是否正确)
// tim / tim-business-id-reported: seed 001 (tim_ui_kit_push_plugin, Flutter) (intro: 在控制台内录入厂商信息,并在应用登录后,上报证书ID); apns-fcm-tim.md §D.11
// tim / tim-credentials-online: pushdiag check-config --online; apns-fcm-tim.md §D.2, §D.3
// tim / tim-push-trace: timpush.md §3.4 (all_member_push_trace), §3.3 stages
// tim / tim-user-online: seed 000 (TUIOfflinePush, uni-app) › 概述 › 注意; apns-fcm-tim.md §D.8 (query_online_status: Online, PushOnline, Offline)
// tim / tim-no-logout: seed 000 (TUIOfflinePush, uni-app) › 概述 › 注意 (如果应用主动调用 logout 退出登录 … 也收不到离线推送消息); seed 001 (tim_ui_kit_push_plugin, Flutter) (intro)
// tim / tim-not-kicked: seed 000 (TUIOfflinePush, uni-app) › 概述 › 注意 (或者多端登录被踢下线); seed 001 (tim_ui_kit_push_plugin, Flutter) (intro)
// tim / tim-custom-message-desc: seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 2、发送消息为自定义消息; apns-fcm-tim.md §D.4
// tim / tim-push-not-disabled: apns-fcm-tim.md §D.4 (SendMsgControl WithMuteNotifications), §D.5 (PushFlag 1 = no offline push)
// tim / tim-console-test-tool: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 3、按照流程接入完成,还是收不到离线推送; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 4
// tim / tim-vendor-limits: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 3 (如果离线推送消息出现推送不及时或者偶尔收不到情况,需要看下厂商的推送限制); seed 000 (TUIOfflinePush, uni-app) › 厂商推送限制; seed 001 (tim_ui_kit_push_plugin, Flutter) › 厂商推送限制
//
// vivo / vivo-test-device: seed 001 › VIVO调试 (由于VIVO官方限制,应用在VIVO应用市场上架前,不允许使用正式PUSH能力) and › vivo (VIVO要求应用在上架后,才能使用正式推送服务); vendors-cn.md §1.3 (pushMode)
// vivo / vivo-test-push-shown: seed 001 › VIVO调试 step 7 (此时测试终端可收到测试消息推送,点击消息后,可触发Dart层回调)
// vivo / vivo-config: pushdiag check-config; seed 001 (tim_ui_kit_push_plugin, Flutter) › 4、按照流程接入完成,还是收不到离线推送 (需要检查下 IM 控制台配置各项参数是否正确)
// vivo / vivo-enterprise-account: seed 000 (TUIOfflinePush, uni-app) › 集成 TUIOfflinePush › 条件说明 (vivo | 否 | 需要注册企业开发者账号)
// vivo / vivo-credentials-online: pushdiag check-config --online; vendors-cn.md §1.2, §1.5
// vivo / vivo-tim-user-online: seed 000 (TUIOfflinePush, uni-app) › 概述 › 注意; seed 001 (tim_ui_kit_push_plugin, Flutter) (intro): 如果应用主动调用 logout 退出登录,或者多端登录被踢下线,即使接入了 IM 离线推送,也收不到离线推送消息。
// vivo / vivo-ext-lint: pushdiag lint-ext; vendors-cn.md §1.3 (clientCustomMap: at most 1024 characters)
// vivo / vivo-console-test-tool: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 3、按照流程接入完成,还是收不到离线推送; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 4、按照流程接入完成,还是收不到离线推送
// vivo / vivo-send-test: pushdiag send-test; vendors-cn.md §1.3, §1.4
// vivo / vivo-allow-notifications: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// vivo / vivo-lock-screen: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// vivo / vivo-status-bar-icon: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// vivo / vivo-sound: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// vivo / vivo-system-class: seed 000 (TUIOfflinePush, uni-app) › 厂商推送限制; seed 001 (tim_ui_kit_push_plugin, Flutter) › 厂商推送限制 (vivo: 系统消息类和运营消息类); vendors-cn.md §1.3, §1.6; apns-fcm-tim.md §D.5
// vivo / vivo-daily-quota: seed 000 (TUIOfflinePush, uni-app) › 厂商推送限制; seed 001 (tim_ui_kit_push_plugin, Flutter) › 厂商推送限制 (消息推送也受日推总数量限制,日推送量由应用在厂商订阅数统计决定); vendors-cn.md §1.6
//
// xiaomi / xiaomi-config: pushdiag check-config; seed 001 (tim_ui_kit_push_plugin, Flutter) › 4、按照流程接入完成,还是收不到离线推送 (需要检查下 IM 控制台配置各项参数是否正确)
// xiaomi / xiaomi-store-listed: seed 000 (TUIOfflinePush, uni-app) › 集成 TUIOfflinePush › 条件说明 (小米 | 是 | 需要注册企业开发者账号)
// xiaomi / xiaomi-channel-id: apns-fcm-tim.md §D.5 (XiaoMiChannelID: Android 8.0 以上不填写无法收到推送); vendors-cn.md §3.3, §3.6; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 4 (需要看下是否需要正确填写 channel ID)
// xiaomi / xiaomi-credentials-online: pushdiag check-config --online; vendors-cn.md §3.2, §3.5
// xiaomi / xiaomi-tim-user-online: seed 000 (TUIOfflinePush, uni-app) › 概述 › 注意; seed 001 (tim_ui_kit_push_plugin, Flutter) (intro): 如果应用主动调用 logout 退出登录,或者多端登录被踢下线,即使接入了 IM 离线推送,也收不到离线推送消息。
// xiaomi / xiaomi-ext-lint: pushdiag lint-ext; vendors-cn.md §3.3 (extra.*: at most 10 pairs, 1024 characters each)
// xiaomi / xiaomi-console-test-tool: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 3、按照流程接入完成,还是收不到离线推送; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 4、按照流程接入完成,还是收不到离线推送
// xiaomi / xiaomi-send-test: pushdiag send-test; vendors-cn.md §3.3, §3.4
// xiaomi / xiaomi-allow-notifications: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// xiaomi / xiaomi-lock-screen: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// xiaomi / xiaomi-status-bar-icon: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// xiaomi / xiaomi-sound: seed 000 (TUIOfflinePush, uni-app) › 常见问题 › 收不到离线推送怎么排查 › 2、设备通知栏设置影响; seed 001 (tim_ui_kit_push_plugin, Flutter) › 收不到离线推送怎么排查 › 3、设备通知栏设置影响
// xiaomi / xiaomi-important-class: seed 000 (TUIOfflinePush, uni-app) › 厂商推送限制; seed 001 (tim_ui_kit_push_plugin, Flutter) › 厂商推送限制 (小米: 重要消息类和普通消息类; 重要消息类型仅允许即时通讯消息 … 8类消息推送,可以在厂商控制台申请开通); vendors-cn.md §3.6
// xiaomi / xiaomi-normal-quota: seed 000 (TUIOfflinePush, uni-app) › 厂商推送限制; seed 001 (tim_ui_kit_push_plugin, Flutter) › 厂商推送限制 (普通消息类型推送数量有限制); vendors-cn.md §3.6
//
