//! Every output format, for the same findings: human, JSON (the documented schema), GitHub
//! annotations and SARIF 2.1.0 (validated against the official schema, vendored in
//! `tests/schemas/`).

use serde_json::Value;

use crate::{pushdiag, run_json};

const MISSING_ENTITY: &str = r#"{"nick":"a"}"#;

#[test]
fn human_output_names_rule_location_and_help() {
    let output = pushdiag()
        .args(["lint-ext", MISSING_ENTITY])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(
        stdout,
        "error[ext-missing-entity]: ext has no \"entity\" object\n  --> <argument>:1:1\n   = help: wrap the custom fields in {\"entity\": {...}}: {\"entity\":{\"nick\":\"a\"}}\n1 error, 0 warnings, 0 notes; 1 item checked\n"
    );
}

#[test]
fn color_follows_flags_and_environment() {
    let colored = |args: &[&str], env: &[(&str, &str)]| {
        let mut command = pushdiag();
        command.args(["lint-ext", MISSING_ENTITY]).args(args);
        for (k, v) in env {
            command.env(k, v);
        }
        let stdout = command.output().expect("ran").stdout;
        stdout.contains(&0x1b)
    };
    assert!(
        !colored(&[], &[]),
        "auto: stdout is a pipe here, so no colour"
    );
    assert!(colored(&["--color", "always"], &[]));
    assert!(colored(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(!colored(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
    assert!(
        !colored(&["--color", "always", "--format", "json"], &[]),
        "JSON never has colour"
    );
}

#[test]
fn quiet_and_verbose() {
    let run = |args: &[&str]| {
        let output = pushdiag()
            .args(["lint-ext", r#"{"entity":{},"a":1,"a":2}"#])
            .args(args)
            .output()
            .expect("ran");
        (
            String::from_utf8(output.stdout).expect("UTF-8"),
            String::from_utf8(output.stderr).expect("UTF-8"),
        )
    };
    let (normal, _) = run(&[]);
    assert!(
        normal.contains("warning[ext-duplicate-key]") && normal.contains("0 errors, 1 warning")
    );
    let (quiet, _) = run(&["-q"]);
    assert!(
        quiet.contains("warning[ext-duplicate-key]") && !quiet.contains("checked"),
        "{quiet}"
    );
    let (very_quiet, _) = run(&["-qq"]);
    assert_eq!(very_quiet, "");
    let (_, verbose_err) = run(&["-v"]);
    assert!(
        verbose_err.contains("checked 1 record(s) from the argument"),
        "{verbose_err}"
    );
}

#[test]
fn json_document_has_the_documented_fields() {
    let (code, document) = run_json(&["lint-ext", MISSING_ENTITY], None);
    assert_eq!(code, 1);
    assert_eq!(document["schema_version"], 1);
    assert_eq!(document["tool"], "pushdiag");
    assert_eq!(document["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(document["command"], "lint-ext");
    assert_eq!(document["results"], Value::Array(vec![]));
    assert_eq!(
        document["summary"],
        serde_json::json!({"errors": 1, "warnings": 0, "notes": 0, "checked": 1})
    );
    let finding = &document["findings"][0];
    assert_eq!(finding["rule"], "ext-missing-entity");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["vendor"], Value::Null);
    assert_eq!(finding["message"], "ext has no \"entity\" object");
    assert!(finding["help"]
        .as_str()
        .expect("help")
        .contains("\"entity\""));
    assert_eq!(
        finding["location"],
        serde_json::json!({"source": "<argument>", "line": 1, "column": 1, "offset": 0, "pointer": ""})
    );
}

#[test]
fn json_output_is_valid_with_no_findings_and_with_many() {
    let (code, document) = run_json(&["lint-ext", r#"{"entity":{}}"#], None);
    assert_eq!(code, 0);
    assert_eq!(document["findings"], Value::Array(vec![]));
    let lines = "{\"a\":1}\n".repeat(50);
    let (code, document) = run_json(&["lint-ext", "--jsonl"], Some(lines.as_bytes()));
    assert_eq!(code, 1);
    assert_eq!(document["findings"].as_array().expect("array").len(), 50);
    assert_eq!(document["summary"]["checked"], 50);
}

#[test]
fn severity_overrides() {
    let (code, document) = run_json(
        &["lint-ext", MISSING_ENTITY, "--warn", "ext-missing-entity"],
        None,
    );
    assert_eq!(
        (code, document["findings"][0]["severity"].as_str()),
        (0, Some("warning"))
    );
    let (code, document) = run_json(
        &["lint-ext", MISSING_ENTITY, "--allow", "ext-missing-entity"],
        None,
    );
    assert_eq!(
        (code, document["findings"].as_array().map(Vec::len)),
        (0, Some(0))
    );
    let duplicate = r#"{"entity":{},"a":1,"a":2}"#;
    let (code, _) = run_json(&["lint-ext", duplicate], None);
    assert_eq!(code, 0, "a warning alone exits 0");
    let (code, document) = run_json(&["lint-ext", duplicate, "--deny", "warnings"], None);
    assert_eq!(
        (code, document["findings"][0]["severity"].as_str()),
        (1, Some("error"))
    );
    let output = pushdiag()
        .args(["lint-ext", "{}", "--deny", "ext-missing-entty"])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("ext-missing-entity"),
        "suggests the rule"
    );
}

#[test]
fn github_annotations_escape_and_name_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("push,1.json");
    std::fs::write(&path, "{\n  \"Title\": \"t\",\n  \"Ext\": \"{\\\"nick\\\":\\\"100%\\\"}\",\n  \"AndroidInfo\": {\"OPPOChannelID\": \"c\", \"XiaoMiChannelID\": \"x\"}\n}\n").expect("write");
    let output = pushdiag()
        .args(["lint-ext", "--format", "github", "--file"])
        .arg(&path)
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let file = path.display().to_string().replace(',', "%2C");
    assert_eq!(
        stdout,
        format!("::error title=pushdiag (ext-missing-entity),file={file},line=3,col=11::ext has no \"entity\" object (at /Ext)%0Ahelp: wrap the custom fields in {{\"entity\": {{...}}}}: {{\"entity\":{{\"nick\":\"100%25\"}}}}\n")
    );
}

pub fn sarif_schema() -> jsonschema::JSONSchema {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/schemas/sarif-schema-2.1.0.json"
    ))
    .expect("vendored SARIF schema");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::JSONSchema::compile(&schema).expect("SARIF schema compiles")
}

pub fn sarif_errors(schema: &jsonschema::JSONSchema, document: &Value) -> Vec<String> {
    match schema.validate(document) {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect(),
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema = sarif_schema();
    // The validator itself must reject a broken document, or this test proves nothing.
    let broken = serde_json::json!({"version": "9", "runs": []});
    assert!(!sarif_errors(&schema, &broken).is_empty());

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("messages.jsonl");
    std::fs::write(&path, "{\"Ext\":\"{\\\"nick\\\":1}\"}\nnot json\n{\"Ext\":\"{\\\"entity\\\":{}}\",\"Title\":\"t\"}\n").expect("write");
    for args in [
        vec!["lint-ext", r#"{"entity":{}}"#],
        vec!["lint-ext", "--jsonl", path.to_str().expect("path")],
    ] {
        let output = pushdiag()
            .args(&args)
            .args(["--format", "sarif"])
            .output()
            .expect("ran");
        let document: Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");
        let errors = sarif_errors(&schema, &document);
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        let run = &document["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), pushdiag::findings::Rule::ALL.len());
        for result in run["results"].as_array().expect("results") {
            let index = result["ruleIndex"].as_u64().expect("index") as usize;
            assert_eq!(rules[index]["id"], result["ruleId"]);
        }
    }
    let output = pushdiag()
        .args(["lint-ext", "--format", "sarif", "--jsonl"])
        .arg(&path)
        .output()
        .expect("ran");
    let document: Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");
    let results = document["runs"][0]["results"].as_array().expect("results");
    let first = results
        .iter()
        .find(|r| r["ruleId"] == "ext-missing-entity")
        .expect("ext-missing-entity result");
    assert_eq!(first["ruleId"], "ext-missing-entity");
    assert_eq!(first["level"], "error");
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(1), Some(9)),
        "the ext's opening brace"
    );
    assert!(results.iter().any(|r| r["ruleId"] == "record-invalid-json"
        && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 2));
}

#[test]
fn format_can_come_from_the_environment() {
    let output = pushdiag()
        .args(["lint-ext", MISSING_ENTITY])
        .env("PUSHDIAG_FORMAT", "json")
        .output()
        .expect("ran");
    let document: Value =
        serde_json::from_slice(&output.stdout).expect("JSON from PUSHDIAG_FORMAT");
    assert_eq!(document["command"], "lint-ext");
}
