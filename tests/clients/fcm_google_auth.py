"""Gets an OAuth access token with Google's `google-auth` (PyPI), unmodified, from pushdiag's
emulated Google token endpoint, and sends one FCM v1 message with it through google-auth's own
`AuthorizedSession`, as a backend that does not use firebase-admin does.

Usage: fcm_google_auth.py SERVICE_ACCOUNT_JSON FCM_BASE_URL PROJECT TOKEN EXT

What points it at the emulator: the service account's `token_uri` (Google's
https://oauth2.googleapis.com/token becomes the emulator's FCM_BASE_URL/token; google-auth reads
it from the file, or `token_uri=` of `Credentials`), and the FCM URL the backend posts to
(https://fcm.googleapis.com becomes FCM_BASE_URL). Prints one JSON line. Exits 77 when google-auth
is not installed.
"""

import json
import sys

try:
    import google.auth
    from google.auth.transport.requests import AuthorizedSession, Request
    from google.oauth2 import service_account
except ImportError:
    print("google-auth (PyPI google-auth) with requests is not installed", file=sys.stderr)
    sys.exit(77)

SCOPE = "https://www.googleapis.com/auth/firebase.messaging"


def main() -> None:
    account, fcm_base, project, token, ext = sys.argv[1:6]
    credentials = service_account.Credentials.from_service_account_file(account, scopes=[SCOPE])
    credentials.refresh(Request())
    session = AuthorizedSession(credentials)
    response = session.post(
        f"{fcm_base}/v1/projects/{project}/messages:send",
        json={"message": {
            "token": token,
            "notification": {"title": "pushdiag", "body": "from google-auth"},
            "data": {"ext": ext},
            "android": {"priority": "HIGH"},
        }},
        timeout=10,
    )
    print(json.dumps({
        "status": response.status_code,
        "answer": response.json(),
        "token_expiry": credentials.expiry.isoformat() if credentials.expiry else None,
        "version": google.auth.__version__,
    }))


if __name__ == "__main__":
    main()
