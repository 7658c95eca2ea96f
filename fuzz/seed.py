#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from examples/ and tests/fixtures/ (plus a few made-up inputs for
targets no fixture covers). Re-run after adding fixtures; files are named by their SHA-1, so
re-running adds only what is new. Usage: fuzz/seed.py [DIR_OF_KEY_FILES]"""
import hashlib, json, os, sys, zlib, base64, hmac, pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
MAX = 16 * 1024  # bytes per seed: small seeds keep the corpus (and the replay) small

def add(target, data):
    if isinstance(data, str):
        data = data.encode()
    if len(data) > MAX:
        return
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)

files = [p for base in ("examples", "tests/fixtures") for p in sorted((ROOT / base).rglob("*")) if p.is_file()]
for p in files:
    name, data = p.name, p.read_bytes()
    if name.endswith(".json"):
        add("json", data)
    if name in ("push.json",) or "/rules/ext-" in str(p) or "/rules/record-" in str(p):
        if name.endswith(".json"):
            add("lint_record", data)
    if name.endswith(".jsonl"):
        add("lint_jsonl", data)
        for line in data.splitlines()[:20]:
            add("lint_record", line)
    if name.endswith(".toml"):
        add("config", data)
    if name == "manifest.json":
        add("uniapp_manifest", data)
    if name == "AndroidManifest.xml":
        add("android_manifest", data)
    if name.endswith((".gradle", ".gradle.kts")) or name == "manifestPlaceholders.json":
        add("gradle", data)
    if name.endswith((".entitlements", ".pbxproj")) or name == "Info.plist":
        add("plist", data)
        if name.endswith(".entitlements"):
            # A provisioning profile is a signed message around such a plist.
            add("provisioning_profile", b"\x30\x82\x10\x00\x06\x09*\x86H\x86\xf7\r\x01\x07\x02" + data + b"\x00\x00")
    if name.endswith(".mobileprovision"):
        add("provisioning_profile", data)
    if name in ("google-services.json", "agconnect-services.json"):
        add("vendor_json", data)
    if name == "timpush-configs.json" or name.endswith("-configs.json"):
        add("timpush_configs", data)
    if name.endswith((".js", ".ts", ".vue")):
        add("js", data)
    if name.endswith(".dart"):
        add("dart", data)
    if name.endswith((".swift", ".m", ".h", ".mm")):
        add("swift_objc", data)
    if name.endswith((".kt", ".java")) or name == "package.json" or name == "mcs-services.json":
        add("android_code", data)

# The toml_edit panic found by fuzzing the config loader (issue 17, defect 0).
add("config", b"==1\n.c=1")
add("config", b"[vivo]\napp-id = \"1\"\n\0VIVO_APP_SECRET=s\nAPNS_ENVIRONMENT=production\n")

# Key files: made with openssl, throwaway keys (see run.sh): p8 (PEM, DER), p12 (password
# `pushdiag`, current and legacy encryption), PEM and DER certificates. The first byte of an
# apns_certificate input picks the file's extension: 0 .p12, 1 .pem, 2 .cer.
keys = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else None
if keys and keys.is_dir():
    for n in ("AuthKey.p8", "AuthKey.der"):
        if (keys / n).exists():
            add("apns_p8", (keys / n).read_bytes())
    for n, kind in (("c.p12", 0), ("legacy.p12", 0), ("c.pem", 1), ("both.pem", 1), ("c.der", 2)):
        if (keys / n).exists():
            add("apns_certificate", bytes([kind]) + (keys / n).read_bytes())
    if (keys / "k.pem").exists():
        add("fcm_service_account", json.dumps({
            "type": "service_account", "project_id": "demo-project", "private_key_id": "0123abcd",
            "private_key": (keys / "k.pem").read_text(), "client_email": "push@demo-project.iam.gserviceaccount.com",
            "client_id": "1", "token_uri": "https://oauth2.googleapis.com/token"}, indent=2))
add("fcm_service_account", b'{"type":"service_account","project_id":"p","private_key":"-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\\n","client_email":"a@p.iam.gserviceaccount.com"}')

# UserSigs in Tencent's format: zlib-compressed JSON, base64 with `+/=` swapped for `*-_`.
def usersig(doc):
    raw = base64.b64encode(zlib.compress(json.dumps(doc).encode())).decode()
    return raw.replace("+", "*").replace("/", "-").replace("=", "_")
doc = {"TLS.ver": "2.0", "TLS.identifier": "administrator", "TLS.sdkappid": 1400000000,
       "TLS.expire": 86400, "TLS.time": 1780000000}
content = "".join(f"TLS.{k}:{doc['TLS.' + k]}\n" for k in ("identifier", "sdkappid", "time", "expire"))
doc["TLS.sig"] = base64.b64encode(hmac.new(b"k", content.encode(), "sha256").digest()).decode()
add("usersig", usersig(doc))
add("usersig", usersig(dict(doc, **{"TLS.expire": 18446744073709551615})))
add("usersig", usersig({"TLS.identifier": "x"}))

# Emulator requests: byte 0 picks the endpoint (in `pushdiag::fuzzing`'s order), byte 1 the
# encoding (bit 0 form, bit 1 headers before a blank line); then the body.
bodies = [b"{}", b'{"appId":"1","appKey":"k","timestamp":1,"sign":"x"}', b"a=1&b=2",
          b'{"message":{"token":"t","notification":{"title":"t","body":"b"}}}',
          b'{"To_Account":"u","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}']
for pick in range(32):
    for how, body in ((0, bodies[pick % 2]), (1, bodies[2]), (0, bodies[3 + pick % 2])):
        add("emulator_request", bytes([pick, how]) + body)
add("emulator_request", bytes([0, 2]) + b"authorization: bearer x\n\n{}")
