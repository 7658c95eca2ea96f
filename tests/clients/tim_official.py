#!/usr/bin/env python3
"""Calls the pushdiag emulator's Tencent IM REST API as a real server would: a UserSig made by
Tencent's official `tls-sig-api-v2` library (PyPI), then account_check and sendmsg over HTTP.

Usage: tim_official.py BASE_URL SDKAPPID ADMIN TO_ACCOUNT   (the secret key in $TIM_SECRET_KEY)

Prints one JSON object with both answers. Exits 77 when the library is not installed
(`python3 -m pip install tls-sig-api-v2==1.1`), so the Rust test can skip or fail.
"""

import json
import os
import random
import sys
import urllib.parse
import urllib.request

try:
    import TLSSigAPIv2
except ImportError:
    print("TLSSigAPIv2 (PyPI tls-sig-api-v2) is not installed", file=sys.stderr)
    sys.exit(77)


def call(base, sdkappid, admin, usersig, path, body):
    query = urllib.parse.urlencode({
        "sdkappid": sdkappid,
        "identifier": admin,
        "usersig": usersig,
        "random": random.randint(0, 4294967295),
        "contenttype": "json",
    })
    request = urllib.request.Request(
        f"{base}{path}?{query}",
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def main():
    base, sdkappid, admin, to = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    # Tencent's own code: HMAC-SHA256, JSON, zlib, base64 with its character swaps.
    usersig = TLSSigAPIv2.TLSSigAPIv2(sdkappid, os.environ["TIM_SECRET_KEY"]).gen_sig(admin, 300)
    check = call(base, sdkappid, admin, usersig, "/v4/im_open_login_svc/account_check",
                 {"CheckItem": [{"UserID": admin}, {"UserID": to}]})
    send = call(base, sdkappid, admin, usersig, "/v4/openim/sendmsg", {
        "To_Account": to,
        "MsgRandom": random.randint(0, 4294967295),
        "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "from the official library"}}],
        "OfflinePushInfo": {"Title": "official", "Desc": "from the official library",
                            "Ext": json.dumps({"entity": {"version": 1}})},
    })
    print(json.dumps({"account_check": check, "sendmsg": send}))


if __name__ == "__main__":
    main()
