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
