//! Issue 15 end to end: pushes go through a running `pushdiag emulate` (Tencent IM forwards them
//! to the emulated vendors, as Tencent's push service does), and pushdiag's push-service
//! commands read back what happened from the emulator's statistics, loss and trace APIs.

use serde_json::Value;

use crate::emulate::{emulate, run_in};

/// One offline push to each built-in user that fails at a hop, and one to the healthy user;
/// then `loss` sees the -1, -2 and vendor buckets with their counts, and exits 1 for the
/// app-caused `-1` bucket.
#[test]
fn loss_counts_what_happened_to_real_pushes() {
    let running = emulate(&[]);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("pushdiag.toml"), &running.config).expect("write");
    for user in ["nocert", "notoken", "gone", "healthy"] {
        let (code, document, stderr) = run_in(
            dir.path(),
            &running.exports,
            &["send-test", "--via", "tim", "--to", user],
        );
        assert_ne!(code, 3, "{user}: {document:#}\n{stderr}");
    }
    // Tencent's analysis APIs take one call per second each.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (code, document, stderr) = run_in(dir.path(), &running.exports, &["loss", "--since", "1h"]);
    assert_eq!(code, 1, "{document:#}\n{stderr}");
    let loss = &document["loss"];
    let bucket = |code: &str| -> u64 {
        loss["buckets"]
            .as_array()
            .expect("buckets")
            .iter()
            .filter(|b| b["code"] == code)
            .map(|b| b["count"].as_u64().expect("count"))
            .sum()
    };
    assert_eq!(
        (bucket("-1"), bucket("-2"), bucket("10302")),
        (1, 1, 1),
        "{loss:#}"
    );
    let rules: Vec<&str> = document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(rules.contains(&"push-loss-no-cert-id"), "{document:#}");
    assert!(loss["total"].as_u64().expect("total") >= 4, "{loss:#}");
    let _: &Value = &loss["platforms"];
}

/// The `[tim] endpoint` of the banner's config: the running emulator's Tencent IM base URL.
fn tim_endpoint(config: &str) -> String {
    let line = config
        .lines()
        .skip_while(|line| *line != "[tim]")
        .find(|line| line.starts_with("endpoint = "))
        .expect("[tim] endpoint");
    line.trim_start_matches("endpoint = ")
        .trim_matches('"')
        .to_owned()
}

/// The emulator's own listing of the pushes it made (not Tencent's API).
fn push_records(endpoint: &str, user: &str) -> Value {
    let url = format!("{endpoint}/_emulator/push_records?user={user}");
    let address = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .expect("host:port")
        .to_owned();
    let path = url
        .trim_start_matches("http://")
        .trim_start_matches(&address);
    let mut stream = std::net::TcpStream::connect(&address).expect("connect");
    use std::io::{Read, Write};
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("answer");
    let body = answer.split("\r\n\r\n").nth(1).expect("body");
    // A chunked body is one chunk here: drop its size lines.
    let body = body
        .lines()
        .find(|line| line.starts_with('{'))
        .expect("JSON body");
    serde_json::from_str(body).expect("JSON")
}

fn rules(document: &Value) -> Vec<String> {
    document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "error")
        .filter_map(|f| f["rule"].as_str().map(str::to_owned))
        .collect()
}

/// The hop statuses of the first device of a `trace` array.
fn hops(document: &Value) -> Vec<(String, String)> {
    document["trace"][0]["hops"]
        .as_array()
        .unwrap_or_else(|| panic!("no hops: {document:#}"))
        .iter()
        .map(|h| {
            (
                h["hop"].as_str().expect("hop").to_owned(),
                h["status"].as_str().expect("status").to_owned(),
            )
        })
        .collect()
}

