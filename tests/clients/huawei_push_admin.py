"""Sends one Huawei Push Kit message with `python-huawei-push-admin` (PyPI), unmodified, to
pushdiag's emulator.

Usage: huawei_push_admin.py HUAWEI_BASE_URL APP_ID TOKEN EXT   (the app secret in $HUAWEI_APP_SECRET)

What points it at the emulator are `initialize_app`'s own settings: `token_server` (Huawei's OAuth
URL https://oauth-login.cloud.huawei.com/oauth2/v3/token becomes HUAWEI_BASE_URL/oauth2/v3/token)
and `push_open_url` (https://push-api.cloud.huawei.com becomes HUAWEI_BASE_URL).

As published (1.0.0) the package imports itself as `src.push_admin`, the layout of Huawei's server
demo, and imports `six` without declaring it: `six` is installed beside it, and `src` is made to
name the folder the package is installed in, so its own imports resolve without editing it.
Prints one JSON line with the answer. Exits 77 when the package is not installed.
"""

import importlib.util
import json
import os
import sys
import types

spec = importlib.util.find_spec("push_admin")
if spec is None or not spec.submodule_search_locations:
    print("push_admin (PyPI python-huawei-push-admin) is not installed", file=sys.stderr)
    sys.exit(77)
# `src` is the folder that holds push_admin (site-packages), as in Huawei's demo repository.
src = types.ModuleType("src")
src.__path__ = [os.path.dirname(list(spec.submodule_search_locations)[0])]
sys.modules["src"] = src

from src import push_admin  # noqa: E402  (after `src` exists)
from src.push_admin import messaging  # noqa: E402


def main() -> None:
    base, app_id, token, ext = sys.argv[1:5]
    push_admin.initialize_app(
        app_id,
        os.environ["HUAWEI_APP_SECRET"],
        token_server=base + "/oauth2/v3/token",
        push_open_url=base,
    )
    # The ext under `data` as a JSON string {"ext": ...}, where Tencent's plugins read it; a click
    # opens the app (type 3).
    message = messaging.Message(
        data=json.dumps({"ext": ext}, separators=(",", ":")),
        android=messaging.AndroidConfig(
            notification=messaging.AndroidNotification(
                title="pushdiag",
                body="from push_admin",
                click_action=messaging.AndroidClickAction(action_type=3),
            ),
        ),
        token=[token],
    )
    response = messaging.send_message(message)
    print(json.dumps({"code": response.code, "msg": response.reason, "requestId": response.requestId}))


if __name__ == "__main__":
    main()
