import 'package:flutter/foundation.dart';
import 'package:tim_ui_kit_push_plugin/model/appInfo.dart';

/// Certificate IDs from the IM console and the vendors' client-side ids (seed 001, STEP 1).
/// They match pushdiag.toml; server-side secrets never appear in the app.
class PushConfig {
  /// The APNs certificates' IDs in the IM console: debug builds get sandbox tokens, release
  /// builds production ones, and each must be bound to its own certificate.
  static const int ApplePushDevBuzID = 20006;
  static const int ApplePushDisBuzID = 20007;

  static final PushAppInfo appInfo = PushAppInfo(
    hw_buz_id: 20003,
    mi_app_id: "2882303761500000011",
    mi_app_key: "5000000000011",
    mi_buz_id: 20001,
    vivo_buz_id: 20004,
    oppo_app_key: "00000000000000000000000000000012",
    oppo_app_secret: "", // injected at build time, never committed
    oppo_app_id: "30000012",
    oppo_buz_id: 20002,
    google_buz_id: 20005,
    apple_buz_id: kDebugMode ? ApplePushDevBuzID : ApplePushDisBuzID,
  );

  static const String OPPOChannelID = "new_message";
}
