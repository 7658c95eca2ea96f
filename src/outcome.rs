//! What a vendor answered, as data: the result of each push or authentication and what it was
//! aimed at. Vendors and the emulator produce these; `render/` only presents them.

use std::fmt;

use serde::Serialize;

use crate::vendor::Vendor;

/// What became of a push or an authentication.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The vendor said yes.
    Accepted,
    /// The vendor said no (its code and message say why; a finding explains it).
    Rejected,
    /// No usable answer: unreachable, still failing after retries, or a body that is not the
    /// vendor's. Whether the vendor acted is unknown.
    Unreachable,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::Rejected => "rejected",
            Outcome::Unreachable => "unreachable",
        }
    }
}

/// What a request was aimed at. In JSON output (`results[].target`, a contract field) it is a
/// string: `auth`, `validate_only`, or the device token / user ID itself.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// An authentication (a token request, or Tencent IM's admin account check).
    Auth,
    /// A check that validates without delivering (Huawei's and FCM's `validate_only` send).
    CredentialCheck,
    /// A device token (vivo regId, APNs token, …) or, for Tencent IM, a user ID.
    Device(String),
}

impl Target {
    /// A device token or user ID.
    pub fn device(token: impl Into<String>) -> Target {
        Target::Device(token.into())
    }

    /// The contract's spelling.
    pub fn as_str(&self) -> &str {
        match self {
            Target::Auth => "auth",
            Target::CredentialCheck => "validate_only",
            Target::Device(token) => token,
        }
    }

    /// A push to a device, as opposed to an authentication or a credential check.
    pub fn is_device(&self) -> bool {
        matches!(self, Target::Device(_))
    }
}

/// A bare token or user ID is a device target.
impl From<&str> for Target {
    fn from(token: &str) -> Target {
        Target::Device(token.to_owned())
    }
}

impl From<&String> for Target {
    fn from(token: &String) -> Target {
        Target::Device(token.clone())
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Target {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A vendor's own code for its answer: a number (vivo `result`, Huawei `code`), or a word where
/// the vendor's code is one (an OAuth server's `error`: Honor's `invalid_client`). In JSON, the
/// number or the string as it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum AnswerCode {
    Number(i64),
    Word(String),
}

impl AnswerCode {
    /// The code as a number, when it is one.
    pub fn number(&self) -> Option<i64> {
        match self {
            AnswerCode::Number(code) => Some(*code),
            AnswerCode::Word(_) => None,
        }
    }
}

impl std::fmt::Display for AnswerCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerCode::Number(code) => write!(f, "{code}"),
            AnswerCode::Word(word) => f.write_str(word),
        }
    }
}

/// One push or authentication attempted against a vendor: the JSON output's `results` entries
/// (`cli-contract.md`, docs/output.md). Retries of one request make one result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PushResult {
    pub vendor: Vendor,
    /// The device token pushed to, or what else the request was for.
    pub target: Target,
    pub outcome: Outcome,
    /// The last HTTP status received, if any answer came.
    pub http_status: Option<u16>,
    /// The vendor's own result code (vivo `result`), or its error word (an OAuth server's
    /// `error`, `invalid_client`), when it gave one.
    pub vendor_code: Option<AnswerCode>,
    /// The vendor's own message (vivo `desc`), when it gave one.
    pub vendor_message: Option<String>,
    /// The vendor's id for an accepted push (vivo `taskId`).
    pub message_id: Option<String>,
    /// Wall time over every try, backoff included.
    pub elapsed_ms: u64,
}
