import 'package:flutter/material.dart';
import 'package:tencent_cloud_chat_push/tencent_cloud_chat_push.dart';

import 'push_ids.dart';

void main() {
  WidgetsFlutterBinding.ensureInitialized();
  runApp(const ChatApp());
}

class ChatApp extends StatefulWidget {
  const ChatApp({super.key});

  @override
  State<ChatApp> createState() => _ChatAppState();
}

class _ChatAppState extends State<ChatApp> {
  @override
  void initState() {
    super.initState();
    _registerPush();
  }

  /// Registers for offline push after the Chat SDK has logged in.
  Future<void> _registerPush() async {
    await TencentCloudChatPush().registerPush(
      onNotificationClicked: _onNotificationClicked,
      sdkAppId: PushIds.sdkAppId,
      appKey: PushIds.appKey,
      apnsCertificateID: PushIds.apnsCertificateID,
    );
  }

  void _onNotificationClicked({required String ext, String? userID, String? groupID}) {
    // Open the conversation named by userID or groupID.
  }

  @override
  Widget build(BuildContext context) {
    return const MaterialApp(home: Scaffold(body: Center(child: Text('Chat'))));
  }
}
