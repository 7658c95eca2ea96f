/// The IDs the app hands TIMPush. The Android certificate IDs are in
/// android/app/src/main/assets/timpush-configs.json; iOS takes its certificate ID from here
/// (AppDelegate.swift returns what registerPush received).
class PushIds {
  /// The Chat application's SDKAppID (IM console > Applications).
  static const int sdkAppId = 1400000002;

  /// The APNs certificate ID the IM console shows for this app's certificate.
  /// Planted mistake: this is the production certificate's ID, while the app is signed for
  /// development (aps-environment), whose certificate has the ID 30006.
  static const int apnsCertificateID = 30007;

  /// TIMPush's client key is a build secret: `flutter run --dart-define=TIMPUSH_APP_KEY=…`.
  static const String appKey = String.fromEnvironment('TIMPUSH_APP_KEY');
}
