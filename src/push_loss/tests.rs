use super::*;
use crate::vendors::tim::timpush_stats::{self, TimeWindow};

const WINDOW: TimeWindow = TimeWindow {
    start: 1_000,
    end: 87_400,
};

fn object(value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    value.as_object().cloned().expect("object")
}

fn example() -> (Statistics, LossAnswer) {
    let stats = timpush_stats::statistics(&object(serde_json::json!({
        "TotalCount": 1000, "SentCount": 700, "DeliveredCount": 400, "ClickCount": 20,
        "PlatformStatistics": [
            {"PushPlatform": 1, "TotalCount": 400, "SentCount": 380, "DeliveredCount": 300, "ClickCount": 15},
            {"PushPlatform": 2, "TotalCount": 600, "SentCount": 320, "DeliveredCount": 100, "ClickCount": 5}
        ]
    })));
    let loss = timpush_stats::loss(&object(serde_json::json!({
        "ReadyToSendLoss": [{"ErrCode": "-1", "ErrCount": 167, "ErrInfo": "没有设置证书id"}, {"ErrCode": "-2", "ErrCount": 125, "ErrInfo": "没有上传token"}],
        "PostSendDeliveredLoss": [{"ErrCode": "1", "ErrCount": 217, "ErrInfo": "regid_invalid"}, {"ErrCode": "410", "ErrCount": 35, "ErrInfo": "Unregistered"}],
        "PlatformReadyToSendLoss": [{"PushPlatform": 1, "ErrCode": "-1", "ErrCount": 5, "ErrInfo": "没有设置证书id"}, {"PushPlatform": 2, "ErrCode": "-1", "ErrCount": 162, "ErrInfo": "没有设置证书id"}],
        "PlatformPostSendDeliveredLoss": [{"PushPlatform": 9, "ErrCode": "x", "ErrCount": 1, "ErrInfo": "?"}]
    })));
    (stats, loss)
}

#[test]
fn the_loss_percentage_is_lost_over_sendable() {
    let (stats, loss) = example();
    let model = PushLoss::new("24h", WINDOW, &stats, Some(&loss), None);
    assert_eq!(model.all.lost, Some(167 + 125 + 217 + 35));
    assert_eq!(model.all.loss_percent, Some(54.4));
    let apns = &model.platforms[0];
    assert_eq!(apns.platform, Platform(1));
    assert_eq!(apns.row.lost, Some(5));
    assert_eq!(apns.row.loss_percent, Some(1.3));
    // A platform only the loss answer names, and one pushdiag does not know: kept, shown raw.
    let unknown = &model.platforms[2];
    assert_eq!(unknown.platform.id(), "9");
    assert_eq!(unknown.row.total, 0);
    assert_eq!(unknown.row.loss_percent, None);
}

#[test]
fn zero_sendable_gives_no_percentage_and_no_division_by_zero() {
    assert_eq!(percent(5, 0), None);
    assert_eq!(percent(0, 0), None);
    assert_eq!(percent(1, 3), Some(33.3));
    let model = PushLoss::new(
        "24h",
        WINDOW,
        &Statistics::default(),
        Some(&LossAnswer::default()),
        Some(0.0),
    );
    assert_eq!(model.all.loss_percent, None);
    assert!(model.findings().is_empty(), "nothing sent is not a loss");
}

#[test]
fn the_cert_id_bucket_is_a_finding_with_its_platforms() {
    let (stats, loss) = example();
    let findings = PushLoss::new("24h", WINDOW, &stats, Some(&loss), None).findings();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let finding = &findings[0];
    assert_eq!(finding.rule, Rule::PushLossNoCertId);
    assert!(
        finding
            .message
            .starts_with("-1 no certificate ID: 167 pushes were lost since 24h"),
        "{}",
        finding.message
    );
    assert!(
        finding.message.contains("(APNs 5, Xiaomi 162)"),
        "{}",
        finding.message
    );
    assert!(finding
        .help
        .as_deref()
        .is_some_and(|h| h.contains("app-business-id-missing")));
}

#[test]
fn max_loss_reports_only_above_the_threshold() {
    let (stats, loss) = example();
    let rules = |max: f64| -> Vec<Rule> {
        PushLoss::new("24h", WINDOW, &stats, Some(&loss), Some(max))
            .findings()
            .iter()
            .map(|f| f.rule)
            .collect()
    };
    assert!(rules(5.0).contains(&Rule::PushLossAboveThreshold));
    assert!(!rules(54.4).contains(&Rule::PushLossAboveThreshold));
    assert!(!rules(60.0).contains(&Rule::PushLossAboveThreshold));
}

#[test]
fn without_buckets_there_is_no_loss_figure() {
    let (stats, _) = example();
    let model = PushLoss::new("14d", WINDOW, &stats, None, None);
    assert!(!model.has_buckets());
    assert_eq!(model.all.lost, None);
    assert_eq!(model.all.loss_percent, None);
    assert!(model.findings().is_empty());
}

#[test]
fn the_json_shape_is_the_documented_one() {
    let (stats, loss) = example();
    let value = serde_json::to_value(PushLoss::new("24h", WINDOW, &stats, Some(&loss), Some(5.0)))
        .expect("json");
    for key in [
        "since",
        "start_time",
        "end_time",
        "total",
        "sent",
        "delivered",
        "clicked",
        "lost",
        "loss_percent",
        "buckets",
        "platforms",
        "max_loss",
    ] {
        assert!(value.get(key).is_some(), "{key}: {value}");
    }
    let bucket = &value["buckets"][0];
    assert_eq!(bucket["stage"], "ready_to_send");
    assert_eq!(bucket["cause"], "app_setup");
    assert_eq!(bucket["rule"], "push-loss-no-cert-id");
    assert_eq!(bucket["platform"], serde_json::Value::Null);
    assert_eq!(value["platforms"][0]["platform"], "apns");
    assert_eq!(value["platforms"][0]["push_platform"], 1);
    assert_eq!(value["buckets"][3]["vendor"], "apns");
}
