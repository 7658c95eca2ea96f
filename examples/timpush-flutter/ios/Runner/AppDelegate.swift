import Flutter
import TIMPush
import UIKit
import tencent_cloud_chat_push

// TIMPush reads the certificate ID from the app delegate: without TIMPushDelegate, registration,
// login and sends all succeed and nothing arrives on iOS.
@main
@objc class AppDelegate: FlutterAppDelegate, TIMPushDelegate {
  override func application(
    _ application: UIApplication,
    didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]?
  ) -> Bool {
    GeneratedPluginRegistrant.register(with: self)
    return super.application(application, didFinishLaunchingWithOptions: launchOptions)
  }

  // The ID registerPush(apnsCertificateID:) received in lib/main.dart.
  @objc func businessID() -> Int32 {
    return TencentCloudChatPushFlutterModal.shared.businessID()
  }

  @objc func applicationGroupID() -> String {
    return TencentCloudChatPushFlutterModal.shared.applicationGroupID()
  }

  @objc func onRemoteNotificationReceived(_ notice: String?) -> Bool {
    TencentCloudChatPushPlugin.shared.tryNotifyDartOnNotificationClickEvent(notice)
    return true
  }
}
