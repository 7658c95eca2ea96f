#!/usr/bin/env python3
"""Generate ~N MiB of realistic Tencent IM offline-push records as JSON Lines.

    python3 benches/gen_records.py --mb 100 --seed 1 > records.jsonl

The output is deterministic per (--mb, --seed, --faulty, --pool). Records come in the three
shapes `pushdiag lint-ext --jsonl` accepts (see /work/shared/cli-contract.md):

  (a) a bare OfflinePushInfo  {Title, Desc, Ext, AndroidInfo, ApnsInfo}
  (b) a REST v4/openim/sendmsg body  {SyncOtherMachine, From_Account, To_Account, MsgRandom,
      MsgBody:[{MsgType:"TIMTextElem", MsgContent:{Text}}], OfflinePushInfo:{...}}
  (c) the client SDK's offlinePushInfo  {title, description, extension, androidOPPOChannelID}

with Chinese and English text and some emoji. About --faulty (default 5%) of the records carry
one of these faults, spread evenly:

  ext-missing-entity     Ext is a JSON object without "entity"
  ext-not-json           Ext is a JavaScript object literal / truncated JSON
  ext-double-encoded     Ext is JSON-encoded twice (a string holding a string), or an object
  entity-string          "entity" is a string holding JSON
  custom-without-desc    sendmsg with a TIMCustomElem, no Desc anywhere
  unparsable-line        the record line itself is not JSON

Speed: a pool of a few thousand distinct lines is built first, then lines are sampled from it
into a large buffer, so 1 GiB is written in seconds. `--stats` prints the mix on stderr.
"""

import argparse
import json
import random
import sys

MIB = 1024 * 1024

FIRST_CN = ["小明", "小红", "阿强", "王芳", "李雷", "韩梅梅", "张伟", "刘洋", "陈静", "老周"]
FIRST_EN = ["Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Grace", "Heidi", "Ivan", "Judy"]
TEXT_CN = [
    "今晚一起吃饭吗？",
    "收到，马上到",
    "会议改到下午三点",
    "你的快递到了，记得取一下",
    "[图片]",
    "[语音]",
    "明天见 👋",
    "生日快乐！🎂🎉",
    "这个方案我再看看",
    "好的👍",
    "周末去爬山吧 ⛰️",
    "已转账 ¥200",
]
TEXT_EN = [
    "Are we still on for tonight?",
    "On my way",
    "Meeting moved to 3 pm",
    "Your parcel has arrived",
    "[Image]",
    "[Voice message]",
    "See you tomorrow 👋",
    "Happy birthday! 🎂🎉",
    "Let me take another look",
    "Sounds good 👍",
    "Hiking this weekend?",
    "Sent you the file",
]
GROUPS_CN = ["产品讨论组", "家庭群", "周末羽毛球", "前端小分队", "同学会"]
GROUPS_EN = ["Product team", "Family", "Weekend badminton", "Frontend crew", "Class of 2015"]
OPPO_CHANNELS = ["tim_push", "im_message", "chat", "default_channel"]
XIAOMI_CHANNELS = ["high_system", "108501", "112233"]
VIVO_CLASS = [0, 1]
SOUNDS = ["default", "ring.caf", "msg.aiff"]


# Share of good records without an OPPO channel ID (--no-channel): each draws an
# `oppo-channel-id-missing` warning, the flood of findings seen in real logs. 0 draws no extra
# random numbers, so the default output is unchanged.
NO_CHANNEL = 0.0


def without_channel(rng):
    return NO_CHANNEL > 0 and rng.random() < NO_CHANNEL


def pick(rng, seq):
    return seq[rng.randrange(len(seq))]


def person(rng, i):
    cn = rng.random() < 0.6
    name = pick(rng, FIRST_CN if cn else FIRST_EN)
    user = "user_%d" % (10000 + i * 7 + rng.randrange(7))
    return cn, name, user