/// `send-test --via timpush` to each built-in user, and `trace` of what happened: the chain dies
/// where the user's state says, with the rule that names why; the healthy user's push arrives.
#[test]
fn send_test_via_timpush_and_trace_show_where_each_push_died() {
    let running = emulate(&[]);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("pushdiag.toml"), &running.config).expect("write");
    let send = |user: &str| {
        let args = [
            "send-test",
            "--via",
            "timpush",
            "--to",
            user,
            "--wait",
            "5s",
        ];
        run_in(dir.path(), &running.exports, &args)
    };
    let cases = [
        ("healthy", 0, None, "ok"),
        ("gone", 1, Some("push-hop-failed"), "failed"),
        ("nocert", 1, Some("push-cert-id-missing"), "not_reached"),
        ("muted", 1, Some("notification-disabled"), "ok"),
    ];
    for (user, exit, rule, vendor_hop) in cases {
        let (code, document, stderr) = send(user);
        assert_eq!(code, exit, "{user}: {document:#}\n{stderr}");
        let errors = rules(&document);
        match rule {
            Some(rule) => assert!(errors.iter().any(|r| r == rule), "{user}: {document:#}"),
            None => assert!(errors.is_empty(), "{user}: {document:#}"),
        }
        let vendor = hops(&document)
            .into_iter()
            .find(|(hop, _)| hop == "vendor")
            .map(|(_, status)| status);
        assert_eq!(vendor.as_deref(), Some(vendor_hop), "{user}: {document:#}");
    }
    // The vendor's own code is at the vendor hop.
    let (_, document, _) = send("gone");
    let vendor = &document["trace"][0]["hops"][2];
    assert_eq!(
        (vendor["hop"].as_str(), vendor["code"].as_i64()),
        (Some("vendor"), Some(10302))
    );

    // `trace --push-id` for a message's push (sendmsg), with the PushID from the emulator's
    // listing, as a developer takes it from the Push.OfflinePush callback.
    let (code, _, stderr) = run_in(
        dir.path(),
        &running.exports,
        &["send-test", "--via", "tim", "--to", "gone"],
    );
    assert_ne!(code, 3, "{stderr}");
    let records = push_records(&tim_endpoint(&running.config), "gone");
    let push_id = records["records"]
        .as_array()
        .expect("records")
        .iter()
        .rev()
        .find_map(|r| r["push_id"].as_str())
        .unwrap_or_else(|| panic!("no PushID in {records:#}"))
        .to_owned();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (code, document, stderr) = run_in(
        dir.path(),
        &running.exports,
        &["trace", "--push-id", &push_id],
    );
    assert_eq!(code, 1, "{document:#}\n{stderr}");
    assert!(
        rules(&document).contains(&"push-hop-failed".to_owned()),
        "{document:#}"
    );
}

/// The `tim` checklist with `--user` sends a test push through Tencent's push service and traces
/// it: the step fails with the hop's rule for a receiver whose push dies, and passes for one whose
/// push arrives.
#[test]
fn the_tim_checklist_traces_a_test_push_to_the_user() {
    let running = emulate(&[]);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("pushdiag.toml"), &running.config).expect("write");
    let step = |user: &str| {
        let args = ["checklist", "--vendor", "tim", "--user", user];
        let (_, document, stderr) = run_in(dir.path(), &running.exports, &args);
        let step = document["steps"]
            .as_array()
            .unwrap_or_else(|| panic!("no steps: {document:#}\n{stderr}"))
            .iter()
            .find(|s| s["id"] == "tim-push-trace")
            .cloned()
            .unwrap_or_else(|| panic!("no tim-push-trace step: {document:#}"));
        (step, document)
    };
    let (gone, document) = step("gone");
    assert_eq!(gone["status"], "failed", "{document:#}");
    assert!(
        gone["evidence"]
            .as_str()
            .is_some_and(|d| d.contains("push-hop-failed")),
        "{gone:#}"
    );
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (healthy, document) = step("healthy");
    assert_eq!(healthy["status"], "passed", "{document:#}");
}
