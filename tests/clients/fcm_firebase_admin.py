"""Sends one FCM message with Google's own firebase-admin SDK to pushdiag's emulator.

Usage: fcm_firebase_admin.py SERVICE_ACCOUNT_JSON FCM_BASE_URL TOKEN EXT

The service account's token_uri already points at the emulator's token endpoint; the FCM send URL
is a class constant in firebase-admin, so it is monkeypatched to FCM_BASE_URL. Prints one JSON
line: the message name of a real send and of a dry run (validate_only). Any error exits non-zero
with firebase-admin's exception on stderr.
"""

import json
import sys

import firebase_admin
from firebase_admin import credentials, messaging


def main() -> None:
    service_account, fcm_base, token, ext = sys.argv[1:5]
    messaging._MessagingService.FCM_URL = fcm_base + "/v1/projects/{0}/messages:send"
    app = firebase_admin.initialize_app(credentials.Certificate(service_account))
    message = messaging.Message(
        token=token,
        notification=messaging.Notification(title="pushdiag", body="from firebase-admin"),
        data={"ext": ext},
        android=messaging.AndroidConfig(priority="high"),
    )
    name = messaging.send(message, app=app)
    dry_run = messaging.send(message, dry_run=True, app=app)
    print(json.dumps({"name": name, "dry_run": dry_run, "version": firebase_admin.__version__}))


if __name__ == "__main__":
    main()
