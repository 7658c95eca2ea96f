package com.example.timpushchat

import io.flutter.app.FlutterApplication

// Planted mistake: tencent_cloud_chat_push needs this class to extend
// TencentCloudChatPushApplication; extending FlutterApplication sets up no vendor channel.
class MyApplication : FlutterApplication()
