package com.example.timpushchat

import io.flutter.embedding.android.FlutterActivity

class MainActivity : FlutterActivity()