def entity(rng, i):
    cn, nick, sender = person(rng, i)
    chat_type = 1 if rng.random() < 0.7 else 2
    content = pick(rng, TEXT_CN if cn else TEXT_EN)
    ent = {
        "version": 1,
        "chatType": chat_type,
        "action": 1,
        "sender": sender if chat_type == 1 else "@TGS#2%08X" % rng.randrange(1 << 32),
        "nickname": nick if chat_type == 1 else pick(rng, GROUPS_CN if cn else GROUPS_EN),
        "faceUrl": "https://im-avatars.example.com/%s/%d.png" % (sender, rng.randrange(100)),
        "content": content,
        "sendTime": 1700000000 + rng.randrange(30_000_000),
    }
    return cn, nick, content, ent


def dumps(obj, rng):
    # Real logs mix raw UTF-8 and \u escapes (Java/Go servers escape, Node/Python often not).
    return json.dumps(obj, ensure_ascii=rng.random() < 0.25, separators=(",", ":"))


def title_desc(cn, nick, content, rng):
    title = nick if rng.random() < 0.8 else ("新消息" if cn else "New message")
    desc = "%s: %s" % (nick, content) if rng.random() < 0.5 else content
    return title, desc


def android_info(rng):
    info = {
        "Sound": "",
        "OPPOChannelID": pick(rng, OPPO_CHANNELS),
        "XiaoMiChannelID": pick(rng, XIAOMI_CHANNELS),
        "VIVOClassification": pick(rng, VIVO_CLASS),
    }
    if rng.random() < 0.5:
        info["HuaWeiCategory"] = "IM"
        info["HonorImportance"] = "NORMAL"
    if rng.random() < 0.3:
        info["GoogleChannelID"] = "im_channel"
    if without_channel(rng):
        del info["OPPOChannelID"]
    return info


def apns_info(rng, title):
    info = {"BadgeMode": 0, "Sound": pick(rng, SOUNDS)}
    if rng.random() < 0.5:
        info["Title"] = title
    if rng.random() < 0.3:
        info["SubTitle"] = "Tencent IM"
    if rng.random() < 0.2:
        info["MutableContent"] = 1
    return info


def offline_push_info(rng, title, desc, ext_string):
    return {
        "PushFlag": 0,
        "Title": title,
        "Desc": desc,
        "Ext": ext_string,
        "AndroidInfo": android_info(rng),
        "ApnsInfo": apns_info(rng, title),
    }


def sendmsg(rng, i, info, body=None):
    _, _, to = person(rng, i + 1)
    _, _, frm = person(rng, i)
    return {
        "SyncOtherMachine": pick(rng, [1, 2]),
        "From_Account": frm,
        "To_Account": to,
        "MsgLifeTime": 604800,
        "MsgSeq": rng.randrange(1 << 31),
        "MsgRandom": rng.randrange(1 << 32),
        "MsgBody": body
        if body is not None
        else [{"MsgType": "TIMTextElem", "MsgContent": {"Text": info.get("Desc", "")}}],
        "CloudCustomData": "",
        "OfflinePushInfo": info,
    }


def good_record(rng, i):
    cn, nick, content, ent = entity(rng, i)
    title, desc = title_desc(cn, nick, content, rng)
    ext_obj = {"entity": ent}
    if rng.random() < 0.2:
        ext_obj["conversationID"] = ("c2c_" if ent["chatType"] == 1 else "group_") + ent["sender"]
    ext = dumps(ext_obj, rng)
    shape = rng.random()
    if shape < 0.35:
        return dumps(offline_push_info(rng, title, desc, ext), rng)
    if shape < 0.75:
        return dumps(sendmsg(rng, i, offline_push_info(rng, title, desc, ext)), rng)
    sdk = {
        "title": title,
        "description": desc,
        "extension": ext,
        "androidOPPOChannelID": pick(rng, OPPO_CHANNELS),
        "ignoreIOSBadge": False,
        "iOSSound": "default",
    }
    if without_channel(rng):
        del sdk["androidOPPOChannelID"]
    return dumps(sdk, rng)


FAULTS = [
    "ext-missing-entity",
    "ext-not-json",
    "ext-double-encoded",
    "entity-string",
    "custom-without-desc",
    "unparsable-line",
]


def faulty_record(rng, i, fault):
    cn, nick, content, ent = entity(rng, i)
    title, desc = title_desc(cn, nick, content, rng)
    good_ext = dumps({"entity": ent}, rng)
    if fault == "ext-missing-entity":
        ext = dumps(ent, rng)  # the fields, not wrapped in {"entity": ...}
    elif fault == "ext-not-json":
        ext = (
            "{entity:{sender:'%s',chatType:%d}}" % (ent["sender"], ent["chatType"])
            if rng.random() < 0.5
            else good_ext[: len(good_ext) // 2]
        )
    elif fault == "ext-double-encoded":
        if rng.random() < 0.5:
            ext = json.dumps(good_ext)  # a string holding a JSON string
        else:
            ext = {"entity": ent}  # an object where a string belongs
    elif fault == "entity-string":
        ext = dumps({"entity": dumps(ent, rng)}, rng)
    elif fault == "custom-without-desc":
        info = offline_push_info(rng, title, desc, good_ext)
        del info["Desc"]
        body = [
            {
                "MsgType": "TIMCustomElem",
                "MsgContent": {"Data": dumps({"businessID": "order", "orderId": i}, rng)},
            }
        ]
        return dumps(sendmsg(rng, i, info, body), rng)
    elif fault == "unparsable-line":
        line = dumps(sendmsg(rng, i, offline_push_info(rng, title, desc, good_ext)), rng)
        return line[: rng.randrange(10, len(line) - 5)]
    else:
        raise ValueError(fault)
    shape = rng.random()
    if shape < 0.5:
        return dumps(sendmsg(rng, i, offline_push_info(rng, title, desc, ext)), rng)
    if shape < 0.8:
        return dumps(offline_push_info(rng, title, desc, ext), rng)
    return dumps(
        {
            "title": title,
            "description": desc,
            "extension": ext,
            "androidOPPOChannelID": pick(rng, OPPO_CHANNELS),
        },
        rng,
    )


def build_pool(rng, size, faulty):
    n_faulty = round(size * faulty)
    pool = [faulty_record(rng, i, FAULTS[i % len(FAULTS)]) for i in range(n_faulty)]
    pool += [good_record(rng, i) for i in range(n_faulty, size)]
    kinds = [FAULTS[i % len(FAULTS)] for i in range(n_faulty)] + ["good"] * (size - n_faulty)
    return [(line + "\n").encode("utf-8") for line in pool], kinds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, required=True, help="output size in MiB (2^20 bytes)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--faulty", type=float, default=0.05, help="share of faulty records (0.05)")
    ap.add_argument("--pool", type=int, default=4000, help="distinct lines to sample from")
    ap.add_argument("--no-channel", type=float, default=0.0,
                    help="share of good records without an OPPO channel ID (0; 0.33 floods warnings)")
    ap.add_argument("--stats", action="store_true", help="print the record mix on stderr")
    args = ap.parse_args()
    global NO_CHANNEL
    NO_CHANNEL = args.no_channel

    rng = random.Random(args.seed)
    pool, kinds = build_pool(rng, args.pool, args.faulty)
    target = int(args.mb * MIB)
    out = sys.stdout.buffer
    written = 0
    counts = {}
    n = len(pool)
    chunk = []
    chunk_bytes = 0
    # Sampling is uniform over the pool, so the faulty share matches --faulty on average.
    while written < target:
        idx = rng.randrange(n)
        line = pool[idx]
        chunk.append(line)
        chunk_bytes += len(line)
        written += len(line)
        if args.stats:
            counts[kinds[idx]] = counts.get(kinds[idx], 0) + 1
        if chunk_bytes >= 4 * MIB:
            out.write(b"".join(chunk))
            chunk, chunk_bytes = [], 0
    out.write(b"".join(chunk))
    out.flush()
    if args.stats:
        total = sum(counts.values())
        sys.stderr.write("%d records, %d bytes\n" % (total, written))
        for kind, c in sorted(counts.items()):
            sys.stderr.write("  %-22s %9d  %5.2f%%\n" % (kind, c, 100.0 * c / total))


if __name__ == "__main__":
    main()
